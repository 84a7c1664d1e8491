import { describe, expect, it } from "vitest";
import {
  arraySpec,
  chunkJobName,
  chunkTasks,
  isSweepDesign,
  paramsJson,
  planSweep,
  taskArgs,
  taskRunId,
} from "../../src/domain/sweep.js";

const loc = { compute: { location: "slurm" } };

describe("planSweep: points, replicates, tasks", () => {
  it.each([
    ["replicates only", { replicates: 3 }, 1, 3, [{}, {}, {}]],
    [
      "a 2x2 grid (names sorted, the first slowest)",
      { sweep: { grid: { lr: [0.1, 0.2], batch: [32, 64] } } },
      4,
      4,
      [
        { batch: 32, lr: 0.1 },
        { batch: 32, lr: 0.2 },
        { batch: 64, lr: 0.1 },
        { batch: 64, lr: 0.2 },
      ],
    ],
    [
      "explicit points x replicates",
      { sweep: { points: [{ model: "a" }, { model: "b" }] }, replicates: 2 },
      2,
      4,
      [{ model: "a" }, { model: "a" }, { model: "b" }, { model: "b" }],
    ],
    [
      "points combined with a grid",
      { sweep: { points: [{ model: "a" }, { model: "b" }], grid: { seed: [1, 2] } } },
      4,
      4,
      [
        { model: "a", seed: 1 },
        { model: "a", seed: 2 },
        { model: "b", seed: 1 },
        { model: "b", seed: 2 },
      ],
    ],
  ])("%s", (_name, d, points, tasks, params) => {
    const { plan, problems } = planSweep({ ...loc, ...d });
    expect(problems).toEqual([]);
    expect(plan!.points).toHaveLength(points);
    expect(plan!.tasks).toHaveLength(tasks);
    expect(plan!.tasks.map((t) => t.params)).toEqual(params);
    expect(plan!.tasks.map((t) => t.index)).toEqual([...Array(tasks).keys()]);
  });

  it("task i is point floor(i/N), replicate i%N", () => {
    const { plan } = planSweep({ ...loc, sweep: { grid: { a: [1, 2] } }, replicates: 3 });
    expect(plan!.tasks.map((t) => [t.point, t.replicate])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it.each([
    ["an empty grid", { sweep: { grid: {} } }, "/sweep/grid", /sweep.grid is empty/],
    ["an empty value list", { sweep: { grid: { lr: [] } } }, "/sweep/grid/lr", /non-empty list/],
    [
      "a value that is not a scalar",
      { sweep: { grid: { lr: [{ a: 1 }] } } },
      "/sweep/grid/lr/0",
      /string, number or boolean/,
    ],
    ["a value listed twice", { sweep: { grid: { lr: [1, 1] } } }, "/sweep/grid/lr/1", /twice/],
    [
      "a name that is no argument",
      { sweep: { grid: { "a b": [1] } } },
      "/sweep/grid/a b",
      /cannot be a command-line argument/,
    ],
    [
      "a name in grid and points",
      { sweep: { grid: { lr: [1, 2] }, points: [{ lr: 3 }] } },
      "/sweep/points/0/lr",
      /both in sweep.grid and in sweep.points\[0\]/,
    ],
    [
      "two identical points",
      { sweep: { points: [{ a: 1 }, { a: 1 }] } },
      "/sweep/points",
      /points 0 and 1 have the same/,
    ],
    ["an unknown sweep key", { sweep: { grids: { a: [1] } } }, "/sweep/grids", /not a sweep key/],
    ["no grid nor points", { sweep: {} }, "/sweep", /needs a grid/],
    ["an empty points list", { sweep: { points: [] } }, "/sweep/points", /non-empty list/],
    [
      "a bad throttle",
      { replicates: 2, compute: { location: "slurm", max_concurrent: 0 } },
      "/compute/max_concurrent",
      /at least 1/,
    ],
  ])("refuses %s, at its design path", (_n, d, jsonPath, message) => {
    const { plan, problems } = planSweep({ ...loc, ...d });
    expect(plan).toBeUndefined();
    expect(problems.map((p) => p.jsonPath)).toContain(jsonPath);
    expect(problems.find((p) => p.jsonPath === jsonPath)!.message).toMatch(message);
  });

  it("refuses more tasks than the cap", () => {
    const { problems } = planSweep({ ...loc, sweep: { grid: { a: [1, 2, 3], b: [1, 2] } }, replicates: 2 }, 10);
    expect(problems[0]).toMatchObject({ jsonPath: "/sweep" });
    expect(problems[0].message).toMatch(/12 tasks \(6 point\(s\) x 2 replicate\(s\)\), more than the 10 allowed/);
  });

  it("isSweepDesign: a sweep block or more than one replicate", () => {
    expect(isSweepDesign({})).toBe(false);
    expect(isSweepDesign({ replicates: 1 })).toBe(false);
    expect(isSweepDesign({ replicates: 2 })).toBe(true);
    expect(isSweepDesign({ sweep: { grid: { a: [1] } } })).toBe(true);
  });
});

describe("arrays: chunks, --array, run ids, job names, parameters", () => {
  it.each([
    [12, 1001, [[0, 0, 12]]],
    [
      45,
      40,
      [
        [0, 0, 40],
        [1, 40, 5],
      ],
    ],
    [
      80,
      40,
      [
        [0, 0, 40],
        [1, 40, 40],
      ],
    ],
    [1, 40, [[0, 0, 1]]],
  ])("%i tasks in arrays of at most %i", (total, max, want) => {
    expect(chunkTasks(total, max).map((c) => [c.chunk, c.offset, c.count])).toEqual(want);
  });

  it.each([
    [12, 2, "0-11%2"],
    [12, undefined, "0-11"],
    [12, 12, "0-11"],
    [12, 20, "0-11"],
    [1, 1, "0"],
  ])("%i tasks, throttle %s -> --array=%s", (n, t, want) => {
    expect(arraySpec(n, t)).toBe(want);
  });

  it("run ids and job names per chunk", () => {
    expect(taskRunId("S", { chunk: 0, offset: 0, count: 3 }, 2)).toBe("S_2");
    expect(taskRunId("S", { chunk: 1, offset: 40, count: 3 }, 2)).toBe("S_c1_2");
    expect(chunkJobName("S", 0)).toBe("autolab-S");
    expect(chunkJobName("S", 2)).toBe("autolab-S_c2");
    // A keyed launch's arrays: the key's job name, chunk suffixes as before.
    expect(chunkJobName("S", 0, "autolab-k0123456789abcdef")).toBe("autolab-k0123456789abcdef");
    expect(chunkJobName("S", 1, "autolab-k0123456789abcdef")).toBe("autolab-k0123456789abcdef_c1");
  });

  it("parameters merge over entrypoint.args; the JSON has sorted keys", () => {
    expect(taskArgs({ epochs: 3, lr: 1 }, { lr: 0.1 })).toEqual({ epochs: 3, lr: 0.1 });
    expect(paramsJson({ lr: 0.1, batch: 32 })).toBe('{"batch":32,"lr":0.1}');
  });
});
