/**
 * `autolab watch` on the real cluster, as a long-lived child process (the CLI
 * through tsx), with counting wrappers first on its PATH (as in
 * monitor-calls.test.ts: each wrapper logs its name and the time, then execs
 * the real program, so the real cluster answers every call).
 *
 * Shows: the watcher commits a job's end to the remote without any
 * `autolab monitor`; it never asks the scheduler twice within the policy
 * floor; a second watcher exits naming the first; SIGTERM ends it at once in
 * the middle of a wait, with the lock released; and the action's
 * `command: watch` dispatches its successor at its time limit through the
 * GitHub API (checked against the OpenAPI description).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import {
  debugDesign,
  loggedCalls as calls,
  makeCallWrappers,
  requireCluster,
  scancel,
  slurmOnPath,
} from "../helpers/cluster.js";
import { CLI_ENTRY, cloneRepo, GIT_ENV, git, makeRepo, runCli, TSX_LOADER } from "../helpers/repo.js";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";
import { runArgv } from "../../src/util/exec.js";

const DIST = path.resolve(import.meta.dirname, "../../dist/index.js");

/** `node dist/index.js` as the runner runs it (inputs as INPUT_*), against the OpenAPI-checking mock. */
async function runActionWatch(
  root: string,
  mock: GithubMock,
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; summary: string; outputs: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "autolab-watch-runner-"));
  const files = {
    out: path.join(dir, "output"),
    summary: path.join(dir, "summary"),
    event: path.join(dir, "event.json"),
  };
  writeFileSync(files.out, "");
  writeFileSync(files.summary, "");
  writeFileSync(files.event, "{}");
  const all: Record<string, string | undefined> = {
    ...process.env,
    ...GIT_ENV,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: root,
    GITHUB_OUTPUT: files.out,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_REPOSITORY: "lab/experiments",
    GITHUB_REF: "refs/heads/main",
    GITHUB_SHA: "0".repeat(40),
    GITHUB_RUN_ID: "4242",
    GITHUB_WORKFLOW_REF: "lab/experiments/.github/workflows/autolab-watch.yml@refs/heads/main",
    GITHUB_API_URL: mock.url,
    GITHUB_SERVER_URL: "https://github.com",
    ...env,
  };
  for (const [k, v] of Object.entries(inputs)) all[`INPUT_${k.toUpperCase()}`] = v;
  const r = await runArgv(process.execPath, [DIST], { cwd: root, env: all, timeoutMs: 850_000 });
  return {
    code: r.code,
    stdout: r.stdout + r.stderr,
    summary: readFileSync(files.summary, "utf8"),
    outputs: readFileSync(files.out, "utf8"),
  };
}

const sinfoOnPath = slurmOnPath("__tests__/cluster/watch.test.ts");
const FLOOR = 15;

const POLICY = [
  "python_bin: python3",
  "slurm:",
  "  monitor:",
  `    min_question_interval_seconds: ${FLOOR}`,
  "    watch:",
  "      local_check_seconds: 1",
  "      running_interval_seconds: 40",
  "      pending_interval_seconds: 40",
  "",
].join("\n");

const jobs: string[] = [];

async function launch(
  root: string,
  it: string,
  args: string[] = [],
): Promise<{ runId: string; jobId: string; manifest: string }> {
  let out = "";
  let err = "";
  const code = await main(["launch", it, "--json", ...args], {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    cwd: root,
    env: { ...process.env, ...GIT_ENV },
  });
  expect(code, err).toBe(0);
  const r = JSON.parse(out) as { run_id: string; job_id: string; manifest: string };
  jobs.push(r.job_id);
  return {
    runId: r.run_id,
    jobId: r.job_id,
    manifest: `experiments/in_progress/${it}/runs/${r.run_id}/run_manifest.json`,
  };
}

