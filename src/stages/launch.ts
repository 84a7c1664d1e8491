/**
 * launch: design.yaml -> rendered job script -> sbatch (or a local run) ->
 * manifest + ledger line + state.json -> one commit pushed back. Never waits
 * for a SLURM job.
 *
 * Order matters for safety:
 *  1. Everything that can be refused is checked before anything is written:
 *     the run id / launch key, the design (errors name design.yaml, line and
 *     column), the policy, state.json, the rendered directives, and, for a
 *     SLURM design, whether this host can submit at all (what was probed is
 *     in the error). A refused launch leaves the work tree exactly as it was.
 *  2. Idempotency: launching a run that already has a manifest never submits
 *     a second job; the manifest, ledger line and state are re-recorded and
 *     committed if an earlier attempt died before its commit. Before sbatch,
 *     the run id is recorded in a launch journal inside the git directory
 *     (`<git-dir>/autolab/launch-journal/`, which survives `git clean` and a
 *     runner's workspace reset), keyed by the launch key; the job id is added
 *     as soon as sbatch answers. A rerun with the same key whose manifest was
 *     lost adopts the job (by the journal's job id, else by its unique job
 *     name `autolab-<run_id>` in squeue/sacct) instead of submitting again.
 *     The same name lookup is done for any run id that was given rather than
 *     freshly made (`--run-id`), and before every sbatch retry. When
 *     accounting (sacct) is down, the controller's list (squeue, which keeps
 *     finished jobs for MinJobAge) decides alone for a run younger than
 *     MinJobAge; for an older run the launch is refused rather than risking a
 *     second job.
 *  3. The job script is written to the run directory before sbatch (sbatch
 *     reads it from there) together with `logs/` (SLURM does not create the
 *     log directory). If the launch stops before the job exists (a scheduler
 *     that does not answer), those files are removed again.
 *  4. The records (scripts, manifest, ledger, state) are computed in memory
 *     and written by one `apply()` that commit-back replays on a new branch
 *     head when a push is rejected.
 *
 * Work root (SLURM only): with `workRoot` (option, else policy
 * `launch.work_root`), the job does not run in the checkout. A self-hosted
 * runner's `actions/checkout` runs `git clean -ffdx && git reset --hard` in
 * the workspace before every monitor run, which would wipe a running job's
 * untracked sentinel, logs and outputs (and swap code under a week-long
 * job). Launch therefore makes a snapshot of the checkout's HEAD outside it,
 * `git worktree add --detach <workRoot>/<run_id> HEAD`, renders the script
 * with that snapshot as the job's directory (`--chdir`, logs, sentinel and
 * `AUTOLAB_RUN_DIR` all live there), writes the script into the snapshot's
 * run dir and submits from the snapshot. The checkout still gets a copy of
 * the script (run dir and launch/) and the manifest, which records
 * `launch.work_dir` (the absolute snapshot path); the monitor reads the
 * evidence there and copies it back into the checkout when the run is
 * synced. The snapshot holds committed files only, so a launch with a work
 * root is refused while the iteration directory (design.yaml included, its
 * runs/ and launch/ excepted) has uncommitted or untracked changes: the job
 * runs exactly the recorded `git_revision`. Uncommitted changes elsewhere in
 * the checkout are named in a warning (they are not part of the job).
 * Without a work root nothing changes. Local runs ignore the work root (they
 * end inside the launch).
 *
 * Ledger decision: the ledger (docs/slurm_job_list.md) has one line per
 * SLURM job. A submission that sbatch refused has no job id, so it gets no
 * ledger line; its manifest (status failed, completed_at, slurm.submit_error
 * with sbatch's own words) is written and committed. Local runs have no
 * ledger line either.
 *
 * Transient sbatch failures (controller unreachable or busy) are retried by
 * submitJob with jittered backoff; if they persist, launch looks the job up
 * by name once more (a lost reply may still have created it) and otherwise
 * fails without a manifest, keeping the journal so that the same launch key
 * (or `--run-id`) retries the same run.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, readdirSync, realpathSync } from "node:fs";
import { mkdir, readFile, rm, rmdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { resolveIteration, loadDesign, type DesignExt } from "../contract/design.js";
import { loadPolicy } from "../contract/policy.js";
import { manifestJobId, readManifest, writeManifest, newRunId } from "../contract/manifest.js";
import { LEDGER_PATH, upsertLedgerFile } from "../ledger/io.js";
import { MONITOR_STATE_PATH } from "../domain/layout.js";
import { renderLocalScript, renderSlurmScript, sbatchArgv, type RenderedScript } from "../scheduler/slurm-cli/render.js";
import { probeSlurm } from "../scheduler/slurm-cli/probe.js";
import { shellJoin } from "../scheduler/slurm-cli/shell.js";
import { normalizeCompute } from "../scheduler/slurm-cli/values.js";
import { CLIENT_ENV } from "../scheduler/slurm-cli/parse.js";
import { findJobsByName, submitJob, SubmitError } from "../scheduler/slurm-cli/submit.js";
import { commitBack, type CommitBackResult } from "../git/commitback.js";
import { git, headSha, isGitRepo, statusPorcelain, topLevel } from "../git/git.js";
import { POLICY_PATH } from "../contract/policy.js";
import { AutolabError, UsageError } from "../util/errors.js";
import { ok, runArgv } from "../util/exec.js";
import { displayPath, readTextStrict, writeFileAtomic } from "../util/fs.js";
import { advanceStateAfterLaunch, readStateStrict, STATE_PATH } from "./state.js";
import { isoSeconds as fmtIso } from "../domain/time.js";

export interface LaunchOptions {
  /** Repository root (or any directory inside the checkout). */
  cwd: string;
  /** Path to design.yaml, an iteration directory, or an iteration id. */
  design: string;
  /** Print, do not write or submit (runs `sbatch --test-only` where SLURM answers). */
  dryRun?: boolean;
  /** Push after committing; default: when the checkout has the remote. */
  push?: boolean;
  /** Commit at all (default: when inside a git checkout). */
  commit?: boolean;
  /** Branch to commit/push to (default: the checked-out branch). */
  branch?: string;
  skipCi?: boolean;
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
  /** Token for pushing over HTTPS. */
  token?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** sbatch timeout / retry tuning; defaults from the policy's `launch.*`. */
  submit?: { timeoutMs?: number; retries?: number; baseDelayMs?: number };
  /**
   * Absolute directory outside the checkout where the run's snapshot
   * (`<workRoot>/<run_id>`, a detached git worktree of HEAD) is made and the
   * job runs (SLURM only). Default: the policy's `launch.work_root`; none
   * means the job runs in the checkout.
   */
  workRoot?: string;
  /**
   * Used when neither `workRoot` nor the policy names one (the action passes
   * `$RUNNER_WORKSPACE/autolab-runs` here, so a policy's `launch.work_root`
   * still wins over the action's default).
   */
  workRootDefault?: string;
}

