/**
 * Resubmission on the real dev cluster, continued (issue 13):
 * - a time-limit failure is resubmitted up to `compute.max_restarts` and then
 *   fails, every attempt in attempts[] and every attempt's log kept. Each
 *   attempt's TIMEOUT is SLURM's own: the test ends the running job's time
 *   (`scontrol update EndTime=now`), slurmctld kills it as TIMEOUT at its next
 *   time-limit check (a 1-minute walltime would do the same, three times slower);
 * - two monitors in two clones deciding to resubmit the same attempt at once
 *   (two real `autolab monitor` processes) leave exactly one job of that
 *   attempt alive: each submits its job held, looks again, keeps the lowest id,
 *   cancels the others and releases the winner; both record the same job.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { attemptsOf } from "../../src/domain/attempts.js";
import { runArgv } from "../../src/util/exec.js";
import {
  endJobNow,
  realScheduler,
  requireCluster,
  scancel,
  slurmOnPath,
  until,
  waitForSacct,
  waitForState,
} from "../helpers/cluster.js";
import { cloneRepo, git, makeRepo, runCli } from "../helpers/repo.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SLEEPER = `python3 -c "import os, time; print('attempt', os.environ['AUTOLAB_ATTEMPT'], flush=True); time.sleep(600)"`;

function design(id: string, maxRestarts: number): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "64M",
      partition: "debug",
      max_restarts: maxRestarts,
      resubmit_on: ["timeout"],
    },
    entrypoint: { cli: SLEEPER },
  });
}

/**
 * The job's time is up now: slurmctld ends it as TIMEOUT at its next time-limit check. With
 * `runDir`, first waits until the workload has said which attempt it is (a loaded machine
 * can take longer to start Python than slurmctld takes to end the job).
 */
async function timeOut(jobId: string, runDir?: string): Promise<void> {
  await waitForState(jobId, (s) => s === "RUNNING", 120_000);
  if (runDir) {
    const log = path.join(runDir, `logs/slurm-${jobId}.out`);
    await until(
      () => (existsSync(log) && readFileSync(log, "utf8").includes("attempt ") ? true : undefined),
      `job ${jobId} printing its attempt to ${log}`,
      120_000,
      200,
    );
  }
  await endJobNow(jobId);
  await waitForSacct(jobId, 120_000);
}

/** Each job of a name with its state (controller and accounting), for the attempt's jobs. */
async function jobsNamed(name: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const sa = await runArgv(
    "sacct",
    ["-n", "-X", "-P", `--name=${name}`, "-o", "JobID,State", "--starttime=now-1hour"],
    {
      timeoutMs: 30_000,
    },
  );
  for (const l of sa.stdout.split("\n").filter(Boolean)) {
    const [id, state] = l.split("|");
    out.set(id, state.split(" ")[0]);
  }
  const sq = await runArgv("squeue", ["-h", "--states=all", `--name=${name}`, "-o", "%i|%T"], { timeoutMs: 30_000 });
  for (const l of sq.stdout.split("\n").filter(Boolean)) {
    const [id, state] = l.trim().split("|");
    out.set(id, state);
  }
  return out;
}

const manifestAt = (root: string, it: string, runId: string): RunManifest =>
  JSON.parse(
    readFileSync(path.join(root, "experiments/in_progress", it, "runs", runId, "run_manifest.json"), "utf8"),
  ) as RunManifest;

