/** Summary runs for the rendering tests (summary-render, summary-mermaid): n runs over 5 iterations, half in a sweep. */
import type { SummaryRun } from "../../src/report/summary.js";

/** Debian's chromium, driven through playwright-core (.ci/run installs it). */
export const CHROMIUM = "/usr/bin/chromium";

export function runs(n: number): SummaryRun[] {
  const out: SummaryRun[] = [];
  for (let i = 0; i < n; i++) {
    const it = `lr_sweep_${i % 5}`;
    const base = Date.UTC(2026, 11, 1, 0, 0, 0) + i * 600_000;
    const kind = i % 50 === 7 ? "failed" : i % 40 === 3 ? "running" : i % 45 === 5 ? "queued" : "done";
    const id = `202612${String(1 + Math.floor(i / 144)).padStart(2, "0")}T${String(Math.floor((i % 144) / 6)).padStart(2, "0")}${String((i % 6) * 10).padStart(2, "0")}00Z_${i.toString(16).padStart(6, "0")}`;
    const dir = `experiments/in_progress/${it}/runs/${id}`;
    out.push({
      runId: id,
      jobId: String(5000 + i),
      iterationId: it,
      sweepId: i % 10 < 5 ? "lr" : undefined,
      state:
        kind === "failed"
          ? "failed (TIMEOUT)"
          : kind === "running"
            ? "running (RUNNING)"
            : kind === "queued"
              ? "submitted (PENDING)"
              : "completed",
      startedAt: kind === "queued" ? undefined : new Date(base).toISOString(),
      completedAt: kind === "done" || kind === "failed" ? new Date(base + 3_600_000).toISOString() : undefined,
      sync: kind === "done" ? "ok" : kind === "failed" ? "failed" : "pending",
      primaryMetric: kind === "done" ? { name: "val_loss", value: 1 / (1 + (i % 37)) } : undefined,
      metricsStatus: kind === "done" ? "ok" : undefined,
      reason: kind === "failed" ? "timeout, exit 0:15" : kind === "queued" ? "Priority" : undefined,
      manifestPath: `${dir}/run_manifest.json`,
      logPath: `${dir}/logs/slurm-${5000 + i}.out`,
    });
  }
  return out;
}
