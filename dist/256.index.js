export const id = 256;
export const ids = [256];
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

/***/ 1256:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionVerify: () => (/* binding */ actionVerify)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./lib/src/git/remote.js
var remote = __webpack_require__(6055);
// EXTERNAL MODULE: ./lib/src/github/context.js
var context = __webpack_require__(2963);
// EXTERNAL MODULE: ./lib/src/contract/policy.js
var contract_policy = __webpack_require__(751);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/domain/placeholders.js
var placeholders = __webpack_require__(5973);
// EXTERNAL MODULE: ./lib/src/domain/settings.js
var settings = __webpack_require__(4822);
;// CONCATENATED MODULE: ./lib/src/domain/policy-change.js


function isPlain(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
function escapeToken(k) {
    return k.replace(/~/g, "~0").replace(/\//g, "~1");
}
function leaves(v, at, out) {
    if (isPlain(v) && Object.keys(v).length) {
        for (const [k, x] of Object.entries(v))
            leaves(x, `${at}/${escapeToken(k)}`, out);
    }
    else if (at)
        out.set(at, v);
}
/** The leaves that differ between two policy files' data (undefined: no file). Head order first, then removals. */
function policyKeyChanges(base, head) {
    const b = new Map();
    const h = new Map();
    leaves(isPlain(base) ? base : {}, "", b);
    leaves(isPlain(head) ? head : {}, "", h);
    const out = [];
    for (const [p, after] of h) {
        if (!b.has(p))
            out.push({ pointer: p, kind: "added", after });
        else if (JSON.stringify(b.get(p)) !== JSON.stringify(after))
            out.push({ pointer: p, kind: "changed", before: b.get(p), after });
    }
    for (const [p, before] of b)
        if (!h.has(p))
            out.push({ pointer: p, kind: "removed", before });
    return out;
}
function at(v, ...keys) {
    let cur = v;
    for (const k of keys)
        cur = isPlain(cur) ? cur[k] : undefined;
    return cur;
}
/**
 * The limits a policy sets on what the tool may do or spend: a head value
 * looser than the base's (higher, or lower for `lower`; unlimited counts as
 * the loosest) is a weakening. Each value is read through domain/settings.ts,
 * so an unset key counts as the default the commands apply.
 */
const LIMITS = [
    {
        pointer: "/launch/max_sweep_tasks",
        what: "the most tasks one sweep may have",
        looser: "higher",
        read: (p) => (0,settings/* sweepLimits */.Z7)(p).maxTasks,
    },
    {
        pointer: "/launch/max_array_size",
        what: "the most tasks in one job array",
        looser: "higher",
        read: (p) => (0,settings/* sweepLimits */.Z7)(p).maxArraySize,
    },
    {
        pointer: "/launch/submit_retries",
        what: "the retries of a failed submission",
        looser: "higher",
        read: (p) => (0,settings/* submitSettings */.MZ)(p).retries,
    },
    {
        pointer: "/launch/check_timeout_seconds",
        what: "the time the policy's test and dry-run commands may take",
        looser: "higher",
        read: (p) => (0,settings/* submitSettings */.MZ)(p).checkTimeoutMs / 1000,
        unit: "s",
    },
    {
        pointer: "/extract_results/timeout_seconds",
        what: "the time the extract parser may take",
        looser: "higher",
        read: (p) => (0,settings/* extractTimeoutSeconds */.Mk)({}, p),
        unit: "s",
    },
    {
        pointer: "/slurm/monitor/max_pending",
        what: "how long a job may wait in the queue",
        looser: "higher",
        read: (p) => (0,settings/* monitorSettings */.U1)(p).maxPendingSeconds,
        unit: "s",
    },
    {
        pointer: "/slurm/monitor/min_question_interval_seconds",
        what: "the shortest interval between two scheduler questions",
        looser: "lower",
        read: (p) => (0,settings/* watchSettings */.dA)(p).floorSeconds,
        unit: "s",
    },
];
/** Programs that succeed without checking anything: a required command replaced by one of them checks nothing. */
const NO_OP_PROGRAMS = new Set([":", "true", "echo", "printf", "exit", "sleep", "yes"]);
const COMMANDS = [
    { key: "test_command", category: "tests" },
    { key: "dry_run_command", category: "dry_run" },
];
/** The program a command line runs ({{python_bin}} expanded), or undefined when it cannot be told. */
function programOf(line, pythonBin) {
    if (typeof line !== "string")
        return undefined;
    let words;
    try {
        words = (0,placeholders/* splitCommandLine */.aL)(line.replace(/\{\{\s*python_bin\s*\}\}/g, typeof pythonBin === "string" ? pythonBin : "python3"));
    }
    catch {
        return undefined;
    }
    const first = words[0];
    if (first === undefined)
        return undefined;
    return first.slice(first.lastIndexOf("/") + 1);
}
function showLimit(v, unit) {
    return v === undefined ? "no limit" : `${v}${unit ?? ""}`;
}
/** Whether some stage of `policy` requires `category`. */
function requiredSomewhere(policy, category) {
    const req = at(policy, "requirements_by_stage");
    return isPlain(req) && Object.values(req).some((cats) => isPlain(cats) && cats[category] === true);
}
/**
 * How the head's effective policy asks less than the base's (see the header):
 * a requirement switched off, metrics no longer required, a failed run no
 * longer failing the job, a required command replaced by a program that
 * checks nothing, a limit raised (or removed), the job user changed.
 */
function policyWeakenings(baseEffective, headEffective) {
    const out = [];
    const base = isPlain(baseEffective) ? baseEffective : {};
    const head = isPlain(headEffective) ? headEffective : {};
    const req = at(base, "requirements_by_stage");
    if (isPlain(req)) {
        for (const [stage, cats] of Object.entries(req)) {
            if (!isPlain(cats))
                continue;
            for (const [cat, v] of Object.entries(cats)) {
                if (v !== true || at(head, "requirements_by_stage", stage, cat) === true)
                    continue;
                out.push({
                    pointer: `/requirements_by_stage/${escapeToken(stage)}/${escapeToken(cat)}`,
                    why: `${cat} is no longer required at ${stage}`,
                });
            }
        }
    }
    if (at(base, "extract_results", "require_metrics") !== false &&
        at(head, "extract_results", "require_metrics") === false) {
        out.push({ pointer: "/extract_results/require_metrics", why: "finished runs no longer need metrics.json" });
    }
    if ((0,settings/* notifySettings */.d)(base).failJob && !(0,settings/* notifySettings */.d)(head).failJob) {
        out.push({ pointer: "/slurm/monitor/notify/fail_job", why: "a failed run no longer fails the monitor's job" });
    }
    for (const { key, category } of COMMANDS) {
        if (!requiredSomewhere(head, category))
            continue;
        const before = programOf(base[key], base.python_bin);
        const after = programOf(head[key], head.python_bin);
        if (after && NO_OP_PROGRAMS.has(after) && before !== after) {
            out.push({ pointer: `/${key}`, why: `${key} runs ${JSON.stringify(after)}, which checks nothing` });
        }
    }
    for (const l of LIMITS) {
        const b = l.read(base);
        const h = l.read(head);
        const looser = b !== undefined && (h === undefined || (l.looser === "higher" ? h > b : h < b));
        if (!looser)
            continue;
        out.push({
            pointer: l.pointer,
            why: `${l.what} goes from ${showLimit(b, l.unit)} to ${showLimit(h, l.unit)}`,
        });
    }
    const user = at(base, "launch", "job_user");
    const next = at(head, "launch", "job_user");
    if (typeof user === "string" && next !== user) {
        out.push({
            pointer: "/launch/job_user",
            why: next === undefined
                ? `jobs would run as the runner's own user instead of ${user}`
                : `jobs would run as ${JSON.stringify(next)} instead of ${user}`,
        });
    }
    return out;
}
function show(v) {
    const s = JSON.stringify(v);
    return s === undefined ? "(unset)" : s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
/** `/a/b~1c` -> `a.b/c` */
function dottedKey(pointer) {
    return pointer
        .split("/")
        .slice(1)
        .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
        .join(".");
}
function describe(c) {
    const k = dottedKey(c.pointer);
    if (c.kind === "added")
        return `${k} added (${show(c.after)})`;
    if (c.kind === "removed")
        return `${k} removed (was ${show(c.before)})`;
    return `${k} ${show(c.before)} -> ${show(c.after)}`;
}
const LISTED = 10;
/**
 * The `policy.changed` finding for a pull request (none when the policy's data is the same).
 * `locate` places a pointer in the head's file; undefined when the head has no policy file.
 */
function policyChangedFinding(input) {
    const { changes, weakenings } = input;
    if (!changes.length && !weakenings.length)
        return undefined;
    const first = weakenings[0]?.pointer ?? changes[0]?.pointer;
    const where = input.locate && first ? input.locate(first) : undefined;
    const listed = changes.slice(0, LISTED).map(describe);
    if (changes.length > LISTED)
        listed.push(`and ${changes.length - LISTED} more`);
    const weak = weakenings.map((w) => w.why);
    return {
        severity: weak.length ? "error" : "warning",
        check: "policy.changed",
        file: input.file,
        ...(where ? { line: where.line, column: where.column } : {}),
        ...(first ? { jsonPath: first } : {}),
        message: `this pull request changes the verifier policy (${listed.join("; ") || "its preset"}); ` +
            `the checks ran under the policy of the base commit ${input.baseLabel}` +
            (weak.length ? `. It weakens the requirements: ${weak.join("; ")}` : ""),
        hint: weak.length
            ? "a weaker policy governs every later pull request once merged: have a maintainer review and merge this " +
                "change on its own (it fails this check by design), or keep the requirement"
            : "review the policy change: it applies to the pull requests after this one is merged",
    };
}

// EXTERNAL MODULE: ./lib/src/git/git.js + 1 modules
var git = __webpack_require__(4424);
// EXTERNAL MODULE: ./lib/src/git/trees.js
var trees = __webpack_require__(5212);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/contract/design.js
var design = __webpack_require__(543);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var domain_run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/sentinel.js
var sentinel = __webpack_require__(3695);
// EXTERNAL MODULE: ./lib/src/ledger/ledger.js
var ledger_ledger = __webpack_require__(9569);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/store/state-file.js
var state_file = __webpack_require__(1672);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
// EXTERNAL MODULE: ./lib/src/contract/locate.js
var contract_locate = __webpack_require__(7431);
// EXTERNAL MODULE: ./lib/src/contract/validate.js + 3 modules
var validate = __webpack_require__(4024);
;// CONCATENATED MODULE: ./lib/src/verify/doc.js
/**
 * Documents as the checks see them: parsed data plus a way to say where a
 * JSON pointer stands (file, line, column). Pure: the text is passed in (the
 * reading is in facts.ts), so a unit test builds a document from a string.
 *
 * - `contractDoc` parses a contract document (manifest, design, metrics) and
 *   keeps its schema findings; a syntax error is an `error` under the check
 *   given. Python's `NaN` / `Infinity` in metrics.json is reported as
 *   `metrics.finite` at its position, not as a bare syntax error.
 * - `jsonDoc` parses any JSON (the sentinel) with positions and no schema.
 */



function errorToFinding(e, check, file, hint) {
    return (0,errors/* findingFromError */.Oo)(e, check, file, { hint });
}
function obj(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}
/** The value at a JSON pointer (object keys only), undefined when absent. */
function valueAt(data, pointer) {
    let cur = data;
    for (const t of pointer.slice(1).split("/")) {
        if (cur === null || typeof cur !== "object" || Array.isArray(cur))
            return undefined;
        cur = cur[t];
    }
    return cur;
}
/** `/a/b` as a dotted key, `a.b` (what a person types to find it). */
function dotted(pointer) {
    return pointer.slice(1).replace(/\//g, ".");
}
/** The location of `pointer` in `doc`, for a finding. */
function doc_at(doc, pointer) {
    return { file: doc.file, ...doc.locate(pointer), jsonPath: pointer };
}
/** Python's json writes NaN / Infinity, which is not JSON: say so precisely. */
function nonFiniteSyntax(text, f) {
    if (f.line === undefined || f.column === undefined)
        return;
    const line = text.split("\n")[f.line - 1] ?? "";
    const rest = line.slice(f.column - 1);
    const m = /^-?(NaN|Infinity|inf|nan)\b/.exec(rest);
    if (!m)
        return;
    f.check = "metrics.finite";
    f.message = `${m[0]} is not a JSON number (Python's json.dump writes it for a non-finite float)`;
    f.hint = "write null for a value that could not be computed and set status to partial, or fix the computation";
}
/** A contract document parsed from its text (schema findings kept); a syntax error is an `error` under `check`. */
function contractDoc(kind, text, display, check) {
    try {
        const d = (0,validate/* parseDocument */.Tp)(kind, text, display);
        return { kind: "ok", doc: { file: display, data: d.data, locate: d.locate, findings: d.findings } };
    }
    catch (e) {
        const f = errorToFinding(e, check, display);
        if (kind === "metrics")
            nonFiniteSyntax(text, f);
        return { kind: "error", finding: f };
    }
}
/** Any JSON document with positions (no schema); a syntax error is an `error` under `check`. */
function jsonDoc(text, display, check) {
    try {
        const map = (0,contract_locate/* scanJson */.Ey)(text, display);
        const data = JSON.parse(text);
        const locate = (pointer) => {
            let p = pointer;
            for (;;) {
                const found = map.value(p);
                if (found)
                    return found;
                if (p === "")
                    return { line: 1, column: 1 };
                p = p.slice(0, p.lastIndexOf("/"));
            }
        };
        return { kind: "ok", doc: { file: display, data, locate, findings: [] } };
    }
    catch (e) {
        return { kind: "error", finding: errorToFinding(e, check, display) };
    }
}
/** Milliseconds since the epoch of a contract timestamp (no zone = UTC); undefined when unreadable. */
function timeOf(v) {
    if (typeof v !== "string")
        return undefined;
    const s = /([Zz]|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`;
    const t = Date.parse(s.replace(" ", "T"));
    return Number.isNaN(t) ? undefined : t;
}
/**
 * A document that could not be read or parsed: its finding is reported when
 * the check it names is active (a path leaving the repository always), with
 * `defaultHint` when it has none. The checks that need the document skip it.
 */
function unreadable(f, active, defaultHint) {
    if (!active.has(f.check) && f.check !== "path.outside")
        return [];
    return [defaultHint !== undefined && f.hint === undefined ? { ...f, hint: defaultHint } : f];
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/manifest.js


/** The manifest document's own findings, and the document when the run's checks can read it. */
function manifestDocument(loaded, active) {
    if (loaded.kind === "missing")
        return { findings: [] }; // vanished between discovery and reading
    if (loaded.kind === "error") {
        const hint = "fix the JSON syntax at the position shown; every other check of this run waits for it";
        return { findings: unreadable(loaded.finding, active, hint) };
    }
    const doc = loaded.doc;
    if (obj(doc.data) === undefined) {
        const findings = active.has("manifest.schema") ? doc.findings.map((s) => ({ ...s, check: "manifest.schema" })) : [];
        return { findings };
    }
    return { findings: [], doc };
}
/** The schema findings of the manifest, but the job-id rule (manifest.job_id reports it). */
function schemaFindings(doc) {
    return doc.findings.filter((s) => !((s.jsonPath === "/" || s.jsonPath === "/host_mode") && /needs a job id/.test(s.message)));
}
/** JSON pointers with a schema finding (when manifest.schema is active), so other checks do not repeat them. */
function schemaPaths(i) {
    if (!i.active.has("manifest.schema"))
        return new Set();
    return new Set(schemaFindings(i.doc).map((s) => s.jsonPath ?? ""));
}
function checkManifestSchema(i) {
    return schemaFindings(i.doc).map((s) => ({
        ...s,
        check: s.check === "schema" ? "manifest.schema" : `manifest.${s.check}`,
        hint: s.hint ?? "fix the value at the position shown",
    }));
}
const JOB_ID_POINTERS = [
    "/job_id",
    "/slurm/job_id",
    "/resource_request/job_id",
    "/resource_request/slurm/job_id",
];
function checkJobId(i) {
    const { run, doc } = i;
    const m = doc.data;
    if (m.host_mode !== "slurm")
        return [];
    const id = (0,domain_run/* manifestJobId */.Gf)(m);
    if (id === undefined) {
        const submitError = obj(m.slurm)?.submit_error;
        if (m.status === "failed" && typeof submitError === "string" && submitError !== "")
            return [];
        const pointer = obj(m.slurm) ? "/slurm" : "/host_mode";
        return [
            {
                severity: "error",
                check: "manifest.job_id",
                ...doc_at(doc, pointer),
                message: `SLURM run ${run.runId} has no job id (none of job_id, slurm.job_id, resource_request.job_id, resource_request.slurm.job_id is set)`,
                hint: `if sbatch accepted the job, find its id with \`sacct --name autolab-${run.runId} -X -o JobID\` and write it into job_id; ` +
                    "if it never got one, set status to failed and record sbatch's message in slurm.submit_error",
            },
        ];
    }
    const out = [];
    for (const p of JOB_ID_POINTERS) {
        const v = valueAt(m, p);
        if (v === undefined || v === null || String(v).trim() === id)
            continue;
        out.push({
            severity: "error",
            check: "manifest.job_id",
            ...doc_at(doc, p),
            message: `${dotted(p)} is ${JSON.stringify(v)} but the run's job id is ${JSON.stringify(id)}`,
            hint: `make every copy of the job id the same (${JOB_ID_POINTERS.map(dotted).join(", ")})`,
        });
    }
    return out;
}
function checkIdentity(i) {
    const { run, doc } = i;
    const out = [];
    const m = doc.data;
    if (typeof m.run_id === "string" && m.run_id !== run.runId) {
        out.push({
            severity: "error",
            check: "manifest.identity",
            ...doc_at(doc, "/run_id"),
            message: `run_id is ${JSON.stringify(m.run_id)} but the run directory is ${run.runPath}`,
            hint: `a run directory is named after its run id: set run_id to ${JSON.stringify(run.runId)}, or move the manifest to the directory of its run`,
        });
    }
    if (typeof m.iteration_id === "string" && m.iteration_id !== run.iterationId) {
        out.push({
            severity: "error",
            check: "manifest.identity",
            ...doc_at(doc, "/iteration_id"),
            message: `iteration_id is ${JSON.stringify(m.iteration_id)} but the run lives in ${run.iterationPath}`,
            hint: `set iteration_id to ${JSON.stringify(run.iterationId)}, or move the run under its iteration's runs/ directory`,
        });
    }
    return out;
}
/** Manifest keys that hold repository paths (written by launch / monitor, read by people and tools). */
const MANIFEST_PATH_POINTERS = [
    "/launch/script",
    "/launch/design",
    "/extraction/metrics",
    "/artifact_sync_to_local/local_path",
    "/artifact_sync_to_local/destination",
];
function checkManifestPaths(i) {
    return i.refusedPaths.map((r) => ({
        severity: "error",
        check: "manifest.path",
        ...doc_at(i.doc, r.pointer),
        message: `refused: ${r.reason}; paths in a manifest are repository-relative and stay inside it`,
        hint: `set ${dotted(r.pointer)} to the repository-relative path of the file (no "..", no absolute path, no symlink leaving the repository)`,
    }));
}

// EXTERNAL MODULE: ./lib/src/util/pool.js
var pool = __webpack_require__(7033);
;// CONCATENATED MODULE: ./lib/src/verify/facts.js
/**
 * The verifier's reads, done once, before any check runs: the policy, each
 * run's manifest (and, as the active checks need them, its sentinel, logs/,
 * job script and metrics), each iteration's design, the ledger, and the
 * context of the policy commands (state.json). The checks (checks/*.ts) are
 * pure and take what is read here.
 *
 * Rules of reading:
 * - Nothing outside the repository is read: a file (or logs/) that is a
 *   symlink leaving it is a `path.outside` finding instead; a file that is
 *   not strict UTF-8 or cannot be read is an error finding of its check.
 * - A job launched with a work root writes its evidence (sentinel, logs/) in
 *   its snapshot until the monitor brings it into the checkout at sync: the
 *   snapshot is read while the checkout has no sentinel.
 * - At most READ_CONCURRENCY runs are read at once; an iteration's design is
 *   read once, however many runs it has.
 */













/** A file the verifier reads larger than this is an error finding, not read. */
const MAX_READ_BYTES = 64 * 1024 * 1024;



function refused(e, display) {
    return {
        severity: "error",
        check: "path.outside",
        file: display,
        message: `refused: ${e instanceof Error ? e.message : String(e)}`,
        hint: `replace ${display} with a file inside the repository; the verifier never reads outside it`,
    };
}
/**
 * Read a file that lives in the repository, refusing a symlink that leaves it.
 * `missing` when it does not exist; an `error` finding when it cannot be read.
 * `parentChecked`: the directory holding the file was already checked (a run
 * or iteration directory from discovery), so only the file itself can be a
 * symlink out; otherwise every component is checked.
 */
async function readInside(root, abs, display, check, parentChecked = true) {
    let st;
    try {
        st = await (0,promises_.lstat)(abs);
    }
    catch {
        return { kind: "missing" };
    }
    if (st.isSymbolicLink() || !parentChecked) {
        try {
            (0,fs/* resolveInside */.LI)(root, external_node_path_.relative(root, abs), display);
        }
        catch (e) {
            return { kind: "error", finding: refused(e, display) };
        }
    }
    // Never through a link (at any level, even one staying inside: links.ts reports it as path.link),
    // never blocking on a FIFO, only a regular file.
    const r = await (0,fs/* readOwned */.A4)(root, abs, MAX_READ_BYTES);
    if (r.skipped)
        return { kind: "error", finding: errorToFinding((0,fs/* linkError */.rH)(r, display), check, display) };
    if (r.tooLarge !== undefined) {
        return {
            kind: "error",
            finding: {
                severity: "error",
                check,
                file: display,
                message: `${r.tooLarge} bytes: too large to check (at most ${MAX_READ_BYTES})`,
            },
        };
    }
    if (!r.data)
        return { kind: "missing" };
    const buf = r.data;
    try {
        return { kind: "text", text: (0,fs/* decodeUtf8Strict */.h0)(buf, display) };
    }
    catch (e) {
        return { kind: "error", finding: errorToFinding(e, check, display) };
    }
}
async function loadContract(root, kind, abs, display, check) {
    const r = await readInside(root, abs, display, check);
    if (r.kind !== "text")
        return r.kind === "missing" ? { kind: "missing", file: display } : r;
    return contractDoc(kind, r.text, display, check);
}
async function loadSentinel(root, abs, display) {
    const r = await readInside(root, abs, display, "env_smoke.sentinel");
    if (r.kind !== "text")
        return r.kind === "missing" ? { kind: "missing", file: display } : r;
    const d = jsonDoc(r.text, display, "env_smoke.sentinel");
    if (d.kind === "ok")
        return { kind: "ok", doc: d.doc, sentinel: (0,sentinel/* parseSentinel */.O6)(r.text) };
    return d.kind === "error" ? d : { kind: "missing", file: display };
}
async function listLogs(root, runDir, display) {
    const abs = external_node_path_.join(runDir, "logs");
    let st;
    try {
        st = await (0,promises_.lstat)(abs);
    }
    catch {
        return { kind: "missing" };
    }
    if (st.isSymbolicLink()) {
        try {
            (0,fs/* resolveInside */.LI)(root, external_node_path_.relative(root, abs), display);
        }
        catch (e) {
            return { kind: "error", finding: refused(e, display) };
        }
    }
    try {
        return { kind: "dir", files: new Set(await (0,promises_.readdir)(abs)) };
    }
    catch {
        return { kind: "missing" };
    }
}
/** manifest.path: the manifest's paths that are absolute or leave the repository (through a symlink too). */
function refusedPaths(root, m) {
    const out = [];
    for (const pointer of MANIFEST_PATH_POINTERS) {
        const v = valueAt(m, pointer);
        if (typeof v !== "string" || v === "")
            continue;
        try {
            if (external_node_path_.isAbsolute(v))
                throw new errors/* AutolabError */.t0(`path ${JSON.stringify(v)} is absolute`);
            (0,fs/* resolveInside */.LI)(root, v, "path");
        }
        catch (e) {
            out.push({ pointer, reason: e instanceof Error ? e.message : String(e) });
        }
    }
    return out;
}
function needsOf(active, stage) {
    const reads = (k) => active.some((c) => c.reads === k);
    return {
        stage,
        ids: new Set(active.map((c) => c.id)),
        design: reads("design"),
        metrics: stage === "extract_results" && reads("metrics"),
        evidence: reads("run_evidence"),
        ledger: reads("ledger"),
    };
}
async function gatherEvidence(root, run, m, facts) {
    const ev = m ? (0,discover/* jobRunDir */.Yb)(m, root, run.runDir) : undefined;
    const inSnapshot = ev?.workDir !== undefined && !ev.missing && !(0,external_node_fs_.existsSync)(external_node_path_.join(run.runDir, layout/* SENTINEL_FILE */.K6));
    const evRoot = inSnapshot ? ev.workDir : root;
    const evDir = inSnapshot ? ev.dir : run.runDir;
    facts.sentinel = await loadSentinel(evRoot, external_node_path_.join(evDir, layout/* SENTINEL_FILE */.K6), `${run.runPath}/${layout/* SENTINEL_FILE */.K6}`);
    facts.logs = await listLogs(evRoot, evDir, `${run.runPath}/logs`);
    if (m?.host_mode === "slurm") {
        const script = external_node_path_.join(run.runDir, layout/* SLURM_SCRIPT_FILE */.lG);
        facts.runScript = {
            file: `${run.runPath}/${layout/* SLURM_SCRIPT_FILE */.lG}`,
            exists: (await (0,promises_.lstat)(script).catch(() => undefined)) !== undefined,
        };
    }
}
async function gatherRun(root, run, needs) {
    const manifest = await loadContract(root, "manifest", run.manifestPath, run.manifestDisplay, "manifest.schema");
    const facts = { run, manifest, refusedPaths: [] };
    if (manifest.kind !== "ok")
        return facts;
    const m = manifest.doc.data;
    if (needs.ids.has("manifest.path"))
        facts.refusedPaths = refusedPaths(root, m);
    if (needs.evidence)
        await gatherEvidence(root, run, m, facts);
    if (needs.metrics) {
        facts.metrics = await loadContract(root, "metrics", external_node_path_.join(run.runDir, layout/* METRICS_FILE */.HL), `${run.runPath}/${layout/* METRICS_FILE */.HL}`, "metrics.schema");
    }
    return facts;
}
async function gatherIteration(root, run) {
    return {
        iterationId: run.iterationId,
        iterationPath: run.iterationPath,
        design: await loadIterationDesign(root, run.iterationPath),
    };
}
/** An iteration's design.yaml (repository-relative iteration path), read as every tool-read file is. */
function loadIterationDesign(root, iterationPath) {
    const display = `${iterationPath}/design.yaml`;
    return loadContract(root, "design", external_node_path_.join(root, display), display, "design.schema");
}
/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
/** How many runs are read at once. */
const READ_CONCURRENCY = 64;
function listedInLedger(f) {
    return (f.manifest.kind === "ok" &&
        f.manifest.doc.data?.host_mode === "slurm" &&
        (0,domain_run/* manifestJobId */.Gf)(f.manifest.doc.data) !== undefined);
}
async function gatherLedger(root) {
    const r = await readInside(root, external_node_path_.join(root, layout/* LEDGER_PATH */.Kd), layout/* LEDGER_PATH */.Kd, "ledger.file", false);
    if (r.kind === "text")
        return { kind: "ok", display: layout/* LEDGER_PATH */.Kd, index: (0,ledger_ledger/* indexLedger */.eV)(r.text) };
    if (r.kind === "error")
        return { kind: "error", display: layout/* LEDGER_PATH */.Kd, finding: r.finding };
    return { kind: "missing", display: layout/* LEDGER_PATH */.Kd };
}
/** Everything the checks read, for the runs discovered. */
async function gatherFacts(root, runs, needs) {
    const pending = new Map();
    const iterationOf = (run) => {
        let p = pending.get(run.iterationDir);
        if (!p) {
            p = gatherIteration(root, run);
            pending.set(run.iterationDir, p);
        }
        return p;
    };
    const facts = await (0,pool/* mapPool */.P)(runs, READ_CONCURRENCY, async (run) => {
        const [f] = await Promise.all([gatherRun(root, run, needs), needs.design ? iterationOf(run) : undefined]);
        return f;
    });
    const iterations = new Map();
    for (const p of pending.values()) {
        const it = await p;
        iterations.set(it.iterationPath, it);
    }
    const out = { runs: facts, iterations };
    if (needs.ledger && facts.some(listedInLedger))
        out.ledger = await gatherLedger(root);
    return out;
}
/** The effective verifier policy and its document (for positions), or the findings that stop every check. */
async function gatherPolicy(root) {
    // loadPolicy reads the file where it finds it: refuse a policy that lives outside the repository first.
    try {
        (0,fs/* resolveInside */.LI)(root, layout/* POLICY_PATH */.l$, layout/* POLICY_PATH */.l$);
    }
    catch (e) {
        return { findings: [refused(e, layout/* POLICY_PATH */.l$)] };
    }
    try {
        const loaded = await (0,contract_policy/* loadPolicy */.tb)(root);
        const d = loaded.doc;
        const policyDoc = d ? { file: d.file, data: d.data, locate: d.locate, findings: [] } : undefined;
        return { policy: loaded.policy, policyDoc };
    }
    catch (e) {
        return { findings: policyErrorFindings(e) };
    }
}
/** A policy that did not load, as `policy.schema` findings (`where` prefixes each message: whose policy). */
function policyErrorFindings(e, where) {
    const errs = e instanceof errors/* AutolabError */.t0 && e.findings.length ? e.findings : [errorToFinding(e, "policy.schema", layout/* POLICY_PATH */.l$)];
    return errs.map((f) => ({
        ...f,
        check: f.check === "schema" ? "policy.schema" : f.check,
        ...(where ? { message: `${where}: ${f.message}` } : {}),
        hint: f.hint ?? `fix ${layout/* POLICY_PATH */.l$}; no check can run without a valid policy`,
    }));
}
/** `--iteration` given as a design.yaml or iteration directory path (the action's `design` input): its id. */
async function iterationIdOf(root, iteration) {
    if (!/[\\/]|\.ya?ml$/.test(iteration))
        return iteration;
    try {
        return (await (0,design/* resolveIteration */.MG)(root, iteration)).iterationId;
    }
    catch (e) {
        return { finding: errorToFinding(e, "discover.not_found", iteration) };
    }
}
/**
 * The policy commands' placeholders: the iteration (--iteration, else
 * state.json, else the only one among the runs) and the run (--run-id, else
 * state.json's last run of that iteration, else its newest run).
 */
async function gatherCommandContext(root, opts, runs, policy, policyDoc) {
    let state;
    try {
        state = (await (0,state_file/* readState */.un)(root));
    }
    catch {
        state = undefined; // a broken state.json is not this check's business
    }
    let iterationId = opts.iteration;
    if (iterationId === undefined && typeof state?.iteration_id === "string")
        iterationId = state.iteration_id;
    if (iterationId === undefined) {
        const ids = new Set(runs.map((r) => r.iterationId));
        if (ids.size === 1)
            iterationId = [...ids][0];
    }
    let iterationPath;
    if (iterationId !== undefined) {
        iterationPath = runs.find((r) => r.iterationId === iterationId)?.iterationPath;
        if (iterationPath === undefined) {
            try {
                const it = await (0,design/* resolveIteration */.MG)(root, iterationId);
                iterationPath = external_node_path_.relative(root, it.iterationDir).split(external_node_path_.sep).join("/");
            }
            catch {
                iterationPath = undefined;
            }
        }
    }
    let runId = opts.runId;
    if (runId === undefined &&
        typeof state?.last_run_id === "string" &&
        (state.iteration_id === undefined || state.iteration_id === iterationId)) {
        runId = state.last_run_id;
    }
    if (runId === undefined && iterationId !== undefined) {
        const mine = runs
            .filter((r) => r.iterationId === iterationId)
            .map((r) => r.runId)
            .sort();
        runId = mine[mine.length - 1];
    }
    return { stage: opts.stage, policy, policyDoc, iterationId, iterationPath, runId };
}

;// CONCATENATED MODULE: ./lib/src/verify/base-policy.js
/**
 * On a pull request the requirements come from the base branch's policy
 * (issue 11, item 9): `.autolab/verifier_policy.yaml` as the base commit has
 * it, read from git's object store with no-follow semantics
 * (`git/trees.readCommittedFile`: a link on its path in the base tree is
 * refused; no file there means the defaults), while every other file is
 * checked as the pull request's head has it. The head's own policy is read
 * only to be compared with the base's: a change is a `policy.changed`
 * finding (domain/policy-change.ts), an invalid head policy an error (it
 * would govern the pull requests after this one).
 *
 * actions/checkout with its default `fetch-depth: 1` has only the merge
 * commit of a pull request, not its base: the base commit is then fetched
 * (one commit, `--depth=1`, through git/remote.ts) before it is read.
 */







const MAX_POLICY_BYTES = 4 * 1024 * 1024;
/**
 * The policy file of commit `sha`. When the commit is not in the repository,
 * `fetch` (if given) is asked to bring it; a commit still missing is an
 * error saying how to make it available.
 */
async function basePolicyAt(root, sha, fetch) {
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha)) {
        throw new errors/* AutolabError */.t0(`the pull request's base commit ${JSON.stringify(sha)} is not a commit id`, {
            hint: "the event payload's pull_request.base.sha names the base commit",
        });
    }
    let why = "";
    if (!(await (0,git/* revParse */.DJ)(root, sha)) && fetch) {
        try {
            await fetch();
        }
        catch (e) {
            why = `: ${e instanceof Error ? e.message : String(e)}`;
        }
    }
    if (!(await (0,git/* revParse */.DJ)(root, sha))) {
        throw new errors/* AutolabError */.t0(`the pull request's base commit ${sha.slice(0, 12)} is not in the checkout${fetch ? " and could not be fetched" : ""}${why}; ` +
            "the verifier takes its requirements from the base branch's policy", {
            file: root,
            hint: "check out with actions/checkout `fetch-depth: 0` (or 2: the merge commit and its parents), or give the action a token that can fetch",
        });
    }
    return { sha: sha.toLowerCase(), file: await (0,trees/* readCommittedFile */.J3)(root, sha, layout/* POLICY_PATH */.l$, MAX_POLICY_BYTES) };
}
/** The base's effective policy to apply, and the head's policy change reported. */
async function gatherBasePolicy(root, base) {
    const label = base.sha.slice(0, 12);
    if (base.file.kind === "refused") {
        return {
            findings: [
                {
                    severity: "error",
                    check: "policy.base",
                    file: layout/* POLICY_PATH */.l$,
                    message: `the base commit ${label}'s policy is refused: ${base.file.reason}`,
                    hint: "the base branch's policy must be a regular file (never a link); fix it on the base branch",
                },
            ],
        };
    }
    let loaded;
    try {
        loaded = await (0,contract_policy/* policyFromText */.M5)(base.file.kind === "text" ? base.file.text : undefined);
    }
    catch (e) {
        return { findings: policyErrorFindings(e, `the base commit ${label}'s policy`) };
    }
    const head = await gatherPolicy(root);
    if ("findings" in head) {
        const where = "this pull request's policy (it would govern the later pull requests)";
        return { policy: loaded.policy, extra: head.findings.map((f) => ({ ...f, message: `${where}: ${f.message}` })) };
    }
    const changes = policyKeyChanges(loaded.doc?.data, head.policyDoc?.data);
    const changed = policyChangedFinding({
        file: layout/* POLICY_PATH */.l$,
        baseLabel: label,
        changes,
        weakenings: policyWeakenings(loaded.policy, head.policy),
        locate: head.policyDoc?.locate,
    });
    return {
        policy: loaded.policy,
        // Command findings are placed in the head's file only when it says what the base's says.
        policyDoc: changes.length ? undefined : head.policyDoc,
        extra: changed ? [changed] : [],
    };
}

// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/util/exec.js + 1 modules
var exec = __webpack_require__(2785);
// EXTERNAL MODULE: ./lib/src/scheduler/slurm-cli/probe.js
var probe = __webpack_require__(6601);
// EXTERNAL MODULE: ./lib/src/util/shell.js
var shell = __webpack_require__(3965);
;// CONCATENATED MODULE: ./lib/src/verify/checks/policy-commands.js
/**
 * policy.test_command and policy.dry_run_command: the user's own declared
 * commands. Pure halves around the one effect (running the program, in
 * index.ts): `planPolicyCommand` turns the policy into an argv or findings;
 * `judgePolicyCommand` turns the program's result into findings.
 *
 * The command line is split into argv first (quote-aware, no expansion,
 * shell operators refused: see stages/placeholders.ts), then these
 * placeholders are substituted inside each argument:
 *   {{python_bin}}      the policy's python_bin
 *   {{iteration_id}}    --iteration, else .autolab/state.json iteration_id, else the
 *                       only iteration among the runs checked
 *   {{iteration_path}}  that iteration's directory, repository-relative
 *   {{run_id}}          --run-id, else state.json last_run_id, else the iteration's newest run
 * The program runs by argv (never a shell) from the repository root with the
 * policy's launch.check_timeout_seconds; a non-zero exit is an error finding
 * with the tail of its output. A scheduler client that is not installed on
 * this host (a pull request verified on a hosted runner) is a notice: the
 * scheduler's own dry run can only happen on the cluster, and the documented
 * setup (verify on GitHub-hosted runners) must be able to pass.
 */








