/**
 * Evidence reads: files a job (or another writer) may have written are read
 * without following links. Opened with O_NOFOLLOW (and O_NONBLOCK, so a FIFO
 * cannot hang a tick), and only a regular file is read.
 */
import { constants as fsConstants } from "node:fs";
import { open } from "node:fs/promises";

/** Result of reading a run-dir file without following symlinks. */
export interface NoFollowRead {
  data?: Buffer;
  /** Why nothing was read although the path exists. */
  skipped?: "symlink" | "not a regular file";
  /** Size when it was above `maxBytes` (nothing read). */
  tooLarge?: number;
}

/**
 * Read a file the job may have written, never through a symlink: opened with
 * O_NOFOLLOW (and O_NONBLOCK, so a FIFO cannot hang the tick), and only a
 * regular file is read. A missing file gives `{}`.
 */
export async function readNoFollow(file: string, maxBytes = Number.POSITIVE_INFINITY): Promise<NoFollowRead> {
  let fh;
  try {
    fh = await open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") return { skipped: "symlink" };
    return {};
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { skipped: "not a regular file" };
    if (st.size > maxBytes) return { tooLarge: st.size };
    return { data: await fh.readFile() };
  } catch {
    return {};
  } finally {
    await fh.close();
  }
}
