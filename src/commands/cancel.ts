/**
 * cancel: `autolab cancel RUN_ID`. Ask the scheduler to cancel the run's
 * job, then mark the run failed with failure reason `cancelled` (and who
 * asked), update its ledger line, and commit both in one commit. A run that
 * is already terminal is left alone. When the scheduler does not take the
 * request (controller down, munge down), nothing is written and the error
 * says so: the run is only called cancelled once the scheduler took it. The
 * monitor's lock is held meanwhile, so a tick running at the same time
 * cannot overwrite the change; the next tick writes the run's metrics.json
 * (status failed).
 */
import os from "node:os";
import type { RunManifest } from "../contract/types.js";
import { readManifest } from "../contract/manifest.js";
import { canTransition, type RunStatus } from "../contract/vocabulary.js";
import type { FileEdit } from "../domain/changes.js";
import { manifestJobId, manifestJobRef, statusOf, transition } from "../domain/run.js";
import { isoSeconds } from "../domain/time.js";
import type { CommitBackResult } from "../git/commitback.js";
import type { RecordingOptions } from "../git/record.js";
import { ledgerEdit } from "../ledger/sync.js";
import type { Scheduler } from "../scheduler/port.js";
import { schedulerFor } from "../scheduler/job-user.js";
import { loadPolicy } from "../contract/policy.js";
import { discoverRuns, runNotFound } from "../store/discover.js";
import { takeMonitorLock } from "../store/lock.js";
import { openWorkspace } from "../store/workspace.js";
import { manifestEdit, recordRun } from "../steps/record-run.js";
import { AutolabError } from "../util/errors.js";
import { cancelSweepTasks, sweepTasks } from "../steps/cancel-sweep.js";
import type { DiscoveredRun } from "../store/discover.js";
import type { Workspace } from "../store/workspace.js";

export interface CancelOptions extends RecordingOptions {
  cwd: string;
  runId: string;
  /** The scheduler the run's job is in (the faces pass `slurmCli()`). */
  scheduler: Scheduler;
  /** Why (kept in the history's evidence). */
  reason?: string;
  /** Who asked; default $GITHUB_ACTOR, else the login name. */
  by?: string;
  now?: () => Date;
  /** Timeout of the cancel request. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface CancelResult {
  runId: string;
  jobId?: string;
  before: RunStatus;
  after: RunStatus;
  /** The scheduler was asked and accepted the request. */
  scancelled: boolean;
  /** The scheduler said the job had already ended or is unknown to it. */
  alreadyEnded: boolean;
  manifestPath: string;
  commit?: CommitBackResult;
  /** A sweep id: how many of its task runs were cancelled. */
  tasks?: number;
}

/** The history's evidence of a cancel (pure). */
function cancelEvidence(
  m: RunManifest,
  by: string,
  c: { asked: boolean; alreadyEnded: boolean; jobId?: string; via: string },
  reason?: string,
): string {
  const how = c.asked
    ? ` (${c.via} ${c.jobId}${c.alreadyEnded ? ": the scheduler says the job had already ended" : ""})`
    : m.host_mode === "slurm"
      ? ` (no job id: nothing to ${c.via})`
      : "";
  return `cancelled by ${by} with autolab cancel${how}${reason ? `: ${reason}` : ""}`;
}

