/**
 * A sweep's results through the bundled action on the real dev cluster
 * (issue 12, results and control): `node dist/index.js` launches a 2-point
 * x 2-replicate sweep as one array, monitor ticks follow it to its end; the
 * sweep's own check run (`autolab sweep <sweep_id>`, on the launch commit)
 * is queued at launch, updated as tasks finish and concludes failure naming
 * the task that failed; the tick that extracts tasks sets the `sweep-id`,
 * `sweep-result` and `best-point` outputs and writes the group result into
 * the job summary. Every GitHub request is checked against GitHub's OpenAPI
 * description by the local server. Control: `autolab status` counts a
 * sweep's tasks by state and `autolab cancel <sweep_id>` ends all of a
 * chunked sweep's arrays with one scancel.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGithubMock, type GithubMock, type MockCheckRun } from "../helpers/github-mock.js";
import { DIST, runBundledAction } from "../helpers/action-run.js";
import { awaitGate, clusterUp, loggedCalls, makeCallWrappers, realScheduler, scancel } from "../helpers/cluster.js";
import { GIT_ENV, runCli } from "../helpers/repo.js";
import { launch } from "../../src/commands/launch/index.js";
import { cancel } from "../../src/commands/cancel.js";
import { initRepository } from "../../src/commands/init.js";
import { runArgv } from "../../src/util/exec.js";

const up = clusterUp();

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

/** The failing task waits for this file, so a tick sees the sweep with 3 tasks done and 1 running. */
const GATE = path.join(os.tmpdir(), `autolab-sweep-results-gate-${process.pid}`);

/** acc = lr * 1000 + replicate; replicate 1 of lr=0.1 fails (once GATE exists). */
const TASK_SH = [
  "#!/bin/bash",
  'lr=""',
  "while [[ $# -gt 0 ]]; do case $1 in --lr) lr=$2; shift 2 ;; *) shift ;; esac; done",
  'acc=$(python3 -c "import sys; print(round(float(sys.argv[1]) * 1000 + int(sys.argv[2]), 3))" "$lr" "$AUTOLAB_REPLICATE")',
  'printf \'{"primary_metric": {"name": "acc", "value": %s}}\\n\' "$acc" > "$AUTOLAB_RUN_DIR/result.json"',
  `if [[ $lr == 0.1 && $AUTOLAB_REPLICATE == 1 ]]; then ${awaitGate(GATE)}; echo "fails on purpose" >&2; exit 3; fi`,
  "",
].join("\n");

const DESIGN = [
  "compute:",
  "  location: slurm",
  '  walltime_estimate: "00:03:00"',
  "  memory_estimate: 64M",
  "  cpus_per_task: 1",
  "  partition: short",
  "entrypoint:",
  '  cli: "bash task.sh"',
  "extract_parser:",
  "  kind: command",
  '  command: "cat {run_dir}/result.json"',
  "sweep:",
  "  grid: { lr: [0.01, 0.1] }",
  "replicates: 2",
  "",
].join("\n");

let mock: GithubMock;
const arrays: string[] = [];
beforeAll(async () => {
  if (up && !existsSync(DIST)) throw new Error("dist/index.js is missing: run `npm run bundle` first");
  mock = await startGithubMock();
});
afterAll(async () => {
  for (const a of arrays) await scancel(a).catch(() => undefined);
  await mock?.close();
  rmSync(GATE, { force: true });
});

async function repo(): Promise<string> {
  const base = mkdtempSync(path.join(os.tmpdir(), "autolab-sweep-results-"));
  const remote = path.join(base, "origin.git");
  const root = path.join(base, "repo");
  git(base, "init", "-q", "--bare", remote);
  git(base, "init", "-q", "-b", "main", root);
  git(root, "config", "user.name", "researcher");
  git(root, "config", "user.email", "r@example.invalid");
  git(root, "remote", "add", "origin", remote);
  await initRepository({ root });
  writeFileSync(path.join(root, "task.sh"), TASK_SH);
  chmodSync(path.join(root, "task.sh"), 0o755);
  const it = path.join(root, "experiments/in_progress/grid2");
  execFileSync("mkdir", ["-p", it]);
  writeFileSync(path.join(it, "design.yaml"), DESIGN);
  git(root, "add", "-A");
  git(root, "commit", "-qm", "init and a sweep design");
  git(root, "push", "-q", "origin", "main");
  return root;
}

