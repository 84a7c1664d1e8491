/**
 * The per-run decision of a monitor tick. Pure: the command gathers the
 * manifest, this tick's scheduler answer for the job (already given its
 * meaning by the scheduler adapter: phase, terminal, failure reason) and the
 * job's sentinel; `decideRun` returns the updated record, the transitions, the
 * findings and whether the artifacts must be synced; after the sync,
 * `afterSync` decides on the sentinel as it arrived with the artifacts.
 *
 * Rules (each a row of __tests__/unit/domain-tick.test.ts):
 * - Only a SLURM run in flight (pending, submitted, running) with a job id,
 *   whose job has not already been seen to succeed, asks the scheduler.
 * - An outage (the controller did not answer) changes no run.
 * - A job nobody lists while accounting is down is unresolved: not evidence
 *   of anything, the run is left as it is (a notice says so).
 * - A job id is trusted only with its name: when the scheduler names the job
 *   otherwise than the run recorded (`slurm.job_name`; sacct's `allocation`
 *   placeholder and an absent name are not compared), the job is another one:
 *   the run's job counts as unknown and its sentinel is not read.
 * - A job no source knows is decided from its sentinel when that is complete
 *   and names the job (job id, end time, exit code: `sentinelVerdict`);
 *   otherwise it is unknown: not final for `graceSeconds` from the first tick
 *   that missed it (`slurm.unknown_since`), then failed (`unknown_job`).
 * - The scheduler's success (COMPLETED 0:0) is a success of the run only with
 *   the sentinel: a sentinel already there that says another exit fails the
 *   run at once (`exit_code`); otherwise the artifacts are synced first and
 *   `afterSync` reads the sentinel that came with them: exit 0 -> synced,
 *   another exit -> failed (`exit_code`), missing or without an exit code ->
 *   a warning and a wait of `graceSeconds` (a shared filesystem can lag,
 *   `slurm.sentinel_missing_since`), then failed (`sentinel_missing`).
 * - A scheduler failure (FAILED, TIMEOUT, CANCELLED by uid, ...) fails the run
 *   with that reason, the scheduler's exit code and who cancelled.
 * - A pending job whose reason never clears without changing the job
 *   (PartitionTimeLimit, a per-job QOS/association limit, BadConstraints, ...:
 *   the adapter's `failsFast`) fails fast (`never_starts`) and its job is
 *   cancelled (`cancelJob`); one whose reason someone may still clear (a hold,
 *   nodes or a partition down) is left pending with a warning. A job pending
 *   longer than `max_pending` (since its submission, or the requeue that made
 *   it wait) fails the run (`pending_timeout`) and is cancelled.
 * - What the scheduler said is stored in `manifest.slurm`, except the
 *   scheduler's estimates: a pending job's Start and NodeList and an open
 *   job's End are not recorded (they move on every tick and would churn).
 * - Each answer also updates the run's `attempts[]` (domain/attempts.ts): a
 *   SLURM requeue (a higher restart count) closes one attempt and opens the next.
 * - A run the scheduler called a success remembers it (`slurm.outcome`), so a
 *   failed artifact sync is retried on later ticks without asking again.
 * - A runaway accounting record (`JobFacts.runaway`: sacct says RUNNING, the
 *   controller does not have the job, past its time limit) is not running: a
 *   complete sentinel of the job decides; without one the run is left as it
 *   is with a warning naming `sacctmgr show runawayjobs`, and failed as
 *   `lost` once the record has stood `runawayLostAfterSeconds`.
 * - A run the Python autolab tool launched (`launchedByPythonTool`) writes no
 *   sentinel: after the sync of a COMPLETED 0:0 job a missing sentinel is no
 *   reason to wait or fail (synced); its `completed` with the sync still to
 *   do is synced next, then extracted (`awaitsSync`).
 */
