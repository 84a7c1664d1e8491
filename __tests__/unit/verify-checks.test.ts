/**
 * The verifier's pure checks and its registry, on facts built in memory (no
 * files, no processes): the env_smoke sentinel rules (one reading with the
 * monitor, domain/sentinel.ts), sync.status, status.completed_at, which
 * checks run at which stage under which policy, and the dispatch.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, mergePolicy, type Policy } from "../../src/contract/policy.js";
import type { RunManifest } from "../../src/contract/types.js";
import { VERIFY_STAGES, type VerifyStage } from "../../src/contract/vocabulary.js";
import { manifestJobId } from "../../src/domain/run.js";
import { parseSentinel } from "../../src/domain/sentinel.js";
import { checkSentinel } from "../../src/verify/checks/env-smoke.js";
import { checkCompletedAt, checkSync } from "../../src/verify/checks/status.js";
import { contractDoc, jsonDoc, type Doc } from "../../src/verify/doc.js";
import { checkFacts, knownStatus } from "../../src/verify/engine.js";
import { activeChecks, VERIFY_CHECKS } from "../../src/verify/index.js";
import type { RunFacts, RunInput, RunNames, SentinelFacts } from "../../src/verify/types.js";

const RUN_ID = "20261128T100000Z_abc123";
const ITER = "iter1";
const RUN_PATH = `experiments/in_progress/${ITER}/runs/${RUN_ID}`;
const RUN: RunNames = {
  runId: RUN_ID,
  iterationId: ITER,
  iterationPath: `experiments/in_progress/${ITER}`,
  runPath: RUN_PATH,
  manifestDisplay: `${RUN_PATH}/run_manifest.json`,
};
const JOB = "4242";
const ALL_IDS = new Set(VERIFY_CHECKS.map((c) => c.id));

function manifest(over: Record<string, unknown> = {}): RunManifest {
  const m: Record<string, unknown> = {
    schema_version: "1.0",
    run_id: RUN_ID,
    iteration_id: ITER,
    launch_mode: "slurm",
    host_mode: "slurm",
    command: `sbatch ${RUN_PATH}/run_slurm.sbatch`,
    resource_request: { partition: "debug" },
    status: "completed",
    job_id: JOB,
    slurm: { job_name: `autolab-${RUN_ID}` },
    launch: { tool: "autolab-slurm" },
    timestamps: { started_at: "2026-11-28T10:00:00Z", completed_at: "2026-11-28T10:30:00Z" },
    artifact_sync_to_local: { status: "ok" },
    ...over,
  };
  for (const k of Object.keys(m)) if (m[k] === undefined) delete m[k];
  return m as RunManifest;
}

function doc(m: RunManifest): Doc<RunManifest> {
  const d = contractDoc<RunManifest>("manifest", JSON.stringify(m, null, 2), RUN.manifestDisplay, "manifest.schema");
  if (d.kind !== "ok") throw new Error("fixture manifest does not parse");
  return d.doc;
}

/** The sentinel as facts: an object (written as JSON), raw text, or "missing". */
function sentinel(s: Record<string, unknown> | string | "missing"): SentinelFacts {
  const file = `${RUN_PATH}/job_sentinel.json`;
  if (s === "missing") return { kind: "missing", file };
  const text = typeof s === "string" ? s : JSON.stringify(s, null, 2);
  const d = jsonDoc<unknown>(text, file, "env_smoke.sentinel");
  if (d.kind === "ok") return { kind: "ok", doc: d.doc, sentinel: parseSentinel(text) };
  if (d.kind === "error") return d;
  return { kind: "missing", file };
}

function input(m: RunManifest, over: Partial<RunInput> = {}): RunInput {
  return {
    run: RUN,
    doc: doc(m),
    status: knownStatus(m),
    jobId: manifestJobId(m),
    active: ALL_IDS,
    now: new Date("2026-11-28T12:00:00Z"),
    refusedPaths: [],
    requireMetrics: true,
    ...over,
  };
}

const ENDED = { started_at: "2026-11-28T10:00:05Z", ended_at: "2026-11-28T10:29:55Z" };
const sent = (over: Record<string, unknown> = {}) => ({ run_id: RUN_ID, job_id: JOB, ...ENDED, exit_code: 0, ...over });

