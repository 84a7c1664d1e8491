/**
 * `autolab logs` and `autolab gc` on the real cluster with a real work root:
 * a job that writes to stdout and stderr for a few seconds in its launch
 * snapshot; `logs --follow` (a child process) prints its lines as they come
 * and ends by itself when the job ends; `gc` keeps a run in flight and a run
 * whose finished manifest is not pushed, and removes the snapshot of a
 * finished, synced, pushed run (git worktree gone), saying what it freed.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { debugDesign, requireCluster, scancel, slurmOnPath, waitForSacct } from "../helpers/cluster.js";
import { GIT_ENV, git, makeRepo, runCli } from "../helpers/repo.js";

const sinfoOnPath = slurmOnPath("__tests__/cluster/logs-gc.test.ts");
const jobs: string[] = [];

async function cli(root: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    cwd: root,
    env: { ...process.env, ...GIT_ENV },
  });
  return { code, stdout, stderr };
}

async function launch(root: string, it: string, workRoot: string): Promise<{ runId: string; jobId: string }> {
  const r = await cli(root, "launch", it, "--json", "--work-root", workRoot);
  expect(r.code, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as { run_id: string; job_id: string };
  jobs.push(j.job_id);
  return { runId: j.run_id, jobId: j.job_id };
}

/** Ticks until the run has `status`; returns what the ticks said on stderr. */
async function monitorUntil(root: string, runId: string, status: string, extra: string[] = []): Promise<string> {
  let said = "";
  for (let i = 0; i < 20; i++) {
    const r = await cli(root, "monitor", "--run-id", runId, "--json", ...extra);
    said += r.stderr;
    const rep = JSON.parse(r.stdout) as { runs: Array<{ after: string }> };
    if (rep.runs[0]?.after === status) return said;
    await new Promise((res) => setTimeout(res, 2000));
  }
  throw new Error(`run ${runId} never became ${status}`);
}

