/** runArgv: argv without a shell, timeouts, and a child environment without runner credentials. */
import { afterEach, describe, expect, it } from "vitest";
import { childEnvironment, describeFailure, runArgv } from "../../src/util/exec.js";

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

describe("runArgv", () => {
  it("passes arguments literally (no shell)", async () => {
    const r = await runArgv("printf", ["%s|", "a;b", "$(echo x)", "`id`"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("a;b|$(echo x)|`id`|");
  });

  it("times out and says so", async () => {
    const r = await runArgv("sleep", ["5"], { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(describeFailure(r)).toMatch(/timed out/);
  });

  it("reports a program that cannot start", async () => {
    const r = await runArgv("/nonexistent/prog", []);
    expect(r.spawnError).toBeDefined();
    expect(r.code).toBeNull();
  });

  it("never hands the runner's credentials to a child (sbatch would export them into the job)", async () => {
    process.env.INPUT_TOKEN = "ghs_secret";
    process.env.ACTIONS_RUNTIME_TOKEN = "rt_secret";
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = "id_secret";
    process.env.GITHUB_TOKEN = "gh_secret";
    process.env.GH_TOKEN = "gh2_secret";
    process.env.MY_EXPERIMENT_SETTING = "kept";
    const r = await runArgv("env", [], { env: { EXPLICIT: "given" } });
    expect(r.stdout).not.toMatch(/secret/);
    expect(r.stdout).toContain("MY_EXPERIMENT_SETTING=kept");
    expect(r.stdout).toContain("EXPLICIT=given");
    expect(childEnvironment({ INPUT_X: "1", PATH: "/bin" })).toEqual({ PATH: "/bin" });
  });
});

describe("a program that cannot start is said in words, never as Node's spawn error", () => {
  it.each([
    ["no-such-program-xyz", undefined, /^no-such-program-xyz is not installed or not on PATH$/],
    ["/nonexistent/prog", undefined, /^\/nonexistent\/prog does not exist$/],
    ["true", "/nonexistent-dir", /^cannot run true: the directory \/nonexistent-dir does not exist$/],
  ])("%s (cwd %s)", async (cmd, cwd, re) => {
    const r = await runArgv(cmd, [], { cwd });
    expect(r.spawnError).toMatch(re);
    expect(describeFailure(r)).toMatch(re);
    expect(describeFailure(r)).not.toMatch(/ENOENT|EACCES|spawn /);
  });
});

describe("a file that is not executable", () => {
  it("is said so", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = `${mkdtempSync(`${tmpdir()}/exec-`)}/script.sh`;
    writeFileSync(file, "#!/bin/sh\n", { mode: 0o644 });
    expect((await runArgv(file, [])).spawnError).toBe(`${file} is not executable (permission denied)`);
  });
});

describe("errorMessage: system errors without Node's codes", () => {
  it("says what failed on which path", async () => {
    const { errorMessage, formatError } = await import("../../src/util/errors.js");
    const { readFile } = await import("node:fs/promises");
    const e = await readFile("/nonexistent/file").catch((x: unknown) => x);
    expect(errorMessage(e)).toBe("/nonexistent/file: no such file or directory");
    expect(formatError(e)).toBe("error: /nonexistent/file: no such file or directory");
    expect(errorMessage(new Error("plain"))).toBe("plain");
  });
});
