/**
 * The benchmarks (`npm run bench`), all in one run on the dev cluster:
 *
 *  1. a monitor tick with 100, 1,000 and 10,000 tracked runs, 10% in flight
 *     on real (pending) jobs: wall time, peak memory, scheduler invocations,
 *     and the ratio to one bare `sacct` + one bare `squeue` for the same ids
 *     (plus, for comparison, 1,000 runs all in flight, and the same ticks
 *     through the bundled CLI for production start-up and memory);
 *  2. the per-run polling baseline (one `sacct -j ID` per run in flight) on
 *     the same runs, and the speed-up of the tick over it;
 *  3. ledger upsert and verify on a 10,000-line ledger, and (3') on a
 *     1,000,000-line ledger through the streamed file path, with peak memory;
 *  4. cold start of the bundled action (`node dist/index.js` that only parses
 *     its inputs);
 *  5. one tick that changes 1,000 runs, and the number of commits it makes;
 *  6. a 1,000-task sweep (and a 10-task one): launch, first tick and its
 *     seconds of writes, idle ticks and calls per tick (bench/sweep.ts).
 *
 * Prints a table per benchmark plus the machine and the date, and writes
 * bench/results/latest.json. Figures are printed, never asserted: a missed
 * target is listed, not an exit code. The jobs and temp directories it
 * creates are removed at the end (also on Ctrl-C).
 *
 * Options: --sizes 100,1000 (subset of tracked-run counts), --skip-per-run
 * (skip benchmark 2), --skip-all-in-flight (skip the extra row of 1,000 runs
 * all in flight), --skip-sweep (skip benchmark 6), --keep (keep the temp directory and
 * the tick repositories, for debugging). AUTOLAB_BENCH_CPU_PROF=<dir>: a CPU profile of each tick.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type { RunManifest } from "../src/contract/types.js";
import { upsertLedger, upsertMany, verifyLedger } from "../src/ledger/ledger.js";
import { upsertLedgerFile } from "../src/ledger/io.js";
import { benchBigLedger, type BigLedgerResult } from "./ledger-big.js";
import { benchSweep, SWEEP_HEAD, sweepRows, sweepTargets } from "./sweep.js";
import { CLIENT_ENV, SACCT_FIELDS } from "../src/scheduler/slurm-cli/parse.js";
import { RACY_MARGIN_MS } from "../src/domain/run-index.js";
import { describeFailure, ok, runArgv } from "../src/util/exec.js";
import { writeFileAtomic } from "../src/util/fs.js";
import {
  benchManifest,
  buildRepo,
  cancelJobs,
  ledgerOf,
  submitPool,
  which,
  writeCountingWrappers,
  type SchedulerProgram,
} from "./fixtures.js";

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TICK_SCRIPT = path.join(PROJECT, "bench", "tick.ts");
const RESULTS = path.join(PROJECT, "bench", "results", "latest.json");
const IN_FLIGHT_SHARE = 0.1;
const REPEATS = 3;

// ---------------------------------------------------------------------------
// Small helpers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + " ms" : "-");
const mb = (kib: number) => ((kib * 1024) / 1e6).toFixed(1) + " MB";
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "-");
const int = (x: number) => x.toLocaleString("en-US");

function table(title: string, head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  // Numbers right-aligned, text left-aligned.
  const numeric = head.map((_, i) => rows.every((r) => /^[\d.,\s×-]*(ms|MB|s)?(\s\(.*\))?$/.test(r[i] ?? "")));
  const line = (r: string[]) =>
    "| " + r.map((c, i) => (i > 0 && numeric[i] ? c.padStart(w[i]) : c.padEnd(w[i]))).join(" | ") + " |";
  return [`\n${title}`, line(head), "|" + w.map((n) => "-".repeat(n + 2)).join("|") + "|", ...rows.map(line)].join(
    "\n",
  );
}

function say(s: string): void {
  process.stdout.write(s + "\n");
}

function progress(s: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
}

/**
 * The dev cluster is shared: another engineer's outage test can stop a daemon for a few seconds.
 * Retry a measurement (up to 3 times) after the controller and accounting answer again, and say so.
 */
