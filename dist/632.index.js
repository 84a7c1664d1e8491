export const id = 632;
export const ids = [632];
export const modules = {

/***/ 580:
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
async function bodyOf(r, logTail) {
    try {
        const manifest = await (0,run_facts/* readManifestOf */.XL)(r);
        if (typeof manifest.run_id !== "string")
            return undefined;
        // A log tail only for a run the landed manifest says failed (never from a decision that did not land).
        const tail = (0,run/* statusOf */.c2)(manifest) === "failed" ? logTail : undefined;
        return (0,run_check/* runCheckOf */.r4)({ manifest, manifestPath: r.manifestDisplay, metrics: await (0,run_facts/* readMetricsOf */.BN)(r), logTail: tail });
    }
    catch {
        return undefined; // monitor and verify report unreadable manifests; the check is left as it is
    }
}
/** Post one run's check; returns the id and commit it sits on. */
async function post(i, r, e, body) {
    const sha = e.sha ?? (await launchCommit(i.root, r.manifestDisplay)) ?? i.fallbackSha;
    if (!sha)
        throw new Error(`no launch commit found for ${r.manifestDisplay}`);
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
            manifestPath: r.manifestDisplay,
        }),
    });
    return { id: res.checkRunId, sha };
}
/** Bring every run's check run in line with its manifest, as far as the budget allows. */
async function reconcileRunChecks(i) {
    const at = i.now.toISOString().replace(/\.\d{3}Z$/, "Z");
    const { runs } = await (0,discover/* discoverRuns */.cd)(i.root);
    const byId = new Map();
    const bodies = new Map();
    for (const r of runs) {
        byId.set(r.runId, r);
        const e = i.memory.runs.get(r.runId) ?? {};
        const stamp = await (0,run_facts/* factsStamp */.TQ)(r);
        const tail = i.logTails?.get(r.runId);
        if (e.stamp === stamp && e.path === r.manifestDisplay && e.want !== undefined && !tail)
            continue;
        const body = await bodyOf(r, tail);
        if (!body)
            continue;
        bodies.set(r.runId, body);
        wantNow(e, (0,run_check/* runCheckFingerprint */.Ac)(body), stamp, r.manifestDisplay, at);
        i.memory.runs.set(r.runId, e);
    }
    // Runs that are gone (gc, a deleted iteration) are forgotten.
    for (const id of [...i.memory.runs.keys()])
        if (!byId.has(id))
            i.memory.runs.delete(id);
    const notes = [];
    let done = 0;
    const order = driftOrder(i.memory.runs);
    const first = new Set((i.first ?? []).filter((id) => order.includes(id)));
    for (const id of [...first, ...order.filter((x) => !first.has(x))]) {
        const e = i.memory.runs.get(id);
        const need = e.id !== undefined ? 1 : 2;
        if ((0,client/* remaining */.Tk)(i.budget) < need + (i.reserve ?? 0))
            break;
        const r = byId.get(id);
        const body = bodies.get(id) ?? (await bodyOf(r, i.logTails?.get(id)));
        if (!body)
            continue;
        try {
            const p = await post(i, r, e, body);
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

/***/ 751:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F5: () => (/* binding */ requiresCheck),
/* harmony export */   l$: () => (/* reexport safe */ _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__.l$),
/* harmony export */   pj: () => (/* binding */ expandPlaceholders),
/* harmony export */   tb: () => (/* binding */ loadPolicy)
/* harmony export */ });
/* unused harmony exports DEFAULT_POLICY, mergePolicy, presetsDir, listPresets, loadPreset, applyPreset */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3136);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8815);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3272);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4024);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(545);
/**
 * The verifier policy: `.autolab/verifier_policy.yaml`, presets, defaults.
 *
 * Effective policy = DEFAULT_POLICY < preset (named by the file's
 * `policy_resolution.default_preset`) < the file. Mappings merge key by key;
 * scalars and lists from the later layer replace.
 *
 * Keys (all optional in the file; defaults in DEFAULT_POLICY):
 *   python_bin                                  interpreter for python entrypoints/parsers ("python3")
 *   dry_run_command, test_command               commands of the dry_run and tests checks; placeholders
 *                                               {{python_bin}}, {{iteration_id}}, {{iteration_path}}
 *   requirements_by_stage.<stage>.<category>    true = the check category must pass at that stage
 *                                               (categories: tests, dry_run, schema, consistency, env_smoke, ...)
 *   launch.submit_timeout_seconds               timeout of one sbatch call (60)
 *   launch.submit_retries                       retries of a transient sbatch failure (2)
 *   launch.retry_backoff_seconds                wait between those retries (5)
 *   launch.check_timeout_seconds                timeout of the dry_run / tests commands (900)
 *   slurm.monitor.poll_failure_escalation_ticks consecutive failed polls before a run is flagged (3)
 *   slurm.monitor.unknown_grace_seconds         how long a job may be unknown to SLURM before it is failed (600)
 *   slurm.monitor.max_pending                   a job pending longer is cancelled, its run failed pending_timeout (unset)
 *   slurm.monitor.sacct_lookback_days           how far back sacct looks (14)
 *   slurm.monitor.client_timeout_seconds        timeout of one squeue/sacct call (30)
 *   slurm.monitor.runaway_lost_after_seconds    how long a runaway accounting record stands before its run is `lost` (86400)
 *   slurm.monitor.poll_command_template,
 *   slurm.monitor.sync_command_template         the Python tool's shell templates: not run, reported (domain/settings.ts)
 *   slurm.artifact_sync.{mode,timeout_seconds,retries}  defaults for design.yaml artifact_sync (shared, 600, 2)
 *   extract_results.timeout_seconds             timeout of the extract parser (1800)
 *   extract_results.require_metrics             a finished run must produce metrics.json (true)
 *   agent_runner.edit_scope.mode                which files an agent may edit ("iteration_only")
 *   autorun.todo_fallback.slurm.stage           stage to fall back to when a SLURM iteration has nothing to do
 *   policy_resolution.default_preset            the preset layered under the file (set by `policy apply preset`)
 */







