/**
 * The verifier (`autolab verify`) and run discovery, on real repositories built
 * in temporary directories: real files, real symlinks, real programs run by
 * argv. Each check is made to fail by one precise edit of a clean repository,
 * and the finding must name the check, the file, and the line and column of
 * the offending key.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { command as verifyCommand } from "../../src/cli/commands/verify.js";
import { main } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/command.js";
import { discoverRuns } from "../../src/store/discover.js";
import { runVerify, VERIFY_CHECKS, type VerifyReport } from "../../src/verify/index.js";
import type { Finding } from "../../src/util/errors.js";
import type { VerifyStage } from "../../src/contract/vocabulary.js";
import { DEV_CLUSTER_SCRIPT, requireCluster } from "../helpers/cluster.js";

const RUN = "20261128T151432Z_a1b2c3";
const ITER = "iter1";
const JOB = "4242";
const ITER_PATH = `experiments/in_progress/${ITER}`;
const RUN_PATH = `${ITER_PATH}/runs/${RUN}`;
const MANIFEST = `${RUN_PATH}/run_manifest.json`;
const NOW = new Date("2026-11-29T00:00:00Z");
const STAGES: VerifyStage[] = ["launch", "slurm_monitor", "extract_results"];
// The Python tool's files, copied unchanged into the fixtures (CI has no ../shared beside the checkout).
const SAMPLES = path.resolve(__dirname, "../fixtures/autolab-1.0");

/** Real SLURM is needed only for the slurm preset's `sbatch --test-only` dry run. */
const sinfoOnPath = (process.env.PATH ?? "")
  .split(path.delimiter)
  .some((d) => d !== "" && existsSync(path.join(d, "sinfo")));
if (!sinfoOnPath) {
  console.warn(
    "\n*** verify.test.ts: SKIPPING the slurm-preset dry run: `sinfo` is not on PATH, so there is no SLURM here. " +
      `Start the dev cluster with: bash ${DEV_CLUSTER_SCRIPT} start ***\n`,
  );
}

const STRICT_POLICY = `requirements_by_stage:
  launch: {schema: true, consistency: true, env_smoke: true}
  slurm_monitor: {schema: true, consistency: true, env_smoke: true}
  extract_results: {schema: true, consistency: true, env_smoke: true}
`;

const DESIGN = `id: ${ITER}
compute:
  location: slurm
  partition: debug
  walltime_estimate: "00:10:00"
entrypoint:
  module: train
`;

const LEDGER = `# SLURM job list

- 2026-11-28 | job_id=${JOB} | iteration_id=${ITER} | run_id=${RUN} | status=completed
`;

type Json = Record<string, unknown>;

