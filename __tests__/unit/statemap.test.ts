/**
 * The pure state map: every SLURM job state, exit codes, the sentinel rule,
 * sacct lag (End unset, `allocation` rows), arrays and jobs no source knows.
 */
import { describe, expect, it } from "vitest";
import {
  judgeObservation,
  isTerminalState,
  mapSlurmState,
  normalizeState,
  parseArrayJobId,
  type JobObservation,
} from "../../src/scheduler/slurm-cli/statemap.js";

const done = { start: "2026-11-28T11:00:00", end: "2026-11-28T11:30:00" };
const sacct = (state: string, exitCode: string, extra: Partial<JobObservation> = {}): JobObservation => ({
  jobId: "12",
  state,
  exitCode,
  source: "sacct",
  ...done,
  ...extra,
});
/** The adapter's meaning of one observation (the sentinel and grace rules are domain/tick.ts's: domain-tick.test.ts). */
const decide = (obs: JobObservation) => judgeObservation(obs);

describe("mapSlurmState: every state", () => {
  const table: Array<[string, string | undefined, string, boolean, string | undefined]> = [
    // state, exit code, phase, terminal, failure reason
    ["PENDING", undefined, "pending", false, undefined],
    ["CONFIGURING", undefined, "pending", false, undefined],
    ["REQUEUED", "0:0", "pending", false, undefined],
    ["REQUEUE_HOLD", undefined, "pending", false, undefined],
    ["REQUEUE_FED", undefined, "pending", false, undefined],
    ["RESV_DEL_HOLD", undefined, "pending", false, undefined],
    ["RUNNING", "0:0", "running", false, undefined],
    ["COMPLETING", undefined, "running", false, undefined],
    ["SUSPENDED", undefined, "running", false, undefined],
    ["STOPPED", undefined, "running", false, undefined],
    ["SIGNALING", undefined, "running", false, undefined],
    ["RESIZING", undefined, "running", false, undefined],
    ["STAGE_OUT", undefined, "running", false, undefined],
    ["COMPLETED", "0:0", "succeeded", true, undefined],
    ["COMPLETED", "1:0", "failed", true, "exit_code"],
    ["COMPLETED", "0:9", "failed", true, "exit_code"],
    ["FAILED", "3:0", "failed", true, "exit_code"],
    ["FAILED", "0:53", "failed", true, "exit_code"],
    ["TIMEOUT", "0:0", "failed", true, "timeout"],
    ["OUT_OF_MEMORY", "0:125", "failed", true, "oom"],
    ["CANCELLED", "0:15", "failed", true, "cancelled"],
    ["CANCELLED by 0", "0:0", "failed", true, "cancelled"],
    ["NODE_FAIL", "0:0", "failed", true, "node_fail"],
    ["BOOT_FAIL", "0:0", "failed", true, "boot_fail"],
    ["DEADLINE", "0:0", "failed", true, "deadline"],
    ["PREEMPTED", "0:0", "failed", true, "preempted"],
    // Federation: a sibling cluster runs the job; never a failure by itself (followed by the query).
    ["REVOKED", "0:0", "unknown", false, undefined],
    ["SPECIAL_EXIT", "0:0", "pending", false, undefined],
    ["EXPEDITING", undefined, "pending", false, undefined],
  ];
  it.each(table)("%s (ExitCode %s) -> %s", (state, exitCode, phase, terminal, reason) => {
    const d = mapSlurmState(state, exitCode);
    expect(d.phase).toBe(phase);
    expect(d.terminal).toBe(terminal);
    expect(d.failureReason).toBe(reason);
    expect(d.detail).toContain(`State=${state}`);
    expect(isTerminalState(state)).toBe(terminal || phase === "succeeded");
  });

  it("compact codes mean the same as the full names", () => {
    expect(mapSlurmState("PD").phase).toBe("pending");
    expect(mapSlurmState("R").phase).toBe("running");
    expect(mapSlurmState("CG").phase).toBe("running");
    expect(mapSlurmState("CD", "0:0").phase).toBe("succeeded");
    expect(mapSlurmState("TO", "0:0").failureReason).toBe("timeout");
    expect(mapSlurmState("OOM", "0:0").failureReason).toBe("oom");
    expect(mapSlurmState("S").phase).toBe("running");
    expect(mapSlurmState("RD").phase).toBe("pending");
  });

  it("`CANCELLED by <uid>` records who cancelled", () => {
    expect(mapSlurmState("CANCELLED by 0").cancelledBy).toBe("0");
    const d = mapSlurmState("CANCELLED by 1000", "0:15");
    expect(d).toMatchObject({ phase: "failed", terminal: true, failureReason: "cancelled", cancelledBy: "1000" });
    expect(d.detail).toContain("cancelled by uid 1000");
    expect(mapSlurmState("CANCELLED").cancelledBy).toBeUndefined();
    expect(normalizeState(" cancelled by 42 ")).toEqual({ name: "CANCELLED", by: "42" });
  });

  it("a state it does not know is unknown and never success", () => {
    for (const s of ["", "WEIRD_NEW_STATE", "COMPLETEDX", "0:0"]) {
      const d = mapSlurmState(s, "0:0");
      expect(d.phase).toBe("unknown");
      expect(d.terminal).toBe(false);
      expect(d.failureReason).toBe("unknown_state");
    }
  });

  it("COMPLETED without a readable exit code is not final", () => {
    for (const ec of [undefined, "", "garbage"]) {
      const d = mapSlurmState("COMPLETED", ec);
      expect(d.terminal).toBe(false);
      expect(d.phase).not.toBe("succeeded");
    }
  });

  it("sacct's truncation mark `+` is ignored", () => {
    expect(mapSlurmState("CANCELLED+").failureReason).toBe("cancelled");
  });
});

