#!/usr/bin/env bash
# The main job on the embedded default: start the SLURM dev cluster, create a
# sample experiment repository (with a bare "origin" remote), launch it on
# SLURM, show the manifest and the ledger, then run monitor ticks until the
# run completes and show the metrics.
#   bash scripts/demo.sh [DIR]      (default DIR: a new temp directory)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
autolab() { node "$here/dist/cli/index.js" "$@"; }

bash "$here/scripts/dev-cluster.sh" start

work="${1:-$(mktemp -d /tmp/autolab-demo.XXXXXX)}"
mkdir -p "$work"
cd "$work"
git init -q --bare origin.git
git init -q -b main repo
cd repo
git config user.name "demo researcher"
git config user.email "researcher@example.invalid"
git remote add origin "$work/origin.git"
# The workflows pin the action to this checkout's commit (the code the demo runs; offline, no tag to resolve).
autolab init --action-ref "$(git -C "$here" rev-parse HEAD)" >/dev/null
git add -A
git commit -qm "start an autolab research repository"
git push -q origin main

echo "== autolab launch example_iteration"
autolab launch example_iteration
run_id="$(autolab status --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s).runs;console.log(r[r.length-1].runId)})')"
manifest="$(ls experiments/*/example_iteration/runs/"$run_id"/run_manifest.json)"
echo; echo "== $manifest"; cat "$manifest"
echo; echo "== docs/slurm_job_list.md"; cat docs/slurm_job_list.md

echo; echo "== autolab monitor (until the run is completed)"
for _ in $(seq 1 60); do
  autolab monitor
  state="$(node -e 'console.log(require(process.argv[1]).status)' "$PWD/$manifest")"
  case "$state" in completed|failed) break ;; esac
  sleep 2
done
echo; echo "== autolab status"; autolab status
metrics="$(dirname "$manifest")/metrics.json"
[ -f "$metrics" ] && { echo; echo "== $metrics"; cat "$metrics"; }
echo; echo "== git log (origin/main)"; git log --oneline origin/main | head -5
echo; echo "demo repository: $work/repo"