function manifest(over: Json = {}): Json {
  const base: Json = {
    schema_version: "1.0",
    run_id: RUN,
    iteration_id: ITER,
    launch_mode: "slurm",
    host_mode: "slurm",
    command: `sbatch ${RUN_PATH}/run_slurm.sbatch`,
    resource_request: { partition: "debug" },
    status: "completed",
    artifact_sync_to_local: { status: "ok" },
    timestamps: { started_at: "2026-11-28T15:14:32Z", completed_at: "2026-11-28T15:20:00Z" },
    started_at: "2026-11-28T15:14:32Z",
    completed_at: "2026-11-28T15:20:00Z",
    job_id: JOB,
    slurm: { job_id: JOB, job_name: `autolab-${RUN}` },
    launch: { script: `${RUN_PATH}/run_slurm.sbatch`, design: `${ITER_PATH}/design.yaml`, tool: "autolab-slurm" },
  };
  const out: Json = { ...base, ...over };
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

const SENTINEL: Json = {
  run_id: RUN,
  job_id: JOB,
  host: "node1",
  started_at: "2026-11-28T15:14:40Z",
  ended_at: "2026-11-28T15:19:58Z",
  exit_code: 0,
  signal: null,
};

const METRICS: Json = {
  schema_version: "1.0",
  iteration_id: ITER,
  run_id: RUN,
  status: "completed",
  primary_metric: { name: "accuracy", value: 0.91, delta_vs_baseline: 0.02 },
  notes: "3 epochs",
};

interface RepoSpec {
  /** Object (pretty-printed) or exact text. */
  manifest?: Json | string;
  design?: string | null;
  ledger?: string | null;
  sentinel?: Json | string | null;
  metrics?: Json | string | null;
  logs?: boolean;
  script?: boolean;
  policy?: string | null;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tempDir(prefix = "verify-"): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

function write(root: string, rel: string, text: string): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

function text(v: Json | string): string {
  return typeof v === "string" ? v : JSON.stringify(v, null, 2) + "\n";
}

/** A clean repository with one completed SLURM run; `spec` changes one thing. */
function makeRepo(spec: RepoSpec = {}): string {
  const root = tempDir();
  write(root, MANIFEST, text(spec.manifest ?? manifest()));
  if (spec.design !== null) write(root, `${ITER_PATH}/design.yaml`, spec.design ?? DESIGN);
  if (spec.ledger !== null) write(root, "docs/slurm_job_list.md", spec.ledger ?? LEDGER);
  if (spec.sentinel !== null) write(root, `${RUN_PATH}/job_sentinel.json`, text(spec.sentinel ?? SENTINEL));
  if (spec.metrics !== null) write(root, `${RUN_PATH}/metrics.json`, text(spec.metrics ?? METRICS));
  if (spec.logs !== false) write(root, `${RUN_PATH}/logs/slurm-${JOB}.out`, "epoch 3: accuracy 0.91\n");
  if (spec.script !== false) write(root, `${RUN_PATH}/run_slurm.sbatch`, "#!/bin/bash\n#SBATCH --job-name=x\ntrue\n");
  if (spec.policy !== null) write(root, ".autolab/verifier_policy.yaml", spec.policy ?? STRICT_POLICY);
  return root;
}

function verify(
  root: string,
  stage: VerifyStage,
  extra: Partial<Parameters<typeof runVerify>[0]> = {},
): Promise<VerifyReport> {
  return runVerify({ repoRoot: root, stage, now: NOW, ...extra });
}

/** 1-based line and column where `needle` starts in `file` of `root`, plus `offset` columns. */
function posOf(root: string, rel: string, needle: string, offset = 0): { line: number; column: number } {
  const lines = readFileSync(path.join(root, rel), "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 + offset };
  }
  throw new Error(`${needle} not in ${rel}`);
}

function only(r: VerifyReport, check: string): Finding[] {
  return r.findings.filter((f) => f.check === check);
}

function serious(r: VerifyReport): Finding[] {
  return r.findings.filter((f) => f.severity !== "notice");
}

function describeFindings(r: VerifyReport): string {
  return JSON.stringify(r.findings, null, 2);
}

// ---------------------------------------------------------------------------

describe("clean repository", () => {
  it.each(STAGES)("passes at %s with no error or warning", async (stage) => {
    const root = makeRepo();
    const r = await verify(root, stage);
    expect(serious(r), describeFindings(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.runsChecked).toBe(1);
    expect(r.checksRun).toContain("env_smoke.sentinel");
    expect(r.checksRun).toContain("ledger");
    if (stage === "extract_results") expect(r.checksRun).toContain("metrics.schema");
    else expect(r.checksRun).not.toContain("metrics.schema");
  });

  it("without a policy file runs schema and consistency only (built-in defaults)", async () => {
    const root = makeRepo({ policy: null, sentinel: null });
    const r = await verify(root, "slurm_monitor");
    expect(r.ok, describeFindings(r)).toBe(true);
    const cats = new Set(VERIFY_CHECKS.filter((c) => r.checksRun.includes(c.id)).map((c) => c.category));
    expect([...cats].sort()).toEqual(["consistency", "schema"]);
  });
});

describe("manifest checks", () => {
  it("reports a bad status at the line and column of its key's value", async () => {
    // "status" sits on line 7 of this file.
    const body = [
      "{",
      '  "schema_version": "1.0",',
      `  "run_id": "${RUN}",`,
      `  "iteration_id": "${ITER}",`,
      '  "host_mode": "slurm",',
      '  "command": "sbatch x",',
      '  "status": "done",',
      '  "resource_request": {},',
      '  "artifact_sync_to_local": {"status": "ok"},',
      '  "timestamps": {"started_at": "2026-11-28T15:14:32Z", "completed_at": "2026-11-28T15:20:00Z"},',
      `  "job_id": "${JOB}"`,
      "}",
      "",
    ].join("\n");
    const root = makeRepo({ manifest: body });
    const r = await verify(root, "launch");
    const f = only(r, "manifest.schema");
    expect(f, describeFindings(r)).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", file: MANIFEST, line: 7, column: 13, jsonPath: "/status" });
    expect(f[0].message).toMatch(/status/);
    expect(r.ok).toBe(false);
  });

  it("reports JSON syntax errors with their position and skips the run's other checks", async () => {
    const root = makeRepo({ manifest: '{\n  "run_id": "x",\n  "status": completed\n}\n' });
    const r = await verify(root, "slurm_monitor");
    expect(serious(r), describeFindings(r)).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ check: "manifest.schema", file: MANIFEST, line: 3, column: 13 });
  });

  it("manifest.job_id: a SLURM run without a job id, and copies that disagree", async () => {
    let root = makeRepo({ manifest: manifest({ job_id: undefined, slurm: { job_name: `autolab-${RUN}` } }) });
    let r = await verify(root, "launch");
    let f = only(r, "manifest.job_id");
    expect(f, describeFindings(r)).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", file: MANIFEST, ...posOf(root, MANIFEST, '"slurm": {', 9) });
    expect(f[0].hint).toContain(`sacct --name autolab-${RUN}`);
    // The schema's own job-id rule is not reported twice.
    expect(only(r, "manifest.schema")).toEqual([]);

    root = makeRepo({ manifest: manifest({ slurm: { job_id: "4243" } }) });
    r = await verify(root, "launch");
    f = only(r, "manifest.job_id");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ jsonPath: "/slurm/job_id", ...posOf(root, MANIFEST, '"job_id": "4243"', 10) });

    // A submission that failed before SLURM gave an id is fine.
    root = makeRepo({
      manifest: manifest({
        job_id: undefined,
        status: "failed",
        slurm: { submit_error: "sbatch: error: invalid partition" },
      }),
      sentinel: null,
    });
    r = await verify(root, "launch");
    expect(only(r, "manifest.job_id")).toEqual([]);
  });

  it("manifest.identity: run_id must be the directory name", async () => {
    const root = makeRepo({ manifest: manifest({ run_id: "20261128T151432Z_ffffff" }) });
    const r = await verify(root, "launch");
    const f = only(r, "manifest.identity");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ jsonPath: "/run_id", ...posOf(root, MANIFEST, '"run_id"', 10) });
  });

  it("status.completed_at: a running run with completed_at is reported at that key", async () => {
    const root = makeRepo({
      manifest: manifest({
        status: "running",
        timestamps: { started_at: "2026-11-28T15:14:32Z", completed_at: "2026-11-28T15:20:00Z" },
        completed_at: undefined,
      }),
      sentinel: { ...SENTINEL, ended_at: null, exit_code: null },
    });
    const r = await verify(root, "slurm_monitor");
    const f = only(r, "status.completed_at");
    expect(f, describeFindings(r)).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      jsonPath: "/timestamps/completed_at",
      ...posOf(root, MANIFEST, '"completed_at"', 16),
    });
  });

  it("status.completed_at: an end before the start", async () => {
    const root = makeRepo({
      manifest: manifest({
        timestamps: { started_at: "2026-11-28T15:14:32Z", completed_at: "2026-11-28T15:00:00Z" },
        completed_at: "2026-11-28T15:00:00Z",
      }),
    });
    const r = await verify(root, "slurm_monitor");
    expect(only(r, "status.completed_at")[0]?.message).toMatch(/before/);
  });

  it("sync.status: unset is an error, an unknown value is reported at its line, a legacy spelling is a notice", async () => {
    let root = makeRepo({ manifest: manifest({ artifact_sync_to_local: {} }) });
    let r = await verify(root, "slurm_monitor");
    expect(only(r, "sync.status")[0]).toMatchObject({ severity: "error", message: expect.stringMatching(/not set/) });

    root = makeRepo({ manifest: manifest({ artifact_sync_to_local: { status: "copied-ish" } }) });
    r = await verify(root, "slurm_monitor");
    expect(only(r, "sync.status")[0]).toMatchObject({ severity: "error", ...posOf(root, MANIFEST, '"copied-ish"') });

    root = makeRepo({ manifest: manifest({ artifact_sync_to_local: { status: "completed" } }) });
    r = await verify(root, "slurm_monitor");
    expect(r.ok).toBe(true);
    expect(only(r, "sync.status")).toMatchObject([{ severity: "notice" }]);

    // A completed run whose artifacts never came back.
    root = makeRepo({ manifest: manifest({ artifact_sync_to_local: { status: "pending" } }) });
    r = await verify(root, "slurm_monitor");
    expect(only(r, "sync.status")[0]).toMatchObject({
      severity: "error",
      message: expect.stringMatching(/not synced/),
    });
  });

  it("manifest.path: a path recorded in the manifest that leaves the repository is refused", async () => {
    const outside = tempDir("outside-");
    write(outside, "secret.txt", "x");
    let root = makeRepo({
      manifest: manifest({ launch: { script: "../../../../etc/passwd", tool: "autolab-slurm" } }),
    });
    let r = await verify(root, "launch");
    const f = only(r, "manifest.path");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      jsonPath: "/launch/script",
      ...posOf(root, MANIFEST, '"../../../../etc/passwd"'),
    });

    root = makeRepo({ manifest: manifest({ extraction: { metrics: path.join(outside, "secret.txt") } }) });
    r = await verify(root, "launch");
    expect(only(r, "manifest.path")[0]?.message).toMatch(/absolute/);

    root = makeRepo();
    symlinkSync(outside, path.join(root, "linked"));
    write(root, MANIFEST, text(manifest({ extraction: { metrics: "linked/secret.txt" } })));
    r = await verify(root, "launch");
    expect(only(r, "manifest.path")[0]?.message).toMatch(/symlink/);
  });
});

