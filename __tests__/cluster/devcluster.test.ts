/**
 * The dev cluster itself (scripts/dev-cluster.sh) and the shared test helpers:
 * status, jobs as root and as a normal user, idempotent start, and real outages
 * made with stop-daemon followed by start.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runArgv } from "../../src/util/exec.js";
import {
  DEV_CLUSTER_SCRIPT,
  slurmOnPath,
  TEST_USER,
  requireCluster,
  sbatchRaw,
  scancel,
  scontrol,
  startCluster,
  stopDaemon,
  waitForSacct,
  waitForState,
  type DaemonName,
} from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/devcluster.test.ts");

const DAEMONS: DaemonName[] = ["munged", "mariadb", "slurmdbd", "slurmctld", "slurmd"];

async function status(): Promise<{ code: number | null; stdout: string; pids: Record<string, string | undefined> }> {
  const r = await runArgv("bash", [DEV_CLUSTER_SCRIPT, "status"], { timeoutMs: 60_000 });
  const pids: Record<string, string | undefined> = {};
  for (const d of DAEMONS) pids[d] = new RegExp(`^${d}\\s+up\\s+\\(pid (\\d+)\\)`, "m").exec(r.stdout)?.[1];
  return { code: r.code, stdout: r.stdout, pids };
}

async function sacctLine(jobId: string): Promise<string> {
  const r = await runArgv(
    "sacct",
    ["-j", jobId, "-X", "--parsable2", "--noheader", "-o", "JobID,User,State,ExitCode"],
    {
      timeoutMs: 30_000,
    },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Submits a trivial job and checks that it completes and reaches accounting. */
async function jobCompletes(user?: string): Promise<void> {
  const id = await sbatchRaw(["--job-name=devcluster-check", "--wrap", "id -un"], { user });
  await waitForSacct(id);
  expect(await sacctLine(id)).toBe(`${id}|${user ?? "root"}|COMPLETED|0:0`);
}

describe.skipIf(!sinfoOnPath)("dev cluster (scripts/dev-cluster.sh)", () => {
  beforeAll(async () => {
    await startCluster(); // idempotent: a no-op when already up
    requireCluster();
  });

  it("status reports every daemon up and the node answering, exit 0", async () => {
    const s = await status();
    expect(s.code, s.stdout).toBe(0);
    for (const d of DAEMONS) expect(s.pids[d], `${d} in:\n${s.stdout}`).toMatch(/^\d+$/);
    expect(s.stdout).toMatch(/^node\s+(idle|mixed|allocated|completing)/m);
  });

  it("runs a job submitted by root and one submitted by the non-root user to COMPLETED|0:0", async () => {
    await jobCompletes();
    await jobCompletes(TEST_USER);
  });

  it("writes the output of a normal user's job as that user", async () => {
    const id = await sbatchRaw(["--wrap", "id -un"], { user: TEST_USER });
    await waitForSacct(id);
    const job = await scontrol(["show", "job", "-o", id]);
    const out = /StdOut=(\S+)/.exec(job)?.[1];
    expect(out, job).toBeDefined();
    expect(readFileSync(out!, "utf8").trim()).toBe(TEST_USER);
  });

  it("has a default partition debug and a time-limited partition short", async () => {
    const r = await runArgv("sinfo", ["-h", "-o", "%P|%l"], { timeoutMs: 30_000 });
    expect(r.stdout.trim().split("\n").sort()).toEqual(["debug*|infinite", "short|10:00"]);
    // A job asking for more than the partition allows waits with the reason PartitionTimeLimit.
    const id = await sbatchRaw(["--partition=short", "--time=20", "--wrap", "true"]);
    try {
      await waitForState(id, (s) => s === "PENDING");
      // The first reason shown is PartitionConfig; the scheduler's first pass refines it.
      let reason = "";
      const deadline = Date.now() + 60_000;
      while (reason !== "PartitionTimeLimit" && Date.now() < deadline) {
        const q = await runArgv("squeue", ["-h", "-j", id, "-o", "%r"], { timeoutMs: 30_000 });
        reason = q.stdout.trim();
        if (reason !== "PartitionTimeLimit") await new Promise((r) => setTimeout(r, 250));
      }
      expect(reason).toBe("PartitionTimeLimit");
    } finally {
      await scancel(id);
    }
    expect(await waitForState(id, (s) => s !== "PENDING")).toBe("CANCELLED");
  });

  it("start when everything is up changes nothing (same pids)", async () => {
    const before = await status();
    await startCluster();
    await startCluster();
    const after = await status();
    expect(after.code).toBe(0);
    expect(after.pids).toEqual(before.pids);
  });

  it("stop-daemon slurmctld makes a real outage; start brings back only slurmctld and jobs submit again", async () => {
    const before = await status();
    await stopDaemon("slurmctld");
    const down = await status();
    expect(down.code).not.toBe(0);
    expect(down.stdout).toMatch(/^slurmctld\s+down$/m);
    const sb = await runArgv("sbatch", ["--parsable", "--wrap", "true"], { timeoutMs: 60_000, cwd: "/tmp" });
    expect(sb.code).not.toBe(0); // no controller: the submission is refused

    await startCluster();
    const after = await status();
    expect(after.code, after.stdout).toBe(0);
    expect(after.pids.slurmctld).not.toBe(before.pids.slurmctld);
    for (const d of DAEMONS.filter((x) => x !== "slurmctld")) expect(after.pids[d]).toBe(before.pids[d]);
    await jobCompletes();
  });

  // Every other daemon, too: the fault tests rely on stop-daemon + start being reliable.
  for (const d of DAEMONS.filter((x) => x !== "slurmctld")) {
    it(`stop-daemon ${d}, then start, restarts just ${d} and jobs complete`, async () => {
      const before = await status();
      await stopDaemon(d);
      const down = await status();
      expect(down.code).not.toBe(0);
      expect(down.stdout).toMatch(new RegExp(`^${d}\\s+down$`, "m"));
      await startCluster();
      const after = await status();
      expect(after.code, after.stdout).toBe(0);
      expect(after.pids[d]).not.toBe(before.pids[d]);
      for (const other of DAEMONS.filter((x) => x !== d)) expect(after.pids[other]).toBe(before.pids[other]);
      await jobCompletes();
    });
  }

  it("the accounting outage is real: sacct fails while slurmdbd is down and sees jobs that ran meanwhile", async () => {
    await stopDaemon("slurmdbd");
    try {
      const r = await runArgv("sacct", ["-n", "-X", "-o", "JobID"], { timeoutMs: 60_000 });
      expect(r.code).not.toBe(0);
      const id = await sbatchRaw(["--wrap", "true"]);
      await waitForState(id, (s) => s === "COMPLETED");
      await startCluster();
      await waitForSacct(id);
      expect(await sacctLine(id)).toBe(`${id}|root|COMPLETED|0:0`);
    } finally {
      await startCluster();
    }
  });

  it("keeps its state under the configured state dir and its config in /etc/slurm", () => {
    const conf = readFileSync("/etc/slurm/slurm.conf", "utf8");
    const root = process.env.AUTOLAB_DEV_CLUSTER_DIR ?? "/var/tmp/autolab-dev-cluster";
    expect(conf).toMatch(/^ClusterName=autolab-dev$/m);
    expect(conf).toContain(`StateSaveLocation=${join(root, "slurm", "state")}`);
    expect(conf).toMatch(/^PartitionName=debug .*Default=YES MaxTime=INFINITE/m);
  });
});
