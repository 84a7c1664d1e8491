export const id = 357;
export const ids = [357];
export const modules = {

/***/ 7409:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hg: () => (/* binding */ currentAttempt),
/* harmony export */   Or: () => (/* binding */ attemptsOf),
/* harmony export */   xX: () => (/* binding */ attemptsAfter)
/* harmony export */ });
/* unused harmony export nextAttempts */
/** The manifest's attempts, read defensively (a hand-edited file may hold anything). */
function attemptsOf(m) {
    const a = m.attempts;
    if (!Array.isArray(a))
        return [];
    return a.filter((x) => x !== null && typeof x === "object" && typeof x.job_id === "string");
}
/** The current (last) attempt, if any. */
function currentAttempt(m) {
    const a = attemptsOf(m);
    return a[a.length - 1];
}
function fill(a, f) {
    if (f.state !== undefined)
        a.state = f.state;
    if (f.pending) {
        if (f.reason !== undefined)
            a.reason = f.reason;
        return;
    }
    delete a.reason;
    if (f.exitCode !== undefined)
        a.exit_code = f.exitCode;
    if (f.start !== undefined)
        a.start = f.start;
    if (f.nodeList !== undefined && f.nodeList !== "" && f.nodeList !== "None assigned")
        a.nodes = f.nodeList;
    if (f.terminal && f.end !== undefined)
        a.end = f.end;
}
/** The attempts after this tick's facts (a new array; the input is not changed). */
function nextAttempts(prev, f) {
    const out = prev.map((a) => ({ ...a }));
    const restarts = Math.max(f.restarts ?? 0, f.sentinelRestarts ?? 0);
    let cur = out[out.length - 1];
    if (!cur) {
        cur = { attempt: 1, job_id: f.jobId, restart_count: restarts, cause: "launch", seen_at: f.at };
        out.push(cur);
    }
    else if (cur.job_id !== f.jobId) {
        cur = { attempt: cur.attempt + 1, job_id: f.jobId, restart_count: restarts, cause: "resubmit", seen_at: f.at };
        out.push(cur);
    }
    else if (restarts > cur.restart_count) {
        cur.state = "REQUEUED";
        cur.end = cur.end ?? f.at;
        delete cur.reason;
        cur = { attempt: cur.attempt + 1, job_id: f.jobId, restart_count: restarts, cause: "requeue", seen_at: f.at };
        out.push(cur);
    }
    fill(cur, f);
    return out;
}
/** `attempts[]` after a tick's answer (the scheduler's facts, its verdict, the sentinel). */
function attemptsAfter(m, job, v, jobId, at, s) {
    return nextAttempts(attemptsOf(m), {
        jobId,
        at,
        pending: v.phase === "pending",
        terminal: v.terminal,
        state: job.state,
        reason: job.reason,
        exitCode: job.exitCode,
        start: job.start,
        end: job.end,
        nodeList: job.nodeList,
        restarts: job.restarts,
        sentinelRestarts: s.state === "present" && s.jobId === jobId ? s.restartCount : undefined,
    });
}


/***/ }),

/***/ 4010:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T8: () => (/* binding */ endAttempt),
/* harmony export */   iV: () => (/* binding */ policyRecord),
/* harmony export */   s$: () => (/* binding */ resubmittedManifest)
/* harmony export */ });
/* unused harmony exports RESUBMIT_REASONS, resubmitPolicy, restartsUsed, attemptJobName, endReason, workloadEnd, decideResubmit */
/* harmony import */ var _attempts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7409);
/* harmony import */ var _sentinel_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3695);


const RESUBMIT_REASONS = ["timeout", "preempted", "node_fail", "checkpointed"];
/** What launch records of the design's policy in `resource_request` (only what is set). */
function policyRecord(c) {
    const out = {};
    if (typeof c.max_restarts === "number")
        out.max_restarts = c.max_restarts;
    if (Array.isArray(c.resubmit_on))
        out.resubmit_on = c.resubmit_on;
    return out;
}
/** The run's policy, read defensively from its manifest. */
function resubmitPolicy(m) {
    const rr = (m.resource_request ?? {});
    const max = rr.max_restarts;
    const on = Array.isArray(rr.resubmit_on) ? rr.resubmit_on : [];
    return {
        maxRestarts: typeof max === "number" && Number.isInteger(max) && max > 0 ? max : 0,
        on: on.filter((r) => RESUBMIT_REASONS.includes(r)),
    };
}
/** Restarts the tool made so far (resubmitted attempts). */
function restartsUsed(attempts) {
    return attempts.filter((a) => a.cause === "resubmit").length;
}
/** The job name of attempt `n` (> 1) of a run. */
function attemptJobName(runId, n) {
    return `autolab-${runId}-a${n}`;
}
/** Why the attempt ended: the scheduler's reason, or `checkpointed` when the workload asked to be resumed. */
function endReason(failureReason, s, jobId) {
    const reason = failureReason ?? "unknown";
    if (reason !== "exit_code" || s.state !== "present" || s.jobId !== jobId)
        return reason;
    return s.resumeRequested && s.exitCode === _sentinel_js__WEBPACK_IMPORTED_MODULE_0__/* .RESUME_EXIT_CODE */ .tA ? "checkpointed" : reason;
}
/** What the workload said of its end (kept on the attempt and in the failure). */
function workloadEnd(s, jobId) {
    if (s.state !== "present" || s.jobId !== jobId)
        return {};
    const out = {};
    if (s.workloadExitCode !== undefined)
        out.workload_exit_code = s.workloadExitCode;
    if (s.checkpointSignal !== undefined)
        out.checkpoint_signal = s.checkpointSignal;
    if (s.resumeRequested)
        out.resume_requested = true;
    return out;
}
/**
 * The decision for a run whose current attempt ended with `reason` (the
 * attempts already hold this tick's facts). `sweepTask`: the run is one task
 * of a job array.
 */
function decideResubmit(m, reason, jobId, sweepTask = false) {
    const attempts = (0,_attempts_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptsOf */ .Or)(m);
    const cur = attempts[attempts.length - 1];
    const policy = resubmitPolicy(m);
    const used = restartsUsed(attempts);
    const after = used ? ` after ${used} restart${used === 1 ? "" : "s"}` : "";
    const fail = (note) => ({ kind: "fail", reason, note: `${after}${note}`, restarts: used });
    const listed = policy.on.includes(reason);
    if (!listed || policy.maxRestarts === 0)
        return fail("");
    if (cur?.resubmitted_as !== undefined)
        return fail(" (this attempt was resubmitted already)");
    if (sweepTask)
        return fail(`; ${reason} is in compute.resubmit_on, but a sweep task is not resubmitted (it is one index of its array's script): relaunch the sweep's failed tasks`);
    if (used >= policy.maxRestarts)
        return fail(`; compute.max_restarts (${policy.maxRestarts}) is reached`);
    const failedNodes = attempts.filter((a) => a.end_reason === "node_fail" && typeof a.nodes === "string" && a.nodes !== "");
    const exclude = [...new Set(failedNodes.map((a) => a.nodes))].join(",");
    return {
        kind: "resubmit",
        plan: {
            attempt: (cur?.attempt ?? attempts.length) + 1,
            name: attemptJobName(m.run_id, (cur?.attempt ?? attempts.length) + 1),
            reason,
            previousJobId: jobId,
            restarts: used + 1,
            maxRestarts: policy.maxRestarts,
            ...(exclude ? { excludeNodes: exclude } : {}),
        },
    };
}
/**
 * The run once its next attempt has a job: the job id everywhere the
 * contract keeps it, a fresh `slurm` record for the new job (what the old job
 * said stays on its attempt; `passed_env` is what this attempt was given), the ended attempt marked `resubmitted_as`, the
 * new attempt appended. The status is kept (as for a SLURM requeue).
 */
function resubmittedManifest(m, plan, job, at) {
    const attempts = (0,_attempts_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptsOf */ .Or)(m).map((a) => ({ ...a }));
    const cur = attempts[attempts.length - 1];
    if (cur)
        cur.resubmitted_as = job.jobId;
    attempts.push({
        attempt: plan.attempt,
        job_id: job.jobId,
        restart_count: 0,
        cause: "resubmit",
        seen_at: at,
        resubmitted_for: plan.reason,
        ...(plan.excludeNodes ? { excluded_nodes: plan.excludeNodes } : {}),
    });
    const rr = { ...(m.resource_request ?? {}) };
    rr.job_id = job.jobId;
    rr.slurm = { ...(rr.slurm ?? {}), job_id: job.jobId };
    return {
        ...m,
        job_id: job.jobId,
        resource_request: rr,
        attempts,
        slurm: {
            job_id: job.jobId,
            job_name: plan.name,
            ...(job.cluster ? { cluster: job.cluster } : {}),
            ...(job.adopted ? { adopted: true, adopted_by: "job name" } : { submit_attempts: job.submitAttempts }),
            restarts_used: plan.restarts,
            ...(job.passedEnv && Object.keys(job.passedEnv).length ? { passed_env: { ...job.passedEnv } } : {}),
            decision: `attempt ${plan.attempt - 1} (job ${plan.previousJobId}) ended ${plan.reason}; ${job.evidence} as attempt ${plan.attempt} (restart ${plan.restarts} of ${plan.maxRestarts})`,
        },
    };
}
/**
 * The end of the current attempt as a tick decides it: the attempt gets its
 * `end_reason` (and the workload's own status), and the run is either to be
 * resubmitted (`plan`) or failed with the failure this returns.
 */
function endAttempt(m, v, s, jobId, sweepTask) {
    const reason = endReason(v.failureReason, s, jobId);
    const said = workloadEnd(s, jobId);
    const attempts = (0,_attempts_js__WEBPACK_IMPORTED_MODULE_1__/* .attemptsOf */ .Or)(m).map((a) => ({ ...a }));
    const cur = attempts[attempts.length - 1];
    if (cur && cur.job_id === jobId) {
        Object.assign(cur, { end_reason: reason }, said);
        m.attempts = attempts;
    }
    const d = decideResubmit(m, reason, jobId, sweepTask);
    if (d.kind === "resubmit")
        return { plan: d.plan };
    const checkpointed = reason === "checkpointed" ? "; the workload saved a checkpoint and asked to be resumed" : "";
    return {
        failure: {
            reason,
            message: `${v.detail}${checkpointed}${d.note}`,
            ...said,
            ...(d.restarts ? { restarts: d.restarts } : {}),
        },
    };
}


