/** The action's context (event, fork detection, trust rule) and inputs (validation, token masking). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertTrustedEvent, payloadIsFork, pullRequestBaseSha, readActionContext } from "../../src/github/context.js";
import { readInputs } from "../../src/github/inputs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "autolab-ctx-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function event(payload: unknown): string {
  const f = path.join(dir, "event.json");
  writeFileSync(f, JSON.stringify(payload));
  return f;
}

const BASE_ENV = {
  GITHUB_REPOSITORY: "octo-lab/experiments",
  GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
  GITHUB_REF: "refs/heads/main",
  GITHUB_RUN_ID: "42",
  GITHUB_WORKFLOW: "autolab launch",
  GITHUB_ACTOR: "alice",
};

const samePr = {
  pull_request: {
    head: { repo: { full_name: "octo-lab/experiments", fork: false } },
    base: { repo: { full_name: "octo-lab/experiments" } },
  },
  repository: { full_name: "octo-lab/experiments", name: "experiments", owner: { login: "octo-lab" } },
};
const forkPr = {
  pull_request: {
    head: { repo: { full_name: "mallory/experiments", fork: true } },
    base: { repo: { full_name: "octo-lab/experiments" } },
  },
  repository: samePr.repository,
};

describe("readActionContext", () => {
  it("reads the runner's environment and event payload", () => {
    const ctx = readActionContext({
      ...BASE_ENV,
      GITHUB_EVENT_NAME: "workflow_dispatch",
      GITHUB_EVENT_PATH: event({ inputs: { design: "x" } }),
    });
    expect(ctx).toMatchObject({
      eventName: "workflow_dispatch",
      repository: { owner: "octo-lab", repo: "experiments" },
      sha: BASE_ENV.GITHUB_SHA,
      ref: "refs/heads/main",
      apiUrl: "https://api.github.com",
      serverUrl: "https://github.com",
      runId: "42",
      workflow: "autolab launch",
      actor: "alice",
      isFork: false,
      payload: { inputs: { design: "x" } },
    });
    expect(readActionContext({ ...BASE_ENV, GITHUB_API_URL: "http://127.0.0.1:9999/" }).apiUrl).toBe(
      "http://127.0.0.1:9999",
    );
  });

  it("takes the repository from the payload when GITHUB_REPOSITORY is missing, and names a broken event file", () => {
    const { GITHUB_REPOSITORY: _omit, ...rest } = BASE_ENV;
    expect(readActionContext({ ...rest, GITHUB_EVENT_PATH: event(samePr) }).repository).toEqual({
      owner: "octo-lab",
      repo: "experiments",
    });
    expect(() => readActionContext(rest)).toThrow(/GITHUB_REPOSITORY/);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{nope");
    expect(() => readActionContext({ ...BASE_ENV, GITHUB_EVENT_PATH: bad })).toThrow(
      expect.objectContaining({ location: expect.objectContaining({ file: bad }) }),
    );
  });

  it("detects forks: fork flag, other head repo, deleted head repo, workflow_run from a fork", () => {
    expect(payloadIsFork(samePr)).toBe(false);
    expect(payloadIsFork(forkPr)).toBe(true);
    expect(
      payloadIsFork({
        pull_request: {
          head: { repo: { full_name: "bob/experiments" } },
          base: { repo: { full_name: "octo-lab/experiments" } },
        },
      }),
    ).toBe(true);
    expect(
      payloadIsFork({ pull_request: { head: { repo: null }, base: { repo: { full_name: "octo-lab/experiments" } } } }),
    ).toBe(true);
    expect(
      payloadIsFork({
        workflow_run: {
          head_repository: { full_name: "mallory/experiments" },
          repository: { full_name: "octo-lab/experiments" },
        },
      }),
    ).toBe(true);
    expect(
      payloadIsFork({
        workflow_run: {
          head_repository: { full_name: "octo-lab/experiments" },
          repository: { full_name: "octo-lab/experiments" },
        },
      }),
    ).toBe(false);
    expect(payloadIsFork({})).toBe(false);
  });
});

describe("assertTrustedEvent", () => {
  it("refuses launch, monitor and cancel on pull request events and fork payloads, with the reason", () => {
    for (const command of ["launch", "monitor", "watch", "cancel"]) {
      for (const eventName of ["pull_request", "pull_request_target"]) {
        expect(() => assertTrustedEvent({ eventName, isFork: false }, command)).toThrow(
          new RegExp(
            `refusing to ${command} on a ${eventName} event: a runner on a cluster must never run code from a pull request or a fork`,
          ),
        );
      }
      expect(() => assertTrustedEvent({ eventName: "workflow_run", isFork: true }, command)).toThrow(
        /carries code from a fork/,
      );
      expect(() => assertTrustedEvent({ eventName: "workflow_dispatch", isFork: false }, command)).not.toThrow();
      expect(() => assertTrustedEvent({ eventName: "schedule", isFork: false }, command)).not.toThrow();
    }
    // verify and status are read-only: allowed on pull requests.
    expect(() => assertTrustedEvent({ eventName: "pull_request", isFork: true }, "verify")).not.toThrow();
    expect(() => assertTrustedEvent({ eventName: "pull_request", isFork: true }, "status")).not.toThrow();
    // A fork PR's payload, read from a real event file.
    const ctx = readActionContext({ ...BASE_ENV, GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: event(forkPr) });
    expect(ctx.isFork).toBe(true);
    expect(() => assertTrustedEvent(ctx, "launch")).toThrow(/pull_request/);
  });
});

describe("pullRequestBaseSha (issue 11, item 9: whose policy governs)", () => {
  const sha = "ABCDEF0123456789abcdef0123456789abcdef01";
  it.each([
    ["pull_request", { pull_request: { base: { sha } } }, sha.toLowerCase()],
    ["pull_request_target", { pull_request: { base: { sha } } }, sha.toLowerCase()],
    ["pull_request_review", { pull_request: { base: { sha } } }, sha.toLowerCase()],
    ["merge_group", { merge_group: { base_sha: sha } }, sha.toLowerCase()],
    ["push", { pull_request: { base: { sha } } }, undefined],
    ["workflow_dispatch", {}, undefined],
    ["schedule", {}, undefined],
  ])("%s", (eventName, payload, want) => {
    expect(pullRequestBaseSha({ eventName, payload, eventPath: "e.json" })).toBe(want);
  });
  it.each([
    ["pull_request", {}, /pull_request\.base\.sha/],
    ["pull_request", { pull_request: { base: { sha: "main" } } }, /pull_request\.base\.sha/],
    ["pull_request", { pull_request: { base: { sha: "--upload-pack=x" } } }, /pull_request\.base\.sha/],
    ["merge_group", {}, /merge_group\.base_sha/],
  ])("%s without a commit id: refused", (eventName, payload, re) => {
    expect(() => pullRequestBaseSha({ eventName, payload, eventPath: "e.json" })).toThrow(re);
  });
});

describe("readInputs", () => {
  const saved = { ...process.env };
  const writes: string[] = [];
  let origWrite: typeof process.stdout.write;
  beforeEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith("INPUT_") || k === "GITHUB_TOKEN") delete process.env[k];
    process.env.GITHUB_WORKSPACE = dir;
    writes.length = 0;
    origWrite = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string | Uint8Array) => {
      writes.push(String(s));
      return true;
    }) as typeof process.stdout.write;
  });
  afterEach(() => {
    process.stdout.write = origWrite;
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("reads INPUT_* like @actions/core, with defaults, and masks the token", () => {
    Object.assign(process.env, {
      INPUT_COMMAND: " launch ",
      INPUT_DESIGN: "experiments/plan/a/design.yaml",
      "INPUT_DRY-RUN": "True",
      INPUT_TOKEN: "ghs_secret123",
      "INPUT_WORKING-DIRECTORY": "sub",
      "INPUT_RUN-ID": "20261128T151432Z_093977",
      INPUT_BRANCH: "refs/heads/results",
    });
    const inputs = readInputs();
    expect(inputs).toEqual({
      command: "launch",
      design: "experiments/plan/a/design.yaml",
      dryRun: true,
      push: true,
      branch: "results",
      token: "ghs_secret123",
      workingDirectory: path.join(dir, "sub"),
      runId: "20261128T151432Z_093977",
      stage: undefined,
      skipCi: true,
    });
    expect(writes.join("")).toContain("::add-mask::ghs_secret123");
  });

  it("falls back to GITHUB_TOKEN (masked) and reads booleans strictly", () => {
    Object.assign(process.env, {
      INPUT_COMMAND: "monitor",
      GITHUB_TOKEN: "ghs_env",
      INPUT_PUSH: "false",
      "INPUT_SKIP-CI": "FALSE",
    });
    expect(readInputs()).toMatchObject({ token: "ghs_env", push: false, skipCi: false, dryRun: false });
    expect(writes.join("")).toContain("::add-mask::ghs_env");
    process.env.INPUT_PUSH = "yes";
    expect(() => readInputs()).toThrow(/input push must be true or false/);
  });

  it("refuses unknown commands listing the allowed ones, and bad run ids, stages and branches", () => {
    process.env.INPUT_COMMAND = "submit";
    expect(() => readInputs()).toThrow(
      'unknown command "submit": allowed are launch, monitor, watch, verify, cancel, status',
    );
    delete process.env.INPUT_COMMAND;
    expect(() => readInputs()).toThrow(/input command is required/);
    process.env.INPUT_COMMAND = "cancel";
    process.env["INPUT_RUN-ID"] = "../../etc";
    expect(() => readInputs()).toThrow(/is not a run id/);
    delete process.env["INPUT_RUN-ID"];
    process.env.INPUT_STAGE = "deploy";
    expect(() => readInputs()).toThrow(/allowed are launch, slurm_monitor, extract_results/);
    delete process.env.INPUT_STAGE;
    for (const b of ["--upload-pack=x", "a..b", "has space", "x.lock"]) {
      process.env.INPUT_BRANCH = b;
      expect(() => readInputs(), b).toThrow(/not a valid branch name/);
    }
  });
});
