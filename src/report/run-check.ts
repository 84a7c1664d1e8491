/**
 * What the check run of one experiment run says, from its manifest (and its
 * metrics) as they are on the branch: pure, data in, a check-run body out.
 * github/run-checks.ts posts it; the fingerprint says whether what GitHub
 * shows is still what the manifest says (check-run drift, issue 10 item 12).
 *
 * Rules:
 * - status: `queued` until SLURM started the job (pending, submitted),
 *   `in_progress` while it runs or its outputs are synced but not extracted,
 *   `completed` once the run is completed, failed or partial;
 * - conclusion (one rule, `conclusionForRun`): completed -> `success`, or
 *   `failure` when its metrics say failed; partial -> `neutral`; failed ->
 *   `timed_out` / `cancelled` / `failure` by its failure reason;
 * - `started_at` / `completed_at` are SLURM's start and end of the job
 *   (`slurm.start`, `slurm.end`), never the tick's clock; a local run's are
 *   its launch and completion times;
 * - the summary holds the facts (job, states, SLURM times, the primary
 *   metric, the efficiency figures and right-sizing hints when the manifest
 *   has them, the failure reason; SLURM's submit time, a waiting job's
 *   expected start, the queue wait and run time once each is over); the text
 *   holds the log tail of a failed run;
 * - `details_url`: the run's directory on the launch commit.
 */
import type { RunManifest } from "../contract/types.js";
import { failureReasonOf, manifestCluster, manifestJobId, statusOf, sweepIdOf } from "../domain/run.js";
import { formatDuration } from "../domain/duration.js";
import { efficiencyHints, efficiencyLine, efficiencyOfManifest, jobTimesOf } from "./job-usage.js";
import { clip, clipStart, LOG_TAIL_CHARS, OUTPUT_TEXT_LIMIT, TITLE_LIMIT, type CheckConclusion } from "./checks.js";

/** The parts of metrics.json a report shows. */
export interface MetricsFacts {
  status?: string;
  primary?: { name: string; value: number | null };
}

export interface RunCheckInput {
  manifest: RunManifest;
  /** Repository-relative path of run_manifest.json. */
  manifestPath: string;
  metrics?: MetricsFacts;
  /** A failed run's log tail (only known in the tick that saw it fail). */
  logTail?: string;
}

export interface RunCheckBody {
  name: string;
  external_id: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: CheckConclusion;
  started_at?: string;
  completed_at?: string;
  title: string;
  summary: string;
  text?: string;
}

/** The check run name for an experiment run. */
export function runCheckName(runId: string): string {
  return `autolab run ${runId}`;
}

/** The run's directory on the launch commit, on GitHub. */
export function runDetailsUrl(o: {
  serverUrl: string;
  owner: string;
  repo: string;
  sha: string;
  manifestPath: string;
}): string {
  const dir = o.manifestPath.replace(/\\/g, "/").replace(/\/[^/]*$/, "");
  const enc = dir.split("/").map(encodeURIComponent).join("/");
  return `${o.serverUrl.replace(/\/+$/, "")}/${o.owner}/${o.repo}/tree/${o.sha}/${enc}`;
}

/**
 * A time as GitHub wants it (ISO 8601 with a zone), or undefined. SLURM
 * prints its times without a zone, in the local time of the host that asked
 * (the tool asks on this host): they are read as local time.
 */
