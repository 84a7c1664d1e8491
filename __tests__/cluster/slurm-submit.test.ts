/**
 * submitJob, findJobsByName, cancelJobs and probeSlurm against the real dev
 * cluster; retries of transient sbatch errors with a fake sbatch (a real
 * controller cannot produce "Socket timed out" on demand).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelJobs } from "../../src/scheduler/slurm-cli/cancel.js";
import { probeSlurm } from "../../src/scheduler/slurm-cli/probe.js";
import { queryJobs } from "../../src/scheduler/slurm-cli/query.js";
import { findJobsByName, submitJob, SubmitError } from "../../src/scheduler/slurm-cli/submit.js";
import { judgeObservation, type JobObservation, type StateDecision } from "../../src/scheduler/slurm-cli/statemap.js";

/** The adapter's meaning of an observation (the sentinel and grace rules are domain/tick.ts's). */
const judge = (o: JobObservation | undefined): StateDecision =>
  o ? judgeObservation(o) : { phase: "unknown", terminal: false, detail: "" };
import { DEV_CLUSTER_SCRIPT, requireCluster, scancel, startCluster, waitForState } from "../helpers/cluster.js";

const sinfoOnPath = spawnSync("sh", ["-c", "command -v sinfo"], { encoding: "utf8" }).status === 0;
if (!sinfoOnPath) {
  console.warn(
    "\n*** SKIPPING the real-cluster tests of __tests__/slurm-submit.test.ts: `sinfo` is not on PATH, so there is no SLURM here. " +
      `Start the dev cluster with: bash ${DEV_CLUSTER_SCRIPT} start ***\n`,
  );
}

const scratch = mkdtempSync(join(tmpdir(), "autolab-submit-test-"));
chmodSync(scratch, 0o1777);
const uniqueName = (what: string) => `autolab-test-${what}-${randomBytes(4).toString("hex")}`;
const out = (name: string) => `--output=${join(scratch, `${name}-%j.out`)}`;

