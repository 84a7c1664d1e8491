/**
 * Test helpers for the real single-node SLURM dev cluster started by
 * `scripts/dev-cluster.sh start` (see docs/dev-cluster.md).
 *
 * Small and stable on purpose: many test files use it. Every call to a SLURM
 * client goes through `runArgv` with a timeout (a stopped slurmctld makes
 * clients wait ~10 s per request), except the one synchronous `sinfo` probe in
 * `clusterUp`, which must be sync so it can decide `describe.skipIf` at load time.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describeFailure, ok, runArgv, type ExecResult } from "../../src/util/exec.js";
import type { Scheduler } from "../../src/scheduler/port.js";
import { slurmCli, type SlurmCliOptions } from "../../src/scheduler/slurm-cli/index.js";

/** The non-root user the dev cluster creates; it can submit jobs. */
export const TEST_USER = "autolab-ci";

/** Absolute path of scripts/dev-cluster.sh. */
export const DEV_CLUSTER_SCRIPT = fileURLToPath(new URL("../../scripts/dev-cluster.sh", import.meta.url));

export type DaemonName = "slurmctld" | "slurmdbd" | "munged" | "mariadb" | "slurmd" | "slurmctld2" | "slurmd2";

const CLIENT_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 600_000; // a cold start on a fresh CI machine installs packages
const POLL_MS = 250;

/** States after which a job never changes again (sacct / scontrol spelling). */
const TERMINAL_STATES = new Set([
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "TIMEOUT",
  "OUT_OF_MEMORY",
  "NODE_FAIL",
  "PREEMPTED",
  "BOOT_FAIL",
  "DEADLINE",
  "REVOKED",
]);

let upCache: boolean | undefined;

