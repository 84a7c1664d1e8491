export const id = 690;
export const ids = [690];
export const modules = {

/***/ 7783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ summarise),
/* harmony export */   n: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var _github_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5064);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6965);
/**
 * What every command step of the action gets, and the two things each does at
 * the end (outputs, job summary). Each command's step lives in steps/ (watch:
 * watch.ts) and is loaded only when the workflow asks for that command
 * (main.ts), so a step never loads the code of the other commands.
 */



function setOutputs(outputs) {
    for (const [name, value] of outputs)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value);
}
/** Write the job summary; runs link their files on `sha` (default the event's commit), running runs are timed to now. */
async function summarise(input, ctx, sha) {
    const at = sha || ctx?.sha;
    const blobBase = ctx?.repository && at ? `${ctx.serverUrl}/${ctx.repository.owner}/${ctx.repository.repo}/blob/${at}/` : undefined;
    await (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .S)((0,_report_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .renderSummary */ .Br)({ now: new Date().toISOString(), blobBase, ...input }));
}


/***/ }),

/***/ 6690:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionStatus: () => (/* binding */ actionStatus)
});

// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/store/run-facts.js
var run_facts = __webpack_require__(6175);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/duration.js
var duration = __webpack_require__(1911);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/report/monitor.js + 1 modules
var monitor = __webpack_require__(7791);
// EXTERNAL MODULE: ./lib/src/report/run-check.js
var run_check = __webpack_require__(7193);
// EXTERNAL MODULE: ./lib/src/report/summary-runs.js
var summary_runs = __webpack_require__(5672);
;// CONCATENATED MODULE: ./lib/src/report/status.js







