/**
 * Issue 13 on the real dev cluster: the efficiency of an ended job, SLURM's
 * own times, and a waiting job's expected start, all from the tick's one
 * batched question (one sacct with the job and step rows, one squeue).
 *
 * - a job that burns CPU for ~8 s while holding 200 MiB (`--mem=300M`, a
 *   2-minute limit) -> the manifest's efficiency: CPU efficiency over 0.5,
 *   MaxRSS between the 200 MiB it holds and the 300 MiB it asked for,
 *   elapsed under the limit; no CPU or memory hint;
 * - a job that sleeps -> a right-sizing hint for CPU, memory and time;
 * - the queue wait and the run time shown are SLURM's Submit/Start/End, as
 *   sacct prints them for the job;
 * - a job pending behind one that holds every CPU of the node -> squeue's
 *   StartTime for it is recorded as its expected start, and the tick says so.
 *
 * The dev cluster samples memory every JobAcctGatherFrequency (30 s): jobs of
 * a few seconds ask `--acctg-freq=task=1` (compute.sbatch_options), as a
 * user with short jobs would, so MaxRSS is sampled at all.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { isoUtc } from "../../src/report/run-check.js";
import { statusRow, statusText } from "../../src/report/status.js";
import { runArgv, ok } from "../../src/util/exec.js";
import {
  realScheduler,
  requireCluster,
  sbatchRaw,
  scancel,
  slurmOnPath,
  waitForSacct,
  waitForSacctRow,
  waitForState,
} from "../helpers/cluster.js";

const MiB = 1024 ** 2;
const BURN = `import time
b = bytearray(200 * 1024 * 1024)
for i in range(0, len(b), 4096):
    b[i] = 1
t = time.time()
while time.time() - t < 8:
    pass
`;

function design(id: string, cli: string, compute: Record<string, unknown>): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", partition: "debug", sbatch_options: ["--acctg-freq=task=1"], ...compute },
    entrypoint: { cli },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.1}}'` },
  });
}

async function sacctTimes(jobId: string): Promise<{ submit: string; start: string; end: string }> {
  const r = await runArgv("sacct", ["-X", "-j", jobId, "--noheader", "--parsable2", "-o", "Submit,Start,End"], {
    timeoutMs: 20_000,
    env: { SLURM_TIME_FORMAT: "standard" },
  });
  if (!ok(r)) throw new Error(`sacct failed: ${r.stderr}`);
  const [submit, start, end] = r.stdout.trim().split("\n")[0].split("|");
  return { submit, start, end };
}

describe.skipIf(!slurmOnPath("__tests__/efficiency.test.ts"))("efficiency and SLURM's times", () => {
  let root: string;
  const jobs: string[] = [];
  beforeAll(() => {
    requireCluster();
    root = mkdtempSync(path.join(tmpdir(), "autolab-efficiency-"));
    const put = (id: string, text: string) => {
      const dir = path.join(root, "experiments", "in_progress", id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "design.yaml"), text);
    };
    writeFileSync(path.join(root, "burn.py"), BURN);
    put(
      "busy",
      design("busy", "/usr/bin/python3 burn.py", { walltime_estimate: "00:02:00", memory_estimate: "300MB" }),
    );
    put("sleepy", design("sleepy", "sleep 5", { walltime_estimate: "00:10:00", memory_estimate: "1GB" }));
    put("waits", design("waits", "true", { walltime_estimate: "00:01:00", cpus_per_task: 1 }));
  });
  afterAll(async () => {
    for (const id of jobs) await scancel(id).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  const tick = () => monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
  const manifestOf = (it: string, runId: string) =>
    JSON.parse(
      readFileSync(path.join(root, "experiments/in_progress", it, "runs", runId, "run_manifest.json"), "utf8"),
    ) as RunManifest;
  const found = (it: string, runId: string) => ({
    runId,
    iterationId: it,
    manifestDisplay: `experiments/in_progress/${it}/runs/${runId}/run_manifest.json`,
  });

  it("a busy job's efficiency is plausible; a sleeping job gets the right-sizing hint; the times are SLURM's", async () => {
    const busy = await launch({ scheduler: realScheduler(), cwd: root, design: "busy", commit: false });
    const sleepy = await launch({ scheduler: realScheduler(), cwd: root, design: "sleepy", commit: false });
    expect(busy.status).toBe("submitted");
    expect(sleepy.status).toBe("submitted");
    jobs.push(busy.jobId!, sleepy.jobId!);
    for (const id of [busy.jobId!, sleepy.jobId!]) await waitForSacct(id, 120_000);
    const rep = await tick();
    // One accounting question for both runs: sacct brings the jobs' step rows in the same call.
    expect(rep.scheduler.detail.filter((d) => d.startsWith("sacct ")).length).toBe(1);

    const b = manifestOf("busy", busy.runId);
    expect(b.slurm?.state).toBe("COMPLETED");
    const e = b.efficiency as Record<string, number | string | string[]>;
    expect(e).toBeDefined();
    expect(e.job_id).toBe(busy.jobId);
    expect(e.cpu_efficiency as number).toBeGreaterThan(0.5);
    expect(e.max_rss_bytes as number).toBeGreaterThanOrEqual(200 * MiB);
    expect(e.max_rss_bytes as number).toBeLessThan(300 * MiB);
    expect(e.req_mem_bytes).toBe(300 * MiB);
    expect(e.time_limit_seconds).toBe(120);
    expect(e.elapsed_seconds as number).toBeLessThan(120);
    const busyHints = (e.hints as string[]).map((h) => h.split(":")[0]);
    expect(busyHints).not.toContain("CPU");
    expect(busyHints).not.toContain("memory");
    // The cluster accounts no GPU: none is claimed.
    expect(e.gpus).toBeUndefined();

    const s = manifestOf("sleepy", sleepy.runId);
    const se = s.efficiency as Record<string, number | string[]>;
    expect(se.cpu_efficiency as number).toBeLessThan(0.5);
    expect((se.hints as string[]).map((h) => h.split(":")[0])).toEqual(expect.arrayContaining(["CPU", "time"]));

    // The times recorded and shown are sacct's own Submit/Start/End for the job.
    const t = await sacctTimes(busy.jobId!);
    expect(b.slurm).toMatchObject({ submit: t.submit, start: t.start, end: t.end });
    const row = statusRow(b, found("busy", busy.runId), new Date());
    expect(row.slurmSubmit).toBe(isoUtc(t.submit));
    expect(row.queuedSeconds).toBe(Math.round((Date.parse(t.start) - Date.parse(t.submit)) / 1000));
    expect(row.runSeconds).toBe(Math.round((Date.parse(t.end) - Date.parse(t.start)) / 1000));
    // Not launch -> the tick that noticed the end (which is later than SLURM's end).
    expect(row.runSeconds!).toBeLessThanOrEqual(e.elapsed_seconds as number);
    const sleepyRow = statusRow(s, found("sleepy", sleepy.runId), new Date());
    expect(statusText([row, sleepyRow])).toContain(`hint ${sleepy.runId}: CPU:`);
  }, 240_000);

  it("a job pending behind one that holds every CPU shows SLURM's expected start", async () => {
    const cpus = Number(
      (await runArgv("sinfo", ["-h", "-o", "%c", "-p", "debug"], { timeoutMs: 20_000 })).stdout.trim(),
    );
    const blocker = await sbatchRaw([
      "-p",
      "debug",
      "-c",
      String(cpus),
      "-t",
      "2",
      "-J",
      "autolab-test-blocker",
      "--wrap",
      "sleep 110",
      "-o",
      "/dev/null",
    ]);
    jobs.push(blocker);
    await waitForState(blocker, (st) => st === "RUNNING", 120_000);
    const r = await launch({ scheduler: realScheduler(), cwd: root, design: "waits", commit: false });
    jobs.push(r.jobId!);
    // The scheduler sets a pending job's StartTime on its next pass: wait until squeue shows one.
    let est = "";
    for (let i = 0; i < 60 && !/^\d{4}-/.test(est); i++) {
      const q = await runArgv("squeue", ["-h", "-j", r.jobId!, "-O", "StartTime:0|,State:0"], {
        timeoutMs: 20_000,
        env: { SLURM_TIME_FORMAT: "standard" },
      });
      est = q.stdout.trim().split("|")[0];
      if (!/^\d{4}-/.test(est)) await new Promise((res) => setTimeout(res, 1000));
    }
    expect(est).toMatch(/^\d{4}-/);
    // Both ticks must see the same sources: before slurmdbd records the job a tick reads it
    // from squeue alone, and the next one would rightly record the sacct source.
    await waitForSacctRow(r.jobId!);
    const rep = await tick();
    const m = manifestOf("waits", r.runId);
    expect(m.slurm?.state).toBe("PENDING");
    expect(["Resources", "Priority"]).toContain(m.slurm?.reason);
    expect(typeof m.slurm?.expected_start).toBe("string");
    const notice = rep.findings.find((f) => f.check === "scheduler.expected_start" && f.message.includes(r.jobId!));
    expect(notice?.severity).toBe("notice");
    expect(notice?.message).toContain(String(m.slurm?.expected_start));
    const row = statusRow(m, found("waits", r.runId), new Date());
    expect(row.expectedStart).toBe(isoUtc(m.slurm?.expected_start));
    expect(statusText([row])).toContain("expected start");
    // A second tick with an estimate that did not move materially writes nothing.
    const again = await tick();
    expect(again.written).toEqual([]);
    await scancel(r.jobId!);
    await scancel(blocker);
  }, 240_000);
});
