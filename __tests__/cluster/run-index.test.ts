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
import { requireCluster, sbatchRaw, scancel, slurmOnPath, realScheduler, waitForSacctRow } from "../helpers/cluster.js";
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
function comparable(root: string, r: MonitorReport, withCalls = true): unknown {
  const { runs, tracked, inFlight, findings, outage, written, scheduler } = r;
  const calls = withCalls ? scheduler.calls : undefined;
  const text = JSON.stringify({ runs, tracked, inFlight, findings, outage, written, calls });
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

/** The index file as its head line and its entries (four fields each), and back (format 2). */
function readIndex(root: string): { head: string; entries: string[][] } {
  const lines = readFileSync(indexFile(root), "utf8").split("\n");
  expect(lines.pop()).toBe("");
  const end = lines.pop() as string;
  expect(end).toBe(`#end\t${lines.length - 1}`);
  const [head, ...rest] = lines;
  return { head, entries: rest.map((l) => l.split("\t")) };
}

function writeIndex(root: string, doc: { head: string; entries: string[][] }): void {
  const body = doc.entries.map((e) => e.join("\t") + "\n").join("");
  writeFileSync(indexFile(root), `${doc.head}\n${body}#end\t${doc.entries.length}\n`);
}

const askedAgain = (log: string[]) => log.some((l) => l.includes("asked ahead is not this tick's"));
const askedAhead = (log: string[]) => log.some((l) => l.startsWith("scheduler: asking ahead"));

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
    // Both checkouts must see the same scheduler answer: a tick that ran before slurmdbd
    // recorded the new job saw no sacct row (no exit code) while the next one saw it.
    await waitForSacctRow(jobId);
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

  it("an idle tick leaves an unchanged index as it is; a hand-edited index is rewritten, never trusted over the files", async () => {
    const stamp = () => {
      const st = statSync(indexFile(p.a));
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    };
    const before = stamp();
    const text = readFileSync(indexFile(p.a), "utf8");
    expect(await same(p)).toBe(RUNS - 1);
    expect(stamp()).toBe(before); // not rewritten: nothing in it changed
    const doc = readIndex(p.a);
    expect(readFileSync(indexFile(p.a), "utf8")).toBe(text);
    // One entry dropped: that run is read, and the index gets it back.
    writeIndex(p.a, { ...doc, entries: doc.entries.slice(1) });
    expect(await same(p)).toBe(RUNS - 2);
    expect(readIndex(p.a)).toEqual(doc);
    // One entry's ledger line changed (stamp kept): read again, the true line recorded.
    const wrongLine = doc.entries.map((e, i) => (i === 0 ? [e[0], e[1], e[2], `${e[3]} x`] : e));
    writeIndex(p.a, { ...doc, entries: wrongLine });
    expect(await same(p)).toBe(RUNS - 2);
    expect(readIndex(p.a)).toEqual(doc);
    // One entry's stamp changed: read again, the true stamp recorded.
    const wrongStamp = doc.entries.map((e, i) => (i === 0 ? [e[0], `1:${e[1]}`, e[2], e[3]] : e));
    writeIndex(p.a, { ...doc, entries: wrongStamp });
    expect(await same(p)).toBe(RUNS - 2);
    expect(readIndex(p.a)).toEqual(doc);
    // One entry's run id changed (stamp kept): that entry is not trusted for another run.
    const wrongRun = doc.entries.map((e, i) => (i === 0 ? [e[0], e[1], `${e[2]}x`, e[3]] : e));
    writeIndex(p.a, { ...doc, entries: wrongRun });
    expect(await same(p)).toBe(RUNS - 2);
    expect(readIndex(p.a)).toEqual(doc);
    expect(await same(p)).toBe(RUNS - 1);
  });

  it("the question left for the next tick is asked ahead, and asked again whenever it is not the tick's own", async () => {
    // Idle: the question the index holds is the tick's, one sacct + one squeue in all.
    let ta = await tick(p.a, true);
    let tb = await tick(p.b, false);
    expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
    expect(askedAhead(ta.log)).toBe(true);
    expect(askedAgain(ta.log)).toBe(false);
    expect(ta.report.scheduler.calls).toBe(2);
    expect(readIndex(p.a).head).toContain(`"next":{"ids":["${jobId}"],"since":`);
    // The ledger rewritten (as a launch or a pull does): the question is not asked ahead, but once, after discovery.
    await both(p, (root) => {
      const ledger = path.join(root, "docs/slurm_job_list.md");
      const text = readFileSync(ledger);
      rmSync(ledger);
      writeFileSync(ledger, text);
    });
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
    expect(askedAhead(ta.log)).toBe(false);
    expect(ta.report.scheduler.calls).toBe(2);
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
    expect(askedAhead(ta.log)).toBe(true);
    // A hand-edited question (another job): not used; the tick asks its own (the calls counted), same result.
    const doc = readIndex(p.a);
    writeIndex(p.a, { ...doc, head: doc.head.replace(`"ids":["${jobId}"]`, `"ids":["1"]`) });
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(askedAgain(ta.log)).toBe(true);
    expect(ta.report.scheduler.calls).toBe(4);
    expect(comparable(p.a, ta.report, false)).toEqual(comparable(p.b, tb.report, false));
    expect(readIndex(p.a)).toEqual(doc); // the true question recorded again
    // The run in flight changed by hand (launched an hour earlier: another time bound): asked again.
    const inFlight = (root: string) => {
      const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
      const runId = new RegExp(`job_id=${jobId} \\| iteration_id=(\\S+) \\| run_id=(\\S+) `).exec(ledger)!;
      return path.join(root, "experiments/in_progress", runId[1], "runs", runId[2], "run_manifest.json");
    };
    await both(p, (root) => {
      const m = JSON.parse(readFileSync(inFlight(root), "utf8")) as Record<string, unknown> & {
        timestamps: { started_at: string };
      };
      const earlier = new Date(Date.parse(m.timestamps.started_at) - 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
      m.timestamps.started_at = earlier;
      m.started_at = earlier;
      writeFileSync(inFlight(root), JSON.stringify(m, null, 2) + "\n");
    });
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(askedAgain(ta.log)).toBe(true);
    expect(comparable(p.a, ta.report, false)).toEqual(comparable(p.b, tb.report, false));
    expect([await fingerprint(p.a)]).toEqual([await fingerprint(p.b)]);
    // The next tick asks the new question ahead, once.
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(askedAgain(ta.log)).toBe(false);
    expect(comparable(p.a, ta.report)).toEqual(comparable(p.b, tb.report));
    // Put the manifest back (a checkout: the run's launch time changes again, so the question too).
    await both(p, async (root) => {
      await git(root, "checkout", "-q", "--", ".");
    });
    await sleep(RACY_MARGIN_MS + 200);
    ta = await tick(p.a, true);
    tb = await tick(p.b, false);
    expect(comparable(p.a, ta.report, false)).toEqual(comparable(p.b, tb.report, false));
    await sleep(RACY_MARGIN_MS + 200);
    await same(p);
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
