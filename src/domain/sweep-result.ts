/**
 * A sweep's group result (pure): the primary metric per point, aggregated
 * over its replicates as the design's `metrics.aggregation` says (mean with
 * the sample standard deviation, or median), compared with the baseline,
 * and the best point named (`metrics.goal`: maximize, the default, or
 * minimize). Tasks without a value (failed, not extracted) are counted, not
 * averaged.
 */

export interface TaskValue {
  point: number;
  replicate: number;
  runId: string;
  status: string;
  value: number | null;
}

export interface PointResult {
  point: number;
  label: string;
  n: number;
  /** Tasks of the point without a value (failed or not extracted yet). */
  missing: number;
  /** Mean or median; null without any value. */
  center: number | null;
  /** Sample standard deviation (mean aggregation, n >= 2). */
  sd: number | null;
  deltaVsBaseline: number | null;
}

export interface GroupResult {
  metric: string;
  aggregation: "mean" | "median";
  goal: "maximize" | "minimize";
  baseline: number | null;
  points: PointResult[];
  /** Index of the best point (by its center), undefined without values. */
  best?: number;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function sampleSd(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export function groupResult(i: {
  metric: string;
  aggregation?: "mean" | "median";
  goal?: "maximize" | "minimize";
  baseline?: number | null;
  labels: string[];
  tasks: TaskValue[];
}): GroupResult {
  const aggregation = i.aggregation ?? "mean";
  const goal = i.goal ?? "maximize";
  const baseline = typeof i.baseline === "number" && Number.isFinite(i.baseline) ? i.baseline : null;
  const points: PointResult[] = i.labels.map((label, point) => {
    const mine = i.tasks.filter((t) => t.point === point);
    const xs = mine.map((t) => t.value).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    const center = xs.length ? (aggregation === "median" ? median(xs) : mean(xs)) : null;
    return {
      point,
      label,
      n: xs.length,
      missing: mine.length - xs.length,
      center,
      sd: aggregation === "mean" ? sampleSd(xs) : null,
      deltaVsBaseline: center !== null && baseline !== null ? center - baseline : null,
    };
  });
  let best: number | undefined;
  for (const p of points) {
    if (p.center === null) continue;
    const b = best === undefined ? undefined : points[best].center!;
    if (b === undefined || (goal === "maximize" ? p.center > b : p.center < b)) best = p.point;
  }
  return { metric: i.metric, aggregation, goal, baseline, points, ...(best !== undefined ? { best } : {}) };
}

/** Point and replicate of task `index` of a sweep (the sweep record's `run_group` is in task order: point-major). */
export function taskPosition(index: number, replicates: number): { point: number; replicate: number } {
  const n = Math.max(1, Math.floor(replicates));
  return { point: Math.floor(index / n), replicate: index % n };
}

/** A task's metrics as the group reads them: a failed run's number is not averaged. */
export interface TaskMetrics {
  status?: string;
  primary_metric?: { name?: unknown; value?: unknown; delta_vs_baseline?: unknown };
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The value a task contributes (null: failed, no number, or not extracted). */
export function taskValue(m: TaskMetrics | undefined): number | null {
  if (!m || m.status === "failed") return null;
  return finite(m.primary_metric?.value) ? m.primary_metric.value : null;
}

/** The baseline the tasks' metrics imply (value - delta_vs_baseline of the first task with both). */
export function impliedBaseline(ms: ReadonlyArray<TaskMetrics | undefined>): number | null {
  for (const m of ms) {
    const pm = m?.primary_metric;
    if (pm && finite(pm.value) && finite(pm.delta_vs_baseline)) return pm.value - pm.delta_vs_baseline;
  }
  return null;
}

/**
 * The group metrics file (`runs/<sweep_id>/sweep_metrics.json`): a metrics
 * document at the sweep's base run id, as the Python tool's multi-run layout
 * keeps aggregated metrics at the base run (`primary_metric` is the best
 * point's aggregate), plus every point's aggregate and the task runs.
 * Deterministic: the same results give the same bytes (an idle tick writes nothing).
 */
export function groupMetricsDoc(i: {
  sweepId: string;
  iterationId: string;
  replicates: number;
  runGroup: readonly string[];
  params: ReadonlyArray<Record<string, unknown>>;
  result: GroupResult;
  /** Tasks with metrics (extracted), of all tasks. */
  extracted: number;
}): Record<string, unknown> {
  const g = i.result;
  const best = g.best === undefined ? undefined : g.points[g.best];
  const withValue = g.points.reduce((a, p) => a + p.n, 0);
  const status = withValue === 0 ? "failed" : withValue === i.runGroup.length ? "completed" : "partial";
  return {
    schema_version: "1.0",
    iteration_id: i.iterationId,
    run_id: i.sweepId,
    status,
    primary_metric: {
      name: g.metric,
      value: best?.center ?? null,
      delta_vs_baseline: best?.deltaVsBaseline ?? null,
    },
    kind: "sweep_group",
    aggregation: g.aggregation,
    goal: g.goal,
    baseline: g.baseline,
    best_point: best ? { index: best.point, label: best.label } : null,
    replicates: i.replicates,
    tasks: { total: i.runGroup.length, extracted: i.extracted, with_value: withValue },
    points: g.points.map((p) => ({
      index: p.point,
      label: p.label,
      params: i.params[p.point] ?? {},
      [g.aggregation]: p.center,
      ...(g.aggregation === "mean" ? { sd: p.sd } : {}),
      n: p.n,
      missing: p.missing,
      delta_vs_baseline: p.deltaVsBaseline,
      runs: i.runGroup.filter((_, k) => taskPosition(k, i.replicates).point === p.point),
    })),
    run_group: [...i.runGroup],
  };
}

const num = (v: unknown): number | null => (finite(v) ? v : null);

/**
 * The group result a group metrics document (`groupMetricsDoc`, as written
 * to `sweep_metrics.json`) holds, or undefined when it is not one: what the
 * check run and the action's outputs read back from what landed, without
 * reading every task's metrics again.
 */
export function groupResultOfDoc(doc: unknown): GroupResult | undefined {
  const d = doc as Record<string, unknown> | null;
  if (!d || typeof d !== "object" || d.kind !== "sweep_group" || !Array.isArray(d.points)) return undefined;
  const aggregation = d.aggregation === "median" ? "median" : "mean";
  const goal = d.goal === "minimize" ? "minimize" : "maximize";
  const pm = d.primary_metric as { name?: unknown } | undefined;
  const points: PointResult[] = [];
  for (const raw of d.points as unknown[]) {
    const p = raw as Record<string, unknown> | null;
    if (!p || !Number.isInteger(p.index) || typeof p.label !== "string") return undefined;
    points.push({
      point: p.index as number,
      label: p.label,
      n: Number.isInteger(p.n) ? (p.n as number) : 0,
      missing: Number.isInteger(p.missing) ? (p.missing as number) : 0,
      center: num(p[aggregation]),
      sd: aggregation === "mean" ? num(p.sd) : null,
      deltaVsBaseline: num(p.delta_vs_baseline),
    });
  }
  points.sort((a, b) => a.point - b.point);
  const bestIndex = (d.best_point as { index?: unknown } | null)?.index;
  const best = points.findIndex((p) => p.point === bestIndex);
  return {
    metric: typeof pm?.name === "string" && pm.name ? pm.name : "primary_metric",
    aggregation,
    goal,
    baseline: num(d.baseline),
    points,
    ...(best >= 0 ? { best } : {}),
  };
}

/**
 * What a design's `metrics:` block says about results, in either form: ours
 * (`primary: <name>`, `goal`) or the Python tool's (`primary: {name, unit,
 * mode}`, mode read as the goal; `goal` wins when both are given).
 */
export function designMetrics(metrics: unknown): {
  primary?: string;
  goal?: "maximize" | "minimize";
  aggregation?: "mean" | "median";
} {
  const m = metrics as Record<string, unknown> | null | undefined;
  if (!m || typeof m !== "object" || Array.isArray(m)) return {};
  const p = m.primary as unknown;
  const po = p && typeof p === "object" && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  const name = typeof p === "string" ? p.trim() : typeof po?.name === "string" ? po.name.trim() : "";
  const goalOf = (v: unknown) => (v === "maximize" || v === "minimize" ? v : undefined);
  const goal = goalOf(m.goal) ?? goalOf(po?.mode);
  const aggregation = m.aggregation === "mean" || m.aggregation === "median" ? m.aggregation : undefined;
  return { ...(name ? { primary: name } : {}), ...(goal ? { goal } : {}), ...(aggregation ? { aggregation } : {}) };
}

/**
 * The aggregated metrics at a group's base run id, as the Python tool's
 * multi-run layout keeps them (`runs/<base>/metrics.json`): its metrics
 * schema's keys only (`aggregation_method`, `per_run_metrics` with every
 * task's `{run_id, primary_metric}`, null values for a task without a
 * number), `primary_metric` the best point's aggregate (for replicates of
 * one configuration: their mean or median). Deterministic.
 */
export function baseRunMetricsDoc(i: {
  baseRunId: string;
  iterationId: string;
  result: GroupResult;
  /** Every task of the group, in task order, with its metrics when extracted. */
  runs: ReadonlyArray<{ runId: string; metrics?: TaskMetrics }>;
}): Record<string, unknown> {
  const g = i.result;
  const best = g.best === undefined ? undefined : g.points[g.best];
  const withValue = i.runs.filter((r) => taskValue(r.metrics) !== null).length;
  return {
    schema_version: "1.0",
    iteration_id: i.iterationId,
    run_id: i.baseRunId,
    status: withValue === 0 ? "failed" : withValue === i.runs.length ? "completed" : "partial",
    primary_metric: {
      name: g.metric,
      value: best?.center ?? null,
      delta_vs_baseline: best?.deltaVsBaseline ?? null,
    },
    aggregation_method: g.aggregation,
    per_run_metrics: i.runs.map((r) => {
      const pm = r.metrics?.primary_metric;
      return {
        run_id: r.runId,
        primary_metric: {
          name: typeof pm?.name === "string" && pm.name ? pm.name : g.metric,
          value: taskValue(r.metrics),
          delta_vs_baseline:
            r.metrics?.status !== "failed" && finite(pm?.delta_vs_baseline) ? pm.delta_vs_baseline : null,
        },
      };
    }),
  };
}
