/**
 * The launch plan: which run a launch is, whether its job is reused,
 * adopted or submitted, and the run record for each outcome. Pure: the
 * journal entry, the existing manifest, the scheduler's name lookup and the
 * clock are passed in.
 *
 * Rules (each one a row in __tests__/unit/launch-plan.test.ts):
 * - The run: a launch key's journal entry names it (it must be of the same
 *   iteration, and agree with a given run id); else a manifest on the branch
 *   recording the key (`launch.launch_key`: another checkout launched it);
 *   else the given run id; else a fresh one. A run id that was given (or
 *   journalled) may already have a job.
 * - A keyed SLURM launch names its job from the key (store/journal.ts
 *   keyJobName), so every checkout asks the scheduler the same question: a
 *   fresh run whose key already has a job is refused (that job belongs to a
 *   run this checkout has no record of: pull the branch, or relaunch with
 *   its run id), never submitted a second time.
 * - Reuse: a run whose manifest has a job id, is local, or has a status
 *   beyond `pending` is never launched again (a pending SLURM manifest
 *   without a job id, from older writers, is looked up like a given run id).
 * - Adopt or submit: a journal entry with a job id adopts that job without
 *   asking the scheduler. A run id that was not made just now is looked up
 *   by its job name first: found → adopted (the first of several, with a
 *   warning); not found → submitted. When the lookup could not answer, the
 *   controller's own list decides alone for a run younger than the time the
 *   controller keeps finished jobs (with a margin for clock skew); for an
 *   older run the launch is refused rather than risking a second job.
 * - Records: every outcome is a first transition from `pending` (one history
 *   entry, `completed_at` on an end state, one failure shape
 *   `{reason, message, ...}`). A refused submission is failed
 *   `submit_error` with the scheduler's words; an adopted job keeps the time
 *   its first attempt was journalled; a local run is completed, partial or
 *   failed (`timeout` / `exit_code`).
 */
import type { DesignCompute, RunManifest } from "../contract/types.js";
import { AutolabError, UsageError } from "../util/errors.js";
import { firstTransition, manifestCluster, manifestJobId, type Failure } from "./run.js";
import { RUN_ID_SHAPE } from "./layout.js";
import { policyRecord } from "./resubmit.js";

/** A launch journal entry (store/journal.ts keeps it in the git dir). */
export interface JournalEntry {
  key: string;
  run_id: string;
  iteration_id: string;
  job_name: string;
  created_at: string;
  /** Set as soon as the scheduler answered with a job. */
  job_id?: string;
  cluster?: string;
}

// ---------------------------------------------------------------------------
// Which run

/** The run a manifest on the branch records for this launch key, as a journal entry (the first, by run id). */
export function entryFromManifests(manifests: RunManifest[], key: string | undefined): JournalEntry | undefined {
  if (key === undefined) return undefined;
  const mine = manifests
    .filter((m) => (m.launch as { launch_key?: unknown } | undefined)?.launch_key === key)
    .sort((a, b) => (a.run_id < b.run_id ? -1 : a.run_id > b.run_id ? 1 : 0));
  const m = mine[0];
  if (!m) return undefined;
  const jobId = manifestJobId(m);
  const jobName = m.slurm?.job_name;
  const cluster = manifestCluster(m);
  return {
    key,
    run_id: m.run_id,
    iteration_id: m.iteration_id,
    job_name: typeof jobName === "string" ? jobName : "",
    created_at: m.timestamps?.started_at ?? m.started_at ?? "",
    ...(jobId ? { job_id: jobId } : {}),
    ...(jobId && cluster ? { cluster } : {}),
  };
}

/**
 * A keyed sweep's entry from the iteration's task manifests (another checkout
 * launched it and its records were pulled): the sweep id they name, so a
 * relaunch with the key reuses that sweep (its record says which chunks have
 * arrays) instead of starting a second one. The earliest sweep under the key
 * when several are recorded. No job id: a sweep's arrays are in its record.
 */
