/**
 * Record: the one place that decides "commit, or only write". A command hands
 * over its change set (domain/changes.ts); inside a checkout that commits, the
 * edits are replayed by commit-back on every head it tries (so they merge into
 * other writers' versions), else they are applied once to the work tree.
 *
 * Applying an edit: the current file is read without following links (a
 * tool-owned path that is, or lies under, a symlink is refused, with a finding naming it, and
 * never written through), the edit computes the new content, and the file is
 * written atomically (temp file + rename, which replaces rather than follows).
 *
 * The push: even an empty change set goes through commit-back when the
 * workspace commits, so commits of the branch that never reached the remote
 * (an earlier refused or failed push) are pushed now; a backlog that was
 * pushed is a notice (`git.push_backlog`). A push that does not land leaves
 * the commit on the branch (the next record pushes it again) and throws, or
 * with `onUnpushed: "report"` is said in the result (`commit.unpushed`) and a
 * warning finding (`git.push`: branch, commits ahead, the remote's answer).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import type { EditContext, FileEdit } from "../domain/changes.js";
import { sameContent } from "../domain/changes.js";
import type { Workspace } from "../store/workspace.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { readOwned, writeFilesAtomic } from "../util/fs.js";
import { redactContent } from "../util/secrets.js";
import { commitBack, type CommitBackResult, type CommitIdentity } from "./commitback.js";
import { currentBranch } from "./git.js";

/** How a command records, as every recording command (launch, monitor, cancel, run) takes it. */
export interface RecordingOptions {
  /** Commit at all (default: when inside a git checkout). */
  commit?: boolean;
  /** Push after committing; default: when the checkout has the remote. */
  push?: boolean;
  /** Branch to commit/push to (default: the checked-out branch). */
  branch?: string;
  /** Append `[skip ci]` to the commit subject. */
  skipCi?: boolean;
  /** Token for pushing over HTTPS. */
  token?: string;
  /** Who the commit is by (default: commit-back's, github-actions[bot]); the CLI passes the person's git identity. */
  identity?: CommitIdentity;
}

export interface RecordOptions extends Omit<RecordingOptions, "commit"> {
  /** Commit message (subject, then an optional body). */
  message: string;
  /**
   * A push that does not land: "throw" (default: the command fails, saying
   * where the commit is kept and how far the branch is ahead), or "report"
   * (the monitor: `commit.unpushed` and a `git.push` warning finding).
   */
  onUnpushed?: "throw" | "report";
}

export interface Recorded {
  commit?: CommitBackResult;
  /** Repository-relative paths written (or, committed). */
  written: string[];
  /** Owners (run ids) whose edits were superseded by another writer on the final head. */
  superseded: Set<string>;
  /** What the edits reported on the final head (e.g. a refused link, a failed ledger update). */
  findings: Finding[];
}

