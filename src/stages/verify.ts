/**
 * The verifier: `autolab verify --stage launch|slurm_monitor|extract_results`
 * (and the action's `command: verify`). It runs the checks the effective
 * verifier policy (`.autolab/verifier_policy.yaml`, over the preset, over the
 * built-in defaults) requires at the stage, and returns findings. Every
 * finding names its check, a severity, a message, a hint saying what to fix,
 * and the file, line and column of the offending JSON key or YAML node.
 *
 * A check runs when the stage is listed for it AND the policy sets
 * `requirements_by_stage.<stage>.<category>: true` (built-in defaults: schema
 * and consistency at every stage; env_smoke, tests and dry_run off; the
 * `slurm` preset adds env_smoke at launch/slurm_monitor and dry_run at launch).
 *
 * | check                  | category    | stages     | what                                                                   |
 * |------------------------|-------------|------------|------------------------------------------------------------------------|
 * | manifest.schema        | schema      | all        | run_manifest.json parses and matches schemas/run_manifest.schema.json  |
 * | manifest.job_id        | schema      | all        | a SLURM run records its job id (the same one wherever it is copied)    |
 * | design.schema          | schema      | all        | the iteration's design.yaml parses and matches its schema              |
 * | manifest.identity      | consistency | all        | run_id / iteration_id equal the run and iteration directory names      |
 * | manifest.path          | consistency | all        | paths recorded in the manifest stay inside the repository             |
 * | design.location        | consistency | all        | design.yaml exists; compute.location = host_mode of the newest run     |
 * | ledger                 | consistency | all        | docs/slurm_job_list.md exists and holds the run's canonical line       |
 * | sync.status            | consistency | all        | artifact_sync_to_local.status set, known, canonical, fits the status   |
 * | status.completed_at    | consistency | all        | completed_at present exactly when the run ended, not before started_at |
 * | status.timestamps      | consistency | all        | timestamps not in the future; top-level copies agree                   |
 * | env_smoke.run_dir      | env_smoke   | all        | the run's job script is in its run directory                           |
 * | env_smoke.logs         | env_smoke   | all        | logs/ exists once the job may have started; the job's log is there     |
 * | env_smoke.sentinel     | env_smoke   | all        | job_sentinel.json agrees with the status (exit 0 for completed, ...)   |
 * | metrics.schema         | schema      | extract    | metrics.json exists (extract_results.require_metrics) and is valid     |
 * | metrics.finite         | schema      | extract    | no NaN / Infinity (nor as text)                                        |
 * | metrics.placeholder    | schema      | extract    | no placeholder text (TODO, TBD, <...>, {{...}}, ...)                   |
 * | metrics.identity       | consistency | extract    | metrics run_id / iteration_id match the run                            |
 * | metrics.sync           | consistency | extract    | status completed only with a success-like sync and a run not failed    |
 * | policy.test_command    | tests       | all        | the policy's test_command exits 0                                      |
 * | policy.dry_run_command | dry_run     | all        | the policy's dry_run_command exits 0                                   |
 *
 * Always reported: `discover.*` (odd entries under experiments/, see
 * discover.ts), `policy.schema` (the policy file itself), `path.outside`
 * (a file the verifier would read is a symlink leaving the repository).
 * Metrics checks apply to runs that ended (synced, completed, failed,
 * partial); design.location to the newest run of each iteration (older runs
 * may predate a design change).
 *
 * Policy commands: the command line is split into argv first (quote-aware,
 * no expansion, shell operators refused: see placeholders.ts), then these
 * placeholders are substituted inside each argument:
 *   {{python_bin}}      the policy's python_bin
 *   {{iteration_id}}    --iteration, else .autolab/state.json iteration_id, else the
 *                       only iteration among the runs checked
 *   {{iteration_path}}  that iteration's directory, repository-relative
 *   {{run_id}}          --run-id, else state.json last_run_id, else the iteration's newest run
 * The program runs by argv (never a shell) from the repository root with the
 * policy's launch.check_timeout_seconds; a non-zero exit is an error finding
 * with the tail of its output. No value read from the repository reaches a
 * shell: the only commands run are the user's own declared ones.
 */
import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { manifestJobId, manifestStatus } from "../contract/manifest.js";
import { loadPolicy, POLICY_PATH, requiresCheck, expandPlaceholders, type Policy } from "../contract/policy.js";
import { resolveIteration, type DesignExt } from "../contract/design.js";
import { scanJson } from "../contract/locate.js";
import type { Metrics, RunManifest } from "../contract/types.js";
import { parseDocument } from "../contract/validate.js";
import {
  isCanonicalSyncStatus,
  isSuccessLike,
  normalizeSyncStatus,
  SYNC_STATUSES,
  VERIFY_STAGES,
  type RunStatus,
  type VerifyStage,
} from "../contract/vocabulary.js";
import { LEDGER_PATH } from "../ledger/io.js";
import { LEDGER_FORMAT, indexLedger, verifyRunInLedger, type LedgerIndex } from "../ledger/ledger.js";
import { AutolabError, findingFromError, type Finding, type SourceLocation } from "../util/errors.js";
import { describeFailure, ok, runArgv } from "../util/exec.js";
import { decodeUtf8Strict, resolveInside } from "../util/fs.js";
import { shellJoin, shellQuote } from "../scheduler/slurm-cli/shell.js";
import { discoverRuns, jobRunDir, type DiscoveredRun } from "./discover.js";
import { splitCommandLine } from "./placeholders.js";
import { readState } from "./state.js";

// ---------------------------------------------------------------------------
// The check table

export type CheckCategory = "schema" | "consistency" | "env_smoke" | "tests" | "dry_run";
export const CHECK_CATEGORIES: readonly CheckCategory[] = ["schema", "consistency", "env_smoke", "tests", "dry_run"];

export interface CheckSpec {
  id: string;
  category: CheckCategory;
  stages: readonly VerifyStage[];
  summary: string;
}

const ALL: readonly VerifyStage[] = VERIFY_STAGES;
const EXTRACT: readonly VerifyStage[] = ["extract_results"];

export const VERIFY_CHECKS: readonly CheckSpec[] = [
  { id: "manifest.schema", category: "schema", stages: ALL, summary: "run_manifest.json is valid" },
  { id: "manifest.job_id", category: "schema", stages: ALL, summary: "a SLURM run records its job id" },
  { id: "design.schema", category: "schema", stages: ALL, summary: "design.yaml is valid" },
  {
    id: "manifest.identity",
    category: "consistency",
    stages: ALL,
    summary: "run_id / iteration_id match the directories",
  },
  { id: "manifest.path", category: "consistency", stages: ALL, summary: "manifest paths stay inside the repository" },
  {
    id: "design.location",
    category: "consistency",
    stages: ALL,
    summary: "design compute.location = manifest host_mode",
  },
  { id: "ledger", category: "consistency", stages: ALL, summary: "docs/slurm_job_list.md holds the run's line" },
  {
    id: "sync.status",
    category: "consistency",
    stages: ALL,
    summary: "artifact_sync_to_local.status set and canonical",
  },
  { id: "status.completed_at", category: "consistency", stages: ALL, summary: "status and completed_at agree" },
  { id: "status.timestamps", category: "consistency", stages: ALL, summary: "timestamps plausible and consistent" },
  { id: "env_smoke.run_dir", category: "env_smoke", stages: ALL, summary: "run directory holds its job script" },
  { id: "env_smoke.logs", category: "env_smoke", stages: ALL, summary: "logs present once the job started" },
  { id: "env_smoke.sentinel", category: "env_smoke", stages: ALL, summary: "job sentinel agrees with the status" },
  { id: "metrics.schema", category: "schema", stages: EXTRACT, summary: "metrics.json present and valid" },
  { id: "metrics.finite", category: "schema", stages: EXTRACT, summary: "metrics hold finite numbers" },
  { id: "metrics.placeholder", category: "schema", stages: EXTRACT, summary: "metrics hold no placeholder text" },
  { id: "metrics.identity", category: "consistency", stages: EXTRACT, summary: "metrics name the right run" },
  { id: "metrics.sync", category: "consistency", stages: EXTRACT, summary: "metrics status fits the sync and the run" },
  { id: "policy.test_command", category: "tests", stages: ALL, summary: "test_command passes" },
  { id: "policy.dry_run_command", category: "dry_run", stages: ALL, summary: "dry_run_command passes" },
];