async function arrayDone(id: string): Promise<boolean> {
  const r = await runArgv("squeue", ["--noheader", "-r", "-j", id, "-o", "%t"], { timeoutMs: 20_000 });
  return r.code === 0 && r.stdout.split("\n").filter((l) => /^(PD|R|CG|CF)$/.test(l.trim())).length === 0;
}

const sweepChecks = (id: string): MockCheckRun[] =>
  [...mock.checkRuns.values()].filter((c) => c.name === `autolab sweep ${id}`);

describe.skipIf(!up)("a sweep's group result through the bundled action", () => {
  it("one check run per sweep, updated as tasks finish, concluded failure naming the failed task; outputs and job summary", async () => {
    const root = await repo();
    const launchSha = git(root, "rev-parse", "HEAD");
    const l = await runBundledAction({
      workspace: root,
      event: "workflow_dispatch",
      mock,
      sha: launchSha,
      inputs: { command: "launch", design: "grid2", push: "true", token: "t" },
    });
    expect(l.code, l.stdout + l.stderr).toBe(0);
    const sweepId = l.outputs["sweep-id"];
    expect(sweepId).toBe(l.outputs["run-id"]);
    const record = JSON.parse(
      readFileSync(path.join(root, `experiments/in_progress/grid2/runs/${sweepId}/sweep_manifest.json`), "utf8"),
    ) as { run_group: string[]; chunks: Array<{ job_id: string }> };
    arrays.push(...record.chunks.map((c) => c.job_id));
    expect(record.run_group).toHaveLength(4);

    // From launch on: queued, on the commit that added the sweep record, linking the sweep's directory.
    const launchCommit = git(
      root,
      "log",
      "--diff-filter=A",
      "--format=%H",
      "-1",
      "--",
      `experiments/in_progress/grid2/runs/${sweepId}/sweep_manifest.json`,
    );
    let checks = sweepChecks(sweepId);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ status: "queued", head_sha: launchCommit, external_id: sweepId });
    expect(checks[0].output?.title).toBe("4 task(s): 4 submitted");
    expect(checks[0].details_url).toBe(
      `https://github.com/lab/experiments/tree/${launchCommit}/experiments/in_progress/grid2/runs/${sweepId}`,
    );

    // Updated as tasks finish: a tick while the failing task still runs (held by GATE) shows the
    // three finished ones; the check run stays in progress.
    const tick = () =>
      runBundledAction({
        workspace: root,
        event: "schedule",
        mock,
        sha: launchSha,
        inputs: { command: "monitor", token: "t" },
      });
    let mid = "";
    for (let i = 0; i < 90; i++) {
      const t = await tick();
      expect(t.code, t.stdout + t.stderr).toBe(0);
      mid = sweepChecks(sweepId)[0].output?.title ?? "";
      if (/, 3 completed/.test(mid)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(mid).toMatch(/^4 task\(s\): 1 (running|submitted), 3 completed/);
    expect(sweepChecks(sweepId)[0].status).toBe("in_progress");
    writeFileSync(GATE, "");

    for (let i = 0; i < 120 && !(await arrayDone(arrays[0])); i++) await new Promise((r) => setTimeout(r, 1000));
    const titles: string[] = [];
    let withResult: Record<string, string> | undefined;
    let summary = "";
    for (let i = 0; i < 12; i++) {
      const t = await tick();
      // The tick that sees the failing task fails its step (notify.fail_job defaults to true), naming it.
      if (t.code !== 0) expect(t.stdout, t.stderr).toMatch(/::error::1 run\(s\) failed: \S+_3 \(exit_code\)/);
      if (t.outputs["sweep-id"]) {
        withResult = t.outputs;
        summary = t.summary;
      }
      const c = sweepChecks(sweepId)[0];
      titles.push(c.output?.title ?? "");
      if (c.status === "completed") break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    checks = sweepChecks(sweepId);
    expect(checks).toHaveLength(1);
    const c = checks[0];
    expect(c).toMatchObject({ status: "completed", conclusion: "failure", head_sha: launchCommit });
    const failedTask = record.run_group[3]; // point lr=0.1, replicate 1
    expect(c.output?.title).toBe(`4 task(s): 3 completed, 1 failed · failed: ${failedTask} · best lr=0.1: acc = 100`);
    expect(c.output?.summary).toContain("| lr=0.01 | 10.5 ± 0.707107 | 2 | 0 | – |");
    expect(c.output?.summary).toContain("| **lr=0.1** | 100 | 1 | 1 | – |");
    expect(c.output?.summary).toMatch(/```mermaid\nxychart-beta\n[^`]*bar \[10.5, 100\]/);
    expect(c.output?.text).toContain(`- \`${failedTask}\``);

    // The outputs of the tick that recomputed the group result; the job summary shows the table and chart.
    expect(withResult?.["sweep-id"]).toBe(sweepId);
    const doc = JSON.parse(withResult!["sweep-result"]);
    expect(doc).toMatchObject({ kind: "sweep_group", run_id: sweepId, aggregation: "mean" });
    expect(JSON.parse(withResult!["best-point"])).toMatchObject({ label: "lr=0.1", params: { lr: 0.1 } });
    expect(summary).toContain("xychart-beta");
    expect(summary).toContain("group result");
    expect(mock.invalid()).toEqual([]);
  }, 300_000);
});

