/**
 * The run contract: schemas accept autolab 1.0 files and reject every rule,
 * each finding naming file, JSON path, and the line and column of the value.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests mutate parsed JSON samples freely */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AutolabError, type Finding } from "../../src/util/errors.js";
import { assertValid, kindOfPath, loadDocument, parseDocument, type DocKind } from "../../src/contract/validate.js";
import {
  manifestJobId,
  manifestLaunchDate,
  manifestStatus,
  newRunId,
  readManifest,
  writeManifest,
} from "../../src/contract/manifest.js";
import { loadDesign, resolveIteration } from "../../src/contract/design.js";
import type { RunManifest } from "../../src/contract/types.js";

const FIX = path.join(import.meta.dirname, "../fixtures");
const SAMPLE_MANIFEST = readFileSync(path.join(FIX, "autolab-1.0/run_manifest.completed.json"), "utf8");
const DESIGN = readFileSync(path.join(FIX, "contract/design.yaml"), "utf8");

/** 1-based line/column of the `n`-th occurrence of `needle` in `text`. */
function posOf(text: string, needle: string, n = 1): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}

/** Position just after `prefix` (where the value following a key stands). */
function after(text: string, prefix: string, n = 1): { line: number; column: number } {
  const p = posOf(text, prefix, n);
  return { line: p.line, column: p.column + prefix.length };
}

function errors(kind: DocKind, text: string, file = "f"): Finding[] {
  return parseDocument(kind, text, file).findings.filter((f) => f.severity === "error");
}

function sample(): Record<string, any> {
  return JSON.parse(SAMPLE_MANIFEST);
}

function json(o: unknown): string {
  return JSON.stringify(o, null, 2) + "\n";
}

describe("run manifest schema", () => {
  it("accepts the manifest written by the Python autolab tool, unchanged", async () => {
    const doc = parseDocument<RunManifest>("manifest", SAMPLE_MANIFEST, "run_manifest.json");
    expect(doc.findings).toEqual([]);
    const read = await readManifest(path.join(FIX, "autolab-1.0/run_manifest.completed.json"), "m.json");
    expect(read.data.run_id).toBe("20261128T151432Z_093977");
  });

  it("reports a bad status at the line and column of the value, with file and path", () => {
    const text = SAMPLE_MANIFEST.replace('"status": "completed"', '"status": "done"');
    const [f] = errors("manifest", text, "runs/r/run_manifest.json");
    expect(f).toMatchObject({
      check: "schema",
      file: "runs/r/run_manifest.json",
      jsonPath: "/status",
      ...posOf(text, '"done"'),
    });
    expect(f.line).toBeGreaterThan(1);
    expect(f.message).toBe(
      '`status` must be one of pending, submitted, running, synced, completed, failed, partial (got "done")',
    );
  });

  it.each([
    "schema_version",
    "run_id",
    "iteration_id",
    "host_mode",
    "command",
    "resource_request",
    "timestamps",
    "artifact_sync_to_local",
  ])("requires %s (reported at the parent object)", (key) => {
    const m = sample();
    delete m[key];
    const fs = errors("manifest", json(m), "m.json");
    expect(fs).toContainEqual(
      expect.objectContaining({ jsonPath: `/${key}`, line: 1, column: 1, message: `missing required key \`${key}\`` }),
    );
  });

  it("requires timestamps.started_at, located at the timestamps object", () => {
    const m = sample();
    delete m.timestamps.started_at;
    const text = json(m);
    const fs = errors("manifest", text);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ jsonPath: "/timestamps/started_at", ...after(text, '"timestamps": ') });
  });

  it("rejects schema_version other than 1.0, host_mode outside local|slurm, bad timestamps", () => {
    const m = sample();
    m.schema_version = "2.0";
    m.host_mode = "cluster";
    m.timestamps.started_at = "yesterday";
    const text = json(m);
    const fs = errors("manifest", text);
    const byPath = Object.fromEntries(fs.map((f) => [f.jsonPath, f]));
    expect(byPath["/schema_version"]).toMatchObject(posOf(text, '"2.0"'));
    expect(byPath["/host_mode"]).toMatchObject(posOf(text, '"cluster"'));
    expect(byPath["/host_mode"].message).toContain("must be one of local, slurm");
    expect(byPath["/timestamps/started_at"]).toMatchObject(posOf(text, '"yesterday"'));
  });

  it("requires a job id for a slurm host, accepting any of the four places", () => {
    const m = sample();
    delete m.job_id;
    delete m.slurm;
    delete m.resource_request.job_id;
    delete m.resource_request.slurm;
    const text = json(m);
    const fs = errors("manifest", text, "m.json");
    expect(fs).toHaveLength(1);
    expect(fs[0].message).toMatch(/slurm run needs a job id/);
    // Reported where the rule comes from (`"host_mode": "slurm"`), not on line 1.
    expect(fs[0]).toMatchObject({ file: "m.json", jsonPath: "/host_mode", line: posOf(text, '"host_mode"').line });
    expect(fs[0].line).toBeGreaterThan(1);

    for (const put of [
      (x: any) => (x.job_id = "7"),
      (x: any) => (x.slurm = { job_id: "7" }),
      (x: any) => (x.resource_request.job_id = "7"),
      (x: any) => (x.resource_request.slurm = { job_id: "7" }),
    ]) {
      const y = structuredClone(m);
      put(y);
      expect(errors("manifest", json(y))).toEqual([]);
    }
    const local = structuredClone(m);
    local.host_mode = "local";
    expect(errors("manifest", json(local))).toEqual([]);
  });

  it("rejects an empty or non-numeric job id at its position", () => {
    const m = sample();
    m.job_id = "42; rm -rf /";
    const text = json(m);
    const fs = errors("manifest", text);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ jsonPath: "/job_id", ...posOf(text, '"42; rm') });
  });

  it.each(["completed", "failed"])(
    "a status %s set by hand without timestamps.completed_at is a valid manifest (the recovery recipe; the monitor records completed_at, verify says what is missing)",
    (status) => {
      const m = sample();
      m.status = status;
      delete m.timestamps.completed_at;
      expect(errors("manifest", json(m))).toEqual([]);
    },
  );

  it("allows extra keys anywhere", () => {
    const m = sample();
    m.our_extension = { anything: [1, 2] };
    m.slurm.state = "COMPLETED";
    m.timestamps.synced_at = "2026-11-28T15:20:00Z";
    expect(errors("manifest", json(m))).toEqual([]);
  });

  it("refuses huge strings", () => {
    const m = sample();
    m.run_id = "r".repeat(300);
    const fs = errors("manifest", json(m));
    expect(fs[0]).toMatchObject({ jsonPath: "/run_id" });
    expect(fs[0].message).toMatch(/too long \(300 characters; at most 256\)/);
  });
});

