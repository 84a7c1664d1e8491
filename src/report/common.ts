/** Phrases several reports share. Pure. */

/** A commit-back's outcome, as the reports say it. */
export interface CommitFacts {
  committed: boolean;
  pushed: boolean;
  sha?: string;
  branch?: string;
}

/** `committed <sha> and pushed to <branch>`, or undefined when nothing was committed. */
export function committedText(c: CommitFacts | undefined): string | undefined {
  if (!c?.committed) return undefined;
  return `committed ${c.sha}${c.pushed ? ` and pushed to ${c.branch}` : ""}`;
}

/** The outputs of an action step, in the order they are set. */
export type ActionOutputs = Array<[name: string, value: string]>;

/** The CLI's note when git knows no identity for the person: the commit is then the tool's. */
export function noIdentityNote(): string {
  return "autolab: note: git has no user.name / user.email here, so commits are authored as github-actions[bot] (set them with git config)\n";
}
