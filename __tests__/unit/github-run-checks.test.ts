/**
 * The GitHub client (retry, throttling, per-tick budget) and check-run
 * reconciliation (issue 10 item 12, issue 14), against the local server that
 * validates every request against GitHub's OpenAPI description. The manifests
 * are written as a tick writes them, in a real git repository (the launch
 * commit is the one that added the manifest); no scheduler is involved: this
 * is about what GitHub is told once a manifest says something.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiBudget, createOctokit, isBudgetExhausted } from "../../src/github/client.js";
import { reconcileRunChecks } from "../../src/github/run-checks.js";
import { emptyMemory, parseCheckMemory, serializeCheckMemory } from "../../src/domain/check-sync.js";
import type { RunManifest } from "../../src/contract/types.js";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";
import { git, makeRepo } from "../helpers/repo.js";

const OWNER = "lab";
const REPO = "exp";
const SHA = "0123456789abcdef0123456789abcdef01234567";

let mock: GithubMock;
beforeAll(async () => {
  mock = await startGithubMock();
});
afterAll(async () => {
  await mock?.close();
});

function manifest(runId: string, over: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: "it1",
    host_mode: "slurm",
    command: "python -m train",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-12-01T10:00:00Z" },
    status: "submitted",
    job_id: "4242",
    slurm: { job_id: "4242", state: "PENDING" },
    ...over,
  };
}

const rel = (runId: string) => `experiments/in_progress/it1/runs/${runId}/run_manifest.json`;

async function repoWith(runIds: string[]): Promise<string> {
  const files: Record<string, string> = {};
  for (const id of runIds) files[rel(id)] = JSON.stringify(manifest(id), null, 2) + "\n";
  return (await makeRepo({ scaffold: false, files })).root;
}

function rewrite(root: string, runId: string, over: Partial<RunManifest>): void {
  const file = path.join(root, rel(runId));
  const m = JSON.parse(readFileSync(file, "utf8")) as RunManifest;
  writeFileSync(file, JSON.stringify({ ...m, ...over }, null, 2) + "\n");
}

function checkOf(runId: string) {
  const all = [...mock.checkRuns.values()].filter((c) => c.external_id === runId);
  expect(all.length).toBeLessThanOrEqual(1);
  return all[0];
}

describe("GitHub client: Octokit's retry and throttling plugins, and a per-tick budget", () => {
  it("retries a request GitHub answered 502 and counts one call, two attempts", async () => {
    const budget = apiBudget(5);
    const octokit = await createOctokit("t", mock.url, { budget });
    mock.failNext("checks/create", 1, 502);
    const before = mock.byOperation("checks/create").length;
    const r = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: "retry", head_sha: SHA });
    expect(r.status).toBe(201);
    expect(mock.byOperation("checks/create").length - before).toBe(2);
    expect(budget).toMatchObject({ used: 1, attempts: 2, refused: 0 });
  });

  it("a primary rate limit (403, x-ratelimit-remaining 0): waited out once, as GitHub's reset says, and recorded", async () => {
    const budget = apiBudget(5);
    const warnings: string[] = [];
    const octokit = await createOctokit("t", mock.url, { budget, warn: (w) => warnings.push(w) });
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    mock.failNext("checks/create", 1, 403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });
    const before = mock.byOperation("checks/create").length;
    const r = await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: "limited", head_sha: SHA });
    expect(r.status).toBe(201);
    expect(mock.byOperation("checks/create").length - before).toBe(2);
    expect(budget.rateLimited).toHaveLength(1);
    expect(budget.rateLimited[0]).toBeLessThanOrEqual(2);
    expect(warnings.join("\n")).toMatch(/GitHub primary rate limit on POST .*check-runs: retrying in \d+ s/);
  });

  it("a secondary rate limit asking to wait longer than the tool waits: not retried, the call fails, said", async () => {
    const warnings: string[] = [];
    const octokit = await createOctokit("t", mock.url, { budget: apiBudget(5), warn: (w) => warnings.push(w) });
    mock.failNext("checks/create", 1, 403, { "retry-after": "3600" });
    const before = mock.byOperation("checks/create").length;
    const e = await octokit.rest.checks
      .create({ owner: OWNER, repo: REPO, name: "limited2", head_sha: SHA })
      .catch((x: unknown) => x);
    expect((e as { status?: number }).status).toBe(403);
    expect(mock.byOperation("checks/create").length - before).toBe(1);
    expect(warnings.join("\n")).toMatch(
      /GitHub secondary rate limit on POST .*: not retried \(GitHub asks to wait 3600 s\)/,
    );
  });

  it("does not retry what retrying cannot fix (422)", async () => {
    const own = await startGithubMock(); // its one request is invalid on purpose
    try {
      const octokit = await createOctokit("t", own.url, { budget: apiBudget(5) });
      const e = await octokit.rest.checks
        .create({ owner: OWNER, repo: REPO, name: "bad", head_sha: SHA, status: "nope" as never })
        .catch((x: unknown) => x);
      expect((e as { status?: number }).status).toBe(422);
      expect(own.byOperation("checks/create")).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it("refuses the call past the budget before sending anything", async () => {
    const budget = apiBudget(1);
    const octokit = await createOctokit("t", mock.url, { budget });
    await octokit.rest.checks.create({ owner: OWNER, repo: REPO, name: "one", head_sha: SHA });
    const before = mock.requests.length;
    const e = await octokit.rest.checks
      .create({ owner: OWNER, repo: REPO, name: "two", head_sha: SHA })
      .catch((x) => x);
    expect(isBudgetExhausted(e)).toBe(true);
    expect(String((e as Error).message)).toMatch(/budget of 1 call/);
    expect(mock.requests.length).toBe(before);
    expect(budget).toMatchObject({ used: 1, refused: 1 });
  });
});

describe("check-run reconciliation", () => {
  const tick = async (root: string, memory: ReturnType<typeof emptyMemory>, limit = 40) => {
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
      now: new Date(),
    });
    // The memory goes through its file form between ticks, as it does in the git dir.
    const again = parseCheckMemory(serializeCheckMemory(memory), `${OWNER}/${REPO}`);
    memory.runs = again.runs;
    return { res, budget };
  };

  it("a run's check is queued on its launch commit with a link to its directory, and follows the manifest", async () => {
    const id = "20261201T100000Z_aaaaaa";
    const root = await repoWith([id]);
    const launchSha = (await git(root, "rev-parse", "HEAD")).trim();
    const memory = emptyMemory(`${OWNER}/${REPO}`);
    const t1 = await tick(root, memory);
    expect(t1.res).toMatchObject({ posted: 1, left: 0 });
    let c = checkOf(id);
    expect(c).toMatchObject({ status: "queued", head_sha: launchSha, started_at: null, conclusion: null });
    expect(c.details_url).toBe(
      `https://github.com/${OWNER}/${REPO}/tree/${launchSha}/experiments/in_progress/it1/runs/${id}`,
    );

    // Idle: nothing changed, nothing is sent.
    const before = mock.requests.length;
    const t2 = await tick(root, memory);
    expect(t2.res.posted).toBe(0);
    expect(mock.requests.length).toBe(before);

    rewrite(root, id, {
      status: "completed",
      slurm: { job_id: "4242", state: "COMPLETED", start: "2026-12-01T10:05:00Z", end: "2026-12-03T22:05:00Z" },
    });
    const t3 = await tick(root, memory);
    expect(t3.budget.used).toBe(1); // known id: one update, no look-up
    c = checkOf(id);
    expect(c).toMatchObject({
      status: "completed",
      conclusion: "success",
      started_at: "2026-12-01T10:05:00Z",
      completed_at: "2026-12-03T22:05:00Z",
    });
    expect(mock.invalid()).toEqual([]);
  });

  it("an update that fails (retries spent) leaves the check drifting; the next tick repairs it", async () => {
    const id = "20261201T110000Z_bbbbbb";
    const root = await repoWith([id]);
    const memory = emptyMemory(`${OWNER}/${REPO}`);
    await tick(root, memory);
    expect(checkOf(id).status).toBe("queued");

    rewrite(root, id, {
      status: "running",
      slurm: { job_id: "4242", state: "RUNNING", start: "2026-12-01T11:01:00Z" },
    });
    mock.failNext("checks/update", 3, 502); // the call and both retries
    const t1 = await tick(root, memory);
    expect(t1.res.posted).toBe(0);
    expect(t1.res.left).toBe(1);
    expect(t1.res.notes.join("\n")).toMatch(/could not update the check run of .*HTTP 502/);
    expect(checkOf(id).status).toBe("queued"); // GitHub still shows the old state

    const t2 = await tick(root, memory); // the manifest did not change again: the drift alone brings it back
    expect(t2.res).toMatchObject({ posted: 1, left: 0 });
    expect(checkOf(id)).toMatchObject({ status: "in_progress", started_at: "2026-12-01T11:01:00Z" });
    expect(mock.invalid()).toEqual([]);
  });

  it("stays within the budget, posting the oldest drift first, and catches up over the next ticks", async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `20261201T12000${i}Z_cccccc`);
    const root = await repoWith(ids);
    const memory = emptyMemory(`${OWNER}/${REPO}`);
    // A fresh memory: every run needs a look-up and a create (2 calls); 5 calls post 2 runs.
    const t1 = await tick(root, memory, 5);
    expect(t1.budget.used).toBeLessThanOrEqual(5);
    expect(t1.res).toMatchObject({ posted: 2, left: 5 });
    // Run 6 moves meanwhile; the waiting runs drift since the same tick, so the run-id order holds: it goes last.
    rewrite(root, ids[6], {
      status: "running",
      slurm: { job_id: "4242", state: "RUNNING", start: "2026-12-01T12:10:00Z" },
    });
    const t2 = await tick(root, memory, 6);
    expect(t2.res).toMatchObject({ posted: 3, left: 2 });
    expect(checkOf(ids[6])).toBeUndefined();
    const t3 = await tick(root, memory, 6);
    expect(t3.res).toMatchObject({ posted: 2, left: 0 });
    expect(checkOf(ids[6])?.status).toBe("in_progress");
    for (const id of ids.slice(0, 6)) expect(checkOf(id)?.status).toBe("queued");
  });

  it("a lost memory finds the existing check run instead of making a second one", async () => {
    const id = "20261201T130000Z_dddddd";
    const root = await repoWith([id]);
    await tick(root, emptyMemory(`${OWNER}/${REPO}`));
    rewrite(root, id, {
      status: "failed",
      failure: { reason: "cancelled", message: "by r" },
      slurm: { job_id: "4242", state: "CANCELLED" },
    });
    await tick(root, emptyMemory(`${OWNER}/${REPO}`));
    expect(checkOf(id)).toMatchObject({ status: "completed", conclusion: "cancelled" });
  });
});
