/**
 * Renders the job script of a run from its design: `run_slurm.sbatch` for
 * SLURM, `run_local.sh` for local runs. Pure (data in, text out) and
 * deterministic: the same input gives byte-identical text (no timestamps; env
 * keys and entrypoint args are sorted).
 *
 * Decisions (each tested in __tests__/render*.test.ts):
 *
 * - Directives only from validated values. Every `#SBATCH` line is built from
 *   a value that `values.ts` reduced to a small ASCII alphabet, or from the
 *   run id / iteration id / paths checked here. `#SBATCH` lines are NOT
 *   shell-parsed (quoting cannot protect them): sbatch splits them on
 *   whitespace, strips quotes and backslashes, stops at an unquoted `#` and
 *   reads `hetjob`/`packjob` as a job separator. A value that could do any of
 *   that is refused with an AutolabError naming its design path.
 * - Run id and iteration id must be safe tokens (`[A-Za-z0-9][A-Za-z0-9_.-]*`):
 *   they appear in the job name, in file names and in sbatch's comma-separated
 *   `--export=` list, which has no escaping at all.
 * - `--chdir` is the repository checkout (absolute). `--output`/`--error` are
 *   absolute paths under `runs/<run_id>/logs/`, so they cannot depend on how
 *   sbatch resolves relative paths. Those paths must be made of
 *   `[A-Za-z0-9_.@+/-]` (no whitespace, quotes, `#`, or `%`, which sbatch
 *   expands in file names). SLURM does not create the log directory: the
 *   caller must create `runs/<run_id>/logs/` before `sbatch`, or the job fails
 *   with exit 0:53.
 * - `--open-mode=append` so the logs of a requeued job keep the first attempt.
 * - SLURM stops reading `#SBATCH` at the first line that is neither blank nor
 *   a comment (sbatch(1): "Once the first non-comment, non-whitespace line has
 *   been reached in the script, no more #SBATCH directives will be
 *   processed"). The body's first command comes right after the directives,
 *   and `runtime.setup` lines (the user's own commands, verbatim) come well
 *   after it, so they cannot add directives; a setup line that looks like a
 *   directive (`#SBATCH`, `#PBS`, `#BSUB`) or holds a line break is refused
 *   anyway. The render test submits such a script to a real cluster to check.
 * - `runtime.env` values may be any string: they are single-quoted (or, when
 *   they hold a CR or another control character, ANSI-C quoted `$'...'`), so
 *   `$(...)`, backticks, quotes and newlines reach the job as data. The script
 *   text itself never carries a raw CR.
 * - The command (`entrypoint.cli` verbatim, or `<python_bin> -m <module>` with
 *   every word quoted) is stored single-quoted in a variable and run with
 *   `eval` in a subshell: a malformed command line fails at run time (exit 2,
 *   recorded) instead of breaking the script around it, and it still sees the
 *   functions and variables the setup lines defined.
 * - Evidence: `runs/<run_id>/job_sentinel.json`, written atomically (temp file
 *   in the same directory + `mv`): at start `{run_id, job_id, host,
 *   started_at, ended_at: null, exit_code: null, signal: null}`, then the full
 *   record from an EXIT trap however the script ends (normal end, `exit`, a
 *   failing setup line). SIGTERM (scancel, time limit, `timeout`), SIGINT and
 *   SIGHUP are trapped: the command is run in its own process group
 *   (`set -m` while starting it), the signal is passed on as SIGTERM to the
 *   whole group, the trap waits for it and exits 128+n (143 for SIGTERM),
 *   recording `signal: "TERM"`. SIGKILL (SLURM sends it KillWait seconds
 *   after SIGTERM when the command has not ended) cannot be trapped: the
 *   sentinel then keeps `ended_at: null`, and the scheduler's record decides.
 *   `job_id` is `SLURM_JOB_ID` (digits only) in the SLURM script and null in
 *   the local one.
 * - Setup lines run under `set -e`: a failing line ends the job with its exit
 *   status (recorded). The command runs without `set -e`.
 * - The local script appends its stdout/stderr to `runs/<run_id>/logs/
 *   run_local.out|.err` itself, so running it by hand leaves the same evidence.
 * - `SIGUSR1/2` (`compute.checkpoint_signal` -> `--signal=B:<sig>@<t>`) are
 *   passed on to the command's process group and the script keeps waiting;
 *   the sentinel also records the command's own exit status, the checkpoint
 *   signal and whether the command asked to be resumed (render-workload.ts).
 */
