/**
 * A local run (`compute.location: local`): run_local.sh to its end, killed
 * at the design's walltime as SLURM would, and what it left behind (exit
 * status, sentinel, declared outputs). The script appends its own output to
 * logs/run_local.out|.err; anything printed before it redirected is appended
 * here. The outcome is classified by domain/launch-plan.ts (localManifest).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LocalObservation } from "../domain/launch-plan.js";
import { runArgv } from "../util/exec.js";
import { writeFileAtomic } from "../util/fs.js";

export async function runLocally(a: {
  /** Absolute path of run_local.sh. */
  scriptAbs: string;
  /** Absolute run directory (logs/, the sentinel, the outputs). */
  runDir: string;
  /** The checkout the script runs in. */
  cwd: string;
  runId: string;
  iterationId: string;
  /** The walltime, seconds (default: a week). */
  limitSeconds?: number;
  /** `artifact_sync.outputs` of the design (run-dir relative). */
  outputs: string[];
}): Promise<LocalObservation> {
  const r = await runArgv("bash", [a.scriptAbs], {
    cwd: a.cwd,
    timeoutMs: (a.limitSeconds ?? 7 * 24 * 3600) * 1000,
    env: { RUN_ID: a.runId, AUTOLAB_RUN_ID: a.runId, AUTOLAB_ITERATION_ID: a.iterationId },
  });
  for (const [name, text] of [
    ["run_local.out", r.stdout],
    ["run_local.err", r.stderr],
  ] as const) {
    if (!text) continue;
    const f = path.join(a.runDir, "logs", name);
    const before = existsSync(f) ? await readFile(f, "utf8") : "";
    await writeFileAtomic(f, before + text);
  }
  let sentinel: LocalObservation["sentinel"];
  try {
    sentinel = JSON.parse(await readFile(path.join(a.runDir, "job_sentinel.json"), "utf8"));
  } catch {
    sentinel = undefined;
  }
  return {
    exitCode: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    limitSeconds: a.limitSeconds,
    sentinel,
    missing: a.outputs.filter((o) => !existsSync(path.join(a.runDir, o))),
  };
}

/** A local run's logs and sentinel, as far as they exist (repository-relative; committed with its manifest). */
export function localEvidence(root: string, runDirRel: string): string[] {
  return ["logs/run_local.out", "logs/run_local.err", "job_sentinel.json"]
    .map((f) => `${runDirRel}/${f}`)
    .filter((f) => existsSync(path.join(root, f)));
}
