/**
 * Issue 11 item 9: what a pull request changes in the verifier policy, and
 * when the change weakens the requirements (domain/policy-change.ts), as
 * tables; and the base commit's policy read from git with no-follow
 * semantics (git/trees.readCommittedFile) on a local repository.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, mergePolicy, policyFromText } from "../../src/contract/policy.js";
import { policyChangedFinding, policyKeyChanges, policyWeakenings } from "../../src/domain/policy-change.js";
import { readCommittedFile } from "../../src/git/trees.js";

const eff = (file: Record<string, unknown>) => mergePolicy(DEFAULT_POLICY as never, file);

describe("policyKeyChanges", () => {
  it.each([
    ["no file, no file", undefined, undefined, []],
    ["same data", { python_bin: "python3" }, { python_bin: "python3" }, []],
    ["added", undefined, { python_bin: "py" }, [{ pointer: "/python_bin", kind: "added", after: "py" }]],
    ["removed", { test_command: "pytest" }, {}, [{ pointer: "/test_command", kind: "removed", before: "pytest" }]],
    [
      "changed leaf",
      { requirements_by_stage: { launch: { tests: true } } },
      { requirements_by_stage: { launch: { tests: false } } },
      [{ pointer: "/requirements_by_stage/launch/tests", kind: "changed", before: true, after: false }],
    ],
  ])("%s", (_n, base, head, want) => {
    expect(policyKeyChanges(base, head)).toEqual(want);
  });
});

describe("policyWeakenings (effective policies)", () => {
  it.each([
    ["nothing changed", {}, {}, []],
    [
      "a requirement switched off",
      {},
      { requirements_by_stage: { launch: { schema: false } } },
      ["/requirements_by_stage/launch/schema"],
    ],
    ["a requirement added is not a weakening", {}, { requirements_by_stage: { launch: { tests: true } } }, []],
    ["require_metrics off", {}, { extract_results: { require_metrics: false } }, ["/extract_results/require_metrics"]],
    ["job_user removed", { launch: { job_user: "ci" } }, {}, ["/launch/job_user"]],
    ["job_user changed", { launch: { job_user: "ci" } }, { launch: { job_user: "root" } }, ["/launch/job_user"]],
    ["job_user added", {}, { launch: { job_user: "ci" } }, []],
    ["a test command changed is not judged weaker", { test_command: "pytest" }, { test_command: "pytest -x" }, []],
    ["a test command nobody requires may be anything", { test_command: "pytest" }, { test_command: "true" }, []],
    [
      "a required test command replaced by one that checks nothing",
      { test_command: "pytest", requirements_by_stage: { launch: { tests: true } } },
      { test_command: "/bin/true", requirements_by_stage: { launch: { tests: true } } },
      ["/test_command"],
    ],
    [
      "... also through python_bin",
      { test_command: "{{python_bin}} -m pytest", requirements_by_stage: { launch: { tests: true } } },
      {
        python_bin: "echo",
        test_command: "{{python_bin}} -m pytest",
        requirements_by_stage: { launch: { tests: true } },
      },
      ["/test_command"],
    ],
    [
      "a whole stage removed",
      { requirements_by_stage: { custom: { schema: true } } },
      {},
      ["/requirements_by_stage/custom/schema"],
    ],
    [
      "a failed run no longer fails the job",
      {},
      { slurm: { monitor: { notify: { fail_job: false } } } },
      ["/slurm/monitor/notify/fail_job"],
    ],
    ["the sweep cap raised over its default", {}, { launch: { max_sweep_tasks: 50000 } }, ["/launch/max_sweep_tasks"]],
    ["the sweep cap lowered", {}, { launch: { max_sweep_tasks: 100 } }, []],
    ["the array cap removed", { launch: { max_array_size: 10 } }, {}, ["/launch/max_array_size"]],
    ["an array cap set", {}, { launch: { max_array_size: 10 } }, []],
    [
      "max_pending raised (spans compared)",
      { slurm: { monitor: { max_pending: "1d" } } },
      { slurm: { monitor: { max_pending: "2d" } } },
      ["/slurm/monitor/max_pending"],
    ],
    [
      "max_pending the same in other words",
      { slurm: { monitor: { max_pending: "1d" } } },
      { slurm: { monitor: { max_pending: 86400 } } },
      [],
    ],
    [
      "the question floor lowered",
      {},
      { slurm: { monitor: { min_question_interval_seconds: 5 } } },
      ["/slurm/monitor/min_question_interval_seconds"],
    ],
    ["the question floor raised", {}, { slurm: { monitor: { min_question_interval_seconds: 120 } } }, []],
    ["the command timeout raised", {}, { launch: { check_timeout_seconds: 90000 } }, ["/launch/check_timeout_seconds"]],
    ["submit retries raised", {}, { launch: { submit_retries: 20 } }, ["/launch/submit_retries"]],
    [
      "the parser timeout raised",
      { extract_results: { timeout_seconds: 60 } },
      {},
      ["/extract_results/timeout_seconds"],
    ],
    ["python_bin changed is not judged weaker", {}, { python_bin: "python3.12" }, []],
  ])("%s", (_n, base, head, want) => {
    expect(policyWeakenings(eff(base), eff(head)).map((w) => w.pointer)).toEqual(want);
  });
});

describe("policyWeakenings through a preset", () => {
  it("the preset dropped: its requirements fall back to the defaults", async () => {
    const base = await policyFromText("policy_resolution:\n  default_preset: slurm\n");
    const head = await policyFromText("python_bin: python3\n");
    expect(policyWeakenings(base.policy, head.policy).map((w) => w.pointer)).toEqual([
      "/requirements_by_stage/launch/dry_run",
      "/requirements_by_stage/launch/env_smoke",
      "/requirements_by_stage/slurm_monitor/env_smoke",
    ]);
  });
  it("the preset's requirement switched off over it, in a file with a BOM and CRLF", async () => {
    const base = await policyFromText("\uFEFFpolicy_resolution:\r\n  default_preset: slurm\r\n");
    const head = await policyFromText(
      "\uFEFFpolicy_resolution:\r\n  default_preset: slurm\r\nrequirements_by_stage:\r\n  launch: {dry_run: false}\r\n",
    );
    expect(policyWeakenings(base.policy, head.policy).map((w) => w.pointer)).toEqual([
      "/requirements_by_stage/launch/dry_run",
    ]);
  });
});

describe("policyChangedFinding", () => {
  const locate = (p: string) => ({ line: p.split("/").length, column: 3 });
  it("none when nothing changed", () => {
    expect(policyChangedFinding({ file: "p", baseLabel: "abc", changes: [], weakenings: [] })).toBeUndefined();
  });
  it("a warning at the first changed key", () => {
    const f = policyChangedFinding({
      file: ".autolab/verifier_policy.yaml",
      baseLabel: "abc",
      changes: policyKeyChanges({ test_command: "pytest" }, { test_command: "true" }),
      weakenings: [],
      locate,
    })!;
    expect(f).toMatchObject({ severity: "warning", check: "policy.changed", line: 2, jsonPath: "/test_command" });
    expect(f.message).toContain('test_command "pytest" -> "true"');
  });
  it("an error at the first weakening", () => {
    const base = {};
    const head = { python_bin: "py", requirements_by_stage: { launch: { schema: false } } };
    const f = policyChangedFinding({
      file: ".autolab/verifier_policy.yaml",
      baseLabel: "abc",
      changes: policyKeyChanges(base, head),
      weakenings: policyWeakenings(eff(base), eff(head)),
      locate,
    })!;
    expect(f).toMatchObject({ severity: "error", jsonPath: "/requirements_by_stage/launch/schema", line: 4 });
    expect(f.message).toContain("schema is no longer required at launch");
  });
});

describe("readCommittedFile (no-follow in the commit's trees)", () => {
  const git = (cwd: string, ...a: string[]) => execFileSync("git", a, { cwd, encoding: "utf8" }).trim();
  function repo(build: (root: string) => void): { root: string; sha: string } {
    const root = mkdtempSync(path.join(os.tmpdir(), "autolab-committed-"));
    git(root, "init", "-q", "-b", "main");
    build(root);
    git(root, "add", "-A");
    git(root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x", "--allow-empty");
    return { root, sha: git(root, "rev-parse", "HEAD") };
  }
  it("a regular file: its text; no file: missing", async () => {
    const { root, sha } = repo((r) => {
      mkdirSync(path.join(r, ".autolab"));
      writeFileSync(path.join(r, ".autolab/verifier_policy.yaml"), "python_bin: py\n");
    });
    expect(await readCommittedFile(root, sha, ".autolab/verifier_policy.yaml", 1000)).toEqual({
      kind: "text",
      text: "python_bin: py\n",
    });
    expect(await readCommittedFile(root, sha, ".autolab/other.yaml", 1000)).toEqual({ kind: "missing" });
  });
  it("a link as the file or on its path is refused", async () => {
    const a = repo((r) => {
      mkdirSync(path.join(r, ".autolab"));
      writeFileSync(path.join(r, "weak.yaml"), "{}\n");
      symlinkSync("../weak.yaml", path.join(r, ".autolab/verifier_policy.yaml"));
    });
    expect(await readCommittedFile(a.root, a.sha, ".autolab/verifier_policy.yaml", 1000)).toMatchObject({
      kind: "refused",
      reason: expect.stringContaining("symbolic link"),
    });
    const b = repo((r) => {
      mkdirSync(path.join(r, "elsewhere"));
      writeFileSync(path.join(r, "elsewhere/verifier_policy.yaml"), "{}\n");
      symlinkSync("elsewhere", path.join(r, ".autolab"));
    });
    expect(await readCommittedFile(b.root, b.sha, ".autolab/verifier_policy.yaml", 1000)).toMatchObject({
      kind: "refused",
      reason: expect.stringContaining(".autolab is a symbolic link"),
    });
  });
  it("a replace ref written into .git does not substitute another commit's policy", async () => {
    const strict = repo((r) => {
      mkdirSync(path.join(r, ".autolab"));
      writeFileSync(path.join(r, ".autolab/verifier_policy.yaml"), "requirements_by_stage:\n  launch: {tests: true}\n");
    });
    writeFileSync(
      path.join(strict.root, ".autolab/verifier_policy.yaml"),
      "requirements_by_stage:\n  launch: {tests: false}\n",
    );
    git(strict.root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qam", "weak");
    const weak = git(strict.root, "rev-parse", "HEAD");
    git(strict.root, "replace", strict.sha, weak);
    // Plain git now shows the weak policy at the strict commit...
    expect(git(strict.root, "show", `${strict.sha}:.autolab/verifier_policy.yaml`)).toContain("tests: false");
    // ...the tool reads the commit named.
    expect(await readCommittedFile(strict.root, strict.sha, ".autolab/verifier_policy.yaml", 1000)).toEqual({
      kind: "text",
      text: "requirements_by_stage:\n  launch: {tests: true}\n",
    });
  });
  it("too large, or not UTF-8: refused", async () => {
    const { root, sha } = repo((r) => {
      writeFileSync(path.join(r, "big"), "x".repeat(2000));
      writeFileSync(path.join(r, "bin"), Buffer.from([0x61, 0xff, 0x62]));
    });
    expect((await readCommittedFile(root, sha, "big", 1000)).kind).toBe("refused");
    expect(await readCommittedFile(root, sha, "bin", 1000)).toMatchObject({
      kind: "refused",
      reason: expect.stringContaining("UTF-8"),
    });
  });
});
