/**
 * The dev cluster's second cluster (scripts/dev-cluster.sh starts `autolab-dev2` beside
 * `autolab-dev`, in the same slurmdbd): it is up, reachable with `-M` from a client that
 * reads autolab-dev's slurm.conf, has a node that really runs jobs and MaxArraySize=5; and
 * the adapter asks it about, and cancels, its own jobs (`id;cluster` refs, `-M`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ok, runArgv } from "../../src/util/exec.js";
import { queryJobs } from "../../src/scheduler/slurm-cli/query.js";
import { cancelJobs } from "../../src/scheduler/slurm-cli/cancel.js";
import { controllerView, findJobsByName, runsOfJobs, submitJob } from "../../src/scheduler/slurm-cli/submit.js";
import { readMaxArraySize } from "../../src/scheduler/slurm-cli/probe.js";
import { requireCluster, slurmOnPath } from "../helpers/cluster.js";

const DEV2 = "autolab-dev2";
const submitted: string[] = [];

async function run(cmd: string, args: string[], env?: Record<string, string>): Promise<string> {
  const r = await runArgv(cmd, args, { timeoutMs: 30_000, cwd: "/tmp", env });
  if (!ok(r)) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

async function sbatch2(args: string[]): Promise<string> {
  const out = (await run("sbatch", ["--parsable", "-M", DEV2, "--output=/dev/null", ...args])).trim();
  expect(out).toMatch(new RegExp(`^\\d+;${DEV2}$`));
  submitted.push(out);
  return out;
}

async function until<T>(f: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe.skipIf(!slurmOnPath("multi-cluster.test.ts"))("second cluster autolab-dev2 (-M)", () => {
  beforeAll(() => requireCluster());
  afterAll(async () => {
    if (submitted.length) await cancelJobs(submitted);
  });

  it("is registered in the same slurmdbd and answers -M with its own node and MaxArraySize=5", async () => {
    const clusters = (await run("sacctmgr", ["-n", "-P", "list", "cluster", "format=Cluster,ControlPort"])).trim();
    expect(clusters.split("\n")).toContain(`${DEV2}|6827`);
    expect(clusters.split("\n")).toContain("autolab-dev|6817");
    expect((await run("sinfo", ["-M", DEV2, "-h", "-N", "-o", "%N"])).trim().split("\n")).toContain("dev2node");
    expect(await run("scontrol", ["-M", DEV2, "show", "config"])).toMatch(/^MaxArraySize\s*=\s*5$/m);
    // The default cluster is unchanged.
    expect(await run("scontrol", ["show", "config"])).toMatch(/^ClusterName\s*=\s*autolab-dev$/m);
  });

  it("runs a job on dev2node, and the adapter follows it there with -M (not on autolab-dev)", async () => {
    const ref = await sbatch2(["--wrap", "true"]);
    const seen = await until(async () => {
      const q = await queryJobs([ref]);
      const o = q.observations.get(ref);
      return o && o.state === "COMPLETED" && o.source === "sacct" ? { q, o } : undefined;
    }, `job ${ref} COMPLETED in sacct -M ${DEV2}`);
    expect(seen.o.cluster).toBe(DEV2);
    expect(seen.o.nodeList).toBe("dev2node");
    expect(seen.q.calls.every((c) => c.argv.slice(1, 3).join(" ") === `-M ${DEV2}`)).toBe(true);
    // The same id on the default cluster is another job (or none): it is not this one.
    const id = ref.split(";")[0];
    const here = await queryJobs([id]);
    expect(here.observations.get(id)?.nodeList).not.toBe("dev2node");
  });

  it("cancels a dev2 job on dev2 (scancel -M)", async () => {
    const ref = await sbatch2(["--wrap", "sleep 300"]);
    const r = await cancelJobs([ref]);
    expect(r.ok).toBe(true);
    expect(r.call?.argv.slice(1, 3)).toEqual(["-M", DEV2]);
    const id = ref.split(";")[0];
    await until(async () => {
      const s = (await run("squeue", ["-M", DEV2, "-h", "--states=all", "-j", id, "-o", "%T"])).trim();
      return /CANCELLED/.test(s) ? s : undefined;
    }, `job ${ref} CANCELLED on ${DEV2}`);
  });

  it("every lookup the adapter makes asks the named cluster: by name, which run, the controller's list, MaxArraySize", async () => {
    const name = `autolab-mc-lookup-${process.pid}`;
    const runId = "20261203T000000Z_abcdef";
    const ref = await sbatch2([`--job-name=${name}`, `--export=ALL,AUTOLAB_RUN_ID=${runId}`, "--wrap", "sleep 20"]);
    const id = ref.split(";")[0];
    const found = await until(async () => {
      const f = await findJobsByName(name, { cluster: DEV2 });
      return f.jobIds.includes(id) ? f : undefined;
    }, `job ${ref} found by name on ${DEV2}`);
    expect(found).toMatchObject({ ok: true, jobIds: [id] });
    // The default cluster has no job of that name.
    expect((await findJobsByName(name)).jobIds).toEqual([]);
    const ctl = await controllerView(name, { cluster: DEV2 });
    expect(ctl).toMatchObject({ ok: true, jobIds: [id], keepsFinishedSeconds: 300 });
    expect((await controllerView(name)).jobIds).toEqual([]);
    const runs = await until(async () => {
      const r = await runsOfJobs([id], { cluster: DEV2 });
      return r[id] ? r : undefined;
    }, `the run of job ${ref} on ${DEV2}`);
    expect(runs[id]).toEqual({ runId });
    expect(await readMaxArraySize({ cluster: DEV2 })).toBe(5);
    expect(await readMaxArraySize({})).toBeGreaterThan(5);
  });

  it("SLURM_CLUSTERS / SBATCH_CLUSTERS in the runner's environment do not redirect a submit; a named cluster does (id;cluster)", async () => {
    const prev = { a: process.env.SLURM_CLUSTERS, b: process.env.SBATCH_CLUSTERS };
    process.env.SLURM_CLUSTERS = DEV2;
    process.env.SBATCH_CLUSTERS = DEV2;
    try {
      // No cluster asked for: the client's own cluster, whatever the environment says.
      const plain = await submitJob(["--output=/dev/null", "--wrap", "true"], { cwd: "/tmp" });
      submitted.push(plain.jobId);
      expect(plain.cluster).toBeUndefined();
      expect(plain.stdout.trim()).toBe(plain.jobId);
      const here = await until(async () => {
        const q = await queryJobs([plain.jobId]);
        const o = q.observations.get(plain.jobId);
        return o?.nodeList ? { q, o } : undefined;
      }, `job ${plain.jobId} on autolab-dev`);
      expect(here.o.nodeList).toBe("localhost");
      expect(here.q.calls.every((c) => !c.argv.includes("-M"))).toBe(true);
      // The cluster named on the command line (what compute.cluster becomes): id;cluster.
      const sub = await submitJob([`--clusters=${DEV2}`, "--output=/dev/null", "--wrap", "true"], {
        cwd: "/tmp",
        cluster: DEV2,
      });
      submitted.push(`${sub.jobId};${sub.cluster}`);
      expect(sub.cluster).toBe(DEV2);
      expect(sub.stdout.trim()).toBe(`${sub.jobId};${DEV2}`);
    } finally {
      for (const [k, v] of [
        ["SLURM_CLUSTERS", prev.a],
        ["SBATCH_CLUSTERS", prev.b],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
