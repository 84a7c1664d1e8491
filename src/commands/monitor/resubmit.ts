/**
 * The monitor's resubmission act (the decision is domain/resubmit.ts): the
 * run's next attempt is its launched script, unchanged, submitted through the
 * Scheduler port under the attempt's job name. Before submitting, the
 * scheduler is asked for a job of that name: one found (another monitor, or a
 * tick that died before recording, submitted it) is adopted, never submitted
 * twice. When the scheduler cannot tell, or the submission's fate is unknown,
 * the run is left as it was and the next tick decides again (the same name is
 * asked about again, so a job a lost reply created is adopted then).
 *
 * Two monitors (two clones) may both find no job and both submit. So the
 * attempt is submitted held (`--hold`) and the name asked about again: of the
 * attempt's jobs the lowest id is the attempt (ids grow with submission, and
 * each monitor sees its own job before it looks, so both pick the same one),
 * the others are cancelled and the winner released. A job is released only
 * after its monitor has looked, so two never run; a monitor that dies between
 * submitting and releasing leaves a held job the next tick settles the same
 * way. A script held by the user's own `#SBATCH --hold` is not released.
 */
import path from "node:path";
import type { RunManifest } from "../../contract/types.js";
import { runLayout } from "../../domain/layout.js";
import { resubmittedManifest, type ResubmittedJob } from "../../domain/resubmit.js";
import { manifestCluster, statusOf, transition } from "../../domain/run.js";
import { passedEnv, passEnvNames, submitSettings } from "../../domain/settings.js";
import type { RunStep } from "../../domain/tick.js";
import type { SubmitOutcome } from "../../scheduler/port.js";
import type { LoadedRun } from "../../store/runs.js";
import { readNoFollow } from "../../util/fs.js";
import type { TickContext } from "./advance.js";

function leftAsItWas(l: LoadedRun, message: string): RunStep {
  return {
    manifest: l.manifest,
    transitions: [],
    findings: [{ severity: "warning", check: "monitor.resubmit_unknown", file: l.run.manifestDisplay, message }],
    sync: false,
  };
}

function failed(step: RunStep, at: string, reason: string, message: string): RunStep {
  const from = statusOf(step.manifest);
  const next = transition(step.manifest, "failed", at, message, { reason, message });
  const { resubmit: _done, ...rest } = step;
  if (!next) return rest;
  return {
    ...rest,
    manifest: next,
    transitions: [...step.transitions, { from, to: "failed", evidence: message }],
    failureReason: reason,
  };
}

/** The job root and the script of the run as launched. */
function launchedScript(c: TickContext, m: RunManifest, l: LoadedRun): { workDir: string; scriptPath: string } {
  const launch = (m.launch ?? {}) as Record<string, unknown>;
  const wd = launch.work_dir;
  const workDir = typeof wd === "string" && path.isAbsolute(wd) ? wd : c.root;
  const sp = launch.script;
  const scriptPath = typeof sp === "string" && sp !== "" ? sp : runLayout(l.run.iterationPath, m.run_id).slurmScript;
  return { workDir, scriptPath };
}

