/**
 * The launch plan as tables: which run, reuse / submit / adopt for each
 * combination of journal entry, manifest and name lookup, and the record of
 * each outcome. No processes, no files.
 */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import {
  AGE_MARGIN_S,
  baseManifest,
  checkLaunchIds,
  chooseRun,
  decideAfterLookup,
  decideBeforeLookup,
  entryFromManifests,
  sweepEntryFromManifests,
  isLaunched,
  orphanEntry,
  localManifest,
  refusedManifest,
  resourceRequest,
  runAgeSeconds,
  submittedManifest,
  type JournalEntry,
  type LocalObservation,
  type LookupAnswer,
} from "../../src/domain/launch-plan.js";
import { AutolabError, UsageError } from "../../src/util/errors.js";

const RUN = "20261128T100000Z_abcdef";
const NAME = `autolab-${RUN}`;
const T0 = "2026-11-28T10:00:00Z";
const T1 = "2026-11-28T10:00:05Z";

const entry = (over: Partial<JournalEntry> = {}): JournalEntry => ({
  key: "k",
  run_id: RUN,
  iteration_id: "it1",
  job_name: NAME,
  created_at: "2026-11-28T09:59:00Z",
  ...over,
});

const base = (over: Partial<Parameters<typeof baseManifest>[0]> = {}): RunManifest =>
  baseManifest({
    runId: RUN,
    iterationId: "it1",
    hostMode: "slurm",
    commandLine: "sbatch --parsable x.sbatch",
    resourceRequest: { partition: "debug" },
    startedAt: T0,
    script: "experiments/in_progress/it1/runs/x/run_slurm.sbatch",
    design: "experiments/in_progress/it1/design.yaml",
    gitRevision: "abc",
    launchedBy: "alice",
    launchedFrom: "login1",
    entrypointCommand: "true",
    ...over,
  });

describe("which run", () => {
  it.each([
    ["no key, no run id: a fresh run", {}, { runId: "fresh", given: false }],
    ["a given run id", { runId: "r1" }, { runId: "r1", given: true }],
    ["the journal's run", { journal: entry() }, { runId: RUN, given: true }],
    ["the journal's run, given again", { journal: entry(), runId: RUN }, { runId: RUN, given: true }],
  ])("%s", (_what, i, want) => {
    expect(chooseRun({ iterationId: "it1", fresh: () => "fresh", launchKey: "k", ...i })).toEqual(want);
  });

  it("refuses a key of another iteration, and a run id the key does not name", () => {
    expect(() => chooseRun({ iterationId: "it2", journal: entry(), fresh: () => "f" })).toThrow(UsageError);
    expect(() => chooseRun({ iterationId: "it1", journal: entry(), runId: "other", fresh: () => "f" })).toThrow(
      /belongs to run/,
    );
  });

  it.each([
    ["a run id with a slash", "a/b", undefined],
    ["a run id starting with '-'", "-x", undefined],
    ["an empty launch key", undefined, "  "],
    ["a launch key over 1024 characters", undefined, "k".repeat(1025)],
  ])("refuses %s", (_what, runId, key) => {
    expect(() => checkLaunchIds(runId, key)).toThrow(UsageError);
  });
});

