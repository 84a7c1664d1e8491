/**
 * The checkpoint contract of the job script (render-workload.ts), by running
 * the rendered scripts for real: a checkpoint signal (USR1) passed on to the
 * workload's process group while the script keeps waiting, the workload's own
 * exit status and its resume request in job_sentinel.json, $AUTOLAB_CHECKPOINT_DIR,
 * a TERM whose workload checkpoints, a setup line that swallows the command,
 * and on the real dev cluster `--signal=B:USR1@t` sent by SLURM itself before
 * the time limit.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import { parseSentinel, RESUME_EXIT_CODE } from "../../src/domain/sentinel.js";
import { renderLocalScript, renderSlurmScript, sbatchArgv } from "../../src/scheduler/slurm-cli/render.js";
import { describeFailure, ok, runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { clusterUp, waitForSacct } from "../helpers/cluster.js";

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-ckpt-")));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
function runIdN(): string {
  counter++;
  return `20260103T030405Z_${counter.toString(16).padStart(6, "0")}`;
}

async function render(
  kind: "local" | "slurm",
  design: Design,
  runId: string,
): Promise<{ file: string; runDir: string }> {
  const r = (kind === "local" ? renderLocalScript : renderSlurmScript)({
    design,
    runId,
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: root,
    pythonBin: "python3",
  });
  const runDir = path.join(root, "experiments/in_progress/it1/runs", runId);
  const file = path.join(runDir, kind === "local" ? "run_local.sh" : "run_slurm.sbatch");
  await writeFileAtomic(file, r.script);
  await mkdir(path.join(runDir, "logs"), { recursive: true });
  if (kind === "slurm") {
    const sb = await runArgv("sbatch", sbatchArgv(file, r, { runId, iterationId: "it1" }), {
      cwd: root,
      timeoutMs: 30_000,
    });
    expect(ok(sb), describeFailure(sb)).toBe(true);
  }
  return { file, runDir };
}

async function sentinel(runDir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(runDir, "job_sentinel.json"), "utf8")) as Record<string, unknown>;
}

async function until(cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((res) => setTimeout(res, 100));
  }
}

/**
 * A workload following the contract: it writes its pid, and on SIGUSR1 (or
 * SIGTERM) saves a checkpoint, takes a moment (so a script that did not wait
 * would end first), says so, and exits with $AUTOLAB_RESUME_EXIT_CODE. With a
 * checkpoint present at start it resumes from it.
 */
const WORKLOAD = [
  "import os, signal, sys, time",
  "d = os.environ['AUTOLAB_CHECKPOINT_DIR']",
  "ck = os.path.join(d, 'state')",
  "if os.path.exists(ck): print('resumed from', open(ck).read(), flush=True); sys.exit(0)",
  "def save(sig, frame):",
  "    open(ck, 'w').write('step-7')",
  "    time.sleep(1)",
  "    print('saved on', signal.Signals(sig).name, flush=True)",
  "    sys.exit(int(os.environ['AUTOLAB_RESUME_EXIT_CODE']))",
  "signal.signal(signal.SIGUSR1, save)",
  "signal.signal(signal.SIGTERM, save)",
  "open(os.path.join(os.environ['AUTOLAB_RUN_DIR'], 'ready'), 'w').write(str(os.getpid()))",
  "time.sleep(300)",
].join("\n");

async function writeWorkload(): Promise<string> {
  const p = path.join(root, "workload.py");
  await writeFileAtomic(p, WORKLOAD + "\n");
  return `python3 ${p}`;
}

/**
 * Run the local script of `cli`, wait until the workload is ready, signal the
 * script only (as SLURM's --signal=B: does: the script must pass it on), and
 * return how the script ended.
 */
async function runAndSignal(
  cli: string,
  sig: NodeJS.Signals,
): Promise<{ code: number | null; runDir: string; file: string }> {
  const runId = runIdN();
  const { file, runDir } = await render("local", { compute: { location: "local" }, entrypoint: { cli } }, runId);
  const running = runArgv("bash", [file], { timeoutMs: 60_000 });
  await until(() => existsSync(path.join(runDir, "ready")));
  const r0 = await runArgv("pgrep", ["-f", "-o", `^bash ${file}$`], { timeoutMs: 10_000 });
  expect(ok(r0), describeFailure(r0)).toBe(true);
  process.kill(Number(r0.stdout.trim()), sig);
  const r = await running;
  return { code: r.code, runDir, file };
}

