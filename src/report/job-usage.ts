/**
 * A run's SLURM times and efficiency as every report shows them (check run,
 * job summary, `autolab status`), read from its manifest only: the figures
 * are the monitor's (`efficiency`, domain/efficiency.ts), the spans follow
 * the one rule of domain/duration.ts (`jobSpans`: SLURM's Submit, Start, End,
 * never the tick's clock). Pure.
 */
import type { RunManifest } from "../contract/types.js";
import { formatDuration, jobSpans, type JobSpans } from "../domain/duration.js";
import type { EfficiencyRecord } from "../domain/efficiency.js";
import { humanBytes as formatBytes } from "../domain/units.js";
import { IN_FLIGHT } from "../domain/tick.js";
import { statusOf } from "../domain/run.js";

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" && !/^(unknown|none|n\/a)$/i.test(v.trim()) ? v : undefined;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** SLURM's times of a run's job and the spans between them (a local run: its launch and completion, no queue). */
export interface JobTimes extends JobSpans {
  submit?: string;
  start?: string;
  end?: string;
  /** A waiting job's expected start (the scheduler's estimate, as the monitor recorded it). */
  expectedStart?: string;
}

/**
 * The run's times. Without `now` only spans that are over are given (a check
 * run must not change by itself); with `now`, a span still going runs to it.
 */
export function jobTimesOf(m: RunManifest, now?: Date): JobTimes {
  const going = IN_FLIGHT.has(statusOf(m));
  if (m.host_mode === "local") {
    const start = str(m.timestamps?.started_at) ?? str(m.started_at);
    const end = str(m.timestamps?.completed_at) ?? str(m.completed_at);
    const t: JobTimes = { ...jobSpans({ start, end, going }, now) };
    if (start) t.start = start;
    if (end) t.end = end;
    return t;
  }
  const s = m.slurm ?? {};
  const t: JobTimes = {};
  const submit = str(s.submit);
  const start = str(s.start);
  const end = str(s.end);
  if (submit) t.submit = submit;
  if (start) t.start = start;
  if (end) t.end = end;
  const est = str(s.expected_start);
  if (est && !start) t.expectedStart = est;
  Object.assign(t, jobSpans({ submit, start, end, going }, now));
  return t;
}

/** The manifest's efficiency record, read defensively (a hand-edited file may hold anything). */
export function efficiencyOfManifest(m: RunManifest): EfficiencyRecord | undefined {
  const e = obj(m.efficiency) ?? obj(obj(m.slurm)?.efficiency);
  return e ? (e as EfficiencyRecord) : undefined;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The figures in one line: `CPU 98% of 1 · memory 216 MiB of 500 MiB (43%) · time 8s of 2m 00s (7%) · GPU 2 (95%)`. */
export function efficiencyLine(e: EfficiencyRecord | undefined): string | undefined {
  if (!e) return undefined;
  const parts: string[] = [];
  const cpu = num(e.cpu_efficiency);
  const cpus = num(e.alloc_cpus);
  if (cpu !== undefined) parts.push(`CPU ${pct(cpu)}${cpus !== undefined ? ` of ${cpus}` : ""}`);
  const rss = num(e.max_rss_bytes);
  const req = num(e.req_mem_bytes);
  const mem = num(e.memory_used);
  if (rss !== undefined)
    parts.push(
      `memory ${formatBytes(rss)}${req !== undefined ? ` of ${formatBytes(req)}` : ""}${mem !== undefined ? ` (${pct(mem)})` : ""}`,
    );
  else if (req !== undefined) parts.push(`memory ? of ${formatBytes(req)} (not sampled)`);
  const el = num(e.elapsed_seconds);
  const lim = e.time_limit_seconds;
  const tu = num(e.time_used);
  if (el !== undefined)
    parts.push(
      `time ${formatDuration(el)}${typeof lim === "number" ? ` of ${formatDuration(lim)}` : lim === "unlimited" ? " (no limit)" : ""}${tu !== undefined ? ` (${pct(tu)})` : ""}`,
    );
  const gpus = num(e.gpus);
  const gu = num(e.gpu_util);
  if (gpus) parts.push(`GPU ${gpus}${gu !== undefined ? ` (${pct(gu)} used)` : " (use not accounted)"}`);
  return parts.length ? parts.join(" · ") : undefined;
}

/** The right-sizing hints the monitor recorded. */
export function efficiencyHints(e: EfficiencyRecord | undefined): string[] {
  return Array.isArray(e?.hints) ? e.hints.filter((h): h is string => typeof h === "string" && h.length <= 500) : [];
}

/** `12s`, or `—`. */
export function spanText(s: number | undefined): string {
  return s === undefined ? "—" : formatDuration(s);
}
