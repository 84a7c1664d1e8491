/**
 * Thin git adapter: every call is `git <args>` through `runArgv` (argv, no
 * shell, timeout), with a fixed environment so that output is parseable and
 * nothing can prompt or be redirected:
 *
 * - `LC_ALL=C` (English messages we can classify), `GIT_TERMINAL_PROMPT=0` and
 *   `GCM_INTERACTIVE=never` (never wait for a password), `GIT_OPTIONAL_LOCKS=0`
 *   (read-only commands do not take the index lock from under the user),
 *   `GIT_LITERAL_PATHSPECS=1` (a path is a path: no globs, no pathspec magic);
 * - `GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`, ... inherited from a caller
 *   (e.g. when run from a hook) are removed, so `repo` is what is operated on;
 * - per-command configuration is passed through `GIT_CONFIG_COUNT` /
 *   `GIT_CONFIG_KEY_n` / `GIT_CONFIG_VALUE_n` (never written to `.git/config`,
 *   and, unlike `-c`, not visible to other users in `ps`). Credentials go only
 *   this way.
 *
 * - the hardening of harden.ts (no hooks, no fsmonitor, no filter driver of
 *   the repository's own config) is appended after the caller's config, so
 *   nothing the caller or the repository sets can switch it off.
 *
 * A failing command throws an AutolabError carrying git's stderr, with every
 * secret (tokens, their base64 forms, URL user-info) redacted.
 */
import { AutolabError } from "../util/errors.js";
import { describeFailure, ok, runArgv, type ExecResult } from "../util/exec.js";
import { redactSecrets } from "../util/secrets.js";
import { baseHardening, driverNeutralizers, parseScopedConfig, runsFilters } from "./harden.js";

export interface GitOptions {
  /** Extra environment (e.g. `GIT_INDEX_FILE`, identity variables). */
  env?: Record<string, string | undefined>;
  /** Per-command configuration, passed via `GIT_CONFIG_*` environment variables. */
  config?: Record<string, string> | Array<[string, string]>;
  input?: string;
  /** Default 60 s; network commands should pass more. */
  timeoutMs?: number;
  /** Return the result instead of throwing when git fails. */
  allowFailure?: boolean;
  /** Strings that must never appear in messages (in addition to URL user-info). */
  secrets?: string[];
  /** What the call was for, used in the error message. */
  what?: string;
}

/** Environment variables that would make git operate on something other than `repo`. */
const SCRUBBED_ENV = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
  "GIT_CEILING_DIRECTORIES",
  // Read after GIT_CONFIG_COUNT, so it could undo the hardening below.
  "GIT_CONFIG_PARAMETERS",
];

