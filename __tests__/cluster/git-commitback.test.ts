/**
 * Commit-back against real git: real clones, real bare remotes in a temp dir,
 * real concurrent pushes (promises over separate clones, and child
 * processes). The token test talks to a real local HTTP server that records
 * the headers git sends.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_IDENTITY, commitBack, type CommitBackOptions } from "../../src/git/commitback.js";
import {
  currentBranch,
  git,
  hasRemote,
  headSha,
  isGitRepo,
  redact,
  remoteUrlRedacted,
  statusPorcelain,
  topLevel,
} from "../../src/git/git.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

const LEDGER = "docs/slurm_job_list.md";
const HEADER = "# SLURM job list\n\n| run_id | status |\n|---|---|\n";
const PROJECT = path.resolve(__dirname, "../..");

let tmp: string;
let counter = 0;

/** Run git for test setup/inspection; throws with stderr on failure. */
async function g(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", args, {
    cwd,
    env: { LC_ALL: "C", GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
  });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/** A bare remote whose `main` holds a README and an empty ledger. */
async function makeRemote(): Promise<{ dir: string; remote: string }> {
  const dir = path.join(tmp, `case${++counter}`);
  const remote = path.join(dir, "remote.git");
  await g(tmp, "init", "-q", "--bare", "-b", "main", remote);
  const seed = path.join(dir, "seed");
  await g(dir, "init", "-q", "-b", "main", seed);
  await writeFileAtomic(path.join(seed, "README.md"), "readme\n");
  await writeFileAtomic(path.join(seed, LEDGER), HEADER);
  await g(seed, "add", "-A");
  await g(
    seed,
    "-c",
    "user.name=Seed",
    "-c",
    "user.email=seed@example.org",
    "-c",
    "commit.gpgsign=false",
    "commit",
    "-q",
    "-m",
    "init",
  );
  await g(seed, "push", "-q", remote, "main:refs/heads/main");
  return { dir, remote };
}

async function clone(remote: string, dir: string, name: string): Promise<string> {
  const c = path.join(dir, name);
  await g(dir, "clone", "-q", remote, c);
  return c;
}

/** Upsert `| id | status |` into the ledger text (replace in place, else append). */
function upsert(text: string, id: string, status: string): string {
  const line = `| ${id} | ${status} |`;
  const lines = text.replace(/\n$/, "").split("\n");
  const i = lines.findIndex((l) => l.startsWith(`| ${id} |`));
  if (i >= 0) lines[i] = line;
  else lines.push(line);
  return lines.join("\n") + "\n";
}

/** What a stage's apply() does: re-read the ledger, upsert its own line, write its own manifest. */
function writer(repo: string, id: string, status = "submitted", calls?: { n: number }) {
  return async (): Promise<string[]> => {
    if (calls) calls.n++;
    const ledger = path.join(repo, LEDGER);
    await writeFileAtomic(ledger, upsert(await readFile(ledger, "utf8"), id, status));
    const manifest = `experiments/e1/runs/${id}/run_manifest.json`;
    await writeFileAtomic(path.join(repo, manifest), JSON.stringify({ run_id: id, status }) + "\n");
    return [LEDGER, manifest];
  };
}

async function remoteFile(remote: string, branch: string, file: string): Promise<string> {
  return g(remote, "show", `${branch}:${file}`);
}

async function remoteFiles(remote: string, branch: string): Promise<string[]> {
  return (await g(remote, "ls-tree", "-r", "--name-only", branch)).split("\n").filter(Boolean);
}

function ledgerLines(text: string): string[] {
  return text.split("\n").filter((l) => /^\| \S+ \| \S+ \|$/.test(l) && !l.startsWith("| run_id"));
}

