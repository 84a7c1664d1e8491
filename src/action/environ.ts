/**
 * The runner's tokens leave the action's environment before anything else
 * happens, so no process the action starts can read them — not from its own
 * environment, and not from ours through `/proc/<pid>/environ`.
 *
 * Linux shows a process's *initial* environment in `/proc/<pid>/environ` (the
 * strings the kernel copied onto its stack at exec), to every process of the
 * same user; `delete process.env.X` only unlinks the variable from libc's
 * table and leaves those bytes as they were. A job, a parser or a policy
 * command run by the action could read the tokens there from its parent (the
 * action) — the one process every child descends from. So, once at the
 * start, the action
 * 1. takes the token variables out of `process.env` into the process's keeping
 *    (`util/secrets.holdSecret`: registered for redaction, given back only to
 *    the code that needs them), and
 * 2. overwrites their values in the initial environment itself, in place,
 *    through `/proc/self/mem` (a process may write its own memory; the bytes
 *    between `env_start` and `env_end` of `/proc/self/stat` are exactly what
 *    `/proc/self/environ` shows), with `*`, and checks that they are gone.
 * Every child then gets an environment built from the cleaned one
 * (`util/exec.childEnvironment`). What this cannot do is said in SECURITY.md.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { holdSecret, knownSecrets } from "../util/secrets.js";

/** Variables whose values are the runner's credentials. */
export function isTokenVariable(name: string): boolean {
  return /^(INPUT_TOKEN|GITHUB_TOKEN|GH_TOKEN)$/i.test(name) || /^ACTIONS_\w*TOKEN\w*$/i.test(name);
}

/** Offsets [start, end) of the value of each entry of a raw environment block whose name is a token variable. */
export function tokenValueSpans(raw: Buffer): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let off = 0;
  while (off < raw.length) {
    let end = raw.indexOf(0, off);
    if (end < 0) end = raw.length;
    const eq = raw.indexOf(0x3d, off);
    if (eq > off && eq < end && isTokenVariable(raw.subarray(off, eq).toString("latin1"))) spans.push([eq + 1, end]);
    off = end + 1;
  }
  return spans;
}

/** Where the initial environment lies in our memory (`env_start`, `env_end`: fields 50 and 51 of /proc/self/stat). */
function environmentArea(): [number, number] {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3
  return [Number(fields[47]), Number(fields[48])];
}

/** Overwrite the token values of our initial environment; undefined when done, else why not. */
function overwriteInitialEnvironment(): string | undefined {
  if (process.platform !== "linux") return `on ${process.platform} the initial environment cannot be cleaned`;
  let raw: Buffer;
  let start: number;
  let end: number;
  try {
    raw = readFileSync("/proc/self/environ");
    [start, end] = environmentArea();
  } catch (e) {
    return `cannot read /proc/self: ${(e as Error).message}`;
  }
  if (!start || end - start !== raw.length) return "/proc/self/stat does not show where the environment lies";
  const spans = tokenValueSpans(raw);
  if (!spans.length) return undefined;
  try {
    const fd = openSync("/proc/self/mem", "r+");
    try {
      for (const [from, to] of spans) writeSync(fd, Buffer.alloc(to - from, "*"), 0, to - from, start + from);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return `this system refuses a process writing its own memory (${(e as Error).message})`;
  }
  const after = readFileSync("/proc/self/environ");
  if (knownSecrets().some((s) => after.includes(s)))
    return "a token is still in /proc/self/environ after overwriting it";
  return undefined;
}

/**
 * Take the runner's tokens out of this process's environment (kept for the
 * code that needs them) and out of its initial environment. Returns a
 * warning when the initial environment could not be cleaned, else undefined.
 */
export function takeRunnerSecrets(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const name of Object.keys(env)) if (isTokenVariable(name)) holdSecret(name, env);
  const why = overwriteInitialEnvironment();
  return why
    ? `the runner's tokens stay readable in /proc/${process.pid}/environ to every process of this user: ${why}; ` +
        "run jobs as another user (policy launch.job_user) to keep them from the job"
    : undefined;
}
