/**
 * The query's second questions with recorded scheduler answers (fake sacct and
 * squeue programs that print what a real one printed and log their argv).
 *
 * Why recorded, not the dev cluster:
 * - a runaway accounting record (sacct RUNNING, the controller has forgotten
 *   the job) needs slurmdbd to lose a job's end message; no Slurm command makes
 *   that happen on demand (`sacctmgr show runawayjobs` only repairs them);
 * - REVOKED needs a federation of two clusters whose controllers schedule each
 *   other's jobs, with real nodes on both; the dev cluster's second cluster
 *   (autolab-dev2, started by scripts/dev-cluster.sh) is not federated with it.
 * - an array's range record as the only trace of its never-started tasks needs
 *   the controller to have forgotten the array (MinJobAge, 300 s on the dev
 *   cluster) — too long a wait for the suite; the rows below are what the dev
 *   cluster's sacct printed for array 1237 (12 tasks, %2, cancelled while
 *   tasks 3-11 waited); __tests__/cluster/sweep-monitor.test.ts runs the same
 *   case with the real sacct and a squeue that answers nothing.
 * The multi-cluster grouping (`-M`) is also shown here call by call; the real
 * second cluster shows it end to end in __tests__/cluster/multi-cluster.test.ts.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { monitor } from "../../src/commands/monitor/index.js";
import { runawayEvidence, slurmDurationSeconds, unseenArrayTasks } from "../../src/scheduler/slurm-cli/followup.js";
import type { JobObservation } from "../../src/scheduler/port.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import { queryJobs, splitJobRef } from "../../src/scheduler/slurm-cli/query.js";

const NAME = "autolab-20261128T100000Z_aaaaaa";

/**
 * The answers below were recorded with the query's earlier field lists; the
 * fields added since (sacct's Submit and usage fields, squeue's SubmitTime)
 * are given empty, as the tools print them for a job without such figures.
 */
function current(name: string, out: string): string {
  const added = name === "sacct" ? 9 : name === "squeue" ? 1 : 0;
  const old = name === "sacct" ? 10 : 11;
  return out
    .split("\n")
    .map((l) => {
      const f = l.split("|");
      return added && f.length === old ? [...f.slice(0, -1), ...Array(added).fill(""), f[f.length - 1]].join("|") : l;
    })
    .join("\n");
}

