/**
 * The runs part of the job summary (report/summary.ts renders the rest):
 * per-state counts, one section per iteration (and per sweep inside it, when
 * the manifests name one), active and failed runs first, finished runs
 * folded in `<details>` once a group has more than `FOLD_AFTER` runs, links
 * to each run's manifest and log, and a Mermaid chart of the primary metric
 * across the group's runs. Pure.
 *
 * A run's state is classified by its first word (`failed (TIMEOUT)` is
 * failed); its times are SLURM's start and end (the faces pass them), and the
 * metric and reason cells are never empty: they say why there is no value.
 */
import { formatDuration, jobSpans } from "../domain/duration.js";

export { formatDuration };
import type { GroupResult } from "../domain/sweep-result.js";
import { sweepSection } from "./sweep.js";
import { mermaidNumber } from "./common.js";

export interface SummaryRun {
  runId: string;
  jobId?: string;
  /** The named cluster the job runs on (multi-cluster sites). */
  cluster?: string;
  /** The run's status, optionally with the scheduler's state: `failed (TIMEOUT)`. */
  state: string;
  /** SLURM's submit time of the job (its queue wait runs from here to startedAt). */
  submittedAt?: string;
  /** A waiting job's expected start (SLURM's estimate). */
  expectedStart?: string;
  /** SLURM's start of the job (a local run: its start), not the launch. */
  startedAt?: string;
  /** SLURM's end of the job. */
  completedAt?: string;
  durationSeconds?: number;
  sync?: string;
  primaryMetric?: { name: string; value: number | null };
  /** The metrics' own status (`ok`, `partial`, `failed`), when extracted. */
  metricsStatus?: string;
  iterationId?: string;
  sweepId?: string;
  /** Why the run is where it is: its failure reason, or the scheduler's pending reason. */
  reason?: string;
  /** The efficiency figures in one line (report/job-usage.ts), once the job ended. */
  efficiency?: string;
  /** Right-sizing hints the monitor recorded. */
  hints?: string[];
  /** Repository-relative paths, for links. */
  manifestPath?: string;
  logPath?: string;
}

/** A group with more runs than this folds its finished runs into `<details>`. */
export const FOLD_AFTER = 10;
/** Runs drawn in one metric chart at most (the most recent). */
export const MAX_CHART_RUNS = 60;
const MAX_CELL = 300;

export type StateClass = "failed" | "active" | "queued" | "partial" | "done" | "other";

/**
 * The state's first word, lower case: `failed (TIMEOUT)` -> `failed`,
 * `running (RUNNING)` -> `running`. Every colour and "still going" rule reads this.
 */