/** A script at `path` that counts its calls in `<path>.count`. */
function fakeProgram(name: string, body: string): { path: string; calls: () => number } {
  const dir = mkdtempSync(join(tmpdir(), "autolab-fake-"));
  const path = join(dir, name);
  const counter = `${path}.count`;
  writeFileSync(counter, "0");
  writeFileSync(path, `#!/bin/bash\nn=$(( $(cat '${counter}') + 1 ))\necho "$n" > '${counter}'\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, calls: () => Number(readFileSync(counter, "utf8").trim()) };
}

const SOCKET_TIMEOUT = "sbatch: error: Batch job submission failed: Socket timed out on send/recv operation";

describe("submitJob retries (fake sbatch: a real controller cannot time out on demand)", () => {
  it("retries transient errors with backoff and returns the id of the attempt that worked", async () => {
    const fake = fakeProgram(
      "sbatch",
      `if [ "$n" -le 2 ]; then echo "${SOCKET_TIMEOUT}" >&2; exit 1; fi\necho "4242;clusterA"`,
    );
    const r = await submitJob(["--parsable", "--wrap", "true"], { sbatchBin: fake.path, baseDelayMs: 5 });
    expect(r).toMatchObject({ jobId: "4242", cluster: "clusterA", attempts: 3 });
    expect(fake.calls()).toBe(3);
  });

  it("gives up after the retries as transient, with sbatch's words", async () => {
    const fake = fakeProgram("sbatch", `echo "${SOCKET_TIMEOUT}" >&2; exit 1`);
    const e = await submitJob(["--wrap", "true"], { sbatchBin: fake.path, baseDelayMs: 1, retries: 2 }).catch((x) => x);
    expect(e).toBeInstanceOf(SubmitError);
    expect(e).toMatchObject({ kind: "transient", attempts: 3 });
    expect(e.sbatchMessage).toContain("Socket timed out on send/recv operation");
    expect(fake.calls()).toBe(3);
  });

  it("treats its own timeout as transient", async () => {
    const fake = fakeProgram("sbatch", `if [ "$n" -eq 1 ]; then exec sleep 5; fi\necho 77`);
    const r = await submitJob(["--wrap", "true"], { sbatchBin: fake.path, baseDelayMs: 1, timeoutMs: 300 });
    expect(r).toMatchObject({ jobId: "77", attempts: 2 });
  });

  it("fails at once when sbatch prints no job id", async () => {
    const fake = fakeProgram("sbatch", `echo "Submitted batch job 12"`);
    const e = await submitJob(["--wrap", "true"], { sbatchBin: fake.path, baseDelayMs: 1 }).catch((x) => x);
    expect(e).toMatchObject({ kind: "permanent", attempts: 1 });
    expect(fake.calls()).toBe(1);
  });
});

describe.skipIf(!sinfoOnPath)("submit, find, cancel, probe on the real cluster", () => {
  const toCancel: string[] = [];
  beforeAll(async () => {
    await startCluster();
    requireCluster();
  });
  afterAll(async () => {
    for (const id of toCancel) await scancel(id).catch(() => undefined);
  });

  it("submits for real and returns the job id; findJobsByName finds it", async () => {
    const name = uniqueName("ok");
    const r = await submitJob(["--parsable", `--job-name=${name}`, out(name), "--wrap", "true"], { cwd: scratch });
    expect(r.jobId).toMatch(/^\d+$/);
    expect(r.attempts).toBe(1);
    toCancel.push(r.jobId);
    const found = await findJobsByName(name);
    expect(found).toMatchObject({ ok: true, jobIds: [r.jobId] });
    const other = await findJobsByName(uniqueName("never-submitted"));
    expect(other).toEqual({ ok: true, jobIds: [] });
  });

  it("SBATCH_* variables in the runner's environment never override the script's directives", async () => {
    const name = uniqueName("env");
    const script = join(scratch, `${name}.sbatch`);
    writeFileSync(script, `#!/bin/bash\n#SBATCH --job-name=${name}\n#SBATCH --partition=debug\ntrue\n`);
    const saved = { p: process.env.SBATCH_PARTITION, n: process.env.SBATCH_JOB_NAME };
    // Without the scrub, sbatch takes both from the environment over the #SBATCH lines (sbatch(1)).
    process.env.SBATCH_PARTITION = "short";
    process.env.SBATCH_JOB_NAME = "hijacked";
    let jobId: string;
    try {
      jobId = (await submitJob(["--parsable", out(name), script], { cwd: scratch })).jobId;
    } finally {
      for (const [k, v] of [
        ["SBATCH_PARTITION", saved.p],
        ["SBATCH_JOB_NAME", saved.n],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    toCancel.push(jobId);
    const show = spawnSync("scontrol", ["show", "job", jobId], { encoding: "utf8" }).stdout;
    expect(show).toContain(`JobName=${name}`);
    expect(show).toMatch(/Partition=debug\b/);
  });

  it("an invalid partition fails at once as permanent, with sbatch's words", async () => {
    const e = await submitJob(["--partition=no-such-partition", "--wrap", "true"], {
      cwd: scratch,
      baseDelayMs: 1,
    }).catch((x) => x);
    expect(e).toBeInstanceOf(SubmitError);
    expect(e).toMatchObject({ kind: "permanent", attempts: 1 });
    expect(e.sbatchMessage).toContain("Invalid partition name specified");
    expect(e.message).toContain("Invalid partition name specified");
  });

  it("memory beyond the node fails at once: Requested node configuration is not available", async () => {
    const e = await submitJob(["--mem=100000000", "--wrap", "true"], { cwd: scratch, baseDelayMs: 1 }).catch((x) => x);
    expect(e).toMatchObject({ kind: "permanent", attempts: 1 });
    expect(e.sbatchMessage).toContain("Requested node configuration is not available");
  });

  it("a lost reply: the retry adopts the job the first attempt created instead of submitting twice", async () => {
    // The fake wraps the real sbatch: attempt 1 submits, then pretends the reply was lost.
    const fake = fakeProgram(
      "sbatch",
      `if [ "$n" -eq 1 ]; then sbatch "$@" > /dev/null || exit 9; echo "${SOCKET_TIMEOUT}" >&2; exit 1; fi\nexec sbatch "$@"`,
    );
    const name = uniqueName("adopt");
    const r = await submitJob(["--parsable", `--job-name=${name}`, "--begin=now+1hour", out(name), "--wrap", "true"], {
      sbatchBin: fake.path,
      cwd: scratch,
      baseDelayMs: 1,
      adoptJobName: name,
    });
    toCancel.push(r.jobId);
    expect(r.adopted).toBe(true);
    expect(fake.calls()).toBe(1);
    expect((await findJobsByName(name)).jobIds).toEqual([r.jobId]);
  });

  it("cancelJobs cancels a pending and a running job in one call; unknown ids are not errors", async () => {
    const pending = await submitJob(
      ["--job-name=autolab-test-cancel-p", "--begin=now+1hour", out("cp"), "--wrap", "true"],
      { cwd: scratch },
    );
    const running = await submitJob(["--job-name=autolab-test-cancel-r", out("cr"), "--wrap", "sleep 300"], {
      cwd: scratch,
    });
    toCancel.push(pending.jobId, running.jobId);
    await waitForState(running.jobId, (s) => s === "RUNNING", 120_000);
    const c = await cancelJobs([pending.jobId, running.jobId, "987654321"]);
    expect(c.ok).toBe(true);
    expect(c.call!.argv).toEqual(["scancel", pending.jobId, running.jobId, "987654321"]);
    await waitForState(pending.jobId, (s) => s === "CANCELLED");
    await waitForState(running.jobId, (s) => s === "CANCELLED");
    const q = await queryJobs([pending.jobId, running.jobId]);
    for (const id of [pending.jobId, running.jobId]) {
      expect(judge(q.observations.get(id)).failureReason).toBe("cancelled");
    }
    expect((await cancelJobs(["not-a-job"])).ok).toBe(false);
  });

  it("probeSlurm (deep) reports versions, partitions with limits, and working accounting", async () => {
    const p = await probeSlurm({ deep: true, timeoutMs: 20_000 });
    expect(p.canSubmit).toBe(true);
    for (const t of ["sinfo", "squeue", "sbatch", "sacct", "scontrol", "scancel"] as const) {
      expect(p.tools[t]).toMatchObject({ found: true, version: expect.stringMatching(/^\d+\.\d+/) });
    }
    expect(p.controller).toEqual({ reachable: true });
    const debug = p.partitions.find((x) => x.name === "debug");
    expect(debug).toMatchObject({ default: true, maxTime: "infinite" });
    expect(p.partitions.find((x) => x.name === "short")).toMatchObject({ default: false, maxTime: "10:00" });
    expect(p.accounting).toMatchObject({ works: true, checked: true });
    expect(p.summary[0]).toBe("this host can submit to SLURM");
    expect(p.summary.join("\n")).toMatch(/partition debug \(default\)/);
  });
});

describe("probeSlurm without SLURM", () => {
  it("says the host cannot submit and why, when the tools are not there", async () => {
    const missing = "/nonexistent/autolab/bin";
    const p = await probeSlurm({
      deep: true,
      bins: {
        sinfo: `${missing}/sinfo`,
        squeue: `${missing}/squeue`,
        sbatch: `${missing}/sbatch`,
        sacct: `${missing}/sacct`,
        scontrol: `${missing}/scontrol`,
        scancel: `${missing}/scancel`,
      },
      env: { SLURM_CONF: "/etc/slurm/slurm.conf", HOME: "/root" },
    });
    expect(p.canSubmit).toBe(false);
    expect(p.tools.sbatch).toEqual({ found: false, error: "not on PATH" });
    expect(p.env).toEqual({ SLURM_CONF: "/etc/slurm/slurm.conf" });
    expect(p.summary[0]).toBe("this host cannot submit to SLURM");
    expect(p.summary.join("\n")).toContain("sbatch --version: not on PATH");
    expect(p.partitions).toEqual([]);
  });
});
