/**
 * The job script renderer: golden text of a full design, determinism, the
 * command (args ordering, flags, lists, objects), value normalisation, the
 * sbatch argv, the sentinel written by really running the scripts with bash
 * (exit 0, exit 3, SIGTERM, a failing setup line), and a real submission to
 * the dev cluster (directives as scontrol sees them, sentinel with the job id,
 * scancel recorded, SLURM ignoring an #SBATCH line after the first command).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import {
  argsToArgv,
  buildCommand,
  renderLocalScript,
  renderSlurmScript,
  sbatchArgv,
  type RenderInput,
} from "../../src/scheduler/slurm-cli/render.js";
import { normalizeMemory, normalizeWalltime, validateComputeValues } from "../../src/scheduler/slurm-cli/values.js";
import { AutolabError } from "../../src/util/errors.js";
import { describeFailure, ok, runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { clusterUp, endJobNow, scancel, scontrol, waitForState } from "../helpers/cluster.js";

const RUN_ID = "20260102T030405Z_a1b2c3";

function fullDesign(): Design {
  return {
    iteration_id: "it1",
    compute: {
      location: "slurm",
      walltime_estimate: "1-02:03:04",
      memory_estimate: "64GB",
      gpu_count: 2,
      gpu_type: "a100",
      partition: "gpu",
      qos: "normal",
      num_nodes: 1,
      cpus_per_task: 8,
      account: "proj123",
      constraint: "a100&ib",
      sbatch_options: ["--exclusive", "--mail-type=END,FAIL"],
      checkpoint_signal: "USR1@120",
    },
    runtime: {
      setup: ["module load cuda/12.2", 'echo "setup done"'],
      env: { OMP_NUM_THREADS: 8, DATA_DIR: "/scratch/data", A_FLAG: true },
    },
    entrypoint: {
      module: "train",
      args: {
        lr: 0.001,
        epochs: 3,
        fast: true,
        debug: false,
        resume: null,
        tags: ["x", "y z"],
        opt: { momentum: 0.9, name: "sgd" },
      },
    },
  };
}

function input(design: Design, over: Partial<RenderInput> = {}): RenderInput {
  return {
    design,
    runId: RUN_ID,
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: "/home/me/repo",
    pythonBin: "python3",
    ...over,
  };
}

// `$\{` stands for `${` (a template literal would interpolate it).
const GOLDEN = String.raw`#!/bin/bash
#SBATCH --job-name=autolab-20260102T030405Z_a1b2c3
#SBATCH --output=/home/me/repo/experiments/in_progress/it1/runs/20260102T030405Z_a1b2c3/logs/slurm-%j.out
#SBATCH --error=/home/me/repo/experiments/in_progress/it1/runs/20260102T030405Z_a1b2c3/logs/slurm-%j.err
#SBATCH --open-mode=append
#SBATCH --chdir=/home/me/repo
#SBATCH --time=1-02:03:04
#SBATCH --mem=64G
#SBATCH --cpus-per-task=8
#SBATCH --gres=gpu:a100:2
#SBATCH --partition=gpu
#SBATCH --qos=normal
#SBATCH --nodes=1
#SBATCH --account=proj123
#SBATCH --constraint=a100&ib
#SBATCH --signal=B:USR1@120
#SBATCH --exclusive
#SBATCH --mail-type=END,FAIL
# autolab job script: run 20260102T030405Z_a1b2c3 of iteration it1, rendered from experiments/in_progress/it1/design.yaml.
# Re-rendered by autolab; edits are overwritten. Design values appear here only validated
# (directive lines) or single-quoted; runtime.setup lines are the design's own, verbatim.

export RUN_ID=20260102T030405Z_a1b2c3
export AUTOLAB_RUN_ID=20260102T030405Z_a1b2c3
export AUTOLAB_ITERATION_ID=it1
export AUTOLAB_RUN_DIR=/home/me/repo/experiments/in_progress/it1/runs/20260102T030405Z_a1b2c3
autolab_run_id=20260102T030405Z_a1b2c3
autolab_sentinel=/home/me/repo/experiments/in_progress/it1/runs/20260102T030405Z_a1b2c3/job_sentinel.json
autolab_command='python3 -m train --epochs 3 --fast --lr 0.001 --opt '\''{"momentum":0.9,"name":"sgd"}'\'' --tags x --tags '\''y z'\'''
autolab_started_at=
autolab_signal=
autolab_child=
__AUTOLAB_STARTED=
__AUTOLAB_WORKLOAD_RC=
__AUTOLAB_CHECKPOINT_SIGNAL=
__AUTOLAB_WOKEN=
export AUTOLAB_CHECKPOINT_DIR="$AUTOLAB_RUN_DIR/checkpoint"
export AUTOLAB_RESUME_EXIT_CODE=85
AUTOLAB_RESTART_COUNT=$\{SLURM_RESTART_COUNT:-0}
AUTOLAB_RESTART_COUNT=$\{AUTOLAB_RESTART_COUNT//[^0-9]/}
export AUTOLAB_RESTART_COUNT=$\{AUTOLAB_RESTART_COUNT:-0}
AUTOLAB_ATTEMPT=$\{AUTOLAB_ATTEMPT//[^0-9]/}
export AUTOLAB_ATTEMPT=$\{AUTOLAB_ATTEMPT:-1}
readonly autolab_run_id autolab_sentinel autolab_command

# Evidence: write the sentinel atomically. $1 = ended_at ('' while running), $2 = exit code or null.
autolab_write_sentinel() {
  local host job_id started ended signal wrc ckpt resume tmp
  host=$(uname -n 2>/dev/null)
  [[ -n $host ]] || host=$\{HOSTNAME:-unknown}
  host=$\{host//[^A-Za-z0-9._-]/_}
  job_id=$\{SLURM_JOB_ID:-}
  job_id=$\{job_id//[^0-9]/}
  if [[ -n $job_id ]]; then job_id="\"$job_id\""; else job_id=null; fi
  if [[ -n $autolab_started_at ]]; then started="\"$autolab_started_at\""; else started=null; fi
  if [[ -n $1 ]]; then ended="\"$1\""; else ended=null; fi
  if [[ -n $autolab_signal ]]; then signal="\"$autolab_signal\""; else signal=null; fi
  wrc=$\{__AUTOLAB_WORKLOAD_RC//[^0-9]/}
  [[ -n $wrc ]] || wrc=null
  if [[ -n $__AUTOLAB_CHECKPOINT_SIGNAL ]]; then ckpt="\"$\{__AUTOLAB_CHECKPOINT_SIGNAL//[^A-Z0-9]/}\""; else ckpt=null; fi
  if [[ $wrc == 85 ]]; then resume=true; else resume=false; fi
  tmp="$autolab_sentinel.tmp.$$"
  if printf '{"run_id":"%s","job_id":%s,"host":"%s","started_at":%s,"ended_at":%s,"exit_code":%s,"signal":%s,"workload_exit_code":%s,"checkpoint_signal":%s,"resume_requested":%s,"restart_count":%s}\n' \
    "$autolab_run_id" "$job_id" "$host" "$started" "$ended" "$2" "$signal" "$wrc" "$ckpt" "$resume" "$AUTOLAB_RESTART_COUNT" >"$tmp" 2>/dev/null; then
    mv -f -- "$tmp" "$autolab_sentinel" && return 0
  fi
  rm -f -- "$tmp" 2>/dev/null
  echo "autolab: could not write $autolab_sentinel" >&2
  return 1
}

# However the script ends, record how. (Called from traps, which shellcheck cannot follow.)
# shellcheck disable=SC2317
autolab_on_exit() {
  local rc=$?
  trap - EXIT
  trap '' TERM INT HUP USR1 USR2
  if [[ -z $__AUTOLAB_STARTED && $rc == 0 ]]; then
    echo "autolab: the command never ran (a setup line ended the script or swallowed the rest of it)" >&2
    rc=1
  fi
  autolab_write_sentinel "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$rc"
  exit "$rc"
}

# SIGTERM (scancel, time limit), SIGINT, SIGHUP: stop the command's whole process group,
# wait for it, record its status and end with 128+n. SLURM sends SIGKILL KillWait seconds
# later if it hangs. ($! covers a signal that lands between starting the command and
# recording its pid.)
# shellcheck disable=SC2317
autolab_on_signal() {
  local child=
  [[ -z $__AUTOLAB_STARTED ]] || child=$\{autolab_child:-$!}
  autolab_signal=$1
  trap '' TERM INT HUP USR1 USR2
  if [[ -n $child ]]; then
    echo "autolab: received SIG$1; stopping the command" >&2
    kill -s TERM -- "-$child" 2>/dev/null || kill -s TERM -- "$child" 2>/dev/null
    wait "$child" 2>/dev/null
    local rc=$?
    # 127: the command had already ended (and its status was recorded) before the signal.
    [[ $rc == 127 && -n $__AUTOLAB_WORKLOAD_RC ]] || __AUTOLAB_WORKLOAD_RC=$rc
  fi
  exit "$2"
}

# SIGUSR1/SIGUSR2 (compute.checkpoint_signal): pass it on to the command's process group
# and keep waiting for the command (it saves a checkpoint and exits).
# shellcheck disable=SC2317
__autolab_on_checkpoint() {
  local child=
  [[ -z $__AUTOLAB_STARTED ]] || child=$\{autolab_child:-$!}
  __AUTOLAB_CHECKPOINT_SIGNAL=$1
  __AUTOLAB_WOKEN=1
  if [[ -n $child ]]; then
    echo "autolab: received SIG$1; passing it on to the command" >&2
    kill -s "$1" -- "-$child" 2>/dev/null || kill -s "$1" -- "$child" 2>/dev/null
  else
    echo "autolab: received SIG$1 before the command started; it is not passed on" >&2
  fi
}

trap autolab_on_exit EXIT
trap 'autolab_on_signal TERM 143' TERM
trap 'autolab_on_signal INT 130' INT
trap 'autolab_on_signal HUP 129' HUP
trap '__autolab_on_checkpoint USR1' USR1
trap '__autolab_on_checkpoint USR2' USR2

cd -- /home/me/repo || exit 1
mkdir -p -- "$AUTOLAB_RUN_DIR/logs" || exit 1
autolab_started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
autolab_write_sentinel "" null

# runtime.env (values are literal strings)
export A_FLAG=true
export DATA_DIR=/scratch/data
export OMP_NUM_THREADS=8

# runtime.setup (the design's own lines, verbatim; a failing line ends the job)
set -e
module load cuda/12.2
echo "setup done"
set +e

# The command, in its own process group so that a signal reaches all of it; the subshell
# ends with the command's own status when a signal stops it.
mkdir -p -- "$AUTOLAB_CHECKPOINT_DIR" || exit 1
set -m
__AUTOLAB_STARTED=1
( trap 'exit $?' TERM INT HUP; trap ':' USR1 USR2; eval "$autolab_command" ) </dev/null &
autolab_child=$!
set +m
while :; do
  __AUTOLAB_WOKEN=
  wait "$autolab_child"
  __AUTOLAB_RC=$?
  # 127 after an interrupted wait: the command had already ended; its status is kept.
  if [[ $__AUTOLAB_RC == 127 && -n $__AUTOLAB_WORKLOAD_RC ]]; then break; fi
  __AUTOLAB_WORKLOAD_RC=$__AUTOLAB_RC
  if [[ -z $__AUTOLAB_WOKEN ]] || ((__AUTOLAB_RC <= 128)); then break; fi
done
# The command was killed by the checkpoint signal (a wrapper without a handler of its own):
# the programs it started may still be saving their checkpoint. Wait while its process
# group has a live member, so that the job does not end (and SLURM kill them) mid-save.
__autolab_group_alive() {
  local f s st pg
  for f in /proc/[0-9]*/stat; do
    read -r s 2>/dev/null <"$f" || continue
    s=$\{s##*) }
    read -r st _ pg _ <<<"$s"
    [[ $pg == "$1" && $st != [ZX] ]] && return 0
  done
  return 1
}
if [[ -n $__AUTOLAB_CHECKPOINT_SIGNAL ]] && ((__AUTOLAB_WORKLOAD_RC == 128 + $(kill -l "$__AUTOLAB_CHECKPOINT_SIGNAL"))) &&
  __autolab_group_alive "$autolab_child"; then
  echo "autolab: the command ended on SIG$__AUTOLAB_CHECKPOINT_SIGNAL (status $__AUTOLAB_WORKLOAD_RC); waiting for the programs it started to end" >&2
  while __autolab_group_alive "$autolab_child"; do sleep 1; done
