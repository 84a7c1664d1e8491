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
 * - A sweep has a check run of its own (`autolab sweep <sweep_id>`, on the
 *   commit that added its sweep record; report/sweep-check.ts): its tasks
 *   counted by state and its group result (table and chart), posted when it
 *   drifts like a run's, from the tasks' statuses the memory holds and the
 *   landed `sweep_metrics.json` (no task file is read again for it).
 */
import { createHash } from "node:crypto";
import { git } from "../git/git.js";
import { failureReasonOf, statusOf, sweepIdOf } from "../domain/run.js";
import { runLayout, SWEEP_RECORD_FILE } from "../domain/layout.js";
import {
  drifts,
  driftOrder,
  posted,
  sweepKey,
  wantNow,
  type CheckMemory,
  type PostedRun,
} from "../domain/check-sync.js";
import { runCheckFingerprint, runCheckOf, runDetailsUrl, type RunCheckBody } from "../report/run-check.js";
import { sweepCheckOf, type SweepTaskState } from "../report/sweep-check.js";
import { readSweepFacts, sweepStamp } from "../steps/sweep-group.js";
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

/** What a run's check is computed from, as its files now say. */
interface RunFacts {
  body: RunCheckBody;
  status: string;
  sweep?: string;
  failure?: string;
}

/** The check body of a run as its files now say, or undefined when its manifest cannot be read. */
async function factsOf(r: DiscoveredRun, logTail: string | undefined): Promise<RunFacts | undefined> {
  try {
    const manifest = await readManifestOf(r);
    if (typeof manifest.run_id !== "string") return undefined;
    const status = statusOf(manifest);
    // A log tail only for a run the landed manifest says failed (never from a decision that did not land).
    const tail = status === "failed" ? logTail : undefined;
    const body = runCheckOf({
      manifest,
      manifestPath: r.manifestDisplay,
      metrics: await readMetricsOf(r),
      logTail: tail,
    });
    const failure = status === "failed" ? failureReasonOf(manifest) : undefined;
    return {
      body,
      status,
      ...(sweepIdOf(manifest) ? { sweep: sweepIdOf(manifest) } : {}),
      ...(failure ? { failure } : {}),
    };
  } catch {
    return undefined; // monitor and verify report unreadable manifests; the check is left as it is
  }
}

/** Post one check (a run's or a sweep's); returns the id and commit it sits on. */
async function post(
  i: ReconcileInput,
  display: string,
  e: PostedRun,
  body: RunCheckBody,
): Promise<{ id: number; sha: string }> {
  const sha = e.sha ?? (await launchCommit(i.root, display)) ?? i.fallbackSha;
  if (!sha) throw new Error(`no launch commit found for ${display}`);
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
      manifestPath: display,
    }),
  });
  return { id: res.checkRunId, sha };
}

/** A check to post: the file its launch commit added, and its body (computed when first needed). */
interface Target {
  display: string;
  body?: RunCheckBody;
  compute: () => Promise<RunCheckBody | undefined>;
}

/** Bring every run's (and every sweep's) check run in line with its files, as far as the budget allows. */
export async function reconcileRunChecks(i: ReconcileInput): Promise<ReconcileResult> {
  const at = i.now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const { runs } = await discoverRuns(i.root);
  const targets = new Map<string, Target>();
  for (const r of runs) {
    const e = i.memory.runs.get(r.runId) ?? {};
    const stamp = await factsStamp(r);
    const tail = i.logTails?.get(r.runId);
    const target: Target = {
      display: r.manifestDisplay,
      compute: async () => (await factsOf(r, i.logTails?.get(r.runId)))?.body,
    };
    targets.set(r.runId, target);
    const known = e.stamp === stamp && e.path === r.manifestDisplay && e.want !== undefined && e.status !== undefined;
    if (known && !tail) continue;
    const f = await factsOf(r, tail);
    if (!f) continue;
    target.body = f.body;
    wantNow(e, runCheckFingerprint(f.body), stamp, r.manifestDisplay, at);
    e.status = f.status;
    if (f.sweep) e.sweep = f.sweep;
    else delete e.sweep;
    if (f.failure) e.failure = f.failure;
    else delete e.failure;
    i.memory.runs.set(r.runId, e);
  }
  for (const [key, t] of await sweepTargets(i, runs, at)) targets.set(key, t);
  // Runs and sweeps that are gone (gc, a deleted iteration) are forgotten.
  for (const id of [...i.memory.runs.keys()]) if (!targets.has(id)) i.memory.runs.delete(id);

  const notes: string[] = [];
  let done = 0;
  const order = driftOrder(i.memory.runs);
  const wanted = (i.first ?? []).flatMap((id) => [sweepKey(id), id]);
  const first = new Set(wanted.filter((id) => order.includes(id)));
  for (const id of [...first, ...order.filter((x) => !first.has(x))]) {
    const e = i.memory.runs.get(id)!;
    const need = e.id !== undefined ? 1 : 2;
    if (remaining(i.budget) < need + (i.reserve ?? 0)) break;
    const t = targets.get(id)!;
    const body = t.body ?? (await t.compute());
    if (!body) continue;
    try {
      const p = await post(i, t.display, e, body);
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

/**
 * Every sweep's check: its tasks' statuses come from the memory (every run's
 * entry holds the status its check was computed from), its group result from
 * `sweep_metrics.json`; the sweep record and that file are read only when
 * their stamps or a task's status changed.
 */
async function sweepTargets(
  i: ReconcileInput,
  runs: readonly DiscoveredRun[],
  at: string,
): Promise<Map<string, Target>> {
  const sweeps = new Map<string, { iterationPath: string; iterationId: string; tasks: SweepTaskState[] }>();
  for (const r of runs) {
    const e = i.memory.runs.get(r.runId);
    if (!e?.sweep || e.status === undefined) continue;
    const s = sweeps.get(e.sweep) ?? { iterationPath: r.iterationPath, iterationId: r.iterationId, tasks: [] };
    if (s.iterationPath !== r.iterationPath) continue;
    s.tasks.push({ runId: r.runId, status: e.status, ...(e.failure ? { failureReason: e.failure } : {}) });
    sweeps.set(e.sweep, s);
  }
  const out = new Map<string, Target>();
  for (const [sweepId, s] of sweeps) {
    const key = sweepKey(sweepId);
    const e = i.memory.runs.get(key) ?? {};
    s.tasks.sort((a, b) => a.runId.length - b.runId.length || a.runId.localeCompare(b.runId));
    const states = createHash("sha256");
    for (const t of s.tasks) states.update(`${t.runId}=${t.status}:${t.failureReason ?? ""}\n`);
    const stamp = `${await sweepStamp(i.root, s.iterationPath, sweepId)}|${states.digest("hex").slice(0, 16)}`;
    const compute = async () => {
      const facts = await readSweepFacts(i.root, s.iterationPath, sweepId);
      if (!facts) return undefined;
      return sweepCheckOf({
        sweepId,
        iterationId: s.iterationId,
        recordPath: facts.recordPath,
        tasks: s.tasks,
        result: facts.result,
        extracted: facts.extracted,
      });
    };
    const display = `${runLayout(s.iterationPath, sweepId).runDir}/${SWEEP_RECORD_FILE}`;
    const t: Target = { display, compute };
    if (e.stamp !== stamp || e.want === undefined || e.path !== display) {
      const body = await compute();
      if (!body) continue; // no sweep record: the tasks' own checks stay, the monitor reports the record
      t.body = body;
      wantNow(e, runCheckFingerprint(body), stamp, display, at);
      i.memory.runs.set(key, e);
    }
    out.set(key, t);
  }
  return out;
}
