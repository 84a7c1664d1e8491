/**
 * Issue 10, item 9, at the command level: a repository as the Python autolab
 * tool left it (its real manifest and ledger from ../shared/autolab-1.0-samples/,
 * copied into the fixtures), one monitor tick, no cluster (the run is
 * `completed` for that tool, so the scheduler is not asked).
 *
 * (b) Its `completed` with the sync still `pending` is synced next, then
 *     extracted; its policy's shell templates are reported at their line.
 * (c) Its metrics are the parser's (`completed`), not `partial` for want of a
 *     sentinel its job scripts never write.
 * (d) Its ledger line follows the manifest by its own bullet rules.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { monitor } from "../../src/commands/monitor/index.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";

const FIX = path.join(import.meta.dirname, "../fixtures/autolab-1.0");
const RUN = "20261128T151432Z_093977";

describe("a repository the Python autolab tool made", () => {
  it("completed + sync pending: synced, then extracted (metrics completed); the ledger line follows; templates reported", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "autolab-python-repo-"));
    const it = path.join(root, "experiments/in_progress/bootstrap_iteration");
    const run = path.join(it, "runs", RUN);
    mkdirSync(run, { recursive: true });
    mkdirSync(path.join(root, "docs"), { recursive: true });
    mkdirSync(path.join(root, ".autolab"), { recursive: true });
    writeFileSync(
      path.join(it, "design.yaml"),
      [
        "id: bootstrap_iteration",
        "iteration_id: bootstrap_iteration",
        "compute:",
        "  location: slurm",
        "  partition: debug",
        "entrypoint:",
        "  cli: python train.py",
        "artifact_sync:",
        "  mode: shared",
        "  outputs: [result.json]",
        "extract_parser:",
        "  kind: command",
        "  command: cat {run_dir}/result.json",
        "",
      ].join("\n"),
    );
    const sample = JSON.parse(readFileSync(path.join(FIX, "run_manifest.completed.json"), "utf8"));
    sample.artifact_sync_to_local = { status: "pending" };
    writeFileSync(path.join(run, "run_manifest.json"), JSON.stringify(sample, null, 2) + "\n");
    writeFileSync(path.join(run, "result.json"), '{"primary_metric": {"name": "acc", "value": 0.9}}\n');
    writeFileSync(path.join(root, "docs/slurm_job_list.md"), readFileSync(path.join(FIX, "slurm_job_list.md")));
    writeFileSync(
      path.join(root, ".autolab/verifier_policy.yaml"),
      "slurm:\n  monitor:\n    poll_command_template: 'squeue -j {job_id}'\n    sync_command_template: 'rsync -a {remote}/ {local}/'\n",
    );

    const rep = await monitor({ scheduler: slurmCli(), cwd: root, commit: false });

    const m = JSON.parse(readFileSync(path.join(run, "run_manifest.json"), "utf8"));
    expect(m.status).toBe("completed");
    expect(m.artifact_sync_to_local.status).toBe("ok");
    const metrics = JSON.parse(readFileSync(path.join(run, "metrics.json"), "utf8"));
    expect(metrics.status).toBe("completed");
    expect(metrics.primary_metric).toMatchObject({ name: "acc", value: 0.9 });
    expect(metrics.missing_evidence).toEqual([]);

    const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8").split("\n");
    expect(ledger[0]).toBe(
      `- 2026-11-28 | job_id=4242 | iteration_id=bootstrap_iteration | run_id=${RUN} | status=completed`,
    );
    // The other run's line (no manifest here) is left alone.
    expect(ledger[1]).toContain("job_id=4243");

    const templates = rep.findings.filter((f) => f.check === "policy.python_template");
    expect(templates.map((f) => [f.jsonPath, f.line])).toEqual([
      ["/slurm/monitor/poll_command_template", 3],
      ["/slurm/monitor/sync_command_template", 4],
    ]);
    expect(templates[0].message).toMatch(/is not run/);
  });

  it("a finished run of that tool keeps its own ledger line over ticks (its job-id precedence, its local launch date)", async () => {
    // A finished run is read in the tick's trimmed view; that view must keep what the
    // Python tool's bullet rules read (slurm.job_id first, the date prefix of an offset
    // timestamp), or the tick rewrites the line by our rules and verify then disagrees.
    const root = mkdtempSync(path.join(tmpdir(), "autolab-python-finished-"));
    const it = path.join(root, "experiments/in_progress/bootstrap_iteration");
    const run = path.join(it, "runs", RUN);
    mkdirSync(run, { recursive: true });
    mkdirSync(path.join(root, "docs"), { recursive: true });
    writeFileSync(
      path.join(it, "design.yaml"),
      "id: bootstrap_iteration\niteration_id: bootstrap_iteration\ncompute:\n  location: slurm\nentrypoint:\n  cli: python train.py\n",
    );
    const sample = JSON.parse(readFileSync(path.join(FIX, "run_manifest.completed.json"), "utf8"));
    sample.artifact_sync_to_local = { status: "ok" };
    sample.job_id = "9999"; // ours would take this one first
    sample.slurm = { ...sample.slurm, job_id: "4242" };
    sample.started_at = "2026-11-28T23:30:00-05:00"; // 2026-11-29 in UTC
    writeFileSync(path.join(run, "run_manifest.json"), JSON.stringify(sample, null, 2) + "\n");
    writeFileSync(
      path.join(run, "metrics.json"),
      JSON.stringify({ schema_version: "1.0", status: "completed", primary_metric: { name: "acc", value: 0.9 } }) +
        "\n",
    );
    const line = `- 2026-11-28 | job_id=4242 | iteration_id=bootstrap_iteration | run_id=${RUN} | status=completed`;
    writeFileSync(path.join(root, "docs/slurm_job_list.md"), line + "\n");

    for (let tick = 1; tick <= 2; tick++) {
      const rep = await monitor({ scheduler: slurmCli(), cwd: root, commit: false });
      expect(
        rep.findings.filter((f) => f.check.startsWith("ledger.")),
        `tick ${tick}`,
      ).toEqual([]);
      expect(readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8"), `tick ${tick}`).toBe(line + "\n");
    }
  });
});
