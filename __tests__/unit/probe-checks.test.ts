/**
 * doctor's view of the probe: without accounting, a MinJobAge shorter than the
 * monitor's interval is a warning (the controller forgets a finished job
 * before the next tick asks; only the sentinel then tells how it ended).
 * The pure rule, as a table over probe objects; the real probe on the dev
 * cluster restarted without accounting is in cluster/no-accounting.test.ts.
 */
import { describe, expect, it } from "vitest";
import { probeChecks, type SlurmProbe } from "../../src/scheduler/slurm-cli/probe.js";

function probe(extra: Partial<SlurmProbe>): SlurmProbe {
  const found = { found: true, version: "slurm 22.05.8" };
  return {
    canSubmit: true,
    tools: { sinfo: found, squeue: found, sbatch: found, sacct: found, scontrol: found, scancel: found },
    env: {},
    partitions: [],
    accounting: { works: true, checked: true },
    summary: [],
    ...extra,
  };
}

describe("probeChecks: MinJobAge without accounting", () => {
  it.each([
    ["accounting works", { works: true, checked: true }, 300, undefined, false],
    [
      "accounting disabled, MinJobAge 300 s < 900 s",
      { works: false, checked: true, disabled: true },
      300,
      undefined,
      true,
    ],
    ["accounting down, MinJobAge 3600 s", { works: false, checked: true }, 3600, undefined, false],
    ["accounting disabled, a 2-minute cadence", { works: false, checked: true, disabled: true }, 300, 120, false],
    [
      "accounting disabled, MinJobAge unknown",
      { works: false, checked: true, disabled: true },
      undefined,
      undefined,
      false,
    ],
  ])("%s -> warning %s", (_w, accounting, minJobAge, interval, warned) => {
    const checks = probeChecks(probe({ accounting, minJobAgeSeconds: minJobAge }), {
      monitorIntervalSeconds: interval,
    });
    const c = checks.find((x) => x.name === "min_job_age");
    expect(c !== undefined).toBe(warned);
    if (c) {
      expect(c.level).toBe("warn");
      expect(c.detail).toContain(`MinJobAge=${minJobAge} s`);
    }
  });
});
