/** launch, gather: workspace, design, policy, state, journal, and which run this is. */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadDesign, resolveIteration } from "../../contract/design.js";
import { newRunId, readManifest } from "../../contract/manifest.js";
import { loadPolicy } from "../../contract/policy.js";
import * as plan from "../../domain/launch-plan.js";
import { MANIFEST_FILE, runLayout } from "../../domain/layout.js";
import type { RunManifest } from "../../contract/types.js";
import { readStateStrict } from "../../store/state-file.js";
import { keyJobName, readJournal } from "../../store/journal.js";
import { isSweepDesign } from "../../domain/sweep.js";
import { isoSeconds } from "../../domain/time.js";
import { assertNoLinkOnLaunchPaths, launchPaths } from "../../store/launch-paths.js";
import { openWorkspace } from "../../store/workspace.js";
import { branchRunsForKey } from "../../git/branch-runs.js";
import { resolveWorkRoot } from "../../steps/snapshot.js";
import { jobUser as jobUserSetting, passedEnv, passEnvNames } from "../../domain/settings.js";
import { POLICY_PATH } from "../../domain/layout.js";
import { schedulerFor } from "../../scheduler/job-user.js";
import { AutolabError } from "../../util/errors.js";
import { displayPath } from "../../util/fs.js";
import type { Gathered, LaunchOptions, LaunchResult } from "./types.js";

export async function gather(given: LaunchOptions): Promise<Gathered> {
  let opts = given;
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
  // launch.job_user: the job runs as that user, in a snapshot it owns, never in the runner's checkout.
  const jobUser = hostMode === "slurm" ? jobUserSetting(policy as Record<string, unknown>) : undefined;
  if (jobUser !== undefined && workRoot === undefined)
    throw new AutolabError(
      `launch.job_user is ${jobUser}, but no work root is set: the job user's job must not run in the runner's checkout`,
      {
        file: POLICY_PATH,
        jsonPath: "/launch/job_user",
        hint: `set launch.work_root to a directory ${jobUser} can write (e.g. install -d -o ${jobUser} -m 0755 /scratch/${jobUser}/autolab-runs)`,
      },
    );
  if (hostMode === "slurm")
    opts = { ...opts, scheduler: schedulerFor(opts.scheduler, policy as Record<string, unknown>) };
  // slurm.submit.pass_env: the runner's SBATCH_*/SLURM_* variables handed to sbatch (and recorded), checked now.
  const passEnv = hostMode === "slurm" ? passedEnv(passEnvNames(policy as Record<string, unknown>), process.env) : {};
  // The key's run: this checkout's journal, the branch's manifests, else the scheduler (for a sweep: its first array).
  const sweep = isSweepDesign(designDoc.data);
  let journal = sweep
    ? await keyedSweepEntry(ws.root, iterationPath, ws.gitDir, opts.launchKey)
    : await keyedEntry(ws.root, iterationPath, ws.gitDir, opts.launchKey);
  let keyLookup: plan.LookupAnswer | undefined;
  const cluster = plan.designCluster(designDoc.data.compute);
  const onBranch =
    !sweep && !journal?.job_id && hostMode === "slurm" ? await keyOnBranch(opts, ws, iterationPath, log) : undefined;
  if (!journal && !onBranch && opts.launchKey && !opts.runId && !opts.dryRun && hostMode === "slurm") {
    const name = keyJobName(opts.launchKey);
    keyLookup = await opts.scheduler.findByName(name, { controller: true, runs: true, ...onCluster(cluster) });
    journal = plan.orphanEntry(keyLookup, opts.launchKey, name, isoSeconds(now()));
    if (journal)
      log(
        `launch key ${JSON.stringify(opts.launchKey)}: job ${keyLookup.jobIds[0]} (${name}) was submitted for run ${journal.run_id}, which no record here knows: adopting it`,
      );
  }
  const run = plan.chooseRun({
    iterationId: it.iterationId,
    runId: opts.runId,
    launchKey: opts.launchKey,
    journal,
    fresh: () => newRunId(now(), randomBytes(3).toString("hex")),
  });
  const layout = runLayout(iterationPath, run.runId);
  // Every directory launch reads or writes, resolved and checked before anything is submitted (items 5, 6).
  assertNoLinkOnLaunchPaths(ws.root, launchPaths(layout));
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
    jobUser,
    passEnv,
    journal,
    keyLookup,
    ...(onBranch ? { onBranch } : {}),
    ...onCluster(cluster),
    run,
    layout,
    scriptPath: hostMode === "slurm" ? layout.slurmScript : layout.localScript,
    existing,
  };
}

