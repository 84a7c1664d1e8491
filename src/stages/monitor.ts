/**
 * monitor: one tick advances every in-progress run from scheduler evidence.
 *
 *  - Finds runs: every manifest that is not terminal, plus terminal runs with
 *    no metrics.json yet (not extracted). Terminal, extracted runs cost one
 *    JSON parse (for the ledger check) and nothing else.
 *  - Asks the scheduler once for all of them (`queryJobs`: one sacct + one
 *    squeue, one scontrol only when accounting is down). The number of
 *    scheduler calls does not depend on the number of runs.
 *  - An outage (the controller did not answer: unreachable, timeout, non-zero
 *    exit, munge down) changes no run: it is recorded in
 *    `.autolab/monitor_state.json` (last error, consecutive failed ticks),
 *    reported as a warning, and escalated to an error after
 *    `slurm.monitor.poll_failure_escalation_ticks` ticks. A job that no
 *    source shows while accounting is down is "unresolved": not evidence of
 *    anything, the run is left alone.
 *  - Per run, a pure decision (statemap.decideJob) moves the manifest along
 *    submitted -> running -> synced -> completed, or -> failed; transitions
 *    never go backwards, so a late or repeated tick is harmless. Each move is
 *    appended to the manifest's history with its evidence. A job that
 *    succeeded is remembered (`slurm.outcome`), so a failed artifact sync is
 *    retried on later ticks without asking the scheduler again.
 *  - A job the scheduler calls a success (COMPLETED, ExitCode 0:0) gets its
 *    artifacts synced (never deleting local data); only then is its
 *    job_sentinel.json read (in rsync mode it arrives with the sync): exit 0
 *    -> synced, another exit -> failed, missing -> a warning and a wait of
 *    `unknown_grace_seconds` (a shared filesystem can lag), then failed
 *    (sentinel_missing). Then results are extracted; failed runs still get a
 *    metrics.json (status failed) so they are reported, never stuck. The
 *    sentinel and the job's logs are committed with the finished run.
 *  - The ledger line of every SLURM run follows its manifest in the same
 *    tick; lines that disagree with a manifest are reported and rewritten
 *    (the manifest wins). state.json moves with the tracked run.
 *  - A manifest is only rewritten when something other than the poll time
 *    or the growing elapsed time changed, so an idle tick writes and commits
 *    nothing. All changes of the tick land in one commit.
 *  - Two ticks never run at once in one checkout (a lock in the git dir).
 *  - Work root: a run launched with one (`launch.work_dir` in its manifest)
 *    has its job's files in that snapshot, outside the checkout (a runner's
 *    `git clean` would wipe them). The sentinel and log tails are read there
 *    directly (no copy per tick); once the scheduler calls the job a success
 *    (and before a failed run is extracted) the snapshot's run dir is copied
 *    into the checkout's run dir with rsync (never deleting, the tool's own
 *    files excluded), then the design's own artifact_sync runs (its
 *    `outputs` are checked in the checkout), and the sentinel, logs and
 *    outputs are committed from the checkout as for any run. A snapshot that
 *    is gone is reported (`monitor.work_dir_missing`) and its evidence counts
 *    as missing (the sentinel grace applies).
 *  - Evidence is never read through a symlink: the sentinel, log tails and
 *    the committed logs are opened with O_NOFOLLOW and must be regular files;
 *    a symlink (a job can plant `logs/slurm-<id>.err -> /some/secret`) is
 *    skipped with a warning naming it (`monitor.symlink`).
 *  - A job id is trusted only with its name: when the scheduler reports a
 *    JobName for the job (other than `allocation`; array tasks are not
 *    compared, the array's own name is) that differs from the manifest's
 *    `slurm.job_name`, the job is treated as unknown for the run (a recycled
 *    id after a reinstall belongs to someone else), with a warning
 *    (`scheduler.job_name_mismatch`); it is never a success.
 *  - Commit-back replays `apply()` on a new head when the push was rejected.
 *    `apply()` re-reads each manifest it is about to write: when another
 *    writer (a cancel, another monitor) moved the run meanwhile and this
 *    tick's status is not a forward transition from theirs (equal statuses:
 *    theirs is kept unless ours has strictly more history), theirs is kept,
 *    and this tick writes nothing else for that run (ledger line, metrics,
 *    logs, summary, state) (`monitor.superseded`).
 */
