/**
 * The CLI's command line as tables: the parser (src/cli/args.ts), the "did you
 * mean" rule (src/cli/suggest.ts), and the dispatcher's handling of --help,
 * unknown commands and extra arguments (src/cli/main.ts), without processes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commandLine, parseArgs, wantsHelp, type OptionSpec } from "../../src/cli/args.js";
import { didYouMean, editDistance } from "../../src/cli/suggest.js";
import { main } from "../../src/cli/main.js";
import { UsageError } from "../../src/util/errors.js";

const SPECS: OptionSpec[] = [
  { name: "json" },
  { name: "dry-run" },
  { name: "run-id", value: true },
  { name: "reason", value: true, short: "r" },
  { name: "file", value: true, multiple: true },
  { name: "dir", value: true, aliasOf: "run-id" },
];

function usage(argv: string[], rules = {}): string {
  try {
    parseArgs(argv, SPECS, rules);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as UsageError).message;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
}

describe("parseArgs: accepted lines", () => {
  it.each([
    [["--json"], { flags: { json: true } }],
    [["--run-id", "R1", "--json"], { values: { "run-id": "R1" }, flags: { json: true } }],
    [["--run-id=R1"], { values: { "run-id": "R1" } }],
    [["--run-id=--json"], { values: { "run-id": "--json" } }],
    [["--reason", "-"], { values: { reason: "-" } }],
    [["-r", "why"], { values: { reason: "why" } }],
    [["--file", "a", "--file=b"], { lists: { file: ["a", "b"] } }],
    [["--", "--json"], { positionals: ["--json"], flags: {} }],
    [["--run-id", "R", "--run-id", "R"], { values: { "run-id": "R" } }],
  ])("%j", (argv, want) => {
    expect(parseArgs(argv, SPECS, { positionals: { min: 0, max: 1 } })).toMatchObject(want);
  });

  it("a deprecated spelling fills the new option and says so", () => {
    const a = parseArgs(["--dir", "x"], SPECS);
    expect(a.values).toEqual({ "run-id": "x" });
    expect(a.warnings).toEqual(["--dir is deprecated: use --run-id"]);
  });
});

describe("parseArgs: refused lines (UsageError, exit 2)", () => {
  it.each([
    // A value option never swallows a flag.
    [["--run-id", "--json"], /^option --run-id needs a value \(got the option --json\)$/],
    [["--run-id"], /^option --run-id needs a value$/],
    [["-r", "--dry-run"], /^option -r needs a value/],
    [["--json=yes"], /^option --json takes no value$/],
    [["--jsno"], /^unknown option --jsno \(did you mean --json\?\)$/],
    [["--dryrun"], /^unknown option --dryrun \(did you mean --dry-run\?\)$/],
    [["--run"], /^unknown option --run \(did you mean --run-id\?\)$/],
    [["--zzzzzz"], /^unknown option --zzzzzz$/],
    [["-x"], /^unknown option -x$/],
    [["-json"], /^unknown option -json \(did you mean --json\?\)$/],
    [["--run-id", "A", "--run-id", "B"], /^option --run-id given twice$/],
    [["extra"], /^takes no arguments, got "extra"$/],
  ])("%j", (argv, re) => {
    expect(usage(argv)).toMatch(re);
  });

  it("counts positionals against the command's rule", () => {
    const one = { command: "cancel", positionals: { min: 1, max: 1, what: "run id" } };
    expect(usage([], one)).toBe("cancel needs exactly 1 run id");
    expect(usage(["a", "b"], one)).toBe('unexpected argument "b" (cancel takes exactly 1 run id)');
    expect(parseArgs(["a"], SPECS, one).positionals).toEqual(["a"]);
  });
});

describe("wantsHelp: --help or -h anywhere before --", () => {
  it.each([
    [["--help"], true],
    [["--run-id", "X", "--json", "-h"], true],
    [["a", "--help", "b"], true],
    [["--", "--help"], false],
    [["--helper"], false],
    [[], false],
  ])("%j -> %s", (argv, want) => {
    expect(wantsHelp(argv)).toBe(want);
  });
});

describe("didYouMean", () => {
  const commands = ["init", "launch", "monitor", "status", "cancel", "run", "verify", "policy", "validate", "doctor"];
  it.each([
    ["stauts", "status"],
    ["lanch", "launch"],
    ["stat", "status"],
    ["monitr", "monitor"],
    ["verfiy", "verify"],
    ["docter", "doctor"],
    ["xyz", undefined],
    ["status", undefined],
  ])("%s -> %s", (given, want) => {
    expect(didYouMean(given, commands)).toBe(want);
  });
  it("counts a transposition as one edit", () => {
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("commandLine: --repo DIR on every command", () => {
  const io = { cwd: tmpdir(), stderr: () => undefined };
  it("resolves DIR from the working directory; a missing DIR is refused unless the command creates it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "repo-flag-"));
    expect(commandLine(["--repo", path.basename(dir)], io, [], {}).cwd).toBe(dir);
    expect(commandLine([], io, [], {}).cwd).toBe(tmpdir());
    expect(() => commandLine(["--repo", "no/such/dir"], io, [], { command: "status" })).toThrow(
      /--repo no\/such\/dir: no such directory/,
    );
    expect(commandLine(["--repo", "new-dir"], io, [], { repoMayBeMissing: true }).cwd).toBe(
      path.join(tmpdir(), "new-dir"),
    );
  });
});

describe("main: the dispatcher", () => {
  async function run(argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      cwd: mkdtempSync(path.join(tmpdir(), "cli-main-")),
      env: {},
    });
    return { code, stdout, stderr };
  }

  it("--help anywhere prints the command's help, exit 0, whatever else is on the line", async () => {
    for (const argv of [
      ["status", "--run-id", "X", "--json", "--help"],
      ["status", "--no-such-option", "-h"],
      ["status", "extra", "--help"],
      ["help", "status"],
      ["--help", "status"],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(" ")).toBe(0);
      expect(r.stdout, argv.join(" ")).toMatch(/^Usage: autolab status/);
    }
  });

  it("an unknown command is refused with a suggestion", async () => {
    const r = await run(["stauts"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^autolab: unknown command 'stauts' \(did you mean 'status'\?\)/);
  });

  it("status --run-id --json is a usage error, not a run called --json", async () => {
    const r = await run(["status", "--run-id", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/option --run-id needs a value \(got the option --json\)/);
  });

  it.each([
    [["status", "extra"]],
    [["monitor", "extra"]],
    [["run", "extra"]],
    [["verify", "--stage", "launch", "extra"]],
    [["doctor", "extra"]],
    [["init", "extra"]],
    [["cancel", "R1", "R2"]],
    [["launch", "a", "b"]],
    [["policy", "show", "extra"]],
    [["policy", "apply", "preset", "slurm", "extra"]],
    [["slurm-job-list", "verify", "extra", "--manifest", "m.json"]],
  ])("extra arguments are refused: %j", async (argv) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/unexpected argument|takes no arguments/);
  });

  it("unknown subcommands get a suggestion", async () => {
    expect((await run(["policy", "shwo"])).stderr).toMatch(/unknown subcommand 'shwo' \(did you mean 'show'\?\)/);
    expect((await run(["slurm-job-list", "apend"])).stderr).toMatch(/did you mean 'append'\?/);
  });

  it("init --dir still works, with a deprecation warning", async () => {
    const r = await run(["init", "--dir", "lab", "--preset", "none", "--action-ref", "a".repeat(40)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("autolab: warning: --dir is deprecated: use --repo");
  });
});
