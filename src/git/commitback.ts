/**
 * Commit-back: one commit per launch / monitor tick holding the files the tool
 * wrote (scripts, manifests, ledger), pushed to a configurable branch, with
 * rebase-by-regeneration when the branch moved.
 *
 * How it stays safe in a researcher's own checkout (login node) as well as in
 * a CI checkout:
 *
 * - The paths `apply()` reports ("touched paths") are owned by the tool. Only
 *   they are staged, and only into a private index (`GIT_INDEX_FILE` in a temp
 *   directory): whatever else the user has staged or modified is never part of
 *   the commit and never reset. The commit is made with plumbing
 *   (`write-tree`, `commit-tree`), so user hooks do not run on bot commits
 *   and the commit is not signed with the user's key; push uses `--no-verify`.
 * - Bot identity by default (github-actions[bot]), set through the
 *   GIT_AUTHOR_* / GIT_COMMITTER_* environment so no user or env setting wins.
 * - Nothing changed (the private index tree equals the base tree) => no commit.
 * - Commits of the branch that never reached the remote (a push refused by a
 *   protected branch or a hook, or one that failed) are pushed by the next
 *   call, also one with nothing new to commit; the result says how many
 *   (`pushedBacklog`), or how far the branch is still ahead and why (see
 *   backlog.ts). A push that does not land throws (the local commit holds the
 *   change), or with `onUnpushed: "report"` returns the result with
 *   `unpushed` set.
 * - A rejected push (the branch moved, or a remote-side ref-lock failure) is
 *   retried with jittered exponential backoff. Before retrying, the remote
 *   branch is fetched and the change is rebuilt on its new head — never by a
 *   textual merge or rebase:
 *     1. every path that changed between our old base and the new head is
 *        written from the new head (touched paths the others changed, e.g. the
 *        ledger, included; our own new files that nobody else changed are left
 *        as they are);
 *     2. `apply()` runs again on top of that and regenerates its change (e.g.
 *        re-reads the ledger and upserts its own lines);
 *     3. a new commit is built on the new head and pushed.
 * - Same-branch mode (target = the checked-out branch): the branch advances to
 *   the commit, the real index is synchronised for the touched paths only. On
 *   a retry the local branch is moved from our own commit to the new remote
 *   head like a fast-forward that keeps local changes: before anything is
 *   modified, commitBack refuses (AutolabError naming the files) when a file
 *   the other writers changed has uncommitted user changes, or an untracked /
 *   ignored local file sits where they added a different one; and it refuses
 *   when the local branch has commits that are not on the remote (it never
 *   rebases the user's commits). In every refusal the local commit still
 *   holds the change. Unrelated uncommitted work is never touched.
 * - Other-branch mode (e.g. checkout on `main`, committing to `autolab/runs`):
 *   the commit is based on the remote branch head when it exists (else the
 *   local branch of that name, else HEAD). HEAD and the real index are not
 *   touched; the touched paths in the work tree are made to hold the target
 *   branch's version (step 1 above, against the checked-out commit) before
 *   `apply()` runs on them, so e.g. the ledger upsert works on the target
 *   branch's ledger. The local branch of that name follows the commit when it
 *   can (absent, behind, or holding our previous attempt, and not checked out
 *   in another worktree).
 * - Credentials: an optional token is sent as an `http.<remote-url>.extraheader`
 *   passed through the environment of the fetch/push commands only: never
 *   written to `.git/config`, never on a command line, redacted from errors.
 */
import { lstatSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AutolabError } from "../util/errors.js";
import { ok } from "../util/exec.js";
import {
  aheadOf,
  backoff,
  fetchPending,
  pending as pendingErr,
  pushBacklog,
  pushTracked,
  PushPending,
  sleep,
  type PushCtx,
  type RetryPolicy,
} from "./backlog.js";
import {
  currentBranch,
  git,
  hasRemote,
  headSha,
  isAncestor,
  redact,
  revParse,
  statusPorcelain,
  topLevel,
} from "./git.js";
import { fetchBranch, pushFailure, resolveRemote, short } from "./remote.js";
import {
  changes,
  covers,
  emptyTree,
  lstatOrUndefined,
  materialize,
  normalizeRepoPath,
  treeOf,
  type TreeCtx,
} from "./trees.js";

