/** What `autolab launch` reports, as text. */
import type { LaunchResult } from "../commands/launch.js";

export function describeLaunch(r: LaunchResult): string {
  const lines = [
    `run_id:    ${r.runId}`,
    `iteration: ${r.iterationId}`,
    `host:      ${r.hostMode}`,
    `status:    ${r.status}${r.reused ? " (already launched; nothing submitted)" : ""}${r.adopted ? " (job adopted: it existed already)" : ""}`,
  ];
  if (r.jobId) lines.push(`job_id:    ${r.jobId}`);
  lines.push(`manifest:  ${r.manifestPath}`, `script:    ${r.scriptPath}`);
  if (r.commit) {
    lines.push(
      `commit:    ${r.commit.committed ? r.commit.sha : "none (nothing changed)"}${r.commit.pushed ? ` pushed to ${r.commit.branch}` : ""}`,
    );
  }
  if (r.error) lines.push(`error:     ${r.error}`);
  return lines.join("\n") + "\n";
}
