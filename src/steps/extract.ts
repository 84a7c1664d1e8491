/**
 * Result extraction for one finished run: run the design's `extract_parser`
 * and write a schema-valid `<run dir>/metrics.json` plus the run's section of
 * `<iteration>/analysis/summary.md`.
 *
 * Rules:
 * - The parser runs only when the run did not fail and the artifact sync is
 *   success-like (`ok`, or a legacy `completed`; a human who synced by hand
 *   sets `ok`). Otherwise metrics.json is still written, with status `failed`
 *   (the run failed) or `partial` (anything else), `primary_metric.value` null
 *   and `missing_evidence` saying exactly what is missing, so a failed run is
 *   reported and never stuck.
 * - kind `command`: the template is split into argv first, then the
 *   placeholders {run_id} {iteration_id} {iteration_path} {run_dir}
 *   {repo_root} are substituted per argument (see placeholders.ts). It runs in
 *   the repository root with a timeout; stdout and stderr go to
 *   `<run dir>/logs/extract.log`.
 * - kind `python`: `<python_bin> -c <fixed shim> <module> <callable> <context json>`;
 *   the shim imports the module, calls the callable with a context dict
 *   {run_id, iteration_id, iteration_path, run_dir, repo_root} and prints the
 *   JSON of its return value after a marker line (the callable's own prints go
 *   to stderr). Module and callable are validated as identifiers and passed as
 *   argv, never put into program text.
 * - Where the result comes from (both kinds): if the parser wrote
 *   `<run dir>/metrics.json` itself (the file is new or changed), that file is
 *   the result; otherwise the JSON object it printed on stdout (the whole
 *   stdout, or else its last line that is a JSON object) / returned. The file
 *   wins because a parser that writes it says so explicitly.
 * - The result is normalised: fixed keys (schema_version "1.0", iteration_id,
 *   run_id, status, primary_metric {name, value, delta_vs_baseline}) plus the
 *   parser's other keys. Non-finite numbers (NaN/Infinity, also as emitted by
 *   Python's json), a missing primary metric, a parser failure or timeout make
 *   the status `partial` with the reason in `missing_evidence`; never a crash.
 * - Every write is atomic, and the output holds no timestamps of its own, so
 *   extracting twice gives identical files.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { manifestJobId } from "../domain/run.js";
import { parseDocument } from "../contract/validate.js";
import type { Design, Metrics, RunManifest } from "../contract/types.js";
import { isSuccessLike, type MetricsStatus } from "../contract/vocabulary.js";
import { AutolabError } from "../util/errors.js";
import { describeFailure, runArgv, type ExecResult } from "../util/exec.js";
import { displayPath } from "../util/fs.js";
import { RUN_PLACEHOLDERS, renderArgv, splitCommandLine, type PlaceholderValues } from "../stages/placeholders.js";
import { parseSentinel, type Sentinel } from "../domain/sentinel.js";
import { readNoFollow } from "../store/evidence.js";

export const METRICS_SCHEMA_VERSION = "1.0";
export const DEFAULT_EXTRACT_TIMEOUT_SECONDS = 600;
/** Default callable for kind python when the design names none. */
export const DEFAULT_PYTHON_CALLABLE = "extract";
export { SENTINEL_FILE } from "../domain/layout.js";
import { SENTINEL_FILE } from "../domain/layout.js";
export const METRICS_FILE = "metrics.json";
export const EXTRACT_LOG = "logs/extract.log";
/** Line the python shim prints before the JSON of the callable's result. */
export const PYTHON_RESULT_MARKER = "@@AUTOLAB_EXTRACT_RESULT@@";

export interface ExtractContext {
  repoRoot: string;
  /** Absolute iteration directory (`experiments/<bucket>/<iteration_id>`). */
  iterationDir: string;
  /** Repository-relative iteration directory. */
  iterationPath: string;
  /** Absolute run directory. */
  runDir: string;
  runId: string;
  iterationId: string;
  design: Design;
  /** The run's manifest as the monitor holds it (after the sync record was stored). */
  manifest: RunManifest;
  /** Python interpreter for kind python; may carry a prefix such as `conda run -n x python` (split like a command line). */
  pythonBin: string;
  /** Parser timeout; default: design `extract_parser.timeout_seconds`, else 600 s. */
  timeoutSeconds?: number;
  /** Accepted for symmetry with the other stages; nothing written depends on the clock (extraction is idempotent). */
  now?: () => Date;
}

