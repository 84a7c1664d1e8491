/**
 * `runs/<run_id>/job_sentinel.json`: the job script's own record of how it
 * ended (written atomically by the script's trap). One type, one parser, one
 * rule for "is this sentinel evidence for this job". Pure: the caller reads
 * the bytes (without following links) and passes them in.
 *
 * Rules (each a row in __tests__/unit/domain-sentinel.test.ts):
 * - Missing bytes: `missing`. Not JSON, or JSON that is not an object: `invalid`.
 * - `exit_code` is an integer, or a string of digits (some writers quote it):
 *   both read as the number. Anything else (a float, `"3a"`, `true`) is no exit
 *   code, and `exitCodeInvalid` says so (the verifier reports it).
 *   `null` (the script was killed before its end) is no exit code.
 * - `ended_at` set (a non-empty string) means the script reached its end.
 * - A sentinel that names another job than the run's (a leftover of an earlier
 *   submission) is not evidence for the run. Array tasks write their raw
 *   SLURM_JOB_ID, unrelated to `<array>_<task>`, so only a plain numeric job
 *   id of a job that is not an array is compared.
 */

/** The exit status by which a workload says "I saved a checkpoint: resume me" (`$AUTOLAB_RESUME_EXIT_CODE`). */
export const RESUME_EXIT_CODE = 85;

export interface SentinelRecord {
  runId?: string;
  jobId?: string;
  host?: string;
  startedAt?: string;
  endedAt?: string;
  /** The job script's exit status; undefined when the script did not record one. */
  exitCode?: number;
  /** `exit_code` is present but neither null, an integer nor a string of digits. */
  exitCodeInvalid?: boolean;
  signal?: string;
  /** The workload's (the design command's) own exit status, when it ran to its end. */
  workloadExitCode?: number;
  /** The checkpoint signal the script received and passed on (`USR1`). */
  checkpointSignal?: string;
  /** The workload exited with RESUME_EXIT_CODE: it saved a checkpoint and asks to be resumed. */
  resumeRequested?: boolean;
  /** SLURM's restart count of the attempt that wrote the sentinel. */
  restartCount?: number;
  /** The parsed object, as written. */
  data: Record<string, unknown>;
}

export type Sentinel =
  { state: "missing" } | { state: "invalid"; error: string } | ({ state: "present" } & SentinelRecord);

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The sentinel's `exit_code` as a number: an integer, or a string of digits; else undefined. */
export function sentinelExitCode(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Parse the sentinel's bytes (undefined: the file does not exist). */
export function parseSentinel(text: string | undefined): Sentinel {
  if (text === undefined) return { state: "missing" };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { state: "invalid", error: `not valid JSON: ${(e as Error).message}` };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return { state: "invalid", error: "not a JSON object" };
  const d = data as Record<string, unknown>;
  const exitCode = sentinelExitCode(d.exit_code);
  const jobId = typeof d.job_id === "number" ? String(d.job_id) : str(d.job_id);
  const out: Sentinel = { state: "present", data: d };
  if (str(d.run_id) !== undefined) out.runId = str(d.run_id);
  if (jobId !== undefined) out.jobId = jobId;
  if (str(d.host) !== undefined) out.host = str(d.host);
  if (str(d.started_at) !== undefined) out.startedAt = str(d.started_at);
  if (str(d.ended_at) !== undefined) out.endedAt = str(d.ended_at);
  if (exitCode !== undefined) out.exitCode = exitCode;
  else if (d.exit_code !== undefined && d.exit_code !== null) out.exitCodeInvalid = true;
  if (str(d.signal) !== undefined) out.signal = str(d.signal);
  const workload = sentinelExitCode(d.workload_exit_code);
  if (workload !== undefined) out.workloadExitCode = workload;
  if (str(d.checkpoint_signal) !== undefined) out.checkpointSignal = str(d.checkpoint_signal);
  if (d.resume_requested === true) out.resumeRequested = true;
  const restarts = sentinelExitCode(d.restart_count);
  if (restarts !== undefined && restarts >= 0) out.restartCount = restarts;
  return out;
}

/**
 * The job id the sentinel names when it is another job than `jobId` (so it
 * is no evidence for the run); undefined when it agrees or cannot be
 * compared (no id on either side, an array task).
 */
export function sentinelForeignJob(s: Sentinel, jobId: string | undefined, array = false): string | undefined {
  if (array || s.state !== "present" || s.jobId === undefined || jobId === undefined) return undefined;
  if (!/^[0-9]+$/.test(jobId)) return undefined;
  return s.jobId === jobId ? undefined : s.jobId;
}

/**
 * The sentinel as evidence for job `jobId`: a sentinel written by another
 * job reads as missing, with a note saying why.
 */
export function sentinelEvidence(
  s: Sentinel,
  jobId: string | undefined,
  array = false,
): { sentinel: Sentinel; note: string } {
  const other = sentinelForeignJob(s, jobId, array);
  if (other === undefined) return { sentinel: s, note: "" };
  return {
    sentinel: { state: "missing" },
    note: ` (job_sentinel.json was written by job ${other}, not ${jobId}: ignored)`,
  };
}
