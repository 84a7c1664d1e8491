/**
 * The streamed ledger (ledger/stream.ts, used by upsertLedgerFile and
 * `autolab slurm-job-list verify`) must give exactly what the in-memory rules
 * of ledger.ts give: the same file after an upsert (or the same refusal), and
 * the same findings from verify. Read in 64-byte chunks here, so that lines,
 * CRLF pairs, multi-byte characters and duplicates fall across blocks.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import { canonicalLine, upsertLedger, verifyLedger } from "../../src/ledger/ledger.js";
import { upsertLedgerStream, verifyLedgerStream } from "../../src/ledger/stream.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "autolab-ledger-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(i: number, status = "completed", job = String(1000 + i)): RunManifest {
  return {
    schema_version: "1.0",
    run_id: `20261201T0000${String(i % 60).padStart(2, "0")}Z_${(0xa00000 + i).toString(16)}`,
    iteration_id: `it-${i % 3}`,
    host_mode: "slurm",
    status,
    command: "sbatch x",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: "2026-12-01T00:00:00Z" },
    job_id: job,
  } as RunManifest;
}

const header = "# SLURM job list — ünïcode notes ✓\n\nnotes\n\n";
const lines = (ids: number[]) => ids.map((i) => canonicalLine(run(i)));
const target = run(7, "failed");

/** Ledger texts covering the rules: positions, line ends, BOM, final newline, malformed and duplicate lines. */
const CASES: Record<string, string> = {
  empty: "",
  "only a BOM": "\uFEFF",
  "header only": header,
  "target absent": header + lines([1, 2, 3]).join("\n") + "\n",
  "target in the middle": header + lines([1, 2, 7, 3, 4]).join("\n") + "\n",
  "target unchanged": header + [...lines([1, 2]), canonicalLine(target), ...lines([3])].join("\n") + "\n",
  "target last, no final newline": header + lines([1, 2, 7]).join("\n"),
  "target absent, no final newline": header + lines([1, 2]).join("\n"),
  CRLF: (header + lines([1, 7, 2]).join("\n") + "\n").replace(/\n/g, "\r\n"),
  "BOM and CRLF": "\uFEFF" + (header + lines([1, 2]).join("\n") + "\n").replace(/\n/g, "\r\n"),
  "target duplicated far apart": header + lines([7, 1, 2, 3, 4, 5, 6, 8, 9, 7]).join("\n") + "\n",
  "another run duplicated": header + lines([1, 2, 3, 4, 5, 6, 8, 9, 1, 7]).join("\n") + "\n",
  "target malformed": header + lines([1, 2]).join("\n") + `\n- 2026-12-01 | job_id=1007 | run_id=${target.run_id}\n`,
  "other malformed and a near id":
    header +
    lines([1]).join("\n") +
    `\n- 2026-13-01 | job_id=5 | iteration_id=i | run_id=zz | status=completed\n` +
    canonicalLine({ ...run(7), run_id: `${target.run_id}0` } as RunManifest) +
    "\n" +
    lines([7]).join("\n") +
    "\n",
};

function attempt<T>(f: () => T): { ok: T } | { error: string } {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe("streamed ledger = in-memory ledger", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`upsert: ${name}`, () => {
      const file = path.join(dir, `u-${name.replace(/\W+/g, "_")}.md`);
      writeFileSync(file, text);
      const want = attempt(() => upsertLedger(text, target));
      const got = attempt(() => upsertLedgerStream(file, target, "docs/slurm_job_list.md", undefined, 64));
      if ("error" in want) {
        expect(got).toEqual(want);
        expect(readFileSync(file, "utf8")).toBe(text); // nothing written
      } else {
        expect(got).toEqual({ ok: { action: want.ok.action, line: want.ok.line } });
        expect(readFileSync(file, "utf8")).toBe(want.ok.text);
      }
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    });

    it(`verify: ${name}`, () => {
      const file = path.join(dir, `v-${name.replace(/\W+/g, "_")}.md`);
      writeFileSync(file, text);
      for (const m of [target, run(1), run(9, "running")]) {
        expect(verifyLedgerStream(file, m, "docs/slurm_job_list.md", undefined, 64)).toEqual(
          verifyLedger(text, m, "docs/slurm_job_list.md"),
        );
      }
    });
  }

  it("a missing file is undefined for both (the caller creates it, or reports it missing)", () => {
    const file = path.join(dir, "none.md");
    expect(upsertLedgerStream(file, target, "x", undefined)).toBeUndefined();
    expect(verifyLedgerStream(file, target, "x", undefined)).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it("a ledger that is not UTF-8 is refused, and nothing is written", () => {
    const file = path.join(dir, "latin1.md");
    const bytes = Buffer.concat([Buffer.from(header + lines([1]).join("\n") + "\n"), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(file, bytes);
    const e = attempt(() => upsertLedgerStream(file, target, "docs/slurm_job_list.md", undefined, 64));
    expect(e).toEqual({ error: expect.stringMatching(/UTF-8/) });
    try {
      upsertLedgerStream(file, target, "docs/slurm_job_list.md", undefined, 64);
    } catch (err) {
      // The line of the bad byte, as the in-memory read reports it (header 4 lines, one run line, then the byte).
      expect((err as { location?: { line?: number } }).location?.line).toBe(6);
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
