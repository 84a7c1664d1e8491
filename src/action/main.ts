/**
 * The action: reads inputs, refuses untrusted events, calls one command, and
 * presents its result (outputs, check runs / annotations, job summary). Thin:
 * the commands decide, report/ says what to show, action/publish.ts and
 * src/github send it.
 */
import path from "node:path";
import * as core from "@actions/core";
import { readInputs, type ActionInputs } from "../github/inputs.js";
import {
  readActionContext,
  assertTrustedEvent,
  eventIsTrusted,
  isPrivilegedCommand,
  type ActionContext,
} from "../github/context.js";
import { apiBudget, createOctokit, type ApiBudget, type Octokit } from "../github/client.js";
import { writeSummary } from "../github/summary.js";
import { launch } from "../commands/launch/index.js";
import { slurmCli } from "../scheduler/slurm-cli/index.js";
import type { Scheduler } from "../scheduler/port.js";
import { monitor } from "../commands/monitor/index.js";
import { runVerify } from "../verify/index.js";
import { cancel } from "../commands/cancel.js";
import { collectStatus } from "../commands/status.js";
import { repoRootOf } from "../store/workspace.js";
import { AutolabError, formatError } from "../util/errors.js";
import { resolveInside } from "../util/fs.js";
import { renderSummary, type SummaryInput } from "../report/summary.js";
import type { ActionOutputs } from "../report/common.js";
import { launchFailure, launchOutputs, launchSummary } from "../report/launch.js";
import { logTailsOf, monitorOutputs, monitorSummary, monitorVerdict } from "../report/monitor.js";
import {
  commandsSkippedFinding,
  verifyCheckName,
  verifyFailure,
  verifyOutputs,
  verifySummary,
} from "../report/verify.js";
import { cancelOutputs, cancelSummary } from "../report/cancel.js";
import { statusOutputs, statusSummaryRuns } from "../report/status.js";
import { publishAfterTick, publishFindingsOf } from "./publish.js";
import { assertCheckedOutCommit } from "./trust.js";
import { actionWatch, announceFailures, keepWatcherAlive } from "./watch.js";

/** What every command of a step gets: the inputs, the context, and where it works. */
export interface Step {
  inputs: ActionInputs;
  ctx: ActionContext;
  repoRoot: string;
  octokit?: Octokit;
  /** The step's GitHub API budget (every call of `octokit` counts against it). */
  budget: ApiBudget;
  /** The composition root's one scheduler: every command talks to the cluster through it. */
  scheduler: Scheduler;
  /** The options launch, monitor and cancel share. */
  common: {
    cwd: string;
    push: boolean;
    branch?: string;
    token?: string;
    skipCi: boolean;
    log: (s: string) => void;
  };
}

function setOutputs(outputs: ActionOutputs): void {
  for (const [name, value] of outputs) core.setOutput(name, value);
}

async function summarise(input: SummaryInput): Promise<void> {
  await writeSummary(renderSummary(input));
}

/** Inputs and context, checked; undefined (the step failed) when they are not acceptable. */
async function setUp(): Promise<Step | undefined> {
  let inputs: ActionInputs;
  let ctx: ActionContext;
  try {
    inputs = readInputs();
    ctx = readActionContext(process.env);
    assertTrustedEvent(ctx, inputs.command);
    const workspace = process.env.GITHUB_WORKSPACE;
    if (workspace) resolveInside(workspace, inputs.workingDirectory, "input working-directory");
  } catch (e) {
    core.setFailed(formatError(e));
    return undefined;
  }
  const cwd = inputs.workingDirectory;
  const repoRoot = await repoRootOf(cwd);
  if (isPrivilegedCommand(inputs.command)) {
    try {
      await assertCheckedOutCommit(repoRoot, inputs.command, { sha: ctx.sha, branch: inputs.branch });
    } catch (e) {
      core.setFailed(formatError(e));
      return undefined;
    }
  }
  const budget = apiBudget();
  return {
    inputs,
    ctx,
    repoRoot,
    scheduler: slurmCli(),
    budget,
    octokit: inputs.token ? await createOctokit(inputs.token, ctx.apiUrl, { budget, warn: core.warning }) : undefined,
    common: {
      cwd,
      push: inputs.push,
      branch: inputs.branch,
      token: inputs.token,
      skipCi: inputs.skipCi,
      log: (s: string) => core.info(s),
    },
  };
}

