/**
 * A sweep's group result as markdown (pure): a table of the primary metric
 * per point (mean ± sd, or median, over replicates; n and missing tasks;
 * delta vs baseline), the best point named, and a Mermaid `xychart-beta`
 * bar chart of the metric by point (points are categories). Used in the
 * iteration's analysis/summary.md, the job summary and the check run.
 */
import type { GroupResult } from "../domain/sweep-result.js";
import { mermaidNumber } from "./common.js";

function num(x: number | null): string {
  if (x === null) return "–";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(3) : String(Number(x.toPrecision(6)));
}

/** Mermaid text must not break the chart: labels quoted, quotes and brackets dropped. */
function mermaidLabel(s: string): string {
  return `"${s.replace(/["\\[\]\n\r`]/g, "").slice(0, 60)}"`;
}

export function sweepTable(g: GroupResult): string {
  const head =
    g.aggregation === "mean"
      ? `| point | ${g.metric} (mean ± sd) | n | missing | vs baseline |`
      : `| point | ${g.metric} (median) | n | missing | vs baseline |`;
  const rows = g.points.map((p) => {
    const value =
      p.center === null
        ? "–"
        : g.aggregation === "mean" && p.sd !== null
          ? `${num(p.center)} ± ${num(p.sd)}`
          : num(p.center);
    const delta = p.deltaVsBaseline === null ? "–" : `${p.deltaVsBaseline >= 0 ? "+" : ""}${num(p.deltaVsBaseline)}`;
    const name = `${p.point === g.best ? "**" : ""}${p.label.replace(/\|/g, "\\|")}${p.point === g.best ? "**" : ""}`;
    return `| ${name} | ${value} | ${p.n} | ${p.missing} | ${delta} |`;
  });
  return [head, "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

export function sweepChart(g: GroupResult): string | undefined {
  const shown = g.points.filter((p) => p.center !== null);
  if (!shown.length) return undefined;
  const values = shown.map((p) => p.center as number);
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${g.metric} by point (${g.aggregation} over replicates)"`,
    `  x-axis [${shown.map((p) => mermaidLabel(p.label)).join(", ")}]`,
    `  y-axis "${g.metric.replace(/"/g, "")}" ${mermaidNumber(lo)} --> ${mermaidNumber(hi === lo ? lo + 1 : hi)}`,
    `  bar [${values.map(mermaidNumber).join(", ")}]`,
    "```",
  ].join("\n");
}

/** The whole section: heading (`level` #'s, default 3), best point, table and chart. */
export function sweepSection(sweepId: string, g: GroupResult, level = 3): string {
  const best =
    g.best === undefined ? "no point has a value yet" : `best point (${g.goal}): **${g.points[g.best].label}**`;
  const chart = sweepChart(g);
  return [`${"#".repeat(level)} Sweep ${sweepId}`, "", best, "", sweepTable(g), ...(chart ? ["", chart] : []), ""].join(
    "\n",
  );
}
