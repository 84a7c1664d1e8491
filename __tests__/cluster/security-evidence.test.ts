/**
 * Issue 11 items 2, 7 and 10 against real processes: real SLURM jobs on the
 * dev cluster, real git with a bare remote, real rsync, real parser programs.
 *
 * - A committed symlink `docs/slurm_job_list.md -> <file outside the repo
 *   holding a fake private key>`: the monitor never reads or commits its
 *   content, and verify reports the link as an error at that path.
 * - A job that leaves `job_sentinel.json` and `metrics.json` as named pipes:
 *   monitor, extract, verify and `slurm-job-list --doc <fifo>` finish promptly
 *   with a finding (each under a vitest timeout); rsync does not copy a FIFO.
 * - A parser printing 600-deep JSON: refused once with a clear reason, the
 *   run's metrics are `partial` and schema-valid.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { parseDocument } from "../../src/contract/validate.js";
import { launch } from "../../src/commands/launch/index.js";
import { rsyncArgs } from "../../src/steps/sync.js";
import { extractRun } from "../../src/steps/extract.js";
import { runVerify } from "../../src/verify/index.js";
import { runArgv } from "../../src/util/exec.js";
import { realScheduler, requireCluster, scancel, slurmOnPath, waitForSacct } from "../helpers/cluster.js";
import { CLI_ENTRY, TSX_LOADER } from "../helpers/repo.js";

const onCluster = slurmOnPath("__tests__/security-evidence.test.ts");
const launched: string[] = [];
const FAKE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAfakeKEYmaterial4711\n-----END OPENSSH PRIVATE KEY-----\n";

afterAll(async () => {
  for (const id of launched) await scancel(id).catch(() => undefined);
});

function g(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function design(id: string, cli: string, extra: Record<string, unknown> = {}): string {
  return YAML.stringify({
    id,
    iteration_id: id,
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
    entrypoint: { cli },
    ...extra,
  });
}

/** A checkout with a bare remote, one iteration, committed and pushed. */
function checkout(it: string, cli: string, extra: Record<string, unknown> = {}): { root: string; bare: string } {
  const base = mkdtempSync(path.join(tmpdir(), "autolab-sec-"));
  const bare = path.join(base, "origin.git");
  g(base, "init", "-q", "--bare", "-b", "main", bare);
  const root = path.join(base, "work");
  g(base, "clone", "-q", bare, root);
  g(root, "config", "user.name", "Researcher");
  g(root, "config", "user.email", "r@example.org");
  mkdirSync(path.join(root, "experiments/in_progress", it), { recursive: true });
  writeFileSync(path.join(root, "experiments/in_progress", it, "design.yaml"), design(it, cli, extra));
  writeFileSync(path.join(root, ".gitignore"), "");
  g(root, "add", "-A");
  g(root, "commit", "-q", "-m", "init");
  g(root, "push", "-q", "origin", "main");
  return { root, bare };
}

function runDirOf(root: string, it: string, runId: string): string {
  return path.join(root, "experiments/in_progress", it, "runs", runId);
}

async function cli(cwd: string, ...args: string[]) {
  return runArgv(process.execPath, ["--import", TSX_LOADER, CLI_ENTRY, ...args], { cwd, timeoutMs: 60_000 });
}

