/**
 * The tick's sweep group results: every sweep with a task extracted this
 * tick gets its group result recomputed from all its tasks' metrics
 * (steps/sweep-group.ts): the group metrics file and the sweep's section of
 * the iteration's summary.md go into the tick's one change set. A sweep
 * without a newly extracted task costs nothing.
 */
import type { TaskMetrics } from "../../domain/sweep-result.js";
import { METRICS_FILE, runLayout } from "../../domain/layout.js";
import type { LoadedRun } from "../../store/runs.js";
import { sweepGroup, type SweepGroup } from "../../steps/sweep-group.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import type { RunResult } from "./advance.js";

function parsed(content: Buffer | string | undefined): TaskMetrics | undefined {
  if (content === undefined) return undefined;
  try {
    return JSON.parse(typeof content === "string" ? content : content.toString("utf8")) as TaskMetrics;
  } catch {
    return undefined;
  }
}

export async function tickSweepGroups(
  root: string,
  runs: readonly LoadedRun[],
  results: readonly RunResult[],
  findings: Finding[],
): Promise<SweepGroup[]> {
  const touched = new Map<string, { l: LoadedRun; sweepId: string; fresh: Map<string, TaskMetrics> }>();
  results.forEach((r, k) => {
    const l = runs[k];
    const sweepId = r.report.sweepId;
    if (!sweepId || !r.metrics) return;
    const key = `${l.run.iterationPath}\0${sweepId}`;
    const t = touched.get(key) ?? { l, sweepId, fresh: new Map<string, TaskMetrics>() };
    const m = parsed(r.files.get(`${l.run.runPath}/${METRICS_FILE}`));
    if (m) t.fresh.set(r.report.runId, m);
    touched.set(key, t);
  });
  const out: SweepGroup[] = [];
  for (const { l, sweepId, fresh } of touched.values()) {
    try {
      const g = await sweepGroup({
        root,
        iterationDir: l.run.iterationDir,
        iterationPath: l.run.iterationPath,
        sweepId,
        fresh,
      });
      if (g) out.push(g);
      else
        findings.push({
          severity: "warning",
          check: "monitor.sweep_record",
          file: `${runLayout(l.run.iterationPath, sweepId).runDir}/sweep_manifest.json`,
          message: `sweep ${sweepId} has no readable sweep record: its group result is not written`,
        });
    } catch (e) {
      findings.push(findingFromError(e, "monitor.sweep_group", l.run.manifestDisplay));
    }
  }
  return out;
}
