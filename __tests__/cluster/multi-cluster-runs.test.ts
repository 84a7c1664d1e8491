/**
 * Runs on a named cluster, end to end on the real second dev cluster
 * `autolab-dev2` (issue 10, item 6): a design with `compute.cluster` is
 * launched there (`--clusters`), runs on dev2node, is followed by the monitor
 * to completed with `-M` while a run of the same repository on the default
 * cluster is asked without it (also with SLURM_CLUSTERS / SBATCH_CLUSTERS in
 * the runner's environment trying to redirect it); a run there is cancelled
 * there; a launch key's job there is adopted from a clone that has not pulled;
 * each cluster is asked once per tick however many runs it has; and a 12-task
 * sweep is split by dev2's own MaxArraySize (5) into arrays of 5/5/2, all
 * followed to completion.
 *
 * Every client call is logged by a wrapper (program and arguments) that
 * execs the real program: the cluster answers every call.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { monitor, type MonitorReport } from "../../src/commands/monitor/index.js";
import { cancel } from "../../src/commands/cancel.js";
import { readManifest, writeManifest } from "../../src/contract/manifest.js";
import type { RunManifest } from "../../src/contract/types.js";
import { parseLedger } from "../../src/ledger/ledger.js";
import { monitorSummary } from "../../src/report/monitor.js";
import { renderSummary } from "../../src/report/summary.js";
import { keyJobName } from "../../src/store/journal.js";
import { ok, runArgv } from "../../src/util/exec.js";
import { cancelJobs } from "../../src/scheduler/slurm-cli/cancel.js";
import { clusterUp, realScheduler, SLURM_PROGRAMS, until } from "../helpers/cluster.js";
import { git, makeRepo } from "../helpers/repo.js";

const DEV2 = "autolab-dev2";
const NONCE = randomBytes(4).toString("hex");
const up = clusterUp();
const LEDGER = "docs/slurm_job_list.md";
/** Job refs to cancel at the end (`id;cluster` on dev2). */
const submitted: string[] = [];
let tmp: string;

// --- client calls, logged with their arguments -------------------------------------------

const wrapDir = mkdtempSync(path.join(tmpdir(), "autolab-mc-wrap-"));
const callLog = path.join(wrapDir, "calls.log");
const savedPath = process.env.PATH;

function makeArgWrappers(): void {
  for (const p of SLURM_PROGRAMS) {
    const real = spawnSync("sh", ["-c", `command -v ${p}`], { encoding: "utf8" }).stdout.trim();
    if (!real) throw new Error(`${p} is not on PATH`);
    const f = path.join(wrapDir, p);
    writeFileSync(
      f,
      `#!/bin/sh\n{ printf '%s' ${p}; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; } >> '${callLog}'\nexec '${real}' "$@"\n`,
    );
    chmodSync(f, 0o755);
  }
}

interface Call {
  prog: string;
  args: string[];
  /** The `-M` cluster the call asked, else undefined (the client's own). */
  cluster?: string;
}

/** Run `f` with the wrappers first on PATH; returns what it returned and the calls it made. */
async function logged<T>(f: () => Promise<T>): Promise<{ value: T; calls: Call[] }> {
  writeFileSync(callLog, "");
  process.env.PATH = `${wrapDir}:${savedPath}`;
  try {
    const value = await f();
    const calls = readFileSync(callLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const [prog, ...args] = l.split(" ");
        const i = args.indexOf("-M");
        return { prog, args, ...(i >= 0 ? { cluster: args[i + 1] } : {}) };
      });
    return { value, calls };
  } finally {
    process.env.PATH = savedPath;
  }
}

/** `sacct -M dev2` in one call's words: `sacct@autolab-dev2`, or `sacct` for the default cluster. */
const word = (c: Call) => (c.cluster ? `${c.prog}@${c.cluster}` : c.prog);

