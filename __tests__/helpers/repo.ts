/**
 * Test helper: build sample research repositories (scaffolded by
 * `initRepository`, committed in git), run the real `autolab` CLI as a child
 * process inside them, and take a fingerprint of a work tree (git status +
 * a hash over every file outside .git) to prove a command changed nothing.
 *
 * Only setup and inspection use git directly here; the code under test runs
 * through the CLI or the stage functions.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { initRepository } from "../../src/commands/init.js";
import { runArgv, type ExecResult } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

/** Absolute path of the CLI entry point (src/cli/index.ts), run through tsx. */
export const CLI_ENTRY = fileURLToPath(new URL("../../src/cli/index.ts", import.meta.url));

/**
 * tsx's loader as an absolute file URL: `--import tsx` would be resolved from
 * the child's cwd (the test repo in /tmp), where there is no node_modules.
 */
export const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

/** A fixed identity and no user/system git config, so tests do not depend on the machine. */
export const GIT_ENV: Record<string, string | undefined> = {
  LC_ALL: "C",
  GIT_DIR: undefined,
  GIT_WORK_TREE: undefined,
  GIT_INDEX_FILE: undefined,
  GIT_AUTHOR_NAME: "Researcher",
  GIT_AUTHOR_EMAIL: "r@example.org",
  GIT_COMMITTER_NAME: "Researcher",
  GIT_COMMITTER_EMAIL: "r@example.org",
  GIT_CONFIG_NOSYSTEM: "1",
};

/** git for setup and inspection; throws with stderr on failure. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", ["-c", "safe.directory=*", ...args], { cwd, env: GIT_ENV, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr || r.spawnError}`);
  return r.stdout;
}

export interface SampleRepo {
  /** Absolute path of the work tree. */
  root: string;
  /** Bare remote (`origin`, branch main), when asked for. */
  remote?: string;
}

export interface MakeRepoOptions {
  /** Parent directory (default: a fresh temp dir). */
  parent?: string;
  /** Extra or replacing files: repo-relative path -> content. */
  files?: Record<string, string | Buffer>;
  /** Scaffold with `initRepository` first (default true). */
  scaffold?: boolean;
  /** Also create a bare remote `origin` and push main to it. */
  remote?: boolean;
  /** Called with the root after the files are written and before the commit (symlinks, odd entries). */
  beforeCommit?: (root: string) => void | Promise<void>;
  /** Commit everything (default true). */
  commit?: boolean;
}

let counter = 0;

/**
 * A research repository: `autolab init` scaffold (policy with the slurm preset,
 * experiments/plan/example_iteration/design.yaml, the ledger, workflows), plus
 * `files`, committed on branch main.
 */
export async function makeRepo(opts: MakeRepoOptions = {}): Promise<SampleRepo> {
  const parent = opts.parent ?? mkdtempSync(path.join(tmpdir(), "autolab-repo-"));
  const root = path.join(parent, `repo${++counter}`);
  if (opts.scaffold !== false) await initRepository({ root });
  await git(parent, "init", "-q", "-b", "main", root);
  for (const [rel, content] of Object.entries(opts.files ?? {})) await writeFileAtomic(path.join(root, rel), content);
  if (opts.beforeCommit) await opts.beforeCommit(root);
  if (opts.commit !== false) {
    await git(root, "add", "-A");
    await git(root, "commit", "-q", "--allow-empty", "-m", "research repo");
  }
  let remote: string | undefined;
  if (opts.remote) {
    remote = path.join(parent, `remote${counter}.git`);
    await git(parent, "init", "-q", "--bare", "-b", "main", remote);
    await git(root, "remote", "add", "origin", remote);
    await git(root, "push", "-q", "-u", "origin", "main");
  }
  return { root, remote };
}

/** Clone `remote` into `dir` (main checked out). */
export async function cloneRepo(remote: string, dir: string): Promise<string> {
  await git(path.dirname(dir), "clone", "-q", remote, dir);
  return dir;
}

export interface TreeFingerprint {
  /** `git status --porcelain --untracked-files=all --ignored`. */
  status: string;
  /** sha256 over sorted (path, type, content or link target) of every entry outside .git. */
  hash: string;
  /** The entries hashed (repo-relative), for a readable diff when the hash differs. */
  files: string[];
  /** `git rev-parse HEAD` (a command that commits leaves the tree clean but moves HEAD). */
  head: string;
}

function walk(root: string, rel: string, out: Array<[string, Buffer | string, string]>): void {
  const dir = path.join(root, rel);
  for (const name of readdirSync(dir).sort()) {
    if (rel === "" && name === ".git") continue;
    const r = rel ? `${rel}/${name}` : name;
    const st = lstatSync(path.join(root, r));
    if (st.isSymbolicLink()) out.push([r, readlinkSync(path.join(root, r)), "link"]);
    else if (st.isDirectory()) {
      out.push([r, "", "dir"]);
      walk(root, r, out);
    } else out.push([r, readFileSync(path.join(root, r)), "file"]);
  }
}

/** Fingerprint of the work tree: what `git status` says plus a hash of every file's bytes. */
export async function fingerprint(root: string): Promise<TreeFingerprint> {
  const status = await git(root, "status", "--porcelain", "--untracked-files=all", "--ignored");
  const entries: Array<[string, Buffer | string, string]> = [];
  walk(root, "", entries);
  const h = createHash("sha256");
  for (const [p, c, kind] of entries) {
    h.update(`${kind}\0${p}\0`);
    h.update(c);
    h.update("\0");
  }
  const head = (await git(root, "rev-parse", "HEAD")).trim();
  return { status, hash: h.digest("hex"), files: entries.map(([p, , kind]) => `${kind}:${p}`), head };
}

export interface CliResult extends ExecResult {
  /** stdout + stderr. */
  all: string;
}

/** The bundled CLI (`npm run bundle`). */
export const CLI_DIST = fileURLToPath(new URL("../../dist/cli/index.js", import.meta.url));

/**
 * How tests start the CLI as a child process (after `process.execPath`). From the sources by default
 * (`--import tsx src/cli/index.ts`), so a local run tests the code as it is. With
 * `AUTOLAB_TEST_CLI=dist`, which `.ci/run` sets only after it has checked that `dist/` is exactly a
 * fresh build of the sources, the bundled `dist/cli/index.js`: the same code, and the program users
 * run, without tsx's second of transpiling in every one of the suite's hundreds of CLI processes.
 */
export const CLI_ARGV: readonly string[] =
  process.env.AUTOLAB_TEST_CLI === "dist" ? [CLI_DIST] : ["--import", TSX_LOADER, CLI_ENTRY];

/** `node <CLI_ARGV> <args>` with cwd = `cwd` (always the test repo). */
export async function runCli(
  cwd: string,
  args: string[],
  opts: { env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const r = await runArgv(process.execPath, [...CLI_ARGV, ...args], {
    cwd,
    env: { ...GIT_ENV, NO_COLOR: "1", GITHUB_ACTIONS: undefined, ...opts.env },
    timeoutMs: opts.timeoutMs ?? 120_000,
  });
  return { ...r, all: `${r.stdout}\n${r.stderr}` };
}

/** Run `fn` over `items` with at most `limit` running at once; results in input order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
