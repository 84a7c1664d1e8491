/**
 * The SLURM command-line adapter of the Scheduler port: sbatch, squeue,
 * sacct, scontrol, scancel and sinfo, each run by argv (never a shell) with a
 * timeout. This folder is the only code that runs or names them.
 *
 * `slurmCli(opts)` binds program paths (tests, odd installs), the client
 * timeout and the query chunk size once; per-call options win over them.
 * `query` is exactly `queryJobs` (one sacct + one squeue call per tick,
 * chunked only for very long id lists); a per-call `bins` (the monitor's
 * `query` option) is still honoured.
 */
import type {
  ArrayRequest,
  JobObservation,
  CancelOutcome,
  JobRef,
  JobRequest,
  NameLookup,
  NameLookupOptions,
  QueryOptions,
  QueryOutcome,
  RequestInput,
  Scheduler,
  SchedulerProbe,
  Submission,
  SubmitOptions,
  SubmitOutcome,
  TestSubmission,
} from "../port.js";
import { cancelJobs } from "./cancel.js";
import { ok, runArgv } from "../../util/exec.js";
import { judgeObservation } from "./statemap.js";
import { failsFast, isHeld, neverStarts } from "../states.js";
import type { JobVerdict } from "../../domain/tick.js";
import { probeChecks, probeSlurm, type SlurmTool } from "./probe.js";
import { queryJobs, type SlurmQueryOptions } from "./query.js";
import { jobRequest, renderBatch, renderLocal, sbatchArgv } from "./render.js";
import { renderArray, sbatchArrayArgv } from "./render-array.js";
import { arraySpec } from "../../domain/sweep.js";
import { readMaxArraySize } from "./probe.js";
import { shellJoin } from "../../util/shell.js";
import { controllerView, findJobsByName, runsOfJobs, submitJob, SubmitError, testOnly } from "./submit.js";

export interface SlurmCliOptions {
  /** Program paths, by tool name (default: the name, found on PATH). */
  bins?: Partial<Record<SlurmTool, string>>;
  /** Per client call of query, lookup and cancel. Default 25 s. */
  timeoutMs?: number;
  /** Per call of the probe. Default 10 s. */
  probeTimeoutMs?: number;
  /** Most ids per sacct/squeue call (default: as many as fit one argument). */
  chunkSize?: number;
  /** sbatch tuning that wins over what the command passes (tests, the benchmark). */
  submit?: { timeoutMs?: number; retries?: number; baseDelayMs?: number };
}

/**
 * `bash -n` on the rendered script (it is a bash script: `#!/bin/bash`):
 * undefined when it parses, else what bash said. The user's setup lines are
 * pasted verbatim, so this is where a broken one is caught.
 */
async function checkScriptSyntax(script: string): Promise<string | undefined> {
  const r = await runArgv("bash", ["-n"], { input: script, timeoutMs: 10_000 });
  if (ok(r)) return undefined;
  const said = (r.stderr || r.spawnError || `exit ${r.code}`).trim().replace(/^bash: /gm, "");
  return `the rendered job script does not parse (bash -n): ${said.split("\n").slice(0, 3).join("; ")}; check runtime.setup in design.yaml`;
}

/** sbatch's words, bounded (the manifest schema caps strings at 16 KiB). */
function bounded(words: string): string {
  return words.length > 8000 ? words.slice(0, 8000) + " [...]" : words;
}

