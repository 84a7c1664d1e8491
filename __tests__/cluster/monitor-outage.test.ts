/**
 * Scheduler outages during a real run: slurmctld stopped (and killed while a
 * tick is asking), slurmdbd stopped, munged stopped. While the controller
 * cannot answer, no run changes (byte-identical manifests and ledger), the
 * failure is recorded in .autolab/monitor_state.json with a count of failed
 * ticks, reported as a warning and escalated to an error after
 * slurm.monitor.poll_failure_escalation_ticks (2 here). With accounting down
 * the controller's own view (squeue --states=all, scontrol) still settles
 * runs. Once the daemons are back, the next tick finishes the runs correctly.
 * Every daemon is restarted in a finally block so other test files are not hurt.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor, type MonitorReport, type MonitorState } from "../../src/commands/monitor/index.js";
import { MONITOR_STATE_PATH } from "../../src/domain/layout.js";
import type { RunManifest } from "../../src/contract/types.js";
import {
  awaitGate,
  slurmOnPath,
  requireCluster,
  scancel,
  startCluster,
  stopDaemon,
  waitForSacct,
  waitForState,
  realScheduler,
} from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/monitor-outage.test.ts");

/**
 * Waits for its gate file (so the job is still running while the outage lasts, however slow
 * the machine), then writes its result.
 */
function design(id: string, gate: string): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
    entrypoint: {
      cli: `${awaitGate(gate)}; echo '{"primary_metric": {"name": "acc", "value": 0.5}}' > "$AUTOLAB_RUN_DIR/result.json"`,
    },
    artifact_sync: { mode: "shared", outputs: ["result.json"] },
    extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
  });
}

/** The checkout's gate: the job ends once it exists (openGate). */
const gateOf = (root: string) => path.join(root, "gate");
const openGate = (root: string) => writeFileSync(gateOf(root), "");

function newRepo(id: string): string {
  const root = mkdtempSync(path.join(tmpdir(), "autolab-outage-"));
  mkdirSync(path.join(root, "experiments/in_progress", id), { recursive: true });
  writeFileSync(path.join(root, "experiments/in_progress", id, "design.yaml"), design(id, gateOf(root)));
  mkdirSync(path.join(root, ".autolab"));
  writeFileSync(
    path.join(root, ".autolab/verifier_policy.yaml"),
    "slurm:\n  monitor:\n    poll_failure_escalation_ticks: 2\n",
  );
  return root;
}

const manifestFile = (root: string, id: string, runId: string) =>
  path.join(root, "experiments/in_progress", id, "runs", runId, "run_manifest.json");
const ledgerFile = (root: string) => path.join(root, "docs/slurm_job_list.md");
const read = (f: string) => readFileSync(f, "utf8");
const monitorState = (root: string) => JSON.parse(read(path.join(root, MONITOR_STATE_PATH))) as MonitorState;

function tick(root: string): Promise<MonitorReport> {
  return monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 15_000 } });
}

const jobs: string[] = [];
let stopped = false;

async function launchRunning(root: string, id: string): Promise<{ runId: string; jobId: string }> {
  const l = await launch({ scheduler: realScheduler(), cwd: root, design: id, commit: false });
  expect(l.status).toBe("submitted");
  jobs.push(l.jobId!);
  await waitForState(l.jobId!, (s) => s === "RUNNING");
  const rep = await tick(root);
  expect(rep.runs[0].after).toBe("running");
  return { runId: l.runId, jobId: l.jobId! };
}

/** After the outage: the run finished correctly, and the outage count is back to 0. */
async function expectRecovered(root: string, id: string, runId: string, jobId: string): Promise<MonitorReport> {
  openGate(root);
  await waitForSacct(jobId, 90_000);
  const rep = await tick(root);
  expect(rep.scheduler.ok).toBe(true);
  const m = JSON.parse(read(manifestFile(root, id, runId))) as RunManifest;
  expect(m.status).toBe("completed");
  expect(m.slurm?.state).toBe("COMPLETED");
  expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
  expect(read(ledgerFile(root))).toContain(`run_id=${runId} | status=completed`);
  const met = JSON.parse(read(path.join(path.dirname(manifestFile(root, id, runId)), "metrics.json")));
  expect(met.status).toBe("completed");
  expect(met.primary_metric.value).toBe(0.5);
  if (existsSync(path.join(root, MONITOR_STATE_PATH))) expect(monitorState(root).consecutive_failed_ticks).toBe(0);
  return rep;
}

