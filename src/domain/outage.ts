/**
 * Scheduler outages across ticks (`.autolab/monitor_state.json`). Pure.
 *
 * - A tick whose question the controller did not answer changes no run; it
 *   counts one more consecutive failed tick, remembers the error and when the
 *   outage began, and is a warning, then an error from
 *   `escalateAfterTicks` failed ticks on (so the workflow fails loudly).
 * - The first tick after an outage (the scheduler answered, or there was
 *   nothing to ask) records the end once, with a notice.
 * - Otherwise the state file is not written (an idle tick commits nothing).
 */
import type { Finding } from "../util/errors.js";
import { MONITOR_STATE_PATH } from "./layout.js";

export interface MonitorState {
  schema_version: "1.0";
  last_tick_at?: string;
  last_ok_at?: string;
  consecutive_failed_ticks: number;
  last_poll_error?: string | null;
  last_poll_error_at?: string | null;
  first_failed_at?: string | null;
}

export interface OutageInfo {
  consecutiveFailedTicks: number;
  escalated: boolean;
  error: string;
}

export interface OutageStep {
  /** The state to write; undefined: leave the file as it is. */
  state?: MonitorState;
  outage?: OutageInfo;
  finding?: Finding;
}

/**
 * @param asked the scheduler was asked this tick; `ok` whether it answered.
 */
export function outageStep(
  prev: MonitorState | undefined,
  q: { asked: boolean; ok: boolean; error?: string },
  at: string,
  escalateAfterTicks: number,
): OutageStep {
  const prevFailures = typeof prev?.consecutive_failed_ticks === "number" ? prev.consecutive_failed_ticks : 0;
  if (q.asked && !q.ok) {
    const n = prevFailures + 1;
    const escalated = n >= escalateAfterTicks;
    const error = q.error ?? "the scheduler query failed";
    return {
      outage: { consecutiveFailedTicks: n, escalated, error },
      state: {
        ...(prev ?? {}),
        schema_version: "1.0",
        last_tick_at: at,
        consecutive_failed_ticks: n,
        last_poll_error: error,
        last_poll_error_at: at,
        first_failed_at: prevFailures > 0 ? (prev?.first_failed_at ?? at) : at,
      },
      finding: {
        severity: escalated ? "error" : "warning",
        check: "scheduler.outage",
        message: `the scheduler did not answer (${error}); no run was changed. ${n} consecutive failed tick(s)${escalated ? `, at or above the escalation threshold of ${escalateAfterTicks}` : ` (escalated at ${escalateAfterTicks})`}`,
        file: MONITOR_STATE_PATH,
        hint: "check slurmctld, slurmdbd and munged on the cluster (scontrol ping, sacctmgr show cluster, munge -n | unmunge); the next tick retries",
      },
    };
  }
  if (prevFailures > 0) {
    return {
      state: {
        ...(prev as MonitorState),
        schema_version: "1.0",
        last_tick_at: at,
        ...(q.asked ? { last_ok_at: at } : {}),
        consecutive_failed_ticks: 0,
      },
      finding: {
        severity: "notice",
        check: "scheduler.recovered",
        message: `the scheduler answers again after ${prevFailures} failed tick(s) (last error: ${prev?.last_poll_error ?? "unknown"})`,
        file: MONITOR_STATE_PATH,
      },
    };
  }
  return {};
}
