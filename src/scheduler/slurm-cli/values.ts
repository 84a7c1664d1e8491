/**
 * Validation and normalisation of every design value that reaches a job
 * script: the `compute` block (which becomes `#SBATCH` lines), the `runtime`
 * block (env exports and setup lines) and the `entrypoint`.
 *
 * Why so strict: `#SBATCH` lines are not shell-parsed, but sbatch splits them
 * on whitespace, strips quotes and backslashes, treats an unquoted `#` as the
 * start of a comment, and treats the words `hetjob`/`packjob` anywhere in a
 * directive line as a heterogeneous-job separator. A value is therefore only
 * ever written into a directive after it has been reduced to a small ASCII
 * alphabet (per field: names, numbers, a SLURM time, a memory size, a
 * constraint expression). Nothing else from the design reaches a directive.
 *
 * Every problem is a Finding carrying the JSON path of the design field
 * (e.g. `/compute/partition`), so callers that know the design file can add
 * file/line/column through their `locate(jsonPath)`. The `normalize*`
 * functions throw one AutolabError (jsonPath of the first problem, all
 * problems in `findings`); the `validate*` functions return the findings.
 * Pure: no I/O.
 */
import type { Design } from "../../contract/types.js";
import { AutolabError, type Finding, type Severity } from "../../util/errors.js";
import { isSafeToken } from "./shell.js";

/** A long sbatch option as written to an `#SBATCH` line: `--name` or `--name=value`. */
export interface Directive {
  option: string;
  value?: string;
}

export interface NormalizedCompute {
  /** `--time`: `HH:MM:SS`, `D-HH:MM:SS` or `UNLIMITED`. */
  time?: string;
  /** `--mem`: integer with K/M/G/T suffix. */
  mem?: string;
  cpusPerTask?: number;
  /** `--gres`: `gpu:n` or `gpu:type:n`. */
  gres?: string;
  partition?: string;
  qos?: string;
  nodes?: number;
  account?: string;
  constraint?: string;
  /** `compute.sbatch_options`, validated, in the user's order. */
  extraOptions: Directive[];
}

export interface NormalizedRuntime {
  /** The user's setup lines, verbatim, one line each. */
  setup: string[];
  /** Environment to export, sorted by name; values are arbitrary strings (shell-quoted when rendered). */
  env: Array<[string, string]>;
}

export type NormalizedEntrypoint =
  { kind: "cli"; cli: string } | { kind: "module"; module: string; args: Record<string, unknown> };

// ---------------------------------------------------------------------------
// Finding collection

const CHECK = {
  compute: "design.compute",
  runtime: "design.runtime",
  entrypoint: "design.entrypoint",
} as const;

class Collector {
  readonly findings: Finding[] = [];
  constructor(private readonly check: string) {}
  add(severity: Severity, jsonPath: string, message: string, hint?: string): undefined {
    this.findings.push({ severity, check: this.check, jsonPath, message, ...(hint ? { hint } : {}) });
    return undefined;
  }
  error(jsonPath: string, message: string, hint?: string): undefined {
    return this.add("error", jsonPath, message, hint);
  }
}

/** Throw the error findings (if any) as one AutolabError located at the first one. */
export function throwIfErrors(findings: Finding[]): void {
  const errors = findings.filter((f) => f.severity === "error");
  if (!errors.length) return;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  throw new AutolabError(`${first.message}${more}`, { jsonPath: first.jsonPath, hint: first.hint, findings: errors });
}

