/**
 * The GitHub Actions context the action runs in (event, repository, commit,
 * API URL), read from the runner's environment, and the rule that keeps code
 * from pull requests and forks away from the cluster: launch, monitor and
 * cancel refuse to run on pull-request events or fork payloads.
 */
import { readFileSync } from "node:fs";
import { AutolabError } from "../util/errors.js";

export interface ActionContext {
  eventName: string;
  eventPath?: string;
  /** The webhook payload of the event (empty object when there is none). */
  payload: Record<string, unknown>;
  repository: { owner: string; repo: string };
  sha: string;
  ref: string;
  /** GITHUB_API_URL, default https://api.github.com */
  apiUrl: string;
  /** GITHUB_SERVER_URL, default https://github.com */
  serverUrl: string;
  runId: string;
  workflow: string;
  /** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/<file>@<ref>`. */
  workflowRef: string;
  actor: string;
  /** The event carries code from a fork (a fork's pull request, or a workflow_run started by one). */
  isFork: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Does the payload show code coming from another repository than the one the workflow runs in? */
export function payloadIsFork(payload: Obj): boolean {
  const baseName = str(obj(payload.repository)?.full_name);
  const pr = obj(payload.pull_request);
  if (pr) {
    const head = obj(pr.head);
    const headRepo = obj(head?.repo);
    // A deleted fork leaves head.repo null: treat it as a fork.
    if (head && !headRepo) return true;
    if (headRepo?.fork === true) return true;
    const headName = str(headRepo?.full_name);
    const prBaseName = str(obj(obj(pr.base)?.repo)?.full_name) ?? baseName;
    if (headName && prBaseName && headName.toLowerCase() !== prBaseName.toLowerCase()) return true;
  }
  const wr = obj(payload.workflow_run);
  if (wr) {
    const headName = str(obj(wr.head_repository)?.full_name);
    const runBase = str(obj(wr.repository)?.full_name) ?? baseName;
    if (headName && runBase && headName.toLowerCase() !== runBase.toLowerCase()) return true;
  }
  return false;
}

/** Read the context from the runner's environment variables and event file. */
export function readActionContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const eventPath = env.GITHUB_EVENT_PATH || undefined;
  let payload: Obj = {};
  if (eventPath) {
    let text: string;
    try {
      text = readFileSync(eventPath, "utf8");
    } catch (e) {
      throw new AutolabError(`cannot read the event payload: ${(e as Error).message}`, {
        file: eventPath,
        hint: "GITHUB_EVENT_PATH is set by the runner; unset it outside GitHub Actions",
      });
    }
    try {
      payload = obj(JSON.parse(text)) ?? {};
    } catch (e) {
      throw new AutolabError(`event payload is not valid JSON: ${(e as Error).message}`, { file: eventPath });
    }
  }
  let owner: string | undefined;
  let repo: string | undefined;
  const full = env.GITHUB_REPOSITORY;
  if (full) {
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(full);
    if (!m) throw new AutolabError(`GITHUB_REPOSITORY ${JSON.stringify(full)} is not owner/repo`);
    [owner, repo] = [m[1], m[2]];
  } else {
    const r = obj(payload.repository);
    owner = str(obj(r?.owner)?.login);
    repo = str(r?.name);
  }
  if (!owner || !repo) {
    throw new AutolabError("cannot tell which repository this is: GITHUB_REPOSITORY is not set", {
      hint: "run inside GitHub Actions, or set GITHUB_REPOSITORY=owner/repo",
    });
  }
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    eventPath,
    payload,
    repository: { owner, repo },
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    runId: env.GITHUB_RUN_ID ?? "",
    workflow: env.GITHUB_WORKFLOW ?? "",
    workflowRef: env.GITHUB_WORKFLOW_REF ?? "",
    actor: env.GITHUB_ACTOR ?? "",
    isFork: payloadIsFork(payload),
  };
}

/** Events whose code comes from a pull request (possibly a fork's). */
export const PULL_REQUEST_EVENTS = [
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
] as const;

