/**
 * The action's GitHub side effects beyond outputs and the summary: findings as
 * a check run (or, without a token or with a read-only one, as workflow
 * commands), and the check run of each run a monitor tick moved. What they
 * say is decided in report/checks.ts.
 */
import * as core from "@actions/core";
import type { ActionContext } from "../github/context.js";
import { publishFindings, upsertRunCheck, type Octokit } from "../github/checks.js";
import { emitWorkflowCommands } from "../github/annotations.js";
import { git } from "../git/git.js";
import {
  conclusionForFindings,
  findingsSummaryText,
  runCheck,
  runCheckFailedNote,
  workflowCommandNotes,
} from "../report/checks.js";
import type { RunReport } from "../commands/monitor/index.js";
import type { Finding } from "../util/errors.js";

export interface Published {
  mode: string;
  conclusion: string;
  /** Sentences for the job summary. */
  notes: string[];
}

/** Findings as a check run named `name` when there is a token, else as workflow commands. */
export async function publishFindingsOf(
  octokit: Octokit | undefined,
  ctx: ActionContext,
  name: string,
  findings: Finding[],
  repoRoot: string,
): Promise<Published> {
  if (octokit && ctx.repository && ctx.sha) {
    const res = await publishFindings(octokit, {
      owner: ctx.repository.owner,
      repo: ctx.repository.repo,
      headSha: ctx.sha,
      name,
      findings,
      repoRoot,
      summaryText: findingsSummaryText(name, findings),
    });
    return { mode: res.mode, conclusion: res.conclusion, notes: res.notes };
  }
  const emitted = emitWorkflowCommands(findings, (s) => process.stdout.write(s), { repoRoot });
  return {
    mode: "workflow-commands",
    conclusion: conclusionForFindings(findings),
    notes: workflowCommandNotes(emitted.note),
  };
}

/**
 * Create or update the check run of every run the tick moved, on its launch
 * commit. A Checks API hiccup is a warning (the tick's work is committed
 * already); returns those warnings for the summary.
 */
export async function publishRunChecks(
  octokit: Octokit,
  ctx: ActionContext,
  repoRoot: string,
  changed: RunReport[],
): Promise<string[]> {
  const notes: string[] = [];
  for (const r of changed) {
    try {
      await upsertRunCheck(octokit, {
        owner: ctx.repository.owner,
        repo: ctx.repository.repo,
        headSha: (await launchCommit(repoRoot, r.manifestPath)) ?? r.launchSha ?? ctx.sha,
        runId: r.runId,
        ...runCheck(r),
      });
    } catch (e) {
      const msg = runCheckFailedNote(r.runId, e);
      core.warning(msg);
      notes.push(msg);
    }
  }
  return notes;
}

/** The commit that added a run's manifest: the launch commit, where its check run belongs. */
async function launchCommit(repoRoot: string, manifestPath: string): Promise<string | undefined> {
  try {
    const r = await git(repoRoot, ["log", "--diff-filter=A", "--format=%H", "-1", "--", manifestPath], {
      allowFailure: true,
    });
    const sha = r.stdout.trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
