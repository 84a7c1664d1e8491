/**
 * The action's inputs (`with:` in a workflow; the runner passes them as
 * INPUT_<NAME> environment variables), read with @actions/core semantics,
 * validated, and with the token masked in the log.
 *
 * Defaults here match action.yml, so the action behaves the same when an input
 * is left out: dry-run false, push true, skip-ci true, working-directory ".".
 */
import path from "node:path";
import * as core from "@actions/core";
import { AutolabError } from "../util/errors.js";
import { heldSecret } from "../util/secrets.js";
import { VERIFY_STAGES, type VerifyStage } from "../contract/vocabulary.js";

export const ACTION_COMMANDS = ["launch", "monitor", "watch", "verify", "cancel", "status"] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  command: ActionCommand;
  /** Design file path or iteration id. */
  design?: string;
  dryRun: boolean;
  /** Commit and push manifest/ledger changes back to the branch. */
  push: boolean;
  /** Branch to push to (default: the branch that triggered the workflow). */
  branch?: string;
  /** Token for the GitHub API and pushes (input `token`, else GITHUB_TOKEN); masked. */
  token?: string;
  /** Absolute path of the repository to work on. */
  workingDirectory: string;
  /** A run id, for cancel/status/monitor of one run. */
  runId?: string;
  /** Verify stage. */
  stage?: VerifyStage;
  /** Add `[skip ci]` to commits the action pushes. */
  skipCi: boolean;
  /** Absolute directory for launch snapshots (input `work-root`); undefined: the default. */
  workRoot?: string;
  /** watch: how long this watcher lives before it dispatches its successor (input `time-limit`, seconds). */
  timeLimitSeconds?: number;
  /** monitor: the watcher's workflow file, started when no run of it is queued or in progress. */
  watchWorkflow?: string;
  /** watch: the scheduled monitor's workflow file, kept enabled at every hand-over. */
  monitorWorkflow?: string;
}

/** A workflow file name in .github/workflows. */
const WORKFLOW_FILE = /^[A-Za-z0-9._-]{1,100}\.ya?ml$/;

function workflowInput(name: string): string | undefined {
  const v = optional(name);
  if (v !== undefined && !WORKFLOW_FILE.test(v))
    throw new AutolabError(`input ${name} ${JSON.stringify(v)} is not a workflow file name`, {
      hint: "the file's name in .github/workflows, e.g. autolab-watch.yml",
    });
  return v;
}

import { RUN_ID_SHAPE } from "../domain/layout.js";
import { parseSpan } from "../domain/duration.js";

function bool(name: string, fallback: boolean): boolean {
  if (!core.getInput(name)) return fallback;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new AutolabError(`input ${name} must be true or false, not ${JSON.stringify(core.getInput(name))}`, {
      hint: "use one of: true, True, TRUE, false, False, FALSE",
    });
  }
}

function optional(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** A branch name git accepts and that cannot be taken for an option. */
function validBranch(b: string): boolean {
  return (
    !b.startsWith("-") &&
    !b.startsWith("/") &&
    !b.endsWith("/") &&
    !b.endsWith(".lock") &&
    !b.endsWith(".") &&
    !b.includes("..") &&
    !b.includes("@{") &&
    !b.includes("//") &&
    ![...b].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) &&
    !/[\s~^:?*[\\]/.test(b)
  );
}

/** Read and check the inputs. Errors name the input and what is allowed. */
export function readInputs(): ActionInputs {
  // The action took the tokens out of its environment at its start (action/environ.ts).
  const token =
    heldSecret("INPUT_TOKEN") ||
    optional("token") ||
    heldSecret("GITHUB_TOKEN") ||
    process.env.GITHUB_TOKEN ||
    undefined;
  if (token) core.setSecret(token);

  const command = core.getInput("command");
  if (!command) {
    throw new AutolabError(`input command is required (one of: ${ACTION_COMMANDS.join(", ")})`);
  }
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new AutolabError(`unknown command ${JSON.stringify(command)}: allowed are ${ACTION_COMMANDS.join(", ")}`, {
      hint: "set `with: command:` to one of the allowed values",
    });
  }

  const branch = optional("branch")?.replace(/^refs\/heads\//, "");
  if (branch !== undefined && !validBranch(branch)) {
    throw new AutolabError(`input branch ${JSON.stringify(branch)} is not a valid branch name`);
  }

  const runId = optional("run-id");
  if (runId !== undefined && !RUN_ID_SHAPE.test(runId)) {
    throw new AutolabError(`input run-id ${JSON.stringify(runId)} is not a run id`, {
      hint: "a run id is a letter or digit, then up to 127 letters, digits, _ . or - (autolab makes 20261128T151432Z_093977: UTC launch time + 6 hex digits)",
    });
  }

  const stage = optional("stage");
  if (stage !== undefined && !(VERIFY_STAGES as readonly string[]).includes(stage)) {
    throw new AutolabError(`input stage ${JSON.stringify(stage)} is unknown: allowed are ${VERIFY_STAGES.join(", ")}`);
  }

  const design = optional("design");
  const limitText = optional("time-limit");
  const timeLimitSeconds = limitText === undefined ? undefined : parseSpan(limitText);
  if (limitText !== undefined && timeLimitSeconds === undefined)
    throw new AutolabError(`input time-limit ${JSON.stringify(limitText)} is not a span`, {
      hint: "e.g. 5h50m or 21000 (seconds)",
    });

  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const workingDirectory = path.resolve(workspace, core.getInput("working-directory") || ".");

  return {
    command: command as ActionCommand,
    design,
    dryRun: bool("dry-run", false),
    push: bool("push", true),
    branch,
    token,
    workingDirectory,
    runId,
    stage: stage as VerifyStage | undefined,
    skipCi: bool("skip-ci", true),
    workRoot:
      optional("work-root") === undefined ? undefined : path.resolve(workspace, optional("work-root") as string),
    timeLimitSeconds,
    watchWorkflow: workflowInput("watch-workflow"),
    monitorWorkflow: workflowInput("monitor-workflow"),
  };
}
