/**
 * The job summary written after every action command: the runs touched,
 * grouped by iteration and sweep (report/summary-runs.ts), a Mermaid gantt
 * timeline, the findings (the worst `MAX_FINDINGS_LISTED`, the rest counted)
 * and the time spent in scheduler queries. `renderSummary` is pure (data in, markdown out) and keeps
 * the result under GitHub's 1 MiB step-summary limit, saying explicitly what it
 * left out. The action face writes it (github/summary.ts `writeSummary`).
 *
 * A run's state is classified by its first word, so `failed (TIMEOUT)` is
 * drawn as failed and `running (RUNNING)` as running; durations follow the
 * one rule of domain/duration.ts.
 */
import { countLine } from "./checks.js";
import { worstFirst, type Finding, type Severity } from "../util/errors.js";
import type { GroupResult } from "../domain/sweep-result.js";
import { attentionOrder, runsSections, stateClass, type SummaryRun } from "./summary-runs.js";

export { escapeCell, formatDuration, stateWord, type SummaryRun } from "./summary-runs.js";

/** GitHub refuses a step summary larger than 1 MiB. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Default budget: the limit minus room for anything else the step writes. */
export const DEFAULT_SUMMARY_BYTES = STEP_SUMMARY_LIMIT_BYTES - 32 * 1024;
/** Runs drawn in the timeline at most (a bigger gantt chart is unreadable and slow to render). */
export const MAX_TIMELINE_RUNS = 100;
const MAX_MESSAGE = 2000;
/** Findings listed in the summary at most (the worst first; the rest are counted by severity). */
export const MAX_FINDINGS_LISTED = 100;

export interface SummaryInput {
  title: string;
  command: string;
  runs: SummaryRun[];
  findings: Finding[];
  scheduler?: { calls: number; totalMs: number; detail?: string[] };
  notes?: string[];
  /** Byte budget; default 1 MiB minus a margin. */
  maxBytes?: number;
  /** Current time (ISO): running runs are drawn and timed up to it. Without it they show no duration. */
  now?: string;
  /** URL prefix of the repository's files on the commit (`…/blob/<sha>/`), for the manifest and log links. */
  blobBase?: string;
  /** Sweeps' group results by sweep id, shown under the sweep's runs. */
  groups?: ReadonlyMap<string, GroupResult>;
}

const SEVERITY_ICON: Record<Severity, string> = { error: "🔴 error", warning: "🟡 warning", notice: "🔵 notice" };