import { splitCommandLine } from "../../domain/placeholders.js";
import type { Design } from "../../contract/types.js";
import { AutolabError } from "../../util/errors.js";
import { bashQuote, shellJoin, shellQuote } from "../../util/shell.js";
import type { JobRequest, JobResources, MemorySize } from "../port.js";
import { runWorkload, sentinelWriter, signalTraps, workloadVariables } from "./render-workload.js";
import { signalDirective } from "./values-longjobs.js";
import {
  type Directive,
  type NormalizedCompute,
  formatSlurmTime,
  normalizeCompute,
  normalizeEntrypoint,
  normalizeRuntime,
  requireDirectivePath,
  requireSafeToken,
} from "./values.js";

export type { Directive } from "./values.js";

export interface RenderInput {
  /** The design (extension fields: compute.cpus_per_task/account/constraint/sbatch_options, runtime.setup/env). */
  design: Design;
  runId: string;
  iterationId: string;
  /** Repository-relative, e.g. `experiments/in_progress/it1`. */
  iterationPath: string;
  /** Absolute path of the checkout on the machine that runs the job (the job cds here). */
  repoRoot: string;
  /** From policy; one word (quoted as such). */
  pythonBin: string;
  /** A sweep task's parameters (merged over entrypoint.args) and its AUTOLAB_* variables. */
  task?: { params: Record<string, string | number | boolean>; env: Array<[string, string]> };
}

export interface RenderedScript {
  /** Full text, LF line ends, ends with a newline. */
  script: string;
  /** `autolab-<run_id>`. */
  jobName: string;
  /** What became `#SBATCH` lines, in order (empty for the local script). */
  directives: Directive[];
  /** The shell command line the job runs (for the manifest's `command`). */
  command: string;
  /** Repository-relative log paths (`%j` = job id for SLURM). */
  logPaths: { stdout: string; stderr: string };
  /** Repository-relative path of the sentinel. */
  sentinelPath: string;
}

export { SENTINEL_FILE } from "../../domain/layout.js";
import { SENTINEL_FILE } from "../../domain/layout.js";

export { jobNameFor } from "../../domain/layout.js";
import { jobNameFor } from "../../domain/layout.js";

/** Repository-relative run directory: `<iterationPath>/runs/<runId>`. */
export function runDirFor(iterationPath: string, runId: string): string {
  return `${iterationPath}/runs/${runId}`;
}

// ---------------------------------------------------------------------------
// The command

/** JSON with object keys sorted at every level (so the text does not depend on YAML key order). */
function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x !== null && typeof x === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x as Record<string, unknown>).sort())
        out[k] = sort((x as Record<string, unknown>)[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(sort(v));
}

function argWord(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return canonicalJson(v);
}

/**
 * argv words for `entrypoint.args`, keys sorted: true -> `--key`; false or
 * null -> nothing; list -> `--key item` per item (null items skipped, objects
 * as JSON); object -> `--key <compact JSON, keys sorted>`; string/number ->
 * `--key value`.
 */
export function argsToArgv(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(args).sort()) {
    const v = args[key];
    const flag = `--${key}`;
    if (v === true) out.push(flag);
    else if (v === false || v === null || v === undefined) continue;
    else if (Array.isArray(v)) {
      for (const item of v) {
        const w = argWord(item);
        if (w !== undefined) out.push(flag, w);
      }
    } else {
      out.push(flag, argWord(v) as string);
    }
  }
  return out;
}

/**
 * The command line the job runs: `entrypoint.cli` verbatim (the user's own
 * command), else `<pythonBin> -m <module> <args...>` with every word
 * shell-quoted. Throws an AutolabError naming the design path when invalid.
 */
