/**
 * The ledger `docs/slurm_job_list.md`: one line per SLURM run,
 *
 *   - YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S
 *
 * with the run's UTC launch date, and for a job on a named cluster of a
 * multi-cluster site (`slurm.cluster`) one more field at the end,
 * ` | cluster=C` (a line without a cluster is the Python tool's, byte for
 * byte). Pure text in, text out: parse, build the canonical line, upsert (in
 * place, leaving every other byte alone), verify.
 *
 * Rules:
 * - run ids match as whole tokens (`run_id=r1` is not `run_id=r10`);
 * - a list item that names a run (`run_id=...`) but is not exactly a ledger
 *   line is "malformed"; two ledger lines for one run are "duplicates". Both
 *   are reported with line numbers; upsert refuses to touch such a run;
 * - everything else in the file (headers, notes, blank lines, other runs) is
 *   kept byte for byte, including CRLF/LF line ends, a leading UTF-8 byte
 *   order mark, and whether the file ends with a newline.
 * - a run the Python autolab tool launched (domain/run.ts
 *   `launchedByPythonTool`) gets the line that tool's
 *   `canonical_slurm_job_bullet` writes, so both tools agree on its files:
 *   job id `slurm.job_id` > `resource_request.slurm.job_id` >
 *   `resource_request.job_id` > `job_id`; the date from `timestamp_utc` >
 *   `launch_snapshot.launched_at_utc` > `started_at` > `created_at` >
 *   `timestamp` (a value starting with YYYY-MM-DD gives that date as written,
 *   also when it carries an offset; else its UTC date), else the run id's
 *   stamp; `status=unknown` when the status is empty or missing.
 */
import { AutolabError, type Finding } from "../util/errors.js";
import {
  launchedByPythonTool,
  manifestCluster,
  manifestJobId,
  manifestLaunchDate,
  manifestStatus,
  utcDateOf,
} from "../domain/run.js";
import type { RunManifest } from "../contract/types.js";
import { isRunStatus } from "../contract/vocabulary.js";

export const LEDGER_FORMAT = "- YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S[ | cluster=C]";

export interface LedgerEntry {
  /** 1-based line number. */
  line: number;
  date: string;
  jobId: string;
  iterationId: string;
  runId: string;
  status: string;
  /** The named cluster the job runs on (` | cluster=C`), when the line has one. */
  cluster?: string;
  /** The line's text without its line end. */
  text: string;
}

export interface LedgerProblem {
  kind: "malformed" | "duplicate";
  /** 1-based line the problem is reported at (for duplicates: the second line). */
  line: number;
  /** Every line involved (duplicates: all lines of the run). */
  lines: number[];
  /** The run the line names, when it names one. */
  runId?: string;
  message: string;
}

export interface ParsedLedger {
  entries: LedgerEntry[];
  problems: LedgerProblem[];
}

export type UpsertAction = "added" | "updated" | "unchanged";

const LINE =
  /^- (\d{4}-\d{2}-\d{2}) \| job_id=([^\s|]+) \| iteration_id=([^\s|]+) \| run_id=([^\s|]+) \| status=([^\s|]+)(?: \| cluster=([^\s|]+))?$/;
/** A list item that names a run. */
const NAMES_RUN = /^\s*[-*+](?:\s|$).*?(?:^|[\s|])run_id=([^\s|]*)/;
/** A list item that looks like a ledger line (starts with a date and a bar) but names no run. */
const LOOKS_LIKE_ENTRY = /^\s*[-*+]\s+\d{4}-\d{2}-\d{2}\s*\|/;
const TOKEN = /^[^\s|]+$/;
/** The Python tool's status word for a run whose manifest has none. */
const UNKNOWN_STATUS = "unknown";

const realDates = new Map<string, boolean>();
function isRealDate(d: string): boolean {
  let ok = realDates.get(d);
  if (ok === undefined) {
    const t = new Date(`${d}T00:00:00Z`);
    ok = !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
    if (realDates.size < 100_000) realDates.set(d, ok);
  }
  return ok;
}

