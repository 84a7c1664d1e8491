export const id = 7;
export const ids = [7];
export const modules = {

/***/ 502:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HM: () => (/* binding */ publishAfterTick),
  bu: () => (/* binding */ publishFindingsOf)
});

// UNUSED EXPORTS: ANNOTATIONS_PER_TICK

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: ./lib/src/github/annotations.js
var github_annotations = __webpack_require__(7946);
// EXTERNAL MODULE: ./lib/src/github/client.js
var client = __webpack_require__(5574);
// EXTERNAL MODULE: ./lib/src/report/run-check.js
var run_check = __webpack_require__(7193);
// EXTERNAL MODULE: ./lib/src/report/checks.js
var checks = __webpack_require__(5412);
;// CONCATENATED MODULE: ./lib/src/github/checks.js
/**
 * Check runs (GitHub Checks API) for autolab: verify findings as annotated
 * check runs, and one check run per experiment run that follows its state.
 *
 * Thin adapter over `@actions/github`'s Octokit; what a check run says
 * (conclusion, title, text, annotations) is decided in report/checks.ts.
 * Rules it enforces:
 * - up to 50 annotations (the Checks API limit per request) go out with the
 *   create call itself, completed at once (one call); more go out in PATCH
 *   batches of at most 50, the check run completed together with the last
 *   batch, so it never shows a conclusion while annotations are still missing;
 * - `maxAnnotations` (the per-tick annotation budget) keeps the worst that
 *   many, the rest counted in the check run's text;
 * - when the token may not write checks (a fork's pull request: 403/404
 *   "Resource not accessible by integration"), findings fall back to
 *   workflow-command annotations.
 */







/** The Checks API accepts at most this many annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50;
/**
 * Publish verify findings as a check run with annotations, or as workflow
 * commands when checks cannot be written.
 */
async function publishFindings(octokit, input) {
    const now = input.now ?? (() => new Date());
    const shown = (0,checks/* findingsCheckRun */._z)(input.findings, {
        summaryText: input.summaryText,
        title: input.title,
        repoRoot: input.repoRoot,
        maxAnnotations: input.maxAnnotations,
    });
    const { conclusion, title, summary, text, annotations, unlocated } = shown;
    const oneCall = annotations.length <= ANNOTATIONS_PER_REQUEST;
    const output = (batch) => ({
        title,
        summary,
        ...(text ? { text } : {}),
        ...(batch ? { annotations: batch } : {}),
    });
    let requests = 0;
    let checkRunId;
    const startedAt = now().toISOString();
    try {
        requests++;
        const created = await octokit.rest.checks.create({
            owner: input.owner,
            repo: input.repo,
            name: input.name,
            head_sha: input.headSha,
            ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
            started_at: startedAt,
            ...(oneCall
                ? {
                    status: "completed",
                    conclusion,
                    completed_at: now().toISOString(),
                    output: output(annotations.length ? annotations : undefined),
                }
                : { status: "in_progress", output: output() }),
        });
        checkRunId = created.data.id;
    }
    catch (e) {
        if (!(0,client/* isForbidden */.US)(e))
            throw (0,client/* apiError */.pb)("creating the check run", e);
        const write = input.write ?? ((s) => process.stdout.write(s));
        const emitted = (0,github_annotations/* emitWorkflowCommands */.NA)(input.findings, write, { repoRoot: input.repoRoot });
        const notes = [(0,checks/* checkRunRefusedNote */.OU)((0,client/* httpStatus */.nG)(e), e.message)];
        if (emitted.note)
            notes.push(emitted.note);
        return {
            mode: "workflow-commands",
            conclusion,
            annotationsSent: emitted.emitted,
            requests,
            unlocated: unlocated.length,
            hiddenByLimit: emitted.hiddenByLimit,
            notes,
        };
    }
    for (let i = 0; !oneCall && i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
        const batch = annotations.slice(i, i + ANNOTATIONS_PER_REQUEST);
        const last = i + ANNOTATIONS_PER_REQUEST >= annotations.length;
        try {
            requests++;
            await octokit.rest.checks.update({
                owner: input.owner,
                repo: input.repo,
                check_run_id: checkRunId,
                output: output(batch),
                ...(last ? { status: "completed", conclusion, completed_at: now().toISOString() } : {}),
            });
        }
        catch (e) {
            throw (0,client/* apiError */.pb)(`sending annotations ${i + 1}-${i + batch.length} of ${annotations.length} to check run ${checkRunId}`, e);
        }
    }
    return {
        mode: "check-run",
        checkRunId,
        conclusion,
        annotationsSent: annotations.length,
        requests,
        unlocated: unlocated.length,
        notes: [],
    };
}

/**
 * Create or update the check run of experiment run `runId` on its launch
 * commit: by its id when known (one call), else looked up by name on that
 * commit and matched by `external_id` (so no duplicate is ever made).
 */
async function upsertRunCheck(octokit, input) {
    if (input.status === "completed" && !input.conclusion) {
        throw new errors/* AutolabError */.t0(`check run for ${input.runId}: status completed needs a conclusion`);
    }
    const now = input.now ?? (() => new Date());
    const name = input.name ?? (0,run_check/* runCheckName */.pE)(input.runId);
    let requests = 0;
    let existing = input.checkRunId;
    try {
        for (let page = 1; existing === undefined; page++) {
            requests++;
            const res = await octokit.rest.checks.listForRef({
                owner: input.owner,
                repo: input.repo,
                ref: input.headSha,
                check_name: name,
                filter: "all",
                per_page: 100,
                page,
            });
            const runs = res.data.check_runs ?? [];
            existing = runs.find((r) => r.external_id === input.runId)?.id;
            if (runs.length < 100)
                break;
        }
    }
    catch (e) {
        throw (0,client/* apiError */.pb)(`listing check runs of ${input.headSha.slice(0, 12)}`, e);
    }
    const body = {
        owner: input.owner,
        repo: input.repo,
        name,
        external_id: input.runId,
        status: input.status,
        ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
        ...(input.startedAt ? { started_at: input.startedAt } : {}),
        ...(input.status === "completed"
            ? { conclusion: input.conclusion, completed_at: input.completedAt ?? now().toISOString() }
            : {}),
        output: {
            title: (0,checks/* clip */.$Q)(input.title, checks/* TITLE_LIMIT */.TH),
            summary: (0,checks/* clip */.$Q)(input.summary || input.title, checks/* OUTPUT_TEXT_LIMIT */.a5),
            ...(input.text ? { text: (0,checks/* clipStart */.rh)(input.text, checks/* OUTPUT_TEXT_LIMIT */.a5) } : {}),
        },
    };
    try {
        requests++;
        if (existing !== undefined) {
            await octokit.rest.checks.update({ ...body, check_run_id: existing });
            return { checkRunId: existing, created: false, requests };
        }
        const res = await octokit.rest.checks.create({ ...body, head_sha: input.headSha });
        return { checkRunId: res.data.id, created: true, requests };
    }
    catch (e) {
        throw (0,client/* apiError */.pb)(`${existing !== undefined ? "updating" : "creating"} the check run of ${input.runId}`, e);
    }
}

