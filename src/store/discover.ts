/**
 * Run discovery: find every `experiments/<bucket>/<iteration_id>/runs/<run_id>/run_manifest.json`
 * in a repository, the way the glob `experiments/*\/*\/runs/*\/run_manifest.json`
 * would, with the filesystem only (no shell, no git).
 *
 * Shared by the verifier and the monitor. What it guarantees to its callers:
 * - every path it returns lies inside the repository: an entry that is a
 *   symlink pointing outside (at any level: `experiments`, bucket, iteration,
 *   `runs`, run directory, manifest) is refused and reported, never followed;
 * - names it returns are safe tokens (`[A-Za-z0-9._+-]`, not `.`/`..`), so a
 *   caller can put them in paths, job names and hints; an odd name is reported;
 * - odd entries are findings, not exceptions: a bucket that is not
 *   plan/in_progress/done, an iteration present in two buckets, a run directory
 *   without a manifest, a manifest that is not a file, a dangling symlink;
 * - results are sorted (iteration path, then run id) so output is stable.
 *
 * Cost: one readdir per bucket, per iteration and per `runs/` directory, one
 * lstat per run (the manifest); realpath only for entries that are symlinks.
 * The calls are synchronous: a command does nothing else meanwhile, and a
 * synchronous lstat costs a few microseconds where a queued one costs tens
 * (10,000 runs: about 50 ms instead of 500).
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import type { RunManifest } from "../contract/types.js";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { ITERATION_BUCKETS } from "../contract/design.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { displayPath, resolveInside } from "../util/fs.js";

export { MANIFEST_FILE as MANIFEST_NAME } from "../domain/layout.js";
import { MANIFEST_FILE as MANIFEST_NAME, SWEEP_RECORD_FILE } from "../domain/layout.js";

export interface DiscoveredRun {
  iterationId: string;
  /** Absolute path of the iteration directory. */
  iterationDir: string;
  /** Repository-relative path of the iteration directory, e.g. `experiments/in_progress/iter1`. */
  iterationPath: string;
  runId: string;
  /** Absolute path of the run directory. */
  runDir: string;
  /** Repository-relative path of the run directory. */
  runPath: string;
  /** Absolute path of `run_manifest.json`. */
  manifestPath: string;
  /** Repository-relative path of `run_manifest.json`. */
  manifestDisplay: string;
  /**
   * The manifest's identity as the filesystem last changed it (inode, size,
   * mtime, ctime), from the lstat discovery makes anyway: what the run index
   * (store/run-index.ts) compares, so an unchanged finished run is not read.
   * Undefined when the manifest is reached through a symlink.
   */
  manifestStamp?: FileStamp;
  /**
   * True when discovery reached the manifest through real directories only
   * (no symlink from the root on): a reader that opens it without following a
   * link and finds the inode of `manifestStamp` reads the file discovery saw,
   * with no walk of its own (store/runs.ts).
   */
  linkFree?: boolean;
}

/** What `lstat` says about a file, for "has it changed since" tests. */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