function str(v) {
    return typeof v === "string" && v !== "" ? v : null;
}
/** A run's row: the manifest's word, else what its path says; the metric from its metrics.json when given. */
function statusRow(m, found, now, metrics) {
    const started = str(m.timestamps?.started_at) ?? str(m.started_at);
    const completed = str(m.timestamps?.completed_at) ?? str(m.completed_at);
    const failure = m.failure && typeof m.failure === "object" ? m.failure : {};
    return {
        runId: str(m.run_id) ?? found.runId,
        iterationId: str(m.iteration_id) ?? found.iterationId,
        hostMode: str(m.host_mode) ?? "?",
        jobId: (0,run/* manifestJobId */.Gf)(m) ?? null,
        status: (0,run/* statusOf */.c2)(m),
        failureReason: str(failure.reason) ?? str(m.slurm?.failure_reason),
        slurmState: str(m.slurm?.state),
        reason: str(m.slurm?.reason),
        sync: (0,vocabulary/* normalizeSyncStatus */.N2)(m.artifact_sync_to_local?.status) ?? str(m.artifact_sync_to_local?.status),
        startedAt: started,
        completedAt: completed,
        slurmStart: (0,run_check/* isoUtc */.u8)(m.slurm?.start) ?? null,
        slurmEnd: (0,run_check/* isoUtc */.u8)(m.slurm?.end) ?? null,
        exitCode: str(m.slurm?.exit_code),
        sweepId: (0,run/* sweepIdOf */.rA)(m) ?? null,
        metric: metrics?.primary ?? null,
        metricsStatus: metrics?.status ?? null,
        ageSeconds: (0,duration/* elapsedSeconds */.u)(started ?? undefined, undefined, now) ?? null,
        manifest: found.manifestDisplay,
    };
}
/** Oldest launch first, then by run id. */
function sortStatusRows(rows) {
    return [...rows].sort((a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? "") || a.runId.localeCompare(b.runId));
}
/** The warning that the states shown may be stale, when the last ticks could not reach the scheduler. */
function outageFinding(st) {
    const n = st.consecutive_failed_ticks;
    if (!(typeof n === "number" && n > 0))
        return undefined;
    return {
        severity: "warning",
        check: "scheduler.outage",
        file: layout/* MONITOR_STATE_PATH */.B7,
        message: `the last ${n} monitor tick(s) could not reach the scheduler (since ${st.first_failed_at ?? st.last_poll_error_at ?? "?"}; last error: ${st.last_poll_error ?? "?"}); the states shown may be stale`,
    };
}
function formatAge(seconds) {
    if (seconds === null)
        return "-";
    if (seconds < 120)
        return `${seconds}s`;
    if (seconds < 7200)
        return `${Math.round(seconds / 60)}m`;
    if (seconds < 172800)
        return `${Math.round(seconds / 3600)}h`;
    return `${Math.round(seconds / 86400)}d`;
}
/** The STATE cell: the status, with the failure reason when the run failed. */
function stateCell(r) {
    return r.status === "failed" && r.failureReason ? `failed (${r.failureReason})` : r.status;
}
/** The SLURM cell: the scheduler's last state, with its pending reason while the job has not ended. */
function slurmCell(r) {
    if (!r.slurmState)
        return "-";
    const ended = /^(COMPLETED|CANCELLED|FAILED|TIMEOUT)/.test(r.slurmState);
    return `${r.slurmState}${r.reason && r.reason !== "None" && !ended ? ` (${r.reason})` : ""}`;
}
/** The run's state as the job summary shows it (the scheduler's word beside the status). */
function summaryState(r) {
    return r.slurmState && r.slurmState.toLowerCase() !== r.status ? `${r.status} (${r.slurmState})` : r.status;
}
/** The failure reason (and exit code) of a failed run, else the scheduler's reason. */
function reasonOf(r) {
    if (r.status === "failed") {
        const why = [r.failureReason, r.exitCode ? `exit ${r.exitCode}` : ""].filter(Boolean).join(", ");
        return why || undefined;
    }
    return r.reason && r.reason !== "None" ? r.reason : undefined;
}
function asSummaryRun(r) {
    const local = r.hostMode === "local";
    return {
        runId: r.runId,
        iterationId: r.iterationId,
        sweepId: r.sweepId ?? undefined,
        jobId: r.jobId ?? undefined,
        state: summaryState(r),
        startedAt: (local ? (0,run_check/* isoUtc */.u8)(r.startedAt) : r.slurmStart) ?? undefined,
        completedAt: (local ? (0,run_check/* isoUtc */.u8)(r.completedAt) : r.slurmEnd) ?? undefined,
        sync: r.sync ?? undefined,
        primaryMetric: r.metric ?? undefined,
        metricsStatus: r.metricsStatus ?? undefined,
        reason: reasonOf(r),
        manifestPath: r.manifest,
        logPath: (0,monitor/* logPathOf */.Tw)(r.manifest, r.hostMode, r.jobId ?? undefined),
    };
}
/** Columns padded to their widest cell, two spaces apart; ends with a newline. */
function padTable(head, body) {
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row) => row
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    return [fmt(head), ...body.map(fmt)].join("\n") + "\n";
}
/** The table, one run a line, columns padded; ends with a newline. METRIC and REASON are never empty. */
function formatStatusTable(rows) {
    const head = ["RUN", "ITERATION", "JOB", "STATE", "SLURM", "AGE", "SYNC", "METRIC", "REASON"];
    const body = rows.map((r) => {
        const s = asSummaryRun(r);
        return [
            r.runId,
            r.iterationId,
            r.jobId ?? (r.hostMode === "local" ? "local" : "-"),
            stateCell(r),
            slurmCell(r),
            formatAge(r.ageSeconds),
            r.sync ?? "-",
            metricCell(s).replace(/\s+/g, " "),
            reasonCell(s).replace(/\s+/g, " "),
        ];
    });
    return padTable(head, body);
}
const STATE_ORDER = (/* unused pure expression or super */ null && ([
    "pending",
    "submitted",
    "running",
    "syncing",
    "synced",
    "completed",
    "partial",
    "failed",
    "cancelled",
]));
function stateRank(s) {
    const i = STATE_ORDER.indexOf(s);
    return i < 0 ? STATE_ORDER.length : i;
}
/** The rows' sweeps, by sweep id (runs outside a sweep are not grouped). */
function sweepGroups(rows) {
    const by = new Map();
    for (const r of rows) {
        if (!r.sweepId)
            continue;
        const key = `${r.iterationId}\0${r.sweepId}`;
        by.set(key, [...(by.get(key) ?? []), r]);
    }
    const taskOrder = (a, b) => a.runId.length - b.runId.length || a.runId.localeCompare(b.runId);
    return [...by.values()]
        .map((rs) => {
        const tally = new Map();
        for (const r of rs)
            tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
        const states = [...tally.keys()].sort((a, b) => stateRank(a) - stateRank(b) || a.localeCompare(b));
        return {
            sweepId: rs[0].sweepId,
            iterationId: rs[0].iterationId,
            tasks: rs.length,
            counts: Object.fromEntries(states.map((st) => [st, tally.get(st)])),
            failedRuns: rs
                .filter((r) => r.status === "failed")
                .sort(taskOrder)
                .map((r) => r.runId),
        };
    })
        .sort((a, b) => a.iterationId.localeCompare(b.iterationId) || a.sweepId.localeCompare(b.sweepId));
}
/** Failed task ids shown in the text at most (the JSON has all). */
const FAILED_SHOWN = 5;
/** The sweeps' table: one sweep a line, its tasks counted by state, the failed ones named. */
function formatSweepTable(groups) {
    const head = ["SWEEP", "ITERATION", "TASKS", "STATES", "FAILED"];
    const body = groups.map((g) => {
        const shown = g.failedRuns.slice(0, FAILED_SHOWN).join(", ");
        const more = g.failedRuns.length > FAILED_SHOWN ? `, … (+${g.failedRuns.length - FAILED_SHOWN})` : "";
        return [
            g.sweepId,
            g.iterationId,
            String(g.tasks),
            Object.entries(g.counts)
                .map(([st, n]) => `${st} ${n}`)
                .join(", "),
            shown ? shown + more : "-",
        ];
    });
    return padTable(head, body);
}
/** `autolab status` on the terminal: the table (or "no runs"), then the sweeps with their per-state counts. */
function statusText(rows) {
    if (!rows.length)
        return "no runs\n";
    const groups = sweepGroups(rows);
    return formatStatusTable(rows) + (groups.length ? "\n" + formatSweepTable(groups) : "");
}
/** The runs of the action's status summary: SLURM's times, the metric and the reason. */
function statusSummaryRuns(rows) {
    return rows.map(asSummaryRun);
}
/** The action's status outputs: every row as JSON. */
function statusOutputs(rows) {
    return [["runs", JSON.stringify(rows)]];
}

