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
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDesign, resolveIteration, type DesignExt } from "../contract/design.js";
import { newRunId, readManifest } from "../contract/manifest.js";
import { loadPolicy } from "../contract/policy.js";
import type { RunManifest } from "../contract/types.js";
import { put, type FileEdit } from "../domain/changes.js";
import * as plan from "../domain/launch-plan.js";
import { runLayout, type RunLayout } from "../domain/layout.js";
import { manifestJobId } from "../domain/run.js";
import { submitSettings } from "../domain/settings.js";
import { isoSeconds } from "../domain/time.js";
import type { Recorded, RecordingOptions } from "../git/record.js";
import type { CommitBackResult } from "../git/commitback.js";
import { headSha } from "../git/git.js";
import { ledgerEdit } from "../ledger/sync.js";
import type { JobRequest, Scheduler, Submission } from "../scheduler/port.js";
import { readStateStrict } from "../store/state-file.js";
import { readJournal, writeJournal, type JournalEntry } from "../store/journal.js";
import { stateAfter } from "../store/state-file.js";
import { openWorkspace, type Workspace } from "../store/workspace.js";
import { localEvidence, runLocally } from "../steps/local-run.js";
import { keep, manifestEdit, recordRun } from "../steps/record-run.js";
import { checkSnapshotable, makeSnapshot, removeSnapshot, resolveWorkRoot } from "../steps/snapshot.js";
import { prepareRunDir, removeCreated, type Created } from "../steps/run-dir.js";
import { AutolabError } from "../util/errors.js";
import { displayPath, readTextStrict } from "../util/fs.js";

export { resolveWorkRoot } from "../steps/snapshot.js";
export { journalDir } from "../store/journal.js";

export interface LaunchOptions extends RecordingOptions {
  /** Repository root (or any directory inside the checkout). */
  cwd: string;
  /** Path to design.yaml, an iteration directory, or an iteration id. */
  design: string;
  /** The scheduler the job goes to (the faces pass `slurmCli()`). */
  scheduler: Scheduler;
  /** Print, do not write or submit (asks the scheduler to test the submission where it answers). */
  dryRun?: boolean;
  /** Reuse this run id (idempotent relaunch). */
  runId?: string;
  /**
   * A key that identifies one launch request across retries (the action uses
   * one derived from the workflow run id). The same key always maps to the
   * same run, so a retried request never submits a second job.
   */
  launchKey?: string;
  /** Recorded in the manifest (default: $GITHUB_ACTOR, else the login name). */
  launchedBy?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Submit timeout / retry tuning; defaults from the policy's `launch.*`. */
  submit?: { timeoutMs?: number; retries?: number; baseDelayMs?: number };
  /**
   * Absolute directory outside the checkout where the run's snapshot
   * (`<workRoot>/<run_id>`, a detached git worktree of HEAD) is made and the
   * job runs (SLURM only). Default: the policy's `launch.work_root`; none
   * means the job runs in the checkout.
   */
  workRoot?: string;
  /** Used when neither `workRoot` nor the policy names one (the action passes `$RUNNER_WORKSPACE/autolab-runs`). */
  workRootDefault?: string;
}

export interface DryRunResult {
  /** The script that would be written (nothing is written). */
  script: string;
  /** The submit command as it would be run (SLURM designs), or `["bash", <script>]` (local). */
  argv: string[];
  /** The scheduler's answer to the test submission, when it answered. */
  testOnly?: { ok: boolean; output: string };
  /** Why the test submission was not made (this host cannot submit). */
  testOnlySkipped?: string;
}

export interface LaunchResult {
  runId: string;
  iterationId: string;
  hostMode: "slurm" | "local";
  /** Run status after the launch (`dry-run` for a dry run). */
  status: string;
  jobId?: string;
  manifestPath: string;
  scriptPath: string;
  /** The run already had a manifest: nothing was submitted. */
  reused: boolean;
  /** The job was found in the scheduler (journal or job name) and adopted. */
  adopted: boolean;
  dryRun?: DryRunResult;
  commit?: CommitBackResult;
  /** Why the run failed (the scheduler's words for a refused submission). */
  error?: string;
}

