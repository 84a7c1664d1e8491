/**
 * Trees and the work tree for commit-back: which files differ between two
 * commits, writing files from a commit into the work tree (through a private
 * index, never the real one), and repository-relative path rules.
 */
import { lstatSync } from "node:fs";
import { mkdtemp, rm, rmdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AutolabError } from "../util/errors.js";
import { git } from "./git.js";

export interface TreeCtx {
  root: string;
  /** Id of the empty tree (computed on first use; differs between SHA-1 and SHA-256 repositories). */
  emptyTree?: string;
}

/** One file that differs between two commits (`git diff-tree --raw`). */
export interface Change {
  path: string;
  /** A added, D deleted, M modified, T type changed. */
  status: string;
  /** Object id in the newer commit; all zeros when deleted there. */
  newOid: string;
}

/**
 * Write the changed files into the work tree as they are in `commit` (through
 * a private index; the real index is untouched); files deleted in `commit`
 * are deleted.
 */
export async function materialize(ctx: TreeCtx, commit: string | undefined, changed: Change[]) {
  const checkout = changed.filter((c) => !isZero(c.newOid)).map((c) => c.path);
  const remove = changed.filter((c) => isZero(c.newOid)).map((c) => c.path);
  if (checkout.length && commit) {
    const dir = await mkdtemp(path.join(tmpdir(), "autolab-index-"));
    const env = { GIT_INDEX_FILE: path.join(dir, "index") };
    try {
      await git(ctx.root, ["read-tree", commit], { env, what: "reading the new head" });
      await git(ctx.root, ["checkout-index", "-f", "-z", "--stdin"], {
        env,
        input: checkout.join("\0") + "\0",
        what: "writing files from the new head",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  for (const p of remove) {
    const abs = path.join(ctx.root, p);
    await rm(abs, { force: true });
    // Remove directories left empty, as git does.
    for (let d = path.dirname(abs); d.startsWith(ctx.root + path.sep); d = path.dirname(d)) {
      try {
        await rmdir(d);
      } catch {
        break;
      }
    }
  }
}

export async function treeOf(ctx: TreeCtx, commit: string): Promise<string> {
  return (await git(ctx.root, ["rev-parse", `${commit}^{tree}`])).stdout.trim();
}

export async function emptyTree(ctx: TreeCtx): Promise<string> {
  ctx.emptyTree ??= (await git(ctx.root, ["hash-object", "-t", "tree", "--stdin"], { input: "" })).stdout.trim();
  return ctx.emptyTree;
}

/** Files that differ between two commits (undefined = empty tree). */
export async function changes(ctx: TreeCtx, a: string | undefined, b: string | undefined): Promise<Change[]> {
  if (a === b) return [];
  const r = await git(
    ctx.root,
    ["diff-tree", "-r", "-z", "--no-renames", a ?? (await emptyTree(ctx)), b ?? (await emptyTree(ctx))],
    { what: "comparing commits" },
  );
  // Records: ":<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0"
  const parts = r.stdout.split("\0");
  const out: Change[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i].replace(/^:/, "").split(" ");
    if (meta.length < 5) break;
    out.push({ path: parts[i + 1], status: meta[4][0], newOid: meta[3] });
  }
  return out;
}

export function isZero(oid: string): boolean {
  return /^0+$/.test(oid);
}

/** Does pathspec `spec` (a file or a directory) cover `p`? */
export function covers(spec: string, p: string): boolean {
  return p === spec || p.startsWith(spec + "/");
}

/** Repo-relative, forward slashes, no `./`, no trailing `/`; refuses paths outside the work tree or in `.git`. */
export function normalizeRepoPath(root: string, p: string): string {
  const abs = path.resolve(root, p);
  const rel = path.relative(root, abs);
  if (!rel || rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)) {
    throw new AutolabError(`commit-back path ${JSON.stringify(p)} is not inside the work tree`, {
      file: root,
      hint: "apply() must return repository-relative paths of files it wrote",
    });
  }
  const out = rel.split(path.sep).join("/");
  if (out === ".git" || out.startsWith(".git/")) {
    throw new AutolabError(`commit-back path ${JSON.stringify(p)} is inside .git`, { file: root });
  }
  return out;
}

export function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
