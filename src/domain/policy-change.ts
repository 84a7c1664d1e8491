/**
 * What a pull request changes in `.autolab/verifier_policy.yaml` (issue 11,
 * item 9). On a pull request the verifier applies the base branch's policy;
 * the pull request's own change to it is reported as `policy.changed` so a
 * reviewer sees it:
 *
 * - the changed keys are the leaves that differ between the base's file and
 *   the head's file (as written: what the pull request edited), in the head
 *   file's order, then the removed ones;
 * - the change **weakens** the requirements when, comparing the effective
 *   policies (defaults < preset < file, so a preset switch or a removed key
 *   counts as what it falls back to):
 *   - a requirement `requirements_by_stage.<stage>.<category>` that was true
 *     is no longer true (switched off, removed, its stage removed);
 *   - `extract_results.require_metrics` goes from true to false, or
 *     `slurm.monitor.notify.fail_job` (a failed run fails the job) is switched off;
 *   - a required `test_command` / `dry_run_command` now runs a program that
 *     checks nothing (`true`, `:`, `echo`, ...; also through `{{python_bin}}`);
 *   - a limit is raised or removed (LIMITS: sweep and array sizes, submit
 *     retries, the commands' and the parser's timeouts, `max_pending`) or the
 *     scheduler question floor `min_question_interval_seconds` lowered;
 *   - `launch.job_user` (the identity the jobs run as, a security boundary)
 *     is removed or changed.
 *
 * A weakening is an error: the base policy still governs this pull
 * request's own verify run, but once merged the weaker policy governs every
 * later one, so the check must not be green on a change that lowers the bar
 * without someone entitled to bypass the required check deciding so. Any
 * other change (a new requirement, a lower limit, another test command)
 * is a warning: the verifier cannot tell whether a new command checks less
 * than the old one, so the finding shows both, and the run used the base's.
 */
import type { Finding } from "../util/errors.js";
import { splitCommandLine } from "./placeholders.js";
import {
  extractTimeoutSeconds,
  monitorSettings,
  notifySettings,
  submitSettings,
  sweepLimits,
  watchSettings,
} from "./settings.js";

type Plain = Record<string, unknown>;

export interface PolicyKeyChange {
  /** JSON pointer of the leaf, e.g. `/requirements_by_stage/launch/tests`. */
  pointer: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

export interface PolicyWeakening {
  pointer: string;
  why: string;
}

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function escapeToken(k: string): string {
  return k.replace(/~/g, "~0").replace(/\//g, "~1");
}

function leaves(v: unknown, at: string, out: Map<string, unknown>): void {
  if (isPlain(v) && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v)) leaves(x, `${at}/${escapeToken(k)}`, out);
  } else if (at) out.set(at, v);
}

/** The leaves that differ between two policy files' data (undefined: no file). Head order first, then removals. */
export function policyKeyChanges(base: unknown, head: unknown): PolicyKeyChange[] {
  const b = new Map<string, unknown>();
  const h = new Map<string, unknown>();
  leaves(isPlain(base) ? base : {}, "", b);
  leaves(isPlain(head) ? head : {}, "", h);
  const out: PolicyKeyChange[] = [];
  for (const [p, after] of h) {
    if (!b.has(p)) out.push({ pointer: p, kind: "added", after });
    else if (JSON.stringify(b.get(p)) !== JSON.stringify(after))
      out.push({ pointer: p, kind: "changed", before: b.get(p), after });
  }
  for (const [p, before] of b) if (!h.has(p)) out.push({ pointer: p, kind: "removed", before });
  return out;
}

function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) cur = isPlain(cur) ? cur[k] : undefined;
  return cur;
}

/**
 * The limits a policy sets on what the tool may do or spend: a head value
 * looser than the base's (higher, or lower for `lower`; unlimited counts as
 * the loosest) is a weakening. Each value is read through domain/settings.ts,
 * so an unset key counts as the default the commands apply.
 */
