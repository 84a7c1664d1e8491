export const id = 678;
export const ids = [678];
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

/***/ 5678:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionCancel: () => (/* binding */ actionCancel)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./lib/src/contract/manifest.js
var manifest = __webpack_require__(1372);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var domain_run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
// EXTERNAL MODULE: ./lib/src/ledger/sync.js
var sync = __webpack_require__(1735);
// EXTERNAL MODULE: ./lib/src/scheduler/job-user.js
var job_user = __webpack_require__(2359);
// EXTERNAL MODULE: ./lib/src/contract/policy.js
var policy = __webpack_require__(751);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/store/lock.js + 1 modules
var lock = __webpack_require__(7944);
// EXTERNAL MODULE: ./lib/src/store/workspace.js
var workspace = __webpack_require__(7749);
// EXTERNAL MODULE: ./lib/src/steps/record-run.js
var record_run = __webpack_require__(9421);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
;// CONCATENATED MODULE: ./lib/src/steps/cancel-sweep.js
/**
 * cancel of a whole sweep: `autolab cancel <sweep_id>`. One cancel request
 * for the sweep's array(s) (SLURM: one `scancel <array> ...`), then every
 * task run that had not ended is marked failed (reason `cancelled`), with
 * its ledger line, in one commit. One task is cancelled like any run
 * (`autolab cancel <sweep_id>_<i>`: its job id is `<array>_<i>`).
 */










/** The task runs of sweep `id` among the discovered runs (its group directory holds the sweep record). */
function sweepTasks(runs, id) {
    return runs.filter((r) => r.runId.startsWith(`${id}_`) && (0,external_node_fs_.existsSync)(external_node_path_.join(r.iterationDir, "runs", id, layout/* SWEEP_RECORD_FILE */.wL)));
}
async function cancelSweepTasks(tasks, o) {
    const open = [];
    for (const run of tasks) {
        const m = structuredClone((await (0,manifest/* readManifest */.WI)(run.manifestPath, run.manifestDisplay)).data);
        if ((0,vocabulary/* canTransition */.w)((0,domain_run/* statusOf */.c2)(m), "failed"))
            open.push({ run, m });
    }
    const arrayOf = (m) => m.slurm?.array_job_id ?? (0,domain_run/* manifestJobId */.Gf)(m)?.replace(/_\d+$/, "");
    const arrays = [...new Set(open.map(({ m }) => arrayOf(m)).filter((x) => Boolean(x)))];
    // An array on a named cluster is cancelled there (`id;cluster`, one scancel -M per cluster).
    const refs = [
        ...new Set(open
            .map(({ m }) => {
            const id = arrayOf(m);
            const cluster = (0,domain_run/* manifestCluster */.YK)(m);
            return id && cluster ? `${id};${cluster}` : id;
        })
            .filter((x) => Boolean(x))),
    ];
    if (arrays.length) {
        const r = await o.scheduler.cancel(refs, { timeoutMs: o.timeoutMs });
        if (!r.ok)
            throw new errors/* AutolabError */.t0(`${o.scheduler.terms.cancel} of array(s) ${arrays.join(", ")} failed; no task was changed: ${r.error ?? "unknown error"}`, { hint: `retry when the controller answers (${o.scheduler.terms.ping})` });
    }
    const edits = [];
    const cancelled = [];
    for (const { run, m } of open) {
        const evidence = `cancelled by ${o.by} with autolab cancel of its sweep (${o.scheduler.terms.cancel} ${arrays.join(" ")})${o.reason ? `: ${o.reason}` : ""}`;
        const next = (0,domain_run/* transition */.kY)(m, "failed", (0,time/* isoSeconds */.n)(o.at), evidence, {
            reason: "cancelled",
            cancelled_by: o.by,
            message: evidence,
            ...(o.reason ? { note: o.reason } : {}),
        });
        edits.push((0,record_run/* manifestEdit */._6)(run.manifestDisplay, next));
        cancelled.push(next);
    }
    const withJobs = cancelled.filter((m) => m.host_mode === "slurm" && (0,domain_run/* manifestJobId */.Gf)(m));
    if (withJobs.length)
        edits.push((0,sync/* ledgerEdit */.OO)(withJobs));
    return { edits, arrays, cancelled, first: cancelled[0] };
}

