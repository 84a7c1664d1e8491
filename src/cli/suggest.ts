/** "Did you mean": the known word nearest to a mistyped one (pure). */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known word closest to `given`: a unique word that starts with it (`stat`
 * -> `status`), else the nearest within a third of its length (at least 1,
 * at most 3 edits). Undefined when nothing is close.
 */
export function didYouMean(given: string, known: readonly string[]): string | undefined {
  const g = given.toLowerCase();
  const bare = (w: string) => w.replace(/^-+/, "");
  const prefixed = known.filter((k) => bare(g).length >= 2 && bare(k).startsWith(bare(g)) && k !== g);
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.min(3, Math.max(1, Math.floor(bare(g).length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const dist = editDistance(g, k.toLowerCase());
    if (dist < bestD) {
      best = k;
      bestD = dist;
    }
  }
  return bestD <= limit && bestD > 0 ? best : undefined;
}
