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
