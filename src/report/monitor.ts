/**
 * What a monitor tick reports: the CLI's lines, and the action's outputs, job
 * summary and verdict (warning on an outage, failure once it escalated, or
 * when the tick's commits could not be pushed). Pure.
 */
import type { MonitorProgress, MonitorReport, RunReport } from "../commands/monitor/index.js";
import { committedText, type ActionOutputs } from "./common.js";
import type { SummaryInput, SummaryRun } from "./summary.js";
import { isoUtc } from "./run-check.js";
import { efficiencyHints, efficiencyLine } from "./job-usage.js";

/** The runs the tick moved. */
export function changedRuns(rep: Pick<MonitorReport, "runs">): RunReport[] {
  return rep.runs.filter((r) => r.transitions.length);
}

/** The log tails of the runs the tick saw fail (for their check runs: they are not in the files). */
export function logTailsOf(rep: Pick<MonitorReport, "runs">): Map<string, string> {
  return new Map(rep.runs.filter((r) => r.logTail).map((r) => [r.runId, r.logTail as string]));
}

/** `scheduler: 2 call(s), 35 ms[, accounting down]`, or that it was not asked / did not answer. */
export function schedulerLine(s: MonitorReport["scheduler"]): string {
  if (!s.calls) return "scheduler: not asked (no job in flight)";
  const accounting = s.accounting && s.accounting !== "ok" ? `, accounting ${s.accounting}` : "";
  return `scheduler: ${s.calls} call(s), ${s.totalMs} ms${s.ok ? accounting : " (NO ANSWER)"}`;
}

/** One run's line: id, job, status, moves, the scheduler's state and pending reason, failure and metrics. */
export function runLine(r: RunReport): string {
  const moves = r.transitions.map((t) => `${t.from} -> ${t.to}`).join(", ");
  return (
    `${r.runId}  job=${r.jobId ?? "-"}${r.cluster ? `  cluster=${r.cluster}` : ""}  ${r.after}${moves ? `  [${moves}]` : ""}` +
    `${r.slurmState ? `  slurm=${r.slurmState}` : ""}${r.reason && r.after !== "failed" && r.reason !== "None" ? ` (${r.reason})` : ""}` +
    `${r.failureReason ? `  reason=${r.failureReason}` : ""}${r.metricsStatus ? `  metrics=${r.metricsStatus}` : ""}`
  );
}

/** `autolab monitor` on the terminal (findings go to stderr, by the face). */
/** The CLI's stderr line for a phase of a tick as it starts. */
export function progressLine(e: MonitorProgress): string {
  switch (e.phase) {
    case "discovering":
      return "monitor: looking for runs under experiments/\n";
    case "asking":
      return `monitor: asking the scheduler about ${e.jobs} job(s) in flight (${e.tracked} run(s) tracked)\n`;
    case "run":
      return `monitor: ${e.runId}${e.jobId ? ` (job ${e.jobId})` : ""}: ${e.before} -> ${e.after}\n`;
    case "committing":
      return `monitor: recording ${e.files} file edit(s)\n`;
  }
}

export function monitorText(rep: MonitorReport): string {
  const lines = [
    `${rep.dryRun ? "[dry run] " : ""}${rep.tracked} run(s), ${rep.inFlight} in flight; ${schedulerLine(rep.scheduler)}`,
  ];
  for (const r of rep.runs) lines.push(runLine(r));
  if (rep.outage)
    lines.push(
      `scheduler outage: ${rep.outage.consecutiveFailedTicks} consecutive failed tick(s)${rep.outage.escalated ? " (escalated)" : ""}`,
    );
  const c = committedText(rep.commit);
  if (c) lines.push(c);
  else if (!rep.dryRun && rep.written.length) lines.push(`wrote ${rep.written.length} file(s) (not committed)`);
  const p = pushText(rep.commit);
  if (p) lines.push(p);
  return lines.map((l) => l + "\n").join("");
}

