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
import { resolveWorkRoot } from "../../steps/snapshot.js";
import { displayPath } from "../../util/fs.js";
import type { Gathered, LaunchOptions, LaunchResult } from "./types.js";

export async function gather(opts: LaunchOptions): Promise<Gathered> {
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
  // The key's run: this checkout's journal, the branch's manifests, else the scheduler (a sweep keeps its own journal).
  const sweep = isSweepDesign(designDoc.data);
  let journal = sweep
    ? await readJournal(ws.gitDir, opts.launchKey)
    : await keyedEntry(ws.root, iterationPath, ws.gitDir, opts.launchKey);
  let keyLookup: plan.LookupAnswer | undefined;
  if (!sweep && !journal && opts.launchKey && !opts.runId && !opts.dryRun && hostMode === "slurm") {
    const name = keyJobName(opts.launchKey);
    keyLookup = await opts.scheduler.findByName(name, { controller: true, runs: true });
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
    journal,
    keyLookup,
    run,
    layout,
    scriptPath: hostMode === "slurm" ? layout.slurmScript : layout.localScript,
    existing,
  };
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
  const runsDir = path.join(root, iterationPath, "runs");
  const manifests: RunManifest[] = [];
  for (const d of existsSync(runsDir) ? await readdir(runsDir, { withFileTypes: true }) : []) {
    const rel = `${iterationPath}/runs/${d.name}/${MANIFEST_FILE}`;
    if (!d.isDirectory() || !existsSync(path.join(root, rel))) continue;
    // Another run's unreadable manifest is that run's problem (verify reports it), not this launch's.
    const m = await readManifest(path.join(root, rel), rel).catch(() => undefined);
    if (m) manifests.push(m.data);
  }
  return plan.entryFromManifests(manifests, key) ?? journal;
}

export function resultBase(g: Gathered): Omit<LaunchResult, "status" | "reused" | "adopted"> {
  return {
    runId: g.run.runId,
    iterationId: g.iterationId,
    hostMode: g.hostMode,
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