describe.skipIf(!onCluster)("a committed symlinked ledger never publishes its target", () => {
  it("monitor refuses docs/slurm_job_list.md -> a secret outside the repo (nothing of it committed); verify reports path.link", async () => {
    requireCluster();
    const { root, bare } = checkout("lnledger", "echo ok");
    const l = await launch({ scheduler: realScheduler(), cwd: root, design: "lnledger" });
    launched.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    // The job (or a PR) replaces the ledger by a link to a runner file, committed.
    const secretDir = mkdtempSync(path.join(tmpdir(), "autolab-secret-"));
    const secret = path.join(secretDir, "id_ed25519");
    writeFileSync(secret, FAKE_KEY);
    unlinkSync(path.join(root, "docs/slurm_job_list.md"));
    symlinkSync(secret, path.join(root, "docs/slurm_job_list.md"));
    // Only the link: the job may be writing its logs and sentinel in the checkout meanwhile.
    g(root, "add", "-A", "--", "docs/slurm_job_list.md");
    g(root, "commit", "-q", "-m", "link the ledger");
    g(root, "push", "-q", "origin", "main");

    await waitForSacct(l.jobId!);
    const rep = await monitor({ scheduler: realScheduler(), cwd: root, query: { timeoutMs: 20_000 } });
    expect(rep.runs.find((r) => r.runId === l.runId)?.after).toBe("completed");
    expect(JSON.stringify(rep)).not.toContain("fakeKEYmaterial4711");
    expect(rep.findings.some((f) => f.file === "docs/slurm_job_list.md" && f.severity === "error")).toBe(true);
    // Nothing on the remote holds the key; the link is still a link (never replaced by the content).
    const tree = g(bare, "ls-tree", "-r", "main");
    for (const line of tree.split("\n")) {
      const [meta, file] = line.split("\t");
      const content = g(bare, "cat-file", "-p", meta.split(" ")[2]);
      expect(content, file).not.toContain("fakeKEYmaterial4711");
    }
    expect(g(bare, "ls-tree", "main", "docs/slurm_job_list.md").split(" ")[0]).toBe("120000");
    expect(lstatSync(path.join(root, "docs/slurm_job_list.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(secret, "utf8")).toBe(FAKE_KEY);

    const v = await runVerify({ repoRoot: root, stage: "slurm_monitor" });
    const link = v.findings.find((f) => f.check === "path.link" && f.file === "docs/slurm_job_list.md");
    expect(link?.severity).toBe("error");
    expect(v.ok).toBe(false);
    expect(JSON.stringify(v)).not.toContain("fakeKEYmaterial4711");
  }, 180_000);
});

describe("verify reports every linked tool-owned path as an error", () => {
  it("linked docs/, launch/, runs/, analysis/summary.md, a run dir, its manifest and metrics: one path.link error each", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "autolab-sec-links-"));
    const outside = mkdtempSync(path.join(tmpdir(), "autolab-sec-out-"));
    writeFileSync(path.join(outside, "key"), FAKE_KEY);
    const it1 = path.join(root, "experiments/in_progress/a");
    const it2 = path.join(root, "experiments/in_progress/b");
    mkdirSync(path.join(it1, "analysis"), { recursive: true });
    mkdirSync(path.join(it1, "runs", "r1"), { recursive: true });
    mkdirSync(it2, { recursive: true });
    symlinkSync(outside, path.join(root, "docs"));
    symlinkSync(outside, path.join(it2, "launch"));
    symlinkSync(outside, path.join(it2, "runs"));
    symlinkSync(path.join(outside, "key"), path.join(it1, "analysis", "summary.md"));
    symlinkSync(path.join(outside, "key"), path.join(it1, "runs", "r1", "run_manifest.json"));
    symlinkSync(path.join(outside, "key"), path.join(it1, "runs", "r1", "metrics.json"));
    symlinkSync(path.join(it1, "runs", "r1"), path.join(it1, "runs", "r2"));
    const v = await runVerify({ repoRoot: root, stage: "slurm_monitor", runCommands: false });
    const linked = v.findings.filter((f) => f.check === "path.link" && f.severity === "error").map((f) => f.file);
    for (const p of [
      "docs",
      "experiments/in_progress/b/launch",
      "experiments/in_progress/b/runs",
      "experiments/in_progress/a/analysis/summary.md",
      "experiments/in_progress/a/runs/r1/run_manifest.json",
      "experiments/in_progress/a/runs/r1/metrics.json",
      "experiments/in_progress/a/runs/r2",
    ])
      expect(linked).toContain(p);
    expect(v.ok).toBe(false);
    expect(JSON.stringify(v)).not.toContain("fakeKEYmaterial4711");
  });
});

