/**
 * Types of the files in the run contract (schema_version "1.0"). The JSON
 * Schemas in `schemas/` are the authority; these types describe what the code
 * reads and writes. Every object allows extra keys.
 */
import type { HostMode, MetricsStatus, RunStatus } from "./vocabulary.js";

export interface TransitionRecord {
  from: RunStatus | null;
  to: RunStatus;
  at: string;
  /** What the decision rested on, e.g. `sacct State=COMPLETED ExitCode=0:0; sentinel exit=0`. */
  evidence: string;
}

export interface SlurmRecord {
  job_id?: string;
  cluster?: string;
  job_name?: string;
  state?: string;
  reason?: string;
  exit_code?: string;
  nodes?: string;
  restarts?: number;
  start?: string;
  end?: string;
  elapsed?: string;
  failure_reason?: string;
  cancelled_by?: string;
  submit_error?: string;
  last_poll_at?: string;
  last_poll_error?: string;
  consecutive_poll_failures?: number;
  unknown_since?: string;
  /** The runner's variables passed to sbatch (policy `slurm.submit.pass_env`), name -> value. */
  passed_env?: Record<string, string>;
  [k: string]: unknown;
}

export interface RunManifest {
  schema_version: "1.0";
  run_id: string;
  iteration_id: string;
  launch_mode?: string;
  host_mode: HostMode;
  command: string;
  resource_request: Record<string, unknown>;
  status?: RunStatus;
  artifact_sync_to_local: { status?: string; [k: string]: unknown };
  timestamps: { started_at: string; completed_at?: string; [k: string]: unknown };
  started_at?: string;
  completed_at?: string;
  job_id?: string;
  slurm?: SlurmRecord;
  history?: TransitionRecord[];
  [k: string]: unknown;
}

export interface DesignCompute {
  location: HostMode;
  walltime_estimate?: string;
  memory_estimate?: string;
  gpu_count?: number;
  gpu_type?: string;
  partition?: string;
  qos?: string;
  num_nodes?: number;
  /** A named cluster of a multi-cluster site (sbatch --clusters). */
  cluster?: string;
  [k: string]: unknown;
}

export interface Design {
  id?: string;
  iteration_id?: string;
  compute: DesignCompute;
  entrypoint?: { module?: string; args?: Record<string, unknown>; cli?: string };
  extract_parser?: {
    kind?: "python" | "command";
    module?: string;
    callable?: string;
    command?: string;
    [k: string]: unknown;
  };
  /** A whole number, or the Python tool's `{count, seed_strategy, base_seed}` (domain/sweep.replicateCount). */
  replicates?: number | { count: number; seed_strategy?: string; base_seed?: number | null };
  [k: string]: unknown;
}

export interface Metrics {
  schema_version: string;
  iteration_id: string;
  run_id: string;
  status: MetricsStatus;
  primary_metric: { name: string; value: number | null; delta_vs_baseline: number | null; [k: string]: unknown };
  [k: string]: unknown;
}

export interface AutolabState {
  iteration_id: string;
  stage: string;
  stage_attempt: number;
  last_run_id?: string;
  sync_status?: string;
  max_stage_attempts?: number;
  max_total_iterations?: number;
  pending_run_id?: string;
  history?: Array<Record<string, unknown>>;
  [k: string]: unknown;
}
