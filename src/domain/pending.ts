/**
 * The pending watchdog: when a run gives up on its pending job (which is then
 * cancelled). Pure; `domain/tick.ts` asks it for a pending job.
 *
 * - A reason that never clears without changing the job (the adapter's
 *   `failsFast`): `never_starts`, with the reason and what to change.
 * - Pending longer than `max_pending` (strictly), counted from the launch, or,
 *   for a running run whose job was requeued and waits again, from the tick
 *   that saw that attempt: `pending_timeout`.
 */
import type { RunManifest } from "../contract/types.js";
import { currentAttempt } from "./attempts.js";
import { statusOf, type Failure } from "./run.js";
import { secondsSince } from "./time.js";
import type { Finding } from "../util/errors.js";

/** When the job waits since (its submission, or the requeue that made it wait again). */
function pendingSince(m: RunManifest): string | undefined {
  if (statusOf(m) === "running") return currentAttempt(m)?.seen_at;
  return m.timestamps?.started_at;
}

export function givesUp(
  i: { manifest: RunManifest; now: Date; failsFast?: boolean; maxPendingSeconds?: number },
  job: { reason?: string },
  jobId: string,
): Failure | undefined {
  const run = i.manifest.run_id;
  if (i.failsFast && job.reason) {
    const message = `job ${jobId} of run ${run} can never start: it is pending with reason ${job.reason}, which does not clear without changing the request; the job is cancelled`;
    return {
      reason: "never_starts",
      message,
      pending_reason: job.reason,
      hint: "change compute in design.yaml so the request fits the partition's, QOS's and account's limits (scontrol show partition; sacctmgr show assoc), then launch again",
    };
  }
  const since = pendingSince(i.manifest);
  if (i.maxPendingSeconds === undefined || since === undefined || Number.isNaN(Date.parse(since))) return undefined;
  const waited = secondsSince(since, i.now);
  if (waited <= i.maxPendingSeconds) return undefined;
  const message = `job ${jobId} of run ${run} has been pending since ${since} (${waited} s, more than max_pending ${i.maxPendingSeconds} s${job.reason ? `; reason ${job.reason}` : ""}); the job is cancelled`;
  return { reason: "pending_timeout", message, ...(job.reason ? { pending_reason: job.reason } : {}) };
}

/**
 * The notice for a job that waits (for resources, its priority, a QOS or
 * association limit the cluster will lift, ...: any pending reason that is
 * not a never-start one) with the start SLURM expects, as the tick recorded
 * it (`slurm.expected_start`, from the tick's own squeue answer: no extra
 * question). Nothing without an estimate. The text holds no span to now, so
 * the findings (and the check run that carries them) do not change between
 * ticks while the estimate holds.
 */
export function waitingNotice(m: RunManifest, jobId: string, file: string): Finding | undefined {
  const est = m.slurm?.expected_start;
  if (typeof est !== "string" || Number.isNaN(Date.parse(est))) return undefined;
  const reason = typeof m.slurm?.reason === "string" && m.slurm.reason !== "None" ? m.slurm.reason : undefined;
  return {
    severity: "notice",
    check: "scheduler.expected_start",
    file,
    message: `job ${jobId} of run ${m.run_id} is waiting${reason ? ` (${reason})` : ""}; SLURM expects it to start at ${est}`,
  };
}
