/**
 * What the check run of one sweep says (pure): one check run per sweep,
 * named after the sweep id, beside its tasks' own check runs. Data in (the
 * tasks' statuses as their manifests say, the group result as
 * `sweep_metrics.json` says), a check-run body out; github/run-checks.ts
 * posts it when it drifts, within the tick's API budget.
 *
 * Rules:
 * - status: `queued` while no task has started, `in_progress` while any task
 *   is not final, `completed` once every task is completed, failed or partial;
 * - conclusion (`sweepConclusion`): `success` when every task completed,
 *   `failure` when a task failed (the title names the failed tasks; all of
 *   them are in the text), `cancelled` when every failed task was cancelled,
 *   `neutral` when none failed but one is partial;
 * - the summary: tasks counted by state (report/status.stateCounts), the
 *   best point, and the group result's table and Mermaid chart: the same
 *   section the iteration's analysis/summary.md gets (report/sweep.ts);
 * - nothing in it depends on the clock: an idle tick never changes it.
 */
import type { GroupResult } from "../domain/sweep-result.js";
import { clip, OUTPUT_TEXT_LIMIT, TITLE_LIMIT, type CheckConclusion } from "./checks.js";
import type { RunCheckBody } from "./run-check.js";
import { stateCounts } from "./status.js";
import { sweepSection } from "./sweep.js";

export interface SweepTaskState {
  runId: string;
  /** The run's status as its manifest says (statusOf). */
  status: string;
  /** A failed task's failure reason (`cancelled`, `timeout`, `exit_code`, ...). */
  failureReason?: string;
}

export interface SweepCheckInput {
  sweepId: string;
  iterationId: string;
  /** Repository-relative path of the sweep record (`runs/<sweep_id>/sweep_manifest.json`). */
  recordPath: string;
  /** Every task of the sweep, in task order (the record's `run_group`). */
  tasks: readonly SweepTaskState[];
  /** The group result (undefined before any task was extracted). */
  result?: GroupResult;
  /** Tasks with metrics, as the group result counted them. */
  extracted?: number;
}

/** The check run name of a sweep. */
export function sweepCheckName(sweepId: string): string {
  return `autolab sweep ${sweepId}`;
}

const FINAL = new Set(["completed", "failed", "partial"]);
/** Failed tasks named in the title at most (the text names all). */
const TITLE_FAILED = 3;

/** The conclusion of a sweep's check run; undefined while a task is not final. */
export function sweepConclusion(tasks: readonly SweepTaskState[]): CheckConclusion | undefined {
  if (!tasks.length || !tasks.every((t) => FINAL.has(t.status))) return undefined;
  const failed = tasks.filter((t) => t.status === "failed");
  if (failed.length) return failed.every((t) => t.failureReason === "cancelled") ? "cancelled" : "failure";
  return tasks.some((t) => t.status === "partial") ? "neutral" : "success";
}

function bestText(g: GroupResult | undefined): string | undefined {
  if (g?.best === undefined) return undefined;
  const p = g.points[g.best];
  const v = p.center === null ? "—" : String(Number(p.center.toPrecision(6)));
  return `best ${p.label}: ${g.metric} = ${v}`;
}

export function sweepCheckOf(i: SweepCheckInput): RunCheckBody {
  const counts = stateCounts(i.tasks.map((t) => t.status));
  const conclusion = sweepConclusion(i.tasks);
  const started = i.tasks.some((t) => t.status !== "pending" && t.status !== "submitted");
  const status = conclusion ? "completed" : started ? "in_progress" : "queued";
  const failed = i.tasks.filter((t) => t.status === "failed");
  const countsText = Object.entries(counts)
    .map(([st, n]) => `${n} ${st}`)
    .join(", ");
  const failedTitle = failed.length
    ? `failed: ${failed
        .slice(0, TITLE_FAILED)
        .map((t) => t.runId)
        .join(", ")}${failed.length > TITLE_FAILED ? ` (+${failed.length - TITLE_FAILED})` : ""}`
    : "";
  const title = clip(
    [`${i.tasks.length} task(s): ${countsText}`, failedTitle, bestText(i.result) ?? ""].filter(Boolean).join(" · "),
    TITLE_LIMIT,
  );
  const rows = [
    `Sweep \`${i.sweepId}\` of iteration ${i.iterationId}: ${i.tasks.length} task(s), ${countsText}.`,
    "",
    i.result
      ? `${i.extracted ?? 0} of ${i.tasks.length} task(s) extracted.`
      : "No task has been extracted yet: the group result follows as tasks finish.",
    "",
    ...(i.result ? [sweepSection(`\`${i.sweepId}\`: group result`, i.result, 3).trimEnd(), ""] : []),
    `Sweep record: \`${i.recordPath}\``,
  ];
  const text = failed.length
    ? [
        "Failed tasks:",
        "",
        ...failed.map((t) => `- \`${t.runId}\`${t.failureReason ? ` (${t.failureReason})` : ""}`),
      ].join("\n")
    : undefined;
  return {
    name: sweepCheckName(i.sweepId),
    external_id: i.sweepId,
    status,
    ...(conclusion ? { conclusion } : {}),
    title,
    summary: clip(rows.join("\n"), OUTPUT_TEXT_LIMIT),
    ...(text ? { text: clip(text, OUTPUT_TEXT_LIMIT) } : {}),
  };
}
