/**
 * `autolab init`: what it scaffolds, that the scaffold is valid for the rest of
 * autolab, that it never overwrites anything, and that the example iteration
 * really runs (its commands here; the whole launch -> monitor path on the
 * SLURM dev cluster when one is up).
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { command as initCommand } from "../../src/cli/commands/init.js";
import { EXAMPLE_DESIGN_PATH, initRepository } from "../../src/commands/init.js";
import { WORKFLOW_TEMPLATES, ACTION_PLACEHOLDER } from "../../src/github/workflow-templates.js";
import { LEDGER_HEADER } from "../../src/ledger/io.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { parseDocument } from "../../src/contract/validate.js";
import { loadPolicy } from "../../src/contract/policy.js";
import { resolveIteration } from "../../src/contract/design.js";
import { buildCommand } from "../../src/scheduler/slurm-cli/render.js";
import { renderArgv } from "../../src/domain/placeholders.js";
import { jsonObjectFromStdout } from "../../src/steps/extract.js";
import { runArgv, ok } from "../../src/util/exec.js";
import type { Design } from "../../src/contract/types.js";
import { realScheduler } from "../helpers/cluster.js";
import { makeActionRepo } from "../helpers/action-repo.js";
import { VERSION } from "../../src/version.js";
import { execFileSync } from "node:child_process";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "autolab-init-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const EXPECTED = [
  ".autolab/verifier_policy.yaml",
  "experiments/plan/example_iteration/design.yaml",
  "docs/slurm_job_list.md",
  ".autolab/state.json",
  ".github/workflows/autolab-launch.yml",
  ".github/workflows/autolab-monitor.yml",
  ".github/workflows/autolab-verify.yml",
  ".github/workflows/autolab-watch.yml",
];

/** Every file under `root` with its bytes and mtime. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs);
      if (e.isDirectory()) walk(abs);
      else if (e.isSymbolicLink()) out[rel] = `symlink ${lstatSync(abs).mtimeMs}`;
      else out[rel] = `${statSync(abs).mtimeMs} ${readFileSync(abs, "base64")}`;
    }
  };
  walk(root);
  return out;
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { cwd, env: process.env, stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) },
  };
}

describe("autolab init", () => {
  it("scaffolds policy, example design, ledger and workflows that the rest of autolab accepts", async () => {
    const root = path.join(tempDir(), "lab");
    const res = await initRepository({ root });
    expect(res.files.map((f) => [f.path, f.action])).toEqual(EXPECTED.map((p) => [p, "created"]));
    expect(res.created).toBe(8);

    // Policy: the slurm preset, valid, recorded.
    const { policy } = await loadPolicy(root);
    expect(policy.policy_resolution?.default_preset).toBe("slurm");
    expect((policy as { dry_run_command?: string }).dry_run_command).toContain("sbatch --test-only");

    // Design: schema-valid without a single finding, and found by iteration id.
    const designText = readFileSync(path.join(root, EXAMPLE_DESIGN_PATH), "utf8");
    expect(parseDocument("design", designText, EXAMPLE_DESIGN_PATH).findings).toEqual([]);
    const it = await resolveIteration(root, "example_iteration");
    expect(path.relative(root, it.designPath)).toBe(EXAMPLE_DESIGN_PATH);

    // Ledger: the header only, no runs, no problems.
    const ledger = readFileSync(path.join(root, "docs/slurm_job_list.md"), "utf8");
    expect(ledger).toBe(LEDGER_HEADER);
    expect(parseLedger(ledger)).toEqual({ entries: [], problems: [] });

    // Workflows: the templates byte for byte, but for the action's uses: line, pinned to the
    // commit of this version's release tag (annotated: its peeled commit) with the version named.
    const release = process.env.AUTOLAB_TEST_ACTION_RELEASE!;
    expect(res.pin).toMatchObject({ uses: `autolab-org/autolab-slurm@${release}`, comment: `v${VERSION}` });
    for (const [name, text] of Object.entries(WORKFLOW_TEMPLATES)) {
      const written = readFileSync(path.join(root, ".github/workflows", name), "utf8");
      const pinned = `uses: autolab-org/autolab-slurm@${release} # v${VERSION}`;
      expect(written === text.split(`uses: ${ACTION_PLACEHOLDER}`).join(pinned), name).toBe(true);
      expect(written).toContain(pinned);
    }
  });

  it("changes nothing when run twice, and reports every file as kept", async () => {
    const root = tempDir();
    const first = io(root);
    expect(await initCommand.run([], first.io)).toBe(0);
    expect(first.out.join("")).toContain("8 created, 0 kept.");
    const before = snapshot(root);
    const second = io(root);
    expect(await initCommand.run(["--repo", "."], second.io)).toBe(0);
    const text = second.out.join("");
    for (const p of EXPECTED) expect(text).toMatch(new RegExp(`exists, kept\\s+${p.replace(/[.]/g, "\\.")}`));
    expect(text).toContain("0 created, 8 kept.");
    expect(snapshot(root)).toEqual(before);
  });

  it("never overwrites a user's file, a directory or a dangling symlink in the way", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, ".github/workflows"), { recursive: true });
    writeFileSync(path.join(root, ".github/workflows/autolab-verify.yml"), "# mine\n");
    mkdirSync(path.join(root, "docs"));
    symlinkSync("does-not-exist.md", path.join(root, "docs/slurm_job_list.md"));
    mkdirSync(path.join(root, ".autolab/verifier_policy.yaml"), { recursive: true });
    const res = await initRepository({ root });
    const action = Object.fromEntries(res.files.map((f) => [f.path, f.action]));
    expect(action[".github/workflows/autolab-verify.yml"]).toBe("exists, kept");
    expect(action["docs/slurm_job_list.md"]).toBe("exists, kept");
    expect(action[".autolab/verifier_policy.yaml"]).toBe("exists, kept");
    expect(action[".github/workflows/autolab-launch.yml"]).toBe("created");
    expect(readFileSync(path.join(root, ".github/workflows/autolab-verify.yml"), "utf8")).toBe("# mine\n");
    expect(lstatSync(path.join(root, "docs/slurm_job_list.md")).isSymbolicLink()).toBe(true);
  });

  it("fills in the action reference, supports --preset none, and refuses bad options with exit 2", async () => {
    const root = tempDir();
    const sha = "0123456789abcdef0123456789abcdef01234567";
    const res = await initRepository({ root, action: "my-lab/autolab-slurm@v1.2.0", actionRef: sha, preset: "none" });
    expect(res.created).toBe(8);
    const launch = readFileSync(path.join(root, ".github/workflows/autolab-launch.yml"), "utf8");
    expect(launch).toContain(`uses: my-lab/autolab-slurm@${sha} # v1.2.0\n`);
    expect(launch).not.toContain(`uses: ${ACTION_PLACEHOLDER}`);
    const { policy } = await loadPolicy(root);
    expect(policy.python_bin).toBe("python3");
    expect(policy.policy_resolution?.default_preset).toBeUndefined();

    const other = tempDir();
    await expect(initRepository({ root: other, preset: "nope" })).rejects.toMatchObject({
      exitCode: 2,
      message: /unknown preset "nope"/,
    });
    await expect(initRepository({ root: other, action: "x; rm -rf /" })).rejects.toMatchObject({ exitCode: 2 });
    await expect(initRepository({ root: other, actionRef: "v1.2.0" })).rejects.toMatchObject({ exitCode: 2 });
    await expect(initCommand.run(["stray"], io(other).io)).rejects.toMatchObject({ exitCode: 2 });
    expect(readdirSync(other)).toEqual([]);
  });
});

describe("autolab init pins the action by commit SHA (issue 14)", () => {
  /** The uses: lines of the four workflows init wrote. */
  const usesLines = (root: string) =>
    Object.keys(WORKFLOW_TEMPLATES).map((n) =>
      readFileSync(path.join(root, ".github/workflows", n), "utf8")
        .split("\n")
        .find((l) => /^\s*(- )?uses: \S*\/autolab-slurm@/.test(l))!
        .trim(),
    );

  it("resolves the version's tag (annotated: peeled), or a moved major tag to the exact version, on the action's repository", async () => {
    const base = tempDir();
    const repo = makeActionRepo(base);
    // The tag object itself is not the commit: the pin must be the peeled commit.
    const tagObject = execFileSync("git", ["--git-dir", repo.url, "rev-parse", `v${VERSION}`], {
      encoding: "utf8",
    }).trim();
    expect(tagObject).not.toBe(repo.release);
    const env = { AUTOLAB_ACTION_GIT_URL: repo.url };
    const a = path.join(base, "a");
    const res = await initRepository({ root: a, env });
    expect(res.pin?.how).toBe(`tag v${VERSION} of ${repo.url}`);
    expect(usesLines(a)).toEqual(Array(4).fill(`uses: autolab-org/autolab-slurm@${repo.release} # v${VERSION}`));
    const b = path.join(base, "b");
    const major = `v${VERSION.split(".")[0]}`;
    await initRepository({ root: b, env, action: `my-lab/autolab-slurm@${major}` });
    expect(usesLines(b)).toEqual(Array(4).fill(`uses: my-lab/autolab-slurm@${repo.release} # v${VERSION}`));
    // Through the CLI face, as a user types it.
    const c = path.join(base, "c");
    const cli = io(base);
    expect(await initCommand.run(["--repo", c], { ...cli.io, env: { ...process.env, ...env } })).toBe(0);
    expect(cli.out.join("")).toContain(`The workflows use autolab-org/autolab-slurm@${repo.release} # v${VERSION}`);
    expect(usesLines(c)[0]).toBe(`uses: autolab-org/autolab-slurm@${repo.release} # v${VERSION}`);
  });

  it("inside the action uses the workflow's own action ref: a SHA as it is, a tag resolved", async () => {
    const base = tempDir();
    const repo = makeActionRepo(base);
    const sha = "fedcba9876543210fedcba9876543210fedcba98";
    const a = path.join(base, "a");
    await initRepository({
      root: a,
      env: {
        GITHUB_ACTION_REPOSITORY: "lab/autolab-slurm",
        GITHUB_ACTION_REF: sha,
        AUTOLAB_ACTION_GIT_URL: "/nonexistent",
      },
    });
    expect(usesLines(a)[0]).toBe(`uses: lab/autolab-slurm@${sha} # v${VERSION}`);
    const b = path.join(base, "b");
    await initRepository({
      root: b,
      env: {
        GITHUB_ACTION_REPOSITORY: "lab/autolab-slurm",
        GITHUB_ACTION_REF: `v${VERSION}`,
        AUTOLAB_ACTION_GIT_URL: repo.url,
      },
    });
    expect(usesLines(b)[0]).toBe(`uses: lab/autolab-slurm@${repo.release} # v${VERSION}`);
  });

  it("offline or without the tag: fails before writing anything, says how to pin; --unpinned writes the tag, loudly", async () => {
    const base = tempDir();
    const repo = makeActionRepo(base);
    const gone = path.join(base, "offline");
    await expect(
      initRepository({ root: gone, env: { AUTOLAB_ACTION_GIT_URL: path.join(base, "no-such.git") } }),
    ).rejects.toMatchObject({
      exitCode: 1,
      message: /cannot pin the workflows' action to a commit: could not list the tags of/,
      hint: /--action-ref/,
    });
    expect(existsSync(gone)).toBe(false);
    await expect(
      initRepository({ root: gone, action: "lab/autolab-slurm@v9.9.9", env: { AUTOLAB_ACTION_GIT_URL: repo.url } }),
    ).rejects.toMatchObject({ message: /has no tag v9\.9\.9/ });
    expect(existsSync(gone)).toBe(false);
    // A URL that runs a program is never handed to git.
    await expect(
      initRepository({ root: gone, env: { AUTOLAB_ACTION_GIT_URL: "ext::sh -c touch% /tmp/pwned" } }),
    ).rejects.toMatchObject({
      message: /remote helper/,
    });

    const cli = io(base);
    const env = { ...process.env, AUTOLAB_ACTION_GIT_URL: path.join(base, "no-such.git") };
    expect(await initCommand.run(["--repo", gone, "--unpinned"], { ...cli.io, env })).toBe(0);
    expect(cli.err.join("")).toMatch(
      /WARNING: the workflows use the tag autolab-org\/autolab-slurm@v[\d.]+, not a commit SHA/,
    );
    expect(usesLines(gone)[0]).toBe(
      `uses: autolab-org/autolab-slurm@v${VERSION} # NOT PINNED: replace the tag with the release's commit SHA`,
    );
    // Run again offline: every workflow exists, nothing to resolve, nothing changes.
    const again = io(base);
    expect(await initCommand.run(["--repo", gone], { ...again.io, env })).toBe(0);
    expect(again.out.join("")).toContain("0 created, 8 kept.");
  });
});

