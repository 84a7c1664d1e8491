/**
 * An impossible request is refused before anything is queued (issue 13): launch
 * asks the real cluster `sbatch --test-only` and reads the partitions' limits
 * (one sinfo answer); a request no node can hold (CPUs, memory), an unknown
 * partition, or a time over the partition's MaxTime (which test-only accepts
 * on this cluster: EnforcePartLimits=NO) is refused with the design file and
 * the offending key's line and column; nothing is written, journalled,
 * submitted or recorded. A sweep asks once per array chunk, not per task.
 * verify --stage launch reports the same as a finding at file:line:column,
 * and says it skipped the test where SLURM is not reachable.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import type { Scheduler, Submission } from "../../src/scheduler/port.js";
import { keyJobName } from "../../src/store/journal.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import { runVerify } from "../../src/verify/index.js";
import { realScheduler, requireCluster, scancel, slurmOnPath } from "../helpers/cluster.js";
import { fingerprint, makeRepo, runCli } from "../helpers/repo.js";

const IT = "experiments/in_progress";

function designText(compute: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return YAML.stringify({
    compute: {
      location: "slurm",
      walltime_estimate: "00:02:00",
      memory_estimate: "64M",
      partition: "debug",
      ...compute,
    },
    entrypoint: { cli: "true" },
    ...extra,
  });
}

/** 1-based line and column of `key`'s value in the design text. */
function lineOf(text: string, key: string): { line: number; column: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  if (i < 0) throw new Error(`${key} not in ${text}`);
  // The value's position (where the design's locator points).
  return { line: i + 1, column: lines[i].indexOf(key) + key.length + 3 };
}

