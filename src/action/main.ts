/**
 * The action: reads inputs, refuses untrusted events, calls one stage, and
 * reports (outputs, check runs / annotations, job summary). Thin: every
 * decision lives in the stages and in src/github.
 */
import path from "node:path";
import * as core from "@actions/core";
import { readInputs, type ActionInputs } from "../github/inputs.js";
import { readActionContext, assertTrustedEvent, type ActionContext } from "../github/context.js";
import { createOctokit, publishFindings, upsertRunCheck, type Octokit } from "../github/checks.js";
import { emitWorkflowCommands } from "../github/annotations.js";
import { renderSummary, writeSummary } from "../github/summary.js";
import { launch } from "../commands/launch.js";
import { slurmCli } from "../scheduler/slurm-cli/index.js";
import { monitor, type RunReport } from "../stages/monitor.js";
import { runVerify } from "../stages/verify.js";
import { cancel } from "../commands/cancel.js";
import { collectStatus } from "../stages/status.js";
import { AutolabError, formatError, type Finding } from "../util/errors.js";
import { resolveInside } from "../util/fs.js";
import { git } from "../git/git.js";
import { isGitRepo, topLevel } from "../git/git.js";

function conclusionFor(r: RunReport): "success" | "failure" | "timed_out" | "cancelled" | undefined {
  if (r.after === "completed") return r.metricsStatus === "failed" ? "failure" : "success";
  if (r.after !== "failed") return undefined;
  if (r.failureReason === "timeout") return "timed_out";
  if (r.failureReason === "cancelled") return "cancelled";
  return "failure";
}

async function report(
  octokit: Octokit | undefined,
  ctx: ActionContext,
  name: string,
  findings: Finding[],
  repoRoot: string,
): Promise<{ mode: string; conclusion: string; notes: string[] }> {
  if (octokit && ctx.repository && ctx.sha) {
    const res = await publishFindings(octokit, {
      owner: ctx.repository.owner,
      repo: ctx.repository.repo,
      headSha: ctx.sha,
      name,
      findings,
      repoRoot,
      summaryText: `${findings.length} finding(s) from ${name}`,
    });
    return { mode: res.mode, conclusion: res.conclusion, notes: res.notes };
  }
  const emitted = emitWorkflowCommands(findings, (s) => process.stdout.write(s), { repoRoot });
  return {
    mode: "workflow-commands",
    conclusion: findings.some((f) => f.severity === "error") ? "failure" : findings.length ? "neutral" : "success",
    notes: [
      "No token: findings were written as workflow-command annotations.",
      ...(emitted.note ? [emitted.note] : []),
    ],
  };
}

