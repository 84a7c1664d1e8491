/**
 * Sweeps as SLURM job arrays on the real dev cluster: a 2x2 grid x 3
 * replicates is one `sbatch --array=0-11%2` (throttle seen in squeue), 12
 * manifests and 12 ledger lines, a monitor that follows every task to its
 * end with one failing task reported as such, the group result (mean ± sd
 * per point and the chart), cancel of one task and of a whole sweep, a sweep
 * larger than MaxArraySize split into chunks, an idempotent relaunch, and
 * local mode.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { monitor, type MonitorReport } from "../../src/commands/monitor/index.js";
import { monitorSummary } from "../../src/report/monitor.js";
import { renderSummary } from "../../src/report/summary.js";
import { cancel } from "../../src/commands/cancel.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { readManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { runArgv } from "../../src/util/exec.js";
import { clusterUp, realScheduler, scancel } from "../helpers/cluster.js";
import { git, makeRepo, runCli } from "../helpers/repo.js";

const up = clusterUp();
let tmp: string;
const arrays: string[] = [];

/** The task: records its parameters, sleeps a little, and fails for lr=0.1 replicate 1. */
const TASK_SH = [
  "#!/bin/bash",
  'lr=""; batch=""',
  "while [[ $# -gt 0 ]]; do case $1 in --lr) lr=$2; shift 2 ;; --batch) batch=$2; shift 2 ;; *) shift ;; esac; done",
  'sleep "${SWEEP_SLEEP:-2}"',
  'acc=$(python3 -c "import sys; print(round(float(sys.argv[1]) * 1000 + int(sys.argv[2]) + int(sys.argv[3]), 3))" "$lr" "$batch" "$AUTOLAB_REPLICATE")',
  'printf \'{"primary_metric": {"name": "acc", "value": %s}, "params": %s}\\n\' "$acc" "$AUTOLAB_PARAMS_JSON" > "$AUTOLAB_RUN_DIR/result.json"',
  'if [[ $lr == 0.1 && $AUTOLAB_REPLICATE == 1 ]]; then echo "task $AUTOLAB_TASK_INDEX fails on purpose" >&2; exit 3; fi',
  "",
].join("\n");

function design(o: { maxConcurrent?: number; grid?: string; replicates?: number; sleep?: number } = {}): string {
  return [
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:03:00"',
    "  memory_estimate: 64M",
    "  cpus_per_task: 1",
    "  partition: short",
    ...(o.maxConcurrent ? [`  max_concurrent: ${o.maxConcurrent}`] : []),
    "runtime:",
    "  env:",
    `    SWEEP_SLEEP: ${o.sleep ?? 2}`,
    "entrypoint:",
    '  cli: "bash task.sh"',
    "  args: { batch: 1 }",
    "extract_parser:",
    "  kind: command",
    '  command: "cat {run_dir}/result.json"',
    "sweep:",
    `  grid: ${o.grid ?? "{ lr: [0.01, 0.1], batch: [32, 64] }"}`,
    `replicates: ${o.replicates ?? 3}`,
    "",
  ].join("\n");
}

async function repoWith(it: string, designText: string, extra: Record<string, string> = {}): Promise<string> {
  const r = await makeRepo({
    parent: tmp,
    files: { "task.sh": TASK_SH, [`experiments/in_progress/${it}/design.yaml`]: designText, ...extra },
  });
  return r.root;
}

const taskIndex = (m: RunManifest): number => Number((m.sweep as { task_index?: number } | undefined)?.task_index);

async function manifests(root: string, it: string): Promise<RunManifest[]> {
  const runsDir = path.join(root, "experiments/in_progress", it, "runs");
  const out: RunManifest[] = [];
  for (const d of (await readdir(runsDir)).sort()) {
    const p = path.join(runsDir, d, "run_manifest.json");
    if (existsSync(p)) out.push((await readManifest(p, p)).data);
  }
  return out.sort((a, b) => taskIndex(a) - taskIndex(b));
}

/** squeue's running tasks of array `id` now. */
async function runningTasks(id: string): Promise<number> {
  const r = await runArgv("squeue", ["--noheader", "-r", "--states=RUNNING", "-j", id, "-o", "%i"], {
    timeoutMs: 20_000,
  });
  return r.code === 0 ? r.stdout.split("\n").filter((l) => l.trim()).length : 0;
}