/***/ }),

/***/ 8739:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ stampKey),
/* harmony export */   Lf: () => (/* binding */ sameIndex),
/* harmony export */   RB: () => (/* binding */ sameQuestion),
/* harmony export */   V: () => (/* binding */ parseRunIndexHead),
/* harmony export */   YY: () => (/* binding */ planRead),
/* harmony export */   cy: () => (/* binding */ entryFor),
/* harmony export */   fV: () => (/* binding */ parseRunIndexEntries),
/* harmony export */   sU: () => (/* binding */ serializeRunIndex)
/* harmony export */ });
/* unused harmony exports RUN_INDEX_FORMAT, RACY_MARGIN_MS, indexable, parseRunIndexFile, parseRunIndex */
/**
 * The run index: which runs a tick must read, and which it may take from what
 * an earlier tick learnt. Pure (the store reads and writes the index file in
 * the git dir, store/run-index.ts).
 *
 * An entry is kept only for a finished, extracted run (nothing left for the
 * monitor to do) and holds the manifest's file stamp (inode, size, mtime,
 * ctime, from the lstat run discovery makes anyway), the run id the manifest
 * names and the run's canonical ledger line (null: the run has no line). A
 * run is taken from the index only when all of these hold, else it is read:
 *  - the index is there, of this format, for this checkout, and made by a
 *    tool whose ledger line is the same (the probe line);
 *  - the manifest is a regular file (not reached through a link) whose stamp
 *    is the recorded one: a hand edit, a checkout, a pull or another writer's
 *    commit changes the ctime (and usually the inode), so the run is re-read;
 *  - its metrics.json is still there;
 *  - its ledger line is still the recorded one (a run with no line: always).
 * An entry is only recorded for a file last changed well before it was read
 * (RACY_MARGIN_MS), so a change made in the same clock tick as the read can
 * never hide behind an equal stamp. Anything doubtful is read again: the
 * index can make a tick faster, never different.
 */
const RUN_INDEX_FORMAT = 2;
/** A file must have been unchanged this long before it was read for its stamp to be recorded. */
const RACY_MARGIN_MS = 2000;
function stampKey(s) {
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}
const MAGIC = "autolab-run-index";
const END = "#end";
/** A field the line format can hold: printable ASCII, no tab (anything else is not indexed: read every tick). */
function indexable(s) {
    return /^[\x20-\x7e]*$/.test(s) && !s.includes("\t");
}
function questionOf(v) {
    if (v === undefined)
        return undefined;
    if (!v || typeof v !== "object" || Array.isArray(v))
        return false;
    const q = v;
    if (!Array.isArray(q.ids) || !q.ids.every((x) => typeof x === "string"))
        return false;
    if (q.since !== undefined && !Number.isFinite(q.since))
        return false;
    if (q.ledger !== undefined && typeof q.ledger !== "string")
        return false;
    return {
        ids: q.ids,
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.ledger !== undefined ? { ledger: q.ledger } : {}),
    };
}
/**
 * The head of an index file (its first line): whether the index is of this
 * format, checkout and tool, and the next tick's question. Undefined: doubtful.
 */
function parseRunIndexHead(head, want) {
    if (!head.startsWith(MAGIC + "\t"))
        return undefined;
    let v;
    try {
        v = JSON.parse(head.slice(MAGIC.length + 1));
    }
    catch {
        return undefined;
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
        return undefined;
    const o = v;
    if (o.format !== RUN_INDEX_FORMAT || o.root !== want.root || o.probe !== want.probe)
        return undefined;
    const next = questionOf(o.next);
    if (next === false)
        return undefined;
    return next ? { next } : {};
}
/**
 * The entries of an index file (everything after its head): one line each,
 * `<manifest path> TAB <stamp> TAB <run id> TAB <ledger line, empty: none>`,
 * then `#end TAB <count>`. Undefined when any line is not of that shape, a path
 * comes twice, or the end line is missing or counts otherwise (truncated).
 * Scanned with indexOf, not split: 100,000 entries cost one pass.
 */
function parseRunIndexEntries(body) {
    const out = new Map();
    let pos = 0;
    for (;;) {
        const nl = body.indexOf("\n", pos);
        if (nl < 0)
            return undefined;
        const t1 = body.indexOf("\t", pos);
        if (t1 < 0 || t1 > nl)
            return undefined;
        if (body.startsWith(END, pos) && t1 === pos + END.length) {
            const count = body.slice(t1 + 1, nl);
            return nl === body.length - 1 && count === String(out.size) ? out : undefined;
        }
        const t2 = body.indexOf("\t", t1 + 1);
        const t3 = t2 < 0 ? -1 : body.indexOf("\t", t2 + 1);
        if (t2 < 0 || t3 < 0 || t3 > nl || body.lastIndexOf("\t", nl) !== t3)
            return undefined;
        const file = body.slice(pos, t1);
        if (!file || out.has(file))
            return undefined;
        const line = body.slice(t3 + 1, nl);
        out.set(file, { stamp: body.slice(t1 + 1, t2), runId: body.slice(t2 + 1, t3), line: line === "" ? null : line });
        pos = nl + 1;
    }
}
/** The index in `text`, or undefined when it is missing, not this format, for another checkout or tool, or corrupt. */
function parseRunIndexFile(text, want) {
    if (text === undefined)
        return undefined;
    const nl = text.indexOf("\n");
    if (nl < 0)
        return undefined;
    const head = parseRunIndexHead(text.slice(0, nl), want);
    const entries = head ? parseRunIndexEntries(text.slice(nl + 1)) : undefined;
    return head && entries ? { entries, ...head } : undefined;
}
/** The entries of the index in `text` (see parseRunIndexFile). */
function parseRunIndex(text, want) {
    return parseRunIndexFile(text, want)?.entries;
}
/** The index file's text; an entry the line format cannot hold is left out (that run is read every tick). */
function serializeRunIndex(index, id, next) {
    const head = JSON.stringify({ format: RUN_INDEX_FORMAT, root: id.root, probe: id.probe, ...(next ? { next } : {}) });
    const parts = [MAGIC + "\t" + head];
    for (const [file, e] of index) {
        if (!file || !indexable(file) || !indexable(e.stamp) || !indexable(e.runId))
            continue;
        if (e.line !== null && (e.line === "" || !indexable(e.line)))
            continue;
        parts.push(`${file}\t${e.stamp}\t${e.runId}\t${e.line ?? ""}`);
    }
    parts.push(`${END}\t${parts.length - 1}`);
    return parts.join("\n") + "\n";
}
/** Whether two questions are the same (the same ids in the same order, the same bound; the ledger stamp aside). */
function sameQuestion(a, b) {
    if (!a || !b)
        return a === b;
    return a.since === b.since && a.ids.length === b.ids.length && a.ids.every((x, i) => x === b.ids[i]);
}
/** Whether two indexes hold the same entries (an index equal to the one read need not be written again). */
function sameIndex(a, b) {
    if (a.size !== b.size)
        return false;
    for (const [file, e] of b) {
        const o = a.get(file);
        if (!o || o.stamp !== e.stamp || o.runId !== e.runId || o.line !== e.line)
            return false;
    }
    return true;
}
/**
 * Whether the run must be read, given the index (undefined: none, or doubtful)
 * and the ledger line the ledger now holds for a run id (undefined: none).
 */
function planRead(r, index, ledgerLine) {
    if (!index)
        return { read: true, why: "no index" };
    if (!r.stamp)
        return { read: true, why: "no stamp" };
    const e = index.get(r.file);
    if (!e)
        return { read: true, why: "not indexed" };
    if (e.stamp !== stampKey(r.stamp))
        return { read: true, why: "changed" };
    if (!r.hasMetrics)
        return { read: true, why: "no metrics" };
    if (e.line !== null && ledgerLine(e.runId) !== e.line)
        return { read: true, why: "ledger line differs" };
    return { read: false, entry: e };
}
/**
 * The entry to record for a run read at `readAtMs` that has nothing left to
 * do, or undefined when its stamp cannot be trusted yet (changed within
 * RACY_MARGIN_MS of the read, or in the future) or it has none.
 */
function entryFor(stamp, readAtMs, runId, line) {
    if (!stamp || !indexable(runId) || (line !== null && (line === "" || !indexable(line))))
        return undefined;
    const last = Math.max(stamp.mtimeMs, stamp.ctimeMs);
    if (!(last < readAtMs - RACY_MARGIN_MS))
        return undefined;
    return { stamp: stampKey(stamp), runId, line };
}


/***/ }),

/***/ 3915:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ri: () => (/* binding */ IN_FLIGHT),
  AC: () => (/* binding */ afterSync),
  yq: () => (/* binding */ asksScheduler),
  F_: () => (/* binding */ awaitsSync),
  Sf: () => (/* binding */ decideRun),
  re: () => (/* binding */ jobNameMismatch),
  Rt: () => (/* binding */ needsExtract),
  Bd: () => (/* binding */ needsWork),
  f$: () => (/* binding */ stableText)
});

// UNUSED EXPORTS: DEFAULT_RUNAWAY_LOST_AFTER_SECONDS, endedByHand, handEnd, sentinelVerdict, unknownJob

// EXTERNAL MODULE: ./lib/src/domain/attempts.js
var attempts = __webpack_require__(7409);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
;// CONCATENATED MODULE: ./lib/src/domain/pending.js