;// CONCATENATED MODULE: ./lib/src/commands/cancel.js
/**
 * cancel: `autolab cancel RUN_ID`. Ask the scheduler to cancel the run's
 * job, then mark the run failed with failure reason `cancelled` (and who
 * asked), update its ledger line, and commit both in one commit. A run that
 * is already terminal is left alone. When the scheduler does not take the
 * request (controller down, munge down), nothing is written and the error
 * says so: the run is only called cancelled once the scheduler took it. The
 * monitor's lock is held meanwhile, so a tick running at the same time
 * cannot overwrite the change; the next tick writes the run's metrics.json
 * (status failed).
 */














/** The history's evidence of a cancel (pure). */
function cancelEvidence(m, by, c, reason) {
    const how = c.asked
        ? ` (${c.via} ${c.jobId}${c.alreadyEnded ? ": the scheduler says the job had already ended" : ""})`
        : m.host_mode === "slurm"
            ? ` (no job id: nothing to ${c.via})`
            : "";
    return `cancelled by ${by} with autolab cancel${how}${reason ? `: ${reason}` : ""}`;
}
async function cancel(given) {
    const ws = await (0,workspace/* openWorkspace */.O)(given.cwd, { commit: given.commit });
    // Jobs submitted as launch.job_user are cancelled as that user (who owns them).
    const opts = { ...given, scheduler: (0,job_user/* schedulerFor */.f)(given.scheduler, (await (0,policy/* loadPolicy */.tb)(ws.root)).policy) };
    const found = await (0,discover/* discoverRuns */.cd)(ws.root, { runId: opts.runId });
    const run = found.runs[0];
    const now = opts.now ?? (() => new Date());
    if (!run) {
        const tasks = sweepTasks((await (0,discover/* discoverRuns */.cd)(ws.root)).runs, opts.runId);
        if (!tasks.length)
            throw (0,discover/* runNotFound */.b3)(opts.runId, found.findings);
        return cancelSweep(opts, ws, tasks, now);
    }
    const release = await (0,lock/* takeMonitorLock */.th)(ws.root, ws.inGit, now());
    try {
        const m = structuredClone((await (0,manifest/* readManifest */.WI)(run.manifestPath, run.manifestDisplay)).data);
        const before = (0,domain_run/* statusOf */.c2)(m);
        const jobId = (0,domain_run/* manifestJobId */.Gf)(m);
        const base = { runId: m.run_id, jobId, before, manifestPath: run.manifestDisplay };
        if (!(0,vocabulary/* canTransition */.w)(before, "failed"))
            return { ...base, after: before, scancelled: false, alreadyEnded: false };
        let asked = false;
        let alreadyEnded = false;
        if (m.host_mode === "slurm" && jobId) {
            // A job on a named cluster is cancelled there (`id;cluster`).
            const ref = (0,domain_run/* manifestJobRef */.am)(m) ?? jobId;
            const r = await opts.scheduler.cancel([ref], { timeoutMs: opts.timeoutMs });
            if (!r.ok) {
                throw new errors/* AutolabError */.t0(`${opts.scheduler.terms.cancel} of job ${jobId} failed; the run was not changed: ${r.error ?? "unknown error"}`, {
                    file: run.manifestDisplay,
                    hint: `retry when the controller answers (${opts.scheduler.terms.ping})`,
                });
            }
            asked = true;
            alreadyEnded = r.nothingToCancel.includes(ref);
        }
        const by = opts.by ?? process.env.GITHUB_ACTOR ?? external_node_os_.userInfo().username;
        const evidence = cancelEvidence(m, by, { asked, alreadyEnded, jobId, via: opts.scheduler.terms.cancel }, opts.reason);
        const next = (0,domain_run/* transition */.kY)(m, "failed", (0,time/* isoSeconds */.n)(now()), evidence, {
            reason: "cancelled",
            cancelled_by: by,
            message: evidence,
            ...(opts.reason ? { note: opts.reason } : {}),
        });
        const edits = [(0,record_run/* manifestEdit */._6)(run.manifestDisplay, next)];
        if (next.host_mode === "slurm" && jobId)
            edits.push((0,sync/* ledgerEdit */.OO)(next));
        const rec = await (0,record_run/* recordRun */.vj)(ws, edits, next, {
            message: `autolab: cancel run ${next.run_id}${jobId ? ` (job ${jobId})` : ""}`,
            skipCi: opts.skipCi,
            push: opts.push,
            branch: opts.branch,
            token: opts.token,
            identity: opts.identity,
            log: opts.log ?? (() => undefined),
            rerun: "the job was cancelled; rerunning autolab cancel records it",
        });
        return { ...base, after: "failed", scancelled: asked, alreadyEnded, commit: rec.commit };
    }
    finally {
        await release();
    }
}
/** A sweep id: one cancel request for its array(s), every task that had not ended marked cancelled, one commit. */
async function cancelSweep(opts, ws, tasks, now) {
    const release = await (0,lock/* takeMonitorLock */.th)(ws.root, ws.inGit, now());
    try {
        const by = opts.by ?? process.env.GITHUB_ACTOR ?? external_node_os_.userInfo().username;
        const c = await cancelSweepTasks(tasks, {
            scheduler: opts.scheduler,
            by,
            reason: opts.reason,
            at: now(),
            timeoutMs: opts.timeoutMs,
        });
        const base = { runId: opts.runId, jobId: c.arrays.join(",") || undefined, manifestPath: tasks[0].manifestDisplay };
        if (!c.first)
            return { ...base, before: "completed", after: "completed", scancelled: false, alreadyEnded: true, tasks: 0 };
        const rec = await (0,record_run/* recordRun */.vj)(ws, c.edits, c.first, {
            message: `autolab: cancel sweep ${opts.runId} (${c.cancelled.length} task(s), array ${c.arrays.join(", ")})`,
            skipCi: opts.skipCi,
            push: opts.push,
            branch: opts.branch,
            token: opts.token,
            identity: opts.identity,
            log: opts.log ?? (() => undefined),
            rerun: "the arrays were cancelled; rerunning autolab cancel records it",
        });
        return {
            ...base,
            before: "running",
            after: "failed",
            scancelled: c.arrays.length > 0,
            alreadyEnded: false,
            tasks: c.cancelled.length,
            commit: rec.commit,
        };
    }
    finally {
        await release();
    }
}