export function stateWord(state: string): string {
  return state.trim().toLowerCase().split(/[\s(]/)[0] ?? "";
}

export function stateClass(state: string): StateClass {
  const s = stateWord(state);
  if (s === "failed" || s === "timeout" || s === "timed_out" || s === "cancelled") return "failed";
  if (s === "running" || s === "syncing" || s === "synced") return "active";
  if (s === "pending" || s === "submitted" || s === "queued") return "queued";
  if (s === "partial") return "partial";
  if (s === "completed") return "done";
  return "other";
}

const ICON: Record<StateClass, string> = {
  failed: "🔴",
  active: "🔵",
  queued: "⚪",
  partial: "🟡",
  done: "🟢",
  other: "⚫",
};
/** Order of a group's rows: what needs attention first. */
const RANK: Record<StateClass, number> = { failed: 0, active: 1, queued: 2, partial: 3, other: 4, done: 5 };

/** The coloured state: a dot by its class, then the words. */
export function stateBadge(state: string): string {
  return `${ICON[stateClass(state)]} ${state}`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Text safe inside a markdown table cell: no line breaks, `|` escaped, no raw HTML. */
export function escapeCell(s: string): string {
  return clip(s, MAX_CELL)
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|");
}

function metricValue(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

/** The metric cell: the value, or why there is none. */
export function metricCell(r: Pick<SummaryRun, "primaryMetric" | "state" | "metricsStatus">): string {
  const m = r.primaryMetric;
  if (m && m.value !== null && Number.isFinite(m.value)) {
    return `${m.name} = ${metricValue(m.value)}${r.metricsStatus && r.metricsStatus !== "ok" ? ` (${r.metricsStatus})` : ""}`;
  }
  if (m) return `${m.name}: no value${r.metricsStatus ? ` (metrics ${r.metricsStatus})` : ""}`;
  const c = stateClass(r.state);
  if (c === "queued" || c === "active") return "not yet (run not finished)";
  if (c === "failed") return "none (run failed)";
  return "not extracted";
}

/** The reason cell: the failure reason, the scheduler's reason, or what the run is doing. */
export function reasonCell(r: Pick<SummaryRun, "reason" | "state">): string {
  if (r.reason && r.reason !== "None") return r.reason;
  const c = stateClass(r.state);
  if (c === "queued") return "waiting for the scheduler";
  if (c === "active") return stateWord(r.state) === "running" ? "running" : "syncing outputs";
  if (c === "failed") return "not recorded";
  if (c === "done") return "finished";
  return "—";
}

function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Known duration, or SLURM's start to its end (a run still going: until `now`). */
export function runDuration(r: SummaryRun, now: number | undefined): number | undefined {
  if (r.durationSeconds !== undefined && Number.isFinite(r.durationSeconds)) return r.durationSeconds;
  return spansOf(r, now).runSeconds;
}

/** SLURM's queue wait (submit to start; a job still waiting: until `now`). */
export function queueWait(r: SummaryRun, now: number | undefined): number | undefined {
  return spansOf(r, now).queuedSeconds;
}

function spansOf(r: SummaryRun, now: number | undefined) {
  const c = stateClass(r.state);
  return jobSpans(
    { submit: r.submittedAt, start: r.startedAt, end: r.completedAt, going: c === "active" || c === "queued" },
    now !== undefined ? new Date(now) : undefined,
  );
}

function utcMinute(s: string | undefined): string {
  const t = parseTime(s);
  return t === undefined ? "—" : new Date(t).toISOString().slice(0, 16).replace("T", " ");
}

/** Options of the runs section. */
export interface RunsView {
  now?: number;
  /** Sweeps' group results (mean ± sd or median per point, the best point, the chart), by sweep id. */
  groups?: ReadonlyMap<string, GroupResult>;
  /** URL prefix of files on the commit, e.g. `https://github.com/o/r/blob/<sha>/`. */
  blobBase?: string;
}

function link(label: string, rel: string | undefined, base: string | undefined): string | undefined {
  if (!rel) return undefined;
  if (!base) return "`" + escapeCell(rel).replace(/`/g, "'") + "`";
  const url = base + rel.split("/").map(encodeURIComponent).join("/");
  return `[${label}](${url.replace(/\)/g, "%29")})`;
}

/** The optional columns of one table: shown only when some run of it has the value. */
interface Cols {
  sweep: boolean;
  queued: boolean;
  efficiency: boolean;
}

/** A job id as every report shows it: `123`, or `123 (cluster)` for a job on a named cluster. */
export function jobCell(jobId: string, cluster: string | undefined): string {
  return cluster ? `${jobId} (${cluster})` : jobId;
}

function row(r: SummaryRun, v: RunsView, c: Cols): string {
  const d = runDuration(r, v.now);
  const q = queueWait(r, v.now);
  const files = [link("manifest", r.manifestPath, v.blobBase), link("log", r.logPath, v.blobBase)].filter(Boolean);
  const expected =
    r.expectedStart && stateClass(r.state) === "queued" ? `; expected start ${utcMinute(r.expectedStart)} UTC` : "";
  return `| ${[
    "`" + escapeCell(r.runId).replace(/`/g, "'") + "`",
    ...(c.sweep ? [r.sweepId ? "`" + escapeCell(r.sweepId).replace(/`/g, "'") + "`" : "—"] : []),
    r.jobId ? escapeCell(jobCell(r.jobId, r.cluster)) : "—",
    escapeCell(stateBadge(r.state)),
    utcMinute(r.startedAt),
    ...(c.queued ? [q !== undefined ? formatDuration(q) : "—"] : []),
    d !== undefined ? formatDuration(d) : "—",
    escapeCell(metricCell(r)),
    ...(c.efficiency ? [r.efficiency ? escapeCell(r.efficiency + (r.hints?.length ? " ⚠" : "")) : "—"] : []),
    escapeCell(reasonCell(r) + expected),
    r.sync ? escapeCell(r.sync) : "—",
    files.length ? files.join(" · ") : "—",
  ].join(" | ")} |`;
}

function head(c: Cols): string[] {
  const cols = [
    "Run",
    ...(c.sweep ? ["Sweep"] : []),
    "Job",
    "State",
    "Started (SLURM, UTC)",
    ...(c.queued ? ["Queued (SLURM)"] : []),
    "Duration",
    "Primary metric",
    ...(c.efficiency ? ["Efficiency"] : []),
    "Reason",
    "Sync",
    "Files",
  ];
  return [`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`];
}

/** Hints listed under a group's table at most (the rest counted). */
const MAX_HINT_RUNS = 20;

/** The right-sizing hints of a group's runs, one line per run. */
function hintLines(runs: readonly SummaryRun[]): string[] {
  const withHints = runs.filter((r) => r.hints?.length);
  if (!withHints.length) return [];
  const out = ["**Right-sizing** (⚠: a run used under the policy's share of what it asked for):", ""];
  for (const r of withHints.slice(0, MAX_HINT_RUNS))
    out.push(`- \`${escapeCell(r.runId).replace(/`/g, "'")}\`: ${r.hints!.map(escapeCell).join("; ")}`);
  if (withHints.length > MAX_HINT_RUNS) out.push(`- …and ${withHints.length - MAX_HINT_RUNS} more run(s) with hints`);
  return [...out, ""];
}

/** `🔴 2 failed · 🔵 1 running …` for a set of runs. */
export function stateCounts(runs: readonly SummaryRun[]): string {
  const counts = new Map<string, { n: number; cls: StateClass }>();
  for (const r of runs) {
    const w = stateWord(r.state) || "unknown";
    const c = counts.get(w) ?? { n: 0, cls: stateClass(r.state) };
    c.n++;
    counts.set(w, c);
  }
  return [...counts]
    .sort(([a, x], [b, y]) => RANK[x.cls] - RANK[y.cls] || a.localeCompare(b))
    .map(([w, c]) => `${ICON[c.cls]} ${c.n} ${w}`)
    .join(" · ");
}

/** Runs in the order a reader needs them: failed, active, queued, …, finished; newest first within each. */
export function attentionOrder(runs: readonly SummaryRun[]): SummaryRun[] {
  return [...runs].sort(
    (a, b) =>
      RANK[stateClass(a.state)] - RANK[stateClass(b.state)] ||
      (b.startedAt ?? "").localeCompare(a.startedAt ?? "") ||
      b.runId.localeCompare(a.runId),
  );
}

/** A label Mermaid accepts inside quotes. */
function chartLabel(s: string): string {
  return clip(s.replace(/["\\`<>{}[\];:#\r\n]/g, " ").trim() || "run", 40);
}

/** The Mermaid chart of the primary metric across a group's runs (launch order), or nothing. */
export function metricChart(title: string, runs: readonly SummaryRun[]): string[] {
  const withValue = runs
    .filter((r) => r.primaryMetric && r.primaryMetric.value !== null && Number.isFinite(r.primaryMetric.value))
    .sort((a, b) => a.runId.localeCompare(b.runId));
  if (withValue.length < 2) return [];
  const names = new Set(withValue.map((r) => r.primaryMetric!.name));
  const name = [...names][0];
  const shown = withValue.filter((r) => r.primaryMetric!.name === name).slice(-MAX_CHART_RUNS);
  const values = shown.map((r) => r.primaryMetric!.value as number);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : (hi - lo) * 0.1;
  const fmt = mermaidNumber;
  const lines = [
    "```mermaid",
    "xychart-beta",
    `    title "${chartLabel(`${name} across ${title}`)}"`,
    // Runs by the random part of their id (launch order left to right): short, unique enough to find in the table.
    `    x-axis [${shown.map((r) => `"${chartLabel(r.runId.replace(/^.*_/, ""))}"`).join(", ")}]`,
    `    y-axis "${chartLabel(name)}" ${fmt(lo - pad)} --> ${fmt(hi + pad)}`,
    `    line [${values.map(fmt).join(", ")}]`,
    "```",
  ];
  const notes: string[] = [];
  if (names.size > 1) notes.push(`_Only \`${chartLabel(name)}\` is charted; the runs name ${names.size} metrics._`);
  if (withValue.length > shown.length) notes.push(`_The chart shows the last ${shown.length} runs with a value._`);
  return [...lines, ...(notes.length ? ["", ...notes] : [])];
}

function table(runs: readonly SummaryRun[], v: RunsView): string[] {
  const c: Cols = {
    sweep: runs.some((r) => r.sweepId),
    queued: runs.some((r) => r.submittedAt),
    efficiency: runs.some((r) => r.efficiency),
  };
  return [...head(c), ...runs.map((r) => row(r, v, c))];
}

/** One group: counts, the runs needing attention, the finished folded past the threshold, the chart. */
function groupSection(heading: string, title: string, runs: SummaryRun[], v: RunsView): string[] {
  const ordered = attentionOrder(runs);
  const out = [`${heading} (${runs.length}): ${stateCounts(runs)}`, ""];
  if (runs.length <= FOLD_AFTER) out.push(...table(ordered, v), "");
  else {
    const open = ordered.filter((r) => stateClass(r.state) !== "done");
    const done = ordered.filter((r) => stateClass(r.state) === "done");
    if (open.length) out.push(...table(open, v), "");
    if (done.length) {
      out.push(
        `<details><summary>${done.length} finished run(s)</summary>`,
        "",
        ...table(done, v),
        "",
        "</details>",
        "",
      );
    }
  }
  out.push(...hintLines(ordered));
  const chart = metricChart(title, runs);
  if (chart.length) out.push(...chart, "");
  return out;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(x);
  }
  return m;
}

/** Every group's section: iterations with their most urgent run first; sweeps inside an iteration. */
export function runsSections(runs: readonly SummaryRun[], v: RunsView): string[] {
  const out = [`**${runs.length} run(s):** ${stateCounts(runs)}`, ""];
  const urgency = (rs: SummaryRun[]) => Math.min(...rs.map((r) => RANK[stateClass(r.state)]));
  const iterations = [...groupBy(runs, (r) => r.iterationId ?? "")].sort(
    ([a, x], [b, y]) => urgency(x) - urgency(y) || a.localeCompare(b),
  );
  for (const [it, inIt] of iterations) {
    const itName = it ? `\`${escapeCell(it).replace(/`/g, "'")}\`` : "(no iteration)";
    const sweeps = groupBy(inIt, (r) => r.sweepId ?? "");
    // A small iteration is one table (with a Sweep column); a big one gets a section per sweep.
    if (inIt.length <= FOLD_AFTER || sweeps.size === 1) {
      out.push(...groupSection(`#### Iteration ${itName}`, it || "runs", inIt, v));
      for (const sw of [...sweeps.keys()].sort()) out.push(...groupResultSection(sw, v));
      continue;
    }
    out.push(`#### Iteration ${itName} (${inIt.length}): ${stateCounts(inIt)}`, "");
    for (const [sw, inSweep] of [...sweeps].sort(([a], [b]) => a.localeCompare(b))) {
      const swName = sw ? `sweep \`${escapeCell(sw).replace(/`/g, "'")}\`` : "runs outside a sweep";
      out.push(...groupSection(`##### ${swName}`, sw || it || "runs", inSweep, v), ...groupResultSection(sw, v));
    }
  }
  return out;
}

/** A sweep's group result under its runs (nothing when the view has none for it). */
function groupResultSection(sweepId: string, v: RunsView): string[] {
  const g = sweepId ? v.groups?.get(sweepId) : undefined;
  if (!g) return [];
  return [sweepSection(`\`${escapeCell(sweepId).replace(/`/g, "'")}\`: group result`, g, 5), ""];
}