function base(repo: string, extra: Partial<CommitBackOptions> = {}): Omit<CommitBackOptions, "apply"> {
  return { repoRoot: repo, message: "autolab: launch", baseDelayMs: 10, ...extra };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-git-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("git adapter", () => {
  it("answers the basic questions about a checkout", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    expect(await isGitRepo(a)).toBe(true);
    expect(await isGitRepo(dir)).toBe(false);
    expect(await topLevel(path.join(a, "docs"))).toBe(a);
    await expect(topLevel(dir)).rejects.toBeInstanceOf(AutolabError);
    expect(await currentBranch(a)).toBe("main");
    expect(await headSha(a)).toBe((await g(remote, "rev-parse", "main")).trim());
    expect(await hasRemote(a)).toBe(true);
    expect(await hasRemote(a, "upstream")).toBe(false);
    await writeFile(path.join(a, "README.md"), "changed\n");
    await writeFile(path.join(a, "new file*.txt"), "x\n");
    const st = await statusPorcelain(a);
    expect(st).toEqual(
      expect.arrayContaining([
        { xy: " M", path: "README.md" },
        { xy: "??", path: "new file*.txt" },
      ]),
    );
    // Paths are literal: a glob-looking name matches only itself.
    expect(await statusPorcelain(a, ["new file*.txt"])).toEqual([{ xy: "??", path: "new file*.txt" }]);
    expect(await statusPorcelain(a, ["*.md"])).toEqual([]);
    await g(a, "checkout", "-q", "--detach");
    expect(await currentBranch(a)).toBeUndefined();
  });

  it("throws an AutolabError with git's stderr, and redacts secrets and URL credentials", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const err = await git(a, ["rev-parse", "--verify", "no-such-ref"], { what: "resolving" }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(
      /^resolving: git rev-parse --verify no-such-ref failed: git: exit 128: fatal: Needed a single revision/,
    );
    const token = "ghp_abcdefghijklmnop";
    const b64 = Buffer.from(`x-access-token:${token}`).toString("base64");
    const text = `url https://x-access-token:${token}@github.com/o/r.git and header AUTHORIZATION: basic ${b64} and raw ${token}`;
    const out = redact(text, [token]);
    expect(out).not.toContain(token);
    expect(out).not.toContain(b64);
    expect(out).toBe("url https://***@github.com/o/r.git and header AUTHORIZATION: basic *** and raw ***");
    // A secret echoed by git (here: in the argument of a failing command) never reaches the message.
    const err2 = await git(a, ["rev-parse", "--verify", token], { secrets: [token] }).catch((e) => e);
    expect((err2 as Error).message).not.toContain(token);
  });
});