describe("design and ledger", () => {
  it("design.location: reported at the compute.location node of design.yaml", async () => {
    const design = DESIGN.replace("location: slurm", "location: local");
    const root = makeRepo({ design });
    const r = await verify(root, "launch");
    const f = only(r, "design.location");
    expect(f, describeFindings(r)).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      file: `${ITER_PATH}/design.yaml`,
      line: 3,
      column: 13,
      jsonPath: "/compute/location",
    });
  });

  it("design.location: a missing design.yaml is an error; an invalid one is design.schema at its line", async () => {
    let root = makeRepo({ design: null });
    let r = await verify(root, "launch");
    expect(only(r, "design.location")[0]).toMatchObject({ severity: "error", file: `${ITER_PATH}/design.yaml` });

    root = makeRepo({ design: DESIGN.replace("partition: debug", "partition: 'de bug; rm -rf /'") });
    r = await verify(root, "launch");
    expect(only(r, "design.schema")[0]).toMatchObject({ line: 4, file: `${ITER_PATH}/design.yaml` });
  });

  it("ledger.file / ledger.missing / ledger.mismatch with the exact command that fixes them", async () => {
    const append = `autolab slurm-job-list append --manifest ${MANIFEST} --doc docs/slurm_job_list.md`;
    let root = makeRepo({ ledger: null });
    let r = await verify(root, "launch");
    expect(only(r, "ledger.file")[0]).toMatchObject({ severity: "error", file: "docs/slurm_job_list.md" });
    expect(only(r, "ledger.file")[0].hint).toContain(append);

    root = makeRepo({ ledger: "# SLURM job list\n" });
    r = await verify(root, "launch");
    expect(only(r, "ledger.missing")[0]).toMatchObject({ severity: "error", file: "docs/slurm_job_list.md" });
    expect(only(r, "ledger.missing")[0].hint).toBe(`run \`${append}\``);

    root = makeRepo({ ledger: LEDGER.replace("status=completed", "status=running") });
    r = await verify(root, "launch");
    const f = only(r, "ledger.mismatch");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ line: 3, ...{ column: posOf(root, "docs/slurm_job_list.md", "status=").column } });
    expect(f[0].hint).toContain(append);
  });

  it("ledger.duplicate / ledger.malformed keep the file's line numbers; other runs' bad lines are warned about once", async () => {
    const other = "20261101T000000Z_0000aa";
    const ledger = [
      "# SLURM job list",
      "",
      `- 2026-11-01 | job_id=17 | iteration_id=${ITER} | run_id=${other} | status=completed | extra`,
      `- 2026-11-28 | job_id=${JOB} | iteration_id=${ITER} | run_id=${RUN} | status=completed`,
      "some prose",
      `- 2026-11-28 | job_id=${JOB} | iteration_id=${ITER} | run_id=${RUN} | status=completed`,
      "",
    ].join("\n");
    const root = makeRepo({ ledger });
    // A second run so that two runs read the ledger: the other run's warning must still come once.
    write(
      root,
      `${ITER_PATH}/runs/20261128T000000Z_bbbbbb/run_manifest.json`,
      text(
        manifest({
          run_id: "20261128T000000Z_bbbbbb",
          status: "submitted",
          job_id: "4000",
          slurm: { job_id: "4000" },
          timestamps: { started_at: "2026-11-28T00:00:00Z" },
          completed_at: undefined,
          artifact_sync_to_local: { status: "pending" },
        }),
      ),
    );
    const r = await verify(root, "launch", { runCommands: false });
    const dup = only(r, "ledger.duplicate");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: "error", line: 6 });
    expect(dup[0].message).toContain("lines 4, 6");
    const malformed = only(r, "ledger.malformed");
    expect(malformed).toMatchObject([{ severity: "warning", line: 3 }]);
    expect(only(r, "ledger.missing").map((f) => f.message)).toEqual([
      expect.stringContaining("20261128T000000Z_bbbbbb"),
    ]);
  });

  it("the Python autolab sample gives exactly the ledger status mismatch", async () => {
    const root = tempDir();
    const sample = JSON.parse(readFileSync(path.join(SAMPLES, "run_manifest.completed.json"), "utf8")) as Json;
    const runId = String(sample.run_id);
    const rel = `experiments/in_progress/bootstrap_iteration/runs/${runId}/run_manifest.json`;
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    copyFileSync(path.join(SAMPLES, "run_manifest.completed.json"), path.join(root, rel));
    mkdirSync(path.join(root, "docs"));
    copyFileSync(path.join(SAMPLES, "slurm_job_list.md"), path.join(root, "docs/slurm_job_list.md"));
    write(root, "experiments/in_progress/bootstrap_iteration/design.yaml", "compute:\n  location: slurm\n");
    for (const stage of ["launch", "slurm_monitor"] as const) {
      const r = await verify(root, stage);
      expect(serious(r), describeFindings(r)).toHaveLength(1);
      expect(serious(r)[0]).toMatchObject({
        check: "ledger.mismatch",
        severity: "error",
        file: "docs/slurm_job_list.md",
        line: 1,
        column: posOf(root, "docs/slurm_job_list.md", "status=submitted").column,
      });
      expect(serious(r)[0].message).toMatch(/status is "submitted" in the ledger but "completed" in the manifest/);
      // Python writes the sync status as "completed": read fine, noted as the older spelling.
      expect(r.findings.filter((f) => f.severity === "notice").map((f) => f.check)).toEqual(["sync.status"]);
    }
  });
});

