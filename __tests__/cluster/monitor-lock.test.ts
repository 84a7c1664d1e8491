/**
 * The checkout lock (store/lock.ts) with real processes (issue 10, item 8): a
 * lock left by a dead process, by a pid that now belongs to another process
 * (simulated with our own pid and a wrong start time), or from before a
 * reboot (another boot id) is taken over and named; a lock of a live process
 * refuses and names its owner; 8 real processes racing for one stale lock:
 * exactly one takes it. Needs no cluster (Linux /proc only).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { monitor } from "../../src/commands/monitor/index.js";
import { procStat, takeMonitorLock } from "../../src/store/lock.js";
import { AutolabError, type Finding } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { realScheduler } from "../helpers/cluster.js";

const PROJECT = path.resolve(__dirname, "../..");
const BOOT_ID = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

/** A checkout-less work dir: the lock lives in `.autolab/monitor.lock`. */
function workDir(): { root: string; lockDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "autolab-lock-"));
  return { root, lockDir: path.join(root, ".autolab", "monitor.lock") };
}

/** Plant generation 1 of the lock with `rec`, as a tick that never released it leaves it. */
function plant(lockDir: string, rec: Record<string, unknown>): void {
  mkdirSync(lockDir, { recursive: true });
  writeFileSync(path.join(lockDir, "g000000000001.json"), JSON.stringify(rec) + "\n");
}

function deadPid(): number {
  const r = spawnSync("true");
  return r.pid;
}

function generationsOf(lockDir: string): string[] {
  return readdirSync(lockDir)
    .filter((n) => /^g\d+\.json$/.test(n))
    .sort();
}

async function take(root: string, now = new Date()): Promise<{ release: () => Promise<void>; found: Finding[] }> {
  const found: Finding[] = [];
  const release = await takeMonitorLock(root, false, now, (f) => found.push(f));
  return { release, found };
}

