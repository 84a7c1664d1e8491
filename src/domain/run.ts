/**
 * A run record's facts and its one state change. Pure.
 *
 * - `statusOf` is the one reading of a run's status: a manifest without
 *   `status` (older writers) is `submitted` when it is a SLURM run with a job
 *   id (the Python tool wrote it right after sbatch answered), else `pending`.
 * - `transition` is the only way a run's status changes: it checks the move
 *   is allowed (forward only, never out of a terminal status), appends one
 *   history entry with its evidence, sets `completed_at` (both places the
 *   contract keeps it) on a terminal status, and records a failure in one
 *   shape, `failure: {reason, message, ...details}`, mirrored into
 *   `slurm.failure_reason` (and `slurm.cancelled_by`) for SLURM runs.
 */
import type { RunManifest } from "../contract/types.js";
import { canTransition, isRunStatus, type RunStatus } from "../contract/vocabulary.js";
import { AutolabError } from "../util/errors.js";

/** Why a run failed: one shape for launch, monitor, cancel and local runs. */
export interface Failure {
  /** A FailureReason (`timeout`, `exit_code`, `cancelled`, `submit_error`, `sentinel_missing`, ...). */
  reason: string;
  /** One sentence: what the decision rested on. */
  message: string;
  /** The scheduler's `exit:signal`, or a local run's exit status. */
  exit_code?: string | number;
  /** The sentinel's exit status when it disagrees with the scheduler. */
  sentinel_exit_code?: number;
  /** Uid (scheduler) or user (autolab cancel) that cancelled the job. */
  cancelled_by?: string;
  /** The kind of a submission error (`permanent`, `transient`, ...). */
  kind?: string;
  /** A person's note (autolab cancel --reason). */
  note?: string;
  /** The scheduler's pending reason of a job that never started (`never_starts`, `pending_timeout`). */
  pending_reason?: string;
  /** What to change. */
  hint?: string;
}

