/**
 * One tick's answers from several clusters, put together. Pure.
 *
 * Each cluster of a multi-cluster site is asked once per tick for its own
 * jobs. A cluster that did not answer is an outage of THAT cluster only: its
 * runs stay as they are (no observation of it is kept, even a partial one),
 * while the answers of the clusters that did answer are used as they are.
 *
 * - `ok` is false only when no cluster answered (then nothing is known).
 * - `outages` names each cluster that did not answer, its error and the refs
 *   asked there: the caller leaves exactly those runs unchanged.
 * - `error` names the clusters in its words (`cluster autolab-dev2: ...`).
 */

/** One cluster's answer (`cluster` undefined: the client's default cluster). */
export interface ClusterAnswer<O> {
  cluster?: string;
  /** The refs asked of this cluster. */
  refs: readonly string[];
  ok: boolean;
  error?: string;
  observations: ReadonlyMap<string, O>;
  unresolved: readonly string[];
}

export interface ClusterOutage {
  /** undefined: the client's default cluster. */
  cluster?: string;
  error: string;
  /** The refs asked there: no run of these may change this tick. */
  refs: string[];
}

export interface MergedAnswers<O> {
  ok: boolean;
  error?: string;
  observations: Map<string, O>;
  unresolved: string[];
  outages: ClusterOutage[];
}

/** `cluster autolab-dev2`, or `the default cluster`. */
export function clusterLabel(cluster: string | undefined): string {
  return cluster ? `cluster ${cluster}` : "the default cluster";
}

export function mergeClusterAnswers<O>(parts: ReadonlyArray<ClusterAnswer<O>>): MergedAnswers<O> {
  const observations = new Map<string, O>();
  const unresolved: string[] = [];
  const outages: ClusterOutage[] = [];
  for (const p of parts) {
    unresolved.push(...p.unresolved);
    if (!p.ok) {
      outages.push({
        ...(p.cluster ? { cluster: p.cluster } : {}),
        error: p.error ?? "no answer",
        refs: [...p.refs],
      });
      continue;
    }
    for (const [k, v] of p.observations) observations.set(k, v);
  }
  const ok = parts.length === 0 || outages.length < parts.length;
  const out: MergedAnswers<O> = { ok, observations, unresolved, outages };
  if (outages.length) {
    // One cluster only (the single-cluster site): its own words, as before.
    out.error =
      parts.length === 1 ? outages[0].error : outages.map((o) => `${clusterLabel(o.cluster)}: ${o.error}`).join("; ");
  }
  return out;
}

/** Whether this run's ref had an answer this tick: `outage` when no cluster answered or its own did not. */
export function answerFor(
  ref: string | undefined,
  q: { ok: boolean; outages?: ReadonlyArray<ClusterOutage> } | undefined,
): "answered" | "outage" {
  if (!q || !q.ok) return "outage";
  if (ref !== undefined && q.outages?.some((o) => o.refs.includes(ref))) return "outage";
  return "answered";
}
