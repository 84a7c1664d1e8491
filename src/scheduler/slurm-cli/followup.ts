/**
 * Second questions of a tick, asked only when the first answer needs them
 * (so an ordinary tick still costs one sacct + one squeue):
 *
 * - Runaway accounting records (issue 10, item 5). The controller keeps every
 *   job that runs or waits; when sacct says RUNNING (or PENDING) and the
 *   controller, asked about the same ids, does not list the job, slurmdbd never
 *   recorded its end. One `sacct --format=JobID,Timelimit,Elapsed` for those
 *   ids says whether the record is past its time limit (sacct's Elapsed of an
 *   open record keeps growing). A record past its limit, or with no finite
 *   limit, is flagged `runaway` with the evidence; the run's decision (the
 *   sentinel, a warning naming `sacctmgr show runawayjobs`, `lost` past the
 *   policy limit) is domain/tick.ts's.
 * - REVOKED (issue 10, item 11). In a federation the origin cluster revokes its
 *   copy of a job once a sibling started it, under the same job id. One
 *   `sacct --federation` and one `squeue --federation` for those ids show the
 *   sibling's record, which replaces the REVOKED one.
 * - Array tasks no answer showed (issue 12). A task that never started exists
 *   only in its array's pending-range record (`A_[4-11%2]`); sacct, asked for
 *   the task id `A_4`, prints no row for it, and once the controller has
 *   forgotten the array (MinJobAge after it ended, e.g. cancelled while the
 *   tasks waited) squeue has none either. One `sacct -X --jobs=<array ids>`
 *   shows the range record with its final state and end, which decides for
 *   each of its tasks (a task's own row, when there is one, still wins).
 */
import { describeFailure, ok, runArgv } from "../../util/exec.js";
import { normalizeState, REVOKED_STATE, isTerminalState } from "../states.js";
import type { JobObservation, QueryCall } from "../port.js";
import {
  CLIENT_ENV,
  contentLines,
  parseArrayJobId,
  parseSacct,
  parseSqueue,
  SACCT_FIELDS,
  squeueFormatArg,
  unsetToUndefined,
  type JobRow,
} from "./parse.js";

export interface FollowupContext {
  timeoutMs: number;
  startTime?: string;
  /** Extra arguments naming the cluster (`-M c`), empty for the default cluster. */
  clusterArgs: string[];
  bins?: Partial<Record<"sacct" | "squeue", string>>;
  calls: QueryCall[];
  warnings: string[];
}

function record(calls: QueryCall[], r: Awaited<ReturnType<typeof runArgv>>): void {
  const c: QueryCall = { argv: [r.command, ...r.args], ok: ok(r), durationMs: Math.round(r.durationMs) };
  if (!c.ok) c.error = describeFailure(r);
  calls.push(c);
}

/**
 * Seconds of a SLURM duration as sacct prints it (`MM:SS`, `HH:MM:SS`,
 * `D-HH:MM:SS`, `D-HH`, `D-HH:MM`, fractions dropped); undefined for
 * `UNLIMITED`, `Partition_Limit` and anything else.
 */
export function slurmDurationSeconds(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?(?:\.\d+)?$/.exec(v.trim());
  if (!m) return undefined;
  const parts = [m[2], m[3], m[4]].filter((x) => x !== undefined).map(Number);
  let s: number;
  if (m[1] !== undefined) s = parts[0] * 3600 + (parts[1] ?? 0) * 60 + (parts[2] ?? 0);
  else if (parts.length === 3) s = parts[0] * 3600 + parts[1] * 60 + parts[2];
  else if (parts.length === 2) s = parts[0] * 60 + parts[1];
  else return undefined;
  return Number(m[1] ?? 0) * 86400 + s;
}

/** Ids whose record only accounting holds, open (not terminal), for a plain (non-array) job. */
export function accountingOnlyOpen(observations: Map<string, JobObservation>): string[] {
  const out: string[] = [];
  for (const [id, o] of observations) {
    if (o.tasks !== undefined || o.source !== "sacct") continue;
    if (isTerminalState(o.state) || normalizeState(o.state).name === REVOKED_STATE) continue;
    out.push(id);
  }
  return out;
}

/**
 * The runaway verdict of one `JobID|Timelimit|Elapsed` row: evidence text when
 * the open record is past its time limit or has none, else undefined. Pure.
 */
export function runawayEvidence(
  state: string,
  timeLimit: string | undefined,
  elapsed: string | undefined,
): string | undefined {
  const limit = slurmDurationSeconds(timeLimit);
  const ran = slurmDurationSeconds(elapsed);
  const base = `sacct keeps an open record (State=${state}) but the controller does not list the job`;
  if (limit === undefined) return `${base}, and it has no finite time limit (Timelimit=${timeLimit ?? "unset"})`;
  if (ran !== undefined && ran > limit) return `${base}, and its Elapsed ${elapsed} is past its Timelimit ${timeLimit}`;
  return undefined;
}

/**
 * Flag runaways among accounting-only open records, in place. The tick's
 * sacct answer carries each job's Timelimit: a record is judged from it, and
 * sacct is asked again only about records whose answer had none.
 */
