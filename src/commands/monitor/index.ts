/**
 * monitor: one tick advances every in-progress run from scheduler evidence.
 * Gather (discover runs, read manifests and the ledger) -> ask (one batched
 * scheduler question for every run in flight) -> decide and act per run
 * (domain/tick.ts; sync and extract in advance.ts) -> record (one change set,
 * one commit).
 *
 *  - Finds runs: every manifest that is not terminal, plus terminal runs with
 *    no metrics.json yet (not extracted). Terminal, extracted runs cost one
 *    JSON parse (for the ledger check) and nothing else, and not even that
 *    when the run index (in the git dir, domain/run-index.ts) vouches that
 *    their manifest, metrics and ledger line are unchanged since a tick read
 *    them: a tick then costs in proportion to the runs in flight and what
 *    changed, plus one lstat per run.
 *  - Asks the scheduler once for all of them (one sacct + one squeue, one
 *    scontrol only when accounting is down). The number of scheduler calls
 *    does not depend on the number of runs.
 *  - An outage changes no run: it is recorded in `.autolab/monitor_state.json`
 *    and escalated after `slurm.monitor.poll_failure_escalation_ticks` ticks
 *    (domain/outage.ts).
 *  - The per-run rules (sentinel grace, name mismatch, unknown jobs, pending
 *    reasons that never start) are domain/tick.ts's; see its header.
 *  - The ledger line of every SLURM run follows its manifest in the same tick
 *    (ledger/sync.ts); state.json moves with the tracked run.
 *  - A manifest is only rewritten when something other than the poll time or
 *    the growing elapsed time changed, so an idle tick writes and commits
 *    nothing. All changes of the tick land in one commit; when the push is
 *    rejected, the change set is replayed on the new head and each manifest is
 *    merged field by field into the other writer's version
 *    (domain/manifest-merge.ts): a run another writer moved is superseded and
 *    this tick writes nothing else for it.
 *  - Two ticks never run at once in one checkout (store/lock.ts); a lock a
 *    killed tick left behind is taken over and named in a finding.
 *  - Evidence is never read through a symlink (store/evidence.ts).
 */
import path from "node:path";
import { loadPolicy } from "../../contract/policy.js";
import { schedulerFor } from "../../scheduler/job-user.js";
import type { RunManifest } from "../../contract/types.js";
import { MONITOR_STATE_PATH } from "../../domain/layout.js";
import { outageStep, type MonitorState } from "../../domain/outage.js";
import { statusOf } from "../../domain/run.js";
import { monitorSettings, notifySettings, pythonTemplateKeys, retentionSeconds } from "../../domain/settings.js";
import { sameQuestion } from "../../domain/run-index.js";
import { asksScheduler } from "../../domain/tick.js";
import { isoSeconds } from "../../domain/time.js";
import { record } from "../../git/record.js";
import { ledgerFollow } from "../../ledger/sync.js";
import type { QueryOutcome } from "../../scheduler/port.js";
import { takeMonitorLock } from "../../store/lock.js";
import { ledgerStamp, writeRunIndex } from "../../store/run-index.js";
import { type LoadedRun } from "../../store/runs.js";
import { openWorkspace, type Workspace } from "../../store/workspace.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import { linkError, readOwned } from "../../util/fs.js";
import { advanceRun, type RunResult, type TickContext } from "./advance.js";
import { tickEdits } from "./edits.js";
import { gather, questionFor } from "./gather.js";
import { pythonGroupResults, sweepReports, tickSweepGroups } from "./sweeps.js";
import { commitMessage } from "../../report/monitor.js";
import type { MonitorOptions, MonitorReport } from "./types.js";

export type { MonitorOptions, MonitorProgress, MonitorReport, RunReport } from "./types.js";
export type { MonitorState } from "../../domain/outage.js";

