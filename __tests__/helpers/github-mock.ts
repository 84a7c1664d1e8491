/**
 * A local stand-in for api.github.com that checks every request against
 * GitHub's published OpenAPI description (`@octokit/openapi`, dereferenced).
 *
 * Each request's method and path are matched against the description's paths
 * (templated segments match one URL segment; literal segments win), its path
 * and query parameters are checked against the operation's parameters, and its
 * JSON body against the operation's requestBody schema with ajv. Every request
 * is recorded as `{method, path, query, operationId, body, valid, errors,
 * status}`; tests assert `mock.invalid()` is empty.
 *
 * The description is OpenAPI 3.0 flavoured JSON Schema: ajv runs with
 * `strict: false` (unknown keywords such as `example`, `x-*` are ignored;
 * `nullable` is understood by ajv). A schema ajv cannot compile makes that one
 * operation's body unchecked; it is listed in `mock.degraded` (and tests can
 * assert which operations they relied on were really checked).
 *
 * Answers: the check-run endpoints are stateful (create returns `{id, ...}`,
 * update merges and appends annotations, list-for-ref filters by sha, name and
 * status); other operations answer with the description's own example for the
 * first 2xx response. Unknown routes answer 404, invalid requests 422.
 * `actions/list-workflow-runs` counts what `workflowRuns` says per status,
 * dispatches answer 204, and issue comments get fresh ids.
 * `forbidCheckRuns` makes check-run creation answer 403 "Resource not
 * accessible by integration", as GitHub does for a fork's pull request.
 * `failNext(operationId, times, status)` makes the next `times` valid requests
 * of that operation answer `status` (default 502) without acting on them: a
 * GitHub hiccup, for retry and drift tests; with `headers` (a rate limit:
 * `x-ratelimit-remaining: 0` and `x-ratelimit-reset`, or `retry-after`) the
 * answer carries them as GitHub's does. The mock also counts how many
 * requests of each operation reached it (`byOperation`).
 *
 * The server runs in the test process: a child process (`node dist/index.js`)
 * can talk to it only while the test awaits the child asynchronously.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- the spec

interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<
    string,
    {
      content?: Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> }>;
    }
  >;
}

interface Route {
  method: string;
  template: string;
  segments: string[];
  literalCount: number;
  op: OpenApiOperation;
}

interface Spec {
  routes: Route[];
}

let specPromise: Promise<Spec> | undefined;

/** Load and index the OpenAPI description once per process. */
export function loadOpenApi(): Promise<Spec> {
  specPromise ??= (async () => {
    const file = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const routes: Route[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      const segments = template.split("/").slice(1);
      const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
      for (const [method, op] of Object.entries(item)) {
        if (!["get", "put", "post", "delete", "patch", "head", "options"].includes(method)) continue;
        const o = op as OpenApiOperation;
        routes.push({
          method: method.toUpperCase(),
          template,
          segments,
          literalCount: segments.filter((s) => !s.startsWith("{")).length,
          op: { ...o, parameters: [...shared, ...(o.parameters ?? [])] },
        });
      }
    }
    // Most literal segments first, so `/check-runs/{id}/annotations` is not taken by a template.
    routes.sort((a, b) => b.literalCount - a.literalCount);
    return { routes };
  })();
  return specPromise;
}

function matchRoute(
  spec: Spec,
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const parts = path.split("/").slice(1);
  for (const route of spec.routes) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = route.segments[i];
      const m = /^\{(.+)\}$/.exec(seg);
      if (m) {
        if (!parts[i]) ok = false;
        else params[m[1]] = decodeURIComponent(parts[i]);
      } else if (seg !== parts[i]) ok = false;
    }
    if (ok) return { route, params };
  }
  return undefined;
}

// ---------------------------------------------------------------- validation