describe.skipIf(!sinfoOnPath)("autolab logs and gc on the real cluster", () => {
  beforeAll(() => requireCluster());
  afterAll(async () => {
    for (const j of jobs) await scancel(j).catch(() => undefined);
  });

  it("logs --follow prints a running job's output from its work root as it comes and stops when the job ends; gc frees only what is finished, synced and pushed", async () => {
    const workRoot = mkdtempSync(path.join(tmpdir(), "autolab-wr-"));
    const { root } = await makeRepo({
      remote: true,
      files: {
        ".autolab/verifier_policy.yaml": "python_bin: python3\n",
        "experiments/in_progress/talk/design.yaml": debugDesign(
          "talk",
          "for i in 1 2 3 4 5; do echo line$i; echo err$i >&2; sleep 2; done",
        ),
        "experiments/in_progress/quiet/design.yaml": debugDesign("quiet", "echo done"),
        "experiments/in_progress/long/design.yaml": debugDesign("long", "sleep 400"),
      },
    });
    const talk = await launch(root, "talk", workRoot);
    const follow = await runCli(root, ["logs", talk.runId, "--follow"], { timeoutMs: 180_000 });
    expect(follow.code, follow.all).toBe(0);
    expect(follow.stdout.match(/line\d/g)).toEqual(["line1", "line2", "line3", "line4", "line5"]);
    expect(follow.stderr.match(/err\d/g)).toEqual(["err1", "err2", "err3", "err4", "err5"]);
    // Read from the job's snapshot under the work root (nothing is synced yet).
    expect(follow.stderr).toContain(path.join(workRoot, talk.runId));
    expect(existsSync(path.join(root, `experiments/in_progress/talk/runs/${talk.runId}/logs`))).toBe(false);

    // Attempts: this run has one.
    const bad = await cli(root, "logs", talk.runId, "--attempt", "2");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has no attempt 2: its attempts are 1/);

    // Synced by the monitor: the copy in the checkout holds the same output.
    await waitForSacct(talk.jobId);
    await monitorUntil(root, talk.runId, "completed");
    const synced = readFileSync(
      path.join(root, `experiments/in_progress/talk/runs/${talk.runId}/logs/slurm-${talk.jobId}.out`),
      "utf8",
    );
    expect(synced).toContain("line5");
    const plain = await cli(root, "logs", talk.runId, "--stream", "out");
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(synced);

    // A finished run whose completion is committed but not pushed, and a run in flight.
    const quiet = await launch(root, "quiet", workRoot);
    const long = await launch(root, "long", workRoot);
    await waitForSacct(quiet.jobId);
    await monitorUntil(root, quiet.runId, "completed", ["--no-push"]);
    await new Promise((res) => setTimeout(res, 2000));

    const dry = await cli(root, "gc", "--dry-run", "--older-than", "1s", "--json");
    expect(dry.code, dry.stderr).toBe(0);
    const d = JSON.parse(dry.stdout) as {
      decisions: Array<{ run_id: string; remove: boolean; why?: string; snapshot?: string }>;
      freed_bytes: number;
    };
    const byRun = new Map(d.decisions.map((x) => [x.run_id, x]));
    expect(byRun.get(long.runId)).toMatchObject({ remove: false, why: expect.stringMatching(/^in flight/) });
    expect(byRun.get(quiet.runId)).toMatchObject({
      remove: false,
      why: expect.stringMatching(/differs from origin\/main/),
    });
    expect(byRun.get(talk.runId)).toMatchObject({ remove: true, snapshot: path.join(workRoot, talk.runId) });
    expect(d.freed_bytes).toBeGreaterThan(0);
    expect(existsSync(path.join(workRoot, talk.runId))).toBe(true); // a dry run removes nothing

    const real = await cli(root, "gc", "--older-than", "1s");
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(new RegExp(`${talk.runId}: removed snapshot ${path.join(workRoot, talk.runId)}`));
    expect(real.stdout).toMatch(/freed \d+(\.\d)? (B|KiB|MiB): 1 snapshot\(s\)/);
    expect(existsSync(path.join(workRoot, talk.runId))).toBe(false);
    expect(existsSync(path.join(workRoot, quiet.runId))).toBe(true);
    expect(existsSync(path.join(workRoot, long.runId))).toBe(true);
    expect(await git(root, "worktree", "list")).not.toContain(talk.runId);
    // The evidence stays in the checkout; logs reads the synced copy now.
    const after = await cli(root, "logs", talk.runId, "--stream", "out");
    expect(after.stdout).toBe(synced);
    expect(after.stderr).toContain(`experiments/in_progress/talk/runs/${talk.runId}/logs/slurm-${talk.jobId}.out`);

    // Pushed now: the next gc frees the quiet run's snapshot too, never the one in flight.
    await git(root, "push", "-q", "origin", "main");
    const again = await cli(root, "gc", "--older-than", "1s");
    expect(again.stdout).toMatch(new RegExp(`${quiet.runId}: removed snapshot`));
    expect(existsSync(path.join(workRoot, long.runId))).toBe(true);

    // The monitor runs gc after its tick when the policy sets a retention.
    writeFileSync(
      path.join(root, ".autolab/verifier_policy.yaml"),
      "python_bin: python3\nslurm:\n  monitor:\n    retention:\n      gc_older_than: 1s\n",
    );
    const quiet2 = await launch(root, "quiet", workRoot);
    await waitForSacct(quiet2.jobId);
    // (completed_at has whole seconds: the completing tick's own gc may already count it as 1 s old.)
    const said = await monitorUntil(root, quiet2.runId, "completed");
    await new Promise((res) => setTimeout(res, 2000));
    const tick = await cli(root, "monitor");
    expect(said + tick.stderr).toMatch(new RegExp(`${quiet2.runId}: removed snapshot`));
    expect(existsSync(path.join(workRoot, quiet2.runId))).toBe(false);
    expect(existsSync(path.join(workRoot, long.runId))).toBe(true);
  }, 420_000);
});
