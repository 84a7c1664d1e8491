/**
 * The checkout lock: two ticks (or a tick and a cancel) never work on one
 * checkout at once. It lives in the git dir (`<gitdir>/autolab/monitor.lock`),
 * else in `.autolab/monitor.lock`.
 *
 * - Held only by a live process of ours: the record names the pid, the host,
 *   the host's boot id and the process's start time (Linux `/proc/<pid>/stat`
 *   field 22), so a pid reused after a reboot or by another process does not
 *   hold it. The decision is domain/lock.ts's.
 * - Taken over atomically: `monitor.lock` is a directory of generations
 *   `g<n>.json`; the newest is the lock. A generation is created with
 *   `link()` of a complete temp file (never seen half written), which fails
 *   when it exists, so of any number of processes that find generation n
 *   free or stale exactly one creates n+1. A creator that then sees a newer
 *   generation steps back. Only the holder of the newest generation deletes
 *   older ones, so the newest is never deleted.
 * - Released by atomically replacing its own generation with a released
 *   record (the next taker makes n+1); a killed owner leaves a live-looking
 *   record that the next taker finds stale, takes over, and names (finding
 *   `monitor.lock`: pid, host, start time, age and why it was stale).
 * - A lock file of the previous format (a plain `monitor.lock` file) is judged
 *   by the same rules and removed when stale.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, lstat, mkdir, readdir, readFile, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describeLock, lockVerdict, type LockProbe, type LockRecord } from "../domain/lock.js";
import { isoSeconds as iso } from "../domain/time.js";
import { git } from "../git/git.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";

const GEN = /^g(\d{1,15})\.json$/;
const MAX_ROUNDS = 8;

/**
 * Take the lock; returns the release function. `note` receives a finding when
 * a stale lock was taken over (whose it was, and why it was stale).
 */
export async function takeMonitorLock(
  repoRoot: string,
  inGit: boolean,
  now: Date,
  note?: (f: Finding) => void,
): Promise<() => Promise<void>> {
  return takeLock(repoRoot, inGit, now, note, MONITOR_LOCK);
}

/** Which lock: its directory's name and what holds it (for messages). */
interface LockKind {
  name: string;
  holder: string;
  hint: string;
}

const MONITOR_LOCK: LockKind = {
  name: "monitor.lock",
  holder: "another monitor tick (or cancel) is running in this checkout",
  hint: "wait for it to finish; if that process is not an autolab tick of this checkout, remove",
};

const WATCH_LOCK: LockKind = {
  name: "watch.lock",
  holder: "another autolab watch is watching this checkout",
  hint: "one watcher is enough (stop it with SIGTERM to start another); if that process is not an autolab watch of this checkout, remove",
};

/** The watcher lock (`<gitdir>/autolab/watch.lock`): one `autolab watch` per checkout, by the same rules. */
export async function takeWatchLock(
  repoRoot: string,
  inGit: boolean,
  now: Date,
  note?: (f: Finding) => void,
): Promise<() => Promise<void>> {
  return takeLock(repoRoot, inGit, now, note, WATCH_LOCK);
}

async function takeLock(
  repoRoot: string,
  inGit: boolean,
  now: Date,
  note: ((f: Finding) => void) | undefined,
  kind: LockKind,
): Promise<() => Promise<void>> {
  let dir = path.join(repoRoot, ".autolab");
  if (inGit) {
    const r = await git(repoRoot, ["rev-parse", "--absolute-git-dir"], { allowFailure: true });
    if (r.code === 0 && r.stdout.trim()) dir = path.join(r.stdout.trim(), "autolab");
  }
  const lockDir = path.join(dir, kind.name);
  await mkdir(dir, { recursive: true });
  await dropLegacyLock(lockDir, now, note, kind);
  await mkdir(lockDir, { recursive: true });
  const mine: LockRecord = { pid: process.pid, host: os.hostname(), at: iso(now), ...selfIdentity() };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const newest = await newestGeneration(lockDir);
    let previous: { rec: LockRecord | undefined; why: string } | undefined;
    if (newest) {
      const file = genFile(lockDir, newest);
      const seen = await readRecord(file);
      if (!seen) continue; // gone meanwhile: look again
      const verdict = lockVerdict(seen.rec, probe(seen.rec, now, seen.ageMs));
      if (verdict.held) throw heldError(lockDir, seen.rec, now, kind);
      if (!seen.rec?.released_at) previous = { rec: seen.rec, why: verdict.why };
    }
    const n = newest + 1;
    if (!(await createGeneration(lockDir, n, mine))) continue; // another process took generation n
    if ((await newestGeneration(lockDir)) > n) {
      await unlink(genFile(lockDir, n)).catch(() => undefined); // a newer one exists: step back
      continue;
    }
    await dropOlderGenerations(lockDir, n);
    if (previous && note) note(takeoverFinding(lockDir, previous.rec, previous.why, now));
    return async () => {
      const file = genFile(lockDir, n);
      if (!(await lstat(file).catch(() => undefined))) return; // taken over and dropped meanwhile
      const released = JSON.stringify({ ...mine, released_at: iso(new Date()) }) + "\n";
      await writeFileAtomic(file, released).catch(() => undefined);
    };
  }
  throw new AutolabError(
    `could not take the ${kind.name} after ${MAX_ROUNDS} rounds (other processes kept taking it)`,
    {
      file: lockDir,
      hint: "run again",
    },
  );
}

