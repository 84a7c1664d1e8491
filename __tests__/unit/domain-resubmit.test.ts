/** domain/resubmit.ts as tables: each reason x listed or not x restarts used / limit x already resubmitted. */
import { describe, expect, it } from "vitest";
import type { RunManifest } from "../../src/contract/types.js";
import type { AttemptRecord } from "../../src/domain/attempts.js";
import {
  decideResubmit,
  endAttempt,
  endReason,
  resubmitPolicy,
  resubmittedManifest,
} from "../../src/domain/resubmit.js";
import { resourceRequest } from "../../src/domain/launch-plan.js";
import { parseSentinel } from "../../src/domain/sentinel.js";
import { attemptArgv } from "../../src/scheduler/slurm-cli/attempt.js";

const RUN = "20261203T150000Z_abcdef";

function manifest(attempts: Partial<AttemptRecord>[], rr: Record<string, unknown>): RunManifest {
  return {
    schema_version: "1.0",
    run_id: RUN,
    iteration_id: "it1",
    host_mode: "slurm",
    status: "running",
    timestamps: { started_at: "2026-12-03T15:00:00Z" },
    resource_request: rr,
    job_id: attempts.at(-1)?.job_id,
    attempts: attempts.map((a, i) => ({ attempt: i + 1, restart_count: 0, cause: "launch", job_id: "1", ...a })),
  } as unknown as RunManifest;
}

const POLICY = { max_restarts: 2, resubmit_on: ["timeout", "preempted", "node_fail", "checkpointed"] };

describe("decideResubmit", () => {
  const reasons = ["timeout", "preempted", "node_fail", "checkpointed", "exit_code", "cancelled"];
  const rows: Array<[string, boolean, number, boolean, "resubmit" | "fail", string]> = [];
  for (const reason of reasons) {
    const resubmittable = ["timeout", "preempted", "node_fail", "checkpointed"].includes(reason);
    for (const listed of [true, false]) {
      for (const used of [0, 1, 2]) {
        for (const already of [false, true]) {
          const go = resubmittable && listed && used < 2 && !already;
          let note = used ? `after ${used} restart${used === 1 ? "" : "s"}` : "";
          if (resubmittable && listed && already) note += " (this attempt was resubmitted already)";
          else if (resubmittable && listed && used >= 2) note += "; compute.max_restarts (2) is reached";
          rows.push([reason, listed, used, already, go ? "resubmit" : "fail", note.trim()]);
        }
      }
    }
  }
  it.each(rows)("%s listed=%s used=%i already=%s -> %s %s", (reason, listed, used, already, kind, note) => {
    const atts: Partial<AttemptRecord>[] = [{ job_id: "10", cause: "launch" }];
    for (let i = 0; i < used; i++) atts.push({ job_id: String(11 + i), cause: "resubmit" });
    if (already) atts[atts.length - 1].resubmitted_as = "99";
    const policy = listed ? POLICY : { max_restarts: 2, resubmit_on: ["exit_code"] };
    const d = decideResubmit(manifest(atts, policy), reason, atts.at(-1)!.job_id!);
    expect(d.kind).toBe(kind);
    if (d.kind === "resubmit") {
      expect(d.plan).toMatchObject({
        attempt: used + 2,
        name: `autolab-${RUN}-a${used + 2}`,
        reason,
        restarts: used + 1,
        maxRestarts: 2,
      });
    } else {
      expect(d.note.trim()).toBe(note);
      expect(d.reason).toBe(reason);
    }
  });

  it("max_restarts 0 (the default) never resubmits; a sweep task is refused with a message", () => {
    expect(decideResubmit(manifest([{}], { resubmit_on: ["timeout"] }), "timeout", "1").kind).toBe("fail");
    const d = decideResubmit(manifest([{}], POLICY), "timeout", "1", true);
    expect(d).toMatchObject({ kind: "fail" });
    expect(d.kind === "fail" && d.note).toContain("a sweep task is not resubmitted");
  });

  it("node_fail nodes of every earlier attempt are excluded from the next", () => {
    const m = manifest(
      [
        { job_id: "10", end_reason: "node_fail", nodes: "n[1-2]" },
        { job_id: "11", cause: "resubmit", end_reason: "node_fail", nodes: "n7" },
      ],
      { max_restarts: 3, resubmit_on: ["node_fail"] },
    );
    const d = decideResubmit(m, "node_fail", "11");
    expect(d.kind === "resubmit" && d.plan.excludeNodes).toBe("n[1-2],n7");
  });

  it("the policy is what launch recorded in resource_request; bad values read as none", () => {
    expect(
      resourceRequest({ location: "slurm", max_restarts: 2, resubmit_on: ["timeout"] } as never, "x", []),
    ).toMatchObject({ max_restarts: 2, resubmit_on: ["timeout"] });
    expect(resubmitPolicy(manifest([], { max_restarts: "3", resubmit_on: ["x", "timeout"] }))).toEqual({
      maxRestarts: 0,
      on: ["timeout"],
    });
  });
});

