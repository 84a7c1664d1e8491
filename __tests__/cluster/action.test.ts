/**
 * The action, run as the GitHub runner runs it: `node dist/index.js` with
 * INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and
 * GITHUB_API_URL set, against a local server that checks every request
 * against GitHub's OpenAPI description, the real SLURM dev cluster and a
 * real bare remote. When AUTOLAB_NODE24 names a Node 24 binary (.ci/run
 * installs one), the bundle runs under it, as GitHub's node24 runtime would.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";
import { parseOutputFile } from "../helpers/action-run.js";
import { requireCluster, waitForSacct } from "../helpers/cluster.js";
import { runArgv } from "../../src/util/exec.js";
import { initRepository } from "../../src/commands/init.js";
import { parse as parseYaml } from "yaml";
import { ACTION_PLACEHOLDER, WORKFLOW_TEMPLATES } from "../../src/github/workflow-templates.js";

const DIST = path.resolve(__dirname, "../../dist/index.js");
const NODE =
  process.env.AUTOLAB_NODE24 && existsSync(process.env.AUTOLAB_NODE24) ? process.env.AUTOLAB_NODE24 : process.execPath;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

function checkedOut(dir: string): string {
  try {
    return git(dir, "rev-parse", "HEAD");
  } catch {
    return "0".repeat(40);
  }
}

/** Parse the GITHUB_OUTPUT file (`name<<DELIM\nvalue\nDELIM`). */
const readOutputs = parseOutputFile;

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

async function runAction(opts: {
  workspace: string;
  inputs: Record<string, string>;
  event: string;
  payload?: unknown;
  mock?: GithubMock;
  sha?: string;
  env?: Record<string, string | undefined>;
}): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "autolab-runner-"));
  const outputFile = path.join(dir, "output");
  const summaryFile = path.join(dir, "summary");
  const eventFile = path.join(dir, "event.json");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  writeFileSync(eventFile, JSON.stringify(opts.payload ?? {}));
  const env: Record<string, string | undefined> = {
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_REPOSITORY: "lab/experiments",
    // As actions/checkout leaves it: the event's commit is the one checked out.
    GITHUB_SHA: opts.sha ?? checkedOut(opts.workspace),
    GITHUB_REF: "refs/heads/main",
    GITHUB_RUN_ID: String(Math.floor(Math.random() * 1e9)),
    GITHUB_ACTOR: "researcher",
    GITHUB_API_URL: opts.mock?.url ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
  };
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  Object.assign(env, opts.env ?? {});
  const r = await runArgv(NODE, [DIST], { cwd: opts.workspace, env, timeoutMs: 120_000 });
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: readOutputs(outputFile),
    summary: readFileSync(summaryFile, "utf8"),
  };
}

function newRepo(): { root: string; remote: string } {
  const base = mkdtempSync(path.join(os.tmpdir(), "autolab-action-"));
  const remote = path.join(base, "origin.git");
  const root = path.join(base, "repo");
  git(base, "init", "-q", "--bare", remote);
  git(base, "init", "-q", "-b", "main", root);
  git(root, "config", "user.name", "researcher");
  git(root, "config", "user.email", "r@example.invalid");
  git(root, "remote", "add", "origin", remote);
  return { root, remote };
}

async function scaffold(root: string): Promise<void> {
  await initRepository({ root });
  git(root, "add", "-A");
  git(root, "commit", "-qm", "init");
  git(root, "push", "-q", "origin", "main");
}

/**
 * A pull_request event's payload as GitHub sends it: the base commit (whose
 * policy governs verify: issue 11, item 9) and the head.
 */
function prPayload(base: string, head: string): unknown {
  return {
    pull_request: {
      number: 1,
      base: { sha: base, ref: "main", repo: { full_name: "lab/experiments" } },
      head: { sha: head, ref: "pr", repo: { full_name: "lab/experiments", fork: false } },
    },
  };
}

