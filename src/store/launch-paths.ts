/**
 * Before launch submits anything (issue 11, items 5 and 6): every directory
 * and file it reads from or writes to in the checkout is resolved and
 * checked, so a committed link cannot send it elsewhere — not an iteration
 * directory found by id (`experiments/plan/x -> /elsewhere`: its design
 * would be submitted and the job run unrecorded), not `docs ->`,
 * `launch ->`, `runs ->`, `.autolab ->` or `analysis ->` (launch's writes
 * after sbatch would land outside the repository, or the launch would fail
 * half-recorded with a job running). The same rule (`util/fs.linkOnPath`:
 * no symlink on the way from the repository root, every parent a directory)
 * that record() applies to each file when it writes — only checked up
 * front, for all of them at once.
 */
import path from "node:path";
import { LEDGER_PATH, STATE_PATH, type RunLayout } from "../domain/layout.js";
import { AutolabError } from "../util/errors.js";
import { linkOnPath } from "../util/fs.js";

/** The repository-relative paths a launch of `layout` reads or writes (directories and files). */
export function launchPaths(layout: RunLayout): string[] {
  return [
    layout.design,
    layout.launchDir,
    layout.slurmScript,
    layout.localScript,
    layout.runDir,
    layout.logsDir,
    layout.manifest,
    layout.sentinel,
    layout.summary,
    LEDGER_PATH,
    STATE_PATH,
  ];
}

/** Refuse (before anything is submitted) when any of `rels` under `root` lies on or under a link. */
export function assertNoLinkOnLaunchPaths(root: string, rels: readonly string[]): void {
  for (const rel of rels) {
    const at = linkOnPath(root, path.join(root, rel));
    if (at === undefined) continue;
    throw new AutolabError(
      `${at}${at !== rel ? ` (on the way to ${rel})` : ""} is a symbolic link or not a directory: ` +
        "launch reads and writes there, and never through a link; nothing was submitted",
      {
        file: at,
        hint: "replace the link by a real directory or file (git rm the link, commit), then launch again",
      },
    );
  }
}
