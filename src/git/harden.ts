/**
 * The repository's own configuration (`.git/config`, `config.worktree`, and
 * whatever they include) is written by whoever can write the checkout — on a
 * self-hosted runner that includes the job. Nothing in it may run code during
 * the tool's git commands. Every call therefore gets, at command scope (which
 * wins over every config file):
 *
 * - `core.hooksPath` = an empty directory this process made (mode 0700,
 *   checked empty and ours before every use, replaced otherwise): no hook in
 *   `.git/hooks` or elsewhere runs (`reference-transaction`, `pre-push`,
 *   `post-checkout`, ...);
 * - `core.fsmonitor=false` (the fsmonitor is a program git would run);
 * - `gc.auto=0`, `maintenance.auto=false` (no background work we did not ask for);
 * - `commit.gpgSign=false`, `tag.gpgSign=false`: a commit the tool makes (or a
 *   rebase replays) never runs the `gpg.program` / `gpg.ssh.program` the
 *   repository's config could name;
 * - for every command that may run content filters or merge (all but a known
 *   list of ref/object commands): every `filter.<driver>.*` command the
 *   repository's own config defines is replaced by an empty one (no filter)
 *   and made optional, and every `merge.<driver>.driver` it defines is
 *   replaced by `false` (a path whose attributes name that driver conflicts
 *   instead of running the program; the caller then aborts). Drivers from the
 *   user's global/system config (e.g. git-lfs) are left alone: the job cannot
 *   write those through the checkout.
 *
 * Network commands never run in the repository at all: see remote.ts.
 */
import { lstatSync, mkdtempSync, readdirSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

let hooksDir: string | undefined;

/** An empty directory made by this process, checked before every use. */
export function emptyHooksDir(): string {
  if (hooksDir && isOurEmptyDir(hooksDir)) return hooksDir;
  hooksDir = mkdtempSync(path.join(tmpdir(), "autolab-nohooks-"));
  const made = hooksDir;
  process.once("exit", () => {
    try {
      rmdirSync(made);
    } catch {
      // not empty or gone: leave it
    }
  });
  return made;
}

function isOurEmptyDir(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    const uid = typeof process.getuid === "function" ? process.getuid() : st.uid;
    return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0 && readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}

/** Settings every git call of the tool gets at command scope. */
export function baseHardening(): Array<[string, string]> {
  return [
    ["core.hooksPath", emptyHooksDir()],
    ["core.fsmonitor", "false"],
    ["gc.auto", "0"],
    ["maintenance.auto", "false"],
    ["commit.gpgSign", "false"],
    ["tag.gpgSign", "false"],
  ];
}

/**
 * Sub-commands that never read or write work-tree content, so never run a
 * clean or smudge filter. Every other sub-command (add, rm, status,
 * checkout-index, hash-object, worktree, reset, ...) gets the filter
 * neutralizers: an unknown command is assumed to filter.
 */
const NO_FILTERS = new Set([
  "cat-file",
  "check-ref-format",
  "commit-tree",
  "config",
  "count-objects",
  "diff-tree",
  "fetch",
  "for-each-ref",
  "init",
  "log",
  "ls-remote",
  "ls-tree",
  "merge-base",
  "push",
  "remote",
  "rev-list",
  "rev-parse",
  "show-ref",
  "symbolic-ref",
  "update-ref",
  "version",
]);

/** The git sub-command of `args` (the first argument that is not an option). */
export function subcommand(args: string[]): string | undefined {
  return args.find((a) => !a.startsWith("-"));
}

export function runsFilters(args: string[]): boolean {
  const sub = subcommand(args);
  return sub !== undefined && !NO_FILTERS.has(sub) && !(sub === "hash-object" && args.includes("--no-filters"));
}

/**
 * Parse `git config --list --null --show-scope --includes` output into
 * `[scope, key, value]` triples.
 */
export function parseScopedConfig(out: string): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [];
  const parts = out.split("\0");
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const scope = parts[i];
    const entry = parts[i + 1];
    const nl = entry.indexOf("\n");
    rows.push([scope, nl < 0 ? entry : entry.slice(0, nl), nl < 0 ? "" : entry.slice(nl + 1)]);
  }
  return rows;
}

/** Scopes a job can write through the checkout. */
export function isRepositoryScope(scope: string): boolean {
  return scope === "local" || scope === "worktree";
}

/**
 * Command-scope settings that switch off every filter driver and every merge
 * driver the repository's config defines.
 */
export function driverNeutralizers(rows: Array<[string, string, string]>): Array<[string, string]> {
  const filters = new Set<string>();
  const merges = new Set<string>();
  for (const [scope, key] of rows) {
    if (!isRepositoryScope(scope)) continue;
    const f = /^filter\.(.+)\.(clean|smudge|process|required)$/i.exec(key);
    if (f) filters.add(f[1]);
    const m = /^merge\.(.+)\.(driver|recursive)$/i.exec(key);
    if (m) merges.add(m[1]);
  }
  const out: Array<[string, string]> = [];
  for (const d of filters) {
    for (const k of ["clean", "smudge", "process"]) out.push([`filter.${d}.${k}`, ""]);
    out.push([`filter.${d}.required`, "false"]);
  }
  for (const d of merges) {
    out.push([`merge.${d}.driver`, "false"]);
    // A driver's `recursive` names another driver for the inner merge: the built-in text one.
    out.push([`merge.${d}.recursive`, "text"]);
  }
  return out;
}