async function actionLaunch({ inputs, ctx, repoRoot, octokit, budget, common, scheduler }: Step): Promise<void> {
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

async function actionMonitor(step: Step): Promise<void> {
  const { inputs, ctx, repoRoot, octokit, budget, common, scheduler } = step;
  const rep = await monitor({ ...common, scheduler, runId: inputs.runId });
  setOutputs(monitorOutputs(rep));
  const findings = { name: "autolab monitor", list: rep.findings };
  // After the tick landed: checks follow the manifests as committed (never a superseded decision).
  const after =
    octokit && ctx.repository && !rep.dryRun
      ? await publishAfterTick({ octokit, budget }, ctx, repoRoot, { logTails: logTailsOf(rep), findings })
      : undefined;
  const published =
    !after && rep.findings.length
      ? await publishFindingsOf(octokit, ctx, findings.name, rep.findings, repoRoot)
      : after?.findings;
  await summarise(monitorSummary(rep, [...(published?.notes ?? []), ...(after?.notes ?? [])]));
  await announceFailures(step, rep);
  await keepWatcherAlive(step);
  const verdict = monitorVerdict(rep);
  if (verdict.failed) core.setFailed(verdict.failed);
  else if (verdict.warning) core.warning(verdict.warning);
}

/**
 * The policy's test/dry-run commands come from the checked-out files: run
 * them only on a trusted event (github/context TRUSTED_EVENTS, no fork) or on
 * a GitHub-hosted runner.
 */
function mayRunPolicyCommands(ctx: ActionContext): boolean {
  return eventIsTrusted(ctx) || process.env.RUNNER_ENVIRONMENT === "github-hosted";
}

async function actionVerify({ inputs, ctx, repoRoot, octokit }: Step): Promise<void> {
  const stage = inputs.stage ?? "launch";
  const runCommands = mayRunPolicyCommands(ctx);
  const rep = await runVerify({
    repoRoot,
    stage: stage as never,
    iteration: inputs.design,
    runId: inputs.runId,
    runCommands,
  });
  if (!runCommands) rep.findings.push(commandsSkippedFinding(ctx.isFork));
  const published = await publishFindingsOf(octokit, ctx, verifyCheckName(stage), rep.findings, repoRoot);
  setOutputs(verifyOutputs(rep, published.conclusion));
  await summarise(verifySummary(stage, rep, published.notes));
  const failed = verifyFailure(stage, rep);
  if (failed) core.setFailed(failed);
}

async function actionCancel({ inputs, ctx, common, scheduler }: Step): Promise<void> {
  if (!inputs.runId) throw new AutolabError("input 'run-id' is required for command: cancel", { exitCode: 2 });
  const res = await cancel({ ...common, scheduler, runId: inputs.runId, by: ctx.actor });
  setOutputs(cancelOutputs(res));
  await summarise(cancelSummary(res));
}

async function actionStatus({ repoRoot }: Step): Promise<void> {
  const { rows, findings } = await collectStatus(repoRoot);
  setOutputs(statusOutputs(rows));
  await summarise({ title: "autolab status", command: "status", runs: statusSummaryRuns(rows), findings });
}

const COMMANDS: Record<ActionInputs["command"], (s: Step) => Promise<void>> = {
  launch: actionLaunch,
  monitor: actionMonitor,
  watch: actionWatch,
  verify: actionVerify,
  cancel: actionCancel,
  status: actionStatus,
};

export async function runAction(): Promise<void> {
  const step = await setUp();
  if (!step) return;
  try {
    await COMMANDS[step.inputs.command](step);
  } catch (e) {
    if (e instanceof AutolabError && e.location.file) {
      core.error(e.message, { file: e.location.file, startLine: e.location.line, startColumn: e.location.column });
    }
    core.setFailed(formatError(e));
  }
}
