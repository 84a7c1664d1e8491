/**
 * Fault injection: bad inputs through the real `autolab` CLI (a child process,
 * cwd = a fresh committed research repository per case).
 *
 * Spec (issue "Faults"): every bad input -- malformed YAML and JSON, wrong
 * types, huge values, hostile strings in every directive field, an unknown
 * stage, a manifest path escaping the repository, duplicate or malformed
 * ledger lines, bytes that are not UTF-8 -- gets a clear error naming the file
 * and line, exit 1 or 2, and leaves the repository unchanged (git status, a
 * hash over every file outside .git, and HEAD). Launch cases also prove that
 * no job was submitted (each uses a unique --run-id, so its job name
 * `autolab-<run id>` can be looked up in squeue and sacct) and that no
 * `$(...)` / backtick payload ran.
 *
 * The table is the spec: a case that fails here is a place where the tool
 * does not meet it (see the report), not a test to relax.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runArgv } from "../../src/util/exec.js";
import { LEDGER_HEADER } from "../../src/ledger/io.js";
import { DEV_CLUSTER_SCRIPT, requireCluster } from "../helpers/cluster.js";
import { fingerprint, makeRepo, mapLimit, runCli, type CliResult, type TreeFingerprint } from "../helpers/repo.js";

const sinfoOnPath = spawnSync("sh", ["-c", "command -v sinfo"], { encoding: "utf8" }).status === 0;
if (!sinfoOnPath) {
  console.warn(
    "\n*** SKIPPING __tests__/faults-bad-inputs.test.ts: `sinfo` is not on PATH, so there is no SLURM here " +
      `(launch cases need it). Start the dev cluster with: bash ${DEV_CLUSTER_SCRIPT} start ***\n`,
  );
}

const TAG = `faults${process.pid}x${Math.floor(Math.random() * 1e6)}`;
/** Payload target: must never appear. */
const PWNED = path.join(tmpdir(), `pwned-${TAG}`);

// ---------------------------------------------------------------------------
// Sample contents with known line numbers

const DESIGN_DIR = "experiments/plan/it_faults";
const DESIGN = `${DESIGN_DIR}/design.yaml`;

/**
 * design.yaml with the compute block at fixed lines:
 *   1 id / 2 iteration_id / 3 compute: / 4 location / 5 walltime_estimate /
 *   6 memory_estimate / 7 cpus_per_task / 8 partition / 9.. `extra` lines /
 *   then entrypoint. `over` replaces a base line in place (same line number);
 *   `null` drops it.
 */
function design(
  o: { over?: Record<string, string | null>; extra?: string[]; iterationId?: string; tail?: string[] } = {},
): string {
  const base: Array<[string, string]> = [
    ["location", "  location: slurm"],
    ["walltime_estimate", '  walltime_estimate: "00:05:00"'],
    ["memory_estimate", "  memory_estimate: 64M"],
    ["cpus_per_task", "  cpus_per_task: 1"],
    ["partition", "  partition: debug"],
  ];
  const lines = ["id: it_faults", `iteration_id: ${o.iterationId ?? "it_faults"}`, "compute:"];
  for (const [k, l] of base) {
    const v = o.over?.[k];
    if (v === null) continue;
    lines.push(v === undefined ? l : `  ${k}: ${v}`);
  }
  lines.push(...(o.extra ?? []), "entrypoint:", '  cli: "true"', ...(o.tail ?? []), "");
  return lines.join("\n");
}

const RUN_ID = "20261128T151432Z_093977";
const M_DIR = "experiments/in_progress/it_m";
const MANIFEST = `${M_DIR}/runs/${RUN_ID}/run_manifest.json`;
const LEDGER = "docs/slurm_job_list.md";

function manifestObj(): Record<string, unknown> {
  return {
    schema_version: "1.0",
    run_id: RUN_ID,
    iteration_id: "it_m",
    launch_mode: "slurm",
    host_mode: "slurm",
    command: "sbatch run_slurm.sbatch",
    resource_request: { cpus: 1, memory: "64M", partition: "debug", job_id: "4242" },
    artifact_sync_to_local: { status: "pending" },
    timestamps: { started_at: "2026-11-28T15:14:32Z" },
    started_at: "2026-11-28T15:14:32Z",
    job_id: "4242",
    slurm: { job_id: "4242" },
    status: "submitted",
  };
}
const MANIFEST_TEXT = JSON.stringify(manifestObj(), null, 2) + "\n";

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`test bug: ${needle} not in text`);
  return i + 1;
}