describe("JSON and YAML syntax", () => {
  it("throws on a JSON syntax error with line and column", () => {
    const text = '{\n  "a": 1,\n  "b": }\n';
    try {
      parseDocument("manifest", text, "m.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AutolabError);
      expect((e as AutolabError).location).toMatchObject({ file: "m.json", line: 3, column: 8 });
    }
  });

  it("refuses duplicate keys in JSON and YAML, pointing at the second key", () => {
    expect(() => parseDocument("state", '{"stage": "launch",\n  "stage": "stop"}', "state.json")).toThrow(
      /duplicate key "stage"/,
    );
    try {
      parseDocument("state", '{"stage": "launch",\n  "stage": "stop"}', "state.json");
    } catch (e) {
      expect((e as AutolabError).location).toMatchObject({ file: "state.json", line: 2, column: 3 });
    }
    try {
      parseDocument("design", "compute:\n  location: slurm\n  location: local\n", "design.yaml");
      expect.unreachable();
    } catch (e) {
      expect((e as AutolabError).message).toMatch(/unique/);
      expect((e as AutolabError).location).toMatchObject({ file: "design.yaml", line: 3, column: 3 });
    }
  });

  it("throws on a YAML syntax error with its line", () => {
    try {
      parseDocument("design", "compute:\n  location: slurm\n  args: [1, 2\nreplicates: 1\n", "d.yaml");
      expect.unreachable();
    } catch (e) {
      expect((e as AutolabError).location.file).toBe("d.yaml");
      expect((e as AutolabError).location.line).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("design schema", () => {
  it("accepts an autolab design with every extension of ARCHITECTURE.md", () => {
    expect(parseDocument("design", DESIGN, "design.yaml").findings).toEqual([]);
  });

  it("requires compute.location, reported at the compute mapping", () => {
    const text = DESIGN.replace("  location: slurm\n", "");
    const fs = errors("design", text, "design.yaml");
    expect(fs).toEqual([
      expect.objectContaining({
        jsonPath: "/compute/location",
        line: posOf(text, "  walltime_estimate").line,
        column: 3,
      }),
    ]);
  });

  const setCompute = (key: string, value: string) =>
    DESIGN.replace(new RegExp(`^  ${key}: .*$`, "m"), `  ${key}: ${value}`);

  it.each(['"02:00:00"', '"30:00"', '"90"', '"1-12"', '"1-12:00"', '"1-12:00:00"', '"100:00:00"'])(
    "accepts walltime %s",
    (w) => expect(errors("design", setCompute("walltime_estimate", w))).toEqual([]),
  );

  it.each(['"2h"', '"02:00:00; id"', '"1-25:00"', '"01:60:00"', "90", '""'])("rejects walltime %s at its line", (w) => {
    const text = setCompute("walltime_estimate", w);
    const fs = errors("design", text, "design.yaml");
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      jsonPath: "/compute/walltime_estimate",
      ...posOf(text, w, DESIGN.includes(w) ? 2 : 1),
    });
    expect(fs[0].message).toMatch(/must be a time limit/);
  });

  it.each(["64GB", "512m", '"4096"', "2T", "1kb"])("accepts memory %s", (m) => {
    expect(errors("design", setCompute("memory_estimate", m))).toEqual([]);
  });

  it("says to quote an unquoted number of megabytes", () => {
    const fs = errors("design", setCompute("memory_estimate", "4096"));
    expect(fs).toHaveLength(1);
    expect(fs[0].message).toMatch(/must be an amount of memory .*\(got 4096\)/);
  });

  it.each(['"64 GB"', "64GiB", '"$(id)"', "-1G"])("rejects memory %s", (m) => {
    const fs = errors("design", setCompute("memory_estimate", m));
    expect(fs.map((f) => f.jsonPath)).toEqual(["/compute/memory_estimate"]);
  });

  it.each([
    ["partition", '"gpu debug"'],
    ["qos", '"normal;id"'],
    ["account", '"$(id)"'],
    ["gpu_type", '"a100 "'],
    ["constraint", '"a100 && ib"'],
    ["constraint", '"a100;ib"'],
  ])("rejects unsafe %s %s", (key, value) => {
    const text = setCompute(key, value);
    const fs = errors("design", text, "design.yaml");
    expect(fs).toEqual([expect.objectContaining({ jsonPath: `/compute/${key}`, ...posOf(text, value) })]);
  });

  const withCheckpoint = (v: string) => DESIGN.replace(/^compute:\n/m, `compute:\n  checkpoint_signal: ${v}\n`);
  it.each(['"USR1@120"', "SIGUSR2@300", "USR1@65535"])("accepts checkpoint_signal %s", (v) => {
    expect(errors("design", withCheckpoint(v))).toEqual([]);
  });
  it.each(['"TERM@60"', "USR1", '"USR1@0"', '"USR1 @60"', "120", '"USR1@120; id"'])(
    "rejects checkpoint_signal %s at its line",
    (v) => {
      const text = withCheckpoint(v);
      const fs = errors("design", text, "design.yaml");
      expect(fs).toEqual([
        expect.objectContaining({ jsonPath: "/compute/checkpoint_signal", ...after(text, "  checkpoint_signal: ") }),
      ]);
    },
  );

  it("accepts constraint operators", () => {
    expect(errors("design", setCompute("constraint", '"[rack1|rack2]&a100*2,!old:x"'))).toEqual([]);
  });

  it.each([
    ["gpu_count", "65"],
    ["gpu_count", "-1"],
    ["gpu_count", "1.5"],
    ["num_nodes", "0"],
    ["num_nodes", "10001"],
    ["cpus_per_task", "0"],
    ["cpus_per_task", "4097"],
  ])("rejects %s %s", (key, value) => {
    const text = setCompute(key, value);
    const fs = errors("design", text);
    expect(fs).toEqual([expect.objectContaining({ jsonPath: `/compute/${key}`, ...after(text, `  ${key}: `) })]);
    expect(fs[0].column).toBe(3 + key.length + 2);
  });

  it.each(["0", "1001"])("rejects replicates %s", (r) => {
    const text = DESIGN.replace("replicates: 1", `replicates: ${r}`);
    expect(errors("design", text)).toEqual([
      expect.objectContaining({ jsonPath: "/replicates", ...after(text, "replicates: ") }),
    ]);
  });

  it("rejects bad sbatch options and options the tool controls, each at its item", () => {
    const text = DESIGN.replace(
      '    - "--mail-type=END"',
      '    - "--mail-type=END"\n    - "--foo bar"\n    - "-x"\n    - "--output=/tmp/x"\n    - "--job-name=mine"',
    );
    const fs = errors("design", text, "design.yaml");
    expect(fs.map((f) => [f.jsonPath, f.line])).toEqual([
      ["/compute/sbatch_options/2", posOf(text, '"--foo bar"').line],
      ["/compute/sbatch_options/3", posOf(text, '"-x"').line],
      ["/compute/sbatch_options/4", posOf(text, '"--output').line],
      ["/compute/sbatch_options/5", posOf(text, '"--job-name').line],
    ]);
    expect(fs[2].message).toMatch(/must not set an option the tool controls/);
  });

  it("rejects environment variable names at the key", () => {
    const text = DESIGN.replace("    OMP_NUM_THREADS: 8", "    OMP_NUM_THREADS: 8\n    1BAD: x\n    'A-B': y");
    const fs = errors("design", text, "design.yaml");
    expect(fs.map((f) => [f.jsonPath, f.line, f.column])).toEqual([
      ["/runtime/env/1BAD", posOf(text, "1BAD").line, 5],
      ["/runtime/env/A-B", posOf(text, "'A-B'").line, 5],
    ]);
    expect(fs[0].message).toMatch(/key "1BAD" in `runtime.env` must be an environment variable name/);
  });

  it("rejects long strings, unknown location, rsync without source, command parser without command", () => {
    const text = DESIGN.replace("  partition: gpu", `  partition: ${"p".repeat(300)}`)
      .replace("location: slurm", "location: cloud")
      .replace('  source: "login2:/scratch/me/{run_id}/"\n', "")
      .replace("  kind: python\n", "  kind: command\n");
    const fs = errors("design", text, "design.yaml");
    const paths = fs.map((f) => f.jsonPath);
    expect(paths).toEqual([
      "/compute/location",
      "/compute/partition",
      "/artifact_sync/source",
      "/extract_parser/command",
    ]);
    expect(fs[0]).toMatchObject(posOf(text, "cloud"));
    expect(fs[2]).toMatchObject(posOf(text, "mode: rsync"));
  });

  it("rejects outputs that leave the run directory", () => {
    const text = DESIGN.replace('outputs: ["outputs/"]', 'outputs: ["outputs/", "../x", "/abs"]');
    expect(errors("design", text).map((f) => f.jsonPath)).toEqual([
      "/artifact_sync/outputs/1",
      "/artifact_sync/outputs/2",
    ]);
  });

  it("honours YAML merge keys as PyYAML does; a merged value is reported at the mapping that merges it", () => {
    const text = "base: &b\n  location: slurm\n  gpu_count: 99\ncompute:\n  <<: *b\n  partition: gpu\n";
    const doc = parseDocument<{ compute: Record<string, unknown> }>("design", text, "design.yaml");
    expect(doc.data.compute).toEqual({ location: "slurm", gpu_count: 99, partition: "gpu" });
    expect(doc.findings).toEqual([expect.objectContaining({ jsonPath: "/compute/gpu_count", line: 5, column: 3 })]);
  });

  it("reads an empty YAML file as an empty mapping (missing compute at 1:1)", () => {
    expect(errors("design", "# nothing yet\n", "design.yaml")).toEqual([
      expect.objectContaining({ jsonPath: "/compute", line: 1, column: 1, message: "missing required key `compute`" }),
    ]);
  });
});

describe("policy, metrics and state schemas", () => {
  it("accept autolab-style files", async () => {
    for (const [kind, name] of [
      ["policy", "verifier_policy.yaml"],
      ["metrics", "metrics.json"],
      ["state", "state.json"],
    ] as const) {
      const doc = await loadDocument(kind, path.join(FIX, "contract", name), name);
      expect(doc.findings, name).toEqual([]);
    }
  });

  it("policy: requirements must be booleans, fallback stage a known stage", () => {
    const text = readFileSync(path.join(FIX, "contract/verifier_policy.yaml"), "utf8")
      .replace("env_smoke: false", "env_smoke: yes")
      .replace("stage: design", "stage: dance");
    const fs = errors("policy", text, ".autolab/verifier_policy.yaml");
    expect(fs.map((f) => [f.jsonPath, f.line, f.column])).toEqual([
      ["/requirements_by_stage/launch/env_smoke", posOf(text, "yes").line, posOf(text, "yes").column],
      ["/autorun/todo_fallback/slurm/stage", posOf(text, "dance").line, posOf(text, "dance").column],
    ]);
    expect(fs[0].message).toBe('`requirements_by_stage.launch.env_smoke` must be true or false (got string "yes")');
  });

  it("metrics: status, value type and required primary_metric fields", () => {
    const m = JSON.parse(readFileSync(path.join(FIX, "contract/metrics.json"), "utf8"));
    m.status = "running";
    m.primary_metric.value = "0.4";
    delete m.primary_metric.name;
    const text = json(m);
    const fs = errors("metrics", text, "metrics.json");
    expect(fs.map((f) => f.jsonPath).sort()).toEqual(["/primary_metric/name", "/primary_metric/value", "/status"]);
    expect(fs.find((f) => f.jsonPath === "/primary_metric/value")).toMatchObject(posOf(text, '"0.4"'));
    expect(fs.find((f) => f.jsonPath === "/primary_metric/name")).toMatchObject(after(text, '"primary_metric": '));
  });

  it("state: stage and stage_attempt", () => {
    const s = JSON.parse(readFileSync(path.join(FIX, "contract/state.json"), "utf8"));
    s.stage = "lunch";
    s.stage_attempt = -1;
    const text = json(s);
    const fs = errors("state", text);
    expect(fs.map((f) => [f.jsonPath, f.line])).toEqual([
      ["/stage", posOf(text, '"lunch"').line],
      ["/stage_attempt", posOf(text, "-1").line],
    ]);
  });
});

describe("assertValid and kinds", () => {
  it("throws one AutolabError carrying every error, located at the first", () => {
    const m = sample();
    m.status = "done";
    m.host_mode = "cloud";
    const text = json(m);
    try {
      assertValid(parseDocument("manifest", text, "m.json"));
      expect.unreachable();
    } catch (e) {
      const err = e as AutolabError;
      expect(err.findings).toHaveLength(2);
      expect(err.location).toMatchObject({ file: "m.json", ...posOf(text, '"cloud"'), jsonPath: "/host_mode" });
      expect(err.message).toMatch(/and 1 more/);
    }
  });

  it("knows the kind of each contract file by name", () => {
    expect(kindOfPath("experiments/done/x/runs/r/run_manifest.json")).toBe("manifest");
    expect(kindOfPath("experiments/plan/x/design.yaml")).toBe("design");
    expect(kindOfPath(".autolab/verifier_policy.yaml")).toBe("policy");
    expect(kindOfPath("runs/r/metrics.json")).toBe("metrics");
    expect(kindOfPath(".autolab/state.json")).toBe("state");
    expect(kindOfPath("notes.json")).toBeUndefined();
    // Copies and samples keep their kind (the Python tool's samples are named so).
    expect(kindOfPath("/srv/samples/autolab-1.0-samples/run_manifest.completed.json")).toBe("manifest");
    expect(kindOfPath("backup/verifier_policy.old.yaml")).toBe("policy");
    expect(kindOfPath("metrics.baseline.json")).toBe("metrics");
    expect(kindOfPath("stateful.json")).toBeUndefined();
  });
});

describe("manifest helpers", () => {
  const base = (): RunManifest => sample() as RunManifest;

  it("job id precedence: job_id > slurm.job_id > resource_request.job_id > resource_request.slurm.job_id", () => {
    const m = base();
    m.job_id = "1";
    m.slurm = { job_id: "2" };
    m.resource_request = { job_id: "3", slurm: { job_id: "4" } };
    expect(manifestJobId(m)).toBe("1");
    delete m.job_id;
    expect(manifestJobId(m)).toBe("2");
    delete m.slurm;
    expect(manifestJobId(m)).toBe("3");
    delete m.resource_request.job_id;
    expect(manifestJobId(m)).toBe("4");
    m.resource_request = {};
    expect(manifestJobId(m)).toBeUndefined();
  });

  it("launch date: timestamps.started_at (in UTC), then started_at, then the run id stamp", () => {
    const m = base();
    expect(manifestLaunchDate(m)).toBe("2026-11-28");
    m.timestamps.started_at = "2026-11-28T23:30:00-02:00";
    expect(manifestLaunchDate(m)).toBe("2026-11-29");
    m.timestamps.started_at = "not a date";
    m.started_at = "2026-01-02T00:00:00Z";
    expect(manifestLaunchDate(m)).toBe("2026-01-02");
    delete m.started_at;
    m.run_id = "20250704T235959Z_abcdef";
    expect(manifestLaunchDate(m)).toBe("2025-07-04");
    m.run_id = "manual-run";
    expect(manifestLaunchDate(m)).toBeUndefined();
  });

  it("status: recorded one, else submitted for a slurm run with a job id, else pending", () => {
    const m = base();
    expect(manifestStatus(m)).toBe("completed");
    delete m.status;
    expect(manifestStatus(m)).toBe("submitted");
    m.host_mode = "local";
    expect(manifestStatus(m)).toBe("pending");
  });

  it("new run ids are YYYYMMDDTHHMMSSZ_<6 hex> in UTC", () => {
    expect(newRunId(new Date("2026-11-28T15:14:32.999Z"), "093977")).toBe("20261128T151432Z_093977");
    expect(newRunId(new Date())).toMatch(/^\d{8}T\d{6}Z_[0-9a-f]{6}$/);
    expect(() => newRunId(new Date(), "XYZ")).toThrow(AutolabError);
  });

  it("writeManifest validates first and writes 2-space JSON with a final newline", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "manifest-"));
    const file = path.join(dir, "run_manifest.json");
    const m = base();
    await writeManifest(file, m);
    expect(readFileSync(file, "utf8")).toBe(JSON.stringify(m, null, 2) + "\n");
    const bad = { ...m, status: "done" } as unknown as RunManifest;
    await expect(writeManifest(file, bad, "run_manifest.json")).rejects.toThrow(/`status` must be one of/);
    expect(JSON.parse(readFileSync(file, "utf8")).status).toBe("completed");
  });

  it("readManifest throws with the findings when the file is invalid", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "manifest-"));
    const file = path.join(dir, "run_manifest.json");
    writeFileSync(file, SAMPLE_MANIFEST.replace('"host_mode": "slurm"', '"host_mode": "cloud"'));
    await expect(readManifest(file, "runs/x/run_manifest.json")).rejects.toMatchObject({
      location: { file: "runs/x/run_manifest.json", line: 6, column: 16, jsonPath: "/host_mode" },
    });
  });
});

