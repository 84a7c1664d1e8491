/** `autolab status`: a table of runs from their manifests (asks the scheduler nothing). Thin. */
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { formatFinding } from "../../util/errors.js";
import { collectStatus } from "../../commands/status.js";
import { statusText, sweepGroups } from "../../report/status.js";
import { repoRootOf } from "../../store/workspace.js";

export const command: CliCommand = {
  name: "status",
  summary: "a table of runs: id, job, state, age, sync (from the manifests)",
  help: `Usage: autolab status [--iteration ID] [--run-id R] [--json] [--repo DIR]

Lists every run under experiments/*/*/runs/ from its manifest: run id,
iteration, job id, state (with the failure reason), the scheduler's last state
(with the pending reason), age, artifact sync. It asks the scheduler nothing
(autolab monitor does that); a scheduler outage the monitor recorded is shown.
The tasks of each sweep are then counted by state, one sweep a line, with the
failed tasks named (--json: "sweeps", with "counts" and "failed_runs").
Exit 1 when a manifest cannot be read.

Options:
  --iteration ID  only this iteration
  --run-id R      only this run
  --json          the runs as JSON
  --repo DIR      act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [{ name: "json" }, { name: "iteration", value: true }, { name: "run-id", value: true }],
      {
        command: "status",
      },
    );
    const root = await repoRootOf(a.cwd);
    const { rows, findings } = await collectStatus(root, { iteration: a.values.iteration, runId: a.values["run-id"] });
    if (a.flags.json) io.stdout(jsonText({ runs: rows, sweeps: sweepGroups(rows), findings }));
    else {
      io.stdout(statusText(rows));
      for (const f of findings) io.stderr(formatFinding(f) + "\n");
    }
    return findings.some((f) => f.severity === "error") ? 1 : 0;
  },
};
