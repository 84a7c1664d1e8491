/**
 * The verifier's reads, done once, before any check runs: the policy, each
 * run's manifest (and, as the active checks need them, its sentinel, logs/,
 * job script and metrics), each iteration's design, the ledger, and the
 * context of the policy commands (state.json). The checks (checks/*.ts) are
 * pure and take what is read here.
 *
 * Rules of reading:
 * - Nothing outside the repository is read: a file (or logs/) that is a
 *   symlink leaving it is a `path.outside` finding instead; a file that is
 *   not strict UTF-8 or cannot be read is an error finding of its check.
 * - A job launched with a work root writes its evidence (sentinel, logs/) in
 *   its snapshot until the monitor brings it into the checkout at sync: the
 *   snapshot is read while the checkout has no sentinel.
 * - At most READ_CONCURRENCY runs are read at once; an iteration's design is
 *   read once, however many runs it has.
 */
import { existsSync } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { resolveIteration, type DesignExt } from "../contract/design.js";
import { loadPolicy, type Policy } from "../contract/policy.js";
import type { Metrics, RunManifest } from "../contract/types.js";
import type { VerifyStage } from "../contract/vocabulary.js";
import { LEDGER_PATH, METRICS_FILE, POLICY_PATH, SENTINEL_FILE, SLURM_SCRIPT_FILE } from "../domain/layout.js";
import { manifestJobId } from "../domain/run.js";
import { parseSentinel } from "../domain/sentinel.js";
import { indexLedger } from "../ledger/ledger.js";
import { jobRunDir, type DiscoveredRun } from "../store/discover.js";
import { readState } from "../store/state-file.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { decodeUtf8Strict, linkError, readOwned, resolveInside } from "../util/fs.js";

/** A file the verifier reads larger than this is an error finding, not read. */
const MAX_READ_BYTES = 64 * 1024 * 1024;
import { MANIFEST_PATH_POINTERS } from "./checks/manifest.js";
import { contractDoc, errorToFinding, jsonDoc, valueAt, type Doc, type Loaded } from "./doc.js";
import type { CheckEntry } from "./registry.js";
import type {
  CommandContext,
  IterationFacts,
  LedgerFacts,
  LogsFacts,
  RefusedPath,
  RunFacts,
  SentinelFacts,
} from "./types.js";
import { mapPool } from "../util/pool.js";

type Read = { kind: "text"; text: string } | { kind: "missing" } | { kind: "error"; finding: Finding };

export function refused(e: unknown, display: string): Finding {
  return {
    severity: "error",
    check: "path.outside",
    file: display,
    message: `refused: ${e instanceof Error ? e.message : String(e)}`,
    hint: `replace ${display} with a file inside the repository; the verifier never reads outside it`,
  };
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
): Promise<Read> {
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
  // Never through a link (at any level, even one staying inside: links.ts reports it as path.link),
  // never blocking on a FIFO, only a regular file.
  const r = await readOwned(root, abs, MAX_READ_BYTES);
  if (r.skipped) return { kind: "error", finding: errorToFinding(linkError(r, display), check, display) };
  if (r.tooLarge !== undefined) {
    return {
      kind: "error",
      finding: {
        severity: "error",
        check,
        file: display,
        message: `${r.tooLarge} bytes: too large to check (at most ${MAX_READ_BYTES})`,
      },
    };
  }
  if (!r.data) return { kind: "missing" };
  const buf = r.data;
  try {
    return { kind: "text", text: decodeUtf8Strict(buf, display) };
  } catch (e) {
    return { kind: "error", finding: errorToFinding(e, check, display) };
  }
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
  return contractDoc<T>(kind, r.text, display, check);
}

