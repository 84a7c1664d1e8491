/**
 * Pure parsers of what the SLURM client tools print: `sacct --parsable2`,
 * `squeue -O` (with `|` suffixes), `scontrol show job -o`, `sinfo -o`,
 * version banners, and `sbatch --parsable`. Text in, plain records out; no
 * process is run here (the adapters in probe/submit/query/cancel do that).
 *
 * Facts these parsers rely on were measured on Slurm 22.05 (see
 * ../shared/slurm-dev-cluster.md (beside this repository) and the fixtures in __tests__/fixtures/slurm/):
 * - sacct prints one main row per job (`12`, array task `10_0`, pending array
 *   range `10_[1-2]`) and one row per step (`12.batch`, `12.extern`, `12.0`).
 *   `Start`/`End` are `Unknown` or `None` when not set.
 * - sacct has no restart count in 22.05 (`Restarts` is not a field); squeue
 *   has `RestartCnt` and scontrol `Restarts=`.
 * - squeue's `exit_code` field is the raw wait status (768 = exit 3), not
 *   sacct's `3:0`.
 */

import type { UsageText } from "./usage.js";

/**
 * Environment for every client call: ISO times whatever the user's
 * SLURM_TIME_FORMAT, and long array ranges. `SLURM_CLUSTERS` is removed: it
 * would send every squeue/sacct/scontrol/scancel call to the clusters it
 * names, so a run without a named cluster would be asked (or cancelled) on
 * another cluster. A run's cluster is the manifest's `slurm.cluster`,
 * passed as `-M` to exactly the questions about that run's job.
 */
export const CLIENT_ENV: Readonly<Record<string, string | undefined>> = {
  SLURM_TIME_FORMAT: "standard",
  SLURM_BITSTR_LEN: "65536",
  SLURM_CLUSTERS: undefined,
};

/** `-M <cluster>` for a question about a job on a named cluster, else nothing. */
export function clusterFlag(cluster: string | undefined): string[] {
  return cluster === undefined ? [] : ["-M", cluster];
}

/** Values SLURM prints for "not set". */
const UNSET = new Set(["", "unknown", "none", "n/a", "(null)", "invalid"]);

/** `undefined` for the spellings SLURM uses for "not set", else the trimmed value. */
export function unsetToUndefined(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return UNSET.has(t.toLowerCase()) ? undefined : t;
}

/** Non-empty lines (CR stripped, trailing blanks removed). */
export function contentLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/\r$/, "").trimEnd())
    .filter((l) => l.trim() !== "");
}

// ---------------------------------------------------------------------------
// Job ids

export interface ArrayJobId {
  /** The array's job id (the id sbatch printed). */
  base: string;
  /** One task index (`123_4`). */
  task?: number;
  /** Pending range without brackets or throttle, e.g. `5-9` or `1,3,5-7`. */
  range?: string;
  /** `%N` throttle of a pending range. */
  throttle?: number;
}

/**
 * `123` -> {base}, `123_4` -> {base, task}, `123_[5-9%2]` -> {base, range, throttle}.
 * Undefined for anything else (steps such as `123.batch` are not job ids).
 */
export function parseArrayJobId(id: string): ArrayJobId | undefined {
  const s = id.trim();
  let m = /^(\d+)$/.exec(s);
  if (m) return { base: m[1] };
  m = /^(\d+)_(\d+)$/.exec(s);
  if (m) return { base: m[1], task: Number(m[2]) };
  m = /^(\d+)_\[([0-9,:-]+)(?:%(\d+))?\]$/.exec(s);
  if (m) {
    const out: ArrayJobId = { base: m[1], range: m[2] };
    if (m[3] !== undefined) out.throttle = Number(m[3]);
    return out;
  }
  return undefined;
}

/**
 * Task indices of a range such as `5-9`, `1,3,5-7`, `0-10:2` (throttle
 * `%N` is ignored). Stops after `limit` indices. Undefined when malformed.
 */
