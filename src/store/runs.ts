/**
 * Reading the runs of a repository for a command: every manifest once (a
 * JSON parse for all; schema validation only for the runs the command acts
 * on). A finished, extracted run keeps only the fields its ledger line needs,
 * so a tick over 10,000 runs does not hold every manifest in memory.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { parseDocument } from "../contract/validate.js";
import { METRICS_FILE } from "../domain/layout.js";
import { manifestJobId } from "../domain/run.js";
import { needsWork, stableText } from "../domain/tick.js";
import type { DiscoveredRun } from "./discover.js";
import { AutolabError, findingFromError, type Finding } from "../util/errors.js";
import { decodeUtf8Strict, readOwnedBytes, rootOf } from "../util/fs.js";

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

async function loadOne(run: DiscoveredRun, findings: Finding[]): Promise<LoadedRun | undefined> {
  let text: string;
  try {
    // Never through a link: a linked manifest, run dir, runs/ or iteration dir is an error finding.
    const buf = await readOwnedBytes(
      rootOf(run.manifestPath, run.manifestDisplay),
      run.manifestPath,
      run.manifestDisplay,
      MAX_MANIFEST_BYTES,
    );
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
  const hasMetrics = existsSync(path.join(run.runDir, METRICS_FILE));
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

/** Read every discovered run's manifest (64 at a time); unreadable ones are findings. */
export async function loadRuns(runs: readonly DiscoveredRun[], findings: Finding[]): Promise<LoadedRun[]> {
  const out: LoadedRun[] = [];
  const BATCH = 64;
  for (let i = 0; i < runs.length; i += BATCH) {
    const loaded = await Promise.all(runs.slice(i, i + BATCH).map((r) => loadOne(r, findings)));
    for (const l of loaded) if (l) out.push(l);
  }
  return out;
}