async function loadSentinel(root: string, abs: string, display: string): Promise<SentinelFacts> {
  const r = await readInside(root, abs, display, "env_smoke.sentinel");
  if (r.kind !== "text") return r.kind === "missing" ? { kind: "missing", file: display } : r;
  const d = jsonDoc<unknown>(r.text, display, "env_smoke.sentinel");
  if (d.kind === "ok") return { kind: "ok", doc: d.doc, sentinel: parseSentinel(r.text) };
  return d.kind === "error" ? d : { kind: "missing", file: display };
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

/** manifest.path: the manifest's paths that are absolute or leave the repository (through a symlink too). */
function refusedPaths(root: string, m: RunManifest): RefusedPath[] {
  const out: RefusedPath[] = [];
  for (const pointer of MANIFEST_PATH_POINTERS) {
    const v = valueAt(m, pointer);
    if (typeof v !== "string" || v === "") continue;
    try {
      if (path.isAbsolute(v)) throw new AutolabError(`path ${JSON.stringify(v)} is absolute`);
      resolveInside(root, v, "path");
    } catch (e) {
      out.push({ pointer, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

/** What the active checks read, by kind. */
export interface Needs {
  stage: VerifyStage;
  ids: ReadonlySet<string>;
  design: boolean;
  metrics: boolean;
  evidence: boolean;
  ledger: boolean;
}

export function needsOf(active: readonly CheckEntry[], stage: VerifyStage): Needs {
  const reads = (k: CheckEntry["reads"]) => active.some((c) => c.reads === k);
  return {
    stage,
    ids: new Set(active.map((c) => c.id)),
    design: reads("design"),
    metrics: stage === "extract_results" && reads("metrics"),
    evidence: reads("run_evidence"),
    ledger: reads("ledger"),
  };
}

async function gatherEvidence(root: string, run: DiscoveredRun, m: RunManifest, facts: RunFacts<DiscoveredRun>) {
  const ev = m ? jobRunDir(m, root, run.runDir) : undefined;
  const inSnapshot = ev?.workDir !== undefined && !ev.missing && !existsSync(path.join(run.runDir, SENTINEL_FILE));
  const evRoot = inSnapshot ? ev!.workDir! : root;
  const evDir = inSnapshot ? ev!.dir : run.runDir;
  facts.sentinel = await loadSentinel(evRoot, path.join(evDir, SENTINEL_FILE), `${run.runPath}/${SENTINEL_FILE}`);
  facts.logs = await listLogs(evRoot, evDir, `${run.runPath}/logs`);
  if (m?.host_mode === "slurm") {
    const script = path.join(run.runDir, SLURM_SCRIPT_FILE);
    facts.runScript = {
      file: `${run.runPath}/${SLURM_SCRIPT_FILE}`,
      exists: (await lstat(script).catch(() => undefined)) !== undefined,
    };
  }
}

async function gatherRun(root: string, run: DiscoveredRun, needs: Needs): Promise<RunFacts<DiscoveredRun>> {
  const manifest = await loadContract<RunManifest>(
    root,
    "manifest",
    run.manifestPath,
    run.manifestDisplay,
    "manifest.schema",
  );
  const facts: RunFacts<DiscoveredRun> = { run, manifest, refusedPaths: [] };
  if (manifest.kind !== "ok") return facts;
  const m = manifest.doc.data;
  if (needs.ids.has("manifest.path")) facts.refusedPaths = refusedPaths(root, m);
  if (needs.evidence) await gatherEvidence(root, run, m, facts);
  if (needs.metrics) {
    facts.metrics = await loadContract<Metrics>(
      root,
      "metrics",
      path.join(run.runDir, METRICS_FILE),
      `${run.runPath}/${METRICS_FILE}`,
      "metrics.schema",
    );
  }
  return facts;
}

async function gatherIteration(root: string, run: DiscoveredRun): Promise<IterationFacts> {
  return {
    iterationId: run.iterationId,
    iterationPath: run.iterationPath,
    design: await loadIterationDesign(root, run.iterationPath),
  };
}

/** An iteration's design.yaml (repository-relative iteration path), read as every tool-read file is. */
export function loadIterationDesign(root: string, iterationPath: string): Promise<Loaded<DesignExt>> {
  const display = `${iterationPath}/design.yaml`;
  return loadContract<DesignExt>(root, "design", path.join(root, display), display, "design.schema");
}

/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
/** How many runs are read at once. */
const READ_CONCURRENCY = 64;

export interface RepoFacts {
  runs: RunFacts<DiscoveredRun>[];
  /** By iteration path; only when a design check is active. */
  iterations: Map<string, IterationFacts>;
  ledger?: LedgerFacts;
}

function listedInLedger(f: RunFacts): boolean {
  return (
    f.manifest.kind === "ok" &&
    f.manifest.doc.data?.host_mode === "slurm" &&
    manifestJobId(f.manifest.doc.data) !== undefined
  );
}

async function gatherLedger(root: string): Promise<LedgerFacts> {
  const r = await readInside(root, path.join(root, LEDGER_PATH), LEDGER_PATH, "ledger.file", false);
  if (r.kind === "text") return { kind: "ok", display: LEDGER_PATH, index: indexLedger(r.text) };
  if (r.kind === "error") return { kind: "error", display: LEDGER_PATH, finding: r.finding };
  return { kind: "missing", display: LEDGER_PATH };
}

/** Everything the checks read, for the runs discovered. */
export async function gatherFacts(root: string, runs: readonly DiscoveredRun[], needs: Needs): Promise<RepoFacts> {
  const pending = new Map<string, Promise<IterationFacts>>();
  const iterationOf = (run: DiscoveredRun) => {
    let p = pending.get(run.iterationDir);
    if (!p) {
      p = gatherIteration(root, run);
      pending.set(run.iterationDir, p);
    }
    return p;
  };
  const facts = await mapPool(runs, READ_CONCURRENCY, async (run) => {
    const [f] = await Promise.all([gatherRun(root, run, needs), needs.design ? iterationOf(run) : undefined]);
    return f;
  });
  const iterations = new Map<string, IterationFacts>();
  for (const p of pending.values()) {
    const it = await p;
    iterations.set(it.iterationPath, it);
  }
  const out: RepoFacts = { runs: facts, iterations };
  if (needs.ledger && facts.some(listedInLedger)) out.ledger = await gatherLedger(root);
  return out;
}

/** The effective verifier policy and its document (for positions), or the findings that stop every check. */
export async function gatherPolicy(
  root: string,
): Promise<{ policy: Policy; policyDoc?: Doc<unknown> } | { findings: Finding[] }> {
  // loadPolicy reads the file where it finds it: refuse a policy that lives outside the repository first.
  try {
    resolveInside(root, POLICY_PATH, POLICY_PATH);
  } catch (e) {
    return { findings: [refused(e, POLICY_PATH)] };
  }
  try {
    const loaded = await loadPolicy(root);
    const d = loaded.doc;
    const policyDoc = d ? { file: d.file, data: d.data, locate: d.locate, findings: [] } : undefined;
    return { policy: loaded.policy, policyDoc };
  } catch (e) {
    return { findings: policyErrorFindings(e) };
  }
}

/** A policy that did not load, as `policy.schema` findings (`where` prefixes each message: whose policy). */
export function policyErrorFindings(e: unknown, where?: string): Finding[] {
  const errs =
    e instanceof AutolabError && e.findings.length ? e.findings : [errorToFinding(e, "policy.schema", POLICY_PATH)];
  return errs.map((f) => ({
    ...f,
    check: f.check === "schema" ? "policy.schema" : f.check,
    ...(where ? { message: `${where}: ${f.message}` } : {}),
    hint: f.hint ?? `fix ${POLICY_PATH}; no check can run without a valid policy`,
  }));
}

/** `--iteration` given as a design.yaml or iteration directory path (the action's `design` input): its id. */
export async function iterationIdOf(root: string, iteration: string): Promise<string | { finding: Finding }> {
  if (!/[\\/]|\.ya?ml$/.test(iteration)) return iteration;
  try {
    return (await resolveIteration(root, iteration)).iterationId;
  } catch (e) {
    return { finding: errorToFinding(e, "discover.not_found", iteration) };
  }
}

/**
 * The policy commands' placeholders: the iteration (--iteration, else
 * state.json, else the only one among the runs) and the run (--run-id, else
 * state.json's last run of that iteration, else its newest run).
 */
export async function gatherCommandContext(
  root: string,
  opts: { stage: VerifyStage; iteration?: string; runId?: string },
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
  return { stage: opts.stage, policy, policyDoc, iterationId, iterationPath, runId };
}
