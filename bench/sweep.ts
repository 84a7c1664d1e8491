/**
 * The sweep benchmark (issue 12 "Scale", issue 15): a 1,000-task sweep on the
 * dev cluster, and a 10-task sweep beside it for the constant.
 *
 *  - launch: `launch()` of the sweep in a git repository (render the chunk
 *    script, record 1,000 manifests + 1,000 ledger lines + the sweep record in
 *    one commit), with the SLURM calls it made (one `sbatch --parsable
 *    --array=0-999` per chunk);
 *  - the first tick after the launch, commit off: its wall time, and the
 *    seconds of writes (from the tick's `committing` phase, when its change set
 *    is complete, to its end: the files written, one sync, renamed);
 *  - idle ticks: wall time and scheduler calls per tick (the same for 10 and
 *    1,000 tasks).
 *
 * Every task waits for a begin time an hour ahead (`--begin=now+1hour` in the
 * design's sbatch_options): the cluster runs none of them; the arrays are
 * cancelled at the end. Each launch and tick runs in a child process
 * (`node --import tsx bench/sweep.ts --child launch|tick ...`) with counting
 * wrappers of every SLURM client first on its PATH; its figures exclude module
 * loading. Used by bench/run.ts (section 6; `--skip-sweep` skips it), or alone:
 * `node --import tsx bench/sweep.ts [--tasks 1000]`.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { initRepository } from "../src/commands/init.js";
import { launch } from "../src/commands/launch/index.js";
import { monitor } from "../src/commands/monitor/index.js";
import { slurmCli } from "../src/scheduler/slurm-cli/index.js";
import { describeFailure, ok, runArgv } from "../src/util/exec.js";
import { writeFileAtomic } from "../src/util/fs.js";

const SELF = fileURLToPath(import.meta.url);
const PROGRAMS = ["sacct", "squeue", "scontrol", "sinfo", "scancel", "sbatch"];

export interface SweepTickFigures {
  wallMs: number;
  /** From the `committing` phase (change set complete) to the tick's end; 0 when it wrote nothing. */
  writeMs: number;
  written: number;
  runs: number;
  calls: number;
  programs: string[];
}

export interface SweepSize {
  tasks: number;
  launch: {
    wallMs: number;
    processMs: number;
    manifests: number;
    ledgerLines: number;
    arrays: string[];
    /** `sbatch --parsable ...` calls (submissions), and every SLURM call of the launch. */
    submissions: string[];
    calls: number;
    programs: string[];
  };
  firstTick: SweepTickFigures;
  /** Idle ticks after the first (median wall, calls of each). */
  idle: { wallMs: number; samples: number[]; callsPerTick: number[] };
}