/** A short, escaped rendering of a hostile value for messages (newlines etc. shown as escapes). */
export function describeValue(v: unknown): string {
  let s: string;
  try {
    s = typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}

/** `/compute/partition` style JSON pointer (RFC 6901 escaping). */
export function pointer(...parts: Array<string | number>): string {
  return parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Words sbatch treats as a heterogeneous-job separator anywhere in a directive line. */
const HETJOB_WORDS = /hetjob|packjob/i;

// ---------------------------------------------------------------------------
// Single values (exported: the verifier and other stages reuse them)

const MAX_SLURM_MINUTES = 0xfffffffe - 1; // SLURM keeps time limits as uint32 minutes; 0xfffffffe = INFINITE

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Seconds -> `HH:MM:SS`, or `D-HH:MM:SS` from one day on. */
export function formatSlurmTime(totalSeconds: number): string {
  const days = Math.floor(totalSeconds / 86400);
  const rest = totalSeconds % 86400;
  const hms = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/**
 * Walltime in any format `sbatch --time` accepts (minutes, MM:SS, HH:MM:SS,
 * D-HH, D-HH:MM, D-HH:MM:SS; a YAML integer is minutes; UNLIMITED/INFINITE)
 * to the canonical `HH:MM:SS` / `D-HH:MM:SS` (or `UNLIMITED`). Minutes and
 * seconds must be below 60, hours after a day count below 24, the total above
 * zero (SLURM reads `0` as "no limit": say UNLIMITED if that is meant).
 * Returns undefined and records a finding when invalid.
 */
function walltime(raw: unknown, path: string, c: Collector): string | undefined {
  const hint =
    'write the walltime as HH:MM:SS, D-HH:MM:SS, D-HH, MM:SS or whole minutes, e.g. "02:00:00" or "2-00:00:00"';
  let seconds: number;
  if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw) || raw <= 0)
      return c.error(path, `walltime ${describeValue(raw)} is not a positive whole number of minutes`, hint);
    seconds = raw * 60;
  } else if (typeof raw === "string") {
    if (/^(unlimited|infinite)$/i.test(raw)) return "UNLIMITED";
    const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
    let m: RegExpExecArray | null;
    const D = "(\\d{1,7})";
    const T = "(\\d{1,2})";
    if ((m = new RegExp(`^${D}$`).exec(raw))) seconds = n(m[1]) * 60;
    else if ((m = new RegExp(`^${D}:${T}$`).exec(raw))) {
      if (n(m[2]) > 59) return c.error(path, `walltime ${describeValue(raw)}: seconds must be 00-59`, hint);
      seconds = n(m[1]) * 60 + n(m[2]);
    } else if ((m = new RegExp(`^${D}:${T}:${T}$`).exec(raw))) {
      if (n(m[2]) > 59 || n(m[3]) > 59)
        return c.error(path, `walltime ${describeValue(raw)}: minutes and seconds must be 00-59`, hint);
      seconds = n(m[1]) * 3600 + n(m[2]) * 60 + n(m[3]);
    } else if ((m = new RegExp(`^${D}-${T}(?::${T}(?::${T})?)?$`).exec(raw))) {
      if (n(m[2]) > 23)
        return c.error(path, `walltime ${describeValue(raw)}: hours after the day count must be 00-23`, hint);
      if (n(m[3]) > 59 || n(m[4]) > 59)
        return c.error(path, `walltime ${describeValue(raw)}: minutes and seconds must be 00-59`, hint);
      seconds = n(m[1]) * 86400 + n(m[2]) * 3600 + n(m[3]) * 60 + n(m[4]);
    } else {
      return c.error(path, `walltime ${describeValue(raw)} is not a SLURM time`, hint);
    }
  } else {
    return c.error(path, `walltime must be a string such as "02:00:00" (got ${describeValue(raw)})`, hint);
  }
  if (seconds <= 0)
    return c.error(
      path,
      `walltime ${describeValue(raw)} is zero; SLURM would read it as "no limit"`,
      'give a positive walltime, or "UNLIMITED" if that is meant',
    );
  if (Math.ceil(seconds / 60) > MAX_SLURM_MINUTES)
    return c.error(path, `walltime ${describeValue(raw)} is larger than SLURM can represent`, hint);
  return formatSlurmTime(seconds);
}

const MEM_UNITS = ["K", "M", "G", "T"] as const;

/**
 * Memory `<number>[K|M|G|T][B|iB]` (case-insensitive; a YAML integer or a
 * bare number means megabytes, SLURM's default unit, with a warning) to the
 * `--mem` form: integer + one of K, M, G, T (SLURM units are powers of 1024).
 * A fraction is expressed in a smaller unit when exact (`1.5G` -> `1536M`).
 */