async function arrayDone(id: string): Promise<boolean> {
  const r = await runArgv("squeue", ["--noheader", "-r", "-j", id, "-o", "%t"], { timeoutMs: 20_000 });
  return r.code === 0 && r.stdout.split("\n").filter((l) => /^(PD|R|CG|CF)$/.test(l.trim())).length === 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits on a condition, not a time budget: polls `probe` until it returns a value. The cluster is
 * shared (other jobs can hold its 2 CPUs for a while), so how long a step takes is not what a test
 * checks; the test's timeout is only the safety net, and a long wait logs what it last saw.
 */
async function until<T>(what: string, probe: () => Promise<T | undefined>, everyMs = 500): Promise<T> {
  const t0 = Date.now();
  let logged = t0;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() - logged > 30_000) {
      logged = Date.now();
      console.warn(`still waiting (${Math.round((logged - t0) / 1000)} s) for ${what}`);
    }
    await sleep(everyMs);
  }
}

/** Safety net only (see `until`): a step that waits for the cluster has this long. */
const CLUSTER_WAIT_MS = 900_000;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-sweep-"));
});
afterAll(async () => {
  for (const a of arrays) await scancel(a).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!up)("a 2x2 grid x 3 replicates on the real cluster", () => {
  let root: string;
  let res: LaunchResult;
  const it1 = "grid1";

  it(
    "becomes one array of 12 tasks, throttled to 2, with 12 manifests and 12 ledger lines",
    async () => {
      root = await repoWith(it1, design({ maxConcurrent: 2 }), {
        ".autolab/state.json": JSON.stringify({ iteration_id: it1, stage: "launch", stage_attempt: 0 }) + "\n",
      });
      res = await launch({ cwd: root, design: it1, scheduler: realScheduler(), commit: true, push: false });
      expect(res.sweep?.runIds).toHaveLength(12);
      expect(res.sweep?.arrays).toHaveLength(1);
      const arrayId = res.sweep!.arrays[0];
      arrays.push(arrayId);
      expect(res.sweep?.chunks[0].argv).toContain("--array=0-11%2");
      const ms = await manifests(root, it1);
      expect(ms).toHaveLength(12);
      expect(ms.map((m) => m.job_id)).toEqual([...Array(12).keys()].map((i) => `${arrayId}_${i}`));
      expect(ms[5].sweep).toMatchObject({
        task_index: 5,
        point_index: 1,
        replicate: 2,
        params: { batch: 32, lr: 0.1 },
      });
      const ledger = parseLedger(readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8"));
      const ours = ledger.entries.filter((e) => e.runId.startsWith(res.runId));
      expect(ours).toHaveLength(12);
      expect(new Set(ours.map((e) => e.jobId))).toEqual(new Set(ms.map((m) => m.job_id)));
      // Committed in one commit.
      expect(await git(root, "status", "--porcelain")).toBe("");
      // state.json follows the sweep as one group: its id, its 12 tasks.
      const st = JSON.parse(readFileSync(path.join(root, ".autolab/state.json"), "utf8"));
      expect(st).toMatchObject({ stage: "slurm_monitor", pending_run_id: res.runId, last_run_id: res.runId });
      expect(st.run_group).toEqual(ms.map((m) => m.run_id));
      // The throttle, as squeue sees it, while the array runs.
      let most = 0;
      await until(
        `array ${arrayId} to finish`,
        async () => {
          most = Math.max(most, await runningTasks(arrayId));
          expect(most).toBeLessThanOrEqual(2);
          return (await arrayDone(arrayId)) ? true : undefined;
        },
        300,
      );
      expect(most).toBeGreaterThan(0);
    },
    CLUSTER_WAIT_MS,
  );

  let lastGroupReport: MonitorReport | undefined;

  it(
    "the monitor follows every task to its end; the failing task is reported with why",
    async () => {
      // Tick until every task has reached its end (accounting can record an end a little after
      // squeue stops listing the task, more so under load): however many ticks that takes.
      let ticks = 0;
      const ms = await until(
        "every task's end",
        async () => {
          const rep = await monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false });
          ticks++;
          if (rep.sweeps?.length) lastGroupReport = rep;
          const now = await manifests(root, it1);
          return now.every((m) => m.status === "completed" || m.status === "failed") ? now : undefined;
        },
        2000,
      );
      expect(ticks).toBeGreaterThan(0);
      const failed = ms.filter((m) => m.status === "failed");
      expect(failed.map(taskIndex)).toEqual([4, 10]);
      expect(ms.filter((m) => m.status === "completed")).toHaveLength(10);
      for (const f of failed) expect(f.failure).toMatchObject({ reason: "exit_code", exit_code: "3:0" });
      for (const m of ms) {
        const metrics = path.join(root, "experiments/in_progress", it1, "runs", m.run_id, "metrics.json");
        expect(existsSync(metrics), m.run_id).toBe(true);
      }
      // The stage machine waited for the whole group: update_docs once every task was done, named by the sweep.
      const st = JSON.parse(readFileSync(path.join(root, ".autolab/state.json"), "utf8"));
      expect(st.stage).toBe("update_docs");
      expect(st.pending_run_id).toBeUndefined();
      expect(
        (st.history as Array<Record<string, string>>).map((h) => [h.stage_before, h.stage_after, h.run_id]),
      ).toEqual([
        ["launch", "slurm_monitor", res.runId],
        ["slurm_monitor", "extract_results", res.runId],
        ["extract_results", "update_docs", res.runId],
      ]);
      // In every commit of the history, a stage past slurm_monitor comes with all 12 tasks finished.
      const commits = (await git(root, "log", "--format=%H", "--", ".autolab/state.json")).split("\n").filter(Boolean);
      let checked = 0;
      for (const c of commits) {
        const stage = JSON.parse(await git(root, "show", `${c}:.autolab/state.json`)).stage;
        if (stage === "slurm_monitor" || stage === "launch") continue;
        checked++;
        for (const m of ms) {
          const at = JSON.parse(
            await git(root, "show", `${c}:experiments/in_progress/${it1}/runs/${m.run_id}/run_manifest.json`),
          );
          expect(["completed", "failed"], `${m.run_id} at ${c} (stage ${stage})`).toContain(at.status);
        }
      }
      expect(checked).toBeGreaterThan(0);
    },
    CLUSTER_WAIT_MS,
  );

  it("writes the group result: sweep_metrics.json with mean ± sd per point, the summary.md section, the job summary chart", async () => {
    const runsDir = path.join(root, "experiments/in_progress", it1, "runs");
    const doc = JSON.parse(readFileSync(path.join(runsDir, res.runId, "sweep_metrics.json"), "utf8"));
    // acc = lr * 1000 + batch + replicate; replicate 1 of lr=0.1 fails, so those points have 2 values.
    expect(doc).toMatchObject({
      schema_version: "1.0",
      run_id: res.runId,
      iteration_id: it1,
      kind: "sweep_group",
      aggregation: "mean",
      status: "partial",
      tasks: { total: 12, extracted: 12, with_value: 10 },
      primary_metric: { name: "acc", value: 165, delta_vs_baseline: null },
      best_point: { index: 3, label: "batch=64,lr=0.1" },
    });
    const pts = doc.points as Array<{
      label: string;
      mean: number;
      sd: number;
      n: number;
      missing: number;
      runs: string[];
    }>;
    expect(pts.map((p) => [p.label, p.mean, p.n, p.missing])).toEqual([
      ["batch=32,lr=0.01", 43, 3, 0],
      ["batch=32,lr=0.1", 133, 2, 1],
      ["batch=64,lr=0.01", 75, 3, 0],
      ["batch=64,lr=0.1", 165, 2, 1],
    ]);
    expect(pts.map((p) => Number(p.sd.toFixed(5)))).toEqual([1, 1.41421, 1, 1.41421]);
    expect(pts[1].runs).toEqual([`${res.runId}_3`, `${res.runId}_4`, `${res.runId}_5`]);
    expect(doc.run_group).toHaveLength(12);
    // Committed with the tick (the jobs' own result.json files are theirs, not the tool's).
    const groupFile = `experiments/in_progress/${it1}/runs/${res.runId}/sweep_metrics.json`;
    const summaryFile = `experiments/in_progress/${it1}/analysis/summary.md`;
    expect(await git(root, "status", "--porcelain", "--", groupFile, summaryFile)).toBe("");
    expect(await git(root, "ls-files", groupFile)).not.toBe("");
    // The iteration's summary.md: the sweep's section between its markers, before its tasks' sections.
    const summary = readFileSync(path.join(root, "experiments/in_progress", it1, "analysis/summary.md"), "utf8");
    expect(summary).toContain(`<!-- autolab:run ${res.runId} begin -->`);
    expect(summary).toContain(`## Sweep ${res.runId}`);
    expect(summary).toContain("best point (maximize): **batch=64,lr=0.1**");
    expect(summary).toContain("| batch=32,lr=0.1 | 133 ± 1.41421 | 2 | 1 | – |");
    expect(summary).toContain("| **batch=64,lr=0.1** | 165 ± 1.41421 | 2 | 1 | – |");
    expect(summary).toMatch(/```mermaid\nxychart-beta\n[^`]*bar \[43, 133, 75, 165\]/);
    expect(summary.indexOf(`## Sweep ${res.runId}`)).toBeLessThan(summary.indexOf(`## Run ${res.runId}_0`));
    // The job summary of the tick that extracted the last tasks: the group result under the sweep's runs.
    expect(lastGroupReport?.sweeps?.[0]).toMatchObject({ sweepId: res.runId, extracted: 12, total: 12 });
    const job = renderSummary(monitorSummary(lastGroupReport!, []));
    expect(job).toContain(`##### Sweep \`${res.runId}\`: group result`);
    expect(job).toContain("| **batch=64,lr=0.1** | 165 ± 1.41421 | 2 | 1 | – |");
    expect(job).toContain("xychart-beta");
    // An idle tick rewrites nothing: the group result is deterministic.
    const head = await git(root, "rev-parse", "HEAD");
    const idle = await monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false });
    expect(idle.sweeps).toBeUndefined();
    expect(await git(root, "rev-parse", "HEAD")).toBe(head);
  }, 60_000);

  it("autolab status groups the tasks by sweep with per-state counts (text and --json)", async () => {
    const text = await runCli(root, ["status"]);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split("\n");
    const head = lines.findIndex((l) => l.startsWith("SWEEP"));
    expect(head).toBeGreaterThan(12); // after the 12 task rows
    expect(lines[head + 1].split(/\s{2,}/)).toEqual([
      res.runId,
      it1,
      "12",
      "completed 10, failed 2",
      `${res.runId}_4, ${res.runId}_10`,
    ]);
    const js = JSON.parse((await runCli(root, ["status", "--json"])).stdout) as {
      runs: Array<{ sweep_id: string | null }>;
      sweeps: unknown[];
    };
    expect(js.runs.filter((r) => r.sweep_id === res.runId)).toHaveLength(12);
    expect(js.sweeps).toEqual([
      {
        sweep_id: res.runId,
        iteration_id: it1,
        tasks: 12,
        counts: { completed: 10, failed: 2 },
        failed_runs: [`${res.runId}_4`, `${res.runId}_10`],
      },
    ]);
  }, 60_000);

  it("an idempotent relaunch with the same sweep id submits nothing", async () => {
    const again = await launch({
      cwd: root,
      design: it1,
      runId: res.runId,
      scheduler: realScheduler(),
      commit: true,
      push: false,
    });
    expect(again.sweep?.arrays).toEqual(res.sweep?.arrays);
    expect(again.reused).toBe(true);
    const ms = await manifests(root, it1);
    expect(ms.filter((m) => m.status === "completed")).toHaveLength(10);
  }, 60_000);
});