const LEDGER_LINE = `- 2026-11-28 | job_id=4242 | iteration_id=it_m | run_id=${RUN_ID} | status=submitted`;
const OTHER_LINE = "- 2026-11-27 | job_id=4100 | iteration_id=it_m | run_id=20261127T101010Z_abcdef | status=completed";
/** Line number of the first line after LEDGER_HEADER. */
const FIRST = LEDGER_HEADER.split("\n").length;

/** Files every case starts from (on top of the `autolab init` scaffold). */
function baseFiles(): Record<string, string | Buffer> {
  return {
    [DESIGN]: design(),
    [`${M_DIR}/design.yaml`]: design().replace(/it_faults/g, "it_m"),
    [MANIFEST]: MANIFEST_TEXT,
    [LEDGER]: `${LEDGER_HEADER}${LEDGER_LINE}\n`,
  };
}

/** `s` with the first occurrence of `marker` replaced by raw bytes `bytes`. */
function withBytes(s: string, marker: string, bytes: number[]): Buffer {
  const i = s.indexOf(marker);
  if (i < 0) throw new Error(`test bug: ${marker} not found`);
  return Buffer.concat([
    Buffer.from(s.slice(0, i), "utf8"),
    Buffer.from(bytes),
    Buffer.from(s.slice(i + marker.length), "utf8"),
  ]);
}

// ---------------------------------------------------------------------------
// The table

interface Case {
  name: string;
  /** Files replacing/adding to baseFiles() (committed before the command runs). */
  files?: Record<string, string | Buffer>;
  /** Extra setup before the commit (symlinks). */
  setup?: (root: string, outside: string) => void;
  /** CLI argv; `RUNID` is replaced by the case's unique run id. */
  args: string[];
  /** The file the error must name (repo-relative), or undefined when the input is not a file. */
  file?: string;
  /** Acceptable line numbers (the problem's line; two where a parser can only see it on the next line). */
  lines?: number[];
  /** The output must name `file` with some line number (exact line not known). */
  anyLine?: boolean;
  /** Required exit codes (default 1 or 2). */
  exit?: number[];
  /** Extra text the output must contain (regexes). */
  mentions?: RegExp[];
  /** Where the error is looked for: stderr (default) or stdout+stderr (validate prints findings on stdout). */
  where?: "stderr" | "all";
}

const launchArgs = (target = "it_faults") => ["launch", target, "--no-push", "--run-id", "RUNID"];

/** Hostile values (YAML double-quoted scalars) for every field that reaches a directive. */
function hostileValues(): Array<[string, string]> {
  return [
    ["newline #SBATCH", '"debug\\n#SBATCH --uid=0"'],
    ["$(...)", `"debug$(touch ${PWNED})"`],
    ["backticks", `"debug\`touch ${PWNED}\`"`],
    ["quotes", `"debug'\\"; touch ${PWNED}; '"`],
  ];
}