import { existsSync, lstatSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { RunManifest, SlurmRecord } from "../contract/types.js";
import { canTransition, isSuccessLike, normalizeSyncStatus, type RunStatus } from "../contract/vocabulary.js";
import { loadPolicy } from "../contract/policy.js";
import { loadDesign } from "../contract/design.js";
import { manifestJobId, serializeManifest, writeManifest } from "../contract/manifest.js";
import { parseDocument } from "../contract/validate.js";
import { parseLedger, canonicalLine } from "../ledger/ledger.js";
import { LEDGER_PATH, readLedger, upsertManyFile } from "../ledger/io.js";
import { queryJobs, type JobObservation, type QueryOutcome } from "../scheduler/slurm-cli/query.js";
import { decideJob, type JobDecision } from "../scheduler/slurm-cli/statemap.js";
import {
  resolveSyncConfig,
  syncArtifacts,
  syncRecord,
  syncingRecord,
  type ArtifactSyncConfig,
  type SyncResult,
} from "./sync.js";
import { extractRun, upsertRunSection } from "./extract.js";
import { discoverRuns, jobRunDir, runNotFound, type DiscoveredRun } from "./discover.js";
import { nextState, readState, STATE_PATH, type RunEvent } from "./state.js";
import { commitBack, type CommitBackResult } from "../git/commitback.js";
import { isGitRepo, topLevel } from "../git/git.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { displayPath, readTextStrict, writeFileAtomic } from "../util/fs.js";
import { isoSeconds as iso } from "../domain/time.js";
import { statusOf } from "../domain/run.js";
import { MONITOR_STATE_PATH } from "../domain/layout.js";
import { takeMonitorLock } from "../store/lock.js";
import { readNoFollow } from "../store/evidence.js";

/** Job logs and the sentinel are committed with a finished run up to this size (bytes) per file. */
export const MAX_COMMITTED_LOG_BYTES = 10 * 1024 * 1024;

export interface MonitorOptions {
  cwd: string;
  runId?: string;
  /** Decide and report; write nothing, sync nothing, extract nothing. */
  dryRun?: boolean;
  /** Commit the tick's changes (default: when inside a git checkout). */
  commit?: boolean;
  push?: boolean;
  branch?: string;
  skipCi?: boolean;
  token?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Scheduler program overrides and timeouts (tests, benchmarks). */
  query?: { timeoutMs?: number; chunkSize?: number; bins?: Partial<Record<"sacct" | "squeue" | "scontrol", string>> };
}

export interface RunReport {
  runId: string;
  iterationId: string;
  manifestPath: string;
  hostMode: string;
  jobId?: string;
  before: RunStatus;
  after: RunStatus;
  transitions: Array<{ from: RunStatus | null; to: RunStatus; evidence: string }>;
  slurmState?: string;
  reason?: string;
  failureReason?: string;
  exitCode?: string;
  syncStatus?: string;
  startedAt?: string;
  completedAt?: string;
  durationSeconds?: number;
  primaryMetric?: { name: string; value: number | null };
  metricsStatus?: string;
  logTail?: string;
  launchSha?: string;
  /** The manifest was (or, in a dry run, would be) rewritten. */
  changed: boolean;
}

export interface MonitorReport {
  runs: RunReport[];
  /** Runs found (all manifests that could be read). */
  tracked: number;
  /** SLURM runs whose job the scheduler was asked about. */
  inFlight: number;
  findings: Finding[];
  scheduler: { ok: boolean; calls: number; totalMs: number; accounting?: string; error?: string; detail: string[] };
  outage?: { consecutiveFailedTicks: number; escalated: boolean; error: string };
  commit?: CommitBackResult;
  /** Repository-relative paths written this tick. */
  written: string[];
  dryRun: boolean;
}

export interface MonitorState {
  schema_version: "1.0";
  last_tick_at?: string;
  last_ok_at?: string;
  consecutive_failed_ticks: number;
  last_poll_error?: string | null;
  last_poll_error_at?: string | null;
  first_failed_at?: string | null;
}

const IN_FLIGHT: ReadonlySet<string> = new Set(["pending", "submitted", "running"]);

/**
 * Pending reasons after which the job will not start without someone
 * changing the job, the partition or the limits (squeue(1) "JOB REASON CODES").
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

/** sacct reads `--starttime` in the local time zone of the machine: format it so. */
function sacctTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The manifest without fields that change on every tick by themselves (poll time, growing elapsed time). */
function stable(m: RunManifest): string {
  const c = structuredClone(m);
  if (c.slurm && typeof c.slurm === "object") {
    delete c.slurm.last_poll_at;
    delete c.slurm.elapsed;
  }
  return serializeManifest(c);
}

function num(v: unknown, dflt: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : dflt;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

interface Loaded {
  run: DiscoveredRun;
  manifest: RunManifest;
  /** The manifest as read (for the "did anything change" test). */
  stableBefore: string;
  hasMetrics: boolean;
  /** Schema-validated (only the runs the tick acts on are). */
  validated: boolean;
}

function errorFinding(e: unknown, file: string, check: string, severity: Finding["severity"] = "error"): Finding {
  return findingFromError(e, check, file, { severity });
}

function needsWork(m: RunManifest, hasMetrics: boolean): boolean {
  const st = statusOf(m);
  return IN_FLIGHT.has(st) || st === "synced" || !hasMetrics;
}

/** The fields `canonicalLine` reads (run, iteration, host, job id, status, launch date), nothing else. */
function ledgerFields(m: RunManifest): RunManifest {
  const jobId = manifestJobId(m);
  const ts = m.timestamps && typeof m.timestamps === "object" ? m.timestamps : undefined;
  return {
    schema_version: m.schema_version,
    run_id: m.run_id,
    iteration_id: m.iteration_id,
    host_mode: m.host_mode,
    status: m.status,
    command: "",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: ts?.started_at as string },
    ...(m.started_at !== undefined ? { started_at: m.started_at } : {}),
    ...(jobId !== undefined ? { job_id: jobId } : {}),
  };
}

/** Read every manifest once: a JSON parse for all, schema validation for the ones the tick acts on. */
async function loadRuns(runs: DiscoveredRun[], findings: Finding[]): Promise<Loaded[]> {
  const out: Loaded[] = [];
  const BATCH = 64;
  for (let i = 0; i < runs.length; i += BATCH) {
    const slice = runs.slice(i, i + BATCH);
    const loaded = await Promise.all(
      slice.map(async (run): Promise<Loaded | undefined> => {
        let text: string;
        try {
          text = await readTextStrict(run.manifestPath, run.manifestDisplay);
        } catch (e) {
          findings.push(errorFinding(e, run.manifestDisplay, "manifest.read"));
          return undefined;
        }
        let quick: RunManifest | undefined;
        try {
          const v = JSON.parse(text) as unknown;
          if (v && typeof v === "object" && !Array.isArray(v)) quick = v as RunManifest;
        } catch {
          quick = undefined;
        }
        const hasMetrics = existsSync(path.join(run.runDir, "metrics.json"));
        if (quick && !needsWork(quick, hasMetrics)) {
          // Finished and extracted: only its ledger line is checked, so only what that needs is kept
          // (a tick over 10,000 runs would otherwise hold every manifest in memory).
          return { run, manifest: ledgerFields(quick), stableBefore: "", hasMetrics, validated: false };
        }
        try {
          const doc = parseDocument<RunManifest>("manifest", text, run.manifestDisplay);
          const errors = doc.findings.filter((f) => f.severity === "error");
          if (errors.length) {
            findings.push(
              ...errors.map((f) => ({ ...f, message: `${f.message}; the run is skipped until the manifest is fixed` })),
            );
            return undefined;
          }
          return { run, manifest: doc.data, stableBefore: stable(doc.data), hasMetrics, validated: true };
        } catch (e) {
          findings.push(errorFinding(e, run.manifestDisplay, "manifest.parse"));
          return undefined;
        }
      }),
    );
    for (const l of loaded) if (l) out.push(l);
  }
  return out;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** A directory of the run that is a symlink (a job can replace `logs/` by one): not to be read. */
function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function symlinkFinding(repoRoot: string, abs: string, runId: string, what: string): Finding {
  return {
    severity: "warning",
    check: "monitor.symlink",
    file: displayPath(repoRoot, abs),
    message: `${what} of run ${runId} is a symlink${isSymlink(abs) ? "" : " or not a regular file"}: it is not read or committed (evidence is never taken through a link)`,
    hint: "a job must write its logs and sentinel as files; remove the link",
  };
}

async function tail(file: string, lines = 30): Promise<{ text?: string; skipped?: string }> {
  if (isSymlink(path.dirname(file))) return { skipped: "symlink" };
  const r = await readNoFollow(file, 64 * 1024 * 1024);
  if (r.skipped) return { skipped: r.skipped };
  if (!r.data) return {};
  const t = r.data.toString("utf8");
  return {
    text:
      t
        .split("\n")
        .slice(-lines - 1)
        .join("\n")
        .trimEnd() || undefined,
  };
}

/**
 * The run's job_sentinel.json as evidence for job `jobId`. A sentinel that
 * names another job (left over from an earlier submission) is not evidence:
 * it reads as missing, with a note saying why. Array tasks share one sentinel
 * and write their own task id into it, so the id is not checked for arrays.
 */
async function readSentinel(
  runDir: string,
  jobId: string,
  isArray: boolean,
): Promise<{ sentinel?: { exit_code: number | null }; note: string; symlink?: boolean }> {
  const file = path.join(runDir, "job_sentinel.json");
  if (isSymlink(runDir))
    return { note: " (the run directory is a symlink: its job_sentinel.json is not read)", symlink: true };
  const r = await readNoFollow(file, 1024 * 1024);
  if (r.skipped)
    return {
      note: ` (job_sentinel.json is a ${r.skipped === "symlink" ? "symlink" : "non-regular file"}: not read)`,
      symlink: true,
    };
  let raw: Record<string, unknown> | undefined;
  try {
    raw = r.data ? (JSON.parse(r.data.toString("utf8")) as Record<string, unknown>) : undefined;
  } catch {
    raw = undefined;
  }
  if (!raw || typeof raw !== "object") return { note: "" };
  if (!isArray && raw.job_id !== undefined && raw.job_id !== null && String(raw.job_id) !== jobId) {
    return { note: ` (job_sentinel.json was written by job ${String(raw.job_id)}, not ${jobId}: ignored)` };
  }
  return {
    sentinel: {
      exit_code: typeof raw.exit_code === "number" && Number.isInteger(raw.exit_code) ? raw.exit_code : null,
    },
    note: "",
  };
}

/** Apply a transition if allowed; returns whether it happened. */
function move(m: RunManifest, to: RunStatus, at: string, evidence: string, rep: RunReport): boolean {
  const from = statusOf(m);
  if (!canTransition(from, to)) return false;
  m.status = to;
  m.history = [...(m.history ?? []), { from, to, at, evidence }];
  if (to === "completed" || to === "failed") {
    m.timestamps = { ...m.timestamps, completed_at: at };
    m.completed_at = at;
  }
  rep.transitions.push({ from, to, evidence });
  return true;
}

/** Store what the scheduler said about the job in `manifest.slurm`. */
function recordObservation(
  m: RunManifest,
  d: JobDecision,
  obs: JobObservation | undefined,
  at: string,
  schedulerOk: boolean,
): void {
  const s: SlurmRecord = { ...(m.slurm ?? {}) };
  s.job_id = s.job_id ?? manifestJobId(m);
  s.last_poll_at = at;
  if (obs) {
    s.state = obs.state;
    if (obs.reason !== undefined) s.reason = obs.reason;
    else delete s.reason;
    if (obs.exitCode !== undefined) s.exit_code = obs.exitCode;
    // A pending job's NodeList is at most where the scheduler plans to put it: record real placements only.
    if (d.phase === "pending") delete s.nodes;
    else if (obs.nodeList !== undefined) s.nodes = obs.nodeList;
    if (obs.restarts !== undefined) s.restarts = obs.restarts;
    // For a job still pending, Start is the backfill scheduler's estimate (it moves): keep only a real start.
    if (d.phase === "pending") delete s.start;
    else if (obs.start !== undefined) s.start = obs.start;
    // For a job that has not ended, End is the controller's estimate (it moves): keep only the real one.
    if (obs.end !== undefined && d.terminal) s.end = obs.end;
    if (obs.elapsed !== undefined) s.elapsed = obs.elapsed;
    s.source = obs.source;
    if (obs.tasks?.length) {
      s.array_tasks = obs.tasks.map((t) => ({ job_id: t.jobId, state: t.state, exit_code: t.exitCode ?? null }));
    }
  }
  if (d.failureReason && d.terminal && !schedulerOk) s.failure_reason = d.failureReason;
  if (d.cancelledBy) s.cancelled_by = d.cancelledBy;
  // The scheduler's verdict is remembered, so later ticks (sync retries) need not ask again.
  if (schedulerOk) s.outcome = "succeeded";
  s.decision = d.detail;
  m.slurm = s;
}

/**
 * Job logs and the sentinel of a run, to commit with it (size-capped).
 * Symlinks are never followed: a linked file (or a linked logs/ directory)
 * is skipped with a warning naming it.
 */
async function evidenceFiles(
  repoRoot: string,
  runDir: string,
  runId: string,
  findings: Finding[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (isSymlink(runDir)) {
    findings.push(symlinkFinding(repoRoot, runDir, runId, "the run directory"));
    return out;
  }
  const candidates: string[] = [path.join(runDir, "job_sentinel.json")];
  const logsDir = path.join(runDir, "logs");
  if (isSymlink(logsDir)) {
    findings.push(symlinkFinding(repoRoot, logsDir, runId, "the logs/ directory"));
  } else {
    try {
      for (const name of await readdir(logsDir)) {
        if (/^slurm-[0-9_]+\.(out|err)$/.test(name)) candidates.push(path.join(logsDir, name));
      }
    } catch {
      // no logs/ (yet)
    }
  }
  for (const abs of candidates) {
    const shown = displayPath(repoRoot, abs);
    const r = await readNoFollow(abs, MAX_COMMITTED_LOG_BYTES);
    if (r.skipped) {
      findings.push(symlinkFinding(repoRoot, abs, runId, path.basename(abs)));
      continue;
    }
    if (r.tooLarge !== undefined) {
      findings.push({
        severity: "notice",
        check: "monitor.log_size",
        file: shown,
        message: `${r.tooLarge} bytes: too large to commit (limit ${MAX_COMMITTED_LOG_BYTES}); it stays in the work tree`,
      });
      continue;
    }
    if (r.data) out.set(shown, r.data);
  }
  return out;
}

/** rsync from the run's snapshot (a local path) into the checkout's run dir; no outputs required here. */
function workDirCopyConfig(snapshotRunDir: string): ArtifactSyncConfig {
  return {
    mode: "rsync",
    source: snapshotRunDir.endsWith("/") ? snapshotRunDir : snapshotRunDir + "/",
    outputs: [],
    retries: 0,
  };
}

/**
 * JobName check: the name the scheduler reports for the job when it differs
 * from the manifest's `slurm.job_name` (a recycled job id is another job);
 * undefined when they agree or cannot be compared (no recorded name, no
 * reported name, sacct's `allocation` placeholder). For an array the array's
 * own name is compared, never a task's.
 */
export function jobNameMismatch(m: RunManifest, obs: JobObservation | undefined): string | undefined {
  const want = m.slurm?.job_name;
  if (!obs || typeof want !== "string" || want === "") return undefined;
  const got = obs.name;
  if (got === undefined || got === "" || got === "allocation") return undefined;
  return got === want ? undefined : got;
}

/**
 * Whether a manifest that another writer left (`theirs`, read on the head
 * apply() runs on) must be kept instead of this tick's `ours` (the caller
 * first sets aside texts this tick wrote itself); `startedFrom` is the
 * status this tick read. Theirs is kept when its status moved away
 * from `startedFrom` and ours is not a forward transition from it; with equal
 * statuses, unless ours has strictly more history.
 */
export function keepTheirs(startedFrom: RunStatus, theirs: RunManifest, ours: RunManifest): boolean {
  const t = statusOf(theirs);
  const o = statusOf(ours);
  if (t === startedFrom) return false;
  if (t === o) return (ours.history?.length ?? 0) <= (theirs.history?.length ?? 0);
  return !canTransition(t, o);
}

export async function monitor(opts: MonitorOptions): Promise<MonitorReport> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  const inGit = await isGitRepo(opts.cwd);
  const repoRoot = inGit ? await topLevel(opts.cwd) : path.resolve(opts.cwd);
  const dryRun = !!opts.dryRun;
  const release = dryRun ? async () => undefined : await takeMonitorLock(repoRoot, inGit, now());
  try {
    return await tick(opts, repoRoot, inGit, dryRun, log, now);
  } finally {
    await release();
  }
}

async function tick(
  opts: MonitorOptions,
  repoRoot: string,
  inGit: boolean,
  dryRun: boolean,
  log: (s: string) => void,
  now: () => Date,
): Promise<MonitorReport> {
  const findings: Finding[] = [];
  const { policy } = await loadPolicy(repoRoot);
  const monitorPolicy = obj(obj(policy.slurm).monitor);
  const graceRaw = monitorPolicy.unknown_grace_seconds;
  const graceSeconds = typeof graceRaw === "number" && Number.isFinite(graceRaw) && graceRaw >= 0 ? graceRaw : 600;
  const escalateAfter = Math.max(1, Math.floor(num(monitorPolicy.poll_failure_escalation_ticks, 3)));
  const lookbackDays = num(monitorPolicy.sacct_lookback_days, 14);
  const clientTimeoutMs = num(monitorPolicy.client_timeout_seconds, 30) * 1000;
  const pythonBin = String(policy.python_bin ?? "python3");
  const extractTimeoutPolicy = obj(policy.extract_results).timeout_seconds;

  const discovered = await discoverRuns(repoRoot, opts.runId ? { runId: opts.runId } : {});
  // Say why when the run exists but was refused (e.g. a symlink leaving the repository).
  if (opts.runId && !discovered.runs.length) throw runNotFound(opts.runId, discovered.findings);
  findings.push(...discovered.findings);
  const all = await loadRuns(discovered.runs, findings);

  // The ledger (manifests win where the two disagree).
  const ledgerAbs = path.join(repoRoot, LEDGER_PATH);
  let ledgerText = "";
  try {
    ledgerText = (await readLedger(ledgerAbs, LEDGER_PATH)) ?? "";
  } catch (e) {
    findings.push(errorFinding(e, LEDGER_PATH, "ledger.read"));
  }
  const parsedLedger = parseLedger(ledgerText);
  for (const p of parsedLedger.problems) {
    findings.push({
      severity: "warning",
      check: `ledger.${p.kind}`,
      message: p.message,
      file: LEDGER_PATH,
      line: p.line,
    });
  }
  const ledgerByRun = new Map<string, { line: number; text: string }>();
  for (const e of parsedLedger.entries) ledgerByRun.set(e.runId, { line: e.line, text: e.text });

  const candidates = all.filter((l) => l.validated && needsWork(l.manifest, l.hasMetrics));
  // A job that already succeeded (only the sync is left) is not asked about again.
  const asks = (l: Loaded) =>
    l.manifest.host_mode === "slurm" &&
    IN_FLIGHT.has(statusOf(l.manifest)) &&
    manifestJobId(l.manifest) !== undefined &&
    l.manifest.slurm?.outcome !== "succeeded";
  const slurmInFlight = candidates.filter(asks);

  // One question to the scheduler for every run in flight.
  let outcome: QueryOutcome | undefined;
  const jobIds = [...new Set(slurmInFlight.map((l) => manifestJobId(l.manifest) as string))];
  if (jobIds.length) {
    const launched = slurmInFlight
      .map((l) => Date.parse(String(l.manifest.timestamps?.started_at ?? l.manifest.started_at ?? "")))
      .filter((t) => Number.isFinite(t));
    const earliest = launched.length
      ? launched.reduce((a, b) => Math.min(a, b)) - 24 * 3600 * 1000
      : now().getTime() - lookbackDays * 86400 * 1000;
    outcome = await queryJobs(jobIds, {
      startTime: sacctTime(new Date(earliest)),
      timeoutMs: clientTimeoutMs,
      ...opts.query,
    });
    log(
      `scheduler: ${outcome.calls.length} call(s) for ${jobIds.length} job(s), ${outcome.ok ? `ok (accounting ${outcome.accounting})` : "FAILED: " + outcome.error}`,
    );
    if (outcome.ok) {
      for (const w of outcome.warnings) {
        findings.push({
          severity: "warning",
          check: "scheduler.accounting",
          message: `${w}; runs are followed through squeue/scontrol, and jobs neither shows are left as they are`,
          hint: "check slurmdbd and its database (sacctmgr show cluster); finished jobs are settled once accounting answers again",
        });
      }
    }
  }
  const scheduler = {
    ok: outcome ? outcome.ok : true,
    calls: outcome?.calls.length ?? 0,
    totalMs: Math.round(outcome?.calls.reduce((a, c) => a + c.durationMs, 0) ?? 0),
    accounting: outcome?.accounting,
    error: outcome?.error,
    detail: (outcome?.calls ?? []).map(
      (c) =>
        `${path.basename(c.argv[0])} ${c.ok ? "ok" : "failed"} ${Math.round(c.durationMs)} ms${c.error ? `: ${c.error}` : ""}`,
    ),
  };

  // Outage bookkeeping.
  const at = iso(now());
  const monitorStateAbs = path.join(repoRoot, MONITOR_STATE_PATH);
  const prevState = (await readJson<MonitorState>(monitorStateAbs)) ?? undefined;
  const prevFailures = typeof prevState?.consecutive_failed_ticks === "number" ? prevState.consecutive_failed_ticks : 0;
  let monitorState: MonitorState | undefined;
  let outageInfo: MonitorReport["outage"];
  if (outcome && !outcome.ok) {
    const n = prevFailures + 1;
    const escalated = n >= escalateAfter;
    outageInfo = { consecutiveFailedTicks: n, escalated, error: outcome.error ?? "the scheduler query failed" };
    monitorState = {
      ...(prevState ?? {}),
      schema_version: "1.0",
      last_tick_at: at,
      consecutive_failed_ticks: n,
      last_poll_error: outageInfo.error,
      last_poll_error_at: at,
      first_failed_at: prevFailures > 0 ? (prevState?.first_failed_at ?? at) : at,
    };
    findings.push({
      severity: escalated ? "error" : "warning",
      check: "scheduler.outage",
      message: `the scheduler did not answer (${outageInfo.error}); no run was changed. ${n} consecutive failed tick(s)${escalated ? `, at or above the escalation threshold of ${escalateAfter}` : ` (escalated at ${escalateAfter})`}`,
      file: MONITOR_STATE_PATH,
      hint: "check slurmctld, slurmdbd and munged on the cluster (scontrol ping, sacctmgr show cluster, munge -n | unmunge); the next tick retries",
    });
  } else if (prevFailures > 0) {
    // Recovered (or nothing left to ask about): record the end of the outage once.
    monitorState = {
      ...(prevState as MonitorState),
      schema_version: "1.0",
      last_tick_at: at,
      ...(outcome ? { last_ok_at: at } : {}),
      consecutive_failed_ticks: 0,
    };
    findings.push({
      severity: "notice",
      check: "scheduler.recovered",
      message: `the scheduler answers again after ${prevFailures} failed tick(s) (last error: ${prevState?.last_poll_error ?? "unknown"})`,
      file: MONITOR_STATE_PATH,
    });
  }

  const reports: RunReport[] = [];
  const changed: Array<{ l: Loaded; m: RunManifest }> = [];
  const extraFiles = new Map<string, { content: Buffer | string; runId: string }>(); // repo-relative path -> content written this tick
  /** Exact manifest texts this tick wrote itself before apply() (the "syncing" record): never another writer's. */
  const ownWrites = new Map<string, Set<string>>();
  const stateEvents: Array<{ manifest: RunManifest; event: RunEvent }> = [];
  // analysis/summary.md is shared by the runs of an iteration: re-applied section by section.
  const summarySections: Array<{ path: string; iterationId: string; runId: string; section: string }> = [];
  const unresolved = new Set(outcome?.unresolved ?? []);

  for (const l of candidates) {
    const m: RunManifest = structuredClone(l.manifest);
    const before = statusOf(m);
    const jobId = manifestJobId(m);
    const launchRec = obj(m.launch);
    const rep: RunReport = {
      runId: m.run_id,
      iterationId: m.iteration_id,
      manifestPath: l.run.manifestDisplay,
      hostMode: m.host_mode,
      jobId,
      before,
      after: before,
      transitions: [],
      changed: false,
      launchSha: typeof launchRec.git_revision === "string" ? launchRec.git_revision : undefined,
    };
    let jobSucceeded = false;

    // Where the job's files are: the launch snapshot (work root), else the checkout's run dir.
    const ev = jobRunDir(m, repoRoot, l.run.runDir);
    if (ev.invalid) {
      findings.push({
        severity: "warning",
        check: "monitor.work_dir_invalid",
        file: l.run.manifestDisplay,
        jsonPath: "/launch/work_dir",
        message: `launch.work_dir ${ev.invalid} of run ${m.run_id} is not an absolute path; the job's files are looked for in the checkout's run dir`,
      });
    } else if (ev.workDir && ev.missing && m.host_mode === "slurm") {
      findings.push({
        severity: "warning",
        check: "monitor.work_dir_missing",
        file: l.run.manifestDisplay,
        jsonPath: "/launch/work_dir",
        message: `the job's work dir ${ev.dir} (the launch snapshot of run ${m.run_id}) is missing: its sentinel, logs and outputs cannot be read, so they count as missing`,
        hint: "if the snapshot was moved, put it back (or copy its run dir into the checkout's run dir) and run the monitor again",
      });
    }
    /** The job's run dir as this tick reads it (a missing snapshot reads as empty, never as the checkout's copy). */
    const evDir = ev.workDir ? ev.dir : l.run.runDir;
    const copyBack = async (): Promise<SyncResult> =>
      syncArtifacts({
        repoRoot,
        runDir: l.run.runDir,
        runId: m.run_id,
        iterationId: m.iteration_id,
        iterationPath: l.run.iterationPath,
        now,
        config: workDirCopyConfig(ev.dir),
      });

    if (asks(l)) {
      if (!outcome || !outcome.ok) {
        reports.push({
          ...rep,
          slurmState: m.slurm?.state,
          reason: m.slurm?.reason,
          syncStatus: normalizeSyncStatus(m.artifact_sync_to_local?.status),
        });
        continue; // an outage changes no run
      }
      let obs = outcome.observations.get(jobId as string);
      if (!obs && unresolved.has(jobId as string)) {
        // Accounting is down and the controller no longer lists the job: nothing is known.
        findings.push({
          severity: "notice",
          check: "scheduler.unresolved",
          message: `job ${jobId} of run ${m.run_id}: the controller no longer lists it and accounting is down; left as ${before} until sacct answers`,
          file: l.run.manifestDisplay,
        });
        reports.push({
          ...rep,
          slurmState: m.slurm?.state,
          reason: m.slurm?.reason,
          syncStatus: normalizeSyncStatus(m.artifact_sync_to_local?.status),
        });
        continue;
      }
      const otherName = jobNameMismatch(m, obs);
      if (otherName !== undefined) {
        // A recycled job id (reinstall, counter reset): that job's outcome is not this run's.
        findings.push({
          severity: "warning",
          check: "scheduler.job_name_mismatch",
          file: l.run.manifestDisplay,
          jsonPath: "/slurm/job_name",
          message: `job ${jobId} is named ${JSON.stringify(otherName)} for the scheduler, not ${JSON.stringify(m.slurm?.job_name)} as run ${m.run_id} recorded: it is another job, so run ${m.run_id}'s job counts as unknown (failed as unknown_job after ${graceSeconds} s)`,
          hint: `look for the run's own job with \`sacct --name ${String(m.slurm?.job_name)}\`; if it exists, put its id into the manifest`,
        });
        obs = undefined;
      }
      const sv: Awaited<ReturnType<typeof readSentinel>> =
        otherName !== undefined ? { note: "" } : await readSentinel(evDir, jobId as string, obs?.tasks !== undefined);
      if (sv.symlink)
        findings.push(symlinkFinding(repoRoot, path.join(evDir, "job_sentinel.json"), m.run_id, "job_sentinel.json"));
      const d = decideJob({
        obs,
        sentinel: sv.sentinel,
        now: now(),
        unknownSince: m.slurm?.unknown_since,
        graceSeconds,
      });
      if (sv.note) d.detail += sv.note;
      if (otherName !== undefined)
        d.detail += ` (job ${jobId} is named ${otherName}, not ${String(m.slurm?.job_name)}: another job)`;
      // The scheduler says success; the sentinel may still be on its way (rsync mode, or a lagging shared filesystem).
      const schedulerOk = d.phase === "succeeded" || d.failureReason === "sentinel_missing";
      recordObservation(m, d, obs, at, schedulerOk);
      if (obs) delete m.slurm!.unknown_since;
      else if (d.unknownSince) m.slurm!.unknown_since = d.unknownSince;
      const evidence = d.detail;
      if (d.phase === "running") {
        move(m, "running", at, evidence, rep);
      } else if (schedulerOk) {
        move(
          m,
          "running",
          at,
          `the job ran${obs?.start ? ` from ${obs.start}` : ""}${obs?.end ? ` to ${obs.end}` : ""}; ${evidence}`,
          rep,
        );
        jobSucceeded = true;
      } else if (d.phase === "failed" || (d.phase === "unknown" && d.terminal)) {
        move(m, "failed", at, evidence, rep);
        const failure: Record<string, unknown> = { reason: d.failureReason ?? "unknown", message: evidence };
        if (d.cancelledBy) failure.cancelled_by = d.cancelledBy;
        if (m.slurm?.exit_code) failure.exit_code = m.slurm.exit_code;
        if (canTransition(before, "failed")) m.failure = failure;
      } else if (d.phase === "unknown") {
        findings.push({
          severity: "warning",
          check: "scheduler.unknown_job",
          message: obs
            ? `job ${jobId} of run ${m.run_id}: ${evidence}`
            : `job ${jobId} of run ${m.run_id} is not known to the scheduler (since ${d.unknownSince ?? at}); it is called failed (unknown_job) after ${graceSeconds} s`,
          file: l.run.manifestDisplay,
        });
      } else if (d.phase === "pending" && obs?.reason && NEVER_STARTS.some((r) => obs.reason!.startsWith(r))) {
        findings.push({
          severity: "warning",
          check: "scheduler.never_starts",
          message: `job ${jobId} of run ${m.run_id} is pending with reason ${obs.reason}: it will not start unless the request or the cluster changes`,
          file: l.run.manifestDisplay,
          hint: `change the request in design.yaml and relaunch (autolab cancel ${m.run_id}), or ask the admins (scontrol show job ${jobId})`,
        });
      }
      rep.slurmState = m.slurm?.state;
      rep.reason = m.slurm?.reason;
      rep.failureReason = d.terminal && !schedulerOk ? d.failureReason : undefined;
      rep.exitCode = m.slurm?.exit_code;
    } else if (m.host_mode === "slurm" && before === "running" && m.slurm?.outcome === "succeeded") {
      jobSucceeded = true; // the job is done; only its artifacts are still missing
    } else if (m.host_mode === "slurm" && IN_FLIGHT.has(before) && jobId === undefined) {
      findings.push({
        severity: "warning",
        check: "monitor.no_job_id",
        file: l.run.manifestDisplay,
        message: `run ${m.run_id} is ${before} but has no job id: its launch did not finish, so there is nothing to ask the scheduler about`,
        hint: `look for its job with \`sacct --name autolab-${m.run_id}\`; relaunch with the same --launch-key to adopt it, or autolab launch ${m.iteration_id} --run-id ${m.run_id} when no job exists`,
      });
    }

    // Jobs the scheduler calls a success: artifacts first, then the sentinel (which may arrive with them).
    if (jobSucceeded && statusOf(m) === "running" && !dryRun) {
      let syncEvidence: string | undefined;
      // Work root: the job's files come from its snapshot first (every tick until synced: a late sentinel arrives too).
      let fromWorkDir: string | undefined;
      let workDirFailed = false;
      if (ev.workDir && !ev.missing) {
        const r = await copyBack();
        if (r.status === "ok") {
          fromWorkDir = `the job's files copied from its work dir ${ev.dir} (${r.copied.length} file(s))`;
        } else {
          workDirFailed = true;
          const prevAttempts = Number(obj(m.artifact_sync_to_local).total_attempts ?? 0) || 0;
          m.artifact_sync_to_local = {
            ...syncRecord(r),
            from_work_dir: ev.dir,
            total_attempts: prevAttempts + r.attempts,
          };
          findings.push({
            severity: "warning",
            check: "sync.failed",
            file: l.run.manifestDisplay,
            message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${r.error ?? "unknown error"}; it is retried on the next tick`,
            hint: "check the work root's permissions and free space",
          });
        }
      }
      if (workDirFailed) {
        // retried on the next tick
      } else if (isSuccessLike(m.artifact_sync_to_local?.status)) {
        // Already synced (e.g. by hand, as the recovery steps say).
        syncEvidence = `artifact_sync_to_local.status is ${String(m.artifact_sync_to_local.status)}`;
      } else {
        try {
          const designShown = `${l.run.iterationPath}/design.yaml`;
          const { data: design } = await loadDesign(path.join(l.run.iterationDir, "design.yaml"), designShown);
          const config = resolveSyncConfig(design, policy, {
            designFile: designShown,
            policyFile: ".autolab/verifier_policy.yaml",
          });
          // Visible in the work tree while the copy runs; a crash leaves "syncing", which is retried.
          m.artifact_sync_to_local = syncingRecord(m.artifact_sync_to_local);
          await writeManifest(l.run.manifestPath, m, l.run.manifestDisplay);
          if (!ownWrites.has(m.run_id)) ownWrites.set(m.run_id, new Set());
          ownWrites.get(m.run_id)!.add(serializeManifest(m));
          const result = await syncArtifacts({
            repoRoot,
            runDir: l.run.runDir,
            runId: m.run_id,
            iterationId: m.iteration_id,
            iterationPath: l.run.iterationPath,
            config,
            now,
          });
          const prevAttempts = Number(obj(m.artifact_sync_to_local).total_attempts ?? 0) || 0;
          m.artifact_sync_to_local = { ...syncRecord(result), total_attempts: prevAttempts + result.attempts };
          if (result.status === "ok") {
            syncEvidence = `artifacts synced (${config.mode})${config.mode === "rsync" ? `: ${result.copied.length} file(s) copied` : ""}`;
          } else {
            findings.push({
              severity: "warning",
              check: "sync.failed",
              message: `artifact sync for run ${m.run_id} failed: ${result.error ?? "missing " + result.missing.join(", ")}; it is retried on the next tick`,
              file: l.run.manifestDisplay,
              hint: "fix the source, or copy the files by hand, set artifact_sync_to_local.status to ok, and run the monitor again",
            });
          }
        } catch (e) {
          findings.push(errorFinding(e, l.run.manifestDisplay, "sync.config"));
        }
      }
      if (syncEvidence !== undefined && fromWorkDir) syncEvidence = `${fromWorkDir}; ${syncEvidence}`;
      if (syncEvidence !== undefined) {
        const sv = await readSentinel(l.run.runDir, jobId ?? "", Array.isArray(m.slurm?.array_tasks));
        if (sv.symlink)
          findings.push(
            symlinkFinding(repoRoot, path.join(l.run.runDir, "job_sentinel.json"), m.run_id, "job_sentinel.json"),
          );
        const code = sv.sentinel?.exit_code;
        const slurm: SlurmRecord = { ...(m.slurm ?? {}) };
        if (code === 0) {
          delete slurm.sentinel_missing_since;
          m.slurm = slurm;
          move(m, "synced", at, `${syncEvidence}; job_sentinel.json says exit 0`, rep);
        } else if (typeof code === "number") {
          const evidence = `${syncEvidence}; but job_sentinel.json says exit ${code}, although the scheduler reported success`;
          slurm.failure_reason = "exit_code";
          m.slurm = slurm;
          move(m, "failed", at, evidence, rep);
          m.failure = { reason: "exit_code", message: evidence, sentinel_exit_code: code };
          rep.failureReason = "exit_code";
        } else {
          const since = typeof slurm.sentinel_missing_since === "string" ? slurm.sentinel_missing_since : at;
          const waited = (now().getTime() - Date.parse(since)) / 1000;
          const what = sv.sentinel
            ? "job_sentinel.json has no exit code (the job script did not reach its end)"
            : `job_sentinel.json is missing${sv.note}`;
          if (waited >= graceSeconds) {
            const evidence = `${syncEvidence}; but ${what} since ${since}`;
            slurm.failure_reason = "sentinel_missing";
            m.slurm = slurm;
            move(m, "failed", at, evidence, rep);
            m.failure = { reason: "sentinel_missing", message: evidence };
            rep.failureReason = "sentinel_missing";
          } else {
            slurm.sentinel_missing_since = since;
            m.slurm = slurm;
            findings.push({
              severity: "warning",
              check: "monitor.sentinel_missing",
              file: l.run.manifestDisplay,
              message: `job ${jobId} of run ${m.run_id} completed with exit 0 for the scheduler, but ${what}; waiting up to ${graceSeconds} s (since ${since}) before calling the run failed`,
              hint: "a shared filesystem can show new files late; if the job's files live elsewhere, check artifact_sync",
            });
          }
        }
      }
      if (statusOf(m) === "synced") stateEvents.push({ manifest: m, event: "synced" });
    }

    // Extraction: synced runs, and terminal runs without metrics.
    const st = statusOf(m);
    const needsExtract =
      st === "synced" || ((st === "failed" || st === "completed" || st === "partial") && !l.hasMetrics);
    if (needsExtract && !dryRun) {
      if (ev.workDir && !ev.missing && m.host_mode === "slurm") {
        // A failed run was never synced: its logs and sentinel still have to come back to be committed.
        const r = await copyBack();
        if (r.status !== "ok") {
          findings.push({
            severity: "warning",
            check: "sync.failed",
            file: l.run.manifestDisplay,
            message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${r.error ?? "unknown error"}; its logs are not committed this tick`,
          });
        }
      }
      try {
        const designShown = `${l.run.iterationPath}/design.yaml`;
        const { data: design } = await loadDesign(path.join(l.run.iterationDir, "design.yaml"), designShown);
        const designTimeout = obj(design.extract_parser).timeout_seconds;
        const res = await extractRun({
          repoRoot,
          iterationDir: l.run.iterationDir,
          iterationPath: l.run.iterationPath,
          runDir: l.run.runDir,
          runId: m.run_id,
          iterationId: m.iteration_id,
          design,
          manifest: m,
          pythonBin,
          now,
          timeoutSeconds:
            typeof designTimeout === "number"
              ? undefined
              : typeof extractTimeoutPolicy === "number"
                ? extractTimeoutPolicy
                : undefined,
        });
        for (const p of [res.metricsPath, res.logPath]) {
          if (p) extraFiles.set(displayPath(repoRoot, p), { content: await readFile(p), runId: m.run_id });
        }
        const section = sectionOf(await readFile(res.summaryPath, "utf8"), m.run_id);
        if (section)
          summarySections.push({
            path: displayPath(repoRoot, res.summaryPath),
            iterationId: m.iteration_id,
            runId: m.run_id,
            section,
          });
        rep.metricsStatus = res.metrics.status;
        rep.primaryMetric = { name: res.metrics.primary_metric.name, value: res.metrics.primary_metric.value };
        m.extraction = {
          metrics: displayPath(repoRoot, res.metricsPath),
          status: res.metrics.status,
          missing_evidence: res.missingEvidence,
        };
        if (statusOf(m) === "synced")
          move(m, "completed", at, `metrics.json written (status ${res.metrics.status})`, rep);
        stateEvents.push({ manifest: m, event: "extracted" });
        if (m.host_mode === "slurm") {
          for (const [p, c] of await evidenceFiles(repoRoot, l.run.runDir, m.run_id, findings))
            extraFiles.set(p, { content: c, runId: m.run_id });
        }
      } catch (e) {
        findings.push(errorFinding(e, l.run.manifestDisplay, "extract"));
      }
    }

    rep.after = statusOf(m);
    rep.syncStatus =
      normalizeSyncStatus(m.artifact_sync_to_local?.status) ?? String(m.artifact_sync_to_local?.status ?? "");
    rep.startedAt = m.timestamps?.started_at;
    rep.completedAt = m.timestamps?.completed_at;
    if (rep.startedAt) {
      const end = rep.completedAt ? Date.parse(rep.completedAt) : now().getTime();
      const d = Math.round((end - Date.parse(rep.startedAt)) / 1000);
      if (Number.isFinite(d)) rep.durationSeconds = Math.max(0, d);
    }
    if (rep.after === "failed" && jobId) {
      const logs = path.join(ev.workDir && !ev.missing ? ev.dir : l.run.runDir, "logs");
      for (const name of [`slurm-${jobId}.err`, `slurm-${jobId}.out`]) {
        const t = await tail(path.join(logs, name));
        if (t.skipped) findings.push(symlinkFinding(repoRoot, path.join(logs, name), m.run_id, `logs/${name}`));
        if (t.text !== undefined) {
          rep.logTail = t.text;
          break;
        }
      }
    }
    rep.changed = stable(m) !== l.stableBefore;
    if (rep.changed) changed.push({ l, m });
    reports.push(rep);
  }

  // Ledger disagreements (the manifest wins), for every SLURM run.
  const ledgerFix: RunManifest[] = [];
  const changedById = new Map(changed.map((c) => [c.m.run_id, c.m]));
  const known = new Set<string>();
  for (const l of all) {
    const m = changedById.get(l.manifest.run_id) ?? l.manifest;
    known.add(String(m.run_id));
    if (m.host_mode !== "slurm" || !manifestJobId(m)) continue;
    let want: string;
    try {
      want = canonicalLine(m);
    } catch (e) {
      findings.push(errorFinding(e, l.run.manifestDisplay, "ledger.manifest", "warning"));
      continue;
    }
    const have = ledgerByRun.get(String(m.run_id));
    if (have && have.text === want) continue;
    // A line that matched the manifest as it was before this tick simply follows it; anything else disagreed.
    let wasRight = false;
    try {
      wasRight = have !== undefined && changedById.has(m.run_id) && have.text === canonicalLine(l.manifest);
    } catch {
      wasRight = false;
    }
    if (!wasRight) {
      findings.push({
        severity: "warning",
        check: "ledger.disagrees",
        message: have
          ? `the ledger line "${have.text.trim()}" disagrees with ${l.run.manifestDisplay}; the manifest wins and the line becomes "${want}"`
          : `run ${m.run_id} (${l.run.manifestDisplay}) has no ledger line; it is added`,
        file: LEDGER_PATH,
        line: have?.line,
      });
    }
    ledgerFix.push(m);
  }
  if (!opts.runId) {
    for (const e of parsedLedger.entries) {
      if (!known.has(e.runId)) {
        findings.push({
          severity: "warning",
          check: "ledger.no_manifest",
          file: LEDGER_PATH,
          line: e.line,
          message: `the ledger names run ${e.runId} (job ${e.jobId}), but no experiments/*/*/runs/${e.runId}/run_manifest.json exists; the line is left as it is`,
          hint: "restore the run's manifest from git history, or remove the line if the run was deleted on purpose",
        });
      }
    }
  }

  const written: string[] = [];
  if (dryRun) {
    return {
      runs: reports,
      tracked: all.length,
      inFlight: slurmInFlight.length,
      findings,
      scheduler,
      outage: outageInfo,
      written,
      dryRun,
    };
  }

  // Write everything in one replayable step (commit-back may call it again on a new head), then one commit.
  let applyFindings: Finding[] = [];
  /** Runs another writer moved meanwhile (re-decided on every apply: a retry runs on a new head). */
  const superseded = new Set<string>();
  const apply = async (): Promise<string[]> => {
    const touched: string[] = [];
    applyFindings = [];
    superseded.clear();
    for (const c of changed) {
      // Re-read on the head we are writing onto: another writer may have moved the run since this tick read it.
      const theirsText = await readFile(c.l.run.manifestPath, "utf8").catch(() => undefined);
      const own =
        theirsText !== undefined &&
        (ownWrites.get(c.m.run_id)?.has(theirsText) || theirsText === serializeManifest(c.m));
      let theirs: RunManifest | undefined;
      try {
        theirs = theirsText !== undefined && !own ? (JSON.parse(theirsText) as RunManifest) : undefined;
      } catch {
        theirs = undefined;
      }
      if (theirs && theirs.run_id === c.m.run_id && keepTheirs(statusOf(c.l.manifest), theirs, c.m)) {
        superseded.add(c.m.run_id);
        applyFindings.push({
          severity: "notice",
          check: "monitor.superseded",
          file: c.l.run.manifestDisplay,
          message: `run ${c.m.run_id} was moved to ${statusOf(theirs)} by another writer while this tick worked (it read ${statusOf(c.l.manifest)} and decided ${statusOf(c.m)}); the newer record is kept`,
        });
        continue;
      }
      await writeManifest(c.l.run.manifestPath, c.m, c.l.run.manifestDisplay);
      touched.push(c.l.run.manifestDisplay);
    }
    for (const [p, { content, runId }] of extraFiles) {
      if (superseded.has(runId)) continue;
      await writeFileAtomic(path.join(repoRoot, p), content);
      touched.push(p);
    }
    for (const sec of summarySections) {
      if (superseded.has(sec.runId)) continue;
      const abs = path.join(repoRoot, sec.path);
      const cur = existsSync(abs) ? await readFile(abs, "utf8") : undefined;
      try {
        const next = upsertRunSection(cur, sec.iterationId, sec.runId, sec.section, sec.path);
        if (next !== cur) await writeFileAtomic(abs, next);
        touched.push(sec.path);
      } catch (e) {
        applyFindings.push(errorFinding(e, sec.path, "extract.summary", "warning"));
      }
    }
    const ledgerNow = ledgerFix.filter((m) => !superseded.has(m.run_id));
    if (ledgerNow.length) {
      const up = await upsertManyFile(ledgerAbs, ledgerNow, LEDGER_PATH);
      for (const r of up.results) if (r.error) applyFindings.push(errorFinding(r.error, LEDGER_PATH, "ledger.update"));
      if (up.written) touched.push(LEDGER_PATH);
    }
    if (stateEvents.length) {
      try {
        const st = await readState(repoRoot);
        if (st) {
          let s = st;
          for (const ev of stateEvents)
            if (!superseded.has(ev.manifest.run_id)) s = nextState(s, ev.manifest, ev.event, now()) ?? s;
          if (s !== st) {
            await writeFileAtomic(path.join(repoRoot, STATE_PATH), JSON.stringify(s, null, 2) + "\n");
            touched.push(STATE_PATH);
          }
        }
      } catch (e) {
        applyFindings.push(errorFinding(e, STATE_PATH, "state", "warning"));
      }
    }
    if (monitorState) {
      await writeFileAtomic(monitorStateAbs, JSON.stringify(monitorState, null, 2) + "\n");
      touched.push(MONITOR_STATE_PATH);
    }
    return touched;
  };

  let commit: CommitBackResult | undefined;
  const anything =
    changed.length ||
    extraFiles.size ||
    summarySections.length ||
    ledgerFix.length ||
    stateEvents.length ||
    monitorState;
  if (anything) {
    if ((opts.commit ?? inGit) && inGit) {
      commit = await commitBack({
        repoRoot,
        apply,
        message: commitMessage(reports, outageInfo),
        skipCi: opts.skipCi,
        push: opts.push,
        branch: opts.branch,
        token: opts.token,
      });
      written.push(...commit.paths);
    } else {
      written.push(...(await apply()));
    }
    findings.push(...applyFindings);
  }
  return {
    runs: reports,
    tracked: all.length,
    inFlight: slurmInFlight.length,
    findings,
    scheduler,
    outage: outageInfo,
    commit,
    written,
    dryRun,
  };
}

/** `autolab: monitor tick: 2 run(s) advanced` plus one body line per moved run. */
function commitMessage(reports: RunReport[], outage: MonitorReport["outage"]): string {
  const moved = reports.filter((r) => r.transitions.length);
  const subject = outage
    ? `autolab: monitor tick: scheduler outage recorded (${outage.consecutiveFailedTicks} failed tick(s))`
    : `autolab: monitor tick: ${moved.length} run(s) advanced`;
  const body = moved.map(
    (r) =>
      `- ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> ${r.after}${r.failureReason ? ` (${r.failureReason})` : ""}`,
  );
  return body.length ? `${subject}\n\n${body.join("\n")}` : subject;
}

/** The run's section of summary.md, markers included. */
function sectionOf(text: string, runId: string): string | undefined {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const start = lines.indexOf(`<!-- autolab:run ${runId} begin -->`);
  const end = lines.indexOf(`<!-- autolab:run ${runId} end -->`);
  return start >= 0 && end > start ? lines.slice(start, end + 1).join("\n") : undefined;
}
