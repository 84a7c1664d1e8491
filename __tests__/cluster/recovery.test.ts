/**
 * Issue 10, item 10: the Python autolab tool's "Common Failure Recovery"
 * recipes, followed literally on the real dev cluster (the cookbook is in that
 * tool's docs only; the recipes are the ones issue 10 lists):
 * - "fix the sbatch script and re-run": a hand edit of launch/run_slurm.sbatch
 *   is never dropped silently: the launch is refused, says exactly where the
 *   fix goes, and submits nothing; with the fix in design.yaml it launches;
 * - "if failed, set status failed": the monitor accepts it as written (records
 *   completed_at, a history entry and a `manual` failure), and verify then
 *   passes status.completed_at; before that tick verify's hint says exactly
 *   what to run or add.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { AutolabError } from "../../src/util/errors.js";
import { runVerify } from "../../src/verify/index.js";
import { realScheduler, requireCluster, scancel, slurmOnPath } from "../helpers/cluster.js";

const onCluster = slurmOnPath("__tests__/cluster/recovery.test.ts");
const IT = "experiments/in_progress/rec";

function design(cli: string): string {
  return YAML.stringify({
    id: "rec",
    iteration_id: "rec",
    compute: { location: "slurm", walltime_estimate: "00:05:00", partition: "debug" },
    entrypoint: { cli },
  });
}

describe.skipIf(!onCluster)("the cookbook's recovery recipes, as written", () => {
  let root: string;
  const jobs: string[] = [];
  beforeAll(() => {
    requireCluster();
    root = mkdtempSync(path.join(tmpdir(), "autolab-recovery-"));
    mkdirSync(path.join(root, IT), { recursive: true });
    writeFileSync(path.join(root, IT, "design.yaml"), design("sleep 300"));
  });
  afterAll(async () => {
    for (const j of jobs) await scancel(j).catch(() => undefined);
  });

  it('"fix the sbatch script and re-run": refused with where the fix goes; nothing submitted; the design fix launches', async () => {
    const first = await launch({ scheduler: realScheduler(), cwd: root, design: "rec", commit: false });
    expect(first.status).toBe("submitted");
    jobs.push(first.jobId!);
    const script = path.join(root, IT, "launch/run_slurm.sbatch");
    writeFileSync(script, readFileSync(script, "utf8").replace("sleep 300", "sleep 1"));
    const runsBefore = readdirSync(path.join(root, IT, "runs")).sort();

    let err: unknown;
    try {
      await launch({ scheduler: realScheduler(), cwd: root, design: "rec", commit: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AutolabError);
    const e = err as AutolabError;
    expect(e.message).toContain(`${IT}/launch/run_slurm.sbatch was edited by hand`);
    expect(e.message).toContain(`run ${first.runId}`);
    expect(e.hint).toContain("runtime.setup");
    expect(e.hint).toContain(`git checkout -- ${IT}/launch/run_slurm.sbatch`);
    expect(readdirSync(path.join(root, IT, "runs")).sort()).toEqual(runsBefore);
    expect(readFileSync(script, "utf8")).toContain("sleep 1"); // the hand fix is still there

    // As the hint says: the fix into design.yaml, the edited copy discarded, launch again.
    writeFileSync(path.join(root, IT, "design.yaml"), design("sleep 1"));
    writeFileSync(script, readFileSync(path.join(root, IT, "runs", first.runId, "run_slurm.sbatch")));
    const second = await launch({ scheduler: realScheduler(), cwd: root, design: "rec", commit: false });
    expect(second.status).toBe("submitted");
    jobs.push(second.jobId!);
    expect(readFileSync(path.join(root, IT, "runs", second.runId, "run_slurm.sbatch"), "utf8")).toContain("sleep 1");
  }, 120_000);

  it('"if failed, set status failed": accepted as written; the monitor records completed_at', async () => {
    const r = await launch({
      scheduler: realScheduler(),
      cwd: root,
      design: "rec",
      commit: false,
      runId: "20261203T000000Z_aaaaaa",
    });
    jobs.push(r.jobId!);
    await scancel(r.jobId!);
    const file = path.join(root, IT, "runs", r.runId, "run_manifest.json");
    const m = JSON.parse(readFileSync(file, "utf8")) as RunManifest;
    m.status = "failed"; // the recipe, literally
    writeFileSync(file, JSON.stringify(m, null, 2) + "\n");

    const before = await runVerify({ repoRoot: root, stage: "slurm_monitor", runId: r.runId });
    const f = before.findings.find((x) => x.check === "status.completed_at");
    expect(f?.hint).toContain(`autolab monitor --run-id ${r.runId}`);
    expect(f?.hint).toContain('"completed_at"');

    await monitor({ scheduler: realScheduler(), cwd: root, commit: false, runId: r.runId });
    const after = JSON.parse(readFileSync(file, "utf8")) as RunManifest;
    expect(after.status).toBe("failed");
    expect(after.timestamps.completed_at).toBeTruthy();
    expect(after.completed_at).toBe(after.timestamps.completed_at);
    expect(after.history!.at(-1)).toMatchObject({ to: "failed", evidence: expect.stringContaining("by hand") });
    expect(after.failure).toMatchObject({ reason: "manual" });
    expect(existsSync(path.join(root, IT, "runs", r.runId, "metrics.json"))).toBe(true);
    const verified = await runVerify({ repoRoot: root, stage: "slurm_monitor", runId: r.runId });
    expect(verified.findings.filter((x) => x.check === "status.completed_at")).toEqual([]);
  }, 120_000);
});
