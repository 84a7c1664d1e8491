/** The comment a failed run gets on the tracking issue. Pure. */
import type { FailedRun } from "../commands/notify.js";

/** A hidden marker naming the run, so a person (or a search) can find the run's comment. */
export function noticeMarker(runId: string): string {
  return `<!-- autolab-run-failed: ${runId} -->`;
}

export function failureComment(run: FailedRun, links: { serverUrl: string; repository: string; ref: string }): string {
  const base = `${links.serverUrl}/${links.repository}/blob/${links.ref.replace(/^refs\/heads\//, "")}`;
  const lines = [
    noticeMarker(run.runId),
    `**autolab: run \`${run.runId}\` failed**${run.failureReason ? ` (${run.failureReason})` : ""}`,
    "",
    `- iteration: \`${run.iterationId ?? "?"}\``,
    ...(run.jobId ? [`- SLURM job: \`${run.jobId}\``] : []),
    `- manifest: [${run.manifestPath}](${base}/${run.manifestPath})`,
  ];
  if (run.logTail) {
    const tail = run.logTail.split("\n").slice(-20).join("\n").replace(/```/g, "``\u200b`");
    lines.push("", "<details><summary>last lines of the log</summary>", "", "```", tail, "```", "", "</details>");
  }
  lines.push("", `\`autolab logs ${run.runId}\` shows the whole log.`);
  return lines.join("\n") + "\n";
}