export interface ExtractResult {
  metrics: Metrics;
  /** Absolute path of the run's metrics.json, and its new content (validated). */
  metricsPath: string;
  metricsText: string;
  /** Absolute path of the iteration's analysis/summary.md, and the run's section of it (markers included). */
  summaryPath: string;
  section: string;
  missingEvidence: string[];
  parserRan: boolean;
  /** The parser's log and where it goes (when the parser ran). */
  logPath?: string;
  logText?: string;
  error?: string;
}

// ---------------------------------------------------------------------------
// Evidence (pure)

/** The sentinel as domain/sentinel.ts parses it. */
export type SentinelInfo = Sentinel;

export interface ExtractionPlan {
  /** Whether the parser may run. */
  runParser: boolean;
  /** Status forced by the evidence (`failed` for a failed run); undefined when the parser decides. */
  forcedStatus?: MetricsStatus;
  missing: string[];
}

const FINISHED_OK = new Set(["completed", "synced", "partial"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What the manifest and the sentinel say about a run, and whether the parser may run. */
export function planExtraction(manifest: RunManifest, sentinel: SentinelInfo): ExtractionPlan {
  const missing: string[] = [];
  const status = manifest.status;
  const failed = status === "failed";
  const slurm = isObject(manifest.slurm) ? manifest.slurm : {};

  if (!failed && !FINISHED_OK.has(String(status))) {
    missing.push(`run has not finished (status ${status ?? "unknown"})`);
  }
  if (failed && typeof slurm.submit_error === "string" && slurm.submit_error) {
    missing.push(`job was not submitted: ${slurm.submit_error}`);
  }

  let sentinelExit: number | undefined;
  if (sentinel.state === "missing") missing.push("job sentinel missing");
  else if (sentinel.state === "invalid") missing.push(`job sentinel unreadable: ${sentinel.error}`);
  else if (sentinel.exitCode === undefined) missing.push("job sentinel has no exit_code (the job did not finish)");
  else {
    sentinelExit = sentinel.exitCode;
    if (sentinelExit !== 0) missing.push(`job exited with code ${sentinelExit}`);
  }

  if (failed) {
    const state = typeof slurm.state === "string" ? slurm.state.trim() : "";
    if (state && !/^COMPLETED\b/i.test(state)) missing.push(`SLURM state ${state}`);
    const ec = typeof slurm.exit_code === "string" ? /^(\d+):(\d+)$/.exec(slurm.exit_code.trim()) : null;
    if (ec && sentinelExit === undefined) {
      if (ec[1] !== "0") missing.push(`job exited with code ${ec[1]}`);
      else if (ec[2] !== "0") missing.push(`job killed by signal ${ec[2]}`);
    }
    if (typeof slurm.failure_reason === "string" && slurm.failure_reason)
      missing.push(`failure reason: ${slurm.failure_reason}`);
  }

  const sync = isObject(manifest.artifact_sync_to_local) ? manifest.artifact_sync_to_local : {};
  const syncOk = isSuccessLike(sync.status);
  if (!syncOk) {
    const raw = typeof sync.status === "string" && sync.status ? sync.status : "missing";
    const err = typeof sync.error === "string" && sync.error ? `: ${sync.error}` : "";
    missing.push(`artifact sync status is ${raw}${err}`);
    if (Array.isArray(sync.missing)) {
      for (const m of sync.missing) if (typeof m === "string") missing.push(`artifact output missing: ${m}`);
    }
  }

  if (failed) {
    if (missing.length === 0) missing.push("run status is failed");
    missing.push("primary metric not computed: the run failed");
    return { runParser: false, forcedStatus: "failed", missing };
  }
  if (!syncOk || !FINISHED_OK.has(String(status))) {
    missing.push("primary metric not computed: " + (!syncOk ? "artifacts are not synced" : "the run has not finished"));
    return { runParser: false, forcedStatus: "partial", missing };
  }
  return { runParser: true, missing };
}

// ---------------------------------------------------------------------------
// JSON from parsers (pure)

/**
 * JSON.parse, also accepting the bare `NaN`, `Infinity` and `-Infinity`
 * tokens Python's json module writes by default; they become the strings
 * "NaN", "Infinity", "-Infinity" (JSON has no non-finite numbers).
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    let out = "";
    let i = 0;
    let changed = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
        out += text.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      const m = /^(-?Infinity|NaN)(?![A-Za-z0-9_])/.exec(text.slice(i, i + 10));
      if (m && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? "")) {
        out += JSON.stringify(m[1]);
        i += m[1].length;
        changed = true;
        continue;
      }
      out += c;
      i++;
    }
    if (!changed) throw first;
    return JSON.parse(out);
  }
}

/** A JSON object in `stdout`: the whole text, or else the last line that is one. */
export function jsonObjectFromStdout(stdout: string): Record<string, unknown> | undefined {
  const whole = stdout.trim();
  if (!whole) return undefined;
  try {
    const v = parseJsonLenient(whole);
    if (isObject(v)) return v;
  } catch {
    // fall through to line-by-line
  }
  const lines = whole
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].startsWith("{")) continue;
    try {
      const v = parseJsonLenient(lines[i]);
      if (isObject(v)) return v;
    } catch {
      // not this line
    }
  }
  return undefined;
}