describe("env_smoke (run health)", () => {
  it("a completed run without a sentinel is an error that says what to do", async () => {
    const root = makeRepo({ sentinel: null });
    const r = await verify(root, "slurm_monitor");
    const f = only(r, "env_smoke.sentinel");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "error", file: `${RUN_PATH}/job_sentinel.json` });
    expect(f[0].hint).toMatch(/logs/);
  });

  it("a completed run whose job exited non-zero is reported at the sentinel's exit_code", async () => {
    const root = makeRepo({ sentinel: { ...SENTINEL, exit_code: 3 } });
    const r = await verify(root, "slurm_monitor");
    const f = only(r, "env_smoke.sentinel");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      jsonPath: "/exit_code",
      ...posOf(root, `${RUN_PATH}/job_sentinel.json`, '"exit_code"', 13),
    });
    expect(f[0].hint).toMatch(/failed/);
  });

  it("a failed run with a non-zero or absent sentinel is consistent", async () => {
    const failed = manifest({ status: "failed", failure: { reason: "exit_code" } });
    const ledger = LEDGER.replace("status=completed", "status=failed");
    let r = await verify(
      makeRepo({
        manifest: failed,
        ledger,
        sentinel: { ...SENTINEL, exit_code: 1 },
        metrics: { ...METRICS, status: "failed" },
      }),
      "slurm_monitor",
    );
    expect(serious(r), describeFindings(r)).toEqual([]);
    r = await verify(makeRepo({ manifest: failed, ledger, sentinel: null }), "slurm_monitor");
    expect(serious(r), describeFindings(r)).toEqual([]);
  });

  it("a running run needs its logs directory; a sentinel that already ended is flagged as stale", async () => {
    const running = manifest({
      status: "running",
      timestamps: { started_at: "2026-11-28T15:14:32Z" },
      completed_at: undefined,
      artifact_sync_to_local: { status: "pending" },
    });
    const ledger = LEDGER.replace("status=completed", "status=running");
    let root = makeRepo({
      manifest: running,
      logs: false,
      sentinel: { ...SENTINEL, ended_at: null, exit_code: null },
      ledger,
    });
    let r = await verify(root, "slurm_monitor");
    expect(only(r, "env_smoke.logs"), describeFindings(r)).toMatchObject([
      { severity: "error", file: `${RUN_PATH}/logs` },
    ]);

    root = makeRepo({ manifest: running, ledger });
    r = await verify(root, "slurm_monitor");
    expect(r.ok, describeFindings(r)).toBe(true);
    expect(only(r, "env_smoke.sentinel")).toMatchObject([{ severity: "warning", jsonPath: "/ended_at" }]);
    expect(only(r, "env_smoke.sentinel")[0].hint).toContain(`autolab monitor --run-id ${RUN}`);
  });

  it("a sentinel symlinked outside the repository is refused, never read", async () => {
    const outside = tempDir("outside-");
    write(outside, "job_sentinel.json", JSON.stringify(SENTINEL));
    const root = makeRepo({ sentinel: null });
    symlinkSync(path.join(outside, "job_sentinel.json"), path.join(root, RUN_PATH, "job_sentinel.json"));
    const r = await verify(root, "slurm_monitor");
    expect(only(r, "path.outside")).toMatchObject([{ severity: "error", file: `${RUN_PATH}/job_sentinel.json` }]);
  });
});

