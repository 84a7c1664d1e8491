/**
 * Host detection: can this host submit to SLURM, and what does the cluster
 * look like? Each client tool is asked for its version (`-V` never contacts
 * the controller) with a short timeout; SLURM_* variables are collected. The
 * deep probe (for `autolab doctor`) also asks the controller for partitions
 * (`sinfo`) and tries accounting (`sacct`). Every line of `summary` says what
 * was asked and what the answer was, for humans.
 */
import { describeFailure, ok, runArgv } from "../../util/exec.js";
import {
  CLIENT_ENV,
  clusterFlag,
  classifySacctFailure,
  contentLines,
  parseSinfoPartitions,
  parseSlurmVersion,
  SINFO_FORMAT,
  type PartitionInfo,
} from "./parse.js";

export type SlurmTool = "sinfo" | "squeue" | "sbatch" | "sacct" | "scontrol" | "scancel";
export const SLURM_TOOLS: readonly SlurmTool[] = ["sinfo", "squeue", "sbatch", "sacct", "scontrol", "scancel"];
/** Every SLURM client program a scheduler host has: the adapter's tools and the two that start jobs interactively. */
export const SLURM_CLIENTS: readonly string[] = [...SLURM_TOOLS, "srun", "salloc"];

/** The monitor workflow template's cadence (every 15 minutes). */
export const MONITOR_INTERVAL_SECONDS = 900;

export interface ToolProbe {
  found: boolean;
  version?: string;
  error?: string;
}

export interface SlurmProbe {
  /** sbatch, squeue and sinfo are installed (and, in a deep probe, the controller answered). */
  canSubmit: boolean;
  tools: Record<SlurmTool, ToolProbe>;
  /** SLURM_* variables of this process. */
  env: Record<string, string>;
  /** Deep probe only: did `sinfo` reach the controller? */
  controller?: { reachable: boolean; error?: string };
  /** Deep probe only. */
  partitions: PartitionInfo[];
  /** Deep probe only: `works: false` with `error` when sacct fails; `disabled` when the site runs without accounting. */
  accounting: { works: boolean; checked: boolean; disabled?: boolean; error?: string };
  /** Deep probe, accounting not working: the controller's MinJobAge (s), how long it keeps a finished job. */
  minJobAgeSeconds?: number;
  /** Human lines: what was probed and what it said. */
  summary: string[];
}

