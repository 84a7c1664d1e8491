/**
 * Check runs (GitHub Checks API) for autolab: verify findings as annotated
 * check runs, and one check run per experiment run that follows its state.
 *
 * Thin adapter over `@actions/github`'s Octokit; what a check run says
 * (conclusion, title, text, annotations) is decided in report/checks.ts.
 * Rules it enforces:
 * - up to 50 annotations (the Checks API limit per request) go out with the
 *   create call itself, completed at once (one call); more go out in PATCH
 *   batches of at most 50, the check run completed together with the last
 *   batch, so it never shows a conclusion while annotations are still missing;
 * - `maxAnnotations` (the per-tick annotation budget) keeps the worst that
 *   many, the rest counted in the check run's text;
 * - when the token may not write checks (a fork's pull request: 403/404
 *   "Resource not accessible by integration"), findings fall back to
 *   workflow-command annotations.
 */
import { AutolabError, type Finding } from "../util/errors.js";
import { emitWorkflowCommands } from "./annotations.js";
import { apiError, httpStatus, isForbidden, type Octokit } from "./client.js";
import { runCheckName } from "../report/run-check.js";
import {
  checkRunRefusedNote,
  clip,
  clipStart,
  findingsCheckRun,
  OUTPUT_TEXT_LIMIT,
  TITLE_LIMIT,
  type CheckAnnotation,
  type CheckConclusion,
} from "../report/checks.js";

export type { CheckAnnotation, CheckConclusion } from "../report/checks.js";
export { OUTPUT_TEXT_LIMIT } from "../report/checks.js";
export { createOctokit, type Octokit } from "./client.js";

/** The Checks API accepts at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface PublishFindingsInput {
  owner: string;
  repo: string;
  headSha: string;
  /** Check run name, e.g. `autolab verify`. */
  name: string;
  findings: Finding[];
  /** Markdown for `output.summary` (clipped to the API limit). */
  summaryText: string;
  /** Title of the check run output; default: a count of findings. */
  title?: string;
  /** Used to make absolute finding paths repository-relative. */
  repoRoot?: string;
  detailsUrl?: string;
  /** Where workflow commands go in the fallback; default stdout. */
  write?: (line: string) => void;
  /** Clock for started_at/completed_at (tests). */
  now?: () => Date;
  /** Annotations at most (the worst first; the rest are counted in the text). */
  maxAnnotations?: number;
}

export interface PublishFindingsResult {
  mode: "check-run" | "workflow-commands";
  checkRunId?: number;
  conclusion: "success" | "failure" | "neutral";
  /** Annotations sent to the Checks API, or workflow commands written in the fallback. */
  annotationsSent: number;
  /** HTTP requests made. */
  requests: number;
  /** Findings with no path inside the repository (listed in the text / printed without a file). */
  unlocated: number;
  /** Fallback only: workflow commands GitHub will not display (per-step limits). */
  hiddenByLimit?: number;
  /** Sentences for the job summary (fallback reason, hidden annotations). */
  notes: string[];
}

/**
 * Publish verify findings as a check run with annotations, or as workflow
 * commands when checks cannot be written.
 */
export async function publishFindings(octokit: Octokit, input: PublishFindingsInput): Promise<PublishFindingsResult> {
  const now = input.now ?? (() => new Date());
  const shown = findingsCheckRun(input.findings, {
    summaryText: input.summaryText,
    title: input.title,
    repoRoot: input.repoRoot,
    maxAnnotations: input.maxAnnotations,
  });
  const { conclusion, title, summary, text, annotations, unlocated } = shown;
  const oneCall = annotations.length <= ANNOTATIONS_PER_REQUEST;
  const output = (batch?: CheckAnnotation[]) => ({
    title,
    summary,
    ...(text ? { text } : {}),
    ...(batch ? { annotations: batch } : {}),
  });

  let requests = 0;
  let checkRunId: number;
  const startedAt = now().toISOString();
  try {
    requests++;
    const created = await octokit.rest.checks.create({
      owner: input.owner,
      repo: input.repo,
      name: input.name,
      head_sha: input.headSha,
      ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
      started_at: startedAt,
      ...(oneCall
        ? {
            status: "completed" as const,
            conclusion,
            completed_at: now().toISOString(),
            output: output(annotations.length ? annotations : undefined),
          }
        : { status: "in_progress" as const, output: output() }),
    });
    checkRunId = created.data.id;
  } catch (e) {
    if (!isForbidden(e)) throw apiError("creating the check run", e);
    const write = input.write ?? ((s: string) => process.stdout.write(s));
    const emitted = emitWorkflowCommands(input.findings, write, { repoRoot: input.repoRoot });
    const notes = [checkRunRefusedNote(httpStatus(e), (e as Error).message)];
    if (emitted.note) notes.push(emitted.note);
    return {
      mode: "workflow-commands",
      conclusion,
      annotationsSent: emitted.emitted,
      requests,
      unlocated: unlocated.length,
      hiddenByLimit: emitted.hiddenByLimit,
      notes,
    };
  }

  for (let i = 0; !oneCall && i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(i, i + ANNOTATIONS_PER_REQUEST);
    const last = i + ANNOTATIONS_PER_REQUEST >= annotations.length;
    try {
      requests++;
      await octokit.rest.checks.update({
        owner: input.owner,
        repo: input.repo,
        check_run_id: checkRunId,
        output: output(batch),
        ...(last ? { status: "completed" as const, conclusion, completed_at: now().toISOString() } : {}),
      });
    } catch (e) {
      throw apiError(
        `sending annotations ${i + 1}-${i + batch.length} of ${annotations.length} to check run ${checkRunId}`,
        e,
      );
    }
  }
  return {
    mode: "check-run",
    checkRunId,
    conclusion,
    annotationsSent: annotations.length,
    requests,
    unlocated: unlocated.length,
    notes: [],
  };
}

