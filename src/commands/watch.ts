/**
 * watch: one long-lived process that ticks on its own clock.
 *
 *  - Every `local_check_seconds` (5 s) it reads the sentinels of the runs in
 *    flight, in their launch snapshot or run dir (no scheduler call).
 *  - It asks the scheduler through a monitor tick (the face injects it: one
 *    command never imports another) when domain/watch.ts says so: at once when
 *    a sentinel shows an end, else on an interval that depends on what is in
 *    flight, and never sooner than the policy floor after the last question.
 *    The tick records and commits as `autolab monitor` does.
 *  - One watcher per checkout (store/lock.ts, `watch.lock`); a second one
 *    exits, naming the holder.
 *  - At the time limit it dispatches its successor (the face's `successor`,
 *    in the action a `workflow_dispatch`) and exits; SIGTERM (the `signal`)
 *    ends the wait at once, never a tick in the middle.
 *  - Before each tick (so at most once per question, never per local check)
 *    it follows the branch (git/follow.ts: one hardened fetch, then a
 *    fast-forward, or a rebase of its own unpushed tick commits), so runs that
 *    a launch elsewhere pushed are watched from that tick on.
 *  - A run that failed, when the policy says a failure fails the job and a
 *    successor can take over, ends this watcher at once (the successor goes
 *    on watching) so the job fails while the failure is news.
 */
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { loadPolicy } from "../contract/policy.js";
import type { RunManifest } from "../contract/types.js";
import { manifestJobId, statusOf } from "../domain/run.js";
import { notifySettings, watchSettings, type WatchSettings } from "../domain/settings.js";
import { IN_FLIGHT } from "../domain/tick.js";
import { isoSeconds } from "../domain/time.js";
import { watchStep, type WatchView } from "../domain/watch.js";
import { followBranch, type FollowOptions } from "../git/follow.js";
import { jobRunDir } from "../store/discover.js";
import { readRunSentinel } from "../store/evidence.js";
import { takeWatchLock } from "../store/lock.js";
import { openWorkspace } from "../store/workspace.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { readOwned } from "../util/fs.js";
import type { RunStatus } from "../contract/vocabulary.js";

/** What the watcher reads of a tick's report: a part of the monitor's report (no command imports another). */
export interface TickReport {
  runs: ReadonlyArray<{ runId: string; manifestPath: string; before: RunStatus; after: RunStatus }>;
  scheduler: { calls: number };
  commit?: { committed: boolean };
}

export interface WatchOptions<R extends TickReport = TickReport> {
  cwd: string;
  /** One monitor tick with the face's options (record, push, scheduler). */
  tick: () => Promise<R>;
  /** After each tick (the action publishes check runs and notifies here). */
  afterTick?: (rep: R) => Promise<void>;
  /** Start the successor (the action: workflow_dispatch); returns what it did, for the report. */
  successor?: () => Promise<string>;
  /** Aborted on SIGTERM/SIGINT: the watcher stops waiting and exits cleanly. */
  signal?: AbortSignal;
  now?: () => Date;
  log?: (line: string) => void;
  /** Overrides of the policy's clock (`--time-limit`, tests). */
  settings?: Partial<WatchSettings>;
  /** Follow the branch before each tick (undefined: never fetch, e.g. `--no-push`). */
  follow?: FollowOptions;
}

export type WatchEnd = "signal" | "time_limit" | "run_failed";

export interface WatchReport {
  started_at: string;
  ended_at: string;
  ended_by: WatchEnd;
  ticks: number;
  /** Ticks that asked the scheduler (one batched question each). */
  questions: number;
  /** Scheduler client calls of all questions. */
  scheduler_calls: number;
  /** Ticks that made a commit. */
  commits: number;
  /** Fetches of the branch (one before each tick when following). */
  fetches: number;
  /** Fetches that brought others' commits into the checkout (fast-forward or rebase). */
  updates: number;
  /** Runs that failed while this watcher watched. */
  failed_runs: string[];
  /** `slurm.monitor.notify.fail_job`: the failed runs fail the job. */
  fail_job: boolean;
  successor?: string;
  findings: Finding[];
  settings: WatchSettings;
}

/** A run in flight as the last tick left it: where its sentinel is. */
interface Probe {
  runId: string;
  status: string;
  jobId?: string;
  dir: string;
}

async function probesOf(root: string, rep: TickReport): Promise<Probe[]> {
  const out: Probe[] = [];
  for (const r of rep.runs) {
    if (!IN_FLIGHT.has(r.after)) continue;
    const abs = path.join(root, r.manifestPath);
    const read = await readOwned(root, abs, 16 * 1024 * 1024).catch(() => undefined);
    if (!read?.data) continue;
    let m: RunManifest;
    try {
      m = JSON.parse(read.data.toString("utf8")) as RunManifest;
    } catch {
      continue;
    }
    const ev = jobRunDir(m, root, path.dirname(abs));
    out.push({
      runId: r.runId,
      status: statusOf(m),
      jobId: manifestJobId(m),
      dir: ev.workDir ? ev.dir : path.dirname(abs),
    });
  }
  return out;
}