export async function monitor(opts: MonitorOptions): Promise<MonitorReport> {
  const now = opts.now ?? (() => new Date());
  const ws = await openWorkspace(opts.cwd, { commit: opts.commit });
  const lockFindings: Finding[] = [];
  const release = opts.dryRun
    ? async () => undefined
    : await takeMonitorLock(ws.root, ws.inGit, now(), (f) => lockFindings.push(f));
  try {
    const rep = await tick(opts, ws, now);
    rep.findings.unshift(...lockFindings);
    return rep;
  } finally {
    await release();
  }
}

function schedulerSummary(
  outcome: QueryOutcome | undefined,
  unused: readonly QueryOutcome["calls"][number][] = [],
): MonitorReport["scheduler"] {
  return {
    // Every cluster asked answered (a cluster down is not ok, though the others' runs were decided).
    ok: outcome ? outcome.ok && !outcome.outages?.length : true,
    calls: (outcome?.calls.length ?? 0) + unused.length,
    totalMs: Math.round(outcome?.calls.reduce((a, c) => a + c.durationMs, 0) ?? 0),
    accounting: outcome?.accounting,
    error: outcome?.error,
    detail: [
      ...(outcome?.calls ?? []).map(
        (c) =>
          `${path.basename(c.argv[0])} ${c.ok ? "ok" : "failed"} ${Math.round(c.durationMs)} ms${c.error ? `: ${c.error}` : ""}`,
      ),
      ...unused.map((c) => `${path.basename(c.argv[0])} asked ahead, not used`),
    ],
  };
}

/** The outage state, never through a link (a link is reported and read as no state). */
async function readMonitorState(root: string, findings: Finding[]): Promise<MonitorState | undefined> {
  const r = await readOwned(root, path.join(root, MONITOR_STATE_PATH), 1024 * 1024);
  if (r.skipped) {
    findings.push(findingFromError(linkError(r, MONITOR_STATE_PATH), "monitor.link", MONITOR_STATE_PATH));
    return undefined;
  }
  try {
    return r.data ? (JSON.parse(r.data.toString("utf8")) as MonitorState) : undefined;
  } catch {
    return undefined;
  }
}

/** Every known run's status after this tick: a run the index vouches for is finished and extracted. */
function statusesAfter(
  all: readonly LoadedRun[],
  changed: ReadonlyMap<string, RunManifest>,
  cached: ReadonlyArray<{ entry: { runId: string } }>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of cached) out.set(c.entry.runId, "completed");
  for (const l of all) out.set(l.manifest.run_id, statusOf(changed.get(l.manifest.run_id) ?? l.manifest));
  return out;
}

/** A shell template of the Python tool in the policy is never run: say so. */
function templateFindings(
  policy: Awaited<ReturnType<typeof loadPolicy>>["policy"],
  doc: Awaited<ReturnType<typeof loadPolicy>>["doc"],
): Finding[] {
  return pythonTemplateKeys(policy).map((k) => {
    const pointer = "/" + k.path.join("/");
    return {
      severity: "warning" as const,
      check: "policy.python_template",
      file: ".autolab/verifier_policy.yaml",
      ...(doc?.locate(pointer) ?? {}),
      jsonPath: pointer,
      message: `${k.path.join(".")} (a shell template of the Python autolab tool) is not run: a policy file is repository content, and this tool runs no shell text from it; instead ${k.instead}`,
    };
  });
}

