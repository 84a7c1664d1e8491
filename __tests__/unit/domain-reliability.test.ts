/**
 * Issue 10 as tables (pure domain, no cluster): runaway accounting records
 * (item 5), REVOKED in a federation (item 11), and runs the Python autolab
 * tool launched (item 9: no sentinel, `completed` with the sync still to do,
 * metrics, ledger lines by its `canonical_slurm_job_bullet`). The real files
 * it wrote (../shared/autolab-1.0-samples/, copied into the fixtures) are the
 * manifests under test.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import { planExtraction } from "../../src/domain/metrics.js";
import { launchedByPythonTool } from "../../src/domain/run.js";
import type { Sentinel } from "../../src/domain/sentinel.js";
import { pythonTemplateKeys } from "../../src/domain/settings.js";
import { handEditedScript } from "../../src/domain/hand-edit.js";
import { afterSync, awaitsSync, decideRun, endedByHand, needsWork, type RunInput } from "../../src/domain/tick.js";
import { canonicalLine, parseLedger, verifyLedger } from "../../src/ledger/ledger.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import type { JobObservation } from "../../src/scheduler/port.js";

const RUN = "20261128T000000Z_abcdef";
const AT = "2026-11-28T12:00:00Z";
const NOW = new Date(AT);
const FILE = `experiments/in_progress/it/runs/${RUN}/run_manifest.json`;
const SAMPLE: RunManifest = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../fixtures/autolab-1.0/run_manifest.completed.json"), "utf8"),
);

function ours(extra: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: RUN,
    iteration_id: "it",
    host_mode: "slurm",
    command: "true",
    resource_request: {},
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-11-28T11:00:00Z" },
    status: "running",
    job_id: "42",
    slurm: { job_id: "42", job_name: `autolab-${RUN}` },
    launch: { tool: "autolab-slurm" },
    ...extra,
  };
}

/** The Python tool's record of a run it has just submitted (the sample, before its end). */
function theirs(extra: Partial<RunManifest> = {}): RunManifest {
  const m = structuredClone(SAMPLE);
  delete m.completed_at;
  m.timestamps = { started_at: SAMPLE.timestamps.started_at };
  m.status = "running";
  m.artifact_sync_to_local = { status: "pending" };
  return { ...m, ...extra };
}

const NONE: Sentinel = { state: "missing" };
const complete = (exitCode: number, jobId = "42"): Sentinel => ({
  state: "present",
  jobId,
  endedAt: "2026-11-28T11:30:00Z",
  exitCode,
  data: { job_id: jobId, ended_at: "2026-11-28T11:30:00Z", exit_code: exitCode },
});

function input(m: RunManifest, o: JobObservation | undefined, extra: Partial<RunInput> = {}): RunInput {
  const judged = o ? slurmCli().judge(o) : undefined;
  const verdict = judged ? (({ neverStarts: _n, ...v }) => v)(judged) : undefined;
  return {
    manifest: m,
    file: FILE,
    at: AT,
    now: NOW,
    graceSeconds: 600,
    answer: "answered",
    job: o,
    verdict,
    sentinel: NONE,
    neverStarts: judged?.neverStarts ?? false,
    ...extra,
  };
}

const RUNAWAY =
  "sacct keeps an open record (State=RUNNING) but the controller does not list the job, and its Elapsed 03:00:05 is past its Timelimit 01:00:00";
const runawayObs = (extra: Partial<JobObservation> = {}): JobObservation => ({
  jobId: "42",
  name: `autolab-${RUN}`,
  state: "RUNNING",
  source: "sacct",
  runaway: RUNAWAY,
  ...extra,
});

describe("item 5: a runaway accounting record is not 'running'", () => {
  it.each([
    ["complete sentinel exit 0", complete(0), undefined, "running", true, undefined, []],
    ["complete sentinel exit 3", complete(3), undefined, "failed", false, "exit_code", []],
    [
      "another job's sentinel, first tick",
      complete(0, "41"),
      undefined,
      "running",
      false,
      undefined,
      ["scheduler.runaway"],
    ],
    ["no sentinel, first tick", NONE, undefined, "running", false, undefined, ["scheduler.runaway"]],
    ["no sentinel, inside the limit", NONE, "2026-11-28T00:00:00Z", "running", false, undefined, ["scheduler.runaway"]],
    ["no sentinel, past the limit", NONE, "2026-11-27T11:00:00Z", "failed", false, "lost", []],
  ] as const)("%s", (_w, sentinel, since, status, sync, reason, checks) => {
    const m = ours({ slurm: { job_id: "42", job_name: `autolab-${RUN}`, ...(since ? { runaway_since: since } : {}) } });
    const s = decideRun(input(m, runawayObs(), { sentinel, runawayLostAfterSeconds: 86400 }));
    expect(s.manifest.status).toBe(status);
    expect(s.sync).toBe(sync);
    expect(s.failureReason).toBe(reason);
    expect(s.findings.map((f) => f.check)).toEqual(checks);
    if (checks.length) {
      expect(s.findings[0].hint).toContain("sacctmgr show runawayjobs");
      expect(s.manifest.slurm?.runaway_since).toBe(since ?? AT);
    }
    if (reason === "lost") expect(s.manifest.failure).toMatchObject({ reason: "lost" });
    if (sync) expect(s.manifest.slurm?.runaway_since).toBeUndefined();
    expect(s.manifest.slurm?.decision).toContain("runaway");
  });

  it("the same open record without the runaway flag (the controller lists it) is running, as before", () => {
    const s = decideRun(input(ours({ status: "submitted" }), runawayObs({ runaway: undefined, source: "squeue" })));
    expect(s.manifest.status).toBe("running");
    expect(s.findings).toEqual([]);
  });
});

