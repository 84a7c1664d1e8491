/**
 * Running a program as the policy's `launch.job_user`: `sudo -n -u <user> --
 * <program> <args...>`, by argv (the user name is one argv element, checked
 * against a plain-name pattern first; never a shell), with an environment
 * that holds nothing but PATH and the locale (sudo resets it too), so no
 * token or runner variable reaches the job user's process. `-n`: sudo never
 * asks for a password; without a sudoers rule it fails at once, and the
 * error names the policy key and the rule the admin must add.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { JOB_USER_NAME } from "../domain/settings.js";
import { POLICY_PATH } from "../domain/layout.js";
import { AutolabError } from "./errors.js";
import { runArgv, type ExecOptions, type ExecResult } from "./exec.js";

/** What the snapshot of a job user's run needs besides the scheduler's own programs. */
export const SNAPSHOT_PROGRAMS = ["tar", "rm"] as const;

const KEEP = new Set(["PATH", "LANG", "LC_ALL", "TZ"]);

/** Every variable of ours unset but PATH and the locale (runArgv merges over process.env). */
export function jobUserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) if (!KEEP.has(k)) out[k] = undefined;
  return out;
}

export function checkedJobUser(user: string): string {
  if (!JOB_USER_NAME.test(user))
    throw new AutolabError(`launch.job_user ${JSON.stringify(user)} is not a user name`, {
      file: POLICY_PATH,
      jsonPath: "/launch/job_user",
    });
  return user;
}

/** sudo's own argv prefix for `user`. */
export function sudoPrefix(user: string): string[] {
  return ["sudo", "-n", "-u", checkedJobUser(user), "--"];
}

/** Run `program args` as `user` through `sudo -n` (cwd, timeout, stdin as runArgv; env: see jobUserEnv). */
export function runAsJobUser(user: string, program: string, args: string[], opts: ExecOptions = {}) {
  const [sudo, ...pre] = sudoPrefix(user);
  return runArgv(sudo, [...pre, program, ...args], { ...opts, env: { ...jobUserEnv(), ...(opts.env ?? {}) } });
}

/** sudo's words when sudo itself refused (no rule, a password asked, unknown user, sudo missing); else undefined. */
export function sudoRefusal(r: ExecResult): string | undefined {
  if (r.spawnError) return r.command === "sudo" ? r.spawnError : undefined;
  if (r.code === 0) return undefined;
  const lines = r.stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^sudo: /.test(l) || /^Sorry, user /.test(l));
  return lines.length ? lines.slice(0, 3).join(" | ") : undefined;
}

/** The absolute path of `program` on PATH (sudoers rules name absolute paths), else the name. */
function onPath(program: string): string {
  for (const d of (process.env.PATH ?? "/usr/bin:/bin").split(path.delimiter)) {
    if (d && path.isAbsolute(d) && existsSync(path.join(d, program))) return path.join(d, program);
  }
  return program;
}

function runnerName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? "<runner>";
  }
}

/** The sudoers line that lets this account run `programs` as `user` without a password. */
export function sudoersLine(user: string, programs: readonly string[]): string {
  return `${runnerName()} ALL=(${user}) NOPASSWD: ${[...new Set(programs)].map(onPath).join(", ")}`;
}

/** sudo refused to run a program as the job user (a configuration problem, not the scheduler's answer). */
export class JobUserError extends AutolabError {}

export function isJobUserError(e: unknown): e is JobUserError {
  return e instanceof JobUserError;
}

/** The error for a sudo refusal: names the policy key, what sudo said and the rule to add. */
export function jobUserError(user: string, what: string, said: string, programs: readonly string[]): JobUserError {
  return new JobUserError(
    `launch.job_user is ${user}, but sudo -n could not run ${what} as ${user} (${said}): this account (${runnerName()}) needs a sudoers rule; ask the admin to add, with visudo -f /etc/sudoers.d/autolab: ${sudoersLine(user, programs)}`,
    { file: POLICY_PATH, jsonPath: "/launch/job_user", hint: "autolab doctor checks the rule" },
  );
}

/**
 * For `autolab doctor`: may this account run each of `programs` as `user`
 * without a password? `sudo -n -l -u <user> <program>` lists the command when
 * a rule allows it and runs nothing.
 */
export async function checkJobUserRule(
  user: string,
  programs: readonly string[],
): Promise<{ ok: boolean; detail: string }> {
  const denied: string[] = [];
  for (const p of [...new Set(programs)]) {
    const r = await runArgv("sudo", ["-n", "-l", "-u", checkedJobUser(user), onPath(p)], {
      timeoutMs: 15_000,
      env: jobUserEnv(),
    });
    if (r.code !== 0 || r.spawnError) denied.push(`${p} (${sudoRefusal(r) ?? describeShort(r)})`);
  }
  if (!denied.length) return { ok: true, detail: `sudo -n lets ${runnerName()} run ${programs.join(", ")} as ${user}` };
  return {
    ok: false,
    detail: `launch.job_user ${user}: sudo -n does not let ${runnerName()} run ${denied.join("; ")}; add with visudo -f /etc/sudoers.d/autolab: ${sudoersLine(user, programs)}`,
  };
}

function describeShort(r: ExecResult): string {
  return r.spawnError ?? (r.stderr.trim().split("\n")[0] || `exit ${r.code}`);
}
