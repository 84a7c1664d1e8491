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
import { METRICS_FILE, runLayout, SWEEP_RECORD_FILE } from "../domain/layout.js";
import {
  baseRunMetricsDoc,
  designMetrics,
  groupMetricsDoc,
  groupResult,
  groupResultOfDoc,
  impliedBaseline,
  taskPosition,
  taskValue,
  type GroupResult,
  type TaskMetrics,
} from "../domain/sweep-result.js";
import { sweepSection } from "../report/sweep.js";
import { lstat } from "node:fs/promises";
import { stampKey } from "../domain/run-index.js";
import { readOwned } from "../util/fs.js";

/** The part of the sweep record the group result reads. */
export interface RecordView {
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
  /** The group metrics document (`metricsText` parsed): what the action's `sweep-result` output carries. */
  document: Record<string, unknown>;
  /** A sweep's aggregated metrics at its base run id in the Python tool's form (`runs/<sweep_id>/metrics.json`). */
  baseMetrics?: { path: string; text: string };
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
  const labels = [...record.points].sort((a, b) => a.index - b.index).map((p) => p.label);
  const { metrics, result } = await resultOf(i, record.run_group, record.replicates, labels);
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
  const compat = baseRunMetricsDoc({
    baseRunId: i.sweepId,
    iterationId: record.iteration_id,
    result,
    runs: record.run_group.map((runId, k) => ({ runId, metrics: metrics[k] })),
  });
  return {
    sweepId: i.sweepId,
    iterationId: record.iteration_id,
    result,
    metricsPath: `${groupRel}/${SWEEP_METRICS_FILE}`,
    metricsText: JSON.stringify(doc, null, 2) + "\n",
    document: doc,
    baseMetrics: { path: `${groupRel}/${METRICS_FILE}`, text: JSON.stringify(compat, null, 2) + "\n" },
    summaryPath: `${i.iterationPath}/analysis/summary.md`,
    section: sectionOf(i.sweepId, result, extracted, record.run_group.length, SWEEP_METRICS_FILE),
    extracted,
    total: record.run_group.length,
  };
}

/** The group's section of summary.md, between the markers of its id (so it sorts just before its tasks). */
function sectionOf(id: string, result: GroupResult, extracted: number, total: number, file: string): string {
  const progress = `${extracted} of ${total} task(s) extracted; group metrics: [${file}](../runs/${id}/${file})`;
  return [
    `<!-- autolab:run ${id} begin -->`,
    sweepSection(id, result, 2).trimEnd(),
    "",
    progress,
    `<!-- autolab:run ${id} end -->`,
  ].join("\n");
}

/** The tasks' metrics (this tick's fresh ones win) and the group result they give, with the design's metrics block. */
async function resultOf(
  i: { root: string; iterationDir: string; iterationPath: string; fresh: ReadonlyMap<string, TaskMetrics> },
  runGroup: readonly string[],
  replicates: number,
  labels: string[],
): Promise<{ metrics: Array<TaskMetrics | undefined>; result: GroupResult }> {
  const metrics: Array<TaskMetrics | undefined> = [];
  for (const runId of runGroup) {
    const file = runLayout(i.iterationPath, runId).metrics;
    metrics.push(i.fresh.get(runId) ?? (await readJson<TaskMetrics>(i.root, path.join(i.root, file))));
  }
  let design: ReturnType<typeof designMetrics> = {};
  try {
    const d = (await loadDesign(path.join(i.iterationDir, "design.yaml"), `${i.iterationPath}/design.yaml`)).data;
    design = designMetrics(d.metrics);
  } catch {
    // The design is gone or broken: the defaults (mean, maximize) still give a result.
  }
  const named = metrics.map((m) => m?.primary_metric?.name).find((n): n is string => typeof n === "string" && !!n);
  const result = groupResult({
    metric: named ?? design.primary ?? "primary_metric",
    aggregation: design.aggregation,
    goal: design.goal,
    baseline: impliedBaseline(metrics),
    labels,
    tasks: runGroup.map((runId, k) => ({
      ...taskPosition(k, replicates),
      runId,
      status: metrics[k]?.status ?? "not extracted",
      value: taskValue(metrics[k]),
    })),
  });
  return { metrics, result };
}

/**
 * The group result of a Python-tool multi-run group (domain/run-group.ts):
 * base run `baseId`, its replicates in order. One point (all replicates of
 * one configuration); the aggregated metrics go to the base run's own
 * `metrics.json`, in the Python tool's form (domain/sweep-result.baseRunMetricsDoc).
 */
export async function replicateGroup(i: {
  root: string;
  iterationDir: string;
  iterationPath: string;
  iterationId: string;
  baseId: string;
  replicates: readonly string[];
  fresh: ReadonlyMap<string, TaskMetrics>;
}): Promise<SweepGroup> {
  const n = i.replicates.length;
  const { metrics, result } = await resultOf(i, i.replicates, n, [`${n} replicate(s)`]);
  const extracted = metrics.filter(Boolean).length;
  const doc = baseRunMetricsDoc({
    baseRunId: i.baseId,
    iterationId: i.iterationId,
    result,
    runs: i.replicates.map((runId, k) => ({ runId, metrics: metrics[k] })),
  });
  return {
    sweepId: i.baseId,
    iterationId: i.iterationId,
    result,
    metricsPath: runLayout(i.iterationPath, i.baseId).metrics,
    metricsText: JSON.stringify(doc, null, 2) + "\n",
    document: doc,
    summaryPath: `${i.iterationPath}/analysis/summary.md`,
    section: sectionOf(i.baseId, result, extracted, n, METRICS_FILE),
    extracted,
    total: n,
  };
}

/** A sweep as it landed: its record, and the group result its `sweep_metrics.json` holds (if any). */
export interface SweepFacts {
  record: RecordView;
  /** Repository-relative path of the sweep record. */
  recordPath: string;
  result?: GroupResult;
  extracted?: number;
  /** The stamp of the two files (an unchanged sweep is not read again). */
  stamp: string;
}

/** The stamp of sweep `sweepId`'s record and group metrics file (or their absence). */
export async function sweepStamp(root: string, iterationPath: string, sweepId: string): Promise<string> {
  const dir = path.join(root, runLayout(iterationPath, sweepId).runDir);
  const one = async (f: string) => {
    try {
      return stampKey(await lstat(path.join(dir, f)));
    } catch {
      return "-";
    }
  };
  return `${await one(SWEEP_RECORD_FILE)}/${await one(SWEEP_METRICS_FILE)}`;
}

/** Sweep `sweepId` of the iteration as its files say, or undefined without a readable sweep record. */
export async function readSweepFacts(
  root: string,
  iterationPath: string,
  sweepId: string,
): Promise<SweepFacts | undefined> {
  const groupRel = runLayout(iterationPath, sweepId).runDir;
  const stamp = await sweepStamp(root, iterationPath, sweepId);
  const record = await readJson<unknown>(root, path.join(root, groupRel, SWEEP_RECORD_FILE));
  if (!isRecord(record) || record.sweep_id !== sweepId) return undefined;
  const doc = await readJson<Record<string, unknown>>(root, path.join(root, groupRel, SWEEP_METRICS_FILE));
  const result = groupResultOfDoc(doc);
  const tasks = (doc?.tasks ?? {}) as { extracted?: unknown };
  return {
    record,
    recordPath: `${groupRel}/${SWEEP_RECORD_FILE}`,
    stamp,
    ...(result ? { result, extracted: Number.isInteger(tasks.extracted) ? (tasks.extracted as number) : 0 } : {}),
  };
}