/** When the job waits since (its submission, or the requeue that made it wait again). */
function pendingSince(m) {
    if ((0,run/* statusOf */.c2)(m) === "running")
        return (0,attempts/* currentAttempt */.Hg)(m)?.seen_at;
    return m.timestamps?.started_at;
}
function givesUp(i, job, jobId) {
    const run = i.manifest.run_id;
    if (i.failsFast && job.reason) {
        const message = `job ${jobId} of run ${run} can never start: it is pending with reason ${job.reason}, which does not clear without changing the request; the job is cancelled`;
        return {
            reason: "never_starts",
            message,
            pending_reason: job.reason,
            hint: "change compute in design.yaml so the request fits the partition's, QOS's and account's limits (scontrol show partition; sacctmgr show assoc), then launch again",
        };
    }
    const since = pendingSince(i.manifest);
    if (i.maxPendingSeconds === undefined || since === undefined || Number.isNaN(Date.parse(since)))
        return undefined;
    const waited = (0,time/* secondsSince */.w)(since, i.now);
    if (waited <= i.maxPendingSeconds)
        return undefined;
    const message = `job ${jobId} of run ${run} has been pending since ${since} (${waited} s, more than max_pending ${i.maxPendingSeconds} s${job.reason ? `; reason ${job.reason}` : ""}); the job is cancelled`;
    return { reason: "pending_timeout", message, ...(job.reason ? { pending_reason: job.reason } : {}) };
}
/**
 * The notice for a job that waits (for resources, its priority, a QOS or
 * association limit the cluster will lift, ...: any pending reason that is
 * not a never-start one) with the start SLURM expects, as the tick recorded
 * it (`slurm.expected_start`, from the tick's own squeue answer: no extra
 * question). Nothing without an estimate. The text holds no span to now, so
 * the findings (and the check run that carries them) do not change between
 * ticks while the estimate holds.
 */
function waitingNotice(m, jobId, file) {
    const est = m.slurm?.expected_start;
    if (typeof est !== "string" || Number.isNaN(Date.parse(est)))
        return undefined;
    const reason = typeof m.slurm?.reason === "string" && m.slurm.reason !== "None" ? m.slurm.reason : undefined;
    return {
        severity: "notice",
        check: "scheduler.expected_start",
        file,
        message: `job ${jobId} of run ${m.run_id} is waiting${reason ? ` (${reason})` : ""}; SLURM expects it to start at ${est}`,
    };
}

// EXTERNAL MODULE: ./lib/src/domain/efficiency.js
var efficiency = __webpack_require__(322);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/resubmit.js
var resubmit = __webpack_require__(4010);
;// CONCATENATED MODULE: ./lib/src/domain/hand-end.js

/**
 * A terminal status a person set by hand (the recovery recipe "if failed, set
 * status failed") without `timestamps.completed_at`: the monitor completes
 * the record (`handEnd`), so nobody has to add completed_at by hand.
 */
function endedByHand(m) {
    const st = (0,run/* statusOf */.c2)(m);
    if (st !== "failed" && st !== "completed")
        return false;
    const c = m.timestamps?.completed_at;
    return c === undefined || c === null || c === "";
}
/** The record of a status set by hand: completed_at (now), one history entry, for failed a `manual` failure. */
function handEnd(m, at) {
    const to = (0,run/* statusOf */.c2)(m);
    const last = m.history?.at(-1)?.to;
    const from = last !== undefined && last !== to ? last : null;
    const evidence = `status set to ${to} by hand; completed_at recorded by the monitor at its next tick`;
    const next = {
        ...m,
        timestamps: { ...m.timestamps, completed_at: at },
        completed_at: at,
        history: [...(m.history ?? []), { from, to, at, evidence }],
    };
    if (to === "failed" && (m.failure === undefined || m.failure === null)) {
        next.failure = { reason: "manual", message: evidence };
        if (m.host_mode === "slurm")
            next.slurm = { ...(m.slurm ?? {}), failure_reason: "manual" };
    }
    return next;
}

;// CONCATENATED MODULE: ./lib/src/domain/tick.js









const IN_FLIGHT = new Set(["pending", "submitted", "running"]);
/** A run the tick must look at: in flight, synced (to complete), finished without metrics, or awaiting its sync. */
function needsWork(m, hasMetrics) {
    const st = (0,run/* statusOf */.c2)(m);
    return IN_FLIGHT.has(st) || st === "synced" || !hasMetrics || awaitsSync(m) || endedByHand(m);
}
/**
 * The Python autolab tool's `completed` is the job's end, not the run's: with
 * `artifact_sync_to_local.status` not yet a success (`pending`, `failed`, ...)
 * its monitor syncs next. For its runs (`writesSentinel` false) we do the
 * same: sync, then extract; the status stays `completed`.
 */
function awaitsSync(m) {
    return (m.host_mode === "slurm" &&
        (0,run/* statusOf */.c2)(m) === "completed" &&
        !(0,run/* writesSentinel */.X9)(m) &&
        !(0,vocabulary/* isSuccessLike */.j)(m.artifact_sync_to_local?.status));
}
/** Whether the run's job is asked about this tick. */
function asksScheduler(m) {
    return (m.host_mode === "slurm" &&
        IN_FLIGHT.has((0,run/* statusOf */.c2)(m)) &&
        (0,run/* manifestJobId */.Gf)(m) !== undefined &&
        m.slurm?.outcome !== "succeeded");
}
/** Whether results are extracted this tick: synced runs, and ended runs without metrics. */
function needsExtract(status, hasMetrics) {
    return (status === "synced" || ((status === "failed" || status === "completed" || status === "partial") && !hasMetrics));
}
/**
 * The name the scheduler reports for the job when it differs from the run's
 * `slurm.job_name` (a recycled job id is another job); undefined when they
 * agree or cannot be compared. For an array the array's own name is compared.
 */
function jobNameMismatch(m, job) {
    const want = m.slurm?.job_name;
    if (!job || typeof want !== "string" || want === "")
        return undefined;
    const got = job.name;
    if (got === undefined || got === "" || got === "allocation")
        return undefined;
    return got === want ? undefined : got;
}
/** The record without what changes on every tick by itself (poll time, growing elapsed time). */
function stableText(m) {
    // Copies only the two levels it changes: JSON.stringify never mutates what it prints.
    const slurm = m.slurm;
    if (!slurm || typeof slurm !== "object" || Array.isArray(slurm))
        return JSON.stringify(m, null, 2) + "\n";
    const s = { ...slurm };
    delete s.last_poll_at;
    delete s.elapsed;
    return JSON.stringify({ ...m, slurm: s }, null, 2) + "\n";
}
class Step {
    at;
    m;
    transitions = [];
    findings = [];
    failureReason;
    cancelJob;
    resubmit;
    constructor(m, at) {
        this.at = at;
        this.m = structuredClone(m);
    }
    move(to, evidence, failure) {
        const from = (0,run/* statusOf */.c2)(this.m);
        const next = (0,run/* transition */.kY)(this.m, to, this.at, evidence, failure);
        if (!next)
            return false;
        this.m = next;
        this.transitions.push({ from, to, evidence });
        if (to === "failed")
            this.failureReason = failure?.reason;
        return true;
    }
    done(sync = false) {
        return {
            manifest: this.m,
            transitions: this.transitions,
            findings: this.findings,
            sync,
            ...(this.failureReason !== undefined ? { failureReason: this.failureReason } : {}),
            ...(this.cancelJob !== undefined ? { cancelJob: this.cancelJob } : {}),
            ...(this.resubmit !== undefined ? { resubmit: this.resubmit } : {}),
        };
    }
}
/** The verdict for a job no source knows: unknown within the grace period, then final (`unknown_job`). */
function unknownJob(since, now, at, graceSeconds) {
    const valid = since !== undefined && !Number.isNaN(Date.parse(since));
    const from = valid ? since : at;
    if (!valid || (0,time/* secondsSince */.w)(from, now) < graceSeconds) {
        return {
            phase: "unknown",
            terminal: false,
            unknownSince: from,
            detail: `neither sacct nor the controller knows the job (since ${from}; grace ${graceSeconds} s)`,
        };
    }
    return {
        phase: "unknown",
        terminal: true,
        failureReason: "unknown_job",
        unknownSince: from,
        detail: `neither sacct nor the controller has known the job since ${from} (more than ${graceSeconds} s)`,
    };
}
/** The scheduler's verdict with the sentinel found before the sync (only a success is changed). */
function withEarlySentinel(v, s) {
    if (v.phase !== "succeeded")
        return v;
    if (s.state === "present" && s.exitCode !== undefined && s.exitCode !== 0) {
        return {
            phase: "failed",
            terminal: true,
            failureReason: "exit_code",
            detail: `${v.detail}; but job_sentinel.json says exit ${s.exitCode}`,
        };
    }
    if (s.state === "present" && s.exitCode === 0)
        return { ...v, detail: `${v.detail}; sentinel exit 0` };
    // Missing (or without an exit code): it may arrive with the artifacts.
    return {
        ...v,
        detail: `${v.detail}; but job_sentinel.json ${s.state === "present" ? "has no exit_code" : "is missing"}`,
    };
}
/** Store what the scheduler said in `manifest.slurm` (estimates left out, see the module header). */
function recordJob(m, v, job, at, succeeded) {
    const s = { ...(m.slurm ?? {}) };
    s.job_id = s.job_id ?? (0,run/* manifestJobId */.Gf)(m);
    s.last_poll_at = at;
    if (job) {
        s.state = job.state;
        if (job.reason !== undefined)
            s.reason = job.reason;
        else
            delete s.reason;
        if (job.exitCode !== undefined)
            s.exit_code = job.exitCode;
        if (v.phase === "pending")
            delete s.nodes;
        else if (job.nodeList !== undefined)
            s.nodes = job.nodeList;
        if (job.restarts !== undefined)
            s.restarts = job.restarts;
        if (v.phase === "pending")
            delete s.start;
        else if (job.start !== undefined)
            s.start = job.start;
        if (job.end !== undefined && v.terminal)
            s.end = job.end;
        if (job.elapsed !== undefined)
            s.elapsed = job.elapsed;
        s.source = job.source;
        if (job.tasks?.length) {
            s.array_tasks = job.tasks.map((t) => ({ job_id: t.jobId, state: t.state, exit_code: t.exitCode ?? null }));
        }
    }
    if (v.cancelledBy)
        s.cancelled_by = v.cancelledBy;
    if (succeeded)
        s.outcome = "succeeded";
    s.decision = v.detail;
    m.slurm = s;
}
/**
 * When no scheduler source knows the job any more (accounting off, and the
 * controller forgot it MinJobAge after it ended; or accounting down), a
 * complete sentinel written by this very job (its job id, an end time and an
 * exit code) is evidence of how it ended: the run is decided from it instead
 * of waiting out the grace and failing it as unknown.
 */