export { normalizeRepoPath } from "./trees.js";

export interface CommitIdentity {
  name: string;
  email: string;
}

export const BOT_IDENTITY: CommitIdentity = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com",
};

export interface CommitBackOptions {
  /** Any directory inside the checkout. */
  repoRoot: string;
  /**
   * Writes the change into the work tree and returns the repo-relative paths it
   * touched (files, or directories; deleted paths included). Called once, and
   * again on top of the fresh branch head after each rejected push (and, in
   * other-branch mode, once more on the target branch's version of the touched
   * files). It must regenerate the change from in-memory state: e.g. re-read
   * the ledger and upsert its own lines.
   */
  apply: () => Promise<string[]>;
  /** Commit subject; ` [skip ci]` is appended when `skipCi`. */
  message: string;
  /** Default false. */
  skipCi?: boolean;
  /** Default: true when the repository has the remote. `true` without the remote is an error. */
  push?: boolean;
  /** Default "origin". */
  remote?: string;
  /** Target branch; default the checked-out branch (detached HEAD => must be given). */
  branch?: string;
  /** Default github-actions[bot]. */
  identity?: CommitIdentity;
  /** Push attempts in all (default 10: when n writers race, one wins per round, so the last needs n attempts). */
  maxAttempts?: number;
  /** First backoff delay (default 300 ms); doubles per attempt, jittered x0.5..1.5, capped at 15 s. */
  baseDelayMs?: number;
  /** For HTTP(S) remotes: sent as `AUTHORIZATION: basic base64(x-access-token:<token>)`. */
  token?: string;
  /**
   * A push that does not land (refused, failed, or the remote diverged from
   * the branch's unpushed commits): "throw" (default) an AutolabError saying
   * where the commit is and how far the branch is ahead; "report": return the
   * result with `unpushed` set. Either way the commit stays where it was
   * made, and the next call pushes it.
   */
  onUnpushed?: "throw" | "report";
}

/** The branch is still ahead of the remote after this call. */
export interface Unpushed {
  remote: string;
  branch: string;
  /** The commit that should be on the remote branch. */
  sha: string;
  /** Commits of `sha` that are not on the remote (as last fetched). */
  ahead: number;
  /** The remote's answer (redacted), or why nothing was pushed. */
  reason: string;
  /** The whole explanation, with where the commit is kept. */
  message: string;
  hint?: string;
}

export interface CommitBackResult {
  /** A commit holding the change was made (and is on the branch / pushed when `pushed`). */
  committed: boolean;
  pushed: boolean;
  sha?: string;
  /** Push attempts made (0 when nothing was pushed). */
  attempts: number;
  branch?: string;
  /** Every path `apply()` reported, repo-relative, sorted. */
  paths: string[];
  /** Set when pushed: commits the push carried besides this call's own (earlier ones that had not reached the remote). */
  pushedBacklog?: number;
  /** Set (with `onUnpushed: "report"`) when the branch is still ahead of the remote after this call. */
  unpushed?: Unpushed;
}

interface Ctx extends PushCtx, TreeCtx {
  message: string;
  touched: Set<string>;
  apply: () => Promise<string[]>;
}

