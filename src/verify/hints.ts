/** The commands the verifier's hints tell a person to run. Pure. */
import { LEDGER_PATH } from "../domain/layout.js";
import { shellQuote } from "../util/shell.js";
import type { RunNames } from "./types.js";

/** Appends (or rewrites) the run's ledger line. */
export function appendCommand(run: Pick<RunNames, "manifestDisplay">): string {
  return `autolab slurm-job-list append --manifest ${shellQuote(run.manifestDisplay)} --doc ${LEDGER_PATH}`;
}

/** Records what the job did (status, sync, metrics). */
export function monitorCommand(run: Pick<RunNames, "runId">): string {
  return `autolab monitor --run-id ${shellQuote(run.runId)}`;
}
