/**
 * The checked-out code is the code the trusted event names (issue 11, item
 * 4): a privileged command runs only when HEAD is the event's commit
 * (GITHUB_SHA), the head of the branch the command names (`branch` input, as
 * fetched: refs/remotes/origin/<branch>), or one of them followed only by
 * the tool's own commits (an earlier step of the same job recorded a launch).
 * A workflow that checked out other code — a pull request's head on an
 * issue_comment, a ref from an input — is refused before anything runs.
 */
import { git, headSha, isAncestor, revParse } from "../git/git.js";
import { TOOL_SUBJECT } from "../git/backlog.js";
import { AutolabError } from "../util/errors.js";

/** Does `head` descend from `base` through the tool's own commits only? */
async function onlyToolCommitsSince(root: string, base: string, head: string): Promise<boolean> {
  if (!(await isAncestor(root, base, head).catch(() => false))) return false;
  const r = await git(root, ["log", "--format=%s", `${base}..${head}`], {
    allowFailure: true,
  });
  if (r.code !== 0) return false;
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .every((s) => s.startsWith(TOOL_SUBJECT));
}

export async function assertCheckedOutCommit(
  root: string,
  command: string,
  expected: { sha: string; branch?: string },
): Promise<void> {
  const head = await headSha(root);
  const accepted: Array<[string, string]> = [];
  if (/^[0-9a-f]{40}$/i.test(expected.sha)) accepted.push(["GITHUB_SHA", expected.sha.toLowerCase()]);
  if (expected.branch) {
    const b = await revParse(root, `refs/remotes/origin/${expected.branch}`);
    if (b) accepted.push([`the head of ${expected.branch} (origin/${expected.branch})`, b]);
  }
  if (head) {
    for (const [, sha] of accepted) if (head === sha || (await onlyToolCommitsSince(root, sha, head))) return;
  }
  const what = accepted.length
    ? accepted.map(([n, s]) => `${n} ${s.slice(0, 12)}`).join(" or ")
    : "GITHUB_SHA (not set, or not a commit id)";
  throw new AutolabError(
    `refusing to ${command}: the checkout's HEAD ${head ? head.slice(0, 12) : "(none)"} is not ${what}: ` +
      "the cluster runs only the code of the event that started the workflow",
    {
      hint: "check out the event's commit (actions/checkout without `ref:`), or name the branch with the `branch` input",
    },
  );
}