export async function commitBack(opts: CommitBackOptions): Promise<CommitBackResult> {
  const root = await topLevel(opts.repoRoot);
  const remote = opts.remote ?? "origin";
  if (!remote || remote.startsWith("-") || /[\s\0]/.test(remote)) {
    throw new AutolabError(`invalid git remote name ${JSON.stringify(remote)}`, { file: root });
  }
  const remoteExists = await hasRemote(root, remote);
  const push = opts.push ?? remoteExists;
  if (push && !remoteExists) {
    throw new AutolabError(`cannot push: the repository has no git remote "${remote}"`, {
      file: root,
      hint: `add it (git remote add ${remote} <url>) or commit without pushing (--no-push)`,
    });
  }
  const checkedOut = await currentBranch(root);
  const target = opts.branch ?? checkedOut;
  if (!target) {
    throw new AutolabError("HEAD is detached, so there is no branch to commit to", {
      file: root,
      hint: "give the branch to commit to (e.g. --branch autolab/runs) or check out a branch",
    });
  }
  const check = await git(root, ["check-ref-format", "--branch", target], { allowFailure: true });
  if (!ok(check)) {
    throw new AutolabError(`"${target}" is not a valid branch name`, { file: root, hint: "see git check-ref-format" });
  }
  const subject = opts.message.trim();
  if (!subject) throw new AutolabError("commit message is empty", { file: root });
  const message =
    opts.skipCi && !/\[skip ci\]/i.test(subject.split("\n")[0]) ? addToSubject(subject, " [skip ci]") : subject;
  const secrets = opts.token ? [opts.token] : [];
  const ctx: Ctx = {
    root,
    remote,
    target,
    secrets,
    ...(push ? await resolveRemote(root, remote, opts.token) : { netConfig: [], pushUrl: remote, fetchUrl: remote }),
    identity: opts.identity ?? BOT_IDENTITY,
    message: message + "\n",
    touched: new Set(),
    apply: opts.apply,
  };
  const retry = {
    push,
    maxAttempts: Math.max(1, Math.floor(opts.maxAttempts ?? 10)),
    baseDelayMs: Math.max(0, opts.baseDelayMs ?? 300),
  };
  try {
    return await (target === checkedOut ? sameBranch(ctx, retry) : otherBranch(ctx, retry));
  } catch (e) {
    if (!(e instanceof PushPending)) throw e;
    const { count } = await aheadOf(ctx, e.info.sha);
    const behind = `${target} is ${count} commit${count === 1 ? "" : "s"} ahead of ${remote}/${target}`;
    const unpushed: Unpushed = {
      remote,
      branch: target,
      sha: e.info.sha,
      ahead: count,
      reason: redact(e.info.reason, secrets),
      message: `${e.message} (${behind})`,
      hint: e.hint,
    };
    if (opts.onUnpushed !== "report") {
      throw new AutolabError(unpushed.message, { file: root, hint: e.hint, cause: e.cause ?? e });
    }
    const { committed, sha, attempts } = e.info;
    return result(ctx, { committed, pushed: false, sha, attempts, unpushed });
  }
}

function addToSubject(msg: string, suffix: string): string {
  const nl = msg.indexOf("\n");
  return nl < 0 ? msg + suffix : msg.slice(0, nl) + suffix + msg.slice(nl);
}

// ---------------------------------------------------------------------------
// The two flows

async function sameBranch(ctx: Ctx, policy: RetryPolicy): Promise<CommitBackResult> {
  let base = await headSha(ctx.root); // undefined on an unborn branch
  let pending: string | undefined;
  let needApply = true;
  const kept = `on branch ${ctx.target}`;
  for (let attempt = 1; ; attempt++) {
    if (needApply) {
      await runApply(ctx, base, base, pending);
      const built = await buildCommit(ctx, base);
      if (!built) return backlog(ctx, policy, base, false, kept, attempt - 1);
      await updateRef(ctx, `refs/heads/${ctx.target}`, built, base, "moving the branch to the new commit");
      await syncIndex(ctx, [...ctx.touched]);
      pending = built;
      if (!policy.push) return result(ctx, { committed: true, pushed: false, sha: built, attempts: 0 });
    }
    const commit = pending as string;
    const info = { sha: commit, committed: true, attempts: attempt };
    const { outcome: pushed, ahead } = await pushTracked(ctx, commit);
    if (pushed.ok) return result(ctx, { ...info, pushed: true, pushedBacklog: Math.max(0, ahead - 1) });
    if (!pushed.retryable || attempt >= policy.maxAttempts)
      throw pendingErr(pushFailure(ctx, commit, attempt, pushed.reason, kept), { ...info, reason: pushed.reason });
    await sleep(backoff(policy.baseDelayMs, attempt));
    const remoteHead = await fetchPending(ctx, commit, kept, info);
    if (!remoteHead || (!pushed.moved && (await isAncestor(ctx.root, remoteHead, commit)))) {
      needApply = false; // the remote did not move past us (lock contention): push again as is
      continue;
    }
    if (base && !(await isAncestor(ctx.root, base, remoteHead))) {
      throw new PushPending(
        {
          ...info,
          reason: `${ctx.remote}/${ctx.target} moved, and ${ctx.target} has local commits that are not on it`,
        },
        `branch ${ctx.target} has local commits that are not on ${ctx.remote}/${ctx.target}, and the remote moved; ` +
          `commit-back never rebases your commits. The local commit ${short(commit)} (${kept}) still holds the change`,
        { file: ctx.root, hint: `integrate the remote (git pull --rebase ${ctx.remote} ${ctx.target}) and push` },
      );
    }
    await moveBranch(ctx, commit, base, remoteHead, kept).catch((e) => {
      throw e instanceof AutolabError ? pendingErr(e, info) : e;
    });
    base = remoteHead;
    needApply = true;
  }
}

