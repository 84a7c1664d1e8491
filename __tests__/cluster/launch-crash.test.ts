/**
 * Launch faults, against the real SLURM dev cluster and real git:
 * - the process is killed between sbatch and the commit (issue 6): the rerun
 *   with the same launch key adopts the job by name; no second job;
 * - the process dies after writing the records but before committing: the
 *   rerun commits them without submitting;
 * - a launch run by a non-root user (autolab-ci) submits a job owned by that
 *   user, which runs in the user's checkout.
 * The CLI runs as a real child process (`node --import tsx src/cli/index.ts`).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import { canonicalLine, parseLedger } from "../../src/ledger/ledger.js";
import { launch } from "../../src/commands/launch/index.js";
import { keyJobName } from "../../src/store/journal.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { cliChild as cli, readJournalEntries, runChild } from "../helpers/crash.js";
import { clusterUp, scancel, scontrol, TEST_USER, waitForState, realScheduler } from "../helpers/cluster.js";

const PROJECT = path.resolve(__dirname, "../..");
const TSX = pathToFileURL(path.join(PROJECT, "node_modules/tsx/dist/loader.mjs")).href;
const CLI = path.join(PROJECT, "src/cli/index.ts");
const LEDGER = "docs/slurm_job_list.md";

if (!clusterUp()) {
  console.warn(
    "\n*** launch-crash.test.ts: SKIPPED — the SLURM dev cluster is not up (`sinfo` does not answer). " +
      "Start it with `bash scripts/dev-cluster.sh start`. ***\n",
  );
}

let tmp: string;
let counter = 0;
// A launch key names its job for the whole cluster (and accounting keeps it for weeks): each test run uses its own keys.
const NONCE = randomBytes(4).toString("hex");
const submitted: string[] = [];

async function g(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", ["-c", "safe.directory=*", ...args], {
    cwd,
    env: { LC_ALL: "C", GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
  });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/** A bare remote holding one SLURM iteration `it1`, and a clone to launch from. */
async function makeRepo(cli = "python3 -c 'print(1)'"): Promise<{ dir: string; remote: string; work: string }> {
  const dir = path.join(tmp, `case${++counter}`);
  await mkdir(dir, { recursive: true });
  const remote = path.join(dir, "remote.git");
  await g(dir, "init", "-q", "--bare", "-b", "main", remote);
  const seed = path.join(dir, "seed");
  await g(dir, "init", "-q", "-b", "main", seed);
  await writeFileAtomic(
    path.join(seed, "experiments/in_progress/it1/design.yaml"),
    `compute:\n  location: slurm\n  walltime_estimate: "00:02:00"\n  memory_estimate: 64M\n  cpus_per_task: 1\n  partition: debug\nentrypoint:\n  cli: ${JSON.stringify(cli)}\n`,
  );
  await g(seed, "add", "-A");
  await g(seed, "-c", "user.name=Researcher", "-c", "user.email=r@example.org", "commit", "-q", "-m", "experiments");
  await g(seed, "remote", "add", "origin", remote);
  await g(seed, "push", "-q", "origin", "main");
  const work = path.join(dir, "work");
  await g(dir, "clone", "-q", remote, work);
  return { dir, remote, work };
}

async function jobsNamed(name: string): Promise<string[]> {
  const ids = new Set<string>();
  const sq = await runArgv("squeue", ["--noheader", "--states=all", `--name=${name}`, "-o", "%i"], {
    timeoutMs: 30_000,
  });
  expect(sq.code, sq.stderr).toBe(0);
  for (const l of sq.stdout.split("\n")) if (l.trim()) ids.add(l.trim());
  const sa = await runArgv(
    "sacct",
    ["-X", "--noheader", "--parsable2", `--name=${name}`, "--starttime=now-1hours", "-o", "JobID"],
    { timeoutMs: 30_000 },
  );
  if (sa.code === 0) for (const l of sa.stdout.split("\n")) if (l.trim()) ids.add(l.trim());
  return [...ids];
}