export async function runAction(): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs();
  } catch (e) {
    core.setFailed(formatError(e));
    return;
  }
  let ctx: ActionContext;
  try {
    ctx = readActionContext(process.env);
    assertTrustedEvent(ctx, inputs.command);
    const workspace = process.env.GITHUB_WORKSPACE;
    if (workspace) resolveInside(workspace, inputs.workingDirectory, "input working-directory");
  } catch (e) {
    core.setFailed(formatError(e));
    return;
  }
  const cwd = inputs.workingDirectory;
  const repoRoot = (await isGitRepo(cwd)) ? await topLevel(cwd) : cwd;
  // The composition root: the scheduler every command talks to.
  const scheduler = slurmCli();
  const octokit = inputs.token ? await createOctokit(inputs.token, ctx.apiUrl) : undefined;
  const common = {
    cwd,
    push: inputs.push,
    branch: inputs.branch,
    token: inputs.token,
    skipCi: inputs.skipCi,
    log: (s: string) => core.info(s),
  };

  try {
    switch (inputs.command) {
      case "launch": {
        if (!inputs.design) throw new AutolabError("input 'design' is required for command: launch", { exitCode: 2 });
        const launchKey = ctx.runId
          ? `github-run:${ctx.repository?.owner}/${ctx.repository?.repo}:${ctx.runId}:${inputs.design}`
          : undefined;
        // Jobs run in a snapshot outside the workspace, which actions/checkout cleans before every run.
        const runnerWorkspace = process.env.RUNNER_WORKSPACE;
        const res = await launch({
          ...common,
          design: inputs.design,
          scheduler,
          dryRun: inputs.dryRun,
          launchKey,
          runId: inputs.runId,
          launchedBy: ctx.actor,
          workRoot: inputs.workRoot,
          workRootDefault: runnerWorkspace ? path.join(runnerWorkspace, "autolab-runs") : undefined,
        });
        core.setOutput("run-id", res.runId);
        core.setOutput("job-id", res.jobId ?? "");
        core.setOutput("status", res.status);
        core.setOutput("manifest", res.manifestPath);
        core.setOutput("commit", res.commit?.sha ?? "");
        const md = renderSummary({
          title: `autolab launch: ${res.iterationId}`,
          command: "launch",
          runs: [{ runId: res.runId, iterationId: res.iterationId, jobId: res.jobId, state: res.status }],
          findings: [],
          notes: [
            res.reused ? "This run already had a job; nothing was submitted." : "",
            res.adopted ? "The job was found in the scheduler by name and adopted (its manifest had been lost)." : "",
            res.dryRun
              ? `Dry run: nothing written or submitted.\n\n\`\`\`bash\n${res.dryRun.script}\`\`\`\n\nsbatch argv: \`${res.dryRun.argv.join(" ")}\`${res.dryRun.testOnly ? `\n\nsbatch --test-only: ${res.dryRun.testOnly.ok ? "ok" : "refused"}: ${res.dryRun.testOnly.output}` : ""}`
              : "",
            res.error
              ? res.hostMode === "slurm"
                ? `sbatch refused the job: ${res.error}`
                : `the local run failed: ${res.error}`
              : "",
          ].filter(Boolean),
        });
        await writeSummary(md);
        if (res.status === "failed") core.setFailed(`launch failed: ${res.error ?? "see the manifest"}`);
        break;
      }
      case "monitor": {
        const rep = await monitor({ ...common, runId: inputs.runId });
        const changed = rep.runs.filter((r) => r.transitions.length);
        core.setOutput(
          "changed-runs",
          JSON.stringify(
            changed.map((r) => ({ run_id: r.runId, from: r.before, to: r.after, job_id: r.jobId ?? null })),
          ),
        );
        core.setOutput("tracked", String(rep.tracked));
        core.setOutput("in-flight", String(rep.inFlight));
        core.setOutput("status", rep.outage ? "outage" : "ok");
        const checkNotes: string[] = [];
        if (octokit && ctx.repository) {
          for (const r of changed) {
            const concl = conclusionFor(r);
            const text = [
              r.reason ? `Scheduler reason: ${r.reason}` : "",
              r.failureReason
                ? `Failure reason: ${r.failureReason}${r.exitCode ? ` (exit code ${r.exitCode})` : ""}`
                : "",
              r.logTail ? `Log tail:\n\n\`\`\`\n${r.logTail.slice(-60000)}\n\`\`\`` : "",
            ]
              .filter(Boolean)
              .join("\n\n");
            try {
              await upsertRunCheck(octokit, {
                owner: ctx.repository.owner,
                repo: ctx.repository.repo,
                headSha: (await launchCommit(repoRoot, r.manifestPath)) ?? r.launchSha ?? ctx.sha,
                runId: r.runId,
                status: concl ? "completed" : "in_progress",
                conclusion: concl,
                title: `${r.runId}: ${r.after}${r.slurmState ? ` (${r.slurmState})` : ""}`,
                summary: `Run ${r.runId} of ${r.iterationId}, job ${r.jobId ?? "-"}: ${r.transitions.map((t) => `${t.from} -> ${t.to}`).join(", ")}`,
                text: text || undefined,
              });
            } catch (e) {
              // The tick's work is committed already; a Checks API hiccup must not fail it.
              const msg = `could not update the check run of ${r.runId}: ${e instanceof Error ? e.message : String(e)}`;
              core.warning(msg);
              checkNotes.push(msg);
            }
          }
        }
        const rpt = rep.findings.length
          ? await report(octokit, ctx, "autolab monitor", rep.findings, repoRoot)
          : undefined;
        const md = renderSummary({
          title: "autolab monitor",
          command: "monitor",
          runs: rep.runs.map((r) => ({
            runId: r.runId,
            iterationId: r.iterationId,
            jobId: r.jobId,
            state: r.slurmState ? `${r.after} (${r.slurmState})` : r.after,
            startedAt: r.startedAt,
            completedAt: r.completedAt,
            durationSeconds: r.durationSeconds,
            sync: r.syncStatus,
            primaryMetric: r.primaryMetric,
          })),
          findings: rep.findings,
          scheduler: { calls: rep.scheduler.calls, totalMs: rep.scheduler.totalMs, detail: rep.scheduler.detail },
          notes: [
            `${rep.tracked} run(s) tracked, ${rep.inFlight} in flight, ${changed.length} changed.`,
            rep.commit?.committed
              ? `Committed ${rep.commit.sha}${rep.commit.pushed ? ` and pushed to ${rep.commit.branch}` : ""}.`
              : "",
            ...(rpt?.notes ?? []),
            ...checkNotes,
          ].filter(Boolean),
        });
        await writeSummary(md);
        if (rep.outage?.escalated)
          core.setFailed(
            `the scheduler has not answered for ${rep.outage.consecutiveFailedTicks} ticks: ${rep.outage.error}`,
          );
        else if (rep.outage)
          core.warning(
            `scheduler outage (${rep.outage.consecutiveFailedTicks} tick(s)): ${rep.outage.error}; no run was changed`,
          );
        break;
      }
      case "verify": {
        const stage = inputs.stage ?? "launch";
        // The policy's test/dry-run commands come from the pull request's own
        // files: run them only where that is safe (a GitHub-hosted runner).
        const untrusted = ctx.eventName.startsWith("pull_request") || ctx.isFork;
        const hosted = process.env.RUNNER_ENVIRONMENT === "github-hosted";
        const runCommands = !untrusted || hosted;
        const rep = await runVerify({
          repoRoot,
          stage: stage as never,
          iteration: inputs.design,
          runId: inputs.runId,
          runCommands,
        });
        if (!runCommands) {
          rep.findings.push({
            severity: "notice",
            check: "policy.commands_skipped",
            file: ".autolab/verifier_policy.yaml",
            message: `the policy's test/dry-run commands come from this ${ctx.isFork ? "fork" : "pull request"} and this runner is not GitHub-hosted: not run here`,
            hint: "verify pull requests on a GitHub-hosted runner (runs-on: ubuntu-latest), as the autolab-verify template does",
          });
        }
        const rpt = await report(octokit, ctx, `autolab verify (${stage})`, rep.findings, repoRoot);
        core.setOutput("findings", String(rep.findings.length));
        core.setOutput("errors", String(rep.findings.filter((f) => f.severity === "error").length));
        core.setOutput("conclusion", rpt.conclusion);
        core.setOutput("status", rep.ok ? "ok" : "failed");
        const md = renderSummary({
          title: `autolab verify: ${stage}`,
          command: "verify",
          runs: [],
          findings: rep.findings,
          notes: [
            `${rep.runsChecked} run(s) checked; checks: ${rep.checksRun.join(", ") || "none"}.`,
            ...rpt.notes,
          ].filter(Boolean),
        });
        await writeSummary(md);
        if (!rep.ok)
          core.setFailed(
            `verify (${stage}) found ${rep.findings.filter((f) => f.severity === "error").length} error(s)`,
          );
        break;
      }
      case "cancel": {
        if (!inputs.runId) throw new AutolabError("input 'run-id' is required for command: cancel", { exitCode: 2 });
        const res = await cancel({ ...common, scheduler, runId: inputs.runId, by: ctx.actor });
        core.setOutput("run-id", res.runId);
        core.setOutput("job-id", res.jobId ?? "");
        core.setOutput("status", res.after);
        core.setOutput("manifest", res.manifestPath);
        await writeSummary(
          renderSummary({
            title: "autolab cancel",
            command: "cancel",
            runs: [{ runId: res.runId, jobId: res.jobId, state: res.after }],
            findings: [],
          }),
        );
        break;
      }
      case "status": {
        const { rows, findings } = await collectStatus(repoRoot);
        core.setOutput("runs", JSON.stringify(rows));
        await writeSummary(
          renderSummary({
            title: "autolab status",
            command: "status",
            runs: rows.map((r) => ({
              runId: r.runId,
              iterationId: r.iterationId,
              jobId: r.jobId ?? undefined,
              state: r.status,
              startedAt: r.startedAt ?? undefined,
              completedAt: r.completedAt ?? undefined,
              sync: r.sync ?? undefined,
            })),
            findings,
          }),
        );
        break;
      }
    }
  } catch (e) {
    if (e instanceof AutolabError && e.location.file) {
      core.error(e.message, { file: e.location.file, startLine: e.location.line, startColumn: e.location.column });
    }
    core.setFailed(formatError(e));
  }
}

/** The commit that added a run's manifest: the launch commit, where its check run belongs. */
async function launchCommit(repoRoot: string, manifestPath: string): Promise<string | undefined> {
  try {
    const r = await git(repoRoot, ["log", "--diff-filter=A", "--format=%H", "-1", "--", manifestPath], {
      allowFailure: true,
    });
    const sha = r.stdout.trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