describe("checkpoint signal, by running the local script with bash", () => {
  it("passes USR1 on to the workload, waits for it, and records its status and resume request", async () => {
    const r = await runAndSignal(await writeWorkload(), "SIGUSR1");
    const { file, runDir } = r;
    expect(r.code).toBe(RESUME_EXIT_CODE);
    expect(await sentinel(runDir)).toMatchObject({
      run_id: path.basename(runDir),
      exit_code: RESUME_EXIT_CODE,
      signal: null,
      workload_exit_code: RESUME_EXIT_CODE,
      checkpoint_signal: "USR1",
      resume_requested: true,
      restart_count: 0,
    });
    // The script waited for the workload: its message is in the log before the sentinel's end.
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toContain("saved on SIGUSR1\n");
    expect(readFileSync(path.join(runDir, "logs/run_local.err"), "utf8")).toContain(
      "autolab: received SIGUSR1; passing it on to the command",
    );
    expect(readFileSync(path.join(runDir, "checkpoint/state"), "utf8")).toBe("step-7");
    const parsed = parseSentinel(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8"));
    expect(parsed).toMatchObject({
      state: "present",
      workloadExitCode: 85,
      checkpointSignal: "USR1",
      resumeRequested: true,
    });

    // The second attempt of the same run finds the checkpoint in the same directory.
    const again = await runArgv("bash", [file], { timeoutMs: 60_000 });
    expect(again.code).toBe(0);
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toContain("resumed from step-7\n");
    expect(await sentinel(runDir)).toMatchObject({ exit_code: 0, workload_exit_code: 0, resume_requested: false });
  });

  it("a workload that ignores USR1 carries on to its end: exit 0, the signal still recorded", async () => {
    const cli = `python3 -c "import signal,time; signal.signal(signal.SIGUSR1, lambda *a: print('noted', flush=True)); open('$AUTOLAB_RUN_DIR/ready','w').write('1'); time.sleep(2); print('done', flush=True)"`;
    const r = await runAndSignal(cli, "SIGUSR1");
    const { runDir } = r;
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toBe("noted\ndone\n");
    expect(await sentinel(runDir)).toMatchObject({
      exit_code: 0,
      workload_exit_code: 0,
      checkpoint_signal: "USR1",
      resume_requested: false,
    });
  });

  it("on SIGTERM the script waits for a workload that checkpoints, then records TERM, 143 and the workload's 85", async () => {
    const r = await runAndSignal(await writeWorkload(), "SIGTERM");
    const { runDir } = r;
    expect(r.code).toBe(143);
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).toContain("saved on SIGTERM\n");
    expect(await sentinel(runDir)).toMatchObject({
      exit_code: 143,
      signal: "TERM",
      workload_exit_code: RESUME_EXIT_CODE,
      checkpoint_signal: null,
      resume_requested: true,
    });
  });

  it.each([
    ["a here-document that swallows the rest of the script", "cat <<'EOF'"],
    ["exit 0", "exit 0"],
  ])("a setup line with %s does not count as success: exit 1, no workload status", async (_what, line) => {
    const runId = runIdN();
    const design: Design = {
      compute: { location: "local" },
      runtime: { setup: [line] },
      entrypoint: { cli: "echo command-ran" },
    };
    const { file, runDir } = await render("local", design, runId);
    const r = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect(await sentinel(runDir)).toMatchObject({ exit_code: 1, workload_exit_code: null, resume_requested: false });
    expect(readFileSync(path.join(runDir, "logs/run_local.out"), "utf8")).not.toContain("command-ran\n");
    expect(readFileSync(path.join(runDir, "logs/run_local.err"), "utf8")).toContain("autolab: the command never ran");
  });
});

const up = clusterUp();

describe.skipIf(!up)("checkpoint signal on the real dev cluster", () => {
  it("SLURM sends USR1 before the time limit (--signal=B:USR1@t); the workload saves and asks to be resumed", async () => {
    const runId = runIdN();
    const cli = await writeWorkload();
    // sbatch(1): "the signal may be sent up to 60 seconds earlier than specified" (slurmctld
    // checks time limits periodically). A two-minute limit and the signal 40 s before it: due
    // 80 s after the start, so sent between 20 s and 80 s in, once Python has set its handler
    // (a one-minute limit could have it sent in the first second, and the workload died of
    // USR1, 138, on a loaded CI machine).
    const design: Design = {
      compute: {
        location: "slurm",
        walltime_estimate: "00:02:00",
        memory_estimate: "100M",
        checkpoint_signal: "USR1@40",
      },
      entrypoint: { cli },
    };
    const { runDir } = await render("slurm", design, runId);
    const script = readFileSync(path.join(runDir, "run_slurm.sbatch"), "utf8");
    expect(script).toContain("\n#SBATCH --signal=B:USR1@40\n");
    await until(() => existsSync(path.join(runDir, "job_sentinel.json")), 120_000);
    const jobId = String((await sentinel(runDir)).job_id);
    await waitForSacct(jobId, 180_000);
    await until(
      () =>
        (parseSentinel(readFileSync(path.join(runDir, "job_sentinel.json"), "utf8")) as { endedAt?: string })
          .endedAt !== undefined,
      30_000,
    );
    expect(await sentinel(runDir)).toMatchObject({
      job_id: jobId,
      exit_code: RESUME_EXIT_CODE,
      signal: null,
      workload_exit_code: RESUME_EXIT_CODE,
      checkpoint_signal: "USR1",
      resume_requested: true,
    });
    expect(readFileSync(path.join(runDir, `logs/slurm-${jobId}.out`), "utf8")).toContain("saved on SIGUSR1\n");
    const sacct = await runArgv("sacct", ["-j", jobId, "-X", "-n", "-P", "-o", "State,ExitCode"], {
      timeoutMs: 30_000,
    });
    expect(sacct.stdout.trim()).toBe(`FAILED|${RESUME_EXIT_CODE}:0`);
  }, 240_000);
});
