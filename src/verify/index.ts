/**
 * The verifier: `autolab verify --stage launch|slurm_monitor|extract_results`
 * (and the action's `command: verify`). It runs the checks the effective
 * verifier policy (`.autolab/verifier_policy.yaml`, over the preset, over the
 * built-in defaults) requires at the stage, and returns findings. Every
 * finding names its check, a severity, a message, a hint saying what to fix,
 * and the file, line and column of the offending JSON key or YAML node.
 *
 * The check table (ids, categories, stages, when each runs) is registry.ts.
 * A verify is gather → check → run commands:
 *   facts.ts           reads everything the active checks need, once
 *   engine.ts          runs the registry's pure check functions (checks/*.ts) over them
 *   (here)             runs the policy's test / dry-run commands, the one effect
 *                      besides reading (planned and judged by checks/policy-commands.ts)
 * No value read from the repository reaches a shell: the only commands run
 * are the user's own declared ones, by argv.
 */
import { realpath } from "node:fs/promises";
import { VERIFY_STAGES, type VerifyStage } from "../contract/vocabulary.js";
import { submitSettings } from "../domain/settings.js";
import { discoverRuns } from "../store/discover.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { runArgv } from "../util/exec.js";
import { judgePolicyCommand, planPolicyCommand } from "./checks/policy-commands.js";
import { checkFacts, dedupe } from "./engine.js";
import { linkFindings } from "./links.js";
import { gatherBasePolicy, type BasePolicy } from "./base-policy.js";
import { gatherCommandContext, gatherFacts, gatherPolicy, iterationIdOf, needsOf } from "./facts.js";
import { activeChecks, isVerifyStage, type CheckEntry } from "./registry.js";
import type { CommandContext } from "./types.js";
import { admissionCheck } from "./admission.js";
import type { Scheduler } from "../scheduler/port.js";

export { activeChecks, CHECK_CATEGORIES, isVerifyStage, VERIFY_CHECKS } from "./registry.js";
export type { CheckCategory, CheckEntry, CheckSpec } from "./registry.js";

export interface VerifyOptions {
  repoRoot: string;
  stage: VerifyStage;
  iteration?: string;
  runId?: string;
  /** Default true: run the policy's dry_run / test commands when the stage requires them. */
  runCommands?: boolean;
  now?: Date;
  /** Override the policy's launch.check_timeout_seconds for the commands (ms). */
  commandTimeoutMs?: number;
  /**
   * A pull request's base commit's policy (base-policy.basePolicyAt): its
   * requirements and commands apply, the checkout's own policy is only
   * compared with it (`policy.changed`). Unset: the checkout's policy applies.
   */
  basePolicy?: BasePolicy;
  /** The scheduler design.test_only asks (the faces give the real one; without it the check does not run). */
  scheduler?: Scheduler;
}

export interface VerifyReport {
  stage: VerifyStage;
  findings: Finding[];
  /** Ids of the checks that ran (see VERIFY_CHECKS). */
  checksRun: string[];
  runsChecked: number;
  /** No error findings. */
  ok: boolean;
}

/** Run the active policy commands in table order: plan (pure), run by argv from the repository root, judge (pure). */
async function runCommands(
  root: string,
  active: readonly CheckEntry[],
  ctx: CommandContext,
  timeoutMs: number,
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const c of active) {
    if (!c.command) continue;
    const plan = planPolicyCommand(c.command, ctx);
    if (plan.kind === "findings") {
      out.push(...plan.findings);
      continue;
    }
    const [program, ...args] = plan.argv;
    const r = await runArgv(program, args, { cwd: root, timeoutMs, env: plan.env });
    out.push(...judgePolicyCommand(c.command, ctx, plan.argv, r));
  }
  return out;
}

export async function runVerify(opts: VerifyOptions): Promise<VerifyReport> {
  if (!isVerifyStage(opts.stage)) {
    throw new AutolabError(`unknown stage ${JSON.stringify(opts.stage)}`, {
      exitCode: 2,
      hint: `known stages: ${VERIFY_STAGES.join(", ")}`,
    });
  }
  const stage = opts.stage;
  const root = await realpath(opts.repoRoot);
  const failed = (f: Finding[]): VerifyReport => ({ stage, findings: f, checksRun: [], runsChecked: 0, ok: false });

  const loaded = opts.basePolicy ? await gatherBasePolicy(root, opts.basePolicy) : await gatherPolicy(root);
  if ("findings" in loaded) return failed(loaded.findings);
  const { policy, policyDoc } = loaded;
  const policyFindings: Finding[] = "extra" in loaded ? (loaded.extra as Finding[]) : [];
  const active = activeChecks(policy, stage, opts.runCommands !== false);

  let iteration = opts.iteration;
  if (iteration !== undefined) {
    const id = await iterationIdOf(root, iteration);
    if (typeof id !== "string") return failed([id.finding]);
    iteration = id;
  }
  const discovered = await discoverRuns(root, { iteration, runId: opts.runId });
  const runs = discovered.runs;
  const facts = await gatherFacts(root, runs, needsOf(active, stage));
  const checked = checkFacts({
    active,
    runs: facts.runs,
    iterations: facts.iterations,
    ledger: facts.ledger,
    now: opts.now ?? new Date(),
    requireMetrics: policy.extract_results?.require_metrics !== false,
  });
  const findings = dedupe([
    ...policyFindings,
    ...discovered.findings,
    ...checked.findings,
    ...(await linkFindings(root)),
  ]);

  const asks = opts.scheduler && active.some((c) => c.asksScheduler);
  if (active.some((c) => c.command) || asks) {
    const ctx = await gatherCommandContext(root, { stage, iteration, runId: opts.runId }, runs, policy, policyDoc);
    const timeoutMs = opts.commandTimeoutMs ?? submitSettings({ ...policy }).checkTimeoutMs;
    findings.push(...(await runCommands(root, active, ctx, timeoutMs)));
    if (asks && opts.scheduler)
      findings.push(...(await admissionCheck(root, ctx, opts.scheduler, opts.now ?? new Date())));
  }

  return {
    stage,
    findings,
    checksRun: active.map((c) => c.id),
    runsChecked: checked.runsChecked,
    ok: !findings.some((f) => f.severity === "error"),
  };
}

/** Counts per severity, for summaries. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; notices: number } {
  let errors = 0;
  let warnings = 0;
  let notices = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
    else notices++;
  }
  return { errors, warnings, notices };
}
