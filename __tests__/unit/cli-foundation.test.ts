/**
 * The CLI commands of the contract: slurm-job-list, policy, validate. Each
 * command is run through src/cli/main.ts with a captured io (help, usage
 * errors and exit codes exactly as the binary has them).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { CliCommand } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { command as slurmJobList } from "../../src/cli/commands/slurm-job-list.js";
import { command as policy } from "../../src/cli/commands/policy.js";
import { command as validate } from "../../src/cli/commands/validate.js";

const FIX = path.join(import.meta.dirname, "../fixtures");
const SAMPLES = path.join(FIX, "autolab-1.0");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function invoke(cmd: CliCommand, argv: string[], cwd: string): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (s: string) => void (stdout += s),
    stderr: (s: string) => void (stderr += s),
    cwd,
    env: process.env,
  };
  const code = await main([cmd.name, ...argv], io);
  return { code, stdout, stderr };
}

/** A repository holding the Python tool's sample manifest and ledger. */
function sampleRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), "cli-"));
  const runDir = path.join(root, "experiments/in_progress/bootstrap_iteration/runs/20261128T151432Z_093977");
  mkdirSync(runDir, { recursive: true });
  mkdirSync(path.join(root, "docs"));
  copyFileSync(path.join(SAMPLES, "run_manifest.completed.json"), path.join(runDir, "run_manifest.json"));
  copyFileSync(path.join(SAMPLES, "slurm_job_list.md"), path.join(root, "docs/slurm_job_list.md"));
  return root;
}
const MANIFEST = "experiments/in_progress/bootstrap_iteration/runs/20261128T151432Z_093977/run_manifest.json";