export async function cancel(given: CancelOptions): Promise<CancelResult> {
  const ws = await openWorkspace(given.cwd, { commit: given.commit });
  // Jobs submitted as launch.job_user are cancelled as that user (who owns them).
  const opts = { ...given, scheduler: schedulerFor(given.scheduler, (await loadPolicy(ws.root)).policy) };
  const found = await discoverRuns(ws.root, { runId: opts.runId });
  const run = found.runs[0];
  const now = opts.now ?? (() => new Date());
  if (!run) {
    const tasks = sweepTasks((await discoverRuns(ws.root)).runs, opts.runId);
    if (!tasks.length) throw runNotFound(opts.runId, found.findings);
    return cancelSweep(opts, ws, tasks, now);
  }
  const release = await takeMonitorLock(ws.root, ws.inGit, now());
  try {
    const m = structuredClone((await readManifest(run.manifestPath, run.manifestDisplay)).data);
    const before = statusOf(m);
    const jobId = manifestJobId(m);
    const base = { runId: m.run_id, jobId, before, manifestPath: run.manifestDisplay };
    if (!canTransition(before, "failed")) return { ...base, after: before, scancelled: false, alreadyEnded: false };
    let asked = false;
    let alreadyEnded = false;
    if (m.host_mode === "slurm" && jobId) {
      // A job on a named cluster is cancelled there (`id;cluster`).
      const ref = manifestJobRef(m) ?? jobId;
      const r = await opts.scheduler.cancel([ref], { timeoutMs: opts.timeoutMs });
      if (!r.ok) {
        throw new AutolabError(
          `${opts.scheduler.terms.cancel} of job ${jobId} failed; the run was not changed: ${r.error ?? "unknown error"}`,
          {
            file: run.manifestDisplay,
            hint: `retry when the controller answers (${opts.scheduler.terms.ping})`,
          },
        );
      }
      asked = true;
      alreadyEnded = r.nothingToCancel.includes(ref);
    }
    const by = opts.by ?? process.env.GITHUB_ACTOR ?? os.userInfo().username;
    const evidence = cancelEvidence(
      m,
      by,
      { asked, alreadyEnded, jobId, via: opts.scheduler.terms.cancel },
      opts.reason,
    );
    const next = transition(m, "failed", isoSeconds(now()), evidence, {
      reason: "cancelled",
      cancelled_by: by,
      message: evidence,
      ...(opts.reason ? { note: opts.reason } : {}),
    }) as RunManifest;
    const edits: FileEdit[] = [manifestEdit(run.manifestDisplay, next)];
    if (next.host_mode === "slurm" && jobId) edits.push(ledgerEdit(next));
    const rec = await recordRun(ws, edits, next, {
      message: `autolab: cancel run ${next.run_id}${jobId ? ` (job ${jobId})` : ""}`,
      skipCi: opts.skipCi,
      push: opts.push,
      branch: opts.branch,
      token: opts.token,
      identity: opts.identity,
      log: opts.log ?? (() => undefined),
      rerun: "the job was cancelled; rerunning autolab cancel records it",
    });
    return { ...base, after: "failed", scancelled: asked, alreadyEnded, commit: rec.commit };
  } finally {
    await release();
  }
}

/** A sweep id: one cancel request for its array(s), every task that had not ended marked cancelled, one commit. */
async function cancelSweep(
  opts: CancelOptions,
  ws: Workspace,
  tasks: DiscoveredRun[],
  now: () => Date,
): Promise<CancelResult> {
  const release = await takeMonitorLock(ws.root, ws.inGit, now());
  try {
    const by = opts.by ?? process.env.GITHUB_ACTOR ?? os.userInfo().username;
    const c = await cancelSweepTasks(tasks, {
      scheduler: opts.scheduler,
      by,
      reason: opts.reason,
      at: now(),
      timeoutMs: opts.timeoutMs,
    });
    const base = { runId: opts.runId, jobId: c.arrays.join(",") || undefined, manifestPath: tasks[0].manifestDisplay };
    if (!c.first)
      return { ...base, before: "completed", after: "completed", scancelled: false, alreadyEnded: true, tasks: 0 };
    const rec = await recordRun(ws, c.edits, c.first, {
      message: `autolab: cancel sweep ${opts.runId} (${c.cancelled.length} task(s), array ${c.arrays.join(", ")})`,
      skipCi: opts.skipCi,
      push: opts.push,
      branch: opts.branch,
      token: opts.token,
      identity: opts.identity,
      log: opts.log ?? (() => undefined),
      rerun: "the arrays were cancelled; rerunning autolab cancel records it",
    });
    return {
      ...base,
      before: "running",
      after: "failed",
      scancelled: c.arrays.length > 0,
      alreadyEnded: false,
      tasks: c.cancelled.length,
      commit: rec.commit,
    };
  } finally {
    await release();
  }
}
