/**
 * Check runs and annotations against a local server that validates every
 * request against GitHub's OpenAPI description (helpers/github-mock.ts).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/util/errors.js";
import {
  ANNOTATIONS_PER_REQUEST,
  createOctokit,
  publishFindings,
  upsertRunCheck,
  runCheckName,
} from "../../src/github/checks.js";
import { findingToAnnotation } from "../../src/report/checks.js";
import { annotationPath, emitWorkflowCommands, formatWorkflowCommand } from "../../src/github/annotations.js";
import { startGithubMock, type GithubMock } from "../helpers/github-mock.js";

const OWNER = "octo-lab";
const REPO = "experiments";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const ROOT = "/home/runner/work/experiments/experiments";

let mock: GithubMock;
beforeAll(async () => {
  mock = await startGithubMock();
});
afterAll(async () => {
  await mock?.close();
});

function manyFindings(): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < 120; i++) {
    const severity = i % 3 === 0 ? "error" : i % 3 === 1 ? "warning" : "notice";
    if (i === 5)
      out.push({ severity, check: "ledger.missing", message: "outside", file: "../elsewhere/x.md", line: 3 });
    else if (i === 6) out.push({ severity, check: "path", message: "abs outside", file: "/etc/passwd", line: 1 });
    else if (i === 7) out.push({ severity, check: "nofile", message: "no file at all" });
    else if (i === 8)
      out.push({
        severity,
        check: "abs.inside",
        message: "abs inside",
        file: path.join(ROOT, "docs", "slurm_job_list.md"),
        line: 9,
      });
    else if (i === 9)
      out.push({ severity, check: "noline", message: "no line", file: "experiments/plan/a/design.yaml" });
    else
      out.push({
        severity,
        check: `check.${i}`,
        message: `finding ${i}: 100% done\nsecond line`,
        file: `experiments/plan/it${i}/design.yaml`,
        line: i + 1,
        column: i % 2 ? 4 : undefined,
        hint: i === 10 ? "fix it" : undefined,
      });
  }
  return out;
}

describe("publishFindings", () => {
  it("sends 120 findings as one create and three PATCH batches of at most 50, all valid per OpenAPI", async () => {
    const octokit = await createOctokit("ghs_test_token", mock.url, { throttle: false });
    const before = mock.requests.length;
    const findings = manyFindings();
    const res = await publishFindings(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: SHA,
      name: "autolab verify",
      findings,
      summaryText: "x".repeat(70_000),
      repoRoot: ROOT,
    });
    const reqs = mock.requests.slice(before);
    expect(mock.invalid()).toEqual([]);
    expect(reqs.every((r) => r.authenticated)).toBe(true);
    expect(reqs.map((r) => r.operationId)).toEqual([
      "checks/create",
      "checks/update",
      "checks/update",
      "checks/update",
    ]);
    expect(res.mode).toBe("check-run");
    expect(res.requests).toBe(4);
    expect(res.conclusion).toBe("failure");
    expect(res.unlocated).toBe(3);
    expect(res.annotationsSent).toBe(117);

    const create = reqs[0].body as Record<string, unknown>;
    expect(create.status).toBe("in_progress");
    expect(create).not.toHaveProperty("conclusion");
    const batches = reqs
      .slice(1)
      .map((r) => (r.body as { output: { annotations: Array<Record<string, unknown>> } }).output.annotations);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 17]);
    expect(batches.every((b) => b.length <= ANNOTATIONS_PER_REQUEST)).toBe(true);
    // Only the last PATCH completes the run.
    expect((reqs[1].body as Record<string, unknown>).conclusion).toBeUndefined();
    expect((reqs[3].body as Record<string, unknown>).conclusion).toBe("failure");
    expect((reqs[3].body as Record<string, unknown>).status).toBe("completed");

    const sent = batches.flat();
    // Paths outside the repository never leave the machine.
    const allBodies = JSON.stringify(reqs.map((r) => r.body));
    expect(allBodies.includes("/etc/passwd")).toBe(false);
    expect(allBodies.includes("elsewhere")).toBe(false);
    expect(sent.some((a) => String(a.path).includes(".."))).toBe(false);
    expect(sent.every((a) => !String(a.path).startsWith("/"))).toBe(true);
    // An absolute path inside the repository is made relative.
    const inside = sent.find((a) => a.title === "abs.inside")!;
    expect(inside).toMatchObject({ path: "docs/slurm_job_list.md", start_line: 9, end_line: 9 });
    // No line known: line 1, no columns.
    const noline = sent.find((a) => a.title === "noline")!;
    expect(noline).toMatchObject({ start_line: 1, end_line: 1 });
    expect(noline).not.toHaveProperty("start_column");
    // Levels, lines, columns.
    const a11 = sent.find((a) => a.title === "check.11")!;
    expect(a11).toMatchObject({
      path: "experiments/plan/it11/design.yaml",
      start_line: 12,
      end_line: 12,
      start_column: 4,
      end_column: 4,
      annotation_level: "notice",
    });
    expect(a11.message).toBe("finding 11: 100% done\nsecond line");
    expect(sent.find((a) => a.title === "check.10")).toMatchObject({ annotation_level: "warning", start_line: 11 });
    expect(sent.find((a) => a.title === "check.10")!.message).toContain("fix: fix it");
    expect(sent.find((a) => a.title === "check.12")).toMatchObject({ annotation_level: "failure", start_line: 13 });
    expect(sent.find((a) => a.title === "check.12")).not.toHaveProperty("start_column");

    // The server's view of the check run.
    const run = mock.checkRuns.get(res.checkRunId!)!;
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toHaveLength(117);
    expect(run.output.summary!.length).toBeLessThanOrEqual(65535);
    // Unlocated findings are in the text instead.
    expect(run.output.text).toContain("no file at all");
    expect(run.output.text).toContain("(outside the repository) x.md:3");
  });

  it("concludes neutral on warnings, success on notices only or nothing (no PATCH when nothing to annotate)", async () => {
    const octokit = await createOctokit("t", mock.url, { throttle: false });
    const warn = await publishFindings(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: SHA,
      name: "autolab verify",
      summaryText: "s",
      findings: [{ severity: "warning", check: "w", message: "careful", file: "a.yaml", line: 2 }],
    });
    expect(warn.conclusion).toBe("neutral");
    expect(mock.checkRuns.get(warn.checkRunId!)!.conclusion).toBe("neutral");

    const notice = await publishFindings(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: SHA,
      name: "autolab verify",
      summaryText: "s",
      findings: [{ severity: "notice", check: "n", message: "fyi", file: "a.yaml", line: 2 }],
    });
    expect(notice.conclusion).toBe("success");

    const before = mock.requests.length;
    const none = await publishFindings(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: SHA,
      name: "autolab verify",
      summaryText: "all good",
      findings: [],
    });
    expect(none).toMatchObject({ conclusion: "success", requests: 1, annotationsSent: 0 });
    const reqs = mock.requests.slice(before);
    expect(reqs.map((r) => r.operationId)).toEqual(["checks/create"]);
    expect(reqs[0].body).toMatchObject({ status: "completed", conclusion: "success" });
    expect(mock.invalid()).toEqual([]);
  });

  it("falls back to workflow-command annotations when the token cannot write checks (fork)", async () => {
    const fork = await startGithubMock({ forbidCheckRuns: true });
    try {
      const octokit = await createOctokit("read-only", fork.url, { throttle: false });
      const lines: string[] = [];
      const findings = manyFindings().slice(0, 40);
      const res = await publishFindings(octokit, {
        owner: OWNER,
        repo: REPO,
        headSha: SHA,
        name: "autolab verify",
        summaryText: "s",
        findings,
        repoRoot: ROOT,
        write: (s) => lines.push(s),
      });
      expect(fork.invalid()).toEqual([]);
      expect(fork.requests.map((r) => [r.operationId, r.status])).toEqual([["checks/create", 403]]);
      expect(fork.checkRuns.size).toBe(0);
      expect(res.mode).toBe("workflow-commands");
      expect(res.conclusion).toBe("failure");
      expect(res.annotationsSent).toBe(40);
      expect(lines).toHaveLength(40);
      // 14 errors, 13 warnings, 13 notices: 4 errors + 3 warnings beyond the per-step display limit.
      expect(res.hiddenByLimit).toBe(7);
      expect(res.notes.join(" ")).toMatch(/Resource not accessible by integration/);
      expect(res.notes.join(" ")).toMatch(/7 of 40 findings are not shown/);
      // Errors first, then warnings, then notices.
      const kinds = lines.map((l) => /^::(\w+)/.exec(l)![1]);
      expect(kinds.slice(0, 14).every((k) => k === "error")).toBe(true);
      expect(kinds.slice(14, 27).every((k) => k === "warning")).toBe(true);
      expect(kinds.slice(27).every((k) => k === "notice")).toBe(true);
      expect(lines).toContain(
        "::error file=experiments/plan/it3/design.yaml,line=4,col=4,title=check.3::finding 3: 100%25 done%0Asecond line\n",
      );
      expect(lines.find((l) => l.includes("abs outside"))).toBe(
        "::error title=path::(outside the repository) passwd:1: abs outside\n",
      );
    } finally {
      await fork.close();
    }
  });
});

describe("upsertRunCheck", () => {
  it("keeps one check run per experiment run, following its state to a conclusion", async () => {
    const octokit = await createOctokit("t", mock.url, { throttle: false });
    const runId = "20261128T151432Z_093977";
    const sha = "1111111111111111111111111111111111111111";
    const before = mock.requests.length;
    const a = await upsertRunCheck(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: sha,
      runId,
      status: "queued",
      title: "submitted as job 4242",
      summary: "queued",
    });
    expect(a.created).toBe(true);
    const b = await upsertRunCheck(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: sha,
      runId,
      status: "in_progress",
      title: "running",
      summary: "running on node1",
      startedAt: "2026-11-28T15:15:00Z",
    });
    expect(b).toMatchObject({ created: false, checkRunId: a.checkRunId });
    const tail = "line\n".repeat(20_000) + "Traceback: boom\n";
    const c = await upsertRunCheck(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: sha,
      runId,
      status: "completed",
      conclusion: "failure",
      title: "failed: exit 1",
      summary: "sacct State=FAILED ExitCode=1:0",
      text: "Scheduler reason: NonZeroExitCode\n\n" + tail,
    });
    expect(c).toMatchObject({ created: false, checkRunId: a.checkRunId });

    // A second experiment run on the same commit gets its own check run.
    const other = "20261128T151509Z_97aa8d";
    const d = await upsertRunCheck(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: sha,
      runId: other,
      status: "completed",
      conclusion: "timed_out",
      title: "timed out",
      summary: "TIMEOUT",
    });
    expect(d.created).toBe(true);
    expect(d.checkRunId).not.toBe(a.checkRunId);
    const e = await upsertRunCheck(octokit, {
      owner: OWNER,
      repo: REPO,
      headSha: sha,
      runId: "20261128T151600Z_aaaaaa",
      status: "completed",
      conclusion: "cancelled",
      title: "cancelled",
      summary: "scancel",
    });
    expect(e.created).toBe(true);

    expect(mock.invalid()).toEqual([]);
    const reqs = mock.requests.slice(before);
    expect(reqs.map((r) => r.operationId)).toEqual([
      "checks/list-for-ref",
      "checks/create",
      "checks/list-for-ref",
      "checks/update",
      "checks/list-for-ref",
      "checks/update",
      "checks/list-for-ref",
      "checks/create",
      "checks/list-for-ref",
      "checks/create",
    ]);
    expect(reqs[0].query).toMatchObject({ check_name: runCheckName(runId), filter: "all" });
    expect(reqs[1].body).toMatchObject({
      name: runCheckName(runId),
      external_id: runId,
      head_sha: sha,
      status: "queued",
    });
    expect(reqs[1].body).not.toHaveProperty("conclusion");

    const run = mock.checkRuns.get(a.checkRunId)!;
    expect(run).toMatchObject({
      external_id: runId,
      status: "completed",
      conclusion: "failure",
      head_sha: sha,
      started_at: "2026-11-28T15:15:00Z",
    });
    expect(run.output.text!.length).toBeLessThanOrEqual(65535);
    expect(run.output.text!.endsWith("Traceback: boom\n")).toBe(true);
    expect(mock.checkRuns.get(d.checkRunId)).toMatchObject({ external_id: other, conclusion: "timed_out" });
    expect(mock.checkRuns.get(e.checkRunId)).toMatchObject({ conclusion: "cancelled" });
  });

  it("refuses a completed status without a conclusion", async () => {
    const octokit = await createOctokit("t", mock.url, { throttle: false });
    await expect(
      upsertRunCheck(octokit, {
        owner: OWNER,
        repo: REPO,
        headSha: SHA,
        runId: "20261128T151432Z_093977",
        status: "completed",
        title: "t",
        summary: "s",
      }),
    ).rejects.toThrow(/needs a conclusion/);
  });
});

describe("the OpenAPI-checking mock", () => {
  it("records a body GitHub would reject as invalid, and unknown routes as invalid", async () => {
    // Deliberately wrong: the Checks API knows notice | warning | failure, not "error".
    const NOT_A_LEVEL = "error" as unknown as "failure";
    const m = await startGithubMock();
    try {
      const octokit = await createOctokit("t", m.url, { throttle: false });
      await expect(
        octokit.request("POST /repos/{owner}/{repo}/check-runs", {
          owner: OWNER,
          repo: REPO,
          name: "x",
          head_sha: SHA,
          output: {
            title: "t",
            summary: "s",
            annotations: [{ path: "a", start_line: 1, end_line: 1, annotation_level: NOT_A_LEVEL, message: "m" }],
          },
        }),
      ).rejects.toMatchObject({ status: 422 });
      await expect(
        octokit.request("GET /repos/{owner}/{repo}/no-such-thing", { owner: OWNER, repo: REPO }),
      ).rejects.toMatchObject({ status: 404 });
      await expect(
        octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
          owner: OWNER,
          repo: REPO,
          check_run_id: 1,
          status: "completed",
        }),
      ).rejects.toMatchObject({ status: 422 });
      const bad = m.invalid();
      expect(bad).toHaveLength(3);
      expect(bad[0].errors.join(" ")).toMatch(/annotation_level/);
      expect(bad[1].errors.join(" ")).toMatch(/no operation GET/);
      expect(bad[2].errors.join(" ")).toMatch(/conclusion/);
      expect(m.degraded.has("checks/create")).toBe(false);
    } finally {
      await m.close();
    }
  });
});

describe("annotation formatting", () => {
  it("escapes workflow-command data and properties", () => {
    const line = formatWorkflowCommand({
      severity: "warning",
      check: "a:b,c",
      message: "50% done\r\nnext",
      file: "dir,x/a:b.yaml",
      line: 3,
      column: 7,
    });
    expect(line).toBe("::warning file=dir%2Cx/a%3Ab.yaml,line=3,col=7,title=a%3Ab%2Cc::50%25 done%0D%0Anext");
  });

  it("maps findings to annotations only for paths inside the repository", () => {
    expect(annotationPath("./a/b.yaml")).toBe("a/b.yaml");
    expect(annotationPath("a\\b.yaml")).toBe("a/b.yaml");
    expect(annotationPath("a/../../b")).toBeUndefined();
    expect(annotationPath("/abs/file", "/other")).toBeUndefined();
    expect(annotationPath("/repo/x/y.md", "/repo")).toBe("x/y.md");
    expect(findingToAnnotation({ severity: "error", check: "c", message: "m", file: "../x" })).toBeUndefined();
    expect(findingToAnnotation({ severity: "error", check: "c", message: "m", file: "x", column: 5 })).toEqual({
      path: "x",
      start_line: 1,
      end_line: 1,
      annotation_level: "failure",
      message: "m",
      title: "c",
    });
  });

  it("counts what GitHub's per-step limits hide (10 errors, 10 warnings, 50 per job)", () => {
    const f = (severity: Finding["severity"], n: number): Finding[] =>
      Array.from({ length: n }, (_, i) => ({ severity, check: "c", message: `m${i}` }));
    const sink: string[] = [];
    expect(emitWorkflowCommands([...f("error", 9), ...f("warning", 10)], (s) => sink.push(s))).toMatchObject({
      emitted: 19,
      hiddenByLimit: 0,
    });
    expect(
      emitWorkflowCommands([...f("error", 12), ...f("warning", 11), ...f("notice", 3)], () => undefined),
    ).toMatchObject({
      emitted: 26,
      hiddenByLimit: 3,
    });
    expect(emitWorkflowCommands(f("notice", 60), () => undefined)).toMatchObject({ emitted: 60, hiddenByLimit: 10 });
  });
});
