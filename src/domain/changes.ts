/**
 * Change sets: what a command records, as a list of file edits that
 * commit-back can replay on any head. Each edit is a function of the file as
 * the head it is applied on has it, so a tick re-applied after a rejected push
 * merges into the other writer's version instead of keeping or dropping whole
 * files. Pure: the store reads and writes; these only compute.
 *
 * Rules:
 * - Edits run in list order. An edit returns the new content, `unchanged`,
 *   `delete`, or `superseded` (another writer's version wins for everything
 *   this edit's `owner` — e.g. a run — would write: its later edits are
 *   skipped, and shared edits see the owner in `ctx.superseded`).
 * - Put the edits that decide supersession (manifests) before the shared
 *   ones (ledger, summaries, state).
 */
import type { Finding } from "../util/errors.js";

export type EditResult = string | Uint8Array | "unchanged" | "delete" | "superseded";

export interface EditContext {
  /** Owners whose edits were superseded so far (by earlier edits). */
  readonly superseded: ReadonlySet<string>;
  /** Report a finding about this application of the edit (reset on each replay). */
  note(f: Finding): void;
}

export interface FileEdit {
  /** Repository-relative POSIX path. */
  path: string;
  /** Who the edit belongs to (a run id); undefined for shared edits. */
  owner?: string;
  /** Why, shown when the edit is superseded or fails. */
  what?: string;
  /** The new content given the current one (undefined: the file does not exist). */
  edit(current: Uint8Array | undefined, ctx: EditContext): EditResult;
}

/** An edit that writes `content` whatever the file holds (a file only this command writes). */
export function put(path: string, content: string | Uint8Array, owner?: string): FileEdit {
  return { path, owner, edit: () => content };
}

/** True when `a` and `b` hold the same bytes (strings compared as UTF-8). */
export function sameContent(a: Uint8Array | string | undefined, b: Uint8Array | string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ea = typeof a === "string" ? new TextEncoder().encode(a) : a;
  const eb = typeof b === "string" ? new TextEncoder().encode(b) : b;
  if (ea.length !== eb.length) return false;
  for (let i = 0; i < ea.length; i++) if (ea[i] !== eb[i]) return false;
  return true;
}
