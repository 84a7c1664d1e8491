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
 *
 * The launch and the monitor tick are injected (`RunSteps`): the face builds
 * them from the real commands, so this command imports no other command. The
 * fallback is recorded as a change set (git/record.ts): the move is applied to
 * state.json as the head has it, and validated before it is written.
 */
import { AutolabError, type Finding } from "../util/errors.js";
import { loadPolicy, POLICY_PATH } from "../contract/policy.js";
import type { AutolabState } from "../contract/types.js";
import { STAGES } from "../contract/vocabulary.js";
import { fallBackTo } from "../domain/stage.js";
import { readState, readStateStrict, STATE_PATH, stateEdit, validStateText } from "../store/state-file.js";
import { openWorkspace, type Workspace } from "../store/workspace.js";
import { record } from "../git/record.js";
import type { CommitBackResult } from "../git/commitback.js";
import type { RecordingOptions } from "../git/record.js";

export const DEFAULT_TODO_FALLBACK_STAGE = "hypothesis";

/** The options every step gets: the repository root as `cwd`, and how to record. */
export interface StepOptions extends RecordingOptions {
  cwd: string;
  dryRun?: boolean;
  now?: () => Date;
  log?: (s: string) => void;
}

/** What `run` reads of a launch's result. */
export interface LaunchStepResult {
  runId: string;
  status: string;
  jobId?: string;
  commit?: CommitBackResult;
}

/** What `run` reads of a monitor tick's report. */
export interface MonitorStepResult {
  runs: Array<{ runId: string; before: string; after: string; transitions: unknown[] }>;
  scheduler: { ok: boolean };
  dryRun: boolean;
  findings: Finding[];
  commit?: CommitBackResult;
}

/** The commands `run` dispatches to, given by the face. */
export interface RunSteps<
  L extends LaunchStepResult = LaunchStepResult,
  M extends MonitorStepResult = MonitorStepResult,
> {
  launch(o: StepOptions & { design: string }): Promise<L>;
  monitor(o: StepOptions & { runId?: string }): Promise<M>;
}

export type RunStepOptions = StepOptions;

export interface RunStepResult<L = LaunchStepResult, M = MonitorStepResult> {
  stageBefore: string;
  stageAfter: string;
  action: "launch" | "monitor" | "fallback" | "none";
  message: string;
  launch?: L;
  monitor?: M;
  commit?: CommitBackResult;
  /** Problems recording the fallback (e.g. another writer moved the stage first); absent when none. */
  findings?: Finding[];
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

/** Fall back to the policy's stage: decide, validate, record (or, dry, only say). */
async function fallBack(
  ws: Workspace,
  opts: StepOptions,
  why: string,
  current: AutolabState,
  before: string,
): Promise<RunStepResult<never, never>> {
  const to = await fallbackStage(ws.root);
  if (opts.dryRun)
    return { stageBefore: before, stageAfter: to, action: "fallback", message: `${why}: would fall back to ${to}` };
  const at = (opts.now ?? (() => new Date()))();
  // Refuse before recording anything when the file or the new state is invalid (as a launch or a tick does).
  await readStateStrict(ws.root);
  validStateText(fallBackTo(current, to, why, at));
  const from = current.stage;
  const edit = stateEdit((head, ctx) => {
    if (head.stage === from) return fallBackTo(head, to, why, at);
    ctx.note({
      severity: "warning",
      check: "state.moved",
      file: STATE_PATH,
      message: `the stage moved to ${head.stage} meanwhile (another writer); it was not changed to ${to}`,
    });
    return undefined;
  }, "todo fallback");
  const rec = await record(ws, [edit], {
    message: `autolab: ${from} -> ${to} (todo fallback)`,
    push: opts.push,
    branch: opts.branch,
    skipCi: opts.skipCi,
    token: opts.token,
    identity: opts.identity,
  });
  const moved = rec.written.includes(STATE_PATH);
  return {
    stageBefore: before,
    stageAfter: moved ? to : ((await readState(ws.root))?.stage ?? before),
    action: "fallback",
    message: moved ? `${why}: stage ${from} -> ${to}` : `${why}: stage ${from} was not changed (see the findings)`,
    commit: rec.commit,
    ...(rec.findings.length ? { findings: rec.findings } : {}),
  };
}

export async function runStep<L extends LaunchStepResult, M extends MonitorStepResult>(
  opts: RunStepOptions,
  steps: RunSteps<L, M>,
): Promise<RunStepResult<L, M>> {
  const ws = await openWorkspace(opts.cwd, { commit: opts.commit });
  const state = await readState(ws.root);
  if (!state) {
    throw new AutolabError(`no ${STATE_PATH}: nothing tells autolab which stage this repository is in`, {
      file: STATE_PATH,
      hint: "create it (autolab init does) or use autolab launch / autolab monitor directly",
    });
  }
  const before = state.stage;
  const common: StepOptions = {
    cwd: ws.root,
    push: opts.push,
    commit: opts.commit,
    branch: opts.branch,
    skipCi: opts.skipCi,
    token: opts.token,
    identity: opts.identity,
    now: opts.now,
    log: opts.log,
  };

  if (before === "launch") {
    const res = await steps.launch({ ...common, design: state.iteration_id, dryRun: opts.dryRun });
    const after = (await readState(ws.root))?.stage ?? before;
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
    const rep = await steps.monitor({ ...common, runId: tracked, dryRun: opts.dryRun });
    const now = (await readState(ws.root)) ?? state;
    const moved = rep.runs.filter((r) => r.transitions.length).map((r) => `${r.runId}: ${r.before} -> ${r.after}`);
    if (
      now.stage === before &&
      rep.runs.length === 0 &&
      rep.scheduler.ok &&
      !rep.dryRun &&
      !rep.findings.some((f) => f.severity === "error")
    ) {
      // Nothing in flight and nothing left to extract: the monitor stage has nothing to wait for.
      const why = `nothing left to monitor${tracked ? ` (run ${tracked} is finished and extracted)` : ""}`;
      return { ...(await fallBack(ws, opts, why, now, before)), monitor: rep };
    }
    return {
      stageBefore: before,
      stageAfter: now.stage,
      action: "monitor",
      message: moved.length ? moved.join("; ") : "no run changed this tick",
      monitor: rep,
      commit: rep.commit,
    };
  }
  if (before === "update_docs") return fallBack(ws, opts, "nothing left to do in SLURM mode", state, before);
  return {
    stageBefore: before,
    stageAfter: before,
    action: "none",
    message: `stage ${before} is worked on by a person or an agent; autolab run has nothing to do`,
  };
}
