/**
 * Metrics from a finished run, pure: what the evidence allows (planExtraction),
 * reading the JSON a parser printed or wrote (lenient: NaN/Infinity as
 * Python's json writes them), and metrics.json's normalised form.
 */
import type { Metrics, RunManifest } from "../contract/types.js";
import { isSuccessLike, type MetricsStatus } from "../contract/vocabulary.js";
import type { Sentinel } from "./sentinel.js";
import { writesSentinel } from "./run.js";

export const METRICS_SCHEMA_VERSION = "1.0";

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
  // The Python autolab tool's job scripts write no sentinel: its absence is no missing evidence there.
  if (sentinel.state === "missing") {
    if (writesSentinel(manifest)) missing.push("job sentinel missing");
  } else if (sentinel.state === "invalid") missing.push(`job sentinel unreadable: ${sentinel.error}`);
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
  const refusal = input.raw ? refuseParserOutput(input.raw) : undefined;
  if (refusal) missing.push(refusal);
  const raw = refusal ? undefined : input.raw;
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

/** Parser output nested deeper than this is refused (JSON parsers and validators have limits near 512). */
export const MAX_PARSER_OUTPUT_DEPTH = 64;
/** Parser output larger than this (approximate JSON size) is refused. */
export const MAX_PARSER_OUTPUT_BYTES = 1024 * 1024;

/**
 * Why the parser's output is refused as a whole (too deep or too large), or
 * undefined when it is usable. Walks iteratively (no recursion, so no stack
 * limit), stopping at the first limit crossed.
 */
export function refuseParserOutput(
  raw: unknown,
  maxDepth = MAX_PARSER_OUTPUT_DEPTH,
  maxBytes = MAX_PARSER_OUTPUT_BYTES,
): string | undefined {
  const stack: Array<[unknown, number]> = [[raw, 1]];
  let bytes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v !== null && typeof v === "object") {
      if (depth > maxDepth) {
        return `parser output refused: nested deeper than ${maxDepth} levels (metrics must be a shallow object)`;
      }
      const entries = Array.isArray(v) ? v.map((x) => ["", x] as const) : Object.entries(v);
      bytes += 2;
      for (const [k, x] of entries) {
        bytes += k.length + 4;
        stack.push([x, depth + 1]);
      }
    } else {
      bytes += typeof v === "string" ? v.length + 2 : 8;
    }
    if (bytes > maxBytes) return `parser output refused: larger than ${maxBytes} bytes as JSON`;
  }
  return undefined;
}