/** The runner's environment naming dev2 for every client: what a run without a cluster must ignore. */
async function withRunnerClusters<T>(f: () => Promise<T>): Promise<T> {
  const saved = { a: process.env.SLURM_CLUSTERS, b: process.env.SBATCH_CLUSTERS };
  process.env.SLURM_CLUSTERS = DEV2;
  process.env.SBATCH_CLUSTERS = DEV2;
  try {
    return await f();
  } finally {
    for (const [k, v] of [
      ["SLURM_CLUSTERS", saved.a],
      ["SBATCH_CLUSTERS", saved.b],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// --- the cluster, asked directly -----------------------------------------------------------

async function client(cmd: string, args: string[]): Promise<string> {
  const r = await runArgv(cmd, args, { timeoutMs: 30_000, cwd: "/tmp", env: { SLURM_CLUSTERS: undefined } });
  if (!ok(r)) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** sacct's allocation rows `JobID|JobName|NodeList|State` for `ids` on `cluster` (default: the client's own). */
async function sacctRows(ids: string[], cluster?: string): Promise<string[][]> {
  const out = await client("sacct", [
    ...(cluster ? ["-M", cluster] : []),
    "-X",
    "-n",
    "-P",
    `--jobs=${ids.join(",")}`,
    "--format=JobID,JobName,NodeList,State",
  ]);
  return out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("|"));
}

// --- repositories -------------------------------------------------------------------------

function designOf(o: { cluster?: string; cli: string; extra?: Record<string, unknown> }): string {
  return YAML.stringify({
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "64M",
      cpus_per_task: 1,
      partition: "debug",
      ...(o.cluster ? { cluster: o.cluster } : {}),
    },
    entrypoint: { cli: o.cli },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.5}}'` },
    ...o.extra,
  });
}

async function manifestOf(root: string, rel: string): Promise<RunManifest> {
  return (await readManifest(path.join(root, rel), rel)).data;
}

function ledgerOf(root: string) {
  return parseLedger(readFileSync(path.join(root, LEDGER), "utf8"));
}

function ledgerText(root: string, runId: string): string | undefined {
  return ledgerOf(root).entries.find((e) => e.runId === runId)?.text;
}

function track(r: LaunchResult): void {
  if (!r.jobId) return;
  for (const id of r.jobId.split(",")) submitted.push(r.cluster ? `${id};${r.cluster}` : id);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-mc-"));
  makeArgWrappers();
});
afterAll(async () => {
  process.env.PATH = savedPath;
  if (submitted.length) await cancelJobs(submitted).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
  await rm(wrapDir, { recursive: true, force: true });
});