import type { RunManifest, SlurmRecord } from "../contract/types.js";
import type { RunStatus } from "../contract/vocabulary.js";
import type { Finding } from "../util/errors.js";
import { attemptsAfter } from "./attempts.js";
import { givesUp, waitingNotice } from "./pending.js";
import { recordUsage, type JobUsageFacts } from "./efficiency.js";
import { isSuccessLike } from "../contract/vocabulary.js";
import { endAttempt, type ResubmitPlan } from "./resubmit.js";
import { endedByHand, handEnd } from "./hand-end.js";

export { endedByHand, handEnd };
import { manifestJobId, statusOf, sweepIdOf, transition, writesSentinel, type Failure } from "./run.js";
import type { Sentinel } from "./sentinel.js";
import { secondsSince } from "./time.js";

export type JobPhase = "pending" | "running" | "succeeded" | "failed" | "unknown";

/** The scheduler adapter's meaning of one observation (no sentinel, no grace). */
export interface JobVerdict {
  phase: JobPhase;
  terminal: boolean;
  failureReason?: string;
  /** Uid from `CANCELLED by <uid>`. */
  cancelledBy?: string;
  /** One sentence of evidence, e.g. `sacct State=COMPLETED ExitCode=0:0: completed with exit 0`. */
  detail: string;
}

/** What the scheduler said about the job this tick, in neutral fields (the port's JobObservation extends it). */
export interface JobFacts extends JobUsageFacts {
  name?: string;
  /** Raw state as the scheduler printed it, e.g. `CANCELLED by 0`; for arrays a tally such as `ARRAY COMPLETED=2 PENDING=1`. */
  state: string;
  reason?: string;
  exitCode?: string;
  start?: string;
  end?: string;
  elapsed?: string;
  nodeList?: string;
  restarts?: number;
  /** Which of the scheduler's sources answered (e.g. sacct, squeue). */
  source: string;
  tasks?: Array<{ jobId: string; state: string; exitCode?: string }>;
  /**
   * A runaway accounting record: accounting says the job runs (or waits), the
   * controller does not have it, and it is past its time limit (or has none).
   * One sentence of the scheduler's evidence.
   */
  runaway?: string;
}

export const IN_FLIGHT: ReadonlySet<RunStatus> = new Set<RunStatus>(["pending", "submitted", "running"]);

/** A run the tick must look at: in flight, synced (to complete), finished without metrics, or awaiting its sync. */
export function needsWork(m: RunManifest, hasMetrics: boolean): boolean {
  const st = statusOf(m);
  return IN_FLIGHT.has(st) || st === "synced" || !hasMetrics || awaitsSync(m) || endedByHand(m);
}

/**
 * The Python autolab tool's `completed` is the job's end, not the run's: with
 * `artifact_sync_to_local.status` not yet a success (`pending`, `failed`, ...)
 * its monitor syncs next. For its runs (`writesSentinel` false) we do the
 * same: sync, then extract; the status stays `completed`.
 */
export function awaitsSync(m: RunManifest): boolean {
  return (
    m.host_mode === "slurm" &&
    statusOf(m) === "completed" &&
    !writesSentinel(m) &&
    !isSuccessLike(m.artifact_sync_to_local?.status)
  );
}

/** Whether the run's job is asked about this tick. */
export function asksScheduler(m: RunManifest): boolean {
  return (
    m.host_mode === "slurm" &&
    IN_FLIGHT.has(statusOf(m)) &&
    manifestJobId(m) !== undefined &&
    m.slurm?.outcome !== "succeeded"
  );
}

/** Whether results are extracted this tick: synced runs, and ended runs without metrics. */
export function needsExtract(status: RunStatus, hasMetrics: boolean): boolean {
  return (
    status === "synced" || ((status === "failed" || status === "completed" || status === "partial") && !hasMetrics)
  );
}

/**
 * The name the scheduler reports for the job when it differs from the run's
 * `slurm.job_name` (a recycled job id is another job); undefined when they
 * agree or cannot be compared. For an array the array's own name is compared.
 */
