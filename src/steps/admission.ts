/**
 * The scheduler's test of a design's request (`Scheduler.testSubmit`: nothing
 * queued), as findings at the design.yaml key each problem is about. Launch
 * refuses on them before anything is written or submitted (a sweep: once per
 * array chunk); verify reports them at the launch stage.
 */
import type { RequestField, Scheduler, Submission, TestSubmission } from "../scheduler/port.js";
import type { Finding } from "../util/errors.js";

export const ADMISSION_CHECK = "design.test_only";

/** The design keys of each request field, the first one set in the design being the one pointed at. */
const KEYS: Record<RequestField, string[]> = {
  timeLimit: ["walltime_estimate"],
  memory: ["memory_estimate"],
  cpusPerTask: ["cpus_per_task"],
  nodes: ["num_nodes"],
  gpus: ["gpu_count", "gpu_type"],
  partition: ["partition"],
  qos: ["qos"],
  account: ["account"],
  constraint: ["constraint"],
};

const HINTS: Partial<Record<RequestField, string>> = {
  timeLimit:
    "shorten compute.walltime_estimate, or choose a partition with a longer MaxTime (`autolab doctor` lists them)",
  partition: "choose one of the cluster's partitions (`autolab doctor` lists them)",
};
const HINT = "ask for less, or choose a partition whose nodes have it (`autolab doctor` lists the partitions)";

export interface DesignSite {
  /** The design as the user sees it (`experiments/.../design.yaml`). */
  file: string;
  /** The design's `compute` block. */
  compute: Record<string, unknown>;
  /** Line and column of a JSON pointer in the design (empty when it cannot tell). */
  where: (pointer: string) => { line?: number; column?: number };
}

/** Findings for what the scheduler said (pure). */
export function admissionFindings(t: TestSubmission, d: DesignSite): Finding[] {
  if (t.ok || t.unanswered) return [];
  const problems = t.problems?.length ? t.problems : [{ message: t.output }];
  return problems.map((p) => {
    const key = p.field ? KEYS[p.field].find((k) => d.compute[k] !== undefined) : undefined;
    const pointer = key ? `/compute/${key}` : "/compute";
    return {
      severity: "error",
      check: ADMISSION_CHECK,
      file: d.file,
      jsonPath: pointer,
      ...d.where(pointer),
      message: `${key ? `compute.${key}: ` : ""}${p.message}`,
      hint: (p.field && HINTS[p.field]) || HINT,
    };
  });
}

/** Ask the scheduler about one submission; the findings, or why it could not tell. */
export async function testDesignRequest(
  sched: Scheduler,
  s: Submission,
  cwd: string,
  d: DesignSite,
): Promise<{ findings: Finding[]; unanswered?: string }> {
  const t = await sched.testSubmit(s, { cwd });
  return t.unanswered ? { findings: [], unanswered: t.output } : { findings: admissionFindings(t, d) };
}