/** The policy file's text with its BOM, never through a link. */
async function readBytesOwned(repoRoot, abs) {
    const buf = await readOwnedBytes(repoRoot, abs, POLICY_PATH, 4 * 1024 * 1024);
    if (buf === undefined)
        throw new AutolabError("file not found", { file: POLICY_PATH });
    return decodeUtf8Strict(buf, POLICY_PATH, true);
}



const DEFAULT_POLICY = {
    python_bin: "python3",
    requirements_by_stage: {
        launch: { tests: false, dry_run: false, schema: true, consistency: true, env_smoke: false },
        slurm_monitor: { schema: true, consistency: true, env_smoke: false },
        extract_results: { schema: true, consistency: true },
    },
    launch: { submit_timeout_seconds: 60, submit_retries: 2, retry_backoff_seconds: 5, check_timeout_seconds: 900 },
    slurm: {
        monitor: {
            poll_failure_escalation_ticks: 3,
            unknown_grace_seconds: 600,
            sacct_lookback_days: 14,
            client_timeout_seconds: 30,
        },
        artifact_sync: { mode: "shared", timeout_seconds: 600, retries: 2 },
    },
    extract_results: { timeout_seconds: 1800, require_metrics: true },
    agent_runner: { edit_scope: { mode: "iteration_only" } },
};
function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
function clone(v) {
    return structuredClone(v);
}
/** `over` merged onto `base`: mappings merge recursively, everything else from `over` replaces. */
function mergePolicy(base, over) {
    const out = clone(base);
    for (const [k, v] of Object.entries(over)) {
        if (isPlainObject(v) && isPlainObject(out[k]))
            out[k] = mergePolicy(out[k], v);
        else
            out[k] = clone(v);
    }
    return out;
}
/** Whether the policy requires check `category` at `stage`. */
function requiresCheck(policy, stage, category) {
    return policy.requirements_by_stage?.[stage]?.[category] === true;
}
/**
 * Expand `{{name}}` placeholders (spaces inside the braces allowed). An
 * unknown placeholder is an error naming it and the known ones.
 */