export function expandArrayRange(range: string, limit = 1_000_000): number[] | undefined {
  const out: number[] = [];
  const body = range.replace(/^\[|\]$/g, "").replace(/%\d+$/, "");
  if (body === "") return undefined;
  for (const part of body.split(",")) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part);
    if (!m) return undefined;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (hi < lo || step < 1) return undefined;
    for (let i = lo; i <= hi; i += step) {
      out.push(i);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** `12` / `12;cluster` (the last non-empty line of `sbatch --parsable`). */
export function parseSbatchParsable(stdout: string): { jobId: string; cluster?: string } | undefined {
  const lines = contentLines(stdout);
  const last = lines[lines.length - 1]?.trim();
  if (!last) return undefined;
  const m = /^(\d+)(?:;(\S+))?$/.exec(last);
  if (!m) return undefined;
  return m[2] !== undefined ? { jobId: m[1], cluster: m[2] } : { jobId: m[1] };
}

/** Raw wait status (squeue `exit_code`) -> sacct's `exit:signal` form. */
export function waitStatusToExitCode(status: number): string {
  const signal = status & 0x7f;
  const code = (status >> 8) & 0xff;
  return `${code}:${signal}`;
}

/** `3:0` -> {code: 3, signal: 0}; undefined when not of that form. */
export function parseExitCode(v: string | undefined): { code: number; signal: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+):(\d+)$/.exec(v.trim());
  return m ? { code: Number(m[1]), signal: Number(m[2]) } : undefined;
}

// ---------------------------------------------------------------------------
// Rows common to sacct, squeue and scontrol

/** One job (or array task, or pending array range, or step) as a tool printed it. */
export interface JobRow {
  /** As printed: `12`, `10_0`, `10_[1-2]`, `12.batch`. */
  jobId: string;
  /** Numeric id of this record (`JobIDRaw`, squeue `JobID`, scontrol `JobId`). */
  jobIdRaw?: string;
  /** The job (or array) id this row belongs to: `12` for `12.batch`, `10` for `10_0`. */
  base: string;
  /** Array task index, when the row is one task. */
  task?: number;
  /** Pending array range (`1-2`), when the row stands for several tasks. */
  range?: string;
  /** Step name (`batch`, `extern`, `0`) for step rows. */
  step?: string;
  name?: string;
  state: string;
  reason?: string;
  exitCode?: string;
  start?: string;
  end?: string;
  elapsed?: string;
  nodeList?: string;
  restarts?: number;
  /** SLURM's Submit time. */
  submit?: string;
  /** A pending job's expected start (squeue's StartTime; scontrol's StartTime while pending). */
  expectedStart?: string;
  /** The accounting text of this row (sacct): folded into the job's usage by query.ts. */
  usage?: UsageText;
}

function splitJobAndStep(id: string): { job: string; step?: string } {
  const dot = id.indexOf(".");
  return dot < 0 ? { job: id } : { job: id.slice(0, dot), step: id.slice(dot + 1) };
}

function identify(idText: string): Pick<JobRow, "jobId" | "base" | "task" | "range" | "step"> | undefined {
  const { job, step } = splitJobAndStep(idText.trim());
  // Heterogeneous job components (`12+0`) are reported under their leader.
  const plain = job.replace(/\+\d+$/, "");
  const a = parseArrayJobId(plain);
  if (!a) return undefined;
  const row: Pick<JobRow, "jobId" | "base" | "task" | "range" | "step"> = { jobId: idText.trim(), base: a.base };
  if (a.task !== undefined) row.task = a.task;
  if (a.range !== undefined) row.range = a.throttle !== undefined ? `${a.range}%${a.throttle}` : a.range;
  if (step !== undefined) row.step = step;
  return row;
}

function setIf<K extends keyof JobRow>(row: JobRow, key: K, v: JobRow[K] | undefined): void {
  if (v !== undefined) row[key] = v;
}

// ---------------------------------------------------------------------------
// sacct

/**
 * Fields asked of sacct, in order (one call gives the job rows and their step
 * rows: MaxRSS and TRESUsageInTot are on the steps). JobName is last: it is
 * the only free text and may contain `|`.
 */
