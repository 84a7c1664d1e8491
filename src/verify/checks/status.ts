/**
 * The run's status against what else the manifest says: sync.status,
 * status.completed_at, status.timestamps. Pure: data in, findings out.
 *
 * - sync.status: set, a known sync word (an older spelling is a notice), and
 *   success-like for a synced or completed run.
 * - status.completed_at: present exactly when the run ended (completed,
 *   failed, partial; a partial run without it is a warning), and not before
 *   started_at. A key the schema already reported is not reported again.
 * - status.timestamps: not more than 5 minutes in the future; the top-level
 *   copies (for older readers) equal the ones under `timestamps`.
 */
import {
  isCanonicalSyncStatus,
  isSuccessLike,
  normalizeSyncStatus,
  SYNC_STATUSES,
  type RunStatus,
} from "../../contract/vocabulary.js";
import type { Finding } from "../../util/errors.js";
import { at, dotted, obj, timeOf, valueAt } from "../doc.js";
import { monitorCommand } from "../hints.js";
import type { RunInput } from "../types.js";
import { schemaPaths } from "./manifest.js";

/** Statuses of a run that ended (and so has completed_at). */
export const ENDED: ReadonlySet<RunStatus> = new Set(["completed", "failed", "partial"]);

export function checkSync(i: RunInput): Finding[] {
  const { run, doc } = i;
  const m = doc.data;
  const record = obj(m.artifact_sync_to_local);
  const raw = record?.status;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return [
      {
        severity: "error",
        check: "sync.status",
        ...at(doc, record ? "/artifact_sync_to_local" : ""),
        message: "artifact_sync_to_local.status is not set",
        hint: `set it to "pending"; \`${monitorCommand(run)}\` moves it to "ok" once the job's outputs are back`,
      },
    ];
  }
  const canonical = normalizeSyncStatus(raw);
  const where = at(doc, "/artifact_sync_to_local/status");
  if (canonical === undefined) {
    return [
      {
        severity: "error",
        check: "sync.status",
        ...where,
        message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is not a sync status`,
        hint: `use one of ${SYNC_STATUSES.join(", ")}`,
      },
    ];
  }
  const out: Finding[] = [];
  if (!isCanonicalSyncStatus(raw)) {
    out.push({
      severity: "notice",
      check: "sync.status",
      ...where,
      message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is an older spelling of ${JSON.stringify(canonical)}`,
      hint: `write ${JSON.stringify(canonical)} (the tool reads both; it writes ${SYNC_STATUSES.join("/")})`,
    });
  }
  const status = i.status;
  if ((status === "synced" || status === "completed") && !isSuccessLike(raw)) {
    out.push({
      severity: "error",
      check: "sync.status",
      ...where,
      message: `the run is ${status} but its artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(raw)})`,
      hint: `run \`${monitorCommand(run)}\` to sync them, or copy the outputs into ${run.runPath} by hand and set artifact_sync_to_local.status to "ok"`,
    });
  }
  return out;
}

export function checkCompletedAt(i: RunInput): Finding[] {
  const { run, doc, status } = i;
  const m = doc.data;
  if (!status) return [];
  const ts = obj(m.timestamps);
  const completed = ts?.completed_at;
  const out: Finding[] = [];
  if (ENDED.has(status)) {
    if ((completed === undefined || completed === null) && !schemaPaths(i).has("/timestamps/completed_at")) {
      out.push({
        severity: status === "partial" ? "warning" : "error",
        check: "status.completed_at",
        ...at(doc, ts ? "/timestamps" : "/status"),
        message: `the run is ${status} but timestamps.completed_at is not set`,
        hint: `run \`${monitorCommand(run)}\` once: it records completed_at (and the history entry) for a status set by hand; or add "completed_at": "<when the job ended, e.g. 2026-11-28T12:00:00Z>" both inside "timestamps" and at the top level (the sentinel's ended_at or sacct's End)`,
      });
    }
  } else {
    for (const p of ["/timestamps/completed_at", "/completed_at"]) {
      const v = valueAt(m, p);
      if (v === undefined || v === null) continue;
      out.push({
        severity: "error",
        check: "status.completed_at",
        ...at(doc, p),
        message: `${dotted(p)} is set but the run is ${status}, which has not ended`,
        hint: `remove completed_at, or let \`${monitorCommand(run)}\` record the status the job really ended with`,
      });
    }
  }
  const started = timeOf(ts?.started_at);
  const ended = timeOf(completed);
  if (started !== undefined && ended !== undefined && ended < started) {
    out.push({
      severity: "error",
      check: "status.completed_at",
      ...at(doc, "/timestamps/completed_at"),
      message: `timestamps.completed_at (${String(completed)}) is before timestamps.started_at (${String(ts?.started_at)})`,
      hint: "fix the timestamps: a run ends after it starts",
    });
  }
  return out;
}

/** Clock skew tolerated before a timestamp counts as in the future. */
export const FUTURE_SLACK_MS = 5 * 60 * 1000;

export function checkTimestamps(i: RunInput): Finding[] {
  const { doc, now } = i;
  const m = doc.data;
  const ts = obj(m.timestamps);
  const out: Finding[] = [];
  for (const name of ["started_at", "completed_at"] as const) {
    const nested = ts?.[name];
    const t = timeOf(nested);
    if (t !== undefined && t > now.getTime() + FUTURE_SLACK_MS) {
      out.push({
        severity: "warning",
        check: "status.timestamps",
        ...at(doc, `/timestamps/${name}`),
        message: `timestamps.${name} (${String(nested)}) is in the future`,
        hint: "check the clock of the machine that wrote the manifest, and fix the timestamp",
      });
    }
    const top = m[name];
    if (top !== undefined && nested !== undefined && top !== nested && timeOf(top) !== timeOf(nested)) {
      out.push({
        severity: "warning",
        check: "status.timestamps",
        ...at(doc, `/${name}`),
        message: `${name} (${String(top)}) differs from timestamps.${name} (${String(nested)})`,
        hint: `the top-level ${name} is a copy for older readers: make it equal to timestamps.${name}`,
      });
    }
  }
  return out;
}
