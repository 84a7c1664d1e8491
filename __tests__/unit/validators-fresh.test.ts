/**
 * The schema validators are compiled ahead of time (scripts/validators.ts into
 * src/contract/generated/validators.ts): the committed file must be exactly
 * what schemas/*.json compile to now, or a schema change would not take
 * effect. (.ci/run also rebuilds it and fails on a difference, like dist/.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED, generateValidators } from "../../scripts/validators.js";
import { parseDocument } from "../../src/contract/validate.js";

describe("precompiled schema validators", () => {
  it("are fresh: the generated module is what the schemas compile to now", () => {
    const committed = readFileSync(GENERATED, "utf8");
    // Not toBe on 200 KB of code: say which line differs first.
    const want = generateValidators();
    if (committed !== want) {
      const a = committed.split("\n");
      const b = want.split("\n");
      const i = a.findIndex((l, k) => l !== b[k]);
      expect.fail(
        `src/contract/generated/validators.ts is stale (first difference at line ${i + 1}); run: node --import tsx scripts/validators.ts`,
      );
    }
  });

  it("need no ajv at run time (the bundle carries none)", () => {
    const text = readFileSync(GENERATED, "utf8");
    expect(text).not.toMatch(/\brequire\(/);
    expect(text).not.toMatch(/from "ajv/);
  });

  it("apply the custom date-time format and x-message as the schemas say", () => {
    const bad = parseDocument("metrics", JSON.stringify({ schema_version: "1.0" }), "metrics.json");
    expect(bad.findings.some((f) => f.check === "schema")).toBe(true);
    const m = {
      schema_version: "1.0",
      run_id: "20260101T000000Z_abcdef",
      iteration_id: "it",
      host_mode: "local",
      command: "true",
      resource_request: {},
      artifact_sync_to_local: { status: "ok" },
      timestamps: { started_at: "2026-02-30T00:00:00Z" },
    };
    const doc = parseDocument("manifest", JSON.stringify(m, null, 2), "run_manifest.json");
    expect(doc.findings.map((f) => f.jsonPath)).toContain("/timestamps/started_at");
    m.timestamps.started_at = "2026-02-28T00:00:00";
    expect(parseDocument("manifest", JSON.stringify(m, null, 2), "run_manifest.json").findings).toEqual([]);
  });

  it("canonical JSON skips the scanner, yet duplicate keys and bad syntax are still refused with a position", () => {
    const m = { schema_version: "1.0", iteration_id: "it", status: "completed" };
    const canonical = JSON.stringify(m, null, 2) + "\n";
    const doc = parseDocument("metrics", canonical, "metrics.json");
    // Invalid (no run_id, no primary_metric): the positions come from the scanner, built on demand.
    expect(doc.findings.length).toBeGreaterThan(0);
    expect(doc.findings.every((f) => (f.line ?? 0) >= 1)).toBe(true);
    expect(doc.locate("/iteration_id")).toEqual({ line: 3, column: 19 });
    const dup = canonical.replace('"status": "completed"', '"status": "completed",\n  "status": "failed"');
    expect(() => parseDocument("metrics", dup, "metrics.json")).toThrow(/duplicate/i);
    expect(() => parseDocument("metrics", '{"a": 1,}', "metrics.json")).toThrow(/invalid JSON/);
  });
});
