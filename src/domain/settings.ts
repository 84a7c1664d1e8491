/**
 * Typed settings, read once per command from the effective policy (built-in
 * defaults < preset < `.autolab/verifier_policy.yaml`, merged by
 * contract/policy.ts) and the design. The one place that turns policy values
 * into numbers; commands never re-read the policy with restated defaults.
 * Pure: the parsed policy and design are passed in.
 */

import { parseSpan } from "./duration.js";
import { DEFAULT_HINT_BELOW } from "./efficiency.js";
import { POLICY_PATH } from "./layout.js";
import { AutolabError } from "../util/errors.js";
import { DEFAULT_MAX_TASKS } from "./sweep.js";

type Plain = Record<string, unknown>;

function obj(v: unknown): Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Plain) : {};
}

/** A positive finite number, else `dflt`. */
function positive(v: unknown, dflt: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : dflt;
}

/** A finite number >= 0, else `dflt`. */
function nonNegative(v: unknown, dflt: number): number {
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : dflt;
}

export const DEFAULT_EXTRACT_TIMEOUT_SECONDS = 600;

export interface MonitorSettings {
  /** How long a job may be unknown, or a success lack its sentinel, before that is final. */
  graceSeconds: number;
  /** Consecutive failed ticks after which an outage is an error. */
  escalateAfterTicks: number;
  /** How far back sacct looks when no run records its launch time. */
  lookbackDays: number;
  /** Timeout of one scheduler client call. */
  clientTimeoutMs: number;
  pythonBin: string;
  /** How long a runaway accounting record may stand before its run is failed as `lost`. */
  runawayLostAfterSeconds: number;
  /** `slurm.monitor.max_pending`: a job pending longer is cancelled and its run failed (`pending_timeout`). */
  maxPendingSeconds?: number;
  /** `slurm.monitor.efficiency_hint_below`: an ended job that used under this share of a request gets a right-sizing hint (0.5). */
  efficiencyHintBelow: number;
}

export function monitorSettings(policy: Plain): MonitorSettings {
  const m = obj(obj(policy.slurm).monitor);
  return {
    graceSeconds: nonNegative(m.unknown_grace_seconds, 600),
    escalateAfterTicks: Math.max(1, Math.floor(positive(m.poll_failure_escalation_ticks, 3))),
    lookbackDays: positive(m.sacct_lookback_days, 14),
    clientTimeoutMs: positive(m.client_timeout_seconds, 30) * 1000,
    pythonBin: typeof policy.python_bin === "string" && policy.python_bin ? policy.python_bin : "python3",
    runawayLostAfterSeconds: positive(m.runaway_lost_after_seconds, 86400),
    ...maxPending(m.max_pending),
    efficiencyHintBelow: share(m.efficiency_hint_below, DEFAULT_HINT_BELOW),
  };
}

/** A share in (0, 1], else `dflt`. */
function share(v: unknown, dflt: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 1 ? v : dflt;
}

function maxPending(v: unknown): { maxPendingSeconds?: number } {
  const s = parseSpan(v as string | number | undefined);
  return s !== undefined && s > 0 ? { maxPendingSeconds: s } : {};
}

/**
 * Keys of the Python autolab tool's policy this tool does not run, each with
 * what happens instead (issue 10, item 9). `poll_command_template` and
 * `sync_command_template` are shell templates from the repository's policy
 * file; this tool runs no shell text from repository content except a
 * design's own declared commands (setup lines, extract parser), and a policy
 * file is not that: a pull request that edits it would have the runner execute
 * its text on the next tick. So they are reported, never silently ignored.
 */
export const PYTHON_TEMPLATE_KEYS: ReadonlyArray<{ path: string[]; instead: string }> = [
  {
    path: ["slurm", "monitor", "poll_command_template"],
    instead:
      "the monitor asks the scheduler itself, once per tick for all runs (one sacct and one squeue per cluster); remove the key, or keep it for the Python tool only",
  },
  {
    path: ["slurm", "monitor", "sync_command_template"],
    instead:
      "artifacts are synced by artifact_sync (mode shared or rsync, with source/outputs) in design.yaml or slurm.artifact_sync in this policy; move the template's source path into artifact_sync.source",
  },
];

/** The Python-tool template keys the policy sets (pure): their paths and what happens instead. */
export function pythonTemplateKeys(policy: Plain): Array<{ path: string[]; instead: string }> {
  return PYTHON_TEMPLATE_KEYS.filter((k) => {
    let v: unknown = policy;
    for (const p of k.path) v = obj(v)[p];
    return v !== undefined;
  });
}