const POLICY_COMMANDS = {
    "policy.test_command": { check: "policy.test_command", key: "test_command", category: "tests" },
    "policy.dry_run_command": { check: "policy.dry_run_command", key: "dry_run_command", category: "dry_run" },
};
/** Programs only a scheduler host has (the adapter's tools, and the two that start jobs interactively). */
const SCHEDULER_CLIENTS = new Set(probe/* SLURM_CLIENTS */.hX);
/** How much of a failing command's output a finding quotes. */
const OUTPUT_TAIL_LINES = 20;
const OUTPUT_TAIL_CHARS = 4000;
function outputTail(stdout, stderr) {
    const text = [stdout.trimEnd(), stderr.trimEnd()].filter(Boolean).join("\n");
    const tail = text.split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
    return tail.length > OUTPUT_TAIL_CHARS ? "..." + tail.slice(-OUTPUT_TAIL_CHARS) : tail;
}
/** Where a finding about the command stands: its key in the policy file, else the file. */
function whereOf(spec, ctx) {
    const inFile = ctx.policyDoc && valueAt(ctx.policyDoc.data, `/${spec.key}`) !== undefined;
    return inFile && ctx.policyDoc ? doc_at(ctx.policyDoc, `/${spec.key}`) : { file: contract_policy/* POLICY_PATH */.l$ };
}
function offHint(spec, ctx) {
    return `or set requirements_by_stage.${ctx.stage}.${spec.category}: false in ${contract_policy/* POLICY_PATH */.l$}`;
}
function errorText(e, spec) {
    return [e instanceof Error ? e.message : String(e), (e instanceof errors/* AutolabError */.t0 && e.hint) || `fix ${spec.key}`];
}
function planPolicyCommand(spec, ctx) {
    const template = ctx.policy[spec.key];
    const off = offHint(spec, ctx);
    const fail = (message, hint) => ({
        kind: "findings",
        findings: [{ severity: "error", check: spec.check, ...whereOf(spec, ctx), message, hint }],
    });
    if (typeof template !== "string" || template.trim() === "") {
        return fail(`${spec.category} is required at stage ${ctx.stage} but ${spec.key} is not set`, `set ${spec.key} in ${contract_policy/* POLICY_PATH */.l$}, ${off}`);
    }
    if (/AUTOLAB DRY-RUN STUB/i.test(template)) {
        return fail(`${spec.key} is still the scaffold's stub`, `replace it with a command that exercises the experiment quickly, ${off}`);
    }
    let words;
    try {
        words = (0,placeholders/* splitCommandLine */.aL)(template, { what: spec.key });
    }
    catch (e) {
        return fail(...errorText(e, spec));
    }
    if (words.length === 0)
        return fail(`${spec.key} is empty`, `set ${spec.key}, ${off}`);
    const vars = { python_bin: ctx.policy.python_bin || "python3" };
    if (ctx.iterationId !== undefined)
        vars.iteration_id = ctx.iterationId;
    if (ctx.iterationPath !== undefined)
        vars.iteration_path = ctx.iterationPath;
    if (ctx.runId !== undefined)
        vars.run_id = ctx.runId;
    const used = [...template.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((x) => x[1]);
    for (const name of used) {
        if (vars[name] !== undefined)
            continue;
        if (name === "iteration_id" || name === "iteration_path") {
            return fail(`${spec.key} uses {{${name}}} but the iteration is not known`, "pass --iteration ID (or set iteration_id in .autolab/state.json)");
        }
        if (name === "run_id")
            return fail(`${spec.key} uses {{run_id}} but the run is not known`, "pass --run-id R (the iteration has no run yet)");
    }
    let argv;
    try {
        argv = words.map((w) => (0,contract_policy/* expandPlaceholders */.pj)(w, vars, spec.key));
    }
    catch (e) {
        return fail(...errorText(e, spec));
    }
    const env = {
        AUTOLAB_STAGE: ctx.stage,
        AUTOLAB_ITERATION_ID: ctx.iterationId,
        AUTOLAB_ITERATION_PATH: ctx.iterationPath,
        AUTOLAB_RUN_ID: ctx.runId,
    };
    return { kind: "run", argv, env };
}
/** The findings for the result of running `argv` (none when it exited 0). */
function judgePolicyCommand(spec, ctx, argv, r) {
    if ((0,exec.ok)(r))
        return [];
    const where = whereOf(spec, ctx);
    const off = offHint(spec, ctx);
    if (r.spawnError && SCHEDULER_CLIENTS.has(external_node_path_.basename(argv[0]))) {
        return [
            {
                severity: "notice",
                check: spec.check,
                ...where,
                message: `${spec.key} needs ${argv[0]}, which is not on this host (${r.spawnError}); not run here`,
                hint: `it runs where SLURM is installed (autolab verify on the login node, or the launch workflow), ${off}`,
            },
        ];
    }
    const tail = outputTail(r.stdout, r.stderr);
    return [
        {
            severity: "error",
            check: spec.check,
            ...where,
            message: `${spec.key} failed (${(0,exec/* describeFailure */.Ic)(r)})${tail ? `; last output:\n${tail}` : ""}`,
            hint: `reproduce it from the repository root with: ${(0,shell/* shellJoin */.nZ)(argv)}; fix what it reports, ${off}`,
        },
    ];
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/design.js
/**
 * The iteration's design.yaml: design.schema (once per iteration) and
 * design.location (the iteration has a design; its compute.location is the
 * host_mode of the iteration's newest run: older runs may predate a design
 * change). Pure: data in, findings out.
 */


/** A design that cannot be read or parsed (design.schema, or path.outside always). */
function designDocument(i) {
    const d = i.iteration.design;
    return d.kind === "error" ? unreadable(d.finding, i.active, "fix the YAML syntax at the position shown") : [];
}
function checkDesignSchema(i) {
    const d = i.iteration.design;
    if (d.kind !== "ok")
        return [];
    return d.doc.findings.map((f) => ({
        ...f,
        check: f.check === "schema" ? "design.schema" : `design.${f.check}`,
        hint: f.hint ?? "fix the value at the position shown",
    }));
}
/** An iteration with runs has a design.yaml. */
function checkDesignPresent(i) {
    const { iteration } = i;
    const d = iteration.design;
    if (d.kind !== "missing")
        return [];
    return [
        {
            severity: "error",
            check: "design.location",
            file: d.file,
            message: `iteration ${iteration.iterationId} has runs but no design.yaml`,
            hint: `restore it (\`git log --all -- ${(0,shell/* shellQuote */.ZL)(d.file)}\` shows where it went); every iteration is described by its design.yaml`,
        },
    ];
}
/** The newest run's host_mode is the design's compute.location. */
function checkDesignLocation(i) {
    const { run, doc } = i;
    if (i.newestOf?.design.kind !== "ok")
        return [];
    const design = i.newestOf.design.doc;
    const location = obj(design.data?.compute)?.location;
    const mode = doc.data.host_mode;
    if (location === undefined || mode === undefined || location === mode)
        return [];
    return [
        {
            severity: "error",
            check: "design.location",
            ...doc_at(design, "/compute/location"),
            message: `compute.location is ${JSON.stringify(location)} but run ${run.runId} ran with host_mode ${JSON.stringify(mode)} (${run.manifestDisplay})`,
            hint: `set compute.location to ${JSON.stringify(mode)} if the design is meant to run there, or launch a new run from the current design`,
        },
    ];
}

;// CONCATENATED MODULE: ./lib/src/verify/hints.js
/** The commands the verifier's hints tell a person to run. Pure. */


/** Appends (or rewrites) the run's ledger line. */
function appendCommand(run) {
    return `autolab slurm-job-list append --manifest ${(0,shell/* shellQuote */.ZL)(run.manifestDisplay)} --doc ${layout/* LEDGER_PATH */.Kd}`;
}
/** Records what the job did (status, sync, metrics). */
function monitorCommand(run) {
    return `autolab monitor --run-id ${(0,shell/* shellQuote */.ZL)(run.runId)}`;
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/status.js
/**
 * The run's status against what else the manifest says: sync.status,
 * status.completed_at, status.timestamps. Pure: data in, findings out.
 *
 * - sync.status: set, a known sync word (an older spelling is a notice), and
 *   success-like for a synced or completed run.
 * - status.completed_at: present exactly when the run ended (completed,
 *   failed, partial; a partial run without it is a warning), and not before
 *   started_at. A key the schema already reported is not reported again.
 * - status.timestamps: not more than 5 minutes in the future; the top-level
 *   copies (for older readers) equal the ones under `timestamps`.
 */




/** Statuses of a run that ended (and so has completed_at). */
const ENDED = new Set(["completed", "failed", "partial"]);
function checkSync(i) {
    const { run, doc } = i;
    const m = doc.data;
    const record = obj(m.artifact_sync_to_local);
    const raw = record?.status;
    if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
        return [
            {
                severity: "error",
                check: "sync.status",
                ...doc_at(doc, record ? "/artifact_sync_to_local" : ""),
                message: "artifact_sync_to_local.status is not set",
                hint: `set it to "pending"; \`${monitorCommand(run)}\` moves it to "ok" once the job's outputs are back`,
            },
        ];
    }
    const canonical = (0,vocabulary/* normalizeSyncStatus */.N2)(raw);
    const where = doc_at(doc, "/artifact_sync_to_local/status");
    if (canonical === undefined) {
        return [
            {
                severity: "error",
                check: "sync.status",
                ...where,
                message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is not a sync status`,
                hint: `use one of ${vocabulary/* SYNC_STATUSES */.hu.join(", ")}`,
            },
        ];
    }
    const out = [];
    if (!(0,vocabulary/* isCanonicalSyncStatus */.GI)(raw)) {
        out.push({
            severity: "notice",
            check: "sync.status",
            ...where,
            message: `artifact_sync_to_local.status ${JSON.stringify(raw)} is an older spelling of ${JSON.stringify(canonical)}`,
            hint: `write ${JSON.stringify(canonical)} (the tool reads both; it writes ${vocabulary/* SYNC_STATUSES */.hu.join("/")})`,
        });
    }
    const status = i.status;
    if ((status === "synced" || status === "completed") && !(0,vocabulary/* isSuccessLike */.j)(raw)) {
        out.push({
            severity: "error",
            check: "sync.status",
            ...where,
            message: `the run is ${status} but its artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(raw)})`,
            hint: `run \`${monitorCommand(run)}\` to sync them, or copy the outputs into ${run.runPath} by hand and set artifact_sync_to_local.status to "ok"`,
        });
    }
    return out;
}
function checkCompletedAt(i) {
    const { run, doc, status } = i;
    const m = doc.data;
    if (!status)
        return [];
    const ts = obj(m.timestamps);
    const completed = ts?.completed_at;
    const out = [];
    if (ENDED.has(status)) {
        if ((completed === undefined || completed === null) && !schemaPaths(i).has("/timestamps/completed_at")) {
            out.push({
                severity: status === "partial" ? "warning" : "error",
                check: "status.completed_at",
                ...doc_at(doc, ts ? "/timestamps" : "/status"),
                message: `the run is ${status} but timestamps.completed_at is not set`,
                hint: `run \`${monitorCommand(run)}\` once: it records completed_at (and the history entry) for a status set by hand; or add "completed_at": "<when the job ended, e.g. 2026-11-28T12:00:00Z>" both inside "timestamps" and at the top level (the sentinel's ended_at or sacct's End)`,
            });
        }
    }
    else {
        for (const p of ["/timestamps/completed_at", "/completed_at"]) {
            const v = valueAt(m, p);
            if (v === undefined || v === null)
                continue;
            out.push({
                severity: "error",
                check: "status.completed_at",
                ...doc_at(doc, p),
                message: `${dotted(p)} is set but the run is ${status}, which has not ended`,
                hint: `remove completed_at, or let \`${monitorCommand(run)}\` record the status the job really ended with`,
            });
        }
    }
    const started = timeOf(ts?.started_at);
    const ended = timeOf(completed);
    if (started !== undefined && ended !== undefined && ended < started) {
        out.push({
            severity: "error",
            check: "status.completed_at",
            ...doc_at(doc, "/timestamps/completed_at"),
            message: `timestamps.completed_at (${String(completed)}) is before timestamps.started_at (${String(ts?.started_at)})`,
            hint: "fix the timestamps: a run ends after it starts",
        });
    }
    return out;
}
/** Clock skew tolerated before a timestamp counts as in the future. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;
function checkTimestamps(i) {
    const { doc, now } = i;
    const m = doc.data;
    const ts = obj(m.timestamps);
    const out = [];
    for (const name of ["started_at", "completed_at"]) {
        const nested = ts?.[name];
        const t = timeOf(nested);
        if (t !== undefined && t > now.getTime() + FUTURE_SLACK_MS) {
            out.push({
                severity: "warning",
                check: "status.timestamps",
                ...doc_at(doc, `/timestamps/${name}`),
                message: `timestamps.${name} (${String(nested)}) is in the future`,
                hint: "check the clock of the machine that wrote the manifest, and fix the timestamp",
            });
        }
        const top = m[name];
        if (top !== undefined && nested !== undefined && top !== nested && timeOf(top) !== timeOf(nested)) {
            out.push({
                severity: "warning",
                check: "status.timestamps",
                ...doc_at(doc, `/${name}`),
                message: `${name} (${String(top)}) differs from timestamps.${name} (${String(nested)})`,
                hint: `the top-level ${name} is a copy for older readers: make it equal to timestamps.${name}`,
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/metrics.js




/** The run's metrics when the metrics checks apply to it (the run ended); undefined otherwise. */
function endedMetrics(i) {
    const status = i.status;
    if (!i.metrics || !status)
        return undefined;
    return status === "synced" || ENDED.has(status) ? i.metrics : undefined;
}
function metricsDoc(i) {
    const mt = endedMetrics(i);
    return mt?.kind === "ok" ? mt.doc : undefined;
}
const monitor = (i) => `\`${monitorCommand(i.run)}\``;
function checkMetricsSchema(i) {
    const mt = endedMetrics(i);
    if (mt?.kind === "missing") {
        if (!i.requireMetrics)
            return [];
        return [
            {
                severity: "error",
                check: "metrics.schema",
                file: mt.file,
                message: `the run is ${i.status} but metrics.json does not exist`,
                hint: `run ${monitor(i)}: it extracts the results of finished runs (a failed run gets metrics with status failed)`,
            },
        ];
    }
    if (mt?.kind !== "ok")
        return [];
    return mt.doc.findings.map((s) => ({
        ...s,
        check: s.check === "schema" ? "metrics.schema" : s.check,
        hint: s.hint ?? "fix the value, or re-extract the run",
    }));
}
/** Every value of a JSON document with its pointer, depth first, in document order. */
function walk(v, pointer, visit) {
    visit(v, pointer);
    if (Array.isArray(v))
        v.forEach((x, n) => walk(x, `${pointer}/${n}`, visit));
    else if (v !== null && typeof v === "object") {
        for (const [k, x] of Object.entries(v))
            walk(x, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, visit);
    }
}
const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;
function checkMetricsFinite(i) {
    const md = metricsDoc(i);
    if (!md)
        return [];
    const out = [];
    const hint = "write null for a value that could not be computed, and set status to partial";
    walk(md.data, "", (v, p) => {
        if (typeof v === "number" && !Number.isFinite(v)) {
            out.push({
                severity: "error",
                check: "metrics.finite",
                ...doc_at(md, p),
                message: `${p || "value"} is not a finite number (it overflows to ${v})`,
                hint,
            });
        }
        else if (typeof v === "string" && NON_FINITE_TEXT.test(v.trim())) {
            out.push({
                severity: "error",
                check: "metrics.finite",
                ...doc_at(md, p),
                message: `${p} is ${JSON.stringify(v)}: a non-finite number written as text`,
                hint,
            });
        }
    });
    return out;
}
const PLACEHOLDERS = [
    [/\b(TODO|TBD|FIXME|XXX)\b/, "a to-do marker"],
    [/\bplaceholder\b/i, "the word placeholder"],
    [/\{\{[^}]*\}\}/, "an unfilled {{...}} template"],
    [/^<[^<>]{1,80}>$/, "an unfilled <...> value"],
    [/\b(replace[_ -]?me|fill[_ -]?(me|in))\b/i, "an unfilled value"],
    [/\blorem ipsum\b/i, "filler text"],
    [/^(\.\.\.|…|\?\?\?)$/, "an elided value"],
];
function checkMetricsPlaceholder(i) {
    const md = metricsDoc(i);
    if (!md)
        return [];
    const out = [];
    walk(md.data, "", (v, p) => {
        if (typeof v !== "string")
            return;
        const hit = PLACEHOLDERS.find(([re]) => re.test(v.trim()));
        if (!hit)
            return;
        out.push({
            severity: "error",
            check: "metrics.placeholder",
            ...doc_at(md, p),
            message: `${p} holds ${hit[1]}: ${JSON.stringify(v.length > 60 ? v.slice(0, 57) + "..." : v)}`,
            hint: `write the real value, or re-extract with ${monitor(i)}`,
        });
    });
    return out;
}
function checkMetricsIdentity(i) {
    const md = metricsDoc(i);
    const data = obj(md?.data);
    if (!md || !data)
        return [];
    const out = [];
    for (const [key, want] of [
        ["run_id", i.run.runId],
        ["iteration_id", i.run.iterationId],
    ]) {
        if (typeof data[key] === "string" && data[key] !== want) {
            out.push({
                severity: "error",
                check: "metrics.identity",
                ...doc_at(md, `/${key}`),
                message: `metrics.json says ${key} ${JSON.stringify(data[key])} but it belongs to ${want}`,
                hint: `it was copied from another run: re-extract with ${monitor(i)}`,
            });
        }
    }
    return out;
}
function checkMetricsSync(i) {
    const md = metricsDoc(i);
    const data = obj(md?.data);
    if (!md || !data || data.status !== "completed")
        return [];
    const sync = obj(i.doc.data.artifact_sync_to_local)?.status;
    if (i.status === "failed") {
        return [
            {
                severity: "error",
                check: "metrics.sync",
                ...doc_at(md, "/status"),
                message: "metrics status is completed but the run failed",
                hint: "set the metrics status to failed (or partial if some results are usable)",
            },
        ];
    }
    if ((0,vocabulary/* isSuccessLike */.j)(sync))
        return [];
    return [
        {
            severity: "error",
            check: "metrics.sync",
            ...doc_at(md, "/status"),
            message: `metrics status is completed but the artifacts are not synced (artifact_sync_to_local.status ${JSON.stringify(sync ?? null)} in ${i.run.manifestDisplay})`,
            hint: `sync first (${monitor(i)}, or copy the outputs by hand and set the sync status to "ok"), or set the metrics status to partial with missing_evidence`,
        },
    ];
}

