/**
 * `autolab monitor`: one tick over every run in flight (or one run). Thin:
 * parses options, calls commands/monitor, prints the tick. Exit 1 when the
 * tick has error findings (e.g. a scheduler outage past the escalation
 * threshold) or its commits could not be pushed (monitorVerdict), else 0.
 */
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { RECORD_FLAGS, recordOptions } from "../identity.js";
import { formatFinding } from "../../util/errors.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";
import { monitor } from "../../commands/monitor/index.js";
import { gc } from "../../commands/gc.js";
import { gcText } from "../../report/gc.js";
import { monitorText, monitorVerdict, progressLine } from "../../report/monitor.js";

export const command: CliCommand = {
  name: "monitor",
  summary: "one tick: ask the scheduler about every run in flight, advance, sync, extract, commit",
  help: `Usage: autolab monitor [--run-id R] [--dry-run] [--no-push] [--no-commit] [--branch B] [--skip-ci] [--json] [--repo DIR]

Advances every in-progress run (experiments/*/*/runs/*/run_manifest.json) from
scheduler evidence: one sacct and one squeue call for all of them (squeue
--states=all and scontrol when accounting is down). Finished jobs get their
artifacts synced and results extracted (metrics.json, analysis/summary.md);
failed jobs get a metrics.json with status failed. The ledger follows the
manifests. All changes of the tick land in one commit; a tick that changes
nothing commits nothing. A scheduler outage changes no run: it is recorded in
.autolab/monitor_state.json, shown as a warning, and becomes an error (exit 1)
after slurm.monitor.poll_failure_escalation_ticks failed ticks. Commits an
earlier push did not deliver (a protected branch, a hook) are pushed by every
tick, also one with nothing new; when the push is refused again the tick says
how far the branch is ahead and exits 1.

Options:
  --run-id R   only this run
  --dry-run    decide and print, write nothing (no sync, no extraction)
  --no-push    commit but do not push
  --no-commit  write files but do not commit
  --branch B   commit (and push) to branch B
  --skip-ci    append [skip ci] to the commit message
  --json       the tick's report as JSON
  --repo DIR   act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [{ name: "dry-run" }, ...RECORD_FLAGS, { name: "json" }, { name: "run-id", value: true }],
      { command: "monitor" },
    );
    const rep = await monitor({
      cwd: a.cwd,
      scheduler: slurmCli(),
      runId: a.values["run-id"],
      dryRun: !!a.flags["dry-run"],
      ...(await recordOptions(a, io)),
      log: (s) => io.stderr(s + "\n"),
      progress: (e) => io.stderr(progressLine(e)),
    });
    // The policy's retention: free what finished runs left in the work root.
    if (rep.retentionSeconds && !rep.dryRun)
      io.stderr(gcText(await gc({ cwd: a.cwd, olderThanSeconds: rep.retentionSeconds })));
    const errors = rep.findings.filter((f) => f.severity === "error").length + (monitorVerdict(rep).failed ? 1 : 0);
    if (a.flags.json) {
      io.stdout(jsonText(rep));
      return errors ? 1 : 0;
    }
    io.stdout(monitorText(rep));
    for (const f of rep.findings) io.stderr(formatFinding(f) + "\n");
    return errors ? 1 : 0;
  },
};