export function jobNameMismatch(m: RunManifest, job: { name?: string } | undefined): string | undefined {
  const want = m.slurm?.job_name;
  if (!job || typeof want !== "string" || want === "") return undefined;
  const got = job.name;
  if (got === undefined || got === "" || got === "allocation") return undefined;
  return got === want ? undefined : got;
}

/** The record without what changes on every tick by itself (poll time, growing elapsed time). */
export function stableText(m: RunManifest): string {
  // Copies only the two levels it changes: JSON.stringify never mutates what it prints.
  const slurm = m.slurm;
  if (!slurm || typeof slurm !== "object" || Array.isArray(slurm)) return JSON.stringify(m, null, 2) + "\n";
  const s = { ...slurm };
  delete s.last_poll_at;
  delete s.elapsed;
  return JSON.stringify({ ...m, slurm: s }, null, 2) + "\n";
}

export interface RunInput {
  manifest: RunManifest;
  /** The manifest's repository-relative path (findings name it). */
  file: string;
  at: string;
  now: Date;
  graceSeconds: number;
  /** `outage`: the scheduler was asked and did not answer. */
  answer: "answered" | "outage";
  /** This tick's answer for the run's job; undefined when no source knew it. */
  job?: JobFacts;
  verdict?: JobVerdict;
  /** Accounting is down and the controller no longer lists the job. */
  unresolved?: boolean;
  /** The sentinel as read where the job writes it (before any sync), already checked for its job id. */
  sentinel: Sentinel;
  /** Why the sentinel reads as missing, appended to the evidence (e.g. written by another job). */
  sentinelNote?: string;
  /** The pending reason means the job never starts as it is. */
  neverStarts?: boolean;
  /** How long a runaway accounting record (JobFacts.runaway) may stand before the run is failed as `lost` (default 1 day). */
  runawayLostAfterSeconds?: number;
  /** ...and nobody can clear it without changing the job: the run fails fast. */
  failsFast?: boolean;
  /** `slurm.monitor.max_pending`. */
  maxPendingSeconds?: number;
  /** `slurm.monitor.efficiency_hint_below`: a right-sizing hint under this share (domain/efficiency.ts). */
  efficiencyHintBelow?: number;
}

export interface Moved {
  from: RunStatus | null;
  to: RunStatus;
  evidence: string;
}

export interface RunStep {
  manifest: RunManifest;
  transitions: Moved[];
  findings: Finding[];
  /** The job succeeded for the scheduler: sync its artifacts, then `afterSync`. */
  sync: boolean;
  /** The failure reason, when this step failed the run. */
  failureReason?: string;
  /** Cancel this job before recording the step (a pending job the run gave up on). */
  cancelJob?: string;
  /** Submit the run's next attempt (domain/resubmit.ts) before recording the step. */
  resubmit?: ResubmitPlan;
}

class Step {
  m: RunManifest;
  readonly transitions: Moved[] = [];
  readonly findings: Finding[] = [];
  failureReason?: string;
  cancelJob?: string;
  resubmit?: ResubmitPlan;
  constructor(
    m: RunManifest,
    readonly at: string,
  ) {
    this.m = structuredClone(m);
  }
  move(to: RunStatus, evidence: string, failure?: Failure): boolean {
    const from = statusOf(this.m);
    const next = transition(this.m, to, this.at, evidence, failure);
    if (!next) return false;
    this.m = next;
    this.transitions.push({ from, to, evidence });
    if (to === "failed") this.failureReason = failure?.reason;
    return true;
  }
  done(sync = false): RunStep {
    return {
      manifest: this.m,
      transitions: this.transitions,
      findings: this.findings,
      sync,
      ...(this.failureReason !== undefined ? { failureReason: this.failureReason } : {}),
      ...(this.cancelJob !== undefined ? { cancelJob: this.cancelJob } : {}),
      ...(this.resubmit !== undefined ? { resubmit: this.resubmit } : {}),
    };
  }
}