describe.skipIf(!up)("a run on autolab-dev2 and a run on the default cluster, in one repository", () => {
  let root: string;
  let on2: LaunchResult;
  let here: LaunchResult;

  beforeAll(async () => {
    root = (
      await makeRepo({
        parent: tmp,
        files: {
          "experiments/in_progress/on2/design.yaml": designOf({
            cluster: DEV2,
            cli: 'echo "ran on ${SLURMD_NODENAME:-?}"; sleep 4',
          }),
          "experiments/in_progress/here/design.yaml": designOf({ cli: 'echo "ran on ${SLURMD_NODENAME:-?}"; sleep 4' }),
        },
      })
    ).root;
  });

  it("launch submits the cluster's design with --clusters and records slurm.cluster; the ledger line names it", async () => {
    const { value, calls } = await logged(() =>
      launch({ cwd: root, design: "on2", scheduler: realScheduler(), commit: true, push: false }),
    );
    on2 = value;
    track(on2);
    expect(on2).toMatchObject({ status: "submitted", cluster: DEV2 });
    const m = await manifestOf(root, on2.manifestPath);
    expect(m.slurm).toMatchObject({ job_id: on2.jobId, cluster: DEV2 });
    expect(m.command).toContain(`--clusters=${DEV2}`);
    expect(m.resource_request).toMatchObject({ cluster: DEV2 });
    // The one sbatch went to dev2; the script says so too.
    const sb = calls.filter((c) => c.prog === "sbatch" && c.args.includes("--parsable"));
    expect(sb).toHaveLength(1);
    expect(sb[0].args).toContain(`--clusters=${DEV2}`);
    expect(readFileSync(path.join(root, (m.launch as { script: string }).script), "utf8")).toContain(
      `#SBATCH --clusters=${DEV2}`,
    );
    // dev2's accounting has the job under this run's job name; the default cluster's id is another job or none.
    // (sacct names a job `allocation` until its batch script is recorded.)
    await until(async () => {
      const r = await sacctRows([on2.jobId!], DEV2);
      return r[0]?.[1] === m.slurm!.job_name ? r : undefined;
    }, `sacct -M ${DEV2} knows job ${on2.jobId} as ${m.slurm!.job_name}`);
    expect(ledgerText(root, on2.runId)).toBe(
      `- ${m.started_at!.slice(0, 10)} | job_id=${on2.jobId} | iteration_id=on2 | run_id=${on2.runId} | status=submitted | cluster=${DEV2}`,
    );
  });

  it("a design without a cluster goes to the default cluster, even with SLURM_CLUSTERS/SBATCH_CLUSTERS naming dev2", async () => {
    const { value, calls } = await logged(() =>
      withRunnerClusters(() =>
        launch({ cwd: root, design: "here", scheduler: realScheduler(), commit: true, push: false }),
      ),
    );
    here = value;
    track(here);
    expect(here.status).toBe("submitted");
    expect(here.cluster).toBeUndefined();
    const m = await manifestOf(root, here.manifestPath);
    expect(m.slurm?.cluster).toBeUndefined();
    expect(m.command).not.toMatch(/--clusters|-M /);
    expect(calls.filter((c) => c.prog === "sbatch").every((c) => !c.args.some((a) => a.startsWith("--clusters")))).toBe(
      true,
    );
    await until(async () => {
      const r = await sacctRows([here.jobId!]);
      return r[0]?.[1] === m.slurm!.job_name ? r : undefined;
    }, `sacct knows job ${here.jobId} on the default cluster as ${m.slurm!.job_name}`);
    // The line is the Python tool's, byte for byte: no cluster field.
    expect(ledgerText(root, here.runId)).toBe(
      `- ${m.started_at!.slice(0, 10)} | job_id=${here.jobId} | iteration_id=here | run_id=${here.runId} | status=submitted`,
    );
    expect(ledgerOf(root).problems).toEqual([]);
  });

  it("the monitor follows each run on its own cluster (-M only for dev2's, once per cluster per tick) to completed", async () => {
    let both = 0;
    let last: MonitorReport | undefined;
    await until(
      async () => {
        const { value: rep, calls } = await logged(() =>
          withRunnerClusters(() => monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false })),
        );
        if (rep.runs.some((r) => r.runId === on2.runId)) last = rep;
        const asked = calls.filter((c) => ["sacct", "squeue", "scontrol"].includes(c.prog));
        for (const c of asked) {
          const jobs = c.args.find((a) => a.startsWith("--jobs="));
          if (!jobs) continue;
          // dev2's questions name dev2's job only; the default cluster's, the other run's only.
          expect(jobs, `${word(c)} ${c.args.join(" ")}`).toBe(`--jobs=${c.cluster === DEV2 ? on2.jobId : here.jobId}`);
          expect([undefined, DEV2]).toContain(c.cluster);
        }
        const words = asked.map(word).sort();
        expect(new Set(words).size, words.join(" ")).toBe(words.length); // each (program, cluster) once per tick
        if (words.includes(`sacct@${DEV2}`) && words.includes("sacct")) both++;
        const ms = await Promise.all([manifestOf(root, on2.manifestPath), manifestOf(root, here.manifestPath)]);
        return ms.every((m) => m.status === "completed") ? ms : undefined;
      },
      "both runs completed",
      120_000,
    );
    expect(both).toBeGreaterThan(0);
    const m2 = await manifestOf(root, on2.manifestPath);
    const mh = await manifestOf(root, here.manifestPath);
    expect(m2.slurm).toMatchObject({ cluster: DEV2, nodes: "dev2node", state: "COMPLETED" });
    expect(mh.slurm).toMatchObject({ nodes: "localhost", state: "COMPLETED" });
    expect(mh.slurm?.cluster).toBeUndefined();
    const log2 = path.join(root, path.dirname(on2.manifestPath), "logs", `slurm-${on2.jobId}.out`);
    expect(readFileSync(log2, "utf8")).toContain("ran on dev2node");
    // The ledger follows: completed, with the cluster for dev2's run only.
    expect(ledgerText(root, on2.runId)).toMatch(new RegExp(`status=completed \\| cluster=${DEV2}$`));
    expect(ledgerText(root, here.runId)).toMatch(/status=completed$/);
    expect(await git(root, "status", "--porcelain")).toBe("");
    // The tick's job summary shows the cluster beside the job id.
    expect(last).toBeDefined();
    expect(renderSummary(monitorSummary(last!, []))).toContain(`${on2.jobId} (${DEV2})`);
  }, 180_000);

  it("cancel of a dev2 run is scancel -M autolab-dev2, and the job ends there", async () => {
    const dir = path.join(root, "experiments/in_progress/long2");
    await mkdir(dir, { recursive: true });
    writeFileSync(path.join(dir, "design.yaml"), designOf({ cluster: DEV2, cli: "sleep 300" }));
    await git(root, "add", "experiments/in_progress/long2/design.yaml");
    await git(root, "commit", "-q", "-m", "long2");
    const long2 = await launch({ cwd: root, design: "long2", scheduler: realScheduler(), commit: true, push: false });
    track(long2);
    expect(long2.cluster).toBe(DEV2);
    const { value: res, calls } = await logged(() =>
      cancel({ cwd: root, runId: long2.runId, scheduler: realScheduler(), commit: true, push: false }),
    );
    expect(res).toMatchObject({ after: "failed", scancelled: true });
    const sc = calls.filter((c) => c.prog === "scancel");
    expect(sc.map((c) => c.args)).toEqual([["-M", DEV2, long2.jobId]]);
    await until(async () => {
      const s = (await client("squeue", ["-M", DEV2, "-h", "--states=all", "-j", long2.jobId!, "-o", "%T"])).trim();
      return /CANCELLED/.test(s) ? s : undefined;
    }, `job ${long2.jobId} CANCELLED on ${DEV2}`);
    const m = await manifestOf(root, long2.manifestPath);
    expect(m).toMatchObject({ status: "failed", failure: { reason: "cancelled" }, slurm: { cluster: DEV2 } });
    expect(ledgerText(root, long2.runId)).toMatch(new RegExp(`status=failed \\| cluster=${DEV2}$`));
  }, 120_000);
});