describe.skipIf(!up)("dry run and validation", () => {
  it("--dry-run shows the points and the exact sbatch line, writing nothing", async () => {
    const root = await repoWith("dry1", design({ maxConcurrent: 3 }));
    const r = await launch({ cwd: root, design: "dry1", scheduler: realScheduler(), dryRun: true, commit: false });
    expect(r.sweep?.points).toEqual(["batch=32,lr=0.01", "batch=32,lr=0.1", "batch=64,lr=0.01", "batch=64,lr=0.1"]);
    expect(r.dryRun?.argv.slice(0, 3)).toEqual(["sbatch", "--parsable", "--array=0-11%3"]);
    expect(r.dryRun?.testOnly?.ok).toBe(true);
    expect(await git(root, "status", "--porcelain")).toBe("");
  }, 60_000);

  it("a malformed sweep is refused with design.yaml's line", async () => {
    const root = await repoWith("bad1", design({ grid: "{ lr: [] }" }));
    const e = await launch({ cwd: root, design: "bad1", scheduler: realScheduler(), commit: false }).catch(
      (x: unknown) => x,
    );
    expect(String(e)).toMatch(/sweep\.grid\.lr must be a non-empty list/);
    expect((e as { location: { line?: number } }).location.line).toBe(17);
  }, 30_000);
});