function bytes(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Text safe in a markdown list item: one line, no raw HTML. */
function escapeInline(s: string, max = MAX_MESSAGE): string {
  return clip(s, max)
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** A run still going: its bar and duration run until `now`. */
function isGoing(state: string): boolean {
  return stateClass(state) === "active";
}

/** A name Mermaid's gantt grammar accepts: no `:`, `#`, `;`, line breaks or quotes-of-doom. */
export function mermaidText(s: string): string {
  const t = s
    .replace(/[:#;\r\n`"<>{}]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clip(t || "run", 120);
}

function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** The gantt tag of a state (by its first word). */
export function ganttTag(state: string): string {
  const c = stateClass(state);
  if (c === "failed" || c === "partial") return "crit, ";
  if (c === "active" || c === "queued") return "active, ";
  if (c === "done") return "done, ";
  return "";
}

/** One run in the timeline: its queue wait (submit to start, when SLURM says) and its run (start to end). */
interface Bar {
  r: SummaryRun;
  /** Submit (or start, when there is no submit time). */
  first: number;
  queued?: { start: number; end: number };
  running?: { start: number; end: number };
}

/** A bar of at least one second (Mermaid draws nothing for a zero-length one). */
function span(start: number, end: number): { start: number; end: number } {
  return { start, end: Math.max(end, start + 1000) };
}

function barOf(r: SummaryRun, now: number | undefined): Bar | undefined {
  const submit = parseTime(r.submittedAt);
  const start = parseTime(r.startedAt);
  const waiting = stateClass(r.state) === "queued";
  if (start === undefined) {
    // Still waiting: its queue bar runs to now.
    if (submit === undefined || !waiting || now === undefined) return undefined;
    return { r, first: submit, queued: span(submit, Math.max(submit, now)) };
  }
  let end = parseTime(r.completedAt);
  if (end === undefined && r.durationSeconds !== undefined && Number.isFinite(r.durationSeconds))
    end = start + r.durationSeconds * 1000;
  if (end === undefined) end = isGoing(r.state) && now !== undefined && now > start ? now : start;
  const bar: Bar = { r, first: submit !== undefined && submit < start ? submit : start, running: span(start, end) };
  if (submit !== undefined && submit < start) bar.queued = span(submit, start);
  return bar;
}

/** The gantt chart (queued and running as two segments per run) and a note about the runs it could not draw. */
function timeline(runs: SummaryRun[], now: number | undefined): { lines: string[]; notes: string[] } {
  const notes: string[] = [];
  const drawable: Bar[] = [];
  const noStart: string[] = [];
  for (const r of runs) {
    const b = barOf(r, now);
    if (b) drawable.push(b);
    else noStart.push(r.runId);
  }
  if (noStart.length) {
    notes.push(
      `${noStart.length} run(s) without a start time are not in the timeline: ${noStart
        .slice(0, 10)
        .map((id) => "`" + escapeInline(id, 80).replace(/`/g, "'") + "`")
        .join(", ")}${noStart.length > 10 ? ", …" : ""}.`,
    );
  }
  if (!drawable.length) return { lines: [], notes };
  drawable.sort((a, b) => a.first - b.first);
  let shown = drawable;
  if (drawable.length > MAX_TIMELINE_RUNS) {
    shown = drawable.slice(drawable.length - MAX_TIMELINE_RUNS);
    notes.push(`The timeline shows the ${MAX_TIMELINE_RUNS} most recently submitted of ${drawable.length} runs.`);
  }
  const first = Math.min(...shown.map((x) => x.first));
  const last = Math.max(...shown.map((x) => (x.running ?? x.queued)!.end));
  const spanMs = last - first;
  const axis = spanMs > 2 * 86400_000 ? "%m-%d" : spanMs > 6 * 3600_000 ? "%m-%d %H:%M" : "%H:%M";
  const lines = [
    "```mermaid",
    "gantt",
    "    title Runs (UTC): queued, then running",
    "    dateFormat YYYY-MM-DD HH:mm:ss",
    `    axisFormat ${axis}`,
    "    todayMarker off",
  ];
  const bySection = new Map<string, typeof shown>();
  for (const x of shown) {
    const key = x.r.iterationId ?? "runs";
    if (!bySection.has(key)) bySection.set(key, []);
    bySection.get(key)!.push(x);
  }
  let n = 0;
  for (const [section, items] of bySection) {
    lines.push(`    section ${mermaidText(section)}`);
    for (const x of items) {
      n++;
      const who = `${x.r.runId}${x.r.jobId ? ` job ${x.r.jobId}` : ""}`;
      if (x.queued)
        lines.push(`    ${mermaidText(`${who} queued`)} :q${n}, ${utc(x.queued.start)}, ${utc(x.queued.end)}`);
      if (x.running)
        lines.push(
          `    ${mermaidText(`${who} ${x.r.state}`)} :${ganttTag(x.r.state)}r${n}, ${utc(x.running.start)}, ${utc(x.running.end)}`,
        );
    }
  }
  lines.push("```");
  return { lines, notes };
}

/** One finding as a summary list item (also what the findings fingerprint is made of). */
export function findingLine(f: Finding): string {
  let where = "";
  if (f.file) {
    where =
      f.file +
      (f.line !== undefined ? `:${f.line}` : "") +
      (f.line !== undefined && f.column !== undefined ? `:${f.column}` : "");
    where = "`" + escapeInline(where, 300).replace(/`/g, "'") + "` ";
  }
  const at = f.jsonPath ? ` (at \`${escapeInline(f.jsonPath, 200).replace(/`/g, "'")}\`)` : "";
  const hint = f.hint ? ` — fix: ${escapeInline(f.hint, 500)}` : "";
  return `- ${SEVERITY_ICON[f.severity] ?? f.severity} ${where}${escapeInline(f.message)}${at} \`[${escapeInline(f.check, 100).replace(/`/g, "'")}]\`${hint}`;
}

function sortFindings(findings: Finding[]): Finding[] {
  return worstFirst(findings);
}