interface Watcher {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWatcher(root: string, env: Record<string, string | undefined>, args: string[] = []): Watcher {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, CLI_ENTRY, "watch", "--json", ...args], {
    cwd: root,
    env: { ...process.env, ...GIT_ENV, NO_COLOR: "1", GITHUB_ACTIONS: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until(what: string, pred: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function remoteStatus(remote: string, manifest: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await git(remote, "show", `main:${manifest}`)) as { status?: string }).status;
  } catch {
    return undefined;
  }
}

describe.skipIf(!sinfoOnPath)("autolab watch on the real cluster", () => {
  const wrapDir = mkdtempSync(path.join(tmpdir(), "autolab-watch-wrap-"));
  const log = path.join(wrapDir, "calls.log");
  const PATH = `${wrapDir}:${process.env.PATH}`;
  const watchers: Watcher[] = [];

  beforeAll(() => {
    requireCluster();
    makeCallWrappers(wrapDir, log);
    writeFileSync(log, "");
  });
  afterAll(async () => {
    for (const w of watchers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    for (const j of jobs) await scancel(j).catch(() => undefined);
  });

  it("commits each job's end without a monitor invocation, never asks within the floor, is alone, and stops on SIGTERM mid-wait", async () => {
    const { root, remote } = await makeRepo({
      remote: true,
      files: {
        ".autolab/verifier_policy.yaml": POLICY,
        "experiments/in_progress/quick/design.yaml": debugDesign("quick", "sleep 15"),
        "experiments/in_progress/later/design.yaml": debugDesign("later", "sleep 30"),
        "experiments/in_progress/long/design.yaml": debugDesign("long", "sleep 400"),
      },
    });
    const quick = await launch(root, "quick");
    const later = await launch(root, "later");
    const long = await launch(root, "long");

    const w = startWatcher(root, { PATH });
    watchers.push(w);
    await until("the watcher's first line", () => /watch: floor 15 s/.test(w.stderr()), 60_000);

    // A second watcher of the same checkout exits at once and names the first.
    const second = await runCli(root, ["watch"], { env: { PATH } });
    expect(second.code, second.all).toBe(1);
    expect(second.stderr).toMatch(/another autolab watch is watching this checkout: the lock is held by .*pid/);

    // Both short jobs end; the watcher alone records them, and pushes.
    await until(
      "both ends on the remote",
      async () =>
        (await remoteStatus(remote!, quick.manifest)) === "completed" &&
        (await remoteStatus(remote!, later.manifest)) === "completed",
      300_000,
    );
    expect(await remoteStatus(remote!, long.manifest)).toMatch(/^(submitted|running)$/);
    const subjects = (await git(remote!, "log", "--format=%s", "main")).split("\n");
    expect(subjects.filter((s) => s.startsWith("autolab: monitor tick:")).length).toBeGreaterThan(0);

    // Mid-wait (the long job runs; the next question is up to 40 s away): SIGTERM ends it now.
    await new Promise((r) => setTimeout(r, 2000));
    const askedBefore = calls(log).filter((c) => c.prog === "sacct").length;
    w.child.kill("SIGTERM");
    const code = await Promise.race([
      w.exited,
      new Promise<string>((r) => setTimeout(() => r("still running"), 20_000)),
    ]);
    expect(code, w.stderr()).toBe(0);
    const rep = JSON.parse(w.stdout()) as {
      ended_by: string;
      ticks: number;
      questions: number;
      commits: number;
      failed_runs: string[];
    };
    expect(rep.ended_by).toBe("signal");
    expect(rep.commits).toBeGreaterThanOrEqual(1);
    expect(rep.failed_runs).toEqual([]);

    // Every question is one sacct + one squeue; never two questions within the floor.
    const sacct = calls(log).filter((c) => c.prog === "sacct");
    expect(sacct.length).toBe(askedBefore);
    expect(sacct.length).toBe(rep.questions);
    expect(calls(log).filter((c) => c.prog === "squeue").length).toBe(rep.questions);
    expect(calls(log).filter((c) => c.prog === "sbatch" || c.prog === "scancel")).toEqual([]);
    const gaps = sacct.slice(1).map((c, i) => c.at - sacct[i].at);
    expect(Math.min(...gaps), JSON.stringify(gaps)).toBeGreaterThanOrEqual(FLOOR);

    // The lock was released: a new watcher starts, and stops at its time limit.
    const next = await runCli(root, ["watch", "--json", "--time-limit", "3s", "--no-push"], { env: { PATH } });
    expect(next.code, next.all).toBe(0);
    expect(JSON.parse(next.stdout).ended_by).toBe("time_limit");
    await scancel(long.jobId); // frees the shared cluster for the tests below
  }, 600_000);

  it("follows runs that a launch in another clone pushed: fetches once per tick, fast-forwards, records them to completed and pushes", async () => {
    const { root, remote } = await makeRepo({
      remote: true,
      files: {
        ".autolab/verifier_policy.yaml": POLICY,
        "experiments/in_progress/elsewhere/design.yaml": debugDesign("elsewhere", "sleep 10"),
      },
    });
    const w = startWatcher(root, { PATH });
    watchers.push(w);
    await until("the watcher's first tick", () => /watch: tick \(first tick\)/.test(w.stderr()), 60_000);

    // Another runner (the launch workflow) launches from its own clone and pushes. On one login
    // node both runners' jobs run in snapshots under the work root the action defaults to
    // ($RUNNER_WORKSPACE/autolab-runs); the manifest names the snapshot, so the watcher finds the evidence.
    const other = await cloneRepo(remote!, path.join(path.dirname(root), "launcher"));
    const elsewhere = await launch(other, "elsewhere", ["--work-root", path.join(path.dirname(root), "autolab-runs")]);
    expect(await remoteStatus(remote!, elsewhere.manifest)).toMatch(/^(submitted|running)$/);
    expect(existsSync(path.join(root, elsewhere.manifest))).toBe(false);

    // The watcher, which never launched it, brings it in, follows it to its end and pushes that.
    await until(
      "the other clone's run completed on the remote",
      async () => (await remoteStatus(remote!, elsewhere.manifest)) === "completed",
      200_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nwatcher stderr:\n${w.stderr().slice(-4000)}`);
    });
    expect(JSON.parse(readFileSync(path.join(root, elsewhere.manifest), "utf8")).status).toBe("completed");
    const subjects = (await git(remote!, "log", "--format=%s", "main")).split("\n");
    expect(subjects.filter((s) => s.startsWith("autolab: monitor tick:")).length).toBeGreaterThan(0);
    expect(w.stderr()).toMatch(/watch: fast-forwarded [0-9a-f]{12}\.\.[0-9a-f]{12} from origin\/main/);

    w.child.kill("SIGTERM");
    expect(await w.exited, w.stderr()).toBe(0);
    const rep = JSON.parse(w.stdout()) as { ticks: number; fetches: number; updates: number; questions: number };
    // One fetch per tick, never one per local check (those run every second here).
    expect(rep.fetches).toBe(rep.ticks);
    expect(rep.updates).toBeGreaterThanOrEqual(1);
    // The checkout is the remote's head: nothing left behind on either side.
    expect((await git(root, "rev-parse", "HEAD")).trim()).toBe((await git(remote!, "rev-parse", "main")).trim());
  }, 600_000);

  describe("the action's command: watch (node dist/index.js)", () => {
    let mock: GithubMock;
    beforeAll(async () => {
      if (!existsSync(DIST)) throw new Error("dist/index.js is missing: run `npm run bundle` first");
      mock = await startGithubMock();
    });
    afterAll(async () => {
      await mock?.close();
    });

    it("at its time limit dispatches its successor (workflow_dispatch of its own workflow) and keeps the monitor enabled", async () => {
      const { root } = await makeRepo({
        remote: true,
        files: {
          ".autolab/verifier_policy.yaml": POLICY,
          "experiments/in_progress/long/design.yaml": debugDesign("long", "sleep 400"),
        },
      });
      const sha = (await git(root, "rev-parse", "HEAD")).trim();
      const long = await launch(root, "long");
      const r = await runActionWatch(
        root,
        mock,
        {
          command: "watch",
          "time-limit": "20s",
          "monitor-workflow": "autolab-monitor.yml",
          token: "t",
        },
        { GITHUB_SHA: sha },
      );
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs).toMatch(/ended-by<<.*\ntime_limit\n/);
      const dispatches = mock.byOperation("actions/create-workflow-dispatch");
      expect(dispatches).toHaveLength(1);
      expect(dispatches[0].path).toBe("/repos/lab/experiments/actions/workflows/autolab-watch.yml/dispatches");
      expect(dispatches[0].body).toEqual({ ref: "main" });
      expect(dispatches[0].status).toBe(204);
      expect(mock.byOperation("actions/enable-workflow").map((q) => q.path)).toEqual([
        "/repos/lab/experiments/actions/workflows/autolab-monitor.yml/enable",
      ]);
      expect(r.summary).toContain("dispatched autolab-watch.yml on main");
      await scancel(long.jobId);
      expect(mock.invalid()).toEqual([]);
    }, 300_000);

    it("a run that fails: one comment on the tracking issue, recorded; the step fails naming it; the successor takes over", async () => {
      const { root, remote } = await makeRepo({
        remote: true,
        files: {
          ".autolab/verifier_policy.yaml": POLICY.replace(
            "  monitor:\n",
            "  monitor:\n    notify:\n      tracking_issue: 7\n",
          ),
          "experiments/in_progress/bad/design.yaml": debugDesign("bad", "sleep 3; echo boom >&2; exit 3"),
        },
      });
      const sha = (await git(root, "rev-parse", "HEAD")).trim();
      const bad = await launch(root, "bad");
      const before = mock.byOperation("actions/create-workflow-dispatch").length;
      const r = await runActionWatch(
        root,
        mock,
        { command: "watch", "time-limit": "12m", token: "t" },
        { GITHUB_SHA: sha },
      );
      expect(r.code, r.stdout).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`::error::1 run\\(s\\) failed: ${bad.runId}`));
      expect(r.outputs).toMatch(/ended-by<<.*\nrun_failed\n/);
      const comments = mock.byOperation("issues/create-comment");
      expect(comments).toHaveLength(1);
      expect(comments[0].path).toBe("/repos/lab/experiments/issues/7/comments");
      expect(String((comments[0].body as { body: string }).body)).toContain(`run \`${bad.runId}\` failed`);
      // Recorded (committed and pushed), so no later tick or watcher comments again.
      const rec = JSON.parse(await git(remote!, "show", "main:.autolab/notifications.json"));
      expect(rec.failure_comments[bad.runId]).toMatchObject({ issue: 7, comment_id: expect.any(Number) });
      expect(mock.byOperation("actions/create-workflow-dispatch").length).toBe(before + 1);
      expect(mock.invalid()).toEqual([]);
    }, 900_000);

    it("the scheduled monitor starts a watcher only when none is queued or in progress", async () => {
      const { root } = await makeRepo({ remote: true, files: { ".autolab/verifier_policy.yaml": POLICY } });
      const sha = (await git(root, "rev-parse", "HEAD")).trim();
      const alive = await startGithubMock({ workflowRuns: { in_progress: 1 } });
      try {
        const r1 = await runActionWatch(
          root,
          alive,
          { command: "monitor", "watch-workflow": "autolab-watch.yml", token: "t" },
          { GITHUB_EVENT_NAME: "schedule", GITHUB_SHA: sha },
        );
        expect(r1.code, r1.stdout).toBe(0);
        expect(alive.byOperation("actions/list-workflow-runs").length).toBeGreaterThan(0);
        expect(alive.byOperation("actions/create-workflow-dispatch")).toEqual([]);
        expect(alive.invalid()).toEqual([]);
      } finally {
        await alive.close();
      }
      const before = mock.byOperation("actions/create-workflow-dispatch").length;
      const r2 = await runActionWatch(
        root,
        mock,
        { command: "monitor", "watch-workflow": "autolab-watch.yml", token: "t" },
        { GITHUB_EVENT_NAME: "schedule", GITHUB_SHA: sha },
      );
      expect(r2.code, r2.stdout).toBe(0);
      const d = mock.byOperation("actions/create-workflow-dispatch").slice(before);
      expect(d.map((q) => q.path)).toEqual(["/repos/lab/experiments/actions/workflows/autolab-watch.yml/dispatches"]);
      expect(mock.invalid()).toEqual([]);
    }, 300_000);
  });
});