export async function flagRunaways(observations: Map<string, JobObservation>, ctx: FollowupContext): Promise<void> {
  const ids: string[] = [];
  for (const id of accountingOnlyOpen(observations)) {
    const o = observations.get(id)!;
    if (o.timeLimit === undefined) {
      ids.push(id);
      continue;
    }
    const ev = runawayEvidence(o.state, o.timeLimit, o.elapsed);
    if (ev !== undefined) o.runaway = ev;
  }
  if (!ids.length) return;
  const args = [
    ...ctx.clusterArgs,
    "--noheader",
    "--parsable2",
    "--format=JobID,Timelimit,Elapsed",
    `--jobs=${ids.join(",")}`,
  ];
  if (ctx.startTime) args.push(`--starttime=${ctx.startTime}`);
  const r = await runArgv(ctx.bins?.sacct ?? "sacct", args, { timeoutMs: ctx.timeoutMs, env: CLIENT_ENV });
  record(ctx.calls, r);
  if (!ok(r)) {
    ctx.warnings.push(
      `the time limits of ${ids.length} record(s) only accounting holds could not be read: ${describeFailure(r)}`,
    );
    return;
  }
  const limits = new Map<string, { timeLimit?: string; elapsed?: string }>();
  for (const line of contentLines(r.stdout)) {
    const [id, tl, el] = line.split("|");
    if (id === undefined || id.includes(".")) continue;
    limits.set(id.trim(), { timeLimit: unsetToUndefined(tl), elapsed: unsetToUndefined(el) });
  }
  for (const id of ids) {
    const o = observations.get(id)!;
    const l = limits.get(id);
    if (!l) continue;
    const ev = runawayEvidence(o.state, l.timeLimit, l.elapsed ?? o.elapsed);
    if (ev !== undefined) o.runaway = ev;
  }
}

/** Ids whose record says REVOKED (a federation sibling runs the job). */
export function revokedIds(observations: Map<string, JobObservation>): string[] {
  return [...observations]
    .filter(([, o]) => o.tasks === undefined && normalizeState(o.state).name === REVOKED_STATE)
    .map(([id]) => id);
}

/**
 * The rows the federation shows for revoked ids, without the REVOKED ones
 * (the origin's copy): what the siblings say. Undefined when not asked.
 */
export async function federationRows(
  ids: string[],
  ctx: FollowupContext,
): Promise<{ sacct: JobRow[]; squeue: JobRow[] } | undefined> {
  if (!ids.length) return undefined;
  const jobs = `--jobs=${ids.join(",")}`;
  const sa = ["--federation", "--noheader", "--parsable2", `--format=${SACCT_FIELDS.join(",")}`, jobs];
  if (ctx.startTime) sa.push(`--starttime=${ctx.startTime}`);
  const sq = ["--federation", "--noheader", "--states=all", `--Format=${squeueFormatArg()}`, jobs];
  const [ra, rq] = await Promise.all([
    runArgv(ctx.bins?.sacct ?? "sacct", sa, { timeoutMs: ctx.timeoutMs, env: CLIENT_ENV }),
    runArgv(ctx.bins?.squeue ?? "squeue", sq, { timeoutMs: ctx.timeoutMs, env: CLIENT_ENV }),
  ]);
  record(ctx.calls, ra);
  record(ctx.calls, rq);
  const notRevoked = (rows: JobRow[]) => rows.filter((x) => normalizeState(x.state).name !== REVOKED_STATE);
  if (!ok(ra) && !ok(rq)) {
    ctx.warnings.push(
      `revoked job(s) ${ids.join(", ")} could not be followed in the federation: ${describeFailure(ra)}`,
    );
    return undefined;
  }
  return {
    sacct: ok(ra) ? notRevoked(parseSacct(ra.stdout)) : [],
    squeue: ok(rq) ? notRevoked(parseSqueue(rq.stdout)) : [],
  };
}

/** The asked array-task ids no source showed, and their arrays' ids (each once, in order). Pure. */
export function unseenArrayTasks(
  ids: string[],
  observations: Map<string, JobObservation>,
): { tasks: string[]; arrays: string[] } {
  const tasks: string[] = [];
  const arrays = new Set<string>();
  for (const id of ids) {
    if (observations.has(id)) continue;
    const a = parseArrayJobId(id);
    if (a?.task === undefined) continue;
    tasks.push(id);
    arrays.add(a.base);
  }
  return { tasks, arrays: [...arrays] };
}

/**
 * The main rows (`-X`) accounting holds for the arrays `arrays`, its range
 * records among them; undefined when not asked or when sacct failed (then
 * the tasks stay unseen, as without this question).
 */
export async function arrayRecordRows(arrays: string[], ctx: FollowupContext): Promise<JobRow[] | undefined> {
  if (!arrays.length) return undefined;
  const args = [
    ...ctx.clusterArgs,
    "-X",
    "--noheader",
    "--parsable2",
    `--format=${SACCT_FIELDS.join(",")}`,
    `--jobs=${arrays.join(",")}`,
  ];
  if (ctx.startTime) args.push(`--starttime=${ctx.startTime}`);
  const r = await runArgv(ctx.bins?.sacct ?? "sacct", args, { timeoutMs: ctx.timeoutMs, env: CLIENT_ENV });
  record(ctx.calls, r);
  if (!ok(r)) {
    ctx.warnings.push(`the records of array(s) ${arrays.join(", ")} could not be read: ${describeFailure(r)}`);
    return undefined;
  }
  return parseSacct(r.stdout);
}
