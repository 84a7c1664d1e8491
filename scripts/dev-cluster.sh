#!/usr/bin/env bash
# dev-cluster.sh: a real single-node SLURM cluster (Debian slurm-wlm) for
# development and CI, without systemd, bound to loopback, and a second cluster
# (autolab-dev2) beside it in the same slurmdbd, for multi-cluster (-M) tests.
#
#   scripts/dev-cluster.sh start [--fresh]     install packages if missing, start what is
#                                              not running, wait until jobs can be submitted
#   scripts/dev-cluster.sh start --no-accounting  the same cluster without accounting
#                                              (AccountingStorageType=none, MinJobAge=2: the
#                                              controller forgets a finished job within about a
#                                              minute); `start` again restores the standard mode.
#                                              Switching restarts slurmctld only (jobs survive).
#   scripts/dev-cluster.sh stop                end jobs, stop the daemons this script started
#   scripts/dev-cluster.sh status              one line per daemon; exit 0 only if all are up
#   scripts/dev-cluster.sh stop-daemon NAME    stop one daemon (a real outage for fault tests)
#   scripts/dev-cluster.sh restart-daemon NAME stop one daemon, then `start`
#
# NAME is one of: munged mariadb slurmdbd slurmctld slurmd slurmctld2 slurmd2.
#
# The second cluster, autolab-dev2: its own slurmctld (port 6827, config
# /etc/slurm/autolab-dev2.conf, state in $ROOT/slurm2) and its own slurmd (node dev2node,
# port 6828, spool in $ROOT/slurmd2), registered in the same slurmdbd (sacctmgr add
# cluster), so `squeue -M autolab-dev2`, `sbatch -M autolab-dev2` ... reach it from any
# client. Debian's slurmd is not built with --enable-multiple-slurmd, but it needs
# none here: the second slurmd belongs to another cluster and reads its own config
# (-f), with its own port, spool, pid and log files, so its node really runs jobs.
# MaxArraySize=5 there (a sweep of more tasks is split into several arrays), and
# MaxJobCount/other limits as on autolab-dev. It is started in both modes, with
# accounting in slurmdbd even in --no-accounting mode (then only clients reading
# autolab-dev's slurm.conf cannot resolve -M, since they have no slurmdbd to ask).
#
# Everything (databases, spool, state, logs, pid files) lives under
# ${AUTOLAB_DEV_CLUSTER_DIR:-/var/tmp/autolab-dev-cluster}. The configuration is written
# to /etc/slurm/slurm.conf and /etc/slurm/slurmdbd.conf so that sbatch, squeue, sacct...
# work with no environment variables. Daemons are tracked by pid files; `stop` only
# ever signals a process whose pid file this script's daemons wrote and whose command
# name matches. Facts this relies on: docs/dev-cluster.md.
set -euo pipefail

ROOT="${AUTOLAB_DEV_CLUSTER_DIR:-/var/tmp/autolab-dev-cluster}"
CLUSTER=autolab-dev
NODE=localhost
DB_PORT="${AUTOLAB_DEV_CLUSTER_DB_PORT:-33061}"
TEST_USER=autolab-ci
# launch.job_user tests with an unprivileged runner: TEST_USER (the runner) may run the
# job user's programs as JOB_USER through sudo, by the drop-in SUDOERS_FILE.
JOB_USER=autolab-job
SUDOERS_FILE=/etc/sudoers.d/autolab-dev-cluster
ACCOUNT=autolab
STEP_TIMEOUT="${AUTOLAB_DEV_CLUSTER_TIMEOUT:-60}" # seconds, per readiness wait
# sudo: launch.job_user submits as the test user (tests run as root, which needs no sudoers rule).
PACKAGES=(munge slurmctld slurmd slurm-client slurmdbd mariadb-server shellcheck rsync sudo)
DAEMONS=(munged mariadb slurmdbd slurmctld slurmd slurmctld2 slurmd2) # start order
SLURM_CONF=/etc/slurm/slurm.conf
CLUSTER2=autolab-dev2
NODE2=dev2node
CTLD2_PORT="${AUTOLAB_DEV_CLUSTER2_CTLD_PORT:-6827}"
SLURMD2_PORT="${AUTOLAB_DEV_CLUSTER2_SLURMD_PORT:-6828}"
MAX_ARRAY2=5
SLURM_CONF2=/etc/slurm/autolab-dev2.conf
SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
MARKER="$ROOT/.autolab-dev-cluster"

MUNGE_DIR="$ROOT/munge"       # owner munge
DB_DIR="$ROOT/mariadb"        # owner mysql
DB_DATA="$DB_DIR/data"
DB_SOCK="$DB_DIR/mariadbd.sock"
DB_CNF="$ROOT/etc/my.cnf"     # owner root
DB_PASS_FILE="$ROOT/etc/slurmdb.pass"
SLURM_DIR="$ROOT/slurm"       # owner slurm: slurmctld + slurmdbd
SLURMD_DIR="$ROOT/slurmd"     # owner root
SLURM2_DIR="$ROOT/slurm2"     # owner slurm: the second cluster's slurmctld
SLURMD2_DIR="$ROOT/slurmd2"   # owner root: the second cluster's slurmd
NODE_CONF_CACHE="$ROOT/etc/node.conf"
# At least this many CPUs on each node (more than the machine has: config_overrides, node_line).
DECLARED_CPUS="${AUTOLAB_DEV_CLUSTER_CPUS:-8}"
ACCOUNTING_DONE="$ROOT/etc/accounting.done"
MODE_FILE="$ROOT/etc/mode" # standard | no-accounting (what slurm.conf was written for)
MODE=standard              # the mode `start` brings the cluster into
CONF_CHANGED=0             # write_configs changed slurm.conf
CONF2_CHANGED=0            # write_configs changed the second cluster's config

