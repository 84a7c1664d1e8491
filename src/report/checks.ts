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
import { formatFinding, worstSeverity, type Finding, type Severity } from "../util/errors.js";
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
}

/** Everything a findings check run shows. `title` defaults to a count of the findings. */
export function findingsCheckRun(
  findings: Finding[],
  o: { summaryText: string; title?: string; repoRoot?: string },
): FindingsCheckRun {
  const title = clip(o.title ?? `autolab: ${countLine(findings)}`, TITLE_LIMIT);
  const annotations: CheckAnnotation[] = [];
  const unlocated: Finding[] = [];
  for (const f of findings) {
    const a = findingToAnnotation(f, o.repoRoot);
    if (a) annotations.push(a);
    else unlocated.push(f);
  }
  const text = unlocated.length
    ? clip(
        "Findings without a file in this repository:\n\n" +
          unlocated
            .map((f) => "- " + formatFinding(f.file ? { ...f, file: outsideFileLabel(f.file) } : f).replace(/\n/g, " "))
            .join("\n"),
        OUTPUT_TEXT_LIMIT,
      )
    : undefined;
  return {
    conclusion: conclusionForFindings(findings),
    title,
    summary: clip(o.summaryText || title, OUTPUT_TEXT_LIMIT),
    text,
    annotations,
    unlocated,
  };
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

/** What the check run of one experiment run is given: the facts of a monitor tick's run report. */
export interface RunCheckFacts {
  runId: string;
  iterationId: string;
  jobId?: string;
  after: string;
  transitions: Array<{ from: string | null; to: string }>;
  slurmState?: string;
  reason?: string;
  failureReason?: string;
  exitCode?: string;
  metricsStatus?: string;
  logTail?: string;
}

/** The conclusion of a run's check run; undefined while the run is not finished. */
export function conclusionForRun(
  r: Pick<RunCheckFacts, "after" | "metricsStatus" | "failureReason">,
): CheckConclusion | undefined {
  if (r.after === "completed") return r.metricsStatus === "failed" ? "failure" : "success";
  if (r.after !== "failed") return undefined;
  if (r.failureReason === "timeout") return "timed_out";
  if (r.failureReason === "cancelled") return "cancelled";
  return "failure";
}

export interface RunCheck {
  status: "in_progress" | "completed";
  conclusion?: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
}

/** The check run of an experiment run after a tick moved it. */
export function runCheck(r: RunCheckFacts): RunCheck {
  const conclusion = conclusionForRun(r);
  const text = [
    r.reason ? `Scheduler reason: ${r.reason}` : "",
    r.failureReason ? `Failure reason: ${r.failureReason}${r.exitCode ? ` (exit code ${r.exitCode})` : ""}` : "",
    r.logTail ? `Log tail:\n\n\`\`\`\n${r.logTail.slice(-LOG_TAIL_CHARS)}\n\`\`\`` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    status: conclusion ? "completed" : "in_progress",
    conclusion,
    title: `${r.runId}: ${r.after}${r.slurmState ? ` (${r.slurmState})` : ""}`,
    summary: `Run ${r.runId} of ${r.iterationId}, job ${r.jobId ?? "-"}: ${r.transitions.map((t) => `${t.from} -> ${t.to}`).join(", ")}`,
    text: text || undefined,
  };
}

/** The warning when a run's check run could not be written (the tick itself stands). */
export function runCheckFailedNote(runId: string, e: unknown): string {
  return `could not update the check run of ${runId}: ${e instanceof Error ? e.message : String(e)}`;
}
