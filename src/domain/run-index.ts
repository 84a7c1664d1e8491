/**
 * The run index: which runs a tick must read, and which it may take from what
 * an earlier tick learnt. Pure (the store reads and writes the index file in
 * the git dir, store/run-index.ts).
 *
 * An entry is kept only for a finished, extracted run (nothing left for the
 * monitor to do) and holds the manifest's file stamp (inode, size, mtime,
 * ctime, from the lstat run discovery makes anyway), the run id the manifest
 * names and the run's canonical ledger line (null: the run has no line). A
 * run is taken from the index only when all of these hold, else it is read:
 *  - the index is there, of this format, for this checkout, and made by a
 *    tool whose ledger line is the same (the probe line);
 *  - the manifest is a regular file (not reached through a link) whose stamp
 *    is the recorded one: a hand edit, a checkout, a pull or another writer's
 *    commit changes the ctime (and usually the inode), so the run is re-read;
 *  - its metrics.json is still there;
 *  - its ledger line is still the recorded one (a run with no line: always).
 * An entry is only recorded for a file last changed well before it was read
 * (RACY_MARGIN_MS), so a change made in the same clock tick as the read can
 * never hide behind an equal stamp. Anything doubtful is read again: the
 * index can make a tick faster, never different.
 */

export const RUN_INDEX_FORMAT = 1;

/** A file must have been unchanged this long before it was read for its stamp to be recorded. */
export const RACY_MARGIN_MS = 2000;

export interface FileStampLike {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface RunIndexEntry {
  stamp: string;
  /** The run id the manifest names (the ledger is keyed by it). */
  runId: string;
  /** The run's canonical ledger line, or null when it has none (not a SLURM run, no job id). */
  line: string | null;
}

/** Keyed by the manifest's repository-relative path. */
export type RunIndex = Map<string, RunIndexEntry>;

/** What makes an index valid for a checkout and a tool. */
export interface RunIndexIdentity {
  /** The checkout's root. */
  root: string;
  /** The canonical ledger line of a fixed manifest, as this tool writes it. */
  probe: string;
}

export function stampKey(s: FileStampLike): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/** The index in `text`, or undefined when it is missing, not this format, for another checkout or tool, or corrupt. */
export function parseRunIndex(text: string | undefined, want: RunIndexIdentity): RunIndex | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (o.format !== RUN_INDEX_FORMAT || o.root !== want.root || o.probe !== want.probe) return undefined;
  if (!Array.isArray(o.entries)) return undefined;
  const out: RunIndex = new Map();
  for (const e of o.entries as unknown[]) {
    if (!Array.isArray(e) || e.length !== 4) return undefined;
    const [file, stamp, runId, line] = e as unknown[];
    if (typeof file !== "string" || typeof stamp !== "string" || typeof runId !== "string") return undefined;
    if (line !== null && typeof line !== "string") return undefined;
    if (out.has(file)) return undefined;
    out.set(file, { stamp, runId, line });
  }
  return out;
}

export function serializeRunIndex(index: RunIndex, id: RunIndexIdentity): string {
  const entries = [...index].map(([file, e]) => [file, e.stamp, e.runId, e.line]);
  return JSON.stringify({ format: RUN_INDEX_FORMAT, root: id.root, probe: id.probe, entries }) + "\n";
}

export interface RunToPlan {
  /** The manifest's repository-relative path. */
  file: string;
  /** Its stamp (undefined: reached through a link, never taken from the index). */
  stamp?: FileStampLike;
  hasMetrics: boolean;
}

export type ReadPlan =
  | { read: true; why: "no index" | "not indexed" | "changed" | "no stamp" | "no metrics" | "ledger line differs" }
  | { read: false; entry: RunIndexEntry };

/**
 * Whether the run must be read, given the index (undefined: none, or doubtful)
 * and the ledger line the ledger now holds for a run id (undefined: none).
 */
export function planRead(
  r: RunToPlan,
  index: RunIndex | undefined,
  ledgerLine: (runId: string) => string | undefined,
): ReadPlan {
  if (!index) return { read: true, why: "no index" };
  if (!r.stamp) return { read: true, why: "no stamp" };
  const e = index.get(r.file);
  if (!e) return { read: true, why: "not indexed" };
  if (e.stamp !== stampKey(r.stamp)) return { read: true, why: "changed" };
  if (!r.hasMetrics) return { read: true, why: "no metrics" };
  if (e.line !== null && ledgerLine(e.runId) !== e.line) return { read: true, why: "ledger line differs" };
  return { read: false, entry: e };
}

/**
 * The entry to record for a run read at `readAtMs` that has nothing left to
 * do, or undefined when its stamp cannot be trusted yet (changed within
 * RACY_MARGIN_MS of the read, or in the future) or it has none.
 */
export function entryFor(
  stamp: FileStampLike | undefined,
  readAtMs: number,
  runId: string,
  line: string | null,
): RunIndexEntry | undefined {
  if (!stamp) return undefined;
  const last = Math.max(stamp.mtimeMs, stamp.ctimeMs);
  if (!(last < readAtMs - RACY_MARGIN_MS)) return undefined;
  return { stamp: stampKey(stamp), runId, line };
}
