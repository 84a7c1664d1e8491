/**
 * The Python autolab tool's multi-run layout (issue 12, results): a group
 * manifest at a base run id, the replicates' ids in state.json `run_group`,
 * aggregated metrics at the base run, per-replicate metrics in each run.
 * The pure rules as tables; a hand-built repository of that layout read by
 * `autolab status` and `autolab verify` (the monitor on it is in
 * __tests__/cluster/python-multirun.test.ts).
 */
import { describe, expect, it } from "vitest";
import { groupStatus, runGroups } from "../../src/domain/run-group.js";
import { replicateCount, planSweep } from "../../src/domain/sweep.js";
import { baseRunMetricsDoc, designMetrics, groupResult } from "../../src/domain/sweep-result.js";
import { parseDocument } from "../../src/contract/validate.js";
import { collectStatus } from "../../src/commands/status.js";
import { sweepGroups } from "../../src/report/status.js";
import type { RunStatus } from "../../src/contract/vocabulary.js";
import { makeRepo, runCli } from "../helpers/repo.js";
import { PY_BASE, pyMultiRunFiles, pyReplicates, PY_AGGREGATE_KEYS } from "../helpers/python-multirun.js";

describe("runGroups: a base run with <base>_r<k> beside it in the same iteration", () => {
  const ref = (runId: string, iterationPath = "experiments/in_progress/it") => ({ iterationPath, runId });
  it("finds the base and its replicates in replicate order (r10 after r2)", () => {
    const g = runGroups([ref("B_r10"), ref("B"), ref("B_r2"), ref("B_r1"), ref("other")]);
    expect([...g.bases]).toEqual([["experiments/in_progress/it\0B", ["B_r1", "B_r2", "B_r10"]]]);
    expect(g.baseOf.get("experiments/in_progress/it\0B_r2")).toBe("B");
    expect(g.baseOf.has("experiments/in_progress/it\0other")).toBe(false);
  });
  const none: Array<[string, ReturnType<typeof ref>[]]> = [
    ["replicates without their base run", [ref("B_r1"), ref("B_r2")]],
    ["the base in another iteration", [ref("B", "experiments/done/x"), ref("B_r1")]],
    ["our sweep tasks (<sweep>_<i>, no run at the sweep id)", [ref("S_0"), ref("S_1")]],
    ["a name that only looks like one (_r0, _rx)", [ref("B"), ref("B_r0"), ref("B_rx")]],
  ];
  for (const [name, runs] of none) it(`none: ${name}`, () => expect(runGroups(runs).bases.size).toBe(0));
});

describe("groupStatus: the base run follows its replicates", () => {
  const rows: Array<[RunStatus[], RunStatus | undefined]> = [
    [["completed", "running"], undefined],
    [["completed", "synced"], undefined],
    [["completed", "completed"], "completed"],
    [["completed", "failed"], "failed"],
    [["completed", "partial"], "partial"],
    [[], undefined],
  ];
  for (const [sts, want] of rows)
    it(`${sts.join(", ") || "none"} -> ${want}`, () => expect(groupStatus(sts)).toBe(want));
});

describe("the Python tool's design forms", () => {
  it("replicates: {count: N} is N replicates (a sweep of one point)", () => {
    expect(replicateCount({ count: 3, seed_strategy: "increment" })).toBe(3);
    expect(replicateCount(2)).toBe(2);
    expect(planSweep({ replicates: { count: 3 } }).plan).toMatchObject({ replicates: 3 });
    expect(planSweep({ replicates: { count: 0 } }).problems[0].jsonPath).toBe("/replicates");
  });
  it("metrics.primary: {name, unit, mode} names the metric and the goal; goal wins when both are given", () => {
    expect(designMetrics({ primary: { name: "acc", unit: "%", mode: "minimize" }, aggregation: "median" })).toEqual({
      primary: "acc",
      goal: "minimize",
      aggregation: "median",
    });
    expect(designMetrics({ primary: { name: "acc", mode: "minimize" }, goal: "maximize" }).goal).toBe("maximize");
    expect(designMetrics({ primary: "loss" })).toEqual({ primary: "loss" });
    expect(designMetrics(undefined)).toEqual({});
  });
  it("a Python design with both forms passes the design schema", () => {
    const files = pyMultiRunFiles(["1", "2"]);
    const text = files["experiments/in_progress/iter_py/design.yaml"];
    const errors = parseDocument("design", text, "design.yaml").findings.filter((f) => f.severity === "error");
    expect(errors).toEqual([]);
  });
});