function expandPlaceholders(template, vars, where) {
    return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_all, name) => {
        if (Object.prototype.hasOwnProperty.call(vars, name))
            return vars[name];
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`unknown placeholder {{${name}}}${where ? ` in ${where}` : ""}`, {
            hint: `known placeholders: ${Object.keys(vars)
                .map((k) => `{{${k}}}`)
                .join(", ")}`,
        });
    });
}
// ---------------------------------------------------------------------------
// Presets (data files in presets/*.yaml)
/** The presets directory: $AUTOLAB_PRESETS_DIR, else the nearest `presets/` above this module (source tree or bundle). */
function presetsDir() {
    const env = process.env.AUTOLAB_PRESETS_DIR;
    if (env)
        return node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(env);
    let dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 8; i++) {
        const candidate = node_path__WEBPACK_IMPORTED_MODULE_1__.join(dir, "presets");
        try {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isDirectory())
                return candidate;
        }
        catch {
            // keep walking up
        }
        const up = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(dir);
        if (up === dir)
            break;
        dir = up;
    }
    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0("the presets directory was not found next to the autolab installation", {
        hint: "set AUTOLAB_PRESETS_DIR to the directory holding the preset YAML files",
    });
}
function listPresets() {
    const dir = presetsDir();
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir)
        .filter((f) => /^[A-Za-z0-9_.-]+\.yaml$/.test(f))
        .map((f) => f.replace(/\.yaml$/, ""))
        .sort();
}
/** A preset's content (validated as a policy). Unknown name: AutolabError listing the known presets. */
async function loadPreset(name) {
    const known = listPresets();
    if (!known.includes(name)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`unknown preset ${JSON.stringify(name)}`, {
            exitCode: 2,
            hint: `known presets: ${known.join(", ") || "(none)"}`,
        });
    }
    const file = node_path__WEBPACK_IMPORTED_MODULE_1__.join(presetsDir(), `${name}.yaml`);
    const doc = (0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .assertValid */ .pP)(await (0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .loadDocument */ .Az)("policy", file, `presets/${name}.yaml`));
    return doc.data;
}
/** The effective policy of a repository: defaults < preset < file. */
async function loadPolicy(repoRoot) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.join(repoRoot, _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(abs))
        return { policy: clone(DEFAULT_POLICY) };
    const doc = (0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .assertValid */ .pP)(await (0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .loadDocument */ .Az)("policy", abs, _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$));
    const data = doc.data;
    const resolution = isPlainObject(data.policy_resolution) ? data.policy_resolution : undefined;
    const preset = typeof resolution?.default_preset === "string" ? resolution.default_preset : undefined;
    let merged = clone(DEFAULT_POLICY);
    if (preset !== undefined) {
        let presetData;
        try {
            presetData = await loadPreset(preset);
        }
        catch (e) {
            if (e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0 && !e.location.file) {
                throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(e.message, {
                    file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$,
                    ...doc.locate("/policy_resolution/default_preset"),
                    jsonPath: "/policy_resolution/default_preset",
                    hint: e.hint,
                });
            }
            throw e;
        }
        merged = mergePolicy(merged, presetData);
    }
    merged = mergePolicy(merged, data);
    return { policy: merged, file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$, preset, doc: doc };
}
// ---------------------------------------------------------------------------
// Applying a preset to the file (comments and key order survive)
const NEW_FILE_HEADER = (/* unused pure expression or super */ null && (" Verifier policy for autolab (effective policy: built-in defaults < preset < this file).\n" +
    " Edit freely: comments and key order are kept when a preset is applied."));
