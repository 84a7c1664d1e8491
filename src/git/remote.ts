/**
 * The remote side of commit-back: push, fetch and credentials.
 *
 * The repository's `.git/config` is treated as written by the job (see
 * harden.ts), so the network commands never read it:
 *
 * - the remote's URL is resolved once, from the raw `remote.<name>.pushurl` /
 *   `remote.<name>.url` values (no `insteadOf` / `pushInsteadOf` rewriting),
 *   and checked: a plain transport (https, http, ssh, git, file, scp-like,
 *   a local path), never a remote helper (`ext::`, `fd::`, `<helper>::`);
 * - push and fetch run in a private, tool-made git directory (`GIT_DIR`) that
 *   borrows the repository's object store (`GIT_OBJECT_DIRECTORY`), with the
 *   explicit URL: no `url.*.insteadOf`, `http.proxy`, `core.sshCommand`,
 *   `credential.helper`, `remote.*.receivepack`/`uploadpack`, `include.path`
 *   or hook of the repository applies. Only the user's global and system
 *   config (not writable through the checkout) and the tool's command-scope
 *   settings do. The fetched commit is then recorded in the repository's
 *   `refs/remotes/<name>/<branch>`, as `git fetch` would;
 * - a token is sent as an `http.<url>.extraheader` through the environment of
 *   those commands only (never written to a config file, never on a command
 *   line, redacted from errors), only to that HTTP(S) URL, with credential
 *   helpers reset. Inside GitHub Actions it is sent only when the URL is the
 *   workflow's own repository (`GITHUB_SERVER_URL/GITHUB_REPOSITORY`);
 *   another HTTP(S) URL is refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
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
  /** The URLs the tool resolved and checked (see resolveRemote); push and fetch use only these. */
  pushUrl: string;
  fetchUrl: string;
}

