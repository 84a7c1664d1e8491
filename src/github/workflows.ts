/**
 * Workflow runs through the GitHub API: the watcher's successor
 * (`POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches`;
 * a dispatch made with the job's GITHUB_TOKEN does start a run), whether a
 * watcher is alive (its workflow's queued and in-progress runs), and keeping
 * the scheduled monitor enabled (`PUT .../enable`: GitHub disables a public
 * repository's schedules after 60 days without activity).
 */
import type { Octokit } from "./checks.js";
import { AutolabError } from "../util/errors.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * The workflow file of GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/autolab-watch.yml@refs/heads/main` -> `autolab-watch.yml`).
 */
export function workflowFileOf(workflowRef: string | undefined): string | undefined {
  const m = /\/\.github\/workflows\/([^/@]+\.ya?ml)@/.exec(workflowRef ?? "");
  return m?.[1];
}

/** `refs/heads/main` -> `main` (a dispatch takes a branch or tag name). */
export function dispatchRef(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, "");
}

function apiError(what: string, e: unknown): AutolabError {
  const status = (e as { status?: unknown })?.status;
  return new AutolabError(
    `GitHub API: ${what} failed${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${(e as Error)?.message ?? e}`,
    {
      cause: e,
      hint: status === 403 || status === 404 ? "give the workflow `permissions: actions: write`" : undefined,
    },
  );
}

export async function dispatchWorkflow(
  octokit: Octokit,
  r: RepoRef & { workflow: string; ref: string; inputs?: Record<string, string> },
): Promise<void> {
  try {
    await octokit.rest.actions.createWorkflowDispatch({
      owner: r.owner,
      repo: r.repo,
      workflow_id: r.workflow,
      ref: dispatchRef(r.ref),
      ...(r.inputs && Object.keys(r.inputs).length ? { inputs: r.inputs } : {}),
    });
  } catch (e) {
    throw apiError(`dispatching ${r.workflow}`, e);
  }
}

/** Runs of `workflow` that are queued or in progress (the watcher is alive, or about to be). */
export async function activeRuns(octokit: Octokit, r: RepoRef & { workflow: string }): Promise<number> {
  let n = 0;
  for (const status of ["in_progress", "queued"] as const) {
    try {
      const res = await octokit.rest.actions.listWorkflowRuns({
        owner: r.owner,
        repo: r.repo,
        workflow_id: r.workflow,
        status,
        per_page: 1,
      });
      n += res.data.total_count ?? 0;
    } catch (e) {
      throw apiError(`listing runs of ${r.workflow}`, e);
    }
  }
  return n;
}

export async function enableWorkflow(octokit: Octokit, r: RepoRef & { workflow: string }): Promise<void> {
  try {
    await octokit.rest.actions.enableWorkflow({ owner: r.owner, repo: r.repo, workflow_id: r.workflow });
  } catch (e) {
    throw apiError(`enabling ${r.workflow}`, e);
  }
}