;// CONCATENATED MODULE: ./lib/src/commands/status.js
/**
 * status: `autolab status`, a table of runs from their manifests: id,
 * iteration, job, state (with the failure reason), the scheduler's last
 * word, age, sync. It asks the scheduler nothing (the monitor does that);
 * a scheduler outage the monitor recorded is shown as a finding.
 * `collectStatus` gathers (manifests, monitor state); report/status.ts
 * builds the rows and the table.
 */






async function collectStatus(repoRoot, opts = {}) {
    const now = opts.now ?? new Date();
    const found = await (0,discover/* discoverRuns */.cd)(repoRoot, { iteration: opts.iteration, runId: opts.runId });
    const rows = [];
    const findings = [...found.findings];
    for (const r of found.runs) {
        let m;
        try {
            // Never through a link, never blocking on a FIFO (issue 11: a linked manifest could show a runner file).
            const buf = await (0,fs/* readOwnedBytes */.pW)((0,fs/* rootOf */.I5)(r.manifestPath, r.manifestDisplay), r.manifestPath, r.manifestDisplay, 16 * 1024 * 1024);
            if (buf === undefined)
                throw new Error("file not found");
            m = JSON.parse(buf.toString("utf8"));
            if (!m || typeof m !== "object" || Array.isArray(m))
                throw new Error("not a JSON object");
        }
        catch (e) {
            findings.push({
                severity: "error",
                check: "manifest.parse",
                message: `cannot read manifest: ${e.message}`,
                file: r.manifestDisplay,
            });
            continue;
        }
        rows.push(statusRow(m, r, now, await (0,run_facts/* readMetricsOf */.BN)(r)));
    }
    const outage = await readOutage(repoRoot);
    if (outage)
        findings.push(outage);
    return { rows: sortStatusRows(rows), findings };
}
async function readOutage(repoRoot) {
    try {
        const r = await (0,fs/* readOwned */.A4)(repoRoot, external_node_path_.join(repoRoot, layout/* MONITOR_STATE_PATH */.B7), 1024 * 1024);
        if (!r.data)
            return undefined; // missing, or a link / non-regular file: never read through it
        const st = JSON.parse(r.data.toString("utf8"));
        return st && typeof st === "object" ? outageFinding(st) : undefined;
    }
    catch {
        return undefined; // no monitor state yet
    }
}

