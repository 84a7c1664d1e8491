/**
 * domain/tick.ts as tables: the per-run decision of a monitor tick, without a
 * cluster, processes or files. Every outcome the cluster tests drive through
 * the real scheduler (completed with and without a sentinel inside and past
 * the grace, each failure reason, name mismatch, unknown job, outage,
 * accounting down, pending reasons that never start) has a row here.
 */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import type { Sentinel } from "../../src/domain/sentinel.js";
import {
  afterSync,
  asksScheduler,
  decideRun,
  needsExtract,
  needsWork,
  stableText,
  type RunInput,
} from "../../src/domain/tick.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import type { JobObservation } from "../../src/scheduler/slurm-cli/statemap.js";

const RUN = "20261128T000000Z_abcdef";
const AT = "2026-11-28T12:00:00Z";
const NOW = new Date(AT);
const FILE = `experiments/in_progress/it/runs/${RUN}/run_manifest.json`;

function manifest(extra: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: RUN,
    iteration_id: "it",
    host_mode: "slurm",
    command: "true",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-11-28T11:00:00Z" },
    status: "submitted",
    job_id: "42",
    slurm: { job_id: "42", job_name: `autolab-${RUN}` },
    history: [{ from: "pending", to: "submitted", at: "2026-11-28T11:00:00Z", evidence: "sbatch returned job 42" }],
    ...extra,
  };
}

function obs(state: string, extra: Partial<JobObservation> = {}): JobObservation {
  return {
    jobId: "42",
    name: `autolab-${RUN}`,
    state,
    source: "sacct",
    ...(/^(COMPLETED|FAILED|TIMEOUT|CANCELLED|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE|REVOKED|SPECIAL_EXIT)/.test(
      state,
    )
      ? { end: "2026-11-28T11:59:00" }
      : {}),
    ...extra,
  };
}

const NONE: Sentinel = { state: "missing" };
const exit = (n: number | undefined): Sentinel =>
  n === undefined ? { state: "present", data: {} } : { state: "present", exitCode: n, data: { exit_code: n } };

function input(o: JobObservation | undefined, extra: Partial<RunInput> = {}): RunInput {
  // The adapter's pure judge gives the observation its meaning, as in the monitor.
  const judged = o ? slurmCli().judge(o) : undefined;
  const verdict = judged ? (({ neverStarts: _n, failsFast: _f, ...v }) => v)(judged) : undefined;
  return {
    manifest: manifest(),
    file: FILE,
    at: AT,
    now: NOW,
    graceSeconds: 600,
    answer: "answered",
    job: o,
    verdict,
    sentinel: NONE,
    neverStarts: judged?.neverStarts ?? false,
    failsFast: judged?.failsFast ?? false,
    ...extra,
  };
}