function splitPythonBin(pythonBin: string): string[] {
  try {
    return splitCommandLine(pythonBin, { what: "python_bin" });
  } catch {
    return [];
  }
}

export function buildCommand(design: Design, pythonBin: string, params?: Record<string, unknown>): string {
  const ep = normalizeEntrypoint(design);
  // A sweep point's parameters: merged over entrypoint.args, or appended (quoted) to entrypoint.cli.
  if (ep.kind === "cli")
    return params && Object.keys(params).length ? `${ep.cli} ${shellJoin(argsToArgv(params))}` : ep.cli;
  if (params) ep.args = { ...ep.args, ...params };
  // One rule for python_bin everywhere (job scripts, extract parsers): a command line split
  // quote-aware, so `env python3` or `conda run -n x python` work; a path with spaces is quoted.
  const py = typeof pythonBin === "string" && !/[\0\n\r]/.test(pythonBin) ? splitPythonBin(pythonBin) : [];
  if (py.length === 0) {
    throw new AutolabError(`python_bin ${JSON.stringify(pythonBin)} is not a usable program name`, {
      hint: "set python_bin in the policy to a program name or path, e.g. python3 (quote a path with spaces)",
    });
  }
  return shellJoin([...py, "-m", ep.module, ...argsToArgv(ep.args)]);
}

// ---------------------------------------------------------------------------
// Directives

/** `--time` text of a time limit (seconds, or unlimited). */
function slurmTime(t: number | "unlimited"): string {
  return t === "unlimited" ? "UNLIMITED" : formatSlurmTime(t);
}

export function computeDirectives(r: JobResources): Directive[] {
  const d: Directive[] = [];
  const add = (option: string, value: string | number | undefined) => {
    if (value !== undefined) d.push({ option, value: String(value) });
  };
  add("--time", r.timeLimit === undefined ? undefined : slurmTime(r.timeLimit));
  add("--mem", r.memory ? `${r.memory.amount}${r.memory.unit}` : undefined);
  add("--cpus-per-task", r.cpusPerTask);
  add(
    "--gres",
    r.gpus ? (r.gpus.type !== undefined ? `gpu:${r.gpus.type}:${r.gpus.count}` : `gpu:${r.gpus.count}`) : undefined,
  );
  add("--partition", r.partition);
  add("--qos", r.qos);
  add("--nodes", r.nodes);
  add("--account", r.account);
  add("--constraint", r.constraint);
  add("--clusters", r.cluster);
  if (r.checkpointSignal) d.push(signalDirective(r.checkpointSignal));
  d.push(...r.extraOptions);
  return d;
}