export interface UpsertRunCheckInput {
  owner: string;
  repo: string;
  /** The launch commit. */
  headSha: string;
  runId: string;
  status: "queued" | "in_progress" | "completed";
  /** The check run's id when known (it is then updated without a look-up). */
  checkRunId?: number;
  /** Required when status is `completed`. */
  conclusion?: CheckConclusion;
  title: string;
  /** Markdown. */
  summary: string;
  /** Markdown details, e.g. the log tail and the scheduler's reason; clipped from the start. */
  text?: string;
  /** Default `autolab run <runId>`. */
  name?: string;
  detailsUrl?: string;
  startedAt?: string;
  completedAt?: string;
  now?: () => Date;
}

export interface UpsertRunCheckResult {
  checkRunId: number;
  created: boolean;
  requests: number;
}

export { runCheckName } from "../report/run-check.js";

/**
 * Create or update the check run of experiment run `runId` on its launch
 * commit: by its id when known (one call), else looked up by name on that
 * commit and matched by `external_id` (so no duplicate is ever made).
 */
export async function upsertRunCheck(octokit: Octokit, input: UpsertRunCheckInput): Promise<UpsertRunCheckResult> {
  if (input.status === "completed" && !input.conclusion) {
    throw new AutolabError(`check run for ${input.runId}: status completed needs a conclusion`);
  }
  const now = input.now ?? (() => new Date());
  const name = input.name ?? runCheckName(input.runId);
  let requests = 0;
  let existing: number | undefined = input.checkRunId;
  try {
    for (let page = 1; existing === undefined; page++) {
      requests++;
      const res = await octokit.rest.checks.listForRef({
        owner: input.owner,
        repo: input.repo,
        ref: input.headSha,
        check_name: name,
        filter: "all",
        per_page: 100,
        page,
      });
      const runs = res.data.check_runs ?? [];
      existing = runs.find((r) => r.external_id === input.runId)?.id;
      if (runs.length < 100) break;
    }
  } catch (e) {
    throw apiError(`listing check runs of ${input.headSha.slice(0, 12)}`, e);
  }
  const body = {
    owner: input.owner,
    repo: input.repo,
    name,
    external_id: input.runId,
    status: input.status,
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(input.startedAt ? { started_at: input.startedAt } : {}),
    ...(input.status === "completed"
      ? { conclusion: input.conclusion, completed_at: input.completedAt ?? now().toISOString() }
      : {}),
    output: {
      title: clip(input.title, TITLE_LIMIT),
      summary: clip(input.summary || input.title, OUTPUT_TEXT_LIMIT),
      ...(input.text ? { text: clipStart(input.text, OUTPUT_TEXT_LIMIT) } : {}),
    },
  };
  try {
    requests++;
    if (existing !== undefined) {
      await octokit.rest.checks.update({ ...body, check_run_id: existing });
      return { checkRunId: existing, created: false, requests };
    }
    const res = await octokit.rest.checks.create({ ...body, head_sha: input.headSha });
    return { checkRunId: res.data.id, created: true, requests };
  } catch (e) {
    throw apiError(`${existing !== undefined ? "updating" : "creating"} the check run of ${input.runId}`, e);
  }
}