function keyOf(pairKey) {
    return isScalar(pairKey) ? String(pairKey.value) : undefined;
}
function sameValue(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/** Merge `obj` into the YAML map node in place. */
function mergeIntoMap(doc, map, obj) {
    for (const [k, v] of Object.entries(obj)) {
        const pair = map.items.find((p) => keyOf(p.key) === k);
        if (!pair) {
            map.set(doc.createNode(k), doc.createNode(v));
            continue;
        }
        const cur = pair.value;
        if (isPlainObject(v)) {
            if (isMap(cur))
                mergeIntoMap(doc, cur, v);
            else
                pair.value = doc.createNode(v);
            continue;
        }
        if (isScalar(cur) && !Array.isArray(v)) {
            if (cur.value === v)
                continue;
            if (typeof cur.value !== typeof v) {
                // A quoted "3" must not stay quoted when it becomes a number, and vice versa.
                cur.type = undefined;
                cur.tag = undefined;
                cur.format = undefined;
            }
            cur.value = v; // keeps the scalar's comments
            continue;
        }
        if (isSeq(cur) && Array.isArray(v)) {
            if (sameValue(cur.toJSON(), v))
                continue;
            const next = doc.createNode(v);
            if (isSeq(next)) {
                next.flow = cur.flow;
                next.comment = cur.comment;
                next.commentBefore = cur.commentBefore;
            }
            pair.value = next;
            continue;
        }
        pair.value = doc.createNode(v);
    }
}
/**
 * Merge preset `name` into `.autolab/verifier_policy.yaml` (created when
 * missing) and record it in `policy_resolution.default_preset`. The result is
 * validated before it is written (atomically). `changed` is false when the file
 * already held everything.
 */
async function applyPreset(repoRoot, name) {
    const preset = await loadPreset(name);
    const abs = path.join(repoRoot, POLICY_PATH);
    const exists = existsSync(abs);
    // Worked on in plain form (no BOM, LF); written back with the file's own BOM and line ends.
    const raw = exists ? await readBytesOwned(repoRoot, abs) : "";
    const form = textForm(raw);
    const original = plainText(raw);
    // Check the current file first so that its problems are reported at their own lines.
    if (exists)
        assertValid(parseDocument("policy", original, POLICY_PATH));
    const lineCounter = new LineCounter();
    const doc = parseYamlDocument(original, { lineCounter, uniqueKeys: true, keepSourceTokens: false });
    if (doc.errors.length) {
        const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
        throw new AutolabError(`invalid YAML: ${doc.errors[0].message.split("\n")[0]}`, {
            file: POLICY_PATH,
            line,
            column: col,
        });
    }
    if (doc.contents === null || doc.contents === undefined) {
        doc.contents = doc.createNode({});
        if (!exists)
            doc.commentBefore = NEW_FILE_HEADER;
    }
    const root = doc.contents;
    if (!isMap(root)) {
        throw new AutolabError("the policy file must be a mapping of keys to values", {
            file: POLICY_PATH,
            line: 1,
            column: 1,
        });
    }
    const presetBody = { ...preset };
    delete presetBody.policy_resolution;
    mergeIntoMap(doc, root, presetBody);
    mergeIntoMap(doc, root, { policy_resolution: { default_preset: name } });
    const text = doc.toString({ flowCollectionPadding: false });
    assertValid(parseDocument("policy", text, POLICY_PATH));
    const changed = !exists || text !== original;
    if (changed)
        await writeFileAtomic(abs, withForm(text, form));
    return { changed, file: POLICY_PATH };
}


/***/ }),

/***/ 4822:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ submitSettings),
/* harmony export */   Mk: () => (/* binding */ extractTimeoutSeconds),
/* harmony export */   U1: () => (/* binding */ monitorSettings),
/* harmony export */   cC: () => (/* binding */ retentionSeconds),
/* harmony export */   d: () => (/* binding */ notifySettings),
/* harmony export */   dA: () => (/* binding */ watchSettings),
/* harmony export */   z9: () => (/* binding */ pythonTemplateKeys)
/* harmony export */ });
/* unused harmony exports DEFAULT_EXTRACT_TIMEOUT_SECONDS, PYTHON_TEMPLATE_KEYS, DEFAULT_WATCH_TIME_LIMIT_SECONDS */
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1911);
/**
 * Typed settings, read once per command from the effective policy (built-in
 * defaults < preset < `.autolab/verifier_policy.yaml`, merged by
 * contract/policy.ts) and the design. The one place that turns policy values
 * into numbers; commands never re-read the policy with restated defaults.
 * Pure: the parsed policy and design are passed in.
 */