function memory(raw: unknown, path: string, c: Collector): string | undefined {
  const hint = 'write memory as an integer with a unit, e.g. "64GB", "512MB", "64G"';
  let num: string;
  let unit: string | undefined;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw <= 0)
      return c.error(path, `memory ${describeValue(raw)} must be a positive size`, hint);
    num = String(raw);
    if (!/^\d+(\.\d+)?$/.test(num)) return c.error(path, `memory ${describeValue(raw)} is not a plain number`, hint);
  } else if (typeof raw === "string") {
    const m = /^(\d{1,15}(?:\.\d{1,6})?)([KMGT])?(i?B)?$/i.exec(raw);
    if (!m) return c.error(path, `memory ${describeValue(raw)} is not a size like 64GB or 512M`, hint);
    if (m[3] && !m[2])
      return c.error(path, `memory ${describeValue(raw)} is in bytes; SLURM's smallest unit is K`, hint);
    num = m[1];
    unit = m[2]?.toUpperCase();
  } else {
    return c.error(path, `memory must be a string such as "64GB" (got ${describeValue(raw)})`, hint);
  }
  if (unit === undefined) {
    c.add(
      "warning",
      path,
      `memory ${describeValue(raw)} has no unit; taken as megabytes (SLURM's default unit)`,
      `write "${num}M" or e.g. "${num}G" to say which is meant`,
    );
    unit = "M";
  }
  let idx = MEM_UNITS.indexOf(unit as (typeof MEM_UNITS)[number]);
  const [intPart, fracPart = ""] = num.split(".");
  // Exact arithmetic on the decimal string: value = digits / 10^frac.length.
  let digits = BigInt(intPart + fracPart);
  const scale = 10n ** BigInt(fracPart.length);
  while (digits % scale !== 0n) {
    if (idx === 0) return c.error(path, `memory ${describeValue(raw)} is not a whole number of kilobytes`, hint);
    digits *= 1024n;
    idx -= 1;
  }
  digits /= scale;
  if (digits <= 0n)
    return c.error(
      path,
      `memory ${describeValue(raw)} is zero; SLURM reads --mem=0 as "all memory of the node"`,
      "give the memory the job needs",
    );
  return `${digits}${MEM_UNITS[idx]}`;
}

