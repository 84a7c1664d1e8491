/**
 * The one GitHub API client of the tool: `@actions/github`'s Octokit with
 * Octokit's own retry and throttling plugins, and a per-command budget of API
 * calls. Every GitHub call of the action (check runs, annotations, tracking
 * issue comments) goes through an Octokit made here.
 *
 * - **Retry** (`@octokit/plugin-retry`): a request that fails with a server
 *   error (5xx) or a network error is retried twice, after 1 s and 4 s; a
 *   4xx that retrying cannot fix (400, 401, 403, 404, 410, 422, 451) is not.
 * - **Throttling** (`@octokit/plugin-throttling`): writes (POST/PATCH/PUT/
 *   DELETE) go out one at a time at least a second apart, as GitHub asks of
 *   integrations to stay clear of its secondary rate limits; a request that
 *   hits the primary or a secondary rate limit waits for the time GitHub names
 *   and is retried once when that is at most `MAX_RATE_LIMIT_WAIT_S`, else it
 *   fails (a tick never sleeps for an hour).
 * - **Budget** (`ApiBudget`): each call the tool starts counts one (a retry
 *   does not start a new call, but is counted in `attempts`); once `limit`
 *   calls were started, the next one is refused with `ApiBudgetExhausted`
 *   before anything is sent. The callers spend it worst-first and say in
 *   the job summary what was left for the next tick.
 */
import type { getOctokit } from "@actions/github";
import { AutolabError } from "../util/errors.js";

export type Octokit = ReturnType<typeof getOctokit>;

/** Calls one monitor tick (or any other command) may start, by default. */
export const DEFAULT_API_CALLS_PER_TICK = 40;
/** A rate-limited request is retried once only when GitHub asks us to wait at most this long. */
export const MAX_RATE_LIMIT_WAIT_S = 60;
/** Retries of a request that failed with a server or network error. */
export const API_RETRIES = 2;

export interface ApiBudget {
  /** Calls the command may start. */
  readonly limit: number;
  /** Calls started (each counts once, however often it was retried). */
  used: number;
  /** HTTP requests sent, retries included. */
  attempts: number;
  /** Calls refused because the budget was spent. */
  refused: number;
  /** Rate-limit waits GitHub asked for (seconds), for the summary. */
  rateLimited: number[];
}

export function apiBudget(limit = DEFAULT_API_CALLS_PER_TICK): ApiBudget {
  return { limit: Math.max(0, Math.floor(limit)), used: 0, attempts: 0, refused: 0, rateLimited: [] };
}

/** Calls still left in `b`. */
export function remaining(b: ApiBudget): number {
  return Math.max(0, b.limit - b.used);
}

/** A call refused because the command's API budget was spent; nothing was sent. */
export class ApiBudgetExhausted extends AutolabError {
  constructor(b: ApiBudget, what: string) {
    super(`GitHub API budget of ${b.limit} call(s) for this tick is spent: ${what} was not sent`, {
      hint: "the next tick goes on where this one stopped",
    });
    this.name = "ApiBudgetExhausted";
  }
}

export function isBudgetExhausted(e: unknown): e is ApiBudgetExhausted {
  return e instanceof ApiBudgetExhausted || (e as { name?: unknown })?.name === "ApiBudgetExhausted";
}

export interface ClientOptions {
  /** The budget calls are counted against; default: a fresh one of `DEFAULT_API_CALLS_PER_TICK`. */
  budget?: ApiBudget;
  /** Where the plugins' warnings go (rate limits); default: nowhere. */
  warn?: (message: string) => void;
  /** Space writes and wait out rate limits (default true; unit tests of other behaviour turn it off). */
  throttle?: boolean;
}

type Hooked = {
  hook: {
    before(name: "request", fn: (options: { method?: string; url?: string }) => void): void;
    wrap(name: "request", fn: (request: (o: unknown) => Promise<unknown>, options: unknown) => Promise<unknown>): void;
  };
};

/**
 * An Octokit for `token` talking to `apiUrl` (GITHUB_API_URL; a local mock
 * server in tests), with retry, throttling and `budget`. Loaded on first use:
 * the HTTP client (tls, https) is the larger part of the action's start-up,
 * and most commands never need it.
 */
export async function createOctokit(
  token: string,
  apiUrl = "https://api.github.com",
  o: ClientOptions = {},
): Promise<Octokit> {
  const [github, { retry }, { throttling }] = await Promise.all([
    import("@actions/github"),
    import("@octokit/plugin-retry"),
    import("@octokit/plugin-throttling"),
  ]);
  const budget = o.budget ?? apiBudget();
  const warn = o.warn ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
      budget.rateLimited.push(retryAfter);
      const again = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      warn(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter} s` : `not retried (GitHub asks to wait ${retryAfter} s)`}`,
      );
      return again;
    };
  // Counts every HTTP attempt: registered first, so it is the innermost wrap (retries pass through it again).
  const countAttempts = (octokit: unknown) => {
    (octokit as Hooked).hook.wrap("request", (request, options) => {
      budget.attempts++;
      return request(options);
    });
    return {};
  };
  const octokit = github.getOctokit(
    token,
    {
      baseUrl: apiUrl.replace(/\/+$/, ""),
      retry: { retries: API_RETRIES },
      throttle: {
        enabled: o.throttle ?? true,
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
      },
    } as Parameters<typeof github.getOctokit>[1],
    countAttempts as never,
    retry,
    throttling,
  );
  // Registered last: the outermost hook, once per call the tool starts.
  (octokit as unknown as Hooked).hook.before("request", (options) => {
    if (budget.used >= budget.limit) {
      budget.refused++;
      throw new ApiBudgetExhausted(budget, `${options.method ?? "?"} ${options.url ?? "?"}`);
    }
    budget.used++;
  });
  return octokit;
}

function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown })?.status;
  return typeof s === "number" ? s : undefined;
}

export { httpStatus };

/** The token may not do this (a fork's read-only token, or missing `permissions:`). */
export function isForbidden(e: unknown): boolean {
  const s = httpStatus(e);
  return s === 403 || s === 404;
}

/** An AutolabError saying which call failed and how (the budget's own error is passed through). */
export function apiError(what: string, e: unknown, permission = "checks: write"): AutolabError {
  if (isBudgetExhausted(e)) return e;
  const status = httpStatus(e);
  return new AutolabError(
    `GitHub API: ${what} failed${status ? ` (HTTP ${status})` : ""}: ${(e as Error)?.message ?? e}`,
    {
      cause: e,
      hint: status === 403 || status === 404 ? `give the workflow \`permissions: ${permission}\`` : undefined,
    },
  );
}