async function otherBranch(ctx: Ctx, policy: RetryPolicy): Promise<CommitBackResult> {
  const ref = `refs/heads/${ctx.target}`;
  const head = await headSha(ctx.root);
  let localRef = await revParse(ctx.root, ref);
  const refMovable = !(await checkedOutElsewhere(ctx, ref));
  let base: string | undefined;
  if (policy.push) {
    const remoteHead = await fetchBranch(ctx);
    if (!remoteHead) base = localRef ?? head;
    else if (!localRef || (await isAncestor(ctx.root, localRef, remoteHead))) base = remoteHead;
    else if (await isAncestor(ctx.root, remoteHead, localRef)) base = localRef;
    else {
      throw new AutolabError(
        `local branch ${ctx.target} and ${ctx.remote}/${ctx.target} have diverged; nothing was committed`,
        {
          file: ctx.root,
          hint: `reconcile them (e.g. rebase ${ctx.target} onto ${ctx.remote}/${ctx.target}, or delete the local branch if its commits are not needed)`,
        },
      );
    }
  } else {
    base = localRef ?? head;
  }
  let from = head; // what the touched paths in the work tree are based on
  let pending: string | undefined;
  let needApply = true;
  let keptAt = "";
  for (let attempt = 1; ; attempt++) {
    if (needApply) {
      await runApply(ctx, from, base, pending);
      from = base;
      const built = await buildCommit(ctx, base);
      if (!built) {
        // Only the local branch of that name can hold a backlog (never HEAD's branch).
        const local = localRef !== undefined && localRef === base ? base : undefined;
        return backlog(ctx, policy, local, true, `at ${ref}`, attempt - 1);
      }
      const canMove =
        refMovable && (!localRef || localRef === pending || (await isAncestor(ctx.root, localRef, built)));
      if (canMove) {
        await updateRef(ctx, ref, built, localRef, `moving ${ctx.target} to the new commit`);
        localRef = built;
        keptAt = `at ${ref}`;
      } else {
        keptAt = `not on any branch: create one with git branch <name> ${built}`;
      }
      pending = built;
      if (!policy.push) {
        if (!canMove) {
          throw new AutolabError(
            `cannot move local branch ${ctx.target} to the new commit ${short(built)} (it is checked out in another worktree or has other commits)`,
            { file: ctx.root, hint: `the commit ${built} holds the change; ${keptAt}` },
          );
        }
        return result(ctx, { committed: true, pushed: false, sha: built, attempts: 0 });
      }
    }
    const commit = pending as string;
    const info = { sha: commit, committed: true, attempts: attempt };
    const { outcome: pushed, ahead } = await pushTracked(ctx, commit);
    if (pushed.ok) return result(ctx, { ...info, pushed: true, pushedBacklog: Math.max(0, ahead - 1) });
    if (!pushed.retryable || attempt >= policy.maxAttempts)
      throw pendingErr(pushFailure(ctx, commit, attempt, pushed.reason, keptAt), { ...info, reason: pushed.reason });
    await sleep(backoff(policy.baseDelayMs, attempt));
    const remoteHead = await fetchPending(ctx, commit, keptAt, info);
    if (!remoteHead || (!pushed.moved && (await isAncestor(ctx.root, remoteHead, commit)))) {
      needApply = false;
      continue;
    }
    base = remoteHead;
    needApply = true;
  }
}

