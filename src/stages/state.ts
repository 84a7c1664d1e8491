/**
 * `.autolab/state.json`: kept as an import path for the stages. The pure
 * moves live in domain/stage.ts, the file (read, validated write) in
 * store/state-file.ts.
 */
export { nextState, fallBackTo, type RunEvent } from "../domain/stage.js";
export {
  STATE_PATH,
  readState,
  readStateStrict,
  serializeState,
  validStateText,
  writeState,
  stateEdit,
  advanceState,
  advanceStateAfterLaunch,
} from "../store/state-file.js";
