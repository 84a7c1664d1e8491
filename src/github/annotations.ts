/**
 * Findings as GitHub workflow-command annotations (`::error file=..,line=..::msg`).
 *
 * This is the fallback when the token cannot write check runs (a fork's pull
 * request): the runner turns these lines into annotations. GitHub displays at
 * most 10 error and 10 warning annotations per step and 50 annotations per job
 * (actions/toolkit docs/problem-matchers.md, "Limitations"; the Checks API
 * description repeats the 10 + 10 per step figure). Everything is still printed
 * to the log; `emitWorkflowCommands` reports how many will not be displayed so
 * the job summary can say so.
 *
 * Also home of `annotationPath`, the one rule for which paths may be sent to
 * GitHub: repository-relative, forward slashes, never outside the repository.
 */
import path from "node:path";
import { worstFirst, type Finding, type Severity } from "../util/errors.js";

/** Per-step display limits GitHub applies to workflow-command annotations. */
export const STEP_ANNOTATION_LIMITS = { error: 10, warning: 10 } as const;
/** Annotations displayed per job (sum over all steps). */
export const JOB_ANNOTATION_LIMIT = 50;

export type WorkflowCommandName = "error" | "warning" | "notice";

const COMMAND_OF: Record<Severity, WorkflowCommandName> = { error: "error", warning: "warning", notice: "notice" };

/**
 * The repository-relative, forward-slash path GitHub should see for `file`, or
 * undefined when there is none or it lies outside the repository (such paths
 * are never sent: GitHub would reject them, and they may reveal runner paths).
 * Absolute paths are made relative to `repoRoot` when one is given.
 */
export function annotationPath(file: string | undefined, repoRoot?: string): string | undefined {
  if (!file) return undefined;
  let p = file.replace(/\\/g, "/");
  if (path.posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) {
    if (!repoRoot) return undefined;
    const rel = path.relative(path.resolve(repoRoot), path.resolve(file));
    if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
    p = rel.split(path.sep).join("/");
  }
  p = path.posix.normalize(p);
  while (p.startsWith("./")) p = p.slice(2);
  if (p === "." || p === "" || p === ".." || p.startsWith("../") || p.startsWith("/")) return undefined;
  if ([...p].some((ch) => ch.charCodeAt(0) < 0x20)) return undefined;
  return p;
}

/** Escape workflow-command data (the message). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow-command property value (also `:` and `,`, which delimit properties). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function positiveInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * How a finding's file is named when it cannot be attached as an annotation
 * path: only its base name, so no path outside the repository (a runner's or
 * cluster's directory layout) is ever sent to GitHub.
 */
export function outsideFileLabel(file: string): string {
  const base = file.replace(/\\/g, "/").split("/").filter(Boolean).pop() ?? "";
  return `(outside the repository) ${base}`.trim();
}

/** The message a finding shows in an annotation: message, file that could not be attached, json path, hint. */
export function annotationMessage(f: Finding, sentPath: string | undefined): string {
  let msg = f.message;
  if (f.file && !sentPath) msg = `${outsideFileLabel(f.file)}${f.line ? `:${f.line}` : ""}: ${msg}`;
  if (f.jsonPath) msg += ` (at ${f.jsonPath})`;
  if (f.hint) msg += `\nfix: ${f.hint}`;
  return msg;
}

/**
 * One workflow command line (no trailing newline) for a finding. `file`,
 * `line` and `col` are set only when known and inside the repository; the
 * title is the check id.
 */
export function formatWorkflowCommand(finding: Finding, opts: { repoRoot?: string } = {}): string {
  const file = annotationPath(finding.file, opts.repoRoot);
  const props: string[] = [];
  if (file) {
    props.push(`file=${escapeProperty(file)}`);
    const line = positiveInt(finding.line);
    if (line) {
      props.push(`line=${line}`);
      const col = positiveInt(finding.column);
      if (col) props.push(`col=${col}`);
    }
  }
  if (finding.check) props.push(`title=${escapeProperty(finding.check)}`);
  const cmd = COMMAND_OF[finding.severity] ?? "error";
  return `::${cmd}${props.length ? " " + props.join(",") : ""}::${escapeData(annotationMessage(finding, file))}`;
}

export interface EmitResult {
  /** Workflow commands written. */
  emitted: number;
  /** Of those, how many GitHub will not display as annotations (per-step / per-job limits). */
  hiddenByLimit: number;
  /** A sentence for the job summary when some are hidden, else undefined. */
  note?: string;
}

/**
 * Write every finding as a workflow command (errors first, then warnings,
 * then notices, so the displayed ones are the most important) and count how
 * many GitHub's display limits will hide.
 */
export function emitWorkflowCommands(
  findings: Finding[],
  write: (line: string) => void = (s) => process.stdout.write(s),
  opts: { repoRoot?: string } = {},
): EmitResult {
  const ordered = worstFirst(findings);
  const shownByKind: Record<WorkflowCommandName, number> = { error: 0, warning: 0, notice: 0 };
  let shown = 0;
  let hidden = 0;
  for (const f of ordered) {
    write(formatWorkflowCommand(f, opts) + "\n");
    const kind = COMMAND_OF[f.severity] ?? "error";
    const stepLimit = kind === "notice" ? Infinity : STEP_ANNOTATION_LIMITS[kind];
    if (shownByKind[kind] < stepLimit && shown < JOB_ANNOTATION_LIMIT) {
      shownByKind[kind]++;
      shown++;
    } else {
      hidden++;
    }
  }
  const note = hidden
    ? `GitHub displays at most ${STEP_ANNOTATION_LIMITS.error} error and ${STEP_ANNOTATION_LIMITS.warning} warning ` +
      `annotations per step (${JOB_ANNOTATION_LIMIT} per job): ${hidden} of ${findings.length} findings are ` +
      `not shown as annotations. All of them are in the step log and listed below.`
    : undefined;
  return { emitted: ordered.length, hiddenByLimit: hidden, note };
}