function sentinelVerdict(m, s) {
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    if (s.state !== "present" || jobId === undefined || s.jobId !== jobId)
        return undefined;
    if (s.endedAt === undefined || s.exitCode === undefined)
        return undefined;
    const detail = `the scheduler no longer knows job ${jobId}; its job_sentinel.json says it ended at ${s.endedAt} with exit ${s.exitCode}`;
    return s.exitCode === 0
        ? { phase: "succeeded", terminal: true, detail }
        : { phase: "failed", terminal: true, failureReason: "exit_code", detail, exitCode: s.exitCode };
}
/** The per-run decision of a tick, before any sync. */
function decideRun(i) {
    const st = new Step(i.manifest, i.at);
    const m0 = i.manifest;
    const before = (0,run/* statusOf */.c2)(m0);
    const jobId = (0,run/* manifestJobId */.Gf)(m0);
    if (!asksScheduler(m0)) {
        if (endedByHand(m0)) {
            st.m = handEnd(m0, i.at);
            return st.done();
        }
        if (m0.host_mode === "slurm" && before === "running" && m0.slurm?.outcome === "succeeded")
            return st.done(true);
        if (m0.host_mode === "slurm" && IN_FLIGHT.has(before) && jobId === undefined) {
            st.findings.push({
                severity: "warning",
                check: "monitor.no_job_id",
                file: i.file,
                message: `run ${m0.run_id} is ${before} but has no job id: its launch did not finish, so there is nothing to ask the scheduler about`,
                hint: `look for its job with \`sacct --name autolab-${m0.run_id}\`; relaunch with the same --launch-key to adopt it, or autolab launch ${m0.iteration_id} --run-id ${m0.run_id} when no job exists`,
            });
        }
        return st.done();
    }
    if (i.answer === "outage")
        return st.done(); // an outage changes no run
    const told = !i.job ? sentinelVerdict(m0, i.sentinel) : undefined;
    if (!i.job && i.unresolved && !told) {
        st.findings.push({
            severity: "notice",
            check: "scheduler.unresolved",
            message: `job ${jobId} of run ${m0.run_id}: the controller no longer lists it and accounting is down; left as ${before} until sacct answers`,
            file: i.file,
        });
        return st.done();
    }
    let job = i.job;
    let verdict = i.verdict;
    let sentinel = i.sentinel;
    let note = i.sentinelNote ?? "";
    const otherName = jobNameMismatch(m0, job);
    if (otherName !== undefined) {
        st.findings.push({
            severity: "warning",
            check: "scheduler.job_name_mismatch",
            file: i.file,
            jsonPath: "/slurm/job_name",
            message: `job ${jobId} is named ${JSON.stringify(otherName)} for the scheduler, not ${JSON.stringify(m0.slurm?.job_name)} as run ${m0.run_id} recorded: it is another job, so run ${m0.run_id}'s job counts as unknown (failed as unknown_job after ${i.graceSeconds} s)`,
            hint: `look for the run's own job with \`sacct --name ${String(m0.slurm?.job_name)}\`; if it exists, put its id into the manifest`,
        });
        job = undefined;
        verdict = undefined;
        sentinel = { state: "missing" };
        note = "";
    }
    if (job?.runaway !== undefined)
        return runawayStep(st, i, job, sentinel);
    let unknownSince;
    let v;
    let gaveUp;
    if (!job && told && otherName === undefined) {
        v = told;
    }
    else if (!job || !verdict) {
        const u = unknownJob(m0.slurm?.unknown_since, i.now, i.at, i.graceSeconds);
        unknownSince = u.unknownSince;
        v = { phase: u.phase, terminal: u.terminal, failureReason: u.failureReason, detail: u.detail };
    }
    else {
        v = withEarlySentinel(verdict, sentinel);
    }
    v = { ...v, detail: v.detail + note };
    if (otherName !== undefined)
        v.detail += ` (job ${jobId} is named ${otherName}, not ${String(m0.slurm?.job_name)}: another job)`;
    const succeeded = v.phase === "succeeded";
    recordJob(st.m, v, job, i.at, succeeded);
    if (job && jobId !== undefined)
        st.m.attempts = (0,attempts/* attemptsAfter */.xX)(st.m, job, v, jobId, i.at, sentinel);
    if (job && jobId !== undefined)
        (0,efficiency/* recordUsage */.L2)(st.m, job, v, { jobId, at: i.at, hintBelow: i.efficiencyHintBelow });
    if (job || told)
        delete st.m.slurm.unknown_since;
    else if (unknownSince)
        st.m.slurm.unknown_since = unknownSince;
    if (v.phase === "running") {
        st.move("running", v.detail);
    }
    else if (succeeded) {
        const ran = `the job ran${job?.start ? ` from ${job.start}` : ""}${job?.end ? ` to ${job.end}` : ""}`;
        st.move("running", `${ran}; ${v.detail}`);
        return st.done(true);
    }
    else if (v.terminal) {
        // The attempt ended: resubmitted by the policy (domain/resubmit.ts), or the run fails.
        const end = (0,resubmit/* endAttempt */.T8)(st.m, v, sentinel, jobId ?? "", (0,run/* sweepIdOf */.rA)(m0) !== undefined);
        if ("plan" in end)
            st.resubmit = end.plan;
        else {
            const f = end.failure;
            st.move("failed", f.message, {
                ...f,
                cancelled_by: v.cancelledBy,
                exit_code: st.m.slurm?.exit_code || undefined,
            });
        }
    }
    else if (v.phase === "unknown") {
        st.findings.push({
            severity: "warning",
            check: "scheduler.unknown_job",
            message: job
                ? `job ${jobId} of run ${m0.run_id}: ${v.detail}`
                : `job ${jobId} of run ${m0.run_id} is not known to the scheduler (since ${unknownSince ?? i.at}); it is called failed (unknown_job) after ${i.graceSeconds} s`,
            file: i.file,
        });
    }
    else if (v.phase === "pending" && job && jobId !== undefined && (gaveUp = givesUp(i, job, jobId))) {
        st.move("failed", gaveUp.message, gaveUp);
        st.cancelJob = jobId;
    }
    else if (v.phase === "pending" && job?.reason && i.neverStarts) {
        st.findings.push({
            severity: "warning",
            check: "scheduler.never_starts",
            message: `job ${jobId} of run ${m0.run_id} is pending with reason ${job.reason}: it will not start unless the request or the cluster changes`,
            file: i.file,
            hint: `change the request in design.yaml and relaunch (autolab cancel ${m0.run_id}), or ask the admins (scontrol show job ${jobId})`,
        });
    }
    else if (v.phase === "pending" && jobId !== undefined) {
        const n = waitingNotice(st.m, jobId, i.file);
        if (n)
            st.findings.push(n);
    }
    return st.done();
}
const DEFAULT_RUNAWAY_LOST_AFTER_SECONDS = 86400;
/**
 * A runaway accounting record (sacct says RUNNING, the controller does not
 * have the job, past its time limit) is not "running": a complete sentinel of
 * this job decides the run; without one the run is left as it is with a
 * warning naming `sacctmgr show runawayjobs`, and failed as `lost` once the
 * record has stood `runawayLostAfterSeconds` since the first tick saw it
 * (`slurm.runaway_since`).
 */