export interface DryRunResult {
  /** The script that would be written (nothing is written). */
  script: string;
  /** `["sbatch", ...]` as it would be run (SLURM designs), or `["bash", <script>]` (local). */
  argv: string[];
  /** `sbatch --test-only`'s answer, when SLURM answered. */
  testOnly?: { ok: boolean; output: string };
  /** Why `sbatch --test-only` was not run (this host cannot submit). */
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
  /** Why the run failed (sbatch's words for a refused submission). */
  error?: string;
}

// ---------------------------------------------------------------------------
// Launch journal (in the git directory)

interface Journal {
  key: string;
  run_id: string;
  iteration_id: string;
  job_name: string;
  created_at: string;
  /** Set as soon as sbatch answered. */
  job_id?: string;
  cluster?: string;
}

import { RUN_ID_SHAPE } from "../domain/layout.js";

async function gitDirOf(repoRoot: string): Promise<string | undefined> {
  const r = await git(repoRoot, ["rev-parse", "--absolute-git-dir"], { allowFailure: true });
  return ok(r) ? r.stdout.trim() : undefined;
}

/** `<git-dir>/autolab/launch-journal/`. */
export function journalDir(gitdir: string): string {
  return path.join(gitdir, "autolab", "launch-journal");
}

function journalFile(gitdir: string, key: string): string {
  return path.join(journalDir(gitdir), createHash("sha256").update(key).digest("hex").slice(0, 32) + ".json");
}

async function readJournal(gitdir: string | undefined, key: string | undefined): Promise<Journal | undefined> {
  if (!gitdir || !key) return undefined;
  const file = journalFile(gitdir, key);
  if (!existsSync(file)) return undefined;
  let j: Journal;
  try {
    j = JSON.parse(await readFile(file, "utf8")) as Journal;
  } catch (e) {
    throw new AutolabError(`launch journal entry is unreadable: ${(e as Error).message}`, {
      file,
      hint: "remove the file if no job was submitted for this launch key, or pass --run-id with the run's id",
    });
  }
  if (j.key !== key || typeof j.run_id !== "string" || !RUN_ID_SHAPE.test(j.run_id)) {
    throw new AutolabError("launch journal entry does not belong to this launch key or has no usable run id", { file });
  }
  return j;
}

async function writeJournal(gitdir: string, j: Journal): Promise<void> {
  await writeFileAtomic(journalFile(gitdir, j.key), JSON.stringify(j, null, 2) + "\n");
}

// ---------------------------------------------------------------------------

