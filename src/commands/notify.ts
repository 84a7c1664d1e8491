/**
 * notify: one comment per failed run on the tracking issue the policy names
 * (`slurm.monitor.notify.tracking_issue`), never twice for the same run: the
 * runs announced are recorded in `.autolab/notifications.json` and committed
 * (domain/notify.ts). The face passes the failed runs of a tick and the way
 * to post (the GitHub client); a post that fails is a warning, and the run is
 * not recorded, so it is not marked as told.
 */
import path from "node:path";
import { NOTIFICATIONS_PATH } from "../domain/layout.js";
import { notificationsEdit, parseNotifications, toNotify, type NoticeEntry } from "../domain/notify.js";
import { isoSeconds } from "../domain/time.js";
import { record, type RecordingOptions } from "../git/record.js";
import { openWorkspace } from "../store/workspace.js";
import { findingFromError, type Finding } from "../util/errors.js";
import { readOwned } from "../util/fs.js";

export interface FailedRun {
  runId: string;
  iterationId?: string;
  jobId?: string;
  manifestPath: string;
  failureReason?: string;
  logTail?: string;
}

export interface NotifyOptions extends RecordingOptions {
  cwd: string;
  issue: number;
  runs: readonly FailedRun[];
  /** Post one comment; returns its id. */
  post: (run: FailedRun) => Promise<{ id: number }>;
  now?: () => Date;
}

export interface NotifyReport {
  posted: string[];
  /** Failed runs that had their comment already. */
  already: string[];
  findings: Finding[];
  committed: boolean;
}

export async function notifyFailures(opts: NotifyOptions): Promise<NotifyReport> {
  const now = opts.now ?? (() => new Date());
  const ws = await openWorkspace(opts.cwd, { commit: opts.commit });
  const read = await readOwned(ws.root, path.join(ws.root, NOTIFICATIONS_PATH), 4 * 1024 * 1024);
  const rec = parseNotifications(read.data?.toString("utf8"));
  const ids = opts.runs.map((r) => r.runId);
  const todo = new Set(toNotify(ids, rec));
  const report: NotifyReport = {
    posted: [],
    already: ids.filter((id) => !todo.has(id)),
    findings: [],
    committed: false,
  };
  const entries: Record<string, NoticeEntry> = {};
  for (const run of opts.runs) {
    if (!todo.has(run.runId)) continue;
    todo.delete(run.runId);
    try {
      const c = await opts.post(run);
      entries[run.runId] = { issue: opts.issue, comment_id: c.id, at: isoSeconds(now()) };
      report.posted.push(run.runId);
    } catch (e) {
      report.findings.push(findingFromError(e, "notify.comment", run.manifestPath, { severity: "warning" }));
    }
  }
  if (!report.posted.length) return report;
  const rec2 = await record(ws, [notificationsEdit(entries)], {
    message: `autolab: failure of ${report.posted.length} run(s) announced on issue #${opts.issue}`,
    skipCi: opts.skipCi,
    push: opts.push,
    branch: opts.branch,
    token: opts.token,
    identity: opts.identity,
    onUnpushed: "report",
  });
  report.findings.push(...rec2.findings);
  report.committed = !!rec2.commit?.committed;
  return report;
}
