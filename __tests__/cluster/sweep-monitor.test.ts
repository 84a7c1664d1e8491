/**
 * The monitor and a sweep's array tasks on the real dev cluster (issue 12,
 * monitor and scale): a throttled array whose waiting tasks squeue shows as
 * one pending range (`A_[4-11%2]`) maps every waiting task to its run with
 * the reason, in one sacct + one squeue; the same tasks are followed to
 * their real end when the array is cancelled outside autolab (also once the
 * controller has forgotten the array and only accounting's range record
 * remains); a requeued array task is its run's second attempt, followed to
 * its real end; a 1,000-task sweep is one sbatch and each of its ticks asks
 * the same questions as a 2-task sweep's. (One failing task among completing
 * ones is sweep.test.ts's "the monitor follows every task to its end".)
 *
 * Scheduler calls are counted by wrapper scripts first on PATH that log
 * their name and exec the real program (monitor-calls.test.ts's method).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { monitor, type MonitorOptions, type MonitorReport } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import type { AttemptRecord } from "../../src/domain/attempts.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { runArgv } from "../../src/util/exec.js";
import {
  clusterUp,
  SLURM_PROGRAMS,
  realScheduler,
  scancel,
  scontrol,
  waitForSacct,
  waitForState,
} from "../helpers/cluster.js";
import { makeRepo } from "../helpers/repo.js";

const up = clusterUp();
let tmp: string;
const arrays: string[] = [];
const wrapDir = mkdtempSync(path.join(tmpdir(), "autolab-sweepmon-wrap-"));
const callLog = path.join(wrapDir, "calls.log");
const savedPath = process.env.PATH;

/**
 * Task 0 and 1 end at once; every later task sleeps (it is cancelled), except in
 * the requeue sweep, where only task 0's first attempt sleeps (until it is requeued).
 */
const TASK_SH = [
  "#!/bin/bash",
  'echo "task $AUTOLAB_TASK_INDEX, restart count $AUTOLAB_RESTART_COUNT"',
  "if [[ ${MODE:-} == requeue ]]; then",
  '  if [[ $AUTOLAB_TASK_INDEX == 0 && ! -e "$AUTOLAB_RUN_DIR/attempt1" ]]; then touch "$AUTOLAB_RUN_DIR/attempt1"; sleep 300; fi',
  "elif (( AUTOLAB_TASK_INDEX >= 2 )); then sleep 300; fi",
  "exit 0",
  "",
].join("\n");

function design(o: { replicates: number; maxConcurrent?: number; mode?: string; sbatch?: string[] }): string {
  return [
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:08:00"',
    "  memory_estimate: 64M",
    "  cpus_per_task: 1",
    "  partition: debug",
    ...(o.maxConcurrent ? [`  max_concurrent: ${o.maxConcurrent}`] : []),
    ...(o.sbatch ? ["  sbatch_options:", ...o.sbatch.map((s) => `    - "${s}"`)] : []),
    "runtime:",
    "  env:",
    `    MODE: ${o.mode ?? "plain"}`,
    "entrypoint:",
    '  cli: "bash task.sh"',
    "extract_parser:",
    "  kind: command",
    `  command: "echo '{\\"primary_metric\\": {\\"name\\": \\"acc\\", \\"value\\": 1}}'"`,
    `replicates: ${o.replicates}`,
    "",
  ].join("\n");
}

async function repoWith(it: string, designText: string): Promise<string> {
  const r = await makeRepo({
    parent: tmp,
    files: { "task.sh": TASK_SH, [`experiments/in_progress/${it}/design.yaml`]: designText },
  });
  return r.root;
}