// EXTERNAL MODULE: ./lib/src/git/git.js + 1 modules
var git = __webpack_require__(4424);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
;// CONCATENATED MODULE: ./lib/src/domain/check-sync.js
/**
 * What GitHub was last told, and what it must be told next: the memory of
 * posted check runs and findings, and the order in which drift is repaired.
 * Pure (store/check-memory.ts keeps the file in the git dir).
 *
 * Per run: the check run's id and commit once known, the fingerprint of what
 * was last posted (`posted`), the fingerprint of what the manifest now says
 * (`want`), the manifest's (and metrics') file stamp `want` was computed
 * from, and since when the two differ (`since`). A run drifts while
 * `want !== posted`: a failed post keeps it drifting, so the next tick posts
 * it again; the oldest drift goes first, so a budget that cannot post all of
 * them never starves one.
 *
 * Per findings check (e.g. `autolab monitor`): the fingerprint of the
 * findings last posted and when, so unchanged findings are not posted again.
 *
 * Why the git dir and not the check run's own output: knowing what GitHub
 * shows from the check run itself costs a list call per launch commit per
 * tick, which is the very cost the budget is for; the memory costs no call.
 * It is per checkout: a fresh clone knows nothing and repairs each run once
 * (looked up by name and external id, so no duplicate is created). The job
 * can write the git dir, so it could make a check look posted: the worst it
 * can do is leave a check stale, never make one say what the manifest does
 * not.
 */
const CHECK_MEMORY_FORMAT = 1;
/** The memory key of a sweep's check run (run ids never hold a colon). */
function sweepKey(sweepId) {
    return `sweep:${sweepId}`;
}
function emptyMemory(repository) {
    return { repository, runs: new Map(), findings: new Map() };
}
/** The memory in `text`, or an empty one when missing, corrupt, another format or another repository. */
function parseCheckMemory(text, repository) {
    if (!text)
        return emptyMemory(repository);
    try {
        const j = JSON.parse(text);
        if (j.format !== CHECK_MEMORY_FORMAT || j.repository !== repository)
            return emptyMemory(repository);
        const runs = new Map();
        for (const [k, v] of Object.entries((j.runs ?? {}))) {
            if (v && typeof v === "object")
                runs.set(k, v);
        }
        const findings = new Map();
        for (const [k, v] of Object.entries((j.findings ?? {}))) {
            if (v && typeof v === "object" && typeof v.fingerprint === "string")
                findings.set(k, v);
        }
        return { repository, runs, findings };
    }
    catch {
        return emptyMemory(repository);
    }
}
function serializeCheckMemory(m) {
    return JSON.stringify({
        format: CHECK_MEMORY_FORMAT,
        repository: m.repository,
        runs: Object.fromEntries([...m.runs].sort(([a], [b]) => a.localeCompare(b))),
        findings: Object.fromEntries(m.findings),
    });
}
/** A run whose check is not what its manifest says. */
function drifts(e) {
    return e.want !== undefined && e.want !== e.posted;
}
/** Note what the manifest now asks for; drift starts (or goes on) from `at`. */
function wantNow(e, want, stamp, path, at) {
    e.want = want;
    e.stamp = stamp;
    e.path = path;
    if (e.want === e.posted)
        delete e.since;
    else
        e.since ??= at;
}
/** The run ids to post, oldest drift first (then by run id). */
function driftOrder(runs) {
    return [...runs]
        .filter(([, e]) => drifts(e))
        .sort(([a, x], [b, y]) => (x.since ?? "").localeCompare(y.since ?? "") || a.localeCompare(b))
        .map(([id]) => id);
}
/** After a post that landed: the check is what the manifest said. */
function posted(e, fingerprint, id, sha) {
    e.posted = fingerprint;
    e.id = id;
    e.sha = sha;
    if (e.want === fingerprint)
        delete e.since;
}

// EXTERNAL MODULE: ./lib/src/report/status.js
var report_status = __webpack_require__(8783);
// EXTERNAL MODULE: ./lib/src/report/sweep.js
var sweep = __webpack_require__(7573);
;// CONCATENATED MODULE: ./lib/src/report/sweep-check.js



/** The check run name of a sweep. */
function sweepCheckName(sweepId) {
    return `autolab sweep ${sweepId}`;
}
const FINAL = new Set(["completed", "failed", "partial"]);
/** Failed tasks named in the title at most (the text names all). */
const TITLE_FAILED = 3;
/** The conclusion of a sweep's check run; undefined while a task is not final. */
function sweepConclusion(tasks) {
    if (!tasks.length || !tasks.every((t) => FINAL.has(t.status)))
        return undefined;
    const failed = tasks.filter((t) => t.status === "failed");
    if (failed.length)
        return failed.every((t) => t.failureReason === "cancelled") ? "cancelled" : "failure";
    return tasks.some((t) => t.status === "partial") ? "neutral" : "success";
}
function bestText(g) {
    if (g?.best === undefined)
        return undefined;
    const p = g.points[g.best];
    const v = p.center === null ? "—" : String(Number(p.center.toPrecision(6)));
    return `best ${p.label}: ${g.metric} = ${v}`;
}
function sweepCheckOf(i) {
    const counts = (0,report_status/* stateCounts */._d)(i.tasks.map((t) => t.status));
    const conclusion = sweepConclusion(i.tasks);
    const started = i.tasks.some((t) => t.status !== "pending" && t.status !== "submitted");
    const status = conclusion ? "completed" : started ? "in_progress" : "queued";
    const failed = i.tasks.filter((t) => t.status === "failed");
    const countsText = Object.entries(counts)
        .map(([st, n]) => `${n} ${st}`)
        .join(", ");
    const failedTitle = failed.length
        ? `failed: ${failed
            .slice(0, TITLE_FAILED)
            .map((t) => t.runId)
            .join(", ")}${failed.length > TITLE_FAILED ? ` (+${failed.length - TITLE_FAILED})` : ""}`
        : "";
    const title = (0,checks/* clip */.$Q)([`${i.tasks.length} task(s): ${countsText}`, failedTitle, bestText(i.result) ?? ""].filter(Boolean).join(" · "), checks/* TITLE_LIMIT */.TH);
    const rows = [
        `Sweep \`${i.sweepId}\` of iteration ${i.iterationId}: ${i.tasks.length} task(s), ${countsText}.`,
        "",
        i.result
            ? `${i.extracted ?? 0} of ${i.tasks.length} task(s) extracted.`
            : "No task has been extracted yet: the group result follows as tasks finish.",
        "",
        ...(i.result ? [(0,sweep/* sweepSection */.iV)(`\`${i.sweepId}\`: group result`, i.result, 3).trimEnd(), ""] : []),
        `Sweep record: \`${i.recordPath}\``,
    ];
    const text = failed.length
        ? [
            "Failed tasks:",
            "",
            ...failed.map((t) => `- \`${t.runId}\`${t.failureReason ? ` (${t.failureReason})` : ""}`),
        ].join("\n")
        : undefined;
    return {
        name: sweepCheckName(i.sweepId),
        external_id: i.sweepId,
        status,
        ...(conclusion ? { conclusion } : {}),
        title,
        summary: (0,checks/* clip */.$Q)(rows.join("\n"), checks/* OUTPUT_TEXT_LIMIT */.a5),
        ...(text ? { text: (0,checks/* clip */.$Q)(text, checks/* OUTPUT_TEXT_LIMIT */.a5) } : {}),
    };
}