describe("autolab slurm-job-list", () => {
  it("verify of the sample reports exactly the status difference; append fixes it in place; verify passes", async () => {
    const root = sampleRepo();
    const before = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");

    const v1 = await invoke(slurmJobList, ["verify", "--manifest", MANIFEST], root);
    expect(v1.code).toBe(1);
    expect(v1.stdout).toContain(
      'docs/slurm_job_list.md:1:98: error: run 20261128T151432Z_093977: status is "submitted" in the ledger but "completed" in the manifest',
    );
    expect(v1.stdout.match(/error:/g)).toHaveLength(1);

    const json = await invoke(slurmJobList, ["verify", "--manifest", MANIFEST, "--json"], root);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.findings).toEqual([expect.objectContaining({ check: "ledger.mismatch", line: 1 })]);

    const a = await invoke(slurmJobList, ["append", "--manifest", MANIFEST, "--doc", "docs/slurm_job_list.md"], root);
    expect(a).toMatchObject({ code: 0, stderr: "" });
    expect(a.stdout).toMatch(/^docs\/slurm_job_list.md:1: updated line for run 20261128T151432Z_093977/);
    const after = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
    expect(after).toBe(
      before.replace(
        "run_id=20261128T151432Z_093977 | status=submitted",
        "run_id=20261128T151432Z_093977 | status=completed",
      ),
    );

    const v2 = await invoke(slurmJobList, ["verify", "--manifest", MANIFEST], root);
    expect(v2).toMatchObject({ code: 0, stderr: "" });
    expect(v2.stdout).toMatch(/^ok: /);

    const again = await invoke(slurmJobList, ["append", "--manifest", MANIFEST, "--json"], root);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: "unchanged", line: 1 });
  });

  it("creates the ledger when it is missing; verify without a ledger fails", async () => {
    const root = sampleRepo();
    const v = await invoke(slurmJobList, ["verify", "--manifest", MANIFEST, "--doc", "docs/new.md"], root);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/the ledger does not exist/);
    const a = await invoke(slurmJobList, ["append", "--manifest", MANIFEST, "--doc", "other/new.md", "--json"], root);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ action: "added", created: true });
    expect(readFileSync(path.join(root, "other/new.md"), "utf8")).toMatch(
      /\n- 2026-11-28 \| job_id=4242 .*status=completed\n$/,
    );
  });

  it("skips a non-SLURM manifest with a message, exit 0, touching nothing", async () => {
    const root = sampleRepo();
    const m = JSON.parse(readFileSync(path.join(root, MANIFEST), "utf8"));
    m.host_mode = "local";
    writeFileSync(path.join(root, "local.json"), JSON.stringify(m));
    const before = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
    for (const sub of ["append", "verify"]) {
      const r = await invoke(slurmJobList, [sub, "--manifest", "local.json"], root);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/skipped: run 20261128T151432Z_093977 is not a SLURM run \(host_mode=local\)/);
    }
    expect(readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8")).toBe(before);
  });

  it("refuses a run with duplicate lines (exit 1, line numbers on stderr)", async () => {
    const root = sampleRepo();
    const doc = path.join(root, "docs/slurm_job_list.md");
    const text = readFileSync(doc, "utf8");
    const dup = text + text.split("\n")[0] + "\n";
    writeFileSync(doc, dup);
    const r = await invoke(slurmJobList, ["append", "--manifest", MANIFEST], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /docs\/slurm_job_list.md:1: error: run 20261128T151432Z_093977 has 2 ledger lines \(1, 3\)/,
    );
    expect(readFileSync(doc, "utf8")).toBe(dup);
    const v = await invoke(slurmJobList, ["verify", "--manifest", MANIFEST], root);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/docs\/slurm_job_list.md:3:1: error: run 20261128T151432Z_093977 has 2 ledger lines/);
  });

  it("an invalid manifest is an error naming file, line and path (exit 1)", async () => {
    const root = sampleRepo();
    const text = readFileSync(path.join(root, MANIFEST), "utf8").replace('"status": "completed"', '"status": "done"');
    writeFileSync(path.join(root, "bad.json"), text);
    const r = await invoke(slurmJobList, ["append", "--manifest", "bad.json"], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bad.json:18:13: error: run manifest is invalid: `status` must be one of/);
    const missing = await invoke(slurmJobList, ["verify", "--manifest", "nope.json"], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope.json: error: file not found/);
  });

  it("usage errors exit 2; --help exits 0", async () => {
    const root = sampleRepo();
    for (const argv of [
      [],
      ["frobnicate", "--manifest", MANIFEST],
      ["append"],
      ["append", "--manifest"],
      ["append", "--bogus"],
      ["append", "x", "--manifest", MANIFEST],
    ]) {
      const r = await invoke(slurmJobList, argv, root);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/error: /);
    }
    const h = await invoke(slurmJobList, ["append", "--help"], root);
    expect(h).toMatchObject({ code: 0, stderr: "" });
    expect(h.stdout).toMatch(/^Usage: autolab slurm-job-list append/);
  });
});

