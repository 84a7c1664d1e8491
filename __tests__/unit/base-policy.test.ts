/**
 * Issue 11 item 9: verify under a pull request's base commit's policy
 * (verify/base-policy.ts) on local repositories: a base whose policy is a
 * link is refused, a base that cannot be had says why, an invalid head
 * policy is reported while the base's governs, and a repository with no
 * policy at its base is held to the defaults.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { basePolicyAt } from "../../src/verify/base-policy.js";
import { runVerify } from "../../src/verify/index.js";
import { git, makeRepo } from "../helpers/repo.js";

const POLICY = ".autolab/verifier_policy.yaml";

async function commitAll(root: string, message: string): Promise<string> {
  await git(root, "add", "-A");
  await git(root, "commit", "-q", "--allow-empty", "-m", message);
  return head(root);
}

const head = async (root: string) => (await git(root, "rev-parse", "HEAD")).trim();

const verifyAt = async (root: string, base: string) =>
  runVerify({ repoRoot: root, stage: "launch", runCommands: false, basePolicy: await basePolicyAt(root, base) });

describe("verify under the base commit's policy", () => {
  it("a base whose policy is a symbolic link is refused (policy.base), not followed", async () => {
    const { root } = await makeRepo({
      files: { "weak.yaml": "requirements_by_stage:\n  launch: {schema: false}\n" },
      beforeCommit: (r) => {
        writeFileSync(path.join(r, POLICY), "");
        symlinkSync("../weak.yaml", path.join(r, POLICY + ".tmp"));
      },
    });
    await git(root, "mv", "-f", POLICY + ".tmp", POLICY);
    const base = await commitAll(root, "policy as a link");
    const rep = await verifyAt(root, base);
    expect(rep.ok).toBe(false);
    expect(rep.findings).toEqual([
      expect.objectContaining({
        severity: "error",
        check: "policy.base",
        message: expect.stringContaining("is a symbolic link"),
      }),
    ]);
  });

  it("no policy at the base: the defaults govern, and a head policy switching them off is a policy.changed error", async () => {
    const { root } = await makeRepo({ scaffold: false, files: { "README.md": "x\n" } });
    const base = await head(root);
    mkdirSync(path.join(root, ".autolab"), { recursive: true });
    writeFileSync(path.join(root, POLICY), "requirements_by_stage:\n  launch:\n    consistency: false\n");
    await commitAll(root, "switch consistency off");
    const rep = await verifyAt(root, base);
    const changed = rep.findings.find((f) => f.check === "policy.changed");
    expect(changed).toMatchObject({ severity: "error", file: POLICY, line: 3 });
    expect(changed!.message).toContain("consistency is no longer required at launch");
    // The defaults' consistency checks ran (the ledger check among them).
    expect(rep.checksRun).toContain("ledger");
  });

  it("an invalid head policy is an error while the base's policy governs", async () => {
    const { root } = await makeRepo();
    const base = await head(root);
    writeFileSync(path.join(root, POLICY), "requirements_by_stage: [not, a, mapping]\n");
    await commitAll(root, "broken policy");
    const rep = await verifyAt(root, base);
    expect(rep.ok).toBe(false);
    const bad = rep.findings.find((f) => f.check === "policy.schema");
    expect(bad).toMatchObject({ severity: "error", file: POLICY });
    expect(bad!.message).toContain("this pull request's policy");
    // The base's (the slurm preset's) checks still ran.
    expect(rep.checksRun).toContain("env_smoke.sentinel");
  });

  it("a base commit not in the checkout that cannot be fetched: an error saying why and what to do", async () => {
    const { root } = await makeRepo();
    const absent = "0123456789abcdef0123456789abcdef01234567";
    await expect(
      basePolicyAt(root, absent, async () => {
        throw new Error("remote said no");
      }),
    ).rejects.toThrow(/base commit 0123456789ab is not in the checkout and could not be fetched: remote said no/);
    await expect(basePolicyAt(root, "main")).rejects.toThrow(/is not a commit id/);
  });
});
