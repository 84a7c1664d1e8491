/**
 * One run through one tick: gather its evidence, decide (domain/tick.ts), act
 * (sync, extract), and return what to record. Writes nothing except the
 * `syncing` mark a copy in progress leaves in the work tree (a crash leaves
 * `syncing`, which the next tick retries); everything else goes into the
 * tick's change set.
 */
import path from "node:path";
import { loadDesign } from "../../contract/design.js";
import { serializeManifest, writeManifest } from "../../contract/manifest.js";
import type { RunManifest } from "../../contract/types.js";
import { isSuccessLike, normalizeSyncStatus } from "../../contract/vocabulary.js";
import { jobLogNames } from "../../domain/layout.js";
import { answerFor } from "../../domain/cluster-answers.js";
import { efficiencyOfManifest, jobTimesOf } from "../../report/job-usage.js";
import { manifestCluster, manifestJobId, manifestJobRef, statusOf, sweepIdOf, transition } from "../../domain/run.js";
import { extractTimeoutSeconds, type MonitorSettings } from "../../domain/settings.js";
import {
  afterSync,
  asksScheduler,
  awaitsSync,
  decideRun,
  jobNameMismatch,
  needsExtract,
  stableText,
  type Moved,
  type RunStep,
} from "../../domain/tick.js";
import type { QueryOutcome, Scheduler } from "../../scheduler/port.js";
import { jobRunDir } from "../../store/discover.js";
import type { RunEvent } from "../../domain/stage.js";
import { extractRun } from "../../steps/extract.js";
import { resolveSyncConfig, syncArtifacts, syncingRecord, syncRecord, type SyncResult } from "../../steps/sync.js";
import { evidenceFiles, readRunSentinel, symlinkFinding, tail } from "../../store/evidence.js";
import type { LoadedRun } from "../../store/runs.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import { displayPath } from "../../util/fs.js";
import { resubmitFirst } from "./resubmit.js";
import type { RunReport } from "./types.js";

export interface TickContext {
  root: string;
  at: string;
  now: () => Date;
  settings: MonitorSettings;
  policy: Record<string, unknown>;
  outcome?: QueryOutcome;
  scheduler: Scheduler;
  unresolved: ReadonlySet<string>;
  dryRun: boolean;
  findings: Finding[];
}

/** What one run adds to the tick's change set. */
export interface RunResult {
  report: RunReport;
  /** The new manifest, when it changed. */
  changed?: RunManifest;
  /** Texts of the manifest file that count as "as read" (what was read, and the syncing mark). */
  baseTexts: Set<string>;
  /** Repository-relative path -> content (metrics, extract log, sentinel and job logs). */
  files: Map<string, Buffer | string>;
  /** The run's section of its iteration's summary.md. */
  section?: { path: string; iterationId: string; runId: string; text: string };
  stateEvents: RunEvent[];
  /** What extraction found (for the report). */
  metrics?: { status: string; primary: { name: string; value: number | null } };
}

/** What a run collects for the change set while it is advanced (the report is made at the end). */
type Collected = Omit<RunResult, "report" | "changed">;

interface Evidence {
  /** Where the job writes its files (its launch snapshot, else the checkout's run dir). */
  dir: string;
  workDir?: string;
  missing: boolean;
}

function evidenceOf(c: TickContext, l: LoadedRun, m: RunManifest): Evidence {
  const ev = jobRunDir(m, c.root, l.run.runDir);
  if (ev.invalid) {
    c.findings.push({
      severity: "warning",
      check: "monitor.work_dir_invalid",
      file: l.run.manifestDisplay,
      jsonPath: "/launch/work_dir",
      message: `launch.work_dir ${ev.invalid} of run ${m.run_id} is not an absolute path; the job's files are looked for in the checkout's run dir`,
    });
  } else if (ev.workDir && ev.missing && m.host_mode === "slurm") {
    c.findings.push({
      severity: "warning",
      check: "monitor.work_dir_missing",
      file: l.run.manifestDisplay,
      jsonPath: "/launch/work_dir",
      message: `the job's work dir ${ev.dir} (the launch snapshot of run ${m.run_id}) is missing: its sentinel, logs and outputs cannot be read, so they count as missing`,
      hint: "if the snapshot was moved, put it back (or copy its run dir into the checkout's run dir) and run the monitor again",
    });
  }
  return { dir: ev.workDir ? ev.dir : l.run.runDir, workDir: ev.workDir, missing: ev.missing };
}