export interface SubmitSettings {
  timeoutMs: number;
  retries: number;
  baseDelayMs: number;
  /** Timeout of the policy's test and dry-run commands. */
  checkTimeoutMs: number;
}

export function submitSettings(policy: Plain): SubmitSettings {
  const l = obj(policy.launch);
  return {
    timeoutMs: positive(l.submit_timeout_seconds, 60) * 1000,
    retries: Math.floor(nonNegative(l.submit_retries, 2)),
    baseDelayMs: nonNegative(l.retry_backoff_seconds, 5) * 1000,
    checkTimeoutMs: positive(l.check_timeout_seconds, 900) * 1000,
  };
}

/**
 * The extract parser's timeout: the design's `extract_parser.timeout_seconds`,
 * else the policy's `extract_results.timeout_seconds`, else 600 s.
 */
export function extractTimeoutSeconds(design: Plain, policy: Plain): number {
  const fromDesign = obj(design.extract_parser).timeout_seconds;
  if (typeof fromDesign === "number" && Number.isFinite(fromDesign) && fromDesign > 0) return fromDesign;
  return positive(obj(policy.extract_results).timeout_seconds, DEFAULT_EXTRACT_TIMEOUT_SECONDS);
}

/** 5 h 50 min: under a job's default `timeout-minutes` (360), with time to hand over. */
export const DEFAULT_WATCH_TIME_LIMIT_SECONDS = 5 * 3600 + 50 * 60;

export interface WatchSettings {
  /** Never two scheduler questions closer than this (`slurm.monitor.min_question_interval_seconds`). */
  floorSeconds: number;
  endingSeconds: number;
  runningSeconds: number;
  pendingSeconds: number;
  /** How often the sentinels are looked at (no scheduler call). */
  localCheckSeconds: number;
  timeLimitSeconds: number;
}

/** `slurm.monitor.min_question_interval_seconds` and `slurm.monitor.watch.*`. */
export function watchSettings(policy: Plain): WatchSettings {
  const m = obj(obj(policy.slurm).monitor);
  const w = obj(m.watch);
  const floorSeconds = positive(m.min_question_interval_seconds, 60);
  return {
    floorSeconds,
    endingSeconds: positive(w.ending_interval_seconds, floorSeconds),
    runningSeconds: positive(w.running_interval_seconds, 300),
    pendingSeconds: positive(w.pending_interval_seconds, 900),
    localCheckSeconds: positive(w.local_check_seconds, 5),
    timeLimitSeconds: parseSpan(w.time_limit as string | number | undefined) ?? DEFAULT_WATCH_TIME_LIMIT_SECONDS,
  };
}

export interface NotifySettings {
  /** A failed run fails the monitor's (and the watcher's) job (`slurm.monitor.notify.fail_job`, default true). */
  failJob: boolean;
  /** Issue number to comment on, once per failed run (`slurm.monitor.notify.tracking_issue`). */
  trackingIssue?: number;
}

export function notifySettings(policy: Plain): NotifySettings {
  const n = obj(obj(obj(policy.slurm).monitor).notify);
  const issue = n.tracking_issue;
  return {
    failJob: n.fail_job !== false,
    ...(typeof issue === "number" && Number.isInteger(issue) && issue > 0 ? { trackingIssue: issue } : {}),
  };
}

/** `slurm.monitor.retention.gc_older_than`: the monitor runs gc for runs finished longer ago than this. */
export function retentionSeconds(policy: Plain): number | undefined {
  const r = obj(obj(obj(policy.slurm).monitor).retention);
  return parseSpan(r.gc_older_than as string | number | undefined);
}

/** A portable user name (what `launch.job_user` may hold; the schema says the same). */
export const JOB_USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * `launch.job_user`: the less privileged user every SLURM job is submitted
 * (and cancelled) as, through `sudo -n -u`; undefined when unset. A value
 * that is not a plain user name is refused here too (never passed on).
 */
export function jobUser(policy: Plain): string | undefined {
  const v = obj(policy.launch).job_user;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || !JOB_USER_NAME.test(v))
    throw new AutolabError(`launch.job_user ${JSON.stringify(v)} is not a user name (${JOB_USER_NAME.source})`, {
      file: POLICY_PATH,
      jsonPath: "/launch/job_user",
    });
  return v;
}

export interface SweepLimits {
  /** `launch.max_sweep_tasks`: the most tasks one sweep may have (DEFAULT_MAX_TASKS). */
  maxTasks: number;
  /** `launch.max_array_size`: the most tasks in one job array; unset: only the cluster's MaxArraySize. */
  maxArraySize?: number;
}

