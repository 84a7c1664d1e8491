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
