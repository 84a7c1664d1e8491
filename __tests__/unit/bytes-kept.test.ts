/**
 * Issue 11 item 14 (bytes kept) and item 10 (deep parser output), as tables:
 * the ledger upsert, summary.md's run sections and `policy apply preset` keep
 * a UTF-8 BOM and CRLF line ends; parser output too deep or too large is
 * refused once, with the reason, and the metrics are partial.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyPreset } from "../../src/contract/policy.js";
import type { RunManifest } from "../../src/contract/types.js";
import { normalizeMetrics, refuseParserOutput } from "../../src/domain/metrics.js";
import { upsertRunSection } from "../../src/domain/summary.js";
import { keepingForm, plainText, textForm, withForm } from "../../src/domain/text-form.js";
import { ledgerEdit } from "../../src/ledger/sync.js";
import { parseLedger, upsertLedger, upsertMany } from "../../src/ledger/ledger.js";

const BOM = "\uFEFF";

function manifest(runId: string, status = "submitted"): RunManifest {
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: "it1",
    host_mode: "slurm",
    command: "sbatch",
    resource_request: {},
    status,
    job_id: "77",
    artifact_sync_to_local: {},
    timestamps: { started_at: "2026-01-02T03:04:05Z" },
  } as unknown as RunManifest;
}

const forms: Array<{ name: string; bom: boolean; eol: string }> = [
  { name: "LF", bom: false, eol: "\n" },
  { name: "CRLF", bom: false, eol: "\r\n" },
  { name: "BOM + LF", bom: true, eol: "\n" },
  { name: "BOM + CRLF", bom: true, eol: "\r\n" },
];

function inForm(lines: string[], f: { bom: boolean; eol: string }): string {
  return (f.bom ? BOM : "") + lines.join(f.eol) + f.eol;
}

describe("text form helpers", () => {
  it.each([
    ["", { bom: false, crlf: false }],
    ["a\nb\n", { bom: false, crlf: false }],
    ["a\r\nb\r\n", { bom: false, crlf: true }],
    [`${BOM}a\r\n`, { bom: true, crlf: true }],
    [`${BOM}a`, { bom: true, crlf: false }],
  ])("textForm(%j)", (text, form) => {
    expect(textForm(text)).toEqual(form);
    expect(withForm(plainText(text), form)).toBe(text);
    expect(keepingForm(text, (s) => s)).toBe(text);
  });
});

describe("the ledger keeps its BOM and line ends through an upsert", () => {
  const header = ["# SLURM job list", "", "- 2026-01-01 | job_id=1 | iteration_id=it1 | run_id=old | status=completed"];
  it.each(forms)("$name: add a line, then update it in place", (f) => {
    const before = inForm(header, f);
    const added = upsertLedger(before, manifest("r1"));
    expect(added.action).toBe("added");
    const line = "- 2026-01-02 | job_id=77 | iteration_id=it1 | run_id=r1 | status=submitted";
    expect(added.text).toBe(inForm([...header, line], f));
    const updated = upsertLedger(added.text, manifest("r1", "running"));
    expect(updated.action).toBe("updated");
    expect(updated.text).toBe(inForm([...header, line.replace("submitted", "running")], f));
    // The BOM is not part of the first line.
    expect(parseLedger(updated.text).problems).toEqual([]);
    expect(upsertMany(updated.text, [manifest("r1", "running")]).text).toBe(updated.text);
  });

  it.each(forms)("$name: the monitor's ledger edit (bytes in, bytes out) keeps them too", (f) => {
    const before = Buffer.from(inForm(header, f), "utf8");
    const out = ledgerEdit([manifest("r2")]).edit(before, { superseded: new Set(), note: () => undefined });
    expect(typeof out).toBe("string");
    const text = out as string;
    expect(text.startsWith(BOM)).toBe(f.bom);
    expect(text.split(f.eol).length).toBe(header.length + 2);
    if (f.eol === "\n") expect(text).not.toContain("\r");
  });
});

describe("summary.md keeps its BOM and line ends", () => {
  const section = (id: string, v: string) =>
    `<!-- autolab:run ${id} begin -->\n### ${id}\nvalue ${v}\n<!-- autolab:run ${id} end -->`;
  it.each(forms)("$name: insert a section, then replace it", (f) => {
    const before = inForm(["# Results: it1", "", "notes by hand"], f);
    const one = upsertRunSection(before, "it1", "r1", section("r1", "1"));
    expect(one.startsWith(BOM)).toBe(f.bom);
    expect(plainText(one)).toBe(`# Results: it1\n\nnotes by hand\n\n${section("r1", "1")}\n`);
    if (f.eol === "\r\n") expect(one.replace(/\r\n/g, "")).not.toContain("\n");
    else expect(one).not.toContain("\r");
    const two = upsertRunSection(one, "it1", "r1", section("r1", "2"));
    expect(textForm(two)).toEqual(textForm(before));
    expect(plainText(two)).toBe(`# Results: it1\n\nnotes by hand\n\n${section("r1", "2")}\n`);
    expect(upsertRunSection(two, "it1", "r1", section("r1", "2"))).toBe(two);
  });
});

describe("policy apply preset keeps the policy file's BOM and line ends", () => {
  it.each(forms)("$name", async (f) => {
    const root = mkdtempSync(path.join(tmpdir(), "autolab-policy-form-"));
    mkdirSync(path.join(root, ".autolab"));
    const file = path.join(root, ".autolab/verifier_policy.yaml");
    writeFileSync(file, inForm(["# my policy", "requirements_by_stage: {}"], f));
    const r = await applyPreset(root, "slurm");
    expect(r.changed).toBe(true);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(BOM)).toBe(f.bom);
    expect(text).toContain(`# my policy${f.eol}`);
    if (f.eol === "\r\n") expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    else expect(text).not.toContain("\r");
    // Applying again changes nothing, byte for byte.
    const again = await applyPreset(root, "slurm");
    expect(again.changed).toBe(false);
    expect(readFileSync(file, "utf8")).toBe(text);
  });
});

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { x: v };
  return v;
}

describe("parser output too deep or too large is refused once, with the reason", () => {
  it.each([
    { name: "flat", raw: { a: 1 }, reason: undefined },
    { name: "64 deep (the limit)", raw: nested(63) as Record<string, unknown>, reason: undefined },
    { name: "65 deep", raw: nested(65) as Record<string, unknown>, reason: /nested deeper than 64 levels/ },
    { name: "600 deep", raw: nested(600) as Record<string, unknown>, reason: /nested deeper than 64 levels/ },
    { name: "100000 deep (no stack overflow)", raw: nested(100_000) as Record<string, unknown>, reason: /deeper/ },
    { name: "2 MB of strings", raw: { s: "x".repeat(2 * 1024 * 1024) }, reason: /larger than 1048576 bytes/ },
    {
      name: "many small keys",
      raw: Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i])),
      reason: /larger/,
    },
  ])("$name", ({ raw, reason }) => {
    const r = refuseParserOutput(raw);
    if (reason) expect(r).toMatch(reason);
    else expect(r).toBeUndefined();
  });

  it("normalizeMetrics: 600-deep output gives partial metrics with the one reason, none of the deep value", () => {
    const m = normalizeMetrics({
      iterationId: "it1",
      runId: "r1",
      raw: { primary_metric: { name: "acc", value: 0.5 }, deep: nested(600) },
      missing: [],
      defaultMetricName: "acc",
      extraction: {},
    });
    expect(m.status).toBe("partial");
    expect(m.missing_evidence).toEqual([
      "parser output refused: nested deeper than 64 levels (metrics must be a shallow object)",
    ]);
    expect(JSON.stringify(m)).not.toContain('"x"');
    expect((m as Record<string, unknown>).deep).toBeUndefined();
  });
});
