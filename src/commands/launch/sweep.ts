/**
 * launch, a sweep (design `sweep:` or `replicates` > 1): every task is a run.
 * Decide (domain/sweep.ts: points, replicates, tasks, chunks) -> act (one
 * `sbatch --array` per chunk, or the tasks one after another locally) ->
 * record (one change set: the chunk scripts, the sweep record, one manifest
 * and one ledger line per task, state.json with `run_group`).
 *
 * The sweep id is the launch's run id (from --run-id, the launch journal, or
 * fresh); task runs are `<sweep_id>_<i>` (`<sweep_id>_c<c>_<i>` in later
 * chunks). Idempotent: the sweep record `runs/<sweep_id>/sweep_manifest.json`
 * is written before each chunk is submitted and gets the chunk's array job id
 * as soon as sbatch answers; a relaunch with the same sweep id or launch key
 * submits only chunks without a job, each after looking for its array by
 * job name (`autolab-<sweep_id>[_c<c>]`; a keyed launch's `<key's job
 * name>[_c<c>]`, which a fresh checkout can ask for), so no chunk is
 * submitted twice.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readManifest } from "../../contract/manifest.js";
import type { RunManifest } from "../../contract/types.js";
import { put, type FileEdit } from "../../domain/changes.js";
import * as plan from "../../domain/launch-plan.js";
import { runLayout, SWEEP_RECORD_FILE as SWEEP_RECORD } from "../../domain/layout.js";
import { manifestJobId } from "../../domain/run.js";
import { submitSettings, sweepLimits } from "../../domain/settings.js";
import * as sw from "../../domain/sweep.js";
import { isoSeconds } from "../../domain/time.js";
import { headSha } from "../../git/git.js";
import { ledgerEdit } from "../../ledger/sync.js";
import type { ArrayRequest, ArrayTask, JobRequest, Submission } from "../../scheduler/port.js";
import { keyJobName, writeJournal } from "../../store/journal.js";
import { groupLaunched } from "../../domain/stage.js";
import { stateEdit } from "../../store/state-file.js";
import { localEvidence, runLocally } from "../../steps/local-run.js";
import { keep, manifestEdit, recordRun } from "../../steps/record-run.js";
import { launchRecording } from "./record.js";
import { refuseImpossible } from "./plan.js";
import { prepareRunDir } from "../../steps/run-dir.js";
import { checkSnapshotable, makeSnapshot } from "../../steps/snapshot.js";
import { jobUserSnapshotOfHead } from "../../steps/job-snapshot.js";
import { AutolabError, type Finding } from "../../util/errors.js";
import { writeFileAtomic } from "../../util/fs.js";
import { mapPool } from "../../util/pool.js";
import { onCluster, safeLocate, safeUserName } from "./gather.js";
import type { Gathered, LaunchResult, SweepChunkResult } from "./types.js";

/** The sweep record (`runs/<sweep_id>/sweep_manifest.json`): the group manifest at the base run id. */
export interface SweepRecord {
  schema_version: "1.0";
  kind: "sweep";
  sweep_id: string;
  iteration_id: string;
  host_mode: "slurm" | "local";
  launch_key?: string;
  created_at: string;
  replicates: number;
  max_concurrent?: number;
  points: Array<{ index: number; label: string; params: sw.Params }>;
  /** Task run ids, in task order. */
  run_group: string[];
  chunks: Array<{ chunk: number; offset: number; count: number; job_name: string; script: string; job_id?: string }>;
}

/** The plan of the design's sweep, or an error naming every malformed part with design.yaml's line. */
export function sweepPlanOf(g: Gathered): sw.SweepPlan {
  const cap = sweepLimits(g.policy).maxTasks;
  const { plan: p, problems } = sw.planSweep(g.design, cap);
  if (p) return p;
  const findings: Finding[] = problems.map((pr) => ({
    severity: "error",
    check: "design.sweep",
    file: g.designDisplay,
    jsonPath: pr.jsonPath,
    ...safeLocate(g.locate, pr.jsonPath),
    message: pr.message,
    hint: pr.hint,
  }));
  const first = findings[0];
  throw new AutolabError(
    `design.yaml's sweep is malformed: ${problems.map((x) => x.message).join("; ")}; nothing was written`,
    { file: first.file, line: first.line, column: first.column, jsonPath: first.jsonPath, hint: first.hint, findings },
  );
}