describe("metrics at extract_results", () => {
  it("metrics.schema: a missing file, and an invalid status at its line", async () => {
    let root = makeRepo({ metrics: null });
    let r = await verify(root, "extract_results");
    expect(only(r, "metrics.schema")).toMatchObject([{ severity: "error", file: `${RUN_PATH}/metrics.json` }]);
    expect(only(r, "metrics.schema")[0].hint).toContain("autolab monitor");

    root = makeRepo({ metrics: { ...METRICS, status: "done" } });
    r = await verify(root, "extract_results");
    expect(only(r, "metrics.schema")[0]).toMatchObject({
      jsonPath: "/status",
      ...posOf(root, `${RUN_PATH}/metrics.json`, '"done"'),
    });
  });

  it("metrics.finite: NaN as Python writes it, an overflowing number, and infinity as text", async () => {
    const nan = text(METRICS).replace('"value": 0.91', '"value": NaN');
    let root = makeRepo({ metrics: nan });
    let r = await verify(root, "extract_results");
    expect(only(r, "metrics.finite")).toMatchObject([
      { severity: "error", ...posOf(root, `${RUN_PATH}/metrics.json`, "NaN") },
    ]);

    root = makeRepo({ metrics: text(METRICS).replace('"value": 0.91', '"value": 1e999') });
    r = await verify(root, "extract_results");
    expect(only(r, "metrics.finite")).toMatchObject([
      { jsonPath: "/primary_metric/value", ...posOf(root, `${RUN_PATH}/metrics.json`, "1e999") },
    ]);

    root = makeRepo({ metrics: { ...METRICS, loss: "-Infinity" } });
    r = await verify(root, "extract_results");
    expect(only(r, "metrics.finite")).toMatchObject([{ jsonPath: "/loss" }]);
  });

  it("metrics.placeholder: template text left in the file", async () => {
    const root = makeRepo({
      metrics: {
        ...METRICS,
        primary_metric: { name: "<metric_name>", value: 0.5, delta_vs_baseline: null },
        notes: "TODO fill in",
      },
    });
    const r = await verify(root, "extract_results");
    const f = only(r, "metrics.placeholder");
    expect(f.map((x) => x.jsonPath).sort()).toEqual(["/notes", "/primary_metric/name"]);
    expect(f.find((x) => x.jsonPath === "/notes")).toMatchObject(
      posOf(root, `${RUN_PATH}/metrics.json`, '"TODO fill in"'),
    );
  });

  it("metrics.sync: completed metrics need a success-like sync; partial is fine without", async () => {
    const unsynced = manifest({
      status: "running",
      timestamps: { started_at: "2026-11-28T15:14:32Z" },
      completed_at: undefined,
      artifact_sync_to_local: { status: "failed" },
    });
    // A running run is not checked for metrics; a synced one with a failed sync is.
    let root = makeRepo({
      manifest: manifest({
        status: "failed",
        artifact_sync_to_local: { status: "failed" },
        failure: { reason: "sync" },
      }),
    });
    let r = await verify(root, "extract_results");
    expect(only(r, "metrics.sync")[0]).toMatchObject({
      severity: "error",
      ...posOf(root, `${RUN_PATH}/metrics.json`, '"status"', 10),
    });

    root = makeRepo({
      manifest: manifest({ status: "partial", artifact_sync_to_local: { status: "failed" } }),
      metrics: { ...METRICS, status: "partial" },
    });
    r = await verify(root, "extract_results");
    expect(only(r, "metrics.sync")).toEqual([]);

    root = makeRepo({
      manifest: unsynced,
      ledger: LEDGER.replace("status=completed", "status=running"),
      sentinel: { ...SENTINEL, ended_at: null, exit_code: null },
      metrics: null,
    });
    r = await verify(root, "extract_results");
    expect(r.ok, describeFindings(r)).toBe(true);
  });

  it("metrics.identity: metrics copied from another run", async () => {
    const root = makeRepo({ metrics: { ...METRICS, run_id: "20261101T000000Z_000000" } });
    const r = await verify(root, "extract_results");
    expect(only(r, "metrics.identity")).toMatchObject([
      { jsonPath: "/run_id", ...posOf(root, `${RUN_PATH}/metrics.json`, '"run_id"', 10) },
    ]);
  });
});

