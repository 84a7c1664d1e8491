/**
 * The pending watchdog on the real dev cluster: a held job (sbatch --hold,
 * reason JobHeldUser: someone may release it) is left waiting with a warning
 * and no churn, until `slurm.monitor.max_pending`, after which the monitor
 * cancels it and fails the run with `pending_timeout`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import {
  realScheduler,
  requireCluster,
  scancel,
  slurmOnPath,
  waitForSacctRow,
  waitForState,
} from "../helpers/cluster.js";

const MAX_PENDING = 6;

describe.skipIf(!slurmOnPath("__tests__/pending.test.ts"))("pending watchdog", () => {
  let root: string;
  const jobs: string[] = [];
  beforeAll(() => {
    requireCluster();
    root = mkdtempSync(path.join(tmpdir(), "autolab-pending-"));
    const it = path.join(root, "experiments", "in_progress", "held");
    mkdirSync(it, { recursive: true });
    writeFileSync(
      path.join(it, "design.yaml"),
      YAML.stringify({
        id: "held",
        iteration_id: "held",
        compute: { location: "slurm", walltime_estimate: "00:05:00", partition: "debug", sbatch_options: ["--hold"] },
        entrypoint: { cli: "true" },
      }),
    );
    mkdirSync(path.join(root, ".autolab"), { recursive: true });
    writeFileSync(
      path.join(root, ".autolab", "verifier_policy.yaml"),
      YAML.stringify({ slurm: { monitor: { max_pending: MAX_PENDING } } }),
    );
  });
  afterAll(() => {
    for (const id of jobs) void scancel(id).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  const tick = () => monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
  const manifest = (runId: string) =>
    JSON.parse(
      readFileSync(path.join(root, "experiments/in_progress/held/runs", runId, "run_manifest.json"), "utf8"),
    ) as RunManifest;

  it("a held job waits (warning, no churn) until max_pending, then is cancelled and the run failed pending_timeout", async () => {
    const r = await launch({ scheduler: realScheduler(), cwd: root, design: "held", commit: false });
    expect(r.status).toBe("submitted");
    const jobId = r.jobId!;
    jobs.push(jobId);
    // Both ticks must see the same scheduler answer: a tick that ran before slurmdbd recorded
    // the new job read it from squeue alone, and the next one (with the sacct row) rightly
    // recorded the new source — a race in the setup, not churn (CI saw exactly that).
    await waitForSacctRow(jobId);
    const launchedAt = Date.parse(manifest(r.runId).timestamps.started_at);
    const rep = await tick();
    if (Date.now() - launchedAt < MAX_PENDING * 1000 - 1000) {
      // Still within max_pending: waiting, with the hold named; a second tick writes nothing.
      expect(manifest(r.runId).status).toBe("submitted");
      expect(manifest(r.runId).slurm?.reason).toBe("JobHeldUser");
      expect(rep.findings.some((f) => f.check === "scheduler.never_starts" && f.message.includes(jobId))).toBe(true);
      const again = await tick();
      if (Date.now() - launchedAt < MAX_PENDING * 1000 - 1000) expect(again.written).toEqual([]);
    }
    while (Date.now() - launchedAt <= MAX_PENDING * 1000 + 1000) await new Promise((res) => setTimeout(res, 250));
    await tick();
    const m = manifest(r.runId);
    expect(m.status).toBe("failed");
    expect(m.slurm?.failure_reason).toBe("pending_timeout");
    expect(m.failure).toMatchObject({ reason: "pending_timeout", pending_reason: "JobHeldUser" });
    expect(await waitForState(jobId, (st) => st !== "PENDING")).toBe("CANCELLED");
  }, 120_000);
});