/** [check id, severity, json pointer] of each finding, for compact tables. */
const brief = (fs: { check: string; severity: string; jsonPath?: string }[]) =>
  fs.map((f) => [f.check, f.severity, f.jsonPath ?? null]);

describe("env_smoke.sentinel", () => {
  const table: Array<
    [string, Record<string, unknown>, Record<string, unknown> | string | "missing", unknown[][], RegExp?]
  > = [
    // name, manifest fields, sentinel, findings, message of the first
    ["completed, exit 0", {}, sent(), []],
    ["completed, exit 3", {}, sent({ exit_code: 3 }), [["env_smoke.sentinel", "error", "/exit_code"]], /job exited 3$/],
    [
      "completed, no sentinel",
      {},
      "missing",
      [["env_smoke.sentinel", "error", null]],
      /job_sentinel.json is missing: nothing shows/,
    ],
    [
      "completed, killed before its end (no ended_at, no exit code)",
      {},
      sent({ ended_at: null, exit_code: null }),
      [["env_smoke.sentinel", "error", "/ended_at"]],
      /has no end \(ended_at null, exit_code null\)/,
    ],
    [
      "completed, ended but no exit code",
      {},
      sent({ exit_code: null }),
      [["env_smoke.sentinel", "error", "/exit_code"]],
      /has no end/,
    ],
    ["synced, exit 0", { status: "synced" }, sent(), []],
    // One rule with the monitor: an exit code written as a string of digits is that number.
    ['completed, exit_code "0" (a digit string)', {}, sent({ exit_code: "0" }), []],
    [
      'completed, exit_code "3" (a digit string)',
      {},
      sent({ exit_code: "3" }),
      [["env_smoke.sentinel", "error", "/exit_code"]],
      /job exited 3$/,
    ],
    [
      'exit_code "3a" is no exit code: reported, and the completed run has no end',
      {},
      sent({ exit_code: "3a" }),
      [
        ["env_smoke.sentinel", "error", "/exit_code"],
        ["env_smoke.sentinel", "error", "/exit_code"],
      ],
      /exit_code "3a" is not an integer/,
    ],
    [
      "exit_code 1.5 is not an integer",
      { status: "running" },
      { run_id: RUN_ID, job_id: JOB, started_at: ENDED.started_at, exit_code: 1.5 },
      [["env_smoke.sentinel", "error", "/exit_code"]],
      /exit_code 1.5 is not an integer/,
    ],
    [
      "written by another job",
      {},
      sent({ job_id: 999 }),
      [["env_smoke.sentinel", "error", "/job_id"]],
      /written by job 999, but the manifest's job is 4242/,
    ],
    ["the same job, its id as a number", {}, sent({ job_id: 4242 }), []],
    ["an array task's raw job id is not compared", { job_id: "4242_3" }, sent({ job_id: "5000" }), []],
    [
      "the sentinel of another run",
      {},
      sent({ run_id: "20261127T000000Z_ffffff" }),
      [["env_smoke.sentinel", "error", "/run_id"]],
      /belongs to run "20261127T000000Z_ffffff"/,
    ],
    [
      "running, no sentinel yet (this tool's launch)",
      { status: "running" },
      "missing",
      [["env_smoke.sentinel", "warning", null]],
      /running but job_sentinel.json is missing/,
    ],
    ["running, no sentinel, launched by another tool", { status: "running", launch: { tool: "other" } }, "missing", []],
    ["submitted, no sentinel", { status: "submitted" }, "missing", []],
    [
      "running, but the job ended",
      { status: "running" },
      sent({ exit_code: 2 }),
      [["env_smoke.sentinel", "warning", "/ended_at"]],
      /the job ended \(2026-11-28T10:29:55Z, exit 2\) but the manifest still says running/,
    ],
    [
      "submitted, but the job started",
      { status: "submitted" },
      { run_id: RUN_ID, job_id: JOB, started_at: ENDED.started_at },
      [["env_smoke.sentinel", "notice", "/started_at"]],
      /started at 2026-11-28T10:00:05Z but the manifest still says submitted/,
    ],
    [
      "failed, job exited 0, no failure reason",
      { status: "failed" },
      sent(),
      [["env_smoke.sentinel", "warning", "/exit_code"]],
      /records no failure reason/,
    ],
    ["failed, job exited 0, failure.reason recorded", { status: "failed", failure: { reason: "timeout" } }, sent(), []],
    [
      "failed, job exited 0, slurm.failure_reason recorded",
      { status: "failed", slurm: { failure_reason: "oom" } },
      sent(),
      [],
    ],
    [
      "failed, job exited 0, its sync failed",
      { status: "failed", artifact_sync_to_local: { status: "failed" } },
      sent(),
      [],
    ],
    ["pending: nothing ran, nothing to check", { status: "pending", job_id: undefined }, "missing", []],
    ["an unknown status word: manifest.schema reports it", { status: "bogus" }, "missing", []],
    ["not a JSON object", {}, "[1, 2]", [["env_smoke.sentinel", "error", ""]], /is not a JSON object/],
    ["not JSON", {}, "{ nope", [["env_smoke.sentinel", "error", null]]],
  ];
  it.each(table)("%s", (_name, over, s, want, message) => {
    const f = checkSentinel(input(manifest(over), { sentinel: sentinel(s) }));
    expect(brief(f)).toEqual(want);
    if (message) expect(f[0].message).toMatch(message);
    for (const x of f) expect(x.hint, x.message).toBeTruthy();
  });

  it("points at the sentinel's exit_code line and column", () => {
    const f = checkSentinel(input(manifest(), { sentinel: sentinel(sent({ exit_code: 3 })) }));
    expect(f[0]).toMatchObject({ file: `${RUN_PATH}/job_sentinel.json`, line: 6, column: 16 });
  });

  it("does not run without sentinel facts (env_smoke not gathered)", () => {
    expect(checkSentinel(input(manifest()))).toEqual([]);
  });
});