/** The checks that run at `stage` under `policy` (commands only when `runCommands`). */
export function activeChecks(policy: Policy, stage: VerifyStage, runCommands = true): CheckSpec[] {
  return VERIFY_CHECKS.filter(
    (c) =>
      c.stages.includes(stage) &&
      requiresCheck(policy, stage, c.category) &&
      (runCommands || (c.category !== "tests" && c.category !== "dry_run")),
  );
}

// ---------------------------------------------------------------------------
// API

export interface VerifyOptions {
  repoRoot: string;
  stage: VerifyStage;
  iteration?: string;
  runId?: string;
  /** Default true: run the policy's dry_run / test commands when the stage requires them. */
  runCommands?: boolean;
  now?: Date;
  /** Override the policy's launch.check_timeout_seconds for the commands (ms). */
  commandTimeoutMs?: number;
}

export interface VerifyReport {
  stage: VerifyStage;
  findings: Finding[];
  /** Ids of the checks that ran (see VERIFY_CHECKS). */
  checksRun: string[];
  runsChecked: number;
  /** No error findings. */
  ok: boolean;
}

export function isVerifyStage(s: string): s is VerifyStage {
  return (VERIFY_STAGES as readonly string[]).includes(s);
}

// ---------------------------------------------------------------------------
// Documents read from the run directory

/** A parsed JSON/YAML document with locations. */
interface Doc<T> {
  file: string;
  data: T;
  locate(pointer: string): { line: number; column: number };
  /** Schema findings (contract documents only). */
  findings: Finding[];
}

type Loaded<T> = { kind: "ok"; doc: Doc<T> } | { kind: "missing"; file: string } | { kind: "error"; finding: Finding };

interface Sentinel {
  run_id?: unknown;
  job_id?: unknown;
  host?: unknown;
  started_at?: unknown;
  ended_at?: unknown;
  exit_code?: unknown;
  signal?: unknown;
}

type LogsFacts = { kind: "dir"; files: Set<string> } | { kind: "missing" } | { kind: "error"; finding: Finding };

interface RunFacts {
  run: DiscoveredRun;
  manifest: Loaded<RunManifest>;
  /** Findings about paths recorded in the manifest (manifest.path). */
  pathFindings: Finding[];
  sentinel?: Loaded<Sentinel>;
  logs?: LogsFacts;
  runScript?: { file: string; exists: boolean };
  metrics?: Loaded<Metrics>;
}

interface IterationFacts {
  iterationPath: string;
  design: Loaded<DesignExt>;
}

function errorToFinding(e: unknown, check: string, file: string, hint?: string): Finding {
  return findingFromError(e, check, file, { hint });
}

/**
 * Read a file that lives in the repository, refusing a symlink that leaves it.
 * `missing` when it does not exist; an `error` finding when it cannot be read.
 * `parentChecked`: the directory holding the file was already checked (a run
 * or iteration directory from discovery), so only the file itself can be a
 * symlink out; otherwise every component is checked.
 */
async function readInside(
  root: string,
  abs: string,
  display: string,
  check: string,
  parentChecked = true,
): Promise<{ kind: "text"; text: string } | { kind: "missing" } | { kind: "error"; finding: Finding }> {
  let st;
  try {
    st = await lstat(abs);
  } catch {
    return { kind: "missing" };
  }
  if (st.isSymbolicLink() || !parentChecked) {
    try {
      resolveInside(root, path.relative(root, abs), display);
    } catch (e) {
      return { kind: "error", finding: refused(e, display) };
    }
  }
  let buf: Buffer;
  try {
    buf = await readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "missing" };
    return {
      kind: "error",
      finding: { severity: "error", check, file: display, message: `cannot read: ${(e as Error).message}` },
    };
  }
  try {
    return { kind: "text", text: decodeUtf8Strict(buf, display) };
  } catch (e) {
    return { kind: "error", finding: errorToFinding(e, check, display) };
  }
}

function refused(e: unknown, display: string): Finding {
  return {
    severity: "error",
    check: "path.outside",
    file: display,
    message: `refused: ${e instanceof Error ? e.message : String(e)}`,
    hint: `replace ${display} with a file inside the repository; the verifier never reads outside it`,
  };
}

async function loadContract<T>(
  root: string,
  kind: "manifest" | "design" | "metrics",
  abs: string,
  display: string,
  check: string,
): Promise<Loaded<T>> {
  const r = await readInside(root, abs, display, check);
  if (r.kind !== "text") return r.kind === "missing" ? { kind: "missing", file: display } : r;
  try {
    const d = parseDocument<T>(kind, r.text, display);
    return { kind: "ok", doc: { file: display, data: d.data, locate: d.locate, findings: d.findings } };
  } catch (e) {
    const f = errorToFinding(e, check, display);
    if (kind === "metrics") nonFiniteSyntax(r.text, f);
    return { kind: "error", finding: f };
  }
}

/** Python's json writes NaN / Infinity, which is not JSON: say so precisely. */
function nonFiniteSyntax(text: string, f: Finding): void {
  if (f.line === undefined || f.column === undefined) return;
  const line = text.split("\n")[f.line - 1] ?? "";
  const rest = line.slice(f.column - 1);
  const m = /^-?(NaN|Infinity|inf|nan)\b/.exec(rest);
  if (!m) return;
  f.check = "metrics.finite";
  f.message = `${m[0]} is not a JSON number (Python's json.dump writes it for a non-finite float)`;
  f.hint = "write null for a value that could not be computed and set status to partial, or fix the computation";
}

async function loadJson<T>(root: string, abs: string, display: string, check: string): Promise<Loaded<T>> {
  const r = await readInside(root, abs, display, check);
  if (r.kind !== "text") return r.kind === "missing" ? { kind: "missing", file: display } : r;
  try {
    const map = scanJson(r.text, display);
    const data = JSON.parse(r.text) as T;
    const locate = (pointer: string) => {
      let p = pointer;
      for (;;) {
        const at = map.value(p);
        if (at) return at;
        if (p === "") return { line: 1, column: 1 };
        p = p.slice(0, p.lastIndexOf("/"));
      }
    };
    return { kind: "ok", doc: { file: display, data, locate, findings: [] } };
  } catch (e) {
    return { kind: "error", finding: errorToFinding(e, check, display) };
  }
}

async function listLogs(root: string, runDir: string, display: string): Promise<LogsFacts> {
  const abs = path.join(runDir, "logs");
  let st;
  try {
    st = await lstat(abs);
  } catch {
    return { kind: "missing" };
  }
  if (st.isSymbolicLink()) {
    try {
      resolveInside(root, path.relative(root, abs), display);
    } catch (e) {
      return { kind: "error", finding: refused(e, display) };
    }
  }
  try {
    return { kind: "dir", files: new Set(await readdir(abs)) };
  } catch {
    return { kind: "missing" };
  }
}

