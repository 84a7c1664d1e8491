/**
 * The snapshot of a run for `launch.job_user`: the launched commit's files
 * (`git archive`, hooks and filters off), without `.git`, plus the run's job
 * scripts, its `logs/` directories and a marker naming the commit, unpacked
 * BY THE JOB USER (`sudo -n -u <user> -- tar -x`) into `<work_root>/<run_id>`.
 * So the job user owns the snapshot (its outputs and logs go there) while the
 * runner's checkout, its `.git`, hooks, config and the runner's files stay the
 * runner's: the job has no path back into them. The runner makes the archive
 * from its own repository and reads the job's outputs afterwards without
 * following links (the monitor's copy-back and extraction).
 *
 * The work root must exist and be writable by the job user (e.g.
 * `install -d -o <job_user> -m 0755 /scratch/<job_user>/autolab-runs`); the
 * runner needs to read it.
 */
import { existsSync, lstatSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git, headSha } from "../git/git.js";
import { AutolabError } from "../util/errors.js";
import { describeFailure, ok, runArgv } from "../util/exec.js";
import { readNoFollow } from "../util/fs.js";
import { isLink } from "./snapshot.js";
import { jobUserError, runAsJobUser, SNAPSHOT_PROGRAMS, sudoRefusal } from "../util/job-user.js";

/** The marker a job-user snapshot carries at its root: the commit it was made from. */
export const SNAPSHOT_MARKER = ".autolab-snapshot";

export interface JobUserSnapshot {
  repoRoot: string;
  /** `<work_root>/<run_id>` (absolute). */
  dir: string;
  user: string;
  /** The commit to snapshot (the recorded git_revision). */
  revision: string;
  /** Files the job needs besides the commit's (the job scripts), relative to the snapshot. */
  files: Array<{ rel: string; content: string }>;
  /** Directories the job needs (logs/), relative to the snapshot. */
  dirs: string[];
  /** The scheduler's programs the job user runs too (for the sudoers rule an error names). */
  programs: readonly string[];
  log: (s: string) => void;
}

function safeRel(rel: string): string {
  const n = path.posix.normalize(rel);
  if (path.posix.isAbsolute(n) || n === ".." || n.startsWith("../") || n.includes("\0"))
    throw new AutolabError(`internal error: ${JSON.stringify(rel)} is not a path inside the snapshot`);
  return n;
}

/**
 * Make the snapshot (returns true), or reuse an earlier attempt's of this
 * run: a directory whose marker names `revision` (false). Anything else at
 * that path is refused.
 */
export async function makeJobUserSnapshot(s: JobUserSnapshot): Promise<boolean> {
  const programs = [...s.programs, ...SNAPSHOT_PROGRAMS];
  if (existsSync(s.dir) || isLink(s.dir)) {
    const marker = lstatSync(s.dir).isDirectory()
      ? await readNoFollow(path.join(s.dir, SNAPSHOT_MARKER), 4096)
      : undefined;
    if (isLink(s.dir) || marker?.data?.toString("utf8").trim() !== s.revision)
      throw new AutolabError(
        `the run's snapshot path already exists and is not this run's snapshot of ${s.revision.slice(0, 12)}: it is not reused`,
        { file: s.dir, hint: "remove it (as the job user), or launch with another --run-id" },
      );
    s.log(`reusing the run's snapshot ${s.dir} (made by an earlier attempt of this run)`);
    return false;
  }
  const parent = path.dirname(s.dir);
  const base = path.basename(s.dir);
  if (!existsSync(parent))
    throw new AutolabError(`the work root ${parent} does not exist`, {
      file: parent,
      hint: `create it for the job user: install -d -o ${s.user} -m 0755 ${parent}`,
    });
  const tmp = await mkdtemp(path.join(os.tmpdir(), "autolab-snapshot-"));
  try {
    const archive = path.join(tmp, "snapshot.tar");
    await git(s.repoRoot, ["archive", "--format=tar", `--prefix=${base}/`, "-o", archive, s.revision], {
      what: "archiving the launched commit for the job user's snapshot",
      timeoutMs: 600_000,
    });
    const extra = path.join(tmp, "extra");
    for (const d of s.dirs) await mkdir(path.join(extra, base, safeRel(d)), { recursive: true });
    for (const f of s.files) {
      const abs = path.join(extra, base, safeRel(f.rel));
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, f.content, { mode: 0o644 });
    }
    await writeFile(path.join(extra, base, SNAPSHOT_MARKER), `${s.revision}\n`, { mode: 0o644 });
    const add = await runArgv("tar", ["-r", "-f", archive, "-C", extra, base], { timeoutMs: 120_000 });
    if (!ok(add))
      throw new AutolabError(`adding the job scripts to the snapshot failed: ${describeFailure(add)}`, { file: tmp });
    const x = await runAsJobUser(s.user, "tar", ["-x", "--no-same-owner", "-f", "-", "-C", parent], {
      inputFile: archive,
      timeoutMs: 600_000,
    });
    const refused = sudoRefusal(x);
    if (refused) throw jobUserError(s.user, "tar (to make the run's snapshot)", refused, programs);
    if (!ok(x)) {
      await removeJobUserSnapshot(s.dir, s.user);
      throw new AutolabError(
        `the job user ${s.user} could not unpack the run's snapshot into ${parent}: ${describeFailure(x)}`,
        {
          file: parent,
          hint: `the work root must be writable by ${s.user} (e.g. install -d -o ${s.user} -m 0755 ${parent})`,
        },
      );
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  s.log(`snapshot of ${s.revision.slice(0, 12)} for the job user ${s.user} (no .git): ${s.dir}`);
  return true;
}

/** The snapshot of the checkout's HEAD (launch and sweeps): whether it was made now, and the commit. */
export async function jobUserSnapshotOfHead(
  s: Omit<JobUserSnapshot, "revision">,
): Promise<{ created: boolean; revision: string }> {
  const revision = await headSha(s.repoRoot);
  if (!revision)
    throw new AutolabError("the checkout has no commit yet: there is nothing to snapshot for the job user", {
      file: s.repoRoot,
      hint: "commit the iteration first",
    });
  return { created: await makeJobUserSnapshot({ ...s, revision }), revision };
}

/** Remove a job-user snapshot no job uses (as the job user, who owns it; best effort). */
export async function removeJobUserSnapshot(dir: string, user: string): Promise<void> {
  await runAsJobUser(user, "rm", ["-rf", "--one-file-system", "--", dir], { timeoutMs: 300_000 });
}