export function sweepEntryFromManifests(manifests: RunManifest[], key: string | undefined): JournalEntry | undefined {
  if (key === undefined) return undefined;
  const sweepOf = (m: RunManifest): string | undefined => {
    const id = (m.sweep as { sweep_id?: unknown } | undefined)?.sweep_id;
    return typeof id === "string" && RUN_ID_SHAPE.test(id) ? id : undefined;
  };
  const mine = manifests
    .filter((m) => (m.launch as { launch_key?: unknown } | undefined)?.launch_key === key && sweepOf(m))
    .sort((a, b) => (a.run_id < b.run_id ? -1 : a.run_id > b.run_id ? 1 : 0));
  const m = mine[0];
  if (!m) return undefined;
  const jobName = m.slurm?.job_name;
  return {
    key,
    run_id: sweepOf(m) as string,
    iteration_id: m.iteration_id,
    job_name: typeof jobName === "string" ? jobName : "",
    created_at: m.timestamps?.started_at ?? m.started_at ?? "",
  };
}

/**
 * The named cluster a SLURM design sends its jobs to (`compute.cluster`,
 * checked by the design schema): every question about the launch's job
 * (lookup by name, MaxArraySize, the submit) goes there. Undefined for a
 * local design or a design without one (the client's own cluster).
 */
export function designCluster(c: DesignCompute): string | undefined {
  const v = c.location === "slurm" ? c.cluster : undefined;
  return typeof v === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined;
}

export interface RunChoice {
  runId: string;
  /** Not made just now (given, or from the journal): it may already have a job. */
  given: boolean;
}

/**
 * A job the scheduler has under the key's job name while no record of this
 * checkout knows the key (its launcher died after submitting, or has not
 * pushed): the run it was submitted for, as a journal entry without job id,
 * so that the launch adopts it by name under its own run id. Undefined when
 * the lookup found nothing, could not answer, or cannot tell the job's run
 * (then the launch's own lookup refuses rather than submitting again).
 */
export function orphanEntry(lookup: LookupAnswer, key: string, name: string, at: string): JournalEntry | undefined {
  if (!lookup.ok || !lookup.jobIds.length) return undefined;
  const run = lookup.runs?.[lookup.jobIds[0]];
  if (!run || !RUN_ID_SHAPE.test(run.runId)) return undefined;
  return { key, run_id: run.runId, iteration_id: run.iterationId ?? "", job_name: name, created_at: at };
}

/** Refuse a run id or launch key no launch can use (before anything is read). */
export function checkLaunchIds(runId: string | undefined, launchKey: string | undefined): void {
  if (runId !== undefined && !RUN_ID_SHAPE.test(runId)) {
    throw new UsageError(
      `run id ${JSON.stringify(runId)} is not usable`,
      "a run id is letters, digits, '_', '.', '-' (starting with a letter or digit), e.g. 20261128T151432Z_093977",
    );
  }
  if (launchKey !== undefined && (launchKey.trim() === "" || launchKey.length > 1024)) {
    throw new UsageError("the launch key must be a non-empty string of at most 1024 characters");
  }
}

/** The run of this launch. `fresh` is used when neither the journal nor the caller names one. */
export function chooseRun(i: {
  iterationId: string;
  runId?: string;
  launchKey?: string;
  journal?: JournalEntry;
  fresh: () => string;
}): RunChoice {
  const j = i.journal;
  if (j && j.iteration_id !== "" && j.iteration_id !== i.iterationId) {
    throw new UsageError(
      `launch key ${JSON.stringify(i.launchKey)} already launched run ${j.run_id} of iteration ${j.iteration_id}, not of ${i.iterationId}`,
      "use a different launch key for a different iteration",
    );
  }
  if (j && i.runId && i.runId !== j.run_id) {
    throw new UsageError(
      `launch key ${JSON.stringify(i.launchKey)} belongs to run ${j.run_id}, not to ${i.runId}`,
      "pass either the launch key or the run id of the run you mean",
    );
  }
  const given = i.runId ?? j?.run_id;
  return given !== undefined ? { runId: given, given: true } : { runId: i.fresh(), given: false };
}

