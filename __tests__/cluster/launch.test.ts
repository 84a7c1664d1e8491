/**
 * The launch stage end to end, against the real SLURM dev cluster and real
 * git (clones of a bare remote in a temp dir): submission and what the
 * scheduler sees, idempotent relaunch, a permanent sbatch refusal, hostile
 * design values, dry run, local mode, a host without SLURM, four launches
 * racing for one branch, and the state machine move. The crash-adoption and
 * non-root cases are in launch-crash.test.ts.
 */
import { personIdentity } from "../../src/git/identity.js";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as launchCommand } from "../../src/cli/commands/launch.js";
import type { CliIO } from "../../src/cli/command.js";
import { readManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import { BOT_IDENTITY } from "../../src/git/commitback.js";
import { canonicalLine, parseLedger } from "../../src/ledger/ledger.js";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { runVerify } from "../../src/verify/index.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { keyJobName } from "../../src/store/journal.js";
import { clusterUp, scancel, scontrol, waitForState, realScheduler } from "../helpers/cluster.js";

const PROJECT = path.resolve(__dirname, "../..");
const TSX = pathToFileURL(path.join(PROJECT, "node_modules/tsx/dist/loader.mjs")).href;
const CLI = path.join(PROJECT, "src/cli/index.ts");
const LEDGER = "docs/slurm_job_list.md";

if (!clusterUp()) {
  console.warn(
    "\n*** launch.test.ts: SKIPPED — the SLURM dev cluster is not up (`sinfo` does not answer). " +
      "Start it with `bash scripts/dev-cluster.sh start`. ***\n",
  );
}

let tmp: string;
let counter = 0;
// A launch key names its job for the whole cluster (and accounting keeps it for weeks): each test run uses its own keys.
const NONCE = randomBytes(4).toString("hex");
const submitted: string[] = [];

/** git for setup and inspection (never the code under test); throws with stderr. */
async function g(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", ["-c", "safe.directory=*", ...args], {
    cwd,
    env: { LC_ALL: "C", GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
  });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

interface Repo {
  remote: string;
  work: string;
}

/**
 * A bare remote whose `main` holds `files` (repo-relative path -> text),
 * committed by a human identity, and a clone of it to launch from.
 */
async function makeRepo(files: Record<string, string>): Promise<Repo> {
  const dir = path.join(tmp, `case${++counter}`);
  await mkdir(dir, { recursive: true });
  const remote = path.join(dir, "remote.git");
  await g(dir, "init", "-q", "--bare", "-b", "main", remote);
  const seed = path.join(dir, "seed");
  await g(dir, "init", "-q", "-b", "main", seed);
  for (const [rel, text] of Object.entries(files)) await writeFileAtomic(path.join(seed, rel), text);
  await g(seed, "add", "-A");
  await g(seed, "-c", "user.name=Researcher", "-c", "user.email=r@example.org", "commit", "-q", "-m", "experiments");
  await g(seed, "remote", "add", "origin", remote);
  await g(seed, "push", "-q", "origin", "main");
  const work = await cloneOf(remote, dir, "work");
  return { remote, work };
}

async function cloneOf(remote: string, dir: string, name: string): Promise<string> {
  const work = path.join(dir, name);
  await g(dir, "clone", "-q", remote, work);
  return work;
}

/** A SLURM design: partition short, 3 minutes, 64M, 1 cpu (not the cluster's defaults). */
function slurmDesign(o: { cli?: string; partition?: string; memory?: string; extra?: string } = {}): string {
  return [
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:03:00"',
    `  memory_estimate: ${o.memory ?? "64M"}`,
    "  cpus_per_task: 1",
    `  partition: ${o.partition ?? "short"}`,
    "entrypoint:",
    `  cli: ${JSON.stringify(o.cli ?? "python3 -c 'print(1)'")}`,
    ...(o.extra ? [o.extra] : []),
    "",
  ].join("\n");
}

function designPath(it: string): string {
  return `experiments/in_progress/${it}/design.yaml`;
}

function io(cwd: string): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: process.env, stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
}

/** Job ids named `name`, from the controller (all states) and accounting. */
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

async function remoteFile(remote: string, rel: string): Promise<string> {
  return g(remote, "show", `main:${rel}`);
}

async function manifestOf(work: string, r: LaunchResult): Promise<RunManifest> {
  return (await readManifest(path.join(work, r.manifestPath), r.manifestPath)).data;
}

