/** The scheduler's state sets (src/scheduler/states.ts) as tables. */
import { describe, expect, it } from "vitest";
import {
  COMPACT_STATES,
  FAILED_STATES,
  isTerminalState,
  neverStarts,
  NEVER_STARTS_REASONS,
  normalizeState,
  PENDING_STATES,
  RUNNING_STATES,
  REVOKED_STATE,
} from "../../src/scheduler/states.js";

describe("state sets", () => {
  it("pending, running and failed do not overlap, and only failed (and COMPLETED) are terminal", () => {
    const all = [...PENDING_STATES, ...RUNNING_STATES, ...Object.keys(FAILED_STATES)];
    expect(new Set(all).size).toBe(all.length);
    for (const s of [...PENDING_STATES, ...RUNNING_STATES]) expect(isTerminalState(s)).toBe(false);
    for (const s of Object.keys(FAILED_STATES)) expect(isTerminalState(s)).toBe(true);
    expect(isTerminalState("COMPLETED")).toBe(true);
  });

  it("every compact code names a known state", () => {
    const known = new Set([
      ...PENDING_STATES,
      ...RUNNING_STATES,
      ...Object.keys(FAILED_STATES),
      "COMPLETED",
      REVOKED_STATE,
    ]);
    for (const full of Object.values(COMPACT_STATES)) expect(known.has(full)).toBe(true);
  });

  it.each([
    ["CANCELLED by 1000", { name: "CANCELLED", by: "1000" }],
    ["cd", { name: "COMPLETED" }],
    ["PD", { name: "PENDING" }],
    ["COMPLETED+", { name: "COMPLETED" }],
    [" running ", { name: "RUNNING" }],
    ["WEIRD_NEW_STATE", { name: "WEIRD_NEW_STATE" }],
  ])("normalizeState(%j)", (raw, want) => {
    expect(normalizeState(raw)).toEqual(want);
  });
});

describe("pending reasons that never start", () => {
  it.each([
    ["PartitionNodeLimit", true],
    ["ReqNodeNotAvail, UnavailableNodes:n1", true],
    ["QOSMaxWallDurationPerJobLimit", true],
    ["JobHeldUser", true],
    ["DependencyNeverSatisfied", true],
    ["Priority", false],
    ["Resources", false],
    ["BeginTime", false],
    ["Dependency", false],
    ["None", false],
    ["", false],
  ])("%j -> %s", (reason, want) => {
    expect(neverStarts(reason)).toBe(want);
  });

  it("undefined is not a reason", () => {
    expect(neverStarts(undefined)).toBe(false);
  });

  it("the list holds each reason once", () => {
    expect(new Set(NEVER_STARTS_REASONS).size).toBe(NEVER_STARTS_REASONS.length);
  });
});
