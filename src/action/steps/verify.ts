/** The action's verify step (loaded only for command: verify). */
import * as core from "@actions/core";
import { fetchCommit } from "../../git/remote.js";
import { eventIsTrusted, pullRequestBaseSha, type ActionContext } from "../../github/context.js";
import { basePolicyAt } from "../../verify/base-policy.js";
import { runVerify } from "../../verify/index.js";
import {
  commandsSkippedFinding,
  verifyCheckName,
  verifyFailure,
  verifyOutputs,
  verifySummary,
} from "../../report/verify.js";
import { publishFindingsOf } from "../publish.js";
import { setOutputs, summarise, type Step } from "../step.js";

/**
 * The policy's test/dry-run commands come from the checked-out files: run
 * them only on a trusted event (github/context TRUSTED_EVENTS, no fork) or on
 * a GitHub-hosted runner.
 */
function mayRunPolicyCommands(ctx: ActionContext): boolean {
  return eventIsTrusted(ctx) || process.env.RUNNER_ENVIRONMENT === "github-hosted";
}

export async function actionVerify({ inputs, ctx, repoRoot, octokit, scheduler }: Step): Promise<void> {
  const stage = inputs.stage ?? "launch";
  const runCommands = mayRunPolicyCommands(ctx);
  // A pull request is verified under its base's policy (fetched when the checkout lacks the base commit).
  const base = pullRequestBaseSha(ctx);
  const basePolicy = base
    ? await basePolicyAt(repoRoot, base, () => fetchCommit(repoRoot, "origin", inputs.token, base))
    : undefined;
  const rep = await runVerify({
    basePolicy,
    repoRoot,
    stage: stage as never,
    iteration: inputs.design,
    runId: inputs.runId,
    runCommands,
    scheduler,
  });
  if (!runCommands) rep.findings.push(commandsSkippedFinding(ctx.isFork));
  const published = await publishFindingsOf(octokit, ctx, verifyCheckName(stage), rep.findings, repoRoot);
  setOutputs(verifyOutputs(rep, published.conclusion));
  await summarise(verifySummary(stage, rep, published.notes));
  const failed = verifyFailure(stage, rep);
  if (failed) core.setFailed(failed);
}
