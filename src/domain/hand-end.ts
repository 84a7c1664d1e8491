/** A run's status set by hand (the recovery recipe): the record the monitor completes. Pure. */
import type { RunManifest } from "../contract/types.js";
import { statusOf } from "./run.js";

/**
 * A terminal status a person set by hand (the recovery recipe "if failed, set
 * status failed") without `timestamps.completed_at`: the monitor completes
 * the record (`handEnd`), so nobody has to add completed_at by hand.
 */
export function endedByHand(m: RunManifest): boolean {
  const st = statusOf(m);
  if (st !== "failed" && st !== "completed") return false;
  const c = m.timestamps?.completed_at;
  return c === undefined || c === null || c === "";
}

/** The record of a status set by hand: completed_at (now), one history entry, for failed a `manual` failure. */
export function handEnd(m: RunManifest, at: string): RunManifest {
  const to = statusOf(m);
  const last = m.history?.at(-1)?.to;
  const from = last !== undefined && last !== to ? last : null;
  const evidence = `status set to ${to} by hand; completed_at recorded by the monitor at its next tick`;
  const next: RunManifest = {
    ...m,
    timestamps: { ...m.timestamps, completed_at: at },
    completed_at: at,
    history: [...(m.history ?? []), { from, to, at, evidence }],
  };
  if (to === "failed" && (m.failure === undefined || m.failure === null)) {
    next.failure = { reason: "manual", message: evidence };
    if (m.host_mode === "slurm") next.slurm = { ...(m.slurm ?? {}), failure_reason: "manual" };
  }
  return next;
}