/** Everything the work tree holds that git does not (untracked included). */
async function porcelain(work: string): Promise<string> {
  return g(work, "status", "--porcelain", "--untracked-files=all");
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-launch-"));
});

afterAll(async () => {
  for (const id of submitted) await scancel(id).catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!clusterUp())("launch on the SLURM dev cluster", () => {
  let repo: Repo;
  let first: LaunchResult;

  it("submits the job, writes a full manifest, the ledger line and state, and pushes one bot commit", async () => {
    const state = {
      iteration_id: "it1",
      stage: "launch",
      stage_attempt: 2,
      max_stage_attempts: 3,
      history: [
        {
          timestamp: "2026-11-27T10:00:00Z",
          stage_before: "implementation_review",
          stage_after: "launch",
          status: "complete",
        },
      ],
    };
    repo = await makeRepo({
      [designPath("it1")]: slurmDesign(),
      ".autolab/state.json": JSON.stringify(state, null, 2) + "\n",
      "README.md": "project\n",
    });
    const remoteBefore = (await g(repo.remote, "rev-parse", "main")).trim();
    const headBefore = (await g(repo.work, "rev-parse", "HEAD")).trim();
    const logs: string[] = [];
    first = await launch({
      scheduler: realScheduler(),
      cwd: repo.work,
      design: "it1",
      log: (s) => logs.push(s),
      launchedBy: "alice",
    });
    expect(first.status).toBe("submitted");
    expect(first.jobId).toMatch(/^\d+$/);
    submitted.push(first.jobId!);
    expect(first.reused).toBe(false);
    expect(first.adopted).toBe(false);
    expect(first.runId).toMatch(/^\d{8}T\d{6}Z_[0-9a-f]{6}$/);

    // The manifest: schema-valid (readManifest validates) with every launch field.
    const m = await manifestOf(repo.work, first);
    expect(m.status).toBe("submitted");
    expect(m.host_mode).toBe("slurm");
    expect(m.artifact_sync_to_local.status).toBe("pending");
    expect(m.job_id).toBe(first.jobId);
    expect(m.slurm?.job_id).toBe(first.jobId);
    expect(m.slurm?.job_name).toBe(`autolab-${first.runId}`);
    expect(m.resource_request).toMatchObject({
      partition: "short",
      cpus: 1,
      memory: "64M",
      walltime: "00:03:00",
      job_id: first.jobId,
    });
    expect(m.resource_request.sbatch_directives).toContain("--partition=short");
    expect(m.command).toMatch(
      /^sbatch --parsable .*RUN_ID=.*AUTOLAB_RUN_ID=.*AUTOLAB_ITERATION_ID=it1.* experiments\/in_progress\/it1\/runs\/.*\/run_slurm\.sbatch$/,
    );
    expect(m.timestamps.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(m.timestamps.completed_at).toBeUndefined();
    const launchRec = m.launch as Record<string, unknown>;
    expect(launchRec.git_revision).toBe(headBefore);
    expect(launchRec.launched_by).toBe("alice");
    expect(launchRec.entrypoint_command).toBe("python3 -c 'print(1)'");
    expect(m.history?.[0]).toMatchObject({ from: "pending", to: "submitted" });

    // One commit on the remote, by the bot, with the scripts, the manifest and the ledger.
    const remoteAfter = (await g(repo.remote, "rev-parse", "main")).trim();
    expect((await g(repo.remote, "rev-parse", "main^")).trim()).toBe(remoteBefore);
    expect(remoteAfter).toBe(first.commit?.sha);
    expect(first.commit?.pushed).toBe(true);
    const [author, email] = (await g(repo.remote, "log", "-1", "--format=%an%n%ae", "main")).trim().split("\n");
    expect(author).toBe(BOT_IDENTITY.name);
    expect(email).toBe(BOT_IDENTITY.email);
    const files = (await g(repo.remote, "show", "--name-only", "--format=", "main")).trim().split("\n").sort();
    const runDir = `experiments/in_progress/it1/runs/${first.runId}`;
    expect(files).toEqual(
      [
        ".autolab/state.json",
        LEDGER,
        "experiments/in_progress/it1/launch/run_slurm.sbatch",
        `${runDir}/run_manifest.json`,
        `${runDir}/run_slurm.sbatch`,
      ].sort(),
    );
    // The committed manifest is the one on disk; the ledger holds the canonical line once.
    expect(JSON.parse(await remoteFile(repo.remote, `${runDir}/run_manifest.json`))).toEqual(m);
    const ledger = parseLedger(await remoteFile(repo.remote, LEDGER));
    expect(ledger.problems).toEqual([]);
    expect(ledger.entries.filter((e) => e.runId === first.runId)).toHaveLength(1);
    expect(await remoteFile(repo.remote, LEDGER)).toContain(canonicalLine(m) + "\n");

    // state.json moved launch -> slurm_monitor, with history.
    const st = JSON.parse(await remoteFile(repo.remote, ".autolab/state.json"));
    expect(st).toMatchObject({
      stage: "slurm_monitor",
      stage_attempt: 0,
      last_run_id: first.runId,
      pending_run_id: first.runId,
      sync_status: "pending",
    });
    expect(st.history).toHaveLength(2);
    expect(st.history[1]).toMatchObject({ stage_before: "launch", stage_after: "slurm_monitor", run_id: first.runId });

    // What the scheduler got.
    const job = await scontrol(["show", "job", "-o", first.jobId!]);
    expect(job).toContain(`JobName=autolab-${first.runId} `);
    expect(job).toContain(" Partition=short ");
    expect(job).toContain(" TimeLimit=00:03:00 ");
    expect(job).toMatch(/ NumCPUs=1 /);
    expect(job).toMatch(/ CPUs\/Task=1 /);
    expect(job).toMatch(/ MinMemoryNode=64M /);
    expect(job).toContain(` WorkDir=${repo.work} `);

    // The job runs to its end and leaves its evidence in the run directory.
    expect(
      await waitForState(
        first.jobId!,
        (s) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(s),
        100_000,
      ),
    ).toBe("COMPLETED");
    const sentinel = JSON.parse(await readFile(path.join(repo.work, runDir, "job_sentinel.json"), "utf8"));
    expect(sentinel).toMatchObject({ run_id: first.runId, job_id: first.jobId, exit_code: 0 });
    expect(await readFile(path.join(repo.work, runDir, "logs", `slurm-${first.jobId}.out`), "utf8")).toContain("1");

    // The verifier agrees with what launch recorded.
    const rep = await runVerify({ repoRoot: repo.work, stage: "launch", runCommands: false });
    expect(rep.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("a relaunch of the same run (through the CLI command) submits nothing and makes no commit", async () => {
    const sink = io(repo.work);
    const code = await launchCommand.run(["it1", "--run-id", first.runId], sink);
    expect(code).toBe(0);
    expect(sink.out.join("")).toContain("already launched; nothing submitted");
    expect(sink.out.join("")).toContain(`job_id:    ${first.jobId}`);
    expect(sink.out.join("")).toContain("commit:    none");
    expect(await jobsNamed(`autolab-${first.runId}`)).toEqual([first.jobId]);
    expect((await g(repo.remote, "rev-parse", "main")).trim()).toBe(first.commit?.sha);
  });

  it("a request sbatch --test-only refuses is refused before anything is written: the design's line, exit 1, no job", async () => {
    const r = await makeRepo({ [designPath("big0")]: slurmDesign({ memory: "100000G", partition: "debug" }) });
    const head = (await g(r.work, "rev-parse", "HEAD")).trim();
    const sink = io(r.work);
    const e = (await launchCommand
      .run(["big0", "--launch-key", `refusal-0-${NONCE}`], sink)
      .catch((x) => x)) as AutolabError;
    expect(e).toBeInstanceOf(AutolabError);
    expect(e.exitCode).toBe(1);
    expect(e.location).toMatchObject({ file: "experiments/in_progress/big0/design.yaml", line: 4 });
    expect(e.message).toContain("compute.memory_estimate: 100000G of memory");
    expect(e.message).toContain("Requested node configuration is not available");
    expect(existsSync(path.join(r.work, "experiments/in_progress/big0/runs"))).toBe(false);
    expect((await g(r.work, "status", "--porcelain")).trim()).toBe("");
    expect((await g(r.work, "rev-parse", "HEAD")).trim()).toBe(head);
    expect(await jobsNamed(keyJobName(`refusal-0-${NONCE}`))).toEqual([]);
  });

  it("a permanent sbatch refusal writes a failed manifest with sbatch's words, commits it, and exits 1", async () => {
    const r = await makeRepo({ [designPath("big")]: slurmDesign({ memory: "100000G", partition: "debug" }) });
    const sink = io(r.work);
    // A refusal only sbatch itself makes (the request became impossible between the
    // test submission and the submission, e.g. a node taken out meanwhile): the
    // launch's test submission is told to pass so that the real sbatch refuses.
    const real = realScheduler();
    const passing = { ...real, testSubmit: async () => ({ ok: true, output: "", problems: [] }) };
    const launchPassing = async (argv: string[], s: ReturnType<typeof io>) => {
      const res = await launch({ scheduler: passing, cwd: r.work, design: argv[0], launchKey: argv[2] });
      if (res.error) s.err.push(res.error);
      return res.status === "failed" ? 1 : 0;
    };
    const code = await launchPassing(["big", "--launch-key", `refusal-1-${NONCE}`], sink);
    expect(code).toBe(1);
    const err = sink.err.join("");
    expect(err).toContain("Requested node configuration is not available");
    const runs = await readdir(path.join(r.work, "experiments/in_progress/big/runs"));
    expect(runs).toHaveLength(1);
    const rel = `experiments/in_progress/big/runs/${runs[0]}/run_manifest.json`;
    const m = (await readManifest(path.join(r.work, rel), rel)).data;
    expect(m.status).toBe("failed");
    expect(m.timestamps.completed_at).toMatch(/Z$/);
    expect(m.completed_at).toBe(m.timestamps.completed_at);
    expect(m.job_id).toBeUndefined();
    expect(m.slurm?.submit_error).toContain("Requested node configuration is not available");
    expect(m.history?.[0]).toMatchObject({ from: "pending", to: "failed" });
    // The refusal is committed and pushed; no ledger line (the ledger lists SLURM jobs, and there is none).
    expect(JSON.parse(await remoteFile(r.remote, rel))).toEqual(m);
    expect(await g(r.remote, "ls-tree", "-r", "--name-only", "main")).not.toContain(LEDGER);
    // SLURM still spends a job id on a refused submission and keeps it (State FAILED,
    // reason BadConstraints, never started) in squeue/sacct; nothing else may carry the name.
    const refusedIds = await jobsNamed(keyJobName(`refusal-1-${NONCE}`));
    expect(refusedIds.length).toBeLessThanOrEqual(1);
    for (const id of refusedIds)
      expect(await scontrol(["show", "job", "-o", id])).toMatch(/ JobState=FAILED Reason=BadConstraints /);
    // The same launch key again: the failed run is reported, nothing is submitted.
    const again = io(r.work);
    expect(await launchCommand.run(["big", "--launch-key", `refusal-1-${NONCE}`], again)).toBe(1);
    expect(again.out.join("")).toContain("already launched");
    expect(await readdir(path.join(r.work, "experiments/in_progress/big/runs"))).toEqual(runs);
    expect(await jobsNamed(keyJobName(`refusal-1-${NONCE}`))).toEqual(refusedIds);
  });

  it("a setup line that breaks the script (unbalanced quote) is refused before sbatch (bash -n): failed run, no job", async () => {
    const r = await makeRepo({
      [designPath("broken")]: slurmDesign({ extra: `runtime:\n  setup:\n    - "echo \\"unbalanced"\n` }),
    });
    const sink = io(r.work);
    expect(await launchCommand.run(["broken", "--launch-key", `bash-n-1-${NONCE}`], sink)).toBe(1);
    const runs = await readdir(path.join(r.work, "experiments/in_progress/broken/runs"));
    const rel = `experiments/in_progress/broken/runs/${runs[0]}/run_manifest.json`;
    const m = (await readManifest(path.join(r.work, rel), rel)).data;
    expect(m.status).toBe("failed");
    expect(m.slurm?.submit_error).toContain("bash -n");
    expect(m.job_id).toBeUndefined();
    expect(await jobsNamed(`autolab-${runs[0]}`)).toEqual([]);
  });

  it("refuses hostile or malformed designs naming design.yaml and the line, and changes nothing", async () => {
    const marker = path.join(tmp, "pwned");
    const designs: Record<string, { text: string; line: number }> = {
      // A line break that would start a second #SBATCH line.
      newline: { text: slurmDesign({ partition: JSON.stringify("debug\n#SBATCH --wrap=touch " + marker) }), line: 6 },
      // Command substitution in a directive value.
      subst: {
        text: slurmDesign().replace("  cpus_per_task: 1\n", `  cpus_per_task: 1\n  qos: "$(touch ${marker})"\n`),
        line: 6,
      },
      // A setup line posing as a directive (caught by the renderer, located through the design's source map).
      setup: {
        text: slurmDesign({ extra: `runtime:\n  setup:\n    - "echo ok"\n    - "#SBATCH --wrap=touch ${marker}"` }),
        line: 12,
      },
      // An option the tool sets itself.
      option: {
        text: slurmDesign().replace(
          "  partition: short\n",
          `  partition: short\n  sbatch_options:\n    - "--output=${marker}"\n`,
        ),
        line: 8,
      },
      // Not valid YAML: a key given twice.
      broken: { text: "compute:\n  location: slurm\n  partition: debug\n  location: local\n", line: 4 },
    };
    const files: Record<string, string> = {};
    for (const [it, d] of Object.entries(designs)) files[designPath(it)] = d.text;
    const r = await makeRepo(files);
    const head = (await g(r.work, "rev-parse", "HEAD")).trim();
    for (const [it, d] of Object.entries(designs)) {
      const err = await launch({
        scheduler: realScheduler(),
        cwd: r.work,
        design: it,
        launchKey: `hostile-${it}-${NONCE}`,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, it).toBeInstanceOf(AutolabError);
      const e = err as AutolabError;
      expect(e.location.file, `${it}: ${e.message}`).toBe(designPath(it));
      expect(e.location.line, `${it}: ${e.message}`).toBe(d.line);
    }
    expect(await porcelain(r.work)).toBe("");
    expect((await g(r.work, "rev-parse", "HEAD")).trim()).toBe(head);
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(head);
    expect(existsSync(path.join(r.work, ".git/autolab/launch-journal"))).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });

  it("--dry-run prints the script, the sbatch argv and sbatch --test-only's answer; writes and submits nothing", async () => {
    const r = await makeRepo({ [designPath("dry")]: slurmDesign() });
    const sink = io(r.work);
    expect(await launchCommand.run(["dry", "--dry-run"], sink)).toBe(0);
    const out = sink.out.join("");
    const runId = /# autolab job script: run (\S+) of iteration dry/.exec(out)?.[1];
    expect(runId).toBeDefined();
    expect(out).toContain("#!/bin/bash\n#SBATCH --job-name=autolab-" + runId);
    expect(out).toContain("#SBATCH --partition=short");
    expect(out).toContain(
      `# --- sbatch argv ---\n["sbatch","--parsable","--export=ALL,RUN_ID=${runId},AUTOLAB_RUN_ID=${runId},AUTOLAB_ITERATION_ID=dry"`,
    );
    // sbatch's own answer: "sbatch: Job <n> to start at <time> using 1 processors on nodes localhost in partition short"
    expect(out).toMatch(/# --- sbatch --test-only: ok ---\n.*to start at .* partition short/);
    expect(await porcelain(r.work)).toBe("");
    expect(existsSync(path.join(r.work, ".git/autolab"))).toBe(false);
    expect(await jobsNamed(`autolab-${runId}`)).toEqual([]);
  });

  it("--dry-run reports sbatch --test-only's refusal with exit 1", async () => {
    const r = await makeRepo({ [designPath("drybig")]: slurmDesign({ memory: "100000G", partition: "debug" }) });
    const sink = io(r.work);
    expect(await launchCommand.run(["drybig", "--dry-run"], sink)).toBe(1);
    expect(sink.out.join("")).toMatch(
      /sbatch --test-only: REFUSED ---\n.*Requested node configuration is not available/,
    );
    expect(await porcelain(r.work)).toBe("");
  });

  it("local mode runs run_local.sh: completed (sync ok), partial (a declared output missing), failed (exit 3)", async () => {
    const local = (cli: string, extra = "") =>
      `compute:\n  location: local\n  walltime_estimate: "00:01:00"\nentrypoint:\n  cli: ${JSON.stringify(cli)}\n${extra}`;
    const state = { iteration_id: "ok", stage: "launch", stage_attempt: 0 };
    const r = await makeRepo({
      [designPath("ok")]: local('echo "answer=$AUTOLAB_RUN_ID"'),
      [designPath("part")]: local("true", "artifact_sync:\n  outputs: [result.txt]\n"),
      [designPath("bad")]: local("echo oops >&2; exit 3"),
      ".autolab/state.json": JSON.stringify(state) + "\n",
    });
    const ok = await launch({ scheduler: realScheduler(), cwd: r.work, design: "ok" });
    expect(ok.status).toBe("completed");
    const m = await manifestOf(r.work, ok);
    expect(m).toMatchObject({ host_mode: "local", status: "completed", artifact_sync_to_local: { status: "ok" } });
    expect(m.timestamps.completed_at).toBeDefined();
    const runDir = `experiments/in_progress/ok/runs/${ok.runId}`;
    expect(await remoteFile(r.remote, `${runDir}/logs/run_local.out`)).toBe(`answer=${ok.runId}\n`);
    expect(JSON.parse(await remoteFile(r.remote, `${runDir}/job_sentinel.json`))).toMatchObject({ exit_code: 0 });
    expect(await remoteFile(r.remote, "experiments/in_progress/ok/launch/run_local.sh")).toContain("#!/bin/bash");
    expect(JSON.parse(await remoteFile(r.remote, ".autolab/state.json"))).toMatchObject({
      stage: "extract_results",
      last_run_id: ok.runId,
      sync_status: "ok",
    });
    expect(await g(r.remote, "ls-tree", "-r", "--name-only", "main")).not.toContain(LEDGER);

    const part = await launch({ scheduler: realScheduler(), cwd: r.work, design: "part" });
    expect(part.status).toBe("partial");
    expect((await manifestOf(r.work, part)).artifact_sync_to_local).toMatchObject({
      status: "ok",
      missing: ["result.txt"],
    });

    const bad = await launch({ scheduler: realScheduler(), cwd: r.work, design: "bad" });
    expect(bad.status).toBe("failed");
    const bm = await manifestOf(r.work, bad);
    expect(bm).toMatchObject({ status: "failed", failure: { reason: "exit_code", exit_code: 3 } });
    expect(
      await readFile(path.join(r.work, `experiments/in_progress/bad/runs/${bad.runId}/logs/run_local.err`), "utf8"),
    ).toBe("oops\n");
    expect(await porcelain(r.work)).toBe("");
  });

  it("a SLURM design on a host without SLURM fails before anything is written, saying what was probed", async () => {
    const r = await makeRepo({ [designPath("nos")]: slurmDesign() });
    // A PATH with git and nothing else: sbatch and friends live in /usr/bin, so PATH=/usr/bin would still find them.
    const bin = path.join(tmp, "bin-git-only");
    await mkdir(bin, { recursive: true });
    const gitPath = (await runArgv("sh", ["-c", "command -v git"])).stdout.trim();
    await symlink(gitPath, path.join(bin, "git")).catch(() => undefined);
    const res = await runChild(
      process.execPath,
      ["--import", TSX, CLI, "launch", "nos", "--launch-key", `k-nos-${NONCE}`],
      {
        cwd: r.work,
        env: { ...process.env, PATH: bin },
      },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${designPath("nos")}:2:`);
    expect(res.stderr).toContain("cannot submit to SLURM");
    expect(res.stderr).toMatch(/sbatch --version: not on PATH/);
    expect(res.stderr).toMatch(/squeue -V: not on PATH/);
    expect(await porcelain(r.work)).toBe("");
    expect(existsSync(path.join(r.work, ".git/autolab"))).toBe(false);
    // A dry run still shows the script there, and says why sbatch --test-only was not run.
    const dry = await runChild(process.execPath, ["--import", TSX, CLI, "launch", "nos", "--dry-run"], {
      cwd: r.work,
      env: { ...process.env, PATH: bin },
    });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("#SBATCH --partition=short");
    expect(dry.stdout).toMatch(/sbatch --test-only: not run ---\nthis host cannot submit to SLURM/);
    expect(await porcelain(r.work)).toBe("");
  });

  it("--branch commits to another branch; --no-push keeps the commit local", async () => {
    const r = await makeRepo({ [designPath("br")]: slurmDesign({ cli: "true", partition: "debug" }) });
    const main = (await g(r.remote, "rev-parse", "main")).trim();
    const sink = io(r.work);
    expect(await launchCommand.run(["br", "--branch", "autolab/runs", "--launch-key", `branch-1-${NONCE}`], sink)).toBe(
      0,
    );
    const jobId = /job_id:\s+(\d+)/.exec(sink.out.join(""))?.[1];
    submitted.push(jobId!);
    expect(sink.out.join("")).toContain("pushed to autolab/runs");
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(main);
    expect((await g(r.remote, "rev-parse", "autolab/runs^")).trim()).toBe(main);
    expect(await g(r.remote, "show", "autolab/runs:docs/slurm_job_list.md")).toContain(
      `job_id=${jobId} | iteration_id=br`,
    );
    // The checked-out branch did not move.
    expect((await g(r.work, "rev-parse", "HEAD")).trim()).toBe(main);

    const local = io(r.work);
    expect(await launchCommand.run(["br", "--no-push"], local)).toBe(0);
    const jobId2 = /job_id:\s+(\d+)/.exec(local.out.join(""))?.[1];
    submitted.push(jobId2!);
    expect(local.out.join("")).not.toContain("pushed");
    const head = (await g(r.work, "rev-parse", "HEAD")).trim();
    expect(head).not.toBe(main);
    // A person's CLI launch is authored as that person (git's identity), the bot only when git has none.
    const person = await personIdentity(r.work);
    expect((await g(r.work, "log", "-1", "--format=%an", "HEAD")).trim()).toBe(person?.name ?? BOT_IDENTITY.name);
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(main);
    const runId2 = /run_id:\s+(\S+)/.exec(local.out.join(""))?.[1];
    expect(await g(r.work, "show", "--name-only", "--format=", "HEAD")).toContain(`runs/${runId2}/run_manifest.json`);
    expect(await porcelain(r.work)).not.toContain(runId2);
  });

  it("outside a git checkout: writes the records and commits nothing", async () => {
    const dir = path.join(tmp, "plain");
    await writeFileAtomic(
      path.join(dir, designPath("loc")),
      'compute:\n  location: local\nentrypoint:\n  cli: "echo plain"\n',
    );
    const res = await launch({ scheduler: realScheduler(), cwd: dir, design: designPath("loc") });
    expect(res.status).toBe("completed");
    expect(res.commit).toBeUndefined();
    expect((await readManifest(path.join(dir, res.manifestPath), res.manifestPath)).data.status).toBe("completed");
  });

  it("four launches from four clones race for one branch: every manifest and ledger line lands once", async () => {
    const its = ["r1", "r2", "r3", "r4"];
    const files: Record<string, string> = { [LEDGER]: "# SLURM job list\n\nNotes by hand stay.\n\n" };
    for (const it of its) files[designPath(it)] = slurmDesign({ cli: "true", partition: "debug" });
    const r = await makeRepo(files);
    const dir = path.dirname(r.work);
    const clones = await Promise.all(its.map((it) => cloneOf(r.remote, dir, `clone-${it}`)));
    const results = await Promise.all(
      its.map((it, i) => launch({ scheduler: realScheduler(), cwd: clones[i], design: it })),
    );
    for (const res of results) {
      expect(res.status).toBe("submitted");
      submitted.push(res.jobId!);
      expect(res.commit?.pushed).toBe(true);
    }
    const check = await cloneOf(r.remote, dir, "check");
    const ledgerText = await readFile(path.join(check, LEDGER), "utf8");
    expect(ledgerText).toContain("Notes by hand stay.");
    const ledger = parseLedger(ledgerText);
    expect(ledger.problems).toEqual([]);
    expect(ledger.entries).toHaveLength(4);
    for (const res of results) {
      const m = (await readManifest(path.join(check, res.manifestPath), res.manifestPath)).data;
      expect(m.job_id).toBe(res.jobId);
      expect(ledger.entries.filter((e) => e.runId === res.runId)).toHaveLength(1);
      expect(ledgerText).toContain(canonicalLine(m) + "\n");
      expect(await jobsNamed(`autolab-${res.runId}`)).toEqual([res.jobId]);
    }
    // Exactly one launch commit per run on top of the seed commit.
    const subjects = (await g(r.remote, "log", "--format=%s", "main")).trim().split("\n");
    expect(subjects.filter((s) => s.startsWith("autolab: launch"))).toHaveLength(4);
  });
});

/** Run a child process to its end (a real CLI invocation). */
function runChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
