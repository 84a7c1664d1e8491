/**
 * A sweep's group result from its tasks' metrics: reads the sweep record
 * (`runs/<sweep_id>/sweep_manifest.json`), each task's `metrics.json` (this
 * tick's fresh ones given by the caller win) and the design's `metrics:`
 * block, and returns the group metrics file's content
 * (`runs/<sweep_id>/sweep_metrics.json`, domain/sweep-result.ts) and the
 * sweep's section of the iteration's analysis/summary.md (between
 * `<!-- autolab:run <sweep_id> … -->` markers, so it sorts just before its
 * tasks' sections). Writes nothing: the monitor puts both in its change set.
 */
import path from "node:path";
import { loadDesign } from "../contract/design.js";
import { runLayout, SWEEP_RECORD_FILE } from "../domain/layout.js";
import {
  groupMetricsDoc,
  groupResult,
  impliedBaseline,
  taskPosition,
  taskValue,
  type GroupResult,
  type TaskMetrics,
} from "../domain/sweep-result.js";
import { sweepSection } from "../report/sweep.js";
import { readOwned } from "../util/fs.js";

/** The part of the sweep record the group result reads. */
interface RecordView {
  sweep_id: string;
  iteration_id: string;
  replicates: number;
  points: Array<{ index: number; label: string; params: Record<string, unknown> }>;
  run_group: string[];
}

export const SWEEP_METRICS_FILE = "sweep_metrics.json";
const MAX_JSON = 1024 * 1024;

export interface SweepGroup {
  sweepId: string;
  iterationId: string;
  result: GroupResult;
  /** Repository-relative path and content of the group metrics file. */
  metricsPath: string;
  metricsText: string;
  /** Repository-relative path of the iteration's summary.md, and the sweep's section (markers included). */
  summaryPath: string;
  section: string;
  /** Tasks with metrics, of all tasks. */
  extracted: number;
  total: number;
}

async function readJson<T>(root: string, abs: string): Promise<T | undefined> {
  const r = await readOwned(root, abs, MAX_JSON);
  if (r.skipped || !r.data || r.tooLarge !== undefined) return undefined;
  try {
    return JSON.parse(r.data.toString("utf8")) as T;
  } catch {
    return undefined;
  }
}

/** A run id that is one path component (the record is repository content: no `..`, no `/`). */
const TOKEN = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;

function isRecord(v: unknown): v is RecordView {
  const r = v as RecordView | undefined;
  return (
    !!r &&
    typeof r.sweep_id === "string" &&
    TOKEN.test(r.sweep_id) &&
    Array.isArray(r.points) &&
    r.points.every((p) => p && Number.isInteger(p.index) && typeof p.label === "string") &&
    Array.isArray(r.run_group) &&
    r.run_group.every((id) => typeof id === "string" && TOKEN.test(id)) &&
    Number.isInteger(r.replicates) &&
    r.replicates >= 1
  );
}

/**
 * The group result of sweep `sweepId` in the iteration, or undefined when it
 * has no readable sweep record. `fresh`: run id -> metrics extracted this tick.
 */
export async function sweepGroup(i: {
  root: string;
  iterationDir: string;
  iterationPath: string;
  sweepId: string;
  fresh: ReadonlyMap<string, TaskMetrics>;
}): Promise<SweepGroup | undefined> {
  const groupRel = runLayout(i.iterationPath, i.sweepId).runDir;
  const record = await readJson<unknown>(i.root, path.join(i.root, groupRel, SWEEP_RECORD_FILE));
  if (!isRecord(record) || record.sweep_id !== i.sweepId) return undefined;
  const metrics: Array<TaskMetrics | undefined> = [];
  for (const runId of record.run_group) {
    const file = runLayout(i.iterationPath, runId).metrics;
    metrics.push(i.fresh.get(runId) ?? (await readJson<TaskMetrics>(i.root, path.join(i.root, file))));
  }
  let design: { metrics?: { aggregation?: "mean" | "median"; goal?: "maximize" | "minimize"; primary?: string } } = {};
  try {
    design = (await loadDesign(path.join(i.iterationDir, "design.yaml"), `${i.iterationPath}/design.yaml`)).data;
  } catch {
    // The design is gone or broken: the defaults (mean, maximize) still give a result.
  }
  const named = metrics.map((m) => m?.primary_metric?.name).find((n): n is string => typeof n === "string" && !!n);
  const result = groupResult({
    metric: named ?? design.metrics?.primary ?? "primary_metric",
    aggregation: design.metrics?.aggregation,
    goal: design.metrics?.goal,
    baseline: impliedBaseline(metrics),
    labels: [...record.points].sort((a, b) => a.index - b.index).map((p) => p.label),
    tasks: record.run_group.map((runId, k) => ({
      ...taskPosition(k, record.replicates),
      runId,
      status: metrics[k]?.status ?? "not extracted",
      value: taskValue(metrics[k]),
    })),
  });
  const extracted = metrics.filter(Boolean).length;
  const doc = groupMetricsDoc({
    sweepId: i.sweepId,
    iterationId: record.iteration_id,
    replicates: record.replicates,
    runGroup: record.run_group,
    params: [...record.points].sort((a, b) => a.index - b.index).map((p) => p.params ?? {}),
    result,
    extracted,
  });
  const progress = `${extracted} of ${record.run_group.length} task(s) extracted; group metrics: [${SWEEP_METRICS_FILE}](../runs/${i.sweepId}/${SWEEP_METRICS_FILE})`;
  const section = [
    `<!-- autolab:run ${i.sweepId} begin -->`,
    sweepSection(i.sweepId, result, 2).trimEnd(),
    "",
    progress,
    `<!-- autolab:run ${i.sweepId} end -->`,
  ].join("\n");
  return {
    sweepId: i.sweepId,
    iterationId: record.iteration_id,
    result,
    metricsPath: `${groupRel}/${SWEEP_METRICS_FILE}`,
    metricsText: JSON.stringify(doc, null, 2) + "\n",
    summaryPath: `${i.iterationPath}/analysis/summary.md`,
    section,
    extracted,
    total: record.run_group.length,
  };
}