describe("discovery", () => {
  it("refuses a run directory and a manifest symlinked outside the repository", async () => {
    const outside = tempDir("outside-");
    write(outside, "run/run_manifest.json", text(manifest({ run_id: "20261128T000000Z_000001" })));
    write(outside, "m.json", text(manifest({ run_id: "20261128T000000Z_000002" })));
    const root = makeRepo();
    symlinkSync(path.join(outside, "run"), path.join(root, ITER_PATH, "runs", "20261128T000000Z_000001"));
    mkdirSync(path.join(root, ITER_PATH, "runs", "20261128T000000Z_000002"));
    symlinkSync(
      path.join(outside, "m.json"),
      path.join(root, ITER_PATH, "runs", "20261128T000000Z_000002", "run_manifest.json"),
    );
    const d = await discoverRuns(root);
    expect(d.runs.map((r) => r.runId)).toEqual([RUN]);
    expect(
      d.findings
        .filter((f) => f.check === "discover.symlink")
        .map((f) => f.file)
        .sort(),
    ).toEqual([
      `${ITER_PATH}/runs/20261128T000000Z_000001`,
      `${ITER_PATH}/runs/20261128T000000Z_000002/run_manifest.json`,
    ]);
    const r = await verify(root, "launch");
    expect(r.ok).toBe(false);
    expect(r.runsChecked).toBe(1);
    expect(only(r, "discover.symlink")).toHaveLength(2);
  });

  it("refuses a ledger directory and a policy file symlinked outside the repository", async () => {
    const outside = tempDir("outside-");
    write(outside, "docs/slurm_job_list.md", LEDGER);
    write(outside, "policy.yaml", STRICT_POLICY);
    let root = makeRepo({ ledger: null });
    symlinkSync(path.join(outside, "docs"), path.join(root, "docs"));
    let r = await verify(root, "launch");
    expect(only(r, "path.outside")).toMatchObject([{ severity: "error", file: "docs/slurm_job_list.md" }]);
    expect(only(r, "ledger.mismatch")).toEqual([]);

    root = makeRepo({ policy: null });
    mkdirSync(path.join(root, ".autolab"));
    symlinkSync(path.join(outside, "policy.yaml"), path.join(root, ".autolab/verifier_policy.yaml"));
    r = await verify(root, "launch");
    expect(r.ok).toBe(false);
    expect(r.findings).toMatchObject([{ check: "path.outside", file: ".autolab/verifier_policy.yaml" }]);
  });

  it("follows a symlink that stays inside the repository", async () => {
    const root = makeRepo();
    mkdirSync(path.join(root, "experiments/done"), { recursive: true });
    write(root, "archive/iter2/design.yaml", DESIGN);
    symlinkSync(path.join(root, "archive/iter2"), path.join(root, "experiments/done/iter2"));
    const d = await discoverRuns(root);
    expect(d.findings).toEqual([]);
    expect(d.runs.map((r) => r.iterationPath)).toEqual([ITER_PATH]);
  });

  it("reports odd entries: unknown bucket, run without manifest, duplicate iteration, unsafe name, unknown filters", async () => {
    const root = makeRepo();
    mkdirSync(path.join(root, "experiments/archived/old/runs/r1"), { recursive: true });
    mkdirSync(path.join(root, `${ITER_PATH}/runs/20261128T000000Z_empty`), { recursive: true });
    write(root, `${ITER_PATH}/runs/.gitkeep`, "");
    mkdirSync(path.join(root, `experiments/done/${ITER}`), { recursive: true });
    mkdirSync(path.join(root, "experiments/plan/bad name $(id)/runs/x"), { recursive: true });
    const d = await discoverRuns(root);
    const checks = d.findings.map((f) => `${f.check} ${f.file}`).sort();
    expect(checks).toEqual([
      `discover.duplicate_iteration experiments/in_progress/${ITER}`,
      "discover.layout experiments/archived",
      `discover.name experiments/plan/bad name $(id)`,
      "discover.no_manifest experiments/archived/old/runs/r1",
      `discover.no_manifest ${ITER_PATH}/runs/20261128T000000Z_empty`,
    ]);
    expect(d.runs.map((r) => r.runId)).toEqual([RUN]);

    const missing = await discoverRuns(root, { iteration: "nope" });
    expect(missing.findings.filter((f) => f.check === "discover.not_found")).toHaveLength(1);
    const noRun = await discoverRuns(root, { runId: "nope" });
    expect(noRun.findings.filter((f) => f.check === "discover.not_found")).toHaveLength(1);
    // verify also takes the iteration as a design.yaml path (the action's `design` input).
    const byPath = await verify(root, "launch", { iteration: `${ITER_PATH}/design.yaml`, runCommands: false });
    expect(byPath.runsChecked).toBe(1);
    expect(only(byPath, "discover.not_found")).toEqual([]);
    const one = await discoverRuns(root, { iteration: ITER, runId: RUN });
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0]).toMatchObject({
      iterationId: ITER,
      iterationPath: ITER_PATH,
      runPath: RUN_PATH,
      manifestDisplay: MANIFEST,
    });
  });

  it("finds 2,000 runs across 40 iterations, sorted", async () => {
    const root = tempDir();
    const m = text(manifest());
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 50; j++) {
        write(
          root,
          `experiments/done/it${String(i).padStart(2, "0")}/runs/r${String(j).padStart(3, "0")}/run_manifest.json`,
          m,
        );
      }
    }
    const d = await discoverRuns(root);
    expect(d.findings).toEqual([]);
    expect(d.runs).toHaveLength(2000);
    expect(d.runs[0].runPath).toBe("experiments/done/it00/runs/r000");
    expect(d.runs[1999].runPath).toBe("experiments/done/it39/runs/r049");
  });
});