fi
exit "$__AUTOLAB_WORKLOAD_RC"
`.replaceAll("$\\{", "${");

describe("golden render", () => {
  it("renders a full design to exactly the expected script", () => {
    const r = renderSlurmScript(input(fullDesign()));
    expect(r.script).toBe(GOLDEN);
    expect(r.jobName).toBe(`autolab-${RUN_ID}`);
    expect(r.command).toBe(
      `python3 -m train --epochs 3 --fast --lr 0.001 --opt '{"momentum":0.9,"name":"sgd"}' --tags x --tags 'y z'`,
    );
    expect(r.logPaths).toEqual({
      stdout: `experiments/in_progress/it1/runs/${RUN_ID}/logs/slurm-%j.out`,
      stderr: `experiments/in_progress/it1/runs/${RUN_ID}/logs/slurm-%j.err`,
    });
    expect(r.sentinelPath).toBe(`experiments/in_progress/it1/runs/${RUN_ID}/job_sentinel.json`);
    expect(r.directives.map((d) => (d.value === undefined ? d.option : `${d.option}=${d.value}`))).toEqual(
      r.script
        .split("\n")
        .filter((l) => l.startsWith("#SBATCH "))
        .map((l) => l.slice("#SBATCH ".length)),
    );
  });

  it("is byte-identical for the same input and independent of YAML key order", () => {
    const a = renderSlurmScript(input(fullDesign())).script;
    const d = fullDesign();
    const reordered: Design = {
      entrypoint: { args: Object.fromEntries(Object.entries(d.entrypoint!.args!).reverse()), module: "train" },
      runtime: {
        env: { OMP_NUM_THREADS: 8, A_FLAG: true, DATA_DIR: "/scratch/data" },
        setup: (d.runtime as { setup: string[] }).setup,
      },
      compute: Object.fromEntries(Object.entries(d.compute).reverse()) as Design["compute"],
    };
    (reordered.entrypoint!.args as Record<string, unknown>).opt = { name: "sgd", momentum: 0.9 };
    expect(renderSlurmScript(input(reordered)).script).toBe(a);
    expect(renderSlurmScript(input(fullDesign())).script).toBe(a);
    expect(a.endsWith("\n")).toBe(true);
    expect(a).not.toContain("\r");
  });

  it("puts every #SBATCH line before the first command, and setup lines after it", () => {
    const lines = GOLDEN.split("\n");
    const firstCommand = lines.findIndex((l, i) => i > 0 && l.trim() !== "" && !l.trimStart().startsWith("#"));
    const lastDirective = lines.map((l) => l.startsWith("#SBATCH")).lastIndexOf(true);
    expect(lastDirective).toBeLessThan(firstCommand);
    expect(lines.indexOf("module load cuda/12.2")).toBeGreaterThan(firstCommand);
  });

  it("renders a minimal design with no resource directives and a local script without any", () => {
    const minimal: Design = { compute: { location: "local" }, entrypoint: { cli: "python train.py --quick" } };
    const s = renderSlurmScript(input(minimal));
    expect(s.directives.map((d) => d.option)).toEqual(["--job-name", "--output", "--error", "--open-mode", "--chdir"]);
    expect(s.command).toBe("python train.py --quick");
    expect(s.script).toContain(`autolab_command='python train.py --quick'\n`);
    expect(s.script).not.toContain("set -e\n");
    const l = renderLocalScript(input(minimal));
    expect(l.directives).toEqual([]);
    expect(l.script).not.toContain("#SBATCH");
    expect(l.script).toContain('exec >>"$AUTOLAB_RUN_DIR/logs/run_local.out" 2>>"$AUTOLAB_RUN_DIR/logs/run_local.err"');
    expect(l.script).toContain("  job_id=\n");
    expect(l.logPaths).toEqual({
      stdout: `experiments/in_progress/it1/runs/${RUN_ID}/logs/run_local.out`,
      stderr: `experiments/in_progress/it1/runs/${RUN_ID}/logs/run_local.err`,
    });
  });
});

describe("the command", () => {
  it("sorts args by key: true -> flag, false/null -> omitted, list -> repeated, object -> compact JSON", () => {
    expect(
      argsToArgv({
        zeta: 1,
        alpha: "a b",
        on: true,
        off: false,
        none: null,
        list: [1, "two", null, { k: [1, 2] }],
        obj: { b: 2, a: { d: 1, c: 0 } },
        empty: [],
      }),
    ).toEqual([
      "--alpha",
      "a b",
      "--list",
      "1",
      "--list",
      "two",
      "--list",
      '{"k":[1,2]}',
      "--obj",
      '{"a":{"c":0,"d":1},"b":2}',
      "--on",
      "--zeta",
      "1",
    ]);
  });

  it("quotes every word of a python -m command, including the python_bin", () => {
    const d: Design = {
      compute: { location: "local" },
      entrypoint: { module: "pkg.train", args: { name: "it's", n: 2 } },
    };
    // python_bin is one command line for every use (split quote-aware, as the extract parsers do).
    expect(buildCommand(d, "'/opt/my python/bin/python3'")).toBe(
      `'/opt/my python/bin/python3' -m pkg.train --n 2 --name 'it'\\''s'`,
    );
    expect(buildCommand({ compute: { location: "local" }, entrypoint: { module: "m" } }, "env python3")).toBe(
      "env python3 -m m",
    );
    expect(() => buildCommand(d, "python3 'unbalanced")).toThrow(/python_bin/);
  });

  it("python_bin 'env python3' runs a module job (it was quoted as one word: exit 127)", async () => {
    const cmd = buildCommand({ compute: { location: "local" }, entrypoint: { module: "platform" } }, "env python3");
    const r = await runArgv("bash", ["-c", cmd], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(buildCommand({ compute: { location: "local" }, entrypoint: { module: "m" } }, "python3")).toBe(
      "python3 -m m",
    );
  });

  it("takes entrypoint.cli verbatim, in preference to module", () => {
    const d: Design = {
      compute: { location: "local" },
      entrypoint: { cli: "python train.py | tee out.txt", module: "ignored" },
    };
    expect(buildCommand(d, "python3")).toBe("python train.py | tee out.txt");
  });

  it("refuses a design without an entrypoint, or with a bad module name, naming the path", () => {
    const err = (d: Design) => {
      try {
        buildCommand(d, "python3");
      } catch (e) {
        return e as AutolabError;
      }
      throw new Error("no error");
    };
    expect(err({ compute: { location: "local" } }).location.jsonPath).toBe("/entrypoint");
    expect(err({ compute: { location: "local" }, entrypoint: { module: "os; rm -rf /" } }).location.jsonPath).toBe(
      "/entrypoint/module",
    );
    expect(err({ compute: { location: "local" }, entrypoint: { cli: "  " } }).location.jsonPath).toBe(
      "/entrypoint/cli",
    );
    expect(
      err({ compute: { location: "local" }, entrypoint: { module: "m", args: { "a b": 1 } } }).location.jsonPath,
    ).toBe("/entrypoint/args/a b");
  });
});

