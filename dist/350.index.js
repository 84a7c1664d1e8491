export const id = 350;
export const ids = [350];
export const modules = {

/***/ 7098:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ isoSeconds),
/* harmony export */   w: () => (/* binding */ secondsSince)
/* harmony export */ });
/**
 * Time as the run contract writes it. Pure: the clock is always passed in.
 */
/** ISO 8601 in UTC to the second, `2026-01-02T03:04:05Z` (the form every file of the contract uses). */
function isoSeconds(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
/** Seconds from the timestamp `since` to `now`; 0 when `since` is not a date. */
function secondsSince(since, now) {
    const t = since === undefined ? Number.NaN : Date.parse(since);
    return Number.isNaN(t) ? 0 : (now.getTime() - t) / 1000;
}


/***/ }),

/***/ 9569:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E2: () => (/* binding */ LEDGER_FORMAT),
/* harmony export */   TQ: () => (/* binding */ verifyRunInLedger),
/* harmony export */   d6: () => (/* binding */ upsertMany),
/* harmony export */   eV: () => (/* binding */ indexLedger),
/* harmony export */   h8: () => (/* binding */ parseLedger),
/* harmony export */   nm: () => (/* binding */ canonicalLine)
/* harmony export */ });
/* unused harmony exports upsertLedger, verifyLedger */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1940);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5086);
/* harmony import */ var _contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(345);
/**
 * The ledger `docs/slurm_job_list.md`: one line per SLURM run,
 *
 *   - YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S
 *
 * with the run's UTC launch date. Pure text in, text out: parse, build the
 * canonical line, upsert (in place, leaving every other byte alone), verify.
 *
 * Rules:
 * - run ids match as whole tokens (`run_id=r1` is not `run_id=r10`);
 * - a list item that names a run (`run_id=...`) but is not exactly a ledger
 *   line is "malformed"; two ledger lines for one run are "duplicates". Both
 *   are reported with line numbers; upsert refuses to touch such a run;
 * - everything else in the file (headers, notes, blank lines, other runs) is
 *   kept byte for byte, including CRLF/LF line ends, a leading UTF-8 byte
 *   order mark, and whether the file ends with a newline.
 * - a run the Python autolab tool launched (domain/run.ts
 *   `launchedByPythonTool`) gets the line that tool's
 *   `canonical_slurm_job_bullet` writes, so both tools agree on its files:
 *   job id `slurm.job_id` > `resource_request.slurm.job_id` >
 *   `resource_request.job_id` > `job_id`; the date from `timestamp_utc` >
 *   `launch_snapshot.launched_at_utc` > `started_at` > `created_at` >
 *   `timestamp` (a value starting with YYYY-MM-DD gives that date as written,
 *   also when it carries an offset; else its UTC date), else the run id's
 *   stamp; `status=unknown` when the status is empty or missing.
 */