export const SACCT_FIELDS = [
  "JobID",
  "JobIDRaw",
  "State",
  "ExitCode",
  "Reason",
  "Start",
  "End",
  "Elapsed",
  "NodeList",
  "Submit",
  "Timelimit",
  "AllocCPUS",
  "TotalCPU",
  "ReqMem",
  "NNodes",
  "MaxRSS",
  "AllocTRES",
  "TRESUsageInTot",
  "JobName",
] as const;

/** sacct fields -> the UsageText key they fill. */
const USAGE_FIELDS: Readonly<Record<string, keyof UsageText>> = {
  Timelimit: "timelimit",
  AllocCPUS: "allocCpus",
  TotalCPU: "totalCpu",
  ReqMem: "reqMem",
  NNodes: "nnodes",
  MaxRSS: "maxRss",
  AllocTRES: "allocTres",
  TRESUsageInTot: "tresUsage",
  Elapsed: "elapsed",
};

/**
 * Rows of `sacct --parsable2 --noheader --format=<fields>` (default
 * SACCT_FIELDS; a recorded answer passes the format it was asked with; the
 * last field is the free-text one). Lines that are not job rows are skipped.
 */
export function parseSacct(text: string, fields: readonly string[] = SACCT_FIELDS): JobRow[] {
  const rows: JobRow[] = [];
  const n = fields.length;
  const at = (name: string) => fields.indexOf(name);
  const iId = at("JobID");
  const iState = at("State");
  for (const line of contentLines(text)) {
    const parts = line.split("|");
    if (parts.length < n) continue;
    const f = [...parts.slice(0, n - 1), parts.slice(n - 1).join("|")];
    const id = identify(f[iId]);
    if (!id) continue;
    const get = (name: string) => (at(name) < 0 ? undefined : f[at(name)]);
    const row: JobRow = { ...id, state: (f[iState] ?? "").trim() };
    setIf(row, "jobIdRaw", unsetToUndefined(get("JobIDRaw")));
    setIf(row, "exitCode", unsetToUndefined(get("ExitCode")));
    setIf(row, "reason", unsetToUndefined(get("Reason")));
    setIf(row, "start", unsetToUndefined(get("Start")));
    setIf(row, "end", unsetToUndefined(get("End")));
    setIf(row, "elapsed", unsetToUndefined(get("Elapsed")));
    setIf(row, "submit", unsetToUndefined(get("Submit")));
    const nodes = unsetToUndefined(get("NodeList"));
    if (nodes !== undefined && nodes !== "None assigned") row.nodeList = nodes;
    const name = get("JobName");
    setIf(row, "name", name === "" ? undefined : name);
    const usage: UsageText = {};
    for (const [field, key] of Object.entries(USAGE_FIELDS)) {
      const v = unsetToUndefined(get(field));
      if (v !== undefined) usage[key] = v;
    }
    if (Object.keys(usage).length) row.usage = usage;
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------
// squeue

/** Fields asked of squeue (`-O`), in order; `:0` = no padding, `|` = separator. Name is last (free text). */
export const SQUEUE_FIELDS = [
  "JobArrayID",
  "JobID",
  "State",
  "Reason",
  "exit_code",
  "RestartCnt",
  "NodeList",
  "StartTime",
  "EndTime",
  "TimeUsed",
  "SubmitTime",
  "Name",
] as const;

/** The `--Format` argument for SQUEUE_FIELDS. */
export function squeueFormatArg(): string {
  return SQUEUE_FIELDS.map((f, i) => (i === SQUEUE_FIELDS.length - 1 ? `${f}:0` : `${f}:0|`)).join(",");
}

/** Rows of `squeue --noheader -O <squeueFormatArg()>` (a recorded answer passes the fields it was asked with). */
export function parseSqueue(text: string, fields: readonly string[] = SQUEUE_FIELDS): JobRow[] {
  const rows: JobRow[] = [];
  const n = fields.length;
  const at = (name: string) => fields.indexOf(name);
  for (const line of contentLines(text)) {
    const parts = line.split("|");
    if (parts.length < n) continue;
    const f = [...parts.slice(0, n - 1), parts.slice(n - 1).join("|")];
    const get = (name: string) => (at(name) < 0 ? undefined : f[at(name)]);
    const id = identify(get("JobArrayID") ?? "");
    if (!id) continue;
    const state = (get("State") ?? "").trim();
    const row: JobRow = { ...id, state };
    setIf(row, "jobIdRaw", unsetToUndefined(get("JobID")));
    setIf(row, "reason", unsetToUndefined(get("Reason")));
    const code = (get("exit_code") ?? "").trim();
    const status = /^\d+$/.test(code) ? Number(code) : undefined;
    // A pending job has no exit status yet (squeue prints 0): do not claim 0:0.
    if (status !== undefined && state !== "PENDING") row.exitCode = waitStatusToExitCode(status);
    const restarts = (get("RestartCnt") ?? "").trim();
    if (/^\d+$/.test(restarts)) row.restarts = Number(restarts);
    setIf(row, "nodeList", unsetToUndefined(get("NodeList")));
    // For a pending job squeue's StartTime is an estimate, not a fact (`squeue --start` prints the same).
    if (state !== "PENDING") setIf(row, "start", unsetToUndefined(get("StartTime")));
    else setIf(row, "expectedStart", unsetToUndefined(get("StartTime")));
    setIf(row, "end", unsetToUndefined(get("EndTime")));
    setIf(row, "elapsed", unsetToUndefined(get("TimeUsed")));
    setIf(row, "submit", unsetToUndefined(get("SubmitTime")));
    const name = get("Name");
    setIf(row, "name", name === "" ? undefined : name);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------
// scontrol

/**
 * `Key=value` pairs of one `scontrol show job -o` line. A token without `=`
 * continues the previous value (names and paths may contain spaces).
 */
export function parseScontrolLine(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const tok of line.trim().split(/ +/)) {
    const m = /^([A-Za-z][A-Za-z0-9_:/]*)=(.*)$/.exec(tok);
    if (m && !(m[1] in out)) {
      out[m[1]] = m[2];
      last = m[1];
    } else if (last !== undefined) {
      out[last] += " " + tok;
    }
  }
  return out;
}

/** Rows of `scontrol show job -o` (one line per job; "No jobs in the system" gives none). */
export function parseScontrolJobs(text: string): JobRow[] {
  const rows: JobRow[] = [];
  for (const line of contentLines(text)) {
    if (!/^\s*JobId=/.test(line)) continue;
    const kv = parseScontrolLine(line);
    const raw = kv.JobId?.trim();
    if (!raw || !/^\d+$/.test(raw)) continue;
    let jobId = raw;
    const arrayJob = unsetToUndefined(kv.ArrayJobId);
    const arrayTask = unsetToUndefined(kv.ArrayTaskId);
    if (arrayJob && arrayTask)
      jobId = /^\d+$/.test(arrayTask) ? `${arrayJob}_${arrayTask}` : `${arrayJob}_[${arrayTask}]`;
    const id = identify(jobId);
    if (!id) continue;
    const state = (kv.JobState ?? "").trim();
    const row: JobRow = { ...id, jobIdRaw: raw, state };
    setIf(row, "name", kv.JobName);
    const reason = unsetToUndefined(kv.Reason);
    // scontrol writes the reason with `_` for blanks (`ReqNodeNotAvail,_UnavailableNodes:x`).
    setIf(row, "reason", reason?.replace(/_/g, " "));
    if (state !== "PENDING") setIf(row, "exitCode", unsetToUndefined(kv.ExitCode));
    if (kv.Restarts !== undefined && /^\d+$/.test(kv.Restarts)) row.restarts = Number(kv.Restarts);
    if (state !== "PENDING") setIf(row, "start", unsetToUndefined(kv.StartTime));
    else setIf(row, "expectedStart", unsetToUndefined(kv.StartTime));
    setIf(row, "submit", unsetToUndefined(kv.SubmitTime));
    setIf(row, "end", unsetToUndefined(kv.EndTime));
    setIf(row, "elapsed", unsetToUndefined(kv.RunTime));
    setIf(row, "nodeList", unsetToUndefined(kv.NodeList));
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------
// sinfo and versions

export interface PartitionInfo {
  name: string;
  default: boolean;
  /** `up`, `down`, `drain`, `inact`. */
  availability?: string;
  /** Time limit as sinfo prints it (`infinite`, `10:00`, `1-00:00:00`). */
  maxTime?: string;
  /** Job size in nodes (`1-infinite`). */
  maxNodes?: string;
  /** Node states seen (`idle`, `mixed`, ...), comma-joined. */
  state?: string;
  /** Number of nodes. */
  nodes?: string;
  /** CPUs per node (`2`, `4+` when they differ). */
  cpus?: string;
  /** Memory per node in MB. */
  memory?: string;
}

/** The `-o` argument for parseSinfoPartitions. */
export const SINFO_FORMAT = "%P|%a|%l|%s|%D|%c|%m|%T";

/** Rows of `sinfo --noheader -o SINFO_FORMAT`, merged per partition (sinfo splits by node state). */
export function parseSinfoPartitions(text: string): PartitionInfo[] {
  const byName = new Map<string, PartitionInfo>();
  for (const line of contentLines(text)) {
    const f = line.split("|").map((s) => s.trim());
    if (f.length < 8 || !f[0]) continue;
    const isDefault = f[0].endsWith("*");
    const name = isDefault ? f[0].slice(0, -1) : f[0];
    const prev = byName.get(name);
    if (!prev) {
      const p: PartitionInfo = { name, default: isDefault };
      if (f[1]) p.availability = f[1];
      if (f[2]) p.maxTime = f[2];
      if (f[3]) p.maxNodes = f[3];
      if (f[4]) p.nodes = f[4];
      if (f[5]) p.cpus = f[5];
      if (f[6]) p.memory = f[6];
      if (f[7]) p.state = f[7];
      byName.set(name, p);
      continue;
    }
    prev.default ||= isDefault;
    if (/^\d+$/.test(f[4]) && /^\d+$/.test(prev.nodes ?? "")) prev.nodes = String(Number(prev.nodes) + Number(f[4]));
    const join = (a: string | undefined, b: string) => {
      if (!b) return a;
      const set = new Set((a ?? "").split(",").filter(Boolean));
      set.add(b);
      return [...set].join(",");
    };
    prev.state = join(prev.state, f[7]);
    prev.cpus = join(prev.cpus, f[5]);
    prev.memory = join(prev.memory, f[6]);
  }
  return [...byName.values()];
}

/** `slurm-wlm 22.05.8` / `slurm 23.11.1` -> `22.05.8`; undefined when no version is visible. */
export function parseSlurmVersion(text: string): string | undefined {
  const m = /\bslurm(?:-wlm)?\s+(\d+\.\d+(?:\.\d+)?\S*)/i.exec(text);
  return m ? m[1] : undefined;
}

// ---------------------------------------------------------------------------
// Failure texts

/** How a failed sacct call should be read. */
export type AccountingFailure = "disabled" | "down";

/**
 * `disabled` when the site runs without accounting storage (a lasting
 * configuration: fall back to the controller for good); `down` for anything
 * else (slurmdbd or its database unreachable, timeouts): a passing outage.
 */
export function classifySacctFailure(stderr: string): AccountingFailure {
  if (/accounting storage is disabled/i.test(stderr)) return "disabled";
  if (/jobcomp\/none|not using accounting storage|No accounting storage/i.test(stderr)) return "disabled";
  return "down";
}

/** squeue's answer for a job id the controller does not know (only with a single id in `--jobs`). */
export function isInvalidJobIdMessage(stderr: string): boolean {
  return /Invalid job id specified/i.test(stderr);
}
