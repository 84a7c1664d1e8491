/** The CLI's --json presenter (src/report/json.ts): the files' snake_case, data keys kept. */
import { describe, expect, it } from "vitest";
import { jsonText, snakeKey, snakeKeys } from "../../src/report/json.js";

describe("snakeKey", () => {
  it.each([
    ["runId", "run_id"],
    ["durationSeconds", "duration_seconds"],
    ["totalMs", "total_ms"],
    ["consecutiveFailedTicks", "consecutive_failed_ticks"],
    ["testOnly", "test_only"],
    ["run_id", "run_id"],
    ["ok", "ok"],
    // Data used as keys is not an identifier in camelCase: kept.
    ["20261128T151432Z_093977", "20261128T151432Z_093977"],
    ["GPU", "GPU"],
    ["slurm-job-list", "slurm-job-list"],
  ])("%s -> %s", (k, want) => {
    expect(snakeKey(k)).toBe(want);
  });
});

describe("snakeKeys / jsonText", () => {
  it("renames nested keys in objects and arrays, drops undefined, keeps values", () => {
    const rep = {
      runs: [{ runId: "R", jobId: "7", primaryMetric: { name: "valAcc", value: 0.5 }, slurmState: undefined }],
      scheduler: { ok: true, totalMs: 3 },
      inFlight: 1,
    };
    expect(snakeKeys(rep)).toEqual({
      runs: [{ run_id: "R", job_id: "7", primary_metric: { name: "valAcc", value: 0.5 } }],
      scheduler: { ok: true, total_ms: 3 },
      in_flight: 1,
    });
  });

  it("copies a verbatim subtree unchanged (a policy's own keys)", () => {
    const text = jsonText({ filePath: "p", policy: { myKey: { innerKey: 1 } } }, { verbatim: ["policy"] });
    expect(JSON.parse(text)).toEqual({ file_path: "p", policy: { myKey: { innerKey: 1 } } });
    expect(text.endsWith("}\n")).toBe(true);
  });
});
