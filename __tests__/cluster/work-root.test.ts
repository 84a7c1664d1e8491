/**
 * The work root on the real dev cluster and real git: a SLURM job runs in a
 * snapshot of the launched commit outside the checkout
 * (`<workRoot>/<run_id>`, a detached git worktree), so a self-hosted runner's
 * `actions/checkout` (`git clean -ffdx && git reset --hard` before every
 * monitor run) can neither wipe the job's evidence nor swap its code; the
 * monitor reads the evidence there and copies it into the checkout when the
 * run is synced, and commits it. Also: a deleted snapshot is reported and
 * its evidence counts as missing (grace, then failed); an iteration with
 * uncommitted changes is refused; option > policy `launch.work_root` > none.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { AutolabError } from "../../src/util/errors.js";
import { runVerify } from "../../src/verify/index.js";
import {
  awaitGate,
  clusterUp,
  DEV_CLUSTER_SCRIPT,
  requireCluster,
  scancel,
  scontrol,
  waitForSacct,
  realScheduler,
} from "../helpers/cluster.js";
import { cloneRepo, fingerprint, git, makeRepo } from "../helpers/repo.js";

if (!clusterUp()) {
  console.warn(
    "\n*** SKIPPING __tests__/work-root.test.ts: the SLURM dev cluster is not up (`sinfo` does not answer). " +
      `Start it with: bash ${DEV_CLUSTER_SCRIPT} start ***\n`,
  );
}

const submitted: string[] = [];
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "autolab-workroot-"));
});
afterAll(async () => {
  for (const id of submitted) await scancel(id).catch(() => undefined);
});

function design(cli: string, extra: Record<string, unknown> = {}): string {
  return YAML.stringify({
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
    entrypoint: { cli },
    ...extra,
  });
}

/** A bare remote holding `files` on main, and a clone of it (the runner's checkout). */
async function checkout(files: Record<string, string>): Promise<{ work: string; remote: string }> {
  const parent = mkdtempSync(path.join(tmp, "case-"));
  const seed = await makeRepo({ parent, scaffold: false, remote: true, files });
  const work = await cloneRepo(seed.remote!, path.join(parent, "work"));
  return { work, remote: seed.remote! };
}

/** What actions/checkout (clean: true) does in GITHUB_WORKSPACE before every run. */
async function runnerCheckout(work: string): Promise<void> {
  await git(work, "clean", "-ffdx");
  await git(work, "reset", "--hard");
}

function manifestAt(work: string, rel: string): RunManifest {
  return JSON.parse(readFileSync(path.join(work, rel), "utf8")) as RunManifest;
}

