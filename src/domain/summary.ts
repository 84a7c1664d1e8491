/**
 * analysis/summary.md: one section per run between markers, in run-id order;
 * whatever a researcher writes outside the markers is kept. Pure.
 */
import { plainText, textForm, withForm } from "./text-form.js";
import type { Metrics } from "../contract/types.js";
import { AutolabError } from "../util/errors.js";

// ---------------------------------------------------------------------------
// summary.md (pure)

const BEGIN_RE = /^<!-- autolab:run (\S+) begin -->$/;
const END_RE = /^<!-- autolab:run (\S+) end -->$/;

export interface SummaryRunInfo {
  metrics: Metrics & { missing_evidence?: string[] };
  /** Link from analysis/ to the metrics file. */
  metricsLink: string;
  jobId?: string;
  hostMode?: string;
  exitCode?: number;
  syncStatus?: string;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, " ");
}

/** The section of summary.md for one run, between its markers (both included). */
export function renderRunSection(info: SummaryRunInfo): string {
  const m = info.metrics;
  const pm = m.primary_metric;
  const value = pm.value === null ? "no value" : String(pm.value);
  const delta =
    pm.delta_vs_baseline === null
      ? ""
      : ` (delta vs baseline: ${pm.delta_vs_baseline > 0 ? "+" : ""}${pm.delta_vs_baseline})`;
  const job =
    info.hostMode === "local" ? "local run" : info.jobId ? `SLURM job ${info.jobId}` : "SLURM job (no job id recorded)";
  const exit = info.exitCode === undefined ? "exit code unknown" : `exit code ${info.exitCode}`;
  const missing = m.missing_evidence ?? [];
  const lines = [
    `<!-- autolab:run ${m.run_id} begin -->`,
    `## Run ${m.run_id}`,
    "",
    `- Status: **${m.status}**`,
    `- Primary metric: \`${oneLine(pm.name)}\` = ${value}${delta}`,
    `- Job: ${job}, ${exit}`,
    `- Artifact sync: ${oneLine(info.syncStatus ?? "unknown")}`,
    missing.length ? "- Missing evidence:" : "- Missing evidence: none",
    ...missing.map((e) => `  - ${oneLine(e)}`),
    `- Metrics: [${info.metricsLink}](${info.metricsLink})`,
    `<!-- autolab:run ${m.run_id} end -->`,
  ];
  return lines.join("\n");
}

/**
 * Put `section` (for `runId`) into summary.md text: replace the run's
 * existing section, or insert it in run-id order among the other sections,
 * keeping everything else (a researcher's own notes) as it is.
 */
export function upsertRunSection(
  text: string | undefined,
  iterationId: string,
  runId: string,
  section: string,
  file = "analysis/summary.md",
): string {
  if (text === undefined || plainText(text).trim() === "") {
    return withForm(`# Results: ${iterationId}\n\n${section}\n`, textForm(text ?? ""));
  }
  // Worked on without BOM and CRLF; the result gets the file's own form back.
  return withForm(upsertPlain(plainText(text), runId, section, file), textForm(text));
}

function upsertPlain(text: string, runId: string, section: string, file: string): string {
  const lines = text.split("\n");
  const blocks: Array<{ id: string; start: number; end: number }> = [];
  let open: { id: string; start: number } | undefined;
  lines.forEach((line, i) => {
    const b = BEGIN_RE.exec(line);
    const e = END_RE.exec(line);
    if (b) {
      if (open)
        throw new AutolabError(`run section ${open.id} has no end marker`, {
          file,
          line: open.start + 1,
          hint: `add "<!-- autolab:run ${open.id} end -->"`,
        });
      open = { id: b[1], start: i };
    } else if (e) {
      if (!open || open.id !== e[1])
        throw new AutolabError(`end marker for run ${e[1]} without its begin marker`, {
          file,
          line: i + 1,
          hint: "remove the stray marker",
        });
      blocks.push({ id: open.id, start: open.start, end: i });
      open = undefined;
    }
  });
  if (open)
    throw new AutolabError(`run section ${open.id} has no end marker`, {
      file,
      line: open.start + 1,
      hint: `add "<!-- autolab:run ${open.id} end -->"`,
    });

  const sectionLines = section.split("\n");
  const existing = blocks.find((b) => b.id === runId);
  if (existing) {
    lines.splice(existing.start, existing.end - existing.start + 1, ...sectionLines);
  } else {
    const after = blocks.find((b) => b.id > runId);
    if (after) lines.splice(after.start, 0, ...sectionLines, "");
    else if (blocks.length) lines.splice(blocks[blocks.length - 1].end + 1, 0, "", ...sectionLines);
    else {
      while (lines.length && lines[lines.length - 1] === "") lines.pop();
      lines.push("", ...sectionLines);
    }
  }
  let out = lines.join("\n");
  if (!out.endsWith("\n")) out += "\n";
  return out;
}
