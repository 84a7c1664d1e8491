/**
 * One status vocabulary, used by every stage, the ledger and the verifier.
 */

export const RUN_STATUSES = ["pending", "submitted", "running", "synced", "completed", "failed", "partial"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const SYNC_STATUSES = ["pending", "syncing", "ok", "failed"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const METRICS_STATUSES = ["completed", "partial", "failed"] as const;
export type MetricsStatus = (typeof METRICS_STATUSES)[number];

export const HOST_MODES = ["local", "slurm"] as const;
export type HostMode = (typeof HOST_MODES)[number];

export const STAGES = [
  "hypothesis",
  "design",
  "implementation",
  "implementation_review",
  "launch",
  "slurm_monitor",
  "extract_results",
  "update_docs",
  "decide_repeat",
  "human_review",
  "stop",
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages the verifier knows checks for. */
export const VERIFY_STAGES = ["launch", "slurm_monitor", "extract_results"] as const;
export type VerifyStage = (typeof VERIFY_STAGES)[number];

const SYNC_ALIASES: Record<string, SyncStatus> = {
  pending: "pending",
  queued: "pending",
  submitted: "pending",
  not_started: "pending",
  na: "pending",
  syncing: "syncing",
  running: "syncing",
  in_progress: "syncing",
  ok: "ok",
  completed: "ok",
  success: "ok",
  passed: "ok",
  failed: "failed",
  error: "failed",
  fail: "failed",
};

/** Canonical sync status for any spelling autolab has used; undefined when unknown. */
export function normalizeSyncStatus(raw: unknown): SyncStatus | undefined {
  if (typeof raw !== "string") return undefined;
  return SYNC_ALIASES[raw.trim().toLowerCase()];
}

export function isCanonicalSyncStatus(raw: unknown): raw is SyncStatus {
  return typeof raw === "string" && (SYNC_STATUSES as readonly string[]).includes(raw);
}

const SUCCESS_LIKE = new Set(["ok", "completed", "success", "passed"]);
export function isSuccessLike(raw: unknown): boolean {
  return typeof raw === "string" && SUCCESS_LIKE.has(raw.trim().toLowerCase());
}

export function isRunStatus(raw: unknown): raw is RunStatus {
  return typeof raw === "string" && (RUN_STATUSES as readonly string[]).includes(raw);
}

export function isTerminal(status: RunStatus): boolean {
  return status === "completed" || status === "failed";
}

/** Order of the happy path; `failed` and `partial` sit outside it. */
const ORDER: Record<RunStatus, number> = {
  pending: 0,
  submitted: 1,
  running: 2,
  synced: 3,
  completed: 4,
  partial: 4,
  failed: 5,
};

/**
 * Allowed transitions: forward along pending -> submitted -> running -> synced
 * -> completed (skipping is allowed: a job can finish between two ticks), and
 * any non-terminal status -> failed. `partial` is a local-mode end state.
 * Never backwards, never out of a terminal status.
 */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  if (from === to) return false;
  if (isTerminal(from)) return false;
  if (to === "failed") return true;
  if (from === "partial") return false;
  if (to === "partial") return true;
  return ORDER[to] > ORDER[from];
}
