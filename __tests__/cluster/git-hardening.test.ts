/**
 * Issue 11 item 1: the repository's .git (hooks, config) is treated as written
 * by the job. Real git, real bare remotes and real local HTTP servers: a hook,
 * an fsmonitor, a filter driver or a URL rewrite planted in the checkout never
 * runs or redirects the tool's git commands, and the token goes only to the
 * URL the tool resolved itself.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitBack } from "../../src/git/commitback.js";
import { followBranch } from "../../src/git/follow.js";
import { git as toolGit } from "../../src/git/git.js";
import { resolveRemote } from "../../src/git/remote.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

const TOKEN = "ghs_HardeningSecret0123456789";
let tmp: string;
let counter = 0;

async function g(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", args, {
    cwd,
    env: { LC_ALL: "C", GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
  });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

async function bare(dir: string, name: string): Promise<string> {
  const remote = path.join(dir, name);
  await g(dir, "init", "-q", "--bare", "-b", "main", remote);
  return remote;
}

/** A case dir with a legit bare remote holding one commit, and a clone of it. */
async function setup(): Promise<{ dir: string; remote: string; clone: string; marker: string }> {
  const dir = path.join(tmp, `case${++counter}`);
  mkdirSync(dir, { recursive: true });
  const remote = await bare(dir, "remote.git");
  const seed = path.join(dir, "seed");
  await g(dir, "init", "-q", "-b", "main", seed);
  writeFileSync(path.join(seed, "README.md"), "readme\n");
  await g(seed, "add", "-A");
  await g(seed, "-c", "user.name=S", "-c", "user.email=s@example.org", "commit", "-q", "-m", "init");
  await g(seed, "push", "-q", remote, "main:refs/heads/main");
  const clone = path.join(dir, "clone");
  await g(dir, "clone", "-q", remote, clone);
  return { dir, remote, clone, marker: path.join(dir, "stolen") };
}

/** A script that records that it ran, with its environment (what a thief would send home). */
function thief(file: string, marker: string): string {
  writeFileSync(file, `#!/bin/sh\n{ echo "ran: $0 $*"; ps -o args= $PPID; env; } >> '${marker}'\ncat\n`);
  chmodSync(file, 0o755);
  return file;
}

function apply(repo: string, id: string) {
  return async (): Promise<string[]> => {
    const p = `runs/${id}/run_manifest.json`;
    await writeFileAtomic(path.join(repo, p), JSON.stringify({ run_id: id }) + "\n");
    return [p];
  };
}

