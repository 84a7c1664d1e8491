/**
 * Extraction with real parser programs (python3), real rsync for the manual
 * recovery, and temp repositories. Every metrics.json written is checked
 * against schemas/metrics.schema.json through the contract's parseDocument.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readManifest, writeManifest } from "../../src/contract/manifest.js";
import type { Design, Metrics, RunManifest } from "../../src/contract/types.js";
import { parseDocument } from "../../src/contract/validate.js";
import {
  extractRun,
  parseJsonLenient,
  planExtraction,
  upsertRunSection,
  type ExtractContext,
} from "../../src/steps/extract.js";
import {
  renderArgv,
  splitCommandLine,
  substitutePlaceholders,
  RUN_PLACEHOLDERS,
} from "../../src/domain/placeholders.js";
import { syncRecord, syncArtifacts } from "../../src/steps/sync.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

/**
 * extractRun writes nothing itself (the monitor records what it returns in its
 * change set); these tests check the files as the monitor would leave them.
 */
async function extractToFiles(ctx: Parameters<typeof extractRun>[0]) {
  const r = await extractRun(ctx);
  await writeFileAtomic(r.metricsPath, r.metricsText);
  if (r.logPath && r.logText !== undefined) await writeFileAtomic(r.logPath, r.logText);
  const cur = existsSync(r.summaryPath) ? readFileSync(r.summaryPath, "utf8") : undefined;
  const next = upsertRunSection(cur, ctx.iterationId, ctx.runId, r.section, r.summaryPath);
  if (next !== cur) {
    mkdirSync(path.dirname(r.summaryPath), { recursive: true });
    await writeFileAtomic(r.summaryPath, next);
  }
  return r;
}

const ITER = "iter_extract";
const RUN_A = "20261128T151432Z_093977";
const RUN_B = "20261128T151509Z_97aa8d";
const PY = "python3";

let tmp: string;
let repo: string;
let iterationDir: string;
const iterationPath = `experiments/in_progress/${ITER}`;

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function runDirOf(runId: string): string {
  return path.join(iterationDir, "runs", runId);
}

function manifest(runId: string, over: Partial<RunManifest> = {}): RunManifest {
  return {
    schema_version: "1.0",
    run_id: runId,
    iteration_id: ITER,
    host_mode: "slurm",
    command: "sbatch launch/run_slurm.sbatch",
    resource_request: { partition: "debug" },
    status: "completed",
    job_id: "4242",
    artifact_sync_to_local: { status: "ok" },
    timestamps: { started_at: "2026-11-28T15:14:32Z", completed_at: "2026-11-28T15:14:55Z" },
    ...over,
  };
}

function sentinel(runId: string, exitCode: number | undefined): void {
  write(
    path.join(runDirOf(runId), "job_sentinel.json"),
    JSON.stringify({
      started_at: "2026-11-28T15:14:33Z",
      ended_at: "2026-11-28T15:14:54Z",
      host: "localhost",
      ...(exitCode === undefined ? {} : { exit_code: exitCode }),
    }),
  );
}

function context(
  runId: string,
  design: Partial<Design>,
  m: RunManifest = manifest(runId),
  extra: Partial<ExtractContext> = {},
): ExtractContext {
  return {
    repoRoot: repo,
    iterationDir,
    iterationPath,
    runDir: runDirOf(runId),
    runId,
    iterationId: ITER,
    design: { compute: { location: "slurm" }, ...design },
    manifest: m,
    pythonBin: PY,
    ...extra,
  };
}

/** Read metrics.json and check it against the contract schema. */
function validMetrics(file: string): Metrics & { missing_evidence: string[] } {
  const text = readFileSync(file, "utf8");
  const doc = parseDocument<Metrics & { missing_evidence: string[] }>("metrics", text, "metrics.json");
  expect(doc.findings).toEqual([]);
  return doc.data;
}

