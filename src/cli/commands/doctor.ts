import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { doctor, formatDoctor } from "../../commands/doctor.js";
import { repoRootOf } from "../../store/workspace.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";

export const command: CliCommand = {
  name: "doctor",
  summary: "check this host: git, SLURM tools, partitions, accounting, rsync, Node.js, glibc, repo access",
  help: `Usage: autolab doctor [--json] [--repo DIR]

Run it on the login node that carries the self-hosted runner. Exit 1 when a
required check fails.

Options:
  --json      the checks as JSON
  --repo DIR  check access to the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(argv, io, [{ name: "json" }], { command: "doctor" });
    const root = await repoRootOf(a.cwd);
    const rep = await doctor(root, { scheduler: slurmCli() });
    io.stdout(a.flags.json ? jsonText(rep) : formatDoctor(rep));
    return rep.ok ? 0 : 1;
  },
};
