/**
 * The verifier's checks: one entry per check id (its category, the stages it
 * runs at, and the pure functions that produce its findings). A check runs
 * when the stage is listed for it AND the policy sets
 * `requirements_by_stage.<stage>.<category>: true` (built-in defaults: schema
 * and consistency at every stage; env_smoke, tests and dry_run off; the
 * `slurm` preset adds env_smoke at launch/slurm_monitor and dry_run at launch).
 *
 * | check                  | category    | stages     | what                                                                   |
 * |------------------------|-------------|------------|------------------------------------------------------------------------|
 * | manifest.schema        | schema      | all        | run_manifest.json parses and matches schemas/run_manifest.schema.json  |
 * | manifest.job_id        | schema      | all        | a SLURM run records its job id (the same one wherever it is copied)    |
 * | design.schema          | schema      | all        | the iteration's design.yaml parses and matches its schema              |
 * | manifest.identity      | consistency | all        | run_id / iteration_id equal the run and iteration directory names      |
 * | manifest.path          | consistency | all        | paths recorded in the manifest stay inside the repository             |
 * | design.location        | consistency | all        | design.yaml exists; compute.location = host_mode of the newest run     |
 * | ledger                 | consistency | all        | docs/slurm_job_list.md exists and holds the run's canonical line       |
 * | sync.status            | consistency | all        | artifact_sync_to_local.status set, known, canonical, fits the status   |
 * | status.completed_at    | consistency | all        | completed_at present exactly when the run ended, not before started_at |
 * | status.timestamps      | consistency | all        | timestamps not in the future; top-level copies agree                   |
 * | env_smoke.run_dir      | env_smoke   | all        | the run's job script is in its run directory                           |
 * | env_smoke.logs         | env_smoke   | all        | logs/ exists once the job may have started; the job's log is there     |
 * | env_smoke.sentinel     | env_smoke   | all        | job_sentinel.json agrees with the status (exit 0 for completed, ...)   |
 * | metrics.schema         | schema      | extract    | metrics.json exists (extract_results.require_metrics) and is valid     |
 * | metrics.finite         | schema      | extract    | no NaN / Infinity (nor as text)                                        |
 * | metrics.placeholder    | schema      | extract    | no placeholder text (TODO, TBD, <...>, {{...}}, ...)                   |
 * | metrics.identity       | consistency | extract    | metrics run_id / iteration_id match the run                            |
 * | metrics.sync           | consistency | extract    | status completed only with a success-like sync and a run not failed    |
 * | policy.test_command    | tests       | all        | the policy's test_command exits 0                                      |
 * | policy.dry_run_command | dry_run     | all        | the policy's dry_run_command exits 0                                   |
 * | design.test_only       | dry_run     | launch     | the scheduler's test submission takes the design's request (admission.ts) |
 *
 * Where a check applies and how severe each finding is are decided by its
 * functions (a check may warn in one case and fail in another: see the
 * header of its file in checks/). An entry has up to three levels: `repo`
 * (once per verify), `iteration` (once per iteration with runs), `run` (each
 * run whose manifest reads, in table order); or it is a policy `command`.
 * Always reported, whatever the policy: `discover.*` (odd entries under
 * experiments/, see stages/discover.ts), `policy.schema` (the policy file
 * itself), `path.outside` (a file the verifier would read is a symlink
 * leaving the repository); on a pull request, `policy.changed` (its change to
 * the policy; an error when it weakens it) and `policy.base` (the base
 * commit's policy cannot be read): see base-policy.ts.
 */
import { requiresCheck, type Policy } from "../contract/policy.js";
import { VERIFY_STAGES, type VerifyStage } from "../contract/vocabulary.js";
import type { Finding } from "../util/errors.js";
import { checkDesignLocation, checkDesignPresent, checkDesignSchema } from "./checks/design.js";
import { checkLogs, checkRunDir, checkSentinel } from "./checks/env-smoke.js";
import { checkLedger, checkLedgerFile } from "./checks/ledger.js";
import { checkIdentity, checkJobId, checkManifestPaths, checkManifestSchema } from "./checks/manifest.js";
import {
  checkMetricsFinite,
  checkMetricsIdentity,
  checkMetricsPlaceholder,
  checkMetricsSchema,
  checkMetricsSync,
} from "./checks/metrics.js";
import { POLICY_COMMANDS, type PolicyCommandSpec } from "./checks/policy-commands.js";
import { checkCompletedAt, checkSync, checkTimestamps } from "./checks/status.js";
import type { IterationInput, RepoInput, RunInput } from "./types.js";

export type CheckCategory = "schema" | "consistency" | "env_smoke" | "tests" | "dry_run";
export const CHECK_CATEGORIES: readonly CheckCategory[] = ["schema", "consistency", "env_smoke", "tests", "dry_run"];

export interface CheckSpec {
  id: string;
  category: CheckCategory;
  stages: readonly VerifyStage[];
  summary: string;
}

