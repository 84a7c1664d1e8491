/** domain/logs.ts (which files, which attempt, when following ends) and domain/gc.ts (what may go), as tables. */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import { followEnds, logPlan } from "../../src/domain/logs.js";
import { gcDecide, type GcCandidate } from "../../src/domain/gc.js";

const m = (extra: Record<string, unknown>): RunManifest =>
  ({
    schema_version: "1.0",
    run_id: "R",
    iteration_id: "it",
    host_mode: "slurm",
    status: "running",
    ...extra,
  }) as RunManifest;

describe("logPlan", () => {
  it.each<[string, Record<string, unknown>, { attempt?: number; streams?: Array<"out" | "err"> }, unknown]>([
    [
      "a local run",
      { host_mode: "local" },
      {},
      { files: ["run_local.out", "run_local.err"], attempt: 1, sharedWith: [] },
    ],
    [
      "a local run has no attempt 2",
      { host_mode: "local" },
      { attempt: 2 },
      { error: "a local run has one attempt, not 2" },
    ],
    [
      "a SLURM job without attempts[]: its job",
      { job_id: "42" },
      {},
      { files: ["slurm-42.out", "slurm-42.err"], jobId: "42", attempt: 1, sharedWith: [] },
    ],
    [
      "only stderr",
      { job_id: "42" },
      { streams: ["err"] },
      { files: ["slurm-42.err"], jobId: "42", attempt: 1, sharedWith: [] },
    ],
    ["no job id yet", {}, {}, { error: "run R has no job id yet: there are no logs" }],
    [
      "attempts[]: the latest by default",
      {
        job_id: "43",
        attempts: [
          { attempt: 1, job_id: "42" },
          { attempt: 2, job_id: "43", cause: "resubmit" },
        ],
      },
      {},
      { files: ["slurm-43.out", "slurm-43.err"], jobId: "43", attempt: 2, sharedWith: [] },
    ],
    [
      "a requeue shares its job's files",
      {
        job_id: "42",
        attempts: [
          { attempt: 1, job_id: "42" },
          { attempt: 2, job_id: "42", cause: "requeue" },
        ],
      },
      { attempt: 1 },
      { files: ["slurm-42.out", "slurm-42.err"], jobId: "42", attempt: 1, sharedWith: [2] },
    ],
    [
      "an attempt that does not exist names the ones that do",
      { job_id: "42", attempts: [{ attempt: 1, job_id: "42" }] },
      { attempt: 3 },
      { error: "run R has no attempt 3: its attempts are 1" },
    ],
  ])("%s", (_n, extra, o, want) => expect(logPlan(m(extra), o)).toEqual(want));

  it.each<[string, Parameters<typeof followEnds>[0], boolean]>([
    ["running, no sentinel", { sentinelEnded: false, manifest: m({}) }, false],
    ["the sentinel says the script ended", { sentinelEnded: true, manifest: m({}) }, true],
    ["the manifest is past the job (synced)", { sentinelEnded: false, manifest: m({ status: "synced" }) }, true],
    ["the manifest failed", { sentinelEnded: false, manifest: m({ status: "failed" }) }, true],
    ["the scheduler says it is over", { sentinelEnded: false, manifest: m({}), schedulerTerminal: true }, true],
  ])("follow ends: %s", (_n, i, want) => expect(followEnds(i)).toBe(want));
});

describe("gcDecide", () => {
  const NOW = Date.parse("2026-12-03T12:00:00Z");
  const DAY = 86400;
  const ok: GcCandidate = {
    runId: "R",
    status: "completed",
    completedAt: "2026-11-01T00:00:00Z",
    syncOk: true,
    pushed: "same",
    snapshot: { path: "/wr/R", isWorktree: true, notCopied: [], dirtyOutside: [], bytes: 1000 },
    journal: ["/g/j1.json"],
  };
  it.each<[string, Partial<GcCandidate>, string | true]>([
    ["finished, synced, pushed, old: snapshot and journal go", {}, true],
    ["a failed run needs no artifact sync", { status: "failed", syncOk: false }, true],
    ["only a journal entry", { snapshot: undefined }, true],
    ["in flight", { status: "running" }, "in flight (running)"],
    ["submitted", { status: "submitted" }, "in flight (submitted)"],
    ["synced, not extracted", { status: "synced" }, "synced, not extracted yet"],
    ["no completion time", { completedAt: undefined }, "no completion time recorded"],
    ["too young", { completedAt: "2026-12-01T00:00:00Z" }, `finished less than ${14 * DAY} s ago`],
    ["not synced", { syncOk: false }, "artifacts not synced (artifact_sync_to_local.status is not ok)"],
    ["not pushed", { pushed: "absent" }, "the manifest is not on origin/main (not committed or not pushed)"],
    [
      "changed since the push",
      { pushed: "differs" },
      "the manifest differs from origin/main's (changes not committed or not pushed)",
    ],
    ["no remote", { pushed: "no-remote" }, "no origin/main to check that the manifest was pushed"],
    [
      "not a worktree of ours",
      { snapshot: { ...ok.snapshot!, isWorktree: false } },
      "/wr/R is not a git worktree of this checkout",
    ],
    [
      "files not copied back",
      { snapshot: { ...ok.snapshot!, notCopied: ["a", "b", "c", "d"] } },
      "the snapshot holds files the checkout lacks: a, b, c and 1 more",
    ],
    [
      "changes outside the run dir",
      { snapshot: { ...ok.snapshot!, dirtyOutside: ["outputs/model.pt"] } },
      "the snapshot has changes outside the run dir: outputs/model.pt",
    ],
    ["nothing to free", { snapshot: undefined, journal: [] }, "nothing to free"],
  ])("%s", (_n, c, want) => {
    const d = gcDecide({ ...ok, ...c }, { nowMs: NOW, olderThanSeconds: 14 * DAY, branch: "main" });
    if (want === true) expect(d).toMatchObject({ remove: true, journal: c.journal ?? ok.journal });
    else expect(d).toEqual({ runId: "R", remove: false, why: want });
  });
});
