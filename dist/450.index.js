export const id = 450;
export const ids = [450];
export const modules = {

/***/ 1450:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionWatch: () => (/* binding */ actionWatch),
  announceFailures: () => (/* binding */ announceFailures),
  keepWatcherAlive: () => (/* binding */ keepWatcherAlive),
  retentionAfterTick: () => (/* binding */ retentionAfterTick)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./lib/src/commands/monitor/index.js + 16 modules
var monitor = __webpack_require__(3355);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
;// CONCATENATED MODULE: ./lib/src/domain/notify.js

function parseNotifications(text) {
    const empty = { schema_version: "1.0", failure_comments: {} };
    if (!text)
        return empty;
    try {
        const d = JSON.parse(text);
        const fc = d && typeof d === "object" ? d.failure_comments : undefined;
        return fc && typeof fc === "object" && !Array.isArray(fc) ? { schema_version: "1.0", failure_comments: fc } : empty;
    }
    catch {
        return empty;
    }
}
/** The runs of `failed` that have not had their comment, in order, each once. */
function toNotify(failed, rec) {
    return [...new Set(failed)].filter((id) => !Object.hasOwn(rec.failure_comments, id));
}
function serialize(rec) {
    const sorted = Object.fromEntries(Object.entries(rec.failure_comments).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return JSON.stringify({ schema_version: "1.0", failure_comments: sorted }, null, 2) + "\n";
}
/** The edit that adds `entries` to the record (kept: what the head already has). */
function notificationsEdit(entries) {
    return {
        path: layout/* NOTIFICATIONS_PATH */.nK,
        what: "the record of failure comments",
        edit(current) {
            const rec = parseNotifications(current ? new TextDecoder().decode(current) : undefined);
            let added = false;
            for (const [id, e] of Object.entries(entries)) {
                if (Object.hasOwn(rec.failure_comments, id))
                    continue;
                rec.failure_comments[id] = e;
                added = true;
            }
            return added ? serialize(rec) : "unchanged";
        },
    };
}

// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
// EXTERNAL MODULE: ./lib/src/git/record.js
var record = __webpack_require__(9252);
// EXTERNAL MODULE: ./lib/src/store/workspace.js
var workspace = __webpack_require__(7749);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __webpack_require__(1940);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
;// CONCATENATED MODULE: ./lib/src/commands/notify.js
/**
 * notify: one comment per failed run on the tracking issue the policy names
 * (`slurm.monitor.notify.tracking_issue`), never twice for the same run: the
 * runs announced are recorded in `.autolab/notifications.json` and committed
 * (domain/notify.ts). The face passes the failed runs of a tick and the way
 * to post (the GitHub client); a post that fails is a warning, and the run is
 * not recorded, so it is not marked as told.
 */








async function notifyFailures(opts) {
    const now = opts.now ?? (() => new Date());
    const ws = await (0,workspace/* openWorkspace */.O)(opts.cwd, { commit: opts.commit });
    const read = await (0,fs/* readOwned */.A4)(ws.root, external_node_path_.join(ws.root, layout/* NOTIFICATIONS_PATH */.nK), 4 * 1024 * 1024);
    const rec = parseNotifications(read.data?.toString("utf8"));
    const ids = opts.runs.map((r) => r.runId);
    const todo = new Set(toNotify(ids, rec));
    const report = {
        posted: [],
        already: ids.filter((id) => !todo.has(id)),
        findings: [],
        committed: false,
    };
    const entries = {};
    for (const run of opts.runs) {
        if (!todo.has(run.runId))
            continue;
        todo.delete(run.runId);
        try {
            const c = await opts.post(run);
            entries[run.runId] = { issue: opts.issue, comment_id: c.id, at: (0,time/* isoSeconds */.n)(now()) };
            report.posted.push(run.runId);
        }
        catch (e) {
            report.findings.push((0,errors/* findingFromError */.Oo)(e, "notify.comment", run.manifestPath, { severity: "warning" }));
        }
    }
    if (!report.posted.length)
        return report;
    const rec2 = await (0,record/* record */.g1)(ws, [notificationsEdit(entries)], {
        message: `autolab: failure of ${report.posted.length} run(s) announced on issue #${opts.issue}`,
        skipCi: opts.skipCi,
        push: opts.push,
        branch: opts.branch,
        token: opts.token,
        identity: opts.identity,
        onUnpushed: "report",
    });
    report.findings.push(...rec2.findings);
    report.committed = !!rec2.commit?.committed;
    return report;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/domain/tick.js + 2 modules
var tick = __webpack_require__(3915);
;// CONCATENATED MODULE: ./lib/src/domain/gc.js

function few(list) {
    return list.slice(0, 3).join(", ") + (list.length > 3 ? ` and ${list.length - 3} more` : "");
}
function gcDecide(c, o) {
    const keep = (why) => ({ runId: c.runId, remove: false, why });
    if (tick/* IN_FLIGHT */.Ri.has(c.status))
        return keep(`in flight (${c.status})`);
    if (c.status === "synced")
        return keep("synced, not extracted yet");
    const done = c.completedAt ? Date.parse(c.completedAt) : Number.NaN;
    if (Number.isNaN(done))
        return keep("no completion time recorded");
    if (o.nowMs - done < o.olderThanSeconds * 1000)
        return keep(`finished less than ${o.olderThanSeconds} s ago`);
    if (c.status !== "failed" && !c.syncOk)
        return keep("artifacts not synced (artifact_sync_to_local.status is not ok)");
    const origin = `origin/${o.branch ?? "<branch>"}`;
    if (c.pushed === "no-remote")
        return keep(`no ${origin} to check that the manifest was pushed`);
    if (c.pushed === "absent")
        return keep(`the manifest is not on ${origin} (not committed or not pushed)`);
    if (c.pushed === "differs")
        return keep(`the manifest differs from ${origin}'s (changes not committed or not pushed)`);
    const s = c.snapshot;
    if (s && !s.isWorktree)
        return keep(`${s.path} is not a git worktree of this checkout`);
    if (s?.notCopied.length)
        return keep(`the snapshot holds files the checkout lacks: ${few(s.notCopied)}`);
    if (s?.dirtyOutside.length)
        return keep(`the snapshot has changes outside the run dir: ${few(s.dirtyOutside)}`);
    if (!s && !c.journal.length)
        return keep("nothing to free");
    return { runId: c.runId, remove: true, snapshot: s?.path, journal: [...c.journal], bytes: s?.bytes ?? 0 };
}

// EXTERNAL MODULE: ./lib/src/domain/run.js
var domain_run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/git/git.js + 1 modules
var git = __webpack_require__(4424);
// EXTERNAL MODULE: ./lib/src/steps/snapshot.js
var snapshot = __webpack_require__(2664);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/store/journal.js
var journal = __webpack_require__(8715);
;// CONCATENATED MODULE: ./lib/src/commands/gc.js
/**
 * gc: frees what finished runs leave outside the repository — their work-root
 * snapshots (`git worktree remove`) and launch-journal entries — for runs
 * that are finished, synced and committed (pushed), finished longer ago than
 * `olderThanSeconds`. The decision is domain/gc.ts's; this gathers the facts
 * (manifests, origin's copy of each manifest as the last fetch or push saw
 * it, the snapshot's files against the checkout's, the snapshot's own git
 * status) and acts. A dry run removes nothing and says what would go.
 */












/** Every regular file under `dir` (relative path -> size); links and special files are listed with size -1. */
async function filesUnder(dir, rel = "") {
    const out = new Map();
    const entries = await (0,promises_.readdir)(external_node_path_.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory())
            for (const [k, v] of await filesUnder(dir, r))
                out.set(k, v);
        else if (e.isFile())
            out.set(r, (await (0,promises_.lstat)(external_node_path_.join(dir, r))).size);
        else
            out.set(r, -1);
    }
    return out;
}
async function bytesUnder(dir) {
    let total = 0;
    const walk = async (d) => {
        for (const e of await (0,promises_.readdir)(d, { withFileTypes: true }).catch(() => [])) {
            const p = external_node_path_.join(d, e.name);
            if (e.isDirectory())
                await walk(p);
            else
                total += (await (0,promises_.lstat)(p).catch(() => ({ size: 0 }))).size;
        }
    };
    await walk(dir);
    return total;
}
async function worktrees(root) {
    const r = await (0,git/* git */.$Y)(root, ["worktree", "list", "--porcelain"], { allowFailure: true });
    return new Set(r.stdout
        .split("\n")
        .filter((l) => l.startsWith("worktree "))
        .map((l) => external_node_path_.resolve(l.slice("worktree ".length))));
}
async function journalByRun(gitDir) {
    const out = new Map();
    if (!gitDir)
        return out;
    const dir = (0,journal/* journalDir */.Pg)(gitDir);
    for (const name of await (0,promises_.readdir)(dir).catch(() => [])) {
        if (!name.endsWith(".json"))
            continue;
        try {
            const j = JSON.parse(await (0,promises_.readFile)(external_node_path_.join(dir, name), "utf8"));
            if (typeof j.run_id === "string")
                out.set(j.run_id, [...(out.get(j.run_id) ?? []), external_node_path_.join(dir, name)]);
        }
        catch {
            // an unreadable entry belongs to no run we can name: left alone
        }
    }
    return out;
}
async function pushedState(root, branch, rel, local) {
    if (!branch)
        return "no-remote";
    const ref = `refs/remotes/origin/${branch}`;
    const has = await (0,git/* git */.$Y)(root, ["rev-parse", "--verify", "-q", ref], { allowFailure: true });
    if (has.code !== 0)
        return "no-remote";
    const r = await (0,git/* git */.$Y)(root, ["cat-file", "blob", `${ref}:${rel}`], { allowFailure: true });
    if (r.code !== 0)
        return "absent";
    return r.stdout === local.toString("utf8") ? "same" : "differs";
}
async function snapshotFacts(root, m, runDir, trees) {
    const ev = (0,discover/* jobRunDir */.Yb)(m, root, runDir);
    if (!ev.workDir || ev.missing)
        return undefined;
    const theirs = await filesUnder(ev.dir);
    const ours = await filesUnder(runDir);
    const notCopied = [...theirs].filter(([k, size]) => size < 0 || ours.get(k) !== size).map(([k]) => k);
    const relRun = external_node_path_.relative(root, runDir).split(external_node_path_.sep).join("/");
    const st = await (0,git/* git */.$Y)(ev.workDir, ["status", "--porcelain=v1", "--untracked-files=all"], { allowFailure: true });
    const dirtyOutside = st.code !== 0
        ? ["(git status failed in the snapshot)"]
        : st.stdout
            .split("\n")
            .filter(Boolean)
            .map((l) => l.slice(3))
            .filter((p) => p !== relRun && !p.startsWith(relRun + "/"));
    return {
        path: ev.workDir,
        isWorktree: trees.has(external_node_path_.resolve(ev.workDir)),
        notCopied,
        dirtyOutside,
        bytes: await bytesUnder(ev.workDir),
    };
}
async function gc(opts) {
    const now = opts.now ?? (() => new Date());
    const ws = await (0,workspace/* openWorkspace */.O)(opts.cwd, { commit: false });
    const found = await (0,discover/* discoverRuns */.cd)(ws.root);
    const findings = [...found.findings];
    const branch = ws.inGit ? await (0,git/* currentBranch */.eR)(ws.root) : undefined;
    const trees = ws.inGit ? await worktrees(ws.root) : new Set();
    const journal = await journalByRun(ws.gitDir);
    const decisions = [];
    for (const run of found.runs) {
        const read = await (0,fs/* readNoFollow */.pj)(run.manifestPath, 16 * 1024 * 1024);
        if (!read.data)
            continue;
        let m;
        try {
            m = JSON.parse(read.data.toString("utf8"));
        }
        catch {
            decisions.push({ runId: run.runId, remove: false, why: "manifest is not JSON" });
            continue;
        }
        const cand = {
            runId: run.runId,
            status: (0,domain_run/* statusOf */.c2)(m),
            completedAt: String(m.timestamps?.completed_at ?? m.completed_at ?? "") || undefined,
            syncOk: (0,vocabulary/* isSuccessLike */.j)(m.artifact_sync_to_local?.status),
            pushed: ws.inGit ? await pushedState(ws.root, branch, run.manifestDisplay, read.data) : "no-remote",
            snapshot: await snapshotFacts(ws.root, m, run.runDir, trees),
            journal: journal.get(run.runId) ?? [],
        };
        decisions.push(gcDecide(cand, { nowMs: now().getTime(), olderThanSeconds: opts.olderThanSeconds, branch }));
    }
    const report = {
        dryRun: !!opts.dryRun,
        decisions,
        freed_bytes: 0,
        removed_snapshots: [],
        removed_journal_entries: 0,
        findings,
    };
    for (const d of decisions) {
        if (!d.remove)
            continue;
        report.freed_bytes += d.bytes;
        if (d.snapshot)
            report.removed_snapshots.push(d.snapshot);
        report.removed_journal_entries += d.journal.length;
        if (opts.dryRun)
            continue;
        try {
            if (d.snapshot)
                await (0,snapshot/* removeSnapshot */.Bw)(ws.root, d.snapshot);
            for (const j of d.journal)
                await (0,promises_.unlink)(j).catch(() => undefined);
        }
        catch (e) {
            findings.push((0,errors/* findingFromError */.Oo)(e, "gc.remove", d.snapshot, { severity: "warning" }));
        }
    }
    return report;
}

// EXTERNAL MODULE: ./lib/src/domain/units.js
var units = __webpack_require__(6564);
;// CONCATENATED MODULE: ./lib/src/report/gc.js


function gcText(r, o = {}) {
    const lines = [];
    const verb = r.dryRun ? "would remove" : "removed";
    for (const d of r.decisions) {
        if (d.remove)
            lines.push(`${d.runId}: ${verb}${d.snapshot ? ` snapshot ${d.snapshot} (${(0,units/* humanBytes */.p)(d.bytes)})` : ""}${d.journal.length ? `${d.snapshot ? "," : ""} ${d.journal.length} journal entr${d.journal.length === 1 ? "y" : "ies"}` : ""}`);
        else if (o.verbose || d.why !== "nothing to free")
            lines.push(`${d.runId}: kept: ${d.why}`);
    }
    lines.push(`${r.dryRun ? "[dry run] would free" : "freed"} ${(0,units/* humanBytes */.p)(r.freed_bytes)}: ${r.removed_snapshots.length} snapshot(s), ${r.removed_journal_entries} journal entr${r.removed_journal_entries === 1 ? "y" : "ies"}`);
    return lines.map((l) => l + "\n").join("");
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./lib/src/contract/policy.js
var contract_policy = __webpack_require__(751);
// EXTERNAL MODULE: ./lib/src/domain/settings.js
var domain_settings = __webpack_require__(4822);
;// CONCATENATED MODULE: ./lib/src/domain/watch.js
/**
 * The watcher's clock: when `autolab watch` asks the scheduler next, and when
 * it hands over to its successor. Pure: every time is passed in (ms since the
 * epoch), every count was gathered by the command. Called after every cheap
 * local check (a few seconds apart), so an end seen in a sentinel shortens
 * the wait at once.
 *
 * Rules (each a row in __tests__/unit/domain-watch.test.ts):
 * - The time limit comes first: at `startedMs + timeLimit` the watcher hands
 *   over (dispatches its successor and exits), before GitHub's job limit.
 * - The first tick is at once (it learns what is in flight).
 * - The interval after the last question (after the last tick when nothing
 *   is in flight): `ending` while runs are ending (a
 *   sentinel says a job reached its end and the manifest does not know yet,
 *   or the last tick moved a run: more tend to follow), `running` while a job
 *   runs, `pending` while every job waits (and when nothing is in flight: a
 *   tick without runs in flight asks the scheduler nothing).
 * - Never a question sooner than `floor` after the last one, whatever the
 *   interval says: a tick due earlier waits for the floor.
 * - A wait never runs past the handover time.
 */
/** The interval that applies now, in seconds, and why. */
function watchInterval(v, c) {
    const floor = Math.max(0, c.floorSeconds);
    if (v.ended > 0)
        return { seconds: Math.max(floor, c.endingSeconds), why: `${v.ended} run(s) ending` };
    if (v.lastTickMoved)
        return { seconds: Math.max(floor, c.endingSeconds), why: "the last tick moved a run" };
    if (v.running > 0)
        return { seconds: Math.max(floor, c.runningSeconds), why: `${v.running} run(s) running` };
    if (v.pending > 0)
        return { seconds: Math.max(floor, c.pendingSeconds), why: `${v.pending} run(s) pending` };
    return { seconds: Math.max(floor, c.pendingSeconds), why: "nothing in flight" };
}
function watchStep(v, c) {
    const handoffMs = v.startedMs + c.timeLimitSeconds * 1000;
    if (v.nowMs >= handoffMs)
        return { kind: "handoff", why: `the watcher's time limit (${c.timeLimitSeconds} s) is reached` };
    if (v.lastTickMs === undefined)
        return { kind: "tick", why: "first tick" };
    const interval = watchInterval(v, c);
    // Intervals are between questions; with nothing in flight (a tick asks nothing), between ticks.
    const inFlight = v.running + v.pending + v.ended > 0;
    const anchor = inFlight ? (v.lastQuestionMs ?? v.lastTickMs) : v.lastTickMs;
    const byInterval = anchor + interval.seconds * 1000;
    const byFloor = v.lastQuestionMs === undefined ? -Infinity : v.lastQuestionMs + Math.max(0, c.floorSeconds) * 1000;
    const due = Math.max(byInterval, byFloor);
    if (v.nowMs >= due)
        return { kind: "tick", why: interval.why };
    if (due >= handoffMs)
        return { kind: "wait", untilMs: handoffMs, why: "until the handover" };
    return {
        kind: "wait",
        untilMs: due,
        why: due === byFloor && byFloor > byInterval ? `${interval.why}; the floor holds the question` : interval.why,
    };
}

// EXTERNAL MODULE: ./lib/src/util/exec.js + 1 modules
var exec = __webpack_require__(2785);
// EXTERNAL MODULE: ./lib/src/git/commitback.js
var commitback = __webpack_require__(7551);
// EXTERNAL MODULE: ./lib/src/git/remote.js
var git_remote = __webpack_require__(6055);
;// CONCATENATED MODULE: ./lib/src/git/follow.js
/**
 * Follow the branch: bring commits that other writers pushed (a launch
 * workflow's new runs, a person's edit) into a long-lived checkout, so the
 * watcher sees them. One fetch (remote.ts: the hardened, config-free fetch),
 * then:
 *  - the checkout is the remote's head, or ahead of it (its own unpushed
 *    commits, which commit-back's backlog pushes): nothing to do;
 *  - tracked files changed in the work tree (a person's edit, a half-written
 *    tick): left alone, said;
 *  - behind: `merge --ff-only`;
 *  - diverged (unpushed tick commits, and the remote moved): those commits are
 *    rebased onto the remote's head; a conflict aborts the rebase and leaves
 *    the checkout as it was (commit-back replays its edits on the next push).
 */





async function followBranch(root, o = {}) {
    const remote = o.remote ?? "origin";
    const checkedOut = await (0,git/* currentBranch */.eR)(root);
    const branch = o.branch ?? checkedOut;
    if (!checkedOut || branch !== checkedOut || !(await (0,git/* hasRemote */.F6)(root, remote)))
        return { outcome: "not followed", text: "the checkout is not on the branch it records to, or has no remote" };
    const secrets = o.token ? [o.token] : [];
    const ctx = { root, remote, target: branch, secrets, ...(await (0,git_remote/* resolveRemote */.Lb)(root, remote, o.token)) };
    const theirs = await (0,git_remote/* fetchBranch */.D_)(ctx);
    const ours = await (0,git/* headSha */.xF)(root);
    if (!theirs || !ours || theirs === ours)
        return { outcome: "up to date", text: `${remote}/${branch} is the checkout's head` };
    if (await (0,git/* isAncestor */.QX)(root, theirs, ours))
        return {
            outcome: "ahead",
            text: `the checkout is ahead of ${remote}/${branch} (its commits are pushed by the next tick)`,
        };
    const dirty = await (0,git/* git */.$Y)(root, ["status", "--porcelain=v1", "--untracked-files=no"], {
        what: "reading the work tree",
    });
    if (dirty.stdout.trim())
        return {
            outcome: "local changes kept",
            text: `${remote}/${branch} has new commits (${(0,git_remote/* short */.h0)(theirs)}), but tracked files are changed in the work tree: not updated`,
        };
    if (await (0,git/* isAncestor */.QX)(root, ours, theirs)) {
        await (0,git/* git */.$Y)(root, ["merge", "--ff-only", "--no-stat", "--quiet", theirs], {
            what: `fast-forwarding to ${remote}/${branch}`,
        });
        return {
            outcome: "fast-forwarded",
            text: `fast-forwarded ${(0,git_remote/* short */.h0)(ours)}..${(0,git_remote/* short */.h0)(theirs)} from ${remote}/${branch}`,
        };
    }
    const who = o.identity ?? commitback/* BOT_IDENTITY */.br;
    const r = await (0,git/* git */.$Y)(root, ["rebase", "--quiet", "--no-autostash", theirs], {
        env: { GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email },
        allowFailure: true,
    });
    if ((0,exec.ok)(r))
        return {
            outcome: "rebased",
            text: `rebased the checkout's unpushed commits onto ${remote}/${branch} (${(0,git_remote/* short */.h0)(theirs)})`,
        };
    await (0,git/* git */.$Y)(root, ["rebase", "--abort"], { allowFailure: true });
    const after = await (0,git/* headSha */.xF)(root);
    if (after !== ours)
        throw new errors/* AutolabError */.t0(`rebasing onto ${remote}/${branch} failed and the checkout could not be restored to ${(0,git_remote/* short */.h0)(ours)}`, {
            file: root,
            hint: `git -C ${root} status; git reset --hard ${ours}`,
        });
    return {
        outcome: "diverged, rebase refused",
        text: `the checkout's unpushed commits conflict with ${remote}/${branch} (${(0,git_remote/* short */.h0)(theirs)}): kept as they are`,
    };
}

// EXTERNAL MODULE: ./lib/src/store/evidence.js
var evidence = __webpack_require__(5679);
// EXTERNAL MODULE: ./lib/src/store/lock.js + 1 modules
var lock = __webpack_require__(7944);
;// CONCATENATED MODULE: ./lib/src/commands/watch.js
/**
 * watch: one long-lived process that ticks on its own clock.
 *
 *  - Every `local_check_seconds` (5 s) it reads the sentinels of the runs in
 *    flight, in their launch snapshot or run dir (no scheduler call).
 *  - It asks the scheduler through a monitor tick (the face injects it: one
 *    command never imports another) when domain/watch.ts says so: at once when
 *    a sentinel shows an end, else on an interval that depends on what is in
 *    flight, and never sooner than the policy floor after the last question.
 *    The tick records and commits as `autolab monitor` does.
 *  - One watcher per checkout (store/lock.ts, `watch.lock`); a second one
 *    exits, naming the holder.
 *  - At the time limit it dispatches its successor (the face's `successor`,
 *    in the action a `workflow_dispatch`) and exits; SIGTERM (the `signal`)
 *    ends the wait at once, never a tick in the middle.
 *  - Before each tick (so at most once per question, never per local check)
 *    it follows the branch (git/follow.ts: one hardened fetch, then a
 *    fast-forward, or a rebase of its own unpushed tick commits), so runs that
 *    a launch elsewhere pushed are watched from that tick on.
 *  - A run that failed, when the policy says a failure fails the job and a
 *    successor can take over, ends this watcher at once (the successor goes
 *    on watching) so the job fails while the failure is news.
 */















async function probesOf(root, rep) {
    const out = [];
    for (const r of rep.runs) {
        if (!tick/* IN_FLIGHT */.Ri.has(r.after))
            continue;
        const abs = external_node_path_.join(root, r.manifestPath);
        const read = await (0,fs/* readOwned */.A4)(root, abs, 16 * 1024 * 1024).catch(() => undefined);
        if (!read?.data)
            continue;
        let m;
        try {
            m = JSON.parse(read.data.toString("utf8"));
        }
        catch {
            continue;
        }
        const ev = (0,discover/* jobRunDir */.Yb)(m, root, external_node_path_.dirname(abs));
        out.push({
            runId: r.runId,
            status: (0,domain_run/* statusOf */.c2)(m),
            jobId: (0,domain_run/* manifestJobId */.Gf)(m),
            dir: ev.workDir ? ev.dir : external_node_path_.dirname(abs),
        });
    }
    return out;
}
/** How many probed runs have a sentinel that says the job reached its end. */
async function endedCount(probes) {
    let n = 0;
    for (const p of probes) {
        const s = await (0,evidence/* readRunSentinel */.AG)(p.dir, p.jobId, (p.jobId ?? "").includes("_"));
        if (s.sentinel.state === "present" && s.sentinel.endedAt)
            n++;
    }
    return n;
}
async function wait(ms, signal) {
    if (ms <= 0)
        return;
    await (0,external_node_timers_promises_.setTimeout)(ms, undefined, { signal }).catch(() => undefined);
}
async function watch(opts) {
    const now = opts.now ?? (() => new Date());
    const log = opts.log ?? (() => undefined);
    const ws = await (0,workspace/* openWorkspace */.O)(opts.cwd);
    const { policy } = await (0,contract_policy/* loadPolicy */.tb)(ws.root);
    const settings = { ...(0,domain_settings/* watchSettings */.dA)(policy), ...opts.settings };
    const notify = (0,domain_settings/* notifySettings */.d)(policy);
    const findings = [];
    const release = await (0,lock/* takeWatchLock */.Em)(ws.root, ws.inGit, now(), (f) => findings.push(f));
    const started = now();
    const report = {
        started_at: (0,time/* isoSeconds */.n)(started),
        ended_at: "",
        ended_by: "signal",
        ticks: 0,
        questions: 0,
        scheduler_calls: 0,
        commits: 0,
        fetches: 0,
        updates: 0,
        failed_runs: [],
        fail_job: notify.failJob,
        findings,
        settings,
    };
    const view = {
        nowMs: started.getTime(),
        startedMs: started.getTime(),
        running: 0,
        pending: 0,
        ended: 0,
        lastTickMoved: false,
    };
    let probes = [];
    log(`watch: floor ${settings.floorSeconds} s, local checks every ${settings.localCheckSeconds} s, hand-over after ${settings.timeLimitSeconds} s`);
    try {
        while (!opts.signal?.aborted) {
            view.nowMs = now().getTime();
            view.ended = probes.length ? await endedCount(probes) : 0;
            const step = watchStep(view, settings);
            if (step.kind === "handoff") {
                report.ended_by = "time_limit";
                break;
            }
            if (step.kind === "wait") {
                await wait(Math.min(step.untilMs - view.nowMs, settings.localCheckSeconds * 1000), opts.signal);
                continue;
            }
            if (opts.follow)
                await follow(ws.root, opts.follow, report, log);
            log(`watch: tick (${step.why})`);
            const rep = await runTick(opts, findings);
            view.lastTickMs = now().getTime();
            if (!rep)
                continue;
            report.ticks++;
            if (rep.scheduler.calls > 0) {
                report.questions++;
                report.scheduler_calls += rep.scheduler.calls;
                view.lastQuestionMs = view.lastTickMs;
            }
            if (rep.commit?.committed)
                report.commits++;
            const moved = rep.runs.filter((r) => r.before !== r.after);
            view.lastTickMoved = moved.length > 0;
            const failed = moved.filter((r) => r.after === "failed").map((r) => r.runId);
            report.failed_runs.push(...failed);
            probes = await probesOf(ws.root, rep);
            view.running = probes.filter((p) => p.status === "running").length;
            view.pending = probes.length - view.running;
            if (opts.afterTick)
                await opts.afterTick(rep).catch((e) => findings.push((0,errors/* findingFromError */.Oo)(e, "watch.publish")));
            if (failed.length && notify.failJob && opts.successor) {
                report.ended_by = "run_failed";
                break;
            }
        }
        if (report.ended_by !== "signal" && opts.successor && !opts.signal?.aborted) {
            try {
                report.successor = await opts.successor();
                log(`watch: ${report.successor}`);
            }
            catch (e) {
                findings.push((0,errors/* findingFromError */.Oo)(e, "watch.successor"));
            }
        }
    }
    finally {
        report.ended_at = (0,time/* isoSeconds */.n)(now());
        await release();
    }
    return report;
}
/** Bring others' commits in before a tick; a failure (remote down) is said once per kind and the watch goes on. */
async function follow(root, o, report, log) {
    report.fetches++;
    try {
        const f = await followBranch(root, o);
        if (f.outcome === "fast-forwarded" || f.outcome === "rebased")
            report.updates++;
        if (f.outcome !== "up to date" && f.outcome !== "ahead")
            log(`watch: ${f.text}`);
    }
    catch (e) {
        const f = (0,errors/* findingFromError */.Oo)(e, "watch.fetch", undefined, { severity: "warning" });
        log(`watch: fetch failed: ${f.message}`);
        if (!report.findings.some((x) => x.check === f.check && x.message === f.message))
            report.findings.push(f);
    }
}
/** One tick; an error (e.g. the checkout lock held by a manual `autolab monitor`) is a finding, and the watch goes on. */
async function runTick(opts, findings) {
    try {
        return await opts.tick();
    }
    catch (e) {
        const f = (0,errors/* findingFromError */.Oo)(e, "watch.tick", undefined, { severity: "warning" });
        opts.log?.(`watch: tick failed: ${f.message}`);
        findings.push(f);
        return undefined;
    }
}

// EXTERNAL MODULE: ./lib/src/github/summary.js
var summary = __webpack_require__(5064);
;// CONCATENATED MODULE: ./lib/src/github/workflows.js

/**
 * The workflow file of GITHUB_WORKFLOW_REF
 * (`owner/repo/.github/workflows/autolab-watch.yml@refs/heads/main` -> `autolab-watch.yml`).
 */
function workflowFileOf(workflowRef) {
    const m = /\/\.github\/workflows\/([^/@]+\.ya?ml)@/.exec(workflowRef ?? "");
    return m?.[1];
}
/** `refs/heads/main` -> `main` (a dispatch takes a branch or tag name). */
function dispatchRef(ref) {
    return ref.replace(/^refs\/(heads|tags)\//, "");
}
function apiError(what, e) {
    const status = e?.status;
    return new errors/* AutolabError */.t0(`GitHub API: ${what} failed${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${e?.message ?? e}`, {
        cause: e,
        hint: status === 403 || status === 404 ? "give the workflow `permissions: actions: write`" : undefined,
    });
}
async function dispatchWorkflow(octokit, r) {
    try {
        await octokit.rest.actions.createWorkflowDispatch({
            owner: r.owner,
            repo: r.repo,
            workflow_id: r.workflow,
            ref: dispatchRef(r.ref),
            ...(r.inputs && Object.keys(r.inputs).length ? { inputs: r.inputs } : {}),
        });
    }
    catch (e) {
        throw apiError(`dispatching ${r.workflow}`, e);
    }
}
/** Runs of `workflow` that are queued or in progress (the watcher is alive, or about to be). */
async function activeRuns(octokit, r) {
    let n = 0;
    for (const status of ["in_progress", "queued"]) {
        try {
            const res = await octokit.rest.actions.listWorkflowRuns({
                owner: r.owner,
                repo: r.repo,
                workflow_id: r.workflow,
                status,
                per_page: 1,
            });
            n += res.data.total_count ?? 0;
        }
        catch (e) {
            throw apiError(`listing runs of ${r.workflow}`, e);
        }
    }
    return n;
}
async function enableWorkflow(octokit, r) {
    try {
        await octokit.rest.actions.enableWorkflow({ owner: r.owner, repo: r.repo, workflow_id: r.workflow });
    }
    catch (e) {
        throw apiError(`enabling ${r.workflow}`, e);
    }
}

;// CONCATENATED MODULE: ./lib/src/github/issues.js

async function commentOnIssue(octokit, r) {
    try {
        const res = await octokit.rest.issues.createComment({
            owner: r.owner,
            repo: r.repo,
            issue_number: r.issue,
            body: r.body,
        });
        return { id: res.data.id, url: res.data.html_url };
    }
    catch (e) {
        const status = e?.status;
        throw new errors/* AutolabError */.t0(`GitHub API: commenting on issue #${r.issue} failed${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${e?.message ?? e}`, {
            cause: e,
            hint: "give the workflow `permissions: issues: write`, and check the issue number in slurm.monitor.notify.tracking_issue",
        });
    }
}

// EXTERNAL MODULE: ./lib/src/report/monitor.js
var report_monitor = __webpack_require__(2679);
;// CONCATENATED MODULE: ./lib/src/report/notify.js
/** A hidden marker naming the run, so a person (or a search) can find the run's comment. */
function noticeMarker(runId) {
    return `<!-- autolab-run-failed: ${runId} -->`;
}
function failureComment(run, links) {
    const base = `${links.serverUrl}/${links.repository}/blob/${links.ref.replace(/^refs\/heads\//, "")}`;
    const lines = [
        noticeMarker(run.runId),
        `**autolab: run \`${run.runId}\` failed**${run.failureReason ? ` (${run.failureReason})` : ""}`,
        "",
        `- iteration: \`${run.iterationId ?? "?"}\``,
        ...(run.jobId ? [`- SLURM job: \`${run.jobId}\``] : []),
        `- manifest: [${run.manifestPath}](${base}/${run.manifestPath})`,
    ];
    if (run.logTail) {
        const tail = run.logTail.split("\n").slice(-20).join("\n").replace(/```/g, "``\u200b`");
        lines.push("", "<details><summary>last lines of the log</summary>", "", "```", tail, "```", "", "</details>");
    }
    lines.push("", `\`autolab logs ${run.runId}\` shows the whole log.`);
    return lines.join("\n") + "\n";
}

;// CONCATENATED MODULE: ./lib/src/report/watch.js
const ENDED_BY = {
    signal: "stopped by a signal",
    time_limit: "time limit reached",
    run_failed: "a run failed (the successor goes on watching)",
};
function watchText(r) {
    const lines = [
        `watched from ${r.started_at} to ${r.ended_at}: ${ENDED_BY[r.ended_by]}`,
        `${r.ticks} tick(s), ${r.questions} scheduler question(s) (${r.scheduler_calls} client call(s)), ${r.commits} commit(s), ${r.fetches} fetch(es) of the branch (${r.updates} brought others' commits)`,
    ];
    if (r.failed_runs.length)
        lines.push(`failed run(s): ${r.failed_runs.join(", ")}`);
    if (r.successor)
        lines.push(`successor: ${r.successor}`);
    return lines.map((l) => l + "\n").join("");
}
/** The step's failure message when runs failed and the policy says that fails the job (undefined: it does not). */
function watchFailure(r) {
    if (!r.fail_job || !r.failed_runs.length)
        return undefined;
    return `${r.failed_runs.length} run(s) failed: ${r.failed_runs.join(", ")}`;
}
function watchOutputs(r) {
    return [
        ["ended-by", r.ended_by],
        ["failed-runs", JSON.stringify(r.failed_runs)],
        ["status", r.failed_runs.length ? "failed" : "ok"],
    ];
}
/** The job summary of one watcher: how long, how often it asked, what it committed, who follows. */
function watchSummary(r) {
    const s = r.settings;
    const rows = [
        ["watched", `${r.started_at} to ${r.ended_at}`],
        ["ended", ENDED_BY[r.ended_by]],
        ["ticks", String(r.ticks)],
        [
            "scheduler questions",
            `${r.questions} (${r.scheduler_calls} client calls; never closer than ${s.floorSeconds} s)`,
        ],
        ["commits", String(r.commits)],
        ["failed runs", r.failed_runs.length ? r.failed_runs.map((id) => `\`${id}\``).join(", ") : "none"],
        ["successor", r.successor ?? "none"],
    ];
    return [
        "## autolab watch",
        "",
        "| | |",
        "| --- | --- |",
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
        "",
        ...r.findings.map((f) => `- **${f.severity}** ${f.check}: ${f.message}`),
        "",
    ].join("\n");
}

// EXTERNAL MODULE: ./lib/src/action/publish.js + 5 modules
var publish = __webpack_require__(502);
;// CONCATENATED MODULE: ./lib/src/util/signals.js
/** SIGTERM and SIGINT as an AbortSignal, for the faces' long-lived commands (watch, logs --follow). */
async function untilStopped(fn) {
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
    try {
        return await fn(stop.signal);
    }
    finally {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
    }
}

;// CONCATENATED MODULE: ./lib/src/action/watch.js
/**
 * The action's `command: watch`, and what a monitor tick does after it in the
 * action (failure comments, a watcher kept alive). Thin: commands/watch and
 * commands/notify decide and record; src/github sends; report/ says what to show.
 *
 * - watch: ticks (commands/monitor) on the watcher's clock; after each tick
 *   the run check runs are published as the monitor's are; at the time limit
 *   the successor is dispatched (`workflow_dispatch` of this run's own
 *   workflow file, GITHUB_WORKFLOW_REF) and the `monitor-workflow` is
 *   re-enabled (its schedule is the safety net). SIGTERM/SIGINT (a cancelled
 *   run) end the wait at once.
 * - A tick whose runs failed: one comment per run on the policy's tracking
 *   issue (recorded, never twice), and, unless the policy says otherwise, the
 *   step fails naming them.
 */















/** One comment per failed run of this tick on the tracking issue (when the policy names one). */
async function announceFailures(step, rep) {
    const issue = rep.notify?.trackingIssue;
    const failed = (0,report_monitor/* failedThisTick */.J2)(rep.runs);
    if (!issue || !failed.length)
        return;
    const { octokit, ctx } = step;
    if (!octokit || !ctx.repository) {
        core/* warning */.$e(`cannot comment on issue #${issue}: no token for the GitHub API`);
        return;
    }
    const links = {
        serverUrl: ctx.serverUrl,
        repository: `${ctx.repository.owner}/${ctx.repository.repo}`,
        ref: ctx.ref,
    };
    const runs = failed.map((r) => ({
        runId: r.runId,
        iterationId: r.iterationId,
        jobId: r.jobId,
        manifestPath: r.manifestPath,
        failureReason: r.failureReason,
        logTail: r.logTail,
    }));
    const res = await notifyFailures({
        ...step.common,
        issue,
        runs,
        post: (run) => commentOnIssue(octokit, { ...ctx.repository, issue, body: failureComment(run, links) }).then((c) => ({
            id: c.id,
        })),
    });
    if (res.posted.length)
        core/* info */.pq(`commented on issue #${issue} for ${res.posted.join(", ")}`);
    for (const f of res.findings)
        core/* warning */.$e((0,errors/* formatFinding */.tf)(f));
}
/** The policy's retention (`slurm.monitor.retention.gc_older_than`): gc after the tick. */
async function retentionAfterTick(step, rep) {
    if (!rep.retentionSeconds || rep.dryRun)
        return;
    try {
        const res = await gc({ cwd: step.common.cwd, olderThanSeconds: rep.retentionSeconds });
        core/* info */.pq(gcText(res).trimEnd());
    }
    catch (e) {
        core/* warning */.$e((0,errors/* formatError */.Wk)(e));
    }
}
/** monitor with `watch-workflow`: start a watcher when none of its runs is queued or in progress. */
async function keepWatcherAlive(step) {
    const { octokit, ctx, inputs } = step;
    if (!inputs.watchWorkflow)
        return;
    if (!octokit || !ctx.repository) {
        core/* warning */.$e(`cannot start ${inputs.watchWorkflow}: no token for the GitHub API`);
        return;
    }
    try {
        const alive = await activeRuns(octokit, { ...ctx.repository, workflow: inputs.watchWorkflow });
        if (alive) {
            core/* info */.pq(`watcher ${inputs.watchWorkflow}: ${alive} run(s) queued or in progress`);
            return;
        }
        await dispatchWorkflow(octokit, { ...ctx.repository, workflow: inputs.watchWorkflow, ref: ctx.ref });
        core/* info */.pq(`no watcher was alive: dispatched ${inputs.watchWorkflow} on ${dispatchRef(ctx.ref)}`);
    }
    catch (e) {
        core/* warning */.$e((0,errors/* formatError */.Wk)(e));
    }
}
/** The successor: this run's own workflow file, dispatched on the same branch; the monitor's schedule kept enabled. */
function successorOf(step) {
    const { octokit, ctx, inputs } = step;
    const workflow = workflowFileOf(ctx.workflowRef);
    if (!octokit || !ctx.repository || !workflow)
        return undefined;
    const repo = ctx.repository;
    return async () => {
        if (inputs.monitorWorkflow) {
            await enableWorkflow(octokit, { ...repo, workflow: inputs.monitorWorkflow }).catch((e) => core/* warning */.$e((0,errors/* formatError */.Wk)(e)));
        }
        await dispatchWorkflow(octokit, { ...repo, workflow, ref: ctx.ref });
        return `dispatched ${workflow} on ${dispatchRef(ctx.ref)}`;
    };
}
async function actionWatch(step) {
    const { inputs, ctx, repoRoot, octokit, budget, common, scheduler } = step;
    const successor = successorOf(step);
    if (!successor)
        core/* warning */.$e("no successor can be dispatched (needs a token and GITHUB_WORKFLOW_REF): the watcher stops at its time limit and the scheduled monitor starts the next one");
    await untilStopped(async (signal) => {
        const rep = await watch({
            cwd: common.cwd,
            signal,
            settings: inputs.timeLimitSeconds ? { timeLimitSeconds: inputs.timeLimitSeconds } : {},
            log: common.log,
            successor,
            follow: common.push ? { branch: common.branch, token: common.token } : undefined,
            tick: () => (0,monitor/* monitor */.d)({ ...common, scheduler }),
            afterTick: async (t) => {
                if ((0,report_monitor/* changedRuns */.lY)(t).length)
                    core/* info */.pq((0,report_monitor/* monitorText */.A2)(t));
                if (octokit && ctx.repository) {
                    // The budget is per tick: a watcher ticks for hours.
                    budget.used = 0;
                    budget.refused = 0;
                    await (0,publish/* publishAfterTick */.HM)({ octokit, budget }, ctx, repoRoot, { logTails: (0,report_monitor/* logTailsOf */.dk)(t) });
                }
                await announceFailures(step, t);
                await retentionAfterTick(step, t);
            },
        });
        for (const [name, value] of watchOutputs(rep))
            core/* setOutput */.uH(name, value);
        await (0,summary/* writeSummary */.S)(watchSummary(rep));
        for (const f of rep.findings)
            core/* warning */.$e((0,errors/* formatFinding */.tf)(f));
        const failed = watchFailure(rep);
        if (failed)
            core/* setFailed */.C1(failed);
    });
}


/***/ }),

/***/ 3355:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  d: () => (/* binding */ monitor_monitor)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/contract/policy.js
var contract_policy = __webpack_require__(751);
// EXTERNAL MODULE: ./lib/src/scheduler/job-user.js
var job_user = __webpack_require__(2359);
// EXTERNAL MODULE: ./lib/src/domain/layout.js
var layout = __webpack_require__(545);
// EXTERNAL MODULE: ./lib/src/domain/cluster-answers.js
var cluster_answers = __webpack_require__(331);
;// CONCATENATED MODULE: ./lib/src/domain/outage.js


/** The previous per-cluster outages; a state file from before per-cluster counts: the default cluster's. */
function previousClusters(prev) {
    if (prev?.clusters && typeof prev.clusters === "object")
        return prev.clusters;
    const n = typeof prev?.consecutive_failed_ticks === "number" ? prev.consecutive_failed_ticks : 0;
    if (n <= 0)
        return {};
    return {
        "": {
            consecutive_failed_ticks: n,
            first_failed_at: prev?.first_failed_at ?? prev?.last_poll_error_at ?? "",
            last_poll_error: prev?.last_poll_error ?? "unknown",
        },
    };
}
/**
 * @param q the scheduler was asked this tick (`asked`); `failed`: the clusters
 *   that did not answer. Without `failed`, `ok: false` is the one cluster's outage.
 */
function outageStep(prev, q, at, escalateAfterTicks) {
    const before = previousClusters(prev);
    const failed = q.asked
        ? q.failed?.length
            ? [...q.failed]
            : q.ok
                ? []
                : [{ error: q.error ?? "the scheduler query failed" }]
        : [];
    const now = {};
    for (const f of failed) {
        const k = f.cluster ?? "";
        const p = before[k];
        now[k] = {
            consecutive_failed_ticks: (p?.consecutive_failed_ticks ?? 0) + 1,
            first_failed_at: p ? p.first_failed_at || at : at,
            last_poll_error: f.error,
        };
    }
    const recovered = Object.entries(before).filter(([k]) => !(k in now));
    const recoveredFinding = recovered.length
        ? {
            severity: "notice",
            check: "scheduler.recovered",
            message: recovered
                .map(([k, v]) => k
                ? `${(0,cluster_answers/* clusterLabel */.Xf)(k)} answers again after ${v.consecutive_failed_ticks} failed tick(s) (last error: ${v.last_poll_error})`
                : `the scheduler answers again after ${v.consecutive_failed_ticks} failed tick(s) (last error: ${v.last_poll_error})`)
                .join("; "),
            file: layout/* MONITOR_STATE_PATH */.B7,
        }
        : undefined;
    if (failed.length) {
        const keys = Object.keys(now);
        const n = Math.max(...keys.map((k) => now[k].consecutive_failed_ticks));
        const escalated = n >= escalateAfterTicks;
        const named = keys.filter((k) => k !== "");
        const single = !q.partial && keys.length === 1 && keys[0] === "";
        const error = single ? failed[0].error : failed.map((f) => `${(0,cluster_answers/* clusterLabel */.Xf)(f.cluster ?? "")}: ${f.error}`).join("; ");
        const firsts = keys.map((k) => now[k].first_failed_at).sort();
        const counts = keys.map((k) => `${(0,cluster_answers/* clusterLabel */.Xf)(k)} ${now[k].consecutive_failed_ticks}`).join(", ");
        const who = single ? "the scheduler did not answer" : `${keys.map(cluster_answers/* clusterLabel */.Xf).join(" and ")} did not answer`;
        const scope = q.partial
            ? `no run on ${keys.length === 1 ? "it" : "them"} was changed (${failed.reduce((a, f) => a + (f.runs ?? 0), 0)} job(s) asked there); runs on the clusters that answered were decided`
            : "no run was changed";
        const state = {
            ...(prev ?? {}),
            schema_version: "1.0",
            last_tick_at: at,
            consecutive_failed_ticks: n,
            last_poll_error: error,
            last_poll_error_at: at,
            first_failed_at: firsts[0],
        };
        if (single)
            delete state.clusters;
        else
            state.clusters = now;
        if (q.partial)
            state.last_ok_at = at;
        return {
            outage: { consecutiveFailedTicks: n, escalated, error, ...(named.length ? { clusters: named } : {}) },
            state,
            finding: {
                severity: escalated ? "error" : "warning",
                check: "scheduler.outage",
                message: `${who} (${error}); ${scope}. ${single ? `${n} consecutive failed tick(s)` : `consecutive failed ticks: ${counts}`}${escalated ? `, at or above the escalation threshold of ${escalateAfterTicks}` : ` (escalated at ${escalateAfterTicks})`}${recoveredFinding ? `. ${recoveredFinding.message}` : ""}`,
                file: layout/* MONITOR_STATE_PATH */.B7,
                hint: `check slurmctld, slurmdbd and munged ${named.length ? `of ${named.join(", ")} ` : "on the cluster "}(scontrol ping${named.length ? ` -M ${named[0]}` : ""}, sacctmgr show cluster, munge -n | unmunge); the next tick retries`,
            },
        };
    }
    if (recovered.length) {
        const state = {
            ...prev,
            schema_version: "1.0",
            last_tick_at: at,
            ...(q.asked ? { last_ok_at: at } : {}),
            consecutive_failed_ticks: 0,
        };
        delete state.clusters;
        return { state, finding: recoveredFinding };
    }
    return {};
}

// EXTERNAL MODULE: ./lib/src/domain/run.js
var run = __webpack_require__(5086);
// EXTERNAL MODULE: ./lib/src/domain/settings.js
var domain_settings = __webpack_require__(4822);
// EXTERNAL MODULE: ./lib/src/domain/run-index.js
var run_index = __webpack_require__(8739);
// EXTERNAL MODULE: ./lib/src/domain/tick.js + 2 modules
var tick = __webpack_require__(3915);
// EXTERNAL MODULE: ./lib/src/domain/time.js
var time = __webpack_require__(7098);
// EXTERNAL MODULE: ./lib/src/git/record.js
var record = __webpack_require__(9252);
// EXTERNAL MODULE: ./lib/src/ledger/sync.js
var sync = __webpack_require__(1735);
// EXTERNAL MODULE: ./lib/src/store/lock.js + 1 modules
var lock = __webpack_require__(7944);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/src/ledger/ledger.js
var ledger_ledger = __webpack_require__(9569);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var util_errors = __webpack_require__(1940);
;// CONCATENATED MODULE: ./lib/src/ledger/stream.js
/**
 * The ledger file read and upserted as a stream: a ledger of any length
 * (1,000,000 lines is about 107 MB) in bounded memory. The rules stay in
 * ledger.ts: each block of whole lines is parsed by `indexLedger`, and the
 * run's findings come from `verifyRunInLedger`; this module only carries line
 * numbers across blocks and finds duplicate lines across the whole file.
 *
 * Memory: one read buffer of 64 KB and its decoded block (short-lived, so
 * the collector keeps up), the lines of the one run asked about, the
 * ledger's problems, and for `verifyLedgerStream` 12 to 24 bytes per
 * distinct run id (a hash table of 52-bit run-id hashes; two ids
 * whose hashes meet are compared by a second pass, so a hash collision never
 * makes a duplicate).
 */






/** Bytes read at a time (`chunk` parameters: smaller in tests, to cross block boundaries often). */
const CHUNK = (/* unused pure expression or super */ null && (64 * 1024));
/** Count of lines in `text` (a last line without a line end counts). */
function lineCount(text) {
    let n = 0;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
        n++;
    return text.length && !text.endsWith("\n") ? n + 1 : n;
}
/** The file at `fd` as blocks of whole lines, strict UTF-8, the byte order mark (if any) reported and left out. */
function* blocks(fd, shown, bom, chunk = CHUNK) {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const buf = Buffer.allocUnsafe(chunk);
    let carry = "";
    let next = 1;
    let first = true;
    let pos = 0;
    for (;;) {
        const n = readSync(fd, buf, 0, chunk, pos);
        pos += n;
        let text;
        try {
            text = carry + decoder.decode(buf.subarray(0, n), { stream: n > 0 });
        }
        catch {
            // Where exactly: the whole file decoded once, as readLedger would (only on this error, and only if it is not huge).
            const size = fstatSync(fd).size;
            if (size <= 64 * 1024 * 1024) {
                const all = Buffer.alloc(size);
                readSync(fd, all, 0, size, 0);
                decodeUtf8Strict(all, shown, true);
            }
            throw new AutolabError(`file is not valid UTF-8 (after line ${next - 1})`, {
                file: shown,
                line: next,
                hint: "save the file as UTF-8",
            });
        }
        if (first && text.length) {
            first = false;
            if (text.charCodeAt(0) === 0xfeff) {
                bom.seen = true;
                text = text.slice(1);
            }
        }
        if (n === 0) {
            if (text.length)
                yield { text, firstLine: next, lines: lineCount(text) };
            return;
        }
        const cut = text.lastIndexOf("\n") + 1;
        carry = text.slice(cut);
        if (cut > 0) {
            const whole = text.slice(0, cut);
            const lines = lineCount(whole);
            yield { text: whole, firstLine: next, lines };
            next += lines;
        }
    }
}
/** A problem of a block, at its line in the file. */
function shiftProblem(p, offset) {
    const line = p.line + offset;
    return {
        ...p,
        line,
        lines: p.lines.map((l) => l + offset),
        message: p.message.replace(/^line \d+/, `line ${line}`),
    };
}
/** Two 26-bit FNV-1a hashes of `s` as one positive number below 2^52. */
function hash52(s) {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    return (a >>> 6) * 67108864 + (b >>> 6) + 1;
}
/** Run-id hash -> first line, open addressing in typed arrays (12 bytes a slot). */
class FirstLines {
    keys = new Float64Array(1 << 16);
    vals = new Int32Array(1 << 16);
    used = 0;
    /** The first line recorded for `h`, after recording `line` when it is the first. */
    firstOf(h, line) {
        if (this.used * 2 >= this.keys.length)
            this.grow();
        const mask = this.keys.length - 1;
        for (let i = h % this.keys.length;; i = (i + 1) & mask) {
            if (this.keys[i] === 0) {
                this.keys[i] = h;
                this.vals[i] = line;
                this.used++;
                return line;
            }
            if (this.keys[i] === h)
                return this.vals[i];
        }
    }
    grow() {
        const { keys, vals } = this;
        this.keys = new Float64Array(keys.length * 2);
        this.vals = new Int32Array(keys.length * 2);
        this.used = 0;
        for (let i = 0; i < keys.length; i++)
            if (keys[i] !== 0)
                this.firstOf(keys[i], vals[i]);
    }
}
function duplicateProblem(runId, ls) {
    return {
        kind: "duplicate",
        line: ls[1],
        lines: ls,
        runId,
        message: `run ${runId} has ${ls.length} ledger lines (lines ${ls.join(", ")}); keep exactly one`,
    };
}
/**
 * The findings `verifyLedger` gives for run `m` on the ledger at `absPath`,
 * read as a stream; undefined when the file does not exist. Never through a
 * link (as readLedger).
 */
function stream_verifyLedgerStream(absPath, m, shown, root, chunk = CHUNK) {
    const opened = openOwnedSync(root, absPath, shown);
    if (!opened)
        return undefined;
    const runId = String(m.run_id);
    const mine = [];
    const malformedMine = [];
    const problems = [];
    const seen = new FirstLines();
    /** hashes met twice: the lines to compare in a second pass */
    const suspects = new Map();
    const scan = (visit, withProblems) => {
        for (const b of blocks(opened.fd, shown, { seen: false }, chunk)) {
            const ix = indexLedger(b.text);
            const offset = b.firstLine - 1;
            for (const e of ix.entries)
                visit({ ...e, line: e.line + offset });
            if (!withProblems)
                continue;
            for (const p of ix.problems) {
                if (p.kind === "duplicate")
                    continue; // found across the whole file below
                const q = shiftProblem(p, offset);
                problems.push(q);
                if (q.runId === runId)
                    malformedMine.push(q.line);
            }
        }
    };
    try {
        scan((e) => {
            if (e.runId === runId)
                mine.push(e);
            const h = hash52(e.runId);
            const first = seen.firstOf(h, e.line);
            if (first !== e.line) {
                const s = suspects.get(h) ?? new Set([first]);
                s.add(e.line);
                suspects.set(h, s);
            }
        }, true);
        if (suspects.size) {
            // Second pass: the lines whose run ids hashed alike, compared as text.
            const wanted = new Set();
            for (const s of suspects.values())
                for (const l of s)
                    wanted.add(l);
            const byRun = new Map();
            scan((e) => {
                if (!wanted.has(e.line))
                    return;
                const ls = byRun.get(e.runId) ?? [];
                ls.push(e.line);
                byRun.set(e.runId, ls);
            }, false);
            for (const [id, ls] of byRun)
                if (ls.length > 1)
                    problems.push(duplicateProblem(id, ls));
        }
    }
    finally {
        closeSync(opened.fd);
    }
    problems.sort((a, b) => a.line - b.line);
    const ix = {
        lines: [],
        entries: mine,
        problems,
        byRun: mine.length ? new Map([[runId, mine.map((_, k) => k)]]) : new Map(),
        malformedByRun: malformedMine.length ? new Map([[runId, malformedMine]]) : new Map(),
    };
    return verifyRunInLedger(ix, m, shown);
}
/**
 * upsertLedger for one run on the ledger file, as a stream: the file is
 * copied block by block into a temp file beside it, the run's line replaced
 * (or appended), then synced and renamed over the ledger; nothing is written
 * when the line is already there, and nothing at all (temp removed) when the
 * run's lines are malformed or duplicated. Undefined when the file does not
 * exist (the caller creates it). Never through a link (as readLedger).
 */
function stream_upsertLedgerStream(absPath, m, shown, root, chunk = CHUNK) {
    const canonical = canonicalLine(m);
    const opened = openOwnedSync(root, absPath, shown);
    if (!opened)
        return undefined;
    const runId = String(m.run_id);
    const needle = `run_id=${runId}`;
    const tmp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    let out;
    let keep = false;
    try {
        out = openSync(tmp, "wx", 0o644);
        const bom = { seen: false };
        let wroteBom = false;
        const mine = [];
        const malformed = [];
        let replaced;
        let total = 0;
        let firstEol;
        let endsWithEol = true;
        for (const b of blocks(opened.fd, shown, bom, chunk)) {
            if (bom.seen && !wroteBom) {
                writeSync(out, "\uFEFF");
                wroteBom = true;
            }
            if (firstEol === undefined) {
                const nl = b.text.indexOf("\n");
                if (nl >= 0)
                    firstEol = nl > 0 && b.text.charCodeAt(nl - 1) === 13 ? "\r\n" : "\n";
            }
            endsWithEol = b.text.endsWith("\n");
            total = b.firstLine - 1 + b.lines;
            let text = b.text;
            // Only a line that holds `run_id=<run>` can be the run's line or a malformed line naming it.
            for (let from = 0, at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, from)) {
                const start = text.lastIndexOf("\n", at) + 1;
                const nl = text.indexOf("\n", at);
                const end = nl < 0 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
                const lineNo = b.firstLine + lineCount(text.slice(0, start));
                const ix = indexLedger(text.slice(start, end));
                if (ix.byRun.has(runId)) {
                    mine.push(lineNo);
                    if (!replaced) {
                        replaced = { line: lineNo, same: text.slice(start, end) === canonical };
                        text = text.slice(0, start) + canonical + text.slice(end);
                        from = start + canonical.length; // the line end, in the text as it is now
                        continue;
                    }
                }
                else if (ix.malformedByRun.has(runId))
                    malformed.push(lineNo);
                from = end; // on to the next line
            }
            writeSync(out, text);
        }
        if (malformed.length || mine.length > 1) {
            const parts = [];
            if (malformed.length)
                parts.push(`malformed line(s) ${malformed.join(", ")}`);
            if (mine.length > 1)
                parts.push(`${mine.length} ledger lines (${mine.join(", ")})`);
            throw new AutolabError(`run ${runId} has ${parts.join(" and ")} in the ledger; not updating it`, {
                line: [...malformed, ...mine].sort((a, b) => a - b)[0],
                hint: `fix the ledger by hand so that run ${runId} has exactly one line of the form \`${LEDGER_FORMAT}\``,
            });
        }
        if (replaced?.same)
            return { action: "unchanged", line: replaced.line };
        if (bom.seen && !wroteBom)
            writeSync(out, "\uFEFF");
        let line = replaced?.line;
        if (line === undefined) {
            const eol = firstEol ?? "\n";
            // No final newline: end the old last line and keep the new one unterminated (as upsertLedger).
            writeSync(out, total > 0 && !endsWithEol ? eol + canonical : canonical + eol);
            line = total + 1;
        }
        fsyncSync(out);
        closeSync(out);
        out = undefined;
        renameSync(tmp, absPath);
        keep = true;
        return { action: replaced ? "updated" : "added", line };
    }
    finally {
        closeSync(opened.fd);
        if (out !== undefined)
            closeSync(out);
        if (!keep) {
            try {
                unlinkSync(tmp);
            }
            catch {
                // never created
            }
        }
    }
}

;// CONCATENATED MODULE: ./lib/src/ledger/io.js
/**
 * Reading and writing the ledger file (thin adapter around ledger.ts).
 * A missing ledger reads as absent; writing creates `docs/` and the file with
 * a short header. Writes are atomic.
 */



/** Default location, relative to the repository root. */



/**
 * The ledger's text (a UTF-8 byte order mark kept, so that an upsert writes
 * it back), or undefined when the file does not exist. Never read through a
 * link: the file, or a directory on its way from `root` (derived from a
 * repo-relative `displayPath` when not given), being a symlink, a FIFO or
 * another non-regular file is an AutolabError naming it.
 */
async function readLedger(absPath, displayPath = absPath, root = (0,fs/* rootOf */.I5)(absPath, displayPath)) {
    const buf = await (0,fs/* readOwnedBytes */.pW)(root, absPath, displayPath, MAX_LEDGER_BYTES);
    return buf === undefined ? undefined : (0,fs/* decodeUtf8Strict */.h0)(buf, displayPath, true);
}
/** A ledger larger than this is refused (a clear error instead of unbounded memory). */
const MAX_LEDGER_BYTES = 64 * 1024 * 1024;
async function writeLedger(absPath, text) {
    await writeFileAtomic(absPath, text);
}
/**
 * Upsert one run into the ledger file and write it when it changed.
 * Throws (nothing written) when the run's lines are malformed or duplicated.
 * The file is streamed (ledger/stream.ts): a ledger of any length in bounded
 * memory, so no size limit applies here.
 */
async function upsertLedgerFile(absPath, m, displayPath = absPath) {
    try {
        const streamed = upsertLedgerStream(absPath, m, displayPath, rootOf(absPath, displayPath));
        if (streamed)
            return { ...streamed, created: false };
        const r = upsertLedger(LEDGER_HEADER, m);
        await writeLedger(absPath, r.text);
        return { action: r.action, line: r.line, created: true };
    }
    catch (e) {
        throw inLedgerFile(e, displayPath);
    }
}
/**
 * The findings `verifyLedger` gives for run `m` against the ledger file
 * (undefined: there is no ledger), streamed in bounded memory.
 */
function verifyLedgerFile(absPath, m, displayPath = absPath) {
    return verifyLedgerStream(absPath, m, displayPath, rootOf(absPath, displayPath));
}
/** Upsert many runs in one read and at most one write (for the monitor). */
async function upsertManyFile(absPath, manifests, displayPath = absPath) {
    const existing = await readLedger(absPath, displayPath);
    const before = existing ?? LEDGER_HEADER;
    const { text, results } = upsertMany(before, manifests);
    for (const r of results)
        if (r.error)
            r.error = inLedgerFile(r.error, displayPath);
    const changed = text !== existing && results.some((r) => r.action === "added" || r.action === "updated");
    if (changed)
        await writeLedger(absPath, text);
    return { results, written: changed };
}

;// CONCATENATED MODULE: ./lib/src/version.js
/** Version of autolab-slurm; kept equal to package.json's by a test. */
const VERSION = "0.1.0";
/** The file format generation this tool reads and writes (the Python autolab tool's). */
const SCHEMA_VERSION = "1.0";

;// CONCATENATED MODULE: ./lib/src/store/run-index.js
/**
 * The run index file: `<git dir>/autolab/run-index.json`, a cache of what a
 * tick learnt about finished, extracted runs (domain/run-index.ts decides what
 * it may be trusted for) and the question the next tick asks the scheduler
 * first. It lives in the git dir, so it is never committed, never seen by
 * another checkout, and dropped with the clone. Outside git there is no index
 * and every run is read.
 *
 * Missing, unreadable, corrupt, of another format or tool version, or made for
 * another checkout: the tick reads every run and writes a fresh one. Written
 * atomically but without fsync: a crash can lose it (the next tick rebuilds
 * it), never leave half of it.
 *
 * Read in two steps: the head (identity and next question, one short line)
 * at once, so the tick can ask the scheduler before it walks the repository;
 * the entries when discovery is done.
 */









const RUN_INDEX_FILE = external_node_path_.join("autolab", "run-index.json");
/** A fixed manifest: its ledger line changes when the tool's line does, and so the index is rebuilt. */
const PROBE = {
    schema_version: "1.0",
    run_id: "20000101T000000Z_000000",
    iteration_id: "probe",
    host_mode: "slurm",
    status: "completed",
    command: "",
    resource_request: {},
    artifact_sync_to_local: {},
    timestamps: { started_at: "2000-01-01T00:00:00Z" },
    job_id: "1",
};
function runIndexIdentity(root) {
    return { root, probe: `${VERSION} ${(0,ledger_ledger/* canonicalLine */.nm)(PROBE)}` };
}
function indexPath(ws) {
    return ws.gitDir ? external_node_path_.join(ws.gitDir, RUN_INDEX_FILE) : undefined;
}
/** The ledger file's stamp (not following a link), "none" without one: whether it changed since a tick. */
function ledgerStamp(ws) {
    try {
        const st = (0,external_node_fs_.lstatSync)(external_node_path_.join(ws.root, layout/* LEDGER_PATH */.Kd), { throwIfNoEntry: false });
        return st ? `${st.isFile() ? "f" : "x"}:${(0,run_index/* stampKey */.Fp)(st)}` : "none";
    }
    catch {
        return "error";
    }
}
/**
 * The checkout's run index, or undefined (none, outside git, or a doubtful
 * head: then every run is read). The entries are ASCII by construction; a file
 * that is not is decoded as UTF-8 (and then found doubtful).
 */
async function openRunIndex(ws) {
    const file = indexPath(ws);
    if (!file)
        return undefined;
    let buf;
    try {
        buf = await (0,promises_.readFile)(file);
    }
    catch {
        return undefined;
    }
    const nl = buf.indexOf(0x0a);
    if (nl < 0)
        return undefined;
    const head = (0,run_index/* parseRunIndexHead */.V)(buf.toString("utf8", 0, nl), runIndexIdentity(ws.root));
    if (!head)
        return undefined;
    let parsed;
    return {
        ...head,
        entries() {
            if (!parsed) {
                const body = buf.subarray(nl + 1);
                const text = (0,external_node_buffer_.isAscii)(body) ? body.toString("latin1") : body.toString("utf8");
                parsed = { entries: (0,run_index/* parseRunIndexEntries */.fV)(text) };
            }
            return parsed.entries;
        },
    };
}
/** The checkout's run index entries, or undefined (none, outside git, or doubtful: then every run is read). */
async function readRunIndex(ws) {
    return (await openRunIndex(ws))?.entries();
}
/** Replace the checkout's run index (a cache: a failure to write it is ignored). */
async function writeRunIndex(ws, index, next) {
    const file = indexPath(ws);
    if (!file)
        return;
    try {
        await (0,fs/* writeFileAtomic */.Zf)(file, (0,run_index/* serializeRunIndex */.sU)(index, runIndexIdentity(ws.root), next), { sync: false });
    }
    catch {
        // A cache only: the next tick reads every run and tries again.
    }
}

// EXTERNAL MODULE: ./lib/src/store/workspace.js
var workspace = __webpack_require__(7749);
// EXTERNAL MODULE: ./lib/src/contract/design.js
var contract_design = __webpack_require__(543);
// EXTERNAL MODULE: ./lib/src/contract/manifest.js
var manifest = __webpack_require__(1372);
// EXTERNAL MODULE: ./lib/src/contract/vocabulary.js
var vocabulary = __webpack_require__(345);
// EXTERNAL MODULE: ./lib/src/report/job-usage.js
var job_usage = __webpack_require__(6872);
// EXTERNAL MODULE: ./lib/src/store/discover.js
var discover = __webpack_require__(6301);
// EXTERNAL MODULE: ./lib/src/contract/validate.js + 3 modules
var validate = __webpack_require__(4024);
// EXTERNAL MODULE: ./lib/src/util/exec.js + 1 modules
var exec = __webpack_require__(2785);
// EXTERNAL MODULE: ./lib/src/domain/placeholders.js
var placeholders = __webpack_require__(5973);
// EXTERNAL MODULE: ./lib/src/domain/sentinel.js
var sentinel = __webpack_require__(3695);
;// CONCATENATED MODULE: ./lib/src/domain/metrics.js


const METRICS_SCHEMA_VERSION = "1.0";
const FINISHED_OK = new Set(["completed", "synced", "partial"]);
function isObject(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
/** What the manifest and the sentinel say about a run, and whether the parser may run. */
function planExtraction(manifest, sentinel) {
    const missing = [];
    const status = manifest.status;
    const failed = status === "failed";
    const slurm = isObject(manifest.slurm) ? manifest.slurm : {};
    if (!failed && !FINISHED_OK.has(String(status))) {
        missing.push(`run has not finished (status ${status ?? "unknown"})`);
    }
    if (failed && typeof slurm.submit_error === "string" && slurm.submit_error) {
        missing.push(`job was not submitted: ${slurm.submit_error}`);
    }
    let sentinelExit;
    // The Python autolab tool's job scripts write no sentinel: its absence is no missing evidence there.
    if (sentinel.state === "missing") {
        if ((0,run/* writesSentinel */.X9)(manifest))
            missing.push("job sentinel missing");
    }
    else if (sentinel.state === "invalid")
        missing.push(`job sentinel unreadable: ${sentinel.error}`);
    else if (sentinel.exitCode === undefined)
        missing.push("job sentinel has no exit_code (the job did not finish)");
    else {
        sentinelExit = sentinel.exitCode;
        if (sentinelExit !== 0)
            missing.push(`job exited with code ${sentinelExit}`);
    }
    if (failed) {
        const state = typeof slurm.state === "string" ? slurm.state.trim() : "";
        if (state && !/^COMPLETED\b/i.test(state))
            missing.push(`SLURM state ${state}`);
        const ec = typeof slurm.exit_code === "string" ? /^(\d+):(\d+)$/.exec(slurm.exit_code.trim()) : null;
        if (ec && sentinelExit === undefined) {
            if (ec[1] !== "0")
                missing.push(`job exited with code ${ec[1]}`);
            else if (ec[2] !== "0")
                missing.push(`job killed by signal ${ec[2]}`);
        }
        if (typeof slurm.failure_reason === "string" && slurm.failure_reason)
            missing.push(`failure reason: ${slurm.failure_reason}`);
    }
    const sync = isObject(manifest.artifact_sync_to_local) ? manifest.artifact_sync_to_local : {};
    const syncOk = (0,vocabulary/* isSuccessLike */.j)(sync.status);
    if (!syncOk) {
        const raw = typeof sync.status === "string" && sync.status ? sync.status : "missing";
        const err = typeof sync.error === "string" && sync.error ? `: ${sync.error}` : "";
        missing.push(`artifact sync status is ${raw}${err}`);
        if (Array.isArray(sync.missing)) {
            for (const m of sync.missing)
                if (typeof m === "string")
                    missing.push(`artifact output missing: ${m}`);
        }
    }
    if (failed) {
        if (missing.length === 0)
            missing.push("run status is failed");
        missing.push("primary metric not computed: the run failed");
        return { runParser: false, forcedStatus: "failed", missing };
    }
    if (!syncOk || !FINISHED_OK.has(String(status))) {
        missing.push("primary metric not computed: " + (!syncOk ? "artifacts are not synced" : "the run has not finished"));
        return { runParser: false, forcedStatus: "partial", missing };
    }
    return { runParser: true, missing };
}
// ---------------------------------------------------------------------------
// JSON from parsers (pure)
/**
 * JSON.parse, also accepting the bare `NaN`, `Infinity` and `-Infinity`
 * tokens Python's json module writes by default; they become the strings
 * "NaN", "Infinity", "-Infinity" (JSON has no non-finite numbers).
 */
function parseJsonLenient(text) {
    try {
        return JSON.parse(text);
    }
    catch (first) {
        let out = "";
        let i = 0;
        let changed = false;
        while (i < text.length) {
            const c = text[i];
            if (c === '"') {
                let j = i + 1;
                while (j < text.length && text[j] !== '"')
                    j += text[j] === "\\" ? 2 : 1;
                out += text.slice(i, j + 1);
                i = j + 1;
                continue;
            }
            const m = /^(-?Infinity|NaN)(?![A-Za-z0-9_])/.exec(text.slice(i, i + 10));
            if (m && !/[A-Za-z0-9_.]/.test(text[i - 1] ?? "")) {
                out += JSON.stringify(m[1]);
                i += m[1].length;
                changed = true;
                continue;
            }
            out += c;
            i++;
        }
        if (!changed)
            throw first;
        return JSON.parse(out);
    }
}
/** A JSON object in `stdout`: the whole text, or else the last line that is one. */
function jsonObjectFromStdout(stdout) {
    const whole = stdout.trim();
    if (!whole)
        return undefined;
    try {
        const v = parseJsonLenient(whole);
        if (isObject(v))
            return v;
    }
    catch {
        // fall through to line-by-line
    }
    const lines = whole
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    for (let i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].startsWith("{"))
            continue;
        try {
            const v = parseJsonLenient(lines[i]);
            if (isObject(v))
                return v;
        }
        catch {
            // not this line
        }
    }
    return undefined;
}
function finiteNumber(v) {
    return typeof v === "number" && Number.isFinite(v) ? v : null;
}
function describeNonNumber(v) {
    if (typeof v === "string")
        return JSON.stringify(v);
    if (v === null)
        return "null";
    return typeof v;
}
const FIXED_KEYS = new Set([
    "schema_version",
    "iteration_id",
    "run_id",
    "status",
    "primary_metric",
    "missing_evidence",
]);
/** The metrics.json object for a run: always schema-valid for valid ids. */
function normalizeMetrics(input) {
    const missing = [...input.missing];
    const refusal = input.raw ? refuseParserOutput(input.raw) : undefined;
    if (refusal)
        missing.push(refusal);
    const raw = refusal ? undefined : input.raw;
    let name = input.defaultMetricName;
    let value = null;
    let delta = null;
    let pmExtras = {};
    let parserStatus;
    if (raw) {
        const pm = raw.primary_metric;
        if (isObject(pm)) {
            const { name: n, value: v, delta_vs_baseline: d, ...rest } = pm;
            pmExtras = rest;
            if (typeof n === "string" && n.trim())
                name = n.trim();
            else if (typeof n === "number")
                name = String(n);
            value = finiteNumber(v);
            if (value === null) {
                if (v === undefined)
                    missing.push("primary metric value missing from the parser output");
                else
                    missing.push(`primary metric value is not a finite number (${describeNonNumber(v)})`);
            }
            delta = finiteNumber(d);
            if (d !== undefined && d !== null && delta === null) {
                missing.push(`primary metric delta_vs_baseline is not a finite number (${describeNonNumber(d)})`);
            }
        }
        else if (typeof pm === "number" || typeof pm === "string") {
            value = finiteNumber(pm);
            if (value === null)
                missing.push(`primary metric value is not a finite number (${describeNonNumber(pm)})`);
        }
        else {
            missing.push("parser output has no primary_metric");
        }
        parserStatus = raw.status;
        if (Array.isArray(raw.missing_evidence)) {
            for (const m of raw.missing_evidence)
                if (typeof m === "string" && m && !missing.includes(m))
                    missing.push(m);
        }
    }
    name = name.replace(/[\r\n]+/g, " ").slice(0, 256) || "primary_metric";
    let status;
    if (input.forcedStatus === "failed" || parserStatus === "failed")
        status = "failed";
    else if (input.forcedStatus === "partial" || parserStatus === "partial" || missing.length > 0 || value === null)
        status = "partial";
    else
        status = "completed";
    if (status === "partial" && missing.length === 0) {
        missing.push(parserStatus === "partial" ? "parser reported status partial" : "primary metric value missing");
    }
    if (status === "failed" && missing.length === 0)
        missing.push("parser reported status failed");
    const extras = {};
    if (raw)
        for (const [k, v] of Object.entries(raw))
            if (!FIXED_KEYS.has(k) && k !== "extraction")
                extras[k] = v;
    return {
        schema_version: METRICS_SCHEMA_VERSION,
        iteration_id: input.iterationId,
        run_id: input.runId,
        status,
        primary_metric: { name, value, delta_vs_baseline: delta, ...pmExtras },
        missing_evidence: missing,
        ...extras,
        extraction: input.extraction,
    };
}
/** Parser output nested deeper than this is refused (JSON parsers and validators have limits near 512). */
const MAX_PARSER_OUTPUT_DEPTH = 64;
/** Parser output larger than this (approximate JSON size) is refused. */
const MAX_PARSER_OUTPUT_BYTES = 1024 * 1024;
/**
 * Why the parser's output is refused as a whole (too deep or too large), or
 * undefined when it is usable. Walks iteratively (no recursion, so no stack
 * limit), stopping at the first limit crossed.
 */
function refuseParserOutput(raw, maxDepth = MAX_PARSER_OUTPUT_DEPTH, maxBytes = MAX_PARSER_OUTPUT_BYTES) {
    const stack = [[raw, 1]];
    let bytes = 0;
    while (stack.length) {
        const [v, depth] = stack.pop();
        if (v !== null && typeof v === "object") {
            if (depth > maxDepth) {
                return `parser output refused: nested deeper than ${maxDepth} levels (metrics must be a shallow object)`;
            }
            const entries = Array.isArray(v) ? v.map((x) => ["", x]) : Object.entries(v);
            bytes += 2;
            for (const [k, x] of entries) {
                bytes += k.length + 4;
                stack.push([x, depth + 1]);
            }
        }
        else {
            bytes += typeof v === "string" ? v.length + 2 : 8;
        }
        if (bytes > maxBytes)
            return `parser output refused: larger than ${maxBytes} bytes as JSON`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./lib/src/domain/text-form.js
/**
 * A text file's form, kept through an edit: a leading UTF-8 byte order mark
 * and CRLF line ends. Editors work on the plain form (no BOM, LF only); the
 * result is given the original's form back, so a file written on Windows
 * stays as it was except for the lines that changed.
 */
const BOM = "\uFEFF";
/** The form of `text` (no line end at all counts as LF). */
function textForm(text) {
    const nl = text.indexOf("\n");
    return { bom: text.startsWith(BOM), crlf: nl > 0 && text[nl - 1] === "\r" };
}
/** `text` without its BOM and with LF line ends. */
function plainText(text) {
    return (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n/g, "\n");
}
/** Plain `text` (LF) given `form`: CRLF line ends and the BOM when the form has them. */
function withForm(text, form) {
    const body = form.crlf ? text.replace(/\r?\n/g, "\r\n") : text;
    return form.bom && !body.startsWith(BOM) ? BOM + body : body;
}
/** Edit `text` in its plain form and give the result the original's form. */
function keepingForm(text, edit) {
    return withForm(edit(plainText(text)), textForm(text));
}

;// CONCATENATED MODULE: ./lib/src/domain/summary.js
/**
 * analysis/summary.md: one section per run between markers, in run-id order;
 * whatever a researcher writes outside the markers is kept. Pure.
 */


// ---------------------------------------------------------------------------
// summary.md (pure)
const BEGIN_RE = /^<!-- autolab:run (\S+) begin -->$/;
const END_RE = /^<!-- autolab:run (\S+) end -->$/;
function oneLine(s) {
    return s.replace(/[\r\n]+/g, " ");
}
/** The section of summary.md for one run, between its markers (both included). */
function renderRunSection(info) {
    const m = info.metrics;
    const pm = m.primary_metric;
    const value = pm.value === null ? "no value" : String(pm.value);
    const delta = pm.delta_vs_baseline === null
        ? ""
        : ` (delta vs baseline: ${pm.delta_vs_baseline > 0 ? "+" : ""}${pm.delta_vs_baseline})`;
    const job = info.hostMode === "local" ? "local run" : info.jobId ? `SLURM job ${info.jobId}` : "SLURM job (no job id recorded)";
    const exit = info.exitCode === undefined ? "exit code unknown" : `exit code ${info.exitCode}`;
    const missing = m.missing_evidence ?? [];
    const lines = [
        `<!-- autolab:run ${m.run_id} begin -->`,
        `## Run ${m.run_id}`,
        "",
        `- Status: **${m.status}**`,
        `- Primary metric: \`${oneLine(pm.name)}\` = ${value}${delta}`,
        `- Job: ${job}, ${exit}`,
        `- Artifact sync: ${oneLine(info.syncStatus ?? "unknown")}`,
        missing.length ? "- Missing evidence:" : "- Missing evidence: none",
        ...missing.map((e) => `  - ${oneLine(e)}`),
        `- Metrics: [${info.metricsLink}](${info.metricsLink})`,
        `<!-- autolab:run ${m.run_id} end -->`,
    ];
    return lines.join("\n");
}
/**
 * Put `section` (for `runId`) into summary.md text: replace the run's
 * existing section, or insert it in run-id order among the other sections,
 * keeping everything else (a researcher's own notes) as it is.
 */
function upsertRunSection(text, iterationId, runId, section, file = "analysis/summary.md") {
    if (text === undefined || plainText(text).trim() === "") {
        return withForm(`# Results: ${iterationId}\n\n${section}\n`, textForm(text ?? ""));
    }
    // Worked on without BOM and CRLF; the result gets the file's own form back.
    return withForm(upsertPlain(plainText(text), runId, section, file), textForm(text));
}
function upsertPlain(text, runId, section, file) {
    const lines = text.split("\n");
    const blocks = [];
    let open;
    lines.forEach((line, i) => {
        const b = BEGIN_RE.exec(line);
        const e = END_RE.exec(line);
        if (b) {
            if (open)
                throw new util_errors/* AutolabError */.t0(`run section ${open.id} has no end marker`, {
                    file,
                    line: open.start + 1,
                    hint: `add "<!-- autolab:run ${open.id} end -->"`,
                });
            open = { id: b[1], start: i };
        }
        else if (e) {
            if (!open || open.id !== e[1])
                throw new util_errors/* AutolabError */.t0(`end marker for run ${e[1]} without its begin marker`, {
                    file,
                    line: i + 1,
                    hint: "remove the stray marker",
                });
            blocks.push({ id: open.id, start: open.start, end: i });
            open = undefined;
        }
    });
    if (open)
        throw new util_errors/* AutolabError */.t0(`run section ${open.id} has no end marker`, {
            file,
            line: open.start + 1,
            hint: `add "<!-- autolab:run ${open.id} end -->"`,
        });
    const sectionLines = section.split("\n");
    const existing = blocks.find((b) => b.id === runId);
    if (existing) {
        lines.splice(existing.start, existing.end - existing.start + 1, ...sectionLines);
    }
    else {
        const after = blocks.find((b) => b.id > runId);
        if (after)
            lines.splice(after.start, 0, ...sectionLines, "");
        else if (blocks.length)
            lines.splice(blocks[blocks.length - 1].end + 1, 0, "", ...sectionLines);
        else {
            while (lines.length && lines[lines.length - 1] === "")
                lines.pop();
            lines.push("", ...sectionLines);
        }
    }
    let out = lines.join("\n");
    if (!out.endsWith("\n"))
        out += "\n";
    return out;
}

// EXTERNAL MODULE: ./lib/src/domain/sweep-result.js
var sweep_result = __webpack_require__(9601);
;// CONCATENATED MODULE: ./lib/src/steps/extract.js
/**
 * Result extraction for one finished run: run the design's `extract_parser`
 * and write a schema-valid `<run dir>/metrics.json` plus the run's section of
 * `<iteration>/analysis/summary.md`.
 *
 * Rules:
 * - The parser runs only when the run did not fail and the artifact sync is
 *   success-like (`ok`, or a legacy `completed`; a human who synced by hand
 *   sets `ok`). Otherwise metrics.json is still written, with status `failed`
 *   (the run failed) or `partial` (anything else), `primary_metric.value` null
 *   and `missing_evidence` saying exactly what is missing, so a failed run is
 *   reported and never stuck.
 * - kind `command`: the template is split into argv first, then the
 *   placeholders {run_id} {iteration_id} {iteration_path} {run_dir}
 *   {repo_root} are substituted per argument (see placeholders.ts). It runs in
 *   the repository root with a timeout; stdout and stderr go to
 *   `<run dir>/logs/extract.log`.
 * - kind `python`: `<python_bin> -c <fixed shim> <module> <callable> <context json>`;
 *   the shim imports the module, calls the callable with a context dict
 *   {run_id, iteration_id, iteration_path, run_dir, repo_root} and prints the
 *   JSON of its return value after a marker line (the callable's own prints go
 *   to stderr). Module and callable are validated as identifiers and passed as
 *   argv, never put into program text.
 * - Where the result comes from (both kinds): if the parser wrote
 *   `<run dir>/metrics.json` itself (the file is new or changed), that file is
 *   the result; otherwise the JSON object it printed on stdout (the whole
 *   stdout, or else its last line that is a JSON object) / returned. The file
 *   wins because a parser that writes it says so explicitly.
 * - The result is normalised: fixed keys (schema_version "1.0", iteration_id,
 *   run_id, status, primary_metric {name, value, delta_vs_baseline}) plus the
 *   parser's other keys. Non-finite numbers (NaN/Infinity, also as emitted by
 *   Python's json), a missing primary metric, a parser failure or timeout make
 *   the status `partial` with the reason in `missing_evidence`; never a crash.
 * - Every write is atomic, and the output holds no timestamps of its own, so
 *   extracting twice gives identical files.
 */













function extract_isObject(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

const DEFAULT_EXTRACT_TIMEOUT_SECONDS = 600;
/** Default callable for kind python when the design names none. */
const DEFAULT_PYTHON_CALLABLE = "extract";



const METRICS_FILE = "metrics.json";
/** A metrics.json larger than this (as the parser left it) is refused, not read. */
const MAX_METRICS_BYTES = 16 * 1024 * 1024;
const EXTRACT_LOG = "logs/extract.log";
/** Line the python shim prints before the JSON of the callable's result. */
const PYTHON_RESULT_MARKER = "@@AUTOLAB_EXTRACT_RESULT@@";
// ---------------------------------------------------------------------------
// Parser execution (adapters)
const IDENT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The python shim. Fixed text: the module, callable and context arrive as
 * sys.argv[1..3]. The callable's prints go to stderr; the result's JSON is
 * printed after a marker line, with non-finite floats as strings and numpy
 * scalars unwrapped.
 */
const PYTHON_SHIM = [
    "import importlib, json, math, sys",
    "def clean(o):",
    "    if hasattr(o, 'item') and callable(getattr(o, 'item')) and not isinstance(o, (dict, list, tuple, str, bytes)):",
    "        try:",
    "            o = o.item()",
    "        except Exception:",
    "            pass",
    "    if isinstance(o, float) and not math.isfinite(o):",
    "        return 'NaN' if o != o else ('Infinity' if o > 0 else '-Infinity')",
    "    if isinstance(o, dict):",
    "        return {str(k): clean(v) for k, v in o.items()}",
    "    if isinstance(o, (list, tuple)):",
    "        return [clean(v) for v in o]",
    "    return o",
    "fn = getattr(importlib.import_module(sys.argv[1]), sys.argv[2])",
    "ctx = json.loads(sys.argv[3])",
    "real_stdout = sys.stdout",
    "sys.stdout = sys.stderr",
    "try:",
    "    result = fn(ctx)",
    "finally:",
    "    sys.stdout.flush()",
    "    sys.stdout = real_stdout",
    `real_stdout.write('\\n${PYTHON_RESULT_MARKER}\\n' + json.dumps(clean(result), default=str, allow_nan=False) + '\\n')`,
    "real_stdout.flush()",
].join("\n");
/**
 * metrics.json as the parser left it: never through a link (at any level
 * under the repository), never blocking (a FIFO is refused, not opened for a
 * blocking read), at most MAX_METRICS_BYTES.
 */
async function stamp(root, file) {
    let st;
    try {
        st = (0,external_node_fs_.lstatSync)(file);
    }
    catch {
        return { exists: false };
    }
    const base = { exists: true, mtimeMs: st.mtimeMs, ino: st.ino };
    const r = await (0,fs/* readOwned */.A4)(root, file, MAX_METRICS_BYTES);
    if (r.skipped)
        return { ...base, refused: `${r.at ?? "it"} is ${r.skipped === "symlink" ? "a symlink" : "not a regular file"}` };
    if (r.tooLarge !== undefined)
        return { ...base, refused: `it is ${r.tooLarge} bytes (at most ${MAX_METRICS_BYTES})` };
    return r.data ? { ...base, content: r.data } : { exists: false };
}
function changed(a, b) {
    if (!b.exists)
        return false;
    if (!a.exists)
        return true;
    if (a.refused || b.refused)
        return a.refused !== b.refused || a.mtimeMs !== b.mtimeMs || a.ino !== b.ino;
    return a.mtimeMs !== b.mtimeMs || a.ino !== b.ino || !a.content.equals(b.content);
}
function renderLog(kind, shownArgv, cwd, r, timeoutSeconds) {
    const how = r.spawnError
        ? `could not start: ${r.spawnError}`
        : r.timedOut
            ? `timed out after ${timeoutSeconds} s`
            : r.code !== null
                ? `exit code ${r.code}`
                : `killed by signal ${r.signal}`;
    return [
        `# autolab extract parser (kind ${kind})`,
        `# argv: ${JSON.stringify(shownArgv)}`,
        `# cwd: ${cwd}`,
        `# result: ${how}`,
        "## stdout",
        r.stdout.replace(/\n?$/, "\n") + "## stderr",
        r.stderr.replace(/\n?$/, "\n"),
    ].join("\n");
}
async function runParser(ctx, metricsPath, timeoutSeconds) {
    const parser = extract_isObject(ctx.design.extract_parser) ? ctx.design.extract_parser : undefined;
    const logPath = external_node_path_.join(ctx.runDir, EXTRACT_LOG);
    const kind = parser?.kind ?? (parser?.command ? "command" : parser?.module ? "python" : undefined);
    if (!parser || !kind) {
        return { ran: false, problems: ["design has no extract_parser"], logPath, kind: "none" };
    }
    const values = {
        run_id: ctx.runId,
        iteration_id: ctx.iterationId,
        iteration_path: ctx.iterationPath,
        run_dir: ctx.runDir,
        repo_root: ctx.repoRoot,
    };
    let program;
    let args;
    let shown;
    try {
        if (kind === "command") {
            if (typeof parser.command !== "string" || !parser.command.trim()) {
                throw new util_errors/* AutolabError */.t0("extract_parser.command is missing", { jsonPath: "/extract_parser/command" });
            }
            const argv = (0,placeholders/* renderArgv */.Jn)(parser.command, values, { what: "extract_parser.command", jsonPath: "/extract_parser/command" }, placeholders/* RUN_PLACEHOLDERS */.PP);
            [program, ...args] = argv;
            shown = argv;
        }
        else if (kind === "python") {
            const mod = parser.module;
            const fn = parser.callable ?? DEFAULT_PYTHON_CALLABLE;
            if (typeof mod !== "string" || !IDENT_PATH.test(mod)) {
                throw new util_errors/* AutolabError */.t0(`extract_parser.module ${JSON.stringify(mod)} is not a dotted Python module name`, {
                    jsonPath: "/extract_parser/module",
                });
            }
            if (typeof fn !== "string" || !IDENT.test(fn)) {
                throw new util_errors/* AutolabError */.t0(`extract_parser.callable ${JSON.stringify(fn)} is not a Python identifier`, {
                    jsonPath: "/extract_parser/callable",
                });
            }
            const py = (0,placeholders/* splitCommandLine */.aL)(ctx.pythonBin, { what: "python_bin" });
            if (py.length === 0)
                throw new util_errors/* AutolabError */.t0("python_bin is empty");
            [program, ...args] = [...py, "-c", PYTHON_SHIM, mod, fn, JSON.stringify(values)];
            shown = [...py, "-c", "<autolab python shim>", mod, fn, JSON.stringify(values)];
        }
        else {
            throw new util_errors/* AutolabError */.t0(`extract_parser.kind ${JSON.stringify(kind)} is not command or python`, {
                jsonPath: "/extract_parser/kind",
            });
        }
    }
    catch (e) {
        const msg = e.message;
        return { ran: false, problems: [`extract parser not run: ${msg}`], error: msg, logPath, kind: String(kind) };
    }
    const before = await stamp(ctx.repoRoot, metricsPath);
    const r = await (0,exec/* runArgv */.my)(program, args, {
        cwd: ctx.repoRoot,
        timeoutMs: timeoutSeconds * 1000,
        env: {
            AUTOLAB_RUN_ID: ctx.runId,
            AUTOLAB_ITERATION_ID: ctx.iterationId,
            AUTOLAB_ITERATION_PATH: ctx.iterationPath,
            AUTOLAB_RUN_DIR: ctx.runDir,
            AUTOLAB_REPO_ROOT: ctx.repoRoot,
        },
    });
    const logText = renderLog(kind, shown, ctx.repoRoot, r, timeoutSeconds);
    const after = await stamp(ctx.repoRoot, metricsPath);
    const logShown = (0,fs/* displayPath */.Gt)(ctx.repoRoot, logPath);
    const problems = [];
    let error;
    if (r.timedOut) {
        error = `extract parser timed out after ${timeoutSeconds} s`;
        problems.push(`${error} (see ${logShown})`);
    }
    else if (r.spawnError) {
        error = `extract parser could not start: ${r.spawnError}`;
        problems.push(error);
    }
    else if (r.code !== 0) {
        error = `extract parser failed: ${(0,exec/* describeFailure */.Ic)(r)}`;
        problems.push(`extract parser exited with ${r.code !== null ? `code ${r.code}` : `signal ${r.signal}`} (see ${logShown})`);
    }
    let raw;
    if (after.refused) {
        problems.push(`the metrics.json the parser left is not read: ${after.refused}`);
    }
    else if (changed(before, after)) {
        try {
            const v = parseJsonLenient(after.content.toString("utf8"));
            if (extract_isObject(v))
                raw = v;
            else
                problems.push(`the metrics.json the parser wrote is not a JSON object`);
        }
        catch (e) {
            problems.push(`the metrics.json the parser wrote is not valid JSON: ${e.message}`);
        }
    }
    else if (kind === "python") {
        const at = r.stdout.lastIndexOf(PYTHON_RESULT_MARKER);
        if (at >= 0) {
            try {
                const v = parseJsonLenient(r.stdout.slice(at + PYTHON_RESULT_MARKER.length).trim());
                if (extract_isObject(v))
                    raw = v;
                else
                    problems.push(`${parser.module}.${parser.callable ?? DEFAULT_PYTHON_CALLABLE} returned ${v === null ? "None" : "something that is not a dict"}`);
            }
            catch (e) {
                problems.push(`python parser result is not valid JSON: ${e.message}`);
            }
        }
        else if (!error) {
            problems.push("python parser printed no result");
        }
    }
    else {
        raw = jsonObjectFromStdout(r.stdout);
        if (!raw && !error)
            problems.push("extract parser neither wrote metrics.json nor printed a JSON object on stdout");
    }
    return { ran: true, raw, problems, error, logPath, logText, kind };
}
// ---------------------------------------------------------------------------
// The stage
/** The run's sentinel, read without following a link (a link or a non-regular file reads as invalid). */
async function readSentinel(runDir) {
    const r = await (0,fs/* readNoFollow */.pj)(external_node_path_.join(runDir, layout/* SENTINEL_FILE */.K6), 1024 * 1024);
    if (r.skipped)
        return { state: "invalid", error: `it is ${r.skipped === "symlink" ? "a symlink" : "not a regular file"}` };
    if (r.tooLarge !== undefined)
        return { state: "invalid", error: `${r.tooLarge} bytes: too large` };
    return (0,sentinel/* parseSentinel */.O6)(r.data?.toString("utf8"));
}
function defaultMetricName(design) {
    const metrics = design.metrics;
    if (extract_isObject(metrics)) {
        const p = (0,sweep_result/* designMetrics */.es)(metrics).primary;
        if (p)
            return p;
        if (typeof metrics.primary_metric === "string" && metrics.primary_metric.trim())
            return metrics.primary_metric.trim();
    }
    return "primary_metric";
}
/** Validate metrics with the contract schema; throws an AutolabError naming the file when invalid. */
function assertValidMetrics(text, shown) {
    const { findings } = (0,validate/* parseDocument */.Tp)("metrics", text, shown);
    const errors = findings.filter((f) => f.severity === "error");
    if (errors.length) {
        throw new util_errors/* AutolabError */.t0("metrics.json would not match the metrics schema", { file: shown, findings: errors });
    }
}
/**
 * Extract one finished run: runs the parser and returns metrics.json's
 * content, the parser's log and the run's summary.md section. Writes nothing
 * itself (the command records the content with its change set); the parser,
 * the user's own program, may write metrics.json in the run dir.
 */
async function extractRun(ctx) {
    const metricsPath = external_node_path_.join(ctx.runDir, METRICS_FILE);
    const metricsShown = (0,fs/* displayPath */.Gt)(ctx.repoRoot, metricsPath);
    const sentinel = await readSentinel(ctx.runDir);
    const plan = planExtraction(ctx.manifest, sentinel);
    const parserCfg = extract_isObject(ctx.design.extract_parser) ? ctx.design.extract_parser : undefined;
    const designTimeout = parserCfg?.timeout_seconds;
    const timeoutSeconds = ctx.timeoutSeconds ??
        (typeof designTimeout === "number" && designTimeout > 0 ? designTimeout : DEFAULT_EXTRACT_TIMEOUT_SECONDS);
    let outcome;
    if (plan.runParser)
        outcome = await runParser(ctx, metricsPath, timeoutSeconds);
    const missing = [...plan.missing, ...(outcome?.problems ?? [])];
    const parserRan = outcome?.ran === true;
    const extraction = {
        parser: outcome && outcome.kind !== "none" ? outcome.kind : typeof parserCfg?.kind === "string" ? parserCfg.kind : null,
        parser_ran: parserRan,
        ...(parserRan && outcome ? { log: (0,fs/* displayPath */.Gt)(ctx.repoRoot, outcome.logPath) } : {}),
    };
    const metrics = normalizeMetrics({
        iterationId: ctx.iterationId,
        runId: ctx.runId,
        raw: outcome?.raw,
        missing,
        forcedStatus: plan.forcedStatus,
        defaultMetricName: defaultMetricName(ctx.design),
        extraction,
    });
    const metricsText = JSON.stringify(metrics, null, 2) + "\n";
    assertValidMetrics(metricsText, metricsShown);
    const summaryPath = external_node_path_.join(ctx.iterationDir, "analysis", "summary.md");
    const link = external_node_path_.relative(external_node_path_.dirname(summaryPath), metricsPath).split(external_node_path_.sep).join("/");
    const sync = extract_isObject(ctx.manifest.artifact_sync_to_local) ? ctx.manifest.artifact_sync_to_local : {};
    const section = renderRunSection({
        metrics,
        metricsLink: link,
        jobId: (0,run/* manifestJobId */.Gf)(ctx.manifest),
        hostMode: ctx.manifest.host_mode,
        exitCode: sentinel.state === "present" ? sentinel.exitCode : undefined,
        syncStatus: typeof sync.status === "string" ? sync.status : undefined,
    });
    return {
        metrics,
        metricsPath,
        metricsText,
        summaryPath,
        section,
        missingEvidence: metrics.missing_evidence,
        parserRan,
        ...(outcome && parserRan && outcome.logText !== undefined
            ? { logPath: outcome.logPath, logText: outcome.logText }
            : {}),
        ...(outcome?.error ? { error: outcome.error } : {}),
    };
}

;// CONCATENATED MODULE: ./lib/src/steps/sync.js
/**
 * Artifact sync: bring a finished run's outputs into its run directory.
 *
 * Two modes, configured in design.yaml `artifact_sync` (or, as a fallback,
 * in the policy under `slurm.artifact_sync`; design keys win key by key):
 *
 * - `shared`: the job wrote into the run directory on a shared filesystem.
 *   Nothing is copied; every configured output must exist inside the run dir.
 * - `rsync`: copy from a remote `source` (placeholders allowed) into the run
 *   dir with real rsync, by argv, with a wall-clock timeout and retries with
 *   backoff inside one call. Afterwards the configured outputs must exist.
 *
 * Safety: this module never removes or truncates local data. rsync runs
 * without `--delete` or anything like it; interrupted transfers go to a
 * partial dir (`--partial-dir`) instead of replacing the destination file
 * with a truncated one; and any local file rsync replaces is first kept under
 * `.autolab-sync-backup/` (`--backup --backup-dir`). The tool's own files
 * (`run_manifest.json`, `run_slurm.sbatch`, `metrics.json`) are never
 * overwritten from the remote side.
 *
 * The manifest bookkeeping (`artifact_sync_to_local` = syncing before, the
 * record after) is the monitor's job; `syncRecord(result)` gives it the record
 * and `needsSync(manifest)` says whether a run still needs a sync (anything
 * that is not success-like, including a `syncing` left behind by a crash, is
 * tried again on the next tick).
 */







const DEFAULT_SYNC_TIMEOUT_SECONDS = 600;
const DEFAULT_SYNC_RETRIES = 2;
/** Local directories rsync uses for interrupted transfers and for replaced files. */
const RSYNC_PARTIAL_DIR = ".autolab-rsync-partial";
const RSYNC_BACKUP_DIR = ".autolab-sync-backup";
/** Files the tool owns in a run dir: never taken from the remote side. */
const PROTECTED_RUN_FILES = ["run_manifest.json", "run_slurm.sbatch", "metrics.json"];
/** How many copied paths `syncRecord` keeps in the manifest. */
const SYNC_RECORD_MAX_COPIED = 50;
function sync_isObject(v) {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
/**
 * The artifact_sync configuration for a run: design.yaml `artifact_sync`
 * over policy `slurm.artifact_sync` (key by key), over the default (shared
 * mode, no required outputs). Wrong types are an AutolabError naming the file
 * and key.
 */
function resolveSyncConfig(design, policy, sources = {}) {
    const fromDesign = design.artifact_sync;
    const slurm = sync_isObject(policy) ? policy.slurm : undefined;
    const fromPolicy = sync_isObject(slurm) ? slurm.artifact_sync : undefined;
    const layers = [
        { block: fromPolicy, file: sources.policyFile, base: "/slurm/artifact_sync" },
        { block: fromDesign, file: sources.designFile, base: "/artifact_sync" },
    ];
    const cfg = { mode: "shared", outputs: [] };
    let sourceFrom;
    for (const { block, file, base } of layers) {
        if (block === undefined || block === null)
            continue;
        const bad = (key, msg) => new util_errors/* AutolabError */.t0(`artifact_sync${key ? "." + key : ""} ${msg}`, {
            file,
            jsonPath: base + (key ? "/" + key : ""),
        });
        if (!sync_isObject(block))
            throw bad("", "must be a mapping");
        if (block.mode !== undefined) {
            if (block.mode !== "shared" && block.mode !== "rsync")
                throw bad("mode", 'must be "shared" or "rsync"');
            cfg.mode = block.mode;
        }
        if (block.outputs !== undefined) {
            if (!Array.isArray(block.outputs) || block.outputs.some((o) => typeof o !== "string" || o === ""))
                throw bad("outputs", "must be a list of paths relative to the run directory");
            cfg.outputs = [...block.outputs];
        }
        if (block.source !== undefined) {
            if (typeof block.source !== "string" || block.source === "")
                throw bad("source", "must be a non-empty string");
            cfg.source = block.source;
            sourceFrom = { file, base };
        }
        if (block.timeout_seconds !== undefined) {
            const t = block.timeout_seconds;
            if (typeof t !== "number" || !Number.isInteger(t) || t < 1)
                throw bad("timeout_seconds", "must be a positive integer");
            cfg.timeoutSeconds = t;
        }
        if (block.retries !== undefined) {
            const r = block.retries;
            if (typeof r !== "number" || !Number.isInteger(r) || r < 0)
                throw bad("retries", "must be a non-negative integer");
            cfg.retries = r;
        }
        if (block.rsync_bin !== undefined) {
            if (typeof block.rsync_bin !== "string" || block.rsync_bin === "")
                throw bad("rsync_bin", "must be a program name or path");
            cfg.rsyncBin = block.rsync_bin;
        }
    }
    if (cfg.mode === "rsync") {
        if (cfg.source === undefined) {
            throw new util_errors/* AutolabError */.t0("artifact_sync.mode is rsync but no artifact_sync.source is given", {
                file: sources.designFile,
                jsonPath: "/artifact_sync/source",
                hint: 'add e.g. source: "login2:/scratch/me/{run_id}/"',
            });
        }
        if (cfg.source.startsWith("-")) {
            throw new util_errors/* AutolabError */.t0("artifact_sync.source must not start with '-'", {
                file: sourceFrom?.file,
                jsonPath: (sourceFrom?.base ?? "/artifact_sync") + "/source",
                hint: "give a path or host:path",
            });
        }
    }
    return cfg;
}
/** Whether an output path exists in the run dir; a trailing `/` asks for a directory. Throws when it escapes. */
function outputPresent(runDir, output) {
    const abs = (0,fs/* resolveInside */.LI)(runDir, output, "artifact_sync output");
    if (!(0,external_node_fs_.existsSync)(abs))
        return false;
    if (output.endsWith("/"))
        return (0,external_node_fs_.statSync)(abs).isDirectory();
    return true;
}
/** Configured outputs missing from the run dir, plus an error text for outputs that leave it. */
function checkOutputs(runDir, outputs) {
    const missing = [];
    const errors = [];
    for (const o of outputs) {
        try {
            if (!outputPresent(runDir, o))
                missing.push(o);
        }
        catch (e) {
            missing.push(o);
            errors.push(e instanceof util_errors/* AutolabError */.t0 ? e.message.replace("leaves the repository", "leaves the run directory") : String(e));
        }
    }
    return { missing, errors };
}
/**
 * Paths transferred, from rsync `--itemize-changes` output: lines `YXcstpoguax name`
 * where Y is `>` (received) or `c` (created locally, e.g. a symlink) and X is
 * not `d` (directories are not listed). ` -> target` of symlinks is dropped.
 */
function parseItemized(stdout) {
    const out = [];
    for (const line of stdout.split("\n")) {
        const m = /^([<>ch.*])([fdLDS])(\S{9,10}) (.+)$/.exec(line.replace(/\r$/, ""));
        if (!m)
            continue;
        const [, y, x, , rest] = m;
        if (x === "d")
            continue;
        if (y !== ">" && y !== "c")
            continue;
        const name = x === "L" ? rest.replace(/ -> .*$/, "") : rest;
        out.push(name);
    }
    return out;
}
/**
 * rsync exit codes that will not get better by trying again within the same
 * tick: 1 syntax/usage, 2 protocol incompatibility, 3 errors selecting input
 * or output files (e.g. the source does not exist yet), 4 unsupported action.
 */
const RSYNC_NOT_RETRYABLE = new Set([1, 2, 3, 4]);
function retryable(r) {
    if (r.spawnError)
        return false;
    if (r.timedOut || r.code === null)
        return true;
    return !RSYNC_NOT_RETRYABLE.has(r.code);
}
/** The rsync argv (without the program) for one attempt. Never contains an option that removes local files. */
function rsyncArgs(source, runDir, timeoutSeconds) {
    const src = source.endsWith("/") || source.endsWith(":") ? source : source + "/";
    const dest = runDir.endsWith("/") ? runDir : runDir + "/";
    return [
        "-a",
        // -a implies -D (--devices --specials): a job could leave a named pipe (or a
        // device node) for a later reader to block on. Only files, dirs and links.
        "--no-devices",
        "--no-specials",
        // The remote path is passed to the remote side as data, never parsed by
        // its shell (a `$(...)` in a design's source cannot run anything there).
        "--protect-args",
        // A symlink from the remote that points outside the copied tree is not
        // copied (it could make the monitor read and commit files it must not).
        "--safe-links",
        "--partial",
        `--partial-dir=${RSYNC_PARTIAL_DIR}`,
        "--backup",
        `--backup-dir=${RSYNC_BACKUP_DIR}`,
        "--itemize-changes",
        `--timeout=${timeoutSeconds}`,
        ...PROTECTED_RUN_FILES.map((f) => `--exclude=/${f}`),
        `--exclude=/${RSYNC_BACKUP_DIR}/`,
        "--",
        src,
        dest,
    ];
}
const realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Bring the run's outputs into the run dir. Never throws for a failed transfer: the result says `failed`. */
async function syncArtifacts(ctx) {
    const now = ctx.now ?? (() => new Date());
    const { config } = ctx;
    const outputs = config.outputs ?? [];
    const done = (r) => ({
        ...r,
        mode: config.mode,
        at: now().toISOString(),
    });
    if (config.mode === "shared") {
        if (!(0,external_node_fs_.existsSync)(ctx.runDir)) {
            return done({
                status: "failed",
                copied: [],
                missing: [...outputs],
                attempts: 1,
                error: `run directory ${ctx.runDir} does not exist`,
            });
        }
        const { missing, errors } = checkOutputs(ctx.runDir, outputs);
        const error = [
            ...errors,
            ...(missing.length ? [`missing outputs in the run directory: ${missing.join(", ")}`] : []),
        ].join("; ");
        return done({
            status: missing.length ? "failed" : "ok",
            copied: [],
            missing,
            attempts: 1,
            ...(error ? { error } : {}),
        });
    }
    // rsync mode
    let source;
    try {
        if (!config.source)
            throw new util_errors/* AutolabError */.t0("artifact_sync.source is required in rsync mode");
        source = (0,placeholders/* substitutePlaceholders */.pr)(config.source, {
            run_id: ctx.runId,
            iteration_id: ctx.iterationId,
            iteration_path: ctx.iterationPath,
            run_dir: ctx.runDir,
            repo_root: ctx.repoRoot,
        }, { what: "artifact_sync.source", jsonPath: "/artifact_sync/source" }, placeholders/* RUN_PLACEHOLDERS */.PP);
        if (source.startsWith("-"))
            throw new util_errors/* AutolabError */.t0(`artifact_sync.source ${JSON.stringify(source)} must not start with '-'`);
    }
    catch (e) {
        return done({ status: "failed", copied: [], missing: [...outputs], attempts: 0, error: e.message });
    }
    await (0,promises_.mkdir)(ctx.runDir, { recursive: true });
    const timeoutSeconds = config.timeoutSeconds ?? DEFAULT_SYNC_TIMEOUT_SECONDS;
    const maxAttempts = 1 + (config.retries ?? DEFAULT_SYNC_RETRIES);
    const bin = config.rsyncBin ?? "rsync";
    const sleep = ctx.sleep ?? realSleep;
    const copied = [];
    const seen = new Set();
    let attempts = 0;
    let lastError = "";
    while (attempts < maxAttempts) {
        if (attempts > 0)
            await sleep(Math.min(60_000, 2000 * 2 ** (attempts - 1)));
        attempts++;
        const r = await (0,exec/* runArgv */.my)(bin, rsyncArgs(source, ctx.runDir, timeoutSeconds), {
            cwd: ctx.runDir,
            timeoutMs: timeoutSeconds * 1000,
        });
        for (const p of parseItemized(r.stdout)) {
            if (p.startsWith(RSYNC_PARTIAL_DIR + "/") || p.startsWith(RSYNC_BACKUP_DIR + "/"))
                continue;
            if (!seen.has(p)) {
                seen.add(p);
                copied.push(p);
            }
        }
        if (r.code === 0 && !r.timedOut && !r.spawnError) {
            const { missing, errors } = checkOutputs(ctx.runDir, outputs);
            if (missing.length === 0)
                return done({ status: "ok", copied, missing, attempts, source });
            const error = [
                ...errors,
                `rsync finished but outputs are missing in the run directory: ${missing.join(", ")}`,
            ].join("; ");
            return done({ status: "failed", copied, missing, attempts, source, error });
        }
        lastError = (0,exec/* describeFailure */.Ic)(r);
        if (!retryable(r))
            break;
    }
    const { missing } = checkOutputs(ctx.runDir, outputs);
    return done({
        status: "failed",
        copied,
        missing,
        attempts,
        source,
        error: `rsync from ${source} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastError}`,
    });
}
function syncRecord(result, maxCopied = SYNC_RECORD_MAX_COPIED) {
    return {
        status: result.status,
        mode: result.mode,
        ...(result.source !== undefined ? { source: result.source } : {}),
        copied_count: result.copied.length,
        copied: result.copied.slice(0, maxCopied),
        missing: [...result.missing],
        ...(result.error !== undefined ? { error: result.error } : {}),
        attempts: result.attempts,
        synced_at: result.at,
    };
}
/** The record to store just before a sync starts. */
function syncingRecord(previous) {
    return { ...(previous ?? {}), status: "syncing" };
}
/**
 * Whether the monitor should (re)try the sync for a finished run: yes unless
 * the recorded status is success-like (`ok`, or a legacy `completed`, or a
 * human's manual `ok` after an rsync by hand).
 */
function needsSync(manifest) {
    return !isSuccessLike(manifest.artifact_sync_to_local?.status);
}

// EXTERNAL MODULE: ./lib/src/store/evidence.js
var store_evidence = __webpack_require__(5679);
// EXTERNAL MODULE: ./lib/src/domain/resubmit.js
var resubmit = __webpack_require__(4010);
;// CONCATENATED MODULE: ./lib/src/commands/monitor/resubmit.js
/**
 * The monitor's resubmission act (the decision is domain/resubmit.ts): the
 * run's next attempt is its launched script, unchanged, submitted through the
 * Scheduler port under the attempt's job name. Before submitting, the
 * scheduler is asked for a job of that name: one found (another monitor, or a
 * tick that died before recording, submitted it) is adopted, never submitted
 * twice. When the scheduler cannot tell, or the submission's fate is unknown,
 * the run is left as it was and the next tick decides again (the same name is
 * asked about again, so a job a lost reply created is adopted then).
 *
 * Two monitors (two clones) may both find no job and both submit. So the
 * attempt is submitted held (`--hold`) and the name asked about again: of the
 * attempt's jobs the lowest id is the attempt (ids grow with submission, and
 * each monitor sees its own job before it looks, so both pick the same one),
 * the others are cancelled and the winner released. A job is released only
 * after its monitor has looked, so two never run; a monitor that dies between
 * submitting and releasing leaves a held job the next tick settles the same
 * way. A script held by the user's own `#SBATCH --hold` is not released.
 */






function leftAsItWas(l, message) {
    return {
        manifest: l.manifest,
        transitions: [],
        findings: [{ severity: "warning", check: "monitor.resubmit_unknown", file: l.run.manifestDisplay, message }],
        sync: false,
    };
}
function failed(step, at, reason, message) {
    const from = (0,run/* statusOf */.c2)(step.manifest);
    const next = (0,run/* transition */.kY)(step.manifest, "failed", at, message, { reason, message });
    const { resubmit: _done, ...rest } = step;
    if (!next)
        return rest;
    return {
        ...rest,
        manifest: next,
        transitions: [...step.transitions, { from, to: "failed", evidence: message }],
        failureReason: reason,
    };
}
/** The job root and the script of the run as launched. */
function launchedScript(c, m, l) {
    const launch = (m.launch ?? {});
    const wd = launch.work_dir;
    const workDir = typeof wd === "string" && external_node_path_.isAbsolute(wd) ? wd : c.root;
    const sp = launch.script;
    const scriptPath = typeof sp === "string" && sp !== "" ? sp : (0,layout/* runLayout */.WA)(l.run.iterationPath, m.run_id).slurmScript;
    return { workDir, scriptPath };
}
async function resubmitFirst(c, l, step) {
    const plan = step.resubmit;
    const m = step.manifest;
    const what = `run ${m.run_id}: attempt ${plan.attempt - 1} (job ${plan.previousJobId}) ended ${plan.reason}`;
    if (c.dryRun)
        return {
            ...step,
            findings: [...step.findings, notice(l, `${what}; would resubmit it as attempt ${plan.attempt} (${plan.name})`)],
        };
    const { workDir, scriptPath } = launchedScript(c, m, l);
    const read = await (0,fs/* readNoFollow */.pj)(external_node_path_.join(workDir, scriptPath), 4 * 1024 * 1024);
    if (!read.data) {
        return failed(step, c.at, plan.reason, `${what}; it cannot be resubmitted: its script ${external_node_path_.join(workDir, scriptPath)} is ${read.skipped ? "a link" : "missing"}`);
    }
    const sched = c.scheduler;
    // The run's attempts all go to the cluster its job ran on (slurm.cluster): looked up there too.
    const cluster = (0,run/* manifestCluster */.YK)(m);
    const found = await jobsNamed(c, plan.name, cluster);
    if (found.ids === undefined)
        return leftAsItWas(l, `${what}; the scheduler could not say whether attempt ${plan.attempt} (${plan.name}) exists (${found.error}): nothing was submitted, decided again next tick`);
    let ids = found.ids;
    let submitted;
    // The variables the launch passed to the scheduler (slurm.passed_env), as recorded, where the policy still lists them.
    let passEnv;
    try {
        passEnv = (0,domain_settings/* passedEnv */.m6)((0,domain_settings/* passEnvNames */.FW)(c.policy), m.slurm?.passed_env ?? {});
    }
    catch (e) {
        return leftAsItWas(l, `${what}; nothing was submitted: ${e.message}`);
    }
    if (!ids.length) {
        const submission = sched.prepareAttempt({
            runId: m.run_id,
            iterationId: m.iteration_id,
            workDir,
            scriptPath,
            script: read.data.toString("utf8"),
            name: plan.name,
            attempt: plan.attempt,
            hold: true,
            ...(plan.excludeNodes ? { excludeNodes: plan.excludeNodes } : {}),
            ...(cluster ? { cluster } : {}),
        });
        const tuning = (0,domain_settings/* submitSettings */.MZ)(c.policy);
        const out = await sched.submit(submission, {
            cwd: workDir,
            timeoutMs: tuning.timeoutMs,
            retries: tuning.retries,
            baseDelayMs: tuning.baseDelayMs,
            passEnv,
        });
        if (out.kind === "refused")
            return failed(step, c.at, plan.reason, `${what}; its resubmission was refused: ${out.message}`);
        if (out.kind === "unknown")
            return leftAsItWas(l, `${what}; ${sched.terms.submit} did not answer (${out.message}): decided again next tick (a job it created is adopted by its name)`);
        submitted = out;
        // Another monitor may have submitted the same attempt meanwhile: look again (both jobs are held).
        const again = await jobsNamed(c, plan.name, cluster);
        if (again.ids === undefined)
            return leftAsItWas(l, `${what}; job ${out.jobId} was submitted held as attempt ${plan.attempt}, but the scheduler could not list the attempt's jobs (${again.error}): it is settled next tick`);
        ids = [...new Set([...again.ids, out.jobId])].sort((a, b) => Number(a) - Number(b));
    }
    const settled = await settle(c, ids, cluster, holdsItself(read.data.toString("utf8")));
    if ("error" in settled)
        return leftAsItWas(l, `${what}; ${settled.error}: the attempt's job is released next tick`);
    const cancelled = settled.cancelled.length
        ? `; job${settled.cancelled.length === 1 ? "" : "s"} ${settled.cancelled.join(", ")} of the same attempt (a racing monitor's) cancelled`
        : "";
    const job = submitted && submitted.jobId === settled.winner
        ? {
            jobId: submitted.jobId,
            cluster: submitted.cluster ?? cluster,
            adopted: submitted.adopted,
            submitAttempts: submitted.attempts,
            evidence: `${submitted.evidence}${cancelled}`,
        }
        : {
            jobId: settled.winner,
            ...(cluster ? { cluster } : {}),
            adopted: true,
            submitAttempts: 0,
            evidence: `job ${settled.winner} found by its name ${plan.name} and adopted${cancelled}`,
        };
    const next = (0,resubmit/* resubmittedManifest */.s$)(m, plan, { ...job, passedEnv: passEnv }, c.at);
    const { resubmit: _done, ...rest } = step;
    return {
        ...rest,
        manifest: next,
        findings: [
            ...step.findings,
            notice(l, `${what}; ${job.evidence}: attempt ${plan.attempt} (restart ${plan.restarts} of ${plan.maxRestarts})${plan.excludeNodes ? `, excluding ${plan.excludeNodes}` : ""}`),
        ],
    };
}
/** Job ids of the attempt's name, oldest first; undefined when the scheduler could not tell. */
async function jobsNamed(c, name, cluster) {
    const found = await c.scheduler.findByName(name, {
        controller: true,
        timeoutMs: c.settings.clientTimeoutMs,
        ...(cluster ? { cluster } : {}),
    });
    const ids = found.ok ? found.jobIds : found.controller?.ok ? found.controller.jobIds : undefined;
    return ids === undefined ? { error: found.error ?? "no answer" } : { ids };
}
/** The script asks to be held itself (`#SBATCH --hold`): the user releases it, not the monitor. */
function holdsItself(script) {
    return /^#SBATCH[ \t]+(?:--hold|-H)\b/m.test(script);
}
/**
 * The attempt's one job: the lowest id of its name (job ids grow with
 * submission, and every monitor sees its own held job before it looks, so
 * every monitor picks the same one). The others are cancelled, the winner
 * released.
 */
async function settle(c, ids, cluster, keepHeld) {
    const ref = (id) => (cluster ? `${id};${cluster}` : id);
    const [winner, ...others] = ids;
    const t = { timeoutMs: c.settings.clientTimeoutMs };
    if (others.length) {
        const r = await c.scheduler.cancel(others.map(ref), t);
        if (!r.ok)
            return {
                error: `${c.scheduler.terms.cancel} of the attempt's extra jobs ${others.join(", ")} failed (${r.error})`,
            };
    }
    if (!keepHeld) {
        const r = await c.scheduler.release([ref(winner)], t);
        if (!r.ok)
            return { error: `job ${winner} could not be released (${r.error})` };
    }
    return { winner, cancelled: others };
}
function notice(l, message) {
    return { severity: "notice", check: "monitor.resubmitted", file: l.run.manifestDisplay, message };
}

;// CONCATENATED MODULE: ./lib/src/commands/monitor/advance.js
/**
 * One run through one tick: gather its evidence, decide (domain/tick.ts), act
 * (sync, extract), and return what to record. Writes nothing except the
 * `syncing` mark a copy in progress leaves in the work tree (a crash leaves
 * `syncing`, which the next tick retries); everything else goes into the
 * tick's change set.
 */

















function evidenceOf(c, l, m) {
    const ev = (0,discover/* jobRunDir */.Yb)(m, c.root, l.run.runDir);
    if (ev.invalid) {
        c.findings.push({
            severity: "warning",
            check: "monitor.work_dir_invalid",
            file: l.run.manifestDisplay,
            jsonPath: "/launch/work_dir",
            message: `launch.work_dir ${ev.invalid} of run ${m.run_id} is not an absolute path; the job's files are looked for in the checkout's run dir`,
        });
    }
    else if (ev.workDir && ev.missing && m.host_mode === "slurm") {
        c.findings.push({
            severity: "warning",
            check: "monitor.work_dir_missing",
            file: l.run.manifestDisplay,
            jsonPath: "/launch/work_dir",
            message: `the job's work dir ${ev.dir} (the launch snapshot of run ${m.run_id}) is missing: its sentinel, logs and outputs cannot be read, so they count as missing`,
            hint: "if the snapshot was moved, put it back (or copy its run dir into the checkout's run dir) and run the monitor again",
        });
    }
    return { dir: ev.workDir ? ev.dir : l.run.runDir, workDir: ev.workDir, missing: ev.missing };
}
/** Copy the job's files from its launch snapshot into the checkout's run dir (never deleting). */
function copyBack(c, l, m, ev) {
    return syncArtifacts({
        repoRoot: c.root,
        runDir: l.run.runDir,
        runId: m.run_id,
        iterationId: m.iteration_id,
        iterationPath: l.run.iterationPath,
        now: c.now,
        config: {
            mode: "rsync",
            source: ev.dir.endsWith("/") ? ev.dir : ev.dir + "/",
            outputs: [],
            retries: 0,
        },
    });
}
/** Gather the scheduler's answer and the early sentinel, then decide (domain/tick.ts). */
async function decide(c, l, ev) {
    const m = l.manifest;
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    const ref = (0,run/* manifestJobRef */.am)(m);
    const asks = (0,tick/* asksScheduler */.yq)(m);
    // Asked of a cluster that did not answer (or none answered): an outage for this run only.
    const answer = asks ? (0,cluster_answers/* answerFor */.u3)(ref, c.outcome) : "answered";
    const obs = asks && answer === "answered" && ref ? c.outcome?.observations.get(ref) : undefined;
    const base = {
        manifest: m,
        file: l.run.manifestDisplay,
        at: c.at,
        now: c.now(),
        graceSeconds: c.settings.graceSeconds,
        runawayLostAfterSeconds: c.settings.runawayLostAfterSeconds,
        answer,
        unresolved: ref !== undefined && c.unresolved.has(ref),
    };
    // An outage, or a job id that belongs to another job: the sentinel is not read.
    if (!asks || base.answer === "outage" || (obs && (0,tick/* jobNameMismatch */.re)(m, obs) !== undefined)) {
        return (0,tick/* decideRun */.Sf)({ ...base, job: obs, sentinel: { state: "missing" } });
    }
    const sv = await (0,store_evidence/* readRunSentinel */.AG)(ev.dir, jobId, obs?.tasks !== undefined);
    if (sv.symlink)
        c.findings.push((0,store_evidence/* symlinkFinding */.jV)(c.root, external_node_path_.join(ev.dir, "job_sentinel.json"), m.run_id, "job_sentinel.json"));
    if (!obs)
        return (0,tick/* decideRun */.Sf)({ ...base, sentinel: sv.sentinel, sentinelNote: sv.note });
    const { neverStarts, failsFast, ...verdict } = c.scheduler.judge(obs);
    return (0,tick/* decideRun */.Sf)({
        ...base,
        job: obs,
        verdict,
        sentinel: sv.sentinel,
        sentinelNote: sv.note,
        neverStarts,
        failsFast,
        maxPendingSeconds: c.settings.maxPendingSeconds,
        efficiencyHintBelow: c.settings.efficiencyHintBelow,
    });
}
/**
 * A run that gives up on its pending job (never starts, max_pending) fails
 * only once the job is cancelled: when the cancel does not go through, the
 * run is left as it was (a warning) and the next tick decides again.
 */
async function cancelFirst(c, l, step) {
    const jobId = step.cancelJob;
    if (c.dryRun)
        return step;
    // A job on a named cluster is cancelled there (`id;cluster`: scancel -M).
    const cluster = (0,run/* manifestCluster */.YK)(l.manifest);
    const ref = cluster ? `${jobId};${cluster}` : jobId;
    const out = await c.scheduler.cancel([ref], { timeoutMs: c.settings.clientTimeoutMs });
    if (out.ok)
        return step;
    return {
        manifest: l.manifest,
        transitions: [],
        findings: [
            {
                severity: "warning",
                check: "monitor.cancel_failed",
                file: l.run.manifestDisplay,
                message: `run ${l.manifest.run_id} gives up on its pending job ${jobId} (${step.failureReason ?? "failed"}), but ${c.scheduler.terms.cancel} did not go through: ${out.error ?? "no answer"}; the run is left as it was and decided again next tick`,
            },
        ],
        sync: false,
    };
}
/**
 * Bring a succeeded job's artifacts into the checkout: its snapshot first
 * (work root), then the design's own artifact_sync. Returns what the sync
 * rests on (undefined: not synced this tick, retried next tick).
 */
async function syncStep(c, l, m, ev, r) {
    let fromWorkDir;
    if (ev.workDir && !ev.missing) {
        const res = await copyBack(c, l, m, ev);
        if (res.status !== "ok") {
            const prevAttempts = Number(m.artifact_sync_to_local?.total_attempts ?? 0) || 0;
            m.artifact_sync_to_local = {
                ...syncRecord(res),
                from_work_dir: ev.dir,
                total_attempts: prevAttempts + res.attempts,
            };
            c.findings.push({
                severity: "warning",
                check: "sync.failed",
                file: l.run.manifestDisplay,
                message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${res.error ?? "unknown error"}; it is retried on the next tick`,
                hint: "check the work root's permissions and free space",
            });
            return undefined;
        }
        fromWorkDir = `the job's files copied from its work dir ${ev.dir} (${res.copied.length} file(s))`;
    }
    let evidence;
    if ((0,vocabulary/* isSuccessLike */.j)(m.artifact_sync_to_local?.status)) {
        // Already synced (e.g. by hand, as the recovery steps say).
        evidence = `artifact_sync_to_local.status is ${String(m.artifact_sync_to_local.status)}`;
    }
    else {
        try {
            const designShown = `${l.run.iterationPath}/design.yaml`;
            const { data: design } = await (0,contract_design/* loadDesign */.Fp)(external_node_path_.join(l.run.iterationDir, "design.yaml"), designShown);
            const config = resolveSyncConfig(design, c.policy, {
                designFile: designShown,
                policyFile: ".autolab/verifier_policy.yaml",
            });
            // Visible in the work tree while the copy runs; a crash leaves "syncing", which is retried.
            m.artifact_sync_to_local = syncingRecord(m.artifact_sync_to_local);
            await (0,manifest/* writeManifest */.HN)(l.run.manifestPath, m, l.run.manifestDisplay);
            r.baseTexts.add((0,manifest/* serializeManifest */.MZ)(m));
            const res = await syncArtifacts({
                repoRoot: c.root,
                runDir: l.run.runDir,
                runId: m.run_id,
                iterationId: m.iteration_id,
                iterationPath: l.run.iterationPath,
                config,
                now: c.now,
            });
            const prevAttempts = Number(m.artifact_sync_to_local?.total_attempts ?? 0) || 0;
            m.artifact_sync_to_local = { ...syncRecord(res), total_attempts: prevAttempts + res.attempts };
            if (res.status === "ok") {
                evidence = `artifacts synced (${config.mode})${config.mode === "rsync" ? `: ${res.copied.length} file(s) copied` : ""}`;
            }
            else {
                c.findings.push({
                    severity: "warning",
                    check: "sync.failed",
                    message: `artifact sync for run ${m.run_id} failed: ${res.error ?? "missing " + res.missing.join(", ")}; it is retried on the next tick`,
                    file: l.run.manifestDisplay,
                    hint: "fix the source, or copy the files by hand, set artifact_sync_to_local.status to ok, and run the monitor again",
                });
            }
        }
        catch (e) {
            c.findings.push((0,util_errors/* findingFromError */.Oo)(e, "sync.config", l.run.manifestDisplay));
        }
    }
    return evidence !== undefined && fromWorkDir ? `${fromWorkDir}; ${evidence}` : evidence;
}
/** Extract results (metrics.json, the summary section) and collect the evidence files to commit. */
async function extractStep(c, l, step, ev, r) {
    const m = step.manifest;
    if (ev.workDir && !ev.missing && m.host_mode === "slurm") {
        // A failed run was never synced: its logs and sentinel still have to come back to be committed.
        const res = await copyBack(c, l, m, ev);
        if (res.status !== "ok") {
            c.findings.push({
                severity: "warning",
                check: "sync.failed",
                file: l.run.manifestDisplay,
                message: `copying run ${m.run_id}'s files from its work dir ${ev.dir} failed: ${res.error ?? "unknown error"}; its logs are not committed this tick`,
            });
        }
    }
    try {
        const designShown = `${l.run.iterationPath}/design.yaml`;
        const { data: design } = await (0,contract_design/* loadDesign */.Fp)(external_node_path_.join(l.run.iterationDir, "design.yaml"), designShown);
        const res = await extractRun({
            repoRoot: c.root,
            iterationDir: l.run.iterationDir,
            iterationPath: l.run.iterationPath,
            runDir: l.run.runDir,
            runId: m.run_id,
            iterationId: m.iteration_id,
            design,
            manifest: m,
            pythonBin: c.settings.pythonBin,
            now: c.now,
            timeoutSeconds: (0,domain_settings/* extractTimeoutSeconds */.Mk)(design, c.policy),
        });
        r.files.set((0,fs/* displayPath */.Gt)(c.root, res.metricsPath), res.metricsText);
        if (res.logPath && res.logText !== undefined)
            r.files.set((0,fs/* displayPath */.Gt)(c.root, res.logPath), res.logText);
        r.section = {
            path: (0,fs/* displayPath */.Gt)(c.root, res.summaryPath),
            iterationId: m.iteration_id,
            runId: m.run_id,
            text: res.section,
        };
        r.metrics = {
            status: res.metrics.status,
            primary: { name: res.metrics.primary_metric.name, value: res.metrics.primary_metric.value },
        };
        m.extraction = {
            metrics: (0,fs/* displayPath */.Gt)(c.root, res.metricsPath),
            status: res.metrics.status,
            missing_evidence: res.missingEvidence,
        };
        if ((0,run/* statusOf */.c2)(m) === "synced")
            step.manifest = complete(step, m, c.at, res.metrics.status);
        r.stateEvents.push("extracted");
        if (m.host_mode === "slurm") {
            for (const [p, data] of await (0,store_evidence/* evidenceFiles */.RL)(c.root, l.run.runDir, m.run_id, c.findings))
                r.files.set(p, data);
        }
    }
    catch (e) {
        c.findings.push((0,util_errors/* findingFromError */.Oo)(e, "extract", l.run.manifestDisplay));
    }
}
function complete(step, m, at, metricsStatus) {
    const evidence = `metrics.json written (status ${metricsStatus})`;
    const next = (0,run/* transition */.kY)(m, "completed", at, evidence);
    if (!next)
        return m;
    step.transitions.push({ from: (0,run/* statusOf */.c2)(m), to: "completed", evidence });
    return next;
}
function merge(into, more) {
    return {
        manifest: more.manifest,
        transitions: [...into.transitions, ...more.transitions],
        findings: [...into.findings, ...more.findings],
        sync: false,
        failureReason: more.failureReason ?? into.failureReason,
    };
}
/** The run's report row. */
function reportOf(l, before, step, now) {
    const m = step.manifest;
    const launchRec = m.launch && typeof m.launch === "object" ? m.launch : {};
    const rep = {
        runId: m.run_id,
        iterationId: m.iteration_id,
        manifestPath: l.run.manifestDisplay,
        hostMode: m.host_mode,
        jobId: (0,run/* manifestJobId */.Gf)(m),
        cluster: (0,run/* manifestCluster */.YK)(m),
        before: (0,run/* statusOf */.c2)(before),
        after: (0,run/* statusOf */.c2)(m),
        transitions: step.transitions,
        changed: false,
        launchSha: typeof launchRec.git_revision === "string" ? launchRec.git_revision : undefined,
        slurmState: m.slurm?.state,
        reason: m.slurm?.reason,
        exitCode: m.slurm?.exit_code,
        failureReason: step.failureReason,
        syncStatus: (0,vocabulary/* normalizeSyncStatus */.N2)(m.artifact_sync_to_local?.status) ?? String(m.artifact_sync_to_local?.status ?? ""),
        startedAt: m.timestamps?.started_at,
        completedAt: m.timestamps?.completed_at,
        slurmStart: m.slurm?.start,
        slurmEnd: m.slurm?.end,
        sweepId: (0,run/* sweepIdOf */.rA)(m),
    };
    // SLURM's own times (a local run's launch and completion), never the tick that noticed.
    const times = (0,job_usage/* jobTimesOf */.xN)(m, now);
    if (times.runSeconds !== undefined)
        rep.durationSeconds = times.runSeconds;
    if (times.queuedSeconds !== undefined)
        rep.queuedSeconds = times.queuedSeconds;
    if (times.submit !== undefined)
        rep.slurmSubmit = times.submit;
    if (times.expectedStart !== undefined)
        rep.expectedStart = times.expectedStart;
    const eff = (0,job_usage/* efficiencyOfManifest */.a4)(m);
    if (eff)
        rep.efficiency = eff;
    return rep;
}
/** A failed run's log tail (stderr first), never through a link. */
async function logTail(c, l, m, ev) {
    const jobId = (0,run/* manifestJobId */.Gf)(m);
    if (!jobId)
        return undefined;
    const logs = external_node_path_.join(ev.workDir && !ev.missing ? ev.dir : l.run.runDir, "logs");
    for (const name of (0,layout/* jobLogNames */.oW)(jobId)) {
        const t = await (0,store_evidence/* tail */.RT)(external_node_path_.join(logs, name));
        if (t.skipped)
            c.findings.push((0,store_evidence/* symlinkFinding */.jV)(c.root, external_node_path_.join(logs, name), m.run_id, `logs/${name}`));
        if (t.text !== undefined)
            return t.text;
    }
    return undefined;
}
/** Advance one run through the tick. */
async function advanceRun(c, l) {
    const before = l.manifest;
    const ev = evidenceOf(c, l, before);
    const stepFindings = (s) => {
        c.findings.push(...s.findings);
        s.findings = [];
    };
    let step = await decide(c, l, ev);
    if (step.cancelJob !== undefined)
        step = await cancelFirst(c, l, step);
    if (step.resubmit !== undefined)
        step = await resubmitFirst(c, l, step);
    stepFindings(step);
    const r = {
        baseTexts: new Set(l.text !== undefined ? [l.text] : []),
        files: new Map(),
        stateEvents: [],
    };
    if (step.sync && (0,run/* statusOf */.c2)(step.manifest) === "running" && !c.dryRun) {
        const m = structuredClone(step.manifest);
        const evidence = await syncStep(c, l, m, ev, r);
        step = { ...step, manifest: m, sync: false };
        if (evidence !== undefined) {
            const jobId = (0,run/* manifestJobId */.Gf)(m);
            const sv = await (0,store_evidence/* readRunSentinel */.AG)(l.run.runDir, jobId, Array.isArray(m.slurm?.array_tasks));
            if (sv.symlink)
                c.findings.push((0,store_evidence/* symlinkFinding */.jV)(c.root, external_node_path_.join(l.run.runDir, "job_sentinel.json"), m.run_id, "job_sentinel.json"));
            const after = (0,tick/* afterSync */.AC)({
                manifest: m,
                file: l.run.manifestDisplay,
                at: c.at,
                now: c.now(),
                graceSeconds: c.settings.graceSeconds,
                syncEvidence: evidence,
                sentinel: sv.sentinel,
                sentinelNote: sv.note,
            });
            stepFindings(after);
            step = merge(step, after);
        }
        if ((0,run/* statusOf */.c2)(step.manifest) === "synced")
            r.stateEvents.push("synced");
    }
    let synced = false;
    if ((0,tick/* awaitsSync */.F_)(step.manifest) && !c.dryRun) {
        // The Python tool's `completed` with its sync still to do: sync, then extract (status stays completed).
        const m = structuredClone(step.manifest);
        synced = (await syncStep(c, l, m, ev, r)) !== undefined;
        step = { ...step, manifest: m };
    }
    if ((synced || (0,tick/* needsExtract */.Rt)((0,run/* statusOf */.c2)(step.manifest), l.hasMetrics)) && !c.dryRun)
        await extractStep(c, l, step, ev, r);
    const m = step.manifest;
    const report = reportOf(l, before, step, c.now());
    if (r.metrics) {
        report.metricsStatus = r.metrics.status;
        report.primaryMetric = r.metrics.primary;
    }
    if (report.after === "failed")
        report.logTail = await logTail(c, l, m, ev);
    report.changed = (0,tick/* stableText */.f$)(m) !== l.stableBefore;
    return { ...r, report, ...(report.changed ? { changed: m } : {}) };
}

// EXTERNAL MODULE: ./lib/src/domain/changes.js
var changes = __webpack_require__(9162);
;// CONCATENATED MODULE: ./lib/src/domain/manifest-merge.js


/**
 * Whether `theirs` (on the head) must be kept instead of `ours`; `startedFrom`
 * is the status the command read.
 */
function keepTheirs(startedFrom, theirs, ours) {
    const t = (0,run/* statusOf */.c2)(theirs);
    const o = (0,run/* statusOf */.c2)(ours);
    if (t === startedFrom)
        return false;
    if (t === o)
        return (ours.history?.length ?? 0) <= (theirs.history?.length ?? 0);
    return !(0,vocabulary/* canTransition */.w)(t, o);
}
function isPlain(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}
function same(a, b) {
    if (a === b)
        return true;
    if (a === undefined || b === undefined || a === null || b === null)
        return false;
    if (typeof a !== "object" || typeof b !== "object")
        return false;
    return JSON.stringify(a) === JSON.stringify(b);
}
/** Three-way merge of JSON values; conflicts are listed by JSON pointer. */
function merge3(base, ours, theirs, preferOurs, at = "", conflicts = []) {
    if (same(ours, base))
        return theirs;
    if (same(theirs, base) || same(ours, theirs))
        return ours;
    if (isPlain(base) && isPlain(ours) && isPlain(theirs)) {
        const out = {};
        const keys = [...new Set([...Object.keys(theirs), ...Object.keys(ours), ...Object.keys(base)])];
        for (const k of keys) {
            const v = merge3(base[k], ours[k], theirs[k], preferOurs, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, conflicts);
            if (v !== undefined)
                out[k] = v;
        }
        return out;
    }
    conflicts.push(at || "/");
    return preferOurs ? ours : theirs;
}
/** The change-set edit that writes `ours` by the rules above. */
function manifestEdit(i) {
    return {
        path: i.path,
        owner: i.ours.run_id,
        what: `run ${i.ours.run_id}'s manifest`,
        edit(current, ctx) {
            const oursText = i.serialize(i.ours);
            if (current === undefined)
                return oursText;
            const text = new TextDecoder().decode(current);
            if (text === oursText || i.baseTexts.has(text))
                return oursText;
            let theirs;
            try {
                const v = JSON.parse(text);
                theirs = isPlain(v) ? v : undefined;
            }
            catch {
                theirs = undefined;
            }
            if (!theirs || theirs.run_id !== i.ours.run_id)
                return oursText;
            const startedFrom = (0,run/* statusOf */.c2)(i.base);
            if (keepTheirs(startedFrom, theirs, i.ours)) {
                ctx.note(supersededFinding(i, theirs));
                return "superseded";
            }
            const theirsMoved = (0,run/* statusOf */.c2)(theirs) !== startedFrom;
            const conflicts = [];
            const merged = merge3(i.base, i.ours, theirs, theirsMoved, "", conflicts);
            if (conflicts.length && !theirsMoved)
                ctx.note(conflictFinding(i, conflicts));
            return i.serialize(merged);
        },
    };
}
function supersededFinding(i, theirs) {
    return {
        severity: "notice",
        check: "monitor.superseded",
        file: i.path,
        message: `run ${i.ours.run_id} was moved to ${(0,run/* statusOf */.c2)(theirs)} by another writer while this tick worked (it read ${(0,run/* statusOf */.c2)(i.base)} and decided ${(0,run/* statusOf */.c2)(i.ours)}); the newer record is kept`,
    };
}
function conflictFinding(i, conflicts) {
    return {
        severity: "warning",
        check: "manifest.merge_conflict",
        file: i.path,
        jsonPath: conflicts[0] === "/" ? "" : conflicts[0],
        message: `run ${i.ours.run_id}'s manifest was edited by another writer while this command worked, and both changed ${conflicts.join(", ")}: their value${conflicts.length > 1 ? "s are" : " is"} kept; every other change of both is merged`,
        hint: "check the fields named; the next monitor tick decides again from the record as it is now",
    };
}

// EXTERNAL MODULE: ./lib/src/domain/stage.js
var stage = __webpack_require__(7881);
// EXTERNAL MODULE: ./lib/src/store/state-file.js
var state_file = __webpack_require__(1672);
;// CONCATENATED MODULE: ./lib/src/commands/monitor/edits.js
/**
 * The tick's change set, in the order commit-back replays it: manifests
 * first (they decide which runs another writer superseded), then each run's
 * own files, the iterations' summaries, the ledger, state.json and the
 * monitor's outage state.
 */









/** The exact manifest bytes, refused (AutolabError) when the manifest is invalid. */
function validManifestText(m, file) {
    const text = (0,manifest/* serializeManifest */.MZ)(m);
    (0,validate/* assertValid */.pP)((0,validate/* parseDocument */.Tp)("manifest", text, file));
    return text;
}
/**
 * analysis/summary.md is shared by the iteration's runs: each run's section
 * (and each sweep's group section, keyed by the sweep id) is upserted on the file as it is.
 */
function summaryEdits(results, groups) {
    const byPath = new Map();
    const sections = [
        ...results.flatMap((r) => (r.section ? [r.section] : [])),
        ...groups.map((g) => ({ path: g.summaryPath, iterationId: g.iterationId, runId: g.sweepId, text: g.section })),
    ];
    for (const s of sections) {
        const list = byPath.get(s.path) ?? [];
        list.push(s);
        byPath.set(s.path, list);
    }
    return [...byPath].map(([file, sections]) => ({
        path: file,
        what: "the iteration's summary",
        edit(current, ctx) {
            let text = current === undefined ? undefined : new TextDecoder("utf-8", { ignoreBOM: true }).decode(current);
            const before = text;
            for (const s of sections) {
                if (ctx.superseded.has(s.runId))
                    continue;
                text = upsertRunSection(text, s.iterationId, s.runId, s.text, file);
            }
            return text === undefined || text === before ? "unchanged" : text;
        },
    }));
}
/**
 * state.json follows the tracked run, or the tracked sweep as a whole (`tasks`: every known run's
 * status after this tick); the head's state and the new one are validated (store/state-file.ts).
 */
function stateFollows(results, now, tasks) {
    const events = results.flatMap((r) => (r.changed ? r.stateEvents.map((event) => ({ m: r.changed, event })) : []));
    if (!events.length)
        return undefined;
    return (0,state_file/* stateEdit */.gC)((st, ctx) => {
        let s = st;
        for (const e of events)
            if (!ctx.superseded.has(e.m.run_id))
                s = (0,stage/* nextState */.VK)(s, e.m, e.event, now, tasks) ?? s;
        return s === st ? undefined : s;
    }, "state.json");
}
function tickEdits(i) {
    const edits = [];
    i.results.forEach((r, k) => {
        const l = i.runs[k];
        if (!r.changed)
            return;
        edits.push(manifestEdit({
            path: l.run.manifestDisplay,
            base: l.manifest,
            baseTexts: r.baseTexts,
            ours: r.changed,
            serialize: (m) => validManifestText(m, l.run.manifestDisplay),
        }));
    });
    for (const b of i.bases ?? [])
        edits.push(manifestEdit({
            path: b.run.run.manifestDisplay,
            base: b.run.manifest,
            baseTexts: new Set(b.run.text !== undefined ? [b.run.text] : []),
            ours: b.next,
            serialize: (m) => validManifestText(m, b.run.run.manifestDisplay),
        }));
    for (const r of i.results)
        for (const [p, content] of r.files)
            edits.push((0,changes/* put */.y)(p, content, r.report.runId));
    for (const g of i.groups ?? []) {
        edits.push({ ...(0,changes/* put */.y)(g.metricsPath, g.metricsText), what: "the sweep's group metrics" });
        if (g.baseMetrics)
            edits.push({ ...(0,changes/* put */.y)(g.baseMetrics.path, g.baseMetrics.text), what: "the group's base metrics" });
    }
    edits.push(...summaryEdits(i.results, i.groups ?? []));
    if (i.ledgerFix.length)
        edits.push((0,sync/* ledgerEdit */.OO)(i.ledgerFix));
    const st = stateFollows(i.results, i.now, i.statuses ?? new Map());
    if (st)
        edits.push(st);
    if (i.monitorState)
        edits.push((0,changes/* put */.y)(layout/* MONITOR_STATE_PATH */.B7, JSON.stringify(i.monitorState, null, 2) + "\n"));
    return edits;
}

// EXTERNAL MODULE: ./lib/src/domain/run-group.js
var run_group = __webpack_require__(6328);
// EXTERNAL MODULE: ./lib/src/store/runs.js
var runs = __webpack_require__(564);
;// CONCATENATED MODULE: ./lib/src/commands/monitor/gather.js
/**
 * The monitor's gather and question (commands/monitor/index.ts): the run
 * index opened, the question it left for this tick asked at once, the runs
 * discovered and read, the ledger parsed, and the scheduler's answer for the
 * runs in flight.
 */












/** The question for these runs in flight: their job ids (in discovery order, once each) and its time bound. */
function questionFor(inFlight) {
    const ids = [...new Set(inFlight.map((m) => (0,run/* manifestJobRef */.am)(m)))];
    const launched = inFlight
        .map((m) => Date.parse(String(m.timestamps?.started_at ?? m.started_at ?? "")))
        .filter((t) => Number.isFinite(t));
    return launched.length ? { ids, since: launched.reduce((a, b) => Math.min(a, b)) - 24 * 3600 * 1000 } : { ids };
}
/** One question to the scheduler for every run in flight (undefined: nothing to ask). */
async function ask(opts, q, lookbackDays, clientTimeoutMs, now, findings) {
    const jobIds = q.ids;
    if (!jobIds.length)
        return undefined;
    const earliest = q.since ?? now.getTime() - lookbackDays * 86400 * 1000;
    const outcome = await opts.scheduler.query(jobIds, {
        since: new Date(earliest),
        timeoutMs: clientTimeoutMs,
        ...opts.query,
    });
    opts.log?.(`scheduler: ${outcome.calls.length} call(s) for ${jobIds.length} job(s), ${outcome.ok ? `ok (accounting ${outcome.accounting})` : "FAILED: " + outcome.error}`);
    if (outcome.ok) {
        for (const w of outcome.warnings) {
            findings.push({
                severity: "warning",
                check: "scheduler.accounting",
                message: `${w}; runs are followed through squeue/scontrol, and jobs neither shows are left as they are`,
                hint: "check slurmdbd and its database (sacctmgr show cluster); finished jobs are settled once accounting answers again",
            });
        }
    }
    return outcome;
}
/** A promise that never rejects (awaited later, after other work: no unhandled rejection meanwhile). */
function settled(p) {
    return p.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
}
async function unsettle(p) {
    const r = await p;
    if (!r.ok)
        throw r.error;
    return r.value;
}
function sameRuns(a, b) {
    return a.length === b.length && a.every((l, i) => l === b[i]);
}
/**
 * The ledger's text, or undefined when it cannot be read (too large, a link,
 * not UTF-8: a `ledger.read` error). A refused ledger is left alone this tick:
 * its lines are neither checked against the manifests nor edited (an edit
 * would read the whole file after all, and every run would seem to lack its line).
 */
async function readLedgerText(root, findings) {
    try {
        return (await readLedger(external_node_path_.join(root, layout/* LEDGER_PATH */.Kd), layout/* LEDGER_PATH */.Kd, root)) ?? "";
    }
    catch (e) {
        findings.push((0,util_errors/* findingFromError */.Oo)(e, "ledger.read", layout/* LEDGER_PATH */.Kd, {
            hint: "the ledger is not read or updated until this is fixed; the runs' manifests are, and stay the record",
        }));
        return undefined;
    }
}
async function gather(opts, ws, settings, now, findings) {
    // The question the previous tick left for this one (the runs it left in flight) is asked at once,
    // so the scheduler answers while the repository is walked; its answer is used only when the
    // question made from the files below is exactly this one, else it is asked again.
    const opened = await openRunIndex(ws);
    const next = opened?.next;
    const hinted = !opts.runId && next?.ids.length && next.ledger === ledgerStamp(ws) ? next : undefined;
    const aheadFindings = [];
    if (hinted)
        opts.log?.(`scheduler: asking ahead about the ${hinted.ids.length} job(s) the last tick left in flight`);
    const ahead = hinted
        ? settled(ask(opts, hinted, settings.lookbackDays, settings.clientTimeoutMs, now(), aheadFindings))
        : undefined;
    // Gather: the runs the index cannot vouch for are read (domain/run-index.ts).
    opts.progress?.({ phase: "discovering" });
    const readAtMs = Date.now();
    const discovered = await (0,discover/* discoverRuns */.cd)(ws.root, opts.runId ? { runId: opts.runId } : {});
    // Say why when the run exists but was refused (e.g. a symlink leaving the repository).
    if (opts.runId && !discovered.runs.length) {
        await ahead;
        throw (0,discover/* runNotFound */.b3)(opts.runId, discovered.findings);
    }
    findings.push(...discovered.findings);
    // Every run that may be in flight is read first (a run the index vouches for by its stamp is
    // finished), so the scheduler is asked (if it was not above) while the rest of the gather runs:
    // the ledger, the finished runs' checks. The tick's wall time then tends to max(the scheduler's
    // answer, its own work) instead of their sum; the result is the same.
    const first = await (0,runs/* loadUnvouched */.WX)(discovered.runs, { index: opened?.entries(), readAtMs });
    const groups = (0,run_group/* runGroups */.ij)(discovered.runs); // a multi-run base (Python layout) is no job of its own
    const isBase = (l) => groups.bases.has((0,run_group/* groupKey */.$6)(l.run.iterationPath, l.run.runId));
    const early = first.read.filter((l) => l.validated && (0,tick/* asksScheduler */.yq)(l.manifest) && !isBase(l));
    if (early.length)
        opts.progress?.({
            phase: "asking",
            jobs: early.length,
            tracked: first.slots.filter((x) => x.loaded ?? x.vouched).length,
        });
    const wanted = questionFor(early.map((l) => l.manifest));
    const aheadUsed = !!ahead && (0,run_index/* sameQuestion */.RB)(hinted, wanted);
    let askFindings = aheadUsed ? aheadFindings : [];
    const asking = aheadUsed
        ? ahead
        : settled(ask(opts, wanted, settings.lookbackDays, settings.clientTimeoutMs, now(), askFindings));
    if (ahead && !aheadUsed)
        opts.log?.("scheduler: the question asked ahead is not this tick's; asked again");
    const ledgerFindings = [];
    const ledgerText = await readLedgerText(ws.root, ledgerFindings);
    const ledger = (0,ledger_ledger/* parseLedger */.h8)(ledgerText ?? "");
    const lines = (0,sync/* linesByRun */.SH)(ledger);
    const loaded = await (0,runs/* settleIndexed */.Bl)(first, findings, (id) => lines.get(id)?.text);
    const all = loaded.runs;
    opts.log?.(`runs: ${all.length} read, ${loaded.cached.length} from the run index`);
    findings.push(...ledgerFindings, ...(0,sync/* ledgerProblems */.EF)(ledger));
    const candidates = all.filter((l) => l.validated && (0,tick/* needsWork */.Bd)(l.manifest, l.hasMetrics) && !isBase(l));
    const inFlight = candidates.filter((l) => (0,tick/* asksScheduler */.yq)(l.manifest));
    // Ask, once: the question asked above, unless a run read in the second phase is in flight after all
    // (a manifest with the stamp the index recorded is the one it recorded, so this does not happen).
    let outcome = await unsettle(asking);
    if (!sameRuns(early, inFlight)) {
        askFindings = [];
        outcome = await ask(opts, questionFor(inFlight.map((l) => l.manifest)), settings.lookbackDays, settings.clientTimeoutMs, now(), askFindings);
    }
    findings.push(...askFindings);
    // A question asked ahead and not used still cost its calls: the report counts them.
    const unused = ahead && !aheadUsed ? await ahead : undefined;
    const unusedCalls = unused?.ok ? (unused.value?.calls ?? []) : [];
    return {
        opened,
        loaded,
        all,
        ledger,
        ledgerRefused: ledgerText === undefined,
        candidates,
        inFlight,
        outcome,
        unusedCalls,
        runGroups: groups,
    };
}

// EXTERNAL MODULE: ./lib/src/steps/sweep-group.js
var sweep_group = __webpack_require__(3904);
;// CONCATENATED MODULE: ./lib/src/commands/monitor/sweeps.js







function parsed(content) {
    if (content === undefined)
        return undefined;
    try {
        return JSON.parse(typeof content === "string" ? content : content.toString("utf8"));
    }
    catch {
        return undefined;
    }
}
async function tickSweepGroups(root, runs, results, findings) {
    const touched = new Map();
    results.forEach((r, k) => {
        const l = runs[k];
        const sweepId = r.report.sweepId;
        if (!sweepId || !r.metrics)
            return;
        const key = `${l.run.iterationPath}\0${sweepId}`;
        const t = touched.get(key) ?? { l, sweepId, fresh: new Map() };
        const m = parsed(r.files.get(`${l.run.runPath}/${layout/* METRICS_FILE */.HL}`));
        if (m)
            t.fresh.set(r.report.runId, m);
        touched.set(key, t);
    });
    const out = [];
    for (const { l, sweepId, fresh } of touched.values()) {
        try {
            const g = await (0,sweep_group/* sweepGroup */.W1)({
                root,
                iterationDir: l.run.iterationDir,
                iterationPath: l.run.iterationPath,
                sweepId,
                fresh,
            });
            if (g)
                out.push(g);
            else
                findings.push({
                    severity: "warning",
                    check: "monitor.sweep_record",
                    file: `${(0,layout/* runLayout */.WA)(l.run.iterationPath, sweepId).runDir}/sweep_manifest.json`,
                    message: `sweep ${sweepId} has no readable sweep record: its group result is not written`,
                });
        }
        catch (e) {
            findings.push((0,util_errors/* findingFromError */.Oo)(e, "monitor.sweep_group", l.run.manifestDisplay));
        }
    }
    return out;
}
/** The Python-tool groups a replicate of which was extracted (or ended) this tick. */
async function pythonGroupResults(i) {
    const touched = new Map();
    i.results.forEach((r, k) => {
        const l = i.runs[k];
        const baseId = i.groups.baseOf.get((0,run_group/* groupKey */.$6)(l.run.iterationPath, l.run.runId));
        if (!baseId || (!r.metrics && !r.changed))
            return;
        const key = (0,run_group/* groupKey */.$6)(l.run.iterationPath, baseId);
        const t = touched.get(key) ?? { l, baseId, fresh: new Map() };
        const m = parsed(r.files.get(`${l.run.runPath}/${layout/* METRICS_FILE */.HL}`));
        if (m)
            t.fresh.set(r.report.runId, m);
        touched.set(key, t);
    });
    const groups = [];
    const bases = [];
    for (const [key, { l, baseId, fresh }] of touched) {
        const replicates = i.groups.bases.get(key) ?? [];
        try {
            if (fresh.size)
                groups.push(await (0,sweep_group/* replicateGroup */.h9)({
                    root: i.root,
                    iterationDir: l.run.iterationDir,
                    iterationPath: l.run.iterationPath,
                    iterationId: l.run.iterationId,
                    baseId,
                    replicates,
                    fresh,
                }));
        }
        catch (e) {
            i.findings.push((0,util_errors/* findingFromError */.Oo)(e, "monitor.sweep_group", l.run.manifestDisplay));
        }
        const base = i.all.find((b) => b.run.iterationPath === l.run.iterationPath && b.run.runId === baseId);
        const sts = replicates.map((id) => i.statuses.get(id)).filter((s) => (0,vocabulary/* isRunStatus */.Y$)(s));
        const to = sts.length === replicates.length ? (0,run_group/* groupStatus */.Cr)(sts) : undefined;
        if (!base || !to || (0,run/* statusOf */.c2)(base.manifest) === to)
            continue;
        const failedReps = replicates.filter((id) => i.statuses.get(id) === "failed");
        const evidence = `its replicates are final: ${replicates.length - failedReps.length} of ${replicates.length} without failure`;
        const next = (0,run/* transition */.kY)(base.manifest, to, i.at, evidence, to === "failed"
            ? { reason: "replicates_failed", message: `replicate(s) failed: ${failedReps.join(", ")}` }
            : undefined);
        // The group's outputs are its replicates': each synced before it completed (as that tool aggregates the sync status).
        if (next && to !== "failed")
            next.artifact_sync_to_local = { ...(next.artifact_sync_to_local ?? {}), status: "ok" };
        if (next)
            bases.push({ run: base, next });
    }
    return { groups, bases };
}
/** The tick report's view of the group results it recomputed. */
function sweepReports(groups) {
    return groups.map((g) => ({
        sweepId: g.sweepId,
        iterationId: g.iterationId,
        metricsPath: g.metricsPath,
        extracted: g.extracted,
        total: g.total,
        result: g.result,
        document: g.document,
    }));
}

// EXTERNAL MODULE: ./lib/src/report/monitor.js
var monitor = __webpack_require__(2679);
;// CONCATENATED MODULE: ./lib/src/commands/monitor/index.js
/**
 * monitor: one tick advances every in-progress run from scheduler evidence.
 * Gather (discover runs, read manifests and the ledger) -> ask (one batched
 * scheduler question for every run in flight) -> decide and act per run
 * (domain/tick.ts; sync and extract in advance.ts) -> record (one change set,
 * one commit).
 *
 *  - Finds runs: every manifest that is not terminal, plus terminal runs with
 *    no metrics.json yet (not extracted). Terminal, extracted runs cost one
 *    JSON parse (for the ledger check) and nothing else, and not even that
 *    when the run index (in the git dir, domain/run-index.ts) vouches that
 *    their manifest, metrics and ledger line are unchanged since a tick read
 *    them: a tick then costs in proportion to the runs in flight and what
 *    changed, plus one lstat per run.
 *  - Asks the scheduler once for all of them (one sacct + one squeue, one
 *    scontrol only when accounting is down). The number of scheduler calls
 *    does not depend on the number of runs.
 *  - An outage changes no run: it is recorded in `.autolab/monitor_state.json`
 *    and escalated after `slurm.monitor.poll_failure_escalation_ticks` ticks
 *    (domain/outage.ts).
 *  - The per-run rules (sentinel grace, name mismatch, unknown jobs, pending
 *    reasons that never start) are domain/tick.ts's; see its header.
 *  - The ledger line of every SLURM run follows its manifest in the same tick
 *    (ledger/sync.ts); state.json moves with the tracked run.
 *  - A manifest is only rewritten when something other than the poll time or
 *    the growing elapsed time changed, so an idle tick writes and commits
 *    nothing. All changes of the tick land in one commit; when the push is
 *    rejected, the change set is replayed on the new head and each manifest is
 *    merged field by field into the other writer's version
 *    (domain/manifest-merge.ts): a run another writer moved is superseded and
 *    this tick writes nothing else for it.
 *  - Two ticks never run at once in one checkout (store/lock.ts); a lock a
 *    killed tick left behind is taken over and named in a finding.
 *  - Evidence is never read through a symlink (store/evidence.ts).
 */






















async function monitor_monitor(opts) {
    const now = opts.now ?? (() => new Date());
    const ws = await (0,workspace/* openWorkspace */.O)(opts.cwd, { commit: opts.commit });
    const lockFindings = [];
    const release = opts.dryRun
        ? async () => undefined
        : await (0,lock/* takeMonitorLock */.th)(ws.root, ws.inGit, now(), (f) => lockFindings.push(f));
    try {
        const rep = await monitor_tick(opts, ws, now);
        rep.findings.unshift(...lockFindings);
        return rep;
    }
    finally {
        await release();
    }
}
function schedulerSummary(outcome, unused = []) {
    return {
        // Every cluster asked answered (a cluster down is not ok, though the others' runs were decided).
        ok: outcome ? outcome.ok && !outcome.outages?.length : true,
        calls: (outcome?.calls.length ?? 0) + unused.length,
        totalMs: Math.round(outcome?.calls.reduce((a, c) => a + c.durationMs, 0) ?? 0),
        accounting: outcome?.accounting,
        error: outcome?.error,
        detail: [
            ...(outcome?.calls ?? []).map((c) => `${external_node_path_.basename(c.argv[0])} ${c.ok ? "ok" : "failed"} ${Math.round(c.durationMs)} ms${c.error ? `: ${c.error}` : ""}`),
            ...unused.map((c) => `${external_node_path_.basename(c.argv[0])} asked ahead, not used`),
        ],
    };
}
/** The outage state, never through a link (a link is reported and read as no state). */
async function readMonitorState(root, findings) {
    const r = await (0,fs/* readOwned */.A4)(root, external_node_path_.join(root, layout/* MONITOR_STATE_PATH */.B7), 1024 * 1024);
    if (r.skipped) {
        findings.push((0,util_errors/* findingFromError */.Oo)((0,fs/* linkError */.rH)(r, layout/* MONITOR_STATE_PATH */.B7), "monitor.link", layout/* MONITOR_STATE_PATH */.B7));
        return undefined;
    }
    try {
        return r.data ? JSON.parse(r.data.toString("utf8")) : undefined;
    }
    catch {
        return undefined;
    }
}
/** Every known run's status after this tick: a run the index vouches for is finished and extracted. */
function statusesAfter(all, changed, cached) {
    const out = new Map();
    for (const c of cached)
        out.set(c.entry.runId, "completed");
    for (const l of all)
        out.set(l.manifest.run_id, (0,run/* statusOf */.c2)(changed.get(l.manifest.run_id) ?? l.manifest));
    return out;
}
/** A shell template of the Python tool in the policy is never run: say so. */
function templateFindings(policy, doc) {
    return (0,domain_settings/* pythonTemplateKeys */.z9)(policy).map((k) => {
        const pointer = "/" + k.path.join("/");
        return {
            severity: "warning",
            check: "policy.python_template",
            file: ".autolab/verifier_policy.yaml",
            ...(doc?.locate(pointer) ?? {}),
            jsonPath: pointer,
            message: `${k.path.join(".")} (a shell template of the Python autolab tool) is not run: a policy file is repository content, and this tool runs no shell text from it; instead ${k.instead}`,
        };
    });
}
async function monitor_tick(opts, ws, now) {
    const findings = [];
    const dryRun = !!opts.dryRun;
    const { policy, doc } = await (0,contract_policy/* loadPolicy */.tb)(ws.root);
    const settings = (0,domain_settings/* monitorSettings */.U1)(policy);
    findings.push(...templateFindings(policy, doc));
    const g = await gather(opts, ws, settings, now, findings);
    const { opened, loaded, all, ledger, candidates, inFlight, outcome, unusedCalls, runGroups: runGroupsNow } = g;
    const at = (0,time/* isoSeconds */.n)(now());
    const prevState = await readMonitorState(ws.root, findings);
    const outage = outageStep(prevState, {
        asked: !!outcome,
        ok: (outcome?.ok ?? true) && !outcome?.outages?.length,
        error: outcome?.error,
        failed: outcome?.outages?.map((o) => ({ cluster: o.cluster, error: o.error, runs: o.refs.length })),
        partial: !!outcome?.ok && !!outcome.outages?.length,
    }, at, settings.escalateAfterTicks);
    if (outage.finding)
        findings.push(outage.finding);
    // Decide and act, run by run.
    const ctx = {
        root: ws.root,
        at,
        now,
        settings,
        policy,
        outcome,
        // Resubmission and cancellation as launch.job_user, when the policy sets it.
        scheduler: (0,job_user/* schedulerFor */.f)(opts.scheduler, policy),
        unresolved: new Set(outcome?.unresolved ?? []),
        dryRun,
        findings,
    };
    const results = [];
    for (const l of candidates) {
        const r = await advanceRun(ctx, l);
        results.push(r);
        const { runId, before, after, jobId } = r.report;
        if (before !== after)
            opts.progress?.({ phase: "run", runId, before, after, jobId });
    }
    const reports = results.map((r) => r.report);
    const changedById = new Map();
    for (const r of results)
        if (r.changed)
            changedById.set(r.changed.run_id, r.changed);
    const statuses = statusesAfter(all, changedById, loaded.cached);
    const python = await pythonGroupResults({
        root: ws.root,
        groups: runGroupsNow,
        runs: candidates,
        results,
        all,
        statuses,
        at,
        findings,
    });
    for (const b of python.bases)
        changedById.set(b.next.run_id, b.next);
    const groups = [...(await tickSweepGroups(ws.root, candidates, results, findings)), ...python.groups];
    // A ledger the tick could not read (too large, a link: a ledger.read error) is left alone.
    const follow = g.ledgerRefused
        ? { fix: [], findings: [] }
        : (0,sync/* ledgerFollow */.D9)(all.map((l) => ({
            before: l.manifest,
            after: changedById.get(l.manifest.run_id),
            manifestFile: l.run.manifestDisplay,
        })), ledger, !opts.runId, loaded.cached.map((c) => c.entry.runId));
    findings.push(...follow.findings);
    const report = {
        runs: reports,
        tracked: all.length + loaded.cached.length,
        inFlight: inFlight.length,
        findings,
        scheduler: schedulerSummary(outcome, unusedCalls),
        outage: outage.outage,
        written: [],
        dryRun,
        notify: (0,domain_settings/* notifySettings */.d)(policy),
        retentionSeconds: (0,domain_settings/* retentionSeconds */.cC)(policy),
        ...(groups.length ? { sweeps: sweepReports(groups) } : {}),
    };
    if (dryRun)
        return report;
    // Record: one change set, one commit.
    const edits = tickEdits({
        runs: candidates,
        results,
        ledgerFix: follow.fix,
        groups,
        bases: python.bases,
        monitorState: outage.state,
        statuses: statusesAfter(all, changedById, loaded.cached),
        now: now(),
    });
    if (edits.length)
        opts.progress?.({ phase: "committing", files: edits.length });
    const rec = await (0,record/* record */.g1)(ws, edits, {
        message: (0,monitor/* commitMessage */.df)(reports, outage.outage),
        skipCi: opts.skipCi,
        push: opts.push,
        branch: opts.branch,
        token: opts.token,
        onUnpushed: "report", // the report says it, and the tick fails (monitorVerdict)
        identity: opts.identity,
    });
    findings.push(...rec.findings);
    // The index for the next tick (only a whole-repository tick knows every run; a run written above has
    // a new stamp: it is read next tick), with the question for the runs this tick leaves in flight;
    // an index equal to the one read is not written again.
    const next = {
        ...questionFor(candidates.map((l) => changedById.get(l.manifest.run_id) ?? l.manifest).filter((m) => (0,tick/* asksScheduler */.yq)(m))),
        ledger: ledgerStamp(ws),
    };
    if (!opts.runId && (loaded.indexChanged || !(0,run_index/* sameQuestion */.RB)(opened?.next, next) || opened?.next?.ledger !== next.ledger))
        await writeRunIndex(ws, loaded.index, next);
    return { ...report, commit: rec.commit, written: rec.written };
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

/***/ 5679:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AG: () => (/* binding */ readRunSentinel),
/* harmony export */   RL: () => (/* binding */ evidenceFiles),
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   jV: () => (/* binding */ symlinkFinding)
/* harmony export */ });
/* unused harmony exports MAX_COMMITTED_LOG_BYTES, isSymlink */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(545);
/* harmony import */ var _domain_sentinel_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3695);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/**
 * Evidence reads: files a job (or another writer) may have written are read
 * without following links. Opened with O_NOFOLLOW (and O_NONBLOCK, so a FIFO
 * cannot hang a tick), and only a regular file is read.
 */






/** Job logs and the sentinel are committed with a finished run up to this size (bytes) per file. */
const MAX_COMMITTED_LOG_BYTES = 10 * 1024 * 1024;

/** A directory of the run that is a symlink (a job can replace `logs/` by one): not to be read. */
function isSymlink(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(p).isSymbolicLink();
    }
    catch {
        return false;
    }
}
function symlinkFinding(repoRoot, abs, runId, what) {
    return {
        severity: "warning",
        check: "monitor.symlink",
        file: (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(repoRoot, abs),
        message: `${what} of run ${runId} is a symlink${isSymlink(abs) ? "" : " or not a regular file"}: it is not read or committed (evidence is never taken through a link)`,
        hint: "a job must write its logs and sentinel as files; remove the link",
    };
}
async function tail(file, lines = 30) {
    if (isSymlink(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file)))
        return { skipped: "symlink" };
    const r = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readNoFollow */ .pj)(file, 64 * 1024 * 1024);
    if (r.skipped)
        return { skipped: r.skipped };
    if (!r.data)
        return {};
    const t = r.data.toString("utf8");
    return {
        text: t
            .split("\n")
            .slice(-lines - 1)
            .join("\n")
            .trimEnd() || undefined,
    };
}
/**
 * The run's job_sentinel.json as evidence for job `jobId`, never through a
 * link (a linked run dir or sentinel is reported by the caller: `symlink`).
 * A sentinel written by another job reads as missing, with a note why.
 */
async function readRunSentinel(runDir, jobId, isArray) {
    if (isSymlink(runDir))
        return {
            sentinel: { state: "missing" },
            note: " (the run directory is a symlink: its job_sentinel.json is not read)",
            symlink: true,
        };
    // Synchronous: read for every run in flight, usually absent; a queued open costs far more than the call.
    const r = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readNoFollowSync */ .Om)(node_path__WEBPACK_IMPORTED_MODULE_2__.join(runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SENTINEL_FILE */ .K6), 1024 * 1024);
    if (r.skipped)
        return {
            sentinel: { state: "missing" },
            note: ` (job_sentinel.json is a ${r.skipped === "symlink" ? "symlink" : "non-regular file"}: not read)`,
            symlink: true,
        };
    const parsed = (0,_domain_sentinel_js__WEBPACK_IMPORTED_MODULE_5__/* .parseSentinel */ .O6)(r.data?.toString("utf8"));
    // An unreadable sentinel is no evidence (as if missing).
    if (parsed.state === "invalid")
        return { sentinel: { state: "missing" }, note: "" };
    return (0,_domain_sentinel_js__WEBPACK_IMPORTED_MODULE_5__/* .sentinelEvidence */ .ey)(parsed, jobId, isArray);
}
/**
 * Job logs and the sentinel of a run, to commit with it (size-capped).
 * Symlinks are never followed: a linked file (or a linked logs/ directory)
 * is skipped with a warning naming it.
 */
async function evidenceFiles(repoRoot, runDir, runId, findings) {
    const out = new Map();
    if (isSymlink(runDir)) {
        findings.push(symlinkFinding(repoRoot, runDir, runId, "the run directory"));
        return out;
    }
    const candidates = [node_path__WEBPACK_IMPORTED_MODULE_2__.join(runDir, _domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SENTINEL_FILE */ .K6)];
    const logsDir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(runDir, "logs");
    if (isSymlink(logsDir)) {
        findings.push(symlinkFinding(repoRoot, logsDir, runId, "the logs/ directory"));
    }
    else {
        try {
            for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(logsDir)) {
                if (_domain_layout_js__WEBPACK_IMPORTED_MODULE_4__/* .SLURM_LOG_NAME */ .ps.test(name))
                    candidates.push(node_path__WEBPACK_IMPORTED_MODULE_2__.join(logsDir, name));
            }
        }
        catch {
            // no logs/ (yet)
        }
    }
    for (const abs of candidates) {
        const shown = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(repoRoot, abs);
        const r = await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readNoFollow */ .pj)(abs, MAX_COMMITTED_LOG_BYTES);
        if (r.skipped) {
            findings.push(symlinkFinding(repoRoot, abs, runId, node_path__WEBPACK_IMPORTED_MODULE_2__.basename(abs)));
            continue;
        }
        if (r.tooLarge !== undefined) {
            findings.push({
                severity: "notice",
                check: "monitor.log_size",
                file: shown,
                message: `${r.tooLarge} bytes: too large to commit (limit ${MAX_COMMITTED_LOG_BYTES}); it stays in the work tree`,
            });
            continue;
        }
        if (r.data)
            out.set(shown, r.data);
    }
    return out;
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