export async function launch(opts: LaunchOptions): Promise<LaunchResult> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => new Date());
  if (opts.runId !== undefined && !RUN_ID_SHAPE.test(opts.runId)) {
    throw new UsageError(
      `run id ${JSON.stringify(opts.runId)} is not usable`,
      "a run id is letters, digits, '_', '.', '-' (starting with a letter or digit), e.g. 20261128T151432Z_093977",
    );
  }
  if (opts.launchKey !== undefined && (opts.launchKey.trim() === "" || opts.launchKey.length > 1024)) {
    throw new UsageError("the launch key must be a non-empty string of at most 1024 characters");
  }
  const inGit = await isGitRepo(opts.cwd);
  const repoRoot = inGit ? await topLevel(opts.cwd) : path.resolve(opts.cwd);
  const gitdir = inGit ? await gitDirOf(repoRoot) : undefined;

  // 1. Everything that can be refused, before anything is written.
  const it = await resolveIteration(repoRoot, opts.design);
  const designDisplay = displayPath(repoRoot, it.designPath);
  const designDoc = await loadDesign(it.designPath, designDisplay);
  const design = designDoc.data;
  const { policy } = await loadPolicy(repoRoot);
  await readStateStrict(repoRoot); // a broken state.json is refused now, not after sbatch
  const hostMode = design.compute.location;
  const iterationPath = displayPath(repoRoot, it.iterationDir);
  const workRoot = resolveWorkRoot(
    opts.workRoot,
    policy.launch.work_root ?? opts.workRootDefault,
    repoRoot,
    inGit,
    hostMode,
    log,
  );

  // 2. Which run is this?
  const journal = await readJournal(gitdir, opts.launchKey);
  if (journal && journal.iteration_id !== it.iterationId) {
    throw new UsageError(
      `launch key ${JSON.stringify(opts.launchKey)} already launched run ${journal.run_id} of iteration ${journal.iteration_id}, not of ${it.iterationId}`,
      "use a different launch key for a different iteration",
    );
  }
  if (journal && opts.runId && opts.runId !== journal.run_id) {
    throw new UsageError(
      `launch key ${JSON.stringify(opts.launchKey)} belongs to run ${journal.run_id}, not to ${opts.runId}`,
      "pass either the launch key or the run id of the run you mean",
    );
  }
  const givenRunId = opts.runId ?? journal?.run_id;
  const runId = givenRunId ?? newRunId(now(), randomBytes(3).toString("hex"));
  const runDir = path.join(it.iterationDir, "runs", runId);
  const manifestAbs = path.join(runDir, "run_manifest.json");
  const manifestDisplay = displayPath(repoRoot, manifestAbs);
  const scriptName = hostMode === "slurm" ? "run_slurm.sbatch" : "run_local.sh";
  const launchScriptAbs = path.join(it.iterationDir, "launch", scriptName);
  const runScriptAbs = path.join(runDir, scriptName);
  const runScriptRel = displayPath(repoRoot, runScriptAbs);
  const doCommit = (opts.commit ?? inGit) && inGit;

  // 3. A run that already has a manifest is never launched again.
  if (existsSync(manifestAbs)) {
    const existing = (await readManifest(manifestAbs, manifestDisplay)).data;
    const jobId = manifestJobId(existing);
    if (jobId || existing.host_mode === "local" || (existing.status && existing.status !== "pending")) {
      return reuse({
        opts,
        log,
        now,
        repoRoot,
        it,
        existing,
        manifestAbs,
        manifestDisplay,
        runDir,
        runScriptRel,
        doCommit,
      });
    }
    // A pending SLURM manifest without a job id (older writers): look the job up below.
  }

  // 4. With a work root, the job runs in a snapshot of the committed iteration: refuse uncommitted design changes.
  const snapshotDir = workRoot ? path.join(workRoot, runId) : undefined;
  if (snapshotDir) await checkSnapshotable(repoRoot, iterationPath, log);
  /** Where the job runs: the snapshot, else the checkout. */
  const jobRoot = snapshotDir ?? repoRoot;
  const jobRunDir = path.join(jobRoot, iterationPath, "runs", runId);
  const jobRunScriptAbs = path.join(jobRunDir, scriptName);

  // Render (validation errors point at design.yaml's lines).
  const rendered = renderFor(
    hostMode,
    design,
    { runId, iterationId: it.iterationId, iterationPath, repoRoot: jobRoot },
    String(policy.python_bin ?? "python3"),
    designDoc.locate,
    designDisplay,
    repoRoot,
  );
  const argv = hostMode === "slurm" ? sbatchArgv(runScriptRel, rendered, { runId, iterationId: it.iterationId }) : [];

  // 5. Can this host submit?
  let probeSummary: string[] | undefined;
  if (hostMode === "slurm") {
    const probe = await probeSlurm({ timeoutMs: 10_000 });
    if (!probe.canSubmit) probeSummary = probe.summary;
    if (probeSummary && !opts.dryRun) {
      throw new AutolabError(
        `design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${probeSummary.join("\n  ")}`,
        {
          file: designDisplay,
          ...safeLocate(designDoc.locate, "/compute/location"),
          jsonPath: "/compute/location",
          hint: "run on a SLURM login node (or the self-hosted runner there), or set compute.location: local",
        },
      );
    }
  }

  if (opts.dryRun) {
    const dry: DryRunResult = {
      script: rendered.script,
      argv: hostMode === "slurm" ? ["sbatch", ...argv] : ["bash", runScriptRel],
    };
    if (hostMode === "slurm" && probeSummary) {
      dry.testOnlySkipped = `this host cannot submit to SLURM: ${probeSummary.join("; ")}`;
    } else if (hostMode === "slurm") {
      // With no script file on the command line sbatch reads the script from
      // stdin: nothing is written and --test-only queues nothing.
      const testArgv = ["--test-only", ...argv.filter((a) => a !== "--parsable").slice(0, -1)];
      const r = await runArgv("sbatch", testArgv, { cwd: repoRoot, input: rendered.script, timeoutMs: 30_000 });
      dry.testOnly = { ok: ok(r), output: (r.stderr + r.stdout).trim() || r.spawnError || "" };
    }
    return {
      runId,
      iterationId: it.iterationId,
      hostMode,
      status: "dry-run",
      manifestPath: manifestDisplay,
      scriptPath: runScriptRel,
      reused: false,
      adopted: false,
      dryRun: dry,
    };
  }

  // 6. Journal the intent before sbatch so that a crash after it can be adopted.
  const startedAt = fmtIso(now());
  let entry: Journal | undefined = journal;
  if (gitdir && opts.launchKey && !entry) {
    entry = {
      key: opts.launchKey,
      run_id: runId,
      iteration_id: it.iterationId,
      job_name: rendered.jobName,
      created_at: startedAt,
    };
    await writeJournal(gitdir, entry);
  }

  // The snapshot (made now, or reused from an earlier attempt of this run) is what the job runs.
  const snapshotCreated = snapshotDir ? await makeSnapshot(repoRoot, snapshotDir, log) : false;
  const revision = snapshotDir ? await headSha(snapshotDir) : inGit ? await headSha(repoRoot) : undefined;
  const launchedBy = opts.launchedBy ?? process.env.GITHUB_ACTOR ?? safeUserName();
  const base: RunManifest = {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: it.iterationId,
    launch_mode: hostMode,
    host_mode: hostMode,
    command: hostMode === "slurm" ? shellJoin(["sbatch", ...argv]) : shellJoin(["bash", runScriptRel]),
    resource_request: resourceRequest(rendered, design),
    status: "pending",
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: startedAt },
    started_at: startedAt,
    launch: {
      script: runScriptRel,
      design: designDisplay,
      git_revision: revision ?? null,
      ...(snapshotDir ? { work_dir: snapshotDir } : {}),
      launched_by: launchedBy,
      launched_from: os.hostname(),
      launch_key: opts.launchKey ?? null,
      entrypoint_command: rendered.command,
      tool: "autolab-slurm",
    },
  };

  // 7. The script and logs/ go into the run directory (the snapshot's, with a work root) before sbatch reads them.
  let created: Created[];
  try {
    created = await prepareRunDir(jobRunDir, jobRunScriptAbs, rendered.script);
  } catch (e) {
    if (snapshotCreated) await removeSnapshot(repoRoot, snapshotDir as string);
    throw e;
  }
  if (hostMode === "slurm" && !opts.launchKey) {
    log(
      `run ${runId}: submitting ${runScriptRel} (if this process dies now, relaunch with --run-id ${runId}: it adopts the job instead of submitting another)`,
    );
  }

  let manifest: RunManifest;
  let adopted = false;
  let error: string | undefined;
  try {
    if (hostMode === "slurm") {
      const out = await submitOrAdopt({
        opts,
        log,
        rendered,
        argv,
        repoRoot: jobRoot,
        runId,
        manifestDisplay,
        entry,
        gitdir,
        // A run id that was not made just now may already have a job.
        lookFirst: givenRunId !== undefined || existsSync(manifestAbs),
        policy: policy.launch,
      });
      adopted = out.adopted;
      if (out.kind === "refused") {
        // sbatch's own words (bounded: the manifest schema caps strings at 16 KiB).
        const words =
          out.error.sbatchMessage.length > 8000
            ? out.error.sbatchMessage.slice(0, 8000) + " [...]"
            : out.error.sbatchMessage;
        error = words;
        const at = fmtIso(now());
        if (snapshotCreated) {
          // No job will ever run there.
          await removeSnapshot(repoRoot, snapshotDir as string);
          base.launch = { ...(base.launch as Record<string, unknown>) };
          delete (base.launch as Record<string, unknown>).work_dir;
        }
        manifest = {
          ...base,
          status: "failed",
          timestamps: { started_at: startedAt, completed_at: at },
          completed_at: at,
          slurm: {
            job_name: rendered.jobName,
            submit_error: words,
            failure_reason: "submit_error",
            submit_attempts: out.error.attempts,
          },
          failure: { reason: "submit_error", kind: out.error.kind, message: words },
          history: [
            {
              from: "pending",
              to: "failed",
              at,
              evidence: `sbatch refused the job (${out.error.kind}): ${words}`,
            },
          ],
        };
      } else {
        const jobId = out.jobId;
        // An adopted job was submitted when the first attempt journalled it.
        const submittedAt = adopted && entry?.created_at ? entry.created_at : startedAt;
        manifest = {
          ...base,
          status: "submitted",
          timestamps: { started_at: submittedAt },
          started_at: submittedAt,
          job_id: jobId,
          resource_request: { ...base.resource_request, job_id: jobId, slurm: { job_id: jobId } },
          slurm: {
            job_id: jobId,
            job_name: rendered.jobName,
            ...(out.cluster ? { cluster: out.cluster } : {}),
            ...(adopted ? { adopted: true, adopted_by: out.adoptedBy } : { submit_attempts: out.attempts }),
          },
          history: [
            {
              from: "pending",
              to: "submitted",
              at: startedAt,
              evidence: adopted
                ? `job ${jobId} found by ${out.adoptedBy} (${rendered.jobName}) and adopted`
                : `sbatch returned job ${jobId}`,
            },
          ],
        };
      }
    } else {
      manifest = await runLocally(base, rendered, design, repoRoot, runDir, runScriptAbs, now);
      if (manifest.status === "failed")
        error = String((manifest.failure as { message?: string } | undefined)?.message ?? "the local run failed");
    }
  } catch (e) {
    // No job exists (or none could be confirmed): take back what this attempt wrote.
    await removeCreated(created);
    // The snapshot stays: a job whose sbatch reply was lost may still run there, and a retry of this run reuses it.
    if (snapshotCreated) log(`the run's snapshot ${snapshotDir} is kept for a retry of run ${runId}`);
    throw e;
  }

  // 8. Write everything (replayable for commit-back).
  const launchScriptText = rendered.script;
  const runScriptText = rendered.script;
  const final = manifest;
  const apply = async (): Promise<string[]> => {
    const touched: string[] = [];
    await writeFileAtomic(launchScriptAbs, launchScriptText);
    touched.push(displayPath(repoRoot, launchScriptAbs));
    await writeFileAtomic(runScriptAbs, runScriptText);
    touched.push(runScriptRel);
    await writeManifest(manifestAbs, final, manifestDisplay);
    touched.push(manifestDisplay);
    touched.push(...(await recordSideEffects(repoRoot, final, now, log)));
    if (hostMode === "local") touched.push(...localEvidence(repoRoot, runDir));
    return touched;
  };

  const commit = await record({
    opts,
    repoRoot,
    apply,
    doCommit,
    manifest: final,
    message: `autolab: launch ${it.iterationId} run ${runId}${final.job_id ? ` (job ${final.job_id})` : ""}: ${final.status}`,
  });

  return {
    runId,
    iterationId: it.iterationId,
    hostMode,
    status: final.status ?? "pending",
    jobId: manifestJobId(final),
    manifestPath: manifestDisplay,
    scriptPath: runScriptRel,
    reused: false,
    adopted,
    commit,
    error,
  };
}