# Client calls never hang longer than this (a stopped slurmctld makes them wait).
CLIENT_TIMEOUT=20

log() { printf '[dev-cluster] %s\n' "$*"; }
warn() { printf '[dev-cluster] warning: %s\n' "$*" >&2; }

# die MESSAGE [DAEMON]: print the error, the daemon's log tail, exit 1.
die() {
  printf '[dev-cluster] ERROR: %s\n' "$1" >&2
  if [[ $# -ge 2 && -n $2 ]]; then show_log_tail "$2" >&2; fi
  exit 1
}

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

require_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (it writes /etc/slurm and starts daemons)"
}

# ---------------------------------------------------------------------------
# Per-daemon facts

pid_file() {
  case $1 in
    munged) echo "$MUNGE_DIR/munged.pid" ;;
    mariadb) echo "$DB_DIR/mariadbd.pid" ;;
    slurmdbd) echo "$SLURM_DIR/slurmdbd.pid" ;;
    slurmctld) echo "$SLURM_DIR/slurmctld.pid" ;;
    slurmd) echo "$SLURMD_DIR/slurmd.pid" ;;
    slurmctld2) echo "$SLURM2_DIR/slurmctld.pid" ;;
    slurmd2) echo "$SLURMD2_DIR/slurmd.pid" ;;
    *) return 1 ;;
  esac
}

log_file() {
  case $1 in
    munged) echo "$MUNGE_DIR/munged.log" ;;
    mariadb) echo "$DB_DIR/mariadbd.log" ;;
    slurmdbd) echo "$SLURM_DIR/slurmdbd.log" ;;
    slurmctld) echo "$SLURM_DIR/slurmctld.log" ;;
    slurmd) echo "$SLURMD_DIR/slurmd.log" ;;
    slurmctld2) echo "$SLURM2_DIR/slurmctld.log" ;;
    slurmd2) echo "$SLURMD2_DIR/slurmd.log" ;;
    *) return 1 ;;
  esac
}

# The command name (/proc/PID/comm) the pid in the pid file must have.
comm_of() {
  case $1 in
    mariadb) echo mariadbd ;;
    slurmctld2) echo slurmctld ;;
    slurmd2) echo slurmd ;;
    *) echo "$1" ;;
  esac
}

is_daemon_name() {
  local d
  for d in "${DAEMONS[@]}"; do [[ $1 == "$d" ]] && return 0; done
  return 1
}

show_log_tail() {
  local d=$1 f
  for f in "$(log_file "$d")" "$(log_file "$d").out"; do
    if [[ -s $f ]]; then
      printf -- '----- last lines of %s -----\n' "$f"
      tail -n 25 "$f"
      printf -- '-----\n'
    fi
  done
}

# ---------------------------------------------------------------------------
# Process tracking

# pid_alive PID COMM: a live process (zombies count as dead) with that command name.
pid_alive() {
  local pid=$1 want=$2 stat rest state comm
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  rest=${stat##*) }
  state=${rest%% *}
  [[ $state == Z || $state == X ]] && return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null) || return 1
  [[ $comm == "$want" ]]
}

# daemon_pid NAME: print the pid of the running daemon, or fail.
daemon_pid() {
  local f pid
  f=$(pid_file "$1")
  [[ -r $f ]] || return 1
  pid=$(tr -dc '0-9' <"$f" 2>/dev/null || true)
  pid_alive "$pid" "$(comm_of "$1")" || return 1
  echo "$pid"
}

daemon_up() { daemon_pid "$1" >/dev/null; }

# signal_and_wait NAME: SIGTERM the daemon, SIGKILL after a grace period.
stop_one() {
  local d=$1 pid comm i
  if ! pid=$(daemon_pid "$d"); then
    log "$d: not running"
    rm -f "$(pid_file "$d")"
    return 0
  fi
  comm=$(comm_of "$d")
  log "$d: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do # 15 s
    pid_alive "$pid" "$comm" || break
    sleep 0.1
  done
  if pid_alive "$pid" "$comm"; then
    warn "$d did not stop after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_alive "$pid" "$comm" || break
      sleep 0.1
    done
    pid_alive "$pid" "$comm" && die "$d (pid $pid) survived SIGKILL" "$d"
  fi
  rm -f "$(pid_file "$d")"
}

# ---------------------------------------------------------------------------
# Packages and users

