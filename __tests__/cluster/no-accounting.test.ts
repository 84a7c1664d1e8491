/**
 * Issue 10, item 4, on the real dev cluster without accounting: the cluster is
 * switched into `scripts/dev-cluster.sh start --no-accounting`
 * (AccountingStorageType=none, MinJobAge=2; only slurmctld restarts) in
 * beforeAll and back into its standard mode in afterAll.
 *
 * This file changes the cluster's configuration: run it alone, under the
 * exclusive lock (`flock -x /tmp/autolab-cluster.lock npx vitest run
 * __tests__/cluster/no-accounting.test.ts`); CI runs cluster files serially.
 *
 * With accounting off, sacct answers "accounting storage is disabled" and the
 * controller forgets a finished job shortly after it ends. A tick after that
 * finds no source that knows the job. Shown here:
 * - a job that ended exit 0 with a complete sentinel (job id, end, exit code)
 *   is completed from that evidence, not failed after the grace;
 * - a job whose script was killed before it could record its end (only the
 *   start-of-job sentinel, `ended_at` empty) is not completed: unknown, with a
 *   warning, and failed as unknown_job only after the grace.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { doctor } from "../../src/commands/doctor.js";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { DEV_CLUSTER_SCRIPT, realScheduler, requireCluster, slurmOnPath } from "../helpers/cluster.js";

const onCluster = slurmOnPath("__tests__/cluster/no-accounting.test.ts");

function devCluster(...args: string[]): void {
  const r = spawnSync("bash", [DEV_CLUSTER_SCRIPT, ...args], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`dev-cluster.sh ${args.join(" ")} failed: ${r.stderr}\n${r.stdout}`);
}

function sh(cmd: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Until the controller no longer lists the job (it has to run first, on a
 * node other tests share; then MinJobAge + the controller's purge interval).
 */
async function waitForgotten(jobId: string): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const r = sh("squeue", ["-h", "--states=all", "-o", "%i", `--jobs=${jobId}`]);
    if (!r.out.split("\n").some((l) => l.trim() === jobId)) return;
    await sleep(2000);
  }
  throw new Error(`the controller still lists job ${jobId}`);
}

function manifestOf(root: string, it: string, runId: string): RunManifest {
  return JSON.parse(
    readFileSync(path.join(root, "experiments/in_progress", it, "runs", runId, "run_manifest.json"), "utf8"),
  ) as RunManifest;
}

describe.skipIf(!onCluster)("accounting off: the sentinel decides a job the controller forgot", () => {
  let root: string;
  beforeAll(() => {
    requireCluster();
    devCluster("start", "--no-accounting");
    root = mkdtempSync(path.join(tmpdir(), "autolab-noacct-"));
    const design = (id: string, cli: string, setup: string[] = []) =>
      YAML.stringify({
        id,
        iteration_id: id,
        compute: { location: "slurm", walltime_estimate: "00:05:00", partition: "debug" },
        ...(setup.length ? { runtime: { setup } } : {}),
        entrypoint: { cli },
        artifact_sync: { mode: "shared", outputs: ["result.json"] },
        extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
      });
    const iterations: Record<string, string> = {
      ok: design("ok", `echo '{"primary_metric": {"name": "acc", "value": 0.5}}' > "$AUTOLAB_RUN_DIR/result.json"`),
      // The batch shell is killed before the command: the sentinel keeps ended_at empty.
      killed: design("killed", "true", ["kill -KILL $$"]),
    };
    for (const [id, text] of Object.entries(iterations)) {
      mkdirSync(path.join(root, "experiments/in_progress", id), { recursive: true });
      writeFileSync(path.join(root, "experiments/in_progress", id, "design.yaml"), text);
    }
  }, 300_000);
  afterAll(() => {
    devCluster("start"); // the standard mode (accounting on, MinJobAge=300)
  }, 300_000);

  it("doctor on this real cluster warns that MinJobAge is shorter than the monitor's interval", async () => {
    // The probe's own path (scontrol show config parsed, sacct's 'disabled' classified), not a
    // hand-made probe object as in unit/probe-checks.test.ts.
    const r = await doctor(root, { scheduler: realScheduler(), timeoutMs: 30_000 });
    const acct = r.checks.find((c) => c.name === "min_job_age");
    expect(acct, JSON.stringify(r.checks, null, 1)).toMatchObject({ level: "warn" });
    expect(acct!.detail).toMatch(/MinJobAge=2 s after it ends, sooner than the monitor's \d+ s interval/);
  });

  it("exit 0 with a complete sentinel -> completed; killed without an end -> not completed", async () => {
    const ok = await launch({ scheduler: realScheduler(), cwd: root, design: "ok", commit: false });
    const killed = await launch({ scheduler: realScheduler(), cwd: root, design: "killed", commit: false });
    expect(ok.status).toBe("submitted");
    expect(killed.status).toBe("submitted");
    // Ahead of other queued jobs of this user (the node is shared with other test files).
    sh("scontrol", ["top", `${ok.jobId},${killed.jobId}`]);
    await waitForgotten(ok.jobId!);
    await waitForgotten(killed.jobId!);

    // What SLURM says now: accounting is disabled, and nobody lists either job.
    const sacct = sh("sacct", ["-n", "-P", `--jobs=${ok.jobId}`]);
    expect(sacct.code).not.toBe(0);
    expect(sacct.err).toMatch(/accounting storage is disabled/i);
    expect(sh("squeue", ["-h", "--states=all", `--jobs=${ok.jobId},${killed.jobId}`]).out.trim()).toBe("");

    const rep = await monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
    expect(rep.scheduler.accounting).toBe("disabled");

    const m = manifestOf(root, "ok", ok.runId);
    expect(m.status).toBe("completed");
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    expect(m.history!.find((h) => h.to === "running")!.evidence).toContain(`no longer knows job ${ok.jobId}`);
    const metrics = JSON.parse(
      readFileSync(path.join(root, "experiments/in_progress/ok/runs", ok.runId, "metrics.json"), "utf8"),
    );
    expect(metrics.primary_metric).toMatchObject({ name: "acc", value: 0.5 });

    const k = manifestOf(root, "killed", killed.runId);
    expect(k.status).toBe("submitted");
    expect(k.slurm?.unknown_since).toBeTruthy();
    expect(
      rep.findings.some((f) => f.check === "scheduler.unknown_job" && f.message.includes(String(killed.jobId))),
    ).toBe(true);
  }, 900_000);
});
