/**
 * `autolab watch`: the monitor on its own clock, until SIGTERM/SIGINT (or
 * --time-limit). Thin: parses options, composes commands/watch with a monitor
 * tick, prints what it did. Exit 1 when runs failed while it watched (unless
 * the policy's slurm.monitor.notify.fail_job is false), else 0.
 */
import { jsonText } from "../../report/json.js";
import type { CliCommand } from "../command.js";
import { commandLine } from "../args.js";
import { RECORD_FLAGS, recordOptions } from "../identity.js";
import { formatFinding, UsageError } from "../../util/errors.js";
import { slurmCli } from "../../scheduler/slurm-cli/index.js";
import { monitor } from "../../commands/monitor/index.js";
import { watch } from "../../commands/watch.js";
import { untilStopped } from "../../util/signals.js";
import { parseSpan } from "../../domain/duration.js";
import { monitorText, progressLine } from "../../report/monitor.js";
import { watchFailure, watchText } from "../../report/watch.js";

export const command: CliCommand = {
  name: "watch",
  summary: "keep watching: local sentinel checks every few seconds, the scheduler on an adaptive interval",
  help: `Usage: autolab watch [--time-limit SPAN] [--no-push] [--no-commit] [--branch B] [--skip-ci] [--json] [--repo DIR]

Runs until SIGTERM or SIGINT (Ctrl-C) ends it, or --time-limit. Every few
seconds it reads the sentinels of the runs in flight (no scheduler call).
It asks the scheduler through a monitor tick (one sacct + one squeue for all
runs, recorded and committed as autolab monitor does): at once when a
sentinel shows that a job reached its end, every running_interval_seconds
(300) while a job runs, every pending_interval_seconds (900) while all wait,
and never sooner than min_question_interval_seconds (60) after the last
question. A signal ends the wait at once; a tick in progress is finished
first. One watcher per checkout: a second one exits, naming the first.

Policy (.autolab/verifier_policy.yaml):
  slurm.monitor.min_question_interval_seconds   the floor (60)
  slurm.monitor.watch.local_check_seconds       sentinel checks (5)
  slurm.monitor.watch.running_interval_seconds  (300)
  slurm.monitor.watch.pending_interval_seconds  (900)
  slurm.monitor.notify.fail_job                 a failed run makes the exit code 1 (true)

Options:
  --time-limit SPAN  stop after SPAN (e.g. 90s, 5h50m; default: run until a signal)
  --no-push          commit but do not push
  --no-commit        write files but do not commit
  --branch B         commit (and push) to branch B
  --skip-ci          append [skip ci] to commit messages
  --json             the watch's report as JSON when it ends
  --repo DIR         act on the repository at DIR (default: the current directory)
`,
  async run(argv, io) {
    const a = commandLine(argv, io, [...RECORD_FLAGS, { name: "json" }, { name: "time-limit", value: true }], {
      command: "watch",
    });
    const limitText = a.values["time-limit"];
    const limit = limitText === undefined ? Number.POSITIVE_INFINITY : parseSpan(limitText);
    if (limit === undefined)
      throw new UsageError(`--time-limit ${JSON.stringify(limitText)} is not a span`, "e.g. --time-limit 90s or 5h50m");
    const rec = await recordOptions(a, io);
    const scheduler = slurmCli();
    return untilStopped(async (signal) => {
      const rep = await watch({
        cwd: a.cwd,
        signal,
        settings: { timeLimitSeconds: limit },
        follow: rec.push === false || rec.commit === false ? undefined : { branch: rec.branch, identity: rec.identity },
        log: (s) => io.stderr(s + "\n"),
        tick: () =>
          monitor({
            cwd: a.cwd,
            scheduler,
            ...rec,
            log: (s) => io.stderr(s + "\n"),
            progress: (e) => io.stderr(progressLine(e)),
          }),
        afterTick: async (t) => {
          if (t.runs.some((r) => r.before !== r.after) || t.commit?.committed) io.stderr(monitorText(t));
          for (const f of t.findings) io.stderr(formatFinding(f) + "\n");
        },
      });
      const failed = watchFailure(rep);
      if (a.flags.json) io.stdout(jsonText(rep));
      else io.stdout(watchText(rep));
      for (const f of rep.findings) io.stderr(formatFinding(f) + "\n");
      return failed ? 1 : 0;
    });
  },
};
