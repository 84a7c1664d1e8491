/**
 * Asking the scheduler about many jobs at once, once per monitor tick:
 * one `sacct` call and one `squeue` call for all runs together (split into
 * chunks only when the id list is very long), never one call per run.
 *
 * - sacct: `-j <ids> --parsable2 --noheader --format=...` with main AND step
 *   rows (the `.batch` row tells a started job whose main row still says
 *   PENDING / `allocation`), bounded by `--starttime` when given.
 * - squeue: `--states=all --jobs=<ids> -O ...`. squeue with a list of ids
 *   ignores ids it does not know; with exactly one unknown id it fails with
 *   "Invalid job id specified". That message is the controller's answer
 *   ("not in my queue"), so it is read as zero rows, not as an outage.
 * - Capability is learnt from the sacct call itself: "accounting storage is
 *   disabled" => `disabled` (a lasting site setup); any other failure =>
 *   `down`. In both cases one `scontrol show job -o` (all jobs the controller
 *   knows, filtered here) supplies exit codes and restart counts.
 * - squeue failing (controller unreachable, timeout, any non-zero exit other
 *   than the above) makes the outcome `ok: false` with no observations: an
 *   outage changes no run, it is reported. With several clusters, each is
 *   asked on its own: one that does not answer is listed in `outages` (its
 *   runs stay as they are) and the others' answers are kept
 *   (domain/cluster-answers.ts); `ok` is false only when none answered.
 * - Merge, per job or array task: a live, non-terminal controller state wins
 *   (the job is alive; e.g. requeued after a final-looking accounting row);
 *   otherwise a final sacct row (terminal state with End set); otherwise the
 *   controller's terminal state; otherwise a non-final sacct row.
 * - Array tasks neither answer showed get one more sacct question about
 *   their arrays (`followup.arrayRecordRows`): a task that never started lives
 *   only in the array's range record, which sacct does not print for a task id.
 * - `unresolved` lists ids that no source showed while accounting was down:
 *   their absence is not evidence (a job missing only from squeue is never
 *   taken as finished), so the caller must not count it towards "unknown".
 */
import { describeFailure, ok, runArgv, type ExecResult } from "../../util/exec.js";
import {
  CLIENT_ENV,
  classifySacctFailure,
  expandArrayRange,
  isInvalidJobIdMessage,
  parseArrayJobId,
  parseSacct,
  parseScontrolJobs,
  parseSqueue,
  SACCT_FIELDS,
  squeueFormatArg,
  type JobRow,
} from "./parse.js";
import { isTerminalState, normalizeState } from "../states.js";
import { usageOf } from "./usage.js";
import {
  arrayRecordRows,
  federationRows,
  flagRunaways,
  revokedIds,
  unseenArrayTasks,
  type FollowupContext,
} from "./followup.js";
import { mergeClusterAnswers } from "../../domain/cluster-answers.js";
import type { AccountingStatus, JobObservation, QueryCall, QueryOptions, QueryOutcome } from "../port.js";

export type { AccountingStatus, JobObservation, QueryCall, QueryOptions, QueryOutcome };

/** The adapter's query options: the port's, plus the program paths (tests, odd installs). */
export interface SlurmQueryOptions extends QueryOptions {
  bins?: Partial<Record<"sacct" | "squeue" | "scontrol", string>>;
}

export { CLIENT_ENV };

function record(calls: QueryCall[], r: ExecResult): void {
  const c: QueryCall = { argv: [r.command, ...r.args], ok: ok(r), durationMs: Math.round(r.durationMs) };
  if (!c.ok) c.error = describeFailure(r);
  calls.push(c);
}

/** sacct reads `--starttime` in the local time zone of the machine: format it so. */
export function sacctTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Characters of `--jobs=<ids>` per call (Linux refuses one argument over 128 KiB). */
const MAX_IDS_ARG_CHARS = 100_000;

