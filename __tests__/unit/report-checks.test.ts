/** report/checks.ts: what a check run says (pure; table tests, no network). */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/util/errors.js";
import {
  clipStart,
  conclusionForFindings,
  countLine,
  findingsCheckRun,
  findingsSummaryText,
  LOG_TAIL_CHARS,
  TITLE_LIMIT,
  workflowCommandNotes,
} from "../../src/report/checks.js";
import {
  conclusionForRun,
  efficiencyText,
  isoUtc,
  runCheckFingerprint,
  runCheckOf,
  runDetailsUrl,
} from "../../src/report/run-check.js";
import type { RunManifest } from "../../src/contract/types.js";

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

describe("runCheckOf: a run's check run from its manifest", () => {
  const base = (over: Partial<RunManifest> = {}): RunManifest => ({
    schema_version: "1.0",
    run_id: "20261128T120000Z_abcdef",
    iteration_id: "it1",
    host_mode: "slurm",
    command: "",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: "2026-11-28T12:00:00Z" },
    job_id: "42",
    ...over,
  });
  const path = "experiments/plan/it1/runs/20261128T120000Z_abcdef/run_manifest.json";

  it("is queued from launch until SLURM starts the job, with no started_at", () => {
    const c = runCheckOf({
      manifest: base({ status: "submitted", slurm: { state: "PENDING", reason: "Priority" } }),
      manifestPath: path,
    });
    expect(c).toMatchObject({
      status: "queued",
      name: "autolab run 20261128T120000Z_abcdef",
      external_id: "20261128T120000Z_abcdef",
    });
    expect(c.started_at).toBeUndefined();
    expect(c.conclusion).toBeUndefined();
    expect(c.summary).toContain("| SLURM state | PENDING (Priority) |");
  });

  it("takes started_at and completed_at from SLURM's start and end, never the launch or the tick", () => {
    const m = base({
      status: "completed",
      timestamps: { started_at: "2026-11-28T12:00:00Z", completed_at: "2026-12-01T09:00:00Z" },
      slurm: { state: "COMPLETED", start: "2026-11-28T12:05:00Z", end: "2026-12-01T08:55:00Z" },
    });
    const c = runCheckOf({
      manifest: m,
      manifestPath: path,
      metrics: { status: "ok", primary: { name: "val_loss", value: 0.123456789 } },
    });
    expect(c).toMatchObject({
      status: "completed",
      conclusion: "success",
      started_at: "2026-11-28T12:05:00Z",
      completed_at: "2026-12-01T08:55:00Z",
    });
    expect(c.title).toBe("completed · val_loss = 0.123457");
    expect(c.summary).toContain("| Primary metric | val_loss = 0.123457 (metrics ok) |");
  });

  it("reads SLURM's zone-less times as local time and gives GitHub ISO 8601 with a zone", () => {
    expect(isoUtc("2026-11-28T12:05:00")).toBe(new Date(2026, 10, 28, 12, 5, 0).toISOString().replace(".000Z", "Z"));
    expect(isoUtc("Unknown")).toBeUndefined();
    expect(isoUtc("None")).toBeUndefined();
    expect(isoUtc("")).toBeUndefined();
  });

  it.each([
    [{ after: "completed" }, "success"],
    [{ after: "completed", metricsStatus: "failed" }, "failure"],
    [{ after: "partial" }, "neutral"],
    [{ after: "failed", failureReason: "timeout" }, "timed_out"],
    [{ after: "failed", failureReason: "cancelled" }, "cancelled"],
    [{ after: "failed", failureReason: "exit_code" }, "failure"],
    [{ after: "failed" }, "failure"],
    [{ after: "running" }, undefined],
    [{ after: "synced" }, undefined],
    [{ after: "submitted" }, undefined],
  ] as Array<[Parameters<typeof conclusionForRun>[0], string | undefined]>)("conclusion %j -> %s", (r, want) => {
    expect(conclusionForRun(r)).toBe(want);
  });

  it("a failed run: conclusion from its failure reason, the reason and exit code in the summary, the log tail in the text", () => {
    const m = base({
      status: "failed",
      failure: { reason: "timeout", message: "time limit" },
      slurm: { state: "TIMEOUT", exit_code: "0:15", start: "2026-11-28T12:05:00Z", end: "2026-11-29T12:05:00Z" },
    });
    const c = runCheckOf({ manifest: m, manifestPath: path, logTail: "X".repeat(10) + "Y".repeat(LOG_TAIL_CHARS) });
    expect(c).toMatchObject({ status: "completed", conclusion: "timed_out" });
    expect(c.title).toBe("failed (timeout) · SLURM TIMEOUT");
    expect(c.summary).toContain("| Failure reason | timeout |");
    expect(c.summary).toContain("| Exit code | 0:15 |");
    expect(c.text).not.toContain("X");
    expect(c.text).toContain("YYYY");
    // The log tail is not part of what must match: a check posted without it is not drift.
    expect(runCheckFingerprint(c)).toBe(runCheckFingerprint(runCheckOf({ manifest: m, manifestPath: path })));
  });

  it("shows efficiency figures and hints when the manifest has them, and none when it has not", () => {
    const m = base({
      status: "completed",
      efficiency: {
        job_id: "12",
        state: "COMPLETED",
        elapsed_seconds: 8,
        time_limit_seconds: 120,
        time_used: 0.067,
        alloc_cpus: 1,
        total_cpu_seconds: 8,
        cpu_efficiency: 1,
        req_mem_bytes: 500 * 1024 ** 2,
        max_rss_bytes: 221344 * 1024,
        memory_used: 0.432,
        hint_below: 0.5,
        hints: ['time: ran 7% of its limit; walltime_estimate: "00:01:00" would fit'],
      },
    });
    expect(efficiencyText(m)).toBe("CPU 100% of 1 · memory 216.2 MiB of 500.0 MiB (43%) · time 8s of 2m 00s (7%)");
    const summary = runCheckOf({ manifest: m, manifestPath: path }).summary;
    expect(summary).toContain("| Efficiency | CPU 100% of 1 · memory 216.2 MiB of 500.0 MiB (43%)");
    expect(summary).toContain("| Right-sizing | time: ran 7% of its limit");
    expect(runCheckOf({ manifest: base(), manifestPath: path }).summary).not.toContain("Efficiency");
  });

  it("shows SLURM's submit, queue wait and run time once each is over, and a waiting job's expected start", () => {
    const ended = runCheckOf({
      manifest: base({
        status: "completed",
        slurm: {
          submit: "2026-11-28T12:00:00Z",
          start: "2026-11-28T12:05:00Z",
          end: "2026-11-28T13:05:30Z",
          state: "COMPLETED",
        },
      }),
      manifestPath: path,
    }).summary;
    expect(ended).toContain("| Submitted (SLURM) | 2026-11-28T12:00:00Z |");
    expect(ended).toContain("| Queued | 5m 00s |");
    expect(ended).toContain("| Run time | 1h 00m 30s |");
    const waiting = runCheckOf({
      manifest: base({
        status: "submitted",
        slurm: { submit: "2026-11-28T12:00:00Z", state: "PENDING", expected_start: "2026-11-28T14:00:00Z" },
      }),
      manifestPath: path,
    }).summary;
    expect(waiting).toContain("| Expected start (SLURM) | 2026-11-28T14:00:00Z |");
    // Still waiting: no span that grows by itself (the check run must not change between ticks).
    expect(waiting).not.toContain("| Queued |");
  });

  it("a running run is in progress from SLURM's start; the fingerprint changes with the state", () => {
    const running = runCheckOf({
      manifest: base({ status: "running", slurm: { state: "RUNNING", start: "2026-11-28T12:05:00Z" } }),
      manifestPath: path,
    });
    expect(running).toMatchObject({ status: "in_progress", started_at: "2026-11-28T12:05:00Z" });
    const queued = runCheckOf({ manifest: base({ status: "submitted" }), manifestPath: path });
    expect(runCheckFingerprint(running)).not.toBe(runCheckFingerprint(queued));
  });

  it("links the run's directory on the launch commit", () => {
    expect(
      runDetailsUrl({
        serverUrl: "https://github.example/",
        owner: "lab",
        repo: "exp",
        sha: "a".repeat(40),
        manifestPath: path,
      }),
    ).toBe(`https://github.example/lab/exp/tree/${"a".repeat(40)}/experiments/plan/it1/runs/20261128T120000Z_abcdef`);
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
