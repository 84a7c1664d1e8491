/**
 * Record: the one place that decides "commit, or only write". A command hands
 * over its change set (domain/changes.ts); inside a checkout that commits, the
 * edits are replayed by commit-back on every head it tries (so they merge into
 * other writers' versions), else they are applied once to the work tree.
 *
 * Applying an edit: the current file is read without following links (a
 * tool-owned path that is a symlink is refused, with a finding naming it, and
 * never written through), the edit computes the new content, and the file is
 * written atomically (temp file + rename, which replaces rather than follows).
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { EditContext, FileEdit } from "../domain/changes.js";
import { sameContent } from "../domain/changes.js";
import type { Workspace } from "../store/workspace.js";
import { readNoFollow } from "../store/evidence.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import { commitBack, type CommitBackResult } from "./commitback.js";

export interface RecordOptions {
  /** Commit message (subject, then an optional body). */
  message: string;
  push?: boolean;
  branch?: string;
  skipCi?: boolean;
  token?: string;
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
  for (const e of edits) {
    if (e.owner !== undefined && out.superseded.has(e.owner)) continue;
    const abs = path.join(root, e.path);
    const cur = await readNoFollow(abs);
    if (cur.skipped) {
      out.findings.push({
        severity: "error",
        check: "record.link",
        file: e.path,
        message: `${e.path} is ${cur.skipped === "symlink" ? "a symlink" : "not a regular file"}: it is not read or written (a tool-owned file is never taken through a link)`,
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
      if (cur.data !== undefined) {
        await rm(abs, { force: true });
        touched.push(e.path);
      }
      continue;
    }
    if (!sameContent(cur.data, next)) {
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFileAtomic(abs, typeof next === "string" ? next : Buffer.from(next));
    }
    touched.push(e.path);
  }
  return touched;
}

/**
 * Record a change set: commit it (replayed on each head commit-back tries)
 * when the workspace commits, else write it once. An empty change set
 * records nothing.
 */
export async function record(ws: Workspace, edits: readonly FileEdit[], o: RecordOptions): Promise<Recorded> {
  const out = { superseded: new Set<string>(), findings: [] as Finding[] };
  if (!edits.length) return { written: [], ...out };
  if (!ws.commits) {
    const written = await applyEdits(ws.root, edits, out);
    return { written, ...out };
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
  });
  return { commit, written: commit.paths, ...out };
}
