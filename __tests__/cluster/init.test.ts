/**
 * `autolab init`: what it scaffolds, that the scaffold is valid for the rest of
 * autolab, that it never overwrites anything, and that the example iteration
 * really runs (its commands here; the whole launch -> monitor path on the
 * SLURM dev cluster when one is up).
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { command as initCommand } from "../../src/cli/commands/init.js";
import { EXAMPLE_DESIGN_PATH, initRepository } from "../../src/commands/init.js";
import { WORKFLOW_TEMPLATES, ACTION_PLACEHOLDER } from "../../src/github/workflow-templates.js";
import { LEDGER_HEADER } from "../../src/ledger/io.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { parseDocument } from "../../src/contract/validate.js";
import { loadPolicy } from "../../src/contract/policy.js";
import { resolveIteration } from "../../src/contract/design.js";
import { buildCommand } from "../../src/scheduler/slurm-cli/render.js";
import { renderArgv } from "../../src/domain/placeholders.js";
import { jsonObjectFromStdout } from "../../src/steps/extract.js";
import { runArgv, ok } from "../../src/util/exec.js";
import type { Design } from "../../src/contract/types.js";
import { realScheduler } from "../helpers/cluster.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "autolab-init-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const EXPECTED = [
  ".autolab/verifier_policy.yaml",
  "experiments/plan/example_iteration/design.yaml",
  "docs/slurm_job_list.md",
  ".autolab/state.json",
  ".github/workflows/autolab-launch.yml",
  ".github/workflows/autolab-monitor.yml",
  ".github/workflows/autolab-verify.yml",
  ".github/workflows/autolab-watch.yml",
];

/** Every file under `root` with its bytes and mtime. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs);
      if (e.isDirectory()) walk(abs);
      else if (e.isSymbolicLink()) out[rel] = `symlink ${lstatSync(abs).mtimeMs}`;
      else out[rel] = `${statSync(abs).mtimeMs} ${readFileSync(abs, "base64")}`;
    }
  };
  walk(root);
  return out;
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { cwd, env: process.env, stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
  };
}

describe("autolab init", () => {
  it("scaffolds policy, example design, ledger and workflows that the rest of autolab accepts", async () => {
    const root = path.join(tempDir(), "lab");
    const res = await initRepository({ root });
    expect(res.files.map((f) => [f.path, f.action])).toEqual(EXPECTED.map((p) => [p, "created"]));
    expect(res.created).toBe(8);

    // Policy: the slurm preset, valid, recorded.
    const { policy } = await loadPolicy(root);
    expect(policy.policy_resolution?.default_preset).toBe("slurm");
    expect((policy as { dry_run_command?: string }).dry_run_command).toContain("sbatch --test-only");

    // Design: schema-valid without a single finding, and found by iteration id.
    const designText = readFileSync(path.join(root, EXAMPLE_DESIGN_PATH), "utf8");
    expect(parseDocument("design", designText, EXAMPLE_DESIGN_PATH).findings).toEqual([]);
    const it = await resolveIteration(root, "example_iteration");
    expect(path.relative(root, it.designPath)).toBe(EXAMPLE_DESIGN_PATH);

    // Ledger: the header only, no runs, no problems.
    const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
    expect(ledger).toBe(LEDGER_HEADER);
    expect(parseLedger(ledger)).toEqual({ entries: [], problems: [] });

    // Workflows: the templates byte for byte.
    for (const [name, text] of Object.entries(WORKFLOW_TEMPLATES)) {
      expect(readFileSync(path.join(root, ".github/workflows", name), "utf8") === text).toBe(true);
    }
  });

  it("changes nothing when run twice, and reports every file as kept", async () => {
    const root = tempDir();
    const first = io(root);
    expect(await initCommand.run([], first.io)).toBe(0);
    expect(first.out.join("")).toContain("8 created, 0 kept.");
    const before = snapshot(root);
    const second = io(root);
    expect(await initCommand.run(["--repo", "."], second.io)).toBe(0);
    const text = second.out.join("");
    for (const p of EXPECTED) expect(text).toMatch(new RegExp(`exists, kept\\s+${p.replace(/[.]/g, "\\.")}`));
    expect(text).toContain("0 created, 8 kept.");
    expect(snapshot(root)).toEqual(before);
  });

  it("never overwrites a user's file, a directory or a dangling symlink in the way", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, ".github/workflows"), { recursive: true });
    writeFileSync(path.join(root, ".github/workflows/autolab-verify.yml"), "# mine\n");
    mkdirSync(path.join(root, "docs"));
    symlinkSync("does-not-exist.md", path.join(root, "docs/slurm_job_list.md"));
    mkdirSync(path.join(root, ".autolab/verifier_policy.yaml"), { recursive: true });
    const res = await initRepository({ root });
    const action = Object.fromEntries(res.files.map((f) => [f.path, f.action]));
    expect(action[".github/workflows/autolab-verify.yml"]).toBe("exists, kept");
    expect(action["docs/slurm_job_list.md"]).toBe("exists, kept");
    expect(action[".autolab/verifier_policy.yaml"]).toBe("exists, kept");
    expect(action[".github/workflows/autolab-launch.yml"]).toBe("created");
    expect(readFileSync(path.join(root, ".github/workflows/autolab-verify.yml"), "utf8")).toBe("# mine\n");
    expect(lstatSync(path.join(root, "docs/slurm_job_list.md")).isSymbolicLink()).toBe(true);
  });

  it("fills in the action reference, supports --preset none, and refuses bad options with exit 2", async () => {
    const root = tempDir();
    const res = await initRepository({ root, action: "my-lab/autolab-slurm@v1.2.0", preset: "none" });
    expect(res.created).toBe(8);
    const launch = readFileSync(path.join(root, ".github/workflows/autolab-launch.yml"), "utf8");
    expect(launch).toContain("uses: my-lab/autolab-slurm@v1.2.0");
    expect(launch).not.toContain(`uses: ${ACTION_PLACEHOLDER}`);
    const { policy } = await loadPolicy(root);
    expect(policy.python_bin).toBe("python3");
    expect(policy.policy_resolution?.default_preset).toBeUndefined();

    const other = tempDir();
    await expect(initRepository({ root: other, preset: "nope" })).rejects.toMatchObject({
      exitCode: 2,
      message: /unknown preset "nope"/,
    });
    await expect(initRepository({ root: other, action: "x; rm -rf /" })).rejects.toMatchObject({ exitCode: 2 });
    await expect(initCommand.run(["stray"], io(other).io)).rejects.toMatchObject({ exitCode: 2 });
    expect(readdirSync(other)).toEqual([]);
  });
});

describe("the example iteration", () => {
  it("runs its entrypoint and extract parser the way a job and the extract stage do", async () => {
    const root = tempDir();
    await initRepository({ root });
    const design = parseYaml(readFileSync(path.join(root, EXAMPLE_DESIGN_PATH), "utf8")) as Design;
    const runDir = path.join(root, "experiments/plan/example_iteration/runs/20261128T151432Z_093977");
    mkdirSync(runDir, { recursive: true });
    // The job script runs the command with bash from the repository root, AUTOLAB_RUN_DIR exported.
    const job = await runArgv("bash", ["-c", buildCommand(design, "python3")], {
      cwd: root,
      env: { AUTOLAB_RUN_DIR: runDir },
    });
    expect(ok(job), job.stderr).toBe(true);
    expect(job.stdout).toContain("example run finished");
    const argv = renderArgv(String(design.extract_parser!.command), {
      run_id: "20261128T151432Z_093977",
      iteration_id: "example_iteration",
      iteration_path: "experiments/plan/example_iteration",
      run_dir: runDir,
      repo_root: root,
    });
    const parsed = await runArgv(argv[0], argv.slice(1), { cwd: root });
    expect(ok(parsed), parsed.stderr).toBe(true);
    expect(jsonObjectFromStdout(parsed.stdout)).toEqual({ primary_metric: { name: "accuracy", value: 0.5 } });
  });

  const haveSlurm = (process.env.PATH ?? "").split(path.delimiter).some((d) => {
    try {
      return !!d && statSync(path.join(d, "sinfo")).isFile();
    } catch {
      return false;
    }
  });
  if (!haveSlurm) {
    console.warn(
      "SKIPPING the SLURM run of the example iteration: `sinfo` is not on PATH (start it with `bash scripts/dev-cluster.sh start`)",
    );
  }

  it.skipIf(!haveSlurm)("launches on the SLURM dev cluster and completes with its metric", async () => {
    const { launch } = await import("../../src/commands/launch/index.js");
    const { monitor } = await import("../../src/commands/monitor/index.js");
    const root = tempDir();
    await initRepository({ root });
    const res = await launch({
      scheduler: realScheduler(),
      cwd: root,
      design: "example_iteration",
      commit: false,
      push: false,
    });
    expect(res.hostMode).toBe("slurm");
    expect(res.jobId).toMatch(/^\d+/);
    let status = res.status;
    // Bounded: the job takes seconds; each tick is one sacct + one squeue call.
    for (let tick = 0; tick < 120 && !["completed", "failed", "partial"].includes(status); tick++) {
      await new Promise((r) => setTimeout(r, 1000));
      const rep = await monitor({
        scheduler: realScheduler(),
        cwd: root,
        runId: res.runId,
        commit: false,
        push: false,
      });
      status = rep.runs.find((r) => r.runId === res.runId)?.after ?? status;
    }
    expect(status).toBe("completed");
    const metrics = JSON.parse(
      readFileSync(path.join(path.dirname(path.join(root, res.manifestPath)), "metrics.json"), "utf8"),
    );
    expect(metrics).toMatchObject({ status: "completed", primary_metric: { name: "accuracy", value: 0.5 } });
  });
});
