/**
 * Check runs (GitHub Checks API) for autolab: verify findings as annotated
 * check runs, and one check run per experiment run that follows its state.
 *
 * Thin adapter over `@actions/github`'s Octokit. Rules it enforces:
 * - annotations go out in PATCH batches of at most 50 (the Checks API limit per
 *   request); the check run is completed together with the last batch, so it
 *   never shows a conclusion while annotations are still missing;
 * - conclusion from the worst finding: error -> `failure`, warning ->
 *   `neutral` (visible in the UI, but does not block a merge the way `failure`
 *   does: warnings are advice), notice only or nothing -> `success`;
 * - only repository-relative paths are ever sent (see `annotationPath`);
 *   findings without one are listed in the check run's text instead;
 * - when the token may not write checks (a fork's pull request: 403/404
 *   "Resource not accessible by integration"), findings fall back to
 *   workflow-command annotations.
 */
import type { getOctokit } from "@actions/github";
import { AutolabError, formatFinding, worstSeverity, type Finding, type Severity } from "../util/errors.js";
import { annotationMessage, annotationPath, emitWorkflowCommands, outsideFileLabel } from "./annotations.js";

export type Octokit = ReturnType<typeof getOctokit>;

/** The Checks API accepts at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** `output.summary` and `output.text` are limited to this many characters. */
export const OUTPUT_TEXT_LIMIT = 65535;
const TITLE_LIMIT = 255;
const MESSAGE_LIMIT = 64 * 1024 - 64;

export type CheckConclusion = "success" | "failure" | "neutral" | "timed_out" | "cancelled";

/**
 * An Octokit for `token` talking to `apiUrl` (GITHUB_API_URL; a local mock
 * server in tests). Loaded on first use: the HTTP client (tls, https) is the
 * larger part of the action's start-up, and most commands never need it.
 */
export async function createOctokit(token: string, apiUrl = "https://api.github.com"): Promise<Octokit> {
  const github = await import("@actions/github");
  return github.getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, "") });
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

const LEVEL: Record<Severity, CheckAnnotation["annotation_level"]> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Keep the end of `s` (for log tails), marking the cut. */
function clipStart(s: string, max: number): string {
  if (s.length <= max) return s;
  const marker = "…(earlier output cut)\n";
  return marker + s.slice(s.length - (max - marker.length));
}

function posInt(n: number | undefined): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

/**
 * The annotation for a finding, or undefined when it has no path inside the
 * repository (it is then reported in the check run's text). Line 1 is used
 * only when no line is known; columns only when known (a finding has one line).
 */
export function findingToAnnotation(f: Finding, repoRoot?: string): CheckAnnotation | undefined {
  const p = annotationPath(f.file, repoRoot);
  if (!p) return undefined;
  const line = posInt(f.line) ?? 1;
  const a: CheckAnnotation = {
    path: p,
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[f.severity] ?? "failure",
    message: clip(annotationMessage(f, p), MESSAGE_LIMIT),
  };
  const col = posInt(f.line) ? posInt(f.column) : undefined;
  if (col) {
    a.start_column = col;
    a.end_column = col;
  }
  if (f.check) a.title = clip(f.check, TITLE_LIMIT);
  return a;
}

/** error -> failure, warning -> neutral, notice/none -> success (see the module header). */
export function conclusionForFindings(findings: Finding[]): "success" | "failure" | "neutral" {
  const w = worstSeverity(findings);
  if (w === "error") return "failure";
  if (w === "warning") return "neutral";
  return "success";
}

function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === "number" ? s : undefined;
}

function isForbidden(e: unknown): boolean {
  const s = httpStatus(e);
  return s === 403 || s === 404;
}

function apiError(what: string, e: unknown): AutolabError {
  const status = httpStatus(e);
  return new AutolabError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ""}: ${(e as Error)?.message ?? e}`,
    {
      cause: e,
      hint: status === 403 || status === 404 ? "give the workflow `permissions: checks: write`" : undefined,
    },
  );
}

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

function countLine(findings: Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `${n("error")} error(s), ${n("warning")} warning(s), ${n("notice")} notice(s)`;
}

/**
 * Publish verify findings as a check run with annotations, or as workflow
 * commands when checks cannot be written.
 */
export async function publishFindings(octokit: Octokit, input: PublishFindingsInput): Promise<PublishFindingsResult> {
  const now = input.now ?? (() => new Date());
  const conclusion = conclusionForFindings(input.findings);
  const title = clip(input.title ?? `autolab: ${countLine(input.findings)}`, TITLE_LIMIT);
  const annotations: CheckAnnotation[] = [];
  const unlocated: Finding[] = [];
  for (const f of input.findings) {
    const a = findingToAnnotation(f, input.repoRoot);
    if (a) annotations.push(a);
    else unlocated.push(f);
  }
  const summary = clip(input.summaryText || title, OUTPUT_TEXT_LIMIT);
  const text = unlocated.length
    ? clip(
        "Findings without a file in this repository:\n\n" +
          unlocated
            .map((f) => "- " + formatFinding(f.file ? { ...f, file: outsideFileLabel(f.file) } : f).replace(/\n/g, " "))
            .join("\n"),
        OUTPUT_TEXT_LIMIT,
      )
    : undefined;
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
      ...(annotations.length
        ? { status: "in_progress" as const, output: output() }
        : { status: "completed" as const, conclusion, completed_at: now().toISOString(), output: output() }),
    });
    checkRunId = created.data.id;
  } catch (e) {
    if (!isForbidden(e)) throw apiError("creating the check run", e);
    const write = input.write ?? ((s: string) => process.stdout.write(s));
    const emitted = emitWorkflowCommands(input.findings, write, { repoRoot: input.repoRoot });
    const notes = [
      `Could not create a check run (HTTP ${httpStatus(e)}: ${(e as Error).message}); ` +
        `findings were reported as workflow-command annotations instead. This is expected on a fork's pull request, ` +
        `where the token is read-only.`,
    ];
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

  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
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

/** The check run name for an experiment run. */
export function runCheckName(runId: string): string {
  return `autolab run ${runId}`;
}

/**
 * Create or update the check run of experiment run `runId` on its launch
 * commit: looked up by name on that commit and matched by `external_id`.
 */
export async function upsertRunCheck(octokit: Octokit, input: UpsertRunCheckInput): Promise<UpsertRunCheckResult> {
  if (input.status === "completed" && !input.conclusion) {
    throw new AutolabError(`check run for ${input.runId}: status completed needs a conclusion`);
  }
  const now = input.now ?? (() => new Date());
  const name = input.name ?? runCheckName(input.runId);
  let requests = 0;
  let existing: number | undefined;
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
