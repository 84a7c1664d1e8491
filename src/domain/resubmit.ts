/**
 * The resubmission policy: whether a run whose job ended is resubmitted (the
 * same run, the next attempt, resuming from its checkpoint dir) or fails.
 * Pure; `domain/tick.ts` asks it when a job ends in failure, and
 * `resubmittedManifest` records the new attempt once the monitor has its job.
 *
 * Rules (rows in __tests__/unit/domain-resubmit.test.ts):
 * - The policy is the design's `compute.max_restarts` (default 0) and
 *   `compute.resubmit_on`, recorded in the run's `resource_request` at launch
 *   (the policy the run was launched with; a later design edit does not change
 *   a run in flight).
 * - Why the attempt ended: the scheduler's failure reason (`timeout`,
 *   `preempted`, `node_fail`, ...), except that a job that failed with the
 *   resume exit code while its sentinel (written by this job) says the
 *   workload asked to be resumed ended `checkpointed` (the workload's own
 *   status and the signal are kept on the attempt).
 * - Resubmitted when that reason is listed, the restarts used (attempts the
 *   tool resubmitted, `cause: "resubmit"`; SLURM's own requeues are not
 *   counted) are fewer than `max_restarts`, the attempt was not resubmitted
 *   already (`resubmitted_as` on it) and the run is not a sweep task
 *   (refused: a task is one index of an array script; it fails with a
 *   message saying so).
 * - Otherwise the run fails with the attempt's reason; when restarts were
 *   used the message says "after N restarts", and a listed reason over the
 *   limit says the limit was reached.
 * - The next attempt's job name is derived from the run id and the attempt
 *   number (`autolab-<run_id>-a<n>`): every monitor asks the scheduler the
 *   same question before submitting, so a racing monitor adopts the job the
 *   other one submitted.
 * - A `node_fail` attempt's nodes are excluded from every later attempt
 *   (`--exclude`), with those of earlier node failures.
 */
import type { RunManifest } from "../contract/types.js";
import { attemptsOf, type AttemptRecord } from "./attempts.js";
import { RESUME_EXIT_CODE, type Sentinel } from "./sentinel.js";

export const RESUBMIT_REASONS = ["timeout", "preempted", "node_fail", "checkpointed"] as const;
export type ResubmitReason = (typeof RESUBMIT_REASONS)[number];

export interface ResubmitPolicy {
  maxRestarts: number;
  on: ResubmitReason[];
}

/** What launch records of the design's policy in `resource_request` (only what is set). */
export function policyRecord(c: { max_restarts?: unknown; resubmit_on?: unknown }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof c.max_restarts === "number") out.max_restarts = c.max_restarts;
  if (Array.isArray(c.resubmit_on)) out.resubmit_on = c.resubmit_on;
  return out;
}

/** The run's policy, read defensively from its manifest. */
export function resubmitPolicy(m: RunManifest): ResubmitPolicy {
  const rr = (m.resource_request ?? {}) as Record<string, unknown>;
  const max = rr.max_restarts;
  const on = Array.isArray(rr.resubmit_on) ? rr.resubmit_on : [];
  return {
    maxRestarts: typeof max === "number" && Number.isInteger(max) && max > 0 ? max : 0,
    on: on.filter((r): r is ResubmitReason => (RESUBMIT_REASONS as readonly unknown[]).includes(r)),
  };
}

/** Restarts the tool made so far (resubmitted attempts). */
export function restartsUsed(attempts: readonly AttemptRecord[]): number {
  return attempts.filter((a) => a.cause === "resubmit").length;
}

/** The job name of attempt `n` (> 1) of a run. */
export function attemptJobName(runId: string, n: number): string {
  return `autolab-${runId}-a${n}`;
}

/** Why the attempt ended: the scheduler's reason, or `checkpointed` when the workload asked to be resumed. */
export function endReason(failureReason: string | undefined, s: Sentinel, jobId: string): string {
  const reason = failureReason ?? "unknown";
  if (reason !== "exit_code" || s.state !== "present" || s.jobId !== jobId) return reason;
  return s.resumeRequested && s.exitCode === RESUME_EXIT_CODE ? "checkpointed" : reason;
}

/** What the workload said of its end (kept on the attempt and in the failure). */
export function workloadEnd(s: Sentinel, jobId: string): Record<string, unknown> {
  if (s.state !== "present" || s.jobId !== jobId) return {};
  const out: Record<string, unknown> = {};
  if (s.workloadExitCode !== undefined) out.workload_exit_code = s.workloadExitCode;
  if (s.checkpointSignal !== undefined) out.checkpoint_signal = s.checkpointSignal;
  if (s.resumeRequested) out.resume_requested = true;
  return out;
}

export interface ResubmitPlan {
  /** The attempt to submit (2, 3, ...). */
  attempt: number;
  name: string;
  /** Why the previous attempt ended. */
  reason: string;
  /** The job of the attempt that ended. */
  previousJobId: string;
  /** Restarts used once this one is made. */
  restarts: number;
  maxRestarts: number;
  /** Nodes to leave out (`--exclude`), a comma-separated list of node lists. */
  excludeNodes?: string;
}

export type ResubmitDecision =
  { kind: "resubmit"; plan: ResubmitPlan } | { kind: "fail"; reason: string; note: string; restarts: number };

/**
 * The decision for a run whose current attempt ended with `reason` (the
 * attempts already hold this tick's facts). `sweepTask`: the run is one task
 * of a job array.
 */