describe.skipIf(!up)("a launch key's job on autolab-dev2, from a clone that has not pulled", () => {
  it("is found there by its key's job name (-M) and adopted under its run: one job, one ledger line", async () => {
    const r = await makeRepo({
      parent: tmp,
      remote: true,
      files: { "experiments/in_progress/k2/design.yaml": designOf({ cluster: DEV2, cli: "sleep 30" }) },
    });
    const stale = path.join(tmp, `stale-${NONCE}`);
    await git(tmp, "clone", "-q", r.remote!, stale);
    const key = `github-run:acme/lab:777888:k2:${NONCE}`;
    const first = await launch({ cwd: r.root, design: "k2", scheduler: realScheduler(), launchKey: key });
    track(first);
    expect(first).toMatchObject({ status: "submitted", cluster: DEV2 });
    expect(first.commit?.pushed).toBe(true);
    // Without pushing, the launch does not read the remote's branch first (a launch that pushes finds the
    // record there and asks nothing: the next describe); this one must ask the scheduler, on dev2.
    const { value: again, calls } = await logged(() =>
      launch({ cwd: stale, design: "k2", scheduler: realScheduler(), launchKey: key, push: false }),
    );
    track(again);
    expect(again).toMatchObject({ runId: first.runId, jobId: first.jobId });
    expect(calls.filter((c) => c.prog === "sbatch" && c.args.includes("--parsable"))).toEqual([]);
    // Every question about the key's job (by name, then which run it is) asked dev2.
    const lookups = calls.filter((c) => c.args.some((a) => a.startsWith("--name=") || a.startsWith("--jobs=")));
    expect(lookups.length).toBeGreaterThan(0);
    expect(lookups.every((c) => c.cluster === DEV2)).toBe(true);
    // One job under the key's name on dev2 (the controller lists it while it runs, sleep 30).
    const named = await client("squeue", ["-M", DEV2, "-h", "--states=all", `--name=${keyJobName(key)}`, "-o", "%i"]);
    expect(
      named
        .trim()
        .split("\n")
        .filter((l) => l && !l.startsWith("CLUSTER:")),
    ).toEqual([first.jobId]);
    const m = JSON.parse(await git(r.remote!, "show", `main:${first.manifestPath}`)) as RunManifest;
    expect(m).toMatchObject({ run_id: first.runId, job_id: first.jobId, slurm: { cluster: DEV2 } });
    const ledger = parseLedger(await git(r.remote!, "show", `main:${LEDGER}`)).entries;
    expect(ledger.map((e) => [e.runId, e.jobId, e.cluster])).toEqual([[first.runId, first.jobId, DEV2]]);
  }, 120_000);
});

