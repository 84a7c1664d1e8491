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
import { manifestJobId } from "../domain/run.js";
import { needsWork, stableText } from "../domain/tick.js";
import { entryFor, planRead, type RunIndex, type RunIndexEntry } from "../domain/run-index.js";
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

/** The fields the ledger line reads (run, iteration, host, job id, status, launch date), nothing else. */
export function ledgerFields(m: RunManifest): RunManifest {
  const jobId = manifestJobId(m);
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

/**
 * Read the runs the index cannot vouch for (all of them without an index).
 * `readAtMs`: the time before discovery stamped the manifests. `ledgerLine`:
 * the ledger's line for a run id now.
 */
export async function loadRunsIndexed(
  runs: readonly DiscoveredRun[],
  findings: Finding[],
  o: { index?: RunIndex; readAtMs: number; ledgerLine: (runId: string) => string | undefined },
): Promise<IndexedLoad> {
  const out: IndexedLoad = { runs: [], cached: [], index: new Map() };
  const toRead: Array<{ run: DiscoveredRun; hasMetrics: boolean }> = [];
  for (const run of runs) {
    const hasMetrics = existsSync(path.join(run.runDir, METRICS_FILE));
    const plan = planRead({ file: run.manifestDisplay, stamp: run.manifestStamp, hasMetrics }, o.index, o.ledgerLine);
    if (plan.read) toRead.push({ run, hasMetrics });
    else {
      out.cached.push({ run, entry: plan.entry });
      out.index.set(run.manifestDisplay, plan.entry);
    }
  }
  const BATCH = 64;
  for (let i = 0; i < toRead.length; i += BATCH) {
    const loaded = await Promise.all(toRead.slice(i, i + BATCH).map((r) => loadOne(r.run, findings, r.hasMetrics)));
    for (const l of loaded) {
      if (!l) continue;
      out.runs.push(l);
      const e = indexEntryOf(l, o.readAtMs);
      if (e) out.index.set(l.run.manifestDisplay, e);
    }
  }
  return out;
}
