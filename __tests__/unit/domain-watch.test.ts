/** domain/watch.ts: when the watcher asks the scheduler, waits, or hands over, as a table. */
import { describe, expect, it } from "vitest";
import { watchInterval, watchStep, type WatchClock, type WatchView } from "../../src/domain/watch.js";
import { parseSpan } from "../../src/domain/duration.js";
import { notifySettings, retentionSeconds, watchSettings } from "../../src/domain/settings.js";

const CLOCK: WatchClock = {
  floorSeconds: 60,
  endingSeconds: 60,
  runningSeconds: 300,
  pendingSeconds: 900,
  timeLimitSeconds: 3600,
};
const T0 = Date.parse("2026-12-03T10:00:00Z");
const S = 1000;
const view = (v: Partial<WatchView>): WatchView => ({
  nowMs: T0,
  startedMs: T0,
  running: 0,
  pending: 0,
  ended: 0,
  lastTickMoved: false,
  ...v,
});

describe("watchStep", () => {
  it.each<[string, Partial<WatchView>, Partial<WatchClock>, ReturnType<typeof watchStep>]>([
    ["first tick at once", {}, {}, { kind: "tick", why: "first tick" }],
    [
      "all pending: long interval",
      { nowMs: T0 + 100 * S, lastTickMs: T0, lastQuestionMs: T0, pending: 3 },
      {},
      { kind: "wait", untilMs: T0 + 900 * S, why: "3 run(s) pending" },
    ],
    [
      "all pending, interval over: tick",
      { nowMs: T0 + 900 * S, lastTickMs: T0, lastQuestionMs: T0, pending: 3 },
      {},
      { kind: "tick", why: "3 run(s) pending" },
    ],
    [
      "a job runs: medium interval",
      { nowMs: T0 + 10 * S, lastTickMs: T0, lastQuestionMs: T0, running: 1, pending: 5 },
      {},
      { kind: "wait", untilMs: T0 + 300 * S, why: "1 run(s) running" },
    ],
    [
      "a sentinel shows an end: as soon as the floor allows",
      { nowMs: T0 + 10 * S, lastTickMs: T0, lastQuestionMs: T0, running: 1, ended: 1 },
      {},
      { kind: "wait", untilMs: T0 + 60 * S, why: "1 run(s) ending" },
    ],
    [
      "ended, floor passed: tick",
      { nowMs: T0 + 61 * S, lastTickMs: T0, lastQuestionMs: T0, running: 1, ended: 1 },
      {},
      { kind: "tick", why: "1 run(s) ending" },
    ],
    [
      "ended, and the last question long ago: tick at once",
      { nowMs: T0 + 200 * S, lastTickMs: T0 + 190 * S, lastQuestionMs: T0, running: 1, ended: 1 },
      {},
      { kind: "tick", why: "1 run(s) ending" },
    ],
    [
      "an ending interval below the floor is held at the floor",
      { nowMs: T0 + 20 * S, lastTickMs: T0, lastQuestionMs: T0, ended: 2 },
      { endingSeconds: 5 },
      { kind: "wait", untilMs: T0 + 60 * S, why: "2 run(s) ending" },
    ],
    [
      "the last tick moved a run: short interval",
      { nowMs: T0 + 1 * S, lastTickMs: T0, lastQuestionMs: T0, pending: 1, lastTickMoved: true },
      {},
      { kind: "wait", untilMs: T0 + 60 * S, why: "the last tick moved a run" },
    ],
    [
      "a tick without a question (nothing in flight) does not start the floor again",
      { nowMs: T0 + 1000 * S, lastTickMs: T0 + 950 * S, lastQuestionMs: T0 + 940 * S, ended: 1 },
      {},
      { kind: "tick", why: "1 run(s) ending" },
    ],
    [
      "the floor holds the question when the last question was after the last tick's start",
      { nowMs: T0 + 30 * S, lastTickMs: T0 + 20 * S, lastQuestionMs: T0 + 20 * S, ended: 1 },
      { endingSeconds: 60, floorSeconds: 120 },
      { kind: "wait", untilMs: T0 + 140 * S, why: "1 run(s) ending" },
    ],
    [
      "nothing in flight: the long interval (a tick then asks nothing)",
      { nowMs: T0 + 10 * S, lastTickMs: T0 },
      {},
      { kind: "wait", untilMs: T0 + 900 * S, why: "nothing in flight" },
    ],
    [
      "time limit reached: hand over",
      { nowMs: T0 + 3600 * S, lastTickMs: T0 + 3590 * S, lastQuestionMs: T0 + 3590 * S, ended: 1 },
      {},
      { kind: "handoff", why: "the watcher's time limit (3600 s) is reached" },
    ],
    [
      "a wait never runs past the hand-over",
      { nowMs: T0 + 3000 * S, lastTickMs: T0 + 2990 * S, lastQuestionMs: T0 + 2990 * S, pending: 1 },
      {},
      { kind: "wait", untilMs: T0 + 3600 * S, why: "until the handover" },
    ],
    [
      "no time limit (CLI): waits as usual",
      { nowMs: T0 + 10 * S, lastTickMs: T0, lastQuestionMs: T0, pending: 1 },
      { timeLimitSeconds: Number.POSITIVE_INFINITY },
      { kind: "wait", untilMs: T0 + 900 * S, why: "1 run(s) pending" },
    ],
  ])("%s", (_name, v, c, want) => {
    expect(watchStep(view(v), { ...CLOCK, ...c })).toEqual(want);
  });

  it("never asks twice within the floor, whatever the view says, over a simulated day", () => {
    // Drive the decision as the command does (a check every 5 s), with ends seen often.
    let v = view({ running: 2 });
    const questions: number[] = [];
    for (let t = T0; t < T0 + 86400 * S; t += 5 * S) {
      v = { ...v, nowMs: t, ended: (t / S) % 7 === 0 ? 1 : 0, startedMs: t - 1 };
      const step = watchStep(v, CLOCK);
      if (step.kind === "tick") {
        questions.push(t);
        v = { ...v, lastTickMs: t, lastQuestionMs: t, lastTickMoved: (t / S) % 3 === 0 };
      }
    }
    const gaps = questions.slice(1).map((q, i) => q - questions[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60 * S);
    expect(questions.length).toBeLessThanOrEqual(86400 / 60 + 1);
  });

  it("the interval while running, pending and nothing", () => {
    expect(watchInterval(view({ running: 1 }), CLOCK).seconds).toBe(300);
    expect(watchInterval(view({ pending: 1 }), CLOCK).seconds).toBe(900);
    expect(watchInterval(view({ ended: 1 }), { ...CLOCK, floorSeconds: 90 }).seconds).toBe(90);
  });
});

describe("parseSpan", () => {
  it.each<[string | number | undefined, number | undefined]>([
    ["14d", 14 * 86400],
    ["5h50m", 5 * 3600 + 50 * 60],
    ["90s", 90],
    ["1w2d", 9 * 86400],
    ["600", 600],
    [600, 600],
    [" 2h ", 7200],
    ["2H", 7200],
    ["0", undefined],
    ["0s", undefined],
    ["", undefined],
    ["5m2h", undefined],
    ["1.5h", undefined],
    ["-3d", undefined],
    ["d", undefined],
    [undefined, undefined],
    [-5, undefined],
  ])("%j -> %j", (text, want) => expect(parseSpan(text)).toBe(want));
});

describe("watch, notify and retention settings", () => {
  it("defaults", () => {
    expect(watchSettings({})).toEqual({
      floorSeconds: 60,
      endingSeconds: 60,
      runningSeconds: 300,
      pendingSeconds: 900,
      localCheckSeconds: 5,
      timeLimitSeconds: 5 * 3600 + 50 * 60,
    });
    expect(notifySettings({})).toEqual({ failJob: true });
    expect(retentionSeconds({})).toBeUndefined();
  });
  it("from the policy", () => {
    const policy = {
      slurm: {
        monitor: {
          min_question_interval_seconds: 120,
          watch: { local_check_seconds: 2, running_interval_seconds: 600, time_limit: "2h" },
          notify: { fail_job: false, tracking_issue: 7 },
          retention: { gc_older_than: "14d" },
        },
      },
    };
    expect(watchSettings(policy)).toMatchObject({
      floorSeconds: 120,
      endingSeconds: 120,
      localCheckSeconds: 2,
      runningSeconds: 600,
      timeLimitSeconds: 7200,
    });
    expect(notifySettings(policy)).toEqual({ failJob: false, trackingIssue: 7 });
    expect(retentionSeconds(policy)).toBe(14 * 86400);
  });
});
