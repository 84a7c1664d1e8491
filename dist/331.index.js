export const id = 331;
export const ids = [331];
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

/***/ 6331:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionLaunch: () => (/* binding */ actionLaunch)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var domain_layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/domain/resubmit.js
var resubmit = __webpack_require__(4010);
;// CONCATENATED MODULE: ./lib/src/domain/launch-plan.js




// ---------------------------------------------------------------------------
// Which run
/** The run a manifest on the branch records for this launch key, as a journal entry (the first, by run id). */
function entryFromManifests(manifests, key) {
    if (key === undefined)
        return undefined;
    const mine = manifests
        .filter((m) => m.launch?.launch_key === key)
        .sort((a, b) => (a.run_id < b.run_id ? -1 : a.run_id > b.run_id ? 1 : 0));
    const m = mine[0];
    if (!m)
        return undefined;
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    const jobName = m.slurm?.job_name;
    const cluster = (0,run/* manifestCluster */.YK)(m);
    return {
        key,
        run_id: m.run_id,
        iteration_id: m.iteration_id,
        job_name: typeof jobName === "string" ? jobName : "",
        created_at: m.timestamps?.started_at ?? m.started_at ?? "",
        ...(jobId ? { job_id: jobId } : {}),
        ...(jobId && cluster ? { cluster } : {}),
    };
}
/**
 * A keyed sweep's entry from the iteration's task manifests (another checkout
 * launched it and its records were pulled): the sweep id they name, so a
 * relaunch with the key reuses that sweep (its record says which chunks have
 * arrays) instead of starting a second one. The earliest sweep under the key
 * when several are recorded. No job id: a sweep's arrays are in its record.
 */
function sweepEntryFromManifests(manifests, key) {
    if (key === undefined)
        return undefined;
    const sweepOf = (m) => {
        const id = m.sweep?.sweep_id;
        return typeof id === "string" && domain_layout/* RUN_ID_SHAPE */.GW.test(id) ? id : undefined;
    };
    const mine = manifests
        .filter((m) => m.launch?.launch_key === key && sweepOf(m))
        .sort((a, b) => (a.run_id < b.run_id ? -1 : a.run_id > b.run_id ? 1 : 0));
    const m = mine[0];
    if (!m)
        return undefined;
    const jobName = m.slurm?.job_name;
    return {
        key,
        run_id: sweepOf(m),
        iteration_id: m.iteration_id,
        job_name: typeof jobName === "string" ? jobName : "",
        created_at: m.timestamps?.started_at ?? m.started_at ?? "",
    };
}
/**
 * The named cluster a SLURM design sends its jobs to (`compute.cluster`,
 * checked by the design schema): every question about the launch's job
 * (lookup by name, MaxArraySize, the submit) goes there. Undefined for a
 * local design or a design without one (the client's own cluster).
 */
function designCluster(c) {
    const v = c.location === "slurm" ? c.cluster : undefined;
    return typeof v === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? v : undefined;
}
/**
 * A job the scheduler has under the key's job name while no record of this
 * checkout knows the key (its launcher died after submitting, or has not
 * pushed): the run it was submitted for, as a journal entry without job id,
 * so that the launch adopts it by name under its own run id. Undefined when
 * the lookup found nothing, could not answer, or cannot tell the job's run
 * (then the launch's own lookup refuses rather than submitting again).
 */
function orphanEntry(lookup, key, name, at) {
    if (!lookup.ok || !lookup.jobIds.length)
        return undefined;
    const run = lookup.runs?.[lookup.jobIds[0]];
    if (!run || !domain_layout/* RUN_ID_SHAPE */.GW.test(run.runId))
        return undefined;
    return { key, run_id: run.runId, iteration_id: run.iterationId ?? "", job_name: name, created_at: at };
}
/** Refuse a run id or launch key no launch can use (before anything is read). */
function checkLaunchIds(runId, launchKey) {
    if (runId !== undefined && !domain_layout/* RUN_ID_SHAPE */.GW.test(runId)) {
        throw new errors/* UsageError */.eb(`run id ${JSON.stringify(runId)} is not usable`, "a run id is letters, digits, '_', '.', '-' (starting with a letter or digit), e.g. 20261128T151432Z_093977");
    }
    if (launchKey !== undefined && (launchKey.trim() === "" || launchKey.length > 1024)) {
        throw new errors/* UsageError */.eb("the launch key must be a non-empty string of at most 1024 characters");
    }
}
/** The run of this launch. `fresh` is used when neither the journal nor the caller names one. */
function chooseRun(i) {
    const j = i.journal;
    if (j && j.iteration_id !== "" && j.iteration_id !== i.iterationId) {
        throw new errors/* UsageError */.eb(`launch key ${JSON.stringify(i.launchKey)} already launched run ${j.run_id} of iteration ${j.iteration_id}, not of ${i.iterationId}`, "use a different launch key for a different iteration");
    }
    if (j && i.runId && i.runId !== j.run_id) {
        throw new errors/* UsageError */.eb(`launch key ${JSON.stringify(i.launchKey)} belongs to run ${j.run_id}, not to ${i.runId}`, "pass either the launch key or the run id of the run you mean");
    }
    const given = i.runId ?? j?.run_id;
    return given !== undefined ? { runId: given, given: true } : { runId: i.fresh(), given: false };
}
/** A run with this manifest is not launched again (see the module comment). */
function isLaunched(existing) {
    return Boolean((0,run/* manifestJobId */.Gf)(existing) || existing.host_mode === "local" || (existing.status && existing.status !== "pending"));
}
/** Clock skew and delay tolerated when deciding that the controller still lists a run's jobs. */
const AGE_MARGIN_S = 60;
/** Before any lookup: the journal's job is adopted; a run id not made now is looked up; else submit. */
function decideBeforeLookup(entry, lookFirst) {
    if (entry?.job_id)
        return { kind: "adopt", jobId: entry.job_id, cluster: entry.cluster, by: "launch journal" };
    return lookFirst ? { kind: "lookup" } : { kind: "submit" };
}
/** Seconds since the run was created: the journal's time, else the run id's UTC stamp; undefined when unknown or in the future. */
function runAgeSeconds(runId, createdAt, now) {
    let t = createdAt ? Date.parse(createdAt) : Number.NaN;
    if (Number.isNaN(t)) {
        const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(runId);
        if (m)
            t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
    }
    if (Number.isNaN(t))
        return undefined;
    const age = (now.getTime() - t) / 1000;
    return age >= -AGE_MARGIN_S ? Math.max(0, age) : undefined;
}
/**
 * After the name lookup: adopt what it found, submit when it found nothing,
 * and when it could not answer, let the controller decide for a young run or
 * refuse (AutolabError naming the manifest).
 */
function decideAfterLookup(i) {
    const { lookup: found, name } = i;
    const ids = found.ok ? found.jobIds : found.controller?.ok ? found.controller.jobIds : [];
    if (i.fresh && ids.length) {
        throw new errors/* AutolabError */.t0(`launch key's job name ${name} already has job ${ids.join(", ")}, but no run of this checkout records it (another checkout launched it and has not pushed, or died after submitting); nothing was submitted`, {
            file: i.manifestPath,
            hint: "pull the branch and relaunch with the same key (it reuses that run), or adopt the job with --run-id <its run id>",
        });
    }
    if (!found.ok) {
        const ctl = found.controller;
        if (ctl?.ok && ctl.jobIds.length)
            return { kind: "adopt", jobId: ctl.jobIds[0], by: "job name" };
        const age = i.ageSeconds;
        if (ctl?.ok && age !== undefined && ctl.keepsFinishedSeconds !== undefined) {
            if (age + AGE_MARGIN_S < ctl.keepsFinishedSeconds)
                return {
                    kind: "submit",
                    note: `accounting did not answer (${found.error}); the controller, which lists every job of a run this young, knows no job named ${name}`,
                };
        }
        throw new errors/* AutolabError */.t0(`cannot tell whether run ${i.runId} was already submitted: the scheduler did not answer (${found.error}); nothing was submitted`, { file: i.manifestPath, hint: "retry when the controller answers; the launch is idempotent" });
    }
    if (!found.jobIds.length)
        return { kind: "submit" };
    const note = found.jobIds.length > 1
        ? `warning: ${found.jobIds.length} jobs are named ${name} (${found.jobIds.join(", ")}); adopting the first`
        : undefined;
    return { kind: "adopt", jobId: found.jobIds[0], by: "job name", ...(note ? { note } : {}) };
}
// ---------------------------------------------------------------------------
// The record of each outcome
/** What was asked of the scheduler, in the Python tool's keys plus the exact directives. */
function resourceRequest(c, jobName, directives) {
    const rr = {};
    for (const k of ["partition", "qos", "account", "constraint", "gpu_type", "cluster"])
        if (c[k] !== undefined)
            rr[k] = c[k];
    if (c.cpus_per_task !== undefined)
        rr.cpus = c.cpus_per_task;
    if (c.memory_estimate !== undefined)
        rr.memory = c.memory_estimate;
    if (c.walltime_estimate !== undefined)
        rr.walltime = c.walltime_estimate;
    if (c.gpu_count !== undefined)
        rr.gpu_count = c.gpu_count;
    if (c.num_nodes !== undefined)
        rr.num_nodes = c.num_nodes;
    Object.assign(rr, (0,resubmit/* policyRecord */.iV)(c));
    if (directives.length) {
        rr.job_name = jobName;
        rr.sbatch_directives = directives;
    }
    return rr;
}
/** The run as it is before the job exists: `pending`, what was asked, how and by whom. */
function baseManifest(i) {
    return {
        schema_version: "1.0",
        run_id: i.runId,
        iteration_id: i.iterationId,
        launch_mode: i.hostMode,
        host_mode: i.hostMode,
        command: i.commandLine,
        resource_request: i.resourceRequest,
        status: "pending",
        artifact_sync_to_local: { status: "pending" },
        timestamps: { started_at: i.startedAt },
        started_at: i.startedAt,
        launch: {
            script: i.script,
            design: i.design,
            git_revision: i.gitRevision ?? null,
            ...(i.workDir ? { work_dir: i.workDir } : {}),
            launched_by: i.launchedBy,
            launched_from: i.launchedFrom,
            launch_key: i.launchKey ?? null,
            entrypoint_command: i.entrypointCommand,
            tool: "autolab-slurm",
        },
        ...(i.passedEnv && Object.keys(i.passedEnv).length ? { slurm: { passed_env: { ...i.passedEnv } } } : {}),
    };
}
/** The base manifest's record of the variables passed to the scheduler, to keep in its `slurm`. */
function passedOf(base) {
    const p = base.slurm?.passed_env;
    return p && Object.keys(p).length ? { passed_env: p } : {};
}
/** The run submitted (or adopted): `pending -> submitted`, job id recorded everywhere the contract keeps it. */
function submittedManifest(base, job, startedAt, journalledAt) {
    // An adopted job was submitted when the first attempt journalled it.
    const submittedAt = job.adopted && journalledAt ? journalledAt : startedAt;
    const m = {
        ...base,
        timestamps: { started_at: submittedAt },
        started_at: submittedAt,
        job_id: job.jobId,
        resource_request: { ...base.resource_request, job_id: job.jobId, slurm: { job_id: job.jobId } },
        slurm: {
            job_id: job.jobId,
            job_name: job.jobName,
            ...(job.cluster ? { cluster: job.cluster } : {}),
            ...(job.adopted ? { adopted: true, adopted_by: job.adopted.by } : { submit_attempts: job.attempts }),
            ...passedOf(base),
        },
    };
    const evidence = job.adopted
        ? `job ${job.jobId} found by ${job.adopted.by} (${job.jobName}) and adopted`
        : (job.evidence ?? `job ${job.jobId} submitted`);
    return (0,run/* firstTransition */.MI)(m, "submitted", startedAt, evidence);
}
/** The scheduler refused the submission: failed `submit_error`, with its words; no job, no work dir. */
function refusedManifest(base, r, at, opts = {}) {
    const launch = { ...base.launch };
    if (opts.dropWorkDir)
        delete launch.work_dir;
    const m = {
        ...base,
        launch,
        timestamps: { started_at: base.timestamps.started_at },
        slurm: { job_name: r.jobName, submit_error: r.message, submit_attempts: r.attempts, ...passedOf(base) },
    };
    const failure = { reason: "submit_error", kind: "permanent", message: r.message };
    return (0,run/* firstTransition */.MI)(m, "failed", at, r.evidence, failure);
}
/**
 * A local run's end: completed (exit 0, sentinel exit 0, every declared
 * output present), partial (exit 0 but the sentinel or an output is
 * missing), failed (anything else: `timeout` when stopped at the walltime,
 * else `exit_code`). Outputs are written in place: nothing to bring back.
 */
