/**
 * Placeholder templates for commands the tool runs on a researcher's behalf
 * (extract parsers, rsync sources): `python -m parse {run_dir} --id {run_id}`.
 *
 * A command template is split into argv FIRST, with a small quote-aware
 * splitter (POSIX-shell-like quoting, no expansion of any kind), and only then
 * are placeholders substituted into each argument. A value that holds spaces,
 * `;`, quotes or `$(...)` therefore stays one argument and is never seen by a
 * shell. Unknown placeholders are refused, so a typo fails loudly instead of
 * reaching the program as a literal `{rn_id}`.
 *
 * Placeholders are `{name}` with `name` an identifier (`[A-Za-z_][A-Za-z0-9_]*`).
 * Braces around anything else (JSON such as `{"a": 1}`, `{}`) are literal text.
 */
import { AutolabError } from "../util/errors.js";

/** Placeholders known to run-level templates. */
export const RUN_PLACEHOLDERS = ["run_id", "iteration_id", "iteration_path", "run_dir", "repo_root"] as const;
export type RunPlaceholder = (typeof RUN_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<string, string>;

const PLACEHOLDER_RE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Characters a shell would interpret; outside quotes they are refused (no shell runs the command). */
const SHELL_OPERATORS = new Set(["|", "&", ";", "<", ">", "(", ")", "`", "$"]);

export interface TemplateWhere {
  /** What the template is, for messages, e.g. `extract_parser.command`. */
  what?: string;
  /** File the template came from (repository-relative). */
  file?: string;
  /** JSON pointer of the template inside that file, e.g. `/extract_parser/command`. */
  jsonPath?: string;
}

function templateError(message: string, where: TemplateWhere, hint: string): AutolabError {
  const what = where.what ?? "command template";
  return new AutolabError(`${what}: ${message}`, { file: where.file, jsonPath: where.jsonPath, hint });
}

/**
 * Split a command line into argv the way a POSIX shell splits words, without
 * any expansion: whitespace separates words; `'...'` is literal; inside
 * `"..."` a backslash escapes only `"`, `\`, `$` and `` ` ``; outside quotes a
 * backslash escapes the next character. Shell operators (`| & ; < > ( ) $ ``)
 * outside quotes are refused, since no shell will run the command.
 */
export function splitCommandLine(line: string, where: TemplateWhere = {}): string[] {
  const argv: string[] = [];
  let cur = "";
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) argv.push(cur);
      cur = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw templateError(`unterminated single quote at column ${i + 1}`, where, "close the quote");
      cur += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (!closed) throw templateError("unterminated double quote", where, "close the quote");
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= line.length) throw templateError("trailing backslash", where, "remove it or escape it as \\\\");
      cur += line[i + 1];
      i += 2;
      continue;
    }
    if (SHELL_OPERATORS.has(c)) {
      throw templateError(
        `shell syntax ${JSON.stringify(c)} at column ${i + 1} is not supported: the command runs without a shell`,
        where,
        "quote the character if it is meant literally, or put the pipeline in a script and run that script",
      );
    }
    cur += c;
    i++;
  }
  if (inWord) argv.push(cur);
  return argv;
}

/** Names of the placeholders used in `text`, in order of appearance (with repeats). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]);
}

/**
 * Replace every `{name}` in `text` by `values[name]`. A name not in `allowed`
 * (default: the keys of `values`) is an error, as is an allowed name without a
 * value. Substituted values are not scanned again.
 */
export function substitutePlaceholders(
  text: string,
  values: PlaceholderValues,
  where: TemplateWhere = {},
  allowed: readonly string[] = Object.keys(values),
): string {
  return text.replace(PLACEHOLDER_RE, (_m, name: string) => {
    if (!allowed.includes(name)) {
      throw templateError(
        `unknown placeholder {${name}}`,
        where,
        `known placeholders: ${allowed.map((n) => `{${n}}`).join(" ")}`,
      );
    }
    const v = values[name];
    if (v === undefined)
      throw templateError(`placeholder {${name}} has no value here`, where, "remove the placeholder");
    return v;
  });
}

/**
 * Split `template` into argv, then substitute placeholders into each
 * argument. The result has at least one element (the program).
 */
export function renderArgv(
  template: string,
  values: PlaceholderValues,
  where: TemplateWhere = {},
  allowed: readonly string[] = Object.keys(values),
): string[] {
  const words = splitCommandLine(template, where);
  if (words.length === 0) throw templateError("command is empty", where, "give the program to run and its arguments");
  const argv = words.map((w) => substitutePlaceholders(w, values, where, allowed));
  if (argv[0] === "") throw templateError("the program name is empty", where, "start the command with a program");
  return argv;
}