const LEDGER_FORMAT = "- YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S";
const LINE = /^- (\d{4}-\d{2}-\d{2}) \| job_id=([^\s|]+) \| iteration_id=([^\s|]+) \| run_id=([^\s|]+) \| status=([^\s|]+)$/;
/** A list item that names a run. */
const NAMES_RUN = /^\s*[-*+](?:\s|$).*?(?:^|[\s|])run_id=([^\s|]*)/;
/** A list item that looks like a ledger line (starts with a date and a bar) but names no run. */
const LOOKS_LIKE_ENTRY = /^\s*[-*+]\s+\d{4}-\d{2}-\d{2}\s*\|/;
const TOKEN = /^[^\s|]+$/;
/** The Python tool's status word for a run whose manifest has none. */
const UNKNOWN_STATUS = "unknown";
const realDates = new Map();
function isRealDate(d) {
    let ok = realDates.get(d);
    if (ok === undefined) {
        const t = new Date(`${d}T00:00:00Z`);
        ok = !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
        if (realDates.size < 100_000)
            realDates.set(d, ok);
    }
    return ok;
}
function splitLines(text) {
    const out = [];
    let start = 0;
    while (start < text.length) {
        const nl = text.indexOf("\n", start);
        if (nl < 0) {
            out.push({ content: text.slice(start), eol: "" });
            break;
        }
        const cr = nl > start && text.charCodeAt(nl - 1) === 13;
        out.push({ content: text.slice(start, cr ? nl - 1 : nl), eol: cr ? "\r\n" : "\n" });
        start = nl + 1;
    }
    return out;
}
/** Why a line that names a run is not a ledger line. */
function diagnose(content) {
    if (/\s$/.test(content))
        return "trailing whitespace";
    const loose = /^\s*[-*+]\s*(\S*)\s*\|\s*job_id=(\S*)\s*\|\s*iteration_id=(\S*)\s*\|\s*run_id=(\S*)\s*\|\s*status=(\S*)\s*$/.exec(content);
    if (loose) {
        const [, date, job, iter, run, status] = loose;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isRealDate(date))
            return `${JSON.stringify(date)} is not a date (YYYY-MM-DD)`;
        for (const [name, v] of [
            ["job_id", job],
            ["iteration_id", iter],
            ["run_id", run],
            ["status", status],
        ]) {
            if (!v)
                return `empty ${name}`;
        }
        if (!(0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__/* .isRunStatus */ .Y$)(status) && status !== UNKNOWN_STATUS)
            return `unknown status ${JSON.stringify(status)}`;
        return "spacing differs from the ledger format";
    }
    return "fields missing or out of order";
}
function classify(content, line) {
    const m = LINE.exec(content);
    if (m && isRealDate(m[1]) && ((0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_2__/* .isRunStatus */ .Y$)(m[5]) || m[5] === UNKNOWN_STATUS)) {
        return { entry: { line, date: m[1], jobId: m[2], iterationId: m[3], runId: m[4], status: m[5], text: content } };
    }
    const named = NAMES_RUN.exec(content);
    if (named || m) {
        const runId = m ? m[4] : named?.[1] || undefined;
        return {
            problem: {
                kind: "malformed",
                line,
                lines: [line],
                runId,
                message: `line ${line} names run ${runId ?? "(no id)"} but is not a ledger line: ${diagnose(content)} (expected \`${LEDGER_FORMAT}\`)`,
            },
        };
    }
    if (LOOKS_LIKE_ENTRY.test(content)) {
        return {
            problem: {
                kind: "malformed",
                line,
                lines: [line],
                message: `line ${line} looks like a ledger line but names no run (expected \`${LEDGER_FORMAT}\`)`,
            },
        };
    }
    return {};
}
/** Read the ledger once; verify many runs against it with `verifyRunInLedger`. */
function indexLedger(text) {
    // A UTF-8 byte order mark is not part of the first line (upsertMany keeps it).
    const lines = splitLines(text.startsWith("\uFEFF") ? text.slice(1) : text);
    const entries = [];
    const problems = [];
    const byRun = new Map();
    const malformedByRun = new Map();
    for (let i = 0; i < lines.length; i++) {
        const c = classify(lines[i].content, i + 1);
        if (c.entry) {
            const list = byRun.get(c.entry.runId);
            if (list)
                list.push(entries.length);
            else
                byRun.set(c.entry.runId, [entries.length]);
            entries.push(c.entry);
        }
        else if (c.problem) {
            problems.push(c.problem);
            if (c.problem.runId !== undefined) {
                const list = malformedByRun.get(c.problem.runId);
                if (list)
                    list.push(c.problem.line);
                else
                    malformedByRun.set(c.problem.runId, [c.problem.line]);
            }
        }
    }
    for (const [runId, idx] of byRun) {
        if (idx.length < 2)
            continue;
        const ls = idx.map((k) => entries[k].line);
        problems.push({
            kind: "duplicate",
            line: ls[1],
            lines: ls,
            runId,
            message: `run ${runId} has ${ls.length} ledger lines (lines ${ls.join(", ")}); keep exactly one`,
        });
    }
    problems.sort((a, b) => a.line - b.line);
    return { lines, entries, problems, byRun, malformedByRun };
}
/** Every ledger line, and every malformed or duplicate line, with line numbers. */
function parseLedger(text) {
    const { entries, problems } = indexLedger(text);
    return { entries, problems };
}
function checkToken(value, what, m) {
    if (!TOKEN.test(value)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(`run ${m.run_id}: ${what} ${JSON.stringify(value)} cannot stand in a ledger line (spaces or '|')`, {
            jsonPath: what === "job id" ? "/job_id" : `/${what}`,
        });
    }
    return value;
}
function nested(m, ...keys) {
    let v = m;
    for (const k of keys)
        v = v !== null && typeof v === "object" && !Array.isArray(v) ? v[k] : undefined;
    return v;
}
function text(v) {
    const t = v === undefined || v === null ? "" : String(v).trim();
    return t === "" ? undefined : t;
}
/** The Python tool's job id precedence (`required_slurm_job_id`). */
function pythonJobId(m) {
    return (text(nested(m, "slurm", "job_id")) ??
        text(nested(m, "resource_request", "slurm", "job_id")) ??
        text(nested(m, "resource_request", "job_id")) ??
        text(m.job_id));
}
/** The Python tool's launch date (`submission_date_yyyy_mm_dd`). */
function pythonLaunchDate(m) {
    const candidates = [
        m.timestamp_utc,
        nested(m, "launch_snapshot", "launched_at_utc"),
        m.started_at,
        m.created_at,
        m.timestamp,
    ];
    for (const c of candidates) {
        const v = text(c);
        if (v === undefined)
            continue;
        const prefix = /^(20\d{2}-\d{2}-\d{2})/.exec(v);
        if (prefix)
            return prefix[1];
        const d = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .utcDateOf */ .AB)(v);
        if (d)
            return d;
    }
    const s = /(20\d{2})(\d{2})(\d{2})T\d{6}Z/.exec(String(m.run_id ?? ""));
    return s ? `${s[1]}-${s[2]}-${s[3]}` : undefined;
}
/** The status word of the line: ours, or for the Python tool's files `unknown` when empty or missing. */
function ledgerStatus(m, python) {
    if (python && text(m.status) === undefined)
        return "unknown";
    return (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestStatus */ .S1)(m);
}
/** The ledger line for the manifest's current state. Throws for non-SLURM runs and when job id or date is missing. */
function canonicalLine(m) {
    if (m.host_mode !== "slurm") {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(`run ${String(m.run_id)} is not a SLURM run (host_mode=${String(m.host_mode)}); the ledger lists SLURM runs only`, {
            jsonPath: "/host_mode",
        });
    }
    const python = (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .launchedByPythonTool */ .yd)(m);
    const jobId = python ? pythonJobId(m) : (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestJobId */ .Gf)(m);
    if (jobId === undefined) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(`run ${String(m.run_id)} has no job id`, {
            jsonPath: "/job_id",
            hint: "a SLURM manifest records its job id in job_id or slurm.job_id",
        });
    }
    const date = python ? pythonLaunchDate(m) : (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestLaunchDate */ .dn)(m);
    if (date === undefined) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(`run ${String(m.run_id)} has no launch date`, {
            jsonPath: "/timestamps/started_at",
            hint: "set timestamps.started_at (or a run id starting with YYYYMMDDTHHMMSSZ)",
        });
    }
    const status = ledgerStatus(m, python);
    return `- ${date} | job_id=${checkToken(jobId, "job id", m)} | iteration_id=${checkToken(String(m.iteration_id), "iteration_id", m)} | run_id=${checkToken(String(m.run_id), "run_id", m)} | status=${status}`;
}
/**
 * Upsert many runs in one pass over the text (O(lines + runs)). A run whose
 * lines are malformed or duplicated, or whose manifest cannot give a ledger
 * line, is left alone and reported in its result's `error`; the others are
 * written. Later manifests for the same run win.
 */
