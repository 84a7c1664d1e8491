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
import type { RunManifest } from "../../contract/types.js";
import { MONITOR_STATE_PATH } from "../../domain/layout.js";
import { outageStep, type MonitorState } from "../../domain/outage.js";
import { manifestJobRef } from "../../domain/run.js";
import { monitorSettings, notifySettings, pythonTemplateKeys, retentionSeconds } from "../../domain/settings.js";
import { asksScheduler, needsWork } from "../../domain/tick.js";
import { isoSeconds } from "../../domain/time.js";
import { record } from "../../git/record.js";
import { parseLedger } from "../../ledger/ledger.js";
import { LEDGER_PATH, readLedger } from "../../ledger/io.js";
import { ledgerFollow, ledgerProblems, linesByRun } from "../../ledger/sync.js";
import type { QueryOutcome } from "../../scheduler/port.js";
import { discoverRuns, runNotFound } from "../../store/discover.js";
import { takeMonitorLock } from "../../store/lock.js";
import { readRunIndex, writeRunIndex } from "../../store/run-index.js";
import { loadRunsIndexed, type LoadedRun } from "../../store/runs.js";
import { openWorkspace, type Workspace } from "../../store/workspace.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import { linkError, readOwned } from "../../util/fs.js";
import { advanceRun, type RunResult, type TickContext } from "./advance.js";
import { tickEdits } from "./edits.js";
import { tickSweepGroups } from "./sweeps.js";
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

/** One question to the scheduler for every run in flight (undefined: nothing to ask). */
async function ask(
  opts: MonitorOptions,
  inFlight: readonly LoadedRun[],
  lookbackDays: number,
  clientTimeoutMs: number,
  now: Date,
  findings: Finding[],
): Promise<QueryOutcome | undefined> {
  const jobIds = [...new Set(inFlight.map((l) => manifestJobRef(l.manifest) as string))];
  if (!jobIds.length) return undefined;
  const launched = inFlight
    .map((l) => Date.parse(String(l.manifest.timestamps?.started_at ?? l.manifest.started_at ?? "")))
    .filter((t) => Number.isFinite(t));
  const earliest = launched.length
    ? launched.reduce((a, b) => Math.min(a, b)) - 24 * 3600 * 1000
    : now.getTime() - lookbackDays * 86400 * 1000;
  const outcome = await opts.scheduler.query(jobIds, {
    since: new Date(earliest),
    timeoutMs: clientTimeoutMs,
    ...opts.query,
  });
  opts.log?.(
    `scheduler: ${outcome.calls.length} call(s) for ${jobIds.length} job(s), ${outcome.ok ? `ok (accounting ${outcome.accounting})` : "FAILED: " + outcome.error}`,
  );
  if (outcome.ok) {
    for (const w of outcome.warnings) {
      findings.push({
        severity: "warning",
        check: "scheduler.accounting",
        message: `${w}; runs are followed through squeue/scontrol, and jobs neither shows are left as they are`,
        hint: "check slurmdbd and its database (sacctmgr show cluster); finished jobs are settled once accounting answers again",
      });
    }
  }
  return outcome;
}

