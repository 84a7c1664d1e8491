/**
 * Issue 11, item 12: `slurm.submit.pass_env`. sbatch's environment never holds
 * the runner's `SBATCH_*` variables (nor `SLURM_CLUSTERS`) unless the policy
 * names one; a named one present in the runner's environment is passed and
 * recorded in the manifest (`slurm.passed_env`). Names that would redirect the
 * job or untie it from its run are refused, at the policy's line.
 */
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { RunManifest } from "../../src/contract/types.js";
import { parseDocument } from "../../src/contract/validate.js";
import { baseManifest, refusedManifest, submittedManifest } from "../../src/domain/launch-plan.js";
import { resubmittedManifest } from "../../src/domain/resubmit.js";
import { policyChangedFinding, policyKeyChanges, policyWeakenings } from "../../src/domain/policy-change.js";
import { PASS_ENV_REFUSED, passedEnv, passEnvNames } from "../../src/domain/settings.js";
import { sbatchEnv } from "../../src/scheduler/slurm-cli/submit.js";
import { AutolabError } from "../../src/util/errors.js";

const policy = (passEnv: unknown, extra: Record<string, unknown> = {}) => ({
  slurm: { submit: { pass_env: passEnv } },
  ...extra,
});

function refusal(p: Record<string, unknown>): AutolabError {
  try {
    passEnvNames(p);
  } catch (e) {
    expect(e).toBeInstanceOf(AutolabError);
    return e as AutolabError;
  }
  throw new Error("not refused");
}

describe("passEnvNames: which names slurm.submit.pass_env may hold", () => {
  it.each([
    ["unset", undefined, []],
    ["null", null, []],
    ["empty", [], []],
    ["one", ["SBATCH_ACCOUNT"], ["SBATCH_ACCOUNT"]],
    ["sorted, duplicates once", ["SBATCH_QOS", "SBATCH_ACCOUNT", "SBATCH_QOS"], ["SBATCH_ACCOUNT", "SBATCH_QOS"]],
    ["a SLURM_ one", ["SLURM_CONF"], ["SLURM_CONF"]],
    ["digits and underscores", ["SBATCH_GPUS_PER_NODE", "SLURM_X2"], ["SBATCH_GPUS_PER_NODE", "SLURM_X2"]],
  ])("%s -> %j", (_name, value, names) => {
    expect(passEnvNames(policy(value))).toEqual(names);
  });

  it.each([
    ["lower case", "sbatch_account", 0],
    ["not a scheduler variable", "PATH", 0],
    ["a token's name", "GITHUB_TOKEN", 0],
    ["prefix only", "SBATCH_", 0],
    ["a dash", "SBATCH_MEM-PER-CPU", 0],
    ["a space", "SBATCH_ACCOUNT ", 0],
    ["not a string", 7, 0],
    ["second item", "LD_PRELOAD", 1],
  ])("refuses %s (%j) at its index", (_name, bad, i) => {
    const list = i === 0 ? [bad] : ["SBATCH_ACCOUNT", bad];
    const e = refusal(policy(list));
    expect(e.message).toMatch(/is not an SBATCH_\* or SLURM_\* variable name/);
    expect(e.location).toMatchObject({
      file: ".autolab/verifier_policy.yaml",
      jsonPath: `/slurm/submit/pass_env/${i}`,
    });
  });

  it.each(Object.keys(PASS_ENV_REFUSED))("refuses %s (it would redirect the job or untie it from its run)", (n) => {
    const e = refusal(policy(["SBATCH_ACCOUNT", n]));
    expect(e.message).toContain(`${n} is never passed to sbatch`);
    expect(e.location.jsonPath).toBe("/slurm/submit/pass_env/1");
  });

  it("the cluster-choosing names are among the refused (SBATCH_CLUSTERS, SLURM_CLUSTERS)", () => {
    expect(refusal(policy(["SBATCH_CLUSTERS"])).message).toMatch(/chooses the cluster: set compute\.cluster/);
    expect(refusal(policy(["SLURM_CLUSTERS"])).message).toMatch(/chooses the cluster: set compute\.cluster/);
  });

  it("refuses a list with launch.job_user (sudo resets the environment: nothing would be passed); an empty list is fine", () => {
    const e = refusal(policy(["SBATCH_ACCOUNT"], { launch: { job_user: "autolab-job" } }));
    expect(e.message).toMatch(/cannot be used with launch\.job_user/);
    expect(e.location.jsonPath).toBe("/slurm/submit/pass_env");
    expect(passEnvNames(policy([], { launch: { job_user: "autolab-job" } }))).toEqual([]);
  });

  it("refuses a value that is not a list", () => {
    expect(refusal(policy("SBATCH_ACCOUNT")).message).toMatch(/must be a list/);
  });
});

