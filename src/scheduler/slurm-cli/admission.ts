/**
 * Would SLURM run this request? One `sbatch --test-only` (the script on
 * stdin: nothing written, nothing queued) and, at the same time, one `sinfo`
 * answer with the partitions' limits. Launch asks this before anything is
 * queued or recorded; verify asks it of the iteration's design.
 *
 * Why the second question: `--test-only` refuses a request no node can hold
 * ("Requested node configuration is not available"), an unknown partition,
 * gres or feature, but it accepts a time limit over the partition's MaxTime
 * when the cluster has `EnforcePartLimits=NO` (the default): such a job is
 * queued and never starts (`PartitionTimeLimit`). So the time limit is
 * checked against the partitions' MaxTime here, and a refusal's words are
 * matched against the partitions' nodes to say which part of the request is
 * too big (CPUs per task, memory, nodes). Which design key that is, is the
 * caller's business (the port names request fields, never design keys).
 *
 * A refusal that says the controller did not answer is `unanswered`, never a
 * verdict on the request. Pure but for `admissionTest`.
 */
import { ok, runArgv } from "../../util/exec.js";
import type { AdmissionProblem, JobResources, MemorySize, Submission, TestSubmission } from "../port.js";
import { slurmDurationSeconds } from "./followup.js";
import { CLIENT_ENV, parseSinfoPartitions, SINFO_FORMAT, type PartitionInfo } from "./parse.js";
import { testOnly } from "./submit.js";
import { formatSlurmTime } from "./values-fields.js";

/** The largest number in a sinfo column (`2`, `4+`, `2,4`); undefined when none. */
function largest(v: string | undefined): number | undefined {
  const nums = (v ?? "")
    .split(",")
    .map((x) => Number(x.replace(/[^0-9]/g, "")))
    .filter((n) => Number.isFinite(n) && n > 0);
  return nums.length ? Math.max(...nums) : undefined;
}

/** Memory in MiB (sinfo's %m unit). */
function mebibytes(m: MemorySize): number {
  const n = Number(m.amount);
  return m.unit === "K" ? n / 1024 : m.unit === "M" ? n : m.unit === "G" ? n * 1024 : n * 1024 * 1024;
}

/** The partitions the request names (a list: any of them may run it), else the default one. */
function partitionsOf(res: JobResources, known: PartitionInfo[]): { names: string[]; found: PartitionInfo[] } {
  const names = res.partition
    ? res.partition
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : known.filter((p) => p.default).map((p) => p.name);
  return { names, found: known.filter((p) => names.includes(p.name)) };
}

const which = (names: string[]) => (names.length === 1 ? `partition ${names[0]}` : `partitions ${names.join(", ")}`);

/** Which part of a request no node of its partitions can hold (from a "node configuration" refusal). */
function tooBig(res: JobResources, found: PartitionInfo[], names: string[], words: string): AdmissionProblem[] {
  const out: AdmissionProblem[] = [];
  const cpus = Math.max(0, ...found.map((p) => largest(p.cpus) ?? 0));
  const mem = Math.max(0, ...found.map((p) => largest(p.memory) ?? 0));
  const nodes = Math.max(0, ...found.map((p) => largest(p.nodes) ?? 0));
  const said = `(sbatch --test-only: ${words})`;
  if (res.cpusPerTask !== undefined && cpus > 0 && res.cpusPerTask > cpus)
    out.push({
      field: "cpusPerTask",
      message: `${res.cpusPerTask} CPUs per task: no node of ${which(names)} has more than ${cpus} ${said}`,
    });
  if (res.memory && mem > 0 && mebibytes(res.memory) > mem)
    out.push({
      field: "memory",
      message: `${res.memory.amount}${res.memory.unit} of memory: no node of ${which(names)} has more than ${mem}M ${said}`,
    });
  if (res.nodes !== undefined && nodes > 0 && res.nodes > nodes)
    out.push({ field: "nodes", message: `${res.nodes} nodes: ${which(names)} has ${nodes} ${said}` });
  if (!out.length && res.gpus)
    out.push({ field: "gpus", message: `${res.gpus.count} GPU(s) cannot be given here ${said}` });
  return out;
}

