/**
 * The Scheduler port: everything a command asks of a batch scheduler, in
 * neutral terms. The first adapter is the SLURM command-line tools
 * (`slurm-cli/`, the only code that runs or names them); a Slurm REST
 * adapter would implement the same interface, building its JSON payload from
 * the same `JobRequest`. Commands receive a Scheduler from the faces (CLI,
 * action); unit tests pass a recorded one.
 *
 * Rules every adapter keeps:
 * - "No answer" is never evidence: a lookup or query that could not ask says
 *   so (`ok: false`, `unresolved`), it never reports a job as absent.
 * - One batched question per tick: `query` asks about all ids at once
 *   (chunked only for very long lists), never one call per run.
 * - `request` and `prepare` are pure: data in, data out, no process started.
 * - Texts meant for a run's history (`evidence`) and for people are made by
 *   the adapter, in its scheduler's words.
 */
import type { JobFacts, JobVerdict } from "../domain/tick.js";
import type { ClusterOutage } from "../domain/cluster-answers.js";
import type { Design } from "../contract/types.js";

/** A job id as the scheduler prints it (`123`, an array task `123_4`). */
export type JobRef = string;

/** Memory in binary units: `{amount: 64n, unit: "G"}` is 64 GiB. */
export interface MemorySize {
  amount: bigint;
  unit: "K" | "M" | "G" | "T";
}

/** A validated scheduler option the design passes through (`compute.sbatch_options`): `--name[=value]`. */
export interface ExtraOption {
  option: string;
  value?: string;
}

/** What a job asks for, as quantities: no scheduler syntax. */
export interface JobResources {
  /** Time limit in seconds, or `unlimited`. */
  timeLimit?: number | "unlimited";
  memory?: MemorySize;
  cpusPerTask?: number;
  nodes?: number;
  gpus?: { count: number; type?: string };
  /** One partition name, or several separated by ','. */
  partition?: string;
  qos?: string;
  account?: string;
  /** A feature expression, e.g. `a100&ib`. */
  constraint?: string;
  /**
   * The named cluster of a multi-cluster site the job goes to (design
   * `compute.cluster`): submitted there, and every later question about the
   * job (query, lookup by name, cancel) asks that cluster. Unset: the
   * cluster the client is configured for, and nothing in the runner's
   * environment may redirect it.
   */
  cluster?: string;
  /** Validated pass-through options, in the design's order. */
  extraOptions: ExtraOption[];
  /** A signal for the workload `seconds` before the time limit (it saves a checkpoint and exits). */
  checkpointSignal?: { signal: "USR1" | "USR2"; seconds: number };
}

/** One run's job, validated and normalised: names, paths, the command and the resources. */
export interface JobRequest {
  runId: string;
  iterationId: string;
  /** Repository-relative iteration path, e.g. `experiments/in_progress/it1`. */
  iterationPath: string;
  /** Absolute directory the job runs in (the checkout, or the run's snapshot). */
  workDir: string;
  /** The job name that ties the job to its run (`autolab-<run_id>`). */
  name: string;
  /** The shell command line the job runs. */
  command: string;
  /** The design's setup lines, verbatim. */
  setup: string[];
  /** Environment to export, sorted by name. */
  env: Array<[string, string]>;
  resources: JobResources;
}

/** What `request` needs to build a JobRequest from a design. */
export interface RequestInput {
  design: Design;
  runId: string;
  iterationId: string;
  iterationPath: string;
  /** Absolute directory the job runs in. */
  workDir: string;
  pythonBin: string;
  /** A sweep task: its parameters (merged over entrypoint.args) and its AUTOLAB_* variables. */
  task?: { params: Record<string, string | number | boolean>; env: Array<[string, string]> };
}

/** One task of a job array: its run's request (the same but for run id and command) and its own variables. */
export interface ArrayTask {
  request: JobRequest;
  /** AUTOLAB_TASK_INDEX, AUTOLAB_PARAMS_JSON, ... (names `AUTOLAB_[A-Z_]+`). */
  env: Array<[string, string]>;
}