/** `launch.max_sweep_tasks` and `launch.max_array_size` (positive integers, else their defaults). */
export function sweepLimits(policy: Plain): SweepLimits {
  const l = obj(policy.launch);
  const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);
  const maxArraySize = int(l.max_array_size);
  return { maxTasks: int(l.max_sweep_tasks) ?? DEFAULT_MAX_TASKS, ...(maxArraySize ? { maxArraySize } : {}) };
}

/** What `slurm.submit.pass_env` may name (the schema says the same). */
export const PASS_ENV_NAME = /^(SBATCH|SLURM)_[A-Z0-9_]+$/;

/**
 * Input variables sbatch reads that `slurm.submit.pass_env` may never pass,
 * each with why: they would send the job to another cluster than the one every
 * later question asks, or undo what ties a job to its run and its evidence.
 */
export const PASS_ENV_REFUSED: Readonly<Record<string, string>> = {
  SBATCH_CLUSTERS: "it chooses the cluster: set compute.cluster in design.yaml instead",
  SLURM_CLUSTERS: "it chooses the cluster: set compute.cluster in design.yaml instead",
  SBATCH_JOB_NAME: "the job name ties the job to its run (adoption after a crash, the monitor's lookups)",
  SBATCH_OUTPUT: "the job's logs go to the run's logs/, where the monitor reads them",
  SBATCH_ERROR: "the job's logs go to the run's logs/, where the monitor reads them",
  SBATCH_ARRAY_INX: "a sweep's array range is the tool's",
  SBATCH_EXPORT: "the submit line sets the job's environment (--export=ALL,AUTOLAB_...)",
  SBATCH_WAIT: "sbatch must return at once with the job id",
};

/** The most characters of one passed value (the manifest schema's bound). */
export const PASS_ENV_MAX_VALUE = 4096;

/**
 * `slurm.submit.pass_env`: the names of the runner's `SBATCH_*` / `SLURM_*`
 * variables to hand to sbatch (every other `SBATCH_*` and `SLURM_CLUSTERS`
 * is removed from its environment). A name outside `PASS_ENV_NAME`, one of
 * `PASS_ENV_REFUSED`, or any name together with `launch.job_user` (sudo resets
 * the environment: nothing would be passed) is refused, naming the key.
 */
export function passEnvNames(policy: Plain): string[] {
  const v = obj(obj(policy.slurm).submit).pass_env;
  if (v === undefined || v === null) return [];
  const at = (i?: number) => ({
    file: POLICY_PATH,
    jsonPath: `/slurm/submit/pass_env${i === undefined ? "" : `/${i}`}`,
  });
  if (!Array.isArray(v)) throw new AutolabError("slurm.submit.pass_env must be a list of variable names", at());
  const names: string[] = [];
  v.forEach((n: unknown, i) => {
    if (typeof n !== "string" || !PASS_ENV_NAME.test(n))
      throw new AutolabError(
        `slurm.submit.pass_env: ${JSON.stringify(n)} is not an SBATCH_* or SLURM_* variable name (${PASS_ENV_NAME.source})`,
        at(i),
      );
    const why = PASS_ENV_REFUSED[n];
    if (why) throw new AutolabError(`slurm.submit.pass_env: ${n} is never passed to sbatch: ${why}`, at(i));
    if (!names.includes(n)) names.push(n);
  });
  if (names.length && jobUser(policy) !== undefined)
    throw new AutolabError(
      "slurm.submit.pass_env cannot be used with launch.job_user: sbatch runs through sudo, which resets the environment, so nothing would be passed",
      { ...at(), hint: "set what the variable says in design.yaml compute (account, qos, ...) instead" },
    );
  return names.sort();
}

/**
 * The variables `names` (from `passEnvNames`) that `env` holds, name -> value:
 * what sbatch is given and the manifest records (`slurm.passed_env`). An unset
 * name is left out; a value longer than `PASS_ENV_MAX_VALUE` is refused.
 */
export function passedEnv(
  names: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const value = env[n];
    if (value === undefined) continue;
    if (value.length > PASS_ENV_MAX_VALUE)
      throw new AutolabError(
        `slurm.submit.pass_env: the runner's ${n} is ${value.length} characters long (at most ${PASS_ENV_MAX_VALUE} are passed and recorded)`,
        { file: POLICY_PATH, jsonPath: "/slurm/submit/pass_env" },
      );
    out[n] = value;
  }
  return out;
}
