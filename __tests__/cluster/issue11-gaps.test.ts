/**
 * Issue 11: the cases the reviewer's map (item by item) found untested, on the
 * real dev cluster with real git (bare remotes), real processes and files.
 *
 * - Item 15: a symbolic link at the work root's snapshot path for `--run-id`
 *   is refused, not followed, even when it points at a worktree of this
 *   repository at HEAD (the one directory that would otherwise be reused).
 * - Item 12: `slurm.submit.pass_env` passes a listed SBATCH_* variable of the
 *   runner's environment to sbatch (the controller shows its effect, the job
 *   sees it) and records it in the manifest; an unlisted one stays scrubbed;
 *   a cluster-choosing name is refused at the policy's line before anything runs.
 * - Item 11: a manifest over MAX_MANIFEST_BYTES (16 MiB) and a ledger over
 *   MAX_LEDGER_BYTES (64 MiB) are refused by the monitor with an error naming
 *   the file (checked by size before anything is read: the files here are
 *   sparse), and the tick goes on for the other runs; a refused ledger is left
 *   alone (not followed, edited or committed).
 * - Item 10: a synced run whose extract parser prints 600-deep JSON ends in one
 *   monitor tick (completed, metrics `partial` with the one reason, committed),
 *   instead of staying `synced` tick after tick; a second tick changes nothing.
 * - Item 2: an iteration's `analysis/summary.md` committed as a link to a
 *   runner file outside the repository: launch refuses before submitting, the
 *   monitor refuses to write through it; neither reads it, nothing of the
 *   target is committed, the error names the file.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { launch } from "../../src/commands/launch/index.js";
import { monitor } from "../../src/commands/monitor/index.js";
import { MAX_LEDGER_BYTES } from "../../src/ledger/io.js";
import { MAX_MANIFEST_BYTES } from "../../src/store/runs.js";
import { parseDocument } from "../../src/contract/validate.js";
import { transition } from "../../src/domain/run.js";
import { AutolabError } from "../../src/util/errors.js";
import { runArgv } from "../../src/util/exec.js";
import type { RunManifest } from "../../src/contract/types.js";
import {
  clusterUp,
  realScheduler,
  requireCluster,
  scancel,
  scontrol,
  slurmOnPath,
  waitForSacct,
} from "../helpers/cluster.js";
import { cloneRepo, git, makeRepo } from "../helpers/repo.js";

const onCluster = slurmOnPath("__tests__/issue11-gaps.test.ts") && clusterUp();
const submitted: string[] = [];
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "autolab-i11gaps-"));
});
afterAll(async () => {
  for (const id of submitted) await scancel(id).catch(() => undefined);
});

function design(cli: string, extra: Record<string, unknown> = {}): string {
  return YAML.stringify({
    compute: { location: "slurm", walltime_estimate: "00:10:00", partition: "debug" },
    entrypoint: { cli },
    ...extra,
  });
}

/** A bare remote holding `files` on main, and a clone of it (the runner's checkout). */
async function checkout(files: Record<string, string>): Promise<{ work: string; remote: string }> {
  const parent = mkdtempSync(path.join(tmp, "case-"));
  const seed = await makeRepo({ parent, scaffold: false, remote: true, files });
  const work = await cloneRepo(seed.remote!, path.join(parent, "work"));
  return { work, remote: seed.remote! };
}

/** A run id no earlier test run used (accounting keeps every job name ever submitted). */
const freshRunId = () => `20261204T000000Z_${randomBytes(3).toString("hex")}`;

/** Job ids the controller and accounting know under `name` (squeue --states=all, sacct). */
async function jobsNamed(name: string): Promise<string> {
  const sq = await runArgv("squeue", ["--noheader", "--states=all", `--name=${name}`, "--format=%i"], {
    timeoutMs: 20_000,
  });
  const sa = await runArgv("sacct", ["--noheader", "-X", "--parsable2", `--name=${name}`, "--format=JobID"], {
    timeoutMs: 20_000,
  });
  return (sq.stdout + sa.stdout).trim();
}

