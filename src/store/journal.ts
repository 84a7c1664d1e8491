/**
 * The launch journal: `<git-dir>/autolab/launch-journal/<sha256(key)>.json`,
 * one entry per launch key. It lives in the git directory so that it
 * survives `git clean` and a runner's workspace reset. The run id is written
 * before the job is submitted, the job id as soon as the scheduler answered:
 * a retry with the same key adopts the job instead of submitting another.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { JournalEntry } from "../domain/launch-plan.js";
import { RUN_ID_SHAPE } from "../domain/layout.js";
import { AutolabError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";

export type { JournalEntry };

/** `<git-dir>/autolab/launch-journal/`. */
export function journalDir(gitdir: string): string {
  return path.join(gitdir, "autolab", "launch-journal");
}

function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function journalFile(gitdir: string, key: string): string {
  return path.join(journalDir(gitdir), keyHash(key).slice(0, 32) + ".json");
}

/**
 * The job name of a keyed launch, `autolab-k<16 hex of sha256(key)>`: the
 * same in every checkout, so any checkout can ask the scheduler whether this
 * key already has a job (the journal only knows its own git dir).
 */
export function keyJobName(key: string): string {
  return `autolab-k${keyHash(key).slice(0, 16)}`;
}

/** The entry of `key`, or undefined (no git dir, no key, no entry). An unreadable or foreign entry is refused. */
export async function readJournal(
  gitdir: string | undefined,
  key: string | undefined,
): Promise<JournalEntry | undefined> {
  if (!gitdir || !key) return undefined;
  const file = journalFile(gitdir, key);
  if (!existsSync(file)) return undefined;
  let j: JournalEntry;
  try {
    j = JSON.parse(await readFile(file, "utf8")) as JournalEntry;
  } catch (e) {
    throw new AutolabError(`launch journal entry is unreadable: ${(e as Error).message}`, {
      file,
      hint: "remove the file if no job was submitted for this launch key, or pass --run-id with the run's id",
    });
  }
  if (j.key !== key || typeof j.run_id !== "string" || !RUN_ID_SHAPE.test(j.run_id)) {
    throw new AutolabError("launch journal entry does not belong to this launch key or has no usable run id", { file });
  }
  return j;
}

export async function writeJournal(gitdir: string, j: JournalEntry): Promise<void> {
  await writeFileAtomic(journalFile(gitdir, j.key), JSON.stringify(j, null, 2) + "\n");
}
