/**
 * Did the job's environment work: env_smoke.run_dir, env_smoke.logs,
 * env_smoke.sentinel. Pure: data in, findings out. None applies to a run
 * that is pending (nothing ran yet) or whose status word is unknown.
 *
 * - run_dir: a SLURM run this tool launched keeps the job script it submitted
 *   (not when the submission failed: there is no job).
 * - logs: logs/ exists once the job may have started (a submitted SLURM job
 *   needs it to open its output file); a synced or completed plain job has
 *   its `slurm-<job>.out` there (array tasks write their raw id: not checked).
 * - sentinel (read by domain/sentinel.ts, one rule with the monitor):
 *   completed/synced needs a sentinel with an end and exit 0; a missing one
 *   is an error, or a warning for a running run this tool launched; an exit
 *   code that is neither an integer nor a string of digits is reported; a
 *   sentinel of another run, or written by another plain job
 *   (`sentinelForeignJob`), is reported; a job that ended while the
 *   manifest says submitted/running is a warning; a failed run whose job
 *   exited 0 with no recorded failure reason is a warning.
 */
import { normalizeSyncStatus } from "../../contract/vocabulary.js";
import { failureReasonOf, writesSentinel } from "../../domain/run.js";
import type { RunManifest } from "../../contract/types.js";
import { sentinelForeignJob, type Sentinel } from "../../domain/sentinel.js";
import { shellQuote } from "../../util/shell.js";
import type { Finding } from "../../util/errors.js";
import { at, obj, type Doc } from "../doc.js";
import { monitorCommand } from "../hints.js";
import type { RunInput } from "../types.js";

function applies(i: RunInput): boolean {
  return i.status !== undefined && i.status !== "pending";
}

function isOurs(i: RunInput): boolean {
  return obj(i.doc.data.launch)?.tool === "autolab-slurm";
}

function isSlurm(i: RunInput): boolean {
  return i.doc.data.host_mode === "slurm";
}

/** A SLURM run that never got a job id: nothing ran, so nothing to look for. */
function submitFailed(i: RunInput): boolean {
  return isSlurm(i) && i.jobId === undefined;
}

type Present = Extract<Sentinel, { state: "present" }>;

const logsDisplay = (i: RunInput) => `${i.run.runPath}/logs`;
const monitor = (i: RunInput) => `\`${monitorCommand(i.run)}\``;

export function checkRunDir(i: RunInput): Finding[] {
  if (!applies(i) || !i.runScript || i.runScript.exists || !isOurs(i) || submitFailed(i)) return [];
  return [
    {
      severity: "warning",
      check: "env_smoke.run_dir",
      file: i.runScript.file,
      message: "the job script this run submitted is missing from its run directory",
      hint: "restore it from git history (`git log -- <path>`); without it a rerun cannot be compared with what ran",
    },
  ];
}

export function checkLogs(i: RunInput): Finding[] {
  const logs = i.logs;
  const status = i.status;
  if (!applies(i) || !status || submitFailed(i) || !logs) return [];
  if (logs.kind === "error") return [logs.finding];
  if (logs.kind === "missing") {
    if (status === "submitted" && !isSlurm(i)) return [];
    const submitted = status === "submitted";
    return [
      {
        severity: submitted || status === "failed" ? "warning" : "error",
        check: "env_smoke.logs",
        file: logsDisplay(i),
        message: submitted
          ? "logs/ does not exist: SLURM cannot open the job's output file there, so the job will fail at start (ExitCode 0:53)"
          : `the run is ${status} but logs/ does not exist`,
        hint: submitted
          ? `create it now (\`mkdir -p ${shellQuote(logsDisplay(i))}\`) before the job starts`
          : `the job's output is lost or was never synced: check the job's --output path, sync again (${monitor(i)}), or relaunch`,
      },
    ];
  }
  // (%j of an array task is its raw id, which the manifest does not hold: only plain jobs are checked.)
  if ((status !== "synced" && status !== "completed") || !isSlurm(i) || !/^[0-9]+$/.test(i.jobId ?? "")) return [];
  const out1 = `slurm-${i.jobId}.out`;
  if (logs.files.has(out1)) return [];
  return [
    {
      severity: "warning",
      check: "env_smoke.logs",
      file: `${logsDisplay(i)}/${out1}`,
      message: `the run is ${status} but its job log ${out1} is not in logs/`,
      hint: `sync the outputs again (${monitor(i)}) or copy the log from the cluster; results cannot be audited without it`,
    },
  ];
}