/** Manifest keys that hold repository paths (written by launch / monitor, read by people and tools). */
const MANIFEST_PATH_POINTERS = [
  "/launch/script",
  "/launch/design",
  "/extraction/metrics",
  "/artifact_sync_to_local/local_path",
  "/artifact_sync_to_local/destination",
] as const;

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const t of pointer.slice(1).split("/")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

function at(doc: Doc<unknown>, pointer: string): SourceLocation {
  return { file: doc.file, ...doc.locate(pointer), jsonPath: pointer };
}

function manifestPathFindings(root: string, doc: Doc<RunManifest>): Finding[] {
  const out: Finding[] = [];
  for (const p of MANIFEST_PATH_POINTERS) {
    const v = valueAt(doc.data, p);
    if (typeof v !== "string" || v === "") continue;
    try {
      if (path.isAbsolute(v)) throw new AutolabError(`path ${JSON.stringify(v)} is absolute`);
      resolveInside(root, v, "path");
    } catch (e) {
      out.push({
        severity: "error",
        check: "manifest.path",
        ...at(doc, p),
        message: `refused: ${e instanceof Error ? e.message : String(e)}; paths in a manifest are repository-relative and stay inside it`,
        hint: `set ${p.slice(1).replace(/\//g, ".")} to the repository-relative path of the file (no "..", no absolute path, no symlink leaving the repository)`,
      });
    }
  }
  return out;
}

async function gatherRun(root: string, run: DiscoveredRun, on: Set<string>, stage: VerifyStage): Promise<RunFacts> {
  const manifest = await loadContract<RunManifest>(
    root,
    "manifest",
    run.manifestPath,
    run.manifestDisplay,
    "manifest.schema",
  );
  const facts: RunFacts = { run, manifest, pathFindings: [] };
  if (manifest.kind !== "ok") return facts;
  const m = manifest.doc.data;
  if (on.has("manifest.path")) facts.pathFindings = manifestPathFindings(root, manifest.doc);
  const envSmoke = on.has("env_smoke.sentinel") || on.has("env_smoke.logs") || on.has("env_smoke.run_dir");
  if (envSmoke) {
    // A job launched with a work root writes its evidence in its snapshot
    // until the monitor brings it into the checkout (at sync).
    const ev = m ? jobRunDir(m, root, run.runDir) : undefined;
    const inSnapshot =
      ev?.workDir !== undefined && !ev.missing && !existsSync(path.join(run.runDir, "job_sentinel.json"));
    const evRoot = inSnapshot ? ev!.workDir! : root;
    const evDir = inSnapshot ? ev!.dir : run.runDir;
    const sentinelDisplay = `${run.runPath}/job_sentinel.json`;
    facts.sentinel = await loadJson<Sentinel>(
      evRoot,
      path.join(evDir, "job_sentinel.json"),
      sentinelDisplay,
      "env_smoke.sentinel",
    );
    facts.logs = await listLogs(evRoot, evDir, `${run.runPath}/logs`);
    if (m?.host_mode === "slurm") {
      const script = path.join(run.runDir, "run_slurm.sbatch");
      facts.runScript = {
        file: `${run.runPath}/run_slurm.sbatch`,
        exists: (await lstat(script).catch(() => undefined)) !== undefined,
      };
    }
  }
  if (stage === "extract_results" && [...on].some((c) => c.startsWith("metrics."))) {
    facts.metrics = await loadContract<Metrics>(
      root,
      "metrics",
      path.join(run.runDir, "metrics.json"),
      `${run.runPath}/metrics.json`,
      "metrics.schema",
    );
  }
  return facts;
}

async function gatherIteration(root: string, run: DiscoveredRun): Promise<IterationFacts> {
  const display = `${run.iterationPath}/design.yaml`;
  const design = await loadContract<DesignExt>(
    root,
    "design",
    path.join(run.iterationDir, "design.yaml"),
    display,
    "design.schema",
  );
  return { iterationPath: run.iterationPath, design };
}

/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
async function mapPool<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ---------------------------------------------------------------------------
// Pure checks

function appendCommand(run: DiscoveredRun): string {
  return `autolab slurm-job-list append --manifest ${shellQuote(run.manifestDisplay)} --doc ${LEDGER_PATH}`;
}

function monitorCommand(run: DiscoveredRun): string {
  return `autolab monitor --run-id ${shellQuote(run.runId)}`;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function statusOf(m: RunManifest): RunStatus | undefined {
  try {
    return manifestStatus(m);
  } catch {
    return undefined;
  }
}

/** Milliseconds since the epoch of a contract timestamp (no zone = UTC); undefined when unreadable. */
function timeOf(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const s = /([Zz]|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`;
  const t = Date.parse(s.replace(" ", "T"));
  return Number.isNaN(t) ? undefined : t;
}

const JOB_ID_POINTERS = [
  "/job_id",
  "/slurm/job_id",
  "/resource_request/job_id",
  "/resource_request/slurm/job_id",
] as const;

function checkJobId(run: DiscoveredRun, doc: Doc<RunManifest>): Finding[] {
  const m = doc.data;
  if (m.host_mode !== "slurm") return [];
  const id = manifestJobId(m);
  if (id === undefined) {
    const submitError = obj(m.slurm)?.submit_error;
    if (m.status === "failed" && typeof submitError === "string" && submitError !== "") return [];
    const pointer = obj(m.slurm) ? "/slurm" : "/host_mode";
    return [
      {
        severity: "error",
        check: "manifest.job_id",
        ...at(doc, pointer),
        message: `SLURM run ${run.runId} has no job id (none of job_id, slurm.job_id, resource_request.job_id, resource_request.slurm.job_id is set)`,
        hint:
          `if sbatch accepted the job, find its id with \`sacct --name autolab-${run.runId} -X -o JobID\` and write it into job_id; ` +
          "if it never got one, set status to failed and record sbatch's message in slurm.submit_error",
      },
    ];
  }
  const out: Finding[] = [];
  for (const p of JOB_ID_POINTERS) {
    const v = valueAt(m, p);
    if (v === undefined || v === null || String(v).trim() === id) continue;
    out.push({
      severity: "error",
      check: "manifest.job_id",
      ...at(doc, p),
      message: `${p.slice(1).replace(/\//g, ".")} is ${JSON.stringify(v)} but the run's job id is ${JSON.stringify(id)}`,
      hint: `make every copy of the job id the same (${JOB_ID_POINTERS.map((q) => q.slice(1).replace(/\//g, ".")).join(", ")})`,
    });
  }
  return out;
}

function checkIdentity(run: DiscoveredRun, doc: Doc<RunManifest>): Finding[] {
  const out: Finding[] = [];
  const m = doc.data;
  if (typeof m.run_id === "string" && m.run_id !== run.runId) {
    out.push({
      severity: "error",
      check: "manifest.identity",
      ...at(doc, "/run_id"),
      message: `run_id is ${JSON.stringify(m.run_id)} but the run directory is ${run.runPath}`,
      hint: `a run directory is named after its run id: set run_id to ${JSON.stringify(run.runId)}, or move the manifest to the directory of its run`,
    });
  }
  if (typeof m.iteration_id === "string" && m.iteration_id !== run.iterationId) {
    out.push({
      severity: "error",
      check: "manifest.identity",
      ...at(doc, "/iteration_id"),
      message: `iteration_id is ${JSON.stringify(m.iteration_id)} but the run lives in ${run.iterationPath}`,
      hint: `set iteration_id to ${JSON.stringify(run.iterationId)}, or move the run under its iteration's runs/ directory`,
    });
  }
  return out;
}

