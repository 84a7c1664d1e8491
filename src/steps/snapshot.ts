/**
 * Work root (SLURM only): the run's snapshot outside the checkout. A
 * self-hosted runner's `actions/checkout` runs `git clean -ffdx && git reset
 * --hard` in the workspace before every monitor run, which would wipe a
 * running job's untracked sentinel, logs and outputs (and swap code under a
 * week-long job). With a work root (option, else policy `launch.work_root`),
 * launch makes a snapshot of the checkout's HEAD outside it, `git worktree
 * add --detach <workRoot>/<run_id> HEAD`, and the job runs there. The
 * snapshot holds committed files only, so a launch with a work root is
 * refused while the iteration directory (its runs/ and launch/ excepted) has
 * uncommitted or untracked changes: the job runs exactly the recorded
 * `git_revision`. Uncommitted changes elsewhere are named in a warning.
 */
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { LEDGER_PATH, MONITOR_STATE_PATH, POLICY_PATH, STATE_PATH } from "../domain/layout.js";
import { git, headSha, statusPorcelain } from "../git/git.js";
import { AutolabError, UsageError } from "../util/errors.js";

/**
 * The work root for this launch: the option, else the policy's
 * `launch.work_root`; undefined when neither is set or the design is local.
 * It must be absolute and outside the checkout (a `git clean` there would
 * wipe it), and the checkout must be a git checkout (the snapshot is a worktree).
 */
