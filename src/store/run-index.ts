/**
 * The run index file: `<git dir>/autolab/run-index.json`, a cache of what a
 * tick learnt about finished, extracted runs (domain/run-index.ts decides what
 * it may be trusted for) and the question the next tick asks the scheduler
 * first. It lives in the git dir, so it is never committed, never seen by
 * another checkout, and dropped with the clone. Outside git there is no index
 * and every run is read.
 *
 * Missing, unreadable, corrupt, of another format or tool version, or made for
 * another checkout: the tick reads every run and writes a fresh one. Written
 * atomically but without fsync: a crash can lose it (the next tick rebuilds
 * it), never leave half of it.
 *
 * Read in two steps: the head (identity and next question, one short line)
 * at once, so the tick can ask the scheduler before it walks the repository;
 * the entries when discovery is done.
 */
import { isAscii } from "node:buffer";
import { lstatSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import {
  parseRunIndexEntries,
  parseRunIndexHead,
  serializeRunIndex,
  stampKey,
  type NextQuestion,
  type RunIndex,
  type RunIndexIdentity,
} from "../domain/run-index.js";
import { canonicalLine } from "../ledger/ledger.js";
import { LEDGER_PATH } from "../ledger/io.js";
import { VERSION } from "../version.js";
import { writeFileAtomic } from "../util/fs.js";
import type { Workspace } from "./workspace.js";

export const RUN_INDEX_FILE = path.join("autolab", "run-index.json");

/** A fixed manifest: its ledger line changes when the tool's line does, and so the index is rebuilt. */
const PROBE: RunManifest = {
  schema_version: "1.0",
  run_id: "20000101T000000Z_000000",
  iteration_id: "probe",
  host_mode: "slurm",
  status: "completed",
  command: "",
  resource_request: {},
  artifact_sync_to_local: {},
  timestamps: { started_at: "2000-01-01T00:00:00Z" },
  job_id: "1",
};

export function runIndexIdentity(root: string): RunIndexIdentity {
  return { root, probe: `${VERSION} ${canonicalLine(PROBE)}` };
}

function indexPath(ws: Workspace): string | undefined {
  return ws.gitDir ? path.join(ws.gitDir, RUN_INDEX_FILE) : undefined;
}

/** The ledger file's stamp (not following a link), "none" without one: whether it changed since a tick. */
export function ledgerStamp(ws: Workspace): string {
  try {
    const st = lstatSync(path.join(ws.root, LEDGER_PATH), { throwIfNoEntry: false });
    return st ? `${st.isFile() ? "f" : "x"}:${stampKey(st)}` : "none";
  } catch {
    return "error";
  }
}

/** An index file read, its head checked; the entries parsed on demand (once). */
export interface OpenedRunIndex {
  next?: NextQuestion;
  /** The entries, or undefined when they are doubtful (then every run is read). */
  entries(): RunIndex | undefined;
}

/**
 * The checkout's run index, or undefined (none, outside git, or a doubtful
 * head: then every run is read). The entries are ASCII by construction; a file
 * that is not is decoded as UTF-8 (and then found doubtful).
 */
export async function openRunIndex(ws: Workspace): Promise<OpenedRunIndex | undefined> {
  const file = indexPath(ws);
  if (!file) return undefined;
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(0x0a);
  if (nl < 0) return undefined;
  const head = parseRunIndexHead(buf.toString("utf8", 0, nl), runIndexIdentity(ws.root));
  if (!head) return undefined;
  let parsed: { entries: RunIndex | undefined } | undefined;
  return {
    ...head,
    entries() {
      if (!parsed) {
        const body = buf.subarray(nl + 1);
        const text = isAscii(body) ? body.toString("latin1") : body.toString("utf8");
        parsed = { entries: parseRunIndexEntries(text) };
      }
      return parsed.entries;
    },
  };
}

/** The checkout's run index entries, or undefined (none, outside git, or doubtful: then every run is read). */
export async function readRunIndex(ws: Workspace): Promise<RunIndex | undefined> {
  return (await openRunIndex(ws))?.entries();
}

/** Replace the checkout's run index (a cache: a failure to write it is ignored). */
export async function writeRunIndex(ws: Workspace, index: RunIndex, next?: NextQuestion): Promise<void> {
  const file = indexPath(ws);
  if (!file) return;
  try {
    await writeFileAtomic(file, serializeRunIndex(index, runIndexIdentity(ws.root), next), { sync: false });
  } catch {
    // A cache only: the next tick reads every run and tries again.
  }
}