;// CONCATENATED MODULE: ./lib/src/report/cancel.js

function cancelText(r) {
    if (r.before === r.after)
        return `run ${r.runId} is already ${r.before}; nothing to cancel\n`;
    let out = `run ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> failed (cancelled)${r.alreadyEnded ? "; the scheduler says the job had already ended" : ""}\n`;
    const c = committedText(r.commit);
    if (c)
        out += c + "\n";
    return out;
}
function cancelOutputs(r) {
    return [
        ["run-id", r.runId],
        ["job-id", r.jobId ?? ""],
        ["status", r.after],
        ["manifest", r.manifestPath],
    ];
}
function cancelSummary(r) {
    return {
        title: "autolab cancel",
        command: "cancel",
        runs: [{ runId: r.runId, jobId: r.jobId, state: r.after }],
        findings: [],
    };
}

// EXTERNAL MODULE: ./lib/src/action/step.js
var step = __webpack_require__(7783);
;// CONCATENATED MODULE: ./lib/src/action/steps/cancel.js
/** The action's cancel step (loaded only for command: cancel). */




async function actionCancel({ inputs, ctx, common, scheduler }) {
    if (!inputs.runId)
        throw new errors/* AutolabError */.t0("input 'run-id' is required for command: cancel", { exitCode: 2 });
    const res = await cancel({ ...common, scheduler, runId: inputs.runId, by: ctx.actor });
    (0,step/* setOutputs */.n)(cancelOutputs(res));
    await (0,step/* summarise */.f)(cancelSummary(res));
}


/***/ }),

