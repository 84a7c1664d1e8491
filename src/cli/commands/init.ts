/** `autolab init`: scaffold a research repository (never overwrites a file). */
import { commandLine } from "../args.js";
import type { CliCommand } from "../command.js";
import { initRepository } from "../../commands/init.js";
import { initText } from "../../report/init.js";

const HELP = `Usage: autolab init [--repo DIR] [--preset NAME|none] [--action OWNER/REPO@REF]

Scaffold a research repository for autolab: creates what is missing of
  .autolab/verifier_policy.yaml                     the policy, with a preset applied
  experiments/plan/example_iteration/design.yaml    a tiny example that runs on SLURM
  docs/slurm_job_list.md                            the ledger
  .autolab/state.json                               the stage machine: the example, at launch
  .github/workflows/autolab-launch.yml              launch (workflow_dispatch, self-hosted)
  .github/workflows/autolab-monitor.yml             monitor (schedule + workflow_dispatch)
  .github/workflows/autolab-verify.yml              verify (pull_request, GitHub-hosted)
Existing files are never changed: running init again reports each as "exists, kept".

Options:
  --repo DIR       repository root (default: the current directory; created if missing;
                   --dir DIR is the deprecated spelling)
  --preset NAME    policy preset for a new policy file (default: slurm; none = built-in defaults)
  --action REF     the action the workflows use, e.g. my-lab/autolab-slurm@v1
                   (default: the placeholder autolab-org/autolab-slurm@v1)
`;

export const command: CliCommand = {
  name: "init",
  summary: "scaffold a research repository (policy, example design, ledger, workflows)",
  help: HELP,
  async run(argv, io) {
    const args = commandLine(
      argv,
      io,
      [
        { name: "dir", value: true, aliasOf: "repo" },
        { name: "preset", value: true },
        { name: "action", value: true },
      ],
      { command: "init", repoMayBeMissing: true },
    );
    const root = args.cwd;
    const res = await initRepository({ root, preset: args.values.preset, action: args.values.action });
    io.stdout(initText(res, { actionGiven: !!args.values.action }));
    return 0;
  },
};
