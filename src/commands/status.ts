/**
 * status: `autolab status`, a table of runs from their manifests: id,
 * iteration, job, state (with the failure reason), the scheduler's last
 * word, age, sync. It asks the scheduler nothing (the monitor does that);
 * a scheduler outage the monitor recorded is shown as a finding.
 * `collectStatus` gathers (manifests, monitor state); report/status.ts
 * builds the rows and the table.
 */
import { readOwned, readOwnedBytes, rootOf } from "../util/fs.js";
import path from "node:path";
import type { RunManifest } from "../contract/types.js";
import { discoverRuns } from "../store/discover.js";
import { readMetricsOf } from "../store/run-facts.js";
import { MONITOR_STATE_PATH } from "../domain/layout.js";
import type { Finding } from "../util/errors.js";
import { groupKey, runGroups } from "../domain/run-group.js";
import { outageFinding, sortStatusRows, statusRow, type OutageRecord, type StatusRow } from "../report/status.js";

export type { StatusRow } from "../report/status.js";

export async function collectStatus(
  repoRoot: string,
  opts: { iteration?: string; runId?: string; now?: Date } = {},
): Promise<{ rows: StatusRow[]; findings: Finding[] }> {
  const now = opts.now ?? new Date();
  const found = await discoverRuns(repoRoot, { iteration: opts.iteration, runId: opts.runId });
  const rows: StatusRow[] = [];
  const findings = [...found.findings];
  const groups = runGroups(found.runs);
  for (const r of found.runs) {
    let m: RunManifest;
    try {
      // Never through a link, never blocking on a FIFO (issue 11: a linked manifest could show a runner file).
      const buf = await readOwnedBytes(
        rootOf(r.manifestPath, r.manifestDisplay),
        r.manifestPath,
        r.manifestDisplay,
        16 * 1024 * 1024,
      );
      if (buf === undefined) throw new Error("file not found");
      m = JSON.parse(buf.toString("utf8")) as RunManifest;
      if (!m || typeof m !== "object" || Array.isArray(m)) throw new Error("not a JSON object");
    } catch (e) {
      findings.push({
        severity: "error",
        check: "manifest.parse",
        message: `cannot read manifest: ${(e as Error).message}`,
        file: r.manifestDisplay,
      });
      continue;
    }
    const row = statusRow(m, r, now, await readMetricsOf(r));
    // A replicate of the Python tool's multi-run layout is grouped under its base run, as a sweep's task is.
    row.sweepId ??= groups.baseOf.get(groupKey(r.iterationPath, r.runId)) ?? null;
    rows.push(row);
  }
  const outage = await readOutage(repoRoot);
  if (outage) findings.push(outage);
  return { rows: sortStatusRows(rows), findings };
}

async function readOutage(repoRoot: string): Promise<Finding | undefined> {
  try {
    const r = await readOwned(repoRoot, path.join(repoRoot, MONITOR_STATE_PATH), 1024 * 1024);
    if (!r.data) return undefined; // missing, or a link / non-regular file: never read through it
    const st = JSON.parse(r.data.toString("utf8")) as OutageRecord;
    return st && typeof st === "object" ? outageFinding(st) : undefined;
  } catch {
    return undefined; // no monitor state yet
  }
}
