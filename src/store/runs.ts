/**
 * Reading the runs of a repository for a command: every manifest once (a
 * JSON parse for all; schema validation only for the runs the command acts
 * on). A finished, extracted run keeps only the fields its ledger line needs,
 * so a tick over 10,000 runs does not hold every manifest in memory.
 *
 * With a run index (domain/run-index.ts, store/run-index.ts), a finished run
 * whose manifest, metrics and ledger line are as the index recorded them is
 * not read at all: it comes back as a `CachedRun`, and the index to keep for
 * the next tick is returned.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { parseDocument } from "../contract/validate.js";
import { METRICS_FILE } from "../domain/layout.js";
import { launchedByPythonTool, manifestCluster, manifestJobId } from "../domain/run.js";
import { needsWork, stableText } from "../domain/tick.js";
import { entryFor, planRead, sameIndex, stampKey, type RunIndex, type RunIndexEntry } from "../domain/run-index.js";
import { wantedLine } from "../ledger/sync.js";
import type { DiscoveredRun } from "./discover.js";
import { AutolabError, findingFromError, type Finding } from "../util/errors.js";
import { decodeUtf8Strict, readNoFollowSync, readOwnedBytes, rootOf } from "../util/fs.js";

/** A manifest larger than this is refused with a clear error (bounded memory per tick). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface LoadedRun {
  run: DiscoveredRun;
  manifest: RunManifest;
  /** The manifest's exact text as read (undefined for trimmed, finished runs). */
  text?: string;
  /** The manifest without per-tick noise, as read (the "did anything change" test). */
  stableBefore: string;
  hasMetrics: boolean;
  /** Schema-validated (only the runs the command acts on are). */
  validated: boolean;
}

/**
 * The fields the ledger line reads (run, iteration, host, job id, status, launch
 * date, cluster), nothing else. A run the Python autolab tool launched keeps its
 * whole manifest: that tool's bullet rules read more of it (`slurm.job_id` before
 * `job_id`, `timestamp_utc`, `launch_snapshot`, the offset of a timestamp), and
 * only the whole manifest tells that it is such a run.
 */
export function ledgerFields(m: RunManifest): RunManifest {
  if (launchedByPythonTool(m)) return m;
  const jobId = manifestJobId(m);
  const cluster = manifestCluster(m);
  const ts = m.timestamps && typeof m.timestamps === "object" ? m.timestamps : undefined;
  return {
    schema_version: m.schema_version,
    run_id: m.run_id,
    iteration_id: m.iteration_id,
    host_mode: m.host_mode,
    status: m.status,
    command: "",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: ts?.started_at as string },
    ...(m.started_at !== undefined ? { started_at: m.started_at } : {}),
    ...(jobId !== undefined ? { job_id: jobId } : {}),
    ...(cluster !== undefined ? { slurm: { cluster } } : {}),
  };
}

/**
 * The manifest's bytes, never through a link: a linked manifest, run dir,
 * runs/ or iteration dir is an error. A run discovery reached through real
 * directories only is opened without following a link and must be the inode
 * discovery stamped (one open, no walk); anything else walks the path.
 */
async function manifestBytes(run: DiscoveredRun): Promise<Buffer | undefined> {
  if (run.linkFree && run.manifestStamp) {
    const r = readNoFollowSync(run.manifestPath, MAX_MANIFEST_BYTES);
    if (r.data && r.ino === run.manifestStamp.ino) return r.data;
  }
  return readOwnedBytes(
    rootOf(run.manifestPath, run.manifestDisplay),
    run.manifestPath,
    run.manifestDisplay,
    MAX_MANIFEST_BYTES,
  );
}

async function loadOne(
  run: DiscoveredRun,
  findings: Finding[],
  hasMetrics = existsSync(path.join(run.runDir, METRICS_FILE)),
): Promise<LoadedRun | undefined> {
  let text: string;
  try {
    const buf = await manifestBytes(run);
    if (buf === undefined) throw new AutolabError("file not found", { file: run.manifestDisplay });
    text = decodeUtf8Strict(buf, run.manifestDisplay);
  } catch (e) {
    findings.push(findingFromError(e, "manifest.read", run.manifestDisplay, { severity: "error" }));
    return undefined;
  }
  let quick: RunManifest | undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) quick = v as RunManifest;
  } catch {
    quick = undefined;
  }
  if (quick && !needsWork(quick, hasMetrics)) {
    return { run, manifest: ledgerFields(quick), stableBefore: "", hasMetrics, validated: false };
  }
  try {
    const doc = parseDocument<RunManifest>("manifest", text, run.manifestDisplay);
    const errors = doc.findings.filter((f) => f.severity === "error");
    if (errors.length) {
      findings.push(
        ...errors.map((f) => ({ ...f, message: `${f.message}; the run is skipped until the manifest is fixed` })),
      );
      return undefined;
    }
    return { run, manifest: doc.data, text, stableBefore: stableText(doc.data), hasMetrics, validated: true };
  } catch (e) {
    findings.push(findingFromError(e, "manifest.parse", run.manifestDisplay, { severity: "error" }));
    return undefined;
  }
}

/** A finished run taken from the run index (not read). */
export interface CachedRun {
  run: DiscoveredRun;
  entry: RunIndexEntry;
}

export interface IndexedLoad {
  /** The runs read (in discovery order). */
  runs: LoadedRun[];
  /** The runs taken from the index. */
  cached: CachedRun[];
  /** The index for the next tick: the cached entries and every finished run read whose stamp can be trusted. */
  index: Map<string, RunIndexEntry>;
}

