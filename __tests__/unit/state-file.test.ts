/**
 * state.json only through the store: the fallback move (pure), the validated
 * writer and change-set edit, and `autolab run` with injected steps (no cluster).
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AutolabState } from "../../src/contract/types.js";
import { fallBackTo } from "../../src/domain/stage.js";
import { serializeState, stateEdit, STATE_PATH, writeState } from "../../src/store/state-file.js";
import { runStep, type RunSteps } from "../../src/commands/run.js";
import { AutolabError, type Finding } from "../../src/util/errors.js";

const AT = new Date("2026-11-28T17:00:05.123Z");
const base: AutolabState = { iteration_id: "it1", stage: "update_docs", stage_attempt: 3, history: [] };
const ctx = (notes: Finding[] = []) => ({ superseded: new Set<string>(), note: (f: Finding) => void notes.push(f) });
const enc = (s: AutolabState) => new TextEncoder().encode(serializeState(s));

describe("fallBackTo (pure)", () => {
  it("moves to the stage, resets the attempt and appends one history entry", () => {
    expect(fallBackTo(base, "design", "nothing left", AT)).toEqual({
      ...base,
      stage: "design",
      stage_attempt: 0,
      history: [
        {
          timestamp: "2026-11-28T17:00:05Z",
          stage_before: "update_docs",
          stage_after: "design",
          status: "complete",
          summary: "nothing left: autorun.todo_fallback.slurm.stage",
        },
      ],
    });
    expect(base.history).toEqual([]);
  });
});

describe("stateEdit", () => {
  it("applies the change to the state the head has, validated", () => {
    const e = stateEdit((s) => ({ ...s, stage: "design" }));
    expect(e.path).toBe(STATE_PATH);
    expect(JSON.parse(e.edit(enc(base), ctx()) as string).stage).toBe("design");
    expect(e.edit(undefined, ctx())).toBe("unchanged");
    // No move: the head's text is kept as part of the change (an earlier uncommitted move gets committed).
    expect(new TextDecoder().decode(enc(base))).toBe(stateEdit(() => undefined).edit(enc(base), ctx()));
  });

  it("refuses to write an invalid state, or to edit an invalid one", () => {
    const bad = stateEdit((s) => ({ ...s, stage: "nowhere" }));
    expect(() => bad.edit(enc(base), ctx())).toThrow(AutolabError);
    const e = stateEdit((s) => s);
    expect(() => e.edit(new TextEncoder().encode('{"stage": 3}'), ctx())).toThrow(/state is invalid/);
  });
});

describe("on disk", () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function repo(state: unknown, policy?: string): Promise<string> {
    dir = await mkdtemp(path.join(tmpdir(), "autolab-state-file-"));
    await mkdir(path.join(dir, ".autolab"));
    await writeFile(path.join(dir, STATE_PATH), typeof state === "string" ? state : JSON.stringify(state));
    if (policy) await writeFile(path.join(dir, ".autolab/verifier_policy.yaml"), policy);
    return dir;
  }
  const read = async (root: string) => JSON.parse(await readFile(path.join(root, STATE_PATH), "utf8"));

  it("writeState validates first and writes 2-space JSON", async () => {
    const root = await repo(base);
    await expect(writeState(root, { ...base, stage_attempt: -1 })).rejects.toThrow(AutolabError);
    expect(await read(root)).toEqual(base);
    await writeState(root, { ...base, stage: "stop" });
    expect(await readFile(path.join(root, STATE_PATH), "utf8")).toBe(serializeState({ ...base, stage: "stop" }));
  });

  const never: RunSteps = {
    launch: () => Promise.reject(new Error("launch must not be called")),
    monitor: () => Promise.reject(new Error("monitor must not be called")),
  };

  it("autolab run: update_docs falls back to the policy's stage through the store", async () => {
    const root = await repo(base, "autorun:\n  todo_fallback:\n    slurm:\n      stage: design\n");
    const res = await runStep({ cwd: root, commit: false, now: () => AT }, never);
    expect(res).toMatchObject({ stageBefore: "update_docs", stageAfter: "design", action: "fallback" });
    expect(res.findings).toBeUndefined();
    expect(await read(root)).toMatchObject({ stage: "design", stage_attempt: 0 });
  });

  it("autolab run: a state the schema refuses is not written", async () => {
    const invalid = { ...base, stage_attempt: "three" };
    const root = await repo(invalid);
    await expect(runStep({ cwd: root, commit: false, now: () => AT }, never)).rejects.toThrow(/state is invalid/);
    expect(await read(root)).toEqual(invalid);
  });

  it("autolab run: launch and monitor go to the injected steps with the repository root", async () => {
    const calls: Array<[string, object]> = [];
    const steps: RunSteps = {
      launch: async (o) => {
        calls.push(["launch", o]);
        return { runId: "r1", status: "submitted", jobId: "42" };
      },
      monitor: async (o) => {
        calls.push(["monitor", o]);
        return { runs: [], scheduler: { ok: true }, dryRun: false, findings: [] };
      },
    };
    const root = await repo({ ...base, stage: "launch" });
    const l = await runStep({ cwd: root, commit: false, dryRun: true }, steps);
    expect(l).toMatchObject({ action: "launch", message: "launched run r1 (submitted, job 42)" });
    expect(calls[0]).toEqual(["launch", expect.objectContaining({ cwd: root, design: "it1", dryRun: true })]);

    await writeFile(
      path.join(root, STATE_PATH),
      JSON.stringify({ ...base, stage: "slurm_monitor", pending_run_id: "r1" }),
    );
    const m = await runStep({ cwd: root, commit: false, now: () => AT }, steps);
    expect(calls[1]).toEqual(["monitor", expect.objectContaining({ cwd: root, runId: "r1" })]);
    // Nothing left to follow: the monitor stage falls back (default stage: hypothesis).
    expect(m).toMatchObject({ action: "fallback", stageAfter: "hypothesis" });
    expect(m.message).toBe(
      "nothing left to monitor (run r1 is finished and extracted): stage slurm_monitor -> hypothesis",
    );
    expect((await read(root)).stage).toBe("hypothesis");
  });
});
