/**
 * metrics.json of a run that ended (synced, completed, failed, partial), at
 * extract_results: metrics.schema, metrics.finite, metrics.placeholder,
 * metrics.identity, metrics.sync. Pure: data in, findings out. A metrics.json
 * that cannot be parsed is reported once by the engine (`unreadable`:
 * metrics.schema, metrics.finite for Python's NaN, or path.outside) and
 * these checks skip it.
 */
import type { Metrics } from "../../contract/types.js";
import { isSuccessLike } from "../../contract/vocabulary.js";
import type { Finding } from "../../util/errors.js";
import { at, obj, type Doc, type Loaded } from "../doc.js";
import { monitorCommand } from "../hints.js";
import type { RunInput } from "../types.js";
import { ENDED } from "./status.js";

/** The run's metrics when the metrics checks apply to it (the run ended); undefined otherwise. */
export function endedMetrics(i: RunInput): Loaded<Metrics> | undefined {
  const status = i.status;
  if (!i.metrics || !status) return undefined;
  return status === "synced" || ENDED.has(status) ? i.metrics : undefined;
}

function metricsDoc(i: RunInput): Doc<Metrics> | undefined {
  const mt = endedMetrics(i);
  return mt?.kind === "ok" ? mt.doc : undefined;
}

const monitor = (i: RunInput) => `\`${monitorCommand(i.run)}\``;

export function checkMetricsSchema(i: RunInput): Finding[] {
  const mt = endedMetrics(i);
  if (mt?.kind === "missing") {
    if (!i.requireMetrics) return [];
    return [
      {
        severity: "error",
        check: "metrics.schema",
        file: mt.file,
        message: `the run is ${i.status} but metrics.json does not exist`,
        hint: `run ${monitor(i)}: it extracts the results of finished runs (a failed run gets metrics with status failed)`,
      },
    ];
  }
  if (mt?.kind !== "ok") return [];
  return mt.doc.findings.map((s) => ({
    ...s,
    check: s.check === "schema" ? "metrics.schema" : s.check,
    hint: s.hint ?? "fix the value, or re-extract the run",
  }));
}

/** Every value of a JSON document with its pointer, depth first, in document order. */
function walk(v: unknown, pointer: string, visit: (v: unknown, pointer: string) => void): void {
  visit(v, pointer);
  if (Array.isArray(v)) v.forEach((x, n) => walk(x, `${pointer}/${n}`, visit));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, visit);
  }
}

const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

export function checkMetricsFinite(i: RunInput): Finding[] {
  const md = metricsDoc(i);
  if (!md) return [];
  const out: Finding[] = [];
  const hint = "write null for a value that could not be computed, and set status to partial";
  walk(md.data, "", (v, p) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      out.push({
        severity: "error",
        check: "metrics.finite",
        ...at(md, p),
        message: `${p || "value"} is not a finite number (it overflows to ${v})`,
        hint,
      });
    } else if (typeof v === "string" && NON_FINITE_TEXT.test(v.trim())) {
      out.push({
        severity: "error",
        check: "metrics.finite",
        ...at(md, p),
        message: `${p} is ${JSON.stringify(v)}: a non-finite number written as text`,
        hint,
      });
    }
  });
  return out;
}

const PLACEHOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/\b(TODO|TBD|FIXME|XXX)\b/, "a to-do marker"],
  [/\bplaceholder\b/i, "the word placeholder"],
  [/\{\{[^}]*\}\}/, "an unfilled {{...}} template"],
  [/^<[^<>]{1,80}>$/, "an unfilled <...> value"],
  [/\b(replace[_ -]?me|fill[_ -]?(me|in))\b/i, "an unfilled value"],
  [/\blorem ipsum\b/i, "filler text"],
  [/^(\.\.\.|…|\?\?\?)$/, "an elided value"],
];

export function checkMetricsPlaceholder(i: RunInput): Finding[] {
  const md = metricsDoc(i);
  if (!md) return [];
  const out: Finding[] = [];
  walk(md.data, "", (v, p) => {
    if (typeof v !== "string") return;
    const hit = PLACEHOLDERS.find(([re]) => re.test(v.trim()));
    if (!hit) return;
    out.push({
      severity: "error",
      check: "metrics.placeholder",
      ...at(md, p),
      message: `${p} holds ${hit[1]}: ${JSON.stringify(v.length > 60 ? v.slice(0, 57) + "..." : v)}`,
      hint: `write the real value, or re-extract with ${monitor(i)}`,
    });
  });
  return out;
}

export function checkMetricsIdentity(i: RunInput): Finding[] {
  const md = metricsDoc(i);
  const data = obj(md?.data);
  if (!md || !data) return [];
  const out: Finding[] = [];
  for (const [key, want] of [
    ["run_id", i.run.runId],
    ["iteration_id", i.run.iterationId],
  ] as const) {
    if (typeof data[key] === "string" && data[key] !== want) {
      out.push({
        severity: "error",
        check: "metrics.identity",
        ...at(md, `/${key}`),
        message: `metrics.json says ${key} ${JSON.stringify(data[key])} but it belongs to ${want}`,
        hint: `it was copied from another run: re-extract with ${monitor(i)}`,
      });
    }
  }
  return out;
}

export function checkMetricsSync(i: RunInput): Finding[] {
  const md = metricsDoc(i);
  const data = obj(md?.data);
  if (!md || !data || data.status !== "completed") return [];
  const sync = obj(i.doc.data.artifact_sync_to_local)?.status;
  if (i.status === "failed") {
    return [
      {
        severity: "error",
        check: "metrics.sync",
        ...at(md, "/status"),
        message: "metrics status is completed but the run failed",
        hint: "set the metrics status to failed (or partial if some results are usable)",
      },
    ];
  }
  if (isSuccessLike(sync)) return [];
  return [
    {
      severity: "error",
      check: "metrics.sync",
      ...at(md, "/status"),
      message: `metrics status is completed but the artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(sync ?? null)} in ${i.run.manifestDisplay})`,
      hint: `sync first (${monitor(i)}, or copy the outputs by hand and set the sync status to "ok"), or set the metrics status to partial with missing_evidence`,
    },
  ];
}
