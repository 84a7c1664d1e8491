/** Batched durable writes: util/fs.writeFilesAtomic and record's applyEdits on top of it. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FileEdit } from "../../src/domain/changes.js";
import { applyEdits } from "../../src/git/record.js";
import { writeFilesAtomic } from "../../src/util/fs.js";

const dir = () => mkdtempSync(path.join(tmpdir(), "autolab-fs-batch-"));

describe("writeFilesAtomic", () => {
  it("writes every file, in new directories too, and leaves no temp file", async () => {
    const d = dir();
    const files = Array.from({ length: 100 }, (_, i) => ({
      file: path.join(d, `r${i % 7}`, `f${i}.json`),
      data: `{"i": ${i}}\n`,
    }));
    await writeFilesAtomic(files);
    for (const f of files) expect(readFileSync(f.file, "utf8")).toBe(f.data);
    for (const sub of readdirSync(d))
      expect(readdirSync(path.join(d, sub)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
  it("renames nothing when a write fails, and removes its temps", async () => {
    const d = dir();
    writeFileSync(path.join(d, "blocker"), "a file, not a directory");
    const files = [
      { file: path.join(d, "a.json"), data: "a" },
      { file: path.join(d, "blocker", "b.json"), data: "b" },
    ];
    await expect(writeFilesAtomic(files)).rejects.toThrow();
    expect(readdirSync(d)).toEqual(["blocker"]);
  });
});

describe("applyEdits: writes gathered until the end", () => {
  it("a later edit of the same path sees the earlier edit's content", async () => {
    const d = dir();
    const append = (s: string): FileEdit => ({
      path: "docs/x.md",
      edit: (cur) => (cur ? new TextDecoder().decode(cur) : "") + s,
    });
    const out = { superseded: new Set<string>(), findings: [] };
    const touched = await applyEdits(d, [append("one\n"), append("two\n"), { path: "y", edit: () => "y" }], out);
    expect(readFileSync(path.join(d, "docs/x.md"), "utf8")).toBe("one\ntwo\n");
    expect(touched).toEqual(["docs/x.md", "docs/x.md", "y"]);
  });
});
