/**
 * design.test_only (category dry_run, stage launch): would the cluster run
 * the iteration's design as it stands? The design's request is built as
 * launch builds it and given to the scheduler's test submission (nothing
 * queued; steps/admission.ts makes the findings, at the design key at
 * fault). A sweep's tasks all ask for the same resources, so one of them is
 * tested. The iteration is the policy commands' one (--iteration, else
 * state.json, else the only one with runs).
 *
 * Only where SLURM is reachable: on a host that cannot submit (a hosted
 * runner verifying a pull request) the check says it was skipped, as a
 * notice. A design that does not load or validate is design.schema's
 * finding, not this one's.
 */
import { newRunId } from "../contract/manifest.js";
import type { Scheduler } from "../scheduler/port.js";
import { ADMISSION_CHECK, testDesignRequest } from "../steps/admission.js";
import { AutolabError, type Finding } from "../util/errors.js";
import { loadIterationDesign } from "./facts.js";
import type { CommandContext } from "./types.js";

export async function admissionCheck(
  root: string,
  ctx: CommandContext,
  sched: Scheduler,
  now: Date,
): Promise<Finding[]> {
  if (!ctx.iterationPath || !ctx.iterationId) return [];
  const loaded = await loadIterationDesign(root, ctx.iterationPath);
  if (loaded.kind !== "ok" || loaded.doc.findings.length) return [];
  const doc = loaded.doc;
  const design = doc.data;
  if (design?.compute?.location !== "slurm") return [];
  const where = (p: string) => {
    try {
      return doc.locate(p);
    } catch {
      return {};
    }
  };
  const asked = sched.terms.testSubmit ?? `${sched.name} test submission`;
  const probe = await sched.probe({ timeoutMs: 10_000 });
  if (!probe.canSubmit)
    return [
      {
        severity: "notice",
        check: ADMISSION_CHECK,
        file: doc.file,
        message: `${asked} skipped: ${sched.name} is not reachable from this host (${probe.summary.join("; ")})`,
        hint: "verify on the cluster's runner to have the request tested before launch",
      },
    ];
  let submission;
  try {
    const request = sched.request({
      design,
      runId: newRunId(now, "000000"),
      iterationId: ctx.iterationId,
      iterationPath: ctx.iterationPath,
      workDir: root,
      pythonBin: String(ctx.policy.python_bin ?? "python3"),
    });
    submission = sched.prepare(request, { scriptPath: `${ctx.iterationPath}/launch/run_slurm.sbatch`, mode: "batch" });
  } catch (e) {
    if (!(e instanceof AutolabError)) throw e;
    const pointer = e.location.jsonPath;
    return [
      {
        severity: "error",
        check: ADMISSION_CHECK,
        file: doc.file,
        ...(pointer ? { jsonPath: pointer, ...where(pointer) } : {}),
        message: e.message,
        ...(e.hint ? { hint: e.hint } : {}),
      },
    ];
  }
  const t = await testDesignRequest(sched, submission, root, {
    file: doc.file,
    compute: design.compute as unknown as Record<string, unknown>,
    where,
  });
  if (t.unanswered !== undefined)
    return [
      {
        severity: "notice",
        check: ADMISSION_CHECK,
        file: doc.file,
        message: `${asked} skipped: the scheduler did not answer (${t.unanswered})`,
        hint: "verify again once the controller answers",
      },
    ];
  return t.findings;
}