function finiteNumber(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function describeNonNumber(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null) return "null";
  return typeof v;
}

const FIXED_KEYS = new Set([
  "schema_version",
  "iteration_id",
  "run_id",
  "status",
  "primary_metric",
  "missing_evidence",
]);

export interface NormalizeInput {
  iterationId: string;
  runId: string;
  /** The parser's result (undefined when there is none). */
  raw: Record<string, unknown> | undefined;
  /** Evidence already known to be missing (from the plan and the parser run). */
  missing: string[];
  forcedStatus?: MetricsStatus;
  /** Name to use when the parser gives none (design `metrics.primary.name`, else `primary_metric`). */
  defaultMetricName: string;
  /** Deterministic information about how extraction went. */
  extraction: Record<string, unknown>;
}

/** The metrics.json object for a run: always schema-valid for valid ids. */
export function normalizeMetrics(input: NormalizeInput): Metrics & { missing_evidence: string[] } {
  const missing = [...input.missing];
  const raw = input.raw;
  let name = input.defaultMetricName;
  let value: number | null = null;
  let delta: number | null = null;
  let pmExtras: Record<string, unknown> = {};
  let parserStatus: unknown;

  if (raw) {
    const pm = raw.primary_metric;
    if (isObject(pm)) {
      const { name: n, value: v, delta_vs_baseline: d, ...rest } = pm;
      pmExtras = rest;
      if (typeof n === "string" && n.trim()) name = n.trim();
      else if (typeof n === "number") name = String(n);
      value = finiteNumber(v);
      if (value === null) {
        if (v === undefined) missing.push("primary metric value missing from the parser output");
        else missing.push(`primary metric value is not a finite number (${describeNonNumber(v)})`);
      }
      delta = finiteNumber(d);
      if (d !== undefined && d !== null && delta === null) {
        missing.push(`primary metric delta_vs_baseline is not a finite number (${describeNonNumber(d)})`);
      }
    } else if (typeof pm === "number" || typeof pm === "string") {
      value = finiteNumber(pm);
      if (value === null) missing.push(`primary metric value is not a finite number (${describeNonNumber(pm)})`);
    } else {
      missing.push("parser output has no primary_metric");
    }
    parserStatus = raw.status;
    if (Array.isArray(raw.missing_evidence)) {
      for (const m of raw.missing_evidence) if (typeof m === "string" && m && !missing.includes(m)) missing.push(m);
    }
  }
  name = name.replace(/[\r\n]+/g, " ").slice(0, 256) || "primary_metric";

  let status: MetricsStatus;
  if (input.forcedStatus === "failed" || parserStatus === "failed") status = "failed";
  else if (input.forcedStatus === "partial" || parserStatus === "partial" || missing.length > 0 || value === null)
    status = "partial";
  else status = "completed";
  if (status === "partial" && missing.length === 0) {
    missing.push(parserStatus === "partial" ? "parser reported status partial" : "primary metric value missing");
  }
  if (status === "failed" && missing.length === 0) missing.push("parser reported status failed");

  const extras: Record<string, unknown> = {};
  if (raw) for (const [k, v] of Object.entries(raw)) if (!FIXED_KEYS.has(k) && k !== "extraction") extras[k] = v;
  return {
    schema_version: METRICS_SCHEMA_VERSION,
    iteration_id: input.iterationId,
    run_id: input.runId,
    status,
    primary_metric: { name, value, delta_vs_baseline: delta, ...pmExtras },
    missing_evidence: missing,
    ...extras,
    extraction: input.extraction,
  };
}

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
  if (text === undefined || text.trim() === "") {
    return `# Results: ${iterationId}\n\n${section}\n`;
  }
  const lines = text.replace(/\r\n/g, "\n").split("\n");
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

