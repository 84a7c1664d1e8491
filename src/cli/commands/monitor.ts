/**
 * `autolab monitor`: one tick over every run in flight (or one run). Thin:
 * parses options, calls stages/monitor.ts, prints the tick. Exit 1 when the
 * tick has error findings (e.g. a scheduler outage past the escalation
 * threshold), else 0.
 */
import type { CliCommand } from "../command.js";
import { parseArgs } from "../args.js";
import { UsageError, formatFinding } from "../../util/errors.js";
import { monitor } from "../../commands/monitor/index.js";

export const command: CliCommand = {
  name: "monitor",
  summary: "one tick: ask the scheduler about every run in flight, advance, sync, extract, commit",
  help: `Usage: autolab monitor [--run-id R] [--dry-run] [--no-push] [--no-commit] [--branch B] [--skip-ci] [--json]

Advances every in-progress run (experiments/*/*/runs/*/run_manifest.json) from
scheduler evidence: one sacct and one squeue call for all of them (squeue
--states=all and scontrol when accounting is down). Finished jobs get their
artifacts synced and results extracted (metrics.json, analysis/summary.md);
failed jobs get a metrics.json with status failed. The ledger follows the
manifests. All changes of the tick land in one commit; a tick that changes
nothing commits nothing. A scheduler outage changes no run: it is recorded in
.autolab/monitor_state.json, shown as a warning, and becomes an error (exit 1)
after slurm.monitor.poll_failure_escalation_ticks failed ticks.

Options:
  --run-id R   only this run
  --dry-run    decide and print, write nothing (no sync, no extraction)
  --no-push    commit but do not push
  --no-commit  write files but do not commit
  --branch B   commit (and push) to branch B
  --skip-ci    append [skip ci] to the commit message
  --json       the tick's report as JSON
`,
  async run(argv, io) {
    const a = parseArgs(argv, [
      { name: "dry-run" },
      { name: "no-push" },
      { name: "no-commit" },
      { name: "json" },
      { name: "skip-ci" },
      { name: "branch", value: true },
      { name: "run-id", value: true },
    ]);
    if (a.positionals.length)
      throw new UsageError(`unexpected argument '${a.positionals[0]}'`, "autolab monitor --help");
    const rep = await monitor({
      cwd: io.cwd,
      runId: a.values["run-id"],
      dryRun: !!a.flags["dry-run"],
      push: a.flags["no-push"] ? false : undefined,
      commit: a.flags["no-commit"] ? false : undefined,
      branch: a.values.branch,
      skipCi: !!a.flags["skip-ci"],
      log: (s) => io.stderr(s + "\n"),
    });
    const errors = rep.findings.filter((f) => f.severity === "error").length;
    if (a.flags.json) {
      io.stdout(JSON.stringify(rep, null, 2) + "\n");
      return errors ? 1 : 0;
    }
    const sched = rep.scheduler.calls
      ? `scheduler: ${rep.scheduler.calls} call(s), ${rep.scheduler.totalMs} ms${rep.scheduler.ok ? (rep.scheduler.accounting && rep.scheduler.accounting !== "ok" ? `, accounting ${rep.scheduler.accounting}` : "") : " (NO ANSWER)"}`
      : "scheduler: not asked (no job in flight)";
    io.stdout(`${rep.dryRun ? "[dry run] " : ""}${rep.tracked} run(s), ${rep.inFlight} in flight; ${sched}\n`);
    for (const r of rep.runs) {
      const moves = r.transitions.map((t) => `${t.from} -> ${t.to}`).join(", ");
      io.stdout(
        `${r.runId}  job=${r.jobId ?? "-"}  ${r.after}${moves ? `  [${moves}]` : ""}` +
          `${r.slurmState ? `  slurm=${r.slurmState}` : ""}${r.reason && r.after !== "failed" && r.reason !== "None" ? ` (${r.reason})` : ""}` +
          `${r.failureReason ? `  reason=${r.failureReason}` : ""}${r.metricsStatus ? `  metrics=${r.metricsStatus}` : ""}\n`,
      );
    }
    if (rep.outage)
      io.stdout(
        `scheduler outage: ${rep.outage.consecutiveFailedTicks} consecutive failed tick(s)${rep.outage.escalated ? " (escalated)" : ""}\n`,
      );
    if (rep.commit?.committed)
      io.stdout(`committed ${rep.commit.sha}${rep.commit.pushed ? ` and pushed to ${rep.commit.branch}` : ""}\n`);
    else if (!rep.dryRun && rep.written.length) io.stdout(`wrote ${rep.written.length} file(s) (not committed)\n`);
    for (const f of rep.findings) io.stderr(formatFinding(f) + "\n");
    return errors ? 1 : 0;
  },
};
