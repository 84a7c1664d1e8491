export const id = 333;
export const ids = [333];
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

/***/ 2333:
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
// EXTERNAL MODULE: ./lib/src/domain/run-group.js
var run_group = __webpack_require__(6328);
// EXTERNAL MODULE: ./lib/src/report/status.js
var report_status = __webpack_require__(8783);
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
    const groups = (0,run_group/* runGroups */.ij)(found.runs);
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
        const row = (0,report_status/* statusRow */.jf)(m, r, now, await (0,run_facts/* readMetricsOf */.BN)(r));
        // A replicate of the Python tool's multi-run layout is grouped under its base run, as a sweep's task is.
        row.sweepId ??= groups.baseOf.get((0,run_group/* groupKey */.$6)(r.iterationPath, r.runId)) ?? null;
        rows.push(row);
    }
    const outage = await readOutage(repoRoot);
    if (outage)
        findings.push(outage);
    return { rows: (0,report_status/* sortStatusRows */.C1)(rows), findings };
}
async function readOutage(repoRoot) {
    try {
        const r = await (0,fs/* readOwned */.A4)(repoRoot, external_node_path_.join(repoRoot, layout/* MONITOR_STATE_PATH */.B7), 1024 * 1024);
        if (!r.data)
            return undefined; // missing, or a link / non-regular file: never read through it
        const st = JSON.parse(r.data.toString("utf8"));
        return st && typeof st === "object" ? (0,report_status/* outageFinding */.Nr)(st) : undefined;
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
    (0,step/* setOutputs */.n)((0,report_status/* statusOutputs */.tr)(rows));
    await (0,step/* summarise */.f)({ title: "autolab status", command: "status", runs: (0,report_status/* statusSummaryRuns */.Fn)(rows), findings }, ctx);
}


/***/ }),

/***/ 6328:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ groupKey),
/* harmony export */   Cr: () => (/* binding */ groupStatus),
/* harmony export */   ij: () => (/* binding */ runGroups)
/* harmony export */ });
const REPLICATE = /^(.+)_r([1-9][0-9]{0,5})$/;
const groupKey = (iterationPath, runId) => `${iterationPath}\0${runId}`;
/** The multi-run groups among `runs`. */
function runGroups(runs) {
    const ids = new Set(runs.map((r) => groupKey(r.iterationPath, r.runId)));
    const found = new Map();
    for (const r of runs) {
        const m = REPLICATE.exec(r.runId);
        if (!m)
            continue;
        const base = groupKey(r.iterationPath, m[1]);
        if (!ids.has(base))
            continue;
        found.set(base, [...(found.get(base) ?? []), { id: r.runId, k: Number(m[2]) }]);
    }
    const bases = new Map();
    const baseOf = new Map();
    for (const [key, reps] of found) {
        const baseId = key.slice(key.indexOf("\0") + 1);
        const iterationPath = key.slice(0, key.indexOf("\0"));
        const sorted = reps.sort((a, b) => a.k - b.k).map((x) => x.id);
        bases.set(key, sorted);
        for (const id of sorted)
            baseOf.set(groupKey(iterationPath, id), baseId);
    }
    return { bases, baseOf };
}
/**
 * The group's status from its replicates' (as the Python tool aggregates it):
 * undefined while a replicate is not final; `failed` when one failed;
 * `completed` when all completed (a partial one makes it `partial`).
 */
function groupStatus(statuses) {
    if (!statuses.length || statuses.some((s) => s !== "completed" && s !== "failed" && s !== "partial"))
        return undefined;
    if (statuses.includes("failed"))
        return "failed";
    return statuses.includes("partial") ? "partial" : "completed";
}


/***/ })

};