/** What gather found: everything the decisions rest on. */
interface Gathered {
  opts: LaunchOptions;
  log: (line: string) => void;
  now: () => Date;
  ws: Workspace;
  iterationId: string;
  iterationPath: string;
  designDisplay: string;
  design: DesignExt;
  locate: (p: string) => { line: number; column: number };
  policy: Record<string, unknown>;
  hostMode: "slurm" | "local";
  workRoot?: string;
  journal?: JournalEntry;
  run: plan.RunChoice;
  layout: RunLayout;
  /** The run's script, repository-relative. */
  scriptPath: string;
  existing?: RunManifest;
}

export async function launch(opts: LaunchOptions): Promise<LaunchResult> {
  plan.checkLaunchIds(opts.runId, opts.launchKey);
  const g = await gather(opts);
  if (g.existing && plan.isLaunched(g.existing)) return reuse(g);
  const prepared = await prepare(g);
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

// ---------------------------------------------------------------------------
// Gather

async function gather(opts: LaunchOptions): Promise<Gathered> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  const ws = await openWorkspace(opts.cwd, { commit: opts.commit });
  const it = await resolveIteration(ws.root, opts.design);
  const designDisplay = displayPath(ws.root, it.designPath);
  const designDoc = await loadDesign(it.designPath, designDisplay);
  const { policy } = await loadPolicy(ws.root);
  await readStateStrict(ws.root); // a broken state.json is refused now, not after submitting
  const hostMode = designDoc.data.compute.location;
  const iterationPath = displayPath(ws.root, it.iterationDir);
  const launchPolicy = (policy as { launch?: { work_root?: unknown } }).launch;
  const workRoot = resolveWorkRoot(
    opts.workRoot,
    launchPolicy?.work_root ?? opts.workRootDefault,
    ws.root,
    ws.inGit,
    hostMode,
    log,
  );
  const journal = await readJournal(ws.gitDir, opts.launchKey);
  const run = plan.chooseRun({
    iterationId: it.iterationId,
    runId: opts.runId,
    launchKey: opts.launchKey,
    journal,
    fresh: () => newRunId(now(), randomBytes(3).toString("hex")),
  });
  const layout = runLayout(iterationPath, run.runId);
  const manifestAbs = path.join(ws.root, layout.manifest);
  const existing = existsSync(manifestAbs) ? (await readManifest(manifestAbs, layout.manifest)).data : undefined;
  return {
    opts,
    log,
    now,
    ws,
    iterationId: it.iterationId,
    iterationPath,
    designDisplay,
    design: designDoc.data,
    locate: designDoc.locate,
    policy: policy as Record<string, unknown>,
    hostMode,
    workRoot,
    journal,
    run,
    layout,
    scriptPath: hostMode === "slurm" ? layout.slurmScript : layout.localScript,
    existing,
  };
}

function resultBase(g: Gathered): Omit<LaunchResult, "status" | "reused" | "adopted"> {
  return {
    runId: g.run.runId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
    manifestPath: g.layout.manifest,
    scriptPath: g.scriptPath,
  };
}

// ---------------------------------------------------------------------------
// Decide what to run: the request, the submission, can this host submit?

interface Prepared {
  request: JobRequest;
  submission: Submission;
  /** Where the job runs: the snapshot, else the checkout. */
  jobRoot: string;
  snapshotDir?: string;
  /** What the probe said when this host cannot submit. */
  cannotSubmit?: string[];
}

