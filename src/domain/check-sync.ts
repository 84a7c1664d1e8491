/**
 * What GitHub was last told, and what it must be told next: the memory of
 * posted check runs and findings, and the order in which drift is repaired.
 * Pure (store/check-memory.ts keeps the file in the git dir).
 *
 * Per run: the check run's id and commit once known, the fingerprint of what
 * was last posted (`posted`), the fingerprint of what the manifest now says
 * (`want`), the manifest's (and metrics') file stamp `want` was computed
 * from, and since when the two differ (`since`). A run drifts while
 * `want !== posted`: a failed post keeps it drifting, so the next tick posts
 * it again; the oldest drift goes first, so a budget that cannot post all of
 * them never starves one.
 *
 * Per findings check (e.g. `autolab monitor`): the fingerprint of the
 * findings last posted and when, so unchanged findings are not posted again.
 *
 * Why the git dir and not the check run's own output: knowing what GitHub
 * shows from the check run itself costs a list call per launch commit per
 * tick, which is the very cost the budget is for; the memory costs no call.
 * It is per checkout: a fresh clone knows nothing and repairs each run once
 * (looked up by name and external id, so no duplicate is created). The job
 * can write the git dir, so it could make a check look posted: the worst it
 * can do is leave a check stale, never make one say what the manifest does
 * not.
 */

export const CHECK_MEMORY_FORMAT = 1;

export interface PostedRun {
  /** The check run's id, once created or found. */
  id?: number;
  /** The commit it sits on (the launch commit). */
  sha?: string;
  /** Fingerprint of the body last posted. */
  posted?: string;
  /** Fingerprint of the body the manifest now asks for. */
  want?: string;
  /** Stamp of the files `want` was computed from. */
  stamp?: string;
  /** Repository-relative manifest path `want` was computed from. */
  path?: string;
  /** When `want` first differed from `posted` (ISO). */
  since?: string;
  /** The run's status as the files `want` was computed from say (a sweep's check counts its tasks by it). */
  status?: string;
  /** The run's sweep id, when it is a task of a sweep. */
  sweep?: string;
  /** A failed run's failure reason. */
  failure?: string;
}

/** The memory key of a sweep's check run (run ids never hold a colon). */
export function sweepKey(sweepId: string): string {
  return `sweep:${sweepId}`;
}

export interface PostedFindings {
  fingerprint: string;
  at: string;
  count: number;
  checkRunId?: number;
}

export interface CheckMemory {
  /** `owner/repo` the memory is for. */
  repository: string;
  runs: Map<string, PostedRun>;
  findings: Map<string, PostedFindings>;
}

export function emptyMemory(repository: string): CheckMemory {
  return { repository, runs: new Map(), findings: new Map() };
}

/** The memory in `text`, or an empty one when missing, corrupt, another format or another repository. */
export function parseCheckMemory(text: string | undefined, repository: string): CheckMemory {
  if (!text) return emptyMemory(repository);
  try {
    const j = JSON.parse(text) as { format?: unknown; repository?: unknown; runs?: unknown; findings?: unknown };
    if (j.format !== CHECK_MEMORY_FORMAT || j.repository !== repository) return emptyMemory(repository);
    const runs = new Map<string, PostedRun>();
    for (const [k, v] of Object.entries((j.runs ?? {}) as Record<string, PostedRun>)) {
      if (v && typeof v === "object") runs.set(k, v);
    }
    const findings = new Map<string, PostedFindings>();
    for (const [k, v] of Object.entries((j.findings ?? {}) as Record<string, PostedFindings>)) {
      if (v && typeof v === "object" && typeof v.fingerprint === "string") findings.set(k, v);
    }
    return { repository, runs, findings };
  } catch {
    return emptyMemory(repository);
  }
}

export function serializeCheckMemory(m: CheckMemory): string {
  return JSON.stringify({
    format: CHECK_MEMORY_FORMAT,
    repository: m.repository,
    runs: Object.fromEntries([...m.runs].sort(([a], [b]) => a.localeCompare(b))),
    findings: Object.fromEntries(m.findings),
  });
}

/** A run whose check is not what its manifest says. */
export function drifts(e: PostedRun): boolean {
  return e.want !== undefined && e.want !== e.posted;
}

/** Note what the manifest now asks for; drift starts (or goes on) from `at`. */
export function wantNow(e: PostedRun, want: string, stamp: string, path: string, at: string): void {
  e.want = want;
  e.stamp = stamp;
  e.path = path;
  if (e.want === e.posted) delete e.since;
  else e.since ??= at;
}

/** The run ids to post, oldest drift first (then by run id). */
export function driftOrder(runs: ReadonlyMap<string, PostedRun>): string[] {
  return [...runs]
    .filter(([, e]) => drifts(e))
    .sort(([a, x], [b, y]) => (x.since ?? "").localeCompare(y.since ?? "") || a.localeCompare(b))
    .map(([id]) => id);
}

/** After a post that landed: the check is what the manifest said. */
export function posted(e: PostedRun, fingerprint: string, id: number, sha: string): void {
  e.posted = fingerprint;
  e.id = id;
  e.sha = sha;
  if (e.want === fingerprint) delete e.since;
}
