/**
 * The pure state map: what a SLURM job state (as sacct, squeue or scontrol
 * print it) means: `judgeObservation(obs)` is the adapter's `judge()`. Data
 * in, data out; no I/O.
 *
 * Rules (each one a test in __tests__/unit/statemap.test.ts):
 * - The scheduler's success is COMPLETED with ExitCode 0:0 (and a `.batch`
 *   step that exited 0); the run's own success also needs its sentinel
 *   (domain/tick.ts).
 * - An accounting (sacct) row is final only when its state is terminal and
 *   End is set: sacct lags, and after an accounting outage it shows final
 *   states with End=Unknown for a while.
 * - sacct's main row can say PENDING (JobName `allocation`) while `.batch`
 *   already RUNNING: the job is running.
 * - PENDING, CONFIGURING, REQUEUED, REQUEUE_HOLD, REQUEUE_FED, RESV_DEL_HOLD
 *   are pending; RUNNING, COMPLETING, SUSPENDED, STOPPED, SIGNALING,
 *   RESIZING, STAGE_OUT are running; none of them is terminal.
 * - PREEMPTED is terminal (failed, `preempted`). A job preempted with
 *   requeue goes back to PENDING in the controller at once (its old
 *   accounting record says PREEMPTED); the query layer lets a live,
 *   non-terminal controller state win over a final accounting row, so a
 *   requeued job is seen as pending, not as preempted.
 * - REVOKED (federation: a sibling cluster runs the job) is not an end: the
 *   query follows the job on its siblings and judges the sibling's record; a
 *   REVOKED record the siblings did not show is `unknown` (never a failure).
 * - SPECIAL_EXIT and REQUEUE_HOLD are held: pending until someone releases
 *   the job, which then runs again (the judge flags them like a pending
 *   reason that never starts by itself, so the monitor warns).
 * - A state this table does not know is phase `unknown`, never success.
 * - Arrays: the parent is terminal only when every task is, and succeeds only
 *   when every task completed with 0:0.
 * - What the run then does (the sentinel before and after the sync, the grace
 *   for a job no source knows) is domain/tick.ts's, not this table's.
 */
import { expandArrayRange, parseArrayJobId, parseExitCode, type ArrayJobId } from "./parse.js";
import {
  FAILED_STATES,
  isTerminalState,
  normalizeState,
  HELD_STATES,
  PENDING_STATES,
  RUNNING_STATES,
  REVOKED_STATE,
  type FailureReason,
} from "../states.js";

export { isTerminalState, normalizeState, type FailureReason };

export { parseArrayJobId, expandArrayRange };
export type { ArrayJobId };

export type JobPhase = "pending" | "running" | "succeeded" | "failed" | "unknown";

export interface StateDecision {
  phase: JobPhase;
  terminal: boolean;
  failureReason?: FailureReason;
  /** Uid from `CANCELLED by <uid>`. */
  cancelledBy?: string;
  /** One sentence of evidence, e.g. `sacct State=COMPLETED ExitCode=0:0; sentinel exit 0`. */
  detail: string;
}

import type { JobObservation } from "../port.js";

export type { JobObservation };

type Classified = Omit<StateDecision, "detail"> & { note: string };

function classify(state: string, exitCode: string | undefined): Classified {
  const { name, by } = normalizeState(state);
  if (HELD_STATES.has(name))
    return { phase: "pending", terminal: false, note: "held until someone releases it (it then runs again)" };
  if (PENDING_STATES.has(name)) return { phase: "pending", terminal: false, note: "waiting to run" };
  if (RUNNING_STATES.has(name)) return { phase: "running", terminal: false, note: "running" };
  if (name === REVOKED_STATE)
    return {
      phase: "unknown",
      terminal: false,
      note: "revoked on this cluster: in a federation the job runs on a sibling cluster, which did not show it (followed there on the next tick)",
    };
  if (name === "COMPLETED") {
    const parsed = parseExitCode(exitCode);
    if (!parsed) return { phase: "running", terminal: false, note: "completed, exit code not known yet" };
    if (parsed.code === 0 && parsed.signal === 0)
      return { phase: "succeeded", terminal: true, note: "completed with exit 0" };
    return { phase: "failed", terminal: true, failureReason: "exit_code", note: "completed with a non-zero exit code" };
  }
  const reason = FAILED_STATES[name];
  if (reason === "cancelled") {
    return by !== undefined
      ? { phase: "failed", terminal: true, failureReason: reason, cancelledBy: by, note: `cancelled by uid ${by}` }
      : { phase: "failed", terminal: true, failureReason: reason, note: "cancelled" };
  }
  if (reason === "exit_code") {
    const p = parseExitCode(exitCode);
    const note = p ? (p.signal ? `failed, killed by signal ${p.signal}` : `failed with exit ${p.code}`) : "failed";
    return { phase: "failed", terminal: true, failureReason: reason, note };
  }
  if (reason) return { phase: "failed", terminal: true, failureReason: reason, note: reason.replace("_", " ") };
  return {
    phase: "unknown",
    terminal: false,
    failureReason: "unknown_state",
    note: "a state autolab does not know (never taken as success)",
  };
}