describe("policy commands", () => {
  const policy = (cmd: string, extra = "") => `python_bin: python3
dry_run_command: ${JSON.stringify(cmd)}
${extra}requirements_by_stage:
  launch: {schema: true, consistency: true, dry_run: true}
`;

  it("run by argv, no shell: ';' and '$(...)' arrive as literal arguments; placeholders substituted", async () => {
    const script = "import json,sys; json.dump(sys.argv[1:], open('argv.json','w'))";
    const root = makeRepo({
      policy: policy(
        `{{python_bin}} -c "${script}" 'a;b' '$(touch pwned)' {{iteration_path}} {{iteration_id}} {{run_id}}`,
      ),
    });
    const r = await verify(root, "launch");
    expect(r.ok, describeFindings(r)).toBe(true);
    expect(r.checksRun).toContain("policy.dry_run_command");
    expect(JSON.parse(readFileSync(path.join(root, "argv.json"), "utf8"))).toEqual([
      "a;b",
      "$(touch pwned)",
      ITER_PATH,
      ITER,
      RUN,
    ]);
    expect(existsSync(path.join(root, "pwned"))).toBe(false);
  });

  it("a failing command is an error finding at the policy key, with the tail of its output", async () => {
    const root = makeRepo({
      policy: policy(`python3 -c "import sys; print('step 1 ok'); sys.exit('dry run broke: no data')"`),
    });
    const r = await verify(root, "launch");
    const f = only(r, "policy.dry_run_command");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "error",
      file: ".autolab/verifier_policy.yaml",
      line: 2,
      jsonPath: "/dry_run_command",
    });
    expect(f[0].message).toContain("dry run broke: no data");
    expect(f[0].message).toContain("exit 1");
    expect(f[0].hint).toContain("python3 -c");
    expect(r.ok).toBe(false);
  });

  it("a SLURM dry run on a host without SLURM (a GitHub-hosted runner) is a notice, not a failure", async () => {
    // /nonexistent/sbatch stands for "sbatch is not installed here".
    const root = makeRepo({
      policy: policy("/nonexistent/sbatch --test-only {{iteration_path}}/launch/run_slurm.sbatch"),
    });
    const r = await verify(root, "launch");
    const f = only(r, "policy.dry_run_command");
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "notice", file: ".autolab/verifier_policy.yaml", line: 2 });
    expect(f[0].message).toContain("not on this host");
    expect(r.ok).toBe(true);
    // Any other missing program is still an error.
    const other = await verify(makeRepo({ policy: policy("/nonexistent/mycheck") }), "launch");
    expect(only(other, "policy.dry_run_command")[0]?.severity).toBe("error");
  });

  it("shell syntax outside quotes is refused, not run", async () => {
    const root = makeRepo({ policy: policy("true; touch pwned") });
    const r = await verify(root, "launch");
    expect(only(r, "policy.dry_run_command")[0]?.message).toMatch(/without a shell/);
    expect(existsSync(path.join(root, "pwned"))).toBe(false);
  });

  it("required but unset, and skipped with runCommands: false", async () => {
    const root = makeRepo({
      policy: "requirements_by_stage:\n  launch: {schema: true, consistency: true, tests: true}\n",
    });
    let r = await verify(root, "launch");
    expect(only(r, "policy.test_command")[0]?.message).toMatch(/test_command is not set/);
    r = await verify(root, "launch", { runCommands: false });
    expect(r.ok).toBe(true);
    expect(r.checksRun).not.toContain("policy.test_command");
  });

  it("an invalid policy file stops verification with its own finding", async () => {
    const root = makeRepo({ policy: "requirements_by_stage:\n  launch: {schema: maybe}\n" });
    const r = await verify(root, "launch");
    expect(r.ok).toBe(false);
    expect(r.findings[0]).toMatchObject({ check: "policy.schema", file: ".autolab/verifier_policy.yaml", line: 2 });
  });
});

