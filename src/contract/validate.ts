/**
 * Parse and schema-check any file of the run contract, with source locations.
 *
 * `parseDocument` reads JSON (run_manifest.json, metrics.json, state.json) or
 * YAML (design.yaml, verifier_policy.yaml), refuses syntax errors and duplicate
 * keys (AutolabError with file, line and column), validates the data against
 * the kind's JSON Schema and turns every violation into a readable `Finding`
 * that names the file, the JSON path, and the line and column where the
 * offending value stands. A missing key is reported at its parent object.
 */
import path from "node:path";
import type { ErrorObject } from "ajv";
import { LineCounter, parseDocument as parseYamlDocument } from "yaml";
import { AutolabError, type Finding } from "../util/errors.js";
import { readTextStrict } from "../util/fs.js";
import { pointerAncestors, pointerTokens, scanJson, yamlSourceMap, type Position, type SourceMap } from "./locate.js";
import { validatorFor } from "./schemas.js";

export type DocKind = "manifest" | "design" | "policy" | "metrics" | "state";
export const DOC_KINDS: readonly DocKind[] = ["manifest", "design", "policy", "metrics", "state"];

export interface ParsedDocument<T> {
  kind: DocKind;
  /** Path as shown to the user. */
  file: string;
  text: string;
  data: T;
  /** Schema violations (check `schema`, severity error) and YAML warnings. Empty when valid. */
  findings: Finding[];
  /** Where the value at a JSON pointer stands; falls back to the nearest enclosing value, then 1:1. */
  locate(pointer: string): { line: number; column: number };
}

/** Name patterns for files that are not named exactly (e.g. `run_manifest.completed.json`, a copied sample). */
const NAME_PATTERNS: Array<[RegExp, DocKind]> = [
  [/run_manifest[^/]*\.json$/, "manifest"],
  [/verifier_policy[^/]*\.ya?ml$/, "policy"],
  [/design[^/]*\.ya?ml$/, "design"],
  [/metrics[^/]*\.json$/, "metrics"],
  [/(^|[._-])state([._-][^/]*)?\.json$/, "state"],
];

const FILE_KINDS: Record<string, DocKind> = {
  "run_manifest.json": "manifest",
  "design.yaml": "design",
  "design.yml": "design",
  "verifier_policy.yaml": "policy",
  "verifier_policy.yml": "policy",
  "metrics.json": "metrics",
  "state.json": "state",
};

/** The contract kind of a file, from its name; undefined when the name says nothing. */
export function kindOfPath(p: string): DocKind | undefined {
  const base = path.basename(p);
  return FILE_KINDS[base] ?? NAME_PATTERNS.find(([re]) => re.test(base))?.[1];
}

function isDocKind(s: string): s is DocKind {
  return (DOC_KINDS as readonly string[]).includes(s);
}

export function parseKind(s: string): DocKind | undefined {
  return isDocKind(s) ? s : undefined;
}

/** JSON kinds are read as JSON unless the file name ends in .yaml/.yml, and vice versa. */
function syntaxOf(kind: DocKind, file: string): "json" | "yaml" {
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (/\.json$/i.test(file)) return "json";
  return kind === "design" || kind === "policy" ? "yaml" : "json";
}

/** Parse text of the given kind. Throws AutolabError on syntax errors; schema problems land in `findings`. */
export function parseDocument<T>(kind: DocKind, text: string, file: string): ParsedDocument<T> {
  let data: unknown;
  let map: SourceMap;
  const findings: Finding[] = [];
  if (syntaxOf(kind, file) === "json") {
    const canonical = canonicalJson(text);
    if (canonical.ok) {
      // Written by JSON.stringify (as the tool writes): valid, no duplicate keys; positions only if needed.
      data = canonical.data;
      map = lazySourceMap(() => scanJson(text, file));
    } else {
      map = scanJson(text, file);
      data = JSON.parse(text);
    }
  } else {
    const parsed = parseYaml(text, file);
    data = parsed.data;
    map = parsed.map;
    findings.push(...parsed.warnings);
  }
  const locate = (pointer: string): Position => {
    for (const p of pointerAncestors(pointer)) {
      const at = map.value(p);
      if (at) return at;
    }
    return { line: 1, column: 1 };
  };
  const validate = validatorFor(kind);
  if (!validate(data)) findings.push(...schemaFindings(validate.errors ?? [], file, map, locate));
  return { kind, file, text, data: data as T, findings, locate };
}

