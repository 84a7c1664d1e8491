/** What a failed run does to the monitor's and the watcher's verdict, and the watcher's end text. */
import { describe, expect, it } from "vitest";
import { monitorVerdict } from "../../src/report/monitor.js";
import { watchFailure, watchText } from "../../src/report/watch.js";
import type { RunReport } from "../../src/commands/monitor/index.js";
import type { WatchReport } from "../../src/commands/watch.js";

const run = (runId: string, before: RunReport["before"], after: RunReport["after"], failureReason?: string) =>
  ({ runId, before, after, failureReason }) as RunReport;

describe("monitorVerdict with runs that failed", () => {
  it.each<[string, RunReport[], boolean | undefined, string | undefined]>([
    ["no run moved", [run("a", "running", "running")], undefined, undefined],
    ["a run completed", [run("a", "running", "completed")], undefined, undefined],
    [
      "a run failed this tick: the job fails, naming it",
      [run("a", "running", "failed", "timeout"), run("b", "submitted", "failed", "exit_code")],
      undefined,
      "2 run(s) failed: a (timeout), b (exit_code) (policy slurm.monitor.notify.fail_job: false keeps the job green)",
    ],
    ["a run failed earlier (not this tick)", [run("a", "failed", "failed")], true, undefined],
    ["the policy says a failure does not fail the job", [run("a", "running", "failed")], false, undefined],
  ])("%s", (_n, runs, failJob, want) => {
    expect(monitorVerdict({ runs, notify: failJob === undefined ? undefined : { failJob } }).failed).toBe(want);
  });

  it("an escalated outage still comes first", () => {
    const v = monitorVerdict({
      runs: [run("a", "running", "failed")],
      outage: { consecutiveFailedTicks: 3, escalated: true, error: "down" },
    });
    expect(v.failed).toMatch(/has not answered for 3 ticks/);
  });
});

describe("watch report", () => {
  const rep: WatchReport = {
    started_at: "2026-12-03T10:00:00Z",
    ended_at: "2026-12-03T15:50:00Z",
    ended_by: "time_limit",
    ticks: 40,
    questions: 38,
    scheduler_calls: 76,
    commits: 5,
    fetches: 40,
    updates: 2,
    failed_runs: [],
    fail_job: true,
    successor: "dispatched autolab-watch.yml on main",
    findings: [],
    settings: {
      floorSeconds: 60,
      endingSeconds: 60,
      runningSeconds: 300,
      pendingSeconds: 900,
      localCheckSeconds: 5,
      timeLimitSeconds: 21000,
    },
  };
  it("says how it ended and what it asked", () => {
    expect(watchText(rep)).toBe(
      "watched from 2026-12-03T10:00:00Z to 2026-12-03T15:50:00Z: time limit reached\n" +
        "40 tick(s), 38 scheduler question(s) (76 client call(s)), 5 commit(s), 40 fetch(es) of the branch (2 brought others' commits)\n" +
        "successor: dispatched autolab-watch.yml on main\n",
    );
  });
  it("fails with the runs named, unless the policy says otherwise", () => {
    expect(watchFailure(rep)).toBeUndefined();
    expect(watchFailure({ ...rep, failed_runs: ["r1", "r2"] })).toBe("2 run(s) failed: r1, r2");
    expect(watchFailure({ ...rep, failed_runs: ["r1"], fail_job: false })).toBeUndefined();
  });
});
