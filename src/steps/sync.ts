/**
 * Artifact sync: bring a finished run's outputs into its run directory.
 *
 * Two modes, configured in design.yaml `artifact_sync` (or, as a fallback,
 * in the policy under `slurm.artifact_sync`; design keys win key by key):
 *
 * - `shared`: the job wrote into the run directory on a shared filesystem.
 *   Nothing is copied; every configured output must exist inside the run dir.
 * - `rsync`: copy from a remote `source` (placeholders allowed) into the run
 *   dir with real rsync, by argv, with a wall-clock timeout and retries with
 *   backoff inside one call. Afterwards the configured outputs must exist.
 *
 * Safety: this module never removes or truncates local data. rsync runs
 * without `--delete` or anything like it; interrupted transfers go to a
 * partial dir (`--partial-dir`) instead of replacing the destination file
 * with a truncated one; and any local file rsync replaces is first kept under
 * `.autolab-sync-backup/` (`--backup --backup-dir`). The tool's own files
 * (`run_manifest.json`, `run_slurm.sbatch`, `metrics.json`) are never
 * overwritten from the remote side.
 *
 * The manifest bookkeeping (`artifact_sync_to_local` = syncing before, the
 * record after) is the monitor's job; `syncRecord(result)` gives it the record
 * and `needsSync(manifest)` says whether a run still needs a sync (anything
 * that is not success-like, including a `syncing` left behind by a crash, is
 * tried again on the next tick).
 */
import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { Design, RunManifest } from "../contract/types.js";
import { isSuccessLike } from "../contract/vocabulary.js";
import { AutolabError } from "../util/errors.js";
import { describeFailure, runArgv, type ExecResult } from "../util/exec.js";
import { resolveInside } from "../util/fs.js";
import { RUN_PLACEHOLDERS, substitutePlaceholders } from "../domain/placeholders.js";

export type SyncMode = "shared" | "rsync";

export interface ArtifactSyncConfig {
  mode: SyncMode;
  /** Paths relative to the run dir that must exist after the sync (a trailing `/` means a directory). */
  outputs?: string[];
  /** rsync mode: remote path, placeholders allowed (e.g. `login2:/scratch/me/{run_id}/`). */
  source?: string;
  /** Wall-clock limit of one rsync attempt (also rsync's own I/O `--timeout`). */
  timeoutSeconds?: number;
  /** Extra attempts after a failed one, within one call. */
  retries?: number;
  /** rsync program (default `rsync`). */
  rsyncBin?: string;
}

export const DEFAULT_SYNC_TIMEOUT_SECONDS = 600;
export const DEFAULT_SYNC_RETRIES = 2;
/** Local directories rsync uses for interrupted transfers and for replaced files. */
export const RSYNC_PARTIAL_DIR = ".autolab-rsync-partial";
export const RSYNC_BACKUP_DIR = ".autolab-sync-backup";
/** Files the tool owns in a run dir: never taken from the remote side. */
export const PROTECTED_RUN_FILES = ["run_manifest.json", "run_slurm.sbatch", "metrics.json"] as const;
/** How many copied paths `syncRecord` keeps in the manifest. */
export const SYNC_RECORD_MAX_COPIED = 50;

