/**
 * On a pull request the requirements come from the base branch's policy
 * (issue 11, item 9): `.autolab/verifier_policy.yaml` as the base commit has
 * it, read from git's object store with no-follow semantics
 * (`git/trees.readCommittedFile`: a link on its path in the base tree is
 * refused; no file there means the defaults), while every other file is
 * checked as the pull request's head has it. The head's own policy is read
 * only to be compared with the base's: a change is a `policy.changed`
 * finding (domain/policy-change.ts), an invalid head policy an error (it
 * would govern the pull requests after this one).
 *
 * actions/checkout with its default `fetch-depth: 1` has only the merge
 * commit of a pull request, not its base: the base commit is then fetched
 * (one commit, `--depth=1`, through git/remote.ts) before it is read.
 */
import { policyFromText, type Policy } from "../contract/policy.js";
import { POLICY_PATH } from "../domain/layout.js";
import { policyChangedFinding, policyKeyChanges, policyWeakenings } from "../domain/policy-change.js";
import { revParse } from "../git/git.js";
import { readCommittedFile, type CommittedFile } from "../git/trees.js";
import { AutolabError, type Finding } from "../util/errors.js";
import type { Doc } from "./doc.js";
import { gatherPolicy, policyErrorFindings } from "./facts.js";

const MAX_POLICY_BYTES = 4 * 1024 * 1024;

/** The base commit's policy file, read once by the face (see basePolicyAt). */
export interface BasePolicy {
  sha: string;
  file: CommittedFile;
}

/**
 * The policy file of commit `sha`. When the commit is not in the repository,
 * `fetch` (if given) is asked to bring it; a commit still missing is an
 * error saying how to make it available.
 */
export async function basePolicyAt(root: string, sha: string, fetch?: () => Promise<void>): Promise<BasePolicy> {
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha)) {
    throw new AutolabError(`the pull request's base commit ${JSON.stringify(sha)} is not a commit id`, {
      hint: "the event payload's pull_request.base.sha names the base commit",
    });
  }
  let why = "";
  if (!(await revParse(root, sha)) && fetch) {
    try {
      await fetch();
    } catch (e) {
      why = `: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (!(await revParse(root, sha))) {
    throw new AutolabError(
      `the pull request's base commit ${sha.slice(0, 12)} is not in the checkout${fetch ? " and could not be fetched" : ""}${why}; ` +
        "the verifier takes its requirements from the base branch's policy",
      {
        file: root,
        hint: "check out with actions/checkout `fetch-depth: 0` (or 2: the merge commit and its parents), or give the action a token that can fetch",
      },
    );
  }
  return { sha: sha.toLowerCase(), file: await readCommittedFile(root, sha, POLICY_PATH, MAX_POLICY_BYTES) };
}

export type GatheredPolicy = { policy: Policy; policyDoc?: Doc<unknown>; extra: Finding[] } | { findings: Finding[] };

/** The base's effective policy to apply, and the head's policy change reported. */
export async function gatherBasePolicy(root: string, base: BasePolicy): Promise<GatheredPolicy> {
  const label = base.sha.slice(0, 12);
  if (base.file.kind === "refused") {
    return {
      findings: [
        {
          severity: "error",
          check: "policy.base",
          file: POLICY_PATH,
          message: `the base commit ${label}'s policy is refused: ${base.file.reason}`,
          hint: "the base branch's policy must be a regular file (never a link); fix it on the base branch",
        },
      ],
    };
  }
  let loaded;
  try {
    loaded = await policyFromText(base.file.kind === "text" ? base.file.text : undefined);
  } catch (e) {
    return { findings: policyErrorFindings(e, `the base commit ${label}'s policy`) };
  }
  const head = await gatherPolicy(root);
  if ("findings" in head) {
    const where = "this pull request's policy (it would govern the later pull requests)";
    return { policy: loaded.policy, extra: head.findings.map((f) => ({ ...f, message: `${where}: ${f.message}` })) };
  }
  const changes = policyKeyChanges(loaded.doc?.data, head.policyDoc?.data);
  const changed = policyChangedFinding({
    file: POLICY_PATH,
    baseLabel: label,
    changes,
    weakenings: policyWeakenings(loaded.policy, head.policy),
    locate: head.policyDoc?.locate,
  });
  return {
    policy: loaded.policy,
    // Command findings are placed in the head's file only when it says what the base's says.
    policyDoc: changes.length ? undefined : head.policyDoc,
    extra: changed ? [changed] : [],
  };
}