describe.skipIf(!sinfoOnPath)("the slurm preset's dry run on the real cluster", () => {
  const script = (partition: string) =>
    `#!/bin/bash\n#SBATCH --job-name=autolab-verify-test\n#SBATCH --partition=${partition}\n#SBATCH --time=1\ntrue\n`;
  const presetPolicy = "policy_resolution:\n  default_preset: slurm\n";

  it("runs `sbatch --test-only` on the iteration's script: accepted passes, a bad partition is reported", async () => {
    requireCluster();
    const root = makeRepo({ policy: presetPolicy });
    write(root, `${ITER_PATH}/launch/run_slurm.sbatch`, script("debug"));
    let r = await verify(root, "launch");
    expect(r.checksRun).toContain("policy.dry_run_command");
    expect(r.checksRun).toContain("env_smoke.sentinel");
    expect(serious(r), describeFindings(r)).toEqual([]);

    write(root, `${ITER_PATH}/launch/run_slurm.sbatch`, script("no_such_partition"));
    r = await verify(root, "launch");
    const f = only(r, "policy.dry_run_command");
    expect(f, describeFindings(r)).toHaveLength(1);
    expect(f[0].message).toMatch(/invalid partition/i);
    expect(f[0].hint).toContain(`sbatch --test-only ${ITER_PATH}/launch/run_slurm.sbatch`);
  });
});

describe('the cookbook\'s "verifier fails on SLURM run health" recovery', () => {
  it("each finding says what to fix, and doing what it says makes verify pass", async () => {
    // Broken the three ways the cookbook lists: no job id, no ledger entry, no sync status.
    const root = makeRepo({
      manifest: manifest({
        status: "submitted",
        job_id: undefined,
        slurm: { job_name: `autolab-${RUN}` },
        artifact_sync_to_local: {},
        timestamps: { started_at: "2026-11-28T15:14:32Z" },
        completed_at: undefined,
      }),
      ledger: null,
      sentinel: null,
      metrics: null,
    });
    const out: string[] = [];
    const cli: CliIO = { stdout: (s) => out.push(s), stderr: (s) => out.push(s), cwd: root, env: process.env };
    expect(await main(["verify", "--stage", "launch"], cli)).toBe(1);
    let r = await verify(root, "launch");
    expect(r.findings.map((f) => f.check).sort()).toEqual(["manifest.job_id", "sync.status"]);
    for (const f of r.findings) expect(f.hint, f.check).toBeTruthy();

    // Fix 1 and 3 by hand, as the hints say.
    const m = JSON.parse(readFileSync(path.join(root, MANIFEST), "utf8")) as Json;
    expect(r.findings.find((f) => f.check === "manifest.job_id")?.hint).toMatch(/write it into job_id/);
    m.job_id = JOB;
    expect(r.findings.find((f) => f.check === "sync.status")?.hint).toMatch(/"pending"/);
    m.artifact_sync_to_local = { status: "pending" };
    write(root, MANIFEST, text(m));

    // Now the ledger is the problem; its hint is a command that can be run as given.
    r = await verify(root, "launch");
    const ledgerFinding = r.findings.find((f) => f.check === "ledger.file");
    expect(ledgerFinding, describeFindings(r)).toBeDefined();
    const cmd = /`autolab ([^`]+)`/.exec(ledgerFinding!.hint!)![1].split(" ");
    expect(await main(cmd, cli), out.join("")).toBe(0);

    r = await verify(root, "launch");
    expect(serious(r), describeFindings(r)).toEqual([]);
    expect(await main(["verify", "--stage", "launch"], cli)).toBe(0);
  });
});

describe("the verify command", () => {
  function io(cwd: string) {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd, env: process.env };
    return { cli, out: () => out.join(""), err: () => err.join("") };
  }

  it("exit 0 on a clean repository, 1 with an error finding, and --json parses", async () => {
    const clean = makeRepo();
    let t = io(clean);
    expect(await verifyCommand.run(["--stage", "slurm_monitor"], t.cli)).toBe(0);
    expect(t.out()).toMatch(/verify slurm_monitor: 1 run\(s\).*ok/);

    const broken = makeRepo({ ledger: LEDGER.replace("status=completed", "status=running") });
    t = io(broken);
    expect(await verifyCommand.run(["--stage", "slurm_monitor"], t.cli)).toBe(1);
    expect(t.out()).toContain(`docs/slurm_job_list.md:3:`);
    expect(t.out()).toContain("fix: run `autolab slurm-job-list append");

    t = io(broken);
    expect(await verifyCommand.run(["--stage", "slurm_monitor", "--json", "--run-id", RUN], t.cli)).toBe(1);
    const rep = JSON.parse(t.out());
    expect(rep).toMatchObject({ stage: "slurm_monitor", ok: false, runs_checked: 1, counts: { errors: 1 } });
    expect(rep.findings[0]).toMatchObject({ check: "ledger.mismatch", line: 3 });
  });

  it("exit 2 on usage errors; an unknown stage lists the known ones", async () => {
    const root = makeRepo();
    let t = io(root);
    expect(await main(["verify", "--stage", "deploy"], t.cli)).toBe(2);
    expect(t.err()).toMatch(/unknown stage 'deploy'/);
    expect(t.err()).toMatch(/launch, slurm_monitor, extract_results/);
    t = io(root);
    expect(await main(["verify"], t.cli)).toBe(2);
    t = io(root);
    expect(await main(["verify", "--stage", "launch", "--bogus"], t.cli)).toBe(2);
    t = io(root);
    expect(await main(["verify", "--stage", "launch"], t.cli)).toBe(0);
  });
});