export interface SyncConfigSources {
  /** Repository-relative path of design.yaml, for error messages. */
  designFile?: string;
  /** Repository-relative path of the policy file, for error messages. */
  policyFile?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * The artifact_sync configuration for a run: design.yaml `artifact_sync`
 * over policy `slurm.artifact_sync` (key by key), over the default (shared
 * mode, no required outputs). Wrong types are an AutolabError naming the file
 * and key.
 */
export function resolveSyncConfig(
  design: Design,
  policy: unknown,
  sources: SyncConfigSources = {},
): ArtifactSyncConfig {
  const fromDesign = design.artifact_sync;
  const slurm = isObject(policy) ? policy.slurm : undefined;
  const fromPolicy = isObject(slurm) ? slurm.artifact_sync : undefined;
  const layers: Array<{ block: unknown; file?: string; base: string }> = [
    { block: fromPolicy, file: sources.policyFile, base: "/slurm/artifact_sync" },
    { block: fromDesign, file: sources.designFile, base: "/artifact_sync" },
  ];
  const cfg: ArtifactSyncConfig = { mode: "shared", outputs: [] };
  let sourceFrom: { file?: string; base: string } | undefined;
  for (const { block, file, base } of layers) {
    if (block === undefined || block === null) continue;
    const bad = (key: string, msg: string) =>
      new AutolabError(`artifact_sync${key ? "." + key : ""} ${msg}`, {
        file,
        jsonPath: base + (key ? "/" + key : ""),
      });
    if (!isObject(block)) throw bad("", "must be a mapping");
    if (block.mode !== undefined) {
      if (block.mode !== "shared" && block.mode !== "rsync") throw bad("mode", 'must be "shared" or "rsync"');
      cfg.mode = block.mode;
    }
    if (block.outputs !== undefined) {
      if (!Array.isArray(block.outputs) || block.outputs.some((o) => typeof o !== "string" || o === ""))
        throw bad("outputs", "must be a list of paths relative to the run directory");
      cfg.outputs = [...(block.outputs as string[])];
    }
    if (block.source !== undefined) {
      if (typeof block.source !== "string" || block.source === "") throw bad("source", "must be a non-empty string");
      cfg.source = block.source;
      sourceFrom = { file, base };
    }
    if (block.timeout_seconds !== undefined) {
      const t = block.timeout_seconds;
      if (typeof t !== "number" || !Number.isInteger(t) || t < 1)
        throw bad("timeout_seconds", "must be a positive integer");
      cfg.timeoutSeconds = t;
    }
    if (block.retries !== undefined) {
      const r = block.retries;
      if (typeof r !== "number" || !Number.isInteger(r) || r < 0)
        throw bad("retries", "must be a non-negative integer");
      cfg.retries = r;
    }
    if (block.rsync_bin !== undefined) {
      if (typeof block.rsync_bin !== "string" || block.rsync_bin === "")
        throw bad("rsync_bin", "must be a program name or path");
      cfg.rsyncBin = block.rsync_bin;
    }
  }
  if (cfg.mode === "rsync") {
    if (cfg.source === undefined) {
      throw new AutolabError("artifact_sync.mode is rsync but no artifact_sync.source is given", {
        file: sources.designFile,
        jsonPath: "/artifact_sync/source",
        hint: 'add e.g. source: "login2:/scratch/me/{run_id}/"',
      });
    }
    if (cfg.source.startsWith("-")) {
      throw new AutolabError("artifact_sync.source must not start with '-'", {
        file: sourceFrom?.file,
        jsonPath: (sourceFrom?.base ?? "/artifact_sync") + "/source",
        hint: "give a path or host:path",
      });
    }
  }
  return cfg;
}

export interface SyncContext {
  repoRoot: string;
  /** Absolute run directory (`experiments/<bucket>/<iteration>/runs/<run_id>`). */
  runDir: string;
  runId: string;
  iterationId: string;
  /** Repository-relative iteration directory. */
  iterationPath: string;
  config: ArtifactSyncConfig;
  now?: () => Date;
  /** Wait between attempts (default: real sleep). Backoff is 2 s, 4 s, 8 s ... capped at 60 s. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncResult {
  status: "ok" | "failed";
  mode: SyncMode;
  /** Run-dir-relative paths rsync transferred (files and links, not directories); empty in shared mode. */
  copied: string[];
  /** Configured outputs that are not in the run dir afterwards. */
  missing: string[];
  error?: string;
  attempts: number;
  /** When the sync finished (ISO 8601). */
  at: string;
  /** rsync mode: the source after placeholder substitution. */
  source?: string;
}

/** Whether an output path exists in the run dir; a trailing `/` asks for a directory. Throws when it escapes. */
function outputPresent(runDir: string, output: string): boolean {
  const abs = resolveInside(runDir, output, "artifact_sync output");
  if (!existsSync(abs)) return false;
  if (output.endsWith("/")) return statSync(abs).isDirectory();
  return true;
}

/** Configured outputs missing from the run dir, plus an error text for outputs that leave it. */
export function checkOutputs(runDir: string, outputs: string[]): { missing: string[]; errors: string[] } {
  const missing: string[] = [];
  const errors: string[] = [];
  for (const o of outputs) {
    try {
      if (!outputPresent(runDir, o)) missing.push(o);
    } catch (e) {
      missing.push(o);
      errors.push(
        e instanceof AutolabError ? e.message.replace("leaves the repository", "leaves the run directory") : String(e),
      );
    }
  }
  return { missing, errors };
}

/**
 * Paths transferred, from rsync `--itemize-changes` output: lines `YXcstpoguax name`
 * where Y is `>` (received) or `c` (created locally, e.g. a symlink) and X is
 * not `d` (directories are not listed). ` -> target` of symlinks is dropped.
 */
export function parseItemized(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^([<>ch.*])([fdLDS])(\S{9,10}) (.+)$/.exec(line.replace(/\r$/, ""));
    if (!m) continue;
    const [, y, x, , rest] = m;
    if (x === "d") continue;
    if (y !== ">" && y !== "c") continue;
    const name = x === "L" ? rest.replace(/ -> .*$/, "") : rest;
    out.push(name);
  }
  return out;
}