/** Split ids into lists of at most `n` ids whose comma-joined text stays under MAX_IDS_ARG_CHARS. */
function chunk(xs: string[], n: number): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let len = 0;
  for (const x of xs) {
    if (cur.length && (cur.length >= n || len + x.length + 1 > MAX_IDS_ARG_CHARS)) {
      out.push(cur);
      cur = [];
      len = 0;
    }
    cur.push(x);
    len += x.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** `123;cluster` (sbatch --parsable's form) -> {id, cluster}; a plain id has no cluster. */
export function splitJobRef(ref: string): { id: string; cluster?: string } {
  const m = /^(.+);([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(ref.trim());
  return m ? { id: m[1], cluster: m[2] } : { id: ref.trim() };
}

/**
 * Ask sacct, squeue (and, without accounting, scontrol) about `jobIds`. Never
 * throws for scheduler trouble. A ref `id;cluster` is a job on another
 * cluster of a multi-cluster site: each cluster is asked once (`-M cluster`)
 * for its jobs, and its observations are keyed by the ref as given.
 */
export async function queryJobs(jobIds: string[], opts: SlurmQueryOptions = {}): Promise<QueryOutcome> {
  const byCluster = new Map<string, string[]>();
  for (const ref of jobIds) {
    const { cluster } = splitJobRef(ref);
    const k = cluster ?? "";
    const l = byCluster.get(k);
    if (l) l.push(ref);
    else byCluster.set(k, [ref]);
  }
  if (byCluster.size <= 1) {
    const [[cluster, refs] = ["", jobIds]] = [...byCluster];
    const one = await queryCluster(refs, cluster || undefined, opts);
    return one.ok ? one : { ...one, outages: mergeClusterAnswers([{ ...one, cluster, refs }]).outages };
  }
  const asked = [...byCluster];
  const parts = await Promise.all(asked.map(([c, refs]) => queryCluster(refs, c || undefined, opts)));
  // A cluster that did not answer leaves only its own runs as they are (domain/cluster-answers.ts).
  const merged = mergeClusterAnswers(
    parts.map((p, i) => ({ ...p, cluster: asked[i][0] || undefined, refs: asked[i][1] })),
  );
  const answered = parts.filter((p) => p.ok);
  const out: QueryOutcome = {
    ok: merged.ok,
    observations: merged.observations,
    calls: parts.flatMap((p) => p.calls),
    accounting:
      answered.find((p) => p.accounting !== "ok" && p.accounting !== "unknown")?.accounting ??
      (answered[0] ?? parts[0]).accounting,
    unresolved: merged.unresolved,
    warnings: parts.flatMap((p) => p.warnings),
  };
  if (merged.error !== undefined) out.error = merged.error;
  if (merged.outages.length) out.outages = merged.outages;
  return out;
}

/** One cluster's question (no cluster: the one the client is configured for). */
async function queryCluster(
  refs: string[],
  cluster: string | undefined,
  opts: SlurmQueryOptions,
): Promise<QueryOutcome> {
  const timeoutMs = opts.timeoutMs ?? 25_000;
  const startTime = opts.startTime ?? (opts.since ? sacctTime(opts.since) : undefined);
  const size = Math.max(1, opts.chunkSize ?? Number.MAX_SAFE_INTEGER);
  const clusterArgs = cluster ? ["-M", cluster] : [];
  const key = (id: string) => (cluster ? `${id};${cluster}` : id);
  const calls: QueryCall[] = [];
  const warnings: string[] = [];
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const raw of refs) {
    const id = splitJobRef(raw).id;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!parseArrayJobId(id)) {
      warnings.push(`not a SLURM job id: ${JSON.stringify(raw)}`);
      continue;
    }
    ids.push(id);
  }
  if (ids.length === 0)
    return { ok: true, observations: new Map(), calls, accounting: "unknown", unresolved: [], warnings };
  const chunks = chunk(ids, size);

  const sacctTask = async () => {
    const rows: JobRow[] = [];
    const spoke = new Set<string>();
    let accounting: AccountingStatus = "ok";
    for (const c of chunks) {
      const args = [
        ...clusterArgs,
        "--noheader",
        "--parsable2",
        `--format=${SACCT_FIELDS.join(",")}`,
        `--jobs=${c.join(",")}`,
      ];
      if (startTime) args.push(`--starttime=${startTime}`);
      const r = await runArgv(opts.bins?.sacct ?? "sacct", args, { timeoutMs, env: CLIENT_ENV });
      record(calls, r);
      if (!ok(r)) {
        accounting = r.spawnError ? "disabled" : r.timedOut ? "down" : classifySacctFailure(r.stderr);
        warnings.push(`accounting ${accounting}: ${describeFailure(r)}`);
        break; // in an outage, do not wait out one timeout per chunk
      }
      rows.push(...parseSacct(r.stdout));
      for (const id of c) spoke.add(id);
    }
    return { rows, spoke, accounting };
  };

  const squeueTask = async () => {
    const rows: JobRow[] = [];
    for (const c of chunks) {
      const args = [
        ...clusterArgs,
        "--noheader",
        "--states=all",
        `--Format=${squeueFormatArg()}`,
        `--jobs=${c.join(",")}`,
      ];
      const r = await runArgv(opts.bins?.squeue ?? "squeue", args, { timeoutMs, env: CLIENT_ENV });
      if (!ok(r) && !r.timedOut && !r.spawnError && r.code === 1 && isInvalidJobIdMessage(r.stderr)) {
        // The controller answered: none of these ids is in its queue.
        calls.push({ argv: [r.command, ...r.args], ok: true, durationMs: Math.round(r.durationMs) });
        continue;
      }
      record(calls, r);
      if (!ok(r)) return { rows, error: describeFailure(r) };
      rows.push(...parseSqueue(r.stdout));
    }
    return { rows, error: undefined as string | undefined };
  };

  const [sa, sq] = await Promise.all([sacctTask(), squeueTask()]);
  if (sq.error !== undefined) {
    return {
      ok: false,
      error: `the controller did not answer: ${sq.error}`,
      observations: new Map(),
      calls,
      accounting: sa.accounting,
      unresolved: ids.map(key),
      warnings,
    };
  }
  let scontrolRows: JobRow[] | undefined;
  if (sa.accounting !== "ok") {
    const r = await runArgv(opts.bins?.scontrol ?? "scontrol", [...clusterArgs, "show", "job", "-o"], {
      timeoutMs,
      env: CLIENT_ENV,
    });
    record(calls, r);
    if (ok(r)) scontrolRows = parseScontrolJobs(r.stdout);
    else warnings.push(`scontrol fallback failed: ${describeFailure(r)}`);
  }
  const observations = buildObservations(ids, { sacct: sa.rows, squeue: sq.rows, scontrol: scontrolRows });
  const unresolved = sa.accounting === "disabled" ? [] : ids.filter((id) => !observations.has(id) && !sa.spoke.has(id));
  const ctx: FollowupContext = { timeoutMs, startTime, clusterArgs, bins: opts.bins, calls, warnings };
  if (sa.accounting === "ok") {
    // Tasks only an array's range record holds (never started; the controller forgot the array);
    // then the runaway rule judges every record only accounting holds, those included.
    const unseen = unseenArrayTasks(ids, observations);
    const rows = await arrayRecordRows(unseen.arrays, ctx);
    if (rows) for (const [id, o] of buildObservations(unseen.tasks, { sacct: rows })) observations.set(id, o);
    await flagRunaways(observations, ctx);
  }
  const revoked = revokedIds(observations);
  const fed = await federationRows(revoked, ctx);
  if (fed) {
    for (const [id, o] of buildObservations(revoked, fed))
      observations.set(id, { ...o, source: `${o.source} --federation` });
  }
  const keyed = new Map<string, JobObservation>();
  for (const [id, o] of observations) keyed.set(key(id), cluster ? { ...o, cluster } : o);
  return { ok: true, observations: keyed, calls, accounting: sa.accounting, unresolved: unresolved.map(key), warnings };
}

// ---------------------------------------------------------------------------
// Pure merge

export interface RowSources {
  sacct?: JobRow[];
  squeue?: JobRow[];
  scontrol?: JobRow[];
}

type Source = JobObservation["source"];

/** Rows about `id`; `byRaw` when `id` matched only as the raw id of one array task. */
/** The rows of one source, indexed once by base job id and by raw id (so a tick stays linear). */
interface RowIndex {
  byBase: Map<string, JobRow[]>;
  byRaw: Map<string, JobRow[]>;
}
const rowIndexes = new WeakMap<JobRow[], RowIndex>();

function indexRows(rows: JobRow[]): RowIndex {
  let ix = rowIndexes.get(rows);
  if (ix) return ix;
  ix = { byBase: new Map(), byRaw: new Map() };
  for (const r of rows) {
    const b = ix.byBase.get(r.base);
    if (b) b.push(r);
    else ix.byBase.set(r.base, [r]);
    if (r.jobIdRaw !== undefined) {
      const raw = r.jobIdRaw.replace(/\..*$/, "");
      const l = ix.byRaw.get(raw);
      if (l) l.push(r);
      else ix.byRaw.set(raw, [r]);
    }
  }
  rowIndexes.set(rows, ix);
  return ix;
}

/** Rows about `id`; `byRaw` when `id` matched only as the raw id of one array task. */
function rowsFor(id: string, rows: JobRow[] | undefined): JobRow[] & { byRaw?: boolean } {
  if (!rows) return [];
  const want = parseArrayJobId(id);
  if (!want) return [];
  const ix = indexRows(rows);
  const sameBase = ix.byBase.get(want.base) ?? [];
  if (want.task !== undefined) {
    return sameBase.filter(
      (r) => r.task === want.task || (r.range !== undefined && (expandArrayRange(r.range) ?? []).includes(want.task!)),
    );
  }
  if (sameBase.length) return [...sameBase];
  // Asked by the raw id of an array task (`11` for `10_0`).
  const byRaw: JobRow[] & { byRaw?: boolean } = [...(ix.byRaw.get(id) ?? [])];
  if (byRaw.length) byRaw.byRaw = true;
  return byRaw;
}

/** The row fields an observation takes over (the accounting text is folded separately, `withUsage`). */
const ROW_KEYS = [
  "jobIdRaw",
  "name",
  "reason",
  "exitCode",
  "start",
  "end",
  "elapsed",
  "nodeList",
  "restarts",
  "submit",
  "expectedStart",
] as const;

function fromRow(jobId: string, row: JobRow, source: Source): JobObservation {
  const o: JobObservation = { jobId, state: row.state, source };
  const keys = ROW_KEYS;
  for (const k of keys) if (row[k] !== undefined) (o as unknown as Record<string, unknown>)[k] = row[k];
  return o;
}

function fillFrom(o: JobObservation, row: JobRow | undefined): JobObservation {
  if (!row) return o;
  const keys = ROW_KEYS;
  for (const k of keys) {
    if (o[k] === undefined && row[k] !== undefined && !(k === "name" && row.name === "allocation")) {
      (o as unknown as Record<string, unknown>)[k] = row[k];
    }
  }
  return o;
}

/** The observation of one job or array task from its rows (see the module comment for the order). */
function mergeOne(
  jobId: string,
  sacctMain: JobRow | undefined,
  sacctSteps: JobRow[],
  live: { row: JobRow; source: Source } | undefined,
): JobObservation | undefined {
  const sacctBatch = lastOf(sacctSteps.filter((r) => r.step === "batch"));
  const withBatch = (o: JobObservation) => {
    if (sacctBatch) {
      o.batchState = sacctBatch.state;
      if (sacctBatch.exitCode !== undefined) o.batchExitCode = sacctBatch.exitCode;
    }
    // What the job used: its own accounting row with its steps folded in (same sacct answer).
    const usage =
      sacctMain &&
      usageOf(
        sacctMain.usage ?? {},
        sacctSteps.map((r) => r.usage ?? {}),
      );
    if (usage) o.usage = usage;
    if (sacctMain?.usage?.timelimit !== undefined) o.timeLimit = sacctMain.usage.timelimit;
    if (o.submit === undefined && sacctMain?.submit !== undefined) o.submit = sacctMain.submit;
    return o;
  };
  if (live && !isTerminalState(live.row.state))
    return withBatch(fillFrom(fromRow(jobId, live.row, live.source), sacctMain));
  if (sacctMain && isTerminalState(sacctMain.state) && sacctMain.end !== undefined) {
    const o = fromRow(jobId, sacctMain, "sacct");
    if (o.name === "allocation" && live?.row.name) o.name = live.row.name;
    if (live?.row.restarts !== undefined) o.restarts = live.row.restarts;
    return withBatch(o);
  }
  if (live) return withBatch(fillFrom(fromRow(jobId, live.row, live.source), sacctMain));
  if (sacctMain) return withBatch(fromRow(jobId, sacctMain, "sacct"));
  return undefined;
}

function liveRow(
  squeue: JobRow | undefined,
  scontrol: JobRow | undefined,
): { row: JobRow; source: Source } | undefined {
  if (squeue) {
    // squeue has no restart count for some versions; scontrol fills gaps.
    const row = { ...squeue };
    if (scontrol)
      for (const k of ["exitCode", "restarts"] as const)
        if (row[k] === undefined && scontrol[k] !== undefined) (row as Record<string, unknown>)[k] = scontrol[k];
    return { row, source: "squeue" };
  }
  return scontrol ? { row: scontrol, source: "scontrol" } : undefined;
}

const lastOf = <T>(xs: T[]): T | undefined => xs[xs.length - 1];

/**
 * Pure: one observation per requested id (absent when no source showed the
 * job) from the rows each tool printed. Exported for the unit tests.
 */
export function buildObservations(ids: string[], src: RowSources): Map<string, JobObservation> {
  const out = new Map<string, JobObservation>();
  for (const id of ids) {
    const sa = rowsFor(id, src.sacct);
    const sq = rowsFor(id, src.squeue);
    const sc = rowsFor(id, src.scontrol);
    const all = [...sa, ...sq, ...sc];
    if (all.length === 0) continue;
    const want = parseArrayJobId(id)!;
    const oneTask = Boolean(sa.byRaw || sq.byRaw || sc.byRaw);
    const isArray =
      !oneTask && want.task === undefined && all.some((r) => r.task !== undefined || r.range !== undefined);
    if (!isArray) {
      const task = want.task;
      const pick = (rows: JobRow[], step?: string) =>
        lastOf(rows.filter((r) => r.step === step && (task === undefined || r.task === task)));
      const steps = sa.filter((r) => r.step !== undefined && (task === undefined || r.task === task));
      let o = mergeOne(id, pick(sa), steps, liveRow(pick(sq), pick(sc)));
      if (!o && task !== undefined) {
        // Only a pending range covers this task.
        const range =
          lastOf(sq.filter((r) => r.range)) ??
          lastOf(sc.filter((r) => r.range)) ??
          lastOf(sa.filter((r) => r.range && !r.step));
        if (range)
          o = fromRow(
            id,
            { ...range, state: range.state },
            sq.includes(range) ? "squeue" : sc.includes(range) ? "scontrol" : "sacct",
          );
      }
      if (o) out.set(id, o);
      continue;
    }
    // An array: merge per task index; pending ranges from the freshest source.
    const indices = new Set<number>();
    for (const r of all) if (r.task !== undefined) indices.add(r.task);
    const tasks: JobObservation[] = [];
    for (const t of [...indices].sort((a, b) => a - b)) {
      const of = (rows: JobRow[], step?: string) => lastOf(rows.filter((r) => r.task === t && r.step === step));
      const main = of(sa);
      const label = (main ?? of(sq) ?? of(sc))?.jobId ?? `${want.base}_${t}`;
      const steps = sa.filter((r) => r.task === t && r.step !== undefined);
      const o = mergeOne(label.replace(/\..*$/, ""), main, steps, liveRow(of(sq), of(sc)));
      if (o) tasks.push(o);
    }
    const rangeSource: Array<[JobRow[], Source]> = sq.length
      ? [[sq, "squeue"]]
      : sc.length
        ? [[sc, "scontrol"]]
        : [[sa, "sacct"]];
    for (const [rows, source] of rangeSource) {
      for (const r of rows) {
        if (r.range === undefined || r.step !== undefined) continue;
        const left = (expandArrayRange(r.range) ?? []).filter((i) => !indices.has(i));
        if (left.length === 0) continue;
        tasks.push(fromRow(r.jobId, r, source));
      }
    }
    const counts = new Map<string, number>();
    for (const t of tasks) {
      const n = normalizeState(t.state).name;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    const name = all.find((r) => !r.step && r.name && r.name !== "allocation")?.name;
    const parent: JobObservation = {
      jobId: id,
      state: `ARRAY ${[...counts].map(([k, v]) => `${k}=${v}`).join(" ")}`.trim(),
      source: tasks.some((t) => t.source === "sacct") ? "sacct" : sq.length ? "squeue" : "scontrol",
      tasks,
    };
    if (name) parent.name = name;
    out.set(id, parent);
  }
  return out;
}
