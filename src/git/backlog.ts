/**
 * The backlog of commit-back: commits on the target branch that have not
 * reached the remote (a push that was refused by a protected branch or a
 * pre-receive hook, failed or timed out). The local branch keeps them; every
 * later commit-back, also one with nothing new to commit, pushes them again,
 * says how many it pushed (`pushedBacklog`), and when they still do not land
 * says how far the branch is ahead and why (`unpushed`, or the error).
 *
 * - "Ahead" is measured against the remote-tracking ref
 *   `refs/remotes/<remote>/<branch>` (what the last fetch or push saw; when
 *   there is none, against every ref of that remote). So a call that has
 *   nothing to push costs no network round trip; one that has fetches first.
 * - A call with nothing new pushes the backlog only when commit-back made one
 *   of its commits (committer = the commit identity, or a subject starting
 *   `autolab: `, as a person's CLI commits have): a user's own unpushed
 *   commits are not pushed behind their back by an idle tick. (A call that
 *   commits pushes them, as before: its commit sits on top of them.)
 * - The backlog is never rebuilt: when the remote moved past it, the branch
 *   has diverged, and that is reported for the user to integrate.
 */
import { AutolabError } from "../util/errors.js";
import type { CommitIdentity } from "./commitback.js";
import { git, isAncestor, revParse } from "./git.js";
import { fetchBranch, pushCommit, pushFailure, short, type PushOutcome, type RemoteTarget } from "./remote.js";

export interface RetryPolicy {
  push: boolean;
  maxAttempts: number;
  baseDelayMs: number;
}

export interface PushCtx extends RemoteTarget {
  identity: CommitIdentity;
}

/** What a push that did not land leaves behind. */
export interface PendingInfo {
  /** The commit that should be on the remote branch (on the local branch, or as named in the message). */
  sha: string;
  /** This call made `sha`. */
  committed: boolean;
  attempts: number;
  /** The remote's (or the fetch's) answer. */
  reason: string;
}

/** A push that did not land while the local side still holds the commit (see `PendingInfo`). */
export class PushPending extends AutolabError {
  constructor(
    readonly info: PendingInfo,
    message: string,
    opts: { file?: string; hint?: string; cause?: unknown },
  ) {
    super(message, opts);
    this.name = "PushPending";
  }
}

export function pending(err: unknown, info: Omit<PendingInfo, "reason"> & { reason?: string }): PushPending {
  const e = err instanceof AutolabError ? err : new AutolabError(String((err as Error)?.message ?? err));
  return new PushPending({ ...info, reason: info.reason ?? e.message }, e.message, {
    file: e.location.file,
    hint: e.hint,
    cause: e.cause ?? err,
  });
}

const ZERO = { count: 0, ours: 0 };

/** The subject prefix of every commit the tool makes (launch, monitor tick, cancel, run). */
export const TOOL_SUBJECT = "autolab: ";

/** Commits of `commit` not on the remote as last seen; `ours`: how many of them `ctx.identity` committed. */
export async function aheadOf(ctx: PushCtx, commit: string): Promise<{ count: number; ours: number }> {
  const tracking = await revParse(ctx.root, trackingRef(ctx));
  const r = await git(
    ctx.root,
    ["rev-list", "--format=%x01%cn%x00%ce%x00%s", commit, "--not", tracking ?? `--remotes=${ctx.remote}`],
    { allowFailure: true },
  );
  if (r.code !== 0) return ZERO;
  const who = r.stdout.split("\n").filter((l) => l.startsWith("\x01"));
  const me = `\x01${ctx.identity.name}\0${ctx.identity.email}\0`;
  // The tool's own commits: committed with this call's identity, or by a person through the CLI
  // (authored as that person) with the subject every commit-back gives ("autolab: ...").
  const ours = who.filter((l) => l.startsWith(me) || l.split("\0")[2]?.startsWith(TOOL_SUBJECT));
  return { count: who.length, ours: ours.length };
}