export interface SweepResult {
  sizes: SweepSize[];
  /** 1/5/15-minute load average at the start and at the end of the sweep benchmark. */
  loadAvgStart: number[];
  loadAvg: number[];
  maxArraySize?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const TASK_SH = '#!/bin/bash\necho "task $AUTOLAB_TASK_INDEX"\n';

function designText(tasks: number): string {
  return [
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:05:00"',
    "  memory_estimate: 32M",
    "  cpus_per_task: 1",
    "  partition: debug",
    "  sbatch_options:",
    '    - "--begin=now+1hour"',
    "entrypoint:",
    '  cli: "bash task.sh"',
    "extract_parser:",
    "  kind: command",
    '  command: "true"',
    `replicates: ${tasks}`,
    "",
  ].join("\n");
}

async function must(cmd: string, args: string[], cwd?: string): Promise<string> {
  const r = await runArgv(cmd, args, { cwd, timeoutMs: 120_000 });
  if (!ok(r)) throw new Error(`${cmd} ${args.join(" ")}: ${describeFailure(r)}`);
  return r.stdout;
}

async function makeRepo(root: string, iteration: string, tasks: number): Promise<void> {
  await initRepository({ root, unpinned: true }); // the workflows are not what is measured; no network lookup
  await writeFileAtomic(path.join(root, "task.sh"), TASK_SH);
  await writeFileAtomic(path.join(root, "experiments/in_progress", iteration, "design.yaml"), designText(tasks));
  await must("git", ["init", "-q", "-b", "main", root]);
  for (const [k, v] of [
    ["user.name", "autolab bench"],
    ["user.email", "bench@example.invalid"],
    ["commit.gpgsign", "false"],
  ])
    await must("git", ["-C", root, "config", k, v]);
  await must("git", ["-C", root, "add", "-A"]);
  await must("git", ["-C", root, "commit", "-q", "-m", "bench: sweep design"]);
}

/** One wrapper per SLURM client in `dir`: appends `<name> <args>` to `log`, then execs the real program. */
function writeWrappers(dir: string, log: string): void {
  for (const p of PROGRAMS) {
    const real = spawnSync("sh", ["-c", `command -v ${p}`], { encoding: "utf8" }).stdout.trim();
    if (!real) throw new Error(`${p} is not on PATH: start the dev cluster (bash scripts/dev-cluster.sh start)`);
    const f = path.join(dir, p);
    writeFileSync(f, `#!/bin/sh\necho ${p} "$@" >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(f, 0o755);
  }
}

interface Child<T> {
  out: T;
  calls: string[];
  processMs: number;
}

async function child<T>(wrapDir: string, log: string, args: string[]): Promise<Child<T>> {
  writeFileSync(log, "");
  const r = await runArgv(process.execPath, ["--import", "tsx", SELF, "--child", ...args], {
    timeoutMs: 600_000,
    env: { ...process.env, PATH: `${wrapDir}:${process.env.PATH ?? ""}` },
  });
  if (!ok(r)) throw new Error(`bench/sweep.ts --child ${args.join(" ")}: ${describeFailure(r)}\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop() ?? "{}";
  const calls = readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { out: JSON.parse(line) as T, calls, processMs: r.durationMs };
}

const progsOf = (calls: string[]) => calls.map((c) => c.split(" ")[0]).sort();

interface LaunchOut {
  wallMs: number;
  arrays: string[];
  runIds: number;
}
interface TickOut {
  wallMs: number;
  writeMs: number;
  written: number;
  runs: number;
}

async function squeueLines(arrayId: string): Promise<string[]> {
  const r = await runArgv("squeue", ["--noheader", "-j", arrayId, "-o", "%i %t %r"], { timeoutMs: 20_000 });
  return ok(r) ? r.stdout.split("\n").filter((l) => l.trim()) : [];
}

async function benchOne(
  tmp: string,
  tasks: number,
  into: string[],
  say: (s: string) => void,
  idleTicks: number,
): Promise<SweepSize> {
  const root = path.join(tmp, `sweep-${tasks}`);
  const it = `sweep${tasks}`;
  await makeRepo(root, it, tasks);
  const wrapDir = path.join(tmp, `wrap-${tasks}`);
  await mkdir(wrapDir, { recursive: true });
  const log = path.join(wrapDir, "calls.log");
  writeWrappers(wrapDir, log);

  say(`sweep benchmark: launching ${tasks} tasks`);
  const l = await child<LaunchOut>(wrapDir, log, ["launch", root, it]);
  into.push(...l.out.arrays);
  const runsDir = path.join(root, "experiments/in_progress", it, "runs");
  const manifests = readdirSync(runsDir).filter((d) => {
    try {
      readFileSync(path.join(runsDir, d, "run_manifest.json"));
      return true;
    } catch {
      return false;
    }
  }).length;
  const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
  const ledgerLines = ledger.split("\n").filter((x) => x.includes(`job_id=${l.out.arrays[0]}_`)).length;

  // The controller's first pass sets every task's reason (BeginTime): wait for a settled answer.
  for (const a of l.out.arrays) {
    for (let i = 0; i < 240; i++) {
      const q = await squeueLines(a);
      if (q.length === 1 && / PD BeginTime$/.test(q[0])) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  say(`sweep benchmark: ${tasks} tasks, first tick`);
  const first = await child<TickOut>(wrapDir, log, ["tick", root]);
  const firstTick: SweepTickFigures = {
    ...first.out,
    calls: first.calls.length,
    programs: progsOf(first.calls),
  };
  const samples: number[] = [];
  const callsPerTick: number[] = [];
  for (let i = 0; i < idleTicks; i++) {
    const t = await child<TickOut>(wrapDir, log, ["tick", root]);
    samples.push(t.out.wallMs);
    callsPerTick.push(t.calls.length);
  }
  return {
    tasks,
    launch: {
      wallMs: l.out.wallMs,
      processMs: l.processMs,
      manifests,
      ledgerLines,
      arrays: l.out.arrays,
      submissions: l.calls.filter((c) => /^sbatch --parsable /.test(c) && !/--test-only/.test(c)),
      calls: l.calls.length,
      programs: progsOf(l.calls),
    },
    firstTick,
    idle: { wallMs: median(samples), samples, callsPerTick },
  };
}

async function cancelAll(ids: string[]): Promise<void> {
  if (ids.length) await runArgv("scancel", ids, { timeoutMs: 60_000 });
}

/** The benchmark: sweeps of `sizes` tasks (default 10 and 1,000). Cancels its arrays, removes its repositories. */
export async function benchSweep(
  opts: { tmp?: string; sizes?: number[]; idleTicks?: number; progress?: (s: string) => void } = {},
): Promise<SweepResult> {
  const say = opts.progress ?? ((s: string) => process.stderr.write(s + "\n"));
  const tmp = await mkdtemp(path.join(opts.tmp ?? os.tmpdir(), "autolab-bench-sweep-"));
  const arrays: string[] = [];
  const loadStart = os.loadavg();
  try {
    const sizes: SweepSize[] = [];
    for (const n of opts.sizes ?? [10, 1000]) sizes.push(await benchOne(tmp, n, arrays, say, opts.idleTicks ?? 3));
    const cfg = await runArgv("scontrol", ["show", "config"], { timeoutMs: 20_000 });
    const m = /^MaxArraySize\s*=\s*(\d+)/m.exec(cfg.stdout);
    return { sizes, loadAvgStart: loadStart, loadAvg: os.loadavg(), ...(m ? { maxArraySize: Number(m[1]) } : {}) };
  } finally {
    await cancelAll(arrays);
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Markdown-ish rows for bench/run.ts's table (or the standalone run). */
export function sweepRows(r: SweepResult): string[][] {
  const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + " ms";
  return r.sizes.map((s) => [
    s.tasks.toLocaleString("en-US"),
    ms(s.launch.wallMs),
    `${s.launch.submissions.length} (${s.launch.calls} SLURM calls in all)`,
    `${s.launch.manifests} / ${s.launch.ledgerLines}`,
    `${ms(s.firstTick.wallMs)} (${s.firstTick.written} files)`,
    ms(s.firstTick.writeMs),
    ms(s.idle.wallMs),
    s.idle.callsPerTick.join(", "),
  ]);
}

/** The sweep rows of bench/run.ts's target table. */
export function sweepTargets(
  r: SweepResult,
): Array<{ id: string; target: string; measured: string; met: boolean; note?: string }> {
  const big = r.sizes[r.sizes.length - 1];
  const calls = r.sizes.flatMap((s) => [s.firstTick.calls, ...s.idle.callsPerTick]);
  const subs = r.sizes.map((s) => `${s.tasks} tasks: ${s.launch.submissions.length} sbatch, ${s.launch.calls} calls`);
  return [
    {
      id: "6a",
      target: `a ${big.tasks.toLocaleString("en-US")}-task sweep: one sbatch per array chunk, tick calls constant`,
      measured: `${subs.join("; ")}; calls per tick ${r.sizes.map((s) => `${s.tasks} tasks: ${[s.firstTick.calls, ...s.idle.callsPerTick].join("/")}`).join("; ")}`,
      met: r.sizes.every((s) => s.launch.submissions.length === 1) && calls.every((c) => c === calls[0]),
    },
    {
      id: "2b",
      target: `first tick after a ${big.tasks.toLocaleString("en-US")}-run launch: ≤ 1 s of writes`,
      measured: `${big.firstTick.writeMs.toFixed(0)} ms for ${big.firstTick.written} files (whole tick ${big.firstTick.wallMs.toFixed(0)} ms)`,
      met: big.firstTick.writeMs <= 1000,
    },
  ];
}

export const SWEEP_HEAD = [
  "tasks",
  "launch (in process)",
  "sbatch submissions",
  "manifests / ledger lines",
  "first tick (writes)",
  "first tick: seconds of writes",
  "idle tick",
  "calls per idle tick",
];

// ---------------------------------------------------------------------------
// Child modes

async function childMain(argv: string[]): Promise<void> {
  const [mode, root, it] = argv;
  if (mode === "launch") {
    const t0 = performance.now();
    const res = await launch({ cwd: root, design: it, scheduler: slurmCli(), commit: true, push: false });
    const wallMs = performance.now() - t0;
    process.stdout.write(
      JSON.stringify({ wallMs, arrays: res.sweep?.arrays ?? [], runIds: res.sweep?.runIds.length ?? 0 }) + "\n",
    );
    return;
  }
  if (mode === "tick") {
    let committingAt: number | undefined;
    const t0 = performance.now();
    const rep = await monitor({
      cwd: root,
      commit: false,
      push: false,
      scheduler: slurmCli(),
      progress: (e) => {
        if (e.phase === "committing") committingAt = performance.now();
      },
    });
    const end = performance.now();
    process.stdout.write(
      JSON.stringify({
        wallMs: end - t0,
        writeMs: committingAt === undefined ? 0 : end - committingAt,
        written: rep.written.length,
        runs: rep.runs.length,
      }) + "\n",
    );
    return;
  }
  throw new Error(`unknown child mode ${mode}`);
}

async function standalone(argv: string[]): Promise<void> {
  let sizes: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--tasks") sizes = (argv[++i] ?? "").split(",").map(Number);
    else throw new Error(`unknown option ${argv[i]} (use --tasks 10,1000)`);
  }
  const r = await benchSweep({ sizes });
  process.stdout.write(JSON.stringify(r, null, 2) + "\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const argv = process.argv.slice(2);
  (argv[0] === "--child" ? childMain(argv.slice(1)) : standalone(argv)).catch((e: unknown) => {
    process.stderr.write(`bench/sweep.ts failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
