/**
 * A re-applied tick keeps other writers' edits (issue 10, item 2), through a
 * real rejected push: a real job runs on the dev cluster, launched from
 * clone A and pushed to a real bare remote. A person in clone B edits the
 * run's manifest by hand and pushes: they add a `notes` field, set
 * `artifact_sync_to_local.status: "ok"` (the cookbook's manual sync), and
 * write `slurm.nodes`, a field the tick also writes (with the node SLURM
 * reports): a real conflict. Then A, which has not pulled, ticks: its push is
 * rejected (non-fast-forward), commit-back fetches and re-applies the tick's
 * change set on the new head, and the second push lands. On the remote: the
 * tick's transition (submitted -> running), the person's `notes` and sync
 * status; for the field both changed the person's value is kept and the tick
 * reports `manifest.merge_conflict` naming /slurm/nodes. Then the job ends,
 * the person changes the notes again and pushes, and A's completing tick
 * (running -> synced -> completed, metrics extracted) is rejected and
 * re-applied the same way: completed, with the person's new notes.
 *
 * One job of one CPU (the dev node has two, shared with other test files).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch, type LaunchResult } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import type { RunManifest } from "../../src/contract/types.js";
import {
  awaitGate,
  clusterUp,
  realScheduler,
  requireCluster,
  scancel,
  waitForSacct,
  waitForState,
} from "../helpers/cluster.js";
import { cloneRepo, git, makeRepo } from "../helpers/repo.js";

const up = clusterUp();
const jobs: string[] = [];
let tmp: string;

/** The job runs until the gate file exists (the second test opens it), however slow the machine. */
const gate = () => path.join(tmp, "gate");

function designOf(): string {
  return YAML.stringify({
    compute: {
      location: "slurm",
      walltime_estimate: "00:05:00",
      memory_estimate: "64M",
      cpus_per_task: 1,
      partition: "debug",
    },
    entrypoint: { cli: awaitGate(gate()) },
    extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "loss", "value": 0.5}}'` },
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "autolab-reapply-"));
});
afterAll(async () => {
  for (const j of jobs) await scancel(j).catch(() => undefined);
  await rm(tmp, { recursive: true, force: true });
});

