/** report/: what launch, monitor, verify, cancel, init and run say on the terminal and in the action (pure). */
import { describe, expect, it } from "vitest";
import type { MonitorReport, RunReport } from "../../src/commands/monitor/index.js";
import type { LaunchResult } from "../../src/commands/launch/index.js";
import type { CancelResult } from "../../src/commands/cancel.js";
import { committedText } from "../../src/report/common.js";
import { monitorOutputs, monitorSummary, monitorText, monitorVerdict, runLine } from "../../src/report/monitor.js";
import {
  dryRunRefused,
  dryRunText,
  launchFailedText,
  launchFailure,
  launchOutputs,
  launchSummary,
  launchText,
} from "../../src/report/launch.js";
import {
  commandsSkippedFinding,
  verifyCheckName,
  verifyFailure,
  verifyOutputs,
  verifySummary,
  verifyText,
} from "../../src/report/verify.js";
import { cancelOutputs, cancelSummary, cancelText } from "../../src/report/cancel.js";
import { initText } from "../../src/report/init.js";
import { runStepText } from "../../src/report/run.js";

const commit = { committed: true, pushed: true, sha: "abc123", branch: "main", attempts: 1, paths: [] };

function run(over: Partial<RunReport> = {}): RunReport {
  return {
    runId: "r1",
    iterationId: "it",
    manifestPath: "experiments/it/runs/r1/run_manifest.json",
    hostMode: "slurm",
    jobId: "42",
    before: "submitted",
    after: "running",
    transitions: [{ from: "submitted", to: "running", evidence: "squeue" }],
    slurmState: "RUNNING",
    changed: true,
    ...over,
  };
}

function tick(over: Partial<MonitorReport> = {}): MonitorReport {
  return {
    runs: [
      run(),
      run({
        runId: "r2",
        jobId: undefined,
        before: "pending",
        after: "pending",
        transitions: [],
        slurmState: "PENDING",
        reason: "Priority",
      }),
    ],
    tracked: 3,
    inFlight: 2,
    findings: [],
    scheduler: { ok: true, calls: 2, totalMs: 35, detail: ["sacct: 1 call"] },
    written: [],
    dryRun: false,
    ...over,
  };
}

describe("committedText", () => {
  it.each([
    [undefined, undefined],
    [{ committed: false, pushed: false }, undefined],
    [{ committed: true, pushed: false, sha: "s" }, "committed s"],
    [{ committed: true, pushed: true, sha: "s", branch: "b" }, "committed s and pushed to b"],
  ])("%j -> %s", (c, want) => expect(committedText(c)).toBe(want));
});

