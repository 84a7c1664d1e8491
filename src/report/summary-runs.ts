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
import { elapsedSeconds } from "../domain/duration.js";
import type { GroupResult } from "../domain/sweep-result.js";
import { sweepSection } from "./sweep.js";

export interface SummaryRun {
  runId: string;
  jobId?: string;
  /** The run's status, optionally with the scheduler's state: `failed (TIMEOUT)`. */
  state: string;
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

/** `1h 02m 03s`, `4m 05s`, `7s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p2 = (n: number) => String(n).padStart(2, "0");
  if (d) return `${d}d ${h}h ${p2(m)}m`;
  if (h) return `${h}h ${p2(m)}m ${p2(sec)}s`;
  if (m) return `${m}m ${p2(sec)}s`;
  return `${sec}s`;
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
  const going = stateClass(r.state) === "active";
  return elapsedSeconds(r.startedAt, r.completedAt, going && now !== undefined ? new Date(now) : undefined);
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

function row(r: SummaryRun, v: RunsView, withSweep: boolean): string {
  const d = runDuration(r, v.now);
  const files = [link("manifest", r.manifestPath, v.blobBase), link("log", r.logPath, v.blobBase)].filter(Boolean);
  return `| ${[
    "`" + escapeCell(r.runId).replace(/`/g, "'") + "`",
    ...(withSweep ? [r.sweepId ? "`" + escapeCell(r.sweepId).replace(/`/g, "'") + "`" : "—"] : []),
    r.jobId ? escapeCell(r.jobId) : "—",
    escapeCell(stateBadge(r.state)),
    utcMinute(r.startedAt),
    d !== undefined ? formatDuration(d) : "—",
    escapeCell(metricCell(r)),
    escapeCell(reasonCell(r)),
    r.sync ? escapeCell(r.sync) : "—",
    files.length ? files.join(" · ") : "—",
  ].join(" | ")} |`;
}

const COLUMNS = ["Job", "State", "Started (SLURM, UTC)", "Duration", "Primary metric", "Reason", "Sync", "Files"];

function head(withSweep: boolean): string[] {
  const cols = ["Run", ...(withSweep ? ["Sweep"] : []), ...COLUMNS];
  return [`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`];
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
  const fmt = (x: number) => String(Number(x.toPrecision(6)));
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
  const withSweep = runs.some((r) => r.sweepId);
  return [...head(withSweep), ...runs.map((r) => row(r, v, withSweep))];
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