const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat("uri", /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
for (const f of [
  "email",
  "hostname",
  "uuid",
  "int32",
  "int64",
  "binary",
  "byte",
  "password",
  "repo.nwo",
  "uri-template",
  "ipv4",
  "ipv6",
]) {
  ajv.addFormat(f, true);
}

const bodyValidators = new Map<Route, ValidateFunction | null>();
const degradedOps = new Set<string>();

function bodyValidator(route: Route): ValidateFunction | null {
  const cached = bodyValidators.get(route);
  if (cached !== undefined) return cached;
  const schema = route.op.requestBody?.content?.["application/json"]?.schema;
  let v: ValidateFunction | null = null;
  if (schema) {
    try {
      v = ajv.compile(schema as object);
    } catch {
      degradedOps.add(route.op.operationId ?? `${route.method} ${route.template}`);
    }
  }
  bodyValidators.set(route, v);
  return v;
}

function formatAjvErrors(v: ValidateFunction, where: string): string[] {
  return (v.errors ?? []).map(
    (e) => `${where}${e.instancePath || ""} ${e.message ?? "invalid"}${e.params ? " " + JSON.stringify(e.params) : ""}`,
  );
}

function coerceParam(raw: string, schema: Record<string, unknown> | undefined): unknown {
  const t = schema?.type;
  if (t === "integer" || t === "number") return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (t === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  if (t === "array") return raw.split(",");
  return raw;
}

const paramValidators = new WeakMap<object, ValidateFunction | null>();
function checkParam(p: OpenApiParameter, raw: string, errors: string[]): void {
  if (!p.schema) return;
  let v = paramValidators.get(p.schema);
  if (v === undefined) {
    try {
      v = ajv.compile(p.schema);
    } catch {
      v = null;
    }
    paramValidators.set(p.schema, v);
  }
  if (v && !v(coerceParam(raw, p.schema))) errors.push(...formatAjvErrors(v, `${p.in} parameter ${p.name}`));
}

// ---------------------------------------------------------------- state

export interface RecordedRequest {
  method: string;
  /** URL path without the query string. */
  path: string;
  query: Record<string, string>;
  operationId?: string;
  /** Parsed JSON body (undefined when there was none). */
  body: unknown;
  valid: boolean;
  errors: string[];
  /** Status the mock answered with. */
  status: number;
  /** An Authorization header was present. */
  authenticated: boolean;
}

export interface MockAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface MockCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  annotations: MockAnnotation[];
  /** Number of create/update requests that touched it. */
  writes: number;
}

export interface GithubMockOptions {
  /** Answer check-run creation with 403 "Resource not accessible by integration" (a fork's read-only token). */
  forbidCheckRuns?: boolean;
  /** What `actions/list-workflow-runs` counts per status (`in_progress`, `queued`); default none. */
  workflowRuns?: Record<string, number>;
}

export interface GithubMock {
  /** Base URL for GITHUB_API_URL / Octokit's baseUrl, e.g. http://127.0.0.1:43210 */
  url: string;
  requests: RecordedRequest[];
  /** Requests that did not match the description (unknown route, bad parameter, bad body). */
  invalid(): RecordedRequest[];
  /** Requests of one operation, e.g. `checks/update`. */
  byOperation(operationId: string): RecordedRequest[];
  checkRuns: Map<number, MockCheckRun>;
  /** Operations whose body schema could not be compiled (their bodies were not checked). */
  degraded: Set<string>;
  options: GithubMockOptions;
  /** The next `times` valid requests of `operationId` answer `status` (default 502 Bad Gateway) and change nothing. */
  failNext(operationId: string, times?: number, status?: number, headers?: Record<string, string>): void;
  /** Faults still armed, by operation. */
  faults: Map<string, { times: number; status: number; headers?: Record<string, string> }>;
  close(): Promise<void>;
}

interface Ctx {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown>;
  mock: GithubMock;
  baseUrl: string;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

function checkRunView(r: MockCheckRun, baseUrl: string, owner: string, repo: string): Record<string, unknown> {
  return {
    id: r.id,
    node_id: `CR_${r.id}`,
    name: r.name,
    head_sha: r.head_sha,
    external_id: r.external_id,
    url: `${baseUrl}/repos/${owner}/${repo}/check-runs/${r.id}`,
    html_url: `https://github.com/${owner}/${repo}/runs/${r.id}`,
    details_url: r.details_url,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.started_at,
    completed_at: r.completed_at,
    output: {
      ...r.output,
      annotations_url: `${baseUrl}/repos/${owner}/${repo}/check-runs/${r.id}/annotations`,
    },
    check_suite: { id: 1 },
    app: { id: 15368, slug: "github-actions", name: "GitHub Actions" },
    pull_requests: [],
  };
}

function applyCheckRunFields(r: MockCheckRun, body: Record<string, unknown>): void {
  for (const k of ["name", "external_id", "details_url", "started_at", "completed_at"] as const) {
    if (typeof body[k] === "string") (r as unknown as Record<string, unknown>)[k] = body[k];
  }
  if (typeof body.status === "string") r.status = body.status;
  if (typeof body.conclusion === "string") {
    r.conclusion = body.conclusion;
    r.status = "completed";
  }
  const out = body.output as Record<string, unknown> | undefined;
  if (out) {
    for (const k of ["title", "summary", "text"] as const)
      if (typeof out[k] === "string") r.output[k] = out[k] as string;
    if (Array.isArray(out.annotations)) r.annotations.push(...(out.annotations as MockAnnotation[]));
    r.output.annotations_count = r.annotations.length;
  }
  r.writes++;
}

let nextCheckRunId = 1000;

let nextCommentId = 5000;

const HANDLERS: Record<string, (c: Ctx) => Reply> = {
  "actions/list-workflow-runs": (c) => ({
    status: 200,
    body: { total_count: c.mock.options.workflowRuns?.[c.query.status ?? ""] ?? 0, workflow_runs: [] },
  }),
  "actions/create-workflow-dispatch": () => ({ status: 204 }),
  "issues/create-comment": (c) => {
    const id = nextCommentId++;
    return {
      status: 201,
      body: {
        id,
        node_id: `IC_${id}`,
        url: `${c.baseUrl}/repos/${c.params.owner}/${c.params.repo}/issues/comments/${id}`,
        html_url: `https://github.com/${c.params.owner}/${c.params.repo}/issues/${c.params.issue_number}#issuecomment-${id}`,
        body: String(c.body.body ?? ""),
        user: null,
        created_at: "2026-12-03T12:00:00Z",
        updated_at: "2026-12-03T12:00:00Z",
        issue_url: `${c.baseUrl}/repos/${c.params.owner}/${c.params.repo}/issues/${c.params.issue_number}`,
        author_association: "NONE",
      },
    };
  },
  "checks/create": (c) => {
    if (c.mock.options.forbidCheckRuns) {
      return {
        status: 403,
        body: {
          message: "Resource not accessible by integration",
          documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run",
          status: "403",
        },
      };
    }
    const r: MockCheckRun = {
      id: nextCheckRunId++,
      name: String(c.body.name),
      head_sha: String(c.body.head_sha),
      external_id: "",
      status: "queued",
      conclusion: null,
      started_at: null,
      completed_at: null,
      details_url: null,
      output: { title: null, summary: null, text: null, annotations_count: 0 },
      annotations: [],
      writes: 0,
    };
    applyCheckRunFields(r, c.body);
    c.mock.checkRuns.set(r.id, r);
    return { status: 201, body: checkRunView(r, c.baseUrl, c.params.owner, c.params.repo) };
  },
  "checks/update": (c) => {
    const r = c.mock.checkRuns.get(Number(c.params.check_run_id));
    if (!r) return { status: 404, body: { message: "Not Found" } };
    applyCheckRunFields(r, c.body);
    return { status: 200, body: checkRunView(r, c.baseUrl, c.params.owner, c.params.repo) };
  },
  "checks/get": (c) => {
    const r = c.mock.checkRuns.get(Number(c.params.check_run_id));
    if (!r) return { status: 404, body: { message: "Not Found" } };
    return { status: 200, body: checkRunView(r, c.baseUrl, c.params.owner, c.params.repo) };
  },
  "checks/list-annotations": (c) => {
    const r = c.mock.checkRuns.get(Number(c.params.check_run_id));
    if (!r) return { status: 404, body: { message: "Not Found" } };
    return { status: 200, body: r.annotations.map((a) => ({ blob_href: "", ...a })) };
  },
  "checks/list-for-ref": (c) => {
    let runs = [...c.mock.checkRuns.values()].filter((r) => r.head_sha === c.params.ref);
    if (c.query.check_name) runs = runs.filter((r) => r.name === c.query.check_name);
    if (c.query.status) runs = runs.filter((r) => r.status === c.query.status);
    if ((c.query.filter ?? "latest") === "latest") {
      const latest = new Map<string, MockCheckRun>();
      for (const r of runs) latest.set(r.name, r); // ids grow, so the last one wins
      runs = [...latest.values()];
    }
    runs.sort((a, b) => b.id - a.id);
    const perPage = Math.min(Number(c.query.per_page ?? 30), 100);
    const page = Number(c.query.page ?? 1);
    const slice = runs.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: {
        total_count: runs.length,
        check_runs: slice.map((r) => checkRunView(r, c.baseUrl, c.params.owner, c.params.repo)),
      },
    };
  },
};

function exampleReply(route: Route): Reply {
  const responses = route.op.responses ?? {};
  const code = Object.keys(responses).find((k) => /^2\d\d$/.test(k)) ?? "200";
  const content = responses[code]?.content?.["application/json"];
  const example = content?.example ?? Object.values(content?.examples ?? {})[0]?.value;
  return { status: Number(code), body: code === "204" ? undefined : (example ?? {}) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...reply.headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Start the mock on 127.0.0.1 with an ephemeral port. */
export async function startGithubMock(options: GithubMockOptions = {}): Promise<GithubMock> {
  const spec = await loadOpenApi();
  const mock: GithubMock = {
    url: "",
    requests: [],
    invalid: () => mock.requests.filter((r) => !r.valid),
    byOperation: (id) => mock.requests.filter((r) => r.operationId === id),
    checkRuns: new Map(),
    degraded: degradedOps,
    options,
    faults: new Map(),
    failNext: (operationId, times = 1, status = 502, headers) => {
      mock.faults.set(operationId, { times, status, headers });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, rec: RecordedRequest): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const query = Object.fromEntries(url.searchParams.entries());
    Object.assign(rec, {
      method,
      path: url.pathname,
      query,
      body: undefined,
      valid: true,
      errors: [],
      status: 0,
      authenticated: typeof req.headers.authorization === "string" && req.headers.authorization.length > 0,
    });
    const raw = await readBody(req);
    const fail = (status: number, message: string) => {
      rec.valid = false;
      rec.status = status;
      send(res, { status, body: { message, errors: rec.errors } });
    };

    if (raw.length) {
      try {
        rec.body = JSON.parse(raw);
      } catch {
        rec.errors.push("body is not JSON");
        return fail(400, "Problems parsing JSON");
      }
    }
    const found = matchRoute(spec, method, url.pathname);
    if (!found) {
      rec.errors.push(`no operation ${method} ${url.pathname} in GitHub's OpenAPI description`);
      return fail(404, "Not Found");
    }
    const { route, params } = found;
    rec.operationId = route.op.operationId;

    // Parameters.
    const declared = route.op.parameters ?? [];
    for (const p of declared) {
      if (p.in === "path") checkParam(p, params[p.name] ?? "", rec.errors);
      if (p.in === "query") {
        if (query[p.name] !== undefined) checkParam(p, query[p.name], rec.errors);
        else if (p.required) rec.errors.push(`query parameter ${p.name} is required`);
      }
    }
    for (const k of Object.keys(query)) {
      if (!declared.some((p) => p.in === "query" && p.name === k)) rec.errors.push(`unknown query parameter ${k}`);
    }

    // Body.
    const rb = route.op.requestBody;
    if (rb) {
      const ctype = String(req.headers["content-type"] ?? "");
      if (rec.body === undefined) {
        if (rb.required) rec.errors.push("request body is required");
      } else if (rb.content?.["application/json"]) {
        if (!ctype.startsWith("application/json"))
          rec.errors.push(`content-type ${ctype || "(none)"} is not application/json`);
        const v = bodyValidator(route);
        if (v && !v(rec.body)) rec.errors.push(...formatAjvErrors(v, "body"));
      }
    } else if (rec.body !== undefined) {
      rec.errors.push(`${route.op.operationId} takes no request body`);
    }
    if (rec.errors.length) return fail(422, "Validation Failed");

    const fault = route.op.operationId ? mock.faults.get(route.op.operationId) : undefined;
    if (fault && fault.times > 0) {
      if (--fault.times === 0) mock.faults.delete(route.op.operationId!);
      rec.status = fault.status;
      rec.errors.push(`injected fault: HTTP ${fault.status}`);
      const message = fault.headers?.["retry-after"]
        ? "You have exceeded a secondary rate limit (injected by the test)"
        : fault.headers
          ? "API rate limit exceeded (injected by the test)"
          : "Server Error (injected by the test)";
      send(res, { status: fault.status, body: { message }, headers: fault.headers });
      return;
    }

    const handler = route.op.operationId ? HANDLERS[route.op.operationId] : undefined;
    const reply = handler
      ? handler({ params, query, body: (rec.body ?? {}) as Record<string, unknown>, mock, baseUrl: mock.url })
      : exampleReply(route);
    rec.status = reply.status;
    send(res, reply);
  };

  const server = createServer((req, res) => {
    const rec: RecordedRequest = {
      method: "",
      path: "",
      query: {},
      body: undefined,
      valid: true,
      errors: [],
      status: 0,
      authenticated: false,
    };
    mock.requests.push(rec);
    handle(req, res, rec).catch((e: unknown) => {
      rec.valid = false;
      rec.errors.push(`mock error: ${(e as Error).message}`);
      if (!res.headersSent) send(res, { status: 500, body: { message: String(e) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mock;
}