/** True when `sinfo` answers (synchronous; cached for the life of the process). */
export function clusterUp(): boolean {
  if (upCache === undefined) {
    const r = spawnSync("sinfo", ["-h", "-o", "%P %a"], {
      timeout: 20_000,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    upCache = r.error === undefined && r.status === 0 && r.stdout.trim() !== "";
  }
  if (!upCache) noSkipInCi("the dev cluster does not answer `sinfo`");
  return upCache;
}

/**
 * On a developer's machine a cluster test file without a cluster is skipped
 * (loudly); in CI (`CI` set, as `.ci/run` does after starting the cluster) it
 * fails: a skipped test there would pass while showing nothing.
 */
function noSkipInCi(why: string): void {
  if (process.env.CI) {
    throw new Error(`${why}, and CI must run every cluster test (start it: bash ${DEV_CLUSTER_SCRIPT} start)`);
  }
}

/** Throws (loudly, with the command to run) when the dev cluster is not up. Call it in beforeAll. */
export function requireCluster(): void {
  if (clusterUp()) return;
  throw new Error(
    "The SLURM dev cluster is not up (`sinfo` does not answer). Start it as root with:\n" +
      `    bash ${DEV_CLUSTER_SCRIPT} start\n` +
      "(`start --fresh` wipes its state first; `status` shows which daemon is down; see docs/dev-cluster.md).",
  );
}

function fail(what: string, r: ExecResult): never {
  throw new Error(`${what} failed: ${describeFailure(r)}`);
}

let scratch: string | undefined;

/** A world-writable directory for this process, so job output never lands in the repository. */
function scratchDir(): string {
  if (scratch === undefined) {
    scratch = mkdtempSync(join(tmpdir(), "autolab-sbatch-"));
    chmodSync(scratch, 0o1777);
  }
  return scratch;
}

/**
 * `sbatch --parsable <args>`; returns the job id (`12` from `12` or `12;cluster`).
 * With `user`, submits as that user through `runuser -u` (the caller must be root).
 * Runs in `cwd`, default a per-process world-writable scratch directory, so
 * `slurm-<id>.out` of `--wrap` jobs does not land in the working tree.
 */
export async function sbatchRaw(args: string[], opts: { user?: string; cwd?: string } = {}): Promise<string> {
  const sbatchArgs = args.includes("--parsable") ? args : ["--parsable", ...args];
  const [cmd, argv] = opts.user
    ? ["runuser", ["-u", opts.user, "--", "sbatch", ...sbatchArgs]]
    : ["sbatch", sbatchArgs];
  const r = await runArgv(cmd, argv, { cwd: opts.cwd ?? scratchDir(), timeoutMs: CLIENT_TIMEOUT_MS });
  if (!ok(r)) fail(`sbatch ${args.join(" ")}`, r);
  const id = r.stdout.trim().split("\n").pop()!.split(";")[0].trim();
  if (!/^\d+(_\d+)?$/.test(id)) throw new Error(`sbatch printed no job id: ${JSON.stringify(r.stdout)}`);
  return id;
}

/** `scontrol <args>`; returns stdout, throws on failure. */
export async function scontrol(args: string[]): Promise<string> {
  const r = await runArgv("scontrol", args, { timeoutMs: CLIENT_TIMEOUT_MS });
  if (!ok(r)) fail(`scontrol ${args.join(" ")}`, r);
  return r.stdout;
}

/**
 * `scontrol update JobId=<id> EndTime=now`: the running job's time is up, and slurmctld ends it as
 * TIMEOUT at its next time-limit check. scontrol reads "now" itself and slurmctld refuses an end
 * before its own now or the job's start ("Invalid time specified"): when a second turns in between,
 * or the job started this very second, it is asked again a moment later.
 */
export async function endJobNow(jobId: string): Promise<void> {
  for (let i = 0; ; i++) {
    const r = await runArgv("scontrol", ["update", `JobId=${jobId}`, "EndTime=now"], { timeoutMs: CLIENT_TIMEOUT_MS });
    if (ok(r)) return;
    if (i >= 10 || !/Invalid time specified/i.test(r.stderr)) fail(`scontrol update JobId=${jobId} EndTime=now`, r);
    await new Promise((res) => setTimeout(res, 1500));
  }
}

/** `scancel <jobId>`; throws on failure (an unknown id is not a failure for scancel). */
export async function scancel(jobId: string): Promise<void> {
  const r = await runArgv("scancel", [jobId], { timeoutMs: CLIENT_TIMEOUT_MS });
  if (!ok(r)) fail(`scancel ${jobId}`, r);
}

/** First word, upper case: `CANCELLED by 0` -> `CANCELLED`. */
function normState(s: string): string {
  return s.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
}

interface SacctRow {
  jobId: string;
  state: string;
  end: string;
}

async function sacctRows(jobId: string): Promise<SacctRow[] | undefined> {
  const r = await runArgv("sacct", ["-j", jobId, "--parsable2", "--noheader", "-o", "JobID,State,End"], {
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  if (!ok(r)) return undefined;
  return r.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [id = "", state = "", end = ""] = l.split("|");
      return { jobId: id, state: normState(state), end: end.trim() };
    });
}

/** The job's current state: scontrol while slurmctld knows it, else sacct's main row. */
async function currentState(jobId: string): Promise<string | undefined> {
  const r = await runArgv("scontrol", ["show", "job", "-o", jobId], { timeoutMs: CLIENT_TIMEOUT_MS });
  if (ok(r)) {
    const m = /(?:^|\s)JobState=(\S+)/.exec(r.stdout);
    if (m) return normState(m[1]);
  }
  const rows = await sacctRows(jobId);
  return rows?.find((row) => row.jobId === jobId)?.state;
}

/**
 * Polls until `pred(state)` holds and returns that state (upper case, first word,
 * e.g. `RUNNING`, `COMPLETED`, `CANCELLED`). Throws with the last state seen on timeout.
 */
export async function waitForState(
  jobId: string,
  pred: (state: string) => boolean,
  timeoutMs = 180_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    last = (await currentState(jobId)) ?? last;
    if (last !== undefined && pred(last)) return last;
    if (Date.now() >= deadline) {
      throw new Error(
        `job ${jobId}: state condition not met within ${timeoutMs} ms (last state: ${last ?? "unknown"})`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Polls until sacct has the job's final row: a terminal State and End set. */
export async function waitForSacct(jobId: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no row";
  for (;;) {
    const rows = await sacctRows(jobId);
    const main = rows?.find((row) => row.jobId === jobId);
    if (rows === undefined) last = "sacct failed";
    else if (main) {
      last = `${main.state} End=${main.end || "(empty)"}`;
      if (TERMINAL_STATES.has(main.state) && main.end !== "" && main.end !== "Unknown") return;
    }
    if (Date.now() >= deadline)
      throw new Error(`job ${jobId}: no final sacct row within ${timeoutMs} ms (last: ${last})`);
    await sleep(POLL_MS);
  }
}

/** Polls until sacct has any row for the job (slurmdbd records a new job a moment after sbatch). */
export async function waitForSacctRow(jobId: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await sacctRows(jobId);
    if (rows?.some((row) => row.jobId === jobId)) return;
    if (Date.now() >= deadline) throw new Error(`job ${jobId}: no sacct row within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
}

async function runScript(args: string[], timeoutMs: number): Promise<void> {
  const r = await runArgv("bash", [DEV_CLUSTER_SCRIPT, ...args], { timeoutMs });
  if (!ok(r)) {
    throw new Error(`${DEV_CLUSTER_SCRIPT} ${args.join(" ")} failed: ${describeFailure(r)}\n${r.stderr}`);
  }
}

/** Stops one daemon (a real outage): `scripts/dev-cluster.sh stop-daemon <name>`. */
export async function stopDaemon(name: DaemonName): Promise<void> {
  upCache = undefined;
  await runScript(["stop-daemon", name], 60_000);
}

/** `scripts/dev-cluster.sh start`: starts whatever is down and waits until jobs can be submitted. */
export async function startCluster(): Promise<void> {
  await runScript(["start"], START_TIMEOUT_MS);
  upCache = true;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether `sinfo` is on PATH (a SLURM host). When not, says loudly that the
 * named test file's cluster tests are skipped and how to start the cluster.
 */
export function slurmOnPath(testFile: string): boolean {
  const found = spawnSync("sh", ["-c", "command -v sinfo"], { encoding: "utf8" }).status === 0;
  if (!found) {
    noSkipInCi(`${testFile}: \`sinfo\` is not on PATH`);
    console.warn(
      `\n*** SKIPPING ${testFile}: \`sinfo\` is not on PATH, so there is no SLURM here. ` +
        `Start the dev cluster with: bash ${DEV_CLUSTER_SCRIPT} start ***\n`,
    );
  }
  return found;
}

/** The scheduler the cluster tests give to commands: the real SLURM command-line adapter. */
export function realScheduler(opts: SlurmCliOptions = {}): Scheduler {
  return slurmCli(opts);
}

/** The SLURM client programs a counting wrapper directory covers. */
export const SLURM_PROGRAMS = ["sacct", "squeue", "scontrol", "sinfo", "scancel", "sbatch"];

/**
 * Counting wrappers (a wrapper, not a fake: the real cluster answers every
 * call): in `dir`, one script per SLURM client that appends `<name> <epoch
 * seconds>` to `log`, then execs the real program. Put `dir` first on PATH.
 */
export function makeCallWrappers(dir: string, log: string): void {
  for (const p of SLURM_PROGRAMS) {
    const real = spawnSync("sh", ["-c", `command -v ${p}`], { encoding: "utf8" }).stdout.trim();
    if (!real) throw new Error(`${p} is not on PATH`);
    const f = join(dir, p);
    writeFileSync(f, `#!/bin/sh\nprintf '%s %s\\n' ${p} "$(date +%s.%N)" >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(f, 0o755);
  }
}

/** The calls a wrapper directory logged, in order: program and time (epoch seconds). */
export function loggedCalls(log: string): Array<{ prog: string; at: number }> {
  return readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [prog, at] = l.split(" ");
      return { prog, at: Number(at) };
    });
}

/**
 * Polls `probe` every `everyMs` until it gives a value (not undefined) and returns it; throws
 * naming `what` after `timeoutMs`.
 */
export async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 90_000,
  everyMs = 1000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * The shell line a test job starts with to wait for its gate: the job runs on once `file`
 * exists, so the test decides when it ends, however slow the machine.
 */
export const awaitGate = (file: string): string => `while [ ! -e ${file} ]; do sleep 0.2; done`;

/** A design.yaml for a short SLURM job on the debug partition running `cli`, with a parser that always answers. */
export function debugDesign(id: string, cli: string): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
    entrypoint: { cli },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.1}}'` },
  });
}