/**
 * rsync exit codes that will not get better by trying again within the same
 * tick: 1 syntax/usage, 2 protocol incompatibility, 3 errors selecting input
 * or output files (e.g. the source does not exist yet), 4 unsupported action.
 */
const RSYNC_NOT_RETRYABLE = new Set([1, 2, 3, 4]);

function retryable(r: ExecResult): boolean {
  if (r.spawnError) return false;
  if (r.timedOut || r.code === null) return true;
  return !RSYNC_NOT_RETRYABLE.has(r.code);
}

/** The rsync argv (without the program) for one attempt. Never contains an option that removes local files. */
export function rsyncArgs(source: string, runDir: string, timeoutSeconds: number): string[] {
  const src = source.endsWith("/") || source.endsWith(":") ? source : source + "/";
  const dest = runDir.endsWith("/") ? runDir : runDir + "/";
  return [
    "-a",
    // -a implies -D (--devices --specials): a job could leave a named pipe (or a
    // device node) for a later reader to block on. Only files, dirs and links.
    "--no-devices",
    "--no-specials",
    // The remote path is passed to the remote side as data, never parsed by
    // its shell (a `$(...)` in a design's source cannot run anything there).
    "--protect-args",
    // A symlink from the remote that points outside the copied tree is not
    // copied (it could make the monitor read and commit files it must not).
    "--safe-links",
    "--partial",
    `--partial-dir=${RSYNC_PARTIAL_DIR}`,
    "--backup",
    `--backup-dir=${RSYNC_BACKUP_DIR}`,
    "--itemize-changes",
    `--timeout=${timeoutSeconds}`,
    ...PROTECTED_RUN_FILES.map((f) => `--exclude=/${f}`),
    `--exclude=/${RSYNC_BACKUP_DIR}/`,
    "--",
    src,
    dest,
  ];
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Bring the run's outputs into the run dir. Never throws for a failed transfer: the result says `failed`. */
export async function syncArtifacts(ctx: SyncContext): Promise<SyncResult> {
  const now = ctx.now ?? (() => new Date());
  const { config } = ctx;
  const outputs = config.outputs ?? [];
  const done = (r: Omit<SyncResult, "at" | "mode">): SyncResult => ({
    ...r,
    mode: config.mode,
    at: now().toISOString(),
  });

  if (config.mode === "shared") {
    if (!existsSync(ctx.runDir)) {
      return done({
        status: "failed",
        copied: [],
        missing: [...outputs],
        attempts: 1,
        error: `run directory ${ctx.runDir} does not exist`,
      });
    }
    const { missing, errors } = checkOutputs(ctx.runDir, outputs);
    const error = [
      ...errors,
      ...(missing.length ? [`missing outputs in the run directory: ${missing.join(", ")}`] : []),
    ].join("; ");
    return done({
      status: missing.length ? "failed" : "ok",
      copied: [],
      missing,
      attempts: 1,
      ...(error ? { error } : {}),
    });
  }

  // rsync mode
  let source: string;
  try {
    if (!config.source) throw new AutolabError("artifact_sync.source is required in rsync mode");
    source = substitutePlaceholders(
      config.source,
      {
        run_id: ctx.runId,
        iteration_id: ctx.iterationId,
        iteration_path: ctx.iterationPath,
        run_dir: ctx.runDir,
        repo_root: ctx.repoRoot,
      },
      { what: "artifact_sync.source", jsonPath: "/artifact_sync/source" },
      RUN_PLACEHOLDERS,
    );
    if (source.startsWith("-"))
      throw new AutolabError(`artifact_sync.source ${JSON.stringify(source)} must not start with '-'`);
  } catch (e) {
    return done({ status: "failed", copied: [], missing: [...outputs], attempts: 0, error: (e as Error).message });
  }

  await mkdir(ctx.runDir, { recursive: true });
  const timeoutSeconds = config.timeoutSeconds ?? DEFAULT_SYNC_TIMEOUT_SECONDS;
  const maxAttempts = 1 + (config.retries ?? DEFAULT_SYNC_RETRIES);
  const bin = config.rsyncBin ?? "rsync";
  const sleep = ctx.sleep ?? realSleep;
  const copied: string[] = [];
  const seen = new Set<string>();
  let attempts = 0;
  let lastError = "";
  while (attempts < maxAttempts) {
    if (attempts > 0) await sleep(Math.min(60_000, 2000 * 2 ** (attempts - 1)));
    attempts++;
    const r = await runArgv(bin, rsyncArgs(source, ctx.runDir, timeoutSeconds), {
      cwd: ctx.runDir,
      timeoutMs: timeoutSeconds * 1000,
    });
    for (const p of parseItemized(r.stdout)) {
      if (p.startsWith(RSYNC_PARTIAL_DIR + "/") || p.startsWith(RSYNC_BACKUP_DIR + "/")) continue;
      if (!seen.has(p)) {
        seen.add(p);
        copied.push(p);
      }
    }
    if (r.code === 0 && !r.timedOut && !r.spawnError) {
      const { missing, errors } = checkOutputs(ctx.runDir, outputs);
      if (missing.length === 0) return done({ status: "ok", copied, missing, attempts, source });
      const error = [
        ...errors,
        `rsync finished but outputs are missing in the run directory: ${missing.join(", ")}`,
      ].join("; ");
      return done({ status: "failed", copied, missing, attempts, source, error });
    }
    lastError = describeFailure(r);
    if (!retryable(r)) break;
  }
  const { missing } = checkOutputs(ctx.runDir, outputs);
  return done({
    status: "failed",
    copied,
    missing,
    attempts,
    source,
    error: `rsync from ${source} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastError}`,
  });
}

/** The `artifact_sync_to_local` record the monitor stores after a sync. */
export interface SyncRecord {
  status: "ok" | "failed";
  mode: SyncMode;
  source?: string;
  copied_count: number;
  /** The first SYNC_RECORD_MAX_COPIED copied paths. */
  copied: string[];
  missing: string[];
  error?: string;
  attempts: number;
  synced_at: string;
  [k: string]: unknown;
}

export function syncRecord(result: SyncResult, maxCopied = SYNC_RECORD_MAX_COPIED): SyncRecord {
  return {
    status: result.status,
    mode: result.mode,
    ...(result.source !== undefined ? { source: result.source } : {}),
    copied_count: result.copied.length,
    copied: result.copied.slice(0, maxCopied),
    missing: [...result.missing],
    ...(result.error !== undefined ? { error: result.error } : {}),
    attempts: result.attempts,
    synced_at: result.at,
  };
}

/** The record to store just before a sync starts. */
export function syncingRecord(
  previous: RunManifest["artifact_sync_to_local"] | undefined,
): RunManifest["artifact_sync_to_local"] {
  return { ...(previous ?? {}), status: "syncing" };
}

/**
 * Whether the monitor should (re)try the sync for a finished run: yes unless
 * the recorded status is success-like (`ok`, or a legacy `completed`, or a
 * human's manual `ok` after an rsync by hand).
 */
export function needsSync(manifest: Pick<RunManifest, "artifact_sync_to_local">): boolean {
  return !isSuccessLike(manifest.artifact_sync_to_local?.status);
}
