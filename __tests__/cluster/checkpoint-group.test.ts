/**
 * Issue 13: the checkpoint signal reaches the workload's whole process group,
 * not only the script's direct child. On the real dev cluster, the command is a
 * shell that starts the real worker as its own child (so the worker is a
 * grandchild of the command's process-group leader), and SLURM delivers USR1
 * to the batch shell only (`scancel --batch --signal=USR1`, as
 * `--signal=B:USR1@t` does at the time limit, without waiting for it). The
 * worker must get the signal, finish saving its checkpoint (it takes a moment:
 * a job that ended first would be killed by SLURM mid-save) and exit with
 * $AUTOLAB_RESUME_EXIT_CODE.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import { parseSentinel, RESUME_EXIT_CODE } from "../../src/domain/sentinel.js";
import { renderSlurmScript, sbatchArgv } from "../../src/scheduler/slurm-cli/render.js";
import { describeFailure, ok, runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { clusterUp, scancel, waitForSacct } from "../helpers/cluster.js";

const up = clusterUp();
let root: string;
const jobs: string[] = [];
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-ckpt-group-")));
});
afterAll(async () => {
  for (const j of jobs) await scancel(j).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
function runIdN(): string {
  counter++;
  return `20260104T050607Z_${counter.toString(16).padStart(6, "0")}`;
}

async function until(cond: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/**
 * The worker: on USR1 it notes that it got the signal, takes 2 s to save its
 * checkpoint, notes the save and exits with $AUTOLAB_RESUME_EXIT_CODE. It
 * writes `ready` (its pid and its parent's) once its handler is installed.
 */
const WORKER = [
  "import os, signal, sys, time",
  "run = os.environ['AUTOLAB_RUN_DIR']",
  "def save(sig, frame):",
  "    open(os.path.join(run, 'got-signal'), 'w').write(signal.Signals(sig).name)",
  "    time.sleep(2)",
  "    open(os.path.join(os.environ['AUTOLAB_CHECKPOINT_DIR'], 'state'), 'w').write('step-3')",
  "    open(os.path.join(run, 'saved'), 'w').write('1')",
  "    print('worker saved on', signal.Signals(sig).name, flush=True)",
  "    sys.exit(int(os.environ['AUTOLAB_RESUME_EXIT_CODE']))",
  "signal.signal(signal.SIGUSR1, save)",
  // Written whole, then renamed: the test reads it as soon as it exists.
  "open(os.path.join(run, 'ready.tmp'), 'w').write(f'{os.getpid()} {os.getppid()}')",
  "os.rename(os.path.join(run, 'ready.tmp'), os.path.join(run, 'ready'))",
  "time.sleep(300)",
].join("\n");

/** Submit `cli` as a run with checkpoint_signal USR1; the job id and the run dir once the worker is ready. */
async function submitReady(cli: string): Promise<{ jobId: string; runDir: string }> {
  const runId = runIdN();
  const design: Design = {
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "100M",
      partition: "debug",
      checkpoint_signal: "USR1@60",
    },
    entrypoint: { cli },
  };
  const r = renderSlurmScript({
    design,
    runId,
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: root,
    pythonBin: "python3",
  });
  const runDir = path.join(root, "experiments/in_progress/it1/runs", runId);
  const file = path.join(runDir, "run_slurm.sbatch");
  await writeFileAtomic(file, r.script);
  await mkdir(path.join(runDir, "logs"), { recursive: true });
  const sb = await runArgv("sbatch", sbatchArgv(file, r, { runId, iterationId: "it1" }), {
    cwd: root,
    timeoutMs: 30_000,
  });
  expect(ok(sb), describeFailure(sb)).toBe(true);
  const jobId = sb.stdout.trim().split(";")[0];
  jobs.push(jobId);
  await until(() => existsSync(path.join(runDir, "ready")), `job ${jobId}: the worker ready`, 300_000);
  return { jobId, runDir };
}

/** SLURM signals the batch shell only (as --signal=B: does); the script must pass it on. */
async function signalBatchShell(jobId: string, runDir: string): Promise<void> {
  const r = await runArgv("scancel", ["--batch", "--signal=USR1", jobId], { timeoutMs: 30_000 });
  expect(ok(r), describeFailure(r)).toBe(true);
  await until(() => existsSync(path.join(runDir, "got-signal")), `job ${jobId}: the worker got USR1`, 30_000);
}

