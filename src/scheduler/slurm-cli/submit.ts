/**
 * Submitting to SLURM: `sbatch --parsable` by argv (never a shell), with a
 * timeout, classified errors and jittered retries; and finding jobs by their
 * job name, so that a launch whose manifest was lost can adopt its job
 * instead of submitting a second one.
 *
 * Error classes (sbatch's own words are kept in the error):
 * - transient: the controller did not answer or was busy ("Socket timed out
 *   on send/recv operation", "Unable to contact slurm controller", "Slurm
 *   temporarily unable to accept job", connection failures, our own timeout).
 *   Retried with exponential backoff and full jitter.
 * - permanent: everything else, notably invalid partition / account / QOS,
 *   "Requested node configuration is not available", policy limits. Failing
 *   at once, since a retry cannot change the answer.
 * A transient failure may hide a job that was in fact created (the reply got
 * lost). With `adoptJobName`, every retry first looks the job up by name and
 * adopts it when found, rather than submitting twice.
 */
import { AutolabError } from "../../util/errors.js";
import { describeFailure, ok, runArgv, type ExecResult } from "../../util/exec.js";
import { checkedJobUser, jobUserError, runAsJobUser, SNAPSHOT_PROGRAMS, sudoRefusal } from "../../util/job-user.js";

/** Every program the runner runs as `launch.job_user` (the sudoers rule names them all; scontrol: `release` of a resubmitted attempt). */
export const JOB_USER_PROGRAMS: readonly string[] = ["sbatch", "scancel", "scontrol", ...SNAPSHOT_PROGRAMS];
import {
  CLIENT_ENV,
  clusterFlag,
  classifySacctFailure,
  contentLines,
  parseSbatchParsable,
  parseSacct,
  parseSqueue,
  SACCT_FIELDS,
  squeueFormatArg,
} from "./parse.js";

export type SubmitErrorKind = "transient" | "permanent";

export class SubmitError extends AutolabError {
  readonly kind: SubmitErrorKind;
  /** What sbatch said (stderr, else stdout), or why it could not run. */
  readonly sbatchMessage: string;
  readonly attempts: number;

  constructor(kind: SubmitErrorKind, sbatchMessage: string, attempts: number) {
    super(
      kind === "permanent"
        ? `sbatch refused the job: ${sbatchMessage}`
        : `sbatch could not reach the controller after ${attempts} attempt(s): ${sbatchMessage}`,
      {
        hint:
          kind === "permanent"
            ? "check the request in design.yaml `compute` (partition, account, qos, memory, nodes) against `autolab doctor`"
            : "the controller was unreachable or busy; retry the launch later (it is idempotent)",
      },
    );
    this.name = "SubmitError";
    this.kind = kind;
    this.sbatchMessage = sbatchMessage;
    this.attempts = attempts;
  }
}

const TRANSIENT = [
  /socket timed out/i,
  /unable to contact slurm controller/i,
  /slurm(ctld)? (is )?(busy|not responding)/i,
  /temporarily unable to accept job/i,
  /resource temporarily unavailable/i,
  /connection (refused|reset|timed out)/i,
  /communication connection failure/i,
  /zero bytes were transmitted or received/i,
  /transport endpoint is not connected/i,
  /slurmctld (is )?(down|not available)/i,
  /try again later/i,
];

/** `transient` when sbatch's words say the controller did not answer or was busy; else `permanent`. */
export function classifySbatchError(stderr: string): SubmitErrorKind {
  return TRANSIENT.some((re) => re.test(stderr)) ? "transient" : "permanent";
}

function sbatchWords(r: ExecResult): string {
  if (r.spawnError) return r.spawnError;
  if (r.timedOut) return `${r.command} did not answer within ${Math.round(r.durationMs / 1000)} s`;
  const text = contentLines(r.stderr).join(" | ") || contentLines(r.stdout).join(" | ");
  return text || `${r.command} exited with ${r.code ?? r.signal}`;
}

export interface SubmitOptions {
  /** Per sbatch call. Default 30 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, for transient errors only. Default 3. */
  retries?: number;
  /** Backoff base: attempt n waits a random time in [0, base * 2^(n-1)]. Default 2000 ms. */
  baseDelayMs?: number;
  cwd?: string;
  sbatchBin?: string;
  /** Before each retry, look for a job with this name and adopt it when found. */
  adoptJobName?: string;
  /** The named cluster the argv submits to (`--clusters`): looked up there, and recorded when sbatch does not say. */
  cluster?: string;
  /** Binaries for the adoption lookup. */
  bins?: Partial<Record<"squeue" | "sacct", string>>;
  /** Submit as this user (`launch.job_user`, through `sudo -n -u`). */
  asUser?: string;
  /** `slurm.submit.pass_env`'s variables, name -> value, put into sbatch's environment. */
  passEnv?: Readonly<Record<string, string>>;
}

