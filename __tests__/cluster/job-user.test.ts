/**
 * `launch.job_user` on the real dev cluster (issue 11, "beyond the list"):
 * the runner (root here, as every test) submits the job as the dev cluster's
 * unprivileged user autolab-ci through `sudo -n -u autolab-ci --`, from a
 * snapshot without `.git` that autolab-ci unpacked and owns in the work root,
 * while the runner's checkout stays root's. A hostile job tries to read the
 * runner's token file, to plant a hook in the checkout's `.git`, to write into
 * the checkout and to leak the token through links in its run directory: each
 * fails, and the monitor (which resubmits the run's first, checkpointed attempt
 * as the same user) completes the run and syncs its outputs without following
 * the links. cancel cancels a job user's job as that user. Without a sudoers
 * rule (a non-root runner, autolab-ci, asking to become `nobody`) launch and
 * doctor fail naming the policy key and the sudoers line to add.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { cancel } from "../../src/commands/cancel.js";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import { attemptsOf } from "../../src/domain/attempts.js";
import { runArgv } from "../../src/util/exec.js";
import {
  clusterUp,
  DEV_CLUSTER_SCRIPT,
  realScheduler,
  requireCluster,
  scancel,
  TEST_USER,
  waitForSacct,
  waitForState,
} from "../helpers/cluster.js";
import { cloneRepo, CLI_ENTRY, git, GIT_ENV, makeRepo, TSX_LOADER } from "../helpers/repo.js";

/** The dev cluster's second unprivileged user: TEST_USER may become it through sudo (scripts/dev-cluster.sh). */
const JOB_USER = "autolab-job";

const sudoThere = existsSync("/usr/bin/sudo");
if (!clusterUp() || !sudoThere) {
  console.warn(
    `\n*** SKIPPING __tests__/cluster/job-user.test.ts: ${!sudoThere ? "sudo is not installed" : "the SLURM dev cluster is not up"}. Start it with: bash ${DEV_CLUSTER_SCRIPT} start (it installs sudo) ***\n`,
  );
}

const TOKEN = "ghs_jobUserTestTokenValue0123456789abcdef";
const submitted: string[] = [];
let tmp: string;
let uid: number;
let gid: number;

