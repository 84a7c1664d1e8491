/**
 * Resubmission on the real dev cluster (domain/resubmit.ts, commands/monitor/resubmit.ts):
 * a job with a checkpoint signal whose workload traps it, saves and exits 85 is
 * recorded as checkpointed with the workload's status, resubmitted as attempt 2
 * under its own job name (AUTOLAB_ATTEMPT=2), resumes from the checkpoint it
 * saved, and completes, with both attempts' logs kept; a monitor working on a
 * stale copy of the run (it read the manifest before the other resubmitted)
 * adopts the attempt's job by its name instead of submitting a second one.
 * SLURM's own requeue as an attempt: __tests__/cluster/monitor.test.ts
 * ("scontrol requeue ... attempts") covers it where it exists.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { attemptsOf } from "../../src/domain/attempts.js";
import { runArgv } from "../../src/util/exec.js";
import { realScheduler, requireCluster, scancel, slurmOnPath } from "../helpers/cluster.js";

const WORKLOAD = [
  "import os, signal, sys, time",
  "ck = os.path.join(os.environ['AUTOLAB_CHECKPOINT_DIR'], 'state')",
  "print('attempt', os.environ['AUTOLAB_ATTEMPT'], flush=True)",
  "if os.path.exists(ck): print('resumed from', open(ck).read(), flush=True); sys.exit(0)",
  "def save(sig, frame):",
  "    open(ck, 'w').write('step-7')",
  "    print('saved on', signal.Signals(sig).name, flush=True)",
  "    sys.exit(int(os.environ['AUTOLAB_RESUME_EXIT_CODE']))",
  "signal.signal(signal.SIGUSR1, save)",
  "time.sleep(300)",
].join("\n");

/**
 * Leaves out the job script's temporary files (`job_sentinel.json.tmp.<pid>`): the job
 * renames them into place while the copy runs, and a copy of one that is gone fails.
 */
const notJobTemp = (src: string) => !/\.tmp\.\d+$/.test(src);

