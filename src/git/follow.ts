/**
 * Follow the branch: bring commits that other writers pushed (a launch
 * workflow's new runs, a person's edit) into a long-lived checkout, so the
 * watcher sees them. One fetch (remote.ts: the hardened, config-free fetch),
 * then:
 *  - the checkout is the remote's head, or ahead of it (its own unpushed
 *    commits, which commit-back's backlog pushes): nothing to do;
 *  - tracked files changed in the work tree (a person's edit, a half-written
 *    tick): left alone, said;
 *  - behind: `merge --ff-only`;
 *  - diverged (unpushed tick commits, and the remote moved): those commits are
 *    rebased onto the remote's head; a conflict aborts the rebase and leaves
 *    the checkout as it was (commit-back replays its edits on the next push).
 */
import { AutolabError } from "../util/errors.js";
import { ok } from "../util/exec.js";
import { BOT_IDENTITY, type CommitIdentity } from "./commitback.js";
import { currentBranch, git, hasRemote, headSha, isAncestor } from "./git.js";
import { fetchBranch, resolveRemote, short, type RemoteTarget } from "./remote.js";

export interface FollowOptions {
  remote?: string;
  /** The branch to follow; only the checked-out branch is followed. */
  branch?: string;
  token?: string;
  /** Committer of rebased commits. */
  identity?: CommitIdentity;
}

export type FollowOutcome =
  | "up to date"
  | "ahead"
  | "fast-forwarded"
  | "rebased"
  | "local changes kept"
  | "diverged, rebase refused"
  | "not followed";

export interface Followed {
  outcome: FollowOutcome;
  /** Human text: what happened, with the commits. */
  text: string;
}

export async function followBranch(root: string, o: FollowOptions = {}): Promise<Followed> {
  const remote = o.remote ?? "origin";
  const checkedOut = await currentBranch(root);
  const branch = o.branch ?? checkedOut;
  if (!checkedOut || branch !== checkedOut || !(await hasRemote(root, remote)))
    return { outcome: "not followed", text: "the checkout is not on the branch it records to, or has no remote" };
  const secrets = o.token ? [o.token] : [];
  const ctx: RemoteTarget = { root, remote, target: branch, secrets, ...(await resolveRemote(root, remote, o.token)) };
  const theirs = await fetchBranch(ctx);
  const ours = await headSha(root);
  if (!theirs || !ours || theirs === ours)
    return { outcome: "up to date", text: `${remote}/${branch} is the checkout's head` };
  if (await isAncestor(root, theirs, ours))
    return {
      outcome: "ahead",
      text: `the checkout is ahead of ${remote}/${branch} (its commits are pushed by the next tick)`,
    };
  const dirty = await git(root, ["status", "--porcelain=v1", "--untracked-files=no"], {
    what: "reading the work tree",
  });
  if (dirty.stdout.trim())
    return {
      outcome: "local changes kept",
      text: `${remote}/${branch} has new commits (${short(theirs)}), but tracked files are changed in the work tree: not updated`,
    };
  if (await isAncestor(root, ours, theirs)) {
    await git(root, ["merge", "--ff-only", "--no-stat", "--quiet", theirs], {
      what: `fast-forwarding to ${remote}/${branch}`,
    });
    return {
      outcome: "fast-forwarded",
      text: `fast-forwarded ${short(ours)}..${short(theirs)} from ${remote}/${branch}`,
    };
  }
  const who = o.identity ?? BOT_IDENTITY;
  const r = await git(root, ["rebase", "--quiet", "--no-autostash", theirs], {
    env: { GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
    allowFailure: true,
  });
  if (ok(r))
    return {
      outcome: "rebased",
      text: `rebased the checkout's unpushed commits onto ${remote}/${branch} (${short(theirs)})`,
    };
  await git(root, ["rebase", "--abort"], { allowFailure: true });
  const after = await headSha(root);
  if (after !== ours)
    throw new AutolabError(
      `rebasing onto ${remote}/${branch} failed and the checkout could not be restored to ${short(ours)}`,
      {
        file: root,
        hint: `git -C ${root} status; git reset --hard ${ours}`,
      },
    );
  return {
    outcome: "diverged, rebase refused",
    text: `the checkout's unpushed commits conflict with ${remote}/${branch} (${short(theirs)}): kept as they are`,
  };
}