/** This process's boot id and start time (Linux); empty elsewhere. */
function selfIdentity(): Pick<LockRecord, "boot_id" | "start_time"> {
  const bootId = readBootId();
  const start = procStat(process.pid)?.startTime;
  return { ...(bootId ? { boot_id: bootId } : {}), ...(start ? { start_time: start } : {}) };
}

function readBootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** State (field 3) and start time (field 22) of `/proc/<pid>/stat`; undefined without /proc. */
export function procStat(pid: number): { state: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ..." -- comm may hold spaces and parentheses: split after the last ')'.
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const startTime = rest[22 - 3];
    return startTime ? { state: rest[0], startTime } : undefined;
  } catch {
    return undefined;
  }
}

function probe(rec: LockRecord | undefined, now: Date, fileAgeMs: number): LockProbe {
  const host = os.hostname();
  const p: LockProbe = { host, bootId: readBootId(), nowMs: now.getTime(), fileAgeMs };
  if (rec && rec.host === host && typeof rec.pid === "number") p.process = probeProcess(rec.pid);
  return p;
}

function probeProcess(pid: number): { alive: boolean; startTime?: string } {
  let alive: boolean;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (err) {
    alive = (err as NodeJS.ErrnoException).code === "EPERM";
  }
  if (!alive) return { alive };
  const st = procStat(pid);
  if (st?.state === "Z") return { alive: false };
  return { alive, startTime: st?.startTime };
}

function genFile(lockDir: string, n: number): string {
  return path.join(lockDir, `g${String(n).padStart(12, "0")}.json`);
}

async function generations(lockDir: string): Promise<number[]> {
  const names = await readdir(lockDir).catch(() => [] as string[]);
  return names.flatMap((name) => {
    const m = GEN.exec(name);
    return m ? [Number(m[1])] : [];
  });
}

async function newestGeneration(lockDir: string): Promise<number> {
  return (await generations(lockDir)).reduce((a, b) => Math.max(a, b), 0);
}

async function readRecord(file: string): Promise<{ rec: LockRecord | undefined; ageMs: number } | undefined> {
  try {
    const st = await lstat(file);
    const text = await readFile(file, "utf8");
    let rec: LockRecord | undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      rec = parsed && typeof parsed === "object" ? (parsed as LockRecord) : undefined;
    } catch {
      rec = undefined;
    }
    return { rec, ageMs: Math.max(0, Date.now() - st.mtimeMs) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Create generation `n` holding `rec`, complete from the start; false when it exists. */
async function createGeneration(lockDir: string, n: number, rec: LockRecord): Promise<boolean> {
  const tmp = path.join(lockDir, `.new-${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  await writeFileAtomic(tmp, JSON.stringify(rec) + "\n");
  try {
    await link(tmp, genFile(lockDir, n));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function dropOlderGenerations(lockDir: string, n: number): Promise<void> {
  for (const g of await generations(lockDir)) if (g < n) await unlink(genFile(lockDir, g)).catch(() => undefined);
}

/** A `monitor.lock` file of the previous format: refuse while it is held, remove it when stale. */
async function dropLegacyLock(
  lockDir: string,
  now: Date,
  note: ((f: Finding) => void) | undefined,
  kind: LockKind,
): Promise<void> {
  const st = await lstat(lockDir).catch(() => undefined);
  if (!st || st.isDirectory()) return;
  if (!st.isFile()) {
    throw new AutolabError(`${lockDir} is neither the lock directory nor a lock file`, {
      file: lockDir,
      hint: "remove it (no monitor tick can run while it is there)",
    });
  }
  const seen = await readRecord(lockDir);
  if (!seen) return;
  const verdict = lockVerdict(seen.rec, probe(seen.rec, now, seen.ageMs));
  if (verdict.held) throw heldError(lockDir, seen.rec, now, kind);
  await unlink(lockDir).catch(() => undefined);
  note?.(takeoverFinding(lockDir, seen.rec, verdict.why, now));
}

function heldError(file: string, rec: LockRecord | undefined, now: Date, kind: LockKind): AutolabError {
  return new AutolabError(`${kind.holder}: the lock is held by ${describeLock(rec, now.getTime())}`, {
    file,
    hint: `${kind.hint} ${file}`,
  });
}

function takeoverFinding(file: string, rec: LockRecord | undefined, why: string, now: Date): Finding {
  return {
    severity: "warning",
    check: "monitor.lock",
    file,
    message: `took over a stale checkout lock of ${describeLock(rec, now.getTime())}: ${why} (that tick ended without releasing it)`,
    hint: "a tick that was killed may have left files of the tool uncommitted; this tick re-derives them from the scheduler",
  };
}