/** What SLURM's refusal is about, by its words. */
function refusal(res: JobResources, known: PartitionInfo[] | undefined, words: string): AdmissionProblem[] {
  const { names, found } = partitionsOf(res, known ?? []);
  const said = `(sbatch --test-only: ${words})`;
  if (/invalid partition/i.test(words)) {
    const have = known?.length ? `; this cluster has ${known.map((p) => p.name).join(", ")}` : "";
    return [{ field: "partition", message: `${which(names)} does not exist here${have} ${said}` }];
  }
  if (/generic resource|gres/i.test(words))
    return [{ field: "gpus", message: `the GPU request is not valid here ${said}` }];
  if (/invalid feature/i.test(words))
    return [{ field: "constraint", message: `constraint ${res.constraint ?? ""} names a feature no node has ${said}` }];
  if (/invalid account/i.test(words)) return [{ field: "account", message: `the account is not valid here ${said}` }];
  if (/invalid qos/i.test(words)) return [{ field: "qos", message: `the QOS is not valid here ${said}` }];
  if (/node configuration is not available|more processors than permitted|memory specification/i.test(words)) {
    const big = tooBig(res, found, names, words);
    if (big.length) return big;
  }
  return [{ message: `the scheduler refuses the request: ${words}` }];
}

/** A time limit over the MaxTime of every partition that could run the job. */
function overTime(res: JobResources, known: PartitionInfo[]): AdmissionProblem[] {
  if (res.timeLimit === undefined) return [];
  const { names, found } = partitionsOf(res, known);
  if (!found.length || found.length < names.length) return [];
  const limits = found.map((p) => (p.maxTime === undefined ? undefined : slurmDurationSeconds(p.maxTime)));
  // `infinite` (or a limit sinfo did not print) lets any time through.
  if (limits.some((l) => l === undefined)) return [];
  const most = Math.max(...(limits as number[]));
  const asked = res.timeLimit === "unlimited" ? Infinity : res.timeLimit;
  if (asked <= most) return [];
  const time = res.timeLimit === "unlimited" ? "UNLIMITED" : formatSlurmTime(res.timeLimit);
  return [
    {
      field: "timeLimit",
      message: `a time limit of ${time} is over the MaxTime of ${which(names)} (${formatSlurmTime(most)}): SLURM would queue the job and never start it (PartitionTimeLimit)`,
    },
  ];
}

/** The verdict from the two answers (pure; rows in __tests__/unit/slurm-admission.test.ts). */
export function admissionVerdict(
  res: JobResources,
  test: { ok: boolean; output: string; unanswered?: boolean },
  partitions: PartitionInfo[] | undefined,
): TestSubmission {
  if (test.unanswered) return { ok: false, unanswered: true, output: test.output, problems: [] };
  const words = test.output.replace(/^sbatch: error: /gm, "").replace(/\s*\n\s*/g, "; ");
  const problems = test.ok ? [] : refusal(res, partitions, words);
  if (partitions && !problems.some((p) => p.field === "partition")) problems.push(...overTime(res, partitions));
  return { ok: problems.length === 0, output: test.output, problems };
}

/** `--clusters=<name>` of a submit argv (sinfo is asked about the same cluster). */
function clustersOf(argv: string[]): string[] {
  const c = argv.find((a) => a.startsWith("--clusters="));
  return c ? [c] : [];
}

/** Ask SLURM (two questions at once; the test submission as the job user when `asUser`, as the submission would be). */
export async function admissionTest(
  s: Submission,
  argv: string[],
  o: {
    cwd: string;
    timeoutMs?: number;
    bins?: { sbatch?: string; sinfo?: string };
    asUser?: string;
    passEnv?: Readonly<Record<string, string>>;
  },
): Promise<TestSubmission> {
  const [test, info] = await Promise.all([
    testOnly(argv, s.script, {
      cwd: o.cwd,
      timeoutMs: o.timeoutMs,
      sbatchBin: o.bins?.sbatch,
      asUser: o.asUser,
      passEnv: o.passEnv,
    }),
    runArgv(o.bins?.sinfo ?? "sinfo", [...clustersOf(argv), "--noheader", "-o", SINFO_FORMAT], {
      timeoutMs: o.timeoutMs ?? 30_000,
      env: CLIENT_ENV,
    }),
  ]);
  return admissionVerdict(s.request.resources, test, ok(info) ? parseSinfoPartitions(info.stdout) : undefined);
}