describe("autolab validate", () => {
  it("accepts the autolab 1.0 files (kind from the name)", async () => {
    const root = sampleRepo();
    for (const f of ["design.yaml", "verifier_policy.yaml", "metrics.json", "state.json"]) {
      copyFileSync(path.join(FIX, "contract", f), path.join(root, f));
    }
    const r = await invoke(
      validate,
      [MANIFEST, "design.yaml", "verifier_policy.yaml", "metrics.json", "state.json"],
      root,
    );
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout.trim().split("\n")).toEqual([
      `${MANIFEST}: ok (manifest)`,
      "design.yaml: ok (design)",
      "verifier_policy.yaml: ok (policy)",
      "metrics.json: ok (metrics)",
      "state.json: ok (state)",
    ]);
  });

  it("reports every problem with file:line:column and JSON path (exit 1)", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "cli-"));
    writeFileSync(path.join(root, "design.yaml"), "compute:\n  location: slurm\n  gpu_count: 99\n  partition: 'a b'\n");
    writeFileSync(path.join(root, "state.json"), '{\n  "iteration_id": "x",\n  "stage": "x",\n');
    const r = await invoke(validate, ["design.yaml", "state.json"], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "design.yaml:3:14: error: `compute.gpu_count` must be <= 64 (got 99) (at /compute/gpu_count) [schema]",
    );
    expect(r.stdout).toContain("design.yaml:4:14: error: `compute.partition` must be a name");
    expect(r.stdout).toMatch(
      /state.json:4:1: error: invalid JSON: expected a key in double quotes, found end of file \[syntax\]/,
    );
    expect(r.stdout).toContain("design.yaml: 2 problem(s) (design)");

    const j = await invoke(validate, ["--json", "design.yaml"], root);
    const out = JSON.parse(j.stdout);
    expect(out.ok).toBe(false);
    expect(out.files[0].findings.map((f: { json_path: string; line: number }) => [f.json_path, f.line])).toEqual([
      ["/compute/gpu_count", 3],
      ["/compute/partition", 4],
    ]);
  });

  it("--kind for other names; unknown kinds and no files are usage errors", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "cli-"));
    copyFileSync(path.join(FIX, "contract/metrics.json"), path.join(root, "m.json"));
    expect((await invoke(validate, ["m.json"], root)).code).toBe(2);
    expect((await invoke(validate, ["--kind", "metrics", "m.json"], root)).code).toBe(0);
    expect((await invoke(validate, ["--kind", "state", "m.json"], root)).code).toBe(1);
    expect((await invoke(validate, ["--kind", "bogus", "m.json"], root)).code).toBe(2);
    expect((await invoke(validate, [], root)).code).toBe(2);
    expect((await invoke(validate, ["missing/state.json"], root)).code).toBe(1);
    const h = await invoke(validate, ["--help"], root);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/^Usage: autolab validate/);
  });
});

describe("autolab policy", () => {
  it("apply preset slurm, then show the effective policy", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "cli-"));
    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(path.join(root, ".autolab/verifier_policy.yaml"), "# mine\npython_bin: python3.11 # pinned\n");
    const sub = path.join(root, "experiments");
    mkdirSync(sub);

    const a = await invoke(policy, ["apply", "preset", "slurm"], sub);
    expect(a).toMatchObject({ code: 0, stdout: "applied preset slurm to .autolab/verifier_policy.yaml\n" });
    const text = readFileSync(path.join(root, ".autolab/verifier_policy.yaml"), "utf8");
    expect(text.startsWith("# mine\npython_bin: python3.11 # pinned\n")).toBe(true);

    const again = await invoke(policy, ["apply", "preset", "slurm", "--json"], root);
    expect(JSON.parse(again.stdout)).toEqual({
      preset: "slurm",
      file: ".autolab/verifier_policy.yaml",
      changed: false,
    });

    const show = await invoke(policy, ["show"], root);
    expect(show.code).toBe(0);
    expect(show.stdout.split("\n")[0]).toBe(
      "# effective policy: built-in defaults < preset slurm < .autolab/verifier_policy.yaml",
    );
    const shown = parse(show.stdout);
    expect(shown.python_bin).toBe("python3.11");
    expect(shown.requirements_by_stage.launch.env_smoke).toBe(true);

    const js = JSON.parse((await invoke(policy, ["show", "--json"], root)).stdout);
    expect(js).toMatchObject({
      preset: "slurm",
      policy: { agent_runner: { edit_scope: { mode: "iteration_plus_core" } } },
    });
  });

  it("usage errors exit 2 (unknown preset included); an invalid file exits 1", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "cli-"));
    for (const argv of [
      [],
      ["apply"],
      ["apply", "preset"],
      ["apply", "template", "x"],
      ["show", "extra"],
      ["frob"],
      ["apply", "preset", "nope"],
    ]) {
      const r = await invoke(policy, argv, root);
      expect(r.code, argv.join(" ")).toBe(2);
    }
    const r = await invoke(policy, ["apply", "preset", "nope"], root);
    expect(r.stderr).toMatch(/unknown preset "nope"[\s\S]*known presets: .*slurm/);

    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(path.join(root, ".autolab/verifier_policy.yaml"), "python_bin: [1]\n");
    const bad = await invoke(policy, ["show"], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^\.autolab\/verifier_policy.yaml:1:13: error: verifier policy is invalid/);
    expect((await invoke(policy, ["--help"], root)).code).toBe(0);
  });
});