/** A sentinel that is missing or unreadable. */
function sentinelAbsent(i: RunInput): Finding[] {
  const s = i.sentinel;
  if (s?.kind === "error") {
    const hint =
      "the job script writes job_sentinel.json; a broken one cannot be trusted: remove it and re-check the job with sacct";
    return [{ ...s.finding, hint: s.finding.hint ?? hint }];
  }
  if (s?.kind !== "missing") return [];
  // The Python tool's job scripts write none: the scheduler's record is that run's evidence (domain/run.writesSentinel).
  if (!writesSentinel(i.doc.data as RunManifest)) return [];
  if (i.status === "completed" || i.status === "synced") {
    return [
      {
        severity: "error",
        check: "env_smoke.sentinel",
        file: s.file,
        message: `the run is ${i.status} but job_sentinel.json is missing: nothing shows that the job script reached its end`,
        hint:
          `look at ${logsDisplay(i)}/ for how the job ended; if it did not finish, set status to failed (or relaunch); ` +
          `if the run directory is not on a filesystem the compute node shares, set artifact_sync to rsync in design.yaml`,
      },
    ];
  }
  if (i.status === "running" && isOurs(i)) {
    return [
      {
        severity: "warning",
        check: "env_smoke.sentinel",
        file: s.file,
        message: "the run is running but job_sentinel.json is missing (the job script writes it as its first step)",
        hint: `the run directory may not be visible from the compute node: check ${logsDisplay(i)}/ and the job's working directory`,
      },
    ];
  }
  return [];
}

/** The sentinel's own fields: an exit code, its run, its job. */
function sentinelShape(doc: Doc<unknown>, s: Present, i: RunInput): Finding[] {
  const out: Finding[] = [];
  const bad = (pointer: string, message: string, hint: string) =>
    out.push({ severity: "error", check: "env_smoke.sentinel", ...at(doc, pointer), message, hint });
  if (s.exitCodeInvalid) {
    bad(
      "/exit_code",
      `exit_code ${JSON.stringify(s.data.exit_code)} is not an integer`,
      "the sentinel records the job's exit status as an integer",
    );
  }
  if (s.runId !== undefined && s.runId !== i.run.runId) {
    bad(
      "/run_id",
      `the sentinel belongs to run ${JSON.stringify(s.runId)}, not ${i.run.runId}`,
      `it was copied from another run: remove ${doc.file}`,
    );
  }
  const foreign = sentinelForeignJob(s, i.jobId);
  if (foreign !== undefined) {
    bad(
      "/job_id",
      `the sentinel was written by job ${foreign}, but the manifest's job is ${i.jobId}`,
      `it is left over from another job: check which job ran, then remove ${doc.file} or fix job_id in the manifest`,
    );
  }
  return out;
}

/** The sentinel against the run's status. */
function sentinelOutcome(doc: Doc<unknown>, s: Present, i: RunInput): Finding[] {
  const { status } = i;
  const exit = s.exitCode;
  const ended = s.endedAt !== undefined;
  const finding = (severity: Finding["severity"], pointer: string, message: string, hint: string): Finding[] => [
    { severity, check: "env_smoke.sentinel", ...at(doc, pointer), message, hint },
  ];
  if (status === "completed" || status === "synced") {
    if (!ended || exit === undefined) {
      return finding(
        "error",
        ended ? "/exit_code" : "/ended_at",
        `the run is ${status} but the sentinel has no end (ended_at ${JSON.stringify(s.data.ended_at ?? null)}, exit_code ${JSON.stringify(s.data.exit_code ?? null)}): the job was killed before its script ended`,
        `set status to failed (the job did not finish), or relaunch; ${monitor(i)} decides the same from sacct and the sentinel`,
      );
    }
    if (exit === 0) return [];
    return finding(
      "error",
      "/exit_code",
      `the run is ${status} but the job exited ${exit}`,
      `the job failed: set status to failed (or relaunch); check ${logsDisplay(i)}/ for the error`,
    );
  }
  if (status === "submitted" || status === "running") {
    if (ended) {
      return finding(
        "warning",
        "/ended_at",
        `the job ended (${s.endedAt}, exit ${exit ?? "unknown"}) but the manifest still says ${status}`,
        `run ${monitor(i)} to record the outcome`,
      );
    }
    if (status === "submitted" && typeof s.data.started_at === "string") {
      return finding(
        "notice",
        "/started_at",
        `the job started at ${s.data.started_at} but the manifest still says submitted`,
        `run ${monitor(i)} to record it`,
      );
    }
    return [];
  }
  if (status === "failed" && ended && exit === 0) {
    const m = i.doc.data;
    const syncFailed = normalizeSyncStatus(obj(m.artifact_sync_to_local)?.status) === "failed";
    if (failureReasonOf(m) === undefined && !syncFailed) {
      return finding(
        "warning",
        "/exit_code",
        "the run is failed but its job exited 0, and the manifest records no failure reason",
        "record why it failed (failure.reason), or, if the job did succeed, relaunch it so that the monitor can complete it",
      );
    }
  }
  return [];
}

export function checkSentinel(i: RunInput): Finding[] {
  const s = i.sentinel;
  if (!applies(i) || !s) return [];
  if (s.kind !== "ok") return sentinelAbsent(i);
  if (s.sentinel.state !== "present") {
    return [
      {
        severity: "error",
        check: "env_smoke.sentinel",
        ...at(s.doc, ""),
        message: "job_sentinel.json is not a JSON object",
        hint: "the job script writes it; remove the file so that the monitor relies on the scheduler",
      },
    ];
  }
  return [...sentinelShape(s.doc, s.sentinel, i), ...sentinelOutcome(s.doc, s.sentinel, i)];
}