describe("a launch key seen from another checkout (issue 10 item 1)", () => {
  const KEY = "github-run:acme/lab:42:it1";
  const KNAME = "autolab-k0123456789abcdef";
  const keyed = (over: Partial<RunManifest> = {}, key: string | null = KEY): RunManifest => ({
    ...base({ launchKey: key ?? undefined }),
    ...over,
  });

  it.each<[string, RunManifest[], string | undefined, Partial<JournalEntry> | undefined]>([
    ["no key: nothing", [keyed({ job_id: "5" })], undefined, undefined],
    ["no manifest records the key", [keyed({ job_id: "5" }, "other key")], KEY, undefined],
    [
      "a manifest records the key: its run, job and job name",
      [keyed({ job_id: "5", slurm: { job_id: "5", job_name: KNAME } })],
      KEY,
      { key: KEY, run_id: RUN, iteration_id: "it1", job_id: "5", job_name: KNAME, created_at: T0 },
    ],
    [
      "several record it: the oldest run",
      [keyed({ run_id: "20261128T110000Z_bbbbbb" }), keyed({ run_id: "20261128T090000Z_aaaaaa", job_id: "3" })],
      KEY,
      { run_id: "20261128T090000Z_aaaaaa", job_id: "3" },
    ],
    [
      "a refused submission (no job): its run, without a job id",
      [keyed({ status: "failed" })],
      KEY,
      { run_id: RUN, job_name: "" },
    ],
  ])("branch manifests: %s", (_what, manifests, key, want) => {
    const e = entryFromManifests(manifests, key);
    if (want === undefined) expect(e).toBeUndefined();
    else expect(e).toMatchObject(want);
    if (want && !want.job_id) expect(e?.job_id).toBeUndefined();
  });

  const SWEEP = "20261128T090000Z_5eeeee";
  const task = (i: number, over: Partial<RunManifest> = {}, key: string | null = KEY): RunManifest =>
    keyed(
      {
        run_id: `${SWEEP}_${i}`,
        job_id: `7_${i}`,
        slurm: { job_id: `7_${i}`, job_name: `autolab-${SWEEP}` },
        sweep: { sweep_id: SWEEP, task_index: i },
        ...over,
      },
      key,
    );
  it.each<[string, RunManifest[], string | undefined, Partial<JournalEntry> | undefined]>([
    ["no key: nothing", [task(0)], undefined, undefined],
    ["no task records the key", [task(0, {}, "other key")], KEY, undefined],
    ["a single run under the key is no sweep", [keyed({ job_id: "5" })], KEY, undefined],
    [
      "tasks record the key: their sweep id (not a task's run id), chunk 0's job name, no job id",
      [task(1), task(0)],
      KEY,
      { key: KEY, run_id: SWEEP, iteration_id: "it1", job_name: `autolab-${SWEEP}`, created_at: T0 },
    ],
    [
      "two sweeps under the key: the oldest",
      [task(0, { run_id: "20261128T110000Z_bbbbbb_0", sweep: { sweep_id: "20261128T110000Z_bbbbbb" } }), task(0)],
      KEY,
      { run_id: SWEEP },
    ],
    ["a sweep id no launch could use", [task(0, { sweep: { sweep_id: "../x" } })], KEY, undefined],
  ])("a keyed sweep's task manifests: %s", (_what, manifests, key, want) => {
    const e = sweepEntryFromManifests(manifests, key);
    if (want === undefined) expect(e).toBeUndefined();
    else expect(e).toMatchObject(want);
    expect(e?.job_id).toBeUndefined();
  });

  it.each<[string, LookupAnswer, Partial<JournalEntry> | undefined]>([
    ["nothing under the key's name", { ok: true, jobIds: [] }, undefined],
    ["the scheduler did not answer", { ok: false, jobIds: [], error: "down" }, undefined],
    ["a job whose run the scheduler cannot tell", { ok: true, jobIds: ["8"] }, undefined],
    [
      "an orphan: its own run id and iteration",
      { ok: true, jobIds: ["8"], runs: { "8": { runId: RUN, iterationId: "it1" } } },
      { key: KEY, run_id: RUN, iteration_id: "it1", job_name: KNAME, created_at: T1 },
    ],
    [
      "an orphan whose iteration only accounting knew: iteration left open",
      { ok: true, jobIds: ["8"], runs: { "8": { runId: RUN } } },
      { run_id: RUN, iteration_id: "" },
    ],
    ["a run id no launch could use", { ok: true, jobIds: ["8"], runs: { "8": { runId: "../x" } } }, undefined],
  ])("scheduler: %s", (_what, lookup, want) => {
    const e = orphanEntry(lookup, KEY, KNAME, T1);
    if (want === undefined) expect(e).toBeUndefined();
    else expect(e).toMatchObject(want);
    expect(e?.job_id).toBeUndefined();
  });

  it("an orphan entry of an unknown iteration is taken for this iteration; a known other one is refused", () => {
    const open = orphanEntry({ ok: true, jobIds: ["8"], runs: { "8": { runId: RUN } } }, KEY, KNAME, T1);
    expect(chooseRun({ iterationId: "it1", journal: open, fresh: () => "f" })).toEqual({ runId: RUN, given: true });
    const other = orphanEntry(
      { ok: true, jobIds: ["8"], runs: { "8": { runId: RUN, iterationId: "it2" } } },
      KEY,
      KNAME,
      T1,
    );
    expect(() => chooseRun({ iterationId: "it1", journal: other, fresh: () => "f" })).toThrow(UsageError);
  });

  it.each<[string, LookupAnswer]>([
    ["found by the full lookup", { ok: true, jobIds: ["5"] }],
    [
      "listed by the controller while accounting is down",
      {
        ok: false,
        jobIds: [],
        error: "sacct down",
        controller: { ok: true, jobIds: ["5"], keepsFinishedSeconds: 300 },
      },
    ],
  ])("a fresh run whose key's name already has a job (%s): refused, never submitted", (_what, lookup) => {
    expect(() =>
      decideAfterLookup({ name: KNAME, runId: RUN, lookup, ageSeconds: 0, manifestPath: "m.json", fresh: true }),
    ).toThrow(/already has job 5.*nothing was submitted/);
  });

  it("a fresh run whose key's name has no job: submitted", () => {
    const d = decideAfterLookup({
      name: KNAME,
      runId: RUN,
      lookup: { ok: true, jobIds: [] },
      ageSeconds: 0,
      manifestPath: "m.json",
      fresh: true,
    });
    expect(d).toEqual({ kind: "submit" });
  });
});

