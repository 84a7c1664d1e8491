/**
 * A small, strict argument parser: `--flag`, `--opt value`, `--opt=value`,
 * positionals, `--` ends options. Unknown options are a UsageError (exit 2).
 */
import { UsageError } from "../util/errors.js";

export interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  /** true = takes a value. */
  value?: boolean;
  /** May be given more than once (values collected into an array). */
  multiple?: boolean;
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, boolean>;
  values: Record<string, string>;
  lists: Record<string, string[]>;
}

export function parseArgs(argv: string[], specs: OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const out: ParsedArgs = { positionals: [], flags: {}, values: {}, lists: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      inline = eq >= 0 ? a.slice(eq + 1) : undefined;
      spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}`);
    } else if (a.startsWith("-") && a.length === 2) {
      spec = byShort.get(a.slice(1));
      if (!spec) throw new UsageError(`unknown option ${a}`);
    } else {
      out.positionals.push(a);
      continue;
    }
    if (spec.value) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`option --${spec.name} needs a value`);
      if (spec.multiple) (out.lists[spec.name] ??= []).push(v);
      else out.values[spec.name] = v;
    } else {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`);
      out.flags[spec.name] = true;
    }
  }
  return out;
}