/** A job array: tasks in array-index order, task i being run `<runPrefix><i>`. */
export interface ArrayRequest {
  /** The array's job name (the key to adopt it by). */
  name: string;
  runPrefix: string;
  tasks: ArrayTask[];
  /** Most tasks running at once. */
  maxConcurrent?: number;
}

/** A request made ready to hand to the scheduler (pure). */
export interface Submission {
  request: JobRequest;
  /** `batch`: submitted to the scheduler; `local`: run by the launch itself to its end. */
  mode: "batch" | "local";
  /** The job script: full text, LF line ends. */
  script: string;
  /** Repository-relative path the script is written to and submitted from. */
  scriptPath: string;
  /** The command that submits (batch) or runs (local) it, as argv (for the manifest and a dry run). */
  argv: string[];
  /** `argv` as one shell-quoted command line (the manifest's `command`). */
  commandLine: string;
  /** What the scheduler is asked for, one option a line in its own words (empty for local). */
  directives: string[];
  /** Repository-relative log paths of the job. */
  logPaths: { stdout: string; stderr: string };
  sentinelPath: string;
}

/**
 * A run's next attempt (domain/resubmit.ts): the script the run was launched
 * with, as it is on disk, submitted again under the attempt's own job name.
 */
export interface AttemptRequest {
  runId: string;
  iterationId: string;
  /** Absolute directory the job runs in (the run's snapshot, else the checkout). */
  workDir: string;
  /** Repository-relative path of the run's submitted script (relative to workDir). */
  scriptPath: string;
  /** That script's text. */
  script: string;
  /** The attempt's job name (from the run id and the attempt number). */
  name: string;
  /** 2, 3, ...: the workload sees it as `AUTOLAB_ATTEMPT`. */
  attempt: number;
  /** Nodes the attempt must not run on (node lists, comma-separated). */
  excludeNodes?: string;
  /** Submit it held (it starts only once released: the monitor's protection against racing monitors). */
  hold?: boolean;
  /** The named cluster the run's job ran on. */
  cluster?: string;
}

export interface SubmitOptions {
  /** Where the submission runs (the job's work directory root). */
  cwd: string;
  timeoutMs?: number;
  /** Retries after the first attempt, for transient failures only. */
  retries?: number;
  /** Backoff base: attempt n waits a random time in [0, base * 2^(n-1)]. */
  baseDelayMs?: number;
  /**
   * Variables of the submitter's environment the policy passes to the
   * scheduler (`slurm.submit.pass_env`, checked by domain/settings.ts), name ->
   * value; every other scheduler input variable is kept out.
   */
  passEnv?: Readonly<Record<string, string>>;
}

export type SubmitOutcome =
  | {
      kind: "job";
      jobId: JobRef;
      cluster?: string;
      attempts: number;
      /** A retry found the job by name: an earlier attempt had created it. */
      adopted: boolean;
      /** For the run's history, e.g. `sbatch returned job 123`. */
      evidence: string;
    }
  | {
      /** Permanent: the scheduler refused the request; a retry cannot change it. */
      kind: "refused";
      /** The scheduler's own words. */
      message: string;
      attempts: number;
      /** For the run's history. */
      evidence: string;
    }
  | {
      /** Transient: the scheduler did not answer; a job may or may not exist. */
      kind: "unknown";
      message: string;
      attempts: number;
      /** An error to throw or wrap (says what was tried, with a hint). */
      error: Error;
    };

export interface NameLookup {
  /** False when a source that could know the job did not answer (then jobIds may be incomplete). */
  ok: boolean;
  /** Job ids named so, oldest first, without duplicates. */
  jobIds: JobRef[];
  error?: string;
  /**
   * Asked only when `ok` is false and `controller` was requested: the
   * controller's own list (which keeps finished jobs for `keepsFinishedSeconds`).
   */
  controller?: { ok: boolean; jobIds: JobRef[]; keepsFinishedSeconds?: number };
  /**
   * Asked only with `runs` and when jobs were found: the run (and iteration)
   * each job was submitted for, where the scheduler still says (so a job
   * whose submitter died before recording it can be adopted by its own run).
   */
  runs?: Record<JobRef, { runId: string; iterationId?: string }>;
}

