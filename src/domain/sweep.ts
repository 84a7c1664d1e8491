/**
 * Sweeps and replicates: which tasks a design asks for, and how they are cut
 * into scheduler arrays. Pure (the launch command, the renderer and the
 * monitor's group result all read it).
 *
 * A design is a sweep when it has a `sweep:` block or `replicates` > 1:
 * - `sweep.grid`: `{name: [values...]}`, the cartesian product, names sorted,
 *   the first name varying slowest;
 * - `sweep.points`: an explicit list of parameter sets;
 * - both: every listed point combined with every grid combination (a name in
 *   both clashes);
 * - `replicates: N` repeats every point N times (replicate index 0..N-1).
 * Task `i` is point `floor(i / N)`, replicate `i % N`. Parameters are scalars
 * (string, number, boolean): they become `--name value` arguments merged over
 * `entrypoint.args`, and `AUTOLAB_PARAMS_JSON`.
 *
 * Every malformed sweep is a problem with its design path (the command turns
 * it into design.yaml line:column): an empty grid or value list, a value that
 * is not a scalar, a name that cannot be an argument, a name in both grid and
 * points, two identical points, and more tasks than the cap.
 */

export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;

export interface SweepProblem {
  jsonPath: string;
  message: string;
  hint?: string;
}

export interface SweepPoint {
  index: number;
  params: Params;
  /** `lr=0.001,batch=32` (the table's and the chart's label). */
  label: string;
}

export interface SweepTask {
  /** 0..K-1 over the whole sweep. */
  index: number;
  point: number;
  replicate: number;
  params: Params;
}

export interface SweepPlan {
  points: SweepPoint[];
  replicates: number;
  tasks: SweepTask[];
  /** `compute.max_concurrent`: most tasks running at once (SLURM's `%N`). */
  maxConcurrent?: number;
}