function render(input: SummaryInput, runs: SummaryRun[], findings: Finding[], truncation: string | undefined): string {
  const out: string[] = [
    `## ${escapeInline(input.title, 200)}`,
    "",
    `Command: \`${escapeInline(input.command, 100).replace(/`/g, "'")}\``,
    "",
  ];
  if (truncation) out.push(`> [!WARNING]`, `> ${truncation}`, "");

  const now = parseTime(input.now);
  out.push(`### Runs (${input.runs.length})`, "");
  if (input.runs.length === 0) out.push("No runs were touched.", "");
  else out.push(...runsSections(runs, { now, blobBase: input.blobBase, groups: input.groups }));

  const tl = timeline(runs, now);
  if (tl.lines.length || tl.notes.length) {
    out.push("### Timeline", "");
    if (tl.lines.length) out.push(...tl.lines, "");
    for (const n of tl.notes) out.push(`_${n}_`, "");
  }

  out.push(`### Findings (${input.findings.length})`, "");
  if (input.findings.length === 0) out.push("No findings.", "");
  else {
    const listed = findings.slice(0, MAX_FINDINGS_LISTED);
    out.push(...listed.map(findingLine), "");
    if (findings.length > listed.length) {
      out.push(
        `_…and ${findings.length - listed.length} more (${countLine(findings.slice(listed.length))}); the step log has all of them._`,
        "",
      );
    }
  }

  if (input.scheduler) {
    const s = input.scheduler;
    const avg = s.calls ? ` (${Math.round(s.totalMs / s.calls)} ms per call)` : "";
    out.push("### Scheduler queries", "", `${s.calls} call(s), ${Math.round(s.totalMs)} ms in total${avg}.`, "");
    for (const d of s.detail ?? []) out.push(`- ${escapeInline(d, 500)}`);
    if (s.detail?.length) out.push("");
  }
  if (input.notes?.length) {
    out.push("### Notes", "");
    for (const n of input.notes) out.push(`- ${escapeInline(n)}`);
    out.push("");
  }
  return out.join("\n");
}

/** Cut `s` to at most `max` bytes on a character boundary. */
function cutBytes(s: string, max: number): string {
  const buf = Buffer.from(s, "utf8");
  if (buf.length <= max) return s;
  let end = max;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString("utf8");
}

/**
 * Render the job summary. When the whole of it would exceed `maxBytes`, runs
 * and findings are dropped from the end (findings are ordered errors first)
 * in the same proportion until it fits, and a warning at the top says how
 * many of each were left out.
 */
export function renderSummary(input: SummaryInput): string {
  const max = input.maxBytes ?? DEFAULT_SUMMARY_BYTES;
  const findings = sortFindings(input.findings);
  // What needs attention first, so a truncation leaves out finished runs before failed ones.
  const ordered = attentionOrder(input.runs);
  const full = render(input, ordered, findings, undefined);
  if (bytes(full) <= max) return full;

  const nRuns = input.runs.length;
  const nFind = findings.length;
  const note = (keptRuns: number, keptFindings: number) =>
    `This summary was truncated to stay under GitHub's 1 MiB job-summary limit: ` +
    `${nRuns - keptRuns} of ${nRuns} runs and ${nFind - Math.min(keptFindings, MAX_FINDINGS_LISTED)} of ${nFind} findings are left out. ` +
    `The step log and the ledger (docs/slurm_job_list.md) have all of them.`;
  const attempt = (frac: number) => {
    const kr = Math.floor(nRuns * frac);
    const kf = Math.floor(nFind * frac);
    return { kr, kf, text: render(input, ordered.slice(0, kr), findings.slice(0, kf), note(kr, kf)) };
  };
  // Size grows with the fraction kept: binary search the largest that fits.
  let lo = 0;
  let hi = 1;
  let best = attempt(0);
  if (bytes(best.text) <= max) {
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2;
      const a = attempt(mid);
      if (bytes(a.text) <= max) {
        lo = mid;
        best = a;
      } else hi = mid;
    }
    return best.text;
  }
  // Even with no rows the fixed parts (title, notes, scheduler detail) are too big: cut the text itself.
  const tail = `\n\n> [!WARNING]\n> ${note(0, 0)} The rest of this summary was cut as well.\n`;
  return cutBytes(best.text, Math.max(0, max - bytes(tail))) + tail;
}
