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

export const RUN_INDEX_FORMAT = 2;

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

/**
 * The scheduler question a tick asked for the runs in flight after it: the job
 * ids in discovery order and the `since` bound (undefined: the policy's
 * lookback from the time of asking). The next tick asks it before discovery,
 * so the scheduler answers while the repository is read, and uses the answer
 * only when its own question turns out to be exactly this one.
 */
export interface NextQuestion {
  ids: string[];
  /** Milliseconds since the epoch. */
  since?: number;
  /**
   * The ledger's stamp when the question was recorded (after the tick's own
   * writes; "none": no ledger). A launch, a pull or a checkout that brings runs
   * rewrites the ledger: then the question is not asked ahead at all (it would
   * not be the tick's), so such a tick asks once, after discovery.
   */
  ledger?: string;
}

/** The index file: its entries and the next tick's question. */
export interface RunIndexFile {
  entries: RunIndex;
  next?: NextQuestion;
}

const MAGIC = "autolab-run-index";
const END = "#end";

/** A field the line format can hold: printable ASCII, no tab (anything else is not indexed: read every tick). */
export function indexable(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s) && !s.includes("\t");
}

function questionOf(v: unknown): NextQuestion | undefined | false {
  if (v === undefined) return undefined;
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const q = v as Record<string, unknown>;
  if (!Array.isArray(q.ids) || !q.ids.every((x) => typeof x === "string")) return false;
  if (q.since !== undefined && !Number.isFinite(q.since)) return false;
  if (q.ledger !== undefined && typeof q.ledger !== "string") return false;
  return {
    ids: q.ids as string[],
    ...(q.since !== undefined ? { since: q.since as number } : {}),
    ...(q.ledger !== undefined ? { ledger: q.ledger as string } : {}),
  };
}

/**
 * The head of an index file (its first line): whether the index is of this
 * format, checkout and tool, and the next tick's question. Undefined: doubtful.
 */
export function parseRunIndexHead(head: string, want: RunIndexIdentity): { next?: NextQuestion } | undefined {
  if (!head.startsWith(MAGIC + "\t")) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(head.slice(MAGIC.length + 1));
  } catch {
    return undefined;
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (o.format !== RUN_INDEX_FORMAT || o.root !== want.root || o.probe !== want.probe) return undefined;
  const next = questionOf(o.next);
  if (next === false) return undefined;
  return next ? { next } : {};
}

/**
 * The entries of an index file (everything after its head): one line each,
 * `<manifest path> TAB <stamp> TAB <run id> TAB <ledger line, empty: none>`,
 * then `#end TAB <count>`. Undefined when any line is not of that shape, a path
 * comes twice, or the end line is missing or counts otherwise (truncated).
 * Scanned with indexOf, not split: 100,000 entries cost one pass.
 */
export function parseRunIndexEntries(body: string): RunIndex | undefined {
  const out: RunIndex = new Map();
  let pos = 0;
  for (;;) {
    const nl = body.indexOf("\n", pos);
    if (nl < 0) return undefined;
    const t1 = body.indexOf("\t", pos);
    if (t1 < 0 || t1 > nl) return undefined;
    if (body.startsWith(END, pos) && t1 === pos + END.length) {
      const count = body.slice(t1 + 1, nl);
      return nl === body.length - 1 && count === String(out.size) ? out : undefined;
    }
    const t2 = body.indexOf("\t", t1 + 1);
    const t3 = t2 < 0 ? -1 : body.indexOf("\t", t2 + 1);
    if (t2 < 0 || t3 < 0 || t3 > nl || body.lastIndexOf("\t", nl) !== t3) return undefined;
    const file = body.slice(pos, t1);
    if (!file || out.has(file)) return undefined;
    const line = body.slice(t3 + 1, nl);
    out.set(file, { stamp: body.slice(t1 + 1, t2), runId: body.slice(t2 + 1, t3), line: line === "" ? null : line });
    pos = nl + 1;
  }
}

/** The index in `text`, or undefined when it is missing, not this format, for another checkout or tool, or corrupt. */
export function parseRunIndexFile(text: string | undefined, want: RunIndexIdentity): RunIndexFile | undefined {
  if (text === undefined) return undefined;
  const nl = text.indexOf("\n");
  if (nl < 0) return undefined;
  const head = parseRunIndexHead(text.slice(0, nl), want);
  const entries = head ? parseRunIndexEntries(text.slice(nl + 1)) : undefined;
  return head && entries ? { entries, ...head } : undefined;
}

/** The entries of the index in `text` (see parseRunIndexFile). */
export function parseRunIndex(text: string | undefined, want: RunIndexIdentity): RunIndex | undefined {
  return parseRunIndexFile(text, want)?.entries;
}

/** The index file's text; an entry the line format cannot hold is left out (that run is read every tick). */
export function serializeRunIndex(index: RunIndex, id: RunIndexIdentity, next?: NextQuestion): string {
  const head = JSON.stringify({ format: RUN_INDEX_FORMAT, root: id.root, probe: id.probe, ...(next ? { next } : {}) });
  const parts: string[] = [MAGIC + "\t" + head];
  for (const [file, e] of index) {
    if (!file || !indexable(file) || !indexable(e.stamp) || !indexable(e.runId)) continue;
    if (e.line !== null && (e.line === "" || !indexable(e.line))) continue;
    parts.push(`${file}\t${e.stamp}\t${e.runId}\t${e.line ?? ""}`);
  }
  parts.push(`${END}\t${parts.length - 1}`);
  return parts.join("\n") + "\n";
}

/** Whether two questions are the same (the same ids in the same order, the same bound; the ledger stamp aside). */
export function sameQuestion(a: NextQuestion | undefined, b: NextQuestion | undefined): boolean {
  if (!a || !b) return a === b;
  return a.since === b.since && a.ids.length === b.ids.length && a.ids.every((x, i) => x === b.ids[i]);
}

/** Whether two indexes hold the same entries (an index equal to the one read need not be written again). */
export function sameIndex(a: RunIndex, b: RunIndex): boolean {
  if (a.size !== b.size) return false;
  for (const [file, e] of b) {
    const o = a.get(file);
    if (!o || o.stamp !== e.stamp || o.runId !== e.runId || o.line !== e.line) return false;
  }
  return true;
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
  if (!stamp || !indexable(runId) || (line !== null && (line === "" || !indexable(line)))) return undefined;
  const last = Math.max(stamp.mtimeMs, stamp.ctimeMs);
  if (!(last < readAtMs - RACY_MARGIN_MS)) return undefined;
  return { stamp: stampKey(stamp), runId, line };
}