function positiveInt(
  raw: unknown,
  path: string,
  what: string,
  c: Collector,
  max: number,
  allowZero = false,
): number | undefined {
  let n: number | undefined;
  if (typeof raw === "number" && Number.isSafeInteger(raw)) n = raw;
  else if (typeof raw === "string" && /^\d{1,9}$/.test(raw)) n = Number(raw);
  const min = allowZero ? 0 : 1;
  if (n === undefined || n < min || n > max) {
    return c.error(path, `${what} ${describeValue(raw)} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

function token(
  raw: unknown,
  path: string,
  what: string,
  c: Collector,
  pattern: RegExp,
  maxLength: number,
  hint: string,
): string | undefined {
  if (typeof raw !== "string") return c.error(path, `${what} must be a string (got ${describeValue(raw)})`, hint);
  if (raw.length > maxLength)
    return c.error(path, `${what} is ${raw.length} characters long; at most ${maxLength} are accepted`, hint);
  if (!pattern.test(raw))
    return c.error(path, `${what} ${describeValue(raw)} contains characters that are not allowed`, hint);
  if (HETJOB_WORDS.test(raw))
    return c.error(
      path,
      `${what} ${describeValue(raw)} contains "hetjob"/"packjob", which sbatch reads as a job separator in #SBATCH lines`,
    );
  return raw;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NAME_HINT = "use only letters, digits, '_', '.', '-' (starting with a letter or digit)";
const PARTITION = /^[A-Za-z0-9][A-Za-z0-9_.-]*(,[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
const CONSTRAINT = /^[A-Za-z0-9_.+&|,[\]*():!-]+$/;

// ---------------------------------------------------------------------------
// sbatch_options

/**
 * Options sbatch accepts that a design may add through
 * `compute.sbatch_options`. Only exact long names are accepted: sbatch
 * (getopt_long) also accepts unambiguous abbreviations, so a name that is
 * not on this list could be an abbreviation of an option autolab manages.
 */
const ALLOWED_EXTRA_OPTIONS = new Set([
  "acctg-freq",
  "batch",
  "bb",
  "begin",
  "cluster-constraint",
  "comment",
  "contiguous",
  "core-spec",
  "cores-per-socket",
  "cpu-freq",
  "cpus-per-gpu",
  "deadline",
  "delay-boot",
  "dependency",
  "distribution",
  "exclude",
  "exclusive",
  "extra-node-info",
  "get-user-env",
  "gpu-bind",
  "gpu-freq",
  "gpus",
  "gpus-per-node",
  "gpus-per-socket",
  "gpus-per-task",
  "gres-flags",
  "hint",
  "hold",
  "kill-on-invalid-dep",
  "licenses",
  "mail-type",
  "mail-user",
  "mcs-label",
  "mem-bind",
  "mem-per-cpu",
  "mem-per-gpu",
  "mincpus",
  "network",
  "nice",
  "no-kill",
  "no-requeue",
  "nodefile",
  "nodelist",
  "ntasks",
  "ntasks-per-core",
  "ntasks-per-gpu",
  "ntasks-per-node",
  "ntasks-per-socket",
  "overcommit",
  "oversubscribe",
  "power",
  "prefer",
  "priority",
  "profile",
  "propagate",
  "reboot",
  "requeue",
  "reservation",
  "signal",
  "sockets-per-node",
  "spread-job",
  "switches",
  "thread-spec",
  "threads-per-core",
  "time-min",
  "tmp",
  "tres-per-task",
  "use-min-nodes",
  "wckey",
]);

/** Options a design may not set through sbatch_options, and why. */
const REFUSED_EXTRA_OPTIONS: Record<string, string> = {
  "job-name": "autolab names the job autolab-<run_id> so it can always be found again",
  output: "autolab sends the job's output to runs/<run_id>/logs/",
  error: "autolab sends the job's errors to runs/<run_id>/logs/",
  "open-mode": "autolab appends to the logs so they survive a requeue",
  chdir: "autolab runs the job in the repository checkout",
  export: "autolab passes the job's environment on the sbatch command line; use runtime.env",
  "export-file": "use runtime.env",
  time: "use compute.walltime_estimate",
  mem: "use compute.memory_estimate",
  "cpus-per-task": "use compute.cpus_per_task",
  gres: "use compute.gpu_count and compute.gpu_type",
  partition: "use compute.partition",
  qos: "use compute.qos",
  nodes: "use compute.num_nodes",
  account: "use compute.account",
  constraint: "use compute.constraint",
  array: "one autolab run is one job; use replicates",
  hetjob: "one autolab run is one job",
  packjob: "one autolab run is one job",
  wrap: "the job runs the design's entrypoint",
  clusters: "autolab tracks jobs on one cluster",
  parsable: "changes what sbatch prints, which autolab reads",
  wait: "would make submission block until the job ends",
  "test-only": "would not submit the job",
  quiet: "changes what sbatch prints, which autolab reads",
  verbose: "changes what sbatch prints, which autolab reads",
  help: "not a job option",
  usage: "not a job option",
  version: "not a job option",
  uid: "the job runs as the submitting user",
  gid: "the job runs as the submitting user",
  input: "batch jobs read no input",
  "ignore-pbs": "not needed: autolab's scripts carry no #PBS lines",
};

const OPTION_VALUE = /^[A-Za-z0-9_.,:=/@%+*!&|?()[\]-]+$/;

function extraOptions(raw: unknown, path: string, memorySet: boolean, c: Collector): Directive[] {
  if (!Array.isArray(raw)) {
    c.error(path, `sbatch_options must be a list of strings such as "--exclusive" (got ${describeValue(raw)})`);
    return [];
  }
  const out: Directive[] = [];
  raw.forEach((item, i) => {
    const p = pointer("compute", "sbatch_options", i);
    const hint = 'write one long option per item, e.g. "--exclusive" or "--mail-type=END"';
    if (typeof item !== "string")
      return c.error(p, `sbatch option must be a string (got ${describeValue(item)})`, hint);
    if (item.length > 256)
      return c.error(p, `sbatch option is ${item.length} characters long; at most 256 are accepted`, hint);
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(item);
    if (!m) return c.error(p, `sbatch option ${describeValue(item)} is not of the form --name or --name=value`, hint);
    const [, name, value] = m;
    const refused = REFUSED_EXTRA_OPTIONS[name];
    if (refused) return c.error(p, `sbatch option --${name} cannot be set in sbatch_options: ${refused}`);
    if (!ALLOWED_EXTRA_OPTIONS.has(name)) {
      return c.error(
        p,
        `--${name} is not an sbatch option autolab accepts in sbatch_options (write the full option name; abbreviations are refused)`,
        hint,
      );
    }
    if ((name === "mem-per-cpu" || name === "mem-per-gpu") && memorySet) {
      return c.error(
        p,
        `--${name} conflicts with compute.memory_estimate (--mem); SLURM accepts only one of them`,
        "remove one of the two",
      );
    }
    if (value !== undefined) {
      if (value === "" || !OPTION_VALUE.test(value)) {
        return c.error(
          p,
          `value of sbatch option ${describeValue(item)} contains characters that are not allowed in an #SBATCH line`,
          "values may use letters, digits and _ . , : = / @ % + * ! & | ? ( ) [ ] -; no spaces, quotes, '#', '$' or backslashes",
        );
      }
      if (HETJOB_WORDS.test(value))
        return c.error(
          p,
          `sbatch option ${describeValue(item)} contains "hetjob"/"packjob", which sbatch reads as a job separator`,
        );
    }
    out.push(value === undefined ? { option: `--${name}` } : { option: `--${name}`, value });
    return undefined;
  });
  return out;
}

// ---------------------------------------------------------------------------
// Blocks

function asObject(raw: unknown, path: string, what: string, c: Collector): Record<string, unknown> | undefined {
  if (!present(raw)) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw))
    return c.error(path, `${what} must be a mapping (got ${describeValue(raw)})`);
  return raw as Record<string, unknown>;
}

function collectCompute(design: Design): { value: NormalizedCompute; findings: Finding[] } {
  const c = new Collector(CHECK.compute);
  const value: NormalizedCompute = { extraOptions: [] };
  const compute = asObject((design as { compute?: unknown }).compute, "/compute", "compute", c);
  if (!compute) {
    if (!present((design as { compute?: unknown }).compute))
      c.error("/compute", "design has no compute block", "add compute: {location: slurm, ...}");
    return { value, findings: c.findings };
  }
  const f = (k: string) => compute[k];
  if (present(f("walltime_estimate"))) value.time = walltime(f("walltime_estimate"), "/compute/walltime_estimate", c);
  if (present(f("memory_estimate"))) value.mem = memory(f("memory_estimate"), "/compute/memory_estimate", c);
  if (present(f("cpus_per_task")))
    value.cpusPerTask = positiveInt(f("cpus_per_task"), "/compute/cpus_per_task", "cpus_per_task", c, 100_000);
  if (present(f("num_nodes"))) value.nodes = positiveInt(f("num_nodes"), "/compute/num_nodes", "num_nodes", c, 100_000);

  const gpuCount = present(f("gpu_count"))
    ? positiveInt(f("gpu_count"), "/compute/gpu_count", "gpu_count", c, 4096, true)
    : undefined;
  let gpuType: string | undefined;
  if (present(f("gpu_type"))) {
    gpuType = token(f("gpu_type"), "/compute/gpu_type", "gpu_type", c, NAME, 64, NAME_HINT);
    if (gpuType !== undefined && !gpuCount) {
      c.add(
        "warning",
        "/compute/gpu_type",
        `gpu_type ${describeValue(gpuType)} is ignored because gpu_count is ${gpuCount ?? "not set"}`,
        "set gpu_count, or remove gpu_type",
      );
    }
  }
  if (gpuCount) value.gres = gpuType !== undefined ? `gpu:${gpuType}:${gpuCount}` : `gpu:${gpuCount}`;

  if (present(f("partition")))
    value.partition = token(
      f("partition"),
      "/compute/partition",
      "partition",
      c,
      PARTITION,
      256,
      NAME_HINT + "; several partitions are separated by ','",
    );
  if (present(f("qos"))) value.qos = token(f("qos"), "/compute/qos", "qos", c, NAME, 128, NAME_HINT);
  if (present(f("account")))
    value.account = token(f("account"), "/compute/account", "account", c, NAME, 128, NAME_HINT);
  if (present(f("constraint"))) {
    value.constraint = token(
      f("constraint"),
      "/compute/constraint",
      "constraint",
      c,
      CONSTRAINT,
      256,
      'use feature names combined with & | , * ! [ ] ( ) :, e.g. "a100&ib"',
    );
  }
  if (present(f("sbatch_options")))
    value.extraOptions = extraOptions(f("sbatch_options"), "/compute/sbatch_options", value.mem !== undefined, c);
  return { value, findings: c.findings };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names the job script sets itself, or that would change how bash runs it. */
const RESERVED_ENV = /^(AUTOLAB_.*|RUN_ID|SLURM_.*|BASH_.*|BASHOPTS|SHELLOPTS|IFS|ENV|PS4|POSIXLY_CORRECT)$/;

function collectRuntime(design: Design): { value: NormalizedRuntime; findings: Finding[] } {
  const c = new Collector(CHECK.runtime);
  const value: NormalizedRuntime = { setup: [], env: [] };
  const runtime = asObject((design as { runtime?: unknown }).runtime, "/runtime", "runtime", c);
  if (!runtime) return { value, findings: c.findings };

  const setup = runtime.setup;
  if (present(setup)) {
    if (!Array.isArray(setup))
      c.error("/runtime/setup", `runtime.setup must be a list of shell lines (got ${describeValue(setup)})`);
    else {
      setup.forEach((line, i) => {
        const p = pointer("runtime", "setup", i);
        if (typeof line !== "string") return c.error(p, `setup line must be a string (got ${describeValue(line)})`);
        if (/[\n\r\0]/.test(line))
          return c.error(
            p,
            `setup line ${describeValue(line)} contains a line break or NUL`,
            "give each shell line as its own list item",
          );
        if (/^\s*#\s*(SBATCH|PBS|BSUB)/i.test(line)) {
          return c.error(
            p,
            `setup line ${describeValue(line)} looks like a scheduler directive`,
            "put scheduler options in compute (or compute.sbatch_options), not in runtime.setup",
          );
        }
        if (/\p{Surrogate}/u.test(line)) return c.error(p, "setup line contains an invalid Unicode code point");
        value.setup.push(line);
        return undefined;
      });
    }
  }

  const env = runtime.env;
  if (present(env)) {
    const obj = asObject(env, "/runtime/env", "runtime.env", c);
    if (obj) {
      for (const name of Object.keys(obj).sort()) {
        const p = pointer("runtime", "env", name);
        const v = obj[name];
        if (!ENV_NAME.test(name)) {
          c.error(
            p,
            `environment variable name ${describeValue(name)} is not a valid shell name`,
            "use letters, digits and '_', not starting with a digit",
          );
          continue;
        }
        if (RESERVED_ENV.test(name)) {
          c.error(p, `environment variable ${name} is set by autolab, SLURM or bash and cannot be overridden`);
          continue;
        }
        let s: string;
        if (typeof v === "string") s = v;
        else if (typeof v === "number" && Number.isFinite(v)) s = String(v);
        else if (typeof v === "boolean") s = v ? "true" : "false";
        else {
          c.error(p, `value of ${name} must be a string, number or boolean (got ${describeValue(v)})`);
          continue;
        }
        if (s.includes("\0")) {
          c.error(p, `value of ${name} contains a NUL character, which no environment variable can hold`);
          continue;
        }
        if (/\p{Surrogate}/u.test(s)) {
          c.error(p, `value of ${name} contains an invalid Unicode code point`);
          continue;
        }
        value.env.push([name, s]);
      }
    }
  }
  return { value, findings: c.findings };
}

const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const ARG_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function collectEntrypoint(design: Design): { value?: NormalizedEntrypoint; findings: Finding[] } {
  const c = new Collector(CHECK.entrypoint);
  const ep = asObject((design as { entrypoint?: unknown }).entrypoint, "/entrypoint", "entrypoint", c);
  if (!ep) {
    if (!c.findings.length)
      c.error("/entrypoint", "design has no entrypoint", "add entrypoint.module (with args) or entrypoint.cli");
    return { findings: c.findings };
  }
  if (present(ep.cli)) {
    const cli = ep.cli;
    if (typeof cli !== "string" || cli.trim() === "") {
      c.error("/entrypoint/cli", `entrypoint.cli must be a non-empty command line (got ${describeValue(cli)})`);
      return { findings: c.findings };
    }
    if (cli.includes("\0")) {
      c.error("/entrypoint/cli", "entrypoint.cli contains a NUL character");
      return { findings: c.findings };
    }
    if (/\p{Surrogate}/u.test(cli)) {
      c.error("/entrypoint/cli", "entrypoint.cli contains an invalid Unicode code point");
      return { findings: c.findings };
    }
    return { value: { kind: "cli", cli }, findings: c.findings };
  }
  if (!present(ep.module)) {
    c.error(
      "/entrypoint",
      "entrypoint needs module or cli",
      "add entrypoint.module (a Python module run with -m) or entrypoint.cli",
    );
    return { findings: c.findings };
  }
  if (typeof ep.module !== "string" || !MODULE.test(ep.module) || ep.module.length > 256) {
    c.error(
      "/entrypoint/module",
      `entrypoint.module ${describeValue(ep.module)} is not a Python module name`,
      "e.g. train or mypkg.train",
    );
    return { findings: c.findings };
  }
  const args = present(ep.args) ? asObject(ep.args, "/entrypoint/args", "entrypoint.args", c) : {};
  if (!args) return { findings: c.findings };
  for (const [k, v] of Object.entries(args)) {
    const p = pointer("entrypoint", "args", k);
    if (!ARG_KEY.test(k))
      c.error(p, `argument name ${describeValue(k)} cannot become a --flag`, "use letters, digits, '_', '.', '-'");
    checkArgValue(v, p, c);
  }
  return { value: { kind: "module", module: ep.module, args }, findings: c.findings };
}

function checkArgValue(v: unknown, p: string, c: Collector, depth = 0): void {
  if (depth > 64) {
    c.error(p, "argument value is nested too deeply (or refers to itself)");
    return;
  }
  if (typeof v === "string") {
    if (v.includes("\0"))
      c.error(p, "argument value contains a NUL character, which no command-line argument can hold");
    else if (/\p{Surrogate}/u.test(v)) c.error(p, "argument value contains an invalid Unicode code point");
  } else if (typeof v === "number") {
    if (!Number.isFinite(v)) c.error(p, `argument value ${describeValue(v)} is not a finite number`);
  } else if (Array.isArray(v)) {
    v.forEach((item, i) => checkArgValue(item, `${p}/${i}`, c, depth + 1));
  } else if (v !== null && typeof v === "object") {
    for (const [k, item] of Object.entries(v as Record<string, unknown>))
      checkArgValue(item, p + pointer(k), c, depth + 1);
  } else if (typeof v !== "boolean" && v !== null && v !== undefined) {
    c.error(p, `argument value of type ${typeof v} is not supported`);
  }
}

// ---------------------------------------------------------------------------
// Public API

/** Findings for the `compute` block (what becomes `#SBATCH` lines). */
export function validateComputeValues(design: Design): Finding[] {
  return collectCompute(design).findings;
}

/** Findings for the `runtime` block (setup lines and env). */
export function validateRuntimeValues(design: Design): Finding[] {
  return collectRuntime(design).findings;
}

/** Findings for the `entrypoint` (what the job runs). */
export function validateEntrypointValues(design: Design): Finding[] {
  return collectEntrypoint(design).findings;
}

/** Every finding the renderer would raise for this design. */
export function validateRenderValues(design: Design): Finding[] {
  return [...validateComputeValues(design), ...validateRuntimeValues(design), ...validateEntrypointValues(design)];
}

/** Normalised compute values; throws an AutolabError (jsonPath of the first problem) when any is invalid. */
export function normalizeCompute(design: Design): NormalizedCompute {
  const { value, findings } = collectCompute(design);
  throwIfErrors(findings);
  return value;
}

export function normalizeRuntime(design: Design): NormalizedRuntime {
  const { value, findings } = collectRuntime(design);
  throwIfErrors(findings);
  return value;
}

export function normalizeEntrypoint(design: Design): NormalizedEntrypoint {
  const { value, findings } = collectEntrypoint(design);
  throwIfErrors(findings);
  if (!value) throw new AutolabError("design has no usable entrypoint", { jsonPath: "/entrypoint" });
  return value;
}

/** Walltime to SLURM's `--time` form; throws an AutolabError naming `path`. */
export function normalizeWalltime(raw: unknown, path = "/compute/walltime_estimate"): string {
  const c = new Collector(CHECK.compute);
  const v = walltime(raw, path, c);
  throwIfErrors(c.findings);
  return v as string;
}

/** Memory to SLURM's `--mem` form (64GB -> 64G); throws an AutolabError naming `path`. */
export function normalizeMemory(raw: unknown, path = "/compute/memory_estimate"): string {
  const c = new Collector(CHECK.compute);
  const v = memory(raw, path, c);
  throwIfErrors(c.findings);
  return v as string;
}

/** A value that must be a safe token (run id, iteration id); throws naming `what`. */
export function requireSafeToken(raw: unknown, what: string, jsonPath?: string): string {
  if (!isSafeToken(raw)) {
    throw new AutolabError(`${what} ${describeValue(raw)} is not a safe token`, {
      jsonPath,
      hint: "use only letters, digits, '_', '.', '-' (starting with a letter or digit, at most 128 characters)",
    });
  }
  return raw;
}

const PATH_CHARS = /^[A-Za-z0-9_.@+/-]+$/;

/**
 * A path that is written into `#SBATCH --chdir/--output/--error` lines and
 * into the script: it must be free of whitespace, quotes, `#`, `%` (a SLURM
 * filename pattern), backslashes and `.`/`..` segments. `absolute` picks
 * whether it must start with `/` or must not.
 */
export function requireDirectivePath(raw: unknown, what: string, absolute: boolean): string {
  const hint = "use a directory path made of letters, digits and _ . @ + - / (no spaces, quotes, '#', '%' or '..')";
  if (
    typeof raw !== "string" ||
    raw.length === 0 ||
    raw.length > 1024 ||
    !PATH_CHARS.test(raw) ||
    HETJOB_WORDS.test(raw)
  ) {
    throw new AutolabError(`${what} ${describeValue(raw)} cannot be used in an #SBATCH line`, { hint });
  }
  if (absolute !== raw.startsWith("/")) {
    throw new AutolabError(`${what} ${describeValue(raw)} must be ${absolute ? "an absolute" : "a relative"} path`, {
      hint,
    });
  }
  const segments = raw.split("/").filter((s, i) => !(i === 0 && s === "" && absolute));
  if (
    segments.some((s) => s === "." || s === "..") ||
    (segments.length > 1 && segments.slice(0, -1).some((s) => s === ""))
  ) {
    throw new AutolabError(`${what} ${describeValue(raw)} must be a normalised path (no '.', '..' or empty segments)`, {
      hint,
    });
  }
  return raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
}
