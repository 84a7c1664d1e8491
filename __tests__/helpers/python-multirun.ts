/**
 * A repository as the Python autolab tool leaves a multi-run launch
 * (`replicates: {count: N}`), built by hand: there is no multi-run sample in
 * /work/shared/autolab-1.0-samples/, so the single-run formats there
 * (run_manifest.completed.json, slurm_job_list.md) are followed for each
 * replicate, and the layout is that tool's: a group manifest at the base run
 * id `<B>` (the first replicate's job id), replicates `<B>_r1..<B>_rN` each
 * with its own manifest (and metrics once extracted), their ids in
 * `.autolab/state.json` `run_group`, the aggregated metrics at `runs/<B>/`
 * with `per_run_metrics` and `aggregation_method`, one ledger line per run.
 */
import type { RunManifest } from "../../src/contract/types.js";

export const PY_BASE = "20261128T151432Z_093977";
export const PY_ITERATION = "iter_py";
export const PY_IT_PATH = `experiments/in_progress/${PY_ITERATION}`;
/** The top-level keys that tool's metrics schema allows (additionalProperties: false), an aggregate uses all. */
export const PY_AGGREGATE_KEYS = [
  "schema_version",
  "iteration_id",
  "run_id",
  "status",
  "primary_metric",
  "aggregation_method",
  "per_run_metrics",
] as const;
export const pyReplicates = (n: number): string[] => Array.from({ length: n }, (_, k) => `${PY_BASE}_r${k + 1}`);

/** A manifest in the Python tool's single-run form (run_manifest.completed.json), submitted or completed. */
export function pyManifest(runId: string, jobId: string, status: "submitted" | "completed"): RunManifest {
  const done = status === "completed";
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: PY_ITERATION,
    launch_mode: "slurm",
    host_mode: "slurm",
    command: "sbatch launch/run_slurm.sbatch",
    resource_request: {
      cpus: 1,
      memory: "1GB",
      gpu_count: 0,
      partition: "short",
      job_id: jobId,
      slurm: { job_id: jobId },
    },
    status,
    artifact_sync_to_local: { status: done ? "completed" : "pending" },
    timestamps: { started_at: "2026-11-28T15:14:32Z", ...(done ? { completed_at: "2026-11-28T15:14:55Z" } : {}) },
    started_at: "2026-11-28T15:14:32Z",
    job_id: jobId,
    slurm: { job_id: jobId },
    workspace_revision: { label: "", source: "git_tag", dirty: true },
    ...(done ? { completed_at: "2026-11-28T15:14:55Z" } : {}),
  };
}

export const pyMetrics = (runId: string, value: number, baseline = 0.8) => ({
  schema_version: "1.0",
  iteration_id: PY_ITERATION,
  run_id: runId,
  status: "completed",
  primary_metric: { name: "accuracy", value, delta_vs_baseline: Number((value - baseline).toFixed(6)) },
});

/** The Python tool's design of the iteration (its `metrics.primary` and `replicates` forms). */
export function pyDesign(n: number): string {
  return [
    'schema_version: "1.0"',
    "id: d1",
    `iteration_id: ${PY_ITERATION}`,
    "hypothesis_id: h1",
    "entrypoint:",
    "  module: train",
    "  args: {}",
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:05:00"',
    "  memory_estimate: 64M",
    "  gpu_count: 0",
    "  partition: short",
    "metrics:",
    "  primary:",
    "    name: accuracy",
    "    unit: fraction",
    "    mode: maximize",
    "  secondary: []",
    '  success_delta: "+0.01"',
    "  aggregation: mean",
    '  baseline_comparison: "vs b0"',
    "baselines:",
    "  - name: b0",
    "    description: the baseline",
    "implementation_requirements: []",
    "extract_parser:",
    "  kind: command",
    '  command: "cat {run_dir}/result.json"',
    "replicates:",
    `  count: ${n}`,
    "  seed_strategy: increment",
    "",
  ].join("\n");
}

/**
 * The repository's files: `jobs[k]` is replicate k+1's job id; `done` writes
 * it as the Python tool leaves it after extraction (metrics per replicate and
 * aggregated at the base), else as just launched (state in slurm_monitor).
 */
export function pyMultiRunFiles(jobs: string[], o: { done?: number[] } = {}): Record<string, string> {
  const reps = pyReplicates(jobs.length);
  const status = o.done ? "completed" : "submitted";
  const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
  const files: Record<string, string> = {
    [`${PY_IT_PATH}/design.yaml`]: pyDesign(jobs.length),
    [`${PY_IT_PATH}/runs/${PY_BASE}/run_manifest.json`]: json(pyManifest(PY_BASE, jobs[0], status)),
    ".autolab/state.json": json({
      iteration_id: PY_ITERATION,
      stage: o.done ? "extract_results" : "slurm_monitor",
      stage_attempt: 0,
      last_run_id: o.done ? PY_BASE : "",
      pending_run_id: o.done ? "" : PY_BASE,
      sync_status: o.done ? "completed" : "pending",
      run_group: reps,
      max_stage_attempts: 3,
      max_total_iterations: 20,
      history: [],
    }),
    "docs/slurm_job_list.md":
      [
        ...reps.map(
          (id, k) =>
            `- 2026-11-28 | job_id=${jobs[k]} | iteration_id=${PY_ITERATION} | run_id=${id} | status=${status}`,
        ),
        `- 2026-11-28 | job_id=${jobs[0]} | iteration_id=${PY_ITERATION} | run_id=${PY_BASE} | status=${status}`,
      ].join("\n") + "\n",
  };
  files[`${PY_IT_PATH}/launch/run_slurm.sbatch`] =
    "#!/bin/bash\n#SBATCH --partition=short\n#SBATCH --time=00:05:00\n#SBATCH --mem=64M\npython -m train\n";
  // That tool makes every run's logs/ at launch (the base's holds launch.group.log); its sync brings the job logs.
  files[`${PY_IT_PATH}/runs/${PY_BASE}/logs/launch.group.log`] =
    `2026-11-28T15:14:32Z grouped manifest for run_id=${PY_BASE} derived from first replicate run_id=${reps[0]}\n`;
  reps.forEach((id, k) => {
    files[`${PY_IT_PATH}/runs/${id}/run_manifest.json`] = json(pyManifest(id, jobs[k], status));
    if (o.done) files[`${PY_IT_PATH}/runs/${id}/logs/slurm-${jobs[k]}.out`] = "done\n";
    if (o.done) files[`${PY_IT_PATH}/runs/${id}/metrics.json`] = json(pyMetrics(id, o.done[k]));
  });
  if (o.done) {
    const mean = o.done.reduce((a, b) => a + b, 0) / o.done.length;
    files[`${PY_IT_PATH}/runs/${PY_BASE}/metrics.json`] = json({
      ...pyMetrics(PY_BASE, mean),
      aggregation_method: "mean",
      per_run_metrics: reps.map((id, k) => ({ run_id: id, primary_metric: pyMetrics(id, o.done![k]).primary_metric })),
    });
  }
  return files;
}