describe("decideRun: the pending watchdog", () => {
  it.each([
    ["PartitionTimeLimit", {}, "failed", "never_starts", "42"],
    ["QOSMaxWallDurationPerJobLimit", {}, "failed", "never_starts", "42"],
    ["BadConstraints", {}, "failed", "never_starts", "42"],
    ["DependencyNeverSatisfied", {}, "failed", "never_starts", "42"],
    ["AssocMaxJobsLimit", {}, "submitted", undefined, undefined], // waits for other jobs to end
    ["JobHeldUser", {}, "submitted", undefined, undefined], // someone may release it
    ["Priority", { maxPendingSeconds: 3600 }, "submitted", undefined, undefined], // launched 1 h ago, not more
    ["Priority", { maxPendingSeconds: 3599 }, "failed", "pending_timeout", "42"],
    ["JobHeldUser", { maxPendingSeconds: 60 }, "failed", "pending_timeout", "42"],
  ] as const)("PENDING %s %j -> %s (%s), cancel %s", (reason, extra, status, failure, cancel) => {
    const s = decideRun(input(obs("PENDING", { reason, source: "squeue" }), extra));
    expect(s.manifest.status).toBe(status);
    expect(s.failureReason).toBe(failure);
    expect(s.cancelJob).toBe(cancel);
    if (failure) {
      expect((s.manifest.failure as { pending_reason?: string }).pending_reason).toBe(reason);
      expect(s.manifest.slurm?.failure_reason).toBe(failure);
    }
  });

  it("a running run whose requeued job waits again counts from the requeue, not the launch", () => {
    const m = manifest({
      status: "running",
      attempts: [
        {
          attempt: 1,
          job_id: "42",
          restart_count: 0,
          cause: "launch",
          seen_at: "2026-11-28T11:00:00Z",
          state: "REQUEUED",
        },
        { attempt: 2, job_id: "42", restart_count: 1, cause: "requeue", seen_at: "2026-11-28T11:59:30Z" },
      ],
    });
    const job = obs("PENDING", { reason: "BeginTime", source: "squeue", restarts: 1 });
    expect(decideRun(input(job, { manifest: m, maxPendingSeconds: 60 })).cancelJob).toBeUndefined();
    expect(decideRun(input(job, { manifest: m, maxPendingSeconds: 20 })).failureReason).toBe("pending_timeout");
  });
});

describe("decideRun: what the scheduler says", () => {
  it.each([
    ["PENDING", { reason: "Priority" }, "submitted", false, []],
    ["PENDING", { reason: "PartitionConfig" }, "failed", false, []],
    ["PENDING", { reason: "ReqNodeNotAvail, UnavailableNodes:n1" }, "submitted", false, ["scheduler.never_starts"]],
    ["PENDING", { reason: "JobHeldUser" }, "submitted", false, ["scheduler.never_starts"]],
    ["SPECIAL_EXIT", { reason: "job_requeued_in_held_state" }, "submitted", false, ["scheduler.never_starts"]],
    ["REQUEUE_HOLD", { reason: "job_requeued_in_held_state" }, "submitted", false, ["scheduler.never_starts"]],
    ["RUNNING", {}, "running", false, []],
    ["COMPLETING", {}, "running", false, []],
    ["COMPLETED", { exitCode: "0:0" }, "running", true, []],
    ["COMPLETED", { exitCode: "0:0", end: undefined }, "running", false, []],
  ] as const)("%s %j -> %s (sync %s), findings %j", (state, extra, status, sync, checks) => {
    const e: Partial<JobObservation> = extra;
    const s = decideRun(input(obs(state, { ...e, source: e.reason ? "squeue" : "sacct" })));
    expect(s.manifest.status).toBe(status);
    expect(s.sync).toBe(sync);
    expect(s.findings.map((f) => f.check)).toEqual(checks);
  });

  it.each([
    ["FAILED", "3:0", "exit_code"],
    ["TIMEOUT", "0:0", "timeout"],
    ["OUT_OF_MEMORY", "0:125", "oom"],
    ["CANCELLED by 1000", "0:15", "cancelled"],
    ["NODE_FAIL", "0:0", "node_fail"],
    ["PREEMPTED", "0:0", "preempted"],
    ["BOOT_FAIL", "0:0", "boot_fail"],
    ["DEADLINE", "0:0", "deadline"],
    ["COMPLETED", "2:0", "exit_code"],
  ])("%s %s -> failed (%s), one failure shape, completed_at set", (state, exitCode, reason) => {
    const s = decideRun(input(obs(state, { exitCode })));
    expect(s.manifest.status).toBe("failed");
    expect(s.failureReason).toBe(reason);
    expect(s.manifest.failure).toMatchObject({ reason, message: expect.any(String), exit_code: exitCode });
    expect(s.manifest.slurm?.failure_reason).toBe(reason);
    expect(s.manifest.completed_at).toBe(AT);
    expect(s.manifest.timestamps.completed_at).toBe(AT);
    expect(s.manifest.history?.at(-1)).toMatchObject({ from: "submitted", to: "failed", at: AT });
    if (state.startsWith("CANCELLED by")) {
      expect(s.manifest.failure).toMatchObject({ cancelled_by: "1000" });
      expect(s.manifest.slurm?.cancelled_by).toBe("1000");
    }
  });

  it("records what the scheduler said, but not a pending job's estimates", () => {
    const s = decideRun(
      input(obs("PENDING", { source: "squeue", reason: "Resources", start: "2026-11-29T00:00:00", nodeList: "n1" })),
    );
    expect(s.manifest.slurm).toMatchObject({ state: "PENDING", reason: "Resources", source: "squeue" });
    expect(s.manifest.slurm?.start).toBeUndefined();
    expect(s.manifest.slurm?.nodes).toBeUndefined();
    const r = decideRun(input(obs("RUNNING", { start: "2026-11-28T11:01:00", nodeList: "n1", end: "2026-11-29" })));
    expect(r.manifest.slurm).toMatchObject({ start: "2026-11-28T11:01:00", nodes: "n1" });
    expect(r.manifest.slurm?.end).toBeUndefined(); // an open job's End is an estimate
  });
});

