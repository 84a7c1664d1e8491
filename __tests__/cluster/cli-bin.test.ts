/**
 * The bundled `autolab` binary (dist/cli/index.js), run as a user runs it,
 * under the Node this machine has and, when .ci/run provides one
 * (AUTOLAB_NODE24), under Node 24 as well: exit codes, streams, --version.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runArgv } from "../../src/util/exec.js";
import { VERSION } from "../../src/version.js";

const BIN = path.resolve(__dirname, "../../dist/cli/index.js");
const SAMPLES = path.resolve(__dirname, "../fixtures/autolab-1.0");
const nodes = [
  process.execPath,
  ...(process.env.AUTOLAB_NODE24 && existsSync(process.env.AUTOLAB_NODE24) ? [process.env.AUTOLAB_NODE24] : []),
];

describe.each(nodes)("dist/cli/index.js under %s", (node) => {
  const run = (args: string[], cwd = os.tmpdir()) => runArgv(node, [BIN, ...args], { cwd, timeoutMs: 60_000 });

  it("--version prints the package version on stdout, exit 0", async () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
    expect(VERSION).toBe(pkg.version);
    const r = await run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
    expect(r.stderr).toBe("");
  });

  it("usage errors exit 2 with the message on stderr", async () => {
    for (const args of [["no-such-command"], ["validate", "--no-such-flag"], ["verify", "--stage", "nope"], []]) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
    }
    const r = await run(["no-such-command"]);
    expect(r.stderr).toContain("unknown command");
  });

  it("every command answers --help with exit 0", async () => {
    const help = await run(["--help"]);
    const names = [...help.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        "launch",
        "monitor",
        "verify",
        "status",
        "cancel",
        "run",
        "init",
        "doctor",
        "validate",
        "policy",
        "slurm-job-list",
      ]),
    );
    for (const n of names) {
      const r = await run([n, "--help"]);
      expect(r.code, n).toBe(0);
      expect(r.stdout).toMatch(/Usage/i);
    }
  });

  it("validate: a Python-autolab sample passes (0); a broken file fails (1) naming file and line", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "autolab-bin-"));
    copyFileSync(path.join(SAMPLES, "run_manifest.completed.json"), path.join(dir, "run_manifest.json"));
    const good = await run(["validate", "run_manifest.json"], dir);
    expect(good.code, good.stderr).toBe(0);
    writeFileSync(
      path.join(dir, "bad", "x").replace("/bad/x", "/run_manifest.json"),
      '{\n  "schema_version": "1.0",\n  "run_id": 7\n}\n',
    );
    const bad = await run(["validate", "run_manifest.json"], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).toMatch(/run_manifest\.json:3:/);
  });
});
