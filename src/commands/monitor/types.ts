/** The monitor's options and report. */
import type { RunStatus } from "../../contract/vocabulary.js";
import type { CommitBackResult } from "../../git/commitback.js";
import type { NotifySettings } from "../../domain/settings.js";
import type { RecordingOptions } from "../../git/record.js";
import type { Finding } from "../../util/errors.js";
import type { GroupResult } from "../../domain/sweep-result.js";
import type { EfficiencyRecord } from "../../domain/efficiency.js";
import type { QueryOptions, Scheduler } from "../../scheduler/port.js";

export interface MonitorOptions extends RecordingOptions {
  cwd: string;
  /** The scheduler to ask (the faces build it: the SLURM command-line adapter). */
  scheduler: Scheduler;
  runId?: string;
  /** Decide and report; write nothing, sync nothing, extract nothing. */
  dryRun?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
  /** Told as each phase of the tick starts (the CLI prints a line per event on stderr). */
  progress?: (e: MonitorProgress) => void;
  /** Scheduler program overrides and timeouts (tests, benchmarks). */
  query?: Pick<QueryOptions, "timeoutMs" | "chunkSize">;
}

/** A phase of a tick, as it starts (or, for `run`, a run that moved). */
export type MonitorProgress =
  | { phase: "discovering" }
  | { phase: "asking"; jobs: number; tracked: number }
  | { phase: "run"; runId: string; before: RunStatus; after: RunStatus; jobId?: string }
  | { phase: "committing"; files: number };

export interface RunReport {
  runId: string;
  iterationId: string;
  manifestPath: string;
  hostMode: string;
  jobId?: string;
  /** The named cluster the job runs on (`slurm.cluster`). */
  cluster?: string;
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
  /** SLURM's start and end of the job (`slurm.start`, `slurm.end`). */
  slurmStart?: string;
  slurmEnd?: string;
  /** The sweep the run belongs to, when its manifest names one. */
  sweepId?: string;
  /** SLURM's submit time, and a waiting job's expected start (the scheduler's estimate). */
  slurmSubmit?: string;
  expectedStart?: string;
  /** SLURM's run time (start to end; a job still running: to the tick) — a local run: its launch to completion. */
  durationSeconds?: number;
  /** SLURM's queue wait (submit to start; a job still waiting: to the tick). */
  queuedSeconds?: number;
  /** The efficiency record the monitor wrote when the job ended (domain/efficiency.ts). */
  efficiency?: EfficiencyRecord;
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
  outage?: { consecutiveFailedTicks: number; escalated: boolean; error: string; clusters?: string[] };
  commit?: CommitBackResult;
  /** Repository-relative paths written this tick. */
  written: string[];
  dryRun: boolean;
  /** Sweeps whose group result the tick recomputed (a task of theirs was extracted). */
  sweeps?: SweepReport[];
  /** `slurm.monitor.notify`: whether a run that failed fails the job, and where to comment. */
  notify?: NotifySettings;
  /** `slurm.monitor.retention.gc_older_than` in seconds: the faces run gc after the tick. */
  retentionSeconds?: number;
}

/** A sweep's group result as this tick computed it (written to `metricsPath` and the iteration's summary.md). */
export interface SweepReport {
  sweepId: string;
  iterationId: string;
  metricsPath: string;
  /** Tasks with metrics, of all tasks. */
  extracted: number;
  total: number;
  result: GroupResult;
  /** The group metrics document written to `metricsPath`. */
  document: Record<string, unknown>;
}
