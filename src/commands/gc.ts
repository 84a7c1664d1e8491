/**
 * gc: frees what finished runs leave outside the repository — their work-root
 * snapshots (`git worktree remove`) and launch-journal entries — for runs
 * that are finished, synced and committed (pushed), finished longer ago than
 * `olderThanSeconds`. The decision is domain/gc.ts's; this gathers the facts
 * (manifests, origin's copy of each manifest as the last fetch or push saw
 * it, the snapshot's files against the checkout's, the snapshot's own git
 * status) and acts. A dry run removes nothing and says what would go.
 */
import { lstat, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { isSuccessLike } from "../contract/vocabulary.js";
import { gcDecide, type GcCandidate, type GcDecision } from "../domain/gc.js";
import { statusOf } from "../domain/run.js";
import { currentBranch, git } from "../git/git.js";
import { removeSnapshot } from "../steps/snapshot.js";
import { discoverRuns, jobRunDir } from "../store/discover.js";
import { journalDir } from "../store/journal.js";
import { openWorkspace } from "../store/workspace.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { readNoFollow } from "../util/fs.js";

export interface GcOptions {
  cwd: string;
  olderThanSeconds: number;
  dryRun?: boolean;
  now?: () => Date;
}

export interface GcReport {
  dryRun: boolean;
  decisions: GcDecision[];
  /** Bytes freed (or, in a dry run, that would be). */
  freed_bytes: number;
  removed_snapshots: string[];
  removed_journal_entries: number;
  findings: Finding[];
}

/** Every regular file under `dir` (relative path -> size); links and special files are listed with size -1. */
async function filesUnder(dir: string, rel = ""): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of await filesUnder(dir, r)) out.set(k, v);
    else if (e.isFile()) out.set(r, (await lstat(path.join(dir, r))).size);
    else out.set(r, -1);
  }
  return out;
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else total += (await lstat(p).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return total;
}

async function worktrees(root: string): Promise<Set<string>> {
  const r = await git(root, ["worktree", "list", "--porcelain"], { allowFailure: true });
  return new Set(
    r.stdout
      .split("\n")
      .filter((l) => l.startsWith("worktree "))
      .map((l) => path.resolve(l.slice("worktree ".length))),
  );
}

async function journalByRun(gitDir: string | undefined): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!gitDir) return out;
  const dir = journalDir(gitDir);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(".json")) continue;
    try {
      const j = JSON.parse(await readFile(path.join(dir, name), "utf8")) as { run_id?: unknown };
      if (typeof j.run_id === "string") out.set(j.run_id, [...(out.get(j.run_id) ?? []), path.join(dir, name)]);
    } catch {
      // an unreadable entry belongs to no run we can name: left alone
    }
  }
  return out;
}

async function pushedState(root: string, branch: string | undefined, rel: string, local: Buffer) {
  if (!branch) return "no-remote" as const;
  const ref = `refs/remotes/origin/${branch}`;
  const has = await git(root, ["rev-parse", "--verify", "-q", ref], { allowFailure: true });
  if (has.code !== 0) return "no-remote" as const;
  const r = await git(root, ["cat-file", "blob", `${ref}:${rel}`], { allowFailure: true });
  if (r.code !== 0) return "absent" as const;
  return r.stdout === local.toString("utf8") ? ("same" as const) : ("differs" as const);
}

async function snapshotFacts(root: string, m: RunManifest, runDir: string, trees: Set<string>) {
  const ev = jobRunDir(m, root, runDir);
  if (!ev.workDir || ev.missing) return undefined;
  const theirs = await filesUnder(ev.dir);
  const ours = await filesUnder(runDir);
  const notCopied = [...theirs].filter(([k, size]) => size < 0 || ours.get(k) !== size).map(([k]) => k);
  const relRun = path.relative(root, runDir).split(path.sep).join("/");
  const st = await git(ev.workDir, ["status", "--porcelain=v1", "--untracked-files=all"], { allowFailure: true });
  const dirtyOutside =
    st.code !== 0
      ? ["(git status failed in the snapshot)"]
      : st.stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => l.slice(3))
          .filter((p) => p !== relRun && !p.startsWith(relRun + "/"));
  return {
    path: ev.workDir,
    isWorktree: trees.has(path.resolve(ev.workDir)),
    notCopied,
    dirtyOutside,
    bytes: await bytesUnder(ev.workDir),
  };
}

export async function gc(opts: GcOptions): Promise<GcReport> {
  const now = opts.now ?? (() => new Date());
  const ws = await openWorkspace(opts.cwd, { commit: false });
  const found = await discoverRuns(ws.root);
  const findings: Finding[] = [...found.findings];
  const branch = ws.inGit ? await currentBranch(ws.root) : undefined;
  const trees = ws.inGit ? await worktrees(ws.root) : new Set<string>();
  const journal = await journalByRun(ws.gitDir);
  const decisions: GcDecision[] = [];
  for (const run of found.runs) {
    const read = await readNoFollow(run.manifestPath, 16 * 1024 * 1024);
    if (!read.data) continue;
    let m: RunManifest;
    try {
      m = JSON.parse(read.data.toString("utf8")) as RunManifest;
    } catch {
      decisions.push({ runId: run.runId, remove: false, why: "manifest is not JSON" });
      continue;
    }
    const cand: GcCandidate = {
      runId: run.runId,
      status: statusOf(m),
      completedAt: String(m.timestamps?.completed_at ?? m.completed_at ?? "") || undefined,
      syncOk: isSuccessLike(m.artifact_sync_to_local?.status),
      pushed: ws.inGit ? await pushedState(ws.root, branch, run.manifestDisplay, read.data) : "no-remote",
      snapshot: await snapshotFacts(ws.root, m, run.runDir, trees),
      journal: journal.get(run.runId) ?? [],
    };
    decisions.push(gcDecide(cand, { nowMs: now().getTime(), olderThanSeconds: opts.olderThanSeconds, branch }));
  }
  const report: GcReport = {
    dryRun: !!opts.dryRun,
    decisions,
    freed_bytes: 0,
    removed_snapshots: [],
    removed_journal_entries: 0,
    findings,
  };
  for (const d of decisions) {
    if (!d.remove) continue;
    report.freed_bytes += d.bytes;
    if (d.snapshot) report.removed_snapshots.push(d.snapshot);
    report.removed_journal_entries += d.journal.length;
    if (opts.dryRun) continue;
    try {
      if (d.snapshot) await removeSnapshot(ws.root, d.snapshot);
      for (const j of d.journal) await unlink(j).catch(() => undefined);
    } catch (e) {
      findings.push(findingFromError(e, "gc.remove", d.snapshot, { severity: "warning" }));
    }
  }
  return report;
}
