/**
 * Issue 13, efficiency and SLURM's times: the accounting figures folded from
 * the tick's one sacct answer (job row + step rows), the efficiency record and
 * its right-sizing hints, the expected start of a waiting job, and the
 * duration rule's two spans. Tables; the recorded answers are real:
 * - `sacct-usage.txt`: the dev cluster (Slurm 22.05.8, jobacct_gather/linux,
 *   no GPU), asked with today's SACCT_FIELDS (fixtures/slurm/README.md);
 * - the GPU TRES strings: the dev cluster has no GPU, so they are strings real
 *   clusters printed, as published (sources at each row).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDuration, jobSpans } from "../../src/domain/duration.js";
import { efficiencyOf, recordUsage, steadyEstimate, type JobUsage } from "../../src/domain/efficiency.js";
import { waitingNotice } from "../../src/domain/pending.js";
import { decideRun, stableText, type JobFacts, type JobVerdict, type RunInput } from "../../src/domain/tick.js";
import type { RunManifest } from "../../src/contract/types.js";
import { parseSacct, parseSqueue } from "../../src/scheduler/slurm-cli/parse.js";
import { buildObservations } from "../../src/scheduler/slurm-cli/query.js";
import { parseTres, reqMemPerNode, slurmBytes, tresGpus, usageOf } from "../../src/scheduler/slurm-cli/usage.js";

const fx = (name: string) => readFileSync(new URL(`../fixtures/slurm/${name}`, import.meta.url), "utf8");
const MiB = 1024 ** 2;

describe("accounting values as sacct prints them", () => {
  it.each([
    ["221344K", 221344 * 1024],
    ["500M", 500 * MiB],
    ["4G", 4 * 1024 ** 3],
    ["10621726720", 10621726720],
    ["", undefined],
    ["Unknown", undefined],
    ["12X", undefined],
  ] as Array<[string, number | undefined]>)("bytes %s -> %s", (v, want) => expect(slurmBytes(v)).toBe(want));

  it.each([
    ["500M", 1, 1, 500 * MiB],
    ["500Mn", 4, 2, 500 * MiB],
    ["1000Mc", 4, 1, 4000 * MiB],
    ["1000Mc", 4, 2, 2000 * MiB],
    ["2G", undefined, undefined, 2048 * MiB],
    ["0", 1, 1, 0],
    ["", 1, 1, undefined],
  ] as Array<[string, number | undefined, number | undefined, number | undefined]>)(
    "ReqMem %s (cpus %s, nodes %s) -> %s per node",
    (v, cpus, nodes, want) => expect(reqMemPerNode(v, cpus, nodes)).toBe(want),
  );

  it.each([
    // Recorded by a user of slurm-mail (neilmunday/slurm-mail#142): generic and typed GPU both listed.
    ["billing=64,cpu=9,gres/cpu=9,gres/gpu:a100_3g.20gb=1,gres/gpu=1,mem=60G,node=1", 1],
    ["billing=192,cpu=16,gres/cpu=16,gres/gpu:h100=1,gres/gpu=1,mem=180G,node=1", 1],
    // Typed only: summed.
    ["cpu=8,gres/gpu:a100=2,gres/gpu:v100=3,mem=64G", 5],
    // gpumem / gpuutil are not GPU counts.
    ["cpu=8,gres/gpumem=80G,gres/gpuutil=0", undefined],
    // The dev cluster: no GPU tracked.
    ["billing=1,cpu=1,node=1", undefined],
  ] as Array<[string, number | undefined]>)("GPUs of %s -> %s", (tres, want) =>
    expect(tresGpus(parseTres(tres))).toBe(want),
  );

  it("folds GPU use from the steps' TRESUsageInTot of a real GPU job", () => {
    // CU Boulder Research Computing's documentation (ResearchComputing/Documentation#498) shows sacct's
    // TRES usage of one GPU job: the batch step used the GPU, the extern step did not.
    const usage = usageOf(
      { allocTres: "billing=1,cpu=1,gres/gpu=1,mem=10G,node=1", elapsed: "01:00:00", allocCpus: "1" },
      [
        {
          tresUsage:
            "cpu=00:56:24,energy=0,fs/disk=350130624578,gres/gpumem=40777023488,gres/gpuutil=100,mem=10621726720,pages=3465,vmem=10439041024",
        },
        { tresUsage: "cpu=00:00:00,energy=0,fs/disk=5273,gres/gpumem=0,gres/gpuutil=0,mem=262144,pages=0,vmem=0" },
      ],
    );
    expect(usage).toMatchObject({ gpus: 1, gpuUtilPercent: 100, gpuMemBytes: 40777023488 });
    expect(efficiencyOf(usage, { jobId: "18194943", state: "COMPLETED" })).toMatchObject({ gpus: 1, gpu_util: 1 });
  });
});

describe("the tick's one sacct answer, steps folded into their job (recorded on the dev cluster)", () => {
  const sacct = parseSacct(fx("sacct-usage.txt"));
  const obs = buildObservations(["162", "163"], { sacct, squeue: [] });

  it("a busy job: TotalCPU from its row, MaxRSS the largest of its steps, ReqMem, Timelimit, Submit", () => {
    const o = obs.get("162")!;
    expect(o.state).toBe("COMPLETED");
    expect(o.submit).toMatch(/^2026-12-03T/);
    expect(o.usage).toMatchObject({ allocCpus: 1, nodes: 1, reqMemBytes: 500 * MiB, timeLimitSeconds: 120 });
    expect(o.usage!.totalCpuSeconds!).toBeGreaterThanOrEqual(7);
    // The python program held 200 MiB: its batch step's MaxRSS says so.
    expect(o.usage!.maxRssBytes!).toBeGreaterThan(200 * MiB);
    expect(o.usage!.maxRssBytes!).toBeLessThan(400 * MiB);
    expect(o.usage!.gpus).toBeUndefined();
    const e = efficiencyOf(o.usage, { jobId: "162", state: o.state })!;
    expect(e.cpu_efficiency!).toBeGreaterThan(0.8);
    expect(e.memory_used!).toBeGreaterThan(0.4);
    // Busy: no CPU hint; 216 MiB of 500 MiB and 8 s of 2 min are under half.
    expect(e.hints.map((h) => h.split(":")[0])).toEqual(["memory", "time"]);
    expect(e.hints[0]).toMatch(/^memory: used 216.0 MiB of 500.0 MiB \(43%\)/);
  });

  it("a sleeping job: hardly any CPU, little memory, a fraction of its time: three hints", () => {
    const e = efficiencyOf(obs.get("163")!.usage, { jobId: "163", state: "COMPLETED" })!;
    expect(e.cpu_efficiency!).toBeLessThan(0.1);
    expect(e.hints.map((h) => h.split(":")[0]).sort()).toEqual(["CPU", "memory", "time"]);
  });
});

const U: JobUsage = {
  timeLimitSeconds: 3600,
  elapsedSeconds: 3000,
  allocCpus: 4,
  nodes: 1,
  totalCpuSeconds: 11000,
  reqMemBytes: 8 * 1024 * MiB,
  maxRssBytes: 6 * 1024 * MiB,
};

describe("efficiencyOf", () => {
  it.each([
    ["a well-sized job: no hint", U, "COMPLETED", 0.5, []],
    ["memory under half", { ...U, maxRssBytes: 1024 * MiB }, "COMPLETED", 0.5, ["memory"]],
    ["one of four CPUs busy", { ...U, totalCpuSeconds: 3000 }, "COMPLETED", 0.5, ["CPU"]],
    ["a tenth of its time", { ...U, elapsedSeconds: 360, totalCpuSeconds: 1400 }, "COMPLETED", 0.5, ["time"]],
    ["the policy's threshold (0.8)", { ...U, maxRssBytes: 5 * 1024 * MiB }, "COMPLETED", 0.8, ["memory"]],
    ["a failed job: figures, no hint", { ...U, maxRssBytes: 1 }, "FAILED", 0.5, []],
    ["a timed-out job: no hint", { ...U, elapsedSeconds: 3600, totalCpuSeconds: 10 }, "TIMEOUT", 0.5, []],
    ["idle GPUs", { ...U, gpus: 2, gpuUtilPercent: 30 }, "COMPLETED", 0.5, ["GPU"]],
    [
      "busy GPUs (a sum over two reads as capped, never as idle)",
      { ...U, gpus: 2, gpuUtilPercent: 180 },
      "COMPLETED",
      0.5,
      [],
    ],
    ["memory not sampled: no memory figure, no hint", { ...U, maxRssBytes: undefined }, "COMPLETED", 0.5, []],
  ] as Array<[string, JobUsage, string, number, string[]]>)("%s", (_n, usage, state, below, kinds) => {
    const e = efficiencyOf(usage, { jobId: "1", state, hintBelow: below })!;
    expect(e.hints.map((h) => h.split(":")[0])).toEqual(kinds);
    expect(e.hint_below).toBe(below);
  });

  it("computes the ratios; no ratio without a limit, elapsed time or request", () => {
    expect(efficiencyOf(U, { jobId: "1", state: "COMPLETED" })).toMatchObject({
      time_used: 0.833,
      cpu_efficiency: 0.917,
      memory_used: 0.75,
      hints: [],
    });
    const e = efficiencyOf(
      { timeLimitSeconds: "unlimited", elapsedSeconds: 0, allocCpus: 2, totalCpuSeconds: 0 },
      { jobId: "1", state: "COMPLETED" },
    )!;
    expect(e.time_used).toBeUndefined();
    expect(e.cpu_efficiency).toBeUndefined();
    expect(e.memory_used).toBeUndefined();
    expect(efficiencyOf(undefined, { jobId: "1", state: "COMPLETED" })).toBeUndefined();
  });

  it("a hint names the request that would fit", () => {
    const e = efficiencyOf(
      { ...U, maxRssBytes: 1024 * MiB, elapsedSeconds: 600, totalCpuSeconds: 2300 },
      {
        jobId: "1",
        state: "COMPLETED",
      },
    )!;
    expect(e.hints).toEqual([
      "memory: used 1.0 GiB of 8.0 GiB (13%); memory_estimate: 1536MB would fit",
      'time: ran 17% of its limit; walltime_estimate: "00:15:00" would fit (a shorter limit often starts sooner)',
    ]);
  });
});

describe("the expected start of a waiting job", () => {
  const AT = "2026-12-03T12:00:00Z";
  it.each([
    ["first estimate", undefined, "2026-12-03T14:00:00Z", "2026-12-03T14:00:00Z"],
    ["moved by 2 min of a 2 h wait: kept", "2026-12-03T14:00:00Z", "2026-12-03T14:02:00Z", "2026-12-03T14:00:00Z"],
    ["moved by 30 min of a 2 h wait: taken", "2026-12-03T14:00:00Z", "2026-12-03T14:30:00Z", "2026-12-03T14:30:00Z"],
    [
      "moved by 20 min of a 10 h wait: kept (10%)",
      "2026-12-03T22:00:00Z",
      "2026-12-03T22:20:00Z",
      "2026-12-03T22:00:00Z",
    ],
    ["no estimate", "2026-12-03T14:00:00Z", undefined, undefined],
    ["an estimate in the past is none", undefined, "2026-12-03T11:00:00Z", undefined],
  ] as Array<[string, string | undefined, string | undefined, string | undefined]>)("%s", (_n, prev, next, want) =>
    expect(steadyEstimate(prev, next, AT)).toBe(want),
  );

  it("squeue's StartTime of a pending job is its expected start, never its start", () => {
    const [row] = parseSqueue(
      "152|152|PENDING|Resources|0|0||2026-12-03T15:26:36|2026-12-03T15:27:36|0:00|2026-12-03T15:25:36|wrap\n",
    );
    expect(row).toMatchObject({ expectedStart: "2026-12-03T15:26:36", submit: "2026-12-03T15:25:36" });
    expect(row.start).toBeUndefined();
    const o = buildObservations(["152"], { sacct: [], squeue: [row] }).get("152")!;
    expect(o).toMatchObject({ expectedStart: "2026-12-03T15:26:36", submit: "2026-12-03T15:25:36" });
  });
});

describe("the monitor records SLURM's times and the efficiency (domain/tick.ts)", () => {
  const NOW = new Date("2026-12-03T12:00:00Z");
  const manifest = (over: Partial<RunManifest> = {}): RunManifest => ({
    schema_version: "1.0",
    run_id: "20261203T110000Z_abcdef",
    iteration_id: "it1",
    host_mode: "slurm",
    command: "sbatch x",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    status: "submitted",
    job_id: "42",
    timestamps: { started_at: "2026-12-03T11:00:00Z" },
    slurm: { job_id: "42" },
    ...over,
  });
  const input = (m: RunManifest, job: JobFacts, verdict: JobVerdict, over: Partial<RunInput> = {}): RunInput => ({
    manifest: m,
    file: "experiments/it1/runs/r/run_manifest.json",
    at: NOW.toISOString(),
    now: NOW,
    graceSeconds: 600,
    answer: "answered",
    job,
    verdict,
    sentinel: { state: "missing" },
    ...over,
  });
  const pending: JobVerdict = { phase: "pending", terminal: false, detail: "pending" };

  it("a waiting job: slurm.submit and slurm.expected_start, and a notice with the estimate", () => {
    const job: JobFacts = {
      state: "PENDING",
      reason: "Resources",
      source: "squeue",
      submit: "2026-12-03T11:00:05Z",
      expectedStart: "2026-12-03T14:00:00Z",
    };
    const step = decideRun(input(manifest(), job, pending));
    expect(step.manifest.slurm).toMatchObject({
      submit: "2026-12-03T11:00:05Z",
      expected_start: "2026-12-03T14:00:00Z",
    });
    expect(step.findings).toEqual([
      expect.objectContaining({
        severity: "notice",
        check: "scheduler.expected_start",
        message: expect.stringMatching(/waiting \(Resources\); SLURM expects it to start at 2026-12-03T14:00:00Z$/),
      }),
    ]);
    // The next tick's estimate moved a little: nothing to write.
    const again = decideRun(input(step.manifest, { ...job, expectedStart: "2026-12-03T14:01:00Z" }, pending));
    expect(stableText(again.manifest)).toBe(stableText(step.manifest));
    // ...and says the same (the findings check run is not posted again).
    expect(again.findings).toEqual(step.findings);
    // It starts: the estimate goes.
    const started = decideRun(
      input(
        again.manifest,
        { ...job, state: "RUNNING", start: "2026-12-03T12:00:00Z", reason: undefined },
        {
          phase: "running",
          terminal: false,
          detail: "running",
        },
      ),
    );
    expect(started.manifest.slurm?.expected_start).toBeUndefined();
  });

  it("a pending job without an estimate gets no notice; one that never starts is not 'waiting'", () => {
    const job: JobFacts = { state: "PENDING", reason: "Priority", source: "squeue" };
    expect(decideRun(input(manifest(), job, pending)).findings).toEqual([]);
    const never = decideRun(
      input(manifest(), { ...job, reason: "JobHeldUser", expectedStart: "2026-12-03T14:00:00Z" }, pending, {
        neverStarts: true,
      }),
    );
    expect(never.findings.map((f) => f.check)).toEqual(["scheduler.never_starts"]);
  });

  it("an ended job: the efficiency record from the same answer, with the policy's threshold", () => {
    const job: JobFacts = {
      state: "FAILED",
      exitCode: "1:0",
      source: "sacct",
      start: "2026-12-03T11:01:00Z",
      end: "2026-12-03T11:51:00Z",
      usage: U,
    };
    const v: JobVerdict = { phase: "failed", terminal: true, failureReason: "exit_code", detail: "failed" };
    const step = decideRun(input(manifest({ status: "running" }), job, v, { efficiencyHintBelow: 0.8 }));
    expect(step.manifest.efficiency).toMatchObject({
      job_id: "42",
      state: "FAILED",
      cpu_efficiency: 0.917,
      hint_below: 0.8,
    });
    // A running job has no efficiency yet.
    const running = decideRun(
      input(
        manifest(),
        { ...job, state: "RUNNING", end: undefined },
        { phase: "running", terminal: false, detail: "r" },
      ),
    );
    expect(running.manifest.efficiency).toBeUndefined();
  });

  it("recordUsage keeps what it does not know", () => {
    const m = manifest({ slurm: { job_id: "42", submit: "2026-12-03T11:00:05Z" } });
    recordUsage(m, { state: "RUNNING" }, { phase: "running", terminal: false }, { jobId: "42", at: NOW.toISOString() });
    expect(m.slurm).toEqual({ job_id: "42", submit: "2026-12-03T11:00:05Z" });
  });

  it("waitingNotice needs a recorded estimate", () => {
    expect(waitingNotice(manifest(), "42", "f")).toBeUndefined();
  });
});

describe("the duration rule: queue wait and run time from SLURM's times (domain/duration.ts)", () => {
  const NOW = new Date("2026-12-03T12:00:00Z");
  it.each([
    [
      "ended",
      { submit: "2026-12-03T10:00:00Z", start: "2026-12-03T10:05:00Z", end: "2026-12-03T11:05:00Z" },
      false,
      { queuedSeconds: 300, runSeconds: 3600 },
    ],
    [
      "running: the run to now",
      { submit: "2026-12-03T10:00:00Z", start: "2026-12-03T11:00:00Z" },
      true,
      { queuedSeconds: 3600, runSeconds: 3600 },
    ],
    ["waiting: the queue to now, no run", { submit: "2026-12-03T11:30:00Z" }, true, { queuedSeconds: 1800 }],
    ["waiting, no now asked (a check run): nothing", { submit: "2026-12-03T11:30:00Z" }, true, {}, null],
    [
      "ended without an end recorded: no run time",
      { submit: "2026-12-03T10:00:00Z", start: "2026-12-03T10:05:00Z" },
      false,
      { queuedSeconds: 300 },
    ],
    [
      "no submit: no queue wait",
      { start: "2026-12-03T10:05:00Z", end: "2026-12-03T10:06:00Z" },
      false,
      { runSeconds: 60 },
    ],
    [
      "a start before the submit (clocks): 0",
      { submit: "2026-12-03T10:05:00Z", start: "2026-12-03T10:04:00Z", end: "2026-12-03T10:06:00Z" },
      false,
      { queuedSeconds: 0, runSeconds: 120 },
    ],
    [
      "a zoneless SLURM time is local time, as SLURM prints it",
      { submit: "2026-12-03T10:00:00", start: "2026-12-03T10:00:07", end: "2026-12-03T10:00:15" },
      false,
      { queuedSeconds: 7, runSeconds: 8 },
    ],
  ] as Array<[string, { submit?: string; start?: string; end?: string }, boolean, object, null?]>)(
    "%s",
    (_n, t, going, want, noNow) => {
      expect(jobSpans({ ...t, going }, noNow === null ? undefined : NOW)).toEqual(want);
    },
  );

  it.each([
    [7, "7s"],
    [65, "1m 05s"],
    [3723, "1h 02m 03s"],
    [90061, "1d 1h 01m"],
  ] as Array<[number, string]>)("%s s -> %s", (s, want) => expect(formatDuration(s)).toBe(want));
});
