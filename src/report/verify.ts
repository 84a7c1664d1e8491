/**
 * What verify reports: the CLI's closing line, and the action's outputs, job
 * summary, failure, and the notice when a pull request's policy commands were
 * not run. Pure; takes the verifier's report by shape (findings, checks run,
 * runs checked, ok), so it does not depend on where the verifier lives.
 */
import type { Finding } from "../util/errors.js";
import type { ActionOutputs } from "./common.js";
import type { SummaryInput } from "./summary.js";

export interface VerifyFacts {
  findings: Finding[];
  checksRun: string[];
  runsChecked: number;
  /** No error findings. */
  ok: boolean;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  notices: number;
}

function errorCount(findings: Finding[]): number {
  return findings.filter((f) => f.severity === "error").length;
}

/** `verify launch: 2 run(s), 5 check(s); 1 error(s), 0 warning(s), 0 notice(s): FAILED`. */
export function verifyText(stage: string, rep: VerifyFacts, counts: FindingCounts): string {
  return (
    `verify ${stage}: ${rep.runsChecked} run(s), ${rep.checksRun.length} check(s); ` +
    `${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.notices} notice(s): ${rep.ok ? "ok" : "FAILED"}\n`
  );
}

/** The check run's name for a stage. */
export function verifyCheckName(stage: string): string {
  return `autolab verify (${stage})`;
}

/** The notice that a pull request's test / dry-run commands were not run on this runner. */
export function commandsSkippedFinding(isFork: boolean): Finding {
  return {
    severity: "notice",
    check: "policy.commands_skipped",
    file: ".autolab/verifier_policy.yaml",
    message: `the policy's test/dry-run commands come from this ${isFork ? "fork" : "pull request"} and this runner is not GitHub-hosted: not run here`,
    hint: "verify pull requests on a GitHub-hosted runner (runs-on: ubuntu-latest), as the autolab-verify template does",
  };
}

export function verifyOutputs(rep: VerifyFacts, conclusion: string): ActionOutputs {
  return [
    ["findings", String(rep.findings.length)],
    ["errors", String(errorCount(rep.findings))],
    ["conclusion", conclusion],
    ["status", rep.ok ? "ok" : "failed"],
  ];
}

/** The job summary; `notes` are the publishing notes (fallback to workflow commands, hidden annotations). */
export function verifySummary(stage: string, rep: VerifyFacts, notes: string[]): SummaryInput {
  return {
    title: `autolab verify: ${stage}`,
    command: "verify",
    runs: [],
    findings: rep.findings,
    notes: [`${rep.runsChecked} run(s) checked; checks: ${rep.checksRun.join(", ") || "none"}.`, ...notes].filter(
      Boolean,
    ),
  };
}

/** Why the step fails, or undefined when verify found no error. */
export function verifyFailure(stage: string, rep: VerifyFacts): string | undefined {
  return rep.ok ? undefined : `verify (${stage}) found ${errorCount(rep.findings)} error(s)`;
}
