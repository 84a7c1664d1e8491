/**
 * Reading and writing the ledger file (thin adapter around ledger.ts).
 * A missing ledger reads as absent; writing creates `docs/` and the file with
 * a short header. Writes are atomic.
 */
import { decodeUtf8Strict, readOwnedBytes, rootOf, writeFileAtomic } from "../util/fs.js";
import type { RunManifest } from "../contract/types.js";
import type { Finding } from "../util/errors.js";
import { upsertLedgerStream, verifyLedgerStream } from "./stream.js";
import { upsertLedger, upsertMany, type UpsertAction, type UpsertResult } from "./ledger.js";

/** Default location, relative to the repository root. */
export { LEDGER_PATH } from "../domain/layout.js";

export { LEDGER_HEADER } from "./sync.js";
import { inLedgerFile, LEDGER_HEADER } from "./sync.js";

/**
 * The ledger's text (a UTF-8 byte order mark kept, so that an upsert writes
 * it back), or undefined when the file does not exist. Never read through a
 * link: the file, or a directory on its way from `root` (derived from a
 * repo-relative `displayPath` when not given), being a symlink, a FIFO or
 * another non-regular file is an AutolabError naming it.
 */
export async function readLedger(
  absPath: string,
  displayPath: string = absPath,
  root: string | undefined = rootOf(absPath, displayPath),
): Promise<string | undefined> {
  const buf = await readOwnedBytes(root, absPath, displayPath, MAX_LEDGER_BYTES);
  return buf === undefined ? undefined : decodeUtf8Strict(buf, displayPath, true);
}

/** A ledger larger than this is refused (a clear error instead of unbounded memory). */
export const MAX_LEDGER_BYTES = 64 * 1024 * 1024;

export async function writeLedger(absPath: string, text: string): Promise<void> {
  await writeFileAtomic(absPath, text);
}

/**
 * Upsert one run into the ledger file and write it when it changed.
 * Throws (nothing written) when the run's lines are malformed or duplicated.
 * The file is streamed (ledger/stream.ts): a ledger of any length in bounded
 * memory, so no size limit applies here.
 */
export async function upsertLedgerFile(
  absPath: string,
  m: RunManifest,
  displayPath: string = absPath,
): Promise<{ action: UpsertAction; line: number; created: boolean }> {
  try {
    const streamed = upsertLedgerStream(absPath, m, displayPath, rootOf(absPath, displayPath));
    if (streamed) return { ...streamed, created: false };
    const r = upsertLedger(LEDGER_HEADER, m);
    await writeLedger(absPath, r.text);
    return { action: r.action, line: r.line, created: true };
  } catch (e) {
    throw inLedgerFile(e, displayPath);
  }
}

/**
 * The findings `verifyLedger` gives for run `m` against the ledger file
 * (undefined: there is no ledger), streamed in bounded memory.
 */
export function verifyLedgerFile(
  absPath: string,
  m: RunManifest,
  displayPath: string = absPath,
): Finding[] | undefined {
  return verifyLedgerStream(absPath, m, displayPath, rootOf(absPath, displayPath));
}

/** Upsert many runs in one read and at most one write (for the monitor). */
export async function upsertManyFile(
  absPath: string,
  manifests: RunManifest[],
  displayPath: string = absPath,
): Promise<{ results: UpsertResult[]; written: boolean }> {
  const existing = await readLedger(absPath, displayPath);
  const before = existing ?? LEDGER_HEADER;
  const { text, results } = upsertMany(before, manifests);
  for (const r of results) if (r.error) r.error = inLedgerFile(r.error, displayPath);
  const changed = text !== existing && results.some((r) => r.action === "added" || r.action === "updated");
  if (changed) await writeLedger(absPath, text);
  return { results, written: changed };
}