async function tick(opts: MonitorOptions, ws: Workspace, now: () => Date): Promise<MonitorReport> {
  const findings: Finding[] = [];
  const dryRun = !!opts.dryRun;
  const { policy, doc } = await loadPolicy(ws.root);
  const settings = monitorSettings(policy);
  findings.push(...templateFindings(policy, doc));

  const g = await gather(opts, ws, settings, now, findings);
  const { opened, loaded, all, ledger, candidates, inFlight, outcome, unusedCalls, runGroups: runGroupsNow } = g;
  const at = isoSeconds(now());
  const prevState = await readMonitorState(ws.root, findings);
  const outage = outageStep(
    prevState,
    {
      asked: !!outcome,
      ok: (outcome?.ok ?? true) && !outcome?.outages?.length,
      error: outcome?.error,
      failed: outcome?.outages?.map((o) => ({ cluster: o.cluster, error: o.error, runs: o.refs.length })),
      partial: !!outcome?.ok && !!outcome.outages?.length,
    },
    at,
    settings.escalateAfterTicks,
  );
  if (outage.finding) findings.push(outage.finding);

  // Decide and act, run by run.
  const ctx: TickContext = {
    root: ws.root,
    at,
    now,
    settings,
    policy,
    outcome,
    // Resubmission and cancellation as launch.job_user, when the policy sets it.
    scheduler: schedulerFor(opts.scheduler, policy),
    unresolved: new Set(outcome?.unresolved ?? []),
    dryRun,
    findings,
  };
  const results: RunResult[] = [];
  for (const l of candidates) {
    const r = await advanceRun(ctx, l);
    results.push(r);
    const { runId, before, after, jobId } = r.report;
    if (before !== after) opts.progress?.({ phase: "run", runId, before, after, jobId });
  }
  const reports = results.map((r) => r.report);
  const changedById = new Map<string, RunManifest>();
  for (const r of results) if (r.changed) changedById.set(r.changed.run_id, r.changed);
  const statuses = statusesAfter(all, changedById, loaded.cached);
  const python = await pythonGroupResults({
    root: ws.root,
    groups: runGroupsNow,
    runs: candidates,
    results,
    all,
    statuses,
    at,
    findings,
  });
  for (const b of python.bases) changedById.set(b.next.run_id, b.next);
  const groups = [...(await tickSweepGroups(ws.root, candidates, results, findings)), ...python.groups];
  // A ledger the tick could not read (too large, a link: a ledger.read error) is left alone.
  const follow = g.ledgerRefused
    ? { fix: [], findings: [] }
    : ledgerFollow(
        all.map((l) => ({
          before: l.manifest,
          after: changedById.get(l.manifest.run_id),
          manifestFile: l.run.manifestDisplay,
        })),
        ledger,
        !opts.runId,
        loaded.cached.map((c) => c.entry.runId),
      );
  findings.push(...follow.findings);

  const report: MonitorReport = {
    runs: reports,
    tracked: all.length + loaded.cached.length,
    inFlight: inFlight.length,
    findings,
    scheduler: schedulerSummary(outcome, unusedCalls),
    outage: outage.outage,
    written: [],
    dryRun,
    notify: notifySettings(policy),
    retentionSeconds: retentionSeconds(policy),
    ...(groups.length ? { sweeps: sweepReports(groups) } : {}),
  };
  if (dryRun) return report;

  // Record: one change set, one commit.
  const edits = tickEdits({
    runs: candidates,
    results,
    ledgerFix: follow.fix,
    groups,
    bases: python.bases,
    monitorState: outage.state,
    statuses: statusesAfter(all, changedById, loaded.cached),
    now: now(),
  });
  if (edits.length) opts.progress?.({ phase: "committing", files: edits.length });
  const rec = await record(ws, edits, {
    message: commitMessage(reports, outage.outage),
    skipCi: opts.skipCi,
    push: opts.push,
    branch: opts.branch,
    token: opts.token,
    onUnpushed: "report", // the report says it, and the tick fails (monitorVerdict)
    identity: opts.identity,
  });
  findings.push(...rec.findings);
  // The index for the next tick (only a whole-repository tick knows every run; a run written above has
  // a new stamp: it is read next tick), with the question for the runs this tick leaves in flight;
  // an index equal to the one read is not written again.
  const next = {
    ...questionFor(
      candidates.map((l) => changedById.get(l.manifest.run_id) ?? l.manifest).filter((m) => asksScheduler(m)),
    ),
    ledger: ledgerStamp(ws),
  };
  if (!opts.runId && (loaded.indexChanged || !sameQuestion(opened?.next, next) || opened?.next?.ledger !== next.ledger))
    await writeRunIndex(ws, loaded.index, next);
  return { ...report, commit: rec.commit, written: rec.written };
}
