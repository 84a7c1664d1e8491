/**
 * What a check run says: its conclusion, title, summary, text and annotations,
 * for verify findings and for one experiment run. Pure (data in, objects out);
 * github/checks.ts sends them, and the action face picks which.
 *
 * Rules:
 * - findings: error -> `failure`, warning -> `neutral` (visible in the UI, but
 *   does not block a merge the way `failure` does: warnings are advice),
 *   notice only or nothing -> `success`; the same rule whether they go out as
 *   a check run or as workflow commands;
 * - a finding becomes an annotation only with a repository-relative path
 *   (github/annotations.ts `annotationPath`); the others are listed in the
 *   check run's text, named by base name only;
 * - an experiment run: completed -> `success` (or `failure` when its metrics
 *   say failed); failed -> `timed_out` / `cancelled` / `failure` by its
 *   failure reason; any other status is still `in_progress`;
 * - every string is clipped to the Checks API's limits (the log tail from its
 *   start, so its end stays).
 */
import { formatFinding, worstFirst, worstSeverity, type Finding, type Severity } from "../util/errors.js";
import { annotationMessage, annotationPath, outsideFileLabel } from "../github/annotations.js";

/** `output.summary` and `output.text` are limited to this many characters. */
export const OUTPUT_TEXT_LIMIT = 65535;
/** `output.title` and an annotation's `title`. */
export const TITLE_LIMIT = 255;
/** An annotation's `message`. */
export const MESSAGE_LIMIT = 64 * 1024 - 64;
/** The log tail put into a run's check text: its last this many characters. */
export const LOG_TAIL_CHARS = 60000;

export type CheckConclusion = "success" | "failure" | "neutral" | "timed_out" | "cancelled";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

/** `s` cut to `max` characters, marked with an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Keep the end of `s` (for log tails), marking the cut. */
export function clipStart(s: string, max: number): string {
  if (s.length <= max) return s;
  const marker = "…(earlier output cut)\n";
  return marker + s.slice(s.length - (max - marker.length));
}

function posInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * The annotation for a finding, or undefined when it has no path inside the
 * repository (it is then reported in the check run's text). Line 1 is used
 * only when no line is known; columns only when known (a finding has one line).
 */
export function findingToAnnotation(f: Finding, repoRoot?: string): CheckAnnotation | undefined {
  const p = annotationPath(f.file, repoRoot);
  if (!p) return undefined;
  const line = posInt(f.line) ?? 1;
  const a: CheckAnnotation = {
    path: p,
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[f.severity] ?? "failure",
    message: clip(annotationMessage(f, p), MESSAGE_LIMIT),
  };
  const col = posInt(f.line) ? posInt(f.column) : undefined;
  if (col) {
    a.start_column = col;
    a.end_column = col;
  }
  if (f.check) a.title = clip(f.check, TITLE_LIMIT);
  return a;
}

/** error -> failure, warning -> neutral, notice/none -> success (see the module header). */
export function conclusionForFindings(findings: Finding[]): "success" | "failure" | "neutral" {
  const w = worstSeverity(findings);
  if (w === "error") return "failure";
  if (w === "warning") return "neutral";
  return "success";
}

/** `2 error(s), 1 warning(s), 0 notice(s)`. */
export function countLine(findings: Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${n("error")} error(s), ${n("warning")} warning(s), ${n("notice")} notice(s)`;
}

/** The summary of the check run a command's findings go to. */
export function findingsSummaryText(name: string, findings: Finding[]): string {
  return `${findings.length} finding(s) from ${name}`;
}

export interface FindingsCheckRun {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  /** The findings without a file in the repository, listed; undefined when there are none. */
  text?: string;
  annotations: CheckAnnotation[];
  /** Findings that are not annotations (listed in `text`). */
  unlocated: Finding[];
  /** Located findings left out of the annotations by `maxAnnotations` (the least severe; counted in `text`). */
  notAnnotated: number;
}

/** Findings listed by name in a check run's text at most (the rest are counted). */
export const MAX_LISTED_IN_TEXT = 200;

/**
 * Everything a findings check run shows. `title` defaults to a count of the
 * findings. With `maxAnnotations` (the per-tick annotation budget) only the
 * worst that many located findings become annotations; the text counts the
 * rest by severity.
 */
export function findingsCheckRun(
  findings: Finding[],
  o: { summaryText: string; title?: string; repoRoot?: string; maxAnnotations?: number },
): FindingsCheckRun {
  const title = clip(o.title ?? `autolab: ${countLine(findings)}`, TITLE_LIMIT);
  const annotations: CheckAnnotation[] = [];
  const unlocated: Finding[] = [];
  const skipped: Finding[] = [];
  const max = o.maxAnnotations ?? Number.POSITIVE_INFINITY;
  for (const f of o.maxAnnotations === undefined ? findings : worstFirst(findings)) {
    const a = findingToAnnotation(f, o.repoRoot);
    if (!a) unlocated.push(f);
    else if (annotations.length < max) annotations.push(a);
    else skipped.push(f);
  }
  const parts: string[] = [];
  if (skipped.length) {
    parts.push(
      `${skipped.length} more finding(s) are not annotated (at most ${max} annotations per tick, the worst first): ${countLine(skipped)}. The job summary and the step log list them.`,
    );
  }
  if (unlocated.length) {
    const listed = unlocated.slice(0, MAX_LISTED_IN_TEXT);
    parts.push(
      "Findings without a file in this repository:\n\n" +
        listed
          .map((f) => "- " + formatFinding(f.file ? { ...f, file: outsideFileLabel(f.file) } : f).replace(/\n/g, " "))
          .join("\n") +
        (unlocated.length > listed.length ? `\n\n…and ${unlocated.length - listed.length} more.` : ""),
    );
  }
  return {
    conclusion: conclusionForFindings(findings),
    title,
    summary: clip(o.summaryText || title, OUTPUT_TEXT_LIMIT),
    text: parts.length ? clip(parts.join("\n\n"), OUTPUT_TEXT_LIMIT) : undefined,
    annotations,
    unlocated,
    notAnnotated: skipped.length,
  };
}

/** The job-summary note when findings were not posted again. */
export function findingsUnchangedNote(name: string, count: number, since: string): string {
  return `The ${count} finding(s) of ${name} are the ones posted at ${since}: no new check run was made for them (listed below).`;
}

/** The job-summary note when a check run could not be created (a read-only token). */
export function checkRunRefusedNote(status: number | undefined, message: string): string {
  return (
    `Could not create a check run (HTTP ${status}: ${message}); ` +
    `findings were reported as workflow-command annotations instead. This is expected on a fork's pull request, ` +
    `where the token is read-only.`
  );
}

/** The notes when there was no token and findings went out as workflow commands. */
export function workflowCommandNotes(hiddenNote: string | undefined): string[] {
  return ["No token: findings were written as workflow-command annotations.", ...(hiddenNote ? [hiddenNote] : [])];
}

/** The warning when a run's check run could not be written (the tick itself stands). */
export function runCheckFailedNote(runId: string, e: unknown): string {
  return `could not update the check run of ${runId}: ${e instanceof Error ? e.message : String(e)}`;
}