/** Copy the job's files from its launch snapshot into the checkout's run dir (never deleting). */
function copyBack(c: TickContext, l: LoadedRun, m: RunManifest, ev: Evidence): Promise<SyncResult> {
  return syncArtifacts({
    repoRoot: c.root,
    runDir: l.run.runDir,
    runId: m.run_id,
    iterationId: m.iteration_id,
    iterationPath: l.run.iterationPath,
    now: c.now,
    config: {
      mode: "rsync",
      source: ev.dir.endsWith("/") ? ev.dir : ev.dir + "/",
      outputs: [],
      retries: 0,
    },
  });
}

/** Gather the scheduler's answer and the early sentinel, then decide (domain/tick.ts). */
async function decide(c: TickContext, l: LoadedRun, ev: Evidence): Promise<RunStep> {
  const m = l.manifest;
  const jobId = manifestJobId(m);
  const ref = manifestJobRef(m);
  const asks = asksScheduler(m);
  // Asked of a cluster that did not answer (or none answered): an outage for this run only.
  const answer = asks ? answerFor(ref, c.outcome) : "answered";
  const obs = asks && answer === "answered" && ref ? c.outcome?.observations.get(ref) : undefined;
  const base = {
    manifest: m,
    file: l.run.manifestDisplay,
    at: c.at,
    now: c.now(),
    graceSeconds: c.settings.graceSeconds,
    runawayLostAfterSeconds: c.settings.runawayLostAfterSeconds,
    answer,
    unresolved: ref !== undefined && c.unresolved.has(ref),
  };
  // An outage, or a job id that belongs to another job: the sentinel is not read.
  if (!asks || base.answer === "outage" || (obs && jobNameMismatch(m, obs) !== undefined)) {
    return decideRun({ ...base, job: obs, sentinel: { state: "missing" } });
  }
  const sv = await readRunSentinel(ev.dir, jobId, obs?.tasks !== undefined);
  if (sv.symlink)
    c.findings.push(symlinkFinding(c.root, path.join(ev.dir, "job_sentinel.json"), m.run_id, "job_sentinel.json"));
  if (!obs) return decideRun({ ...base, sentinel: sv.sentinel, sentinelNote: sv.note });
  const { neverStarts, failsFast, ...verdict } = c.scheduler.judge(obs);
  return decideRun({
    ...base,
    job: obs,
    verdict,
    sentinel: sv.sentinel,
    sentinelNote: sv.note,
    neverStarts,
    failsFast,
    maxPendingSeconds: c.settings.maxPendingSeconds,
    efficiencyHintBelow: c.settings.efficiencyHintBelow,
  });
}

/**
 * A run that gives up on its pending job (never starts, max_pending) fails
 * only once the job is cancelled: when the cancel does not go through, the
 * run is left as it was (a warning) and the next tick decides again.
 */
async function cancelFirst(c: TickContext, l: LoadedRun, step: RunStep): Promise<RunStep> {
  const jobId = step.cancelJob!;
  if (c.dryRun) return step;
  // A job on a named cluster is cancelled there (`id;cluster`: scancel -M).
  const cluster = manifestCluster(l.manifest);
  const ref = cluster ? `${jobId};${cluster}` : jobId;
  const out = await c.scheduler.cancel([ref], { timeoutMs: c.settings.clientTimeoutMs });
  if (out.ok) return step;
  return {
    manifest: l.manifest,
    transitions: [],
    findings: [
      {
        severity: "warning",
        check: "monitor.cancel_failed",
        file: l.run.manifestDisplay,
        message: `run ${l.manifest.run_id} gives up on its pending job ${jobId} (${step.failureReason ?? "failed"}), but ${c.scheduler.terms.cancel} did not go through: ${out.error ?? "no answer"}; the run is left as it was and decided again next tick`,
      },
    ],
    sync: false,
  };
}