function upsertMany(text, manifests) {
    if (text.startsWith("\uFEFF")) {
        const r = upsertMany(text.slice(1), manifests);
        return { ...r, text: "\uFEFF" + r.text };
    }
    const ix = indexLedger(text);
    const lines = ix.lines;
    const endsWithEol = lines.length > 0 && lines[lines.length - 1].eol !== "";
    const firstEol = lines.find((l) => l.eol !== "")?.eol ?? "\n";
    /** run id -> index into `lines` (existing or appended). */
    const lineOfRun = new Map();
    const added = new Set();
    const results = [];
    for (const m of manifests) {
        const runId = String(m.run_id);
        let canonical;
        try {
            canonical = canonicalLine(m);
        }
        catch (e) {
            results.push({ runId, error: e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0 ? e : new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(String(e)) });
            continue;
        }
        const malformed = ix.malformedByRun.get(runId);
        const existing = ix.byRun.get(runId) ?? [];
        if (malformed || existing.length > 1) {
            const dup = existing.map((k) => ix.entries[k].line);
            const parts = [];
            if (malformed)
                parts.push(`malformed line(s) ${malformed.join(", ")}`);
            if (dup.length > 1)
                parts.push(`${dup.length} ledger lines (${dup.join(", ")})`);
            const all = [...(malformed ?? []), ...dup].sort((a, b) => a - b);
            results.push({
                runId,
                error: new _util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AutolabError */ .t0(`run ${runId} has ${parts.join(" and ")} in the ledger; not updating it`, {
                    line: all[0],
                    hint: `fix the ledger by hand so that run ${runId} has exactly one line of the form \`${LEDGER_FORMAT}\``,
                }),
            });
            continue;
        }
        let at = lineOfRun.get(runId);
        if (at === undefined && existing.length === 1)
            at = ix.entries[existing[0]].line - 1;
        if (at === undefined) {
            at = lines.length;
            lines.push({ content: canonical, eol: firstEol });
            added.add(at);
            lineOfRun.set(runId, at);
            results.push({ runId, action: "added", line: at + 1 });
            continue;
        }
        lineOfRun.set(runId, at);
        const isNew = added.has(at);
        if (lines[at].content === canonical) {
            results.push({ runId, action: isNew ? "added" : "unchanged", line: at + 1 });
        }
        else {
            lines[at] = { content: canonical, eol: lines[at].eol };
            results.push({ runId, action: isNew ? "added" : "updated", line: at + 1 });
        }
    }
    if (added.size) {
        const originalCount = lines.length - added.size;
        if (originalCount > 0 && !endsWithEol) {
            // The file had no final newline: end the old last line, and keep the new last line unterminated.
            lines[originalCount - 1] = { ...lines[originalCount - 1], eol: firstEol };
            lines[lines.length - 1] = { ...lines[lines.length - 1], eol: "" };
        }
    }
    let out = "";
    for (const l of lines)
        out += l.content + l.eol;
    return { text: out, results };
}
/**
 * Upsert one run: add its line at the end, or rewrite its existing line in
 * place. Throws (with line numbers) when the run's lines are malformed or
 * duplicated, or when the manifest cannot give a ledger line.
 */