/** How many probed runs have a sentinel that says the job reached its end. */
async function endedCount(probes: readonly Probe[]): Promise<number> {
  let n = 0;
  for (const p of probes) {
    const s = await readRunSentinel(p.dir, p.jobId, (p.jobId ?? "").includes("_"));
    if (s.sentinel.state === "present" && s.sentinel.endedAt) n++;
  }
  return n;
}

async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

export async function watch<R extends TickReport>(opts: WatchOptions<R>): Promise<WatchReport> {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => undefined);
  const ws = await openWorkspace(opts.cwd);
  const { policy } = await loadPolicy(ws.root);
  const settings = { ...watchSettings(policy), ...opts.settings };
  const notify = notifySettings(policy);
  const findings: Finding[] = [];
  const release = await takeWatchLock(ws.root, ws.inGit, now(), (f) => findings.push(f));
  const started = now();
  const report: WatchReport = {
    started_at: isoSeconds(started),
    ended_at: "",
    ended_by: "signal",
    ticks: 0,
    questions: 0,
    scheduler_calls: 0,
    commits: 0,
    fetches: 0,
    updates: 0,
    failed_runs: [],
    fail_job: notify.failJob,
    findings,
    settings,
  };
  const view: WatchView = {
    nowMs: started.getTime(),
    startedMs: started.getTime(),
    running: 0,
    pending: 0,
    ended: 0,
    lastTickMoved: false,
  };
  let probes: Probe[] = [];
  log(
    `watch: floor ${settings.floorSeconds} s, local checks every ${settings.localCheckSeconds} s, hand-over after ${settings.timeLimitSeconds} s`,
  );
  try {
    while (!opts.signal?.aborted) {
      view.nowMs = now().getTime();
      view.ended = probes.length ? await endedCount(probes) : 0;
      const step = watchStep(view, settings);
      if (step.kind === "handoff") {
        report.ended_by = "time_limit";
        break;
      }
      if (step.kind === "wait") {
        await wait(Math.min(step.untilMs - view.nowMs, settings.localCheckSeconds * 1000), opts.signal);
        continue;
      }
      if (opts.follow) await follow(ws.root, opts.follow, report, log);
      log(`watch: tick (${step.why})`);
      const rep = await runTick(opts, findings);
      view.lastTickMs = now().getTime();
      if (!rep) continue;
      report.ticks++;
      if (rep.scheduler.calls > 0) {
        report.questions++;
        report.scheduler_calls += rep.scheduler.calls;
        view.lastQuestionMs = view.lastTickMs;
      }
      if (rep.commit?.committed) report.commits++;
      const moved = rep.runs.filter((r) => r.before !== r.after);
      view.lastTickMoved = moved.length > 0;
      const failed = moved.filter((r) => r.after === "failed").map((r) => r.runId);
      report.failed_runs.push(...failed);
      probes = await probesOf(ws.root, rep);
      view.running = probes.filter((p) => p.status === "running").length;
      view.pending = probes.length - view.running;
      if (opts.afterTick)
        await opts.afterTick(rep).catch((e: unknown) => findings.push(findingFromError(e, "watch.publish")));
      if (failed.length && notify.failJob && opts.successor) {
        report.ended_by = "run_failed";
        break;
      }
    }
    if (report.ended_by !== "signal" && opts.successor && !opts.signal?.aborted) {
      try {
        report.successor = await opts.successor();
        log(`watch: ${report.successor}`);
      } catch (e) {
        findings.push(findingFromError(e, "watch.successor"));
      }
    }
  } finally {
    report.ended_at = isoSeconds(now());
    await release();
  }
  return report;
}

/** Bring others' commits in before a tick; a failure (remote down) is said once per kind and the watch goes on. */
async function follow(root: string, o: FollowOptions, report: WatchReport, log: (l: string) => void): Promise<void> {
  report.fetches++;
  try {
    const f = await followBranch(root, o);
    if (f.outcome === "fast-forwarded" || f.outcome === "rebased") report.updates++;
    if (f.outcome !== "up to date" && f.outcome !== "ahead") log(`watch: ${f.text}`);
  } catch (e) {
    const f = findingFromError(e, "watch.fetch", undefined, { severity: "warning" });
    log(`watch: fetch failed: ${f.message}`);
    if (!report.findings.some((x) => x.check === f.check && x.message === f.message)) report.findings.push(f);
  }
}

/** One tick; an error (e.g. the checkout lock held by a manual `autolab monitor`) is a finding, and the watch goes on. */
async function runTick<R extends TickReport>(opts: WatchOptions<R>, findings: Finding[]): Promise<R | undefined> {
  try {
    return await opts.tick();
  } catch (e) {
    const f = findingFromError(e, "watch.tick", undefined, { severity: "warning" });
    opts.log?.(`watch: tick failed: ${f.message}`);
    findings.push(f);
    return undefined;
  }
}