function toDecision(c: Classified, evidence: string): StateDecision {
  const { note, ...rest } = c;
  return { ...rest, detail: `${evidence}: ${note}` };
}

/**
 * The meaning of one state (with its exit code) on its own: no sentinel, no
 * End check. COMPLETED 0:0 is `succeeded` here; domain/tick.ts adds the sentinel.
 */
export function mapSlurmState(state: string, exitCode?: string): StateDecision {
  const ec = exitCode !== undefined ? ` ExitCode=${exitCode}` : "";
  return toDecision(classify(state, exitCode), `State=${state.trim()}${ec}`);
}

function describeObs(o: JobObservation): string {
  const parts = [`${o.source} State=${o.state}`];
  if (o.exitCode !== undefined) parts.push(`ExitCode=${o.exitCode}`);
  if (o.reason !== undefined && o.reason !== "None") parts.push(`Reason=${o.reason}`);
  if (o.batchState !== undefined) parts.push(`batch=${o.batchState}${o.batchExitCode ? ` ${o.batchExitCode}` : ""}`);
  return parts.join(" ");
}

/** One job (not an array parent), without the sentinel. */
function decideOne(o: JobObservation): StateDecision {
  const { name } = normalizeState(o.state);
  const evidence = describeObs(o);
  // sacct before the job record is complete: main row PENDING (`allocation`), .batch started.
  if (o.source === "sacct" && PENDING_STATES.has(name) && o.batchState !== undefined) {
    const b = normalizeState(o.batchState).name;
    if (RUNNING_STATES.has(b) || b === "COMPLETED" || b in FAILED_STATES) {
      return { phase: "running", terminal: false, detail: `${evidence}: the batch step has started` };
    }
  }
  const c = classify(o.state, o.exitCode);
  if (c.terminal && o.source === "sacct" && o.end === undefined) {
    return { phase: "running", terminal: false, detail: `${evidence}: End is not set yet, so not final` };
  }
  if (c.phase === "succeeded" && o.batchExitCode !== undefined) {
    const b = parseExitCode(o.batchExitCode);
    if (b && (b.code !== 0 || b.signal !== 0)) {
      return {
        phase: "failed",
        terminal: true,
        failureReason: "exit_code",
        detail: `${evidence}: the batch step did not exit 0`,
      };
    }
  }
  if (c.phase === "pending" && o.reason) c.note = `waiting to run (reason ${o.reason})`;
  return toDecision(c, evidence);
}

function decideArray(o: JobObservation): StateDecision {
  const tasks = o.tasks ?? [];
  if (tasks.length === 0)
    return {
      phase: "unknown",
      terminal: false,
      failureReason: "unknown_job",
      detail: `${o.source}: array ${o.jobId} has no tasks listed`,
    };
  const decided = tasks.map((t) => ({ t, d: decideOne(t) }));
  const count = (p: JobPhase) => decided.filter((x) => x.d.phase === p).length;
  const tally = `${tasks.length} task record(s): ${(
    ["succeeded", "failed", "running", "pending", "unknown"] as JobPhase[]
  )
    .map((p) => [p, count(p)] as const)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${n} ${p}`)
    .join(", ")}`;
  const open = decided.filter((x) => !x.d.terminal);
  if (open.length > 0) {
    const phase: JobPhase = count("running") > 0 ? "running" : count("pending") > 0 ? "pending" : "unknown";
    return { phase, terminal: false, detail: `array ${o.jobId}: ${tally}` };
  }
  const failed = decided.filter((x) => x.d.phase === "failed");
  if (failed.length === 0) return { phase: "succeeded", terminal: true, detail: `array ${o.jobId}: ${tally}` };
  const first = failed[0];
  const out: StateDecision = {
    phase: "failed",
    terminal: true,
    failureReason: first.d.failureReason ?? "exit_code",
    detail: `array ${o.jobId}: ${tally}; first failure ${first.t.jobId}: ${first.d.detail}`,
  };
  if (first.d.cancelledBy !== undefined) out.cancelledBy = first.d.cancelledBy;
  return out;
}

/** The meaning of one observation (a job or an array), before the sentinel and the grace rules (domain/tick.ts). */
export function judgeObservation(o: JobObservation): StateDecision {
  return o.tasks !== undefined ? decideArray(o) : decideOne(o);
}
