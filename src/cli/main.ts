/**
 * `autolab` command dispatcher. Thin: finds the command, handles --help and
 * --version, maps thrown errors to exit codes (AutolabError carries its own;
 * anything else is 1). Commands live in ./commands, one file each, and are
 * loaded only after `--version` (which needs none of them) is answered.
 */
import { AutolabError, formatError } from "../util/errors.js";
import type { CliCommand, CliIO } from "./command.js";
import { VERSION } from "../version.js";
import { wantsHelp } from "./args.js";
import { didYouMean } from "./suggest.js";

type Commands = readonly CliCommand[];

function overview(commands: Commands): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `autolab ${VERSION}: run research experiments on SLURM from a git repository`,
    "",
    "Usage: autolab <command> [options]    (autolab <command> --help for details)",
    "",
    "Commands:",
    ...lines,
    "",
    "Every command takes --repo DIR (act on the repository at DIR) and --help.",
    "Exit codes: 0 ok, 1 a check failed or an error occurred, 2 usage error.",
    "",
  ].join("\n");
}

function printHelp(cmd: CliCommand, io: CliIO): number {
  io.stdout(cmd.help.endsWith("\n") ? cmd.help : cmd.help + "\n");
  return 0;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V" || name === "version") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const { COMMANDS } = await import("./commands/index.js");
  const find = (n: string | undefined) => COMMANDS.find((c) => c.name === n);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    // `autolab help status`, `autolab --help status`: that command's help.
    const named = find(rest[0]);
    if (named) return printHelp(named, io);
    io.stdout(overview(COMMANDS));
    return name ? 0 : 2;
  }
  const cmd = find(name);
  if (!cmd) {
    const near = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    );
    const what = name.startsWith("-") ? `unknown option ${name} before the command` : `unknown command '${name}'`;
    io.stderr(`autolab: ${what}${near ? ` (did you mean '${near}'?)` : ""}\n\n${overview(COMMANDS)}`);
    return 2;
  }
  // --help anywhere on the line (before `--`) wins over everything else on it.
  if (wantsHelp(rest)) return printHelp(cmd, io);
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    io.stderr(formatError(err) + "\n");
    if (err instanceof AutolabError) return err.exitCode;
    return 1;
  }
}
