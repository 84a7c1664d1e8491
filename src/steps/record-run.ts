/**
 * Recording a run's change set: the manifest as an edit validated before
 * anything is written, files already in the work tree committed as they
 * are, and record() with the error a person can act on when git fails (the
 * run's status, and that rerunning the same command records it without
 * acting again). Findings of edits that could not be applied (a ledger or
 * state file that went bad) are logged: the run's own record is not lost.
 */
import { serializeManifest } from "../contract/manifest.js";
import type { RunManifest } from "../contract/types.js";
import { assertValid, parseDocument } from "../contract/validate.js";
import { put, type FileEdit } from "../domain/changes.js";
import { manifestJobId } from "../domain/run.js";
import { record, type RecordOptions, type Recorded } from "../git/record.js";
import type { Workspace } from "../store/workspace.js";
import { AutolabError } from "../util/errors.js";

/** A manifest edit, validated now (an invalid record is refused before anything is written). */
export function manifestEdit(manifestPath: string, m: RunManifest): FileEdit {
  const text = serializeManifest(m);
  assertValid(parseDocument<RunManifest>("manifest", text, manifestPath));
  return put(manifestPath, text, m.run_id);
}

/** A file already written in the work tree (e.g. a local run's logs), committed as it is. */
export function keep(p: string): FileEdit {
  return { path: p, edit: (cur) => cur ?? "unchanged" };
}

export async function recordRun(
  ws: Workspace,
  edits: FileEdit[],
  m: RunManifest,
  o: RecordOptions & { log: (line: string) => void; rerun: string },
): Promise<Recorded> {
  let rec: Recorded;
  try {
    rec = await record(ws, edits, {
      message: o.message,
      skipCi: o.skipCi,
      push: o.push,
      branch: o.branch,
      token: o.token,
      identity: o.identity,
    });
  } catch (e) {
    if (!(e instanceof AutolabError)) throw e;
    const jobId = manifestJobId(m);
    throw new AutolabError(
      `run ${m.run_id}${jobId ? ` (job ${jobId})` : ""} is ${m.status}, but recording it in git failed: ${e.message}`,
      {
        file: e.location.file,
        line: e.location.line,
        hint: `${e.hint ? e.hint + "; " : ""}${o.rerun}`,
        cause: e,
      },
    );
  }
  for (const f of rec.findings) o.log(`warning: ${f.file ? `${f.file}: ` : ""}${f.message}`);
  return rec;
}
