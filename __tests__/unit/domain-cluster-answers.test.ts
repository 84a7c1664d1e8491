/**
 * Issue 10, item 6: one cluster down must not block the others. What a tick
 * keeps of several clusters' answers (domain/cluster-answers.ts) and how the
 * outage count behaves when only one cluster is down (domain/outage.ts).
 */
import { describe, expect, it } from "vitest";
import { answerFor, mergeClusterAnswers, type ClusterAnswer } from "../../src/domain/cluster-answers.js";
import { outageStep, type MonitorState } from "../../src/domain/outage.js";

const DEV2 = "autolab-dev2";

function part(cluster: string | undefined, refs: string[], ok: boolean, error?: string): ClusterAnswer<string> {
  return {
    cluster,
    refs,
    ok,
    ...(error ? { error } : {}),
    // A cluster that did not answer may still carry something half-read: it is never kept.
    observations: new Map(refs.map((r) => [r, ok ? `seen ${r}` : `stale ${r}`])),
    unresolved: ok ? [] : refs,
  };
}

describe("mergeClusterAnswers: what a tick keeps of each cluster's answer", () => {
  it.each([
    {
      name: "every cluster answered: all observations, no outage",
      parts: [part(undefined, ["1"], true), part(DEV2, [`7;${DEV2}`], true)],
      ok: true,
      kept: ["1", `7;${DEV2}`],
      outages: [],
      error: undefined,
    },
    {
      name: "dev2 down: the default cluster's answers kept, dev2's refs are its outage",
      parts: [part(undefined, ["1", "2"], true), part(DEV2, [`7;${DEV2}`], false, "squeue: exit 1")],
      ok: true,
      kept: ["1", "2"],
      outages: [{ cluster: DEV2, error: "squeue: exit 1", refs: [`7;${DEV2}`] }],
      error: `cluster ${DEV2}: squeue: exit 1`,
    },
    {
      name: "the default cluster down: dev2's answers kept",
      parts: [part(undefined, ["1"], false, "timeout"), part(DEV2, [`7;${DEV2}`], true)],
      ok: true,
      kept: [`7;${DEV2}`],
      outages: [{ error: "timeout", refs: ["1"] }],
      error: "the default cluster: timeout",
    },
    {
      name: "both down: nothing known",
      parts: [part(undefined, ["1"], false, "a"), part(DEV2, [`7;${DEV2}`], false, "b")],
      ok: false,
      kept: [],
      outages: [
        { error: "a", refs: ["1"] },
        { cluster: DEV2, error: "b", refs: [`7;${DEV2}`] },
      ],
      error: `the default cluster: a; cluster ${DEV2}: b`,
    },
    {
      name: "a single cluster down: its own words, as before",
      parts: [part(undefined, ["1"], false, "squeue: exit 1")],
      ok: false,
      kept: [],
      outages: [{ error: "squeue: exit 1", refs: ["1"] }],
      error: "squeue: exit 1",
    },
    { name: "nothing asked", parts: [], ok: true, kept: [], outages: [], error: undefined },
  ])("$name", ({ parts, ok, kept, outages, error }) => {
    const m = mergeClusterAnswers(parts);
    expect(m.ok).toBe(ok);
    expect([...m.observations.keys()]).toEqual(kept);
    expect([...m.observations.values()].every((v) => v.startsWith("seen "))).toBe(true);
    expect(m.outages).toEqual(outages);
    expect(m.error).toBe(error);
  });

  it("answerFor: a run is an outage only when its own cluster (or every cluster) did not answer", () => {
    const m = mergeClusterAnswers([part(undefined, ["1"], true), part(DEV2, [`7;${DEV2}`], false, "down")]);
    expect(answerFor("1", m)).toBe("answered");
    expect(answerFor(`7;${DEV2}`, m)).toBe("outage");
    expect(answerFor("7", m)).toBe("answered"); // the default cluster's job 7 is another job
    expect(answerFor("1", { ok: false })).toBe("outage");
    expect(answerFor("1", undefined)).toBe("outage");
    expect(answerFor(undefined, { ok: true })).toBe("answered");
  });
});

