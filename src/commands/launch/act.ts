/** launch, act: journal the intent, snapshot, run dir, then submit or adopt (or run locally). */
import os from "node:os";
import path from "node:path";
import type { RunManifest } from "../../contract/types.js";
import * as plan from "../../domain/launch-plan.js";
import { submitSettings } from "../../domain/settings.js";
import { isoSeconds } from "../../domain/time.js";
import { headSha } from "../../git/git.js";
import { writeJournal, type JournalEntry } from "../../store/journal.js";
import { runLocally } from "../../steps/local-run.js";
import { makeSnapshot, removeSnapshot } from "../../steps/snapshot.js";
import { jobUserSnapshotOfHead, removeJobUserSnapshot } from "../../steps/job-snapshot.js";
import { prepareRunDir, removeCreated, type Created } from "../../steps/run-dir.js";
import { AutolabError } from "../../util/errors.js";
import { onCluster, safeUserName } from "./gather.js";
import type { Acted, Gathered, Prepared } from "./types.js";

export async function act(g: Gathered, p: Prepared): Promise<Acted> {
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
  const { snapshotCreated, revision } = await snapshotOf(g, p);
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
    passedEnv: g.passEnv,
  });
  // The script and logs/ go into the run directory (the snapshot's, with a work root) before submitting.
  // (A job user's snapshot already holds them: it was unpacked by that user.)
  const jobRunDir = path.join(p.jobRoot, layout.runDir);
  let created: Created[] = [];
  try {
    if (!g.jobUser) created = await prepareRunDir(jobRunDir, path.join(p.jobRoot, g.scriptPath), p.submission.script);
  } catch (e) {
    if (snapshotCreated) await dropSnapshot(g, p.snapshotDir as string);
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
    if (snapshotCreated) await dropSnapshot(g, p.snapshotDir as string);
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

/** The run's snapshot (a git worktree; for launch.job_user, that user's copy without .git) and its commit. */
async function snapshotOf(g: Gathered, p: Prepared): Promise<{ snapshotCreated: boolean; revision?: string }> {
  const { ws } = g;
  if (!p.snapshotDir) return { snapshotCreated: false, revision: ws.inGit ? await headSha(ws.root) : undefined };
  if (!g.jobUser) {
    const snapshotCreated = await makeSnapshot(ws.root, p.snapshotDir, g.log);
    return { snapshotCreated, revision: await headSha(p.snapshotDir) };
  }
  const made = await jobUserSnapshotOfHead({
    repoRoot: ws.root,
    dir: p.snapshotDir,
    user: g.jobUser,
    files: [{ rel: g.scriptPath, content: p.submission.script }],
    dirs: [`${g.layout.runDir}/logs`],
    programs: [g.opts.scheduler.terms.submit, g.opts.scheduler.terms.cancel],
    log: g.log,
  });
  return { snapshotCreated: made.created, revision: made.revision };
}

function dropSnapshot(g: Gathered, dir: string): Promise<void> {
  return g.jobUser ? removeJobUserSnapshot(dir, g.jobUser) : removeSnapshot(g.ws.root, dir);
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
  // A keyed launch also looks first: another checkout may have submitted this key's job.
  const keyed = opts.launchKey !== undefined && g.hostMode === "slurm";
  let d = plan.decideBeforeLookup(entry, run.given || g.existing !== undefined || keyed);
  if (d.kind === "lookup") {
    // A fresh keyed run was asked about while gathering (one question per launch).
    const lookup =
      !run.given && g.keyLookup
        ? g.keyLookup
        : await sched.findByName(name, { controller: true, ...onCluster(g.cluster) });
    // The run's age is judged on the real clock (the controller's MinJobAge is real time).
    const ageSeconds = plan.runAgeSeconds(run.runId, entry?.created_at, new Date());
    d = plan.decideAfterLookup({
      name,
      runId: run.runId,
      lookup,
      ageSeconds,
      manifestPath: g.layout.manifest,
      fresh: keyed && !run.given && g.existing === undefined,
    });
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
      job: { jobId: d.jobId, cluster: d.cluster ?? g.cluster, jobName: name, attempts: 0, adopted: { by: d.by } },
    };
  }
  const tuning = submitSettings(g.policy);
  const out = await sched.submit(p.submission, {
    cwd: p.jobRoot,
    timeoutMs: opts.submit?.timeoutMs ?? tuning.timeoutMs,
    retries: opts.submit?.retries ?? tuning.retries,
    baseDelayMs: opts.submit?.baseDelayMs ?? tuning.baseDelayMs,
    passEnv: g.passEnv,
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
  const found = await sched.findByName(name, onCluster(g.cluster)).catch(() => undefined);
  if (found?.jobIds.length) {
    g.log(
      `adopted job ${found.jobIds[0]}: the scheduler's reply was lost but the job exists (found by its job name ${name})`,
    );
    const job = { jobId: found.jobIds[0], ...onCluster(g.cluster), jobName: name, attempts: out.attempts };
    return { kind: "job", job: { ...job, adopted: { by: "job name" } } };
  }
  throw new AutolabError(`${out.error.message}; nothing was recorded for run ${run.runId}`, {
    file: g.layout.manifest,
    hint: opts.launchKey
      ? `retry with the same launch key (${opts.launchKey}): it adopts the job if one was created, else submits it`
      : `retry with --run-id ${run.runId}: it adopts the job if one was created, else submits it`,
    cause: out.error,
  });
}
