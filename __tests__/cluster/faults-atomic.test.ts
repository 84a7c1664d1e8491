/**
 * Fault injection: a crash between writing a temporary file and renaming it.
 *
 * A child process (fixtures/faults/atomic-writer.ts) loops writing version A
 * then version B of large files through the project's write paths
 * (writeFileAtomic, writeManifest, upsertLedgerFile). The test SIGKILLs it at
 * random moments, many times, and after every kill checks that each file is
 * byte for byte one complete version: never empty, never truncated, never a
 * mix. Leftover temp files are allowed, but the readers must not take them
 * for the real files: discoverRuns finds the run only through its
 * run_manifest.json, a run directory holding only a temp manifest is not a
 * run, and the ledger reader reads docs/slurm_job_list.md only.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverRuns } from "../../src/store/discover.js";
import { readLedger } from "../../src/ledger/io.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { readManifest } from "../../src/contract/manifest.js";
import {
  BIG_FILES,
  ITERATION,
  LEDGER_REL,
  MANIFEST_REL,
  RUN_ID,
  VERSIONS,
  bigContent,
  ledgerLine,
  ledgerSeed,
  manifestText,
} from "../fixtures/faults/atomic-versions.js";
import { TSX_LOADER } from "../helpers/repo.js";

const WRITER = fileURLToPath(new URL("../fixtures/faults/atomic-writer.ts", import.meta.url));
const KILLS = 32;

interface Expected {
  rel: string;
  versions: Buffer[];
}

function expectedFiles(): Expected[] {
  const seed = ledgerSeed();
  return [
    ...Object.entries(BIG_FILES).map(([rel, size]) => ({ rel, versions: VERSIONS.map((v) => bigContent(size, v)) })),
    { rel: MANIFEST_REL, versions: VERSIONS.map((v) => Buffer.from(manifestText(v))) },
    { rel: LEDGER_REL, versions: VERSIONS.map((v) => Buffer.from(seed + ledgerLine(v) + "\n")) },
  ];
}

/** Which version `buf` is ("A"/"B"), or a description of what is wrong with it. */
function classify(buf: Buffer, versions: Buffer[]): string {
  const i = versions.findIndex((v) => v.equals(buf));
  if (i >= 0) return VERSIONS[i];
  const lens = versions.map((v) => v.length).join(" or ");
  return `NEITHER VERSION: ${buf.length} bytes (expected ${lens}), starts ${JSON.stringify(buf.subarray(0, 16).toString("latin1"))}`;
}

/** Start the writer, wait for `ready`, SIGKILL it after `delayMs`, wait until it is gone. */
function crashOnce(
  root: string,
  delayMs: number,
): Promise<{ signal: string | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, WRITER, root], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`writer never became ready: ${err}`));
    }, 60_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && out.includes("ready\n")) {
        clearTimeout(guard);
        timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      resolve({ signal, code, stderr: err });
    });
  });
}

function tmpFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^\..*\.tmp$/.test(e.name)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

describe("a crash between writing the temp file and renaming it", () => {
  let root: string;
  const seen: string[][] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "autolab-atomic-"));
    mkdirSync(path.join(root, "docs"), { recursive: true });
    writeFileSync(path.join(root, LEDGER_REL), ledgerSeed());
  }, 10_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(`every file is one complete version after each of ${KILLS} SIGKILLs`, async () => {
    const expected = expectedFiles();
    for (let k = 0; k < KILLS; k++) {
      // Spread the kill over a write round (~ tens to hundreds of ms); deterministic per k.
      const delay = (k * 37) % 400;
      const r = await crashOnce(root, delay);
      expect(r.signal, `writer should die by SIGKILL (exit ${r.code}): ${r.stderr}`).toBe("SIGKILL");
      const row: string[] = [];
      for (const e of expected) {
        const abs = path.join(root, e.rel);
        expect(existsSync(abs), `${e.rel} exists after kill ${k}`).toBe(true);
        const c = classify(readFileSync(abs), e.versions);
        row.push(c);
        if (c.startsWith("NEITHER")) problems.push(`kill ${k} (after ${delay} ms): ${e.rel}: ${c}`);
      }
      seen.push(row);
    }
    expect(problems).toEqual([]);
    // The kills landed in different places: both versions were seen on disk.
    const all = new Set(seen.flat());
    expect(all.has("A") && all.has("B"), `versions seen: ${[...all].join(", ")}`).toBe(true);
  }, 300_000);

  it("leftover temp files are never taken for the real files", async () => {
    // Leftovers from the kills above (if any) plus two planted ones: a truncated
    // temp manifest next to the real one, and a run directory whose only file is
    // a temp manifest (a crash before the first rename of a new run).
    const runDir = path.dirname(path.join(root, MANIFEST_REL));
    writeFileSync(path.join(runDir, ".run_manifest.json.4242.deadbeef.tmp"), manifestText("B").slice(0, 1000));
    const orphanRun = "20261128T130000Z_0ff1ce";
    const orphanDir = path.join(root, "experiments", "in_progress", ITERATION, "runs", orphanRun);
    mkdirSync(orphanDir, { recursive: true });
    writeFileSync(path.join(orphanDir, ".run_manifest.json.4243.cafebabe.tmp"), manifestText("A"));
    writeFileSync(
      path.join(root, "docs", ".slurm_job_list.md.4244.feedface.tmp"),
      "- 2026-11-28 | job_id=1 | iteration_id=x | run_id=",
    );
    const leftovers = tmpFilesUnder(root);
    expect(leftovers.length).toBeGreaterThanOrEqual(3);

    const d = await discoverRuns(root);
    expect(d.runs.map((r) => r.runId)).toEqual([RUN_ID]);
    expect(d.runs[0].manifestDisplay).toBe(MANIFEST_REL);
    // The orphan is at most reported (no manifest), never a run.
    for (const f of d.findings) expect(f.severity, JSON.stringify(f)).not.toBe("error");
    // The real manifest reads as one complete, valid version.
    const m = await readManifest(path.join(root, MANIFEST_REL), MANIFEST_REL);
    expect(["submitted", "running"]).toContain(m.data.status);

    const text = await readLedger(path.join(root, LEDGER_REL), LEDGER_REL);
    const parsed = parseLedger(text ?? "");
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries.filter((e) => e.runId === RUN_ID)).toHaveLength(1);
    expect(parsed.entries).toHaveLength(5001);
  });
});
