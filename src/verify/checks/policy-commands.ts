/**
 * policy.test_command and policy.dry_run_command: the user's own declared
 * commands. Pure halves around the one effect (running the program, in
 * index.ts): `planPolicyCommand` turns the policy into an argv or findings;
 * `judgePolicyCommand` turns the program's result into findings.
 *
 * The command line is split into argv first (quote-aware, no expansion,
 * shell operators refused: see stages/placeholders.ts), then these
 * placeholders are substituted inside each argument:
 *   {{python_bin}}      the policy's python_bin
 *   {{iteration_id}}    --iteration, else .autolab/state.json iteration_id, else the
 *                       only iteration among the runs checked
 *   {{iteration_path}}  that iteration's directory, repository-relative
 *   {{run_id}}          --run-id, else state.json last_run_id, else the iteration's newest run
 * The program runs by argv (never a shell) from the repository root with the
 * policy's launch.check_timeout_seconds; a non-zero exit is an error finding
 * with the tail of its output. A scheduler client that is not installed on
 * this host (a pull request verified on a hosted runner) is a notice: the
 * scheduler's own dry run can only happen on the cluster, and the documented
 * setup (verify on GitHub-hosted runners) must be able to pass.
 */
import path from "node:path";
import { expandPlaceholders, POLICY_PATH } from "../../contract/policy.js";
import { SLURM_CLIENTS } from "../../scheduler/slurm-cli/probe.js";
import { shellJoin } from "../../util/shell.js";
import { splitCommandLine } from "../../domain/placeholders.js";
import { AutolabError, type Finding, type SourceLocation } from "../../util/errors.js";
import { describeFailure, ok, type ExecResult } from "../../util/exec.js";
import { at, valueAt } from "../doc.js";
import type { CommandContext } from "../types.js";

export interface PolicyCommandSpec {
  check: "policy.test_command" | "policy.dry_run_command";
  key: "test_command" | "dry_run_command";
  category: "tests" | "dry_run";
}

export const POLICY_COMMANDS: Readonly<Record<PolicyCommandSpec["check"], PolicyCommandSpec>> = {
  "policy.test_command": { check: "policy.test_command", key: "test_command", category: "tests" },
  "policy.dry_run_command": { check: "policy.dry_run_command", key: "dry_run_command", category: "dry_run" },
};

/** Programs only a scheduler host has (the adapter's tools, and the two that start jobs interactively). */
const SCHEDULER_CLIENTS: ReadonlySet<string> = new Set<string>(SLURM_CLIENTS);

/** How much of a failing command's output a finding quotes. */
const OUTPUT_TAIL_LINES = 20;
const OUTPUT_TAIL_CHARS = 4000;

function outputTail(stdout: string, stderr: string): string {
  const text = [stdout.trimEnd(), stderr.trimEnd()].filter(Boolean).join("\n");
  const tail = text.split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
  return tail.length > OUTPUT_TAIL_CHARS ? "..." + tail.slice(-OUTPUT_TAIL_CHARS) : tail;
}

/** What to run (argv and environment), or the findings that say why it cannot run. */
export type CommandPlan =
  { kind: "findings"; findings: Finding[] } | { kind: "run"; argv: string[]; env: Record<string, string | undefined> };

/** Where a finding about the command stands: its key in the policy file, else the file. */
function whereOf(spec: PolicyCommandSpec, ctx: CommandContext): SourceLocation {
  const inFile = ctx.policyDoc && valueAt(ctx.policyDoc.data, `/${spec.key}`) !== undefined;
  return inFile && ctx.policyDoc ? at(ctx.policyDoc, `/${spec.key}`) : { file: POLICY_PATH };
}

function offHint(spec: PolicyCommandSpec, ctx: CommandContext): string {
  return `or set requirements_by_stage.${ctx.stage}.${spec.category}: false in ${POLICY_PATH}`;
}

