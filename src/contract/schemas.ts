/**
 * The run contract's JSON Schemas, compiled once (lazily) with ajv's draft
 * 2020-12 build. Schemas live in `schemas/` as data and are imported as JSON
 * so the bundle carries them.
 *
 * Two additions to plain JSON Schema:
 * - format `date-time`: an ISO 8601 / RFC 3339 date and time; the zone may be
 *   left out (it is then read as UTC, as the Python tool writes it);
 * - keyword `x-at`: a JSON pointer, relative to the failing value, of the
 *   node a cross-field error is reported at (e.g. `/host_mode` for "a slurm
 *   run needs a job id"), so the error stands on the line that made the rule
 *   apply rather than on the document's first line.
 * - keyword `x-message`: an annotation holding the readable message used when
 *   the schema it sits on (or its `anyOf`/`pattern`/`not`) fails.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import designSchema from "../../schemas/design.schema.json" with { type: "json" };
import metricsSchema from "../../schemas/metrics.schema.json" with { type: "json" };
import manifestSchema from "../../schemas/run_manifest.schema.json" with { type: "json" };
import stateSchema from "../../schemas/state.schema.json" with { type: "json" };
import policySchema from "../../schemas/verifier_policy.schema.json" with { type: "json" };

export type SchemaName = "manifest" | "design" | "policy" | "metrics" | "state";

const SCHEMAS: Record<SchemaName, { $id: string }> = {
  manifest: manifestSchema,
  design: designSchema,
  policy: policySchema,
  metrics: metricsSchema,
  state: stateSchema,
};

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})?$/;

/** True for `2026-11-28T15:14:32Z`, `...T15:14:32.123+01:00`, `...T15:14:32` (read as UTC). */
export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d >= 1 && d <= days;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv) return ajv;
  const a = new Ajv2020({
    allErrors: true,
    strict: true,
    // if/then rules name keys that are declared elsewhere in the schema.
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    verbose: true,
  });
  a.addKeyword({ keyword: "x-message", schemaType: "string" });
  a.addKeyword({ keyword: "x-at", schemaType: "string" });
  a.addFormat("date-time", { type: "string", validate: isDateTime });
  for (const s of Object.values(SCHEMAS)) a.addSchema(s);
  ajv = a;
  return a;
}

/** The compiled validator of one contract file kind (compiled on first use). */
export function validatorFor(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const found = instance().getSchema(SCHEMAS[name].$id);
    if (!found) throw new Error(`schema ${name} is not registered`);
    v = found;
    compiled.set(name, v);
  }
  return v;
}

/** The raw schema object (for docs and tests). */
export function schemaOf(name: SchemaName): unknown {
  return SCHEMAS[name];
}
