/**
 * launch: design.yaml -> job request -> submitted job (or a local run) ->
 * manifest + ledger line + state.json -> one commit. Never waits for a job.
 * Gather (workspace, design, policy, journal, the run) -> decide
 * (domain/launch-plan.ts) -> act (snapshot, run dir, submit or adopt, or run
 * locally) -> record (one change set through git/record.ts).
 *
 * Order matters for safety:
 *  1. Everything that can be refused is checked before anything is written:
 *     the run id / launch key, the design (errors name design.yaml, line and
 *     column), the policy, state.json, the request, and, for a SLURM design,
 *     whether this host can submit at all (what was probed is in the error).
 *     A refused launch leaves the work tree exactly as it was.
 *  2. Idempotency: a run that already has a manifest is never submitted
 *     again; its records are recorded again (committed if an earlier attempt
 *     died before its commit). Before submitting, the run id is recorded in
 *     the launch journal (store/journal.ts) keyed by the launch key; the job
 *     id is added as soon as the scheduler answers. A retry adopts the job
 *     (by the journal's job id, else by its unique job name) instead of
 *     submitting again; launch-plan.ts has the rules, including the one for
 *     when accounting is down.
 *  3. The job script is written to the run directory before submitting
 *     (the scheduler reads it there) together with `logs/` (SLURM does not
 *     create the log directory). If the launch stops before the job exists
 *     (a scheduler that does not answer), those files are removed again.
 *  4. The records (scripts, manifest, ledger, state) are one change set that
 *     commit-back replays on a new branch head when a push is rejected.
 *
 * Work root: see steps/snapshot.ts. Ledger: one line per SLURM job; a
 * refused submission (no job id) and a local run have none.
 */
import * as plan from "../../domain/launch-plan.js";
import { manifestJobId } from "../../domain/run.js";
import { act } from "./act.js";
import { gather, resultBase } from "./gather.js";
import { dryRun, prepare } from "./plan.js";
import { launchEdits, recordLaunch, reuse } from "./record.js";
import { isSweepDesign } from "../../domain/sweep.js";
import { launchSweep } from "./sweep.js";
import type { Gathered, LaunchOptions, LaunchResult } from "./types.js";
import { runLayout } from "../../domain/layout.js";
import { refuseHandEditedScript } from "../../steps/script-check.js";

export { resolveWorkRoot } from "../../steps/snapshot.js";
export { journalDir } from "../../store/journal.js";
export type { DryRunResult, LaunchOptions, LaunchResult, SweepChunkResult } from "./types.js";

/**
 * The key's run is on the remote's branch already, with its job: nothing is
 * submitted, and nothing is written here (the branch has the record; writing
 * this checkout's stale view of it could only revert what a monitor recorded
 * since).
 */
function onBranch(g: Gathered, b: NonNullable<Gathered["onBranch"]>): LaunchResult {
  const m = b.manifest;
  g.log(
    `launch key ${JSON.stringify(g.opts.launchKey)}: ${b.where} already records run ${m.run_id} (job ${b.entry.job_id}, status ${m.status ?? "unknown"}); nothing submitted (pull to see it)`,
  );
  const layout = runLayout(g.iterationPath, m.run_id);
  return {
    ...resultBase(g),
    runId: m.run_id,
    manifestPath: layout.manifest,
    scriptPath: layout.slurmScript,
    status: m.status ?? "submitted",
    jobId: b.entry.job_id,
    ...(b.entry.cluster ? { cluster: b.entry.cluster } : {}),
    reused: true,
    adopted: false,
  };
}

export async function launch(opts: LaunchOptions): Promise<LaunchResult> {
  plan.checkLaunchIds(opts.runId, opts.launchKey);
  const g = await gather(opts);
  if (isSweepDesign(g.design)) return launchSweep(g);
  if (g.onBranch) return onBranch(g, g.onBranch);
  if (g.existing && plan.isLaunched(g.existing)) return reuse(g);
  const prepared = await prepare(g);
  await refuseHandEditedScript(g, prepared.submission.script);
  if (opts.dryRun) return dryRun(g, prepared);
  const done = await act(g, prepared);
  const final = done.manifest;
  const rec = await recordLaunch(g, launchEdits(g, prepared.submission, final), final, {
    message: `autolab: launch ${g.iterationId} run ${g.run.runId}${final.job_id ? ` (job ${final.job_id})` : ""}: ${final.status}`,
  });
  return {
    ...resultBase(g),
    status: final.status ?? "pending",
    jobId: manifestJobId(final),
    reused: false,
    adopted: done.adopted,
    commit: rec.commit,
    error: done.error,
  };
}
