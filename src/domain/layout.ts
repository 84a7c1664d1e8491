/**
 * Where everything of a run lives, and the shapes of the names in those
 * paths. Pure: repository-relative POSIX paths, no filesystem. Shared by the
 * CLI, the action, launch, monitor, verify and the renderer, so a run id the
 * CLI accepts is one the action accepts.
 */

/** `experiments/<bucket>/<iteration_id>/`: the buckets an iteration can be in. */
export const ITERATION_BUCKETS = ["plan", "in_progress", "done"] as const;

/**
 * A run id: a safe token of at most 128 characters (`[A-Za-z0-9][A-Za-z0-9_.-]*`),
 * usable as a path component, in the job name `autolab-<run_id>` and in the
 * ledger. The tool makes `YYYYMMDDTHHMMSSZ_<6 hex>`; a person may choose another.
 */
export const RUN_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The run ids this tool makes itself: `YYYYMMDDTHHMMSSZ_<6 hex>`. */
export const GENERATED_RUN_ID = /^\d{8}T\d{6}Z_[0-9a-f]{6}$/;

/** Names found in a repository (iteration and run directories) that can be used in paths, job names and the ledger. */
const SAFE_NAME = /^[A-Za-z0-9._+-]+$/;

export function isRunId(s: string): boolean {
  return RUN_ID_SHAPE.test(s);
}

/** True for a name that can be used as a path component, job name part and ledger field. */
export function isSafeName(name: string): boolean {
  return SAFE_NAME.test(name) && name !== "." && name !== "..";
}

export const LEDGER_PATH = "docs/slurm_job_list.md";
export const POLICY_PATH = ".autolab/verifier_policy.yaml";
export const STATE_PATH = ".autolab/state.json";
export const MONITOR_STATE_PATH = ".autolab/monitor_state.json";
/** Which failed runs were announced on the tracking issue (never twice). */
export const NOTIFICATIONS_PATH = ".autolab/notifications.json";

export const MANIFEST_FILE = "run_manifest.json";
export const SENTINEL_FILE = "job_sentinel.json";
export const METRICS_FILE = "metrics.json";
export const SLURM_SCRIPT_FILE = "run_slurm.sbatch";
export const LOCAL_SCRIPT_FILE = "run_local.sh";
/** A sweep's group record at its base run id: `runs/<sweep_id>/sweep_manifest.json` (no run_manifest.json there). */
export const SWEEP_RECORD_FILE = "sweep_manifest.json";

/** The job name of a run: the scheduler-side key that ties a job to its run. */
export function jobNameFor(runId: string): string {
  return `autolab-${runId}`;
}

/** Every repository-relative path of one run. */
export interface RunLayout {
  iterationPath: string;
  runId: string;
  /** `<iteration>/runs/<run_id>` */
  runDir: string;
  manifest: string;
  sentinel: string;
  metrics: string;
  logsDir: string;
  slurmScript: string;
  localScript: string;
  /** `<iteration>/launch/`: the latest rendered script. */
  launchDir: string;
  design: string;
  /** `<iteration>/analysis/summary.md`, shared by the iteration's runs. */
  summary: string;
  jobName: string;
}

export function runLayout(iterationPath: string, runId: string): RunLayout {
  const runDir = `${iterationPath}/runs/${runId}`;
  return {
    iterationPath,
    runId,
    runDir,
    manifest: `${runDir}/${MANIFEST_FILE}`,
    sentinel: `${runDir}/${SENTINEL_FILE}`,
    metrics: `${runDir}/${METRICS_FILE}`,
    logsDir: `${runDir}/logs`,
    slurmScript: `${runDir}/${SLURM_SCRIPT_FILE}`,
    localScript: `${runDir}/${LOCAL_SCRIPT_FILE}`,
    launchDir: `${iterationPath}/launch`,
    design: `${iterationPath}/design.yaml`,
    summary: `${iterationPath}/analysis/summary.md`,
    jobName: jobNameFor(runId),
  };
}

/** Log file names a SLURM job of this tool writes (`slurm-<job>.out|.err`, arrays `slurm-<job>_<task>`). */
export const SLURM_LOG_NAME = /^slurm-[0-9_]+\.(out|err)$/;

/** The log files of job `jobId`, stderr first (what a failure report shows). */
export function jobLogNames(jobId: string): string[] {
  return [`slurm-${jobId}.err`, `slurm-${jobId}.out`];
}
