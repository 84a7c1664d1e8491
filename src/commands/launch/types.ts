/** launch's shapes: the options and result (the faces' contract) and what each phase hands on. */
import type { DesignExt } from "../../contract/design.js";
import type { RunManifest } from "../../contract/types.js";
import type * as plan from "../../domain/launch-plan.js";
import type { RunLayout } from "../../domain/layout.js";
import type { RecordingOptions } from "../../git/record.js";
import type { CommitBackResult } from "../../git/commitback.js";
import type { JobRequest, Scheduler, Submission, TestSubmission } from "../../scheduler/port.js";
import type { JournalEntry } from "../../store/journal.js";
import type { Workspace } from "../../store/workspace.js";

export interface LaunchOptions extends RecordingOptions {
  /** Repository root (or any directory inside the checkout). */
  cwd: string;
  /** Path to design.yaml, an iteration directory, or an iteration id. */
  design: string;
  /** The scheduler the job goes to (the faces pass `slurmCli()`). */
  scheduler: Scheduler;
  /** Print, do not write or submit (asks the scheduler to test the submission where it answers). */
  dryRun?: boolean;
  /** Reuse this run id (idempotent relaunch). */
  runId?: string;
  /**
   * A key that identifies one launch request across retries (the action uses
   * one derived from the workflow run id). The same key always maps to the
   * same run, so a retried request never submits a second job.
   */
  launchKey?: string;
  /** Recorded in the manifest (default: $GITHUB_ACTOR, else the login name). */
  launchedBy?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Submit timeout / retry tuning; defaults from the policy's `launch.*`. */
  submit?: { timeoutMs?: number; retries?: number; baseDelayMs?: number };
  /**
   * Absolute directory outside the checkout where the run's snapshot
   * (`<workRoot>/<run_id>`, a detached git worktree of HEAD) is made and the
   * job runs (SLURM only). Default: the policy's `launch.work_root`; none
   * means the job runs in the checkout.
   */
  workRoot?: string;
  /** Used when neither `workRoot` nor the policy names one (the action passes `$RUNNER_WORKSPACE/autolab-runs`). */
  workRootDefault?: string;
}

export interface DryRunResult {
  /** The script that would be written (nothing is written). */
  script: string;
  /** The submit command as it would be run (SLURM designs), or `["bash", <script>]` (local). */
  argv: string[];
  /** The scheduler's answer to the test submission, when it answered. */
  testOnly?: TestSubmission;
  /** Why the test submission was not made (this host cannot submit). */
  testOnlySkipped?: string;
}

export interface LaunchResult {
  runId: string;
  iterationId: string;
  hostMode: "slurm" | "local";
  /** Run status after the launch (`dry-run` for a dry run). */
  status: string;
  jobId?: string;
  /** The named cluster the job was submitted to (design `compute.cluster`). */
  cluster?: string;
  manifestPath: string;
  scriptPath: string;
  /** The run already had a manifest: nothing was submitted. */
  reused: boolean;
  /** The job was found in the scheduler (journal or job name) and adopted. */
  adopted: boolean;
  dryRun?: DryRunResult;
  /** A sweep: its id (= runId), points, task runs and arrays (one per chunk). */
  sweep?: {
    id: string;
    points: string[];
    replicates: number;
    runIds: string[];
    chunks: SweepChunkResult[];
    /** Array job ids, one per submitted chunk. */
    arrays: string[];
    failed: number;
  };
  commit?: CommitBackResult;
  /** Why the run failed (the scheduler's words for a refused submission). */
  error?: string;
}

/** What gather found: everything the decisions rest on. */
export interface Gathered {
  opts: LaunchOptions;
  log: (line: string) => void;
  now: () => Date;
  ws: Workspace;
  iterationId: string;
  iterationPath: string;
  designDisplay: string;
  design: DesignExt;
  locate: (p: string) => { line: number; column: number };
  policy: Record<string, unknown>;
  hostMode: "slurm" | "local";
  workRoot?: string;
  /** `launch.job_user` (SLURM): the job is submitted as this user from a snapshot it owns (steps/job-snapshot.ts). */
  jobUser?: string;
  /** `slurm.submit.pass_env`: the runner's variables given to the scheduler with the submission, name -> value (recorded as `slurm.passed_env`). */
  passEnv: Readonly<Record<string, string>>;
  journal?: JournalEntry;
  /** A fresh keyed launch's question to the scheduler (jobs under the key's job name), asked while gathering. */
  keyLookup?: plan.LookupAnswer;
  /** The key's run as the remote's branch records it, with its job (this checkout has not pulled it). */
  onBranch?: { entry: plan.JournalEntry; manifest: RunManifest; where: string };
  /** The design's named cluster (`compute.cluster`): every question about this launch's jobs asks it. */
  cluster?: string;
  run: plan.RunChoice;
  layout: RunLayout;
  /** The run's script, repository-relative. */
  scriptPath: string;
  existing?: RunManifest;
}

export interface Prepared {
  request: JobRequest;
  submission: Submission;
  /** Where the job runs: the snapshot, else the checkout. */
  jobRoot: string;
  snapshotDir?: string;
  /** What the probe said when this host cannot submit. */
  cannotSubmit?: string[];
}

export interface Acted {
  manifest: RunManifest;
  adopted: boolean;
  error?: string;
}

/** One chunk of a sweep: its array's tasks and the exact submit argv. */
export interface SweepChunkResult {
  chunk: number;
  tasks: number;
  argv: string[];
}
