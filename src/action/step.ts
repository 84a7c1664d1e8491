/**
 * What every command step of the action gets, and the two things each does at
 * the end (outputs, job summary). Each command's step lives in steps/ (watch:
 * watch.ts) and is loaded only when the workflow asks for that command
 * (main.ts), so a step never loads the code of the other commands.
 */
import * as core from "@actions/core";
import type { ActionInputs } from "../github/inputs.js";
import type { ActionContext } from "../github/context.js";
import type { ApiBudget, Octokit } from "../github/client.js";
import { writeSummary } from "../github/summary.js";
import type { Scheduler } from "../scheduler/port.js";
import { renderSummary, type SummaryInput } from "../report/summary.js";
import type { ActionOutputs } from "../report/common.js";

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

export function setOutputs(outputs: ActionOutputs): void {
  for (const [name, value] of outputs) core.setOutput(name, value);
}

/** Write the job summary; runs link their files on `sha` (default the event's commit), running runs are timed to now. */
export async function summarise(input: SummaryInput, ctx?: ActionContext, sha?: string): Promise<void> {
  const at = sha || ctx?.sha;
  const blobBase =
    ctx?.repository && at ? `${ctx.serverUrl}/${ctx.repository.owner}/${ctx.repository.repo}/blob/${at}/` : undefined;
  await writeSummary(renderSummary({ now: new Date().toISOString(), blobBase, ...input }));
}
