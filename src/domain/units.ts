/** Sizes as people read them: one rule for every report (gc's freed space, a job's memory). Pure. */

/** `512.0 MiB`, `1.5 GiB`, `800 B`: binary units, one decimal above bytes. */
export function humanBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i ? v.toFixed(1) : v} ${units[i]}`;
}
