/**
 * The action's GitHub side effects beyond outputs and the summary: findings as
 * a check run (or, without a token or with a read-only one, as workflow
 * commands), and the check run of every run, reconciled with its manifest
 * after each launch and monitor tick (github/run-checks.ts). What they say is
 * decided in report/; every call goes through the step's one Octokit and its
 * API budget (github/client.ts).
 *
 * Budget per step: `DEFAULT_API_CALLS_PER_TICK` calls; run checks take what is
 * left after a reserve for the findings check run (one call: up to
 * `ANNOTATIONS_PER_TICK` annotations go with the create). Findings unchanged
 * since the last post of the same check name are not posted again.
 */
import { createHash } from "node:crypto";
import * as core from "@actions/core";
import type { ActionContext } from "../github/context.js";
import { ANNOTATIONS_PER_REQUEST, publishFindings } from "../github/checks.js";
import type { ApiBudget, Octokit } from "../github/client.js";
import { reconcileRunChecks } from "../github/run-checks.js";
import { emitWorkflowCommands } from "../github/annotations.js";
import { readCheckMemory, writeCheckMemory } from "../store/check-memory.js";
import { openWorkspace } from "../store/workspace.js";
import type { CheckMemory } from "../domain/check-sync.js";
import {
  conclusionForFindings,
  findingsSummaryText,
  findingsUnchangedNote,
  workflowCommandNotes,
} from "../report/checks.js";
import { findingLine } from "../report/summary.js";
import { worstFirst, type Finding } from "../util/errors.js";

/** Annotations one step sends at most (the worst first): one request's worth. */
export const ANNOTATIONS_PER_TICK = ANNOTATIONS_PER_REQUEST;
/** Calls kept back from the run checks for the findings check run. */
const FINDINGS_RESERVE = 1;

export interface Published {
  mode: string;
  conclusion: string;
  /** Sentences for the job summary. */
  notes: string[];
}

/** The GitHub side of one step: its client, its budget and the memory of what was posted. */
export interface GithubStep {
  octokit: Octokit;
  budget: ApiBudget;
}

function findingsFingerprint(findings: Finding[]): string {
  const h = createHash("sha256");
  for (const f of worstFirst(findings)) h.update(findingLine(f) + "\n");
  return h.digest("hex");
}

/**
 * Findings as a check run named `name` when there is a token, else as
 * workflow commands. With `dedupe` (the monitor), findings identical to the
 * ones last posted under that name are not posted again.
 */
export async function publishFindingsOf(
  octokit: Octokit | undefined,
  ctx: ActionContext,
  name: string,
  findings: Finding[],
  repoRoot: string,
  o: { memory?: CheckMemory; now?: Date } = {},
): Promise<Published> {
  if (octokit && ctx.repository && ctx.sha) {
    const fp = o.memory ? findingsFingerprint(findings) : undefined;
    const last = o.memory?.findings.get(name);
    if (fp && last && last.fingerprint === fp) {
      return {
        mode: "unchanged",
        conclusion: conclusionForFindings(findings),
        notes: [findingsUnchangedNote(name, findings.length, last.at)],
      };
    }
    const res = await publishFindings(octokit, {
      owner: ctx.repository.owner,
      repo: ctx.repository.repo,
      headSha: ctx.sha,
      name,
      findings,
      repoRoot,
      summaryText: findingsSummaryText(name, findings),
      maxAnnotations: ANNOTATIONS_PER_TICK,
    });
    if (fp && o.memory && res.mode === "check-run") {
      o.memory.findings.set(name, {
        fingerprint: fp,
        at: (o.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
        count: findings.length,
        checkRunId: res.checkRunId,
      });
    }
    const notes = [...res.notes];
    if (res.annotationsSent < findings.length - res.unlocated && res.mode === "check-run") {
      notes.push(
        `${findings.length - res.unlocated - res.annotationsSent} finding(s) were not sent as annotations (at most ${ANNOTATIONS_PER_TICK} per step, the worst first); all are listed in this summary.`,
      );
    }
    return { mode: res.mode, conclusion: res.conclusion, notes };
  }
  const emitted = emitWorkflowCommands(findings, (s) => process.stdout.write(s), { repoRoot });
  return {
    mode: "workflow-commands",
    conclusion: conclusionForFindings(findings),
    notes: workflowCommandNotes(emitted.note),
  };
}

/**
 * After a launch or a monitor tick landed: every run's check run follows its
 * manifest (as far as the budget allows), then the findings check run (when
 * `findings` is given). A GitHub hiccup is a warning: the tick's work is
 * committed already, and the next tick repairs the drift. Returns the notes
 * for the job summary.
 */
export async function publishAfterTick(
  gh: GithubStep,
  ctx: ActionContext,
  repoRoot: string,
  o: { logTails?: ReadonlyMap<string, string>; first?: string[]; findings?: { name: string; list: Finding[] } } = {},
): Promise<{ notes: string[]; findings?: Published }> {
  const now = new Date();
  const repository = `${ctx.repository.owner}/${ctx.repository.repo}`;
  const { gitDir } = await openWorkspace(repoRoot);
  const memory = await readCheckMemory(gitDir, repository);
  const notes: string[] = [];
  try {
    const res = await reconcileRunChecks({
      octokit: gh.octokit,
      budget: gh.budget,
      root: repoRoot,
      owner: ctx.repository.owner,
      repo: ctx.repository.repo,
      serverUrl: ctx.serverUrl,
      memory,
      reserve: o.findings?.list.length ? FINDINGS_RESERVE : 0,
      logTails: o.logTails,
      first: o.first,
      fallbackSha: ctx.sha || undefined,
      now,
    });
    for (const n of res.notes) {
      core.warning(n);
      notes.push(n);
    }
    if (res.left) {
      notes.push(
        `${res.left} run check(s) still differ from their manifests (API budget of ${gh.budget.limit} call(s) per step, or a failed call); the next tick posts them, oldest first.`,
      );
    }
  } catch (e) {
    const n = `could not reconcile the runs' check runs: ${e instanceof Error ? e.message : String(e)}`;
    core.warning(n);
    notes.push(n);
  }
  let findings: Published | undefined;
  if (o.findings?.list.length) {
    try {
      findings = await publishFindingsOf(gh.octokit, ctx, o.findings.name, o.findings.list, repoRoot, {
        memory,
        now,
      });
    } catch (e) {
      const n = `could not post the findings check run: ${e instanceof Error ? e.message : String(e)}`;
      core.warning(n);
      notes.push(n);
    }
  } else memory.findings.delete(o.findings?.name ?? "");
  await writeCheckMemory(gitDir, memory);
  notes.push(
    `GitHub API: ${gh.budget.used} call(s) of this step's budget of ${gh.budget.limit}` +
      `${gh.budget.attempts > gh.budget.used ? ` (${gh.budget.attempts - gh.budget.used} retried)` : ""}` +
      `${gh.budget.refused ? `, ${gh.budget.refused} left for the next tick` : ""}.`,
  );
  return { notes, findings };
}
