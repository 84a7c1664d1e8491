/**
 * How much of what it asked for a run's job used, once the job has ended, and
 * a right-sizing hint where it used less than a share of it (the policy's
 * `slurm.monitor.efficiency_hint_below`, default 0.5; the Snakemake SLURM
 * plugin's efficiency report warns at 0.8). Pure: the adapter reads the
 * figures from the tick's one accounting answer (`JobUsage`); this turns them
 * into the manifest's `efficiency` object, which the check run, the job
 * summary and `autolab status` show as it is.
 *
 * Rules (rows in __tests__/unit/efficiency.test.ts):
 * - time: elapsed / time limit (no ratio for an unlimited or unknown limit);
 * - CPU: TotalCPU / (elapsed x allocated CPUs) (none when elapsed is 0);
 * - memory: the peak MaxRSS of the job's steps / the memory requested per
 *   node (none when accounting sampled no MaxRSS: a job shorter than
 *   JobAcctGatherFrequency);
 * - GPU: allocated GPUs, and their use where the cluster accounts it
 *   (`gres/gpuutil` read as a percentage of one GPU's capacity, capped at 1,
 *   so a sum over several GPUs never makes a busy job look idle);
 * - hints only for a job that COMPLETED (a failed or timed-out job says
 *   nothing about what its work needs), one per figure under the threshold,
 *   with the request that would fit (used x 1.5 for memory and time, rounded up).
 */

import type { RunManifest, SlurmRecord } from "../contract/types.js";
import { humanBytes } from "./units.js";

/** What the scheduler's accounting says a job used (neutral quantities). */
export interface JobUsage {
  /** Seconds, or `unlimited`. */
  timeLimitSeconds?: number | "unlimited";
  elapsedSeconds?: number;
  allocCpus?: number;
  nodes?: number;
  /** CPU time of all the job's processes (user + system). */
  totalCpuSeconds?: number;
  /** Memory requested per node. */
  reqMemBytes?: number;
  /** The largest resident set of any task of any step. */
  maxRssBytes?: number;
  gpus?: number;
  /** The scheduler's GPU utilisation figure (percent), where it accounts it. */
  gpuUtilPercent?: number;
  gpuMemBytes?: number;
}

/** What the adapter adds to a tick's facts about a job: SLURM's own times and its accounting. */
export interface JobUsageFacts {
  /** When the job was submitted (SLURM's Submit). */
  submit?: string;
  /** A pending job's expected start, as the scheduler estimates it (squeue's StartTime). */
  expectedStart?: string;
  /** The accounting figures (sacct: the job's row with its steps folded in). */
  usage?: JobUsage;
}

/** The manifest's `efficiency` object (snake_case, as the files). */
export interface EfficiencyRecord {
  job_id: string;
  state: string;
  elapsed_seconds?: number;
  time_limit_seconds?: number | "unlimited";
  /** elapsed / time limit. */
  time_used?: number;
  alloc_cpus?: number;
  total_cpu_seconds?: number;
  /** TotalCPU / (elapsed x CPUs). */
  cpu_efficiency?: number;
  req_mem_bytes?: number;
  max_rss_bytes?: number;
  /** MaxRSS / requested memory. */
  memory_used?: number;
  gpus?: number;
  gpu_util?: number;
  gpu_mem_bytes?: number;
  /** The share under which a hint is given. */
  hint_below: number;
  /** Right-sizing hints (empty: the request fits). */
  hints: string[];
  [k: string]: unknown;
}

export const DEFAULT_HINT_BELOW = 0.5;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Memory for `--mem`/`memory_estimate`: whole MiB (G when a whole number of GiB), at least 1M. */
function memRequest(bytes: number): string {
  const mib = Math.max(1, Math.ceil(bytes / 1024 ** 2));
  return mib % 1024 === 0 ? `${mib / 1024}GB` : `${mib}MB`;
}

