/**
 * A sweep's check run (issue 12, results): one check run per sweep, named
 * after the sweep id, with the tasks counted by state, the group result's
 * table and chart, updated as tasks finish and concluded once the whole group
 * is final. The presenter as tables; the reconciliation against the local
 * server that checks every request against GitHub's OpenAPI description, on
 * a real git repository laid out as a sweep launch and its ticks leave it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiBudget, createOctokit } from "../../src/github/client.js";
import { reconcileRunChecks } from "../../src/github/run-checks.js";
import { emptyMemory, parseCheckMemory, serializeCheckMemory, sweepKey } from "../../src/domain/check-sync.js";
import { groupMetricsDoc, groupResult, groupResultOfDoc } from "../../src/domain/sweep-result.js";
import { sweepCheckName, sweepCheckOf, sweepConclusion, type SweepTaskState } from "../../src/report/sweep-check.js";
import type { RunManifest } from "../../src/contract/types.js";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";
import { git, makeRepo } from "../helpers/repo.js";

const OWNER = "lab";
const REPO = "exp";
const SWEEP = "20261202T090000Z_5e5e5e";
const IT = "experiments/in_progress/it1";
const tasksOf = (n: number) => Array.from({ length: n }, (_, k) => `${SWEEP}_${k}`);

const t = (runId: string, status: string, failureReason?: string): SweepTaskState => ({
  runId,
  status,
  ...(failureReason ? { failureReason } : {}),
});

describe("sweepConclusion: the whole group decides", () => {
  const rows: Array<[string, SweepTaskState[], string | undefined]> = [
    ["a task still running", [t("a", "completed"), t("b", "running")], undefined],
    ["a task not yet extracted", [t("a", "completed"), t("b", "synced")], undefined],
    ["every task completed", [t("a", "completed"), t("b", "completed")], "success"],
    ["one failed", [t("a", "completed"), t("b", "failed", "exit_code")], "failure"],
    ["every failed task was cancelled", [t("a", "completed"), t("b", "failed", "cancelled")], "cancelled"],
    ["a cancelled and a crashed task", [t("a", "failed", "cancelled"), t("b", "failed", "timeout")], "failure"],
    ["none failed, one partial", [t("a", "completed"), t("b", "partial")], "neutral"],
    ["no tasks", [], undefined],
  ];
  for (const [name, tasks, want] of rows) it(name, () => expect(sweepConclusion(tasks)).toBe(want));
});

describe("sweepCheckOf", () => {
  const result = groupResult({
    metric: "acc",
    labels: ["lr=0.01", "lr=0.1"],
    baseline: 40,
    tasks: [
      { point: 0, replicate: 0, runId: "x_0", status: "completed", value: 42 },
      { point: 0, replicate: 1, runId: "x_1", status: "completed", value: 44 },
      { point: 1, replicate: 0, runId: "x_2", status: "completed", value: 50 },
      { point: 1, replicate: 1, runId: "x_3", status: "failed", value: null },
    ],
  });

  it("queued before a task started; the group result table, chart and best point once tasks are extracted", () => {
    const queued = sweepCheckOf({
      sweepId: "x",
      iterationId: "it1",
      recordPath: "r",
      tasks: [t("x_0", "submitted"), t("x_1", "pending")],
    });
    expect(queued).toMatchObject({ name: "autolab sweep x", external_id: "x", status: "queued" });
    expect(queued.conclusion).toBeUndefined();
    expect(queued.summary).toContain("No task has been extracted yet");

    const done = sweepCheckOf({
      sweepId: "x",
      iterationId: "it1",
      recordPath: "experiments/in_progress/it1/runs/x/sweep_manifest.json",
      tasks: [t("x_0", "completed"), t("x_1", "completed"), t("x_2", "completed"), t("x_3", "failed", "exit_code")],
      result,
      extracted: 4,
    });
    expect(done).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(done.title).toBe("4 task(s): 3 completed, 1 failed · failed: x_3 · best lr=0.1: acc = 50");
    expect(done.summary).toContain("| lr=0.01 | 43 ± 1.41421 | 2 | 0 | +3 |");
    expect(done.summary).toContain("| **lr=0.1** | 50 | 1 | 1 | +10 |");
    expect(done.summary).toMatch(/```mermaid\nxychart-beta\n[^`]*bar \[43, 50\]/);
    expect(done.text).toBe("Failed tasks:\n\n- `x_3` (exit_code)");
  });

  it("names at most three failed tasks in the title, all of them in the text", () => {
    const tasks = Array.from({ length: 5 }, (_, k) => t(`x_${k}`, "failed", "exit_code"));
    const b = sweepCheckOf({ sweepId: "x", iterationId: "it1", recordPath: "r", tasks });
    expect(b.title).toContain("failed: x_0, x_1, x_2 (+2)");
    expect(b.text?.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(5);
  });

  it("the group metrics document reads back as the result it was written from", () => {
    const doc = groupMetricsDoc({
      sweepId: "x",
      iterationId: "it1",
      replicates: 2,
      runGroup: ["x_0", "x_1", "x_2", "x_3"],
      params: [{ lr: 0.01 }, { lr: 0.1 }],
      result,
      extracted: 4,
    });
    expect(groupResultOfDoc(JSON.parse(JSON.stringify(doc)))).toEqual(result);
    expect(groupResultOfDoc({ kind: "something else", points: [] })).toBeUndefined();
  });
});

// --- reconciliation against the OpenAPI-checking server ---

let mock: GithubMock;
beforeAll(async () => {
  mock = await startGithubMock();
});
afterAll(async () => {
  await mock?.close();
});

function taskManifest(runId: string, k: number, over: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: "it1",
    host_mode: "slurm",
    command: "bash task.sh",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-12-02T09:00:00Z" },
    status: "submitted",
    job_id: `777_${k}`,
    slurm: { job_id: `777_${k}`, array_job_id: "777", state: "PENDING" },
    sweep: { sweep_id: SWEEP, task_index: k, point_index: Math.floor(k / 2), replicate: k % 2 },
    ...over,
  };
}

const manifestRel = (runId: string) => `${IT}/runs/${runId}/run_manifest.json`;
const groupRel = `${IT}/runs/${SWEEP}`;

function record(runGroup: string[]) {
  return {
    schema_version: "1.0",
    kind: "sweep",
    sweep_id: SWEEP,
    iteration_id: "it1",
    host_mode: "slurm",
    created_at: "2026-12-02T09:00:00Z",
    replicates: 2,
    points: [
      { index: 0, label: "lr=0.01", params: { lr: 0.01 } },
      { index: 1, label: "lr=0.1", params: { lr: 0.1 } },
    ],
    run_group: runGroup,
    chunks: [{ chunk: 0, offset: 0, count: 4, job_name: `autolab-${SWEEP}`, script: "s", job_id: "777" }],
  };
}

function writeJson(root: string, rel: string, v: unknown): void {
  writeFileSync(path.join(root, rel), JSON.stringify(v, null, 2) + "\n");
}

function finish(root: string, k: number, value: number | null): void {
  const runId = `${SWEEP}_${k}`;
  const m = JSON.parse(readFileSync(path.join(root, manifestRel(runId)), "utf8")) as RunManifest;
  const failed = value === null;
  writeJson(root, manifestRel(runId), {
    ...m,
    status: failed ? "failed" : "completed",
    ...(failed ? { failure: { reason: "exit_code", message: "exit 3" } } : {}),
    slurm: { ...(m.slurm as object), state: failed ? "FAILED" : "COMPLETED" },
  });
  writeJson(root, `${IT}/runs/${runId}/metrics.json`, {
    schema_version: "1.0",
    iteration_id: "it1",
    run_id: runId,
    status: failed ? "failed" : "completed",
    primary_metric: { name: "acc", value, delta_vs_baseline: null },
  });
}

/** The group metrics file as the monitor writes it, from the tasks' values so far. */
function writeGroup(root: string, values: Array<number | null | undefined>): void {
  const runGroup = tasksOf(4);
  const result = groupResult({
    metric: "acc",
    labels: ["lr=0.01", "lr=0.1"],
    tasks: values.map((v, k) => ({
      point: Math.floor(k / 2),
      replicate: k % 2,
      runId: runGroup[k],
      status: "completed",
      value: v ?? null,
    })),
  });
  const extracted = values.filter((v) => v !== undefined).length;
  writeJson(
    root,
    `${groupRel}/sweep_metrics.json`,
    groupMetricsDoc({
      sweepId: SWEEP,
      iterationId: "it1",
      replicates: 2,
      runGroup,
      params: [{ lr: 0.01 }, { lr: 0.1 }],
      result,
      extracted,
    }),
  );
}