function obj(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};
}
/** A positive finite number, else `dflt`. */
function positive(v, dflt) {
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : dflt;
}
/** A finite number >= 0, else `dflt`. */
function nonNegative(v, dflt) {
    return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : dflt;
}
const DEFAULT_EXTRACT_TIMEOUT_SECONDS = 600;
function monitorSettings(policy) {
    const m = obj(obj(policy.slurm).monitor);
    return {
        graceSeconds: nonNegative(m.unknown_grace_seconds, 600),
        escalateAfterTicks: Math.max(1, Math.floor(positive(m.poll_failure_escalation_ticks, 3))),
        lookbackDays: positive(m.sacct_lookback_days, 14),
        clientTimeoutMs: positive(m.client_timeout_seconds, 30) * 1000,
        pythonBin: typeof policy.python_bin === "string" && policy.python_bin ? policy.python_bin : "python3",
        runawayLostAfterSeconds: positive(m.runaway_lost_after_seconds, 86400),
        ...maxPending(m.max_pending),
    };
}
function maxPending(v) {
    const s = (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpan */ .w)(v);
    return s !== undefined && s > 0 ? { maxPendingSeconds: s } : {};
}
/**
 * Keys of the Python autolab tool's policy this tool does not run, each with
 * what happens instead (issue 10, item 9). `poll_command_template` and
 * `sync_command_template` are shell templates from the repository's policy
 * file; this tool runs no shell text from repository content except a
 * design's own declared commands (setup lines, extract parser), and a policy
 * file is not that: a pull request that edits it would have the runner execute
 * its text on the next tick. So they are reported, never silently ignored.
 */
const PYTHON_TEMPLATE_KEYS = [
    {
        path: ["slurm", "monitor", "poll_command_template"],
        instead: "the monitor asks the scheduler itself, once per tick for all runs (one sacct and one squeue per cluster); remove the key, or keep it for the Python tool only",
    },
    {
        path: ["slurm", "monitor", "sync_command_template"],
        instead: "artifacts are synced by artifact_sync (mode shared or rsync, with source/outputs) in design.yaml or slurm.artifact_sync in this policy; move the template's source path into artifact_sync.source",
    },
];
/** The Python-tool template keys the policy sets (pure): their paths and what happens instead. */
function pythonTemplateKeys(policy) {
    return PYTHON_TEMPLATE_KEYS.filter((k) => {
        let v = policy;
        for (const p of k.path)
            v = obj(v)[p];
        return v !== undefined;
    });
}
function submitSettings(policy) {
    const l = obj(policy.launch);
    return {
        timeoutMs: positive(l.submit_timeout_seconds, 60) * 1000,
        retries: Math.floor(nonNegative(l.submit_retries, 2)),
        baseDelayMs: nonNegative(l.retry_backoff_seconds, 5) * 1000,
        checkTimeoutMs: positive(l.check_timeout_seconds, 900) * 1000,
    };
}
/**
 * The extract parser's timeout: the design's `extract_parser.timeout_seconds`,
 * else the policy's `extract_results.timeout_seconds`, else 600 s.
 */