function manifestOf(root: string, it: string, runId: string): RunManifest {
  return JSON.parse(
    readFileSync(path.join(root, "experiments/in_progress", it, "runs", runId, "run_manifest.json"), "utf8"),
  ) as RunManifest;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `probe` until it returns a value (not undefined): a condition, not a time budget (the test's
 * timeout is only the safety net). `seen` says what the last poll saw, for the log of a long wait.
 */
async function until<T>(
  what: string,
  probe: (seen: { last?: unknown }) => Promise<T | undefined>,
  everyMs = 500,
): Promise<T> {
  const seen: { last?: unknown } = {};
  for (let n = 0; ; n++) {
    const v = await probe(seen);
    if (v !== undefined) return v;
    if (n > 0 && n % 60 === 0) console.warn(`still waiting for ${what}; last seen: ${JSON.stringify(seen.last)}`);
    await sleep(everyMs);
  }
}

/** squeue's lines (not per task: a pending range is one line) of array `id`: `<id> <state> <reason>`. */
async function squeueLines(id: string): Promise<string[]> {
  const r = await runArgv("squeue", ["--noheader", "--states=all", "-j", id, "-o", "%i %t %r"], {
    timeoutMs: 20_000,
  });
  return r.code === 0 ? r.stdout.split("\n").filter((l) => l.trim()) : [];
}

/**
 * Counting wrappers (monitor-calls.test.ts's method, with each call's arguments): one script per
 * SLURM client in `wrapDir` that appends `<name> <args...>` to the call log, then execs the real one.
 */
function makeWrappers(): void {
  for (const p of SLURM_PROGRAMS) {
    const real = spawnSync("sh", ["-c", `command -v ${p}`], { encoding: "utf8" }).stdout.trim();
    if (!real) throw new Error(`${p} is not on PATH`);
    const f = path.join(wrapDir, p);
    writeFileSync(f, `#!/bin/sh\necho ${p} "$@" >> '${callLog}'\nexec '${real}' "$@"\n`);
    chmodSync(f, 0o755);
  }
}

/** The logged calls: program and arguments, one string each. */
function logged(): string[] {
  return readFileSync(callLog, "utf8").split("\n").filter(Boolean);
}
const progs = (calls: string[]) => calls.map((c) => c.split(" ")[0]);

/** One tick with the wrappers first on PATH; the SLURM programs it ran (and their calls, in order). */
async function countedTick(
  root: string,
  extra: Partial<MonitorOptions> = {},
): Promise<{ calls: string[]; argv: string[]; rep: MonitorReport }> {
  writeFileSync(callLog, "");
  process.env.PATH = `${wrapDir}:${savedPath}`;
  try {
    const rep = await monitor({
      scheduler: realScheduler(),
      cwd: root,
      commit: true,
      push: false,
      query: { timeoutMs: 20_000 },
      ...extra,
    });
    const all = logged();
    return { calls: progs(all), argv: all, rep };
  } finally {
    process.env.PATH = savedPath;
  }
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "autolab-sweepmon-"));
  if (up) makeWrappers();
});
afterAll(async () => {
  process.env.PATH = savedPath;
  for (const a of arrays) await scancel(a).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
  await rm(wrapDir, { recursive: true, force: true });
});