describe("reuse", () => {
  it.each<[string, Partial<RunManifest>, boolean]>([
    ["pending SLURM manifest without a job id (older writers): looked up, not reused", {}, false],
    ["SLURM manifest with a job id", { job_id: "12" }, true],
    ["job id only in slurm.job_id", { slurm: { job_id: "12" } }, true],
    ["a local run", { host_mode: "local" }, true],
    ["a refused submission (failed)", { status: "failed" }, true],
    ["submitted", { status: "submitted", job_id: "1" }, true],
  ])("%s", (_what, over, want) => {
    expect(isLaunched({ ...base(), ...over } as RunManifest)).toBe(want);
  });
});

describe("adopt or submit", () => {
  it.each<[string, JournalEntry | undefined, boolean, string]>([
    ["journal entry with a job: adopted without asking", entry({ job_id: "7" }), true, "adopt"],
    ["journal entry with a job, fresh id: still adopted", entry({ job_id: "7" }), false, "adopt"],
    ["journal entry without a job: look up by name", entry(), true, "lookup"],
    ["given run id: look up by name", undefined, true, "lookup"],
    ["fresh run id: submit", undefined, false, "submit"],
  ])("%s", (_what, e, lookFirst, kind) => {
    const d = decideBeforeLookup(e, lookFirst);
    expect(d.kind).toBe(kind);
    if (d.kind === "adopt") expect(d).toMatchObject({ jobId: "7", by: "launch journal" });
  });

  const after = (lookup: LookupAnswer, ageSeconds?: number) =>
    decideAfterLookup({ name: NAME, runId: RUN, lookup, ageSeconds, manifestPath: "m.json" });

  it.each<[string, LookupAnswer, number | undefined, Record<string, unknown>]>([
    ["found: adopted", { ok: true, jobIds: ["5"] }, undefined, { kind: "adopt", jobId: "5", by: "job name" }],
    [
      "found several: the first, with a warning",
      { ok: true, jobIds: ["5", "6"] },
      undefined,
      { kind: "adopt", jobId: "5" },
    ],
    ["not found: submitted", { ok: true, jobIds: [] }, undefined, { kind: "submit" }],
    [
      "accounting down, controller lists it: adopted",
      {
        ok: false,
        jobIds: [],
        error: "sacct down",
        controller: { ok: true, jobIds: ["9"], keepsFinishedSeconds: 300 },
      },
      10_000,
      { kind: "adopt", jobId: "9" },
    ],
    [
      "accounting down, young run unknown to the controller: submitted",
      { ok: false, jobIds: [], error: "sacct down", controller: { ok: true, jobIds: [], keepsFinishedSeconds: 300 } },
      300 - AGE_MARGIN_S - 1,
      { kind: "submit" },
    ],
  ])("%s", (_what, lookup, age, want) => {
    expect(after(lookup, age)).toMatchObject(want);
  });

  it("warns when several jobs carry the name", () => {
    expect(after({ ok: true, jobIds: ["5", "6"] })).toMatchObject({ note: expect.stringMatching(/2 jobs are named/) });
  });

  it.each<[string, LookupAnswer, number | undefined]>([
    [
      "run older than the controller keeps jobs",
      { ok: false, jobIds: [], error: "x", controller: { ok: true, jobIds: [], keepsFinishedSeconds: 300 } },
      300 - AGE_MARGIN_S,
    ],
    [
      "run age unknown",
      { ok: false, jobIds: [], error: "x", controller: { ok: true, jobIds: [], keepsFinishedSeconds: 300 } },
      undefined,
    ],
    ["controller's MinJobAge unknown", { ok: false, jobIds: [], error: "x", controller: { ok: true, jobIds: [] } }, 1],
    [
      "scheduler unreachable (controller too)",
      { ok: false, jobIds: [], error: "x", controller: { ok: false, jobIds: [] } },
      1,
    ],
    ["scheduler unreachable, controller not asked", { ok: false, jobIds: [], error: "x" }, 1],
  ])("refuses when the lookup cannot answer: %s", (_what, lookup, age) => {
    expect(() => after(lookup, age)).toThrow(AutolabError);
    expect(() => after(lookup, age)).toThrow(/cannot tell whether run .* was already submitted/);
  });

  it.each<[string, string | undefined, string, number | undefined]>([
    ["journal time", "2026-11-28T10:00:00Z", "2026-11-28T10:01:00Z", 60],
    ["run id stamp when no journal", undefined, "2026-11-28T10:00:30Z", 30],
    ["slightly in the future (skew): 0", "2026-11-28T10:00:30Z", "2026-11-28T10:00:00Z", 0],
    ["far in the future: unknown", "2026-11-28T11:00:00Z", "2026-11-28T10:00:00Z", undefined],
  ])("run age from the %s", (_what, createdAt, now, want) => {
    expect(runAgeSeconds(RUN, createdAt, new Date(now))).toBe(want);
  });
  it("run age of a hand-made run id without a journal is unknown", () => {
    expect(runAgeSeconds("my-run", undefined, new Date(T0))).toBeUndefined();
  });
});

