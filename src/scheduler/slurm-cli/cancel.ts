/**
 * Cancelling jobs: one `scancel` call for all ids, by argv, with a timeout.
 * scancel is silent and exits 0 for unknown or finished jobs on Slurm 22.05;
 * older and newer versions may instead print "Invalid job id specified" or
 * "Job/step already completing or completed" and exit 1: both mean there is
 * nothing left to cancel, so they are not failures. Whether the job really
 * ended is for the next monitor tick (sacct/squeue) to say, not for scancel.
 */
import { describeFailure, ok, runArgv } from "../../util/exec.js";
import { jobUserError, runAsJobUser, sudoRefusal } from "../../util/job-user.js";
import { JOB_USER_PROGRAMS } from "./submit.js";
import { CLIENT_ENV, contentLines, parseArrayJobId } from "./parse.js";
import { splitJobRef, type QueryCall } from "./query.js";

export interface CancelResult {
  /** scancel ran and reported nothing but "nothing to cancel" answers. */
  ok: boolean;
  error?: string;
  call?: QueryCall;
  /** Ids scancel said were already finished or unknown. */
  nothingToCancel: string[];
}

const BENIGN = /(Invalid job id specified|already completing or completed|Job has already finished)/i;

type CancelOpts = {
  timeoutMs?: number;
  scancelBin?: string;
  signal?: string;
  /** Cancel as this user (`launch.job_user`, who owns the jobs), through `sudo -n -u`. */
  asUser?: string;
};

/**
 * Refs `id;cluster` (a job on a named cluster) are cancelled on their cluster
 * (`scancel -M cluster`), one call per cluster; `nothingToCancel` keeps the refs.
 */
export async function cancelJobs(jobIds: string[], opts: CancelOpts = {}): Promise<CancelResult> {
  const byCluster = new Map<string, string[]>();
  for (const ref of jobIds) {
    const { cluster } = splitJobRef(ref);
    const l = byCluster.get(cluster ?? "");
    if (l) l.push(ref);
    else byCluster.set(cluster ?? "", [ref]);
  }
  if (byCluster.size <= 1 && !byCluster.keys().next().value) return cancelOn(jobIds, undefined, opts);
  const parts = await Promise.all([...byCluster].map(([c, refs]) => cancelOn(refs, c || undefined, opts)));
  const bad = parts.find((p) => !p.ok);
  return {
    ok: !bad,
    ...(bad ? { error: bad.error } : {}),
    call: bad?.call ?? parts[0]?.call,
    nothingToCancel: parts.flatMap((p) => p.nothingToCancel),
  };
}

async function cancelOn(refs: string[], cluster: string | undefined, opts: CancelOpts): Promise<CancelResult> {
  const ids = [...new Set(refs.map((s) => splitJobRef(s).id))];
  const key = (id: string) => (cluster ? `${id};${cluster}` : id);
  const bad = ids.filter((id) => !parseArrayJobId(id));
  if (bad.length) return { ok: false, error: `not SLURM job ids: ${bad.join(", ")}`, nothingToCancel: [] };
  if (ids.length === 0) return { ok: true, nothingToCancel: [] };
  const args = [...(cluster ? ["-M", cluster] : []), ...(opts.signal ? [`--signal=${opts.signal}`] : []), ...ids];
  const bin = opts.scancelBin ?? "scancel";
  const r = opts.asUser
    ? await runAsJobUser(opts.asUser, bin, args, { timeoutMs: opts.timeoutMs ?? 25_000, env: CLIENT_ENV })
    : await runArgv(bin, args, { timeoutMs: opts.timeoutMs ?? 25_000, env: CLIENT_ENV });
  const refused = opts.asUser ? sudoRefusal(r) : undefined;
  if (refused) {
    const e = jobUserError(opts.asUser!, "scancel", refused, JOB_USER_PROGRAMS);
    const error = e.message;
    return {
      ok: false,
      error,
      call: { argv: [r.command, ...r.args], ok: false, durationMs: 0, error },
      nothingToCancel: [],
    };
  }
  const call: QueryCall = { argv: [r.command, ...r.args], ok: ok(r), durationMs: Math.round(r.durationMs) };
  const lines = contentLines(r.stderr);
  const named = (l: string) => /job(?:\s+id)?\s+([0-9][0-9_[\]\-,%:]*[0-9\]])/i.exec(l)?.[1];
  const nothingToCancel = ids.filter((id) => lines.some((l) => BENIGN.test(l) && named(l) === id)).map(key);
  if (ok(r)) return { ok: true, call, nothingToCancel };
  if (!r.timedOut && !r.spawnError && lines.length > 0 && lines.every((l) => BENIGN.test(l))) {
    return { ok: true, call: { ...call, ok: true }, nothingToCancel };
  }
  call.error = describeFailure(r);
  return { ok: false, error: call.error, call, nothingToCancel };
}

/**
 * Let held jobs start: `scontrol release` of all ids (per named cluster,
 * `scontrol -M`; as `launch.job_user` when set). Releasing a job that is not held does nothing and exits 0;
 * one already finished ("Job has already finished") has nothing to release.
 */
export async function releaseJobs(
  jobIds: string[],
  opts: { timeoutMs?: number; scontrolBin?: string; asUser?: string } = {},
): Promise<{ ok: boolean; error?: string }> {
  const byCluster = new Map<string, string[]>();
  for (const ref of jobIds) {
    const { id, cluster } = splitJobRef(ref);
    if (!parseArrayJobId(id)) return { ok: false, error: `not a SLURM job id: ${id}` };
    byCluster.set(cluster ?? "", [...(byCluster.get(cluster ?? "") ?? []), id]);
  }
  for (const [cluster, ids] of byCluster) {
    const args = [...(cluster ? ["-M", cluster] : []), "release", ids.join(",")];
    const bin = opts.scontrolBin ?? "scontrol";
    const run = { timeoutMs: opts.timeoutMs ?? 25_000, env: CLIENT_ENV };
    // The job user's jobs are released as that user (the owner may release its own holds).
    const r = opts.asUser ? await runAsJobUser(opts.asUser, bin, args, run) : await runArgv(bin, args, run);
    const refused = opts.asUser ? sudoRefusal(r) : undefined;
    if (refused)
      return { ok: false, error: jobUserError(opts.asUser!, "scontrol", refused, JOB_USER_PROGRAMS).message };
    const lines = contentLines(r.stderr + "\n" + r.stdout).filter((l) => !/^slurm_suspend error/i.test(l));
    if (ok(r) || (!r.timedOut && !r.spawnError && lines.length > 0 && lines.every((l) => BENIGN.test(l)))) continue;
    return { ok: false, error: describeFailure(r) };
  }
  return { ok: true };
}
