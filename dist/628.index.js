export const id = 628;
export const ids = [628];
export const modules = {

/***/ 8835:
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
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./lib/src/github/annotations.js
/**
 * Findings as GitHub workflow-command annotations (`::error file=..,line=..::msg`).
 *
 * This is the fallback when the token cannot write check runs (a fork's pull
 * request): the runner turns these lines into annotations. GitHub displays at
 * most 10 error and 10 warning annotations per step and 50 annotations per job
 * (actions/toolkit docs/problem-matchers.md, "Limitations"; the Checks API
 * description repeats the 10 + 10 per step figure). Everything is still printed
 * to the log; `emitWorkflowCommands` reports how many will not be displayed so
 * the job summary can say so.
 *
 * Also home of `annotationPath`, the one rule for which paths may be sent to
 * GitHub: repository-relative, forward slashes, never outside the repository.
 */


/** Per-step display limits GitHub applies to workflow-command annotations. */
const STEP_ANNOTATION_LIMITS = { error: 10, warning: 10 };
/** Annotations displayed per job (sum over all steps). */
const JOB_ANNOTATION_LIMIT = 50;
const COMMAND_OF = { error: "error", warning: "warning", notice: "notice" };
/**
 * The repository-relative, forward-slash path GitHub should see for `file`, or
 * undefined when there is none or it lies outside the repository (such paths
 * are never sent: GitHub would reject them, and they may reveal runner paths).
 * Absolute paths are made relative to `repoRoot` when one is given.
 */
function annotationPath(file, repoRoot) {
    if (!file)
        return undefined;
    let p = file.replace(/\\/g, "/");
    if (external_node_path_.posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) {
        if (!repoRoot)
            return undefined;
        const rel = external_node_path_.relative(external_node_path_.resolve(repoRoot), external_node_path_.resolve(file));
        if (!rel || rel.startsWith("..") || external_node_path_.isAbsolute(rel))
            return undefined;
        p = rel.split(external_node_path_.sep).join("/");
    }
    p = external_node_path_.posix.normalize(p);
    while (p.startsWith("./"))
        p = p.slice(2);
    if (p === "." || p === "" || p === ".." || p.startsWith("../") || p.startsWith("/"))
        return undefined;
    if ([...p].some((ch) => ch.charCodeAt(0) < 0x20))
        return undefined;
    return p;
}
/** Escape workflow-command data (the message). */
function escapeData(s) {
    return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
/** Escape a workflow-command property value (also `:` and `,`, which delimit properties). */
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function positiveInt(n) {
    return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}
/**
 * How a finding's file is named when it cannot be attached as an annotation
 * path: only its base name, so no path outside the repository (a runner's or
 * cluster's directory layout) is ever sent to GitHub.
 */
function outsideFileLabel(file) {
    const base = file.replace(/\\/g, "/").split("/").filter(Boolean).pop() ?? "";
    return `(outside the repository) ${base}`.trim();
}
/** The message a finding shows in an annotation: message, file that could not be attached, json path, hint. */
function annotationMessage(f, sentPath) {
    let msg = f.message;
    if (f.file && !sentPath)
        msg = `${outsideFileLabel(f.file)}${f.line ? `:${f.line}` : ""}: ${msg}`;
    if (f.jsonPath)
        msg += ` (at ${f.jsonPath})`;
    if (f.hint)
        msg += `\nfix: ${f.hint}`;
    return msg;
}
/**
 * One workflow command line (no trailing newline) for a finding. `file`,
 * `line` and `col` are set only when known and inside the repository; the
 * title is the check id.
 */
function formatWorkflowCommand(finding, opts = {}) {
    const file = annotationPath(finding.file, opts.repoRoot);
    const props = [];
    if (file) {
        props.push(`file=${escapeProperty(file)}`);
        const line = positiveInt(finding.line);
        if (line) {
            props.push(`line=${line}`);
            const col = positiveInt(finding.column);
            if (col)
                props.push(`col=${col}`);
        }
    }
    if (finding.check)
        props.push(`title=${escapeProperty(finding.check)}`);
    const cmd = COMMAND_OF[finding.severity] ?? "error";
    return `::${cmd}${props.length ? " " + props.join(",") : ""}::${escapeData(annotationMessage(finding, file))}`;
}
/**
 * Write every finding as a workflow command (errors first, then warnings,
 * then notices, so the displayed ones are the most important) and count how
 * many GitHub's display limits will hide.
 */
function emitWorkflowCommands(findings, write = (s) => process.stdout.write(s), opts = {}) {
    const ordered = (0,errors/* worstFirst */.md)(findings);
    const shownByKind = { error: 0, warning: 0, notice: 0 };
    let shown = 0;
    let hidden = 0;
    for (const f of ordered) {
        write(formatWorkflowCommand(f, opts) + "\n");
        const kind = COMMAND_OF[f.severity] ?? "error";
        const stepLimit = kind === "notice" ? Infinity : STEP_ANNOTATION_LIMITS[kind];
        if (shownByKind[kind] < stepLimit && shown < JOB_ANNOTATION_LIMIT) {
            shownByKind[kind]++;
            shown++;
        }
        else {
            hidden++;
        }
    }
    const note = hidden
        ? `GitHub displays at most ${STEP_ANNOTATION_LIMITS.error} error and ${STEP_ANNOTATION_LIMITS.warning} warning ` +
            `annotations per step (${JOB_ANNOTATION_LIMIT} per job): ${hidden} of ${findings.length} findings are ` +
            `not shown as annotations. All of them are in the step log and listed below.`
        : undefined;
    return { emitted: ordered.length, hiddenByLimit: hidden, note };
}

// EXTERNAL MODULE: ./lib/src/github/client.js
var client = __webpack_require__(5574);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
;// CONCATENATED MODULE: ./lib/src/report/checks.js
/**
 * What a check run says: its conclusion, title, summary, text and annotations,
 * for verify findings and for one experiment run. Pure (data in, objects out);
 * github/checks.ts sends them, and the action face picks which.
 *
 * Rules:
 * - findings: error -> `failure`, warning -> `neutral` (visible in the UI, but
 *   does not block a merge the way `failure` does: warnings are advice),
 *   notice only or nothing -> `success`; the same rule whether they go out as
 *   a check run or as workflow commands;
 * - a finding becomes an annotation only with a repository-relative path
 *   (github/annotations.ts `annotationPath`); the others are listed in the
 *   check run's text, named by base name only;
 * - an experiment run: completed -> `success` (or `failure` when its metrics
 *   say failed); failed -> `timed_out` / `cancelled` / `failure` by its
 *   failure reason; any other status is still `in_progress`;
 * - every string is clipped to the Checks API's limits (the log tail from its
 *   start, so its end stays).
 */


/** `output.summary` and `output.text` are limited to this many characters. */
const OUTPUT_TEXT_LIMIT = 65535;
/** `output.title` and an annotation's `title`. */
const TITLE_LIMIT = 255;
/** An annotation's `message`. */
const MESSAGE_LIMIT = 64 * 1024 - 64;
/** The log tail put into a run's check text: its last this many characters. */
const LOG_TAIL_CHARS = 60000;
const LEVEL = {
    error: "failure",
    warning: "warning",
    notice: "notice",
};
/** `s` cut to `max` characters, marked with an ellipsis. */
function clip(s, max) {
    return s.length <= max ? s : s.slice(0, max - 1) + "…";
}
/** Keep the end of `s` (for log tails), marking the cut. */
function clipStart(s, max) {
    if (s.length <= max)
        return s;
    const marker = "…(earlier output cut)\n";
    return marker + s.slice(s.length - (max - marker.length));
}
function posInt(n) {
    return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}
/**
 * The annotation for a finding, or undefined when it has no path inside the
 * repository (it is then reported in the check run's text). Line 1 is used
 * only when no line is known; columns only when known (a finding has one line).
 */
function findingToAnnotation(f, repoRoot) {
    const p = annotationPath(f.file, repoRoot);
    if (!p)
        return undefined;
    const line = posInt(f.line) ?? 1;
    const a = {
        path: p,
        start_line: line,
        end_line: line,
        annotation_level: LEVEL[f.severity] ?? "failure",
        message: clip(annotationMessage(f, p), MESSAGE_LIMIT),
    };
    const col = posInt(f.line) ? posInt(f.column) : undefined;
    if (col) {
        a.start_column = col;
        a.end_column = col;
    }
    if (f.check)
        a.title = clip(f.check, TITLE_LIMIT);
    return a;
}
/** error -> failure, warning -> neutral, notice/none -> success (see the module header). */
function conclusionForFindings(findings) {
    const w = (0,errors/* worstSeverity */.Lc)(findings);
    if (w === "error")
        return "failure";
    if (w === "warning")
        return "neutral";
    return "success";
}
/** `2 error(s), 1 warning(s), 0 notice(s)`. */
function countLine(findings) {
    const n = (s) => findings.filter((f) => f.severity === s).length;
    return `${n("error")} error(s), ${n("warning")} warning(s), ${n("notice")} notice(s)`;
}
/** The summary of the check run a command's findings go to. */
function findingsSummaryText(name, findings) {
    return `${findings.length} finding(s) from ${name}`;
}
/** Findings listed by name in a check run's text at most (the rest are counted). */
const MAX_LISTED_IN_TEXT = 200;
/**
 * Everything a findings check run shows. `title` defaults to a count of the
 * findings. With `maxAnnotations` (the per-tick annotation budget) only the
 * worst that many located findings become annotations; the text counts the
 * rest by severity.
 */
function findingsCheckRun(findings, o) {
    const title = clip(o.title ?? `autolab: ${countLine(findings)}`, TITLE_LIMIT);
    const annotations = [];
    const unlocated = [];
    const skipped = [];
    const max = o.maxAnnotations ?? Number.POSITIVE_INFINITY;
    for (const f of o.maxAnnotations === undefined ? findings : (0,errors/* worstFirst */.md)(findings)) {
        const a = findingToAnnotation(f, o.repoRoot);
        if (!a)
            unlocated.push(f);
        else if (annotations.length < max)
            annotations.push(a);
        else
            skipped.push(f);
    }
    const parts = [];
    if (skipped.length) {
        parts.push(`${skipped.length} more finding(s) are not annotated (at most ${max} annotations per tick, the worst first): ${countLine(skipped)}. The job summary and the step log list them.`);
    }
    if (unlocated.length) {
        const listed = unlocated.slice(0, MAX_LISTED_IN_TEXT);
        parts.push("Findings without a file in this repository:\n\n" +
            listed
                .map((f) => "- " + (0,errors/* formatFinding */.tf)(f.file ? { ...f, file: outsideFileLabel(f.file) } : f).replace(/\n/g, " "))
                .join("\n") +
            (unlocated.length > listed.length ? `\n\n…and ${unlocated.length - listed.length} more.` : ""));
    }
    return {
        conclusion: conclusionForFindings(findings),
        title,
        summary: clip(o.summaryText || title, OUTPUT_TEXT_LIMIT),
        text: parts.length ? clip(parts.join("\n\n"), OUTPUT_TEXT_LIMIT) : undefined,
        annotations,
        unlocated,
        notAnnotated: skipped.length,
    };
}
/** The job-summary note when findings were not posted again. */
function findingsUnchangedNote(name, count, since) {
    return `The ${count} finding(s) of ${name} are the ones posted at ${since}: no new check run was made for them (listed below).`;
}
/** The job-summary note when a check run could not be created (a read-only token). */
function checkRunRefusedNote(status, message) {
    return (`Could not create a check run (HTTP ${status}: ${message}); ` +
        `findings were reported as workflow-command annotations instead. This is expected on a fork's pull request, ` +
        `where the token is read-only.`);
}
/** The notes when there was no token and findings went out as workflow commands. */
function workflowCommandNotes(hiddenNote) {
    return ["No token: findings were written as workflow-command annotations.", ...(hiddenNote ? [hiddenNote] : [])];
}
/** The warning when a run's check run could not be written (the tick itself stands). */
function runCheckFailedNote(runId, e) {
    return `could not update the check run of ${runId}: ${e instanceof Error ? e.message : String(e)}`;
}

;// CONCATENATED MODULE: ./lib/src/report/run-check.js


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
    const status = (0,run/* statusOf */.c2)(m);
    const failureReason = status === "failed" ? ((0,run/* failureReasonOf */.M3)(m) ?? str(m.slurm?.failure_reason)) : undefined;
    const conclusion = conclusionForRun({ after: status, metricsStatus: i.metrics?.status, failureReason });
    const times = runTimes(m);
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    const slurmState = str(m.slurm?.state);
    const reason = str(m.slurm?.reason);
    const metric = metricText(i.metrics?.primary);
    const efficiency = efficiencyText(m);
    const sweep = str(m.sweep_id) ?? str(obj(m.sweep)?.id);
    const checkStatus = conclusion ? "completed" : status === "running" || status === "synced" ? "in_progress" : "queued";
    const stateWords = `${status}${failureReason ? ` (${failureReason})` : ""}`;
    const title = clip([stateWords, slurmState && slurmState.toLowerCase() !== status ? `SLURM ${slurmState}` : "", metric ?? ""]
        .filter(Boolean)
        .join(" · "), TITLE_LIMIT);
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
    const text = i.logTail ? `Log tail:\n\n\`\`\`\n${i.logTail.slice(-LOG_TAIL_CHARS)}\n\`\`\`` : undefined;
    return {
        name: runCheckName(m.run_id),
        external_id: m.run_id,
        status: checkStatus,
        ...(conclusion ? { conclusion } : {}),
        ...(times.start && checkStatus !== "queued" ? { started_at: times.start } : {}),
        ...(conclusion && times.end ? { completed_at: times.end } : {}),
        title,
        summary: clip(summary, OUTPUT_TEXT_LIMIT),
        ...(text ? { text: clipStart(text, OUTPUT_TEXT_LIMIT) } : {}),
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
    const shown = findingsCheckRun(input.findings, {
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
        const emitted = emitWorkflowCommands(input.findings, write, { repoRoot: input.repoRoot });
        const notes = [checkRunRefusedNote((0,client/* httpStatus */.nG)(e), e.message)];
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
    const name = input.name ?? runCheckName(input.runId);
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
            title: clip(input.title, TITLE_LIMIT),
            summary: clip(input.summary || input.title, OUTPUT_TEXT_LIMIT),
            ...(input.text ? { text: clipStart(input.text, OUTPUT_TEXT_LIMIT) } : {}),
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
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/domain/run-index.js
var run_index = __webpack_require__(8739);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
// EXTERNAL MODULE: ./lib/src/store/runs.js
var runs = __webpack_require__(564);
;// CONCATENATED MODULE: ./lib/src/store/run-facts.js
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
        throw new errors/* AutolabError */.t0(`not valid JSON: ${e.message}`, { file: shown });
    }
    if (!v || typeof v !== "object" || Array.isArray(v))
        throw new errors/* AutolabError */.t0("not a JSON object", { file: shown });
    return v;
}
/** The run's manifest (throws an AutolabError naming the file when it is missing, too large, linked or not JSON). */
async function readManifestOf(r) {
    const buf = await (0,fs/* readOwnedBytes */.pW)((0,fs/* rootOf */.I5)(r.manifestPath, r.manifestDisplay), r.manifestPath, r.manifestDisplay, runs/* MAX_MANIFEST_BYTES */.ZJ);
    if (buf === undefined)
        throw new errors/* AutolabError */.t0("file not found", { file: r.manifestDisplay });
    return parseObject(buf, r.manifestDisplay);
}
/** The status and primary metric of the run's metrics.json; undefined when there is none (or it cannot be read). */
async function readMetricsOf(r) {
    const shown = `${r.runPath}/${layout/* METRICS_FILE */.HL}`;
    try {
        const buf = await (0,fs/* readOwnedBytes */.pW)((0,fs/* rootOf */.I5)(r.manifestPath, r.manifestDisplay), external_node_path_.join(r.runDir, layout/* METRICS_FILE */.HL), shown, MAX_METRICS_BYTES);
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
            return (0,run_index/* stampKey */.Fp)(await (0,promises_.lstat)(p));
        }
        catch {
            return "-";
        }
    };
    const m = r.manifestStamp ? (0,run_index/* stampKey */.Fp)(r.manifestStamp) : await one(r.manifestPath);
    return `${m}/${await one(external_node_path_.join(r.runDir, layout/* METRICS_FILE */.HL))}`;
}

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
        const manifest = await readManifestOf(r);
        if (typeof manifest.run_id !== "string")
            return undefined;
        // A log tail only for a run the landed manifest says failed (never from a decision that did not land).
        const tail = (0,run/* statusOf */.c2)(manifest) === "failed" ? logTail : undefined;
        return runCheckOf({ manifest, manifestPath: r.manifestDisplay, metrics: await readMetricsOf(r), logTail: tail });
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
        detailsUrl: runDetailsUrl({
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
        const stamp = await factsStamp(r);
        const tail = i.logTails?.get(r.runId);
        if (e.stamp === stamp && e.path === r.manifestDisplay && e.want !== undefined && !tail)
            continue;
        const body = await bodyOf(r, tail);
        if (!body)
            continue;
        bodies.set(r.runId, body);
        wantNow(e, runCheckFingerprint(body), stamp, r.manifestDisplay, at);
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
            posted(e, runCheckFingerprint(body), p.id, p.sha);
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
                conclusion: conclusionForFindings(findings),
                notes: [findingsUnchangedNote(name, findings.length, last.at)],
            };
        }
        const res = await publishFindings(octokit, {
            owner: ctx.repository.owner,
            repo: ctx.repository.repo,
            headSha: ctx.sha,
            name,
            findings,
            repoRoot,
            summaryText: findingsSummaryText(name, findings),
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
    const emitted = emitWorkflowCommands(findings, (s) => process.stdout.write(s), { repoRoot });
    return {
        mode: "workflow-commands",
        conclusion: conclusionForFindings(findings),
        notes: workflowCommandNotes(emitted.note),
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

/***/ 4822:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ submitSettings),
/* harmony export */   Mk: () => (/* binding */ extractTimeoutSeconds),
/* harmony export */   U1: () => (/* binding */ monitorSettings),
/* harmony export */   d: () => (/* binding */ notifySettings),
/* harmony export */   dA: () => (/* binding */ watchSettings),
/* harmony export */   z9: () => (/* binding */ pythonTemplateKeys)
/* harmony export */ });
/* unused harmony exports DEFAULT_EXTRACT_TIMEOUT_SECONDS, PYTHON_TEMPLATE_KEYS, DEFAULT_WATCH_TIME_LIMIT_SECONDS, retentionSeconds */
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
    };
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
    return parseSpan(r.gc_older_than);
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

/***/ 9272:
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

// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
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
/** `attempts[]` after this tick's answer (domain/attempts.ts). */
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
/* harmony import */ var _domain_tick_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9272);
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
