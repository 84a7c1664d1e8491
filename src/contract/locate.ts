/**
 * Source positions for JSON pointers.
 *
 * A schema violation is only useful when it points at the line and column
 * where the offending value stands. This module turns JSON text (with a small
 * position-tracking scanner) and YAML text (with the `yaml` package's node
 * ranges and a LineCounter) into a `SourceMap`: for any JSON pointer, where the
 * value starts and where its key starts. The JSON scanner is also the syntax
 * checker: it reports syntax errors and duplicate keys with line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from "yaml";
import { AutolabError } from "../util/errors.js";

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface SourceMap {
  /** Where the value at `pointer` starts; undefined when the pointer names nothing in the text. */
  value(pointer: string): Position | undefined;
  /** Where the key of the member at `pointer` starts (object members only). */
  key(pointer: string): Position | undefined;
}

/** Escape one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(tokens: Array<string | number>): string {
  return tokens.map((t) => "/" + escapePointerToken(t)).join("");
}

/** Split a JSON pointer into its unescaped reference tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The pointer itself, then each ancestor up to the root (""). */
export function pointerAncestors(pointer: string): string[] {
  const out = [pointer];
  let p = pointer;
  while (p !== "") {
    p = p.slice(0, p.lastIndexOf("/"));
    out.push(p);
  }
  return out;
}

/** Offsets -> 1-based line/column, counting `\n` as the line break (a `\r` before it is part of the line). */
export class OffsetMapper {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

// ---------------------------------------------------------------------------
// JSON

/**
 * Scan JSON text: check its syntax strictly (RFC 8259), refuse duplicate keys,
 * and record where every value and key starts. Throws an AutolabError with
 * file, line and column on the first problem.
 */
export function scanJson(text: string, file: string): SourceMap {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const mapper = new OffsetMapper(text);
  let i = 0;

  const fail = (message: string, at: number, hint?: string): never => {
    const { line, column } = mapper.position(Math.min(at, text.length));
    throw new AutolabError(`invalid JSON: ${message}`, { file, line, column, hint });
  };
  const describe = (at: number): string => (at >= text.length ? "end of file" : JSON.stringify(text.slice(at, at + 1)));
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let simple = true;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        const raw = text.slice(start, i);
        return simple ? raw.slice(1, -1) : (JSON.parse(raw) as string);
      }
      if (c === 0x5c) {
        simple = false;
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in string", i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`bad escape \\${e ?? ""} in string`, i);
        continue;
      }
      if (c < 0x20) fail("control character in string (line breaks must be written \\n)", i);
      i++;
    }
    return fail("unterminated string", start);
  };
  const num = () => {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 512));
    if (!m) fail(`unexpected ${describe(i)}`, i);
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > 512) fail("nesting too deep", i);
    ws();
    values.set(pointer, i);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      const seen = new Set<string>();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${describe(i)}`, i);
        const keyAt = i;
        const k = str();
        const child = pointer + "/" + escapePointerToken(k);
        if (seen.has(k)) fail(`duplicate key ${JSON.stringify(k)}`, keyAt, "keep one of the two entries");
        seen.add(k);
        keys.set(child, keyAt);
        ws();
        if (text[i] !== ":") fail(`expected ':' after key ${JSON.stringify(k)}, found ${describe(i)}`, i);
        i++;
        value(child, depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`expected ',' or '}' in object, found ${describe(i)}`, i);
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(pointer + "/" + n, depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`expected ',' or ']' in array, found ${describe(i)}`, i);
      }
    } else if (c === '"') {
      str();
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      num();
    } else if (text.startsWith("true", i)) i += 4;
    else if (text.startsWith("false", i)) i += 5;
    else if (text.startsWith("null", i)) i += 4;
    else fail(`unexpected ${describe(i)}`, i);
  };

  value("", 0);
  ws();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`, i);
  return {
    value: (p) => {
      const o = values.get(p);
      return o === undefined ? undefined : mapper.position(o);
    },
    key: (p) => {
      const o = keys.get(p);
      return o === undefined ? undefined : mapper.position(o);
    },
  };
}

// ---------------------------------------------------------------------------
// YAML

/**
 * Positions of values and keys in a parsed YAML document. `lineCounter` must be
 * the one passed to `parseDocument` for this text.
 */
export function yamlSourceMap(doc: Document, lineCounter: LineCounter): SourceMap {
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const deref = (node: unknown): unknown => {
    let n = node;
    for (let k = 0; k < 64 && isAlias(n); k++) n = n.resolve(doc);
    return n;
  };
  /** Walk to the pair (for object members) or node at `pointer`. */
  const walk = (pointer: string): { node?: Node; keyNode?: Node } | undefined => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    for (const token of pointerTokens(pointer)) {
      node = deref(node);
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === token);
        if (!pair) return undefined;
        keyNode = (pair.key ?? undefined) as Node | undefined;
        node = pair.value;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
        node = node.items[Number(token)];
        if (node === undefined) return undefined;
      } else return undefined;
    }
    return { node: (node ?? undefined) as Node | undefined, keyNode };
  };
  return {
    value: (p) => {
      const w = walk(p);
      if (!w) return undefined;
      const n = w.node as Node | undefined;
      // `key:` with nothing after it has a value node without a useful range: point at the key.
      if (n?.range && !(isScalar(n) && n.value === null && n.range[0] === n.range[1] && w.keyNode))
        return pos(n.range[0]);
      if (w.keyNode?.range) return pos(w.keyNode.range[0]);
      return p === "" ? { line: 1, column: 1 } : undefined;
    },
    key: (p) => {
      const w = walk(p);
      return w?.keyNode?.range ? pos(w.keyNode.range[0]) : undefined;
    },
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? "" : String(key.value);
  if (key === null || key === undefined) return "";
  return undefined;
}
