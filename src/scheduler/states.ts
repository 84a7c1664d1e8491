/**
 * The scheduler's state vocabulary as data: which job states are pending,
 * running or failed (and with which failure reason), the compact codes
 * squeue prints, and the pending reasons after which a job never starts.
 * Pure, no I/O. The state map (slurm-cli/statemap.ts) reads these sets; a
 * second adapter (the Slurm REST API reports the same state names) maps its
 * records onto the same sets. A new SLURM state is added here, with a row in
 * __tests__/unit/scheduler-states.test.ts.
 */

/** Why a run failed, as the state map names it. */
export type FailureReason =
  | "exit_code"
  | "timeout"
  | "oom"
  | "cancelled"
  | "node_fail"
  | "preempted"
  | "boot_fail"
  | "deadline"
  | "revoked"
  | "lost"
  | "special_exit"
  | "sentinel_missing"
  | "never_starts"
  | "pending_timeout"
  | "unknown_job"
  | "unknown_state";

/** Compact codes (`squeue %t`) to full state names. */
export const COMPACT_STATES: Readonly<Record<string, string>> = {
  PD: "PENDING",
  CF: "CONFIGURING",
  R: "RUNNING",
  CG: "COMPLETING",
  CD: "COMPLETED",
  F: "FAILED",
  TO: "TIMEOUT",
  OOM: "OUT_OF_MEMORY",
  CA: "CANCELLED",
  NF: "NODE_FAIL",
  BF: "BOOT_FAIL",
  DL: "DEADLINE",
  PR: "PREEMPTED",
  RQ: "REQUEUED",
  RH: "REQUEUE_HOLD",
  RF: "REQUEUE_FED",
  RD: "RESV_DEL_HOLD",
  RS: "RESIZING",
  RV: "REVOKED",
  SI: "SIGNALING",
  SE: "SPECIAL_EXIT",
  SO: "STAGE_OUT",
  ST: "STOPPED",
  S: "SUSPENDED",
};

/**
 * States of a job that waits to run (none terminal). SPECIAL_EXIT is a job
 * requeued in a held state (`scontrol requeuehold State=SpecialExit`, or an
 * epilog's special exit code): like REQUEUE_HOLD it runs again once someone
 * releases it, so it is not an end. EXPEDITING (Slurm 25.11) waits to be
 * requeued with priority.
 */
export const PENDING_STATES: ReadonlySet<string> = new Set([
  "PENDING",
  "CONFIGURING",
  "REQUEUED",
  "REQUEUE_HOLD",
  "REQUEUE_FED",
  "RESV_DEL_HOLD",
  "SPECIAL_EXIT",
  "EXPEDITING",
]);

/** Pending states that only end when someone releases the job (`scontrol release`). */
export const HELD_STATES: ReadonlySet<string> = new Set(["REQUEUE_HOLD", "SPECIAL_EXIT"]);

/** States of a job that runs (none terminal). */
export const RUNNING_STATES: ReadonlySet<string> = new Set([
  "RUNNING",
  "COMPLETING",
  "SUSPENDED",
  "STOPPED",
  "SIGNALING",
  "RESIZING",
  "STAGE_OUT",
]);

/** Terminal failure states and the failure reason each one records. */
export const FAILED_STATES: Readonly<Record<string, FailureReason>> = {
  FAILED: "exit_code",
  TIMEOUT: "timeout",
  OUT_OF_MEMORY: "oom",
  CANCELLED: "cancelled",
  NODE_FAIL: "node_fail",
  BOOT_FAIL: "boot_fail",
  DEADLINE: "deadline",
  PREEMPTED: "preempted",
};

/**
 * REVOKED: in a federation the origin cluster revokes its copy of a job once
 * a sibling cluster started it (same job id). It is no end of the job: the
 * query follows it on the siblings (`--federation`), and a REVOKED record
 * alone is never taken as a failure.
 */
export const REVOKED_STATE = "REVOKED";

/**
 * Pending reasons after which the job will not start without someone
 * changing the job, the partition or the limits (squeue(1) "JOB REASON
 * CODES"). A reason matches when it starts with one of these (SLURM appends
 * details, e.g. `ReqNodeNotAvail, UnavailableNodes:n1`).
 */
export const NEVER_STARTS_REASONS: readonly string[] = [
  "PartitionConfig",
  "PartitionNodeLimit",
  "PartitionTimeLimit",
  "PartitionDown",
  "PartitionInactive",
  "BadConstraints",
  "InvalidAccount",
  "InvalidQOS",
  "QOSMaxWallDurationPerJobLimit",
  "QOSMaxCpuPerJobLimit",
  "QOSMaxNodePerJobLimit",
  "QOSMaxMemoryPerJob",
  "AssocMaxWallDurationPerJobLimit",
  "AssocMaxCpuPerJobLimit",
  "AssocMaxNodesPerJobLimit",
  "ReqNodeNotAvail",
  "DependencyNeverSatisfied",
  "JobHeldAdmin",
  "JobHeldUser",
  "AccountNotAllowed",
  "QOSNotAllowed",
  "FrontEndDown",
  "NodeDown",
];

/**
 * Never-start reasons that a person or the cluster may still clear without
 * changing the job: a hold (someone releases it), nodes or a partition that
 * are down or drained (admins bring them back). A pending job with one of
 * these is left waiting with a warning (until `slurm.monitor.max_pending`);
 * with any other never-start reason (the request exceeds a partition's, QOS's
 * or association's per-job limit, bad constraints, an account or QOS it may
 * not use, a dependency that can never be satisfied) it fails fast.
 */
export const MAY_CLEAR_REASONS: readonly string[] = [
  "JobHeldAdmin",
  "JobHeldUser",
  "ReqNodeNotAvail",
  "NodeDown",
  "FrontEndDown",
  "PartitionDown",
  "PartitionInactive",
];

/** True when a pending job with this reason can never start as it is, and nobody can clear it without changing the job. */
export function failsFast(reason: string | undefined): boolean {
  return neverStarts(reason) && !MAY_CLEAR_REASONS.some((r) => reason!.startsWith(r));
}

/** True for a state that holds the job until someone releases it. */
export function isHeld(state: string): boolean {
  return HELD_STATES.has(normalizeState(state).name);
}

/** True when a pending job with this reason will never start by itself (undefined/empty: false). */
export function neverStarts(reason: string | undefined): boolean {
  if (!reason) return false;
  return NEVER_STARTS_REASONS.some((r) => reason.startsWith(r));
}

/** `CANCELLED by 0` -> {name: CANCELLED, by: "0"}; `cd` -> COMPLETED; trailing `+` (sacct truncation) dropped. */
export function normalizeState(raw: string): { name: string; by?: string } {
  const t = raw.trim().replace(/\+$/, "");
  const m = /^(\S+)\s+by\s+(\S+)$/i.exec(t);
  const head = (m ? m[1] : t).toUpperCase();
  const name = COMPACT_STATES[head] ?? head;
  return m ? { name, by: m[2] } : { name };
}

/** True for states after which the job will not run again (unless requeued by someone). */
export function isTerminalState(raw: string): boolean {
  const { name } = normalizeState(raw);
  return name === "COMPLETED" || name in FAILED_STATES;
}
