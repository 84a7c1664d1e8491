/**
 * Launch resolves and checks every directory it reads or writes before
 * anything is submitted (issue 11, items 5 and 6): an iteration directory
 * found by id that is a link out of the repository, and committed `docs ->`,
 * `launch ->`, `runs ->` links, are refused with nothing submitted (sbatch
 * is never called: counting wrappers around the real programs) and nothing
 * written, in the repository or where the link points.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { launch } from "../../src/commands/launch/index.js";
import { AutolabError } from "../../src/util/errors.js";
import { loggedCalls, makeCallWrappers, realScheduler, requireCluster } from "../helpers/cluster.js";
import { fingerprint, makeRepo } from "../helpers/repo.js";

const DESIGN =
  'compute:\n  location: slurm\n  partition: debug\n  walltime_estimate: "00:05:00"\nentrypoint:\n  cli: "true"\n';

let wrapDir: string;
let log: string;
beforeAll(() => {
  requireCluster();
  wrapDir = mkdtempSync(path.join(tmpdir(), "autolab-links-bin-"));
  log = path.join(wrapDir, "calls.log");
  writeFileSync(log, "");
  makeCallWrappers(wrapDir, log);
});

/** A repository whose commit holds the link `rel -> target` (made by `link`), and the outside directory. */
async function repoWith(link: (root: string, outside: string) => void) {
  const outside = mkdtempSync(path.join(tmpdir(), "autolab-outside-"));
  const r = await makeRepo({
    files: { "experiments/plan/it1/design.yaml": DESIGN },
    beforeCommit: (root) => link(root, outside),
  });
  return { root: r.root, outside };
}

describe("launch refuses links on its paths before submitting (issue 11, items 5 and 6)", () => {
  const cases: Array<[string, string, (root: string, outside: string) => void, RegExp]> = [
    [
      "an iteration directory found by id that links out of the repository",
      "ext",
      (root, outside) => {
        mkdirSync(path.join(outside, "ext"));
        writeFileSync(path.join(outside, "ext/design.yaml"), DESIGN);
        symlinkSync(path.join(outside, "ext"), path.join(root, "experiments/plan/ext"));
      },
      /experiments\/plan\/ext \(on the way to experiments\/plan\/ext\/design\.yaml\) is a symbolic link/,
    ],
    [
      "a committed docs -> link (the ledger would be written outside)",
      "it1",
      (root, outside) => {
        const docs = path.join(root, "docs");
        for (const f of readdirSync(docs)) writeFileSync(path.join(outside, f), "");
        rmSync(docs, { recursive: true });
        symlinkSync(outside, docs);
      },
      /^docs \(on the way to docs\/slurm_job_list\.md\) is a symbolic link/,
    ],
    [
      "a committed launch -> link (the script would be written outside)",
      "it1",
      (root, outside) => symlinkSync(outside, path.join(root, "experiments/plan/it1/launch")),
      /^experiments\/plan\/it1\/launch is a symbolic link/,
    ],
    [
      "a committed runs -> link (the manifest and logs would be written outside)",
      "it1",
      (root, outside) => symlinkSync(outside, path.join(root, "experiments/plan/it1/runs")),
      /^experiments\/plan\/it1\/runs \(on the way to .*\) is a symbolic link/,
    ],
  ];

  it.each(cases)("%s", async (_name, design, link, message) => {
    const { root, outside } = await repoWith(link);
    const before = await fingerprint(root);
    const outsideBefore = readdirSync(outside, { recursive: true }).sort();
    const calls = loggedCalls(log).length;
    const err = await launch({
      scheduler: realScheduler({ bins: { sbatch: path.join(wrapDir, "sbatch") } }),
      cwd: root,
      design,
      push: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as AutolabError).message).toMatch(message);
    expect((err as AutolabError).message).toContain("nothing was submitted");
    expect(
      loggedCalls(log)
        .slice(calls)
        .filter((c) => c.prog === "sbatch"),
    ).toEqual([]);
    expect((await fingerprint(root)).hash).toBe(before.hash);
    expect(readdirSync(outside, { recursive: true }).sort()).toEqual(outsideBefore);
  });
});