async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= 3) throw e;
      progress(
        `warning: ${what} failed (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); waiting for the cluster, then retrying`,
      );
      retries.push(`${what}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
      const t0 = performance.now();
      while (performance.now() - t0 < 120_000) {
        const a = await runArgv("sinfo", ["-h", "-o", "%T"], { timeoutMs: 20_000 });
        const b = await runArgv("sacct", ["-n", "-X", "-j", "1"], { timeoutMs: 20_000 });
        if (ok(a) && ok(b)) break;
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
}

/** Measurements that had to be repeated because the shared cluster did not answer. */
const retries: string[] = [];

async function must(
  cmd: string,
  args: string[],
  what: string,
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<string> {
  const r = await runArgv(cmd, args, { timeoutMs: opts.timeoutMs ?? 120_000, cwd: opts.cwd, env: CLIENT_ENV });
  if (!ok(r)) throw new Error(`${what}: ${describeFailure(r)}`);
  return r.stdout;
}

// ---------------------------------------------------------------------------
// Machine

interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  kernel: string;
  node: string;
  slurm: string;
}

async function machine(): Promise<Machine> {
  let osName = `${os.type()} ${os.release()}`;
  try {
    const rel = readFileSync("/etc/os-release", "utf8");
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(rel);
    if (m) osName = m[1];
  } catch {
    // not Linux-like: keep os.type()
  }
  const v = await runArgv("sinfo", ["-V"], { timeoutMs: 20_000 });
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 1e9) * 10) / 10,
    os: osName,
    kernel: os.release(),
    node: process.version,
    slurm: ok(v) ? v.stdout.trim() : "unknown",
  };
}

// ---------------------------------------------------------------------------
// One tick in a child process

interface TickOut {
  wallMs: number;
  cpuMs: number;
  rssBeforeKiB: number;
  maxRssKiB: number;
  tracked: number;
  inFlight: number;
  scheduler: { ok: boolean; calls: number; totalMs: number; detail: string[] };
  runsChanged: number;
  transitions: number;
  written: number;
  findings: number;
  findingChecks: string[];
  commit: { committed: boolean; sha: string | null; paths: number } | null;
}

interface TickSample extends TickOut {
  /** Scheduler programs as counted by the wrappers, and each call's argv. */
  counted: Record<SchedulerProgram, number>;
  argv: Record<SchedulerProgram, string[][]>;
  /** Spawn to exit of the child, Node and tsx start-up included. */
  processMs: number;
}

async function tick(
  repo: string,
  bins: Record<SchedulerProgram, string>,
  callDir: string,
  commit = false,
): Promise<TickSample> {
  for (const f of await readdir(callDir)) await rm(path.join(callDir, f), { force: true });
  // AUTOLAB_BENCH_CPU_PROF=<dir>: a V8 CPU profile of every tick process, for `--cpu-prof`'s viewers.
  const prof = process.env.AUTOLAB_BENCH_CPU_PROF;
  const args = [
    ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []),
    "--import",
    "tsx",
    TICK_SCRIPT,
    repo,
    "--bins",
    JSON.stringify(bins),
  ];
  if (commit) args.push("--commit");
  const r = await runArgv(process.execPath, args, {
    cwd: PROJECT,
    timeoutMs: 600_000,
    env: { AUTOLAB_BENCH_CALL_DIR: callDir },
  });
  if (!ok(r)) throw new Error(`tick on ${repo} failed: ${describeFailure(r)}`);
  const last = r.stdout.trim().split("\n").pop() ?? "";
  const out = JSON.parse(last) as TickOut;
  if (!out.scheduler.ok)
    throw new Error(`the tick on ${repo} saw a scheduler outage: ${out.scheduler.detail.join("; ")}`);
  const counted = { sacct: 0, squeue: 0, scontrol: 0 } as Record<SchedulerProgram, number>;
  const argv = { sacct: [], squeue: [], scontrol: [] } as Record<SchedulerProgram, string[][]>;
  for (const f of (await readdir(callDir)).sort()) {
    const prog = f.split(".")[0] as SchedulerProgram;
    if (!(prog in counted)) continue;
    counted[prog]++;
    argv[prog].push((await readFile(path.join(callDir, f), "utf8")).split("\n").filter((a) => a !== ""));
  }
  return { ...out, counted, argv, processMs: r.durationMs };
}

const CLI_ENTRY = path.join(PROJECT, "dist", "cli", "index.js");

interface CliTick {
  /** Spawn to exit: Node start-up, loading the bundle, the tick. */
  processMs: number;
  maxRssKiB: number;
  written: number;
  calls: number;
}

/**
 * The same tick as production runs it: the bundled CLI (`node dist/cli/index.js monitor --no-commit --json`)
 * in the repository, the counting wrappers first on PATH, peak RSS from /usr/bin/time. Undefined when
 * dist/cli/index.js or /usr/bin/time is missing.
 */
async function cliTick(repo: string, binDir: string, callDir: string): Promise<CliTick | undefined> {
  if (!existsSync(CLI_ENTRY) || !existsSync("/usr/bin/time")) return undefined;
  for (const f of await readdir(callDir)) await rm(path.join(callDir, f), { force: true });
  const r = await runArgv(
    "/usr/bin/time",
    ["-f", "@@maxrss=%M", process.execPath, CLI_ENTRY, "monitor", "--no-commit", "--json"],
    {
      cwd: repo,
      timeoutMs: 600_000,
      env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`, AUTOLAB_BENCH_CALL_DIR: callDir },
    },
  );
  const m = /@@maxrss=(\d+)/.exec(r.stderr);
  let rep: { scheduler?: { ok?: boolean }; written?: unknown[] } = {};
  try {
    rep = JSON.parse(r.stdout) as typeof rep;
  } catch {
    throw new Error(`bundled CLI tick on ${repo}: no JSON report (${describeFailure(r)})`);
  }
  if (!rep.scheduler?.ok) throw new Error(`bundled CLI tick on ${repo} saw a scheduler outage`);
  return {
    processMs: r.durationMs,
    maxRssKiB: m ? Number(m[1]) : NaN,
    written: Array.isArray(rep.written) ? rep.written.length : 0,
    calls: (await readdir(callDir)).length,
  };
}

/** One call of `prog` over all ids of the tick's calls of it (its chunks merged), with the tick's flags. */
function bareArgs(calls: string[][]): string[] | undefined {
  if (!calls.length) return undefined;
  const ids: string[] = [];
  for (const c of calls) for (const a of c) if (a.startsWith("--jobs=")) ids.push(...a.slice(7).split(","));
  return calls[0].map((a) => (a.startsWith("--jobs=") ? `--jobs=${ids.join(",")}` : a));
}

// ---------------------------------------------------------------------------
// Benchmarks 1 and 2

interface SizeResult {
  runs: number;
  inFlight: number;
  buildMs: number;
  /** The first warm-up tick, and how many it took until a tick wrote nothing. */
  warmup: { wallMs: number; written: number; runsChanged: number; ticks: number };
  /** Measured ticks thrown away because the shared cluster disturbed them. */
  discarded: string[];
  /** 1-minute load average of the machine at each round (other users of the 2 cores). */
  loadAvg: number[];
  ticks: Array<{
    wallMs: number;
    cpuMs: number;
    maxRssKiB: number;
    rssBeforeKiB: number;
    processMs: number;
    calls: Record<SchedulerProgram, number>;
    reportCalls: number;
    schedulerMs: number;
    written: number;
    findings: number;
    findingChecks: string[];
  }>;
  bare: { sacctMs: number[]; squeueMs: number[]; sacctArgs?: string[]; squeueArgs?: string[] };
  median: {
    wallMs: number;
    cpuMs: number;
    maxRssKiB: number;
    callsPerTick: number;
    schedulerMs: number;
    bareSacctMs: number;
    bareSqueueMs: number;
    bareMs: number;
    ratio: number;
  };
  /** The bundled CLI's tick (process wall incl. start-up, peak RSS without tsx), medians of 3. */
  cli?: { processMs: number; maxRssKiB: number; calls: number; samples: CliTick[] };
  perRun?: { calls: number; totalMs: number; perCallMedianMs: number; speedupVsTick: number; speedupVsBare: number };
}