function checkSync(run: DiscoveredRun, doc: Doc<RunManifest>): Finding[] {
  const m = doc.data;
  const record = obj(m.artifact_sync_to_local);
  const raw = record?.status;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return [
      {
        severity: "error",
        check: "sync.status",
        ...at(doc, record ? "/artifact_sync_to_local" : ""),
        message: "artifact_sync_to_local.status is not set",
        hint: `set it to "pending"; \`${monitorCommand(run)}\` moves it to "ok" once the job's outputs are back`,
      },
    ];
  }
  const canonical = normalizeSyncStatus(raw);
  const where = at(doc, "/artifact_sync_to_local/status");
  if (canonical === undefined) {
    return [
      {
        severity: "error",
        check: "sync.status",
        ...where,
        message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is not a sync status`,
        hint: `use one of ${SYNC_STATUSES.join(", ")}`,
      },
    ];
  }
  const out: Finding[] = [];
  if (!isCanonicalSyncStatus(raw)) {
    out.push({
      severity: "notice",
      check: "sync.status",
      ...where,
      message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is an older spelling of ${JSON.stringify(canonical)}`,
      hint: `write ${JSON.stringify(canonical)} (the tool reads both; it writes ${SYNC_STATUSES.join("/")})`,
    });
  }
  const status = statusOf(m);
  if ((status === "synced" || status === "completed") && !isSuccessLike(raw)) {
    out.push({
      severity: "error",
      check: "sync.status",
      ...where,
      message: `the run is ${status} but its artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(raw)})`,
      hint: `run \`${monitorCommand(run)}\` to sync them, or copy the outputs into ${run.runPath} by hand and set artifact_sync_to_local.status to "ok"`,
    });
  }
  return out;
}

const ENDED: ReadonlySet<RunStatus> = new Set(["completed", "failed", "partial"]);

function checkCompletedAt(run: DiscoveredRun, doc: Doc<RunManifest>, schemaPaths: Set<string>): Finding[] {
  const m = doc.data;
  const status = statusOf(m);
  if (!status) return [];
  const ts = obj(m.timestamps);
  const completed = ts?.completed_at;
  const out: Finding[] = [];
  if (ENDED.has(status)) {
    if ((completed === undefined || completed === null) && !schemaPaths.has("/timestamps/completed_at")) {
      out.push({
        severity: status === "partial" ? "warning" : "error",
        check: "status.completed_at",
        ...at(doc, ts ? "/timestamps" : "/status"),
        message: `the run is ${status} but timestamps.completed_at is not set`,
        hint: "set timestamps.completed_at (and completed_at) to when the job ended, e.g. the sentinel's ended_at or sacct's End",
      });
    }
  } else {
    for (const p of ["/timestamps/completed_at", "/completed_at"]) {
      const v = valueAt(m, p);
      if (v === undefined || v === null) continue;
      out.push({
        severity: "error",
        check: "status.completed_at",
        ...at(doc, p),
        message: `${p.slice(1).replace(/\//g, ".")} is set but the run is ${status}, which has not ended`,
        hint: `remove completed_at, or let \`${monitorCommand(run)}\` record the status the job really ended with`,
      });
    }
  }
  const started = timeOf(ts?.started_at);
  const ended = timeOf(completed);
  if (started !== undefined && ended !== undefined && ended < started) {
    out.push({
      severity: "error",
      check: "status.completed_at",
      ...at(doc, "/timestamps/completed_at"),
      message: `timestamps.completed_at (${String(completed)}) is before timestamps.started_at (${String(ts?.started_at)})`,
      hint: "fix the timestamps: a run ends after it starts",
    });
  }
  return out;
}

