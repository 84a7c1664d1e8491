/**
 * The CLI's `--json` output: the command's result with its keys in the
 * snake_case of the files autolab writes (run_id, job_id, started_at), so a
 * script reads one spelling everywhere. Commands keep their TypeScript names;
 * only this presenter renames, and only keys that are camelCase identifiers:
 * data used as keys (run ids, partition names, a policy's own keys) is kept.
 * The action's outputs are not made here and do not change.
 */

const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/** `runId` -> `run_id`, `totalMs` -> `total_ms`; anything that is not camelCase is returned as it is. */
export function snakeKey(key: string): string {
  return CAMEL.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key;
}

/**
 * A copy of `value` with snake_case keys. Subtrees under a key named in
 * `verbatim` (e.g. `policy`, which is the file's own content) are copied
 * unchanged.
 */
export function snakeKeys(value: unknown, verbatim: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((v) => snakeKeys(v, verbatim));
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Set) return [...value].map((v) => snakeKeys(v, verbatim));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[snakeKey(k)] = verbatim.has(k) ? v : snakeKeys(v, verbatim);
  }
  return out;
}

/** The `--json` text of a result: snake_case keys, two-space indent, one trailing newline. */
export function jsonText(value: unknown, opts: { verbatim?: readonly string[] } = {}): string {
  return JSON.stringify(snakeKeys(value, new Set(opts.verbatim ?? [])), null, 2) + "\n";
}