describe.skipIf(!up)("control: a sweep of several array chunks", () => {
  it("autolab status counts its tasks by state; autolab cancel <sweep_id> ends every chunk's array with one scancel", async () => {
    const root = await repo();
    // Arrays of at most 2 tasks: 5 replicates of one point are three chunks (three sbatch --array).
    const policyFile = path.join(root, ".autolab/verifier_policy.yaml");
    writeFileSync(policyFile, readFileSync(policyFile, "utf8") + "launch:\n  max_array_size: 2\n");
    writeFileSync(
      path.join(root, "experiments/in_progress/grid2/design.yaml"),
      DESIGN.replace("  grid: { lr: [0.01, 0.1] }", "  grid: { lr: [0.01] }")
        .replace("replicates: 2", "replicates: 5")
        .replace('  cli: "bash task.sh"', '  cli: "sleep 120"'),
    );
    git(root, "commit", "-qam", "five replicates in chunks of 2, long tasks");
    const res = await launch({ cwd: root, design: "grid2", scheduler: realScheduler(), commit: true, push: false });
    arrays.push(...res.sweep!.arrays);
    expect(res.sweep!.arrays).toHaveLength(3);
    expect(res.sweep!.runIds).toHaveLength(5);

    const st = await runCli(root, ["status", "--json"], { env: GIT_ENV });
    const sweeps = JSON.parse(st.stdout).sweeps as Array<{ sweep_id: string; tasks: number; counts: object }>;
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ sweep_id: res.runId, tasks: 5, counts: { submitted: 5 } });

    const wrapDir = mkdtempSync(path.join(os.tmpdir(), "autolab-cancel-bin-"));
    const log = path.join(wrapDir, "calls.log");
    writeFileSync(log, "");
    makeCallWrappers(wrapDir, log);
    const all = await cancel({
      cwd: root,
      runId: res.runId,
      scheduler: realScheduler({ bins: { scancel: path.join(wrapDir, "scancel") } }),
      commit: true,
      push: false,
    });
    expect(all).toMatchObject({ after: "failed", tasks: 5 });
    expect(loggedCalls(log).filter((c) => c.prog === "scancel")).toHaveLength(1);
    for (const a of res.sweep!.arrays) {
      // Cancelled tasks leave COMPLETING only once their processes are gone: slow under load.
      for (let i = 0; i < 240 && !(await arrayDone(a)); i++) await new Promise((r) => setTimeout(r, 500));
      expect(await arrayDone(a), `array ${a}`).toBe(true);
    }
    const after = JSON.parse((await runCli(root, ["status", "--json"], { env: GIT_ENV })).stdout).sweeps;
    expect(after[0]).toMatchObject({ tasks: 5, counts: { failed: 5 } });
    expect(after[0].failed_runs).toHaveLength(5);
    // Every record is committed (tasks that had started left their own sentinels and logs, untracked).
    expect(git(root, "status", "--porcelain", "--untracked-files=no")).toBe("");
  }, 180_000);
});
