import { describe, expect, it } from "vitest";
import {
  groupMetricsDoc,
  groupResult,
  impliedBaseline,
  taskPosition,
  taskValue,
} from "../../src/domain/sweep-result.js";
import { runsSections } from "../../src/report/summary-runs.js";
import { sweepChart, sweepSection, sweepTable } from "../../src/report/sweep.js";
import { sweepOutputs } from "../../src/report/monitor.js";

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

describe("the group metrics file and the job summary's group result", () => {
  it("task order is point-major; a failed task's number is not averaged; the baseline is value - delta", () => {
    expect([0, 1, 2, 3, 5].map((i) => taskPosition(i, 3))).toEqual([
      { point: 0, replicate: 0 },
      { point: 0, replicate: 1 },
      { point: 0, replicate: 2 },
      { point: 1, replicate: 0 },
      { point: 1, replicate: 2 },
    ]);
    expect(taskValue({ status: "failed", primary_metric: { value: 3 } })).toBeNull();
    expect(taskValue({ status: "partial", primary_metric: { value: 3 } })).toBe(3);
    expect(taskValue(undefined)).toBeNull();
    expect(impliedBaseline([undefined, { primary_metric: { value: 5, delta_vs_baseline: 2 } }])).toBe(3);
    expect(impliedBaseline([{ primary_metric: { value: 5, delta_vs_baseline: null } }])).toBeNull();
  });

  it("is a metrics document at the base run id with every point's mean ± sd and its runs", () => {
    const runGroup = ["s_0", "s_1", "s_2", "s_3"];
    const g = groupResult({
      metric: "acc",
      labels: ["lr=0.1", "lr=0.2"],
      baseline: 1,
      tasks: [
        { point: 0, replicate: 0, runId: "s_0", status: "completed", value: 1 },
        { point: 0, replicate: 1, runId: "s_1", status: "completed", value: 3 },
        { point: 1, replicate: 0, runId: "s_2", status: "completed", value: 10 },
        { point: 1, replicate: 1, runId: "s_3", status: "failed", value: null },
      ],
    });
    const args = { sweepId: "s", iterationId: "it", replicates: 2, runGroup, params: [{ lr: 0.1 }, { lr: 0.2 }] };
    const doc = groupMetricsDoc({ ...args, result: g, extracted: 4 });
    expect(doc).toMatchObject({
      schema_version: "1.0",
      run_id: "s",
      iteration_id: "it",
      status: "partial",
      primary_metric: { name: "acc", value: 10, delta_vs_baseline: 9 },
      best_point: { index: 1, label: "lr=0.2" },
      tasks: { total: 4, extracted: 4, with_value: 3 },
      points: [
        {
          index: 0,
          label: "lr=0.1",
          params: { lr: 0.1 },
          mean: 2,
          sd: Math.SQRT2,
          n: 2,
          missing: 0,
          runs: ["s_0", "s_1"],
        },
        { index: 1, label: "lr=0.2", mean: 10, sd: null, n: 1, missing: 1, runs: ["s_2", "s_3"] },
      ],
    });
    // The same results give the same bytes.
    expect(JSON.stringify(doc)).toBe(
      JSON.stringify(groupMetricsDoc({ ...args, result: structuredClone(g), extracted: 4 })),
    );
    // The job summary shows it under the sweep's runs.
    const out = runsSections([{ runId: "s_0", state: "completed", iterationId: "it", sweepId: "s" }], {
      groups: new Map([["s", g]]),
    }).join("\n");
    expect(out).toContain("##### Sweep `s`: group result");
    expect(out).toContain("| **lr=0.2** | 10 | 1 | 1 | +9 |");
    expect(out).toContain("xychart-beta");
    expect(runsSections([{ runId: "x", state: "completed", sweepId: "s" }], {}).join("\n")).not.toContain(
      "group result",
    );
  });
});

describe("the action's sweep outputs (monitor)", () => {
  const result = groupResult({ metric: "acc", labels: ["lr=0.1", "lr=0.2"], tasks, baseline: 2 });
  const doc = (id: string) =>
    groupMetricsDoc({
      sweepId: id,
      iterationId: "it1",
      replicates: 3,
      runGroup: ["s_0", "s_1", "s_2", "s_3", "s_4", "s_5"],
      params: [{ lr: 0.1 }, { lr: 0.2 }],
      result,
      extracted: 5,
    });
  const rep = (id: string) => ({
    sweepId: id,
    iterationId: "it1",
    metricsPath: `experiments/in_progress/it1/runs/${id}/sweep_metrics.json`,
    extracted: 5,
    total: 6,
    result,
    document: doc(id),
  });

  it("sweep-id, sweep-result (the group metrics document) and best-point of the first sweep by id", () => {
    const out = new Map(sweepOutputs([rep("s_b"), rep("s_a")]));
    expect(out.get("sweep-id")).toBe("s_a");
    expect(JSON.parse(out.get("sweep-result")!)).toEqual(JSON.parse(JSON.stringify(doc("s_a"))));
    expect(JSON.parse(out.get("best-point")!)).toEqual({ index: 1, label: "lr=0.2", params: { lr: 0.2 }, value: 12 });
  });

  it("empty without a recomputed sweep, and best-point empty while no point has a value", () => {
    expect(sweepOutputs(undefined)).toEqual([
      ["sweep-id", ""],
      ["sweep-result", ""],
      ["best-point", ""],
    ]);
    const none = groupResult({ metric: "acc", labels: ["a"], tasks: [] });
    const out = new Map(sweepOutputs([{ ...rep("s"), result: none }]));
    expect(out.get("sweep-id")).toBe("s");
    expect(out.get("best-point")).toBe("");
  });
});
