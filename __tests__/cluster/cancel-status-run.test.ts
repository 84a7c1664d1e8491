/**
 * `autolab status`, `autolab cancel`, `autolab run` (and the monitor's CLI)
 * through the real CLI entry point, on the real dev cluster: a table of real
 * runs; a cancel that really scancels a pending job, is idempotent, and
 * changes nothing while slurmctld is down; one `autolab run` step per stage
 * from launch to the policy's todo fallback.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { main } from "../../src/cli/main.js";
import type { RunManifest } from "../../src/contract/types.js";
import { slurmOnPath, requireCluster, scancel, startCluster, stopDaemon, waitForSacct } from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/cancel-status-run.test.ts");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
async function cli(cwd: string, ...argv: string[]): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd,
    env: process.env,
  });
  return { code, stdout, stderr };
}

function design(id: string, cli: string, compute: Record<string, unknown> = {}): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", walltime_estimate: "00:05:00", partition: "debug", ...compute },
    entrypoint: { cli },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.1}}'` },
  });
}

function newRepo(iterations: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "autolab-csr-"));
  for (const [id, text] of Object.entries(iterations)) {
    mkdirSync(path.join(root, "experiments/in_progress", id), { recursive: true });
    writeFileSync(path.join(root, "experiments/in_progress", id, "design.yaml"), text);
  }
  return root;
}

const mfile = (root: string, it: string, runId: string) =>
  path.join(root, "experiments/in_progress", it, "runs", runId, "run_manifest.json");
const manifest = (root: string, it: string, runId: string) =>
  JSON.parse(readFileSync(mfile(root, it, runId), "utf8")) as RunManifest;
const ledger = (root: string) => readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");

const jobs: string[] = [];
async function launchJson(root: string, it: string): Promise<{ runId: string; jobId: string }> {
  const r = await cli(root, "launch", it, "--json");
  expect(r.code, r.stderr).toBe(0);
  // --json speaks the files' snake_case.
  const res = JSON.parse(r.stdout) as { run_id: string; job_id: string; status: string };
  expect(res.status).toBe("submitted");
  jobs.push(res.job_id);
  return { runId: res.run_id, jobId: res.job_id };
}

describe.skipIf(!sinfoOnPath)("autolab status / cancel / run on the real cluster", () => {
  beforeAll(() => requireCluster());
  afterAll(async () => {
    await startCluster();
    for (const j of jobs) await scancel(j).catch(() => undefined);
  });

  it("status shows id, job, state, age and sync of real runs; cancel scancels a pending job, once; the next tick writes failed metrics", async () => {
    const root = newRepo({
      quick: design("quick", "true"),
      // Pending for a reason that clears (a begin time an hour away): a request that can never start
      // (PartitionTimeLimit) is now failed fast by the pending watchdog (pending.test.ts, monitor.test.ts).
      stuck: design("stuck", "true", { sbatch_options: ["--begin=now+1hour"] }),
    });
    const quick = await launchJson(root, "quick");
    const stuck = await launchJson(root, "stuck");
    await waitForSacct(quick.jobId);
    const tick = await cli(root, "monitor", "--json");
    expect(tick.code, tick.stderr).toBe(0);
    const rep = JSON.parse(tick.stdout);
    expect(rep.scheduler.calls).toBe(2);
    expect(rep.runs.find((r: { run_id: string }) => r.run_id === quick.runId).after).toBe("completed");

    const st = await cli(root, "status");
    expect(st.code, st.stderr).toBe(0);
    const lines = st.stdout.trimEnd().split("\n");
    expect(lines[0].split(/\s+/)).toEqual([
      "RUN",
      "ITERATION",
      "JOB",
      "STATE",
      "SLURM",
      "AGE",
      "QUEUED",
      "RAN",
      "SYNC",
      "METRIC",
      "EFFICIENCY",
      "REASON",
    ]);
    const qLine = lines.find((l) => l.startsWith(quick.runId))!;
    expect(qLine.split(/\s{2,}/)).toEqual([
      quick.runId,
      "quick",
      quick.jobId,
      "completed",
      "COMPLETED",
      expect.stringMatching(/^\d+s$/),
      expect.stringMatching(/^\d+s$/), // QUEUED: SLURM's submit to start
      expect.stringMatching(/^\d+s$/), // RAN: SLURM's start to end
      "ok",
      expect.stringMatching(/\S/), // METRIC is never empty: the value, or why there is none
      expect.stringMatching(/\S/), // EFFICIENCY from the job's accounting (or -)
      expect.stringMatching(/\S/), // REASON likewise
    ]);
    const sLine = lines.find((l) => l.startsWith(stuck.runId))!;
    expect(sLine).toMatch(
      new RegExp(
        `${stuck.jobId}\\s+submitted\\s+PENDING \\(BeginTime\\)\\s+\\d+s\\s+\\d+s\\s+-\\s+pending\\s{2,}.+\\s{2,}-\\s{2,}BeginTime(; expected start \\S+)?$`,
      ),
    );
    const js = JSON.parse((await cli(root, "status", "--json")).stdout);
    expect(js.runs.map((r: { run_id: string }) => r.run_id).sort()).toEqual([quick.runId, stuck.runId].sort());

    const c = await cli(root, "cancel", stuck.runId, "--by", "tester", "--reason", "wrong partition");
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain(`${stuck.runId} (job ${stuck.jobId}): submitted -> failed (cancelled)`);
    await waitForSacct(stuck.jobId); // the scheduler really cancelled it
    const m = manifest(root, "stuck", stuck.runId);
    expect(m.status).toBe("failed");
    expect(m.failure).toMatchObject({ reason: "cancelled", cancelled_by: "tester" });
    expect(m.history!.at(-1)!.evidence).toMatch(/cancelled by tester.*scancel.*wrong partition/);
    expect(ledger(root)).toContain(`run_id=${stuck.runId} | status=failed`);

    const again = await cli(root, "cancel", stuck.runId);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already failed; nothing to cancel");
    expect((await cli(root, "cancel", "20990101T000000Z_000000")).code).toBe(2);
    expect((await cli(root, "monitor", "--run-id", "20990101T000000Z_000000")).code).toBe(2);

    const after = await cli(root, "monitor");
    expect(after.code, after.stderr).toBe(0);
    const metrics = JSON.parse(
      readFileSync(path.join(path.dirname(mfile(root, "stuck", stuck.runId)), "metrics.json"), "utf8"),
    );
    expect(metrics.status).toBe("failed");
    expect(metrics.missing_evidence.join("\n")).toMatch(/cancelled/);
    const st2 = await cli(root, "status", "--run-id", stuck.runId);
    expect(st2.stdout).toContain("failed (cancelled)");

    // A scheduler outage the monitor recorded is shown by status.
    writeFileSync(
      path.join(root, ".autolab/monitor_state.json"),
      JSON.stringify({
        schema_version: "1.0",
        consecutive_failed_ticks: 2,
        last_poll_error: "squeue: exit 1",
        first_failed_at: "2026-11-28T10:00:00Z",
      }),
    );
    const st3 = await cli(root, "status");
    expect(st3.stderr).toMatch(/2 monitor tick\(s\) could not reach the scheduler/);
  });

  it("cancel while slurmctld is down fails (exit 1) and changes nothing; once it is back, cancel works", async () => {
    // Pending on BeginTime: launch's admission check (sbatch --test-only) refuses a request
    // that could never start, so the job waits for a reason that ends.
    const root = newRepo({ stuck: design("stuck", "true", { sbatch_options: ["--begin=now+1hour"] }) });
    const stuck = await launchJson(root, "stuck");
    const before = readFileSync(mfile(root, "stuck", stuck.runId), "utf8");
    const ledgerBefore = ledger(root);
    try {
      await stopDaemon("slurmctld");
      const c = await cli(root, "cancel", stuck.runId);
      expect(c.code).toBe(1);
      expect(c.stderr).toMatch(/scancel of job .* failed; the run was not changed/);
      expect(readFileSync(mfile(root, "stuck", stuck.runId), "utf8")).toBe(before);
      expect(ledger(root)).toBe(ledgerBefore);
    } finally {
      await startCluster();
    }
    const c = await cli(root, "cancel", stuck.runId);
    expect(c.code, c.stderr).toBe(0);
    expect(manifest(root, "stuck", stuck.runId).status).toBe("failed");
  });

  it("autolab run: launch -> slurm_monitor -> update_docs -> the policy's todo fallback stage", async () => {
    const root = newRepo({ loop: design("loop", "true") });
    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(
      path.join(root, ".autolab/state.json"),
      JSON.stringify({ iteration_id: "loop", stage: "launch", stage_attempt: 2, history: [] }, null, 2) + "\n",
    );
    writeFileSync(
      path.join(root, ".autolab/verifier_policy.yaml"),
      "autorun:\n  todo_fallback:\n    slurm:\n      stage: design\n",
    );
    const state = () => JSON.parse(readFileSync(path.join(root, ".autolab/state.json"), "utf8"));

    const s1 = await cli(root, "run", "--json");
    expect(s1.code, s1.stderr).toBe(0);
    const r1 = JSON.parse(s1.stdout);
    expect(r1).toMatchObject({ stage_before: "launch", stage_after: "slurm_monitor", action: "launch" });
    jobs.push(r1.launch.job_id);
    expect(state()).toMatchObject({ stage: "slurm_monitor", stage_attempt: 0, pending_run_id: r1.launch.run_id });

    await waitForSacct(r1.launch.job_id);
    const s2 = await cli(root, "run");
    expect(s2.code, s2.stderr).toBe(0);
    expect(s2.stdout).toMatch(/^stage slurm_monitor -> update_docs: .*submitted -> completed/);
    expect(manifest(root, "loop", r1.launch.run_id).status).toBe("completed");

    const dry = await cli(root, "run", "--dry-run");
    expect(dry.stdout).toContain("would fall back to design");
    expect(state().stage).toBe("update_docs");

    const s3 = await cli(root, "run");
    expect(s3.code, s3.stderr).toBe(0);
    expect(s3.stdout).toBe(
      "stage update_docs -> design: nothing left to do in SLURM mode: stage update_docs -> design\n",
    );
    const st = state();
    expect(st.stage).toBe("design");
    expect(st.stage_attempt).toBe(0);
    expect(
      st.history.map((h: { stage_before: string; stage_after: string }) => `${h.stage_before}->${h.stage_after}`),
    ).toEqual([
      "launch->slurm_monitor",
      "slurm_monitor->extract_results",
      "extract_results->update_docs",
      "update_docs->design",
    ]);

    const s4 = await cli(root, "run");
    expect(s4.code).toBe(0);
    expect(s4.stdout).toContain("worked on by a person or an agent");
    expect(state().stage).toBe("design");
  });
});
