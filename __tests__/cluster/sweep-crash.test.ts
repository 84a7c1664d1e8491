/**
 * Crash recovery of a sweep launch (issue 12: "idempotent like a single
 * launch: a retried sweep launch never submits a second array"), against the
 * real SLURM dev cluster and real git: a keyed `autolab launch` of a `sweep:`
 * design is SIGKILLed right after an array's sbatch created the array, before
 * autolab read its job id. The rerun with the same launch key must find the
 * array by its job name and adopt it (no second array, as sacct and squeue
 * see it by name), write every task's manifest and ledger line once, and
 * commit once. On autolab-dev2 (MaxArraySize=5) a 3-chunk sweep killed after
 * its 2nd chunk's sbatch: the rerun adopts that chunk and submits only the
 * missing 3rd. And a fresh clone (another runner: no journal) of the branch
 * that has the keyed sweep's records relaunches with the key: that sweep is
 * reused, nothing submitted, nothing committed; and a fresh clone after a
 * crash (no record anywhere) finds the array by the key's job name and adopts
 * it under the sweep its submit line names. The CLI runs as a real child
 * process.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import { canonicalLine, parseLedger } from "../../src/ledger/ledger.js";
import { keyJobName } from "../../src/store/journal.js";
import { runsOfJobs } from "../../src/scheduler/slurm-cli/submit.js";
import { runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";
import { cliChild as cli, readJournalEntries } from "../helpers/crash.js";
import { clusterUp } from "../helpers/cluster.js";

const LEDGER = "docs/slurm_job_list.md";
const DEV2 = "autolab-dev2";

const up = clusterUp();
if (!up) {
  console.warn(
    "\n*** sweep-crash.test.ts: SKIPPED — the SLURM dev cluster is not up (`sinfo` does not answer). " +
      "Start it with `bash scripts/dev-cluster.sh start`. ***\n",
  );
}

let tmp: string;
let counter = 0;
// Launch keys and job names are cluster-wide (accounting keeps them): each test run uses its own keys.
const NONCE = randomBytes(4).toString("hex");
/** Array job ids to cancel at the end, with their cluster. */
const submitted: Array<{ id: string; cluster?: string }> = [];

