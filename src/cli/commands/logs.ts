/**
 * `autolab logs RUN`: the run's stdout and stderr, wherever they live; with
 * --follow, until the job ends. Thin: parses, calls commands/logs, writes the
 * bytes (stdout's log to stdout, stderr's log to stderr).
 */
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { UsageError } from "../../util/errors.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";
import { logs } from "../../commands/logs.js";
import { untilStopped } from "../../util/signals.js";
import type { LogStream } from "../../domain/logs.js";

export const command: CliCommand = {
  name: "logs",
  summary: "a run's stdout/stderr (work root or synced copy); --follow until the job ends",
  help: `Usage: autolab logs RUN [--follow] [--attempt N] [--stream out|err] [--repo DIR]

Prints run RUN's job logs: logs/slurm-<job>.out and .err (a local run:
logs/run_local.out and .err), from the job's launch snapshot under the work
root while it is there (the live files), else from the run dir in the
checkout (the copy the monitor synced). The job's stdout goes to stdout,
its stderr to stderr; where each file was found is said on stderr.

With --follow, new output is printed as the job writes it (the files are
read once a second) until the job has ended: its sentinel says so, its
manifest is past running, or the scheduler says the job is over (asked at
most once per slurm.monitor.min_question_interval_seconds, 60 s). Ctrl-C
stops following.

--attempt N shows attempt N of the run (attempts[] in the manifest: 1 is
the launch, each requeue or resubmission adds one; default: the latest).
SLURM appends every requeue of a job to the same files, so attempts of one
job id share them (it says which); a resubmission has files of its own.

Options:
  --follow, -f     keep printing until the job ends
  --attempt N      that attempt's logs (default: the latest)
  --stream S       only out (stdout) or err (stderr)
  --repo DIR       act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(
      argv,
      io,
      [
        { name: "follow", short: "f" },
        { name: "attempt", value: true },
        { name: "stream", value: true },
      ],
      { command: "logs", positionals: { min: 1, max: 1, what: "run id" } },
    );
    const attemptText = a.values.attempt;
    const attempt = attemptText === undefined ? undefined : Number(attemptText);
    if (attempt !== undefined && !(Number.isInteger(attempt) && attempt >= 1))
      throw new UsageError(
        `--attempt ${JSON.stringify(attemptText)} is not an attempt number`,
        "attempts count from 1",
      );
    const stream = a.values.stream;
    if (stream !== undefined && stream !== "out" && stream !== "err")
      throw new UsageError(`--stream ${JSON.stringify(stream)}: use out or err`);
    return untilStopped(async (signal) => {
      const rep = await logs({
        cwd: a.cwd,
        runId: a.positionals[0],
        attempt,
        streams: stream ? [stream as LogStream] : undefined,
        follow: !!a.flags.follow,
        scheduler: a.flags.follow ? slurmCli() : undefined,
        signal,
        write: (text, from) => (from.stream === "err" ? io.stderr(text) : io.stdout(text)),
        note: (line) => io.stderr(`autolab logs: ${line}\n`),
      });
      const missing = rep.files.filter((f) => !f.found);
      if (missing.length === rep.files.length)
        io.stderr(`autolab logs: no log file yet (${missing.map((f) => f.file).join(", ")})\n`);
      return 0;
    });
  },
};
