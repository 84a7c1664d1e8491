/**
 * design.yaml: find the iteration a command means, and load its design
 * (validated against schemas/design.schema.json).
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { AutolabError } from "../util/errors.js";
import { displayPath, resolveInside } from "../util/fs.js";
import type { DesignExt } from "./design-types.js";
import { assertValid, loadDocument, type ParsedDocument } from "./validate.js";

export type { DesignExt } from "./design-types.js";

/** Where iterations live, in lookup order. */
export { ITERATION_BUCKETS } from "../domain/layout.js";
import { ITERATION_BUCKETS } from "../domain/layout.js";

export interface ResolvedIteration {
  iterationId: string;
  /** Absolute path of the iteration directory. */
  iterationDir: string;
  /** Absolute path of its design.yaml. */
  designPath: string;
}

/** Load and validate a design; throws an AutolabError (with every schema finding) when invalid. */
export async function loadDesign(absPath: string, displayPath: string = absPath): Promise<ParsedDocument<DesignExt>> {
  return assertValid(await loadDocument<DesignExt>("design", absPath, displayPath));
}

const ITERATION_ID = /^[A-Za-z0-9._+-]+$/;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What `arg` names: a path to a design.yaml, a path to an iteration directory
 * (holding design.yaml), or an iteration id looked up as
 * experiments/{plan,in_progress,done}/<id>/design.yaml. Paths are relative to
 * `repoRoot` and may not leave it. Nothing found, or an id found in more than
 * one place, is a usage error (exit 2) that says what was looked for.
 */
export async function resolveIteration(repoRoot: string, arg: string): Promise<ResolvedIteration> {
  if (!arg.trim())
    throw new AutolabError("no iteration given", {
      exitCode: 2,
      hint: "pass a design.yaml path, an iteration directory or an iteration id",
    });
  const root = path.resolve(repoRoot);
  const looksLikePath =
    arg.includes("/") ||
    arg.includes(path.sep) ||
    arg.endsWith(".yaml") ||
    arg.endsWith(".yml") ||
    arg === "." ||
    arg === "..";
  const candidate = looksLikePath || existsSync(path.resolve(root, arg)) ? resolveCandidate(root, arg) : undefined;
  if (candidate) return candidate;
  if (looksLikePath) {
    throw new AutolabError(`no design found at ${JSON.stringify(arg)}`, {
      exitCode: 2,
      hint: "pass a design.yaml file, a directory that holds design.yaml, or an iteration id",
    });
  }
  if (!ITERATION_ID.test(arg)) {
    throw new AutolabError(`${JSON.stringify(arg)} is not an iteration id`, {
      exitCode: 2,
      hint: "iteration ids are made of letters, digits and . _ + -",
    });
  }
  const looked = ITERATION_BUCKETS.map((b) => path.join(root, "experiments", b, arg, "design.yaml"));
  const found = looked.filter(isFile);
  if (found.length === 0) {
    throw new AutolabError(`iteration ${JSON.stringify(arg)} not found`, {
      exitCode: 2,
      hint: `looked for ${looked.map((p) => displayPath(root, p)).join(", ")}`,
    });
  }
  if (found.length > 1) {
    throw new AutolabError(`iteration ${JSON.stringify(arg)} is ambiguous: it exists in ${found.length} places`, {
      exitCode: 2,
      hint: `found ${found.map((p) => displayPath(root, p)).join(" and ")}; pass the design.yaml path instead`,
    });
  }
  const designPath = found[0];
  return { iterationId: arg, iterationDir: path.dirname(designPath), designPath };
}

function resolveCandidate(root: string, arg: string): ResolvedIteration | undefined {
  let abs: string;
  try {
    abs = resolveInside(root, arg, "design path");
  } catch (e) {
    if (e instanceof AutolabError) throw new AutolabError(e.message, { exitCode: 2, hint: e.hint });
    throw e;
  }
  if (isDir(abs)) {
    const designPath = path.join(abs, "design.yaml");
    if (!isFile(designPath)) {
      throw new AutolabError(`directory ${JSON.stringify(arg)} has no design.yaml`, {
        exitCode: 2,
        hint: `looked for ${displayPath(root, designPath)}`,
      });
    }
    return { iterationId: path.basename(abs), iterationDir: abs, designPath };
  }
  if (isFile(abs)) {
    return { iterationId: path.basename(path.dirname(abs)), iterationDir: path.dirname(abs), designPath: abs };
  }
  return undefined;
}