ensure_packages() {
  local p missing=() status
  for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing packages: ${missing[*]}"
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    # Keep the packages' post-install scripts from starting daemons (no systemd here).
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } </dev/null || rc=$?
  [[ $own_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
  [[ $rc -eq 0 ]] || die "apt-get install of ${missing[*]} failed (exit $rc)"
}

ensure_users() {
  if ! id "$TEST_USER" >/dev/null 2>&1; then
    log "creating system user $TEST_USER"
    useradd --system --create-home --home-dir "/home/$TEST_USER" --shell /bin/bash "$TEST_USER"
  fi
  if ! id "$JOB_USER" >/dev/null 2>&1; then
    log "creating system user $JOB_USER"
    useradd --system --create-home --home-dir "/home/$JOB_USER" --shell /bin/bash "$JOB_USER"
  fi
  ensure_sudoers
  id slurm >/dev/null 2>&1 || die "user slurm is missing (package slurmctld should create it)"
  id munge >/dev/null 2>&1 || die "user munge is missing (package munge should create it)"
  id mysql >/dev/null 2>&1 || die "user mysql is missing (package mariadb-server should create it)"
}

# The sudoers rule autolab doctor asks for (launch.job_user), for TEST_USER as the runner.
ensure_sudoers() {
  local p progs=() line tmp
  for p in sbatch scancel scontrol tar rm; do progs+=("$(command -v "$p" || echo "/usr/bin/$p")"); done
  local joined
  joined=$(IFS=,; echo "${progs[*]}")
  line="$TEST_USER ALL=($JOB_USER) NOPASSWD: ${joined//,/, }"
  if [[ -f $SUDOERS_FILE ]] && grep -qxF "$line" "$SUDOERS_FILE"; then return 0; fi
  tmp=$(mktemp)
  printf '# written by scripts/dev-cluster.sh (launch.job_user tests)\n%s\n' "$line" >"$tmp"
  visudo -cqf "$tmp" >/dev/null || {
    rm -f "$tmp"
    die "the sudoers line for $TEST_USER does not parse: $line"
  }
  install -o root -g root -m 0440 "$tmp" "$SUDOERS_FILE"
  rm -f "$tmp"
  log "sudoers: $line"
}

# ---------------------------------------------------------------------------
# Directories and configuration

ensure_dirs() {
  case $ROOT in
    /*) ;;
    *) die "AUTOLAB_DEV_CLUSTER_DIR must be an absolute path (got '$ROOT')" ;;
  esac
  mkdir -p "$ROOT" "$ROOT/etc"
  # munged refuses logs under directories others can write: keep the tree root-owned.
  chown root:root "$ROOT" "$ROOT/etc"
  chmod 0755 "$ROOT"
  chmod 0700 "$ROOT/etc"
  [[ -e $MARKER ]] || echo "state of scripts/dev-cluster.sh; safe to delete when stopped" >"$MARKER"
  install -d -o munge -g munge -m 0700 "$MUNGE_DIR"
  install -d -o munge -g munge -m 0755 /run/munge
  install -d -o mysql -g mysql -m 0750 "$DB_DIR"
  install -d -o slurm -g slurm -m 0755 "$SLURM_DIR" "$SLURM_DIR/state"
  install -d -o root -g root -m 0755 "$SLURMD_DIR" "$SLURMD_DIR/spool"
  install -d -o slurm -g slurm -m 0755 "$SLURM2_DIR" "$SLURM2_DIR/state"
  install -d -o root -g root -m 0755 "$SLURMD2_DIR" "$SLURMD2_DIR/spool"
}

ensure_munge_key() {
  if [[ ! -s /etc/munge/munge.key ]]; then
    log "creating /etc/munge/munge.key"
    install -d -o munge -g munge -m 0700 /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 0600 /etc/munge/munge.key
}

# install_if_changed TMP DEST OWNER MODE: replace DEST with TMP when they differ.
# Returns 0 when DEST changed.
install_if_changed() {
  local tmp=$1 dest=$2 owner=$3 mode=$4
  chown "$owner" "$tmp"
  chmod "$mode" "$tmp"
  if [[ -f $dest ]] && cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
    chown "$owner" "$dest"
    chmod "$mode" "$dest"
    return 1
  fi
  mv -f "$tmp" "$dest"
  return 0
}

# The accounting part of slurm.conf for $MODE.
accounting_lines() {
  if [[ $MODE == no-accounting ]]; then
    cat <<EOF
# Mode no-accounting (start --no-accounting): sacct says accounting is disabled, and
# a finished job leaves squeue within MinJobAge (+ the controller's purge interval).
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=2
EOF
  else
    cat <<EOF
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
JobCompType=jobcomp/none
# Finished jobs stay in squeue --states=all for 5 minutes.
MinJobAge=300
EOF
  fi
}

current_mode() { cat "$MODE_FILE" 2>/dev/null || echo standard; }

node_line() {
  if [[ ! -s $NODE_CONF_CACHE ]]; then
    local c cpus mem boards sockets cores threads
    c=$(slurmd -C | head -n 1) || die "slurmd -C failed"
    cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$c")
    mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$c")
    boards=$(sed -n 's/.*Boards=\([0-9]*\).*/\1/p' <<<"$c")
    sockets=$(sed -n 's/.*SocketsPerBoard=\([0-9]*\).*/\1/p' <<<"$c")
    cores=$(sed -n 's/.*CoresPerSocket=\([0-9]*\).*/\1/p' <<<"$c")
    threads=$(sed -n 's/.*ThreadsPerCore=\([0-9]*\).*/\1/p' <<<"$c")
    [[ -n $cpus && -n $mem ]] || die "could not read CPUs/RealMemory from 'slurmd -C': $c"
    if ((cpus < DECLARED_CPUS)); then
      # A small machine declares more CPUs than it has (SlurmdParameters=config_overrides): the
      # test jobs mostly sleep, and with two test files at a time two real CPUs would queue one
      # file's jobs behind the other's (Reason=Resources) and time them out.
      cpus=$DECLARED_CPUS boards=1 sockets=1 cores=$DECLARED_CPUS threads=1
    fi
    printf 'NodeName=%s NodeAddr=127.0.0.1 CPUs=%s Boards=%s SocketsPerBoard=%s CoresPerSocket=%s ThreadsPerCore=%s RealMemory=%s State=UNKNOWN\n' \
      "$NODE" "$cpus" "${boards:-1}" "${sockets:-1}" "${cores:-$cpus}" "${threads:-1}" "$mem" >"$NODE_CONF_CACHE"
  fi
  cat "$NODE_CONF_CACHE"
}

write_configs() {
  local tmp
  mkdir -p /etc/slurm
  if [[ ! -s $DB_PASS_FILE ]]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DB_PASS_FILE")
  fi

  tmp=$(mktemp /etc/slurm/.slurm.conf.XXXXXX)
  cat >"$tmp" <<EOF
# Written by scripts/dev-cluster.sh: the autolab single-node dev/CI cluster.
# State, logs and pid files: $ROOT
ClusterName=$CLUSTER
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
SwitchType=switch/none
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURMD_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURMD_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/slurmctld.log
SlurmdLogFile=$SLURMD_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups in containers/sandboxes.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# Default scheduling handles ~0.7 short jobs/s; this makes it ~4/s.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=1
$(accounting_lines)
KillWait=5
# Short client waits while a daemon is down (fault tests).
MessageTimeout=5
ReturnToService=2
InactiveLimit=0
Waittime=0
MailProg=/bin/true
SlurmdParameters=config_overrides
$(node_line)
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
# A limited partition, for tests of partition limits (PartitionTimeLimit etc.).
PartitionName=short Nodes=$NODE Default=NO MaxTime=00:10:00 MaxNodes=1 State=UP
EOF
  if install_if_changed "$tmp" "$SLURM_CONF" root:root 0644; then CONF_CHANGED=1; fi
  echo "$MODE" >"$MODE_FILE"

  tmp=$(mktemp /etc/slurm/.slurmdbd.conf.XXXXXX)
  cat >"$tmp" <<EOF
# Written by scripts/dev-cluster.sh: accounting for the autolab dev/CI cluster.
AuthType=auth/munge
DbdHost=localhost
DbdAddr=127.0.0.1
SlurmUser=slurm
PidFile=$SLURM_DIR/slurmdbd.pid
LogFile=$SLURM_DIR/slurmdbd.log
DebugLevel=info
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$DB_PORT
StorageUser=slurm
StoragePass=$(cat "$DB_PASS_FILE")
StorageLoc=slurm_acct_db
EOF
  if install_if_changed "$tmp" "$SLURMDBD_CONF" slurm:slurm 0600 && daemon_up slurmdbd; then
    warn "$SLURMDBD_CONF changed while slurmdbd is running; run 'stop' then 'start' to apply it"
  fi

  tmp=$(mktemp "$ROOT/etc/.my.cnf.XXXXXX")
  cat >"$tmp" <<EOF
# Written by scripts/dev-cluster.sh: the accounting database of the dev cluster.
[mysqld]
user=mysql
datadir=$DB_DATA
socket=$DB_SOCK
pid-file=$(pid_file mariadb)
log-error=$(log_file mariadb)
port=$DB_PORT
bind-address=127.0.0.1
skip-name-resolve
skip-log-bin
innodb_buffer_pool_size=128M
innodb_log_file_size=64M
innodb_lock_wait_timeout=900
[client]
socket=$DB_SOCK
EOF
  install_if_changed "$tmp" "$DB_CNF" root:root 0644 || true
  write_config2
}

# The second cluster: the same settings as autolab-dev where they matter for jobs, its
# own name, ports, state, spool, pid and log files, one node (dev2node: the same CPUs
# and memory, on 127.0.0.1), MaxArraySize=$MAX_ARRAY2; accounting in the same slurmdbd
# in both modes.
write_config2() {
  local tmp node
  node=$(node_line)
  node="NodeName=$NODE2 ${node#NodeName=* }"
  tmp=$(mktemp /etc/slurm/.autolab-dev2.conf.XXXXXX)
  cat >"$tmp" <<EOF
# Written by scripts/dev-cluster.sh: the autolab dev/CI cluster's second cluster.
# Reached with -M $CLUSTER2 (through slurmdbd); its daemons read this file (-f).
ClusterName=$CLUSTER2
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD2_PORT
SlurmdPort=$SLURMD2_PORT
SlurmUser=slurm
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
SwitchType=switch/none
StateSaveLocation=$SLURM2_DIR/state
SlurmdSpoolDir=$SLURMD2_DIR/spool
SlurmctldPidFile=$(pid_file slurmctld2)
SlurmdPidFile=$(pid_file slurmd2)
SlurmctldLogFile=$(log_file slurmctld2)
SlurmdLogFile=$(log_file slurmd2)
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=1
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
JobCompType=jobcomp/none
MinJobAge=300
# A small array limit: a sweep of more than $MAX_ARRAY2 tasks needs several arrays here.
MaxArraySize=$MAX_ARRAY2
KillWait=5
MessageTimeout=5
ReturnToService=2
InactiveLimit=0
Waittime=0
MailProg=/bin/true
SlurmdParameters=config_overrides
$node
PartitionName=debug Nodes=$NODE2 Default=YES MaxTime=INFINITE State=UP
EOF
  if install_if_changed "$tmp" "$SLURM_CONF2" root:root 0644; then CONF2_CHANGED=1; fi
}

# ---------------------------------------------------------------------------
# Waiting

# wait_for DAEMON DESCRIPTION COMMAND...: poll COMMAND until it succeeds; fail with
# the daemon's log tail on timeout or when the daemon died meanwhile.
wait_for() {
  local d=$1 what=$2
  shift 2
  local deadline=$((SECONDS + STEP_TIMEOUT))
  while ! "$@" >/dev/null 2>&1; do
    if [[ -n $d ]] && ! daemon_up "$d"; then
      die "$d exited while waiting for: $what" "$d"
    fi
    ((SECONDS < deadline)) || die "timed out after ${STEP_TIMEOUT}s waiting for: $what" "$d"
    sleep 0.2
  done
}

# wait_for_pid DAEMON: the daemon wrote its pid file and is alive.
wait_for_pid() {
  local d=$1 deadline=$((SECONDS + STEP_TIMEOUT))
  while ! daemon_up "$d"; do
    ((SECONDS < deadline)) || die "$d did not start (no live process in $(pid_file "$d"))" "$d"
    sleep 0.1
  done
}

munge_ok() { munge -n </dev/null | unmunge >/dev/null; }
db_ok() { mariadb-admin --defaults-file="$DB_CNF" --socket="$DB_SOCK" -uroot ping; }
# Without accounting in slurm.conf, sacctmgr refuses to talk to slurmdbd: then only its pid counts.
dbd_ok() {
  if [[ $MODE == no-accounting ]]; then daemon_up slurmdbd; else timeout "$CLIENT_TIMEOUT" sacctmgr -n -P list cluster format=Cluster; fi
}
ctld_ok() { timeout "$CLIENT_TIMEOUT" scontrol ping | grep -q 'is UP'; }

# The node answers: idle, mixed, allocated or completing, without '*' (not responding)
# and without drain/down.
node_state() { timeout "$CLIENT_TIMEOUT" sinfo -h -N -n "$NODE" -o %T 2>/dev/null | head -n 1; }
NODE_READY_RE='^(idle|mixed|allocated|completing)[~#%@^+-]*$'
node_ok() {
  local s
  s=$(node_state) || return 1
  [[ $s =~ $NODE_READY_RE ]]
}

# slurmctld has registered with slurmdbd: the cluster row carries its control host.
registered_ok() {
  local h
  h=$(timeout "$CLIENT_TIMEOUT" sacctmgr -n -P list cluster "$CLUSTER" format=ControlHost) || return 1
  [[ -n $h ]]
}

# The second cluster, asked through its own config (so this works in both modes).
in2() { SLURM_CONF=$SLURM_CONF2 timeout "$CLIENT_TIMEOUT" "$@"; }
ctld2_ok() { in2 scontrol ping | grep -q 'is UP'; }
node2_state() { in2 sinfo -h -N -n "$NODE2" -o %T 2>/dev/null | head -n 1; }
node2_ok() {
  local s
  s=$(node2_state) || return 1
  [[ $s =~ $NODE_READY_RE ]]
}
# Registered with slurmdbd at its own port: what `-M $CLUSTER2` looks up.
registered2_ok() {
  local p
  p=$(in2 sacctmgr -n -P list cluster "$CLUSTER2" format=ControlPort) || return 1
  [[ $p == "$CTLD2_PORT" ]]
}
# A client reading autolab-dev's slurm.conf reaches it with -M (standard mode only).
reachable2_ok() { timeout "$CLIENT_TIMEOUT" squeue -M "$CLUSTER2" -h -o %i; }

# ---------------------------------------------------------------------------
# Starting

start_munged() {
  rm -f "$(pid_file munged)"
  log "munged: starting"
  runuser -u munge -- munged --pid-file="$(pid_file munged)" --log-file="$(log_file munged)" \
    --seed-file="$MUNGE_DIR/munged.seed" </dev/null 9>&- >>"$(log_file munged).out" 2>&1 ||
    die "munged failed to start" munged
  wait_for_pid munged
  wait_for munged "munge -n | unmunge" munge_ok
}

start_mariadb() {
  if [[ ! -d $DB_DATA/mysql ]]; then
    log "mariadb: initialising $DB_DATA"
    rm -rf "$DB_DATA"
    install -d -o mysql -g mysql -m 0750 "$DB_DATA"
    mariadb-install-db --defaults-file="$DB_CNF" --user=mysql --skip-test-db \
      --auth-root-authentication-method=socket </dev/null >>"$(log_file mariadb).out" 2>&1 ||
      die "mariadb-install-db failed" mariadb
  fi
  rm -f "$(pid_file mariadb)" "$DB_SOCK"
  log "mariadb: starting on 127.0.0.1:$DB_PORT"
  # mariadbd does not daemonize: new session, every fd redirected (an inherited pipe
  # would keep the caller waiting forever).
  setsid mariadbd --defaults-file="$DB_CNF" </dev/null 9>&- >>"$(log_file mariadb).out" 2>&1 &
  wait_for_pid mariadb
  wait_for mariadb "mariadb answers on $DB_SOCK" db_ok
  local pass
  pass=$(cat "$DB_PASS_FILE")
  mariadb --defaults-file="$DB_CNF" --socket="$DB_SOCK" -uroot </dev/null >>"$(log_file mariadb).out" 2>&1 -e "
    CREATE DATABASE IF NOT EXISTS slurm_acct_db;
    CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$pass';
    CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY '$pass';
    ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$pass';
    ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$pass';
    GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
    GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
    FLUSH PRIVILEGES;" || die "creating database slurm_acct_db and user slurm failed" mariadb
}

start_slurmdbd() {
  rm -f "$(pid_file slurmdbd)"
  log "slurmdbd: starting"
  setsid slurmdbd </dev/null 9>&- >>"$(log_file slurmdbd).out" 2>&1 || die "slurmdbd failed to start" slurmdbd
  wait_for_pid slurmdbd
  wait_for slurmdbd "sacctmgr answers (slurmdbd)" dbd_ok
}

ensure_accounting_setup() {
  # Done once per state dir (a --fresh start wipes the marker with the database).
  [[ -e $ACCOUNTING_DONE ]] && return 0
  local clusters
  clusters=$(timeout "$CLIENT_TIMEOUT" sacctmgr -n -P list cluster format=Cluster) ||
    die "sacctmgr list cluster failed" slurmdbd
  if ! grep -qx "$CLUSTER" <<<"$clusters"; then
    log "slurmdbd: registering cluster $CLUSTER, account $ACCOUNT, user $TEST_USER"
    timeout "$CLIENT_TIMEOUT" sacctmgr -i add cluster "$CLUSTER" >/dev/null ||
      die "sacctmgr add cluster $CLUSTER failed" slurmdbd
  fi
  if [[ -z $(timeout "$CLIENT_TIMEOUT" sacctmgr -n -P list account "$ACCOUNT" format=Account) ]]; then
    timeout "$CLIENT_TIMEOUT" sacctmgr -i add account "$ACCOUNT" Cluster="$CLUSTER" \
      Description="autolab dev cluster" Organization=autolab >/dev/null ||
      die "sacctmgr add account $ACCOUNT failed" slurmdbd
  fi
  local u
  for u in root "$TEST_USER"; do
    if [[ -z $(timeout "$CLIENT_TIMEOUT" sacctmgr -n -P list assoc cluster="$CLUSTER" account="$ACCOUNT" user="$u" format=User) ]]; then
      timeout "$CLIENT_TIMEOUT" sacctmgr -i add user "$u" Account="$ACCOUNT" Cluster="$CLUSTER" >/dev/null ||
        die "sacctmgr add user $u failed" slurmdbd
    fi
  done
  echo "cluster $CLUSTER, account $ACCOUNT, users root $TEST_USER" >"$ACCOUNTING_DONE"
}

start_slurmctld() {
  rm -f "$(pid_file slurmctld)"
  log "slurmctld: starting"
  setsid slurmctld </dev/null 9>&- >>"$(log_file slurmctld).out" 2>&1 || die "slurmctld failed to start" slurmctld
  wait_for_pid slurmctld
  wait_for slurmctld "scontrol ping reports slurmctld UP" ctld_ok
}

# The second cluster in slurmdbd (sacctmgr add cluster), with the account and users
# autolab-dev has. Checked on every full start (two cheap questions).
ensure_cluster2_accounting() {
  local clusters u
  clusters=$(in2 sacctmgr -n -P list cluster format=Cluster) || die "sacctmgr list cluster failed" slurmdbd
  if ! grep -qx "$CLUSTER2" <<<"$clusters"; then
    log "slurmdbd: registering cluster $CLUSTER2"
    in2 sacctmgr -i add cluster "$CLUSTER2" >/dev/null || die "sacctmgr add cluster $CLUSTER2 failed" slurmdbd
  fi
  if [[ -z $(in2 sacctmgr -n -P list assoc cluster="$CLUSTER2" account="$ACCOUNT" user=root format=User) ]]; then
    if [[ -z $(in2 sacctmgr -n -P list assoc cluster="$CLUSTER2" account="$ACCOUNT" format=Account) ]]; then
      in2 sacctmgr -i add account "$ACCOUNT" Cluster="$CLUSTER2" \
        Description="autolab dev cluster" Organization=autolab >/dev/null ||
        die "sacctmgr add account $ACCOUNT on $CLUSTER2 failed" slurmdbd
    fi
    for u in root "$TEST_USER"; do
      in2 sacctmgr -i add user "$u" Account="$ACCOUNT" Cluster="$CLUSTER2" >/dev/null ||
        die "sacctmgr add user $u on $CLUSTER2 failed" slurmdbd
    done
  fi
}

start_slurmctld2() {
  rm -f "$(pid_file slurmctld2)"
  log "slurmctld2: starting (cluster $CLUSTER2, port $CTLD2_PORT)"
  setsid slurmctld -f "$SLURM_CONF2" </dev/null 9>&- >>"$(log_file slurmctld2).out" 2>&1 ||
    die "slurmctld2 failed to start" slurmctld2
  wait_for_pid slurmctld2
  wait_for slurmctld2 "scontrol ping reports the $CLUSTER2 slurmctld UP" ctld2_ok
}

start_slurmd2() {
  rm -f "$(pid_file slurmd2)"
  log "slurmd2: starting (node $NODE2 of $CLUSTER2, port $SLURMD2_PORT)"
  setsid slurmd -f "$SLURM_CONF2" -N "$NODE2" </dev/null 9>&- >>"$(log_file slurmd2).out" 2>&1 ||
    die "slurmd2 failed to start" slurmd2
  wait_for_pid slurmd2
}

start_slurmd() {
  rm -f "$(pid_file slurmd)"
  log "slurmd: starting (node $NODE)"
  setsid slurmd -N "$NODE" </dev/null 9>&- >>"$(log_file slurmd).out" 2>&1 || die "slurmd failed to start" slurmd
  wait_for_pid slurmd
}

all_up() {
  local d
  for d in "${DAEMONS[@]}"; do daemon_up "$d" || return 1; done
}

wait_ready() {
  wait_for slurmd "node $NODE answers in sinfo (idle/mixed/allocated/completing)" node_ok
  wait_for slurmd2 "node $NODE2 of $CLUSTER2 answers in sinfo" node2_ok
  wait_for slurmctld2 "the $CLUSTER2 slurmctld registered with slurmdbd at port $CTLD2_PORT" registered2_ok
  [[ $MODE == no-accounting ]] && return 0
  wait_for slurmctld "slurmctld registered with slurmdbd (sacctmgr shows its ControlHost)" registered_ok
  wait_for slurmctld2 "squeue -M $CLUSTER2 answers" reachable2_ok
}

# Everything up and ready, as `start` leaves it (the fast path of `start`).
ready_now() {
  all_up && node_ok && node2_ok && registered2_ok || return 1
  [[ $MODE == no-accounting ]] || { registered_ok && reachable2_ok >/dev/null; }
}

cmd_start() {
  local fresh=0
  while [[ $# -gt 0 ]]; do
    case $1 in
      --fresh) fresh=1 ;;
      --no-accounting) MODE=no-accounting ;;
      *) usage ;;
    esac
    shift
  done
  require_root
  local t0=$SECONDS
  if [[ $fresh -eq 1 ]]; then
    cmd_stop
    wipe_state
  elif [[ $(current_mode) == "$MODE" ]] && ready_now 2>/dev/null; then
    # (Packages and users are checked even then: cheap, and a newer script may need more.)
    ensure_packages
    ensure_users
    log "already up (mode $MODE, state in $ROOT)"
    return 0
  fi
  ensure_packages
  ensure_users
  ensure_dirs
  ensure_munge_key
  write_configs
  if [[ $CONF_CHANGED -eq 1 ]] && daemon_up slurmctld; then
    # Only slurmctld reads the accounting settings: restart it alone (jobs survive a restart).
    log "$SLURM_CONF changed (mode $MODE): restarting slurmctld"
    stop_one slurmctld
  fi
  local started=0
  daemon_up munged || { start_munged; started=1; }
  daemon_up mariadb || { start_mariadb; started=1; }
  daemon_up slurmdbd || { start_slurmdbd; started=1; }
  wait_for slurmdbd "sacctmgr answers (slurmdbd)" dbd_ok
  [[ $MODE == no-accounting ]] || ensure_accounting_setup
  if ! daemon_up slurmctld; then
    start_slurmctld
    started=1
    # A restarted slurmctld shows the node 'unknown' until its first ping (~5 s);
    # SIGHUP makes a running slurmd reconfigure and register at once.
    local spid
    if spid=$(daemon_pid slurmd); then kill -HUP "$spid" 2>/dev/null || true; fi
  fi
  daemon_up slurmd || { start_slurmd; started=1; }
  if [[ $CONF2_CHANGED -eq 1 ]] && { daemon_up slurmctld2 || daemon_up slurmd2; }; then
    log "$SLURM_CONF2 changed: restarting slurmctld2 and slurmd2"
    stop_one slurmd2
    stop_one slurmctld2
  fi
  ensure_cluster2_accounting
  if ! daemon_up slurmctld2; then
    start_slurmctld2
    started=1
    local spid2
    if spid2=$(daemon_pid slurmd2); then kill -HUP "$spid2" 2>/dev/null || true; fi
  fi
  daemon_up slurmd2 || { start_slurmd2; started=1; }
  log "waiting for the nodes and accounting to be ready"
  wait_ready
  if [[ $started -eq 0 ]]; then
    log "all daemons were already running; now ready"
  fi
  log "up in $((SECONDS - t0))s (mode $MODE): cluster $CLUSTER, partitions debug (default), short; cluster $CLUSTER2 (-M $CLUSTER2, MaxArraySize=$MAX_ARRAY2); state in $ROOT"
}

