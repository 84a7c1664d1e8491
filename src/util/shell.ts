/**
 * Shell quoting for the job scripts autolab renders.
 *
 * `shellQuote` produces one POSIX shell word that a shell parses back to
 * exactly the input string: bare when every character is in a small set that
 * no shell treats specially, otherwise single-quoted with each `'` written as
 * `'\''`. Inside single quotes nothing is special (no `$`, backtick, `\`,
 * newline or glob processing), so `$(touch x)`, backticks, quotes and
 * newlines in a value stay data. NUL cannot be carried by a shell word at all
 * and is refused.
 *
 * `isSafeToken` is the stricter test used for values that go where no quoting
 * exists (sbatch `#SBATCH` lines, comma-separated `--export` lists, file
 * names): ASCII letters, digits, `_`, `.`, `-`, starting with a letter or digit.
 */
import { AutolabError } from "./errors.js";

/**
 * Characters that never need quoting in POSIX sh or bash. `=` is left out so
 * that a bare first word can never be read as a variable assignment; `~` so
 * that it is never tilde-expanded.
 */
const BARE = /^[A-Za-z0-9_@%+:,./-]+$/;

/** Quote `s` as a single POSIX shell word. Throws on NUL, which no shell word can hold. */
export function shellQuote(s: string): string {
  if (s.includes("\0")) {
    throw new AutolabError("a shell word cannot contain a NUL character", {
      hint: "remove the NUL character from the value",
    });
  }
  if (s.length > 0 && BARE.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** Quote every element and join with single spaces. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}

const SAFE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Default upper bound on a token's length (SLURM names are far shorter). */
export const MAX_TOKEN_LENGTH = 128;

/**
 * True when `s` is a non-empty ASCII token of letters, digits, `_`, `.`, `-`
 * that starts with a letter or digit and is at most `maxLength` long: safe in
 * an `#SBATCH` line, in `--export=A=v,B=w`, in a file name and in a shell word
 * without quoting.
 */
export function isSafeToken(s: unknown, maxLength = MAX_TOKEN_LENGTH): s is string {
  return typeof s === "string" && s.length <= maxLength && SAFE_TOKEN.test(s);
}

/** C0 controls other than tab and newline, and DEL: bytes a text file should not carry raw. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f]/;

/**
 * Quote `s` as one bash word for a script file: `shellQuote` unless `s` holds
 * a carriage return or another control character (other than tab and
 * newline), which would not survive as text (git's line-end conversion,
 * editors); then bash's ANSI-C quoting `$'...'` with `\xHH` escapes, which
 * bash turns back into exactly `s`. NUL is refused (no shell word holds it).
 */
export function bashQuote(s: string): string {
  if (!RAW_UNSAFE.test(s)) return shellQuote(s);
  if (s.includes("\0")) return shellQuote(s); // throws
  let out = "$'";
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + "'";
}
