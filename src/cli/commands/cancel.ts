/** `autolab cancel RUN_ID`: scancel the run's job, mark the run failed (reason cancelled), commit. Thin. */
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { RECORD_FLAGS, recordOptions } from "../identity.js";
import { cancel } from "../../commands/cancel.js";
import { cancelText } from "../../report/cancel.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";

export const command: CliCommand = {
  name: "cancel",
  summary: "scancel a run's job and mark the run failed (reason: cancelled)",
  help: `Usage: autolab cancel RUN_ID [--reason TEXT] [--by NAME] [--no-push] [--no-commit] [--branch B] [--skip-ci] [--json] [--repo DIR]

Runs scancel for the run's job; once the scheduler took the request, the run
becomes failed with failure reason "cancelled" (and who asked), its ledger
line follows, and both are committed. A run that already ended is left as it
is. When scancel fails (controller down), nothing is changed (exit 1). The
next monitor tick writes the run's metrics.json (status failed).

Options:
  --reason TEXT  why (kept in the run's history)
  --by NAME      who asked (default: $GITHUB_ACTOR, else the login name)
  --no-push      commit but do not push
  --no-commit    write files but do not commit
  --branch B     commit (and push) to branch B
  --skip-ci      append [skip ci] to the commit message
  --json         the result as JSON
  --repo DIR     act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [...RECORD_FLAGS, { name: "json" }, { name: "reason", value: true }, { name: "by", value: true }],
      { command: "cancel", positionals: { min: 1, max: 1, what: "run id" } },
    );
    const res = await cancel({
      cwd: a.cwd,
      runId: a.positionals[0],
      scheduler: slurmCli(),
      reason: a.values.reason,
      by: a.values.by,
      ...(await recordOptions(a, io)),
    });
    if (a.flags.json) io.stdout(jsonText(res));
    else io.stdout(cancelText(res));
    return 0;
  },
};