async function benchSize(
  runs: number,
  inFlight: number,
  pool: string[],
  tmp: string,
  bins: Record<SchedulerProgram, string>,
  callDir: string,
  perRun: boolean,
  keep = false,
): Promise<SizeResult> {
  const root = path.join(tmp, `repo-${runs}-${inFlight}`);
  progress(`tick benchmark: building ${int(runs)} runs (${int(inFlight)} in flight)`);
  const t0 = performance.now();
  await buildRepo({ root, runs, inFlightJobIds: pool.slice(0, inFlight), now: new Date() });
  // A git checkout, as the action and the CLI run in: the run index lives in its git dir.
  await must("git", ["init", "-q", "-b", "main", root], "git init");
  for (const [k, v] of [
    ["user.name", "bench"],
    ["user.email", "bench@example.org"],
    ["gc.auto", "0"], // no background gc writing into .git while the directory is removed
  ])
    await must("git", ["-C", root, "config", k, v], "git config");
  await must("git", ["-C", root, "add", "-A"], "git add");
  await must("git", ["-C", root, "commit", "-q", "-m", "bench: runs"], "git commit");
  const buildMs = performance.now() - t0;
  // The index records a file only once it is older than the racy margin.
  await new Promise((r) => setTimeout(r, RACY_MARGIN_MS + 500));

  // The first tick records what the scheduler says about the new jobs (submitted, PENDING): it writes the
  // manifests of the runs in flight; the controller can still fill in a reason or a start estimate a few
  // seconds later. Warm up until a tick writes nothing: the measured ticks are the steady state (idle ticks).
  const warmups: TickSample[] = [];
  for (let k = 0; k < 5; k++) {
    progress(`tick benchmark ${int(runs)}: warm-up tick ${k + 1}`);
    const w = await retrying(`warm-up tick (${runs} runs)`, () => tick(root, bins, callDir));
    warmups.push(w);
    if (w.written === 0 && k > 0) break; // the second tick at the latest has the run index
    await new Promise((r) => setTimeout(r, 1000));
  }
  const w = warmups[0];
  const res: SizeResult = {
    runs,
    inFlight,
    buildMs,
    warmup: { wallMs: w.wallMs, written: w.written, runsChanged: w.runsChanged, ticks: warmups.length },
    ticks: [],
    discarded: [],
    bare: { sacctMs: [], squeueMs: [] },
    loadAvg: [],
    median: {
      wallMs: NaN,
      cpuMs: NaN,
      maxRssKiB: NaN,
      callsPerTick: NaN,
      schedulerMs: NaN,
      bareSacctMs: NaN,
      bareSqueueMs: NaN,
      bareMs: NaN,
      ratio: NaN,
    },
  };
  const sacct = which("sacct") as string;
  const squeue = which("squeue") as string;
  for (let k = 0; k < REPEATS; k++) {
    progress(`tick benchmark ${int(runs)}: round ${k + 1}/${REPEATS} (tick, bare sacct, bare squeue)`);
    res.loadAvg.push(os.loadavg()[0]);
    // Only an idle tick with accounting up counts; one disturbed by the shared cluster (an outage, a
    // recovery record, the scontrol fallback) is discarded and taken again.
    let t: TickSample | undefined;
    for (let attempt = 0; attempt < 4 && !t; attempt++) {
      const x = await retrying(`tick (${runs} runs)`, () => tick(root, bins, callDir));
      if (x.inFlight !== inFlight) throw new Error(`the tick saw ${x.inFlight} runs in flight, not ${inFlight}`);
      if (x.written === 0 && x.counted.scontrol === 0) t = x;
      else {
        const why = `wrote ${x.written} file(s), ${x.counted.scontrol} scontrol call(s), findings: ${x.findingChecks.join(", ") || "none"}`;
        progress(`warning: tick (${runs} runs) was not idle (${why}); taken again`);
        res.discarded.push(why);
      }
    }
    if (!t) throw new Error(`no idle tick with ${runs} runs after 4 attempts (the shared cluster keeps changing)`);
    res.ticks.push({
      wallMs: t.wallMs,
      cpuMs: t.cpuMs,
      maxRssKiB: t.maxRssKiB,
      rssBeforeKiB: t.rssBeforeKiB,
      processMs: t.processMs,
      calls: t.counted,
      reportCalls: t.scheduler.calls,
      schedulerMs: t.scheduler.totalMs,
      written: t.written,
      findings: t.findings,
      findingChecks: t.findingChecks,
    });
    // The bare calls: exactly one sacct and one squeue with all the tick's ids and its flags, one after the other.
    res.bare.sacctArgs ??= bareArgs(t.argv.sacct);
    res.bare.squeueArgs ??= bareArgs(t.argv.squeue);
    const bare = async (prog: string, args: string[] | undefined, into: number[]) => {
      if (!args) return;
      const r = await retrying(`bare ${path.basename(prog)}`, async () => {
        const x = await runArgv(prog, args, { timeoutMs: 60_000, env: CLIENT_ENV });
        if (!ok(x)) throw new Error(describeFailure(x));
        return x;
      });
      into.push(r.durationMs);
    };
    await bare(sacct, res.bare.sacctArgs, res.bare.sacctMs);
    await bare(squeue, res.bare.squeueArgs, res.bare.squeueMs);
  }
  const calls = res.ticks.map((t) => t.calls.sacct + t.calls.squeue + t.calls.scontrol);
  const bareSacctMs = median(res.bare.sacctMs);
  const bareSqueueMs = median(res.bare.squeueMs);
  res.median = {
    wallMs: median(res.ticks.map((t) => t.wallMs)),
    cpuMs: median(res.ticks.map((t) => t.cpuMs)),
    maxRssKiB: Math.max(...res.ticks.map((t) => t.maxRssKiB), ...warmups.map((x) => x.maxRssKiB)),
    callsPerTick: median(calls),
    schedulerMs: median(res.ticks.map((t) => t.schedulerMs)),
    bareSacctMs,
    bareSqueueMs,
    bareMs: bareSacctMs + bareSqueueMs,
    ratio: median(res.ticks.map((t) => t.wallMs)) / (bareSacctMs + bareSqueueMs),
  };

  const cliSamples: CliTick[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const c = await retrying(`bundled CLI tick (${runs} runs)`, () => cliTick(root, path.dirname(bins.sacct), callDir));
    if (!c) break;
    if (k === 0) progress(`tick benchmark ${int(runs)}: bundled CLI ticks`);
    cliSamples.push(c);
  }
  if (cliSamples.length) {
    res.cli = {
      processMs: median(cliSamples.map((c) => c.processMs)),
      maxRssKiB: Math.max(...cliSamples.map((c) => c.maxRssKiB)),
      calls: median(cliSamples.map((c) => c.calls)),
      samples: cliSamples,
    };
  }

  if (perRun && inFlight > 0) {
    // What a naive monitor does: one `sacct -j ID` per run in flight (same fields as the tick asks for).
    progress(`per-run baseline ${int(runs)}: ${int(inFlight)} × sacct -j ID`);
    const durations: number[] = [];
    for (const id of pool.slice(0, inFlight)) {
      const r = await retrying(`sacct -j ${id}`, async () => {
        const x = await runArgv(sacct, ["-j", id, "--noheader", "--parsable2", `--format=${SACCT_FIELDS.join(",")}`], {
          timeoutMs: 60_000,
          env: CLIENT_ENV,
        });
        if (!ok(x)) throw new Error(describeFailure(x));
        return x;
      });
      durations.push(r.durationMs);
    }
    // The sum of the calls' own times (a call repeated after a cluster hiccup counts once, its wait not at all).
    const totalMs = durations.reduce((a, b) => a + b, 0);
    res.perRun = {
      calls: inFlight,
      totalMs,
      perCallMedianMs: median(durations),
      speedupVsTick: totalMs / res.median.wallMs,
      speedupVsBare: totalMs / res.median.bareMs,
    };
  }
  if (keep) progress(`kept ${root} (--keep)`);
  else
    await rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 }).catch((e: unknown) =>
      progress(`could not remove ${root}: ${String(e)}`),
    );
  return res;
}