describe("passedEnv: what is passed and recorded", () => {
  it.each([
    [
      "only the listed names the environment holds",
      ["SBATCH_ACCOUNT", "SBATCH_QOS"],
      { SBATCH_ACCOUNT: "proj1", SBATCH_PARTITION: "short", PATH: "/bin" },
      { SBATCH_ACCOUNT: "proj1" },
    ],
    ["an empty value is a value", ["SBATCH_QOS"], { SBATCH_QOS: "" }, { SBATCH_QOS: "" }],
    ["nothing listed: nothing", [], { SBATCH_ACCOUNT: "proj1" }, {}],
    ["listed but unset: nothing", ["SBATCH_ACCOUNT"], {}, {}],
  ])("%s", (_name, names, env, out) => {
    expect(passedEnv(names, env)).toEqual(out);
  });

  it("refuses a value longer than the manifest keeps (4096)", () => {
    expect(() => passedEnv(["SBATCH_COMMENT"], { SBATCH_COMMENT: "x".repeat(4097) })).toThrow(/4097 characters long/);
    expect(passedEnv(["SBATCH_COMMENT"], { SBATCH_COMMENT: "x".repeat(4096) }).SBATCH_COMMENT).toHaveLength(4096);
  });
});

describe("sbatchEnv: sbatch's environment", () => {
  const runner = {
    SBATCH_PARTITION: "short",
    SBATCH_JOB_NAME: "hijacked",
    sbatch_account: "lower",
    SBATCH_TIMELIMIT: "7",
    SLURM_CLUSTERS: "other",
    SLURM_CONF: "/etc/slurm/slurm.conf",
    AUTOLAB_ATTEMPT: "9",
  };
  it("removes every SBATCH_* (any case), SLURM_CLUSTERS and AUTOLAB_ATTEMPT; keeps nothing of them without pass_env", () => {
    expect(sbatchEnv(runner)).toEqual({
      SBATCH_PARTITION: undefined,
      SBATCH_JOB_NAME: undefined,
      sbatch_account: undefined,
      SBATCH_TIMELIMIT: undefined,
      SLURM_CLUSTERS: undefined,
      AUTOLAB_ATTEMPT: undefined,
    });
  });
  it("puts back exactly the passed variables, with the passed values", () => {
    const env = sbatchEnv(runner, { SBATCH_TIMELIMIT: "7" });
    expect(env.SBATCH_TIMELIMIT).toBe("7");
    expect(env.SBATCH_PARTITION).toBeUndefined();
    expect(env.SBATCH_JOB_NAME).toBeUndefined();
    expect("SBATCH_PARTITION" in env).toBe(true);
  });
  it.each(["SLURM_CLUSTERS", "SBATCH_CLUSTERS", "PATH", "sbatch_x"])("never passes %s, whatever it is handed", (n) => {
    expect(() => sbatchEnv(runner, { [n]: "x" })).toThrow(/never passed to sbatch/);
  });
});

