/**
 * The ledger file read and upserted as a stream: a ledger of any length
 * (1,000,000 lines is about 107 MB) in bounded memory. The rules stay in
 * ledger.ts: each block of whole lines is parsed by `indexLedger`, and the
 * run's findings come from `verifyRunInLedger`; this module only carries line
 * numbers across blocks and finds duplicate lines across the whole file.
 *
 * Memory: one read buffer of 64 KB and its decoded block (short-lived, so
 * the collector keeps up), the lines of the one run asked about, the
 * ledger's problems, and for `verifyLedgerStream` 12 to 24 bytes per
 * distinct run id (a hash table of 52-bit run-id hashes; two ids
 * whose hashes meet are compared by a second pass, so a hash collision never
 * makes a duplicate).
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { decodeUtf8Strict, openOwnedSync } from "../util/fs.js";
import {
  canonicalLine,
  indexLedger,
  LEDGER_FORMAT,
  verifyRunInLedger,
  type LedgerEntry,
  type LedgerIndex,
  type LedgerProblem,
  type UpsertAction,
} from "./ledger.js";

/** Bytes read at a time (`chunk` parameters: smaller in tests, to cross block boundaries often). */
const CHUNK = 64 * 1024;

interface Block {
  /** Whole lines, each with its line end (the file's last line may have none). */
  text: string;
  /** 1-based number of the block's first line. */
  firstLine: number;
  /** Lines in the block. */
  lines: number;
}

/** Count of lines in `text` (a last line without a line end counts). */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.length && !text.endsWith("\n") ? n + 1 : n;
}

/** The file at `fd` as blocks of whole lines, strict UTF-8, the byte order mark (if any) reported and left out. */
function* blocks(fd: number, shown: string, bom: { seen: boolean }, chunk = CHUNK): Generator<Block> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const buf = Buffer.allocUnsafe(chunk);
  let carry = "";
  let next = 1;
  let first = true;
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, chunk, pos);
    pos += n;
    let text: string;
    try {
      text = carry + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
    } catch {
      // Where exactly: the whole file decoded once, as readLedger would (only on this error, and only if it is not huge).
      const size = fstatSync(fd).size;
      if (size <= 64 * 1024 * 1024) {
        const all = Buffer.alloc(size);
        readSync(fd, all, 0, size, 0);
        decodeUtf8Strict(all, shown, true);
      }
      throw new AutolabError(`file is not valid UTF-8 (after line ${next - 1})`, {
        file: shown,
        line: next,
        hint: "save the file as UTF-8",
      });
    }
    if (first && text.length) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        bom.seen = true;
        text = text.slice(1);
      }
    }
    if (n === 0) {
      if (text.length) yield { text, firstLine: next, lines: lineCount(text) };
      return;
    }
    const cut = text.lastIndexOf("\n") + 1;
    carry = text.slice(cut);
    if (cut > 0) {
      const whole = text.slice(0, cut);
      const lines = lineCount(whole);
      yield { text: whole, firstLine: next, lines };
      next += lines;
    }
  }
}

/** A problem of a block, at its line in the file. */
function shiftProblem(p: LedgerProblem, offset: number): LedgerProblem {
  const line = p.line + offset;
  return {
    ...p,
    line,
    lines: p.lines.map((l) => l + offset),
    message: p.message.replace(/^line \d+/, `line ${line}`),
  };
}

/** Two 26-bit FNV-1a hashes of `s` as one positive number below 2^52. */
function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 6) * 67108864 + (b >>> 6) + 1;
}

/** Run-id hash -> first line, open addressing in typed arrays (12 bytes a slot). */
class FirstLines {
  private keys = new Float64Array(1 << 16);
  private vals = new Int32Array(1 << 16);
  private used = 0;
  /** The first line recorded for `h`, after recording `line` when it is the first. */
  firstOf(h: number, line: number): number {
    if (this.used * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = h % this.keys.length; ; i = (i + 1) & mask) {
      if (this.keys[i] === 0) {
        this.keys[i] = h;
        this.vals[i] = line;
        this.used++;
        return line;
      }
      if (this.keys[i] === h) return this.vals[i];
    }
  }
  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.vals = new Int32Array(keys.length * 2);
    this.used = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.firstOf(keys[i], vals[i]);
  }
}

function duplicateProblem(runId: string, ls: number[]): LedgerProblem {
  return {
    kind: "duplicate",
    line: ls[1],
    lines: ls,
    runId,
    message: `run ${runId} has ${ls.length} ledger lines (lines ${ls.join(", ")}); keep exactly one`,
  };
}

/**
 * The findings `verifyLedger` gives for run `m` on the ledger at `absPath`,
 * read as a stream; undefined when the file does not exist. Never through a
 * link (as readLedger).
 */