// ---------------------------------------------------------------------------
// Steps

function renderFor(
  hostMode: "slurm" | "local",
  design: DesignExt,
  ids: { runId: string; iterationId: string; iterationPath: string; repoRoot: string },
  pythonBin: string,
  locate: (p: string) => { line: number; column: number },
  designDisplay: string,
  repoRoot: string,
): RenderedScript {
  const input = { design, ...ids, pythonBin };
  try {
    return hostMode === "slurm" ? renderSlurmScript(input) : renderLocalScript(input);
  } catch (e) {
    if (!(e instanceof AutolabError) || e.location.file) throw e;
    const pointer = e.location.jsonPath;
    const findings = e.findings.map((f) =>
      f.jsonPath && !f.file ? { ...f, file: designDisplay, ...safeLocate(locate, f.jsonPath) } : f,
    );
    if (pointer) {
      throw new AutolabError(e.message, {
        file: designDisplay,
        jsonPath: pointer,
        ...safeLocate(locate, pointer),
        hint: e.hint,
        findings,
        cause: e,
      });
    }
    // Not a design value (e.g. the checkout's path cannot stand in an #SBATCH line).
    throw new AutolabError(e.message, { file: repoRoot, hint: e.hint, findings, cause: e });
  }
}

// ---------------------------------------------------------------------------
// Work root: the run's snapshot outside the checkout

/**
 * The work root for this launch: the option, else the policy's
 * `launch.work_root`; undefined when neither is set or the design is local.
 * It must be absolute and outside the checkout (a `git clean` there would
 * wipe it), and the checkout must be a git checkout (the snapshot is a worktree).
 */
