/**
 * Is a checkout lock still held? Pure: the adapter (store/lock.ts) reads the
 * lock record and probes the process it names; this decides.
 *
 * A lock is held only by a live process of ours:
 * - released (the owner let go; kept as the last generation) => free;
 * - another host => trusted for `foreignHostMs` (its process cannot be probed
 *   from here), then stale;
 * - this host, another boot id => stale (the host rebooted since; the pid may
 *   be reused by anything);
 * - this host, pid gone (or a zombie) => stale;
 * - pid alive, but its start time differs from the recorded one => stale (the
 *   pid was reused by another process);
 * - pid alive, start time matches => held;
 * - pid alive, no start time to compare (a lock from an older version, or no
 *   /proc) => held, but only for `unprovenMs`;
 * - unreadable record => held for `unreadableMs` after the file was written
 *   (an older version writes its lock after creating it), then stale.
 */

export interface LockRecord {
  pid?: number;
  host?: string;
  /** Linux `/proc/sys/kernel/random/boot_id` of the owner's host. */
  boot_id?: string;
  /** Field 22 of `/proc/<pid>/stat` (clock ticks since boot) of the owner. */
  start_time?: string;
  /** When the lock was taken (ISO). */
  at?: string;
  /** When the owner released it (ISO); a released record is free. */
  released_at?: string;
}

export interface LockProbe {
  host: string;
  /** This host's boot id, when known. */
  bootId?: string;
  /** The record's pid on this host (only probed when the record is of this host). */
  process?: { alive: boolean; startTime?: string };
  nowMs: number;
  /** Age of the lock file itself (from its mtime). */
  fileAgeMs: number;
}

export interface LockLimits {
  foreignHostMs: number;
  unprovenMs: number;
  unreadableMs: number;
}

export const LOCK_LIMITS: LockLimits = {
  foreignHostMs: 6 * 3600_000,
  unprovenMs: 6 * 3600_000,
  unreadableMs: 60_000,
};

export type LockVerdict = { held: true } | { held: false; why: string };

export function lockVerdict(rec: LockRecord | undefined, p: LockProbe, limits: LockLimits = LOCK_LIMITS): LockVerdict {
  if (!rec || typeof rec.pid !== "number" || !rec.host) {
    return p.fileAgeMs < limits.unreadableMs
      ? { held: true }
      : { held: false, why: `its record is unreadable and ${duration(p.fileAgeMs)} old` };
  }
  if (rec.released_at) return { held: false, why: `released at ${rec.released_at}` };
  const age = ageMs(rec, p.nowMs);
  if (rec.host !== p.host) {
    return age < limits.foreignHostMs
      ? { held: true }
      : {
          held: false,
          why: `taken on another host ${Number.isFinite(age) ? `${duration(age)} ago` : "at an unknown time"} (trusted for ${duration(limits.foreignHostMs)})`,
        };
  }
  if (rec.boot_id && p.bootId && rec.boot_id !== p.bootId) {
    return { held: false, why: `taken before this host rebooted (boot id ${rec.boot_id}, now ${p.bootId})` };
  }
  if (!p.process?.alive) return { held: false, why: `process ${rec.pid} is gone` };
  if (rec.start_time && p.process.startTime) {
    return rec.start_time === p.process.startTime
      ? { held: true }
      : {
          held: false,
          why: `pid ${rec.pid} now belongs to another process (started at ${p.process.startTime}, the owner at ${rec.start_time})`,
        };
  }
  return age < limits.unprovenMs
    ? { held: true }
    : {
        held: false,
        why: `pid ${rec.pid} is alive but cannot be proven to be the owner (no start time) and the lock is ${duration(age)} old`,
      };
}

/** `pid 123 on host h (start time 456, boot id 1a2b3c4d), taken 2026-…Z, 5 min ago`. */
export function describeLock(rec: LockRecord | undefined, nowMs: number): string {
  if (!rec || typeof rec.pid !== "number") return "an unreadable lock";
  const facts = [
    rec.start_time ? `start time ${rec.start_time}` : "",
    rec.boot_id ? `boot id ${rec.boot_id.slice(0, 8)}` : "",
  ].filter(Boolean);
  const age = ageMs(rec, nowMs);
  return (
    `pid ${rec.pid} on host ${rec.host ?? "?"}${facts.length ? ` (${facts.join(", ")})` : ""}` +
    `${rec.at ? `, taken ${rec.at}` : ""}${Number.isFinite(age) ? `, ${duration(age)} ago` : ""}`
  );
}

function ageMs(rec: LockRecord, nowMs: number): number {
  const t = rec.at ? Date.parse(rec.at) : NaN;
  return Number.isFinite(t) ? Math.max(0, nowMs - t) : Infinity;
}

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return "of unknown age";
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 360) / 10} h`;
}
