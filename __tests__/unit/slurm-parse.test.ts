/**
 * Pure parsers of SLURM client output and the pure merge of sacct / squeue /
 * scontrol rows into one observation per job. Fixtures are real outputs of
 * the dev cluster (Slurm 22.05.8), see __tests__/fixtures/slurm/README.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  classifySacctFailure,
  expandArrayRange,
  isInvalidJobIdMessage,
  parseExitCode,
  parseSacct as parseSacctWith,
  parseSbatchParsable,
  parseScontrolJobs,
  parseScontrolLine,
  parseSinfoPartitions,
  parseSlurmVersion,
  parseSqueue as parseSqueueWith,
  squeueFormatArg,
  unsetToUndefined,
  waitStatusToExitCode,
} from "../../src/scheduler/slurm-cli/parse.js";
import { buildObservations } from "../../src/scheduler/slurm-cli/query.js";
import { classifySbatchError } from "../../src/scheduler/slurm-cli/submit.js";
import { judgeObservation, type JobObservation, type StateDecision } from "../../src/scheduler/slurm-cli/statemap.js";

/** The adapter's meaning of an observation (the sentinel and grace rules are domain/tick.ts's). */
const judge = (o: JobObservation | undefined): StateDecision =>
  o ? judgeObservation(o) : { phase: "unknown", terminal: false, detail: "" };

/**
 * The fields the fixtures (and the inline rows below) were recorded with
 * (fixtures/slurm/README.md): the parsers read by field name, so a recorded
 * answer is read with the format it was asked with.
 */
const FX_SACCT = ["JobID", "JobIDRaw", "State", "ExitCode", "Reason", "Start", "End", "Elapsed", "NodeList", "JobName"];
const FX_SQUEUE = [
  "JobArrayID",
  "JobID",
  "State",
  "Reason",
  "exit_code",
  "RestartCnt",
  "NodeList",
  "StartTime",
  "EndTime",
  "TimeUsed",
  "Name",
];
const parseSacct = (text: string) => parseSacctWith(text, FX_SACCT);
const parseSqueue = (text: string) => parseSqueueWith(text, FX_SQUEUE);

const fx = (name: string) => readFileSync(new URL(`../fixtures/slurm/${name}`, import.meta.url), "utf8");

describe("sacct --parsable2", () => {
  const rows = parseSacct(fx("sacct-mixed.txt"));

  it("reads main rows, step rows, array tasks with their raw ids", () => {
    const main17 = rows.find((r) => r.jobId === "17")!;
    expect(main17).toMatchObject({
      base: "17",
      jobIdRaw: "17",
      state: "COMPLETED",
      exitCode: "0:0",
      name: "fx-ok",
      nodeList: "localhost",
      elapsed: "00:00:02",
    });
    expect(main17.step).toBeUndefined();
    expect(rows.find((r) => r.jobId === "17.batch")).toMatchObject({ base: "17", step: "batch", state: "COMPLETED" });
    expect(rows.find((r) => r.jobId === "22_1")).toMatchObject({ base: "22", task: 1, jobIdRaw: "27" });
    expect(rows.find((r) => r.jobId === "22_2.batch")).toMatchObject({
      base: "22",
      task: 2,
      step: "batch",
      jobIdRaw: "22.batch",
    });
  });

  it("reads `Unknown` Start/End and `None assigned` nodes as unset", () => {
    const pending = rows.find((r) => r.jobId === "23")!;
    expect(pending.state).toBe("PENDING");
    expect(pending.reason).toBe("PartitionNodeLimit");
    expect(pending.start).toBeUndefined();
    expect(pending.end).toBeUndefined();
    expect(pending.nodeList).toBeUndefined();
    expect(rows.find((r) => r.jobId === "20")!.start).toBeUndefined(); // Start=None
  });

  it("reads the `allocation` placeholder name and PENDING main row of the lag window", () => {
    const early = parseSacct(fx("sacct-early.txt"));
    expect(early.find((r) => r.jobId === "17")).toMatchObject({ state: "PENDING", name: "allocation" });
    expect(early.find((r) => r.jobId === "17")!.end).toBeUndefined();
    expect(early.find((r) => r.jobId === "17.batch")).toMatchObject({ state: "RUNNING", step: "batch" });
  });

  it("reads `CANCELLED by 0` and a `|` inside the job name; skips blank and foreign lines", () => {
    const text =
      "\n29|29|CANCELLED by 1000|0:0|None|2026-11-28T16:43:37|2026-11-28T16:43:37|00:00:00|None assigned|a|b\r\n" +
      "   \n" +
      "garbage line\n" +
      "sacct: error: something\n";
    const r = parseSacct(text);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ jobId: "29", state: "CANCELLED by 1000", name: "a|b" });
    expect(parseSacct("")).toEqual([]);
  });
});