export function resolveWorkRoot(
  option: string | undefined,
  fromPolicy: unknown,
  repoRoot: string,
  inGit: boolean,
  hostMode: "slurm" | "local",
  log: (s: string) => void = () => undefined,
): string | undefined {
  const fromOption = option !== undefined;
  const raw: unknown = fromOption ? option : fromPolicy;
  if (raw === undefined || raw === null) return undefined;
  const refuse = (message: string, hint: string): never => {
    if (fromOption) throw new UsageError(`--work-root: ${message}`, hint);
    throw new AutolabError(`launch.work_root ${message}`, { file: POLICY_PATH, jsonPath: "/launch/work_root", hint });
  };
  if (typeof raw !== "string" || raw.trim() === "" || raw.includes("\0"))
    return refuse(
      "must be a non-empty path",
      "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  if (!path.isAbsolute(raw))
    return refuse(
      `${JSON.stringify(raw)} is not an absolute path`,
      "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  if (hostMode === "local") {
    log(`work root ${raw} is not used: a local run ends inside the launch`);
    return undefined;
  }
  if (!inGit)
    return refuse(
      `${JSON.stringify(raw)} needs a git checkout (the run's snapshot is a git worktree)`,
      "launch from a git checkout, or without a work root",
    );
  const resolved = path.resolve(raw);
  const canon = (p: string): string => {
    // realpath of the deepest existing ancestor, plus the rest as written.
    let cur = p;
    const rest: string[] = [];
    while (!existsSync(cur) && path.dirname(cur) !== cur) {
      rest.unshift(path.basename(cur));
      cur = path.dirname(cur);
    }
    return path.join(realpathSync(cur), ...rest);
  };
  const rel = path.relative(canon(repoRoot), canon(resolved));
  if (rel === "" || !(rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)))
    return refuse(
      `${JSON.stringify(raw)} is inside the checkout ${repoRoot}: a runner's checkout (git clean -ffdx) would wipe a running job's files there`,
      "use a directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs",
    );
  return resolved;
}

/** Paths the tool itself writes in a checkout (never a reason to refuse a snapshot). */
function toolOwned(p: string, iterationPath?: string): boolean {
  if (p === LEDGER_PATH || p === STATE_PATH || p === MONITOR_STATE_PATH) return true;
  if (iterationPath !== undefined)
    return p.startsWith(`${iterationPath}/runs/`) || p.startsWith(`${iterationPath}/launch/`);
  return /^experiments\/[^/]+\/[^/]+\/(runs|launch|analysis)\//.test(p);
}

/**
 * A snapshot holds HEAD only: refuse when the iteration (design.yaml and
 * everything else in it but runs/ and launch/) has uncommitted or untracked
 * changes, so the job runs exactly the recorded revision; name other
 * uncommitted changes of the checkout in a warning.
 */
async function checkSnapshotable(repoRoot: string, iterationPath: string, log: (s: string) => void): Promise<void> {
  if (!(await headSha(repoRoot))) {
    throw new AutolabError("the checkout has no commit yet: there is nothing to snapshot for the work root", {
      file: repoRoot,
      hint: "commit the iteration first",
    });
  }
  const dirty = (await statusPorcelain(repoRoot, [iterationPath])).filter((e) => !toolOwned(e.path, iterationPath));
  if (dirty.length) {
    const list = dirty.slice(0, 10).map((e) => `${e.xy.trim() || "M"} ${e.path}`);
    throw new AutolabError(
      `the iteration has uncommitted changes (${list.join(", ")}${dirty.length > 10 ? ", ..." : ""}); with a work root the job runs a snapshot of the last commit, which does not have them; nothing was written`,
      {
        file: dirty[0].path,
        hint: "commit them first (the snapshot is exactly the recorded git_revision), or launch without a work root",
      },
    );
  }
  const elsewhere = (await statusPorcelain(repoRoot, undefined, "no")).filter((e) => !toolOwned(e.path));
  if (elsewhere.length) {
    log(
      `warning: uncommitted changes are not part of the job's snapshot: ${elsewhere
        .slice(0, 5)
        .map((e) => e.path)
        .join(", ")}${elsewhere.length > 5 ? ", ..." : ""}`,
    );
  }
}

/**
 * `git worktree add --detach <dir> HEAD` (hooks off). An existing directory
 * is an earlier attempt's snapshot of this run (a relaunch that adopts its
 * job): it is reused. Returns whether it was made now.
 */
async function makeSnapshot(repoRoot: string, dir: string, log: (s: string) => void): Promise<boolean> {
  if (existsSync(dir)) {
    if (!lstatSync(dir).isDirectory()) {
      throw new AutolabError("the run's snapshot path exists and is not a directory", {
        file: dir,
        hint: "remove it, or use another work root",
      });
    }
    log(`reusing the run's snapshot ${dir} (made by an earlier attempt of this run)`);
    return false;
  }
  await mkdir(path.dirname(dir), { recursive: true });
  await git(repoRoot, ["worktree", "add", "--detach", dir, "HEAD"], {
    what: "making the run's snapshot in the work root",
    config: { "core.hooksPath": "/dev/null" },
    timeoutMs: 600_000,
  });
  log(`snapshot of HEAD for the job: ${dir}`);
  return true;
}

/** Remove a snapshot no job uses (best effort). */
async function removeSnapshot(repoRoot: string, dir: string): Promise<void> {
  await git(repoRoot, ["worktree", "remove", "--force", dir], { allowFailure: true });
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  await git(repoRoot, ["worktree", "prune"], { allowFailure: true });
}

interface Created {
  path: string;
  dir: boolean;
}

/** Create logs/ and write the run's script; returns what did not exist before (outermost first). */
async function prepareRunDir(runDir: string, scriptAbs: string, script: string): Promise<Created[]> {
  const created: Created[] = [];
  for (const d of [path.dirname(runDir), runDir, path.join(runDir, "logs")]) {
    if (!existsSync(d)) created.push({ path: d, dir: true });
  }
  if (!existsSync(scriptAbs)) created.push({ path: scriptAbs, dir: false });
  await mkdir(path.join(runDir, "logs"), { recursive: true });
  await writeFileAtomic(scriptAbs, script);
  return created;
}

