/**
 * Typed settings, read once per command from the effective policy (built-in
 * defaults < preset < `.autolab/verifier_policy.yaml`, merged by
 * contract/policy.ts) and the design. The one place that turns policy values
 * into numbers; commands never re-read the policy with restated defaults.
 * Pure: the parsed policy and design are passed in.
 */

import { parseSpan } from "./duration.js";

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
  };
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
