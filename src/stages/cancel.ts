/**
 * cancel: `autolab cancel RUN_ID`. scancel the run's job, then mark the run
 * failed with failure reason `cancelled` (and who asked), update its ledger
 * line, and commit both in one commit. A run that is already terminal is
 * left alone. When scancel fails (controller down, munge down), nothing is
 * written and the error says so: the run is only called cancelled once the
 * scheduler took the request. The monitor's lock is held meanwhile, so a
 * tick running at the same time cannot overwrite the change; the next tick
 * writes the run's metrics.json (status failed).
 */
import os from "node:os";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { manifestJobId, readManifest, writeManifest } from "../contract/manifest.js";
import { canTransition, type RunStatus } from "../contract/vocabulary.js";
import { LEDGER_PATH, upsertLedgerFile } from "../ledger/io.js";
import { cancelJobs } from "../scheduler/slurm-cli/cancel.js";
import { discoverRuns, runNotFound } from "./discover.js";
import { statusOf } from "../domain/run.js";
import { takeMonitorLock } from "../store/lock.js";
import { commitBack, type CommitBackResult } from "../git/commitback.js";
import { isGitRepo, topLevel } from "../git/git.js";
import { AutolabError } from "../util/errors.js";
import { isoSeconds as iso } from "../domain/time.js";

export interface CancelOptions {
  cwd: string;
  runId: string;
  /** Why (kept in the history's evidence). */
  reason?: string;
  /** Who asked; default $GITHUB_ACTOR, else the login name. */
  by?: string;
  commit?: boolean;
  push?: boolean;
  branch?: string;
  skipCi?: boolean;
  token?: string;
  now?: () => Date;
  scancelBin?: string;
  timeoutMs?: number;
}

export interface CancelResult {
  runId: string;
  jobId?: string;
  before: RunStatus;
  after: RunStatus;
  /** scancel was run and accepted the request. */
  scancelled: boolean;
  /** scancel said the job had already ended or is unknown to it. */
  alreadyEnded: boolean;
  manifestPath: string;
  commit?: CommitBackResult;
}

export async function cancel(opts: CancelOptions): Promise<CancelResult> {
  const inGit = await isGitRepo(opts.cwd);
  const repoRoot = inGit ? await topLevel(opts.cwd) : path.resolve(opts.cwd);
  const found = await discoverRuns(repoRoot, { runId: opts.runId });
  const run = found.runs[0];
  if (!run) throw runNotFound(opts.runId, found.findings);
  const now = opts.now ?? (() => new Date());
  const release = await takeMonitorLock(repoRoot, inGit, now());
  try {
    const doc = await readManifest(run.manifestPath, run.manifestDisplay);
    const m: RunManifest = structuredClone(doc.data);
    const before = statusOf(m);
    const jobId = manifestJobId(m);
    const base = { runId: m.run_id, jobId, before, manifestPath: run.manifestDisplay };
    if (!canTransition(before, "failed")) {
      return { ...base, after: before, scancelled: false, alreadyEnded: false };
    }
    let scancelled = false;
    let alreadyEnded = false;
    if (m.host_mode === "slurm" && jobId) {
      const r = await cancelJobs([jobId], { scancelBin: opts.scancelBin, timeoutMs: opts.timeoutMs });
      if (!r.ok) {
        throw new AutolabError(
          `scancel of job ${jobId} failed; the run was not changed: ${r.error ?? "unknown error"}`,
          {
            file: run.manifestDisplay,
            hint: "retry when the controller answers (scontrol ping)",
          },
        );
      }
      scancelled = true;
      alreadyEnded = r.nothingToCancel.includes(jobId);
    }
    const at = iso(now());
    const by = opts.by ?? process.env.GITHUB_ACTOR ?? os.userInfo().username;
    const evidence =
      `cancelled by ${by} with autolab cancel` +
      (scancelled
        ? ` (scancel ${jobId}${alreadyEnded ? ": the scheduler says the job had already ended" : ""})`
        : m.host_mode === "slurm"
          ? " (no job id: nothing to scancel)"
          : "") +
      (opts.reason ? `: ${opts.reason}` : "");
    m.status = "failed";
    m.timestamps = { ...m.timestamps, completed_at: at };
    m.completed_at = at;
    m.history = [...(m.history ?? []), { from: before, to: "failed", at, evidence }];
    m.failure = {
      reason: "cancelled",
      cancelled_by: by,
      message: evidence,
      ...(opts.reason ? { note: opts.reason } : {}),
    };
    if (m.host_mode === "slurm") m.slurm = { ...(m.slurm ?? {}), failure_reason: "cancelled", cancelled_by: by };

    const apply = async (): Promise<string[]> => {
      await writeManifest(run.manifestPath, m, run.manifestDisplay);
      const touched = [run.manifestDisplay];
      if (m.host_mode === "slurm" && jobId) {
        await upsertLedgerFile(path.join(repoRoot, LEDGER_PATH), m, LEDGER_PATH);
        touched.push(LEDGER_PATH);
      }
      return touched;
    };
    let commit: CommitBackResult | undefined;
    if ((opts.commit ?? inGit) && inGit) {
      commit = await commitBack({
        repoRoot,
        apply,
        message: `autolab: cancel run ${m.run_id}${jobId ? ` (job ${jobId})` : ""}`,
        skipCi: opts.skipCi,
        push: opts.push,
        branch: opts.branch,
        token: opts.token,
      });
    } else {
      await apply();
    }
    return { ...base, after: "failed", scancelled, alreadyEnded, commit };
  } finally {
    await release();
  }
}