export function verifyLedgerStream(
  absPath: string,
  m: RunManifest,
  shown: string,
  root: string | undefined,
  chunk = CHUNK,
): Finding[] | undefined {
  const opened = openOwnedSync(root, absPath, shown);
  if (!opened) return undefined;
  const runId = String(m.run_id);
  const mine: LedgerEntry[] = [];
  const malformedMine: number[] = [];
  const problems: LedgerProblem[] = [];
  const seen = new FirstLines();
  /** hashes met twice: the lines to compare in a second pass */
  const suspects = new Map<number, Set<number>>();
  const scan = (visit: (e: LedgerEntry) => void, withProblems: boolean) => {
    for (const b of blocks(opened.fd, shown, { seen: false }, chunk)) {
      const ix = indexLedger(b.text);
      const offset = b.firstLine - 1;
      for (const e of ix.entries) visit({ ...e, line: e.line + offset });
      if (!withProblems) continue;
      for (const p of ix.problems) {
        if (p.kind === "duplicate") continue; // found across the whole file below
        const q = shiftProblem(p, offset);
        problems.push(q);
        if (q.runId === runId) malformedMine.push(q.line);
      }
    }
  };
  try {
    scan((e) => {
      if (e.runId === runId) mine.push(e);
      const h = hash52(e.runId);
      const first = seen.firstOf(h, e.line);
      if (first !== e.line) {
        const s = suspects.get(h) ?? new Set([first]);
        s.add(e.line);
        suspects.set(h, s);
      }
    }, true);
    if (suspects.size) {
      // Second pass: the lines whose run ids hashed alike, compared as text.
      const wanted = new Set<number>();
      for (const s of suspects.values()) for (const l of s) wanted.add(l);
      const byRun = new Map<string, number[]>();
      scan((e) => {
        if (!wanted.has(e.line)) return;
        const ls = byRun.get(e.runId) ?? [];
        ls.push(e.line);
        byRun.set(e.runId, ls);
      }, false);
      for (const [id, ls] of byRun) if (ls.length > 1) problems.push(duplicateProblem(id, ls));
    }
  } finally {
    closeSync(opened.fd);
  }
  problems.sort((a, b) => a.line - b.line);
  const ix: LedgerIndex = {
    lines: [],
    entries: mine,
    problems,
    byRun: mine.length ? new Map([[runId, mine.map((_, k) => k)]]) : new Map(),
    malformedByRun: malformedMine.length ? new Map([[runId, malformedMine]]) : new Map(),
  };
  return verifyRunInLedger(ix, m, shown);
}

/**
 * upsertLedger for one run on the ledger file, as a stream: the file is
 * copied block by block into a temp file beside it, the run's line replaced
 * (or appended), then synced and renamed over the ledger; nothing is written
 * when the line is already there, and nothing at all (temp removed) when the
 * run's lines are malformed or duplicated. Undefined when the file does not
 * exist (the caller creates it). Never through a link (as readLedger).
 */
export function upsertLedgerStream(
  absPath: string,
  m: RunManifest,
  shown: string,
  root: string | undefined,
  chunk = CHUNK,
): { action: UpsertAction; line: number } | undefined {
  const canonical = canonicalLine(m);
  const opened = openOwnedSync(root, absPath, shown);
  if (!opened) return undefined;
  const runId = String(m.run_id);
  const needle = `run_id=${runId}`;
  const tmp = path.join(
    path.dirname(absPath),
    `.${path.basename(absPath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  let out: number | undefined;
  let keep = false;
  try {
    out = openSync(tmp, "wx", 0o644);
    const bom = { seen: false };
    let wroteBom = false;
    const mine: number[] = [];
    const malformed: number[] = [];
    let replaced: { line: number; same: boolean } | undefined;
    let total = 0;
    let firstEol: string | undefined;
    let endsWithEol = true;
    for (const b of blocks(opened.fd, shown, bom, chunk)) {
      if (bom.seen && !wroteBom) {
        writeSync(out, "\uFEFF");
        wroteBom = true;
      }
      if (firstEol === undefined) {
        const nl = b.text.indexOf("\n");
        if (nl >= 0) firstEol = nl > 0 && b.text.charCodeAt(nl - 1) === 13 ? "\r\n" : "\n";
      }
      endsWithEol = b.text.endsWith("\n");
      total = b.firstLine - 1 + b.lines;
      let text = b.text;
      // Only a line that holds `run_id=<run>` can be the run's line or a malformed line naming it.
      for (let from = 0, at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, from)) {
        const start = text.lastIndexOf("\n", at) + 1;
        const nl = text.indexOf("\n", at);
        const end = nl < 0 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const lineNo = b.firstLine + lineCount(text.slice(0, start));
        const ix = indexLedger(text.slice(start, end));
        if (ix.byRun.has(runId)) {
          mine.push(lineNo);
          if (!replaced) {
            replaced = { line: lineNo, same: text.slice(start, end) === canonical };
            text = text.slice(0, start) + canonical + text.slice(end);
            from = start + canonical.length; // the line end, in the text as it is now
            continue;
          }
        } else if (ix.malformedByRun.has(runId)) malformed.push(lineNo);
        from = end; // on to the next line
      }
      writeSync(out, text);
    }
    if (malformed.length || mine.length > 1) {
      const parts: string[] = [];
      if (malformed.length) parts.push(`malformed line(s) ${malformed.join(", ")}`);
      if (mine.length > 1) parts.push(`${mine.length} ledger lines (${mine.join(", ")})`);
      throw new AutolabError(`run ${runId} has ${parts.join(" and ")} in the ledger; not updating it`, {
        line: [...malformed, ...mine].sort((a, b) => a - b)[0],
        hint: `fix the ledger by hand so that run ${runId} has exactly one line of the form \`${LEDGER_FORMAT}\``,
      });
    }
    if (replaced?.same) return { action: "unchanged", line: replaced.line };
    if (bom.seen && !wroteBom) writeSync(out, "\uFEFF");
    let line = replaced?.line;
    if (line === undefined) {
      const eol = firstEol ?? "\n";
      // No final newline: end the old last line and keep the new one unterminated (as upsertLedger).
      writeSync(out, total > 0 && !endsWithEol ? eol + canonical : canonical + eol);
      line = total + 1;
    }
    fsyncSync(out);
    closeSync(out);
    out = undefined;
    renameSync(tmp, absPath);
    keep = true;
    return { action: replaced ? "updated" : "added", line };
  } finally {
    closeSync(opened.fd);
    if (out !== undefined) closeSync(out);
    if (!keep) {
      try {
        unlinkSync(tmp);
      } catch {
        // never created
      }
    }
  }
}