/** Clock skew tolerated before a timestamp counts as in the future. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

function checkTimestamps(doc: Doc<RunManifest>, now: Date): Finding[] {
  const m = doc.data;
  const ts = obj(m.timestamps);
  const out: Finding[] = [];
  for (const name of ["started_at", "completed_at"] as const) {
    const nested = ts?.[name];
    const t = timeOf(nested);
    if (t !== undefined && t > now.getTime() + FUTURE_SLACK_MS) {
      out.push({
        severity: "warning",
        check: "status.timestamps",
        ...at(doc, `/timestamps/${name}`),
        message: `timestamps.${name} (${String(nested)}) is in the future`,
        hint: "check the clock of the machine that wrote the manifest, and fix the timestamp",
      });
    }
    const top = m[name];
    if (top !== undefined && nested !== undefined && top !== nested && timeOf(top) !== timeOf(nested)) {
      out.push({
        severity: "warning",
        check: "status.timestamps",
        ...at(doc, `/${name}`),
        message: `${name} (${String(top)}) differs from timestamps.${name} (${String(nested)})`,
        hint: `the top-level ${name} is a copy for older readers: make it equal to timestamps.${name}`,
      });
    }
  }
  return out;
}

function checkDesignLocation(run: DiscoveredRun, doc: Doc<RunManifest>, it: IterationFacts): Finding[] {
  if (it.design.kind !== "ok") return [];
  const design = it.design.doc;
  const location = obj(design.data?.compute)?.location;
  const mode = doc.data.host_mode;
  if (location === undefined || mode === undefined || location === mode) return [];
  return [
    {
      severity: "error",
      check: "design.location",
      ...at(design as Doc<unknown>, "/compute/location"),
      message: `compute.location is ${JSON.stringify(location)} but run ${run.runId} ran with host_mode ${JSON.stringify(mode)} (${run.manifestDisplay})`,
      hint: `set compute.location to ${JSON.stringify(mode)} if the design is meant to run there, or launch a new run from the current design`,
    },
  ];
}

// -- env_smoke

function sentinelExit(s: Sentinel): number | undefined {
  return typeof s.exit_code === "number" && Number.isInteger(s.exit_code) ? s.exit_code : undefined;
}

function sentinelEnded(s: Sentinel): boolean {
  return typeof s.ended_at === "string" && s.ended_at !== "";
}

function checkSentinelShape(doc: Doc<Sentinel>, run: DiscoveredRun, jobId: string | undefined): Finding[] {
  const s = doc.data;
  const out: Finding[] = [];
  if (obj(s) === undefined) {
    return [
      {
        severity: "error",
        check: "env_smoke.sentinel",
        ...at(doc as Doc<unknown>, ""),
        message: "job_sentinel.json is not a JSON object",
        hint: "the job script writes it; remove the file so that the monitor relies on the scheduler",
      },
    ];
  }
  const bad = (pointer: string, message: string, hint: string) =>
    out.push({ severity: "error", check: "env_smoke.sentinel", ...at(doc as Doc<unknown>, pointer), message, hint });
  if (s.exit_code !== undefined && s.exit_code !== null && sentinelExit(s) === undefined) {
    bad(
      "/exit_code",
      `exit_code ${JSON.stringify(s.exit_code)} is not an integer`,
      "the sentinel records the job's exit status as an integer",
    );
  }
  if (typeof s.run_id === "string" && s.run_id !== run.runId) {
    bad(
      "/run_id",
      `the sentinel belongs to run ${JSON.stringify(s.run_id)}, not ${run.runId}`,
      `it was copied from another run: remove ${doc.file}`,
    );
  }
  if (
    // An array task's SLURM_JOB_ID is its raw id, unrelated to `<job>_<task>`: compare plain jobs only.
    jobId !== undefined &&
    /^[0-9]+$/.test(jobId) &&
    (typeof s.job_id === "string" || typeof s.job_id === "number") &&
    String(s.job_id) !== jobId
  ) {
    bad(
      "/job_id",
      `the sentinel was written by job ${String(s.job_id)}, but the manifest's job is ${jobId}`,
      `it is left over from another job: check which job ran, then remove ${doc.file} or fix job_id in the manifest`,
    );
  }
  return out;
}

function checkEnvSmoke(f: RunFacts, doc: Doc<RunManifest>, on: Set<string>): Finding[] {
  const m = doc.data;
  const run = f.run;
  const status = statusOf(m);
  if (!status || status === "pending") return [];
  const out: Finding[] = [];
  const jobId = manifestJobId(m);
  const slurm = m.host_mode === "slurm";
  const ours = obj(m.launch)?.tool === "autolab-slurm";
  const submitFailed = slurm && jobId === undefined;
  const logsDisplay = `${run.runPath}/logs`;
  const monitor = `\`${monitorCommand(run)}\``;

  if (on.has("env_smoke.run_dir") && f.runScript && !f.runScript.exists && ours && !submitFailed) {
    out.push({
      severity: "warning",
      check: "env_smoke.run_dir",
      file: f.runScript.file,
      message: "the job script this run submitted is missing from its run directory",
      hint: "restore it from git history (`git log -- <path>`); without it a rerun cannot be compared with what ran",
    });
  }

  if (on.has("env_smoke.logs") && !submitFailed && f.logs) {
    if (f.logs.kind === "error") out.push(f.logs.finding);
    else if (f.logs.kind === "missing") {
      const started = status !== "submitted";
      if (started || slurm) {
        out.push({
          severity: status === "submitted" ? "warning" : status === "failed" ? "warning" : "error",
          check: "env_smoke.logs",
          file: logsDisplay,
          message:
            status === "submitted"
              ? "logs/ does not exist: SLURM cannot open the job's output file there, so the job will fail at start (ExitCode 0:53)"
              : `the run is ${status} but logs/ does not exist`,
          hint:
            status === "submitted"
              ? `create it now (\`mkdir -p ${shellQuote(logsDisplay)}\`) before the job starts`
              : `the job's output is lost or was never synced: check the job's --output path, sync again (${monitor}), or relaunch`,
        });
      }
    } else if (
      (status === "synced" || status === "completed") &&
      slurm &&
      jobId !== undefined &&
      /^[0-9]+$/.test(jobId)
    ) {
      // (%j of an array task is its raw id, which the manifest does not hold: only plain jobs are checked.)
      const out1 = `slurm-${jobId}.out`;
      if (!f.logs.files.has(out1)) {
        out.push({
          severity: "warning",
          check: "env_smoke.logs",
          file: `${logsDisplay}/${out1}`,
          message: `the run is ${status} but its job log ${out1} is not in logs/`,
          hint: `sync the outputs again (${monitor}) or copy the log from the cluster; results cannot be audited without it`,
        });
      }
    }
  }

  if (on.has("env_smoke.sentinel") && f.sentinel) {
    const s = f.sentinel;
    if (s.kind === "error") {
      out.push({
        ...s.finding,
        hint:
          s.finding.hint ??
          "the job script writes job_sentinel.json; a broken one cannot be trusted: remove it and re-check the job with sacct",
      });
      return out;
    }
    if (s.kind === "missing") {
      if (status === "completed" || status === "synced") {
        out.push({
          severity: "error",
          check: "env_smoke.sentinel",
          file: s.file,
          message: `the run is ${status} but job_sentinel.json is missing: nothing shows that the job script reached its end`,
          hint:
            `look at ${logsDisplay}/ for how the job ended; if it did not finish, set status to failed (or relaunch); ` +
            `if the run directory is not on a filesystem the compute node shares, set artifact_sync to rsync in design.yaml`,
        });
      } else if (status === "running" && ours) {
        out.push({
          severity: "warning",
          check: "env_smoke.sentinel",
          file: s.file,
          message: "the run is running but job_sentinel.json is missing (the job script writes it as its first step)",
          hint: `the run directory may not be visible from the compute node: check ${logsDisplay}/ and the job's working directory`,
        });
      }
      return out;
    }
    const sd = s.doc;
    out.push(...checkSentinelShape(sd, run, jobId));
    const sent = sd.data;
    const exit = sentinelExit(sent);
    const ended = sentinelEnded(sent);
    const loc = (p: string) => at(sd as Doc<unknown>, p);
    if (status === "completed" || status === "synced") {
      if (!ended || exit === undefined) {
        out.push({
          severity: "error",
          check: "env_smoke.sentinel",
          ...loc(ended ? "/exit_code" : "/ended_at"),
          message: `the run is ${status} but the sentinel has no end (ended_at ${JSON.stringify(sent.ended_at ?? null)}, exit_code ${JSON.stringify(sent.exit_code ?? null)}): the job was killed before its script ended`,
          hint: `set status to failed (the job did not finish), or relaunch; ${monitor} decides the same from sacct and the sentinel`,
        });
      } else if (exit !== 0) {
        out.push({
          severity: "error",
          check: "env_smoke.sentinel",
          ...loc("/exit_code"),
          message: `the run is ${status} but the job exited ${exit}`,
          hint: `the job failed: set status to failed (or relaunch); check ${logsDisplay}/ for the error`,
        });
      }
    } else if (status === "submitted" || status === "running") {
      if (ended) {
        out.push({
          severity: "warning",
          check: "env_smoke.sentinel",
          ...loc("/ended_at"),
          message: `the job ended (${String(sent.ended_at)}, exit ${exit ?? "unknown"}) but the manifest still says ${status}`,
          hint: `run ${monitor} to record the outcome`,
        });
      } else if (status === "submitted" && typeof sent.started_at === "string") {
        out.push({
          severity: "notice",
          check: "env_smoke.sentinel",
          ...loc("/started_at"),
          message: `the job started at ${sent.started_at} but the manifest still says submitted`,
          hint: `run ${monitor} to record it`,
        });
      }
    } else if (status === "failed" && ended && exit === 0) {
      const failure = obj(m.failure)?.reason ?? obj(m.slurm)?.failure_reason;
      const syncFailed = normalizeSyncStatus(obj(m.artifact_sync_to_local)?.status) === "failed";
      if (failure === undefined && !syncFailed) {
        out.push({
          severity: "warning",
          check: "env_smoke.sentinel",
          ...loc("/exit_code"),
          message: "the run is failed but its job exited 0, and the manifest records no failure reason",
          hint: "record why it failed (failure.reason), or, if the job did succeed, relaunch it so that the monitor can complete it",
        });
      }
    }
  }
  return out;
}

// -- metrics

const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

const PLACEHOLDERS: ReadonlyArray<[RegExp, string]> = [
  [/\b(TODO|TBD|FIXME|XXX)\b/, "a to-do marker"],
  [/\bplaceholder\b/i, "the word placeholder"],
  [/\{\{[^}]*\}\}/, "an unfilled {{...}} template"],
  [/^<[^<>]{1,80}>$/, "an unfilled <...> value"],
  [/\b(replace[_ -]?me|fill[_ -]?(me|in))\b/i, "an unfilled value"],
  [/\blorem ipsum\b/i, "filler text"],
  [/^(\.\.\.|…|\?\?\?)$/, "an elided value"],
];

function walk(v: unknown, pointer: string, visit: (v: unknown, pointer: string) => void): void {
  visit(v, pointer);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`, visit));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, visit);
  }
}

function checkMetrics(f: RunFacts, doc: Doc<RunManifest>, on: Set<string>, requireMetrics: boolean): Finding[] {
  const run = f.run;
  const m = doc.data;
  const status = statusOf(m);
  if (!f.metrics || !status) return [];
  const ended = status === "synced" || ENDED.has(status);
  const monitor = `\`${monitorCommand(run)}\``;
  if (!ended) return [];
  const mt = f.metrics;
  if (mt.kind === "missing") {
    if (!requireMetrics || !on.has("metrics.schema")) return [];
    return [
      {
        severity: "error",
        check: "metrics.schema",
        file: mt.file,
        message: `the run is ${status} but metrics.json does not exist`,
        hint: `run ${monitor}: it extracts the results of finished runs (a failed run gets metrics with status failed)`,
      },
    ];
  }
  if (mt.kind === "error") {
    const c = mt.finding.check;
    return on.has(c) || c === "path.outside" ? [mt.finding] : [];
  }
  const md = mt.doc as Doc<Metrics>;
  const loc = (p: string) => at(md as Doc<unknown>, p);
  const out: Finding[] = [];
  if (on.has("metrics.schema")) {
    for (const s of md.findings)
      out.push({
        ...s,
        check: s.check === "schema" ? "metrics.schema" : s.check,
        hint: s.hint ?? "fix the value, or re-extract the run",
      });
  }
  walk(md.data, "", (v, p) => {
    if (on.has("metrics.finite")) {
      if (typeof v === "number" && !Number.isFinite(v)) {
        out.push({
          severity: "error",
          check: "metrics.finite",
          ...loc(p),
          message: `${p || "value"} is not a finite number (it overflows to ${v})`,
          hint: "write null for a value that could not be computed, and set status to partial",
        });
      } else if (typeof v === "string" && NON_FINITE_TEXT.test(v.trim())) {
        out.push({
          severity: "error",
          check: "metrics.finite",
          ...loc(p),
          message: `${p} is ${JSON.stringify(v)}: a non-finite number written as text`,
          hint: "write null for a value that could not be computed, and set status to partial",
        });
      }
    }
    if (on.has("metrics.placeholder") && typeof v === "string") {
      for (const [re, what] of PLACEHOLDERS) {
        if (!re.test(v.trim())) continue;
        out.push({
          severity: "error",
          check: "metrics.placeholder",
          ...loc(p),
          message: `${p} holds ${what}: ${JSON.stringify(v.length > 60 ? v.slice(0, 57) + "..." : v)}`,
          hint: `write the real value, or re-extract with ${monitor}`,
        });
        break;
      }
    }
  });
  const data = obj(md.data);
  if (data && on.has("metrics.identity")) {
    for (const [key, want] of [
      ["run_id", run.runId],
      ["iteration_id", run.iterationId],
    ] as const) {
      if (typeof data[key] === "string" && data[key] !== want) {
        out.push({
          severity: "error",
          check: "metrics.identity",
          ...loc(`/${key}`),
          message: `metrics.json says ${key} ${JSON.stringify(data[key])} but it belongs to ${want}`,
          hint: `it was copied from another run: re-extract with ${monitor}`,
        });
      }
    }
  }
  if (data && on.has("metrics.sync") && data.status === "completed") {
    const sync = obj(m.artifact_sync_to_local)?.status;
    if (status === "failed") {
      out.push({
        severity: "error",
        check: "metrics.sync",
        ...loc("/status"),
        message: "metrics status is completed but the run failed",
        hint: "set the metrics status to failed (or partial if some results are usable)",
      });
    } else if (!isSuccessLike(sync)) {
      out.push({
        severity: "error",
        check: "metrics.sync",
        ...loc("/status"),
        message: `metrics status is completed but the artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(sync ?? null)} in ${run.manifestDisplay})`,
        hint: `sync first (${monitor}, or copy the outputs by hand and set the sync status to "ok"), or set the metrics status to partial with missing_evidence`,
      });
    }
  }
  return out;
}

// -- ledger

/**
 * The ledger, read and indexed once (`indexLedger`); each run is verified
 * against the index, so checking 10,000 runs stays linear. Problems of lines
 * naming no run in scope (other runs' malformed or duplicate lines) are
 * reported once, as warnings.
 */