async function prepare(g: Gathered): Promise<Prepared> {
  const { opts, ws } = g;
  // With a work root, the job runs in a snapshot of the committed iteration: refuse uncommitted design changes.
  const snapshotDir = g.workRoot ? path.join(g.workRoot, g.run.runId) : undefined;
  if (snapshotDir) await checkSnapshotable(ws.root, g.iterationPath, g.log);
  const jobRoot = snapshotDir ?? ws.root;
  const request = requestFor(g, jobRoot);
  const submission = opts.scheduler.prepare(request, {
    scriptPath: g.scriptPath,
    mode: g.hostMode === "slurm" ? "batch" : "local",
  });
  let cannotSubmit: string[] | undefined;
  if (g.hostMode === "slurm") {
    const probe = await opts.scheduler.probe({ timeoutMs: 10_000 });
    if (!probe.canSubmit) cannotSubmit = probe.summary;
    if (cannotSubmit && !opts.dryRun) {
      throw new AutolabError(
        `design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${cannotSubmit.join("\n  ")}`,
        {
          file: g.designDisplay,
          ...safeLocate(g.locate, "/compute/location"),
          jsonPath: "/compute/location",
          hint: "run on a SLURM login node (or the self-hosted runner there), or set compute.location: local",
        },
      );
    }
  }
  return { request, submission, jobRoot, snapshotDir, cannotSubmit };
}

/** The scheduler's request for this run; validation errors point at design.yaml's lines. */
function requestFor(g: Gathered, jobRoot: string): JobRequest {
  try {
    return g.opts.scheduler.request({
      design: g.design,
      runId: g.run.runId,
      iterationId: g.iterationId,
      iterationPath: g.iterationPath,
      workDir: jobRoot,
      pythonBin: String(g.policy.python_bin ?? "python3"),
    });
  } catch (e) {
    if (!(e instanceof AutolabError) || e.location.file) throw e;
    const pointer = e.location.jsonPath;
    const findings = e.findings.map((f) =>
      f.jsonPath && !f.file ? { ...f, file: g.designDisplay, ...safeLocate(g.locate, f.jsonPath) } : f,
    );
    if (pointer) {
      throw new AutolabError(e.message, {
        file: g.designDisplay,
        jsonPath: pointer,
        ...safeLocate(g.locate, pointer),
        hint: e.hint,
        findings,
        cause: e,
      });
    }
    // Not a design value (e.g. the checkout's path cannot stand in an #SBATCH line).
    throw new AutolabError(e.message, { file: g.ws.root, hint: e.hint, findings, cause: e });
  }
}

async function dryRun(g: Gathered, p: Prepared): Promise<LaunchResult> {
  const dry: DryRunResult = { script: p.submission.script, argv: p.submission.argv };
  if (g.hostMode === "slurm" && p.cannotSubmit) {
    dry.testOnlySkipped = `this host cannot submit to SLURM: ${p.cannotSubmit.join("; ")}`;
  } else if (g.hostMode === "slurm") {
    dry.testOnly = await g.opts.scheduler.testSubmit(p.submission, { cwd: g.ws.root });
  }
  return { ...resultBase(g), status: "dry-run", reused: false, adopted: false, dryRun: dry };
}

// ---------------------------------------------------------------------------
// Act

interface Acted {
  manifest: RunManifest;
  adopted: boolean;
  error?: string;
}

