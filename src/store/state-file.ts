/**
 * `.autolab/state.json` in the store: read (leniently or validated), and
 * written ONLY through `writeState` / `stateEdit`, which validate the new
 * state against schemas/state.schema.json first, so no writer can leave an
 * invalid file behind. A state file that does not exist is never created
 * here. The moves themselves are pure (domain/stage.ts).
 */
import path from "node:path";
import type { AutolabState, RunManifest } from "../contract/types.js";
import { assertValid, parseDocument } from "../contract/validate.js";
import type { EditContext, FileEdit } from "../domain/changes.js";
import { STATE_PATH } from "../domain/layout.js";
import { nextState, type RunEvent } from "../domain/stage.js";
import { decodeUtf8Strict, readOwnedBytes, writeFileAtomic } from "../util/fs.js";

export { STATE_PATH };

/**
 * state.json as parsed (syntax errors throw an AutolabError with file/line;
 * schema problems are tolerated: readers such as the verifier report them).
 * Undefined when the file does not exist.
 */
export async function readState(repoRoot: string): Promise<AutolabState | undefined> {
  const text = await readStateText(repoRoot);
  if (text === undefined) return undefined;
  return parseDocument<AutolabState>("state", text, STATE_PATH).data;
}

/**
 * state.json validated against its schema: an AutolabError naming the file,
 * line and column of the first problem when it is invalid. Undefined when the
 * file does not exist. Writers check with this before they change anything.
 */
export async function readStateStrict(repoRoot: string): Promise<AutolabState | undefined> {
  const text = await readStateText(repoRoot);
  if (text === undefined) return undefined;
  return assertValid(parseDocument<AutolabState>("state", text, STATE_PATH)).data;
}

/** state.json's text, never through a link (a linked file or `.autolab/` is an AutolabError naming it). */
async function readStateText(repoRoot: string): Promise<string | undefined> {
  const buf = await readOwnedBytes(repoRoot, path.join(repoRoot, STATE_PATH), STATE_PATH, 16 * 1024 * 1024);
  return buf === undefined ? undefined : decodeUtf8Strict(buf, STATE_PATH);
}

/** The exact bytes written for a state: 2-space JSON and a trailing newline. */
export function serializeState(state: AutolabState): string {
  return JSON.stringify(state, null, 2) + "\n";
}

/** The text to write for `state`, after validating it (AutolabError naming the problem when invalid). */
export function validStateText(state: AutolabState): string {
  const text = serializeState(state);
  assertValid(parseDocument<AutolabState>("state", text, STATE_PATH));
  return text;
}

/** Validate `state` and write it atomically to state.json; returns the path written. */
export async function writeState(repoRoot: string, state: AutolabState): Promise<string> {
  const text = validStateText(state);
  await writeFileAtomic(path.join(repoRoot, STATE_PATH), text);
  return STATE_PATH;
}

/**
 * A change-set edit of state.json: `change` sees the state as the head it is
 * applied on has it (validated) and returns the new one, or undefined for no
 * change; the result is validated before it is written. A missing file stays
 * missing. Throws (the record reports it, nothing is written) when either the
 * current or the new state is invalid.
 */
export function stateEdit(
  change: (current: AutolabState, ctx: EditContext) => AutolabState | undefined,
  what?: string,
): FileEdit {
  return {
    path: STATE_PATH,
    what,
    edit(current, ctx) {
      if (current === undefined) return "unchanged";
      const text = decodeUtf8Strict(Buffer.from(current), STATE_PATH);
      const state = assertValid(parseDocument<AutolabState>("state", text, STATE_PATH)).data;
      const next = change(state, ctx);
      // Unchanged, the file is still part of the change: a move an earlier uncommitted attempt made gets committed.
      return next === undefined ? text : validStateText(next);
    },
  };
}

/**
 * Apply an event to state.json if it exists; returns its path when written.
 * Refuses (AutolabError, nothing written) when the file or the new state is
 * invalid.
 */
export async function advanceState(
  repoRoot: string,
  manifest: RunManifest,
  event: RunEvent,
  at: Date,
): Promise<string | undefined> {
  const state = await readStateStrict(repoRoot);
  if (!state) return undefined;
  const next = nextState(state, manifest, event, at);
  if (!next) return undefined;
  return writeState(repoRoot, next);
}

/** After a launch: a run that failed to start leaves the stage where it is. */
export async function advanceStateAfterLaunch(
  repoRoot: string,
  manifest: RunManifest,
  now: () => Date,
): Promise<string | undefined> {
  if (manifest.status === "failed") return undefined;
  return advanceState(repoRoot, manifest, "launched", now());
}

/** state.json after run `m`'s event (the stage machine's move), as a change-set edit. */
export function stateAfter(m: RunManifest, event: RunEvent, at: Date): FileEdit {
  return stateEdit((st) => nextState(st, m, event, at), `${STATE_PATH} after run ${m.run_id} was ${event}`);
}
