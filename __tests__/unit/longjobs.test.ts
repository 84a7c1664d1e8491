/**
 * Long jobs, pure parts: compute.checkpoint_signal as a request and a
 * directive, its conflicts, and the sentinel's workload fields.
 */
import { describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import { nextAttempts, type AttemptFacts, type AttemptRecord } from "../../src/domain/attempts.js";
import { monitorSettings } from "../../src/domain/settings.js";
import { failsFast } from "../../src/scheduler/states.js";
import { parseSentinel, RESUME_EXIT_CODE } from "../../src/domain/sentinel.js";
import { jobRequest, renderLocalScript, renderSlurmScript } from "../../src/scheduler/slurm-cli/render.js";
import { validateComputeValues } from "../../src/scheduler/slurm-cli/values.js";

function input(compute: Record<string, unknown>) {
  return {
    design: { compute: { location: "slurm", ...compute }, entrypoint: { cli: "python train.py" } } as Design,
    runId: "20260102T030405Z_a1b2c3",
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: "/home/me/repo",
    pythonBin: "python3",
  };
}

describe("compute.checkpoint_signal", () => {
  it.each([
    ["USR1@120", { signal: "USR1", seconds: 120 }, "B:USR1@120"],
    ["SIGUSR2@300", { signal: "USR2", seconds: 300 }, "B:USR2@300"],
    [" USR1@1 ", { signal: "USR1", seconds: 1 }, "B:USR1@1"],
  ])("%s -> %o, --signal=%s", (raw, want, directive) => {
    expect(jobRequest(input({ checkpoint_signal: raw })).resources.checkpointSignal).toEqual(want);
    expect(renderSlurmScript(input({ checkpoint_signal: raw })).directives).toContainEqual({
      option: "--signal",
      value: directive,
    });
  });

  it.each([
    ["TERM@60", /not of the form/],
    ["USR1", /not of the form/],
    ["USR1@0", /outside 1\.\.65535/],
    ["USR1@70000", /outside 1\.\.65535/],
    [120, /must be a string/],
  ])("refuses %s", (raw, msg) => {
    const fs = validateComputeValues(input({ checkpoint_signal: raw }).design);
    expect(fs).toEqual([expect.objectContaining({ severity: "error", jsonPath: "/compute/checkpoint_signal" })]);
    expect(fs[0].message).toMatch(msg);
  });

  it("conflicts with a --signal in sbatch_options", () => {
    const fs = validateComputeValues(
      input({ checkpoint_signal: "USR1@60", sbatch_options: ["--signal=USR2@30"] }).design,
    );
    expect(fs).toEqual([
      expect.objectContaining({ jsonPath: "/compute/checkpoint_signal", message: expect.stringMatching(/conflicts/) }),
    ]);
  });

  it("without it, no --signal directive; the script traps USR1/USR2 either way", () => {
    const r = renderSlurmScript(input({}));
    expect(r.directives.map((d) => d.option)).not.toContain("--signal");
    for (const s of [r.script, renderLocalScript(input({})).script]) {
      expect(s).toContain("trap '__autolab_on_checkpoint USR1' USR1\n");
      expect(s).toContain("trap '__autolab_on_checkpoint USR2' USR2\n");
      expect(s).toContain(`export AUTOLAB_RESUME_EXIT_CODE=${RESUME_EXIT_CODE}\n`);
    }
  });

  it("runtime.env cannot set the script's own __AUTOLAB_ variables", () => {
    const design = { ...input({}).design, runtime: { env: { __AUTOLAB_WORKLOAD_RC: "0" } } } as Design;
    expect(() => renderSlurmScript({ ...input({}), design })).toThrow(/cannot be overridden/);
  });
});

describe("sentinel workload fields", () => {
  it.each([
    [
      '{"exit_code":85,"workload_exit_code":85,"checkpoint_signal":"USR1","resume_requested":true,"restart_count":2}',
      { exitCode: 85, workloadExitCode: 85, checkpointSignal: "USR1", resumeRequested: true, restartCount: 2 },
    ],
    ['{"exit_code":1,"workload_exit_code":null,"resume_requested":false}', { exitCode: 1 }],
    ['{"exit_code":0,"restart_count":-1,"resume_requested":"yes"}', { exitCode: 0 }],
  ])("%s", (text, want) => {
    const s = parseSentinel(text);
    expect(s).toMatchObject({ state: "present", ...want });
    for (const k of ["workloadExitCode", "checkpointSignal", "resumeRequested", "restartCount"] as const)
      if (!(k in want)) expect(s).not.toHaveProperty(k);
  });
});

describe("attempts[] (domain/attempts.nextAttempts)", () => {
  const at = "2026-12-03T10:00:00Z";
  const base = { jobId: "7", at, pending: false, terminal: false };
  type Row = [string, AttemptRecord[], Partial<AttemptFacts>, Array<Partial<AttemptRecord>>];
  const first: AttemptRecord = {
    attempt: 1,
    job_id: "7",
    restart_count: 0,
    cause: "launch",
    seen_at: at,
    state: "RUNNING",
    start: "2026-12-03T09:59:00",
    nodes: "n1",
  };
  const rows: Row[] = [
    [
      "first sight while pending: attempt 1, reason kept, no estimates",
      [],
      { pending: true, state: "PENDING", reason: "Priority", start: "2026-12-04T00:00:00", nodeList: "n9" },
      [{ attempt: 1, job_id: "7", restart_count: 0, cause: "launch", state: "PENDING", reason: "Priority" }],
    ],
    [
      "running: start and nodes, the pending reason dropped",
      [{ ...first, state: "PENDING", reason: "Priority", start: undefined, nodes: undefined }],
      { state: "RUNNING", start: "2026-12-03T09:59:00", nodeList: "n1", restarts: 0 },
      [{ attempt: 1, state: "RUNNING", start: "2026-12-03T09:59:00", nodes: "n1", reason: undefined }],
    ],
    [
      "a requeue (restart count 1): attempt 1 closed as REQUEUED, attempt 2 opened pending",
      [first],
      { pending: true, state: "PENDING", reason: "BeginTime", restarts: 1 },
      [
        { attempt: 1, state: "REQUEUED", end: at, start: "2026-12-03T09:59:00", nodes: "n1" },
        { attempt: 2, job_id: "7", restart_count: 1, cause: "requeue", state: "PENDING", reason: "BeginTime" },
      ],
    ],
    [
      "a requeue only the sentinel saw (squeue had forgotten the job)",
      [first],
      { state: "COMPLETED", terminal: true, exitCode: "0:0", end: "2026-12-03T10:05:00", sentinelRestarts: 1 },
      [
        { attempt: 1, state: "REQUEUED" },
        {
          attempt: 2,
          restart_count: 1,
          cause: "requeue",
          state: "COMPLETED",
          exit_code: "0:0",
          end: "2026-12-03T10:05:00",
        },
      ],
    ],
    [
      "another job id: a resubmission",
      [{ ...first, state: "TIMEOUT", end: "2026-12-03T09:59:30" }],
      { jobId: "8", pending: true, state: "PENDING" },
      [
        { attempt: 1, job_id: "7", state: "TIMEOUT" },
        { attempt: 2, job_id: "8", cause: "resubmit" },
      ],
    ],
    [
      "an end is recorded only once final",
      [first],
      { state: "RUNNING", end: "2026-12-03T11:00:00" },
      [{ attempt: 1, end: undefined }],
    ],
  ];
  it.each(rows)("%s", (_what, prev, facts, want) => {
    const got = nextAttempts(prev, { ...base, ...facts });
    expect(got).toHaveLength(want.length);
    want.forEach((w, k) => {
      for (const [key, value] of Object.entries(w)) expect(got[k][key], `${k}.${key}`).toEqual(value);
    });
    expect(prev.every((a) => a.attempt !== 2)).toBe(true); // the input is not changed
  });

  it("an idle tick changes nothing", () => {
    const once = nextAttempts([], { ...base, state: "RUNNING", start: "s", nodeList: "n1", restarts: 0 });
    expect(
      nextAttempts(once, { ...base, at: "later", state: "RUNNING", start: "s", nodeList: "n1", restarts: 0 }),
    ).toEqual(once);
  });
});

describe("pending reasons: fail fast, or wait (scheduler/states.failsFast)", () => {
  it.each([
    ["PartitionTimeLimit", true],
    ["PartitionConfig", true],
    ["QOSMaxWallDurationPerJobLimit", true],
    ["AssocMaxCpuPerJobLimit", true],
    ["BadConstraints", true],
    ["DependencyNeverSatisfied", true],
    ["InvalidAccount", true],
    ["AssocMaxJobsLimit", false],
    ["QOSMaxJobsPerUserLimit", false],
    ["Resources", false],
    ["Priority", false],
    ["JobHeldUser", false],
    ["JobHeldAdmin", false],
    ["ReqNodeNotAvail, UnavailableNodes:n1", false],
    ["PartitionDown", false],
    [undefined, false],
  ] as const)("%s -> %s", (reason, want) => {
    expect(failsFast(reason)).toBe(want);
  });

  it("slurm.monitor.max_pending is a span", () => {
    expect(monitorSettings({ slurm: { monitor: { max_pending: "2d" } } }).maxPendingSeconds).toBe(172800);
    expect(monitorSettings({ slurm: { monitor: { max_pending: 90 } } }).maxPendingSeconds).toBe(90);
    expect(monitorSettings({}).maxPendingSeconds).toBeUndefined();
  });
});
