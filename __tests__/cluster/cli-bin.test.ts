/**
 * The bundled `autolab` binary (dist/cli/index.js), run as a user runs it,
 * under the Node this machine has and, when .ci/run provides one
 * (AUTOLAB_NODE24), under Node 24 as well: exit codes, streams, --version.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runArgv } from "../../src/util/exec.js";
import { GIT_ENV } from "../helpers/repo.js";
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

/** A PATH with git, node and a shell but no SLURM client, as on a machine without SLURM. */
function pathWithoutSlurm(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "no-slurm-bin-"));
  for (const p of ["git", "sh", "bash", "env", "python3"]) {
    const found = (process.env.PATH ?? "")
      .split(path.delimiter)
      .map((d) => path.join(d, p))
      .find((f) => existsSync(f));
    if (found) symlinkSync(found, path.join(dir, p));
  }
  symlinkSync(process.execPath, path.join(dir, "node"));
  return dir;
}

describe("the command line as a person meets it (dist/cli/index.js)", () => {
  const cli = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
    runArgv(process.execPath, [BIN, ...args], { cwd, timeoutMs: 120_000, env: { ...GIT_ENV, ...env } });

  /** A git repository made by init, with the person's identity in git config (not the environment). */
  async function personRepo(): Promise<string> {
    const root = mkdtempSync(path.join(os.tmpdir(), "autolab-person-"));
    const noEnvIdentity = {
      GIT_AUTHOR_NAME: undefined,
      GIT_AUTHOR_EMAIL: undefined,
      GIT_COMMITTER_NAME: undefined,
      GIT_COMMITTER_EMAIL: undefined,
    };
    for (const args of [
      ["init", "-q", "-b", "main"],
      ["config", "user.name", "Ada Lovelace"],
      ["config", "user.email", "ada@example.org"],
    ])
      expect((await runArgv("git", args, { cwd: root })).code).toBe(0);
    expect((await cli(["init", "--repo", root, "--preset", "none"], os.tmpdir())).code).toBe(0);
    mkdirSync(path.join(root, "experiments/plan/loc"), { recursive: true });
    writeFileSync(
      path.join(root, "experiments/plan/loc/design.yaml"),
      "id: loc\niteration_id: loc\ncompute:\n  location: local\nentrypoint:\n  cli: echo hello\nreplicates: 1\n",
    );
    const env = { ...GIT_ENV, ...noEnvIdentity };
    expect((await runArgv("git", ["add", "-A"], { cwd: root, env })).code).toBe(0);
    expect((await runArgv("git", ["commit", "-qm", "scaffold"], { cwd: root, env })).code).toBe(0);
    return root;
  }

  it("--help anywhere, did-you-mean, a value option never takes a flag, extra arguments refused", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "autolab-args-"));
    const help = await cli(["status", "--run-id", "X", "--json", "--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: autolab status/);
    const typo = await cli(["stauts"], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown command 'stauts' (did you mean 'status'?)");
    const opt = await cli(["monitor", "--dryrun"], dir);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option --dryrun (did you mean --dry-run?)");
    const swallow = await cli(["status", "--run-id", "--json"], dir);
    expect(swallow.code).toBe(2);
    expect(swallow.stderr).toContain("option --run-id needs a value (got the option --json)");
    const extra = await cli(["status", "extra"], dir);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('status takes no arguments, got "extra"');
  });

  it("launch --repo --json: snake_case keys, the commit authored by the person in git config", async () => {
    const root = await personRepo();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "autolab-elsewhere-"));
    const noEnvIdentity = {
      GIT_AUTHOR_NAME: undefined,
      GIT_AUTHOR_EMAIL: undefined,
      GIT_COMMITTER_NAME: undefined,
      GIT_COMMITTER_EMAIL: undefined,
    };
    const r = await cli(["launch", "loc", "--repo", root, "--json"], elsewhere, noEnvIdentity);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ iteration_id: "loc", host_mode: "local", status: "completed", reused: false });
    expect(res.run_id).toMatch(/^\d{8}T\d{6}Z_[0-9a-f]{6}$/);
    expect(res.manifest_path).toContain(`runs/${res.run_id}/run_manifest.json`);
    expect(res).not.toHaveProperty("runId");
    expect(res.commit.committed).toBe(true);
    const who = await runArgv("git", ["log", "-1", "--format=%an <%ae>|%cn <%ce>"], { cwd: root });
    expect(who.stdout.trim()).toBe("Ada Lovelace <ada@example.org>|Ada Lovelace <ada@example.org>");

    const st = await cli(["status", "--repo", root, "--json"], elsewhere);
    expect(JSON.parse(st.stdout).runs[0]).toMatchObject({
      run_id: res.run_id,
      iteration_id: "loc",
      host_mode: "local",
    });
  });

  it("monitor prints a progress line per phase on stderr; a missing SLURM client is said in words", async () => {
    const root = await personRepo();
    const runDir = path.join(root, "experiments/in_progress/it1/runs/20261128T151432Z_093977");
    mkdirSync(runDir, { recursive: true });
    const m = JSON.parse(readFileSync(path.join(SAMPLES, "run_manifest.completed.json"), "utf8"));
    Object.assign(m, { status: "submitted", iteration_id: "it1" });
    writeFileSync(path.join(runDir, "run_manifest.json"), JSON.stringify(m, null, 2) + "\n");
    const noSlurm = { PATH: pathWithoutSlurm() };
    const r = await cli(["monitor", "--no-commit"], root, noSlurm);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split("\n");
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    expect(at(/^monitor: looking for runs under experiments\/$/)).toBeGreaterThanOrEqual(0);
    expect(at(/^monitor: asking the scheduler about 1 job\(s\) in flight/)).toBeGreaterThan(
      at(/^monitor: looking for runs/),
    );
    expect(at(/^monitor: recording \d+ file edit\(s\)$/)).toBeGreaterThan(at(/^monitor: asking the scheduler/));
    expect(r.stderr).toContain("squeue is not installed or not on PATH");
    const c = await cli(["cancel", "20261128T151432Z_093977", "--no-commit"], root, noSlurm);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain("scancel is not installed or not on PATH");
    for (const out of [r.stdout + r.stderr, c.stdout + c.stderr]) expect(out).not.toMatch(/ENOENT|spawn /);
  });
});