describe("squeue -O", () => {
  it("asks for fields without padding, `|` separated, name last", () => {
    expect(squeueFormatArg()).toBe(
      "JobArrayID:0|,JobID:0|,State:0|,Reason:0|,exit_code:0|,RestartCnt:0|,NodeList:0|,StartTime:0|,EndTime:0|,TimeUsed:0|,SubmitTime:0|,Name:0",
    );
  });

  const rows = parseSqueue(fx("squeue-mixed.txt"));
  it("turns the raw wait status into sacct's exit:signal form", () => {
    expect(rows.find((r) => r.jobId === "18")).toMatchObject({
      state: "FAILED",
      exitCode: "3:0",
      reason: "NonZeroExitCode",
    });
    expect(rows.find((r) => r.jobId === "19")).toMatchObject({ state: "TIMEOUT", exitCode: "0:15" });
    expect(waitStatusToExitCode(768)).toBe("3:0");
    expect(waitStatusToExitCode(9)).toBe("0:9");
  });

  it("reads restart counts, array tasks, and leaves a pending job without start or exit code", () => {
    const rq = rows.find((r) => r.jobId === "24")!;
    expect(rq).toMatchObject({ state: "PENDING", restarts: 1, reason: "BeginTime" });
    expect(rq.start).toBeUndefined();
    expect(rq.exitCode).toBeUndefined();
    expect(rows.find((r) => r.jobId === "22_1")).toMatchObject({ base: "22", task: 1, jobIdRaw: "27" });
  });

  it("reads pending array ranges with throttle", () => {
    const [r] = parseSqueue(fx("squeue-array-pending.txt"));
    expect(r).toMatchObject({
      jobId: "29_[0-5%2]",
      base: "29",
      range: "0-5%2",
      state: "PENDING",
      name: "fx-array-pending",
    });
  });
});

describe("scontrol show job -o", () => {
  const rows = parseScontrolJobs(fx("scontrol-mixed.txt"));
  it("reads state, exit code, restarts and array task ids", () => {
    expect(rows.find((r) => r.jobId === "18")).toMatchObject({
      state: "FAILED",
      exitCode: "3:0",
      restarts: 0,
      name: "fx-exit3",
    });
    expect(rows.find((r) => r.jobId === "24")).toMatchObject({ state: "PENDING", restarts: 1 });
    expect(rows.find((r) => r.jobId === "24")!.exitCode).toBeUndefined();
    expect(rows.find((r) => r.jobIdRaw === "26")).toMatchObject({ jobId: "22_0", base: "22", task: 0 });
  });

  it("reads a pending array range and the reason with blanks restored", () => {
    const [r] = parseScontrolJobs(fx("scontrol-array-pending.txt"));
    expect(r).toMatchObject({ jobId: "29_[0-5%2]", range: "0-5%2", state: "PENDING", reason: "BeginTime" });
    const [x] = parseScontrolJobs(
      "JobId=8 JobName=x JobState=PENDING Reason=ReqNodeNotAvail,_UnavailableNodes:localhost ExitCode=0:0",
    );
    expect(x.reason).toBe("ReqNodeNotAvail, UnavailableNodes:localhost");
  });

  it("keeps blanks inside values and ignores `No jobs in the system`", () => {
    expect(parseScontrolLine("JobId=1 JobName=my job name UserId=root(0) Power=")).toMatchObject({
      JobName: "my job name",
      Power: "",
    });
    expect(parseScontrolJobs("No jobs in the system\n")).toEqual([]);
  });
});