beforeAll(async () => {
  // Traversable by the job user (mkdtemp makes 0700): it must reach the work root below it.
  tmp = mkdtempSync(path.join(tmpdir(), "autolab-jobuser-"));
  chmodSync(tmp, 0o755);
  uid = Number((await runArgv("id", ["-u", TEST_USER])).stdout.trim());
  gid = Number((await runArgv("id", ["-g", TEST_USER])).stdout.trim());
});
afterAll(async () => {
  for (const id of submitted) await scancel(id).catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

/**
 * The user a job ran as, from the controller's own record (kept MinJobAge after the end):
 * sacct -j can briefly answer with an older job of the same id (the cluster's ids restart
 * after a state wipe, the accounting database keeps the old rows) before this job's row arrives.
 */
async function jobUserOf(jobId: string): Promise<string> {
  const r = await runArgv("scontrol", ["show", "job", "-o", jobId], { timeoutMs: 30_000 });
  return / UserId=([^(\s]+)\(/.exec(r.stdout)?.[1] ?? `(no controller record: ${r.stderr.trim()})`;
}

/** The runner's checkout (root's, 0755 dirs), its remote, a token file only root can read, and a work root owned by the job user. */
async function setup(name: string, designDoc: Record<string, unknown>, files: Record<string, string> = {}) {
  const parent = mkdtempSync(path.join(tmp, `${name}-`));
  chmodSync(parent, 0o755);
  const workRoot = path.join(parent, "job-runs");
  mkdirSync(workRoot);
  chownSync(workRoot, uid, gid);
  const tokenFile = path.join(parent, "runner-token");
  writeFileSync(tokenFile, TOKEN + "\n", { mode: 0o600 });
  const seed = await makeRepo({
    parent,
    scaffold: false,
    remote: true,
    files: {
      ...files,
      ".autolab/verifier_policy.yaml": YAML.stringify({ launch: { job_user: TEST_USER, work_root: workRoot } }),
      [`experiments/in_progress/${name}/design.yaml`]: YAML.stringify(designDoc),
    },
  });
  const work = await cloneRepo(seed.remote!, path.join(parent, "work"));
  return { parent, work, remote: seed.remote!, workRoot, tokenFile };
}

const tick = (cwd: string) => monitor({ scheduler: realScheduler(), cwd, query: { timeoutMs: 20_000 } });
const manifestAt = (work: string, rel: string) => JSON.parse(readFileSync(path.join(work, rel), "utf8")) as RunManifest;

describe.skipIf(!clusterUp() || !sudoThere)("launch.job_user: the job runs as another, unprivileged user", () => {
  it("runs the job as autolab-ci from a snapshot without .git; a hostile job cannot read the runner's token, write the checkout or its .git; the monitor resubmits it as that user, completes the run and syncs its outputs without following its links", async () => {
    requireCluster();
    // The paths the hostile job aims at are known only after the checkout is made: it reads them from a file.
    const hostile = [
      "set -u",
      'o="$AUTOLAB_RUN_DIR"',
      'if [ "${AUTOLAB_ATTEMPT:-1}" = 1 ]; then exit 85; fi # attempt 1: "checkpointed, resume me"',
      ". ./targets.sh",
      'id -un > "$o/whoami.txt"',
      'if cat "$TOKEN_FILE" > "$o/stolen.txt" 2>/dev/null; then echo read; else echo denied; fi > "$o/token-read.txt"',
      'if echo "curl evil" > "$CHECKOUT/.git/hooks/reference-transaction" 2>/dev/null; then echo wrote; else echo denied; fi > "$o/hook-write.txt"',
      'if echo x > "$CHECKOUT/planted.txt" 2>/dev/null; then echo wrote; else echo denied; fi > "$o/checkout-write.txt"',
      'if [ -e .git ]; then echo yes; else echo no; fi > "$o/has-git.txt"',
      'if git rev-parse --git-dir >/dev/null 2>&1; then echo yes; else echo no; fi > "$o/git-reachable.txt"',
      'env > "$o/env.txt"',
      'ln -s "$TOKEN_FILE" "$o/leak.txt"',
      'ln -s "$TOKEN_FILE" "$o/result.json"',
      'mkdir -p "$o/out" && echo 0.5 > "$o/out/score.txt"',
      'echo \'{"primary_metric": {"name": "acc", "value": 0.5}}\' > "$o/metrics-src.json"',
    ].join("\n");
    const s = await setup(
      "ju",
      {
        compute: {
          location: "slurm",
          walltime_estimate: "00:10:00",
          partition: "debug",
          max_restarts: 1,
          resubmit_on: ["checkpointed"],
        },
        entrypoint: { cli: "bash hostile.sh" },
        artifact_sync: { mode: "shared", outputs: ["out/score.txt"] },
        extract_parser: { kind: "command", command: "cat {run_dir}/metrics-src.json" },
      },
      { "hostile.sh": hostile + "\n", "targets.sh": "" },
    );
    // targets.sh names the runner's files; commit it so the snapshot has it.
    writeFileSync(path.join(s.work, "targets.sh"), `TOKEN_FILE=${s.tokenFile}\nCHECKOUT=${s.work}\n`);
    await git(s.work, "commit", "-qam", "targets");
    await git(s.work, "push", "-q", "origin", "main");
    const hooksBefore = readdirNames(path.join(s.work, ".git/hooks"));

    // A runner variable (as a token would be) must not reach the job: sudo's environment holds none of ours.
    process.env.AUTOLAB_TEST_RUNNER_SECRET = TOKEN;
    let r;
    try {
      r = await launch({ scheduler: realScheduler(), cwd: s.work, design: "ju" });
    } finally {
      delete process.env.AUTOLAB_TEST_RUNNER_SECRET;
    }
    expect(r.status).toBe("submitted");
    submitted.push(r.jobId!);
    const snapshot = path.join(s.workRoot, r.runId);
    const runRel = `experiments/in_progress/ju/runs/${r.runId}`;
    const m0 = manifestAt(s.work, r.manifestPath);
    expect(m0.command).toMatch(new RegExp(`^sudo -n -u ${TEST_USER} -- sbatch `));
    expect((m0.launch as Record<string, unknown>).work_dir).toBe(snapshot);
    expect((m0.launch as Record<string, unknown>).git_revision).toBe((await git(s.work, "rev-parse", "HEAD~1")).trim());
    // The snapshot: the job user's, no .git, the launched commit's files, the script, logs/.
    expect(statSync(snapshot).uid).toBe(uid);
    expect(existsSync(path.join(snapshot, ".git"))).toBe(false);
    expect(statSync(path.join(snapshot, runRel, "run_slurm.sbatch")).uid).toBe(uid);
    expect(readFileSync(path.join(snapshot, "targets.sh"), "utf8")).toContain(s.tokenFile);

    // Tick until the checkpointed attempt 1 was resubmitted (as the job user) and the run completed.
    const deadline = Date.now() + 240_000;
    let m = manifestAt(s.work, r.manifestPath);
    while (m.status !== "completed" && m.status !== "failed") {
      if (Date.now() > deadline) throw new Error(`not done: ${m.status} ${JSON.stringify(m.history)}`);
      await new Promise((res) => setTimeout(res, 2000));
      await tick(s.work);
      m = manifestAt(s.work, r.manifestPath);
      for (const a of attemptsOf(m)) if (!submitted.includes(a.job_id)) submitted.push(a.job_id);
    }
    expect(m.status, JSON.stringify(m.history)).toBe("completed");
    const attempts = attemptsOf(m);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ end_reason: "checkpointed" });
    // Both attempts ran as the job user (accounting), and the job's outputs are its own.
    expect(await jobUserOf(attempts[0].job_id)).toBe(TEST_USER);
    expect(await jobUserOf(attempts[1].job_id)).toBe(TEST_USER);
    const inSnap = (f: string) => path.join(snapshot, runRel, f);
    expect(statSync(inSnap("whoami.txt")).uid).toBe(uid);
    expect(readFileSync(inSnap("whoami.txt"), "utf8").trim()).toBe(TEST_USER);

    // What the hostile job got: nothing of the runner's.
    expect(readFileSync(inSnap("token-read.txt"), "utf8").trim()).toBe("denied");
    expect(readFileSync(inSnap("stolen.txt"), "utf8")).toBe("");
    expect(readFileSync(inSnap("hook-write.txt"), "utf8").trim()).toBe("denied");
    expect(readFileSync(inSnap("checkout-write.txt"), "utf8").trim()).toBe("denied");
    expect(readFileSync(inSnap("has-git.txt"), "utf8").trim()).toBe("no");
    expect(readFileSync(inSnap("git-reachable.txt"), "utf8").trim()).toBe("no");
    const env = readFileSync(inSnap("env.txt"), "utf8");
    expect(env).not.toContain(TOKEN);
    expect(env).not.toContain("AUTOLAB_TEST_RUNNER_SECRET");
    expect(env).toContain(`USER=${TEST_USER}`);
    expect(readdirNames(path.join(s.work, ".git/hooks"))).toEqual(hooksBefore);
    expect(existsSync(path.join(s.work, "planted.txt"))).toBe(false);

    // The monitor synced the outputs and extracted the metrics; the links the job made were not followed.
    expect(m.artifact_sync_to_local.status).toBe("ok");
    expect(readFileSync(path.join(s.work, runRel, "out/score.txt"), "utf8").trim()).toBe("0.5");
    const metrics = JSON.parse(readFileSync(path.join(s.work, runRel, "metrics.json"), "utf8"));
    expect(metrics).toMatchObject({ primary_metric: { name: "acc", value: 0.5 } });
    // The job's links are not copied into the checkout (nor read through: no token anywhere below).
    for (const f of ["leak.txt", "result.json"]) {
      const p = path.join(s.work, runRel, f);
      expect(existsSync(p) || isLink(p), f).toBe(false);
    }
    // Nothing committed holds the token.
    const pushed = await git(s.remote, "log", "-p", "--all");
    expect(pushed).not.toContain(TOKEN);
  }, 400_000);

  it("a sweep is one array submitted as the job user from its snapshot; every task runs as that user and completes", async () => {
    requireCluster();
    const s = await setup(
      "jsw",
      {
        compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
        entrypoint: { cli: "bash task.sh" },
        extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
        replicates: 2,
      },
      {
        "task.sh":
          'id -un > "$AUTOLAB_RUN_DIR/who.txt"\necho \'{"primary_metric": {"name": "acc", "value": 1}}\' > "$AUTOLAB_RUN_DIR/result.json"\n',
      },
    );
    const r = await launch({ scheduler: realScheduler(), cwd: s.work, design: "jsw" });
    expect(r.sweep?.runIds).toHaveLength(2);
    const arrayId = r.sweep!.arrays[0];
    submitted.push(arrayId);
    expect(r.sweep!.chunks[0].argv.slice(0, 6)).toEqual(["sudo", "-n", "-u", TEST_USER, "--", "sbatch"]);
    const snapshot = path.join(s.workRoot, r.runId);
    expect(statSync(snapshot).uid).toBe(uid);
    expect(existsSync(path.join(snapshot, ".git"))).toBe(false);
    const rel = (id: string) => `experiments/in_progress/jsw/runs/${id}/run_manifest.json`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      await tick(s.work);
      const states = r.sweep!.runIds.map((id) => manifestAt(s.work, rel(id)).status);
      if (states.every((st) => st === "completed")) break;
      expect(states).not.toContain("failed");
      if (Date.now() > deadline) throw new Error(`sweep not done: ${states.join(", ")}`);
      await new Promise((res) => setTimeout(res, 2000));
    }
    // The controller's record of every task of the array (see jobUserOf on why not sacct).
    const show = await runArgv("scontrol", ["show", "job", "-o", arrayId], { timeoutMs: 30_000 });
    const users = [...show.stdout.matchAll(/ UserId=([^(\s]+)\(/g)].map((x) => x[1]);
    expect(users).toHaveLength(2);
    expect([...new Set(users)]).toEqual([TEST_USER]);
    for (const id of r.sweep!.runIds)
      expect(readFileSync(path.join(s.work, `experiments/in_progress/jsw/runs/${id}/who.txt`), "utf8").trim()).toBe(
        TEST_USER,
      );
  }, 240_000);

  it("cancel cancels a job user's job as that user (scancel through sudo)", async () => {
    requireCluster();
    const s = await setup("jc", {
      compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
      entrypoint: { cli: "sleep 300" },
    });
    const r = await launch({ scheduler: realScheduler(), cwd: s.work, design: "jc" });
    expect(r.status).toBe("submitted");
    submitted.push(r.jobId!);
    expect(await jobUserOf(r.jobId!)).toBe(TEST_USER);
    const c = await cancel({ scheduler: realScheduler(), cwd: s.work, runId: r.runId, reason: "test" });
    expect(c).toMatchObject({ after: "failed", scancelled: true });
    const deadline = Date.now() + 60_000;
    let state = "";
    while (Date.now() < deadline) {
      const q = await runArgv("sacct", ["-n", "-X", "-P", "-j", r.jobId!, "-o", "State"], { timeoutMs: 30_000 });
      state = q.stdout.trim();
      if (state.startsWith("CANCELLED")) break;
      await new Promise((res) => setTimeout(res, 1000));
    }
    // "CANCELLED by <uid>": the job user cancelled its own job.
    expect(state).toBe(`CANCELLED by ${uid}`);
  }, 120_000);

  it("an unprivileged runner (autolab-ci, with the dev cluster's sudoers rule) launches, monitors and cancels as the job user autolab-job, whose job cannot reach the runner's token or checkout", async () => {
    requireCluster();
    const ciUid = Number((await runArgv("id", ["-u", TEST_USER])).stdout.trim());
    const jobUid = Number((await runArgv("id", ["-u", JOB_USER])).stdout.trim());
    const parent = mkdtempSync(path.join(tmp, "unpriv-"));
    chmodSync(parent, 0o755);
    const work = path.join(parent, "work");
    const tokenFile = path.join(parent, "runner-token");
    const workRoot = path.join(parent, "job-runs");
    const design = (cli: string) =>
      YAML.stringify({
        compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
        entrypoint: { cli },
        extract_parser: { kind: "command", command: "cat {run_dir}/metrics-src.json" },
      });
    const hostile = [
      'o="$AUTOLAB_RUN_DIR"',
      'id -un > "$o/whoami.txt"',
      `if cat ${tokenFile} > "$o/stolen.txt" 2>/dev/null; then echo read; else echo denied; fi > "$o/token-read.txt"`,
      `if echo evil > ${work}/.git/hooks/reference-transaction 2>/dev/null; then echo wrote; else echo denied; fi > "$o/hook-write.txt"`,
      `if echo x > ${work}/planted.txt 2>/dev/null; then echo wrote; else echo denied; fi > "$o/checkout-write.txt"`,
      'echo \'{"primary_metric": {"name": "acc", "value": 0.25}}\' > "$o/metrics-src.json"',
    ].join("\n");
    const seed = await makeRepo({
      parent,
      scaffold: false,
      remote: true,
      files: {
        ".autolab/verifier_policy.yaml": YAML.stringify({ launch: { job_user: JOB_USER, work_root: workRoot } }),
        "hostile.sh": hostile + "\n",
        "experiments/in_progress/up/design.yaml": design("bash hostile.sh"),
        "experiments/in_progress/uc/design.yaml": design("sleep 300"),
      },
    });
    await cloneRepo(seed.remote!, work);
    writeFileSync(tokenFile, TOKEN + "\n", { mode: 0o600 });
    const home = path.join(parent, "home");
    mkdirSync(home);
    // The runner owns its checkout, remote, token and home; the job user owns the work root.
    const chown = await runArgv("chown", ["-R", `${TEST_USER}:${TEST_USER}`, parent]);
    expect(chown.code, chown.stderr).toBe(0);
    mkdirSync(workRoot);
    chownSync(workRoot, jobUid, Number((await runArgv("id", ["-g", JOB_USER])).stdout.trim()));
    const asCi = (args: string[]) =>
      runArgv("runuser", ["-u", TEST_USER, "--", process.execPath, "--import", TSX_LOADER, CLI_ENTRY, ...args], {
        cwd: work,
        env: { ...GIT_ENV, HOME: home, NO_COLOR: "1", GITHUB_ACTIONS: undefined },
        timeoutMs: 120_000,
      });

    const d = await asCi(["doctor"]);
    expect(d.stdout + d.stderr).toContain(
      `sudo -n lets ${TEST_USER} run sbatch, scancel, scontrol, tar, rm as ${JOB_USER}`,
    );
    const l = await asCi(["launch", "up"]);
    expect(l.code, l.stdout + l.stderr).toBe(0);
    const jobId = /job_id:\s+(\d+)/.exec(l.stdout)?.[1];
    const runId = /run_id:\s+(\S+)/.exec(l.stdout)?.[1];
    expect(jobId && runId).toBeTruthy();
    submitted.push(jobId!);
    expect(
      await waitForState(jobId!, (st) => !["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].includes(st), 100_000),
    ).toBe("COMPLETED");
    expect(await jobUserOf(jobId!)).toBe(JOB_USER);
    const runRel = `experiments/in_progress/up/runs/${runId}`;
    const inSnap = (f: string) => path.join(workRoot, runId!, runRel, f);
    expect(statSync(inSnap("whoami.txt")).uid).toBe(jobUid);
    expect(readFileSync(inSnap("token-read.txt"), "utf8").trim()).toBe("denied");
    expect(readFileSync(inSnap("hook-write.txt"), "utf8").trim()).toBe("denied");
    expect(readFileSync(inSnap("checkout-write.txt"), "utf8").trim()).toBe("denied");

    // The runner's monitor reads the job user's files and completes the run; the commit is the runner's.
    let m: RunManifest | undefined;
    for (let i = 0; i < 10; i++) {
      const t = await asCi(["monitor"]);
      expect(t.code, t.stdout + t.stderr).toBe(0);
      m = manifestAt(work, `${runRel}/run_manifest.json`);
      if (m.status === "completed") break;
      await new Promise((res) => setTimeout(res, 2000));
    }
    expect(m?.status, JSON.stringify(m?.history)).toBe("completed");
    expect(JSON.parse(readFileSync(path.join(work, runRel, "metrics.json"), "utf8"))).toMatchObject({
      primary_metric: { value: 0.25 },
    });
    expect(statSync(path.join(work, runRel, "metrics.json")).uid).toBe(ciUid);
    expect(await git(seed.remote!, "log", "-p", "--all")).not.toContain(TOKEN);

    // cancel, as the runner: scancel runs as the job user, who owns the job.
    const c0 = await asCi(["launch", "uc"]);
    expect(c0.code, c0.stdout + c0.stderr).toBe(0);
    const cJob = /job_id:\s+(\d+)/.exec(c0.stdout)![1];
    const cRun = /run_id:\s+(\S+)/.exec(c0.stdout)![1];
    submitted.push(cJob);
    const c = await asCi(["cancel", cRun]);
    expect(c.code, c.stdout + c.stderr).toBe(0);
    expect(await waitForState(cJob, (st) => st.startsWith("CANCELLED"), 60_000)).toMatch(/^CANCELLED/);
    // The controller knows first; slurmdbd records the cancel a moment later.
    await waitForSacct(cJob, 120_000);
    const how = await runArgv("sacct", ["-n", "-X", "-P", "-j", cJob, "-o", "State"], { timeoutMs: 30_000 });
    expect(how.stdout.trim()).toBe(`CANCELLED by ${jobUid}`);
  }, 400_000);

  it("without a sudoers rule, launch and doctor fail naming launch.job_user and the sudoers line to add", async () => {
    requireCluster();
    // A non-root runner (autolab-ci, which owns its checkout) whose policy names a job user it has no rule for.
    const parent = mkdtempSync(path.join(tmp, "norule-"));
    chmodSync(parent, 0o755);
    const workRoot = path.join(parent, "runs");
    mkdirSync(workRoot);
    const seed = await makeRepo({
      parent,
      scaffold: false,
      files: {
        ".autolab/verifier_policy.yaml": YAML.stringify({ launch: { job_user: "nobody", work_root: workRoot } }),
        "experiments/in_progress/nr/design.yaml": YAML.stringify({
          compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
          entrypoint: { cli: "true" },
        }),
      },
    });
    const home = path.join(parent, "home");
    mkdirSync(home);
    const chown = await runArgv("chown", ["-R", `${TEST_USER}:${TEST_USER}`, parent]);
    expect(chown.code, chown.stderr).toBe(0);
    const asCi = (args: string[]) =>
      runArgv("runuser", ["-u", TEST_USER, "--", process.execPath, "--import", TSX_LOADER, CLI_ENTRY, ...args], {
        cwd: seed.root,
        env: { HOME: home, NO_COLOR: "1", GITHUB_ACTIONS: undefined },
        timeoutMs: 120_000,
      });
    const l = await asCi(["launch", "nr", "--no-commit"]);
    const said = l.stdout + l.stderr;
    expect(l.code, said).not.toBe(0);
    expect(said).toContain("launch.job_user is nobody");
    // The first thing run as the job user is the test submission (sbatch --test-only, before the snapshot).
    expect(said).toContain("sudo -n could not run sbatch");
    expect(said).toMatch(
      new RegExp(
        `${TEST_USER} ALL=\\(nobody\\) NOPASSWD: /usr/bin/sbatch, /usr/bin/scancel, /usr/bin/scontrol, /usr/bin/tar, /usr/bin/rm`,
      ),
    );
    // Nothing was submitted or recorded.
    expect(existsSync(path.join(seed.root, "experiments/in_progress/nr/runs"))).toBe(false);
    const d = await asCi(["doctor"]);
    const dsaid = d.stdout + d.stderr;
    expect(dsaid).toMatch(/job user/);
    expect(dsaid).toContain("sudo -n does not let autolab-ci run");
    expect(dsaid).toContain(`${TEST_USER} ALL=(nobody) NOPASSWD:`);
  }, 300_000);
});

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
