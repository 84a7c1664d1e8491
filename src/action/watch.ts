/**
 * The action's `command: watch`, and what a monitor tick does after it in the
 * action (failure comments, a watcher kept alive). Thin: commands/watch and
 * commands/notify decide and record; src/github sends; report/ says what to show.
 *
 * - watch: ticks (commands/monitor) on the watcher's clock; after each tick
 *   the run check runs are published as the monitor's are; at the time limit
 *   the successor is dispatched (`workflow_dispatch` of this run's own
 *   workflow file, GITHUB_WORKFLOW_REF) and the `monitor-workflow` is
 *   re-enabled (its schedule is the safety net). SIGTERM/SIGINT (a cancelled
 *   run) end the wait at once.
 * - A tick whose runs failed: one comment per run on the policy's tracking
 *   issue (recorded, never twice), and, unless the policy says otherwise, the
 *   step fails naming them.
 */
import * as core from "@actions/core";
import { monitor, type MonitorReport } from "../commands/monitor/index.js";
import { notifyFailures, type FailedRun } from "../commands/notify.js";
import { gc } from "../commands/gc.js";
import { gcText } from "../report/gc.js";
import { watch } from "../commands/watch.js";
import { writeSummary } from "../github/summary.js";
import { activeRuns, dispatchRef, dispatchWorkflow, enableWorkflow, workflowFileOf } from "../github/workflows.js";
import { commentOnIssue } from "../github/issues.js";
import { changedRuns, failedThisTick, logTailsOf, monitorText } from "../report/monitor.js";
import { failureComment } from "../report/notify.js";
import { watchFailure, watchOutputs, watchSummary } from "../report/watch.js";
import { formatError, formatFinding } from "../util/errors.js";
import { publishAfterTick } from "./publish.js";
import { untilStopped } from "../util/signals.js";
import type { Step } from "./main.js";

/** One comment per failed run of this tick on the tracking issue (when the policy names one). */
export async function announceFailures(step: Step, rep: MonitorReport): Promise<void> {
  const issue = rep.notify?.trackingIssue;
  const failed = failedThisTick(rep.runs);
  if (!issue || !failed.length) return;
  const { octokit, ctx } = step;
  if (!octokit || !ctx.repository) {
    core.warning(`cannot comment on issue #${issue}: no token for the GitHub API`);
    return;
  }
  const links = {
    serverUrl: ctx.serverUrl,
    repository: `${ctx.repository.owner}/${ctx.repository.repo}`,
    ref: ctx.ref,
  };
  const runs: FailedRun[] = failed.map((r) => ({
    runId: r.runId,
    iterationId: r.iterationId,
    jobId: r.jobId,
    manifestPath: r.manifestPath,
    failureReason: r.failureReason,
    logTail: r.logTail,
  }));
  const res = await notifyFailures({
    ...step.common,
    issue,
    runs,
    post: (run) =>
      commentOnIssue(octokit, { ...ctx.repository, issue, body: failureComment(run, links) }).then((c) => ({
        id: c.id,
      })),
  });
  if (res.posted.length) core.info(`commented on issue #${issue} for ${res.posted.join(", ")}`);
  for (const f of res.findings) core.warning(formatFinding(f));
}

/** The policy's retention (`slurm.monitor.retention.gc_older_than`): gc after the tick. */
export async function retentionAfterTick(step: Step, rep: MonitorReport): Promise<void> {
  if (!rep.retentionSeconds || rep.dryRun) return;
  try {
    const res = await gc({ cwd: step.common.cwd, olderThanSeconds: rep.retentionSeconds });
    core.info(gcText(res).trimEnd());
  } catch (e) {
    core.warning(formatError(e));
  }
}

/** monitor with `watch-workflow`: start a watcher when none of its runs is queued or in progress. */
export async function keepWatcherAlive(step: Step): Promise<void> {
  const { octokit, ctx, inputs } = step;
  if (!inputs.watchWorkflow) return;
  if (!octokit || !ctx.repository) {
    core.warning(`cannot start ${inputs.watchWorkflow}: no token for the GitHub API`);
    return;
  }
  try {
    const alive = await activeRuns(octokit, { ...ctx.repository, workflow: inputs.watchWorkflow });
    if (alive) {
      core.info(`watcher ${inputs.watchWorkflow}: ${alive} run(s) queued or in progress`);
      return;
    }
    await dispatchWorkflow(octokit, { ...ctx.repository, workflow: inputs.watchWorkflow, ref: ctx.ref });
    core.info(`no watcher was alive: dispatched ${inputs.watchWorkflow} on ${dispatchRef(ctx.ref)}`);
  } catch (e) {
    core.warning(formatError(e));
  }
}

/** The successor: this run's own workflow file, dispatched on the same branch; the monitor's schedule kept enabled. */
function successorOf(step: Step): (() => Promise<string>) | undefined {
  const { octokit, ctx, inputs } = step;
  const workflow = workflowFileOf(ctx.workflowRef);
  if (!octokit || !ctx.repository || !workflow) return undefined;
  const repo = ctx.repository;
  return async () => {
    if (inputs.monitorWorkflow) {
      await enableWorkflow(octokit, { ...repo, workflow: inputs.monitorWorkflow }).catch((e: unknown) =>
        core.warning(formatError(e)),
      );
    }
    await dispatchWorkflow(octokit, { ...repo, workflow, ref: ctx.ref });
    return `dispatched ${workflow} on ${dispatchRef(ctx.ref)}`;
  };
}

export async function actionWatch(step: Step): Promise<void> {
  const { inputs, ctx, repoRoot, octokit, budget, common, scheduler } = step;
  const successor = successorOf(step);
  if (!successor)
    core.warning(
      "no successor can be dispatched (needs a token and GITHUB_WORKFLOW_REF): the watcher stops at its time limit and the scheduled monitor starts the next one",
    );
  await untilStopped(async (signal) => {
    const rep = await watch({
      cwd: common.cwd,
      signal,
      settings: inputs.timeLimitSeconds ? { timeLimitSeconds: inputs.timeLimitSeconds } : {},
      log: common.log,
      successor,
      follow: common.push ? { branch: common.branch, token: common.token } : undefined,
      tick: () => monitor({ ...common, scheduler }),
      afterTick: async (t) => {
        if (changedRuns(t).length) core.info(monitorText(t));
        if (octokit && ctx.repository) {
          // The budget is per tick: a watcher ticks for hours.
          budget.used = 0;
          budget.refused = 0;
          await publishAfterTick({ octokit, budget }, ctx, repoRoot, { logTails: logTailsOf(t) });
        }
        await announceFailures(step, t);
        await retentionAfterTick(step, t);
      },
    });
    for (const [name, value] of watchOutputs(rep)) core.setOutput(name, value);
    await writeSummary(watchSummary(rep));
    for (const f of rep.findings) core.warning(formatFinding(f));
    const failed = watchFailure(rep);
    if (failed) core.setFailed(failed);
  });
}