/**
 * `autolab launch it1 --launch-key key` in `work`, SIGKILLed right after the
 * real sbatch created the job (before autolab read the job id). Why a fake
 * sbatch: no real program can be told to die at that instant; the wrapper
 * runs the real sbatch (so the job really exists) and then kills the autolab
 * process that called it. Version probes pass straight through.
 */
async function launchKilledAfterSbatch(dir: string, work: string, key: string) {
  const realSbatch = (await runArgv("sh", ["-c", "command -v sbatch"])).stdout.trim();
  const fakeBin = path.join(dir, "fake-bin-kill");
  await mkdir(fakeBin, { recursive: true });
  await writeFile(
    path.join(fakeBin, "sbatch"),
    [
      "#!/bin/bash",
      'case " $* " in',
      `  *" --parsable "*) ${JSON.stringify(realSbatch)} "$@"; rc=$?; kill -KILL "$PPID"; exit "$rc" ;;`,
      "esac",
      `exec ${JSON.stringify(realSbatch)} "$@"`,
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return cli(["launch", "it1", "--launch-key", key], work, { ...process.env, PATH: `${fakeBin}:${process.env.PATH}` });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-launch-crash-"));
  await chmod(tmp, 0o755); // the non-root test user must reach its checkout
});

afterAll(async () => {
  for (const id of submitted) await scancel(id).catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!clusterUp())("launch faults on the SLURM dev cluster", () => {
  it("killed between sbatch and the commit: the rerun with the same launch key adopts the job; no second job", async () => {
    const r = await makeRepo();
    const remoteBefore = (await g(r.remote, "rev-parse", "main")).trim();
    // Why a fake sbatch: the fault is "the runner dies right after sbatch
    // created the job, before autolab read the job id", and no real program
    // can be told to die at that instant. The wrapper runs the real sbatch
    // (so the job really exists) and then SIGKILLs the autolab process that
    // called it. Version probes (`sbatch --version`) pass straight through.
    const key = `github-run:acme/lab:987654:it1:${NONCE}`;
    const crashed = await launchKilledAfterSbatch(r.dir, r.work, key);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");

    // What the crash left: a journal entry (in .git), the script, a job; no manifest, no commit.
    const entries = await readJournalEntries(r.work);
    expect(entries).toHaveLength(1);
    const runId = entries[0].run_id;
    // A keyed launch names its job from the key (issue 10 item 1), so any checkout can find it.
    expect(entries[0]).toMatchObject({ key, iteration_id: "it1", job_name: keyJobName(key) });
    expect(entries[0].job_id).toBeUndefined();
    const runDir = `experiments/in_progress/it1/runs/${runId}`;
    expect(existsSync(path.join(r.work, runDir, "run_slurm.sbatch"))).toBe(true);
    expect(existsSync(path.join(r.work, runDir, "run_manifest.json"))).toBe(false);
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(remoteBefore);
    const jobs = await jobsNamed(keyJobName(key));
    expect(jobs).toHaveLength(1);
    submitted.push(jobs[0]);

    // The rerun (real sbatch) adopts that job.
    const rerun = await cli(["launch", "it1", "--launch-key", key], r.work);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`run_id:    ${runId}`);
    expect(rerun.stdout).toContain(`job_id:    ${jobs[0]}`);
    expect(rerun.stdout).toContain("adopted");
    expect(await jobsNamed(keyJobName(key))).toEqual(jobs);

    const rel = `${runDir}/run_manifest.json`;
    const m: RunManifest = (await readManifest(path.join(r.work, rel), rel)).data;
    expect(m).toMatchObject({
      status: "submitted",
      job_id: jobs[0],
      slurm: { job_id: jobs[0], adopted: true, adopted_by: "job name" },
    });
    expect(m.timestamps.started_at).toBe(entries[0].created_at);
    expect((m.launch as Record<string, unknown>).launch_key).toBe(key);
    // Manifest, ledger and scripts landed in one commit on the remote.
    expect(JSON.parse(await g(r.remote, "show", `main:${rel}`))).toEqual(m);
    const ledgerText = await g(r.remote, "show", `main:${LEDGER}`);
    expect(parseLedger(ledgerText).entries.map((e) => e.runId)).toEqual([runId]);
    expect(ledgerText).toContain(canonicalLine(m) + "\n");
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");

    // And once more: the run is reused, nothing submitted, nothing committed.
    const third = await cli(["launch", "it1", "--launch-key", key], r.work);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain("already launched; nothing submitted");
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");
    expect(await jobsNamed(keyJobName(key))).toEqual(jobs);
  });

  it("sbatch keeps failing transiently: retried, then nothing is left behind; the same key later submits that run", async () => {
    const r = await makeRepo("true");
    const realSbatch = (await runArgv("sh", ["-c", "command -v sbatch"])).stdout.trim();
    // Why a fake sbatch: a controller that times out is a real outage of the one shared
    // dev cluster (other test files use it at the same time); the fake answers the
    // submission as sbatch does when slurmctld does not respond, and counts the calls.
    const fakeBin = path.join(r.dir, "fake-bin");
    const calls = path.join(r.dir, "sbatch-calls");
    await mkdir(fakeBin);
    await writeFile(
      path.join(fakeBin, "sbatch"),
      [
        "#!/bin/bash",
        'case " $* " in',
        `  *" --parsable "*) echo submit >>${JSON.stringify(calls)}; echo "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation" >&2; exit 1 ;;`,
        "esac",
        `exec ${JSON.stringify(realSbatch)} "$@"`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const key = `transient-1:${NONCE}`;
    const savedPath = process.env.PATH;
    let err: unknown;
    process.env.PATH = `${fakeBin}:${savedPath}`;
    try {
      err = await launch({
        scheduler: realScheduler(),
        cwd: r.work,
        design: "it1",
        launchKey: key,
        submit: { retries: 1, baseDelayMs: 10 },
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
    } finally {
      process.env.PATH = savedPath;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain("Socket timed out on send/recv operation");
    expect((await readFile(calls, "utf8")).trim().split("\n")).toHaveLength(2);
    // Nothing half-written in the work tree; the journal keeps the run id for the retry.
    expect(await g(r.work, "status", "--porcelain", "--untracked-files=all")).toBe("");
    const entries = await readJournalEntries(r.work);
    expect(entries).toHaveLength(1);
    const retry = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", launchKey: key });
    submitted.push(retry.jobId!);
    expect(retry).toMatchObject({ runId: entries[0].run_id, status: "submitted", adopted: false, reused: false });
    expect(await jobsNamed(keyJobName(key))).toEqual([retry.jobId]);
    expect((await readJournalEntries(r.work))[0].job_id).toBe(retry.jobId);
  });

  it("records written but never committed: the relaunch commits them without submitting", async () => {
    const r = await makeRepo("true");
    const before = (await g(r.remote, "rev-parse", "main")).trim();
    const firstTry = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", commit: false });
    submitted.push(firstTry.jobId!);
    expect(firstTry.commit).toBeUndefined();
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(before);
    const again = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", runId: firstTry.runId });
    expect(again).toMatchObject({ reused: true, jobId: firstTry.jobId, status: "submitted" });
    expect(again.commit?.committed).toBe(true);
    expect(again.commit?.pushed).toBe(true);
    const files = (await g(r.remote, "show", "--name-only", "--format=", "main")).trim().split("\n");
    expect(files).toContain(firstTry.manifestPath);
    expect(files).toContain(LEDGER);
    expect(await jobsNamed(`autolab-${firstTry.runId}`)).toEqual([firstTry.jobId]);
  });

  it("a run directory lost without any journal: --run-id finds the job by its name and adopts it", async () => {
    const r = await makeRepo("true");
    const lost = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", commit: false });
    submitted.push(lost.jobId!);
    await rm(path.join(r.work, "experiments/in_progress/it1/runs"), { recursive: true, force: true });
    await rm(path.join(r.work, "docs"), { recursive: true, force: true });
    const again = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", runId: lost.runId });
    expect(again).toMatchObject({
      runId: lost.runId,
      jobId: lost.jobId,
      adopted: true,
      reused: false,
      status: "submitted",
    });
    const m = (await readManifest(path.join(r.work, again.manifestPath), again.manifestPath)).data;
    expect(m.slurm).toMatchObject({ job_id: lost.jobId, adopted: true, adopted_by: "job name" });
    expect(existsSync(path.join(r.work, "experiments/in_progress/it1/runs", lost.runId, "run_slurm.sbatch"))).toBe(
      true,
    );
    expect(await jobsNamed(`autolab-${lost.runId}`)).toEqual([lost.jobId]);
    expect(await g(r.remote, "show", `main:${LEDGER}`)).toContain(`job_id=${lost.jobId} `);
  });

  it("a launch by the non-root user autolab-ci submits a job owned by that user, which runs in its checkout", async () => {
    const r = await makeRepo();
    const home = path.join(r.dir, "home");
    await mkdir(home);
    const chown = await runArgv("chown", ["-R", `${TEST_USER}:${TEST_USER}`, r.dir]);
    expect(chown.code, chown.stderr).toBe(0);
    await chmod(r.dir, 0o755);
    const res = await runChild(
      "runuser",
      ["-u", TEST_USER, "--", process.execPath, "--import", TSX, CLI, "launch", "it1"],
      {
        cwd: r.work,
        env: { ...process.env, HOME: home },
      },
    );
    expect(res.code, res.stderr).toBe(0);
    const jobId = /job_id:\s+(\d+)/.exec(res.stdout)?.[1];
    const runId = /run_id:\s+(\S+)/.exec(res.stdout)?.[1];
    expect(jobId).toBeDefined();
    submitted.push(jobId!);
    const job = await scontrol(["show", "job", "-o", jobId!]);
    expect(job).toMatch(new RegExp(` UserId=${TEST_USER}\\(\\d+\\) `));
    expect(job).toContain(`JobName=autolab-${runId} `);
    const rel = `experiments/in_progress/it1/runs/${runId}/run_manifest.json`;
    const m = JSON.parse(await g(r.remote, "show", `main:${rel}`));
    expect(m.launch.launched_by).toBe(TEST_USER);
    expect(
      await waitForState(jobId!, (s) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(s), 100_000),
    ).toBe("COMPLETED");
    const sentinel = JSON.parse(
      await readFile(path.join(r.work, `experiments/in_progress/it1/runs/${runId}/job_sentinel.json`), "utf8"),
    );
    expect(sentinel).toMatchObject({ job_id: jobId, exit_code: 0 });
  });
});

/** Two clones of one remote, cloned before anything was launched; the first launched with `key` (and pushed). */
async function twoClonesFirstLaunched(key: string) {
  const r = await makeRepo("sleep 30");
  const other = path.join(r.dir, "other");
  await g(r.dir, "clone", "-q", r.remote, other);
  const first = await launch({ scheduler: realScheduler(), cwd: r.work, design: "it1", launchKey: key });
  if (first.jobId) submitted.push(first.jobId);
  return { r, other, first };
}

describe.skipIf(!clusterUp())("one launch key, many checkouts (issue 10 item 1)", () => {
  it("two fresh clones launch with the same key: one sbatch; the second reuses the first's run id after pulling", async () => {
    const key = `github-run:acme/lab:111222:it1:${NONCE}`;
    const { r, other: second, first } = await twoClonesFirstLaunched(key);
    expect(first).toMatchObject({ status: "submitted", reused: false, adopted: false });
    expect(first.commit?.pushed).toBe(true);

    // The re-run lands in the other clone (its own git dir: no journal entry for the key).
    await g(second, "pull", "-q", "--ff-only");
    expect(await readJournalEntries(second)).toEqual([]);
    const again = await launch({ scheduler: realScheduler(), cwd: second, design: "it1", launchKey: key });
    if (again.jobId && again.jobId !== first.jobId) submitted.push(again.jobId);
    expect(again).toMatchObject({ runId: first.runId, jobId: first.jobId, reused: true });
    expect(await jobsNamed(keyJobName(key))).toEqual([first.jobId]);
    expect(await jobsNamed(`autolab-${again.runId}`)).toEqual([]);
    const ledger = parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => e.runId)).toEqual([first.runId]);
  });

  it("the runner died right after sbatch: a fresh clone with the same key adopts the orphan job and records it once", async () => {
    const r = await makeRepo("sleep 30");
    const remoteBefore = (await g(r.remote, "rev-parse", "main")).trim();
    const key = `github-run:acme/lab:333444:it1:${NONCE}`;
    const crashed = await launchKilledAfterSbatch(r.dir, r.work, key);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const orphanRun = (await readJournalEntries(r.work))[0].run_id;
    const jobs = await jobsNamed(keyJobName(key));
    expect(jobs).toHaveLength(1);
    submitted.push(jobs[0]);
    // No record anywhere but the dead runner's git dir.
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(remoteBefore);

    const fresh = path.join(r.dir, "fresh");
    await g(r.dir, "clone", "-q", r.remote, fresh);
    const res = await cli(["launch", "it1", "--launch-key", key], fresh);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`run_id:    ${orphanRun}`);
    expect(res.stdout).toContain(`job_id:    ${jobs[0]}`);
    expect(res.stdout).toContain("adopted");
    expect(await jobsNamed(keyJobName(key))).toEqual(jobs);

    const rel = `experiments/in_progress/it1/runs/${orphanRun}/run_manifest.json`;
    const m = JSON.parse(await g(r.remote, "show", `main:${rel}`)) as RunManifest;
    expect(m).toMatchObject({
      run_id: orphanRun,
      status: "submitted",
      job_id: jobs[0],
      slurm: { job_id: jobs[0], job_name: keyJobName(key), adopted: true, adopted_by: "job name" },
      launch: { launch_key: key },
    });
    const ledger = parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => [e.runId, e.jobId])).toEqual([[orphanRun, jobs[0]]]);

    // The same key from yet another clone (of the branch with that record): reused, no second job.
    const late = path.join(r.dir, "late");
    await g(r.dir, "clone", "-q", r.remote, late);
    const third = await launch({ scheduler: realScheduler(), cwd: late, design: "it1", launchKey: key });
    expect(third).toMatchObject({ runId: orphanRun, jobId: jobs[0], reused: true });
    expect(await jobsNamed(keyJobName(key))).toEqual(jobs);
  });

  it("a clone that has not pulled the first launch's record: the key's job is adopted under its run, one job, one ledger line", async () => {
    const key = `github-run:acme/lab:555666:it1:${NONCE}`;
    const { r, other: stale, first } = await twoClonesFirstLaunched(key);
    expect(first.commit?.pushed).toBe(true);
    // The other clone still has the old head: no manifest, no journal for the key.
    const again = await launch({ scheduler: realScheduler(), cwd: stale, design: "it1", launchKey: key });
    if (again.jobId && again.jobId !== first.jobId) submitted.push(again.jobId);
    expect(again).toMatchObject({ runId: first.runId, jobId: first.jobId });
    expect(await jobsNamed(keyJobName(key))).toEqual([first.jobId]);
    const ledger = parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => [e.runId, e.jobId])).toEqual([[first.runId, first.jobId]]);
    const rel = first.manifestPath;
    const m = JSON.parse(await g(r.remote, "show", `main:${rel}`)) as RunManifest;
    expect(m).toMatchObject({ run_id: first.runId, job_id: first.jobId, status: "submitted" });
  });
});