function runawayStep(st, i, job, sentinel) {
    const m0 = i.manifest;
    const jobId = (0,run/* manifestJobId */.Gf)(m0);
    const told = sentinelVerdict(m0, sentinel);
    if (told) {
        const v = { ...told, detail: `${job.runaway} (a runaway accounting record); ${told.detail}` };
        recordJob(st.m, v, job, i.at, v.phase === "succeeded");
        delete st.m.slurm.runaway_since;
        if (v.phase === "succeeded") {
            st.move("running", v.detail);
            return st.done(true);
        }
        st.move("failed", v.detail, { reason: "exit_code", message: v.detail, sentinel_exit_code: told.exitCode });
        return st.done();
    }
    const prev = m0.slurm?.runaway_since;
    const since = typeof prev === "string" && !Number.isNaN(Date.parse(prev)) ? prev : i.at;
    const limit = i.runawayLostAfterSeconds ?? DEFAULT_RUNAWAY_LOST_AFTER_SECONDS;
    const lost = (0,time/* secondsSince */.w)(since, i.now) >= limit;
    const detail = lost
        ? `${job.runaway}: a runaway accounting record since ${since} (more than ${limit} s) and no complete job_sentinel.json: the job is lost`
        : `${job.runaway}: a runaway accounting record (since ${since}); no complete job_sentinel.json yet`;
    recordJob(st.m, { phase: "unknown", terminal: lost, detail }, job, i.at, false);
    st.m.slurm.runaway_since = since;
    if (lost) {
        st.move("failed", detail, { reason: "lost", message: detail });
        return st.done();
    }
    st.findings.push({
        severity: "warning",
        check: "scheduler.runaway",
        file: i.file,
        message: `job ${jobId} of run ${m0.run_id}: ${job.runaway}, so slurmdbd never recorded its end (a runaway record); the run is left as ${(0,run/* statusOf */.c2)(m0)} and failed as lost after ${limit} s (since ${since}) unless its job_sentinel.json says how it ended`,
        hint: "ask the cluster admins to run `sacctmgr show runawayjobs` (it lists such records and offers to close them); the job's log and sentinel say how it really ended",
    });
    return st.done();
}
/** The decision after the artifacts of a job the scheduler called a success arrived. */
function afterSync(i) {
    const st = new Step(i.manifest, i.at);
    const code = i.sentinel.state === "present" ? i.sentinel.exitCode : undefined;
    const slurm = { ...(st.m.slurm ?? {}) };
    if (code === 0) {
        delete slurm.sentinel_missing_since;
        st.m.slurm = slurm;
        st.move("synced", `${i.syncEvidence}; job_sentinel.json says exit 0`);
        return st.done();
    }
    if (code !== undefined) {
        const evidence = `${i.syncEvidence}; but job_sentinel.json says exit ${code}, although the scheduler reported success`;
        st.m.slurm = slurm;
        st.move("failed", evidence, { reason: "exit_code", message: evidence, sentinel_exit_code: code });
        return st.done();
    }
    if (i.sentinel.state === "missing" && !(0,run/* writesSentinel */.X9)(st.m)) {
        delete slurm.sentinel_missing_since;
        st.m.slurm = slurm;
        st.move("synced", `${i.syncEvidence}; no job_sentinel.json is expected: the run was launched by the Python autolab tool, whose job scripts write none, so the scheduler's success is the evidence`);
        return st.done();
    }
    const since = typeof slurm.sentinel_missing_since === "string" ? slurm.sentinel_missing_since : i.at;
    const what = i.sentinel.state === "present"
        ? "job_sentinel.json has no exit code (the job script did not reach its end)"
        : `job_sentinel.json is missing${i.sentinelNote ?? ""}`;
    if ((0,time/* secondsSince */.w)(since, i.now) >= i.graceSeconds) {
        const evidence = `${i.syncEvidence}; but ${what} since ${since}`;
        st.m.slurm = slurm;
        st.move("failed", evidence, { reason: "sentinel_missing", message: evidence });
        return st.done();
    }
    slurm.sentinel_missing_since = since;
    st.m.slurm = slurm;
    const jobId = (0,run/* manifestJobId */.Gf)(st.m);
    st.findings.push({
        severity: "warning",
        check: "monitor.sentinel_missing",
        file: i.file,
        message: `job ${jobId} of run ${st.m.run_id} completed with exit 0 for the scheduler, but ${what}; waiting up to ${i.graceSeconds} s (since ${since}) before calling the run failed`,
        hint: "a shared filesystem can show new files late; if the job's files live elsewhere, check artifact_sync",
    });
    return st.done();
}


/***/ }),

/***/ 6872:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a4: () => (/* binding */ efficiencyOfManifest),
/* harmony export */   eR: () => (/* binding */ efficiencyLine),
/* harmony export */   xN: () => (/* binding */ jobTimesOf),
/* harmony export */   yx: () => (/* binding */ efficiencyHints)
/* harmony export */ });
/* unused harmony export spanText */
/* harmony import */ var _domain_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1911);
/* harmony import */ var _domain_units_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6564);
/* harmony import */ var _domain_tick_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3915);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5086);




function obj(v) {
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}
function str(v) {
    return typeof v === "string" && v.trim() !== "" && !/^(unknown|none|n\/a)$/i.test(v.trim()) ? v : undefined;
}
const num = (v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
/**
 * The run's times. Without `now` only spans that are over are given (a check
 * run must not change by itself); with `now`, a span still going runs to it.
 */
function jobTimesOf(m, now) {
    const going = _domain_tick_js__WEBPACK_IMPORTED_MODULE_1__/* .IN_FLIGHT */ .Ri.has((0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(m));
    if (m.host_mode === "local") {
        const start = str(m.timestamps?.started_at) ?? str(m.started_at);
        const end = str(m.timestamps?.completed_at) ?? str(m.completed_at);
        const t = { ...(0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .jobSpans */ .x8)({ start, end, going }, now) };
        if (start)
            t.start = start;
        if (end)
            t.end = end;
        return t;
    }
    const s = m.slurm ?? {};
    const t = {};
    const submit = str(s.submit);
    const start = str(s.start);
    const end = str(s.end);
    if (submit)
        t.submit = submit;
    if (start)
        t.start = start;
    if (end)
        t.end = end;
    const est = str(s.expected_start);
    if (est && !start)
        t.expectedStart = est;
    Object.assign(t, (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .jobSpans */ .x8)({ submit, start, end, going }, now));
    return t;
}
/** The manifest's efficiency record, read defensively (a hand-edited file may hold anything). */
function efficiencyOfManifest(m) {
    const e = obj(m.efficiency) ?? obj(obj(m.slurm)?.efficiency);
    return e ? e : undefined;
}
const pct = (x) => `${Math.round(x * 100)}%`;
/** The figures in one line: `CPU 98% of 1 · memory 216 MiB of 500 MiB (43%) · time 8s of 2m 00s (7%) · GPU 2 (95%)`. */
function efficiencyLine(e) {
    if (!e)
        return undefined;
    const parts = [];
    const cpu = num(e.cpu_efficiency);
    const cpus = num(e.alloc_cpus);
    if (cpu !== undefined)
        parts.push(`CPU ${pct(cpu)}${cpus !== undefined ? ` of ${cpus}` : ""}`);
    const rss = num(e.max_rss_bytes);
    const req = num(e.req_mem_bytes);
    const mem = num(e.memory_used);
    if (rss !== undefined)
        parts.push(`memory ${(0,_domain_units_js__WEBPACK_IMPORTED_MODULE_3__/* .humanBytes */ .p)(rss)}${req !== undefined ? ` of ${(0,_domain_units_js__WEBPACK_IMPORTED_MODULE_3__/* .humanBytes */ .p)(req)}` : ""}${mem !== undefined ? ` (${pct(mem)})` : ""}`);
    else if (req !== undefined)
        parts.push(`memory ? of ${(0,_domain_units_js__WEBPACK_IMPORTED_MODULE_3__/* .humanBytes */ .p)(req)} (not sampled)`);
    const el = num(e.elapsed_seconds);
    const lim = e.time_limit_seconds;
    const tu = num(e.time_used);
    if (el !== undefined)
        parts.push(`time ${(0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(el)}${typeof lim === "number" ? ` of ${(0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(lim)}` : lim === "unlimited" ? " (no limit)" : ""}${tu !== undefined ? ` (${pct(tu)})` : ""}`);
    const gpus = num(e.gpus);
    const gu = num(e.gpu_util);
    if (gpus)
        parts.push(`GPU ${gpus}${gu !== undefined ? ` (${pct(gu)} used)` : " (use not accounted)"}`);
    return parts.length ? parts.join(" · ") : undefined;
}
/** The right-sizing hints the monitor recorded. */
function efficiencyHints(e) {
    return Array.isArray(e?.hints) ? e.hints.filter((h) => typeof h === "string" && h.length <= 500) : [];
}
/** `12s`, or `—`. */
function spanText(s) {
    return s === undefined ? "—" : formatDuration(s);
}


/***/ }),

/***/ 2679:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A2: () => (/* binding */ monitorText),
/* harmony export */   J2: () => (/* binding */ failedThisTick),
/* harmony export */   Tw: () => (/* binding */ logPathOf),
/* harmony export */   Xx: () => (/* binding */ monitorOutputs),
/* harmony export */   df: () => (/* binding */ commitMessage),
/* harmony export */   dk: () => (/* binding */ logTailsOf),
/* harmony export */   j6: () => (/* binding */ monitorSummary),
/* harmony export */   lY: () => (/* binding */ changedRuns),
/* harmony export */   yn: () => (/* binding */ monitorVerdict)
/* harmony export */ });
/* unused harmony exports schedulerLine, runLine, progressLine, pushText, sweepOutputs, runsFailedText */
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9740);
/* harmony import */ var _run_check_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7193);
/* harmony import */ var _job_usage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6872);



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
    return (`${r.runId}  job=${r.jobId ?? "-"}${r.cluster ? `  cluster=${r.cluster}` : ""}  ${r.after}${moves ? `  [${moves}]` : ""}` +
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
    const c = (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .committedText */ .aT)(rep.commit);
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
        ...sweepOutputs(rep.sweeps),
    ];
}
/**
 * `sweep-id`, `sweep-result` (the group metrics document, as written to
 * `sweep_metrics.json`) and `best-point` (`{index, label, params, value}`)
 * of the sweep whose group result this tick recomputed (the first by sweep
 * id when several were); empty when none was.
 */
function sweepOutputs(sweeps) {
    const g = [...(sweeps ?? [])].sort((a, b) => a.sweepId.localeCompare(b.sweepId))[0];
    if (!g)
        return [
            ["sweep-id", ""],
            ["sweep-result", ""],
            ["best-point", ""],
        ];
    const best = g.result.best === undefined ? undefined : g.result.points[g.result.best];
    const points = (g.document.points ?? []);
    return [
        ["sweep-id", g.sweepId],
        ["sweep-result", JSON.stringify(g.document)],
        [
            "best-point",
            best
                ? JSON.stringify({
                    index: best.point,
                    label: best.label,
                    params: points.find((p) => p.index === best.point)?.params ?? {},
                    value: best.center,
                })
                : "",
        ],
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
        cluster: r.cluster,
        state: r.slurmState ? `${r.after} (${r.slurmState})` : r.after,
        // SLURM's own times (a local run's are its start and end): never the tick that noticed.
        submittedAt: local ? undefined : (0,_run_check_js__WEBPACK_IMPORTED_MODULE_0__/* .isoUtc */ .u8)(r.slurmSubmit),
        expectedStart: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_0__/* .isoUtc */ .u8)(r.expectedStart),
        startedAt: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_0__/* .isoUtc */ .u8)(local ? r.startedAt : r.slurmStart),
        completedAt: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_0__/* .isoUtc */ .u8)(local ? r.completedAt : r.slurmEnd),
        sync: r.syncStatus,
        primaryMetric: r.primaryMetric,
        metricsStatus: r.metricsStatus,
        reason: failed ? [r.failureReason, r.exitCode ? `exit ${r.exitCode}` : ""].filter(Boolean).join(", ") : r.reason,
        efficiency: (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_1__/* .efficiencyLine */ .eR)(r.efficiency),
        hints: (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_1__/* .efficiencyHints */ .yx)(r.efficiency).length ? (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_1__/* .efficiencyHints */ .yx)(r.efficiency) : undefined,
        manifestPath: r.manifestPath,
        logPath: logPathOf(r.manifestPath, r.hostMode, r.jobId),
    };
}
/** The job summary of a tick; `notes` are the publishing notes (findings fallback, check runs not written). */
function monitorSummary(rep, notes) {
    const c = (0,_common_js__WEBPACK_IMPORTED_MODULE_2__/* .committedText */ .aT)(rep.commit);
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
        warning: `scheduler outage (${o.consecutiveFailedTicks} tick(s)): ${o.error}; ${o.clusters?.length ? `no run on ${o.clusters.join(", ")} was changed` : "no run was changed"}`,
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
    const subject = outage?.clusters?.length
        ? `autolab: monitor tick: ${moved.length} run(s) advanced; outage of ${outage.clusters.join(", ")} recorded (${outage.consecutiveFailedTicks} failed tick(s))`
        : outage
            ? `autolab: monitor tick: scheduler outage recorded (${outage.consecutiveFailedTicks} failed tick(s))`
            : `autolab: monitor tick: ${moved.length} run(s) advanced`;
    const body = moved.map((r) => `- ${r.runId}${r.jobId ? ` (job ${r.jobId})` : ""}: ${r.before} -> ${r.after}${r.failureReason ? ` (${r.failureReason})` : ""}`);
    return body.length ? `${subject}\n\n${body.join("\n")}` : subject;
}


