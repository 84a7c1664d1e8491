/**
 * The schemas' format `date-time`: an ISO 8601 / RFC 3339 date and time; the
 * zone may be left out (it is then read as UTC, as the Python tool writes
 * it). Its own module because the precompiled validators
 * (generated/validators.ts) import it.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** True for `2026-11-28T15:14:32Z`, `...T15:14:32.123+01:00`, `...T15:14:32` (read as UTC). */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days;
}