describe("decideRun: the sentinel before the sync", () => {
  it.each([
    ["missing", NONE, "running", true, undefined],
    ["exit 0", exit(0), "running", true, undefined],
    ["no exit code", exit(undefined), "running", true, undefined],
    ["exit 5", exit(5), "failed", false, "exit_code"],
  ] as const)("COMPLETED 0:0 with the sentinel %s -> %s (sync %s)", (_what, sentinel, status, sync, reason) => {
    const s = decideRun(input(obs("COMPLETED", { exitCode: "0:0" }), { sentinel }));
    expect(s.manifest.status).toBe(status);
    expect(s.sync).toBe(sync);
    expect(s.failureReason).toBe(reason);
    if (sync) expect(s.manifest.slurm?.outcome).toBe("succeeded");
  });

  it("a sentinel note (written by another job) is part of the evidence", () => {
    const s = decideRun(
      input(obs("COMPLETED", { exitCode: "0:0" }), { sentinelNote: " (job_sentinel.json was written by job 7)" }),
    );
    expect(s.manifest.history?.at(-1)?.evidence).toContain("written by job 7");
  });
});

describe("decideRun: when the scheduler does not know or does not answer", () => {
  it("an outage changes no run", () => {
    const s = decideRun(input(undefined, { answer: "outage" }));
    expect(s.manifest).toEqual(manifest());
    expect(s.findings).toEqual([]);
    expect(s.transitions).toEqual([]);
  });

  it("accounting down and the controller does not list the job: unresolved, left alone", () => {
    const s = decideRun(input(undefined, { unresolved: true }));
    expect(s.manifest).toEqual(manifest());
    expect(s.findings.map((f) => [f.check, f.severity])).toEqual([["scheduler.unresolved", "notice"]]);
  });

  it.each([
    ["first miss", undefined, "submitted", "2026-11-28T12:00:00Z", "scheduler.unknown_job"],
    ["inside the grace", "2026-11-28T11:55:00Z", "submitted", "2026-11-28T11:55:00Z", "scheduler.unknown_job"],
    ["past the grace", "2026-11-28T11:49:59Z", "failed", "2026-11-28T11:49:59Z", undefined],
    ["unreadable since", "yesterday", "submitted", "2026-11-28T12:00:00Z", "scheduler.unknown_job"],
  ])("a job nobody knows, %s -> %s", (_what, since, status, unknownSince, check) => {
    const m = manifest({
      slurm: { job_id: "42", job_name: `autolab-${RUN}`, ...(since ? { unknown_since: since } : {}) },
    });
    const s = decideRun(input(undefined, { manifest: m }));
    expect(s.manifest.status).toBe(status);
    expect(s.manifest.slurm?.unknown_since).toBe(unknownSince);
    expect(s.findings.map((f) => f.check)).toEqual(check ? [check] : []);
    if (status === "failed") expect(s.failureReason).toBe("unknown_job");
  });

  it("a job seen again forgets unknown_since", () => {
    const m = manifest({ slurm: { job_id: "42", job_name: `autolab-${RUN}`, unknown_since: "2026-11-28T11:55:00Z" } });
    const s = decideRun(input(obs("RUNNING"), { manifest: m }));
    expect(s.manifest.slurm?.unknown_since).toBeUndefined();
  });

  it.each([
    ["inside the grace", undefined, "submitted"],
    ["past the grace", "2026-11-28T11:00:00Z", "failed"],
  ])(
    "a job id named otherwise (a recycled id), %s: never a success, its sentinel not read -> %s",
    (_w, since, status) => {
      const m = manifest({
        slurm: { job_id: "42", job_name: `autolab-${RUN}`, ...(since ? { unknown_since: since } : {}) },
      });
      const s = decideRun(
        input(obs("COMPLETED", { exitCode: "0:0", name: "someone-else" }), { manifest: m, sentinel: exit(0) }),
      );
      expect(s.manifest.status).toBe(status);
      expect(s.sync).toBe(false);
      expect(s.findings[0]).toMatchObject({ check: "scheduler.job_name_mismatch", jsonPath: "/slurm/job_name" });
      expect(s.manifest.slurm?.outcome).toBeUndefined();
      if (status === "failed") expect(s.failureReason).toBe("unknown_job");
    },
  );
});

