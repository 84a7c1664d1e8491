/**
 * sbatch argv of a run's next attempt (the monitor's resubmission): the run's
 * own submitted script, unchanged, with command-line options that win over
 * its `#SBATCH` lines: the attempt's job name, the nodes to leave out
 * (`--exclude`, after a node failure), the run's named cluster (`-M`),
 * `--hold` (released once it is the attempt's only job), and
 * `AUTOLAB_ATTEMPT` in the job's environment. Pure.
 */
import { AutolabError } from "../../util/errors.js";
import type { AttemptRequest, Submission } from "../port.js";
import { shellJoin } from "../../util/shell.js";
import { submitArgv } from "./render.js";
import { requireSafeToken } from "./values.js";

const NODE_LIST = /^[A-Za-z0-9._\-[\],]+$/;

export function attemptArgv(a: AttemptRequest): string[] {
  const name = requireSafeToken(a.name, "attempt job name");
  if (!Number.isInteger(a.attempt) || a.attempt < 2) {
    throw new AutolabError(`internal error: attempt ${a.attempt} is not a resubmission`);
  }
  const pre = [`--job-name=${name}`];
  if (a.excludeNodes !== undefined) {
    if (!NODE_LIST.test(a.excludeNodes)) {
      throw new AutolabError(`node list ${JSON.stringify(a.excludeNodes)} cannot be passed to --exclude`);
    }
    pre.push(`--exclude=${a.excludeNodes}`);
  }
  if (a.cluster !== undefined) pre.push(`--clusters=${requireSafeToken(a.cluster, "cluster")}`);
  if (a.hold) pre.push("--hold");
  return [...pre, ...submitArgv(a.scriptPath, { runId: a.runId, iterationId: a.iterationId, attempt: a.attempt })];
}

/** The Submission of a run's next attempt (the script as it is; no directives of its own). */
export function attemptSubmission(a: AttemptRequest, prefix: string[] = []): Submission {
  // prefix: `sudo -n -u <launch.job_user> --` when the run's jobs are that user's.
  const argv = [...prefix, "sbatch", ...attemptArgv(a)];
  return {
    request: {
      runId: a.runId,
      iterationId: a.iterationId,
      iterationPath: "",
      workDir: a.workDir,
      name: a.name,
      command: "",
      setup: [],
      env: [],
      resources: { extraOptions: [], ...(a.cluster !== undefined ? { cluster: a.cluster } : {}) },
    },
    mode: "batch",
    script: a.script,
    scriptPath: a.scriptPath,
    argv,
    commandLine: shellJoin(argv),
    directives: [],
    logPaths: { stdout: "", stderr: "" },
    sentinelPath: "",
  };
}
