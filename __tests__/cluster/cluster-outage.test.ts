/**
 * One cluster down must not block the others (issue 10, item 6), on the real
 * dev clusters: a run on autolab-dev (the default cluster) and a run on
 * autolab-dev2 (`compute.cluster`) in one repository; dev2's slurmctld is
 * stopped (`dev-cluster.sh stop-daemon slurmctld2`, a real outage: its squeue
 * -M fails while slurmdbd still answers sacct -M). While it is down every tick
 * still asks each cluster once, the default cluster's run is followed to
 * completed, dev2's run stays byte for byte as it was, and the outage finding
 * and `.autolab/monitor_state.json` name autolab-dev2 with a count of its own.
 * Once dev2's controller is back (`dev-cluster.sh start`), the next ticks
 * follow its run to completed and the count is back to 0.
 *
 * Exclusive (vitest.config.ts): it stops a daemon of the shared cluster; the
 * cluster is restarted in afterAll (and in a finally block of the test).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { monitor, type MonitorReport, type MonitorState } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { MONITOR_STATE_PATH } from "../../src/domain/layout.js";
import { cancelJobs } from "../../src/scheduler/slurm-cli/cancel.js";
import { ok, runArgv } from "../../src/util/exec.js";
import { clusterUp, realScheduler, requireCluster, startCluster, stopDaemon, until } from "../helpers/cluster.js";
import { makeRepo } from "../helpers/repo.js";

const DEV2 = "autolab-dev2";
const up = clusterUp();
const submitted: string[] = [];
let tmp: string;
let stopped = false;

function designOf(cluster?: string): string {
  return YAML.stringify({
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "64M",
      cpus_per_task: 1,
      partition: "debug",
      ...(cluster ? { cluster } : {}),
    },
    // Long enough to be running when dev2's controller stops (after a multi-cluster tick on a
    // loaded machine), short enough to end while it is down.
    entrypoint: { cli: 'echo "ran on ${SLURMD_NODENAME:-?}"; sleep 20' },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.5}}'` },
  });
}

async function squeueState(jobId: string, cluster?: string): Promise<string | undefined> {
  const r = await runArgv(
    "squeue",
    [...(cluster ? ["-M", cluster] : []), "-h", "--states=all", "-j", jobId, "-o", "%T"],
    { timeoutMs: 20_000, cwd: "/tmp", env: { SLURM_CLUSTERS: undefined } },
  );
  if (!ok(r)) return undefined;
  return r.stdout
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("CLUSTER:"));
}

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), "utf8");
const manifest = (root: string, rel: string) => JSON.parse(read(root, rel)) as RunManifest;
const monitorState = (root: string) => JSON.parse(read(root, MONITOR_STATE_PATH)) as MonitorState;

function tick(root: string): Promise<MonitorReport> {
  return monitor({ cwd: root, scheduler: realScheduler(), commit: false, query: { timeoutMs: 15_000 } });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-cluster-outage-"));
});
afterAll(async () => {
  if (stopped) await startCluster();
  if (submitted.length) await cancelJobs(submitted).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
}, 600_000);

describe.skipIf(!up)("autolab-dev2's controller down: runs on autolab-dev still advance", () => {
  let root: string;
  let here: LaunchResult;
  let on2: LaunchResult;

  beforeAll(async () => {
    requireCluster();
    root = (
      await makeRepo({
        parent: tmp,
        files: {
          ".autolab/verifier_policy.yaml": "slurm:\n  monitor:\n    poll_failure_escalation_ticks: 2\n",
          "experiments/in_progress/here/design.yaml": designOf(),
          "experiments/in_progress/on2/design.yaml": designOf(DEV2),
        },
      })
    ).root;
  });

  it("dev2 down: the dev run completes, the dev2 run is unchanged, the outage names autolab-dev2; back up: it completes", async () => {
    here = await launch({ cwd: root, design: "here", scheduler: realScheduler(), commit: false });
    on2 = await launch({ cwd: root, design: "on2", scheduler: realScheduler(), commit: false });
    for (const r of [here, on2]) if (r.jobId) submitted.push(r.cluster ? `${r.jobId};${r.cluster}` : r.jobId);
    expect(here).toMatchObject({ status: "submitted" });
    expect(here.cluster).toBeUndefined();
    expect(on2).toMatchObject({ status: "submitted", cluster: DEV2 });
    // Both jobs run (dev2's on dev2node) before the outage starts.
    await until(
      async () => ((await squeueState(on2.jobId!, DEV2)) === "RUNNING" ? true : undefined),
      "dev2 job running",
    );
    const t0 = await tick(root);
    expect(t0.scheduler.ok).toBe(true);
    expect(manifest(root, on2.manifestPath).status).toBe("running");
    expect(manifest(root, on2.manifestPath).slurm).toMatchObject({ cluster: DEV2 });
    const on2Before = read(root, on2.manifestPath);

    try {
      stopped = true;
      await stopDaemon("slurmctld2");
      expect(await squeueState(on2.jobId!, DEV2)).toBeUndefined(); // a real outage: squeue -M dev2 fails

      // Ticks while dev2 is down: the default cluster's run is followed to its end.
      const ticks: MonitorReport[] = [];
      await until(
        async () => {
          const rep = await tick(root);
          ticks.push(rep);
          // dev2's run: byte for byte as before, no transition, reported as an outage of dev2.
          expect(read(root, on2.manifestPath)).toBe(on2Before);
          const r2 = rep.runs.find((r) => r.runId === on2.runId);
          expect(r2?.transitions ?? []).toEqual([]);
          return manifest(root, here.manifestPath).status === "completed" ? rep : undefined;
        },
        "the default cluster's run completed while dev2 is down",
        120_000,
      );
      // Every tick while dev2 was down: not ok, an outage naming autolab-dev2, the others decided.
      for (const rep of ticks) {
        expect(rep.scheduler.ok).toBe(false);
        expect(rep.scheduler.error).toContain(`cluster ${DEV2}`);
        const f = rep.findings.find((x) => x.check === "scheduler.outage");
        expect(f?.message).toContain(`cluster ${DEV2} did not answer`);
        expect(f?.message).toContain("runs on the clusters that answered were decided");
        expect(rep.outage?.clusters).toEqual([DEV2]);
      }
      const mh = manifest(root, here.manifestPath);
      expect(mh.slurm).toMatchObject({ state: "COMPLETED", nodes: "localhost" });
      expect(mh.history!.map((h) => h.to)).toContain("completed");
      expect(read(root, "docs/slurm_job_list.md")).toMatch(new RegExp(`run_id=${here.runId} \\| status=completed`));
      expect(read(root, "docs/slurm_job_list.md")).toMatch(
        new RegExp(`run_id=${on2.runId} \\| status=running \\| cluster=${DEV2}`),
      );

      // The outage count is dev2's own: one per tick it did not answer; escalated (error) from 2 on.
      const st = monitorState(root);
      expect(st.consecutive_failed_ticks).toBe(ticks.length);
      expect(Object.keys(st.clusters ?? {})).toEqual([DEV2]);
      expect(st.clusters![DEV2].consecutive_failed_ticks).toBe(ticks.length);
      expect(st.last_poll_error).toContain(`cluster ${DEV2}`);
      expect(ticks[0].findings.find((x) => x.check === "scheduler.outage")?.severity).toBe("warning");
      if (ticks.length >= 2)
        expect(ticks.at(-1)!.findings.find((x) => x.check === "scheduler.outage")?.severity).toBe("error");
    } finally {
      await startCluster();
      stopped = false;
    }

    // dev2's controller is back: its run is followed to completed, and the count is back to 0.
    const after: MonitorReport[] = [];
    const back = await until(
      async () => {
        const rep = await tick(root);
        after.push(rep);
        return manifest(root, on2.manifestPath).status === "completed" ? rep : undefined;
      },
      "the dev2 run completed once its controller is back",
      120_000,
    );
    expect(back.scheduler.ok).toBe(true);
    expect(after[0].findings.find((x) => x.check === "scheduler.recovered")?.message).toContain(
      `cluster ${DEV2} answers again`,
    );
    const m2 = manifest(root, on2.manifestPath);
    expect(m2.slurm).toMatchObject({ cluster: DEV2, state: "COMPLETED", nodes: "dev2node" });
    expect(read(root, "docs/slurm_job_list.md")).toMatch(
      new RegExp(`run_id=${on2.runId} \\| status=completed \\| cluster=${DEV2}`),
    );
    if (existsSync(path.join(root, MONITOR_STATE_PATH))) {
      const st = monitorState(root);
      expect(st.consecutive_failed_ticks).toBe(0);
      expect(st.clusters).toBeUndefined();
    }
  }, 480_000);
});