export function decideResubmit(m: RunManifest, reason: string, jobId: string, sweepTask = false): ResubmitDecision {
  const attempts = attemptsOf(m);
  const cur = attempts[attempts.length - 1];
  const policy = resubmitPolicy(m);
  const used = restartsUsed(attempts);
  const after = used ? ` after ${used} restart${used === 1 ? "" : "s"}` : "";
  const fail = (note: string): ResubmitDecision => ({ kind: "fail", reason, note: `${after}${note}`, restarts: used });
  const listed = (policy.on as readonly string[]).includes(reason);
  if (!listed || policy.maxRestarts === 0) return fail("");
  if (cur?.resubmitted_as !== undefined) return fail(" (this attempt was resubmitted already)");
  if (sweepTask)
    return fail(
      `; ${reason} is in compute.resubmit_on, but a sweep task is not resubmitted (it is one index of its array's script): relaunch the sweep's failed tasks`,
    );
  if (used >= policy.maxRestarts) return fail(`; compute.max_restarts (${policy.maxRestarts}) is reached`);
  const failedNodes = attempts.filter(
    (a) => a.end_reason === "node_fail" && typeof a.nodes === "string" && a.nodes !== "",
  );
  const exclude = [...new Set(failedNodes.map((a) => a.nodes as string))].join(",");
  return {
    kind: "resubmit",
    plan: {
      attempt: (cur?.attempt ?? attempts.length) + 1,
      name: attemptJobName(m.run_id, (cur?.attempt ?? attempts.length) + 1),
      reason,
      previousJobId: jobId,
      restarts: used + 1,
      maxRestarts: policy.maxRestarts,
      ...(exclude ? { excludeNodes: exclude } : {}),
    },
  };
}

/** The job of a resubmitted attempt (submitted now, or adopted: another monitor submitted it). */
export interface ResubmittedJob {
  jobId: string;
  cluster?: string;
  /** The variables passed to the scheduler with it (policy `slurm.submit.pass_env`, the run's recorded values). */
  passedEnv?: Readonly<Record<string, string>>;
  adopted: boolean;
  submitAttempts: number;
  evidence: string;
}

/**
 * The run once its next attempt has a job: the job id everywhere the
 * contract keeps it, a fresh `slurm` record for the new job (what the old job
 * said stays on its attempt; `passed_env` is what this attempt was given), the ended attempt marked `resubmitted_as`, the
 * new attempt appended. The status is kept (as for a SLURM requeue).
 */
export function resubmittedManifest(m: RunManifest, plan: ResubmitPlan, job: ResubmittedJob, at: string): RunManifest {
  const attempts = attemptsOf(m).map((a) => ({ ...a }));
  const cur = attempts[attempts.length - 1];
  if (cur) cur.resubmitted_as = job.jobId;
  attempts.push({
    attempt: plan.attempt,
    job_id: job.jobId,
    restart_count: 0,
    cause: "resubmit",
    seen_at: at,
    resubmitted_for: plan.reason,
    ...(plan.excludeNodes ? { excluded_nodes: plan.excludeNodes } : {}),
  });
  const rr = { ...(m.resource_request ?? {}) } as Record<string, unknown>;
  rr.job_id = job.jobId;
  rr.slurm = { ...((rr.slurm as Record<string, unknown> | undefined) ?? {}), job_id: job.jobId };
  return {
    ...m,
    job_id: job.jobId,
    resource_request: rr,
    attempts,
    slurm: {
      job_id: job.jobId,
      job_name: plan.name,
      ...(job.cluster ? { cluster: job.cluster } : {}),
      ...(job.adopted ? { adopted: true, adopted_by: "job name" } : { submit_attempts: job.submitAttempts }),
      restarts_used: plan.restarts,
      ...(job.passedEnv && Object.keys(job.passedEnv).length ? { passed_env: { ...job.passedEnv } } : {}),
      decision: `attempt ${plan.attempt - 1} (job ${plan.previousJobId}) ended ${plan.reason}; ${job.evidence} as attempt ${plan.attempt} (restart ${plan.restarts} of ${plan.maxRestarts})`,
    },
  };
}

/**
 * The end of the current attempt as a tick decides it: the attempt gets its
 * `end_reason` (and the workload's own status), and the run is either to be
 * resubmitted (`plan`) or failed with the failure this returns.
 */
export function endAttempt(
  m: RunManifest,
  v: { failureReason?: string; detail: string },
  s: Sentinel,
  jobId: string,
  sweepTask: boolean,
): { plan: ResubmitPlan } | { failure: { reason: string; message: string; [k: string]: unknown } } {
  const reason = endReason(v.failureReason, s, jobId);
  const said = workloadEnd(s, jobId);
  const attempts = attemptsOf(m).map((a) => ({ ...a }));
  const cur = attempts[attempts.length - 1];
  if (cur && cur.job_id === jobId) {
    Object.assign(cur, { end_reason: reason }, said);
    m.attempts = attempts;
  }
  const d = decideResubmit(m, reason, jobId, sweepTask);
  if (d.kind === "resubmit") return { plan: d.plan };
  const checkpointed = reason === "checkpointed" ? "; the workload saved a checkpoint and asked to be resumed" : "";
  return {
    failure: {
      reason,
      message: `${v.detail}${checkpointed}${d.note}`,
      ...said,
      ...(d.restarts ? { restarts: d.restarts } : {}),
    },
  };
}
