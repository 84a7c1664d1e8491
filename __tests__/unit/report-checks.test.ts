/** report/checks.ts: what a check run says (pure; table tests, no network). */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/util/errors.js";
import {
  clipStart,
  conclusionForFindings,
  conclusionForRun,
  countLine,
  findingsCheckRun,
  findingsSummaryText,
  LOG_TAIL_CHARS,
  runCheck,
  TITLE_LIMIT,
  workflowCommandNotes,
  type RunCheckFacts,
} from "../../src/report/checks.js";

const f = (severity: Finding["severity"], over: Partial<Finding> = {}): Finding => ({
  severity,
  check: `c.${severity}`,
  message: `${severity} message`,
  ...over,
});

describe("conclusionForFindings", () => {
  it.each([
    [[], "success"],
    [[f("notice")], "success"],
    [[f("notice"), f("warning")], "neutral"],
    [[f("warning"), f("error"), f("notice")], "failure"],
  ] as Array<[Finding[], string]>)("%j -> %s", (findings, want) => {
    expect(conclusionForFindings(findings)).toBe(want);
  });
});

describe("conclusionForRun", () => {
  it.each([
    [{ after: "completed" }, "success"],
    [{ after: "completed", metricsStatus: "ok" }, "success"],
    [{ after: "completed", metricsStatus: "failed" }, "failure"],
    [{ after: "failed", failureReason: "timeout" }, "timed_out"],
    [{ after: "failed", failureReason: "cancelled" }, "cancelled"],
    [{ after: "failed", failureReason: "exit_code" }, "failure"],
    [{ after: "failed" }, "failure"],
    [{ after: "running" }, undefined],
    [{ after: "submitted" }, undefined],
    [{ after: "pending" }, undefined],
  ] as Array<[Parameters<typeof conclusionForRun>[0], string | undefined]>)("%j -> %s", (r, want) => {
    expect(conclusionForRun(r)).toBe(want);
  });
});

describe("runCheck", () => {
  const base: RunCheckFacts = {
    runId: "20261128T120000Z_abcdef",
    iterationId: "it1",
    jobId: "42",
    after: "failed",
    transitions: [
      { from: "submitted", to: "running" },
      { from: "running", to: "failed" },
    ],
    slurmState: "TIMEOUT",
    reason: "TimeLimit",
    failureReason: "timeout",
    exitCode: "0:15",
    logTail: "last line",
  };

  it("completes a finished run with title, summary and text", () => {
    expect(runCheck(base)).toEqual({
      status: "completed",
      conclusion: "timed_out",
      title: "20261128T120000Z_abcdef: failed (TIMEOUT)",
      summary: "Run 20261128T120000Z_abcdef of it1, job 42: submitted -> running, running -> failed",
      text: "Scheduler reason: TimeLimit\n\nFailure reason: timeout (exit code 0:15)\n\nLog tail:\n\n```\nlast line\n```",
    });
  });

  it("keeps a running run in progress, with no text when there is nothing to say", () => {
    const c = runCheck({
      runId: "r",
      iterationId: "i",
      after: "running",
      transitions: [{ from: null, to: "running" }],
    });
    expect(c).toMatchObject({ status: "in_progress", conclusion: undefined, title: "r: running", text: undefined });
    expect(c.summary).toBe("Run r of i, job -: null -> running");
  });

  it("keeps only the end of a long log tail", () => {
    const tail = "X".repeat(10) + "Y".repeat(LOG_TAIL_CHARS);
    const text = runCheck({ ...base, reason: undefined, failureReason: undefined, logTail: tail }).text!;
    expect(text).not.toContain("X");
    expect(text.length).toBe(LOG_TAIL_CHARS + "Log tail:\n\n```\n\n```".length);
  });
});

describe("findingsCheckRun", () => {
  const root = "/repo";
  const findings = [
    f("error", { file: "docs/x.md", line: 3, column: 2 }),
    f("warning", { file: "/repo/a/b.json", line: 0 }),
    f("notice", { file: "/etc/passwd", line: 1 }),
    f("notice"),
  ];

  it("annotates findings inside the repository and lists the others by base name", () => {
    const c = findingsCheckRun(findings, { summaryText: "4 finding(s)", repoRoot: root });
    expect(c.conclusion).toBe("failure");
    expect(c.title).toBe("autolab: 1 error(s), 1 warning(s), 2 notice(s)");
    expect(c.summary).toBe("4 finding(s)");
    expect(c.annotations.map((a) => [a.path, a.start_line, a.start_column, a.annotation_level])).toEqual([
      ["docs/x.md", 3, 2, "failure"],
      ["a/b.json", 1, undefined, "warning"],
    ]);
    expect(c.unlocated).toHaveLength(2);
    expect(c.text).toContain("(outside the repository) passwd");
    expect(c.text).not.toContain("/etc");
  });

  it("has no text when every finding is annotated, and takes the title when there is no summary", () => {
    const c = findingsCheckRun([f("warning", { file: "x.md" })], { summaryText: "", title: "t".repeat(400) });
    expect(c.text).toBeUndefined();
    expect(c.title.length).toBe(TITLE_LIMIT);
    expect(c.summary).toBe(c.title);
    expect(c.conclusion).toBe("neutral");
  });
});

describe("texts", () => {
  it("counts, names and notes", () => {
    expect(countLine([f("error"), f("error"), f("notice")])).toBe("2 error(s), 0 warning(s), 1 notice(s)");
    expect(findingsSummaryText("autolab monitor", [f("error")])).toBe("1 finding(s) from autolab monitor");
    expect(workflowCommandNotes(undefined)).toEqual([
      "No token: findings were written as workflow-command annotations.",
    ]);
    expect(workflowCommandNotes("hidden")).toHaveLength(2);
  });

  it("clipStart keeps the end and marks the cut", () => {
    expect(clipStart("abc", 5)).toBe("abc");
    const s = clipStart("x".repeat(100) + "END", 40);
    expect(s.length).toBe(40);
    expect(s.startsWith("…(earlier output cut)\n")).toBe(true);
    expect(s.endsWith("END")).toBe(true);
  });
});