function extractTimeoutSeconds(design, policy) {
    const fromDesign = obj(design.extract_parser).timeout_seconds;
    if (typeof fromDesign === "number" && Number.isFinite(fromDesign) && fromDesign > 0)
        return fromDesign;
    return positive(obj(policy.extract_results).timeout_seconds, DEFAULT_EXTRACT_TIMEOUT_SECONDS);
}
/** 5 h 50 min: under a job's default `timeout-minutes` (360), with time to hand over. */
const DEFAULT_WATCH_TIME_LIMIT_SECONDS = 5 * 3600 + 50 * 60;
/** `slurm.monitor.min_question_interval_seconds` and `slurm.monitor.watch.*`. */
function watchSettings(policy) {
    const m = obj(obj(policy.slurm).monitor);
    const w = obj(m.watch);
    const floorSeconds = positive(m.min_question_interval_seconds, 60);
    return {
        floorSeconds,
        endingSeconds: positive(w.ending_interval_seconds, floorSeconds),
        runningSeconds: positive(w.running_interval_seconds, 300),
        pendingSeconds: positive(w.pending_interval_seconds, 900),
        localCheckSeconds: positive(w.local_check_seconds, 5),
        timeLimitSeconds: (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpan */ .w)(w.time_limit) ?? DEFAULT_WATCH_TIME_LIMIT_SECONDS,
    };
}
function notifySettings(policy) {
    const n = obj(obj(obj(policy.slurm).monitor).notify);
    const issue = n.tracking_issue;
    return {
        failJob: n.fail_job !== false,
        ...(typeof issue === "number" && Number.isInteger(issue) && issue > 0 ? { trackingIssue: issue } : {}),
    };
}
/** `slurm.monitor.retention.gc_older_than`: the monitor runs gc for runs finished longer ago than this. */
function retentionSeconds(policy) {
    const r = obj(obj(obj(policy.slurm).monitor).retention);
    return (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpan */ .w)(r.gc_older_than);
}


/***/ }),

/***/ 7881:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ nextState)
/* harmony export */ });
/* unused harmony export fallBackTo */
/* harmony import */ var _contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(345);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7098);


/** The state after `event` for `manifest`, or undefined when nothing moves. */
function nextState(state, manifest, event, at) {
    if (state.iteration_id && state.iteration_id !== manifest.iteration_id)
        return undefined;
    // The Python tool writes "" for "no run": an empty id tracks nothing.
    const tracked = state.pending_run_id || state.last_run_id;
    if (event !== "launched" && tracked && tracked !== manifest.run_id)
        return undefined;
    const moves = [];
    if (event === "launched" && (state.stage === "launch" || state.stage === "implementation_review")) {
        moves.push([state.stage, manifest.host_mode === "slurm" ? "slurm_monitor" : "extract_results"]);
    }
    else if (event === "synced" && state.stage === "slurm_monitor") {
        moves.push(["slurm_monitor", "extract_results"]);
    }
    else if (event === "extracted") {
        if (state.stage === "slurm_monitor")
            moves.push(["slurm_monitor", "extract_results"]);
        if (state.stage === "slurm_monitor" || state.stage === "extract_results")
            moves.push(["extract_results", "update_docs"]);
    }
    const syncStatus = (0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeSyncStatus */ .N2)(manifest.artifact_sync_to_local?.status) ?? state.sync_status;
    if (!moves.length) {
        if (event === "launched" || state.sync_status === syncStatus)
            return undefined;
        return { ...state, sync_status: syncStatus };
    }
    const history = [...(state.history ?? [])];
    for (const [before, after] of moves) {
        history.push({
            timestamp: (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .isoSeconds */ .n)(at),
            stage_before: before,
            stage_after: after,
            status: "complete",
            summary: `${event}: run ${manifest.run_id} is ${manifest.status ?? "pending"}`,
            run_id: manifest.run_id,
        });
    }
    const next = {
        ...state,
        stage: moves[moves.length - 1][1],
        stage_attempt: 0,
        last_run_id: manifest.run_id,
        sync_status: syncStatus,
        history,
    };
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
    return stateEdit((st) => (0,_domain_stage_js__WEBPACK_IMPORTED_MODULE_2__/* .nextState */ .V)(st, m, event, at), `${_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_PATH */ .K} after run ${m.run_id} was ${event}`);
}


/***/ })

};
