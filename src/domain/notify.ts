/**
 * Failure notices: which failed runs still need their one comment on the
 * tracking issue, and the record that says which have had it
 * (`.autolab/notifications.json`, committed, so every checkout and every
 * successor watcher knows). Pure.
 *
 * - A run is announced once: a run in the record is never announced again,
 *   whatever issue the policy names now.
 * - The record's edit merges into the file as the head it is applied on has
 *   it (another writer's entries are kept; the first entry of a run wins).
 */
import type { FileEdit } from "./changes.js";
import { NOTIFICATIONS_PATH } from "./layout.js";

export interface NoticeEntry {
  issue: number;
  comment_id?: number;
  at: string;
}

export interface NotificationRecord {
  schema_version: "1.0";
  failure_comments: Record<string, NoticeEntry>;
}

export function parseNotifications(text: string | undefined): NotificationRecord {
  const empty: NotificationRecord = { schema_version: "1.0", failure_comments: {} };
  if (!text) return empty;
  try {
    const d = JSON.parse(text) as Partial<NotificationRecord>;
    const fc = d && typeof d === "object" ? d.failure_comments : undefined;
    return fc && typeof fc === "object" && !Array.isArray(fc) ? { schema_version: "1.0", failure_comments: fc } : empty;
  } catch {
    return empty;
  }
}

/** The runs of `failed` that have not had their comment, in order, each once. */
export function toNotify(failed: readonly string[], rec: NotificationRecord): string[] {
  return [...new Set(failed)].filter((id) => !Object.hasOwn(rec.failure_comments, id));
}

function serialize(rec: NotificationRecord): string {
  const sorted = Object.fromEntries(
    Object.entries(rec.failure_comments).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return JSON.stringify({ schema_version: "1.0", failure_comments: sorted }, null, 2) + "\n";
}

/** The edit that adds `entries` to the record (kept: what the head already has). */
export function notificationsEdit(entries: Readonly<Record<string, NoticeEntry>>): FileEdit {
  return {
    path: NOTIFICATIONS_PATH,
    what: "the record of failure comments",
    edit(current) {
      const rec = parseNotifications(current ? new TextDecoder().decode(current) : undefined);
      let added = false;
      for (const [id, e] of Object.entries(entries)) {
        if (Object.hasOwn(rec.failure_comments, id)) continue;
        rec.failure_comments[id] = e;
        added = true;
      }
      return added ? serialize(rec) : "unchanged";
    },
  };
}