/** Apply the edits to the work tree at `root` once; returns the touched paths. */
export async function applyEdits(
  root: string,
  edits: readonly FileEdit[],
  out: { superseded: Set<string>; findings: Finding[] },
): Promise<string[]> {
  const touched: string[] = [];
  const ctx: EditContext = {
    superseded: out.superseded,
    note: (f) => out.findings.push(f),
  };
  // Writes are gathered and made durable together at the end (util/fs.writeFilesAtomic);
  // a later edit of a path already edited sees the pending content.
  const pending = new Map<string, { file: string; data: string | Uint8Array }>();
  const flush = async () => {
    await writeFilesAtomic([...pending.values()]);
    pending.clear();
  };
  for (const e of edits) {
    if (e.owner !== undefined && out.superseded.has(e.owner)) continue;
    const abs = path.join(root, e.path);
    // No link at any level: a linked docs/, runs/ or iteration directory is refused like a linked file.
    const queued = pending.get(abs);
    const cur: Awaited<ReturnType<typeof readOwned>> = queued
      ? { data: Buffer.from(queued.data) }
      : await readOwned(root, abs);
    if (cur.skipped) {
      const at = cur.at && cur.at !== e.path ? `${cur.at} (on the way to ${e.path})` : e.path;
      out.findings.push({
        severity: "error",
        check: "record.link",
        file: e.path,
        message: `${at} is ${cur.skipped === "symlink" ? "a symlink" : "not a regular file"}: it is not read or written (a tool-owned file is never taken through a link)`,
        hint: "replace it by a regular file (git rm the link, then run the command again)",
      });
      continue;
    }
    let next;
    try {
      next = e.edit(cur.data, ctx);
    } catch (err) {
      out.findings.push(findingFromError(err, "record.edit", e.path, { severity: "warning" }));
      continue;
    }
    if (next === "unchanged") continue;
    if (next === "superseded") {
      if (e.owner !== undefined) out.superseded.add(e.owner);
      continue;
    }
    if (next === "delete") {
      if (queued) await flush();
      if (cur.data !== undefined) {
        await rm(abs, { force: true });
        touched.push(e.path);
      }
      continue;
    }
    // Second line of defence: no token this process knows is ever written or committed (util/secrets).
    next = redactContent(next);
    if (!sameContent(cur.data, next)) {
      pending.delete(abs); // keep the write order: the latest content goes last
      pending.set(abs, { file: abs, data: next });
    }
    touched.push(e.path);
  }
  await flush();
  return touched;
}

/**
 * Record a change set: commit it (replayed on each head commit-back tries)
 * when the workspace commits, else write it once. An empty change set
 * writes nothing, but still pushes the branch's unpushed commits.
 */
export async function record(ws: Workspace, edits: readonly FileEdit[], o: RecordOptions): Promise<Recorded> {
  const out = { superseded: new Set<string>(), findings: [] as Finding[] };
  if (!ws.commits) {
    const written = edits.length ? await applyEdits(ws.root, edits, out) : [];
    return { written, ...out };
  }
  // Nothing to write and no branch to push (detached HEAD, no --branch): nothing to do.
  if (!edits.length && (o.push === false || !(o.branch ?? (await currentBranch(ws.root))))) {
    return { written: [], ...out };
  }
  const commit = await commitBack({
    repoRoot: ws.root,
    apply: async () => {
      // Each replay decides afresh on the head it runs on.
      out.superseded.clear();
      out.findings.length = 0;
      return applyEdits(ws.root, edits, out);
    },
    message: o.message,
    skipCi: o.skipCi,
    push: o.push,
    branch: o.branch,
    token: o.token,
    onUnpushed: o.onUnpushed,
    identity: o.identity,
  });
  out.findings.push(...pushFindings(commit));
  // An empty change set that neither pushed nor failed to push recorded nothing.
  if (!edits.length && !commit.pushed && !commit.unpushed) return { written: [], ...out };
  return { commit, written: commit.paths, ...out };
}

/** What the push did, as findings: a backlog pushed (notice), commits still not on the remote (warning). */
export function pushFindings(c: CommitBackResult): Finding[] {
  const n = (k: number) => `${k} commit${k === 1 ? "" : "s"}`;
  const out: Finding[] = [];
  if (c.pushed && c.pushedBacklog) {
    out.push({
      severity: "notice",
      check: "git.push_backlog",
      message: `pushed ${n(c.pushedBacklog)} of ${c.branch} that had not reached the remote before${c.committed ? ` (besides this commit)` : ""}`,
    });
  }
  const u = c.unpushed;
  if (u) {
    out.push({
      severity: "warning",
      check: "git.push",
      message:
        `${u.branch} is ${n(u.ahead)} ahead of ${u.remote}/${u.branch}: not pushed (${u.reason}); ` +
        `the commits are kept (${u.sha.slice(0, 12)}) and the next run pushes them again`,
      hint:
        `fix what refuses the push (branch protection, a pre-receive hook, credentials, the network), then run again` +
        `${u.hint ? `; ${u.hint}` : ""}`,
    });
  }
  return out;
}
