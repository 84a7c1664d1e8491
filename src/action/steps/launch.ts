/** The action's launch step (loaded only for command: launch). */
import path from "node:path";
import * as core from "@actions/core";
import { launch } from "../../commands/launch/index.js";
import { AutolabError } from "../../util/errors.js";
import { launchFailure, launchOutputs, launchSummary } from "../../report/launch.js";
import { publishAfterTick } from "../publish.js";
import { setOutputs, summarise, type Step } from "../step.js";

export async function actionLaunch({ inputs, ctx, repoRoot, octokit, budget, common, scheduler }: Step): Promise<void> {
  if (!inputs.design) throw new AutolabError("input 'design' is required for command: launch", { exitCode: 2 });
  const launchKey = ctx.runId
    ? `github-run:${ctx.repository?.owner}/${ctx.repository?.repo}:${ctx.runId}:${inputs.design}`
    : undefined;
  // Jobs run in a snapshot outside the workspace, which actions/checkout cleans before every run.
  const runnerWorkspace = process.env.RUNNER_WORKSPACE;
  const res = await launch({
    ...common,
    scheduler,
    design: inputs.design,
    dryRun: inputs.dryRun,
    launchKey,
    runId: inputs.runId,
    launchedBy: ctx.actor,
    workRoot: inputs.workRoot,
    workRootDefault: runnerWorkspace ? path.join(runnerWorkspace, "autolab-runs") : undefined,
  });
  setOutputs(launchOutputs(res));
  // The run's check run, queued, from launch on (and any other run's drift, within the budget).
  const published =
    octokit && ctx.repository && !inputs.dryRun
      ? await publishAfterTick({ octokit, budget }, ctx, repoRoot, { first: [res.runId] })
      : undefined;
  const summary = launchSummary(res);
  await summarise({ ...summary, notes: [...(summary.notes ?? []), ...(published?.notes ?? [])] });
  const failed = launchFailure(res);
  if (failed) core.setFailed(failed);
}
