/** launch, plan: the request, the submission, whether this host can submit; the dry run. */
import path from "node:path";
import type { JobRequest, Submission } from "../../scheduler/port.js";
import { testDesignRequest, type DesignSite } from "../../steps/admission.js";
import { checkSnapshotable } from "../../steps/snapshot.js";
import { keyJobName } from "../../store/journal.js";
import { AutolabError } from "../../util/errors.js";
import { resultBase, safeLocate } from "./gather.js";
import type { DryRunResult, Gathered, LaunchResult, Prepared } from "./types.js";

export async function prepare(g: Gathered): Promise<Prepared> {
  const { opts, ws } = g;
  // With a work root, the job runs in a snapshot of the committed iteration: refuse uncommitted design changes.
  const snapshotDir = g.workRoot ? path.join(g.workRoot, g.run.runId) : undefined;
  if (snapshotDir) await checkSnapshotable(ws.root, g.iterationPath, g.log);
  const jobRoot = snapshotDir ?? ws.root;
  const request = requestFor(g, jobRoot);
  const submission = opts.scheduler.prepare(request, {
    scriptPath: g.scriptPath,
    mode: g.hostMode === "slurm" ? "batch" : "local",
  });
  let cannotSubmit: string[] | undefined;
  if (g.hostMode === "slurm") {
    const probe = await opts.scheduler.probe({ timeoutMs: 10_000 });
    if (!probe.canSubmit) cannotSubmit = probe.summary;
    if (cannotSubmit && !opts.dryRun) {
      throw new AutolabError(
        `design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${cannotSubmit.join("\n  ")}`,
        {
          file: g.designDisplay,
          ...safeLocate(g.locate, "/compute/location"),
          jsonPath: "/compute/location",
          hint: "run on a SLURM login node (or the self-hosted runner there), or set compute.location: local",
        },
      );
    }
  }
  // Before anything is written or queued: would the scheduler run this request at all?
  if (g.hostMode === "slurm" && !cannotSubmit && !opts.dryRun && !g.journal?.job_id)
    await refuseImpossible(g, submission, ws.root);
  return { request, submission, jobRoot, snapshotDir, cannotSubmit };
}

/** The design's site for findings about its compute block. */
export function designSite(g: Gathered): DesignSite {
  return {
    file: g.designDisplay,
    compute: g.design.compute as unknown as Record<string, unknown>,
    where: (p) => safeLocate(g.locate, p),
  };
}

/**
 * The scheduler's test submission (nothing queued): a request it would refuse,
 * or queue and never start, is refused here with the design key at fault.
 * When the scheduler cannot be asked, the launch goes on (its submit retries
 * and says what happened).
 */
export async function refuseImpossible(g: Gathered, s: Submission, cwd: string, what = ""): Promise<void> {
  const sched = g.opts.scheduler;
  const t = await testDesignRequest(sched, s, cwd, designSite(g));
  const asked = sched.terms.testSubmit ?? `${sched.name} test submission`;
  if (t.unanswered !== undefined) {
    g.log(`${asked}${what} could not be asked (${t.unanswered}); submitting without it`);
    return;
  }
  if (!t.findings.length) return;
  const [first] = t.findings;
  throw new AutolabError(
    `the scheduler would not run this request${what} (${asked}); nothing was submitted or recorded: ${t.findings.map((f) => f.message).join("; ")}`,
    {
      file: first.file,
      line: first.line,
      column: first.column,
      jsonPath: first.jsonPath,
      hint: first.hint,
      findings: t.findings,
    },
  );
}

/** The scheduler's request for this run; validation errors point at design.yaml's lines. */
function requestFor(g: Gathered, jobRoot: string): JobRequest {
  const req = baseRequest(g, jobRoot);
  // A keyed SLURM launch's job is named from its key, so that any checkout finds it (launch-plan.ts).
  const key = g.opts.launchKey;
  if (g.hostMode !== "slurm" || key === undefined) return req;
  return { ...req, name: g.journal?.job_name || keyJobName(key) };
}

function baseRequest(g: Gathered, jobRoot: string): JobRequest {
  try {
    return g.opts.scheduler.request({
      design: g.design,
      runId: g.run.runId,
      iterationId: g.iterationId,
      iterationPath: g.iterationPath,
      workDir: jobRoot,
      pythonBin: String(g.policy.python_bin ?? "python3"),
    });
  } catch (e) {
    if (!(e instanceof AutolabError) || e.location.file) throw e;
    const pointer = e.location.jsonPath;
    const findings = e.findings.map((f) =>
      f.jsonPath && !f.file ? { ...f, file: g.designDisplay, ...safeLocate(g.locate, f.jsonPath) } : f,
    );
    if (pointer) {
      throw new AutolabError(e.message, {
        file: g.designDisplay,
        jsonPath: pointer,
        ...safeLocate(g.locate, pointer),
        hint: e.hint,
        findings,
        cause: e,
      });
    }
    // Not a design value (e.g. the checkout's path cannot stand in an #SBATCH line).
    throw new AutolabError(e.message, { file: g.ws.root, hint: e.hint, findings, cause: e });
  }
}

export async function dryRun(g: Gathered, p: Prepared): Promise<LaunchResult> {
  const dry: DryRunResult = { script: p.submission.script, argv: p.submission.argv };
  if (g.hostMode === "slurm" && p.cannotSubmit) {
    dry.testOnlySkipped = `this host cannot submit to SLURM: ${p.cannotSubmit.join("; ")}`;
  } else if (g.hostMode === "slurm") {
    dry.testOnly = await g.opts.scheduler.testSubmit(p.submission, { cwd: g.ws.root, passEnv: g.passEnv });
  }
  return { ...resultBase(g), status: "dry-run", reused: false, adopted: false, dryRun: dry };
}
