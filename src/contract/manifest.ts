/**
 * runs/<run_id>/run_manifest.json: read (validated), write (validated first,
 * atomic), and a new run id. The derived facts (job id, launch date, status)
 * are pure and live in domain/run.ts.
 */
import { randomBytes } from "node:crypto";
import { AutolabError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import { isoSeconds } from "../domain/time.js";
import type { RunManifest } from "./types.js";
import { assertValid, loadDocument, parseDocument, type ParsedDocument } from "./validate.js";

/** Read and validate a manifest; throws an AutolabError (with every schema finding) when invalid. */
export async function readManifest(
  absPath: string,
  displayPath: string = absPath,
): Promise<ParsedDocument<RunManifest>> {
  return assertValid(await loadDocument<RunManifest>("manifest", absPath, displayPath));
}

/** The exact bytes `writeManifest` writes: 2-space JSON and a trailing newline. */
export function serializeManifest(m: RunManifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}

/**
 * Write a manifest atomically after validating it. An invalid manifest is
 * refused (AutolabError with the findings) and the file on disk is untouched.
 */
export async function writeManifest(absPath: string, m: RunManifest, displayPath: string = absPath): Promise<void> {
  const text = serializeManifest(m);
  assertValid(parseDocument<RunManifest>("manifest", text, displayPath));
  await writeFileAtomic(absPath, text);
}

export { manifestJobId, manifestLaunchDate, manifestStatus, utcDateOf } from "../domain/run.js";

/** A new run id: `YYYYMMDDTHHMMSSZ_<6 hex>` (UTC time of `now`, random suffix unless given). */
export function newRunId(now: Date, rand?: string): string {
  const suffix = rand ?? randomBytes(3).toString("hex");
  if (!/^[0-9a-f]{6}$/.test(suffix))
    throw new AutolabError(`run id suffix must be 6 lowercase hex digits (got ${JSON.stringify(suffix)})`);
  if (Number.isNaN(now.getTime())) throw new AutolabError("run id: invalid date");
  const stamp = isoSeconds(now).replace(/[-:]/g, "");
  return `${stamp}_${suffix}`;
}