describe("endReason / endAttempt", () => {
  const ck = parseSentinel(
    '{"job_id":"10","exit_code":85,"workload_exit_code":85,"checkpoint_signal":"USR1","resume_requested":true}',
  );
  it.each([
    ["exit_code", ck, "10", "checkpointed"],
    ["exit_code", ck, "11", "exit_code"], // another job's sentinel
    ["exit_code", parseSentinel('{"job_id":"10","exit_code":1}'), "10", "exit_code"],
    ["timeout", ck, "10", "timeout"],
    [undefined, { state: "missing" } as const, "10", "unknown"],
  ] as const)("%s with the sentinel -> %s", (reason, s, job, want) => {
    expect(endReason(reason, s, job)).toBe(want);
  });

  it("a checkpointed attempt keeps the workload's status; not listed, the run fails checkpointed", () => {
    const m = manifest([{ job_id: "10" }], { max_restarts: 1, resubmit_on: ["timeout"] });
    const end = endAttempt(
      m,
      { failureReason: "exit_code", detail: "sacct State=FAILED ExitCode=85:0" },
      ck,
      "10",
      false,
    );
    expect(end).toMatchObject({
      failure: { reason: "checkpointed", workload_exit_code: 85, checkpoint_signal: "USR1" },
    });
    expect(m.attempts).toMatchObject([{ end_reason: "checkpointed", workload_exit_code: 85, resume_requested: true }]);
  });

  it("the limit reached: the run fails with the final reason, after N restarts", () => {
    const m = manifest([{ job_id: "10" }, { job_id: "11", cause: "resubmit" }], {
      max_restarts: 1,
      resubmit_on: ["timeout"],
    });
    const end = endAttempt(
      m,
      { failureReason: "timeout", detail: "sacct State=TIMEOUT" },
      { state: "missing" },
      "11",
      false,
    );
    expect(end).toMatchObject({ failure: { reason: "timeout", restarts: 1 } });
    expect("failure" in end && end.failure.message).toBe(
      "sacct State=TIMEOUT after 1 restart; compute.max_restarts (1) is reached",
    );
  });
});

describe("resubmittedManifest and the attempt's argv", () => {
  it("the new job everywhere, the ended attempt marked, the next appended, the status kept", () => {
    const m = manifest([{ job_id: "10", end_reason: "node_fail" }], POLICY);
    m.slurm = { job_id: "10", state: "NODE_FAIL", exit_code: "0:0", outcome: undefined };
    const d = decideResubmit(m, "node_fail", "10");
    if (d.kind !== "resubmit") throw new Error("expected a resubmission");
    const next = resubmittedManifest(
      m,
      { ...d.plan, excludeNodes: "n1" },
      { jobId: "20", adopted: false, submitAttempts: 1, evidence: "sbatch returned job 20" },
      "2026-12-03T16:00:00Z",
    );
    expect(next.status).toBe("running");
    expect(next.job_id).toBe("20");
    expect(next.resource_request).toMatchObject({ job_id: "20", slurm: { job_id: "20" } });
    expect(next.slurm).toMatchObject({ job_id: "20", job_name: `autolab-${RUN}-a2`, submit_attempts: 1 });
    expect(next.slurm?.state).toBeUndefined();
    expect(next.attempts).toMatchObject([
      { attempt: 1, job_id: "10", resubmitted_as: "20" },
      { attempt: 2, job_id: "20", cause: "resubmit", resubmitted_for: "node_fail", excluded_nodes: "n1" },
    ]);
  });

  it("sbatch argv: the attempt's name, --exclude, -M, --hold, AUTOLAB_ATTEMPT, the launched script", () => {
    expect(
      attemptArgv({
        runId: RUN,
        iterationId: "it1",
        workDir: "/w",
        scriptPath: "experiments/it1/runs/x/run_slurm.sbatch",
        script: "",
        name: `autolab-${RUN}-a2`,
        attempt: 2,
        excludeNodes: "n[1-2],n7",
        cluster: "c2",
        hold: true,
      }),
    ).toEqual([
      `--job-name=autolab-${RUN}-a2`,
      "--exclude=n[1-2],n7",
      "--clusters=c2",
      "--hold",
      "--parsable",
      `--export=ALL,RUN_ID=${RUN},AUTOLAB_RUN_ID=${RUN},AUTOLAB_ITERATION_ID=it1,AUTOLAB_ATTEMPT=2`,
      "experiments/it1/runs/x/run_slurm.sbatch",
    ]);
    expect(() =>
      attemptArgv({
        runId: RUN,
        iterationId: "it1",
        workDir: "/w",
        scriptPath: "s",
        script: "",
        name: "a",
        attempt: 2,
        excludeNodes: "n1;rm",
      }),
    ).toThrow(/--exclude/);
  });
});