interface LedgerFacts {
  display: string;
  index?: LedgerIndex;
}

/** Warnings about ledger lines that belong to no run being checked. */
function otherLedgerProblems(ledger: LedgerFacts, checked: ReadonlySet<string>): Finding[] {
  if (!ledger.index) return [];
  return ledger.index.problems
    .filter((p) => p.runId === undefined || !checked.has(p.runId))
    .map((p) => ({
      severity: "warning" as const,
      check: p.kind === "duplicate" ? "ledger.duplicate" : "ledger.malformed",
      file: ledger.display,
      line: p.line,
      column: 1,
      message: p.message,
      hint: `make it a ledger line of the form \`${LEDGER_FORMAT}\`, or remove it`,
    }));
}

function checkLedger(run: DiscoveredRun, doc: Doc<RunManifest>, ledger: LedgerFacts): Finding[] {
  const m = doc.data;
  if (m.host_mode !== "slurm" || manifestJobId(m) === undefined || !ledger.index) return [];
  let found: Finding[];
  try {
    found = verifyRunInLedger(ledger.index, m, ledger.display, { ownOnly: true });
  } catch (e) {
    // canonicalLine refused the manifest (no launch date, a value that cannot stand in a line).
    const f = errorToFinding(e, "ledger.mismatch", doc.file);
    if (f.jsonPath) Object.assign(f, at(doc as Doc<unknown>, f.jsonPath));
    return [f];
  }
  const cmd = appendCommand(run);
  return found.map((f) => {
    if (f.check === "ledger.missing") return { ...f, hint: `run \`${cmd}\`` };
    if (f.check === "ledger.mismatch")
      return { ...f, hint: `run \`${cmd}\` to rewrite the line from the manifest (the manifest is the record)` };
    return f;
  });
}

// ---------------------------------------------------------------------------
// Policy commands

const COMMANDS = [
  { check: "policy.test_command", key: "test_command", category: "tests" },
  { check: "policy.dry_run_command", key: "dry_run_command", category: "dry_run" },
] as const;

/** How much of a failing command's output a finding quotes. */
const OUTPUT_TAIL_LINES = 20;
const OUTPUT_TAIL_CHARS = 4000;

function outputTail(stdout: string, stderr: string): string {
  const text = [stdout.trimEnd(), stderr.trimEnd()].filter(Boolean).join("\n");
  const tail = text.split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
  return tail.length > OUTPUT_TAIL_CHARS ? "..." + tail.slice(-OUTPUT_TAIL_CHARS) : tail;
}

interface CommandContext {
  root: string;
  stage: VerifyStage;
  policy: Policy;
  policyDoc?: Doc<unknown>;
  iterationId?: string;
  iterationPath?: string;
  runId?: string;
  timeoutMs: number;
}

/** Programs only a SLURM host has; a missing one is a warning, not a failed check. */
const SLURM_CLIENTS: ReadonlySet<string> = new Set([
  "sbatch",
  "srun",
  "salloc",
  "squeue",
  "sinfo",
  "scontrol",
  "sacct",
]);