describe("commitBack: single writer", () => {
  it("commits exactly the touched paths with the bot identity and [skip ci], pushes, and leaves the user's work alone", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    // The user's own work in progress: a modified tracked file, a staged new file, an untracked file.
    await writeFile(path.join(a, "README.md"), "my unsaved edit\n");
    await writeFile(path.join(a, "staged.txt"), "staged by me\n");
    await g(a, "add", "staged.txt");
    await writeFile(path.join(a, "notes.txt"), "scratch\n");

    const r = await commitBack({ ...base(a, { skipCi: true }), apply: writer(a, "run1") });
    expect(r).toMatchObject({ committed: true, pushed: true, attempts: 1, branch: "main" });
    expect(r.paths).toEqual(["docs/slurm_job_list.md", "experiments/e1/runs/run1/run_manifest.json"]);

    const head = (await g(remote, "rev-parse", "main")).trim();
    expect(r.sha).toBe(head);
    const meta = (await g(remote, "log", "-1", "--format=%an|%ae|%cn|%ce|%s", "main")).trim();
    expect(meta).toBe(
      `${BOT_IDENTITY.name}|${BOT_IDENTITY.email}|${BOT_IDENTITY.name}|${BOT_IDENTITY.email}|autolab: launch [skip ci]`,
    );
    const changed = (await g(remote, "diff-tree", "--no-commit-id", "-r", "--name-only", "main"))
      .split("\n")
      .filter(Boolean);
    expect(changed.sort()).toEqual(r.paths);
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual(["| run1 | submitted |"]);

    // Local branch advanced; the user's changes are exactly as they were, the touched paths are clean.
    expect(await headSha(a)).toBe(head);
    expect(await readFile(path.join(a, "README.md"), "utf8")).toBe("my unsaved edit\n");
    expect(await readFile(path.join(a, "notes.txt"), "utf8")).toBe("scratch\n");
    const st = await statusPorcelain(a);
    expect(st).toEqual(
      expect.arrayContaining([
        { xy: " M", path: "README.md" },
        { xy: "A ", path: "staged.txt" },
        { xy: "??", path: "notes.txt" },
      ]),
    );
    expect(st).toHaveLength(3);
  });

  it("makes no commit when nothing changed", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const first = await commitBack({ ...base(a), apply: writer(a, "run1") });
    expect(first.committed).toBe(true);
    const before = (await g(remote, "rev-parse", "main")).trim();
    const again = await commitBack({ ...base(a), apply: writer(a, "run1") });
    expect(again).toMatchObject({ committed: false, pushed: false, attempts: 0 });
    expect(again.sha).toBeUndefined();
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(before);
    expect(await headSha(a)).toBe(before);
  });

  it("records deletions of touched paths, and only those", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    await commitBack({ ...base(a), apply: writer(a, "run1") });
    await unlink(path.join(a, "README.md")); // the user's deletion: not ours to commit
    const r = await commitBack({
      ...base(a),
      message: "autolab: remove run1 manifest",
      apply: async () => {
        await unlink(path.join(a, "experiments/e1/runs/run1/run_manifest.json"));
        return ["experiments/e1/runs/run1/run_manifest.json", "experiments/e1/runs/never-existed.json"];
      },
    });
    expect(r.committed).toBe(true);
    const files = await remoteFiles(remote, "main");
    expect(files).not.toContain("experiments/e1/runs/run1/run_manifest.json");
    expect(files).toContain("README.md");
    expect(await statusPorcelain(a)).toEqual([{ xy: " D", path: "README.md" }]);
  });

  it("commits without pushing when the checkout has no remote, and refuses push: true there", async () => {
    const dir = path.join(tmp, `case${++counter}`);
    const repo = path.join(dir, "local");
    await g(tmp, "init", "-q", "-b", "main", repo);
    await writeFileAtomic(path.join(repo, LEDGER), HEADER);
    const r = await commitBack({ ...base(repo), apply: writer(repo, "run1") }); // unborn branch: a root commit
    expect(r).toMatchObject({ committed: true, pushed: false, attempts: 0, branch: "main" });
    expect(await headSha(repo)).toBe(r.sha);
    expect(ledgerLines(await g(repo, "show", `HEAD:${LEDGER}`))).toEqual(["| run1 | submitted |"]);
    const r2 = await commitBack({ ...base(repo), apply: writer(repo, "run1", "running") });
    expect((await g(repo, "rev-parse", "HEAD~1")).trim()).toBe(r.sha);
    expect(ledgerLines(await g(repo, "show", `HEAD:${LEDGER}`))).toEqual(["| run1 | running |"]);
    expect(r2.sha).toBe(await headSha(repo));

    const err = await commitBack({ ...base(repo, { push: true }), apply: writer(repo, "run2") }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/no git remote "origin"/);
  });

  it("--no-push commits locally even with a remote", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const before = (await g(remote, "rev-parse", "main")).trim();
    const r = await commitBack({ ...base(a, { push: false }), apply: writer(a, "run1") });
    expect(r).toMatchObject({ committed: true, pushed: false });
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(before);
    expect(await headSha(a)).toBe(r.sha);
  });

  it("refuses a detached HEAD without a branch", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    await g(a, "checkout", "-q", "--detach");
    const err = await commitBack({ ...base(a), apply: writer(a, "run1") }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/detached/);
  });
});

describe("commitBack: another branch", () => {
  it("creates the branch on the remote, then bases later commits on its head, never touching HEAD", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const b = await clone(remote, dir, "b");
    const mainHead = (await g(remote, "rev-parse", "main")).trim();

    const ra = await commitBack({ ...base(a, { branch: "autolab/runs" }), apply: writer(a, "runA") });
    expect(ra).toMatchObject({ committed: true, pushed: true, branch: "autolab/runs" });
    expect((await g(remote, "rev-parse", "autolab/runs")).trim()).toBe(ra.sha);
    expect((await g(remote, "rev-parse", "autolab/runs~1")).trim()).toBe(mainHead);
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(mainHead);
    expect(await headSha(a)).toBe(mainHead);
    expect(await currentBranch(a)).toBe("main");
    expect((await g(a, "rev-parse", "refs/heads/autolab/runs")).trim()).toBe(ra.sha);

    // b's work tree (on main) has only the empty ledger; its commit must build on autolab/runs' ledger.
    const calls = { n: 0 };
    const rb = await commitBack({
      ...base(b, { branch: "autolab/runs" }),
      apply: writer(b, "runB", "submitted", calls),
    });
    expect(rb.pushed).toBe(true);
    expect((await g(remote, "rev-parse", "autolab/runs~1")).trim()).toBe(ra.sha);
    expect(ledgerLines(await remoteFile(remote, "autolab/runs", LEDGER))).toEqual([
      "| runA | submitted |",
      "| runB | submitted |",
    ]);
    expect(calls.n).toBe(2); // once to learn the paths, once on the target branch's ledger
    expect(await headSha(b)).toBe(mainHead);
  });
});

