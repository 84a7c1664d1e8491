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
import { manifestJobId, statusOf, transition } from "../domain/run.js";
import { isoSeconds } from "../domain/time.js";
import type { CommitBackResult } from "../git/commitback.js";
import type { RecordingOptions } from "../git/record.js";
import { ledgerEdit } from "../ledger/sync.js";
import type { Scheduler } from "../scheduler/port.js";
import { discoverRuns, runNotFound } from "../store/discover.js";
import { takeMonitorLock } from "../store/lock.js";
import { openWorkspace } from "../store/workspace.js";
import { manifestEdit, recordRun } from "../steps/record-run.js";
import { AutolabError } from "../util/errors.js";

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

export async function cancel(opts: CancelOptions): Promise<CancelResult> {
  const ws = await openWorkspace(opts.cwd, { commit: opts.commit });
  const found = await discoverRuns(ws.root, { runId: opts.runId });
  const run = found.runs[0];
  if (!run) throw runNotFound(opts.runId, found.findings);
  const now = opts.now ?? (() => new Date());
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
      const r = await opts.scheduler.cancel([jobId], { timeoutMs: opts.timeoutMs });
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
      alreadyEnded = r.nothingToCancel.includes(jobId);
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
