/**
 * The ledger as a change-set edit: upsert one run's line into the ledger as
 * the head being recorded on has it (commit-back replays it on every head it
 * tries, so another writer's lines are kept). A missing ledger is created
 * with its header. The file is always part of the change (an earlier attempt
 * that wrote the line but never committed it gets it committed). A malformed or duplicated line of the run throws (the
 * edit is then reported as a finding by record(), naming the line).
 */
import type { RunManifest } from "../contract/types.js";
import type { FileEdit } from "../domain/changes.js";
import { LEDGER_PATH } from "../domain/layout.js";
import { AutolabError } from "../util/errors.js";
import { LEDGER_HEADER } from "./io.js";
import { upsertLedger } from "./ledger.js";

export function ledgerEdit(m: RunManifest, ledgerPath: string = LEDGER_PATH): FileEdit {
  return {
    path: ledgerPath,
    what: `the ledger line of run ${m.run_id}`,
    edit(current) {
      const existing = current === undefined ? undefined : new TextDecoder("utf-8", { fatal: true }).decode(current);
      let text: string;
      try {
        text = upsertLedger(existing ?? LEDGER_HEADER, m).text;
      } catch (e) {
        if (e instanceof AutolabError && !e.location.file && e.location.line !== undefined) {
          throw new AutolabError(e.message, {
            file: ledgerPath,
            line: e.location.line,
            jsonPath: e.location.jsonPath,
            hint: e.hint,
          });
        }
        throw e;
      }
      // Returned even when unchanged: a line an earlier uncommitted attempt wrote is then committed.
      return text;
    },
  };
}
