/** The action's cancel step (loaded only for command: cancel). */
import { cancel } from "../../commands/cancel.js";
import { AutolabError } from "../../util/errors.js";
import { cancelOutputs, cancelSummary } from "../../report/cancel.js";
import { setOutputs, summarise, type Step } from "../step.js";

export async function actionCancel({ inputs, ctx, common, scheduler }: Step): Promise<void> {
  if (!inputs.runId) throw new AutolabError("input 'run-id' is required for command: cancel", { exitCode: 2 });
  const res = await cancel({ ...common, scheduler, runId: inputs.runId, by: ctx.actor });
  setOutputs(cancelOutputs(res));
  await summarise(cancelSummary(res));
}