function taskEnv(sweepId: string, t: sw.SweepTask): Array<[string, string]> {
  return [
    ["AUTOLAB_PARAMS_JSON", sw.paramsJson(t.params)],
    ["AUTOLAB_POINT_INDEX", String(t.point)],
    ["AUTOLAB_REPLICATE", String(t.replicate)],
    ["AUTOLAB_SWEEP_ID", sweepId],
    ["AUTOLAB_TASK_INDEX", String(t.index)],
  ];
}

interface Chunked {
  chunk: sw.ArrayChunk;
  name: string;
  scriptPath: string;
  tasks: Array<{ task: sw.SweepTask; runId: string; request: JobRequest; env: Array<[string, string]> }>;
  submission?: Submission;
}

function requestFor(g: Gathered, runId: string, t: sw.SweepTask, jobRoot: string, env: Array<[string, string]>) {
  return g.opts.scheduler.request({
    design: g.design,
    runId,
    iterationId: g.iterationId,
    iterationPath: g.iterationPath,
    workDir: jobRoot,
    pythonBin: String(g.policy.python_bin ?? "python3"),
    task: { params: t.params, env },
  });
}

/** Chunks with their tasks' requests and (SLURM) their array submissions. Pure but for the scheduler's pure calls. */
function chunksOf(
  g: Gathered,
  p: sw.SweepPlan,
  sweepId: string,
  jobRoot: string,
  perArray: number,
  recorded: SweepRecord | undefined,
): Chunked[] {
  const groupDir = runLayout(g.iterationPath, sweepId).runDir;
  const local = g.hostMode === "local";
  // A keyed launch names its arrays from the key (any checkout can find them); a recorded chunk keeps its name.
  const base = g.opts.launchKey !== undefined && !local ? keyJobName(g.opts.launchKey) : undefined;
  return sw.chunkTasks(p.tasks.length, local ? p.tasks.length : perArray).map((chunk) => {
    const tasks = p.tasks.slice(chunk.offset, chunk.offset + chunk.count).map((task, i) => {
      const runId = local ? `${sweepId}_${task.index}` : sw.taskRunId(sweepId, chunk, i);
      const env = taskEnv(sweepId, task);
      // Local tasks get their variables in their own script; array tasks from the array's task table.
      const request = requestFor(g, runId, task, jobRoot, local ? env : []);
      return { task, runId, request, env };
    });
    const name =
      recorded?.chunks.find((e) => e.chunk === chunk.chunk)?.job_name ?? sw.chunkJobName(sweepId, chunk.chunk, base);
    const scriptPath = `${groupDir}/${chunk.chunk === 0 ? "run_slurm.sbatch" : `run_slurm_c${chunk.chunk}.sbatch`}`;
    const c: Chunked = { chunk, name, scriptPath, tasks };
    if (!local) {
      const a: ArrayRequest = {
        name,
        runPrefix: sw.chunkRunPrefix(sweepId, chunk.chunk),
        tasks: tasks.map((t): ArrayTask => ({ request: t.request, env: t.env })),
        maxConcurrent: p.maxConcurrent,
      };
      c.submission = g.opts.scheduler.prepareArray(a, { scriptPath });
    }
    return c;
  });
}

