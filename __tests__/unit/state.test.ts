/**
 * `.autolab/state.json`: the pure stage machine (`nextState`) and its file
 * edge (`advanceState`, `advanceStateAfterLaunch`, `readStateStrict`) on real
 * files in a temp dir.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AutolabState, RunManifest } from "../../src/contract/types.js";
import { nextState } from "../../src/domain/stage.js";
import {
  advanceState,
  advanceStateAfterLaunch,
  readStateStrict,
  serializeState,
  STATE_PATH,
} from "../../src/store/state-file.js";
import { AutolabError } from "../../src/util/errors.js";
import { writeFileAtomic } from "../../src/util/fs.js";

const AT = new Date("2026-11-28T17:00:05.123Z");

function manifest(over: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: "20261128T170000Z_abcdef",
    iteration_id: "it1",
    host_mode: "slurm",
    command: "sbatch run_slurm.sbatch",
    resource_request: {},
    status: "submitted",
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-11-28T17:00:00Z" },
    job_id: "42",
    ...over,
  };
}

function state(over: Partial<AutolabState> = {}): AutolabState {
  return {
    iteration_id: "it1",
    stage: "launch",
    stage_attempt: 2,
    max_stage_attempts: 3,
    history: [
      {
        timestamp: "2026-11-27T10:00:00Z",
        stage_before: "implementation_review",
        stage_after: "launch",
        status: "complete",
      },
    ],
    ...over,
  };
}

describe("nextState (pure)", () => {
  it("a SLURM launch moves launch -> slurm_monitor, resets the attempt, tracks the run and appends history", () => {
    const before = state();
    const frozen = JSON.stringify(before);
    const next = nextState(before, manifest(), "launched", AT);
    expect(next).toEqual({
      ...before,
      stage: "slurm_monitor",
      stage_attempt: 0,
      last_run_id: "20261128T170000Z_abcdef",
      pending_run_id: "20261128T170000Z_abcdef",
      sync_status: "pending",
      history: [
        before.history![0],
        {
          timestamp: "2026-11-28T17:00:05Z",
          stage_before: "launch",
          stage_after: "slurm_monitor",
          status: "complete",
          summary: "launched: run 20261128T170000Z_abcdef is submitted",
          run_id: "20261128T170000Z_abcdef",
        },
      ],
    });
    expect(JSON.stringify(before)).toBe(frozen); // the input is not modified
  });

  it("a local launch moves launch -> extract_results and tracks no pending run", () => {
    const next = nextState(
      state(),
      manifest({ host_mode: "local", status: "completed", artifact_sync_to_local: { status: "ok" } }),
      "launched",
      AT,
    );
    expect(next).toMatchObject({ stage: "extract_results", sync_status: "ok", last_run_id: "20261128T170000Z_abcdef" });
    expect(next?.pending_run_id).toBeUndefined();
  });

  it("leaves a state for another iteration, or at a stage launch does not move, alone", () => {
    expect(nextState(state({ iteration_id: "other" }), manifest(), "launched", AT)).toBeUndefined();
    expect(nextState(state({ stage: "slurm_monitor" }), manifest(), "launched", AT)).toBeUndefined();
    expect(nextState(state({ stage: "hypothesis" }), manifest(), "launched", AT)).toBeUndefined();
  });

  it("sync and extraction move the tracked run only", () => {
    const monitoring = state({
      stage: "slurm_monitor",
      pending_run_id: "20261128T170000Z_abcdef",
      sync_status: "pending",
    });
    const other = manifest({ run_id: "20261128T170000Z_000000", artifact_sync_to_local: { status: "ok" } });
    expect(nextState(monitoring, other, "synced", AT)).toBeUndefined();
    const synced = nextState(
      monitoring,
      manifest({ status: "completed", artifact_sync_to_local: { status: "ok" } }),
      "synced",
      AT,
    );
    expect(synced).toMatchObject({ stage: "extract_results", sync_status: "ok", stage_attempt: 0 });
    const extracted = nextState(
      monitoring,
      manifest({ status: "completed", artifact_sync_to_local: { status: "completed" } }),
      "extracted",
      AT,
    );
    expect(extracted?.stage).toBe("update_docs");
    expect(extracted?.pending_run_id).toBeUndefined();
    expect(extracted?.history?.slice(-2).map((h) => `${String(h.stage_before)}->${String(h.stage_after)}`)).toEqual([
      "slurm_monitor->extract_results",
      "extract_results->update_docs",
    ]);
  });

  it('the Python tool\'s "" pending_run_id tracks nothing: last_run_id decides', () => {
    const monitoring = state({ stage: "slurm_monitor", pending_run_id: "", last_run_id: "20261128T170000Z_abcdef" });
    const other = manifest({ run_id: "20261128T170000Z_000000", artifact_sync_to_local: { status: "ok" } });
    expect(nextState(monitoring, other, "synced", AT)).toBeUndefined();
    const mine = manifest({ status: "completed", artifact_sync_to_local: { status: "ok" } });
    expect(nextState(monitoring, mine, "synced", AT)?.stage).toBe("extract_results");
  });

  it("a sync status change without a move updates sync_status only", () => {
    const monitoring = state({
      stage: "slurm_monitor",
      pending_run_id: "20261128T170000Z_abcdef",
      sync_status: "pending",
    });
    const next = nextState(
      { ...monitoring, stage: "extract_results" },
      manifest({ artifact_sync_to_local: { status: "failed" } }),
      "synced",
      AT,
    );
    expect(next).toEqual({ ...monitoring, stage: "extract_results", sync_status: "failed" });
  });
});

describe("state.json on disk", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "autolab-state-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  const abs = () => path.join(root, STATE_PATH);

  it("is never created when it does not exist", async () => {
    expect(await advanceStateAfterLaunch(root, manifest(), () => AT)).toBeUndefined();
    expect(existsSync(abs())).toBe(false);
  });

  it("moves on a launch and is written as validated, 2-space JSON", async () => {
    await writeFileAtomic(abs(), JSON.stringify(state()) + "\n");
    expect(await advanceStateAfterLaunch(root, manifest(), () => AT)).toBe(STATE_PATH);
    const text = await readFile(abs(), "utf8");
    const written = JSON.parse(text) as AutolabState;
    expect(written.stage).toBe("slurm_monitor");
    expect(text).toBe(serializeState(written));
    expect(await readStateStrict(root)).toEqual(written);
    // A second launch event changes nothing.
    expect(await advanceState(root, manifest(), "launched", AT)).toBeUndefined();
    expect(await readFile(abs(), "utf8")).toBe(text);
  });

  it("does not move when the launch failed", async () => {
    await writeFileAtomic(abs(), JSON.stringify(state()) + "\n");
    const failed = manifest({
      status: "failed",
      job_id: undefined,
      timestamps: { started_at: "2026-11-28T17:00:00Z", completed_at: "2026-11-28T17:00:01Z" },
    });
    expect(await advanceStateAfterLaunch(root, failed, () => AT)).toBeUndefined();
    expect(JSON.parse(await readFile(abs(), "utf8")).stage).toBe("launch");
  });

  it("refuses an invalid file with its name and line, and leaves it untouched", async () => {
    const text = '{\n  "iteration_id": "it1",\n  "stage": "launching",\n  "stage_attempt": 0\n}\n';
    await writeFileAtomic(abs(), text);
    const err = await advanceState(root, manifest(), "launched", AT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as AutolabError).location).toMatchObject({ file: STATE_PATH, line: 3 });
    expect(await readFile(abs(), "utf8")).toBe(text);
    // Not JSON at all: the syntax error is located too.
    await writeFileAtomic(abs(), '{\n  "stage": launch\n}\n');
    const err2 = await readStateStrict(root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err2).toBeInstanceOf(AutolabError);
    expect((err2 as AutolabError).location).toMatchObject({ file: STATE_PATH, line: 2 });
  });
});