export interface SubmitResult {
  jobId: string;
  cluster?: string;
  attempts: number;
  stdout: string;
  /** True when a retry found the job by name (a previous attempt had created it). */
  adopted?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * sbatch's environment: `SBATCH_*` input variables override the rendered
 * script's directives (sbatch(1) "INPUT ENVIRONMENT VARIABLES"), so a
 * runner's or a user's stray `SBATCH_PARTITION`, `SBATCH_JOB_NAME` or
 * `SBATCH_EXPORT` would silently change what runs. They are removed (the
 * script's directives are the whole request, and the manifest records them).
 * `SLURM_CLUSTERS` too (sbatch reads it like `SBATCH_CLUSTERS`): a job goes
 * to the cluster its design names (`compute.cluster`, passed as
 * `--clusters`), else to the client's own, never to one the runner's
 * environment happens to name. `AUTOLAB_ATTEMPT` is removed too
 * (`--export=ALL` would hand a submitter's own value to the job). `pass`:
 * the variables the policy's `slurm.submit.pass_env` asks to pass through
 * (domain/settings.ts `passedEnv`, already checked; recorded in the manifest).
 */
export function sbatchEnv(
  env: NodeJS.ProcessEnv = process.env,
  pass: Readonly<Record<string, string>> = {},
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { SLURM_CLUSTERS: undefined };
  for (const k of Object.keys(env)) if (/^SBATCH_|^SLURM_CLUSTERS$/i.test(k)) out[k] = undefined;
  // A job's attempt is what the submit line says (2, 3, ... for a resubmission), never the submitter's own.
  out.AUTOLAB_ATTEMPT = undefined;
  for (const [k, v] of Object.entries(pass)) {
    if (!/^(SBATCH|SLURM)_[A-Z0-9_]+$/.test(k) || /^(SBATCH|SLURM)_CLUSTERS$/.test(k))
      throw new AutolabError(`${k} is never passed to sbatch`);
    out[k] = v;
  }
  return out;
}

/** sudo resets the environment: a job user's submission cannot be given pass-through variables. */
function noPassAsUser(asUser: string | undefined, pass: Readonly<Record<string, string>> | undefined): void {
  if (asUser && pass && Object.keys(pass).length)
    throw new AutolabError("slurm.submit.pass_env cannot be used with launch.job_user (sudo resets the environment)");
}

/**
 * Run `sbatch <argv>` (`--parsable` is added when missing) and return the job
 * id. Throws SubmitError: permanent at once, transient after the retries.
 */
export async function submitJob(argv: string[], opts: SubmitOptions = {}): Promise<SubmitResult> {
  const args = argv.includes("--parsable") ? argv : ["--parsable", ...argv];
  const bin = opts.sbatchBin ?? "sbatch";
  const retries = Math.max(0, opts.retries ?? 3);
  const base = opts.baseDelayMs ?? 2000;
  let attempts = 0;
  let lastMessage = "";
  noPassAsUser(opts.asUser, opts.passEnv);
  for (;;) {
    attempts++;
    if (attempts > 1 && opts.adoptJobName) {
      const found = await findJobsByName(opts.adoptJobName, {
        timeoutMs: opts.timeoutMs,
        bins: opts.bins,
        user: opts.asUser,
        cluster: opts.cluster,
      });
      if (found.jobIds.length > 0)
        return {
          jobId: found.jobIds[0],
          ...onCluster(opts.cluster),
          attempts: attempts - 1,
          stdout: "",
          adopted: true,
        };
    }
    const r = opts.asUser
      ? await runAsJobUser(opts.asUser, bin, args, {
          cwd: opts.cwd,
          timeoutMs: opts.timeoutMs ?? 30_000,
          env: sbatchEnv(),
        })
      : await runArgv(bin, args, {
          cwd: opts.cwd,
          timeoutMs: opts.timeoutMs ?? 30_000,
          env: sbatchEnv(process.env, opts.passEnv),
        });
    const refused = opts.asUser ? sudoRefusal(r) : undefined;
    if (refused) throw jobUserError(opts.asUser!, "sbatch", refused, JOB_USER_PROGRAMS);
    if (ok(r)) {
      const parsed = parseSbatchParsable(r.stdout);
      if (!parsed) {
        throw new SubmitError(
          "permanent",
          `sbatch succeeded but printed no job id: ${JSON.stringify(r.stdout.trim())}`,
          attempts,
        );
      }
      return { ...onCluster(opts.cluster), ...parsed, attempts, stdout: r.stdout };
    }
    lastMessage = sbatchWords(r);
    const kind: SubmitErrorKind = r.spawnError
      ? "permanent"
      : r.timedOut
        ? "transient"
        : classifySbatchError(r.stderr + "\n" + r.stdout);
    if (kind === "permanent") throw new SubmitError("permanent", lastMessage, attempts);
    if (attempts > retries) throw new SubmitError("transient", lastMessage, attempts);
    await sleep(Math.random() * base * 2 ** (attempts - 1));
  }
}

const onCluster = (cluster: string | undefined) => (cluster !== undefined ? { cluster } : {});

export interface FindByNameResult {
  /** False when a source that could know the job did not answer (then jobIds may be incomplete). */
  ok: boolean;
  /** Job ids (arrays: the array's id), newest last, without duplicates. */
  jobIds: string[];
  error?: string;
}

/**
 * Jobs named `name`: the controller's view (`squeue --states=all --name`,
 * finished jobs until MinJobAge) and accounting (`sacct --name`, since
 * `startTime`, default 30 days back). Accounting disabled is not an outage.
 * With `cluster`, both ask that cluster (`-M`).
 */
export async function findJobsByName(
  name: string,
  opts: {
    timeoutMs?: number;
    startTime?: string;
    bins?: Partial<Record<"squeue" | "sacct", string>>;
    /** The jobs' user (`launch.job_user`): sacct lists only the caller's own jobs by name otherwise. */
    user?: string;
    cluster?: string;
  } = {},
): Promise<FindByNameResult> {
  const timeoutMs = opts.timeoutMs ?? 25_000;
  const env = CLIENT_ENV;
  const m = clusterFlag(opts.cluster);
  const [sq, sa] = await Promise.all([
    runArgv(
      opts.bins?.squeue ?? "squeue",
      [...m, "--noheader", "--states=all", `--name=${name}`, `--Format=${squeueFormatArg()}`],
      { timeoutMs, env },
    ),
    runArgv(
      opts.bins?.sacct ?? "sacct",
      [
        ...m,
        "--noheader",
        "--parsable2",
        "--allocations",
        `--name=${name}`,
        ...(opts.user ? [`--user=${checkedJobUser(opts.user)}`] : []),
        `--starttime=${opts.startTime ?? "now-30days"}`,
        `--format=${SACCT_FIELDS.join(",")}`,
      ],
      { timeoutMs, env },
    ),
  ]);
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  const errors: string[] = [];
  if (ok(sa)) {
    for (const row of parseSacct(sa.stdout)) if (!row.step && row.name === name) add(row.base);
  } else if (!sa.spawnError && classifySacctFailure(sa.stderr) === "down") {
    // (sacct not installed, or accounting disabled: the controller is the only source.)
    errors.push(describeFailure(sa));
  }
  if (ok(sq)) {
    for (const row of parseSqueue(sq.stdout)) if (row.name === name) add(row.base);
  } else {
    errors.push(describeFailure(sq));
  }
  ids.sort((a, b) => Number(a) - Number(b));
  // Finding the job is an answer even if one source failed.
  if (errors.length && ids.length === 0) return { ok: false, jobIds: [], error: errors.join("; ") };
  return errors.length ? { ok: true, jobIds: ids, error: errors.join("; ") } : { ok: true, jobIds: ids };
}

/**
 * The run each job was submitted for: accounting's submit line (this tool's
 * sbatch argv carries `--export=ALL,RUN_ID=..,AUTOLAB_RUN_ID=..,AUTOLAB_ITERATION_ID=..`),
 * else the controller's script path (`.../runs/<run_id>/run_slurm.sbatch`).
 * A job neither source explains is left out. With `cluster`, both ask that cluster (`-M`).
 */
export async function runsOfJobs(
  ids: string[],
  opts: { timeoutMs?: number; bins?: Partial<Record<"squeue" | "sacct", string>>; cluster?: string } = {},
): Promise<Record<string, { runId: string; iterationId?: string }>> {
  const timeoutMs = opts.timeoutMs ?? 25_000;
  const list = ids.join(",");
  const m = clusterFlag(opts.cluster);
  const [sa, sq] = await Promise.all([
    runArgv(
      opts.bins?.sacct ?? "sacct",
      [...m, "--noheader", "--parsable2", "--allocations", `--jobs=${list}`, "--format=JobID,SubmitLine"],
      { timeoutMs, env: CLIENT_ENV },
    ),
    runArgv(
      opts.bins?.squeue ?? "squeue",
      [...m, "--noheader", "--states=all", `--jobs=${list}`, "--Format=JobID:0|,Command:0"],
      { timeoutMs, env: CLIENT_ENV },
    ),
  ]);
  const runs: Record<string, { runId: string; iterationId?: string }> = {};
  const token = "([A-Za-z0-9][A-Za-z0-9_.-]*)";
  // An array's rows are its tasks (`123_0`, `123_[1-3]`): they answer for the array's id.
  const asked = (id: string | undefined): string | undefined => {
    const base = id?.split("_")[0];
    return base && ids.includes(base) ? base : undefined;
  };
  if (ok(sq)) {
    for (const line of sq.stdout.split("\n")) {
      const [id, command = ""] = line.trim().split("|");
      const m = new RegExp(`/runs/${token}/run_slurm\\.sbatch$`).exec(command.trim());
      const job = asked(id);
      if (job && m) runs[job] = { runId: m[1] };
    }
  }
  if (ok(sa)) {
    for (const line of sa.stdout.split("\n")) {
      const [id, submitLine = ""] = line.trim().split("|");
      // A sweep's array carries no run id in its --export: the script path names its sweep.
      const run =
        new RegExp(`[,=]AUTOLAB_RUN_ID=${token}`).exec(submitLine) ??
        new RegExp(`/runs/${token}/run_slurm\\.sbatch$`).exec(submitLine.trim());
      const it = new RegExp(`[,=]AUTOLAB_ITERATION_ID=${token}`).exec(submitLine);
      const job = asked(id);
      if (job && run) runs[job] = { runId: run[1], ...(it ? { iterationId: it[1] } : {}) };
    }
  }
  return runs;
}

/**
 * `sbatch --test-only` with the script on stdin: with no script file on the
 * command line sbatch reads the script from stdin, so nothing is written and
 * nothing is queued. `argv` is the submit argv (its `--parsable` and script
 * path are dropped).
 */
export async function testOnly(
  argv: string[],
  script: string,
  opts: {
    cwd: string;
    timeoutMs?: number;
    sbatchBin?: string;
    asUser?: string;
    passEnv?: Readonly<Record<string, string>>;
  },
): Promise<{ ok: boolean; output: string; unanswered: boolean }> {
  noPassAsUser(opts.asUser, opts.passEnv);
  const testArgv = ["--test-only", ...argv.filter((a) => a !== "--parsable").slice(0, -1)];
  const run = { cwd: opts.cwd, input: script, timeoutMs: opts.timeoutMs ?? 30_000 };
  const r = opts.asUser
    ? await runAsJobUser(opts.asUser, opts.sbatchBin ?? "sbatch", testArgv, run)
    : await runArgv(opts.sbatchBin ?? "sbatch", testArgv, { ...run, env: sbatchEnv(process.env, opts.passEnv) });
  const refused = opts.asUser ? sudoRefusal(r) : undefined;
  if (refused) throw jobUserError(opts.asUser!, "sbatch", refused, JOB_USER_PROGRAMS);
  const output = (r.stderr + r.stdout).trim() || sbatchWords(r);
  // Not an answer about the request: sbatch could not run, or the controller did not answer.
  const unanswered =
    !ok(r) && (r.spawnError !== undefined || r.timedOut || classifySbatchError(output) === "transient");
  return { ok: ok(r), output, unanswered };
}

/**
 * The controller's own view, used when accounting is down: job ids named
 * `name` (`squeue --states=all` lists finished jobs until MinJobAge) and the
 * cluster's MinJobAge in seconds (`scontrol show config`). With `cluster`, that cluster's (`-M`).
 */
export async function controllerView(
  name: string,
  opts: { timeoutMs?: number; bins?: Partial<Record<"squeue" | "scontrol", string>>; cluster?: string } = {},
): Promise<{ ok: boolean; jobIds: string[]; keepsFinishedSeconds?: number }> {
  const timeoutMs = opts.timeoutMs ?? 25_000;
  const m = clusterFlag(opts.cluster);
  const [sq, cfg] = await Promise.all([
    runArgv(opts.bins?.squeue ?? "squeue", [...m, "--noheader", "--states=all", `--name=${name}`, "--format=%i"], {
      timeoutMs,
      env: CLIENT_ENV,
    }),
    runArgv(opts.bins?.scontrol ?? "scontrol", [...m, "show", "config"], { timeoutMs, env: CLIENT_ENV }),
  ]);
  if (!ok(sq)) return { ok: false, jobIds: [] };
  const ids = [
    ...new Set(
      sq.stdout
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^\d+/.test(l))
        .map((l) => /^\d+/.exec(l)![0]),
    ),
  ];
  const age = ok(cfg) ? /^MinJobAge\s*=\s*(\d+)/m.exec(cfg.stdout) : null;
  return { ok: true, jobIds: ids, keepsFinishedSeconds: age ? Number(age[1]) : undefined };
}
