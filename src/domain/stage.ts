/**
 * The stage machine of `.autolab/state.json` (the Python autolab tool's), as
 * launch, monitor and `autolab run` move it. Pure: the time is passed in.
 *
 *   launch -> slurm_monitor (SLURM) | extract_results (local)
 *   slurm_monitor -> extract_results   when the run's artifacts are synced
 *   extract_results -> update_docs     when metrics.json is written
 *   any -> the policy's todo fallback  when nothing is left to do (`fallBackTo`)
 *
 * A move resets stage_attempt to 0 and appends a history entry
 * {timestamp, stage_before, stage_after, status, summary[, run_id]}. A state
 * for another iteration is left alone.
 */
import type { AutolabState, RunManifest } from "../contract/types.js";
import { normalizeSyncStatus } from "../contract/vocabulary.js";
import { isoSeconds as iso } from "./time.js";

export type RunEvent = "launched" | "synced" | "extracted";

/** The state after `event` for `manifest`, or undefined when nothing moves. */
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
 * The state after falling back to stage `to` because nothing is left for
 * autolab to do (`why`, kept in the history with the policy key that chose `to`).
 */
export function fallBackTo(state: AutolabState, to: string, why: string, at: Date): AutolabState {
  return {
    ...state,
    stage: to,
    stage_attempt: 0,
    history: [
      ...(state.history ?? []),
      {
        timestamp: iso(at),
        stage_before: state.stage,
        stage_after: to,
        status: "complete",
        summary: `${why}: autorun.todo_fallback.slurm.stage`,
      },
    ],
  };
}
