/**
 * What a launch reports: the CLI's description and dry-run text, and the
 * action's outputs, job summary and failure. Pure.
 */
import type { LaunchResult } from "../commands/launch/index.js";
import type { ActionOutputs } from "./common.js";
import type { SummaryInput } from "./summary.js";

/** `autolab launch`'s description of the result, one `key: value` a line. */
export function launchText(r: LaunchResult): string {
  const lines = [
    `run_id:    ${r.runId}`,
    `iteration: ${r.iterationId}`,
    `host:      ${r.hostMode}`,
    `status:    ${r.status}${r.reused ? " (already launched; nothing submitted)" : ""}${r.adopted ? " (job adopted: it existed already)" : ""}`,
  ];
  if (r.jobId) lines.push(`job_id:    ${r.jobId}`);
  if (r.jobId && r.cluster) lines.push(`cluster:   ${r.cluster}`);
  lines.push(`manifest:  ${r.manifestPath}`, `script:    ${r.scriptPath}`);
  if (r.commit) {
    lines.push(
      `commit:    ${r.commit.committed ? r.commit.sha : "none (nothing changed)"}${r.commit.pushed ? ` pushed to ${r.commit.branch}` : ""}`,
    );
  }
  if (r.error) lines.push(`error:     ${r.error}`);
  return lines.join("\n") + "\n";
}

/** `autolab launch --dry-run`: the script, the argv, and what sbatch --test-only said. */
export function dryRunText(r: Pick<LaunchResult, "scriptPath" | "hostMode" | "dryRun">): string {
  const d = r.dryRun;
  if (!d) return "";
  let out = `# --- ${r.scriptPath} (not written) ---\n${d.script}`;
  out += `# --- ${r.hostMode === "slurm" ? "sbatch argv" : "command"} ---\n${JSON.stringify(d.argv)}\n`;
  if (d.testOnly) out += `# --- sbatch --test-only: ${testOnlyWord(d.testOnly)} ---\n${testOnlyText(d.testOnly)}\n`;
  if (d.testOnlySkipped) out += `# --- sbatch --test-only: not run ---\n${d.testOnlySkipped}\n`;
  return out;
}

type TestOnly = NonNullable<NonNullable<LaunchResult["dryRun"]>["testOnly"]>;

function testOnlyWord(t: TestOnly): string {
  return t.ok ? "ok" : t.unanswered ? "no answer" : "REFUSED";
}

/** What the scheduler said, and the problems found in it (the time limit over a partition's MaxTime, ...). */
function testOnlyText(t: TestOnly): string {
  return [t.output, ...(t.problems ?? []).map((p) => `- ${p.message}`)].filter(Boolean).join("\n");
}

/** A dry run fails only when sbatch --test-only refused the job (not when it could not be asked). */
export function dryRunRefused(r: Pick<LaunchResult, "dryRun">): boolean {
  return !!r.dryRun?.testOnly && !r.dryRun.testOnly.ok && !r.dryRun.testOnly.unanswered;
}

/** `autolab launch: run R failed: why`, or undefined when the run did not fail. */
export function launchFailedText(r: Pick<LaunchResult, "status" | "runId" | "error">): string | undefined {
  return r.status === "failed" ? `autolab launch: run ${r.runId} failed${r.error ? `: ${r.error}` : ""}\n` : undefined;
}

export function launchOutputs(r: LaunchResult): ActionOutputs {
  return [
    ["run-id", r.runId],
    ["job-id", r.jobId ?? ""],
    ["status", r.status],
    ["manifest", r.manifestPath],
    ["commit", r.commit?.sha ?? ""],
    // A sweep's id; its group result comes with the monitor ticks that extract its tasks.
    ["sweep-id", r.sweep?.id ?? ""],
  ];
}

function dryRunNote(d: NonNullable<LaunchResult["dryRun"]>): string {
  const testOnly = d.testOnly
    ? `\n\nsbatch --test-only: ${testOnlyWord(d.testOnly).toLowerCase()}: ${testOnlyText(d.testOnly)}`
    : "";
  return `Dry run: nothing written or submitted.\n\n\`\`\`bash\n${d.script}\`\`\`\n\nsbatch argv: \`${d.argv.join(" ")}\`${testOnly}`;
}

export function launchSummary(r: LaunchResult): SummaryInput {
  return {
    title: `autolab launch: ${r.iterationId}`,
    command: "launch",
    runs: [{ runId: r.runId, iterationId: r.iterationId, jobId: r.jobId, cluster: r.cluster, state: r.status }],
    findings: [],
    notes: [
      r.reused ? "This run already had a job; nothing was submitted." : "",
      r.adopted ? "The job was found in the scheduler by name and adopted (its manifest had been lost)." : "",
      r.dryRun ? dryRunNote(r.dryRun) : "",
      r.error
        ? r.hostMode === "slurm"
          ? `sbatch refused the job: ${r.error}`
          : `the local run failed: ${r.error}`
        : "",
    ].filter(Boolean),
  };
}

/** Why the action step fails, or undefined when it does not. */
export function launchFailure(r: Pick<LaunchResult, "status" | "error">): string | undefined {
  return r.status === "failed" ? `launch failed: ${r.error ?? "see the manifest"}` : undefined;
}