// ---------------------------------------------------------------------------
// Benchmark 3: ledger

interface LedgerResult {
  lines: number;
  bytes: number;
  samples: number;
  updateMs: number;
  addMs: number;
  verifyMs: number;
  upsertMany1000Ms: number;
  fileUpsertMs: number;
}

function timeIt(n: number, fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn(); // warm the JIT
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function benchLedger(tmp: string): Promise<LedgerResult> {
  progress("ledger benchmark: 10,000 lines");
  const now = new Date();
  const manifests: RunManifest[] = Array.from({ length: 10_000 }, (_, i) => benchManifest(i, now));
  const text = ledgerOf(manifests);
  const samples = 25;
  const changed: RunManifest = { ...manifests[5_000], status: "failed" };
  const added = benchManifest(10_000, now);
  const updateMs = timeIt(samples, () => {
    if (upsertLedger(text, changed).action !== "updated") throw new Error("upsert did not update");
  });
  const addMs = timeIt(samples, () => {
    if (upsertLedger(text, added).action !== "added") throw new Error("upsert did not add");
  });
  const verifyMs = timeIt(samples, () => {
    if (verifyLedger(text, manifests[5_000], "docs/slurm_job_list.md").length !== 0)
      throw new Error("verify found problems");
  });
  const many = manifests.slice(9_000).map((m) => ({ ...m, status: "failed" as const }));
  const upsertMany1000Ms = timeIt(9, () => upsertMany(text, many));
  // With the file: read, upsert, atomic write (fsync + rename), as `autolab slurm-job-list append` does.
  const file = path.join(tmp, "ledger", "slurm_job_list.md");
  await writeFileAtomic(file, text);
  const fileTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    const m: RunManifest = { ...manifests[5_000], status: i % 2 ? "failed" : "completed" };
    const t = performance.now();
    await upsertLedgerFile(file, m);
    fileTimes.push(performance.now() - t);
  }
  return {
    lines: text.split("\n").length - 1,
    bytes: Buffer.byteLength(text),
    samples,
    updateMs,
    addMs,
    verifyMs,
    upsertMany1000Ms,
    fileUpsertMs: median(fileTimes),
  };
}

// ---------------------------------------------------------------------------
// Benchmark 4: action cold start

interface ColdStartResult {
  skipped?: string;
  entry: string;
  samples?: number;
  medianMs?: number;
  nodeBareMs?: number;
  /** `node dist/cli/index.js --version`. */
  cliVersionMs?: number;
  output?: string;
}