describe.skipIf(!up)("a throttled sweep's pending range", () => {
  const it1 = "range1";
  let root: string;
  let res: LaunchResult;
  let arrayId: string;
  const task = (i: number) => `${res.runId}_${i}`;

  it("A_[4-11%2] (one squeue line): every waiting task is its run, submitted with the reason; 0-1 completed, 2-3 running; one sacct + one squeue", async () => {
    root = await repoWith(it1, design({ replicates: 12, maxConcurrent: 2 }));
    res = await launch({ cwd: root, design: it1, scheduler: realScheduler(), commit: true, push: false });
    arrayId = res.sweep!.arrays[0];
    arrays.push(arrayId);
    expect(res.sweep?.chunks[0].argv).toContain("--array=0-11%2");
    // Tasks 0 and 1 end at once, 2 and 3 then sleep, 4-11 wait for the throttle: squeue shows them as ONE line.
    const lines = await until("tasks 2-3 running and 4-11 one pending range", async (seen) => {
      const l = await squeueLines(arrayId);
      seen.last = l;
      const want = [`${arrayId}_[4-11%2] PD JobArrayTaskLimit`, `${arrayId}_2 R None`, `${arrayId}_3 R None`];
      const live = l.filter((x) => / (PD|R|CG) /.test(x));
      return want.every((w) => live.includes(w)) && live.length === 3 ? live : undefined;
    });
    expect(lines).toHaveLength(3);
    for (const i of [0, 1]) await waitForSacct(`${arrayId}_${i}`, 120_000);

    const { calls, argv, rep } = await countedTick(root);
    expect(calls.sort(), argv.join("\n")).toEqual(["sacct", "squeue"]);
    const byRun = new Map(rep.runs.map((r) => [r.runId, r]));
    expect(rep.runs).toHaveLength(12);
    for (const i of [0, 1]) expect(byRun.get(task(i))?.after, task(i)).toBe("completed");
    for (const i of [2, 3]) expect(byRun.get(task(i))).toMatchObject({ after: "running", slurmState: "RUNNING" });
    for (let i = 4; i < 12; i++) {
      expect(byRun.get(task(i)), task(i)).toMatchObject({
        after: "submitted",
        jobId: `${arrayId}_${i}`,
        slurmState: "PENDING",
        reason: "JobArrayTaskLimit",
      });
      const m = manifestOf(root, it1, task(i));
      expect(m.status).toBe("submitted");
      expect(m.slurm).toMatchObject({ job_id: `${arrayId}_${i}`, state: "PENDING", reason: "JobArrayTaskLimit" });
    }
    expect(rep.findings.filter((f) => f.check === "scheduler.unknown_job")).toEqual([]);
    // The ledger follows: 2 completed, 2 running, 8 submitted.
    const ledger = parseLedger(readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8"));
    const counts: Record<string, number> = {};
    for (const e of ledger.entries.filter((x) => x.runId.startsWith(res.runId)))
      counts[e.status] = (counts[e.status] ?? 0) + 1;
    expect(counts).toEqual({ completed: 2, running: 2, submitted: 8 });
  }, 300_000);

  it("cancelled outside autolab while waiting: every task of the range is followed to its end (cancelled), also once the controller forgot the array", async () => {
    expect(arrayId).toBeTruthy();
    await scancel(arrayId); // as a user's `scancel` or an admin would: not through autolab
    // Accounting's record of the range: one row `A_[...]`, CANCELLED, with its end. (Its range is the one
    // slurmdbd last heard of: it can still name a task that has its own row since, e.g. `A_[3-11%2]`.)
    await until("sacct's final range row", async (seen) => {
      const r = await runArgv("sacct", ["-X", "-n", "-P", "-j", arrayId, "-o", "JobID,State,End"], {
        timeoutMs: 20_000,
      });
      seen.last = r.stdout;
      return r.stdout.split("\n").some((l) => /^\d+_\[[^|]*\]\|CANCELLED[^|]*\|\d{4}-/.test(l)) ? true : undefined;
    });
    for (const i of [2, 3]) await waitForSacct(`${arrayId}_${i}`, 120_000);
    // While the controller still lists the array (MinJobAge): squeue's `A_[...] CA` row covers the tasks.
    const seen = await countedTick(root, { dryRun: true });
    for (let i = 2; i < 12; i++)
      expect(
        seen.rep.runs.find((r) => r.runId === task(i)),
        task(i),
      ).toMatchObject({
        after: "failed",
        failureReason: "cancelled",
      });
    // Once the controller has forgotten the array (MinJobAge, 300 s on the dev cluster: too long to wait
    // in the suite), squeue answers nothing for these ids and sacct, asked for task ids, prints no row for
    // tasks that never started: only the array's range record holds their end. The real squeue is replaced
    // by one that answers nothing (exit 0), which is exactly what the real one prints then; sacct is real.
    const silent = path.join(wrapDir, "squeue-forgot");
    writeFileSync(silent, "#!/bin/sh\nprintf 'squeue %s\\n' \"$(date +%s.%N)\" >> '" + callLog + "'\nexit 0\n");
    chmodSync(silent, 0o755);
    const forgot = await countedTick(root, { scheduler: realScheduler({ bins: { squeue: silent } }) });
    // One more sacct, for the array's own record, only because array tasks were missing from the answer.
    expect(forgot.calls.sort(), forgot.argv.join("\n")).toEqual(["sacct", "sacct", "squeue"]);
    for (let i = 2; i < 12; i++) {
      const m = manifestOf(root, it1, task(i));
      expect([m.status, (m.failure as { reason?: string } | undefined)?.reason], task(i)).toEqual([
        "failed",
        "cancelled",
      ]);
      expect(existsSync(path.join(root, "experiments/in_progress", it1, "runs", task(i), "metrics.json"))).toBe(true);
    }
    expect(forgot.rep.findings.filter((f) => f.check === "scheduler.unknown_job")).toEqual([]);
    // The next tick has nothing in flight: no question at all.
    const idle = await countedTick(root);
    expect(idle.calls).toEqual([]);
  }, 300_000);
});

describe.skipIf(!up)("a requeued array task", () => {
  it("scontrol requeue A_0 while it runs: the run stays running, records a second attempt, and is followed to its real end", async () => {
    const it2 = "requeue1";
    const root = await repoWith(it2, design({ replicates: 2, mode: "requeue" }));
    const res = await launch({ cwd: root, design: it2, scheduler: realScheduler(), commit: true, push: false });
    const arrayId = res.sweep!.arrays[0];
    arrays.push(arrayId);
    const jobId = `${arrayId}_0`;
    const runId = `${res.runId}_0`;
    const runDir = path.join(root, "experiments/in_progress", it2, "runs", runId);
    await waitForState(jobId, (s) => s === "RUNNING", 240_000);
    await until("task 0's first attempt", async () => (existsSync(path.join(runDir, "attempt1")) ? true : undefined));
    let { rep } = await countedTick(root);
    expect(rep.runs.find((r) => r.runId === runId)?.after).toBe("running");

    await scontrol(["requeue", jobId]);
    await waitForState(jobId, (s) => s === "PENDING");
    ({ rep } = await countedTick(root));
    let m = manifestOf(root, it2, runId);
    expect(rep.runs.find((r) => r.runId === runId)?.transitions).toEqual([]);
    expect(m.status).toBe("running");
    expect(m.slurm).toMatchObject({ job_id: jobId, state: "PENDING", restarts: 1 });

    // A requeued job waits for a begin time (~2 min). Wait until the first attempt is torn down (no
    // slurmstepd of the task's job id left on this single-node cluster), then for the second attempt.
    const raw = (await runArgv("squeue", ["-h", "-j", jobId, "-o", "%A"], { timeoutMs: 20_000 })).stdout.trim();
    expect(raw).toMatch(/^\d+$/);
    await until("the first attempt's slurmstepd to end", async () => {
      const p = await runArgv("pgrep", ["-f", `slurmstepd: \\[${raw}\\.`], { timeoutMs: 10_000 });
      return p.code === 1 ? true : undefined;
    });
    // No StartTime=now: on a loaded machine a second attempt forced early still met the first one's
    // teardown and never wrote its sentinel (seen in CI). The task starts at its own begin time.
    // Then the second attempt's own end (its sentinel, exit 0).
    const sentinel = path.join(runDir, "job_sentinel.json");
    await until(
      "the second attempt's sentinel",
      async () => (existsSync(sentinel) && /"exit_code":0\b/.test(readFileSync(sentinel, "utf8")) ? true : undefined),
      1000,
    );
    await waitForSacct(jobId, 120_000);
    await waitForSacct(`${arrayId}_1`, 120_000);
    const last = await countedTick(root);
    expect(last.calls.sort(), last.argv.join("\n")).toEqual(["sacct", "squeue"]);
    m = manifestOf(root, it2, runId);
    expect(m.status, JSON.stringify({ m, findings: last.rep.findings }, null, 1)).toBe("completed");
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    const attempts = m.attempts as AttemptRecord[];
    expect(attempts.map((a) => [a.attempt, a.job_id, a.restart_count, a.cause, a.state])).toEqual([
      [1, jobId, 0, "launch", "REQUEUED"],
      [2, jobId, 1, "requeue", "COMPLETED"],
    ]);
    expect(attempts[1]).toMatchObject({ exit_code: "0:0", start: expect.any(String), end: expect.any(String) });
    // Both attempts' output is in the task's own log (`slurm-%A_%a.out` in its run dir).
    const out = readFileSync(path.join(runDir, "logs", `slurm-${jobId}.out`), "utf8");
    expect(out).toContain("task 0, restart count 0\n");
    expect(out).toContain("task 0, restart count 1\n");
    // The other task was not touched: one attempt, completed.
    const other = manifestOf(root, it2, `${res.runId}_1`);
    expect(other.status).toBe("completed");
    expect((other.attempts as AttemptRecord[] | undefined)?.length ?? 1).toBe(1);
  }, 420_000);
});

describe.skipIf(!up)("a 1,000-task sweep", () => {
  it("is one sbatch; each tick asks one sacct + one squeue, the same as a 2-task sweep's", async () => {
    // Every task waits for a begin time an hour ahead: the cluster runs none of them.
    const d = (n: number) => design({ replicates: n, sbatch: ["--begin=now+1hour"] });
    const small = await repoWith("scale2", d(2));
    const big = await repoWith("scale1000", d(1000));
    const launched: Record<string, { calls: string[]; res: LaunchResult }> = {};
    for (const [root, it] of [
      [small, "scale2"],
      [big, "scale1000"],
    ]) {
      writeFileSync(callLog, "");
      process.env.PATH = `${wrapDir}:${savedPath}`;
      try {
        const res = await launch({ cwd: root, design: it, scheduler: realScheduler(), commit: true, push: false });
        arrays.push(...res.sweep!.arrays);
        launched[it] = { calls: logged(), res };
      } finally {
        process.env.PATH = savedPath;
      }
    }
    const bigRes = launched.scale1000.res;
    expect(bigRes.sweep?.runIds).toHaveLength(1000);
    expect(bigRes.sweep?.arrays).toHaveLength(1);
    // One submission (sbatch --parsable, not --version or --test-only) for the one chunk; the same
    // calls (the probe's version questions, scontrol show config for MaxArraySize) as for 2 tasks.
    const submits = launched.scale1000.calls.filter((c) => /^sbatch --parsable /.test(c) && !/--test-only/.test(c));
    expect(submits, launched.scale1000.calls.join("\n")).toHaveLength(1);
    expect(submits[0]).toContain("--array=0-999");
    expect(progs(launched.scale1000.calls).sort()).toEqual(progs(launched.scale2.calls).sort());
    const ledger = parseLedger(readFileSync(path.join(big, "docs/slurm_job_list.md"), "utf8"));
    expect(ledger.entries.filter((e) => e.runId.startsWith(bigRes.runId))).toHaveLength(1000);
    // Wait until the controller shows the begin-time reason for every task (its first pass).
    for (const a of [bigRes.sweep!.arrays[0], launched.scale2.res.sweep!.arrays[0]])
      await until(`array ${a} waiting for its begin time`, async () => {
        const l = await squeueLines(a);
        return l.length === 1 && / PD BeginTime$/.test(l[0]) ? true : undefined; // one line: the whole range
      });
    const a = await countedTick(small);
    const b = await countedTick(big);
    expect(a.calls.sort(), a.argv.join("\n")).toEqual(["sacct", "squeue"]);
    expect(b.calls.sort(), b.argv.join("\n")).toEqual(a.calls);
    expect(b.rep.runs).toHaveLength(1000);
    expect(b.rep.runs.every((r) => r.after === "submitted" && r.slurmState === "PENDING")).toBe(true);
    expect([...new Set(b.rep.runs.map((r) => r.reason))]).toEqual(["BeginTime"]);
    // The next tick costs the same (and writes nothing once the answer is the same).
    const c = await countedTick(big);
    expect(c.calls.sort(), c.argv.join("\n")).toEqual(a.calls);
    expect(c.rep.runs.every((r) => r.after === "submitted")).toBe(true);
  }, 300_000);
});
