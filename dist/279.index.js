export const id = 279;
export const ids = [279];
export const modules = {

/***/ 8739:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ stampKey),
/* harmony export */   Ti: () => (/* binding */ parseRunIndex),
/* harmony export */   YY: () => (/* binding */ planRead),
/* harmony export */   cy: () => (/* binding */ entryFor),
/* harmony export */   sU: () => (/* binding */ serializeRunIndex)
/* harmony export */ });
/* unused harmony exports RUN_INDEX_FORMAT, RACY_MARGIN_MS */
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
const RUN_INDEX_FORMAT = 1;
/** A file must have been unchanged this long before it was read for its stamp to be recorded. */
const RACY_MARGIN_MS = 2000;
function stampKey(s) {
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}
/** The index in `text`, or undefined when it is missing, not this format, for another checkout or tool, or corrupt. */
function parseRunIndex(text, want) {
    if (text === undefined)
        return undefined;
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
        return undefined;
    const o = v;
    if (o.format !== RUN_INDEX_FORMAT || o.root !== want.root || o.probe !== want.probe)
        return undefined;
    if (!Array.isArray(o.entries))
        return undefined;
    const out = new Map();
    for (const e of o.entries) {
        if (!Array.isArray(e) || e.length !== 4)
            return undefined;
        const [file, stamp, runId, line] = e;
        if (typeof file !== "string" || typeof stamp !== "string" || typeof runId !== "string")
            return undefined;
        if (line !== null && typeof line !== "string")
            return undefined;
        if (out.has(file))
            return undefined;
        out.set(file, { stamp, runId, line });
    }
    return out;
}
function serializeRunIndex(index, id) {
    const entries = [...index].map(([file, e]) => [file, e.stamp, e.runId, e.line]);
    return JSON.stringify({ format: RUN_INDEX_FORMAT, root: id.root, probe: id.probe, entries }) + "\n";
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
    if (!stamp)
        return undefined;
    const last = Math.max(stamp.mtimeMs, stamp.ctimeMs);
    if (!(last < readAtMs - RACY_MARGIN_MS))
        return undefined;
    return { stamp: stampKey(stamp), runId, line };
}


/***/ }),

/***/ 2396:
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

;// CONCATENATED MODULE: ./lib/src/domain/attempts.js
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

// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
;// CONCATENATED MODULE: ./lib/src/domain/pending.js