describe("small parsers", () => {
  it("sbatch --parsable: id, id;cluster, garbage", () => {
    expect(parseSbatchParsable("12\n")).toEqual({ jobId: "12" });
    expect(parseSbatchParsable("12;cluster\n")).toEqual({ jobId: "12", cluster: "cluster" });
    expect(parseSbatchParsable("sbatch: warning: x\n13\n")).toEqual({ jobId: "13" });
    expect(parseSbatchParsable("Submitted batch job 12")).toBeUndefined();
    expect(parseSbatchParsable("")).toBeUndefined();
  });

  it("versions, exit codes, unset spellings, array ranges", () => {
    expect(parseSlurmVersion("slurm-wlm 22.05.8\n")).toBe("22.05.8");
    expect(parseSlurmVersion("slurm 23.11.1")).toBe("23.11.1");
    expect(parseSlurmVersion("nothing")).toBeUndefined();
    expect(parseExitCode("3:0")).toEqual({ code: 3, signal: 0 });
    expect(parseExitCode("x")).toBeUndefined();
    for (const v of ["Unknown", "None", "N/A", "(null)", " "]) expect(unsetToUndefined(v)).toBeUndefined();
    expect(expandArrayRange("5-9%2")).toEqual([5, 6, 7, 8, 9]);
    expect(expandArrayRange("[1,3,5-7]")).toEqual([1, 3, 5, 6, 7]);
    expect(expandArrayRange("0-10:5")).toEqual([0, 5, 10]);
    expect(expandArrayRange("9-5")).toBeUndefined();
  });

  it("sinfo partitions (real output) and merged node-state rows", () => {
    expect(parseSinfoPartitions(fx("sinfo.txt"))).toEqual([
      {
        name: "debug",
        default: true,
        availability: "up",
        maxTime: "infinite",
        maxNodes: "1-infinite",
        nodes: "1",
        cpus: "2",
        memory: "24105",
        state: "idle",
      },
      {
        name: "short",
        default: false,
        availability: "up",
        maxTime: "10:00",
        maxNodes: "1",
        nodes: "1",
        cpus: "2",
        memory: "24105",
        state: "idle",
      },
    ]);
    const merged = parseSinfoPartitions(
      "gpu*|up|2-00:00:00|1-4|3|64|512000|idle\ngpu*|up|2-00:00:00|1-4|2|64|512000|mixed\n",
    );
    expect(merged).toEqual([
      {
        name: "gpu",
        default: true,
        availability: "up",
        maxTime: "2-00:00:00",
        maxNodes: "1-4",
        nodes: "5",
        cpus: "64",
        memory: "512000",
        state: "idle,mixed",
      },
    ]);
  });

  it("classifies sbatch errors: transient ones retry, permanent ones fail at once", () => {
    for (const t of [
      "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation",
      "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)",
      "sbatch: error: Slurm temporarily unable to accept job, sleeping and retrying",
      "sbatch: error: slurm_receive_msg: Zero Bytes were transmitted or received",
    ])
      expect(classifySbatchError(t)).toBe("transient");
    for (const p of [
      "sbatch: error: Batch job submission failed: Invalid partition name specified",
      "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified",
      "sbatch: error: Batch job submission failed: Invalid qos specification",
      "sbatch: error: Batch job submission failed: Requested node configuration is not available",
      "sbatch: error: Batch job submission failed: Requested time limit is invalid (missing or exceeds some limit)",
      "",
    ])
      expect(classifySbatchError(p)).toBe("permanent");
  });

  it("classifies sacct failures and squeue's unknown-id answer", () => {
    expect(classifySacctFailure("sacct: error: Slurm accounting storage is disabled")).toBe("disabled");
    expect(classifySacctFailure("sacct: error: Problem talking to the database: Unable to connect to database")).toBe(
      "down",
    );
    expect(classifySacctFailure("")).toBe("down");
    expect(isInvalidJobIdMessage("slurm_load_jobs error: Invalid job id specified")).toBe(true);
    expect(isInvalidJobIdMessage("slurm_load_jobs error: Unable to contact slurm controller")).toBe(false);
  });
});

