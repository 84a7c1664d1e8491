/** `autolab gc`: free the work-root snapshots and journal entries of finished, synced, pushed runs. Thin. */
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { formatFinding, UsageError } from "../../util/errors.js";
import { parseSpan } from "../../domain/duration.js";
import { gc } from "../../commands/gc.js";
import { gcText } from "../../report/gc.js";
import { jsonText } from "../../report/json.js";

export const command: CliCommand = {
  name: "gc",
  summary: "remove work-root snapshots and journal entries of finished, synced and pushed runs",
  help: `Usage: autolab gc [--dry-run] [--older-than SPAN] [--verbose] [--json] [--repo DIR]

Removes, for every run finished longer ago than SPAN (default 14d), its
launch snapshot under the work root (git worktree remove) and its entries in
the launch journal (<git-dir>/autolab/launch-journal), and says how much it
freed. Never anything else: a run is kept when it is in flight, not yet
extracted, not synced (artifact_sync_to_local.status not ok), when its
manifest is not on origin's branch exactly as the checkout has it (as the
last fetch or push saw it), when its snapshot holds a file the checkout's
run dir lacks, or has changes outside the run dir, or is not a worktree of
this checkout. The monitor runs it after each tick when the policy sets
slurm.monitor.retention.gc_older_than.

Options:
  --dry-run          say what would be removed; remove nothing
  --older-than SPAN  only runs finished longer ago (e.g. 14d, 36h; default 14d)
  --verbose          also list the runs with nothing to free
  --json             the report as JSON
  --repo DIR         act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [{ name: "dry-run" }, { name: "older-than", value: true }, { name: "verbose" }, { name: "json" }],
      { command: "gc" },
    );
    const text = a.values["older-than"] ?? "14d";
    const olderThanSeconds = parseSpan(text);
    if (olderThanSeconds === undefined)
      throw new UsageError(`--older-than ${JSON.stringify(text)} is not a span`, "e.g. --older-than 14d or 36h");
    const rep = await gc({ cwd: a.cwd, olderThanSeconds, dryRun: !!a.flags["dry-run"] });
    io.stdout(a.flags.json ? jsonText(rep) : gcText(rep, { verbose: !!a.flags.verbose }));
    for (const f of rep.findings) io.stderr(formatFinding(f) + "\n");
    return rep.findings.some((f) => f.severity === "error") ? 1 : 0;
  },
};