// EXTERNAL MODULE: ./lib/src/steps/sweep-group.js
var sweep_group = __webpack_require__(3904);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/store/run-facts.js
var run_facts = __webpack_require__(6175);
;// CONCATENATED MODULE: ./lib/src/github/run-checks.js
/**
 * Check-run reconciliation: every tick makes each run's check run say what
 * its manifest says on the branch, within the tick's API budget.
 *
 * - It runs after the tick's change set landed and reads the manifests (and
 *   metrics) from the work tree, which then holds the landed version: a tick
 *   whose decision for a run was superseded (another writer moved the run,
 *   the push was replayed on a new head) posts what landed, never its own
 *   discarded decision.
 * - What was posted is remembered in the git dir (domain/check-sync.ts says
 *   why there). A run whose manifest and metrics have the stamp they had
 *   when the memory was written is not read again; a run whose check does
 *   not match (a new state, or a post that failed: Octokit's retries spent,
 *   the budget spent) drifts, and drifting runs are posted oldest drift
 *   first, as many as the budget allows; the rest wait for the next tick.
 * - A known check run is updated by id (one call); otherwise it is looked up
 *   on the launch commit by name and external id, then updated or created
 *   (two calls), so a lost memory never makes a duplicate.
 * - A sweep has a check run of its own (`autolab sweep <sweep_id>`, on the
 *   commit that added its sweep record; report/sweep-check.ts): its tasks
 *   counted by state and its group result (table and chart), posted when it
 *   drifts like a run's, from the tasks' statuses the memory holds and the
 *   landed `sweep_metrics.json` (no task file is read again for it).
 */












/** The commit that added a run's manifest: the launch commit, where its check run belongs. */
async function launchCommit(root, manifestPath) {
    try {
        const r = await (0,git/* git */.$Y)(root, ["log", "--diff-filter=A", "--format=%H", "-1", "--", manifestPath], {
            allowFailure: true,
        });
        const sha = r.stdout.trim();
        return /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
    }
    catch {
        return undefined;
    }
}
/** The check body of a run as its files now say, or undefined when its manifest cannot be read. */
async function factsOf(r, logTail) {
    try {
        const manifest = await (0,run_facts/* readManifestOf */.XL)(r);
        if (typeof manifest.run_id !== "string")
            return undefined;
        const status = (0,run/* statusOf */.c2)(manifest);
        // A log tail only for a run the landed manifest says failed (never from a decision that did not land).
        const tail = status === "failed" ? logTail : undefined;
        const body = (0,run_check/* runCheckOf */.r4)({
            manifest,
            manifestPath: r.manifestDisplay,
            metrics: await (0,run_facts/* readMetricsOf */.BN)(r),
            logTail: tail,
        });
        const failure = status === "failed" ? (0,run/* failureReasonOf */.M3)(manifest) : undefined;
        return {
            body,
            status,
            ...((0,run/* sweepIdOf */.rA)(manifest) ? { sweep: (0,run/* sweepIdOf */.rA)(manifest) } : {}),
            ...(failure ? { failure } : {}),
        };
    }
    catch {
        return undefined; // monitor and verify report unreadable manifests; the check is left as it is
    }
}
/** Post one check (a run's or a sweep's); returns the id and commit it sits on. */
async function post(i, display, e, body) {
    const sha = e.sha ?? (await launchCommit(i.root, display)) ?? i.fallbackSha;
    if (!sha)
        throw new Error(`no launch commit found for ${display}`);
    const res = await upsertRunCheck(i.octokit, {
        owner: i.owner,
        repo: i.repo,
        headSha: sha,
        runId: body.external_id,
        checkRunId: e.id,
        status: body.status,
        conclusion: body.conclusion,
        title: body.title,
        summary: body.summary,
        text: body.text,
        name: body.name,
        startedAt: body.started_at,
        completedAt: body.completed_at,
        detailsUrl: (0,run_check/* runDetailsUrl */.ps)({
            serverUrl: i.serverUrl,
            owner: i.owner,
            repo: i.repo,
            sha,
            manifestPath: display,
        }),
    });
    return { id: res.checkRunId, sha };
}
/** Bring every run's (and every sweep's) check run in line with its files, as far as the budget allows. */
async function reconcileRunChecks(i) {
    const at = i.now.toISOString().replace(/\.\d{3}Z$/, "Z");
    const { runs } = await (0,discover/* discoverRuns */.cd)(i.root);
    const targets = new Map();
    for (const r of runs) {
        const e = i.memory.runs.get(r.runId) ?? {};
        const stamp = await (0,run_facts/* factsStamp */.TQ)(r);
        const tail = i.logTails?.get(r.runId);
        const target = {
            display: r.manifestDisplay,
            compute: async () => (await factsOf(r, i.logTails?.get(r.runId)))?.body,
        };
        targets.set(r.runId, target);
        const known = e.stamp === stamp && e.path === r.manifestDisplay && e.want !== undefined && e.status !== undefined;
        if (known && !tail)
            continue;
        const f = await factsOf(r, tail);
        if (!f)
            continue;
        target.body = f.body;
        wantNow(e, (0,run_check/* runCheckFingerprint */.Ac)(f.body), stamp, r.manifestDisplay, at);
        e.status = f.status;
        if (f.sweep)
            e.sweep = f.sweep;
        else
            delete e.sweep;
        if (f.failure)
            e.failure = f.failure;
        else
            delete e.failure;
        i.memory.runs.set(r.runId, e);
    }
    for (const [key, t] of await sweepTargets(i, runs, at))
        targets.set(key, t);
    // Runs and sweeps that are gone (gc, a deleted iteration) are forgotten.
    for (const id of [...i.memory.runs.keys()])
        if (!targets.has(id))
            i.memory.runs.delete(id);
    const notes = [];
    let done = 0;
    const order = driftOrder(i.memory.runs);
    const wanted = (i.first ?? []).flatMap((id) => [sweepKey(id), id]);
    const first = new Set(wanted.filter((id) => order.includes(id)));
    for (const id of [...first, ...order.filter((x) => !first.has(x))]) {
        const e = i.memory.runs.get(id);
        const need = e.id !== undefined ? 1 : 2;
        if ((0,client/* remaining */.Tk)(i.budget) < need + (i.reserve ?? 0))
            break;
        const t = targets.get(id);
        const body = t.body ?? (await t.compute());
        if (!body)
            continue;
        try {
            const p = await post(i, t.display, e, body);
            posted(e, (0,run_check/* runCheckFingerprint */.Ac)(body), p.id, p.sha);
            done++;
        }
        catch (err) {
            if ((0,client/* isBudgetExhausted */.b)(err))
                break;
            // A check run deleted on GitHub (404 on update): look it up (or create it) next time.
            if (err.status === 404)
                delete e.id;
            notes.push(`could not update the check run of ${id}: ${err instanceof Error ? err.message : String(err)}`);
        }
    }
    const left = [...i.memory.runs.values()].filter(drifts).length;
    return { posted: done, left, notes };
}
/**
 * Every sweep's check: its tasks' statuses come from the memory (every run's
 * entry holds the status its check was computed from), its group result from
 * `sweep_metrics.json`; the sweep record and that file are read only when
 * their stamps or a task's status changed.
 */
