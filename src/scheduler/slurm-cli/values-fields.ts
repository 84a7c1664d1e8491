/**
 * The single design values that reach a job script (walltime, memory,
 * counts, names, constraint expressions, `compute.sbatch_options`), each
 * reduced to a small ASCII alphabet or refused with a Finding naming its
 * design path. values.ts composes them into the compute, runtime and
 * entrypoint blocks. Pure: no I/O.
 */
import { type Finding, type Severity, AutolabError } from "../../util/errors.js";

/** A long sbatch option as written to an `#SBATCH` line: `--name` or `--name=value`. */
export interface Directive {
  option: string;
  value?: string;
}

// ---------------------------------------------------------------------------
// Finding collection

export const CHECK = {
  compute: "design.compute",
  runtime: "design.runtime",
  entrypoint: "design.entrypoint",
} as const;

export class Collector {
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

export function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Words sbatch treats as a heterogeneous-job separator anywhere in a directive line. */
export const HETJOB_WORDS = /hetjob|packjob/i;

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
export function walltime(raw: unknown, path: string, c: Collector): string | undefined {
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
export function memory(raw: unknown, path: string, c: Collector): string | undefined {
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

export function positiveInt(
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

export function token(
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

export const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const NAME_HINT = "use only letters, digits, '_', '.', '-' (starting with a letter or digit)";
export const PARTITION = /^[A-Za-z0-9][A-Za-z0-9_.-]*(,[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;
export const CONSTRAINT = /^[A-Za-z0-9_.+&|,[\]*():!-]+$/;

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
  array: "a sweep is an array: use replicates and sweep in design.yaml",
  hetjob: "one autolab run is one job",
  packjob: "one autolab run is one job",
  wrap: "the job runs the design's entrypoint",
  clusters: "use compute.cluster (the monitor, cancel and adoption then ask that cluster with -M)",
  cluster: "use compute.cluster (the monitor, cancel and adoption then ask that cluster with -M)",
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

export function extraOptions(raw: unknown, path: string, memorySet: boolean, c: Collector): Directive[] {
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
    if (/^-M/.test(item))
      return c.error(p, `sbatch option -M cannot be set in sbatch_options: ${REFUSED_EXTRA_OPTIONS.clusters}`);
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
