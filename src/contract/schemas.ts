/**
 * The run contract's JSON Schemas as validators. The schemas live in
 * `schemas/` as data; they are compiled ahead of time (ajv standalone, draft
 * 2020-12) by scripts/validators.ts into generated/validators.ts, so no
 * command compiles a schema or loads ajv at start-up. A test fails when the
 * generated file is stale against schemas/*.json.
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
import type { ErrorObject } from "ajv";
import * as generated from "./generated/validators.js";

export { isDateTime } from "./date-time.js";

export type SchemaName = "manifest" | "design" | "policy" | "metrics" | "state";

/** A compiled schema: true when `data` is valid, else `errors` says why (ajv's error objects, verbose). */
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const VALIDATORS: Record<SchemaName, ValidateFunction> = {
  manifest: generated.manifest,
  design: generated.design,
  policy: generated.policy,
  metrics: generated.metrics,
  state: generated.state,
};

/** The precompiled validator of one contract file kind. */
export function validatorFor(name: SchemaName): ValidateFunction {
  return VALIDATORS[name];
}