describe("baseRunMetricsDoc: aggregated metrics at the base run, in the Python tool's form", () => {
  const reps = ["B_r1", "B_r2", "B_r3"];
  const metrics = [0.81, 0.85, null].map((v, k) => ({
    status: v === null ? "failed" : "completed",
    primary_metric: { name: "accuracy", value: v, delta_vs_baseline: v === null ? null : v - 0.8 },
    run_id: reps[k],
  }));
  const result = groupResult({
    metric: "accuracy",
    labels: ["3 replicate(s)"],
    baseline: 0.8,
    tasks: metrics.map((m, k) => ({
      point: 0,
      replicate: k,
      runId: reps[k],
      status: m.status,
      value: m.primary_metric.value,
    })),
  });
  const doc = baseRunMetricsDoc({
    baseRunId: "B",
    iterationId: "it",
    result,
    runs: reps.map((runId, k) => ({ runId, metrics: metrics[k] })),
  });

  it("holds only the keys that tool's metrics schema allows, every replicate in per_run_metrics", () => {
    // The Python tool's metrics schema has additionalProperties: false at its top level.
    expect(Object.keys(doc).sort()).toEqual([...PY_AGGREGATE_KEYS].sort());
    expect(doc).toMatchObject({ run_id: "B", status: "partial", aggregation_method: "mean" });
    expect((doc.primary_metric as { value: number }).value).toBeCloseTo(0.83, 10);
    expect((doc.per_run_metrics as Array<{ run_id: string; primary_metric: unknown }>).map((p) => p.run_id)).toEqual(
      reps,
    );
    expect((doc.per_run_metrics as Array<{ primary_metric: { value: unknown } }>)[2].primary_metric).toEqual({
      name: "accuracy",
      value: null,
      delta_vs_baseline: null,
    });
    const errors = parseDocument("metrics", JSON.stringify(doc), "m.json").findings.filter(
      (f) => f.severity === "error",
    );
    expect(errors).toEqual([]);
  });
});

describe("a Python-tool multi-run repository, read by status and verify", () => {
  it("status groups the replicates under the base run with per-state counts; verify finds no error", async () => {
    const { root } = await makeRepo({ files: pyMultiRunFiles(["4242", "4243", "4244"], { done: [0.81, 0.85, 0.83] }) });
    const { rows } = await collectStatus(root);
    expect(rows.map((r) => r.runId).sort()).toEqual([PY_BASE, ...pyReplicates(3)].sort());
    expect(sweepGroups(rows)).toEqual([
      { sweepId: PY_BASE, iterationId: "iter_py", tasks: 3, counts: { completed: 3 }, failedRuns: [] },
    ]);
    const text = await runCli(root, ["status"]);
    expect(text.stdout).toMatch(new RegExp(`^${PY_BASE} +iter_py +3 +completed 3 +-$`, "m"));
    // (The launch stage's check runs sbatch --test-only: the cluster test does that one.)
    for (const stage of ["slurm_monitor", "extract_results"]) {
      const v = await runCli(root, ["verify", "--stage", stage, "--json"]);
      const out = JSON.parse(v.stdout) as { findings: Array<{ severity: string; message: string }> };
      expect(
        out.findings.filter((f) => f.severity === "error").map((f) => f.message),
        stage,
      ).toEqual([]);
    }
  }, 60_000);
});
