/**
 * Every rendered script passes `shellcheck -s bash` at every severity
 * (error, warning, info, style) with no output: SLURM and local scripts, for
 * a minimal design, a full design, and designs whose env values, args and
 * command line are full of shell metacharacters. shellcheck is the Debian
 * package; the test fails (it does not skip) when it is missing.
 */
import { describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import { renderLocalScript, renderSlurmScript, type RenderInput } from "../../src/scheduler/slurm-cli/render.js";
import { runArgv } from "../../src/util/exec.js";

function input(design: Design, pythonBin = "python3"): RenderInput {
  return {
    design,
    runId: "20260102T030405Z_a1b2c3",
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: "/home/me/repo",
    pythonBin,
  };
}

const DESIGNS: Record<string, Design> = {
  minimal: { compute: { location: "slurm" }, entrypoint: { module: "train" } },
  "minimal cli": { compute: { location: "local" }, entrypoint: { cli: "python train.py" } },
  full: {
    compute: {
      location: "slurm",
      walltime_estimate: "2-00:00:00",
      memory_estimate: "64GB",
      gpu_count: 4,
      gpu_type: "a100",
      partition: "gpu",
      qos: "normal",
      num_nodes: 2,
      cpus_per_task: 16,
      account: "proj123",
      constraint: "[a100|h100]&ib",
      sbatch_options: ["--exclusive", "--mail-type=END,FAIL", "--signal=USR1@120", "--requeue"],
    },
    runtime: {
      setup: [
        "module purge",
        "module load cuda/12.2",
        'export PYTHONPATH="$PWD/src:${PYTHONPATH:-}"',
        "nvidia-smi || true",
      ],
      env: { OMP_NUM_THREADS: 16, WANDB_MODE: "offline", DEBUG: false, RATIO: 0.5 },
    },
    entrypoint: {
      module: "mypkg.train",
      args: { config: "configs/big.yaml", seed: 7, amp: true, layers: [1, 2, 3], opt: { lr: 0.1 } },
    },
  },
  "metacharacters everywhere": {
    compute: { location: "slurm", walltime_estimate: "30" },
    runtime: {
      env: {
        SUBST: "$(touch /tmp/pwned)",
        TICK: "`id`",
        QUOTE: `it's "x"`,
        NL: "a\nb",
        BS: "\\",
        GLOB: "*?[a]",
        TILDE: "~/x",
        EMPTY: "",
        TILDE2: "a:~/x:~",
        BSQ: "\\'",
        QBS: "'\\",
        ANSI: "$'x'",
        BANG: "!event",
        HASH: "#notcomment",
        OPS: "a;b&c|d>e<f",
        PARAM: "${x:-y}",
        TAB: "\t",
        CR: "a\rb",
        UNI: "ü✓🚀",
      },
    },
    entrypoint: {
      module: "m",
      args: { a: "$(id)", b: "`id`", c: "x'y", d: ["a b", "$HOME", "~"], e: { k: "'\"" }, f: "\\", g: "~/x" },
    },
  },
  "cli with expansions": {
    compute: { location: "slurm" },
    entrypoint: {
      cli: 'python train.py --out "$AUTOLAB_RUN_DIR/outputs" --tag `date +%s` 2>&1 | tee "$AUTOLAB_RUN_DIR/train.log"',
    },
  },
};

async function shellcheck(script: string): Promise<{ code: number | null; output: string }> {
  const r = await runArgv("shellcheck", ["-s", "bash", "-S", "style", "-f", "gcc", "-"], {
    input: script,
    timeoutMs: 60_000,
  });
  if (r.spawnError) {
    throw new Error(
      `shellcheck could not be started (${r.spawnError}); install the Debian package: apt-get install shellcheck`,
    );
  }
  return { code: r.code, output: (r.stdout + r.stderr).trim() };
}

describe("shellcheck on rendered scripts", () => {
  it("reports problems in a script that has them (the check is not vacuous)", async () => {
    const r = await shellcheck("#!/bin/bash\nx=$1\nrm -rf $x/*\necho `id`\n");
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/SC2086|SC2115|SC2006/);
  });

  for (const [name, design] of Object.entries(DESIGNS)) {
    for (const kind of ["slurm", "local"] as const) {
      it(`${kind} script, ${name} design: no findings at any severity`, async () => {
        const rendered = (kind === "slurm" ? renderSlurmScript : renderLocalScript)(input(design));
        const r = await shellcheck(rendered.script);
        expect(r.output, `shellcheck findings for:\n${rendered.script}`).toBe("");
        expect(r.code).toBe(0);
      });
    }
  }

  it("a python_bin with spaces stays one quoted word", async () => {
    const r = await shellcheck(renderSlurmScript(input(DESIGNS.full, "/opt/my env/bin/python")).script);
    expect(r.output).toBe("");
  });
});