describe.skipIf(!onCluster)("named pipes left by a job never hang anything", () => {
  const FIFO_CLI = 'mkfifo "$AUTOLAB_RUN_DIR/metrics.json"';
  it("monitor, extract, verify and slurm-job-list --doc finish promptly with a finding", async () => {
    requireCluster();
    const { root } = checkout("fifo", FIFO_CLI, {
      extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "acc", "value": 1}}'` },
    });
    const l = await launch({ scheduler: realScheduler(), cwd: root, design: "fifo", commit: false });
    launched.push(l.jobId!);
    await waitForSacct(l.jobId!);
    const rd = runDirOf(root, "fifo", l.runId);
    // The script writes the sentinel at the end: replace it by a pipe, as a hostile job would.
    for (let i = 0; i < 50 && !existsSync(path.join(rd, "job_sentinel.json")); i++)
      await new Promise((r) => setTimeout(r, 200));
    if (existsSync(path.join(rd, "job_sentinel.json"))) unlinkSync(path.join(rd, "job_sentinel.json"));
    expect(spawnSync("mkfifo", [path.join(rd, "job_sentinel.json")]).status).toBe(0);
    expect(lstatSync(path.join(rd, "metrics.json")).isFIFO()).toBe(true);

    const rep = await monitor({ scheduler: realScheduler(), cwd: root, commit: false, query: { timeoutMs: 20_000 } });
    const files = rep.findings.map((f) => f.file ?? "");
    expect(files.some((f) => f.endsWith("job_sentinel.json"))).toBe(true);

    const m = JSON.parse(readFileSync(path.join(rd, "run_manifest.json"), "utf8")) as RunManifest;
    // With a regular sentinel, extraction runs the parser and looks at the metrics.json pipe the job left.
    unlinkSync(path.join(rd, "job_sentinel.json"));
    writeFileSync(
      path.join(rd, "job_sentinel.json"),
      JSON.stringify({
        started_at: "2026-01-01T00:00:00Z",
        ended_at: "2026-01-01T00:01:00Z",
        exit_code: 0,
        job_id: l.jobId,
      }),
    );
    const ex = await extractRun({
      repoRoot: root,
      iterationDir: path.join(root, "experiments/in_progress/fifo"),
      iterationPath: "experiments/in_progress/fifo",
      runDir: rd,
      runId: l.runId,
      iterationId: "fifo",
      design: YAML.parse(readFileSync(path.join(root, "experiments/in_progress/fifo/design.yaml"), "utf8")),
      manifest: { ...m, status: "completed", artifact_sync_to_local: { status: "ok" } } as RunManifest,
      pythonBin: "python3",
    });
    expect(ex.parserRan).toBe(true);
    expect(ex.metrics.status).toBe("partial");
    expect(ex.missingEvidence.join("\n")).toMatch(/metrics\.json the parser left is not read: .*not a regular file/);
    expect(spawnSync("mkfifo", [path.join(rd, "job_sentinel.json.tmp")]).status).toBe(0);
    unlinkSync(path.join(rd, "job_sentinel.json"));
    spawnSync("mv", [path.join(rd, "job_sentinel.json.tmp"), path.join(rd, "job_sentinel.json")]);

    const v = await runVerify({ repoRoot: root, stage: "slurm_monitor", runCommands: false });
    const bad = v.findings.filter((f) => f.check === "path.link").map((f) => f.file);
    expect(bad).toContain(path.relative(root, path.join(rd, "job_sentinel.json")));
    expect(bad).toContain(path.relative(root, path.join(rd, "metrics.json")));

    const r = await cli(
      root,
      "slurm-job-list",
      "verify",
      "--manifest",
      path.join(rd, "run_manifest.json"),
      "--doc",
      path.join(rd, "metrics.json"),
    );
    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/not a regular file/);
  }, 120_000);
});

describe("rsync copies no named pipe or device", () => {
  it("a FIFO in the source is not copied; regular files are", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "autolab-sec-rsync-"));
    const src = path.join(base, "src");
    const dest = path.join(base, "dest");
    mkdirSync(src);
    mkdirSync(dest);
    writeFileSync(path.join(src, "result.json"), "{}\n");
    expect(spawnSync("mkfifo", [path.join(src, "job_sentinel.json")]).status).toBe(0);
    const r = await runArgv("rsync", rsyncArgs(src, dest, 30), { cwd: dest, timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dest, "result.json"))).toBe(true);
    expect(existsSync(path.join(dest, "job_sentinel.json"))).toBe(false);
  });
});

describe("deep parser output", () => {
  it("a parser printing 600-deep JSON: refused once with the reason, metrics partial and schema-valid", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "autolab-sec-deep-"));
    const iterationDir = path.join(root, "experiments/in_progress/deep");
    const rd = path.join(iterationDir, "runs", "r1");
    mkdirSync(rd, { recursive: true });
    writeFileSync(
      path.join(rd, "job_sentinel.json"),
      JSON.stringify({ started_at: "2026-01-01T00:00:00Z", ended_at: "2026-01-01T00:01:00Z", exit_code: 0 }),
    );
    const printer = `python3 -c "import json; d=1\nfor _ in range(600): d={'x': d}\nprint(json.dumps({'primary_metric': {'name': 'acc', 'value': 0.5}, 'deep': d}))"`;
    writeFileSync(path.join(root, "deep.sh"), printer + "\n");
    const m = {
      schema_version: "1.0",
      run_id: "r1",
      iteration_id: "deep",
      host_mode: "slurm",
      command: "sbatch",
      resource_request: {},
      status: "synced",
      job_id: "1",
      artifact_sync_to_local: { status: "ok" },
      timestamps: { started_at: "2026-01-01T00:00:00Z" },
    } as unknown as RunManifest;
    const ex = await extractRun({
      repoRoot: root,
      iterationDir,
      iterationPath: "experiments/in_progress/deep",
      runDir: rd,
      runId: "r1",
      iterationId: "deep",
      design: { compute: { location: "slurm" }, extract_parser: { kind: "command", command: "sh deep.sh" } },
      manifest: { ...m, status: "completed", artifact_sync_to_local: { status: "ok" } } as RunManifest,
      pythonBin: "python3",
    });
    expect(ex.parserRan).toBe(true);
    expect(ex.metrics.status).toBe("partial");
    expect(ex.missingEvidence.filter((x) => /nested deeper than 64 levels/.test(x))).toHaveLength(1);
    expect(ex.metricsText).not.toContain('"x"');
    const doc = parseDocument("metrics", ex.metricsText, "metrics.json");
    expect(doc.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