/** The verdict for a job no source knows: unknown within the grace period, then final (`unknown_job`). */
export function unknownJob(
  since: string | undefined,
  now: Date,
  at: string,
  graceSeconds: number,
): JobVerdict & {
  unknownSince: string;
} {
  const valid = since !== undefined && !Number.isNaN(Date.parse(since));
  const from = valid ? since : at;
  if (!valid || secondsSince(from, now) < graceSeconds) {
    return {
      phase: "unknown",
      terminal: false,
      unknownSince: from,
      detail: `neither sacct nor the controller knows the job (since ${from}; grace ${graceSeconds} s)`,
    };
  }
  return {
    phase: "unknown",
    terminal: true,
    failureReason: "unknown_job",
    unknownSince: from,
    detail: `neither sacct nor the controller has known the job since ${from} (more than ${graceSeconds} s)`,
  };
}

/** The scheduler's verdict with the sentinel found before the sync (only a success is changed). */
function withEarlySentinel(v: JobVerdict, s: Sentinel): JobVerdict {
  if (v.phase !== "succeeded") return v;
  if (s.state === "present" && s.exitCode !== undefined && s.exitCode !== 0) {
    return {
      phase: "failed",
      terminal: true,
      failureReason: "exit_code",
      detail: `${v.detail}; but job_sentinel.json says exit ${s.exitCode}`,
    };
  }
  if (s.state === "present" && s.exitCode === 0) return { ...v, detail: `${v.detail}; sentinel exit 0` };
  // Missing (or without an exit code): it may arrive with the artifacts.
  return {
    ...v,
    detail: `${v.detail}; but job_sentinel.json ${s.state === "present" ? "has no exit_code" : "is missing"}`,
  };
}

/** Store what the scheduler said in `manifest.slurm` (estimates left out, see the module header). */
function recordJob(m: RunManifest, v: JobVerdict, job: JobFacts | undefined, at: string, succeeded: boolean): void {
  const s: SlurmRecord = { ...(m.slurm ?? {}) };
  s.job_id = s.job_id ?? manifestJobId(m);
  s.last_poll_at = at;
  if (job) {
    s.state = job.state;
    if (job.reason !== undefined) s.reason = job.reason;
    else delete s.reason;
    if (job.exitCode !== undefined) s.exit_code = job.exitCode;
    if (v.phase === "pending") delete s.nodes;
    else if (job.nodeList !== undefined) s.nodes = job.nodeList;
    if (job.restarts !== undefined) s.restarts = job.restarts;
    if (v.phase === "pending") delete s.start;
    else if (job.start !== undefined) s.start = job.start;
    if (job.end !== undefined && v.terminal) s.end = job.end;
    if (job.elapsed !== undefined) s.elapsed = job.elapsed;
    s.source = job.source;
    if (job.tasks?.length) {
      s.array_tasks = job.tasks.map((t) => ({ job_id: t.jobId, state: t.state, exit_code: t.exitCode ?? null }));
    }
  }
  if (v.cancelledBy) s.cancelled_by = v.cancelledBy;
  if (succeeded) s.outcome = "succeeded";
  s.decision = v.detail;
  m.slurm = s;
}

/**
 * When no scheduler source knows the job any more (accounting off, and the
 * controller forgot it MinJobAge after it ended; or accounting down), a
 * complete sentinel written by this very job (its job id, an end time and an
 * exit code) is evidence of how it ended: the run is decided from it instead
 * of waiting out the grace and failing it as unknown.
 */
export function sentinelVerdict(m: RunManifest, s: Sentinel): Told | undefined {
  const jobId = manifestJobId(m);
  if (s.state !== "present" || jobId === undefined || s.jobId !== jobId) return undefined;
  if (s.endedAt === undefined || s.exitCode === undefined) return undefined;
  const detail = `the scheduler no longer knows job ${jobId}; its job_sentinel.json says it ended at ${s.endedAt} with exit ${s.exitCode}`;
  return s.exitCode === 0
    ? { phase: "succeeded", terminal: true, detail }
    : { phase: "failed", terminal: true, failureReason: "exit_code", detail, exitCode: s.exitCode };
}