describe("commitBack: the branch moved", () => {
  it("re-applies on the new head after a rejected push: no merge, nothing lost, user's work kept", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const b = await clone(remote, dir, "b");
    await writeFile(path.join(b, "README.md"), "b's unsaved edit\n");
    await writeFile(path.join(b, "scratch.txt"), "b's notes\n");

    await commitBack({ ...base(a), apply: writer(a, "runA") });
    const calls = { n: 0 };
    const rb = await commitBack({ ...base(b), apply: writer(b, "runB", "submitted", calls) });
    expect(rb).toMatchObject({ committed: true, pushed: true, attempts: 2 });
    expect(calls.n).toBe(2);

    const head = (await g(remote, "rev-parse", "main")).trim();
    expect(rb.sha).toBe(head);
    expect((await g(remote, "rev-list", "--merges", "main")).trim()).toBe("");
    expect((await g(remote, "rev-list", "--count", "main")).trim()).toBe("3");
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual([
      "| runA | submitted |",
      "| runB | submitted |",
    ]);
    const files = await remoteFiles(remote, "main");
    expect(files).toContain("experiments/e1/runs/runA/run_manifest.json");
    expect(files).toContain("experiments/e1/runs/runB/run_manifest.json");

    // b's checkout followed: it has a's file, its branch is the remote head, its own edits are intact.
    expect(await headSha(b)).toBe(head);
    expect(existsSync(path.join(b, "experiments/e1/runs/runA/run_manifest.json"))).toBe(true);
    expect(await readFile(path.join(b, "README.md"), "utf8")).toBe("b's unsaved edit\n");
    expect(await readFile(path.join(b, "scratch.txt"), "utf8")).toBe("b's notes\n");
    const st = await statusPorcelain(b);
    expect(st).toEqual(
      expect.arrayContaining([
        { xy: " M", path: "README.md" },
        { xy: "??", path: "scratch.txt" },
      ]),
    );
    expect(st).toHaveLength(2);
  });

  it("refuses to overwrite a local change to a file the other writer changed; the local commit keeps the change", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const b = await clone(remote, dir, "b");
    // Someone pushes a README change; b has an uncommitted README edit.
    await writeFile(path.join(a, "README.md"), "upstream readme\n");
    await g(
      a,
      "-c",
      "user.name=U",
      "-c",
      "user.email=u@example.org",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-qam",
      "readme",
    );
    await g(a, "push", "-q", "origin", "main");
    await writeFile(path.join(b, "README.md"), "b's precious edit\n");

    const err = await commitBack({ ...base(b), apply: writer(b, "runB") }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/README\.md/);
    expect((err as Error).message).toMatch(/still holds the change/);
    expect(await readFile(path.join(b, "README.md"), "utf8")).toBe("b's precious edit\n");
    expect(ledgerLines(await g(b, "show", `HEAD:${LEDGER}`))).toEqual(["| runB | submitted |"]);
    expect((await g(b, "log", "-1", "--format=%an", "HEAD")).trim()).toBe(BOT_IDENTITY.name);
  });

  it("refuses to rebase the user's own unpushed commits", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const b = await clone(remote, dir, "b");
    await commitBack({ ...base(a), apply: writer(a, "runA") });
    await writeFile(path.join(b, "code.py"), "print(1)\n");
    await g(b, "add", "code.py");
    await g(
      b,
      "-c",
      "user.name=U",
      "-c",
      "user.email=u@example.org",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-qm",
      "my work",
    );
    const mine = await headSha(b);
    const err = await commitBack({ ...base(b), apply: writer(b, "runB") }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/local commits that are not on origin\/main/);
    expect((await g(b, "rev-parse", "HEAD~1")).trim()).toBe(mine);
  });

  it("gives up after maxAttempts with an error that says the local commit holds the change", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    // A pre-receive hook on the remote that rejects everything as if another writer always won the race
    // (the only way to make a real remote refuse every push deterministically).
    const hook = path.join(remote, "hooks", "pre-receive");
    await writeFile(hook, "#!/bin/sh\necho 'cannot lock ref: simulated contention' >&2\nexit 1\n", { mode: 0o755 });
    const err = await commitBack({ ...base(a, { maxAttempts: 3, baseDelayMs: 1 }), apply: writer(a, "runA") }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/after 3 attempts/);
    expect((err as Error).message).toMatch(/still holds the change/);
    expect(ledgerLines(await g(a, "show", `HEAD:${LEDGER}`))).toEqual(["| runA | submitted |"]);
  });
});

