/**
 * The dispatch: the active checks of the registry over the gathered facts.
 * Pure (no file is read here), so a unit test runs the whole verifier on
 * facts built in memory.
 *
 * Order of findings: repository-level (the ledger file), then each iteration
 * (its design) in the order the runs were discovered, then each run in turn
 * with its checks in table order. A run whose manifest cannot be read, or is
 * not a JSON object, gets only that finding (manifest.schema, or
 * path.outside always); a metrics.json that cannot be parsed is reported once
 * (the check it names, or path.outside) and the metrics checks skip it.
 * The same finding (check, place, message) is reported once.
 */
import type { Finding } from "../util/errors.js";
import { manifestJobId, manifestStatus } from "../domain/run.js";
import type { RunManifest } from "../contract/types.js";
import type { RunStatus } from "../contract/vocabulary.js";
import { designDocument } from "./checks/design.js";
import { manifestDocument } from "./checks/manifest.js";
import { endedMetrics } from "./checks/metrics.js";
import { unreadable, type Doc } from "./doc.js";
import type { CheckEntry } from "./registry.js";
import type { IterationFacts, LedgerFacts, RunFacts, RunInput, RunNames } from "./types.js";

export interface CheckFactsInput {
  active: readonly CheckEntry[];
  /** In discovery order. */
  runs: readonly RunFacts[];
  /** By iteration path; only when a design check is active. */
  iterations?: ReadonlyMap<string, IterationFacts>;
  ledger?: LedgerFacts;
  now: Date;
  /** extract_results.require_metrics (default true). */
  requireMetrics: boolean;
}

/** The run's status; undefined for a status word that is not one (manifest.schema reports it). */
export function knownStatus(m: RunManifest): RunStatus | undefined {
  try {
    return manifestStatus(m);
  } catch {
    return undefined;
  }
}

/** The newest run (by run id, which starts with the launch time) of each iteration, by iteration path. */
function newestRuns(runs: readonly RunNames[]): Map<string, string> {
  const newest = new Map<string, string>();
  for (const r of runs) {
    const cur = newest.get(r.iterationPath);
    if (cur === undefined || r.runId > cur) newest.set(r.iterationPath, r.runId);
  }
  return newest;
}

function repoFindings(i: CheckFactsInput, ids: ReadonlySet<string>): Finding[] {
  const runs = i.runs.map((f) => f.run);
  const slurmRuns = i.runs.filter((f) => f.manifest.kind === "ok" && f.manifest.doc.data?.host_mode === "slurm");
  const input = { runs, slurmRuns: slurmRuns.map((f) => f.run), ledger: i.ledger, active: ids };
  return i.active.flatMap((c) => c.repo?.(input) ?? []);
}

function iterationFindings(i: CheckFactsInput, ids: ReadonlySet<string>): Finding[] {
  if (!i.iterations) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const { run } of i.runs) {
    const iteration = i.iterations.get(run.iterationPath);
    if (!iteration || seen.has(run.iterationPath)) continue;
    seen.add(run.iterationPath);
    const input = { iteration, active: ids };
    out.push(...designDocument(input));
    for (const c of i.active) if (c.iteration) out.push(...c.iteration(input));
  }
  return out;
}

function runFindings(i: CheckFactsInput, input: RunInput): Finding[] {
  const out: Finding[] = [];
  const metrics = endedMetrics(input);
  let metricsSeen = false;
  for (const c of i.active) {
    if (!c.run) continue;
    if (c.reads === "metrics" && metrics?.kind === "error") {
      if (!metricsSeen) out.push(...unreadable(metrics.finding, input.active));
      metricsSeen = true;
      continue;
    }
    out.push(...c.run(input));
  }
  return out;
}

function runInput(i: CheckFactsInput, f: RunFacts, doc: Doc<RunManifest>, ids: ReadonlySet<string>, newest: boolean) {
  const input: RunInput = {
    run: f.run,
    doc,
    status: knownStatus(doc.data),
    jobId: manifestJobId(doc.data),
    active: ids,
    now: i.now,
    refusedPaths: f.refusedPaths,
    sentinel: f.sentinel,
    logs: f.logs,
    runScript: f.runScript,
    metrics: f.metrics,
    requireMetrics: i.requireMetrics,
    ledger: i.ledger,
  };
  if (newest) input.newestOf = i.iterations?.get(f.run.iterationPath);
  return input;
}

/** Every finding of the active checks over the facts, and how many runs had a manifest to check. */
export function checkFacts(i: CheckFactsInput): { findings: Finding[]; runsChecked: number } {
  const ids = new Set(i.active.map((c) => c.id));
  const findings = [...repoFindings(i, ids), ...iterationFindings(i, ids)];
  const newest = newestRuns(i.runs.map((f) => f.run));
  let runsChecked = 0;
  for (const f of i.runs) {
    if (f.manifest.kind === "missing") continue; // vanished between discovery and reading
    runsChecked++;
    const m = manifestDocument(f.manifest, ids);
    findings.push(...m.findings);
    if (!m.doc) continue;
    const isNewest = newest.get(f.run.iterationPath) === f.run.runId;
    findings.push(...runFindings(i, runInput(i, f, m.doc, ids, isNewest)));
  }
  return { findings, runsChecked };
}

/** The same warning about another run's ledger line comes once, not once per run. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const unique: Finding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const key = `${f.check}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(f);
  }
  return unique;
}
