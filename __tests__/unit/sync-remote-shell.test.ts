/**
 * rsync from a remote path: the path is data for the remote side, never
 * shell text. A real remote needs ssh, which this machine has no peer for, so
 * RSYNC_RSH points at a stand-in that does what ssh does with its arguments
 * (joins them and hands them to a shell on the "remote" host, here the same
 * machine) — exactly the step where a `$(...)` in the path would run.
 * (rsync >= 3.2.4 escapes remote arguments by default; with `--old-args`,
 * the behaviour of older rsync, this test fails unless `--protect-args` is
 * passed, which is why sync passes it.)
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { syncArtifacts } from "../../src/steps/sync.js";

const saved = process.env.RSYNC_RSH;
afterEach(() => {
  if (saved === undefined) delete process.env.RSYNC_RSH;
  else process.env.RSYNC_RSH = saved;
});

describe("rsync artifact sync through a remote shell", () => {
  it("copies from host:path, and a $(...) in the path runs nothing on the remote", async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "autolab-rsh-"));
    const fakeSsh = path.join(base, "fake-ssh");
    // ssh HOST CMD ARGS... -> the remote login shell runs "CMD ARGS..." as one string.
    writeFileSync(fakeSsh, '#!/bin/sh\nshift\nexec sh -c "$*"\n');
    chmodSync(fakeSsh, 0o755);
    process.env.RSYNC_RSH = fakeSsh;

    const pwned = path.join(base, "pwned");
    const remote = path.join(base, `remote $(touch ${pwned})`);
    mkdirSync(path.join(remote, "outputs"), { recursive: true });
    writeFileSync(path.join(remote, "outputs", "result.txt"), "42\n");
    const repo = path.join(base, "repo");
    const runDir = path.join(repo, "experiments/in_progress/it1/runs/r1");
    mkdirSync(runDir, { recursive: true });

    const res = await syncArtifacts({
      repoRoot: repo,
      runDir,
      runId: "r1",
      iterationId: "it1",
      iterationPath: "experiments/in_progress/it1",
      config: {
        mode: "rsync",
        source: `fakehost:${remote}/`,
        outputs: ["outputs/result.txt"],
        timeoutSeconds: 30,
        retries: 0,
      },
      sleep: async () => undefined,
    });
    expect(res.error).toBeUndefined();
    expect(res.status).toBe("ok");
    expect(readFileSync(path.join(runDir, "outputs", "result.txt"), "utf8")).toBe("42\n");
    expect(existsSync(pwned)).toBe(false);
  });
});
