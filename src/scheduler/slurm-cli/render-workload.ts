/**
 * The part of the job script that starts the workload (the design's command),
 * passes signals on to it, waits for it and records, in `job_sentinel.json`,
 * what really happened: the workload's own exit status, the signal the script
 * received, the checkpoint signal, whether the workload asked to be resumed,
 * and SLURM's restart count. Pure text builders; render.ts composes them into
 * the script body.
 *
 * The workload contract (README "Long jobs: checkpoints and resumption"):
 * - `$AUTOLAB_CHECKPOINT_DIR` is `runs/<run_id>/checkpoint/` (created before
 *   the command starts; the same directory for every attempt of the run).
 * - On the checkpoint signal (`compute.checkpoint_signal`, SLURM sends it to
 *   the batch shell `--signal=B:<sig>@<t>`; the script passes it on to the
 *   workload's whole process group) the workload saves its state there and
 *   exits with `$AUTOLAB_RESUME_EXIT_CODE` (85): "resume me".
 * - `$AUTOLAB_RESTART_COUNT` is SLURM's restart count (0 for the first start).
 * - `$AUTOLAB_ATTEMPT` is the tool's attempt number: 1, then 2, 3, ... for
 *   each resubmission (domain/resubmit.ts).
 *
 * Decisions:
 * - The command runs in a subshell that is its own process group (`set -m`).
 *   The subshell turns TERM/INT/HUP into `exit $?` and ignores USR1/USR2 with
 *   a no-op handler (handlers, unlike ignored dispositions, are reset for the
 *   programs it starts): a signal sent to the group reaches the workload, and
 *   the subshell ends with the workload's own status instead of dying first
 *   (which left the script waiting for nothing and the workload orphaned).
 * - USR1/USR2 received by the script are passed on to the group and the
 *   script keeps waiting: `wait` returns early (>128) when a trapped signal
 *   arrives, so the wait is repeated; a second `wait` that finds the child
 *   already reaped (127) keeps the first status.
 * - The group, not only the command, is waited for after a checkpoint signal
 *   that killed the command itself (a wrapper shell with no handler of its
 *   own, e.g. `bash -c 'python train.py & wait'`): the programs it started got
 *   the signal too and may be saving; the job ending first would have SLURM
 *   kill them mid-save. The script polls /proc for a live member of the group
 *   (zombies do not count). The recorded status stays the wrapper's own
 *   (128+n): a wrapper that should pass on "resume me" has to survive the
 *   signal (`trap : USR1`) and end with its worker's status.
 * - TERM/INT/HUP: passed on as TERM to the group, the script waits, records
 *   the workload's status and ends with 128+n, as before.
 * - If the script ends with status 0 without ever starting the command (a
 *   setup line called `exit 0` or opened a here-document that swallowed the
 *   rest of the script), the job did not do its work: the script ends with 1
 *   and says why. The sentinel's `exit_code` is the workload's own status
 *   whenever the workload ran to its end.
 * - Every variable of the script's own is named `__AUTOLAB_*` (or the older
 *   `autolab_*`); runtime.env cannot set either.
 */
import { RESUME_EXIT_CODE } from "../../domain/sentinel.js";

/** Variables the workload part uses, and what the workload is told. */
export function workloadVariables(mode: "slurm" | "local"): string[] {
  return [
    "__AUTOLAB_STARTED=",
    "__AUTOLAB_WORKLOAD_RC=",
    "__AUTOLAB_CHECKPOINT_SIGNAL=",
    "__AUTOLAB_WOKEN=",
    'export AUTOLAB_CHECKPOINT_DIR="$AUTOLAB_RUN_DIR/checkpoint"',
    `export AUTOLAB_RESUME_EXIT_CODE=${RESUME_EXIT_CODE}`,
    mode === "slurm" ? "AUTOLAB_RESTART_COUNT=${SLURM_RESTART_COUNT:-0}" : "AUTOLAB_RESTART_COUNT=0",
    "AUTOLAB_RESTART_COUNT=${AUTOLAB_RESTART_COUNT//[^0-9]/}",
    "export AUTOLAB_RESTART_COUNT=${AUTOLAB_RESTART_COUNT:-0}",
    // The tool's attempt: 1 unless a resubmission's sbatch line says otherwise (sbatch's environment never carries one).
    ...(mode === "slurm"
      ? ["AUTOLAB_ATTEMPT=${AUTOLAB_ATTEMPT//[^0-9]/}", "export AUTOLAB_ATTEMPT=${AUTOLAB_ATTEMPT:-1}"]
      : ["export AUTOLAB_ATTEMPT=1"]),
  ];
}