/** The per-run decision of a tick, before any sync. */
export function decideRun(i: RunInput): RunStep {
  const st = new Step(i.manifest, i.at);
  const m0 = i.manifest;
  const before = statusOf(m0);
  const jobId = manifestJobId(m0);
  if (!asksScheduler(m0)) {
    if (endedByHand(m0)) {
      st.m = handEnd(m0, i.at);
      return st.done();
    }
    if (m0.host_mode === "slurm" && before === "running" && m0.slurm?.outcome === "succeeded") return st.done(true);
    if (m0.host_mode === "slurm" && IN_FLIGHT.has(before) && jobId === undefined) {
      st.findings.push({
        severity: "warning",
        check: "monitor.no_job_id",
        file: i.file,
        message: `run ${m0.run_id} is ${before} but has no job id: its launch did not finish, so there is nothing to ask the scheduler about`,
        hint: `look for its job with \`sacct --name autolab-${m0.run_id}\`; relaunch with the same --launch-key to adopt it, or autolab launch ${m0.iteration_id} --run-id ${m0.run_id} when no job exists`,
      });
    }
    return st.done();
  }
  if (i.answer === "outage") return st.done(); // an outage changes no run
  const told = !i.job ? sentinelVerdict(m0, i.sentinel) : undefined;
  if (!i.job && i.unresolved && !told) {
    st.findings.push({
      severity: "notice",
      check: "scheduler.unresolved",
      message: `job ${jobId} of run ${m0.run_id}: the controller no longer lists it and accounting is down; left as ${before} until sacct answers`,
      file: i.file,
    });
    return st.done();
  }
  let job = i.job;
  let verdict = i.verdict;
  let sentinel = i.sentinel;
  let note = i.sentinelNote ?? "";
  const otherName = jobNameMismatch(m0, job);
  if (otherName !== undefined) {
    st.findings.push({
      severity: "warning",
      check: "scheduler.job_name_mismatch",
      file: i.file,
      jsonPath: "/slurm/job_name",
      message: `job ${jobId} is named ${JSON.stringify(otherName)} for the scheduler, not ${JSON.stringify(m0.slurm?.job_name)} as run ${m0.run_id} recorded: it is another job, so run ${m0.run_id}'s job counts as unknown (failed as unknown_job after ${i.graceSeconds} s)`,
      hint: `look for the run's own job with \`sacct --name ${String(m0.slurm?.job_name)}\`; if it exists, put its id into the manifest`,
    });
    job = undefined;
    verdict = undefined;
    sentinel = { state: "missing" };
    note = "";
  }
  if (job?.runaway !== undefined) return runawayStep(st, i, job, sentinel);
  let unknownSince: string | undefined;
  let v: JobVerdict;
  let gaveUp: Failure | undefined;
  if (!job && told && otherName === undefined) {
    v = told;
  } else if (!job || !verdict) {
    const u = unknownJob(m0.slurm?.unknown_since, i.now, i.at, i.graceSeconds);
    unknownSince = u.unknownSince;
    v = { phase: u.phase, terminal: u.terminal, failureReason: u.failureReason, detail: u.detail };
  } else {
    v = withEarlySentinel(verdict, sentinel);
  }
  v = { ...v, detail: v.detail + note };
  if (otherName !== undefined)
    v.detail += ` (job ${jobId} is named ${otherName}, not ${String(m0.slurm?.job_name)}: another job)`;

  const succeeded = v.phase === "succeeded";
  recordJob(st.m, v, job, i.at, succeeded);
  if (job && jobId !== undefined) st.m.attempts = attemptsAfter(st.m, job, v, jobId, i.at, sentinel);
  if (job && jobId !== undefined) recordUsage(st.m, job, v, { jobId, at: i.at, hintBelow: i.efficiencyHintBelow });
  if (job || told) delete st.m.slurm!.unknown_since;
  else if (unknownSince) st.m.slurm!.unknown_since = unknownSince;

  if (v.phase === "running") {
    st.move("running", v.detail);
  } else if (succeeded) {
    const ran = `the job ran${job?.start ? ` from ${job.start}` : ""}${job?.end ? ` to ${job.end}` : ""}`;
    st.move("running", `${ran}; ${v.detail}`);
    return st.done(true);
  } else if (v.terminal) {
    // The attempt ended: resubmitted by the policy (domain/resubmit.ts), or the run fails.
    const end = endAttempt(st.m, v, sentinel, jobId ?? "", sweepIdOf(m0) !== undefined);
    if ("plan" in end) st.resubmit = end.plan;
    else {
      const f = end.failure;
      st.move("failed", f.message, {
        ...f,
        cancelled_by: v.cancelledBy,
        exit_code: st.m.slurm?.exit_code || undefined,
      });
    }
  } else if (v.phase === "unknown") {
    st.findings.push({
      severity: "warning",
      check: "scheduler.unknown_job",
      message: job
        ? `job ${jobId} of run ${m0.run_id}: ${v.detail}`
        : `job ${jobId} of run ${m0.run_id} is not known to the scheduler (since ${unknownSince ?? i.at}); it is called failed (unknown_job) after ${i.graceSeconds} s`,
      file: i.file,
    });
  } else if (v.phase === "pending" && job && jobId !== undefined && (gaveUp = givesUp(i, job, jobId))) {
    st.move("failed", gaveUp.message, gaveUp);
    st.cancelJob = jobId;
  } else if (v.phase === "pending" && job?.reason && i.neverStarts) {
    st.findings.push({
      severity: "warning",
      check: "scheduler.never_starts",
      message: `job ${jobId} of run ${m0.run_id} is pending with reason ${job.reason}: it will not start unless the request or the cluster changes`,
      file: i.file,
      hint: `change the request in design.yaml and relaunch (autolab cancel ${m0.run_id}), or ask the admins (scontrol show job ${jobId})`,
    });
  } else if (v.phase === "pending" && jobId !== undefined) {
    const n = waitingNotice(st.m, jobId, i.file);
    if (n) st.findings.push(n);
  }
  return st.done();
}