/** A real pre-receive hook on the bare remote that refuses every push, as a protected branch does. */
async function refuseAll(remote: string): Promise<() => Promise<void>> {
  const hook = path.join(remote, "hooks", "pre-receive");
  await writeFile(hook, "#!/bin/sh\necho 'GH006: Protected branch update failed for refs/heads/main.' >&2\nexit 1\n", {
    mode: 0o755,
  });
  return () => unlink(hook);
}

describe("commitBack: a refused push is pushed by the next call (issue 10, item 7)", () => {
  it("refused (reported, still ahead 1), refused again with nothing new (still ahead 1), then pushed by a call with nothing new", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const before = (await g(remote, "rev-parse", "main")).trim();
    const allow = await refuseAll(remote);
    const first = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(first).toMatchObject({ committed: true, pushed: false, attempts: 1 });
    expect(first.unpushed).toMatchObject({ remote: "origin", branch: "main", sha: first.sha, ahead: 1 });
    expect(first.unpushed?.reason).toMatch(/pre-receive hook declined/);
    expect(first.unpushed?.reason).toMatch(/GH006: Protected branch update failed/);
    expect(first.unpushed?.message).toMatch(/main is 1 commit ahead of origin\/main/);
    expect(await headSha(a)).toBe(first.sha);
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(before);

    // Nothing new, remote still refusing: tried again, still ahead 1; the default mode throws and says so.
    const again = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(again).toMatchObject({ committed: false, pushed: false, attempts: 1 });
    expect(again.unpushed).toMatchObject({ sha: first.sha, ahead: 1 });
    const err = await commitBack({ ...base(a), apply: writer(a, "run1") }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/still holds the change.*main is 1 commit ahead of origin\/main/);
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(before);

    // The protection is lifted: a call with nothing new pushes the backlog.
    await allow();
    const pushed = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(pushed).toMatchObject({ committed: false, pushed: true, sha: first.sha, pushedBacklog: 1, attempts: 1 });
    expect(pushed.unpushed).toBeUndefined();
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(first.sha);
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual(["| run1 | submitted |"]);
    expect((await g(a, "status", "-sb")).split("\n")[0]).not.toMatch(/ahead/);
    // And then there is nothing left to push: no network, no push.
    const idle = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(idle).toMatchObject({ committed: false, pushed: false, attempts: 0 });
    expect(idle.sha).toBeUndefined();
  });

  it("a call that commits on top of a refused commit pushes both and counts the earlier one", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const allow = await refuseAll(remote);
    const first = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(first.unpushed?.ahead).toBe(1);
    const second = await commitBack({ ...base(a), apply: writer(a, "run2"), onUnpushed: "report" });
    expect(second).toMatchObject({ committed: true, pushed: false });
    expect(second.unpushed?.ahead).toBe(2);
    await allow();
    const third = await commitBack({ ...base(a), apply: writer(a, "run3"), onUnpushed: "report" });
    expect(third).toMatchObject({ committed: true, pushed: true, pushedBacklog: 2 });
    expect((await g(remote, "rev-list", "--count", "main")).trim()).toBe("4");
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual([
      "| run1 | submitted |",
      "| run2 | submitted |",
      "| run3 | submitted |",
    ]);
    const fourth = await commitBack({ ...base(a), apply: writer(a, "run4") });
    expect(fourth).toMatchObject({ committed: true, pushed: true, pushedBacklog: 0 });
  });

  it("another branch: the local branch keeps the refused commit and a call with nothing new pushes it", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const allow = await refuseAll(remote);
    const opts = { ...base(a, { branch: "autolab/runs" }), onUnpushed: "report" as const };
    const first = await commitBack({ ...opts, apply: writer(a, "run1") });
    expect(first).toMatchObject({ committed: true, pushed: false, branch: "autolab/runs" });
    expect(first.unpushed).toMatchObject({ branch: "autolab/runs", ahead: 1 });
    expect((await g(a, "rev-parse", "refs/heads/autolab/runs")).trim()).toBe(first.sha);
    await allow();
    const pushed = await commitBack({ ...opts, apply: writer(a, "run1") });
    expect(pushed).toMatchObject({ committed: false, pushed: true, pushedBacklog: 1, sha: first.sha });
    expect((await g(remote, "rev-parse", "autolab/runs")).trim()).toBe(first.sha);
    expect((await g(remote, "rev-parse", "main")).trim()).toBe((await g(a, "rev-parse", "origin/main")).trim());
  });

  it("a call with nothing new never pushes the user's own unpushed commits; one that commits pushes them as before", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const before = (await g(remote, "rev-parse", "main")).trim();
    await writeFile(path.join(a, "code.py"), "print(1)\n");
    await g(a, "add", "code.py");
    await g(
      a,
      "-c",
      "user.name=U",
      "-c",
      "user.email=u@example.org",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-qm",
      "wip",
    );
    const idle = await commitBack({ ...base(a), apply: async () => [], onUnpushed: "report" });
    expect(idle).toMatchObject({ committed: false, pushed: false, attempts: 0 });
    expect((await g(remote, "rev-parse", "main")).trim()).toBe(before);
    const real = await commitBack({ ...base(a), apply: writer(a, "run1"), onUnpushed: "report" });
    expect(real).toMatchObject({ committed: true, pushed: true, pushedBacklog: 1 });
  });

  it("the remote moved past a refused commit: reported as diverged, never rebased, nothing lost", async () => {
    const { dir, remote } = await makeRemote();
    const a = await clone(remote, dir, "a");
    const b = await clone(remote, dir, "b");
    const allow = await refuseAll(remote);
    const first = await commitBack({ ...base(a), apply: writer(a, "runA"), onUnpushed: "report" });
    expect(first.unpushed?.ahead).toBe(1);
    await allow();
    await commitBack({ ...base(b), apply: writer(b, "runB") });
    const again = await commitBack({ ...base(a), apply: async () => [], onUnpushed: "report" });
    expect(again).toMatchObject({ committed: false, pushed: false });
    expect(again.unpushed).toMatchObject({ sha: first.sha, ahead: 1 });
    expect(again.unpushed?.reason).toMatch(/moved on without the commits of main/);
    expect(again.unpushed?.hint).toMatch(/git pull --rebase origin main/);
    expect(await headSha(a)).toBe(first.sha);
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual(["| runB | submitted |"]);
  });
});