export function directiveLine(d: Directive): string {
  const text = d.value === undefined ? d.option : `${d.option}=${d.value}`;
  // Last line of defence: values.ts already guarantees this.
  if (!/^--[a-z][a-z0-9-]*(=[\x21-\x7e]+)?$/.test(text) || /[#"'\\]/.test(text)) {
    throw new AutolabError(`internal error: unsafe #SBATCH directive ${JSON.stringify(text)}`);
  }
  return `#SBATCH ${text}`;
}

// ---------------------------------------------------------------------------
// The script

export interface Common {
  runId: string;
  iterationId: string;
  iterationPath: string;
  repoRoot: string;
  runDir: string;
  command: string;
  setup: string[];
  env: Array<[string, string]>;
}

export function common(req: JobRequest): Common {
  return {
    runId: req.runId,
    iterationId: req.iterationId,
    iterationPath: req.iterationPath,
    repoRoot: req.workDir,
    runDir: runDirFor(req.iterationPath, req.runId),
    command: req.command,
    setup: req.setup,
    env: req.env,
  };
}

/** Seconds of a normalised SLURM time (`HH:MM:SS`, `D-HH:MM:SS`). */
function timeSeconds(t: string): number | "unlimited" {
  if (t === "UNLIMITED") return "unlimited";
  const m = /^(?:(\d+)-)?(\d+):(\d+):(\d+)$/.exec(t);
  if (!m) throw new AutolabError(`internal error: walltime ${JSON.stringify(t)} is not normalised`);
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

function resourcesOf(c: NormalizedCompute): JobResources {
  const r: JobResources = { extraOptions: c.extraOptions };
  if (c.time !== undefined) r.timeLimit = timeSeconds(c.time);
  if (c.mem !== undefined) {
    const m = /^(\d+)([KMGT])$/.exec(c.mem);
    if (!m) throw new AutolabError(`internal error: memory ${JSON.stringify(c.mem)} is not normalised`);
    r.memory = { amount: BigInt(m[1]), unit: m[2] as MemorySize["unit"] };
  }
  if (c.cpusPerTask !== undefined) r.cpusPerTask = c.cpusPerTask;
  if (c.nodes !== undefined) r.nodes = c.nodes;
  if (c.gres !== undefined) {
    const parts = c.gres.split(":");
    r.gpus = parts.length === 3 ? { count: Number(parts[2]), type: parts[1] } : { count: Number(parts[1]) };
  }
  for (const k of ["partition", "qos", "account", "constraint", "cluster"] as const)
    if (c[k] !== undefined) r[k] = c[k];
  if (c.checkpointSignal) r.checkpointSignal = c.checkpointSignal;
  return r;
}

/**
 * The run's job request from its design: every value validated and
 * normalised (run id, iteration id and paths first, then runtime, the
 * command, then compute). Throws an AutolabError naming the design path of
 * the first invalid value. Pure.
 */
export function jobRequest(input: RenderInput): JobRequest {
  const runId = requireSafeToken(input.runId, "run id");
  const iterationId = requireSafeToken(input.iterationId, "iteration id");
  const iterationPath = requireDirectivePath(input.iterationPath, "iteration path", false);
  const workDir = requireDirectivePath(input.repoRoot, "repository root", true);
  const runtime = normalizeRuntime(input.design);
  const command = buildCommand(input.design, input.pythonBin, input.task?.params);
  if (input.task) runtime.env = [...runtime.env, ...input.task.env].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const resources = resourcesOf(normalizeCompute(input.design));
  return {
    runId,
    iterationId,
    iterationPath,
    workDir,
    name: jobNameFor(runId),
    command,
    setup: runtime.setup,
    env: runtime.env,
    resources,
  };
}

export function absolute(repoRoot: string, rel: string): string {
  return repoRoot === "/" ? `/${rel}` : `${repoRoot}/${rel}`;
}

/**
 * An assignment whose single-quoted value is literal on purpose (an env value,
 * or a command line expanded later by eval): tell shellcheck, on that line
 * only, that `$`/backticks (SC2016), backslashes (SC1003) and a leading `~`
 * (SC2088) inside the quotes are meant as written.
 */
function literal(line: string, value: string): string[] {
  const codes: string[] = [];
  if (value.includes("\\")) codes.push("SC1003");
  if (/[$`]/.test(value)) codes.push("SC2016");
  if (value.startsWith("~")) codes.push("SC2088");
  return codes.length ? [`# shellcheck disable=${codes.join(",")}`, line] : [line];
}

/**
 * An array script's task table: per `SLURM_ARRAY_TASK_ID`, the task's run id
 * (a safe token), its command line and its AUTOLAB_* values, all quoted.
 */
export interface ArrayTable {
  /** Absolute `runs/` directory of the iteration (validated by the caller). */
  runsDirAbs: string;
  /** `case` lines that set autolab_run_id, autolab_command and the task's exports. */
  lines: string[];
  /** What the header says, e.g. `sweep X, tasks 0-11`. */
  title: string;
}

/** The lines that name the run: fixed for one run, from the task table for an array. */
function identity(c: Common, array: ArrayTable | undefined): string[] {
  if (!array) {
    const runDirAbs = absolute(c.repoRoot, c.runDir);
    return [
      `export RUN_ID=${shellQuote(c.runId)}`,
      `export AUTOLAB_RUN_ID=${shellQuote(c.runId)}`,
      `export AUTOLAB_ITERATION_ID=${shellQuote(c.iterationId)}`,
      `export AUTOLAB_RUN_DIR=${shellQuote(runDirAbs)}`,
      `autolab_run_id=${shellQuote(c.runId)}`,
      `autolab_sentinel=${shellQuote(`${runDirAbs}/${SENTINEL_FILE}`)}`,
      ...literal(`autolab_command=${bashQuote(c.command)}`, c.command),
    ];
  }
  return [
    "# The task table: this task's run, command and parameters (all values single-quoted).",
    "# shellcheck disable=SC1003,SC2016,SC2088",
    'case "${SLURM_ARRAY_TASK_ID:-}" in',
    ...array.lines,
    '  *) echo "autolab: array task ${SLURM_ARRAY_TASK_ID:-?} is not in this script\'s table" >&2; exit 1 ;;',
    "esac",
    'export RUN_ID="$autolab_run_id"',
    'export AUTOLAB_RUN_ID="$autolab_run_id"',
    `export AUTOLAB_ITERATION_ID=${shellQuote(c.iterationId)}`,
    `export AUTOLAB_RUN_DIR=${shellQuote(array.runsDirAbs)}/"$autolab_run_id"`,
    `autolab_sentinel="$AUTOLAB_RUN_DIR/${SENTINEL_FILE}"`,
  ];
}

export function body(c: Common, mode: "slurm" | "local", array?: ArrayTable): string[] {
  const L: string[] = [];
  L.push(
    array
      ? `# autolab job array script: ${array.title} of iteration ${c.iterationId}, rendered from ${c.iterationPath}/design.yaml.`
      : `# autolab job script: run ${c.runId} of iteration ${c.iterationId}, rendered from ${c.iterationPath}/design.yaml.`,
    "# Re-rendered by autolab; edits are overwritten. Design values appear here only validated",
    "# (directive lines) or single-quoted; runtime.setup lines are the design's own, verbatim.",
    "",
    ...identity(c, array),
    "autolab_started_at=",
    "autolab_signal=",
    "autolab_child=",
    ...workloadVariables(mode),
    // The command and where its evidence goes cannot be reassigned, not even by a setup line.
    "readonly autolab_run_id autolab_sentinel autolab_command",
    "",
  );
  L.push(...sentinelWriter(mode), "", ...signalTraps());
  L.push("", `cd -- ${shellQuote(c.repoRoot)} || exit 1`, 'mkdir -p -- "$AUTOLAB_RUN_DIR/logs" || exit 1');
  if (mode === "local") {
    L.push('exec >>"$AUTOLAB_RUN_DIR/logs/run_local.out" 2>>"$AUTOLAB_RUN_DIR/logs/run_local.err" || exit 1');
  }
  L.push("autolab_started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)", 'autolab_write_sentinel "" null');
  if (c.env.length) {
    L.push("", "# runtime.env (values are literal strings)");
    for (const [name, value] of c.env) L.push(...literal(`export ${name}=${bashQuote(value)}`, value));
  }
  if (c.setup.length) {
    L.push("", "# runtime.setup (the design's own lines, verbatim; a failing line ends the job)", "set -e");
    L.push(...c.setup);
    L.push("set +e");
  }
  L.push(...runWorkload());
  return L;
}

export function finish(lines: string[]): string {
  const text = lines.join("\n") + "\n";
  if (text.includes("\r") || text.includes("\0")) {
    throw new AutolabError("internal error: rendered script contains CR or NUL");
  }
  return text;
}

/** The SLURM batch script of a run. Throws an AutolabError naming the design path of any invalid value. */
export function renderSlurmScript(input: RenderInput): RenderedScript {
  return renderBatch(jobRequest(input));
}

/** The SLURM batch script of a validated request. Pure. */
export function renderBatch(req: JobRequest): RenderedScript {
  const c = common(req);
  const jobName = req.name;
  const logDirAbs = absolute(c.repoRoot, `${c.runDir}/logs`);
  const directives: Directive[] = [
    { option: "--job-name", value: jobName },
    { option: "--output", value: `${logDirAbs}/slurm-%j.out` },
    { option: "--error", value: `${logDirAbs}/slurm-%j.err` },
    { option: "--open-mode", value: "append" },
    { option: "--chdir", value: c.repoRoot },
    ...computeDirectives(req.resources),
  ];
  const lines = ["#!/bin/bash", ...directives.map(directiveLine), ...body(c, "slurm")];
  return {
    script: finish(lines),
    jobName,
    directives,
    command: c.command,
    logPaths: { stdout: `${c.runDir}/logs/slurm-%j.out`, stderr: `${c.runDir}/logs/slurm-%j.err` },
    sentinelPath: `${c.runDir}/${SENTINEL_FILE}`,
  };
}

/**
 * The local script of a run: the same body and sentinel, no directives; it
 * appends its output to `runs/<run_id>/logs/run_local.out|.err` itself.
 * Compute values are still validated (the design is the same file).
 */
export function renderLocalScript(input: RenderInput): RenderedScript {
  return renderLocal(jobRequest(input));
}

/** The local script of a validated request. Pure. */
export function renderLocal(req: JobRequest): RenderedScript {
  const c = common(req);
  const lines = ["#!/bin/bash", ...body(c, "local")];
  return {
    script: finish(lines),
    jobName: req.name,
    directives: [],
    command: c.command,
    logPaths: { stdout: `${c.runDir}/logs/run_local.out`, stderr: `${c.runDir}/logs/run_local.err` },
    sentinelPath: `${c.runDir}/${SENTINEL_FILE}`,
  };
}

/**
 * argv for `sbatch` (run through runArgv, no shell): `--parsable`, the job's
 * environment (`--export=ALL,RUN_ID=..,AUTOLAB_RUN_ID=..,AUTOLAB_ITERATION_ID=..`;
 * sbatch splits this on commas with no escaping, hence safe tokens only), the
 * script path (prefixed with `./` if it would otherwise look like an option).
 */
export function sbatchArgv(
  scriptPath: string,
  rendered: RenderedScript,
  env: { runId: string; iterationId: string; cluster?: string },
): string[] {
  const runId = requireSafeToken(env.runId, "run id");
  const iterationId = requireSafeToken(env.iterationId, "iteration id");
  // A run's job is named from its run id, or (a keyed launch) from its launch key.
  if (rendered.jobName !== jobNameFor(runId) && !/^autolab-k[0-9a-f]{16}$/.test(rendered.jobName)) {
    throw new AutolabError(`script was rendered for ${rendered.jobName}, not for run ${runId}`, {
      hint: "render the script for this run before submitting it",
    });
  }
  return submitArgv(scriptPath, { runId, iterationId, cluster: env.cluster });
}

/**
 * The submit argv's tail: `--parsable`, the named cluster (`--clusters`, also
 * a directive of the script: on the command line too so the manifest's
 * command says where the job went), the job's environment (and attempt), the
 * script path.
 */
export function submitArgv(
  scriptPath: string,
  env: { runId: string; iterationId: string; attempt?: number; cluster?: string },
): string[] {
  const runId = requireSafeToken(env.runId, "run id");
  const iterationId = requireSafeToken(env.iterationId, "iteration id");
  if (typeof scriptPath !== "string" || scriptPath === "" || scriptPath.includes("\0")) {
    throw new AutolabError(`script path ${JSON.stringify(scriptPath)} is not usable`);
  }
  const path = scriptPath.startsWith("-") ? `./${scriptPath}` : scriptPath;
  const attempt = env.attempt !== undefined ? `,AUTOLAB_ATTEMPT=${Math.floor(env.attempt)}` : "";
  return [
    "--parsable",
    ...clusterArgv(env.cluster),
    `--export=ALL,RUN_ID=${runId},AUTOLAB_RUN_ID=${runId},AUTOLAB_ITERATION_ID=${iterationId}${attempt}`,
    path,
  ];
}

/** `--clusters=<name>` for a job on a named cluster, else nothing. */
export function clusterArgv(cluster: string | undefined): string[] {
  return cluster === undefined ? [] : [`--clusters=${requireSafeToken(cluster, "cluster")}`];
}
