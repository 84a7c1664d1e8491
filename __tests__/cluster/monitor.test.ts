/**
 * The monitor tick against the real dev cluster: real jobs launched through
 * launch() (or, for an array, the rendered script submitted with --array),
 * driven to every outcome the cluster can produce, with the manifest, the
 * ledger line and metrics.json checked after each tick. One test uses a git
 * checkout with a bare remote and checks ONE commit per tick and none for an
 * idle tick, plus the state.json stage moves. Also: symlinks a job plants in
 * its run dir are never followed (nothing read through them is reported or
 * committed); a job id whose scheduler JobName is not the run's is another
 * job (unknown, never success); a commit-back retry never moves a run that
 * another writer (a cancel in another clone) advanced meanwhile backwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor, type MonitorOptions, type MonitorReport } from "../../src/commands/monitor/index.js";
import { CLI_ENTRY, cloneRepo, GIT_ENV, git as gitAsync, makeRepo, TSX_LOADER } from "../helpers/repo.js";
import { cancel } from "../../src/commands/cancel.js";
import { renderSlurmScript, sbatchArgv } from "../../src/scheduler/slurm-cli/render.js";
import { writeManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import type { AttemptRecord } from "../../src/domain/attempts.js";
import { runArgv } from "../../src/util/exec.js";
import {
  slurmOnPath,
  requireCluster,
  sbatchRaw,
  scancel,
  scontrol,
  waitForSacct,
  waitForState,
  realScheduler,
  endJobNow,
} from "../helpers/cluster.js";

const sinfoOnPath = slurmOnPath("__tests__/monitor.test.ts");

// ---------------------------------------------------------------------------
// A research repository in a temp dir

const RESULT_CLI = `echo '{"primary_metric": {"name": "acc", "value": 0.75}}' > "$AUTOLAB_RUN_DIR/result.json"`;
/**
 * Until no slurmstepd of the job is left on the node (this single-node cluster runs here): a
 * requeued or released job's next attempt may start only once the first is torn down.
 */
