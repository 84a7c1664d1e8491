/**
 * logs: a run's stdout and stderr wherever they are — the job's launch
 * snapshot (work root) while it runs, the checkout's run dir once synced —
 * and, with `follow`, the new lines as the job writes them until the job has
 * ended (domain/logs.ts: the sentinel, the manifest, or the scheduler says
 * so). Following reads local files once a second; the scheduler is asked at
 * most once per `slurm.monitor.min_question_interval_seconds` (the watcher's
 * floor), and only for a SLURM job whose sentinel and manifest do not show
 * its end. Logs are never read through a link.
 */
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadPolicy } from "../contract/policy.js";
import type { RunManifest } from "../contract/types.js";
import { followEnds, logPlan, type LogPlan, type LogStream } from "../domain/logs.js";
import { watchSettings } from "../domain/settings.js";
import type { Scheduler } from "../scheduler/port.js";
import { discoverRuns, jobRunDir, runNotFound, type DiscoveredRun } from "../store/discover.js";
import { readRunSentinel } from "../store/evidence.js";
import { openWorkspace } from "../store/workspace.js";
import { AutolabError, UsageError } from "../util/errors.js";
import { displayPath, readFromOffset, readNoFollow } from "../util/fs.js";

export interface LogsOptions {
  cwd: string;
  runId: string;
  attempt?: number;
  streams?: LogStream[];
  follow?: boolean;
  /** Asked (at most once per floor) whether a followed job ended; without it only local evidence ends a follow. */
  scheduler?: Scheduler;
  /** Each piece of a log as read, with the file it came from (repo-relative or absolute). */
  write: (text: string, from: { file: string; stream: LogStream }) => void;
  /** Said once per file shown: where it was found. */
  note?: (line: string) => void;
  signal?: AbortSignal;
  pollMs?: number;
}

export interface LogsReport {
  runId: string;
  attempt: number;
  jobId?: string;
  files: Array<{ file: string; bytes: number; found: boolean }>;
  /** How following ended: the job ended, or a signal stopped it. */
  followed?: "ended" | "signal";
  schedulerQuestions: number;
}

/** Where a log file is: the job's snapshot first (live), then the checkout's run dir (synced). */
function candidates(root: string, run: DiscoveredRun, m: RunManifest, name: string): string[] {
  const ev = jobRunDir(m, root, run.runDir);
  const dirs = ev.workDir && !ev.missing ? [ev.dir, run.runDir] : [run.runDir];
  return dirs.map((d) => path.join(d, "logs", name));
}

async function locate(files: string[]): Promise<string> {
  for (const f of files) {
    const r = await readNoFollow(f, 0);
    if (r.data !== undefined || r.tooLarge !== undefined) return f;
  }
  return files[0];
}

export async function logs(opts: LogsOptions): Promise<LogsReport> {
  const ws = await openWorkspace(opts.cwd, { commit: false });
  const found = await discoverRuns(ws.root, { runId: opts.runId });
  const run = found.runs[0];
  if (!run) throw runNotFound(opts.runId, found.findings);
  const readManifestNow = async (): Promise<RunManifest> => {
    const r = await readNoFollow(run.manifestPath, 16 * 1024 * 1024);
    if (!r.data) throw new AutolabError(`cannot read the manifest of run ${opts.runId}`, { file: run.manifestDisplay });
    return JSON.parse(r.data.toString("utf8")) as RunManifest;
  };
  let m = await readManifestNow();
  const plan = logPlan(m, { attempt: opts.attempt, streams: opts.streams });
  if ("error" in plan) throw new UsageError(plan.error, "autolab status --run-id R --json shows the run's attempts");
  const streams = opts.streams ?? ["out", "err"];
  const files = await Promise.all(plan.files.map((n) => locate(candidates(ws.root, run, m, n))));
  const report: LogsReport = {
    runId: opts.runId,
    attempt: plan.attempt,
    jobId: plan.jobId,
    files: files.map((f) => ({ file: displayPath(ws.root, f), bytes: 0, found: false })),
    schedulerQuestions: 0,
  };
  noteWhere(opts, plan, report);
  const offsets = files.map(() => 0);
  const drain = async () => {
    for (const [i, f] of files.entries()) {
      for (;;) {
        const r = await readFromOffset(f, offsets[i]);
        if (r.skipped)
          throw new AutolabError(`${report.files[i].file} is a ${r.skipped}: logs are never read through a link`, {
            file: report.files[i].file,
          });
        if (r.next > 0 || r.data) report.files[i].found = true;
        offsets[i] = r.next;
        if (!r.data?.length) break;
        report.files[i].bytes += r.data.length;
        opts.write(r.data.toString("utf8"), { file: report.files[i].file, stream: streams[i] });
      }
    }
  };
  await drain();
  if (!opts.follow) return report;
  const floorMs = watchSettings((await loadPolicy(ws.root)).policy).floorSeconds * 1000;
  let lastAsk = Date.now();
  const jobDir = path.dirname(path.dirname(files[0]));
  while (!opts.signal?.aborted) {
    const sentinel = await readRunSentinel(jobDir, plan.jobId, (plan.jobId ?? "").includes("_"));
    m = await readManifestNow().catch(() => m);
    let schedulerTerminal = false;
    const sentinelEnded = sentinel.sentinel.state === "present" && !!sentinel.sentinel.endedAt;
    if (!sentinelEnded && opts.scheduler && plan.jobId && Date.now() - lastAsk >= floorMs) {
      lastAsk = Date.now();
      report.schedulerQuestions++;
      const q = await opts.scheduler.query([plan.jobId], { since: new Date(Date.now() - 30 * 86400_000) });
      const obs = q.ok ? q.observations.get(plan.jobId) : undefined;
      schedulerTerminal = !!obs && opts.scheduler.judge(obs).terminal;
    }
    if (followEnds({ sentinelEnded, manifest: m, schedulerTerminal })) {
      await drain();
      report.followed = "ended";
      return report;
    }
    await sleep(opts.pollMs ?? 1000, undefined, { signal: opts.signal }).catch(() => undefined);
    await drain();
  }
  report.followed = "signal";
  return report;
}

function noteWhere(opts: LogsOptions, plan: LogPlan, report: LogsReport): void {
  if (!opts.note) return;
  const shared = plan.sharedWith.length
    ? ` (shared with attempt(s) ${plan.sharedWith.join(", ")}: SLURM appends every requeue of job ${plan.jobId} to the same files)`
    : "";
  opts.note(`attempt ${plan.attempt}${plan.jobId ? `, job ${plan.jobId}` : ""}${shared}`);
  for (const f of report.files) opts.note(`${f.file}`);
}