export function isoUtc(s: unknown): string | undefined {
  if (typeof s !== "string" || !s.trim() || /^(unknown|none|n\/a)$/i.test(s.trim())) return undefined;
  const t = Date.parse(s.trim());
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The conclusion of a run's check run; undefined while the run is not finished. */
export function conclusionForRun(r: {
  after: string;
  metricsStatus?: string;
  failureReason?: string;
}): CheckConclusion | undefined {
  if (r.after === "completed") return r.metricsStatus === "failed" ? "failure" : "success";
  if (r.after === "partial") return "neutral";
  if (r.after !== "failed") return undefined;
  if (r.failureReason === "timeout") return "timed_out";
  if (r.failureReason === "cancelled") return "cancelled";
  return "failure";
}

/** SLURM's start and end of the job (a local run: launch and completion). */
export function runTimes(m: RunManifest): { start?: string; end?: string } {
  if (m.host_mode === "local") {
    return {
      start: isoUtc(m.timestamps?.started_at ?? m.started_at),
      end: isoUtc(m.timestamps?.completed_at ?? m.completed_at),
    };
  }
  return { start: isoUtc(m.slurm?.start), end: isoUtc(m.slurm?.end) };
}

/** `val_loss = 0.1235`, `val_loss = —` (no value), or undefined (no metric). */
export function metricText(p: MetricsFacts["primary"]): string | undefined {
  if (!p || typeof p.name !== "string") return undefined;
  if (p.value === null || typeof p.value !== "number" || !Number.isFinite(p.value)) return `${p.name} = —`;
  const v = Number.isInteger(p.value) ? String(p.value) : String(Number(p.value.toPrecision(6)));
  return `${p.name} = ${v}`;
}

/**
 * The efficiency figures the manifest carries (`efficiency`: written by the
 * monitor from SLURM's accounting when the job ended, domain/efficiency.ts),
 * in one line; never computed here.
 */
export function efficiencyText(m: RunManifest): string | undefined {
  return efficiencyLine(efficiencyOfManifest(m));
}

function cell(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
}

/** The check run of one run, from its manifest as it is on the branch. */
export function runCheckOf(i: RunCheckInput): RunCheckBody {
  const m = i.manifest;
  const status = statusOf(m);
  const failureReason = status === "failed" ? (failureReasonOf(m) ?? str(m.slurm?.failure_reason)) : undefined;
  const conclusion = conclusionForRun({ after: status, metricsStatus: i.metrics?.status, failureReason });
  const times = runTimes(m);
  const jobId = manifestJobId(m);
  const slurmState = str(m.slurm?.state);
  const reason = str(m.slurm?.reason);
  const metric = metricText(i.metrics?.primary);
  const efficiency = efficiencyText(m);
  const hints = efficiencyHints(efficiencyOfManifest(m));
  // Only spans that are over: the check run must not change by itself between ticks.
  const spans = jobTimesOf(m);
  const sweep = sweepIdOf(m);
  const checkStatus = conclusion ? "completed" : status === "running" || status === "synced" ? "in_progress" : "queued";
  const stateWords = `${status}${failureReason ? ` (${failureReason})` : ""}`;
  const title = clip(
    [stateWords, slurmState && slurmState.toLowerCase() !== status ? `SLURM ${slurmState}` : "", metric ?? ""]
      .filter(Boolean)
      .join(" · "),
    TITLE_LIMIT,
  );
  const rows: Array<[string, string | undefined]> = [
    ["Run", `\`${m.run_id}\``],
    ["Iteration", m.iteration_id],
    ["Sweep", sweep],
    ["Job", m.host_mode === "local" ? "local run" : (jobId ?? "—")],
    ["Cluster", m.host_mode === "local" ? undefined : manifestCluster(m)],
    ["State", stateWords],
    ["SLURM state", slurmState ? `${slurmState}${reason && reason !== "None" ? ` (${reason})` : ""}` : undefined],
    ["Submitted (SLURM)", isoUtc(spans.submit)],
    ["Expected start (SLURM)", isoUtc(spans.expectedStart)],
    ["Started (SLURM)", times.start],
    ["Ended (SLURM)", times.end],
    ["Queued", spans.queuedSeconds !== undefined ? formatDuration(spans.queuedSeconds) : undefined],
    ["Run time", spans.runSeconds !== undefined ? formatDuration(spans.runSeconds) : undefined],
    ["Primary metric", metric ? `${metric}${i.metrics?.status ? ` (metrics ${i.metrics.status})` : ""}` : undefined],
    ["Efficiency", efficiency],
    ["Right-sizing", hints.length ? hints.join("; ") : undefined],
    ["Failure reason", failureReason],
    ["Exit code", status === "failed" ? str(m.slurm?.exit_code) : undefined],
    ["Manifest", `\`${i.manifestPath}\``],
  ];
  const summary = [
    "| | |",
    "|---|---|",
    ...rows.filter((r): r is [string, string] => r[1] !== undefined).map(([k, v]) => `| ${k} | ${cell(v)} |`),
  ].join("\n");
  const text = i.logTail ? `Log tail:\n\n\`\`\`\n${i.logTail.slice(-LOG_TAIL_CHARS)}\n\`\`\`` : undefined;
  return {
    name: runCheckName(m.run_id),
    external_id: m.run_id,
    status: checkStatus,
    ...(conclusion ? { conclusion } : {}),
    ...(times.start && checkStatus !== "queued" ? { started_at: times.start } : {}),
    ...(conclusion && times.end ? { completed_at: times.end } : {}),
    title,
    summary: clip(summary, OUTPUT_TEXT_LIMIT),
    ...(text ? { text: clipStart(text, OUTPUT_TEXT_LIMIT) } : {}),
  };
}

/**
 * What must match for GitHub's check to be "as the manifest says": all but
 * the log tail (known only in the tick that saw the run fail) and the links.
 */
export function runCheckFingerprint(b: RunCheckBody): string {
  return JSON.stringify([
    b.status,
    b.conclusion ?? null,
    b.started_at ?? null,
    b.completed_at ?? null,
    b.title,
    b.summary,
  ]);
}
