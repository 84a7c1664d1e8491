/**
 * A design's named cluster (issue 10, item 6), without a cluster: the
 * `compute.cluster` key (schema and request validation, file:line), the
 * submit argv and script, the refusal of `--clusters`/`-M` in sbatch_options,
 * the environment every client call and sbatch get (SLURM_CLUSTERS and
 * SBATCH_CLUSTERS never redirect a run without a cluster), the ledger line
 * (byte-compatible with the Python tool when there is no cluster), and the
 * reports that show it. The real second cluster is __tests__/cluster/multi-cluster*.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseDocument } from "../../src/contract/validate.js";
import type { Design, RunManifest } from "../../src/contract/types.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import { sbatchEnv } from "../../src/scheduler/slurm-cli/submit.js";
import { CLIENT_ENV } from "../../src/scheduler/slurm-cli/parse.js";
import { canonicalLine, parseLedger, upsertLedger, verifyLedger } from "../../src/ledger/ledger.js";
import { designCluster, entryFromManifests, resourceRequest } from "../../src/domain/launch-plan.js";
import { manifestCluster, manifestJobRef } from "../../src/domain/run.js";
import { runCheckOf } from "../../src/report/run-check.js";
import { formatStatusTable, statusRow } from "../../src/report/status.js";
import { AutolabError } from "../../src/util/errors.js";

const SAMPLES = "/work/shared/autolab-1.0-samples";
const FIX = path.join(import.meta.dirname, "../fixtures/autolab-1.0");

function designText(compute: Record<string, unknown>): string {
  return YAML.stringify({ id: "it1", compute: { location: "slurm", ...compute }, entrypoint: { cli: "true" } });
}

function schemaErrors(text: string) {
  return parseDocument("design", text, "experiments/plan/it1/design.yaml").findings.filter(
    (f) => f.severity === "error",
  );
}

const sched = slurmCli();

function request(compute: Record<string, unknown>) {
  return sched.request({
    design: YAML.parse(designText(compute)) as Design,
    runId: "20261203T120000Z_abcdef",
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    workDir: "/repo",
    pythonBin: "python3",
  });
}

function requestError(compute: Record<string, unknown>): AutolabError {
  try {
    request(compute);
  } catch (e) {
    return e as AutolabError;
  }
  throw new Error("the request was accepted");
}

describe("compute.cluster in design.yaml", () => {
  it("is accepted as one cluster name; anything else is refused at its line and column", () => {
    expect(schemaErrors(designText({ cluster: "autolab-dev2" }))).toEqual([]);
    for (const bad of ["a,b", "dev 2", "-M", "$(x)", ""]) {
      const text = designText({ partition: "debug", cluster: bad });
      const errs = schemaErrors(text);
      expect(errs.length, bad).toBeGreaterThan(0);
      const line = text.split("\n").findIndex((l) => l.trimStart().startsWith("cluster:")) + 1;
      for (const e of errs)
        expect(e).toMatchObject({ jsonPath: "/compute/cluster", file: "experiments/plan/it1/design.yaml", line });
    }
    expect(requestError({ cluster: "a;b" }).location.jsonPath).toBe("/compute/cluster");
  });

  it("is submitted with --clusters (command line and #SBATCH line) and resubmitted there", () => {
    const req = request({ cluster: "autolab-dev2", partition: "debug" });
    expect(req.resources.cluster).toBe("autolab-dev2");
    const s = sched.prepare(req, { scriptPath: "experiments/in_progress/it1/runs/r/run_slurm.sbatch", mode: "batch" });
    expect(s.argv).toContain("--clusters=autolab-dev2");
    expect(s.script.split("\n")).toContain("#SBATCH --clusters=autolab-dev2");
    expect(s.directives).toContain("--clusters=autolab-dev2");
    // Without a cluster: no --clusters anywhere (the client's own cluster).
    const plain = sched.prepare(request({ partition: "debug" }), { scriptPath: "x.sbatch", mode: "batch" });
    expect(plain.argv.some((a) => a.startsWith("--clusters") || a === "-M")).toBe(false);
    expect(plain.script).not.toMatch(/--clusters/);
    // An attempt keeps the cluster (argv and the submission's request, which the adoption lookup reads).
    const a = sched.prepareAttempt({
      runId: "20261203T120000Z_abcdef",
      iterationId: "it1",
      workDir: "/repo",
      scriptPath: "x.sbatch",
      script: s.script,
      name: "autolab-20261203T120000Z_abcdef-a2",
      attempt: 2,
      cluster: "autolab-dev2",
    });
    expect(a.argv).toContain("--clusters=autolab-dev2");
    expect(a.request.resources.cluster).toBe("autolab-dev2");
  });

  it("is recorded in resource_request and read back for the launch key's run", () => {
    expect(resourceRequest({ location: "slurm", cluster: "autolab-dev2" }, "n", [])).toMatchObject({
      cluster: "autolab-dev2",
    });
    expect(designCluster({ location: "slurm", cluster: "autolab-dev2" })).toBe("autolab-dev2");
    expect(designCluster({ location: "local", cluster: "autolab-dev2" })).toBeUndefined();
    const m = {
      run_id: "20261203T120000Z_abcdef",
      iteration_id: "it1",
      job_id: "7",
      timestamps: { started_at: "2026-12-03T12:00:00Z" },
      slurm: { job_id: "7", job_name: "autolab-kx", cluster: "autolab-dev2" },
      launch: { launch_key: "k" },
    } as unknown as RunManifest;
    expect(entryFromManifests([m], "k")).toMatchObject({ job_id: "7", cluster: "autolab-dev2" });
    expect(manifestJobRef(m)).toBe("7;autolab-dev2");
  });
});

describe("sbatch_options cannot choose the cluster", () => {
  for (const opt of ["--clusters=autolab-dev2", "--cluster=autolab-dev2", "-M", "-Mautolab-dev2"]) {
    it(`refuses ${opt} with a hint to use compute.cluster (schema and request)`, () => {
      const text = designText({ sbatch_options: ["--exclusive", opt] });
      const errs = schemaErrors(text);
      expect(errs.some((f) => f.jsonPath === "/compute/sbatch_options/1" && /compute\.cluster/.test(f.message))).toBe(
        true,
      );
      const e = requestError({ sbatch_options: ["--exclusive", opt] });
      expect(e.location.jsonPath).toBe("/compute/sbatch_options/1");
      expect(e.message).toMatch(/compute\.cluster/);
    });
  }
  it("still accepts --cluster-constraint", () => {
    expect(schemaErrors(designText({ sbatch_options: ["--cluster-constraint=x"] }))).toEqual([]);
    expect(request({ sbatch_options: ["--cluster-constraint=x"] }).resources.extraOptions).toEqual([
      { option: "--cluster-constraint", value: "x" },
    ]);
  });
});

describe("the runner's environment never picks the cluster", () => {
  it("sbatch gets neither SBATCH_CLUSTERS nor SLURM_CLUSTERS; every client call loses SLURM_CLUSTERS", () => {
    const env = sbatchEnv({ SBATCH_CLUSTERS: "x", SLURM_CLUSTERS: "y", SBATCH_PARTITION: "p", PATH: "/bin" });
    expect(env).toEqual({ SBATCH_CLUSTERS: undefined, SLURM_CLUSTERS: undefined, SBATCH_PARTITION: undefined });
    // Also when it is not set at the time sbatchEnv is built (the child environment is read later).
    expect(sbatchEnv({})).toEqual({ SLURM_CLUSTERS: undefined });
    expect(Object.keys(CLIENT_ENV)).toContain("SLURM_CLUSTERS");
    expect(CLIENT_ENV.SLURM_CLUSTERS).toBeUndefined();
  });
});

function slurmManifest(over: Record<string, unknown> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: "20261203T120000Z_abcdef",
    iteration_id: "it1",
    host_mode: "slurm",
    launch_mode: "slurm",
    command: "sbatch x",
    resource_request: {},
    status: "running",
    job_id: "42",
    timestamps: { started_at: "2026-12-03T12:00:00Z" },
    started_at: "2026-12-03T12:00:00Z",
    artifact_sync_to_local: { status: "pending" },
    launch: { tool: "autolab-slurm" },
    slurm: { job_id: "42", cluster: "autolab-dev2", state: "RUNNING" },
    ...over,
  } as unknown as RunManifest;
}

describe("the ledger names the cluster only where one is set", () => {
  it("adds `| cluster=C` for a job on a named cluster, parses and verifies it", () => {
    const m = slurmManifest();
    const line = canonicalLine(m);
    expect(line).toBe(
      "- 2026-12-03 | job_id=42 | iteration_id=it1 | run_id=20261203T120000Z_abcdef | status=running | cluster=autolab-dev2",
    );
    const { text } = upsertLedger("# Ledger\n", m);
    const parsed = parseLedger(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.entries[0]).toMatchObject({ jobId: "42", cluster: "autolab-dev2", status: "running" });
    expect(verifyLedger(text, m, "docs/slurm_job_list.md")).toEqual([]);
    // A line that lost (or never had) the cluster is reported at the cluster field.
    const without = text.replace(" | cluster=autolab-dev2", "");
    const f = verifyLedger(without, m, "docs/slurm_job_list.md");
    expect(f).toEqual([
      expect.objectContaining({ check: "ledger.mismatch", message: expect.stringMatching(/cluster/) }),
    ]);
    // The same run on the default cluster: the line is the plain one, and the cluster field is a mismatch.
    const plain = slurmManifest({ slurm: { job_id: "42", state: "RUNNING" } });
    expect(canonicalLine(plain)).toBe(
      "- 2026-12-03 | job_id=42 | iteration_id=it1 | run_id=20261203T120000Z_abcdef | status=running",
    );
    expect(verifyLedger(text, plain, "docs/slurm_job_list.md")).toHaveLength(1);
  });

  it("keeps the Python tool's lines byte for byte (its sample ledger and manifest)", () => {
    const ledger = readFileSync(path.join(SAMPLES, "slurm_job_list.md"), "utf8");
    expect(parseLedger(ledger).problems).toEqual([]);
    expect(parseLedger(ledger).entries.every((e) => e.cluster === undefined)).toBe(true);
    const sample = JSON.parse(readFileSync(path.join(FIX, "run_manifest.completed.json"), "utf8")) as RunManifest;
    expect(canonicalLine(sample)).not.toMatch(/cluster/);
    // Upserting the sample rewrites only its status field; every other byte stays.
    const out = upsertLedger(ledger, sample).text;
    expect(out.replace(/status=completed/, "status=submitted")).toBe(ledger);
  });
});

describe("reports show the cluster", () => {
  it("the check run has a Cluster row; status shows `job (cluster)` and --json a cluster field", () => {
    const m = slurmManifest();
    const c = runCheckOf({ manifest: m, manifestPath: "experiments/it1/runs/r/run_manifest.json" });
    expect(c.summary).toMatch(/\| Cluster \| autolab-dev2 \|/);
    const noCluster = runCheckOf({
      manifest: slurmManifest({ slurm: { job_id: "42" } }),
      manifestPath: "experiments/it1/runs/r/run_manifest.json",
    });
    expect(noCluster.summary).not.toMatch(/Cluster/);
    const found = { runId: "r", iterationId: "it1", manifestDisplay: "experiments/it1/runs/r/run_manifest.json" };
    const row = statusRow(m, found, new Date("2026-12-03T12:05:00Z"));
    expect(row.cluster).toBe("autolab-dev2");
    expect(formatStatusTable([row])).toMatch(/42 \(autolab-dev2\)/);
    expect(manifestCluster(slurmManifest({ slurm: { job_id: "42", cluster: "bad name" } }))).toBeUndefined();
  });
});