// EXTERNAL MODULE: ./lib/src/action/step.js
var step = __webpack_require__(7783);
;// CONCATENATED MODULE: ./lib/src/action/steps/status.js
/** The action's status step (loaded only for command: status). */



async function actionStatus({ ctx, repoRoot }) {
    const { rows, findings } = await collectStatus(repoRoot);
    (0,step/* setOutputs */.n)(statusOutputs(rows));
    await (0,step/* summarise */.f)({ title: "autolab status", command: "status", runs: statusSummaryRuns(rows), findings }, ctx);
}


/***/ }),

/***/ 7791:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lY: () => (/* binding */ changedRuns),
  df: () => (/* binding */ commitMessage),
  J2: () => (/* binding */ failedThisTick),
  Tw: () => (/* binding */ logPathOf),
  dk: () => (/* binding */ logTailsOf),
  Xx: () => (/* binding */ monitorOutputs),
  j6: () => (/* binding */ monitorSummary),
  A2: () => (/* binding */ monitorText),
  yn: () => (/* binding */ monitorVerdict)
});

// UNUSED EXPORTS: progressLine, pushText, runLine, runsFailedText, schedulerLine

;// CONCATENATED MODULE: ./lib/src/report/common.js
/** Phrases several reports share. Pure. */
/** `committed <sha> and pushed to <branch>`, or undefined when nothing was committed. */
function committedText(c) {
    if (!c?.committed)
        return undefined;
    return `committed ${c.sha}${c.pushed ? ` and pushed to ${c.branch}` : ""}`;
}
/** The CLI's note when git knows no identity for the person: the commit is then the tool's. */
function noIdentityNote() {
    return "autolab: note: git has no user.name / user.email here, so commits are authored as github-actions[bot] (set them with git config)\n";
}

// EXTERNAL MODULE: ./lib/src/report/run-check.js
var run_check = __webpack_require__(7193);
;// CONCATENATED MODULE: ./lib/src/report/monitor.js


