/**
 * The checkout lock: two ticks (or a tick and a cancel) never work on one
 * checkout at once. The lock file lives in the git dir (`<gitdir>/autolab/
 * monitor.lock`), else in `.autolab/`. A lock whose owner process is gone (same
 * host) is taken over; one held on another host is trusted for six hours.
 */
import { mkdir, open, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git } from "../git/git.js";
import { isoSeconds as iso } from "../domain/time.js";
import { AutolabError } from "../util/errors.js";
import { readJsonFile } from "../util/fs.js";

/** Take the lock; returns the release function. */
export async function takeMonitorLock(repoRoot: string, inGit: boolean, now: Date): Promise<() => Promise<void>> {
  let dir = path.join(repoRoot, ".autolab");
  if (inGit) {
    const r = await git(repoRoot, ["rev-parse", "--absolute-git-dir"], { allowFailure: true });
    if (r.code === 0 && r.stdout.trim()) dir = path.join(r.stdout.trim(), "autolab");
  }
  const file = path.join(dir, "monitor.lock");
  await mkdir(dir, { recursive: true });
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), at: iso(now) }) + "\n";
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(file, "wx", 0o644);
      await fh.writeFile(body);
      await fh.close();
      return async () => {
        await unlink(file).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const held = await readJsonFile<{ pid?: number; host?: string; at?: string }>(file);
      const age = held?.at ? now.getTime() - Date.parse(held.at) : Infinity;
      let alive = false;
      if (held?.host === os.hostname() && typeof held.pid === "number") {
        try {
          process.kill(held.pid, 0);
          alive = true;
        } catch (err) {
          alive = (err as NodeJS.ErrnoException).code === "EPERM";
        }
      } else if (held?.host) {
        alive = age < 6 * 3600 * 1000; // another machine: trust it for a while
      }
      if (alive) {
        throw new AutolabError(
          `another monitor tick is running in this checkout (pid ${held?.pid} on ${held?.host}, since ${held?.at})`,
          { file, hint: "wait for it to finish; if no monitor is running, remove the lock file" },
        );
      }
      await unlink(file).catch(() => undefined); // stale: its owner is gone
    }
  }
  throw new AutolabError("could not take the monitor lock", { file });
}