/** A run with this manifest is not launched again (see the module comment). */
export function isLaunched(existing: RunManifest): boolean {
  return Boolean(
    manifestJobId(existing) || existing.host_mode === "local" || (existing.status && existing.status !== "pending"),
  );
}

// ---------------------------------------------------------------------------
// Adopt or submit

/** What the scheduler's name lookup said (the port's NameLookup, as data). */
export interface LookupAnswer {
  ok: boolean;
  jobIds: string[];
  error?: string;
  controller?: { ok: boolean; jobIds: string[]; keepsFinishedSeconds?: number };
  runs?: Record<string, { runId: string; iterationId?: string }>;
}

export type JobDecision =
  | { kind: "adopt"; jobId: string; cluster?: string; by: "launch journal" | "job name"; note?: string }
  | { kind: "submit"; note?: string }
  | { kind: "lookup" };

/** Clock skew and delay tolerated when deciding that the controller still lists a run's jobs. */
export const AGE_MARGIN_S = 60;

/** Before any lookup: the journal's job is adopted; a run id not made now is looked up; else submit. */
export function decideBeforeLookup(entry: JournalEntry | undefined, lookFirst: boolean): JobDecision {
  if (entry?.job_id) return { kind: "adopt", jobId: entry.job_id, cluster: entry.cluster, by: "launch journal" };
  return lookFirst ? { kind: "lookup" } : { kind: "submit" };
}

/** Seconds since the run was created: the journal's time, else the run id's UTC stamp; undefined when unknown or in the future. */
export function runAgeSeconds(runId: string, createdAt: string | undefined, now: Date): number | undefined {
  let t = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(t)) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId);
    if (m) t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  }
  if (Number.isNaN(t)) return undefined;
  const age = (now.getTime() - t) / 1000;
  return age >= -AGE_MARGIN_S ? Math.max(0, age) : undefined;
}

/**
 * After the name lookup: adopt what it found, submit when it found nothing,
 * and when it could not answer, let the controller decide for a young run or
 * refuse (AutolabError naming the manifest).
 */
export function decideAfterLookup(i: {
  name: string;
  runId: string;
  lookup: LookupAnswer;
  /** Seconds since the run was created (runAgeSeconds). */
  ageSeconds: number | undefined;
  manifestPath: string;
  /** The run id was made just now by a keyed launch: a job found by the key's name is another run's. */
  fresh?: boolean;
}): JobDecision {
  const { lookup: found, name } = i;
  const ids = found.ok ? found.jobIds : found.controller?.ok ? found.controller.jobIds : [];
  if (i.fresh && ids.length) {
    throw new AutolabError(
      `launch key's job name ${name} already has job ${ids.join(", ")}, but no run of this checkout records it (another checkout launched it and has not pushed, or died after submitting); nothing was submitted`,
      {
        file: i.manifestPath,
        hint: "pull the branch and relaunch with the same key (it reuses that run), or adopt the job with --run-id <its run id>",
      },
    );
  }
  if (!found.ok) {
    const ctl = found.controller;
    if (ctl?.ok && ctl.jobIds.length) return { kind: "adopt", jobId: ctl.jobIds[0], by: "job name" };
    const age = i.ageSeconds;
    if (ctl?.ok && age !== undefined && ctl.keepsFinishedSeconds !== undefined) {
      if (age + AGE_MARGIN_S < ctl.keepsFinishedSeconds)
        return {
          kind: "submit",
          note: `accounting did not answer (${found.error}); the controller, which lists every job of a run this young, knows no job named ${name}`,
        };
    }
    throw new AutolabError(
      `cannot tell whether run ${i.runId} was already submitted: the scheduler did not answer (${found.error}); nothing was submitted`,
      { file: i.manifestPath, hint: "retry when the controller answers; the launch is idempotent" },
    );
  }
  if (!found.jobIds.length) return { kind: "submit" };
  const note =
    found.jobIds.length > 1
      ? `warning: ${found.jobIds.length} jobs are named ${name} (${found.jobIds.join(", ")}); adopting the first`
      : undefined;
  return { kind: "adopt", jobId: found.jobIds[0], by: "job name", ...(note ? { note } : {}) };
}