async function ended(jobId: string, runDir: string): Promise<Record<string, unknown>> {
  await waitForSacct(jobId, 180_000);
  const file = path.join(runDir, "job_sentinel.json");
  await until(
    () => (parseSentinel(readFileSync(file, "utf8")) as { endedAt?: string }).endedAt !== undefined,
    `job ${jobId}: the sentinel's end`,
    30_000,
  );
  return JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
}

async function sacctState(jobId: string): Promise<string> {
  const r = await runArgv("sacct", ["-j", jobId, "-X", "-n", "-P", "-o", "State,ExitCode"], { timeoutMs: 30_000 });
  return r.stdout.trim();
}

let workerPath: string;
beforeAll(async () => {
  workerPath = path.join(root, "worker.py");
  await writeFileAtomic(workerPath, WORKER + "\n");
});

describe.skipIf(!up)("checkpoint signal to the workload's process group, on the real dev cluster", () => {
  it("a wrapper shell running the worker as its child: the grandchild gets USR1, saves, exits 85; the job asks to be resumed", async () => {
    // The wrapper keeps a handler of its own (bash waits for its foreground child before running it),
    // records its pid, and ends with the worker's status.
    const cli = `bash -c 'trap : USR1; echo $$ > "$AUTOLAB_RUN_DIR/wrapper.pid"; python3 ${workerPath}; rc=$?; echo "wrapper: worker ended $rc"; exit $rc'`;
    const { jobId, runDir } = await submitReady(cli);
    const [workerPid, workerParent] = readFileSync(path.join(runDir, "ready"), "utf8").split(" ").map(Number);
    // The worker really is the wrapper's child, not the process the script started.
    expect(workerParent).toBe(Number(readFileSync(path.join(runDir, "wrapper.pid"), "utf8").trim()));
    expect(workerPid).not.toBe(workerParent);
    await signalBatchShell(jobId, runDir);
    const s = await ended(jobId, runDir);
    expect(readFileSync(path.join(runDir, "got-signal"), "utf8")).toBe("SIGUSR1");
    expect(readFileSync(path.join(runDir, "checkpoint/state"), "utf8")).toBe("step-3");
    const out = readFileSync(path.join(runDir, `logs/slurm-${jobId}.out`), "utf8");
    expect(out).toContain("worker saved on SIGUSR1\n");
    expect(out).toContain(`wrapper: worker ended ${RESUME_EXIT_CODE}\n`);
    expect(s).toMatchObject({
      job_id: jobId,
      exit_code: RESUME_EXIT_CODE,
      workload_exit_code: RESUME_EXIT_CODE,
      checkpoint_signal: "USR1",
      resume_requested: true,
    });
    expect(await sacctState(jobId)).toBe(`FAILED|${RESUME_EXIT_CODE}:0`);
  }, 400_000);

  it("a wrapper without a handler of its own (`worker & wait`) dies of USR1: the job waits until the grandchild has saved", async () => {
    const cli = `bash -c 'python3 ${workerPath} & wait'`;
    const { jobId, runDir } = await submitReady(cli);
    await signalBatchShell(jobId, runDir);
    const s = await ended(jobId, runDir);
    // The grandchild got the signal and finished its 2 s save: the job did not end (SLURM killing it) first.
    expect(readFileSync(path.join(runDir, "got-signal"), "utf8")).toBe("SIGUSR1");
    expect(readFileSync(path.join(runDir, "checkpoint/state"), "utf8")).toBe("step-3");
    expect(existsSync(path.join(runDir, "saved"))).toBe(true);
    expect(readFileSync(path.join(runDir, `logs/slurm-${jobId}.out`), "utf8")).toContain("worker saved on SIGUSR1\n");
    expect(readFileSync(path.join(runDir, `logs/slurm-${jobId}.err`), "utf8")).toContain(
      "autolab: the command ended on SIGUSR1 (status 138); waiting for the programs it started to end\n",
    );
    // What is recorded stays the truth about the command: the wrapper was killed by USR1 (128+10).
    expect(s).toMatchObject({
      job_id: jobId,
      exit_code: 138,
      workload_exit_code: 138,
      checkpoint_signal: "USR1",
      resume_requested: false,
    });
  }, 400_000);
});
