/** launch, record: the change set (scripts, manifest, ledger, state, local evidence), and a reused run. */
import { existsSync } from "node:fs";
import path from "node:path";
import type { RunManifest } from "../../contract/types.js";
import { put, type FileEdit } from "../../domain/changes.js";
import * as plan from "../../domain/launch-plan.js";
import { manifestJobId } from "../../domain/run.js";
import type { Recorded } from "../../git/record.js";
import { ledgerEdit } from "../../ledger/sync.js";
import type { Submission } from "../../scheduler/port.js";
import { stateAfter } from "../../store/state-file.js";
import { localEvidence } from "../../steps/local-run.js";
import { keep, manifestEdit, recordRun } from "../../steps/record-run.js";
import { readTextStrict } from "../../util/fs.js";
import { resultBase } from "./gather.js";
import type { Gathered, LaunchResult } from "./types.js";

export function recordLaunch(
  g: Gathered,
  edits: FileEdit[],
  m: RunManifest,
  o: { message: string },
): Promise<Recorded> {
  return recordRun(g.ws, edits, m, launchRecording(g, o.message, "it"));
}

/** How a launch (one run or a sweep) records: the caller's options, and what a rerun does. */
export function launchRecording(g: Gathered, message: string, what: string) {
  return {
    message,
    skipCi: g.opts.skipCi,
    push: g.opts.push,
    branch: g.opts.branch,
    token: g.opts.token,
    identity: g.opts.identity,
    log: g.log,
    rerun: `rerunning the same launch (same --run-id or launch key) records ${what} without submitting again`,
  };
}

export function launchEdits(g: Gathered, s: Submission, m: RunManifest): FileEdit[] {
  const launchScript = `${g.layout.launchDir}/${path.posix.basename(g.scriptPath)}`;
  const edits: FileEdit[] = [
    put(launchScript, s.script),
    put(g.scriptPath, s.script),
    manifestEdit(g.layout.manifest, m),
  ];
  return [...edits, ...sideEdits(g, m, m.status !== "failed")];
}

/** Ledger line (SLURM runs with a job id), state.json (when the run moves the stage), a local run's evidence. */
function sideEdits(g: Gathered, m: RunManifest, movesState: boolean): FileEdit[] {
  const edits: FileEdit[] = [];
  if (m.host_mode === "slurm" && manifestJobId(m)) edits.push(ledgerEdit(m));
  if (movesState) edits.push(stateAfter(m, "launched", g.now()));
  if (m.host_mode === "local") edits.push(...localEvidence(g.ws.root, g.layout.runDir).map(keep));
  return edits;
}

/** A run that already has a manifest: record it again (idempotent) and commit if an earlier attempt did not. */
export async function reuse(g: Gathered): Promise<LaunchResult> {
  const m = g.existing as RunManifest;
  const jobId = manifestJobId(m);
  g.log(
    `run ${m.run_id} was already launched (${jobId ? `job ${jobId}, ` : ""}status ${m.status ?? "unknown"}): nothing submitted`,
  );
  const result: LaunchResult = {
    ...resultBase(g),
    runId: m.run_id,
    hostMode: m.host_mode,
    status: m.status ?? "pending",
    jobId,
    reused: true,
    adopted: false,
  };
  const error = plan.failureMessageOf(m);
  if (error !== undefined) result.error = error;
  if (g.opts.dryRun) return result;
  const edits: FileEdit[] = [];
  for (const p of [g.layout.slurmScript, g.layout.localScript]) {
    const abs = path.join(g.ws.root, p);
    if (existsSync(abs)) edits.push(put(p, await readTextStrict(abs, p)));
  }
  edits.push(manifestEdit(g.layout.manifest, m));
  // Only a run still at its launch status moves the state machine.
  const movesState = (m.status === "submitted" || m.host_mode === "local") && m.status !== "failed";
  edits.push(...sideEdits(g, m, movesState));
  const rec = await recordLaunch(g, edits, m, {
    message: `autolab: record launch of ${g.iterationId} run ${m.run_id}${jobId ? ` (job ${jobId})` : ""}: ${m.status ?? "pending"}`,
  });
  result.commit = rec.commit;
  return result;
}
