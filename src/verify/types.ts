/**
 * The facts the verifier gathers (facts.ts reads them, once) and the inputs
 * the pure check functions take (checks/*.ts). Nothing here reads a file: a
 * unit test builds these values in memory.
 */
import type { DesignExt } from "../contract/design.js";
import type { Metrics, RunManifest } from "../contract/types.js";
import type { RunStatus, VerifyStage } from "../contract/vocabulary.js";
import type { Policy } from "../contract/policy.js";
import type { Sentinel } from "../domain/sentinel.js";
import type { LedgerIndex } from "../ledger/ledger.js";
import type { Finding } from "../util/errors.js";
import type { Doc, Loaded } from "./doc.js";

/** The names of a run that findings and hints use (a DiscoveredRun has them). */
export interface RunNames {
  runId: string;
  iterationId: string;
  /** Repository-relative, e.g. `experiments/in_progress/iter1`. */
  iterationPath: string;
  /** Repository-relative run directory. */
  runPath: string;
  /** Repository-relative `run_manifest.json`. */
  manifestDisplay: string;
}

/** job_sentinel.json: its document (for positions) and the domain's reading of it. */
export type SentinelFacts =
  | { kind: "ok"; doc: Doc<unknown>; sentinel: Sentinel }
  | { kind: "missing"; file: string }
  | { kind: "error"; finding: Finding };

/** The run's logs/ directory: the names in it. */
export type LogsFacts =
  { kind: "dir"; files: ReadonlySet<string> } | { kind: "missing" } | { kind: "error"; finding: Finding };

/** A path recorded in the manifest that was refused (absolute, leaving the repository). */
export interface RefusedPath {
  /** JSON pointer of the manifest key. */
  pointer: string;
  /** Why it was refused. */
  reason: string;
}

/** Everything read for one run (what each part is read for: see facts.ts). */
export interface RunFacts<R extends RunNames = RunNames> {
  run: R;
  manifest: Loaded<RunManifest>;
  /** manifest.path: the manifest's paths that were refused. */
  refusedPaths: RefusedPath[];
  /** env_smoke checks only. */
  sentinel?: SentinelFacts;
  logs?: LogsFacts;
  /** env_smoke on a SLURM run: whether its job script is in the run directory. */
  runScript?: { file: string; exists: boolean };
  /** extract_results with a metrics check active. */
  metrics?: Loaded<Metrics>;
}

export interface IterationFacts {
  iterationId: string;
  iterationPath: string;
  design: Loaded<DesignExt>;
}

/** docs/slurm_job_list.md, read once and indexed. */
export type LedgerFacts =
  | { kind: "ok"; display: string; index: LedgerIndex }
  | { kind: "missing"; display: string }
  | { kind: "error"; display: string; finding: Finding };

/** What a run-level check reads. */
export interface RunInput {
  run: RunNames;
  doc: Doc<RunManifest>;
  /** The run's status (domain `manifestStatus`); undefined for a status word that is not one (manifest.schema says so). */
  status: RunStatus | undefined;
  /** The run's job id (domain `manifestJobId`). */
  jobId: string | undefined;
  /** Ids of the checks that run (a check may defer to another one that is active). */
  active: ReadonlySet<string>;
  now: Date;
  refusedPaths: readonly RefusedPath[];
  sentinel?: SentinelFacts;
  logs?: LogsFacts;
  runScript?: { file: string; exists: boolean };
  metrics?: Loaded<Metrics>;
  /** extract_results.require_metrics (default true). */
  requireMetrics: boolean;
  /** The iteration's design, set only for the newest run of its iteration (design.location). */
  newestOf?: IterationFacts;
  ledger?: LedgerFacts;
}

/** What an iteration-level check reads. */
export interface IterationInput {
  iteration: IterationFacts;
  active: ReadonlySet<string>;
}

/** What a check over the whole repository reads (once per verify). */
export interface RepoInput {
  runs: readonly RunNames[];
  /** Runs whose manifest reads and says host_mode slurm, in discovery order. */
  slurmRuns: readonly RunNames[];
  /** Read only when a SLURM run with a job id is checked and the ledger check is active. */
  ledger?: LedgerFacts;
  active: ReadonlySet<string>;
}

/** What a policy command check reads: the policy, its document, and the placeholders' values. */
export interface CommandContext {
  stage: VerifyStage;
  policy: Policy;
  policyDoc?: Doc<unknown>;
  iterationId?: string;
  iterationPath?: string;
  runId?: string;
}