// ---------------------------------------------------------------------------
// Parser execution (adapters)

const IDENT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The python shim. Fixed text: the module, callable and context arrive as
 * sys.argv[1..3]. The callable's prints go to stderr; the result's JSON is
 * printed after a marker line, with non-finite floats as strings and numpy
 * scalars unwrapped.
 */
export const PYTHON_SHIM = [
  "import importlib, json, math, sys",
  "def clean(o):",
  "    if hasattr(o, 'item') and callable(getattr(o, 'item')) and not isinstance(o, (dict, list, tuple, str, bytes)):",
  "        try:",
  "            o = o.item()",
  "        except Exception:",
  "            pass",
  "    if isinstance(o, float) and not math.isfinite(o):",
  "        return 'NaN' if o != o else ('Infinity' if o > 0 else '-Infinity')",
  "    if isinstance(o, dict):",
  "        return {str(k): clean(v) for k, v in o.items()}",
  "    if isinstance(o, (list, tuple)):",
  "        return [clean(v) for v in o]",
  "    return o",
  "fn = getattr(importlib.import_module(sys.argv[1]), sys.argv[2])",
  "ctx = json.loads(sys.argv[3])",
  "real_stdout = sys.stdout",
  "sys.stdout = sys.stderr",
  "try:",
  "    result = fn(ctx)",
  "finally:",
  "    sys.stdout.flush()",
  "    sys.stdout = real_stdout",
  `real_stdout.write('\\n${PYTHON_RESULT_MARKER}\\n' + json.dumps(clean(result), default=str, allow_nan=False) + '\\n')`,
  "real_stdout.flush()",
].join("\n");

interface ParserOutcome {
  /** Whether the parser program was started. */
  ran: boolean;
  raw?: Record<string, unknown>;
  problems: string[];
  error?: string;
  logPath: string;
  /** The parser's log (argv, result, stdout, stderr), to be written to `logPath`. */
  logText?: string;
  kind: string;
}

interface FileStamp {
  exists: boolean;
  mtimeMs?: number;
  ino?: number;
  content?: Buffer;
}

function stamp(file: string): FileStamp {
  try {
    const st = statSync(file);
    return { exists: true, mtimeMs: st.mtimeMs, ino: st.ino, content: readFileSync(file) };
  } catch {
    return { exists: false };
  }
}

function changed(a: FileStamp, b: FileStamp): boolean {
  if (!b.exists) return false;
  if (!a.exists) return true;
  return a.mtimeMs !== b.mtimeMs || a.ino !== b.ino || !a.content!.equals(b.content!);
}

function renderLog(kind: string, shownArgv: string[], cwd: string, r: ExecResult, timeoutSeconds: number): string {
  const how = r.spawnError
    ? `could not start: ${r.spawnError}`
    : r.timedOut
      ? `timed out after ${timeoutSeconds} s`
      : r.code !== null
        ? `exit code ${r.code}`
        : `killed by signal ${r.signal}`;
  return [
    `# autolab extract parser (kind ${kind})`,
    `# argv: ${JSON.stringify(shownArgv)}`,
    `# cwd: ${cwd}`,
    `# result: ${how}`,
    "## stdout",
    r.stdout.replace(/\n?$/, "\n") + "## stderr",
    r.stderr.replace(/\n?$/, "\n"),
  ].join("\n");
}