describe("the example iteration", () => {
  it("runs its entrypoint and extract parser the way a job and the extract stage do", async () => {
    const root = tempDir();
    await initRepository({ root });
    const design = parseYaml(readFileSync(path.join(root, EXAMPLE_DESIGN_PATH), "utf8")) as Design;
    const runDir = path.join(root, "experiments/plan/example_iteration/runs/20261128T151432Z_093977");
    mkdirSync(runDir, { recursive: true });
    // The job script runs the command with bash from the repository root, AUTOLAB_RUN_DIR exported.
    const job = await runArgv("bash", ["-c", buildCommand(design, "python3")], {
      cwd: root,
      env: { AUTOLAB_RUN_DIR: runDir },
    });
    expect(ok(job), job.stderr).toBe(true);
    expect(job.stdout).toContain("example run finished");
    const argv = renderArgv(String(design.extract_parser!.command), {
      run_id: "20261128T151432Z_093977",
      iteration_id: "example_iteration",
      iteration_path: "experiments/plan/example_iteration",
      run_dir: runDir,
      repo_root: root,
    });
    const parsed = await runArgv(argv[0], argv.slice(1), { cwd: root });
    expect(ok(parsed), parsed.stderr).toBe(true);
    expect(jsonObjectFromStdout(parsed.stdout)).toEqual({ primary_metric: { name: "accuracy", value: 0.5 } });
  });

  const haveSlurm = (process.env.PATH ?? "").split(path.delimiter).some((d) => {
    try {
      return !!d && statSync(path.join(d, "sinfo")).isFile();
    } catch {
      return false;
    }
  });
  if (!haveSlurm) {
    console.warn(
      "SKIPPING the SLURM run of the example iteration: `sinfo` is not on PATH (start it with `bash scripts/dev-cluster.sh start`)",
    );
  }

  it.skipIf(!haveSlurm)("launches on the SLURM dev cluster and completes with its metric", async () => {
    const { launch } = await import("../../src/commands/launch/index.js");
    const { monitor } = await import("../../src/commands/monitor/index.js");
    const root = tempDir();
    await initRepository({ root });
    const res = await launch({
      scheduler: realScheduler(),
      cwd: root,
      design: "example_iteration",
      commit: false,
      push: false,
    });
    expect(res.hostMode).toBe("slurm");
    expect(res.jobId).toMatch(/^\d+/);
    let status = res.status;
    // Bounded: the job takes seconds; each tick is one sacct + one squeue call.
    for (let tick = 0; tick < 120 && !["completed", "failed", "partial"].includes(status); tick++) {
      await new Promise((r) => setTimeout(r, 1000));
      const rep = await monitor({
        scheduler: realScheduler(),
        cwd: root,
        runId: res.runId,
        commit: false,
        push: false,
      });
      status = rep.runs.find((r) => r.runId === res.runId)?.after ?? status;
    }
    expect(status).toBe("completed");
    const metrics = JSON.parse(
      readFileSync(path.join(path.dirname(path.join(root, res.manifestPath)), "metrics.json"), "utf8"),
    );
    expect(metrics).toMatchObject({ status: "completed", primary_metric: { name: "accuracy", value: 0.5 } });
  });

  it.skipIf(!haveSlurm)(
    "`autolab run` right after `autolab init` (the cookbook, as written): launch, then monitor, to update_docs",
    async () => {
      const { main } = await import("../../src/cli/main.js");
      const cli = async (cwd: string, ...argv: string[]) => {
        let stdout = "";
        let stderr = "";
        const code = await main(argv, {
          stdout: (t) => void (stdout += t),
          stderr: (t) => void (stderr += t),
          cwd,
          env: process.env,
        });
        return { code, stdout, stderr };
      };
      const root = tempDir();
      await initRepository({ root });
      const s1 = await cli(root, "run", "--json");
      expect(s1.code, s1.stderr).toBe(0);
      const r1 = JSON.parse(s1.stdout) as { stage_before: string; stage_after: string; launch: { job_id: string } };
      expect(r1).toMatchObject({ stage_before: "launch", stage_after: "slurm_monitor" });
      expect(r1.launch.job_id).toMatch(/^\d+/);
      let after = "slurm_monitor";
      for (let i = 0; i < 60 && after === "slurm_monitor"; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const s = await cli(root, "run", "--json");
        expect(s.code, s.stderr).toBe(0);
        after = (JSON.parse(s.stdout) as { stage_after: string }).stage_after;
      }
      expect(after).toBe("update_docs");
    },
  );
});
