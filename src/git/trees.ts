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

/** A file as a commit has it: missing, refused (a link, or not a regular file, on its path), or its text. */
export type CommittedFile = { kind: "missing" } | { kind: "refused"; reason: string } | { kind: "text"; text: string };

const NO_REPLACE = { GIT_NO_REPLACE_OBJECTS: "1" };

const MODE_NAMES: Record<string, string> = {
  "120000": "a symbolic link",
  "160000": "a submodule",
  "040000": "a directory",
};

/**
 * `rel` (forward slashes) as `commit` has it, with no-follow semantics: every
 * component of the path is looked up in the commit's trees (`git ls-tree`,
 * never the work tree); a directory on the way or the file itself that is a
 * link (or a submodule, or the file a directory) is refused, as the work-tree
 * reads refuse a link. The blob is read with `git cat-file blob` (no filter,
 * no textconv), at most `maxBytes`, strict UTF-8. Replace refs are ignored
 * (`GIT_NO_REPLACE_OBJECTS`): a `refs/replace/<commit>` written into the
 * checkout's `.git` cannot substitute another tree for the commit named.
 */
export async function readCommittedFile(
  root: string,
  commit: string,
  rel: string,
  maxBytes: number,
): Promise<CommittedFile> {
  const parts = rel.split("/");
  let blob: { oid: string; size: number } | undefined;
  for (let i = 0; i < parts.length; i++) {
    const prefix = parts.slice(0, i + 1).join("/");
    const r = await git(root, ["ls-tree", "-z", "-l", "--full-tree", commit, "--", prefix], {
      what: `reading ${prefix} in ${commit.slice(0, 12)}`,
      env: NO_REPLACE,
    });
    const entry = r.stdout
      .split("\0")
      .map((e) => e.split("\t"))
      .find((e) => e[1] === prefix);
    if (!entry) return { kind: "missing" };
    const [mode, , oid, size] = entry[0].split(/ +/);
    const last = i === parts.length - 1;
    if (!last && mode !== "040000") {
      return { kind: "refused", reason: `${prefix} is ${MODE_NAMES[mode] ?? `a mode ${mode} entry`}, not a directory` };
    }
    if (last && mode !== "100644" && mode !== "100755") {
      return { kind: "refused", reason: `${prefix} is ${MODE_NAMES[mode] ?? `a mode ${mode} entry`}, not a file` };
    }
    if (last) blob = { oid, size: Number(size) };
  }
  if (!blob) return { kind: "missing" };
  if (!(blob.size <= maxBytes)) {
    return { kind: "refused", reason: `${rel} is ${blob.size} bytes (at most ${maxBytes} are read)` };
  }
  const r = await git(root, ["cat-file", "blob", blob.oid], {
    what: `reading ${rel} in ${commit.slice(0, 12)}`,
    env: NO_REPLACE,
  });
  // The runner decodes output as UTF-8: a replaced byte shows as U+FFFD (or a length that differs).
  if (r.stdout.includes("\uFFFD") || Buffer.byteLength(r.stdout, "utf8") !== blob.size) {
    return { kind: "refused", reason: `${rel} is not UTF-8 text` };
  }
  return { kind: "text", text: r.stdout };
}
