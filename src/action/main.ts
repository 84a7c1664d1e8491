/**
 * The action: reads inputs, refuses untrusted events, calls one command, and
 * presents its result (outputs, check runs / annotations, job summary). Thin:
 * the commands decide, report/ says what to show, action/publish.ts and
 * src/github send it. Each command's step (steps/, watch.ts) is imported only
 * when the workflow asks for it: the action's start-up loads input parsing and
 * nothing of the commands it does not run.
 */
import * as core from "@actions/core";
import { readInputs, type ActionInputs } from "../github/inputs.js";
import { readActionContext, assertTrustedEvent, isPrivilegedCommand, type ActionContext } from "../github/context.js";
import { apiBudget, createOctokit } from "../github/client.js";
import { slurmCli } from "../scheduler/slurm-cli/index.js";
import { repoRootOf } from "../store/workspace.js";
import { AutolabError, formatError } from "../util/errors.js";
import { resolveInside } from "../util/fs.js";
import { assertCheckedOutCommit } from "./trust.js";
import type { Step } from "./step.js";

export type { Step } from "./step.js";

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

type StepFn = (s: Step) => Promise<void>;

const COMMANDS: Record<ActionInputs["command"], () => Promise<StepFn>> = {
  launch: async () => (await import("./steps/launch.js")).actionLaunch,
  monitor: async () => (await import("./steps/monitor.js")).actionMonitor,
  watch: async () => (await import("./watch.js")).actionWatch,
  verify: async () => (await import("./steps/verify.js")).actionVerify,
  cancel: async () => (await import("./steps/cancel.js")).actionCancel,
  status: async () => (await import("./steps/status.js")).actionStatus,
};

export async function runAction(): Promise<void> {
  const step = await setUp();
  if (!step) return;
  try {
    await (
      await COMMANDS[step.inputs.command]()
    )(step);
  } catch (e) {
    if (e instanceof AutolabError && e.location.file) {
      core.error(e.message, { file: e.location.file, startLine: e.location.line, startColumn: e.location.column });
    }
    core.setFailed(formatError(e));
  }
}