wipe_state() {
  if [[ -d $ROOT ]]; then
    [[ $ROOT == / || $ROOT == "" ]] && die "refusing to wipe '$ROOT'"
    if [[ ! -e $MARKER ]] && [[ -n $(ls -A "$ROOT") ]]; then
      die "refusing to wipe $ROOT: it is not empty and has no $MARKER (not made by this script)"
    fi
    log "wiping $ROOT (--fresh)"
    rm -rf -- "$ROOT"
  fi
}

# ---------------------------------------------------------------------------
# Stopping

# End every job first: slurmstepd ignores SIGTERM, and killing it orphans the
# job's processes. Both clusters, each through its own config.
end_jobs() {
  local ids conf d
  for conf in "$SLURM_CONF" "$SLURM_CONF2"; do
    d=slurmctld
    [[ $conf == "$SLURM_CONF2" ]] && d=slurmctld2
    if [[ ! -f $conf ]] || ! daemon_up "$d" || ! daemon_up munged; then continue; fi
    ids=$(SLURM_CONF=$conf timeout "$CLIENT_TIMEOUT" squeue -h -o %A 2>/dev/null || true)
    if [[ -n $ids ]]; then
      log "cancelling $(wc -w <<<"$ids") job(s) ($(sed -n 's/^ClusterName=//p' "$conf"))"
      # shellcheck disable=SC2086 # one id per word
      SLURM_CONF=$conf timeout "$CLIENT_TIMEOUT" scancel $ids 2>/dev/null || true
    fi
  done
  local pids i
  for ((i = 0; i < 50; i++)); do # up to 5 s for the steps to end by themselves
    pids=$(job_pids)
    [[ -z $pids ]] && return 0
    sleep 0.1
  done
  log "killing leftover job processes: $pids"
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $pids 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    [[ -z $(job_pids) ]] && return 0
    sleep 0.1
  done
  warn "job processes still present: $(job_pids)"
}

