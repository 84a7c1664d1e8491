/**
 * Which commit `autolab init` pins the action to in the workflows it writes,
 * and the version the pin's comment names (`uses: owner/repo@<sha> # v1.2.3`).
 *
 * A mutable tag on a runner that can reach a cluster lets whoever moves the tag
 * run code there, so init pins a commit SHA. The bundled tool cannot contain its
 * own commit's SHA, so the SHA comes from, in this order:
 *  1. `--action-ref SHA` (the user says which commit; no network);
 *  2. inside the action (`GITHUB_ACTION_REPOSITORY` / `GITHUB_ACTION_REF`): the
 *     ref the workflow runs, a SHA as it is (the running code is that commit, so
 *     the tool's own version names it), a tag resolved like 3;
 *  3. the tag (`--action OWNER/REPO@TAG`, default `v<this tool's version>`, the
 *     tag the release workflow creates) resolved on the action's repository by
 *     one `git ls-remote --tags` (an annotated tag's peeled commit).
 * When the tag cannot be resolved, init fails and says how to pin by hand, or
 * (`--unpinned`, loudly warned) writes the tag itself.
 *
 * Pure: the listing is passed in.
 */

export const SHA = /^[0-9a-f]{40}$/;
const FULL_VERSION = /^v\d+\.\d+\.\d+$/;

/** `owner/repo`: GitHub's rules for owner and repository names. */
export const ACTION_REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
/** A tag name we accept in `owner/repo@tag` (no `..`, no leading `-`). */
export const ACTION_TAG = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}$/;

export interface PinRequest {
  /** `owner/repo` of the action. */
  repo: string;
  /** The tag to resolve (also what the comment names when no exact version tag shares its commit). */
  tag: string;
  /** A commit given explicitly (`--action-ref`, or a SHA `GITHUB_ACTION_REF`): no lookup. */
  sha?: string;
  /** Where the explicit SHA came from, for the report. */
  shaFrom?: string;
}

export interface ActionPin {
  /** What follows `uses:` (`owner/repo@<sha>`, or `owner/repo@<tag>` when unpinned). */
  uses: string;
  /** The line's comment, without `# `. */
  comment: string;
  /** How the commit was learnt, for init's report. */
  how: string;
  /** Set when the workflows are not pinned to a commit. */
  warning?: string;
}

/** Commit of every tag in `git ls-remote --tags` output: an annotated tag's peeled `^{}` line wins. */
export function parseTagListing(stdout: string): Map<string, string> {
  const direct = new Map<string, string>();
  const peeled = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const m = /^([0-9a-f]{40})\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (!m) continue;
    (m[3] ? peeled : direct).set(m[2], m[1]);
  }
  for (const [tag, sha] of peeled) direct.set(tag, sha);
  return direct;
}

/**
 * The version the comment names for `sha`: `tag` when it is a full version,
 * else the highest `vX.Y.Z` tag on the same commit (`v1` moved to v1.4.2 names
 * v1.4.2), else `tag`.
 */
export function versionName(tag: string, sha: string, tags: Map<string, string>): string {
  if (FULL_VERSION.test(tag)) return tag;
  const same = [...tags].filter(([t, s]) => s === sha && FULL_VERSION.test(t)).map(([t]) => t);
  const num = (t: string) => t.slice(1).split(".").map(Number);
  same.sort((a, b) => {
    const [x, y] = [num(a), num(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return same.at(-1) ?? tag;
}

/** The pin for an explicit commit (no lookup). */
export function explicitPin(req: PinRequest & { sha: string }, ownVersion: string): ActionPin {
  const comment = FULL_VERSION.test(req.tag) ? req.tag : `v${ownVersion}`;
  return { uses: `${req.repo}@${req.sha}`, comment, how: `commit from ${req.shaFrom ?? "--action-ref"}` };
}

/** The pin from a tag listing of the action's repository; undefined when the tag is not there. */
export function resolvedPin(req: PinRequest, tags: Map<string, string>, url: string): ActionPin | undefined {
  const sha = tags.get(req.tag);
  if (!sha) return undefined;
  return {
    uses: `${req.repo}@${sha}`,
    comment: versionName(req.tag, sha, tags),
    how: `tag ${req.tag} of ${url}`,
  };
}

/** The explicit fallback: the tag itself, with the warning init prints. */
export function unpinned(req: PinRequest, why: string): ActionPin {
  return {
    uses: `${req.repo}@${req.tag}`,
    comment: "NOT PINNED: replace the tag with the release's commit SHA",
    how: "--unpinned",
    warning:
      `the workflows use the tag ${req.repo}@${req.tag}, not a commit SHA (${why}): whoever can move that tag ` +
      "can run code on your cluster's runner; pin the release's commit SHA (autolab init --action-ref SHA in a new checkout, or edit the uses: lines)",
  };
}

/** The placeholder's `uses:` line (any indentation, `- ` or not) with the pin and its comment. */
export function pinUsesLines(text: string, placeholder: string, pin: ActionPin): string {
  const esc = placeholder.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return text.replace(
    new RegExp(`^(\\s*(?:-\\s+)?uses:\\s*)${esc}[ \\t]*$`, "gm"),
    (_m, lead: string) => `${lead}${pin.uses} # ${pin.comment}`,
  );
}