/** Where and how the network commands go, resolved once per commit-back. */
export interface ResolvedRemote {
  pushUrl: string;
  fetchUrl: string;
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
  const r = await inPrivateGitDir(ctx, [], (dir, env) =>
    git(
      dir,
      [
        "push",
        "--porcelain",
        "--no-verify",
        "--no-recurse-submodules",
        "--end-of-options",
        ctx.pushUrl,
        `${commit}:refs/heads/${ctx.target}`,
      ],
      { env, config: ctx.netConfig, secrets: ctx.secrets, allowFailure: true, timeoutMs: NET_TIMEOUT_MS },
    ),
  );
  // (The caller, backlog.pushTracked, moves the tracking ref on success.)
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

/** `git fetch` of `what` from `url`: quiet, no tags, no submodules, no FETCH_HEAD (the caller records what it keeps). */
function fetchArgv(url: string, what: string, extra: string[] = []): string[] {
  return [
    "fetch",
    "--quiet",
    "--no-tags",
    "--no-recurse-submodules",
    "--no-write-fetch-head",
    ...extra,
    "--end-of-options",
    url,
    what,
  ];
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
  const haves = (await Promise.all([revParse(ctx.root, tracking), revParse(ctx.root, "HEAD")])).filter(
    (s): s is string => !!s,
  );
  const fetched = "refs/autolab/fetched";
  const { r, sha } = await inPrivateGitDir(ctx, haves, async (dir, env) => {
    const res = await git(dir, fetchArgv(ctx.fetchUrl, `+refs/heads/${ctx.target}:${fetched}`), { ...opts, env });
    if (!ok(res)) return { r: res, sha: undefined };
    const at = await git(dir, ["rev-parse", "--verify", "--quiet", `${fetched}^{commit}`], { env, allowFailure: true });
    return { r: res, sha: ok(at) ? at.stdout.trim() : undefined };
  });
  if (ok(r) && sha) {
    await git(ctx.root, ["update-ref", "--no-deref", tracking, sha], { what: `recording ${tracking}` });
    return sha;
  }
  if (/couldn't find remote ref/i.test(r.stderr)) return undefined;
  const err = gitError(r, `fetching ${ctx.remote}/${ctx.target}`, ctx.secrets, ctx.root);
  if (!pending) throw err;
  throw new AutolabError(`${err.message}; the local commit ${short(pending)} (${kept}) still holds the change`, {
    file: ctx.root,
    hint: `push it when the remote is reachable: git push ${ctx.remote} ${pending}:refs/heads/${ctx.target}`,
  });
}

/**
 * Fetch one commit (`--depth=1`: the commit and its tree, not its history)
 * by id from `remote` into the object store, with the remote resolved and
 * checked as for push (no `.git/config` rewriting applies) and the token
 * only for the workflow's own repository. No ref is written. Throws when the
 * remote cannot be reached or does not have it.
 */
export async function fetchCommit(root: string, remote: string, token: string | undefined, sha: string): Promise<void> {
  const resolved = await resolveRemote(root, remote, token);
  const secrets = token ? [token] : [];
  const ctx: RemoteTarget = { root, remote, target: "", secrets, ...resolved };
  const head = await revParse(root, "HEAD");
  const r = await inPrivateGitDir(ctx, head ? [head] : [], (dir, env) =>
    git(dir, fetchArgv(resolved.fetchUrl, sha, ["--depth=1"]), {
      config: resolved.netConfig,
      secrets,
      allowFailure: true,
      timeoutMs: NET_TIMEOUT_MS,
      env,
    }),
  );
  if (!ok(r)) throw gitError(r, `fetching commit ${short(sha)} from ${remote}`, secrets, root);
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

/**
 * Resolve and check the remote's URLs (raw config values, no rewriting) and
 * the credentials for them. Throws when the URL is not a plain transport, or
 * (inside GitHub Actions, with a token) an HTTP(S) URL other than the
 * workflow's repository.
 */
export async function resolveRemote(
  root: string,
  remote: string,
  token: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedRemote> {
  const fetchUrl = checkUrl(root, remote, "url", await configValues(root, `remote.${remote}.url`, token));
  const pushValues = await configValues(root, `remote.${remote}.pushurl`, token);
  const pushUrl = pushValues.length ? checkUrl(root, remote, "pushurl", pushValues) : fetchUrl;
  if (!token) return { pushUrl, fetchUrl, netConfig: [] };
  const scope = httpScope(pushUrl);
  const expected = workflowRepositoryUrl(env);
  if (scope && expected && !sameRepository(scope, expected)) {
    throw new AutolabError(
      `remote ${remote} points at ${redact(scope)}, not at this workflow's repository ${expected}; ` +
        "the token is not sent anywhere else",
      { file: root, hint: `set it back: git remote set-url ${remote} ${expected}` },
    );
  }
  if (!scope) return { pushUrl, fetchUrl, netConfig: [["credential.helper", ""]] };
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`, "utf8").toString("base64")}`;
  const fetchScope = httpScope(fetchUrl);
  const scopes = [...new Set([scope, ...(fetchScope && sameRepository(fetchScope, scope) ? [fetchScope] : [])])];
  // The empty values first drop headers and helpers configured elsewhere.
  return {
    pushUrl,
    fetchUrl,
    netConfig: [
      ["credential.helper", ""],
      ["http.extraheader", ""],
      ...scopes.flatMap((s): Array<[string, string]> => [
        [`http.${s}.extraheader`, ""],
        [`http.${s}.extraheader`, header],
      ]),
    ],
  };
}

async function configValues(root: string, key: string, token: string | undefined): Promise<string[]> {
  const r = await git(root, ["config", "--null", "--get-all", key], {
    allowFailure: true,
    secrets: token ? [token] : [],
  });
  if (r.code !== 0 && r.code !== 1) throw gitError(r, `reading ${key}`, token ? [token] : [], root);
  return r.stdout.split("\0").filter((v) => v !== "");
}

const SCHEMES = new Set(["https:", "http:", "ssh:", "git:", "file:", "git+ssh:", "ssh+git:"]);

/** The one URL of `remote.<name>.<what>`, checked; a relative local path is made absolute. */
function checkUrl(root: string, remote: string, what: string, values: string[]): string {
  const bad = (why: string) =>
    new AutolabError(`cannot push to remote ${remote}: remote.${remote}.${what} ${why}`, {
      file: root,
      hint: `check it with git config --get-all remote.${remote}.${what}`,
    });
  if (values.length === 0) throw bad("is not set");
  if (values.length > 1) throw bad(`has ${values.length} values (one is expected)`);
  const url = values[0];
  const problem = transportProblem(url);
  if (problem) throw bad(problem);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url) || /^[^/]*:/.test(url)) return url; // a URL, or scp-like host:path
  return path.resolve(root, url);
}

/** Why `url` is not a plain transport (a remote helper runs a program), or undefined when it is one. */
export function transportProblem(url: string): string | undefined {
  if ([...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "contains control characters";
  if (url.startsWith("-")) return "starts with '-'";
  if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(url))
    return `uses a remote helper (${url.split("::")[0]}::), which runs a program`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*:)\/\//.exec(url)?.[1].toLowerCase();
  if (scheme && !SCHEMES.has(scheme)) return `uses the transport ${scheme} (https, http, ssh, git or file expected)`;
  return undefined;
}

/** The http(s) URL without user-info, query, fragment or trailing slashes; undefined for other transports. */
function httpScope(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/+$/, "");
}

/** Inside GitHub Actions: the workflow's own repository URL. */
export function workflowRepositoryUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_ACTIONS !== "true" || !env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY) return undefined;
  return `${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`;
}