export async function resubmitFirst(c: TickContext, l: LoadedRun, step: RunStep): Promise<RunStep> {
  const plan = step.resubmit!;
  const m = step.manifest;
  const what = `run ${m.run_id}: attempt ${plan.attempt - 1} (job ${plan.previousJobId}) ended ${plan.reason}`;
  if (c.dryRun)
    return {
      ...step,
      findings: [...step.findings, notice(l, `${what}; would resubmit it as attempt ${plan.attempt} (${plan.name})`)],
    };
  const { workDir, scriptPath } = launchedScript(c, m, l);
  const read = await readNoFollow(path.join(workDir, scriptPath), 4 * 1024 * 1024);
  if (!read.data) {
    return failed(
      step,
      c.at,
      plan.reason,
      `${what}; it cannot be resubmitted: its script ${path.join(workDir, scriptPath)} is ${read.skipped ? "a link" : "missing"}`,
    );
  }
  const sched = c.scheduler;
  // The run's attempts all go to the cluster its job ran on (slurm.cluster): looked up there too.
  const cluster = manifestCluster(m);
  const found = await jobsNamed(c, plan.name, cluster);
  if (found.ids === undefined)
    return leftAsItWas(
      l,
      `${what}; the scheduler could not say whether attempt ${plan.attempt} (${plan.name}) exists (${found.error}): nothing was submitted, decided again next tick`,
    );
  let ids = found.ids;
  let submitted: Extract<SubmitOutcome, { kind: "job" }> | undefined;
  // The variables the launch passed to the scheduler (slurm.passed_env), as recorded, where the policy still lists them.
  let passEnv: Record<string, string>;
  try {
    passEnv = passedEnv(passEnvNames(c.policy), m.slurm?.passed_env ?? {});
  } catch (e) {
    return leftAsItWas(l, `${what}; nothing was submitted: ${(e as Error).message}`);
  }
  if (!ids.length) {
    const submission = sched.prepareAttempt({
      runId: m.run_id,
      iterationId: m.iteration_id,
      workDir,
      scriptPath,
      script: read.data.toString("utf8"),
      name: plan.name,
      attempt: plan.attempt,
      hold: true,
      ...(plan.excludeNodes ? { excludeNodes: plan.excludeNodes } : {}),
      ...(cluster ? { cluster } : {}),
    });
    const tuning = submitSettings(c.policy);
    const out = await sched.submit(submission, {
      cwd: workDir,
      timeoutMs: tuning.timeoutMs,
      retries: tuning.retries,
      baseDelayMs: tuning.baseDelayMs,
      passEnv,
    });
    if (out.kind === "refused")
      return failed(step, c.at, plan.reason, `${what}; its resubmission was refused: ${out.message}`);
    if (out.kind === "unknown")
      return leftAsItWas(
        l,
        `${what}; ${sched.terms.submit} did not answer (${out.message}): decided again next tick (a job it created is adopted by its name)`,
      );
    submitted = out;
    // Another monitor may have submitted the same attempt meanwhile: look again (both jobs are held).
    const again = await jobsNamed(c, plan.name, cluster);
    if (again.ids === undefined)
      return leftAsItWas(
        l,
        `${what}; job ${out.jobId} was submitted held as attempt ${plan.attempt}, but the scheduler could not list the attempt's jobs (${again.error}): it is settled next tick`,
      );
    ids = [...new Set([...again.ids, out.jobId])].sort((a, b) => Number(a) - Number(b));
  }
  const settled = await settle(c, ids, cluster, holdsItself(read.data.toString("utf8")));
  if ("error" in settled) return leftAsItWas(l, `${what}; ${settled.error}: the attempt's job is released next tick`);
  const cancelled = settled.cancelled.length
    ? `; job${settled.cancelled.length === 1 ? "" : "s"} ${settled.cancelled.join(", ")} of the same attempt (a racing monitor's) cancelled`
    : "";
  const job: ResubmittedJob =
    submitted && submitted.jobId === settled.winner
      ? {
          jobId: submitted.jobId,
          cluster: submitted.cluster ?? cluster,
          adopted: submitted.adopted,
          submitAttempts: submitted.attempts,
          evidence: `${submitted.evidence}${cancelled}`,
        }
      : {
          jobId: settled.winner,
          ...(cluster ? { cluster } : {}),
          adopted: true,
          submitAttempts: 0,
          evidence: `job ${settled.winner} found by its name ${plan.name} and adopted${cancelled}`,
        };
  const next = resubmittedManifest(m, plan, { ...job, passedEnv: passEnv }, c.at);
  const { resubmit: _done, ...rest } = step;
  return {
    ...rest,
    manifest: next,
    findings: [
      ...step.findings,
      notice(
        l,
        `${what}; ${job.evidence}: attempt ${plan.attempt} (restart ${plan.restarts} of ${plan.maxRestarts})${plan.excludeNodes ? `, excluding ${plan.excludeNodes}` : ""}`,
      ),
    ],
  };
}

/** Job ids of the attempt's name, oldest first; undefined when the scheduler could not tell. */
async function jobsNamed(
  c: TickContext,
  name: string,
  cluster: string | undefined,
): Promise<{ ids?: string[]; error?: string }> {
  const found = await c.scheduler.findByName(name, {
    controller: true,
    timeoutMs: c.settings.clientTimeoutMs,
    ...(cluster ? { cluster } : {}),
  });
  const ids = found.ok ? found.jobIds : found.controller?.ok ? found.controller.jobIds : undefined;
  return ids === undefined ? { error: found.error ?? "no answer" } : { ids };
}

/** The script asks to be held itself (`#SBATCH --hold`): the user releases it, not the monitor. */
function holdsItself(script: string): boolean {
  return /^#SBATCH[ \t]+(?:--hold|-H)\b/m.test(script);
}

/**
 * The attempt's one job: the lowest id of its name (job ids grow with
 * submission, and every monitor sees its own held job before it looks, so
 * every monitor picks the same one). The others are cancelled, the winner
 * released.
 */
async function settle(
  c: TickContext,
  ids: string[],
  cluster: string | undefined,
  keepHeld: boolean,
): Promise<{ winner: string; cancelled: string[] } | { error: string }> {
  const ref = (id: string) => (cluster ? `${id};${cluster}` : id);
  const [winner, ...others] = ids;
  const t = { timeoutMs: c.settings.clientTimeoutMs };
  if (others.length) {
    const r = await c.scheduler.cancel(others.map(ref), t);
    if (!r.ok)
      return {
        error: `${c.scheduler.terms.cancel} of the attempt's extra jobs ${others.join(", ")} failed (${r.error})`,
      };
  }
  if (!keepHeld) {
    const r = await c.scheduler.release([ref(winner)], t);
    if (!r.ok) return { error: `job ${winner} could not be released (${r.error})` };
  }
  return { winner, cancelled: others };
}

function notice(l: LoadedRun, message: string) {
  return { severity: "notice" as const, check: "monitor.resubmitted", file: l.run.manifestDisplay, message };
}
