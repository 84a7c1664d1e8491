/**
 * One monitor tick in a process of its own, so that its peak memory is the
 * tick's (plus Node and tsx), not the benchmark driver's.
 *
 *   node --import tsx bench/tick.ts <repo> [--commit] [--bins <json>]
 *
 * Prints one JSON line: wall and CPU time of `monitor()` alone (module
 * loading excluded), RSS before the tick and the process's peak RSS, and the parts of
 * the report the benchmark reads. Scheduler calls are counted by the wrapper
 * programs passed in `--bins` (see fixtures.ts), not here.
 */
import { monitor } from "../src/commands/monitor/index.js";
import { slurmCli } from "../src/scheduler/slurm-cli/index.js";

interface Args {
  repo: string;
  commit: boolean;
  bins?: Partial<Record<"sacct" | "squeue" | "scontrol", string>>;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { repo: "", commit: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--commit") a.commit = true;
    else if (x === "--bins") a.bins = JSON.parse(argv[++i] ?? "{}") as Args["bins"];
    else if (!a.repo) a.repo = x;
    else throw new Error(`unexpected argument ${x}`);
  }
  if (!a.repo) throw new Error("usage: tick.ts <repo> [--commit] [--bins <json>]");
  return a;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rssBeforeKiB = Math.round(process.memoryUsage().rss / 1024);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rep = await monitor({
    cwd: args.repo,
    commit: args.commit,
    push: false,
    scheduler: slurmCli(args.bins ? { bins: args.bins } : {}),
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const usage = process.resourceUsage();
  const out = {
    wallMs,
    /** CPU time of the tick (user + system, this process; the scheduler programs' own CPU not included). */
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeKiB,
    maxRssKiB: usage.maxRSS,
    tracked: rep.tracked,
    inFlight: rep.inFlight,
    scheduler: {
      ok: rep.scheduler.ok,
      calls: rep.scheduler.calls,
      totalMs: rep.scheduler.totalMs,
      detail: rep.scheduler.detail,
    },
    runsChanged: rep.runs.filter((r) => r.changed).length,
    transitions: rep.runs.reduce((n, r) => n + r.transitions.length, 0),
    written: rep.written.length,
    findings: rep.findings.length,
    findingChecks: [...new Set(rep.findings.map((f) => f.check))],
    commit: rep.commit
      ? { committed: rep.commit.committed, sha: rep.commit.sha ?? null, paths: rep.commit.paths.length }
      : null,
  };
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`tick failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
