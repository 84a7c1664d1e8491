/**
 * Policy presets: merge into .autolab/verifier_policy.yaml keeping comments
 * and key order; effective policy = defaults < preset < file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { requireCluster } from "../helpers/cluster.js";
import { runArgv } from "../../src/util/exec.js";
import { parse } from "yaml";
import { AutolabError } from "../../src/util/errors.js";
import {
  applyPreset,
  DEFAULT_POLICY,
  expandPlaceholders,
  listPresets,
  loadPolicy,
  loadPreset,
  mergePolicy,
  POLICY_PATH,
  requiresCheck,
} from "../../src/contract/policy.js";
import { parseDocument } from "../../src/contract/validate.js";

const USER_POLICY = `# Team policy: hand written, keep these comments.
python_bin: /opt/venv/bin/python  # our venv

# Checks per stage
requirements_by_stage:
  # launch checks
  launch:
    tests: true       # tests stay on
    env_smoke: false  # the preset turns this on
  custom_stage:
    schema: true
agent_runner:
  edit_scope:
    mode: iteration_only # narrow scope for now
launch:
  allowed_partitions: [debug, gpu]
`;

function repoWith(policy?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "policy-"));
  if (policy !== undefined) {
    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(path.join(root, POLICY_PATH), policy);
  }
  return root;
}

const read = (root: string) => readFileSync(path.join(root, POLICY_PATH), "utf8");

describe("presets", () => {
  it("the slurm preset is a data file that validates and sets what the issue asks", async () => {
    expect(listPresets()).toContain("slurm");
    const p = await loadPreset("slurm");
    expect(p).toMatchObject({
      requirements_by_stage: { launch: { env_smoke: true }, slurm_monitor: { env_smoke: true } },
      agent_runner: { edit_scope: { mode: "iteration_plus_core" } },
      autorun: { todo_fallback: { slurm: { stage: "hypothesis" } } },
    });
    expect(p.dry_run_command).toMatch(/^sbatch --test-only \{\{iteration_path\}\}\//);
    // The preset never overrides the interpreter a user configured.
    expect(p.python_bin).toBeUndefined();
  });

  it("an unknown preset is a usage error listing the known ones", async () => {
    await expect(applyPreset(repoWith(), "nope")).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown preset "nope"',
      hint: expect.stringContaining("slurm"),
    });
  });
});

describe("applyPreset", () => {
  it("merges into the file keeping the user's comments, key order and values the preset does not set", async () => {
    const root = repoWith(USER_POLICY);
    expect(await applyPreset(root, "slurm")).toEqual({ changed: true, file: POLICY_PATH });
    const text = read(root);
    for (const comment of [
      "# Team policy: hand written, keep these comments.",
      "# our venv",
      "# Checks per stage",
      "# launch checks",
      "# tests stay on",
      "# the preset turns this on",
      "# narrow scope for now",
    ]) {
      expect(text).toContain(comment);
    }
    const data = parse(text);
    // The user's top-level keys first, in their order; the preset's new keys after them.
    expect(Object.keys(data)).toEqual([
      "python_bin",
      "requirements_by_stage",
      "agent_runner",
      "launch",
      "dry_run_command",
      "autorun",
      "policy_resolution",
    ]);
    expect(Object.keys(data.requirements_by_stage)).toEqual([
      "launch",
      "custom_stage",
      "slurm_monitor",
      "extract_results",
    ]);
    expect(Object.keys(data.requirements_by_stage.launch).slice(0, 2)).toEqual(["tests", "env_smoke"]);
    expect(data.python_bin).toBe("/opt/venv/bin/python");
    expect(data.requirements_by_stage.launch).toMatchObject({ tests: true, env_smoke: true });
    expect(data.requirements_by_stage.custom_stage).toEqual({ schema: true });
    expect(data.requirements_by_stage.slurm_monitor.env_smoke).toBe(true);
    expect(data.agent_runner.edit_scope.mode).toBe("iteration_plus_core");
    expect(data.launch.allowed_partitions).toEqual(["debug", "gpu"]);
    expect(data.autorun.todo_fallback.slurm.stage).toBe("hypothesis");
    expect(data.policy_resolution).toEqual({ default_preset: "slurm" });
    // A comment stays on the line of the value it annotated.
    expect(text).toMatch(/mode: iteration_plus_core # narrow scope for now/);
    expect(text).toMatch(/env_smoke: true +# the preset turns this on/);
    expect(parseDocument("policy", text, POLICY_PATH).findings).toEqual([]);

    // Applying again changes nothing.
    expect(await applyPreset(root, "slurm")).toEqual({ changed: false, file: POLICY_PATH });
    expect(read(root)).toBe(text);
  });

  it("preset scalars and lists replace the file's; maps merge", async () => {
    const presets = mkdtempSync(path.join(tmpdir(), "presets-"));
    writeFileSync(path.join(presets, "lists.yaml"), "launch:\n  allowed_partitions: [gpu]\n  submit_retries: 5\n");
    const prev = process.env.AUTOLAB_PRESETS_DIR;
    process.env.AUTOLAB_PRESETS_DIR = presets;
    try {
      const root = repoWith(USER_POLICY);
      await applyPreset(root, "lists");
      const data = parse(read(root));
      expect(data.launch).toEqual({ allowed_partitions: ["gpu"], submit_retries: 5 });
      expect(read(root)).toContain("allowed_partitions: [gpu]");
    } finally {
      if (prev === undefined) delete process.env.AUTOLAB_PRESETS_DIR;
      else process.env.AUTOLAB_PRESETS_DIR = prev;
    }
  });

  it("creates the file when it is missing", async () => {
    const root = repoWith();
    expect(await applyPreset(root, "slurm")).toEqual({ changed: true, file: POLICY_PATH });
    const text = read(root);
    expect(text.startsWith("#")).toBe(true);
    expect(parse(text).policy_resolution.default_preset).toBe("slurm");
    expect(parseDocument("policy", text, POLICY_PATH).findings).toEqual([]);
  });

  it("refuses an invalid policy file with its line, and leaves it untouched", async () => {
    const bad = USER_POLICY.replace("tests: true ", "tests: maybe");
    const root = repoWith(bad);
    const where = {
      location: { file: POLICY_PATH, line: 8, column: 12, jsonPath: "/requirements_by_stage/launch/tests" },
    };
    await expect(applyPreset(root, "slurm")).rejects.toBeInstanceOf(AutolabError);
    await expect(applyPreset(root, "slurm")).rejects.toMatchObject(where);
    await expect(loadPolicy(root)).rejects.toMatchObject(where);
    expect(read(root)).toBe(bad);
  });
});

describe("loadPolicy", () => {
  it("is the defaults when there is no file", async () => {
    const r = await loadPolicy(repoWith());
    expect(r).toEqual({ policy: DEFAULT_POLICY });
    expect(r.policy.python_bin).toBe("python3");
    expect(r.policy.slurm.monitor).toMatchObject({
      poll_failure_escalation_ticks: 3,
      unknown_grace_seconds: 600,
      sacct_lookback_days: 14,
    });
  });

  it("layers defaults < preset < file", async () => {
    const root = repoWith(
      "policy_resolution:\n  default_preset: slurm\nrequirements_by_stage:\n  slurm_monitor:\n    env_smoke: false\nslurm:\n  monitor:\n    unknown_grace_seconds: 60\n",
    );
    const r = await loadPolicy(root);
    expect(r.preset).toBe("slurm");
    expect(r.file).toBe(POLICY_PATH);
    // file beats preset
    expect(requiresCheck(r.policy, "slurm_monitor", "env_smoke")).toBe(false);
    // preset beats defaults
    expect(requiresCheck(r.policy, "launch", "env_smoke")).toBe(true);
    expect(r.policy.agent_runner.edit_scope.mode).toBe("iteration_plus_core");
    // defaults fill the rest
    expect(r.policy.slurm.monitor).toMatchObject({ unknown_grace_seconds: 60, poll_failure_escalation_ticks: 3 });
    expect(requiresCheck(r.policy, "launch", "tests")).toBe(false);
    expect(requiresCheck(r.policy, "no_such_stage", "tests")).toBe(false);
  });

  it("an unknown preset named in the file is reported at that line", async () => {
    const root = repoWith("python_bin: python3\npolicy_resolution:\n  default_preset: gone\n");
    await expect(loadPolicy(root)).rejects.toMatchObject({
      message: 'unknown preset "gone"',
      location: { file: POLICY_PATH, line: 3, column: 19 },
    });
  });

  it("reads an existing file without a preset and never writes it", async () => {
    const root = repoWith(USER_POLICY);
    const r = await loadPolicy(root);
    expect(r.preset).toBeUndefined();
    expect(r.policy.python_bin).toBe("/opt/venv/bin/python");
    expect(r.policy.launch).toMatchObject({ allowed_partitions: ["debug", "gpu"], submit_timeout_seconds: 60 });
    expect(read(root)).toBe(USER_POLICY);
    expect(existsSync(path.join(root, ".autolab"))).toBe(true);
  });
});

const hasSinfo = spawnSync("sh", ["-c", "command -v sinfo"], { encoding: "utf8" }).status === 0;
if (!hasSinfo) {
  console.warn(
    "SKIPPING the slurm preset's dry-run test: `sinfo` is not on PATH (start the dev cluster with `bash scripts/dev-cluster.sh start`).",
  );
}

describe.skipIf(!hasSinfo)("the slurm preset's dry-run command on the real cluster", () => {
  beforeAll(() => requireCluster());

  async function dryRun(script: string): Promise<{ code: number | null; stderr: string }> {
    const root = mkdtempSync(path.join(tmpdir(), "dryrun-"));
    const iterationPath = "experiments/in_progress/it1";
    mkdirSync(path.join(root, iterationPath, "launch"), { recursive: true });
    writeFileSync(path.join(root, iterationPath, "launch/run_slurm.sbatch"), script);
    const template = (await loadPreset("slurm")).dry_run_command as string;
    // The preset's command has no quoting, so whitespace splitting gives its argv.
    expect(template).not.toMatch(/["'\\]/);
    const argv = expandPlaceholders(template, {
      python_bin: "python3",
      iteration_id: "it1",
      iteration_path: iterationPath,
    })
      .split(/\s+/)
      .filter(Boolean);
    const r = await runArgv(argv[0], argv.slice(1), { cwd: root, timeoutMs: 60_000 });
    return { code: r.code, stderr: r.stderr };
  }

  it("accepts a script the controller would run, without submitting it", async () => {
    const r = await dryRun("#!/bin/bash\n#SBATCH --time=1\n#SBATCH --ntasks=1\necho hi\n");
    expect(r.stderr).toMatch(/to start at/);
    expect(r.code).toBe(0);
  });

  it("fails for a script the controller would refuse", async () => {
    const r = await dryRun("#!/bin/bash\n#SBATCH --partition=no_such_partition\necho hi\n");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/invalid partition/i);
  });
});

describe("helpers", () => {
  it("mergePolicy merges maps and replaces lists and scalars without touching its inputs", () => {
    const base = { a: { b: 1, c: [1, 2] }, d: "x" };
    const out = mergePolicy(base, { a: { c: [3] }, d: "y", e: { f: true } });
    expect(out).toEqual({ a: { b: 1, c: [3] }, d: "y", e: { f: true } });
    expect(base).toEqual({ a: { b: 1, c: [1, 2] }, d: "x" });
  });

  it("expandPlaceholders fills known placeholders and names unknown ones", () => {
    const vars = { python_bin: "python3", iteration_id: "it1", iteration_path: "experiments/plan/it1" };
    expect(expandPlaceholders("{{python_bin}} -m x {{ iteration_path }}/a", vars)).toBe(
      "python3 -m x experiments/plan/it1/a",
    );
    expect(() => expandPlaceholders("{{run_dir}}", vars, "dry_run_command")).toThrow(
      /unknown placeholder \{\{run_dir\}\} in dry_run_command/,
    );
  });
});
