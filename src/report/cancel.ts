/** What a cancel reports: the CLI's lines, and the action's outputs and summary. Pure. */
import type { CancelResult } from "../commands/cancel.js";
import { committedText, type ActionOutputs } from "./common.js";
import type { SummaryInput } from "./summary.js";

export function cancelText(r: CancelResult): string {
  if (r.before === r.after) return `run ${r.runId} is already ${r.before}; nothing to cancel\n`;
  let out = `run ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> failed (cancelled)${r.alreadyEnded ? "; the scheduler says the job had already ended" : ""}\n`;
  const c = committedText(r.commit);
  if (c) out += c + "\n";
  return out;
}

export function cancelOutputs(r: CancelResult): ActionOutputs {
  return [
    ["run-id", r.runId],
    ["job-id", r.jobId ?? ""],
    ["status", r.after],
    ["manifest", r.manifestPath],
  ];
}

export function cancelSummary(r: CancelResult): SummaryInput {
  return {
    title: "autolab cancel",
    command: "cancel",
    runs: [{ runId: r.runId, jobId: r.jobId, state: r.after }],
    findings: [],
  };
}
