/**
 * Filesystem edge: atomic writes, strict UTF-8 reads, and paths that cannot
 * leave the repository.
 */
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { AutolabError } from "./errors.js";

/**
 * Write `data` to `file` so that a reader (or a crash) only ever sees the old
 * or the new content: write a temp file in the same directory, fsync, rename.
 */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, "w", 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Position (1-based line and column) of byte offset `offset` in `buf`. */
function lineColOfByte(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Decode UTF-8 strictly. Invalid bytes are an error that names the file, line
 * and column of the first bad byte (never silently replaced).
 */
export function decodeUtf8Strict(buf: Buffer, displayPath: string): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Find the first invalid sequence to report its position.
    let i = 0;
    while (i < buf.length) {
      const b = buf[i];
      let n = 0;
      if (b < 0x80) n = 1;
      else if (b >= 0xc2 && b <= 0xdf) n = 2;
      else if (b >= 0xe0 && b <= 0xef) n = 3;
      else if (b >= 0xf0 && b <= 0xf4) n = 4;
      if (n === 0 || i + n > buf.length) break;
      let good = true;
      for (let k = 1; k < n; k++) if ((buf[i + k] & 0xc0) !== 0x80) good = false;
      if (!good) break;
      i += n;
    }
    const { line, column } = lineColOfByte(buf, i);
    throw new AutolabError(`file is not valid UTF-8 (byte 0x${(buf[i] ?? 0).toString(16).padStart(2, "0")})`, {
      file: displayPath,
      line,
      column,
      hint: "save the file as UTF-8",
    });
  }
}

/** Read a text file strictly as UTF-8. Missing files raise an AutolabError naming them. */
export async function readTextStrict(file: string, displayPath = file): Promise<string> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AutolabError(code === "ENOENT" ? "file not found" : `cannot read file: ${(e as Error).message}`, {
      file: displayPath,
    });
  }
  return decodeUtf8Strict(buf, displayPath);
}

/**
 * Resolve `p` (relative to `root`, or absolute) and refuse anything outside
 * `root`: `..` escapes, absolute paths elsewhere, and symlinks (at any level
 * that exists) pointing outside. Returns the absolute path.
 */
export function resolveInside(root: string, p: string, what = "path"): string {
  const rootReal = realpathSync(root);
  const abs = path.resolve(rootReal, p);
  const rel = path.relative(rootReal, abs);
  if (rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)) {
    throw new AutolabError(`${what} ${JSON.stringify(p)} leaves the repository`, {
      hint: "use a path inside the repository",
    });
  }
  // Walk down existing components and check symlink targets.
  let cur = rootReal;
  for (const part of rel.split(path.sep).filter(Boolean)) {
    cur = path.join(cur, part);
    if (!existsSync(cur)) break;
    if (lstatSync(cur).isSymbolicLink()) {
      const target = realpathSync(cur);
      const r = path.relative(rootReal, target);
      if (r === ".." || r.startsWith(".." + path.sep) || path.isAbsolute(r)) {
        throw new AutolabError(`${what} ${JSON.stringify(p)} is a symlink that points outside the repository`, {
          hint: "replace the symlink with a path inside the repository",
        });
      }
    }
  }
  return abs;
}

/** Repository-relative display path with forward slashes. */
export function displayPath(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel && !rel.startsWith("..") ? rel.split(path.sep).join("/") : abs;
}

/** A JSON file's value, or undefined when it is missing or not JSON (for files only the tool writes). */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