# Pids of processes belonging to jobs on this node (scontrol reads the slurmstepd
# sockets in the spool dir, so this works with slurmd down too). Never fails.
job_pids() {
  local out="" p st pids=() conf
  for conf in "$SLURM_CONF" "$SLURM_CONF2"; do
    [[ -f $conf ]] || continue
    out+=$(SLURM_CONF=$conf timeout 10 scontrol listpids 2>/dev/null || true)
    out+=$'\n'
  done
  while read -r p _; do
    [[ $p =~ ^[0-9]+$ ]] || continue # header line
    st=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    st=${st##*) }
    [[ ${st%% *} == Z ]] && continue # zombies are dead
    pids+=("$p")
  done <<<"$out"

  echo "${pids[*]}"
}

cmd_stop() {
  require_root
  end_jobs
  local i
  for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do
    stop_one "${DAEMONS[$i]}"
  done
  log "stopped (configuration and state kept in $ROOT)"
}

cmd_stop_daemon() {
  if [[ $# -ne 1 ]] || ! is_daemon_name "$1"; then usage; fi
  require_root
  stop_one "$1"
}

cmd_restart_daemon() {
  if [[ $# -ne 1 ]] || ! is_daemon_name "$1"; then usage; fi
  require_root
  stop_one "$1"
  cmd_start
}

cmd_status() {
  local d pid all=0
  for d in "${DAEMONS[@]}"; do
    if pid=$(daemon_pid "$d"); then
      printf '%-10s up   (pid %s)\n' "$d" "$pid"
    else
      printf '%-10s down\n' "$d"
      all=1
    fi
  done
  if [[ $all -eq 0 ]]; then
    local s
    s=$(node_state || true)
    printf '%-10s %s\n' "node" "${s:-not answering}"
    s=$(node2_state || true)
    printf '%-10s %s (%s, -M %s)\n' "node2" "${s:-not answering}" "$NODE2" "$CLUSTER2"
  fi
  printf "mode       %s\n" "$(current_mode)"
  printf 'state dir  %s\n' "$ROOT"
  return "$all"
}

# One mutating command at a time (two test processes may both call `start`). The lock
# lives outside the state dir, which `start --fresh` deletes; fd 9 is closed in
# every daemon launch so no daemon inherits the lock.
take_lock() {
  require_root
  local dir=/run/lock
  [[ -d $dir ]] || dir=/tmp
  exec 9>>"$dir/autolab-dev-cluster.lock"
  flock -w 600 9 || die "another dev-cluster.sh is still running after 600 s (lock $dir/autolab-dev-cluster.lock)"
}

main() {
  [[ $# -ge 1 ]] || usage
  local cmd=$1
  shift
  case $cmd in
    start | stop | stop-daemon | restart-daemon) take_lock ;;
  esac
  case $cmd in
    start) cmd_start "$@" ;;
    stop) [[ $# -eq 0 ]] || usage; cmd_stop ;;
    status) [[ $# -eq 0 ]] || usage; cmd_status ;;
    stop-daemon) cmd_stop_daemon "$@" ;;
    restart-daemon) cmd_restart_daemon "$@" ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
