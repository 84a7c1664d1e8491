/** domain/run-index.ts as tables: which runs a tick reads, what it records, and which index files it trusts. */
import { describe, expect, it } from "vitest";
import {
  entryFor,
  parseRunIndex,
  parseRunIndexFile,
  planRead,
  RUN_INDEX_FORMAT,
  RACY_MARGIN_MS,
  sameIndex,
  sameQuestion,
  serializeRunIndex,
  stampKey,
  type RunIndex,
} from "../../src/domain/run-index.js";

const ID = { root: "/repo", probe: "0.1.0 - 2000-01-01 | job_id=1 | ..." };
const FILE = "experiments/done/it/runs/r1/run_manifest.json";
const STAMP = { ino: 7, size: 100, mtimeMs: 1000.5, ctimeMs: 1000.5 };
const LINE = "- 2026-01-01 | job_id=5 | iteration_id=it | run_id=r1 | status=completed";
const index = (line: string | null = LINE): RunIndex =>
  new Map([[FILE, { stamp: stampKey(STAMP), runId: "r1", line }]]);
const ledger =
  (lines: Record<string, string>) =>
  (id: string): string | undefined =>
    lines[id];

describe("planRead: a run is taken from the index only when nothing about it changed", () => {
  const cases: Array<[string, Parameters<typeof planRead>, boolean | string]> = [
    [
      "unchanged, metrics there, ledger line as recorded",
      [{ file: FILE, stamp: STAMP, hasMetrics: true }, index(), ledger({ r1: LINE })],
      false,
    ],
    [
      "no index (missing or doubtful)",
      [{ file: FILE, stamp: STAMP, hasMetrics: true }, undefined, ledger({ r1: LINE })],
      "no index",
    ],
    [
      "reached through a link (no stamp)",
      [{ file: FILE, hasMetrics: true }, index(), ledger({ r1: LINE })],
      "no stamp",
    ],
    [
      "a run the index does not know",
      [
        { file: "experiments/done/it/runs/r2/run_manifest.json", stamp: STAMP, hasMetrics: true },
        index(),
        ledger({ r1: LINE }),
      ],
      "not indexed",
    ],
    [
      "edited in place (ctime moved, size and mtime kept)",
      [{ file: FILE, stamp: { ...STAMP, ctimeMs: 5000 }, hasMetrics: true }, index(), ledger({ r1: LINE })],
      "changed",
    ],
    [
      "replaced (new inode: checkout, pull, atomic write)",
      [{ file: FILE, stamp: { ...STAMP, ino: 8 }, hasMetrics: true }, index(), ledger({ r1: LINE })],
      "changed",
    ],
    [
      "grew",
      [{ file: FILE, stamp: { ...STAMP, size: 101 }, hasMetrics: true }, index(), ledger({ r1: LINE })],
      "changed",
    ],
    [
      "touched",
      [{ file: FILE, stamp: { ...STAMP, mtimeMs: 1000.6 }, hasMetrics: true }, index(), ledger({ r1: LINE })],
      "changed",
    ],
    [
      "metrics.json deleted (the run needs extracting again)",
      [{ file: FILE, stamp: STAMP, hasMetrics: false }, index(), ledger({ r1: LINE })],
      "no metrics",
    ],
    [
      "ledger line edited",
      [{ file: FILE, stamp: STAMP, hasMetrics: true }, index(), ledger({ r1: LINE.replace("completed", "failed") })],
      "ledger line differs",
    ],
    [
      "ledger line removed",
      [{ file: FILE, stamp: STAMP, hasMetrics: true }, index(), ledger({})],
      "ledger line differs",
    ],
    [
      "a run with no ledger line (local): the ledger does not matter",
      [{ file: FILE, stamp: STAMP, hasMetrics: true }, index(null), ledger({})],
      false,
    ],
  ];
  it.each(cases)("%s", (_name, args, want) => {
    const plan = planRead(...args);
    if (want === false) expect(plan).toEqual({ read: false, entry: args[1]!.get(FILE) });
    else expect(plan).toEqual({ read: true, why: want });
  });
});

describe("entryFor: only stamps older than the racy margin are recorded", () => {
  const at = 100_000;
  const cases: Array<[string, Parameters<typeof entryFor>[0], boolean]> = [
    ["changed long before the read", { ino: 1, size: 1, mtimeMs: at - 60_000, ctimeMs: at - 60_000 }, true],
    ["modified within the margin", { ino: 1, size: 1, mtimeMs: at - RACY_MARGIN_MS + 1, ctimeMs: at - 60_000 }, false],
    [
      "ctime within the margin (chmod, in-place edit with mtime reset)",
      { ino: 1, size: 1, mtimeMs: at - 60_000, ctimeMs: at - 10 },
      false,
    ],
    ["exactly at the margin", { ino: 1, size: 1, mtimeMs: at - RACY_MARGIN_MS, ctimeMs: at - RACY_MARGIN_MS }, false],
    ["in the future (clock skew)", { ino: 1, size: 1, mtimeMs: at + 5000, ctimeMs: at + 5000 }, false],
    ["no stamp", undefined, false],
  ];
  it.each(cases)("%s", (_n, stamp, recorded) => {
    const e = entryFor(stamp, at, "r1", LINE);
    if (recorded) expect(e).toEqual({ stamp: stampKey(stamp!), runId: "r1", line: LINE });
    else expect(e).toBeUndefined();
  });
});

