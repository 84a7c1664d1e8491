/**
 * The run index file: `<git dir>/autolab/run-index.json`, a cache of what a
 * tick learnt about finished, extracted runs (domain/run-index.ts decides what
 * it may be trusted for). It lives in the git dir, so it is never committed,
 * never seen by another checkout, and dropped with the clone. Outside git
 * there is no index and every run is read.
 *
 * Missing, unreadable, corrupt, of another format or tool version, or made for
 * another checkout: the tick reads every run and writes a fresh one. Written
 * atomically but without fsync: a crash can lose it (the next tick rebuilds
 * it), never leave half of it.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { parseRunIndex, serializeRunIndex, type RunIndex, type RunIndexIdentity } from "../domain/run-index.js";
import { canonicalLine } from "../ledger/ledger.js";
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

/** The checkout's run index, or undefined (none, outside git, or doubtful: then every run is read). */
export async function readRunIndex(ws: Workspace): Promise<RunIndex | undefined> {
  const file = indexPath(ws);
  if (!file) return undefined;
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  return parseRunIndex(text, runIndexIdentity(ws.root));
}

/** Replace the checkout's run index (a cache: a failure to write it is ignored). */
export async function writeRunIndex(ws: Workspace, index: RunIndex): Promise<void> {
  const file = indexPath(ws);
  if (!file) return;
  try {
    await writeFileAtomic(file, serializeRunIndex(index, runIndexIdentity(ws.root)), { sync: false });
  } catch {
    // A cache only: the next tick reads every run and tries again.
  }
}