/**
 * A keyed launch that would push: the key's run as the remote's branch has it
 * (a checkout made before another attempt pushed that run's record), when
 * that record has a job. Nothing is submitted for it then. Undefined when the
 * branch has no such run, or the remote could not be asked (said in the log;
 * the scheduler is asked next).
 */
async function keyOnBranch(
  opts: LaunchOptions,
  ws: Gathered["ws"],
  iterationPath: string,
  log: (line: string) => void,
): Promise<Gathered["onBranch"]> {
  const key = opts.launchKey;
  if (key === undefined || opts.runId || opts.dryRun || !ws.inGit || opts.commit === false || opts.push === false)
    return undefined;
  const found = await branchRunsForKey(ws.root, { iterationPath, key, branch: opts.branch, token: opts.token });
  if (found.error)
    log(
      `warning: ${found.where ?? "the remote"} could not be asked for launch key ${JSON.stringify(key)}: ${found.error}`,
    );
  const entry = plan.entryFromManifests(found.manifests as RunManifest[], key);
  if (!entry?.job_id || !found.where) return undefined;
  const manifest = (found.manifests as RunManifest[]).find((m) => m.run_id === entry.run_id) as RunManifest;
  return { entry, manifest, where: found.where };
}

/**
 * The launch key's run: this checkout's journal entry, unless a manifest on
 * the branch records the key and the journal knows no job (another checkout,
 * or an attempt here that was refused, made the journal entry's run moot).
 */
async function keyedEntry(
  root: string,
  iterationPath: string,
  gitDir: string | undefined,
  key: string | undefined,
): Promise<plan.JournalEntry | undefined> {
  const journal = await readJournal(gitDir, key);
  if (key === undefined || journal?.job_id) return journal;
  return plan.entryFromManifests(await iterationManifests(root, iterationPath), key) ?? journal;
}

/**
 * A keyed sweep's run (its sweep id): the sweep the iteration's task manifests
 * record under the key (another checkout launched it), else this checkout's
 * journal entry (a launch here that died before its records were written).
 */
async function keyedSweepEntry(
  root: string,
  iterationPath: string,
  gitDir: string | undefined,
  key: string | undefined,
): Promise<plan.JournalEntry | undefined> {
  if (key === undefined) return undefined;
  const recorded = plan.sweepEntryFromManifests(await iterationManifests(root, iterationPath), key);
  return recorded ?? (await readJournal(gitDir, key));
}

/** The iteration's run manifests in this checkout. */
async function iterationManifests(root: string, iterationPath: string): Promise<RunManifest[]> {
  const runsDir = path.join(root, iterationPath, "runs");
  const manifests: RunManifest[] = [];
  for (const d of existsSync(runsDir) ? await readdir(runsDir, { withFileTypes: true }) : []) {
    const rel = `${iterationPath}/runs/${d.name}/${MANIFEST_FILE}`;
    if (!d.isDirectory() || !existsSync(path.join(root, rel))) continue;
    // Another run's unreadable manifest is that run's problem (verify reports it), not this launch's.
    const m = await readManifest(path.join(root, rel), rel).catch(() => undefined);
    if (m) manifests.push(m.data);
  }
  return manifests;
}

/** `{cluster}` when there is one (optional fields stay absent). */
export function onCluster(cluster: string | undefined): { cluster?: string } {
  return cluster !== undefined ? { cluster } : {};
}

export function resultBase(g: Gathered): Omit<LaunchResult, "status" | "reused" | "adopted"> {
  return {
    runId: g.run.runId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
    ...onCluster(g.cluster),
    manifestPath: g.layout.manifest,
    scriptPath: g.scriptPath,
  };
}

export function safeLocate(
  locate: (p: string) => { line: number; column: number },
  pointer: string,
): { line?: number; column?: number } {
  try {
    return locate(pointer);
  } catch {
    return {};
  }
}

export function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? "unknown";
  }
}