/** A program that logs its argv (one line) and answers by the first matching `case` pattern. */
function fake(dir: string, name: string, cases: Array<[string, string]>, fallback = ""): string {
  const file = path.join(dir, name);
  const body = cases
    .map(([pat, raw]) => [pat, current(name, raw)])
    .map(([pat, out]) => `  ${pat.replace(/ /g, "\\ ")}) cat <<'EOF'\n${out}\nEOF\n  ;;`)
    .join("\n");
  writeFileSync(
    file,
    `#!/bin/sh\necho "$*" >> ${JSON.stringify(path.join(dir, name + ".log"))}\ncase "$*" in\n${body}\n  *) printf '%s' ${JSON.stringify(fallback)} ;;\nesac\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

const logOf = (dir: string, name: string) =>
  readFileSync(path.join(dir, name + ".log"), "utf8")
    .trim()
    .split("\n")
    .filter(Boolean);

describe("durations and the runaway rule (pure)", () => {
  it.each([
    ["01:00:00", 3600],
    ["2-00:00:00", 172800],
    ["1-02", 93600],
    ["05:30", 330],
    ["00:00:01.500", 1],
    ["UNLIMITED", undefined],
    ["Partition_Limit", undefined],
    ["", undefined],
  ])("%s -> %s s", (v, want) => {
    expect(slurmDurationSeconds(v)).toBe(want);
  });

  it.each([
    ["01:00:00", "03:00:05", true],
    ["01:00:00", "00:59:00", false],
    ["UNLIMITED", "00:01:00", true],
  ])("Timelimit %s, Elapsed %s -> runaway %s", (tl, el, want) => {
    expect(runawayEvidence("RUNNING", tl, el) !== undefined).toBe(want);
  });
});

describe("item 5: a runaway record, recorded answers", () => {
  it("sacct RUNNING, squeue without the job, past its Timelimit: one more sacct call flags it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-runaway-"));
    const sacct = fake(dir, "sacct", [
      ["*JobID,Timelimit,Elapsed*", "4301|01:00:00|03:00:05\n4302|04:00:00|00:10:00"],
      [
        "*",
        `4301|4301|RUNNING|0:0|None|2026-11-28T10:00:00|Unknown|03:00:05|localhost|${NAME}\n` +
          `4302|4302|RUNNING|0:0|None|2026-11-28T12:50:00|Unknown|00:10:00|localhost|other`,
      ],
    ]);
    // The controller answered (exit 0) and lists neither job.
    const squeue = fake(dir, "squeue", []);
    const out = await queryJobs(["4301", "4302"], { bins: { sacct, squeue } });
    expect(out.ok).toBe(true);
    expect(logOf(dir, "sacct")).toHaveLength(2);
    expect(logOf(dir, "sacct")[1]).toContain("--format=JobID,Timelimit,Elapsed --jobs=4301,4302");
    expect(logOf(dir, "squeue")).toHaveLength(1);
    expect(out.observations.get("4301")!.runaway).toMatch(/Elapsed 03:00:05 is past its Timelimit 01:00:00/);
    // Inside its time limit: not flagged (left to the ordinary rules).
    expect(out.observations.get("4302")!.runaway).toBeUndefined();
  });

  it("an ordinary tick (the controller lists its jobs) asks no second question", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-runaway-"));
    const sacct = fake(dir, "sacct", [
      ["*", `4301|4301|RUNNING|0:0|None|2026-11-28T10:00:00|Unknown|00:05:00|localhost|${NAME}`],
    ]);
    const squeue = fake(dir, "squeue", [
      ["*", `4301|4301|RUNNING|None|0|0|localhost|2026-11-28T10:00:00|2026-11-28T11:00:00|5:00|${NAME}`],
    ]);
    const out = await queryJobs(["4301"], { bins: { sacct, squeue } });
    expect(logOf(dir, "sacct")).toHaveLength(1);
    expect(out.observations.get("4301")!.runaway).toBeUndefined();
  });

  it("the tick's sacct answer carries Timelimit (today's field list): a runaway is flagged from it, no second call", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-runaway-"));
    const sacct = fake(dir, "sacct", [
      [
        "*",
        `4301|4301|RUNNING|0:0|None|2026-11-28T10:00:00|Unknown|03:00:05|localhost|2026-11-28T09:59:00|01:00:00|1|00:00:00|1G|1||billing=1,cpu=1,node=1||${NAME}\n` +
          `4302|4302|RUNNING|0:0|None|2026-11-28T12:50:00|Unknown|00:10:00|localhost|2026-11-28T12:49:00|04:00:00|1|00:00:00|1G|1||billing=1,cpu=1,node=1||other`,
      ],
    ]);
    const squeue = fake(dir, "squeue", []);
    const out = await queryJobs(["4301", "4302"], { bins: { sacct, squeue } });
    expect(logOf(dir, "sacct")).toHaveLength(1);
    expect(out.observations.get("4301")!.runaway).toMatch(/Elapsed 03:00:05 is past its Timelimit 01:00:00/);
    expect(out.observations.get("4302")!.runaway).toBeUndefined();
  });
});

describe("item 11: REVOKED is followed on the federation's siblings, recorded answers", () => {
  it("the origin says REVOKED; sacct/squeue --federation show the sibling's COMPLETED record, which decides", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-revoked-"));
    const sacct = fake(dir, "sacct", [
      [
        "*--federation*",
        `4400|4400|REVOKED|0:0|None|2026-11-28T10:00:00|2026-11-28T10:00:01|00:00:00||${NAME}\n` +
          `4400|4400|COMPLETED|0:0|None|2026-11-28T10:00:01|2026-11-28T10:02:00|00:01:59|sib-n7|${NAME}\n` +
          `4400.batch|4400.batch|COMPLETED|0:0||2026-11-28T10:00:01|2026-11-28T10:02:00|00:01:59|sib-n7|batch`,
      ],
      ["*", `4400|4400|REVOKED|0:0|None|2026-11-28T10:00:00|2026-11-28T10:00:01|00:00:00||${NAME}`],
    ]);
    const squeue = fake(dir, "squeue", []);
    const out = await queryJobs(["4400"], { bins: { sacct, squeue } });
    expect(logOf(dir, "sacct")).toHaveLength(2);
    expect(logOf(dir, "squeue")).toHaveLength(2);
    expect(logOf(dir, "squeue")[1]).toMatch(/^--federation /);
    const o = out.observations.get("4400")!;
    expect(o).toMatchObject({ state: "COMPLETED", nodeList: "sib-n7", source: "sacct --federation" });
    expect(slurmCli().judge(o).phase).toBe("succeeded");
  });
});

describe("item 6: each cluster asked once per tick for its jobs, recorded answers", () => {
  it("refs id;cluster are grouped: one sacct and one squeue per cluster, -M for a named one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-clusters-"));
    const sacct = fake(dir, "sacct", [
      ["-M dev2*", `7|7|PENDING|0:0|Resources|Unknown|Unknown|00:00:00|None assigned|${NAME}`],
      ["*", `7|7|COMPLETED|0:0|None|2026-11-28T10:00:00|2026-11-28T10:01:00|00:01:00|localhost|other`],
    ]);
    const squeue = fake(dir, "squeue", [
      [
        "-M dev2*",
        `CLUSTER: dev2\n7|7|PENDING|Resources|0|0||N/A|N/A|0:00|${NAME}\n8|8|PENDING|Resources|0|0||N/A|N/A|0:00|x`,
      ],
    ]);
    const out = await queryJobs(["7", "7;dev2", "8;dev2"], { bins: { sacct, squeue } });
    expect(out.ok).toBe(true);
    const sa = logOf(dir, "sacct");
    const sq = logOf(dir, "squeue");
    expect(sa).toHaveLength(2);
    expect(sq).toHaveLength(2);
    expect(sa.filter((a) => a.startsWith("-M dev2 ") && a.includes("--jobs=7,8"))).toHaveLength(1);
    expect(sq.filter((a) => a.startsWith("-M dev2 ") && a.includes("--jobs=7,8"))).toHaveLength(1);
    expect(sa.filter((a) => !a.includes("-M") && a.includes("--jobs=7 "))).toHaveLength(0);
    // Job 7 of each cluster is its own job.
    expect(out.observations.get("7")!.state).toBe("COMPLETED");
    expect(out.observations.get("7;dev2")).toMatchObject({ state: "PENDING", cluster: "dev2", name: NAME });
    expect(out.observations.get("8;dev2")).toMatchObject({ state: "PENDING", cluster: "dev2" });
    expect(splitJobRef("8;dev2")).toEqual({ id: "8", cluster: "dev2" });
    expect(splitJobRef("8_1")).toEqual({ id: "8_1" });
  });
});

describe("item 6: a run on a named cluster is asked about and cancelled there", () => {
  it("the monitor asks with -M for a run whose manifest records slurm.cluster; scancel -M cancels it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-cluster-run-"));
    const root = path.join(dir, "repo");
    const runId = "20261128T100000Z_aaaaaa";
    const runDir = path.join(root, "experiments/in_progress/it/runs", runId);
    mkdirSync(runDir, { recursive: true });
    writeFileSync(
      path.join(root, "experiments/in_progress/it/design.yaml"),
      "id: it\niteration_id: it\ncompute:\n  location: slurm\nentrypoint:\n  cli: 'true'\n",
    );
    const m = {
      schema_version: "1.0",
      run_id: runId,
      iteration_id: "it",
      host_mode: "slurm",
      launch_mode: "slurm",
      command: "sbatch x",
      resource_request: {},
      status: "submitted",
      artifact_sync_to_local: { status: "pending" },
      timestamps: { started_at: "2026-11-28T10:00:00Z" },
      job_id: "7",
      slurm: { job_id: "7", job_name: NAME, cluster: "dev2" },
      launch: { tool: "autolab-slurm" },
    };
    writeFileSync(path.join(runDir, "run_manifest.json"), JSON.stringify(m, null, 2) + "\n");
    const sacct = fake(dir, "sacct", [
      ["-M dev2*", `7|7|RUNNING|0:0|None|2026-11-28T10:00:00|Unknown|00:01:00|n1|${NAME}`],
    ]);
    const squeue = fake(dir, "squeue", [
      ["-M dev2*", `CLUSTER: dev2\n7|7|RUNNING|None|0|0|n1|2026-11-28T10:00:00|2026-11-28T11:00:00|1:00|${NAME}`],
    ]);
    const scancel = fake(dir, "scancel", []);
    const scheduler = slurmCli({ bins: { sacct, squeue, scancel } });
    await monitor({ scheduler, cwd: root, commit: false });
    expect(logOf(dir, "sacct").every((a) => a.startsWith("-M dev2 "))).toBe(true);
    expect(logOf(dir, "squeue")).toHaveLength(1);
    const after = JSON.parse(readFileSync(path.join(runDir, "run_manifest.json"), "utf8"));
    expect(after.status).toBe("running");
    expect(after.slurm).toMatchObject({ cluster: "dev2", state: "RUNNING", nodes: "n1" });

    const c = await scheduler.cancel(["7;dev2", "9"]);
    expect(c.ok).toBe(true);
    expect(logOf(dir, "scancel").sort()).toEqual(["-M dev2 7", "9"]);
  });
});

describe("issue 12: array tasks only the array's range record holds", () => {
  const obs = (id: string): [string, JobObservation] => [id, { jobId: id, state: "PENDING", source: "squeue" }];
  it.each<[string, string[], string[], { tasks: string[]; arrays: string[] }]>([
    ["every id seen: nothing to ask", ["10_1", "10_2"], ["10_1", "10_2"], { tasks: [], arrays: [] }],
    ["a plain job unseen is not an array task", ["12", "10_1"], ["10_1"], { tasks: [], arrays: [] }],
    [
      "unseen tasks of two arrays: each array once, in order",
      ["10_4", "10_5", "20_0", "10_1"],
      ["10_1"],
      { tasks: ["10_4", "10_5", "20_0"], arrays: ["10", "20"] },
    ],
  ])("%s", (_, ids, seen, want) => {
    expect(unseenArrayTasks(ids, new Map(seen.map(obs)))).toEqual(want);
  });

  const TAIL = "2026-12-03T18:15:16|00:08:00|1|00:00:00|64M|1||billing=1,cpu=1,node=1||autolab-x";
  const TASK2 = `1237_2|1240|CANCELLED by 0|0:0|None|2026-12-03T18:15:19|2026-12-03T18:15:32|00:00:13|localhost|${TAIL}`;
  const TASK3 = `1237_3|1241|CANCELLED by 0|0:0|None|2026-12-03T18:15:31|2026-12-03T18:15:32|00:00:01|localhost|${TAIL}`;
  const RANGE =
    "1237_[3-11%2]|1237|CANCELLED by 0|0:0|None|None|2026-12-03T18:15:32|00:00:00|None assigned|2026-12-03T18:15:16|00:08:00|1|00:00:00|64M|1||||autolab-x";

  it("the controller forgot the array, sacct prints no row for waiting task ids: one sacct -X of the array decides them from its range record", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-range-"));
    const sacct = fake(dir, "sacct", [
      [
        "-X *--jobs=1237 *",
        `1237_0|1238|COMPLETED|0:0|None|x|2026-12-03T18:15:17|00:00:00|localhost|${TAIL}\n${TASK2}\n${TASK3}\n${RANGE}`,
      ],
      ["*", `${TASK2}\n${TASK3}`],
    ]);
    const squeue = fake(dir, "squeue", []);
    const ids = ["1237_2", "1237_3", "1237_4", "1237_11"];
    const out = await queryJobs(ids, { bins: { sacct, squeue }, startTime: "2026-12-02T00:00:00" });
    expect(out.ok).toBe(true);
    const calls = logOf(dir, "sacct");
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatch(/^-X --noheader --parsable2 --format=\S+ --jobs=1237 --starttime=2026-12-02T00:00:00$/);
    expect(logOf(dir, "squeue")).toHaveLength(1);
    const view = (id: string) => {
      const o = out.observations.get(id);
      return o && [o.jobId, o.state, o.end, o.start ?? null];
    };
    // A task's own row wins over the range that still names it; the never-started ones take the range's end.
    expect(ids.map(view)).toEqual([
      ["1237_2", "CANCELLED by 0", "2026-12-03T18:15:32", "2026-12-03T18:15:19"],
      ["1237_3", "CANCELLED by 0", "2026-12-03T18:15:32", "2026-12-03T18:15:31"],
      ["1237_4", "CANCELLED by 0", "2026-12-03T18:15:32", null],
      ["1237_11", "CANCELLED by 0", "2026-12-03T18:15:32", null],
    ]);
  });

  it("while squeue shows the pending range, no second question", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-range-"));
    const sacct = fake(dir, "sacct", [["*", TASK2]]);
    const squeue = fake(dir, "squeue", [
      ["*", "1237_[4-11%2]|1237|PENDING|JobArrayTaskLimit|0|0||2026-12-03T18:15:16|N/A|8:00|autolab-x"],
    ]);
    const out = await queryJobs(["1237_2", "1237_4"], { bins: { sacct, squeue } });
    expect(logOf(dir, "sacct")).toHaveLength(1);
    expect(out.observations.get("1237_4")).toMatchObject({ state: "PENDING", reason: "JobArrayTaskLimit" });
  });

  it("a task no record holds stays unseen (the unknown-job grace decides), after the one extra question", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autolab-range-"));
    const sacct = fake(dir, "sacct", []);
    const squeue = fake(dir, "squeue", []);
    const out = await queryJobs(["1237_4"], { bins: { sacct, squeue } });
    expect(logOf(dir, "sacct")).toHaveLength(2);
    expect(out.observations.has("1237_4")).toBe(false);
  });
});