export function resolveWorkRoot(
  option: string | undefined,
  fromPolicy: unknown,
  repoRoot: string,
  inGit: boolean,
  hostMode: "slurm" | "local",
  log: (s: string) => void = () => undefined,
): string | undefined {
  const fromOption = option !== undefined;
  const raw: unknown = fromOption ? option : fromPolicy;
  if (raw === undefined || raw === null) return undefined;
  const refuse = (message: string, hint: string): never => {
    if (fromOption) throw new UsageError(`--work-root: ${message}`, hint);
    throw new AutolabError(`launch.work_root ${message}`, { file: POLICY_PATH, jsonPath: "/launch/work_root", hint });
  };
  if (typeof raw !== "string" || raw.trim() === "" || raw.includes("\0"))
    return refuse(
      "must be a non-empty path",
      "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  if (!path.isAbsolute(raw))
    return refuse(
      `${JSON.stringify(raw)} is not an absolute path`,
      "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  if (hostMode === "local") {
    log(`work root ${raw} is not used: a local run ends inside the launch`);
    return undefined;
  }
  if (!inGit)
    return refuse(
      `${JSON.stringify(raw)} needs a git checkout (the run's snapshot is a git worktree)`,
      "launch from a git checkout, or without a work root",
    );
  const resolved = path.resolve(raw);
  const canon = (p: string): string => {
    // realpath of the deepest existing ancestor, plus the rest as written.
    let cur = p;
    const rest: string[] = [];
    while (!existsSync(cur) && path.dirname(cur) !== cur) {
      rest.unshift(path.basename(cur));
      cur = path.dirname(cur);
    }
    return path.join(realpathSync(cur), ...rest);
  };
  const rel = path.relative(canon(repoRoot), canon(resolved));
  if (rel === "" || !(rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)))
    return refuse(
      `${JSON.stringify(raw)} is inside the checkout ${repoRoot}: a runner's checkout (git clean -ffdx) would wipe a running job's files there`,
      "use a directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  return resolved;
}

/** Paths the tool itself writes in a checkout (never a reason to refuse a snapshot). */
export function toolOwned(p: string, iterationPath?: string): boolean {
  if (p === LEDGER_PATH || p === STATE_PATH || p === MONITOR_STATE_PATH) return true;
  if (iterationPath !== undefined)
    return p.startsWith(`${iterationPath}/runs/`) || p.startsWith(`${iterationPath}/launch/`);
  return /^experiments\/[^/]+\/[^/]+\/(runs|launch|analysis)\//.test(p);
}

/**
 * A snapshot holds HEAD only: refuse when the iteration (design.yaml and
 * everything else in it but runs/ and launch/) has uncommitted or untracked
 * changes, so the job runs exactly the recorded revision; name other
 * uncommitted changes of the checkout in a warning.
 */
export async function checkSnapshotable(
  repoRoot: string,
  iterationPath: string,
  log: (s: string) => void,
): Promise<void> {
  if (!(await headSha(repoRoot))) {
    throw new AutolabError("the checkout has no commit yet: there is nothing to snapshot for the work root", {
      file: repoRoot,
      hint: "commit the iteration first",
    });
  }
  const dirty = (await statusPorcelain(repoRoot, [iterationPath])).filter((e) => !toolOwned(e.path, iterationPath));
  if (dirty.length) {
    const list = dirty.slice(0, 10).map((e) => `${e.xy.trim() || "M"} ${e.path}`);
    throw new AutolabError(
      `the iteration has uncommitted changes (${list.join(", ")}${dirty.length > 10 ? ", ..." : ""}); with a work root the job runs a snapshot of the last commit, which does not have them; nothing was written`,
      {
        file: dirty[0].path,
        hint: "commit them first (the snapshot is exactly the recorded git_revision), or launch without a work root",
      },
    );
  }
  const elsewhere = (await statusPorcelain(repoRoot, undefined, "no")).filter((e) => !toolOwned(e.path));
  if (elsewhere.length) {
    log(
      `warning: uncommitted changes are not part of the job's snapshot: ${elsewhere
        .slice(0, 5)
        .map((e) => e.path)
        .join(", ")}${elsewhere.length > 5 ? ", ..." : ""}`,
    );
  }
}

/** The worktrees this repository's own metadata lists: real path -> HEAD commit (porcelain). */
async function listedWorktrees(repoRoot: string): Promise<Map<string, string | undefined>> {
  const r = await git(repoRoot, ["worktree", "list", "--porcelain"], { what: "listing the repository's worktrees" });
  const out = new Map<string, string | undefined>();
  let cur: string | undefined;
  for (const line of r.stdout.split("\n")) {
    if (line.startsWith("worktree ")) {
      cur = line.slice("worktree ".length);
      out.set(cur, undefined);
    } else if (cur !== undefined && line.startsWith("HEAD ")) out.set(cur, line.slice("HEAD ".length));
  }
  return out;
}

/**
 * An existing directory at a run's snapshot path is reused only when it is a
 * worktree of this repository (listed by the repository's own worktree
 * metadata, not by what the directory's `.git` claims) checked out at
 * `revision`, the commit launch would snapshot now (a retry of the same run).
 * Anything else — a plain directory, a link, another repository's checkout, a
 * worktree at another commit — is refused: the job would run code nobody
 * recorded (`git_revision` would name some other commit, or none).
 */
async function assertReusableSnapshot(repoRoot: string, dir: string, revision: string | undefined): Promise<void> {
  const refuse = (what: string): never => {
    throw new AutolabError(`the run's snapshot path already exists and ${what}: it is not reused`, {
      file: dir,
      hint: "remove it (git worktree remove, or rm -r for a directory that is not one), or launch with another --run-id or work root",
    });
  };
  if (lstatSync(dir).isSymbolicLink()) refuse("is a symbolic link");
  if (!lstatSync(dir).isDirectory()) refuse("is not a directory");
  const real = realpathSync(dir);
  const listed = await listedWorktrees(repoRoot);
  const entry = [...listed].find(([p]) => existsSync(p) && realpathSync(p) === real);
  if (!entry) refuse("is not a worktree of this repository");
  const head = entry![1];
  if (revision && head !== revision) {
    refuse(
      `is a worktree of this repository at ${head ? head.slice(0, 12) : "no commit"}, not at ${revision.slice(0, 12)} (HEAD)`,
    );
  }
}

/**
 * `git worktree add --detach <dir> HEAD` (hooks off). An existing directory
 * is reused only when it is an earlier attempt's snapshot of this run (a
 * relaunch that adopts its job): a worktree of this repository at HEAD;
 * anything else is refused. Returns whether it was made now.
 */
export async function makeSnapshot(repoRoot: string, dir: string, log: (s: string) => void): Promise<boolean> {
  if (existsSync(dir) || isLink(dir)) {
    await assertReusableSnapshot(repoRoot, dir, await headSha(repoRoot));
    log(`reusing the run's snapshot ${dir} (made by an earlier attempt of this run)`);
    return false;
  }
  await mkdir(path.dirname(dir), { recursive: true });
  await git(repoRoot, ["worktree", "add", "--detach", dir, "HEAD"], {
    what: "making the run's snapshot in the work root",
    config: { "core.hooksPath": "/dev/null" },
    timeoutMs: 600_000,
  });
  log(`snapshot of HEAD for the job: ${dir}`);
  return true;
}

export function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Remove a snapshot no job uses (best effort). */
export async function removeSnapshot(repoRoot: string, dir: string): Promise<void> {
  await git(repoRoot, ["worktree", "remove", "--force", dir], { allowFailure: true });
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  await git(repoRoot, ["worktree", "prune"], { allowFailure: true });
}