// ---------------------------------------------------------------------------
// The record of each outcome

/** What was asked of the scheduler, in the Python tool's keys plus the exact directives. */
export function resourceRequest(c: DesignCompute, jobName: string, directives: string[]): Record<string, unknown> {
  const rr: Record<string, unknown> = {};
  for (const k of ["partition", "qos", "account", "constraint", "gpu_type", "cluster"] as const)
    if (c[k] !== undefined) rr[k] = c[k];
  if (c.cpus_per_task !== undefined) rr.cpus = c.cpus_per_task;
  if (c.memory_estimate !== undefined) rr.memory = c.memory_estimate;
  if (c.walltime_estimate !== undefined) rr.walltime = c.walltime_estimate;
  if (c.gpu_count !== undefined) rr.gpu_count = c.gpu_count;
  if (c.num_nodes !== undefined) rr.num_nodes = c.num_nodes;
  Object.assign(rr, policyRecord(c as { max_restarts?: unknown; resubmit_on?: unknown }));
  if (directives.length) {
    rr.job_name = jobName;
    rr.sbatch_directives = directives;
  }
  return rr;
}

/** The run as it is before the job exists: `pending`, what was asked, how and by whom. */
export function baseManifest(i: {
  runId: string;
  iterationId: string;
  hostMode: "slurm" | "local";
  commandLine: string;
  resourceRequest: Record<string, unknown>;
  startedAt: string;
  script: string;
  design: string;
  gitRevision?: string;
  workDir?: string;
  launchedBy: string;
  launchedFrom: string;
  launchKey?: string;
  entrypointCommand: string;
  /** The runner's variables passed to the scheduler (policy `slurm.submit.pass_env`). */
  passedEnv?: Readonly<Record<string, string>>;
}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: i.runId,
    iteration_id: i.iterationId,
    launch_mode: i.hostMode,
    host_mode: i.hostMode,
    command: i.commandLine,
    resource_request: i.resourceRequest,
    status: "pending",
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: i.startedAt },
    started_at: i.startedAt,
    launch: {
      script: i.script,
      design: i.design,
      git_revision: i.gitRevision ?? null,
      ...(i.workDir ? { work_dir: i.workDir } : {}),
      launched_by: i.launchedBy,
      launched_from: i.launchedFrom,
      launch_key: i.launchKey ?? null,
      entrypoint_command: i.entrypointCommand,
      tool: "autolab-slurm",
    },
    ...(i.passedEnv && Object.keys(i.passedEnv).length ? { slurm: { passed_env: { ...i.passedEnv } } } : {}),
  };
}

/** The base manifest's record of the variables passed to the scheduler, to keep in its `slurm`. */
function passedOf(base: RunManifest): { passed_env?: Record<string, string> } {
  const p = base.slurm?.passed_env;
  return p && Object.keys(p).length ? { passed_env: p } : {};
}

/** A job exists for the run (submitted now, or adopted). */
export interface JobOutcome {
  jobId: string;
  cluster?: string;
  jobName: string;
  adopted?: { by: "launch journal" | "job name"; evidence?: string };
  attempts: number;
  /** The history's evidence for a submission (the scheduler's words). */
  evidence?: string;
}

/** The run submitted (or adopted): `pending -> submitted`, job id recorded everywhere the contract keeps it. */
export function submittedManifest(
  base: RunManifest,
  job: JobOutcome,
  startedAt: string,
  journalledAt?: string,
): RunManifest {
  // An adopted job was submitted when the first attempt journalled it.
  const submittedAt = job.adopted && journalledAt ? journalledAt : startedAt;
  const m: RunManifest = {
    ...base,
    timestamps: { started_at: submittedAt },
    started_at: submittedAt,
    job_id: job.jobId,
    resource_request: { ...base.resource_request, job_id: job.jobId, slurm: { job_id: job.jobId } },
    slurm: {
      job_id: job.jobId,
      job_name: job.jobName,
      ...(job.cluster ? { cluster: job.cluster } : {}),
      ...(job.adopted ? { adopted: true, adopted_by: job.adopted.by } : { submit_attempts: job.attempts }),
      ...passedOf(base),
    },
  };
  const evidence = job.adopted
    ? `job ${job.jobId} found by ${job.adopted.by} (${job.jobName}) and adopted`
    : (job.evidence ?? `job ${job.jobId} submitted`);
  return firstTransition(m, "submitted", startedAt, evidence);
}

