/**
 * The recovery recipe "fix the sbatch script and re-run" (issue 10, item 10).
 * `launch/run_slurm.sbatch` is the latest script launch rendered from
 * design.yaml; a new launch renders it again. When the file on disk is neither
 * what this launch renders nor what the run it was rendered for was submitted
 * with (`runs/<run_id>/run_slurm.sbatch`), a person edited it: a launch would
 * silently drop that fix, so it is refused with what to do instead. Pure.
 */
import { AutolabError } from "../util/errors.js";

export interface HandEditInput {
  /** Repository-relative path of the latest rendered script. */
  path: string;
  /** Its text on disk (undefined: no such file). */
  onDisk: string | undefined;
  /** What this launch renders. */
  rendered: string;
  /** The submitted script of the run the file was rendered for, and its run id. */
  lastSubmitted?: { runId: string; text: string };
  /** The design's repository-relative path. */
  design: string;
}

/** Undefined when the script may be rendered again; else the refusal, with the exact steps. */
export function handEditedScript(i: HandEditInput): AutolabError | undefined {
  if (i.onDisk === undefined || i.onDisk === i.rendered) return undefined;
  if (i.lastSubmitted && i.lastSubmitted.text === i.onDisk) return undefined; // the design changed: a new render
  const since = i.lastSubmitted
    ? `differs from the script run ${i.lastSubmitted.runId} was submitted with`
    : "differs from what launch renders";
  return new AutolabError(
    `${i.path} was edited by hand (it ${since}); launch renders the job script from ${i.design} and would drop the edit, so nothing was submitted`,
    {
      file: i.path,
      hint:
        `put the fix into ${i.design}: shell lines before the command in runtime.setup, environment in runtime.env, ` +
        `#SBATCH options in compute.sbatch_options (or compute.partition, walltime_estimate, memory_estimate, ...), the command in entrypoint.cli; ` +
        `then discard the edited copy (\`git checkout -- ${i.path}\`, or delete it) and launch again`,
    },
  );
}