describe("the checkout lock: stale locks are taken over, live ones refuse (issue 10, item 8)", () => {
  it("a lock left by a dead process is taken over, with a warning that names it; release frees it", async () => {
    const { root, lockDir } = workDir();
    const pid = deadPid();
    plant(lockDir, { pid, host: os.hostname(), boot_id: BOOT_ID, start_time: "12345", at: "2026-01-01T00:00:00Z" });
    const { release, found } = await take(root);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", check: "monitor.lock" });
    expect(found[0].message).toContain(`pid ${pid} on host ${os.hostname()} (start time 12345`);
    expect(found[0].message).toContain("taken 2026-01-01T00:00:00Z");
    expect(found[0].message).toContain(`process ${pid} is gone`);
    expect(generationsOf(lockDir)).toEqual(["g000000000002.json"]);
    const mine = JSON.parse(readFileSync(path.join(lockDir, "g000000000002.json"), "utf8"));
    expect(mine).toMatchObject({ pid: process.pid, host: os.hostname(), boot_id: BOOT_ID });
    expect(mine.start_time).toBe(procStat(process.pid)?.startTime);

    // Held by us now: a second taker (this very process) is refused.
    await expect(take(root)).rejects.toThrow(/held by pid \d+ on host/);
    await release();
    // Released: the next one takes it without a finding.
    const again = await take(root);
    expect(again.found).toEqual([]);
    expect(generationsOf(lockDir)).toEqual(["g000000000003.json"]);
    await again.release();
  });

  it("a live pid whose start time differs (pid reused: our own pid, a wrong start time) is taken over", async () => {
    const { root, lockDir } = workDir();
    plant(lockDir, {
      pid: process.pid,
      host: os.hostname(),
      boot_id: BOOT_ID,
      start_time: "1",
      at: new Date().toISOString(),
    });
    const { release, found } = await take(root);
    expect(found[0].message).toMatch(new RegExp(`pid ${process.pid} now belongs to another process`));
    await release();
  });

  it("a lock from before a reboot (another boot id) is taken over even though its pid is alive", async () => {
    const { root, lockDir } = workDir();
    const start = procStat(process.pid)?.startTime;
    plant(lockDir, {
      pid: process.pid,
      host: os.hostname(),
      boot_id: "0000-old-boot",
      start_time: start,
      at: new Date().toISOString(),
    });
    const { release, found } = await take(root);
    expect(found[0].message).toMatch(/rebooted/);
    await release();
  });

  it("a lock of a live process refuses, naming pid, host, start time and age", async () => {
    const { root, lockDir } = workDir();
    const sleeper = spawn("sleep", ["60"], { stdio: "ignore" });
    children.push(sleeper);
    const start = procStat(sleeper.pid!)?.startTime;
    expect(start).toBeTruthy();
    const at = new Date(Date.now() - 90_000).toISOString().replace(/\.\d+Z$/, "Z");
    plant(lockDir, { pid: sleeper.pid, host: os.hostname(), boot_id: BOOT_ID, start_time: start, at });
    const err = await take(root).catch((e) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as Error).message).toContain(
      `held by pid ${sleeper.pid} on host ${os.hostname()} (start time ${start}`,
    );
    expect((err as Error).message).toMatch(new RegExp(`taken ${at}, 9\\d s ago`));
    expect(generationsOf(lockDir)).toEqual(["g000000000001.json"]);
    sleeper.kill("SIGKILL");
    await new Promise((r) => sleeper.once("exit", r));
    const { release, found } = await take(root);
    expect(found[0].message).toContain(`process ${sleeper.pid} is gone`);
    await release();
  });

  it("a lock file of the previous format with a dead pid is replaced; with a live pid it refuses", async () => {
    const { root, lockDir } = workDir();
    mkdirSync(path.dirname(lockDir), { recursive: true });
    const pid = deadPid();
    writeFileSync(lockDir, JSON.stringify({ pid, host: os.hostname(), at: "2026-01-01T00:00:00Z" }) + "\n");
    const { release, found } = await take(root);
    expect(found[0].message).toContain(`pid ${pid}`);
    expect(lstatSync(lockDir).isDirectory()).toBe(true);
    await release();

    const other = workDir();
    mkdirSync(path.dirname(other.lockDir), { recursive: true });
    writeFileSync(
      other.lockDir,
      JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }) + "\n",
    );
    await expect(take(other.root)).rejects.toThrow(new RegExp(`held by pid ${process.pid}`));
  });

  it("the monitor reports a lock it took over", async () => {
    const { root, lockDir } = workDir();
    const pid = deadPid();
    plant(lockDir, { pid, host: os.hostname(), boot_id: BOOT_ID, start_time: "7", at: "2026-01-01T00:00:00Z" });
    const rep = await monitor({ scheduler: realScheduler(), cwd: root, commit: false }); // nothing to ask: never called
    const f = rep.findings.find((x) => x.check === "monitor.lock");
    expect(f?.message).toContain(`pid ${pid}`);
    expect(existsSync(path.join(lockDir, "g000000000002.json"))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(lockDir, "g000000000002.json"), "utf8")).released_at).toBeTruthy();
  });

  it("8 real processes race for one stale lock: exactly one takes it, the others are refused naming the winner", async () => {
    const { root, lockDir } = workDir();
    plant(lockDir, {
      pid: deadPid(),
      host: os.hostname(),
      boot_id: BOOT_ID,
      start_time: "5",
      at: "2026-01-01T00:00:00Z",
    });
    const script = path.join(root, "racer.mts");
    writeFileSync(
      script,
      `import { readdirSync, writeFileSync } from "node:fs";
import { takeMonitorLock } from ${JSON.stringify(pathToFileURL(path.join(PROJECT, "src/store/lock.ts")).href)};
const [root, barrier] = process.argv.slice(2);
const count = (prefix) => readdirSync(barrier).filter((f) => f.startsWith(prefix)).length;
const until = async (cond) => {
  const deadline = Date.now() + 90_000;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
};
// A barrier, not a clock: all 8 have started (however slow the machine) before any tries.
writeFileSync(barrier + "/arrived." + process.pid, "");
await until(() => count("arrived.") === 8);
try {
  const release = await takeMonitorLock(root, false, new Date());
  process.stdout.write(JSON.stringify({ won: true, pid: process.pid }));
  // Held until the 7 others have been refused, so none can find it released.
  await until(() => count("refused.") === 7);
  await release();
} catch (e) {
  process.stdout.write(JSON.stringify({ won: false, pid: process.pid, message: e.message }));
  writeFileSync(barrier + "/refused." + process.pid, "");
}
`,
    );
    const barrier = path.join(root, "barrier");
    mkdirSync(barrier);
    const outs = await Promise.all(
      Array.from({ length: 8 }, () =>
        runArgv(process.execPath, ["--import", "tsx", script, root, barrier], { cwd: PROJECT, timeoutMs: 150_000 }),
      ),
    );
    for (const o of outs) expect(o.stderr).toBe("");
    const results = outs.map((o) => JSON.parse(o.stdout) as { won: boolean; pid: number; message?: string });
    const winners = results.filter((r) => r.won);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.won)) expect(r.message).toContain(`held by pid ${winners[0].pid} on host`);
    const newest = generationsOf(lockDir).at(-1)!;
    expect(JSON.parse(readFileSync(path.join(lockDir, newest), "utf8"))).toMatchObject({ pid: winners[0].pid });
    expect(generationsOf(lockDir)).toHaveLength(1);
  }, 200_000);

  it("8 real processes taking and releasing it 20 times each: never two holders at once (a counter updated under the lock loses no step)", async () => {
    const { root, lockDir } = workDir();
    const counter = path.join(root, "counter");
    writeFileSync(counter, "0");
    const script = path.join(root, "worker.mts");
    writeFileSync(
      script,
      `import { readFileSync, writeFileSync } from "node:fs";
import { takeMonitorLock } from ${JSON.stringify(pathToFileURL(path.join(PROJECT, "src/store/lock.ts")).href)};
const [root, counter, goAt] = process.argv.slice(2);
while (Date.now() < Number(goAt)) await new Promise((r) => setTimeout(r, 2));
let wins = 0;
while (wins < 20) {
  let release;
  try {
    release = await takeMonitorLock(root, false, new Date());
  } catch {
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    continue;
  }
  const n = Number(readFileSync(counter, "utf8"));
  await new Promise((r) => setTimeout(r, 1));
  writeFileSync(counter, String(n + 1));
  wins++;
  await release();
}
process.stdout.write(String(wins));
`,
    );
    const goAt = String(Date.now() + 5000);
    const outs = await Promise.all(
      Array.from({ length: 8 }, () =>
        runArgv(process.execPath, ["--import", "tsx", script, root, counter, goAt], {
          cwd: PROJECT,
          timeoutMs: 90_000,
        }),
      ),
    );
    for (const o of outs) expect(o.stderr).toBe("");
    expect(outs.map((o) => o.stdout)).toEqual(Array(8).fill("20"));
    expect(readFileSync(counter, "utf8")).toBe("160");
    expect(generationsOf(lockDir)).toHaveLength(1);
  });
});
