/**
 * Issue 12: a sweep with `compute.location: local` runs its points as real
 * processes, one after another, or `compute.max_concurrent` at a time. Each
 * task notes how many tasks were running when it started and waits (up to a
 * bound) for a peer, so the counts show the parallelism without timing
 * anything: with max_concurrent 2 some task sees 2 and none more; without
 * it every task sees only itself.
 */
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { launch } from "../../src/commands/launch/index.js";
import { slurmCli } from "../../src/scheduler/slurm-cli/index.js";
import { makeRepo } from "../helpers/repo.js";

const TASK_SH = [
  "#!/bin/bash",
  'mkdir -p "$PWD/running"',
  'touch "$PWD/running/$AUTOLAB_TASK_INDEX"',
  'n=$(ls "$PWD/running" | wc -l)',
  // Wait for a peer (bounded): a task alone waits WAIT_TICKS x 0.1 s and goes on.
  'for ((k = 0; k < WAIT_TICKS && $(ls "$PWD/running" | wc -l) < 2; k++)); do sleep 0.1; done',
  'm=$(ls "$PWD/running" | wc -l); [[ $m -gt $n ]] && n=$m',
  'printf \'{"primary_metric": {"name": "seen", "value": %s}}\\n\' "$n" > "$AUTOLAB_RUN_DIR/result.json"',
  'rm -f "$PWD/running/$AUTOLAB_TASK_INDEX"',
  "",
].join("\n");

function design(maxConcurrent: number | undefined, waitTicks: number): string {
  return [
    "compute:",
    "  location: local",
    '  walltime_estimate: "00:02:00"',
    ...(maxConcurrent ? [`  max_concurrent: ${maxConcurrent}`] : []),
    "runtime:",
    "  env:",
    `    WAIT_TICKS: ${waitTicks}`,
    "entrypoint:",
    '  cli: "bash task.sh"',
    "sweep:",
    "  grid: { lr: [1, 2, 3, 4] }",
    "",
  ].join("\n");
}

async function seenCounts(maxConcurrent: number | undefined, waitTicks: number) {
  const parent = mkdtempSync(path.join(tmpdir(), "autolab-sweep-local-"));
  const { root } = await makeRepo({
    parent,
    files: { "task.sh": TASK_SH, "experiments/in_progress/loc/design.yaml": design(maxConcurrent, waitTicks) },
  });
  const res = await launch({ cwd: root, design: "loc", scheduler: slurmCli(), commit: true });
  const runs = path.join(root, "experiments/in_progress/loc/runs");
  const ids = res.sweep!.runIds;
  const seen = ids.map(
    (id) => JSON.parse(readFileSync(path.join(runs, id, "result.json"), "utf8")).primary_metric.value,
  );
  const statuses = ids.map((id) => JSON.parse(readFileSync(path.join(runs, id, "run_manifest.json"), "utf8")).status);
  return { res, seen: seen as number[], statuses, dirs: readdirSync(runs) };
}

describe("a local sweep", () => {
  it("compute.max_concurrent: 2 runs two tasks at a time, never more; manifests in task order", async () => {
    const { res, seen, statuses } = await seenCounts(2, 100);
    expect(res.sweep!.runIds).toEqual([0, 1, 2, 3].map((i) => `${res.runId}_${i}`));
    expect(statuses.every((s) => s === "completed" || s === "synced")).toBe(true);
    // Some task saw a peer running, none saw more than one.
    expect(Math.max(...seen)).toBe(2);
  }, 60_000);

  it("without max_concurrent the tasks run one after another", async () => {
    const { seen, statuses } = await seenCounts(undefined, 3);
    expect(statuses).toHaveLength(4);
    expect(seen).toEqual([1, 1, 1, 1]);
  }, 60_000);
});
