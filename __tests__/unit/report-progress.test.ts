/** The monitor's progress lines (report/monitor.ts progressLine): one per phase, on the CLI's stderr. */
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/report/monitor.js";
import type { MonitorProgress } from "../../src/commands/monitor/index.js";

describe("progressLine", () => {
  it.each<[MonitorProgress, string]>([
    [{ phase: "discovering" }, "monitor: looking for runs under experiments/\n"],
    [
      { phase: "asking", jobs: 3, tracked: 10 },
      "monitor: asking the scheduler about 3 job(s) in flight (10 run(s) tracked)\n",
    ],
    [
      { phase: "run", runId: "20260101T000000Z_abcdef", jobId: "42", before: "submitted", after: "completed" },
      "monitor: 20260101T000000Z_abcdef (job 42): submitted -> completed\n",
    ],
    [
      { phase: "run", runId: "20260101T000000Z_abcdef", before: "running", after: "failed" },
      "monitor: 20260101T000000Z_abcdef: running -> failed\n",
    ],
    [{ phase: "committing", files: 4 }, "monitor: recording 4 file edit(s)\n"],
  ])("%j", (e, want) => {
    expect(progressLine(e)).toBe(want);
  });
});