async function runParser(ctx: ExtractContext, metricsPath: string, timeoutSeconds: number): Promise<ParserOutcome> {
  const parser = isObject(ctx.design.extract_parser) ? ctx.design.extract_parser : undefined;
  const logPath = path.join(ctx.runDir, EXTRACT_LOG);
  const kind = parser?.kind ?? (parser?.command ? "command" : parser?.module ? "python" : undefined);
  if (!parser || !kind) {
    return { ran: false, problems: ["design has no extract_parser"], logPath, kind: "none" };
  }
  const values: PlaceholderValues = {
    run_id: ctx.runId,
    iteration_id: ctx.iterationId,
    iteration_path: ctx.iterationPath,
    run_dir: ctx.runDir,
    repo_root: ctx.repoRoot,
  };
  let program: string;
  let args: string[];
  let shown: string[];
  try {
    if (kind === "command") {
      if (typeof parser.command !== "string" || !parser.command.trim()) {
        throw new AutolabError("extract_parser.command is missing", { jsonPath: "/extract_parser/command" });
      }
      const argv = renderArgv(
        parser.command,
        values,
        { what: "extract_parser.command", jsonPath: "/extract_parser/command" },
        RUN_PLACEHOLDERS,
      );
      [program, ...args] = argv;
      shown = argv;
    } else if (kind === "python") {
      const mod = parser.module;
      const fn = parser.callable ?? DEFAULT_PYTHON_CALLABLE;
      if (typeof mod !== "string" || !IDENT_PATH.test(mod)) {
        throw new AutolabError(`extract_parser.module ${JSON.stringify(mod)} is not a dotted Python module name`, {
          jsonPath: "/extract_parser/module",
        });
      }
      if (typeof fn !== "string" || !IDENT.test(fn)) {
        throw new AutolabError(`extract_parser.callable ${JSON.stringify(fn)} is not a Python identifier`, {
          jsonPath: "/extract_parser/callable",
        });
      }
      const py = splitCommandLine(ctx.pythonBin, { what: "python_bin" });
      if (py.length === 0) throw new AutolabError("python_bin is empty");
      [program, ...args] = [...py, "-c", PYTHON_SHIM, mod, fn, JSON.stringify(values)];
      shown = [...py, "-c", "<autolab python shim>", mod, fn, JSON.stringify(values)];
    } else {
      throw new AutolabError(`extract_parser.kind ${JSON.stringify(kind)} is not command or python`, {
        jsonPath: "/extract_parser/kind",
      });
    }
  } catch (e) {
    const msg = (e as Error).message;
    return { ran: false, problems: [`extract parser not run: ${msg}`], error: msg, logPath, kind: String(kind) };
  }

  const before = stamp(metricsPath);
  const r = await runArgv(program, args, {
    cwd: ctx.repoRoot,
    timeoutMs: timeoutSeconds * 1000,
    env: {
      AUTOLAB_RUN_ID: ctx.runId,
      AUTOLAB_ITERATION_ID: ctx.iterationId,
      AUTOLAB_ITERATION_PATH: ctx.iterationPath,
      AUTOLAB_RUN_DIR: ctx.runDir,
      AUTOLAB_REPO_ROOT: ctx.repoRoot,
    },
  });
  const logText = renderLog(kind, shown, ctx.repoRoot, r, timeoutSeconds);
  const after = stamp(metricsPath);
  const logShown = displayPath(ctx.repoRoot, logPath);

  const problems: string[] = [];
  let error: string | undefined;
  if (r.timedOut) {
    error = `extract parser timed out after ${timeoutSeconds} s`;
    problems.push(`${error} (see ${logShown})`);
  } else if (r.spawnError) {
    error = `extract parser could not start: ${r.spawnError}`;
    problems.push(error);
  } else if (r.code !== 0) {
    error = `extract parser failed: ${describeFailure(r)}`;
    problems.push(
      `extract parser exited with ${r.code !== null ? `code ${r.code}` : `signal ${r.signal}`} (see ${logShown})`,
    );
  }

  let raw: Record<string, unknown> | undefined;
  if (changed(before, after)) {
    try {
      const v = parseJsonLenient(after.content!.toString("utf8"));
      if (isObject(v)) raw = v;
      else problems.push(`the metrics.json the parser wrote is not a JSON object`);
    } catch (e) {
      problems.push(`the metrics.json the parser wrote is not valid JSON: ${(e as Error).message}`);
    }
  } else if (kind === "python") {
    const at = r.stdout.lastIndexOf(PYTHON_RESULT_MARKER);
    if (at >= 0) {
      try {
        const v = parseJsonLenient(r.stdout.slice(at + PYTHON_RESULT_MARKER.length).trim());
        if (isObject(v)) raw = v;
        else
          problems.push(
            `${parser.module}.${parser.callable ?? DEFAULT_PYTHON_CALLABLE} returned ${v === null ? "None" : "something that is not a dict"}`,
          );
      } catch (e) {
        problems.push(`python parser result is not valid JSON: ${(e as Error).message}`);
      }
    } else if (!error) {
      problems.push("python parser printed no result");
    }
  } else {
    raw = jsonObjectFromStdout(r.stdout);
    if (!raw && !error) problems.push("extract parser neither wrote metrics.json nor printed a JSON object on stdout");
  }
  return { ran: true, raw, problems, error, logPath, logText, kind };
}

// ---------------------------------------------------------------------------
// The stage

