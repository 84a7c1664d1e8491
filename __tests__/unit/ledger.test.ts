/**
 * The ledger docs/slurm_job_list.md: canonical lines, in-place upserts that
 * leave every other byte alone, whole-token run ids, verify, and malformed /
 * duplicate lines reported with their line numbers.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AutolabError } from "../../src/util/errors.js";
import type { RunManifest } from "../../src/contract/types.js";
import { canonicalLine, parseLedger, upsertLedger, upsertMany, verifyLedger } from "../../src/ledger/ledger.js";
import { LEDGER_HEADER, upsertLedgerFile, upsertManyFile } from "../../src/ledger/io.js";

const FIX = path.join(import.meta.dirname, "../fixtures/autolab-1.0");
const SAMPLE_LEDGER = readFileSync(path.join(FIX, "slurm_job_list.md"), "utf8");
const SAMPLE_MANIFEST: RunManifest = JSON.parse(readFileSync(path.join(FIX, "run_manifest.completed.json"), "utf8"));

function manifest(runId: string, over: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: "iter_a",
    host_mode: "slurm",
    command: "sbatch run_slurm.sbatch",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: "2026-11-28T10:00:00Z" },
    job_id: "100",
    status: "running",
    ...over,
  };
}

const line = (runId: string, status = "running", job = "100", iter = "iter_a", date = "2026-11-28") =>
  `- ${date} | job_id=${job} | iteration_id=${iter} | run_id=${runId} | status=${status}`;

describe("the Python tool's sample", () => {
  it("verify reports exactly the status difference", () => {
    const findings = verifyLedger(SAMPLE_LEDGER, SAMPLE_MANIFEST, "docs/slurm_job_list.md");
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: "error",
      check: "ledger.mismatch",
      file: "docs/slurm_job_list.md",
      line: 1,
      column: SAMPLE_LEDGER.indexOf("status=") + 1,
    });
    expect(findings[0].message).toBe(
      'run 20261128T151432Z_093977: status is "submitted" in the ledger but "completed" in the manifest',
    );
  });

  it("append fixes the line in place; the other run's line stays byte for byte; verify passes", () => {
    const r = upsertLedger(SAMPLE_LEDGER, SAMPLE_MANIFEST);
    expect(r).toMatchObject({ action: "updated", line: 1 });
    const before = SAMPLE_LEDGER.split("\n");
    const after = r.text.split("\n");
    expect(after).toHaveLength(before.length);
    expect(after[0]).toBe(before[0].replace("status=submitted", "status=completed"));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(verifyLedger(r.text, SAMPLE_MANIFEST, "f")).toEqual([]);
    expect(upsertLedger(r.text, SAMPLE_MANIFEST)).toEqual({ text: r.text, action: "unchanged", line: 1 });
  });
});

describe("canonicalLine", () => {
  it("uses the UTC launch date, job id, iteration, run id and status", () => {
    expect(canonicalLine(SAMPLE_MANIFEST)).toBe(
      "- 2026-11-28 | job_id=4242 | iteration_id=bootstrap_iteration | run_id=20261128T151432Z_093977 | status=completed",
    );
    const m = manifest("r1", { timestamps: { started_at: "2026-11-28T23:30:00-03:00" } });
    expect(canonicalLine(m)).toBe(line("r1", "running", "100", "iter_a", "2026-11-29"));
  });

  it("refuses non-slurm runs, missing job ids and missing dates", () => {
    expect(() => canonicalLine(manifest("r1", { host_mode: "local" }))).toThrow(/not a SLURM run/);
    expect(() => canonicalLine(manifest("r1", { job_id: undefined }))).toThrow(/no job id/);
    const noDate = manifest("no-stamp", { timestamps: { started_at: "" } });
    expect(() => canonicalLine(noDate)).toThrow(/no launch date/);
    expect(canonicalLine(manifest("20250102T030405Z_abcdef", { timestamps: { started_at: "" } }))).toMatch(
      /^- 2025-01-02 /,
    );
  });
});

describe("upsert", () => {
  const FOREIGN =
    "# SLURM jobs\n\nSome notes | run ids below.\n\n" +
    line("r10", "completed", "110") +
    "\n  indented note\n\n" +
    line("r2", "failed", "102") +
    "\n\n<!-- trailing comment -->\n";

  it("adds a missing run at the end and leaves every other byte alone", () => {
    const r = upsertLedger(FOREIGN, manifest("r1"));
    expect(r.action).toBe("added");
    expect(r.text).toBe(FOREIGN + line("r1") + "\n");
    expect(r.line).toBe(r.text.split("\n").length - 1);
  });

  it("matches run ids as whole tokens: r1 never matches r10", () => {
    const added = upsertLedger(FOREIGN, manifest("r1", { status: "completed", job_id: "110" }));
    expect(added.action).toBe("added");
    expect(added.text.startsWith(FOREIGN)).toBe(true);
    const updated = upsertLedger(added.text, manifest("r10", { status: "failed", job_id: "110" }));
    expect(updated.action).toBe("updated");
    expect(updated.text).toBe(added.text.replace(line("r10", "completed", "110"), line("r10", "failed", "110")));
    expect(updated.text).toContain(line("r1", "completed", "110"));
  });

  it("rewrites status and job id of an existing line in place", () => {
    const r = upsertLedger(
      FOREIGN,
      manifest("r2", {
        status: "completed",
        job_id: "202",
        timestamps: { started_at: "2026-11-28T01:00:00Z", completed_at: "2026-11-28T02:00:00Z" },
      }),
    );
    expect(r.action).toBe("updated");
    expect(r.line).toBe(8);
    expect(r.text).toBe(FOREIGN.replace(line("r2", "failed", "102"), line("r2", "completed", "202")));
  });

  it("verify fails after the manifest's status changes and passes after append", () => {
    let text = upsertLedger(FOREIGN, manifest("r1", { status: "submitted" })).text;
    expect(verifyLedger(text, manifest("r1", { status: "submitted" }), "f")).toEqual([]);
    const running = manifest("r1", { status: "running" });
    const fs = verifyLedger(text, running, "f");
    expect(fs.map((f) => [f.check, f.line, f.message])).toEqual([
      ["ledger.mismatch", 11, 'run r1: status is "submitted" in the ledger but "running" in the manifest'],
    ]);
    text = upsertLedger(text, running).text;
    expect(verifyLedger(text, running, "f")).toEqual([]);
  });

  it("verify names every differing field and a missing line", () => {
    const text = line("r1", "running", "999", "other_iter", "2026-11-27") + "\n";
    const fs = verifyLedger(text, manifest("r1"), "f");
    expect(fs.map((f) => f.message)).toEqual([
      'run r1: date is "2026-11-27" in the ledger but "2026-11-28" in the manifest',
      'run r1: job_id is "999" in the ledger but "100" in the manifest',
      'run r1: iteration_id is "other_iter" in the ledger but "iter_a" in the manifest',
    ]);
    expect(fs.map((f) => f.column)).toEqual([3, 16, 29]);
    const missing = verifyLedger(text, manifest("r10"), "f");
    expect(missing).toEqual([expect.objectContaining({ check: "ledger.missing", severity: "error" })]);
    expect(missing[0].message).toContain(line("r10"));
  });

  it("keeps CRLF line ends and a missing final newline", () => {
    const crlf = "# Jobs\r\n\r\n" + line("r2") + "\r\n";
    const a = upsertLedger(crlf, manifest("r1"));
    expect(a.text).toBe(crlf + line("r1") + "\r\n");
    const b = upsertLedger(
      crlf,
      manifest("r2", {
        status: "failed",
        timestamps: { started_at: "2026-11-28T10:00:00Z", completed_at: "2026-11-28T11:00:00Z" },
      }),
    );
    expect(b.text).toBe("# Jobs\r\n\r\n" + line("r2", "failed") + "\r\n");

    const noEol = "# Jobs\n" + line("r2");
    const c = upsertLedger(noEol, manifest("r1"));
    expect(c.text).toBe(noEol + "\n" + line("r1"));
    const d = upsertLedger(noEol, manifest("r2", { status: "synced" }));
    expect(d.text).toBe("# Jobs\n" + line("r2", "synced"));
    expect(upsertLedger("", manifest("r1")).text).toBe(line("r1") + "\n");
  });

  it("reports malformed lines naming a run with their line numbers and refuses to touch that run", () => {
    const text = [
      "# Jobs",
      line("r1") + "  ",
      "- 2026-11-28 | job_id=5 | run_id=r3 | status=running",
      "- 2026-13-01 | job_id=5 | iteration_id=x | run_id=r4 | status=running",
      "- 2026-11-28 | job_id=5 | iteration_id=x | run_id=r5 | status=done",
      "- 2026-11-28 | job_id=5 | iteration_id=x | status=running",
      "A note mentioning run_id=r1 in prose is not a list item.",
      line("r2"),
      "",
    ].join("\n");
    const { entries, problems } = parseLedger(text);
    expect(entries.map((e) => [e.runId, e.line])).toEqual([["r2", 8]]);
    expect(problems.map((p) => [p.kind, p.line, p.runId])).toEqual([
      ["malformed", 2, "r1"],
      ["malformed", 3, "r3"],
      ["malformed", 4, "r4"],
      ["malformed", 5, "r5"],
      ["malformed", 6, undefined],
    ]);
    expect(problems[0].message).toMatch(/line 2 names run r1 .*trailing whitespace/);
    expect(problems[2].message).toMatch(/"2026-13-01" is not a date/);
    expect(problems[3].message).toMatch(/unknown status "done"/);

    try {
      upsertLedger(text, manifest("r1"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AutolabError);
      expect((e as AutolabError).message).toMatch(/run r1 has malformed line\(s\) 2/);
      expect((e as AutolabError).location.line).toBe(2);
    }
    // Another run is still upserted, and the malformed lines survive untouched.
    const ok = upsertLedger(text, manifest("r2", { status: "synced" }));
    expect(ok.text).toBe(text.replace(line("r2"), line("r2", "synced")));

    const fs = verifyLedger(text, manifest("r1"), "docs/slurm_job_list.md");
    expect(fs.filter((f) => f.severity === "error").map((f) => [f.check, f.line])).toEqual([["ledger.malformed", 2]]);
    expect(fs.filter((f) => f.severity === "warning").map((f) => f.line)).toEqual([3, 4, 5, 6]);
  });

  it("reports duplicate lines for one run and never merges them", () => {
    const text = ["# Jobs", line("r1", "submitted"), line("r2"), line("r1", "running"), ""].join("\n");
    expect(parseLedger(text).problems).toEqual([
      expect.objectContaining({ kind: "duplicate", line: 4, lines: [2, 4], runId: "r1" }),
    ]);
    expect(() => upsertLedger(text, manifest("r1"))).toThrow(/run r1 has 2 ledger lines \(2, 4\)/);
    const fs = verifyLedger(text, manifest("r1"), "f");
    expect(fs.find((f) => f.check === "ledger.duplicate")).toMatchObject({ severity: "error", line: 4 });
    expect(upsertLedger(text, manifest("r2", { status: "synced" })).text).toBe(
      text.replace(line("r2"), line("r2", "synced")),
    );
  });
});

describe("upsertMany", () => {
  it("updates and adds many runs in one pass over a 10,000-line ledger", () => {
    const lines = ["# Jobs", ""];
    for (let i = 0; i < 10_000; i++) lines.push(line(`run${i}`, "running", String(1000 + i)));
    const text = lines.join("\n") + "\n";
    const ms: RunManifest[] = [];
    for (let i = 0; i < 10_000; i += 2) ms.push(manifest(`run${i}`, { status: "synced", job_id: String(1000 + i) }));
    ms.push(manifest("new1"), manifest("new2", { status: "submitted" }), manifest("new1", { status: "synced" }));
    ms.push(manifest("bad", { host_mode: "local" }));
    const r = upsertMany(text, ms);
    const out = r.text.split("\n");
    expect(out).toHaveLength(lines.length + 3);
    expect(out[2]).toBe(line("run0", "synced", "1000"));
    expect(out[3]).toBe(line("run1", "running", "1001"));
    expect(out[lines.length]).toBe(line("new1", "synced"));
    expect(out[lines.length + 1]).toBe(line("new2", "submitted"));
    expect(r.results.filter((x) => x.action === "updated")).toHaveLength(5000);
    expect(r.results.find((x) => x.runId === "bad")?.error?.message).toMatch(/not a SLURM run/);
    expect(r.results.slice(-4).map((x) => x.action)).toEqual(["added", "added", "added", undefined]);
  });
});

describe("ledger file", () => {
  it("creates docs/ and the file with a header, then upserts in place", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "ledger-"));
    const file = path.join(root, "docs/slurm_job_list.md");
    const first = await upsertLedgerFile(file, manifest("r1"), "docs/slurm_job_list.md");
    expect(first).toMatchObject({ action: "added", created: true });
    expect(readFileSync(file, "utf8")).toBe(LEDGER_HEADER + line("r1") + "\n");
    expect(parseLedger(LEDGER_HEADER).problems).toEqual([]);
    const second = await upsertLedgerFile(file, manifest("r1", { status: "synced" }));
    expect(second).toMatchObject({ action: "updated", created: false });
    expect(readFileSync(file, "utf8")).toBe(LEDGER_HEADER + line("r1", "synced") + "\n");
  });

  it("reports a refused run with the ledger file and line, writing nothing", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "ledger-"));
    const file = path.join(root, "slurm_job_list.md");
    const text = line("r1") + "\n" + line("r1", "synced") + "\n";
    writeFileSync(file, text);
    await expect(upsertLedgerFile(file, manifest("r1"), "docs/slurm_job_list.md")).rejects.toMatchObject({
      location: { file: "docs/slurm_job_list.md", line: 1 },
    });
    const many = await upsertManyFile(file, [manifest("r1"), manifest("r2")]);
    expect(many.written).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(text + line("r2") + "\n");
    expect(many.results[0].error?.location.line).toBe(1);
    expect(existsSync(file)).toBe(true);
  });
});
