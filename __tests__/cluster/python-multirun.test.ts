/**
 * A repository the Python autolab tool left mid-flight with a multi-run
 * launch (hand-built, __tests__/helpers/python-multirun.ts: no such sample
 * exists), its three replicates real jobs on the dev cluster: the monitor
 * asks the scheduler about the replicates only (the base run is the group
 * manifest, not a job), follows each to its end, writes the aggregated
 * metrics at the base run in that tool's form and moves the base run to the
 * group's status; status groups the replicates; verify accepts it.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { monitor } from "../../src/commands/monitor/index.js";
import { clusterUp, realScheduler, sbatchRaw, waitForSacct } from "../helpers/cluster.js";
import { git, makeRepo, runCli } from "../helpers/repo.js";
import { PY_BASE, PY_IT_PATH, pyMultiRunFiles, pyReplicates, PY_AGGREGATE_KEYS } from "../helpers/python-multirun.js";

const up = clusterUp();

describe.skipIf(!up)("a Python-tool multi-run repository on the real cluster", () => {
  it("monitor follows the replicates, aggregates at the base run, and status and verify accept it", async () => {
    const reps = pyReplicates(3);
    const values = [0.81, 0.85, 0.83];
    // The repository first (its run dirs), then the jobs that write into them, then their ids in the files.
    const { root } = await makeRepo({ files: pyMultiRunFiles(["1", "2", "3"]), commit: false });
    const jobs: string[] = [];
    for (const [k, id] of reps.entries()) {
      const runDir = path.join(root, PY_IT_PATH, "runs", id);
      mkdirSync(path.join(runDir, "logs"), { recursive: true }); // that tool makes logs/ before it submits
      jobs.push(
        await sbatchRaw(
          [
            "-p",
            "short",
            "-t",
            "2",
            "--mem=64M",
            `--output=${runDir}/logs/slurm-%j.out`,
            "--wrap",
            `echo '{"primary_metric": {"name": "accuracy", "value": ${values[k]}, "delta_vs_baseline": null}}' > ${runDir}/result.json`,
          ],
          { cwd: root },
        ),
      );
    }
    for (const [rel, text] of Object.entries(pyMultiRunFiles(jobs)))
      await import("node:fs/promises").then((fs) => fs.writeFile(path.join(root, rel), text));
    await git(root, "add", "-A", ":!**/result.json", ":!**/logs/slurm-*.out");
    await git(root, "commit", "-qm", "python autolab: launch of 3 replicates");
    for (const j of jobs) await waitForSacct(j, 90_000);

    const first = await monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false });
    expect(first.inFlight).toBe(3); // the replicates; never the base run (its job id is replicate 1's)
    expect(first.runs.map((r) => r.runId).sort()).toEqual(reps);
    for (let i = 0; i < 5; i++) {
      const m = JSON.parse(readFileSync(path.join(root, PY_IT_PATH, "runs", PY_BASE, "run_manifest.json"), "utf8"));
      if (m.status === "completed") break;
      await monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false });
    }
    for (const id of reps) {
      const m = JSON.parse(readFileSync(path.join(root, PY_IT_PATH, "runs", id, "run_manifest.json"), "utf8"));
      expect(m.status, id).toBe("completed");
    }
    const base = JSON.parse(readFileSync(path.join(root, PY_IT_PATH, "runs", PY_BASE, "run_manifest.json"), "utf8"));
    expect(base.status).toBe("completed");
    // Aggregated metrics at the base run in the Python tool's form (its schema's keys only).
    const agg = JSON.parse(readFileSync(path.join(root, PY_IT_PATH, "runs", PY_BASE, "metrics.json"), "utf8"));
    expect(Object.keys(agg).sort()).toEqual([...PY_AGGREGATE_KEYS].sort());
    expect(agg).toMatchObject({ run_id: PY_BASE, status: "completed", aggregation_method: "mean" });
    expect(agg.primary_metric.name).toBe("accuracy");
    expect(agg.primary_metric.value).toBeCloseTo(0.83, 10);
    expect(agg.per_run_metrics.map((p: { run_id: string }) => p.run_id)).toEqual(reps);
    expect(agg.per_run_metrics.map((p: { primary_metric: { value: number } }) => p.primary_metric.value)).toEqual(
      values,
    );
    // Per-replicate metrics in each run; the base's ledger line follows its manifest.
    for (const id of reps)
      expect(JSON.parse(readFileSync(path.join(root, PY_IT_PATH, "runs", id, "metrics.json"), "utf8")).run_id).toBe(id);
    const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
    expect(ledger).toContain(`| job_id=${jobs[0]} | iteration_id=iter_py | run_id=${PY_BASE} | status=completed`);
    const summary = readFileSync(path.join(root, PY_IT_PATH, "analysis/summary.md"), "utf8");
    expect(summary).toContain(`## Sweep ${PY_BASE}`);
    expect(summary).toContain("| **3 replicate(s)** | 0.83 ± 0.02 | 3 | 0 |");
    expect(await git(root, "status", "--porcelain", "--", PY_IT_PATH + "/runs/" + PY_BASE)).toBe("");

    const st = await runCli(root, ["status", "--json"]);
    expect(JSON.parse(st.stdout).sweeps).toEqual([
      { sweep_id: PY_BASE, iteration_id: "iter_py", tasks: 3, counts: { completed: 3 }, failed_runs: [] },
    ]);
    for (const stage of ["launch", "slurm_monitor", "extract_results"]) {
      const v = await runCli(root, ["verify", "--stage", stage, "--json"]);
      const out = JSON.parse(v.stdout) as { findings: Array<{ severity: string; message: string }> };
      expect(
        out.findings.filter((f) => f.severity === "error").map((f) => f.message),
        stage,
      ).toEqual([]);
    }
  }, 240_000);
});