interface RawLine {
  content: string;
  eol: string;
}

function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) {
      out.push({ content: text.slice(start), eol: "" });
      break;
    }
    const cr = nl > start && text.charCodeAt(nl - 1) === 13;
    out.push({ content: text.slice(start, cr ? nl - 1 : nl), eol: cr ? "\r\n" : "\n" });
    start = nl + 1;
  }
  return out;
}

/** Why a line that names a run is not a ledger line. */
function diagnose(content: string): string {
  if (/\s$/.test(content)) return "trailing whitespace";
  const loose =
    /^\s*[-*+]\s*(\S*)\s*\|\s*job_id=(\S*)\s*\|\s*iteration_id=(\S*)\s*\|\s*run_id=(\S*)\s*\|\s*status=(\S*)\s*(?:\|\s*cluster=\S*\s*)?$/.exec(
      content,
    );
  if (loose) {
    const [, date, job, iter, run, status] = loose;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date))
      return `${JSON.stringify(date)} is not a date (YYYY-MM-DD)`;
    for (const [name, v] of [
      ["job_id", job],
      ["iteration_id", iter],
      ["run_id", run],
      ["status", status],
    ] as const) {
      if (!v) return `empty ${name}`;
    }
    if (!isRunStatus(status) && status !== UNKNOWN_STATUS) return `unknown status ${JSON.stringify(status)}`;
    return "spacing differs from the ledger format";
  }
  return "fields missing or out of order";
}

interface Classified {
  entry?: LedgerEntry;
  problem?: LedgerProblem;
}

function classify(content: string, line: number): Classified {
  const m = LINE.exec(content);
  if (m && isRealDate(m[1]) && (isRunStatus(m[5]) || m[5] === UNKNOWN_STATUS)) {
    const entry: LedgerEntry = {
      line,
      date: m[1],
      jobId: m[2],
      iterationId: m[3],
      runId: m[4],
      status: m[5],
      text: content,
    };
    if (m[6] !== undefined) entry.cluster = m[6];
    return { entry };
  }
  const named = NAMES_RUN.exec(content);
  if (named || m) {
    const runId = m ? m[4] : named?.[1] || undefined;
    return {
      problem: {
        kind: "malformed",
        line,
        lines: [line],
        runId,
        message: `line ${line} names run ${runId ?? "(no id)"} but is not a ledger line: ${diagnose(content)} (expected \`${LEDGER_FORMAT}\`)`,
      },
    };
  }
  if (LOOKS_LIKE_ENTRY.test(content)) {
    return {
      problem: {
        kind: "malformed",
        line,
        lines: [line],
        message: `line ${line} looks like a ledger line but names no run (expected \`${LEDGER_FORMAT}\`)`,
      },
    };
  }
  return {};
}

/** A ledger read once: entries, problems and lookups by run id. */
export interface LedgerIndex {
  lines: RawLine[];
  entries: LedgerEntry[];
  problems: LedgerProblem[];
  /** run id -> indexes into `entries`. */
  byRun: Map<string, number[]>;
  /** run id -> malformed line numbers. */
  malformedByRun: Map<string, number[]>;
}

