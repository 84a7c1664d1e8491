/**
 * A run's attempts: `attempts[]` in the manifest, one entry per start of the
 * run's work — the first submission, every requeue by SLURM (same job id,
 * higher restart count: `scontrol requeue`, a preemption or node failure with
 * `--requeue`). Pure; `domain/tick.ts` calls it with each tick's answer.
 *
 * Rules (rows in __tests__/unit/longjobs.test.ts):
 * - A run without attempts gets attempt 1 for its job (restart count as seen,
 *   else 0; `cause: "launch"`).
 * - The scheduler's restart count (or the sentinel's) above the current
 *   attempt's: SLURM requeued the job. The current attempt is closed (state
 *   `REQUEUED`; its end, when no final one was seen, is the tick that saw the
 *   requeue) and a new one opened (`cause: "requeue"`), with
 *   the same job id and that restart count.
 * - The current attempt takes the tick's facts: state, reason (only while
 *   pending), exit code, start and nodes (not while pending: those are the
 *   scheduler's estimates), end (only once final). Nothing that moves by itself
 *   (elapsed time, poll time) is stored, so an idle tick changes nothing.
 * - Another job id than the current attempt's (a resubmission) opens a new
 *   attempt (`cause: "resubmit"`).
 */
import type { RunManifest } from "../contract/types.js";
import type { Sentinel } from "./sentinel.js";
import type { JobFacts, JobVerdict } from "./tick.js";

export interface AttemptRecord {
  /** 1, 2, ... */
  attempt: number;
  job_id: string;
  /** SLURM's restart count for this attempt (requeues of the same job id). */
  restart_count: number;
  cause: "launch" | "requeue" | "resubmit";
  /** When the tool first saw this attempt (a tick's time). */
  seen_at?: string;
  start?: string;
  end?: string;
  state?: string;
  exit_code?: string;
  nodes?: string;
  reason?: string;
  [k: string]: unknown;
}

/** What one tick saw of the run's job. */
export interface AttemptFacts {
  jobId: string;
  at: string;
  pending: boolean;
  terminal: boolean;
  state?: string;
  reason?: string;
  exitCode?: string;
  start?: string;
  end?: string;
  nodeList?: string;
  /** The scheduler's restart count (squeue/scontrol; sacct 22.05 has none). */
  restarts?: number;
  /** The restart count the job script wrote into the sentinel (`restart_count`). */
  sentinelRestarts?: number;
}

/** The manifest's attempts, read defensively (a hand-edited file may hold anything). */
export function attemptsOf(m: RunManifest): AttemptRecord[] {
  const a = m.attempts;
  if (!Array.isArray(a)) return [];
  return a.filter(
    (x): x is AttemptRecord => x !== null && typeof x === "object" && typeof (x as AttemptRecord).job_id === "string",
  );
}

/** The current (last) attempt, if any. */
export function currentAttempt(m: RunManifest): AttemptRecord | undefined {
  const a = attemptsOf(m);
  return a[a.length - 1];
}

function fill(a: AttemptRecord, f: AttemptFacts): void {
  if (f.state !== undefined) a.state = f.state;
  if (f.pending) {
    if (f.reason !== undefined) a.reason = f.reason;
    return;
  }
  delete a.reason;
  if (f.exitCode !== undefined) a.exit_code = f.exitCode;
  if (f.start !== undefined) a.start = f.start;
  if (f.nodeList !== undefined && f.nodeList !== "" && f.nodeList !== "None assigned") a.nodes = f.nodeList;
  if (f.terminal && f.end !== undefined) a.end = f.end;
}

/** The attempts after this tick's facts (a new array; the input is not changed). */
export function nextAttempts(prev: readonly AttemptRecord[], f: AttemptFacts): AttemptRecord[] {
  const out = prev.map((a) => ({ ...a }));
  const restarts = Math.max(f.restarts ?? 0, f.sentinelRestarts ?? 0);
  let cur = out[out.length - 1];
  if (!cur) {
    cur = { attempt: 1, job_id: f.jobId, restart_count: restarts, cause: "launch", seen_at: f.at };
    out.push(cur);
  } else if (cur.job_id !== f.jobId) {
    cur = { attempt: cur.attempt + 1, job_id: f.jobId, restart_count: restarts, cause: "resubmit", seen_at: f.at };
    out.push(cur);
  } else if (restarts > cur.restart_count) {
    cur.state = "REQUEUED";
    cur.end = cur.end ?? f.at;
    delete cur.reason;
    cur = { attempt: cur.attempt + 1, job_id: f.jobId, restart_count: restarts, cause: "requeue", seen_at: f.at };
    out.push(cur);
  }
  fill(cur, f);
  return out;
}

/** `attempts[]` after a tick's answer (the scheduler's facts, its verdict, the sentinel). */
export function attemptsAfter(m: RunManifest, job: JobFacts, v: JobVerdict, jobId: string, at: string, s: Sentinel) {
  return nextAttempts(attemptsOf(m), {
    jobId,
    at,
    pending: v.phase === "pending",
    terminal: v.terminal,
    state: job.state,
    reason: job.reason,
    exitCode: job.exitCode,
    start: job.start,
    end: job.end,
    nodeList: job.nodeList,
    restarts: job.restarts,
    sentinelRestarts: s.state === "present" && s.jobId === jobId ? s.restartCount : undefined,
  });
}