async function act(g: Gathered, p: Prepared): Promise<Acted> {
  const { opts, ws, run, layout } = g;
  // Journal the intent before submitting so that a crash after it can be adopted.
  const startedAt = isoSeconds(g.now());
  let entry = g.journal;
  if (ws.gitDir && opts.launchKey && !entry) {
    entry = {
      key: opts.launchKey,
      run_id: run.runId,
      iteration_id: g.iterationId,
      job_name: p.request.name,
      created_at: startedAt,
    };
    await writeJournal(ws.gitDir, entry);
  }
  // The snapshot (made now, or reused from an earlier attempt of this run) is what the job runs.
  const snapshotCreated = p.snapshotDir ? await makeSnapshot(ws.root, p.snapshotDir, g.log) : false;
  const revision = p.snapshotDir ? await headSha(p.snapshotDir) : ws.inGit ? await headSha(ws.root) : undefined;
  const base = plan.baseManifest({
    runId: run.runId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
    commandLine: p.submission.commandLine,
    resourceRequest: plan.resourceRequest(g.design.compute, p.request.name, p.submission.directives),
    startedAt,
    script: g.scriptPath,
    design: g.designDisplay,
    gitRevision: revision,
    workDir: p.snapshotDir,
    launchedBy: opts.launchedBy ?? process.env.GITHUB_ACTOR ?? safeUserName(),
    launchedFrom: os.hostname(),
    launchKey: opts.launchKey,
    entrypointCommand: p.request.command,
  });
  // The script and logs/ go into the run directory (the snapshot's, with a work root) before submitting.
  const jobRunDir = path.join(p.jobRoot, layout.runDir);
  let created: Created[];
  try {
    created = await prepareRunDir(jobRunDir, path.join(p.jobRoot, g.scriptPath), p.submission.script);
  } catch (e) {
    if (snapshotCreated) await removeSnapshot(ws.root, p.snapshotDir as string);
    throw e;
  }
  if (g.hostMode === "slurm" && !opts.launchKey) {
    g.log(
      `run ${run.runId}: submitting ${g.scriptPath} (if this process dies now, relaunch with --run-id ${run.runId}: it adopts the job instead of submitting another)`,
    );
  }
  try {
    if (g.hostMode === "local") return await actLocal(g, p, base);
    const out = await obtainJob(g, p, entry);
    if (out.kind === "job") {
      const m = plan.submittedManifest(base, out.job, startedAt, entry?.created_at);
      return { manifest: m, adopted: Boolean(out.job.adopted) };
    }
    // Refused: no job will ever run in the snapshot.
    if (snapshotCreated) await removeSnapshot(ws.root, p.snapshotDir as string);
    const m = plan.refusedManifest(base, out.refusal, isoSeconds(g.now()), { dropWorkDir: snapshotCreated });
    return { manifest: m, adopted: false, error: out.refusal.message };
  } catch (e) {
    // No job exists (or none could be confirmed): take back what this attempt wrote.
    await removeCreated(created);
    // The snapshot stays: a job whose reply was lost may still run there, and a retry of this run reuses it.
    if (snapshotCreated) g.log(`the run's snapshot ${p.snapshotDir} is kept for a retry of run ${run.runId}`);
    throw e;
  }
}

async function actLocal(g: Gathered, p: Prepared, base: RunManifest): Promise<Acted> {
  const limit = p.request.resources.timeLimit;
  const observed = await runLocally({
    scriptAbs: path.join(g.ws.root, g.scriptPath),
    runDir: path.join(g.ws.root, g.layout.runDir),
    cwd: g.ws.root,
    runId: g.run.runId,
    iterationId: g.iterationId,
    limitSeconds: typeof limit === "number" ? limit : undefined,
    outputs: (g.design.artifact_sync?.outputs ?? []).filter((o): o is string => typeof o === "string"),
  });
  const m = plan.localManifest(base, observed, isoSeconds(g.now()));
  const error =
    m.status === "failed"
      ? String((m.failure as { message?: string } | undefined)?.message ?? "the local run failed")
      : undefined;
  return { manifest: m, adopted: false, error };
}

type Obtained =
  | { kind: "job"; job: plan.JobOutcome }
  | { kind: "refused"; refusal: { jobName: string; message: string; attempts: number; evidence: string } };

/**
 * The run's job: adopted (journal job id, or found by name when the run id
 * was not freshly made), else submitted. A permanent refusal is returned;
 * anything that leaves the job's existence unknown is thrown.
 */
