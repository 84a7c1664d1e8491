/**
 * `.autolab/state.json`: the stage machine of the Python autolab tool, moved
 * by launch and monitor as that tool moves it:
 *
 *   launch -> slurm_monitor (SLURM) | extract_results (local)
 *   slurm_monitor -> extract_results   when the run's artifacts are synced
 *   extract_results -> update_docs     when metrics.json is written
 *
 * A move resets stage_attempt to 0 and appends a history entry
 * {timestamp, stage_before, stage_after, status, summary, run_id}. A state
 * file that does not exist is never created here; one for another iteration
 * is left alone. Pure `nextState` + thin file edges. A state file is only
 * ever written after the new state was validated against its schema, so a
 * move can never leave an invalid file behind.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { AutolabState, RunManifest } from "../contract/types.js";
import { assertValid, parseDocument } from "../contract/validate.js";
import { readTextStrict, writeFileAtomic } from "../util/fs.js";
import { normalizeSyncStatus } from "../contract/vocabulary.js";
import { isoSeconds as iso } from "../domain/time.js";

export { STATE_PATH } from "../domain/layout.js";
import { STATE_PATH } from "../domain/layout.js";

export type RunEvent = "launched" | "synced" | "extracted";

/** Pure: the state after `event` for `manifest`, or undefined when nothing moves. */
export function nextState(
  state: AutolabState,
  manifest: RunManifest,
  event: RunEvent,
  at: Date,
): AutolabState | undefined {
  if (state.iteration_id && state.iteration_id !== manifest.iteration_id) return undefined;
  // The Python tool writes "" for "no run": an empty id tracks nothing.
  const tracked = state.pending_run_id || state.last_run_id;
  if (event !== "launched" && tracked && tracked !== manifest.run_id) return undefined;

  const moves: Array<[string, string]> = [];
  if (event === "launched" && (state.stage === "launch" || state.stage === "implementation_review")) {
    moves.push([state.stage, manifest.host_mode === "slurm" ? "slurm_monitor" : "extract_results"]);
  } else if (event === "synced" && state.stage === "slurm_monitor") {
    moves.push(["slurm_monitor", "extract_results"]);
  } else if (event === "extracted") {
    if (state.stage === "slurm_monitor") moves.push(["slurm_monitor", "extract_results"]);
    if (state.stage === "slurm_monitor" || state.stage === "extract_results")
      moves.push(["extract_results", "update_docs"]);
  }
  const syncStatus = normalizeSyncStatus(manifest.artifact_sync_to_local?.status) ?? state.sync_status;
  if (!moves.length) {
    if (event === "launched" || state.sync_status === syncStatus) return undefined;
    return { ...state, sync_status: syncStatus };
  }
  const history = [...(state.history ?? [])];
  for (const [before, after] of moves) {
    history.push({
      timestamp: iso(at),
      stage_before: before,
      stage_after: after,
      status: "complete",
      summary: `${event}: run ${manifest.run_id} is ${manifest.status ?? "pending"}`,
      run_id: manifest.run_id,
    });
  }
  const next: AutolabState = {
    ...state,
    stage: moves[moves.length - 1][1],
    stage_attempt: 0,
    last_run_id: manifest.run_id,
    sync_status: syncStatus,
    history,
  };
  if (event === "launched" && manifest.host_mode === "slurm") next.pending_run_id = manifest.run_id;
  if (event === "extracted" && next.pending_run_id === manifest.run_id) delete next.pending_run_id;
  return next;
}

/**
 * state.json as parsed (syntax errors throw an AutolabError with file/line;
 * schema problems are tolerated: readers such as the verifier report them).
 * Undefined when the file does not exist.
 */
export async function readState(repoRoot: string): Promise<AutolabState | undefined> {
  const abs = path.join(repoRoot, STATE_PATH);
  if (!existsSync(abs)) return undefined;
  const doc = parseDocument<AutolabState>("state", await readTextStrict(abs, STATE_PATH), STATE_PATH);
  return doc.data;
}

/**
 * state.json validated against its schema: an AutolabError naming the file,
 * line and column of the first problem when it is invalid. Undefined when the
 * file does not exist. Writers check with this before they change anything.
 */
export async function readStateStrict(repoRoot: string): Promise<AutolabState | undefined> {
  const abs = path.join(repoRoot, STATE_PATH);
  if (!existsSync(abs)) return undefined;
  return assertValid(parseDocument<AutolabState>("state", await readTextStrict(abs, STATE_PATH), STATE_PATH)).data;
}

/** The exact bytes written for a state: 2-space JSON and a trailing newline. */
export function serializeState(state: AutolabState): string {
  return JSON.stringify(state, null, 2) + "\n";
}

/**
 * Apply an event to state.json if it exists; returns its path when written.
 * Refuses (AutolabError, nothing written) when the file or the new state is
 * invalid.
 */
export async function advanceState(
  repoRoot: string,
  manifest: RunManifest,
  event: RunEvent,
  at: Date,
): Promise<string | undefined> {
  const state = await readStateStrict(repoRoot);
  if (!state) return undefined;
  const next = nextState(state, manifest, event, at);
  if (!next) return undefined;
  const text = serializeState(next);
  assertValid(parseDocument<AutolabState>("state", text, STATE_PATH));
  await writeFileAtomic(path.join(repoRoot, STATE_PATH), text);
  return STATE_PATH;
}

/** After a launch: a run that failed to start leaves the stage where it is. */
export async function advanceStateAfterLaunch(
  repoRoot: string,
  manifest: RunManifest,
  now: () => Date,
): Promise<string | undefined> {
  if (manifest.status === "failed") return undefined;
  return advanceState(repoRoot, manifest, "launched", now());
}