/** A parser script that reads outputs/result.json of the run and prints metrics on stdout. */
const STDOUT_PARSER = `
import json, sys, os
run_dir = sys.argv[1]
print("parsing", run_dir, file=sys.stderr)
with open(os.path.join(run_dir, "outputs", "result.json")) as f:
    r = json.load(f)
print(json.dumps({"primary_metric": {"name": "val_acc", "value": r["acc"], "delta_vs_baseline": r["acc"] - 0.8},
                  "secondary": {"loss": r["loss"]}, "argv": sys.argv[1:]}))
`;

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "autolab-extract-"));
  repo = path.join(tmp, "repo");
  iterationDir = path.join(repo, iterationPath);
  for (const id of [RUN_A, RUN_B]) {
    mkdirSync(runDirOf(id), { recursive: true });
    write(
      path.join(runDirOf(id), "outputs", "result.json"),
      JSON.stringify({ acc: id === RUN_A ? 0.9 : 0.85, loss: 0.25 }),
    );
  }
  write(path.join(repo, "tools", "parse.py"), STDOUT_PARSER);
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("placeholders", () => {
  it("splits like a shell without expanding anything, then substitutes per argument", () => {
    expect(splitCommandLine(`python -m parse "a b" 'c d' e\\ f "x\\"y" ''`)).toEqual([
      "python",
      "-m",
      "parse",
      "a b",
      "c d",
      "e f",
      'x"y',
      "",
    ]);
    expect(splitCommandLine(`echo '{"k": 1}'`)).toEqual(["echo", '{"k": 1}']);
    expect(() => splitCommandLine("parse {run_dir} > out.txt")).toThrow(/without a shell/);
    expect(() => splitCommandLine("a; rm -rf /")).toThrow(/without a shell/);
    expect(() => splitCommandLine("echo 'open")).toThrow(/unterminated single quote/);
    expect(substitutePlaceholders('{"a": {run_id}}', { run_id: "R" })).toBe('{"a": R}');
  });

  it("refuses unknown placeholders", () => {
    expect(() =>
      renderArgv("parse {rn_id}", { run_id: "x" }, { what: "extract_parser.command" }, RUN_PLACEHOLDERS),
    ).toThrow(AutolabError);
    expect(() => renderArgv("parse {rn_id}", { run_id: "x" }, {}, RUN_PLACEHOLDERS)).toThrow(
      /unknown placeholder \{rn_id\}/,
    );
    expect(() => renderArgv("   ", {})).toThrow(/empty/);
  });

  it("keeps hostile values as single argv elements when run for real", async () => {
    const values = {
      run_id: "x; touch PWNED",
      iteration_id: "$(touch PWNED2)",
      iteration_path: "a b\tc",
      run_dir: "`id` 'q' \"dq\"",
      repo_root: "--help",
    };
    const argv = renderArgv(
      `${PY} -c 'import json,sys; print(json.dumps(sys.argv[1:]))' {run_id} {iteration_id} {iteration_path} {run_dir} pre-{repo_root}`,
      values,
      {},
      RUN_PLACEHOLDERS,
    );
    const r = await runArgv(argv[0], argv.slice(1), { cwd: tmp });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      values.run_id,
      values.iteration_id,
      values.iteration_path,
      values.run_dir,
      "pre---help",
    ]);
    expect(existsSync(path.join(tmp, "PWNED"))).toBe(false);
    expect(existsSync(path.join(tmp, "PWNED2"))).toBe(false);
  });
});

