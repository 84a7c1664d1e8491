/** domain/run-index.ts as tables: which runs a tick reads, what it records, and which index files it trusts. */
import { describe, expect, it } from "vitest";
import {
  entryFor,
  parseRunIndex,
  planRead,
  RACY_MARGIN_MS,
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
  it("round-trips", () => {
    expect(parseRunIndex(good, ID)).toEqual(index());
    expect(parseRunIndex(serializeRunIndex(index(null), ID), ID)).toEqual(index(null));
  });
  const bad: Array<[string, string | undefined]> = [
    ["missing", undefined],
    ["empty", ""],
    ["not JSON", "{not json"],
    ["truncated", good.slice(0, good.length - 5)],
    ["an array", "[]"],
    ["another format", good.replace('"format":1', '"format":2')],
    ["another checkout", good.replace('"root":"/repo"', '"root":"/other"')],
    ["another tool (its ledger line differs)", good.replace(ID.probe, "0.2.0 other")],
    ["an entry of the wrong shape", good.replace(`"${LINE}"`, "5")],
    ["an entry with a field missing", good.replace(`,"r1",`, ",")],
    ["a path twice", good.replace(/"entries":\[(.*)\]\}/, (_m, e: string) => `"entries":[${e},${e}]}`)],
  ];
  it.each(bad)("%s", (_n, text) => {
    expect(parseRunIndex(text, ID)).toBeUndefined();
  });
});