describe("resolveIteration and loadDesign", () => {
  const repo = mkdtempSync(path.join(tmpdir(), "repo-"));
  for (const [bucket, id] of [
    ["plan", "alpha"],
    ["in_progress", "beta"],
    ["plan", "twin"],
    ["done", "twin"],
  ]) {
    mkdirSync(path.join(repo, "experiments", bucket, id), { recursive: true });
    writeFileSync(path.join(repo, "experiments", bucket, id, "design.yaml"), DESIGN);
  }

  it("finds an iteration by id, directory or design path", async () => {
    const byId = await resolveIteration(repo, "beta");
    expect(byId).toEqual({
      iterationId: "beta",
      iterationDir: path.join(repo, "experiments/in_progress/beta"),
      designPath: path.join(repo, "experiments/in_progress/beta/design.yaml"),
    });
    expect(await resolveIteration(repo, "experiments/in_progress/beta")).toEqual(byId);
    expect(await resolveIteration(repo, "experiments/in_progress/beta/design.yaml")).toEqual(byId);
  });

  it("missing and ambiguous ids are usage errors saying what was looked for", async () => {
    await expect(resolveIteration(repo, "gamma")).rejects.toMatchObject({
      exitCode: 2,
      hint: expect.stringContaining(
        "experiments/plan/gamma/design.yaml, experiments/in_progress/gamma/design.yaml, experiments/done/gamma/design.yaml",
      ),
    });
    await expect(resolveIteration(repo, "twin")).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/ambiguous/),
      hint: expect.stringContaining("experiments/plan/twin/design.yaml and experiments/done/twin/design.yaml"),
    });
    await expect(resolveIteration(repo, "../outside")).rejects.toMatchObject({ exitCode: 2 });
  });

  it("loadDesign returns typed data and throws with line numbers when invalid", async () => {
    const d = await loadDesign(path.join(repo, "experiments/plan/alpha/design.yaml"), "design.yaml");
    expect(d.data.compute.sbatch_options).toEqual(["--exclusive", "--mail-type=END"]);
    const bad = path.join(repo, "experiments/plan/alpha/design.yaml");
    writeFileSync(bad, DESIGN.replace("gpu_count: 1", "gpu_count: 99"));
    await expect(loadDesign(bad, "experiments/plan/alpha/design.yaml")).rejects.toMatchObject({
      location: {
        file: "experiments/plan/alpha/design.yaml",
        line: posOf(DESIGN, "gpu_count").line,
        jsonPath: "/compute/gpu_count",
      },
    });
  });
});