describe("decideRun: a complete sentinel when the scheduler no longer knows the job (accounting off)", () => {
  const full = (extra: Record<string, unknown>): Sentinel => {
    const data = { job_id: "42", ended_at: "2026-11-28T11:30:00Z", exit_code: 0, ...extra };
    return {
      state: "present",
      data,
      ...(data.job_id !== undefined ? { jobId: String(data.job_id) } : {}),
      ...(data.ended_at ? { endedAt: String(data.ended_at) } : {}),
      ...(typeof data.exit_code === "number" ? { exitCode: data.exit_code } : {}),
    };
  };
  it.each([
    ["exit 0", full({}), false, "running", true, undefined, []],
    ["exit 0, accounting down", full({}), true, "running", true, undefined, []],
    ["exit 3", full({ exit_code: 3 }), false, "failed", false, "exit_code", []],
    ["no end (killed)", full({ ended_at: null }), false, "submitted", false, undefined, ["scheduler.unknown_job"]],
    ["no exit code", full({ exit_code: null }), false, "submitted", false, undefined, ["scheduler.unknown_job"]],
    ["another job's", full({ job_id: "41" }), false, "submitted", false, undefined, ["scheduler.unknown_job"]],
    ["without a job id", full({ job_id: undefined }), true, "submitted", false, undefined, ["scheduler.unresolved"]],
  ] as const)("%s -> %s (sync %s)", (_w, sentinel, unresolved, status, sync, reason, checks) => {
    const m = manifest({ slurm: { job_id: "42", job_name: `autolab-${RUN}`, unknown_since: "2026-11-28T11:59:00Z" } });
    const s = decideRun(input(undefined, { manifest: m, sentinel, unresolved }));
    expect(s.manifest.status).toBe(status);
    expect(s.sync).toBe(sync);
    expect(s.failureReason).toBe(reason);
    expect(s.findings.map((f) => f.check)).toEqual(checks);
    if (sync) {
      expect(s.manifest.slurm?.outcome).toBe("succeeded");
      expect(s.manifest.slurm?.unknown_since).toBeUndefined();
      expect(s.manifest.history?.at(-1)?.evidence).toContain("no longer knows job 42");
    }
  });
});

