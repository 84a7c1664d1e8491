/**
 * Time as the run contract writes it. Pure: the clock is always passed in.
 */

/** ISO 8601 in UTC to the second, `2026-01-02T03:04:05Z` (the form every file of the contract uses). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Seconds from the timestamp `since` to `now`; 0 when `since` is not a date. */
export function secondsSince(since: string | undefined, now: Date): number {
  const t = since === undefined ? Number.NaN : Date.parse(since);
  return Number.isNaN(t) ? 0 : (now.getTime() - t) / 1000;
}