function result(
  ctx: Ctx,
  r: Pick<CommitBackResult, "committed" | "pushed" | "sha" | "attempts" | "pushedBacklog" | "unpushed">,
): CommitBackResult {
  return { ...r, branch: ctx.target, paths: [...ctx.touched].sort() };
}

/**
 * Nothing new to commit: push the backlog of the branch at `local`
 * (backlog.ts). `fresh`: the remote branch was fetched by this call.
 */
async function backlog(
  ctx: Ctx,
  policy: RetryPolicy,
  local: string | undefined,
  fresh: boolean,
  kept: string,
  attempts: number,
): Promise<CommitBackResult> {
  const b = await pushBacklog(ctx, policy, local, fresh, kept);
  if (!b.pushed) return result(ctx, { committed: false, pushed: false, attempts });
  return result(ctx, { committed: false, pushed: true, sha: local, attempts: b.attempts, pushedBacklog: b.backlog });
}

// ---------------------------------------------------------------------------
// Steps

/**
 * Run `apply()` so that it works on `base`: touched paths whose content differs
 * between `from` (what the work tree holds them at) and `base` are first
 * written from `base`. On the first call the touched paths are only known
 * after `apply()`, so when some of them turn out stale it runs again.
 */
async function runApply(ctx: Ctx, from: string | undefined, base: string | undefined, previous: string | undefined) {
  const refreshed = new Set<string>();
  const refresh = async () => {
    if (from === base) return;
    const changed = await changes(ctx, from, base);
    const stale = changed.filter((c) => [...ctx.touched].some((t) => covers(t, c.path)) && !refreshed.has(c.path));
    if (stale.length) await materialize(ctx, base, stale);
    for (const c of stale) refreshed.add(c.path);
    return stale.length;
  };
  await refresh();
  const callApply = async () => {
    let paths: string[];
    try {
      paths = await ctx.apply();
    } catch (e) {
      if (!previous) throw e;
      throw new AutolabError(
        `re-applying the change on the new head of ${ctx.target} failed: ${(e as Error).message}; ` +
          `the earlier commit ${previous} still holds the change`,
        { file: ctx.root, cause: e, hint: `recover it with git cherry-pick ${previous}` },
      );
    }
    for (const p of paths) ctx.touched.add(normalizeRepoPath(ctx.root, p));
  };
  await callApply();
  if (await refresh()) await callApply();
}