describe.skipIf(!onCluster)("item 15: a link at the run's snapshot path", () => {
  it("--run-id with <work_root>/<run_id> a symlink to this repository's own worktree at HEAD: refused (is a symbolic link), nothing submitted or written, the link and its target untouched", async () => {
    requireCluster();
    const { work } = await checkout({ "experiments/in_progress/lnsnap/design.yaml": design("true") });
    const workRoot = path.join(tmp, "ws-link");
    mkdirSync(workRoot, { recursive: true });
    const runId = freshRunId();
    // The most tempting target: a worktree of this very repository, at HEAD (a real snapshot elsewhere).
    const elsewhere = path.join(tmp, "elsewhere-snapshot");
    await git(work, "worktree", "add", "-q", "--detach", elsewhere, "HEAD");
    const link = path.join(workRoot, runId);
    symlinkSync(elsewhere, link);
    const before = readdirSync(elsewhere).sort();

    const err = await launch({ scheduler: realScheduler(), cwd: work, design: "lnsnap", workRoot, runId }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AutolabError);
    expect((err as AutolabError).message).toMatch(
      /snapshot path already exists and is a symbolic link: it is not reused/,
    );
    expect((err as AutolabError).location?.file).toBe(link);
    // Not followed: still a link to the same place; nothing written into its target.
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(elsewhere);
    expect(readdirSync(elsewhere).sort()).toEqual(before);
    expect(existsSync(path.join(elsewhere, "experiments/in_progress/lnsnap/runs"))).toBe(false);
    // Nothing recorded in the checkout, nothing submitted under the run's job name.
    expect(existsSync(path.join(work, "experiments/in_progress/lnsnap/runs", runId))).toBe(false);
    expect(await git(work, "status", "--porcelain")).toBe("");
    expect(await jobsNamed(`autolab-${runId}`)).toBe("");

    // A dangling link is refused the same way (not taken for "nothing there yet").
    const dangling = freshRunId();
    symlinkSync(path.join(tmp, "no-such-dir"), path.join(workRoot, dangling));
    const err2 = await launch({
      scheduler: realScheduler(),
      cwd: work,
      design: "lnsnap",
      workRoot,
      runId: dangling,
    }).catch((e: unknown) => e);
    expect((err2 as AutolabError).message).toMatch(/is a symbolic link: it is not reused/);
    expect(existsSync(path.join(tmp, "no-such-dir"))).toBe(false);
    expect(await jobsNamed(`autolab-${dangling}`)).toBe("");
  }, 120_000);
});

