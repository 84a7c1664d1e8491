/** Entry point of the action (bundled to dist/index.js; runs.using: node24). */
import { runAction } from "./main.js";

void runAction();
