/**
 * Documents as the checks see them: parsed data plus a way to say where a
 * JSON pointer stands (file, line, column). Pure: the text is passed in (the
 * reading is in facts.ts), so a unit test builds a document from a string.
 *
 * - `contractDoc` parses a contract document (manifest, design, metrics) and
 *   keeps its schema findings; a syntax error is an `error` under the check
 *   given. Python's `NaN` / `Infinity` in metrics.json is reported as
 *   `metrics.finite` at its position, not as a bare syntax error.
 * - `jsonDoc` parses any JSON (the sentinel) with positions and no schema.
 */
import { scanJson } from "../contract/locate.js";
import { parseDocument } from "../contract/validate.js";
import { findingFromError, type Finding, type SourceLocation } from "../util/errors.js";

/** A parsed JSON/YAML document with locations. */
export interface Doc<T> {
  file: string;
  data: T;
  locate(pointer: string): { line: number; column: number };
  /** Schema findings (contract documents only). */
  findings: Finding[];
}

/** A document as read: parsed, absent, or not readable (the finding says why). */
export type Loaded<T> =
  { kind: "ok"; doc: Doc<T> } | { kind: "missing"; file: string } | { kind: "error"; finding: Finding };

export function errorToFinding(e: unknown, check: string, file: string, hint?: string): Finding {
  return findingFromError(e, check, file, { hint });
}

export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The value at a JSON pointer (object keys only), undefined when absent. */
export function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const t of pointer.slice(1).split("/")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/** `/a/b` as a dotted key, `a.b` (what a person types to find it). */
export function dotted(pointer: string): string {
  return pointer.slice(1).replace(/\//g, ".");
}

/** The location of `pointer` in `doc`, for a finding. */
export function at(doc: Doc<unknown>, pointer: string): SourceLocation {
  return { file: doc.file, ...doc.locate(pointer), jsonPath: pointer };
}

/** Python's json writes NaN / Infinity, which is not JSON: say so precisely. */
function nonFiniteSyntax(text: string, f: Finding): void {
  if (f.line === undefined || f.column === undefined) return;
  const line = text.split("\n")[f.line - 1] ?? "";
  const rest = line.slice(f.column - 1);
  const m = /^-?(NaN|Infinity|inf|nan)\b/.exec(rest);
  if (!m) return;
  f.check = "metrics.finite";
  f.message = `${m[0]} is not a JSON number (Python's json.dump writes it for a non-finite float)`;
  f.hint = "write null for a value that could not be computed and set status to partial, or fix the computation";
}

/** A contract document parsed from its text (schema findings kept); a syntax error is an `error` under `check`. */
export function contractDoc<T>(
  kind: "manifest" | "design" | "metrics",
  text: string,
  display: string,
  check: string,
): Loaded<T> {
  try {
    const d = parseDocument<T>(kind, text, display);
    return { kind: "ok", doc: { file: display, data: d.data, locate: d.locate, findings: d.findings } };
  } catch (e) {
    const f = errorToFinding(e, check, display);
    if (kind === "metrics") nonFiniteSyntax(text, f);
    return { kind: "error", finding: f };
  }
}

/** Any JSON document with positions (no schema); a syntax error is an `error` under `check`. */
export function jsonDoc<T>(text: string, display: string, check: string): Loaded<T> {
  try {
    const map = scanJson(text, display);
    const data = JSON.parse(text) as T;
    const locate = (pointer: string) => {
      let p = pointer;
      for (;;) {
        const found = map.value(p);
        if (found) return found;
        if (p === "") return { line: 1, column: 1 };
        p = p.slice(0, p.lastIndexOf("/"));
      }
    };
    return { kind: "ok", doc: { file: display, data, locate, findings: [] } };
  } catch (e) {
    return { kind: "error", finding: errorToFinding(e, check, display) };
  }
}

/** Milliseconds since the epoch of a contract timestamp (no zone = UTC); undefined when unreadable. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const s = /([Zz]|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`;
  const t = Date.parse(s.replace(" ", "T"));
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A document that could not be read or parsed: its finding is reported when
 * the check it names is active (a path leaving the repository always), with
 * `defaultHint` when it has none. The checks that need the document skip it.
 */
export function unreadable(f: Finding, active: ReadonlySet<string>, defaultHint?: string): Finding[] {
  if (!active.has(f.check) && f.check !== "path.outside") return [];
  return [defaultHint !== undefined && f.hint === undefined ? { ...f, hint: defaultHint } : f];
}