/** Build a commit on `base` from `base`'s tree plus the touched paths of the work tree. */
async function buildCommit(ctx: Ctx, base: string | undefined): Promise<string | undefined> {
  if (!ctx.touched.size) return undefined; // nothing touched: the tree is the base's
  const dir = await mkdtemp(path.join(tmpdir(), "autolab-index-"));
  const env = { GIT_INDEX_FILE: path.join(dir, "index") };
  try {
    await git(ctx.root, base ? ["read-tree", base] : ["read-tree", "--empty"], { env, what: "preparing the commit" });
    const files: string[] = [];
    const dirs: string[] = [];
    const gone: string[] = [];
    for (const p of ctx.touched) {
      const st = lstatOrUndefined(path.join(ctx.root, p));
      if (!st) gone.push(p);
      else if (st.isDirectory()) dirs.push(p);
      else files.push(p);
    }
    const stage = async (args: string[], list: string[]) => {
      if (!list.length) return;
      await git(ctx.root, [...args, "--pathspec-from-file=-", "--pathspec-file-nul"], {
        env,
        input: list.join("\0"),
        what: "staging the touched paths",
      });
    };
    // Files apply() names explicitly are committed even when a .gitignore matches them.
    await stage(["add", "--all", "--force"], files);
    await stage(["add", "--all"], dirs);
    await stage(["rm", "-r", "-q", "--cached", "--ignore-unmatch"], gone);
    const tree = (await git(ctx.root, ["write-tree"], { env, what: "writing the tree" })).stdout.trim();
    const baseTree = base ? await treeOf(ctx, base) : await emptyTree(ctx);
    if (tree === baseTree) return undefined;
    const r = await git(ctx.root, ["commit-tree", "--no-gpg-sign", tree, ...(base ? ["-p", base] : []), "-F", "-"], {
      input: ctx.message,
      env: {
        GIT_AUTHOR_NAME: ctx.identity.name,
        GIT_AUTHOR_EMAIL: ctx.identity.email,
        GIT_COMMITTER_NAME: ctx.identity.name,
        GIT_COMMITTER_EMAIL: ctx.identity.email,
      },
      what: "creating the commit",
    });
    return r.stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Compare-and-swap a ref (`expected` undefined = must not exist yet). */
async function updateRef(ctx: Ctx, ref: string, value: string, expected: string | undefined, what: string) {
  await git(ctx.root, ["update-ref", "-m", "autolab commit-back", ref, value, expected ?? ""], {
    what: `${what} (did someone commit at the same time?)`,
  });
}

/** Make the real index hold HEAD's version of `paths` (nothing else in the index changes). */
async function syncIndex(ctx: Ctx, paths: string[]) {
  if (!paths.length) return;
  await git(ctx.root, ["reset", "-q", "--pathspec-from-file=-", "--pathspec-file-nul"], {
    input: paths.join("\0"),
    what: "updating the index",
  });
}

/**
 * Same-branch retry: move the checked-out branch from our own commit `ours`
 * (on `oldBase`) to `newBase`, keeping the user's uncommitted work. Checks
 * everything first and refuses without changing anything when a file the
 * others changed has local changes.
 */
async function moveBranch(ctx: Ctx, ours: string, oldBase: string | undefined, newBase: string, kept: string) {
  const changed = await changes(ctx, oldBase, newBase);
  const others = changed.filter((c) => ![...ctx.touched].some((t) => covers(t, c.path)));
  const conflicts = new Set<string>();
  const dirty = await statusPorcelain(ctx.root, undefined, "no");
  const dirtyPaths = new Set(dirty.flatMap((e) => (e.origPath ? [e.path, e.origPath] : [e.path])));
  for (const c of others) if (dirtyPaths.has(c.path)) conflicts.add(c.path);
  // Untracked (or ignored) local files where the others added a different file.
  const present = others.filter(
    (c) => c.status === "A" && !dirtyPaths.has(c.path) && lstatOrUndefined(path.join(ctx.root, c.path)) !== undefined,
  );
  const hashable = present.filter((c) => !lstatSync(path.join(ctx.root, c.path)).isDirectory());
  for (const c of present) if (!hashable.includes(c)) conflicts.add(c.path);
  if (hashable.length) {
    const r = await git(ctx.root, ["hash-object", "--stdin-paths"], {
      input: hashable.map((c) => c.path).join("\n") + "\n",
      what: "comparing untracked files",
    });
    const oids = r.stdout.trim().split("\n");
    hashable.forEach((c, i) => {
      if (oids[i] !== c.newOid) conflicts.add(c.path);
    });
  }
  if (conflicts.size) {
    const list = [...conflicts].sort();
    throw new AutolabError(
      `${ctx.remote}/${ctx.target} moved and changed files that have local changes here: ${list.slice(0, 10).join(", ")}` +
        `${list.length > 10 ? ` (and ${list.length - 10} more)` : ""}; nothing was overwritten. ` +
        `The local commit ${short(ours)} (${kept}) still holds the change`,
      { file: ctx.root, hint: "commit or move your local changes to those files, then run again" },
    );
  }
  await materialize(ctx, newBase, changed);
  await updateRef(ctx, `refs/heads/${ctx.target}`, newBase, ours, "moving the branch to the remote head");
  await syncIndex(ctx, [...new Set([...changed.map((c) => c.path), ...ctx.touched])]);
}

async function checkedOutElsewhere(ctx: Ctx, ref: string): Promise<boolean> {
  const r = await git(ctx.root, ["worktree", "list", "--porcelain"], { allowFailure: true });
  return r.stdout.split("\n").some((l) => l === `branch ${ref}`);
}