/** Seconds as `HH:MM:SS` (walltime_estimate), at least one minute. */
function walltime(seconds: number): string {
  const s = Math.max(60, Math.ceil(seconds / 60) * 60);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:00`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The efficiency record of an ended job (undefined when accounting gave nothing to compute from). */
export function efficiencyOf(
  usage: JobUsage | undefined,
  o: { jobId: string; state: string; hintBelow?: number },
): EfficiencyRecord | undefined {
  if (!usage) return undefined;
  const below = o.hintBelow ?? DEFAULT_HINT_BELOW;
  const r: EfficiencyRecord = { job_id: o.jobId, state: o.state, hint_below: below, hints: [] };
  const el = usage.elapsedSeconds;
  if (el !== undefined) r.elapsed_seconds = el;
  if (usage.timeLimitSeconds !== undefined) r.time_limit_seconds = usage.timeLimitSeconds;
  if (el !== undefined && typeof usage.timeLimitSeconds === "number" && usage.timeLimitSeconds > 0)
    r.time_used = round3(el / usage.timeLimitSeconds);
  if (usage.allocCpus !== undefined) r.alloc_cpus = usage.allocCpus;
  if (usage.totalCpuSeconds !== undefined) r.total_cpu_seconds = round3(usage.totalCpuSeconds);
  if (el && usage.allocCpus && usage.totalCpuSeconds !== undefined)
    r.cpu_efficiency = round3(usage.totalCpuSeconds / (el * usage.allocCpus));
  if (usage.reqMemBytes !== undefined) r.req_mem_bytes = usage.reqMemBytes;
  if (usage.maxRssBytes !== undefined) r.max_rss_bytes = usage.maxRssBytes;
  if (usage.maxRssBytes !== undefined && usage.reqMemBytes)
    r.memory_used = round3(usage.maxRssBytes / usage.reqMemBytes);
  if (usage.gpus !== undefined) r.gpus = usage.gpus;
  if (usage.gpus && usage.gpuUtilPercent !== undefined) r.gpu_util = round3(Math.min(1, usage.gpuUtilPercent / 100));
  if (usage.gpuMemBytes !== undefined) r.gpu_mem_bytes = usage.gpuMemBytes;
  if (!/^COMPLETED\b/i.test(o.state.trim())) return r;
  if (r.memory_used !== undefined && r.memory_used < below && r.max_rss_bytes !== undefined)
    r.hints.push(
      `memory: used ${humanBytes(r.max_rss_bytes)} of ${humanBytes(r.req_mem_bytes!)} (${pct(r.memory_used)}); memory_estimate: ${memRequest(r.max_rss_bytes * 1.5)} would fit`,
    );
  if (r.cpu_efficiency !== undefined && r.cpu_efficiency < below && r.alloc_cpus !== undefined) {
    const need = Math.max(1, Math.ceil(r.cpu_efficiency * r.alloc_cpus));
    r.hints.push(
      r.alloc_cpus > need
        ? `CPU: used ${pct(r.cpu_efficiency)} of ${r.alloc_cpus} CPU(s); cpus_per_task: ${need} would do, or make the workload use them (threads, data loaders)`
        : `CPU: used ${pct(r.cpu_efficiency)} of its CPU; the job mostly waited (I/O, sleep) rather than computed`,
    );
  }
  if (r.time_used !== undefined && r.time_used < below && el !== undefined)
    r.hints.push(
      `time: ran ${pct(r.time_used)} of its limit; walltime_estimate: "${walltime(el * 1.5)}" would fit (a shorter limit often starts sooner)`,
    );
  if (r.gpu_util !== undefined && r.gpu_util < below)
    r.hints.push(
      `GPU: ${pct(r.gpu_util)} utilisation of ${r.gpus} GPU(s); check that the workload keeps them busy, or ask for fewer (gpu_count)`,
    );
  return r;
}

/**
 * Record this tick's SLURM times and, once the job has ended, its efficiency
 * (changes `m` in place; domain/tick.ts calls it beside recordJob):
 * `slurm.submit` (SLURM's Submit), `slurm.expected_start` while the job
 * waits (kept unless the estimate moved materially: `steadyEstimate`, so an
 * idle tick writes nothing), and `efficiency` from the accounting figures of
 * the ended job.
 */
export function recordUsage(
  m: RunManifest,
  job: JobUsageFacts & { state: string },
  v: { phase: string; terminal: boolean },
  o: { jobId: string; at: string; hintBelow?: number },
): void {
  const s: SlurmRecord = m.slurm ?? {};
  if (job.submit !== undefined) s.submit = job.submit;
  const prev = typeof s.expected_start === "string" ? s.expected_start : undefined;
  const est = v.phase === "pending" ? steadyEstimate(prev, job.expectedStart, o.at) : undefined;
  if (est !== undefined) s.expected_start = est;
  else delete s.expected_start;
  m.slurm = s;
  if (!v.terminal) return;
  const e = efficiencyOf(job.usage, { jobId: o.jobId, state: job.state, hintBelow: o.hintBelow });
  if (e) m.efficiency = e;
}

/**
 * The expected start to keep: the new estimate, unless it is within
 * max(5 min, 10% of the wait still ahead) of the one recorded (backfill
 * estimates move a little on every pass; the record moves only when the
 * start really changed). An estimate in the past or unset is none.
 */
export function steadyEstimate(prev: string | undefined, next: string | undefined, at: string): string | undefined {
  const n = next === undefined ? Number.NaN : Date.parse(next);
  const now = Date.parse(at);
  if (Number.isNaN(n) || (!Number.isNaN(now) && n < now)) return undefined;
  const p = prev === undefined ? Number.NaN : Date.parse(prev);
  if (Number.isNaN(p)) return next;
  const ahead = Number.isNaN(now) ? 0 : Math.max(0, p - now);
  return Math.abs(n - p) < Math.max(300_000, ahead * 0.1) ? prev : next;
}
