/**
 * What `autolab gc` may remove: the work-root snapshot and the launch-journal
 * entries of a run that is finished, synced and committed (its manifest, as
 * the checkout has it, is on origin's branch), and finished longer ago than
 * the retention. Never anything else. Pure: the gatherer (commands/gc.ts)
 * passes what it found.
 *
 * Rules, first match keeps the run (rows in __tests__/unit/domain-gc.test.ts):
 * 1. in flight (pending, submitted, running): the job may still write;
 * 2. `synced`: extraction has not run yet;
 * 3. no completion time, or finished less than the retention ago;
 * 4. completed or partial without `artifact_sync_to_local.status: ok`;
 * 5. the manifest is not on origin's branch as the checkout has it (not
 *    committed, not pushed, or changed since);
 * 6. the snapshot is not a worktree of this checkout (not ours to remove);
 * 7. the snapshot's run dir holds a file the checkout's run dir lacks (or has
 *    with another size): the copy back did not happen;
 * 8. the snapshot has changes outside the run dir (the job wrote files the
 *    tool never synced).
 * Else the snapshot (when it exists) and the run's journal entries go. A run
 * with neither has nothing to free.
 */
import type { RunStatus } from "../contract/vocabulary.js";
import { IN_FLIGHT } from "./tick.js";

export interface GcCandidate {
  runId: string;
  status: RunStatus;
  completedAt?: string;
  /** `artifact_sync_to_local.status` is ok. */
  syncOk: boolean;
  /** The manifest on origin's branch: the same bytes, other bytes, absent, or no remote branch to ask. */
  pushed: "same" | "differs" | "absent" | "no-remote";
  snapshot?: {
    path: string;
    /** Registered in `git worktree list` of this checkout. */
    isWorktree: boolean;
    /** Files of the snapshot's run dir the checkout's run dir lacks (or holds with another size). */
    notCopied: string[];
    /** Changes in the snapshot outside the run dir. */
    dirtyOutside: string[];
    bytes: number;
  };
  /** Journal entry files naming this run. */
  journal: string[];
}

export type GcDecision =
  | { runId: string; remove: true; snapshot?: string; journal: string[]; bytes: number }
  | { runId: string; remove: false; why: string };

function few(list: readonly string[]): string {
  return list.slice(0, 3).join(", ") + (list.length > 3 ? ` and ${list.length - 3} more` : "");
}

export function gcDecide(c: GcCandidate, o: { nowMs: number; olderThanSeconds: number; branch?: string }): GcDecision {
  const keep = (why: string): GcDecision => ({ runId: c.runId, remove: false, why });
  if (IN_FLIGHT.has(c.status)) return keep(`in flight (${c.status})`);
  if (c.status === "synced") return keep("synced, not extracted yet");
  const done = c.completedAt ? Date.parse(c.completedAt) : Number.NaN;
  if (Number.isNaN(done)) return keep("no completion time recorded");
  if (o.nowMs - done < o.olderThanSeconds * 1000) return keep(`finished less than ${o.olderThanSeconds} s ago`);
  if (c.status !== "failed" && !c.syncOk) return keep("artifacts not synced (artifact_sync_to_local.status is not ok)");
  const origin = `origin/${o.branch ?? "<branch>"}`;
  if (c.pushed === "no-remote") return keep(`no ${origin} to check that the manifest was pushed`);
  if (c.pushed === "absent") return keep(`the manifest is not on ${origin} (not committed or not pushed)`);
  if (c.pushed === "differs")
    return keep(`the manifest differs from ${origin}'s (changes not committed or not pushed)`);
  const s = c.snapshot;
  if (s && !s.isWorktree) return keep(`${s.path} is not a git worktree of this checkout`);
  if (s?.notCopied.length) return keep(`the snapshot holds files the checkout lacks: ${few(s.notCopied)}`);
  if (s?.dirtyOutside.length) return keep(`the snapshot has changes outside the run dir: ${few(s.dirtyOutside)}`);
  if (!s && !c.journal.length) return keep("nothing to free");
  return { runId: c.runId, remove: true, snapshot: s?.path, journal: [...c.journal], bytes: s?.bytes ?? 0 };
}