describe.skipIf(!clusterUp())("work root: the job runs in a snapshot outside the checkout", () => {
  it("survives the runner's checkout (git clean -ffdx && git reset --hard) and a new commit while the job runs; the monitor completes the run with metrics and commits its evidence", async () => {
    requireCluster();
    const gate = path.join(mkdtempSync(path.join(tmp, "gate-")), "go");
    // The job waits for the gate, then runs the committed run.sh (from its own directory).
    const { work, remote } = await checkout({
      "run.sh": `echo '{"primary_metric": {"name": "acc", "value": 0.75}}' > "$AUTOLAB_RUN_DIR/result.json"\n`,
      "experiments/in_progress/wr/design.yaml": design(
        `${awaitGate(gate)}; bash run.sh; echo job-stdout-line; echo job-stderr-line >&2`,
        {
          artifact_sync: { mode: "shared", outputs: ["result.json"] },
          extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
        },
      ),
    });
    const workRoot = path.join(tmp, "runner-workspace", "autolab-runs");
    const r = await launch({ scheduler: realScheduler(), cwd: work, design: "wr", workRoot });
    expect(r.status).toBe("submitted");
    submitted.push(r.jobId!);
    const snapshot = path.join(workRoot, r.runId);
    const runRel = `experiments/in_progress/wr/runs/${r.runId}`;

    // The manifest records the snapshot; the script in the checkout is the one submitted.
    const m0 = manifestAt(work, r.manifestPath);
    expect((m0.launch as Record<string, unknown>).work_dir).toBe(snapshot);
    expect((m0.launch as Record<string, unknown>).git_revision).toBe((await git(work, "rev-parse", "HEAD~1")).trim());
    const script = readFileSync(path.join(work, runRel, "run_slurm.sbatch"), "utf8");
    expect(script).toBe(readFileSync(path.join(snapshot, runRel, "run_slurm.sbatch"), "utf8"));
    expect(script).toContain(`#SBATCH --chdir=${snapshot}\n`);
    expect(readFileSync(path.join(work, "experiments/in_progress/wr/launch/run_slurm.sbatch"), "utf8")).toBe(script);
    // The launch commit reached the remote.
    expect(await git(remote, "show", `main:${runRel}/run_manifest.json`)).toContain(snapshot);

    // What the scheduler runs: the snapshot is the job's working directory, its logs live there.
    const show = await scontrol(["show", "job", "-o", r.jobId!]);
    expect(/(?:^|\s)WorkDir=(\S+)/.exec(show)?.[1]).toBe(snapshot);
    expect(/(?:^|\s)StdOut=(\S+)/.exec(show)?.[1]).toBe(`${snapshot}/${runRel}/logs/slurm-${r.jobId}.out`);

    // While the job waits: someone pushes a change to run.sh, and the runner checks out the new head, cleaning.
    writeFileSync(
      path.join(work, "run.sh"),
      `echo '{"primary_metric": {"name": "acc", "value": 0.01}}' > "$AUTOLAB_RUN_DIR/result.json"\n`,
    );
    await git(work, "commit", "-q", "-am", "change run.sh under the running job");
    await git(work, "push", "-q", "origin", "main");
    await runnerCheckout(work);
    writeFileSync(gate, "");
    await waitForSacct(r.jobId!);
    await runnerCheckout(work);
    // The checkout has none of the job's files; the snapshot has them all.
    expect(existsSync(path.join(work, runRel, "job_sentinel.json"))).toBe(false);
    expect(existsSync(path.join(snapshot, runRel, "job_sentinel.json"))).toBe(true);
    // The verifier looks for a not-yet-synced run's evidence in its snapshot.
    const policyDir = path.join(work, ".autolab");
    const hadDir = existsSync(policyDir);
    const policyFile = path.join(policyDir, "verifier_policy.yaml");
    const policyBefore = existsSync(policyFile) ? readFileSync(policyFile, "utf8") : undefined;
    mkdirSync(policyDir, { recursive: true });
    writeFileSync(
      policyFile,
      "requirements_by_stage:\n  slurm_monitor: {schema: true, consistency: true, env_smoke: true}\n",
    );
    const v = await runVerify({ repoRoot: work, stage: "slurm_monitor", runCommands: false });
    if (!hadDir) rmSync(policyDir, { recursive: true });
    else if (policyBefore === undefined) rmSync(policyFile);
    else writeFileSync(policyFile, policyBefore);
    expect(v.checksRun).toEqual(expect.arrayContaining(["env_smoke.logs", "env_smoke.sentinel"]));
    const smoke = v.findings.filter((f) => f.check.startsWith("env_smoke"));
    // It sees the job's logs and sentinel there: the only thing to say is that the monitor has not ticked yet.
    expect(
      smoke.map((f) => [f.check, f.severity]),
      JSON.stringify(smoke),
    ).toEqual([["env_smoke.sentinel", "warning"]]);
    expect(smoke[0].message).toMatch(/the job ended .* exit 0\) but the manifest still says submitted/);

    const rep = await monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
    const run = rep.runs.find((x) => x.runId === r.runId)!;
    expect(run.after, JSON.stringify(rep.findings)).toBe("completed");
    expect(rep.findings.filter((f) => f.severity !== "notice")).toEqual([]);
    const m = manifestAt(work, r.manifestPath);
    expect(m.history!.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    expect(m.history!.find((h) => h.to === "synced")!.evidence).toMatch(
      /copied from its work dir .*job_sentinel.json says exit 0/,
    );
    expect(m.artifact_sync_to_local.status).toBe("ok");
    // The job ran the launched commit's run.sh, not the one pushed while it waited.
    const metrics = JSON.parse(readFileSync(path.join(work, runRel, "metrics.json"), "utf8"));
    expect(metrics).toMatchObject({ status: "completed", primary_metric: { name: "acc", value: 0.75 } });

    // Sentinel and logs were committed and pushed; a later runner checkout keeps them.
    expect(rep.commit?.pushed).toBe(true);
    const files = (await git(remote, "show", "--name-only", "--format=", "main")).split("\n").filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        `${runRel}/run_manifest.json`,
        `${runRel}/metrics.json`,
        `${runRel}/job_sentinel.json`,
        `${runRel}/logs/slurm-${r.jobId}.out`,
        `${runRel}/logs/slurm-${r.jobId}.err`,
      ]),
    );
    expect(await git(remote, "show", `main:${runRel}/logs/slurm-${r.jobId}.err`)).toContain("job-stderr-line");
    await runnerCheckout(work);
    expect(readFileSync(path.join(work, runRel, "logs", `slurm-${r.jobId}.out`), "utf8")).toContain("job-stdout-line");
  });

  it("a snapshot that was deleted is reported; its evidence counts as missing: a wait, then failed (sentinel_missing)", async () => {
    requireCluster();
    const { work } = await checkout({ "experiments/in_progress/gone/design.yaml": design("true") });
    const workRoot = path.join(tmp, "ws-gone");
    const r = await launch({ scheduler: realScheduler(), cwd: work, design: "gone", workRoot, commit: false });
    submitted.push(r.jobId!);
    await waitForSacct(r.jobId!);
    rmSync(path.join(workRoot, r.runId), { recursive: true, force: true });

    const t0 = new Date();
    let rep = await monitor({
      scheduler: realScheduler(),
      cwd: work,
      commit: false,
      now: () => t0,
      query: { timeoutMs: 20_000 },
    });
    const missing = rep.findings.find((f) => f.check === "monitor.work_dir_missing");
    expect(missing?.message).toContain(path.join(workRoot, r.runId));
    let m = manifestAt(work, r.manifestPath);
    expect(m.status).toBe("running");
    expect(m.slurm?.sentinel_missing_since).toBeTruthy();

    rep = await monitor({
      scheduler: realScheduler(),
      cwd: work,
      commit: false,
      now: () => new Date(t0.getTime() + 601_000),
      query: { timeoutMs: 20_000 },
    });
    m = manifestAt(work, r.manifestPath);
    expect(m.status).toBe("failed");
    expect(m.slurm?.failure_reason).toBe("sentinel_missing");
  });

  it("refuses an iteration with uncommitted changes (the snapshot would not have them) and writes nothing", async () => {
    const { work } = await checkout({ "experiments/in_progress/dirty/design.yaml": design("true") });
    writeFileSync(path.join(work, "experiments/in_progress/dirty/design.yaml"), design("echo edited"));
    writeFileSync(path.join(work, "experiments/in_progress/dirty/helper.py"), "print(1)\n");
    const before = await fingerprint(work);
    const workRoot = path.join(tmp, "ws-dirty");
    const err = await launch({ scheduler: realScheduler(), cwd: work, design: "dirty", workRoot }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as AutolabError).message).toMatch(/uncommitted changes .*design\.yaml.*helper\.py/);
    expect((await fingerprint(work)).hash).toBe(before.hash);
    expect(existsSync(workRoot)).toBe(false);
  });

  it("--run-id with an existing directory at the work root: only a worktree of this repository at HEAD is reused (issue 11, item 15)", async () => {
    const { work } = await checkout({ "experiments/in_progress/again/design.yaml": design("true") });
    const workRoot = path.join(tmp, "ws-again");
    const runId = "20261128T000000Z_abab01";
    const dir = path.join(workRoot, runId);
    const attempt = () =>
      launch({ scheduler: realScheduler(), cwd: work, design: "again", workRoot, runId }).catch((e: unknown) => e);
    // A plain directory (say, left by hand): the job would run with git_revision null.
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "run.sh"), "echo not the launched code\n");
    const plain = await attempt();
    expect(plain).toBeInstanceOf(AutolabError);
    expect((plain as AutolabError).message).toMatch(/already exists and is not a worktree of this repository/);
    rmSync(dir, { recursive: true });
    // Another repository's checkout.
    const other = await makeRepo({ parent: mkdtempSync(path.join(tmp, "other-")), files: { "x.txt": "x\n" } });
    await git(other.root, "worktree", "add", "-q", "--detach", dir, "HEAD");
    expect(((await attempt()) as AutolabError).message).toMatch(/is not a worktree of this repository/);
    await git(other.root, "worktree", "remove", "--force", dir);
    // A worktree of this repository, at another commit.
    const head = (await git(work, "rev-parse", "HEAD")).trim();
    await git(work, "commit", "-q", "--allow-empty", "-m", "a later commit");
    await git(work, "worktree", "add", "-q", "--detach", dir, head);
    const later = (await git(work, "rev-parse", "HEAD")).trim();
    expect(((await attempt()) as AutolabError).message).toContain(
      `is a worktree of this repository at ${head.slice(0, 12)}, not at ${later.slice(0, 12)} (HEAD)`,
    );
    expect(await git(work, "status", "--porcelain")).toBe("");
    expect((await git(work, "log", "-1", "--format=%s")).trim()).toBe("a later commit");
    // At HEAD: an earlier attempt's snapshot of this run, reused.
    await git(work, "worktree", "remove", "--force", dir);
    await git(work, "worktree", "add", "-q", "--detach", dir, "HEAD");
    const ok = await launch({ scheduler: realScheduler(), cwd: work, design: "again", workRoot, runId, push: false });
    if (ok.jobId) submitted.push(ok.jobId);
    expect(ok.status).toBe("submitted");
    const m = manifestAt(work, ok.manifestPath);
    expect((m.launch as Record<string, unknown>).git_revision).toBe(later);
  });

  it("takes the work root from the option, else from the policy's launch.work_root; refuses one inside the checkout or a relative one", async () => {
    const { work } = await checkout({
      "experiments/in_progress/pol/design.yaml": design("true"),
      ".autolab/verifier_policy.yaml": YAML.stringify({ launch: { work_root: path.join(tmp, "from-policy") } }),
    });
    const fromPolicy = await launch({
      scheduler: realScheduler(),
      cwd: work,
      design: "pol",
      dryRun: true,
      runId: "20261128T000000Z_aaaaaa",
    });
    expect(fromPolicy.dryRun!.script).toContain(
      `#SBATCH --chdir=${path.join(tmp, "from-policy", "20261128T000000Z_aaaaaa")}\n`,
    );
    const fromOption = await launch({
      scheduler: realScheduler(),
      cwd: work,
      design: "pol",
      dryRun: true,
      runId: "20261128T000000Z_aaaaaa",
      workRoot: path.join(tmp, "from-option"),
    });
    expect(fromOption.dryRun!.script).toContain(
      `#SBATCH --chdir=${path.join(tmp, "from-option", "20261128T000000Z_aaaaaa")}\n`,
    );

    const inside = await launch({
      scheduler: realScheduler(),
      cwd: work,
      design: "pol",
      dryRun: true,
      workRoot: path.join(work, "runs-here"),
    }).catch((e: unknown) => e);
    expect((inside as Error).message).toMatch(/inside the checkout/);
    writeFileSync(
      path.join(work, ".autolab/verifier_policy.yaml"),
      YAML.stringify({ launch: { work_root: "relative/dir" } }),
    );
    const relative = await launch({ scheduler: realScheduler(), cwd: work, design: "pol", dryRun: true }).catch(
      (e: unknown) => e,
    );
    expect(relative).toBeInstanceOf(AutolabError);
    expect((relative as AutolabError).location).toMatchObject({
      file: ".autolab/verifier_policy.yaml",
      jsonPath: "/launch/work_root",
    });
  });
});