describe.skipIf(!up)("a launch key whose run the remote's branch already records (issue 10 item 1)", () => {
  it("a clone that has not pulled reads the branch as the remote has it: reused, no sbatch, no lookup, nothing written", async () => {
    const r = await makeRepo({
      parent: tmp,
      remote: true,
      files: { "experiments/in_progress/kb/design.yaml": designOf({ cluster: DEV2, cli: "sleep 20" }) },
    });
    const stale = path.join(tmp, `stale-branch-${NONCE}`);
    await git(tmp, "clone", "-q", r.remote!, stale);
    const key = `github-run:acme/lab:999000:kb:${NONCE}`;
    const first = await launch({ cwd: r.root, design: "kb", scheduler: realScheduler(), launchKey: key });
    track(first);
    expect(first.commit?.pushed).toBe(true);
    const remoteHead = (await git(r.remote!, "rev-parse", "main")).trim();
    const staleHead = (await git(stale, "rev-parse", "HEAD")).trim();
    const { value: again, calls } = await logged(() =>
      launch({ cwd: stale, design: "kb", scheduler: realScheduler(), launchKey: key }),
    );
    expect(again).toMatchObject({
      runId: first.runId,
      jobId: first.jobId,
      cluster: DEV2,
      reused: true,
      adopted: false,
      status: "submitted",
    });
    // Nothing was asked by name and nothing submitted: the branch's record answered.
    expect(calls.filter((c) => c.args.some((a) => a.startsWith("--name=")))).toEqual([]);
    expect(calls.filter((c) => c.prog === "sbatch" && c.args.includes("--parsable"))).toEqual([]);
    // Nothing written: neither the remote nor the stale clone moved, its work tree is clean.
    expect((await git(r.remote!, "rev-parse", "main")).trim()).toBe(remoteHead);
    expect((await git(stale, "rev-parse", "HEAD")).trim()).toBe(staleHead);
    expect(await git(stale, "status", "--porcelain")).toBe("");
    // The clone's tracking ref has the remote's head (the fetch the launch made).
    expect((await git(stale, "rev-parse", "refs/remotes/origin/main")).trim()).toBe(remoteHead);
  }, 120_000);
});

// --- calls per tick: constant per cluster ----------------------------------------------------

async function writeRuns(root: string, arrays: Array<{ id: string; cluster?: string }>, count: number): Promise<void> {
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  let n = 0;
  for (const a of arrays) {
    for (let i = 0; i < count; i++) {
      const runId = `20261203T100000Z_${(n++).toString(16).padStart(6, "0")}`;
      const jobId = `${a.id}_${i}`;
      const m: RunManifest = {
        schema_version: "1.0",
        run_id: runId,
        iteration_id: "many",
        launch_mode: "slurm",
        host_mode: "slurm",
        command: "true",
        resource_request: { partition: "debug" },
        status: "submitted",
        artifact_sync_to_local: { status: "pending" },
        timestamps: { started_at: at },
        started_at: at,
        job_id: jobId,
        slurm: { job_id: jobId, ...(a.cluster ? { cluster: a.cluster } : {}) },
        history: [{ from: "pending", to: "submitted", at, evidence: `task ${i} of array ${a.id}` }],
      };
      await writeManifest(path.join(root, "experiments/in_progress/many/runs", runId, "run_manifest.json"), m);
    }
  }
}

