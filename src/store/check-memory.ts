/**
 * The memory of what GitHub was told (domain/check-sync.ts): the file
 * `<git dir>/autolab/github-posted.json`. Never committed, never seen by
 * another checkout. Outside git there is no memory: every tick then treats
 * every run as unposted and repairs what its budget allows. Written
 * atomically without fsync (losing it costs one repair per run, never a
 * wrong check). Refused above `MAX_MEMORY_BYTES` (read as empty).
 */
import path from "node:path";
import { parseCheckMemory, serializeCheckMemory, type CheckMemory } from "../domain/check-sync.js";
import { readNoFollow, writeFileAtomic } from "../util/fs.js";

export const CHECK_MEMORY_FILE = path.join("autolab", "github-posted.json");
export const MAX_MEMORY_BYTES = 32 * 1024 * 1024;

export async function readCheckMemory(gitDir: string | undefined, repository: string): Promise<CheckMemory> {
  if (!gitDir) return parseCheckMemory(undefined, repository);
  try {
    const r = await readNoFollow(path.join(gitDir, CHECK_MEMORY_FILE), MAX_MEMORY_BYTES);
    return parseCheckMemory(r.data?.toString("utf8"), repository);
  } catch {
    return parseCheckMemory(undefined, repository);
  }
}

export async function writeCheckMemory(gitDir: string | undefined, m: CheckMemory): Promise<void> {
  if (!gitDir) return;
  try {
    await writeFileAtomic(path.join(gitDir, CHECK_MEMORY_FILE), serializeCheckMemory(m), { sync: false });
  } catch {
    // A memory only: the next tick re-posts what it cannot remember.
  }
}
