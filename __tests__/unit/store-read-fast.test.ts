/**
 * The monitor's fast manifest read (store/runs.ts): a run discovery reached
 * through real directories only is read with one no-follow open of the inode
 * discovery stamped; every other run still walks its path, so a link anywhere
 * on the way (even one that stays inside the repository) is refused, and a
 * manifest replaced after discovery is read as it is now.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { benchManifest } from "../../bench/fixtures.js";
import { discoverRuns } from "../../src/store/discover.js";
import { loadRunsIndexed } from "../../src/store/runs.js";
import type { Finding } from "../../src/util/errors.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "autolab-fastread-"));
  dirs.push(root);
  return root;
}

function writeRun(root: string, rel: string, jobId: string): string {
  const dir = path.join(root, rel);
  mkdirSync(dir, { recursive: true });
  const m = benchManifest(1, new Date("2026-12-01T00:00:00Z"), jobId);
  const file = path.join(dir, "run_manifest.json");
  writeFileSync(file, JSON.stringify({ ...m, run_id: path.basename(dir) }, null, 2) + "\n");
  return file;
}

const load = async (root: string, findings: Finding[]) => {
  const d = await discoverRuns(root);
  findings.push(...d.findings);
  return { d, l: await loadRunsIndexed(d.runs, findings, { readAtMs: Date.now(), ledgerLine: () => undefined }) };
};

describe("fast manifest reads", () => {
  it("reads a run behind real directories; refuses one behind an in-repository link", async () => {
    const root = repo();
    writeRun(root, "experiments/in_progress/it1/runs/r1", "11");
    writeRun(root, "elsewhere/runs/r2", "12");
    mkdirSync(path.join(root, "experiments/in_progress/it2"), { recursive: true });
    symlinkSync(path.join(root, "elsewhere/runs"), path.join(root, "experiments/in_progress/it2/runs"));
    const findings: Finding[] = [];
    const { d, l } = await load(root, findings);
    expect(d.runs.map((r) => [r.runId, !!r.linkFree])).toEqual([
      ["r1", true],
      ["r2", false],
    ]);
    expect(l.runs.map((r) => r.manifest.run_id)).toEqual(["r1"]);
    const refused = findings.filter((f) => f.check === "manifest.read");
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/symlink/);
  });

  it("a manifest replaced after discovery (another inode) is read as it is now", async () => {
    const root = repo();
    const file = writeRun(root, "experiments/in_progress/it1/runs/r1", "11");
    const d = await discoverRuns(root);
    const other = path.join(root, "tmp.json");
    const m = benchManifest(1, new Date("2026-12-01T00:00:00Z"), "99");
    writeFileSync(other, JSON.stringify({ ...m, run_id: "r1" }, null, 2) + "\n");
    renameSync(other, file);
    const findings: Finding[] = [];
    const l = await loadRunsIndexed(d.runs, findings, { readAtMs: Date.now(), ledgerLine: () => undefined });
    expect(findings).toEqual([]);
    expect(l.runs[0].manifest.job_id).toBe("99");
  });

  it("a manifest swapped for a link after discovery is refused", async () => {
    const root = repo();
    const file = writeRun(root, "experiments/in_progress/it1/runs/r1", "11");
    const d = await discoverRuns(root);
    const target = path.join(root, "outside.json");
    writeFileSync(target, "{}");
    rmSync(file);
    symlinkSync(target, file);
    const findings: Finding[] = [];
    const l = await loadRunsIndexed(d.runs, findings, { readAtMs: Date.now(), ledgerLine: () => undefined });
    expect(l.runs).toEqual([]);
    expect(findings.map((f) => f.check)).toEqual(["manifest.read"]);
  });
});