async function runPolicyCommand(spec: (typeof COMMANDS)[number], ctx: CommandContext): Promise<Finding[]> {
  const template = ctx.policy[spec.key];
  const inFile = ctx.policyDoc && valueAt(ctx.policyDoc.data, `/${spec.key}`) !== undefined;
  const where: SourceLocation = inFile && ctx.policyDoc ? at(ctx.policyDoc, `/${spec.key}`) : { file: POLICY_PATH };
  const off = `or set requirements_by_stage.${ctx.stage}.${spec.category}: false in ${POLICY_PATH}`;
  const fail = (message: string, hint: string): Finding[] => [
    { severity: "error", check: spec.check, ...where, message, hint },
  ];
  if (typeof template !== "string" || template.trim() === "") {
    return fail(
      `${spec.category} is required at stage ${ctx.stage} but ${spec.key} is not set`,
      `set ${spec.key} in ${POLICY_PATH}, ${off}`,
    );
  }
  if (/AUTOLAB DRY-RUN STUB/i.test(template)) {
    return fail(
      `${spec.key} is still the scaffold's stub`,
      `replace it with a command that exercises the experiment quickly, ${off}`,
    );
  }
  let words: string[];
  try {
    words = splitCommandLine(template, { what: spec.key });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e), (e instanceof AutolabError && e.hint) || `fix ${spec.key}`);
  }
  if (words.length === 0) return fail(`${spec.key} is empty`, `set ${spec.key}, ${off}`);
  const vars: Record<string, string> = { python_bin: ctx.policy.python_bin || "python3" };
  if (ctx.iterationId !== undefined) vars.iteration_id = ctx.iterationId;
  if (ctx.iterationPath !== undefined) vars.iteration_path = ctx.iterationPath;
  if (ctx.runId !== undefined) vars.run_id = ctx.runId;
  const used = [...template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((x) => x[1]);
  for (const name of used) {
    if (vars[name] !== undefined) continue;
    if (name === "iteration_id" || name === "iteration_path") {
      return fail(
        `${spec.key} uses {{${name}}} but the iteration is not known`,
        "pass --iteration ID (or set iteration_id in .autolab/state.json)",
      );
    }
    if (name === "run_id")
      return fail(
        `${spec.key} uses {{run_id}} but the run is not known`,
        "pass --run-id R (the iteration has no run yet)",
      );
  }
  let argv: string[];
  try {
    argv = words.map((w) => expandPlaceholders(w, vars, spec.key));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e), (e instanceof AutolabError && e.hint) || `fix ${spec.key}`);
  }
  const r = await runArgv(argv[0], argv.slice(1), {
    cwd: ctx.root,
    timeoutMs: ctx.timeoutMs,
    env: {
      AUTOLAB_STAGE: ctx.stage,
      AUTOLAB_ITERATION_ID: ctx.iterationId,
      AUTOLAB_ITERATION_PATH: ctx.iterationPath,
      AUTOLAB_RUN_ID: ctx.runId,
    },
  });
  if (ok(r)) return [];
  if (r.spawnError && SLURM_CLIENTS.has(path.basename(argv[0]))) {
    // A pull request is verified on a GitHub-hosted runner, which has no
    // SLURM: the scheduler's own dry run can only happen on the cluster.
    return [
      {
        severity: "warning",
        check: spec.check,
        ...where,
        message: `${spec.key} needs ${argv[0]}, which is not on this host (${r.spawnError}); not run here`,
        hint: `it runs where SLURM is installed (autolab verify on the login node, or the launch workflow), ${off}`,
      },
    ];
  }
  const tail = outputTail(r.stdout, r.stderr);
  const shown = shellJoin(argv);
  return fail(
    `${spec.key} failed (${describeFailure(r)})${tail ? `; last output:\n${tail}` : ""}`,
    `reproduce it from the repository root with: ${shown}; fix what it reports, ${off}`,
  );
}

async function commandContext(
  root: string,
  opts: VerifyOptions,
  runs: readonly DiscoveredRun[],
  policy: Policy,
  policyDoc: Doc<unknown> | undefined,
): Promise<CommandContext> {
  let state: { iteration_id?: unknown; last_run_id?: unknown } | undefined;
  try {
    state = (await readState(root)) as typeof state;
  } catch {
    state = undefined; // a broken state.json is not this check's business
  }
  let iterationId = opts.iteration;
  if (iterationId === undefined && typeof state?.iteration_id === "string") iterationId = state.iteration_id;
  if (iterationId === undefined) {
    const ids = new Set(runs.map((r) => r.iterationId));
    if (ids.size === 1) iterationId = [...ids][0];
  }
  let iterationPath: string | undefined;
  if (iterationId !== undefined) {
    iterationPath = runs.find((r) => r.iterationId === iterationId)?.iterationPath;
    if (iterationPath === undefined) {
      try {
        const it = await resolveIteration(root, iterationId);
        iterationPath = path.relative(root, it.iterationDir).split(path.sep).join("/");
      } catch {
        iterationPath = undefined;
      }
    }
  }
  let runId = opts.runId;
  if (
    runId === undefined &&
    typeof state?.last_run_id === "string" &&
    (state.iteration_id === undefined || state.iteration_id === iterationId)
  ) {
    runId = state.last_run_id;
  }
  if (runId === undefined && iterationId !== undefined) {
    const mine = runs
      .filter((r) => r.iterationId === iterationId)
      .map((r) => r.runId)
      .sort();
    runId = mine[mine.length - 1];
  }
  const seconds = Number(policy.launch?.check_timeout_seconds ?? 900);
  return {
    root,
    stage: opts.stage,
    policy,
    policyDoc,
    iterationId,
    iterationPath,
    runId,
    timeoutMs: opts.commandTimeoutMs ?? (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 900_000),
  };
}

// ---------------------------------------------------------------------------
// Orchestration

/** How many runs are read at once. */
const READ_CONCURRENCY = 64;

function severityRank(f: Finding): number {
  return f.severity === "error" ? 0 : f.severity === "warning" ? 1 : 2;
}