describe.skipIf(!up)("scheduler calls per tick: once per cluster, whatever the number of runs", () => {
  const arrays: Array<{ id: string; cluster?: string }> = [];

  beforeAll(async () => {
    // Two real pending arrays of 5 (dev2's MaxArraySize), on a begin time an hour away.
    for (const cluster of [DEV2, undefined]) {
      const out = (
        await client("sbatch", [
          "--parsable",
          ...(cluster ? ["-M", cluster] : []),
          "--begin=now+1hour",
          "--array=0-4",
          "-o",
          "/dev/null",
          "-J",
          `autolab-mc-calls-${NONCE}`,
          "--wrap",
          "true",
        ])
      ).trim();
      const id = out.split(";")[0];
      arrays.push({ id, ...(cluster ? { cluster } : {}) });
      submitted.push(cluster ? `${id};${cluster}` : id);
    }
    for (const a of arrays)
      await until(async () => {
        const q = await client("squeue", [...(a.cluster ? ["-M", a.cluster] : []), "-h", "-r", "-j", a.id, "-o", "%r"]);
        const reasons = q
          .trim()
          .split("\n")
          .filter((l) => !l.startsWith("CLUSTER:"));
        return reasons.length === 5 && reasons.every((r) => r === "BeginTime") ? true : undefined;
      }, `array ${a.id} settled`);
  }, 120_000);

  it("1+1 runs and 5+5 runs: sacct and squeue once on dev2 (-M) and once on the default cluster", async () => {
    const repo = async (count: number) => {
      const root = (
        await makeRepo({
          parent: tmp,
          files: { "experiments/in_progress/many/design.yaml": designOf({ cli: "true" }) },
        })
      ).root;
      await writeRuns(root, arrays, count);
      return root;
    };
    const tick = (root: string) =>
      logged(() => monitor({ cwd: root, scheduler: realScheduler(), commit: false, query: { timeoutMs: 20_000 } }));
    const small = await tick(await repo(1));
    const big = await tick(await repo(5));
    const expected = ["sacct", `sacct@${DEV2}`, "squeue", `squeue@${DEV2}`];
    expect(small.calls.map(word).sort()).toEqual(expected);
    expect(big.calls.map(word).sort()).toEqual(expected);
    expect(big.value.runs).toHaveLength(10);
    expect(big.value.runs.every((r) => r.after === "submitted" && r.slurmState === "PENDING")).toBe(true);
    expect(big.value.findings.filter((f) => f.check === "scheduler.unknown_job")).toEqual([]);
    // dev2's call names dev2's tasks only.
    const dev2Sacct = big.calls.find((c) => word(c) === `sacct@${DEV2}`)!;
    const ids = dev2Sacct.args
      .find((a) => a.startsWith("--jobs="))!
      .slice(7)
      .split(",");
    expect(ids.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${arrays[0].id}_${i}`).sort());
  }, 120_000);
});

// --- a sweep larger than dev2's MaxArraySize ---------------------------------------------------

describe.skipIf(!up)("a 12-task sweep on autolab-dev2 (MaxArraySize=5)", () => {
  let root: string;
  let res: LaunchResult;
  const TASK = [
    "#!/bin/bash",
    'printf \'{"primary_metric": {"name": "acc", "value": %s}}\\n\' "$AUTOLAB_TASK_INDEX" > "$AUTOLAB_RUN_DIR/result.json"',
    'echo "task $AUTOLAB_TASK_INDEX on ${SLURMD_NODENAME:-?}"',
    "",
  ].join("\n");

  it("is split by dev2's own limit into arrays of 5, 5 and 2 submitted there, 12 manifests and ledger lines", async () => {
    root = (
      await makeRepo({
        parent: tmp,
        files: {
          "task.sh": TASK,
          "experiments/in_progress/sw2/design.yaml": YAML.stringify({
            compute: {
              location: "slurm",
              walltime_estimate: "00:03:00",
              memory_estimate: "64M",
              cpus_per_task: 1,
              partition: "debug",
              cluster: DEV2,
            },
            entrypoint: { cli: "bash task.sh" },
            extract_parser: { kind: "command", command: "cat {run_dir}/result.json" },
            sweep: { grid: { lr: [1, 2, 3], batch: [1, 2, 3, 4] } },
          }),
        },
      })
    ).root;
    const { value, calls } = await logged(() =>
      launch({ cwd: root, design: "sw2", scheduler: realScheduler(), commit: true, push: false }),
    );
    res = value;
    expect(res.sweep?.runIds).toHaveLength(12);
    for (const a of res.sweep?.arrays ?? []) submitted.push(`${a};${DEV2}`);
    // MaxArraySize was read from dev2 (-M), not from the default cluster (1001).
    const cfg = calls.filter((c) => c.prog === "scontrol" && c.args.includes("config"));
    expect(cfg.length).toBeGreaterThan(0);
    expect(cfg.some((c) => c.cluster === DEV2)).toBe(true);
    expect(res.sweep?.chunks.map((c) => c.tasks)).toEqual([5, 5, 2]);
    expect(res.sweep?.arrays).toHaveLength(3);
    for (const [i, c] of res.sweep!.chunks.entries()) {
      expect(c.argv).toContain(`--clusters=${DEV2}`);
      expect(c.argv).toContain(i < 2 ? "--array=0-4" : "--array=0-1");
    }
    const sb = calls.filter((c) => c.prog === "sbatch" && c.args.includes("--parsable"));
    expect(sb).toHaveLength(3);
    expect(sb.every((c) => c.args.includes(`--clusters=${DEV2}`))).toBe(true);
    const ms = await sweepManifests(root);
    expect(ms).toHaveLength(12);
    expect(ms.every((m) => m.slurm?.cluster === DEV2)).toBe(true);
    const ours = ledgerOf(root).entries.filter((e) => e.runId.startsWith(res.runId));
    expect(ours).toHaveLength(12);
    expect(ours.every((e) => e.cluster === DEV2)).toBe(true);
  }, 120_000);

  it("the monitor follows all 12 tasks on dev2 to completed", async () => {
    await until(
      async () => {
        const { calls } = await logged(() =>
          monitor({ cwd: root, scheduler: realScheduler(), commit: true, push: false }),
        );
        const asked = calls.filter((c) => ["sacct", "squeue"].includes(c.prog));
        expect(asked.every((c) => c.cluster === DEV2)).toBe(true);
        expect(new Set(asked.map(word)).size).toBe(asked.length);
        const ms = await sweepManifests(root);
        return ms.every((m) => m.status === "completed") ? ms : undefined;
      },
      "all 12 tasks completed",
      180_000,
    );
    const ms = await sweepManifests(root);
    expect(ms.map((m) => m.slurm?.nodes)).toEqual(Array(12).fill("dev2node"));
    const arrays = res.sweep!.arrays;
    expect(new Set(ms.map((m) => m.slurm?.array_job_id))).toEqual(new Set(arrays));
    const ours = ledgerOf(root).entries.filter((e) => e.runId.startsWith(res.runId));
    expect(ours.map((e) => [e.status, e.cluster])).toEqual(Array(12).fill(["completed", DEV2]));
    // dev2's accounting has all 12 tasks, completed on dev2node. slurmdbd records a
    // task's end a moment after the controller (and the sentinel) know it: wait for it.
    const done = await until(
      async () => {
        const rows = await sacctRows(
          ms.map((m) => m.job_id as string),
          DEV2,
        );
        const ok = rows.filter((r) => r[3] === "COMPLETED" && r[2] === "dev2node");
        return ok.length === 12 ? ok : undefined;
      },
      "dev2's accounting records all 12 tasks completed on dev2node",
      60_000,
    );
    expect(done).toHaveLength(12);
  }, 240_000);
});

async function sweepManifests(root: string): Promise<RunManifest[]> {
  const runsDir = path.join(root, "experiments/in_progress/sw2/runs");
  const out: RunManifest[] = [];
  for (const d of (await readdir(runsDir)).sort()) {
    const p = path.join(runsDir, d, "run_manifest.json");
    if (existsSync(p)) out.push((await readManifest(p, p)).data);
  }
  return out;
}
