import type { CliCommand } from "../command.js";
import { parseArgs } from "../args.js";
import { doctor, formatDoctor } from "../../commands/doctor.js";
import { repoRootOf } from "../../store/workspace.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";

export const command: CliCommand = {
  name: "doctor",
  summary: "check this host: git, SLURM tools, partitions, accounting, rsync, Node.js, glibc, repo access",
  help: `Usage: autolab doctor [--json]

Run it on the login node that carries the self-hosted runner. Exit 1 when a
required check fails.
`,
  async run(argv, io) {
    const a = parseArgs(argv, [{ name: "json" }]);
    const root = await repoRootOf(io.cwd);
    const rep = await doctor(root, { scheduler: slurmCli() });
    io.stdout(a.flags.json ? JSON.stringify(rep, null, 2) + "\n" : formatDoctor(rep));
    return rep.ok ? 0 : 1;
  },
};