const LIMITS: ReadonlyArray<{
  pointer: string;
  what: string;
  looser: "higher" | "lower";
  /** The effective value; undefined: no limit. */
  read: (p: Plain) => number | undefined;
  unit?: "s";
}> = [
  {
    pointer: "/launch/max_sweep_tasks",
    what: "the most tasks one sweep may have",
    looser: "higher",
    read: (p) => sweepLimits(p).maxTasks,
  },
  {
    pointer: "/launch/max_array_size",
    what: "the most tasks in one job array",
    looser: "higher",
    read: (p) => sweepLimits(p).maxArraySize,
  },
  {
    pointer: "/launch/submit_retries",
    what: "the retries of a failed submission",
    looser: "higher",
    read: (p) => submitSettings(p).retries,
  },
  {
    pointer: "/launch/check_timeout_seconds",
    what: "the time the policy's test and dry-run commands may take",
    looser: "higher",
    read: (p) => submitSettings(p).checkTimeoutMs / 1000,
    unit: "s",
  },
  {
    pointer: "/extract_results/timeout_seconds",
    what: "the time the extract parser may take",
    looser: "higher",
    read: (p) => extractTimeoutSeconds({}, p),
    unit: "s",
  },
  {
    pointer: "/slurm/monitor/max_pending",
    what: "how long a job may wait in the queue",
    looser: "higher",
    read: (p) => monitorSettings(p).maxPendingSeconds,
    unit: "s",
  },
  {
    pointer: "/slurm/monitor/min_question_interval_seconds",
    what: "the shortest interval between two scheduler questions",
    looser: "lower",
    read: (p) => watchSettings(p).floorSeconds,
    unit: "s",
  },
];

/** Programs that succeed without checking anything: a required command replaced by one of them checks nothing. */
const NO_OP_PROGRAMS: ReadonlySet<string> = new Set([":", "true", "echo", "printf", "exit", "sleep", "yes"]);

const COMMANDS = [
  { key: "test_command", category: "tests" },
  { key: "dry_run_command", category: "dry_run" },
] as const;

/** The program a command line runs ({{python_bin}} expanded), or undefined when it cannot be told. */
function programOf(line: unknown, pythonBin: unknown): string | undefined {
  if (typeof line !== "string") return undefined;
  let words: string[];
  try {
    words = splitCommandLine(
      line.replace(/\{\{\s*python_bin\s*\}\}/g, typeof pythonBin === "string" ? pythonBin : "python3"),
    );
  } catch {
    return undefined;
  }
  const first = words[0];
  if (first === undefined) return undefined;
  return first.slice(first.lastIndexOf("/") + 1);
}

function showLimit(v: number | undefined, unit?: "s"): string {
  return v === undefined ? "no limit" : `${v}${unit ?? ""}`;
}

/** Whether some stage of `policy` requires `category`. */
function requiredSomewhere(policy: unknown, category: string): boolean {
  const req = at(policy, "requirements_by_stage");
  return isPlain(req) && Object.values(req).some((cats) => isPlain(cats) && cats[category] === true);
}

/**
 * How the head's effective policy asks less than the base's (see the header):
 * a requirement switched off, metrics no longer required, a failed run no
 * longer failing the job, a required command replaced by a program that
 * checks nothing, a limit raised (or removed), the job user changed.
 */