/***/ }),

/***/ 7193:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ac: () => (/* binding */ runCheckFingerprint),
/* harmony export */   pE: () => (/* binding */ runCheckName),
/* harmony export */   ps: () => (/* binding */ runDetailsUrl),
/* harmony export */   r4: () => (/* binding */ runCheckOf),
/* harmony export */   u8: () => (/* binding */ isoUtc)
/* harmony export */ });
/* unused harmony exports conclusionForRun, runTimes, metricText, efficiencyText */
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5086);
/* harmony import */ var _domain_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1911);
/* harmony import */ var _job_usage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6872);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5412);




/** The check run name for an experiment run. */
function runCheckName(runId) {
    return `autolab run ${runId}`;
}
/** The run's directory on the launch commit, on GitHub. */
function runDetailsUrl(o) {
    const dir = o.manifestPath.replace(/\\/g, "/").replace(/\/[^/]*$/, "");
    const enc = dir.split("/").map(encodeURIComponent).join("/");
    return `${o.serverUrl.replace(/\/+$/, "")}/${o.owner}/${o.repo}/tree/${o.sha}/${enc}`;
}
/**
 * A time as GitHub wants it (ISO 8601 with a zone), or undefined. SLURM
 * prints its times without a zone, in the local time of the host that asked
 * (the tool asks on this host): they are read as local time.
 */
function isoUtc(s) {
    if (typeof s !== "string" || !s.trim() || /^(unknown|none|n\/a)$/i.test(s.trim()))
        return undefined;
    const t = Date.parse(s.trim());
    if (Number.isNaN(t))
        return undefined;
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function str(v) {
    return typeof v === "string" && v !== "" ? v : undefined;
}
/** The conclusion of a run's check run; undefined while the run is not finished. */
function conclusionForRun(r) {
    if (r.after === "completed")
        return r.metricsStatus === "failed" ? "failure" : "success";
    if (r.after === "partial")
        return "neutral";
    if (r.after !== "failed")
        return undefined;
    if (r.failureReason === "timeout")
        return "timed_out";
    if (r.failureReason === "cancelled")
        return "cancelled";
    return "failure";
}
/** SLURM's start and end of the job (a local run: launch and completion). */
function runTimes(m) {
    if (m.host_mode === "local") {
        return {
            start: isoUtc(m.timestamps?.started_at ?? m.started_at),
            end: isoUtc(m.timestamps?.completed_at ?? m.completed_at),
        };
    }
    return { start: isoUtc(m.slurm?.start), end: isoUtc(m.slurm?.end) };
}
/** `val_loss = 0.1235`, `val_loss = —` (no value), or undefined (no metric). */
function metricText(p) {
    if (!p || typeof p.name !== "string")
        return undefined;
    if (p.value === null || typeof p.value !== "number" || !Number.isFinite(p.value))
        return `${p.name} = —`;
    const v = Number.isInteger(p.value) ? String(p.value) : String(Number(p.value.toPrecision(6)));
    return `${p.name} = ${v}`;
}
/**
 * The efficiency figures the manifest carries (`efficiency`: written by the
 * monitor from SLURM's accounting when the job ended, domain/efficiency.ts),
 * in one line; never computed here.
 */
function efficiencyText(m) {
    return (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .efficiencyLine */ .eR)((0,_job_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .efficiencyOfManifest */ .a4)(m));
}
function cell(s) {
    return s.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
}
/** The check run of one run, from its manifest as it is on the branch. */
function runCheckOf(i) {
    const m = i.manifest;
    const status = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .statusOf */ .c2)(m);
    const failureReason = status === "failed" ? ((0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .failureReasonOf */ .M3)(m) ?? str(m.slurm?.failure_reason)) : undefined;
    const conclusion = conclusionForRun({ after: status, metricsStatus: i.metrics?.status, failureReason });
    const times = runTimes(m);
    const jobId = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestJobId */ .Gf)(m);
    const slurmState = str(m.slurm?.state);
    const reason = str(m.slurm?.reason);
    const metric = metricText(i.metrics?.primary);
    const efficiency = efficiencyText(m);
    const hints = (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .efficiencyHints */ .yx)((0,_job_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .efficiencyOfManifest */ .a4)(m));
    // Only spans that are over: the check run must not change by itself between ticks.
    const spans = (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .jobTimesOf */ .xN)(m);
    const sweep = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .sweepIdOf */ .rA)(m);
    const checkStatus = conclusion ? "completed" : status === "running" || status === "synced" ? "in_progress" : "queued";
    const stateWords = `${status}${failureReason ? ` (${failureReason})` : ""}`;
    const title = (0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)([stateWords, slurmState && slurmState.toLowerCase() !== status ? `SLURM ${slurmState}` : "", metric ?? ""]
        .filter(Boolean)
        .join(" · "), _checks_js__WEBPACK_IMPORTED_MODULE_3__/* .TITLE_LIMIT */ .TH);
    const rows = [
        ["Run", `\`${m.run_id}\``],
        ["Iteration", m.iteration_id],
        ["Sweep", sweep],
        ["Job", m.host_mode === "local" ? "local run" : (jobId ?? "—")],
        ["Cluster", m.host_mode === "local" ? undefined : (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestCluster */ .YK)(m)],
        ["State", stateWords],
        ["SLURM state", slurmState ? `${slurmState}${reason && reason !== "None" ? ` (${reason})` : ""}` : undefined],
        ["Submitted (SLURM)", isoUtc(spans.submit)],
        ["Expected start (SLURM)", isoUtc(spans.expectedStart)],
        ["Started (SLURM)", times.start],
        ["Ended (SLURM)", times.end],
        ["Queued", spans.queuedSeconds !== undefined ? (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(spans.queuedSeconds) : undefined],
        ["Run time", spans.runSeconds !== undefined ? (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(spans.runSeconds) : undefined],
        ["Primary metric", metric ? `${metric}${i.metrics?.status ? ` (metrics ${i.metrics.status})` : ""}` : undefined],
        ["Efficiency", efficiency],
        ["Right-sizing", hints.length ? hints.join("; ") : undefined],
        ["Failure reason", failureReason],
        ["Exit code", status === "failed" ? str(m.slurm?.exit_code) : undefined],
        ["Manifest", `\`${i.manifestPath}\``],
    ];
    const summary = [
        "| | |",
        "|---|---|",
        ...rows.filter((r) => r[1] !== undefined).map(([k, v]) => `| ${k} | ${cell(v)} |`),
    ].join("\n");
    const text = i.logTail ? `Log tail:\n\n\`\`\`\n${i.logTail.slice(-_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .LOG_TAIL_CHARS */ .GR)}\n\`\`\`` : undefined;
    return {
        name: runCheckName(m.run_id),
        external_id: m.run_id,
        status: checkStatus,
        ...(conclusion ? { conclusion } : {}),
        ...(times.start && checkStatus !== "queued" ? { started_at: times.start } : {}),
        ...(conclusion && times.end ? { completed_at: times.end } : {}),
        title,
        summary: (0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)(summary, _checks_js__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT_TEXT_LIMIT */ .a5),
        ...(text ? { text: (0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .clipStart */ .rh)(text, _checks_js__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT_TEXT_LIMIT */ .a5) } : {}),
    };
}
/**
 * What must match for GitHub's check to be "as the manifest says": all but
 * the log tail (known only in the tick that saw the run fail) and the links.
 */
function runCheckFingerprint(b) {
    return JSON.stringify([
        b.status,
        b.conclusion ?? null,
        b.started_at ?? null,
        b.completed_at ?? null,
        b.title,
        b.summary,
    ]);
}


/***/ }),

/***/ 8783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C1: () => (/* binding */ sortStatusRows),
/* harmony export */   Fn: () => (/* binding */ statusSummaryRuns),
/* harmony export */   Nr: () => (/* binding */ outageFinding),
/* harmony export */   _d: () => (/* binding */ stateCounts),
/* harmony export */   jf: () => (/* binding */ statusRow),
/* harmony export */   tr: () => (/* binding */ statusOutputs)
/* harmony export */ });
/* unused harmony exports formatAge, stateCell, slurmCell, reasonOf, formatStatusTable, sweepGroups, formatSweepTable, shortEfficiency, hintText, statusText */
/* harmony import */ var _contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(345);
/* harmony import */ var _domain_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1911);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(545);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5086);
/* harmony import */ var _monitor_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2679);
/* harmony import */ var _run_check_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7193);
/* harmony import */ var _job_usage_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6872);
/* harmony import */ var _summary_runs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5672);