function localManifest(base, o, at) {
    const exit = o.exitCode;
    let status;
    let evidence;
    if (exit === 0 && o.sentinel?.exit_code === 0 && o.missing.length === 0) {
        status = "completed";
        evidence = "local run exited 0; sentinel exit 0";
    }
    else if (exit === 0) {
        status = "partial";
        evidence =
            o.sentinel?.exit_code !== 0
                ? "local run exited 0 but the sentinel is missing or disagrees"
                : `local run exited 0 but declared outputs are missing: ${o.missing.join(", ")}`;
    }
    else {
        status = "failed";
        evidence = o.timedOut
            ? `local run was stopped at the walltime (${o.limitSeconds} s)`
            : `local run exited ${exit ?? `on signal ${o.signal}`}`;
    }
    const m = {
        ...base,
        artifact_sync_to_local: {
            status: status === "failed" ? "failed" : "ok",
            mode: "local",
            ...(o.missing.length ? { missing: o.missing } : {}),
        },
        timestamps: { started_at: base.timestamps.started_at },
        local: { exit_code: exit, timed_out: o.timedOut, sentinel: o.sentinel ?? null },
    };
    const failure = status === "failed"
        ? // exit_code stays null for a run ended by a signal (as the record has always said).
            { reason: o.timedOut ? "timeout" : "exit_code", exit_code: exit, message: evidence }
        : undefined;
    const next = (0,run/* firstTransition */.MI)(m, status, at, evidence, failure);
    // A partial local run has ended too: it keeps its end time (transition sets it for completed/failed only).
    if (status === "partial") {
        next.timestamps = { ...next.timestamps, completed_at: at };
        next.completed_at = at;
    }
    return next;
}
/** Why a reused run failed, for the launch result. */
function failureMessageOf(m) {
    if (m.status !== "failed")
        return undefined;
    return String(m.slurm?.submit_error ?? m.failure?.message ?? "the run failed");
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./lib/src/domain/settings.js
var settings = __webpack_require__(4822);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
// EXTERNAL MODULE: ./lib/src/git/git.js + 1 modules
var git = __webpack_require__(4424);
// EXTERNAL MODULE: ./lib/src/store/journal.js
var store_journal = __webpack_require__(8715);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/src/util/exec.js + 1 modules
var exec = __webpack_require__(2785);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
;// CONCATENATED MODULE: ./lib/src/steps/local-run.js
/**
 * A local run (`compute.location: local`): run_local.sh to its end, killed
 * at the design's walltime as SLURM would, and what it left behind (exit
 * status, sentinel, declared outputs). The script appends its own output to
 * logs/run_local.out|.err; anything printed before it redirected is appended
 * here. The outcome is classified by domain/launch-plan.ts (localManifest).
 */





async function runLocally(a) {
    const r = await (0,exec/* runArgv */.my)("bash", [a.scriptAbs], {
        cwd: a.cwd,
        timeoutMs: (a.limitSeconds ?? 7 * 24 * 3600) * 1000,
        env: { RUN_ID: a.runId, AUTOLAB_RUN_ID: a.runId, AUTOLAB_ITERATION_ID: a.iterationId },
    });
    for (const [name, text] of [
        ["run_local.out", r.stdout],
        ["run_local.err", r.stderr],
    ]) {
        if (!text)
            continue;
        const f = external_node_path_.join(a.runDir, "logs", name);
        const before = (0,external_node_fs_.existsSync)(f) ? await (0,promises_.readFile)(f, "utf8") : "";
        await (0,fs/* writeFileAtomic */.Zf)(f, before + text);
    }
    let sentinel;
    try {
        sentinel = JSON.parse(await (0,promises_.readFile)(external_node_path_.join(a.runDir, "job_sentinel.json"), "utf8"));
    }
    catch {
        sentinel = undefined;
    }
    return {
        exitCode: r.code,
        signal: r.signal,
        timedOut: r.timedOut,
        limitSeconds: a.limitSeconds,
        sentinel,
        missing: a.outputs.filter((o) => !(0,external_node_fs_.existsSync)(external_node_path_.join(a.runDir, o))),
    };
}
/** A local run's logs and sentinel, as far as they exist (repository-relative; committed with its manifest). */
function localEvidence(root, runDirRel) {
    return ["logs/run_local.out", "logs/run_local.err", "job_sentinel.json"]
        .map((f) => `${runDirRel}/${f}`)
        .filter((f) => (0,external_node_fs_.existsSync)(external_node_path_.join(root, f)));
}

// EXTERNAL MODULE: ./lib/src/steps/snapshot.js
var snapshot = __webpack_require__(2664);
// EXTERNAL MODULE: ./lib/src/util/job-user.js
var job_user = __webpack_require__(214);
;// CONCATENATED MODULE: ./lib/src/steps/job-snapshot.js
/**
 * The snapshot of a run for `launch.job_user`: the launched commit's files
 * (`git archive`, hooks and filters off), without `.git`, plus the run's job
 * scripts, its `logs/` directories and a marker naming the commit, unpacked
 * BY THE JOB USER (`sudo -n -u <user> -- tar -x`) into `<work_root>/<run_id>`.
 * So the job user owns the snapshot (its outputs and logs go there) while the
 * runner's checkout, its `.git`, hooks, config and the runner's files stay the
 * runner's: the job has no path back into them. The runner makes the archive
 * from its own repository and reads the job's outputs afterwards without
 * following links (the monitor's copy-back and extraction).
 *
 * The work root must exist and be writable by the job user (e.g.
 * `install -d -o <job_user> -m 0755 /scratch/<job_user>/autolab-runs`); the
 * runner needs to read it.
 */










/** The marker a job-user snapshot carries at its root: the commit it was made from. */
const SNAPSHOT_MARKER = ".autolab-snapshot";
function safeRel(rel) {
    const n = external_node_path_.posix.normalize(rel);
    if (external_node_path_.posix.isAbsolute(n) || n === ".." || n.startsWith("../") || n.includes("\0"))
        throw new errors/* AutolabError */.t0(`internal error: ${JSON.stringify(rel)} is not a path inside the snapshot`);
    return n;
}
/**
 * Make the snapshot (returns true), or reuse an earlier attempt's of this
 * run: a directory whose marker names `revision` (false). Anything else at
 * that path is refused.
 */
async function makeJobUserSnapshot(s) {
    const programs = [...s.programs, ...job_user/* SNAPSHOT_PROGRAMS */.XQ];
    if ((0,external_node_fs_.existsSync)(s.dir) || (0,snapshot/* isLink */.PJ)(s.dir)) {
        const marker = (0,external_node_fs_.lstatSync)(s.dir).isDirectory()
            ? await (0,fs/* readNoFollow */.pj)(external_node_path_.join(s.dir, SNAPSHOT_MARKER), 4096)
            : undefined;
        if ((0,snapshot/* isLink */.PJ)(s.dir) || marker?.data?.toString("utf8").trim() !== s.revision)
            throw new errors/* AutolabError */.t0(`the run's snapshot path already exists and is not this run's snapshot of ${s.revision.slice(0, 12)}: it is not reused`, { file: s.dir, hint: "remove it (as the job user), or launch with another --run-id" });
        s.log(`reusing the run's snapshot ${s.dir} (made by an earlier attempt of this run)`);
        return false;
    }
    const parent = external_node_path_.dirname(s.dir);
    const base = external_node_path_.basename(s.dir);
    if (!(0,external_node_fs_.existsSync)(parent))
        throw new errors/* AutolabError */.t0(`the work root ${parent} does not exist`, {
            file: parent,
            hint: `create it for the job user: install -d -o ${s.user} -m 0755 ${parent}`,
        });
    const tmp = await (0,promises_.mkdtemp)(external_node_path_.join(external_node_os_.tmpdir(), "autolab-snapshot-"));
    try {
        const archive = external_node_path_.join(tmp, "snapshot.tar");
        await (0,git/* git */.$Y)(s.repoRoot, ["archive", "--format=tar", `--prefix=${base}/`, "-o", archive, s.revision], {
            what: "archiving the launched commit for the job user's snapshot",
            timeoutMs: 600_000,
        });
        const extra = external_node_path_.join(tmp, "extra");
        for (const d of s.dirs)
            await (0,promises_.mkdir)(external_node_path_.join(extra, base, safeRel(d)), { recursive: true });
        for (const f of s.files) {
            const abs = external_node_path_.join(extra, base, safeRel(f.rel));
            await (0,promises_.mkdir)(external_node_path_.dirname(abs), { recursive: true });
            await (0,promises_.writeFile)(abs, f.content, { mode: 0o644 });
        }
        await (0,promises_.writeFile)(external_node_path_.join(extra, base, SNAPSHOT_MARKER), `${s.revision}\n`, { mode: 0o644 });
        const add = await (0,exec/* runArgv */.my)("tar", ["-r", "-f", archive, "-C", extra, base], { timeoutMs: 120_000 });
        if (!(0,exec.ok)(add))
            throw new errors/* AutolabError */.t0(`adding the job scripts to the snapshot failed: ${(0,exec/* describeFailure */.Ic)(add)}`, { file: tmp });
        const x = await (0,job_user/* runAsJobUser */.Iy)(s.user, "tar", ["-x", "--no-same-owner", "-f", "-", "-C", parent], {
            inputFile: archive,
            timeoutMs: 600_000,
        });
        const refused = (0,job_user/* sudoRefusal */.SE)(x);
        if (refused)
            throw (0,job_user/* jobUserError */.X6)(s.user, "tar (to make the run's snapshot)", refused, programs);
        if (!(0,exec.ok)(x)) {
            await removeJobUserSnapshot(s.dir, s.user);
            throw new errors/* AutolabError */.t0(`the job user ${s.user} could not unpack the run's snapshot into ${parent}: ${(0,exec/* describeFailure */.Ic)(x)}`, {
                file: parent,
                hint: `the work root must be writable by ${s.user} (e.g. install -d -o ${s.user} -m 0755 ${parent})`,
            });
        }
    }
    finally {
        await (0,promises_.rm)(tmp, { recursive: true, force: true });
    }
    s.log(`snapshot of ${s.revision.slice(0, 12)} for the job user ${s.user} (no .git): ${s.dir}`);
    return true;
}
/** The snapshot of the checkout's HEAD (launch and sweeps): whether it was made now, and the commit. */
async function jobUserSnapshotOfHead(s) {
    const revision = await (0,git/* headSha */.xF)(s.repoRoot);
    if (!revision)
        throw new errors/* AutolabError */.t0("the checkout has no commit yet: there is nothing to snapshot for the job user", {
            file: s.repoRoot,
            hint: "commit the iteration first",
        });
    return { created: await makeJobUserSnapshot({ ...s, revision }), revision };
}
/** Remove a job-user snapshot no job uses (as the job user, who owns it; best effort). */
async function removeJobUserSnapshot(dir, user) {
    await (0,job_user/* runAsJobUser */.Iy)(user, "rm", ["-rf", "--one-file-system", "--", dir], { timeoutMs: 300_000 });
}

;// CONCATENATED MODULE: ./lib/src/steps/run-dir.js
/**
 * The run directory a job needs before it is submitted: `logs/` (SLURM does
 * not create the log directory; a job whose log directory is missing fails
 * with exit 0:53) and the job script. What did not exist before is returned,
 * so that a launch that stops before the job exists can take it back.
 */




/** Create logs/ and write the run's script; returns what did not exist before (outermost first). */
async function prepareRunDir(runDir, scriptAbs, script) {
    const created = [];
    for (const d of [external_node_path_.dirname(runDir), runDir, external_node_path_.join(runDir, "logs")]) {
        if (!(0,external_node_fs_.existsSync)(d))
            created.push({ path: d, dir: true });
    }
    if (!(0,external_node_fs_.existsSync)(scriptAbs))
        created.push({ path: scriptAbs, dir: false });
    await (0,promises_.mkdir)(external_node_path_.join(runDir, "logs"), { recursive: true });
    await (0,fs/* writeFileAtomic */.Zf)(scriptAbs, script);
    return created;
}
/** Remove what `prepareRunDir` created (directories only when empty). Best effort. */
async function removeCreated(created) {
    for (const c of [...created].reverse()) {
        try {
            if (!c.dir)
                await (0,promises_.rm)(c.path, { force: true });
            else if ((0,external_node_fs_.readdirSync)(c.path).length === 0)
                await (0,promises_.rmdir)(c.path);
        }
        catch {
            // never hide the error that got us here
        }
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./lib/src/contract/design.js
var design = __webpack_require__(543);
// EXTERNAL MODULE: ./lib/src/contract/manifest.js
var manifest = __webpack_require__(1372);
// EXTERNAL MODULE: ./lib/src/contract/policy.js
var contract_policy = __webpack_require__(751);
// EXTERNAL MODULE: ./lib/src/store/state-file.js
var state_file = __webpack_require__(1672);
// EXTERNAL MODULE: ./lib/src/domain/sweep.js
var domain_sweep = __webpack_require__(5415);
;// CONCATENATED MODULE: ./lib/src/store/launch-paths.js
/**
 * Before launch submits anything (issue 11, items 5 and 6): every directory
 * and file it reads from or writes to in the checkout is resolved and
 * checked, so a committed link cannot send it elsewhere — not an iteration
 * directory found by id (`experiments/plan/x -> /elsewhere`: its design
 * would be submitted and the job run unrecorded), not `docs ->`,
 * `launch ->`, `runs ->`, `.autolab ->` or `analysis ->` (launch's writes
 * after sbatch would land outside the repository, or the launch would fail
 * half-recorded with a job running). The same rule (`util/fs.linkOnPath`:
 * no symlink on the way from the repository root, every parent a directory)
 * that record() applies to each file when it writes — only checked up
 * front, for all of them at once.
 */




/** The repository-relative paths a launch of `layout` reads or writes (directories and files). */
function launchPaths(layout) {
    return [
        layout.design,
        layout.launchDir,
        layout.slurmScript,
        layout.localScript,
        layout.runDir,
        layout.logsDir,
        layout.manifest,
        layout.sentinel,
        layout.summary,
        domain_layout/* LEDGER_PATH */.Kd,
        domain_layout/* STATE_PATH */.K,
    ];
}
/** Refuse (before anything is submitted) when any of `rels` under `root` lies on or under a link. */
function assertNoLinkOnLaunchPaths(root, rels) {
    for (const rel of rels) {
        const at = (0,fs/* linkOnPath */.HC)(root, external_node_path_.join(root, rel));
        if (at === undefined)
            continue;
        throw new errors/* AutolabError */.t0(`${at}${at !== rel ? ` (on the way to ${rel})` : ""} is a symbolic link or not a directory: ` +
            "launch reads and writes there, and never through a link; nothing was submitted", {
            file: at,
            hint: "replace the link by a real directory or file (git rm the link, commit), then launch again",
        });
    }
}

// EXTERNAL MODULE: ./lib/src/store/workspace.js
var workspace = __webpack_require__(7749);
// EXTERNAL MODULE: ./lib/src/git/remote.js
var git_remote = __webpack_require__(6055);
;// CONCATENATED MODULE: ./lib/src/git/branch-runs.js
/**
 * The runs a launch key already has on the branch as the remote has it
 * (issue 10, item 1): a workflow re-run in a checkout made before the first
 * attempt pushed its record must find that record, not only the scheduler's
 * job (which a finished job may have left, and which accounting may not
 * answer for). One fetch of the branch into its tracking ref (the URL checked
 * as for push, `git/remote.ts`), then one `git grep` of that commit's
 * manifests for the key: the work tree and the real index are not touched.
 */




/** Manifests of `iterationPath` on the remote's `branch` (default: the checked-out one) that record `key`. */
async function branchRunsForKey(root, o) {
    const remote = o.remote ?? "origin";
    const branch = o.branch ?? (await (0,git/* currentBranch */.eR)(root));
    if (!branch || !(await (0,git/* hasRemote */.F6)(root, remote)))
        return { manifests: [] };
    const where = `${remote}/${branch}`;
    const secrets = o.token ? [o.token] : [];
    let head;
    try {
        const ctx = {
            root,
            remote,
            target: branch,
            secrets,
            ...(await (0,git_remote/* resolveRemote */.Lb)(root, remote, o.token)),
        };
        head = await (0,git_remote/* fetchBranch */.D_)(ctx);
    }
    catch (e) {
        return { where, manifests: [], error: e instanceof errors/* AutolabError */.t0 ? e.message : String(e) };
    }
    if (!head)
        return { where, manifests: [] };
    // The key as the manifest writer spells it (JSON), as a fixed string: one grep over the iteration's manifests.
    const r = await (0,git/* git */.$Y)(root, [
        "grep",
        "-l",
        "-F",
        "--no-color",
        "-e",
        JSON.stringify(o.key),
        head,
        "--",
        // (Pathspecs are literal, git.ts: the runs directory, manifests picked below.)
        `${o.iterationPath}/runs`,
    ], { allowFailure: true, secrets, what: `searching ${where} for the launch key` });
    if (r.code === 1)
        return { where, head, manifests: [] };
    if (!(0,exec.ok)(r))
        return { where, head, manifests: [], error: `git grep on ${where} (${(0,git_remote/* short */.h0)(head)}) failed` };
    const manifests = [];
    const manifest = (f) => f.startsWith(`${o.iterationPath}/runs/`) && /^[^/]+\/run_manifest\.json$/.test(f.slice(o.iterationPath.length + 6));
    for (const line of r.stdout.split("\n").filter(Boolean)) {
        const file = line.slice(head.length + 1);
        if (!manifest(file))
            continue;
        const shown = await (0,git/* git */.$Y)(root, ["show", `${head}:${file}`], { allowFailure: true, secrets });
        if (!(0,exec.ok)(shown))
            continue;
        try {
            manifests.push(JSON.parse(shown.stdout));
        }
        catch {
            // Another run's unreadable manifest is that run's problem (verify reports it), not this launch's.
        }
    }
    return { where, head, manifests };
}

// EXTERNAL MODULE: ./lib/src/scheduler/job-user.js
var scheduler_job_user = __webpack_require__(2359);
;// CONCATENATED MODULE: ./lib/src/commands/launch/gather.js
/** launch, gather: workspace, design, policy, state, journal, and which run this is. */























async function gather(given) {
    let opts = given;
    const log = opts.log ?? (() => undefined);
    const now = opts.now ?? (() => new Date());
    const ws = await (0,workspace/* openWorkspace */.O)(opts.cwd, { commit: opts.commit });
    const it = await (0,design/* resolveIteration */.MG)(ws.root, opts.design);
    const designDisplay = (0,fs/* displayPath */.Gt)(ws.root, it.designPath);
    const designDoc = await (0,design/* loadDesign */.Fp)(it.designPath, designDisplay);
    const { policy } = await (0,contract_policy/* loadPolicy */.tb)(ws.root);
    await (0,state_file/* readStateStrict */.V5)(ws.root); // a broken state.json is refused now, not after submitting
    const hostMode = designDoc.data.compute.location;
    const iterationPath = (0,fs/* displayPath */.Gt)(ws.root, it.iterationDir);
    const launchPolicy = policy.launch;
    const workRoot = (0,snapshot/* resolveWorkRoot */.EO)(opts.workRoot, launchPolicy?.work_root ?? opts.workRootDefault, ws.root, ws.inGit, hostMode, log);
    // launch.job_user: the job runs as that user, in a snapshot it owns, never in the runner's checkout.
    const jobUser = hostMode === "slurm" ? (0,settings/* jobUser */.XI)(policy) : undefined;
    if (jobUser !== undefined && workRoot === undefined)
        throw new errors/* AutolabError */.t0(`launch.job_user is ${jobUser}, but no work root is set: the job user's job must not run in the runner's checkout`, {
            file: domain_layout/* POLICY_PATH */.l$,
            jsonPath: "/launch/job_user",
            hint: `set launch.work_root to a directory ${jobUser} can write (e.g. install -d -o ${jobUser} -m 0755 /scratch/${jobUser}/autolab-runs)`,
        });
    if (hostMode === "slurm")
        opts = { ...opts, scheduler: (0,scheduler_job_user/* schedulerFor */.f)(opts.scheduler, policy) };
    // slurm.submit.pass_env: the runner's SBATCH_*/SLURM_* variables handed to sbatch (and recorded), checked now.
    const passEnv = hostMode === "slurm" ? (0,settings/* passedEnv */.m6)((0,settings/* passEnvNames */.FW)(policy), process.env) : {};
    // The key's run: this checkout's journal, the branch's manifests, else the scheduler (for a sweep: its first array).
    const sweep = (0,domain_sweep/* isSweepDesign */.nr)(designDoc.data);
    let journal = sweep
        ? await keyedSweepEntry(ws.root, iterationPath, ws.gitDir, opts.launchKey)
        : await keyedEntry(ws.root, iterationPath, ws.gitDir, opts.launchKey);
    let keyLookup;
    const cluster = designCluster(designDoc.data.compute);
    const onBranch = !sweep && !journal?.job_id && hostMode === "slurm" ? await keyOnBranch(opts, ws, iterationPath, log) : undefined;
    if (!journal && !onBranch && opts.launchKey && !opts.runId && !opts.dryRun && hostMode === "slurm") {
        const name = (0,store_journal/* keyJobName */.G2)(opts.launchKey);
        keyLookup = await opts.scheduler.findByName(name, { controller: true, runs: true, ...onCluster(cluster) });
        journal = orphanEntry(keyLookup, opts.launchKey, name, (0,time/* isoSeconds */.n)(now()));
        if (journal)
            log(`launch key ${JSON.stringify(opts.launchKey)}: job ${keyLookup.jobIds[0]} (${name}) was submitted for run ${journal.run_id}, which no record here knows: adopting it`);
    }
    const run = chooseRun({
        iterationId: it.iterationId,
        runId: opts.runId,
        launchKey: opts.launchKey,
        journal,
        fresh: () => (0,manifest/* newRunId */.F$)(now(), (0,external_node_crypto_.randomBytes)(3).toString("hex")),
    });
    const layout = (0,domain_layout/* runLayout */.WA)(iterationPath, run.runId);
    // Every directory launch reads or writes, resolved and checked before anything is submitted (items 5, 6).
    assertNoLinkOnLaunchPaths(ws.root, launchPaths(layout));
    const manifestAbs = external_node_path_.join(ws.root, layout.manifest);
    const existing = (0,external_node_fs_.existsSync)(manifestAbs) ? (await (0,manifest/* readManifest */.WI)(manifestAbs, layout.manifest)).data : undefined;
    return {
        opts,
        log,
        now,
        ws,
        iterationId: it.iterationId,
        iterationPath,
        designDisplay,
        design: designDoc.data,
        locate: designDoc.locate,
        policy: policy,
        hostMode,
        workRoot,
        jobUser,
        passEnv,
        journal,
        keyLookup,
        ...(onBranch ? { onBranch } : {}),
        ...onCluster(cluster),
        run,
        layout,
        scriptPath: hostMode === "slurm" ? layout.slurmScript : layout.localScript,
        existing,
    };
}
/**
 * A keyed launch that would push: the key's run as the remote's branch has it
 * (a checkout made before another attempt pushed that run's record), when
 * that record has a job. Nothing is submitted for it then. Undefined when the
 * branch has no such run, or the remote could not be asked (said in the log;
 * the scheduler is asked next).
 */
async function keyOnBranch(opts, ws, iterationPath, log) {
    const key = opts.launchKey;
    if (key === undefined || opts.runId || opts.dryRun || !ws.inGit || opts.commit === false || opts.push === false)
        return undefined;
    const found = await branchRunsForKey(ws.root, { iterationPath, key, branch: opts.branch, token: opts.token });
    if (found.error)
        log(`warning: ${found.where ?? "the remote"} could not be asked for launch key ${JSON.stringify(key)}: ${found.error}`);
    const entry = entryFromManifests(found.manifests, key);
    if (!entry?.job_id || !found.where)
        return undefined;
    const manifest = found.manifests.find((m) => m.run_id === entry.run_id);
    return { entry, manifest, where: found.where };
}
/**
 * The launch key's run: this checkout's journal entry, unless a manifest on
 * the branch records the key and the journal knows no job (another checkout,
 * or an attempt here that was refused, made the journal entry's run moot).
 */
async function keyedEntry(root, iterationPath, gitDir, key) {
    const journal = await (0,store_journal/* readJournal */.a0)(gitDir, key);
    if (key === undefined || journal?.job_id)
        return journal;
    return entryFromManifests(await iterationManifests(root, iterationPath), key) ?? journal;
}
/**
 * A keyed sweep's run (its sweep id): the sweep the iteration's task manifests
 * record under the key (another checkout launched it), else this checkout's
 * journal entry (a launch here that died before its records were written).
 */
async function keyedSweepEntry(root, iterationPath, gitDir, key) {
    if (key === undefined)
        return undefined;
    const recorded = sweepEntryFromManifests(await iterationManifests(root, iterationPath), key);
    return recorded ?? (await (0,store_journal/* readJournal */.a0)(gitDir, key));
}
/** The iteration's run manifests in this checkout. */
async function iterationManifests(root, iterationPath) {
    const runsDir = external_node_path_.join(root, iterationPath, "runs");
    const manifests = [];
    for (const d of (0,external_node_fs_.existsSync)(runsDir) ? await (0,promises_.readdir)(runsDir, { withFileTypes: true }) : []) {
        const rel = `${iterationPath}/runs/${d.name}/${domain_layout/* MANIFEST_FILE */.h1}`;
        if (!d.isDirectory() || !(0,external_node_fs_.existsSync)(external_node_path_.join(root, rel)))
            continue;
        // Another run's unreadable manifest is that run's problem (verify reports it), not this launch's.
        const m = await (0,manifest/* readManifest */.WI)(external_node_path_.join(root, rel), rel).catch(() => undefined);
        if (m)
            manifests.push(m.data);
    }
    return manifests;
}
/** `{cluster}` when there is one (optional fields stay absent). */
function onCluster(cluster) {
    return cluster !== undefined ? { cluster } : {};
}
function resultBase(g) {
    return {
        runId: g.run.runId,
        iterationId: g.iterationId,
        hostMode: g.hostMode,
        ...onCluster(g.cluster),
        manifestPath: g.layout.manifest,
        scriptPath: g.scriptPath,
    };
}
function safeLocate(locate, pointer) {
    try {
        return locate(pointer);
    }
    catch {
        return {};
    }
}
function safeUserName() {
    try {
        return external_node_os_.userInfo().username;
    }
    catch {
        return process.env.USER ?? process.env.LOGNAME ?? "unknown";
    }
}

;// CONCATENATED MODULE: ./lib/src/commands/launch/act.js
/** launch, act: journal the intent, snapshot, run dir, then submit or adopt (or run locally). */













async function act(g, p) {
    const { opts, ws, run, layout } = g;
    // Journal the intent before submitting so that a crash after it can be adopted.
    const startedAt = (0,time/* isoSeconds */.n)(g.now());
    let entry = g.journal;
    if (ws.gitDir && opts.launchKey && !entry) {
        entry = {
            key: opts.launchKey,
            run_id: run.runId,
            iteration_id: g.iterationId,
            job_name: p.request.name,
            created_at: startedAt,
        };
        await (0,store_journal/* writeJournal */.fY)(ws.gitDir, entry);
    }
    // The snapshot (made now, or reused from an earlier attempt of this run) is what the job runs.
    const { snapshotCreated, revision } = await snapshotOf(g, p);
    const base = baseManifest({
        runId: run.runId,
        iterationId: g.iterationId,
        hostMode: g.hostMode,
        commandLine: p.submission.commandLine,
        resourceRequest: resourceRequest(g.design.compute, p.request.name, p.submission.directives),
        startedAt,
        script: g.scriptPath,
        design: g.designDisplay,
        gitRevision: revision,
        workDir: p.snapshotDir,
        launchedBy: opts.launchedBy ?? process.env.GITHUB_ACTOR ?? safeUserName(),
        launchedFrom: external_node_os_.hostname(),
        launchKey: opts.launchKey,
        entrypointCommand: p.request.command,
        passedEnv: g.passEnv,
    });
    // The script and logs/ go into the run directory (the snapshot's, with a work root) before submitting.
    // (A job user's snapshot already holds them: it was unpacked by that user.)
    const jobRunDir = external_node_path_.join(p.jobRoot, layout.runDir);
    let created = [];
    try {
        if (!g.jobUser)
            created = await prepareRunDir(jobRunDir, external_node_path_.join(p.jobRoot, g.scriptPath), p.submission.script);
    }
    catch (e) {
        if (snapshotCreated)
            await dropSnapshot(g, p.snapshotDir);
        throw e;
    }
    if (g.hostMode === "slurm" && !opts.launchKey) {
        g.log(`run ${run.runId}: submitting ${g.scriptPath} (if this process dies now, relaunch with --run-id ${run.runId}: it adopts the job instead of submitting another)`);
    }
    try {
        if (g.hostMode === "local")
            return await actLocal(g, p, base);
        const out = await obtainJob(g, p, entry);
        if (out.kind === "job") {
            const m = submittedManifest(base, out.job, startedAt, entry?.created_at);
            return { manifest: m, adopted: Boolean(out.job.adopted) };
        }
        // Refused: no job will ever run in the snapshot.
        if (snapshotCreated)
            await dropSnapshot(g, p.snapshotDir);
        const m = refusedManifest(base, out.refusal, (0,time/* isoSeconds */.n)(g.now()), { dropWorkDir: snapshotCreated });
        return { manifest: m, adopted: false, error: out.refusal.message };
    }
    catch (e) {
        // No job exists (or none could be confirmed): take back what this attempt wrote.
        await removeCreated(created);
        // The snapshot stays: a job whose reply was lost may still run there, and a retry of this run reuses it.
        if (snapshotCreated)
            g.log(`the run's snapshot ${p.snapshotDir} is kept for a retry of run ${run.runId}`);
        throw e;
    }
}
/** The run's snapshot (a git worktree; for launch.job_user, that user's copy without .git) and its commit. */
async function snapshotOf(g, p) {
    const { ws } = g;
    if (!p.snapshotDir)
        return { snapshotCreated: false, revision: ws.inGit ? await (0,git/* headSha */.xF)(ws.root) : undefined };
    if (!g.jobUser) {
        const snapshotCreated = await (0,snapshot/* makeSnapshot */.HM)(ws.root, p.snapshotDir, g.log);
        return { snapshotCreated, revision: await (0,git/* headSha */.xF)(p.snapshotDir) };
    }
    const made = await jobUserSnapshotOfHead({
        repoRoot: ws.root,
        dir: p.snapshotDir,
        user: g.jobUser,
        files: [{ rel: g.scriptPath, content: p.submission.script }],
        dirs: [`${g.layout.runDir}/logs`],
        programs: [g.opts.scheduler.terms.submit, g.opts.scheduler.terms.cancel],
        log: g.log,
    });
    return { snapshotCreated: made.created, revision: made.revision };
}
function dropSnapshot(g, dir) {
    return g.jobUser ? removeJobUserSnapshot(dir, g.jobUser) : (0,snapshot/* removeSnapshot */.Bw)(g.ws.root, dir);
}
async function actLocal(g, p, base) {
    const limit = p.request.resources.timeLimit;
    const observed = await runLocally({
        scriptAbs: external_node_path_.join(g.ws.root, g.scriptPath),
        runDir: external_node_path_.join(g.ws.root, g.layout.runDir),
        cwd: g.ws.root,
        runId: g.run.runId,
        iterationId: g.iterationId,
        limitSeconds: typeof limit === "number" ? limit : undefined,
        outputs: (g.design.artifact_sync?.outputs ?? []).filter((o) => typeof o === "string"),
    });
    const m = localManifest(base, observed, (0,time/* isoSeconds */.n)(g.now()));
    const error = m.status === "failed"
        ? String(m.failure?.message ?? "the local run failed")
        : undefined;
    return { manifest: m, adopted: false, error };
}
/**
 * The run's job: adopted (journal job id, or found by name when the run id
 * was not freshly made), else submitted. A permanent refusal is returned;
 * anything that leaves the job's existence unknown is thrown.
 */
async function obtainJob(g, p, entry) {
    const { opts, run } = g;
    const sched = opts.scheduler;
    const name = p.request.name;
    // A run id that was not made just now (or a manifest without job id) may already have a job.
    // A keyed launch also looks first: another checkout may have submitted this key's job.
    const keyed = opts.launchKey !== undefined && g.hostMode === "slurm";
    let d = decideBeforeLookup(entry, run.given || g.existing !== undefined || keyed);
    if (d.kind === "lookup") {
        // A fresh keyed run was asked about while gathering (one question per launch).
        const lookup = !run.given && g.keyLookup
            ? g.keyLookup
            : await sched.findByName(name, { controller: true, ...onCluster(g.cluster) });
        // The run's age is judged on the real clock (the controller's MinJobAge is real time).
        const ageSeconds = runAgeSeconds(run.runId, entry?.created_at, new Date());
        d = decideAfterLookup({
            name,
            runId: run.runId,
            lookup,
            ageSeconds,
            manifestPath: g.layout.manifest,
            fresh: keyed && !run.given && g.existing === undefined,
        });
    }
    if (d.kind !== "lookup" && d.note)
        g.log(d.note);
    if (d.kind === "adopt") {
        g.log(d.by === "launch journal"
            ? `adopted job ${d.jobId}: the launch journal recorded it for run ${run.runId}`
            : `adopted job ${d.jobId}: found by its job name ${name}`);
        return {
            kind: "job",
            job: { jobId: d.jobId, cluster: d.cluster ?? g.cluster, jobName: name, attempts: 0, adopted: { by: d.by } },
        };
    }
    const tuning = (0,settings/* submitSettings */.MZ)(g.policy);
    const out = await sched.submit(p.submission, {
        cwd: p.jobRoot,
        timeoutMs: opts.submit?.timeoutMs ?? tuning.timeoutMs,
        retries: opts.submit?.retries ?? tuning.retries,
        baseDelayMs: opts.submit?.baseDelayMs ?? tuning.baseDelayMs,
        passEnv: g.passEnv,
    });
    if (out.kind === "job") {
        if (g.ws.gitDir && entry)
            await (0,store_journal/* writeJournal */.fY)(g.ws.gitDir, {
                ...entry,
                job_id: out.jobId,
                ...(out.cluster ? { cluster: out.cluster } : {}),
            });
        g.log(out.adopted
            ? `adopted job ${out.jobId}: an earlier submit attempt created it (found by its job name ${name})`
            : `submitted job ${out.jobId}${out.cluster ? ` on ${out.cluster}` : ""} (${out.attempts} attempt${out.attempts === 1 ? "" : "s"})`);
        const job = { jobId: out.jobId, cluster: out.cluster, jobName: name, attempts: out.attempts };
        return {
            kind: "job",
            job: out.adopted ? { ...job, adopted: { by: "job name" } } : { ...job, evidence: out.evidence },
        };
    }
    if (out.kind === "refused") {
        g.log(`the scheduler refused the job: ${out.message}`);
        return {
            kind: "refused",
            refusal: { jobName: name, message: out.message, attempts: out.attempts, evidence: out.evidence },
        };
    }
    // The scheduler did not answer: a lost reply may still have created the job.
    const found = await sched.findByName(name, onCluster(g.cluster)).catch(() => undefined);
    if (found?.jobIds.length) {
        g.log(`adopted job ${found.jobIds[0]}: the scheduler's reply was lost but the job exists (found by its job name ${name})`);
        const job = { jobId: found.jobIds[0], ...onCluster(g.cluster), jobName: name, attempts: out.attempts };
        return { kind: "job", job: { ...job, adopted: { by: "job name" } } };
    }
    throw new errors/* AutolabError */.t0(`${out.error.message}; nothing was recorded for run ${run.runId}`, {
        file: g.layout.manifest,
        hint: opts.launchKey
            ? `retry with the same launch key (${opts.launchKey}): it adopts the job if one was created, else submits it`
            : `retry with --run-id ${run.runId}: it adopts the job if one was created, else submits it`,
        cause: out.error,
    });
}

// EXTERNAL MODULE: ./lib/src/steps/admission.js
var admission = __webpack_require__(455);
;// CONCATENATED MODULE: ./lib/src/commands/launch/plan.js
/** launch, plan: the request, the submission, whether this host can submit; the dry run. */






async function prepare(g) {
    const { opts, ws } = g;
    // With a work root, the job runs in a snapshot of the committed iteration: refuse uncommitted design changes.
    const snapshotDir = g.workRoot ? external_node_path_.join(g.workRoot, g.run.runId) : undefined;
    if (snapshotDir)
        await (0,snapshot/* checkSnapshotable */.dn)(ws.root, g.iterationPath, g.log);
    const jobRoot = snapshotDir ?? ws.root;
    const request = requestFor(g, jobRoot);
    const submission = opts.scheduler.prepare(request, {
        scriptPath: g.scriptPath,
        mode: g.hostMode === "slurm" ? "batch" : "local",
    });
    let cannotSubmit;
    if (g.hostMode === "slurm") {
        const probe = await opts.scheduler.probe({ timeoutMs: 10_000 });
        if (!probe.canSubmit)
            cannotSubmit = probe.summary;
        if (cannotSubmit && !opts.dryRun) {
            throw new errors/* AutolabError */.t0(`design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${cannotSubmit.join("\n  ")}`, {
                file: g.designDisplay,
                ...safeLocate(g.locate, "/compute/location"),
                jsonPath: "/compute/location",
                hint: "run on a SLURM login node (or the self-hosted runner there), or set compute.location: local",
            });
        }
    }
    // Before anything is written or queued: would the scheduler run this request at all?
    if (g.hostMode === "slurm" && !cannotSubmit && !opts.dryRun && !g.journal?.job_id)
        await refuseImpossible(g, submission, ws.root);
    return { request, submission, jobRoot, snapshotDir, cannotSubmit };
}
/** The design's site for findings about its compute block. */
function designSite(g) {
    return {
        file: g.designDisplay,
        compute: g.design.compute,
        where: (p) => safeLocate(g.locate, p),
    };
}
/**
 * The scheduler's test submission (nothing queued): a request it would refuse,
 * or queue and never start, is refused here with the design key at fault.
 * When the scheduler cannot be asked, the launch goes on (its submit retries
 * and says what happened).
 */
async function refuseImpossible(g, s, cwd, what = "") {
    const sched = g.opts.scheduler;
    const t = await (0,admission/* testDesignRequest */.M3)(sched, s, cwd, designSite(g));
    const asked = sched.terms.testSubmit ?? `${sched.name} test submission`;
    if (t.unanswered !== undefined) {
        g.log(`${asked}${what} could not be asked (${t.unanswered}); submitting without it`);
        return;
    }
    if (!t.findings.length)
        return;
    const [first] = t.findings;
    throw new errors/* AutolabError */.t0(`the scheduler would not run this request${what} (${asked}); nothing was submitted or recorded: ${t.findings.map((f) => f.message).join("; ")}`, {
        file: first.file,
        line: first.line,
        column: first.column,
        jsonPath: first.jsonPath,
        hint: first.hint,
        findings: t.findings,
    });
}
/** The scheduler's request for this run; validation errors point at design.yaml's lines. */
function requestFor(g, jobRoot) {
    const req = baseRequest(g, jobRoot);
    // A keyed SLURM launch's job is named from its key, so that any checkout finds it (launch-plan.ts).
    const key = g.opts.launchKey;
    if (g.hostMode !== "slurm" || key === undefined)
        return req;
    return { ...req, name: g.journal?.job_name || (0,store_journal/* keyJobName */.G2)(key) };
}
function baseRequest(g, jobRoot) {
    try {
        return g.opts.scheduler.request({
            design: g.design,
            runId: g.run.runId,
            iterationId: g.iterationId,
            iterationPath: g.iterationPath,
            workDir: jobRoot,
            pythonBin: String(g.policy.python_bin ?? "python3"),
        });
    }
    catch (e) {
        if (!(e instanceof errors/* AutolabError */.t0) || e.location.file)
            throw e;
        const pointer = e.location.jsonPath;
        const findings = e.findings.map((f) => f.jsonPath && !f.file ? { ...f, file: g.designDisplay, ...safeLocate(g.locate, f.jsonPath) } : f);
        if (pointer) {
            throw new errors/* AutolabError */.t0(e.message, {
                file: g.designDisplay,
                jsonPath: pointer,
                ...safeLocate(g.locate, pointer),
                hint: e.hint,
                findings,
                cause: e,
            });
        }
        // Not a design value (e.g. the checkout's path cannot stand in an #SBATCH line).
        throw new errors/* AutolabError */.t0(e.message, { file: g.ws.root, hint: e.hint, findings, cause: e });
    }
}
async function dryRun(g, p) {
    const dry = { script: p.submission.script, argv: p.submission.argv };
    if (g.hostMode === "slurm" && p.cannotSubmit) {
        dry.testOnlySkipped = `this host cannot submit to SLURM: ${p.cannotSubmit.join("; ")}`;
    }
    else if (g.hostMode === "slurm") {
        dry.testOnly = await g.opts.scheduler.testSubmit(p.submission, { cwd: g.ws.root, passEnv: g.passEnv });
    }
    return { ...resultBase(g), status: "dry-run", reused: false, adopted: false, dryRun: dry };
}

// EXTERNAL MODULE: ./lib/src/domain/changes.js
var changes = __webpack_require__(9162);
// EXTERNAL MODULE: ./lib/src/ledger/sync.js
var sync = __webpack_require__(1735);
// EXTERNAL MODULE: ./lib/src/steps/record-run.js
var record_run = __webpack_require__(9421);
;// CONCATENATED MODULE: ./lib/src/commands/launch/record.js
/** launch, record: the change set (scripts, manifest, ledger, state, local evidence), and a reused run. */











function recordLaunch(g, edits, m, o) {
    return (0,record_run/* recordRun */.vj)(g.ws, edits, m, launchRecording(g, o.message, "it"));
}
/** How a launch (one run or a sweep) records: the caller's options, and what a rerun does. */
function launchRecording(g, message, what) {
    return {
        message,
        skipCi: g.opts.skipCi,
        push: g.opts.push,
        branch: g.opts.branch,
        token: g.opts.token,
        identity: g.opts.identity,
        log: g.log,
        rerun: `rerunning the same launch (same --run-id or launch key) records ${what} without submitting again`,
    };
}
function launchEdits(g, s, m) {
    const launchScript = `${g.layout.launchDir}/${external_node_path_.posix.basename(g.scriptPath)}`;
    const edits = [
        (0,changes/* put */.y)(launchScript, s.script),
        (0,changes/* put */.y)(g.scriptPath, s.script),
        (0,record_run/* manifestEdit */._6)(g.layout.manifest, m),
    ];
    return [...edits, ...sideEdits(g, m, m.status !== "failed")];
}
/** Ledger line (SLURM runs with a job id), state.json (when the run moves the stage), a local run's evidence. */
function sideEdits(g, m, movesState) {
    const edits = [];
    if (m.host_mode === "slurm" && (0,run/* manifestJobId */.Gf)(m))
        edits.push((0,sync/* ledgerEdit */.OO)(m));
    if (movesState)
        edits.push((0,state_file/* stateAfter */.W_)(m, "launched", g.now()));
    if (m.host_mode === "local")
        edits.push(...localEvidence(g.ws.root, g.layout.runDir).map(record_run/* keep */.aC));
    return edits;
}
/** A run that already has a manifest: record it again (idempotent) and commit if an earlier attempt did not. */
async function reuse(g) {
    const m = g.existing;
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    g.log(`run ${m.run_id} was already launched (${jobId ? `job ${jobId}, ` : ""}status ${m.status ?? "unknown"}): nothing submitted`);
    const result = {
        ...resultBase(g),
        runId: m.run_id,
        hostMode: m.host_mode,
        status: m.status ?? "pending",
        jobId,
        reused: true,
        adopted: false,
    };
    const error = failureMessageOf(m);
    if (error !== undefined)
        result.error = error;
    if (g.opts.dryRun)
        return result;
    const edits = [];
    for (const p of [g.layout.slurmScript, g.layout.localScript]) {
        const abs = external_node_path_.join(g.ws.root, p);
        if ((0,external_node_fs_.existsSync)(abs))
            edits.push((0,changes/* put */.y)(p, await (0,fs/* readTextStrict */.hr)(abs, p)));
    }
    edits.push((0,record_run/* manifestEdit */._6)(g.layout.manifest, m));
    // Only a run still at its launch status moves the state machine.
    const movesState = (m.status === "submitted" || m.host_mode === "local") && m.status !== "failed";
    edits.push(...sideEdits(g, m, movesState));
    const rec = await recordLaunch(g, edits, m, {
        message: `autolab: record launch of ${g.iterationId} run ${m.run_id}${jobId ? ` (job ${jobId})` : ""}: ${m.status ?? "pending"}`,
    });
    result.commit = rec.commit;
    return result;
}

// EXTERNAL MODULE: ./lib/src/domain/stage.js
var stage = __webpack_require__(7881);
// EXTERNAL MODULE: ./lib/src/util/pool.js
var pool = __webpack_require__(7033);
;// CONCATENATED MODULE: ./lib/src/commands/launch/sweep.js
/**
 * launch, a sweep (design `sweep:` or `replicates` > 1): every task is a run.
 * Decide (domain/sweep.ts: points, replicates, tasks, chunks) -> act (one
 * `sbatch --array` per chunk, or the tasks one after another locally) ->
 * record (one change set: the chunk scripts, the sweep record, one manifest
 * and one ledger line per task, state.json with `run_group`).
 *
 * The sweep id is the launch's run id (from --run-id, the launch journal, or
 * fresh); task runs are `<sweep_id>_<i>` (`<sweep_id>_c<c>_<i>` in later
 * chunks). Idempotent: the sweep record `runs/<sweep_id>/sweep_manifest.json`
 * is written before each chunk is submitted and gets the chunk's array job id
 * as soon as sbatch answers; a relaunch with the same sweep id or launch key
 * submits only chunks without a job, each after looking for its array by
 * job name (`autolab-<sweep_id>[_c<c>]`; a keyed launch's `<key's job
 * name>[_c<c>]`, which a fresh checkout can ask for), so no chunk is
 * submitted twice.
 */




























/** The plan of the design's sweep, or an error naming every malformed part with design.yaml's line. */
function sweepPlanOf(g) {
    const cap = (0,settings/* sweepLimits */.Z7)(g.policy).maxTasks;
    const { plan: p, problems } = domain_sweep/* planSweep */.cK(g.design, cap);
    if (p)
        return p;
    const findings = problems.map((pr) => ({
        severity: "error",
        check: "design.sweep",
        file: g.designDisplay,
        jsonPath: pr.jsonPath,
        ...safeLocate(g.locate, pr.jsonPath),
        message: pr.message,
        hint: pr.hint,
    }));
    const first = findings[0];
    throw new errors/* AutolabError */.t0(`design.yaml's sweep is malformed: ${problems.map((x) => x.message).join("; ")}; nothing was written`, { file: first.file, line: first.line, column: first.column, jsonPath: first.jsonPath, hint: first.hint, findings });
}
function taskEnv(sweepId, t) {
    return [
        ["AUTOLAB_PARAMS_JSON", domain_sweep/* paramsJson */.XB(t.params)],
        ["AUTOLAB_POINT_INDEX", String(t.point)],
        ["AUTOLAB_REPLICATE", String(t.replicate)],
        ["AUTOLAB_SWEEP_ID", sweepId],
        ["AUTOLAB_TASK_INDEX", String(t.index)],
    ];
}
function sweep_requestFor(g, runId, t, jobRoot, env) {
    return g.opts.scheduler.request({
        design: g.design,
        runId,
        iterationId: g.iterationId,
        iterationPath: g.iterationPath,
        workDir: jobRoot,
        pythonBin: String(g.policy.python_bin ?? "python3"),
        task: { params: t.params, env },
    });
}
/** Chunks with their tasks' requests and (SLURM) their array submissions. Pure but for the scheduler's pure calls. */
function chunksOf(g, p, sweepId, jobRoot, perArray, recorded) {
    const groupDir = (0,domain_layout/* runLayout */.WA)(g.iterationPath, sweepId).runDir;
    const local = g.hostMode === "local";
    // A keyed launch names its arrays from the key (any checkout can find them); a recorded chunk keeps its name.
    const base = g.opts.launchKey !== undefined && !local ? (0,store_journal/* keyJobName */.G2)(g.opts.launchKey) : undefined;
    return domain_sweep/* chunkTasks */._e(p.tasks.length, local ? p.tasks.length : perArray).map((chunk) => {
        const tasks = p.tasks.slice(chunk.offset, chunk.offset + chunk.count).map((task, i) => {
            const runId = local ? `${sweepId}_${task.index}` : domain_sweep/* taskRunId */.Os(sweepId, chunk, i);
            const env = taskEnv(sweepId, task);
            // Local tasks get their variables in their own script; array tasks from the array's task table.
            const request = sweep_requestFor(g, runId, task, jobRoot, local ? env : []);
            return { task, runId, request, env };
        });
        const name = recorded?.chunks.find((e) => e.chunk === chunk.chunk)?.job_name ?? domain_sweep/* chunkJobName */.Eo(sweepId, chunk.chunk, base);
        const scriptPath = `${groupDir}/${chunk.chunk === 0 ? "run_slurm.sbatch" : `run_slurm_c${chunk.chunk}.sbatch`}`;
        const c = { chunk, name, scriptPath, tasks };
        if (!local) {
            const a = {
                name,
                runPrefix: domain_sweep/* chunkRunPrefix */.nK(sweepId, chunk.chunk),
                tasks: tasks.map((t) => ({ request: t.request, env: t.env })),
                maxConcurrent: p.maxConcurrent,
            };
            c.submission = g.opts.scheduler.prepareArray(a, { scriptPath });
        }
        return c;
    });
}
async function readRecord(abs) {
    if (!(0,external_node_fs_.existsSync)(abs))
        return undefined;
    try {
        const r = JSON.parse(await (0,promises_.readFile)(abs, "utf8"));
        return r && r.kind === "sweep" && Array.isArray(r.chunks) ? r : undefined;
    }
    catch {
        return undefined;
    }
}
/** Launch the design's sweep (the caller found `isSweepDesign`). */
async function launchSweep(g) {
    const p = sweepPlanOf(g);
    const sweepId = g.run.runId;
    const groupDir = (0,domain_layout/* runLayout */.WA)(g.iterationPath, sweepId).runDir;
    const recordPath = `${groupDir}/${domain_layout/* SWEEP_RECORD_FILE */.wL}`;
    const snapshotDir = g.workRoot ? external_node_path_.join(g.workRoot, sweepId) : undefined;
    if (snapshotDir && !g.opts.dryRun)
        await (0,snapshot/* checkSnapshotable */.dn)(g.ws.root, g.iterationPath, g.log);
    const jobRoot = snapshotDir ?? g.ws.root;
    let perArray = p.tasks.length;
    if (g.hostMode === "slurm") {
        const probe = await g.opts.scheduler.probe({ timeoutMs: 10_000 });
        if (!probe.canSubmit && !g.opts.dryRun)
            throw new errors/* AutolabError */.t0(`design asks for compute.location: slurm, but this host cannot submit to SLURM; nothing was written. Probed:\n  ${probe.summary.join("\n  ")}`, { file: g.designDisplay, ...safeLocate(g.locate, "/compute/location"), jsonPath: "/compute/location" });
        // A named cluster's own MaxArraySize (scontrol -M): the arrays are submitted there.
        const clusterMax = probe.canSubmit ? await g.opts.scheduler.maxArrayTasks(onCluster(g.cluster)) : undefined;
        if (clusterMax === 0)
            throw new errors/* AutolabError */.t0(`${g.cluster ? `cluster ${g.cluster}` : "this cluster"} has job arrays switched off (MaxArraySize=0); a sweep cannot be submitted`, {
                file: g.designDisplay,
                ...safeLocate(g.locate, g.design.sweep !== undefined ? "/sweep" : "/replicates"),
            });
        perArray = Math.min(clusterMax ?? Infinity, (0,settings/* sweepLimits */.Z7)(g.policy).maxArraySize ?? Infinity, p.tasks.length);
    }
    const existing = await readRecord(external_node_path_.join(g.ws.root, recordPath));
    const chunks = chunksOf(g, p, sweepId, jobRoot, perArray, existing);
    const base = resultOf(g, p, sweepId, chunks, recordPath);
    if (g.opts.dryRun)
        return dryRunOf(g, base, chunks);
    // Chunks an earlier attempt submitted: their scripts are the ones submitted, kept as they are.
    const submittedBefore = new Set(existing?.chunks.filter((e) => e.job_id).map((e) => e.chunk) ?? []);
    // One test submission per array chunk still to submit, before anything is written or queued.
    for (const c of chunks)
        if (c.submission && !existing?.chunks.find((e) => e.chunk === c.chunk.chunk)?.job_id)
            await refuseImpossible(g, c.submission, g.ws.root, chunks.length > 1 ? ` (array chunk ${c.chunk.chunk})` : "");
    if (g.ws.gitDir && g.opts.launchKey && !g.journal)
        await (0,store_journal/* writeJournal */.fY)(g.ws.gitDir, {
            key: g.opts.launchKey,
            run_id: sweepId,
            iteration_id: g.iterationId,
            job_name: chunks[0].name,
            created_at: (0,time/* isoSeconds */.n)(g.now()),
        });
    const revision = await sweepSnapshot(g, snapshotDir, chunks);
    const startedAt = existing?.created_at ?? (0,time/* isoSeconds */.n)(g.now());
    const record = existing ?? {
        schema_version: "1.0",
        kind: "sweep",
        sweep_id: sweepId,
        iteration_id: g.iterationId,
        host_mode: g.hostMode,
        ...(g.opts.launchKey ? { launch_key: g.opts.launchKey } : {}),
        created_at: startedAt,
        replicates: p.replicates,
        ...(p.maxConcurrent !== undefined ? { max_concurrent: p.maxConcurrent } : {}),
        points: p.points.map((pt) => ({ index: pt.index, label: pt.label, params: pt.params })),
        run_group: chunks.flatMap((c) => c.tasks.map((t) => t.runId)),
        chunks: chunks.map((c) => ({ ...c.chunk, job_name: c.name, script: c.scriptPath })),
    };
    const manifests = g.hostMode === "local"
        ? await runLocalTasks(g, chunks[0], { revision, startedAt, sweepId, total: p.tasks.length }, p.maxConcurrent)
        : await submitChunks(g, chunks, record, { revision, startedAt, sweepId, total: p.tasks.length, recordPath });
    const edits = sweepEdits(g, chunks, record, recordPath, manifests, submittedBefore);
    const failed = manifests.filter((m) => m.status === "failed").length;
    const rec = await (0,record_run/* recordRun */.vj)(g.ws, edits, manifests[0], launchRecording(g, `autolab: launch ${g.iterationId} sweep ${sweepId}: ${manifests.length} task(s)${record.chunks.some((c) => c.job_id) ? ` (array ${record.chunks.map((c) => c.job_id ?? "?").join(", ")})` : ""}${failed ? `, ${failed} failed` : ""}`, "the sweep"));
    const arrays = record.chunks.map((c) => c.job_id).filter((x) => Boolean(x));
    return {
        ...base,
        status: failed === manifests.length ? "failed" : (manifests[0].status ?? "submitted"),
        jobId: arrays.join(","),
        reused: existing !== undefined && existing.chunks.every((c) => c.job_id),
        commit: rec.commit,
        sweep: { ...base.sweep, arrays, failed },
    };
}
function resultOf(g, p, sweepId, chunks, recordPath) {
    const runIds = chunks.flatMap((c) => c.tasks.map((t) => t.runId));
    return {
        runId: sweepId,
        iterationId: g.iterationId,
        hostMode: g.hostMode,
        status: "pending",
        manifestPath: recordPath,
        scriptPath: chunks[0].scriptPath,
        reused: false,
        adopted: false,
        sweep: {
            id: sweepId,
            points: p.points.map((pt) => pt.label),
            replicates: p.replicates,
            runIds,
            chunks: chunks.map((c) => ({
                chunk: c.chunk.chunk,
                tasks: c.chunk.count,
                argv: c.submission?.argv ?? [],
            })),
            arrays: [],
            failed: 0,
        },
    };
}
async function dryRunOf(g, base, chunks) {
    const first = chunks[0];
    const script = first.submission?.script ?? "";
    const argv = first.submission?.argv ?? ["bash", first.tasks[0].request.runId];
    const result = { ...base, status: "dry-run", dryRun: { script, argv } };
    if (g.hostMode === "slurm" && first.submission) {
        result.dryRun.testOnly = await g.opts.scheduler.testSubmit(first.submission, {
            cwd: g.ws.root,
            passEnv: g.passEnv,
        });
    }
    return result;
}
function taskBase(g, c, t, ctx, s) {
    const layout = (0,domain_layout/* runLayout */.WA)(g.iterationPath, t.runId);
    const m = baseManifest({
        runId: t.runId,
        iterationId: g.iterationId,
        hostMode: g.hostMode,
        commandLine: s ? s.commandLine : `bash ${layout.localScript}`,
        resourceRequest: resourceRequest(g.design.compute, c.name, s?.directives ?? []),
        startedAt: ctx.startedAt,
        script: s ? c.scriptPath : layout.localScript,
        design: g.designDisplay,
        gitRevision: ctx.revision,
        workDir: g.workRoot ? external_node_path_.join(g.workRoot, ctx.sweepId) : undefined,
        launchedBy: g.opts.launchedBy ?? process.env.GITHUB_ACTOR ?? safeUserName(),
        launchedFrom: external_node_os_.hostname(),
        launchKey: g.opts.launchKey,
        entrypointCommand: t.request.command,
        ...(s ? { passedEnv: g.passEnv } : {}),
    });
    m.sweep = {
        sweep_id: ctx.sweepId,
        task_index: t.task.index,
        point_index: t.task.point,
        replicate: t.task.replicate,
        params: t.task.params,
        tasks: ctx.total,
        chunk: c.chunk.chunk,
    };
    return m;
}
/** The sweep's snapshot (for launch.job_user: that user's, holding every chunk's script and task's logs/) and its commit. */
async function sweepSnapshot(g, dir, chunks) {
    if (!dir)
        return g.ws.inGit ? await (0,git/* headSha */.xF)(g.ws.root) : undefined;
    if (!g.jobUser) {
        await (0,snapshot/* makeSnapshot */.HM)(g.ws.root, dir, g.log);
        return (0,git/* headSha */.xF)(dir);
    }
    const made = await jobUserSnapshotOfHead({
        repoRoot: g.ws.root,
        dir,
        user: g.jobUser,
        files: chunks.map((c) => ({ rel: c.scriptPath, content: c.submission.script })),
        dirs: chunks.flatMap((c) => c.tasks.map((t) => (0,domain_layout/* runLayout */.WA)(g.iterationPath, t.runId).logsDir)),
        programs: [g.opts.scheduler.terms.submit, g.opts.scheduler.terms.cancel],
        log: g.log,
    });
    return made.revision;
}
async function submitChunks(g, chunks, record, ctx) {
    const recordAbs = external_node_path_.join(g.ws.root, ctx.recordPath);
    const jobRoot = g.workRoot ? external_node_path_.join(g.workRoot, ctx.sweepId) : g.ws.root;
    const tuning = (0,settings/* submitSettings */.MZ)(g.policy);
    const out = [];
    for (const c of chunks) {
        const s = c.submission;
        const entry = record.chunks[c.chunk.chunk];
        // Script and every task's logs/ before sbatch (SLURM does not create log directories); a job user's snapshot has them.
        // A chunk an earlier attempt submitted keeps the script it was submitted with.
        if (!g.jobUser && !entry.job_id) {
            await prepareRunDir(external_node_path_.join(jobRoot, external_node_path_.dirname(c.scriptPath)), external_node_path_.join(jobRoot, c.scriptPath), s.script);
            await Promise.all(c.tasks.map((t) => (0,promises_.mkdir)(external_node_path_.join(jobRoot, (0,domain_layout/* runLayout */.WA)(g.iterationPath, t.runId).logsDir), { recursive: true })));
        }
        await (0,promises_.mkdir)(external_node_path_.dirname(recordAbs), { recursive: true });
        await (0,fs/* writeFileAtomic */.Zf)(recordAbs, JSON.stringify(record, null, 2) + "\n");
        let jobId = entry.job_id;
        let cluster = g.cluster;
        let adopted;
        let evidence;
        let attempts = 0;
        if (!jobId && (g.run.given || g.journal)) {
            const found = await g.opts.scheduler.findByName(c.name, onCluster(g.cluster));
            if (found.ok && found.jobIds.length) {
                jobId = found.jobIds[0];
                adopted = { by: "job name" };
                g.log(`adopted array ${jobId}: found by its job name ${c.name}`);
            }
        }
        if (!jobId) {
            const r = await g.opts.scheduler.submit(s, {
                cwd: jobRoot,
                timeoutMs: g.opts.submit?.timeoutMs ?? tuning.timeoutMs,
                retries: g.opts.submit?.retries ?? tuning.retries,
                baseDelayMs: g.opts.submit?.baseDelayMs ?? tuning.baseDelayMs,
                passEnv: g.passEnv,
            });
            if (r.kind === "unknown")
                throw new errors/* AutolabError */.t0(`${r.error.message}; the sweep's chunk ${c.chunk.chunk} may or may not exist`, {
                    file: ctx.recordPath,
                    hint: `retry with --run-id ${ctx.sweepId}: it adopts the array if one was created, else submits it`,
                    cause: r.error,
                });
            if (r.kind === "refused") {
                g.log(`the scheduler refused chunk ${c.chunk.chunk} of sweep ${ctx.sweepId}: ${r.message}`);
                for (const t of c.tasks) {
                    const m = refusedManifest(taskBase(g, c, t, ctx, s), { jobName: c.name, message: r.message, attempts: r.attempts, evidence: r.evidence }, (0,time/* isoSeconds */.n)(g.now()), { dropWorkDir: false });
                    out.push(m);
                }
                continue;
            }
            jobId = r.jobId;
            cluster = r.cluster ?? g.cluster;
            attempts = r.attempts;
            evidence = r.evidence;
            if (r.adopted)
                adopted = { by: "job name" };
            g.log(`submitted array ${jobId} (${c.tasks.length} task(s)): ${s.commandLine}`);
        }
        entry.job_id = jobId;
        await (0,fs/* writeFileAtomic */.Zf)(recordAbs, JSON.stringify(record, null, 2) + "\n");
        for (const [i, t] of c.tasks.entries()) {
            // A task recorded by an earlier attempt (or moved on by the monitor) stays as it is.
            const known = await existingManifest(g, t.runId);
            if (known) {
                out.push(known);
                continue;
            }
            const taskJob = `${jobId}_${i}`;
            const m = submittedManifest(taskBase(g, c, t, ctx, s), {
                jobId: taskJob,
                ...onCluster(cluster),
                jobName: c.name,
                attempts,
                ...(adopted ? { adopted } : { evidence: `${evidence ?? `array ${jobId}`}: task ${i} is job ${taskJob}` }),
            }, ctx.startedAt, record.created_at);
            m.slurm = { ...m.slurm, array_job_id: jobId, array_task_id: i };
            m.sweep.array_job_id = jobId;
            out.push(m);
        }
    }
    return out;
}
async function existingManifest(g, runId) {
    const layout = (0,domain_layout/* runLayout */.WA)(g.iterationPath, runId);
    const abs = external_node_path_.join(g.ws.root, layout.manifest);
    return (0,external_node_fs_.existsSync)(abs) ? (await (0,manifest/* readManifest */.WI)(abs, layout.manifest)).data : undefined;
}
/**
 * Local mode: the tasks one after another, or `compute.max_concurrent` at a
 * time, each a local run with its own script; the manifests in task order.
 */
async function runLocalTasks(g, c, ctx, maxConcurrent = 1) {
    return (0,pool/* mapPool */.P)(c.tasks, maxConcurrent, async (t) => {
        const layout = (0,domain_layout/* runLayout */.WA)(g.iterationPath, t.runId);
        const s = g.opts.scheduler.prepare(t.request, { scriptPath: layout.localScript, mode: "local" });
        await prepareRunDir(external_node_path_.join(g.ws.root, layout.runDir), external_node_path_.join(g.ws.root, layout.localScript), s.script);
        const limit = t.request.resources.timeLimit;
        const observed = await runLocally({
            scriptAbs: external_node_path_.join(g.ws.root, layout.localScript),
            runDir: external_node_path_.join(g.ws.root, layout.runDir),
            cwd: g.ws.root,
            runId: t.runId,
            iterationId: g.iterationId,
            limitSeconds: typeof limit === "number" ? limit : undefined,
            outputs: (g.design.artifact_sync?.outputs ?? []).filter((o) => typeof o === "string"),
        });
        const base = taskBase(g, c, t, ctx, undefined);
        base.command = s.commandLine;
        const m = localManifest(base, observed, (0,time/* isoSeconds */.n)(g.now()));
        g.log(`task ${t.task.index} (${domain_sweep/* pointLabel */.HV(t.task.params)}, replicate ${t.task.replicate}): ${m.status}`);
        return m;
    });
}
function sweepEdits(g, chunks, record, recordPath, manifests, submittedBefore) {
    const edits = [];
    // A chunk submitted by an earlier attempt (maybe another checkout, with other paths) keeps its script.
    const scriptEdit = (p, c) => submittedBefore.has(c.chunk.chunk) ? (0,record_run/* keep */.aC)(p) : (0,changes/* put */.y)(p, c.submission.script);
    for (const c of chunks)
        if (c.submission)
            edits.push(scriptEdit(c.scriptPath, c));
    if (chunks[0].submission)
        edits.push(scriptEdit(`${(0,domain_layout/* runLayout */.WA)(g.iterationPath, "x").launchDir}/run_slurm.sbatch`, chunks[0]));
    edits.push((0,changes/* put */.y)(recordPath, JSON.stringify(record, null, 2) + "\n"));
    for (const m of manifests) {
        edits.push((0,record_run/* manifestEdit */._6)((0,domain_layout/* runLayout */.WA)(g.iterationPath, m.run_id).manifest, m));
        if (m.host_mode === "local") {
            const layout = (0,domain_layout/* runLayout */.WA)(g.iterationPath, m.run_id);
            edits.push((0,record_run/* keep */.aC)(layout.localScript), ...localEvidence(g.ws.root, layout.runDir).map(record_run/* keep */.aC));
        }
    }
    const withJobs = manifests.filter((m) => m.host_mode === "slurm" && (0,run/* manifestJobId */.Gf)(m));
    if (withJobs.length)
        edits.push((0,sync/* ledgerEdit */.OO)(withJobs));
    const launched = manifests.filter((m) => m.status !== "failed").length;
    edits.push((0,state_file/* stateEdit */.gC)((st) => (0,stage/* groupLaunched */.MQ)(st, {
        sweepId: record.sweep_id,
        iterationId: g.iterationId,
        hostMode: g.hostMode,
        runGroup: record.run_group,
        launched,
    }, g.now()), `.autolab/state.json: sweep ${record.sweep_id} launched (run_group)`));
    return edits;
}

;// CONCATENATED MODULE: ./lib/src/domain/hand-edit.js
/**
 * The recovery recipe "fix the sbatch script and re-run" (issue 10, item 10).
 * `launch/run_slurm.sbatch` is the latest script launch rendered from
 * design.yaml; a new launch renders it again. When the file on disk is neither
 * what this launch renders nor what the run it was rendered for was submitted
 * with (`runs/<run_id>/run_slurm.sbatch`), a person edited it: a launch would
 * silently drop that fix, so it is refused with what to do instead. Pure.
 */

/** Undefined when the script may be rendered again; else the refusal, with the exact steps. */
function handEditedScript(i) {
    if (i.onDisk === undefined || i.onDisk === i.rendered)
        return undefined;
    if (i.lastSubmitted && i.lastSubmitted.text === i.onDisk)
        return undefined; // the design changed: a new render
    const since = i.lastSubmitted
        ? `differs from the script run ${i.lastSubmitted.runId} was submitted with`
        : "differs from what launch renders";
    return new errors/* AutolabError */.t0(`${i.path} was edited by hand (it ${since}); launch renders the job script from ${i.design} and would drop the edit, so nothing was submitted`, {
        file: i.path,
        hint: `put the fix into ${i.design}: shell lines before the command in runtime.setup, environment in runtime.env, ` +
            `#SBATCH options in compute.sbatch_options (or compute.partition, walltime_estimate, memory_estimate, ...), the command in entrypoint.cli; ` +
            `then discard the edited copy (\`git checkout -- ${i.path}\`, or delete it) and launch again`,
    });
}

;// CONCATENATED MODULE: ./lib/src/steps/script-check.js
/**
 * Before a launch renders `launch/<script>` again: read the file on disk and
 * the submitted copy of the run it names (`# autolab job script: run <id>`),
 * never through a link, and let
 * domain/hand-edit.ts decide whether a hand fix would be dropped (then the
 * launch is refused with the exact steps).
 */



async function refuseHandEditedScript(g, rendered) {
    const i = {
        root: g.ws.root,
        iterationPath: g.iterationPath,
        launchDir: g.layout.launchDir,
        runId: g.run.runId,
        design: g.designDisplay,
        scriptName: external_node_path_.posix.basename(g.scriptPath),
        rendered,
    };
    const read = async (rel) => {
        const r = await (0,fs/* readOwned */.A4)(i.root, external_node_path_.join(i.root, rel), 4 * 1024 * 1024);
        return r.data?.toString("utf8");
    };
    const launchScript = external_node_path_.posix.join(i.launchDir, i.scriptName);
    const onDisk = await read(launchScript);
    if (onDisk === undefined || onDisk === i.rendered)
        return;
    // The script names the run it was rendered for; compare with that run's submitted copy.
    const named = /^# autolab job script: run (\S+) of iteration/m.exec(onDisk)?.[1];
    if (named === undefined || named === i.runId || named.includes("/") || named.startsWith("."))
        return;
    const text = await read(external_node_path_.posix.join(i.iterationPath, "runs", named, i.scriptName));
    if (text === undefined)
        return; // that run's copy is gone: no evidence of a hand edit
    const lastSubmitted = { runId: named, text };
    const err = handEditedScript({ path: launchScript, onDisk, rendered: i.rendered, lastSubmitted, design: i.design });
    if (err)
        throw err;
}

;// CONCATENATED MODULE: ./lib/src/commands/launch/index.js
/**
 * launch: design.yaml -> job request -> submitted job (or a local run) ->
 * manifest + ledger line + state.json -> one commit. Never waits for a job.
 * Gather (workspace, design, policy, journal, the run) -> decide
 * (domain/launch-plan.ts) -> act (snapshot, run dir, submit or adopt, or run
 * locally) -> record (one change set through git/record.ts).
 *
 * Order matters for safety:
 *  1. Everything that can be refused is checked before anything is written:
 *     the run id / launch key, the design (errors name design.yaml, line and
 *     column), the policy, state.json, the request, and, for a SLURM design,
 *     whether this host can submit at all (what was probed is in the error).
 *     A refused launch leaves the work tree exactly as it was.
 *  2. Idempotency: a run that already has a manifest is never submitted
 *     again; its records are recorded again (committed if an earlier attempt
 *     died before its commit). Before submitting, the run id is recorded in
 *     the launch journal (store/journal.ts) keyed by the launch key; the job
 *     id is added as soon as the scheduler answers. A retry adopts the job
 *     (by the journal's job id, else by its unique job name) instead of
 *     submitting again; launch-plan.ts has the rules, including the one for
 *     when accounting is down.
 *  3. The job script is written to the run directory before submitting
 *     (the scheduler reads it there) together with `logs/` (SLURM does not
 *     create the log directory). If the launch stops before the job exists
 *     (a scheduler that does not answer), those files are removed again.
 *  4. The records (scripts, manifest, ledger, state) are one change set that
 *     commit-back replays on a new branch head when a push is rejected.
 *
 * Work root: see steps/snapshot.ts. Ledger: one line per SLURM job; a
 * refused submission (no job id) and a local run have none.
 */












/**
 * The key's run is on the remote's branch already, with its job: nothing is
 * submitted, and nothing is written here (the branch has the record; writing
 * this checkout's stale view of it could only revert what a monitor recorded
 * since).
 */
function onBranch(g, b) {
    const m = b.manifest;
    g.log(`launch key ${JSON.stringify(g.opts.launchKey)}: ${b.where} already records run ${m.run_id} (job ${b.entry.job_id}, status ${m.status ?? "unknown"}); nothing submitted (pull to see it)`);
    const layout = (0,domain_layout/* runLayout */.WA)(g.iterationPath, m.run_id);
    return {
        ...resultBase(g),
        runId: m.run_id,
        manifestPath: layout.manifest,
        scriptPath: layout.slurmScript,
        status: m.status ?? "submitted",
        jobId: b.entry.job_id,
        ...(b.entry.cluster ? { cluster: b.entry.cluster } : {}),
        reused: true,
        adopted: false,
    };
}
async function launch(opts) {
    checkLaunchIds(opts.runId, opts.launchKey);
    const g = await gather(opts);
    if ((0,domain_sweep/* isSweepDesign */.nr)(g.design))
        return launchSweep(g);
    if (g.onBranch)
        return onBranch(g, g.onBranch);
    if (g.existing && isLaunched(g.existing))
        return reuse(g);
    const prepared = await prepare(g);
    await refuseHandEditedScript(g, prepared.submission.script);
    if (opts.dryRun)
        return dryRun(g, prepared);
    const done = await act(g, prepared);
    const final = done.manifest;
    const rec = await recordLaunch(g, launchEdits(g, prepared.submission, final), final, {
        message: `autolab: launch ${g.iterationId} run ${g.run.runId}${final.job_id ? ` (job ${final.job_id})` : ""}: ${final.status}`,
    });
    return {
        ...resultBase(g),
        status: final.status ?? "pending",
        jobId: (0,run/* manifestJobId */.Gf)(final),
        reused: false,
        adopted: done.adopted,
        commit: rec.commit,
        error: done.error,
    };
}

;// CONCATENATED MODULE: ./lib/src/report/launch.js
/** `autolab launch`'s description of the result, one `key: value` a line. */
function launchText(r) {
    const lines = [
        `run_id:    ${r.runId}`,
        `iteration: ${r.iterationId}`,
        `host:      ${r.hostMode}`,
        `status:    ${r.status}${r.reused ? " (already launched; nothing submitted)" : ""}${r.adopted ? " (job adopted: it existed already)" : ""}`,
    ];
    if (r.jobId)
        lines.push(`job_id:    ${r.jobId}`);
    if (r.jobId && r.cluster)
        lines.push(`cluster:   ${r.cluster}`);
    lines.push(`manifest:  ${r.manifestPath}`, `script:    ${r.scriptPath}`);
    if (r.commit) {
        lines.push(`commit:    ${r.commit.committed ? r.commit.sha : "none (nothing changed)"}${r.commit.pushed ? ` pushed to ${r.commit.branch}` : ""}`);
    }
    if (r.error)
        lines.push(`error:     ${r.error}`);
    return lines.join("\n") + "\n";
}
/** `autolab launch --dry-run`: the script, the argv, and what sbatch --test-only said. */
function dryRunText(r) {
    const d = r.dryRun;
    if (!d)
        return "";
    let out = `# --- ${r.scriptPath} (not written) ---\n${d.script}`;
    out += `# --- ${r.hostMode === "slurm" ? "sbatch argv" : "command"} ---\n${JSON.stringify(d.argv)}\n`;
    if (d.testOnly)
        out += `# --- sbatch --test-only: ${testOnlyWord(d.testOnly)} ---\n${testOnlyText(d.testOnly)}\n`;
    if (d.testOnlySkipped)
        out += `# --- sbatch --test-only: not run ---\n${d.testOnlySkipped}\n`;
    return out;
}
function testOnlyWord(t) {
    return t.ok ? "ok" : t.unanswered ? "no answer" : "REFUSED";
}
/** What the scheduler said, and the problems found in it (the time limit over a partition's MaxTime, ...). */
function testOnlyText(t) {
    return [t.output, ...(t.problems ?? []).map((p) => `- ${p.message}`)].filter(Boolean).join("\n");
}
/** A dry run fails only when sbatch --test-only refused the job (not when it could not be asked). */
function dryRunRefused(r) {
    return !!r.dryRun?.testOnly && !r.dryRun.testOnly.ok && !r.dryRun.testOnly.unanswered;
}
/** `autolab launch: run R failed: why`, or undefined when the run did not fail. */
function launchFailedText(r) {
    return r.status === "failed" ? `autolab launch: run ${r.runId} failed${r.error ? `: ${r.error}` : ""}\n` : undefined;
}
function launchOutputs(r) {
    return [
        ["run-id", r.runId],
        ["job-id", r.jobId ?? ""],
        ["status", r.status],
        ["manifest", r.manifestPath],
        ["commit", r.commit?.sha ?? ""],
        // A sweep's id; its group result comes with the monitor ticks that extract its tasks.
        ["sweep-id", r.sweep?.id ?? ""],
    ];
}
function dryRunNote(d) {
    const testOnly = d.testOnly
        ? `\n\nsbatch --test-only: ${testOnlyWord(d.testOnly).toLowerCase()}: ${testOnlyText(d.testOnly)}`
        : "";
    return `Dry run: nothing written or submitted.\n\n\`\`\`bash\n${d.script}\`\`\`\n\nsbatch argv: \`${d.argv.join(" ")}\`${testOnly}`;
}
function launchSummary(r) {
    return {
        title: `autolab launch: ${r.iterationId}`,
        command: "launch",
        runs: [{ runId: r.runId, iterationId: r.iterationId, jobId: r.jobId, cluster: r.cluster, state: r.status }],
        findings: [],
        notes: [
            r.reused ? "This run already had a job; nothing was submitted." : "",
            r.adopted ? "The job was found in the scheduler by name and adopted (its manifest had been lost)." : "",
            r.dryRun ? dryRunNote(r.dryRun) : "",
            r.error
                ? r.hostMode === "slurm"
                    ? `sbatch refused the job: ${r.error}`
                    : `the local run failed: ${r.error}`
                : "",
        ].filter(Boolean),
    };
}
/** Why the action step fails, or undefined when it does not. */
function launchFailure(r) {
    return r.status === "failed" ? `launch failed: ${r.error ?? "see the manifest"}` : undefined;
}

// EXTERNAL MODULE: ./lib/src/action/publish.js + 5 modules
var publish = __webpack_require__(502);
// EXTERNAL MODULE: ./lib/src/action/step.js
var step = __webpack_require__(7783);
;// CONCATENATED MODULE: ./lib/src/action/steps/launch.js
/** The action's launch step (loaded only for command: launch). */







async function actionLaunch({ inputs, ctx, repoRoot, octokit, budget, common, scheduler }) {
    if (!inputs.design)
        throw new errors/* AutolabError */.t0("input 'design' is required for command: launch", { exitCode: 2 });
    const launchKey = ctx.runId
        ? `github-run:${ctx.repository?.owner}/${ctx.repository?.repo}:${ctx.runId}:${inputs.design}`
        : undefined;
    // Jobs run in a snapshot outside the workspace, which actions/checkout cleans before every run.
    const runnerWorkspace = process.env.RUNNER_WORKSPACE;
    const res = await launch({
        ...common,
        scheduler,
        design: inputs.design,
        dryRun: inputs.dryRun,
        launchKey,
        runId: inputs.runId,
        launchedBy: ctx.actor,
        workRoot: inputs.workRoot,
        workRootDefault: runnerWorkspace ? external_node_path_.join(runnerWorkspace, "autolab-runs") : undefined,
    });
    (0,step/* setOutputs */.n)(launchOutputs(res));
    // The run's check run, queued, from launch on (and any other run's drift, within the budget).
    const published = octokit && ctx.repository && !inputs.dryRun
        ? await (0,publish/* publishAfterTick */.HM)({ octokit, budget }, ctx, repoRoot, { first: [res.runId] })
        : undefined;
    const summary = launchSummary(res);
    await (0,step/* summarise */.f)({ ...summary, notes: [...(summary.notes ?? []), ...(published?.notes ?? [])] });
    const failed = launchFailure(res);
    if (failed)
        core/* setFailed */.C1(failed);
}


/***/ }),

/***/ 455:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M3: () => (/* binding */ testDesignRequest),
/* harmony export */   Pn: () => (/* binding */ ADMISSION_CHECK)
/* harmony export */ });
/* unused harmony export admissionFindings */
const ADMISSION_CHECK = "design.test_only";
/** The design keys of each request field, the first one set in the design being the one pointed at. */
const KEYS = {
    timeLimit: ["walltime_estimate"],
    memory: ["memory_estimate"],
    cpusPerTask: ["cpus_per_task"],
    nodes: ["num_nodes"],
    gpus: ["gpu_count", "gpu_type"],
    partition: ["partition"],
    qos: ["qos"],
    account: ["account"],
    constraint: ["constraint"],
};
const HINTS = {
    timeLimit: "shorten compute.walltime_estimate, or choose a partition with a longer MaxTime (`autolab doctor` lists them)",
    partition: "choose one of the cluster's partitions (`autolab doctor` lists them)",
};
const HINT = "ask for less, or choose a partition whose nodes have it (`autolab doctor` lists the partitions)";
/** Findings for what the scheduler said (pure). */
function admissionFindings(t, d) {
    if (t.ok || t.unanswered)
        return [];
    const problems = t.problems?.length ? t.problems : [{ message: t.output }];
    return problems.map((p) => {
        const key = p.field ? KEYS[p.field].find((k) => d.compute[k] !== undefined) : undefined;
        const pointer = key ? `/compute/${key}` : "/compute";
        return {
            severity: "error",
            check: ADMISSION_CHECK,
            file: d.file,
            jsonPath: pointer,
            ...d.where(pointer),
            message: `${key ? `compute.${key}: ` : ""}${p.message}`,
            hint: (p.field && HINTS[p.field]) || HINT,
        };
    });
}
/** Ask the scheduler about one submission; the findings, or why it could not tell. */
async function testDesignRequest(sched, s, cwd, d) {
    const t = await sched.testSubmit(s, { cwd });
    return t.unanswered ? { findings: [], unanswered: t.output } : { findings: admissionFindings(t, d) };
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

/***/ 2664:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bw: () => (/* binding */ removeSnapshot),
/* harmony export */   EO: () => (/* binding */ resolveWorkRoot),
/* harmony export */   HM: () => (/* binding */ makeSnapshot),
/* harmony export */   PJ: () => (/* binding */ isLink),
/* harmony export */   dn: () => (/* binding */ checkSnapshotable)
/* harmony export */ });
/* unused harmony export toolOwned */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(545);
/* harmony import */ var _git_git_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4424);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/**
 * Work root (SLURM only): the run's snapshot outside the checkout. A
 * self-hosted runner's `actions/checkout` runs `git clean -ffdx && git reset
 * --hard` in the workspace before every monitor run, which would wipe a
 * running job's untracked sentinel, logs and outputs (and swap code under a
 * week-long job). With a work root (option, else policy `launch.work_root`),
 * launch makes a snapshot of the checkout's HEAD outside it, `git worktree
 * add --detach <workRoot>/<run_id> HEAD`, and the job runs there. The
 * snapshot holds committed files only, so a launch with a work root is
 * refused while the iteration directory (its runs/ and launch/ excepted) has
 * uncommitted or untracked changes: the job runs exactly the recorded
 * `git_revision`. Uncommitted changes elsewhere are named in a warning.
 */






