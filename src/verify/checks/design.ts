/**
 * The iteration's design.yaml: design.schema (once per iteration) and
 * design.location (the iteration has a design; its compute.location is the
 * host_mode of the iteration's newest run: older runs may predate a design
 * change). Pure: data in, findings out.
 */
import { shellQuote } from "../../util/shell.js";
import type { Finding } from "../../util/errors.js";
import { at, obj, unreadable } from "../doc.js";
import type { IterationInput, RunInput } from "../types.js";

/** A design that cannot be read or parsed (design.schema, or path.outside always). */
export function designDocument(i: IterationInput): Finding[] {
  const d = i.iteration.design;
  return d.kind === "error" ? unreadable(d.finding, i.active, "fix the YAML syntax at the position shown") : [];
}

export function checkDesignSchema(i: IterationInput): Finding[] {
  const d = i.iteration.design;
  if (d.kind !== "ok") return [];
  return d.doc.findings.map((f) => ({
    ...f,
    check: f.check === "schema" ? "design.schema" : `design.${f.check}`,
    hint: f.hint ?? "fix the value at the position shown",
  }));
}

/** An iteration with runs has a design.yaml. */
export function checkDesignPresent(i: IterationInput): Finding[] {
  const { iteration } = i;
  const d = iteration.design;
  if (d.kind !== "missing") return [];
  return [
    {
      severity: "error",
      check: "design.location",
      file: d.file,
      message: `iteration ${iteration.iterationId} has runs but no design.yaml`,
      hint: `restore it (\`git log --all -- ${shellQuote(d.file)}\` shows where it went); every iteration is described by its design.yaml`,
    },
  ];
}

/** The newest run's host_mode is the design's compute.location. */
export function checkDesignLocation(i: RunInput): Finding[] {
  const { run, doc } = i;
  if (i.newestOf?.design.kind !== "ok") return [];
  const design = i.newestOf.design.doc;
  const location = obj(design.data?.compute)?.location;
  const mode = doc.data.host_mode;
  if (location === undefined || mode === undefined || location === mode) return [];
  return [
    {
      severity: "error",
      check: "design.location",
      ...at(design, "/compute/location"),
      message: `compute.location is ${JSON.stringify(location)} but run ${run.runId} ran with host_mode ${JSON.stringify(mode)} (${run.manifestDisplay})`,
      hint: `set compute.location to ${JSON.stringify(mode)} if the design is meant to run there, or launch a new run from the current design`,
    },
  ];
}