/** The sentinel writer. $1 = ended_at ('' while running), $2 = exit code or null. */
export function sentinelWriter(mode: "slurm" | "local"): string[] {
  return [
    "# Evidence: write the sentinel atomically. $1 = ended_at ('' while running), $2 = exit code or null.",
    "autolab_write_sentinel() {",
    "  local host job_id started ended signal wrc ckpt resume tmp",
    "  host=$(uname -n 2>/dev/null)",
    "  [[ -n $host ]] || host=${HOSTNAME:-unknown}",
    "  host=${host//[^A-Za-z0-9._-]/_}",
    mode === "slurm" ? "  job_id=${SLURM_JOB_ID:-}" : "  job_id=",
    "  job_id=${job_id//[^0-9]/}",
    '  if [[ -n $job_id ]]; then job_id="\\"$job_id\\""; else job_id=null; fi',
    '  if [[ -n $autolab_started_at ]]; then started="\\"$autolab_started_at\\""; else started=null; fi',
    '  if [[ -n $1 ]]; then ended="\\"$1\\""; else ended=null; fi',
    '  if [[ -n $autolab_signal ]]; then signal="\\"$autolab_signal\\""; else signal=null; fi',
    "  wrc=${__AUTOLAB_WORKLOAD_RC//[^0-9]/}",
    "  [[ -n $wrc ]] || wrc=null",
    '  if [[ -n $__AUTOLAB_CHECKPOINT_SIGNAL ]]; then ckpt="\\"${__AUTOLAB_CHECKPOINT_SIGNAL//[^A-Z0-9]/}\\""; else ckpt=null; fi',
    `  if [[ $wrc == ${RESUME_EXIT_CODE} ]]; then resume=true; else resume=false; fi`,
    '  tmp="$autolab_sentinel.tmp.$$"',
    '  if printf \'{"run_id":"%s","job_id":%s,"host":"%s","started_at":%s,"ended_at":%s,"exit_code":%s,"signal":%s,"workload_exit_code":%s,"checkpoint_signal":%s,"resume_requested":%s,"restart_count":%s}\\n\' \\',
    '    "$autolab_run_id" "$job_id" "$host" "$started" "$ended" "$2" "$signal" "$wrc" "$ckpt" "$resume" "$AUTOLAB_RESTART_COUNT" >"$tmp" 2>/dev/null; then',
    '    mv -f -- "$tmp" "$autolab_sentinel" && return 0',
    "  fi",
    '  rm -f -- "$tmp" 2>/dev/null',
    '  echo "autolab: could not write $autolab_sentinel" >&2',
    "  return 1",
    "}",
  ];
}

/** The EXIT trap, the stop-signal trap and the checkpoint-signal trap, and their installation. */
export function signalTraps(): string[] {
  return [
    "# However the script ends, record how. (Called from traps, which shellcheck cannot follow.)",
    "# shellcheck disable=SC2317",
    "autolab_on_exit() {",
    "  local rc=$?",
    "  trap - EXIT",
    "  trap '' TERM INT HUP USR1 USR2",
    "  if [[ -z $__AUTOLAB_STARTED && $rc == 0 ]]; then",
    '    echo "autolab: the command never ran (a setup line ended the script or swallowed the rest of it)" >&2',
    "    rc=1",
    "  fi",
    '  autolab_write_sentinel "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$rc"',
    '  exit "$rc"',
    "}",
    "",
    "# SIGTERM (scancel, time limit), SIGINT, SIGHUP: stop the command's whole process group,",
    "# wait for it, record its status and end with 128+n. SLURM sends SIGKILL KillWait seconds",
    "# later if it hangs. ($! covers a signal that lands between starting the command and",
    "# recording its pid.)",
    "# shellcheck disable=SC2317",
    "autolab_on_signal() {",
    "  local child=",
    "  [[ -z $__AUTOLAB_STARTED ]] || child=${autolab_child:-$!}",
    "  autolab_signal=$1",
    "  trap '' TERM INT HUP USR1 USR2",
    "  if [[ -n $child ]]; then",
    '    echo "autolab: received SIG$1; stopping the command" >&2',
    '    kill -s TERM -- "-$child" 2>/dev/null || kill -s TERM -- "$child" 2>/dev/null',
    '    wait "$child" 2>/dev/null',
    "    local rc=$?",
    "    # 127: the command had already ended (and its status was recorded) before the signal.",
    "    [[ $rc == 127 && -n $__AUTOLAB_WORKLOAD_RC ]] || __AUTOLAB_WORKLOAD_RC=$rc",
    "  fi",
    '  exit "$2"',
    "}",
    "",
    "# SIGUSR1/SIGUSR2 (compute.checkpoint_signal): pass it on to the command's process group",
    "# and keep waiting for the command (it saves a checkpoint and exits).",
    "# shellcheck disable=SC2317",
    "__autolab_on_checkpoint() {",
    "  local child=",
    "  [[ -z $__AUTOLAB_STARTED ]] || child=${autolab_child:-$!}",
    "  __AUTOLAB_CHECKPOINT_SIGNAL=$1",
    "  __AUTOLAB_WOKEN=1",
    "  if [[ -n $child ]]; then",
    '    echo "autolab: received SIG$1; passing it on to the command" >&2',
    '    kill -s "$1" -- "-$child" 2>/dev/null || kill -s "$1" -- "$child" 2>/dev/null',
    "  else",
    '    echo "autolab: received SIG$1 before the command started; it is not passed on" >&2',
    "  fi",
    "}",
    "",
    "trap autolab_on_exit EXIT",
    "trap 'autolab_on_signal TERM 143' TERM",
    "trap 'autolab_on_signal INT 130' INT",
    "trap 'autolab_on_signal HUP 129' HUP",
    "trap '__autolab_on_checkpoint USR1' USR1",
    "trap '__autolab_on_checkpoint USR2' USR2",
  ];
}

