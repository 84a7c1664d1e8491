/**
 * The workspace a command runs in, resolved once per command: the directory
 * it was started in, the repository root (the git top level, else the
 * directory itself), the git dir, and whether its changes are committed.
 * Replaces the repo-root resolution each command and face did on its own.
 */
import path from "node:path";
import { git, isGitRepo, topLevel } from "../git/git.js";

export interface Workspace {
  /** Where the command was started. */
  cwd: string;
  /** Repository root: the git top level, else `cwd` itself. */
  root: string;
  inGit: boolean;
  /** Absolute git dir (undefined outside git). */
  gitDir?: string;
  /** The command's changes become a commit (inside git, unless the caller said not to). */
  commits: boolean;
}

export async function openWorkspace(cwd: string, o: { commit?: boolean } = {}): Promise<Workspace> {
  const inGit = await isGitRepo(cwd);
  const root = inGit ? await topLevel(cwd) : path.resolve(cwd);
  let gitDir: string | undefined;
  if (inGit) {
    const r = await git(root, ["rev-parse", "--absolute-git-dir"], { allowFailure: true });
    if (r.code === 0 && r.stdout.trim()) gitDir = r.stdout.trim();
  }
  return { cwd, root, inGit, gitDir, commits: inGit && (o.commit ?? true) };
}

/** The repository root of `cwd` (the git top level, else `cwd`), for faces that need only that. */
export async function repoRootOf(cwd: string): Promise<string> {
  return (await isGitRepo(cwd)) ? topLevel(cwd) : path.resolve(cwd);
}