describe("commitBack: many writers at once", () => {
  it("8 clones pushing concurrently (promises): every file and every ledger line exactly once", async () => {
    const { dir, remote } = await makeRemote();
    const ids = Array.from({ length: 8 }, (_, i) => `run${i}`);
    const clones = await Promise.all(ids.map((id) => clone(remote, dir, id)));
    for (const c of clones) await writeFile(path.join(c, "user-notes.txt"), `notes of ${c}\n`);
    const results = await Promise.all(
      ids.map((id, i) =>
        commitBack({ ...base(clones[i], { maxAttempts: 30, baseDelayMs: 5 }), apply: writer(clones[i], id) }),
      ),
    );
    expect(results.every((r) => r.committed && r.pushed)).toBe(true);
    // All eight built on the same head, so all but one were rejected at least once and rebuilt.
    expect(results.filter((r) => r.attempts > 1).length).toBeGreaterThanOrEqual(7);
    const lines = ledgerLines(await remoteFile(remote, "main", LEDGER));
    expect([...lines].sort()).toEqual(ids.map((id) => `| ${id} | submitted |`).sort());
    const files = await remoteFiles(remote, "main");
    for (const id of ids) expect(files).toContain(`experiments/e1/runs/${id}/run_manifest.json`);
    expect((await g(remote, "rev-list", "--count", "main")).trim()).toBe("9");
    expect((await g(remote, "rev-list", "--merges", "main")).trim()).toBe("");
    for (const c of clones) expect(await readFile(path.join(c, "user-notes.txt"), "utf8")).toBe(`notes of ${c}\n`);
  });

  it("8 child processes pushing to another branch: every update present; a second round upserts in place", async () => {
    const { dir, remote } = await makeRemote();
    const ids = Array.from({ length: 8 }, (_, i) => `job${i}`);
    const clones = await Promise.all(ids.map((id) => clone(remote, dir, id)));
    const script = path.join(dir, "writer.mts");
    const src = (p: string) => pathToFileURL(path.join(PROJECT, p)).href;
    await writeFile(
      script,
      `import { readFile } from "node:fs/promises";
import path from "node:path";
import { commitBack } from ${JSON.stringify(src("src/git/commitback.ts"))};
import { writeFileAtomic } from ${JSON.stringify(src("src/util/fs.ts"))};
const [repo, id, status] = process.argv.slice(2);
${upsert.toString()}
const apply = async () => {
  const ledger = path.join(repo, ${JSON.stringify(LEDGER)});
  await writeFileAtomic(ledger, upsert(await readFile(ledger, "utf8"), id, status));
  const manifest = "experiments/e1/runs/" + id + "/run_manifest.json";
  await writeFileAtomic(path.join(repo, manifest), JSON.stringify({ run_id: id, status }) + "\\n");
  return [${JSON.stringify(LEDGER)}, manifest];
};
const r = await commitBack({ repoRoot: repo, apply, message: "autolab: " + id, branch: "autolab/runs", maxAttempts: 30, baseDelayMs: 5, skipCi: true });
process.stdout.write(JSON.stringify(r));
`,
    );
    const round = async (status: string, how: "processes" | "promises") => {
      if (how === "processes") {
        const outs = await Promise.all(
          clones.map((c, i) =>
            runArgv(process.execPath, ["--import", "tsx", script, c, ids[i], status], {
              cwd: PROJECT,
              timeoutMs: 240_000,
            }),
          ),
        );
        for (const o of outs) {
          expect(o.stderr).toBe("");
          expect(o.code).toBe(0);
          expect(JSON.parse(o.stdout)).toMatchObject({ committed: true, pushed: true, branch: "autolab/runs" });
        }
      } else {
        const results = await Promise.all(
          clones.map((c, i) =>
            commitBack({
              ...base(c, { branch: "autolab/runs", maxAttempts: 30, baseDelayMs: 5 }),
              apply: writer(c, ids[i], status),
            }),
          ),
        );
        for (const r of results) expect(r).toMatchObject({ committed: true, pushed: true, branch: "autolab/runs" });
      }
      const lines = ledgerLines(await remoteFile(remote, "autolab/runs", LEDGER));
      expect([...lines].sort()).toEqual(ids.map((id) => `| ${id} | ${status} |`).sort());
      const files = await remoteFiles(remote, "autolab/runs");
      for (const id of ids) {
        expect(files).toContain(`experiments/e1/runs/${id}/run_manifest.json`);
        expect(
          JSON.parse(await remoteFile(remote, "autolab/runs", `experiments/e1/runs/${id}/run_manifest.json`)),
        ).toEqual({
          run_id: id,
          status,
        });
      }
    };
    await round("submitted", "processes");
    await round("running", "promises"); // each writer's line is replaced in place, none duplicated
    expect((await g(remote, "rev-list", "--count", "autolab/runs")).trim()).toBe("17");
    expect((await g(remote, "rev-list", "--merges", "autolab/runs")).trim()).toBe("");
    expect(ledgerLines(await remoteFile(remote, "main", LEDGER))).toEqual([]);
    // Eight tsx processes at once on two cores, beside another test file: minutes, not seconds.
  }, 300_000);
});

