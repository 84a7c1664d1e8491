/**
 * The ledger follows the manifests (the manifest wins where they disagree).
 * Pure: which lines must change after a tick, with findings, and the
 * change-set edit that upserts them into the ledger as the head has it.
 */
import type { FileEdit } from "../domain/changes.js";
import { LEDGER_PATH } from "../domain/layout.js";
import { manifestJobId } from "../domain/run.js";
import type { RunManifest } from "../contract/types.js";
import { AutolabError, findingFromError, type Finding } from "../util/errors.js";
import { canonicalLine, upsertMany, type ParsedLedger } from "./ledger.js";

/** Header of a ledger the tool creates. It names no run, so the parser ignores it. */
export const LEDGER_HEADER =
  "# SLURM job list\n\nOne line per SLURM run: launch date (UTC), job id, iteration, run id, status.\nMaintained by autolab; notes you add outside the run lines are kept.\n\n";

export interface LedgerRun {
  /** The manifest as read. */
  before: RunManifest;
  /** This command's new version (undefined: unchanged). */
  after?: RunManifest;
  manifestFile: string;
}

/**
 * The line the ledger must hold for run `m`: null when the run has none (not
 * a SLURM run, or no job id yet); throws when the manifest cannot make one.
 */
export function wantedLine(m: RunManifest): string | null {
  if (m.host_mode !== "slurm" || !manifestJobId(m)) return null;
  return canonicalLine(m);
}

/** The ledger's line for each run id (the last one, when a run has several). */
export function linesByRun(ledger: ParsedLedger): Map<string, ParsedLedger["entries"][number]> {
  return new Map(ledger.entries.map((e) => [e.runId, e]));
}

/**
 * The SLURM runs whose ledger line must be written, and what disagreed. A
 * line that matched the manifest before this tick simply follows it; any
 * other difference (or a missing line) is reported. With `allRuns`, lines
 * that name no known run are reported too (and left alone). `agreed`: ids of
 * runs known to agree with their line already (the run index's), not checked
 * again.
 */
export function ledgerFollow(
  runs: readonly LedgerRun[],
  ledger: ParsedLedger,
  allRuns: boolean,
  agreed: Iterable<string> = [],
): { fix: RunManifest[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const fix: RunManifest[] = [];
  const byRun = linesByRun(ledger);
  const known = new Set<string>(agreed);
  for (const r of runs) {
    const m = r.after ?? r.before;
    known.add(String(m.run_id));
    let want: string | null;
    try {
      want = wantedLine(m);
    } catch (e) {
      findings.push(findingFromError(e, "ledger.manifest", r.manifestFile, { severity: "warning" }));
      continue;
    }
    if (want === null) continue;
    const have = byRun.get(String(m.run_id));
    if (have && have.text === want) continue;
    let wasRight = false;
    try {
      wasRight = have !== undefined && r.after !== undefined && have.text === canonicalLine(r.before);
    } catch {
      wasRight = false;
    }
    if (!wasRight) {
      findings.push({
        severity: "warning",
        check: "ledger.disagrees",
        message: have
          ? `the ledger line "${have.text.trim()}" disagrees with ${r.manifestFile}; the manifest wins and the line becomes "${want}"`
          : `run ${m.run_id} (${r.manifestFile}) has no ledger line; it is added`,
        file: LEDGER_PATH,
        line: have?.line,
      });
    }
    fix.push(m);
  }
  if (allRuns) {
    for (const e of ledger.entries) {
      if (known.has(e.runId)) continue;
      findings.push({
        severity: "warning",
        check: "ledger.no_manifest",
        file: LEDGER_PATH,
        line: e.line,
        message: `the ledger names run ${e.runId} (job ${e.jobId}), but no experiments/*/*/runs/${e.runId}/run_manifest.json exists; the line is left as it is`,
        hint: "restore the run's manifest from git history, or remove the line if the run was deleted on purpose",
      });
    }
  }
  return { fix, findings };
}

/** A ledger error that names only a line (the text functions do not know the file) now names the file too. */
export function inLedgerFile<E>(e: E, file: string): E | AutolabError {
  if (!(e instanceof AutolabError) || e.location.file || e.location.line === undefined) return e;
  return new AutolabError(e.message, { file, line: e.location.line, jsonPath: e.location.jsonPath, hint: e.hint });
}

/** Findings for the ledger's own problems (malformed or duplicate lines). */
export function ledgerProblems(ledger: ParsedLedger): Finding[] {
  return ledger.problems.map((p) => ({
    severity: "warning" as const,
    check: `ledger.${p.kind}`,
    message: p.message,
    file: LEDGER_PATH,
    line: p.line,
  }));
}

/**
 * The edit that upserts the runs' lines into the ledger as the head has it
 * (runs whose other edits were superseded are left out; a missing ledger is
 * created with its header). A run whose lines are malformed or duplicated is
 * reported at its line and skipped. The file is part of the change even when
 * its text does not change, so a line an earlier attempt wrote but never
 * committed gets committed.
 */
export function ledgerEdit(runs: RunManifest | readonly RunManifest[], file = LEDGER_PATH): FileEdit {
  const manifests = Array.isArray(runs) ? (runs as readonly RunManifest[]) : [runs as RunManifest];
  return {
    path: file,
    what: manifests.length === 1 ? `the ledger line of run ${manifests[0].run_id}` : "the ledger",
    edit(current, ctx) {
      const now = manifests.filter((m) => !ctx.superseded.has(m.run_id));
      if (!now.length) return "unchanged";
      const existing =
        current === undefined ? undefined : new TextDecoder("utf-8", { ignoreBOM: true }).decode(current);
      const { text, results } = upsertMany(existing ?? LEDGER_HEADER, now);
      for (const r of results) {
        if (!r.error) continue;
        ctx.note(findingFromError(inLedgerFile(r.error, file), "ledger.update", file));
      }
      return results.some((r) => !r.error) ? text : "unchanged";
    },
  };
}