describe("action (node dist/index.js as the runner runs it)", () => {
  let mock: GithubMock;
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("dist/index.js is missing: run `npm run build` first");
    mock = await startGithubMock();
  });
  afterAll(async () => {
    await mock?.close();
  });

  it("refuses launch, monitor and cancel on every event but workflow_dispatch, schedule, push, repository_dispatch, and on forks, before touching anything", async () => {
    const { root } = newRepo();
    await scaffold(root);
    const head = git(root, "rev-parse", "HEAD");
    for (const [event, payload] of [
      [
        "pull_request",
        {
          pull_request: {
            head: { repo: { fork: false, full_name: "lab/experiments" } },
            base: { repo: { full_name: "lab/experiments" } },
          },
        },
      ],
      ["pull_request_target", {}],
      [
        "workflow_dispatch",
        {
          pull_request: {
            head: { repo: { fork: true, full_name: "evil/experiments" } },
            base: { repo: { full_name: "lab/experiments" } },
          },
        },
      ],
      // An allow-list: every event not named is refused (issue 11, item 4).
      ["issue_comment", { issue: { number: 1, pull_request: { url: "x" } }, comment: { body: "/launch" } }],
      ["check_run", { check_run: { pull_requests: [{ number: 1 }] } }],
      ["check_suite", { check_suite: { pull_requests: [{ number: 1 }] } }],
      // A workflow_run whose fork was deleted: nothing in the payload says "fork".
      ["workflow_run", { workflow_run: { head_repository: null, event: "pull_request" } }],
      ["merge_group", {}],
      ["", {}],
    ] as const) {
      for (const command of ["launch", "monitor", "cancel"]) {
        const r = await runAction({
          workspace: root,
          event,
          payload,
          inputs: { command, design: "example_iteration", "run-id": "20261128T120000Z_abcdef" },
        });
        expect(r.code, `${command} on ${event || "(no event)"}`).toBe(1);
        expect(r.stdout).toMatch(
          /::error::.*(pull request|fork|runs only on workflow_dispatch, schedule, push, repository_dispatch)/i,
        );
      }
    }
    expect(git(root, "status", "--porcelain")).toBe("");
    expect(git(root, "rev-parse", "HEAD")).toBe(head);
  });

  it("a fresh repository from init passes its own verify check on its first pull request", async () => {
    // A GitHub-hosted runner: no SLURM client on PATH.
    const bin = mkdtempSync(path.join(os.tmpdir(), "hosted-bin-"));
    for (const p of ["git", "sh", "python3"]) {
      const found = (process.env.PATH ?? "")
        .split(path.delimiter)
        .map((d) => path.join(d, p))
        .find((f) => existsSync(f));
      if (found) symlinkSync(found, path.join(bin, p));
    }
    const { root } = newRepo();
    await scaffold(root);
    expect(existsSync(path.join(root, ".autolab/state.json"))).toBe(true);
    // The step exactly as the verify template gives it.
    type Step = { uses?: string; with?: Record<string, unknown> };
    const wf = parseYaml(WORKFLOW_TEMPLATES["autolab-verify.yml"]) as { jobs: Record<string, { steps: Step[] }> };
    const step = Object.values(wf.jobs)
      .flatMap((j) => j.steps)
      .find((x) => x.uses === ACTION_PLACEHOLDER)!;
    const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
    const head = git(root, "rev-parse", "HEAD");
    const r = await runAction({
      workspace: root,
      event: "pull_request",
      payload: prPayload(head, head),
      mock,
      sha: head,
      inputs: { ...inputs, token: "t" },
      env: { RUNNER_ENVIRONMENT: "github-hosted", PATH: bin },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.conclusion, r.stdout).toBe("success");
    expect(r.outputs.errors).toBe("0");
    const run = [...mock.checkRuns.values()].filter((c) => c.name.includes("verify") && c.head_sha === head).pop();
    expect(run?.conclusion).toBe("success");
    expect(mock.invalid()).toEqual([]);
  });

  it("5,000 stale ledger lines: a bounded number of API calls per tick, none when idle, and a bounded summary", async () => {
    // Issue 11 item 11: each line names a run with no manifest (a `ledger.no_manifest` warning per line).
    const { root } = newRepo();
    await scaffold(root);
    const ledgerFile = path.join(root, "docs/slurm_job_list.md");
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `- 2026-11-01 | job_id=${900000 + i} | iteration_id=gone | run_id=20261101T000000Z_${i.toString(16).padStart(6, "0")} | status=completed`,
    );
    writeFileSync(ledgerFile, readFileSync(ledgerFile, "utf8") + lines.join("\n") + "\n");
    git(root, "add", "-A");
    git(root, "commit", "-qm", "a ledger from elsewhere");
    const sha = git(root, "rev-parse", "HEAD");
    const tick = async () => {
      const before = mock.requests.length;
      const t = await runAction({
        workspace: root,
        event: "schedule",
        mock,
        sha,
        inputs: { command: "monitor", token: "t", push: "false" },
      });
      expect(t.code, t.stdout + t.stderr).toBe(0);
      return { t, calls: mock.requests.slice(before) };
    };
    const first = await tick();
    // One check run holding the worst 50 annotations, the rest counted in its text and in the summary.
    expect(first.calls.map((c) => c.operationId)).toEqual(["checks/create"]);
    const body = first.calls[0].body as { output: { annotations: unknown[]; text: string } };
    expect(body.output.annotations).toHaveLength(50);
    expect(body.output.text).toContain("4950 more finding(s) are not annotated");
    expect(Buffer.byteLength(first.t.summary)).toBeLessThan(64 * 1024);
    expect(first.t.summary).toContain("…and 4900 more");
    expect(first.t.summary).toMatch(/GitHub API: 1 call\(s\) of this step's budget of 40/);

    // Idle: the same findings are not posted again.
    const second = await tick();
    expect(second.calls).toEqual([]);
    expect(second.t.summary).toContain("are the ones posted at");
    expect(Buffer.byteLength(second.t.summary)).toBeLessThan(64 * 1024);
    expect(mock.invalid()).toEqual([]);
  });

  it("verify: findings become check-run annotations at their file and line, conclusion failure", async () => {
    const { root } = newRepo();
    await scaffold(root);
    const runDir = path.join(root, "experiments/plan/example_iteration/runs/20261128T120000Z_abcdef");
    mkdirSync(runDir, { recursive: true });
    const manifest = [
      "{",
      '  "schema_version": "1.0",',
      '  "run_id": "20261128T120000Z_abcdef",',
      '  "iteration_id": "example_iteration",',
      '  "host_mode": "slurm",',
      '  "command": "sbatch x",',
      '  "status": "done",',
      '  "resource_request": {},',
      '  "artifact_sync_to_local": {"status": "pending"},',
      '  "timestamps": {"started_at": "2026-11-28T12:00:00Z"},',
      '  "job_id": "77"',
      "}",
      "",
    ].join("\n");
    writeFileSync(path.join(runDir, "run_manifest.json"), manifest);
    const before = mock.requests.length;
    const head = git(root, "rev-parse", "HEAD");
    const r = await runAction({
      workspace: root,
      event: "pull_request",
      payload: prPayload(head, head),
      mock,
      inputs: { command: "verify", stage: "launch", token: "ghs_secret_token_value" },
    });
    expect(r.code).toBe(1);
    // The runner learns the secret from ::add-mask:: and hides it everywhere else.
    expect(r.stdout).toContain("::add-mask::ghs_secret_token_value");
    const leaked = (r.stdout + r.stderr)
      .split("\n")
      .filter((l) => l.includes("ghs_secret_token_value") && !l.startsWith("::add-mask::"));
    expect(leaked).toEqual([]);
    expect(JSON.stringify(mock.requests)).not.toContain("ghs_secret_token_value");
    const reqs = mock.requests.slice(before);
    expect(reqs.length).toBeGreaterThan(0);
    expect(mock.invalid()).toEqual([]);
    const runs = [...mock.checkRuns.values()].filter((c) => c.name.includes("verify"));
    const run = runs[runs.length - 1];
    expect(run.conclusion).toBe("failure");
    const ann = run.annotations.find((a) => a.path.endsWith("run_manifest.json") && a.message.includes("status"));
    expect(ann, JSON.stringify(run.annotations, null, 2)).toBeDefined();
    expect(ann!.path).toBe("experiments/plan/example_iteration/runs/20261128T120000Z_abcdef/run_manifest.json");
    expect(ann!.start_line).toBe(7);
    expect(ann!.annotation_level).toBe("failure");
    expect(r.outputs.conclusion).toBe("failure");
    expect(Number(r.outputs.errors)).toBeGreaterThan(0);
    expect(r.summary).toContain("autolab verify");
  });

  it("verify on a fork's read-only token falls back to workflow-command annotations", async () => {
    const fork = await startGithubMock({ forbidCheckRuns: true });
    try {
      const { root } = newRepo();
      await scaffold(root);
      const runDir = path.join(root, "experiments/plan/example_iteration/runs/20261128T120000Z_abcdef");
      mkdirSync(runDir, { recursive: true });
      writeFileSync(
        path.join(runDir, "run_manifest.json"),
        '{\n  "schema_version": "1.0",\n  "run_id": "20261128T120000Z_abcdef",\n  "iteration_id": "example_iteration",\n  "host_mode": "slurm",\n  "command": "x",\n  "resource_request": {},\n  "artifact_sync_to_local": {"status": "pending"},\n  "timestamps": {"started_at": "2026-11-28T12:00:00Z"}\n}\n',
      );
      const head = git(root, "rev-parse", "HEAD");
      const r = await runAction({
        workspace: root,
        event: "pull_request",
        payload: prPayload(head, head),
        mock: fork,
        inputs: { command: "verify", stage: "launch", token: "t" },
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /::error file=experiments\/plan\/example_iteration\/runs\/20261128T120000Z_abcdef\/run_manifest\.json,line=\d+/,
      );
      expect(fork.invalid()).toEqual([]);
    } finally {
      await fork.close();
    }
  });

  describe("on the SLURM dev cluster", () => {
    beforeAll(() => requireCluster());

    it("launch submits, records, commits and pushes; monitor completes the run with a success check run", async () => {
      const { root, remote } = newRepo();
      await scaffold(root);
      const launchSha = git(root, "rev-parse", "HEAD");
      const r = await runAction({
        workspace: root,
        event: "workflow_dispatch",
        mock,
        sha: launchSha,
        inputs: { command: "launch", design: "example_iteration", push: "true", token: "t" },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs["status"]).toBe("submitted");
      expect(r.outputs["job-id"]).toMatch(/^\d+$/);
      const runId = r.outputs["run-id"];
      expect(runId).toMatch(/^\d{8}T\d{6}Z_[0-9a-f]{6}$/);
      expect(r.outputs["manifest"]).toBe(`experiments/plan/example_iteration/runs/${runId}/run_manifest.json`);
      const remoteLedger = git(root, "--git-dir", remote, "show", "main:docs/slurm_job_list.md");
      expect(remoteLedger).toContain(
        `| job_id=${r.outputs["job-id"]} | iteration_id=example_iteration | run_id=${runId} | status=submitted`,
      );
      expect(r.summary).toContain(runId);
      // The run's check run exists from launch on: queued, on the launch commit, linking the run's directory.
      const launchCommit = git(root, "log", "--diff-filter=A", "--format=%H", "-1", "--", r.outputs["manifest"]);
      const queued = [...mock.checkRuns.values()].filter((c) => c.external_id === runId);
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ status: "queued", head_sha: launchCommit, started_at: null });
      expect(queued[0].details_url).toBe(
        `https://github.com/lab/experiments/tree/${launchCommit}/experiments/plan/example_iteration/runs/${runId}`,
      );

      await waitForSacct(r.outputs["job-id"], 90_000);
      let m: { status: string } = { status: "" };
      for (let i = 0; i < 10 && m.status !== "completed"; i++) {
        const t = await runAction({
          workspace: root,
          event: "schedule",
          mock,
          sha: launchSha,
          inputs: { command: "monitor", token: "t" },
        });
        expect(t.code, t.stdout + t.stderr).toBe(0);
        m = JSON.parse(readFileSync(path.join(root, r.outputs["manifest"]), "utf8"));
        if (m.status !== "completed") await new Promise((res) => setTimeout(res, 2000));
      }
      expect(m.status).toBe("completed");
      const checks = [...mock.checkRuns.values()].filter((c) => c.external_id === runId);
      expect(checks).toHaveLength(1);
      // On the launch commit: the one that added the run's manifest.
      expect(launchCommit).not.toBe(launchSha);
      expect(checks[0].head_sha).toBe(launchCommit);
      expect(checks[0].conclusion).toBe("success");
      // SLURM's start and end of the job, not the launch or the tick that noticed the end.
      const done = JSON.parse(readFileSync(path.join(root, r.outputs["manifest"]), "utf8"));
      expect(checks[0].started_at).toBe(new Date(Date.parse(done.slurm.start)).toISOString().replace(".000Z", "Z"));
      expect(checks[0].completed_at).toBe(new Date(Date.parse(done.slurm.end)).toISOString().replace(".000Z", "Z"));
      expect(checks[0].output.summary).toContain(`| Job | ${r.outputs["job-id"]} |`);
      expect(mock.invalid()).toEqual([]);
      const remoteManifest = JSON.parse(git(root, "--git-dir", remote, "show", `main:${r.outputs["manifest"]}`));
      expect(remoteManifest.status).toBe("completed");
    });

    it("monitor: a token that cannot write check runs gives a warning; the tick still succeeds and is summarised", async () => {
      const fork = await startGithubMock({ forbidCheckRuns: true });
      try {
        const { root } = newRepo();
        await scaffold(root);
        const l = await runAction({
          workspace: root,
          event: "workflow_dispatch",
          inputs: { command: "launch", design: "example_iteration" },
        });
        expect(l.code, l.stdout + l.stderr).toBe(0);
        await waitForSacct(l.outputs["job-id"], 90_000);
        const t = await runAction({
          workspace: root,
          event: "schedule",
          mock: fork,
          inputs: { command: "monitor", token: "t" },
        });
        expect(t.code, t.stdout + t.stderr).toBe(0);
        expect(t.stdout).toMatch(/::warning::could not update the check run/);
        expect(JSON.parse(t.outputs["changed-runs"]).length).toBe(1);
        expect(t.summary).toContain(l.outputs["run-id"]);
        expect(fork.invalid()).toEqual([]);
      } finally {
        await fork.close();
      }
    });
  });

  it("verify on a pull request runs the policy's commands only on a GitHub-hosted runner", async () => {
    const { root } = newRepo();
    await scaffold(root);
    const marker = path.join(root, "test-command-ran");
    writeFileSync(
      path.join(root, ".autolab/verifier_policy.yaml"),
      `python_bin: python3\ntest_command: "python3 -c \\"open('${marker}', 'w').write('x')\\""\nrequirements_by_stage:\n  launch: {schema: true, tests: true}\n`,
    );
    git(root, "add", "-A");
    git(root, "commit", "-qm", "policy with a test command");
    // The policy is the base's too (a pull request is verified under its base's policy).
    const head = git(root, "rev-parse", "HEAD");
    const selfHosted = await runAction({
      workspace: root,
      event: "pull_request",
      payload: prPayload(head, head),
      inputs: { command: "verify", stage: "launch" },
      env: { RUNNER_ENVIRONMENT: "self-hosted" },
    });
    expect(existsSync(marker), selfHosted.stdout).toBe(false);
    expect(selfHosted.stdout).toContain("not run here");
    // Not only pull_request*: any event outside the allow-list (an issue_comment on a pull request).
    const comment = await runAction({
      workspace: root,
      event: "issue_comment",
      payload: { issue: { number: 1, pull_request: { url: "x" } } },
      inputs: { command: "verify", stage: "launch" },
      env: { RUNNER_ENVIRONMENT: "self-hosted" },
    });
    expect(existsSync(marker), comment.stdout).toBe(false);
    expect(comment.stdout).toContain("not run here");
    const hosted = await runAction({
      workspace: root,
      event: "pull_request",
      payload: prPayload(head, head),
      inputs: { command: "verify", stage: "launch" },
      env: { RUNNER_ENVIRONMENT: "github-hosted" },
    });
    expect(hosted.code, hosted.stdout).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  describe("the runner's tokens (issue 11, items 3 and 4)", () => {
    const tokens = () => {
      const tag = Math.random().toString(36).slice(2, 10);
      return {
        INPUT_TOKEN: `ghs_input${tag}Zq`,
        ACTIONS_RUNTIME_TOKEN: `eyJruntime${tag}Xk`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: `eyJoidc${tag}Wv`,
      };
    };

    it("a local run's job finds no token in its own or any ancestor's /proc environ, nor any process's; the committed log is redacted", async () => {
      const { root, remote } = newRepo();
      await scaffold(root);
      const t = tokens();
      const out = mkdtempSync(path.join(os.tmpdir(), "autolab-leak-"));
      // What a job could have learned elsewhere (a file on disk) and prints: the second line of defence.
      writeFileSync(path.join(out, "learned"), `${t.INPUT_TOKEN} ${t.ACTIONS_RUNTIME_TOKEN}\n`);
      mkdirSync(path.join(root, "experiments/plan/leak"), { recursive: true });
      writeFileSync(
        path.join(root, "leak.sh"),
        [
          "#!/bin/bash",
          'out="$LEAK_OUT"',
          "pid=$$",
          // Up the ancestors, as far as they go (past the action's node process).
          'while [ -n "$pid" ] && [ "$pid" -gt 1 ]; do',
          '  echo "pid $pid: $(tr "\\0" " " < /proc/$pid/cmdline 2>/dev/null)" >> "$out/chain"',
          '  tr "\\0" "\\n" < /proc/$pid/environ >> "$out/ancestors" 2>/dev/null || echo "unreadable $pid" >> "$out/chain"',
          "  pid=$(sed 's/.*) //' /proc/$pid/stat | cut -d' ' -f2)",
          "done",
          // Every process this user can see.
          'for d in /proc/[0-9]*; do tr "\\0" "\\n" < $d/environ 2>/dev/null; done > "$out/everyone"',
          'env > "$out/own"',
          'cat "$out/ancestors"',
          'echo "learned: $(cat "$out/learned")"',
          "",
        ].join("\n"),
      );
      writeFileSync(
        path.join(root, "experiments/plan/leak/design.yaml"),
        [
          "id: leak",
          "iteration_id: leak",
          "compute:",
          "  location: local",
          '  walltime_estimate: "00:02:00"',
          "runtime:",
          "  env:",
          `    LEAK_OUT: ${JSON.stringify(out)}`,
          "entrypoint:",
          '  cli: "bash leak.sh"',
          "replicates: 1",
          "",
        ].join("\n"),
      );
      git(root, "add", "-A");
      git(root, "commit", "-qm", "a job that looks for tokens");
      git(root, "push", "-q", "origin", "main");
      const r = await runAction({
        workspace: root,
        event: "workflow_dispatch",
        inputs: { command: "launch", design: "leak", push: "true" },
        env: t,
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs.status, r.stdout).toBe("completed");
      expect(r.stdout).not.toMatch(/tokens stay readable/);
      const chain = readFileSync(path.join(out, "chain"), "utf8");
      // The walk went through the action itself (and the bash run_local.sh under it).
      expect(chain).toMatch(/dist\/index\.js/);
      expect(chain).toMatch(/run_local\.sh/);
      expect(chain).not.toMatch(/unreadable/);
      const seen = ["ancestors", "everyone", "own", "chain"].map((f) => readFileSync(path.join(out, f), "utf8"));
      expect(seen[0]).toMatch(/^GITHUB_REPOSITORY=lab\/experiments$/m); // the walk did read the action's environment
      for (const v of Object.values(t)) for (const text of seen) expect(text).not.toContain(v);
      // The committed log: the job printed what it learned; the known tokens are ***.
      const log = git(
        root,
        "--git-dir",
        remote,
        "show",
        `main:${path.posix.dirname(r.outputs.manifest)}/logs/run_local.out`,
      );
      expect(log).toContain("learned: *** ***");
      for (const v of Object.values(t)) expect(log).not.toContain(v);
    });

    it("a SLURM job's environment holds no token (sbatch exports the action's child environment), and its synced log is redacted", async () => {
      requireCluster();
      const { root, remote } = newRepo();
      await scaffold(root);
      const t = { ...tokens(), GITHUB_TOKEN: `ghs_github${Math.random().toString(36).slice(2, 10)}Yy` };
      const out = mkdtempSync(path.join(os.tmpdir(), "autolab-leak-slurm-"));
      writeFileSync(path.join(out, "learned"), `${t.INPUT_TOKEN} ${t.GITHUB_TOKEN}\n`);
      mkdirSync(path.join(root, "experiments/plan/leak"), { recursive: true });
      writeFileSync(
        path.join(root, "leak.sh"),
        ["#!/bin/bash", 'env > "$LEAK_OUT/own"', "env", 'echo "learned: $(cat "$LEAK_OUT/learned")"', ""].join("\n"),
      );
      writeFileSync(
        path.join(root, "experiments/plan/leak/design.yaml"),
        [
          "id: leak",
          "iteration_id: leak",
          "compute:",
          "  location: slurm",
          "  partition: debug",
          '  walltime_estimate: "00:02:00"',
          "runtime:",
          "  env:",
          `    LEAK_OUT: ${JSON.stringify(out)}`,
          "entrypoint:",
          '  cli: "bash leak.sh"',
          "",
        ].join("\n"),
      );
      git(root, "add", "-A");
      git(root, "commit", "-qm", "a SLURM job that looks for tokens");
      git(root, "push", "-q", "origin", "main");
      const r = await runAction({
        workspace: root,
        event: "workflow_dispatch",
        inputs: { command: "launch", design: "leak", push: "true" },
        env: t,
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs.status).toBe("submitted");
      await waitForSacct(r.outputs["job-id"], 90_000);
      let status = "";
      for (let i = 0; i < 10 && status !== "completed"; i++) {
        const m = await runAction({ workspace: root, event: "schedule", inputs: { command: "monitor" }, env: t });
        expect(m.code, m.stdout + m.stderr).toBe(0);
        status = JSON.parse(readFileSync(path.join(root, r.outputs.manifest), "utf8")).status;
        if (status !== "completed") await new Promise((res) => setTimeout(res, 2000));
      }
      expect(status).toBe("completed");
      const own = readFileSync(path.join(out, "own"), "utf8");
      expect(own).toMatch(/^SLURM_JOB_ID=\d+$/m); // it is the SLURM job's own environment
      for (const v of Object.values(t)) expect(own).not.toContain(v);
      const log = git(
        root,
        "--git-dir",
        remote,
        "show",
        `main:${path.posix.dirname(r.outputs.manifest)}/logs/slurm-${r.outputs["job-id"]}.out`,
      );
      expect(log).toContain("learned: *** ***");
      for (const v of Object.values(t)) expect(log).not.toContain(v);
    });

    it("monitor runs on push and repository_dispatch (allowed events)", async () => {
      const { root } = newRepo();
      await scaffold(root);
      const head = git(root, "rev-parse", "HEAD");
      // A monitor with no runs: nothing to do, but it ran.
      for (const event of ["repository_dispatch", "push"]) {
        const r = await runAction({ workspace: root, event, inputs: { command: "monitor", push: "false" } });
        expect(r.code, r.stdout + r.stderr).toBe(0);
      }
      expect(git(root, "status", "--porcelain")).toBe("");
      expect(git(root, "rev-parse", "HEAD")).toBe(head);
    });

    it("refuses a privileged command when the checkout's HEAD is not the event's commit (or the named branch's head)", async () => {
      const { root } = newRepo();
      await scaffold(root);
      const base = git(root, "rev-parse", "HEAD");
      // The workflow checked out other code than the event's (say, a pull request's head).
      git(root, "checkout", "-q", "-b", "pr-head");
      writeFileSync(path.join(root, "evil.txt"), "x\n");
      git(root, "add", "evil.txt");
      git(root, "commit", "-qm", "not the event's code");
      const other = git(root, "rev-parse", "HEAD");
      for (const command of ["launch", "monitor", "cancel"]) {
        const r = await runAction({
          workspace: root,
          event: "workflow_dispatch",
          sha: base,
          inputs: { command, design: "example_iteration", "run-id": "20261128T120000Z_abcdef", push: "false" },
        });
        expect(r.code, command).toBe(1);
        expect(r.stdout).toContain(
          `refusing to ${command}: the checkout's HEAD ${other.slice(0, 12)} is not GITHUB_SHA ${base.slice(0, 12)}`,
        );
      }
      // A commit of the tool's own on top of the event's commit (an earlier step of the job) is fine.
      git(root, "checkout", "-q", "main");
      git(root, "commit", "-q", "--allow-empty", "-m", "autolab: launch example_iteration run x");
      const ok = await runAction({
        workspace: root,
        event: "schedule",
        sha: base,
        inputs: { command: "monitor", push: "false" },
      });
      expect(ok.code, ok.stdout).toBe(0);
      // The branch the command names, as fetched.
      git(root, "push", "-q", "origin", "pr-head");
      git(root, "fetch", "-q", "origin");
      git(root, "checkout", "-q", "pr-head");
      const named = await runAction({
        workspace: root,
        event: "workflow_dispatch",
        sha: base,
        inputs: { command: "monitor", branch: "pr-head", push: "false" },
      });
      expect(named.code, named.stdout).toBe(0);
    });
  });

  describe("verify on a pull request: the base branch's policy governs (issue 11, item 9)", () => {
    const POLICY = ".autolab/verifier_policy.yaml";
    const RUN = "experiments/plan/example_iteration/runs/20261128T120000Z_abcdef";
    const verifyInputs = { command: "verify", stage: "launch", token: "t" };
    // The base branch's policy: the built-in defaults (schema and consistency at launch), said out loud.
    const STRICT = "python_bin: python3\nrequirements_by_stage:\n  launch:\n    schema: true\n    consistency: true\n";
    // The pull request's: every check of the launch stage switched off (line 4: schema).
    const WEAK = "python_bin: python3\nrequirements_by_stage:\n  launch:\n    schema: false\n    consistency: false\n";

    /** A run whose manifest breaks the schema (status "done"): what the pull request wants to get past the check. */
    function writeBrokenRun(root: string): void {
      mkdirSync(path.join(root, RUN), { recursive: true });
      writeFileSync(
        path.join(root, RUN, "run_manifest.json"),
        '{\n  "schema_version": "1.0",\n  "run_id": "20261128T120000Z_abcdef",\n  "iteration_id": "example_iteration",\n  "host_mode": "slurm",\n  "command": "x",\n  "status": "done",\n  "resource_request": {},\n  "artifact_sync_to_local": {"status": "pending"},\n  "timestamps": {"started_at": "2026-11-28T12:00:00Z"},\n  "job_id": "77"\n}\n',
      );
    }

    /** main with the strict policy (pushed), and a branch `pr` on it that breaks a run and switches the checks off. */
    async function weakeningPr(): Promise<{ root: string; remote: string; base: string; head: string }> {
      const { root, remote } = newRepo();
      await scaffold(root);
      writeFileSync(path.join(root, POLICY), STRICT);
      git(root, "commit", "-qam", "the base's policy");
      git(root, "push", "-q", "origin", "main");
      const base = git(root, "rev-parse", "HEAD");
      git(root, "checkout", "-q", "-b", "pr");
      writeBrokenRun(root);
      writeFileSync(path.join(root, POLICY), WEAK);
      git(root, "add", "-A");
      git(root, "commit", "-qm", "switch the verifier off");
      return { root, remote, base, head: git(root, "rev-parse", "HEAD") };
    }

    /** verify on a pull_request event from `base` to `head` (checked out in `workspace`), and the check run it made. */
    async function verifyPr(workspace: string, base: string, head: string, env?: Record<string, string>) {
      const before = new Set(mock.checkRuns.keys());
      const r = await runAction({
        workspace,
        event: "pull_request",
        payload: prPayload(base, head),
        mock,
        sha: head,
        inputs: verifyInputs,
        env,
      });
      const runs = [...mock.checkRuns.values()].filter((c) => !before.has(c.id));
      return { r, run: runs[runs.length - 1] };
    }

    it("a pull request that weakens the policy still fails under the base's policy, and policy.changed is an error at its line", async () => {
      const { root, base, head } = await weakeningPr();
      const { r, run } = await verifyPr(root, base, head);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.outputs.conclusion).toBe("failure");
      expect(run.head_sha).toBe(head);
      expect(run.conclusion).toBe("failure");
      // The base's schema check ran on the pull request's files...
      const broken = run.annotations.find((a) => a.path === `${RUN}/run_manifest.json`);
      expect(broken, JSON.stringify(run.annotations, null, 2)).toMatchObject({
        annotation_level: "failure",
        start_line: 7,
      });
      // ...and the policy change is reported where the pull request made it.
      const changed = run.annotations.find((a) => a.title === "policy.changed");
      expect(changed, JSON.stringify(run.annotations, null, 2)).toMatchObject({
        path: POLICY,
        start_line: 4,
        annotation_level: "failure",
      });
      expect(changed!.message).toContain(`the checks ran under the policy of the base commit ${base.slice(0, 12)}`);
      expect(changed!.message).toContain("schema is no longer required at launch");
      expect(changed!.message).toContain("consistency is no longer required at launch");
      expect(mock.invalid()).toEqual([]);
    });

    it("a harmless policy change gets a warning, and the base's test command runs, not the pull request's", async () => {
      const { root } = newRepo();
      await scaffold(root);
      const markers = mkdtempSync(path.join(os.tmpdir(), "autolab-policy-cmd-"));
      const cmd = (name: string) =>
        `test_command: "python3 -c \\"open('${path.join(markers, name)}', 'w').write('x')\\""\n`;
      const policy = (name: string, extra = "") =>
        `python_bin: python3\n${cmd(name)}requirements_by_stage:\n  launch: {schema: true, consistency: true, tests: true}\n${extra}`;
      writeFileSync(path.join(root, POLICY), policy("base-ran"));
      git(root, "commit", "-qam", "the base's policy");
      git(root, "push", "-q", "origin", "main");
      const base = git(root, "rev-parse", "HEAD");
      git(root, "checkout", "-q", "-b", "pr");
      // Another test command (line 2) and a lower sweep cap: nothing asks less, but a reviewer must see it.
      writeFileSync(path.join(root, POLICY), policy("head-ran", "launch:\n  max_sweep_tasks: 100\n"));
      git(root, "commit", "-qam", "another test command");
      const head = git(root, "rev-parse", "HEAD");
      const { r, run } = await verifyPr(root, base, head, { RUNNER_ENVIRONMENT: "github-hosted" });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(existsSync(path.join(markers, "base-ran")), r.stdout).toBe(true);
      expect(existsSync(path.join(markers, "head-ran")), r.stdout).toBe(false);
      expect(r.outputs.errors).toBe("0");
      expect(r.outputs.conclusion).toBe("neutral");
      const changed = run.annotations.find((a) => a.title === "policy.changed");
      expect(changed, JSON.stringify(run.annotations, null, 2)).toMatchObject({
        path: POLICY,
        start_line: 2,
        annotation_level: "warning",
      });
      expect(changed!.message).toContain("test_command");
      expect(changed!.message).toContain("launch.max_sweep_tasks added (100)");
      expect(changed!.message).not.toContain("weakens");
      expect(mock.invalid()).toEqual([]);
    });

    it("a push verifies the branch under its own policy (no base, no policy.changed)", async () => {
      const { root, head, base } = await weakeningPr();
      // The weak policy once merged (pushed to the branch): its own rules apply.
      const before = new Set(mock.checkRuns.keys());
      const pushed = await runAction({ workspace: root, event: "push", mock, sha: head, inputs: verifyInputs });
      expect(pushed.code, pushed.stdout + pushed.stderr).toBe(0);
      const [run] = [...mock.checkRuns.values()].filter((x) => !before.has(x.id));
      expect(run.conclusion).toBe("success");
      expect(
        run.annotations.filter((a) => a.title === "policy.changed" || a.path.endsWith("run_manifest.json")),
      ).toEqual([]);
      // The same commit as a pull request's head is held to the base's.
      const pr = await verifyPr(root, base, head);
      expect(pr.r.code, pr.r.stdout).toBe(1);
      expect(pr.run.annotations.some((a) => a.title === "policy.changed")).toBe(true);
      expect(mock.invalid()).toEqual([]);
    });

    it("a shallow checkout without the base commit: the base is fetched --depth=1 from the remote, nothing else changes", async () => {
      const { root, remote, base, head } = await weakeningPr();
      git(root, "push", "-q", "origin", "pr");
      // As actions/checkout leaves a pull request (fetch-depth 1): the head, not its parent.
      const shallow = path.join(path.dirname(remote), "shallow");
      git(path.dirname(remote), "clone", "-q", "--depth=1", "--branch", "pr", `file://${remote}`, shallow);
      const missing = (sha: string) => {
        try {
          git(shallow, "cat-file", "-e", `${sha}^{commit}`);
          return false;
        } catch {
          return true;
        }
      };
      expect(missing(base)).toBe(true);
      const refs = git(shallow, "for-each-ref");
      const shallowFile = readFileSync(path.join(shallow, ".git/shallow"), "utf8");
      const { r, run } = await verifyPr(shallow, base, head);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(run.annotations.find((a) => a.title === "policy.changed")).toMatchObject({
        path: POLICY,
        start_line: 4,
        annotation_level: "failure",
        message: expect.stringContaining("schema is no longer required at launch"),
      });
      expect(run.annotations.some((a) => a.path === `${RUN}/run_manifest.json`)).toBe(true);
      // The base commit came (its tree: the policy was read from it), one commit deep: its parent did not.
      expect(missing(base)).toBe(false);
      const parent = git(path.dirname(remote), "--git-dir", remote, "rev-parse", `${base}^`);
      expect(missing(parent)).toBe(true);
      // No ref, no shallow boundary, no work-tree change.
      expect(git(shallow, "for-each-ref")).toBe(refs);
      expect(readFileSync(path.join(shallow, ".git/shallow"), "utf8")).toBe(shallowFile);
      expect(git(shallow, "status", "--porcelain")).toBe("");
      expect(mock.invalid()).toEqual([]);
    });
  });
});