function nonEmpty(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The SLURM job id: `job_id` > `slurm.job_id` > `resource_request.job_id` > `resource_request.slurm.job_id`. */
export function manifestJobId(m: RunManifest): string | undefined {
  const rr = obj(m.resource_request);
  return (
    nonEmpty(m.job_id) ?? nonEmpty(obj(m.slurm)?.job_id) ?? nonEmpty(rr?.job_id) ?? nonEmpty(obj(rr?.slurm)?.job_id)
  );
}

/** The sweep a task run belongs to: `sweep.sweep_id` (what launch writes), else a top-level `sweep_id`. */
export function sweepIdOf(m: RunManifest): string | undefined {
  return nonEmpty(obj(m.sweep)?.sweep_id) ?? nonEmpty(m.sweep_id);
}

/**
 * Whether the run was launched by the Python autolab tool, whose job scripts
 * write no `job_sentinel.json` (issue 10, item 9). Its manifests carry
 * `workspace_revision` (its record of the launched revision) and neither of
 * the fields our launch always writes: `launch.tool: "autolab-slurm"` and,
 * for a SLURM run, the job name it gave (`slurm.job_name`). For such a run
 * the scheduler's own record (COMPLETED 0:0) is the evidence, a missing
 * sentinel is no missing evidence, and its ledger line follows that tool's
 * rules (ledger/ledger.ts).
 */
export function launchedByPythonTool(m: RunManifest): boolean {
  if (obj(m.launch)?.tool === "autolab-slurm") return false;
  const name = obj(m.slurm)?.job_name;
  if (typeof name === "string" && name !== "") return false;
  return obj(m.workspace_revision) !== undefined;
}

/** Whether the run's job script writes `job_sentinel.json` (all but the Python tool's). */
export function writesSentinel(m: RunManifest): boolean {
  return !launchedByPythonTool(m);
}

/**
 * The job as the scheduler port names it: the job id, and for a job on a
 * named cluster of a multi-cluster site (`slurm.cluster`, recorded from
 * sbatch's `id;cluster`) `id;cluster`, so each cluster is asked for its own
 * jobs (issue 10, item 6).
 */
export function manifestJobRef(m: RunManifest): string | undefined {
  const id = manifestJobId(m);
  const cluster = manifestCluster(m);
  return id !== undefined && cluster !== undefined ? `${id};${cluster}` : id;
}

/** The named cluster the run's job went to (`slurm.cluster`), when it is a usable cluster name. */
export function manifestCluster(m: RunManifest): string | undefined {
  const cluster = obj(m.slurm)?.cluster;
  return typeof cluster === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(cluster) ? cluster : undefined;
}

const RUN_ID_STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/;

/** UTC calendar date (YYYY-MM-DD) of an ISO timestamp; a timestamp without a zone is read as UTC. */
export function utcDateOf(ts: unknown): string | undefined {
  if (typeof ts !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/.exec(ts.trim());
  if (!m) return undefined;
  if (!m[2] || !m[3] || /^[Zz]$/.test(m[3]) || /^[+-]00:?00$/.test(m[3])) {
    // Already UTC (or no zone): the date is the first ten characters, if it is a real date.
    const d = new Date(`${m[1]}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1] ? undefined : m[1];
  }
  const zone = m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/**
 * The run's UTC launch date, YYYY-MM-DD: from `timestamps.started_at`, else
 * `started_at`, else the YYYYMMDDTHHMMSSZ stamp at the start of the run id.
 * Undefined when none of them gives a valid date.
 */
export function manifestLaunchDate(m: RunManifest): string | undefined {
  const fromTs = utcDateOf(obj(m.timestamps)?.started_at) ?? utcDateOf(m.started_at);
  if (fromTs) return fromTs;
  const s = typeof m.run_id === "string" ? RUN_ID_STAMP.exec(m.run_id) : null;
  if (!s) return undefined;
  const date = `${s[1]}-${s[2]}-${s[3]}`;
  return utcDateOf(date);
}

/**
 * The run's status. A manifest without `status` (older writers) is read as:
 * `submitted` when it is a SLURM run with a job id (the Python tool writes the
 * manifest right after sbatch answered), otherwise `pending`.
 */
export function manifestStatus(m: RunManifest): RunStatus {
  if (isRunStatus(m.status)) return m.status;
  if (m.status !== undefined) {
    throw new AutolabError(`unknown run status ${JSON.stringify(m.status)}`, { jsonPath: "/status" });
  }
  return m.host_mode === "slurm" && manifestJobId(m) !== undefined ? "submitted" : "pending";
}

/** The run's status, read leniently (an older writer may have left it out; an unknown word reads as missing). */
export function statusOf(m: RunManifest): RunStatus {
  if (isRunStatus(m.status)) return m.status;
  return m.host_mode === "slurm" && manifestJobId(m) !== undefined ? "submitted" : "pending";
}

/** The run's failure reason, wherever a writer put it (`failure.reason`, else `slurm.failure_reason`). */
export function failureReasonOf(m: RunManifest): string | undefined {
  const f = obj(m.failure)?.reason;
  if (typeof f === "string" && f) return f;
  const s = obj(m.slurm)?.failure_reason;
  return typeof s === "string" && s ? s : undefined;
}

/**
 * The run after moving it to `to` at `at` because of `evidence`; undefined
 * when the move is not allowed (backwards, same status, out of a terminal
 * status). `failure` is recorded only when `to` is `failed`. The input is
 * not modified.
 */
export function transition(
  m: RunManifest,
  to: RunStatus,
  at: string,
  evidence: string,
  failure?: Failure,
): RunManifest | undefined {
  const from = statusOf(m);
  if (!canTransition(from, to)) return undefined;
  const next: RunManifest = {
    ...m,
    status: to,
    history: [...(m.history ?? []), { from, to, at, evidence }],
  };
  if (to === "completed" || to === "failed") {
    next.timestamps = { ...m.timestamps, completed_at: at };
    next.completed_at = at;
  }
  if (to === "failed") {
    const f: Failure = failure ?? { reason: "unknown", message: evidence };
    next.failure = withoutUndefined(f);
    if (m.host_mode === "slurm") {
      next.slurm = { ...(m.slurm ?? {}), failure_reason: f.reason };
      if (f.cancelled_by !== undefined) next.slurm.cancelled_by = f.cancelled_by;
    }
  }
  return next;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A new record's first state: `pending -> to` at `at`, through `transition` (so it has the same shape). */
export function firstTransition(
  m: RunManifest,
  to: RunStatus,
  at: string,
  evidence: string,
  failure?: Failure,
): RunManifest {
  const start: RunManifest = { ...m, status: "pending", history: [] };
  const next = transition(start, to, at, evidence, failure);
  if (!next) throw new Error(`a new run cannot start as ${to}`);
  return next;
}
