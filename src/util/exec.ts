/**
 * The one way this project runs other programs: by argv, never through a
 * shell, always with a timeout. Every adapter (slurm, git, rsync, extract
 * parsers, policy commands) goes through `runArgv`.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { holdsSecret } from "./secrets.js";

export interface ExecOptions {
  cwd?: string;
  /** Merged over process.env. */
  env?: Record<string, string | undefined>;
  /** Kill after this many ms (SIGTERM, then SIGKILL 2 s later). Default 30 s. */
  timeoutMs?: number;
  /** Written to stdin, then stdin is closed. */
  input?: string;
  /** A file whose bytes are the child's stdin (binary-safe; instead of `input`). */
  inputFile?: string;
  /** Cap on captured output per stream (bytes). Default 64 MiB. */
  maxOutputBytes?: number;
}

export interface ExecResult {
  command: string;
  args: string[];
  /** Exit code, or null when killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /**
   * Set when the program could not be started: why, in words that name the
   * program (`sbatch is not installed or not on PATH`), never Node's
   * `spawn sbatch ENOENT`.
   */
  spawnError?: string;
  /** The system's code for it (`ENOENT`, `EACCES`, ...), for callers that branch on it. */
  spawnCode?: string;
  durationMs: number;
}

/** The runner's file commands: a child writing them could set the later steps' environment or outputs. */
const RUNNER_FILE_COMMANDS = new Set([
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_OUTPUT",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
]);

/**
 * The environment every child gets: ours, minus the credentials of the
 * GitHub runner (action inputs such as INPUT_TOKEN, the runtime's
 * ACTIONS_* tokens, GITHUB_TOKEN/GH_TOKEN), the runner's file commands, and
 * any variable whose value holds a secret this process knows (util/secrets).
 * sbatch exports its environment to the job, and a job's log is committed: a
 * token must never get there. (The action's own environment holds no token
 * either once it started: action/environ.ts.) An adapter that needs a
 * credential passes it explicitly in `opts.env`.
 */
export function childEnvironment(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^(INPUT_|ACTIONS_)/i.test(k) || /^(GITHUB_TOKEN|GH_TOKEN)$/i.test(k) || RUNNER_FILE_COMMANDS.has(k)) continue;
    if (v !== undefined && holdsSecret(v)) continue;
    out[k] = v;
  }
  return out;
}

export function runArgv(command: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxOutputBytes ?? 64 * 1024 * 1024;
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    const env: Record<string, string | undefined> = { ...childEnvironment(process.env), ...(opts.env ?? {}) };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    let child;
    let inFd: number | undefined;
    try {
      inFd = opts.inputFile !== undefined ? openSync(opts.inputFile, "r") : undefined;
      child = spawn(command, args, { cwd: opts.cwd, env, stdio: [inFd ?? "pipe", "pipe", "pipe"], shell: false });
    } catch (e) {
      if (inFd !== undefined) closeSync(inFd);
      resolve({
        command,
        args,
        code: null,
        signal: null,
        stdout: "",
        stderr: "",
        timedOut: false,
        ...spawnFailure(command, opts.cwd, e),
        durationMs: performance.now() - started,
      });
      return;
    }
    const finish = (r: Omit<ExecResult, "command" | "args" | "durationMs" | "stdout" | "stderr" | "timedOut">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      resolve({
        command,
        args,
        ...r,
        timedOut,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        durationMs: performance.now() - started,
      });
    };
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), 2000);
    }, timeoutMs);
    child.stdout?.on("data", (d: Buffer) => {
      if (outLen < maxBytes) {
        out.push(d);
        outLen += d.length;
      }
    });
    child.stderr?.on("data", (d: Buffer) => {
      if (errLen < maxBytes) {
        err.push(d);
        errLen += d.length;
      }
    });
    child.on("error", (e) => finish({ code: null, signal: null, ...spawnFailure(command, opts.cwd, e) }));
    child.on("close", (code, signal) => finish({ code, signal }));
    if (inFd !== undefined) closeSync(inFd);
    if (child.stdin) {
      child.stdin.on("error", () => undefined);
      if (opts.input !== undefined) child.stdin.end(opts.input);
      else child.stdin.end();
    }
  });
}

/** Why `command` could not be started, in a person's words (pure but for a look at `cwd`). */
export function spawnFailure(
  command: string,
  cwd: string | undefined,
  e: unknown,
): { spawnError: string; spawnCode?: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const where = command.includes("/");
  if (code === "ENOENT" && cwd !== undefined && !existsSync(cwd))
    return { spawnError: `cannot run ${command}: the directory ${cwd} does not exist`, spawnCode: code };
  if (code === "ENOENT")
    return {
      spawnError: where ? `${command} does not exist` : `${command} is not installed or not on PATH`,
      spawnCode: code,
    };
  if (code === "EACCES") return { spawnError: `${command} is not executable (permission denied)`, spawnCode: code };
  const raw = e instanceof Error ? e.message : String(e);
  return { spawnError: `${command} could not be started (${raw.replace(/^spawn \S+ /, "")})`, spawnCode: code };
}

/** A one-line description of why a call failed, for manifests and warnings. */
export function describeFailure(r: ExecResult): string {
  if (r.spawnError) return r.spawnError;
  if (r.timedOut) return `${r.command}: timed out after ${Math.round(r.durationMs)} ms`;
  const msg = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(-3).join(" | ");
  const how = r.code !== null ? `exit ${r.code}` : `signal ${r.signal}`;
  return `${r.command}: ${how}${msg ? `: ${msg}` : ""}`;
}

export function ok(r: ExecResult): boolean {
  return r.code === 0 && !r.timedOut && !r.spawnError;
}
