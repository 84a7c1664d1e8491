/**
 * doctor: what this host can do, for a login node that will carry a
 * self-hosted runner. Checks git, the scheduler (its probe: client tools and
 * their versions, partitions and their limits, accounting), rsync, Node.js (>= 20 here,
 * the runner brings node24), glibc >= 2.28 (node24 needs it), and write
 * access to the repository. Each check: ok | warn | fail, with what was seen.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Scheduler, SchedulerProbe } from "../scheduler/port.js";
import { schedulerFor } from "../scheduler/job-user.js";
import { loadPolicy } from "../contract/policy.js";
import { runArgv } from "../util/exec.js";

export type CheckLevel = "ok" | "warn" | "fail";
export interface DoctorCheck {
  name: string;
  level: CheckLevel;
  detail: string;
}
export interface DoctorReport {
  checks: DoctorCheck[];
  probe: SchedulerProbe;
  ok: boolean;
}

function glibcVersion(): string | undefined {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export async function doctor(
  repoRoot: string,
  opts: { scheduler: Scheduler; timeoutMs?: number },
): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const git = await runArgv("git", ["--version"], { timeoutMs: 5000 });
  checks.push({
    name: "git",
    level: git.code === 0 ? "ok" : "fail",
    detail: git.code === 0 ? git.stdout.trim() : (git.spawnError ?? git.stderr.trim()),
  });

  // The scheduler's own checks: its client tools, submitting, partitions, accounting.
  // With launch.job_user, also whether sudo lets this account run the job user's programs.
  const policy = await loadPolicy(repoRoot).then(
    (p) => p.policy as Record<string, unknown>,
    () => ({}),
  );
  const sched = (() => {
    try {
      return schedulerFor(opts.scheduler, policy);
    } catch {
      return opts.scheduler;
    }
  })();
  const probe = await sched.probe({ timeoutMs: opts.timeoutMs ?? 10_000, deep: true });
  checks.push(...probe.checks);
  const rsync = await runArgv("rsync", ["--version"], { timeoutMs: 5000 });
  checks.push({
    name: "rsync",
    level: rsync.code === 0 ? "ok" : "warn",
    detail:
      rsync.code === 0 ? rsync.stdout.split("\n")[0].trim() : "not found (needed only for artifact_sync.mode: rsync)",
  });
  const nodeMajor = parseInt(process.versions.node.split(".")[0], 10);
  checks.push({
    name: "node",
    level: nodeMajor >= 20 ? "ok" : "fail",
    detail: `Node.js ${process.versions.node} (the CLI needs >= 20; the runner brings its own node24)`,
  });
  const glibc = glibcVersion();
  checks.push({
    name: "glibc",
    level: glibc ? (compareVersions(glibc, "2.28") >= 0 ? "ok" : "fail") : "warn",
    detail: glibc
      ? `glibc ${glibc} (the runner's node24 needs >= 2.28)`
      : "glibc version unknown (not a glibc system?)",
  });
  try {
    await access(repoRoot, constants.W_OK);
    checks.push({ name: "repository", level: "ok", detail: `${repoRoot} is writable` });
  } catch {
    checks.push({ name: "repository", level: "fail", detail: `${repoRoot} is not writable by this user` });
  }
  return { checks, probe, ok: !checks.some((c) => c.level === "fail") };
}

export function formatDoctor(r: DoctorReport): string {
  const mark = { ok: "ok  ", warn: "WARN", fail: "FAIL" } as const;
  const lines = r.checks.map((c) => `[${mark[c.level]}] ${c.name.padEnd(11)} ${c.detail}`);
  lines.push("", "probe:", ...r.probe.summary.map((s) => `  ${s}`));
  return lines.join("\n") + "\n";
}
