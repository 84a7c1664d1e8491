/**
 * Fault injection: 8 monitors racing to push one branch.
 *
 * One bare remote. 16 iterations, each with one real SLURM run launched
 * through launch() (a job running `true`), recorded (manifest `submitted`,
 * ledger line) and pushed; the jobs are waited for until sacct shows them
 * final. The ledger also holds a foreign line (a run from another machine
 * that has no manifest here) and a note, which must survive.
 *
 * Round 1: 8 separate clones each run `monitor({cwd: clone, runId})` for
 * their own run, all at once in this process (Promise.all).
 * Round 2: 8 fresh clones each run the CLI `autolab monitor --run-id R` as
 * its own process, all at once.
 *
 * After each round the remote's main holds every run's manifest advanced
 * past `submitted`, and a ledger with exactly one line per run (no line
 * lost, none duplicated), each with its manifest's status, plus the foreign
 * line and the note untouched.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor, type MonitorReport } from "../../src/commands/monitor/index.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { LEDGER_HEADER } from "../../src/ledger/io.js";
import type { RunManifest } from "../../src/contract/types.js";
import { runArgv } from "../../src/util/exec.js";
import { slurmOnPath, requireCluster, scancel, waitForSacct, realScheduler } from "../helpers/cluster.js";
import { cloneRepo, git, GIT_ENV, makeRepo, runCli, type CliResult } from "../helpers/repo.js";

const sinfoOnPath = slurmOnPath("__tests__/faults-race.test.ts");

const N = 8;
const LEDGER = "docs/slurm_job_list.md";
const FOREIGN =
  "- 2026-01-02 | job_id=31337 | iteration_id=elsewhere | run_id=20260102T030405Z_f0f0f0 | status=completed";
const NOTE = "Note from a human: runs before 2026 are in the old notebook.";

/** The ledger as the researcher committed it: header, a foreign run's line, a note. */
const SEED_LEDGER = `${LEDGER_HEADER}${FOREIGN}\n\n${NOTE}\n\n`;

function design(id: string): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "64M",
      cpus_per_task: 1,
      partition: "debug",
    },
    entrypoint: { cli: "true" },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "acc", "value": 1}}'` },
  });
}

/** The CLI's `monitor --json` (snake_case keys, src/report/json.ts) read back into the command's report type. */
function cliTick(stdout: string): MonitorReport {
  const camel = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(camel)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camel(x)]),
          )
        : v;
  return camel(JSON.parse(stdout)) as MonitorReport;
}

interface Run {
  iteration: string;
  runId: string;
  jobId: string;
  manifest: string;
}

/**
 * Waits until squeue and sacct both answer (other suites run locally may be
 * staging a controller or accounting outage; in CI files run one at a time).
 */