/**
 * Push `commit`; on success the remote-tracking ref follows it. `ahead`: how
 * many commits it carried to the remote (as far as the tracking ref knew).
 */
export async function pushTracked(ctx: PushCtx, commit: string): Promise<{ outcome: PushOutcome; ahead: number }> {
  const { count } = await aheadOf(ctx, commit);
  const outcome = await pushCommit(ctx, commit);
  if (outcome.ok) {
    await git(ctx.root, ["update-ref", "-m", "autolab commit-back: pushed", trackingRef(ctx), commit], {
      allowFailure: true,
    });
  }
  return { outcome, ahead: count };
}

/** Fetch the target branch while `commit` waits to be pushed; a failure is a `PushPending`. */
export async function fetchPending(
  ctx: PushCtx,
  commit: string,
  kept: string,
  info: Omit<PendingInfo, "sha" | "reason">,
): Promise<string | undefined> {
  try {
    return await fetchBranch(ctx, commit, kept);
  } catch (e) {
    throw pending(e, { ...info, sha: commit });
  }
}

export interface BacklogPush {
  pushed: boolean;
  attempts: number;
  /** Commits pushed. */
  backlog: number;
}

/**
 * Nothing new was committed: push what `local` (the target branch's commit)
 * holds beyond the remote, when commit-back made any of it. `fresh`: the
 * tracking ref was fetched by this call already. Throws `PushPending` when it
 * does not land.
 */
export async function pushBacklog(
  ctx: PushCtx,
  policy: RetryPolicy,
  local: string | undefined,
  fresh: boolean,
  kept: string,
): Promise<BacklogPush> {
  const none = { pushed: false, attempts: 0, backlog: 0 };
  if (!policy.push || !local) return none;
  if (!(await aheadOf(ctx, local)).ours) return none;
  if (!fresh) await fetchPending(ctx, local, kept, { committed: false, attempts: 0 });
  for (let attempt = 1; ; attempt++) {
    const remoteHead = await revParse(ctx.root, trackingRef(ctx));
    if (remoteHead && (await isAncestor(ctx.root, local, remoteHead))) return { ...none, attempts: attempt - 1 };
    if (remoteHead && !(await isAncestor(ctx.root, remoteHead, local))) throw diverged(ctx, local, kept, attempt - 1);
    const { outcome, ahead } = await pushTracked(ctx, local);
    if (outcome.ok) return { pushed: true, attempts: attempt, backlog: ahead };
    if (!outcome.retryable || attempt >= policy.maxAttempts) {
      throw pending(pushFailure(ctx, local, attempt, outcome.reason, kept), {
        sha: local,
        committed: false,
        attempts: attempt,
        reason: outcome.reason,
      });
    }
    await sleep(backoff(policy.baseDelayMs, attempt));
    await fetchPending(ctx, local, kept, { committed: false, attempts: attempt });
  }
}

function diverged(ctx: PushCtx, local: string, kept: string, attempts: number): PushPending {
  const reason = `${ctx.remote}/${ctx.target} moved on without the commits of ${ctx.target} that never reached it`;
  return new PushPending(
    { sha: local, committed: false, attempts, reason },
    `${reason}; commit-back never rebases commits. The local commit ${short(local)} (${kept}) still holds them`,
    {
      file: ctx.root,
      hint: `integrate them (git pull --rebase ${ctx.remote} ${ctx.target} on that branch) and push`,
    },
  );
}

export function trackingRef(ctx: RemoteTarget): string {
  return `refs/remotes/${ctx.remote}/${ctx.target}`;
}

const MAX_DELAY_MS = 15_000;

/** Jittered exponential backoff: `baseMs` doubled per attempt, x0.5..1.5, capped at 15 s. */
export function backoff(baseMs: number, attempt: number): number {
  const exp = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(exp * (0.5 + Math.random()));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