describe("the record of each outcome", () => {
  it("submitted: pending -> submitted, the job id everywhere", () => {
    const m = submittedManifest(
      base(),
      { jobId: "42", jobName: NAME, attempts: 1, evidence: "sbatch returned job 42" },
      T0,
    );
    expect(m).toMatchObject({
      status: "submitted",
      job_id: "42",
      timestamps: { started_at: T0 },
      started_at: T0,
      resource_request: { partition: "debug", job_id: "42", slurm: { job_id: "42" } },
      slurm: { job_id: "42", job_name: NAME, submit_attempts: 1 },
      history: [{ from: "pending", to: "submitted", at: T0, evidence: "sbatch returned job 42" }],
    });
    expect(m.completed_at).toBeUndefined();
    expect(m.failure).toBeUndefined();
  });

  it.each([
    ["launch journal", "2026-11-28T09:59:00Z", "2026-11-28T09:59:00Z"],
    ["job name", "2026-11-28T09:59:00Z", "2026-11-28T09:59:00Z"],
    ["job name", undefined, T0],
  ] as const)("adopted by %s keeps the journalled time (%s)", (by, journalled, startedAt) => {
    const m = submittedManifest(base(), { jobId: "42", jobName: NAME, attempts: 0, adopted: { by } }, T0, journalled);
    expect(m.slurm).toEqual({ job_id: "42", job_name: NAME, adopted: true, adopted_by: by });
    expect(m.started_at).toBe(startedAt);
    expect(m.history).toEqual([
      { from: "pending", to: "submitted", at: T0, evidence: `job 42 found by ${by} (${NAME}) and adopted` },
    ]);
  });

  it("submit refused: failed submit_error, one failure shape, the words kept, no work dir", () => {
    const m = refusedManifest(
      base({ workDir: "/runs/x" }),
      {
        jobName: NAME,
        message: "invalid partition",
        attempts: 1,
        evidence: "sbatch refused the job (permanent): invalid partition",
      },
      T1,
      { dropWorkDir: true },
    );
    expect(m).toMatchObject({
      status: "failed",
      completed_at: T1,
      timestamps: { started_at: T0, completed_at: T1 },
      failure: { reason: "submit_error", kind: "permanent", message: "invalid partition" },
      slurm: { job_name: NAME, submit_error: "invalid partition", submit_attempts: 1, failure_reason: "submit_error" },
      history: [
        { from: "pending", to: "failed", at: T1, evidence: "sbatch refused the job (permanent): invalid partition" },
      ],
    });
    expect((m.launch as Record<string, unknown>).work_dir).toBeUndefined();
    expect(m.job_id).toBeUndefined();
  });

  const local = (o: Partial<LocalObservation>) =>
    localManifest(base({ hostMode: "local" }), { exitCode: 0, timedOut: false, missing: [], ...o }, T1);

  it.each<[string, Partial<LocalObservation>, string, Record<string, unknown>]>([
    ["exit 0, sentinel 0, outputs present: completed", { sentinel: { exit_code: 0 } }, "completed", { status: "ok" }],
    ["exit 0, no sentinel: partial", {}, "partial", { status: "ok" }],
    [
      "exit 0, an output missing: partial",
      { sentinel: { exit_code: 0 }, missing: ["out.csv"] },
      "partial",
      { status: "ok", missing: ["out.csv"] },
    ],
    ["exit 3: failed exit_code", { exitCode: 3, sentinel: { exit_code: 3 } }, "failed", { status: "failed" }],
    [
      "stopped at the walltime: failed timeout",
      { exitCode: null, timedOut: true, limitSeconds: 60 },
      "failed",
      { status: "failed" },
    ],
  ])("local: %s", (_what, o, status, sync) => {
    const m = local(o);
    expect(m.status).toBe(status);
    expect(m.artifact_sync_to_local).toEqual({ mode: "local", ...sync });
    expect(m.completed_at).toBe(T1);
    expect(m.timestamps).toEqual({ started_at: T0, completed_at: T1 });
    expect(m.history).toHaveLength(1);
    expect(m.history![0]).toMatchObject({ from: "pending", to: status, at: T1 });
    if (status === "failed") {
      expect(m.failure).toMatchObject({
        reason: o.timedOut ? "timeout" : "exit_code",
        message: m.history![0].evidence,
      });
      expect(m.slurm).toBeUndefined();
    } else expect(m.failure).toBeUndefined();
  });

  it("a local run killed at the walltime keeps exit_code null and says so", () => {
    const m = local({ exitCode: null, timedOut: true, limitSeconds: 60 });
    expect(m.failure).toEqual({
      reason: "timeout",
      exit_code: null,
      message: "local run was stopped at the walltime (60 s)",
    });
    expect(m.local).toEqual({ exit_code: null, timed_out: true, sentinel: null });
  });

  it("resource_request: the Python tool's keys plus the exact directives", () => {
    expect(
      resourceRequest(
        {
          location: "slurm",
          partition: "debug",
          cpus_per_task: 2,
          memory_estimate: "64M",
          walltime_estimate: "00:10:00",
        },
        NAME,
        ["--job-name=x", "--time=00:10:00"],
      ),
    ).toEqual({
      partition: "debug",
      cpus: 2,
      memory: "64M",
      walltime: "00:10:00",
      job_name: NAME,
      sbatch_directives: ["--job-name=x", "--time=00:10:00"],
    });
    expect(resourceRequest({ location: "local" }, NAME, [])).toEqual({});
  });

  it("base: pending, who launched from where, the work dir when there is one", () => {
    expect(base()).toMatchObject({
      status: "pending",
      artifact_sync_to_local: { status: "pending" },
      launch: { launch_key: null, tool: "autolab-slurm" },
    });
    expect((base().launch as Record<string, unknown>).work_dir).toBeUndefined();
    expect(base({ workDir: "/w/r" }).launch).toMatchObject({ work_dir: "/w/r" });
  });
});
