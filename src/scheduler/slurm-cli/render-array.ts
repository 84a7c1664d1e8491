/**
 * The job array script of a sweep chunk: one script, one `sbatch --array`,
 * every task a run. Pure. Keeps render.ts's guarantees:
 * - directives only from validated values: the job name and log paths are
 *   made of the validated iteration path, the checkout and safe-token run
 *   ids; `%A`/`%a` are the only `%` patterns, added here on purpose (sbatch
 *   expands them to the array's id and the task's index), so each task's
 *   logs land in its own run directory `runs/<prefix><index>/logs/`;
 * - every task value (run id, command line, parameters JSON, index) reaches
 *   the shell single-quoted (or ANSI-C quoted) in the task table, so a
 *   parameter value is data, never shell text;
 * - the body (sentinel, traps, process group, setup, env) is render.ts's,
 *   reading the run from the table: `AUTOLAB_RUN_DIR` is the task's own.
 */
import { AutolabError } from "../../util/errors.js";
import { bashQuote, shellQuote } from "../../util/shell.js";
import type { ArrayRequest, JobRequest } from "../port.js";
import {
  absolute,
  body,
  clusterArgv,
  common,
  computeDirectives,
  directiveLine,
  finish,
  type ArrayTable,
  type Directive,
  type RenderedScript,
} from "./render.js";
import { requireSafeToken } from "./values.js";

const json = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? String(x) : x));

function sameShared(a: JobRequest, b: JobRequest): boolean {
  return (
    a.workDir === b.workDir &&
    a.iterationPath === b.iterationPath &&
    a.iterationId === b.iterationId &&
    json(a.setup) === json(b.setup) &&
    json(a.env) === json(b.env) &&
    json(a.resources) === json(b.resources)
  );
}

/** The rendered array script of one chunk (the tasks in array-index order). */
export function renderArray(a: ArrayRequest): RenderedScript {
  if (a.tasks.length === 0) throw new AutolabError("internal error: an array needs at least one task");
  const first = a.tasks[0].request;
  const prefix = requireSafeToken(a.runPrefix, "array run prefix");
  const name = requireSafeToken(a.name, "array job name");
  const lines: string[] = [];
  a.tasks.forEach((t, i) => {
    const r = t.request;
    if (r.runId !== `${prefix}${i}`)
      throw new AutolabError(`internal error: array task ${i} is run ${r.runId}, not ${prefix}${i}`);
    if (!sameShared(first, r))
      throw new AutolabError(`internal error: array task ${i} differs in more than its command`);
    const vars = [
      `autolab_run_id=${shellQuote(r.runId)}`,
      `autolab_command=${bashQuote(r.command)}`,
      ...t.env.map(([k, v]) => {
        if (!/^AUTOLAB_[A-Z_]+$/.test(k)) throw new AutolabError(`internal error: task variable ${k}`);
        return `export ${k}=${bashQuote(v)}`;
      }),
    ];
    lines.push(`  ${i}) ${vars.join("; ")} ;;`);
  });
  const c = common(first);
  const runsDirAbs = absolute(c.repoRoot, `${c.iterationPath}/runs`);
  const table: ArrayTable = {
    runsDirAbs,
    lines,
    title: `${name}, ${a.tasks.length} task(s) ${prefix}0..${prefix}${a.tasks.length - 1}`,
  };
  const logDir = `${runsDirAbs}/${prefix}%a/logs`;
  const directives: Directive[] = [
    { option: "--job-name", value: name },
    { option: "--output", value: `${logDir}/slurm-%A_%a.out` },
    { option: "--error", value: `${logDir}/slurm-%A_%a.err` },
    { option: "--open-mode", value: "append" },
    { option: "--chdir", value: c.repoRoot },
    ...computeDirectives(first.resources),
  ];
  const script = finish(["#!/bin/bash", ...directives.map(directiveLine), ...body(c, "slurm", table)]);
  const runsRel = `${c.iterationPath}/runs`;
  return {
    script,
    jobName: name,
    directives,
    command: first.command,
    logPaths: {
      stdout: `${runsRel}/${prefix}%a/logs/slurm-%A_%a.out`,
      stderr: `${runsRel}/${prefix}%a/logs/slurm-%A_%a.err`,
    },
    sentinelPath: `${runsRel}/${prefix}%a/job_sentinel.json`,
  };
}

/** argv for sbatch of a chunk: `--parsable --array=0-(n-1)[%N] --export=ALL,AUTOLAB_ITERATION_ID=.. <script>`. */
export function sbatchArrayArgv(scriptPath: string, a: ArrayRequest, arraySpec: string): string[] {
  if (!/^[0-9]+(-[0-9]+)?(%[0-9]+)?$/.test(arraySpec))
    throw new AutolabError(`internal error: array spec ${JSON.stringify(arraySpec)}`);
  const iterationId = requireSafeToken(a.tasks[0].request.iterationId, "iteration id");
  if (typeof scriptPath !== "string" || scriptPath === "" || scriptPath.includes("\0")) {
    throw new AutolabError(`script path ${JSON.stringify(scriptPath)} is not usable`);
  }
  const p = scriptPath.startsWith("-") ? `./${scriptPath}` : scriptPath;
  const cluster = clusterArgv(a.tasks[0].request.resources.cluster);
  return ["--parsable", `--array=${arraySpec}`, ...cluster, `--export=ALL,AUTOLAB_ITERATION_ID=${iterationId}`, p];
}
