/**
 * Evidence reads: files a job (or another writer) may have written are read
 * without following links. Opened with O_NOFOLLOW (and O_NONBLOCK, so a FIFO
 * cannot hang a tick), and only a regular file is read.
 */
import { lstatSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { SENTINEL_FILE, SLURM_LOG_NAME } from "../domain/layout.js";
import { parseSentinel, sentinelEvidence, type Sentinel } from "../domain/sentinel.js";
import type { Finding } from "../util/errors.js";
import { displayPath, readNoFollow, readNoFollowSync } from "../util/fs.js";

/** Job logs and the sentinel are committed with a finished run up to this size (bytes) per file. */
export const MAX_COMMITTED_LOG_BYTES = 10 * 1024 * 1024;

export { readNoFollow, type NoFollowRead } from "../util/fs.js";

/** A directory of the run that is a symlink (a job can replace `logs/` by one): not to be read. */
export function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

export function symlinkFinding(repoRoot: string, abs: string, runId: string, what: string): Finding {
  return {
    severity: "warning",
    check: "monitor.symlink",
    file: displayPath(repoRoot, abs),
    message: `${what} of run ${runId} is a symlink${isSymlink(abs) ? "" : " or not a regular file"}: it is not read or committed (evidence is never taken through a link)`,
    hint: "a job must write its logs and sentinel as files; remove the link",
  };
}

export async function tail(file: string, lines = 30): Promise<{ text?: string; skipped?: string }> {
  if (isSymlink(path.dirname(file))) return { skipped: "symlink" };
  const r = await readNoFollow(file, 64 * 1024 * 1024);
  if (r.skipped) return { skipped: r.skipped };
  if (!r.data) return {};
  const t = r.data.toString("utf8");
  return {
    text:
      t
        .split("\n")
        .slice(-lines - 1)
        .join("\n")
        .trimEnd() || undefined,
  };
}

/**
 * The run's job_sentinel.json as evidence for job `jobId`, never through a
 * link (a linked run dir or sentinel is reported by the caller: `symlink`).
 * A sentinel written by another job reads as missing, with a note why.
 */
export async function readRunSentinel(
  runDir: string,
  jobId: string | undefined,
  isArray: boolean,
): Promise<{ sentinel: Sentinel; note: string; symlink?: boolean }> {
  if (isSymlink(runDir))
    return {
      sentinel: { state: "missing" },
      note: " (the run directory is a symlink: its job_sentinel.json is not read)",
      symlink: true,
    };
  // Synchronous: read for every run in flight, usually absent; a queued open costs far more than the call.
  const r = readNoFollowSync(path.join(runDir, SENTINEL_FILE), 1024 * 1024);
  if (r.skipped)
    return {
      sentinel: { state: "missing" },
      note: ` (job_sentinel.json is a ${r.skipped === "symlink" ? "symlink" : "non-regular file"}: not read)`,
      symlink: true,
    };
  const parsed = parseSentinel(r.data?.toString("utf8"));
  // An unreadable sentinel is no evidence (as if missing).
  if (parsed.state === "invalid") return { sentinel: { state: "missing" }, note: "" };
  return sentinelEvidence(parsed, jobId, isArray);
}

/**
 * Job logs and the sentinel of a run, to commit with it (size-capped).
 * Symlinks are never followed: a linked file (or a linked logs/ directory)
 * is skipped with a warning naming it.
 */
export async function evidenceFiles(
  repoRoot: string,
  runDir: string,
  runId: string,
  findings: Finding[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (isSymlink(runDir)) {
    findings.push(symlinkFinding(repoRoot, runDir, runId, "the run directory"));
    return out;
  }
  const candidates: string[] = [path.join(runDir, SENTINEL_FILE)];
  const logsDir = path.join(runDir, "logs");
  if (isSymlink(logsDir)) {
    findings.push(symlinkFinding(repoRoot, logsDir, runId, "the logs/ directory"));
  } else {
    try {
      for (const name of await readdir(logsDir)) {
        if (SLURM_LOG_NAME.test(name)) candidates.push(path.join(logsDir, name));
      }
    } catch {
      // no logs/ (yet)
    }
  }
  for (const abs of candidates) {
    const shown = displayPath(repoRoot, abs);
    const r = await readNoFollow(abs, MAX_COMMITTED_LOG_BYTES);
    if (r.skipped) {
      findings.push(symlinkFinding(repoRoot, abs, runId, path.basename(abs)));
      continue;
    }
    if (r.tooLarge !== undefined) {
      findings.push({
        severity: "notice",
        check: "monitor.log_size",
        file: shown,
        message: `${r.tooLarge} bytes: too large to commit (limit ${MAX_COMMITTED_LOG_BYTES}); it stays in the work tree`,
      });
      continue;
    }
    if (r.data) out.set(shown, r.data);
  }
  return out;
}