describe("decideRun: runs that do not ask", () => {
  it("a job already seen to succeed is synced again without asking", () => {
    const m = manifest({ status: "running", slurm: { job_id: "42", outcome: "succeeded" } });
    expect(asksScheduler(m)).toBe(false);
    const s = decideRun(input(undefined, { manifest: m }));
    expect(s.sync).toBe(true);
    expect(s.manifest).toEqual(m);
  });

  it("a SLURM run in flight without a job id: a warning, nothing to ask", () => {
    const m = manifest({ job_id: undefined, slurm: {} });
    delete m.job_id;
    const s = decideRun(input(undefined, { manifest: m }));
    expect(s.findings.map((f) => f.check)).toEqual(["monitor.no_job_id"]);
    expect(s.manifest.status).toBe("submitted");
  });

  it.each([
    [{ status: "submitted" }, true, true],
    [{ status: "running" }, true, true],
    [{ status: "synced" }, false, true],
    [{ status: "completed", timestamps: { started_at: "2026-11-28T11:00:00Z", completed_at: AT } }, false, false],
    [{ status: "failed", timestamps: { started_at: "2026-11-28T11:00:00Z", completed_at: AT } }, false, false],
    // Set by hand without completed_at (the recovery recipe): the tick records it.
    [{ status: "failed" }, false, true],
    [{ status: "running", host_mode: "local" }, false, true],
  ] as const)("%j asks %s, needs work %s (with metrics)", (extra, asks, work) => {
    const m = manifest(extra as Partial<RunManifest>);
    expect(asksScheduler(m)).toBe(asks);
    expect(needsWork(m, true)).toBe(work);
  });

  it.each([
    ["synced", true, true],
    ["failed", false, true],
    ["failed", true, false],
    ["completed", false, true],
    ["partial", false, true],
    ["running", false, false],
  ] as const)("%s with metrics %s -> extract %s", (status, hasMetrics, want) => {
    expect(needsExtract(status, hasMetrics)).toBe(want);
  });

  it("an idle tick does not count as a change (poll time and elapsed time are noise)", () => {
    const a = manifest({ slurm: { job_id: "42", last_poll_at: "x", elapsed: "00:01:00" } });
    const b = manifest({ slurm: { job_id: "42", last_poll_at: "y", elapsed: "00:02:00" } });
    expect(stableText(a)).toBe(stableText(b));
  });
});

describe("afterSync: the sentinel that came with the artifacts", () => {
  const running = manifest({ status: "running", slurm: { job_id: "42", outcome: "succeeded" } });
  const after = (sentinel: Sentinel, since?: string) =>
    afterSync({
      manifest: since ? { ...running, slurm: { ...running.slurm, sentinel_missing_since: since } } : running,
      file: FILE,
      at: AT,
      now: NOW,
      graceSeconds: 600,
      syncEvidence: "artifacts synced (shared)",
      sentinel,
    });

  it.each([
    ["exit 0", exit(0), undefined, "synced", undefined, []],
    ["exit 3", exit(3), undefined, "failed", "exit_code", []],
    ["missing, first time", NONE, undefined, "running", undefined, ["monitor.sentinel_missing"]],
    ["missing inside the grace", NONE, "2026-11-28T11:55:00Z", "running", undefined, ["monitor.sentinel_missing"]],
    ["missing past the grace", NONE, "2026-11-28T11:50:00Z", "failed", "sentinel_missing", []],
    ["without an exit code past the grace", exit(undefined), "2026-11-28T11:40:00Z", "failed", "sentinel_missing", []],
  ] as const)("%s -> %s", (_w, sentinel, since, status, reason, checks) => {
    const s = after(sentinel, since);
    expect(s.manifest.status).toBe(status);
    expect(s.failureReason).toBe(reason);
    expect(s.findings.map((f) => f.check)).toEqual(checks);
    if (status === "running") expect(s.manifest.slurm?.sentinel_missing_since).toBe(since ?? AT);
    if (status === "synced") expect(s.manifest.slurm?.sentinel_missing_since).toBeUndefined();
    if (reason === "exit_code") expect(s.manifest.failure).toMatchObject({ reason, sentinel_exit_code: 3 });
  });
});