describe("judgeObservation: success needs COMPLETED and 0:0 (the sentinel comes after, in domain/tick)", () => {
  it("COMPLETED 0:0 with sentinel exit 0 succeeds", () => {
    const d = decide(sacct("COMPLETED", "0:0", { batchState: "COMPLETED", batchExitCode: "0:0" }));
    expect(d).toMatchObject({ phase: "succeeded", terminal: true });
    expect(d.failureReason).toBeUndefined();
    expect(d.detail).toContain("sacct State=COMPLETED ExitCode=0:0");
  });

  it("COMPLETED 0:0 whose .batch step did not exit 0 fails", () => {
    expect(decide(sacct("COMPLETED", "0:0", { batchState: "FAILED", batchExitCode: "1:0" })).phase).toBe("failed");
  });

  it("failures keep their reason", () => {
    expect(decide(sacct("FAILED", "3:0"))).toMatchObject({
      phase: "failed",
      failureReason: "exit_code",
    });
    expect(decide(sacct("TIMEOUT", "0:0", { batchState: "CANCELLED", batchExitCode: "0:15" })).failureReason).toBe(
      "timeout",
    );
    const c = decide(sacct("CANCELLED by 1000", "0:0"));
    expect(c).toMatchObject({ phase: "failed", failureReason: "cancelled", cancelledBy: "1000" });
  });
});

describe("judgeObservation: sacct lag", () => {
  it("a terminal sacct row without End is not final", () => {
    const d = decide(sacct("COMPLETED", "0:0", { end: undefined }));
    expect(d.terminal).toBe(false);
    expect(d.phase).toBe("running");
    expect(d.detail).toContain("End is not set");
    expect(decide(sacct("FAILED", "3:0", { end: undefined })).terminal).toBe(false);
  });

  it("main row PENDING (`allocation`) with .batch RUNNING is running", () => {
    const d = decide(
      sacct("PENDING", "0:0", { name: "allocation", end: undefined, batchState: "RUNNING", batchExitCode: "0:0" }),
    );
    expect(d).toMatchObject({ phase: "running", terminal: false });
  });

  it("a controller's terminal state needs no End (squeue/scontrol are live)", () => {
    const d = decide({ jobId: "12", state: "FAILED", exitCode: "3:0", source: "squeue" });
    expect(d).toMatchObject({ phase: "failed", terminal: true, failureReason: "exit_code" });
  });

  it("a pending job's reason is in the detail", () => {
    const d = decide({ jobId: "12", state: "PENDING", reason: "PartitionNodeLimit", source: "squeue" });
    expect(d.phase).toBe("pending");
    expect(d.detail).toContain("PartitionNodeLimit");
  });
});

describe("judgeObservation: arrays", () => {
  const task = (id: string, state: string, exitCode?: string, extra: Partial<JobObservation> = {}): JobObservation => ({
    jobId: id,
    state,
    exitCode,
    source: "sacct",
    ...done,
    ...extra,
  });
  const arr = (tasks: JobObservation[]): JobObservation => ({ jobId: "10", state: "ARRAY", source: "sacct", tasks });

  it("succeeds only when every task completed 0:0", () => {
    const all = arr([
      task("10_0", "COMPLETED", "0:0"),
      task("10_1", "COMPLETED", "0:0"),
      task("10_2", "COMPLETED", "0:0"),
    ]);
    expect(decide(all)).toMatchObject({ phase: "succeeded", terminal: true });
  });

  it("is not terminal while any task is pending or running", () => {
    const d = decide(
      arr([task("10_0", "COMPLETED", "0:0"), task("10_[1-2]", "PENDING", undefined, { source: "squeue" })]),
    );
    expect(d).toMatchObject({ phase: "pending", terminal: false });
    const r = decide(arr([task("10_0", "FAILED", "1:0"), task("10_1", "RUNNING", "0:0", { end: undefined })]));
    expect(r).toMatchObject({ phase: "running", terminal: false });
  });

  it("fails with the first failed task's reason when all are done", () => {
    const d = decide(
      arr([task("10_0", "COMPLETED", "0:0"), task("10_1", "TIMEOUT", "0:0"), task("10_2", "FAILED", "2:0")]),
    );
    expect(d).toMatchObject({ phase: "failed", terminal: true, failureReason: "timeout" });
    expect(d.detail).toContain("10_1");
  });

  it("a cancelled pending range ends the array as cancelled", () => {
    const d = decide(arr([task("29_[0-5%2]", "CANCELLED", "0:0", { source: "squeue" })]));
    expect(d).toMatchObject({ phase: "failed", terminal: true, failureReason: "cancelled" });
  });

  it("an array with no tasks listed is not decided", () => {
    expect(decide(arr([])).terminal).toBe(false);
  });
});

describe("parseArrayJobId", () => {
  it("reads plain, task, and pending-range ids", () => {
    expect(parseArrayJobId("123")).toEqual({ base: "123" });
    expect(parseArrayJobId("123_4")).toEqual({ base: "123", task: 4 });
    expect(parseArrayJobId("123_[5-9%2]")).toEqual({ base: "123", range: "5-9", throttle: 2 });
    expect(parseArrayJobId("123_[1,3,5-7]")).toEqual({ base: "123", range: "1,3,5-7" });
  });
  it("refuses what is not a job id", () => {
    for (const s of ["", "abc", "12.batch", "12_", "12_[", "-1", "12;cluster"])
      expect(parseArrayJobId(s)).toBeUndefined();
  });
});