async function sweepTargets(i, runs, at) {
    const sweeps = new Map();
    for (const r of runs) {
        const e = i.memory.runs.get(r.runId);
        if (!e?.sweep || e.status === undefined)
            continue;
        const s = sweeps.get(e.sweep) ?? { iterationPath: r.iterationPath, iterationId: r.iterationId, tasks: [] };
        if (s.iterationPath !== r.iterationPath)
            continue;
        s.tasks.push({ runId: r.runId, status: e.status, ...(e.failure ? { failureReason: e.failure } : {}) });
        sweeps.set(e.sweep, s);
    }
    const out = new Map();
    for (const [sweepId, s] of sweeps) {
        const key = sweepKey(sweepId);
        const e = i.memory.runs.get(key) ?? {};
        s.tasks.sort((a, b) => a.runId.length - b.runId.length || a.runId.localeCompare(b.runId));
        const states = (0,external_node_crypto_.createHash)("sha256");
        for (const t of s.tasks)
            states.update(`${t.runId}=${t.status}:${t.failureReason ?? ""}\n`);
        const stamp = `${await (0,sweep_group/* sweepStamp */.Or)(i.root, s.iterationPath, sweepId)}|${states.digest("hex").slice(0, 16)}`;
        const compute = async () => {
            const facts = await (0,sweep_group/* readSweepFacts */.O5)(i.root, s.iterationPath, sweepId);
            if (!facts)
                return undefined;
            return sweepCheckOf({
                sweepId,
                iterationId: s.iterationId,
                recordPath: facts.recordPath,
                tasks: s.tasks,
                result: facts.result,
                extracted: facts.extracted,
            });
        };
        const display = `${(0,layout/* runLayout */.WA)(s.iterationPath, sweepId).runDir}/${layout/* SWEEP_RECORD_FILE */.wL}`;
        const t = { display, compute };
        if (e.stamp !== stamp || e.want === undefined || e.path !== display) {
            const body = await compute();
            if (!body)
                continue; // no sweep record: the tasks' own checks stay, the monitor reports the record
            t.body = body;
            wantNow(e, (0,run_check/* runCheckFingerprint */.Ac)(body), stamp, display, at);
            i.memory.runs.set(key, e);
        }
        out.set(key, t);
    }
    return out;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
;// CONCATENATED MODULE: ./lib/src/store/check-memory.js
/**
 * The memory of what GitHub was told (domain/check-sync.ts): the file
 * `<git dir>/autolab/github-posted.json`. Never committed, never seen by
 * another checkout. Outside git there is no memory: every tick then treats
 * every run as unposted and repairs what its budget allows. Written
 * atomically without fsync (losing it costs one repair per run, never a
 * wrong check). Refused above `MAX_MEMORY_BYTES` (read as empty).
 */



const CHECK_MEMORY_FILE = external_node_path_.join("autolab", "github-posted.json");
const MAX_MEMORY_BYTES = 32 * 1024 * 1024;
async function readCheckMemory(gitDir, repository) {
    if (!gitDir)
        return parseCheckMemory(undefined, repository);
    try {
        const r = await (0,fs/* readNoFollow */.pj)(external_node_path_.join(gitDir, CHECK_MEMORY_FILE), MAX_MEMORY_BYTES);
        return parseCheckMemory(r.data?.toString("utf8"), repository);
    }
    catch {
        return parseCheckMemory(undefined, repository);
    }
}
async function writeCheckMemory(gitDir, m) {
    if (!gitDir)
        return;
    try {
        await (0,fs/* writeFileAtomic */.Zf)(external_node_path_.join(gitDir, CHECK_MEMORY_FILE), serializeCheckMemory(m), { sync: false });
    }
    catch {
        // A memory only: the next tick re-posts what it cannot remember.
    }
}

// EXTERNAL MODULE: ./lib/src/store/workspace.js
var workspace = __webpack_require__(7749);
// EXTERNAL MODULE: ./lib/src/report/summary.js
var summary = __webpack_require__(6965);
;// CONCATENATED MODULE: ./lib/src/action/publish.js
/**
 * The action's GitHub side effects beyond outputs and the summary: findings as
 * a check run (or, without a token or with a read-only one, as workflow
 * commands), and the check run of every run, reconciled with its manifest
 * after each launch and monitor tick (github/run-checks.ts). What they say is
 * decided in report/; every call goes through the step's one Octokit and its
 * API budget (github/client.ts).
 *
 * Budget per step: `DEFAULT_API_CALLS_PER_TICK` calls; run checks take what is
 * left after a reserve for the findings check run (one call: up to
 * `ANNOTATIONS_PER_TICK` annotations go with the create). Findings unchanged
 * since the last post of the same check name are not posted again.
 */










/** Annotations one step sends at most (the worst first): one request's worth. */
const ANNOTATIONS_PER_TICK = ANNOTATIONS_PER_REQUEST;
/** Calls kept back from the run checks for the findings check run. */
const FINDINGS_RESERVE = 1;
function findingsFingerprint(findings) {
    const h = (0,external_node_crypto_.createHash)("sha256");
    for (const f of (0,errors/* worstFirst */.md)(findings))
        h.update((0,summary/* findingLine */.mC)(f) + "\n");
    return h.digest("hex");
}
/**
 * Findings as a check run named `name` when there is a token, else as
 * workflow commands. With `dedupe` (the monitor), findings identical to the
 * ones last posted under that name are not posted again.
 */
async function publishFindingsOf(octokit, ctx, name, findings, repoRoot, o = {}) {
    if (octokit && ctx.repository && ctx.sha) {
        const fp = o.memory ? findingsFingerprint(findings) : undefined;
        const last = o.memory?.findings.get(name);
        if (fp && last && last.fingerprint === fp) {
            return {
                mode: "unchanged",
                conclusion: (0,checks/* conclusionForFindings */.dV)(findings),
                notes: [(0,checks/* findingsUnchangedNote */._6)(name, findings.length, last.at)],
            };
        }
        const res = await publishFindings(octokit, {
            owner: ctx.repository.owner,
            repo: ctx.repository.repo,
            headSha: ctx.sha,
            name,
            findings,
            repoRoot,
            summaryText: (0,checks/* findingsSummaryText */.Uq)(name, findings),
            maxAnnotations: ANNOTATIONS_PER_TICK,
        });
        if (fp && o.memory && res.mode === "check-run") {
            o.memory.findings.set(name, {
                fingerprint: fp,
                at: (o.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
                count: findings.length,
                checkRunId: res.checkRunId,
            });
        }
        const notes = [...res.notes];
        if (res.annotationsSent < findings.length - res.unlocated && res.mode === "check-run") {
            notes.push(`${findings.length - res.unlocated - res.annotationsSent} finding(s) were not sent as annotations (at most ${ANNOTATIONS_PER_TICK} per step, the worst first); all are listed in this summary.`);
        }
        return { mode: res.mode, conclusion: res.conclusion, notes };
    }
    const emitted = (0,github_annotations/* emitWorkflowCommands */.NA)(findings, (s) => process.stdout.write(s), { repoRoot });
    return {
        mode: "workflow-commands",
        conclusion: (0,checks/* conclusionForFindings */.dV)(findings),
        notes: (0,checks/* workflowCommandNotes */.wU)(emitted.note),
    };
}
/**
 * After a launch or a monitor tick landed: every run's check run follows its
 * manifest (as far as the budget allows), then the findings check run (when
 * `findings` is given). A GitHub hiccup is a warning: the tick's work is
 * committed already, and the next tick repairs the drift. Returns the notes
 * for the job summary.
 */
async function publishAfterTick(gh, ctx, repoRoot, o = {}) {
    const now = new Date();
    const repository = `${ctx.repository.owner}/${ctx.repository.repo}`;
    const { gitDir } = await (0,workspace/* openWorkspace */.O)(repoRoot);
    const memory = await readCheckMemory(gitDir, repository);
    const notes = [];
    try {
        const res = await reconcileRunChecks({
            octokit: gh.octokit,
            budget: gh.budget,
            root: repoRoot,
            owner: ctx.repository.owner,
            repo: ctx.repository.repo,
            serverUrl: ctx.serverUrl,
            memory,
            reserve: o.findings?.list.length ? FINDINGS_RESERVE : 0,
            logTails: o.logTails,
            first: o.first,
            fallbackSha: ctx.sha || undefined,
            now,
        });
        for (const n of res.notes) {
            core/* warning */.$e(n);
            notes.push(n);
        }
        if (res.left) {
            notes.push(`${res.left} run check(s) still differ from their manifests (API budget of ${gh.budget.limit} call(s) per step, or a failed call); the next tick posts them, oldest first.`);
        }
    }
    catch (e) {
        const n = `could not reconcile the runs' check runs: ${e instanceof Error ? e.message : String(e)}`;
        core/* warning */.$e(n);
        notes.push(n);
    }
    let findings;
    if (o.findings?.list.length) {
        try {
            findings = await publishFindingsOf(gh.octokit, ctx, o.findings.name, o.findings.list, repoRoot, {
                memory,
                now,
            });
        }
        catch (e) {
            const n = `could not post the findings check run: ${e instanceof Error ? e.message : String(e)}`;
            core/* warning */.$e(n);
            notes.push(n);
        }
    }
    else
        memory.findings.delete(o.findings?.name ?? "");
    await writeCheckMemory(gitDir, memory);
    notes.push(`GitHub API: ${gh.budget.used} call(s) of this step's budget of ${gh.budget.limit}` +
        `${gh.budget.attempts > gh.budget.used ? ` (${gh.budget.attempts - gh.budget.used} retried)` : ""}` +
        `${gh.budget.refused ? `, ${gh.budget.refused} left for the next tick` : ""}.`);
    return { notes, findings };
}


/***/ }),

