/** domain/action-pin: the tag listing, the version a pin names, the uses: lines (issue 14). */
import { describe, expect, it } from "vitest";
import {
  explicitPin,
  parseTagListing,
  pinUsesLines,
  resolvedPin,
  unpinned,
  versionName,
} from "../../src/domain/action-pin.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const T = "c".repeat(40);
const LISTING = [
  `${T}\trefs/tags/v1.2.0`, // annotated: the tag object ...
  `${A}\trefs/tags/v1.2.0^{}`, // ... and its commit
  `${A}\trefs/tags/v1.1.9`,
  `${A}\trefs/tags/v1`,
  `${B}\trefs/tags/v0.9.0`,
  `${B}\trefs/heads/main`,
  "garbage",
].join("\n");

describe("action pin", () => {
  it("reads a tag listing: peeled commits win, branches and junk are ignored", () => {
    const tags = parseTagListing(LISTING);
    expect(Object.fromEntries(tags)).toEqual({ "v1.2.0": A, "v1.1.9": A, v1: A, "v0.9.0": B });
  });

  it.each([
    ["v1.2.0", A, "v1.2.0"],
    ["v1", A, "v1.2.0"], // a moved major tag: the highest exact release on its commit
    ["v0", B, "v0.9.0"],
    ["v2", T, "v2"], // no exact release on the commit: the tag itself
    ["latest", B, "v0.9.0"],
  ])("names %s at its commit as %s", (tag, sha, want) => {
    expect(versionName(tag, sha, parseTagListing(LISTING))).toBe(want);
  });

  it("pins a resolved tag, an explicit commit, or (warned) the tag itself", () => {
    const tags = parseTagListing(LISTING);
    expect(resolvedPin({ repo: "lab/x", tag: "v1" }, tags, "u")).toEqual({
      uses: `lab/x@${A}`,
      comment: "v1.2.0",
      how: "tag v1 of u",
    });
    expect(resolvedPin({ repo: "lab/x", tag: "v9.0.0" }, tags, "u")).toBeUndefined();
    expect(explicitPin({ repo: "lab/x", tag: "v1", sha: B }, "1.3.0")).toMatchObject({
      uses: `lab/x@${B}`,
      comment: "v1.3.0",
    });
    expect(explicitPin({ repo: "lab/x", tag: "v1.2.0", sha: B }, "1.3.0").comment).toBe("v1.2.0");
    const u = unpinned({ repo: "lab/x", tag: "v1" }, "--unpinned");
    expect(u.uses).toBe("lab/x@v1");
    expect(u.warning).toMatch(/not a commit SHA/);
  });

  it("rewrites only the placeholder's uses: lines, keeping their indentation", () => {
    const text = [
      "# `o/r@v1` is a placeholder",
      "      - uses: o/r@v1",
      "        uses: o/r@v1",
      "        uses: o/r@v10",
      "      - uses: actions/checkout@x # v5",
    ].join("\n");
    expect(pinUsesLines(text, "o/r@v1", { uses: `o/r@${A}`, comment: "v1.2.0", how: "" }).split("\n")).toEqual([
      "# `o/r@v1` is a placeholder",
      `      - uses: o/r@${A} # v1.2.0`,
      `        uses: o/r@${A} # v1.2.0`,
      "        uses: o/r@v10",
      "      - uses: actions/checkout@x # v5",
    ]);
  });
});
