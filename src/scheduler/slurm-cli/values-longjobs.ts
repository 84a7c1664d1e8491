/**
 * Design values for long jobs that reach the job's request:
 * `compute.checkpoint_signal` (`USR1@120`: send SIGUSR1 to the batch shell
 * 120 s before the time limit; the job script forwards it to the workload).
 * Pure: no I/O.
 */
import { type Collector, type Directive, describeValue } from "./values-fields.js";

/** The signal SLURM sends the batch shell before the time limit, and how many seconds before. */
export interface CheckpointSignal {
  signal: "USR1" | "USR2";
  seconds: number;
}

/** SLURM's limit for `--signal=<sig>@<time>` (sbatch(1): 0..65535 seconds). */
const MAX_SIGNAL_SECONDS = 65535;

/**
 * `compute.checkpoint_signal`: `USR1@120`, `SIGUSR2@300` (the `SIG` prefix is
 * optional). Only USR1 and USR2: TERM, INT and HUP already mean "stop" to the
 * job script, and SLURM sends TERM at the time limit itself. It conflicts with
 * a `--signal` in `compute.sbatch_options`.
 */
export function checkpointSignal(
  raw: unknown,
  path: string,
  extra: Directive[],
  c: Collector,
): CheckpointSignal | undefined {
  const hint = 'write <signal>@<seconds before the time limit>, e.g. "USR1@120" (signals: USR1, USR2)';
  if (typeof raw !== "string")
    return c.error(path, `checkpoint_signal must be a string (got ${describeValue(raw)})`, hint);
  const m = /^(?:SIG)?(USR1|USR2)@([0-9]{1,5})$/.exec(raw.trim());
  if (!m) return c.error(path, `checkpoint_signal ${describeValue(raw)} is not of the form USR1@<seconds>`, hint);
  const seconds = Number(m[2]);
  if (seconds < 1 || seconds > MAX_SIGNAL_SECONDS)
    return c.error(
      path,
      `checkpoint_signal time ${seconds} s is outside 1..${MAX_SIGNAL_SECONDS} (SLURM's range)`,
      hint,
    );
  if (extra.some((d) => d.option === "--signal"))
    return c.error(
      path,
      "checkpoint_signal conflicts with --signal in compute.sbatch_options; SLURM accepts one signal request",
      "remove --signal from sbatch_options",
    );
  return { signal: m[1] as CheckpointSignal["signal"], seconds };
}

/** The `--signal` value: `B:` so SLURM signals only the batch shell, which forwards it to the workload's process group. */
export function signalDirective(s: CheckpointSignal): Directive {
  return { option: "--signal", value: `B:${s.signal}@${s.seconds}` };
}
