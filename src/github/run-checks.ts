/**
 * Check-run reconciliation: every tick makes each run's check run say what
 * its manifest says on the branch, within the tick's API budget.
 *
 * - It runs after the tick's change set landed and reads the manifests (and
 *   metrics) from the work tree, which then holds the landed version: a tick
 *   whose decision for a run was superseded (another writer moved the run,
 *   the push was replayed on a new head) posts what landed, never its own
 *   discarded decision.
 * - What was posted is remembered in the git dir (domain/check-sync.ts says
 *   why there). A run whose manifest and metrics have the stamp they had
 *   when the memory was written is not read again; a run whose check does
 *   not match (a new state, or a post that failed: Octokit's retries spent,
 *   the budget spent) drifts, and drifting runs are posted oldest drift
 *   first, as many as the budget allows; the rest wait for the next tick.
 * - A known check run is updated by id (one call); otherwise it is looked up
 *   on the launch commit by name and external id, then updated or created
 *   (two calls), so a lost memory never makes a duplicate.
 */
import { git } from "../git/git.js";
import { statusOf } from "../domain/run.js";
import { drifts, driftOrder, posted, wantNow, type CheckMemory, type PostedRun } from "../domain/check-sync.js";
import { runCheckFingerprint, runCheckOf, runDetailsUrl, type RunCheckBody } from "../report/run-check.js";
import { discoverRuns, type DiscoveredRun } from "../store/discover.js";
import { factsStamp, readManifestOf, readMetricsOf } from "../store/run-facts.js";
import { isBudgetExhausted, remaining, type ApiBudget, type Octokit } from "./client.js";
import { upsertRunCheck } from "./checks.js";

export interface ReconcileInput {
  octokit: Octokit;
  budget: ApiBudget;
  root: string;
  owner: string;
  repo: string;
  /** GITHUB_SERVER_URL, for details_url. */
  serverUrl: string;
  memory: CheckMemory;
  /** Calls to leave in the budget for what comes after (the findings check run). */
  reserve?: number;
  /** Failed runs' log tails from this tick (they are not in the files). */
  logTails?: ReadonlyMap<string, string>;
  /** Runs to post before the oldest drift (the run a launch just made). */
  first?: readonly string[];
  /** The commit to use when the manifest's launch commit cannot be found. */
  fallbackSha?: string;
  now: Date;
}

export interface ReconcileResult {
  /** Check runs created or updated. */
  posted: number;
  /** Runs still drifting after this tick (budget spent, or a post failed). */
  left: number;
  /** Warnings for the summary (posts that failed). */
  notes: string[];
}

/** The commit that added a run's manifest: the launch commit, where its check run belongs. */
export async function launchCommit(root: string, manifestPath: string): Promise<string | undefined> {
  try {
    const r = await git(root, ["log", "--diff-filter=A", "--format=%H", "-1", "--", manifestPath], {
      allowFailure: true,
    });
    const sha = r.stdout.trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** The check body of a run as its files now say, or undefined when its manifest cannot be read. */
async function bodyOf(r: DiscoveredRun, logTail: string | undefined): Promise<RunCheckBody | undefined> {
  try {
    const manifest = await readManifestOf(r);
    if (typeof manifest.run_id !== "string") return undefined;
    // A log tail only for a run the landed manifest says failed (never from a decision that did not land).
    const tail = statusOf(manifest) === "failed" ? logTail : undefined;
    return runCheckOf({ manifest, manifestPath: r.manifestDisplay, metrics: await readMetricsOf(r), logTail: tail });
  } catch {
    return undefined; // monitor and verify report unreadable manifests; the check is left as it is
  }
}

/** Post one run's check; returns the id and commit it sits on. */
async function post(
  i: ReconcileInput,
  r: DiscoveredRun,
  e: PostedRun,
  body: RunCheckBody,
): Promise<{ id: number; sha: string }> {
  const sha = e.sha ?? (await launchCommit(i.root, r.manifestDisplay)) ?? i.fallbackSha;
  if (!sha) throw new Error(`no launch commit found for ${r.manifestDisplay}`);
  const res = await upsertRunCheck(i.octokit, {
    owner: i.owner,
    repo: i.repo,
    headSha: sha,
    runId: body.external_id,
    checkRunId: e.id,
    status: body.status,
    conclusion: body.conclusion,
    title: body.title,
    summary: body.summary,
    text: body.text,
    name: body.name,
    startedAt: body.started_at,
    completedAt: body.completed_at,
    detailsUrl: runDetailsUrl({
      serverUrl: i.serverUrl,
      owner: i.owner,
      repo: i.repo,
      sha,
      manifestPath: r.manifestDisplay,
    }),
  });
  return { id: res.checkRunId, sha };
}

/** Bring every run's check run in line with its manifest, as far as the budget allows. */
export async function reconcileRunChecks(i: ReconcileInput): Promise<ReconcileResult> {
  const at = i.now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const { runs } = await discoverRuns(i.root);
  const byId = new Map<string, DiscoveredRun>();
  const bodies = new Map<string, RunCheckBody>();
  for (const r of runs) {
    byId.set(r.runId, r);
    const e = i.memory.runs.get(r.runId) ?? {};
    const stamp = await factsStamp(r);
    const tail = i.logTails?.get(r.runId);
    if (e.stamp === stamp && e.path === r.manifestDisplay && e.want !== undefined && !tail) continue;
    const body = await bodyOf(r, tail);
    if (!body) continue;
    bodies.set(r.runId, body);
    wantNow(e, runCheckFingerprint(body), stamp, r.manifestDisplay, at);
    i.memory.runs.set(r.runId, e);
  }
  // Runs that are gone (gc, a deleted iteration) are forgotten.
  for (const id of [...i.memory.runs.keys()]) if (!byId.has(id)) i.memory.runs.delete(id);

  const notes: string[] = [];
  let done = 0;
  const order = driftOrder(i.memory.runs);
  const first = new Set((i.first ?? []).filter((id) => order.includes(id)));
  for (const id of [...first, ...order.filter((x) => !first.has(x))]) {
    const e = i.memory.runs.get(id)!;
    const need = e.id !== undefined ? 1 : 2;
    if (remaining(i.budget) < need + (i.reserve ?? 0)) break;
    const r = byId.get(id)!;
    const body = bodies.get(id) ?? (await bodyOf(r, i.logTails?.get(id)));
    if (!body) continue;
    try {
      const p = await post(i, r, e, body);
      posted(e, runCheckFingerprint(body), p.id, p.sha);
      done++;
    } catch (err) {
      if (isBudgetExhausted(err)) break;
      // A check run deleted on GitHub (404 on update): look it up (or create it) next time.
      if ((err as { status?: number }).status === 404) delete e.id;
      notes.push(`could not update the check run of ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const left = [...i.memory.runs.values()].filter(drifts).length;
  return { posted: done, left, notes };
}
