/**
 * `autolab` command dispatcher. Thin: finds the command, handles --help and
 * --version, maps thrown errors to exit codes (AutolabError carries its own;
 * anything else is 1). Commands live in ./commands, one file each.
 */
import { AutolabError, formatError } from "../util/errors.js";
import type { CliCommand, CliIO } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { VERSION } from "../version.js";

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `autolab ${VERSION}: run research experiments on SLURM from a git repository`,
    "",
    "Usage: autolab <command> [options]    (autolab <command> --help for details)",
    "",
    "Commands:",
    ...lines,
    "",
    "Exit codes: 0 ok, 1 a check failed or an error occurred, 2 usage error.",
    "",
  ].join("\n");
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    if (name === "help" && rest[0]) return main([rest[0], "--help"], io);
    io.stdout(overview());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cmd: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`autolab: unknown command '${name}'\n\n${overview()}`);
    return 2;
  }
  if (rest.length === 1 && (rest[0] === "--help" || rest[0] === "-h")) {
    io.stdout(cmd.help.endsWith("\n") ? cmd.help : cmd.help + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    io.stderr(formatError(err) + "\n");
    if (err instanceof AutolabError) return err.exitCode;
    return 1;
  }
}
