/**
 * queryJobs + judgeObservation against the real dev cluster: one sacct and one
 * squeue call per tick for all jobs, every real outcome decided right, and
 * outages (slurmdbd down, slurmctld down) reported without changing a run.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryJobs, type QueryOutcome } from "../../src/scheduler/slurm-cli/query.js";
import { judgeObservation, type StateDecision } from "../../src/scheduler/slurm-cli/statemap.js";
import {
  slurmOnPath,
  requireCluster,
  sbatchRaw,
  scancel,
  scontrol,
  startCluster,
  stopDaemon,
  waitForSacct,
  waitForState,
  endJobNow,
} from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/slurm-query.test.ts");

const NO_SUCH_JOB = "987654321";

/** The adapter's meaning of the observation for `id` (the sentinel rules are domain/tick.ts's). */
function decide(out: QueryOutcome, id: string): StateDecision {
  const o = out.observations.get(id);
  return o ? judgeObservation(o) : { phase: "unknown", terminal: false, detail: `no source knows job ${id}` };
}

function countCalls(out: QueryOutcome): Record<string, number> {
  const n: Record<string, number> = {};
  for (const c of out.calls) {
    const prog = c.argv[0].split("/").pop()!;
    n[prog] = (n[prog] ?? 0) + 1;
  }
  return n;
}