/** The push beyond `committed ...`: a backlog pushed, or commits still not on the remote. */
export function pushText(c: MonitorReport["commit"]): string | undefined {
  const n = (k: number) => `${k} commit${k === 1 ? "" : "s"}`;
  if (c?.unpushed) {
    const u = c.unpushed;
    return `NOT PUSHED: ${u.branch} is ${n(u.ahead)} ahead of ${u.remote}/${u.branch} (${u.reason})`;
  }
  if (c?.pushed && c.pushedBacklog) {
    return `pushed ${n(c.pushedBacklog)} to ${c.branch} that an earlier push had not delivered`;
  }
  return undefined;
}

export function monitorOutputs(rep: MonitorReport): ActionOutputs {
  const changed = changedRuns(rep).map((r) => ({
    run_id: r.runId,
    from: r.before,
    to: r.after,
    job_id: r.jobId ?? null,
  }));
  return [
    ["changed-runs", JSON.stringify(changed)],
    ["tracked", String(rep.tracked)],
    ["in-flight", String(rep.inFlight)],
    ["status", rep.outage ? "outage" : "ok"],
    ["failed-runs", JSON.stringify(failedThisTick(rep.runs).map((r) => r.runId))],
    ...sweepOutputs(rep.sweeps),
  ];
}

/**
 * `sweep-id`, `sweep-result` (the group metrics document, as written to
 * `sweep_metrics.json`) and `best-point` (`{index, label, params, value}`)
 * of the sweep whose group result this tick recomputed (the first by sweep
 * id when several were); empty when none was.
 */
export function sweepOutputs(sweeps: MonitorReport["sweeps"]): ActionOutputs {
  const g = [...(sweeps ?? [])].sort((a, b) => a.sweepId.localeCompare(b.sweepId))[0];
  if (!g)
    return [
      ["sweep-id", ""],
      ["sweep-result", ""],
      ["best-point", ""],
    ];
  const best = g.result.best === undefined ? undefined : g.result.points[g.result.best];
  const points = (g.document.points ?? []) as Array<{ index?: number; params?: unknown }>;
  return [
    ["sweep-id", g.sweepId],
    ["sweep-result", JSON.stringify(g.document)],
    [
      "best-point",
      best
        ? JSON.stringify({
            index: best.point,
            label: best.label,
            params: points.find((p) => p.index === best.point)?.params ?? {},
            value: best.center,
          })
        : "",
    ],
  ];
}

/** A run's repository-relative log: SLURM's stdout (stderr is beside it), or a local run's. */
export function logPathOf(manifestPath: string, hostMode: string, jobId: string | undefined): string | undefined {
  const dir = manifestPath.replace(/\/[^/]*$/, "");
  if (hostMode === "local") return `${dir}/logs/run_local.out`;
  return jobId ? `${dir}/logs/slurm-${jobId}.out` : undefined;
}

function summaryRun(r: RunReport): SummaryRun {
  const local = r.hostMode === "local";
  const failed = r.after === "failed";
  return {
    runId: r.runId,
    iterationId: r.iterationId,
    sweepId: r.sweepId,
    jobId: r.jobId,
    cluster: r.cluster,
    state: r.slurmState ? `${r.after} (${r.slurmState})` : r.after,
    // SLURM's own times (a local run's are its start and end): never the tick that noticed.
    submittedAt: local ? undefined : isoUtc(r.slurmSubmit),
    expectedStart: isoUtc(r.expectedStart),
    startedAt: isoUtc(local ? r.startedAt : r.slurmStart),
    completedAt: isoUtc(local ? r.completedAt : r.slurmEnd),
    sync: r.syncStatus,
    primaryMetric: r.primaryMetric,
    metricsStatus: r.metricsStatus,
    reason: failed ? [r.failureReason, r.exitCode ? `exit ${r.exitCode}` : ""].filter(Boolean).join(", ") : r.reason,
    efficiency: efficiencyLine(r.efficiency),
    hints: efficiencyHints(r.efficiency).length ? efficiencyHints(r.efficiency) : undefined,
    manifestPath: r.manifestPath,
    logPath: logPathOf(r.manifestPath, r.hostMode, r.jobId),
  };
}