export function slurmCli(opts: SlurmCliOptions = {}): Scheduler {
  const bins = opts.bins ?? {};
  const timeoutMs = opts.timeoutMs;
  return {
    name: "slurm",
    terms: { submit: "sbatch", cancel: "scancel", ping: "scontrol ping" },

    async probe(o = {}): Promise<SchedulerProbe> {
      const p = await probeSlurm({ timeoutMs: o.timeoutMs ?? opts.probeTimeoutMs ?? 10_000, deep: o.deep, bins });
      return { canSubmit: p.canSubmit, summary: p.summary, checks: probeChecks(p), detail: p };
    },

    request(i: RequestInput): JobRequest {
      return jobRequest({ ...i, repoRoot: i.workDir });
    },

    prepare(req, o): Submission {
      const rendered = o.mode === "batch" ? renderBatch(req) : renderLocal(req);
      const argv =
        o.mode === "batch"
          ? ["sbatch", ...sbatchArgv(o.scriptPath, rendered, { runId: req.runId, iterationId: req.iterationId })]
          : ["bash", o.scriptPath];
      return {
        request: req,
        mode: o.mode,
        script: rendered.script,
        scriptPath: o.scriptPath,
        argv,
        commandLine: shellJoin(argv),
        directives: rendered.directives.map((d) => (d.value === undefined ? d.option : `${d.option}=${d.value}`)),
        logPaths: rendered.logPaths,
        sentinelPath: rendered.sentinelPath,
      };
    },

    prepareArray(a: ArrayRequest, o: { scriptPath: string }): Submission {
      const rendered = renderArray(a);
      const argv = ["sbatch", ...sbatchArrayArgv(o.scriptPath, a, arraySpec(a.tasks.length, a.maxConcurrent))];
      return {
        request: { ...a.tasks[0].request, name: rendered.jobName },
        mode: "batch",
        script: rendered.script,
        scriptPath: o.scriptPath,
        argv,
        commandLine: shellJoin(argv),
        directives: rendered.directives.map((d) => (d.value === undefined ? d.option : `${d.option}=${d.value}`)),
        logPaths: rendered.logPaths,
        sentinelPath: rendered.sentinelPath,
      };
    },

    maxArrayTasks(o = {}): Promise<number | undefined> {
      return readMaxArraySize({ timeoutMs: o.timeoutMs ?? timeoutMs, bins });
    },

    async submit(s: Submission, o: SubmitOptions): Promise<SubmitOutcome> {
      const name = s.request.name;
      // A setup line can break the script (an unbalanced quote): refuse it before the scheduler sees it.
      const syntax = await checkScriptSyntax(s.script);
      if (syntax !== undefined)
        return {
          kind: "refused",
          message: syntax,
          attempts: 0,
          evidence: `the job script was not submitted: ${syntax}`,
        };
      try {
        const sub = await submitJob(s.argv.slice(1), {
          cwd: o.cwd,
          adoptJobName: name,
          sbatchBin: bins.sbatch,
          bins,
          timeoutMs: opts.submit?.timeoutMs ?? o.timeoutMs,
          retries: opts.submit?.retries ?? o.retries,
          baseDelayMs: opts.submit?.baseDelayMs ?? o.baseDelayMs,
        });
        return {
          kind: "job",
          jobId: sub.jobId,
          cluster: sub.cluster,
          attempts: sub.attempts,
          adopted: sub.adopted === true,
          evidence: sub.adopted
            ? `job ${sub.jobId} found by job name (${name}) and adopted`
            : `sbatch returned job ${sub.jobId}`,
        };
      } catch (e) {
        if (!(e instanceof SubmitError)) throw e;
        const words = bounded(e.sbatchMessage);
        if (e.kind === "permanent")
          return {
            kind: "refused",
            message: words,
            attempts: e.attempts,
            evidence: `sbatch refused the job (permanent): ${words}`,
          };
        return { kind: "unknown", message: words, attempts: e.attempts, error: e };
      }
    },

    testSubmit(s: Submission, o: { cwd: string }): Promise<TestSubmission> {
      return testOnly(s.argv.slice(1), s.script, { cwd: o.cwd, sbatchBin: bins.sbatch });
    },

    async findByName(name: string, o: NameLookupOptions = {}): Promise<NameLookup> {
      const t = o.timeoutMs ?? timeoutMs;
      const found: NameLookup = await findJobsByName(name, { timeoutMs: t, bins });
      if (!found.ok && o.controller) found.controller = await controllerView(name, { timeoutMs: t, bins });
      if (o.runs && found.jobIds.length) found.runs = await runsOfJobs(found.jobIds, { timeoutMs: t, bins });
      return found;
    },

    judge(o: JobObservation): JobVerdict & { neverStarts: boolean; failsFast: boolean } {
      const v = judgeObservation(o);
      const pending = v.phase === "pending";
      return {
        ...v,
        neverStarts: pending && (neverStarts(o.reason) || isHeld(o.state)),
        failsFast: pending && failsFast(o.reason) && !isHeld(o.state),
      };
    },

    query(ids: JobRef[], o: QueryOptions = {}): Promise<QueryOutcome> {
      const q: SlurmQueryOptions = { bins, timeoutMs, chunkSize: opts.chunkSize, ...o };
      return queryJobs(ids, q);
    },

    cancel(ids: JobRef[], o: { timeoutMs?: number } = {}): Promise<CancelOutcome> {
      return cancelJobs(ids, { scancelBin: bins.scancel, timeoutMs: o.timeoutMs ?? timeoutMs });
    },
  };
}