describe("sync.status", () => {
  const table: Array<[string, Record<string, unknown>, unknown[][], RegExp?]> = [
    ["ok for a completed run", {}, []],
    ["pending for a running run", { status: "running", artifact_sync_to_local: { status: "pending" } }, []],
    [
      "not set",
      { artifact_sync_to_local: {} },
      [["sync.status", "error", "/artifact_sync_to_local"]],
      /artifact_sync_to_local.status is not set/,
    ],
    ["no sync record at all", { artifact_sync_to_local: undefined }, [["sync.status", "error", ""]], /is not set/],
    ["blank", { artifact_sync_to_local: { status: "  " } }, [["sync.status", "error", "/artifact_sync_to_local"]]],
    [
      "not a sync word",
      { artifact_sync_to_local: { status: "maybe" } },
      [["sync.status", "error", "/artifact_sync_to_local/status"]],
      /"maybe" is not a sync status/,
    ],
    [
      "an older spelling of ok",
      { artifact_sync_to_local: { status: "completed" } },
      [["sync.status", "notice", "/artifact_sync_to_local/status"]],
      /older spelling of "ok"/,
    ],
    [
      "completed but not synced",
      { artifact_sync_to_local: { status: "pending" } },
      [["sync.status", "error", "/artifact_sync_to_local/status"]],
      /the run is completed but its artifacts are not synced/,
    ],
    [
      "synced with an older spelling of failed: both",
      { status: "synced", artifact_sync_to_local: { status: "error" } },
      [
        ["sync.status", "notice", "/artifact_sync_to_local/status"],
        ["sync.status", "error", "/artifact_sync_to_local/status"],
      ],
    ],
    ["failed with a failed sync", { status: "failed", artifact_sync_to_local: { status: "failed" } }, []],
  ];
  it.each(table)("%s", (_name, over, want, message) => {
    const f = checkSync(input(manifest(over)));
    expect(brief(f)).toEqual(want);
    if (message) expect(f[0].message).toMatch(message);
  });
});

