/**
 * The run index (domain/run-index.ts) never changes what a tick does: two
 * identical git checkouts (20 runs, 19 finished and one in flight on a real
 * PENDING job) go through the same steps; checkout A keeps its index, B has
 * its index deleted before every tick (a tick with no index at all). After a
 * hand edit, a deleted index, a corrupt index, a checkout of an older commit
 * and another writer's commit, A's tick reports the same runs, findings and
 * written files as B's, and leaves the same files. A's log shows the index
 * was used where it could be.
 */
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRepo, RUNS_PER_ITERATION } from "../../bench/fixtures.js";
import { monitor, type MonitorReport } from "../../src/commands/monitor/index.js";
import { RACY_MARGIN_MS } from "../../src/domain/run-index.js";
import { RUN_INDEX_FILE } from "../../src/store/run-index.js";
import { requireCluster, sbatchRaw, scancel, slurmOnPath, realScheduler } from "../helpers/cluster.js";
import { cloneRepo, fingerprint, git } from "../helpers/repo.js";

const sinfoOnPath = slurmOnPath("__tests__/cluster/run-index.test.ts");
const RUNS = 2 * RUNS_PER_ITERATION;
const NOW = new Date();

interface Pair {
  parent: string;
  remote: string;
  a: string;
  b: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const indexFile = (root: string) => path.join(root, ".git", RUN_INDEX_FILE);

async function tick(root: string, useIndex: boolean): Promise<{ report: MonitorReport; log: string[] }> {
  if (!useIndex) rmSync(indexFile(root), { force: true });
  const log: string[] = [];
  const report = await monitor({
    cwd: root,
    commit: false,
    push: false,
    now: () => NOW,
    scheduler: realScheduler(),
    log: (l) => log.push(l),
  });
  return { report, log };
}

/** What must be the same with and without the index (paths relative, no timings). */
function comparable(root: string, r: MonitorReport): unknown {
  const { runs, tracked, inFlight, findings, outage, written, scheduler } = r;
  const text = JSON.stringify({ runs, tracked, inFlight, findings, outage, written, calls: scheduler.calls });
  return JSON.parse(text.split(root).join("<root>"));
}

function fromIndex(log: string[]): number {
  const line = log.find((l) => l.startsWith("runs: "));
  return Number(/(\d+) from the run index/.exec(line ?? "")?.[1] ?? NaN);
}

/** Tick both checkouts (A with its index, B without); they must agree. Returns how many runs A took from the index. */
async function same(p: Pair): Promise<number> {
  const ta = await tick(p.a, true);
  const tb = await tick(p.b, false);
  expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
  const [fa, fb] = [await fingerprint(p.a), await fingerprint(p.b)];
  expect(fa.files).toEqual(fb.files);
  expect(fa.hash).toBe(fb.hash);
  expect(fromIndex(tb.log)).toBe(0);
  return fromIndex(ta.log);
}

/** Both checkouts, one step each. */
async function both(p: Pair, step: (root: string) => Promise<void> | void): Promise<void> {
  await step(p.a);
  await step(p.b);
}

/** A finished run's manifest (the first run of the first iteration), repo-relative. */
function finishedManifest(root: string): string {
  const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
  const runId = /run_id=(\S+) \| status=completed/.exec(ledger)![1];
  return path.join("experiments/done/iter-00000/runs", runId, "run_manifest.json");
}

/** Rewrite `file` in place (same inode), keeping its size and mtime: only the ctime tells. */
function editInPlace(root: string, file: string, from: string, to: string): void {
  expect(to.length).toBe(from.length);
  const abs = path.join(root, file);
  const st = statSync(abs);
  const text = readFileSync(abs, "utf8");
  expect(text).toContain(from);
  writeFileSync(abs, text.split(from).join(to));
  utimesSync(abs, st.atime, st.mtime);
}

describe.skipIf(!sinfoOnPath)("run index: a tick with the index is a tick without it", () => {
  let p: Pair;
  let jobId: string;

  beforeAll(async () => {
    requireCluster();
    jobId = await sbatchRaw(["--begin=now+1hour", "--time=1", "--wrap=true", "--output=/dev/null"]);
    const parent = await mkdtemp(path.join(tmpdir(), "autolab-run-index-"));
    const seed = path.join(parent, "seed");
    await buildRepo({ root: seed, runs: RUNS, inFlightJobIds: [jobId], now: NOW });
    await git(parent, "init", "-q", "-b", "main", seed);
    await git(seed, "add", "-A");
    await git(seed, "commit", "-q", "-m", "runs");
    const remote = path.join(parent, "remote.git");
    await git(parent, "clone", "-q", "--bare", seed, remote);
    p = {
      parent,
      remote,
      a: await cloneRepo(remote, path.join(parent, "a")),
      b: await cloneRepo(remote, path.join(parent, "b")),
    };
    // Files must be older than the racy margin before a tick may record them.
    await sleep(RACY_MARGIN_MS + 200);
    await same(p); // the first tick records slurm.state of the run in flight in both
    await sleep(RACY_MARGIN_MS + 200);
  }, 300_000);

  afterAll(async () => {
    if (jobId) await scancel(jobId);
    if (p) rmSync(p.parent, { recursive: true, force: true });
  });

  it("takes unchanged finished runs from the index", async () => {
    expect(existsSync(indexFile(p.a))).toBe(true);
    expect(await same(p)).toBe(RUNS - 1);
  });

  it("a hand edit (same size, same mtime) is read again, and the ledger disagreement reported", async () => {
    const file = finishedManifest(p.a);
    const jobOf = (root: string) =>
      (JSON.parse(readFileSync(path.join(root, file), "utf8")) as { job_id: string }).job_id;
    const before = jobOf(p.a);
    const after = String(Number(before) + 1);
    await both(p, (root) => editInPlace(root, file, `"${before}"`, `"${after}"`));
    const ta = await tick(p.a, true);
    const tb = await tick(p.b, false);
    expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
    expect(ta.report.findings.some((f) => f.check === "ledger.disagrees")).toBe(true);
    expect(fromIndex(ta.log)).toBe(RUNS - 2);
    // Put the manifest and the ledger the tick fixed back for the next cases.
    await both(p, async (root) => {
      await git(root, "checkout", "-q", "--", ".");
    });
    await sleep(RACY_MARGIN_MS + 200);
    await same(p);
  });

  it("a deleted index: every run is read, the same result, and the index is rebuilt", async () => {
    rmSync(indexFile(p.a));
    expect(await same(p)).toBe(0);
    expect(existsSync(indexFile(p.a))).toBe(true);
    expect(await same(p)).toBe(RUNS - 1);
  });

  it("a corrupt index (garbage, truncated, another checkout's) is not trusted", async () => {
    const good = readFileSync(indexFile(p.a), "utf8");
    for (const bad of ["{not json", good.slice(0, Math.floor(good.length / 2)), good.split(p.a).join(p.b), ""]) {
      writeFileSync(indexFile(p.a), bad);
      expect(await same(p)).toBe(0);
    }
    expect(await same(p)).toBe(RUNS - 1);
  });

  it("a checkout of an older commit", async () => {
    const file = finishedManifest(p.a);
    const old = (await git(p.a, "rev-parse", "HEAD")).trim();
    await both(p, async (root) => {
      editInPlace(root, file, `"status": "completed"`, `"status": "failed"   `);
      await git(root, "commit", "-q", "-am", "a finished run marked failed");
    });
    await sleep(RACY_MARGIN_MS + 200);
    await same(p);
    await sleep(RACY_MARGIN_MS + 200);
    expect(await same(p)).toBe(RUNS - 1);
    await both(p, (root) => git(root, "checkout", "-q", old).then(() => undefined));
    expect(await same(p)).toBeLessThan(RUNS - 1);
    await both(p, async (root) => {
      await git(root, "checkout", "-q", "-f", "main");
      await git(root, "reset", "-q", "--hard", "origin/main");
    });
    await sleep(RACY_MARGIN_MS + 200);
    await same(p);
  });

  it("another writer's commit, pulled", async () => {
    const writer = await cloneRepo(p.remote, path.join(p.parent, "writer"));
    const file = finishedManifest(writer);
    editInPlace(writer, file, `"status": "completed"`, `"status": "partial"  `);
    await git(writer, "commit", "-q", "-am", "another writer");
    await git(writer, "push", "-q", "origin", "HEAD:main");
    await both(p, async (root) => {
      await git(root, "checkout", "-q", "--", ".");
      await git(root, "pull", "-q", "--ff-only", "origin", "main");
    });
    expect(await same(p)).toBeLessThan(RUNS - 1);
  });
});