/**
 * The data of `text` when it is exactly what JSON.stringify(data, null, 2)
 * prints (with or without one final newline): such text is strict JSON with
 * no duplicate key (a duplicate would be printed once), so the scanner's
 * syntax check can be skipped. Anything else goes through the scanner.
 */
function canonicalJson(text: string): { ok: true; data: unknown } | { ok: false } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const printed = JSON.stringify(data, null, 2);
  return text === printed || (text.length === printed.length + 1 && text === printed + "\n")
    ? { ok: true, data }
    : { ok: false };
}

/** A source map built on first use (only a document with a finding needs positions). */
function lazySourceMap(build: () => SourceMap): SourceMap {
  let m: SourceMap | undefined;
  return {
    value: (p) => (m ??= build()).value(p),
    key: (p) => (m ??= build()).key(p),
  };
}

function parseYaml(text: string, file: string): { data: unknown; map: SourceMap; warnings: Finding[] } {
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    // PyYAML (the Python tool) honours `<<` merge keys; so do we.
    merge: true,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    // The parser can point at the line break that ends the line before the
    // offending node (a key with an empty value, then a bad indent): report
    // the first character that is not blank from there on.
    let offset = e.pos[0];
    while (offset < text.length && /[ \t\r\n]/.test(text[offset])) offset++;
    if (offset >= text.length) offset = e.pos[0];
    const where = at(offset);
    const dup = e.code === "DUPLICATE_KEY";
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error(s))` : "";
    throw new AutolabError(`invalid YAML: ${firstLine(e.message)}${more}`, {
      file,
      ...where,
      hint: dup ? "keep one of the two entries with this key" : undefined,
    });
  }
  let data: unknown;
  try {
    // An empty document (nothing but comments) reads as an empty mapping.
    data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new AutolabError(`invalid YAML: ${(e as Error).message}`, { file, line: 1, column: 1 });
  }
  const warnings: Finding[] = doc.warnings.map((w) => ({
    severity: "warning",
    check: "yaml",
    message: firstLine(w.message),
    file,
    ...at(w.pos[0]),
  }));
  return { data, map: yamlSourceMap(doc, lineCounter), warnings };
}

function firstLine(s: string): string {
  return s.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

/** Read and parse a contract file (strict UTF-8). */
export async function loadDocument<T>(kind: DocKind, absPath: string, displayPath: string): Promise<ParsedDocument<T>> {
  const text = await readTextStrict(absPath, displayPath);
  return parseDocument<T>(kind, text, displayPath);
}

/** Throw an AutolabError carrying every error finding (the first one's location on the error). */
export function assertValid<T>(doc: ParsedDocument<T>): ParsedDocument<T> {
  const errors = doc.findings.filter((f) => f.severity === "error");
  if (!errors.length) return doc;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : "";
  throw new AutolabError(`${describeKind(doc.kind)} is invalid: ${first.message}${more}`, {
    file: doc.file,
    line: first.line,
    column: first.column,
    jsonPath: first.jsonPath,
    findings: errors,
  });
}

export function describeKind(kind: DocKind): string {
  switch (kind) {
    case "manifest":
      return "run manifest";
    case "design":
      return "design";
    case "policy":
      return "verifier policy";
    case "metrics":
      return "metrics";
    case "state":
      return "state";
  }
}

// ---------------------------------------------------------------------------
// ajv errors -> findings

/** `compute.sbatch_options[1]` for `/compute/sbatch_options/1`. */
export function displayJsonPath(pointer: string): string {
  let s = "";
  for (const t of pointerTokens(pointer)) {
    if (/^(0|[1-9][0-9]*)$/.test(t)) s += `[${t}]`;
    else s += (s ? "." : "") + (/^[A-Za-z0-9_-]+$/.test(t) ? t : JSON.stringify(t));
  }
  return s;
}

function shown(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return typeof v;
}

const KIND_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  null: "null",
};

const USE_X_MESSAGE = new Set(["pattern", "format", "type", "anyOf", "oneOf", "not", "required", "const"]);

function schemaFindings(
  errors: ErrorObject[],
  file: string,
  map: SourceMap,
  locate: (p: string) => Position,
): Finding[] {
  // Branch errors of a failed anyOf/oneOf are noise once the combined error is reported.
  const combined = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.schemaPath + "/");
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === "if" || e.keyword === "propertyNames") continue;
    if (combined.some((prefix) => e.schemaPath.startsWith(prefix))) continue;
    const f = toFinding(e, file, map, locate);
    const key = `${f.jsonPath}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function toFinding(e: ErrorObject, file: string, map: SourceMap, locate: (p: string) => Position): Finding {
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const xMessage = typeof parent["x-message"] === "string" ? (parent["x-message"] as string) : undefined;
  const params = e.params as Record<string, unknown>;
  let pointer = e.instancePath;
  let at: Position | undefined;
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  let subject = pointer === "" ? "the document" : `\`${displayJsonPath(pointer)}\``;
  if (propertyName !== undefined) {
    // A bad key (propertyNames): point at the key itself.
    const keyPointer = `${pointer}/${propertyName.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    at = map.key(keyPointer);
    subject = `key ${JSON.stringify(propertyName)}${pointer ? ` in \`${displayJsonPath(pointer)}\`` : ""}`;
    pointer = keyPointer;
  }
  const got = ` (got ${shown(e.data)})`;
  let message: string;
  if (xMessage && USE_X_MESSAGE.has(e.keyword)) {
    message = xMessage.startsWith("must") ? `${subject} ${xMessage}${got}` : xMessage;
    if (e.keyword === "required" && pointer === e.instancePath)
      pointer = `${pointer}/${String(params.missingProperty)}`;
  } else {
    switch (e.keyword) {
      case "required": {
        const missing = String(params.missingProperty);
        message =
          e.instancePath === ""
            ? `missing required key \`${missing}\``
            : `${subject} is missing required key \`${missing}\``;
        pointer = `${e.instancePath}/${missing}`;
        break;
      }
      case "enum":
        message = `${subject} must be one of ${(params.allowedValues as unknown[]).map(String).join(", ")}${got}`;
        break;
      case "const":
        message = `${subject} must be ${shown(params.allowedValue)}${got}`;
        break;
      case "type": {
        const want = String(params.type)
          .split(",")
          .map((t) => KIND_WORDS[t] ?? t)
          .join(" or ");
        message = `${subject} must be ${want} (got ${typeName(e.data)}${e.data !== null && typeof e.data !== "object" ? " " + shown(e.data) : ""})`;
        break;
      }
      case "maxLength":
        message = `${subject} is too long (${String(e.data).length} characters; at most ${String(params.limit)})`;
        break;
      case "minLength":
        message =
          params.limit === 1
            ? `${subject} must not be empty`
            : `${subject} must have at least ${String(params.limit)} characters${got}`;
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
        message = `${subject} must be ${String(params.comparison)} ${String(params.limit)}${got}`;
        break;
      case "maxItems":
        message = `${subject} has too many items (at most ${String(params.limit)})`;
        break;
      case "minItems":
        message = `${subject} needs at least ${String(params.limit)} item(s)`;
        break;
      case "maxProperties":
        message = `${subject} has too many keys (at most ${String(params.limit)})`;
        break;
      case "additionalProperties": {
        const extra = String(params.additionalProperty);
        pointer = `${e.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        at = map.key(pointer);
        message = `unknown key \`${extra}\`${e.instancePath ? ` in ${subject}` : ""}`;
        break;
      }
      case "pattern":
        message = `${subject} must match the pattern ${String(params.pattern)}${got}`;
        break;
      case "format":
        message =
          params.format === "date-time"
            ? `${subject} must be a date and time such as "2026-11-28T15:14:32Z"${got}`
            : `${subject} must be a valid ${String(params.format)}${got}`;
        break;
      case "anyOf":
      case "oneOf":
        message = `${subject} does not match any of the allowed forms${got}`;
        break;
      case "not":
        message = `${subject} is not allowed here${got}`;
        break;
      default:
        message = `${subject} ${e.message ?? "is invalid"}`;
    }
  }
  const xAt = typeof parent["x-at"] === "string" ? (parent["x-at"] as string) : undefined;
  if (xAt !== undefined && at === undefined) {
    pointer = `${e.instancePath}${xAt}`;
    at = locate(pointer);
  }
  at ??= locate(e.keyword === "required" ? e.instancePath : pointer);
  return {
    severity: "error",
    check: "schema",
    message,
    file,
    line: at.line,
    column: at.column,
    jsonPath: pointer || "/",
  };
}
