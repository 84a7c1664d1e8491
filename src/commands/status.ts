/**
 * status: `autolab status`, a table of runs from their manifests: id,
 * iteration, job, state (with the failure reason), the scheduler's last
 * word, age, sync. It asks the scheduler nothing (the monitor does that);
 * a scheduler outage the monitor recorded is shown as a finding.
 * `collectStatus` reads, `formatStatusTable` formats (pure).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { manifestJobId } from "../contract/manifest.js";
import { normalizeSyncStatus } from "../contract/vocabulary.js";
import { discoverRuns } from "../stages/discover.js";
import type { MonitorState } from "./monitor/index.js";
import { statusOf } from "../domain/run.js";
import { MONITOR_STATE_PATH } from "../domain/layout.js";
import type { Finding } from "../util/errors.js";

export interface StatusRow {
  runId: string;
  iterationId: string;
  hostMode: string;
  jobId: string | null;
  status: string;
  failureReason: string | null;
  slurmState: string | null;
  reason: string | null;
  sync: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Seconds since the run was launched. */
  ageSeconds: number | null;
  manifest: string;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export async function collectStatus(
  repoRoot: string,
  opts: { iteration?: string; runId?: string; now?: Date } = {},
): Promise<{ rows: StatusRow[]; findings: Finding[] }> {
  const now = (opts.now ?? new Date()).getTime();
  const found = await discoverRuns(repoRoot, { iteration: opts.iteration, runId: opts.runId });
  const rows: StatusRow[] = [];
  const findings = [...found.findings];
  for (const r of found.runs) {
    let m: RunManifest;
    try {
      m = JSON.parse(await readFile(r.manifestPath, "utf8")) as RunManifest;
      if (!m || typeof m !== "object" || Array.isArray(m)) throw new Error("not a JSON object");
    } catch (e) {
      findings.push({
        severity: "error",
        check: "manifest.parse",
        message: `cannot read manifest: ${(e as Error).message}`,
        file: r.manifestDisplay,
      });
      continue;
    }
    const started = str(m.timestamps?.started_at) ?? str(m.started_at);
    const completed = str(m.timestamps?.completed_at) ?? str(m.completed_at);
    const t0 = started ? Date.parse(started) : NaN;
    const failure = m.failure && typeof m.failure === "object" ? (m.failure as Record<string, unknown>) : {};
    rows.push({
      runId: str(m.run_id) ?? r.runId,
      iterationId: str(m.iteration_id) ?? r.iterationId,
      hostMode: str(m.host_mode) ?? "?",
      jobId: manifestJobId(m) ?? null,
      status: statusOf(m),
      failureReason: str(failure.reason) ?? str(m.slurm?.failure_reason),
      slurmState: str(m.slurm?.state),
      reason: str(m.slurm?.reason),
      sync: normalizeSyncStatus(m.artifact_sync_to_local?.status) ?? str(m.artifact_sync_to_local?.status),
      startedAt: started,
      completedAt: completed,
      ageSeconds: Number.isFinite(t0) ? Math.max(0, Math.round((now - t0) / 1000)) : null,
      manifest: r.manifestDisplay,
    });
  }
  rows.sort((a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? "") || a.runId.localeCompare(b.runId));

  try {
    const st = JSON.parse(await readFile(path.join(repoRoot, MONITOR_STATE_PATH), "utf8")) as MonitorState;
    if (st.consecutive_failed_ticks > 0) {
      findings.push({
        severity: "warning",
        check: "scheduler.outage",
        file: MONITOR_STATE_PATH,
        message: `the last ${st.consecutive_failed_ticks} monitor tick(s) could not reach the scheduler (since ${st.first_failed_at ?? st.last_poll_error_at ?? "?"}; last error: ${st.last_poll_error ?? "?"}); the states shown may be stale`,
      });
    }
  } catch {
    // no monitor state yet
  }
  return { rows, findings };
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return "-";
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

/** The table, one run a line, columns padded; ends with a newline. */
export function formatStatusTable(rows: StatusRow[]): string {
  const head = ["RUN", "ITERATION", "JOB", "STATE", "SLURM", "AGE", "SYNC"];
  const body = rows.map((r) => [
    r.runId,
    r.iterationId,
    r.jobId ?? (r.hostMode === "local" ? "local" : "-"),
    r.status === "failed" && r.failureReason ? `failed (${r.failureReason})` : r.status,
    r.slurmState
      ? `${r.slurmState}${r.reason && r.reason !== "None" && !/^(COMPLETED|CANCELLED|FAILED|TIMEOUT)/.test(r.slurmState) ? ` (${r.reason})` : ""}`
      : "-",
    formatAge(r.ageSeconds),
    r.sync ?? "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const fmt = (row: string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...body.map(fmt)].join("\n") + "\n";
}
