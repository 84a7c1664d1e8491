/** report/status.ts: rows from manifests, the outage warning and the table (pure). */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import {
  formatAge,
  formatStatusTable,
  outageFinding,
  slurmCell,
  sortStatusRows,
  stateCell,
  statusOutputs,
  statusRow,
  statusSummaryRuns,
  statusText,
  sweepGroups,
  type StatusRow,
} from "../../src/report/status.js";

const NOW = new Date("2026-11-28T12:00:00Z");
const found = { runId: "dir_run", iterationId: "dir_it", manifestDisplay: "experiments/it/runs/r/run_manifest.json" };

function manifest(over: Record<string, unknown> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: "20261128T110000Z_abcdef",
    iteration_id: "it1",
    host_mode: "slurm",
    status: "failed",
    job_id: "42",
    timestamps: { started_at: "2026-11-28T11:59:00Z", completed_at: "2026-11-28T11:59:30Z" },
    failure: { reason: "timeout", message: "x" },
    slurm: { state: "TIMEOUT", reason: "TimeLimit" },
    artifact_sync_to_local: { status: "completed" },
    ...over,
  } as unknown as RunManifest;
}

describe("statusRow", () => {
  it("reads the manifest", () => {
    expect(statusRow(manifest(), found, NOW)).toEqual({
      runId: "20261128T110000Z_abcdef",
      iterationId: "it1",
      hostMode: "slurm",
      jobId: "42",
      cluster: null,
      status: "failed",
      failureReason: "timeout",
      slurmState: "TIMEOUT",
      reason: "TimeLimit",
      sync: "ok",
      startedAt: "2026-11-28T11:59:00Z",
      completedAt: "2026-11-28T11:59:30Z",
      slurmStart: null,
      slurmEnd: null,
      exitCode: null,
      sweepId: null,
      metric: null,
      metricsStatus: null,
      ageSeconds: 60,
      slurmSubmit: null,
      expectedStart: null,
      queuedSeconds: null,
      runSeconds: null,
      efficiency: null,
      hints: [],
      manifest: found.manifestDisplay,
    });
  });

  it("takes SLURM's times, the exit code, the sweep and the metric", () => {
    const r = statusRow(
      manifest({
        sweep_id: "lr",
        slurm: { state: "TIMEOUT", start: "2026-11-28T11:59:10Z", end: "2026-11-28T12:59:10Z", exit_code: "0:15" },
      }),
      found,
      NOW,
      { status: "partial", primary: { name: "acc", value: 0.5 } },
    );
    expect(r).toMatchObject({
      slurmStart: "2026-11-28T11:59:10Z",
      slurmEnd: "2026-11-28T12:59:10Z",
      exitCode: "0:15",
      sweepId: "lr",
      metric: { name: "acc", value: 0.5 },
      metricsStatus: "partial",
    });
    expect(statusSummaryRuns([r])[0]).toMatchObject({
      startedAt: "2026-11-28T11:59:10Z",
      completedAt: "2026-11-28T12:59:10Z",
      reason: "timeout, exit 0:15",
      sweepId: "lr",
      state: "failed (TIMEOUT)",
    });
  });

  it("falls back to the path's ids, the legacy fields and the implied status", () => {
    const r = statusRow(
      {
        host_mode: "slurm",
        slurm: { job_id: "7", failure_reason: "exit_code" },
        started_at: "2026-11-28T13:00:00Z",
      } as unknown as RunManifest,
      found,
      NOW,
    );
    expect(r).toMatchObject({
      runId: "dir_run",
      iterationId: "dir_it",
      jobId: "7",
      status: "submitted",
      failureReason: "exit_code",
      slurmState: null,
      sync: null,
      startedAt: "2026-11-28T13:00:00Z",
      ageSeconds: 0, // launched "after" now: clocks disagree
    });
    expect(statusRow({} as RunManifest, found, NOW)).toMatchObject({
      hostMode: "?",
      status: "pending",
      ageSeconds: null,
    });
  });
});

describe("cells", () => {
  it.each([
    [{ status: "failed", failureReason: "timeout" }, "failed (timeout)"],
    [{ status: "failed", failureReason: null }, "failed"],
    [{ status: "completed", failureReason: "timeout" }, "completed"],
  ])("state %j -> %s", (r, want) => expect(stateCell(r)).toBe(want));

  it.each([
    [{ slurmState: null, reason: "x" }, "-"],
    [{ slurmState: "PENDING", reason: "Priority" }, "PENDING (Priority)"],
    [{ slurmState: "PENDING", reason: "None" }, "PENDING"],
    [{ slurmState: "RUNNING", reason: null }, "RUNNING"],
    [{ slurmState: "TIMEOUT", reason: "TimeLimit" }, "TIMEOUT"],
    [{ slurmState: "CANCELLED by 0", reason: "x" }, "CANCELLED by 0"],
  ])("slurm %j -> %s", (r, want) => expect(slurmCell(r)).toBe(want));

  it.each([
    [null, "-"],
    [0, "0s"],
    [119, "119s"],
    [120, "2m"],
    [7199, "120m"],
    [7200, "2h"],
    [172800, "2d"],
  ] as Array<[number | null, string]>)("age %s -> %s", (s, want) => expect(formatAge(s)).toBe(want));
});