/** Poll queryJobs until `pred` holds for the decision about `id` (the monitor's own loop, sped up). */
async function until(id: string, pred: (d: StateDecision) => boolean, timeoutMs = 90_000): Promise<StateDecision> {
  const deadline = Date.now() + timeoutMs;
  let last: StateDecision | undefined;
  for (;;) {
    const out = await queryJobs([id]);
    if (out.ok) {
      last = decide(out, id);
      if (pred(last)) return last;
    }
    if (Date.now() > deadline) throw new Error(`job ${id}: condition not met; last decision: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!sinfoOnPath)("queryJobs on the real cluster", () => {
  const ids: Record<string, string> = {};
  const toCancel: string[] = [];

  beforeAll(async () => {
    await startCluster(); // idempotent: a no-op when up
    requireCluster();
    ids.ok = await sbatchRaw(["--job-name=q-ok", "--wrap", "true"]);
    ids.exit3 = await sbatchRaw(["--job-name=q-exit3", "--wrap", "exit 3"]);
    ids.array = await sbatchRaw(["--job-name=q-array", "--array=0-2", "--wrap", "true"]);
    ids.pendingCancel = await sbatchRaw(["--job-name=q-cancel-pending", "--begin=now+1hour", "--wrap", "true"]);
    // Two nodes on a one-node cluster: sbatch accepts it, the job stays PENDING (PartitionNodeLimit).
    ids.impossible = await sbatchRaw(["--job-name=q-impossible", "--nodes=2", "--wrap", "true"]);
    toCancel.push(ids.impossible);
    await scancel(ids.pendingCancel);

    // Timeout: a 10-minute limit, then cut short to now (limits are whole minutes).
    ids.timeout = await sbatchRaw(["--job-name=q-timeout", "--time=10", "--wrap", "sleep 300"]);
    toCancel.push(ids.timeout);
    await waitForState(ids.timeout, (s) => s === "RUNNING", 120_000);
    await endJobNow(ids.timeout);

    ids.runningCancel = await sbatchRaw(["--job-name=q-cancel-running", "--wrap", "sleep 300"]);
    toCancel.push(ids.runningCancel);
    await waitForState(ids.runningCancel, (s) => s === "RUNNING", 120_000);
    await scancel(ids.runningCancel);

    ids.requeue = await sbatchRaw(["--job-name=q-requeue", "--wrap", "sleep 300"]);
    toCancel.push(ids.requeue);
    await waitForState(ids.requeue, (s) => s === "RUNNING", 120_000);
    await scontrol(["requeue", ids.requeue]);

    for (const k of ["ok", "exit3", "timeout", "pendingCancel", "runningCancel"]) await waitForSacct(ids[k], 120_000);
  }, 600_000);

  afterAll(async () => {
    for (const id of toCancel) await scancel(id).catch(() => undefined);
  });

  it("a completed job succeeds only with the sentinel; one sacct and one squeue call", async () => {
    const out = await queryJobs([ids.ok]);
    expect(out.ok).toBe(true);
    expect(out.accounting).toBe("ok");
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    expect(out.observations.get(ids.ok)).toMatchObject({
      state: "COMPLETED",
      exitCode: "0:0",
      batchState: "COMPLETED",
      name: "q-ok",
    });
    expect(decide(out, ids.ok)).toMatchObject({ phase: "succeeded", terminal: true });
  });

  it("exit 3 fails with exit_code and ExitCode 3:0", async () => {
    const out = await queryJobs([ids.exit3]);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    expect(out.observations.get(ids.exit3)).toMatchObject({ state: "FAILED", exitCode: "3:0" });
    expect(decide(out, ids.exit3)).toMatchObject({ phase: "failed", terminal: true, failureReason: "exit_code" });
  });

  it("a time limit fails with timeout", async () => {
    const out = await queryJobs([ids.timeout]);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    expect(out.observations.get(ids.timeout)).toMatchObject({ state: "TIMEOUT", batchState: "CANCELLED" });
    expect(decide(out, ids.timeout)).toMatchObject({ phase: "failed", terminal: true, failureReason: "timeout" });
  });

  it("scancel while pending and while running fail with cancelled", async () => {
    const out = await queryJobs([ids.pendingCancel, ids.runningCancel]);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    for (const id of [ids.pendingCancel, ids.runningCancel]) {
      expect(out.observations.get(id)!.state).toMatch(/^CANCELLED/);
      expect(decide(out, id)).toMatchObject({ phase: "failed", terminal: true, failureReason: "cancelled" });
    }
  });

  it("an array of 3 is one observation with 3 tasks and succeeds when all do", async () => {
    const d = await until(ids.array, (x) => x.terminal);
    expect(d).toMatchObject({ phase: "succeeded", terminal: true });
    const out = await queryJobs([ids.array]);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    const tasks = out.observations.get(ids.array)!.tasks!;
    expect(tasks.map((t) => t.jobId)).toEqual([0, 1, 2].map((i) => `${ids.array}_${i}`));
    expect(tasks.every((t) => t.state === "COMPLETED")).toBe(true);
  });

  it("an impossible request stays pending with the scheduler's reason", async () => {
    const out = await queryJobs([ids.impossible]);
    expect(out.observations.get(ids.impossible)).toMatchObject({ state: "PENDING", reason: "PartitionNodeLimit" });
    const d = decide(out, ids.impossible);
    expect(d).toMatchObject({ phase: "pending", terminal: false });
    expect(d.detail).toContain("PartitionNodeLimit");
  });

  it("a requeued job is pending again (not finished) with its restart count", async () => {
    const out = await queryJobs([ids.requeue]);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    const o = out.observations.get(ids.requeue)!;
    expect(o.restarts).toBe(1);
    expect(["PENDING", "REQUEUED", "RUNNING", "CONFIGURING"]).toContain(o.state);
    expect(decide(out, ids.requeue).terminal).toBe(false);
  });

  it("a job id the scheduler does not know is unknown (grace), the query still ok", async () => {
    const out = await queryJobs([NO_SUCH_JOB]);
    expect(out.ok).toBe(true);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    expect(out.observations.has(NO_SUCH_JOB)).toBe(false);
    expect(out.unresolved).toEqual([]);
    expect(decide(out, NO_SUCH_JOB)).toMatchObject({ phase: "unknown", terminal: false });
  });

  it("all jobs at once: exactly one sacct and one squeue call, every decision right", async () => {
    const all = [...Object.values(ids), NO_SUCH_JOB];
    const out = await queryJobs(all);
    expect(out.ok).toBe(true);
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    const sacctCall = out.calls.find((c) => c.argv[0] === "sacct")!;
    expect(sacctCall.argv).toContain(`--jobs=${all.join(",")}`);
    expect(decide(out, ids.ok).phase).toBe("succeeded");
    expect(decide(out, ids.exit3).failureReason).toBe("exit_code");
    expect(decide(out, ids.timeout).failureReason).toBe("timeout");
    expect(decide(out, ids.pendingCancel).failureReason).toBe("cancelled");
    expect(decide(out, ids.runningCancel).failureReason).toBe("cancelled");
    expect(decide(out, ids.array).phase).toBe("succeeded");
    expect(decide(out, ids.impossible).phase).toBe("pending");
    expect(decide(out, ids.requeue).terminal).toBe(false);
    expect(out.observations.has(NO_SUCH_JOB)).toBe(false);
  });

  it("chunks only when the list is long, with the same answers", async () => {
    const all = Object.values(ids);
    const out = await queryJobs(all, { chunkSize: 3 });
    const chunks = Math.ceil(all.length / 3);
    expect(countCalls(out)).toEqual({ sacct: chunks, squeue: chunks });
    expect(decide(out, ids.ok).phase).toBe("succeeded");
    expect(decide(out, ids.timeout).failureReason).toBe("timeout");
    expect(decide(out, ids.array).phase).toBe("succeeded");
  });

  it("bounded with --starttime, sacct still sees every job, started or not", async () => {
    // sacct reads --starttime in the host's local time zone.
    const t = new Date(Date.now() - 3600_000);
    const p2 = (n: number) => String(n).padStart(2, "0");
    const since = `${t.getFullYear()}-${p2(t.getMonth() + 1)}-${p2(t.getDate())}T${p2(t.getHours())}:${p2(t.getMinutes())}:${p2(t.getSeconds())}`;
    const out = await queryJobs([ids.ok, ids.pendingCancel, ids.array], { startTime: since });
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1 });
    expect(out.calls.find((c) => c.argv[0] === "sacct")!.argv).toContain(`--starttime=${since}`);
    expect(out.observations.get(ids.pendingCancel)!.source).toBe("sacct");
    expect(decide(out, ids.ok).phase).toBe("succeeded");
    expect(decide(out, ids.pendingCancel).failureReason).toBe("cancelled");
    expect(decide(out, ids.array).phase).toBe("succeeded");
  });

  it("a site without accounting: sacct says disabled, scontrol fills in, absence counts", async () => {
    // A fake sacct: the shared dev cluster runs with slurmdbd, and reconfiguring
    // it without accounting would break every other test using it.
    const dir = mkdtempSync(join(tmpdir(), "autolab-fake-sacct-"));
    const fake = join(dir, "sacct");
    writeFileSync(fake, '#!/bin/sh\necho "sacct: error: Slurm accounting storage is disabled" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const out = await queryJobs([ids.exit3, ids.timeout, NO_SUCH_JOB], { bins: { sacct: fake } });
    expect(out.ok).toBe(true);
    expect(out.accounting).toBe("disabled");
    expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1, scontrol: 1 });
    expect(out.observations.get(ids.exit3)).toMatchObject({ source: "squeue", exitCode: "3:0" });
    expect(decide(out, ids.exit3).failureReason).toBe("exit_code");
    expect(decide(out, ids.timeout).failureReason).toBe("timeout");
    expect(out.unresolved).toEqual([]);
  });

  it("slurmdbd down: accounting `down`, the controller still answers, an unseen id is unresolved", async () => {
    await stopDaemon("slurmdbd");
    try {
      const out = await queryJobs([ids.ok, ids.exit3, ids.impossible, NO_SUCH_JOB], { timeoutMs: 30_000 });
      expect(out.ok).toBe(true);
      expect(out.accounting).toBe("down");
      expect(out.warnings.join("\n")).toMatch(/accounting down/);
      expect(countCalls(out)).toEqual({ sacct: 1, squeue: 1, scontrol: 1 });
      // Finished jobs are still in the controller (MinJobAge) and are decided from it.
      expect(decide(out, ids.ok).phase).toBe("succeeded");
      expect(decide(out, ids.exit3).failureReason).toBe("exit_code");
      expect(decide(out, ids.impossible).phase).toBe("pending");
      // Nobody showed this id, but accounting could not be asked: not evidence.
      expect(out.unresolved).toEqual([NO_SUCH_JOB]);
    } finally {
      await startCluster();
    }
  }, 180_000);

  it("slurmctld down: ok false with the error, no observations, nothing decided", async () => {
    await stopDaemon("slurmctld");
    try {
      const out = await queryJobs([ids.ok, ids.impossible], { timeoutMs: 30_000 });
      expect(out.ok).toBe(false);
      expect(out.error).toMatch(/controller did not answer/);
      expect(out.observations.size).toBe(0);
      expect(out.calls.find((c) => c.argv[0] === "squeue")!.ok).toBe(false);
    } finally {
      await startCluster();
    }
  }, 180_000);
});
