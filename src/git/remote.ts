/**
 * The remote side of commit-back: push, fetch and credentials. A token is
 * sent as an `http.<remote-url>.extraheader` through the environment of the
 * fetch/push commands only (never written to .git/config, never on a command
 * line, redacted from errors), and only to the remote's own HTTP(S) URL.
 */
import { AutolabError } from "../util/errors.js";
import { ok } from "../util/exec.js";
import { git, gitError, redact, revParse, type GitOptions } from "./git.js";

export const NET_TIMEOUT_MS = 180_000;

/** What the network commands need to know about the commit-back in progress. */
export interface RemoteTarget {
  root: string;
  remote: string;
  target: string;
  secrets: string[];
  /** Config for network commands (credentials). */
  netConfig: Array<[string, string]>;
}

/** `moved`: the remote said the branch is not an ancestor of our commit any more. */
export type PushOutcome = { ok: true } | { ok: false; retryable: boolean; moved: boolean; reason: string };

const MOVED = /\[rejected\]|non-fast-forward|fetch first|stale info/i;
const REMOTE_LOCK =
  /cannot lock ref|failed to update ref|failed to lock|unable to lock|incorrect old value|reference already exists/i;
const TRANSIENT =
  /remote end hung up|early EOF|RPC failed|Connection (reset|refused|timed out)|Couldn't connect to server|Failed to connect|Could not resolve host|returned error: 5\d\d|Operation timed out|the remote end hung up unexpectedly/i;

export async function pushCommit(ctx: RemoteTarget, commit: string): Promise<PushOutcome> {
  const r = await git(
    ctx.root,
    [
      "push",
      "--porcelain",
      "--no-verify",
      "--no-recurse-submodules",
      "--end-of-options",
      ctx.remote,
      `${commit}:refs/heads/${ctx.target}`,
    ],
    { config: ctx.netConfig, secrets: ctx.secrets, allowFailure: true, timeoutMs: NET_TIMEOUT_MS },
  );
  if (ok(r)) return { ok: true };
  const text = `${r.stdout}\n${r.stderr}`;
  const line = r.stdout.split("\n").find((l) => l.startsWith("!"));
  const reason =
    ((line ? line.split("\t").slice(2).join(" ") : "") || lastLines(r.stderr) || `exit ${r.code}`) +
    remoteSaid(r.stderr);
  if (r.timedOut) return { ok: false, retryable: true, moved: false, reason: "push timed out" };
  const moved = MOVED.test(text);
  return { ok: false, retryable: moved || REMOTE_LOCK.test(text) || TRANSIENT.test(text), moved, reason };
}

/**
 * Fetch the target branch into `refs/remotes/<remote>/<branch>`; its commit id,
 * or undefined when the remote has no such branch.
 */
export async function fetchBranch(ctx: RemoteTarget, pending?: string, kept?: string): Promise<string | undefined> {
  const tracking = `refs/remotes/${ctx.remote}/${ctx.target}`;
  const opts: GitOptions = {
    config: ctx.netConfig,
    secrets: ctx.secrets,
    allowFailure: true,
    timeoutMs: NET_TIMEOUT_MS,
  };
  const r = await git(
    ctx.root,
    [
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-recurse-submodules",
      "--no-write-fetch-head",
      "--end-of-options",
      ctx.remote,
      `+refs/heads/${ctx.target}:${tracking}`,
    ],
    opts,
  );
  if (ok(r)) return revParse(ctx.root, tracking);
  if (/couldn't find remote ref/i.test(r.stderr)) return undefined;
  const err = gitError(r, `fetching ${ctx.remote}/${ctx.target}`, ctx.secrets, ctx.root);
  if (!pending) throw err;
  throw new AutolabError(`${err.message}; the local commit ${short(pending)} (${kept}) still holds the change`, {
    file: ctx.root,
    hint: `push it when the remote is reachable: git push ${ctx.remote} ${pending}:refs/heads/${ctx.target}`,
  });
}

export function pushFailure(
  ctx: RemoteTarget,
  commit: string,
  attempts: number,
  reason: string,
  kept: string,
): AutolabError {
  return new AutolabError(
    `could not push to ${ctx.remote}/${ctx.target} after ${attempts} attempt${attempts === 1 ? "" : "s"}: ` +
      `${redact(reason, ctx.secrets)}; the local commit ${short(commit)} (${kept}) still holds the change`,
    {
      file: ctx.root,
      hint: `push it when the remote accepts it: git push ${ctx.remote} ${commit}:refs/heads/${ctx.target}`,
    },
  );
}

/** Config entries that send `token` to the remote's HTTP(S) URL only. */
export async function credentialConfig(root: string, remote: string, token: string): Promise<Array<[string, string]>> {
  const r = await git(root, ["remote", "get-url", "--push", "--", remote], { allowFailure: true, secrets: [token] });
  const raw = r.stdout.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return []; // a path or scp-like ssh address: the token has no use there
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return [];
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  const scope = url.toString().replace(/\/+$/, "");
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, "utf8").toString("base64")}`;
  // The empty value first drops headers configured elsewhere (e.g. persisted by actions/checkout).
  return [
    [`http.${scope}.extraheader`, ""],
    [`http.${scope}.extraheader`, header],
  ];
}

export function short(sha: string): string {
  return sha.slice(0, 12);
}

export function lastLines(s: string): string {
  return s.trim().split("\n").slice(-3).join(" | ");
}

/** What the remote side printed (a hook's or a branch protection's refusal text), as `; remote: ...`. */
function remoteSaid(stderr: string): string {
  const said = stderr
    .split("\n")
    .filter((l) => l.startsWith("remote:"))
    .map((l) => l.slice("remote:".length).trim())
    .filter(Boolean)
    .slice(-4);
  return said.length ? `; remote: ${said.join(" | ")}` : "";
}