/** Remove what `prepareRunDir` created (directories only when empty). Best effort. */
async function removeCreated(created: Created[]): Promise<void> {
  for (const c of [...created].reverse()) {
    try {
      if (!c.dir) await rm(c.path, { force: true });
      else if (readdirSync(c.path).length === 0) await rmdir(c.path);
    } catch {
      // never hide the error that got us here
    }
  }
}

type SubmitOutcome =
  | { kind: "job"; jobId: string; cluster?: string; attempts: number; adopted: boolean; adoptedBy?: string }
  | { kind: "refused"; error: SubmitError; adopted: false };

/**
 * The run's job: adopted (journal job id, or found by name when the run id
 * was not freshly made), else submitted. A permanent refusal is returned (it
 * becomes a failed manifest); anything else that leaves the job's existence
 * unknown is thrown.
 */
async function submitOrAdopt(a: {
  opts: LaunchOptions;
  log: (s: string) => void;
  rendered: RenderedScript;
  argv: string[];
  repoRoot: string;
  runId: string;
  manifestDisplay: string;
  entry: Journal | undefined;
  gitdir: string | undefined;
  lookFirst: boolean;
  policy: { submit_timeout_seconds: number; submit_retries: number; retry_backoff_seconds: number };
}): Promise<SubmitOutcome> {
  const name = a.rendered.jobName;
  if (a.entry?.job_id) {
    a.log(`adopted job ${a.entry.job_id}: the launch journal recorded it for run ${a.runId}`);
    return {
      kind: "job",
      jobId: a.entry.job_id,
      cluster: a.entry.cluster,
      attempts: 0,
      adopted: true,
      adoptedBy: "launch journal",
    };
  }
  const lookup = async (): Promise<string | undefined> => {
    const found = await findJobsByName(name);
    if (!found.ok) {
      // Accounting (or the controller) did not answer. The controller alone is
      // enough for a run younger than MinJobAge: any job of it is still listed.
      const ctl = await controllerView(name);
      if (ctl.ok && ctl.ids.length) return ctl.ids[0];
      const age = runAgeSeconds(a.runId, a.entry?.created_at);
      if (ctl.ok && age !== undefined && ctl.minJobAge !== undefined && age + AGE_MARGIN_S < ctl.minJobAge) {
        a.log(
          `accounting did not answer (${found.error}); the controller, which lists every job of a run this young, knows no job named ${name}`,
        );
        return undefined;
      }
      throw new AutolabError(
        `cannot tell whether run ${a.runId} was already submitted: the scheduler did not answer (${found.error}); nothing was submitted`,
        { file: a.manifestDisplay, hint: "retry when the controller answers; the launch is idempotent" },
      );
    }
    if (found.jobIds.length > 1)
      a.log(`warning: ${found.jobIds.length} jobs are named ${name} (${found.jobIds.join(", ")}); adopting the first`);
    return found.jobIds[0];
  };
  if (a.lookFirst) {
    const id = await lookup();
    if (id) {
      a.log(`adopted job ${id}: found by its job name ${name}`);
      return { kind: "job", jobId: id, attempts: 0, adopted: true, adoptedBy: "job name" };
    }
  }
  const tuning = {
    timeoutMs: a.opts.submit?.timeoutMs ?? a.policy.submit_timeout_seconds * 1000,
    retries: a.opts.submit?.retries ?? a.policy.submit_retries,
    baseDelayMs: a.opts.submit?.baseDelayMs ?? a.policy.retry_backoff_seconds * 1000,
  };
  try {
    const sub = await submitJob(a.argv, { cwd: a.repoRoot, adoptJobName: name, ...tuning });
    if (a.gitdir && a.entry)
      await writeJournal(a.gitdir, { ...a.entry, job_id: sub.jobId, ...(sub.cluster ? { cluster: sub.cluster } : {}) });
    if (sub.adopted) {
      a.log(`adopted job ${sub.jobId}: an earlier sbatch attempt created it (found by its job name ${name})`);
      return {
        kind: "job",
        jobId: sub.jobId,
        cluster: sub.cluster,
        attempts: sub.attempts,
        adopted: true,
        adoptedBy: "job name",
      };
    }
    a.log(
      `submitted job ${sub.jobId}${sub.cluster ? ` on ${sub.cluster}` : ""} (${sub.attempts} attempt${sub.attempts === 1 ? "" : "s"})`,
    );
    return { kind: "job", jobId: sub.jobId, cluster: sub.cluster, attempts: sub.attempts, adopted: false };
  } catch (e) {
    if (!(e instanceof SubmitError)) throw e;
    if (e.kind === "permanent") {
      a.log(`sbatch refused the job: ${e.sbatchMessage}`);
      return { kind: "refused", error: e, adopted: false };
    }
    // The controller did not answer: a lost reply may still have created the job.
    const found = await findJobsByName(name).catch(() => undefined);
    if (found?.jobIds.length) {
      a.log(
        `adopted job ${found.jobIds[0]}: sbatch's reply was lost but the job exists (found by its job name ${name})`,
      );
      return { kind: "job", jobId: found.jobIds[0], attempts: e.attempts, adopted: true, adoptedBy: "job name" };
    }
    throw new AutolabError(`${e.message}; nothing was recorded for run ${a.runId}`, {
      file: a.manifestDisplay,
      hint: a.opts.launchKey
        ? `retry with the same launch key (${a.opts.launchKey}): it adopts the job if one was created, else submits it`
        : `retry with --run-id ${a.runId}: it adopts the job if one was created, else submits it`,
      cause: e,
    });
  }
}

/** Clock skew and delay tolerated when deciding that the controller still lists a run's jobs. */
const AGE_MARGIN_S = 60;

/** Seconds since the run was created: the journal's time, else the run id's UTC stamp. */
function runAgeSeconds(runId: string, createdAt: string | undefined): number | undefined {
  let t = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(t)) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId);
    if (m) t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  }
  if (Number.isNaN(t)) return undefined;
  const age = (Date.now() - t) / 1000;
  return age >= -AGE_MARGIN_S ? Math.max(0, age) : undefined;
}

