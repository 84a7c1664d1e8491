/**
 * The verifier policy: `.autolab/verifier_policy.yaml`, presets, defaults.
 *
 * Effective policy = DEFAULT_POLICY < preset (named by the file's
 * `policy_resolution.default_preset`) < the file. Mappings merge key by key;
 * scalars and lists from the later layer replace.
 *
 * Keys (all optional in the file; defaults in DEFAULT_POLICY):
 *   python_bin                                  interpreter for python entrypoints/parsers ("python3")
 *   dry_run_command, test_command               commands of the dry_run and tests checks; placeholders
 *                                               {{python_bin}}, {{iteration_id}}, {{iteration_path}}
 *   requirements_by_stage.<stage>.<category>    true = the check category must pass at that stage
 *                                               (categories: tests, dry_run, schema, consistency, env_smoke, ...)
 *   launch.submit_timeout_seconds               timeout of one sbatch call (60)
 *   launch.submit_retries                       retries of a transient sbatch failure (2)
 *   launch.retry_backoff_seconds                wait between those retries (5)
 *   launch.check_timeout_seconds                timeout of the dry_run / tests commands (900)
 *   slurm.monitor.poll_failure_escalation_ticks consecutive failed polls before a run is flagged (3)
 *   slurm.monitor.unknown_grace_seconds         how long a job may be unknown to SLURM before it is failed (600)
 *   slurm.monitor.max_pending                   a job pending longer is cancelled, its run failed pending_timeout (unset)
 *   slurm.monitor.efficiency_hint_below         an ended job under this share of its request gets a right-sizing hint (0.5)
 *   slurm.monitor.sacct_lookback_days           how far back sacct looks (14)
 *   slurm.monitor.client_timeout_seconds        timeout of one squeue/sacct call (30)
 *   slurm.monitor.runaway_lost_after_seconds    how long a runaway accounting record stands before its run is `lost` (86400)
 *   slurm.monitor.poll_command_template,
 *   slurm.monitor.sync_command_template         the Python tool's shell templates: not run, reported (domain/settings.ts)
 *   slurm.submit.pass_env                       SBATCH_ and SLURM_ variables of the runner passed to sbatch, recorded (none)
 *   slurm.artifact_sync.{mode,timeout_seconds,retries}  defaults for design.yaml artifact_sync (shared, 600, 2)
 *   extract_results.timeout_seconds             timeout of the extract parser (1800)
 *   extract_results.require_metrics             a finished run must produce metrics.json (true)
 *   agent_runner.edit_scope.mode                which files an agent may edit ("iteration_only")
 *   autorun.todo_fallback.slurm.stage           stage to fall back to when a SLURM iteration has nothing to do
 *   policy_resolution.default_preset            the preset layered under the file (set by `policy apply preset`)
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument as parseYamlDocument,
  type Document,
  type YAMLMap,
} from "yaml";
import { AutolabError } from "../util/errors.js";
import { decodeUtf8Strict, readOwnedBytes, writeFileAtomic } from "../util/fs.js";
import { plainText, textForm, withForm } from "../domain/text-form.js";

/** The policy file's text with its BOM, never through a link. */
async function readBytesOwned(repoRoot: string, abs: string): Promise<string> {
  const buf = await readOwnedBytes(repoRoot, abs, POLICY_PATH, 4 * 1024 * 1024);
  if (buf === undefined) throw new AutolabError("file not found", { file: POLICY_PATH });
  return decodeUtf8Strict(buf, POLICY_PATH, true);
}
import { assertValid, loadDocument, parseDocument, type ParsedDocument } from "./validate.js";