describe("commitBack: credentials", () => {
  it("sends the token as a header only, never writes or prints it", async () => {
    const token = "ghs_TopSecretToken1234567890";
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.statusCode = 403;
      res.end(`denied for ${token}\n`);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const { dir, remote } = await makeRemote();
      const a = await clone(remote, dir, "a");
      await g(a, "remote", "set-url", "origin", `http://someone:UrlPassword99@127.0.0.1:${port}/org/repo.git`);
      expect(await remoteUrlRedacted(a)).toBe(`http://***@127.0.0.1:${port}/org/repo.git`);

      const err = await commitBack({ ...base(a, { token, maxAttempts: 2 }), apply: writer(a, "runA") }).catch((e) => e);
      expect(err).toBeInstanceOf(AutolabError);
      const text = `${(err as AutolabError).message} ${(err as AutolabError).hint ?? ""}`;
      const b64 = Buffer.from(`x-access-token:${token}`).toString("base64");
      expect(text).toMatch(/still holds the change/);
      expect(text).not.toContain(token);
      expect(text).not.toContain(b64);
      expect(text).not.toContain("UrlPassword99");
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.some((h) => h.authorization === `basic ${b64}`)).toBe(true);
      const config = await readFile(path.join(a, ".git", "config"), "utf8");
      expect(config).not.toContain(token);
      expect(config).not.toContain(b64);
      expect(config).not.toMatch(/extraheader/i);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
