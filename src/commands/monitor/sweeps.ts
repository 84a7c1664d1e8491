/**
 * The tick's sweep group results: every sweep with a task extracted this
 * tick gets its group result recomputed from all its tasks' metrics
 * (steps/sweep-group.ts): the group metrics file and the sweep's section of
 * the iteration's summary.md go into the tick's one change set. A sweep
 * without a newly extracted task costs nothing.
 *
 * A multi-run group of the Python tool (domain/run-group.ts) is followed the
 * same way: a replicate extracted this tick recomputes the aggregated
 * metrics at the base run (`runs/<base>/metrics.json`, its form), and once
 * every replicate is final the base run's manifest takes the group's status
 * (`pythonGroupResults`), as that tool's monitor does.
 */
import type { TaskMetrics } from "../../domain/sweep-result.js";
import type { RunManifest } from "../../contract/types.js";
import { groupKey, groupStatus, type RunGroups } from "../../domain/run-group.js";
import { statusOf, transition } from "../../domain/run.js";
import { isRunStatus, type RunStatus } from "../../contract/vocabulary.js";
import { replicateGroup } from "../../steps/sweep-group.js";
import { METRICS_FILE, runLayout } from "../../domain/layout.js";
import type { LoadedRun } from "../../store/runs.js";
import { sweepGroup, type SweepGroup } from "../../steps/sweep-group.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import type { RunResult } from "./advance.js";
import type { SweepReport } from "./types.js";

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

/** A base run whose manifest this tick moves to its group's status. */
export interface BaseChange {
  run: LoadedRun;
  next: RunManifest;
}

/** The Python-tool groups a replicate of which was extracted (or ended) this tick. */
export async function pythonGroupResults(i: {
  root: string;
  groups: RunGroups;
  runs: readonly LoadedRun[];
  results: readonly RunResult[];
  /** Every loaded run (the bases among them). */
  all: readonly LoadedRun[];
  /** Every known run's status after this tick. */
  statuses: ReadonlyMap<string, string>;
  at: string;
  findings: Finding[];
}): Promise<{ groups: SweepGroup[]; bases: BaseChange[] }> {
  const touched = new Map<string, { l: LoadedRun; baseId: string; fresh: Map<string, TaskMetrics> }>();
  i.results.forEach((r, k) => {
    const l = i.runs[k];
    const baseId = i.groups.baseOf.get(groupKey(l.run.iterationPath, l.run.runId));
    if (!baseId || (!r.metrics && !r.changed)) return;
    const key = groupKey(l.run.iterationPath, baseId);
    const t = touched.get(key) ?? { l, baseId, fresh: new Map<string, TaskMetrics>() };
    const m = parsed(r.files.get(`${l.run.runPath}/${METRICS_FILE}`));
    if (m) t.fresh.set(r.report.runId, m);
    touched.set(key, t);
  });
  const groups: SweepGroup[] = [];
  const bases: BaseChange[] = [];
  for (const [key, { l, baseId, fresh }] of touched) {
    const replicates = i.groups.bases.get(key) ?? [];
    try {
      if (fresh.size)
        groups.push(
          await replicateGroup({
            root: i.root,
            iterationDir: l.run.iterationDir,
            iterationPath: l.run.iterationPath,
            iterationId: l.run.iterationId,
            baseId,
            replicates,
            fresh,
          }),
        );
    } catch (e) {
      i.findings.push(findingFromError(e, "monitor.sweep_group", l.run.manifestDisplay));
    }
    const base = i.all.find((b) => b.run.iterationPath === l.run.iterationPath && b.run.runId === baseId);
    const sts = replicates.map((id) => i.statuses.get(id)).filter((s): s is RunStatus => isRunStatus(s));
    const to = sts.length === replicates.length ? groupStatus(sts) : undefined;
    if (!base || !to || statusOf(base.manifest) === to) continue;
    const failedReps = replicates.filter((id) => i.statuses.get(id) === "failed");
    const evidence = `its replicates are final: ${replicates.length - failedReps.length} of ${replicates.length} without failure`;
    const next = transition(
      base.manifest,
      to,
      i.at,
      evidence,
      to === "failed"
        ? { reason: "replicates_failed", message: `replicate(s) failed: ${failedReps.join(", ")}` }
        : undefined,
    );
    // The group's outputs are its replicates': each synced before it completed (as that tool aggregates the sync status).
    if (next && to !== "failed") next.artifact_sync_to_local = { ...(next.artifact_sync_to_local ?? {}), status: "ok" };
    if (next) bases.push({ run: base, next });
  }
  return { groups, bases };
}

/** The tick report's view of the group results it recomputed. */
export function sweepReports(groups: readonly SweepGroup[]): SweepReport[] {
  return groups.map((g) => ({
    sweepId: g.sweepId,
    iterationId: g.iterationId,
    metricsPath: g.metricsPath,
    extracted: g.extracted,
    total: g.total,
    result: g.result,
    document: g.document,
  }));
}