function schedulerSummary(outcome: QueryOutcome | undefined): MonitorReport["scheduler"] {
  return {
    ok: outcome ? outcome.ok : true,
    calls: outcome?.calls.length ?? 0,
    totalMs: Math.round(outcome?.calls.reduce((a, c) => a + c.durationMs, 0) ?? 0),
    accounting: outcome?.accounting,
    error: outcome?.error,
    detail: (outcome?.calls ?? []).map(
      (c) =>
        `${path.basename(c.argv[0])} ${c.ok ? "ok" : "failed"} ${Math.round(c.durationMs)} ms${c.error ? `: ${c.error}` : ""}`,
    ),
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

async function readLedgerText(root: string, findings: Finding[]): Promise<string> {
  try {
    return (await readLedger(path.join(root, LEDGER_PATH), LEDGER_PATH, root)) ?? "";
  } catch (e) {
    findings.push(findingFromError(e, "ledger.read", LEDGER_PATH));
    return "";
  }
}

async function tick(opts: MonitorOptions, ws: Workspace, now: () => Date): Promise<MonitorReport> {
  const findings: Finding[] = [];
  const dryRun = !!opts.dryRun;
  const { policy, doc } = await loadPolicy(ws.root);
  const settings = monitorSettings(policy);
  for (const k of pythonTemplateKeys(policy)) {
    const pointer = "/" + k.path.join("/");
    findings.push({
      severity: "warning",
      check: "policy.python_template",
      file: ".autolab/verifier_policy.yaml",
      ...(doc?.locate(pointer) ?? {}),
      jsonPath: pointer,
      message: `${k.path.join(".")} (a shell template of the Python autolab tool) is not run: a policy file is repository content, and this tool runs no shell text from it; instead ${k.instead}`,
    });
  }

  // Gather: the runs the index cannot vouch for are read (domain/run-index.ts).
  opts.progress?.({ phase: "discovering" });
  const readAtMs = Date.now();
  const discovered = await discoverRuns(ws.root, opts.runId ? { runId: opts.runId } : {});
  // Say why when the run exists but was refused (e.g. a symlink leaving the repository).
  if (opts.runId && !discovered.runs.length) throw runNotFound(opts.runId, discovered.findings);
  findings.push(...discovered.findings);
  const ledgerFindings: Finding[] = [];
  const ledger = parseLedger(await readLedgerText(ws.root, ledgerFindings));
  const lines = linesByRun(ledger);
  const loaded = await loadRunsIndexed(discovered.runs, findings, {
    index: await readRunIndex(ws),
    readAtMs,
    ledgerLine: (id) => lines.get(id)?.text,
  });
  const all = loaded.runs;
  opts.log?.(`runs: ${all.length} read, ${loaded.cached.length} from the run index`);
  findings.push(...ledgerFindings, ...ledgerProblems(ledger));
  const candidates = all.filter((l) => l.validated && needsWork(l.manifest, l.hasMetrics));
  const inFlight = candidates.filter((l) => asksScheduler(l.manifest));

  // Ask, once.
  if (inFlight.length)
    opts.progress?.({ phase: "asking", jobs: inFlight.length, tracked: all.length + loaded.cached.length });
  const outcome = await ask(opts, inFlight, settings.lookbackDays, settings.clientTimeoutMs, now(), findings);
  const at = isoSeconds(now());
  const prevState = await readMonitorState(ws.root, findings);
  const outage = outageStep(
    prevState,
    { asked: !!outcome, ok: outcome?.ok ?? true, error: outcome?.error },
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
    scheduler: opts.scheduler,
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
  const groups = await tickSweepGroups(ws.root, candidates, results, findings);
  const changedById = new Map<string, RunManifest>();
  for (const r of results) if (r.changed) changedById.set(r.changed.run_id, r.changed);
  const follow = ledgerFollow(
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
    scheduler: schedulerSummary(outcome),
    outage: outage.outage,
    written: [],
    dryRun,
    notify: notifySettings(policy),
    retentionSeconds: retentionSeconds(policy),
    ...(groups.length
      ? {
          sweeps: groups.map((g) => ({
            sweepId: g.sweepId,
            iterationId: g.iterationId,
            metricsPath: g.metricsPath,
            extracted: g.extracted,
            total: g.total,
            result: g.result,
          })),
        }
      : {}),
  };
  if (dryRun) return report;
  // Only a whole-repository tick knows every run (a run written below has a new stamp: it is read next tick).
  if (!opts.runId) await writeRunIndex(ws, loaded.index);

  // Record: one change set, one commit.
  const edits = tickEdits({
    runs: candidates,
    results,
    ledgerFix: follow.fix,
    groups,
    monitorState: outage.state,
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
  return { ...report, commit: rec.commit, written: rec.written };
}