/** The most tasks one sweep may have unless the policy says otherwise. */
export const DEFAULT_MAX_TASKS = 10_000;

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function isScalar(v: unknown): v is ParamValue {
  return typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

/**
 * The replicate count a design's `replicates` names: a whole number, or the
 * Python tool's `{count, seed_strategy, base_seed}` (its `count`); the raw
 * value otherwise (planSweep reports it).
 */
export function replicateCount(replicates: unknown): unknown {
  return isObject(replicates) && "count" in replicates ? replicates.count : replicates;
}

/** True when the design asks for more than one task (a `sweep:` block or `replicates` > 1). */
export function isSweepDesign(design: { sweep?: unknown; replicates?: unknown }): boolean {
  const n = replicateCount(design.replicates);
  return design.sweep !== undefined || (typeof n === "number" && n > 1);
}

/** `lr=0.001,batch=32`, names in the point's order. */
export function pointLabel(p: Params): string {
  const keys = Object.keys(p);
  return keys.length ? keys.map((k) => `${k}=${String(p[k])}`).join(",") : "(base)";
}

function checkName(name: string, at: string, problems: SweepProblem[]): boolean {
  if (PARAM_NAME.test(name)) return true;
  problems.push({
    jsonPath: at,
    message: `parameter name ${JSON.stringify(name)} cannot be a command-line argument`,
    hint: "use letters, digits, _ . - (starting with a letter or _), at most 64 characters",
  });
  return false;
}

function readGrid(grid: unknown, problems: SweepProblem[]): Array<[string, ParamValue[]]> {
  if (!isObject(grid)) {
    problems.push({
      jsonPath: "/sweep/grid",
      message: "sweep.grid must be a mapping of parameter name to a list of values",
    });
    return [];
  }
  const names = Object.keys(grid).sort();
  if (names.length === 0)
    problems.push({ jsonPath: "/sweep/grid", message: "sweep.grid is empty", hint: "list at least one parameter" });
  const out: Array<[string, ParamValue[]]> = [];
  for (const name of names) {
    const at = `/sweep/grid/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!checkName(name, at, problems)) continue;
    const values = grid[name];
    if (!Array.isArray(values) || values.length === 0) {
      problems.push({
        jsonPath: at,
        message: `sweep.grid.${name} must be a non-empty list of values`,
        hint: "write e.g. `lr: [0.001, 0.01]`",
      });
      continue;
    }
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (!isScalar(v)) {
        problems.push({
          jsonPath: `${at}/${i}`,
          message: `sweep.grid.${name}[${i}] must be a string, number or boolean`,
        });
      } else if (seen.has(JSON.stringify(v))) {
        problems.push({ jsonPath: `${at}/${i}`, message: `sweep.grid.${name} lists ${JSON.stringify(v)} twice` });
      } else seen.add(JSON.stringify(v));
    });
    out.push([name, values.filter(isScalar)]);
  }
  return out;
}

function readPoints(points: unknown, problems: SweepProblem[]): Params[] {
  if (!Array.isArray(points) || points.length === 0) {
    problems.push({ jsonPath: "/sweep/points", message: "sweep.points must be a non-empty list of parameter sets" });
    return [];
  }
  const out: Params[] = [];
  points.forEach((p, i) => {
    const at = `/sweep/points/${i}`;
    if (!isObject(p) || Object.keys(p).length === 0) {
      problems.push({ jsonPath: at, message: `sweep.points[${i}] must be a non-empty mapping of parameter to value` });
      return;
    }
    const params: Params = {};
    for (const [k, v] of Object.entries(p)) {
      if (!checkName(k, `${at}/${k}`, problems)) continue;
      if (!isScalar(v)) {
        problems.push({
          jsonPath: `${at}/${k}`,
          message: `sweep.points[${i}].${k} must be a string, number or boolean`,
        });
        continue;
      }
      params[k] = v;
    }
    out.push(params);
  });
  return out;
}

function product(grid: Array<[string, ParamValue[]]>): Params[] {
  let acc: Params[] = [{}];
  for (const [name, values] of grid) {
    const next: Params[] = [];
    for (const base of acc) for (const v of values) next.push({ ...base, [name]: v });
    acc = next;
  }
  return acc;
}

function canonical(p: Params): string {
  return JSON.stringify(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
}

/** The points of a sweep block (before replicates), with the problems found. */
function readPointsOf(sweep: Record<string, unknown>, problems: SweepProblem[]): Params[] {
  for (const k of Object.keys(sweep))
    if (k !== "grid" && k !== "points")
      problems.push({
        jsonPath: `/sweep/${k}`,
        message: `sweep.${k} is not a sweep key`,
        hint: "use grid and/or points",
      });
  if (sweep.grid === undefined && sweep.points === undefined) {
    problems.push({ jsonPath: "/sweep", message: "sweep needs a grid, a list of points, or both" });
    return [];
  }
  const grid = sweep.grid === undefined ? undefined : readGrid(sweep.grid, problems);
  const listed = sweep.points === undefined ? undefined : readPoints(sweep.points, problems);
  if (grid && listed) {
    const gridNames = new Set(grid.map(([n]) => n));
    listed.forEach((p, i) => {
      for (const k of Object.keys(p))
        if (gridNames.has(k))
          problems.push({
            jsonPath: `/sweep/points/${i}/${k}`,
            message: `parameter ${JSON.stringify(k)} is both in sweep.grid and in sweep.points[${i}]`,
            hint: "a name may vary in the grid or be set per point, not both",
          });
    });
  }
  const combos = grid ? product(grid) : [{}];
  const bases = listed ?? [{}];
  const out: Params[] = [];
  for (const b of bases) for (const c of combos) out.push({ ...b, ...c });
  return out;
}

/**
 * The sweep a design asks for: its points, replicates and tasks; or the
 * problems (each with its design path). `maxTasks` is the policy's cap.
 */
export function planSweep(
  design: { sweep?: unknown; replicates?: unknown; compute?: { max_concurrent?: unknown; [k: string]: unknown } },
  maxTasks: number = DEFAULT_MAX_TASKS,
): { plan?: SweepPlan; problems: SweepProblem[] } {
  const problems: SweepProblem[] = [];
  const replicates = design.replicates === undefined ? 1 : replicateCount(design.replicates);
  if (typeof replicates !== "number" || !Number.isInteger(replicates) || replicates < 1) {
    problems.push({ jsonPath: "/replicates", message: "replicates must be a whole number of at least 1" });
  }
  let params: Params[] = [{}];
  if (design.sweep !== undefined) {
    if (!isObject(design.sweep)) {
      problems.push({ jsonPath: "/sweep", message: "sweep must be a mapping with grid and/or points" });
    } else params = readPointsOf(design.sweep, problems);
  }
  const seen = new Map<string, number>();
  params.forEach((p, i) => {
    const key = canonical(p);
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        jsonPath: design.sweep && isObject(design.sweep) && design.sweep.points ? "/sweep/points" : "/sweep",
        message: `points ${first} and ${i} have the same parameters (${pointLabel(p)})`,
        hint: "each point must differ; use replicates to repeat one",
      });
    else seen.set(key, i);
  });
  const mc = design.compute?.max_concurrent;
  if (mc !== undefined && (typeof mc !== "number" || !Number.isInteger(mc) || mc < 1))
    problems.push({
      jsonPath: "/compute/max_concurrent",
      message: "compute.max_concurrent must be a whole number of at least 1",
    });
  const n = typeof replicates === "number" && replicates >= 1 ? Math.floor(replicates) : 1;
  const total = params.length * n;
  if (total > maxTasks)
    problems.push({
      jsonPath: design.sweep !== undefined ? "/sweep" : "/replicates",
      message: `the sweep has ${total} tasks (${params.length} point(s) x ${n} replicate(s)), more than the ${maxTasks} allowed`,
      hint: "shrink the grid, or raise launch.max_sweep_tasks in .autolab/verifier_policy.yaml",
    });
  if (problems.length) return { problems };
  const points = params.map((p, index) => ({ index, params: p, label: pointLabel(p) }));
  const tasks: SweepTask[] = [];
  for (const pt of points)
    for (let r = 0; r < n; r++) tasks.push({ index: tasks.length, point: pt.index, replicate: r, params: pt.params });
  const plan: SweepPlan = { points, replicates: n, tasks };
  if (typeof mc === "number") plan.maxConcurrent = mc;
  return { plan, problems };
}

/** A slice of the sweep submitted as one array: tasks `offset .. offset+count-1` as array indices `0 .. count-1`. */
export interface ArrayChunk {
  chunk: number;
  offset: number;
  count: number;
}

/**
 * Cut K tasks into arrays of at most `maxPerArray` (the cluster's
 * MaxArraySize, whose largest index is MaxArraySize-1, or the policy's
 * cap, whichever is smaller). Every chunk's indices start at 0.
 */
export function chunkTasks(total: number, maxPerArray: number): ArrayChunk[] {
  const size = Math.max(1, Math.floor(maxPerArray));
  const out: ArrayChunk[] = [];
  for (let offset = 0, chunk = 0; offset < total; offset += size, chunk++)
    out.push({ chunk, offset, count: Math.min(size, total - offset) });
  return out;
}

/** sbatch's `--array` value for a chunk: `0-11%4` (`0` for one task; the throttle only when it limits). */
export function arraySpec(count: number, maxConcurrent?: number): string {
  const range = count === 1 ? "0" : `0-${count - 1}`;
  return maxConcurrent !== undefined && maxConcurrent < count ? `${range}%${maxConcurrent}` : range;
}

/**
 * Run id of a task: `<sweep_id>_<i>` for chunk 0 and `<sweep_id>_c<c>_<i>`
 * for later chunks (i = the index inside its array), so that the scheduler
 * can write each task's logs straight into its run directory with `%a`.
 */
export function taskRunId(sweepId: string, c: ArrayChunk, arrayIndex: number): string {
  return `${chunkRunPrefix(sweepId, c.chunk)}${arrayIndex}`;
}

/** The part of a task run id before its array index. */
export function chunkRunPrefix(sweepId: string, chunk: number): string {
  return chunk === 0 ? `${sweepId}_` : `${sweepId}_c${chunk}_`;
}

/**
 * The job name of a chunk's array (the key that adopts it after a crash):
 * `autolab-<sweep_id>[_c<c>]`, or for a keyed launch `<key's job name>[_c<c>]`
 * (`base`), which any checkout can ask the scheduler for.
 */
export function chunkJobName(sweepId: string, chunk: number, base = `autolab-${sweepId}`): string {
  return chunk === 0 ? base : `${base}_c${chunk}`;
}

/** The entrypoint arguments of a task: the design's, with the point's parameters over them. */
export function taskArgs(base: Record<string, unknown> | undefined, params: Params): Record<string, unknown> {
  return { ...(base ?? {}), ...params };
}

/** `AUTOLAB_PARAMS_JSON`: the point's parameters, keys sorted. */
export function paramsJson(params: Params): string {
  const out: Params = {};
  for (const k of Object.keys(params).sort()) out[k] = params[k];
  return JSON.stringify(out);
}