/**
 * The work root for this launch: the option, else the policy's
 * `launch.work_root`; undefined when neither is set or the design is local.
 * It must be absolute and outside the checkout (a `git clean` there would
 * wipe it), and the checkout must be a git checkout (the snapshot is a worktree).
 */
function resolveWorkRoot(option, fromPolicy, repoRoot, inGit, hostMode, log = () => undefined) {
    const fromOption = option !== undefined;
    const raw = fromOption ? option : fromPolicy;
    if (raw === undefined || raw === null)
        return undefined;
    const refuse = (message, hint) => {
        if (fromOption)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UsageError */ .eb(`--work-root: ${message}`, hint);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`launch.work_root ${message}`, { file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .POLICY_PATH */ .l$, jsonPath: "/launch/work_root", hint });
    };
    if (typeof raw !== "string" || raw.trim() === "" || raw.includes("\0"))
        return refuse("must be a non-empty path", "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs");
    if (!node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(raw))
        return refuse(`${JSON.stringify(raw)} is not an absolute path`, "give an absolute directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs");
    if (hostMode === "local") {
        log(`work root ${raw} is not used: a local run ends inside the launch`);
        return undefined;
    }
    if (!inGit)
        return refuse(`${JSON.stringify(raw)} needs a git checkout (the run's snapshot is a git worktree)`, "launch from a git checkout, or without a work root");
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(raw);
    const canon = (p) => {
        // realpath of the deepest existing ancestor, plus the rest as written.
        let cur = p;
        const rest = [];
        while (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(cur) && node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(cur) !== cur) {
            rest.unshift(node_path__WEBPACK_IMPORTED_MODULE_2__.basename(cur));
            cur = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(cur);
        }
        return node_path__WEBPACK_IMPORTED_MODULE_2__.join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(cur), ...rest);
    };
    const rel = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(canon(repoRoot), canon(resolved));
    if (rel === "" || !(rel === ".." || rel.startsWith(".." + node_path__WEBPACK_IMPORTED_MODULE_2__.sep) || node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(rel)))
        return refuse(`${JSON.stringify(raw)} is inside the checkout ${repoRoot}: a runner's checkout (git clean -ffdx) would wipe a running job's files there`, "use a directory outside the checkout, e.g. $RUNNER_WORKSPACE/autolab-runs");
    return resolved;
}
/** Paths the tool itself writes in a checkout (never a reason to refuse a snapshot). */
function toolOwned(p, iterationPath) {
    if (p === _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .LEDGER_PATH */ .Kd || p === _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .STATE_PATH */ .K || p === _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .MONITOR_STATE_PATH */ .B7)
        return true;
    if (iterationPath !== undefined)
        return p.startsWith(`${iterationPath}/runs/`) || p.startsWith(`${iterationPath}/launch/`);
    return /^experiments\/[^/]+\/[^/]+\/(runs|launch|analysis)\//.test(p);
}
/**
 * A snapshot holds HEAD only: refuse when the iteration (design.yaml and
 * everything else in it but runs/ and launch/) has uncommitted or untracked
 * changes, so the job runs exactly the recorded revision; name other
 * uncommitted changes of the checkout in a warning.
 */
