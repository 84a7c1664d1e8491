/** Comments on a tracking issue (`POST /repos/{owner}/{repo}/issues/{issue_number}/comments`). */
import type { Octokit } from "./checks.js";
import { AutolabError } from "../util/errors.js";

export async function commentOnIssue(
  octokit: Octokit,
  r: { owner: string; repo: string; issue: number; body: string },
): Promise<{ id: number; url?: string }> {
  try {
    const res = await octokit.rest.issues.createComment({
      owner: r.owner,
      repo: r.repo,
      issue_number: r.issue,
      body: r.body,
    });
    return { id: res.data.id, url: res.data.html_url };
  } catch (e) {
    const status = (e as { status?: unknown })?.status;
    throw new AutolabError(
      `GitHub API: commenting on issue #${r.issue} failed${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${(e as Error)?.message ?? e}`,
      {
        cause: e,
        hint: "give the workflow `permissions: issues: write`, and check the issue number in slurm.monitor.notify.tracking_issue",
      },
    );
  }
}