/** Set `vars` in this process's environment while `fn` runs (the runner's environment), then restore it. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe.skipIf(!onCluster)("item 12: slurm.submit.pass_env", () => {
  it("passes the listed SBATCH_TIMELIMIT (the controller's TimeLimit and the job's environment show it) and records it in slurm.passed_env; the unlisted SBATCH_PARTITION and SBATCH_JOB_NAME stay scrubbed", async () => {
    requireCluster();
    const seen = path.join(mkdtempSync(path.join(tmp, "env-")), "sbatch_env.txt");
    const { work } = await checkout({
      "experiments/in_progress/passenv/design.yaml": design(
        `env | grep ^SBATCH_ | sort > ${seen}.tmp && mv ${seen}.tmp ${seen}; sleep 30`,
      ),
      ".autolab/verifier_policy.yaml": YAML.stringify({
        slurm: { submit: { pass_env: ["SBATCH_TIMELIMIT", "SBATCH_QOS"] } },
      }),
    });
    // The runner's environment: one listed variable set (SBATCH_QOS listed but unset), two unlisted ones.
    const l = await withEnv({ SBATCH_TIMELIMIT: "7", SBATCH_PARTITION: "short", SBATCH_JOB_NAME: "hijacked" }, () =>
      launch({ scheduler: realScheduler(), cwd: work, design: "passenv" }),
    );
    submitted.push(l.jobId!);
    expect(l.status).toBe("submitted");
    const job = await scontrol(["show", "job", l.jobId!]);
    // design: walltime 00:10:00 on debug; the passed SBATCH_TIMELIMIT=7 wins over the #SBATCH --time directive.
    expect(job).toMatch(/\bTimeLimit=00:07:00\b/);
    expect(job).toMatch(/\bPartition=debug\b/);
    expect(job).toContain(`JobName=autolab-${l.runId}`);
    const m = JSON.parse(readFileSync(path.join(work, l.manifestPath), "utf8")) as RunManifest;
    expect(m.slurm?.passed_env).toEqual({ SBATCH_TIMELIMIT: "7" });
    // The committed manifest says the same (what the record holds is what was passed).
    expect(JSON.parse(await git(work, "show", `HEAD:${l.manifestPath}`)).slurm.passed_env).toEqual({
      SBATCH_TIMELIMIT: "7",
    });
    // The job (--export=ALL) got exactly the passed variable, none of the scrubbed ones. The file
    // appears whole (written aside, then renamed) once the job runs, which may wait for a free CPU.
    for (let i = 0; i < 180 && !existsSync(seen); i++) await new Promise((r) => setTimeout(r, 500));
    expect(readFileSync(seen, "utf8")).toBe("SBATCH_TIMELIMIT=7\n");
    await scancel(l.jobId!);
    await waitForSacct(l.jobId!);
    // slurmdbd can hold the job's end before its start record (Timelimit, Partition): on a loaded
    // machine sacct first shows the row with those fields empty ("|"); wait for the whole record.
    let row = "";
    for (let i = 0; i < 60; i++) {
      const sacct = await runArgv("sacct", ["-X", "-n", "-P", "-j", l.jobId!, "--format=Timelimit,Partition"], {
        timeoutMs: 20_000,
      });
      row = sacct.stdout.trim();
      if (row !== "" && row !== "|") break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(row).toBe("00:07:00|debug");
  }, 240_000);

  it("a resubmitted attempt gets the recorded value again (the monitor's own environment does not hold it)", async () => {
    requireCluster();
    const { work } = await checkout({
      "experiments/in_progress/passresub/design.yaml": YAML.stringify({
        compute: {
          location: "slurm",
          walltime_estimate: "00:10:00",
          partition: "debug",
          max_restarts: 1,
          resubmit_on: ["timeout"],
        },
        entrypoint: { cli: "sleep 300" },
      }),
      ".autolab/verifier_policy.yaml": YAML.stringify({ slurm: { submit: { pass_env: ["SBATCH_TIMELIMIT"] } } }),
    });
    // Attempt 1 gets one minute (the passed SBATCH_TIMELIMIT=1) and times out.
    const l = await withEnv({ SBATCH_TIMELIMIT: "1" }, () =>
      launch({ scheduler: realScheduler(), cwd: work, design: "passresub" }),
    );
    submitted.push(l.jobId!);
    expect(await scontrol(["show", "job", l.jobId!])).toMatch(/\bTimeLimit=00:01:00\b/);
    expect(process.env.SBATCH_TIMELIMIT).toBeUndefined();
    const deadline = Date.now() + 240_000;
    let m = JSON.parse(readFileSync(path.join(work, l.manifestPath), "utf8")) as RunManifest;
    while (m.job_id === l.jobId) {
      if (Date.now() > deadline) throw new Error(`no resubmission: ${JSON.stringify(m.attempts ?? m.status)}`);
      await new Promise((r) => setTimeout(r, 5000));
      await monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
      m = JSON.parse(readFileSync(path.join(work, l.manifestPath), "utf8")) as RunManifest;
    }
    const job2 = String(m.job_id);
    submitted.push(job2);
    expect(m.slurm?.job_name).toBe(`autolab-${l.runId}-a2`);
    expect(m.slurm?.passed_env).toEqual({ SBATCH_TIMELIMIT: "1" });
    // Attempt 2 was submitted by the monitor, whose environment has no SBATCH_TIMELIMIT: the recorded value.
    expect(await scontrol(["show", "job", job2])).toMatch(/\bTimeLimit=00:01:00\b/);
    await scancel(job2);
  }, 300_000);

  it("without pass_env the same SBATCH_TIMELIMIT is scrubbed: the design's walltime holds and nothing is recorded", async () => {
    requireCluster();
    const { work } = await checkout({ "experiments/in_progress/nopass/design.yaml": design("true") });
    const l = await withEnv({ SBATCH_TIMELIMIT: "7" }, () =>
      launch({ scheduler: realScheduler(), cwd: work, design: "nopass" }),
    );
    submitted.push(l.jobId!);
    const job = await scontrol(["show", "job", l.jobId!]);
    expect(job).toMatch(/\bTimeLimit=00:10:00\b/);
    const m = JSON.parse(readFileSync(path.join(work, l.manifestPath), "utf8")) as RunManifest;
    expect(m.slurm).not.toHaveProperty("passed_env");
  }, 120_000);

  it.each([
    ["SLURM_CLUSTERS", /must not choose the cluster/],
    ["SBATCH_CLUSTERS", /must not choose the cluster/],
    ["SBATCH_JOB_NAME", /must not set what the tool controls itself/],
  ])("a policy listing %s is refused at its file and line; nothing is submitted or written", async (bad, message) => {
    const { work } = await checkout({
      "experiments/in_progress/badpass/design.yaml": design("true"),
      ".autolab/verifier_policy.yaml": YAML.stringify({ slurm: { submit: { pass_env: ["SBATCH_QOS", bad] } } }),
    });
    const err = await withEnv({ [bad]: "elsewhere" }, () =>
      launch({ scheduler: realScheduler(), cwd: work, design: "badpass" }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(AutolabError);
    const e = err as AutolabError;
    const all = [e.message, ...e.findings.map((f) => f.message)].join("\n");
    expect(all).toMatch(message);
    const at = e.findings.find((f) => message.test(f.message)) ?? { ...e.location };
    expect(at).toMatchObject({ file: ".autolab/verifier_policy.yaml", line: 5 });
    expect(existsSync(path.join(work, "experiments/in_progress/badpass/runs"))).toBe(false);
    expect(await git(work, "status", "--porcelain")).toBe("");
  });
});

describe.skipIf(!onCluster)("item 11: size caps on what the monitor reads", () => {
  it("a manifest over 16 MiB is refused (manifest.read error naming it, nothing of it read or committed); the same tick completes the other run", async () => {
    requireCluster();
    expect(MAX_MANIFEST_BYTES).toBe(16 * 1024 * 1024);
    const { work, remote } = await checkout({
      "experiments/in_progress/big/design.yaml": design("true"),
      "experiments/in_progress/small/design.yaml": design("true"),
    });
    const big = await launch({ scheduler: realScheduler(), cwd: work, design: "big" });
    const small = await launch({ scheduler: realScheduler(), cwd: work, design: "small" });
    submitted.push(big.jobId!, small.jobId!);
    await waitForSacct(big.jobId!);
    await waitForSacct(small.jobId!);
    // The manifest grows past the cap (a sparse file: its size is what counts, nothing has to be written).
    const bigAbs = path.join(work, big.manifestPath);
    const committedBig = await git(work, "show", `HEAD:${big.manifestPath}`);
    truncateSync(bigAbs, MAX_MANIFEST_BYTES + 1);
    const t0 = Date.now();
    const rep = await monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
    const tookMs = Date.now() - t0;
    const refused = rep.findings.filter((f) => f.file === big.manifestPath);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ severity: "error", check: "manifest.read" });
    expect(refused[0].message).toContain(
      `file is too large (${MAX_MANIFEST_BYTES + 1} bytes; at most ${MAX_MANIFEST_BYTES})`,
    );
    // The tick went on: the other run completed and was pushed; the refused one was not touched.
    expect(rep.runs.find((r) => r.runId === small.runId)?.after).toBe("completed");
    expect(rep.runs.find((r) => r.runId === big.runId)).toBeUndefined();
    const pushedSmall = JSON.parse(await git(remote, "show", `main:${small.manifestPath}`)) as RunManifest;
    expect(pushedSmall.status).toBe("completed");
    expect(await git(remote, "show", `main:${big.manifestPath}`)).toBe(committedBig);
    expect(statSync(bigAbs).size).toBe(MAX_MANIFEST_BYTES + 1);
    expect(tookMs).toBeLessThan(60_000);
  }, 180_000);

  it("a ledger over 64 MiB is refused and left alone (one ledger.read error naming it; not followed, edited or committed); the run still completes", async () => {
    requireCluster();
    expect(MAX_LEDGER_BYTES).toBe(64 * 1024 * 1024);
    const { work, remote } = await checkout({ "experiments/in_progress/bigledger/design.yaml": design("true") });
    const l = await launch({ scheduler: realScheduler(), cwd: work, design: "bigledger" });
    submitted.push(l.jobId!);
    await waitForSacct(l.jobId!);
    const ledgerAbs = path.join(work, "docs/slurm_job_list.md");
    const before = readFileSync(ledgerAbs);
    expect(before.toString("utf8")).toContain(`run_id=${l.runId} | status=submitted`);
    const pushedLedger = await git(remote, "show", "main:docs/slurm_job_list.md");
    // Past the cap: the same lines, then NULs (sparse: nothing is written, its size is what counts).
    truncateSync(ledgerAbs, MAX_LEDGER_BYTES + 1);
    const rep = await monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
    const ledgerFindings = rep.findings.filter((f) => f.file === "docs/slurm_job_list.md");
    expect(ledgerFindings).toHaveLength(1);
    expect(ledgerFindings[0]).toMatchObject({ severity: "error", check: "ledger.read" });
    expect(ledgerFindings[0].message).toContain(
      `file is too large (${MAX_LEDGER_BYTES + 1} bytes; at most ${MAX_LEDGER_BYTES})`,
    );
    expect(ledgerFindings[0].hint).toMatch(/not read or updated until this is fixed/);
    // The run is completed and pushed; the ledger is neither rewritten nor committed.
    expect(rep.runs.find((r) => r.runId === l.runId)?.after).toBe("completed");
    const pushed = JSON.parse(await git(remote, "show", `main:${l.manifestPath}`)) as RunManifest;
    expect(pushed.status).toBe("completed");
    expect(await git(remote, "show", "main:docs/slurm_job_list.md")).toBe(pushedLedger);
    expect(statSync(ledgerAbs).size).toBe(MAX_LEDGER_BYTES + 1);
    const head = readFileSync(ledgerAbs).subarray(0, before.length);
    expect(head.equals(before)).toBe(true);
  }, 180_000);
});

describe.skipIf(!onCluster)("item 10: parser output nested too deep, through monitor ticks", () => {
  it("a synced run whose parser prints 600-deep JSON: one tick ends it (completed, metrics partial with the reason, pushed); a second tick changes nothing", async () => {
    requireCluster();
    const printer =
      "import json\nd = 1\nfor _ in range(600):\n    d = {'x': d}\nprint(json.dumps({'primary_metric': {'name': 'acc', 'value': 0.5}, 'deep': d}))\n";
    const { work, remote } = await checkout({
      "experiments/in_progress/deepmon/design.yaml": design("true", {
        extract_parser: { kind: "command", command: "python3 deep.py" },
      }),
      "deep.py": printer,
    });
    const l = await launch({ scheduler: realScheduler(), cwd: work, design: "deepmon" });
    submitted.push(l.jobId!);
    await waitForSacct(l.jobId!);
    const runDir = path.join(work, path.dirname(l.manifestPath));
    for (let i = 0; i < 40 && !existsSync(path.join(runDir, "job_sentinel.json")); i++)
      await new Promise((r) => setTimeout(r, 500));
    // The run as an earlier tick left it: synced (its evidence is here), not yet extracted.
    const m0 = JSON.parse(readFileSync(path.join(work, l.manifestPath), "utf8")) as RunManifest;
    const running = transition(m0, "running", "2026-12-04T00:00:01Z", "test: the job ran")!;
    const synced = transition(
      { ...running, artifact_sync_to_local: { status: "ok" } },
      "synced",
      "2026-12-04T00:00:02Z",
      "test: artifacts synced; job_sentinel.json says exit 0",
    )!;
    expect(synced.status).toBe("synced");
    writeFileSync(path.join(work, l.manifestPath), JSON.stringify(synced, null, 2) + "\n");
    await git(work, "add", "-A");
    await git(work, "commit", "-q", "-m", "the run as a wedged tick left it: synced");
    await git(work, "push", "-q", "origin", "main");

    const tick = () => monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
    const r1 = await tick();
    const row = r1.runs.find((r) => r.runId === l.runId);
    expect(row).toMatchObject({ before: "synced", after: "completed", metricsStatus: "partial" });
    const m1 = JSON.parse(await git(remote, "show", `main:${l.manifestPath}`)) as RunManifest;
    expect(m1.status).toBe("completed");
    const extraction = m1.extraction as { status: string; missing_evidence: string[] };
    expect(extraction.status).toBe("partial");
    expect(extraction.missing_evidence.filter((x) => /nested deeper than 64 levels/.test(x))).toHaveLength(1);
    const metricsRel = path.join(path.dirname(l.manifestPath), "metrics.json");
    const metricsText = await git(remote, "show", `main:${metricsRel}`);
    const metrics = JSON.parse(metricsText) as {
      status: string;
      primary_metric: { value: number | null };
      missing_evidence: string[];
    };
    // The output is refused as a whole (domain/metrics.ts refuseParserOutput): no value of it is kept.
    expect(metrics.status).toBe("partial");
    expect(metrics.primary_metric.value).toBeNull();
    expect(metrics.missing_evidence.filter((x) => /nested deeper than 64 levels/.test(x))).toHaveLength(1);
    expect(metricsText).not.toContain('"x"');
    expect(
      parseDocument("metrics", metricsText, "metrics.json").findings.filter((f) => f.severity === "error"),
    ).toEqual([]);
    expect(r1.findings.filter((f) => f.severity === "error")).toEqual([]);

    // Tick 2: nothing left to do for the run; nothing is committed.
    const headBefore = (await git(remote, "rev-parse", "main")).trim();
    const r2 = await tick();
    // A completed run with its metrics is not even looked at again (it is no longer in the tick's rows).
    expect(r2.runs.find((r) => r.runId === l.runId)).toBeUndefined();
    expect((await git(remote, "rev-parse", "main")).trim()).toBe(headBefore);
    expect(await git(remote, "show", `main:${metricsRel}`)).toBe(metricsText);
  }, 180_000);
});

const FAKE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAsummaryLINKsecret0815\n-----END OPENSSH PRIVATE KEY-----\n";

/** A runner file outside every repository (a private key, say). */
function runnerSecret(): string {
  const secret = path.join(mkdtempSync(path.join(tmp, "secret-")), "id_ed25519");
  writeFileSync(secret, FAKE_KEY);
  return secret;
}

