/**
 * `autolab launch`: what the action's `command: launch` does, from a login
 * node. Thin: parses options, calls commands/launch/ with the SLURM
 * adapter, prints the result.
 */
import path from "node:path";
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { RECORD_FLAGS, recordOptions } from "../identity.js";
import { launch } from "../../commands/launch/index.js";
import { dryRunRefused, dryRunText, launchFailedText, launchText } from "../../report/launch.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";

export const command: CliCommand = {
  name: "launch",
  summary: "render the job script, submit it (sbatch) or run it locally, record manifest + ledger, commit",
  help: `Usage: autolab launch <design.yaml | iteration-dir | iteration_id> [options]

Reads the iteration's design.yaml, renders launch/run_slurm.sbatch (or
run_local.sh for compute.location: local), submits it with sbatch, writes
runs/<run_id>/run_manifest.json, upserts docs/slurm_job_list.md and commits
them. Never waits for a SLURM job. Inside a git checkout it commits, and pushes
when the checkout has the remote and --no-push is not given.

Options:
  --dry-run          print the script and the sbatch argv; run sbatch --test-only
                     where SLURM answers; write and submit nothing
  --no-push          commit but do not push
  --no-commit        write files but do not commit
  --branch B         push to branch B (default: the current branch)
  --run-id R         launch (or re-launch, idempotently) run R: a run that has
                     a manifest is never submitted again, and a job named
                     autolab-R that exists already is adopted
  --launch-key K     idempotency key: the same key always means the same run and
                     never submits a second job (kept in .git/autolab/launch-journal)
  --work-root DIR    run the job in a git worktree snapshot of the launched
                     commit under DIR/<run_id> (outside the checkout), so a
                     later checkout or clean of the checkout cannot touch it
                     (default: policy launch.work_root; none: the checkout)
  --skip-ci          append [skip ci] to the commit message
  --json             print the result as JSON
  --repo DIR         act on the repository at DIR (default: the current directory;
                     a relative design path is taken from DIR)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [
        { name: "dry-run" },
        ...RECORD_FLAGS,
        { name: "json" },
        { name: "run-id", value: true },
        { name: "launch-key", value: true },
        { name: "work-root", value: true },
      ],
      { command: "launch", positionals: { min: 1, max: 1, what: "design (a path or an iteration id)" } },
    );
    const res = await launch({
      cwd: a.cwd,
      design: a.positionals[0],
      scheduler: slurmCli(),
      dryRun: !!a.flags["dry-run"],
      ...(await recordOptions(a, io)),
      runId: a.values["run-id"],
      launchKey: a.values["launch-key"],
      workRoot: a.values["work-root"] === undefined ? undefined : path.resolve(a.cwd, a.values["work-root"]),
      log: (s) => io.stderr(s + "\n"),
    });
    if (a.flags.json) io.stdout(jsonText(res));
    else io.stdout(res.dryRun ? dryRunText(res) : launchText(res));
    if (res.dryRun) return dryRunRefused(res) ? 1 : 0;
    const failed = launchFailedText(res);
    if (failed) {
      io.stderr(failed);
      return 1;
    }
    return 0;
  },
};