/**
 * Bring a succeeded job's artifacts into the checkout: its snapshot first
 * (work root), then the design's own artifact_sync. Returns what the sync
 * rests on (undefined: not synced this tick, retried next tick).
 */
async function syncStep(c: TickContext, l: LoadedRun, m: RunManifest, ev: Evidence, r: Collected) {
  let fromWorkDir: string | undefined;
  if (ev.workDir && !ev.missing) {
    const res = await copyBack(c, l, m, ev);
    if (res.status !== "ok") {
      const prevAttempts = Number(m.artifact_sync_to_local?.total_attempts ?? 0) || 0;
      m.artifact_sync_to_local = {
        ...syncRecord(res),
        from_work_dir: ev.dir,
        total_attempts: prevAttempts + res.attempts,
      };
      c.findings.push({
        severity: "warning",
        check: "sync.failed",
        file: l.run.manifestDisplay,
        message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${res.error ?? "unknown error"}; it is retried on the next tick`,
        hint: "check the work root's permissions and free space",
      });
      return undefined;
    }
    fromWorkDir = `the job's files copied from its work dir ${ev.dir} (${res.copied.length} file(s))`;
  }
  let evidence: string | undefined;
  if (isSuccessLike(m.artifact_sync_to_local?.status)) {
    // Already synced (e.g. by hand, as the recovery steps say).
    evidence = `artifact_sync_to_local.status is ${String(m.artifact_sync_to_local.status)}`;
  } else {
    try {
      const designShown = `${l.run.iterationPath}/design.yaml`;
      const { data: design } = await loadDesign(path.join(l.run.iterationDir, "design.yaml"), designShown);
      const config = resolveSyncConfig(design, c.policy, {
        designFile: designShown,
        policyFile: ".autolab/verifier_policy.yaml",
      });
      // Visible in the work tree while the copy runs; a crash leaves "syncing", which is retried.
      m.artifact_sync_to_local = syncingRecord(m.artifact_sync_to_local);
      await writeManifest(l.run.manifestPath, m, l.run.manifestDisplay);
      r.baseTexts.add(serializeManifest(m));
      const res = await syncArtifacts({
        repoRoot: c.root,
        runDir: l.run.runDir,
        runId: m.run_id,
        iterationId: m.iteration_id,
        iterationPath: l.run.iterationPath,
        config,
        now: c.now,
      });
      const prevAttempts = Number(m.artifact_sync_to_local?.total_attempts ?? 0) || 0;
      m.artifact_sync_to_local = { ...syncRecord(res), total_attempts: prevAttempts + res.attempts };
      if (res.status === "ok") {
        evidence = `artifacts synced (${config.mode})${config.mode === "rsync" ? `: ${res.copied.length} file(s) copied` : ""}`;
      } else {
        c.findings.push({
          severity: "warning",
          check: "sync.failed",
          message: `artifact sync for run ${m.run_id} failed: ${res.error ?? "missing " + res.missing.join(", ")}; it is retried on the next tick`,
          file: l.run.manifestDisplay,
          hint: "fix the source, or copy the files by hand, set artifact_sync_to_local.status to ok, and run the monitor again",
        });
      }
    } catch (e) {
      c.findings.push(findingFromError(e, "sync.config", l.run.manifestDisplay));
    }
  }
  return evidence !== undefined && fromWorkDir ? `${fromWorkDir}; ${evidence}` : evidence;
}

/** Extract results (metrics.json, the summary section) and collect the evidence files to commit. */
async function extractStep(c: TickContext, l: LoadedRun, step: RunStep, ev: Evidence, r: Collected) {
  const m = step.manifest;
  if (ev.workDir && !ev.missing && m.host_mode === "slurm") {
    // A failed run was never synced: its logs and sentinel still have to come back to be committed.
    const res = await copyBack(c, l, m, ev);
    if (res.status !== "ok") {
      c.findings.push({
        severity: "warning",
        check: "sync.failed",
        file: l.run.manifestDisplay,
        message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${res.error ?? "unknown error"}; its logs are not committed this tick`,
      });
    }
  }
  try {
    const designShown = `${l.run.iterationPath}/design.yaml`;
    const { data: design } = await loadDesign(path.join(l.run.iterationDir, "design.yaml"), designShown);
    const res = await extractRun({
      repoRoot: c.root,
      iterationDir: l.run.iterationDir,
      iterationPath: l.run.iterationPath,
      runDir: l.run.runDir,
      runId: m.run_id,
      iterationId: m.iteration_id,
      design,
      manifest: m,
      pythonBin: c.settings.pythonBin,
      now: c.now,
      timeoutSeconds: extractTimeoutSeconds(design, c.policy),
    });
    r.files.set(displayPath(c.root, res.metricsPath), res.metricsText);
    if (res.logPath && res.logText !== undefined) r.files.set(displayPath(c.root, res.logPath), res.logText);
    r.section = {
      path: displayPath(c.root, res.summaryPath),
      iterationId: m.iteration_id,
      runId: m.run_id,
      text: res.section,
    };
    r.metrics = {
      status: res.metrics.status,
      primary: { name: res.metrics.primary_metric.name, value: res.metrics.primary_metric.value },
    };
    m.extraction = {
      metrics: displayPath(c.root, res.metricsPath),
      status: res.metrics.status,
      missing_evidence: res.missingEvidence,
    };
    if (statusOf(m) === "synced") step.manifest = complete(step, m, c.at, res.metrics.status);
    r.stateEvents.push("extracted");
    if (m.host_mode === "slurm") {
      for (const [p, data] of await evidenceFiles(c.root, l.run.runDir, m.run_id, c.findings)) r.files.set(p, data);
    }
  } catch (e) {
    c.findings.push(findingFromError(e, "extract", l.run.manifestDisplay));
  }
}

function complete(step: RunStep, m: RunManifest, at: string, metricsStatus: string): RunManifest {
  const evidence = `metrics.json written (status ${metricsStatus})`;
  const next = transition(m, "completed", at, evidence);
  if (!next) return m;
  step.transitions.push({ from: statusOf(m), to: "completed", evidence });
  return next;
}

function merge(into: RunStep, more: RunStep): RunStep {
  return {
    manifest: more.manifest,
    transitions: [...into.transitions, ...more.transitions],
    findings: [...into.findings, ...more.findings],
    sync: false,
    failureReason: more.failureReason ?? into.failureReason,
  };
}

/** The run's report row. */
function reportOf(l: LoadedRun, before: RunManifest, step: RunStep, now: Date): RunReport {
  const m = step.manifest;
  const launchRec = m.launch && typeof m.launch === "object" ? (m.launch as Record<string, unknown>) : {};
  const rep: RunReport = {
    runId: m.run_id,
    iterationId: m.iteration_id,
    manifestPath: l.run.manifestDisplay,
    hostMode: m.host_mode,
    jobId: manifestJobId(m),
    cluster: manifestCluster(m),
    before: statusOf(before),
    after: statusOf(m),
    transitions: step.transitions,
    changed: false,
    launchSha: typeof launchRec.git_revision === "string" ? launchRec.git_revision : undefined,
    slurmState: m.slurm?.state,
    reason: m.slurm?.reason,
    exitCode: m.slurm?.exit_code,
    failureReason: step.failureReason,
    syncStatus: normalizeSyncStatus(m.artifact_sync_to_local?.status) ?? String(m.artifact_sync_to_local?.status ?? ""),
    startedAt: m.timestamps?.started_at,
    completedAt: m.timestamps?.completed_at,
    slurmStart: m.slurm?.start,
    slurmEnd: m.slurm?.end,
    sweepId: sweepIdOf(m),
  };
  // SLURM's own times (a local run's launch and completion), never the tick that noticed.
  const times = jobTimesOf(m, now);
  if (times.runSeconds !== undefined) rep.durationSeconds = times.runSeconds;
  if (times.queuedSeconds !== undefined) rep.queuedSeconds = times.queuedSeconds;
  if (times.submit !== undefined) rep.slurmSubmit = times.submit;
  if (times.expectedStart !== undefined) rep.expectedStart = times.expectedStart;
  const eff = efficiencyOfManifest(m);
  if (eff) rep.efficiency = eff;
  return rep;
}

/** A failed run's log tail (stderr first), never through a link. */
async function logTail(c: TickContext, l: LoadedRun, m: RunManifest, ev: Evidence): Promise<string | undefined> {
  const jobId = manifestJobId(m);
  if (!jobId) return undefined;
  const logs = path.join(ev.workDir && !ev.missing ? ev.dir : l.run.runDir, "logs");
  for (const name of jobLogNames(jobId)) {
    const t = await tail(path.join(logs, name));
    if (t.skipped) c.findings.push(symlinkFinding(c.root, path.join(logs, name), m.run_id, `logs/${name}`));
    if (t.text !== undefined) return t.text;
  }
  return undefined;
}

/** Advance one run through the tick. */
export async function advanceRun(c: TickContext, l: LoadedRun): Promise<RunResult> {
  const before = l.manifest;
  const ev = evidenceOf(c, l, before);
  const stepFindings = (s: RunStep) => {
    c.findings.push(...s.findings);
    s.findings = [];
  };
  let step = await decide(c, l, ev);
  if (step.cancelJob !== undefined) step = await cancelFirst(c, l, step);
  if (step.resubmit !== undefined) step = await resubmitFirst(c, l, step);
  stepFindings(step);
  const r: Collected = {
    baseTexts: new Set(l.text !== undefined ? [l.text] : []),
    files: new Map(),
    stateEvents: [],
  };
  if (step.sync && statusOf(step.manifest) === "running" && !c.dryRun) {
    const m = structuredClone(step.manifest);
    const evidence = await syncStep(c, l, m, ev, r);
    step = { ...step, manifest: m, sync: false };
    if (evidence !== undefined) {
      const jobId = manifestJobId(m);
      const sv = await readRunSentinel(l.run.runDir, jobId, Array.isArray(m.slurm?.array_tasks));
      if (sv.symlink)
        c.findings.push(
          symlinkFinding(c.root, path.join(l.run.runDir, "job_sentinel.json"), m.run_id, "job_sentinel.json"),
        );
      const after = afterSync({
        manifest: m,
        file: l.run.manifestDisplay,
        at: c.at,
        now: c.now(),
        graceSeconds: c.settings.graceSeconds,
        syncEvidence: evidence,
        sentinel: sv.sentinel,
        sentinelNote: sv.note,
      });
      stepFindings(after);
      step = merge(step, after);
    }
    if (statusOf(step.manifest) === "synced") r.stateEvents.push("synced");
  }
  let synced = false;
  if (awaitsSync(step.manifest) && !c.dryRun) {
    // The Python tool's `completed` with its sync still to do: sync, then extract (status stays completed).
    const m = structuredClone(step.manifest);
    synced = (await syncStep(c, l, m, ev, r)) !== undefined;
    step = { ...step, manifest: m };
  }
  if ((synced || needsExtract(statusOf(step.manifest), l.hasMetrics)) && !c.dryRun)
    await extractStep(c, l, step, ev, r);
  const m = step.manifest;
  const report = reportOf(l, before, step, c.now());
  if (r.metrics) {
    report.metricsStatus = r.metrics.status;
    report.primaryMetric = r.metrics.primary;
  }
  if (report.after === "failed") report.logTail = await logTail(c, l, m, ev);
  report.changed = stableText(m) !== l.stableBefore;
  return { ...r, report, ...(report.changed ? { changed: m } : {}) };
}

export type { Moved };