async function benchColdStart(tmp: string): Promise<ColdStartResult> {
  const entry = process.env.AUTOLAB_BENCH_ACTION_ENTRY ?? path.join(PROJECT, "dist", "index.js");
  if (!existsSync(entry)) {
    return {
      entry,
      skipped: `${path.relative(PROJECT, entry)} does not exist: build it first (npm run build), then rerun npm run bench`,
    };
  }
  progress("cold start benchmark");
  const dir = path.join(tmp, "coldstart");
  await writeFileAtomic(path.join(dir, ".keep"), "");
  // An unknown command: the action reads and checks its inputs, reports the error and exits. Nothing else runs.
  const env: Record<string, string | undefined> = {
    INPUT_COMMAND: "bench-parse-only",
    GITHUB_WORKSPACE: dir,
    GITHUB_ACTIONS: undefined,
    GITHUB_OUTPUT: undefined,
    GITHUB_STEP_SUMMARY: undefined,
  };
  const times: number[] = [];
  let output = "";
  for (let i = 0; i < 11; i++) {
    const r = await runArgv(process.execPath, [entry], { cwd: dir, env, timeoutMs: 30_000 });
    if (r.spawnError || r.timedOut) throw new Error(`cold start: ${describeFailure(r)}`);
    output = (r.stdout + r.stderr).trim().split("\n")[0] ?? "";
    if (i > 0) times.push(r.durationMs); // the first run warms the page cache
  }
  // node -e 0 and the CLI's --version, interleaved, in the same run.
  const cliEntry = path.join(PROJECT, "dist", "cli", "index.js");
  const bare: number[] = [];
  const cliTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    const r = await runArgv(process.execPath, ["-e", "0"], { timeoutMs: 30_000 });
    if (i > 0) bare.push(r.durationMs);
    if (!existsSync(cliEntry)) continue;
    const c = await runArgv(process.execPath, [cliEntry, "--version"], { cwd: dir, timeoutMs: 30_000 });
    if (i > 0 && c.code === 0) cliTimes.push(c.durationMs);
  }
  return {
    entry: path.relative(PROJECT, entry) || entry,
    samples: times.length,
    medianMs: median(times),
    nodeBareMs: median(bare),
    cliVersionMs: cliTimes.length ? median(cliTimes) : undefined,
    output,
  };
}

// ---------------------------------------------------------------------------
// Benchmark 5: a tick that changes 1,000 runs

interface CommitResult {
  runs: number;
  commitsBefore: number;
  commitsAfter: number;
  newCommits: number;
  runsChanged: number;
  transitions: number;
  filesInCommit: number;
  wallMs: number;
  maxRssKiB: number;
  calls: number;
  workTreeClean: boolean;
  settleMs: number;
}

