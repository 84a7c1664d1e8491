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

/**
 * A number as Mermaid's chart grammar reads it (xychart-beta: digits, a sign
 * and a point, never an exponent: `1.2e-7` is a parse error), to 6
 * significant digits.
 */
export function mermaidNumber(x: number): string {
  const r = Number(x.toPrecision(6));
  const s = String(r);
  if (!/e/i.test(s)) return s;
  if (Math.abs(r) >= 1) return BigInt(Math.round(r)).toString();
  const digits = Math.min(100, 5 - Math.floor(Math.log10(Math.abs(r))));
  return r.toFixed(digits).replace(/0+$/, "");
}