/***/ 9421:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ manifestEdit),
/* harmony export */   aC: () => (/* binding */ keep),
/* harmony export */   vj: () => (/* binding */ recordRun)
/* harmony export */ });
/* harmony import */ var _contract_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1372);
/* harmony import */ var _contract_validate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4024);
/* harmony import */ var _domain_changes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9162);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5086);
/* harmony import */ var _git_record_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9252);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/**
 * Recording a run's change set: the manifest as an edit validated before
 * anything is written, files already in the work tree committed as they
 * are, and record() with the error a person can act on when git fails (the
 * run's status, and that rerunning the same command records it without
 * acting again). Findings of edits that could not be applied (a ledger or
 * state file that went bad) are logged: the run's own record is not lost.
 */






/** A manifest edit, validated now (an invalid record is refused before anything is written). */
function manifestEdit(manifestPath, m) {
    const text = (0,_contract_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .serializeManifest */ .MZ)(m);
    (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .assertValid */ .pP)((0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)("manifest", text, manifestPath));
    return (0,_domain_changes_js__WEBPACK_IMPORTED_MODULE_5__/* .put */ .y)(manifestPath, text, m.run_id);
}
/** A file already written in the work tree (e.g. a local run's logs), committed as it is. */
function keep(p) {
    return { path: p, edit: (cur) => cur ?? "unchanged" };
}
async function recordRun(ws, edits, m, o) {
    let rec;
    try {
        rec = await (0,_git_record_js__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1)(ws, edits, {
            message: o.message,
            skipCi: o.skipCi,
            push: o.push,
            branch: o.branch,
            token: o.token,
            identity: o.identity,
        });
    }
    catch (e) {
        if (!(e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0))
            throw e;
        const jobId = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestJobId */ .Gf)(m);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`run ${m.run_id}${jobId ? ` (job ${jobId})` : ""} is ${m.status}, but recording it in git failed: ${e.message}`, {
            file: e.location.file,
            line: e.location.line,
            hint: `${e.hint ? e.hint + "; " : ""}${o.rerun}`,
            cause: e,
        });
    }
    for (const f of rec.findings)
        o.log(`warning: ${f.file ? `${f.file}: ` : ""}${f.message}`);
    return rec;
}


/***/ }),

/***/ 7944:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  th: () => (/* binding */ takeMonitorLock),
  Em: () => (/* binding */ takeWatchLock)
});

// UNUSED EXPORTS: procStat

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./lib/src/domain/lock.js
/**
 * Is a checkout lock still held? Pure: the adapter (store/lock.ts) reads the
 * lock record and probes the process it names; this decides.
 *
 * A lock is held only by a live process of ours:
 * - released (the owner let go; kept as the last generation) => free;
 * - another host => trusted for `foreignHostMs` (its process cannot be probed
 *   from here), then stale;
 * - this host, another boot id => stale (the host rebooted since; the pid may
 *   be reused by anything);
 * - this host, pid gone (or a zombie) => stale;
 * - pid alive, but its start time differs from the recorded one => stale (the
 *   pid was reused by another process);
 * - pid alive, start time matches => held;
 * - pid alive, no start time to compare (a lock from an older version, or no
 *   /proc) => held, but only for `unprovenMs`;
 * - unreadable record => held for `unreadableMs` after the file was written
 *   (an older version writes its lock after creating it), then stale.
 */
