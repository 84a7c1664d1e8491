/**
 * Types of our design.yaml extensions (see docs/ARCHITECTURE.md "design.yaml:
 * where our extensions live"). `types.ts` describes the autolab 1.0 keys;
 * `DesignExt` adds ours on top. The schema in schemas/design.schema.json is
 * the authority on formats and limits.
 */
import type { Design, DesignCompute } from "./types.js";

export interface DesignComputeExt extends DesignCompute {
  cpus_per_task?: number;
  account?: string;
  constraint?: string;
  /** Extra sbatch long options, one per item (`--name` or `--name=value`). */
  sbatch_options?: string[];
  /** `USR1@120`: signal the workload 120 s before the time limit (it checkpoints and exits). */
  checkpoint_signal?: string;
  /** Sweeps: the most tasks running at once (SLURM's `--array=...%N`). */
  max_concurrent?: number;
  /** How many times the monitor resubmits the run (domain/resubmit.ts). Default 0. */
  max_restarts?: number;
  /** Why an attempt may end and the run still be resubmitted. */
  resubmit_on?: Array<"timeout" | "preempted" | "node_fail" | "checkpointed">;
}

export interface DesignRuntime {
  /** The user's own shell lines, run verbatim before the command. */
  setup?: string[];
  /** Exported to the job; values are shell-quoted by the renderer. */
  env?: Record<string, string | number | boolean>;
  [k: string]: unknown;
}

export type ArtifactSyncMode = "shared" | "rsync";

export interface DesignArtifactSync {
  mode?: ArtifactSyncMode;
  /** Paths relative to the run directory that must exist after the job. */
  outputs?: string[];
  /** rsync mode: remote source, placeholders such as {run_id} allowed. Required when mode is rsync. */
  source?: string;
  timeout_seconds?: number;
  retries?: number;
  [k: string]: unknown;
}

export type EntrypointArg = string | number | boolean | null | Array<string | number | boolean>;

export interface DesignExt extends Design {
  compute: DesignComputeExt;
  runtime?: DesignRuntime;
  artifact_sync?: DesignArtifactSync;
  entrypoint?: { module?: string; args?: Record<string, EntrypointArg>; cli?: string };
  /** A parameter sweep (domain/sweep.ts): a grid, explicit points, or both. */
  sweep?: {
    grid?: Record<string, Array<string | number | boolean>>;
    points?: Array<Record<string, string | number | boolean>>;
  };
  /** How results are read: a sweep point's replicates are aggregated by `aggregation` (default mean). */
  metrics?: {
    aggregation?: "mean" | "median";
    /** A name, or the Python tool's `{name, unit, mode}` (domain/sweep-result.designMetrics reads both). */
    primary?: string | { name: string; unit?: string; mode?: "maximize" | "minimize" };
    goal?: "maximize" | "minimize";
  };
}