function stampOf(st: Stats): FileStamp {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

export interface DiscoverOptions {
  /** Only this iteration (directory name). An iteration that does not exist is an error finding. */
  iteration?: string;
  /** Only this run (directory name). A run that does not exist is an error finding. */
  runId?: string;
}

export interface DiscoverResult {
  runs: DiscoveredRun[];
  findings: Finding[];
}

export { isSafeName } from "../domain/layout.js";
import { isSafeName } from "../domain/layout.js";

type EntryKind = "dir" | "file" | "other" | "missing";

interface Walker {
  root: string;
  findings: Finding[];
  /** Directories reached through a symlink that stays inside the repository (followed). */
  linked: string[];
}

/**
 * Kind of the entry at `abs` (following a symlink only when it stays inside the
 * repository). `dirent` saves the lstat when the caller already has one.
 */
function entryKind(w: Walker, abs: string, dirent?: Dirent): EntryKind {
  let isLink: boolean;
  if (dirent) {
    if (dirent.isDirectory()) return "dir";
    if (dirent.isFile()) return "file";
    isLink = dirent.isSymbolicLink();
    if (!isLink) return "other";
  } else {
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st) return "missing";
    if (st.isDirectory()) return "dir";
    if (st.isFile()) return "file";
    isLink = st.isSymbolicLink();
    if (!isLink) return "other";
  }
  const shown = displayPath(w.root, abs);
  try {
    resolveInside(w.root, path.relative(w.root, abs), "path");
  } catch (e) {
    const message = e instanceof AutolabError ? e.message : String(e);
    w.findings.push({
      severity: "error",
      check: "discover.symlink",
      file: shown,
      message: `refused: ${message}; it is not read`,
      hint: `replace ${shown} with a real directory or file inside the repository (or a symlink to one)`,
    });
    return "other";
  }
  try {
    realpathSync(abs);
    const st = statSync(abs);
    if (st.isDirectory()) w.linked.push(abs + path.sep);
    return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch {
    w.findings.push({
      severity: "warning",
      check: "discover.symlink",
      file: shown,
      message: "dangling symlink: its target does not exist; it is skipped",
      hint: `remove ${shown} or point it at an existing path inside the repository`,
    });
    return "other";
  }
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function oddName(w: Walker, abs: string, what: string): void {
  const shown = displayPath(w.root, abs);
  w.findings.push({
    severity: "error",
    check: "discover.name",
    file: shown,
    message: `${what} name ${JSON.stringify(path.basename(abs))} is not a safe name (letters, digits and . _ + - only); it is not checked`,
    hint: `rename ${JSON.stringify(shown)} to a name made of letters, digits and . _ + -`,
  });
}

/** Names that are never runs or iterations: dotfiles such as `.gitkeep` or `.DS_Store`. */
function hidden(name: string): boolean {
  return name.startsWith(".");
}

function runsOfIteration(w: Walker, iterationId: string, iterationDir: string, opts: DiscoverOptions): DiscoveredRun[] {
  const runsDir = path.join(iterationDir, "runs");
  const kind = entryKind(w, runsDir);
  if (kind !== "dir") return [];
  const entries = listDir(runsDir);
  // Names from readdir are single components, so joining by hand is path.join (and far cheaper per run).
  const iterationPath = displayPath(w.root, iterationDir);
  const runsShown = iterationPath + "/runs/";
  const out = entries.map((d): DiscoveredRun | undefined => {
    if (hidden(d.name)) return undefined;
    if (opts.runId !== undefined && d.name !== opts.runId) return undefined;
    const runDir = runsDir + path.sep + d.name;
    const k = entryKind(w, runDir, d);
    if (k !== "dir") return undefined; // stray files in runs/ are not runs
    if (!isSafeName(d.name)) {
      oddName(w, runDir, "run directory");
      return undefined;
    }
    const manifestPath = runDir + path.sep + MANIFEST_NAME;
    const st = lstatSync(manifestPath, { throwIfNoEntry: false });
    const mk = st?.isFile() ? "file" : entryKind(w, manifestPath);
    const runPath = runsShown + d.name;
    if (mk === "missing") {
      // A sweep's group directory (its record and chunk scripts) is not a run.
      if (lstatSync(runDir + path.sep + SWEEP_RECORD_FILE, { throwIfNoEntry: false })?.isFile()) return undefined;
      w.findings.push({
        severity: "warning",
        check: "discover.no_manifest",
        file: runPath,
        message: `run directory has no ${MANIFEST_NAME}; it is not a run the tool can check`,
        hint: `remove ${runPath} if it is left over, or restore its ${MANIFEST_NAME} from git history`,
      });
      return undefined;
    }
    if (mk !== "file") {
      if (mk === "dir") {
        w.findings.push({
          severity: "error",
          check: "discover.no_manifest",
          file: displayPath(w.root, manifestPath),
          message: `${MANIFEST_NAME} is not a regular file`,
          hint: `replace ${displayPath(w.root, manifestPath)} with the run's manifest file`,
        });
      }
      return undefined;
    }
    return {
      iterationId,
      iterationDir,
      iterationPath,
      runId: d.name,
      runDir,
      runPath,
      manifestPath,
      manifestDisplay: runPath + "/" + MANIFEST_NAME,
      ...(st?.isFile() ? { manifestStamp: stampOf(st) } : {}),
    };
  });
  return out.filter((r): r is DiscoveredRun => r !== undefined);
}

/**
 * Every run in the repository at `repoRoot` (optionally only one iteration or
 * one run), with findings about entries that were skipped or refused.
 */
export async function discoverRuns(repoRoot: string, opts: DiscoverOptions = {}): Promise<DiscoverResult> {
  const root = await realpath(repoRoot);
  const w: Walker = { root, findings: [], linked: [] };
  const experiments = path.join(root, "experiments");
  const runs: DiscoveredRun[] = [];
  /** iteration id -> repo-relative dirs holding it (to spot duplicates across buckets). */
  const seen = new Map<string, string[]>();

  if (entryKind(w, experiments) === "dir") {
    const buckets = listDir(experiments).filter((d) => !hidden(d.name));
    for (const b of buckets) {
      const bucketDir = path.join(experiments, b.name);
      if (entryKind(w, bucketDir, b) !== "dir") continue;
      if (!isSafeName(b.name)) {
        oddName(w, bucketDir, "experiments folder");
        continue;
      }
      if (!(ITERATION_BUCKETS as readonly string[]).includes(b.name)) {
        w.findings.push({
          severity: "warning",
          check: "discover.layout",
          file: displayPath(root, bucketDir),
          message: `experiments/${b.name} is not one of ${ITERATION_BUCKETS.join(", ")}; its runs are checked, but the other stages do not look there`,
          hint: `move its iterations to experiments/plan, experiments/in_progress or experiments/done`,
        });
      }
      const iterations = listDir(bucketDir).filter((d) => !hidden(d.name));
      for (const it of iterations) {
        if (opts.iteration !== undefined && it.name !== opts.iteration) continue;
        const iterationDir = path.join(bucketDir, it.name);
        if (entryKind(w, iterationDir, it) !== "dir") continue;
        if (!isSafeName(it.name)) {
          oddName(w, iterationDir, "iteration directory");
          continue;
        }
        const list = seen.get(it.name) ?? [];
        list.push(displayPath(root, iterationDir));
        seen.set(it.name, list);
        for (const r of runsOfIteration(w, it.name, iterationDir, opts)) runs.push(r);
      }
    }
  }
  // A run is link-free when no directory on its way was a followed symlink (and its manifest is a file).
  for (const r of runs) {
    if (r.manifestStamp && !w.linked.some((d) => r.runDir.startsWith(d) || r.runDir + path.sep === d))
      r.linkFree = true;
  }

  for (const [id, dirs] of seen) {
    if (dirs.length < 2) continue;
    dirs.sort();
    w.findings.push({
      severity: "warning",
      check: "discover.duplicate_iteration",
      file: dirs[1],
      message: `iteration ${id} exists in more than one place: ${dirs.join(", ")}`,
      hint: `keep one copy: an iteration lives in exactly one of experiments/plan, in_progress, done`,
    });
  }
  if (opts.iteration !== undefined && !seen.has(opts.iteration)) {
    w.findings.push({
      severity: "error",
      check: "discover.not_found",
      file: "experiments",
      message: `iteration ${JSON.stringify(opts.iteration)} not found under experiments/{${ITERATION_BUCKETS.join(",")}}/`,
      hint: "check the iteration id (the name of its directory under experiments/<bucket>/)",
    });
  } else if (opts.runId !== undefined && !runs.some((r) => r.runId === opts.runId)) {
    w.findings.push({
      severity: "error",
      check: "discover.not_found",
      file: "experiments",
      message: `run ${JSON.stringify(opts.runId)} not found${opts.iteration !== undefined ? ` in iteration ${opts.iteration}` : ""}`,
      hint: "check the run id (the name of its directory under runs/)",
    });
  }

  runs.sort((a, b) =>
    a.iterationPath < b.iterationPath
      ? -1
      : a.iterationPath > b.iterationPath
        ? 1
        : a.runId < b.runId
          ? -1
          : a.runId > b.runId
            ? 1
            : 0,
  );
  w.findings.sort((a, b) => ((a.file ?? "") < (b.file ?? "") ? -1 : (a.file ?? "") > (b.file ?? "") ? 1 : 0));
  return { runs, findings: w.findings };
}

/**
 * Where run `m`'s job writes its files: `<launch.work_dir>/<run path>` for a
 * run launched with a work root, else the checkout's run dir. `missing` when
 * the snapshot's run dir is gone.
 */
export function jobRunDir(
  m: RunManifest,
  repoRoot: string,
  runDir: string,
): { dir: string; workDir?: string; missing: boolean; invalid?: string } {
  const launch = m.launch;
  const wd = launch && typeof launch === "object" ? (launch as Record<string, unknown>).work_dir : undefined;
  if (wd === undefined || wd === null) return { dir: runDir, missing: false };
  if (typeof wd !== "string" || !path.isAbsolute(wd))
    return { dir: runDir, missing: false, invalid: JSON.stringify(wd) };
  const dir = path.join(wd, path.relative(repoRoot, runDir));
  let missing = true;
  try {
    missing = !lstatSync(dir).isDirectory();
  } catch {
    missing = true;
  }
  return { dir, workDir: wd, missing };
}

/**
 * The error for a run asked for by id that discovery did not return: exit 2
 * when there is no such run, exit 1 (with the reasons as findings) when it
 * exists but was refused, e.g. a symlink leaving the repository.
 */
export function runNotFound(runId: string, findings: readonly Finding[]): AutolabError {
  const why = findings.filter((f) => f.check !== "discover.not_found");
  return new AutolabError(
    why.length ? `run ${runId} could not be read` : `no run ${runId} under experiments/*/*/runs/`,
    {
      exitCode: why.some((f) => f.severity === "error") ? 1 : 2,
      hint: "autolab status lists the runs",
      findings: why,
      file: why[0]?.file,
    },
  );
}