describe("the table", () => {
  const rows: StatusRow[] = [
    statusRow(manifest(), found, NOW),
    statusRow(
      manifest({ run_id: "loc", host_mode: "local", job_id: undefined, status: "completed", slurm: undefined }),
      found,
      NOW,
      { status: "ok", primary: { name: "acc", value: 0.75 } },
    ),
  ];

  it("pads columns and ends with a newline", () => {
    const t = formatStatusTable(rows);
    const lines = t.split("\n");
    expect(t.endsWith("\n")).toBe(true);
    expect(lines[0].split(/\s+/)).toEqual([
      "RUN",
      "ITERATION",
      "JOB",
      "STATE",
      "SLURM",
      "AGE",
      "QUEUED",
      "RAN",
      "SYNC",
      "METRIC",
      "EFFICIENCY",
      "REASON",
    ]);
    expect(lines[1].split(/\s{2,}/)).toEqual([
      "20261128T110000Z_abcdef",
      "it1",
      "42",
      "failed (timeout)",
      "TIMEOUT",
      "60s",
      "-",
      "-",
      "ok",
      "none (run failed)",
      "-",
      "timeout",
    ]);
    expect(lines[2].split(/\s{2,}/)).toEqual([
      "loc",
      "it1",
      "local",
      "completed",
      "-",
      "60s",
      "-",
      "30s",
      "ok",
      "acc = 0.75",
      "-",
      "finished",
    ]);
    expect(statusText([])).toBe("no runs\n");
  });

  it("sorts oldest first, then by id", () => {
    const a = { ...rows[0], runId: "b", startedAt: "2026-01-02" };
    const b = { ...rows[0], runId: "a", startedAt: "2026-01-02" };
    const c = { ...rows[0], runId: "c", startedAt: "2026-01-01" };
    expect(sortStatusRows([a, b, c]).map((r) => r.runId)).toEqual(["c", "a", "b"]);
  });

  it("gives the action its outputs and summary runs", () => {
    expect(JSON.parse(statusOutputs(rows)[0][1])).toHaveLength(2);
    expect(statusSummaryRuns(rows)[1]).toEqual({
      runId: "loc",
      iterationId: "it1",
      sweepId: undefined,
      jobId: undefined,
      state: "completed",
      startedAt: "2026-11-28T11:59:00Z",
      completedAt: "2026-11-28T11:59:30Z",
      sync: "ok",
      primaryMetric: { name: "acc", value: 0.75 },
      metricsStatus: "ok",
      reason: undefined,
      manifestPath: found.manifestDisplay,
      logPath: "experiments/it/runs/r/logs/run_local.out",
    });
  });
});

describe("outageFinding", () => {
  it.each([
    [{ consecutive_failed_ticks: 0 }, undefined],
    [{}, undefined],
    [
      { consecutive_failed_ticks: 2, last_poll_error: "squeue: exit 1", first_failed_at: "2026-11-28T10:00:00Z" },
      "the last 2 monitor tick(s) could not reach the scheduler (since 2026-11-28T10:00:00Z; last error: squeue: exit 1); the states shown may be stale",
    ],
    [
      { consecutive_failed_ticks: 1, last_poll_error_at: "T" },
      "the last 1 monitor tick(s) could not reach the scheduler (since T; last error: ?); the states shown may be stale",
    ],
  ])("%j", (st, message) => {
    const f = outageFinding(st);
    expect(f?.message).toBe(message);
    if (f)
      expect(f).toMatchObject({ severity: "warning", check: "scheduler.outage", file: ".autolab/monitor_state.json" });
  });
});

describe("sweeps in the status", () => {
  const task = (i: number, status: string, sweep = "sw") =>
    statusRow(
      manifest({
        run_id: `${sweep}_${i}`,
        status,
        sweep: { sweep_id: sweep, task_index: i },
        ...(status === "failed" ? {} : { failure: undefined }),
      }),
      found,
      NOW,
    );

  it("groups the tasks by sweep with per-state counts in lifecycle order and names the failed tasks", () => {
    const rows = [
      task(10, "failed"),
      task(0, "completed"),
      task(1, "running"),
      task(2, "pending"),
      task(4, "failed"),
      task(3, "completed"),
      task(0, "submitted", "other"),
      statusRow(manifest({ run_id: "single" }), found, NOW),
    ];
    expect(sweepGroups(rows)).toEqual([
      { sweepId: "other", iterationId: "it1", tasks: 1, counts: { submitted: 1 }, failedRuns: [] },
      {
        sweepId: "sw",
        iterationId: "it1",
        tasks: 6,
        counts: { pending: 1, running: 1, completed: 2, failed: 2 },
        failedRuns: ["sw_4", "sw_10"],
      },
    ]);
    const text = statusText(rows);
    const lines = text.trimEnd().split("\n");
    const head = lines.findIndex((l) => l.startsWith("SWEEP"));
    expect(head).toBe(rows.length + 2); // after the runs' table and a blank line
    expect(lines[head].split(/\s{2,}/)).toEqual(["SWEEP", "ITERATION", "TASKS", "STATES", "FAILED"]);
    expect(lines[head + 2].split(/\s{2,}/)).toEqual([
      "sw",
      "it1",
      "6",
      "pending 1, running 1, completed 2, failed 2",
      "sw_4, sw_10",
    ]);
    // No sweep: no sweep table.
    expect(statusText([rows[7]])).not.toContain("SWEEP");
  });

  it("names at most five failed tasks in the text", () => {
    const rows = [...Array(7).keys()].map((i) => task(i, "failed"));
    expect(statusText(rows)).toContain("sw_0, sw_1, sw_2, sw_3, sw_4, … (+2)");
    expect(sweepGroups(rows)[0].failedRuns).toHaveLength(7);
  });
});