/** When the job waits since (its submission, or the requeue that made it wait again). */
function pendingSince(m) {
    if ((0,run/* statusOf */.c2)(m) === "running")
        return currentAttempt(m)?.seen_at;
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

// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
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
        st.m.attempts = attemptsAfter(st.m, job, v, jobId, i.at, sentinel);
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
        st.move("failed", v.detail, {
            reason: v.failureReason ?? "unknown",
            message: v.detail,
            cancelled_by: v.cancelledBy,
            exit_code: st.m.slurm?.exit_code || undefined,
        });
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
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5412);


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
function obj(v) {
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
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
 * The efficiency figures the manifest carries (`efficiency`, or
 * `slurm.efficiency`: written by the monitor from SLURM's accounting), as
 * `name value` pairs; never computed here.
 */
function efficiencyText(m) {
    const e = obj(m.efficiency) ?? obj(obj(m.slurm)?.efficiency);
    if (!e)
        return undefined;
    const parts = [];
    for (const [k, v] of Object.entries(e)) {
        if (typeof v === "number" && Number.isFinite(v)) {
            const pct = /(_pct|_percent|percent)$/i.test(k);
            parts.push(`${k.replace(/_/g, " ")} ${Number(v.toPrecision(4))}${pct ? "%" : ""}`);
        }
        else if (typeof v === "string" && v.length <= 80)
            parts.push(`${k.replace(/_/g, " ")} ${v}`);
    }
    return parts.length ? parts.join(", ") : undefined;
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
    const sweep = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .sweepIdOf */ .rA)(m);
    const checkStatus = conclusion ? "completed" : status === "running" || status === "synced" ? "in_progress" : "queued";
    const stateWords = `${status}${failureReason ? ` (${failureReason})` : ""}`;
    const title = (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)([stateWords, slurmState && slurmState.toLowerCase() !== status ? `SLURM ${slurmState}` : "", metric ?? ""]
        .filter(Boolean)
        .join(" · "), _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .TITLE_LIMIT */ .TH);
    const rows = [
        ["Run", `\`${m.run_id}\``],
        ["Iteration", m.iteration_id],
        ["Sweep", sweep],
        ["Job", m.host_mode === "local" ? "local run" : (jobId ?? "—")],
        ["State", stateWords],
        ["SLURM state", slurmState ? `${slurmState}${reason && reason !== "None" ? ` (${reason})` : ""}` : undefined],
        ["Started (SLURM)", times.start],
        ["Ended (SLURM)", times.end],
        ["Primary metric", metric ? `${metric}${i.metrics?.status ? ` (metrics ${i.metrics.status})` : ""}` : undefined],
        ["Efficiency", efficiency],
        ["Failure reason", failureReason],
        ["Exit code", status === "failed" ? str(m.slurm?.exit_code) : undefined],
        ["Manifest", `\`${i.manifestPath}\``],
    ];
    const summary = [
        "| | |",
        "|---|---|",
        ...rows.filter((r) => r[1] !== undefined).map(([k, v]) => `| ${k} | ${cell(v)} |`),
    ].join("\n");
    const text = i.logTail ? `Log tail:\n\n\`\`\`\n${i.logTail.slice(-_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .LOG_TAIL_CHARS */ .GR)}\n\`\`\`` : undefined;
    return {
        name: runCheckName(m.run_id),
        external_id: m.run_id,
        status: checkStatus,
        ...(conclusion ? { conclusion } : {}),
        ...(times.start && checkStatus !== "queued" ? { started_at: times.start } : {}),
        ...(conclusion && times.end ? { completed_at: times.end } : {}),
        title,
        summary: (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(summary, _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .OUTPUT_TEXT_LIMIT */ .a5),
        ...(text ? { text: (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .clipStart */ .rh)(text, _checks_js__WEBPACK_IMPORTED_MODULE_1__/* .OUTPUT_TEXT_LIMIT */ .a5) } : {}),
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
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   aE: () => (/* binding */ loadRunsIndexed)
/* harmony export */ });
/* unused harmony export ledgerFields */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _contract_validate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4024);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(545);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5086);
/* harmony import */ var _domain_tick_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2396);
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
/** The fields the ledger line reads (run, iteration, host, job id, status, launch date), nothing else. */
function ledgerFields(m) {
    const jobId = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestJobId */ .Gf)(m);
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
/**
 * Read the runs the index cannot vouch for (all of them without an index).
 * `readAtMs`: the time before discovery stamped the manifests. `ledgerLine`:
 * the ledger's line for a run id now.
 */
async function loadRunsIndexed(runs, findings, o) {
    const out = { runs: [], cached: [], index: new Map() };
    const toRead = [];
    for (const run of runs) {
        const hasMetrics = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.join(run.runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_8__/* .METRICS_FILE */ .HL));
        const plan = (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_9__/* .planRead */ .YY)({ file: run.manifestDisplay, stamp: run.manifestStamp, hasMetrics }, o.index, o.ledgerLine);
        if (plan.read)
            toRead.push({ run, hasMetrics });
        else {
            out.cached.push({ run, entry: plan.entry });
            out.index.set(run.manifestDisplay, plan.entry);
        }
    }
    const BATCH = 64;
    for (let i = 0; i < toRead.length; i += BATCH) {
        const loaded = await Promise.all(toRead.slice(i, i + BATCH).map((r) => loadOne(r.run, findings, r.hasMetrics)));
        for (const l of loaded) {
            if (!l)
                continue;
            out.runs.push(l);
            const e = indexEntryOf(l, o.readAtMs);
            if (e)
                out.index.set(l.run.manifestDisplay, e);
        }
    }
    return out;
}


/***/ })

};