describe("outageStep with several clusters: each cluster's outage is its own", () => {
  const at = "2026-12-04T03:00:00Z";
  const dev2Down = { asked: true, ok: false, partial: true, failed: [{ cluster: DEV2, error: "down", runs: 1 }] };
  const state = (o: Partial<MonitorState>): MonitorState => ({
    schema_version: "1.0",
    consecutive_failed_ticks: 0,
    ...o,
  });

  it.each([
    {
      name: "dev2 down for the first time: 1, a warning naming dev2, runs elsewhere decided",
      prev: undefined,
      q: dev2Down,
      n: 1,
      severity: "warning",
      clusters: { [DEV2]: 1 },
      message: new RegExp(`cluster ${DEV2} did not answer.*runs on the clusters that answered were decided`),
    },
    {
      name: "dev2 down again: 2, the count is dev2's",
      prev: state({
        consecutive_failed_ticks: 1,
        clusters: { [DEV2]: { consecutive_failed_ticks: 1, first_failed_at: "A", last_poll_error: "down" } },
      }),
      q: dev2Down,
      n: 2,
      severity: "warning",
      clusters: { [DEV2]: 2 },
      message: new RegExp(`cluster ${DEV2} 2`),
    },
    {
      name: "dev2 down a third tick: escalated (3), an error naming dev2",
      prev: state({
        consecutive_failed_ticks: 2,
        clusters: { [DEV2]: { consecutive_failed_ticks: 2, first_failed_at: "A", last_poll_error: "down" } },
      }),
      q: dev2Down,
      n: 3,
      severity: "error",
      clusters: { [DEV2]: 3 },
      message: new RegExp(`cluster ${DEV2} did not answer.*escalation threshold of 3`),
    },
    {
      name: "dev2 back while the default cluster goes down: the two outages are not added up",
      prev: state({
        consecutive_failed_ticks: 2,
        clusters: { [DEV2]: { consecutive_failed_ticks: 2, first_failed_at: "A", last_poll_error: "down" } },
      }),
      q: { asked: true, ok: false, partial: true, failed: [{ error: "timeout", runs: 1 }] },
      n: 1,
      severity: "warning",
      clusters: { "": 1 },
      message: new RegExp(`the default cluster did not answer.*cluster ${DEV2} answers again after 2`),
    },
    {
      name: "dev2 answers again: 0, a notice naming dev2, the per-cluster record dropped",
      prev: state({
        consecutive_failed_ticks: 2,
        clusters: { [DEV2]: { consecutive_failed_ticks: 2, first_failed_at: "A", last_poll_error: "down" } },
      }),
      q: { asked: true, ok: true },
      n: 0,
      severity: "notice",
      clusters: undefined,
      message: new RegExp(`cluster ${DEV2} answers again after 2 failed tick`),
    },
  ])("$name", ({ prev, q, n, severity, clusters, message }) => {
    const s = outageStep(prev, q, at, 3);
    expect(s.state?.consecutive_failed_ticks).toBe(n);
    expect(s.finding?.severity).toBe(severity);
    expect(s.finding?.message).toMatch(message);
    const got = s.state?.clusters
      ? Object.fromEntries(Object.entries(s.state.clusters).map(([k, v]) => [k, v.consecutive_failed_ticks]))
      : undefined;
    expect(got).toEqual(clusters);
  });

  it("a partial outage keeps when it began, and counts the tick as answered for the rest", () => {
    const s = outageStep(
      state({
        consecutive_failed_ticks: 1,
        clusters: { [DEV2]: { consecutive_failed_ticks: 1, first_failed_at: "A", last_poll_error: "down" } },
      }),
      dev2Down,
      "B",
      3,
    );
    expect(s.state).toMatchObject({ first_failed_at: "A", last_poll_error_at: "B", last_ok_at: "B" });
    expect(s.outage).toMatchObject({ consecutiveFailedTicks: 2, escalated: false, clusters: [DEV2] });
    expect(s.finding?.hint).toContain(`scontrol ping -M ${DEV2}`);
  });
});