describe("item 11: REVOKED in a federation is followed, never a failure", () => {
  it("a REVOKED record the siblings did not show: left as it is, with a warning", () => {
    const o: JobObservation = { jobId: "42", name: `autolab-${RUN}`, state: "REVOKED", source: "sacct", end: "x" };
    const s = decideRun(input(ours({ status: "submitted" }), o));
    expect(s.manifest.status).toBe("submitted");
    expect(s.failureReason).toBeUndefined();
    expect(s.findings.map((f) => f.check)).toEqual(["scheduler.unknown_job"]);
    expect(s.findings[0].message).toMatch(/sibling cluster/);
  });

  it("the sibling's record (the query replaced the REVOKED one) decides: COMPLETED 0:0 syncs", () => {
    const o: JobObservation = {
      jobId: "42",
      name: `autolab-${RUN}`,
      state: "COMPLETED",
      exitCode: "0:0",
      end: "2026-11-28T11:59:00",
      source: "sacct --federation",
    };
    const s = decideRun(input(ours({ status: "submitted" }), o));
    expect(s.manifest.status).toBe("running");
    expect(s.sync).toBe(true);
  });
});

describe("item 9: runs the Python autolab tool launched", () => {
  it("are recognised by workspace_revision without our launch.tool and job name; ours never are", () => {
    expect(launchedByPythonTool(SAMPLE)).toBe(true);
    expect(launchedByPythonTool(ours())).toBe(false);
    expect(launchedByPythonTool({ ...SAMPLE, launch: { tool: "autolab-slurm" } })).toBe(false);
    expect(launchedByPythonTool({ ...SAMPLE, slurm: { job_id: "4242", job_name: "autolab-x" } })).toBe(false);
    // A minimal hand-written manifest is not taken for the Python tool's.
    const { workspace_revision: _w, ...bare } = SAMPLE;
    expect(launchedByPythonTool(bare as RunManifest)).toBe(false);
  });

  it("(a) COMPLETED 0:0 without a sentinel: theirs is synced, ours waits for the sentinel", () => {
    const job: JobObservation = {
      jobId: "4242",
      state: "COMPLETED",
      exitCode: "0:0",
      end: "2026-11-28T15:14:55",
      source: "sacct",
    };
    const d = decideRun(input(theirs(), job));
    expect(d.sync).toBe(true);
    const after = (m: RunManifest, since?: string) =>
      afterSync({
        manifest: since ? { ...m, slurm: { ...m.slurm, sentinel_missing_since: since } } : m,
        file: FILE,
        at: AT,
        now: NOW,
        graceSeconds: 600,
        syncEvidence: "artifacts synced (shared)",
        sentinel: NONE,
      });
    const t = after(d.manifest, "2026-11-28T11:00:00Z");
    expect(t.manifest.status).toBe("synced");
    expect(t.failureReason).toBeUndefined();
    expect(t.manifest.history?.at(-1)?.evidence).toMatch(/Python autolab tool/);
    // Ours, past the same grace: failed (sentinel_missing), as before.
    expect(after(ours(), "2026-11-28T11:00:00Z").failureReason).toBe("sentinel_missing");
  });

  it.each([
    ["pending", true],
    ["failed", true],
    ["completed", false],
    ["ok", false],
  ])("(b) their completed with sync %s awaits the sync: %s", (sync, want) => {
    const m = { ...SAMPLE, artifact_sync_to_local: { status: sync } };
    expect(awaitsSync(m)).toBe(want);
    expect(needsWork(m, true)).toBe(want);
    // Ours: completed is final whatever the sync says.
    expect(awaitsSync(ours({ status: "completed", artifact_sync_to_local: { status: sync } }))).toBe(false);
  });

  it("(b) their policy's shell templates are reported, with what happens instead", () => {
    const keys = pythonTemplateKeys({
      slurm: { monitor: { poll_command_template: "squeue -j {job_id}", sync_command_template: "rsync {src} {dst}" } },
    });
    expect(keys.map((k) => k.path.join("."))).toEqual([
      "slurm.monitor.poll_command_template",
      "slurm.monitor.sync_command_template",
    ]);
    expect(keys[1].instead).toMatch(/artifact_sync/);
    expect(pythonTemplateKeys({ slurm: { monitor: {} } })).toEqual([]);
  });

  it("(c) their completed run without a sentinel may run the parser; ours is partial", () => {
    const plan = planExtraction(SAMPLE, NONE);
    expect(plan.runParser).toBe(true);
    expect(plan.missing).toEqual([]);
    const mine = planExtraction(ours({ status: "completed", artifact_sync_to_local: { status: "ok" } }), NONE);
    expect(mine.missing).toContain("job sentinel missing");
  });

  it("(d) the sample's ledger line is the one the Python tool wrote for it (status aside, which it never updates)", () => {
    const ledger = readFileSync(path.join(import.meta.dirname, "../fixtures/autolab-1.0/slurm_job_list.md"), "utf8");
    const first = ledger.split("\n")[0];
    expect(canonicalLine({ ...SAMPLE, status: "submitted" })).toBe(first);
  });

  it.each([
    ["job id: slurm.job_id first", { job_id: "1", slurm: { job_id: "2" } }, "job_id=2"],
    [
      "job id: resource_request.slurm.job_id before resource_request.job_id",
      { job_id: "1", slurm: {}, resource_request: { job_id: "3", slurm: { job_id: "4" } } },
      "job_id=4",
    ],
    [
      "date: the local date prefix of an offset timestamp",
      { started_at: "2026-11-28T23:30:00-05:00" },
      "- 2026-11-28 |",
    ],
    ["date: timestamp_utc first", { timestamp_utc: "2026-11-20T01:00:00Z" }, "- 2026-11-20 |"],
    [
      "date: launch_snapshot.launched_at_utc before started_at",
      { launch_snapshot: { launched_at_utc: "2026-11-21T01:00:00Z" } },
      "- 2026-11-21 |",
    ],
    ["status: missing -> unknown", { status: undefined }, "status=unknown"],
    ["status: empty -> unknown", { status: "" }, "status=unknown"],
  ] as const)("(d) %s", (_w, extra, want) => {
    const m = { ...SAMPLE, ...extra } as RunManifest;
    if ("status" in extra && extra.status === undefined) delete m.status;
    const line = canonicalLine(m);
    expect(line).toContain(want);
    // The line is a ledger line for our parser too, and verifies against the manifest.
    expect(parseLedger(line + "\n").problems).toEqual([]);
    expect(verifyLedger(line + "\n", m, "docs/slurm_job_list.md")).toEqual([]);
  });

  it("(d) ours keep our rules: UTC date of an offset timestamp, job_id first", () => {
    const m = ours({
      job_id: "1",
      slurm: { job_id: "2", job_name: "x" },
      timestamps: { started_at: "2026-11-28T23:30:00-05:00" },
    });
    expect(canonicalLine(m)).toBe(`- 2026-11-29 | job_id=1 | iteration_id=it | run_id=${RUN} | status=running`);
  });
});

