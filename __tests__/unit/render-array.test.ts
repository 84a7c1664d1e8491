/**
 * The job array script of a sweep: one script whose task table gives each
 * `SLURM_ARRAY_TASK_ID` its run, command and parameters. Parameter values
 * are data: hostile values reach the task's argv and AUTOLAB_PARAMS_JSON
 * exactly and run nothing (proven by running the script with bash for each
 * task), the script passes shellcheck at every severity, and the directives
 * write each task's logs into its own run directory (`%a`).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import { paramsJson, planSweep } from "../../src/domain/sweep.js";
import type { ArrayRequest } from "../../src/scheduler/port.js";
import { jobRequest } from "../../src/scheduler/slurm-cli/render.js";
import { renderArray, sbatchArrayArgv } from "../../src/scheduler/slurm-cli/render-array.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-array-")));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const SWEEP = "20260102T030405Z_a1b2c3";

function arrayOf(design: Design, repoRoot: string): ArrayRequest {
  const { plan, problems } = planSweep(design);
  expect(problems).toEqual([]);
  return {
    name: `autolab-${SWEEP}`,
    runPrefix: `${SWEEP}_`,
    maxConcurrent: 2,
    tasks: plan!.tasks.map((t, i) => ({
      request: jobRequest({
        design,
        runId: `${SWEEP}_${i}`,
        iterationId: "it1",
        iterationPath: "experiments/in_progress/it1",
        repoRoot,
        pythonBin: "python3",
        task: { params: t.params, env: [] },
      }),
      env: [
        ["AUTOLAB_PARAMS_JSON", paramsJson(t.params)],
        ["AUTOLAB_TASK_INDEX", String(t.index)],
      ],
    })),
  };
}

const HOSTILE = [
  "$(touch PWNED_subst)",
  "`touch PWNED_tick`",
  "'; touch PWNED_quote; '",
  'a"b\\c',
  "multi\nline\n#SBATCH --wrap=touch PWNED_directive",
  "cr\rx\u0001",
  "ü ✓ *",
];

describe("the array script of a sweep", () => {
  it("one script: directives with %A_%a per task run dir, the task table, the sbatch line", () => {
    const d: Design = {
      compute: { location: "slurm" },
      entrypoint: { cli: "python3 train.py" },
      sweep: { grid: { lr: [1, 2] } },
    };
    const a = arrayOf(d, "/home/me/repo");
    const r = renderArray(a);
    expect(r.script).toContain(`#SBATCH --job-name=autolab-${SWEEP}`);
    expect(r.script).toContain(
      `#SBATCH --output=/home/me/repo/experiments/in_progress/it1/runs/${SWEEP}_%a/logs/slurm-%A_%a.out`,
    );
    expect(r.script).toMatch(/case "\$\{SLURM_ARRAY_TASK_ID:-\}" in/);
    expect(r.script).toContain(`  1) autolab_run_id=${SWEEP}_1; autolab_command='python3 train.py --lr 2';`);
    expect(sbatchArrayArgv("x/run_slurm.sbatch", a, "0-1%2")).toEqual([
      "--parsable",
      "--array=0-1%2",
      "--export=ALL,AUTOLAB_ITERATION_ID=it1",
      "x/run_slurm.sbatch",
    ]);
    const s = slurmCli().prepareArray(a, { scriptPath: "x/run_slurm.sbatch" });
    expect(s.argv).toEqual([
      "sbatch",
      "--parsable",
      "--array=0-1",
      "--export=ALL,AUTOLAB_ITERATION_ID=it1",
      "x/run_slurm.sbatch",
    ]);
  });

  it("passes shellcheck at every severity, with hostile parameter values", async () => {
    const d: Design = {
      compute: { location: "slurm" },
      runtime: { env: { A: "$(id)" }, setup: ["echo setup"] },
      entrypoint: { module: "train", args: { epochs: 3 } },
      sweep: { points: HOSTILE.map((v) => ({ tag: v })) },
    };
    const r = await runArgv("shellcheck", ["-s", "bash", "-S", "style", "-f", "gcc", "-"], {
      input: renderArray(arrayOf(d, "/home/me/repo")).script,
      timeoutMs: 60_000,
    });
    expect(r.spawnError).toBeUndefined();
    expect((r.stdout + r.stderr).trim()).toBe("");
    expect(r.code).toBe(0);
  });

  it("hostile values reach each task's argv and AUTOLAB_PARAMS_JSON exactly, and run nothing", async () => {
    await writeFileAtomic(
      path.join(root, "argdump.py"),
      'import json, os, sys\nopen(os.path.join(os.environ["AUTOLAB_RUN_DIR"], "argv.json"), "w").write(json.dumps({"argv": sys.argv[1:], "params": json.loads(os.environ["AUTOLAB_PARAMS_JSON"]), "index": os.environ["AUTOLAB_TASK_INDEX"], "run": os.environ["AUTOLAB_RUN_ID"]}))\n',
    );
    const d: Design = {
      compute: { location: "slurm" },
      entrypoint: { module: "argdump", args: { epochs: 3 } },
      sweep: { points: HOSTILE.map((v) => ({ tag: v })) },
    };
    const a = arrayOf(d, root);
    const script = renderArray(a).script;
    const file = path.join(root, "run_slurm.sbatch");
    await writeFileAtomic(file, script);
    for (let i = 0; i < HOSTILE.length; i++) {
      const runDir = path.join(root, "experiments/in_progress/it1/runs", `${SWEEP}_${i}`);
      await mkdir(runDir, { recursive: true });
      const res = await runArgv("bash", [file], {
        cwd: root,
        timeoutMs: 30_000,
        env: { SLURM_ARRAY_TASK_ID: String(i), SLURM_JOB_ID: String(100 + i) },
      });
      expect(res.code, res.stderr).toBe(0);
      const got = JSON.parse(readFileSync(path.join(runDir, "argv.json"), "utf8"));
      expect(got).toEqual({
        argv: ["--epochs", "3", "--tag", HOSTILE[i]],
        params: { tag: HOSTILE[i] },
        index: String(i),
        run: `${SWEEP}_${i}`,
      });
      const sentinel = JSON.parse(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8"));
      expect(sentinel).toMatchObject({ run_id: `${SWEEP}_${i}`, job_id: String(100 + i), exit_code: 0 });
    }
    expect(readdirSync(root).filter((f) => f.startsWith("PWNED"))).toEqual([]);
    // A task id outside the table fails without running anything.
    const bad = await runArgv("bash", [file], { cwd: root, timeoutMs: 30_000, env: { SLURM_ARRAY_TASK_ID: "99" } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/array task 99 is not in this script's table/);
    expect(existsSync(path.join(root, "experiments/in_progress/it1/runs", `${SWEEP}_99`))).toBe(false);
  });
});
