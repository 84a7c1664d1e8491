/**
 * Issue 13: the reports show SLURM's times (queue wait submit -> start, run
 * time start -> end), a waiting job's expected start, the efficiency figures
 * and the right-sizing hints: the job summary (table and the timeline, which
 * draws queued and running as two segments), `autolab status` (text and JSON).
 */
import { describe, expect, it } from "vitest";
import { renderSummary, type SummaryRun } from "../../src/report/summary.js";
import { statusRow, statusSummaryRuns, statusText } from "../../src/report/status.js";
import { jsonText } from "../../src/report/json.js";
import type { RunManifest } from "../../src/contract/types.js";

const NOW = "2026-12-03T12:00:00Z";

const runs: SummaryRun[] = [
  {
    runId: "20261203T100000Z_aaaaaa",
    iterationId: "it1",
    jobId: "41",
    state: "completed",
    submittedAt: "2026-12-03T10:00:00Z",
    startedAt: "2026-12-03T10:20:00Z",
    completedAt: "2026-12-03T11:00:00Z",
    efficiency: "CPU 12% of 4 · memory 1 GiB of 8 GiB (13%) · time 40m 00s of 4h 00m 00s (17%)",
    hints: ["memory: used 1 GiB of 8 GiB (13%); memory_estimate: 1536MB would fit"],
  },
  {
    runId: "20261203T110000Z_bbbbbb",
    iterationId: "it1",
    jobId: "42",
    state: "pending (PENDING)",
    submittedAt: "2026-12-03T11:30:00Z",
    expectedStart: "2026-12-03T14:00:00Z",
    reason: "Resources",
  },
];

describe("the job summary with SLURM's times", () => {
  const out = renderSummary({ title: "t", command: "monitor", runs, findings: [], now: NOW });

  it("the timeline draws each run's queue wait and its run as two segments (a waiting run: its queue to now)", () => {
    const gantt = out.slice(out.indexOf("```mermaid\ngantt"), out.indexOf("```", out.indexOf("gantt")));
    expect(gantt).toContain("20261203T100000Z_aaaaaa job 41 queued :q1, 2026-12-03 10:00:00, 2026-12-03 10:20:00");
    expect(gantt).toContain(
      "20261203T100000Z_aaaaaa job 41 completed :done, r1, 2026-12-03 10:20:00, 2026-12-03 11:00:00",
    );
    expect(gantt).toContain("20261203T110000Z_bbbbbb job 42 queued :q2, 2026-12-03 11:30:00, 2026-12-03 12:00:00");
    // The waiting run has no running segment, and both runs are drawn (none left out for want of a start).
    expect(gantt).not.toContain(":active, r2");
    expect(out).not.toContain("without a start time");
  });

  it("the table has the queue wait, the run time, the efficiency, and the expected start of a waiting run", () => {
    expect(out).toContain("| Queued (SLURM) | Duration | Primary metric | Efficiency | Reason |");
    const done = out.split("\n").find((l) => l.startsWith("| `20261203T100000Z_aaaaaa`"))!;
    expect(done).toContain("| 2026-12-03 10:20 | 20m 00s | 40m 00s |");
    expect(done).toContain("CPU 12% of 4 · memory 1 GiB of 8 GiB (13%)");
    expect(done).toContain("⚠");
    const waiting = out.split("\n").find((l) => l.startsWith("| `20261203T110000Z_bbbbbb`"))!;
    expect(waiting).toContain("| — | 30m 00s | — |");
    expect(waiting).toContain("Resources; expected start 2026-12-03 14:00 UTC");
    expect(out).toContain("- `20261203T100000Z_aaaaaa`: memory: used 1 GiB of 8 GiB (13%)");
  });

  it("without SLURM times or efficiency the optional columns stay out", () => {
    const plain = renderSummary({
      title: "t",
      command: "monitor",
      runs: [{ runId: "r", state: "completed", startedAt: "2026-12-03T10:00:00Z" }],
      findings: [],
    });
    expect(plain).not.toContain("Queued (SLURM)");
    expect(plain).not.toContain("Efficiency");
    expect(plain).not.toContain("Right-sizing");
  });
});

describe("autolab status with SLURM's times and the efficiency", () => {
  const found = { runId: "r1", iterationId: "it1", manifestDisplay: "experiments/it1/runs/r1/run_manifest.json" };
  const m = {
    schema_version: "1.0",
    run_id: "r1",
    iteration_id: "it1",
    host_mode: "slurm",
    command: "sbatch",
    resource_request: {},
    status: "completed",
    job_id: "41",
    timestamps: { started_at: "2026-12-03T09:59:58Z", completed_at: "2026-12-03T11:30:00Z" },
    slurm: {
      job_id: "41",
      state: "COMPLETED",
      submit: "2026-12-03T10:00:00Z",
      start: "2026-12-03T10:20:00Z",
      end: "2026-12-03T11:00:00Z",
    },
    efficiency: {
      job_id: "41",
      state: "COMPLETED",
      cpu_efficiency: 0.12,
      memory_used: 0.13,
      time_used: 0.17,
      hint_below: 0.5,
      hints: ["memory: used 1 GiB of 8 GiB (13%); memory_estimate: 1536MB would fit"],
    },
  } as unknown as RunManifest;
  const row = statusRow(m, found, new Date(NOW));

  it("queue wait and run time are SLURM's (not launch to the tick that noticed the end)", () => {
    expect(row).toMatchObject({ slurmSubmit: "2026-12-03T10:00:00Z", queuedSeconds: 1200, runSeconds: 2400 });
    const text = statusText([row]);
    expect(text).toMatch(/QUEUED\s+RAN/);
    expect(text).toMatch(/20m\s+40m/);
    expect(text).toContain("cpu 12% mem 13% time 17% !");
    expect(text).toContain("hint r1: memory: used 1 GiB of 8 GiB (13%)");
  });

  it("--json: snake_case, the efficiency record as the manifest has it", () => {
    const j = JSON.parse(jsonText({ runs: [row] })) as { runs: Array<Record<string, unknown>> };
    expect(j.runs[0]).toMatchObject({
      slurm_submit: "2026-12-03T10:00:00Z",
      queued_seconds: 1200,
      run_seconds: 2400,
      expected_start: null,
      efficiency: { cpu_efficiency: 0.12, hint_below: 0.5 },
      hints: [expect.stringMatching(/^memory:/)],
    });
  });

  it("a waiting run shows its expected start", () => {
    const w = statusRow(
      {
        ...m,
        status: "submitted",
        efficiency: undefined,
        slurm: {
          job_id: "42",
          state: "PENDING",
          reason: "Priority",
          submit: "2026-12-03T11:30:00Z",
          expected_start: "2026-12-03T14:00:00Z",
        },
      } as unknown as RunManifest,
      found,
      new Date(NOW),
    );
    expect(w).toMatchObject({ expectedStart: "2026-12-03T14:00:00Z", queuedSeconds: 1800, runSeconds: null });
    expect(statusText([w])).toContain("Priority; expected start 2026-12-03T14:00:00Z");
    expect(statusSummaryRuns([w])[0]).toMatchObject({ expectedStart: "2026-12-03T14:00:00Z" });
  });
});
