/**
 * The tags of a repository that is not ours (the action's, for `autolab init`'s
 * pin): one `git ls-remote --tags`, run outside any repository (so no checkout's
 * config, `insteadOf` or credential helper applies), with the URL checked as a
 * plain transport first.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AutolabError } from "../util/errors.js";
import { ok } from "../util/exec.js";
import { git } from "./git.js";
import { lastLines, transportProblem } from "./remote.js";

export const LS_REMOTE_TIMEOUT_MS = 30_000;

/** `git ls-remote --tags <url>`'s stdout; throws an AutolabError naming the URL when it cannot be listed. */
export async function listRemoteTags(url: string): Promise<string> {
  const problem = transportProblem(url);
  if (problem) throw new AutolabError(`the action's repository URL ${url} ${problem}`);
  const dir = await mkdtemp(path.join(tmpdir(), "autolab-tags-"));
  try {
    const r = await git(dir, ["ls-remote", "--tags", "--end-of-options", url], {
      env: { GIT_CEILING_DIRECTORIES: path.dirname(dir), GIT_CONFIG_NOSYSTEM: undefined },
      config: [["credential.helper", ""]],
      allowFailure: true,
      timeoutMs: LS_REMOTE_TIMEOUT_MS,
    });
    if (!ok(r)) {
      const why = r.timedOut
        ? `timed out after ${LS_REMOTE_TIMEOUT_MS / 1000} s`
        : lastLines(r.stderr) || `exit ${r.code}`;
      throw new AutolabError(`could not list the tags of ${url}: ${why}`);
    }
    return r.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
