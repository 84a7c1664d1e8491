/** The job summary renderer (pure) and its 1 MiB budget. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/util/errors.js";
import {
  DEFAULT_SUMMARY_BYTES,
  STEP_SUMMARY_LIMIT_BYTES,
  escapeCell,
  formatDuration,
  mermaidText,
  renderSummary,
  type SummaryRun,
} from "../../src/report/summary.js";
import { writeSummary } from "../../src/github/summary.js";

const runs: SummaryRun[] = [
  {
    runId: "20261128T151432Z_093977",
    jobId: "4242",
    state: "completed",
    startedAt: "2026-11-28T15:14:40Z",
    completedAt: "2026-11-28T16:17:43Z",
    sync: "ok",
    primaryMetric: { name: "val_loss", value: 0.123456789 },
    iterationId: "bootstrap_iteration",
  },
  {
    runId: "20261128T151509Z_97aa8d",
    jobId: "4243",
    state: "failed",
    startedAt: "2026-11-28T15:15:10Z",
    durationSeconds: 65,
    sync: "failed",
    primaryMetric: { name: "acc|top1", value: null },
    iterationId: "bootstrap: #2; ablation",
  },
  { runId: "20261128T152000Z_aaaaaa", jobId: "4244", state: "submitted" },
];

const findings: Finding[] = [
  { severity: "notice", check: "style", message: "consider a baseline", file: "experiments/plan/a/design.yaml" },
  {
    severity: "error",
    check: "ledger.missing",
    message: "run <b>missing</b> from the ledger",
    file: "docs/slurm_job_list.md",
    line: 4,
    column: 3,
    hint: "run autolab slurm-job-list append",
  },
  {
    severity: "warning",
    check: "schema",
    message: "unknown key",
    file: "experiments/plan/a/design.yaml",
    line: 12,
    jsonPath: "/compute/foo",
  },
];

describe("renderSummary", () => {
  const md = renderSummary({
    title: "autolab monitor",
    command: "monitor",
    runs,
    findings,
    scheduler: { calls: 2, totalMs: 84.6, detail: ["sacct: 1 call, 50 ms", "squeue: 1 call, 34 ms"] },
    notes: ["GitHub shows at most 10 error annotations per step."],
  });

  it("tables the runs with escaped cells, durations and metrics", () => {
    expect(md).toContain(
      "| Run | Job | State | Started (SLURM, UTC) | Duration | Primary metric | Reason | Sync | Files |",
    );
    expect(md).toContain(
      "| `20261128T151432Z_093977` | 4242 | 🟢 completed | 2026-11-28 15:14 | 1h 03m 03s | val_loss = 0.123457 | finished | ok | — |",
    );
    expect(md).toContain(
      "| `20261128T151509Z_97aa8d` | 4243 | 🔴 failed | 2026-11-28 15:15 | 1m 05s | acc\\|top1: no value | not recorded | failed | — |",
    );
    expect(md).toContain(
      "| `20261128T152000Z_aaaaaa` | 4244 | ⚪ submitted | — | — | not yet (run not finished) | waiting for the scheduler | — | — |",
    );
    // Every table row has exactly 7 unescaped pipes.
    for (const line of md.split("\n").filter((l) => l.startsWith("| `"))) {
      expect(line.replace(/\\\|/g, "").split("|").length - 1).toBe(10);
    }
  });

  it("draws a mermaid gantt of runs that have a start, and says which were left out", () => {
    const m = /```mermaid\n([\s\S]*?)```/.exec(md);
    expect(m).not.toBeNull();
    const chart = m![1].split("\n");
    expect(chart[0]).toBe("gantt");
    expect(chart).toContain("    dateFormat YYYY-MM-DD HH:mm:ss");
    expect(chart).toContain("    section bootstrap_iteration");
    expect(chart).toContain("    section bootstrap 2 ablation");
    expect(chart).toContain(
      "    20261128T151432Z_093977 job 4242 completed :done, r1, 2026-11-28 15:14:40, 2026-11-28 16:17:43",
    );
    expect(chart).toContain(
      "    20261128T151509Z_97aa8d job 4243 failed :crit, r2, 2026-11-28 15:15:10, 2026-11-28 15:16:15",
    );
    // Task names and sections carry no `:`, `#` or `;` (Mermaid's separators); the data part has exactly one `:` before it.
    for (const line of chart.filter(
      (l) => /^\s{4}\S/.test(l) && !/^\s{4}(title|dateFormat|axisFormat|todayMarker|section)/.test(l),
    )) {
      const name = line.slice(0, line.indexOf(" :"));
      expect(name).not.toMatch(/[:#;]/);
    }
    expect(md).toContain("1 run(s) without a start time are not in the timeline: `20261128T152000Z_aaaaaa`.");
  });

  it("lists findings errors first with file:line and escapes HTML", () => {
    const lines = md.split("\n").filter((l) => l.startsWith("- 🔴") || l.startsWith("- 🟡") || l.startsWith("- 🔵"));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "- 🔴 error `docs/slurm_job_list.md:4:3` run &lt;b&gt;missing&lt;/b&gt; from the ledger `[ledger.missing]` — fix: run autolab slurm-job-list append",
    );
    expect(lines[1]).toContain("`experiments/plan/a/design.yaml:12` unknown key (at `/compute/foo`)");
    expect(lines[2]).toContain("🔵 notice `experiments/plan/a/design.yaml` consider a baseline");
  });

  it("reports scheduler time and notes", () => {
    expect(md).toContain("2 call(s), 85 ms in total (42 ms per call).");
    expect(md).toContain("- sacct: 1 call, 50 ms");
    expect(md).toContain("- GitHub shows at most 10 error annotations per step.");
    expect(md).not.toContain("truncated");
  });

  it("omits the timeline when no run has a start, and handles no runs/findings", () => {
    const empty = renderSummary({ title: "t", command: "status", runs: [], findings: [] });
    expect(empty).toContain("No runs were touched.");
    expect(empty).toContain("No findings.");
    expect(empty).not.toContain("mermaid");
  });

  it("stays under the byte budget and says how much it left out", () => {
    const many: SummaryRun[] = Array.from({ length: 5000 }, (_, i) => ({
      runId: `20261128T15${String(i % 60).padStart(2, "0")}00Z_${i.toString(16).padStart(6, "0")}`,
      jobId: String(10000 + i),
      state: "completed",
      startedAt: new Date(Date.UTC(2026, 10, 28, 0, 0, i)).toISOString(),
      durationSeconds: 3600,
      sync: "ok",
      primaryMetric: { name: "loss", value: i / 7 },
      iterationId: `it${i % 5}`,
    }));
    const lots: Finding[] = Array.from({ length: 20000 }, (_, i) => ({
      severity: i % 2 ? "warning" : "error",
      check: "ledger.mismatch",
      message: `finding ${i} ` + "é".repeat(40),
      file: "docs/slurm_job_list.md",
      line: i + 1,
    }));
    // Findings are listed up to a cap, so 5,000 runs and 20,000 findings fit whole under the default budget.
    const whole = renderSummary({ title: "big", command: "monitor", runs: many, findings: lots });
    expect(Buffer.byteLength(whole)).toBeLessThanOrEqual(DEFAULT_SUMMARY_BYTES);
    expect(whole).not.toContain("truncated");
    expect(whole).toContain("…and 19900 more (9900 error(s), 10000 warning(s), 0 notice(s))");
    expect(DEFAULT_SUMMARY_BYTES).toBeLessThan(STEP_SUMMARY_LIMIT_BYTES);
    const out = renderSummary({ title: "big", command: "monitor", runs: many, findings: lots, maxBytes: 300_000 });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(300_000);
    const m =
      /truncated to stay under GitHub's 1 MiB job-summary limit: (\d+) of 5000 runs and (\d+) of 20000 findings are left out/.exec(
        out,
      );
    expect(m).not.toBeNull();
    const keptRuns = out.split("\n").filter((l) => l.startsWith("| `")).length;
    const keptFindings = out.split("\n").filter((l) => l.startsWith("- 🔴") || l.startsWith("- 🟡")).length;
    expect(keptRuns).toBe(5000 - Number(m![1]));
    expect(keptFindings).toBe(20000 - Number(m![2]));
    expect(keptRuns).toBeGreaterThan(0);
    // The timeline is capped and closed.
    expect(out).toContain("The timeline shows the 100 most recently submitted of");
    expect(out.match(/```/g)!.length % 2).toBe(0);

    // A tiny budget: the fixed part alone does not fit; the text is cut, still with the note.
    const tiny = renderSummary({
      title: "big",
      command: "monitor",
      runs: many,
      findings: lots,
      notes: ["x".repeat(5000)],
      maxBytes: 2000,
    });
    expect(Buffer.byteLength(tiny)).toBeLessThanOrEqual(2000);
    expect(tiny).toContain("The rest of this summary was cut as well.");
  });
});

describe("helpers", () => {
  it("escapes table cells and mermaid names, formats durations", () => {
    expect(escapeCell("a|b\nc<d>")).toBe("a\\|b c&lt;d&gt;");
    expect(mermaidText("run: #1; go\n")).toBe("run 1 go");
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(59.6)).toBe("1m 00s");
    expect(formatDuration(3 * 86400 + 7200 + 60)).toBe("3d 2h 01m");
  });
});

describe("writeSummary", () => {
  it("appends to GITHUB_STEP_SUMMARY and does nothing outside Actions", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "summary-"));
    const file = path.join(dir, "step_summary");
    writeFileSync(file, "before\n");
    const saved = process.env.GITHUB_STEP_SUMMARY;
    try {
      process.env.GITHUB_STEP_SUMMARY = file;
      expect(await writeSummary("## hello\n")).toBe(true);
      expect(readFileSync(file, "utf8")).toBe("before\n## hello\n\n");
      delete process.env.GITHUB_STEP_SUMMARY;
      expect(await writeSummary("## again\n")).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("runs still going", () => {
  it("times and draws a running run up to `now`, never a finished one", () => {
    const md = renderSummary({
      title: "t",
      command: "monitor",
      now: "2026-11-28T16:00:00Z",
      runs: [
        { runId: "20261128T150000Z_000001", state: "running", startedAt: "2026-11-28T15:00:00Z" },
        { runId: "20261128T150000Z_000002", state: "failed", startedAt: "2026-11-28T15:00:00Z" },
      ],
      findings: [],
    });
    expect(md).toContain("| `20261128T150000Z_000001` | — | 🔵 running | 2026-11-28 15:00 | 1h 00m 00s |");
    expect(md).toContain("| `20261128T150000Z_000002` | — | 🔴 failed | 2026-11-28 15:00 | — |");
    expect(md).toMatch(/000001 running :active, r\d, 2026-11-28 15:00:00, 2026-11-28 16:00:00/);
    expect(md).toMatch(/000002 failed :crit, r\d, 2026-11-28 15:00:00, 2026-11-28 15:00:01/);
  });
});
