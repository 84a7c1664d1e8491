/** domain/lock.ts: when a checkout lock is held, as a table (issue 10, item 8). */
import { describe, expect, it } from "vitest";
import { describeLock, LOCK_LIMITS, lockVerdict, type LockProbe, type LockRecord } from "../../src/domain/lock.js";

const NOW = Date.parse("2026-01-02T12:00:00Z");
const rec = (extra: Partial<LockRecord> = {}): LockRecord => ({
  pid: 4242,
  host: "login1",
  boot_id: "boot-a",
  start_time: "1000",
  at: "2026-01-02T11:55:00Z",
  ...extra,
});
const probe = (extra: Partial<LockProbe> = {}): LockProbe => ({
  host: "login1",
  bootId: "boot-a",
  process: { alive: true, startTime: "1000" },
  nowMs: NOW,
  fileAgeMs: 300_000,
  ...extra,
});
const HOUR = 3600_000;

describe("lockVerdict", () => {
  it.each<[string, LockRecord | undefined, Partial<LockProbe>, boolean, RegExp?]>([
    ["its live owner, same start time", rec(), {}, true],
    ["pid gone", rec(), { process: { alive: false } }, false, /process 4242 is gone/],
    ["pid reused by another process", rec(), { process: { alive: true, startTime: "2000" } }, false, /another process/],
    ["taken before a reboot", rec(), { bootId: "boot-b" }, false, /rebooted/],
    ["no boot id known here: start time decides", rec(), { bootId: undefined }, true],
    ["released", rec({ released_at: "2026-01-02T11:56:00Z" }), {}, false, /released at/],
    ["no start time recorded (older version), young", rec({ start_time: undefined }), {}, true],
    [
      "no start time recorded, older than the limit",
      rec({ start_time: undefined, at: new Date(NOW - LOCK_LIMITS.unprovenMs - 1000).toISOString() }),
      {},
      false,
      /cannot be proven/,
    ],
    ["no /proc here (start time unknown), young", rec(), { process: { alive: true } }, true],
    ["another host, young", rec({ host: "login2" }), { process: undefined }, true],
    [
      "another host, older than 6 h",
      rec({ host: "login2", at: new Date(NOW - 7 * HOUR).toISOString() }),
      { process: undefined },
      false,
      /another host 7 h ago/,
    ],
    ["another host, no time", rec({ host: "login2", at: undefined }), { process: undefined }, false, /unknown time/],
    ["unreadable, just written", undefined, { fileAgeMs: 1000 }, true],
    ["unreadable, old", undefined, { fileAgeMs: 120_000 }, false, /unreadable/],
    ["no pid", { host: "login1" }, { fileAgeMs: 120_000 }, false, /unreadable/],
  ])("%s", (_name, r, p, held, why) => {
    const v = lockVerdict(r, probe(p));
    expect(v.held).toBe(held);
    if (!v.held && why) expect(v.why).toMatch(why);
  });
});

describe("describeLock", () => {
  it("names pid, host, start time, boot id, when and how long ago", () => {
    expect(describeLock(rec(), NOW)).toBe(
      "pid 4242 on host login1 (start time 1000, boot id boot-a), taken 2026-01-02T11:55:00Z, 5 min ago",
    );
    expect(describeLock(undefined, NOW)).toBe("an unreadable lock");
    expect(describeLock({ pid: 1, host: "h" }, NOW)).toBe("pid 1 on host h");
  });
});