/**
 * The controller's own view, used when accounting is down: job ids named
 * `name` (`squeue --states=all` lists finished jobs until MinJobAge) and the
 * cluster's MinJobAge in seconds.
 */
async function controllerView(name: string): Promise<{ ok: boolean; ids: string[]; minJobAge?: number }> {
  const [sq, cfg] = await Promise.all([
    runArgv("squeue", ["--noheader", "--states=all", `--name=${name}`, "--format=%i"], {
      timeoutMs: 25_000,
      env: CLIENT_ENV,
    }),
    runArgv("scontrol", ["show", "config"], { timeoutMs: 25_000, env: CLIENT_ENV }),
  ]);
  if (!ok(sq)) return { ok: false, ids: [] };
  const ids = [
    ...new Set(
      sq.stdout
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^\d+/.test(l))
        .map((l) => /^\d+/.exec(l)![0]),
    ),
  ];
  const m = ok(cfg) ? /^MinJobAge\s*=\s*(\d+)/m.exec(cfg.stdout) : null;
  return { ok: true, ids, minJobAge: m ? Number(m[1]) : undefined };
}

/** A local run's logs and sentinel, as far as they exist (committed with its manifest). */
function localEvidence(repoRoot: string, runDir: string): string[] {
  return ["logs/run_local.out", "logs/run_local.err", "job_sentinel.json"]
    .map((f) => path.join(runDir, f))
    .filter((f) => existsSync(f))
    .map((f) => displayPath(repoRoot, f));
}