export interface NameLookupOptions {
  timeoutMs?: number;
  /** When the full lookup cannot answer, also ask the controller's own list (one more question). */
  controller?: boolean;
  /** Also learn which run each found job was submitted for (NameLookup.runs; one more question). */
  runs?: boolean;
  /** Ask this named cluster (a design's `compute.cluster`); unset: the client's own cluster. */
  cluster?: string;
}

/**
 * One job as one tick saw it (built by the adapter from its own records: for
 * SLURM, sacct, squeue or scontrol rows). The neutral fields the monitor records
 * are domain/tick.ts's `JobFacts`; these add what only the adapter reads.
 */
export interface JobObservation extends JobFacts {
  /** The id asked about (for arrays: the array's id). */
  jobId: string;
  jobIdRaw?: string;
  /** State and exit code of the `.batch` step (sacct only). */
  batchState?: string;
  batchExitCode?: string;
  /** Array tasks (and pending ranges such as `10_[1-2]`), present only for array jobs. */
  tasks?: JobObservation[];
  /** The cluster asked (`-M`), for a job on a named cluster. */
  cluster?: string;
  /** The job's time limit as accounting printed it (sacct `Timelimit`: `01:00:00`, `UNLIMITED`). */
  timeLimit?: string;
}

export interface QueryCall {
  /** The program and its arguments. */
  argv: string[];
  ok: boolean;
  durationMs: number;
  error?: string;
}

export type AccountingStatus = "ok" | "disabled" | "down" | "unknown";

export interface QueryOutcome {
  /** False when no controller answered: observations is then empty and no run may change. */
  ok: boolean;
  error?: string;
  /**
   * The clusters that did not answer (a multi-cluster site may have one down and
   * the others answering): the refs asked there have no observation, and their
   * runs must not change. Absent when every cluster asked answered.
   */
  outages?: ClusterOutage[];
  /** Keyed by the id asked about. */
  observations: Map<string, JobObservation>;
  calls: QueryCall[];
  accounting: AccountingStatus;
  /** Ids nobody showed while accounting could not be asked: absence here is not evidence. */
  unresolved: string[];
  /** Problems that did not stop the query (sacct down, scontrol fallback failed, bad ids). */
  warnings: string[];
}

export interface QueryOptions {
  /** Look back to this time (the oldest run's launch, with a margin); the adapter writes it in its own form. */
  since?: Date;
  /**
   * sacct `--starttime`, e.g. `now-14days` or the oldest run's launch time as
   * `2026-11-28T10:00:00` in the host's LOCAL time zone (sacct's reading), with a margin.
   */
  startTime?: string;
  /** Per call. Default 25 s. */
  timeoutMs?: number;
  /**
   * Most ids per sacct/squeue call. By default a call takes as many ids as
   * fit one command-line argument comfortably (about 100,000 characters,
   * well under Linux's 128 KiB per argument): over 10,000 job ids, so a tick
   * asks two questions however many runs are in flight.
   */
  chunkSize?: number;
}

export interface CancelOutcome {
  /** The scheduler took the request (or said there was nothing left to cancel). */
  ok: boolean;
  error?: string;
  call?: QueryCall;
  /** Ids the scheduler said were already finished or unknown. */
  nothingToCancel: JobRef[];
}

/** One line of what the host can do, for `autolab doctor`. */
export interface ProbeCheck {
  name: string;
  level: "ok" | "warn" | "fail";
  detail: string;
}

export interface SchedulerProbe {
  /** This host can submit (the client tools answer; in a deep probe, the controller too). */
  canSubmit: boolean;
  /** Human lines: what was probed and what it said. */
  summary: string[];
  /** Per tool, submitting, partitions and accounting: ok | warn | fail, in the order doctor shows them. */
  checks: ProbeCheck[];
  /** The adapter's own detail (for --json). */
  detail: unknown;
}

