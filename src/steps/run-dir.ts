/**
 * The run directory a job needs before it is submitted: `logs/` (SLURM does
 * not create the log directory; a job whose log directory is missing fails
 * with exit 0:53) and the job script. What did not exist before is returned,
 * so that a launch that stops before the job exists can take it back.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "../util/fs.js";

export interface Created {
  path: string;
  dir: boolean;
}

/** Create logs/ and write the run's script; returns what did not exist before (outermost first). */
export async function prepareRunDir(runDir: string, scriptAbs: string, script: string): Promise<Created[]> {
  const created: Created[] = [];
  for (const d of [path.dirname(runDir), runDir, path.join(runDir, "logs")]) {
    if (!existsSync(d)) created.push({ path: d, dir: true });
  }
  if (!existsSync(scriptAbs)) created.push({ path: scriptAbs, dir: false });
  await mkdir(path.join(runDir, "logs"), { recursive: true });
  await writeFileAtomic(scriptAbs, script);
  return created;
}

/** Remove what `prepareRunDir` created (directories only when empty). Best effort. */
export async function removeCreated(created: Created[]): Promise<void> {
  for (const c of [...created].reverse()) {
    try {
      if (!c.dir) await rm(c.path, { force: true });
      else if (readdirSync(c.path).length === 0) await rmdir(c.path);
    } catch {
      // never hide the error that got us here
    }
  }
}
