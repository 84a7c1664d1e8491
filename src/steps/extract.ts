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
import { lstatSync } from "node:fs";
import path from "node:path";
import { manifestJobId } from "../domain/run.js";
import { parseDocument } from "../contract/validate.js";
import type { Design, Metrics, RunManifest } from "../contract/types.js";
import { AutolabError } from "../util/errors.js";
import { describeFailure, runArgv, type ExecResult } from "../util/exec.js";
import { displayPath } from "../util/fs.js";
import { RUN_PLACEHOLDERS, renderArgv, splitCommandLine, type PlaceholderValues } from "../domain/placeholders.js";
import { parseSentinel } from "../domain/sentinel.js";
import {
  jsonObjectFromStdout,
  normalizeMetrics,
  parseJsonLenient,
  planExtraction,
  type SentinelInfo,
} from "../domain/metrics.js";
import { renderRunSection } from "../domain/summary.js";
export {
  jsonObjectFromStdout,
  METRICS_SCHEMA_VERSION,
  normalizeMetrics,
  parseJsonLenient,
  planExtraction,
  type ExtractionPlan,
  type NormalizeInput,
  type SentinelInfo,
} from "../domain/metrics.js";
export { renderRunSection, upsertRunSection, type SummaryRunInfo } from "../domain/summary.js";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
import { readNoFollow, readOwned } from "../util/fs.js";

export const DEFAULT_EXTRACT_TIMEOUT_SECONDS = 600;
/** Default callable for kind python when the design names none. */
export const DEFAULT_PYTHON_CALLABLE = "extract";
export { SENTINEL_FILE } from "../domain/layout.js";
import { SENTINEL_FILE } from "../domain/layout.js";
import { designMetrics } from "../domain/sweep-result.js";
export const METRICS_FILE = "metrics.json";

/** A metrics.json larger than this (as the parser left it) is refused, not read. */
export const MAX_METRICS_BYTES = 16 * 1024 * 1024;
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
  /** Why the file was not read (a link on the way, a FIFO or other non-regular file, too large). */
  refused?: string;
}

/**
 * metrics.json as the parser left it: never through a link (at any level
 * under the repository), never blocking (a FIFO is refused, not opened for a
 * blocking read), at most MAX_METRICS_BYTES.
 */
async function stamp(root: string, file: string): Promise<FileStamp> {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return { exists: false };
  }
  const base = { exists: true, mtimeMs: st.mtimeMs, ino: st.ino };
  const r = await readOwned(root, file, MAX_METRICS_BYTES);
  if (r.skipped)
    return { ...base, refused: `${r.at ?? "it"} is ${r.skipped === "symlink" ? "a symlink" : "not a regular file"}` };
  if (r.tooLarge !== undefined) return { ...base, refused: `it is ${r.tooLarge} bytes (at most ${MAX_METRICS_BYTES})` };
  return r.data ? { ...base, content: r.data } : { exists: false };
}

function changed(a: FileStamp, b: FileStamp): boolean {
  if (!b.exists) return false;
  if (!a.exists) return true;
  if (a.refused || b.refused) return a.refused !== b.refused || a.mtimeMs !== b.mtimeMs || a.ino !== b.ino;
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

  const before = await stamp(ctx.repoRoot, metricsPath);
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
  const after = await stamp(ctx.repoRoot, metricsPath);
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
  if (after.refused) {
    problems.push(`the metrics.json the parser left is not read: ${after.refused}`);
  } else if (changed(before, after)) {
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
    const p = designMetrics(metrics).primary;
    if (p) return p;
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
