/**
 * `autolab run`: one step of the current `.autolab/state.json` stage, as the
 * cookbook's recovery steps use it.
 *
 *   launch                         -> launch the state's iteration (moves to slurm_monitor)
 *   slurm_monitor, extract_results -> one monitor tick for the tracked run
 *                                     (pending_run_id, else last_run_id, else all runs);
 *                                     when no run is left to follow at all, this is
 *                                     "nothing left to do" (below)
 *   update_docs                    -> nothing left for autolab to do in SLURM mode:
 *                                     the stage falls back to the policy's
 *                                     autorun.todo_fallback.slurm.stage (default
 *                                     "hypothesis"), with a history entry
 *   other stages                   -> worked on by a person or an agent; said, exit 0
 */
import path from "node:path";
import { writeFileAtomic } from "../util/fs.js";
import { AutolabError } from "../util/errors.js";
import { loadPolicy, POLICY_PATH } from "../contract/policy.js";
import type { AutolabState } from "../contract/types.js";
import { STAGES } from "../contract/vocabulary.js";
import { launch, type LaunchResult } from "../commands/launch.js";
import type { Scheduler } from "../scheduler/port.js";
import { monitor, type MonitorReport } from "./monitor.js";
import { readState, STATE_PATH } from "./state.js";
import { isGitRepo, topLevel } from "../git/git.js";
import { commitBack, type CommitBackResult } from "../git/commitback.js";
import { isoSeconds as iso } from "../domain/time.js";

export const DEFAULT_TODO_FALLBACK_STAGE = "hypothesis";

export interface RunStepOptions {
  cwd: string;
  /** The scheduler a launch submits to (from the face). */
  scheduler: Scheduler;
  push?: boolean;
  commit?: boolean;
  branch?: string;
  skipCi?: boolean;
  token?: string;
  dryRun?: boolean;
  now?: () => Date;
  log?: (s: string) => void;
  /** Passed to the monitor tick (scheduler timeouts / programs). */
  query?: Parameters<typeof monitor>[0]["query"];
}

export interface RunStepResult {
  stageBefore: string;
  stageAfter: string;
  action: "launch" | "monitor" | "fallback" | "none";
  message: string;
  launch?: LaunchResult;
  monitor?: MonitorReport;
  commit?: CommitBackResult;
}

/** The stage to fall back to when nothing is left to do in SLURM mode. */
async function fallbackStage(repoRoot: string): Promise<string> {
  const { policy } = await loadPolicy(repoRoot);
  const raw = policy.autorun?.todo_fallback?.slurm?.stage;
  const stage = raw === undefined ? DEFAULT_TODO_FALLBACK_STAGE : raw;
  if (typeof stage !== "string" || !(STAGES as readonly string[]).includes(stage)) {
    throw new AutolabError(
      `autorun.todo_fallback.slurm.stage ${JSON.stringify(stage)} is not a stage (one of ${STAGES.join(", ")})`,
      {
        file: POLICY_PATH,
        jsonPath: "/autorun/todo_fallback/slurm/stage",
        hint: `set it to e.g. ${DEFAULT_TODO_FALLBACK_STAGE}`,
      },
    );
  }
  return stage;
}

export async function runStep(opts: RunStepOptions): Promise<RunStepResult> {
  const inGit = await isGitRepo(opts.cwd);
  const repoRoot = inGit ? await topLevel(opts.cwd) : path.resolve(opts.cwd);
  const state = await readState(repoRoot);
  if (!state) {
    throw new AutolabError(`no ${STATE_PATH}: nothing tells autolab which stage this repository is in`, {
      file: STATE_PATH,
      hint: "create it (autolab init does) or use autolab launch / autolab monitor directly",
    });
  }
  const before = state.stage;
  const common = {
    cwd: repoRoot,
    push: opts.push,
    commit: opts.commit,
    branch: opts.branch,
    skipCi: opts.skipCi,
    token: opts.token,
    now: opts.now,
    log: opts.log,
  };

  const fallBack = async (why: string, current: AutolabState): Promise<RunStepResult> => {
    const to = await fallbackStage(repoRoot);
    if (opts.dryRun)
      return { stageBefore: before, stageAfter: to, action: "fallback", message: `${why}: would fall back to ${to}` };
    const next: AutolabState = {
      ...current,
      stage: to,
      stage_attempt: 0,
      history: [
        ...(current.history ?? []),
        {
          timestamp: iso((opts.now ?? (() => new Date()))()),
          stage_before: current.stage,
          stage_after: to,
          status: "complete",
          summary: `${why}: autorun.todo_fallback.slurm.stage`,
        },
      ],
    };
    const apply = async () => {
      await writeFileAtomic(path.join(repoRoot, STATE_PATH), JSON.stringify(next, null, 2) + "\n");
      return [STATE_PATH];
    };
    let commit: CommitBackResult | undefined;
    if ((opts.commit ?? inGit) && inGit) {
      commit = await commitBack({
        repoRoot,
        apply,
        message: `autolab: ${current.stage} -> ${to} (todo fallback)`,
        push: opts.push,
        branch: opts.branch,
        skipCi: opts.skipCi,
        token: opts.token,
      });
    } else await apply();
    return {
      stageBefore: before,
      stageAfter: to,
      action: "fallback",
      message: `${why}: stage ${current.stage} -> ${to}`,
      commit,
    };
  };

  if (before === "launch") {
    const res = await launch({ ...common, scheduler: opts.scheduler, design: state.iteration_id, dryRun: opts.dryRun });
    const after = (await readState(repoRoot))?.stage ?? before;
    return {
      stageBefore: before,
      stageAfter: after,
      action: "launch",
      message: `launched run ${res.runId} (${res.status}${res.jobId ? `, job ${res.jobId}` : ""})`,
      launch: res,
      commit: res.commit,
    };
  }
  if (before === "slurm_monitor" || before === "extract_results") {
    const tracked = state.pending_run_id || state.last_run_id || undefined;
    const rep = await monitor({ ...common, runId: tracked, dryRun: opts.dryRun, query: opts.query });
    const now = (await readState(repoRoot)) ?? state;
    const moved = rep.runs.filter((r) => r.transitions.length).map((r) => `${r.runId}: ${r.before} -> ${r.after}`);
    const result: RunStepResult = {
      stageBefore: before,
      stageAfter: now.stage,
      action: "monitor",
      message: moved.length ? moved.join("; ") : "no run changed this tick",
      monitor: rep,
      commit: rep.commit,
    };
    if (
      now.stage === before &&
      rep.runs.length === 0 &&
      rep.scheduler.ok &&
      !rep.dryRun &&
      !rep.findings.some((f) => f.severity === "error")
    ) {
      // Nothing in flight and nothing left to extract: the monitor stage has nothing to wait for.
      const fb = await fallBack(
        `nothing left to monitor${tracked ? ` (run ${tracked} is finished and extracted)` : ""}`,
        now,
      );
      return { ...fb, monitor: rep };
    }
    return result;
  }
  if (before === "update_docs") {
    return fallBack("nothing left to do in SLURM mode", state);
  }
  return {
    stageBefore: before,
    stageAfter: before,
    action: "none",
    message: `stage ${before} is worked on by a person or an agent; autolab run has nothing to do`,
  };
}