export interface ProbeOptions {
  /** Per tool call. Default 5 s. */
  timeoutMs?: number;
  /** Also ask the controller for partitions and try sacct. */
  deep?: boolean;
  /** Binaries (tests, odd installs). */
  bins?: Partial<Record<SlurmTool, string>>;
  /** Where SLURM_* variables come from. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

const VERSION_FLAG: Record<SlurmTool, string> = {
  sinfo: "-V",
  squeue: "-V",
  sbatch: "--version",
  sacct: "-V",
  scontrol: "-V",
  scancel: "-V",
};

export async function probeSlurm(opts: ProbeOptions = {}): Promise<SlurmProbe> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const bin = (t: SlurmTool) => opts.bins?.[t] ?? t;
  const summary: string[] = [];

  const results = await Promise.all(
    SLURM_TOOLS.map(async (t) => {
      const r = await runArgv(bin(t), [VERSION_FLAG[t]], { timeoutMs, env: CLIENT_ENV });
      const probe: ToolProbe = { found: false };
      if (r.spawnError) probe.error = r.spawnCode === "ENOENT" ? "not on PATH" : r.spawnError;
      else if (!ok(r)) {
        probe.found = true;
        probe.error = describeFailure(r);
      } else {
        probe.found = true;
        const v = parseSlurmVersion(r.stdout + "\n" + r.stderr);
        if (v) probe.version = v;
      }
      return [t, probe] as const;
    }),
  );
  const tools = Object.fromEntries(results) as Record<SlurmTool, ToolProbe>;
  for (const t of SLURM_TOOLS) {
    const p = tools[t];
    summary.push(
      `${t} ${VERSION_FLAG[t]}: ${p.found && !p.error ? `slurm ${p.version ?? "(version not printed)"}` : p.error}`,
    );
  }

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.env ?? process.env))
    if (k.startsWith("SLURM_") && v !== undefined) env[k] = v;
  const envKeys = Object.keys(env).sort();
  summary.push(envKeys.length ? `SLURM_* variables: ${envKeys.join(", ")}` : "SLURM_* variables: none");

  const usable = (t: SlurmTool) => tools[t].found && !tools[t].error;
  let canSubmit = usable("sbatch") && usable("squeue") && usable("sinfo");
  const out: SlurmProbe = {
    canSubmit,
    tools,
    env,
    partitions: [],
    accounting: { works: false, checked: false },
    summary,
  };

  if (opts.deep && usable("sinfo")) {
    const r = await runArgv(bin("sinfo"), ["--noheader", "-o", SINFO_FORMAT], { timeoutMs, env: CLIENT_ENV });
    if (ok(r)) {
      out.controller = { reachable: true };
      out.partitions = parseSinfoPartitions(r.stdout);
      summary.push(`sinfo: controller answered; ${out.partitions.length} partition(s)`);
      for (const p of out.partitions) {
        summary.push(
          `  partition ${p.name}${p.default ? " (default)" : ""}: ${p.availability ?? "?"}, max time ${p.maxTime ?? "?"}, job size ${p.maxNodes ?? "?"} node(s), ${p.nodes ?? "?"} node(s) ${p.state ?? ""}, cpus ${p.cpus ?? "?"}, memory ${p.memory ?? "?"} MB`,
        );
      }
    } else {
      out.controller = { reachable: false, error: describeFailure(r) };
      summary.push(`sinfo: the controller did not answer: ${describeFailure(r)}`);
      canSubmit = false;
    }
  }
  if (opts.deep && usable("sacct")) {
    const r = await runArgv(
      bin("sacct"),
      ["--noheader", "--parsable2", "--allocations", "--starttime=now-1hours", "--format=JobID"],
      {
        timeoutMs,
        env: CLIENT_ENV,
      },
    );
    if (ok(r)) {
      out.accounting = { works: true, checked: true };
      summary.push(`sacct: accounting works (${contentLines(r.stdout).length} job(s) in the last hour)`);
    } else {
      const disabled = !r.timedOut && classifySacctFailure(r.stderr) === "disabled";
      out.accounting = { works: false, checked: true, disabled, error: describeFailure(r) };
      summary.push(
        disabled
          ? `sacct: accounting is disabled on this cluster; monitoring falls back to squeue + scontrol (${describeFailure(r)})`
          : `sacct: accounting did not answer: ${describeFailure(r)}`,
      );
    }
  } else if (opts.deep) {
    out.accounting = { works: false, checked: true, error: "sacct not usable" };
    summary.push("sacct: not usable; monitoring falls back to squeue + scontrol");
  }
  if (opts.deep && out.accounting.checked && !out.accounting.works && usable("scontrol")) {
    const cfg = await runArgv(bin("scontrol"), ["show", "config"], { timeoutMs, env: CLIENT_ENV });
    const m = ok(cfg) ? /^MinJobAge\s*=\s*(\d+)/m.exec(cfg.stdout) : null;
    if (m) {
      out.minJobAgeSeconds = Number(m[1]);
      summary.push(`scontrol: MinJobAge=${m[1]} s (how long the controller keeps a finished job)`);
    }
  }
  out.canSubmit = canSubmit;
  summary.unshift(canSubmit ? "this host can submit to SLURM" : "this host cannot submit to SLURM");
  return out;
}

/** The probe as doctor's checks: each client tool (sacct, sinfo and scontrol optional), submitting, partitions, accounting. */
export function probeChecks(
  probe: SlurmProbe,
  o: { monitorIntervalSeconds?: number } = {},
): Array<{ name: string; level: "ok" | "warn" | "fail"; detail: string }> {
  const checks: Array<{ name: string; level: "ok" | "warn" | "fail"; detail: string }> = [];
  for (const tool of ["sbatch", "squeue", "sacct", "scancel", "sinfo", "scontrol"] as const) {
    const t = probe.tools[tool];
    checks.push({
      name: tool,
      level: t?.found ? "ok" : tool === "sacct" || tool === "sinfo" || tool === "scontrol" ? "warn" : "fail",
      detail: t?.found ? (t.version ?? "found") : (t?.error ?? "not found on PATH"),
    });
  }
  checks.push({
    name: "submit",
    level: probe.canSubmit ? "ok" : "fail",
    detail: probe.canSubmit ? "this host can submit to SLURM" : "this host cannot submit to SLURM",
  });
  checks.push({
    name: "partitions",
    level: probe.partitions.length ? "ok" : "warn",
    detail: probe.partitions.length
      ? probe.partitions
          .map(
            (p) =>
              `${p.name}${p.default ? "*" : ""} (max time ${p.maxTime ?? "?"}, nodes ${p.nodes ?? "?"}, state ${p.state ?? "?"})`,
          )
          .join("; ")
      : "no partitions listed",
  });
  checks.push({
    name: "accounting",
    level: probe.accounting.works ? "ok" : "warn",
    detail: probe.accounting.works
      ? "sacct answers"
      : `sacct does not work (${probe.accounting.error ?? "unknown"}); the monitor falls back to squeue/scontrol`,
  });
  const interval = o.monitorIntervalSeconds ?? MONITOR_INTERVAL_SECONDS;
  if (!probe.accounting.works && probe.minJobAgeSeconds !== undefined && probe.minJobAgeSeconds < interval) {
    checks.push({
      name: "min_job_age",
      level: "warn",
      detail: `without accounting the controller forgets a finished job MinJobAge=${probe.minJobAgeSeconds} s after it ends, sooner than the monitor's ${interval} s interval: such a run's end is known only from its complete job_sentinel.json (raise MinJobAge above the interval, or enable accounting)`,
    });
  }
  return checks;
}

/**
 * The most tasks one job array may have: MaxArraySize from
 * `scontrol show config` ("the maximum job array task index value will be
 * one less than MaxArraySize to allow for an index value of zero", so an
 * array `0-(n-1)` fits when n <= MaxArraySize; 0 means arrays are off).
 * Undefined when the controller does not say.
 */
export async function readMaxArraySize(o: {
  timeoutMs?: number;
  bins?: Partial<Record<SlurmTool, string>>;
  /** A named cluster's own limit (`scontrol -M <cluster> show config`). */
  cluster?: string;
}): Promise<number | undefined> {
  const r = await runArgv(o.bins?.scontrol ?? "scontrol", [...clusterFlag(o.cluster), "show", "config"], {
    timeoutMs: o.timeoutMs ?? 10_000,
    env: CLIENT_ENV,
  });
  const m = ok(r) ? /^MaxArraySize\s*=\s*(\d+)/m.exec(r.stdout) : null;
  return m ? Number(m[1]) : undefined;
}
