/**
 * What a job used, from the same sacct answer the tick already has (pure):
 * the job's own row carries Timelimit, AllocCPUS, TotalCPU (summed over its
 * steps), ReqMem, NNodes and AllocTRES; the step rows (`.batch`, `.extern`,
 * `.0`, ...) carry MaxRSS and TRESUsageInTot. `usageOf` folds the steps into
 * their job: the peak memory is the largest MaxRSS of any step, GPU use the
 * largest `gres/gpuutil` of any step.
 *
 * Facts measured on Slurm 22.05 (the dev cluster, __tests__/fixtures/slurm/):
 * - ReqMem prints `500M` (22.05; older versions `500Mn` per node / `500Mc`
 *   per CPU), TotalCPU `00:08.222` or `1-02:03:04` (read to the whole second), MaxRSS `221344K`;
 * - MaxRSS is sampled every JobAcctGatherFrequency (30 s by default): a job
 *   shorter than that has none unless it asks `--acctg-freq=task=1`.
 * - GPUs appear in AllocTRES (`gres/gpu=1`, `gres/gpu:a100=2`) only where
 *   AccountingStorageTRES tracks them, and their use (`gres/gpuutil`,
 *   `gres/gpumem`) in TRESUsageInTot only with an AcctGatherGpu plugin.
 */
import type { JobUsage } from "../../domain/efficiency.js";
import { slurmDurationSeconds } from "./followup.js";
import { unsetToUndefined } from "./parse.js";

const UNIT: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

/** `221344K`, `500M`, `4G`, `1234` (bytes) -> bytes; undefined when unset or not a size. */
export function slurmBytes(v: string | undefined, bareUnit: "" | "M" = ""): number | undefined {
  const t = unsetToUndefined(v);
  if (t === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)([KMGTP]?)$/i.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * UNIT[(m[2] || bareUnit).toUpperCase()];
}

/** A TRES list (`cpu=1,mem=500M,gres/gpu:a100=2`) as name -> value text. */
export function parseTres(v: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const t = unsetToUndefined(v);
  if (t === undefined) return out;
  for (const part of t.split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/**
 * GPUs a TRES list allocates: the generic `gres/gpu=N` when present (SLURM
 * lists it beside the typed ones), else the sum of the typed `gres/gpu:<type>=N`;
 * `gres/gpumem` and `gres/gpuutil` are not GPU counts. Undefined when none is listed.
 */
export function tresGpus(tres: Map<string, string>): number | undefined {
  const n = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
  const generic = n(tres.get("gres/gpu"));
  if (generic !== undefined) return generic;
  let sum: number | undefined;
  for (const [k, v] of tres) {
    if (!k.startsWith("gres/gpu:")) continue;
    const x = n(v);
    if (x !== undefined) sum = (sum ?? 0) + x;
  }
  return sum;
}

/**
 * ReqMem as memory per node: `500M` / `500Mn` per node; `500Mc` per CPU
 * (times the CPUs per node). Undefined when unset.
 */
export function reqMemPerNode(v: string | undefined, cpus?: number, nodes?: number): number | undefined {
  const t = unsetToUndefined(v);
  if (t === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?[KMGTP]?)([nc]?)$/i.exec(t);
  if (!m) return undefined;
  const bytes = slurmBytes(m[1], "M");
  if (bytes === undefined) return undefined;
  if (m[2].toLowerCase() === "c") {
    if (!cpus) return undefined;
    return bytes * Math.max(1, Math.round(cpus / Math.max(1, nodes ?? 1)));
  }
  return bytes;
}

/** The raw accounting text of one sacct row (the job's own row, or a step's). */
export interface UsageText {
  timelimit?: string;
  allocCpus?: string;
  totalCpu?: string;
  reqMem?: string;
  nnodes?: string;
  allocTres?: string;
  maxRss?: string;
  tresUsage?: string;
  elapsed?: string;
}

function int(v: string | undefined): number | undefined {
  const t = unsetToUndefined(v);
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
}

function maxOf(xs: Array<number | undefined>): number | undefined {
  const ns = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
  return ns.length ? Math.max(...ns) : undefined;
}

/** The job's usage from its own sacct row and its step rows (the steps folded into the job). */
export function usageOf(job: UsageText, steps: readonly UsageText[]): JobUsage | undefined {
  const u: JobUsage = {};
  const set = <K extends keyof JobUsage>(k: K, v: JobUsage[K] | undefined) => {
    if (v !== undefined) u[k] = v;
  };
  const limit = unsetToUndefined(job.timelimit);
  if (limit !== undefined && /^unlimited$/i.test(limit)) u.timeLimitSeconds = "unlimited";
  else set("timeLimitSeconds", slurmDurationSeconds(limit));
  set("elapsedSeconds", slurmDurationSeconds(job.elapsed));
  const cpus = int(job.allocCpus);
  const nodes = int(job.nnodes);
  set("allocCpus", cpus);
  set("nodes", nodes);
  set("totalCpuSeconds", slurmDurationSeconds(job.totalCpu));
  set("reqMemBytes", reqMemPerNode(job.reqMem, cpus, nodes));
  set("maxRssBytes", maxOf(steps.map((s) => slurmBytes(s.maxRss))));
  const alloc = parseTres(job.allocTres);
  set("gpus", tresGpus(alloc));
  const usages = steps.map((s) => parseTres(s.tresUsage));
  set("gpuUtilPercent", maxOf(usages.map((t) => num(t.get("gres/gpuutil")))));
  set("gpuMemBytes", maxOf(usages.map((t) => slurmBytes(t.get("gres/gpumem")))));
  return Object.keys(u).length ? u : undefined;
}

function num(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : undefined;
}