describe("status.completed_at", () => {
  const started = "2026-11-28T10:00:00Z";
  const table: Array<[string, Record<string, unknown>, unknown[][], RegExp?]> = [
    ["completed with completed_at", {}, []],
    [
      "completed without completed_at",
      { timestamps: { started_at: started } },
      [["status.completed_at", "error", "/timestamps"]],
      /the run is completed but timestamps.completed_at is not set/,
    ],
    [
      "failed without timestamps at all",
      { status: "failed", timestamps: undefined },
      [["status.completed_at", "error", "/status"]],
    ],
    [
      "partial without completed_at is a warning",
      { status: "partial", timestamps: { started_at: started } },
      [["status.completed_at", "warning", "/timestamps"]],
    ],
    ["synced has not ended: no completed_at needed", { status: "synced", timestamps: { started_at: started } }, []],
    [
      "running with completed_at (both places)",
      { status: "running", completed_at: "2026-11-28T10:30:00Z" },
      [
        ["status.completed_at", "error", "/timestamps/completed_at"],
        ["status.completed_at", "error", "/completed_at"],
      ],
      /timestamps.completed_at is set but the run is running, which has not ended/,
    ],
    [
      "ends before it starts",
      { timestamps: { started_at: started, completed_at: "2026-11-28T09:00:00Z" } },
      [["status.completed_at", "error", "/timestamps/completed_at"]],
      /is before timestamps.started_at/,
    ],
    [
      "a timestamp without a zone is UTC",
      { timestamps: { started_at: "2026-11-28 10:00:00", completed_at: "2026-11-28T10:00:01Z" } },
      [],
    ],
    ["an unknown status word: not checked", { status: "bogus", timestamps: { started_at: started } }, []],
  ];
  // manifest.schema off: the schema (which also requires completed_at of an ended run) would report it first.
  const noSchema = new Set([...ALL_IDS].filter((id) => id !== "manifest.schema"));
  it.each(table)("%s", (_name, over, want, message) => {
    const f = checkCompletedAt(input(manifest(over), { active: noSchema }));
    expect(brief(f)).toEqual(want);
    if (message) expect(f[0].message).toMatch(message);
  });

  it("a completed_at the schema already reported is not reported again (only while manifest.schema runs)", () => {
    const m = manifest({ timestamps: { started_at: started } });
    const d = doc(m);
    d.findings = [
      { severity: "error", check: "schema", jsonPath: "/timestamps/completed_at", message: "required", file: d.file },
    ];
    expect(checkCompletedAt(input(m, { doc: d }))).toEqual([]);
    expect(brief(checkCompletedAt(input(m, { doc: d, active: noSchema })))).toEqual([
      ["status.completed_at", "error", "/timestamps"],
    ]);
  });
});

describe("the registry: which checks run at which stage under which policy", () => {
  const slurmPreset = mergePolicy(DEFAULT_POLICY as unknown as Record<string, unknown>, {
    requirements_by_stage: { launch: { env_smoke: true, dry_run: true }, slurm_monitor: { env_smoke: true } },
  }) as unknown as Policy;
  const ids = (p: Policy, stage: VerifyStage, runCommands = true) =>
    activeChecks(p, stage, runCommands).map((c) => c.id);
  const ofCategory = (...cats: string[]) => VERIFY_CHECKS.filter((c) => cats.includes(c.category)).map((c) => c.id);
  const atStage = (stage: VerifyStage, list: string[]) =>
    list.filter((id) => VERIFY_CHECKS.find((c) => c.id === id)!.stages.includes(stage));

  it("every check has a unique id, a category and at least one stage", () => {
    expect(new Set(VERIFY_CHECKS.map((c) => c.id)).size).toBe(VERIFY_CHECKS.length);
    expect(VERIFY_CHECKS).toHaveLength(21);
    for (const c of VERIFY_CHECKS) expect(c.stages.length).toBeGreaterThan(0);
    const metrics = VERIFY_CHECKS.filter((c) => c.id.startsWith("metrics."));
    expect(metrics.map((c) => c.stages)).toEqual(metrics.map(() => ["extract_results"]));
  });

  const table: Array<[string, Policy, VerifyStage, boolean, string[]]> = [
    ["defaults at launch", DEFAULT_POLICY, "launch", true, atStage("launch", ofCategory("schema", "consistency"))],
    [
      "defaults at slurm_monitor",
      DEFAULT_POLICY,
      "slurm_monitor",
      true,
      atStage("slurm_monitor", ofCategory("schema", "consistency")),
    ],
    [
      "defaults at extract_results: the metrics checks too",
      DEFAULT_POLICY,
      "extract_results",
      true,
      ofCategory("schema", "consistency"),
    ],
    [
      "slurm preset at launch: env_smoke and the dry run",
      slurmPreset,
      "launch",
      true,
      atStage("launch", ofCategory("schema", "consistency", "env_smoke", "dry_run")),
    ],
    [
      "slurm preset at launch without commands",
      slurmPreset,
      "launch",
      false,
      atStage("launch", ofCategory("schema", "consistency", "env_smoke")),
    ],
    [
      "slurm preset at slurm_monitor",
      slurmPreset,
      "slurm_monitor",
      true,
      atStage("slurm_monitor", ofCategory("schema", "consistency", "env_smoke")),
    ],
    [
      "slurm preset at extract_results: as the defaults",
      slurmPreset,
      "extract_results",
      true,
      ofCategory("schema", "consistency"),
    ],
    [
      "only tests at launch",
      { ...DEFAULT_POLICY, requirements_by_stage: { launch: { tests: true } } },
      "launch",
      true,
      ["policy.test_command"],
    ],
    ["nothing required", { ...DEFAULT_POLICY, requirements_by_stage: {} }, "extract_results", true, []],
  ];
  it.each(table)("%s", (_name, policy, stage, runCommands, want) => {
    expect(ids(policy, stage, runCommands)).toEqual(want);
  });

  it("the metrics checks never run before extract_results, whatever the policy", () => {
    const all = { ...DEFAULT_POLICY, requirements_by_stage: {} as Record<string, Record<string, boolean>> };
    for (const s of VERIFY_STAGES)
      all.requirements_by_stage[s] = { schema: true, consistency: true, env_smoke: true, tests: true, dry_run: true };
    for (const s of VERIFY_STAGES) {
      const on = ids(all, s);
      expect(on.some((id) => id.startsWith("metrics."))).toBe(s === "extract_results");
      expect(on).toContain("policy.dry_run_command");
    }
  });
});