async function jobsNamed(name: string): Promise<string[]> {
  const r = await runArgv("sacct", ["-n", "-X", "-P", `--name=${name}`, "-o", "JobID", "--starttime=now-1hour"], {
    timeoutMs: 30_000,
  });
  // --states=all: a job that just ended is gone from squeue's default list before slurmdbd
  // may have its record; the controller still knows it for MinJobAge.
  const sq = await runArgv("squeue", ["-h", "--states=all", `--name=${name}`, "-o", "%i"], { timeoutMs: 30_000 });
  return [
    ...new Set(
      (r.stdout + "\n" + sq.stdout)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

describe.skipIf(!slurmOnPath("__tests__/resubmit.test.ts"))("resubmission on the dev cluster", () => {
  let root: string;
  let stale: string;
  const jobs: string[] = [];
  beforeAll(() => {
    requireCluster();
    root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-resubmit-")));
    stale = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-resubmit-stale-")));
    const it = path.join(root, "experiments", "in_progress", "ckpt");
    mkdirSync(it, { recursive: true });
    writeFileSync(path.join(root, "workload.py"), WORKLOAD + "\n");
    writeFileSync(
      path.join(it, "design.yaml"),
      YAML.stringify({
        id: "ckpt",
        iteration_id: "ckpt",
        compute: {
          location: "slurm",
          walltime_estimate: "00:02:00",
          memory_estimate: "100M",
          partition: "debug",
          // Due 80 s after the start; SLURM may send it up to 60 s early (sbatch(1)), so
          // 20 s in at the earliest, once Python has set its handler.
          checkpoint_signal: "USR1@40",
          max_restarts: 1,
          resubmit_on: ["checkpointed", "timeout"],
        },
        entrypoint: { cli: `python3 ${path.join(root, "workload.py")}` },
      }),
    );
  });
  afterAll(() => {
    for (const id of jobs) void scancel(id).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    rmSync(stale, { recursive: true, force: true });
  });

  const tick = (cwd: string) =>
    monitor({ scheduler: realScheduler(), cwd, commit: false, query: { timeoutMs: 20_000 } });
  const manifestOf = (dir: string, runId: string) =>
    JSON.parse(
      readFileSync(path.join(dir, "experiments/in_progress/ckpt/runs", runId, "run_manifest.json"), "utf8"),
    ) as RunManifest;

  it("checkpointed -> resubmitted as attempt 2 -> resumed from its checkpoint -> completed; a stale monitor adopts", async () => {
    const r = await launch({ scheduler: realScheduler(), cwd: root, design: "ckpt", commit: false });
    expect(r.status).toBe("submitted");
    const job1 = r.jobId!;
    jobs.push(job1);
    const runDir = path.join(root, "experiments/in_progress/ckpt/runs", r.runId);

    // Tick (on a copy taken before each tick, the "other monitor") until attempt 2 exists.
    const deadline = Date.now() + 300_000;
    let m = manifestOf(root, r.runId);
    while (attemptsOf(m).length < 2) {
      if (Date.now() > deadline) throw new Error(`no resubmission: ${JSON.stringify(m.attempts)}`);
      rmSync(stale, { recursive: true, force: true });
      cpSync(root, stale, { recursive: true, filter: notJobTemp });
      await tick(root);
      m = manifestOf(root, r.runId);
      if (attemptsOf(m).length < 2) await new Promise((res) => setTimeout(res, 2000));
    }
    const [a1, a2] = attemptsOf(m);
    const job2 = a2.job_id;
    jobs.push(job2);
    expect(job2).not.toBe(job1);
    expect(m.status).not.toBe("failed");
    expect(a1).toMatchObject({
      attempt: 1,
      job_id: job1,
      end_reason: "checkpointed",
      workload_exit_code: 85,
      checkpoint_signal: "USR1",
      resume_requested: true,
      resubmitted_as: job2,
    });
    expect(a2).toMatchObject({ attempt: 2, cause: "resubmit", resubmitted_for: "checkpointed" });
    expect(m.job_id).toBe(job2);
    expect(m.slurm?.job_name).toBe(`autolab-${r.runId}-a2`);

    // The stale copy still says attempt 1 ended: its tick adopts job2 by name, submitting nothing.
    expect(attemptsOf(manifestOf(stale, r.runId))).toHaveLength(1);
    // It sees the same evidence as the monitor that resubmitted (attempt 1's sentinel and
    // checkpoint request, which the job may have written after the copy was taken); only its
    // records are stale.
    const staleRunDir = path.join(stale, "experiments/in_progress/ckpt/runs", r.runId);
    cpSync(runDir, staleRunDir, {
      recursive: true,
      filter: (src) => path.basename(src) !== "run_manifest.json" && notJobTemp(src),
    });
    const staleRep = await tick(stale);
    const sm = manifestOf(stale, r.runId);
    expect(sm.job_id).toBe(job2);
    expect(sm.slurm).toMatchObject({ adopted: true, job_name: `autolab-${r.runId}-a2` });
    expect(staleRep.findings.some((f) => f.check === "monitor.resubmitted" && f.message.includes("adopted"))).toBe(
      true,
    );
    expect(await jobsNamed(`autolab-${r.runId}-a2`)).toEqual([job2]);

    // Attempt 2 resumes from the checkpoint attempt 1 saved, and the run completes.
    while (m.status !== "completed") {
      if (Date.now() > deadline + 120_000) throw new Error(`not completed: ${m.status} ${JSON.stringify(m.slurm)}`);
      await new Promise((res) => setTimeout(res, 2000));
      await tick(root);
      m = manifestOf(root, r.runId);
      expect(m.status).not.toBe("failed");
    }
    expect(attemptsOf(m)).toHaveLength(2);
    expect(attemptsOf(m)[1]).toMatchObject({ job_id: job2, state: "COMPLETED" });
    const log1 = readFileSync(path.join(runDir, `logs/slurm-${job1}.out`), "utf8");
    const log2 = readFileSync(path.join(runDir, `logs/slurm-${job2}.out`), "utf8");
    expect(log1).toContain("attempt 1\n");
    expect(log1).toContain("saved on SIGUSR1\n");
    expect(log2).toContain("attempt 2\n");
    expect(log2).toContain("resumed from step-7\n");
    expect(existsSync(path.join(runDir, "checkpoint/state"))).toBe(true);
    // The ledger line shows the current job.
    expect(readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8")).toContain(job2);
  }, 600_000);
});
