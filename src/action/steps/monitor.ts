/** The action's monitor step (loaded only for command: monitor). */
import * as core from "@actions/core";
import { monitor } from "../../commands/monitor/index.js";
import { logTailsOf, monitorOutputs, monitorSummary, monitorVerdict } from "../../report/monitor.js";
import { publishAfterTick, publishFindingsOf } from "../publish.js";
import { announceFailures, keepWatcherAlive, retentionAfterTick } from "../watch.js";
import { setOutputs, summarise, type Step } from "../step.js";

export async function actionMonitor(step: Step): Promise<void> {
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
  await summarise(monitorSummary(rep, [...(published?.notes ?? []), ...(after?.notes ?? [])]), ctx, rep.commit?.sha);
  await announceFailures(step, rep);
  await retentionAfterTick(step, rep);
  await keepWatcherAlive(step);
  const verdict = monitorVerdict(rep);
  if (verdict.failed) core.setFailed(verdict.failed);
  else if (verdict.warning) core.warning(verdict.warning);
}
