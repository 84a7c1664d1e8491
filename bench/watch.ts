/**
 * The watcher's benchmark (`npm run bench:watch`), on the dev cluster:
 *
 *  - latency from a job's end (its sentinel's `ended_at`) to the run's
 *    `completed` manifest on the remote, and to its completed check run, for
 *    JOBS jobs that end at staggered times (median, min, max), with the
 *    policy's defaults (floor 60 s);
 *  - scheduler questions per minute (one sacct + one squeue each, counted by
 *    wrappers first on the watcher's PATH that exec the real programs), with
 *    PENDING more runs in flight (tasks of one real array job that stays
 *    pending: a begin time an hour ahead, a reason that clears, so the
 *    watcher keeps them in flight), so the rate is shown not to depend on the
 *    number of runs.
 *
 * The watcher is the bundled action (`node dist/index.js`, `command: watch`,
 * as the runner runs it) against the local OpenAPI-checking GitHub server of
 * the tests (__tests__/helpers/github-mock.ts), so the check runs are the ones
 * the action posts; nothing else ticks. Figures are printed and written to
 * bench/results/watch.json, never asserted. Jobs and temp directories are
 * removed at the end. Build first: `npm run bundle`.
 *
 * Options: --jobs N (default 5), --pending N (default 50), --gap S (seconds
 * between job ends, default 45).
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { main } from "../src/cli/main.js";
import { initRepository } from "../src/commands/init.js";
import { writeManifest } from "../src/contract/manifest.js";
import type { RunManifest } from "../src/contract/types.js";
import { runArgv } from "../src/util/exec.js";
import { startGithubMock } from "../__tests__/helpers/github-mock.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist/index.js");
const PROGRAMS = ["sacct", "squeue", "scontrol", "sinfo", "scancel", "sbatch"];

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const JOBS = arg("jobs", 5);
const PENDING = arg("pending", 50);
const GAP = arg("gap", 45);

async function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await runArgv(cmd, args, { cwd, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function wrappers(dir: string, log: string): void {
  for (const p of PROGRAMS) {
    const real = spawnSyncPath(p);
    writeFileSync(
      path.join(dir, p),
      `#!/bin/sh\nprintf '%s %s\\n' ${p} "$(date +%s.%N)" >> '${log}'\nexec '${real}' "$@"\n`,
    );
    chmodSync(path.join(dir, p), 0o755);
  }
}

function spawnSyncPath(p: string): string {
  for (const d of (process.env.PATH ?? "").split(":")) {
    try {
      const f = path.join(d, p);
      readFileSync(f, { flag: "r" });
      return f;
    } catch {
      // not here
    }
  }
  throw new Error(`${p} is not on PATH`);
}

async function cli(root: string, ...argv: string[]): Promise<string> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    cwd: root,
    env: process.env,
  });
  if (code !== 0) throw new Error(`autolab ${argv.join(" ")}: ${err}`);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main2(): Promise<void> {
  const base = mkdtempSync(path.join(os.tmpdir(), "autolab-bench-watch-"));
  const remote = path.join(base, "origin.git");
  const root = path.join(base, "repo");
  const wrap = path.join(base, "bin");
  const log = path.join(base, "calls.log");
  mkdirSync(wrap);
  writeFileSync(log, "");
  wrappers(wrap, log);
  const jobIds: string[] = [];
  let watcher: ReturnType<typeof spawn> | undefined;
  let mock: Awaited<ReturnType<typeof startGithubMock>> | undefined;
  try {
    await sh("git", ["init", "-q", "--bare", "-b", "main", remote], base);
    // The workflows pin this checkout's commit (no tag lookup: the bench runs offline).
    await initRepository({ root, preset: "none", actionRef: (await sh("git", ["rev-parse", "HEAD"], ROOT)).trim() });
    await sh("git", ["init", "-q", "-b", "main"], root);
    await sh("git", ["config", "user.name", "bench"], root);
    await sh("git", ["config", "user.email", "bench@example.invalid"], root);
    for (let i = 0; i < JOBS; i++) {
      const id = `end${i}`;
      mkdirSync(path.join(root, "experiments/in_progress", id), { recursive: true });
      writeFileSync(
        path.join(root, "experiments/in_progress", id, "design.yaml"),
        YAML.stringify({
          id,
          iteration_id: id,
          compute: { location: "slurm", walltime_estimate: "00:20:00", partition: "debug" },
          entrypoint: { cli: `sleep ${30 + i * GAP}` },
          extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "x", "value": ${i}}}'` },
        }),
      );
    }
    await sh("git", ["add", "-A"], root);
    await sh("git", ["commit", "-qm", "bench"], root);
    await sh("git", ["remote", "add", "origin", remote], root);
    await sh("git", ["push", "-q", "-u", "origin", "main"], root);
    const runs: Array<{ runId: string; jobId: string; manifest: string }> = [];
    for (let i = 0; i < JOBS; i++) {
      const r = JSON.parse(await cli(root, "launch", `end${i}`, "--json")) as { run_id: string; job_id: string };
      jobIds.push(r.job_id);
      runs.push({
        runId: r.run_id,
        jobId: r.job_id,
        manifest: `experiments/in_progress/end${i}/runs/${r.run_id}/run_manifest.json`,
      });
    }
    // PENDING more runs in flight: tasks of one array job that waits for its begin time (a reason that clears).
    if (PENDING > 0) {
      const arr = (
        await sh(
          "sbatch",
          [
            "--parsable",
            "-p",
            "debug",
            "--time=5",
            "--begin=now+1hour",
            `--array=0-${PENDING - 1}`,
            "-o",
            "/dev/null",
            "-J",
            "autolab-bench-watch",
            "--wrap",
            "true",
          ],
          base,
        )
      )
        .trim()
        .split(";")[0];
      jobIds.push(arr);
      const it = "experiments/in_progress/pending";
      mkdirSync(path.join(root, it), { recursive: true });
      writeFileSync(
        path.join(root, it, "design.yaml"),
        YAML.stringify({
          id: "pending",
          iteration_id: "pending",
          compute: { location: "slurm", partition: "debug" },
          entrypoint: { cli: "true" },
        }),
      );
      const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
      for (let i = 0; i < PENDING; i++) {
        const runId = `20261203T000000Z_${i.toString(16).padStart(6, "0")}`;
        const m: RunManifest = {
          schema_version: "1.0",
          run_id: runId,
          iteration_id: "pending",
          launch_mode: "slurm",
          host_mode: "slurm",
          command: "true",
          resource_request: { partition: "debug" },
          status: "submitted",
          artifact_sync_to_local: { status: "pending" },
          timestamps: { started_at: at },
          started_at: at,
          job_id: `${arr}_${i}`,
          slurm: { job_id: `${arr}_${i}` },
          history: [{ from: "pending", to: "submitted", at, evidence: "bench" }],
        };
        await writeManifest(path.join(root, it, "runs", runId, "run_manifest.json"), m);
      }
      await sh("git", ["add", "-A"], root);
      await sh("git", ["commit", "-qm", "pending runs"], root);
      await sh("git", ["push", "-q", "origin", "main"], root);
    }

    mock = await startGithubMock();
    const runner = path.join(base, "runner");
    mkdirSync(runner);
    const files = {
      out: path.join(runner, "output"),
      summary: path.join(runner, "summary"),
      event: path.join(runner, "event.json"),
    };
    for (const f of Object.values(files)) writeFileSync(f, f === files.event ? "{}" : "");
    const started = Date.now();
    watcher = spawn(process.execPath, [DIST], {
      cwd: root,
      env: {
        ...process.env,
        PATH: `${wrap}:${process.env.PATH}`,
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: root,
        GITHUB_OUTPUT: files.out,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_EVENT_NAME: "workflow_dispatch",
        GITHUB_REPOSITORY: "lab/experiments",
        GITHUB_REF: "refs/heads/main",
        GITHUB_SHA: (await sh("git", ["rev-parse", "HEAD"], root)).trim(),
        GITHUB_RUN_ID: "4242",
        GITHUB_WORKFLOW_REF: "lab/experiments/.github/workflows/autolab-watch.yml@refs/heads/main",
        GITHUB_API_URL: mock.url,
        GITHUB_SERVER_URL: "https://github.com",
        INPUT_COMMAND: "watch",
        INPUT_TOKEN: "bench-token",
        INPUT_PUSH: "true",
        "INPUT_SKIP-CI": "true",
        "INPUT_WORKING-DIRECTORY": ".",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let wout = "";
    watcher.stdout!.on("data", (d: Buffer) => (wout += d.toString()));
    watcher.stderr!.on("data", (d: Buffer) => (wout += d.toString()));
    const latencies: Array<{ runId: string; seconds: number }> = [];
    const checkLatencies: Array<{ runId: string; seconds: number }> = [];
    const endOf = new Map<string, number>();
    const seen = new Set<string>();
    const checked = new Set<string>();
    const deadline = Date.now() + (30 + JOBS * GAP + 300) * 1000;
    const ended = async (r: { manifest: string }) =>
      Date.parse(
        (
          JSON.parse(
            (
              await runArgv(
                "git",
                ["--git-dir", remote, "show", `main:${path.dirname(r.manifest)}/job_sentinel.json`],
                {
                  timeoutMs: 30_000,
                },
              )
            ).stdout,
          ) as { ended_at: string }
        ).ended_at,
      );
    while ((seen.size < runs.length || checked.size < runs.length) && Date.now() < deadline) {
      for (const r of runs) {
        const now = Date.now();
        if (!checked.has(r.runId)) {
          const check = [...mock.checkRuns.values()].find((c) => c.external_id === r.runId && c.status === "completed");
          if (check) {
            checked.add(r.runId);
            // The sentinel is read from the remote once the manifest landed; a check run is posted after that push.
            const end = endOf.get(r.runId) ?? (await ended(r));
            checkLatencies.push({ runId: r.runId, seconds: Math.round((now - end) / 100) / 10 });
            console.log(
              `${r.runId}: job end -> completed check run (${check.conclusion}): ${checkLatencies.at(-1)!.seconds} s`,
            );
          }
        }
        if (seen.has(r.runId)) continue;
        const show = await runArgv("git", ["--git-dir", remote, "show", `main:${r.manifest}`], { timeoutMs: 30_000 });
        if (show.code !== 0) continue;
        const m = JSON.parse(show.stdout) as RunManifest;
        if (m.status !== "completed") continue;
        const end = await ended(r);
        endOf.set(r.runId, end);
        seen.add(r.runId);
        latencies.push({ runId: r.runId, seconds: Math.round((now - end) / 100) / 10 });
        console.log(`${r.runId}: job end -> completed manifest on the remote: ${latencies.at(-1)!.seconds} s`);
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
    watcher.kill("SIGTERM");
    await new Promise((res) => watcher!.on("exit", res));
    const stillPending = (
      await Promise.all(
        Array.from({ length: PENDING }, (_, i) =>
          runArgv(
            "git",
            [
              "--git-dir",
              remote,
              "show",
              `main:experiments/in_progress/pending/runs/20261203T000000Z_${i.toString(16).padStart(6, "0")}/run_manifest.json`,
            ],
            { timeoutMs: 30_000 },
          ),
        ),
      )
    ).filter((r) => r.code === 0 && (JSON.parse(r.stdout) as RunManifest).status === "submitted").length;
    const minutes = (Date.now() - started) / 60000;
    const calls = readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(" "));
    const sacct = calls.filter(([p]) => p === "sacct").map(([, t]) => Number(t));
    const gaps = sacct.slice(1).map((t, i) => t - sacct[i]);
    const stat = (xs: Array<{ seconds: number }>) => ({
      median: xs.length ? median(xs.map((l) => l.seconds)) : null,
      min: xs.length ? Math.min(...xs.map((l) => l.seconds)) : null,
      max: xs.length ? Math.max(...xs.map((l) => l.seconds)) : null,
      each: xs,
    });
    const result = {
      date: new Date(started).toISOString(),
      machine: {
        cores: os.cpus().length,
        load: os.loadavg().map((l) => Math.round(l * 100) / 100),
        node: process.version,
      },
      jobs: JOBS,
      pending_runs: PENDING,
      gap_seconds: GAP,
      latency_seconds: stat(latencies),
      check_run_latency_seconds: stat(checkLatencies),
      pending_runs_still_in_flight_at_end: stillPending,
      invalid_github_requests: mock.invalid().length,
      watch_minutes: Math.round(minutes * 100) / 100,
      questions: sacct.length,
      questions_per_minute: Math.round((sacct.length / minutes) * 100) / 100,
      min_gap_between_questions_seconds: gaps.length ? Math.round(Math.min(...gaps) * 10) / 10 : null,
      client_calls: Object.fromEntries(PROGRAMS.map((p) => [p, calls.filter(([q]) => q === p).length])),
      watcher_log_tail: wout.trim().split("\n").slice(-8),
    };
    console.table([
      {
        jobs: JOBS,
        "runs in flight": JOBS + PENDING,
        "manifest median (s)": result.latency_seconds.median,
        "min (s)": result.latency_seconds.min,
        "max (s)": result.latency_seconds.max,
        "check run median (s)": result.check_run_latency_seconds.median,
        "check max (s)": result.check_run_latency_seconds.max,
        "pending kept": stillPending,
        "questions/min": result.questions_per_minute,
        "min gap (s)": result.min_gap_between_questions_seconds,
      },
    ]);
    writeFileSync(path.join(ROOT, "bench/results/watch.json"), JSON.stringify(result, null, 2) + "\n");
  } finally {
    if (watcher && watcher.exitCode === null) watcher.kill("SIGKILL");
    await mock?.close();
    for (const j of jobIds) await runArgv("scancel", [j], { timeoutMs: 30_000 }).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}

main2().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
