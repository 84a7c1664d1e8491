/**
 * launch.job_user's checks that need no cluster: the user name is a plain
 * name (schema and settings refuse anything a shell or sudo could read as
 * more), sudo's argv keeps it one element, sudo's own refusals are told from
 * the program's, and the sudoers line names absolute paths.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicy } from "../../src/contract/policy.js";
import { jobUser } from "../../src/domain/settings.js";
import type { ExecResult } from "../../src/util/exec.js";
import { jobUserEnv, sudoersLine, sudoPrefix, sudoRefusal } from "../../src/util/job-user.js";

const result = (r: Partial<ExecResult>): ExecResult => ({
  command: "sudo",
  args: [],
  code: 1,
  signal: null,
  stdout: "",
  stderr: "",
  timedOut: false,
  durationMs: 1,
  ...r,
});

describe("launch.job_user", () => {
  it.each(["autolab-ci", "_svc", "u1"])("takes the user name %s", (u) => {
    expect(jobUser({ launch: { job_user: u } })).toBe(u);
    expect(sudoPrefix(u)).toEqual(["sudo", "-n", "-u", u, "--"]);
  });

  it.each(["root; id", "-u", "#0", "a b", "Bob", "$(id)", "x".repeat(33), ""])("refuses %j", async (u) => {
    expect(() => jobUser({ launch: { job_user: u } })).toThrow(/launch.job_user .* is not a user name/);
    expect(() => sudoPrefix(u)).toThrow(/is not a user name/);
    const root = mkdtempSync(path.join(tmpdir(), "autolab-jobuser-unit-"));
    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(path.join(root, ".autolab/verifier_policy.yaml"), `launch:\n  job_user: ${JSON.stringify(u)}\n`);
    await expect(loadPolicy(root)).rejects.toThrow(/job_user/);
  });

  it("is unset by default", () => {
    expect(jobUser({})).toBeUndefined();
  });

  it("tells sudo's refusals from the program's own failure", () => {
    expect(sudoRefusal(result({ stderr: "sudo: a password is required\n" }))).toBe("sudo: a password is required");
    expect(
      sudoRefusal(result({ stderr: "Sorry, user ci is not allowed to execute '/usr/bin/tar -x' as nobody on h.\n" })),
    ).toMatch(/^Sorry, user ci/);
    expect(sudoRefusal(result({ spawnError: "sudo is not installed or not on PATH" }))).toMatch(/not installed/);
    expect(sudoRefusal(result({ stderr: "sbatch: error: invalid partition\n" }))).toBeUndefined();
    expect(sudoRefusal(result({ code: 0 }))).toBeUndefined();
  });

  it("gives the job user's process none of our variables but PATH and the locale", () => {
    const env = jobUserEnv({ PATH: "/usr/bin", GITHUB_TOKEN: "t", HOME: "/root", LANG: "C.UTF-8" });
    expect(env).toEqual({ GITHUB_TOKEN: undefined, HOME: undefined });
  });

  it("names absolute program paths in the sudoers line", () => {
    expect(sudoersLine("autolab-ci", ["tar", "tar", "rm"])).toMatch(
      / ALL=\(autolab-ci\) NOPASSWD: \/\S*\/tar, \/\S*\/rm$/,
    );
  });
});