const LOCK_LIMITS = {
    foreignHostMs: 6 * 3600_000,
    unprovenMs: 6 * 3600_000,
    unreadableMs: 60_000,
};
function lockVerdict(rec, p, limits = LOCK_LIMITS) {
    if (!rec || typeof rec.pid !== "number" || !rec.host) {
        return p.fileAgeMs < limits.unreadableMs
            ? { held: true }
            : { held: false, why: `its record is unreadable and ${duration(p.fileAgeMs)} old` };
    }
    if (rec.released_at)
        return { held: false, why: `released at ${rec.released_at}` };
    const age = ageMs(rec, p.nowMs);
    if (rec.host !== p.host) {
        return age < limits.foreignHostMs
            ? { held: true }
            : {
                held: false,
                why: `taken on another host ${Number.isFinite(age) ? `${duration(age)} ago` : "at an unknown time"} (trusted for ${duration(limits.foreignHostMs)})`,
            };
    }
    if (rec.boot_id && p.bootId && rec.boot_id !== p.bootId) {
        return { held: false, why: `taken before this host rebooted (boot id ${rec.boot_id}, now ${p.bootId})` };
    }
    if (!p.process?.alive)
        return { held: false, why: `process ${rec.pid} is gone` };
    if (rec.start_time && p.process.startTime) {
        return rec.start_time === p.process.startTime
            ? { held: true }
            : {
                held: false,
                why: `pid ${rec.pid} now belongs to another process (started at ${p.process.startTime}, the owner at ${rec.start_time})`,
            };
    }
    return age < limits.unprovenMs
        ? { held: true }
        : {
            held: false,
            why: `pid ${rec.pid} is alive but cannot be proven to be the owner (no start time) and the lock is ${duration(age)} old`,
        };
}
/** `pid 123 on host h (start time 456, boot id 1a2b3c4d), taken 2026-…Z, 5 min ago`. */
function describeLock(rec, nowMs) {
    if (!rec || typeof rec.pid !== "number")
        return "an unreadable lock";
    const facts = [
        rec.start_time ? `start time ${rec.start_time}` : "",
        rec.boot_id ? `boot id ${rec.boot_id.slice(0, 8)}` : "",
    ].filter(Boolean);
    const age = ageMs(rec, nowMs);
    return (`pid ${rec.pid} on host ${rec.host ?? "?"}${facts.length ? ` (${facts.join(", ")})` : ""}` +
        `${rec.at ? `, taken ${rec.at}` : ""}${Number.isFinite(age) ? `, ${duration(age)} ago` : ""}`);
}
function ageMs(rec, nowMs) {
    const t = rec.at ? Date.parse(rec.at) : NaN;
    return Number.isFinite(t) ? Math.max(0, nowMs - t) : Infinity;
}
function duration(ms) {
    if (!Number.isFinite(ms))
        return "of unknown age";
    const s = Math.round(ms / 1000);
    if (s < 120)
        return `${s} s`;
    if (s < 7200)
        return `${Math.round(s / 60)} min`;
    return `${Math.round(s / 360) / 10} h`;
}

// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
// EXTERNAL MODULE: ./lib/src/git/git.js + 1 modules
var git = __webpack_require__(4424);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
;// CONCATENATED MODULE: ./lib/src/store/lock.js
/**
 * The checkout lock: two ticks (or a tick and a cancel) never work on one
 * checkout at once. It lives in the git dir (`<gitdir>/autolab/monitor.lock`),
 * else in `.autolab/monitor.lock`.
 *
 * - Held only by a live process of ours: the record names the pid, the host,
 *   the host's boot id and the process's start time (Linux `/proc/<pid>/stat`
 *   field 22), so a pid reused after a reboot or by another process does not
 *   hold it. The decision is domain/lock.ts's.
 * - Taken over atomically: `monitor.lock` is a directory of generations
 *   `g<n>.json`; the newest is the lock. A generation is created with
 *   `link()` of a complete temp file (never seen half written), which fails
 *   when it exists, so of any number of processes that find generation n
 *   free or stale exactly one creates n+1. A creator that then sees a newer
 *   generation steps back. Only the holder of the newest generation deletes
 *   older ones, so the newest is never deleted.
 * - Released by atomically replacing its own generation with a released
 *   record (the next taker makes n+1); a killed owner leaves a live-looking
 *   record that the next taker finds stale, takes over, and names (finding
 *   `monitor.lock`: pid, host, start time, age and why it was stale).
 * - A lock file of the previous format (a plain `monitor.lock` file) is judged
 *   by the same rules and removed when stale.
 */










const GEN = /^g(\d{1,15})\.json$/;
const MAX_ROUNDS = 8;
/**
 * Take the lock; returns the release function. `note` receives a finding when
 * a stale lock was taken over (whose it was, and why it was stale).
 */