describe.skipIf(!up)("a tick whose push is rejected re-applies on the new head and keeps a person's edits", () => {
  let a: string;
  let remote: string;
  let run: LaunchResult;
  let b: string;

  beforeAll(async () => {
    requireCluster();
    const r = await makeRepo({
      parent: tmp,
      remote: true,
      files: {
        "experiments/in_progress/keep/design.yaml": designOf(),
      },
    });
    a = r.root;
    remote = r.remote!;
    run = await launch({ cwd: a, design: "keep", scheduler: realScheduler() });
    expect(run).toMatchObject({ status: "submitted", commit: { pushed: true } });
    jobs.push(run.jobId!);
    // The dev node is shared: the job may wait for a CPU.
    await waitForState(run.jobId!, (s) => s === "RUNNING", 300_000);
  }, 360_000);

  it("notes and a hand-set sync status survive; the field both changed keeps theirs, with a finding", async () => {
    // The person, in another clone: edits by hand, commits and pushes (A has not pulled).
    b = await cloneRepo(remote, path.join(tmp, "b"));
    const edit = async (rel: string, f: (m: Record<string, unknown>) => void) => {
      const file = path.join(b, rel);
      const m = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
      f(m);
      await writeFile(file, JSON.stringify(m, null, 2) + "\n");
    };
    await edit(run.manifestPath, (m) => {
      m.notes = "lr looks too high; compare with run 3";
      m.artifact_sync_to_local = { ...(m.artifact_sync_to_local as object), status: "ok" };
      m.slurm = { ...(m.slurm as object), nodes: "written-by-hand" };
    });
    await git(b, "commit", "-q", "-am", "notes and a manual sync, by hand");
    await git(b, "push", "-q", "origin", "main");
    const theirHead = (await git(remote, "rev-parse", "main")).trim();
    expect((await git(a, "rev-parse", "HEAD")).trim()).not.toBe(theirHead);

    const rep = await monitor({ cwd: a, scheduler: realScheduler(), query: { timeoutMs: 20_000 } });
    // The first push was rejected (the branch moved); the re-applied tick landed on their commit.
    expect(rep.commit).toMatchObject({ committed: true, pushed: true, attempts: 2 });
    const head = (await git(remote, "rev-parse", "main")).trim();
    expect(head).toBe(rep.commit?.sha);
    expect((await git(remote, "rev-parse", "main~1")).trim()).toBe(theirHead);
    expect((await git(remote, "rev-list", "--merges", "main")).trim()).toBe("");

    const onRemote = async (rel: string) => JSON.parse(await git(remote, "show", `main:${rel}`)) as RunManifest;
    const k = (await onRemote(run.manifestPath)) as RunManifest & { notes?: string };
    // The tick's change ...
    expect(k.status).toBe("running");
    expect(k.history?.at(-1)).toMatchObject({ from: "submitted", to: "running" });
    expect(k.slurm).toMatchObject({ state: "RUNNING", job_id: run.jobId });
    // ... and the person's, both.
    expect(k.notes).toBe("lr looks too high; compare with run 3");
    expect(k.artifact_sync_to_local?.status).toBe("ok");
    // Both wrote slurm.nodes (the tick: the node SLURM reports): theirs is kept, and reported.
    expect((k.slurm as { nodes?: string }).nodes).toBe("written-by-hand");
    const conflicts = rep.findings.filter((f) => f.check === "manifest.merge_conflict");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ severity: "warning", file: run.manifestPath, jsonPath: "/slurm/nodes" });
    expect(conflicts[0].message).toContain(run.runId);
    expect(rep.findings.filter((f) => f.check === "monitor.superseded")).toEqual([]);

    // The ledger follows; A's checkout is the remote head with nothing left over.
    const ledger = await git(remote, "show", "main:docs/slurm_job_list.md");
    expect(ledger).toContain(`run_id=${run.runId} | status=running`);
    expect((await git(a, "rev-parse", "HEAD")).trim()).toBe(head);
    expect(await git(a, "status", "--porcelain", "--untracked-files=no")).toBe("");
    expect(JSON.parse(await readFile(path.join(a, run.manifestPath), "utf8"))).toEqual(k);
  }, 120_000);

  it("the completing tick, rejected again by the person's next edit, lands completed with their new notes", async () => {
    await writeFile(gate(), "");
    await waitForSacct(run.jobId!, 120_000);
    await git(b, "pull", "-q", "--ff-only", "origin", "main");
    const file = path.join(b, run.manifestPath);
    const m = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    m.notes = "lr was fine after all";
    await writeFile(file, JSON.stringify(m, null, 2) + "\n");
    await git(b, "commit", "-q", "-am", "notes, by hand");
    await git(b, "push", "-q", "origin", "main");
    const theirHead = (await git(remote, "rev-parse", "main")).trim();

    const rep = await monitor({ cwd: a, scheduler: realScheduler(), query: { timeoutMs: 20_000 } });
    expect(rep.runs.find((r) => r.runId === run.runId)?.after).toBe("completed");
    expect(rep.commit).toMatchObject({ committed: true, pushed: true, attempts: 2 });
    expect((await git(remote, "rev-parse", "main~1")).trim()).toBe(theirHead);
    const k = JSON.parse(await git(remote, "show", `main:${run.manifestPath}`)) as RunManifest & { notes?: string };
    expect(k.status).toBe("completed");
    expect(k.completed_at).toBeDefined();
    expect(k.history?.map((h) => h.to)).toEqual(["submitted", "running", "synced", "completed"]);
    expect(k.notes).toBe("lr was fine after all");
    expect(k.artifact_sync_to_local?.status).toBe("ok");
    // Only the tick changed slurm.nodes this time (the person left it): the scheduler's node, no conflict.
    expect((k.slurm as { nodes?: string }).nodes).toBe("localhost");
    expect(rep.findings.filter((f) => f.check === "manifest.merge_conflict")).toEqual([]);
    const metrics = JSON.parse(
      await git(remote, "show", `main:${path.posix.join(path.posix.dirname(run.manifestPath), "metrics.json")}`),
    ) as { primary_metric?: { value?: number } };
    expect(metrics.primary_metric?.value).toBe(0.5);
    expect(await git(remote, "show", "main:docs/slurm_job_list.md")).toContain(
      `run_id=${run.runId} | status=completed`,
    );
    expect(await git(a, "status", "--porcelain", "--untracked-files=no")).toBe("");
  }, 180_000);
});
