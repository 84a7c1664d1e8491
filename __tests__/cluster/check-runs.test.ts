/**
 * Check runs follow the decision that landed (issue 10 item 12), on the real
 * SLURM dev cluster, a real bare remote and the local OpenAPI-checking GitHub
 * server.
 *
 * Clone B's monitor tick asks the scheduler (the job is RUNNING) and decides
 * "running"; right then clone A cancels the run and pushes, so B's push is
 * rejected and its change set is replayed on A's head, where the run is
 * failed (cancelled): B's decision for the run is superseded. B's check-run
 * step must post what landed (completed, cancelled), never its discarded
 * "running".
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import { publishAfterTick } from "../../src/action/publish.js";
import { apiBudget, createOctokit } from "../../src/github/client.js";
import type { ActionContext } from "../../src/github/context.js";
import { logTailsOf } from "../../src/report/monitor.js";
import { CLI_ENTRY, cloneRepo, GIT_ENV, makeRepo, TSX_LOADER } from "../helpers/repo.js";
import { realScheduler, requireCluster, scancel, slurmOnPath, waitForState } from "../helpers/cluster.js";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";

const sinfoOnPath = slurmOnPath("__tests__/check-runs.test.ts");

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries({ ...GIT_ENV, GITHUB_ACTIONS: undefined })) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

const ctx = (sha: string): ActionContext =>
  ({
    eventName: "schedule",
    repository: { owner: "lab", repo: "experiments" },
    sha,
    apiUrl: "",
    serverUrl: "https://github.com",
    runId: "1",
    workflow: "monitor",
    actor: "researcher",
    isFork: false,
  }) as unknown as ActionContext;

describe.skipIf(!sinfoOnPath)("check runs: only from the decision that landed", () => {
  let mock: GithubMock;
  const launched: string[] = [];
  beforeAll(async () => {
    requireCluster();
    mock = await startGithubMock();
  });
  afterAll(async () => {
    for (const id of launched) await scancel(id).catch(() => undefined);
    await mock?.close();
  });

  it("a tick whose 'running' was superseded by another writer's cancel posts the cancel, never 'running'", async () => {
    const a = await makeRepo({
      scaffold: false,
      remote: true,
      files: {
        "experiments/in_progress/race/design.yaml": YAML.stringify({
          id: "race",
          iteration_id: "race",
          compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
          entrypoint: { cli: "sleep 300" },
        }),
      },
    });
    const l = await launch({ scheduler: realScheduler(), cwd: a.root, design: "race" });
    launched.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    const b = await cloneRepo(a.remote!, path.join(path.dirname(a.root), "clone-b"));
    await waitForState(l.jobId!, (st) => st === "RUNNING");

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
            { cwd: a.root, env: cliEnv(), encoding: "utf8", timeout: 120_000 },
          );
        }
      },
    });
    expect(cancelled?.status, String(cancelled?.stderr)).toBe(0);
    // What B decided from its answer: running. What landed: A's cancel.
    expect(rep.runs.find((r) => r.runId === l.runId)?.after).toBe("running");
    expect(rep.findings.some((f) => f.check === "monitor.superseded" && f.message.includes(l.runId))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(b, l.manifestPath), "utf8")).status).toBe("failed");

    const budget = apiBudget();
    const octokit = await createOctokit("t", mock.url, { budget });
    const out = await publishAfterTick({ octokit, budget }, ctx(rep.commit?.sha ?? "0".repeat(40)), b, {
      logTails: logTailsOf(rep),
    });
    const writes = mock.requests.filter(
      (q) =>
        (q.operationId === "checks/create" || q.operationId === "checks/update") &&
        (q.body as { external_id?: string })?.external_id === l.runId,
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) expect(w.body).toMatchObject({ status: "completed", conclusion: "cancelled" });
    const check = [...mock.checkRuns.values()].filter((c) => c.external_id === l.runId);
    expect(check).toHaveLength(1);
    expect(check[0]).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect(out.notes.join("\n")).toMatch(/GitHub API: \d+ call\(s\) of this step's budget of 40/);
    expect(mock.invalid()).toEqual([]);
  });
});