async function takeMonitorLock(repoRoot, inGit, now, note) {
    return takeLock(repoRoot, inGit, now, note, MONITOR_LOCK);
}
const MONITOR_LOCK = {
    name: "monitor.lock",
    holder: "another monitor tick (or cancel) is running in this checkout",
    hint: "wait for it to finish; if that process is not an autolab tick of this checkout, remove",
};
const WATCH_LOCK = {
    name: "watch.lock",
    holder: "another autolab watch is watching this checkout",
    hint: "one watcher is enough (stop it with SIGTERM to start another); if that process is not an autolab watch of this checkout, remove",
};
/** The watcher lock (`<gitdir>/autolab/watch.lock`): one `autolab watch` per checkout, by the same rules. */
async function takeWatchLock(repoRoot, inGit, now, note) {
    return takeLock(repoRoot, inGit, now, note, WATCH_LOCK);
}
async function takeLock(repoRoot, inGit, now, note, kind) {
    let dir = external_node_path_.join(repoRoot, ".autolab");
    if (inGit) {
        const r = await (0,git/* git */.$Y)(repoRoot, ["rev-parse", "--absolute-git-dir"], { allowFailure: true });
        if (r.code === 0 && r.stdout.trim())
            dir = external_node_path_.join(r.stdout.trim(), "autolab");
    }
    const lockDir = external_node_path_.join(dir, kind.name);
    await (0,promises_.mkdir)(dir, { recursive: true });
    await dropLegacyLock(lockDir, now, note, kind);
    await (0,promises_.mkdir)(lockDir, { recursive: true });
    const mine = { pid: process.pid, host: external_node_os_.hostname(), at: (0,time/* isoSeconds */.n)(now), ...selfIdentity() };
    for (let round = 0; round < MAX_ROUNDS; round++) {
        const newest = await newestGeneration(lockDir);
        let previous;
        if (newest) {
            const file = genFile(lockDir, newest);
            const seen = await readRecord(file);
            if (!seen)
                continue; // gone meanwhile: look again
            const verdict = lockVerdict(seen.rec, probe(seen.rec, now, seen.ageMs));
            if (verdict.held)
                throw heldError(lockDir, seen.rec, now, kind);
            if (!seen.rec?.released_at)
                previous = { rec: seen.rec, why: verdict.why };
        }
        const n = newest + 1;
        if (!(await createGeneration(lockDir, n, mine)))
            continue; // another process took generation n
        if ((await newestGeneration(lockDir)) > n) {
            await (0,promises_.unlink)(genFile(lockDir, n)).catch(() => undefined); // a newer one exists: step back
            continue;
        }
        await dropOlderGenerations(lockDir, n);
        if (previous && note)
            note(takeoverFinding(lockDir, previous.rec, previous.why, now));
        return async () => {
            const file = genFile(lockDir, n);
            if (!(await (0,promises_.lstat)(file).catch(() => undefined)))
                return; // taken over and dropped meanwhile
            const released = JSON.stringify({ ...mine, released_at: (0,time/* isoSeconds */.n)(new Date()) }) + "\n";
            await (0,fs/* writeFileAtomic */.Zf)(file, released).catch(() => undefined);
        };
    }
    throw new errors/* AutolabError */.t0(`could not take the ${kind.name} after ${MAX_ROUNDS} rounds (other processes kept taking it)`, {
        file: lockDir,
        hint: "run again",
    });
}
/** This process's boot id and start time (Linux); empty elsewhere. */
function selfIdentity() {
    const bootId = readBootId();
    const start = procStat(process.pid)?.startTime;
    return { ...(bootId ? { boot_id: bootId } : {}), ...(start ? { start_time: start } : {}) };
}
function readBootId() {
    try {
        return (0,external_node_fs_.readFileSync)("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
    }
    catch {
        return undefined;
    }
}
/** State (field 3) and start time (field 22) of `/proc/<pid>/stat`; undefined without /proc. */
function procStat(pid) {
    try {
        const text = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, "utf8");
        // "pid (comm) state ppid ..." -- comm may hold spaces and parentheses: split after the last ')'.
        const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
        const startTime = rest[22 - 3];
        return startTime ? { state: rest[0], startTime } : undefined;
    }
    catch {
        return undefined;
    }
}
function probe(rec, now, fileAgeMs) {
    const host = external_node_os_.hostname();
    const p = { host, bootId: readBootId(), nowMs: now.getTime(), fileAgeMs };
    if (rec && rec.host === host && typeof rec.pid === "number")
        p.process = probeProcess(rec.pid);
    return p;
}
function probeProcess(pid) {
    let alive;
    try {
        process.kill(pid, 0);
        alive = true;
    }
    catch (err) {
        alive = err.code === "EPERM";
    }
    if (!alive)
        return { alive };
    const st = procStat(pid);
    if (st?.state === "Z")
        return { alive: false };
    return { alive, startTime: st?.startTime };
}
function genFile(lockDir, n) {
    return external_node_path_.join(lockDir, `g${String(n).padStart(12, "0")}.json`);
}
async function generations(lockDir) {
    const names = await (0,promises_.readdir)(lockDir).catch(() => []);
    return names.flatMap((name) => {
        const m = GEN.exec(name);
        return m ? [Number(m[1])] : [];
    });
}
async function newestGeneration(lockDir) {
    return (await generations(lockDir)).reduce((a, b) => Math.max(a, b), 0);
}
async function readRecord(file) {
    try {
        const st = await (0,promises_.lstat)(file);
        const text = await (0,promises_.readFile)(file, "utf8");
        let rec;
        try {
            const parsed = JSON.parse(text);
            rec = parsed && typeof parsed === "object" ? parsed : undefined;
        }
        catch {
            rec = undefined;
        }
        return { rec, ageMs: Math.max(0, Date.now() - st.mtimeMs) };
    }
    catch (e) {
        if (e.code === "ENOENT")
            return undefined;
        throw e;
    }
}
/** Create generation `n` holding `rec`, complete from the start; false when it exists. */
async function createGeneration(lockDir, n, rec) {
    const tmp = external_node_path_.join(lockDir, `.new-${process.pid}-${(0,external_node_crypto_.randomBytes)(6).toString("hex")}.tmp`);
    await (0,fs/* writeFileAtomic */.Zf)(tmp, JSON.stringify(rec) + "\n");
    try {
        await (0,promises_.link)(tmp, genFile(lockDir, n));
        return true;
    }
    catch (e) {
        if (e.code === "EEXIST")
            return false;
        throw e;
    }
    finally {
        await (0,promises_.unlink)(tmp).catch(() => undefined);
    }
}
async function dropOlderGenerations(lockDir, n) {
    for (const g of await generations(lockDir))
        if (g < n)
            await (0,promises_.unlink)(genFile(lockDir, g)).catch(() => undefined);
}
/** A `monitor.lock` file of the previous format: refuse while it is held, remove it when stale. */
async function dropLegacyLock(lockDir, now, note, kind) {
    const st = await (0,promises_.lstat)(lockDir).catch(() => undefined);
    if (!st || st.isDirectory())
        return;
    if (!st.isFile()) {
        throw new errors/* AutolabError */.t0(`${lockDir} is neither the lock directory nor a lock file`, {
            file: lockDir,
            hint: "remove it (no monitor tick can run while it is there)",
        });
    }
    const seen = await readRecord(lockDir);
    if (!seen)
        return;
    const verdict = lockVerdict(seen.rec, probe(seen.rec, now, seen.ageMs));
    if (verdict.held)
        throw heldError(lockDir, seen.rec, now, kind);
    await (0,promises_.unlink)(lockDir).catch(() => undefined);
    note?.(takeoverFinding(lockDir, seen.rec, verdict.why, now));
}
function heldError(file, rec, now, kind) {
    return new errors/* AutolabError */.t0(`${kind.holder}: the lock is held by ${describeLock(rec, now.getTime())}`, {
        file,
        hint: `${kind.hint} ${file}`,
    });
}
function takeoverFinding(file, rec, why, now) {
    return {
        severity: "warning",
        check: "monitor.lock",
        file,
        message: `took over a stale checkout lock of ${describeLock(rec, now.getTime())}: ${why} (that tick ended without releasing it)`,
        hint: "a tick that was killed may have left files of the tool uncommitted; this tick re-derives them from the scheduler",
    };
}


/***/ })

};