async function g(cwd: string, ...args: string[]): Promise<string> {
  const r = await runArgv("git", ["-c", "safe.directory=*", ...args], {
    cwd,
    env: { LC_ALL: "C", GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined },
  });
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} in ${cwd}: ${r.stderr}`);
  return r.stdout;
}

/** A sweep design: `points` values of lr, one replicate each, short tasks. */
function sweepDesign(points: number, cluster?: string): string {
  const lrs = Array.from({ length: points }, (_, i) => String(i + 1)).join(", ");
  return [
    "compute:",
    "  location: slurm",
    '  walltime_estimate: "00:02:00"',
    "  memory_estimate: 64M",
    "  cpus_per_task: 1",
    ...(cluster ? [`  cluster: ${cluster}`] : ["  partition: debug"]),
    "entrypoint:",
    '  cli: "sleep 1"',
    "sweep:",
    `  grid: { lr: [${lrs}] }`,
    "",
  ].join("\n");
}

/** A bare remote holding the sweep iteration `sw1`, and a clone to launch from. */
async function makeRepo(designText: string): Promise<{ dir: string; remote: string; work: string }> {
  const dir = path.join(tmp, `case${++counter}`);
  await mkdir(dir, { recursive: true });
  const remote = path.join(dir, "remote.git");
  await g(dir, "init", "-q", "--bare", "-b", "main", remote);
  const seed = path.join(dir, "seed");
  await g(dir, "init", "-q", "-b", "main", seed);
  await writeFileAtomic(path.join(seed, "experiments/in_progress/sw1/design.yaml"), designText);
  await g(seed, "add", "-A");
  await g(seed, "-c", "user.name=Researcher", "-c", "user.email=r@example.org", "commit", "-q", "-m", "experiments");
  await g(seed, "remote", "add", "origin", remote);
  await g(seed, "push", "-q", "origin", "main");
  const work = path.join(dir, "work");
  await g(dir, "clone", "-q", remote, work);
  return { dir, remote, work };
}

/** Array job ids (the array's own id, tasks folded) under job name `name`, as squeue and sacct see them. */
async function arraysNamed(name: string, cluster?: string): Promise<string[]> {
  const m = cluster ? ["-M", cluster] : [];
  const ids = new Set<string>();
  const base = (s: string) => s.trim().split("_")[0];
  const sq = await runArgv("squeue", [...m, "--noheader", "--states=all", `--name=${name}`, "-o", "%i"], {
    timeoutMs: 30_000,
  });
  expect(sq.code, sq.stderr).toBe(0);
  for (const l of sq.stdout.split("\n")) if (/^\d/.test(l.trim())) ids.add(base(l));
  const sa = await runArgv(
    "sacct",
    [...m, "-X", "--noheader", "--parsable2", `--name=${name}`, "--starttime=now-1hours", "-o", "JobID"],
    { timeoutMs: 30_000 },
  );
  expect(sa.code, sa.stderr).toBe(0);
  for (const l of sa.stdout.split("\n")) if (/^\d/.test(l.trim())) ids.add(base(l));
  return [...ids].sort((a, b) => Number(a) - Number(b));
}

/**
 * `autolab launch sw1 --launch-key key` in `work`, SIGKILLed right after the
 * `killAfter`-th real sbatch of an array (before autolab read its job id).
 * Why a fake sbatch: no real program can be told to die at that instant; the
 * wrapper runs the real sbatch (so the array really exists) and then kills
 * the autolab process that called it. Version probes and `--test-only`
 * admission tests pass straight through (they carry no `--parsable`).
 */
async function launchKilledAfterSbatch(dir: string, work: string, key: string, killAfter = 1) {
  const realSbatch = (await runArgv("sh", ["-c", "command -v sbatch"])).stdout.trim();
  const fakeBin = path.join(dir, "fake-bin-kill");
  const count = path.join(dir, "sbatch-count");
  await mkdir(fakeBin, { recursive: true });
  await writeFile(
    path.join(fakeBin, "sbatch"),
    [
      "#!/bin/bash",
      'case " $* " in',
      `  *" --parsable "*) ${JSON.stringify(realSbatch)} "$@"; rc=$?; echo x >>${JSON.stringify(count)}`,
      `    if [[ $(wc -l <${JSON.stringify(count)}) -ge ${killAfter} ]]; then kill -KILL "$PPID"; fi; exit "$rc" ;;`,
      "esac",
      `exec ${JSON.stringify(realSbatch)} "$@"`,
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  return cli(["launch", "sw1", "--launch-key", key], work, { ...process.env, PATH: `${fakeBin}:${process.env.PATH}` });
}

interface Chunk {
  chunk: number;
  count: number;
  job_name: string;
  job_id?: string;
}

async function sweepRecord(work: string, sweepId: string): Promise<{ run_group: string[]; chunks: Chunk[] }> {
  return JSON.parse(
    await readFile(path.join(work, `experiments/in_progress/sw1/runs/${sweepId}/sweep_manifest.json`), "utf8"),
  );
}

async function taskManifest(work: string, runId: string): Promise<RunManifest> {
  const rel = `experiments/in_progress/sw1/runs/${runId}/run_manifest.json`;
  return (await readManifest(path.join(work, rel), rel)).data;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-sweep-crash-"));
  await chmod(tmp, 0o755);
});

afterAll(async () => {
  for (const j of submitted)
    await runArgv("scancel", [...(j.cluster ? ["-M", j.cluster] : []), j.id], { timeoutMs: 30_000 }).catch(
      () => undefined,
    );
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!up)("a keyed sweep launch killed between an array's sbatch and the commit", () => {
  it("the rerun with the same launch key adopts the array: no second array, every task recorded once, one commit", async () => {
    const r = await makeRepo(sweepDesign(3));
    const remoteBefore = (await g(r.remote, "rev-parse", "main")).trim();
    const key = `github-run:acme/lab:424242:sw1:${NONCE}`;
    const crashed = await launchKilledAfterSbatch(r.dir, r.work, key);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");

    // What the crash left: a journal entry, the sweep record without the array's id, one array; no manifest, no commit.
    const entries = await readJournalEntries(r.work);
    expect(entries).toHaveLength(1);
    const sweepId = entries[0].run_id;
    expect(entries[0]).toMatchObject({ key, iteration_id: "sw1" });
    const before = await sweepRecord(r.work, sweepId);
    expect(before.chunks).toHaveLength(1);
    expect(before.chunks[0].job_id).toBeUndefined();
    const name = before.chunks[0].job_name;
    // A keyed sweep names its array from the key, so any checkout can ask for it.
    expect(name).toBe(keyJobName(key));
    const taskIds = before.run_group;
    expect(taskIds).toEqual([`${sweepId}_0`, `${sweepId}_1`, `${sweepId}_2`]);
    for (const t of taskIds)
      expect(existsSync(path.join(r.work, `experiments/in_progress/sw1/runs/${t}/run_manifest.json`))).toBe(false);
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(remoteBefore);
    const arrays = await arraysNamed(name);
    expect(arrays).toHaveLength(1);
    submitted.push({ id: arrays[0] });

    // The rerun (real sbatch) adopts that array.
    const rerun = await cli(["launch", "sw1", "--launch-key", key], r.work);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`run_id:    ${sweepId}`);
    expect(await arraysNamed(name)).toEqual(arrays);
    expect((await sweepRecord(r.work, sweepId)).chunks[0].job_id).toBe(arrays[0]);

    const ms = await Promise.all(taskIds.map((t) => taskManifest(r.work, t)));
    expect(ms.map((m) => [m.run_id, m.status, m.job_id])).toEqual(
      taskIds.map((t, i) => [t, "submitted", `${arrays[0]}_${i}`]),
    );
    for (const m of ms) {
      expect(m.slurm).toMatchObject({ array_job_id: arrays[0], adopted: true, adopted_by: "job name", job_name: name });
      expect((m.launch as Record<string, unknown>).launch_key).toBe(key);
    }
    // One commit on the remote with every task's manifest and one ledger line each.
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");
    const ledgerText = await g(r.remote, "show", `main:${LEDGER}`);
    expect(parseLedger(ledgerText).entries.map((e) => [e.runId, e.jobId])).toEqual(
      taskIds.map((t, i) => [t, `${arrays[0]}_${i}`]),
    );
    for (const m of ms) expect(ledgerText).toContain(canonicalLine(m) + "\n");
    for (const m of ms)
      expect(
        JSON.parse(await g(r.remote, "show", `main:experiments/in_progress/sw1/runs/${m.run_id}/run_manifest.json`)),
      ).toEqual(m);

    // And once more: reused, nothing submitted, nothing committed.
    const third = await cli(["launch", "sw1", "--launch-key", key], r.work);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain("already launched; nothing submitted");
    expect(await arraysNamed(name)).toEqual(arrays);
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");
    expect(parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries).toHaveLength(3);
  }, 180_000);

  it("on autolab-dev2 (MaxArraySize=5), 3 chunks, killed after the 2nd chunk's sbatch: the rerun submits only the 3rd", async () => {
    const r = await makeRepo(sweepDesign(12, DEV2));
    const remoteBefore = (await g(r.remote, "rev-parse", "main")).trim();
    const key = `github-run:acme/lab:434343:sw1:${NONCE}`;
    const crashed = await launchKilledAfterSbatch(r.dir, r.work, key, 2);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");

    const sweepId = (await readJournalEntries(r.work))[0].run_id;
    const before = await sweepRecord(r.work, sweepId);
    expect(before.chunks.map((c) => [c.chunk, c.count])).toEqual([
      [0, 5],
      [1, 5],
      [2, 2],
    ]);
    // Chunk 0 got its id; chunk 1's array exists without one; chunk 2 was never submitted.
    expect(before.chunks[0].job_id).toMatch(/^\d+$/);
    expect(before.chunks[1].job_id).toBeUndefined();
    const names = before.chunks.map((c) => c.job_name);
    expect(names).toEqual([keyJobName(key), `${keyJobName(key)}_c1`, `${keyJobName(key)}_c2`]);
    const a0 = await arraysNamed(names[0], DEV2);
    const a1 = await arraysNamed(names[1], DEV2);
    expect(a0).toEqual([before.chunks[0].job_id]);
    expect(a1).toHaveLength(1);
    expect(await arraysNamed(names[2], DEV2)).toEqual([]);
    submitted.push({ id: a0[0], cluster: DEV2 }, { id: a1[0], cluster: DEV2 });

    const rerun = await cli(["launch", "sw1", "--launch-key", key], r.work);
    expect(rerun.code, rerun.stderr).toBe(0);
    const a2 = await arraysNamed(names[2], DEV2);
    submitted.push(...a2.map((id) => ({ id, cluster: DEV2 })));
    expect(a2).toHaveLength(1);
    expect(await arraysNamed(names[0], DEV2)).toEqual(a0);
    expect(await arraysNamed(names[1], DEV2)).toEqual(a1);
    const after = await sweepRecord(r.work, sweepId);
    expect(after.chunks.map((c) => c.job_id)).toEqual([a0[0], a1[0], a2[0]]);

    const byChunk = [a0[0], a1[0], a2[0]];
    const ms = await Promise.all(after.run_group.map((t) => taskManifest(r.work, t)));
    expect(ms).toHaveLength(12);
    expect(ms.map((m) => m.job_id)).toEqual(
      after.chunks.flatMap((c) => Array.from({ length: c.count }, (_, i) => `${byChunk[c.chunk]}_${i}`)),
    );
    for (const m of ms) expect(m.slurm).toMatchObject({ cluster: DEV2 });
    // Only the chunk found by name is marked adopted.
    expect(ms.map((m) => (m.slurm as { adopted?: boolean }).adopted === true)).toEqual(
      after.chunks.flatMap((c) => Array.from({ length: c.count }, () => c.chunk === 1)),
    );
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");
    const ledger = parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => e.runId)).toEqual(after.run_group);
  }, 240_000);
});

describe.skipIf(!up)("one launch key, another checkout (issue 12)", () => {
  it("a clone that pulled the keyed sweep's records relaunches with the same key: reused, no second array", async () => {
    const r = await makeRepo(sweepDesign(2));
    const key = `github-run:acme/lab:454545:sw1:${NONCE}`;
    const first = await cli(["launch", "sw1", "--launch-key", key], r.work);
    expect(first.code, first.stderr).toBe(0);
    const sweepId = /run_id:\s+(\S+)/.exec(first.stdout)?.[1] ?? "";
    const rec = await sweepRecord(r.work, sweepId);
    const name = rec.chunks[0].job_name;
    const arrays = await arraysNamed(name);
    expect(arrays).toEqual([rec.chunks[0].job_id]);
    submitted.push({ id: arrays[0] });
    const afterFirst = (await g(r.remote, "rev-parse", "main")).trim();

    // A workflow re-run on another runner: a fresh clone of the branch with the sweep's records, no journal.
    const other = path.join(r.dir, "other");
    await g(r.dir, "clone", "-q", r.remote, other);
    expect(await readJournalEntries(other)).toEqual([]);
    const again = await cli(["launch", "sw1", "--launch-key", key], other);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`run_id:    ${sweepId}`);
    expect(again.stdout).toContain("already launched; nothing submitted");
    const runs = (await readdir(path.join(other, "experiments/in_progress/sw1/runs"))).sort();
    expect(runs).toEqual([sweepId, ...rec.run_group].sort());
    expect(await arraysNamed(name)).toEqual(arrays);
    // Nothing to commit: the scripts as submitted (the first clone's paths) stay as they are.
    expect((await g(r.remote, "rev-parse", "main")).trim()).toBe(afterFirst);
    expect(await g(other, "status", "--porcelain")).toBe("");
    const ledger = parseLedger(await g(r.remote, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => e.runId)).toEqual(rec.run_group);
  }, 180_000);
});

describe.skipIf(!up)("one launch key, a crash, another checkout (issue 12)", () => {
  it("the runner died right after the array's sbatch: a fresh clone with the same key adopts the array", async () => {
    const r = await makeRepo(sweepDesign(2));
    const remoteBefore = (await g(r.remote, "rev-parse", "main")).trim();
    const key = `github-run:acme/lab:464646:sw1:${NONCE}`;
    const crashed = await launchKilledAfterSbatch(r.dir, r.work, key);
    expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
    const sweepId = (await readJournalEntries(r.work))[0].run_id;
    const name = (await sweepRecord(r.work, sweepId)).chunks[0].job_name;
    const arrays = await arraysNamed(name);
    expect(arrays).toHaveLength(1);
    submitted.push({ id: arrays[0] });
    // The re-run comes after the array has ended: only accounting knows it then (its submit line names the sweep).
    await until(async () => {
      const q = await runArgv("squeue", ["--noheader", "-j", arrays[0], "-o", "%i"], { timeoutMs: 30_000 });
      return q.code === 0 && q.stdout.trim() === "" ? true : undefined;
    }, `array ${arrays[0]} gone from the queue`);

    const fresh = path.join(r.dir, "fresh");
    await g(r.dir, "clone", "-q", r.remote, fresh);
    const res = await cli(["launch", "sw1", "--launch-key", key], fresh);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`run_id:    ${sweepId}`);
    expect(await arraysNamed(name)).toEqual(arrays);
    const ms = await Promise.all([0, 1].map((i) => taskManifest(fresh, `${sweepId}_${i}`)));
    expect(ms.map((m) => [m.job_id, (m.slurm as { adopted?: boolean }).adopted])).toEqual([
      [`${arrays[0]}_0`, true],
      [`${arrays[0]}_1`, true],
    ]);
    expect((await g(r.remote, "rev-list", "--count", `${remoteBefore}..main`)).trim()).toBe("1");
    // Once the controller has forgotten the array (MinJobAge), accounting alone names its sweep: its
    // task rows and the submit line's script path (an array's --export carries no run id).
    // slurmdbd records an ended array's task rows and submit line a moment after the controller ends it
    // (a bare `14|` row first, seen on an idle dev cluster); by MinJobAge it has long had them.
    await until(async () => {
      const sa = await runArgv("sacct", [
        "--noheader",
        "--parsable2",
        "--allocations",
        `--jobs=${arrays[0]}`,
        "--format=JobID,SubmitLine",
      ]);
      const rows = sa.stdout
        .trim()
        .split("\n")
        .filter((l) => /^\d+_\d+\|.*run_slurm\.sbatch$/.test(l.trim()));
      return sa.code === 0 && rows.length === 2 ? true : undefined;
    }, `accounting records array ${arrays[0]}'s two tasks`);
    const fromAccounting = await runsOfJobs(arrays, { bins: { squeue: "false" }, timeoutMs: 30_000 });
    expect(fromAccounting).toEqual({ [arrays[0]]: { runId: sweepId, iterationId: "sw1" } });
  }, 180_000);
});