function str(v) {
    return typeof v === "string" && v !== "" ? v : null;
}
/** A run's row: the manifest's word, else what its path says; the metric from its metrics.json when given. */
function statusRow(m, found, now, metrics) {
    const started = str(m.timestamps?.started_at) ?? str(m.started_at);
    const completed = str(m.timestamps?.completed_at) ?? str(m.completed_at);
    const failure = m.failure && typeof m.failure === "object" ? m.failure : {};
    const times = (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_5__/* .jobTimesOf */ .xN)(m, now);
    const eff = (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_5__/* .efficiencyOfManifest */ .a4)(m);
    return {
        runId: str(m.run_id) ?? found.runId,
        iterationId: str(m.iteration_id) ?? found.iterationId,
        hostMode: str(m.host_mode) ?? "?",
        jobId: (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestJobId */ .Gf)(m) ?? null,
        cluster: (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestCluster */ .YK)(m) ?? null,
        status: (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(m),
        failureReason: str(failure.reason) ?? str(m.slurm?.failure_reason),
        slurmState: str(m.slurm?.state),
        reason: str(m.slurm?.reason),
        sync: (0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeSyncStatus */ .N2)(m.artifact_sync_to_local?.status) ?? str(m.artifact_sync_to_local?.status),
        startedAt: started,
        completedAt: completed,
        slurmStart: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(m.slurm?.start) ?? null,
        slurmEnd: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(m.slurm?.end) ?? null,
        exitCode: str(m.slurm?.exit_code),
        sweepId: (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_2__/* .sweepIdOf */ .rA)(m) ?? null,
        metric: metrics?.primary ?? null,
        metricsStatus: metrics?.status ?? null,
        ageSeconds: (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .elapsedSeconds */ .us)(started ?? undefined, undefined, now) ?? null,
        slurmSubmit: (m.host_mode === "local" ? undefined : (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(times.submit)) ?? null,
        expectedStart: (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(times.expectedStart) ?? null,
        queuedSeconds: times.queuedSeconds ?? null,
        runSeconds: times.runSeconds ?? null,
        efficiency: eff ?? null,
        hints: (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_5__/* .efficiencyHints */ .yx)(eff),
        manifest: found.manifestDisplay,
    };
}
/** Oldest launch first, then by run id. */
function sortStatusRows(rows) {
    return [...rows].sort((a, b) => (a.startedAt ?? "").localeCompare(b.startedAt ?? "") || a.runId.localeCompare(b.runId));
}
function reached(st) {
    const named = Object.keys(st.clusters ?? {}).map((k) => (k ? `cluster ${k}` : "the default cluster"));
    return named.length ? named.join(" and ") : "the scheduler";
}
/** The warning that the states shown may be stale, when the last ticks could not reach the scheduler. */
function outageFinding(st) {
    const n = st.consecutive_failed_ticks;
    if (!(typeof n === "number" && n > 0))
        return undefined;
    return {
        severity: "warning",
        check: "scheduler.outage",
        file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .MONITOR_STATE_PATH */ .B7,
        message: `the last ${n} monitor tick(s) could not reach ${reached(st)} (since ${st.first_failed_at ?? st.last_poll_error_at ?? "?"}; last error: ${st.last_poll_error ?? "?"}); the states shown may be stale`,
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
        cluster: r.cluster ?? undefined,
        state: summaryState(r),
        submittedAt: local ? undefined : (r.slurmSubmit ?? undefined),
        expectedStart: r.expectedStart ?? undefined,
        startedAt: (local ? (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(r.startedAt) : r.slurmStart) ?? undefined,
        completedAt: (local ? (0,_run_check_js__WEBPACK_IMPORTED_MODULE_4__/* .isoUtc */ .u8)(r.completedAt) : r.slurmEnd) ?? undefined,
        sync: r.sync ?? undefined,
        primaryMetric: r.metric ?? undefined,
        metricsStatus: r.metricsStatus ?? undefined,
        reason: reasonOf(r),
        efficiency: (0,_job_usage_js__WEBPACK_IMPORTED_MODULE_5__/* .efficiencyLine */ .eR)(r.efficiency ?? undefined),
        hints: r.hints.length ? r.hints : undefined,
        manifestPath: r.manifest,
        logPath: (0,_monitor_js__WEBPACK_IMPORTED_MODULE_3__/* .logPathOf */ .Tw)(r.manifest, r.hostMode, r.jobId ?? undefined),
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
    const head = [
        "RUN",
        "ITERATION",
        "JOB",
        "STATE",
        "SLURM",
        "AGE",
        "QUEUED",
        "RAN",
        "SYNC",
        "METRIC",
        "EFFICIENCY",
        "REASON",
    ];
    const body = rows.map((r) => {
        const s = asSummaryRun(r);
        return [
            r.runId,
            r.iterationId,
            r.jobId ? jobCell(r.jobId, r.cluster ?? undefined).replace(/\s+/g, " ") : r.hostMode === "local" ? "local" : "-",
            stateCell(r),
            slurmCell(r),
            formatAge(r.ageSeconds),
            r.queuedSeconds !== null ? formatAge(r.queuedSeconds) : "-",
            r.runSeconds !== null ? formatAge(r.runSeconds) : "-",
            r.sync ?? "-",
            metricCell(s).replace(/\s+/g, " "),
            shortEfficiency(r.efficiency) + (r.hints.length ? " !" : ""),
            (reasonCell(s) + (r.expectedStart && !r.slurmStart ? `; expected start ${r.expectedStart}` : "")).replace(/\s+/g, " "),
        ];
    });
    return padTable(head, body);
}
const STATE_ORDER = [
    "pending",
    "submitted",
    "running",
    "syncing",
    "synced",
    "completed",
    "partial",
    "failed",
    "cancelled",
];
function stateRank(s) {
    const i = STATE_ORDER.indexOf(s);
    return i < 0 ? STATE_ORDER.length : i;
}
/** State -> how many of `statuses` are in it, in lifecycle order (pending first, failed and cancelled last). */
function stateCounts(statuses) {
    const tally = new Map();
    for (const s of statuses)
        tally.set(s, (tally.get(s) ?? 0) + 1);
    const states = [...tally.keys()].sort((a, b) => stateRank(a) - stateRank(b) || a.localeCompare(b));
    return Object.fromEntries(states.map((st) => [st, tally.get(st)]));
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
        return {
            sweepId: rs[0].sweepId,
            iterationId: rs[0].iterationId,
            tasks: rs.length,
            counts: stateCounts(rs.map((r) => r.status)),
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
/** `cpu 98% mem 43% time 7% gpu 95%`: the ratios of an efficiency record, or `-`. */
function shortEfficiency(e) {
    if (!e)
        return "-";
    const parts = [];
    const add = (label, v) => {
        if (typeof v === "number" && Number.isFinite(v))
            parts.push(`${label} ${Math.round(v * 100)}%`);
    };
    add("cpu", e.cpu_efficiency);
    add("mem", e.memory_used);
    add("time", e.time_used);
    add("gpu", e.gpu_util);
    return parts.length ? parts.join(" ") : "-";
}
/** The right-sizing hints under the table: one line per hint, `hint <run>: <text>`. */
function hintText(rows) {
    return rows.flatMap((r) => r.hints.map((h) => `hint ${r.runId}: ${h}\n`)).join("");
}
/** `autolab status` on the terminal: the table (or "no runs"), the right-sizing hints, then the sweeps with their per-state counts. */
function statusText(rows) {
    if (!rows.length)
        return "no runs\n";
    const groups = sweepGroups(rows);
    const hints = hintText(rows);
    return formatStatusTable(rows) + (hints ? "\n" + hints : "") + (groups.length ? "\n" + formatSweepTable(groups) : "");
}
/** The runs of the action's status summary: SLURM's times, the metric and the reason. */
function statusSummaryRuns(rows) {
    return rows.map(asSummaryRun);
}
/** The action's status outputs: every row as JSON. */
function statusOutputs(rows) {
    return [["runs", JSON.stringify(rows)]];
}


/***/ }),

/***/ 6175:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BN: () => (/* binding */ readMetricsOf),
/* harmony export */   TQ: () => (/* binding */ factsStamp),
/* harmony export */   XL: () => (/* binding */ readManifestOf)
/* harmony export */ });
/* unused harmony export MAX_METRICS_BYTES */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(545);
/* harmony import */ var _domain_run_index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8739);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/* harmony import */ var _runs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(564);
/**
 * A run's manifest and metrics as reports need them (status, check runs):
 * read without following links, never blocking on a FIFO, and refused above
 * a size cap with an error naming the file (bounded memory per run).
 */







/** metrics.json larger than this is refused (the parser's own output is capped at 1 MiB). */
const MAX_METRICS_BYTES = 4 * 1024 * 1024;
function parseObject(buf, shown) {
    let v;
    try {
        v = JSON.parse(buf.toString("utf8"));
    }
    catch (e) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`not valid JSON: ${e.message}`, { file: shown });
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0("not a JSON object", { file: shown });
    return v;
}
/** The run's manifest (throws an AutolabError naming the file when it is missing, too large, linked or not JSON). */
async function readManifestOf(r) {
    const buf = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readOwnedBytes */ .pW)((0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .rootOf */ .I5)(r.manifestPath, r.manifestDisplay), r.manifestPath, r.manifestDisplay, _runs_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_MANIFEST_BYTES */ .ZJ);
    if (buf === undefined)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0("file not found", { file: r.manifestDisplay });
    return parseObject(buf, r.manifestDisplay);
}
/** The status and primary metric of the run's metrics.json; undefined when there is none (or it cannot be read). */
async function readMetricsOf(r) {
    const shown = `${r.runPath}/${_domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS_FILE */ .HL}`;
    try {
        const buf = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readOwnedBytes */ .pW)((0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .rootOf */ .I5)(r.manifestPath, r.manifestDisplay), node_path__WEBPACK_IMPORTED_MODULE_1__.join(r.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS_FILE */ .HL), shown, MAX_METRICS_BYTES);
        if (!buf)
            return undefined;
        const j = parseObject(buf, shown);
        const pm = j.primary_metric;
        return {
            status: typeof j.status === "string" ? j.status : undefined,
            primary: pm && typeof pm.name === "string"
                ? { name: pm.name, value: typeof pm.value === "number" ? pm.value : null }
                : undefined,
        };
    }
    catch {
        return undefined;
    }
}
/** The stamp of what a run's reports are computed from: its manifest and its metrics.json (or their absence). */
async function factsStamp(r) {
    const one = async (p) => {
        try {
            return (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_6__/* .stampKey */ .Fp)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(p));
        }
        catch {
            return "-";
        }
    };
    const m = r.manifestStamp ? (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_6__/* .stampKey */ .Fp)(r.manifestStamp) : await one(r.manifestPath);
    return `${m}/${await one(node_path__WEBPACK_IMPORTED_MODULE_1__.join(r.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .METRICS_FILE */ .HL))}`;
}