describe("value normalisation", () => {
  it.each([
    ["02:00:00", "02:00:00"],
    ["2:0:0", "02:00:00"],
    ["90", "01:30:00"],
    ["30:00", "00:30:00"],
    ["48:00:00", "2-00:00:00"],
    ["1-12", "1-12:00:00"],
    ["1-12:30", "1-12:30:00"],
    ["7-00:00:00", "7-00:00:00"],
    ["0-00:00:30", "00:00:30"],
    ["unlimited", "UNLIMITED"],
  ])("walltime %s -> %s", (raw, want) => {
    expect(normalizeWalltime(raw)).toBe(want);
  });
  it("walltime as a YAML integer is minutes", () => {
    expect(normalizeWalltime(120)).toBe("02:00:00");
  });
  it.each(["0", "00:00:00", "1-24:00", "10:60", "1:60:00", "2h", "1 day", "-5", "1-", "1.5", "", "99999999"])(
    "walltime %j is refused",
    (raw) => {
      expect(() => normalizeWalltime(raw)).toThrow(AutolabError);
    },
  );
  it.each([
    ["64GB", "64G"],
    ["512MB", "512M"],
    ["64gb", "64G"],
    ["2T", "2T"],
    ["16GiB", "16G"],
    ["1.5G", "1536M"],
    ["0.25M", "256K"],
  ])("memory %s -> %s", (raw, want) => {
    expect(normalizeMemory(raw)).toBe(want);
  });
  it("memory without a unit is megabytes, with a warning finding", () => {
    expect(normalizeMemory("4096")).toBe("4096M");
    const f = validateComputeValues({ compute: { location: "slurm", memory_estimate: "4096" } });
    expect(f).toEqual([expect.objectContaining({ severity: "warning", jsonPath: "/compute/memory_estimate" })]);
  });
  it.each(["0", "0GB", "64 GB", "64XB", "1024B", "-1G", "G", "1e3M", "0.5K"])("memory %j is refused", (raw) => {
    expect(() => normalizeMemory(raw)).toThrow(AutolabError);
  });
  it("gres is gpu:n without a type and is left out for zero GPUs", () => {
    const dirs = (compute: Record<string, unknown>) =>
      renderSlurmScript(
        input({ compute: { location: "slurm", ...compute }, entrypoint: { cli: "true" } }),
      ).directives.filter((d) => d.option === "--gres");
    expect(dirs({ gpu_count: 1 })).toEqual([{ option: "--gres", value: "gpu:1" }]);
    expect(dirs({ gpu_count: 0 })).toEqual([]);
    expect(validateComputeValues({ compute: { location: "slurm", gpu_count: 0, gpu_type: "a100" } })).toEqual([
      expect.objectContaining({ severity: "warning", jsonPath: "/compute/gpu_type" }),
    ]);
  });
  it("a full valid design has no findings", () => {
    expect(validateComputeValues(fullDesign())).toEqual([]);
  });
});

