/**
 * SLURM pending reasons after which a job will not start unless someone
 * changes the job, the partition or the limits (squeue(1) "JOB REASON CODES").
 */
const NEVER_STARTS = [
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

/** True when the pending reason means the job never starts as it is. */
export function neverStarts(reason: string): boolean {
  return NEVER_STARTS.some((r) => reason.startsWith(r));
}