describe("buildObservations: merging sources (real rows)", () => {
  const sacctMixed = parseSacct(fx("sacct-mixed.txt"));
  const squeueMixed = parseSqueue(fx("squeue-mixed.txt"));
  const ids = ["17", "18", "19", "20", "21", "22", "23", "24"];
  const obs = buildObservations(ids, { sacct: sacctMixed, squeue: squeueMixed });
  const decided = (id: string) => judge(obs.get(id));

  it("decides each real scenario", () => {
    expect(decided("17")).toMatchObject({ phase: "succeeded", terminal: true });
    expect(decided("18")).toMatchObject({ phase: "failed", failureReason: "exit_code" });
    expect(decided("19")).toMatchObject({ phase: "failed", failureReason: "timeout" });
    expect(decided("20")).toMatchObject({ phase: "failed", failureReason: "cancelled" });
    expect(decided("21")).toMatchObject({ phase: "failed", failureReason: "cancelled" });
    expect(decided("22")).toMatchObject({ phase: "succeeded", terminal: true });
    expect(decided("23")).toMatchObject({ phase: "pending", terminal: false });
    expect(decided("23").detail).toContain("PartitionNodeLimit");
    expect(decided("24")).toMatchObject({ phase: "pending", terminal: false });
  });

  it("final sacct rows carry the .batch step and squeue's restart count", () => {
    expect(obs.get("19")).toMatchObject({
      source: "sacct",
      state: "TIMEOUT",
      batchState: "CANCELLED",
      batchExitCode: "0:15",
      restarts: 0,
    });
    expect(obs.get("24")).toMatchObject({ source: "squeue", state: "PENDING", restarts: 1 });
  });

  it("an array becomes one observation with its tasks, raw ids kept", () => {
    const a = obs.get("22")!;
    expect(a.tasks!.map((t) => [t.jobId, t.jobIdRaw, t.state])).toEqual([
      ["22_0", "26", "COMPLETED"],
      ["22_1", "27", "COMPLETED"],
      ["22_2", "22", "COMPLETED"],
    ]);
    expect(a.state).toBe("ARRAY COMPLETED=3");
    expect(a.name).toBe("fx-array");
  });

  it("a single task can be asked for, and an array task by its raw id", () => {
    const m = buildObservations(["22_1", "27"], { sacct: sacctMixed, squeue: squeueMixed });
    expect(m.get("22_1")).toMatchObject({ jobId: "22_1", jobIdRaw: "27", state: "COMPLETED", batchState: "COMPLETED" });
    expect(m.get("22_1")!.tasks).toBeUndefined();
    expect(m.get("27")).toMatchObject({ state: "COMPLETED" });
  });

  it("the lag window: sacct PENDING/allocation + .batch RUNNING, squeue live", () => {
    const m = buildObservations(["17", "18"], {
      sacct: parseSacct(fx("sacct-early.txt")),
      squeue: parseSqueue(fx("squeue-early.txt")),
    });
    // 17: squeue says RUNNING (live, non-terminal wins); sacct's placeholder name is not used.
    expect(m.get("17")).toMatchObject({ source: "squeue", state: "RUNNING", name: "fx-ok", batchState: "RUNNING" });
    expect(judge(m.get("17")).phase).toBe("running");
    // 18: squeue already FAILED 3:0 while sacct still lags: the controller's terminal state is used.
    expect(m.get("18")).toMatchObject({ source: "squeue", state: "FAILED", exitCode: "3:0" });
    expect(judge(m.get("18")).failureReason).toBe("exit_code");
    // Without squeue, the sacct lag rows alone say running (batch started), not final.
    const s = buildObservations(["17"], { sacct: parseSacct(fx("sacct-early.txt")), squeue: [] });
    expect(judge(s.get("17"))).toMatchObject({ phase: "running", terminal: false });
  });

  it("a requeued job: a live PENDING squeue row wins over a final-looking sacct row", () => {
    const sacct = parseSacct(
      "24|24|PREEMPTED|0:0|None|2026-11-28T16:43:03|2026-11-28T16:43:09|00:00:06|localhost|fx-requeue\n",
    );
    const m = buildObservations(["24"], { sacct, squeue: squeueMixed });
    expect(judge(m.get("24"))).toMatchObject({ phase: "pending", terminal: false });
    const gone = buildObservations(["24"], { sacct, squeue: [] });
    expect(judge(gone.get("24"))).toMatchObject({
      phase: "failed",
      failureReason: "preempted",
    });
  });

  it("pending and cancelled array ranges (squeue) and sacct's plain row for a cancelled pending array", () => {
    const pend = buildObservations(["29"], { sacct: [], squeue: parseSqueue(fx("squeue-array-pending.txt")) });
    expect(pend.get("29")!.tasks!.map((t) => t.jobId)).toEqual(["29_[0-5%2]"]);
    expect(judge(pend.get("29"))).toMatchObject({
      phase: "pending",
      terminal: false,
    });
    const cancelled = buildObservations(["29"], {
      sacct: parseSacct(fx("sacct-array-cancelled.txt")),
      squeue: parseSqueue(fx("squeue-array-cancelled.txt")),
    });
    expect(judge(cancelled.get("29"))).toMatchObject({
      phase: "failed",
      failureReason: "cancelled",
    });
    const onlySacct = buildObservations(["29"], { sacct: parseSacct(fx("sacct-array-cancelled.txt")), squeue: [] });
    expect(judge(onlySacct.get("29"))).toMatchObject({
      failureReason: "cancelled",
      cancelledBy: "0",
    });
  });

  it("a pending range shrinks by the tasks that have their own rows", () => {
    const squeue = parseSqueue(
      "5_[1-2]|5|PENDING|Resources|0|0||N/A|N/A|0:00|a\n5_0|6|RUNNING|None|0|0|localhost|2026-11-28T16:37:35|NONE|0:01|a\n",
    );
    const sacct = parseSacct("5_[0-2]|5|PENDING|0:0|None|Unknown|Unknown|00:00:00|None assigned|a\n");
    const t = buildObservations(["5"], { sacct, squeue }).get("5")!.tasks!;
    expect(t.map((x) => [x.jobId, x.state, x.source])).toEqual([
      ["5_0", "RUNNING", "squeue"],
      ["5_[1-2]", "PENDING", "squeue"],
    ]);
  });

  it("the scontrol fallback (no sacct) gives exit codes and restarts", () => {
    const m = buildObservations(["18", "24", "22"], {
      squeue: [],
      scontrol: parseScontrolJobs(fx("scontrol-mixed.txt")),
    });
    expect(m.get("18")).toMatchObject({ source: "scontrol", state: "FAILED", exitCode: "3:0" });
    expect(m.get("24")).toMatchObject({ source: "scontrol", restarts: 1 });
    expect(m.get("22")!.tasks!.map((t) => t.jobId)).toEqual(["22_0", "22_1", "22_2"]);
  });

  it("a job no source shows has no observation", () => {
    expect(buildObservations(["999"], { sacct: sacctMixed, squeue: squeueMixed }).has("999")).toBe(false);
  });
});