describe("item 10: the recovery recipes (pure rules)", () => {
  it("a status set by hand without completed_at is completed by the next tick (no hand-written completed_at)", () => {
    const m = ours({ status: "failed", history: [{ from: "submitted", to: "running", at: AT, evidence: "x" }] });
    expect(endedByHand(m)).toBe(true);
    expect(needsWork(m, true)).toBe(true);
    const s = decideRun(input(m, undefined));
    expect(s.manifest.timestamps.completed_at).toBe(AT);
    expect(s.manifest.completed_at).toBe(AT);
    expect(s.manifest.history?.at(-1)).toMatchObject({ from: "running", to: "failed", at: AT });
    expect(s.manifest.failure).toMatchObject({ reason: "manual" });
    expect(endedByHand(s.manifest)).toBe(false);
    expect(endedByHand(ours({ status: "running" }))).toBe(false);
  });

  it.each([
    ["no file", undefined, undefined, false],
    ["the render itself", "R", undefined, false],
    ["the copy of the run it was rendered for", "OLD", { runId: "r0", text: "OLD" }, false],
    ["edited by hand", "OLD+fix", { runId: "r0", text: "OLD" }, true],
  ] as const)("launch/run_slurm.sbatch %s -> refused %s", (_w, onDisk, last, refused) => {
    const e = handEditedScript({
      path: "experiments/it/launch/run_slurm.sbatch",
      onDisk,
      rendered: "R",
      lastSubmitted: last,
      design: "experiments/it/design.yaml",
    });
    expect(e !== undefined).toBe(refused);
    if (e) expect(e.hint).toContain("git checkout -- experiments/it/launch/run_slurm.sbatch");
  });
});