async function checkSnapshotable(repoRoot, iterationPath, log) {
    if (!(await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .headSha */ .xF)(repoRoot))) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0("the checkout has no commit yet: there is nothing to snapshot for the work root", {
            file: repoRoot,
            hint: "commit the iteration first",
        });
    }
    const dirty = (await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .statusPorcelain */ .Uj)(repoRoot, [iterationPath])).filter((e) => !toolOwned(e.path, iterationPath));
    if (dirty.length) {
        const list = dirty.slice(0, 10).map((e) => `${e.xy.trim() || "M"} ${e.path}`);
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`the iteration has uncommitted changes (${list.join(", ")}${dirty.length > 10 ? ", ..." : ""}); with a work root the job runs a snapshot of the last commit, which does not have them; nothing was written`, {
            file: dirty[0].path,
            hint: "commit them first (the snapshot is exactly the recorded git_revision), or launch without a work root",
        });
    }
    const elsewhere = (await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .statusPorcelain */ .Uj)(repoRoot, undefined, "no")).filter((e) => !toolOwned(e.path));
    if (elsewhere.length) {
        log(`warning: uncommitted changes are not part of the job's snapshot: ${elsewhere
            .slice(0, 5)
            .map((e) => e.path)
            .join(", ")}${elsewhere.length > 5 ? ", ..." : ""}`);
    }
}
/** The worktrees this repository's own metadata lists: real path -> HEAD commit (porcelain). */
async function listedWorktrees(repoRoot) {
    const r = await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(repoRoot, ["worktree", "list", "--porcelain"], { what: "listing the repository's worktrees" });
    const out = new Map();
    let cur;
    for (const line of r.stdout.split("\n")) {
        if (line.startsWith("worktree ")) {
            cur = line.slice("worktree ".length);
            out.set(cur, undefined);
        }
        else if (cur !== undefined && line.startsWith("HEAD "))
            out.set(cur, line.slice("HEAD ".length));
    }
    return out;
}
/**
 * An existing directory at a run's snapshot path is reused only when it is a
 * worktree of this repository (listed by the repository's own worktree
 * metadata, not by what the directory's `.git` claims) checked out at
 * `revision`, the commit launch would snapshot now (a retry of the same run).
 * Anything else — a plain directory, a link, another repository's checkout, a
 * worktree at another commit — is refused: the job would run code nobody
 * recorded (`git_revision` would name some other commit, or none).
 */