export function policyWeakenings(baseEffective: unknown, headEffective: unknown): PolicyWeakening[] {
  const out: PolicyWeakening[] = [];
  const base = isPlain(baseEffective) ? baseEffective : {};
  const head = isPlain(headEffective) ? headEffective : {};
  const req = at(base, "requirements_by_stage");
  if (isPlain(req)) {
    for (const [stage, cats] of Object.entries(req)) {
      if (!isPlain(cats)) continue;
      for (const [cat, v] of Object.entries(cats)) {
        if (v !== true || at(head, "requirements_by_stage", stage, cat) === true) continue;
        out.push({
          pointer: `/requirements_by_stage/${escapeToken(stage)}/${escapeToken(cat)}`,
          why: `${cat} is no longer required at ${stage}`,
        });
      }
    }
  }
  if (
    at(base, "extract_results", "require_metrics") !== false &&
    at(head, "extract_results", "require_metrics") === false
  ) {
    out.push({ pointer: "/extract_results/require_metrics", why: "finished runs no longer need metrics.json" });
  }
  if (notifySettings(base).failJob && !notifySettings(head).failJob) {
    out.push({ pointer: "/slurm/monitor/notify/fail_job", why: "a failed run no longer fails the monitor's job" });
  }
  for (const { key, category } of COMMANDS) {
    if (!requiredSomewhere(head, category)) continue;
    const before = programOf(base[key], base.python_bin);
    const after = programOf(head[key], head.python_bin);
    if (after && NO_OP_PROGRAMS.has(after) && before !== after) {
      out.push({ pointer: `/${key}`, why: `${key} runs ${JSON.stringify(after)}, which checks nothing` });
    }
  }
  for (const l of LIMITS) {
    const b = l.read(base);
    const h = l.read(head);
    const looser = b !== undefined && (h === undefined || (l.looser === "higher" ? h > b : h < b));
    if (!looser) continue;
    out.push({
      pointer: l.pointer,
      why: `${l.what} goes from ${showLimit(b, l.unit)} to ${showLimit(h, l.unit)}`,
    });
  }
  const user = at(base, "launch", "job_user");
  const next = at(head, "launch", "job_user");
  if (typeof user === "string" && next !== user) {
    out.push({
      pointer: "/launch/job_user",
      why:
        next === undefined
          ? `jobs would run as the runner's own user instead of ${user}`
          : `jobs would run as ${JSON.stringify(next)} instead of ${user}`,
    });
  }
  return out;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? "(unset)" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** `/a/b~1c` -> `a.b/c` */
export function dottedKey(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

function describe(c: PolicyKeyChange): string {
  const k = dottedKey(c.pointer);
  if (c.kind === "added") return `${k} added (${show(c.after)})`;
  if (c.kind === "removed") return `${k} removed (was ${show(c.before)})`;
  return `${k} ${show(c.before)} -> ${show(c.after)}`;
}

const LISTED = 10;

/**
 * The `policy.changed` finding for a pull request (none when the policy's data is the same).
 * `locate` places a pointer in the head's file; undefined when the head has no policy file.
 */
export function policyChangedFinding(input: {
  file: string;
  baseLabel: string;
  changes: readonly PolicyKeyChange[];
  weakenings: readonly PolicyWeakening[];
  locate?: (pointer: string) => { line: number; column: number };
}): Finding | undefined {
  const { changes, weakenings } = input;
  if (!changes.length && !weakenings.length) return undefined;
  const first = weakenings[0]?.pointer ?? changes[0]?.pointer;
  const where = input.locate && first ? input.locate(first) : undefined;
  const listed = changes.slice(0, LISTED).map(describe);
  if (changes.length > LISTED) listed.push(`and ${changes.length - LISTED} more`);
  const weak = weakenings.map((w) => w.why);
  return {
    severity: weak.length ? "error" : "warning",
    check: "policy.changed",
    file: input.file,
    ...(where ? { line: where.line, column: where.column } : {}),
    ...(first ? { jsonPath: first } : {}),
    message:
      `this pull request changes the verifier policy (${listed.join("; ") || "its preset"}); ` +
      `the checks ran under the policy of the base commit ${input.baseLabel}` +
      (weak.length ? `. It weakens the requirements: ${weak.join("; ")}` : ""),
    hint: weak.length
      ? "a weaker policy governs every later pull request once merged: have a maintainer review and merge this " +
        "change on its own (it fails this check by design), or keep the requirement"
      : "review the policy change: it applies to the pull requests after this one is merged",
  };
}