async function untilStepdGone(jobId: string): Promise<void> {
  for (let i = 0; ; i++) {
    const p = await runArgv("pgrep", ["-f", `slurmstepd: \\[${jobId}\\.`], { timeoutMs: 10_000 });
    if (p.code === 1) return;
    if (i > 120) throw new Error(`the first attempt's slurmstepd of job ${jobId} is still there after 120 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** First attempt sleeps (so it can be requeued), the second one ends at once with exit 0. */
const REQUEUE_CLI = `echo "attempt with restart count $AUTOLAB_RESTART_COUNT"; if [ -e "$AUTOLAB_RUN_DIR/attempt1" ]; then exit 0; fi; touch "$AUTOLAB_RUN_DIR/attempt1"; sleep 300`;

function design(
  id: string,
  cli: string,
  extra: Record<string, unknown> = {},
  compute: Record<string, unknown> = {},
): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug", ...compute },
    entrypoint: { cli },
    ...extra,
  });
}

function newRepo(iterations: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "autolab-monitor-"));
  for (const [id, text] of Object.entries(iterations)) {
    mkdirSync(path.join(root, "experiments", "in_progress", id), { recursive: true });
    writeFileSync(path.join(root, "experiments", "in_progress", id, "design.yaml"), text);
  }
  return root;
}

function runDir(root: string, it: string, runId: string): string {
  return path.join(root, "experiments", "in_progress", it, "runs", runId);
}
function manifestText(root: string, it: string, runId: string): string {
  return readFileSync(path.join(runDir(root, it, runId), "run_manifest.json"), "utf8");
}
function manifest(root: string, it: string, runId: string): RunManifest {
  return JSON.parse(manifestText(root, it, runId)) as RunManifest;
}
interface MetricsDoc {
  status: string;
  primary_metric: { name: string; value: number | null };
  missing_evidence: string[];
}
function metrics(root: string, it: string, runId: string): MetricsDoc {
  return JSON.parse(readFileSync(path.join(runDir(root, it, runId), "metrics.json"), "utf8"));
}
/** The run's ledger line's status (undefined when it has no line). */
function ledgerStatus(root: string, runId: string): string | undefined {
  const f = path.join(root, "docs", "slurm_job_list.md");
  if (!existsSync(f)) return undefined;
  const line = readFileSync(f, "utf8")
    .split("\n")
    .find((l) => l.includes(`run_id=${runId} `));
  return line ? /status=(\S+)$/.exec(line)?.[1] : undefined;
}

async function tick(root: string, extra: Partial<MonitorOptions> = {}): Promise<MonitorReport> {
  return monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 }, ...extra });
}

/** Manifest, ledger and metrics agree after a tick. */
function expectConsistent(root: string, it: string, runId: string): RunManifest {
  const m = manifest(root, it, runId);
  expect(ledgerStatus(root, runId)).toBe(m.status);
  if (m.status === "completed" || m.status === "failed") {
    expect(m.timestamps.completed_at).toBeTruthy();
    expect(m.completed_at).toBe(m.timestamps.completed_at);
    expect(existsSync(path.join(runDir(root, it, runId), "metrics.json"))).toBe(true);
  } else {
    expect(m.timestamps.completed_at).toBeUndefined();
  }
  // History only moves forward and ends where the status is.
  const h = m.history ?? [];
  expect(h.length).toBeGreaterThan(0);
  expect(h[h.length - 1].to).toBe(m.status);
  for (let i = 1; i < h.length; i++) expect(h[i].from).toBe(h[i - 1].to);
  for (const t of h) expect(t.evidence.length).toBeGreaterThan(0);
  return m;
}

function runOf(rep: MonitorReport, runId: string) {
  const r = rep.runs.find((x) => x.runId === runId);
  if (!r) throw new Error(`run ${runId} not in the tick's report: ${JSON.stringify(rep.runs.map((x) => x.runId))}`);
  return r;
}

async function waitForFile(file: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const launched: string[] = [];
async function launchRun(
  root: string,
  it: string,
  scheduler = realScheduler(),
): Promise<{ runId: string; jobId: string }> {
  const r = await launch({ scheduler, cwd: root, design: it, commit: false });
  expect(r.status).toBe("submitted");
  launched.push(r.jobId!);
  return { runId: r.runId, jobId: r.jobId! };
}

describe.skipIf(!sinfoOnPath)("monitor on the real cluster: every outcome", () => {
  let root: string;
  beforeAll(() => {
    requireCluster();
    root = newRepo({
      ok: design("ok", RESULT_CLI, {
        artifact_sync: { mode: "shared", outputs: ["result.json"] },
        extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
      }),
      fail3: design("fail3", "echo about to fail >&2; exit 3"),
      long: design("long", "sleep 300"),
      requeue: design("requeue", REQUEUE_CLI, {
        extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "acc", "value": 1}}'` },
      }),
      impossible: design("impossible", "true", {}, { partition: "short", walltime_estimate: "00:20:00" }),
      arr: design("arr", RESULT_CLI, { extract_parser: { kind: "command", command: "cat {run_dir}/result.json" } }),
    });
  });
  afterAll(async () => {
    for (const id of launched) await scancel(id).catch(() => undefined);
  });

  it("completed: submitted -> running -> synced -> completed, metrics from the parser; a repeated tick changes nothing", async () => {
    const { runId, jobId } = await launchRun(root, "ok");
    const first = await tick(root, { runId });
    const r1 = runOf(first, runId);
    expect(first.scheduler.ok).toBe(true);
    expect(["submitted", "running", "completed"]).toContain(r1.after);
    expectConsistent(root, "ok", runId);

    await waitForSacct(jobId);
    await tick(root, { runId });
    const m = expectConsistent(root, "ok", runId);
    expect(m.status).toBe("completed");
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    expect(m.slurm?.state).toBe("COMPLETED");
    expect(m.slurm?.exit_code).toBe("0:0");
    expect(m.slurm?.nodes).toBeTruthy();
    expect(m.slurm?.restarts).toBe(0);
    expect(m.slurm?.decision).toMatch(/COMPLETED.*sentinel exit 0/);
    expect(m.slurm?.outcome).toBe("succeeded");
    expect(m.artifact_sync_to_local.status).toBe("ok");
    const met = metrics(root, "ok", runId);
    expect(met.status).toBe("completed");
    expect(met.primary_metric).toMatchObject({ name: "acc", value: 0.75 });
    const summary = readFileSync(path.join(root, "experiments/in_progress/ok/analysis/summary.md"), "utf8");
    expect(summary).toContain(`<!-- autolab:run ${runId} begin -->`);

    // Late or repeated ticks are harmless: nothing is rewritten.
    const before = manifestText(root, "ok", runId);
    const again = await tick(root, { runId });
    expect(again.written).toEqual([]);
    expect(manifestText(root, "ok", runId)).toBe(before);
    // Terminal and extracted: the run is not even looked at again, and the scheduler is not asked.
    expect(again.runs).toEqual([]);
    expect(again.scheduler.calls).toBe(0);
  });

  it("exit 3: failed with reason exit_code, metrics.json says failed and why", async () => {
    const { runId, jobId } = await launchRun(root, "fail3");
    await waitForSacct(jobId);
    const rep = await tick(root, { runId });
    const r = runOf(rep, runId);
    expect(r.after).toBe("failed");
    expect(r.failureReason).toBe("exit_code");
    expect(r.logTail).toContain("about to fail");
    const m = expectConsistent(root, "fail3", runId);
    expect(m.slurm?.state).toBe("FAILED");
    expect(m.slurm?.exit_code).toBe("3:0");
    expect(m.slurm?.failure_reason).toBe("exit_code");
    expect((m.failure as Record<string, unknown>).reason).toBe("exit_code");
    const met = metrics(root, "fail3", runId);
    expect(met.status).toBe("failed");
    expect(met.primary_metric.value).toBeNull();
    expect(met.missing_evidence.join("\n")).toMatch(/exited with code 3/);
  });

  it("timeout (scontrol update EndTime=now): running, then failed with reason timeout", async () => {
    const { runId, jobId } = await launchRun(root, "long");
    await waitForState(jobId, (s) => s === "RUNNING");
    let rep = await tick(root, { runId });
    // sacct may lag behind the controller for a moment; the controller says RUNNING.
    expect(runOf(rep, runId).after).toBe("running");
    expectConsistent(root, "long", runId);
    // slurmctld refuses an EndTime that is not after the job's StartTime ("Invalid time
    // specified"): a job that started in this very second needs a second to be timed out.
    await new Promise((r) => setTimeout(r, 1100));
    await endJobNow(jobId);
    await waitForSacct(jobId);
    rep = await tick(root, { runId });
    expect(runOf(rep, runId).after).toBe("failed");
    const m = expectConsistent(root, "long", runId);
    expect(m.slurm?.state).toBe("TIMEOUT");
    expect(m.slurm?.failure_reason).toBe("timeout");
    expect(metrics(root, "long", runId).status).toBe("failed");
  });

  it("cancelled while running (autolab cancel): scancel, failed with reason cancelled; the next tick extracts", async () => {
    const { runId, jobId } = await launchRun(root, "long");
    await waitForState(jobId, (s) => s === "RUNNING");
    await tick(root, { runId });
    expect(manifest(root, "long", runId).status).toBe("running");
    const res = await cancel({ scheduler: realScheduler(), cwd: root, runId, commit: false, by: "tester" });
    expect(res.scancelled).toBe(true);
    expect(res.after).toBe("failed");
    await waitForState(jobId, (s) => s === "CANCELLED");
    let m = manifest(root, "long", runId);
    expect(m.status).toBe("failed");
    expect(m.slurm?.failure_reason).toBe("cancelled");
    expect(m.slurm?.cancelled_by).toBe("tester");
    expect(ledgerStatus(root, runId)).toBe("failed");
    const rep = await tick(root, { runId });
    expect(runOf(rep, runId).transitions).toEqual([]);
    m = expectConsistent(root, "long", runId);
    expect(metrics(root, "long", runId).status).toBe("failed");
  });

  it("a request that can never start (PartitionTimeLimit) fails fast: never_starts with the reason and a fix, and its job is cancelled", async () => {
    // Launch refuses this request at the door now (sbatch --test-only and the partition's MaxTime:
    // __tests__/cluster/admission.test.ts). The watchdog is for a job queued before its partition's
    // limit was lowered; to queue one here, this launch's test submission is told to pass (the
    // submission and everything after it are the real cluster's).
    const real = realScheduler();
    const queueAnyway = { ...real, testSubmit: async () => ({ ok: true, output: "", problems: [] }) };
    const { runId, jobId } = await launchRun(root, "impossible", queueAnyway);
    const rep = await tick(root, { runId });
    expect(runOf(rep, runId).after).toBe("failed");
    const m = expectConsistent(root, "impossible", runId);
    expect(m.slurm?.failure_reason).toBe("never_starts");
    // 20 min on a partition whose limit is 10 min: PartitionTimeLimit (PartitionConfig while the scheduler first looks).
    const failure = m.failure as { reason: string; pending_reason: string; hint: string; message: string };
    expect(failure.pending_reason).toMatch(/^Partition(TimeLimit|Config)$/);
    expect(failure.hint).toMatch(/design\.yaml/);
    expect(failure.message).toContain(jobId);
    await waitForSacct(jobId);
    expect(await waitForState(jobId, (st) => st !== "PENDING")).toBe("CANCELLED");
    expect(metrics(root, "impossible", runId).status).toBe("failed");
  });

  it("an array of 3 tasks: completed only when every task completed", async () => {
    const runId = "20261128T120000Z_a77a70";
    const iterationPath = "experiments/in_progress/arr";
    const dir = runDir(root, "arr", runId);
    mkdirSync(path.join(dir, "logs"), { recursive: true });
    const d = YAML.parse(readFileSync(path.join(root, iterationPath, "design.yaml"), "utf8"));
    const rendered = renderSlurmScript({
      design: d,
      runId,
      iterationId: "arr",
      iterationPath,
      repoRoot: root,
      pythonBin: "python3",
    });
    writeFileSync(path.join(dir, "run_slurm.sbatch"), rendered.script);
    const argv = sbatchArgv(`${iterationPath}/runs/${runId}/run_slurm.sbatch`, rendered, { runId, iterationId: "arr" });
    const jobId = await sbatchRaw(["--array=0-2", ...argv], { cwd: root });
    launched.push(jobId);
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const m0: RunManifest = {
      schema_version: "1.0",
      run_id: runId,
      iteration_id: "arr",
      launch_mode: "slurm",
      host_mode: "slurm",
      command: rendered.command,
      resource_request: { partition: "debug" },
      status: "submitted",
      artifact_sync_to_local: { status: "pending" },
      timestamps: { started_at: at },
      started_at: at,
      job_id: jobId,
      slurm: { job_id: jobId, job_name: rendered.jobName },
      history: [{ from: "pending", to: "submitted", at, evidence: `sbatch --array=0-2 returned job ${jobId}` }],
    };
    await writeManifest(path.join(dir, "run_manifest.json"), m0);
    // No ledger line yet: the tick reports the disagreement and adds it (the manifest wins).
    let rep = await tick(root, { runId });
    expect(rep.findings.some((f) => f.check === "ledger.disagrees" && f.message.includes(runId))).toBe(true);
    expect(ledgerStatus(root, runId)).toBe(manifest(root, "arr", runId).status);

    for (const t of [0, 1, 2]) await waitForSacct(`${jobId}_${t}`);
    rep = await tick(root, { runId });
    expect(runOf(rep, runId).after).toBe("completed");
    const m = expectConsistent(root, "arr", runId);
    const tasks = m.slurm?.array_tasks as Array<{ job_id: string; state: string; exit_code: string }>;
    expect(tasks.map((t) => t.job_id).sort()).toEqual([`${jobId}_0`, `${jobId}_1`, `${jobId}_2`]);
    expect(tasks.every((t) => t.state === "COMPLETED" && t.exit_code === "0:0")).toBe(true);
    expect(metrics(root, "arr", runId).primary_metric.value).toBe(0.75);
  });

  it("a requeued job never goes backwards: running stays running while the job is pending again, then completes", async () => {
    const { runId, jobId } = await launchRun(root, "requeue");
    await waitForState(jobId, (s) => s === "RUNNING");
    await waitForFile(path.join(runDir(root, "requeue", runId), "attempt1"));
    await tick(root, { runId });
    expect(manifest(root, "requeue", runId).status).toBe("running");
    await scontrol(["requeue", jobId]);
    await waitForState(jobId, (s) => s === "PENDING");
    let rep = await tick(root, { runId });
    let m = expectConsistent(root, "requeue", runId);
    expect(m.status).toBe("running");
    expect(runOf(rep, runId).transitions).toEqual([]);
    expect(m.slurm?.state).toBe("PENDING");
    expect(m.slurm?.restarts).toBe(1);
    // A requeued job waits ~2 min (Reason=BeginTime) before its second attempt. Wait until the first
    // attempt is torn down (no slurmstepd of the job left on this single-node cluster), then for the
    // second attempt itself (sentinel exit 0).
    await untilStepdGone(jobId);
    // No StartTime=now here: on a loaded machine a second attempt forced early still met the first
    // one's teardown and failed at launch (seen in CI). The job starts at its own begin time.
    const sentinel = path.join(runDir(root, "requeue", runId), "job_sentinel.json");
    for (let i = 0; i < 240; i++) {
      if (existsSync(sentinel) && /"exit_code":0\b/.test(readFileSync(sentinel, "utf8"))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await waitForSacct(jobId, 90_000);
    rep = await tick(root, { runId });
    expect(
      runOf(rep, runId).after,
      JSON.stringify({ manifest: manifest(root, "requeue", runId), findings: rep.findings }, null, 1),
    ).toBe("completed");
    m = expectConsistent(root, "requeue", runId);
    expect(m.slurm?.restarts).toBe(1);
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    expect(metrics(root, "requeue", runId).status).toBe("completed");
    // The requeue is recorded as a second attempt of the same job; both attempts' output is kept.
    const attempts = m.attempts as AttemptRecord[];
    expect(attempts.map((a) => [a.attempt, a.job_id, a.restart_count, a.cause, a.state])).toEqual([
      [1, jobId, 0, "launch", "REQUEUED"],
      [2, jobId, 1, "requeue", "COMPLETED"],
    ]);
    expect(attempts[0].start).toBeTruthy();
    expect(attempts[0].nodes).toBeTruthy();
    expect(attempts[1]).toMatchObject({ exit_code: "0:0", end: expect.any(String), start: expect.any(String) });
    const out = readFileSync(path.join(runDir(root, "requeue", runId), "logs", `slurm-${jobId}.out`), "utf8");
    expect(out).toContain("attempt with restart count 0\n");
    expect(out).toContain("attempt with restart count 1\n");
    // Its waits (teardown, the second attempt, its accounting row) can add up past the default 120 s.
  }, 300_000);

  it("SPECIAL_EXIT (scontrol requeuehold State=SpecialExit) holds the job: not a failure; the run waits with a warning, and completes once released", async () => {
    const { runId, jobId } = await launchRun(root, "requeue");
    await waitForState(jobId, (s) => s === "RUNNING");
    await waitForFile(path.join(runDir(root, "requeue", runId), "attempt1"));
    await tick(root, { runId });
    await scontrol(["requeuehold", "State=SpecialExit", jobId]);
    await waitForState(jobId, (s) => s === "SPECIAL_EXIT");
    let rep = await tick(root, { runId });
    let m = expectConsistent(root, "requeue", runId);
    expect(m.status).toBe("running");
    expect(m.failure).toBeUndefined();
    expect(m.slurm?.state).toBe("SPECIAL_EXIT");
    expect(rep.findings.find((f) => f.check === "scheduler.never_starts")?.message).toContain(runId);
    // A second tick while held changes nothing and stays a warning, never a failure.
    rep = await tick(root, { runId });
    expect(runOf(rep, runId).transitions).toEqual([]);
    await scontrol(["release", jobId]);
    // As for a requeue: the released job waits for its own begin time (~2 min), and is not
    // forced to start early (a forced start met the first attempt's teardown in CI).
    await untilStepdGone(jobId);
    const sentinel = path.join(runDir(root, "requeue", runId), "job_sentinel.json");
    for (let i = 0; i < 240; i++) {
      if (existsSync(sentinel) && /"exit_code":0\b/.test(readFileSync(sentinel, "utf8"))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await waitForSacct(jobId, 90_000);
    rep = await tick(root, { runId });
    expect(
      runOf(rep, runId).after,
      JSON.stringify({ manifest: manifest(root, "requeue", runId), findings: rep.findings }, null, 1),
    ).toBe("completed");
    m = expectConsistent(root, "requeue", runId);
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
  }, 420_000);

  it("one tick over the whole repository: every run is settled; dry run writes nothing", async () => {
    const { runId, jobId } = await launchRun(root, "ok");
    await waitForSacct(jobId);
    const text = manifestText(root, "ok", runId);
    const dry = await tick(root, { dryRun: true });
    expect(dry.written).toEqual([]);
    expect(manifestText(root, "ok", runId)).toBe(text);
    expect(runOf(dry, runId).transitions.map((t) => t.to)).toEqual(["running"]);
    const rep = await tick(root);
    expect(rep.scheduler.calls).toBe(2); // one sacct + one squeue
    expect(runOf(rep, runId).after).toBe("completed");
    // Everything else was already terminal and extracted: not even looked at again.
    expect(rep.runs.map((r) => r.runId)).toEqual([runId]);
    expect(rep.tracked).toBeGreaterThanOrEqual(7);
    expect(rep.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Git: one commit per tick, pushed; state.json moves

function g(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

describe.skipIf(!sinfoOnPath)("monitor in a git checkout with a remote", () => {
  it("makes exactly one commit per tick that changes something, none for an idle tick; state.json moves to update_docs", async () => {
    requireCluster();
    const base = mkdtempSync(path.join(tmpdir(), "autolab-monitor-git-"));
    const bare = path.join(base, "origin.git");
    g(base, "init", "--bare", "-b", "main", bare);
    const root = path.join(base, "work");
    g(base, "clone", bare, root);
    g(root, "config", "user.name", "Researcher");
    g(root, "config", "user.email", "r@example.org");
    mkdirSync(path.join(root, "experiments/in_progress/gitok"), { recursive: true });
    writeFileSync(
      path.join(root, "experiments/in_progress/gitok/design.yaml"),
      design("gitok", RESULT_CLI, {
        extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
      }),
    );
    mkdirSync(path.join(root, ".autolab"));
    writeFileSync(
      path.join(root, ".autolab/state.json"),
      JSON.stringify({ iteration_id: "gitok", stage: "launch", stage_attempt: 1, history: [] }, null, 2) + "\n",
    );
    writeFileSync(path.join(root, ".gitignore"), "");
    g(root, "add", "-A");
    g(root, "commit", "-m", "init");
    g(root, "push", "origin", "main");

    const l = await launch({ scheduler: realScheduler(), cwd: root, design: "gitok" });
    launched.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    let state = JSON.parse(readFileSync(path.join(root, ".autolab/state.json"), "utf8"));
    expect(state.stage).toBe("slurm_monitor");
    const afterLaunch = g(bare, "rev-list", "--count", "main");

    await waitForSacct(l.jobId!);
    const rep = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(runOf(rep, l.runId).after).toBe("completed");
    expect(rep.commit?.committed).toBe(true);
    expect(rep.commit?.pushed).toBe(true);
    expect(Number(g(bare, "rev-list", "--count", "main"))).toBe(Number(afterLaunch) + 1);
    const files = g(bare, "show", "--name-only", "--format=", "main").split("\n").sort();
    const rd = `experiments/in_progress/gitok/runs/${l.runId}`;
    expect(files).toEqual(
      expect.arrayContaining([
        ".autolab/state.json",
        "docs/slurm_job_list.md",
        "experiments/in_progress/gitok/analysis/summary.md",
        `${rd}/run_manifest.json`,
        `${rd}/metrics.json`,
        `${rd}/job_sentinel.json`,
        `${rd}/logs/slurm-${l.jobId}.out`,
      ]),
    );
    expect(g(bare, "log", "-1", "--format=%s", "main")).toMatch(/monitor tick: 1 run\(s\) advanced/);
    const committedLedger = g(bare, "show", "main:docs/slurm_job_list.md");
    expect(committedLedger).toContain(`run_id=${l.runId} | status=completed`);
    state = JSON.parse(readFileSync(path.join(root, ".autolab/state.json"), "utf8"));
    expect(state.stage).toBe("update_docs");
    expect(state.history.map((h: { stage_after: string }) => h.stage_after)).toEqual([
      "slurm_monitor",
      "extract_results",
      "update_docs",
    ]);

    // An idle tick: nothing to commit.
    const idle = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(idle.commit).toBeUndefined();
    expect(Number(g(bare, "rev-list", "--count", "main"))).toBe(Number(afterLaunch) + 1);
    // Nothing the tool owns is left uncommitted (the job's own outputs are not the tool's to commit).
    expect(g(root, "status", "--porcelain", "--untracked-files=no")).toBe("");
  });

  it("a tick whose push a pre-receive hook refuses reports it and exits 1; the next tick, with nothing new, pushes it (issue 10, item 7)", async () => {
    requireCluster();
    const base = mkdtempSync(path.join(tmpdir(), "autolab-monitor-refused-"));
    const bare = path.join(base, "origin.git");
    g(base, "init", "--bare", "-b", "main", bare);
    const root = path.join(base, "work");
    g(base, "clone", bare, root);
    g(root, "config", "user.name", "Researcher");
    g(root, "config", "user.email", "r@example.org");
    mkdirSync(path.join(root, "experiments/in_progress/refused"), { recursive: true });
    writeFileSync(path.join(root, "experiments/in_progress/refused/design.yaml"), design("refused", RESULT_CLI));
    g(root, "add", "-A");
    g(root, "commit", "-m", "init");
    g(root, "push", "origin", "main");
    const l = await launch({ scheduler: realScheduler(), cwd: root, design: "refused" });
    launched.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    const launchedHead = g(bare, "rev-parse", "main");

    // Branch protection, as a real pre-receive hook on the real bare remote.
    const hook = path.join(bare, "hooks", "pre-receive");
    writeFileSync(hook, "#!/bin/sh\necho 'protected branch: pushes to main need a review' >&2\nexit 1\n", {
      mode: 0o755,
    });
    await waitForSacct(l.jobId!);
    const cli = spawnSync(process.execPath, ["--import", TSX_LOADER, CLI_ENTRY, "monitor", "--json"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ...GIT_ENV, GITHUB_ACTIONS: undefined } as NodeJS.ProcessEnv,
      timeout: 120_000,
    });
    expect(cli.status).toBe(1);
    // The CLI's --json is in the files' snake_case (run_id); the rest of these keys are one word.
    const first = JSON.parse(cli.stdout) as Omit<MonitorReport, "runs"> & {
      runs: Array<{ run_id: string; after: string }>;
    };
    expect(first.runs.find((r) => r.run_id === l.runId)?.after).toBe("completed");
    expect(first.commit).toMatchObject({ committed: true, pushed: false });
    expect(first.commit?.unpushed).toMatchObject({ branch: "main", remote: "origin", ahead: 1 });
    const refusal = first.findings.find((f) => f.check === "git.push");
    expect(refusal?.severity).toBe("warning");
    expect(refusal?.message).toMatch(/main is 1 commit ahead of origin\/main/);
    expect(refusal?.message).toMatch(/protected branch: pushes to main need a review/);
    expect(g(bare, "rev-parse", "main")).toBe(launchedHead);
    expect(g(root, "rev-parse", "HEAD")).toBe(first.commit?.sha);

    // Still refused: an idle tick tries again and says so again.
    const stillRefused = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(stillRefused.commit).toMatchObject({ committed: false, pushed: false });
    expect(stillRefused.commit?.unpushed?.ahead).toBe(1);

    // The protection is lifted: the next tick has nothing new and pushes the backlog.
    rmSync(hook);
    const second = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(second.commit).toMatchObject({ committed: false, pushed: true, pushedBacklog: 1, sha: first.commit?.sha });
    expect(second.findings.find((f) => f.check === "git.push_backlog")?.message).toMatch(/pushed 1 commit of main/);
    expect(second.findings.find((f) => f.check === "git.push")).toBeUndefined();
    expect(g(bare, "rev-parse", "main")).toBe(first.commit?.sha);
    expect(g(bare, "show", `main:docs/slurm_job_list.md`)).toContain(`run_id=${l.runId} | status=completed`);
    // And an idle tick after that commits and pushes nothing.
    const idle = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(idle.commit).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Sync failures and recovery, unknown jobs, ledger disagreements

describe.skipIf(!sinfoOnPath)(
  "monitor: failed sync retried and recovered by hand; unknown jobs; the ledger follows the manifests",
  () => {
    it("a failed rsync keeps the run running and is retried without asking the scheduler again; local data survives; manual recovery completes the run", async () => {
      requireCluster();
      const remote = mkdtempSync(path.join(tmpdir(), "autolab-remote-"));
      const root = newRepo({
        rs: design("rs", "true", {
          artifact_sync: {
            mode: "rsync",
            source: `${remote}/{run_id}/`,
            outputs: ["outputs/model.txt"],
            retries: 0,
            timeout_seconds: 30,
          },
          extract_parser: { kind: "command", command: "cat {run_dir}/outputs/score.json" },
        }),
      });
      const { runId, jobId } = await launchRun(root, "rs");
      const rd = runDir(root, "rs", runId);
      writeFileSync(path.join(rd, "notes.txt"), "my local notes\n");
      await waitForSacct(jobId);

      // The remote directory does not exist yet: the sync fails, the run waits in "running".
      let rep = await tick(root, { runId });
      let m = expectConsistent(root, "rs", runId);
      expect(m.status).toBe("running");
      expect(m.slurm?.outcome).toBe("succeeded");
      expect(m.artifact_sync_to_local).toMatchObject({
        status: "failed",
        mode: "rsync",
        attempts: 1,
        total_attempts: 1,
      });
      expect(rep.findings.some((f) => f.check === "sync.failed" && f.message.includes(runId))).toBe(true);
      expect(existsSync(path.join(rd, "metrics.json"))).toBe(false);

      // Retried on the next tick, and the scheduler is not asked again about a job that is known to be done.
      rep = await tick(root, { runId });
      expect(rep.scheduler.calls).toBe(0);
      m = manifest(root, "rs", runId);
      expect(m.status).toBe("running");
      expect(m.artifact_sync_to_local.total_attempts).toBe(2);

      // Manual recovery: copy by hand, set the status to ok, run the monitor again.
      mkdirSync(path.join(remote, runId, "outputs"), { recursive: true });
      writeFileSync(path.join(remote, runId, "outputs/model.txt"), "weights\n");
      writeFileSync(
        path.join(remote, runId, "outputs/score.json"),
        JSON.stringify({ primary_metric: { name: "f1", value: 0.9 } }),
      );
      const r = spawnSync("rsync", ["-a", `${remote}/${runId}/`, `${rd}/`], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      m.artifact_sync_to_local = { ...m.artifact_sync_to_local, status: "ok" };
      writeFileSync(path.join(rd, "run_manifest.json"), JSON.stringify(m, null, 2) + "\n");
      rep = await tick(root, { runId });
      m = expectConsistent(root, "rs", runId);
      expect(m.status).toBe("completed");
      expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
      expect(metrics(root, "rs", runId)).toMatchObject({
        status: "completed",
        primary_metric: { name: "f1", value: 0.9 },
      });
      expect(readFileSync(path.join(rd, "notes.txt"), "utf8")).toBe("my local notes\n");
    });

    it("a job the scheduler never knew: a warning and no change within the grace period, then failed (unknown_job)", async () => {
      requireCluster();
      const root = newRepo({ ghost: design("ghost", "true") });
      const runId = "20261128T090000Z_0000aa";
      const at = "2026-11-28T09:00:00Z";
      const m0: RunManifest = {
        schema_version: "1.0",
        run_id: runId,
        iteration_id: "ghost",
        launch_mode: "slurm",
        host_mode: "slurm",
        command: "true",
        resource_request: {},
        status: "submitted",
        artifact_sync_to_local: { status: "pending" },
        timestamps: { started_at: at },
        started_at: at,
        job_id: "987654321",
        slurm: { job_id: "987654321" },
        history: [{ from: "pending", to: "submitted", at, evidence: "sbatch returned job 987654321" }],
      };
      await writeManifest(path.join(runDir(root, "ghost", runId), "run_manifest.json"), m0);
      const t0 = new Date();
      let rep = await tick(root, { now: () => t0 });
      expect(rep.findings.some((f) => f.check === "scheduler.unknown_job")).toBe(true);
      let m = manifest(root, "ghost", runId);
      expect(m.status).toBe("submitted");
      expect(m.slurm?.unknown_since).toBeTruthy();
      const text = manifestText(root, "ghost", runId);
      rep = await tick(root, { now: () => new Date(t0.getTime() + 60_000) });
      expect(manifestText(root, "ghost", runId)).toBe(text);
      rep = await tick(root, { now: () => new Date(t0.getTime() + 601_000) });
      m = expectConsistent(root, "ghost", runId);
      expect(m.status).toBe("failed");
      expect(m.slurm?.failure_reason).toBe("unknown_job");
      expect(metrics(root, "ghost", runId).status).toBe("failed");
    });

    it("ledger lines that disagree with a manifest are reported and rewritten (the manifest wins); lines without a manifest are reported", async () => {
      requireCluster();
      const root = newRepo({ led: design("led", "true") });
      const { runId, jobId } = await launchRun(root, "led");
      await waitForSacct(jobId);
      await tick(root);
      expect(ledgerStatus(root, runId)).toBe("completed");
      const f = path.join(root, "docs/slurm_job_list.md");
      const orig = readFileSync(f, "utf8");
      writeFileSync(
        f,
        orig.replace(`run_id=${runId} | status=completed`, `run_id=${runId} | status=running`) +
          "- 2026-01-01 | job_id=1 | iteration_id=led | run_id=20260101T000000Z_abcdef | status=completed\n",
      );
      const rep = await tick(root);
      const dis = rep.findings.find((x) => x.check === "ledger.disagrees")!;
      expect(dis.message).toContain("status=running");
      expect(dis.line).toBeGreaterThan(0);
      expect(ledgerStatus(root, runId)).toBe("completed");
      expect(
        rep.findings.some((x) => x.check === "ledger.no_manifest" && x.message.includes("20260101T000000Z_abcdef")),
      ).toBe(true);
      expect(readFileSync(f, "utf8")).toContain("run_id=20260101T000000Z_abcdef");
    });
  },
);

describe.skipIf(!sinfoOnPath)("monitor: COMPLETED 0:0 is a success only with the sentinel's exit 0", () => {
  it("a sentinel that is not there yet holds the run (warning) until it appears; one that says exit 5 fails the run", async () => {
    requireCluster();
    const root = newRepo({ s1: design("s1", "true"), s2: design("s2", "true") });
    const a = await launchRun(root, "s1");
    const b = await launchRun(root, "s2");
    await waitForSacct(a.jobId);
    await waitForSacct(b.jobId);
    const sentA = path.join(runDir(root, "s1", a.runId), "job_sentinel.json");
    const sentB = path.join(runDir(root, "s2", b.runId), "job_sentinel.json");
    // The sentinel has not reached this machine yet (a lagging shared filesystem): move it away.
    const saved = readFileSync(sentA, "utf8");
    rmSync(sentA);
    // A sentinel that disagrees with the scheduler.
    const sb = JSON.parse(readFileSync(sentB, "utf8"));
    expect(sb.exit_code).toBe(0);
    writeFileSync(sentB, JSON.stringify({ ...sb, exit_code: 5 }));

    let rep = await tick(root);
    let m = expectConsistent(root, "s1", a.runId);
    expect(m.status).toBe("running");
    expect(m.slurm?.outcome).toBe("succeeded");
    expect(m.slurm?.sentinel_missing_since).toBeTruthy();
    expect(rep.findings.some((f) => f.check === "monitor.sentinel_missing" && f.message.includes(a.runId))).toBe(true);
    const mb = expectConsistent(root, "s2", b.runId);
    expect(mb.status).toBe("failed");
    expect(mb.slurm?.failure_reason).toBe("exit_code");
    expect(mb.history!.at(-1)!.evidence).toMatch(/job_sentinel.json says exit 5/);
    expect(metrics(root, "s2", b.runId).status).toBe("failed");

    // Still missing on the next tick: nothing changes, the scheduler is not asked again.
    const text = manifestText(root, "s1", a.runId);
    rep = await tick(root);
    expect(rep.scheduler.calls).toBe(0);
    expect(manifestText(root, "s1", a.runId)).toBe(text);

    writeFileSync(sentA, saved);
    rep = await tick(root);
    m = expectConsistent(root, "s1", a.runId);
    expect(m.status).toBe("completed");
    expect(m.slurm?.sentinel_missing_since).toBeUndefined();
    expect(m.history!.find((h) => h.to === "synced")!.evidence).toMatch(/job_sentinel.json says exit 0/);
  });
});

// ---------------------------------------------------------------------------
// Symlinks planted by a job, recycled job ids, a retry that would move a run backwards

describe.skipIf(!sinfoOnPath)("monitor: symlinks in a run dir are never followed", () => {
  it("a job that links its .err log to a secret file: the secret is neither committed nor shown in the log tail; a warning names the link", async () => {
    requireCluster();
    const secretDir = mkdtempSync(path.join(tmpdir(), "autolab-secret-"));
    const secret = path.join(secretDir, "secret.txt");
    writeFileSync(secret, "TOP-SECRET-CONTENT-4711\n");
    const plant = `ln -sf ${secret} "$AUTOLAB_RUN_DIR/logs/slurm-$SLURM_JOB_ID.err"`;
    const root = newRepo({
      lnok: design("lnok", `${plant}; echo plain-stdout`),
      lnfail: design("lnfail", `${plant}; echo plain-stdout-of-failure; exit 3`),
    });
    const ok = await launchRun(root, "lnok");
    const bad = await launchRun(root, "lnfail");
    await waitForSacct(ok.jobId);
    await waitForSacct(bad.jobId);
    const rep = await tick(root);

    const errOk = path.join(runDir(root, "lnok", ok.runId), "logs", `slurm-${ok.jobId}.err`);
    const errBad = path.join(runDir(root, "lnfail", bad.runId), "logs", `slurm-${bad.jobId}.err`);
    expect(runOf(rep, ok.runId).after).toBe("completed");
    expect(runOf(rep, bad.runId).after).toBe("failed");
    // Nothing was read through the links: not written back into the tree, not in the report.
    expect(lstatSync(errOk).isSymbolicLink()).toBe(true);
    expect(lstatSync(errBad).isSymbolicLink()).toBe(true);
    const rel = (abs: string) => path.relative(root, abs);
    expect(rep.written).not.toContain(rel(errOk));
    expect(rep.written).not.toContain(rel(errBad));
    expect(rep.written).toContain(rel(path.join(runDir(root, "lnok", ok.runId), "logs", `slurm-${ok.jobId}.out`)));
    expect(runOf(rep, bad.runId).logTail ?? "").not.toContain("TOP-SECRET");
    expect(runOf(rep, bad.runId).logTail).toContain("plain-stdout-of-failure");
    expect(JSON.stringify(rep)).not.toContain("TOP-SECRET");
    const warned = rep.findings.filter((f) => f.check === "monitor.symlink").map((f) => f.file);
    expect(warned).toContain(rel(errOk));
    expect(warned).toContain(rel(errBad));
  });
});

describe.skipIf(!sinfoOnPath)("monitor: a job id is trusted only with its job name", () => {
  it("a manifest pointing at a real job with another name: a warning, never a success; unknown, then failed (unknown_job)", async () => {
    requireCluster();
    const root = newRepo({ recycled: design("recycled", "true") });
    const other = await sbatchRaw(["--job-name=someone-elses-job", "--wrap=true"]);
    launched.push(other);
    await waitForSacct(other);
    const runId = "20261128T080000Z_0000bb";
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const m0: RunManifest = {
      schema_version: "1.0",
      run_id: runId,
      iteration_id: "recycled",
      launch_mode: "slurm",
      host_mode: "slurm",
      command: "true",
      resource_request: {},
      status: "submitted",
      artifact_sync_to_local: { status: "pending" },
      timestamps: { started_at: at },
      started_at: at,
      job_id: other,
      slurm: { job_id: other, job_name: `autolab-${runId}` },
      history: [{ from: "pending", to: "submitted", at, evidence: `sbatch returned job ${other}` }],
    };
    await writeManifest(path.join(runDir(root, "recycled", runId), "run_manifest.json"), m0);
    const t0 = new Date();
    let rep = await tick(root, { runId, now: () => t0 });
    const f = rep.findings.find((x) => x.check === "scheduler.job_name_mismatch");
    expect(f?.message).toContain("someone-elses-job");
    expect(f?.severity).toBe("warning");
    let m = manifest(root, "recycled", runId);
    expect(m.status).toBe("submitted");
    expect(m.slurm?.state).toBeUndefined(); // the other job's state is not this run's
    expect(m.slurm?.unknown_since).toBeTruthy();
    rep = await tick(root, { runId, now: () => new Date(t0.getTime() + 601_000) });
    m = expectConsistent(root, "recycled", runId);
    expect(m.status).toBe("failed");
    expect(m.slurm?.failure_reason).toBe("unknown_job");
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "failed"]);
  });
});

/** The environment of a CLI child: ours with the test git identity, minus what GIT_ENV unsets. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries({ ...GIT_ENV, GITHUB_ACTIONS: undefined })) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

describe.skipIf(!sinfoOnPath)("monitor: a commit-back retry never moves a run backwards", () => {
  it("clone A cancels run R and pushes while clone B's tick (which saw R running) is on its way: B's retry keeps R failed", async () => {
    requireCluster();
    const a = await makeRepo({
      scaffold: false,
      remote: true,
      files: { "experiments/in_progress/race/design.yaml": design("race", "sleep 300") },
    });
    const l = await launch({ scheduler: realScheduler(), cwd: a.root, design: "race" });
    launched.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    const b = await cloneRepo(a.remote!, path.join(path.dirname(a.root), "clone-b"));
    await waitForState(l.jobId!, (st) => st === "RUNNING");

    // B asks the scheduler (R is RUNNING); right then A cancels R and pushes, so B's first push is rejected.
    let cancelled: ReturnType<typeof spawnSync> | undefined;
    const rep = await monitor({
      scheduler: realScheduler(),
      cwd: b,
      query: { timeoutMs: 20_000 },
      log: (line) => {
        if (!cancelled && line.startsWith("scheduler:")) {
          cancelled = spawnSync(
            process.execPath,
            ["--import", TSX_LOADER, CLI_ENTRY, "cancel", l.runId, "--by", "clone-a"],
            {
              cwd: a.root,
              env: cliEnv(),
              encoding: "utf8",
              timeout: 120_000,
            },
          );
        }
      },
    });
    expect(cancelled?.status, String(cancelled?.stderr)).toBe(0);
    expect(runOf(rep, l.runId).transitions.map((t) => t.to)).toEqual(["running"]); // what B decided from its answer

    const rel = l.manifestPath;
    const onRemote = JSON.parse(await gitAsync(a.remote!, "show", `main:${rel}`)) as RunManifest;
    expect(onRemote.status).toBe("failed");
    expect(onRemote.slurm?.cancelled_by).toBe("clone-a");
    const ledger = await gitAsync(a.remote!, "show", "main:docs/slurm_job_list.md");
    expect(ledger).toContain(`run_id=${l.runId} | status=failed`);
    expect(JSON.parse(readFileSync(path.join(b, rel), "utf8")).status).toBe("failed");
    expect(rep.findings.some((f) => f.check === "monitor.superseded" && f.message.includes(l.runId))).toBe(true);
  });
});