async function waitSchedulerAnswers(jobId?: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const sq = await runArgv("squeue", ["-h", "-o", "%i"], { timeoutMs: 30_000 });
    const sa = await runArgv(
      "sacct",
      ["-n", "-X", ...(jobId ? ["-j", jobId] : ["-S", "now-5minutes"]), "-o", "State"],
      { timeoutMs: 30_000 },
    );
    if (sq.code === 0 && sa.code === 0 && (!jobId || sa.stdout.trim() !== "")) return;
    if (Date.now() > deadline)
      throw new Error(`the scheduler does not answer: squeue: ${sq.stderr} sacct: ${sa.stderr}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function remoteText(remote: string, rel: string): Promise<string> {
  return git(remote, "show", `main:${rel}`);
}

async function remoteManifest(remote: string, r: Run): Promise<RunManifest> {
  return JSON.parse(await remoteText(remote, r.manifest)) as RunManifest;
}

/** Remote state after a round: every run advanced, one ledger line each with its status, foreign line and note kept. */
async function expectRemoteConsistent(remote: string, runs: Run[], all: Run[]): Promise<void> {
  const ledger = await remoteText(remote, LEDGER);
  const parsed = parseLedger(ledger);
  expect(parsed.problems, ledger).toEqual([]);
  // The foreign line and the note survive byte for byte.
  expect(ledger.split("\n")).toContain(FOREIGN);
  expect(ledger.split("\n")).toContain(NOTE);
  for (const r of runs) {
    const m = await remoteManifest(remote, r);
    expect(["running", "synced", "completed", "failed"], `${r.runId}: ${m.status}`).toContain(m.status);
    expect(m.status, `${r.runId}: the job ran \`true\` and finished`).toBe("completed");
  }
  for (const r of all) {
    const m = await remoteManifest(remote, r);
    const lines = parsed.entries.filter((e) => e.runId === r.runId);
    expect(lines, `exactly one ledger line for ${r.runId}\n${ledger}`).toHaveLength(1);
    expect(lines[0].status, `ledger status of ${r.runId}`).toBe(m.status);
    expect(lines[0].jobId).toBe(r.jobId);
  }
  // Without our runs' lines the ledger is byte for byte what the researcher committed.
  const ours = new Set(all.map((r) => r.runId));
  const rest = ledger
    .split("\n")
    .filter((l) => !parsed.entries.some((e) => ours.has(e.runId) && e.text === l))
    .join("\n");
  expect(rest).toBe(SEED_LEDGER);
  // Nothing else: our runs plus the foreign line.
  expect(parsed.entries.map((e) => e.runId).sort()).toEqual(
    [...all.map((r) => r.runId), "20260102T030405Z_f0f0f0"].sort(),
  );
}