async function readRecord(abs: string): Promise<SweepRecord | undefined> {
  if (!existsSync(abs)) return undefined;
  try {
    const r = JSON.parse(await readFile(abs, "utf8")) as SweepRecord;
    return r && r.kind === "sweep" && Array.isArray(r.chunks) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Launch the design's sweep (the caller found `isSweepDesign`). */
export async function launchSweep(g: Gathered): Promise<LaunchResult> {
  const p = sweepPlanOf(g);
  const sweepId = g.run.runId;
  const groupDir = runLayout(g.iterationPath, sweepId).runDir;
  const recordPath = `${groupDir}/${SWEEP_RECORD}`;
  const snapshotDir = g.workRoot ? path.join(g.workRoot, sweepId) : undefined;
  if (snapshotDir && !g.opts.dryRun) await checkSnapshotable(g.ws.root, g.iterationPath, g.log);
  const jobRoot = snapshotDir ?? g.ws.root;
  let perArray = p.tasks.length;
  if (g.hostMode === "slurm") {
    const probe = await g.opts.scheduler.probe({ timeoutMs: 10_000 });
    if (!probe.canSubmit && !g.opts.dryRun)
      throw new AutolabError(
        `design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${probe.summary.join("\n  ")}`,
        { file: g.designDisplay, ...safeLocate(g.locate, "/compute/location"), jsonPath: "/compute/location" },
      );
    // A named cluster's own MaxArraySize (scontrol -M): the arrays are submitted there.
    const clusterMax = probe.canSubmit ? await g.opts.scheduler.maxArrayTasks(onCluster(g.cluster)) : undefined;
    if (clusterMax === 0)
      throw new AutolabError(
        `${g.cluster ? `cluster ${g.cluster}` : "this cluster"} has job arrays switched off (MaxArraySize=0); a sweep cannot be submitted`,
        {
          file: g.designDisplay,
          ...safeLocate(g.locate, g.design.sweep !== undefined ? "/sweep" : "/replicates"),
        },
      );
    perArray = Math.min(clusterMax ?? Infinity, sweepLimits(g.policy).maxArraySize ?? Infinity, p.tasks.length);
  }
  const existing = await readRecord(path.join(g.ws.root, recordPath));
  const chunks = chunksOf(g, p, sweepId, jobRoot, perArray, existing);
  const base = resultOf(g, p, sweepId, chunks, recordPath);
  if (g.opts.dryRun) return dryRunOf(g, base, chunks);
  // Chunks an earlier attempt submitted: their scripts are the ones submitted, kept as they are.
  const submittedBefore = new Set(existing?.chunks.filter((e) => e.job_id).map((e) => e.chunk) ?? []);
  // One test submission per array chunk still to submit, before anything is written or queued.
  for (const c of chunks)
    if (c.submission && !existing?.chunks.find((e) => e.chunk === c.chunk.chunk)?.job_id)
      await refuseImpossible(g, c.submission, g.ws.root, chunks.length > 1 ? ` (array chunk ${c.chunk.chunk})` : "");
  if (g.ws.gitDir && g.opts.launchKey && !g.journal)
    await writeJournal(g.ws.gitDir, {
      key: g.opts.launchKey,
      run_id: sweepId,
      iteration_id: g.iterationId,
      job_name: chunks[0].name,
      created_at: isoSeconds(g.now()),
    });
  const revision = await sweepSnapshot(g, snapshotDir, chunks);
  const startedAt = existing?.created_at ?? isoSeconds(g.now());
  const record: SweepRecord = existing ?? {
    schema_version: "1.0",
    kind: "sweep",
    sweep_id: sweepId,
    iteration_id: g.iterationId,
    host_mode: g.hostMode,
    ...(g.opts.launchKey ? { launch_key: g.opts.launchKey } : {}),
    created_at: startedAt,
    replicates: p.replicates,
    ...(p.maxConcurrent !== undefined ? { max_concurrent: p.maxConcurrent } : {}),
    points: p.points.map((pt) => ({ index: pt.index, label: pt.label, params: pt.params })),
    run_group: chunks.flatMap((c) => c.tasks.map((t) => t.runId)),
    chunks: chunks.map((c) => ({ ...c.chunk, job_name: c.name, script: c.scriptPath })),
  };
  const manifests: RunManifest[] =
    g.hostMode === "local"
      ? await runLocalTasks(g, chunks[0], { revision, startedAt, sweepId, total: p.tasks.length }, p.maxConcurrent)
      : await submitChunks(g, chunks, record, { revision, startedAt, sweepId, total: p.tasks.length, recordPath });
  const edits = sweepEdits(g, chunks, record, recordPath, manifests, submittedBefore);
  const failed = manifests.filter((m) => m.status === "failed").length;
  const rec = await recordRun(
    g.ws,
    edits,
    manifests[0],
    launchRecording(
      g,
      `autolab: launch ${g.iterationId} sweep ${sweepId}: ${manifests.length} task(s)${record.chunks.some((c) => c.job_id) ? ` (array ${record.chunks.map((c) => c.job_id ?? "?").join(", ")})` : ""}${failed ? `, ${failed} failed` : ""}`,
      "the sweep",
    ),
  );
  const arrays = record.chunks.map((c) => c.job_id).filter((x): x is string => Boolean(x));
  return {
    ...base,
    status: failed === manifests.length ? "failed" : (manifests[0].status ?? "submitted"),
    jobId: arrays.join(","),
    reused: existing !== undefined && existing.chunks.every((c) => c.job_id),
    commit: rec.commit,
    sweep: { ...base.sweep!, arrays, failed },
  };
}

function resultOf(
  g: Gathered,
  p: sw.SweepPlan,
  sweepId: string,
  chunks: Chunked[],
  recordPath: string,
): LaunchResult & { sweep: NonNullable<LaunchResult["sweep"]> } {
  const runIds = chunks.flatMap((c) => c.tasks.map((t) => t.runId));
  return {
    runId: sweepId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
    status: "pending",
    manifestPath: recordPath,
    scriptPath: chunks[0].scriptPath,
    reused: false,
    adopted: false,
    sweep: {
      id: sweepId,
      points: p.points.map((pt) => pt.label),
      replicates: p.replicates,
      runIds,
      chunks: chunks.map((c): SweepChunkResult => ({
        chunk: c.chunk.chunk,
        tasks: c.chunk.count,
        argv: c.submission?.argv ?? [],
      })),
      arrays: [],
      failed: 0,
    },
  };
}

async function dryRunOf(
  g: Gathered,
  base: LaunchResult & { sweep: NonNullable<LaunchResult["sweep"]> },
  chunks: Chunked[],
): Promise<LaunchResult> {
  const first = chunks[0];
  const script = first.submission?.script ?? "";
  const argv = first.submission?.argv ?? ["bash", first.tasks[0].request.runId];
  const result: LaunchResult = { ...base, status: "dry-run", dryRun: { script, argv } };
  if (g.hostMode === "slurm" && first.submission) {
    result.dryRun!.testOnly = await g.opts.scheduler.testSubmit(first.submission, {
      cwd: g.ws.root,
      passEnv: g.passEnv,
    });
  }
  return result;
}

interface TaskCtx {
  revision?: string;
  startedAt: string;
  sweepId: string;
  total: number;
}

function taskBase(g: Gathered, c: Chunked, t: Chunked["tasks"][number], ctx: TaskCtx, s: Submission | undefined) {
  const layout = runLayout(g.iterationPath, t.runId);
  const m = plan.baseManifest({
    runId: t.runId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
    commandLine: s ? s.commandLine : `bash ${layout.localScript}`,
    resourceRequest: plan.resourceRequest(g.design.compute, c.name, s?.directives ?? []),
    startedAt: ctx.startedAt,
    script: s ? c.scriptPath : layout.localScript,
    design: g.designDisplay,
    gitRevision: ctx.revision,
    workDir: g.workRoot ? path.join(g.workRoot, ctx.sweepId) : undefined,
    launchedBy: g.opts.launchedBy ?? process.env.GITHUB_ACTOR ?? safeUserName(),
    launchedFrom: os.hostname(),
    launchKey: g.opts.launchKey,
    entrypointCommand: t.request.command,
    ...(s ? { passedEnv: g.passEnv } : {}),
  });
  m.sweep = {
    sweep_id: ctx.sweepId,
    task_index: t.task.index,
    point_index: t.task.point,
    replicate: t.task.replicate,
    params: t.task.params,
    tasks: ctx.total,
    chunk: c.chunk.chunk,
  };
  return m;
}

/** The sweep's snapshot (for launch.job_user: that user's, holding every chunk's script and task's logs/) and its commit. */
async function sweepSnapshot(g: Gathered, dir: string | undefined, chunks: Chunked[]): Promise<string | undefined> {
  if (!dir) return g.ws.inGit ? await headSha(g.ws.root) : undefined;
  if (!g.jobUser) {
    await makeSnapshot(g.ws.root, dir, g.log);
    return headSha(dir);
  }
  const made = await jobUserSnapshotOfHead({
    repoRoot: g.ws.root,
    dir,
    user: g.jobUser,
    files: chunks.map((c) => ({ rel: c.scriptPath, content: c.submission!.script })),
    dirs: chunks.flatMap((c) => c.tasks.map((t) => runLayout(g.iterationPath, t.runId).logsDir)),
    programs: [g.opts.scheduler.terms.submit, g.opts.scheduler.terms.cancel],
    log: g.log,
  });
  return made.revision;
}

async function submitChunks(
  g: Gathered,
  chunks: Chunked[],
  record: SweepRecord,
  ctx: TaskCtx & { recordPath: string },
): Promise<RunManifest[]> {
  const recordAbs = path.join(g.ws.root, ctx.recordPath);
  const jobRoot = g.workRoot ? path.join(g.workRoot, ctx.sweepId) : g.ws.root;
  const tuning = submitSettings(g.policy);
  const out: RunManifest[] = [];
  for (const c of chunks) {
    const s = c.submission!;
    const entry = record.chunks[c.chunk.chunk];
    // Script and every task's logs/ before sbatch (SLURM does not create log directories); a job user's snapshot has them.
    // A chunk an earlier attempt submitted keeps the script it was submitted with.
    if (!g.jobUser && !entry.job_id) {
      await prepareRunDir(path.join(jobRoot, path.dirname(c.scriptPath)), path.join(jobRoot, c.scriptPath), s.script);
      await Promise.all(
        c.tasks.map((t) => mkdir(path.join(jobRoot, runLayout(g.iterationPath, t.runId).logsDir), { recursive: true })),
      );
    }
    await mkdir(path.dirname(recordAbs), { recursive: true });
    await writeFileAtomic(recordAbs, JSON.stringify(record, null, 2) + "\n");
    let jobId = entry.job_id;
    let cluster = g.cluster;
    let adopted: plan.JobOutcome["adopted"];
    let evidence: string | undefined;
    let attempts = 0;
    if (!jobId && (g.run.given || g.journal)) {
      const found = await g.opts.scheduler.findByName(c.name, onCluster(g.cluster));
      if (found.ok && found.jobIds.length) {
        jobId = found.jobIds[0];
        adopted = { by: "job name" };
        g.log(`adopted array ${jobId}: found by its job name ${c.name}`);
      }
    }
    if (!jobId) {
      const r = await g.opts.scheduler.submit(s, {
        cwd: jobRoot,
        timeoutMs: g.opts.submit?.timeoutMs ?? tuning.timeoutMs,
        retries: g.opts.submit?.retries ?? tuning.retries,
        baseDelayMs: g.opts.submit?.baseDelayMs ?? tuning.baseDelayMs,
        passEnv: g.passEnv,
      });
      if (r.kind === "unknown")
        throw new AutolabError(`${r.error.message}; the sweep's chunk ${c.chunk.chunk} may or may not exist`, {
          file: ctx.recordPath,
          hint: `retry with --run-id ${ctx.sweepId}: it adopts the array if one was created, else submits it`,
          cause: r.error,
        });
      if (r.kind === "refused") {
        g.log(`the scheduler refused chunk ${c.chunk.chunk} of sweep ${ctx.sweepId}: ${r.message}`);
        for (const t of c.tasks) {
          const m = plan.refusedManifest(
            taskBase(g, c, t, ctx, s),
            { jobName: c.name, message: r.message, attempts: r.attempts, evidence: r.evidence },
            isoSeconds(g.now()),
            { dropWorkDir: false },
          );
          out.push(m);
        }
        continue;
      }
      jobId = r.jobId;
      cluster = r.cluster ?? g.cluster;
      attempts = r.attempts;
      evidence = r.evidence;
      if (r.adopted) adopted = { by: "job name" };
      g.log(`submitted array ${jobId} (${c.tasks.length} task(s)): ${s.commandLine}`);
    }
    entry.job_id = jobId;
    await writeFileAtomic(recordAbs, JSON.stringify(record, null, 2) + "\n");
    for (const [i, t] of c.tasks.entries()) {
      // A task recorded by an earlier attempt (or moved on by the monitor) stays as it is.
      const known = await existingManifest(g, t.runId);
      if (known) {
        out.push(known);
        continue;
      }
      const taskJob = `${jobId}_${i}`;
      const m = plan.submittedManifest(
        taskBase(g, c, t, ctx, s),
        {
          jobId: taskJob,
          ...onCluster(cluster),
          jobName: c.name,
          attempts,
          ...(adopted ? { adopted } : { evidence: `${evidence ?? `array ${jobId}`}: task ${i} is job ${taskJob}` }),
        },
        ctx.startedAt,
        record.created_at,
      );
      m.slurm = { ...m.slurm, array_job_id: jobId, array_task_id: i };
      (m.sweep as Record<string, unknown>).array_job_id = jobId;
      out.push(m);
    }
  }
  return out;
}

async function existingManifest(g: Gathered, runId: string): Promise<RunManifest | undefined> {
  const layout = runLayout(g.iterationPath, runId);
  const abs = path.join(g.ws.root, layout.manifest);
  return existsSync(abs) ? (await readManifest(abs, layout.manifest)).data : undefined;
}

/**
 * Local mode: the tasks one after another, or `compute.max_concurrent` at a
 * time, each a local run with its own script; the manifests in task order.
 */
async function runLocalTasks(g: Gathered, c: Chunked, ctx: TaskCtx, maxConcurrent = 1): Promise<RunManifest[]> {
  return mapPool(c.tasks, maxConcurrent, async (t) => {
    const layout = runLayout(g.iterationPath, t.runId);
    const s = g.opts.scheduler.prepare(t.request, { scriptPath: layout.localScript, mode: "local" });
    await prepareRunDir(path.join(g.ws.root, layout.runDir), path.join(g.ws.root, layout.localScript), s.script);
    const limit = t.request.resources.timeLimit;
    const observed = await runLocally({
      scriptAbs: path.join(g.ws.root, layout.localScript),
      runDir: path.join(g.ws.root, layout.runDir),
      cwd: g.ws.root,
      runId: t.runId,
      iterationId: g.iterationId,
      limitSeconds: typeof limit === "number" ? limit : undefined,
      outputs: (g.design.artifact_sync?.outputs ?? []).filter((o): o is string => typeof o === "string"),
    });
    const base = taskBase(g, c, t, ctx, undefined);
    base.command = s.commandLine;
    const m = plan.localManifest(base, observed, isoSeconds(g.now()));
    g.log(`task ${t.task.index} (${sw.pointLabel(t.task.params)}, replicate ${t.task.replicate}): ${m.status}`);
    return m;
  });
}

function sweepEdits(
  g: Gathered,
  chunks: Chunked[],
  record: SweepRecord,
  recordPath: string,
  manifests: RunManifest[],
  submittedBefore: ReadonlySet<number>,
): FileEdit[] {
  const edits: FileEdit[] = [];
  // A chunk submitted by an earlier attempt (maybe another checkout, with other paths) keeps its script.
  const scriptEdit = (p: string, c: Chunked) =>
    submittedBefore.has(c.chunk.chunk) ? keep(p) : put(p, c.submission!.script);
  for (const c of chunks) if (c.submission) edits.push(scriptEdit(c.scriptPath, c));
  if (chunks[0].submission)
    edits.push(scriptEdit(`${runLayout(g.iterationPath, "x").launchDir}/run_slurm.sbatch`, chunks[0]));
  edits.push(put(recordPath, JSON.stringify(record, null, 2) + "\n"));
  for (const m of manifests) {
    edits.push(manifestEdit(runLayout(g.iterationPath, m.run_id).manifest, m));
    if (m.host_mode === "local") {
      const layout = runLayout(g.iterationPath, m.run_id);
      edits.push(keep(layout.localScript), ...localEvidence(g.ws.root, layout.runDir).map(keep));
    }
  }
  const withJobs = manifests.filter((m) => m.host_mode === "slurm" && manifestJobId(m));
  if (withJobs.length) edits.push(ledgerEdit(withJobs));
  const launched = manifests.filter((m) => m.status !== "failed").length;
  edits.push(
    stateEdit(
      (st) =>
        groupLaunched(
          st,
          {
            sweepId: record.sweep_id,
            iterationId: g.iterationId,
            hostMode: g.hostMode,
            runGroup: record.run_group,
            launched,
          },
          g.now(),
        ),
      `.autolab/state.json: sweep ${record.sweep_id} launched (run_group)`,
    ),
  );
  return edits;
}
