/**
 * Filesystem edge: atomic writes, strict UTF-8 reads, and paths that cannot
 * leave the repository.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants as fsConstants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
} from "node:fs";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { AutolabError } from "./errors.js";
import { runArgv } from "./exec.js";
import { mapPool } from "./pool.js";

/**
 * Write `data` to `file` so that a reader (or a crash) only ever sees the old
 * or the new content: write a temp file in the same directory, fsync, rename.
 * `sync: false` skips the fsync: readers still see old or new content, but a
 * crash may lose the file (only for caches the tool rebuilds).
 */
export async function writeFileAtomic(file: string, data: string | Buffer, o: { sync?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(tmp, "w", 0o644);
  try {
    await fh.writeFile(data);
    if (o.sync !== false) await fh.sync();
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

/**
 * Write many files, each atomically (as writeFileAtomic), with one durability
 * barrier for all: every temp file is written (no fsync), then the
 * filesystems holding them are synced once (`sync -f`, syncfs(2); when that
 * cannot run, each temp is fsynced, concurrently), and only then are they
 * renamed into place, in order. A crash leaves each file old or new, never
 * half written (a temp is never renamed before it is durable); a failure
 * removes the temps not yet renamed.
 */
export async function writeFilesAtomic(
  files: ReadonlyArray<{ file: string; data: string | Uint8Array }>,
): Promise<void> {
  if (!files.length) return;
  const tmps: string[] = new Array<string>(files.length);
  /** One temp file per device: what `sync -f` is pointed at. */
  const perDevice = new Map<number, string>();
  let renamed = 0;
  try {
    await mapPool(files, 32, async ({ file, data }, i) => {
      const dir = path.dirname(file);
      await mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
      tmps[i] = tmp;
      const fh = await open(tmp, "w", 0o644);
      try {
        await fh.writeFile(data);
        const dev = (await fh.stat()).dev;
        if (!perDevice.has(dev)) perDevice.set(dev, tmp);
      } finally {
        await fh.close();
      }
    });
    const synced = await runArgv("sync", ["-f", ...perDevice.values()], { timeoutMs: 120_000 });
    if (synced.code !== 0) {
      await mapPool(tmps, 32, async (tmp) => {
        const fh = await open(tmp, "r+");
        try {
          await fh.sync();
        } finally {
          await fh.close();
        }
      });
    }
    for (; renamed < files.length; renamed++) renameSync(tmps[renamed], files[renamed].file);
  } catch (e) {
    await Promise.all(tmps.slice(renamed).map((t) => (t ? unlink(t).catch(() => undefined) : undefined)));
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
export function decodeUtf8Strict(buf: Buffer, displayPath: string, keepBom = false): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf);
    return text.charCodeAt(0) === 0xfeff && !keepBom ? text.slice(1) : text;
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

/**
 * Read a text file strictly as UTF-8. Missing files raise an AutolabError
 * naming them. Never blocks: opened O_NONBLOCK, and only a regular file is
 * read (a named pipe or device is an AutolabError, not a hang).
 */
export async function readTextStrict(file: string, displayPath = file): Promise<string> {
  let buf: Buffer;
  try {
    const fh = await open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    try {
      if (!(await fh.stat()).isFile()) {
        throw new AutolabError("not a regular file (a named pipe, socket, device or directory): not read", {
          file: displayPath,
        });
      }
      buf = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof AutolabError) throw e;
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

/** Result of reading a file without following links. */
export interface NoFollowRead {
  data?: Buffer;
  /** Why nothing was read although the path exists. */
  skipped?: "symlink" | "not a regular file";
  /** Size when it was above `maxBytes` (nothing read). */
  tooLarge?: number;
  /** The path (as given, or repo-relative for readOwned) of the link or odd entry that stopped the read. */
  at?: string;
}

/** What a failed no-follow open means: a link, a non-regular file, or (anything else) nothing to read. */
function noFollowOpenFailed(e: unknown, file: string): NoFollowRead {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ELOOP" || code === "EMLINK") return { skipped: "symlink", at: file };
  if (code === "ENXIO" || code === "EISDIR") return { skipped: "not a regular file", at: file };
  return {};
}

/**
 * Read a file never through a symlink at its last component: opened with
 * O_NOFOLLOW (and O_NONBLOCK, so a FIFO cannot hang the caller), and only a
 * regular file is read. A missing file gives `{}`.
 */
export async function readNoFollow(file: string, maxBytes = Number.POSITIVE_INFINITY): Promise<NoFollowRead> {
  let fh;
  try {
    fh = await open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (e) {
    return noFollowOpenFailed(e, file);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { skipped: "not a regular file", at: file };
    if (st.size > maxBytes) return { tooLarge: st.size };
    return { data: await fh.readFile() };
  } catch {
    return {};
  } finally {
    await fh.close();
  }
}

/**
 * readNoFollow without the event loop: for the many small files a command
 * reads one after another (a tick's manifests), where a queued open, stat,
 * read and close cost far more than the calls themselves. Also returns the
 * inode read, so a caller can tell it is the file it found before.
 */
export function readNoFollowSync(file: string, maxBytes = Number.POSITIVE_INFINITY): NoFollowRead & { ino?: number } {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (e) {
    return noFollowOpenFailed(e, file);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { skipped: "not a regular file", at: file };
    if (st.size > maxBytes) return { tooLarge: st.size };
    // Read to the end (the file may have grown since the fstat), in chunks of at least its size.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(st.size + 1, 16 * 1024));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return { tooLarge: total };
    }
    return { data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), ino: st.ino };
  } catch {
    return {};
  } finally {
    closeSync(fd);
  }
}

/**
 * The first entry on the way from `root` to `abs` (exclusive of `root`,
 * inclusive of `abs`) that is a symlink, or a parent that exists and is not a
 * directory; repository-relative with forward slashes. Undefined when there
 * is none (missing components end the walk). `abs` outside `root` is reported
 * as itself.
 */
export function linkOnPath(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)) return abs;
  const parts = rel.split(path.sep).filter(Boolean);
  let cur = root;
  for (let i = 0; i < parts.length; i++) {
    cur = path.join(cur, parts[i]);
    let st;
    try {
      st = lstatSync(cur);
    } catch {
      return undefined;
    }
    const shown = parts.slice(0, i + 1).join("/");
    if (st.isSymbolicLink()) return shown;
    if (i < parts.length - 1 && !st.isDirectory()) return shown;
  }
  return undefined;
}

/**
 * Read a tool-owned file `abs` under `root`: no symlink at any level between
 * the root and the file, only a regular file, never blocking (see readNoFollow).
 */
export async function readOwned(root: string, abs: string, maxBytes?: number): Promise<NoFollowRead> {
  const link = linkOnPath(root, abs);
  if (link !== undefined) {
    let isLink = false;
    try {
      isLink = lstatSync(path.resolve(root, link)).isSymbolicLink();
    } catch {
      // gone meanwhile
    }
    return { skipped: isLink ? "symlink" : "not a regular file", at: link };
  }
  const r = await readNoFollow(abs, maxBytes);
  return r.skipped ? { ...r, at: displayPath(root, abs) } : r;
}

/**
 * A tool-owned file opened for reading as readOwnedBytes would read it (no
 * link on the way from `root`, none at the file, only a regular file), for a
 * caller that reads it as a stream; undefined when it does not exist. The
 * caller closes `fd`.
 */
export function openOwnedSync(
  root: string | undefined,
  abs: string,
  shown: string,
): { fd: number; size: number } | undefined {
  const link = root === undefined ? undefined : linkOnPath(root, abs);
  if (link !== undefined && root !== undefined) {
    let isLink = false;
    try {
      isLink = lstatSync(path.resolve(root, link)).isSymbolicLink();
    } catch {
      // gone meanwhile
    }
    throw linkError({ skipped: isLink ? "symlink" : "not a regular file", at: link }, shown);
  }
  let fd: number;
  try {
    fd = openSync(abs, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (e) {
    const r = noFollowOpenFailed(e, abs);
    if (r.skipped) throw linkError({ ...r, at: root === undefined ? shown : displayPath(root, abs) }, shown);
    return undefined;
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw linkError({ skipped: "not a regular file", at: shown }, shown);
  }
  return { fd, size: st.size };
}

/** The AutolabError for a tool-owned file that was not read because of a link or an odd entry. */
export function linkError(r: NoFollowRead, shown: string): AutolabError {
  const what = r.skipped === "symlink" ? "a symlink" : "not a regular file";
  const at = r.at && r.at !== shown ? `${r.at} (on the way to ${shown})` : shown;
  return new AutolabError(`${at} is ${what}: a tool-owned file is never read or written through a link`, {
    file: shown,
    hint: "replace it by a regular file or directory (git rm the link, then run the command again)",
  });
}

/**
 * Bytes of a tool-owned file; undefined when it does not exist. Throws an
 * AutolabError naming the link when the file, or a directory on its way from
 * `root`, is a symlink (or the file is not a regular file).
 * Without `root`, only the last component is checked.
 */
export async function readOwnedBytes(
  root: string | undefined,
  abs: string,
  shown: string,
  maxBytes?: number,
): Promise<Buffer | undefined> {
  const r = root === undefined ? await readNoFollow(abs, maxBytes) : await readOwned(root, abs, maxBytes);
  if (r.skipped) throw linkError(r, shown);
  if (r.tooLarge !== undefined) {
    throw new AutolabError(`file is too large (${r.tooLarge} bytes; at most ${maxBytes})`, { file: shown });
  }
  return r.data;
}

/** The root `abs` lies in when `shown` is its repository-relative path (else undefined). */
export function rootOf(abs: string, shown: string): string | undefined {
  if (path.isAbsolute(shown) || shown.startsWith("..")) return undefined;
  const suffix = path.sep + shown.split("/").join(path.sep);
  return abs.endsWith(suffix) ? abs.slice(0, -suffix.length) || path.sep : undefined;
}

/**
 * Read what a growing file holds from byte `offset` on (at most `maxBytes`),
 * never through a symlink and only from a regular file (as readNoFollow).
 * `next` is the offset to read from next time; a file that shrank (truncated)
 * reads from 0 again (`restarted`). A missing file gives `{next: 0}`.
 */
export async function readFromOffset(
  file: string,
  offset: number,
  maxBytes = 4 * 1024 * 1024,
): Promise<{ data?: Buffer; next: number; restarted?: boolean; skipped?: NoFollowRead["skipped"] }> {
  let fh;
  try {
    fh = await open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") return { next: 0, skipped: "symlink" };
    if (code === "ENXIO" || code === "EISDIR") return { next: 0, skipped: "not a regular file" };
    return { next: 0 };
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { next: 0, skipped: "not a regular file" };
    const restarted = st.size < offset;
    const from = restarted ? 0 : offset;
    const n = Math.min(maxBytes, st.size - from);
    if (n <= 0) return { next: st.size, restarted };
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, from);
    return { data: buf.subarray(0, bytesRead), next: from + bytesRead, restarted };
  } finally {
    await fh.close();
  }
}
