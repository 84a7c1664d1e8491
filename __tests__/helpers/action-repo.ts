/**
 * Vitest global setup: a local bare repository standing for the action's own
 * repository (autolab-org/autolab-slurm), with the release tag of this version
 * (`v<VERSION>`, annotated, as `git tag -a` makes it) and a moved major tag.
 * `AUTOLAB_ACTION_GIT_URL` points `autolab init` at it, so every test's init
 * pins the workflows the way it does against GitHub, without a network (the
 * tests run offline). init.test.ts checks the pin against this repository.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { VERSION } from "../../src/version.js";

export interface FakeActionRepo {
  url: string;
  /** The commit the release tag v<VERSION> names. */
  release: string;
}

/** Make the repository: two commits, v<VERSION> (annotated) on the first, `v<major>` moved to it too. */
export function makeActionRepo(base: string): FakeActionRepo {
  const url = path.join(base, "autolab-slurm.git");
  const work = path.join(base, "work");
  const g = (cwd: string, ...args: string[]) =>
    execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "r",
        GIT_AUTHOR_EMAIL: "r@x",
        GIT_COMMITTER_NAME: "r",
        GIT_COMMITTER_EMAIL: "r@x",
      },
    }).trim();
  g(base, "init", "-q", "--bare", url);
  g(base, "init", "-q", "-b", "main", work);
  writeFileSync(path.join(work, "action.yml"), "name: autolab-slurm\n");
  g(work, "add", "action.yml");
  g(work, "commit", "-qm", `release v${VERSION}`);
  const release = g(work, "rev-parse", "HEAD");
  g(work, "tag", "-a", "-m", `v${VERSION}`, `v${VERSION}`);
  g(work, "tag", `v${VERSION.split(".")[0]}`);
  writeFileSync(path.join(work, "action.yml"), "name: autolab-slurm\n# unreleased\n");
  g(work, "commit", "-qam", "after the release");
  g(work, "push", "-q", "--tags", url, "main");
  rmSync(work, { recursive: true, force: true });
  return { url, release };
}

export default function setup(): () => void {
  const base = mkdtempSync(path.join(os.tmpdir(), "autolab-action-repo-"));
  const repo = makeActionRepo(base);
  process.env.AUTOLAB_ACTION_GIT_URL = repo.url;
  process.env.AUTOLAB_TEST_ACTION_RELEASE = repo.release;
  return () => rmSync(base, { recursive: true, force: true });
}