function indexEntryOf(l: LoadedRun, readAtMs: number): RunIndexEntry | undefined {
  if (l.validated) return undefined; // the command acts on it: not finished
  let line: string | null;
  try {
    line = wantedLine(l.manifest);
  } catch {
    return undefined; // the ledger check reports it on every tick
  }
  return entryFor(l.run.manifestStamp, readAtMs, String(l.manifest.run_id), line);
}

/** The first phase of an indexed load: every run that may be in flight is read. */
export interface FirstLoad {
  /** Discovery order: a run read (or refused: undefined), or one the index vouches for by its stamp. */
  slots: Array<{ loaded?: LoadedRun; vouched?: { run: DiscoveredRun; entry: RunIndexEntry }; findings?: Finding[] }>;
  /** The runs read so far, in discovery order (every run that may be in flight is among them). */
  read: LoadedRun[];
  index?: RunIndex;
  readAtMs: number;
}

async function readSlots(
  slots: FirstLoad["slots"],
  todo: Array<{ at: number; run: DiscoveredRun; hasMetrics: boolean }>,
): Promise<void> {
  const BATCH = 64;
  for (let i = 0; i < todo.length; i += BATCH) {
    const part = todo.slice(i, i + BATCH);
    const found = part.map(() => [] as Finding[]);
    const loaded = await Promise.all(part.map((r, k) => loadOne(r.run, found[k], r.hasMetrics)));
    part.forEach((r, k) => {
      // The slot is replaced: a run read is no longer vouched for.
      slots[r.at] = { loaded: loaded[k], ...(found[k].length ? { findings: found[k] } : {}) };
    });
  }
}

/**
 * Phase one: read every run whose manifest the index cannot vouch for by its
 * stamp (all of them without an index). A run whose stamp is the recorded one
 * has the manifest the index recorded, a finished, extracted one: it is never
 * in flight, so after this phase the runs to ask the scheduler about are
 * known, and phase two (`settleIndexed`: metrics and ledger checks of the
 * vouched runs) can run while the scheduler answers. `readAtMs`: the time
 * before discovery stamped the manifests.
 */
export async function loadUnvouched(
  runs: readonly DiscoveredRun[],
  o: { index?: RunIndex; readAtMs: number },
): Promise<FirstLoad> {
  const slots: FirstLoad["slots"] = new Array(runs.length);
  const todo: Array<{ at: number; run: DiscoveredRun; hasMetrics: boolean }> = [];
  runs.forEach((run, at) => {
    const e = o.index && run.manifestStamp ? o.index.get(run.manifestDisplay) : undefined;
    if (e && run.manifestStamp && e.stamp === stampKey(run.manifestStamp)) slots[at] = { vouched: { run, entry: e } };
    else todo.push({ at, run, hasMetrics: existsSync(path.join(run.runDir, METRICS_FILE)) });
  });
  await readSlots(slots, todo);
  const read: LoadedRun[] = [];
  for (const s of slots) if (s.loaded) read.push(s.loaded);
  return { slots, read, index: o.index, readAtMs: o.readAtMs };
}

/**
 * Phase two: a vouched run is taken from the index when its metrics.json is
 * there and its ledger line is the recorded one (domain/run-index.planRead),
 * else it is read now. Returns the same load as reading every run the index
 * cannot vouch for in one pass, in discovery order, its findings pushed in
 * that order; `indexChanged` is false when the index to keep is the one read.
 */
export async function settleIndexed(
  first: FirstLoad,
  findings: Finding[],
  ledgerLine: (runId: string) => string | undefined,
): Promise<IndexedLoad & { indexChanged: boolean }> {
  const { slots } = first;
  const todo: Array<{ at: number; run: DiscoveredRun; hasMetrics: boolean }> = [];
  slots.forEach((s, at) => {
    if (!s.vouched) return;
    const { run } = s.vouched;
    const hasMetrics = existsSync(path.join(run.runDir, METRICS_FILE));
    const plan = planRead({ file: run.manifestDisplay, stamp: run.manifestStamp, hasMetrics }, first.index, ledgerLine);
    if (plan.read) todo.push({ at, run, hasMetrics });
  });
  await readSlots(slots, todo);
  const out: IndexedLoad = { runs: [], cached: [], index: new Map() };
  for (const s of slots) {
    if (s.findings) findings.push(...s.findings);
    if (s.vouched) {
      out.cached.push(s.vouched);
      out.index.set(s.vouched.run.manifestDisplay, s.vouched.entry);
    } else if (s.loaded) {
      out.runs.push(s.loaded);
      const e = indexEntryOf(s.loaded, first.readAtMs);
      if (e) out.index.set(s.loaded.run.manifestDisplay, e);
    }
  }
  return { ...out, indexChanged: !first.index || !sameIndex(first.index, out.index) };
}

/**
 * Read the runs the index cannot vouch for (all of them without an index), in
 * one pass: `loadUnvouched` then `settleIndexed`.
 */
export async function loadRunsIndexed(
  runs: readonly DiscoveredRun[],
  findings: Finding[],
  o: { index?: RunIndex; readAtMs: number; ledgerLine: (runId: string) => string | undefined },
): Promise<IndexedLoad & { indexChanged: boolean }> {
  return settleIndexed(await loadUnvouched(runs, o), findings, o.ledgerLine);
}