async function obtainJob(g: Gathered, p: Prepared, entry: JournalEntry | undefined): Promise<Obtained> {
  const { opts, run } = g;
  const sched = opts.scheduler;
  const name = p.request.name;
  // A run id that was not made just now (or a manifest without job id) may already have a job.
  let d = plan.decideBeforeLookup(entry, run.given || g.existing !== undefined);
  if (d.kind === "lookup") {
    const lookup = await sched.findByName(name, { controller: true });
    // The run's age is judged on the real clock (the controller's MinJobAge is real time).
    const ageSeconds = plan.runAgeSeconds(run.runId, entry?.created_at, new Date());
    d = plan.decideAfterLookup({ name, runId: run.runId, lookup, ageSeconds, manifestPath: g.layout.manifest });
  }
  if (d.kind !== "lookup" && d.note) g.log(d.note);
  if (d.kind === "adopt") {
    g.log(
      d.by === "launch journal"
        ? `adopted job ${d.jobId}: the launch journal recorded it for run ${run.runId}`
        : `adopted job ${d.jobId}: found by its job name ${name}`,
    );
    return {
      kind: "job",
      job: { jobId: d.jobId, cluster: d.cluster, jobName: name, attempts: 0, adopted: { by: d.by } },
    };
  }
  const tuning = submitSettings(g.policy);
  const out = await sched.submit(p.submission, {
    cwd: p.jobRoot,
    timeoutMs: opts.submit?.timeoutMs ?? tuning.timeoutMs,
    retries: opts.submit?.retries ?? tuning.retries,
    baseDelayMs: opts.submit?.baseDelayMs ?? tuning.baseDelayMs,
  });
  if (out.kind === "job") {
    if (g.ws.gitDir && entry)
      await writeJournal(g.ws.gitDir, {
        ...entry,
        job_id: out.jobId,
        ...(out.cluster ? { cluster: out.cluster } : {}),
      });
    g.log(
      out.adopted
        ? `adopted job ${out.jobId}: an earlier submit attempt created it (found by its job name ${name})`
        : `submitted job ${out.jobId}${out.cluster ? ` on ${out.cluster}` : ""} (${out.attempts} attempt${out.attempts === 1 ? "" : "s"})`,
    );
    const job: plan.JobOutcome = { jobId: out.jobId, cluster: out.cluster, jobName: name, attempts: out.attempts };
    return {
      kind: "job",
      job: out.adopted ? { ...job, adopted: { by: "job name" } } : { ...job, evidence: out.evidence },
    };
  }
  if (out.kind === "refused") {
    g.log(`the scheduler refused the job: ${out.message}`);
    return {
      kind: "refused",
      refusal: { jobName: name, message: out.message, attempts: out.attempts, evidence: out.evidence },
    };
  }
  // The scheduler did not answer: a lost reply may still have created the job.
  const found = await sched.findByName(name).catch(() => undefined);
  if (found?.jobIds.length) {
    g.log(
      `adopted job ${found.jobIds[0]}: the scheduler's reply was lost but the job exists (found by its job name ${name})`,
    );
    return {
      kind: "job",
      job: { jobId: found.jobIds[0], jobName: name, attempts: out.attempts, adopted: { by: "job name" } },
    };
  }
  throw new AutolabError(`${out.error.message}; nothing was recorded for run ${run.runId}`, {
    file: g.layout.manifest,
    hint: opts.launchKey
      ? `retry with the same launch key (${opts.launchKey}): it adopts the job if one was created, else submits it`
      : `retry with --run-id ${run.runId}: it adopts the job if one was created, else submits it`,
    cause: out.error,
  });
}

// ---------------------------------------------------------------------------
// Record

function recordLaunch(g: Gathered, edits: FileEdit[], m: RunManifest, o: { message: string }): Promise<Recorded> {
  return recordRun(g.ws, edits, m, {
    message: o.message,
    skipCi: g.opts.skipCi,
    push: g.opts.push,
    branch: g.opts.branch,
    token: g.opts.token,
    identity: g.opts.identity,
    log: g.log,
    rerun: "rerunning the same launch (same --run-id or launch key) records it without submitting again",
  });
}

function launchEdits(g: Gathered, s: Submission, m: RunManifest): FileEdit[] {
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
async function reuse(g: Gathered): Promise<LaunchResult> {
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

function safeLocate(
  locate: (p: string) => { line: number; column: number },
  pointer: string,
): { line?: number; column?: number } {
  try {
    return locate(pointer);
  } catch {
    return {};
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? "unknown";
  }
}