/** Replace secrets (these, and every one the process knows: util/secrets) and URL credentials in `text` by `***`. */
export function redact(text: string, secrets: string[] = []): string {
  let out = redactSecrets(text, secrets);
  // scheme://user:pass@host or scheme://token@host
  out = out.replace(/([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/\s@'"]+@/g, "$1***@");
  // An Authorization header that slipped into a trace.
  out = out.replace(/(authorization:\s*(?:basic|bearer|token)\s+)[A-Za-z0-9+/=._-]+/gi, "$1***");
  return out;
}

function buildEnv(opts: GitOptions, hardening: Array<[string, string]>): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    LC_ALL: "C",
    LANGUAGE: undefined,
    GIT_TERMINAL_PROMPT: "0",
    GCM_INTERACTIVE: "never",
    GIT_OPTIONAL_LOCKS: "0",
    // Every pathspec we pass is a literal path (no globs, no `:(magic)`).
    GIT_LITERAL_PATHSPECS: "1",
  };
  for (const k of SCRUBBED_ENV) env[k] = undefined;
  const cfg = [...(Array.isArray(opts.config) ? opts.config : Object.entries(opts.config ?? {})), ...hardening];
  if (cfg.length) {
    // Append after any GIT_CONFIG_* entries the caller's environment already has.
    const base = Number.parseInt(process.env.GIT_CONFIG_COUNT ?? "0", 10);
    const start = Number.isFinite(base) && base > 0 ? base : 0;
    cfg.forEach(([k, v], i) => {
      env[`GIT_CONFIG_KEY_${start + i}`] = k;
      env[`GIT_CONFIG_VALUE_${start + i}`] = v;
    });
    env.GIT_CONFIG_COUNT = String(start + cfg.length);
  }
  const out = { ...env, ...(opts.env ?? {}) };
  // The caller's env cannot replace the config entries (or their count) set above.
  for (const k of Object.keys(env)) if (k.startsWith("GIT_CONFIG_")) out[k] = env[k];
  return out;
}

/** The command-scope hardening for `git <args>` in `repo` (see harden.ts). */
async function hardeningFor(repo: string, args: string[], opts: GitOptions): Promise<Array<[string, string]>> {
  const base = baseHardening();
  if (!runsFilters(args)) return base;
  const r = await runArgv("git", ["config", "--list", "--null", "--show-scope", "--includes"], {
    cwd: repo,
    env: buildEnv({ env: opts.env }, base),
    timeoutMs: 30_000,
  });
  if (!ok(r) && r.code !== 1) throw gitError(r, "reading the repository's git config", [], repo);
  return [...driverNeutralizers(parseScopedConfig(r.stdout)), ...base];
}

/**
 * Run `git <args>` in `repo`. Throws an AutolabError (naming the command and
 * git's stderr, redacted) when git fails, unless `allowFailure`.
 */
export async function git(repo: string, args: string[], opts: GitOptions = {}): Promise<ExecResult> {
  const r = await runArgv("git", args, {
    cwd: repo,
    env: buildEnv(opts, await hardeningFor(repo, args, opts)),
    input: opts.input,
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  const secrets = opts.secrets ?? [];
  const clean: ExecResult = {
    ...r,
    stdout: secrets.length ? redact(r.stdout, secrets) : r.stdout,
    stderr: redact(r.stderr, secrets),
  };
  if (ok(r) || opts.allowFailure) return clean;
  throw gitError(clean, opts.what, secrets, repo);
}

/** The AutolabError for a failed git call (message redacted). */
export function gitError(r: ExecResult, what: string | undefined, secrets: string[] = [], repo?: string): AutolabError {
  const cmd = `git ${r.args.slice(0, 3).join(" ")}${r.args.length > 3 ? " ..." : ""}`;
  const msg = redact(`${what ? what + ": " : ""}${cmd} failed: ${describeFailure(r)}`, secrets);
  return new AutolabError(msg, {
    file: repo,
    hint: r.spawnError ? "install git and make sure it is on PATH" : undefined,
  });
}

export async function isGitRepo(dir: string): Promise<boolean> {
  const r = await git(dir, ["rev-parse", "--is-inside-work-tree"], { allowFailure: true });
  return ok(r) && r.stdout.trim() === "true";
}

/** Absolute path of the work tree's top level. */
export async function topLevel(dir: string): Promise<string> {
  const r = await git(dir, ["rev-parse", "--show-toplevel"], { allowFailure: true });
  if (!ok(r)) {
    throw new AutolabError("not inside a git work tree", {
      file: dir,
      hint: "run inside a git checkout (git clone / git init)",
    });
  }
  return r.stdout.trim();
}

/** Commit id HEAD points at, or undefined on an unborn branch (no commit yet). */
export async function headSha(repo: string): Promise<string | undefined> {
  return revParse(repo, "HEAD");
}

/** Commit id of `rev` (peeled to a commit), or undefined when it does not exist. */
export async function revParse(repo: string, rev: string): Promise<string | undefined> {
  const r = await git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], {
    allowFailure: true,
  });
  return ok(r) ? r.stdout.trim() : undefined;
}

/** Short name of the checked-out branch; undefined when HEAD is detached. */
export async function currentBranch(repo: string): Promise<string | undefined> {
  const r = await git(repo, ["symbolic-ref", "--quiet", "--short", "HEAD"], { allowFailure: true });
  return ok(r) ? r.stdout.trim() || undefined : undefined;
}

export async function hasRemote(repo: string, name = "origin"): Promise<boolean> {
  const r = await git(repo, ["remote"], { allowFailure: true });
  return ok(r) && r.stdout.split("\n").some((l) => l.trim() === name);
}

/** The remote's URL with any credentials replaced by `***`; undefined when there is no such remote. */
export async function remoteUrlRedacted(repo: string, name = "origin"): Promise<string | undefined> {
  const r = await git(repo, ["remote", "get-url", "--", name], { allowFailure: true });
  return ok(r) ? redact(r.stdout.trim()) : undefined;
}

export interface StatusEntry {
  /** Two status letters as in `git status --porcelain` (`??` untracked, ` M`, `A `, `D `, `R `...). */
  xy: string;
  /** Repository-relative path with forward slashes (directories of untracked files end with `/` unless `untracked: "all"`). */
  path: string;
  /** Source of a rename/copy. */
  origPath?: string;
}

/**
 * `git status --porcelain=v1 -z`, parsed. `paths` limits it to those
 * pathspecs; `untracked` as git's `--untracked-files` (default "all").
 */
export async function statusPorcelain(
  repo: string,
  paths?: string[],
  untracked: "all" | "normal" | "no" = "all",
): Promise<StatusEntry[]> {
  const args = ["status", "--porcelain=v1", "-z", `--untracked-files=${untracked}`, "--ignore-submodules=none"];
  if (paths) {
    if (paths.length === 0) return [];
    args.push("--", ...paths);
  }
  const r = await git(repo, args, { what: "reading the work-tree status" });
  const parts = r.stdout.split("\0");
  const out: StatusEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const rec = parts[i];
    if (rec.length < 4) continue;
    const xy = rec.slice(0, 2);
    const e: StatusEntry = { xy, path: rec.slice(3) };
    if (xy[0] === "R" || xy[0] === "C") e.origPath = parts[++i];
    out.push(e);
  }
  return out;
}

/** Is `ancestor` an ancestor of (or equal to) `descendant`? */
export async function isAncestor(repo: string, ancestor: string, descendant: string): Promise<boolean> {
  const r = await git(repo, ["merge-base", "--is-ancestor", ancestor, descendant], { allowFailure: true });
  if (r.code === 0) return true;
  if (r.code === 1) return false;
  throw gitError(r, "checking commit ancestry", [], repo);
}
