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
async function summarise(input) {
    await (0,_github_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .S)((0,_report_summary_js__WEBPACK_IMPORTED_MODULE_2__/* .renderSummary */ .Br)(input));
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
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/duration.js
var duration = __webpack_require__(1911);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
;// CONCATENATED MODULE: ./lib/src/report/status.js




function str(v) {
    return typeof v === "string" && v !== "" ? v : null;
}
/** A run's row: the manifest's word, else what its path says. */
function statusRow(m, found, now) {
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
/** The table, one run a line, columns padded; ends with a newline. */
function formatStatusTable(rows) {
    const head = ["RUN", "ITERATION", "JOB", "STATE", "SLURM", "AGE", "SYNC"];
    const body = rows.map((r) => [
        r.runId,
        r.iterationId,
        r.jobId ?? (r.hostMode === "local" ? "local" : "-"),
        stateCell(r),
        slurmCell(r),
        formatAge(r.ageSeconds),
        r.sync ?? "-",
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const fmt = (row) => row
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd();
    return [fmt(head), ...body.map(fmt)].join("\n") + "\n";
}
/** `autolab status` on the terminal: the table (or "no runs"). */
function statusText(rows) {
    return rows.length ? formatStatusTable(rows) : "no runs\n";
}
/** The runs of the action's status summary. */
function statusSummaryRuns(rows) {
    return rows.map((r) => ({
        runId: r.runId,
        iterationId: r.iterationId,
        jobId: r.jobId ?? undefined,
        state: r.status,
        startedAt: r.startedAt ?? undefined,
        completedAt: r.completedAt ?? undefined,
        sync: r.sync ?? undefined,
    }));
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
        rows.push(statusRow(m, r, now));
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



async function actionStatus({ repoRoot }) {
    const { rows, findings } = await collectStatus(repoRoot);
    (0,step/* setOutputs */.n)(statusOutputs(rows));
    await (0,step/* summarise */.f)({ title: "autolab status", command: "status", runs: statusSummaryRuns(rows), findings });
}


/***/ })

};