describe("monitor", () => {
  it("prints the tick, one line a run", () => {
    expect(monitorText(tick({ commit }))).toBe(
      "3 run(s), 2 in flight; scheduler: 2 call(s), 35 ms\n" +
        "r1  job=42  running  [submitted -> running]  slurm=RUNNING\n" +
        "r2  job=-  pending  slurm=PENDING (Priority)\n" +
        "committed abc123 and pushed to main\n",
    );
  });

  it.each([
    [{ ok: true, calls: 0, totalMs: 0, detail: [] }, "scheduler: not asked (no job in flight)"],
    [{ ok: false, calls: 3, totalMs: 9, detail: [] }, "scheduler: 3 call(s), 9 ms (NO ANSWER)"],
    [{ ok: true, calls: 2, totalMs: 9, accounting: "down", detail: [] }, "scheduler: 2 call(s), 9 ms, accounting down"],
    [{ ok: true, calls: 2, totalMs: 9, accounting: "ok", detail: [] }, "scheduler: 2 call(s), 9 ms"],
  ])("scheduler %j", (scheduler, want) => {
    expect(monitorText(tick({ runs: [], scheduler })).split("\n")[0]).toBe(`3 run(s), 2 in flight; ${want}`);
  });

  it("says dry runs, outages and uncommitted writes", () => {
    const t = monitorText(
      tick({ runs: [], dryRun: true, outage: { consecutiveFailedTicks: 4, escalated: true, error: "e" } }),
    );
    expect(t).toBe(
      "[dry run] 3 run(s), 2 in flight; scheduler: 2 call(s), 35 ms\nscheduler outage: 4 consecutive failed tick(s) (escalated)\n",
    );
    expect(monitorText(tick({ runs: [], written: ["a", "b"] }))).toContain("wrote 2 file(s) (not committed)\n");
  });

  it("hides the scheduler's reason of a failed run and the word None", () => {
    expect(
      runLine(run({ after: "failed", reason: "TimeLimit", failureReason: "timeout", metricsStatus: "failed" })),
    ).toBe("r1  job=42  failed  [submitted -> running]  slurm=RUNNING  reason=timeout  metrics=failed");
    expect(runLine(run({ reason: "None", transitions: [] }))).toBe("r1  job=42  running  slurm=RUNNING");
  });

  it("sets the action's outputs", () => {
    expect(monitorOutputs(tick())).toEqual([
      ["changed-runs", JSON.stringify([{ run_id: "r1", from: "submitted", to: "running", job_id: "42" }])],
      ["tracked", "3"],
      ["in-flight", "2"],
      ["status", "ok"],
      ["failed-runs", "[]"],
      ["sweep-id", ""],
      ["sweep-result", ""],
      ["best-point", ""],
    ]);
    expect(monitorOutputs(tick({ outage: { consecutiveFailedTicks: 1, escalated: false, error: "x" } }))[3]).toEqual([
      "status",
      "outage",
    ]);
  });

  it("summarises with the scheduler state beside the status, and notes", () => {
    const s = monitorSummary(tick({ commit: { ...commit, pushed: false } }), ["n1"]);
    expect(s.runs.map((r) => r.state)).toEqual(["running (RUNNING)", "pending (PENDING)"]);
    expect(s.notes).toEqual(["3 run(s) tracked, 2 in flight, 1 changed.", "Committed abc123.", "n1"]);
    expect(s.scheduler).toEqual({ calls: 2, totalMs: 35, detail: ["sacct: 1 call"] });
  });

  it.each([
    [undefined, {}],
    [
      { consecutiveFailedTicks: 2, escalated: false, error: "e" },
      { warning: "scheduler outage (2 tick(s)): e; no run was changed" },
    ],
    [
      { consecutiveFailedTicks: 5, escalated: true, error: "e" },
      { failed: "the scheduler has not answered for 5 ticks: e" },
    ],
  ])("verdict of outage %j", (outage, want) => expect(monitorVerdict({ outage })).toEqual(want));
});

describe("launch", () => {
  const res: LaunchResult = {
    runId: "r1",
    iterationId: "it",
    hostMode: "slurm",
    status: "submitted",
    jobId: "42",
    manifestPath: "m.json",
    scriptPath: "s.sbatch",
    reused: false,
    adopted: true,
    commit,
  };

  it("describes the result", () => {
    expect(launchText(res)).toBe(
      [
        "run_id:    r1",
        "iteration: it",
        "host:      slurm",
        "status:    submitted (job adopted: it existed already)",
        "job_id:    42",
        "manifest:  m.json",
        "script:    s.sbatch",
        "commit:    abc123 pushed to main",
        "",
      ].join("\n"),
    );
    expect(launchFailedText(res)).toBeUndefined();
    expect(launchFailedText({ ...res, status: "failed", error: "no" })).toBe("autolab launch: run r1 failed: no\n");
  });

  it("prints a dry run and fails it only when sbatch --test-only refused", () => {
    const dry = {
      ...res,
      dryRun: { script: "#!/bin/bash\n", argv: ["sbatch", "x"], testOnly: { ok: false, output: "bad" } },
    };
    expect(dryRunText(dry)).toBe(
      '# --- s.sbatch (not written) ---\n#!/bin/bash\n# --- sbatch argv ---\n["sbatch","x"]\n# --- sbatch --test-only: REFUSED ---\nbad\n',
    );
    expect(dryRunRefused(dry)).toBe(true);
    expect(dryRunRefused({ dryRun: { script: "", argv: [], testOnlySkipped: "no sbatch" } })).toBe(false);
    expect(
      dryRunText({ ...dry, hostMode: "local", dryRun: { script: "x\n", argv: ["bash"], testOnlySkipped: "local" } }),
    ).toBe(
      '# --- s.sbatch (not written) ---\nx\n# --- command ---\n["bash"]\n# --- sbatch --test-only: not run ---\nlocal\n',
    );
  });

  it("gives the action its outputs, summary and failure", () => {
    expect(launchOutputs(res)).toEqual([
      ["run-id", "r1"],
      ["job-id", "42"],
      ["status", "submitted"],
      ["manifest", "m.json"],
      ["commit", "abc123"],
      ["sweep-id", ""],
    ]);
    expect(
      launchOutputs({
        ...res,
        sweep: { id: "s1", points: [], replicates: 1, runIds: [], chunks: [], arrays: [], failed: 0 },
      }).at(-1),
    ).toEqual(["sweep-id", "s1"]);
    expect(launchSummary(res).notes).toEqual([
      "The job was found in the scheduler by name and adopted (its manifest had been lost).",
    ]);
    expect(launchSummary({ ...res, adopted: false, status: "failed", error: "refused" }).notes).toEqual([
      "sbatch refused the job: refused",
    ]);
    expect(launchSummary({ ...res, adopted: false, hostMode: "local", error: "exit 1" }).notes).toEqual([
      "the local run failed: exit 1",
    ]);
    expect(launchFailure(res)).toBeUndefined();
    expect(launchFailure({ status: "failed" })).toBe("launch failed: see the manifest");
  });
});