/** Job ids named `name`: the controller (all states) and accounting. */
async function jobsNamed(name: string): Promise<string[]> {
  const sq = await runArgv("squeue", ["--noheader", "--states=all", `--name=${name}`, "-o", "%i"], {
    timeoutMs: 30_000,
  });
  const sa = await runArgv("sacct", ["-n", "-X", "-P", `--name=${name}`, "-o", "JobID", "--starttime=now-1hour"], {
    timeoutMs: 30_000,
  });
  return [
    ...new Set(
      (sq.stdout + "\n" + sa.stdout)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** The real adapter, counting its test submissions (a spy: the real cluster answers). */
function counting(): { sched: Scheduler; tests: Submission[] } {
  const real = realScheduler();
  const tests: Submission[] = [];
  return {
    tests,
    sched: {
      ...real,
      testSubmit: (s, o) => {
        tests.push(s);
        return real.testSubmit(s, o);
      },
    },
  };
}

const CASES: Array<[string, Record<string, unknown>, string, RegExp]> = [
  [
    "too many CPUs",
    { cpus_per_task: 64 },
    "cpus_per_task",
    /64 CPUs per task: no node of partition debug has more than \d+.*Requested node configuration is not available/,
  ],
  [
    "too much memory",
    { memory_estimate: "900G" },
    "memory_estimate",
    /900G of memory: no node of partition debug has more than \d+M.*Requested node configuration is not available/,
  ],
  [
    "an unknown partition",
    { partition: "nosuchpart" },
    "partition",
    /partition nosuchpart does not exist here; this cluster has debug, short.*Invalid partition name/,
  ],
  [
    "a time over the partition's MaxTime",
    { partition: "short", walltime_estimate: "00:20:00" },
    "walltime_estimate",
    /00:20:00 is over the MaxTime of partition short \(00:10:00\).*PartitionTimeLimit/,
  ],
];

describe.skipIf(!slurmOnPath("__tests__/cluster/admission.test.ts"))(
  "impossible requests refused before anything is queued",
  () => {
    const jobs: string[] = [];
    beforeAll(() => requireCluster());
    afterAll(async () => {
      for (const id of jobs) await scancel(id).catch(() => undefined);
    });

    it.each(CASES)(
      "launch refuses %s at the design's line: nothing written, journalled or submitted",
      async (_n, compute, key, words) => {
        const text = designText(compute);
        const { root } = await makeRepo({ files: { [`${IT}/bad/design.yaml`]: text } });
        const before = await fingerprint(root);
        const { sched, tests } = counting();
        const launchKey = `adm-${key}-${Date.now()}`;
        const err = await launch({ scheduler: sched, cwd: root, design: "bad", launchKey }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AutolabError);
        const e = err as AutolabError;
        expect(e.message).toMatch(new RegExp(`compute\\.${key}: `));
        expect(e.message).toMatch(words);
        expect(e.message).toContain("nothing was submitted or recorded");
        expect(e.location).toMatchObject({
          file: `${IT}/bad/design.yaml`,
          jsonPath: `/compute/${key}`,
          ...lineOf(text, key),
        });
        expect(tests).toHaveLength(1);
        // Nothing written (tree and HEAD unchanged), no launch journal, no run directory, no job.
        expect(await fingerprint(root)).toEqual(before);
        expect(existsSync(path.join(root, ".git/autolab/launches"))).toBe(false);
        expect(existsSync(path.join(root, `${IT}/bad/runs`))).toBe(false);
        expect(await jobsNamed(keyJobName(launchKey))).toEqual([]);
      },
    );

    it("the CLI prints design.yaml:line:column and exits 1; nothing is queued", async () => {
      const text = designText({ cpus_per_task: 64 });
      const { root } = await makeRepo({ files: { [`${IT}/cli/design.yaml`]: text } });
      const before = await fingerprint(root);
      const r = await runCli(root, ["launch", "cli", "--no-commit"]);
      expect(r.code).toBe(1);
      const { line, column } = lineOf(text, "cpus_per_task");
      expect(r.stderr).toContain(`${IT}/cli/design.yaml:${line}:${column}`);
      expect(r.stderr).toContain("compute.cpus_per_task: 64 CPUs per task");
      expect(await fingerprint(root)).toEqual(before);
    });

    it("a sweep asks once per array chunk (not per task), and an impossible one is refused before any chunk is queued", async () => {
      const sweep = { sweep: { grid: { lr: [1, 2, 3, 4] } } };
      const policy = YAML.stringify({ launch: { max_array_size: 2 } });
      const { root } = await makeRepo({
        files: {
          // Held back an hour (afterAll cancels it): its tasks would otherwise write logs and
          // sentinels into the checkout while the fingerprints below are taken.
          [`${IT}/sw/design.yaml`]: designText({ sbatch_options: ["--begin=now+1hour"] }, sweep),
          [`${IT}/swbad/design.yaml`]: designText({ cpus_per_task: 64 }, sweep),
          ".autolab/verifier_policy.yaml": policy,
        },
      });
      const ok = counting();
      const r = await launch({ scheduler: ok.sched, cwd: root, design: "sw", commit: false });
      jobs.push(...(r.sweep?.arrays ?? []));
      expect(r.sweep?.arrays).toHaveLength(2);
      expect(ok.tests).toHaveLength(2);
      expect(ok.tests.map((s) => s.argv.find((a) => a.startsWith("--array=")))).toEqual(["--array=0-1", "--array=0-1"]);

      const bad = counting();
      const before = await fingerprint(root);
      await expect(launch({ scheduler: bad.sched, cwd: root, design: "swbad", commit: false })).rejects.toThrow(
        /compute\.cpus_per_task: 64 CPUs per task/,
      );
      expect(bad.tests).toHaveLength(1);
      expect(await fingerprint(root)).toEqual(before);
      expect(existsSync(path.join(root, `${IT}/swbad/runs`))).toBe(false);
    });

    it("verify --stage launch reports it at file:line:column; a possible design passes; where SLURM is unreachable it says it skipped", async () => {
      const text = designText({ partition: "short", walltime_estimate: "00:20:00" });
      const { root } = await makeRepo({
        files: { [`${IT}/v/design.yaml`]: text, [`${IT}/fine/design.yaml`]: designText({}) },
      });
      const rep = await runVerify({ repoRoot: root, stage: "launch", iteration: "v", scheduler: realScheduler() });
      const f = rep.findings.filter((x) => x.check === "design.test_only");
      expect(f).toEqual([
        expect.objectContaining({
          severity: "error",
          file: `${IT}/v/design.yaml`,
          jsonPath: "/compute/walltime_estimate",
          ...lineOf(text, "walltime_estimate"),
        }),
      ]);
      expect(f[0].message).toMatch(/PartitionTimeLimit/);
      expect(rep.ok).toBe(false);
      expect(rep.checksRun).toContain("design.test_only");

      const fine = await runVerify({ repoRoot: root, stage: "launch", iteration: "fine", scheduler: realScheduler() });
      expect(fine.findings.filter((x) => x.check === "design.test_only")).toEqual([]);

      // The CLI face: the same finding, as file:line:column.
      const cli = await runCli(root, ["verify", "--stage", "launch", "--iteration", "v"]);
      const { line, column } = lineOf(text, "walltime_estimate");
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`${IT}/v/design.yaml:${line}:${column}`);

      // No SLURM on this host (client programs not found): a notice, not an error.
      const away = realScheduler({
        bins: { sbatch: "/nonexistent/sbatch", squeue: "/nonexistent/squeue", sinfo: "/nonexistent/sinfo" },
      });
      const skipped = await runVerify({ repoRoot: root, stage: "launch", iteration: "v", scheduler: away });
      expect(skipped.findings.filter((x) => x.check === "design.test_only")).toEqual([
        expect.objectContaining({
          severity: "notice",
          message: expect.stringMatching(/skipped: slurm is not reachable/),
        }),
      ]);
    });
  },
);