describe.skipIf(!sinfoOnPath)("monitor during scheduler outages (real daemons stopped)", () => {
  beforeAll(() => requireCluster());
  afterEach(async () => {
    if (stopped) {
      stopped = false;
      await startCluster();
    }
  });
  afterAll(async () => {
    await startCluster();
    for (const j of jobs) await scancel(j).catch(() => undefined);
  });

  it("slurmctld down (and killed while a tick asks): no run changes, warning, then error after 2 ticks; back up: the run completes", async () => {
    const root = newRepo("ctld");
    const { runId, jobId } = await launchRunning(root, "ctld");
    const mf = manifestFile(root, "ctld", runId);
    const manifestBefore = read(mf);
    const ledgerBefore = read(ledgerFile(root));
    try {
      stopped = true;
      // Killed while a tick is asking: the tick either got its answer first or saw an outage; it never fails the run.
      const [mid] = await Promise.all([tick(root), stopDaemon("slurmctld")]);
      expect(JSON.parse(read(mf)).status).toBe("running");
      expect(mid.runs[0].after).toBe("running");
      const failedSoFar = mid.scheduler.ok ? 0 : 1;

      const t1 = await tick(root);
      expect(t1.scheduler.ok).toBe(false);
      expect(read(mf)).toBe(manifestBefore);
      expect(read(ledgerFile(root))).toBe(ledgerBefore);
      expect(t1.runs[0].transitions).toEqual([]);
      let st = monitorState(root);
      expect(st.consecutive_failed_ticks).toBe(failedSoFar + 1);
      expect(st.last_poll_error).toMatch(/squeue/);
      const f1 = t1.findings.find((f) => f.check === "scheduler.outage")!;
      expect(f1.severity).toBe(failedSoFar + 1 >= 2 ? "error" : "warning");

      const t2 = await tick(root);
      expect(read(mf)).toBe(manifestBefore);
      st = monitorState(root);
      expect(st.consecutive_failed_ticks).toBe(failedSoFar + 2);
      expect(t2.outage?.escalated).toBe(true);
      expect(t2.findings.find((f) => f.check === "scheduler.outage")!.severity).toBe("error");
    } finally {
      await startCluster();
      stopped = false;
    }
    const rep = await expectRecovered(root, "ctld", runId, jobId);
    expect(rep.findings.some((f) => f.check === "scheduler.recovered")).toBe(true);
    expect(monitorState(root).last_ok_at).toBeTruthy();
  });

  it("slurmdbd down: sacct fails, the controller's view (squeue --states=all + scontrol) still settles the run; nothing is marked wrongly", async () => {
    const root = newRepo("dbd");
    const { runId, jobId } = await launchRunning(root, "dbd");
    const mf = manifestFile(root, "dbd", runId);
    try {
      stopped = true;
      await stopDaemon("slurmdbd");
      const during = await tick(root);
      expect(during.scheduler.ok).toBe(true);
      expect(during.scheduler.accounting).toBe("down");
      expect(during.findings.some((f) => f.check === "scheduler.accounting")).toBe(true);
      expect(JSON.parse(read(mf)).status).toBe("running");

      openGate(root);
      await waitForState(jobId, (s) => s === "COMPLETED");
      const after = await tick(root);
      expect(after.scheduler.ok).toBe(true);
      expect(after.scheduler.detail.map((d) => d.split(" ")[0]).sort()).toEqual(["sacct", "scontrol", "squeue"]);
      const m = JSON.parse(read(mf)) as RunManifest;
      expect(m.status).toBe("completed");
      expect(m.slurm?.source).not.toBe("sacct");
      expect(m.slurm?.exit_code).toBe("0:0");
      expect(read(ledgerFile(root))).toContain(`run_id=${runId} | status=completed`);
    } finally {
      await startCluster();
      stopped = false;
    }
    // Accounting back: nothing changes for the settled run, and nothing is in flight.
    const rep = await tick(root);
    expect(rep.runs).toEqual([]);
    expect(rep.scheduler.calls).toBe(0);
  });

  it("munged down: every client fails authentication; no run changes; back up: the run completes", async () => {
    const root = newRepo("munge");
    const { runId, jobId } = await launchRunning(root, "munge");
    const mf = manifestFile(root, "munge", runId);
    const before = read(mf);
    try {
      stopped = true;
      await stopDaemon("munged");
      const t = await tick(root);
      expect(t.scheduler.ok).toBe(false);
      expect(read(mf)).toBe(before);
      expect(monitorState(root).consecutive_failed_ticks).toBe(1);
      expect(t.findings.find((f) => f.check === "scheduler.outage")!.severity).toBe("warning");
    } finally {
      await startCluster();
      stopped = false;
    }
    await expectRecovered(root, "munge", runId, jobId);
  });
});