describe("verify", () => {
  const rep = {
    findings: [
      { severity: "error" as const, check: "a", message: "m" },
      { severity: "notice" as const, check: "b", message: "m" },
    ],
    checksRun: ["schema", "ledger"],
    runsChecked: 2,
    ok: false,
  };
  it("says the counts, outputs, summary and failure", () => {
    expect(verifyText("launch", rep, { errors: 1, warnings: 0, notices: 1 })).toBe(
      "verify launch: 2 run(s), 2 check(s); 1 error(s), 0 warning(s), 1 notice(s): FAILED\n",
    );
    expect(verifyCheckName("launch")).toBe("autolab verify (launch)");
    expect(verifyOutputs(rep, "failure")).toEqual([
      ["findings", "2"],
      ["errors", "1"],
      ["conclusion", "failure"],
      ["status", "failed"],
    ]);
    expect(verifySummary("launch", { ...rep, checksRun: [] }, ["n"]).notes).toEqual([
      "2 run(s) checked; checks: none.",
      "n",
    ]);
    expect(verifyFailure("launch", rep)).toBe("verify (launch) found 1 error(s)");
    expect(verifyFailure("launch", { ...rep, ok: true })).toBeUndefined();
    expect(commandsSkippedFinding(true).message).toContain("come from this fork");
    expect(commandsSkippedFinding(false)).toMatchObject({ severity: "notice", check: "policy.commands_skipped" });
  });
});

describe("cancel", () => {
  const res: CancelResult = {
    runId: "r1",
    jobId: "42",
    before: "submitted",
    after: "failed",
    scancelled: true,
    alreadyEnded: true,
    manifestPath: "m.json",
    commit,
  };
  it("says what happened", () => {
    expect(cancelText(res)).toBe(
      "run r1 (job 42): submitted -> failed (cancelled); the scheduler says the job had already ended\ncommitted abc123 and pushed to main\n",
    );
    expect(cancelText({ ...res, before: "failed" })).toBe("run r1 is already failed; nothing to cancel\n");
    expect(cancelOutputs(res)).toEqual([
      ["run-id", "r1"],
      ["job-id", "42"],
      ["status", "failed"],
      ["manifest", "m.json"],
    ]);
    expect(cancelSummary(res).runs).toEqual([{ runId: "r1", jobId: "42", state: "failed" }]);
  });
});

describe("init and run", () => {
  it("lists the files and what to do next", () => {
    const res = {
      root: "/r",
      files: [
        { path: "a", action: "created" as const, what: "ledger" },
        { path: "bb", action: "exists, kept" as const, what: "workflow" },
      ],
      created: 1,
      kept: 1,
    };
    const t = initText(res);
    expect(t.split("\n").slice(0, 4)).toEqual([
      "autolab init: /r",
      "  created       a  (ledger)",
      "  exists, kept  bb  (workflow)",
      "1 created, 1 kept.",
    ]);
    const pin = { uses: `lab/autolab-slurm@${"a".repeat(40)}`, comment: "v1.2.3", how: "tag v1.2.3 of u" };
    expect(initText({ ...res, pin })).toContain(
      `The workflows use lab/autolab-slurm@${"a".repeat(40)} # v1.2.3 (tag v1.2.3 of u).`,
    );
    expect(initText({ ...res, pin: { ...pin, warning: "not pinned" } })).toContain("WARNING: not pinned");
    expect(initText({ ...res, created: 0 })).not.toContain("Next:");
  });

  it("says the stage move", () => {
    expect(runStepText({ stageBefore: "a", stageAfter: "b", message: "m" })).toBe("stage a -> b: m\n");
  });
});
