/** report/summary.ts: states by their first word, and the one duration rule (pure). */
import { describe, expect, it } from "vitest";
import { ganttTag, renderSummary, stateWord } from "../../src/report/summary.js";
import { elapsedSeconds } from "../../src/domain/duration.js";

describe("stateWord and ganttTag", () => {
  it.each([
    ["failed", "failed", "crit, "],
    ["failed (TIMEOUT)", "failed", "crit, "],
    ["Failed (OUT_OF_MEMORY)", "failed", "crit, "],
    ["cancelled", "cancelled", "crit, "],
    ["running", "running", "active, "],
    ["running (RUNNING)", "running", "active, "],
    ["submitted (PENDING)", "submitted", "active, "],
    ["completed (COMPLETED)", "completed", "done, "],
    ["synced", "synced", "active, "],
    ["dry-run", "dry-run", ""],
    ["", "", ""],
  ])("%j -> %s, %j", (state, word, tag) => {
    expect(stateWord(state)).toBe(word);
    expect(ganttTag(state)).toBe(tag);
  });
});

describe("elapsedSeconds", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  it.each([
    ["2026-11-28T11:00:00Z", "2026-11-28T11:01:05Z", undefined, 65],
    ["2026-11-28T11:00:00Z", "2026-11-28T11:00:00.600Z", undefined, 1],
    ["2026-11-28T11:00:00Z", undefined, now, 3600],
    ["2026-11-28T11:00:00Z", undefined, undefined, undefined],
    ["2026-11-28T11:00:00Z", "not a date", now, 3600],
    ["2026-11-28T11:00:00Z", "2026-11-28T10:59:00Z", undefined, 0],
    [undefined, "2026-11-28T11:00:00Z", now, undefined],
    ["", undefined, now, undefined],
    ["garbage", undefined, now, undefined],
  ] as Array<[string | undefined, string | undefined, Date | undefined, number | undefined]>)(
    "%s .. %s (now %s) -> %s",
    (start, end, n, want) => {
      expect(elapsedSeconds(start, end, n)).toBe(want);
    },
  );
});

describe("renderSummary reads states by their first word", () => {
  const md = renderSummary({
    title: "t",
    command: "monitor",
    now: "2026-11-28T12:00:00Z",
    findings: [],
    runs: [
      {
        runId: "r1",
        state: "failed (TIMEOUT)",
        startedAt: "2026-11-28T11:00:00Z",
        completedAt: "2026-11-28T11:30:00Z",
      },
      { runId: "r2", state: "running (RUNNING)", startedAt: "2026-11-28T11:50:00Z" },
      { runId: "r3", state: "completed", startedAt: "2026-11-28T11:00:00Z", completedAt: "2026-11-28T10:00:00Z" },
    ],
  });

  it("draws a failed run with its scheduler state as failed, a running one as running", () => {
    const chart = md.split("\n").filter((l) => /^\s{4}r\d/.test(l));
    expect(chart.find((l) => l.includes("r1 "))).toContain(":crit, ");
    expect(chart.find((l) => l.includes("r2 "))).toContain(":active, ");
    // The running run's bar ends at `now`.
    expect(chart.find((l) => l.includes("r2 "))).toContain("2026-11-28 11:50:00, 2026-11-28 12:00:00");
  });

  it("times a running run until now and an end before the start as 0s", () => {
    expect(md).toContain("| `r1` | — | 🔴 failed (TIMEOUT) | 2026-11-28 11:00 | 30m 00s |");
    expect(md).toContain("| `r2` | — | 🔵 running (RUNNING) | 2026-11-28 11:50 | 10m 00s |");
    expect(md).toContain("| `r3` | — | 🟢 completed | 2026-11-28 11:00 | 0s |");
  });
});
