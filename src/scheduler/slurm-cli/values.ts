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
import { AutolabError, type Finding } from "../../util/errors.js";
import { isSafeToken } from "../../util/shell.js";
import {
  CHECK,
  Collector,
  CONSTRAINT,
  describeValue,
  extraOptions,
  HETJOB_WORDS,
  memory,
  NAME,
  NAME_HINT,
  PARTITION,
  pointer,
  positiveInt,
  present,
  throwIfErrors,
  token,
  walltime,
  type Directive,
} from "./values-fields.js";
import { type CheckpointSignal, checkpointSignal } from "./values-longjobs.js";

export { describeValue, formatSlurmTime, pointer, throwIfErrors, type Directive } from "./values-fields.js";

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
  /** `--clusters`: the named cluster of a multi-cluster site (one name). */
  cluster?: string;
  /** `compute.sbatch_options`, validated, in the user's order. */
  extraOptions: Directive[];
  /** `compute.checkpoint_signal`. */
  checkpointSignal?: CheckpointSignal;
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
  if (present(f("cluster")))
    value.cluster = token(
      f("cluster"),
      "/compute/cluster",
      "cluster",
      c,
      NAME,
      64,
      NAME_HINT + "; one cluster name, as `sacctmgr show cluster` lists it",
    );
  if (present(f("sbatch_options")))
    value.extraOptions = extraOptions(f("sbatch_options"), "/compute/sbatch_options", value.mem !== undefined, c);
  if (present(f("checkpoint_signal")))
    value.checkpointSignal = checkpointSignal(
      f("checkpoint_signal"),
      "/compute/checkpoint_signal",
      value.extraOptions,
      c,
    );
  return { value, findings: c.findings };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The one list of names a design's runtime.env cannot take, compared
 * case-insensitively: every name the job script uses itself (all of them
 * begin with `autolab`, `_autolab`, `__autolab`..., in any case, or are
 * RUN_ID — render.ts keeps its internals to these, and a test reads every
 * name a rendered script assigns against this rule), SLURM's own, and those
 * that change how bash runs the script.
 */
const RESERVED_ENV =
  /^(_*AUTOLAB.*|RUN_ID|SLURM_.*|BASH.*|SHELLOPTS|IFS|ENV|PS4|POSIXLY_CORRECT|CDPATH|GLOBIGNORE|HOSTNAME)$/i;

/** May a design's runtime.env not set `name` (see RESERVED_ENV)? */
export function isReservedEnvName(name: string): boolean {
  return RESERVED_ENV.test(name);
}

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
        if (isReservedEnvName(name)) {
          c.error(
            p,
            `environment variable ${name} is reserved and cannot be overridden: the job script, SLURM or bash uses it (names are compared ignoring case)`,
            "rename it: no name beginning with autolab (any case), RUN_ID, SLURM_, BASH, or IFS, ENV, PS4, SHELLOPTS, POSIXLY_CORRECT, CDPATH, GLOBIGNORE, HOSTNAME",
          );
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