/***/ 7881:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MQ: () => (/* binding */ groupLaunched),
/* harmony export */   VK: () => (/* binding */ nextState)
/* harmony export */ });
/* unused harmony export fallBackTo */
/* harmony import */ var _contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(345);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5086);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7098);



const SETTLED = new Set(["completed", "failed"]);
const SYNCED = new Set(["synced", "completed", "failed"]);
function runGroupOf(state) {
    const g = state.run_group;
    return Array.isArray(g) && g.length && g.every((x) => typeof x === "string") ? g : undefined;
}
function movesFor(stage, event, hostMode) {
    const moves = [];
    if (event === "launched" && (stage === "launch" || stage === "implementation_review")) {
        moves.push([stage, hostMode === "slurm" ? "slurm_monitor" : "extract_results"]);
    }
    else if (event === "synced" && stage === "slurm_monitor") {
        moves.push(["slurm_monitor", "extract_results"]);
    }
    else if (event === "extracted") {
        if (stage === "slurm_monitor")
            moves.push(["slurm_monitor", "extract_results"]);
        if (stage === "slurm_monitor" || stage === "extract_results")
            moves.push(["extract_results", "update_docs"]);
    }
    return moves;
}
function withMoves(state, moves, summary, runId, at, syncStatus) {
    const history = [...(state.history ?? [])];
    for (const [before, after] of moves)
        history.push({
            timestamp: (0,_time_js__WEBPACK_IMPORTED_MODULE_2__/* .isoSeconds */ .n)(at),
            stage_before: before,
            stage_after: after,
            status: "complete",
            summary,
            run_id: runId,
        });
    const stage = moves[moves.length - 1][1];
    return syncStatus === undefined
        ? { ...state, stage, stage_attempt: 0, last_run_id: runId, history }
        : { ...state, stage, stage_attempt: 0, last_run_id: runId, sync_status: syncStatus, history };
}
/**
 * The state after a sweep's launch: the group (its base run id `sweepId`, its
 * tasks in `runGroup`) is what the stage machine follows from now on.
 * Undefined when the state is for another iteration. `launched`: how many
 * tasks started (none: the stage stays where it is, the group is recorded).
 */
function groupLaunched(state, g, at) {
    if (state.iteration_id && state.iteration_id !== g.iterationId)
        return undefined;
    const moves = g.launched ? movesFor(state.stage, "launched", g.hostMode) : [];
    const base = { ...state, run_group: [...g.runGroup] };
    const next = moves.length
        ? withMoves(base, moves, `launched: sweep ${g.sweepId}, ${g.runGroup.length} task(s)`, g.sweepId, at)
        : base;
    if (g.launched && g.hostMode === "slurm")
        next.pending_run_id = g.sweepId;
    return next;
}
function countsLine(ids, tasks) {
    const counts = new Map();
    for (const id of ids) {
        const s = tasks.get(id) ?? "unknown";
        counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}
/** A sweep task's event: the stage moves once every task of the group has got there. */
function groupEvent(state, manifest, event, at, sweepId, tasks) {
    const ids = runGroupOf(state);
    const tracked = state.pending_run_id || state.last_run_id;
    if (!ids || !ids.includes(manifest.run_id))
        return undefined;
    if (tracked && tracked !== sweepId && !ids.includes(tracked))
        return undefined;
    const all = (set) => ids.every((id) => set.has(tasks.get(id) ?? ""));
    const reached = event === "launched" ? undefined : all(SETTLED) ? "extracted" : all(SYNCED) ? "synced" : undefined;
    const moves = reached ? movesFor(state.stage, reached, "slurm") : [];
    if (!moves.length)
        return undefined;
    const next = withMoves(state, moves, `${reached}: sweep ${sweepId}, all ${ids.length} task(s) ${reached === "extracted" ? "finished" : "synced"} (${countsLine(ids, tasks)})`, sweepId, at);
    if (reached === "extracted")
        delete next.pending_run_id;
    else
        next.pending_run_id = sweepId;
    return next;
}
/**
 * The state after `event` for `manifest`, or undefined when nothing moves.
 * A task of a sweep moves the stage only with its whole group (`tasks`: the
 * statuses of the runs the caller knows; without it a task moves nothing).
 */
function nextState(state, manifest, event, at, tasks) {
    if (state.iteration_id && state.iteration_id !== manifest.iteration_id)
        return undefined;
    const sweepId = (0,_run_js__WEBPACK_IMPORTED_MODULE_1__/* .sweepIdOf */ .rA)(manifest);
    if (sweepId !== undefined && runGroupOf(state)?.includes(manifest.run_id))
        return tasks ? groupEvent(state, manifest, event, at, sweepId, tasks) : undefined;
    // The Python tool writes "" for "no run": an empty id tracks nothing.
    const tracked = state.pending_run_id || state.last_run_id;
    if (event !== "launched" && tracked && tracked !== manifest.run_id)
        return undefined;
    const moves = movesFor(state.stage, event, manifest.host_mode);
    const syncStatus = (0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeSyncStatus */ .N2)(manifest.artifact_sync_to_local?.status) ?? state.sync_status;
    if (!moves.length) {
        if (event === "launched" || state.sync_status === syncStatus)
            return undefined;
        return { ...state, sync_status: syncStatus };
    }
    const next = withMoves(state, moves, `${event}: run ${manifest.run_id} is ${manifest.status ?? "pending"}`, manifest.run_id, at, syncStatus);
    if (event === "launched" && manifest.host_mode === "slurm")
        next.pending_run_id = manifest.run_id;
    if (event === "extracted" && next.pending_run_id === manifest.run_id)
        delete next.pending_run_id;
    return next;
}
/**
 * The state after falling back to stage `to` because nothing is left for
 * autolab to do (`why`, kept in the history with the policy key that chose `to`).
 */
function fallBackTo(state, to, why, at) {
    return {
        ...state,
        stage: to,
        stage_attempt: 0,
        history: [
            ...(state.history ?? []),
            {
                timestamp: iso(at),
                stage_before: state.stage,
                stage_after: to,
                status: "complete",
                summary: `${why}: autorun.todo_fallback.slurm.stage`,
            },
        ],
    };
}


/***/ }),

