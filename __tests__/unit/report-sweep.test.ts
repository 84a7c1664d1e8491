import { describe, expect, it } from "vitest";
import { groupResult } from "../../src/domain/sweep-result.js";
import { sweepChart, sweepSection, sweepTable } from "../../src/report/sweep.js";

const tasks = [
  { point: 0, replicate: 0, runId: "s_0", status: "completed", value: 1 },
  { point: 0, replicate: 1, runId: "s_1", status: "completed", value: 3 },
  { point: 1, replicate: 0, runId: "s_2", status: "completed", value: 10 },
  { point: 1, replicate: 1, runId: "s_3", status: "failed", value: null },
  { point: 1, replicate: 2, runId: "s_4", status: "completed", value: 14 },
];

describe("a sweep's group result", () => {
  it("mean ± sample sd per point, missing counted, vs baseline, best named", () => {
    const g = groupResult({ metric: "acc", labels: ["lr=0.1", "lr=0.2"], tasks, baseline: 2 });
    expect(g.points.map((p) => [p.center, p.sd, p.n, p.missing, p.deltaVsBaseline])).toEqual([
      [2, Math.SQRT2, 2, 0, 0],
      [12, Math.sqrt(8), 2, 1, 10],
    ]);
    expect(g.best).toBe(1);
    expect(sweepTable(g)).toContain("| **lr=0.2** | 12 ± 2.82843 | 2 | 1 | +10 |");
    expect(sweepChart(g)).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "acc by point (mean over replicates)"',
        '  x-axis ["lr=0.1", "lr=0.2"]',
        '  y-axis "acc" 0 --> 12',
        "  bar [2, 12]",
        "```",
      ].join("\n"),
    );
  });

  it("median; minimize picks the smallest; no values: no chart", () => {
    const g = groupResult({ metric: "loss", aggregation: "median", goal: "minimize", labels: ["a", "b"], tasks });
    expect(g.points.map((p) => p.center)).toEqual([2, 12]);
    expect(g.best).toBe(0);
    expect(sweepSection("s", g)).toMatch(/best point \(minimize\): \*\*a\*\*/);
    const none = groupResult({ metric: "acc", labels: ["a"], tasks: [] });
    expect(none.best).toBeUndefined();
    expect(sweepChart(none)).toBeUndefined();
  });
});
