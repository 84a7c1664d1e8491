/**
 * What `autolab status` reports: one row per run, built from its manifest
 * (`statusRow`), the warning when the monitor recorded a scheduler outage
 * (`outageFinding`), the table the CLI prints (`formatStatusTable`) and the
 * runs of the action's job summary (`statusSummaryRuns`). Pure.
 */
import type { RunManifest } from "../contract/types.js";
import { normalizeSyncStatus } from "../contract/vocabulary.js";
import { elapsedSeconds } from "../domain/duration.js";
import { MONITOR_STATE_PATH } from "../domain/layout.js";
import { manifestCluster, manifestJobId, statusOf, sweepIdOf } from "../domain/run.js";
import type { Finding } from "../util/errors.js";
import { logPathOf } from "./monitor.js";
import { isoUtc, type MetricsFacts } from "./run-check.js";
import { efficiencyHints, efficiencyLine, efficiencyOfManifest, jobTimesOf } from "./job-usage.js";
import type { EfficiencyRecord } from "../domain/efficiency.js";
import { jobCell, metricCell, reasonCell, type SummaryRun } from "./summary-runs.js";

export interface StatusRow {
  runId: string;
  iterationId: string;
  hostMode: string;
  jobId: string | null;
  /** The named cluster the job runs on (`slurm.cluster`). */
  cluster: string | null;
  status: string;
  failureReason: string | null;
  slurmState: string | null;
  reason: string | null;
  sync: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** SLURM's start and end of the job (ISO, UTC). */
  slurmStart: string | null;
  slurmEnd: string | null;
  exitCode: string | null;
  sweepId: string | null;
  /** The primary metric from metrics.json (null: none yet). */
  metric: { name: string; value: number | null } | null;
  metricsStatus: string | null;
  /** Seconds since the run was launched. */
  ageSeconds: number | null;
  /** SLURM's submit time of the job (ISO, UTC). */
  slurmSubmit: string | null;
  /** A waiting job's expected start, as SLURM estimated it at the last tick (ISO, UTC). */
  expectedStart: string | null;
  /** SLURM's queue wait (submit to start; still waiting: to now) and run time (start to end; still running: to now). */
  queuedSeconds: number | null;
  runSeconds: number | null;
  /** The manifest's efficiency record (domain/efficiency.ts), once the job ended. */
  efficiency: EfficiencyRecord | null;
  /** Right-sizing hints of that record. */
  hints: string[];
  manifest: string;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

/** Where a run was found: its ids from the path, and the manifest's path as shown. */
export interface FoundRun {
  runId: string;
  iterationId: string;
  manifestDisplay: string;
}

/** A run's row: the manifest's word, else what its path says; the metric from its metrics.json when given. */
export function statusRow(m: RunManifest, found: FoundRun, now: Date, metrics?: MetricsFacts): StatusRow {
  const started = str(m.timestamps?.started_at) ?? str(m.started_at);
  const completed = str(m.timestamps?.completed_at) ?? str(m.completed_at);
  const failure = m.failure && typeof m.failure === "object" ? (m.failure as Record<string, unknown>) : {};
  const times = jobTimesOf(m, now);
  const eff = efficiencyOfManifest(m);
  return {
    runId: str(m.run_id) ?? found.runId,
    iterationId: str(m.iteration_id) ?? found.iterationId,
    hostMode: str(m.host_mode) ?? "?",
    jobId: manifestJobId(m) ?? null,
    cluster: manifestCluster(m) ?? null,
    status: statusOf(m),
    failureReason: str(failure.reason) ?? str(m.slurm?.failure_reason),
    slurmState: str(m.slurm?.state),
    reason: str(m.slurm?.reason),
    sync: normalizeSyncStatus(m.artifact_sync_to_local?.status) ?? str(m.artifact_sync_to_local?.status),
    startedAt: started,
    completedAt: completed,
    slurmStart: isoUtc(m.slurm?.start) ?? null,
    slurmEnd: isoUtc(m.slurm?.end) ?? null,
    exitCode: str(m.slurm?.exit_code),
    sweepId: sweepIdOf(m) ?? null,
    metric: metrics?.primary ?? null,
    metricsStatus: metrics?.status ?? null,
    ageSeconds: elapsedSeconds(started ?? undefined, undefined, now) ?? null,
    slurmSubmit: (m.host_mode === "local" ? undefined : isoUtc(times.submit)) ?? null,
    expectedStart: isoUtc(times.expectedStart) ?? null,
    queuedSeconds: times.queuedSeconds ?? null,
    runSeconds: times.runSeconds ?? null,
    efficiency: eff ?? null,
    hints: efficiencyHints(eff),
    manifest: found.manifestDisplay,
  };
}

/** Oldest launch first, then by run id. */
export function sortStatusRows(rows: StatusRow[]): StatusRow[] {
  return [...rows].sort(
    (a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? "") || a.runId.localeCompare(b.runId),
  );
}

/** The parts of .autolab/monitor_state.json the status reads. */
export interface OutageRecord {
  consecutive_failed_ticks?: number;
  first_failed_at?: string | null;
  last_poll_error_at?: string | null;
  last_poll_error?: string | null;
  /** Per cluster down (`""`: the default cluster). */
  clusters?: Record<string, unknown> | null;
}

function reached(st: OutageRecord): string {
  const named = Object.keys(st.clusters ?? {}).map((k) => (k ? `cluster ${k}` : "the default cluster"));
  return named.length ? named.join(" and ") : "the scheduler";
}

/** The warning that the states shown may be stale, when the last ticks could not reach the scheduler. */
export function outageFinding(st: OutageRecord): Finding | undefined {
  const n = st.consecutive_failed_ticks;
  if (!(typeof n === "number" && n > 0)) return undefined;
  return {
    severity: "warning",
    check: "scheduler.outage",
    file: MONITOR_STATE_PATH,
    message: `the last ${n} monitor tick(s) could not reach ${reached(st)} (since ${st.first_failed_at ?? st.last_poll_error_at ?? "?"}; last error: ${st.last_poll_error ?? "?"}); the states shown may be stale`,
  };
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return "-";
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

/** The STATE cell: the status, with the failure reason when the run failed. */
export function stateCell(r: Pick<StatusRow, "status" | "failureReason">): string {
  return r.status === "failed" && r.failureReason ? `failed (${r.failureReason})` : r.status;
}

/** The SLURM cell: the scheduler's last state, with its pending reason while the job has not ended. */
export function slurmCell(r: Pick<StatusRow, "slurmState" | "reason">): string {
  if (!r.slurmState) return "-";
  const ended = /^(COMPLETED|CANCELLED|FAILED|TIMEOUT)/.test(r.slurmState);
  return `${r.slurmState}${r.reason && r.reason !== "None" && !ended ? ` (${r.reason})` : ""}`;
}

/** The run's state as the job summary shows it (the scheduler's word beside the status). */
function summaryState(r: StatusRow): string {
  return r.slurmState && r.slurmState.toLowerCase() !== r.status ? `${r.status} (${r.slurmState})` : r.status;
}

/** The failure reason (and exit code) of a failed run, else the scheduler's reason. */
export function reasonOf(r: Pick<StatusRow, "status" | "failureReason" | "exitCode" | "reason">): string | undefined {
  if (r.status === "failed") {
    const why = [r.failureReason, r.exitCode ? `exit ${r.exitCode}` : ""].filter(Boolean).join(", ");
    return why || undefined;
  }
  return r.reason && r.reason !== "None" ? r.reason : undefined;
}

function asSummaryRun(r: StatusRow): SummaryRun {
  const local = r.hostMode === "local";
  return {
    runId: r.runId,
    iterationId: r.iterationId,
    sweepId: r.sweepId ?? undefined,
    jobId: r.jobId ?? undefined,
    cluster: r.cluster ?? undefined,
    state: summaryState(r),
    submittedAt: local ? undefined : (r.slurmSubmit ?? undefined),
    expectedStart: r.expectedStart ?? undefined,
    startedAt: (local ? isoUtc(r.startedAt) : r.slurmStart) ?? undefined,
    completedAt: (local ? isoUtc(r.completedAt) : r.slurmEnd) ?? undefined,
    sync: r.sync ?? undefined,
    primaryMetric: r.metric ?? undefined,
    metricsStatus: r.metricsStatus ?? undefined,
    reason: reasonOf(r),
    efficiency: efficiencyLine(r.efficiency ?? undefined),
    hints: r.hints.length ? r.hints : undefined,
    manifestPath: r.manifest,
    logPath: logPathOf(r.manifest, r.hostMode, r.jobId ?? undefined),
  };
}

/** Columns padded to their widest cell, two spaces apart; ends with a newline. */
function padTable(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...body.map(fmt)].join("\n") + "\n";
}

/** The table, one run a line, columns padded; ends with a newline. METRIC and REASON are never empty. */
export function formatStatusTable(rows: StatusRow[]): string {
  const head = [
    "RUN",
    "ITERATION",
    "JOB",
    "STATE",
    "SLURM",
    "AGE",
    "QUEUED",
    "RAN",
    "SYNC",
    "METRIC",
    "EFFICIENCY",
    "REASON",
  ];
  const body = rows.map((r) => {
    const s = asSummaryRun(r);
    return [
      r.runId,
      r.iterationId,
      r.jobId ? jobCell(r.jobId, r.cluster ?? undefined).replace(/\s+/g, " ") : r.hostMode === "local" ? "local" : "-",
      stateCell(r),
      slurmCell(r),
      formatAge(r.ageSeconds),
      r.queuedSeconds !== null ? formatAge(r.queuedSeconds) : "-",
      r.runSeconds !== null ? formatAge(r.runSeconds) : "-",
      r.sync ?? "-",
      metricCell(s).replace(/\s+/g, " "),
      shortEfficiency(r.efficiency) + (r.hints.length ? " !" : ""),
      (reasonCell(s) + (r.expectedStart && !r.slurmStart ? `; expected start ${r.expectedStart}` : "")).replace(
        /\s+/g,
        " ",
      ),
    ];
  });
  return padTable(head, body);
}

/** A sweep's tasks among the rows, counted by state. */
export interface SweepStatus {
  sweepId: string;
  iterationId: string;
  tasks: number;
  /** State -> tasks in it, in lifecycle order (pending first, failed and cancelled last). */
  counts: Record<string, number>;
  /** Run ids of the failed tasks, in task order. */
  failedRuns: string[];
}

const STATE_ORDER = [
  "pending",
  "submitted",
  "running",
  "syncing",
  "synced",
  "completed",
  "partial",
  "failed",
  "cancelled",
];

function stateRank(s: string): number {
  const i = STATE_ORDER.indexOf(s);
  return i < 0 ? STATE_ORDER.length : i;
}

/** State -> how many of `statuses` are in it, in lifecycle order (pending first, failed and cancelled last). */
export function stateCounts(statuses: readonly string[]): Record<string, number> {
  const tally = new Map<string, number>();
  for (const s of statuses) tally.set(s, (tally.get(s) ?? 0) + 1);
  const states = [...tally.keys()].sort((a, b) => stateRank(a) - stateRank(b) || a.localeCompare(b));
  return Object.fromEntries(states.map((st) => [st, tally.get(st) as number]));
}

/** The rows' sweeps, by sweep id (runs outside a sweep are not grouped). */
export function sweepGroups(rows: readonly StatusRow[]): SweepStatus[] {
  const by = new Map<string, StatusRow[]>();
  for (const r of rows) {
    if (!r.sweepId) continue;
    const key = `${r.iterationId}\0${r.sweepId}`;
    by.set(key, [...(by.get(key) ?? []), r]);
  }
  const taskOrder = (a: StatusRow, b: StatusRow) => a.runId.length - b.runId.length || a.runId.localeCompare(b.runId);
  return [...by.values()]
    .map((rs) => {
      return {
        sweepId: rs[0].sweepId as string,
        iterationId: rs[0].iterationId,
        tasks: rs.length,
        counts: stateCounts(rs.map((r) => r.status)),
        failedRuns: rs
          .filter((r) => r.status === "failed")
          .sort(taskOrder)
          .map((r) => r.runId),
      };
    })
    .sort((a, b) => a.iterationId.localeCompare(b.iterationId) || a.sweepId.localeCompare(b.sweepId));
}

/** Failed task ids shown in the text at most (the JSON has all). */
const FAILED_SHOWN = 5;

/** The sweeps' table: one sweep a line, its tasks counted by state, the failed ones named. */
export function formatSweepTable(groups: readonly SweepStatus[]): string {
  const head = ["SWEEP", "ITERATION", "TASKS", "STATES", "FAILED"];
  const body = groups.map((g) => {
    const shown = g.failedRuns.slice(0, FAILED_SHOWN).join(", ");
    const more = g.failedRuns.length > FAILED_SHOWN ? `, … (+${g.failedRuns.length - FAILED_SHOWN})` : "";
    return [
      g.sweepId,
      g.iterationId,
      String(g.tasks),
      Object.entries(g.counts)
        .map(([st, n]) => `${st} ${n}`)
        .join(", "),
      shown ? shown + more : "-",
    ];
  });
  return padTable(head, body);
}

/** `cpu 98% mem 43% time 7% gpu 95%`: the ratios of an efficiency record, or `-`. */
export function shortEfficiency(e: EfficiencyRecord | null): string {
  if (!e) return "-";
  const parts: string[] = [];
  const add = (label: string, v: unknown) => {
    if (typeof v === "number" && Number.isFinite(v)) parts.push(`${label} ${Math.round(v * 100)}%`);
  };
  add("cpu", e.cpu_efficiency);
  add("mem", e.memory_used);
  add("time", e.time_used);
  add("gpu", e.gpu_util);
  return parts.length ? parts.join(" ") : "-";
}

/** The right-sizing hints under the table: one line per hint, `hint <run>: <text>`. */
export function hintText(rows: readonly StatusRow[]): string {
  return rows.flatMap((r) => r.hints.map((h) => `hint ${r.runId}: ${h}\n`)).join("");
}

/** `autolab status` on the terminal: the table (or "no runs"), the right-sizing hints, then the sweeps with their per-state counts. */
export function statusText(rows: StatusRow[]): string {
  if (!rows.length) return "no runs\n";
  const groups = sweepGroups(rows);
  const hints = hintText(rows);
  return formatStatusTable(rows) + (hints ? "\n" + hints : "") + (groups.length ? "\n" + formatSweepTable(groups) : "");
}

/** The runs of the action's status summary: SLURM's times, the metric and the reason. */
export function statusSummaryRuns(rows: StatusRow[]): SummaryRun[] {
  return rows.map(asSummaryRun);
}

/** The action's status outputs: every row as JSON. */
export function statusOutputs(rows: StatusRow[]): Array<[string, string]> {
  return [["runs", JSON.stringify(rows)]];
}