describe("sbatchArgv", () => {
  it("passes --parsable, the run's environment and the script path", () => {
    const r = renderSlurmScript(input(fullDesign()));
    expect(sbatchArgv("/x/run_slurm.sbatch", r, { runId: RUN_ID, iterationId: "it1" })).toEqual([
      "--parsable",
      `--export=ALL,RUN_ID=${RUN_ID},AUTOLAB_RUN_ID=${RUN_ID},AUTOLAB_ITERATION_ID=it1`,
      "/x/run_slurm.sbatch",
    ]);
    expect(sbatchArgv("-weird.sbatch", r, { runId: RUN_ID, iterationId: "it1" })[2]).toBe("./-weird.sbatch");
  });
  it("refuses ids that sbatch would split on commas, and a script rendered for another run", () => {
    const r = renderSlurmScript(input(fullDesign()));
    expect(() => sbatchArgv("/x", r, { runId: RUN_ID, iterationId: "it1,LD_PRELOAD=/evil.so" })).toThrow(AutolabError);
    expect(() => sbatchArgv("/x", r, { runId: "20260102T030405Z_ffffff", iterationId: "it1" })).toThrow(/rendered for/);
  });
});

// ---------------------------------------------------------------------------
// Running the scripts for real

interface Sentinel {
  run_id: string;
  job_id: string | null;
  host: string;
  started_at: string | null;
  ended_at: string | null;
  exit_code: number | null;
  signal: string | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-render-")));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
function runIdN(): string {
  counter++;
  return `20260102T030405Z_${counter.toString(16).padStart(6, "0")}`;
}

async function renderTo(
  kind: "local" | "slurm",
  design: Design,
  runId: string,
): Promise<{ file: string; runDir: string }> {
  const r = (kind === "local" ? renderLocalScript : renderSlurmScript)(input(design, { runId, repoRoot: root }));
  const file = path.join(
    root,
    "experiments/in_progress/it1/launch",
    kind === "local" ? `run_local_${runId}.sh` : `run_slurm_${runId}.sbatch`,
  );
  await writeFileAtomic(file, r.script);
  return { file, runDir: path.join(root, "experiments/in_progress/it1/runs", runId) };
}

async function readSentinel(runDir: string): Promise<Sentinel> {
  return JSON.parse(await readFile(path.join(runDir, "job_sentinel.json"), "utf8")) as Sentinel;
}

const HOST = hostname().replace(/[^A-Za-z0-9._-]/g, "_");

describe("sentinel, by running the local script with bash", () => {
  it("records exit 0 with start and end times; output goes to logs/run_local.out", async () => {
    const runId = runIdN();
    const { file, runDir } = await renderTo(
      "local",
      { compute: { location: "local" }, entrypoint: { cli: 'echo "hello from $AUTOLAB_RUN_ID in $PWD"' } },
      runId,
    );
    const r = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(r.code, describeFailure(r)).toBe(0);
    const s = await readSentinel(runDir);
    expect(s).toEqual({
      run_id: runId,
      job_id: null,
      host: HOST,
      started_at: expect.stringMatching(ISO),
      ended_at: expect.stringMatching(ISO),
      exit_code: 0,
      signal: null,
      workload_exit_code: 0,
      checkpoint_signal: null,
      resume_requested: false,
      restart_count: 0,
    });
    expect(s.ended_at! >= s.started_at!).toBe(true);
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toBe(`hello from ${runId} in ${root}\n`);
    expect(readdirSync(runDir).filter((f) => f.includes(".tmp."))).toEqual([]);
  });

  it("records exit 3 and exits 3", async () => {
    const runId = runIdN();
    const { file, runDir } = await renderTo(
      "local",
      { compute: { location: "local" }, entrypoint: { cli: "echo failing >&2; exit 3" } },
      runId,
    );
    const r = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(r.code).toBe(3);
    const s = await readSentinel(runDir);
    expect(s.exit_code).toBe(3);
    expect(s.ended_at).toMatch(ISO);
    expect(s.signal).toBeNull();
    expect(readFileSync(path.join(runDir, "logs/run_local.err"), "utf8")).toBe("failing\n");
  });

  it.each([
    ["SIGTERM", "TERM", 143],
    ["SIGINT", "INT", 130],
    ["SIGHUP", "HUP", 129],
  ] as const)("records %s as exit 128+n and stops the command's whole process group", async (sig, name, code) => {
    const runId = runIdN();
    // The script's pid ($$ inside the eval'd command is the script's) and the pid of a
    // grandchild, so the test can signal the script the way scancel/timeout do and then
    // check that the grandchild did not survive.
    const cli = `echo $$ > "$AUTOLAB_RUN_DIR/script.pid"; sh -c 'echo $$ > "$AUTOLAB_RUN_DIR/sleep.pid"; exec sleep 120'`;
    const { file, runDir } = await renderTo("local", { compute: { location: "local" }, entrypoint: { cli } }, runId);
    const running = runArgv("bash", [file], { timeoutMs: 60_000 });
    const sleepPidFile = path.join(runDir, "sleep.pid");
    await until(() => existsSync(sleepPidFile) && readFileSync(sleepPidFile, "utf8").endsWith("\n"));
    const scriptPid = Number(readFileSync(path.join(runDir, "script.pid"), "utf8"));
    const sleepPid = Number(readFileSync(sleepPidFile, "utf8"));
    expect((await readSentinel(runDir)).ended_at).toBeNull(); // the start record
    process.kill(scriptPid, sig);
    const r = await running;
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(code);
    const s = await readSentinel(runDir);
    expect(s).toMatchObject({ run_id: runId, exit_code: code, signal: name });
    expect(s.ended_at).toMatch(ISO);
    await until(() => !alive(sleepPid));
    expect(readFileSync(path.join(runDir, "logs/run_local.err"), "utf8")).toContain(
      `autolab: received ${sig}; stopping the command`,
    );
  });

  it("ends the job at a failing setup line, records its status, and does not run the command", async () => {
    const runId = runIdN();
    const design: Design = {
      compute: { location: "local" },
      runtime: { setup: ["echo setup-1", "false", "echo setup-2"] },
      entrypoint: { cli: "echo command-ran" },
    };
    const { file, runDir } = await renderTo("local", design, runId);
    const r = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect((await readSentinel(runDir)).exit_code).toBe(1);
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toBe("setup-1\n");
  });

  it("records a malformed command line as exit 2 instead of breaking the script", async () => {
    const runId = runIdN();
    const { file, runDir } = await renderTo(
      "local",
      { compute: { location: "local" }, entrypoint: { cli: "echo 'unterminated" } },
      runId,
    );
    const r = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect((await readSentinel(runDir)).exit_code).toBe(2);
  });

  it("runs the SLURM script's body with bash and records SLURM_JOB_ID", async () => {
    const runId = runIdN();
    const design = fullDesign();
    (design.runtime as { setup: string[] }).setup = ['echo "setup done"'];
    design.entrypoint = { cli: 'echo "$OMP_NUM_THREADS $DATA_DIR $A_FLAG"; exit 4' };
    const { file, runDir } = await renderTo("slurm", design, runId);
    await mkdir(path.join(runDir, "logs"), { recursive: true });
    const r = await runArgv("bash", [file], { timeoutMs: 30_000, env: { SLURM_JOB_ID: "4242" } });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe("setup done\n8 /scratch/data true\n");
    const s = await readSentinel(runDir);
    expect(s).toMatchObject({ run_id: runId, job_id: "4242", exit_code: 4, signal: null });
  });
});

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((res) => setTimeout(res, 50));
  }
}

