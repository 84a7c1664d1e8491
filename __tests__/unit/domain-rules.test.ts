/**
 * The pure domain's other rules as tables: the one transition, the one
 * sentinel parser, the manifest merge of a replayed change set, the outage
 * bookkeeping, the settings and the layout. No processes, no files.
 */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import { manifestEdit, merge3 } from "../../src/domain/manifest-merge.js";
import { outageStep } from "../../src/domain/outage.js";
import { firstTransition, statusOf, transition } from "../../src/domain/run.js";
import { parseSentinel, sentinelEvidence } from "../../src/domain/sentinel.js";
import { extractTimeoutSeconds, monitorSettings, submitSettings } from "../../src/domain/settings.js";
import { GENERATED_RUN_ID, isRunId, runLayout } from "../../src/domain/layout.js";
import { isoSeconds } from "../../src/domain/time.js";

const m0: RunManifest = {
  schema_version: "1.0",
  run_id: "R1",
  iteration_id: "it",
  host_mode: "slurm",
  command: "true",
  resource_request: {},
  artifact_sync_to_local: { status: "pending" },
  timestamps: { started_at: "2026-11-28T11:00:00Z" },
  status: "submitted",
  job_id: "42",
  slurm: { job_id: "42" },
  history: [],
};

describe("transition: the only way a status changes", () => {
  it.each([
    ["submitted", "running", true],
    ["submitted", "completed", true],
    ["running", "submitted", false],
    ["completed", "failed", false],
    ["failed", "running", false],
    ["running", "running", false],
    ["partial", "completed", false],
  ] as const)("%s -> %s allowed %s", (from, to, ok) => {
    const next = transition({ ...m0, status: from }, to, "2026-11-28T12:00:00Z", "why");
    expect(next !== undefined).toBe(ok);
  });

  it("appends one history entry, sets completed_at twice, records one failure shape, and leaves the input alone", () => {
    const before = structuredClone(m0);
    const f = transition(m0, "failed", "T", "it broke", { reason: "timeout", message: "it broke", exit_code: "0:15" })!;
    expect(m0).toEqual(before);
    expect(f.history).toEqual([{ from: "submitted", to: "failed", at: "T", evidence: "it broke" }]);
    expect([f.completed_at, f.timestamps.completed_at]).toEqual(["T", "T"]);
    expect(f.failure).toEqual({ reason: "timeout", message: "it broke", exit_code: "0:15" });
    expect(f.slurm?.failure_reason).toBe("timeout");
    const local = transition({ ...m0, host_mode: "local", slurm: undefined }, "failed", "T", "x")!;
    expect(local.failure).toEqual({ reason: "unknown", message: "x" });
    expect(local.slurm).toBeUndefined();
  });

  it("a new record starts from pending; a manifest without status reads as submitted (SLURM with job id) or pending", () => {
    const n = firstTransition(
      { ...m0, status: undefined, history: undefined },
      "submitted",
      "T",
      "sbatch returned job 42",
    );
    expect(n.history).toEqual([{ from: "pending", to: "submitted", at: "T", evidence: "sbatch returned job 42" }]);
    expect(statusOf({ ...m0, status: undefined })).toBe("submitted");
    expect(statusOf({ ...m0, status: undefined, job_id: undefined, slurm: {} })).toBe("pending");
    expect(statusOf({ ...m0, status: "weird" as never })).toBe("submitted");
  });
});

