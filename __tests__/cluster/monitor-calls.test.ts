/**
 * Cost of a tick for the scheduler: the same number of client calls for 1
 * run and for 200 runs. A counting wrapper directory is put first on PATH:
 * its sacct/squeue/scontrol/sinfo/scancel/sbatch scripts append their name
 * to a log, then exec the real program (a wrapper, not a fake: the real
 * cluster answers every call). The 200 runs are hand-written manifests for
 * the 200 tasks of one real array job that stays pending (a 20-minute
 * request on a 10-minute partition), so every id is a distinct, live job.
 * Also with accounting down (slurmdbd stopped): sacct + squeue + scontrol,
 * still independent of the number of runs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { monitor, type MonitorReport } from "../../src/commands/monitor/index.js";
import { writeManifest } from "../../src/contract/manifest.js";
import { runArgv } from "../../src/util/exec.js";
import type { RunManifest } from "../../src/contract/types.js";
import {
  loggedCalls,
  makeCallWrappers,
  slurmOnPath,
  requireCluster,
  sbatchRaw,
  scancel,
  startCluster,
  stopDaemon,
  realScheduler,
} from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/monitor-calls.test.ts");

const N = 200;

function newRepo(count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), `autolab-calls-${count}-`));
  const it = path.join(root, "experiments/in_progress/many");
  mkdirSync(it, { recursive: true });
  writeFileSync(
    path.join(it, "design.yaml"),
    YAML.stringify({
      id: "many",
      iteration_id: "many",
      compute: { location: "slurm", partition: "debug", walltime_estimate: "00:05:00" },
      entrypoint: { cli: "true" },
    }),
  );
  return root;
}

async function writeRuns(root: string, arrayJob: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  for (let i = 0; i < count; i++) {
    const runId = `20261128T100000Z_${i.toString(16).padStart(6, "0")}`;
    const jobId = `${arrayJob}_${i}`;
    const m: RunManifest = {
      schema_version: "1.0",
      run_id: runId,
      iteration_id: "many",
      launch_mode: "slurm",
      host_mode: "slurm",
      command: "true",
      resource_request: { partition: "debug" },
      status: "submitted",
      artifact_sync_to_local: { status: "pending" },
      timestamps: { started_at: at },
      started_at: at,
      job_id: jobId,
      slurm: { job_id: jobId },
      history: [{ from: "pending", to: "submitted", at, evidence: `task ${i} of array ${arrayJob}` }],
    };
    await writeManifest(path.join(root, "experiments/in_progress/many/runs", runId, "run_manifest.json"), m);
    ids.push(runId);
  }
  return ids;
}

describe.skipIf(!sinfoOnPath)("scheduler calls per tick do not depend on the number of runs", () => {
  const wrapDir = mkdtempSync(path.join(tmpdir(), "autolab-wrap-"));
  const log = path.join(wrapDir, "calls.log");
  const savedPath = process.env.PATH;
  let arrayJob: string;
  let one: string;
  let many: string;

  beforeAll(async () => {
    requireCluster();
    arrayJob = await sbatchRaw([
      // Pending on a begin time an hour away, a reason that clears: a request that can never
      // start (PartitionTimeLimit) would be failed fast and cancelled by the pending watchdog.
      "--begin=now+1hour",
      `--array=0-${N - 1}`,
      "-o",
      "/dev/null",
      "-J",
      "autolab-calls-test",
      "--wrap",
      "true",
    ]);
    // The controller shows a new job's first reason ("None") until its scheduler's first pass:
    // wait until every task shows BeginTime, so the tick below reads a settled answer.
    for (let i = 0; i < 80; i++) {
      const q = await runArgv("squeue", ["-h", "-r", "-j", arrayJob, "-o", "%r"], { timeoutMs: 30_000 });
      const reasons = q.stdout.trim().split("\n");
      if (reasons.length === N && reasons.every((r) => r === "BeginTime")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    one = newRepo(1);
    await writeRuns(one, arrayJob, 1);
    many = newRepo(N);
    await writeRuns(many, arrayJob, N);
    makeCallWrappers(wrapDir, log);
    process.env.PATH = `${wrapDir}:${savedPath}`;
  });
  afterAll(async () => {
    process.env.PATH = savedPath;
    await startCluster();
    if (arrayJob) await scancel(arrayJob).catch(() => undefined);
  });

  /** One tick; returns the programs it ran, in sorted order. */
  async function counted(root: string): Promise<{ calls: string[]; rep: MonitorReport }> {
    writeFileSync(log, "");
    const rep = await monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
    const calls = loggedCalls(log)
      .map((c) => c.prog)
      .sort();
    return { calls, rep };
  }

  it("one sacct + one squeue for 1 run and for 200 runs; every run is read from the answer", async () => {
    const a = await counted(one);
    const b = await counted(many);
    expect(a.calls).toEqual(["sacct", "squeue"]);
    expect(b.calls).toEqual(a.calls);
    expect(b.rep.runs).toHaveLength(N);
    // Every task was found (pending on its begin time): none is "unknown", none moved.
    expect(b.rep.runs.every((r) => r.after === "submitted" && r.slurmState === "PENDING")).toBe(true);
    expect([...new Set(b.rep.runs.map((r) => r.reason))]).toEqual(["BeginTime"]);
    expect(b.rep.findings.filter((f) => f.check === "scheduler.unknown_job")).toEqual([]);
    // The first tick added the 200 ledger lines; the next one is idle and costs the same.
    // Later ticks cost the same (a pending reason the controller changes meanwhile is recorded;
    // within a few ticks one is idle).
    let idle = false;
    for (let i = 0; i < 4 && !idle; i++) {
      const c = await counted(many);
      expect(c.calls).toEqual(a.calls);
      idle = c.rep.written.length === 0;
    }
    expect(idle).toBe(true);
  });

  it("with accounting down: sacct (fails) + squeue + scontrol, for 1 run and for 200 runs", async () => {
    try {
      await stopDaemon("slurmdbd");
      const a = await counted(one);
      const b = await counted(many);
      expect(a.calls).toEqual(["sacct", "scontrol", "squeue"]);
      expect(b.calls).toEqual(a.calls);
      expect(b.rep.scheduler.accounting).toBe("down");
      expect(b.rep.runs.every((r) => r.after === "submitted")).toBe(true);
    } finally {
      await startCluster();
    }
  });
});