export async function runVerify(opts: VerifyOptions): Promise<VerifyReport> {
  if (!isVerifyStage(opts.stage)) {
    throw new AutolabError(`unknown stage ${JSON.stringify(opts.stage)}`, {
      exitCode: 2,
      hint: `known stages: ${VERIFY_STAGES.join(", ")}`,
    });
  }
  const stage = opts.stage;
  const root = await realpath(opts.repoRoot);
  const now = opts.now ?? new Date();
  const findings: Finding[] = [];

  const failed = (f: Finding[]): VerifyReport => ({ stage, findings: f, checksRun: [], runsChecked: 0, ok: false });
  // loadPolicy reads the file where it finds it: refuse a policy that lives outside the repository first.
  try {
    resolveInside(root, POLICY_PATH, POLICY_PATH);
  } catch (e) {
    return failed([refused(e, POLICY_PATH)]);
  }
  let policy: Policy;
  let policyDoc: Doc<unknown> | undefined;
  try {
    const loaded = await loadPolicy(root);
    policy = loaded.policy;
    if (loaded.doc) {
      policyDoc = { file: loaded.doc.file, data: loaded.doc.data, locate: loaded.doc.locate, findings: [] };
    }
  } catch (e) {
    const errs =
      e instanceof AutolabError && e.findings.length ? e.findings : [errorToFinding(e, "policy.schema", POLICY_PATH)];
    return failed(
      errs.map((f) => ({
        ...f,
        check: f.check === "schema" ? "policy.schema" : f.check,
        hint: f.hint ?? `fix ${POLICY_PATH}; no check can run without a valid policy`,
      })),
    );
  }

  const active = activeChecks(policy, stage, opts.runCommands !== false);
  const on = new Set(active.map((c) => c.id));

  // --iteration may also be a design.yaml or iteration directory path (the action's `design` input).
  let iteration = opts.iteration;
  if (iteration !== undefined && /[\\/]|\.ya?ml$/.test(iteration)) {
    try {
      iteration = (await resolveIteration(root, iteration)).iterationId;
    } catch (e) {
      return failed([errorToFinding(e, "discover.not_found", iteration)]);
    }
  }
  const discovered = await discoverRuns(root, { iteration, runId: opts.runId });
  findings.push(...discovered.findings);
  const runs = discovered.runs;

  // Read everything first (bounded concurrency), then check (pure).
  const iterations = new Map<string, Promise<IterationFacts>>();
  const iterationOf = (run: DiscoveredRun) => {
    let p = iterations.get(run.iterationDir);
    if (!p) {
      p = gatherIteration(root, run);
      iterations.set(run.iterationDir, p);
    }
    return p;
  };
  const needDesign = on.has("design.schema") || on.has("design.location");
  const facts = await mapPool(runs, READ_CONCURRENCY, async (run) => {
    const [f] = await Promise.all([gatherRun(root, run, on, stage), needDesign ? iterationOf(run) : undefined]);
    return f;
  });

  let ledger: LedgerFacts | undefined;
  if (
    on.has("ledger") &&
    facts.some(
      (f) =>
        f.manifest.kind === "ok" &&
        f.manifest.doc.data?.host_mode === "slurm" &&
        manifestJobId(f.manifest.doc.data) !== undefined,
    )
  ) {
    const r = await readInside(root, path.join(root, LEDGER_PATH), LEDGER_PATH, "ledger.file", false);
    ledger = r.kind === "text" ? { display: LEDGER_PATH, index: indexLedger(r.text) } : { display: LEDGER_PATH };
    if (r.kind === "text") findings.push(...otherLedgerProblems(ledger, new Set(runs.map((x) => x.runId))));
    else if (r.kind === "error") findings.push(r.finding);
    else {
      const first = facts.find((f) => f.manifest.kind === "ok" && f.manifest.doc.data?.host_mode === "slurm")!;
      findings.push({
        severity: "error",
        check: "ledger.file",
        file: LEDGER_PATH,
        message: `${LEDGER_PATH} does not exist, but there are SLURM runs to list in it`,
        hint: `create it by appending each SLURM run, e.g. \`${appendCommand(first.run)}\``,
      });
    }
  }

  // Iteration-level findings (design), once per iteration.
  if (needDesign) {
    const seen = new Set<string>();
    for (const run of runs) {
      if (seen.has(run.iterationDir)) continue;
      seen.add(run.iterationDir);
      const it = await iterationOf(run);
      const d = it.design;
      if (d.kind === "missing" && on.has("design.location")) {
        findings.push({
          severity: "error",
          check: "design.location",
          file: d.file,
          message: `iteration ${run.iterationId} has runs but no design.yaml`,
          hint: `restore it (\`git log --all -- ${shellQuote(d.file)}\` shows where it went); every iteration is described by its design.yaml`,
        });
      } else if (d.kind === "error") {
        if (on.has("design.schema") || d.finding.check === "path.outside")
          findings.push({ ...d.finding, hint: d.finding.hint ?? "fix the YAML syntax at the position shown" });
      } else if (d.kind === "ok" && on.has("design.schema")) {
        for (const f of d.doc.findings)
          findings.push({
            ...f,
            check: f.check === "schema" ? "design.schema" : `design.${f.check}`,
            hint: f.hint ?? "fix the value at the position shown",
          });
      }
    }
  }

  // Newest run (by run id, which starts with the launch time) of each iteration.
  const newest = new Map<string, string>();
  for (const r of runs) {
    const cur = newest.get(r.iterationDir);
    if (cur === undefined || r.runId > cur) newest.set(r.iterationDir, r.runId);
  }
  const requireMetrics = policy.extract_results?.require_metrics !== false;

  let runsChecked = 0;
  for (const f of facts) {
    const mf = f.manifest;
    if (mf.kind === "missing") continue; // vanished between discovery and reading
    runsChecked++;
    if (mf.kind === "error") {
      if (on.has("manifest.schema") || mf.finding.check === "path.outside") {
        findings.push({
          ...mf.finding,
          hint:
            mf.finding.hint ?? "fix the JSON syntax at the position shown; every other check of this run waits for it",
        });
      }
      continue;
    }
    const doc = mf.doc;
    if (obj(doc.data) === undefined) {
      if (on.has("manifest.schema")) findings.push(...doc.findings.map((s) => ({ ...s, check: "manifest.schema" })));
      continue;
    }
    const schemaPaths = new Set<string>();
    if (on.has("manifest.schema")) {
      for (const s of doc.findings) {
        // The job-id rule of the schema is reported (with a better location) by manifest.job_id.
        if ((s.jsonPath === "/" || s.jsonPath === "/host_mode") && /needs a job id/.test(s.message)) continue;
        schemaPaths.add(s.jsonPath ?? "");
        findings.push({
          ...s,
          check: s.check === "schema" ? "manifest.schema" : `manifest.${s.check}`,
          hint: s.hint ?? "fix the value at the position shown",
        });
      }
    }
    if (on.has("manifest.job_id")) findings.push(...checkJobId(f.run, doc));
    if (on.has("manifest.identity")) findings.push(...checkIdentity(f.run, doc));
    findings.push(...f.pathFindings);
    if (on.has("ledger") && ledger) findings.push(...checkLedger(f.run, doc, ledger));
    if (on.has("sync.status")) findings.push(...checkSync(f.run, doc));
    if (on.has("status.completed_at")) findings.push(...checkCompletedAt(f.run, doc, schemaPaths));
    if (on.has("status.timestamps")) findings.push(...checkTimestamps(doc, now));
    if (on.has("design.location") && newest.get(f.run.iterationDir) === f.run.runId) {
      findings.push(...checkDesignLocation(f.run, doc, await iterationOf(f.run)));
    }
    findings.push(...checkEnvSmoke(f, doc, on));
    if (stage === "extract_results") findings.push(...checkMetrics(f, doc, on, requireMetrics));
  }

  // The same warning about another run's ledger line comes once, not once per run.
  const unique: Finding[] = [];
  const seenKeys = new Set<string>();
  for (const f of findings) {
    const key = `${f.check}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    unique.push(f);
  }

  if (active.some((c) => c.category === "tests" || c.category === "dry_run")) {
    const ctx = await commandContext(root, { ...opts, iteration }, runs, policy, policyDoc);
    for (const spec of COMMANDS) if (on.has(spec.check)) unique.push(...(await runPolicyCommand(spec, ctx)));
  }

  return {
    stage,
    findings: unique,
    checksRun: active.map((c) => c.id),
    runsChecked,
    ok: !unique.some((f) => f.severity === "error"),
  };
}

/** Counts per severity, for summaries. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; notices: number } {
  let errors = 0;
  let warnings = 0;
  let notices = 0;
  for (const f of findings) {
    const r = severityRank(f);
    if (r === 0) errors++;
    else if (r === 1) warnings++;
    else notices++;
  }
  return { errors, warnings, notices };
}
