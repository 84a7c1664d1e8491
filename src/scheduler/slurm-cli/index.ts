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
  AttemptRequest,
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
import { cancelJobs, releaseJobs } from "./cancel.js";
import { ok, runArgv } from "../../util/exec.js";
import { judgeObservation } from "./statemap.js";
import { failsFast, isHeld, neverStarts } from "../states.js";
import type { JobVerdict } from "../../domain/tick.js";
import { probeChecks, probeSlurm, type SlurmTool } from "./probe.js";
import { queryJobs, type SlurmQueryOptions } from "./query.js";
import { jobRequest, renderBatch, renderLocal, sbatchArgv } from "./render.js";
import { attemptSubmission } from "./attempt.js";
import { renderArray, sbatchArrayArgv } from "./render-array.js";
import { arraySpec } from "../../domain/sweep.js";
import { readMaxArraySize } from "./probe.js";
import { shellJoin } from "../../util/shell.js";
import { checkJobUserRule, isJobUserError, sudoPrefix } from "../../util/job-user.js";
import { controllerView, findJobsByName, JOB_USER_PROGRAMS, runsOfJobs, submitJob, SubmitError } from "./submit.js";
import { admissionTest } from "./admission.js";

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
  /**
   * `launch.job_user`: sbatch and scancel run as this user (`sudo -n -u <user> --`,
   * an environment with no token), and name lookups ask accounting for that
   * user's jobs. Set through `asJobUser`.
   */
  jobUser?: string;
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

/** With launch.job_user, submitting needs the sudoers rule too: the probe says whether it is there. */
async function withJobUserRule(probe: SchedulerProbe, user: string): Promise<SchedulerProbe> {
  const rule = await checkJobUserRule(user, JOB_USER_PROGRAMS);
  return {
    // (Submitting itself fails with the rule to add, naming the policy key: no need to refuse earlier.)
    canSubmit: probe.canSubmit,
    summary: [...probe.summary, rule.detail],
    checks: [...probe.checks, { name: "job user", level: rule.ok ? "ok" : "fail", detail: rule.detail }],
    detail: { slurm: probe.detail, jobUser: { user, ...rule } },
  };
}

/** One submission through sbatch (as the job user when `asUser`), its outcome in the port's terms. */
async function submitOnce(
  s: Submission,
  args: string[],
  o: SubmitOptions,
  opts: SlurmCliOptions,
  asUser: string | undefined,
): Promise<SubmitOutcome> {
  const bins = opts.bins ?? {};
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
    const sub = await submitJob(args, {
      asUser,
      cwd: o.cwd,
      adoptJobName: name,
      cluster: s.request.resources.cluster,
      sbatchBin: bins.sbatch,
      bins,
      timeoutMs: opts.submit?.timeoutMs ?? o.timeoutMs,
      retries: opts.submit?.retries ?? o.retries,
      baseDelayMs: opts.submit?.baseDelayMs ?? o.baseDelayMs,
      passEnv: o.passEnv,
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
    // sudo refused (no sudoers rule): sbatch never ran, but nothing is final either.
    if (isJobUserError(e)) return { kind: "unknown", message: e.message, attempts: 1, error: e };
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
}

export function slurmCli(opts: SlurmCliOptions = {}): Scheduler {
  const bins = opts.bins ?? {};
  const timeoutMs = opts.timeoutMs;
  const asUser = opts.jobUser;
  // What precedes "sbatch" in a submission's argv (the manifest's command shows it).
  const prefix = asUser ? sudoPrefix(asUser) : [];
  const sbatchArgs = (s: Submission) => s.argv.slice(prefix.length + 1);
  return {
    name: "slurm",
    terms: {
      submit: "sbatch",
      cancel: "scancel",
      ping: "scontrol ping",
      testSubmit: "sbatch --test-only",
      release: "scontrol release",
    },

    async probe(o = {}): Promise<SchedulerProbe> {
      const p = await probeSlurm({ timeoutMs: o.timeoutMs ?? opts.probeTimeoutMs ?? 10_000, deep: o.deep, bins });
      const probe = { canSubmit: p.canSubmit, summary: p.summary, checks: probeChecks(p), detail: p };
      return asUser ? withJobUserRule(probe, asUser) : probe;
    },

    request(i: RequestInput): JobRequest {
      return jobRequest({ ...i, repoRoot: i.workDir });
    },

    prepare(req, o): Submission {
      const rendered = o.mode === "batch" ? renderBatch(req) : renderLocal(req);
      const argv =
        o.mode === "batch"
          ? [
              ...prefix,
              "sbatch",
              ...sbatchArgv(o.scriptPath, rendered, {
                runId: req.runId,
                iterationId: req.iterationId,
                cluster: req.resources.cluster,
              }),
            ]
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

    prepareAttempt(a: AttemptRequest): Submission {
      return attemptSubmission(a, prefix);
    },

    prepareArray(a: ArrayRequest, o: { scriptPath: string }): Submission {
      const rendered = renderArray(a);
      const argv = [
        ...prefix,
        "sbatch",
        ...sbatchArrayArgv(o.scriptPath, a, arraySpec(a.tasks.length, a.maxConcurrent)),
      ];
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
      return readMaxArraySize({ timeoutMs: o.timeoutMs ?? timeoutMs, bins, cluster: o.cluster });
    },

    submit(s: Submission, o: SubmitOptions): Promise<SubmitOutcome> {
      return submitOnce(s, sbatchArgs(s), o, opts, asUser);
    },

    testSubmit(s: Submission, o: { cwd: string; passEnv?: Readonly<Record<string, string>> }): Promise<TestSubmission> {
      return admissionTest(s, sbatchArgs(s), { cwd: o.cwd, timeoutMs, bins, asUser, passEnv: o.passEnv });
    },

    async findByName(name: string, o: NameLookupOptions = {}): Promise<NameLookup> {
      const t = o.timeoutMs ?? timeoutMs;
      const cluster = o.cluster;
      const found: NameLookup = await findJobsByName(name, { timeoutMs: t, bins, user: asUser, cluster });
      if (!found.ok && o.controller) found.controller = await controllerView(name, { timeoutMs: t, bins, cluster });
      if (o.runs && found.jobIds.length) found.runs = await runsOfJobs(found.jobIds, { timeoutMs: t, bins, cluster });
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
      return cancelJobs(ids, { scancelBin: bins.scancel, timeoutMs: o.timeoutMs ?? timeoutMs, asUser });
    },

    jobUser: asUser,

    asJobUser(user: string | undefined): Scheduler {
      return user === asUser ? this : slurmCli({ ...opts, jobUser: user });
    },

    release(ids: JobRef[], o: { timeoutMs?: number } = {}): Promise<{ ok: boolean; error?: string }> {
      return releaseJobs(ids, { scontrolBin: bins.scontrol, timeoutMs: o.timeoutMs ?? timeoutMs, asUser });
    },
  };
}
