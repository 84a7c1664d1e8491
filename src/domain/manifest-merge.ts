/**
 * How a command's new version of a run manifest lands on a head where
 * another writer (a person, a cancel, another monitor) may have changed the
 * file since the command read it. Pure; used as a change-set edit.
 *
 * Rules (each a row of __tests__/unit/domain-manifest-merge.test.ts):
 * - The file is as the command read it (or as it wrote it itself meanwhile,
 *   e.g. the `syncing` mark), or already ours: ours is written.
 * - The file is gone or is not a manifest of this run: ours is written.
 * - The other writer moved the run's status, and ours is not a forward
 *   transition from theirs (equal statuses: unless ours has strictly more
 *   history): theirs is kept, and the command drops everything else it would
 *   have written for the run (`superseded`).
 * - Otherwise the versions are merged field by field against what the
 *   command read: a field only one side changed takes that side's value (a
 *   person's `notes`, a hand-set `artifact_sync_to_local.status` survive a
 *   tick). A field both changed differently is a conflict: when the other
 *   writer moved the status, ours is newer and wins; when it did not, theirs
 *   is kept and the conflict is reported (`manifest.merge_conflict`).
 *   Arrays (history) are one value.
 */
import type { RunManifest } from "../contract/types.js";
import { canTransition, type RunStatus } from "../contract/vocabulary.js";
import type { Finding } from "../util/errors.js";
import type { FileEdit } from "./changes.js";
import { statusOf } from "./run.js";

/**
 * Whether `theirs` (on the head) must be kept instead of `ours`; `startedFrom`
 * is the status the command read.
 */
export function keepTheirs(startedFrom: RunStatus, theirs: RunManifest, ours: RunManifest): boolean {
  const t = statusOf(theirs);
  const o = statusOf(ours);
  if (t === startedFrom) return false;
  if (t === o) return (ours.history?.length ?? 0) <= (theirs.history?.length ?? 0);
  return !canTransition(t, o);
}

type Json = unknown;

function isPlain(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function same(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Three-way merge of JSON values; conflicts are listed by JSON pointer. */
export function merge3(
  base: Json,
  ours: Json,
  theirs: Json,
  preferOurs: boolean,
  at = "",
  conflicts: string[] = [],
): Json {
  if (same(ours, base)) return theirs;
  if (same(theirs, base) || same(ours, theirs)) return ours;
  if (isPlain(base) && isPlain(ours) && isPlain(theirs)) {
    const out: Record<string, Json> = {};
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)])];
    for (const k of keys) {
      const v = merge3(
        base[k],
        ours[k],
        theirs[k],
        preferOurs,
        `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        conflicts,
      );
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  conflicts.push(at || "/");
  return preferOurs ? ours : theirs;
}

export interface ManifestMergeInput {
  path: string;
  /** The manifest as the command read it. */
  base: RunManifest;
  /** Exact texts of the file that count as "as read" (what was read, and what the command wrote itself since). */
  baseTexts: ReadonlySet<string>;
  ours: RunManifest;
  /** Serializer (the contract's exact bytes) and validator: throws when the result is not a valid manifest. */
  serialize: (m: RunManifest) => string;
}

/** The change-set edit that writes `ours` by the rules above. */
export function manifestEdit(i: ManifestMergeInput): FileEdit {
  return {
    path: i.path,
    owner: i.ours.run_id,
    what: `run ${i.ours.run_id}'s manifest`,
    edit(current, ctx) {
      const oursText = i.serialize(i.ours);
      if (current === undefined) return oursText;
      const text = new TextDecoder().decode(current);
      if (text === oursText || i.baseTexts.has(text)) return oursText;
      let theirs: RunManifest | undefined;
      try {
        const v = JSON.parse(text) as Json;
        theirs = isPlain(v) ? (v as RunManifest) : undefined;
      } catch {
        theirs = undefined;
      }
      if (!theirs || theirs.run_id !== i.ours.run_id) return oursText;
      const startedFrom = statusOf(i.base);
      if (keepTheirs(startedFrom, theirs, i.ours)) {
        ctx.note(supersededFinding(i, theirs));
        return "superseded";
      }
      const theirsMoved = statusOf(theirs) !== startedFrom;
      const conflicts: string[] = [];
      const merged = merge3(i.base, i.ours, theirs, theirsMoved, "", conflicts) as RunManifest;
      if (conflicts.length && !theirsMoved) ctx.note(conflictFinding(i, conflicts));
      return i.serialize(merged);
    },
  };
}

function supersededFinding(i: ManifestMergeInput, theirs: RunManifest): Finding {
  return {
    severity: "notice",
    check: "monitor.superseded",
    file: i.path,
    message: `run ${i.ours.run_id} was moved to ${statusOf(theirs)} by another writer while this tick worked (it read ${statusOf(i.base)} and decided ${statusOf(i.ours)}); the newer record is kept`,
  };
}

function conflictFinding(i: ManifestMergeInput, conflicts: string[]): Finding {
  return {
    severity: "warning",
    check: "manifest.merge_conflict",
    file: i.path,
    jsonPath: conflicts[0] === "/" ? "" : conflicts[0],
    message: `run ${i.ours.run_id}'s manifest was edited by another writer while this command worked, and both changed ${conflicts.join(", ")}: their value${conflicts.length > 1 ? "s are" : " is"} kept; every other change of both is merged`,
    hint: "check the fields named; the next monitor tick decides again from the record as it is now",
  };
}
