/**
 * docs/slurm_job_list.md: the ledger check. The ledger is read and indexed
 * once (`indexLedger`), and each run is verified against the index, so
 * checking 10,000 runs stays linear. Pure: data in, findings out.
 *
 * - Repository level: the file exists when there are SLURM runs to list in
 *   it; lines naming no run in scope (other runs' malformed or duplicate
 *   lines) are reported once, as warnings.
 * - Run level: a SLURM run with a job id has its canonical line (the
 *   manifest is the record: the hint rewrites the line from it).
 */
import { LEDGER_FORMAT, verifyRunInLedger } from "../../ledger/ledger.js";
import { manifestJobId } from "../../domain/run.js";
import type { Finding } from "../../util/errors.js";
import { at, errorToFinding } from "../doc.js";
import { appendCommand } from "../hints.js";
import type { RepoInput, RunInput } from "../types.js";

export function checkLedgerFile(i: RepoInput): Finding[] {
  const ledger = i.ledger;
  if (!ledger) return [];
  if (ledger.kind === "error") return [ledger.finding];
  if (ledger.kind === "missing") {
    const first = i.slurmRuns[0];
    return [
      {
        severity: "error",
        check: "ledger.file",
        file: ledger.display,
        message: `${ledger.display} does not exist, but there are SLURM runs to list in it`,
        hint: `create it by appending each SLURM run, e.g. \`${appendCommand(first)}\``,
      },
    ];
  }
  const checked = new Set(i.runs.map((r) => r.runId));
  return ledger.index.problems
    .filter((p) => p.runId === undefined || !checked.has(p.runId))
    .map((p) => ({
      severity: "warning" as const,
      check: p.kind === "duplicate" ? "ledger.duplicate" : "ledger.malformed",
      file: ledger.display,
      line: p.line,
      column: 1,
      message: p.message,
      hint: `make it a ledger line of the form \`${LEDGER_FORMAT}\`, or remove it`,
    }));
}

export function checkLedger(i: RunInput): Finding[] {
  const { run, doc } = i;
  const m = doc.data;
  if (m.host_mode !== "slurm" || manifestJobId(m) === undefined || i.ledger?.kind !== "ok") return [];
  let found: Finding[];
  try {
    found = verifyRunInLedger(i.ledger.index, m, i.ledger.display, { ownOnly: true });
  } catch (e) {
    // canonicalLine refused the manifest (no launch date, a value that cannot stand in a line).
    const f = errorToFinding(e, "ledger.mismatch", doc.file);
    if (f.jsonPath) Object.assign(f, at(doc, f.jsonPath));
    return [f];
  }
  const cmd = appendCommand(run);
  return found.map((f) => {
    if (f.check === "ledger.missing") return { ...f, hint: `run \`${cmd}\`` };
    if (f.check === "ledger.mismatch")
      return { ...f, hint: `run \`${cmd}\` to rewrite the line from the manifest (the manifest is the record)` };
    return f;
  });
}