/** Ledger line (SLURM runs with a job id) and state.json; returns the paths written or kept. */
async function recordSideEffects(
  repoRoot: string,
  m: RunManifest,
  now: () => Date,
  log: (s: string) => void,
): Promise<string[]> {
  const touched: string[] = [];
  if (m.host_mode === "slurm" && manifestJobId(m)) {
    await upsertLedgerFile(path.join(repoRoot, LEDGER_PATH), m, LEDGER_PATH);
    touched.push(LEDGER_PATH);
  }
  if (existsSync(path.join(repoRoot, STATE_PATH))) {
    // Reported even when unchanged: on a retry commit-back may have reset it to the new head.
    touched.push(STATE_PATH);
    try {
      await advanceStateAfterLaunch(repoRoot, m, now);
    } catch (e) {
      // The job exists: a state file that went bad meanwhile must not lose its record.
      log(`warning: ${STATE_PATH} was not updated: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return touched;
}

/** Commit (and push) through commit-back, or just write when not committing. */
async function record(a: {
  opts: LaunchOptions;
  repoRoot: string;
  apply: () => Promise<string[]>;
  doCommit: boolean;
  manifest: RunManifest;
  message: string;
}): Promise<CommitBackResult | undefined> {
  if (!a.doCommit) {
    await a.apply();
    return undefined;
  }
  try {
    return await commitBack({
      repoRoot: a.repoRoot,
      apply: a.apply,
      message: a.message,
      skipCi: a.opts.skipCi,
      push: a.opts.push,
      branch: a.opts.branch,
      token: a.opts.token,
    });
  } catch (e) {
    const jobId = manifestJobId(a.manifest);
    if (!(e instanceof AutolabError)) throw e;
    throw new AutolabError(
      `run ${a.manifest.run_id}${jobId ? ` (job ${jobId})` : ""} is ${a.manifest.status}, but recording it in git failed: ${e.message}`,
      {
        file: e.location.file,
        line: e.location.line,
        hint: `${e.hint ? e.hint + "; " : ""}rerunning the same launch (same --run-id or launch key) records it without submitting again`,
        cause: e,
      },
    );
  }
}

/** A run that already has a manifest: record it again (idempotent) and commit if an earlier attempt did not. */
async function reuse(a: {
  opts: LaunchOptions;
  log: (s: string) => void;
  now: () => Date;
  repoRoot: string;
  it: { iterationId: string };
  existing: RunManifest;
  manifestAbs: string;
  manifestDisplay: string;
  runDir: string;
  runScriptRel: string;
  doCommit: boolean;
}): Promise<LaunchResult> {
  const m = a.existing;
  const jobId = manifestJobId(m);
  a.log(
    `run ${m.run_id} was already launched (${jobId ? `job ${jobId}, ` : ""}status ${m.status ?? "unknown"}): nothing submitted`,
  );
  const result: LaunchResult = {
    runId: m.run_id,
    iterationId: a.it.iterationId,
    hostMode: m.host_mode,
    status: m.status ?? "pending",
    jobId,
    manifestPath: a.manifestDisplay,
    scriptPath: a.runScriptRel,
    reused: true,
    adopted: false,
  };
  if (m.status === "failed") {
    result.error = String(
      m.slurm?.submit_error ?? (m.failure as { message?: string } | undefined)?.message ?? "the run failed",
    );
  }
  if (a.opts.dryRun) return result;
  const scripts = ["run_slurm.sbatch", "run_local.sh"].map((f) => path.join(a.runDir, f)).filter((f) => existsSync(f));
  const scriptTexts = await Promise.all(scripts.map(async (f) => [f, await readTextStrict(f)] as const));
  const apply = async (): Promise<string[]> => {
    const touched: string[] = [];
    for (const [f, text] of scriptTexts) {
      await writeFileAtomic(f, text);
      touched.push(displayPath(a.repoRoot, f));
    }
    await writeManifest(a.manifestAbs, m, a.manifestDisplay);
    touched.push(a.manifestDisplay);
    // Only a run still at its launch status moves the state machine.
    if (m.status === "submitted" || m.host_mode === "local")
      touched.push(...(await recordSideEffects(a.repoRoot, m, a.now, a.log)));
    if (m.host_mode === "local") touched.push(...localEvidence(a.repoRoot, a.runDir));
    else if (m.host_mode === "slurm" && jobId) {
      await upsertLedgerFile(path.join(a.repoRoot, LEDGER_PATH), m, LEDGER_PATH);
      touched.push(LEDGER_PATH);
    }
    return touched;
  };
  result.commit = await record({
    opts: a.opts,
    repoRoot: a.repoRoot,
    apply,
    doCommit: a.doCommit,
    manifest: m,
    message: `autolab: record launch of ${a.it.iterationId} run ${m.run_id}${jobId ? ` (job ${jobId})` : ""}: ${m.status ?? "pending"}`,
  });
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

/** What was asked of the scheduler, in the Python tool's keys plus the exact directives. */
function resourceRequest(rendered: RenderedScript, design: DesignExt): Record<string, unknown> {
  const c = design.compute;
  const rr: Record<string, unknown> = {};
  for (const k of ["partition", "qos", "account", "constraint", "gpu_type"] as const)
    if (c[k] !== undefined) rr[k] = c[k];
  if (c.cpus_per_task !== undefined) rr.cpus = c.cpus_per_task;
  if (c.memory_estimate !== undefined) rr.memory = c.memory_estimate;
  if (c.walltime_estimate !== undefined) rr.walltime = c.walltime_estimate;
  if (c.gpu_count !== undefined) rr.gpu_count = c.gpu_count;
  if (c.num_nodes !== undefined) rr.num_nodes = c.num_nodes;
  if (rendered.directives.length) {
    rr.job_name = rendered.jobName;
    rr.sbatch_directives = rendered.directives.map((d) =>
      d.value === undefined ? d.option : `${d.option}=${d.value}`,
    );
  }
  return rr;
}

/** Seconds of a normalised SLURM time (`HH:MM:SS`, `D-HH:MM:SS`); undefined for UNLIMITED or none. */
function walltimeSeconds(design: DesignExt): number | undefined {
  const t = normalizeCompute(design).time;
  const m = t ? /^(?:(\d+)-)?(\d+):(\d+):(\d+)$/.exec(t) : null;
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/**
 * Local mode: run the script to its end (killed at the design's walltime, as
 * SLURM would) and classify the outcome: completed (exit 0, sentinel exit 0,
 * every artifact_sync.outputs path present), partial (exit 0 but the sentinel
 * or a declared output is missing), failed (anything else). The script
 * appends its own output to logs/run_local.out|.err.
 */
async function runLocally(
  base: RunManifest,
  rendered: RenderedScript,
  design: DesignExt,
  repoRoot: string,
  runDir: string,
  scriptAbs: string,
  now: () => Date,
): Promise<RunManifest> {
  const limit = walltimeSeconds(design);
  const r = await runArgv("bash", [scriptAbs], {
    cwd: repoRoot,
    timeoutMs: (limit ?? 7 * 24 * 3600) * 1000,
    env: { RUN_ID: base.run_id, AUTOLAB_RUN_ID: base.run_id, AUTOLAB_ITERATION_ID: base.iteration_id },
  });
  // Anything printed before the script redirected its own output is kept too.
  for (const [name, text] of [
    ["run_local.out", r.stdout],
    ["run_local.err", r.stderr],
  ] as const) {
    if (!text) continue;
    const f = path.join(runDir, "logs", name);
    const before = existsSync(f) ? await readFile(f, "utf8") : "";
    await writeFileAtomic(f, before + text);
  }
  const at = fmtIso(now());
  let sentinel: { exit_code?: number | null; ended_at?: string | null } | undefined;
  try {
    sentinel = JSON.parse(await readFile(path.join(runDir, "job_sentinel.json"), "utf8"));
  } catch {
    sentinel = undefined;
  }
  const outputs = (design.artifact_sync?.outputs ?? []).filter((o) => typeof o === "string");
  const missing = outputs.filter((o) => !existsSync(path.join(runDir, o)));
  const exit = r.code;
  let status: "completed" | "failed" | "partial";
  let evidence: string;
  if (exit === 0 && sentinel?.exit_code === 0 && missing.length === 0) {
    status = "completed";
    evidence = "local run exited 0; sentinel exit 0";
  } else if (exit === 0) {
    status = "partial";
    evidence =
      sentinel?.exit_code !== 0
        ? "local run exited 0 but the sentinel is missing or disagrees"
        : `local run exited 0 but declared outputs are missing: ${missing.join(", ")}`;
  } else {
    status = "failed";
    evidence = r.timedOut
      ? `local run was stopped at the walltime (${limit} s)`
      : `local run exited ${exit ?? `on signal ${r.signal}`}`;
  }
  return {
    ...base,
    status,
    // The outputs are written in place: nothing to bring back (failed: nothing worth syncing).
    artifact_sync_to_local: {
      status: status === "failed" ? "failed" : "ok",
      mode: "local",
      ...(missing.length ? { missing } : {}),
    },
    timestamps: { started_at: base.timestamps.started_at, completed_at: at },
    completed_at: at,
    local: { exit_code: exit, timed_out: r.timedOut, sentinel: sentinel ?? null },
    ...(status === "failed"
      ? { failure: { reason: r.timedOut ? "timeout" : "exit_code", exit_code: exit, message: evidence } }
      : {}),
    history: [{ from: "pending", to: status, at, evidence }],
  };
}

export function describeLaunch(r: LaunchResult): string {
  const lines = [
    `run_id:    ${r.runId}`,
    `iteration: ${r.iterationId}`,
    `host:      ${r.hostMode}`,
    `status:    ${r.status}${r.reused ? " (already launched; nothing submitted)" : ""}${r.adopted ? " (job adopted: it existed already)" : ""}`,
  ];
  if (r.jobId) lines.push(`job_id:    ${r.jobId}`);
  lines.push(`manifest:  ${r.manifestPath}`, `script:    ${r.scriptPath}`);
  if (r.commit) {
    lines.push(
      `commit:    ${r.commit.committed ? r.commit.sha : "none (nothing changed)"}${r.commit.pushed ? ` pushed to ${r.commit.branch}` : ""}`,
    );
  }
  if (r.error) lines.push(`error:     ${r.error}`);
  return lines.join("\n") + "\n";
}