export const DEFAULT_RUNAWAY_LOST_AFTER_SECONDS = 86400;

/**
 * A runaway accounting record (sacct says RUNNING, the controller does not
 * have the job, past its time limit) is not "running": a complete sentinel of
 * this job decides the run; without one the run is left as it is with a
 * warning naming `sacctmgr show runawayjobs`, and failed as `lost` once the
 * record has stood `runawayLostAfterSeconds` since the first tick saw it
 * (`slurm.runaway_since`).
 */
function runawayStep(st: Step, i: RunInput, job: JobFacts, sentinel: Sentinel): RunStep {
  const m0 = i.manifest;
  const jobId = manifestJobId(m0);
  const told = sentinelVerdict(m0, sentinel);
  if (told) {
    const v = { ...told, detail: `${job.runaway} (a runaway accounting record); ${told.detail}` };
    recordJob(st.m, v, job, i.at, v.phase === "succeeded");
    delete st.m.slurm!.runaway_since;
    if (v.phase === "succeeded") {
      st.move("running", v.detail);
      return st.done(true);
    }
    st.move("failed", v.detail, { reason: "exit_code", message: v.detail, sentinel_exit_code: told.exitCode });
    return st.done();
  }
  const prev = m0.slurm?.runaway_since;
  const since = typeof prev === "string" && !Number.isNaN(Date.parse(prev)) ? prev : i.at;
  const limit = i.runawayLostAfterSeconds ?? DEFAULT_RUNAWAY_LOST_AFTER_SECONDS;
  const lost = secondsSince(since, i.now) >= limit;
  const detail = lost
    ? `${job.runaway}: a runaway accounting record since ${since} (more than ${limit} s) and no complete job_sentinel.json: the job is lost`
    : `${job.runaway}: a runaway accounting record (since ${since}); no complete job_sentinel.json yet`;
  recordJob(st.m, { phase: "unknown", terminal: lost, detail }, job, i.at, false);
  st.m.slurm!.runaway_since = since;
  if (lost) {
    st.move("failed", detail, { reason: "lost", message: detail });
    return st.done();
  }
  st.findings.push({
    severity: "warning",
    check: "scheduler.runaway",
    file: i.file,
    message: `job ${jobId} of run ${m0.run_id}: ${job.runaway}, so slurmdbd never recorded its end (a runaway record); the run is left as ${statusOf(m0)} and failed as lost after ${limit} s (since ${since}) unless its job_sentinel.json says how it ended`,
    hint: "ask the cluster admins to run `sacctmgr show runawayjobs` (it lists such records and offers to close them); the job's log and sentinel say how it really ended",
  });
  return st.done();
}

