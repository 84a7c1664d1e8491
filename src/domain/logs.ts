/**
 * Which log files `autolab logs` shows, and when following stops. Pure.
 *
 * Rules (rows in __tests__/unit/domain-logs.test.ts):
 * - A local run's logs are `logs/run_local.out|.err`; a SLURM job's are
 *   `logs/slurm-<job>.out|.err`, stdout first.
 * - `--attempt N` is attempt N of the manifest's `attempts[]` (1-based, the
 *   launch is 1; the long-jobs work records one entry per start: launch,
 *   requeue, resubmit): its job id names the files. A requeue keeps the job id
 *   and SLURM appends to the same files (`--open-mode=append`), so attempts
 *   of one job share them; the plan says which attempts do. Without
 *   `attempts[]` there is one attempt, the manifest's job. An attempt that
 *   does not exist is an error naming the ones that do.
 * - Following ends once the job has ended: the sentinel says so (`ended_at`),
 *   the manifest is past the job (not pending, submitted or running), or the scheduler judged the job terminal.
 */
import type { RunManifest } from "../contract/types.js";
import { manifestJobId, statusOf } from "./run.js";
import { IN_FLIGHT } from "./tick.js";

export type LogStream = "out" | "err";

export interface LogPlan {
  /** File names under the run's `logs/`, in the order shown. */
  files: string[];
  jobId?: string;
  /** The attempt shown (1-based). */
  attempt: number;
  /** Other attempts whose output is in the same files (a requeue). */
  sharedWith: number[];
}

interface AttemptLike {
  attempt: number;
  jobId: string;
}

function attemptsOf(m: RunManifest): AttemptLike[] {
  const raw = (m as Record<string, unknown>).attempts;
  if (!Array.isArray(raw)) return [];
  const out: AttemptLike[] = [];
  raw.forEach((a, i) => {
    if (!a || typeof a !== "object") return;
    const r = a as Record<string, unknown>;
    const jobId = typeof r.job_id === "string" || typeof r.job_id === "number" ? String(r.job_id) : undefined;
    if (!jobId) return;
    out.push({ attempt: typeof r.attempt === "number" && Number.isInteger(r.attempt) ? r.attempt : i + 1, jobId });
  });
  return out;
}

export function logPlan(
  m: RunManifest,
  o: { attempt?: number; streams?: readonly LogStream[] } = {},
): LogPlan | { error: string } {
  const streams = o.streams ?? ["out", "err"];
  if (m.host_mode !== "slurm") {
    if (o.attempt !== undefined && o.attempt !== 1) return { error: `a local run has one attempt, not ${o.attempt}` };
    return { files: streams.map((s) => `run_local.${s}`), attempt: 1, sharedWith: [] };
  }
  const attempts = attemptsOf(m);
  const current = manifestJobId(m);
  const list = attempts.length ? attempts : current ? [{ attempt: 1, jobId: current }] : [];
  if (!list.length) return { error: `run ${m.run_id} has no job id yet: there are no logs` };
  const want = o.attempt ?? list[list.length - 1].attempt;
  const chosen = list.find((a) => a.attempt === want);
  if (!chosen)
    return {
      error: `run ${m.run_id} has no attempt ${want}: its attempts are ${list.map((a) => a.attempt).join(", ")}`,
    };
  return {
    files: streams.map((s) => `slurm-${chosen.jobId}.${s}`),
    jobId: chosen.jobId,
    attempt: chosen.attempt,
    sharedWith: list.filter((a) => a.jobId === chosen.jobId && a.attempt !== chosen.attempt).map((a) => a.attempt),
  };
}

/** Following stops: the sentinel says the script ended, the manifest is terminal, or the scheduler says so. */
export function followEnds(i: {
  sentinelEnded: boolean;
  manifest?: RunManifest;
  schedulerTerminal?: boolean;
}): boolean {
  return i.sentinelEnded || (i.manifest ? !IN_FLIGHT.has(statusOf(i.manifest)) : false) || !!i.schedulerTerminal;
}