/** The runs the tick moved. */
function changedRuns(rep) {
    return rep.runs.filter((r) => r.transitions.length);
}
/** The log tails of the runs the tick saw fail (for their check runs: they are not in the files). */
function logTailsOf(rep) {
    return new Map(rep.runs.filter((r) => r.logTail).map((r) => [r.runId, r.logTail]));
}
/** `scheduler: 2 call(s), 35 ms[, accounting down]`, or that it was not asked / did not answer. */
function schedulerLine(s) {
    if (!s.calls)
        return "scheduler: not asked (no job in flight)";
    const accounting = s.accounting && s.accounting !== "ok" ? `, accounting ${s.accounting}` : "";
    return `scheduler: ${s.calls} call(s), ${s.totalMs} ms${s.ok ? accounting : " (NO ANSWER)"}`;
}
/** One run's line: id, job, status, moves, the scheduler's state and pending reason, failure and metrics. */
function runLine(r) {
    const moves = r.transitions.map((t) => `${t.from} -> ${t.to}`).join(", ");
    return (`${r.runId}  job=${r.jobId ?? "-"}  ${r.after}${moves ? `  [${moves}]` : ""}` +
        `${r.slurmState ? `  slurm=${r.slurmState}` : ""}${r.reason && r.after !== "failed" && r.reason !== "None" ? ` (${r.reason})` : ""}` +
        `${r.failureReason ? `  reason=${r.failureReason}` : ""}${r.metricsStatus ? `  metrics=${r.metricsStatus}` : ""}`);
}
/** `autolab monitor` on the terminal (findings go to stderr, by the face). */
/** The CLI's stderr line for a phase of a tick as it starts. */
function progressLine(e) {
    switch (e.phase) {
        case "discovering":
            return "monitor: looking for runs under experiments/\n";
        case "asking":
            return `monitor: asking the scheduler about ${e.jobs} job(s) in flight (${e.tracked} run(s) tracked)\n`;
        case "run":
            return `monitor: ${e.runId}${e.jobId ? ` (job ${e.jobId})` : ""}: ${e.before} -> ${e.after}\n`;
        case "committing":
            return `monitor: recording ${e.files} file edit(s)\n`;
    }
}
function monitorText(rep) {
    const lines = [
        `${rep.dryRun ? "[dry run] " : ""}${rep.tracked} run(s), ${rep.inFlight} in flight; ${schedulerLine(rep.scheduler)}`,
    ];
    for (const r of rep.runs)
        lines.push(runLine(r));
    if (rep.outage)
        lines.push(`scheduler outage: ${rep.outage.consecutiveFailedTicks} consecutive failed tick(s)${rep.outage.escalated ? " (escalated)" : ""}`);
    const c = committedText(rep.commit);
    if (c)
        lines.push(c);
    else if (!rep.dryRun && rep.written.length)
        lines.push(`wrote ${rep.written.length} file(s) (not committed)`);
    const p = pushText(rep.commit);
    if (p)
        lines.push(p);
    return lines.map((l) => l + "\n").join("");
}
/** The push beyond `committed ...`: a backlog pushed, or commits still not on the remote. */
function pushText(c) {
    const n = (k) => `${k} commit${k === 1 ? "" : "s"}`;
    if (c?.unpushed) {
        const u = c.unpushed;
        return `NOT PUSHED: ${u.branch} is ${n(u.ahead)} ahead of ${u.remote}/${u.branch} (${u.reason})`;
    }
    if (c?.pushed && c.pushedBacklog) {
        return `pushed ${n(c.pushedBacklog)} to ${c.branch} that an earlier push had not delivered`;
    }
    return undefined;
}
function monitorOutputs(rep) {
    const changed = changedRuns(rep).map((r) => ({
        run_id: r.runId,
        from: r.before,
        to: r.after,
        job_id: r.jobId ?? null,
    }));
    return [
        ["changed-runs", JSON.stringify(changed)],
        ["tracked", String(rep.tracked)],
        ["in-flight", String(rep.inFlight)],
        ["status", rep.outage ? "outage" : "ok"],
        ["failed-runs", JSON.stringify(failedThisTick(rep.runs).map((r) => r.runId))],
    ];
}
/** A run's repository-relative log: SLURM's stdout (stderr is beside it), or a local run's. */
function logPathOf(manifestPath, hostMode, jobId) {
    const dir = manifestPath.replace(/\/[^/]*$/, "");
    if (hostMode === "local")
        return `${dir}/logs/run_local.out`;
    return jobId ? `${dir}/logs/slurm-${jobId}.out` : undefined;
}
function summaryRun(r) {
    const local = r.hostMode === "local";
    const failed = r.after === "failed";
    return {
        runId: r.runId,
        iterationId: r.iterationId,
        sweepId: r.sweepId,
        jobId: r.jobId,
        state: r.slurmState ? `${r.after} (${r.slurmState})` : r.after,
        // SLURM's own times (a local run's are its start and end): never the tick that noticed.
        startedAt: (0,run_check/* isoUtc */.u8)(local ? r.startedAt : r.slurmStart),
        completedAt: (0,run_check/* isoUtc */.u8)(local ? r.completedAt : r.slurmEnd),
        sync: r.syncStatus,
        primaryMetric: r.primaryMetric,
        metricsStatus: r.metricsStatus,
        reason: failed ? [r.failureReason, r.exitCode ? `exit ${r.exitCode}` : ""].filter(Boolean).join(", ") : r.reason,
        manifestPath: r.manifestPath,
        logPath: logPathOf(r.manifestPath, r.hostMode, r.jobId),
    };
}
/** The job summary of a tick; `notes` are the publishing notes (findings fallback, check runs not written). */
function monitorSummary(rep, notes) {
    const c = committedText(rep.commit);
    return {
        title: "autolab monitor",
        command: "monitor",
        runs: rep.runs.map(summaryRun),
        findings: rep.findings,
        ...(rep.sweeps?.length ? { groups: new Map(rep.sweeps.map((g) => [g.sweepId, g.result])) } : {}),
        scheduler: { calls: rep.scheduler.calls, totalMs: rep.scheduler.totalMs, detail: rep.scheduler.detail },
        notes: [
            `${rep.tracked} run(s) tracked, ${rep.inFlight} in flight, ${changedRuns(rep).length} changed.`,
            c ? `${c[0].toUpperCase()}${c.slice(1)}.` : "",
            ...notes,
        ].filter(Boolean),
    };
}
/**
 * The step fails once an outage escalated (before that it is a warning), and
 * when the tick's commits could not be pushed (the branch is left ahead of the
 * remote; the next tick pushes them again).
 */