describe.skipIf(!sinfoOnPath)(`${N} monitors racing to push one branch`, () => {
  let parent: string;
  let remote: string;
  /** The checkout the runs were launched from: the jobs wrote their sentinel and logs there. */
  let launchRoot: string;
  const round1: Run[] = [];
  const round2: Run[] = [];
  const round3: Run[] = [];

  beforeAll(async () => {
    requireCluster();
    parent = mkdtempSync(path.join(tmpdir(), "autolab-race-"));
    const files: Record<string, string> = {
      [LEDGER]: SEED_LEDGER,
    };
    for (let i = 0; i < 3 * N; i++) files[`experiments/in_progress/race${i}/design.yaml`] = design(`race${i}`);
    const repo = await makeRepo({ parent, files, remote: true });
    remote = repo.remote!;
    launchRoot = repo.root;
    // Launch every run through the real launch path, committed and pushed one by one.
    await waitSchedulerAnswers();
    for (let i = 0; i < 3 * N; i++) {
      const r = await launch({
        scheduler: realScheduler(),
        cwd: repo.root,
        design: `race${i}`,
        commit: true,
        push: true,
      });
      expect(r.status, r.error).toBe("submitted");
      expect(r.commit?.pushed, JSON.stringify(r.commit)).toBe(true);
      (i < N ? round1 : i < 2 * N ? round2 : round3).push({
        iteration: `race${i}`,
        runId: r.runId,
        jobId: r.jobId!,
        manifest: r.manifestPath,
      });
    }
    for (const r of [...round1, ...round2, ...round3]) await waitForSacct(r.jobId, 180_000);
    // Every run is `submitted` on the remote, each with its ledger line.
    for (const r of [...round1, ...round2, ...round3])
      expect((await remoteManifest(remote, r)).status).toBe("submitted");
  }, 600_000);

  /**
   * The job wrote job_sentinel.json and its logs into the launching checkout
   * (absolute paths in the script); a monitor in another checkout of the same
   * shared filesystem sees them there. Copy them (untracked files only) so the
   * clone holds the job's evidence, as a shared workspace would.
   */
  function withJobEvidence(clone: string, r: Run): void {
    const runDir = path.dirname(r.manifest);
    cpSync(path.join(launchRoot, runDir), path.join(clone, runDir), { recursive: true, force: false });
  }

  /**
   * A CLI tick that met a scheduler outage (only when another suite stops a
   * daemon meanwhile; never in CI, where files run one by one) changed no run
   * and said so; tick that clone again once the scheduler answers.
   */
  async function retickAfterOutage(
    results: CliResult[],
    clones: string[],
    argv: (i: number) => string[],
    jobId: string,
  ): Promise<void> {
    for (let i = 0; i < results.length; i++) {
      let rep: MonitorReport | undefined;
      try {
        rep = cliTick(results[i].stdout);
      } catch {
        continue;
      }
      if (results[i].code !== 0 || rep.scheduler.ok) continue;
      console.warn(
        `${argv(i).join(" ")} in clone ${i}: scheduler outage during the race (${rep.scheduler.error}); ticking again`,
      );
      await waitSchedulerAnswers(jobId);
      results[i] = await runCli(clones[i], argv(i), { timeoutMs: 300_000, env: GIT_ENV });
    }
  }

  afterAll(async () => {
    for (const r of [...round1, ...round2, ...round3]) await scancel(r.jobId).catch(() => undefined);
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it("round 1: monitor() in 8 clones at once (Promise.all), each pushing its run", async () => {
    await waitSchedulerAnswers(round1[0].jobId);
    const clones = await Promise.all(round1.map((_, i) => cloneRepo(remote, path.join(parent, `r1clone${i}`))));
    round1.forEach((r, i) => withJobEvidence(clones[i], r));
    const results = await Promise.allSettled(
      round1.map((r, i) =>
        monitor({
          scheduler: realScheduler(),
          cwd: clones[i],
          runId: r.runId,
          push: true,
          query: { timeoutMs: 60_000 },
        }),
      ),
    );
    const errors = results.flatMap((x, i) =>
      x.status === "rejected" ? [`${round1[i].runId}: ${String((x.reason as Error)?.stack ?? x.reason)}`] : [],
    );
    expect(errors).toEqual([]);
    const reports = results.map((x) => (x as PromiseFulfilledResult<MonitorReport>).value);
    for (let i = 0; i < N; i++) {
      if (reports[i].scheduler.ok) continue;
      // Only when another suite stopped a daemon meanwhile (never in CI, where files run one by one):
      // the tick reported the outage and changed no run; the next tick, once the scheduler answers, does the work.
      console.warn(
        `round 1, ${round1[i].runId}: scheduler outage during the race (${reports[i].scheduler.error}); ticking again`,
      );
      await waitSchedulerAnswers(round1[i].jobId);
      reports[i] = await monitor({
        scheduler: realScheduler(),
        cwd: clones[i],
        runId: round1[i].runId,
        push: true,
        query: { timeoutMs: 60_000 },
      });
    }
    reports.forEach((rep, i) => {
      const ctx = JSON.stringify(
        { findings: rep.findings, commit: rep.commit, runs: rep.runs.map((x) => [x.runId, x.before, x.after]) },
        null,
        1,
      );
      expect(
        rep.runs.map((x) => x.runId),
        ctx,
      ).toEqual([round1[i].runId]);
      expect(rep.runs[0].after, ctx).toBe("completed");
      expect(rep.commit?.committed, ctx).toBe(true);
      expect(rep.commit?.pushed, ctx).toBe(true);
      expect(
        rep.findings.filter((f) => f.severity === "error"),
        ctx,
      ).toEqual([]);
    });
    await expectRemoteConsistent(remote, round1, [...round1, ...round2, ...round3]);
    // The other runs were not touched by round 1.
    for (const r of [...round2, ...round3]) expect((await remoteManifest(remote, r)).status).toBe("submitted");
  }, 600_000);

  it("round 2: `autolab monitor --run-id R` as 8 processes at once, each pushing its run", async () => {
    await waitSchedulerAnswers(round2[0].jobId);
    const clones = await Promise.all(round2.map((_, i) => cloneRepo(remote, path.join(parent, `r2clone${i}`))));
    round2.forEach((r, i) => withJobEvidence(clones[i], r));
    const argv = (i: number) => ["monitor", "--run-id", round2[i].runId, "--json"];
    const results = await Promise.all(
      round2.map((_, i) => runCli(clones[i], argv(i), { timeoutMs: 300_000, env: GIT_ENV })),
    );
    await retickAfterOutage(results, clones, argv, round2[0].jobId);
    results.forEach((res, i) => {
      const ctx = `run ${round2[i].runId}: exit ${res.code}\nstdout: ${res.stdout.slice(0, 3000)}\nstderr: ${res.stderr.slice(0, 3000)}`;
      expect(res.code, ctx).toBe(0);
      const rep = cliTick(res.stdout);
      expect(
        rep.runs.map((x) => x.after),
        ctx,
      ).toEqual(["completed"]);
      // A clone either pushed its tick, or found every run it computed already
      // advanced by another monitor's push and rightly committed nothing.
      const superseded = new Set(rep.findings.filter((f) => f.check === "monitor.superseded").map((f) => f.message));
      if (!rep.commit?.pushed) {
        expect(rep.commit?.committed ?? false, ctx).toBe(false);
        expect(superseded.size, ctx).toBeGreaterThan(0);
      }
    });
    expect(results.some((res) => cliTick(res.stdout).commit?.pushed)).toBe(true);
    await expectRemoteConsistent(remote, [...round1, ...round2], [...round1, ...round2, ...round3]);
    for (const r of round3) expect((await remoteManifest(remote, r)).status).toBe("submitted");
    // Each racer made its own commit on main: 8 monitor commits on top of round 1.
    const log = await git(remote, "log", "--format=%s", "main");
    expect(log.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(1 + 3 * N + 2 * N);
  }, 600_000);

  it("round 3: 8 CLI monitors at once, each for EVERY run (all racing on the same manifests and ledger lines)", async () => {
    await waitSchedulerAnswers(round3[0].jobId);
    const clones = await Promise.all(round3.map((_, i) => cloneRepo(remote, path.join(parent, `r3clone${i}`))));
    for (const c of clones) for (const r of round3) withJobEvidence(c, r);
    const results = await Promise.all(
      clones.map((c) => runCli(c, ["monitor", "--json"], { timeoutMs: 300_000, env: GIT_ENV })),
    );
    await retickAfterOutage(results, clones, () => ["monitor", "--json"], round3[0].jobId);
    results.forEach((res, i) => {
      let ctx = `clone ${i}: exit ${res.code}\nstdout: ${res.stdout.slice(0, 3000)}\nstderr: ${res.stderr.slice(0, 3000)}`;
      expect(res.code, ctx).toBe(0);
      const rep = cliTick(res.stdout);
      ctx = `clone ${i}: ${JSON.stringify({ runs: rep.runs.map((x) => [x.runId, x.before, x.after, x.slurmState]), findings: rep.findings, scheduler: rep.scheduler, commit: rep.commit }, null, 1)}\nstderr: ${res.stderr.slice(0, 3000)}`;
      // Every clone saw all round-3 runs finish (the others are terminal and extracted: not even looked at).
      expect(rep.runs.map((x) => x.runId).sort(), ctx).toEqual(round3.map((r) => r.runId).sort());
      for (const x of rep.runs) expect(x.after, ctx).toBe("completed");
      // A clone either pushed its tick, or found every run it computed already
      // advanced by another monitor's push and rightly committed nothing.
      const superseded = new Set(rep.findings.filter((f) => f.check === "monitor.superseded").map((f) => f.message));
      if (!rep.commit?.pushed) {
        expect(rep.commit?.committed ?? false, ctx).toBe(false);
        expect(superseded.size, ctx).toBeGreaterThan(0);
      }
    });
    expect(results.some((res) => cliTick(res.stdout).commit?.pushed)).toBe(true);
    await expectRemoteConsistent(remote, [...round1, ...round2, ...round3], [...round1, ...round2, ...round3]);
    // Every transition is recorded once: a manifest's history moves forward without repeats.
    for (const r of round3) {
      const m = await remoteManifest(remote, r);
      const to = (m.history ?? []).map((h) => h.to);
      expect(new Set(to).size, `${r.runId} history ${JSON.stringify(to)}`).toBe(to.length);
      expect(to[0]).toBe("submitted");
      expect(to[to.length - 1]).toBe("completed");
    }
  }, 600_000);
});
