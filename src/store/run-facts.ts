/**
 * A run's manifest and metrics as reports need them (status, check runs):
 * read without following links, never blocking on a FIFO, and refused above
 * a size cap with an error naming the file (bounded memory per run).
 */
import { lstat } from "node:fs/promises";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { METRICS_FILE } from "../domain/layout.js";
import { stampKey } from "../domain/run-index.js";
import type { MetricsFacts } from "../report/run-check.js";
import { AutolabError } from "../util/errors.js";
import { readOwnedBytes, rootOf } from "../util/fs.js";
import type { DiscoveredRun } from "./discover.js";
import { MAX_MANIFEST_BYTES } from "./runs.js";

/** metrics.json larger than this is refused (the parser's own output is capped at 1 MiB). */
export const MAX_METRICS_BYTES = 4 * 1024 * 1024;

function parseObject(buf: Buffer, shown: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString("utf8"));
  } catch (e) {
    throw new AutolabError(`not valid JSON: ${(e as Error).message}`, { file: shown });
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new AutolabError("not a JSON object", { file: shown });
  return v as Record<string, unknown>;
}

/** The run's manifest (throws an AutolabError naming the file when it is missing, too large, linked or not JSON). */
export async function readManifestOf(r: DiscoveredRun): Promise<RunManifest> {
  const buf = await readOwnedBytes(
    rootOf(r.manifestPath, r.manifestDisplay),
    r.manifestPath,
    r.manifestDisplay,
    MAX_MANIFEST_BYTES,
  );
  if (buf === undefined) throw new AutolabError("file not found", { file: r.manifestDisplay });
  return parseObject(buf, r.manifestDisplay) as RunManifest;
}

/** The status and primary metric of the run's metrics.json; undefined when there is none (or it cannot be read). */
export async function readMetricsOf(r: DiscoveredRun): Promise<MetricsFacts | undefined> {
  const shown = `${r.runPath}/${METRICS_FILE}`;
  try {
    const buf = await readOwnedBytes(
      rootOf(r.manifestPath, r.manifestDisplay),
      path.join(r.runDir, METRICS_FILE),
      shown,
      MAX_METRICS_BYTES,
    );
    if (!buf) return undefined;
    const j = parseObject(buf, shown);
    const pm = j.primary_metric as { name?: unknown; value?: unknown } | undefined;
    return {
      status: typeof j.status === "string" ? j.status : undefined,
      primary:
        pm && typeof pm.name === "string"
          ? { name: pm.name, value: typeof pm.value === "number" ? pm.value : null }
          : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The stamp of what a run's reports are computed from: its manifest and its metrics.json (or their absence). */
export async function factsStamp(r: DiscoveredRun): Promise<string> {
  const one = async (p: string) => {
    try {
      return stampKey(await lstat(p));
    } catch {
      return "-";
    }
  };
  const m = r.manifestStamp ? stampKey(r.manifestStamp) : await one(r.manifestPath);
  return `${m}/${await one(path.join(r.runDir, METRICS_FILE))}`;
}