async function assertReusableSnapshot(repoRoot, dir, revision) {
    const refuse = (what) => {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`the run's snapshot path already exists and ${what}: it is not reused`, {
            file: dir,
            hint: "remove it (git worktree remove, or rm -r for a directory that is not one), or launch with another --run-id or work root",
        });
    };
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir).isSymbolicLink())
        refuse("is a symbolic link");
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir).isDirectory())
        refuse("is not a directory");
    const real = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(dir);
    const listed = await listedWorktrees(repoRoot);
    const entry = [...listed].find(([p]) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(p) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(p) === real);
    if (!entry)
        refuse("is not a worktree of this repository");
    const head = entry[1];
    if (revision && head !== revision) {
        refuse(`is a worktree of this repository at ${head ? head.slice(0, 12) : "no commit"}, not at ${revision.slice(0, 12)} (HEAD)`);
    }
}
/**
 * `git worktree add --detach <dir> HEAD` (hooks off). An existing directory
 * is reused only when it is an earlier attempt's snapshot of this run (a
 * relaunch that adopts its job): a worktree of this repository at HEAD;
 * anything else is refused. Returns whether it was made now.
 */
async function makeSnapshot(repoRoot, dir, log) {
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir) || isLink(dir)) {
        await assertReusableSnapshot(repoRoot, dir, await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .headSha */ .xF)(repoRoot));
        log(`reusing the run's snapshot ${dir} (made by an earlier attempt of this run)`);
        return false;
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(dir), { recursive: true });
    await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(repoRoot, ["worktree", "add", "--detach", dir, "HEAD"], {
        what: "making the run's snapshot in the work root",
        config: { "core.hooksPath": "/dev/null" },
        timeoutMs: 600_000,
    });
    log(`snapshot of HEAD for the job: ${dir}`);
    return true;
}
function isLink(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(p).isSymbolicLink();
    }
    catch {
        return false;
    }
}
/** Remove a snapshot no job uses (best effort). */
async function removeSnapshot(repoRoot, dir) {
    await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(repoRoot, ["worktree", "remove", "--force", dir], { allowFailure: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true }).catch(() => undefined);
    await (0,_git_git_js__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(repoRoot, ["worktree", "prune"], { allowFailure: true });
}


/***/ }),

