/** Entry point of the action (bundled to dist/index.js; runs.using: node24). */
import * as core from "@actions/core";
import { takeRunnerSecrets } from "./environ.js";
import { runAction } from "./main.js";

// Before anything else runs: no child may find the runner's tokens, in its environment or in ours.
const notCleaned = takeRunnerSecrets();
if (notCleaned) core.warning(notCleaned);
void runAction();
