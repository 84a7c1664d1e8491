/**
 * The Python autolab tool's multi-run layout (pure): a launch of
 * `replicates: {count: N}` makes a base run `<B>` (its `run_manifest.json`
 * is the group manifest: the first replicate's job id, the group's status;
 * its `metrics.json` the aggregated metrics with `per_run_metrics` and
 * `aggregation_method`) and replicates `<B>_r1` … `<B>_rN` (each a run with
 * its own manifest, job and metrics), listed in `state.json` `run_group`
 * while the iteration is current.
 *
 * A group is told from the runs themselves, so an iteration the state has
 * moved on from is still read as one: a run `<B>` with at least one run
 * `<B>_r<k>` beside it in the same iteration is a base, and those are its
 * replicates (in `k` order). The base is not a job of its own: the monitor
 * never asks the scheduler about it, and derives its status and metrics from
 * its replicates (`groupStatus`, domain/sweep-result.baseRunMetricsDoc).
 */
import type { RunStatus } from "../contract/vocabulary.js";

const REPLICATE = /^(.+)_r([1-9][0-9]{0,5})$/;

export interface RunRef {
  iterationPath: string;
  runId: string;
}

export interface RunGroups {
  /** `iterationPath\0base` -> the replicates' run ids, in replicate order. */
  bases: Map<string, string[]>;
  /** `iterationPath\0replicate` -> its base's run id. */
  baseOf: Map<string, string>;
}

export const groupKey = (iterationPath: string, runId: string): string => `${iterationPath}\0${runId}`;

/** The multi-run groups among `runs`. */
export function runGroups(runs: readonly RunRef[]): RunGroups {
  const ids = new Set(runs.map((r) => groupKey(r.iterationPath, r.runId)));
  const found = new Map<string, Array<{ id: string; k: number }>>();
  for (const r of runs) {
    const m = REPLICATE.exec(r.runId);
    if (!m) continue;
    const base = groupKey(r.iterationPath, m[1]);
    if (!ids.has(base)) continue;
    found.set(base, [...(found.get(base) ?? []), { id: r.runId, k: Number(m[2]) }]);
  }
  const bases = new Map<string, string[]>();
  const baseOf = new Map<string, string>();
  for (const [key, reps] of found) {
    const baseId = key.slice(key.indexOf("\0") + 1);
    const iterationPath = key.slice(0, key.indexOf("\0"));
    const sorted = reps.sort((a, b) => a.k - b.k).map((x) => x.id);
    bases.set(key, sorted);
    for (const id of sorted) baseOf.set(groupKey(iterationPath, id), baseId);
  }
  return { bases, baseOf };
}

/**
 * The group's status from its replicates' (as the Python tool aggregates it):
 * undefined while a replicate is not final; `failed` when one failed;
 * `completed` when all completed (a partial one makes it `partial`).
 */
export function groupStatus(statuses: readonly RunStatus[]): RunStatus | undefined {
  if (!statuses.length || statuses.some((s) => s !== "completed" && s !== "failed" && s !== "partial"))
    return undefined;
  if (statuses.includes("failed")) return "failed";
  return statuses.includes("partial") ? "partial" : "completed";
}