export interface Policy {
  python_bin: string;
  dry_run_command?: string;
  test_command?: string;
  requirements_by_stage: Record<string, Record<string, boolean>>;
  launch: {
    submit_timeout_seconds: number;
    submit_retries: number;
    retry_backoff_seconds: number;
    check_timeout_seconds: number;
    [k: string]: unknown;
  };
  slurm: {
    monitor: {
      poll_failure_escalation_ticks: number;
      unknown_grace_seconds: number;
      sacct_lookback_days: number;
      client_timeout_seconds: number;
      [k: string]: unknown;
    };
    artifact_sync: { mode: "shared" | "rsync"; timeout_seconds: number; retries: number; [k: string]: unknown };
    [k: string]: unknown;
  };
  extract_results: { timeout_seconds: number; require_metrics: boolean; [k: string]: unknown };
  agent_runner: { edit_scope: { mode: string; [k: string]: unknown }; [k: string]: unknown };
  autorun?: {
    todo_fallback?: { slurm?: { stage?: string; [k: string]: unknown }; [k: string]: unknown };
    [k: string]: unknown;
  };
  policy_resolution?: { default_preset?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export { POLICY_PATH } from "../domain/layout.js";
import { POLICY_PATH } from "../domain/layout.js";

export const DEFAULT_POLICY: Policy = {
  python_bin: "python3",
  requirements_by_stage: {
    launch: { tests: false, dry_run: false, schema: true, consistency: true, env_smoke: false },
    slurm_monitor: { schema: true, consistency: true, env_smoke: false },
    extract_results: { schema: true, consistency: true },
  },
  launch: { submit_timeout_seconds: 60, submit_retries: 2, retry_backoff_seconds: 5, check_timeout_seconds: 900 },
  slurm: {
    monitor: {
      poll_failure_escalation_ticks: 3,
      unknown_grace_seconds: 600,
      sacct_lookback_days: 14,
      client_timeout_seconds: 30,
    },
    artifact_sync: { mode: "shared", timeout_seconds: 600, retries: 2 },
  },
  extract_results: { timeout_seconds: 1800, require_metrics: true },
  agent_runner: { edit_scope: { mode: "iteration_only" } },
};

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** `over` merged onto `base`: mappings merge recursively, everything else from `over` replaces. */
export function mergePolicy(base: Plain, over: Plain): Plain {
  const out: Plain = clone(base);
  for (const [k, v] of Object.entries(over)) {
    if (isPlainObject(v) && isPlainObject(out[k])) out[k] = mergePolicy(out[k] as Plain, v);
    else out[k] = clone(v);
  }
  return out;
}

/** Whether the policy requires check `category` at `stage`. */
export function requiresCheck(policy: Policy, stage: string, category: string): boolean {
  return policy.requirements_by_stage?.[stage]?.[category] === true;
}

/**
 * Expand `{{name}}` placeholders (spaces inside the braces allowed). An
 * unknown placeholder is an error naming it and the known ones.
 */
export function expandPlaceholders(template: string, vars: Record<string, string>, where?: string): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_all, name: string) => {
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    throw new AutolabError(`unknown placeholder {{${name}}}${where ? ` in ${where}` : ""}`, {
      hint: `known placeholders: ${Object.keys(vars)
        .map((k) => `{{${k}}}`)
        .join(", ")}`,
    });
  });
}

// ---------------------------------------------------------------------------
// Presets (data files in presets/*.yaml)

/** The presets directory: $AUTOLAB_PRESETS_DIR, else the nearest `presets/` above this module (source tree or bundle). */
export function presetsDir(): string {
  const env = process.env.AUTOLAB_PRESETS_DIR;
  if (env) return path.resolve(env);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "presets");
    try {
      if (statSync(candidate).isDirectory()) return candidate;
    } catch {
      // keep walking up
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new AutolabError("the presets directory was not found next to the autolab installation", {
    hint: "set AUTOLAB_PRESETS_DIR to the directory holding the preset YAML files",
  });
}

export function listPresets(): string[] {
  const dir = presetsDir();
  return readdirSync(dir)
    .filter((f) => /^[A-Za-z0-9_.-]+\.yaml$/.test(f))
    .map((f) => f.replace(/\.yaml$/, ""))
    .sort();
}

/** A preset's content (validated as a policy). Unknown name: AutolabError listing the known presets. */
export async function loadPreset(name: string): Promise<Plain> {
  const known = listPresets();
  if (!known.includes(name)) {
    throw new AutolabError(`unknown preset ${JSON.stringify(name)}`, {
      exitCode: 2,
      hint: `known presets: ${known.join(", ") || "(none)"}`,
    });
  }
  const file = path.join(presetsDir(), `${name}.yaml`);
  const doc = assertValid(await loadDocument<Plain>("policy", file, `presets/${name}.yaml`));
  return doc.data;
}

// ---------------------------------------------------------------------------
// Loading

export interface LoadedPolicy {
  policy: Policy;
  /** Display path of the policy file, when it exists. */
  file?: string;
  /** The preset layered under the file, when the file names one. */
  preset?: string;
  doc?: ParsedDocument<unknown>;
}

/** The effective policy of a repository: defaults < preset < file. */
export async function loadPolicy(repoRoot: string): Promise<LoadedPolicy> {
  const abs = path.join(repoRoot, POLICY_PATH);
  if (!existsSync(abs)) return { policy: clone(DEFAULT_POLICY) };
  return effectivePolicy(assertValid(await loadDocument<Plain>("policy", abs, POLICY_PATH)));
}

/**
 * The effective policy of a policy file's text as another commit has it
 * (the base of a pull request: git/trees.readCommittedFile); undefined text
 * (no file there) gives the defaults. Problems are reported at POLICY_PATH.
 */
export async function policyFromText(text: string | undefined): Promise<LoadedPolicy> {
  if (text === undefined) return { policy: clone(DEFAULT_POLICY) };
  return effectivePolicy(assertValid(parseDocument<Plain>("policy", text, POLICY_PATH)));
}