describe("parseRunIndex: anything doubtful is no index", () => {
  const good = serializeRunIndex(index(), ID);
  const Q = { ids: ["5", "6;other"], since: 1_000_000 };
  it("round-trips", () => {
    expect(parseRunIndex(good, ID)).toEqual(index());
    expect(parseRunIndex(serializeRunIndex(index(null), ID), ID)).toEqual(index(null));
    expect(parseRunIndex(serializeRunIndex(new Map(), ID), ID)).toEqual(new Map());
    expect(parseRunIndexFile(serializeRunIndex(index(), ID, Q), ID)).toEqual({ entries: index(), next: Q });
    expect(parseRunIndexFile(serializeRunIndex(index(), ID, { ids: ["5"] }), ID)).toEqual({
      entries: index(),
      next: { ids: ["5"] },
    });
  });
  const entry = `${FILE}\t${stampKey(STAMP)}\tr1\t${LINE}\n`;
  const bad: Array<[string, string | undefined]> = [
    ["missing", undefined],
    ["empty", ""],
    ["not the format", "{not json"],
    ["format 1 (JSON)", JSON.stringify({ format: 1, root: "/repo", probe: ID.probe, entries: [] }) + "\n"],
    ["truncated", good.slice(0, good.length - 5)],
    ["truncated at a line end (the end line missing)", good.slice(0, good.indexOf("#end"))],
    ["an array", "[]"],
    ["another format", good.replace(`"format":${RUN_INDEX_FORMAT}`, `"format":${RUN_INDEX_FORMAT + 1}`)],
    ["another checkout", good.replace('"root":"/repo"', '"root":"/other"')],
    ["another tool (its ledger line differs)", good.replace(ID.probe, "0.2.0 other")],
    ["an entry with a field missing", good.replace(`\tr1\t`, "\t")],
    ["an entry with a field more", good.replace(`\tr1\t`, "\tr1\tx\t")],
    ["a path twice", good.replace(entry, entry + entry).replace("#end\t1", "#end\t2")],
    ["the count wrong", good.replace("#end\t1", "#end\t2")],
    ["text after the end line", good + entry],
    ["a next question of the wrong shape", serializeRunIndex(index(), ID, Q).replace('"ids":["5"', '"ids":[5')],
    ["a next question's bound not a number", serializeRunIndex(index(), ID, Q).replace("1000000", '"x"')],
  ];
  it.each(bad)("%s", (_n, text) => {
    expect(parseRunIndex(text, ID)).toBeUndefined();
  });
  it("an entry the line format cannot hold is never recorded (that run is read every tick)", () => {
    const old = { ino: 1, size: 1, mtimeMs: 0, ctimeMs: 0 };
    expect(entryFor(old, 100_000, "r\t1", null)).toBeUndefined();
    expect(entryFor(old, 100_000, "r1", "a\nb")).toBeUndefined();
    expect(entryFor(old, 100_000, "rü", null)).toBeUndefined();
    expect(entryFor(old, 100_000, "r1", "")).toBeUndefined();
  });
});

describe("sameQuestion: the answer asked ahead is used only for the very same question", () => {
  it.each([
    ["the same", { ids: ["1", "2"], since: 5 }, { ids: ["1", "2"], since: 5 }, true],
    ["another order", { ids: ["1", "2"], since: 5 }, { ids: ["2", "1"], since: 5 }, false],
    ["an id less", { ids: ["1", "2"], since: 5 }, { ids: ["1"], since: 5 }, false],
    ["another bound", { ids: ["1"], since: 5 }, { ids: ["1"], since: 6 }, false],
    ["a bound and none", { ids: ["1"], since: 5 }, { ids: ["1"] }, false],
    ["both without a bound", { ids: ["1"] }, { ids: ["1"] }, true],
    ["none asked ahead", undefined, { ids: ["1"] }, false],
  ])("%s", (_n, a, b, want) => {
    expect(sameQuestion(a, b)).toBe(want);
  });
});

describe("sameIndex: an index is written again unless every entry is the one read", () => {
  const other = (patch: object): RunIndex =>
    new Map([[FILE, { stamp: stampKey(STAMP), runId: "r1", line: LINE, ...patch }]]);
  it.each([
    ["the same entries", index(), true],
    ["another stamp", other({ stamp: "1:2:3:4" }), false],
    ["another run id", other({ runId: "r2" }), false],
    ["another line", other({ line: LINE + " x" }), false],
    ["no line", index(null), false],
    ["an entry less", new Map(), false],
    ["an entry more", new Map([...index(), ["x/run_manifest.json", { stamp: "1", runId: "r3", line: null }]]), false],
    [
      "another file, same count",
      new Map([["x/run_manifest.json", { stamp: stampKey(STAMP), runId: "r1", line: LINE }]]),
      false,
    ],
  ])("%s: %s", (_what, b, want) => {
    expect(sameIndex(index(), b as RunIndex)).toBe(want);
  });
});
