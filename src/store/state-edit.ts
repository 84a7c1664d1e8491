/**
 * `.autolab/state.json` as a change-set edit: the stage machine's move for a
 * run event, computed on the file as the recorded head has it. A missing
 * file is never created; an invalid file or new state throws (record()
 * reports it as a finding and writes nothing for it).
 */
import type { AutolabState, RunManifest } from "../contract/types.js";
import { assertValid, parseDocument } from "../contract/validate.js";
import type { FileEdit } from "../domain/changes.js";
import { STATE_PATH } from "../domain/layout.js";
import { nextState, serializeState, type RunEvent } from "../stages/state.js";

export function stateEdit(m: RunManifest, event: RunEvent, at: Date): FileEdit {
  return {
    path: STATE_PATH,
    what: `${STATE_PATH} after run ${m.run_id} was ${event}`,
    edit(current) {
      if (current === undefined) return "unchanged";
      const text = new TextDecoder("utf-8", { fatal: true }).decode(current);
      const state = assertValid(parseDocument<AutolabState>("state", text, STATE_PATH)).data;
      const next = nextState(state, m, event, at);
      // Unchanged, it is still part of the change: an earlier uncommitted attempt's move gets committed.
      if (!next) return text;
      const out = serializeState(next);
      assertValid(parseDocument<AutolabState>("state", out, STATE_PATH));
      return out;
    },
  };
}
