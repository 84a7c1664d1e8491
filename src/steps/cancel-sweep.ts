/**
 * cancel of a whole sweep: `autolab cancel <sweep_id>`. One cancel request
 * for the sweep's array(s) (SLURM: one `scancel <array> ...`), then every
 * task run that had not ended is marked failed (reason `cancelled`), with
 * its ledger line, in one commit. One task is cancelled like any run
 * (`autolab cancel <sweep_id>_<i>`: its job id is `<array>_<i>`).
 */
import path from "node:path";
import { existsSync } from "node:fs";
import type { RunManifest } from "../contract/types.js";
import { readManifest } from "../contract/manifest.js";
import { canTransition } from "../contract/vocabulary.js";
import type { FileEdit } from "../domain/changes.js";
import { SWEEP_RECORD_FILE } from "../domain/layout.js";
import { manifestCluster, manifestJobId, statusOf, transition } from "../domain/run.js";
import { isoSeconds } from "../domain/time.js";
import { ledgerEdit } from "../ledger/sync.js";
import type { Scheduler } from "../scheduler/port.js";
import type { DiscoveredRun } from "../store/discover.js";
import { manifestEdit } from "../steps/record-run.js";
import { AutolabError } from "../util/errors.js";

/** The task runs of sweep `id` among the discovered runs (its group directory holds the sweep record). */
export function sweepTasks(runs: DiscoveredRun[], id: string): DiscoveredRun[] {
  return runs.filter(
    (r) => r.runId.startsWith(`${id}_`) && existsSync(path.join(r.iterationDir, "runs", id, SWEEP_RECORD_FILE)),
  );
}

export interface SweepCancel {
  edits: FileEdit[];
  arrays: string[];
  cancelled: RunManifest[];
  first?: RunManifest;
}

export async function cancelSweepTasks(
  tasks: DiscoveredRun[],
  o: { scheduler: Scheduler; by: string; reason?: string; at: Date; timeoutMs?: number },
): Promise<SweepCancel> {
  const open: Array<{ run: DiscoveredRun; m: RunManifest }> = [];
  for (const run of tasks) {
    const m = structuredClone((await readManifest(run.manifestPath, run.manifestDisplay)).data);
    if (canTransition(statusOf(m), "failed")) open.push({ run, m });
  }
  const arrayOf = (m: RunManifest) =>
    (m.slurm?.array_job_id as string | undefined) ?? manifestJobId(m)?.replace(/_\d+$/, "");
  const arrays = [...new Set(open.map(({ m }) => arrayOf(m)).filter((x): x is string => Boolean(x)))];
  // An array on a named cluster is cancelled there (`id;cluster`, one scancel -M per cluster).
  const refs = [
    ...new Set(
      open
        .map(({ m }) => {
          const id = arrayOf(m);
          const cluster = manifestCluster(m);
          return id && cluster ? `${id};${cluster}` : id;
        })
        .filter((x): x is string => Boolean(x)),
    ),
  ];
  if (arrays.length) {
    const r = await o.scheduler.cancel(refs, { timeoutMs: o.timeoutMs });
    if (!r.ok)
      throw new AutolabError(
        `${o.scheduler.terms.cancel} of array(s) ${arrays.join(", ")} failed; no task was changed: ${r.error ?? "unknown error"}`,
        { hint: `retry when the controller answers (${o.scheduler.terms.ping})` },
      );
  }
  const edits: FileEdit[] = [];
  const cancelled: RunManifest[] = [];
  for (const { run, m } of open) {
    const evidence = `cancelled by ${o.by} with autolab cancel of its sweep (${o.scheduler.terms.cancel} ${arrays.join(" ")})${o.reason ? `: ${o.reason}` : ""}`;
    const next = transition(m, "failed", isoSeconds(o.at), evidence, {
      reason: "cancelled",
      cancelled_by: o.by,
      message: evidence,
      ...(o.reason ? { note: o.reason } : {}),
    }) as RunManifest;
    edits.push(manifestEdit(run.manifestDisplay, next));
    cancelled.push(next);
  }
  const withJobs = cancelled.filter((m) => m.host_mode === "slurm" && manifestJobId(m));
  if (withJobs.length) edits.push(ledgerEdit(withJobs));
  return { edits, arrays, cancelled, first: cancelled[0] };
}