function hostileCases(): Case[] {
  const out: Case[] = [];
  for (const [what, v] of hostileValues()) {
    // Fields with a base line keep its line number; others go on line 9.
    out.push({
      name: `hostile ${what} in compute.partition`,
      files: { [DESIGN]: design({ over: { partition: v } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [8],
    });
    out.push({
      name: `hostile ${what} in compute.walltime_estimate`,
      files: { [DESIGN]: design({ over: { walltime_estimate: v } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [5],
    });
    out.push({
      name: `hostile ${what} in compute.memory_estimate`,
      files: { [DESIGN]: design({ over: { memory_estimate: v } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [6],
    });
    for (const field of ["qos", "account", "gpu_type", "constraint"]) {
      const extra = field === "gpu_type" ? [`  ${field}: ${v}`, "  gpu_count: 1"] : [`  ${field}: ${v}`];
      out.push({
        name: `hostile ${what} in compute.${field}`,
        files: { [DESIGN]: design({ extra }) },
        args: launchArgs(),
        file: DESIGN,
        lines: [9],
      });
    }
    out.push({
      name: `hostile ${what} in compute.sbatch_options`,
      files: { [DESIGN]: design({ extra: [`  sbatch_options: ["--comment=${v.slice(1, -1)}"]`] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [9],
    });
    out.push({
      name: `hostile ${what} in iteration_id (part of paths and ledger lines)`,
      files: { [DESIGN]: design({ iterationId: v }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [2],
    });
  }
  return out;
}

const POLICY = ".autolab/verifier_policy.yaml";
const BAD_POLICY = [
  "# policy",
  "python_bin: python3",
  "requirements_by_stage:",
  "  launch:",
  " schema: true",
  "    dry_run: true",
  "",
].join("\n");

function cases(): Case[] {
  const m = MANIFEST_TEXT;
  return [
    // --- design.yaml: syntax
    {
      name: "design: unclosed bracket",
      files: { [DESIGN]: design({ over: { partition: "[debug, short" } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [8, 9],
    },
    {
      name: "design: bad indentation",
      files: { [DESIGN]: design().replace("  cpus_per_task: 1", " cpus_per_task: 1") },
      args: launchArgs(),
      file: DESIGN,
      lines: [7],
    },
    {
      name: "design: tab indentation",
      files: { [DESIGN]: design().replace("  memory_estimate", "\tmemory_estimate") },
      args: launchArgs(),
      file: DESIGN,
      lines: [6],
    },
    {
      name: "design: duplicate key",
      files: { [DESIGN]: design({ extra: ["  partition: short"] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [9],
    },
    {
      name: "design: unclosed quote",
      files: { [DESIGN]: design({ over: { partition: '"debug' } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [8, 9],
    },
    {
      name: "design: not UTF-8 (byte 0xE9 in a comment on line 7)",
      files: { [DESIGN]: withBytes(design().replace("  cpus_per_task: 1", "  cpus_per_task: 1 # caf@"), "@", [0xe9]) },
      args: launchArgs(),
      file: DESIGN,
      lines: [7],
    },
    // --- design.yaml: wrong values
    {
      name: "design: compute.location missing",
      files: { [DESIGN]: design({ over: { location: null } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [3, 4],
      mentions: [/location/],
    },
    {
      name: "design: compute.location = cloud",
      files: { [DESIGN]: design({ over: { location: "cloud" } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [4],
      mentions: [/location/],
    },
    {
      name: 'design: gpu_count: "two"',
      files: { [DESIGN]: design({ extra: ['  gpu_count: "two"'] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [9],
      mentions: [/gpu_count/],
    },
    {
      name: "design: num_nodes: -1",
      files: { [DESIGN]: design({ extra: ["  num_nodes: -1"] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [9],
      mentions: [/num_nodes/],
    },
    {
      name: "design: cpus_per_task: 1.5",
      files: { [DESIGN]: design({ over: { cpus_per_task: "1.5" } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [7],
    },
    {
      name: "design: compute is a string",
      files: { [DESIGN]: 'id: it_faults\niteration_id: it_faults\ncompute: slurm\nentrypoint:\n  cli: "true"\n' },
      args: launchArgs(),
      file: DESIGN,
      lines: [3],
    },
    {
      name: "design: huge walltime 99999-00:00:00",
      files: { [DESIGN]: design({ over: { walltime_estimate: '"99999-00:00:00"' } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [5],
    },
    {
      name: "design: huge memory 1e30GB",
      files: { [DESIGN]: design({ over: { memory_estimate: "1e30GB" } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [6],
    },
    {
      name: "design: 10 KB partition name",
      files: { [DESIGN]: design({ over: { partition: "p".repeat(10_240) } }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [8],
    },
    {
      name: "design: huge gpu_count",
      files: { [DESIGN]: design({ extra: ["  gpu_count: 100000000000000000000"] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [9],
    },
    {
      name: "design: runtime.env name with a shell payload",
      files: { [DESIGN]: design({ tail: ["runtime:", "  env:", `    "A;touch ${PWNED}": 1`] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [13],
    },
    {
      // Lower case, as the script's own variables are (issue 11, item 8).
      name: "design: runtime.env takes the script's own variable autolab_command",
      files: { [DESIGN]: design({ tail: ["runtime:", "  env:", `    autolab_command: "touch ${PWNED}"`] }) },
      args: launchArgs(),
      file: DESIGN,
      lines: [13],
    },
    ...hostileCases(),
    // --- validate on broken kinds (findings go to stdout)
    {
      name: "validate: design unclosed bracket",
      files: { [DESIGN]: design({ over: { partition: "[debug, short" } }) },
      args: ["validate", DESIGN],
      file: DESIGN,
      lines: [8, 9],
      exit: [1],
      where: "all",
    },
    {
      name: 'validate: design gpu_count "two"',
      files: { [DESIGN]: design({ extra: ['  gpu_count: "two"'] }) },
      args: ["validate", DESIGN],
      file: DESIGN,
      lines: [9],
      exit: [1],
      where: "all",
    },
    {
      name: "validate: design not UTF-8",
      files: { [DESIGN]: withBytes(design().replace("  cpus_per_task: 1", "  cpus_per_task: 1 # caf@"), "@", [0xe9]) },
      args: ["validate", DESIGN],
      file: DESIGN,
      lines: [7],
      exit: [1],
      where: "all",
    },
    {
      name: "validate: manifest trailing comma",
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "submitted",') },
      args: ["validate", MANIFEST],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"'), lineOf(m, '"status": "submitted"') + 1],
      exit: [1],
      where: "all",
    },
    {
      name: 'validate: manifest status "done"',
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "done"') },
      args: ["validate", MANIFEST],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"')],
      exit: [1],
      where: "all",
    },
    {
      name: "validate: policy malformed",
      files: { [POLICY]: BAD_POLICY },
      args: ["validate", POLICY],
      file: POLICY,
      lines: [5],
      exit: [1],
      where: "all",
    },
    {
      name: "validate: policy wrong type",
      files: { [POLICY]: "# policy\npython_bin: [1, 2]\n" },
      args: ["validate", POLICY],
      file: POLICY,
      lines: [2],
      exit: [1],
      where: "all",
    },
    {
      name: "validate: metrics.json wrong type",
      files: {
        [`${M_DIR}/runs/${RUN_ID}/metrics.json`]: '{\n  "status": "completed",\n  "primary_metric": "high"\n}\n',
      },
      args: ["validate", `${M_DIR}/runs/${RUN_ID}/metrics.json`],
      file: `${M_DIR}/runs/${RUN_ID}/metrics.json`,
      anyLine: true,
      exit: [1],
      where: "all",
    },
    {
      name: "validate: state.json unknown stage",
      files: { ".autolab/state.json": '{\n  "iteration_id": "it_m",\n  "stage": "nope",\n  "stage_attempt": 0\n}\n' },
      args: ["validate", ".autolab/state.json"],
      file: ".autolab/state.json",
      lines: [3],
      exit: [1],
      where: "all",
    },
    // --- manifest through the commands that read it
    {
      name: "monitor: manifest trailing comma",
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "submitted",') },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"'), lineOf(m, '"status": "submitted"') + 1],
    },
    {
      name: "monitor: manifest wrong types (run_id number, timestamps string)",
      files: {
        [MANIFEST]: m.replace(
          '"timestamps": {\n    "started_at": "2026-11-28T15:14:32Z"\n  }',
          '"timestamps": "yesterday"',
        ),
      },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: MANIFEST,
      lines: [lineOf(m, '"timestamps"')],
    },
    {
      name: 'monitor: manifest status "done"',
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "done"') },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"')],
    },
    {
      name: "monitor: manifest not UTF-8",
      files: { [MANIFEST]: withBytes(m.replace("sbatch run_slurm.sbatch", "sbatch caf@"), "@", [0xe9]) },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: MANIFEST,
      lines: [lineOf(m, '"command"')],
    },
    {
      name: "slurm-job-list append: manifest trailing comma",
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "submitted",') },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"'), lineOf(m, '"status": "submitted"') + 1],
    },
    {
      name: 'slurm-job-list append: manifest status "done"',
      files: { [MANIFEST]: m.replace('"status": "submitted"', '"status": "done"') },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: MANIFEST,
      lines: [lineOf(m, '"status": "submitted"')],
    },
    {
      name: "slurm-job-list append: manifest wrong type (job_id object)",
      files: { [MANIFEST]: m.replace('"job_id": "4242",\n  "slurm"', '"job_id": {"id": 4242},\n  "slurm"') },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: MANIFEST,
      lines: [m.split("\n").indexOf('  "job_id": "4242",') + 1],
    },
    {
      name: "slurm-job-list append: manifest path escaping the repository",
      args: ["slurm-job-list", "append", "--manifest", "../outside/run_manifest.json"],
      setup: (root, outside) => {
        mkdirSync(path.join(path.dirname(root), "outside"), { recursive: true });
        writeFileSync(path.join(path.dirname(root), "outside", "run_manifest.json"), MANIFEST_TEXT);
        void outside;
      },
      mentions: [/outside/],
    },
    {
      name: "slurm-job-list append: ledger (--doc) path escaping the repository",
      args: ["slurm-job-list", "append", "--manifest", MANIFEST, "--doc", "../outside-ledger.md"],
      mentions: [/outside-ledger/],
    },
    // --- ledger
    {
      name: "slurm-job-list append: duplicate ledger lines for the run",
      files: {
        [LEDGER]: `${LEDGER_HEADER}${LEDGER_LINE}\n${OTHER_LINE}\n${LEDGER_LINE.replace("submitted", "running")}\n`,
      },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: LEDGER,
      lines: [FIRST, FIRST + 2],
      mentions: [new RegExp(`\\b${FIRST}\\b`), new RegExp(`\\b${FIRST + 2}\\b`)],
    },
    {
      name: "slurm-job-list append: malformed ledger line naming the run",
      files: { [LEDGER]: `${LEDGER_HEADER}${OTHER_LINE}\n- 2026-11-28 | job_id=abc | run_id=${RUN_ID} | status=???\n` },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: LEDGER,
      lines: [FIRST + 1],
    },
    {
      name: "slurm-job-list append: ledger not UTF-8",
      files: { [LEDGER]: withBytes(`${LEDGER_HEADER}${OTHER_LINE} note caf@\n${LEDGER_LINE}\n`, "@", [0xff]) },
      args: ["slurm-job-list", "append", "--manifest", MANIFEST],
      file: LEDGER,
      lines: [FIRST],
    },
    {
      name: "slurm-job-list verify: duplicate ledger lines",
      files: { [LEDGER]: `${LEDGER_HEADER}${LEDGER_LINE}\n${LEDGER_LINE}\n` },
      args: ["slurm-job-list", "verify", "--manifest", MANIFEST],
      file: LEDGER,
      lines: [FIRST, FIRST + 1],
      exit: [1],
      where: "all",
    },
    // --- policy
    {
      name: "policy apply preset slurm: policy YAML malformed",
      files: { [POLICY]: BAD_POLICY },
      args: ["policy", "apply", "preset", "slurm"],
      file: POLICY,
      lines: [5],
    },
    {
      name: "policy show: policy YAML malformed",
      files: { [POLICY]: BAD_POLICY },
      args: ["policy", "show"],
      file: POLICY,
      lines: [5],
    },
    {
      name: "launch: policy YAML malformed",
      files: { [POLICY]: BAD_POLICY },
      args: launchArgs(),
      file: POLICY,
      lines: [5],
    },
    {
      name: "policy apply preset: unknown preset",
      args: ["policy", "apply", "preset", "nope"],
      exit: [2],
      mentions: [/nope/],
    },
    {
      name: "policy apply preset: preset name escaping presets/",
      args: ["policy", "apply", "preset", "../../etc/passwd"],
      exit: [2],
    },
    // --- stages, run ids, paths
    { name: "verify --stage nope", args: ["verify", "--stage", "nope"], exit: [2], mentions: [/nope/] },
    {
      name: "launch: state.json with an unknown stage",
      files: {
        ".autolab/state.json": '{\n  "iteration_id": "it_faults",\n  "stage": "nope",\n  "stage_attempt": 0\n}\n',
      },
      args: launchArgs(),
      file: ".autolab/state.json",
      lines: [3],
    },
    { name: "monitor --run-id ../../etc", args: ["monitor", "--run-id", "../../etc", "--no-push"], exit: [2] },
    {
      name: "launch --run-id ../../etc",
      args: ["launch", "it_faults", "--no-push", "--run-id", "../../etc"],
      exit: [2],
    },
    {
      name: "monitor: runs/ is a symlink to a directory outside the repository",
      files: { [MANIFEST]: undefined as unknown as string },
      setup: (root, outside) => {
        mkdirSync(path.join(outside, RUN_ID), { recursive: true });
        writeFileSync(path.join(outside, RUN_ID, "run_manifest.json"), MANIFEST_TEXT);
        symlinkSync(outside, path.join(root, M_DIR, "runs"));
      },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: `${M_DIR}/runs`,
      mentions: [/outside|symlink/],
    },
    {
      name: "monitor (every run): runs/ is a symlink to a directory outside the repository",
      files: { [MANIFEST]: undefined as unknown as string },
      setup: (root, outside) => {
        mkdirSync(path.join(outside, RUN_ID), { recursive: true });
        writeFileSync(path.join(outside, RUN_ID, "run_manifest.json"), MANIFEST_TEXT);
        symlinkSync(outside, path.join(root, M_DIR, "runs"));
      },
      args: ["monitor", "--no-push"],
      file: `${M_DIR}/runs`,
      mentions: [/outside|symlink/],
    },
    {
      name: "verify --stage slurm_monitor: runs/ is a symlink to a directory outside the repository",
      files: { [MANIFEST]: undefined as unknown as string },
      setup: (root, outside) => {
        mkdirSync(path.join(outside, RUN_ID), { recursive: true });
        writeFileSync(path.join(outside, RUN_ID, "run_manifest.json"), MANIFEST_TEXT);
        symlinkSync(outside, path.join(root, M_DIR, "runs"));
      },
      args: ["verify", "--stage", "slurm_monitor", "--no-commands"],
      file: `${M_DIR}/runs`,
      mentions: [/outside|symlink/],
      where: "all",
    },
    {
      name: "monitor: run_manifest.json is a symlink to a file outside the repository",
      files: { [MANIFEST]: undefined as unknown as string },
      setup: (root, outside) => {
        writeFileSync(path.join(outside, "run_manifest.json"), MANIFEST_TEXT);
        mkdirSync(path.join(root, M_DIR, "runs", RUN_ID), { recursive: true });
        symlinkSync(path.join(outside, "run_manifest.json"), path.join(root, MANIFEST));
      },
      args: ["monitor", "--run-id", RUN_ID, "--no-push"],
      file: MANIFEST,
      mentions: [/outside|symlink/],
    },
    {
      name: "launch: a design path escaping the repository",
      args: ["launch", "../outside-design/design.yaml", "--no-push", "--run-id", "RUNID"],
      setup: (root) => {
        const d = path.join(path.dirname(root), "outside-design");
        mkdirSync(d, { recursive: true });
        writeFileSync(path.join(d, "design.yaml"), design());
      },
      mentions: [/outside-design|repository/],
    },
  ];
}

// ---------------------------------------------------------------------------

interface Outcome {
  c: Case;
  runId: string;
  res: CliResult;
  before: TreeFingerprint;
  after: TreeFingerprint;
  /** Entries of <git-dir>/autolab/launch-journal (launch records a run there before sbatch). */
  journal: string[];
}

const ALL = cases();
const parents: string[] = [];
const results = new Map<string, Outcome>();

async function runCase(c: Case, i: number): Promise<Outcome> {
  const parent = mkdtempSync(path.join(tmpdir(), "autolab-faults-"));
  parents.push(parent);
  const outside = path.join(parent, "outside-dir");
  mkdirSync(outside, { recursive: true });
  const files = { ...baseFiles(), ...(c.files ?? {}) };
  for (const [k, v] of Object.entries(files)) if (v === undefined) delete files[k];
  const repo = await makeRepo({ parent, files, beforeCommit: c.setup ? (root) => c.setup!(root, outside) : undefined });
  const runId = `${TAG}c${i}`;
  const args = c.args.map((a) => (a === "RUNID" ? runId : a));
  const before = await fingerprint(repo.root);
  const res = await runCli(repo.root, args);
  const after = await fingerprint(repo.root);
  const jdir = path.join(repo.root, ".git", "autolab", "launch-journal");
  const journal = existsSync(jdir) ? readdirSync(jdir) : [];
  return { c, runId, res, before, after, journal };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe.skipIf(!sinfoOnPath)(`bad inputs through the CLI (${ALL.length} cases)`, () => {
  beforeAll(async () => {
    requireCluster();
    const outs = await mapLimit(ALL, 6, runCase);
    for (const o of outs) results.set(o.c.name, o);
  }, 600_000);

  afterAll(async () => {
    for (const p of parents) await rm(p, { recursive: true, force: true });
  });

  it("has at least 30 cases", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
  });

  for (const c of ALL) {
    it(c.name, () => {
      const o = results.get(c.name)!;
      const text = c.where === "all" ? o.res.all : o.res.stderr;
      const ctx = `argv: ${JSON.stringify(c.args)}\nexit: ${o.res.code}\nstdout: ${o.res.stdout.slice(0, 1500)}\nstderr: ${o.res.stderr.slice(0, 1500)}`;
      expect(o.res.timedOut, ctx).toBe(false);
      expect(text, `no internal error\n${ctx}`).not.toMatch(/internal error|\n\s+at .*\.ts:\d+/);
      expect(c.exit ?? [1, 2], `exit code\n${ctx}`).toContain(o.res.code);
      if (c.file) {
        expect(text, `names the file ${c.file}\n${ctx}`).toContain(c.file);
        if (c.lines) {
          const re = new RegExp(`${escapeRe(c.file)}:(${c.lines.join("|")})(?![0-9])`);
          expect(text, `names ${c.file}:${c.lines.join(" or ")}\n${ctx}`).toMatch(re);
        } else if (c.anyLine) {
          expect(text, `names ${c.file}:<line>\n${ctx}`).toMatch(new RegExp(`${escapeRe(c.file)}:\\d+`));
        }
      }
      for (const re of c.mentions ?? []) expect(text, `mentions ${re}\n${ctx}`).toMatch(re);
      // The repository is unchanged: git status, every byte, HEAD.
      expect(o.after.status, `git status unchanged\n${ctx}`).toBe(o.before.status);
      expect(o.after.files, `same set of files\n${ctx}`).toEqual(o.before.files);
      expect(o.after.hash, `same bytes\n${ctx}`).toBe(o.before.hash);
      expect(o.after.head, `no commit\n${ctx}`).toBe(o.before.head);
      // Refused before sbatch: launch never even recorded the run in its journal.
      expect(o.journal, `no launch journal entry\n${ctx}`).toEqual([]);
    });
  }

  it(
    "no launch case submitted a job (squeue and sacct know no job named autolab-<case run id>)",
    { timeout: 180_000 },
    async () => {
      const names = new Set<string>();
      let sq = await runArgv("squeue", ["--noheader", "--states=all", "-o", "%j"], { timeoutMs: 30_000 });
      for (let i = 0; i < 60 && sq.code !== 0; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        sq = await runArgv("squeue", ["--noheader", "--states=all", "-o", "%j"], { timeoutMs: 30_000 });
      }
      expect(sq.code, sq.stderr).toBe(0);
      for (const l of sq.stdout.split("\n")) if (l.trim()) names.add(l.trim());
      // The controller or accounting may be briefly down while other suites (run locally at the
      // same time) stage outages: wait for them.
      let sa = await runArgv(
        "sacct",
        ["-X", "--noheader", "--parsable2", "--starttime=now-1hours", "-o", "JobName%200", "--allusers"],
        { timeoutMs: 30_000 },
      );
      for (let i = 0; i < 60 && sa.code !== 0; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        sa = await runArgv(
          "sacct",
          ["-X", "--noheader", "--parsable2", "--starttime=now-1hours", "-o", "JobName%200", "--allusers"],
          { timeoutMs: 30_000 },
        );
      }
      expect(sa.code, sa.stderr).toBe(0);
      for (const l of sa.stdout.split("\n")) if (l.trim()) names.add(l.trim());
      const ours = [...names].filter((n) => n.includes(TAG));
      expect(ours).toEqual([]);
    },
  );

  it("no $(...) or backtick payload ran", () => {
    expect(existsSync(PWNED)).toBe(false);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith(`pwned-${TAG}`))).toEqual([]);
  });
});