describe("extractRun with a command parser", () => {
  it("takes metrics from stdout, writes a valid metrics.json, the log and the summary; twice gives identical files", async () => {
    sentinel(RUN_A, 0);
    const ctx = context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/parse.py {run_dir}` } });
    const r = await extractToFiles(ctx);
    expect(r.error).toBeUndefined();
    expect(r.parserRan).toBe(true);
    expect(r.missingEvidence).toEqual([]);
    const m = validMetrics(r.metricsPath);
    expect(m).toMatchObject({
      schema_version: "1.0",
      iteration_id: ITER,
      run_id: RUN_A,
      status: "completed",
      primary_metric: { name: "val_acc", value: 0.9 },
      secondary: { loss: 0.25 },
      missing_evidence: [],
    });
    expect(m.primary_metric.delta_vs_baseline).toBeCloseTo(0.1);
    expect(m.argv).toEqual([runDirOf(RUN_A)]);
    expect(r.metricsPath).toBe(path.join(runDirOf(RUN_A), "metrics.json"));
    const log = readFileSync(path.join(runDirOf(RUN_A), "logs", "extract.log"), "utf8");
    expect(log).toContain(`parsing ${runDirOf(RUN_A)}`);
    expect(log).toContain("exit code 0");
    const summary = readFileSync(path.join(iterationDir, "analysis", "summary.md"), "utf8");
    expect(summary).toContain(`<!-- autolab:run ${RUN_A} begin -->`);
    expect(summary).toContain("Status: **completed**");
    expect(summary).toContain("`val_acc` = 0.9");
    expect(summary).toContain("SLURM job 4242, exit code 0");
    expect(summary).toContain(`(../runs/${RUN_A}/metrics.json)`);

    const files = [r.metricsPath, r.summaryPath, r.logPath!].map((f) => readFileSync(f));
    const r2 = await extractToFiles(ctx);
    expect([r2.metricsPath, r2.summaryPath, r2.logPath!].map((f) => readFileSync(f))).toEqual(files);
  });

  it("uses the metrics.json the parser wrote itself (it wins over stdout), keeping its extra keys", async () => {
    sentinel(RUN_A, 0);
    write(
      path.join(repo, "tools", "write_file.py"),
      `import json, os, sys
run_dir = os.environ["AUTOLAB_RUN_DIR"]
assert run_dir == sys.argv[1]
with open(os.path.join(run_dir, "metrics.json"), "w") as f:
    json.dump({"primary_metric": {"name": "bleu", "value": 31.5, "unit": "points"}, "samples": 1000}, f)
print(json.dumps({"primary_metric": {"name": "wrong", "value": -1}}))
`,
    );
    const ctx = context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/write_file.py {run_dir}` } });
    const r = await extractToFiles(ctx);
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("completed");
    expect(m.primary_metric).toEqual({ name: "bleu", value: 31.5, delta_vs_baseline: null, unit: "points" });
    expect(m.samples).toBe(1000);
    const first = readFileSync(r.metricsPath);
    await extractToFiles(ctx);
    expect(readFileSync(r.metricsPath)).toEqual(first);
  });

  it("runs in a repository whose path holds spaces and ';' with each placeholder one argument", async () => {
    rmSync(tmp, { recursive: true, force: true });
    tmp = mkdtempSync(path.join(tmpdir(), "autolab-extract-"));
    repo = path.join(tmp, "my repo; touch PWNED $(id)");
    iterationDir = path.join(repo, iterationPath);
    write(path.join(runDirOf(RUN_A), "outputs", "result.json"), JSON.stringify({ acc: 0.7, loss: 1 }));
    write(path.join(repo, "tools", "parse.py"), STDOUT_PARSER);
    sentinel(RUN_A, 0);
    const r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/parse.py {run_dir}` } }),
    );
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("completed");
    expect(m.primary_metric.value).toBe(0.7);
    expect(m.argv).toEqual([runDirOf(RUN_A)]);
    expect(existsSync(path.join(tmp, "PWNED"))).toBe(false);
  });

  it("reports a parser timeout as partial, with the log kept", async () => {
    sentinel(RUN_A, 0);
    write(path.join(repo, "tools", "slow.py"), "import time\nprint('starting', flush=True)\ntime.sleep(60)\n");
    const r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/slow.py` } }, manifest(RUN_A), {
        // Long enough for python3 to start and print under a loaded machine (1 s was not).
        timeoutSeconds: 3,
      }),
    );
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.primary_metric.value).toBeNull();
    expect(m.missing_evidence.join("\n")).toMatch(/timed out after 3 s/);
    expect(r.error).toMatch(/timed out/);
    expect(readFileSync(r.logPath!, "utf8")).toContain("starting");
  });

  it("reports a failing parser, a non-finite metric and a missing primary metric as partial", async () => {
    sentinel(RUN_A, 0);
    write(path.join(repo, "tools", "crash.py"), "import sys\nprint('boom', file=sys.stderr)\nsys.exit(4)\n");
    let r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/crash.py` } }),
    );
    let m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence.join("\n")).toMatch(/exited with code 4/);

    // Python's json.dumps writes a bare NaN token.
    write(
      path.join(repo, "tools", "nan.py"),
      "import json\nprint(json.dumps({'primary_metric': {'name': 'loss', 'value': float('nan')}}))\n",
    );
    r = await extractToFiles(context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/nan.py` } }));
    m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.primary_metric).toEqual({ name: "loss", value: null, delta_vs_baseline: null });
    expect(m.missing_evidence).toEqual(['primary metric value is not a finite number ("NaN")']);

    write(path.join(repo, "tools", "nometric.py"), "print('{\"loss\": 1}')\n");
    r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/nometric.py` } }),
    );
    m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence).toEqual(["parser output has no primary_metric"]);
    expect(m.loss).toBe(1);
  });

  it("refuses an unknown placeholder without running anything", async () => {
    sentinel(RUN_A, 0);
    const r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "command", command: `${PY} tools/parse.py {rundir}` } }),
    );
    expect(r.parserRan).toBe(false);
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence.join("\n")).toMatch(/unknown placeholder \{rundir\}/);
    expect(existsSync(path.join(runDirOf(RUN_A), "logs", "extract.log"))).toBe(false);
  });

  it("without an extract_parser the run is partial, not stuck", async () => {
    sentinel(RUN_A, 0);
    const r = await extractToFiles(context(RUN_A, {}));
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence).toEqual(["design has no extract_parser"]);
  });
});

describe("extractRun with a python parser", () => {
  it("imports module.callable, passes the context dict, and keeps the callable's prints off the result", async () => {
    sentinel(RUN_A, 0);
    write(path.join(repo, "mypkg", "__init__.py"), "");
    write(
      path.join(repo, "mypkg", "extract.py"),
      `import json, os