/** Start the command in its own process group, wait for it (again after a checkpoint signal), end with its status. */
export function runWorkload(): string[] {
  return [
    "",
    "# The command, in its own process group so that a signal reaches all of it; the subshell",
    "# ends with the command's own status when a signal stops it.",
    'mkdir -p -- "$AUTOLAB_CHECKPOINT_DIR" || exit 1',
    "set -m",
    "__AUTOLAB_STARTED=1",
    "( trap 'exit $?' TERM INT HUP; trap ':' USR1 USR2; eval \"$autolab_command\" ) </dev/null &",
    "autolab_child=$!",
    "set +m",
    "while :; do",
    "  __AUTOLAB_WOKEN=",
    '  wait "$autolab_child"',
    "  __AUTOLAB_RC=$?",
    "  # 127 after an interrupted wait: the command had already ended; its status is kept.",
    "  if [[ $__AUTOLAB_RC == 127 && -n $__AUTOLAB_WORKLOAD_RC ]]; then break; fi",
    "  __AUTOLAB_WORKLOAD_RC=$__AUTOLAB_RC",
    "  if [[ -z $__AUTOLAB_WOKEN ]] || ((__AUTOLAB_RC <= 128)); then break; fi",
    "done",
    ...awaitGroupAfterCheckpoint(),
    'exit "$__AUTOLAB_WORKLOAD_RC"',
  ];
}

/**
 * The command itself was killed by the checkpoint signal passed on to its
 * group (a wrapper shell without a handler of its own, such as
 * `bash -c 'python train.py & wait'`), while the programs it started may still
 * be saving their checkpoint: the script waits while the group has a live
 * (not zombie) member, so that the job does not end, and SLURM kill them,
 * mid-save. The status stays the command's own (128+n). A TERM meanwhile is
 * handled as always (the group is stopped with TERM).
 */
function awaitGroupAfterCheckpoint(): string[] {
  return [
    "# The command was killed by the checkpoint signal (a wrapper without a handler of its own):",
    "# the programs it started may still be saving their checkpoint. Wait while its process",
    "# group has a live member, so that the job does not end (and SLURM kill them) mid-save.",
    "__autolab_group_alive() {",
    "  local f s st pg",
    "  for f in /proc/[0-9]*/stat; do",
    '    read -r s 2>/dev/null <"$f" || continue',
    "    s=${s##*) }",
    '    read -r st _ pg _ <<<"$s"',
    '    [[ $pg == "$1" && $st != [ZX] ]] && return 0',
    "  done",
    "  return 1",
    "}",
    'if [[ -n $__AUTOLAB_CHECKPOINT_SIGNAL ]] && ((__AUTOLAB_WORKLOAD_RC == 128 + $(kill -l "$__AUTOLAB_CHECKPOINT_SIGNAL"))) &&',
    '  __autolab_group_alive "$autolab_child"; then',
    '  echo "autolab: the command ended on SIG$__AUTOLAB_CHECKPOINT_SIGNAL (status $__AUTOLAB_WORKLOAD_RC); waiting for the programs it started to end" >&2',
    '  while __autolab_group_alive "$autolab_child"; do sleep 1; done',
    "fi",
  ];
}
