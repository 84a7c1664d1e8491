/**
 * The command line of one `autolab <command>`: node:util's parseArgs splits
 * it into tokens (`--flag`, `--opt value`, `--opt=value`, `-o value`, grouped
 * short flags, `--` ends options); this file judges the tokens, because the
 * rules a person needs are stricter and the words kinder than parseArgs's:
 *
 *  - a value option never takes a flag as its value: `--run-id --json` is
 *    "--run-id needs a value" (a value that starts with a dash is written
 *    `--run-id=-x`);
 *  - an unknown option is refused with the nearest known one ("did you mean");
 *  - extra or missing positional arguments are refused (the count is the
 *    command's);
 *  - a deprecated spelling is accepted with a warning;
 *  - `--help` / `-h` anywhere before `--` asks for help (see wantsHelp).
 *
 * Every mistake is a UsageError (exit 2).
 */
import { statSync } from "node:fs";
import path from "node:path";
import { parseArgs as tokenize } from "node:util";
import { UsageError } from "../util/errors.js";
import { didYouMean } from "./suggest.js";

export interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  /** true = takes a value. */
  value?: boolean;
  /** May be given more than once (values collected into an array). */
  multiple?: boolean;
  short?: string;
  /** An old spelling of option `aliasOf`: accepted, with a deprecation warning. */
  aliasOf?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, boolean>;
  values: Record<string, string>;
  lists: Record<string, string[]>;
  /** Deprecation notes to show on stderr. */
  warnings: string[];
}

export interface ParseRules {
  /** How many positional arguments the command takes (default: none). */
  positionals?: { min: number; max: number; what?: string };
  /** The command, for messages (`autolab <command> --help`). */
  command?: string;
}

/** `--help` or `-h` before `--` (anywhere else on the line). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

function helpHint(rules: ParseRules): string {
  return rules.command ? `see autolab ${rules.command} --help` : "see autolab --help";
}

function unknownOption(raw: string, original: string, specs: readonly OptionSpec[], rules: ParseRules): UsageError {
  const longs = specs.filter((s) => !s.aliasOf).map((s) => `--${s.name}`);
  // A long option written with one dash (`-json`) is split into short flags by the tokenizer: name the whole word.
  const word = raw.startsWith("--") ? raw : original.length > 2 && !original.startsWith("--") ? original : undefined;
  const asLong = word && !word.startsWith("--") ? `-${word}` : word;
  const near = asLong ? (longs.includes(asLong) ? asLong : didYouMean(asLong, longs)) : undefined;
  return new UsageError(`unknown option ${word ?? raw}${near ? ` (did you mean ${near}?)` : ""}`, helpHint(rules));
}

function countPositionals(positionals: string[], rules: ParseRules): void {
  const { min, max, what } = rules.positionals ?? { min: 0, max: 0 };
  const cmd = rules.command ? `${rules.command} ` : "";
  if (positionals.length > max) {
    const extra = positionals[max];
    throw new UsageError(
      max === 0
        ? `${cmd}takes no arguments, got ${JSON.stringify(extra)}`
        : `unexpected argument ${JSON.stringify(extra)} (${cmd}takes ${max === min ? "exactly" : "at most"} ${max}${what ? ` ${what}` : ""})`,
      helpHint(rules),
    );
  }
  if (positionals.length < min) {
    throw new UsageError(
      `${cmd}needs ${min === max ? "exactly" : "at least"} ${min}${what ? ` ${what}` : " argument(s)"}`,
      helpHint(rules),
    );
  }
}

export function parseArgs(argv: string[], specs: readonly OptionSpec[], rules: ParseRules = {}): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const s of specs)
    options[s.name] = { type: s.value ? "string" : "boolean", ...(s.short ? { short: s.short } : {}) };
  const { tokens } = tokenize({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const out: ParsedArgs = { positionals: [], flags: {}, values: {}, lists: {}, warnings: [] };
  for (const t of tokens) {
    if (t.kind === "positional") {
      out.positionals.push(t.value);
      continue;
    }
    if (t.kind === "option-terminator") continue;
    const given = byName.get(t.name);
    if (!given) throw unknownOption(t.rawName, argv[t.index] ?? t.rawName, specs, rules);
    const spec = given.aliasOf ? (byName.get(given.aliasOf) ?? given) : given;
    if (given.aliasOf) out.warnings.push(`${t.rawName} is deprecated: use --${spec.name}`);
    const shown = t.rawName;
    if (!spec.value) {
      if (t.value !== undefined) throw new UsageError(`option ${shown} takes no value`, helpHint(rules));
      out.flags[spec.name] = true;
      continue;
    }
    const v = t.value;
    if (v === undefined || (!t.inlineValue && v.startsWith("-") && v !== "-")) {
      throw new UsageError(
        `option ${shown} needs a value${v === undefined ? "" : ` (got the option ${v})`}`,
        v === undefined ? helpHint(rules) : `a value that starts with a dash is written ${shown}=${v}`,
      );
    }
    if (spec.multiple) (out.lists[spec.name] ??= []).push(v);
    else if (out.values[spec.name] !== undefined && out.values[spec.name] !== v)
      throw new UsageError(`option --${spec.name} given twice`, helpHint(rules));
    else out.values[spec.name] = v;
  }
  countPositionals(out.positionals, rules);
  return out;
}

/** The option every command takes: the repository to act on. */
export const REPO_OPTION: OptionSpec = { name: "repo", value: true };

export interface CommandLine extends ParsedArgs {
  /** Where the command acts: `--repo DIR` resolved from the working directory, else the working directory. */
  cwd: string;
  /** `--repo` was given. */
  repoGiven: boolean;
}

/**
 * Parse a command's line with the shared `--repo DIR` option: the command acts
 * as if started in DIR (like `git -C DIR`), so relative paths on the line are
 * taken from DIR. DIR must be a directory unless `repoMayBeMissing` (init
 * creates it). Deprecation warnings go to stderr.
 */
export function commandLine(
  argv: string[],
  io: { cwd: string; stderr: (s: string) => void },
  specs: readonly OptionSpec[],
  rules: ParseRules & { repoMayBeMissing?: boolean },
): CommandLine {
  const a = parseArgs(argv, [...specs, REPO_OPTION], rules);
  for (const w of a.warnings) io.stderr(`autolab: warning: ${w}\n`);
  const repo = a.values.repo;
  if (repo === undefined) return { ...a, cwd: io.cwd, repoGiven: false };
  if (!repo) throw new UsageError("--repo needs a directory", helpHint(rules));
  const cwd = path.resolve(io.cwd, repo);
  if (!rules.repoMayBeMissing && !isDirectory(cwd))
    throw new UsageError(`--repo ${repo}: no such directory`, helpHint(rules));
  return { ...a, cwd, repoGiven: true };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