/***/ 9601:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DT: () => (/* binding */ groupMetricsDoc),
/* harmony export */   HY: () => (/* binding */ taskPosition),
/* harmony export */   Pj: () => (/* binding */ taskValue),
/* harmony export */   _y: () => (/* binding */ impliedBaseline),
/* harmony export */   es: () => (/* binding */ designMetrics),
/* harmony export */   o_: () => (/* binding */ groupResultOfDoc),
/* harmony export */   u6: () => (/* binding */ baseRunMetricsDoc),
/* harmony export */   xC: () => (/* binding */ groupResult)
/* harmony export */ });
/**
 * A sweep's group result (pure): the primary metric per point, aggregated
 * over its replicates as the design's `metrics.aggregation` says (mean with
 * the sample standard deviation, or median), compared with the baseline,
 * and the best point named (`metrics.goal`: maximize, the default, or
 * minimize). Tasks without a value (failed, not extracted) are counted, not
 * averaged.
 */
function mean(xs) {
    return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function sampleSd(xs) {
    if (xs.length < 2)
        return null;
    const m = mean(xs);
    return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
function groupResult(i) {
    const aggregation = i.aggregation ?? "mean";
    const goal = i.goal ?? "maximize";
    const baseline = typeof i.baseline === "number" && Number.isFinite(i.baseline) ? i.baseline : null;
    const points = i.labels.map((label, point) => {
        const mine = i.tasks.filter((t) => t.point === point);
        const xs = mine.map((t) => t.value).filter((v) => typeof v === "number" && Number.isFinite(v));
        const center = xs.length ? (aggregation === "median" ? median(xs) : mean(xs)) : null;
        return {
            point,
            label,
            n: xs.length,
            missing: mine.length - xs.length,
            center,
            sd: aggregation === "mean" ? sampleSd(xs) : null,
            deltaVsBaseline: center !== null && baseline !== null ? center - baseline : null,
        };
    });
    let best;
    for (const p of points) {
        if (p.center === null)
            continue;
        const b = best === undefined ? undefined : points[best].center;
        if (b === undefined || (goal === "maximize" ? p.center > b : p.center < b))
            best = p.point;
    }
    return { metric: i.metric, aggregation, goal, baseline, points, ...(best !== undefined ? { best } : {}) };
}
/** Point and replicate of task `index` of a sweep (the sweep record's `run_group` is in task order: point-major). */
function taskPosition(index, replicates) {
    const n = Math.max(1, Math.floor(replicates));
    return { point: Math.floor(index / n), replicate: index % n };
}
const finite = (v) => typeof v === "number" && Number.isFinite(v);
/** The value a task contributes (null: failed, no number, or not extracted). */
function taskValue(m) {
    if (!m || m.status === "failed")
        return null;
    return finite(m.primary_metric?.value) ? m.primary_metric.value : null;
}
/** The baseline the tasks' metrics imply (value - delta_vs_baseline of the first task with both). */
function impliedBaseline(ms) {
    for (const m of ms) {
        const pm = m?.primary_metric;
        if (pm && finite(pm.value) && finite(pm.delta_vs_baseline))
            return pm.value - pm.delta_vs_baseline;
    }
    return null;
}
/**
 * The group metrics file (`runs/<sweep_id>/sweep_metrics.json`): a metrics
 * document at the sweep's base run id, as the Python tool's multi-run layout
 * keeps aggregated metrics at the base run (`primary_metric` is the best
 * point's aggregate), plus every point's aggregate and the task runs.
 * Deterministic: the same results give the same bytes (an idle tick writes nothing).
 */
function groupMetricsDoc(i) {
    const g = i.result;
    const best = g.best === undefined ? undefined : g.points[g.best];
    const withValue = g.points.reduce((a, p) => a + p.n, 0);
    const status = withValue === 0 ? "failed" : withValue === i.runGroup.length ? "completed" : "partial";
    return {
        schema_version: "1.0",
        iteration_id: i.iterationId,
        run_id: i.sweepId,
        status,
        primary_metric: {
            name: g.metric,
            value: best?.center ?? null,
            delta_vs_baseline: best?.deltaVsBaseline ?? null,
        },
        kind: "sweep_group",
        aggregation: g.aggregation,
        goal: g.goal,
        baseline: g.baseline,
        best_point: best ? { index: best.point, label: best.label } : null,
        replicates: i.replicates,
        tasks: { total: i.runGroup.length, extracted: i.extracted, with_value: withValue },
        points: g.points.map((p) => ({
            index: p.point,
            label: p.label,
            params: i.params[p.point] ?? {},
            [g.aggregation]: p.center,
            ...(g.aggregation === "mean" ? { sd: p.sd } : {}),
            n: p.n,
            missing: p.missing,
            delta_vs_baseline: p.deltaVsBaseline,
            runs: i.runGroup.filter((_, k) => taskPosition(k, i.replicates).point === p.point),
        })),
        run_group: [...i.runGroup],
    };
}
const num = (v) => (finite(v) ? v : null);
/**
 * The group result a group metrics document (`groupMetricsDoc`, as written
 * to `sweep_metrics.json`) holds, or undefined when it is not one: what the
 * check run and the action's outputs read back from what landed, without
 * reading every task's metrics again.
 */
function groupResultOfDoc(doc) {
    const d = doc;
    if (!d || typeof d !== "object" || d.kind !== "sweep_group" || !Array.isArray(d.points))
        return undefined;
    const aggregation = d.aggregation === "median" ? "median" : "mean";
    const goal = d.goal === "minimize" ? "minimize" : "maximize";
    const pm = d.primary_metric;
    const points = [];
    for (const raw of d.points) {
        const p = raw;
        if (!p || !Number.isInteger(p.index) || typeof p.label !== "string")
            return undefined;
        points.push({
            point: p.index,
            label: p.label,
            n: Number.isInteger(p.n) ? p.n : 0,
            missing: Number.isInteger(p.missing) ? p.missing : 0,
            center: num(p[aggregation]),
            sd: aggregation === "mean" ? num(p.sd) : null,
            deltaVsBaseline: num(p.delta_vs_baseline),
        });
    }
    points.sort((a, b) => a.point - b.point);
    const bestIndex = d.best_point?.index;
    const best = points.findIndex((p) => p.point === bestIndex);
    return {
        metric: typeof pm?.name === "string" && pm.name ? pm.name : "primary_metric",
        aggregation,
        goal,
        baseline: num(d.baseline),
        points,
        ...(best >= 0 ? { best } : {}),
    };
}
/**
 * What a design's `metrics:` block says about results, in either form: ours
 * (`primary: <name>`, `goal`) or the Python tool's (`primary: {name, unit,
 * mode}`, mode read as the goal; `goal` wins when both are given).
 */
function designMetrics(metrics) {
    const m = metrics;
    if (!m || typeof m !== "object" || Array.isArray(m))
        return {};
    const p = m.primary;
    const po = p && typeof p === "object" && !Array.isArray(p) ? p : undefined;
    const name = typeof p === "string" ? p.trim() : typeof po?.name === "string" ? po.name.trim() : "";
    const goalOf = (v) => (v === "maximize" || v === "minimize" ? v : undefined);
    const goal = goalOf(m.goal) ?? goalOf(po?.mode);
    const aggregation = m.aggregation === "mean" || m.aggregation === "median" ? m.aggregation : undefined;
    return { ...(name ? { primary: name } : {}), ...(goal ? { goal } : {}), ...(aggregation ? { aggregation } : {}) };
}
/**
 * The aggregated metrics at a group's base run id, as the Python tool's
 * multi-run layout keeps them (`runs/<base>/metrics.json`): its metrics
 * schema's keys only (`aggregation_method`, `per_run_metrics` with every
 * task's `{run_id, primary_metric}`, null values for a task without a
 * number), `primary_metric` the best point's aggregate (for replicates of
 * one configuration: their mean or median). Deterministic.
 */
function baseRunMetricsDoc(i) {
    const g = i.result;
    const best = g.best === undefined ? undefined : g.points[g.best];
    const withValue = i.runs.filter((r) => taskValue(r.metrics) !== null).length;
    return {
        schema_version: "1.0",
        iteration_id: i.iterationId,
        run_id: i.baseRunId,
        status: withValue === 0 ? "failed" : withValue === i.runs.length ? "completed" : "partial",
        primary_metric: {
            name: g.metric,
            value: best?.center ?? null,
            delta_vs_baseline: best?.deltaVsBaseline ?? null,
        },
        aggregation_method: g.aggregation,
        per_run_metrics: i.runs.map((r) => {
            const pm = r.metrics?.primary_metric;
            return {
                run_id: r.runId,
                primary_metric: {
                    name: typeof pm?.name === "string" && pm.name ? pm.name : g.metric,
                    value: taskValue(r.metrics),
                    delta_vs_baseline: r.metrics?.status !== "failed" && finite(pm?.delta_vs_baseline) ? pm.delta_vs_baseline : null,
                },
            };
        }),
    };
}


/***/ }),