function monitorVerdict(rep) {
    const o = rep.outage;
    if (o?.escalated)
        return { failed: `the scheduler has not answered for ${o.consecutiveFailedTicks} ticks: ${o.error}` };
    if (rep.commit?.unpushed)
        return { failed: `the tick's commits were not pushed: ${pushText(rep.commit)}` };
    const failed = failedThisTick(rep.runs ?? []);
    if (failed.length && (rep.notify?.failJob ?? true))
        return { failed: runsFailedText(failed) };
    if (!o)
        return {};
    return {
        warning: `scheduler outage (${o.consecutiveFailedTicks} tick(s)): ${o.error}; no run was changed`,
    };
}
/** The runs this tick moved to failed. */
function failedThisTick(runs) {
    return runs.filter((r) => r.before !== "failed" && r.after === "failed");
}
/** `2 run(s) failed: R1 (timeout), R2 (exit_code)`: the job's failure when runs failed. */
function runsFailedText(runs) {
    const named = runs.map((r) => `${r.runId}${r.failureReason ? ` (${r.failureReason})` : ""}`);
    return `${runs.length} run(s) failed: ${named.join(", ")} (policy slurm.monitor.notify.fail_job: false keeps the job green)`;
}
/** `autolab: monitor tick: 2 run(s) advanced` plus one body line per moved run. */
function commitMessage(reports, outage) {
    const moved = reports.filter((r) => r.transitions.length);
    const subject = outage
        ? `autolab: monitor tick: scheduler outage recorded (${outage.consecutiveFailedTicks} failed tick(s))`
        : `autolab: monitor tick: ${moved.length} run(s) advanced`;
    const body = moved.map((r) => `- ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> ${r.after}${r.failureReason ? ` (${r.failureReason})` : ""}`);
    return body.length ? `${subject}\n\n${body.join("\n")}` : subject;
}


/***/ })

};
