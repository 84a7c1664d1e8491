/** What `autolab watch` (and the action's `command: watch`) says when it ends. Pure. */
import type { WatchReport } from "../commands/watch.js";
import type { ActionOutputs } from "./common.js";

const ENDED_BY: Record<WatchReport["ended_by"], string> = {
  signal: "stopped by a signal",
  time_limit: "time limit reached",
  run_failed: "a run failed (the successor goes on watching)",
};

export function watchText(r: WatchReport): string {
  const lines = [
    `watched from ${r.started_at} to ${r.ended_at}: ${ENDED_BY[r.ended_by]}`,
    `${r.ticks} tick(s), ${r.questions} scheduler question(s) (${r.scheduler_calls} client call(s)), ${r.commits} commit(s), ${r.fetches} fetch(es) of the branch (${r.updates} brought others' commits)`,
  ];
  if (r.failed_runs.length) lines.push(`failed run(s): ${r.failed_runs.join(", ")}`);
  if (r.successor) lines.push(`successor: ${r.successor}`);
  return lines.map((l) => l + "\n").join("");
}

/** The step's failure message when runs failed and the policy says that fails the job (undefined: it does not). */
export function watchFailure(r: Pick<WatchReport, "failed_runs" | "fail_job">): string | undefined {
  if (!r.fail_job || !r.failed_runs.length) return undefined;
  return `${r.failed_runs.length} run(s) failed: ${r.failed_runs.join(", ")}`;
}

export function watchOutputs(r: WatchReport): ActionOutputs {
  return [
    ["ended-by", r.ended_by],
    ["failed-runs", JSON.stringify(r.failed_runs)],
    ["status", r.failed_runs.length ? "failed" : "ok"],
  ];
}

/** The job summary of one watcher: how long, how often it asked, what it committed, who follows. */
export function watchSummary(r: WatchReport): string {
  const s = r.settings;
  const rows = [
    ["watched", `${r.started_at} to ${r.ended_at}`],
    ["ended", ENDED_BY[r.ended_by]],
    ["ticks", String(r.ticks)],
    [
      "scheduler questions",
      `${r.questions} (${r.scheduler_calls} client calls; never closer than ${s.floorSeconds} s)`,
    ],
    ["commits", String(r.commits)],
    ["failed runs", r.failed_runs.length ? r.failed_runs.map((id) => `\`${id}\``).join(", ") : "none"],
    ["successor", r.successor ?? "none"],
  ];
  return [
    "## autolab watch",
    "",
    "| | |",
    "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    ...r.findings.map((f) => `- **${f.severity}** ${f.check}: ${f.message}`),
    "",
  ].join("\n");
}