function sameRepository(a: string, b: string): boolean {
  const norm = (s: string) => {
    const u = new URL(s);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname
      .replace(/\/+$/, "")
      .replace(/\.git$/, "")
      .toLowerCase()}`;
  };
  try {
    return norm(a) === norm(b);
  } catch {
    return false;
  }
}

/**
 * Run `fn` in a fresh git directory of our own that uses the repository's
 * object store: its config is ours (no hooks, no gc, the repository's object
 * format), its refs are `haves` (for fetch negotiation); `shallow` is copied.
 */
async function inPrivateGitDir<T>(
  ctx: RemoteTarget,
  haves: string[],
  fn: (dir: string, env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const common = (
    await git(ctx.root, ["rev-parse", "--git-common-dir"], { what: "locating the git directory" })
  ).stdout.trim();
  const commonDir = path.resolve(ctx.root, common);
  const format = (await git(ctx.root, ["rev-parse", "--show-object-format"], { allowFailure: true })).stdout.trim();
  const dir = await mkdtemp(path.join(tmpdir(), "autolab-net-"));
  try {
    for (const d of ["refs/heads", "refs/tags", "refs/autolab"]) mkdirSync(path.join(dir, d), { recursive: true });
    writeFileSync(path.join(dir, "HEAD"), "ref: refs/heads/autolab-none\n");
    const sha256 = format === "sha256";
    writeFileSync(
      path.join(dir, "config"),
      `[core]\n\trepositoryformatversion = ${sha256 ? 1 : 0}\n\tbare = true\n` +
        (sha256 ? "[extensions]\n\tobjectformat = sha256\n" : "") +
        "[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n",
    );
    haves.forEach((sha, i) => {
      if (/^[0-9a-f]{40,64}$/.test(sha)) writeFileSync(path.join(dir, "refs/heads", `have${i}`), sha + "\n");
    });
    const shallow = path.join(commonDir, "shallow");
    if (existsSync(shallow)) {
      const text = readFileSync(shallow, "utf8");
      if (/^(?:[0-9a-f]{40,64}\n)*$/.test(text)) writeFileSync(path.join(dir, "shallow"), text);
    }
    return await fn(dir, { GIT_DIR: dir, GIT_OBJECT_DIRECTORY: path.join(commonDir, "objects") });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