describe("the dispatch (checkFacts) on facts in memory", () => {
  const facts = (m: RunManifest, over: Partial<RunFacts> = {}): RunFacts => ({
    run: RUN,
    manifest: { kind: "ok", doc: doc(m) },
    refusedPaths: [],
    ...over,
  });
  const run = (f: RunFacts[], policy: Policy = DEFAULT_POLICY, stage: VerifyStage = "launch") =>
    checkFacts({
      active: activeChecks(policy, stage),
      runs: f,
      now: new Date("2026-11-28T12:00:00Z"),
      requireMetrics: true,
    });

  it("a clean completed run has no finding", () => {
    expect(run([facts(manifest())])).toEqual({ findings: [], runsChecked: 1 });
  });

  it("a manifest that does not parse is its only finding; a vanished one is not counted", () => {
    const broken = contractDoc<RunManifest>("manifest", '{ "run_id": ', RUN.manifestDisplay, "manifest.schema");
    const r = run([
      facts(manifest(), { manifest: broken }),
      facts(manifest(), { manifest: { kind: "missing", file: "x" } }),
    ]);
    expect(r.runsChecked).toBe(1);
    expect(r.findings.map((f) => f.check)).toEqual(["manifest.schema"]);
    expect(r.findings[0].hint).toMatch(/every other check of this run waits for it/);
  });

  it("env_smoke runs only when the policy asks for it", () => {
    const f = facts(manifest(), { sentinel: sentinel("missing") });
    expect(run([f]).findings).toEqual([]);
    const env = mergePolicy(DEFAULT_POLICY as unknown as Record<string, unknown>, {
      requirements_by_stage: { launch: { env_smoke: true } },
    }) as unknown as Policy;
    expect(run([f], env).findings.map((x) => x.check)).toEqual(["env_smoke.sentinel"]);
  });

  it("a metrics.json with Python's NaN is reported once (metrics.finite), and the other metrics checks skip it", () => {
    const text = '{\n  "run_id": "x",\n  "loss": NaN\n}\n';
    const metrics = contractDoc<never>("metrics", text, `${RUN_PATH}/metrics.json`, "metrics.schema");
    const r = run([facts(manifest(), { metrics })], DEFAULT_POLICY, "extract_results");
    expect(r.findings.map((f) => [f.check, f.line, f.column])).toEqual([["metrics.finite", 3, 11]]);
  });

  it("a missing metrics.json of a run that ended is metrics.schema; of a running run nothing", () => {
    const metrics = { kind: "missing" as const, file: `${RUN_PATH}/metrics.json` };
    const ended = run([facts(manifest(), { metrics })], DEFAULT_POLICY, "extract_results");
    expect(ended.findings.map((f) => f.check)).toEqual(["metrics.schema"]);
    const running = manifest({ status: "running", timestamps: { started_at: "2026-11-28T10:00:00Z" } });
    const r = run([facts(running, { metrics })], DEFAULT_POLICY, "extract_results");
    expect(r.findings).toEqual([]);
  });
});
