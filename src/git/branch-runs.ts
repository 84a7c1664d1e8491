/**
 * The runs a launch key already has on the branch as the remote has it
 * (issue 10, item 1): a workflow re-run in a checkout made before the first
 * attempt pushed its record must find that record, not only the scheduler's
 * job (which a finished job may have left, and which accounting may not
 * answer for). One fetch of the branch into its tracking ref (the URL checked
 * as for push, `git/remote.ts`), then one `git grep` of that commit's
 * manifests for the key: the work tree and the real index are not touched.
 */
import { AutolabError } from "../util/errors.js";
import { ok } from "../util/exec.js";
import { currentBranch, git, hasRemote } from "./git.js";
import { fetchBranch, resolveRemote, short, type RemoteTarget } from "./remote.js";

export interface BranchRuns {
  /** `origin/main`, when there was a branch to ask. */
  where?: string;
  /** The fetched head. */
  head?: string;
  /** The manifests (parsed JSON) of the iteration that name the key, in path order. */
  manifests: unknown[];
  /** Why the remote could not be asked (the launch goes on: the scheduler is asked too). */
  error?: string;
}

/** Manifests of `iterationPath` on the remote's `branch` (default: the checked-out one) that record `key`. */
export async function branchRunsForKey(
  root: string,
  o: { iterationPath: string; key: string; branch?: string; remote?: string; token?: string },
): Promise<BranchRuns> {
  const remote = o.remote ?? "origin";
  const branch = o.branch ?? (await currentBranch(root));
  if (!branch || !(await hasRemote(root, remote))) return { manifests: [] };
  const where = `${remote}/${branch}`;
  const secrets = o.token ? [o.token] : [];
  let head: string | undefined;
  try {
    const ctx: RemoteTarget = {
      root,
      remote,
      target: branch,
      secrets,
      ...(await resolveRemote(root, remote, o.token)),
    };
    head = await fetchBranch(ctx);
  } catch (e) {
    return { where, manifests: [], error: e instanceof AutolabError ? e.message : String(e) };
  }
  if (!head) return { where, manifests: [] };
  // The key as the manifest writer spells it (JSON), as a fixed string: one grep over the iteration's manifests.
  const r = await git(
    root,
    [
      "grep",
      "-l",
      "-F",
      "--no-color",
      "-e",
      JSON.stringify(o.key),
      head,
      "--",
      // (Pathspecs are literal, git.ts: the runs directory, manifests picked below.)
      `${o.iterationPath}/runs`,
    ],
    { allowFailure: true, secrets, what: `searching ${where} for the launch key` },
  );
  if (r.code === 1) return { where, head, manifests: [] };
  if (!ok(r)) return { where, head, manifests: [], error: `git grep on ${where} (${short(head)}) failed` };
  const manifests: unknown[] = [];
  const manifest = (f: string) =>
    f.startsWith(`${o.iterationPath}/runs/`) && /^[^/]+\/run_manifest\.json$/.test(f.slice(o.iterationPath.length + 6));
  for (const line of r.stdout.split("\n").filter(Boolean)) {
    const file = line.slice(head.length + 1);
    if (!manifest(file)) continue;
    const shown = await git(root, ["show", `${head}:${file}`], { allowFailure: true, secrets });
    if (!ok(shown)) continue;
    try {
      manifests.push(JSON.parse(shown.stdout));
    } catch {
      // Another run's unreadable manifest is that run's problem (verify reports it), not this launch's.
    }
  }
  return { where, head, manifests };
}