describe.skipIf(!slurmOnPath("__tests__/cluster/resubmit-limits.test.ts"))("resubmission limits and races", () => {
  const jobs: string[] = [];
  let tmp: string;
  beforeAll(() => {
    requireCluster();
    tmp = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-resubmit-limits-")));
  });
  afterAll(async () => {
    for (const id of jobs) await scancel(id).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("a time-limit failure is resubmitted up to max_restarts (1), then fails; every attempt and its log is kept", async () => {
    const { root } = await makeRepo({
      parent: tmp,
      files: { "experiments/in_progress/tl/design.yaml": design("tl", 1) },
    });
    const r = await launch({ scheduler: realScheduler(), cwd: root, design: "tl", commit: false });
    expect(r.status).toBe("submitted");
    jobs.push(r.jobId!);
    const tick = () => monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
    const runDir = path.join(root, "experiments/in_progress/tl/runs", r.runId);
    let m = manifestAt(root, "tl", r.runId);
    const deadline = Date.now() + 480_000;
    const timedOut = new Set<string>();
    while (m.status !== "failed") {
      if (Date.now() > deadline) throw new Error(`not failed: ${m.status} ${JSON.stringify(m.attempts)}`);
      // The current job (launch records no attempts[] yet: the first tick does).
      const cur = attemptsOf(m).at(-1)?.job_id ?? String(m.job_id);
      if (!timedOut.has(cur)) {
        jobs.push(cur);
        await timeOut(cur, runDir);
        timedOut.add(cur);
      }
      await tick();
      m = manifestAt(root, "tl", r.runId);
      if (m.status !== "failed") await sleep(1000);
    }
    const attempts = attemptsOf(m);
    // One restart keeps the test to two of slurmctld's 30-second time-limit checks; counting
    // restarts against larger limits is the pure decision's table (unit/domain-resubmit.test.ts).
    expect(attempts).toHaveLength(2);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(attempts.map((a) => a.end_reason)).toEqual(["timeout", "timeout"]);
    expect(attempts.map((a) => a.state)).toEqual(["TIMEOUT", "TIMEOUT"]);
    expect(attempts.map((a) => a.cause)).toEqual(["launch", "resubmit"]);
    expect(attempts[0].resubmitted_as).toBe(attempts[1].job_id);
    expect(attempts[1].resubmitted_as).toBeUndefined();
    expect(new Set(attempts.map((a) => a.job_id)).size).toBe(2);
    expect(m.job_id).toBe(attempts[1].job_id);
    const failure = m.failure as { reason: string; message: string; restarts?: number };
    expect(failure.reason).toBe("timeout");
    expect(failure.restarts).toBe(1);
    expect(failure.message).toMatch(/after 1 restarts?; compute\.max_restarts \(1\) is reached/);
    // Every attempt's log, each saying which attempt it was (AUTOLAB_ATTEMPT: 1 on the first).
    attempts.forEach((a, i) =>
      expect(readFileSync(path.join(runDir, `logs/slurm-${a.job_id}.out`), "utf8")).toContain(`attempt ${i + 1}\n`),
    );
    // Exactly the two jobs: nothing more was submitted.
    for (const [n, a] of attempts.entries())
      expect([...(await jobsNamed(n === 0 ? `autolab-${r.runId}` : `autolab-${r.runId}-a${n + 1}`)).keys()]).toEqual([
        a.job_id,
      ]);
  }, 600_000);

  it("two monitors (two clones, two processes) resubmitting the same attempt at once: one job runs, both record it", async () => {
    const { root: a, remote } = await makeRepo({
      parent: tmp,
      remote: true,
      files: { "experiments/in_progress/race/design.yaml": design("race", 1) },
    });
    const r = await launch({ scheduler: realScheduler(), cwd: a, design: "race" });
    expect(r.status).toBe("submitted");
    jobs.push(r.jobId!);
    await timeOut(r.jobId!);
    const b = await cloneRepo(remote!, path.join(tmp, "clone-b"));
    // Both clones hold the run as launched (attempt 1, job r.jobId); both monitors start together.
    expect(manifestAt(b, "race", r.runId).job_id).toBe(r.jobId);
    expect(attemptsOf(manifestAt(b, "race", r.runId)).length).toBeLessThanOrEqual(1);
    // sbatch submits only once both monitors have come to submit (a barrier; the real sbatch
    // still does the work), so each has asked for the attempt's name before either job
    // exists: the race, every time, however far apart the two processes start.
    const slow = path.join(tmp, "slow-sbatch");
    const arrived = path.join(tmp, "sbatch-arrived");
    mkdirSync(slow);
    mkdirSync(arrived);
    const real = spawnSync("sh", ["-c", "command -v sbatch"], { encoding: "utf8" }).stdout.trim();
    writeFileSync(
      path.join(slow, "sbatch"),
      [
        "#!/bin/sh",
        'case " $* " in *" --parsable "*)',
        `  : > '${arrived}'/at.$$`,
        "  i=0",
        `  while [ "$(ls '${arrived}' | wc -l)" -lt 2 ] && [ "$i" -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done ;;`,
        "esac",
        `exec '${real}' "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const env = { PATH: `${slow}${path.delimiter}${process.env.PATH ?? ""}` };
    const [ra, rb] = await Promise.all([
      runCli(a, ["monitor", "--json"], { env }),
      runCli(b, ["monitor", "--json"], { env }),
    ]);
    const name = `autolab-${r.runId}-a2`;
    const found = await jobsNamed(name);
    jobs.push(...found.keys());
    const alive = [...found].filter(([, s]) => s !== "CANCELLED");
    // Both submitted (the race happened); one of the two was cancelled.
    expect(found.size, `monitor A: ${ra.all}\nmonitor B: ${rb.all}`).toBe(2);
    expect(alive, `monitor A: ${ra.all}\nmonitor B: ${rb.all}`).toHaveLength(1);
    const [winner] = alive[0];
    // The lowest id won; any other was cancelled before it could start.
    expect([...found.keys()].sort((x, y) => Number(x) - Number(y))[0]).toBe(winner);
    for (const [id, s] of found) if (id !== winner) expect(s).toBe("CANCELLED");
    // The winner was released: it runs (it is not left held).
    expect(await waitForState(winner, (s) => s === "RUNNING", 120_000)).toBe("RUNNING");
    // Each clone recorded the same job as attempt 2; the remote has it once.
    await git(a, "pull", "-q", "--rebase");
    await git(b, "pull", "-q", "--rebase");
    for (const dir of [a, b]) {
      const m = manifestAt(dir, "race", r.runId);
      expect(m.job_id).toBe(winner);
      expect(attemptsOf(m).map((x) => x.job_id)).toEqual([r.jobId, winner]);
    }
  }, 600_000);
});