/**
 * The commit whose policy governs a verify run of a pull request's code: on a
 * pull-request event (PULL_REQUEST_EVENTS) the base commit the pull request is
 * compared with (`pull_request.base.sha`); on `merge_group` (a merge queue
 * testing pull requests before they land) the queue's base
 * (`merge_group.base_sha`). Undefined on other events (their code is the
 * branch's own); an AutolabError when such an event's payload does not name
 * it (the verifier then refuses to guess which policy governs).
 */
export function pullRequestBaseSha(
  ctx: Pick<ActionContext, "eventName" | "payload" | "eventPath">,
): string | undefined {
  const queue = ctx.eventName === "merge_group";
  if (!queue && !(PULL_REQUEST_EVENTS as readonly string[]).includes(ctx.eventName)) return undefined;
  const field = queue ? "merge_group.base_sha" : "pull_request.base.sha";
  const sha = queue ? str(obj(ctx.payload.merge_group)?.base_sha) : str(obj(obj(ctx.payload.pull_request)?.base)?.sha);
  if (sha && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha)) return sha.toLowerCase();
  throw new AutolabError(
    `the ${ctx.eventName} event's payload names no base commit (${field}): ` +
      "the verifier takes a pull request's requirements from its base branch's policy",
    { file: ctx.eventPath, hint: "GitHub's payloads for this event carry it; check GITHUB_EVENT_PATH" },
  );
}

/**
 * The events whose code is the repository's own: only a person with write
 * access (workflow_dispatch, repository_dispatch), the default branch
 * (schedule) or a push to the repository starts them. Every other event —
 * issue_comment on a pull request, check_run/check_suite, workflow_run,
 * pull_request*, and any event GitHub adds later — is untrusted.
 */
export const TRUSTED_EVENTS = ["workflow_dispatch", "schedule", "push", "repository_dispatch"] as const;

/** Commands that talk to the cluster or write the ledger: they run only on TRUSTED_EVENTS (add a new such command here). */
export const PRIVILEGED_COMMANDS = ["launch", "monitor", "cancel", "watch"] as const;

/** Is this a privileged command (PRIVILEGED_COMMANDS)? */
export function isPrivilegedCommand(command: string): boolean {
  return (PRIVILEGED_COMMANDS as readonly string[]).includes(command);
}

/** The event is one of TRUSTED_EVENTS and its payload carries no fork's code. */
export function eventIsTrusted(ctx: Pick<ActionContext, "eventName" | "isFork">): boolean {
  return (TRUSTED_EVENTS as readonly string[]).includes(ctx.eventName) && !ctx.isFork;
}

/**
 * Refuse the privileged commands (launch, monitor, cancel, watch) on every
 * event but TRUSTED_EVENTS (an allow-list: an event not named is refused)
 * and on fork payloads: they run on a self-hosted runner with access to a
 * cluster, which must never run code from a pull request or a fork. Other
 * commands pass.
 */
export function assertTrustedEvent(ctx: Pick<ActionContext, "eventName" | "isFork">, command: string): void {
  if (!isPrivilegedCommand(command)) return;
  const why = "a runner on a cluster must never run code from a pull request or a fork";
  const allowed = TRUSTED_EVENTS.join(", ");
  if ((PULL_REQUEST_EVENTS as readonly string[]).includes(ctx.eventName)) {
    throw new AutolabError(`refusing to ${command} on a ${ctx.eventName} event: ${why}`, {
      hint:
        `run ${command} from ${allowed} on your own branches; ` +
        "on pull requests use `command: verify` on a GitHub-hosted runner",
    });
  }
  if (ctx.isFork) {
    throw new AutolabError(
      `refusing to ${command}: the ${ctx.eventName || "triggering"} event carries code from a fork: ${why}`,
      { hint: `run ${command} only from events of this repository (${allowed})` },
    );
  }
  if (!(TRUSTED_EVENTS as readonly string[]).includes(ctx.eventName)) {
    throw new AutolabError(
      `refusing to ${command} on a ${ctx.eventName ? `${ctx.eventName} event` : "run with no GITHUB_EVENT_NAME"}: ` +
        `${command} runs only on ${allowed} (events another person's pull request cannot start); ${why}`,
      { hint: `trigger the workflow with one of: ${allowed}` },
    );
  }
}