describe("parseSentinel: one parser for the monitor, extract and verify", () => {
  it.each([
    [undefined, { state: "missing" }],
    ["{", { state: "invalid" }],
    ["[1]", { state: "invalid", error: "not a JSON object" }],
    ['{"exit_code":0,"ended_at":"T"}', { state: "present", exitCode: 0, endedAt: "T" }],
    ['{"exit_code":"3"}', { state: "present", exitCode: 3 }],
    ['{"exit_code":null,"ended_at":null}', { state: "present" }],
    ['{"exit_code":1.5}', { state: "present", exitCodeInvalid: true }],
    ['{"exit_code":"3a"}', { state: "present", exitCodeInvalid: true }],
    ['{"job_id":42,"run_id":"R1"}', { state: "present", jobId: "42", runId: "R1" }],
  ])("%s -> %j", (text, want) => {
    const s = parseSentinel(text);
    expect(s).toMatchObject(want);
    if (s.state === "present" && !("exitCode" in want)) expect(s.exitCode).toBeUndefined();
  });

  it.each([
    ['{"job_id":"41","exit_code":0}', "42", false, "missing", "written by job 41"],
    ['{"job_id":"42","exit_code":0}', "42", false, "present", ""],
    ['{"job_id":"77","exit_code":0}', "42", true, "present", ""],
    ['{"job_id":"77","exit_code":0}', "42_3", false, "present", ""],
    ['{"exit_code":0}', "42", false, "present", ""],
  ])("sentinel %s as evidence for job %s (array %s): %s", (text, job, array, state, note) => {
    const e = sentinelEvidence(parseSentinel(text), job, array);
    expect(e.sentinel.state).toBe(state);
    expect(e.note).toContain(note);
  });
});

describe("manifestEdit: a replayed tick merges into another writer's version", () => {
  const ours = transition(m0, "running", "T", "RUNNING")!;
  const text = (m: RunManifest) => JSON.stringify(m, null, 2) + "\n";
  const apply = (current: RunManifest | undefined, base = m0, mine = ours) => {
    const notes: string[] = [];
    const e = manifestEdit({ path: "m.json", base, baseTexts: new Set([text(base)]), ours: mine, serialize: text });
    const out = e.edit(current ? new TextEncoder().encode(text(current)) : undefined, {
      superseded: new Set(),
      note: (f) => notes.push(f.check),
    });
    return { out: typeof out === "string" && out.startsWith("{") ? (JSON.parse(out) as RunManifest) : out, notes };
  };

  it("the file as read, gone, or ours: ours", () => {
    expect(apply(m0).out).toEqual(ours);
    expect(apply(undefined).out).toEqual(ours);
    expect(apply(ours).out).toEqual(ours);
  });

  it("a person's added field and a hand-set sync status survive the tick", () => {
    const theirs = { ...m0, notes: "rerun of 41", artifact_sync_to_local: { status: "ok" } };
    const r = apply(theirs);
    expect(r.out).toMatchObject({ status: "running", notes: "rerun of 41", artifact_sync_to_local: { status: "ok" } });
    expect(r.notes).toEqual([]);
  });

  it("both changed one field differently, the status unmoved: theirs kept, reported", () => {
    const mine = { ...ours, slurm: { job_id: "42", reason: "ours" } };
    const theirs = { ...m0, slurm: { job_id: "42", reason: "theirs" } };
    const r = apply(theirs, m0, mine);
    expect((r.out as RunManifest).slurm?.reason).toBe("theirs");
    expect((r.out as RunManifest).status).toBe("running");
    expect(r.notes).toEqual(["manifest.merge_conflict"]);
  });

  it("another writer moved the run and ours does not move forward from theirs: superseded", () => {
    const cancelled = transition(m0, "failed", "T", "cancelled", { reason: "cancelled", message: "x" })!;
    const r = apply(cancelled);
    expect(r.out).toBe("superseded");
    expect(r.notes).toEqual(["monitor.superseded"]);
  });

  it("another writer moved the run and ours moves forward from theirs: ours wins the conflicts", () => {
    const theirs = { ...ours, notes: "n" }; // another monitor already moved it to running
    const mine = transition(ours, "failed", "T2", "TIMEOUT", { reason: "timeout", message: "TIMEOUT" })!;
    const r = apply(theirs, m0, mine);
    expect(r.out).toMatchObject({ status: "failed", notes: "n", failure: { reason: "timeout" } });
  });

  it("merge3 is per key; arrays are one value", () => {
    const conflicts: string[] = [];
    expect(merge3({ a: 1, b: [1] }, { a: 2, b: [1, 2] }, { a: 1, b: [1, 3], c: 1 }, false, "", conflicts)).toEqual({
      a: 2,
      b: [1, 3],
      c: 1,
    });
    expect(conflicts).toEqual(["/b"]);
  });
});