function upsertLedger(text, m) {
    const { text: out, results } = upsertMany(text, [m]);
    const r = results[0];
    if (r.error)
        throw r.error;
    return { text: out, action: r.action, line: r.line };
}
function fieldColumn(text, field) {
    if (field === "date")
        return 3;
    const i = text.indexOf(` ${field}=`);
    return i >= 0 ? i + 2 : 1;
}
/**
 * Check that the ledger holds the canonical line for the manifest's current
 * state. Errors: missing line, each differing field (expected vs found),
 * malformed or duplicate lines of this run. Other runs' malformed or
 * duplicate lines are warnings.
 */
function verifyLedger(text, m, file) {
    return verifyRunInLedger(indexLedger(text), m, file);
}
/**
 * `verifyLedger` over an index built once (the verifier checks thousands of
 * runs against one ledger). `ownOnly` leaves out other runs' malformed or
 * duplicate lines, for a caller that reports those once itself.
 */
function verifyRunInLedger(ix, m, file, opts = {}) {
    const findings = [];
    if (m.host_mode !== "slurm") {
        return [
            {
                severity: "notice",
                check: "ledger.skipped",
                file,
                message: `run ${String(m.run_id)} is not a SLURM run (host_mode=${String(m.host_mode)}); the ledger lists SLURM runs only`,
            },
        ];
    }
    const expected = canonicalLine(m);
    const want = LINE.exec(expected);
    const runId = String(m.run_id);
    for (const p of ix.problems) {
        const mine = p.runId === runId;
        if (!mine && opts.ownOnly)
            continue;
        findings.push({
            severity: mine ? "error" : "warning",
            check: p.kind === "duplicate" ? "ledger.duplicate" : "ledger.malformed",
            file,
            line: p.line,
            column: 1,
            message: p.message,
            hint: mine ? `leave exactly one line for run ${runId}: ${expected}` : undefined,
        });
    }
    const mine = (ix.byRun.get(runId) ?? []).map((k) => ix.entries[k]);
    if (mine.length === 0 && !ix.malformedByRun.has(runId)) {
        findings.push({
            severity: "error",
            check: "ledger.missing",
            file,
            message: `no ledger line for run ${runId}; expected: ${expected}`,
            hint: "run `autolab slurm-job-list append --manifest <run_manifest.json>`",
        });
    }
    for (const e of mine) {
        const fields = [
            ["date", want[1], e.date],
            ["job_id", want[2], e.jobId],
            ["iteration_id", want[3], e.iterationId],
            ["status", want[5], e.status],
        ];
        for (const [name, exp, found] of fields) {
            if (exp === found)
                continue;
            findings.push({
                severity: "error",
                check: "ledger.mismatch",
                file,
                line: e.line,
                column: fieldColumn(e.text, name),
                message: `run ${runId}: ${name} is ${JSON.stringify(found)} in the ledger but ${JSON.stringify(exp)} in the manifest`,
                hint: "run `autolab slurm-job-list append --manifest <run_manifest.json>` to rewrite the line",
            });
        }
    }
    return findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}


