/** What `autolab init` prints: each file and what was done with it, and what to do next. Pure. */
import type { InitResult } from "../commands/init.js";

export function initText(res: InitResult): string {
  const width = Math.max(...res.files.map((f) => f.action.length));
  const lines = [`autolab init: ${res.root}`];
  for (const f of res.files) lines.push(`  ${f.action.padEnd(width)}  ${f.path}  (${f.what})`);
  lines.push(`${res.created} created, ${res.kept} kept.`);
  if (res.created) {
    lines.push(
      "",
      "Next: commit these files, register a self-hosted runner with the labels self-hosted, linux, slurm",
      "on a machine that can run sbatch, and try: autolab launch " + "experiments/plan/example_iteration/design.yaml",
      "The watcher (autolab-watch.yml) wants a runner of its own: register a second one with the extra label autolab-watch.",
    );
    if (res.pin)
      lines.push(
        `The workflows use ${res.pin.uses} # ${res.pin.comment} (${res.pin.how}).`,
        ...(res.pin.warning ? [`WARNING: ${res.pin.warning}`] : []),
      );
  }
  return lines.join("\n") + "\n";
}