/***/ 3904:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O5: () => (/* binding */ readSweepFacts),
/* harmony export */   Or: () => (/* binding */ sweepStamp),
/* harmony export */   W1: () => (/* binding */ sweepGroup),
/* harmony export */   h9: () => (/* binding */ replicateGroup)
/* harmony export */ });
/* unused harmony export SWEEP_METRICS_FILE */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _contract_design_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(543);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(545);
/* harmony import */ var _domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9601);
/* harmony import */ var _report_sweep_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7573);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var _domain_run_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8739);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/**
 * A sweep's group result from its tasks' metrics: reads the sweep record
 * (`runs/<sweep_id>/sweep_manifest.json`), each task's `metrics.json` (this
 * tick's fresh ones given by the caller win) and the design's `metrics:`
 * block, and returns the group metrics file's content
 * (`runs/<sweep_id>/sweep_metrics.json`, domain/sweep-result.ts) and the
 * sweep's section of the iteration's analysis/summary.md (between
 * `<!-- autolab:run <sweep_id> … -->` markers, so it sorts just before its
 * tasks' sections). Writes nothing: the monitor puts both in its change set.
 */








const SWEEP_METRICS_FILE = "sweep_metrics.json";
const MAX_JSON = 1024 * 1024;
async function readJson(root, abs) {
    const r = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readOwned */ .A4)(root, abs, MAX_JSON);
    if (r.skipped || !r.data || r.tooLarge !== undefined)
        return undefined;
    try {
        return JSON.parse(r.data.toString("utf8"));
    }
    catch {
        return undefined;
    }
}
/** A run id that is one path component (the record is repository content: no `..`, no `/`). */
const TOKEN = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;
function isRecord(v) {
    const r = v;
    return (!!r &&
        typeof r.sweep_id === "string" &&
        TOKEN.test(r.sweep_id) &&
        Array.isArray(r.points) &&
        r.points.every((p) => p && Number.isInteger(p.index) && typeof p.label === "string") &&
        Array.isArray(r.run_group) &&
        r.run_group.every((id) => typeof id === "string" && TOKEN.test(id)) &&
        Number.isInteger(r.replicates) &&
        r.replicates >= 1);
}
/**
 * The group result of sweep `sweepId` in the iteration, or undefined when it
 * has no readable sweep record. `fresh`: run id -> metrics extracted this tick.
 */
async function sweepGroup(i) {
    const groupRel = (0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .runLayout */ .WA)(i.iterationPath, i.sweepId).runDir;
    const record = await readJson(i.root, node_path__WEBPACK_IMPORTED_MODULE_0__.join(i.root, groupRel, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SWEEP_RECORD_FILE */ .wL));
    if (!isRecord(record) || record.sweep_id !== i.sweepId)
        return undefined;
    const labels = [...record.points].sort((a, b) => a.index - b.index).map((p) => p.label);
    const { metrics, result } = await resultOf(i, record.run_group, record.replicates, labels);
    const extracted = metrics.filter(Boolean).length;
    const doc = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .groupMetricsDoc */ .DT)({
        sweepId: i.sweepId,
        iterationId: record.iteration_id,
        replicates: record.replicates,
        runGroup: record.run_group,
        params: [...record.points].sort((a, b) => a.index - b.index).map((p) => p.params ?? {}),
        result,
        extracted,
    });
    const compat = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .baseRunMetricsDoc */ .u6)({
        baseRunId: i.sweepId,
        iterationId: record.iteration_id,
        result,
        runs: record.run_group.map((runId, k) => ({ runId, metrics: metrics[k] })),
    });
    return {
        sweepId: i.sweepId,
        iterationId: record.iteration_id,
        result,
        metricsPath: `${groupRel}/${SWEEP_METRICS_FILE}`,
        metricsText: JSON.stringify(doc, null, 2) + "\n",
        document: doc,
        baseMetrics: { path: `${groupRel}/${_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .METRICS_FILE */ .HL}`, text: JSON.stringify(compat, null, 2) + "\n" },
        summaryPath: `${i.iterationPath}/analysis/summary.md`,
        section: sectionOf(i.sweepId, result, extracted, record.run_group.length, SWEEP_METRICS_FILE),
        extracted,
        total: record.run_group.length,
    };
}
/** The group's section of summary.md, between the markers of its id (so it sorts just before its tasks). */
function sectionOf(id, result, extracted, total, file) {
    const progress = `${extracted} of ${total} task(s) extracted; group metrics: [${file}](../runs/${id}/${file})`;
    return [
        `<!-- autolab:run ${id} begin -->`,
        (0,_report_sweep_js__WEBPACK_IMPORTED_MODULE_6__/* .sweepSection */ .iV)(id, result, 2).trimEnd(),
        "",
        progress,
        `<!-- autolab:run ${id} end -->`,
    ].join("\n");
}
/** The tasks' metrics (this tick's fresh ones win) and the group result they give, with the design's metrics block. */
async function resultOf(i, runGroup, replicates, labels) {
    const metrics = [];
    for (const runId of runGroup) {
        const file = (0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .runLayout */ .WA)(i.iterationPath, runId).metrics;
        metrics.push(i.fresh.get(runId) ?? (await readJson(i.root, node_path__WEBPACK_IMPORTED_MODULE_0__.join(i.root, file))));
    }
    let design = {};
    try {
        const d = (await (0,_contract_design_js__WEBPACK_IMPORTED_MODULE_1__/* .loadDesign */ .Fp)(node_path__WEBPACK_IMPORTED_MODULE_0__.join(i.iterationDir, "design.yaml"), `${i.iterationPath}/design.yaml`)).data;
        design = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .designMetrics */ .es)(d.metrics);
    }
    catch {
        // The design is gone or broken: the defaults (mean, maximize) still give a result.
    }
    const named = metrics.map((m) => m?.primary_metric?.name).find((n) => typeof n === "string" && !!n);
    const result = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .groupResult */ .xC)({
        metric: named ?? design.primary ?? "primary_metric",
        aggregation: design.aggregation,
        goal: design.goal,
        baseline: (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .impliedBaseline */ ._y)(metrics),
        labels,
        tasks: runGroup.map((runId, k) => ({
            ...(0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .taskPosition */ .HY)(k, replicates),
            runId,
            status: metrics[k]?.status ?? "not extracted",
            value: (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .taskValue */ .Pj)(metrics[k]),
        })),
    });
    return { metrics, result };
}
/**
 * The group result of a Python-tool multi-run group (domain/run-group.ts):
 * base run `baseId`, its replicates in order. One point (all replicates of
 * one configuration); the aggregated metrics go to the base run's own
 * `metrics.json`, in the Python tool's form (domain/sweep-result.baseRunMetricsDoc).
 */