/***/ }),

/***/ 1735:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D9: () => (/* binding */ ledgerFollow),
/* harmony export */   EF: () => (/* binding */ ledgerProblems),
/* harmony export */   OO: () => (/* binding */ ledgerEdit),
/* harmony export */   SH: () => (/* binding */ linesByRun),
/* harmony export */   gH: () => (/* binding */ wantedLine)
/* harmony export */ });
/* unused harmony exports LEDGER_HEADER, inLedgerFile */
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(545);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5086);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
/* harmony import */ var _ledger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9569);




/** Header of a ledger the tool creates. It names no run, so the parser ignores it. */
const LEDGER_HEADER = "# SLURM job list\n\nOne line per SLURM run: launch date (UTC), job id, iteration, run id, status.\nMaintained by autolab; notes you add outside the run lines are kept.\n\n";
/**
 * The line the ledger must hold for run `m`: null when the run has none (not
 * a SLURM run, or no job id yet); throws when the manifest cannot make one.
 */
function wantedLine(m) {
    if (m.host_mode !== "slurm" || !(0,_domain_run_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestJobId */ .Gf)(m))
        return null;
    return (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalLine */ .nm)(m);
}
/** The ledger's line for each run id (the last one, when a run has several). */
function linesByRun(ledger) {
    return new Map(ledger.entries.map((e) => [e.runId, e]));
}
/**
 * The SLURM runs whose ledger line must be written, and what disagreed. A
 * line that matched the manifest before this tick simply follows it; any
 * other difference (or a missing line) is reported. With `allRuns`, lines
 * that name no known run are reported too (and left alone). `agreed`: ids of
 * runs known to agree with their line already (the run index's), not checked
 * again.
 */