describe("the policy schema refuses a bad pass_env at its line", () => {
  const text = (names: string[]) =>
    YAML.stringify({ slurm: { submit: { pass_env: names } } }); /* slurm:\n  submit:\n    pass_env:\n      - ... */
  it.each([
    ["SLURM_CLUSTERS", 2, /must not choose the cluster/],
    ["SBATCH_CLUSTERS", 2, /must not choose the cluster/],
    ["SBATCH_JOB_NAME", 2, /must not set what the tool controls itself/],
    ["sbatch_account", 2, /must be the name of an SBATCH_\* or SLURM_\* variable/],
  ])("%s: one error, at its own line", (bad, index, message) => {
    const doc = parseDocument("policy", text(["SBATCH_ACCOUNT", "SBATCH_QOS", bad]), ".autolab/verifier_policy.yaml");
    const errors = doc.findings.filter((f) => f.severity === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: ".autolab/verifier_policy.yaml", line: 4 + index });
    expect(errors[0].message).toMatch(message);
  });
  it("a good list is valid", () => {
    const doc = parseDocument("policy", text(["SBATCH_ACCOUNT", "SLURM_CONF"]), ".autolab/verifier_policy.yaml");
    expect(doc.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("the manifest records slurm.passed_env (schema 1.0, extra field)", () => {
  const base = (passedEnv?: Record<string, string>) =>
    baseManifest({
      runId: "20261204T000000Z_abcdef",
      iterationId: "it1",
      hostMode: "slurm",
      commandLine: "sbatch x",
      resourceRequest: {},
      startedAt: "2026-12-04T00:00:00Z",
      script: "s",
      design: "d",
      launchedBy: "me",
      launchedFrom: "host",
      entrypointCommand: "true",
      passedEnv,
    });
  const job = { jobId: "42", jobName: "autolab-20261204T000000Z_abcdef", attempts: 1 };

  it("submitted and refused manifests keep it; none is recorded when nothing was passed", () => {
    const sub = submittedManifest(base({ SBATCH_ACCOUNT: "proj1" }), job, "2026-12-04T00:00:00Z");
    expect(sub.slurm).toMatchObject({ job_id: "42", passed_env: { SBATCH_ACCOUNT: "proj1" } });
    const ref = refusedManifest(
      base({ SBATCH_ACCOUNT: "proj1" }),
      { jobName: job.jobName, message: "no", attempts: 1, evidence: "no" },
      "2026-12-04T00:00:01Z",
    );
    expect(ref.slurm?.passed_env).toEqual({ SBATCH_ACCOUNT: "proj1" });
    expect(submittedManifest(base({}), job, "2026-12-04T00:00:00Z").slurm).not.toHaveProperty("passed_env");
    expect(submittedManifest(base(), job, "2026-12-04T00:00:00Z").slurm).not.toHaveProperty("passed_env");
  });

  it("is schema-valid; a bad name or a non-string value in it is not", () => {
    const sub = submittedManifest(base({ SBATCH_ACCOUNT: "proj1" }), job, "2026-12-04T00:00:00Z");
    const check = (m: RunManifest) =>
      parseDocument("manifest", JSON.stringify(m), "run_manifest.json").findings.filter((f) => f.severity === "error");
    expect(check(sub)).toEqual([]);
    expect(check({ ...sub, slurm: { ...sub.slurm, passed_env: { PATH: "/bin" } } })).not.toEqual([]);
    expect(
      check({ ...sub, slurm: { ...sub.slurm, passed_env: { SBATCH_QOS: 3 } } } as unknown as RunManifest),
    ).not.toEqual([]);
  });
});

describe("a pull request that adds a pass_env name", () => {
  it("is a policy.changed warning (a change for the reviewer), not a weakening", () => {
    const base = { slurm: { monitor: { max_pending: "2d" } } };
    const head = { slurm: { monitor: { max_pending: "2d" }, submit: { pass_env: ["SBATCH_ACCOUNT"] } } };
    const changes = policyKeyChanges(base, head);
    expect(changes.map((c) => c.pointer)).toEqual(["/slurm/submit/pass_env"]);
    expect(policyWeakenings(base, head)).toEqual([]);
    const f = policyChangedFinding({
      file: ".autolab/verifier_policy.yaml",
      baseLabel: "base",
      changes,
      weakenings: [],
    });
    expect(f?.severity).toBe("warning");
  });
});

describe("a resubmitted attempt's record (domain/resubmit.ts)", () => {
  const m = {
    schema_version: "1.0",
    run_id: "r1",
    iteration_id: "it1",
    host_mode: "slurm",
    command: "sbatch x",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-12-04T00:00:00Z" },
    job_id: "41",
    slurm: { job_id: "41", job_name: "autolab-r1", passed_env: { SBATCH_TIMELIMIT: "1" } },
  } as RunManifest;
  const plan = {
    attempt: 2,
    name: "autolab-r1-a2",
    reason: "timeout",
    previousJobId: "41",
    restarts: 1,
    maxRestarts: 1,
  };
  const job = { jobId: "42", adopted: false, submitAttempts: 1, evidence: "sbatch returned job 42" };

  it("records what the new attempt was given: the passed values, or none", () => {
    const given = resubmittedManifest(
      m,
      plan,
      { ...job, passedEnv: { SBATCH_TIMELIMIT: "1" } },
      "2026-12-04T00:05:00Z",
    );
    expect(given.slurm).toMatchObject({ job_id: "42", passed_env: { SBATCH_TIMELIMIT: "1" } });
    // The policy no longer lists it: nothing was passed, nothing is recorded for the new job.
    const none = resubmittedManifest(m, plan, { ...job, passedEnv: {} }, "2026-12-04T00:05:00Z");
    expect(none.slurm).not.toHaveProperty("passed_env");
  });

  it("the values to pass again are the recorded ones the policy still lists", () => {
    const recorded = { SBATCH_TIMELIMIT: "1", SBATCH_QOS: "high" };
    expect(passedEnv(passEnvNames(policy(["SBATCH_TIMELIMIT"])), recorded)).toEqual({ SBATCH_TIMELIMIT: "1" });
    expect(passedEnv(passEnvNames(policy([])), recorded)).toEqual({});
  });
});
