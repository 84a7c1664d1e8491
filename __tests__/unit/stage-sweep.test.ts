/**
 * Issue 12: the stage machine follows a sweep as one group. The launch
 * tracks the sweep id and records `run_group`; a task's event moves the
 * stage only when every task of the group has got there, and the history
 * names the group. Tasks of another sweep, and tasks the state does not
 * list, move nothing.
 */
import { describe, expect, it } from "vitest";
import type { AutolabState, RunManifest } from "../../src/contract/types.js";
import { groupLaunched, nextState } from "../../src/domain/stage.js";

const AT = new Date("2026-12-03T15:00:00Z");
const SW = "20261203T150000Z_abcdef";
const IDS = [0, 1, 2, 3].map((i) => `${SW}_${i}`);

function task(i: number, status: string): RunManifest {
  return {
    schema_version: "1.0",
    run_id: IDS[i],
    iteration_id: "it1",
    host_mode: "slurm",
    status,
    sweep: { sweep_id: SW, task_index: i },
  } as unknown as RunManifest;
}

const monitoring: AutolabState = {
  iteration_id: "it1",
  stage: "slurm_monitor",
  stage_attempt: 2,
  last_run_id: SW,
  pending_run_id: SW,
  run_group: IDS,
  history: [],
};

const statuses = (...s: string[]) => new Map(s.map((x, i) => [IDS[i], x]));

describe("groupLaunched", () => {
  it("tracks the sweep id, records run_group, moves launch -> slurm_monitor once", () => {
    const next = groupLaunched(
      { iteration_id: "it1", stage: "launch", stage_attempt: 1 },
      { sweepId: SW, iterationId: "it1", hostMode: "slurm", runGroup: IDS, launched: 4 },
      AT,
    )!;
    expect(next).toMatchObject({ stage: "slurm_monitor", stage_attempt: 0, last_run_id: SW, pending_run_id: SW });
    expect(next.run_group).toEqual(IDS);
    expect(next.history).toEqual([
      {
        timestamp: "2026-12-03T15:00:00Z",
        stage_before: "launch",
        stage_after: "slurm_monitor",
        status: "complete",
        summary: `launched: sweep ${SW}, 4 task(s)`,
        run_id: SW,
      },
    ]);
  });
  it("local: launch -> extract_results, no pending run; nothing launched: the group is recorded, the stage stays", () => {
    const local = groupLaunched(
      { iteration_id: "it1", stage: "launch", stage_attempt: 0 },
      { sweepId: SW, iterationId: "it1", hostMode: "local", runGroup: IDS, launched: 4 },
      AT,
    )!;
    expect(local.stage).toBe("extract_results");
    expect(local.pending_run_id).toBeUndefined();
    const none = groupLaunched(
      { iteration_id: "it1", stage: "launch", stage_attempt: 0 },
      { sweepId: SW, iterationId: "it1", hostMode: "slurm", runGroup: IDS, launched: 0 },
      AT,
    )!;
    expect(none).toMatchObject({ stage: "launch", run_group: IDS });
    expect(none.pending_run_id).toBeUndefined();
  });
  it("leaves another iteration's state alone", () => {
    expect(
      groupLaunched(
        { iteration_id: "other", stage: "launch", stage_attempt: 0 },
        { sweepId: SW, iterationId: "it1", hostMode: "slurm", runGroup: IDS, launched: 4 },
        AT,
      ),
    ).toBeUndefined();
  });
});

describe("nextState of a sweep task: the whole group decides", () => {
  const rows: Array<[string, number, "synced" | "extracted", string[], string | undefined]> = [
    [
      "the first task extracted, the others running",
      0,
      "extracted",
      ["completed", "running", "running", "pending"],
      undefined,
    ],
    [
      "three of four finished, one synced",
      3,
      "synced",
      ["completed", "failed", "completed", "synced"],
      "extract_results",
    ],
    [
      "all four finished (one failed)",
      2,
      "extracted",
      ["completed", "failed", "completed", "completed"],
      "update_docs",
    ],
    ["a task the caller does not know: not done", 1, "extracted", ["completed", "completed", "completed"], undefined],
    ["all synced, none extracted yet", 0, "synced", ["synced", "synced", "failed", "synced"], "extract_results"],
  ];
  for (const [name, i, event, st, stage] of rows)
    it(name, () => {
      const next = nextState(monitoring, task(i, st[i]), event, AT, statuses(...st));
      if (stage === undefined) expect(next).toBeUndefined();
      else expect(next?.stage).toBe(stage);
    });

  it("the history names the group; extracted clears pending_run_id", () => {
    const st = statuses("completed", "failed", "completed", "completed");
    const next = nextState(monitoring, task(3, "completed"), "extracted", AT, st)!;
    expect(next).toMatchObject({ stage: "update_docs", stage_attempt: 0, last_run_id: SW, run_group: IDS });
    expect(next.pending_run_id).toBeUndefined();
    expect(next.history!.map((h) => [h.stage_before, h.stage_after, h.run_id])).toEqual([
      ["slurm_monitor", "extract_results", SW],
      ["extract_results", "update_docs", SW],
    ]);
    expect(next.history![1].summary).toBe(`extracted: sweep ${SW}, all 4 task(s) finished (3 completed, 1 failed)`);
  });

  it("without the group's statuses a task moves nothing (never the first task alone)", () => {
    expect(nextState(monitoring, task(0, "completed"), "extracted", AT)).toBeUndefined();
  });

  it("a state of an earlier launch that tracked the first task is followed as the group", () => {
    const legacy = { ...monitoring, last_run_id: IDS[0], pending_run_id: IDS[0] };
    expect(nextState(legacy, task(0, "completed"), "extracted", AT, statuses("completed", "running"))).toBeUndefined();
    const done = nextState(
      legacy,
      task(1, "completed"),
      "extracted",
      AT,
      statuses("completed", "completed", "completed", "completed"),
    );
    expect(done).toMatchObject({ stage: "update_docs", last_run_id: SW });
  });

  it("a state that tracks another run, or does not list the task, is left alone", () => {
    const st = statuses("completed", "completed", "completed", "completed");
    expect(
      nextState(
        { ...monitoring, pending_run_id: "other_run", last_run_id: "other_run" },
        task(0, "completed"),
        "extracted",
        AT,
        st,
      ),
    ).toBeUndefined();
    // A single run (no sweep) still follows its own rule.
    const single = { ...task(0, "completed"), sweep: undefined, run_id: "solo" } as unknown as RunManifest;
    expect(
      nextState(
        { ...monitoring, pending_run_id: "solo", last_run_id: "solo", run_group: undefined },
        single,
        "extracted",
        AT,
      )?.stage,
    ).toBe("update_docs");
  });
});