function errorText(e: unknown, spec: PolicyCommandSpec): [string, string] {
  return [e instanceof Error ? e.message : String(e), (e instanceof AutolabError && e.hint) || `fix ${spec.key}`];
}

export function planPolicyCommand(spec: PolicyCommandSpec, ctx: CommandContext): CommandPlan {
  const template = ctx.policy[spec.key];
  const off = offHint(spec, ctx);
  const fail = (message: string, hint: string): CommandPlan => ({
    kind: "findings",
    findings: [{ severity: "error", check: spec.check, ...whereOf(spec, ctx), message, hint }],
  });
  if (typeof template !== "string" || template.trim() === "") {
    return fail(
      `${spec.category} is required at stage ${ctx.stage} but ${spec.key} is not set`,
      `set ${spec.key} in ${POLICY_PATH}, ${off}`,
    );
  }
  if (/AUTOLAB DRY-RUN STUB/i.test(template)) {
    return fail(
      `${spec.key} is still the scaffold's stub`,
      `replace it with a command that exercises the experiment quickly, ${off}`,
    );
  }
  let words: string[];
  try {
    words = splitCommandLine(template, { what: spec.key });
  } catch (e) {
    return fail(...errorText(e, spec));
  }
  if (words.length === 0) return fail(`${spec.key} is empty`, `set ${spec.key}, ${off}`);
  const vars: Record<string, string> = { python_bin: ctx.policy.python_bin || "python3" };
  if (ctx.iterationId !== undefined) vars.iteration_id = ctx.iterationId;
  if (ctx.iterationPath !== undefined) vars.iteration_path = ctx.iterationPath;
  if (ctx.runId !== undefined) vars.run_id = ctx.runId;
  const used = [...template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((x) => x[1]);
  for (const name of used) {
    if (vars[name] !== undefined) continue;
    if (name === "iteration_id" || name === "iteration_path") {
      return fail(
        `${spec.key} uses {{${name}}} but the iteration is not known`,
        "pass --iteration ID (or set iteration_id in .autolab/state.json)",
      );
    }
    if (name === "run_id")
      return fail(
        `${spec.key} uses {{run_id}} but the run is not known`,
        "pass --run-id R (the iteration has no run yet)",
      );
  }
  let argv: string[];
  try {
    argv = words.map((w) => expandPlaceholders(w, vars, spec.key));
  } catch (e) {
    return fail(...errorText(e, spec));
  }
  const env = {
    AUTOLAB_STAGE: ctx.stage,
    AUTOLAB_ITERATION_ID: ctx.iterationId,
    AUTOLAB_ITERATION_PATH: ctx.iterationPath,
    AUTOLAB_RUN_ID: ctx.runId,
  };
  return { kind: "run", argv, env };
}

/** The findings for the result of running `argv` (none when it exited 0). */
export function judgePolicyCommand(
  spec: PolicyCommandSpec,
  ctx: CommandContext,
  argv: readonly string[],
  r: ExecResult,
): Finding[] {
  if (ok(r)) return [];
  const where = whereOf(spec, ctx);
  const off = offHint(spec, ctx);
  if (r.spawnError && SCHEDULER_CLIENTS.has(path.basename(argv[0]))) {
    return [
      {
        severity: "notice",
        check: spec.check,
        ...where,
        message: `${spec.key} needs ${argv[0]}, which is not on this host (${r.spawnError}); not run here`,
        hint: `it runs where SLURM is installed (autolab verify on the login node, or the launch workflow), ${off}`,
      },
    ];
  }
  const tail = outputTail(r.stdout, r.stderr);
  return [
    {
      severity: "error",
      check: spec.check,
      ...where,
      message: `${spec.key} failed (${describeFailure(r)})${tail ? `; last output:\n${tail}` : ""}`,
      hint: `reproduce it from the repository root with: ${shellJoin(argv)}; fix what it reports, ${off}`,
    },
  ];
}