/** The job summary of a tick; `notes` are the publishing notes (findings fallback, check runs not written). */
export function monitorSummary(rep: MonitorReport, notes: string[]): SummaryInput {
  const c = committedText(rep.commit);
  return {
    title: "autolab monitor",
    command: "monitor",
    runs: rep.runs.map(summaryRun),
    findings: rep.findings,
    ...(rep.sweeps?.length ? { groups: new Map(rep.sweeps.map((g) => [g.sweepId, g.result])) } : {}),
    scheduler: { calls: rep.scheduler.calls, totalMs: rep.scheduler.totalMs, detail: rep.scheduler.detail },
    notes: [
      `${rep.tracked} run(s) tracked, ${rep.inFlight} in flight, ${changedRuns(rep).length} changed.`,
      c ? `${c[0].toUpperCase()}${c.slice(1)}.` : "",
      ...notes,
    ].filter(Boolean),
  };
}

/**
 * The step fails once an outage escalated (before that it is a warning), and
 * when the tick's commits could not be pushed (the branch is left ahead of the
 * remote; the next tick pushes them again).
 */
export function monitorVerdict(
  rep: Pick<MonitorReport, "outage" | "commit"> & Partial<Pick<MonitorReport, "runs" | "notify">>,
): { failed?: string; warning?: string } {
  const o = rep.outage;
  if (o?.escalated)
    return { failed: `the scheduler has not answered for ${o.consecutiveFailedTicks} ticks: ${o.error}` };
  if (rep.commit?.unpushed) return { failed: `the tick's commits were not pushed: ${pushText(rep.commit)}` };
  const failed = failedThisTick(rep.runs ?? []);
  if (failed.length && (rep.notify?.failJob ?? true)) return { failed: runsFailedText(failed) };
  if (!o) return {};
  return {
    warning: `scheduler outage (${o.consecutiveFailedTicks} tick(s)): ${o.error}; ${o.clusters?.length ? `no run on ${o.clusters.join(", ")} was changed` : "no run was changed"}`,
  };
}

/** The runs this tick moved to failed. */
export function failedThisTick(runs: readonly RunReport[]): RunReport[] {
  return runs.filter((r) => r.before !== "failed" && r.after === "failed");
}

/** `2 run(s) failed: R1 (timeout), R2 (exit_code)`: the job's failure when runs failed. */
export function runsFailedText(runs: readonly Pick<RunReport, "runId" | "failureReason">[]): string {
  const named = runs.map((r) => `${r.runId}${r.failureReason ? ` (${r.failureReason})` : ""}`);
  return `${runs.length} run(s) failed: ${named.join(", ")} (policy slurm.monitor.notify.fail_job: false keeps the job green)`;
}

/** `autolab: monitor tick: 2 run(s) advanced` plus one body line per moved run. */
export function commitMessage(reports: RunReport[], outage: MonitorReport["outage"]): string {
  const moved = reports.filter((r) => r.transitions.length);
  const subject = outage?.clusters?.length
    ? `autolab: monitor tick: ${moved.length} run(s) advanced; outage of ${outage.clusters.join(", ")} recorded (${outage.consecutiveFailedTicks} failed tick(s))`
    : outage
      ? `autolab: monitor tick: scheduler outage recorded (${outage.consecutiveFailedTicks} failed tick(s))`
      : `autolab: monitor tick: ${moved.length} run(s) advanced`;
  const body = moved.map(
    (r) =>
      `- ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> ${r.after}${r.failureReason ? ` (${r.failureReason})` : ""}`,
  );
  return body.length ? `${subject}\n\n${body.join("\n")}` : subject;
}