describe.skipIf(!up)("cancel: one task, then the whole sweep", () => {
  it(
    "cancels one task (its array task only), then the sweep (one scancel of the array)",
    async () => {
      const root = await repoWith("cancel1", design({ sleep: 60, replicates: 2, grid: "{ lr: [0.01] }" }));
      const res = await launch({ cwd: root, design: "cancel1", scheduler: realScheduler(), commit: true, push: false });
      const arrayId = res.sweep!.arrays[0];
      arrays.push(arrayId);
      const one = await cancel({
        cwd: root,
        runId: `${res.runId}_0`,
        scheduler: realScheduler(),
        commit: true,
        push: false,
      });
      expect(one).toMatchObject({ jobId: `${arrayId}_0`, after: "failed", scancelled: true });
      let ms = await manifests(root, "cancel1");
      expect(ms.map((m) => m.status)).toEqual(["failed", "submitted"]);
      const all = await cancel({ cwd: root, runId: res.runId, scheduler: realScheduler(), commit: true, push: false });
      expect(all).toMatchObject({ jobId: arrayId, after: "failed", tasks: 1 });
      ms = await manifests(root, "cancel1");
      expect(ms.map((m) => [m.status, (m.failure as { reason?: string }).reason])).toEqual([
        ["failed", "cancelled"],
        ["failed", "cancelled"],
      ]);
      // The scheduler has no task of the array left alive.
      await until(`array ${arrayId} gone from the queue`, async () => ((await arrayDone(arrayId)) ? true : undefined));
      // Every record is committed. A task that started before the cancel leaves its own log and
      // sentinel, untracked until a tick syncs the run: not a record of the cancel.
      expect(await git(root, "status", "--porcelain", "--untracked-files=no")).toBe("");
    },
    CLUSTER_WAIT_MS,
  );
});