/***/ 8715:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G2: () => (/* binding */ keyJobName),
/* harmony export */   Pg: () => (/* binding */ journalDir),
/* harmony export */   a0: () => (/* binding */ readJournal),
/* harmony export */   fY: () => (/* binding */ writeJournal)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(545);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3272);
/**
 * The launch journal: `<git-dir>/autolab/launch-journal/<sha256(key)>.json`,
 * one entry per launch key. It lives in the git directory so that it
 * survives `git clean` and a runner's workspace reset. The run id is written
 * before the job is submitted, the job id as soon as the scheduler answered:
 * a retry with the same key adopts the job instead of submitting another.
 */







/** `<git-dir>/autolab/launch-journal/`. */
function journalDir(gitdir) {
    return node_path__WEBPACK_IMPORTED_MODULE_3__.join(gitdir, "autolab", "launch-journal");
}
function keyHash(key) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(key).digest("hex");
}
function journalFile(gitdir, key) {
    return node_path__WEBPACK_IMPORTED_MODULE_3__.join(journalDir(gitdir), keyHash(key).slice(0, 32) + ".json");
}
/**
 * The job name of a keyed launch, `autolab-k<16 hex of sha256(key)>`: the
 * same in every checkout, so any checkout can ask the scheduler whether this
 * key already has a job (the journal only knows its own git dir).
 */
function keyJobName(key) {
    return `autolab-k${keyHash(key).slice(0, 16)}`;
}
/** The entry of `key`, or undefined (no git dir, no key, no entry). An unreadable or foreign entry is refused. */
async function readJournal(gitdir, key) {
    if (!gitdir || !key)
        return undefined;
    const file = journalFile(gitdir, key);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        return undefined;
    let j;
    try {
        j = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(file, "utf8"));
    }
    catch (e) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`launch journal entry is unreadable: ${e.message}`, {
            file,
            hint: "remove the file if no job was submitted for this launch key, or pass --run-id with the run's id",
        });
    }
    if (j.key !== key || typeof j.run_id !== "string" || !_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .RUN_ID_SHAPE */ .GW.test(j.run_id)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0("launch journal entry does not belong to this launch key or has no usable run id", { file });
    }
    return j;
}
async function writeJournal(gitdir, j) {
    await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFileAtomic */ .Zf)(journalFile(gitdir, j.key), JSON.stringify(j, null, 2) + "\n");
}


/***/ })

};
