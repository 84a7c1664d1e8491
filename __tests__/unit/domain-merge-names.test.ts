/**
 * The per-run tick decision, the manifest merge and the outage rule as tables:
 * pure functions, no processes, no files. Every outcome the cluster tests
 * drive through the real scheduler has its row here.
 */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import type { JobObservation } from "../../src/scheduler/slurm-cli/statemap.js";
import { jobNameMismatch } from "../../src/domain/tick.js";
import { keepTheirs } from "../../src/domain/manifest-merge.js";

describe("monitor: pure rules for job names and concurrent writers", () => {
  const base = (extra: Partial<RunManifest> = {}): RunManifest => ({
    schema_version: "1.0",
    run_id: "20261128T000000Z_abcdef",
    iteration_id: "it",
    host_mode: "slurm",
    command: "true",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-11-28T00:00:00Z" },
    job_id: "42",
    slurm: { job_id: "42", job_name: "autolab-20261128T000000Z_abcdef" },
    ...extra,
  });
  const obs = (name: string | undefined, extra: Partial<JobObservation> = {}): JobObservation => ({
    jobId: "42",
    state: "COMPLETED",
    source: "sacct",
    ...(name === undefined ? {} : { name }),
    ...extra,
  });

  it("jobNameMismatch: another name is another job; allocation, no name, or no recorded name cannot be compared", () => {
    expect(jobNameMismatch(base(), obs("autolab-20261128T000000Z_abcdef"))).toBeUndefined();
    expect(jobNameMismatch(base(), obs("someone-elses-job"))).toBe("someone-elses-job");
    expect(jobNameMismatch(base(), obs("allocation"))).toBeUndefined();
    expect(jobNameMismatch(base(), obs(undefined))).toBeUndefined();
    expect(jobNameMismatch(base(), undefined)).toBeUndefined();
    expect(jobNameMismatch(base({ slurm: { job_id: "42" } }), obs("anything"))).toBeUndefined();
    // An array: the array's own name is compared, never a task's.
    const arr = obs("autolab-20261128T000000Z_abcdef", {
      state: "ARRAY COMPLETED=2",
      tasks: [obs("x", { jobId: "42_0" }), obs("y", { jobId: "42_1" })],
    });
    expect(jobNameMismatch(base(), arr)).toBeUndefined();
    expect(jobNameMismatch(base(), { ...arr, name: "other-array" })).toBe("other-array");
  });

  it("keepTheirs: a newer status from another writer wins unless ours moves forward from it", () => {
    const h = (n: number) =>
      Array.from({ length: n }, () => ({
        from: null,
        to: "submitted" as const,
        at: "2026-11-28T00:00:00Z",
        evidence: "x",
      }));
    // Nobody else moved it: ours.
    expect(keepTheirs("submitted", base({ status: "submitted" }), base({ status: "running" }))).toBe(false);
    // Cancelled meanwhile (failed): our running would resurrect it.
    expect(keepTheirs("submitted", base({ status: "failed" }), base({ status: "running" }))).toBe(true);
    expect(keepTheirs("running", base({ status: "failed" }), base({ status: "completed" }))).toBe(true);
    // Another monitor moved it to running; ours goes further: ours.
    expect(keepTheirs("submitted", base({ status: "running" }), base({ status: "completed" }))).toBe(false);
    // Another monitor went further than ours: theirs.
    expect(keepTheirs("submitted", base({ status: "completed" }), base({ status: "running" }))).toBe(true);
    // Same status: theirs unless ours has strictly more history.
    expect(
      keepTheirs("submitted", base({ status: "failed", history: h(2) }), base({ status: "failed", history: h(2) })),
    ).toBe(true);
    expect(
      keepTheirs("submitted", base({ status: "running", history: h(2) }), base({ status: "running", history: h(3) })),
    ).toBe(false);
  });
});
