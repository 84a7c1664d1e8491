/**
 * `autolab init`: scaffold a research repository for autolab.
 *
 * Creates, when missing: the verifier policy (with a preset applied), an
 * example iteration whose design runs a tiny job on SLURM end to end, the
 * ledger with its header, .autolab/state.json (the example at launch), and
 * the four workflow templates (launch, monitor, watch,
 * verify). Never overwrites anything: a path that exists in any form (file,
 * directory, symlink, even a dangling one) is reported as "exists, kept" and
 * left alone, so running init twice changes nothing.
 */
import { lstatSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { AutolabError, UsageError } from "../util/errors.js";
import { resolveInside, writeFileAtomic } from "../util/fs.js";
import { applyPreset, listPresets, POLICY_PATH } from "../contract/policy.js";
import { LEDGER_HEADER, LEDGER_PATH } from "../ledger/io.js";
import { ACTION_PLACEHOLDER, WORKFLOW_TEMPLATES } from "../github/workflow-templates.js";
import { STATE_PATH, validStateText } from "../store/state-file.js";
import { listRemoteTags } from "../git/tags.js";
import { VERSION } from "../version.js";
import {
  ACTION_REPO,
  ACTION_TAG,
  explicitPin,
  parseTagListing,
  pinUsesLines,
  resolvedPin,
  SHA,
  unpinned,
  type ActionPin,
  type PinRequest,
} from "../domain/action-pin.js";

export const EXAMPLE_DESIGN_PATH = "experiments/plan/example_iteration/design.yaml";

/** The example design: a job of a few seconds that writes a result, and a parser that reads it back. */
export const EXAMPLE_DESIGN = `# Example iteration created by \`autolab init\`: a job of a few seconds that
# exercises the whole path (launch -> SLURM -> monitor -> sync -> extract) on
# your cluster. Launch it with
#   autolab launch experiments/plan/example_iteration/design.yaml
# or the "autolab launch" workflow. Copy this directory to start a real iteration.
id: example_iteration
iteration_id: example_iteration

compute:
  location: slurm
  walltime_estimate: "00:05:00"
  memory_estimate: 256M
  cpus_per_task: 1
  # partition: debug      # the cluster's default partition when left out

# The job runs from the repository root; AUTOLAB_RUN_DIR is this run's directory.
entrypoint:
  cli: |-
    python3 -c 'import json, os; json.dump({"accuracy": 0.5}, open(os.path.join(os.environ["AUTOLAB_RUN_DIR"], "result.json"), "w")); print("example run finished")'

# Runs after the job finished and its outputs are synced; prints the metrics as JSON.
extract_parser:
  kind: command
  command: |-
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1] + "/result.json")); print(json.dumps({"primary_metric": {"name": "accuracy", "value": r["accuracy"]}}))' {run_dir}

replicates: 1
`;

/** Written when `--preset none`: the built-in defaults apply. */
export const MINIMAL_POLICY = `# autolab verifier policy. Effective policy: built-in defaults < preset < this file.
# Apply a preset later with \`autolab policy apply preset slurm\`.
python_bin: python3
`;

export type InitAction = "created" | "exists, kept";

export interface InitFile {
  /** Repository-relative path. */
  path: string;
  action: InitAction;
  /** What it is, for the report. */
  what: string;
}

export interface InitOptions {
  /** Repository root (created when missing). */
  root: string;
  /** Policy preset to apply to a new policy file; default `slurm`; `none` for the built-in defaults only. */
  preset?: string;
  /** `owner/repo[@tag|@sha]` of the action the workflows use (default: this tool's repository at `v<version>`). */
  action?: string;
  /** The commit to pin (40 hex), no lookup. */
  actionRef?: string;
  /** Write the tag instead of a commit (warned). */
  unpinned?: boolean;
  /** GITHUB_ACTION_REPOSITORY / GITHUB_ACTION_REF / GITHUB_SERVER_URL, and AUTOLAB_ACTION_GIT_URL (the action's repository URL). */
  env?: NodeJS.ProcessEnv;
}

export interface InitResult {
  root: string;
  files: InitFile[];
  created: number;
  kept: number;
  /** The action the created workflows use; undefined when every workflow existed. */
  pin?: ActionPin;
}

/** Anything at `abs`, including a dangling symlink. */
function occupied(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

export async function initRepository(opts: InitOptions): Promise<InitResult> {
  const preset = opts.preset ?? "slurm";
  if (preset !== "none") {
    const known = listPresets();
    if (!known.includes(preset)) {
      throw new UsageError(
        `unknown preset ${JSON.stringify(preset)}`,
        `known presets: ${[...known, "none"].join(", ")}`,
      );
    }
  }
  const request = pinRequest(opts);

  const root = path.resolve(opts.root);
  const exists = occupied(root);
  if (exists && !statSync(root).isDirectory()) throw new AutolabError("not a directory", { file: root });
  // The pin is learnt before anything is written, and only when a workflow will be.
  const needPin =
    !exists || Object.keys(WORKFLOW_TEMPLATES).some((n) => !occupied(resolveInside(root, `.github/workflows/${n}`)));
  const pin = needPin ? await resolvePin(request, opts) : undefined;
  if (!exists) mkdirSync(root, { recursive: true });

  const files: InitFile[] = [];
  const place = async (rel: string, what: string, write: (abs: string) => Promise<void>) => {
    const abs = resolveInside(root, rel);
    if (occupied(abs)) {
      files.push({ path: rel, action: "exists, kept", what });
      return;
    }
    await write(abs);
    files.push({ path: rel, action: "created", what });
  };

  await place(POLICY_PATH, preset === "none" ? "verifier policy" : `verifier policy, preset ${preset}`, async (abs) => {
    if (preset === "none") await writeFileAtomic(abs, MINIMAL_POLICY);
    else await applyPreset(root, preset);
  });
  await place(EXAMPLE_DESIGN_PATH, "example iteration design", (abs) => writeFileAtomic(abs, EXAMPLE_DESIGN));
  await place(LEDGER_PATH, "ledger", (abs) => writeFileAtomic(abs, LEDGER_HEADER));
  // The loop starts at the example, ready to launch: `autolab run` launches it, and the
  // verifier knows the iteration its policy commands are about (a pull request's check).
  await place(STATE_PATH, "stage machine: example_iteration at launch", (abs) =>
    writeFileAtomic(abs, validStateText({ iteration_id: "example_iteration", stage: "launch", stage_attempt: 0 })),
  );
  for (const [name, text] of Object.entries(WORKFLOW_TEMPLATES)) {
    await place(`.github/workflows/${name}`, "workflow", (abs) =>
      writeFileAtomic(abs, pinUsesLines(text, ACTION_PLACEHOLDER, pin!)),
    );
  }
  const created = files.filter((f) => f.action === "created").length;
  return { root, files, created, kept: files.length - created, pin };
}

/** What to pin, from the options and (inside the action) the workflow's own action ref. Throws a UsageError. */
function pinRequest(opts: InitOptions): PinRequest {
  const env = opts.env ?? process.env;
  let repo = ACTION_PLACEHOLDER.split("@")[0];
  let ref: string | undefined;
  let from = "--action";
  if (opts.action !== undefined) {
    [repo, ref] = opts.action.split(/@(.*)/s);
    if (!ACTION_REPO.test(repo) || (ref !== undefined && !SHA.test(ref) && !ACTION_TAG.test(ref)))
      throw new UsageError(
        `--action ${JSON.stringify(opts.action)} is not owner/repo, owner/repo@tag or owner/repo@sha`,
        "e.g. --action my-lab/autolab-slurm@v1.2.0",
      );
  } else if (env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF) {
    [repo, ref, from] = [env.GITHUB_ACTION_REPOSITORY, env.GITHUB_ACTION_REF, "GITHUB_ACTION_REF"];
  }
  if (opts.actionRef !== undefined && !SHA.test(opts.actionRef))
    throw new UsageError(
      `--action-ref ${JSON.stringify(opts.actionRef)} is not a commit SHA (40 hexadecimal digits)`,
      "git ls-remote <action repository> refs/tags/v<version> shows a release's commit",
    );
  const sha = opts.actionRef ?? (ref !== undefined && SHA.test(ref) ? ref : undefined);
  const tag = ref !== undefined && !SHA.test(ref) ? ref : `v${VERSION}`;
  return { repo, tag, sha, shaFrom: opts.actionRef ? "--action-ref" : from };
}

/** Gather: the pin, from the request alone or one tag listing of the action's repository. */
async function resolvePin(req: PinRequest, opts: InitOptions): Promise<ActionPin> {
  if (req.sha) return explicitPin({ ...req, sha: req.sha }, VERSION);
  const env = opts.env ?? process.env;
  const url =
    env.AUTOLAB_ACTION_GIT_URL ||
    `${(env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "")}/${req.repo}.git`;
  if (opts.unpinned) return unpinned(req, "--unpinned");
  const hint =
    "pin by hand: --action-ref <the release's commit SHA> (git ls-remote " +
    `${url} refs/tags/${req.tag}), or --unpinned to write the tag ${req.tag} (a tag can be moved: not recommended)`;
  let listing: string;
  try {
    listing = await listRemoteTags(url);
  } catch (e) {
    throw new AutolabError(`cannot pin the workflows' action to a commit: ${(e as Error).message}`, { hint });
  }
  const pin = resolvedPin(req, parseTagListing(listing), url);
  if (!pin)
    throw new AutolabError(`cannot pin the workflows' action to a commit: ${url} has no tag ${req.tag}`, { hint });
  return pin;
}