/** Wait until sacct shows every job final (terminal state, End set). */
async function waitFinal(ids: string[], startTime: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  const want = new Set(ids);
  for (;;) {
    const out = await must(
      "sacct",
      ["--noheader", "--parsable2", "--format=JobID,State,End", `--jobs=${ids.join(",")}`, `--starttime=${startTime}`],
      "sacct (settle)",
    );
    let final = 0;
    for (const line of out.split("\n")) {
      const [id, state, end] = line.split("|");
      if (want.has(id) && /^(CANCELLED|COMPLETED|FAILED|TIMEOUT)/.test(state ?? "") && end && end !== "Unknown")
        final++;
    }
    if (final >= want.size) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) {
      progress(
        `warning: only ${final}/${want.size} jobs final in sacct after ${Math.round(timeoutMs / 1000)} s; the tick goes ahead`,
      );
      return performance.now() - t0;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function benchCommit(
  pool: string[],
  tmp: string,
  bins: Record<SchedulerProgram, string>,
  callDir: string,
): Promise<CommitResult> {
  const root = path.join(tmp, "repo-commit");
  const n = pool.length;
  progress(`commit benchmark: ${int(n)} runs in flight in a git repository`);
  await buildRepo({ root, runs: n, inFlightJobIds: pool, now: new Date() });
  await must("git", ["init", "-q", "-b", "main", root], "git init");
  for (const [k, v] of [
    ["user.name", "autolab bench"],
    ["user.email", "bench@example.invalid"],
    ["commit.gpgsign", "false"],
  ]) {
    await must("git", ["-C", root, "config", k, v], "git config");
  }
  await must("git", ["-C", root, "add", "-A"], "git add");
  await must("git", ["-C", root, "commit", "-q", "-m", "bench: runs launched"], "git commit");
  // The jobs end: cancelled while pending, so each of the 1,000 runs moves submitted -> failed (cancelled),
  // gets a metrics.json (status failed), its summary section and its ledger line rewritten.
  progress("commit benchmark: cancelling the pool jobs and waiting for sacct to show them final");
  await cancelJobs(pool);
  const d = new Date(Date.now() - 86400_000);
  const p = (x: number) => String(x).padStart(2, "0");
  const settleMs = await waitFinal(
    pool,
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T00:00:00`,
    60_000,
  );
  const count = async () =>
    Number((await must("git", ["-C", root, "rev-list", "--count", "HEAD"], "git rev-list")).trim());
  let commitsBefore = 0;
  progress("commit benchmark: the tick");
  // Counted again before a repeated attempt: a tick that met an outage commits its outage record.
  const t = await retrying("commit tick", async () => {
    commitsBefore = await count();
    return tick(root, bins, callDir, true);
  });
  const commitsAfter = await count();
  const files = (await must("git", ["-C", root, "show", "--name-only", "--format=", "HEAD"], "git show"))
    .split("\n")
    .filter(Boolean).length;
  const status = await must("git", ["-C", root, "status", "--porcelain", "--untracked-files=all"], "git status");
  await rm(root, { recursive: true, force: true });
  return {
    runs: n,
    commitsBefore,
    commitsAfter,
    newCommits: commitsAfter - commitsBefore,
    runsChanged: t.runsChanged,
    transitions: t.transitions,
    filesInCommit: files,
    wallMs: t.wallMs,
    maxRssKiB: t.maxRssKiB,
    calls: t.counted.sacct + t.counted.squeue + t.counted.scontrol,
    workTreeClean: status.trim() === "",
    settleMs,
  };
}

// ---------------------------------------------------------------------------
// Targets

interface Target {
  id: string;
  target: string;
  measured: string;
  met: boolean | null;
  note?: string;
}

function targets(
  sizes: SizeResult[],
  allInFlight: SizeResult | undefined,
  hundredK: SizeResult | undefined,
  ledger: LedgerResult,
  cold: ColdStartResult,
  commit: CommitResult | undefined,
  bigLedger?: BigLedgerResult,
): Target[] {
  const out: Target[] = [];
  if (sizes.length) {
    const calls = sizes.map((s) => s.median.callsPerTick);
    const same = calls.every((c) => c === calls[0]);
    out.push({
      id: "1a",
      target: "scheduler invocations per tick constant in the number of runs",
      measured: sizes
        .map((s) => `${int(s.runs)} runs (${int(s.inFlight)} in flight): ${s.median.callsPerTick}`)
        .join("; "),
      met: same,
      note: same
        ? undefined
        : "queryJobs splits the id list into chunks of 500 (default chunkSize in src/scheduler/slurm-cli/query.ts): one sacct + one squeue per 500 runs in flight",
    });
    const k = sizes.find((s) => s.inFlight === 1000);
    if (k)
      out.push({
        id: "1b",
        target: "tick / bare sacct+squeue ≤ 1.5 with 1,000 in flight (10,000 runs)",
        measured: `${ratio(k.median.ratio)} (${ms(k.median.wallMs)} / ${ms(k.median.bareMs)})`,
        met: k.median.ratio <= 1.5,
      });
    if (allInFlight)
      out.push({
        id: "1b'",
        target: "the same with 1,000 runs, all in flight",
        measured: `${ratio(allInFlight.median.ratio)} (${ms(allInFlight.median.wallMs)} / ${ms(allInFlight.median.bareMs)})`,
        met: allInFlight.median.ratio <= 1.5,
      });
    const big = sizes.find((s) => s.runs === 10_000);
    if (big) {
      const limit = 2000 + big.median.schedulerMs;
      out.push({
        id: "1c",
        target: "10,000-run tick ≤ 2 s + the scheduler's own time",
        measured: `${ms(big.median.wallMs)} (limit ${ms(limit)}: 2,000 + ${ms(big.median.schedulerMs)} in sacct/squeue)`,
        met: big.median.wallMs <= limit,
      });
    }
    const all = [...sizes, ...(allInFlight ? [allInFlight] : [])];
    const peak = Math.max(...all.map((s) => s.median.maxRssKiB));
    const cliPeaks = all.filter((s) => s.cli).map((s) => s.cli!.maxRssKiB);
    const cliPeak = cliPeaks.length ? Math.max(...cliPeaks) : undefined;
    out.push({
      id: "1d",
      target: "peak memory < 200 MB",
      measured:
        cliPeak !== undefined
          ? `${mb(cliPeak)} bundled CLI (production); ${mb(peak)} under tsx`
          : `${mb(peak)} under tsx (no dist/cli/index.js: the bundled figure was not taken)`,
      met: ((cliPeak ?? peak) * 1024) / 1e6 < 200,
      note:
        cliPeak !== undefined ? "judged on the bundled CLI; tsx adds its own transpiler and module cache" : undefined,
    });
  }
  if (hundredK) {
    const m = hundredK.median;
    out.push({
      id: "1e",
      target: "100,000 runs (1,000 in flight): tick / bare sacct + squeue ≤ 2.0",
      measured: `${ratio(m.ratio)} (${ms(m.wallMs)} / ${ms(m.bareMs)})`,
      met: m.ratio <= 2.0,
    });
    const cliRss = hundredK.cli?.maxRssKiB;
    out.push({
      id: "1f",
      target: "100,000 runs: peak memory < 300 MB",
      measured: `${cliRss !== undefined ? `${mb(cliRss)} bundled CLI; ` : ""}${mb(m.maxRssKiB)} under tsx`,
      met: ((cliRss ?? m.maxRssKiB) * 1024) / 1e6 < 300,
    });
  }
  for (const [id, name, v] of [
    ["3a", "ledger upsert (update a line)", ledger.updateMs],
    ["3b", "ledger upsert (add a line)", ledger.addMs],
    ["3c", "ledger verify", ledger.verifyMs],
  ] as const) {
    out.push({ id, target: `${name} on 10,000 lines < 50 ms`, measured: ms(v), met: v < 50 });
  }
  if (bigLedger) {
    const ops = [bigLedger.update, bigLedger.add, bigLedger.verify];
    const peak = Math.max(...ops.map((o) => o.maxRssKiB));
    out.push({
      id: "3'",
      target: "1,000,000-line ledger upsert and verify, bounded memory, < 2 s",
      measured: `update ${ms(bigLedger.update.wallMs)}, add ${ms(bigLedger.add.wallMs)}, verify ${ms(bigLedger.verify.wallMs)}; peak RSS ${mb(peak)} (Node + tsx ${mb(bigLedger.verify.rssBeforeKiB)} of it) for a ${(bigLedger.bytes / 1e6).toFixed(0)} MB file`,
      met: ops.every((o) => o.wallMs < 2000) && (peak * 1024) / 1e6 < 200,
    });
  }
  out.push(
    cold.skipped
      ? { id: "4", target: "action cold start < 150 ms", measured: "not measured", met: null, note: cold.skipped }
      : {
          id: "4",
          target: "action cold start < 150 ms",
          measured: ms(cold.medianMs as number),
          met: (cold.medianMs as number) < 150,
        },
  );
  if (!cold.skipped) {
    const bare = cold.nodeBareMs as number;
    out.push({
      id: "4b",
      target: "cold start ≤ 2× node -e 0 (action; CLI --version)",
      measured: `action ${ratio((cold.medianMs as number) / bare)}, CLI ${cold.cliVersionMs !== undefined ? ratio(cold.cliVersionMs / bare) : "not measured"} (node -e 0: ${ms(bare)})`,
      met: (cold.medianMs as number) <= 2 * bare && (cold.cliVersionMs ?? Infinity) <= 2 * bare,
    });
  }
  if (commit) {
    out.push({
      id: "5",
      target: "a tick that changes 1,000 runs makes one commit",
      measured: `${commit.newCommits} commit(s) for ${int(commit.runsChanged)} changed runs`,
      met: commit.newCommits === 1 && commit.runsChanged === commit.runs,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------

function parseCli(argv: string[]): {
  sizes: number[];
  perRun: boolean;
  keep: boolean;
  allInFlight: boolean;
  big: boolean;
  sweep: boolean;
} {
  const o = { sizes: [100, 1_000, 10_000], perRun: true, keep: false, allInFlight: true, big: true, sweep: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--sizes")
      o.sizes = (argv[++i] ?? "")
        .split(",")
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
    else if (argv[i] === "--skip-per-run") o.perRun = false;
    else if (argv[i] === "--keep") o.keep = true;
    else if (argv[i] === "--skip-all-in-flight") o.allInFlight = false;
    else if (argv[i] === "--skip-100k") o.big = false;
    else if (argv[i] === "--skip-sweep") o.sweep = false;
    else
      throw new Error(
        `unknown option ${argv[i]} (use --sizes 100,1000,10000 --skip-per-run --skip-all-in-flight --skip-100k --skip-sweep --keep)`,
      );
  }
  return o;
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const started = new Date();
  if (!which("sinfo") || !which("sbatch") || !which("sacct") || !which("squeue")) {
    process.stderr.write(
      "\n*** bench: SLURM client programs are not on PATH: start the dev cluster (bash scripts/dev-cluster.sh start) and rerun. Nothing was measured. ***\n\n",
    );
    process.exitCode = 1;
    return;
  }
  // The cluster is shared: give a daemon that another test restarts a couple of minutes to come back.
  let ping = await runArgv("sinfo", ["-h", "-o", "%T"], { timeoutMs: 20_000 });
  for (const t0 = performance.now(); !ok(ping) && performance.now() - t0 < 120_000;) {
    progress(`the dev cluster does not answer yet (${describeFailure(ping)}); waiting`);
    await new Promise((r) => setTimeout(r, 5000));
    ping = await runArgv("sinfo", ["-h", "-o", "%T"], { timeoutMs: 20_000 });
  }
  if (!ok(ping)) {
    process.stderr.write(
      `\n*** bench: the dev cluster does not answer (${describeFailure(ping)}). Nothing was measured. ***\n\n`,
    );
    process.exitCode = 1;
    return;
  }
  const mach = await machine();
  const tmp = await mkdtemp(path.join(os.tmpdir(), "autolab-bench-"));
  const pool: string[] = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (pool.length) await cancelJobs(pool);
    if (!cli.keep) await rm(tmp, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    progress(`${sig}: cancelling the benchmark's jobs and removing ${tmp}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const callDir = path.join(tmp, "calls");
    const bins = await writeCountingWrappers(path.join(tmp, "bin"));
    await writeFileAtomic(path.join(callDir, ".keep"), "");
    await rm(path.join(callDir, ".keep"));

    const ledger = await benchLedger(tmp);
    progress("ledger benchmark: 1,000,000 lines (streamed)");
    const bigLedger = await benchBigLedger(tmp);
    const cold = await benchColdStart(tmp);

    const maxFlight = Math.max(0, ...cli.sizes.map((n) => Math.round(n * IN_FLIGHT_SHARE)));
    const poolSize = Math.max(maxFlight, 1000);
    progress(`submitting ${int(poolSize)} pending jobs (one per run, begin time an hour ahead)`);
    const ts = performance.now();
    await retrying("pool submission", () => submitPool(poolSize - pool.length, path.join(tmp, "jobs"), pool));
    const submitMs = performance.now() - ts;

    const sizes: SizeResult[] = [];
    for (const n of cli.sizes)
      sizes.push(await benchSize(n, Math.round(n * IN_FLIGHT_SHARE), pool, tmp, bins, callDir, cli.perRun, cli.keep));
    // For comparison: the same 1,000 jobs with no terminal runs around them (the tick's cost per run in flight alone).
    const allInFlight = cli.allInFlight ? await benchSize(1000, 1000, pool, tmp, bins, callDir, false) : undefined;
    // Scale: 100,000 tracked runs, 1,000 in flight.
    const big = cli.big ? await benchSize(100_000, 1000, pool, tmp, bins, callDir, false) : undefined;
    const extras = [allInFlight, big].filter((x): x is SizeResult => x !== undefined);
    const commit = await benchCommit(pool.slice(0, 1000), tmp, bins, callDir);
    await cancelJobs(pool);
    const sweep = cli.sweep ? await retrying("sweep benchmark", () => benchSweep({ tmp, progress })) : undefined;

    // ------------------------------------------------------------------ report
    const date = started.toISOString();
    say(`\nautolab-slurm benchmarks, ${date}`);
    say(
      `machine: ${mach.cpu}, ${mach.cores} cores, ${mach.memoryGB} GB RAM, ${mach.os} (kernel ${mach.kernel}), Node ${mach.node}, ${mach.slurm}`,
    );
    say(`pool: ${int(poolSize)} jobs submitted in ${ms(submitMs)}; in flight = PENDING (BeginTime) jobs, one per run`);
    say(
      table(
        `1. Monitor tick (medians of 3 idle ticks after warm-up; bare = one sacct + one squeue, same ids and flags, medians of 3${extras.length ? "; extra rows: 1,000 runs all in flight, and 100,000 runs with 1,000 in flight" : ""})`,
        [
          "tracked runs",
          "in flight",
          "tick wall",
          "tick CPU",
          "peak RSS",
          "calls/tick",
          "sched. time in tick",
          "bare sacct",
          "bare squeue",
          "ratio tick/bare",
          "first tick (writes)",
          "load avg",
        ],
        [...sizes, ...extras].map((s) => [
          int(s.runs),
          int(s.inFlight),
          ms(s.median.wallMs),
          ms(s.median.cpuMs),
          mb(s.median.maxRssKiB),
          String(s.median.callsPerTick),
          ms(s.median.schedulerMs),
          ms(s.median.bareSacctMs),
          ms(s.median.bareSqueueMs),
          ratio(s.median.ratio),
          `${ms(s.warmup.wallMs)} (${s.warmup.written} files)`,
          s.loadAvg.map((x) => x.toFixed(1)).join("/"),
        ]),
      ),
    );
    const withCli = [...sizes, ...extras].filter((s) => s.cli);
    say(
      withCli.length
        ? table(
            "1+. The same ticks through the bundled CLI (node dist/cli/index.js monitor --no-commit --json), medians of 3",
            ["tracked runs", "in flight", "process wall (start-up + tick)", "peak RSS", "calls/tick"],
            withCli.map((s) => [
              int(s.runs),
              int(s.inFlight),
              ms(s.cli!.processMs),
              mb(s.cli!.maxRssKiB),
              String(s.cli!.calls),
            ]),
          )
        : `\n1+. Bundled CLI tick: SKIPPED (${path.relative(PROJECT, CLI_ENTRY)} or /usr/bin/time missing)`,
    );
    const withPerRun = sizes.filter((s) => s.perRun);
    if (withPerRun.length) {
      say(
        table(
          "2. Per-run polling baseline (one `sacct -j ID` per run in flight, one after another, all measured; total = sum of the calls)",
          [
            "tracked runs",
            "sacct calls",
            "total",
            "per call (median)",
            "tick wall",
            "speed-up vs tick",
            "speed-up vs bare calls",
          ],
          withPerRun.map((s) => [
            int(s.runs),
            int(s.perRun!.calls),
            ms(s.perRun!.totalMs),
            ms(s.perRun!.perCallMedianMs),
            ms(s.median.wallMs),
            `${s.perRun!.speedupVsTick.toFixed(1)}×`,
            `${s.perRun!.speedupVsBare.toFixed(1)}×`,
          ]),
        ),
      );
    } else {
      say("\n2. Per-run polling baseline: skipped (--skip-per-run)");
    }
    say(
      table(
        `3. Ledger, ${int(ledger.lines)} lines (${(ledger.bytes / 1e6).toFixed(2)} MB), medians of ${ledger.samples}`,
        ["operation", "time"],
        [
          ["upsertLedger: update one line", ms(ledger.updateMs)],
          ["upsertLedger: add one line", ms(ledger.addMs)],
          ["verifyLedger: one run", ms(ledger.verifyMs)],
          ["upsertMany: 1,000 runs at once", ms(ledger.upsertMany1000Ms)],
          ["upsertLedgerFile: read + upsert + atomic write", ms(ledger.fileUpsertMs)],
        ],
      ),
    );
    say(
      table(
        `3'. Ledger, ${int(bigLedger.lines)} lines (${(bigLedger.bytes / 1e6).toFixed(1)} MB), streamed (ledger/stream.ts), one run each in a child process`,
        ["operation", "time", "peak RSS (Node + tsx included)", "result"],
        [
          ["upsertLedgerFile: update a line in the middle", bigLedger.update],
          ["upsertLedgerFile: add a line", bigLedger.add],
          ["verifyLedgerFile: one run (every line checked)", bigLedger.verify],
        ].map(([what, o]) => {
          const op = o as BigLedgerResult["update"];
          return [what as string, ms(op.wallMs), mb(op.maxRssKiB), op.result];
        }),
      ),
    );
    say(
      cold.skipped
        ? `\n4. Action cold start: SKIPPED: ${cold.skipped}`
        : table(
            `4. Action cold start (${cold.samples} runs after one warm-up; input parsing only)`,
            ["what", "time"],
            [
              [
                `node ${path.relative(PROJECT, cold.entry)} (INPUT_COMMAND=bench-parse-only)`,
                ms(cold.medianMs as number),
              ],
              [
                "node dist/cli/index.js --version",
                cold.cliVersionMs !== undefined ? ms(cold.cliVersionMs) : "not measured",
              ],
              ["node -e 0 (Node alone, for reference)", ms(cold.nodeBareMs as number)],
            ],
          ),
    );
    say(
      table(
        "5. One tick that changes 1,000 runs (git repository, commit on, no remote)",
        ["what", "value"],
        [
          ["runs changed", int(commit.runsChanged)],
          ["status transitions", int(commit.transitions)],
          ["commits before -> after", `${commit.commitsBefore} -> ${commit.commitsAfter} (${commit.newCommits} new)`],
          ["files in the commit", int(commit.filesInCommit)],
          ["work tree clean after", String(commit.workTreeClean)],
          ["tick wall", ms(commit.wallMs)],
          ["peak RSS", mb(commit.maxRssKiB)],
          ["scheduler calls", String(commit.calls)],
        ],
      ),
    );
    say(
      sweep
        ? table(
            `6. Sweeps (every task waits for a begin time; load ${sweep.loadAvgStart.map((x) => x.toFixed(1)).join("/")} -> ${sweep.loadAvg.map((x) => x.toFixed(1)).join("/")}; idle tick: median of 3)`,
            SWEEP_HEAD,
            sweepRows(sweep),
          )
        : "\n6. Sweeps: skipped (--skip-sweep)",
    );
    const tg = [
      ...targets(sizes, allInFlight, big, ledger, cold, commit, bigLedger),
      ...(sweep ? sweepTargets(sweep) : []),
    ];
    say(
      table(
        "Targets",
        ["#", "target", "measured", "met"],
        tg.map((t) => [t.id, t.target, t.measured, t.met === null ? "n/a" : t.met ? "yes" : "NO"]),
      ),
    );
    for (const t of tg) if (t.note) say(`  ${t.id}: ${t.note}`);
    const finished = new Date();
    for (const s of sizes)
      if (s.discarded.length)
        say(`\n${int(s.runs)} runs: ${s.discarded.length} disturbed tick(s) discarded: ${s.discarded.join("; ")}`);
    if (retries.length) say(`\nrepeated after the shared cluster did not answer: ${retries.join("; ")}`);
    say(`\ntotal time: ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s`);

    const json = {
      date,
      finishedAt: finished.toISOString(),
      machine: mach,
      retries,
      pool: { jobs: poolSize, submitMs },
      tick: sizes,
      allInFlight,
      hundredK: big,
      ledger,
      bigLedger,
      coldStart: cold,
      commit,
      sweep,
      targets: tg,
    };
    // Formatted as the repository's prettier config wants, so `npm run format:check` stays clean.
    const config = (await prettier.resolveConfig(RESULTS)) ?? {};
    await writeFileAtomic(RESULTS, await prettier.format(JSON.stringify(json, null, 2), { ...config, parser: "json" }));
    say(`results: ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
