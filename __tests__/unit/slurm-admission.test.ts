/**
 * The admission verdict (slurm-cli/admission.ts) as a table: what
 * `sbatch --test-only` said plus the partitions sinfo listed -> the problems,
 * each naming the request field at fault; and the findings launch and verify
 * make of them (steps/admission.ts), at the design key that is set. The
 * words in these rows are the dev cluster's own (SLURM 22.05, measured).
 */
import { describe, expect, it } from "vitest";
import type { JobResources } from "../../src/scheduler/port.js";
import { admissionVerdict } from "../../src/scheduler/slurm-cli/admission.js";
import { parseSinfoPartitions } from "../../src/scheduler/slurm-cli/parse.js";
import { admissionFindings } from "../../src/steps/admission.js";

const SINFO = parseSinfoPartitions(
  ["debug*|up|infinite|1-infinite|1|2|24105|idle", "short|up|10:00|1|1|2|24105|idle"].join("\n"),
);
const NODE_CONFIG = "allocation failure: Requested node configuration is not available";
const ACCEPTED = { ok: true, output: "sbatch: Job 160 to start at 2026-12-03T17:50:09 using 1 processors" };
const refused = (output: string) => ({ ok: false, output });
const res = (r: Partial<JobResources>): JobResources => ({ extraOptions: [], ...r });

describe("admissionVerdict", () => {
  const rows: Array<
    [string, JobResources, { ok: boolean; output: string; unanswered?: boolean }, Array<string | undefined>]
  > = [
    ["accepted, fits", res({ cpusPerTask: 1, timeLimit: 60 }), ACCEPTED, []],
    ["too many CPUs", res({ cpusPerTask: 8 }), refused(NODE_CONFIG), ["cpusPerTask"]],
    ["too much memory", res({ memory: { amount: 900n, unit: "G" } }), refused(NODE_CONFIG), ["memory"]],
    [
      "both too big",
      res({ cpusPerTask: 8, memory: { amount: 1n, unit: "T" } }),
      refused(NODE_CONFIG),
      ["cpusPerTask", "memory"],
    ],
    [
      "memory that fits is not blamed",
      res({ cpusPerTask: 8, memory: { amount: 100n, unit: "M" } }),
      refused(NODE_CONFIG),
      ["cpusPerTask"],
    ],
    ["too many nodes", res({ nodes: 3 }), refused(NODE_CONFIG), ["nodes"]],
    [
      "unknown partition",
      res({ partition: "nope" }),
      refused("sbatch: error: invalid partition specified: nope\nallocation failure: Invalid partition name specified"),
      ["partition"],
    ],
    [
      "bad gres",
      res({ gpus: { count: 1 } }),
      refused("sbatch: error: Invalid generic resource (gres) specification"),
      ["gpus"],
    ],
    [
      "bad feature",
      res({ constraint: "foo" }),
      refused("allocation failure: Invalid feature specification"),
      ["constraint"],
    ],
    // EnforcePartLimits=NO: test-only accepts it, the job would pend forever.
    ["time over the partition's MaxTime", res({ partition: "short", timeLimit: 1200 }), ACCEPTED, ["timeLimit"]],
    ["time at the MaxTime", res({ partition: "short", timeLimit: 600 }), ACCEPTED, []],
    ["unlimited over a limit", res({ partition: "short", timeLimit: "unlimited" }), ACCEPTED, ["timeLimit"]],
    ["the default partition has no limit", res({ timeLimit: 10 ** 7 }), ACCEPTED, []],
    ["a list: one partition allows it", res({ partition: "short,debug", timeLimit: 1200 }), ACCEPTED, []],
    ["words nobody maps", res({}), refused("sbatch: error: something new"), [undefined]],
  ];
  it.each(rows)("%s", (_name, r, test, fields) => {
    const v = admissionVerdict(r, test, SINFO);
    expect(v.problems?.map((p) => p.field)).toEqual(fields);
    expect(v.ok).toBe(fields.length === 0);
    expect(v.unanswered).toBeUndefined();
  });

  it("the controller not answering is no verdict", () => {
    const v = admissionVerdict(
      res({ cpusPerTask: 8 }),
      { ok: false, output: "Unable to contact slurm controller", unanswered: true },
      SINFO,
    );
    expect(v).toMatchObject({ ok: false, unanswered: true, problems: [] });
  });

  it("without sinfo's answer the time is not judged, and a refusal still is", () => {
    expect(admissionVerdict(res({ partition: "short", timeLimit: 1200 }), ACCEPTED, undefined).ok).toBe(true);
    expect(admissionVerdict(res({ cpusPerTask: 8 }), refused(NODE_CONFIG), undefined).problems).toEqual([
      { message: `the scheduler refuses the request: ${NODE_CONFIG}` },
    ]);
  });

  it("says what the limit is", () => {
    const [p] = admissionVerdict(res({ partition: "short", timeLimit: 1200 }), ACCEPTED, SINFO).problems!;
    expect(p.message).toContain("00:20:00");
    expect(p.message).toContain("partition short");
    expect(p.message).toContain("00:10:00");
    const [c] = admissionVerdict(res({ cpusPerTask: 8 }), refused(NODE_CONFIG), SINFO).problems!;
    expect(c.message).toMatch(/8 CPUs per task: no node of partition debug has more than 2/);
  });
});

describe("admissionFindings", () => {
  const where = (p: string) => ({ line: p.length, column: 3 });
  it("points at the design key that is set, else at compute", () => {
    const t = admissionVerdict(res({ gpus: { count: 1, type: "a100" }, cpusPerTask: 8 }), refused(NODE_CONFIG), SINFO);
    const f = admissionFindings(t, { file: "d.yaml", compute: { cpus_per_task: 8, gpu_type: "a100" }, where });
    expect(f).toEqual([
      expect.objectContaining({
        severity: "error",
        check: "design.test_only",
        file: "d.yaml",
        jsonPath: "/compute/cpus_per_task",
        line: "/compute/cpus_per_task".length,
        column: 3,
      }),
    ]);
    expect(f[0].message).toMatch(/^compute\.cpus_per_task: 8 CPUs per task/);
    const g = admissionFindings(admissionVerdict(res({}), refused("sbatch: error: something new"), SINFO), {
      file: "d.yaml",
      compute: {},
      where,
    });
    expect(g[0].jsonPath).toBe("/compute");
  });
  it("nothing for an accepted or unanswered test", () => {
    const d = { file: "d.yaml", compute: {}, where };
    expect(admissionFindings({ ok: true, output: "" }, d)).toEqual([]);
    expect(admissionFindings({ ok: false, output: "x", unanswered: true }, d)).toEqual([]);
  });
});