/** A part of a request the scheduler would not run as asked. */
export type RequestField =
  "timeLimit" | "memory" | "cpusPerTask" | "nodes" | "gpus" | "partition" | "qos" | "account" | "constraint";

/** One reason a request is impossible: the part of the request it is about (when the adapter can tell), in people's words. */
export interface AdmissionProblem {
  field?: RequestField;
  message: string;
}

/**
 * What the scheduler says of a submission without queueing anything (a dry
 * run, and the check launch and verify make before anything is queued).
 */
export interface TestSubmission {
  /** The scheduler would take it, and nothing in it exceeds what the scheduler runs. */
  ok: boolean;
  /** The scheduler's own words. */
  output: string;
  /** The scheduler could not be asked (not reachable, busy): `ok` is false but nothing is known to be wrong. */
  unanswered?: boolean;
  /** Why it is impossible (empty when ok or unanswered). */
  problems?: AdmissionProblem[];
}

export interface Scheduler {
  /** A short name for messages (`slurm`). */
  readonly name: string;
  /** How people call the scheduler's operations, for messages and run histories (`scancel`, `scontrol ping`). */
  readonly terms: { submit: string; cancel: string; ping: string; testSubmit?: string; release?: string };
  /** What this host can do. `deep` also asks the controller (partitions, accounting). */
  probe(o?: { deep?: boolean; timeoutMs?: number }): Promise<SchedulerProbe>;
  /** Validate and normalise a design's job (throws an AutolabError naming the design path). Pure. */
  request(i: RequestInput): JobRequest;
  /** The script and the submit command for a request. Pure. */
  prepare(req: JobRequest, o: { scriptPath: string; mode: "batch" | "local" }): Submission;
  /** The submission of a run's next attempt: its launched script, unchanged, under the attempt's name. Pure. */
  prepareAttempt(a: AttemptRequest): Submission;
  /** The script and submit command of a job array (one submission for all its tasks). Pure. */
  prepareArray(a: ArrayRequest, o: { scriptPath: string }): Submission;
  /** The most tasks one array may have on this cluster (SLURM: MaxArraySize), when the scheduler says. */
  maxArrayTasks(o?: { timeoutMs?: number; cluster?: string }): Promise<number | undefined>;
  /** Submit once (with retries for transient failures, adopting a job an earlier attempt created). */
  submit(s: Submission, o: SubmitOptions): Promise<SubmitOutcome>;
  /**
   * Ask whether the scheduler would take the submission, queueing nothing
   * (one test submission and one look at the partitions' limits: a request the
   * scheduler would queue but never start, such as a time over the
   * partition's limit, is not ok either).
   */
  testSubmit(s: Submission, o: { cwd: string; passEnv?: Readonly<Record<string, string>> }): Promise<TestSubmission>;
  /** Jobs with this name, from every source that could know them. */
  findByName(name: string, o?: NameLookupOptions): Promise<NameLookup>;
  /** One batched question about many jobs (one tick). Never throws for scheduler trouble. */
  /**
   * What one observation means for a run (pure): pending, running, succeeded,
   * failed with a reason, or unknown; and whether a pending job's reason means
   * it never starts as it is (`failsFast`: and nobody can clear it without
   * changing the job). The run's sentinel and grace rules come after
   * (domain/tick.ts).
   */
  judge(o: JobObservation): JobVerdict & { neverStarts: boolean; failsFast: boolean };
  query(ids: JobRef[], o?: QueryOptions): Promise<QueryOutcome>;
  /** Cancel jobs in one request. */
  cancel(ids: JobRef[], o?: { timeoutMs?: number }): Promise<CancelOutcome>;
  /** The user this scheduler submits and cancels as (`launch.job_user`), when not the runner itself. */
  readonly jobUser?: string;
  /**
   * The same scheduler, submitting and cancelling as `user` (undefined: as the
   * runner). An adapter without it cannot honour `launch.job_user`.
   */
  asJobUser?(user: string | undefined): Scheduler;
  /** Let held jobs start (one request); a job not held or already finished is no failure. */
  release(ids: JobRef[], o?: { timeoutMs?: number }): Promise<{ ok: boolean; error?: string }>;
}