/** The run's sentinel, read without following a link (a link or a non-regular file reads as invalid). */
async function readSentinel(runDir: string): Promise<SentinelInfo> {
  const r = await readNoFollow(path.join(runDir, SENTINEL_FILE), 1024 * 1024);
  if (r.skipped)
    return { state: "invalid", error: `it is ${r.skipped === "symlink" ? "a symlink" : "not a regular file"}` };
  if (r.tooLarge !== undefined) return { state: "invalid", error: `${r.tooLarge} bytes: too large` };
  return parseSentinel(r.data?.toString("utf8"));
}

function defaultMetricName(design: Design): string {
  const metrics = design.metrics;
  if (isObject(metrics)) {
    const p = metrics.primary;
    if (typeof p === "string" && p.trim()) return p.trim();
    if (isObject(p) && typeof p.name === "string" && p.name.trim()) return p.name.trim();
    if (typeof metrics.primary_metric === "string" && metrics.primary_metric.trim())
      return metrics.primary_metric.trim();
  }
  return "primary_metric";
}

/** Validate metrics with the contract schema; throws an AutolabError naming the file when invalid. */
function assertValidMetrics(text: string, shown: string): void {
  const { findings } = parseDocument("metrics", text, shown);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length) {
    throw new AutolabError("metrics.json would not match the metrics schema", { file: shown, findings: errors });
  }
}

/**
 * Extract one finished run: runs the parser and returns metrics.json's
 * content, the parser's log and the run's summary.md section. Writes nothing
 * itself (the command records the content with its change set); the parser,
 * the user's own program, may write metrics.json in the run dir.
 */
export async function extractRun(ctx: ExtractContext): Promise<ExtractResult> {
  const metricsPath = path.join(ctx.runDir, METRICS_FILE);
  const metricsShown = displayPath(ctx.repoRoot, metricsPath);
  const sentinel = await readSentinel(ctx.runDir);
  const plan = planExtraction(ctx.manifest, sentinel);
  const parserCfg = isObject(ctx.design.extract_parser) ? ctx.design.extract_parser : undefined;
  const designTimeout = parserCfg?.timeout_seconds;
  const timeoutSeconds =
    ctx.timeoutSeconds ??
    (typeof designTimeout === "number" && designTimeout > 0 ? designTimeout : DEFAULT_EXTRACT_TIMEOUT_SECONDS);

  let outcome: ParserOutcome | undefined;
  if (plan.runParser) outcome = await runParser(ctx, metricsPath, timeoutSeconds);

  const missing = [...plan.missing, ...(outcome?.problems ?? [])];
  const parserRan = outcome?.ran === true;
  const extraction: Record<string, unknown> = {
    parser:
      outcome && outcome.kind !== "none" ? outcome.kind : typeof parserCfg?.kind === "string" ? parserCfg.kind : null,
    parser_ran: parserRan,
    ...(parserRan && outcome ? { log: displayPath(ctx.repoRoot, outcome.logPath) } : {}),
  };
  const metrics = normalizeMetrics({
    iterationId: ctx.iterationId,
    runId: ctx.runId,
    raw: outcome?.raw,
    missing,
    forcedStatus: plan.forcedStatus,
    defaultMetricName: defaultMetricName(ctx.design),
    extraction,
  });
  const metricsText = JSON.stringify(metrics, null, 2) + "\n";
  assertValidMetrics(metricsText, metricsShown);

  const summaryPath = path.join(ctx.iterationDir, "analysis", "summary.md");
  const link = path.relative(path.dirname(summaryPath), metricsPath).split(path.sep).join("/");
  const sync = isObject(ctx.manifest.artifact_sync_to_local) ? ctx.manifest.artifact_sync_to_local : {};
  const section = renderRunSection({
    metrics,
    metricsLink: link,
    jobId: manifestJobId(ctx.manifest),
    hostMode: ctx.manifest.host_mode,
    exitCode: sentinel.state === "present" ? sentinel.exitCode : undefined,
    syncStatus: typeof sync.status === "string" ? sync.status : undefined,
  });

  return {
    metrics,
    metricsPath,
    metricsText,
    summaryPath,
    section,
    missingEvidence: metrics.missing_evidence,
    parserRan,
    ...(outcome && parserRan && outcome.logText !== undefined
      ? { logPath: outcome.logPath, logText: outcome.logText }
      : {}),
    ...(outcome?.error ? { error: outcome.error } : {}),
  };
}