/** A sentinel's exit code, when it has one. */
type Told = JobVerdict & { exitCode?: number };

export interface AfterSyncInput {
  manifest: RunManifest;
  file: string;
  at: string;
  now: Date;
  graceSeconds: number;
  /** What the sync did, e.g. `artifact sync ok (3 file(s) copied)`. */
  syncEvidence: string;
  /** The sentinel as it is in the checkout after the sync, already checked for its job id. */
  sentinel: Sentinel;
  sentinelNote?: string;
}

/** The decision after the artifacts of a job the scheduler called a success arrived. */
export function afterSync(i: AfterSyncInput): RunStep {
  const st = new Step(i.manifest, i.at);
  const code = i.sentinel.state === "present" ? i.sentinel.exitCode : undefined;
  const slurm: SlurmRecord = { ...(st.m.slurm ?? {}) };
  if (code === 0) {
    delete slurm.sentinel_missing_since;
    st.m.slurm = slurm;
    st.move("synced", `${i.syncEvidence}; job_sentinel.json says exit 0`);
    return st.done();
  }
  if (code !== undefined) {
    const evidence = `${i.syncEvidence}; but job_sentinel.json says exit ${code}, although the scheduler reported success`;
    st.m.slurm = slurm;
    st.move("failed", evidence, { reason: "exit_code", message: evidence, sentinel_exit_code: code });
    return st.done();
  }
  if (i.sentinel.state === "missing" && !writesSentinel(st.m)) {
    delete slurm.sentinel_missing_since;
    st.m.slurm = slurm;
    st.move(
      "synced",
      `${i.syncEvidence}; no job_sentinel.json is expected: the run was launched by the Python autolab tool, whose job scripts write none, so the scheduler's success is the evidence`,
    );
    return st.done();
  }
  const since = typeof slurm.sentinel_missing_since === "string" ? slurm.sentinel_missing_since : i.at;
  const what =
    i.sentinel.state === "present"
      ? "job_sentinel.json has no exit code (the job script did not reach its end)"
      : `job_sentinel.json is missing${i.sentinelNote ?? ""}`;
  if (secondsSince(since, i.now) >= i.graceSeconds) {
    const evidence = `${i.syncEvidence}; but ${what} since ${since}`;
    st.m.slurm = slurm;
    st.move("failed", evidence, { reason: "sentinel_missing", message: evidence });
    return st.done();
  }
  slurm.sentinel_missing_since = since;
  st.m.slurm = slurm;
  const jobId = manifestJobId(st.m);
  st.findings.push({
    severity: "warning",
    check: "monitor.sentinel_missing",
    file: i.file,
    message: `job ${jobId} of run ${st.m.run_id} completed with exit 0 for the scheduler, but ${what}; waiting up to ${i.graceSeconds} s (since ${since}) before calling the run failed`,
    hint: "a shared filesystem can show new files late; if the job's files live elsewhere, check artifact_sync",
  });
  return st.done();
}
