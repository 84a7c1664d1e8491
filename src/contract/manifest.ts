/**
 * runs/<run_id>/run_manifest.json: read (validated), write (validated first,
 * atomic), and the derived facts other layers need — job id, launch date,
 * status — read the way the Python autolab tool wrote them.
 */
import { randomBytes } from "node:crypto";
import { AutolabError } from "../util/errors.js";
import { writeFileAtomic } from "../util/fs.js";
import type { RunManifest } from "./types.js";
import { assertValid, loadDocument, parseDocument, type ParsedDocument } from "./validate.js";
import { isRunStatus, type RunStatus } from "./vocabulary.js";

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

function nonEmpty(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The SLURM job id: `job_id` > `slurm.job_id` > `resource_request.job_id` > `resource_request.slurm.job_id`. */
export function manifestJobId(m: RunManifest): string | undefined {
  const rr = obj(m.resource_request);
  return (
    nonEmpty(m.job_id) ?? nonEmpty(obj(m.slurm)?.job_id) ?? nonEmpty(rr?.job_id) ?? nonEmpty(obj(rr?.slurm)?.job_id)
  );
}

const RUN_ID_STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/;

/** UTC calendar date (YYYY-MM-DD) of an ISO timestamp; a timestamp without a zone is read as UTC. */
export function utcDateOf(ts: unknown): string | undefined {
  if (typeof ts !== "string") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/.exec(ts.trim());
  if (!m) return undefined;
  if (!m[2] || !m[3] || /^[Zz]$/.test(m[3]) || /^[+-]00:?00$/.test(m[3])) {
    // Already UTC (or no zone): the date is the first ten characters, if it is a real date.
    const d = new Date(`${m[1]}T00:00:00Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1] ? undefined : m[1];
  }
  const zone = m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/**
 * The run's UTC launch date, YYYY-MM-DD: from `timestamps.started_at`, else
 * `started_at`, else the YYYYMMDDTHHMMSSZ stamp at the start of the run id.
 * Undefined when none of them gives a valid date.
 */
export function manifestLaunchDate(m: RunManifest): string | undefined {
  const fromTs = utcDateOf(obj(m.timestamps)?.started_at) ?? utcDateOf(m.started_at);
  if (fromTs) return fromTs;
  const s = typeof m.run_id === "string" ? RUN_ID_STAMP.exec(m.run_id) : null;
  if (!s) return undefined;
  const date = `${s[1]}-${s[2]}-${s[3]}`;
  return utcDateOf(date);
}

/**
 * The run's status. A manifest without `status` (older writers) is read as:
 * `submitted` when it is a SLURM run with a job id (the Python tool writes the
 * manifest right after sbatch answered), otherwise `pending`.
 */
export function manifestStatus(m: RunManifest): RunStatus {
  if (isRunStatus(m.status)) return m.status;
  if (m.status !== undefined) {
    throw new AutolabError(`unknown run status ${JSON.stringify(m.status)}`, { jsonPath: "/status" });
  }
  return m.host_mode === "slurm" && manifestJobId(m) !== undefined ? "submitted" : "pending";
}

/** A new run id: `YYYYMMDDTHHMMSSZ_<6 hex>` (UTC time of `now`, random suffix unless given). */
export function newRunId(now: Date, rand?: string): string {
  const suffix = rand ?? randomBytes(3).toString("hex");
  if (!/^[0-9a-f]{6}$/.test(suffix))
    throw new AutolabError(`run id suffix must be 6 lowercase hex digits (got ${JSON.stringify(suffix)})`);
  if (Number.isNaN(now.getTime())) throw new AutolabError("run id: invalid date");
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `${stamp}_${suffix}`;
}
