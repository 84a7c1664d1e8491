/** `autolab run`: one step of the current .autolab/state.json stage. Thin. */
import { jsonText } from "../../report/json.js";
import type { CliCommand, CliIO } from "../command.js";
import { commandLine } from "../args.js";
import { RECORD_FLAGS, recordOptions } from "../identity.js";
import { formatFinding } from "../../util/errors.js";
import { runStep, type RunSteps } from "../../commands/run.js";
import { launch, type LaunchResult } from "../../commands/launch/index.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";
import { monitor, type MonitorReport } from "../../commands/monitor/index.js";
import { runStepText } from "../../report/run.js";
import { progressLine } from "../../report/monitor.js";

/** The steps `autolab run` dispatches to: the real launch and monitor tick. */
function steps(io: CliIO): RunSteps<LaunchResult, MonitorReport> {
  const scheduler = slurmCli();
  return {
    launch: (o) => launch({ ...o, scheduler }),
    monitor: (o) => monitor({ ...o, scheduler, progress: (e) => io.stderr(progressLine(e)) }),
  };
}

export const command: CliCommand = {
  name: "run",
  summary: "one step of the current .autolab/state.json stage (launch, monitor, or todo fallback)",
  help: `Usage: autolab run [--dry-run] [--no-push] [--no-commit] [--branch B] [--skip-ci] [--json] [--repo DIR]

launch -> launches the state's iteration; slurm_monitor / extract_results ->
one monitor tick for the tracked run; update_docs (or a monitor stage with no
run left to follow) -> nothing left to do in SLURM mode: the stage falls back
to the policy's autorun.todo_fallback.slurm.stage. Other stages are worked on
by a person or an agent.

Options:
  --dry-run    decide and print, write nothing
  --no-push    commit but do not push
  --no-commit  write files but do not commit
  --branch B   commit (and push) to branch B
  --skip-ci    append [skip ci] to the commit message
  --json       the step's result as JSON
  --repo DIR   act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(argv, io, [{ name: "dry-run" }, ...RECORD_FLAGS, { name: "json" }], { command: "run" });
    const res = await runStep(
      {
        cwd: a.cwd,
        dryRun: !!a.flags["dry-run"],
        ...(await recordOptions(a, io)),
        log: (s) => io.stderr(s + "\n"),
      },
      steps(io),
    );
    if (a.flags.json) io.stdout(jsonText(res));
    else {
      io.stdout(runStepText(res));
      for (const f of [...(res.monitor?.findings ?? []), ...(res.findings ?? [])]) io.stderr(formatFinding(f) + "\n");
    }
    const errors = res.monitor?.findings.some((f) => f.severity === "error");
    return errors || res.launch?.status === "failed" ? 1 : 0;
  },
};