def extract(ctx):
    print("noise on stdout")
    with open(os.path.join(ctx["run_dir"], "outputs", "result.json")) as f:
        r = json.load(f)
    return {"primary_metric": {"name": "val_acc", "value": r["acc"], "delta_vs_baseline": None},
            "context": ctx, "unstable": float("inf")}
`,
    );
    const r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "python", module: "mypkg.extract", callable: "extract" } }),
    );
    expect(r.error).toBeUndefined();
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("completed");
    expect(m.primary_metric).toEqual({ name: "val_acc", value: 0.9, delta_vs_baseline: null });
    expect(m.context).toEqual({
      run_id: RUN_A,
      iteration_id: ITER,
      iteration_path: iterationPath,
      run_dir: runDirOf(RUN_A),
      repo_root: repo,
    });
    expect(m.unstable).toBe("Infinity");
    expect(readFileSync(r.logPath!, "utf8")).toContain("noise on stdout");
  });

  it("refuses module and callable names that are not identifiers (no code injection)", async () => {
    sentinel(RUN_A, 0);
    for (const parser of [
      { kind: "python" as const, module: "os; import this", callable: "x" },
      { kind: "python" as const, module: "mypkg", callable: "f(); __import__('os').system('touch PWNED')" },
    ]) {
      const r = await extractToFiles(context(RUN_A, { extract_parser: parser }));
      expect(r.parserRan).toBe(false);
      const m = validMetrics(r.metricsPath);
      expect(m.status).toBe("partial");
      expect(m.missing_evidence.join("\n")).toMatch(/not a (dotted Python module name|Python identifier)/);
    }
    expect(existsSync(path.join(repo, "PWNED"))).toBe(false);
  });

  it("reports an import error as partial", async () => {
    sentinel(RUN_A, 0);
    const r = await extractToFiles(
      context(RUN_A, { extract_parser: { kind: "python", module: "no_such_module_here", callable: "extract" } }),
    );
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence.join("\n")).toMatch(/exited with code 1/);
    expect(readFileSync(r.logPath!, "utf8")).toContain("ModuleNotFoundError");
  });
});

describe("runs that failed or were not synced", () => {
  const marker = () => path.join(tmp, "parser-ran");
  const touchParser = () => ({
    kind: "command" as const,
    command: `${PY} -c 'open(__import__("sys").argv[1], "w")' ${marker()}`,
  });

  it("a failed job gets metrics with status failed and the missing evidence; the parser does not run", async () => {
    sentinel(RUN_A, 3);
    const m0 = manifest(RUN_A, { status: "failed", slurm: { job_id: "4242", state: "FAILED", exit_code: "3:0" } });
    const r = await extractToFiles(context(RUN_A, { extract_parser: touchParser() }, m0));
    expect(existsSync(marker())).toBe(false);
    expect(r.parserRan).toBe(false);
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("failed");
    expect(m.primary_metric.value).toBeNull();
    expect(m.missing_evidence).toEqual([
      "job exited with code 3",
      "SLURM state FAILED",
      "primary metric not computed: the run failed",
    ]);
    const summary = readFileSync(r.summaryPath, "utf8");
    expect(summary).toContain("Status: **failed**");
    expect(summary).toContain("  - job exited with code 3");
  });

  it("a failed job without a sentinel says so, and reports the SLURM exit code", async () => {
    const m0 = manifest(RUN_A, { status: "failed", slurm: { job_id: "4242", state: "TIMEOUT", exit_code: "0:15" } });
    const r = await extractToFiles(context(RUN_A, { extract_parser: touchParser() }, m0));
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("failed");
    expect(m.missing_evidence).toEqual([
      "job sentinel missing",
      "SLURM state TIMEOUT",
      "job killed by signal 15",
      "primary metric not computed: the run failed",
    ]);
  });

  it("a failed sync gives partial metrics naming the sync error; the parser does not run", async () => {
    sentinel(RUN_A, 0);
    const m0 = manifest(RUN_A, {
      artifact_sync_to_local: { status: "failed", error: "rsync: exit 23", missing: ["outputs/"] },
    });
    const r = await extractToFiles(context(RUN_A, { extract_parser: touchParser() }, m0));
    expect(existsSync(marker())).toBe(false);
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("partial");
    expect(m.missing_evidence).toEqual([
      "artifact sync status is failed: rsync: exit 23",
      "artifact output missing: outputs/",
      "primary metric not computed: artifacts are not synced",
    ]);
  });

  it("a completed run whose sentinel says exit 5 is partial", () => {
    const plan = planExtraction(manifest(RUN_A), { state: "present", exitCode: 5, data: {} });
    expect(plan.runParser).toBe(true);
    expect(plan.missing).toEqual(["job exited with code 5"]);
  });

  it("manual recovery: rsync by hand, set artifact_sync_to_local.status to ok, run again, extraction proceeds", async () => {
    const remote = path.join(tmp, "remote", RUN_A);
    write(path.join(remote, "outputs", "result.json"), JSON.stringify({ acc: 0.95, loss: 0.1 }));
    write(path.join(remote, "job_sentinel.json"), JSON.stringify({ exit_code: 0, started_at: "2026-11-28T15:14:33Z" }));
    rmSync(path.join(runDirOf(RUN_A), "outputs"), { recursive: true });
    const manifestPath = path.join(runDirOf(RUN_A), "run_manifest.json");
    const design = { extract_parser: { kind: "command" as const, command: `${PY} tools/parse.py {run_dir}` } };

    // The monitor's sync failed (wrong source) and was recorded.
    const failed = await syncArtifacts({
      repoRoot: repo,
      runDir: runDirOf(RUN_A),
      runId: RUN_A,
      iterationId: ITER,
      iterationPath,
      config: { mode: "rsync", source: path.join(tmp, "wrong", "{run_id}"), retries: 0 },
    });
    expect(failed.status).toBe("failed");
    await writeManifest(manifestPath, manifest(RUN_A, { artifact_sync_to_local: syncRecord(failed) }));
    let r = await extractToFiles(context(RUN_A, design, (await readManifest(manifestPath)).data));
    expect(validMetrics(r.metricsPath).status).toBe("partial");

    // The cookbook: rsync by hand, then edit the manifest by hand.
    const hand = await runArgv("rsync", ["-a", remote + "/", runDirOf(RUN_A) + "/"]);
    expect(hand.code).toBe(0);
    const edited = JSON.parse(readFileSync(manifestPath, "utf8")) as RunManifest;
    edited.artifact_sync_to_local.status = "ok";
    writeFileSync(manifestPath, JSON.stringify(edited, null, 2));

    r = await extractToFiles(context(RUN_A, design, (await readManifest(manifestPath)).data));
    const m = validMetrics(r.metricsPath);
    expect(m.status).toBe("completed");
    expect(m.primary_metric.value).toBe(0.95);
    expect(m.missing_evidence).toEqual([]);
    expect(readFileSync(r.summaryPath, "utf8")).toContain("Status: **completed**");
  });
});

describe("summary.md", () => {
  it("holds one section per run in run-id order, keeps the researcher's notes, and replaces a run's section in place", async () => {
    sentinel(RUN_A, 0);
    sentinel(RUN_B, 0);
    const design = { extract_parser: { kind: "command" as const, command: `${PY} tools/parse.py {run_dir}` } };
    const summaryPath = path.join(iterationDir, "analysis", "summary.md");
    write(summaryPath, "# My iteration\n\nNotes written by hand.\n");
    await extractToFiles(context(RUN_B, design));
    await extractToFiles(
      context(RUN_A, design, manifest(RUN_A, { artifact_sync_to_local: { status: "failed", error: "x" } })),
    );
    let text = readFileSync(summaryPath, "utf8");
    expect(text.startsWith("# My iteration\n\nNotes written by hand.\n")).toBe(true);
    expect(text.indexOf(RUN_A)).toBeLessThan(text.indexOf(RUN_B));
    expect(text).toContain("Status: **partial**");

    await extractToFiles(context(RUN_A, design));
    text = readFileSync(summaryPath, "utf8");
    expect(text.split(`<!-- autolab:run ${RUN_A} begin -->`)).toHaveLength(2);
    expect(text).not.toContain("Status: **partial**");
    expect(text.match(/Status: \*\*completed\*\*/g)).toHaveLength(2);
    const again = readFileSync(summaryPath);
    await extractToFiles(context(RUN_B, design));
    await extractToFiles(context(RUN_A, design));
    expect(readFileSync(summaryPath)).toEqual(again);
  });

  it("refuses a section without its end marker, naming the line", () => {
    const broken = `# x\n\n<!-- autolab:run ${RUN_A} begin -->\n## Run\n`;
    try {
      upsertRunSection(broken, ITER, RUN_B, "s", "experiments/in_progress/x/analysis/summary.md");
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(AutolabError);
      expect((e as AutolabError).location).toMatchObject({
        file: "experiments/in_progress/x/analysis/summary.md",
        line: 3,
      });
    }
  });
});

describe("parseJsonLenient", () => {
  it("accepts Python's NaN/Infinity tokens outside strings only", () => {
    expect(parseJsonLenient('{"a": NaN, "b": -Infinity, "c": "NaN inside", "d": [Infinity]}')).toEqual({
      a: "NaN",
      b: "-Infinity",
      c: "NaN inside",
      d: ["Infinity"],
    });
    expect(() => parseJsonLenient("{bad}")).toThrow();
  });
});