/** The scheduler refused the submission: failed `submit_error`, with its words; no job, no work dir. */
export function refusedManifest(
  base: RunManifest,
  r: { jobName: string; message: string; attempts: number; evidence: string },
  at: string,
  opts: { dropWorkDir?: boolean } = {},
): RunManifest {
  const launch = { ...(base.launch as Record<string, unknown>) };
  if (opts.dropWorkDir) delete launch.work_dir;
  const m: RunManifest = {
    ...base,
    launch,
    timestamps: { started_at: base.timestamps.started_at },
    slurm: { job_name: r.jobName, submit_error: r.message, submit_attempts: r.attempts, ...passedOf(base) },
  };
  const failure: Failure = { reason: "submit_error", kind: "permanent", message: r.message };
  return firstTransition(m, "failed", at, r.evidence, failure);
}

/** What a local run left behind (steps/local-run.ts observes it). */
export interface LocalObservation {
  exitCode: number | null;
  signal?: string | null;
  timedOut: boolean;
  /** The walltime the run was stopped at, seconds. */
  limitSeconds?: number;
  /** The sentinel as parsed, or undefined when missing or unreadable. */
  sentinel?: { exit_code?: number | null; ended_at?: string | null; [k: string]: unknown };
  /** Declared outputs (artifact_sync.outputs) that are missing. */
  missing: string[];
}

/**
 * A local run's end: completed (exit 0, sentinel exit 0, every declared
 * output present), partial (exit 0 but the sentinel or an output is
 * missing), failed (anything else: `timeout` when stopped at the walltime,
 * else `exit_code`). Outputs are written in place: nothing to bring back.
 */
export function localManifest(base: RunManifest, o: LocalObservation, at: string): RunManifest {
  const exit = o.exitCode;
  let status: "completed" | "failed" | "partial";
  let evidence: string;
  if (exit === 0 && o.sentinel?.exit_code === 0 && o.missing.length === 0) {
    status = "completed";
    evidence = "local run exited 0; sentinel exit 0";
  } else if (exit === 0) {
    status = "partial";
    evidence =
      o.sentinel?.exit_code !== 0
        ? "local run exited 0 but the sentinel is missing or disagrees"
        : `local run exited 0 but declared outputs are missing: ${o.missing.join(", ")}`;
  } else {
    status = "failed";
    evidence = o.timedOut
      ? `local run was stopped at the walltime (${o.limitSeconds} s)`
      : `local run exited ${exit ?? `on signal ${o.signal}`}`;
  }
  const m: RunManifest = {
    ...base,
    artifact_sync_to_local: {
      status: status === "failed" ? "failed" : "ok",
      mode: "local",
      ...(o.missing.length ? { missing: o.missing } : {}),
    },
    timestamps: { started_at: base.timestamps.started_at },
    local: { exit_code: exit, timed_out: o.timedOut, sentinel: o.sentinel ?? null },
  };
  const failure: Failure | undefined =
    status === "failed"
      ? // exit_code stays null for a run ended by a signal (as the record has always said).
        { reason: o.timedOut ? "timeout" : "exit_code", exit_code: exit as number, message: evidence }
      : undefined;
  const next = firstTransition(m, status, at, evidence, failure);
  // A partial local run has ended too: it keeps its end time (transition sets it for completed/failed only).
  if (status === "partial") {
    next.timestamps = { ...next.timestamps, completed_at: at };
    next.completed_at = at;
  }
  return next;
}

/** Why a reused run failed, for the launch result. */
export function failureMessageOf(m: RunManifest): string | undefined {
  if (m.status !== "failed") return undefined;
  return String(m.slurm?.submit_error ?? (m.failure as { message?: string } | undefined)?.message ?? "the run failed");
}