describe("outageStep", () => {
  it.each([
    [undefined, { asked: true, ok: true }, undefined, undefined],
    [undefined, { asked: false, ok: true }, undefined, undefined],
    [undefined, { asked: true, ok: false, error: "down" }, 1, "warning"],
    [{ consecutive_failed_ticks: 2 }, { asked: true, ok: false, error: "down" }, 3, "error"],
    [{ consecutive_failed_ticks: 2, last_poll_error: "down" }, { asked: true, ok: true }, 0, "notice"],
    [{ consecutive_failed_ticks: 2 }, { asked: false, ok: true }, 0, "notice"],
  ] as const)("previous %j, this tick %j -> %s failed tick(s), %s", (prev, q, n, severity) => {
    const s = outageStep(prev ? { schema_version: "1.0", ...prev } : undefined, q, "2026-11-28T12:00:00Z", 3);
    expect(s.state?.consecutive_failed_ticks).toBe(n);
    expect(s.finding?.severity).toBe(severity);
    if (q.ok && q.asked && prev) expect(s.state?.last_ok_at).toBe("2026-11-28T12:00:00Z");
  });

  it("remembers when the outage began", () => {
    const s = outageStep(
      { schema_version: "1.0", consecutive_failed_ticks: 1, first_failed_at: "A" },
      { asked: true, ok: false },
      "B",
      3,
    );
    expect(s.state).toMatchObject({ first_failed_at: "A", last_poll_error_at: "B", consecutive_failed_ticks: 2 });
  });
});

describe("settings, layout and time", () => {
  it("monitor and submit settings: the policy's values, else the defaults; bad values fall back", () => {
    expect(monitorSettings({})).toEqual({
      graceSeconds: 600,
      escalateAfterTicks: 3,
      lookbackDays: 14,
      clientTimeoutMs: 30_000,
      pythonBin: "python3",
      runawayLostAfterSeconds: 86400,
      efficiencyHintBelow: 0.5,
    });
    expect(monitorSettings({ slurm: { monitor: { efficiency_hint_below: 0.8 } } }).efficiencyHintBelow).toBe(0.8);
    expect(monitorSettings({ slurm: { monitor: { efficiency_hint_below: 2 } } }).efficiencyHintBelow).toBe(0.5);
    const s = monitorSettings({
      python_bin: "py",
      slurm: { monitor: { unknown_grace_seconds: 0, poll_failure_escalation_ticks: 2.7, client_timeout_seconds: -1 } },
    });
    expect(s).toMatchObject({ graceSeconds: 0, escalateAfterTicks: 2, clientTimeoutMs: 30_000, pythonBin: "py" });
    expect(submitSettings({ launch: { submit_retries: 0, submit_timeout_seconds: 5 } })).toMatchObject({
      retries: 0,
      timeoutMs: 5000,
    });
  });

  it.each([
    [{ extract_parser: { timeout_seconds: 5 } }, { extract_results: { timeout_seconds: 9 } }, 5],
    [{}, { extract_results: { timeout_seconds: 9 } }, 9],
    [{ extract_parser: { timeout_seconds: -1 } }, {}, 600],
  ])("extract timeout: design %j, policy %j -> %s s", (design, policy, want) => {
    expect(extractTimeoutSeconds(design, policy)).toBe(want);
  });

  it("one run-id shape for the CLI and the action; every path of a run from one place", () => {
    expect(isRunId("20261128T151432Z_093977")).toBe(true);
    expect(GENERATED_RUN_ID.test("20261128T151432Z_093977")).toBe(true);
    expect(isRunId("my-run.1")).toBe(true);
    expect(["../x", "-x", "", "a b", "x".repeat(129)].some(isRunId)).toBe(false);
    expect(runLayout("experiments/done/it", "R1")).toMatchObject({
      manifest: "experiments/done/it/runs/R1/run_manifest.json",
      sentinel: "experiments/done/it/runs/R1/job_sentinel.json",
      summary: "experiments/done/it/analysis/summary.md",
      jobName: "autolab-R1",
    });
    expect(isoSeconds(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05Z");
  });
});