async function replicateGroup(i) {
    const n = i.replicates.length;
    const { metrics, result } = await resultOf(i, i.replicates, n, [`${n} replicate(s)`]);
    const extracted = metrics.filter(Boolean).length;
    const doc = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .baseRunMetricsDoc */ .u6)({
        baseRunId: i.baseId,
        iterationId: i.iterationId,
        result,
        runs: i.replicates.map((runId, k) => ({ runId, metrics: metrics[k] })),
    });
    return {
        sweepId: i.baseId,
        iterationId: i.iterationId,
        result,
        metricsPath: (0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .runLayout */ .WA)(i.iterationPath, i.baseId).metrics,
        metricsText: JSON.stringify(doc, null, 2) + "\n",
        document: doc,
        summaryPath: `${i.iterationPath}/analysis/summary.md`,
        section: sectionOf(i.baseId, result, extracted, n, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .METRICS_FILE */ .HL),
        extracted,
        total: n,
    };
}
/** The stamp of sweep `sweepId`'s record and group metrics file (or their absence). */
async function sweepStamp(root, iterationPath, sweepId) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_0__.join(root, (0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .runLayout */ .WA)(iterationPath, sweepId).runDir);
    const one = async (f) => {
        try {
            return (0,_domain_run_index_js__WEBPACK_IMPORTED_MODULE_7__/* .stampKey */ .Fp)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat)(node_path__WEBPACK_IMPORTED_MODULE_0__.join(dir, f)));
        }
        catch {
            return "-";
        }
    };
    return `${await one(_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SWEEP_RECORD_FILE */ .wL)}/${await one(SWEEP_METRICS_FILE)}`;
}
/** Sweep `sweepId` of the iteration as its files say, or undefined without a readable sweep record. */
async function readSweepFacts(root, iterationPath, sweepId) {
    const groupRel = (0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .runLayout */ .WA)(iterationPath, sweepId).runDir;
    const stamp = await sweepStamp(root, iterationPath, sweepId);
    const record = await readJson(root, node_path__WEBPACK_IMPORTED_MODULE_0__.join(root, groupRel, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SWEEP_RECORD_FILE */ .wL));
    if (!isRecord(record) || record.sweep_id !== sweepId)
        return undefined;
    const doc = await readJson(root, node_path__WEBPACK_IMPORTED_MODULE_0__.join(root, groupRel, SWEEP_METRICS_FILE));
    const result = (0,_domain_sweep_result_js__WEBPACK_IMPORTED_MODULE_5__/* .groupResultOfDoc */ .o_)(doc);
    const tasks = (doc?.tasks ?? {});
    return {
        record,
        recordPath: `${groupRel}/${_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SWEEP_RECORD_FILE */ .wL}`,
        stamp,
        ...(result ? { result, extracted: Number.isInteger(tasks.extracted) ? tasks.extracted : 0 } : {}),
    };
}


/***/ }),

/***/ 1672:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V5: () => (/* binding */ readStateStrict),
/* harmony export */   W_: () => (/* binding */ stateAfter),
/* harmony export */   gC: () => (/* binding */ stateEdit),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* unused harmony exports serializeState, validStateText, writeState, advanceState, advanceStateAfterLaunch */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _contract_validate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4024);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(545);
/* harmony import */ var _domain_stage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7881);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/**
 * `.autolab/state.json` in the store: read (leniently or validated), and
 * written ONLY through `writeState` / `stateEdit`, which validate the new
 * state against schemas/state.schema.json first, so no writer can leave an
 * invalid file behind. A state file that does not exist is never created
 * here. The moves themselves are pure (domain/stage.ts).
 */






/**
 * state.json as parsed (syntax errors throw an AutolabError with file/line;
 * schema problems are tolerated: readers such as the verifier report them).
 * Undefined when the file does not exist.
 */
async function readState(repoRoot) {
    const text = await readStateText(repoRoot);
    if (text === undefined)
        return undefined;
    return (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)("state", text, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K).data;
}
/**
 * state.json validated against its schema: an AutolabError naming the file,
 * line and column of the first problem when it is invalid. Undefined when the
 * file does not exist. Writers check with this before they change anything.
 */
async function readStateStrict(repoRoot) {
    const text = await readStateText(repoRoot);
    if (text === undefined)
        return undefined;
    return (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .assertValid */ .pP)((0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)("state", text, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K)).data;
}
/** state.json's text, never through a link (a linked file or `.autolab/` is an AutolabError naming it). */
async function readStateText(repoRoot) {
    const buf = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readOwnedBytes */ .pW)(repoRoot, node_path__WEBPACK_IMPORTED_MODULE_0__.join(repoRoot, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K), _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K, 16 * 1024 * 1024);
    return buf === undefined ? undefined : (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeUtf8Strict */ .h0)(buf, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K);
}
/** The exact bytes written for a state: 2-space JSON and a trailing newline. */
function serializeState(state) {
    return JSON.stringify(state, null, 2) + "\n";
}
/** The text to write for `state`, after validating it (AutolabError naming the problem when invalid). */
function validStateText(state) {
    const text = serializeState(state);
    (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .assertValid */ .pP)((0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)("state", text, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K));
    return text;
}
/** Validate `state` and write it atomically to state.json; returns the path written. */
async function writeState(repoRoot, state) {
    const text = validStateText(state);
    await writeFileAtomic(path.join(repoRoot, STATE_PATH), text);
    return STATE_PATH;
}
/**
 * A change-set edit of state.json: `change` sees the state as the head it is
 * applied on has it (validated) and returns the new one, or undefined for no
 * change; the result is validated before it is written. A missing file stays
 * missing. Throws (the record reports it, nothing is written) when either the
 * current or the new state is invalid.
 */
function stateEdit(change, what) {
    return {
        path: _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K,
        what,
        edit(current, ctx) {
            if (current === undefined)
                return "unchanged";
            const text = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeUtf8Strict */ .h0)(Buffer.from(current), _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K);
            const state = (0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .assertValid */ .pP)((0,_contract_validate_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)("state", text, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K)).data;
            const next = change(state, ctx);
            // Unchanged, the file is still part of the change: a move an earlier uncommitted attempt made gets committed.
            return next === undefined ? text : validStateText(next);
        },
    };
}
/**
 * Apply an event to state.json if it exists; returns its path when written.
 * Refuses (AutolabError, nothing written) when the file or the new state is
 * invalid.
 */
async function advanceState(repoRoot, manifest, event, at) {
    const state = await readStateStrict(repoRoot);
    if (!state)
        return undefined;
    const next = nextState(state, manifest, event, at);
    if (!next)
        return undefined;
    return writeState(repoRoot, next);
}
/** After a launch: a run that failed to start leaves the stage where it is. */
async function advanceStateAfterLaunch(repoRoot, manifest, now) {
    if (manifest.status === "failed")
        return undefined;
    return advanceState(repoRoot, manifest, "launched", now());
}
/** state.json after run `m`'s event (the stage machine's move), as a change-set edit. */
function stateAfter(m, event, at) {
    return stateEdit((st) => (0,_domain_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .nextState */ .VK)(st, m, event, at), `${_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K} after run ${m.run_id} was ${event}`);
}


/***/ })

};