// ---------------------------------------------------------------------------
// The real cluster

const haveSinfo = (await runArgv("sinfo", ["--version"], { timeoutMs: 10_000 })).spawnError === undefined;
const up = haveSinfo && clusterUp();
if (!up) {
  const why = haveSinfo
    ? "`sinfo` does not answer (start it: bash scripts/dev-cluster.sh start)"
    : "`sinfo` is not on PATH";
  if (haveSinfo && process.env.CI)
    throw new Error(`render.test.ts: the SLURM dev cluster must be up in CI, but ${why}`);
  console.warn(`\n*** render.test.ts: SKIPPING the real-cluster submission tests: ${why} ***\n`);
}

describe.skipIf(!up)("submission to the real SLURM dev cluster", () => {
  let partition = "";
  beforeAll(async () => {
    const r = await runArgv("sinfo", ["-h", "-o", "%P"], { timeoutMs: 30_000 });
    expect(ok(r), describeFailure(r)).toBe(true);
    const parts = r.stdout
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    partition = (parts.find((p) => p.endsWith("*")) ?? parts[0]).replace(/\*$/, "");
  });

  async function submit(
    design: Design,
    runId: string,
    patch?: (script: string) => string,
  ): Promise<{ jobId: string; runDir: string }> {
    const rendered = renderSlurmScript(input(design, { runId, repoRoot: root }));
    const file = path.join(root, "experiments/in_progress/it1/runs", runId, "run_slurm.sbatch");
    await writeFileAtomic(file, patch ? patch(rendered.script) : rendered.script);
    const runDir = path.dirname(file);
    await mkdir(path.join(runDir, "logs"), { recursive: true }); // SLURM does not create it
    const r = await runArgv("sbatch", sbatchArgv(file, rendered, { runId, iterationId: "it1" }), {
      cwd: root,
      timeoutMs: 30_000,
    });
    expect(ok(r), describeFailure(r)).toBe(true);
    const jobId = r.stdout.trim().split(";")[0];
    expect(jobId).toMatch(/^\d+$/);
    return { jobId, runDir };
  }

  function field(show: string, name: string): string | undefined {
    return new RegExp(`(?:^|\\s)${name}=(\\S*)`).exec(show)?.[1];
  }

  it("scontrol shows the rendered name, partition, time limit, cpus and memory; the sentinel gets the job id", async () => {
    const runId = runIdN();
    const design: Design = {
      compute: {
        location: "slurm",
        walltime_estimate: "0-00:07:00",
        memory_estimate: "100MB",
        cpus_per_task: 1,
        partition,
        num_nodes: 1,
      },
      runtime: { env: { GREETING: "hi $(touch pwned)" } },
      entrypoint: { cli: 'echo "$GREETING from $AUTOLAB_RUN_ID"' },
    };
    const { jobId, runDir } = await submit(design, runId);
    const show = await scontrol(["show", "job", "-o", jobId]);
    expect(field(show, "JobName")).toBe(`autolab-${runId}`);
    expect(field(show, "Partition")).toBe(partition);
    expect(field(show, "TimeLimit")).toBe("00:07:00");
    expect(field(show, "CPUs/Task")).toBe("1");
    expect(field(show, "MinMemoryNode")).toBe("100M");
    expect(field(show, "WorkDir")).toBe(root);
    expect(field(show, "StdOut")).toBe(`${runDir}/logs/slurm-${jobId}.out`);
    const state = await waitForState(
      jobId,
      (s) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(s),
      120_000,
    );
    expect(state).toBe("COMPLETED");
    await until(
      () =>
        existsSync(path.join(runDir, "job_sentinel.json")) &&
        JSON.parse(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8")).ended_at !== null,
    );
    const s = await readSentinel(runDir);
    expect(s).toMatchObject({ run_id: runId, job_id: jobId, exit_code: 0, signal: null });
    expect(readFileSync(path.join(runDir, `logs/slurm-${jobId}.out`), "utf8")).toBe(
      `hi $(touch pwned) from ${runId}\n`,
    );
    expect(existsSync(path.join(root, "pwned"))).toBe(false);
  });

  it("scancel is recorded in the sentinel as SIGTERM, exit 143", async () => {
    const runId = runIdN();
    const design: Design = {
      compute: { location: "slurm", walltime_estimate: "00:10:00", memory_estimate: "100M", partition },
      entrypoint: { cli: `touch "$AUTOLAB_RUN_DIR/started"; sleep 300` },
    };
    const { jobId, runDir } = await submit(design, runId);
    await until(() => existsSync(path.join(runDir, "started")), 120_000);
    await scancel(jobId);
    await until(() => {
      try {
        return JSON.parse(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8")).ended_at !== null;
      } catch {
        return false;
      }
    }, 60_000);
    const s = await readSentinel(runDir);
    expect(s).toMatchObject({ run_id: runId, job_id: jobId, exit_code: 143, signal: "TERM" });
  });

  it("a time limit is recorded in the sentinel as SIGTERM, exit 143", async () => {
    const runId = runIdN();
    const design: Design = {
      compute: { location: "slurm", walltime_estimate: "00:10:00", memory_estimate: "100M", partition },
      entrypoint: { cli: `touch "$AUTOLAB_RUN_DIR/started"; sleep 300` },
    };
    const { jobId, runDir } = await submit(design, runId);
    await until(() => existsSync(path.join(runDir, "started")), 120_000);
    await endJobNow(jobId); // reach the time limit now
    expect(
      await waitForState(jobId, (st) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(st), 120_000),
    ).toBe("TIMEOUT");
    await until(
      () => JSON.parse(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8")).ended_at !== null,
      60_000,
    );
    expect(await readSentinel(runDir)).toMatchObject({ run_id: runId, job_id: jobId, exit_code: 143, signal: "TERM" });
  }, 300_000); // slurmctld checks time limits on its own timer (about a minute here)

  it("SLURM reads #SBATCH lines before the first command and ignores them after it (where setup lines go)", async () => {
    const runId = runIdN();
    const design: Design = {
      compute: { location: "slurm", walltime_estimate: "00:05:00", memory_estimate: "100M", partition },
      runtime: { setup: ["echo setup-line"] },
      entrypoint: { cli: "true" },
    };
    const { jobId } = await submit(design, runId, (script) => {
      expect(script).toContain("\necho setup-line\n");
      return (
        script
          // Control: a directive among the comments before the first command is read...
          .replace("\n# autolab job script:", "\n#SBATCH --comment=control-directive\n# autolab job script:")
          // ...and the same kind of line after it is not.
          .replace("\necho setup-line\n", "\necho setup-line\n#SBATCH --job-name=evil\n#SBATCH --time=00:01:00\n")
      );
    });
    const show = await scontrol(["show", "job", "-o", jobId]);
    expect(field(show, "Comment")).toBe("control-directive");
    expect(field(show, "JobName")).toBe(`autolab-${runId}`);
    expect(field(show, "TimeLimit")).toBe("00:05:00");
    await waitForState(jobId, (s) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(s), 120_000);
  });
});
