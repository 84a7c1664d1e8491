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
