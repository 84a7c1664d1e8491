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
 * - Several clusters: each cluster's outage is its own. A cluster that did not
 *   answer keeps its own count of consecutive failed ticks (`clusters`), its
 *   runs stay as they are and the runs of the clusters that answered are
 *   decided. `consecutive_failed_ticks` is the longest count of the clusters
 *   down this tick (so one cluster down for N ticks escalates, while runs
 *   elsewhere keep moving), and a count restarts when its cluster answers
 *   again (one cluster coming back while another goes down does not add
 *   the two outages together). The finding names the clusters down.
 */
import type { Finding } from "../util/errors.js";
import { clusterLabel as label } from "./cluster-answers.js";
import { MONITOR_STATE_PATH } from "./layout.js";

export interface MonitorState {
  schema_version: "1.0";
  last_tick_at?: string;
  last_ok_at?: string;
  consecutive_failed_ticks: number;
  last_poll_error?: string | null;
  last_poll_error_at?: string | null;
  first_failed_at?: string | null;
  /** Per cluster down (`""`: the client's default cluster): its own outage. Absent when none is down. */
  clusters?: Record<string, ClusterOutageState>;
}

export interface ClusterOutageState {
  consecutive_failed_ticks: number;
  first_failed_at: string;
  last_poll_error: string;
}

export interface OutageInfo {
  consecutiveFailedTicks: number;
  escalated: boolean;
  error: string;
  /** The named clusters that did not answer (absent: a single-cluster site's own outage). */
  clusters?: string[];
}

export interface OutageStep {
  /** The state to write; undefined: leave the file as it is. */
  state?: MonitorState;
  outage?: OutageInfo;
  finding?: Finding;
}

/** One cluster that did not answer this tick (`cluster` undefined or `""`: the default cluster). */
export interface FailedCluster {
  cluster?: string;
  error: string;
  /** How many runs are left unchanged by it (for the message). */
  runs?: number;
}

/** The previous per-cluster outages; a state file from before per-cluster counts: the default cluster's. */
function previousClusters(prev: MonitorState | undefined): Record<string, ClusterOutageState> {
  if (prev?.clusters && typeof prev.clusters === "object") return prev.clusters;
  const n = typeof prev?.consecutive_failed_ticks === "number" ? prev.consecutive_failed_ticks : 0;
  if (n <= 0) return {};
  return {
    "": {
      consecutive_failed_ticks: n,
      first_failed_at: prev?.first_failed_at ?? prev?.last_poll_error_at ?? "",
      last_poll_error: prev?.last_poll_error ?? "unknown",
    },
  };
}

/**
 * @param q the scheduler was asked this tick (`asked`); `failed`: the clusters
 *   that did not answer. Without `failed`, `ok: false` is the one cluster's outage.
 */
export function outageStep(
  prev: MonitorState | undefined,
  q: { asked: boolean; ok: boolean; error?: string; failed?: readonly FailedCluster[]; partial?: boolean },
  at: string,
  escalateAfterTicks: number,
): OutageStep {
  const before = previousClusters(prev);
  const failed: FailedCluster[] = q.asked
    ? q.failed?.length
      ? [...q.failed]
      : q.ok
        ? []
        : [{ error: q.error ?? "the scheduler query failed" }]
    : [];
  const now: Record<string, ClusterOutageState> = {};
  for (const f of failed) {
    const k = f.cluster ?? "";
    const p = before[k];
    now[k] = {
      consecutive_failed_ticks: (p?.consecutive_failed_ticks ?? 0) + 1,
      first_failed_at: p ? p.first_failed_at || at : at,
      last_poll_error: f.error,
    };
  }
  const recovered = Object.entries(before).filter(([k]) => !(k in now));
  const recoveredFinding: Finding | undefined = recovered.length
    ? {
        severity: "notice",
        check: "scheduler.recovered",
        message: recovered
          .map(([k, v]) =>
            k
              ? `${label(k)} answers again after ${v.consecutive_failed_ticks} failed tick(s) (last error: ${v.last_poll_error})`
              : `the scheduler answers again after ${v.consecutive_failed_ticks} failed tick(s) (last error: ${v.last_poll_error})`,
          )
          .join("; "),
        file: MONITOR_STATE_PATH,
      }
    : undefined;

  if (failed.length) {
    const keys = Object.keys(now);
    const n = Math.max(...keys.map((k) => now[k].consecutive_failed_ticks));
    const escalated = n >= escalateAfterTicks;
    const named = keys.filter((k) => k !== "");
    const single = !q.partial && keys.length === 1 && keys[0] === "";
    const error = single ? failed[0].error : failed.map((f) => `${label(f.cluster ?? "")}: ${f.error}`).join("; ");
    const firsts = keys.map((k) => now[k].first_failed_at).sort();
    const counts = keys.map((k) => `${label(k)} ${now[k].consecutive_failed_ticks}`).join(", ");
    const who = single ? "the scheduler did not answer" : `${keys.map(label).join(" and ")} did not answer`;
    const scope = q.partial
      ? `no run on ${keys.length === 1 ? "it" : "them"} was changed (${failed.reduce((a, f) => a + (f.runs ?? 0), 0)} job(s) asked there); runs on the clusters that answered were decided`
      : "no run was changed";
    const state: MonitorState = {
      ...(prev ?? {}),
      schema_version: "1.0",
      last_tick_at: at,
      consecutive_failed_ticks: n,
      last_poll_error: error,
      last_poll_error_at: at,
      first_failed_at: firsts[0],
    };
    if (single) delete state.clusters;
    else state.clusters = now;
    if (q.partial) state.last_ok_at = at;
    return {
      outage: { consecutiveFailedTicks: n, escalated, error, ...(named.length ? { clusters: named } : {}) },
      state,
      finding: {
        severity: escalated ? "error" : "warning",
        check: "scheduler.outage",
        message: `${who} (${error}); ${scope}. ${single ? `${n} consecutive failed tick(s)` : `consecutive failed ticks: ${counts}`}${escalated ? `, at or above the escalation threshold of ${escalateAfterTicks}` : ` (escalated at ${escalateAfterTicks})`}${recoveredFinding ? `. ${recoveredFinding.message}` : ""}`,
        file: MONITOR_STATE_PATH,
        hint: `check slurmctld, slurmdbd and munged ${named.length ? `of ${named.join(", ")} ` : "on the cluster "}(scontrol ping${named.length ? ` -M ${named[0]}` : ""}, sacctmgr show cluster, munge -n | unmunge); the next tick retries`,
      },
    };
  }
  if (recovered.length) {
    const state: MonitorState = {
      ...(prev as MonitorState),
      schema_version: "1.0",
      last_tick_at: at,
      ...(q.asked ? { last_ok_at: at } : {}),
      consecutive_failed_ticks: 0,
    };
    delete state.clusters;
    return { state, finding: recoveredFinding };
  }
  return {};
}