describe.skipIf(!up)("a sweep larger than one array is split into chunks", () => {
  it("7 tasks with arrays of at most 3: three sbatch --array calls, 7 runs, adoption-safe relaunch", async () => {
    const root = await repoWith("chunk1", design({ sleep: 0, replicates: 7, grid: "{ lr: [0.01] }" }));
    await writeFileAtomic(
      path.join(root, ".autolab/verifier_policy.yaml"),
      readFileSync(path.join(root, ".autolab/verifier_policy.yaml"), "utf8") + "launch:\n  max_array_size: 3\n",
    );
    await git(root, "commit", "-qam", "policy: arrays of at most 3");
    const res = await launch({ cwd: root, design: "chunk1", scheduler: realScheduler(), commit: true, push: false });
    arrays.push(...res.sweep!.arrays);
    expect(res.sweep!.chunks.map((c) => [c.tasks, c.argv[2]])).toEqual([
      [3, "--array=0-2"],
      [3, "--array=0-2"],
      [1, "--array=0"],
    ]);
    expect(res.sweep!.arrays).toHaveLength(3);
    const ms = await manifests(root, "chunk1");
    expect(ms.map((m) => m.job_id)).toEqual([
      `${res.sweep!.arrays[0]}_0`,
      `${res.sweep!.arrays[0]}_1`,
      `${res.sweep!.arrays[0]}_2`,
      `${res.sweep!.arrays[1]}_0`,
      `${res.sweep!.arrays[1]}_1`,
      `${res.sweep!.arrays[1]}_2`,
      `${res.sweep!.arrays[2]}_0`,
    ]);
    expect(ms.map((m) => m.run_id)).toEqual([
      `${res.runId}_0`,
      `${res.runId}_1`,
      `${res.runId}_2`,
      `${res.runId}_c1_0`,
      `${res.runId}_c1_1`,
      `${res.runId}_c1_2`,
      `${res.runId}_c2_0`,
    ]);
  }, 90_000);
});
