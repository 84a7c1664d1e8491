/** The action's status step (loaded only for command: status). */
import { collectStatus } from "../../commands/status.js";
import { statusOutputs, statusSummaryRuns } from "../../report/status.js";
import { setOutputs, summarise, type Step } from "../step.js";

export async function actionStatus({ ctx, repoRoot }: Step): Promise<void> {
  const { rows, findings } = await collectStatus(repoRoot);
  setOutputs(statusOutputs(rows));
  await summarise({ title: "autolab status", command: "status", runs: statusSummaryRuns(rows), findings }, ctx);
}