/***/ }),

/***/ 564:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bl: () => (/* binding */ settleIndexed),
/* harmony export */   WX: () => (/* binding */ loadUnvouched),
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES)
/* harmony export */ });
/* unused harmony exports ledgerFields, loadRunsIndexed */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _contract_validate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4024);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(545);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5086);
/* harmony import */ var _domain_tick_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3915);
/* harmony import */ var _domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8739);
/* harmony import */ var _ledger_sync_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1735);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3272);
/**
 * Reading the runs of a repository for a command: every manifest once (a
 * JSON parse for all; schema validation only for the runs the command acts
 * on). A finished, extracted run keeps only the fields its ledger line needs,
 * so a tick over 10,000 runs does not hold every manifest in memory.
 *
 * With a run index (domain/run-index.ts, store/run-index.ts), a finished run
 * whose manifest, metrics and ledger line are as the index recorded them is
 * not read at all: it comes back as a `CachedRun`, and the index to keep for
 * the next tick is returned.
 */










/** A manifest larger than this is refused with a clear error (bounded memory per tick). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
/**
 * The fields the ledger line reads (run, iteration, host, job id, status, launch
 * date, cluster), nothing else. A run the Python autolab tool launched keeps its
 * whole manifest: that tool's bullet rules read more of it (`slurm.job_id` before
 * `job_id`, `timestamp_utc`, `launch_snapshot`, the offset of a timestamp), and
 * only the whole manifest tells that it is such a run.
 */
function ledgerFields(m) {
    if ((0,_domain_run_js__WEBPACK_IMPORTED_MODULE_3__/* .launchedByPythonTool */ .yd)(m))
        return m;
    const jobId = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestJobId */ .Gf)(m);
    const cluster = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestCluster */ .YK)(m);
    const ts = m.timestamps && typeof m.timestamps === "object" ? m.timestamps : undefined;
    return {
        schema_version: m.schema_version,
        run_id: m.run_id,
        iteration_id: m.iteration_id,
        host_mode: m.host_mode,
        status: m.status,
        command: "",
        resource_request: {},
        artifact_sync_to_local: {},
        timestamps: { started_at: ts?.started_at },
        ...(m.started_at !== undefined ? { started_at: m.started_at } : {}),
        ...(jobId !== undefined ? { job_id: jobId } : {}),
        ...(cluster !== undefined ? { slurm: { cluster } } : {}),
    };
}
/**
 * The manifest's bytes, never through a link: a linked manifest, run dir,
 * runs/ or iteration dir is an error. A run discovery reached through real
 * directories only is opened without following a link and must be the inode
 * discovery stamped (one open, no walk); anything else walks the path.
 */
async function manifestBytes(run) {
    if (run.linkFree && run.manifestStamp) {
        const r = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_7__/* .readNoFollowSync */ .Om)(run.manifestPath, MAX_MANIFEST_BYTES);
        if (r.data && r.ino === run.manifestStamp.ino)
            return r.data;
    }
    return (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_7__/* .readOwnedBytes */ .pW)((0,_util_fs_js__WEBPACK_IMPORTED_MODULE_7__/* .rootOf */ .I5)(run.manifestPath, run.manifestDisplay), run.manifestPath, run.manifestDisplay, MAX_MANIFEST_BYTES);
}
async function loadOne(run, findings, hasMetrics = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(run.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__/* .METRICS_FILE */ .HL))) {
    let text;
    try {
        const buf = await manifestBytes(run);
        if (buf === undefined)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .AutolabError */ .t0("file not found", { file: run.manifestDisplay });
        text = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_7__/* .decodeUtf8Strict */ .h0)(buf, run.manifestDisplay);
    }
    catch (e) {
        findings.push((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .findingFromError */ .Oo)(e, "manifest.read", run.manifestDisplay, { severity: "error" }));
        return undefined;
    }
    let quick;
    try {
        const v = JSON.parse(text);
        if (v && typeof v === "object" && !Array.isArray(v))
            quick = v;
    }
    catch {
        quick = undefined;
    }
    if (quick && !(0,_domain_tick_js__WEBPACK_IMPORTED_MODULE_4__/* .needsWork */ .Bd)(quick, hasMetrics)) {
        return { run, manifest: ledgerFields(quick), stableBefore: "", hasMetrics, validated: false };
    }
    try {
        const doc = (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDocument */ .Tp)("manifest", text, run.manifestDisplay);
        const errors = doc.findings.filter((f) => f.severity === "error");
        if (errors.length) {
            findings.push(...errors.map((f) => ({ ...f, message: `${f.message}; the run is skipped until the manifest is fixed` })));
            return undefined;
        }
        return { run, manifest: doc.data, text, stableBefore: (0,_domain_tick_js__WEBPACK_IMPORTED_MODULE_4__/* .stableText */ .f$)(doc.data), hasMetrics, validated: true };
    }
    catch (e) {
        findings.push((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .findingFromError */ .Oo)(e, "manifest.parse", run.manifestDisplay, { severity: "error" }));
        return undefined;
    }
}
function indexEntryOf(l, readAtMs) {
    if (l.validated)
        return undefined; // the command acts on it: not finished
    let line;
    try {
        line = (0,_ledger_sync_js__WEBPACK_IMPORTED_MODULE_5__/* .wantedLine */ .gH)(l.manifest);
    }
    catch {
        return undefined; // the ledger check reports it on every tick
    }
    return (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__/* .entryFor */ .cy)(l.run.manifestStamp, readAtMs, String(l.manifest.run_id), line);
}
async function readSlots(slots, todo) {
    const BATCH = 64;
    for (let i = 0; i < todo.length; i += BATCH) {
        const part = todo.slice(i, i + BATCH);
        const found = part.map(() => []);
        const loaded = await Promise.all(part.map((r, k) => loadOne(r.run, found[k], r.hasMetrics)));
        part.forEach((r, k) => {
            // The slot is replaced: a run read is no longer vouched for.
            slots[r.at] = { loaded: loaded[k], ...(found[k].length ? { findings: found[k] } : {}) };
        });
    }
}
/**
 * Phase one: read every run whose manifest the index cannot vouch for by its
 * stamp (all of them without an index). A run whose stamp is the recorded one
 * has the manifest the index recorded, a finished, extracted one: it is never
 * in flight, so after this phase the runs to ask the scheduler about are
 * known, and phase two (`settleIndexed`: metrics and ledger checks of the
 * vouched runs) can run while the scheduler answers. `readAtMs`: the time
 * before discovery stamped the manifests.
 */
async function loadUnvouched(runs, o) {
    const slots = new Array(runs.length);
    const todo = [];
    runs.forEach((run, at) => {
        const e = o.index && run.manifestStamp ? o.index.get(run.manifestDisplay) : undefined;
        if (e && run.manifestStamp && e.stamp === (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__/* .stampKey */ .Fp)(run.manifestStamp))
            slots[at] = { vouched: { run, entry: e } };
        else
            todo.push({ at, run, hasMetrics: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(run.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__/* .METRICS_FILE */ .HL)) });
    });
    await readSlots(slots, todo);
    const read = [];
    for (const s of slots)
        if (s.loaded)
            read.push(s.loaded);
    return { slots, read, index: o.index, readAtMs: o.readAtMs };
}
/**
 * Phase two: a vouched run is taken from the index when its metrics.json is
 * there and its ledger line is the recorded one (domain/run-index.planRead),
 * else it is read now. Returns the same load as reading every run the index
 * cannot vouch for in one pass, in discovery order, its findings pushed in
 * that order; `indexChanged` is false when the index to keep is the one read.
 */
async function settleIndexed(first, findings, ledgerLine) {
    const { slots } = first;
    const todo = [];
    slots.forEach((s, at) => {
        if (!s.vouched)
            return;
        const { run } = s.vouched;
        const hasMetrics = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(run.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__/* .METRICS_FILE */ .HL));
        const plan = (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__/* .planRead */ .YY)({ file: run.manifestDisplay, stamp: run.manifestStamp, hasMetrics }, first.index, ledgerLine);
        if (plan.read)
            todo.push({ at, run, hasMetrics });
    });
    await readSlots(slots, todo);
    const out = { runs: [], cached: [], index: new Map() };
    for (const s of slots) {
        if (s.findings)
            findings.push(...s.findings);
        if (s.vouched) {
            out.cached.push(s.vouched);
            out.index.set(s.vouched.run.manifestDisplay, s.vouched.entry);
        }
        else if (s.loaded) {
            out.runs.push(s.loaded);
            const e = indexEntryOf(s.loaded, first.readAtMs);
            if (e)
                out.index.set(s.loaded.run.manifestDisplay, e);
        }
    }
    return { ...out, indexChanged: !first.index || !(0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__/* .sameIndex */ .Lf)(first.index, out.index) };
}
/**
 * Read the runs the index cannot vouch for (all of them without an index), in
 * one pass: `loadUnvouched` then `settleIndexed`.
 */
async function loadRunsIndexed(runs, findings, o) {
    return settleIndexed(await loadUnvouched(runs, o), findings, o.ledgerLine);
}


/***/ })

};
