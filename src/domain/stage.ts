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
 *
 * A sweep is followed as one group, as the Python tool's multi-run layout
 * keeps it: its launch tracks the sweep id (the base run id) in
 * `pending_run_id` / `last_run_id` and the task runs in `run_group`; a task's
 * event moves the stage only when the WHOLE group has got there (every task
 * terminal, or synced, per `groupTasks`: the statuses the caller knows), and
 * the history names the group. A state of an earlier launch that tracked one
 * task of the group (its id in `run_group`) is followed the same way.
 */
import type { AutolabState, RunManifest } from "../contract/types.js";
import { normalizeSyncStatus } from "../contract/vocabulary.js";
import { sweepIdOf } from "./run.js";
import { isoSeconds as iso } from "./time.js";

export type RunEvent = "launched" | "synced" | "extracted";

/** Status of each run the caller knows (a sweep's tasks among them); a run missing from it is not done. */
export type GroupTasks = ReadonlyMap<string, string>;

const SETTLED = new Set(["completed", "failed"]);
const SYNCED = new Set(["synced", "completed", "failed"]);

function runGroupOf(state: AutolabState): string[] | undefined {
  const g = state.run_group;
  return Array.isArray(g) && g.length && g.every((x) => typeof x === "string") ? (g as string[]) : undefined;
}

function movesFor(stage: string, event: RunEvent, hostMode: unknown): Array<[string, string]> {
  const moves: Array<[string, string]> = [];
  if (event === "launched" && (stage === "launch" || stage === "implementation_review")) {
    moves.push([stage, hostMode === "slurm" ? "slurm_monitor" : "extract_results"]);
  } else if (event === "synced" && stage === "slurm_monitor") {
    moves.push(["slurm_monitor", "extract_results"]);
  } else if (event === "extracted") {
    if (stage === "slurm_monitor") moves.push(["slurm_monitor", "extract_results"]);
    if (stage === "slurm_monitor" || stage === "extract_results") moves.push(["extract_results", "update_docs"]);
  }
  return moves;
}

function withMoves(
  state: AutolabState,
  moves: Array<[string, string]>,
  summary: string,
  runId: string,
  at: Date,
  syncStatus?: string,
): AutolabState {
  const history = [...(state.history ?? [])];
  for (const [before, after] of moves)
    history.push({
      timestamp: iso(at),
      stage_before: before,
      stage_after: after,
      status: "complete",
      summary,
      run_id: runId,
    });
  const stage = moves[moves.length - 1][1];
  return syncStatus === undefined
    ? { ...state, stage, stage_attempt: 0, last_run_id: runId, history }
    : { ...state, stage, stage_attempt: 0, last_run_id: runId, sync_status: syncStatus, history };
}

/**
 * The state after a sweep's launch: the group (its base run id `sweepId`, its
 * tasks in `runGroup`) is what the stage machine follows from now on.
 * Undefined when the state is for another iteration. `launched`: how many
 * tasks started (none: the stage stays where it is, the group is recorded).
 */
export function groupLaunched(
  state: AutolabState,
  g: { sweepId: string; iterationId: string; hostMode: string; runGroup: readonly string[]; launched: number },
  at: Date,
): AutolabState | undefined {
  if (state.iteration_id && state.iteration_id !== g.iterationId) return undefined;
  const moves = g.launched ? movesFor(state.stage, "launched", g.hostMode) : [];
  const base: AutolabState = { ...state, run_group: [...g.runGroup] };
  const next = moves.length
    ? withMoves(base, moves, `launched: sweep ${g.sweepId}, ${g.runGroup.length} task(s)`, g.sweepId, at)
    : base;
  if (g.launched && g.hostMode === "slurm") next.pending_run_id = g.sweepId;
  return next;
}

function countsLine(ids: readonly string[], tasks: GroupTasks): string {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const s = tasks.get(id) ?? "unknown";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

/** A sweep task's event: the stage moves once every task of the group has got there. */
function groupEvent(
  state: AutolabState,
  manifest: RunManifest,
  event: RunEvent,
  at: Date,
  sweepId: string,
  tasks: GroupTasks,
): AutolabState | undefined {
  const ids = runGroupOf(state);
  const tracked = state.pending_run_id || state.last_run_id;
  if (!ids || !ids.includes(manifest.run_id)) return undefined;
  if (tracked && tracked !== sweepId && !ids.includes(tracked)) return undefined;
  const all = (set: Set<string>) => ids.every((id) => set.has(tasks.get(id) ?? ""));
  const reached: RunEvent | undefined =
    event === "launched" ? undefined : all(SETTLED) ? "extracted" : all(SYNCED) ? "synced" : undefined;
  const moves = reached ? movesFor(state.stage, reached, "slurm") : [];
  if (!moves.length) return undefined;
  const next = withMoves(
    state,
    moves,
    `${reached}: sweep ${sweepId}, all ${ids.length} task(s) ${reached === "extracted" ? "finished" : "synced"} (${countsLine(ids, tasks)})`,
    sweepId,
    at,
  );
  if (reached === "extracted") delete next.pending_run_id;
  else next.pending_run_id = sweepId;
  return next;
}

/**
 * The state after `event` for `manifest`, or undefined when nothing moves.
 * A task of a sweep moves the stage only with its whole group (`tasks`: the
 * statuses of the runs the caller knows; without it a task moves nothing).
 */
export function nextState(
  state: AutolabState,
  manifest: RunManifest,
  event: RunEvent,
  at: Date,
  tasks?: GroupTasks,
): AutolabState | undefined {
  if (state.iteration_id && state.iteration_id !== manifest.iteration_id) return undefined;
  const sweepId = sweepIdOf(manifest);
  if (sweepId !== undefined && runGroupOf(state)?.includes(manifest.run_id))
    return tasks ? groupEvent(state, manifest, event, at, sweepId, tasks) : undefined;
  // The Python tool writes "" for "no run": an empty id tracks nothing.
  const tracked = state.pending_run_id || state.last_run_id;
  if (event !== "launched" && tracked && tracked !== manifest.run_id) return undefined;

  const moves = movesFor(state.stage, event, manifest.host_mode);
  const syncStatus = normalizeSyncStatus(manifest.artifact_sync_to_local?.status) ?? state.sync_status;
  if (!moves.length) {
    if (event === "launched" || state.sync_status === syncStatus) return undefined;
    return { ...state, sync_status: syncStatus };
  }
  const next = withMoves(
    state,
    moves,
    `${event}: run ${manifest.run_id} is ${manifest.status ?? "pending"}`,
    manifest.run_id,
    at,
    syncStatus,
  );
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