;// CONCATENATED MODULE: ./lib/src/verify/engine.js





/** The run's status; undefined for a status word that is not one (manifest.schema reports it). */
function knownStatus(m) {
    try {
        return (0,domain_run/* manifestStatus */.S1)(m);
    }
    catch {
        return undefined;
    }
}
/** The newest run (by run id, which starts with the launch time) of each iteration, by iteration path. */
function newestRuns(runs) {
    const newest = new Map();
    for (const r of runs) {
        const cur = newest.get(r.iterationPath);
        if (cur === undefined || r.runId > cur)
            newest.set(r.iterationPath, r.runId);
    }
    return newest;
}
function repoFindings(i, ids) {
    const runs = i.runs.map((f) => f.run);
    const slurmRuns = i.runs.filter((f) => f.manifest.kind === "ok" && f.manifest.doc.data?.host_mode === "slurm");
    const input = { runs, slurmRuns: slurmRuns.map((f) => f.run), ledger: i.ledger, active: ids };
    return i.active.flatMap((c) => c.repo?.(input) ?? []);
}
function iterationFindings(i, ids) {
    if (!i.iterations)
        return [];
    const out = [];
    const seen = new Set();
    for (const { run } of i.runs) {
        const iteration = i.iterations.get(run.iterationPath);
        if (!iteration || seen.has(run.iterationPath))
            continue;
        seen.add(run.iterationPath);
        const input = { iteration, active: ids };
        out.push(...designDocument(input));
        for (const c of i.active)
            if (c.iteration)
                out.push(...c.iteration(input));
    }
    return out;
}
function runFindings(i, input) {
    const out = [];
    const metrics = endedMetrics(input);
    let metricsSeen = false;
    for (const c of i.active) {
        if (!c.run)
            continue;
        if (c.reads === "metrics" && metrics?.kind === "error") {
            if (!metricsSeen)
                out.push(...unreadable(metrics.finding, input.active));
            metricsSeen = true;
            continue;
        }
        out.push(...c.run(input));
    }
    return out;
}
function runInput(i, f, doc, ids, newest) {
    const input = {
        run: f.run,
        doc,
        status: knownStatus(doc.data),
        jobId: (0,domain_run/* manifestJobId */.Gf)(doc.data),
        active: ids,
        now: i.now,
        refusedPaths: f.refusedPaths,
        sentinel: f.sentinel,
        logs: f.logs,
        runScript: f.runScript,
        metrics: f.metrics,
        requireMetrics: i.requireMetrics,
        ledger: i.ledger,
    };
    if (newest)
        input.newestOf = i.iterations?.get(f.run.iterationPath);
    return input;
}
/** Every finding of the active checks over the facts, and how many runs had a manifest to check. */
function checkFacts(i) {
    const ids = new Set(i.active.map((c) => c.id));
    const findings = [...repoFindings(i, ids), ...iterationFindings(i, ids)];
    const newest = newestRuns(i.runs.map((f) => f.run));
    let runsChecked = 0;
    for (const f of i.runs) {
        if (f.manifest.kind === "missing")
            continue; // vanished between discovery and reading
        runsChecked++;
        const m = manifestDocument(f.manifest, ids);
        findings.push(...m.findings);
        if (!m.doc)
            continue;
        const isNewest = newest.get(f.run.iterationPath) === f.run.runId;
        findings.push(...runFindings(i, runInput(i, f, m.doc, ids, isNewest)));
    }
    return { findings, runsChecked };
}
/** The same warning about another run's ledger line comes once, not once per run. */
function dedupe(findings) {
    const unique = [];
    const seen = new Set();
    for (const f of findings) {
        const key = `${f.check}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        unique.push(f);
    }
    return unique;
}

;// CONCATENATED MODULE: ./lib/src/verify/links.js



async function entry(root, rel, kind) {
    let st;
    try {
        st = await (0,promises_.lstat)(external_node_path_.join(root, rel));
    }
    catch {
        return "absent";
    }
    if (st.isSymbolicLink()) {
        return {
            severity: "error",
            check: "path.link",
            file: rel,
            message: `${rel} is a symlink: a tool-owned ${kind === "dir" ? "directory" : "file"} is never read or written through a link`,
            hint: `replace the link by a regular ${kind === "dir" ? "directory" : "file"} (git rm ${rel})`,
        };
    }
    if (kind === "file" && !st.isFile() && !st.isDirectory()) {
        return {
            severity: "error",
            check: "path.link",
            file: rel,
            message: `${rel} is not a regular file (a named pipe, socket or device): it is never read`,
            hint: `remove it; a job must write its evidence as regular files`,
        };
    }
    return kind === "dir" && st.isDirectory() ? "dir" : undefined;
}
async function names(root, rel) {
    try {
        return await (0,promises_.readdir)(external_node_path_.join(root, rel), { withFileTypes: true });
    }
    catch {
        return [];
    }
}
/** Every tool-owned entry of the repository that is a link (or a non-regular file), as error findings. */
async function linkFindings(root) {
    const out = [];
    const check = async (rel, kind) => {
        const r = await entry(root, rel, kind);
        if (r && typeof r === "object")
            out.push(r);
        return r === "dir";
    };
    if (await check("docs", "dir"))
        await check(layout/* LEDGER_PATH */.Kd, "file");
    if (await check(".autolab", "dir"))
        for (const f of [layout/* STATE_PATH */.K, layout/* MONITOR_STATE_PATH */.B7])
            await check(f, "file");
    if (!(await check("experiments", "dir")))
        return out;
    for (const bucket of layout/* ITERATION_BUCKETS */.qy) {
        const b = `experiments/${bucket}`;
        if (!(await check(b, "dir")))
            continue;
        for (const it of await names(root, b)) {
            const itRel = `${b}/${it.name}`;
            if (!(await check(itRel, "dir")))
                continue;
            await check(`${itRel}/launch`, "dir");
            if (await check(`${itRel}/analysis`, "dir"))
                await check(`${itRel}/analysis/summary.md`, "file");
            if (!(await check(`${itRel}/runs`, "dir")))
                continue;
            for (const run of await names(root, `${itRel}/runs`)) {
                const runRel = `${itRel}/runs/${run.name}`;
                if (!(await check(runRel, "dir")))
                    continue;
                for (const f of [layout/* MANIFEST_FILE */.h1, layout/* METRICS_FILE */.HL, layout/* SENTINEL_FILE */.K6])
                    await check(`${runRel}/${f}`, "file");
                await check(`${runRel}/logs`, "dir");
            }
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/env-smoke.js
/**
 * Did the job's environment work: env_smoke.run_dir, env_smoke.logs,
 * env_smoke.sentinel. Pure: data in, findings out. None applies to a run
 * that is pending (nothing ran yet) or whose status word is unknown.
 *
 * - run_dir: a SLURM run this tool launched keeps the job script it submitted
 *   (not when the submission failed: there is no job).
 * - logs: logs/ exists once the job may have started (a submitted SLURM job
 *   needs it to open its output file); a synced or completed plain job has
 *   its `slurm-<job>.out` there (array tasks write their raw id: not checked).
 * - sentinel (read by domain/sentinel.ts, one rule with the monitor):
 *   completed/synced needs a sentinel with an end and exit 0; a missing one
 *   is an error, or a warning for a running run this tool launched; an exit
 *   code that is neither an integer nor a string of digits is reported; a
 *   sentinel of another run, or written by another plain job
 *   (`sentinelForeignJob`), is reported; a job that ended while the
 *   manifest says submitted/running is a warning; a failed run whose job
 *   exited 0 with no recorded failure reason is a warning.
 */






function applies(i) {
    return i.status !== undefined && i.status !== "pending";
}
function isOurs(i) {
    return obj(i.doc.data.launch)?.tool === "autolab-slurm";
}
function isSlurm(i) {
    return i.doc.data.host_mode === "slurm";
}
/** A SLURM run that never got a job id: nothing ran, so nothing to look for. */
function submitFailed(i) {
    return isSlurm(i) && i.jobId === undefined;
}
const logsDisplay = (i) => `${i.run.runPath}/logs`;
const env_smoke_monitor = (i) => `\`${monitorCommand(i.run)}\``;
function checkRunDir(i) {
    if (!applies(i) || !i.runScript || i.runScript.exists || !isOurs(i) || submitFailed(i))
        return [];
    return [
        {
            severity: "warning",
            check: "env_smoke.run_dir",
            file: i.runScript.file,
            message: "the job script this run submitted is missing from its run directory",
            hint: "restore it from git history (`git log -- <path>`); without it a rerun cannot be compared with what ran",
        },
    ];
}
function checkLogs(i) {
    const logs = i.logs;
    const status = i.status;
    if (!applies(i) || !status || submitFailed(i) || !logs)
        return [];
    if (logs.kind === "error")
        return [logs.finding];
    if (logs.kind === "missing") {
        if (status === "submitted" && !isSlurm(i))
            return [];
        const submitted = status === "submitted";
        return [
            {
                severity: submitted || status === "failed" ? "warning" : "error",
                check: "env_smoke.logs",
                file: logsDisplay(i),
                message: submitted
                    ? "logs/ does not exist: SLURM cannot open the job's output file there, so the job will fail at start (ExitCode 0:53)"
                    : `the run is ${status} but logs/ does not exist`,
                hint: submitted
                    ? `create it now (\`mkdir -p ${(0,shell/* shellQuote */.ZL)(logsDisplay(i))}\`) before the job starts`
                    : `the job's output is lost or was never synced: check the job's --output path, sync again (${env_smoke_monitor(i)}), or relaunch`,
            },
        ];
    }
    // (%j of an array task is its raw id, which the manifest does not hold: only plain jobs are checked.)
    if ((status !== "synced" && status !== "completed") || !isSlurm(i) || !/^[0-9]+$/.test(i.jobId ?? ""))
        return [];
    const out1 = `slurm-${i.jobId}.out`;
    if (logs.files.has(out1))
        return [];
    return [
        {
            severity: "warning",
            check: "env_smoke.logs",
            file: `${logsDisplay(i)}/${out1}`,
            message: `the run is ${status} but its job log ${out1} is not in logs/`,
            hint: `sync the outputs again (${env_smoke_monitor(i)}) or copy the log from the cluster; results cannot be audited without it`,
        },
    ];
}
/** A sentinel that is missing or unreadable. */
function sentinelAbsent(i) {
    const s = i.sentinel;
    if (s?.kind === "error") {
        const hint = "the job script writes job_sentinel.json; a broken one cannot be trusted: remove it and re-check the job with sacct";
        return [{ ...s.finding, hint: s.finding.hint ?? hint }];
    }
    if (s?.kind !== "missing")
        return [];
    // The Python tool's job scripts write none: the scheduler's record is that run's evidence (domain/run.writesSentinel).
    if (!(0,domain_run/* writesSentinel */.X9)(i.doc.data))
        return [];
    if (i.status === "completed" || i.status === "synced") {
        return [
            {
                severity: "error",
                check: "env_smoke.sentinel",
                file: s.file,
                message: `the run is ${i.status} but job_sentinel.json is missing: nothing shows that the job script reached its end`,
                hint: `look at ${logsDisplay(i)}/ for how the job ended; if it did not finish, set status to failed (or relaunch); ` +
                    `if the run directory is not on a filesystem the compute node shares, set artifact_sync to rsync in design.yaml`,
            },
        ];
    }
    if (i.status === "running" && isOurs(i)) {
        return [
            {
                severity: "warning",
                check: "env_smoke.sentinel",
                file: s.file,
                message: "the run is running but job_sentinel.json is missing (the job script writes it as its first step)",
                hint: `the run directory may not be visible from the compute node: check ${logsDisplay(i)}/ and the job's working directory`,
            },
        ];
    }
    return [];
}
/** The sentinel's own fields: an exit code, its run, its job. */
function sentinelShape(doc, s, i) {
    const out = [];
    const bad = (pointer, message, hint) => out.push({ severity: "error", check: "env_smoke.sentinel", ...doc_at(doc, pointer), message, hint });
    if (s.exitCodeInvalid) {
        bad("/exit_code", `exit_code ${JSON.stringify(s.data.exit_code)} is not an integer`, "the sentinel records the job's exit status as an integer");
    }
    if (s.runId !== undefined && s.runId !== i.run.runId) {
        bad("/run_id", `the sentinel belongs to run ${JSON.stringify(s.runId)}, not ${i.run.runId}`, `it was copied from another run: remove ${doc.file}`);
    }
    const foreign = (0,sentinel/* sentinelForeignJob */.a5)(s, i.jobId);
    if (foreign !== undefined) {
        bad("/job_id", `the sentinel was written by job ${foreign}, but the manifest's job is ${i.jobId}`, `it is left over from another job: check which job ran, then remove ${doc.file} or fix job_id in the manifest`);
    }
    return out;
}
/** The sentinel against the run's status. */
function sentinelOutcome(doc, s, i) {
    const { status } = i;
    const exit = s.exitCode;
    const ended = s.endedAt !== undefined;
    const finding = (severity, pointer, message, hint) => [
        { severity, check: "env_smoke.sentinel", ...doc_at(doc, pointer), message, hint },
    ];
    if (status === "completed" || status === "synced") {
        if (!ended || exit === undefined) {
            return finding("error", ended ? "/exit_code" : "/ended_at", `the run is ${status} but the sentinel has no end (ended_at ${JSON.stringify(s.data.ended_at ?? null)}, exit_code ${JSON.stringify(s.data.exit_code ?? null)}): the job was killed before its script ended`, `set status to failed (the job did not finish), or relaunch; ${env_smoke_monitor(i)} decides the same from sacct and the sentinel`);
        }
        if (exit === 0)
            return [];
        return finding("error", "/exit_code", `the run is ${status} but the job exited ${exit}`, `the job failed: set status to failed (or relaunch); check ${logsDisplay(i)}/ for the error`);
    }
    if (status === "submitted" || status === "running") {
        if (ended) {
            return finding("warning", "/ended_at", `the job ended (${s.endedAt}, exit ${exit ?? "unknown"}) but the manifest still says ${status}`, `run ${env_smoke_monitor(i)} to record the outcome`);
        }
        if (status === "submitted" && typeof s.data.started_at === "string") {
            return finding("notice", "/started_at", `the job started at ${s.data.started_at} but the manifest still says submitted`, `run ${env_smoke_monitor(i)} to record it`);
        }
        return [];
    }
    if (status === "failed" && ended && exit === 0) {
        const m = i.doc.data;
        const syncFailed = (0,vocabulary/* normalizeSyncStatus */.N2)(obj(m.artifact_sync_to_local)?.status) === "failed";
        if ((0,domain_run/* failureReasonOf */.M3)(m) === undefined && !syncFailed) {
            return finding("warning", "/exit_code", "the run is failed but its job exited 0, and the manifest records no failure reason", "record why it failed (failure.reason), or, if the job did succeed, relaunch it so that the monitor can complete it");
        }
    }
    return [];
}
function checkSentinel(i) {
    const s = i.sentinel;
    if (!applies(i) || !s)
        return [];
    if (s.kind !== "ok")
        return sentinelAbsent(i);
    if (s.sentinel.state !== "present") {
        return [
            {
                severity: "error",
                check: "env_smoke.sentinel",
                ...doc_at(s.doc, ""),
                message: "job_sentinel.json is not a JSON object",
                hint: "the job script writes it; remove the file so that the monitor relies on the scheduler",
            },
        ];
    }
    return [...sentinelShape(s.doc, s.sentinel, i), ...sentinelOutcome(s.doc, s.sentinel, i)];
}

;// CONCATENATED MODULE: ./lib/src/verify/checks/ledger.js
/**
 * docs/slurm_job_list.md: the ledger check. The ledger is read and indexed
 * once (`indexLedger`), and each run is verified against the index, so
 * checking 10,000 runs stays linear. Pure: data in, findings out.
 *
 * - Repository level: the file exists when there are SLURM runs to list in
 *   it; lines naming no run in scope (other runs' malformed or duplicate
 *   lines) are reported once, as warnings.
 * - Run level: a SLURM run with a job id has its canonical line (the
 *   manifest is the record: the hint rewrites the line from it).
 */




function checkLedgerFile(i) {
    const ledger = i.ledger;
    if (!ledger)
        return [];
    if (ledger.kind === "error")
        return [ledger.finding];
    if (ledger.kind === "missing") {
        const first = i.slurmRuns[0];
        return [
            {
                severity: "error",
                check: "ledger.file",
                file: ledger.display,
                message: `${ledger.display} does not exist, but there are SLURM runs to list in it`,
                hint: `create it by appending each SLURM run, e.g. \`${appendCommand(first)}\``,
            },
        ];
    }
    const checked = new Set(i.runs.map((r) => r.runId));
    return ledger.index.problems
        .filter((p) => p.runId === undefined || !checked.has(p.runId))
        .map((p) => ({
        severity: "warning",
        check: p.kind === "duplicate" ? "ledger.duplicate" : "ledger.malformed",
        file: ledger.display,
        line: p.line,
        column: 1,
        message: p.message,
        hint: `make it a ledger line of the form \`${ledger_ledger/* LEDGER_FORMAT */.E2}\`, or remove it`,
    }));
}
function checkLedger(i) {
    const { run, doc } = i;
    const m = doc.data;
    if (m.host_mode !== "slurm" || (0,domain_run/* manifestJobId */.Gf)(m) === undefined || i.ledger?.kind !== "ok")
        return [];
    let found;
    try {
        found = (0,ledger_ledger/* verifyRunInLedger */.TQ)(i.ledger.index, m, i.ledger.display, { ownOnly: true });
    }
    catch (e) {
        // canonicalLine refused the manifest (no launch date, a value that cannot stand in a line).
        const f = errorToFinding(e, "ledger.mismatch", doc.file);
        if (f.jsonPath)
            Object.assign(f, doc_at(doc, f.jsonPath));
        return [f];
    }
    const cmd = appendCommand(run);
    return found.map((f) => {
        if (f.check === "ledger.missing")
            return { ...f, hint: `run \`${cmd}\`` };
        if (f.check === "ledger.mismatch")
            return { ...f, hint: `run \`${cmd}\` to rewrite the line from the manifest (the manifest is the record)` };
        return f;
    });
}

;// CONCATENATED MODULE: ./lib/src/verify/registry.js
/**
 * The verifier's checks: one entry per check id (its category, the stages it
 * runs at, and the pure functions that produce its findings). A check runs
 * when the stage is listed for it AND the policy sets
 * `requirements_by_stage.<stage>.<category>: true` (built-in defaults: schema
 * and consistency at every stage; env_smoke, tests and dry_run off; the
 * `slurm` preset adds env_smoke at launch/slurm_monitor and dry_run at launch).
 *
 * | check                  | category    | stages     | what                                                                   |
 * |------------------------|-------------|------------|------------------------------------------------------------------------|
 * | manifest.schema        | schema      | all        | run_manifest.json parses and matches schemas/run_manifest.schema.json  |
 * | manifest.job_id        | schema      | all        | a SLURM run records its job id (the same one wherever it is copied)    |
 * | design.schema          | schema      | all        | the iteration's design.yaml parses and matches its schema              |
 * | manifest.identity      | consistency | all        | run_id / iteration_id equal the run and iteration directory names      |
 * | manifest.path          | consistency | all        | paths recorded in the manifest stay inside the repository             |
 * | design.location        | consistency | all        | design.yaml exists; compute.location = host_mode of the newest run     |
 * | ledger                 | consistency | all        | docs/slurm_job_list.md exists and holds the run's canonical line       |
 * | sync.status            | consistency | all        | artifact_sync_to_local.status set, known, canonical, fits the status   |
 * | status.completed_at    | consistency | all        | completed_at present exactly when the run ended, not before started_at |
 * | status.timestamps      | consistency | all        | timestamps not in the future; top-level copies agree                   |
 * | env_smoke.run_dir      | env_smoke   | all        | the run's job script is in its run directory                           |
 * | env_smoke.logs         | env_smoke   | all        | logs/ exists once the job may have started; the job's log is there     |
 * | env_smoke.sentinel     | env_smoke   | all        | job_sentinel.json agrees with the status (exit 0 for completed, ...)   |
 * | metrics.schema         | schema      | extract    | metrics.json exists (extract_results.require_metrics) and is valid     |
 * | metrics.finite         | schema      | extract    | no NaN / Infinity (nor as text)                                        |
 * | metrics.placeholder    | schema      | extract    | no placeholder text (TODO, TBD, <...>, {{...}}, ...)                   |
 * | metrics.identity       | consistency | extract    | metrics run_id / iteration_id match the run                            |
 * | metrics.sync           | consistency | extract    | status completed only with a success-like sync and a run not failed    |
 * | policy.test_command    | tests       | all        | the policy's test_command exits 0                                      |
 * | policy.dry_run_command | dry_run     | all        | the policy's dry_run_command exits 0                                   |
 * | design.test_only       | dry_run     | launch     | the scheduler's test submission takes the design's request (admission.ts) |
 *
 * Where a check applies and how severe each finding is are decided by its
 * functions (a check may warn in one case and fail in another: see the
 * header of its file in checks/). An entry has up to three levels: `repo`
 * (once per verify), `iteration` (once per iteration with runs), `run` (each
 * run whose manifest reads, in table order); or it is a policy `command`.
 * Always reported, whatever the policy: `discover.*` (odd entries under
 * experiments/, see stages/discover.ts), `policy.schema` (the policy file
 * itself), `path.outside` (a file the verifier would read is a symlink
 * leaving the repository); on a pull request, `policy.changed` (its change to
 * the policy; an error when it weakens it) and `policy.base` (the base
 * commit's policy cannot be read): see base-policy.ts.
 */









const CHECK_CATEGORIES = (/* unused pure expression or super */ null && (["schema", "consistency", "env_smoke", "tests", "dry_run"]));
const ALL = vocabulary/* VERIFY_STAGES */.mT;
const EXTRACT = ["extract_results"];
const CHECKS = [
    {
        id: "manifest.schema",
        category: "schema",
        stages: ALL,
        summary: "run_manifest.json is valid",
        run: checkManifestSchema,
    },
    {
        id: "manifest.job_id",
        category: "schema",
        stages: ALL,
        summary: "a SLURM run records its job id",
        run: checkJobId,
    },
    {
        id: "design.schema",
        category: "schema",
        stages: ALL,
        summary: "design.yaml is valid",
        reads: "design",
        iteration: checkDesignSchema,
    },
    {
        id: "manifest.identity",
        category: "consistency",
        stages: ALL,
        summary: "run_id / iteration_id match the directories",
        run: checkIdentity,
    },
    {
        id: "manifest.path",
        category: "consistency",
        stages: ALL,
        summary: "manifest paths stay inside the repository",
        run: checkManifestPaths,
    },
    {
        id: "design.location",
        category: "consistency",
        stages: ALL,
        summary: "design compute.location = manifest host_mode",
        reads: "design",
        iteration: checkDesignPresent,
        run: checkDesignLocation,
    },
    {
        id: "ledger",
        category: "consistency",
        stages: ALL,
        summary: "docs/slurm_job_list.md holds the run's line",
        reads: "ledger",
        repo: checkLedgerFile,
        run: checkLedger,
    },
    {
        id: "sync.status",
        category: "consistency",
        stages: ALL,
        summary: "artifact_sync_to_local.status set and canonical",
        run: checkSync,
    },
    {
        id: "status.completed_at",
        category: "consistency",
        stages: ALL,
        summary: "status and completed_at agree",
        run: checkCompletedAt,
    },
    {
        id: "status.timestamps",
        category: "consistency",
        stages: ALL,
        summary: "timestamps plausible and consistent",
        run: checkTimestamps,
    },
    {
        id: "env_smoke.run_dir",
        category: "env_smoke",
        stages: ALL,
        summary: "run directory holds its job script",
        reads: "run_evidence",
        run: checkRunDir,
    },
    {
        id: "env_smoke.logs",
        category: "env_smoke",
        stages: ALL,
        summary: "logs present once the job started",
        reads: "run_evidence",
        run: checkLogs,
    },
    {
        id: "env_smoke.sentinel",
        category: "env_smoke",
        stages: ALL,
        summary: "job sentinel agrees with the status",
        reads: "run_evidence",
        run: checkSentinel,
    },
    {
        id: "metrics.schema",
        category: "schema",
        stages: EXTRACT,
        summary: "metrics.json present and valid",
        reads: "metrics",
        run: checkMetricsSchema,
    },
    {
        id: "metrics.finite",
        category: "schema",
        stages: EXTRACT,
        summary: "metrics hold finite numbers",
        reads: "metrics",
        run: checkMetricsFinite,
    },
    {
        id: "metrics.placeholder",
        category: "schema",
        stages: EXTRACT,
        summary: "metrics hold no placeholder text",
        reads: "metrics",
        run: checkMetricsPlaceholder,
    },
    {
        id: "metrics.identity",
        category: "consistency",
        stages: EXTRACT,
        summary: "metrics name the right run",
        reads: "metrics",
        run: checkMetricsIdentity,
    },
    {
        id: "metrics.sync",
        category: "consistency",
        stages: EXTRACT,
        summary: "metrics status fits the sync and the run",
        reads: "metrics",
        run: checkMetricsSync,
    },
    {
        id: "policy.test_command",
        category: "tests",
        stages: ALL,
        summary: "test_command passes",
        command: POLICY_COMMANDS["policy.test_command"],
    },
    {
        id: "policy.dry_run_command",
        category: "dry_run",
        stages: ALL,
        summary: "dry_run_command passes",
        command: POLICY_COMMANDS["policy.dry_run_command"],
    },
    {
        id: "design.test_only",
        category: "dry_run",
        stages: ["launch"],
        summary: "the cluster would run the design's request",
        asksScheduler: true,
    },
];
/** The check table (the same entries, as specs). */
const VERIFY_CHECKS = (/* unused pure expression or super */ null && (CHECKS));
/** The checks that run at `stage` under `policy` (commands only when `runCommands`). */
function activeChecks(policy, stage, runCommands = true) {
    return CHECKS.filter((c) => c.stages.includes(stage) &&
        (0,contract_policy/* requiresCheck */.F5)(policy, stage, c.category) &&
        (runCommands || (c.category !== "tests" && c.category !== "dry_run")));
}
function isVerifyStage(s) {
    return vocabulary/* VERIFY_STAGES */.mT.includes(s);
}

// EXTERNAL MODULE: ./lib/src/contract/manifest.js
var manifest = __webpack_require__(1372);
// EXTERNAL MODULE: ./lib/src/steps/admission.js
var admission = __webpack_require__(455);
;// CONCATENATED MODULE: ./lib/src/verify/admission.js
/**
 * design.test_only (category dry_run, stage launch): would the cluster run
 * the iteration's design as it stands? The design's request is built as
 * launch builds it and given to the scheduler's test submission (nothing
 * queued; steps/admission.ts makes the findings, at the design key at
 * fault). A sweep's tasks all ask for the same resources, so one of them is
 * tested. The iteration is the policy commands' one (--iteration, else
 * state.json, else the only one with runs).
 *
 * Only where SLURM is reachable: on a host that cannot submit (a hosted
 * runner verifying a pull request) the check says it was skipped, as a
 * notice. A design that does not load or validate is design.schema's
 * finding, not this one's.
 */




async function admissionCheck(root, ctx, sched, now) {
    if (!ctx.iterationPath || !ctx.iterationId)
        return [];
    const loaded = await loadIterationDesign(root, ctx.iterationPath);
    if (loaded.kind !== "ok" || loaded.doc.findings.length)
        return [];
    const doc = loaded.doc;
    const design = doc.data;
    if (design?.compute?.location !== "slurm")
        return [];
    const where = (p) => {
        try {
            return doc.locate(p);
        }
        catch {
            return {};
        }
    };
    const asked = sched.terms.testSubmit ?? `${sched.name} test submission`;
    const probe = await sched.probe({ timeoutMs: 10_000 });
    if (!probe.canSubmit)
        return [
            {
                severity: "notice",
                check: admission/* ADMISSION_CHECK */.Pn,
                file: doc.file,
                message: `${asked} skipped: ${sched.name} is not reachable from this host (${probe.summary.join("; ")})`,
                hint: "verify on the cluster's runner to have the request tested before launch",
            },
        ];
    let submission;
    try {
        const request = sched.request({
            design,
            runId: (0,manifest/* newRunId */.F$)(now, "000000"),
            iterationId: ctx.iterationId,
            iterationPath: ctx.iterationPath,
            workDir: root,
            pythonBin: String(ctx.policy.python_bin ?? "python3"),
        });
        submission = sched.prepare(request, { scriptPath: `${ctx.iterationPath}/launch/run_slurm.sbatch`, mode: "batch" });
    }
    catch (e) {
        if (!(e instanceof errors/* AutolabError */.t0))
            throw e;
        const pointer = e.location.jsonPath;
        return [
            {
                severity: "error",
                check: admission/* ADMISSION_CHECK */.Pn,
                file: doc.file,
                ...(pointer ? { jsonPath: pointer, ...where(pointer) } : {}),
                message: e.message,
                ...(e.hint ? { hint: e.hint } : {}),
            },
        ];
    }
    const t = await (0,admission/* testDesignRequest */.M3)(sched, submission, root, {
        file: doc.file,
        compute: design.compute,
        where,
    });
    if (t.unanswered !== undefined)
        return [
            {
                severity: "notice",
                check: admission/* ADMISSION_CHECK */.Pn,
                file: doc.file,
                message: `${asked} skipped: the scheduler did not answer (${t.unanswered})`,
                hint: "verify again once the controller answers",
            },
        ];
    return t.findings;
}

;// CONCATENATED MODULE: ./lib/src/verify/index.js
/**
 * The verifier: `autolab verify --stage launch|slurm_monitor|extract_results`
 * (and the action's `command: verify`). It runs the checks the effective
 * verifier policy (`.autolab/verifier_policy.yaml`, over the preset, over the
 * built-in defaults) requires at the stage, and returns findings. Every
 * finding names its check, a severity, a message, a hint saying what to fix,
 * and the file, line and column of the offending JSON key or YAML node.
 *
 * The check table (ids, categories, stages, when each runs) is registry.ts.
 * A verify is gather → check → run commands:
 *   facts.ts           reads everything the active checks need, once
 *   engine.ts          runs the registry's pure check functions (checks/*.ts) over them
 *   (here)             runs the policy's test / dry-run commands, the one effect
 *                      besides reading (planned and judged by checks/policy-commands.ts)
 * No value read from the repository reaches a shell: the only commands run
 * are the user's own declared ones, by argv.
 */














/** Run the active policy commands in table order: plan (pure), run by argv from the repository root, judge (pure). */
async function runCommands(root, active, ctx, timeoutMs) {
    const out = [];
    for (const c of active) {
        if (!c.command)
            continue;
        const plan = planPolicyCommand(c.command, ctx);
        if (plan.kind === "findings") {
            out.push(...plan.findings);
            continue;
        }
        const [program, ...args] = plan.argv;
        const r = await (0,exec/* runArgv */.my)(program, args, { cwd: root, timeoutMs, env: plan.env });
        out.push(...judgePolicyCommand(c.command, ctx, plan.argv, r));
    }
    return out;
}
async function runVerify(opts) {
    if (!isVerifyStage(opts.stage)) {
        throw new errors/* AutolabError */.t0(`unknown stage ${JSON.stringify(opts.stage)}`, {
            exitCode: 2,
            hint: `known stages: ${vocabulary/* VERIFY_STAGES */.mT.join(", ")}`,
        });
    }
    const stage = opts.stage;
    const root = await (0,promises_.realpath)(opts.repoRoot);
    const failed = (f) => ({ stage, findings: f, checksRun: [], runsChecked: 0, ok: false });
    const loaded = opts.basePolicy ? await gatherBasePolicy(root, opts.basePolicy) : await gatherPolicy(root);
    if ("findings" in loaded)
        return failed(loaded.findings);
    const { policy, policyDoc } = loaded;
    const policyFindings = "extra" in loaded ? loaded.extra : [];
    const active = activeChecks(policy, stage, opts.runCommands !== false);
    let iteration = opts.iteration;
    if (iteration !== undefined) {
        const id = await iterationIdOf(root, iteration);
        if (typeof id !== "string")
            return failed([id.finding]);
        iteration = id;
    }
    const discovered = await (0,discover/* discoverRuns */.cd)(root, { iteration, runId: opts.runId });
    const runs = discovered.runs;
    const facts = await gatherFacts(root, runs, needsOf(active, stage));
    const checked = checkFacts({
        active,
        runs: facts.runs,
        iterations: facts.iterations,
        ledger: facts.ledger,
        now: opts.now ?? new Date(),
        requireMetrics: policy.extract_results?.require_metrics !== false,
    });
    const findings = dedupe([
        ...policyFindings,
        ...discovered.findings,
        ...checked.findings,
        ...(await linkFindings(root)),
    ]);
    const asks = opts.scheduler && active.some((c) => c.asksScheduler);
    if (active.some((c) => c.command) || asks) {
        const ctx = await gatherCommandContext(root, { stage, iteration, runId: opts.runId }, runs, policy, policyDoc);
        const timeoutMs = opts.commandTimeoutMs ?? (0,settings/* submitSettings */.MZ)({ ...policy }).checkTimeoutMs;
        findings.push(...(await runCommands(root, active, ctx, timeoutMs)));
        if (asks && opts.scheduler)
            findings.push(...(await admissionCheck(root, ctx, opts.scheduler, opts.now ?? new Date())));
    }
    return {
        stage,
        findings,
        checksRun: active.map((c) => c.id),
        runsChecked: checked.runsChecked,
        ok: !findings.some((f) => f.severity === "error"),
    };
}
/** Counts per severity, for summaries. */
function countFindings(findings) {
    let errors = 0;
    let warnings = 0;
    let notices = 0;
    for (const f of findings) {
        if (f.severity === "error")
            errors++;
        else if (f.severity === "warning")
            warnings++;
        else
            notices++;
    }
    return { errors, warnings, notices };
}

;// CONCATENATED MODULE: ./lib/src/report/verify.js
function errorCount(findings) {
    return findings.filter((f) => f.severity === "error").length;
}
/** `verify launch: 2 run(s), 5 check(s); 1 error(s), 0 warning(s), 0 notice(s): FAILED`. */
function verifyText(stage, rep, counts) {
    return (`verify ${stage}: ${rep.runsChecked} run(s), ${rep.checksRun.length} check(s); ` +
        `${counts.errors} error(s), ${counts.warnings} warning(s), ${counts.notices} notice(s): ${rep.ok ? "ok" : "FAILED"}\n`);
}
/** The check run's name for a stage. */
function verifyCheckName(stage) {
    return `autolab verify (${stage})`;
}
/** The notice that a pull request's test / dry-run commands were not run on this runner. */
function commandsSkippedFinding(isFork) {
    return {
        severity: "notice",
        check: "policy.commands_skipped",
        file: ".autolab/verifier_policy.yaml",
        message: `the policy's test/dry-run commands come from this ${isFork ? "fork" : "pull request"} and this runner is not GitHub-hosted: not run here`,
        hint: "verify pull requests on a GitHub-hosted runner (runs-on: ubuntu-latest), as the autolab-verify template does",
    };
}
function verifyOutputs(rep, conclusion) {
    return [
        ["findings", String(rep.findings.length)],
        ["errors", String(errorCount(rep.findings))],
        ["conclusion", conclusion],
        ["status", rep.ok ? "ok" : "failed"],
    ];
}
/** The job summary; `notes` are the publishing notes (fallback to workflow commands, hidden annotations). */
function verifySummary(stage, rep, notes) {
    return {
        title: `autolab verify: ${stage}`,
        command: "verify",
        runs: [],
        findings: rep.findings,
        notes: [`${rep.runsChecked} run(s) checked; checks: ${rep.checksRun.join(", ") || "none"}.`, ...notes].filter(Boolean),
    };
}
/** Why the step fails, or undefined when verify found no error. */
function verifyFailure(stage, rep) {
    return rep.ok ? undefined : `verify (${stage}) found ${errorCount(rep.findings)} error(s)`;
}

// EXTERNAL MODULE: ./lib/src/action/publish.js + 5 modules
var publish = __webpack_require__(502);
// EXTERNAL MODULE: ./lib/src/action/step.js
var step = __webpack_require__(7783);
;// CONCATENATED MODULE: ./lib/src/action/steps/verify.js
/** The action's verify step (loaded only for command: verify). */








/**
 * The policy's test/dry-run commands come from the checked-out files: run
 * them only on a trusted event (github/context TRUSTED_EVENTS, no fork) or on
 * a GitHub-hosted runner.
 */
function mayRunPolicyCommands(ctx) {
    return (0,context/* eventIsTrusted */.GB)(ctx) || process.env.RUNNER_ENVIRONMENT === "github-hosted";
}
async function actionVerify({ inputs, ctx, repoRoot, octokit, scheduler }) {
    const stage = inputs.stage ?? "launch";
    const runCommands = mayRunPolicyCommands(ctx);
    // A pull request is verified under its base's policy (fetched when the checkout lacks the base commit).
    const base = (0,context/* pullRequestBaseSha */.Uf)(ctx);
    const basePolicy = base
        ? await basePolicyAt(repoRoot, base, () => (0,remote/* fetchCommit */.iH)(repoRoot, "origin", inputs.token, base))
        : undefined;
    const rep = await runVerify({
        basePolicy,
        repoRoot,
        stage: stage,
        iteration: inputs.design,
        runId: inputs.runId,
        runCommands,
        scheduler,
    });
    if (!runCommands)
        rep.findings.push(commandsSkippedFinding(ctx.isFork));
    const published = await (0,publish/* publishFindingsOf */.bu)(octokit, ctx, verifyCheckName(stage), rep.findings, repoRoot);
    (0,step/* setOutputs */.n)(verifyOutputs(rep, published.conclusion));
    await (0,step/* summarise */.f)(verifySummary(stage, rep, published.notes));
    const failed = verifyFailure(stage, rep);
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


/***/ })

};
