/**
 * `autolab verify --stage S [--iteration ID] [--run-id R] [--json] [--no-commands]`:
 * run the checks the verifier policy requires at a stage (see verify/registry.ts)
 * and print the findings. Exit 0 when there is no error finding, 1 when there
 * is, 2 on a usage error (including an unknown stage).
 */
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { formatFinding, UsageError } from "../../util/errors.js";
import { VERIFY_STAGES } from "../../contract/vocabulary.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";
import { countFindings, isVerifyStage, runVerify, VERIFY_CHECKS } from "../../verify/index.js";
import { repoRootOf } from "../../store/workspace.js";
import { verifyText } from "../../report/verify.js";

const checkTable = VERIFY_CHECKS.map((c) => `  ${c.id.padEnd(24)} ${c.category.padEnd(12)} ${c.summary}`).join("\n");

export const command: CliCommand = {
  name: "verify",
  summary: "run the checks the verifier policy requires at a stage; findings with file:line:col",
  help: `Usage: autolab verify --stage ${VERIFY_STAGES.join("|")} [--iteration ID] [--run-id R] [--json] [--no-commands] [--repo DIR]

Runs the checks that .autolab/verifier_policy.yaml (over its preset and the
built-in defaults) requires at the stage, for every run under
experiments/*/*/runs/ (or only --iteration / --run-id), and prints one finding
per problem: file:line:col, severity, message, and what to fix.

A check runs when requirements_by_stage.<stage>.<category> is true:
${checkTable}

The policy's test_command and dry_run_command run by argv (no shell) from the
repository root, with {{python_bin}}, {{iteration_id}}, {{iteration_path}} and
{{run_id}} substituted.

Options:
  --stage S        ${VERIFY_STAGES.join(", ")}
  --iteration ID   only this iteration (also fills {{iteration_id}})
  --run-id R       only this run (also fills {{run_id}})
  --json           the report as JSON on stdout: {stage, ok, runs_checked, checks_run, counts, findings}
  --no-commands    do not run the policy's test / dry-run commands
  --repo DIR       act on the repository at DIR (default: the current directory)

Exit codes: 0 no error finding, 1 at least one error finding, 2 usage error.
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [
        { name: "stage", value: true },
        { name: "iteration", value: true },
        { name: "run-id", value: true },
        { name: "json" },
        { name: "no-commands" },
      ],
      { command: "verify" },
    );
    const stage = a.values.stage;
    if (stage === undefined) throw new UsageError("--stage is required", `known stages: ${VERIFY_STAGES.join(", ")}`);
    if (!isVerifyStage(stage))
      throw new UsageError(`unknown stage '${stage}'`, `known stages: ${VERIFY_STAGES.join(", ")}`);
    const root = await repoRootOf(a.cwd);
    const report = await runVerify({
      repoRoot: root,
      stage,
      iteration: a.values.iteration,
      runId: a.values["run-id"],
      runCommands: !a.flags["no-commands"],
      scheduler: slurmCli(),
    });
    const counts = countFindings(report.findings);
    if (a.flags.json) {
      io.stdout(jsonText({ ...report, counts }));
    } else {
      for (const f of report.findings) io.stdout(formatFinding(f) + "\n");
      io.stdout(verifyText(stage, report, counts));
    }
    return report.ok ? 0 : 1;
  },
};