async function effectivePolicy(doc: ParsedDocument<Plain>): Promise<LoadedPolicy> {
  const data = doc.data;
  const resolution = isPlainObject(data.policy_resolution) ? data.policy_resolution : undefined;
  const preset = typeof resolution?.default_preset === "string" ? resolution.default_preset : undefined;
  let merged: Plain = clone(DEFAULT_POLICY) as unknown as Plain;
  if (preset !== undefined) {
    let presetData: Plain;
    try {
      presetData = await loadPreset(preset);
    } catch (e) {
      if (e instanceof AutolabError && !e.location.file) {
        throw new AutolabError(e.message, {
          file: POLICY_PATH,
          ...doc.locate("/policy_resolution/default_preset"),
          jsonPath: "/policy_resolution/default_preset",
          hint: e.hint,
        });
      }
      throw e;
    }
    merged = mergePolicy(merged, presetData);
  }
  merged = mergePolicy(merged, data);
  return { policy: merged as unknown as Policy, file: POLICY_PATH, preset, doc: doc as ParsedDocument<unknown> };
}

// ---------------------------------------------------------------------------
// Applying a preset to the file (comments and key order survive)

const NEW_FILE_HEADER =
  " Verifier policy for autolab (effective policy: built-in defaults < preset < this file).\n" +
  " Edit freely: comments and key order are kept when a preset is applied.";

function keyOf(pairKey: unknown): string | undefined {
  return isScalar(pairKey) ? String(pairKey.value) : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Merge `obj` into the YAML map node in place. */
function mergeIntoMap(doc: Document, map: YAMLMap, obj: Plain): void {
  for (const [k, v] of Object.entries(obj)) {
    const pair = map.items.find((p) => keyOf(p.key) === k);
    if (!pair) {
      map.set(doc.createNode(k), doc.createNode(v));
      continue;
    }
    const cur = pair.value;
    if (isPlainObject(v)) {
      if (isMap(cur)) mergeIntoMap(doc, cur, v);
      else pair.value = doc.createNode(v);
      continue;
    }
    if (isScalar(cur) && !Array.isArray(v)) {
      if (cur.value === v) continue;
      if (typeof cur.value !== typeof v) {
        // A quoted "3" must not stay quoted when it becomes a number, and vice versa.
        cur.type = undefined;
        cur.tag = undefined;
        cur.format = undefined;
      }
      cur.value = v; // keeps the scalar's comments
      continue;
    }
    if (isSeq(cur) && Array.isArray(v)) {
      if (sameValue(cur.toJSON(), v)) continue;
      const next = doc.createNode(v);
      if (isSeq(next)) {
        next.flow = cur.flow;
        next.comment = cur.comment;
        next.commentBefore = cur.commentBefore;
      }
      pair.value = next;
      continue;
    }
    pair.value = doc.createNode(v);
  }
}

/**
 * Merge preset `name` into `.autolab/verifier_policy.yaml` (created when
 * missing) and record it in `policy_resolution.default_preset`. The result is
 * validated before it is written (atomically). `changed` is false when the file
 * already held everything.
 */
export async function applyPreset(repoRoot: string, name: string): Promise<{ changed: boolean; file: string }> {
  const preset = await loadPreset(name);
  const abs = path.join(repoRoot, POLICY_PATH);
  const exists = existsSync(abs);
  // Worked on in plain form (no BOM, LF); written back with the file's own BOM and line ends.
  const raw = exists ? await readBytesOwned(repoRoot, abs) : "";
  const form = textForm(raw);
  const original = plainText(raw);
  // Check the current file first so that its problems are reported at their own lines.
  if (exists) assertValid(parseDocument("policy", original, POLICY_PATH));
  const lineCounter = new LineCounter();
  const doc = parseYamlDocument(original, { lineCounter, uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length) {
    const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
    throw new AutolabError(`invalid YAML: ${doc.errors[0].message.split("\n")[0]}`, {
      file: POLICY_PATH,
      line,
      column: col,
    });
  }
  if (doc.contents === null || doc.contents === undefined) {
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
    if (!exists) doc.commentBefore = NEW_FILE_HEADER;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw new AutolabError("the policy file must be a mapping of keys to values", {
      file: POLICY_PATH,
      line: 1,
      column: 1,
    });
  }
  const presetBody: Plain = { ...preset };
  delete presetBody.policy_resolution;
  mergeIntoMap(doc, root, presetBody);
  mergeIntoMap(doc, root, { policy_resolution: { default_preset: name } });
  const text = doc.toString({ flowCollectionPadding: false });
  assertValid(parseDocument("policy", text, POLICY_PATH));
  const changed = !exists || text !== original;
  if (changed) await writeFileAtomic(abs, withForm(text, form));
  return { changed, file: POLICY_PATH };
}