/** One check: its spec and what it runs. */
export interface CheckEntry extends CheckSpec {
  /** Once per verify. */
  repo?: (i: RepoInput) => Finding[];
  /** Once per iteration that has runs in scope. */
  iteration?: (i: IterationInput) => Finding[];
  /** Each run whose manifest reads (a JSON object). */
  run?: (i: RunInput) => Finding[];
  /** The document the check reads besides the manifest: read only when such a check is active. */
  reads?: "design" | "metrics" | "run_evidence" | "ledger";
  /** A policy command (planned and judged by checks/policy-commands.ts, run by index.ts). */
  command?: PolicyCommandSpec;
  /** Asks the scheduler (admission.ts, run by index.ts when the face gives it one). */
  asksScheduler?: true;
}

const ALL: readonly VerifyStage[] = VERIFY_STAGES;
const EXTRACT: readonly VerifyStage[] = ["extract_results"];

const CHECKS: readonly CheckEntry[] = [
  {
    id: "manifest.schema",
    category: "schema",
    stages: ALL,
    summary: "run_manifest.json is valid",
    run: checkManifestSchema,
  },
  {
    id: "manifest.job_id",
    category: "schema",
    stages: ALL,
    summary: "a SLURM run records its job id",
    run: checkJobId,
  },
  {
    id: "design.schema",
    category: "schema",
    stages: ALL,
    summary: "design.yaml is valid",
    reads: "design",
    iteration: checkDesignSchema,
  },
  {
    id: "manifest.identity",
    category: "consistency",
    stages: ALL,
    summary: "run_id / iteration_id match the directories",
    run: checkIdentity,
  },
  {
    id: "manifest.path",
    category: "consistency",
    stages: ALL,
    summary: "manifest paths stay inside the repository",
    run: checkManifestPaths,
  },
  {
    id: "design.location",
    category: "consistency",
    stages: ALL,
    summary: "design compute.location = manifest host_mode",
    reads: "design",
    iteration: checkDesignPresent,
    run: checkDesignLocation,
  },
  {
    id: "ledger",
    category: "consistency",
    stages: ALL,
    summary: "docs/slurm_job_list.md holds the run's line",
    reads: "ledger",
    repo: checkLedgerFile,
    run: checkLedger,
  },
  {
    id: "sync.status",
    category: "consistency",
    stages: ALL,
    summary: "artifact_sync_to_local.status set and canonical",
    run: checkSync,
  },
  {
    id: "status.completed_at",
    category: "consistency",
    stages: ALL,
    summary: "status and completed_at agree",
    run: checkCompletedAt,
  },
  {
    id: "status.timestamps",
    category: "consistency",
    stages: ALL,
    summary: "timestamps plausible and consistent",
    run: checkTimestamps,
  },
  {
    id: "env_smoke.run_dir",
    category: "env_smoke",
    stages: ALL,
    summary: "run directory holds its job script",
    reads: "run_evidence",
    run: checkRunDir,
  },
  {
    id: "env_smoke.logs",
    category: "env_smoke",
    stages: ALL,
    summary: "logs present once the job started",
    reads: "run_evidence",
    run: checkLogs,
  },
  {
    id: "env_smoke.sentinel",
    category: "env_smoke",
    stages: ALL,
    summary: "job sentinel agrees with the status",
    reads: "run_evidence",
    run: checkSentinel,
  },
  {
    id: "metrics.schema",
    category: "schema",
    stages: EXTRACT,
    summary: "metrics.json present and valid",
    reads: "metrics",
    run: checkMetricsSchema,
  },
  {
    id: "metrics.finite",
    category: "schema",
    stages: EXTRACT,
    summary: "metrics hold finite numbers",
    reads: "metrics",
    run: checkMetricsFinite,
  },
  {
    id: "metrics.placeholder",
    category: "schema",
    stages: EXTRACT,
    summary: "metrics hold no placeholder text",
    reads: "metrics",
    run: checkMetricsPlaceholder,
  },
  {
    id: "metrics.identity",
    category: "consistency",
    stages: EXTRACT,
    summary: "metrics name the right run",
    reads: "metrics",
    run: checkMetricsIdentity,
  },
  {
    id: "metrics.sync",
    category: "consistency",
    stages: EXTRACT,
    summary: "metrics status fits the sync and the run",
    reads: "metrics",
    run: checkMetricsSync,
  },
  {
    id: "policy.test_command",
    category: "tests",
    stages: ALL,
    summary: "test_command passes",
    command: POLICY_COMMANDS["policy.test_command"],
  },
  {
    id: "policy.dry_run_command",
    category: "dry_run",
    stages: ALL,
    summary: "dry_run_command passes",
    command: POLICY_COMMANDS["policy.dry_run_command"],
  },
  {
    id: "design.test_only",
    category: "dry_run",
    stages: ["launch"],
    summary: "the cluster would run the design's request",
    asksScheduler: true,
  },
];

/** The check table (the same entries, as specs). */
export const VERIFY_CHECKS: readonly CheckSpec[] = CHECKS;

/** The checks that run at `stage` under `policy` (commands only when `runCommands`). */
export function activeChecks(policy: Policy, stage: VerifyStage, runCommands = true): CheckEntry[] {
  return CHECKS.filter(
    (c) =>
      c.stages.includes(stage) &&
      requiresCheck(policy, stage, c.category) &&
      (runCommands || (c.category !== "tests" && c.category !== "dry_run")),
  );
}

export function isVerifyStage(s: string): s is VerifyStage {
  return (VERIFY_STAGES as readonly string[]).includes(s);
}
