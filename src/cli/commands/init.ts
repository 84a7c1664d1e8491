/** `autolab init`: scaffold a research repository (never overwrites a file). */
import { commandLine } from "../args.js";
import type { CliCommand } from "../command.js";
import { initRepository } from "../../commands/init.js";
import { initText } from "../../report/init.js";
import { VERSION } from "../../version.js";

const HELP = `Usage: autolab init [--repo DIR] [--preset NAME|none] [--action OWNER/REPO[@TAG]] [--action-ref SHA] [--unpinned]

Scaffold a research repository for autolab: creates what is missing of
  .autolab/verifier_policy.yaml                     the policy, with a preset applied
  experiments/plan/example_iteration/design.yaml    a tiny example that runs on SLURM
  docs/slurm_job_list.md                            the ledger
  .autolab/state.json                               the stage machine: the example, at launch
  .github/workflows/autolab-launch.yml              launch (workflow_dispatch, self-hosted)
  .github/workflows/autolab-monitor.yml             monitor (schedule + workflow_dispatch)
  .github/workflows/autolab-verify.yml              verify (pull_request, GitHub-hosted)
  .github/workflows/autolab-watch.yml               the watcher (workflow_dispatch, self-hosted)
Existing files are never changed: running init again reports each as "exists, kept".

Options:
  --repo DIR       repository root (default: the current directory; created if missing;
                   --dir DIR is the deprecated spelling)
  --preset NAME    policy preset for a new policy file (default: slurm; none = built-in defaults)
  --action REF     the action the workflows use: OWNER/REPO[@TAG] (default: autolab-org/autolab-slurm
                   at this version's tag v${VERSION}); inside the action, the workflow's own action ref
  --action-ref SHA the commit to pin (40 hex digits), without looking the tag up
  --unpinned       write the tag itself when it cannot be resolved (warned: a tag can be moved)

The workflows pin the action by commit SHA with a comment naming the version
(uses: OWNER/REPO@<sha> # v1.2.3): a tag can be moved, and these jobs reach your
cluster. init resolves the tag with one git ls-remote --tags of the action's
repository (GITHUB_SERVER_URL, default https://github.com, or the URL in
AUTOLAB_ACTION_GIT_URL, e.g. a mirror); offline, pass --action-ref.
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
        { name: "action-ref", value: true },
        { name: "unpinned" },
      ],
      { command: "init", repoMayBeMissing: true },
    );
    const root = args.cwd;
    const res = await initRepository({
      root,
      preset: args.values.preset,
      action: args.values.action,
      actionRef: args.values["action-ref"],
      unpinned: !!args.flags.unpinned,
      env: io.env,
    });
    if (res.pin?.warning) io.stderr(`autolab init: WARNING: ${res.pin.warning}\n`);
    io.stdout(initText(res));
    return 0;
  },
};
