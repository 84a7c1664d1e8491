/**
 * How long something took: the one duration rule, used by the monitor's run
 * reports, the status table's age and the job summary. Pure: `now` is passed in.
 *
 * - from `start` to `end`, or, when there is no end yet, to `now`;
 * - whole seconds (rounded);
 * - a span that ends before it starts (clocks of two hosts disagree) is 0;
 * - undefined when the start is missing or not a date, or there is neither an
 *   end nor a `now`.
 */

function ms(s: string | undefined): number | undefined {
  if (s === undefined || s === "") return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export function elapsedSeconds(start: string | undefined, end: string | undefined, now?: Date): number | undefined {
  const a = ms(start);
  const b = ms(end) ?? now?.getTime();
  if (a === undefined || b === undefined || !Number.isFinite(b)) return undefined;
  return Math.max(0, Math.round((b - a) / 1000));
}

const SPAN_UNITS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/**
 * A span written the way a person writes one: `14d`, `5h50m`, `90s`, `1w2d`,
 * or a plain number of seconds. Units w, d, h, m, s, each at most once, in
 * that order. Undefined when it is not such a span (or is zero).
 */
export function parseSpan(text: string | number | undefined): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) && text > 0 ? text : undefined;
  if (typeof text !== "string") return undefined;
  const s = text.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s) > 0 ? Number(s) : undefined;
  const m = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(s);
  if (!m || s === "") return undefined;
  const total = ["w", "d", "h", "m", "s"].reduce((a, u, i) => a + Number(m[i + 1] ?? 0) * SPAN_UNITS[u], 0);
  return total > 0 ? total : undefined;
}

/** A job's two spans, from the scheduler's own times (never a tick's clock but for a span still going). */
export interface JobSpans {
  /** Submit -> start (a job still waiting: submit -> now). */
  queuedSeconds?: number;
  /** Start -> end (a job still running: start -> now). */
  runSeconds?: number;
}

/**
 * Queue wait and run time of a job from SLURM's Submit, Start and End: the
 * one rule every report uses.
 * - queued: submit -> start; while the job waits (no start yet), submit -> `now`;
 * - run: start -> end; while it runs (`going`: started, not ended), start -> `now`;
 * - a span whose ends are missing (and is not still going, or has no `now`) is undefined;
 * - a start before the submit (clocks) counts 0, as elapsedSeconds does.
 */
export function jobSpans(t: { submit?: string; start?: string; end?: string; going?: boolean }, now?: Date): JobSpans {
  const out: JobSpans = {};
  const started = ms(t.start) !== undefined;
  const q = started
    ? elapsedSeconds(t.submit, t.start)
    : t.going
      ? elapsedSeconds(t.submit, undefined, now)
      : undefined;
  if (q !== undefined) out.queuedSeconds = q;
  const ended = ms(t.end) !== undefined;
  const r = started
    ? ended
      ? elapsedSeconds(t.start, t.end)
      : t.going
        ? elapsedSeconds(t.start, undefined, now)
        : undefined
    : undefined;
  if (r !== undefined) out.runSeconds = r;
  return out;
}

/** `1h 02m 03s`, `4m 05s`, `7s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p2 = (n: number) => String(n).padStart(2, "0");
  if (d) return `${d}d ${h}h ${p2(m)}m`;
  if (h) return `${h}h ${p2(m)}m ${p2(sec)}s`;
  if (m) return `${m}m ${p2(sec)}s`;
  return `${sec}s`;
}