function listen(handler: (h: IncomingHttpHeaders) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler(req.headers);
    res.statusCode = 403;
    res.end("denied\n");
  });
  return new Promise((r) =>
    server.listen(0, "127.0.0.1", () =>
      r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-harden-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("git hardening: the checkout's hooks and config never run code", () => {
  it("planted hooks (in .git/hooks and via core.hooksPath), an fsmonitor and a filter driver never run during commit-back", async () => {
    const { dir, remote, clone, marker } = await setup();
    const hooks = path.join(clone, ".git", "hooks");
    for (const h of [
      "reference-transaction",
      "pre-push",
      "pre-commit",
      "post-commit",
      "post-checkout",
      "post-index-change",
    ])
      thief(path.join(hooks, h), marker);
    const jobHooks = path.join(dir, "job-hooks");
    mkdirSync(jobHooks);
    thief(path.join(jobHooks, "reference-transaction"), marker);
    thief(path.join(jobHooks, "pre-push"), marker);
    // Sanity: the planted hook does run for plain git (so the test can fail).
    await g(clone, "update-ref", "refs/heads/probe", "HEAD");
    expect(existsSync(marker)).toBe(true);
    await rm(marker);
    await g(clone, "update-ref", "-d", "refs/heads/probe");
    await rm(marker, { force: true });

    await g(clone, "config", "core.hooksPath", jobHooks);
    await g(clone, "config", "core.fsmonitor", thief(path.join(dir, "fsmonitor"), marker));
    await g(clone, "config", "filter.evil.clean", thief(path.join(dir, "clean"), marker));
    await g(clone, "config", "filter.evil.smudge", thief(path.join(dir, "smudge"), marker));
    await g(clone, "config", "filter.evil.required", "true");
    writeFileSync(path.join(clone, ".gitattributes"), "* filter=evil\n");

    const r = await commitBack({
      repoRoot: clone,
      apply: apply(clone, "r1"),
      message: "autolab: r1",
      token: TOKEN,
      baseDelayMs: 0,
    });
    expect(r.pushed).toBe(true);
    expect(existsSync(marker) ? readFileSync(marker, "utf8") : "").toBe("");
    expect(await g(remote, "show", "main:runs/r1/run_manifest.json")).toBe('{"run_id":"r1"}\n');
  });

  it("the watcher's rebase runs neither a gpg.program (commit.gpgSign) nor a merge driver the checkout's config names", async () => {
    const { dir, remote, clone, marker } = await setup();
    const id = ["-c", "user.name=J", "-c", "user.email=j@example.org"];
    // A file both sides change (so a merge driver is asked), with the attribute committed upstream.
    const other = path.join(dir, "other");
    await g(dir, "clone", "-q", remote, other);
    writeFileSync(path.join(other, ".gitattributes"), "data.txt merge=evil\n");
    writeFileSync(path.join(other, "data.txt"), "1\n2\n3\n4\n5\n");
    await g(other, "add", "-A");
    await g(other, ...id, "commit", "-q", "-m", "data");
    await g(other, "push", "-q", "origin", "main");
    await g(clone, "pull", "-q", "--ff-only");

    // What a job can write into the checkout's .git/config.
    await g(clone, "config", "commit.gpgSign", "true");
    await g(clone, "config", "gpg.program", thief(path.join(dir, "gpg"), marker));
    await g(clone, "config", "merge.evil.driver", `${thief(path.join(dir, "merge"), marker)} %O %A %B`);
    // Sanity: plain git does run the planted gpg.program (so the test can fail).
    await runArgv("git", [...id, "commit", "-q", "--allow-empty", "-m", "probe"], { cwd: clone });
    expect(existsSync(marker)).toBe(true);
    await rm(marker);
    await g(clone, "reset", "-q", "--hard", "origin/main");

    // Diverge: a tick's unpushed commit here, another writer's commit there, both in data.txt.
    writeFileSync(path.join(clone, "data.txt"), "1 ours\n2\n3\n4\n5\n");
    await g(clone, ...id, "-c", "commit.gpgSign=false", "commit", "-q", "-am", "ours");
    writeFileSync(path.join(other, "data.txt"), "1\n2\n3\n4\n5 theirs\n");
    await g(other, ...id, "commit", "-q", "-am", "theirs");
    await g(other, "push", "-q", "origin", "main");
    const before = (await g(clone, "rev-parse", "HEAD")).trim();

    const f = await followBranch(clone, { identity: { name: "autolab", email: "a@example.org" } });
    expect(existsSync(marker) ? readFileSync(marker, "utf8") : "").toBe("");
    // The neutralized driver makes data.txt a conflict: the rebase is refused and undone.
    expect(f.outcome).toBe("diverged, rebase refused");
    expect((await g(clone, "rev-parse", "HEAD")).trim()).toBe(before);
    expect((await g(clone, "status", "--porcelain")).trim()).toBe("");

    // Without a merge driver the same rebase goes through, and the replayed commit is not signed.
    await g(clone, "config", "--unset", "merge.evil.driver");
    writeFileSync(path.join(other, "other.txt"), "x\n");
    await g(other, "add", "-A");
    await g(other, ...id, "commit", "-q", "-m", "more");
    await g(other, "push", "-q", "origin", "main");
    const f2 = await followBranch(clone, { identity: { name: "autolab", email: "a@example.org" } });
    expect(f2.outcome).toBe("rebased");
    expect(existsSync(marker) ? readFileSync(marker, "utf8") : "").toBe("");
    expect(await g(clone, "log", "-1", "--format=%G?")).toBe("N\n");
  });

  it("the tool's git runner ignores hooks for every command, not only commit-back's", async () => {
    const { clone, marker } = await setup();
    thief(path.join(clone, ".git", "hooks", "reference-transaction"), marker);
    await toolGit(clone, ["update-ref", "refs/heads/probe", "HEAD"]);
    expect(existsSync(marker)).toBe(false);
  });

  it("a url.*.insteadOf / pushInsteadOf rewrite in .git/config does not redirect the push or the fetch", async () => {
    const { dir, remote, clone } = await setup();
    const evil = await bare(dir, "evil.git");
    await g(clone, "config", `url.${evil}.insteadOf`, remote);
    await g(clone, "config", `url.${evil}.pushInsteadOf`, remote);
    await g(clone, "config", "core.sshCommand", "false");
    await g(clone, "config", "http.proxy", "http://127.0.0.1:9");
    await g(clone, "config", "remote.origin.receivepack", "false");
    await g(clone, "config", "remote.origin.uploadpack", "false");
    const r = await commitBack({ repoRoot: clone, apply: apply(clone, "r2"), message: "autolab: r2", baseDelayMs: 0 });
    expect(r.pushed).toBe(true);
    expect(await g(remote, "show", "main:runs/r2/run_manifest.json")).toContain("r2");
    expect((await g(evil, "for-each-ref")).trim()).toBe("");
    // The other-branch flow fetches first: it goes to the real remote too.
    const r3 = await commitBack({
      repoRoot: clone,
      branch: "autolab/runs",
      apply: apply(clone, "r3"),
      message: "autolab: r3",
      baseDelayMs: 0,
    });
    expect(r3.pushed).toBe(true);
    expect(await g(remote, "show", "autolab/runs:runs/r3/run_manifest.json")).toContain("r3");
    expect((await g(evil, "for-each-ref")).trim()).toBe("");
    expect((await g(clone, "rev-parse", "refs/remotes/origin/autolab/runs")).trim()).toBe(r3.sha);
  });

  it("an insteadOf rewrite cannot send the token to another HTTP server", async () => {
    const legitSeen: IncomingHttpHeaders[] = [];
    const evilSeen: IncomingHttpHeaders[] = [];
    const legit = await listen((h) => legitSeen.push(h));
    const evil = await listen((h) => evilSeen.push(h));
    try {
      const { clone } = await setup();
      const legitUrl = `${legit.url}/org/repo.git`;
      await g(clone, "remote", "set-url", "origin", legitUrl);
      await g(clone, "config", `url.${evil.url}/steal/.insteadOf`, `${legit.url}/`);
      await g(clone, "config", `url.${evil.url}/steal/.pushInsteadOf`, `${legit.url}/`);
      await g(clone, "config", "credential.helper", "store --file=" + path.join(tmp, "creds"));
      const err = await commitBack({
        repoRoot: clone,
        apply: apply(clone, "r4"),
        message: "autolab: r4",
        token: TOKEN,
        maxAttempts: 1,
      }).catch((e) => e);
      expect(err).toBeInstanceOf(AutolabError);
      expect(evilSeen).toEqual([]);
      const b64 = Buffer.from(`x-access-token:${TOKEN}`).toString("base64");
      expect(legitSeen.some((h) => h.authorization === `basic ${b64}`)).toBe(true);
      expect(existsSync(path.join(tmp, "creds"))).toBe(false);
    } finally {
      legit.server.close();
      evil.server.close();
    }
  });

  it("refuses a remote helper URL (ext::) even when the repository config allows it", async () => {
    const { clone, marker } = await setup();
    await g(clone, "config", "protocol.ext.allow", "always");
    await g(clone, "remote", "set-url", "origin", `ext::sh -c touch% ${marker}`);
    const err = await commitBack({ repoRoot: clone, apply: apply(clone, "r5"), message: "m" }).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toMatch(/remote helper/);
    expect(existsSync(marker)).toBe(false);
  });

  it("inside GitHub Actions the token goes only to the workflow's own repository", async () => {
    const { clone } = await setup();
    const env = { GITHUB_ACTIONS: "true", GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "lab/exp" };
    await g(clone, "remote", "set-url", "origin", "https://evil.example/lab/exp.git");
    await expect(resolveRemote(clone, "origin", TOKEN, env)).rejects.toThrow(/not at this workflow's repository/);
    await g(clone, "remote", "set-url", "origin", "https://github.com/lab/exp.git");
    const ok = await resolveRemote(clone, "origin", TOKEN, env);
    expect(ok.pushUrl).toBe("https://github.com/lab/exp.git");
    expect(ok.netConfig.some(([k, v]) => k === "http.https://github.com/lab/exp.git.extraheader" && v !== "")).toBe(
      true,
    );
    // A local path (no token needed) is allowed.
    const { remote } = await setup();
    await g(clone, "remote", "set-url", "origin", remote);
    expect((await resolveRemote(clone, "origin", TOKEN, env)).netConfig).toEqual([["credential.helper", ""]]);
  });
});
