/**
 * Benchmark 3': a 1,000,000-line ledger (about 107 MB), upserted and verified
 * through the streamed file path (ledger/stream.ts) that `autolab
 * slurm-job-list append` / `verify` use. Each operation runs in a child
 * process of its own, so its peak RSS is the operation's (plus Node and tsx):
 *
 *   node --import tsx bench/ledger-big.ts <file> update|add|verify
 *
 * prints one JSON line {wallMs, maxRssKiB, rssBeforeKiB, result}.
 */
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RunManifest } from "../src/contract/types.js";
import { canonicalLine } from "../src/ledger/ledger.js";
import { LEDGER_HEADER, upsertLedgerFile, verifyLedgerFile } from "../src/ledger/io.js";
import { ok, runArgv } from "../src/util/exec.js";
import { benchManifest } from "./fixtures.js";

export const BIG_LEDGER_LINES = 1_000_000;
const SELF = fileURLToPath(import.meta.url);
const NOW = new Date("2026-12-01T00:00:00Z");

/** Manifest `i` of the big ledger (finished runs, as the tick benchmark's). */
const manifestOf = (i: number): RunManifest => benchManifest(i, NOW);

export interface BigLedgerOp {
  wallMs: number;
  maxRssKiB: number;
  rssBeforeKiB: number;
  result: string;
}

export interface BigLedgerResult {
  lines: number;
  bytes: number;
  update: BigLedgerOp;
  add: BigLedgerOp;
  verify: BigLedgerOp;
}

function writeBigLedger(file: string): number {
  const fd = openSync(file, "w");
  try {
    writeSync(fd, LEDGER_HEADER);
    let chunk = "";
    for (let i = 0; i < BIG_LEDGER_LINES; i++) {
      chunk += canonicalLine(manifestOf(i)) + "\n";
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

async function child(file: string, op: string): Promise<BigLedgerOp> {
  const r = await runArgv(process.execPath, ["--import", "tsx", SELF, file, op], { timeoutMs: 300_000 });
  if (!ok(r)) throw new Error(`ledger ${op} failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string) as BigLedgerOp;
}

/** Build the ledger in `dir`, then update one line in the middle, add one, and verify one run. */
export async function benchBigLedger(dir: string): Promise<BigLedgerResult> {
  const file = path.join(dir, "slurm_job_list.md");
  const bytes = writeBigLedger(file);
  const update = await child(file, "update");
  const add = await child(file, "add");
  const verify = await child(file, "verify");
  return { lines: BIG_LEDGER_LINES, bytes, update, add, verify };
}

async function main(file: string, op: string): Promise<void> {
  const rssBeforeKiB = Math.round(process.memoryUsage().rss / 1024);
  const mid = BIG_LEDGER_LINES / 2;
  const t0 = performance.now();
  let result: string;
  if (op === "update") {
    const r = await upsertLedgerFile(file, { ...manifestOf(mid), status: "failed" });
    result = `${r.action} line ${r.line}`;
  } else if (op === "add") {
    const r = await upsertLedgerFile(file, manifestOf(BIG_LEDGER_LINES));
    result = `${r.action} line ${r.line}`;
  } else {
    const findings = verifyLedgerFile(file, { ...manifestOf(mid), status: "failed" }) ?? [];
    result = `${findings.length} finding(s)`;
  }
  const wallMs = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({ wallMs, maxRssKiB: process.resourceUsage().maxRSS, rssBeforeKiB, result }) + "\n",
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const [file, op] = process.argv.slice(2);
  main(file, op).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
