/**
 * Hostile design values. Every value that would reach an `#SBATCH` line
 * (compute fields, sbatch_options), the run/iteration ids and the paths is
 * refused with an AutolabError naming the field; setup lines that look like
 * directives or span lines are refused; and values that are allowed to be
 * arbitrary strings (runtime.env values, entrypoint args) are proven inert by
 * running the rendered local script with bash: `$(touch X)` does not run and
 * the job sees the exact string.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "../../src/contract/types.js";
import {
  renderLocalScript,
  renderSlurmScript,
  sbatchArgv,
  type RenderInput,
} from "../../src/scheduler/slurm-cli/render.js";
import { bashQuote, shellQuote } from "../../src/util/shell.js";
import {
  isReservedEnvName,
  validateComputeValues,
  validateRenderValues,
} from "../../src/scheduler/slurm-cli/values.js";
import { AutolabError } from "../../src/util/errors.js";
import { describeFailure, runArgv } from "../../src/util/exec.js";
import { writeFileAtomic } from "../../src/util/fs.js";

const RUN_ID = "20260102T030405Z_a1b2c3";

const HOSTILE = [
  "gpu\n#SBATCH --wrap=touch /tmp/pwned",
  "gpu\r#SBATCH --wrap=x",
  "$(touch /tmp/pwned)",
  "`touch /tmp/pwned`",
  "gpu'",
  'gpu"',
  "gpu;touch /tmp/pwned",
  "gpu normal",
  "gpu\t",
  "gpu#comment",
  "gpu\\",
  "a".repeat(5000),
  "gpü",
  "ｇｐｕ",
  "gpu\u0000",
  "--wrap=touch",
  "hetjob",
  "gpu,hetjob",
  "",
];

function baseDesign(): Design {
  return { compute: { location: "slurm" }, entrypoint: { cli: "true" } };
}

function input(design: Design, over: Partial<RenderInput> = {}): RenderInput {
  return {
    design,
    runId: RUN_ID,
    iterationId: "it1",
    iterationPath: "experiments/in_progress/it1",
    repoRoot: "/home/me/repo",
    pythonBin: "python3",
    ...over,
  };
}

function renderError(fn: () => unknown): AutolabError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AutolabError) return e;
    throw e;
  }
  throw new Error("rendered without an error");
}

const FIELDS = [
  "walltime_estimate",
  "memory_estimate",
  "gpu_type",
  "partition",
  "qos",
  "account",
  "constraint",
  "cpus_per_task",
  "num_nodes",
  "gpu_count",
  "checkpoint_signal",
] as const;

describe("hostile values in directive fields are refused, naming the field", () => {
  for (const field of FIELDS) {
    it.each(HOSTILE.map((v) => [JSON.stringify(v).slice(0, 40), v]))(`compute.${field} = %s`, (_label, value) => {
      const design = baseDesign();
      (design.compute as Record<string, unknown>)[field] = value;
      if (field === "gpu_type") (design.compute as Record<string, unknown>).gpu_count = 1;
      const err = renderError(() => renderSlurmScript(input(design)));
      expect(err.location.jsonPath).toBe(`/compute/${field}`);
      // The local script validates the same design.
      expect(renderError(() => renderLocalScript(input(design))).location.jsonPath).toBe(`/compute/${field}`);
      expect(validateComputeValues(design)).toContainEqual(
        expect.objectContaining({ severity: "error", jsonPath: `/compute/${field}` }),
      );
    });
  }

  it("reports every bad field at once in the error's findings", () => {
    const design = baseDesign();
    Object.assign(design.compute, { partition: "a b", qos: "$(x)", walltime_estimate: "soon" });
    const err = renderError(() => renderSlurmScript(input(design)));
    expect(err.findings.map((f) => f.jsonPath).sort()).toEqual([
      "/compute/partition",
      "/compute/qos",
      "/compute/walltime_estimate",
    ]);
    expect(err.message).toContain("2 more problems");
  });

  it("accepts the legitimate neighbours of those values", () => {
    const design = baseDesign();
    Object.assign(design.compute, {
      partition: "gpu,gpu-long",
      qos: "high_prio.v2",
      account: "proj-123",
      constraint: "[rack1|rack2]&(a100*2)&!slow",
      gpu_type: "h100-80gb",
      gpu_count: 8,
    });
    const dirs = renderSlurmScript(input(design)).directives;
    expect(dirs).toContainEqual({ option: "--constraint", value: "[rack1|rack2]&(a100*2)&!slow" });
    expect(dirs).toContainEqual({ option: "--gres", value: "gpu:h100-80gb:8" });
  });
});

describe("hostile sbatch_options are refused, naming the item", () => {
  it.each([
    "--exclusive\n#SBATCH --wrap=touch /tmp/pwned",
    "--comment=$(touch /tmp/pwned)",
    "--comment=`id`",
    "--comment='x'",
    '--comment="x y"',
    "--comment=a#b",
    "--mail-user=a b",
    "--begin=now\\",
    "--job-name=evil",
    "--job=evil", // getopt_long would take this abbreviation for --job-name
    "--part=debug",
    "--output=/tmp/x",
    "--error=/tmp/x",
    "--chdir=/",
    "--export=ALL,LD_PRELOAD=/evil.so",
    "--wrap=touch",
    "--array=0-9",
    "--time=1",
    "--mem=1G",
    "--hetjob",
    "--dependency=afterok:1,hetjob",
    "--wait",
    "--parsable",
    "-p debug",
    "--Exclusive",
    "exclusive",
    "--",
    "--comment=",
    "--comment=ü",
    "--comment=" + "x".repeat(300),
  ])("%j", (option) => {
    const design = baseDesign();
    (design.compute as Record<string, unknown>).sbatch_options = ["--exclusive", option];
    expect(renderError(() => renderSlurmScript(input(design))).location.jsonPath).toBe("/compute/sbatch_options/1");
  });

  it("refuses a non-list, and --mem-per-cpu next to memory_estimate", () => {
    const d1 = baseDesign();
    (d1.compute as Record<string, unknown>).sbatch_options = "--exclusive";
    expect(renderError(() => renderSlurmScript(input(d1))).location.jsonPath).toBe("/compute/sbatch_options");
    const d2 = baseDesign();
    Object.assign(d2.compute, { memory_estimate: "4G", sbatch_options: ["--mem-per-cpu=1G"] });
    expect(renderError(() => renderSlurmScript(input(d2))).location.jsonPath).toBe("/compute/sbatch_options/0");
  });

  it("keeps legitimate options in order", () => {
    const design = baseDesign();
    (design.compute as Record<string, unknown>).sbatch_options = [
      "--signal=B:USR1@60",
      "--mail-user=me@example.org",
      "--dependency=afterok:12?afterany:13",
      "--nodelist=node[01-04]",
      "--exclusive",
    ];
    expect(renderSlurmScript(input(design)).directives.slice(5)).toEqual([
      { option: "--signal", value: "B:USR1@60" },
      { option: "--mail-user", value: "me@example.org" },
      { option: "--dependency", value: "afterok:12?afterany:13" },
      { option: "--nodelist", value: "node[01-04]" },
      { option: "--exclusive" },
    ]);
  });
});

describe("run id, iteration id and paths must be safe", () => {
  it.each(["", "x\n#SBATCH --wrap=y", "a,b", "a=b", "$(id)", "../x", "a b", "-x", "ü", "x".repeat(200)])(
    "run id / iteration id %j",
    (bad) => {
      expect(() => renderSlurmScript(input(baseDesign(), { runId: bad }))).toThrow(AutolabError);
      expect(() => renderSlurmScript(input(baseDesign(), { iterationId: bad }))).toThrow(AutolabError);
      expect(() => renderLocalScript(input(baseDesign(), { runId: bad }))).toThrow(AutolabError);
      const r = renderSlurmScript(input(baseDesign()));
      expect(() => sbatchArgv("/x", r, { runId: RUN_ID, iterationId: bad })).toThrow(AutolabError);
    },
  );

  it.each([
    "/home/me/my repo",
    "/tmp/%j",
    "/tmp/#x",
    "relative/path",
    "/a/../b",
    "/a/./b",
    "/a//b",
    "/tmp/x\n#SBATCH --wrap=y",
    "/tmp/'x'",
    "/tmp/$(id)",
    "",
  ])("repo root %j", (bad) => {
    expect(() => renderSlurmScript(input(baseDesign(), { repoRoot: bad }))).toThrow(AutolabError);
  });

  it.each(["/abs/it1", "a/../b", "a b", "a/%x", "", "a//b", "./a"])("iteration path %j", (bad) => {
    expect(() => renderSlurmScript(input(baseDesign(), { iterationPath: bad }))).toThrow(AutolabError);
  });
});

describe("runtime values", () => {
  it.each([
    ["#SBATCH --time=1"],
    ["  #SBATCH --wrap=x"],
    ["#sbatch --wrap=x"],
    ["#PBS -l walltime=1:00:00"],
    ["#BSUB -W 10"],
    ["echo one\necho two"],
    ["echo one\r"],
    ["echo \u0000"],
  ])("setup line %j is refused", (line) => {
    const design: Design = { ...baseDesign(), runtime: { setup: ["echo ok", line] } };
    expect(renderError(() => renderSlurmScript(input(design))).location.jsonPath).toBe("/runtime/setup/1");
  });

  it.each([
    ["A B", "x"],
    ["1X", "x"],
    ["X;rm", "x"],
    ["AUTOLAB_RUN_ID", "x"],
    ["RUN_ID", "x"],
    ["SLURM_JOB_ID", "1"],
    ["IFS", "x"],
    ["BASH_ENV", "/tmp/x"],
    // Reserved ignoring case (issue 11, item 8): the script's own variables are lower case.
    ["autolab_command", "echo hijacked"],
    ["autolab_sentinel", "/tmp/x"],
    ["Autolab_Run_Id", "x"],
    ["__AUTOLAB_STARTED", "1"],
    ["run_id", "x"],
    ["slurm_job_id", "1"],
    ["ifs", "x"],
    ["OK", null],
    ["OK", { a: 1 }],
    ["OK", [1]],
    ["OK", "a\u0000b"],
  ])("env %j = %j is refused", (name, value) => {
    const design: Design = { ...baseDesign(), runtime: { env: { [name]: value } } };
    expect(renderError(() => renderSlurmScript(input(design))).location.jsonPath).toBe(`/runtime/env/${name}`);
  });

  it("validateRenderValues collects compute, runtime and entrypoint findings", () => {
    const design: Design = { compute: { location: "slurm", qos: "a b" }, runtime: { setup: ["#SBATCH x"] } };
    expect(validateRenderValues(design).map((f) => f.jsonPath)).toEqual([
      "/compute/qos",
      "/runtime/setup/0",
      "/entrypoint",
    ]);
  });
});

describe("shellQuote", () => {
  it.each(["", "plain", "a b", "it's", "$(id)", "`id`", "a\nb", '"', "\\", "~", "*", "ü✓", "a=b", "--x", "'", "''"])(
    "%j round-trips through bash",
    async (s) => {
      const r = await runArgv("bash", ["-c", `printf %s ${shellQuote(s)}`], { timeoutMs: 10_000 });
      expect(r.code, describeFailure(r)).toBe(0);
      expect(r.stdout).toBe(s);
    },
  );
  it.each(["a\rb", "\r\n", "\u001b[0m", "x\u007fy", "'\r\\", "\\x41\r", "\u0001ü\t\n"])(
    "bashQuote %j round-trips through bash",
    async (s) => {
      const q = bashQuote(s);
      // eslint-disable-next-line no-control-regex -- the quoted form must carry no control characters
      expect(q).not.toMatch(/[\r\u0000-\u0008\u000b-\u001f\u007f]/);
      const r = await runArgv("bash", ["-c", `printf %s ${q}`], { timeoutMs: 10_000 });
      expect(r.stdout).toBe(s);
    },
  );
  it("refuses NUL", () => {
    expect(() => shellQuote("a\u0000b")).toThrow(AutolabError);
    expect(() => bashQuote("a\u0000\rb")).toThrow(AutolabError);
  });
});

// ---------------------------------------------------------------------------
// Values that may be arbitrary strings: run them

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), "autolab-hostile-")));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function pwnedFiles(): string[] {
  return readdirSync(root).filter((f) => f.startsWith("PWNED"));
}

async function runLocal(design: Design, runId: string, pythonBin = "python3"): Promise<string> {
  const r = renderLocalScript(input(design, { runId, repoRoot: root, pythonBin }));
  const file = path.join(root, "experiments/in_progress/it1/launch/run_local.sh");
  await writeFileAtomic(file, r.script);
  const res = await runArgv("bash", [file], { timeoutMs: 30_000 });
  const runDir = path.join(root, "experiments/in_progress/it1/runs", runId);
  const err = existsSync(path.join(runDir, "logs/run_local.err"))
    ? readFileSync(path.join(runDir, "logs/run_local.err"), "utf8")
    : "";
  expect(res.code, `${describeFailure(res)}\n${err}`).toBe(0);
  return runDir;
}

describe("env values and entrypoint args are data, proven with bash", () => {
  it("env values reach the job exactly and run nothing", async () => {
    const values: Record<string, string> = {
      V_SUBST: `$(touch ${root}/PWNED_subst)`,
      V_BACKTICK: `\`touch ${root}/PWNED_backtick\``,
      V_QUOTES: `it's "quoted" \\ back \\' slash`,
      V_BREAKOUT: `'; touch ${root}/PWNED_breakout; '`,
      V_NEWLINE: "multi\nline\n#SBATCH --wrap=touch /tmp/pwned\n",
      V_UNICODE: "ünïcödé ✓ 🚀",
      V_EXPANSION: "${HOME} $HOME ~ *",
      V_EMPTY: "",
      V_SPACES: "  leading and trailing  ",
      V_LONG: "x".repeat(4000),
      V_CONTROL: "cr\rlf\r\n\u001b[31mred\u007f\u0001'\\x41",
    };
    const runId = "20260102T030405Z_e00001";
    const design: Design = {
      compute: { location: "local" },
      runtime: { env: values },
      entrypoint: { cli: 'env -0 > "$AUTOLAB_RUN_DIR/env.bin"' },
    };
    const runDir = await runLocal(design, runId);
    const seen: Record<string, string> = {};
    for (const entry of readFileSync(path.join(runDir, "env.bin"), "utf8").split("\0")) {
      const eq = entry.indexOf("=");
      if (entry.startsWith("V_")) seen[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    expect(seen).toEqual(values);
    expect(pwnedFiles()).toEqual([]);
  });

  it("entrypoint args reach python's sys.argv exactly and run nothing", async () => {
    await writeFileAtomic(
      path.join(root, "argdump.py"),
      'import json, os, sys\nopen(os.path.join(os.environ["AUTOLAB_RUN_DIR"], "argv.json"), "w").write(json.dumps(sys.argv[1:]))\n',
    );
    const runId = "20260102T030405Z_e00002";
    const design: Design = {
      compute: { location: "local" },
      entrypoint: {
        module: "argdump",
        args: {
          subst: `$(touch ${root}/PWNED_arg_subst)`,
          tick: `\`touch ${root}/PWNED_arg_tick\``,
          quotes: `x'y"z\\`,
          lines: "multi\nline",
          list: [`; touch ${root}/PWNED_arg_list`, "ü"],
          obj: { k: `$(touch ${root}/PWNED_arg_obj)`, q: "'" },
          flag: true,
          off: false,
        },
      },
    };
    const runDir = await runLocal(design, runId);
    expect(JSON.parse(readFileSync(path.join(runDir, "argv.json"), "utf8"))).toEqual([
      "--flag",
      "--lines",
      "multi\nline",
      "--list",
      `; touch ${root}/PWNED_arg_list`,
      "--list",
      "ü",
      "--obj",
      JSON.stringify({ k: `$(touch ${root}/PWNED_arg_obj)`, q: "'" }),
      "--quotes",
      `x'y"z\\`,
      "--subst",
      `$(touch ${root}/PWNED_arg_subst)`,
      "--tick",
      `\`touch ${root}/PWNED_arg_tick\``,
    ]);
    expect(pwnedFiles()).toEqual([]);
  });
});

describe("the script's own variables are out of a design's reach (issue 11, item 8)", () => {
  /** Every variable a script assigns outside a function's `local` list (assignments, export, readonly, for). */
  function assignedNames(script: string): string[] {
    const names = new Set<string>();
    let locals = new Set<string>();
    for (const raw of script.split("\n")) {
      const line = raw.trim();
      if (line.startsWith("#")) continue;
      if (/^[A-Za-z_][A-Za-z0-9_]*\(\)\s*\{/.test(line)) locals = new Set();
      const local = /^local\s+(.*)$/.exec(line);
      if (local) for (const n of local[1].split(/\s+/)) locals.add(n.replace(/=.*/, ""));
      const ro = /^(?:readonly|export)\s+([A-Za-z_][A-Za-z0-9_]*(?:\s+[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(line);
      if (ro) for (const n of ro[1].split(/\s+/)) names.add(n);
      for (const m of line.matchAll(/(?:^|[\s;(])(?:export\s+|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g))
        if (!locals.has(m[1])) names.add(m[1]);
    }
    return [...names];
  }

  it("every name a rendered script assigns is one runtime.env cannot take", () => {
    const design: Design = {
      compute: { location: "slurm", walltime_estimate: "00:10:00" },
      runtime: { setup: [], env: { USER_VAR: "1" } },
      entrypoint: { cli: "true" },
    };
    for (const script of [renderSlurmScript(input(design)).script, renderLocalScript(input(design)).script]) {
      const names = assignedNames(script).filter((n) => n !== "USER_VAR");
      expect(names).toContain("autolab_command");
      expect(names.filter((n) => !isReservedEnvName(n))).toEqual([]);
    }
  });

  it("a setup line cannot reassign the command or the sentinel's path (they are readonly)", async () => {
    const runId = "20260102T030405Z_0000aa";
    const script = renderLocalScript(
      input(
        {
          compute: { location: "local" },
          runtime: { setup: [`autolab_command='touch ${root}/PWNED_setup'`] },
          entrypoint: { cli: "true" },
        },
        { runId, repoRoot: root },
      ),
    ).script;
    const file = path.join(root, "experiments/in_progress/it1/launch/run_local.sh");
    await writeFileAtomic(file, script);
    const res = await runArgv("bash", [file], { timeoutMs: 30_000 });
    expect(res.code).not.toBe(0);
    const err = readFileSync(path.join(root, "experiments/in_progress/it1/runs", runId, "logs/run_local.err"), "utf8");
    expect(err).toMatch(/autolab_command: readonly variable/);
    expect(pwnedFiles()).toEqual([]);
  });
});