/** Read the ledger once; verify many runs against it with `verifyRunInLedger`. */
export function indexLedger(text: string): LedgerIndex {
  // A UTF-8 byte order mark is not part of the first line (upsertMany keeps it).
  const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
  const entries: LedgerEntry[] = [];
  const problems: LedgerProblem[] = [];
  const byRun = new Map<string, number[]>();
  const malformedByRun = new Map<string, number[]>();
  for (let i = 0; i < lines.length; i++) {
    const c = classify(lines[i].content, i + 1);
    if (c.entry) {
      const list = byRun.get(c.entry.runId);
      if (list) list.push(entries.length);
      else byRun.set(c.entry.runId, [entries.length]);
      entries.push(c.entry);
    } else if (c.problem) {
      problems.push(c.problem);
      if (c.problem.runId !== undefined) {
        const list = malformedByRun.get(c.problem.runId);
        if (list) list.push(c.problem.line);
        else malformedByRun.set(c.problem.runId, [c.problem.line]);
      }
    }
  }
  for (const [runId, idx] of byRun) {
    if (idx.length < 2) continue;
    const ls = idx.map((k) => entries[k].line);
    problems.push({
      kind: "duplicate",
      line: ls[1],
      lines: ls,
      runId,
      message: `run ${runId} has ${ls.length} ledger lines (lines ${ls.join(", ")}); keep exactly one`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { lines, entries, problems, byRun, malformedByRun };
}

/** Every ledger line, and every malformed or duplicate line, with line numbers. */
export function parseLedger(text: string): ParsedLedger {
  const { entries, problems } = indexLedger(text);
  return { entries, problems };
}

function checkToken(value: string, what: string, m: RunManifest): string {
  if (!TOKEN.test(value)) {
    throw new AutolabError(
      `run ${m.run_id}: ${what} ${JSON.stringify(value)} cannot stand in a ledger line (spaces or '|')`,
      {
        jsonPath: what === "job id" ? "/job_id" : `/${what}`,
      },
    );
  }
  return value;
}

function nested(m: unknown, ...keys: string[]): unknown {
  let v = m;
  for (const k of keys)
    v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function text(v: unknown): string | undefined {
  const t = v === undefined || v === null ? "" : String(v).trim();
  return t === "" ? undefined : t;
}

/** The Python tool's job id precedence (`required_slurm_job_id`). */
function pythonJobId(m: RunManifest): string | undefined {
  return (
    text(nested(m, "slurm", "job_id")) ??
    text(nested(m, "resource_request", "slurm", "job_id")) ??
    text(nested(m, "resource_request", "job_id")) ??
    text(m.job_id)
  );
}

/** The Python tool's launch date (`submission_date_yyyy_mm_dd`). */
function pythonLaunchDate(m: RunManifest): string | undefined {
  const candidates = [
    m.timestamp_utc,
    nested(m, "launch_snapshot", "launched_at_utc"),
    m.started_at,
    m.created_at,
    m.timestamp,
  ];
  for (const c of candidates) {
    const v = text(c);
    if (v === undefined) continue;
    const prefix = /^(20\d{2}-\d{2}-\d{2})/.exec(v);
    if (prefix) return prefix[1];
    const d = utcDateOf(v);
    if (d) return d;
  }
  const s = /(20\d{2})(\d{2})(\d{2})T\d{6}Z/.exec(String(m.run_id ?? ""));
  return s ? `${s[1]}-${s[2]}-${s[3]}` : undefined;
}

/** The status word of the line: ours, or for the Python tool's files `unknown` when empty or missing. */
function ledgerStatus(m: RunManifest, python: boolean): string {
  if (python && text(m.status) === undefined) return "unknown";
  return manifestStatus(m);
}

/** The ledger line for the manifest's current state. Throws for non-SLURM runs and when job id or date is missing. */
export function canonicalLine(m: RunManifest): string {
  if (m.host_mode !== "slurm") {
    throw new AutolabError(
      `run ${String(m.run_id)} is not a SLURM run (host_mode=${String(m.host_mode)}); the ledger lists SLURM runs only`,
      {
        jsonPath: "/host_mode",
      },
    );
  }
  const python = launchedByPythonTool(m);
  const jobId = python ? pythonJobId(m) : manifestJobId(m);
  if (jobId === undefined) {
    throw new AutolabError(`run ${String(m.run_id)} has no job id`, {
      jsonPath: "/job_id",
      hint: "a SLURM manifest records its job id in job_id or slurm.job_id",
    });
  }
  const date = python ? pythonLaunchDate(m) : manifestLaunchDate(m);
  if (date === undefined) {
    throw new AutolabError(`run ${String(m.run_id)} has no launch date`, {
      jsonPath: "/timestamps/started_at",
      hint: "set timestamps.started_at (or a run id starting with YYYYMMDDTHHMMSSZ)",
    });
  }
  const status = ledgerStatus(m, python);
  // Only where a cluster is named: every other line stays the Python tool's, byte for byte.
  const cluster = python ? undefined : manifestCluster(m);
  return `- ${date} | job_id=${checkToken(jobId, "job id", m)} | iteration_id=${checkToken(String(m.iteration_id), "iteration_id", m)} | run_id=${checkToken(String(m.run_id), "run_id", m)} | status=${status}${cluster ? ` | cluster=${cluster}` : ""}`;
}

export interface UpsertResult {
  runId: string;
  action?: UpsertAction;
  /** 1-based line of the run's ledger line after the upsert. */
  line?: number;
  /** Why this run was not written (malformed or duplicate lines, unusable manifest). */
  error?: AutolabError;
}

/**
 * Upsert many runs in one pass over the text (O(lines + runs)). A run whose
 * lines are malformed or duplicated, or whose manifest cannot give a ledger
 * line, is left alone and reported in its result's `error`; the others are
 * written. Later manifests for the same run win.
 */
export function upsertMany(text: string, manifests: RunManifest[]): { text: string; results: UpsertResult[] } {
  if (text.startsWith("\uFEFF")) {
    const r = upsertMany(text.slice(1), manifests);
    return { ...r, text: "\uFEFF" + r.text };
  }
  const ix = indexLedger(text);
  const lines = ix.lines;
  const endsWithEol = lines.length > 0 && lines[lines.length - 1].eol !== "";
  const firstEol = lines.find((l) => l.eol !== "")?.eol ?? "\n";
  /** run id -> index into `lines` (existing or appended). */
  const lineOfRun = new Map<string, number>();
  const added = new Set<number>();
  const results: UpsertResult[] = [];
  for (const m of manifests) {
    const runId = String(m.run_id);
    let canonical: string;
    try {
      canonical = canonicalLine(m);
    } catch (e) {
      results.push({ runId, error: e instanceof AutolabError ? e : new AutolabError(String(e)) });
      continue;
    }
    const malformed = ix.malformedByRun.get(runId);
    const existing = ix.byRun.get(runId) ?? [];
    if (malformed || existing.length > 1) {
      const dup = existing.map((k) => ix.entries[k].line);
      const parts: string[] = [];
      if (malformed) parts.push(`malformed line(s) ${malformed.join(", ")}`);
      if (dup.length > 1) parts.push(`${dup.length} ledger lines (${dup.join(", ")})`);
      const all = [...(malformed ?? []), ...dup].sort((a, b) => a - b);
      results.push({
        runId,
        error: new AutolabError(`run ${runId} has ${parts.join(" and ")} in the ledger; not updating it`, {
          line: all[0],
          hint: `fix the ledger by hand so that run ${runId} has exactly one line of the form \`${LEDGER_FORMAT}\``,
        }),
      });
      continue;
    }
    let at = lineOfRun.get(runId);
    if (at === undefined && existing.length === 1) at = ix.entries[existing[0]].line - 1;
    if (at === undefined) {
      at = lines.length;
      lines.push({ content: canonical, eol: firstEol });
      added.add(at);
      lineOfRun.set(runId, at);
      results.push({ runId, action: "added", line: at + 1 });
      continue;
    }
    lineOfRun.set(runId, at);
    const isNew = added.has(at);
    if (lines[at].content === canonical) {
      results.push({ runId, action: isNew ? "added" : "unchanged", line: at + 1 });
    } else {
      lines[at] = { content: canonical, eol: lines[at].eol };
      results.push({ runId, action: isNew ? "added" : "updated", line: at + 1 });
    }
  }
  if (added.size) {
    const originalCount = lines.length - added.size;
    if (originalCount > 0 && !endsWithEol) {
      // The file had no final newline: end the old last line, and keep the new last line unterminated.
      lines[originalCount - 1] = { ...lines[originalCount - 1], eol: firstEol };
      lines[lines.length - 1] = { ...lines[lines.length - 1], eol: "" };
    }
  }
  let out = "";
  for (const l of lines) out += l.content + l.eol;
  return { text: out, results };
}

/**
 * Upsert one run: add its line at the end, or rewrite its existing line in
 * place. Throws (with line numbers) when the run's lines are malformed or
 * duplicated, or when the manifest cannot give a ledger line.
 */
export function upsertLedger(text: string, m: RunManifest): { text: string; action: UpsertAction; line: number } {
  const { text: out, results } = upsertMany(text, [m]);
  const r = results[0];
  if (r.error) throw r.error;
  return { text: out, action: r.action as UpsertAction, line: r.line as number };
}

function fieldColumn(text: string, field: string): number {
  if (field === "date") return 3;
  const i = text.indexOf(` ${field}=`);
  return i >= 0 ? i + 2 : 1;
}

/**
 * Check that the ledger holds the canonical line for the manifest's current
 * state. Errors: missing line, each differing field (expected vs found),
 * malformed or duplicate lines of this run. Other runs' malformed or
 * duplicate lines are warnings.
 */
export function verifyLedger(text: string, m: RunManifest, file: string): Finding[] {
  return verifyRunInLedger(indexLedger(text), m, file);
}

/**
 * `verifyLedger` over an index built once (the verifier checks thousands of
 * runs against one ledger). `ownOnly` leaves out other runs' malformed or
 * duplicate lines, for a caller that reports those once itself.
 */
export function verifyRunInLedger(
  ix: LedgerIndex,
  m: RunManifest,
  file: string,
  opts: { ownOnly?: boolean } = {},
): Finding[] {
  const findings: Finding[] = [];
  if (m.host_mode !== "slurm") {
    return [
      {
        severity: "notice",
        check: "ledger.skipped",
        file,
        message: `run ${String(m.run_id)} is not a SLURM run (host_mode=${String(m.host_mode)}); the ledger lists SLURM runs only`,
      },
    ];
  }
  const expected = canonicalLine(m);
  const want = LINE.exec(expected) as RegExpExecArray;
  const runId = String(m.run_id);
  for (const p of ix.problems) {
    const mine = p.runId === runId;
    if (!mine && opts.ownOnly) continue;
    findings.push({
      severity: mine ? "error" : "warning",
      check: p.kind === "duplicate" ? "ledger.duplicate" : "ledger.malformed",
      file,
      line: p.line,
      column: 1,
      message: p.message,
      hint: mine ? `leave exactly one line for run ${runId}: ${expected}` : undefined,
    });
  }
  const mine = (ix.byRun.get(runId) ?? []).map((k) => ix.entries[k]);
  if (mine.length === 0 && !ix.malformedByRun.has(runId)) {
    findings.push({
      severity: "error",
      check: "ledger.missing",
      file,
      message: `no ledger line for run ${runId}; expected: ${expected}`,
      hint: "run `autolab slurm-job-list append --manifest <run_manifest.json>`",
    });
  }
  for (const e of mine) {
    const fields: Array<[string, string, string]> = [
      ["date", want[1], e.date],
      ["job_id", want[2], e.jobId],
      ["iteration_id", want[3], e.iterationId],
      ["status", want[5], e.status],
      ["cluster", want[6] ?? "", e.cluster ?? ""],
    ];
    for (const [name, exp, found] of fields) {
      if (exp === found) continue;
      findings.push({
        severity: "error",
        check: "ledger.mismatch",
        file,
        line: e.line,
        column: fieldColumn(e.text, name),
        message: `run ${runId}: ${name} is ${JSON.stringify(found)} in the ledger but ${JSON.stringify(exp)} in the manifest`,
        hint: "run `autolab slurm-job-list append --manifest <run_manifest.json>` to rewrite the line",
      });
    }
  }
  return findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}