/** No blob of `ref` on `remote` holds the secret; the summary is still a link (mode 120000) there. */
async function remoteHoldsNoSecret(remote: string, ref: string, summaryRel: string): Promise<void> {
  for (const line of (await git(remote, "ls-tree", "-r", ref)).trim().split("\n")) {
    const [meta, file] = line.split("\t");
    const content = await git(remote, "cat-file", "-p", meta.split(" ")[2]);
    expect(content, file).not.toContain("summaryLINKsecret0815");
  }
  expect((await git(remote, "ls-tree", ref, summaryRel)).split(" ")[0]).toBe("120000");
}

describe.skipIf(!onCluster)("item 2: a committed link at analysis/summary.md", () => {
  it("launch refuses it before anything is submitted, naming the file; the target is neither read nor written, nothing is committed", async () => {
    requireCluster();
    const secret = runnerSecret();
    const summaryRel = "experiments/in_progress/lnsum/analysis/summary.md";
    const seed = await makeRepo({
      parent: mkdtempSync(path.join(tmp, "case-")),
      scaffold: false,
      remote: true,
      files: { "experiments/in_progress/lnsum/design.yaml": design("true") },
      beforeCommit: (root) => {
        mkdirSync(path.join(root, path.dirname(summaryRel)), { recursive: true });
        symlinkSync(secret, path.join(root, summaryRel));
      },
    });
    const work = await cloneRepo(seed.remote!, path.join(path.dirname(seed.root), "work"));
    const headBefore = (await git(seed.remote!, "rev-parse", "main")).trim();
    const runId = freshRunId();
    const err = await launch({ scheduler: realScheduler(), cwd: work, design: "lnsum", runId }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AutolabError);
    const e = err as AutolabError;
    expect(e.location.file).toBe(summaryRel);
    expect(e.message).toMatch(/link/);
    expect(JSON.stringify({ message: e.message, findings: e.findings })).not.toContain("summaryLINKsecret0815");
    // Nothing submitted, written or pushed; the link and its target as they were.
    expect(await jobsNamed(`autolab-${runId}`)).toBe("");
    expect(existsSync(path.join(work, "experiments/in_progress/lnsum/runs", runId))).toBe(false);
    expect(await git(work, "status", "--porcelain")).toBe("");
    expect((await git(seed.remote!, "rev-parse", "main")).trim()).toBe(headBefore);
    expect(lstatSync(path.join(work, summaryRel)).isSymbolicLink()).toBe(true);
    expect(readFileSync(secret, "utf8")).toBe(FAKE_KEY);
    await remoteHoldsNoSecret(seed.remote!, "main", summaryRel);
  }, 120_000);

  it("the monitor does not write the run's section through it: an error names the file, the run still completes, nothing of the target is read or committed", async () => {
    requireCluster();
    const secret = runnerSecret();
    const { work, remote } = await checkout({
      "experiments/in_progress/lnsummon/design.yaml": design("true", {
        extract_parser: { kind: "command", command: `echo '{"primary_metric": {"name": "acc", "value": 0.9}}'` },
      }),
    });
    const l = await launch({ scheduler: realScheduler(), cwd: work, design: "lnsummon" });
    submitted.push(l.jobId!);
    expect(l.commit?.pushed).toBe(true);
    // After launch, the summary is replaced by a link to the runner's key (a pull request, or the job), committed.
    const summaryRel = "experiments/in_progress/lnsummon/analysis/summary.md";
    const summaryAbs = path.join(work, summaryRel);
    rmSync(summaryAbs, { force: true });
    mkdirSync(path.dirname(summaryAbs), { recursive: true });
    symlinkSync(secret, summaryAbs);
    // Only the link: the job may be writing its logs and sentinel in the checkout meanwhile.
    await git(work, "add", "-A", "--", summaryRel);
    await git(work, "commit", "-q", "-m", "link the summary");
    await git(work, "push", "-q", "origin", "main");

    await waitForSacct(l.jobId!);
    const rep = await monitor({ scheduler: realScheduler(), cwd: work, query: { timeoutMs: 20_000 } });
    expect(JSON.stringify(rep)).not.toContain("summaryLINKsecret0815");
    const onSummary = rep.findings.filter((f) => f.file === summaryRel);
    expect(onSummary.length).toBeGreaterThanOrEqual(1);
    expect(onSummary.every((f) => f.severity === "error")).toBe(true);
    expect(onSummary[0].message).toMatch(/link/);
    expect(rep.runs.find((r) => r.runId === l.runId)?.after).toBe("completed");
    const pushed = JSON.parse(await git(remote, "show", `main:${l.manifestPath}`)) as RunManifest;
    expect(pushed.status).toBe("completed");
    // The link is still a link, here and on the remote; its target is unchanged; no blob holds it.
    expect(lstatSync(summaryAbs).isSymbolicLink()).toBe(true);
    expect(readlinkSync(summaryAbs)).toBe(secret);
    expect(readFileSync(secret, "utf8")).toBe(FAKE_KEY);
    await remoteHoldsNoSecret(remote, "main", summaryRel);
  }, 180_000);
});