function ledgerFollow(runs, ledger, allRuns, agreed = []) {
    const findings = [];
    const fix = [];
    const byRun = linesByRun(ledger);
    const known = new Set(agreed);
    for (const r of runs) {
        const m = r.after ?? r.before;
        known.add(String(m.run_id));
        let want;
        try {
            want = wantedLine(m);
        }
        catch (e) {
            findings.push((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .findingFromError */ .Oo)(e, "ledger.manifest", r.manifestFile, { severity: "warning" }));
            continue;
        }
        if (want === null)
            continue;
        const have = byRun.get(String(m.run_id));
        if (have && have.text === want)
            continue;
        let wasRight = false;
        try {
            wasRight = have !== undefined && r.after !== undefined && have.text === (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalLine */ .nm)(r.before);
        }
        catch {
            wasRight = false;
        }
        if (!wasRight) {
            findings.push({
                severity: "warning",
                check: "ledger.disagrees",
                message: have
                    ? `the ledger line "${have.text.trim()}" disagrees with ${r.manifestFile}; the manifest wins and the line becomes "${want}"`
                    : `run ${m.run_id} (${r.manifestFile}) has no ledger line; it is added`,
                file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_PATH */ .Kd,
                line: have?.line,
            });
        }
        fix.push(m);
    }
    if (allRuns) {
        for (const e of ledger.entries) {
            if (known.has(e.runId))
                continue;
            findings.push({
                severity: "warning",
                check: "ledger.no_manifest",
                file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_PATH */ .Kd,
                line: e.line,
                message: `the ledger names run ${e.runId} (job ${e.jobId}), but no experiments/*/*/runs/${e.runId}/run_manifest.json exists; the line is left as it is`,
                hint: "restore the run's manifest from git history, or remove the line if the run was deleted on purpose",
            });
        }
    }
    return { fix, findings };
}
/** A ledger error that names only a line (the text functions do not know the file) now names the file too. */
function inLedgerFile(e, file) {
    if (!(e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0) || e.location.file || e.location.line === undefined)
        return e;
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0(e.message, { file, line: e.location.line, jsonPath: e.location.jsonPath, hint: e.hint });
}
/** Findings for the ledger's own problems (malformed or duplicate lines). */
function ledgerProblems(ledger) {
    return ledger.problems.map((p) => ({
        severity: "warning",
        check: `ledger.${p.kind}`,
        message: p.message,
        file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_PATH */ .Kd,
        line: p.line,
    }));
}
/**
 * The edit that upserts the runs' lines into the ledger as the head has it
 * (runs whose other edits were superseded are left out; a missing ledger is
 * created with its header). A run whose lines are malformed or duplicated is
 * reported at its line and skipped. The file is part of the change even when
 * its text does not change, so a line an earlier attempt wrote but never
 * committed gets committed.
 */
function ledgerEdit(runs, file = _domain_layout_js__WEBPACK_IMPORTED_MODULE_3__/* .LEDGER_PATH */ .Kd) {
    const manifests = Array.isArray(runs) ? runs : [runs];
    return {
        path: file,
        what: manifests.length === 1 ? `the ledger line of run ${manifests[0].run_id}` : "the ledger",
        edit(current, ctx) {
            const now = manifests.filter((m) => !ctx.superseded.has(m.run_id));
            if (!now.length)
                return "unchanged";
            const existing = current === undefined ? undefined : new TextDecoder("utf-8", { ignoreBOM: true }).decode(current);
            const { text, results } = (0,_ledger_js__WEBPACK_IMPORTED_MODULE_2__/* .upsertMany */ .d6)(existing ?? LEDGER_HEADER, now);
            for (const r of results) {
                if (!r.error)
                    continue;
                ctx.note((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .findingFromError */ .Oo)(inLedgerFile(r.error, file), "ledger.update", file));
            }
            return results.some((r) => !r.error) ? text : "unchanged";
        },
    };
}


/***/ })

};
