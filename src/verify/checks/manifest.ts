/**
 * Checks of run_manifest.json on its own: manifest.schema, manifest.job_id,
 * manifest.identity, manifest.path. Pure: data in, findings out.
 *
 * - A manifest that cannot be parsed is reported (manifest.schema, or
 *   path.outside always) and every other check of the run waits for it; so
 *   does a manifest that is not a JSON object.
 * - The schema's job-id rule is not repeated as manifest.schema: manifest.job_id
 *   reports it at a better place.
 * - A SLURM run without a job id is fine only when it failed at submission
 *   (status failed with `slurm.submit_error`); every copy of the id agrees.
 */
import type { RunManifest } from "../../contract/types.js";
import { manifestJobId } from "../../domain/run.js";
import type { Finding } from "../../util/errors.js";
import { at, dotted, obj, unreadable, valueAt, type Doc, type Loaded } from "../doc.js";
import type { RunInput } from "../types.js";

/** The manifest document's own findings, and the document when the run's checks can read it. */
export function manifestDocument(
  loaded: Loaded<RunManifest>,
  active: ReadonlySet<string>,
): { findings: Finding[]; doc?: Doc<RunManifest> } {
  if (loaded.kind === "missing") return { findings: [] }; // vanished between discovery and reading
  if (loaded.kind === "error") {
    const hint = "fix the JSON syntax at the position shown; every other check of this run waits for it";
    return { findings: unreadable(loaded.finding, active, hint) };
  }
  const doc = loaded.doc;
  if (obj(doc.data) === undefined) {
    const findings = active.has("manifest.schema") ? doc.findings.map((s) => ({ ...s, check: "manifest.schema" })) : [];
    return { findings };
  }
  return { findings: [], doc };
}

/** The schema findings of the manifest, but the job-id rule (manifest.job_id reports it). */
function schemaFindings(doc: Doc<RunManifest>): Finding[] {
  return doc.findings.filter(
    (s) => !((s.jsonPath === "/" || s.jsonPath === "/host_mode") && /needs a job id/.test(s.message)),
  );
}

/** JSON pointers with a schema finding (when manifest.schema is active), so other checks do not repeat them. */
export function schemaPaths(i: Pick<RunInput, "doc" | "active">): Set<string> {
  if (!i.active.has("manifest.schema")) return new Set();
  return new Set(schemaFindings(i.doc).map((s) => s.jsonPath ?? ""));
}

export function checkManifestSchema(i: RunInput): Finding[] {
  return schemaFindings(i.doc).map((s) => ({
    ...s,
    check: s.check === "schema" ? "manifest.schema" : `manifest.${s.check}`,
    hint: s.hint ?? "fix the value at the position shown",
  }));
}

const JOB_ID_POINTERS = [
  "/job_id",
  "/slurm/job_id",
  "/resource_request/job_id",
  "/resource_request/slurm/job_id",
] as const;

export function checkJobId(i: RunInput): Finding[] {
  const { run, doc } = i;
  const m = doc.data;
  if (m.host_mode !== "slurm") return [];
  const id = manifestJobId(m);
  if (id === undefined) {
    const submitError = obj(m.slurm)?.submit_error;
    if (m.status === "failed" && typeof submitError === "string" && submitError !== "") return [];
    const pointer = obj(m.slurm) ? "/slurm" : "/host_mode";
    return [
      {
        severity: "error",
        check: "manifest.job_id",
        ...at(doc, pointer),
        message: `SLURM run ${run.runId} has no job id (none of job_id, slurm.job_id, resource_request.job_id, resource_request.slurm.job_id is set)`,
        hint:
          `if sbatch accepted the job, find its id with \`sacct --name autolab-${run.runId} -X -o JobID\` and write it into job_id; ` +
          "if it never got one, set status to failed and record sbatch's message in slurm.submit_error",
      },
    ];
  }
  const out: Finding[] = [];
  for (const p of JOB_ID_POINTERS) {
    const v = valueAt(m, p);
    if (v === undefined || v === null || String(v).trim() === id) continue;
    out.push({
      severity: "error",
      check: "manifest.job_id",
      ...at(doc, p),
      message: `${dotted(p)} is ${JSON.stringify(v)} but the run's job id is ${JSON.stringify(id)}`,
      hint: `make every copy of the job id the same (${JOB_ID_POINTERS.map(dotted).join(", ")})`,
    });
  }
  return out;
}

export function checkIdentity(i: RunInput): Finding[] {
  const { run, doc } = i;
  const out: Finding[] = [];
  const m = doc.data;
  if (typeof m.run_id === "string" && m.run_id !== run.runId) {
    out.push({
      severity: "error",
      check: "manifest.identity",
      ...at(doc, "/run_id"),
      message: `run_id is ${JSON.stringify(m.run_id)} but the run directory is ${run.runPath}`,
      hint: `a run directory is named after its run id: set run_id to ${JSON.stringify(run.runId)}, or move the manifest to the directory of its run`,
    });
  }
  if (typeof m.iteration_id === "string" && m.iteration_id !== run.iterationId) {
    out.push({
      severity: "error",
      check: "manifest.identity",
      ...at(doc, "/iteration_id"),
      message: `iteration_id is ${JSON.stringify(m.iteration_id)} but the run lives in ${run.iterationPath}`,
      hint: `set iteration_id to ${JSON.stringify(run.iterationId)}, or move the run under its iteration's runs/ directory`,
    });
  }
  return out;
}

/** Manifest keys that hold repository paths (written by launch / monitor, read by people and tools). */
export const MANIFEST_PATH_POINTERS = [
  "/launch/script",
  "/launch/design",
  "/extraction/metrics",
  "/artifact_sync_to_local/local_path",
  "/artifact_sync_to_local/destination",
] as const;

export function checkManifestPaths(i: RunInput): Finding[] {
  return i.refusedPaths.map((r) => ({
    severity: "error" as const,
    check: "manifest.path",
    ...at(i.doc, r.pointer),
    message: `refused: ${r.reason}; paths in a manifest are repository-relative and stay inside it`,
    hint: `set ${dotted(r.pointer)} to the repository-relative path of the file (no "..", no absolute path, no symlink leaving the repository)`,
  }));
}