describe("the sweep's check run, reconciled with what landed", () => {
  const tick = async (root: string, memory: ReturnType<typeof emptyMemory>, limit = 40, first?: string[]) => {
    const budget = apiBudget(limit);
    const octokit = await createOctokit("t", mock.url, { budget, throttle: false });
    const res = await reconcileRunChecks({
      octokit,
      budget,
      root,
      owner: OWNER,
      repo: REPO,
      serverUrl: "https://github.com",
      memory,
      first,
      now: new Date(),
    });
    const again = parseCheckMemory(serializeCheckMemory(memory), `${OWNER}/${REPO}`);
    memory.runs = again.runs;
    return { res, budget };
  };
  const sweepCheck = () => {
    const all = [...mock.checkRuns.values()].filter((c) => c.name === sweepCheckName(SWEEP));
    expect(all.length).toBeLessThanOrEqual(1);
    return all[0];
  };

  it("is created on the launch commit, follows the tasks, and concludes failure naming the failed task", async () => {
    const ids = tasksOf(4);
    const files: Record<string, string> = {
      [`${groupRel}/sweep_manifest.json`]: JSON.stringify(record(ids), null, 2) + "\n",
    };
    ids.forEach((id, k) => (files[manifestRel(id)] = JSON.stringify(taskManifest(id, k), null, 2) + "\n"));
    const root = (await makeRepo({ scaffold: false, files })).root;
    const launchSha = (await git(root, "rev-parse", "HEAD")).trim();
    const memory = emptyMemory(`${OWNER}/${REPO}`);

    // The launch: the sweep's check goes first (before the tasks' own checks), queued.
    const t1 = await tick(root, memory, 2, [SWEEP]);
    expect(t1.res.posted).toBe(1);
    let c = sweepCheck();
    expect(c).toMatchObject({ status: "queued", head_sha: launchSha, external_id: SWEEP, conclusion: null });
    expect(c.details_url).toBe(`https://github.com/${OWNER}/${REPO}/tree/${launchSha}/${groupRel}`);
    expect(c.output?.title).toBe("4 task(s): 4 submitted");
    await tick(root, memory); // the tasks' checks catch up

    // Idle: nothing sent for the sweep (nor its tasks).
    const before = mock.requests.length;
    expect((await tick(root, memory)).res.posted).toBe(0);
    expect(mock.requests.length).toBe(before);

    // Two tasks finish and are extracted: the check shows the partial group result, in progress.
    finish(root, 0, 42);
    finish(root, 1, 44);
    writeGroup(root, [42, 44]);
    const t3 = await tick(root, memory);
    expect(t3.res.posted).toBe(3); // two tasks and the sweep, each one update by id
    expect(t3.budget.used).toBe(3);
    c = sweepCheck();
    expect(c.status).toBe("in_progress");
    expect(c.output?.title).toBe("4 task(s): 2 submitted, 2 completed · best lr=0.01: acc = 43");
    expect(c.output?.summary).toContain("2 of 4 task(s) extracted.");
    expect(c.output?.summary).toContain("| **lr=0.01** | 43 ± 1.41421 | 2 | 0 | – |");
    expect(c.output?.summary).toContain("| lr=0.1 | – | 0 | 0 | – |");

    // The rest end, one failing: the whole group is final, the check concludes failure and names it.
    finish(root, 2, 50);
    finish(root, 3, null);
    writeGroup(root, [42, 44, 50, null]);
    await tick(root, memory);
    c = sweepCheck();
    expect(c).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(c.output?.title).toBe(`4 task(s): 3 completed, 1 failed · failed: ${SWEEP}_3 · best lr=0.1: acc = 50`);
    expect(c.output?.summary).toMatch(/```mermaid\nxychart-beta\n[^`]*bar \[43, 50\]/);
    expect(c.output?.text).toContain(`- \`${SWEEP}_3\` (exit_code)`);
    expect(memory.runs.get(sweepKey(SWEEP))).toMatchObject({ path: `${groupRel}/sweep_manifest.json` });

    // A lost memory finds the sweep's check run again instead of making a second one.
    await tick(root, emptyMemory(`${OWNER}/${REPO}`));
    expect(sweepCheck()).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(mock.invalid()).toEqual([]);
  });

  it("a sweep without its record gets no check of its own (its tasks keep theirs)", async () => {
    const id = `${SWEEP}_0`;
    const root = (
      await makeRepo({
        scaffold: false,
        files: { [manifestRel(id).replace("it1", "it2")]: JSON.stringify(taskManifest(id, 0), null, 2) + "\n" },
      })
    ).root;
    const memory = emptyMemory(`${OWNER}/${REPO}`);
    const r = await tick(root, memory);
    expect(r.res.left).toBe(0);
    expect(memory.runs.has(sweepKey(SWEEP))).toBe(false);
    expect(memory.runs.get(id)?.sweep).toBe(SWEEP);
  });
});
