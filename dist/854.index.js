export const id = 854;
export const ids = [854];
export const modules = {

/***/ 9162:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ sameContent),
/* harmony export */   y: () => (/* binding */ put)
/* harmony export */ });
/** An edit that writes `content` whatever the file holds (a file only this command writes). */
function put(path, content, owner) {
    return { path, owner, edit: () => content };
}
/** True when `a` and `b` hold the same bytes (strings compared as UTF-8). */
function sameContent(a, b) {
    if (a === undefined || b === undefined)
        return a === b;
    const ea = typeof a === "string" ? new TextEncoder().encode(a) : a;
    const eb = typeof b === "string" ? new TextEncoder().encode(b) : b;
    if (ea.length !== eb.length)
        return false;
    for (let i = 0; i < ea.length; i++)
        if (ea[i] !== eb[i])
            return false;
    return true;
}


/***/ }),

/***/ 7551:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   br: () => (/* binding */ BOT_IDENTITY),
/* harmony export */   pb: () => (/* binding */ commitBack)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/* harmony import */ var _util_exec_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2785);
/* harmony import */ var _backlog_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3110);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4424);
/* harmony import */ var _remote_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6055);
/* harmony import */ var _trees_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(5212);
/**
 * Commit-back: one commit per launch / monitor tick holding the files the tool
 * wrote (scripts, manifests, ledger), pushed to a configurable branch, with
 * rebase-by-regeneration when the branch moved.
 *
 * How it stays safe in a researcher's own checkout (login node) as well as in
 * a CI checkout:
 *
 * - The paths `apply()` reports ("touched paths") are owned by the tool. Only
 *   they are staged, and only into a private index (`GIT_INDEX_FILE` in a temp
 *   directory): whatever else the user has staged or modified is never part of
 *   the commit and never reset. The commit is made with plumbing
 *   (`write-tree`, `commit-tree`), so user hooks do not run on bot commits
 *   and the commit is not signed with the user's key; push uses `--no-verify`.
 * - Bot identity by default (github-actions[bot]), set through the
 *   GIT_AUTHOR_* / GIT_COMMITTER_* environment so no user or env setting wins.
 * - Nothing changed (the private index tree equals the base tree) => no commit.
 * - Commits of the branch that never reached the remote (a push refused by a
 *   protected branch or a hook, or one that failed) are pushed by the next
 *   call, also one with nothing new to commit; the result says how many
 *   (`pushedBacklog`), or how far the branch is still ahead and why (see
 *   backlog.ts). A push that does not land throws (the local commit holds the
 *   change), or with `onUnpushed: "report"` returns the result with
 *   `unpushed` set.
 * - A rejected push (the branch moved, or a remote-side ref-lock failure) is
 *   retried with jittered exponential backoff. Before retrying, the remote
 *   branch is fetched and the change is rebuilt on its new head — never by a
 *   textual merge or rebase:
 *     1. every path that changed between our old base and the new head is
 *        written from the new head (touched paths the others changed, e.g. the
 *        ledger, included; our own new files that nobody else changed are left
 *        as they are);
 *     2. `apply()` runs again on top of that and regenerates its change (e.g.
 *        re-reads the ledger and upserts its own lines);
 *     3. a new commit is built on the new head and pushed.
 * - Same-branch mode (target = the checked-out branch): the branch advances to
 *   the commit, the real index is synchronised for the touched paths only. On
 *   a retry the local branch is moved from our own commit to the new remote
 *   head like a fast-forward that keeps local changes: before anything is
 *   modified, commitBack refuses (AutolabError naming the files) when a file
 *   the other writers changed has uncommitted user changes, or an untracked /
 *   ignored local file sits where they added a different one; and it refuses
 *   when the local branch has commits that are not on the remote (it never
 *   rebases the user's commits). In every refusal the local commit still
 *   holds the change. Unrelated uncommitted work is never touched.
 * - Other-branch mode (e.g. checkout on `main`, committing to `autolab/runs`):
 *   the commit is based on the remote branch head when it exists (else the
 *   local branch of that name, else HEAD). HEAD and the real index are not
 *   touched; the touched paths in the work tree are made to hold the target
 *   branch's version (step 1 above, against the checked-out commit) before
 *   `apply()` runs on them, so e.g. the ledger upsert works on the target
 *   branch's ledger. The local branch of that name follows the commit when it
 *   can (absent, behind, or holding our previous attempt, and not checked out
 *   in another worktree).
 * - Credentials: an optional token is sent as an `http.<remote-url>.extraheader`
 *   passed through the environment of the fetch/push commands only: never
 *   written to `.git/config`, never on a command line, redacted from errors.
 */











const BOT_IDENTITY = {
    name: "github-actions[bot]",
    email: "41898282+github-actions[bot]@users.noreply.github.com",
};
async function commitBack(opts) {
    const root = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .topLevel */ .M4)(opts.repoRoot);
    const remote = opts.remote ?? "origin";
    if (!remote || remote.startsWith("-") || /[\s\0]/.test(remote)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`invalid git remote name ${JSON.stringify(remote)}`, { file: root });
    }
    const remoteExists = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .hasRemote */ .F6)(root, remote);
    const push = opts.push ?? remoteExists;
    if (push && !remoteExists) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`cannot push: the repository has no git remote "${remote}"`, {
            file: root,
            hint: `add it (git remote add ${remote} <url>) or commit without pushing (--no-push)`,
        });
    }
    const checkedOut = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .currentBranch */ .eR)(root);
    const target = opts.branch ?? checkedOut;
    if (!target) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0("HEAD is detached, so there is no branch to commit to", {
            file: root,
            hint: "give the branch to commit to (e.g. --branch autolab/runs) or check out a branch",
        });
    }
    const check = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(root, ["check-ref-format", "--branch", target], { allowFailure: true });
    if (!(0,_util_exec_js__WEBPACK_IMPORTED_MODULE_5__.ok)(check)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`"${target}" is not a valid branch name`, { file: root, hint: "see git check-ref-format" });
    }
    const subject = opts.message.trim();
    if (!subject)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0("commit message is empty", { file: root });
    const message = opts.skipCi && !/\[skip ci\]/i.test(subject.split("\n")[0]) ? addToSubject(subject, " [skip ci]") : subject;
    const secrets = opts.token ? [opts.token] : [];
    const ctx = {
        root,
        remote,
        target,
        secrets,
        ...(push ? await (0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .resolveRemote */ .Lb)(root, remote, opts.token) : { netConfig: [], pushUrl: remote, fetchUrl: remote }),
        identity: opts.identity ?? BOT_IDENTITY,
        message: message + "\n",
        touched: new Set(),
        apply: opts.apply,
    };
    const retry = {
        push,
        maxAttempts: Math.max(1, Math.floor(opts.maxAttempts ?? 10)),
        baseDelayMs: Math.max(0, opts.baseDelayMs ?? 300),
    };
    try {
        return await (target === checkedOut ? sameBranch(ctx, retry) : otherBranch(ctx, retry));
    }
    catch (e) {
        if (!(e instanceof _backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .PushPending */ .OM))
            throw e;
        const { count } = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .aheadOf */ .RJ)(ctx, e.info.sha);
        const behind = `${target} is ${count} commit${count === 1 ? "" : "s"} ahead of ${remote}/${target}`;
        const unpushed = {
            remote,
            branch: target,
            sha: e.info.sha,
            ahead: count,
            reason: (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .redact */ .E$)(e.info.reason, secrets),
            message: `${e.message} (${behind})`,
            hint: e.hint,
        };
        if (opts.onUnpushed !== "report") {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(unpushed.message, { file: root, hint: e.hint, cause: e.cause ?? e });
        }
        const { committed, sha, attempts } = e.info;
        return result(ctx, { committed, pushed: false, sha, attempts, unpushed });
    }
}
function addToSubject(msg, suffix) {
    const nl = msg.indexOf("\n");
    return nl < 0 ? msg + suffix : msg.slice(0, nl) + suffix + msg.slice(nl);
}
// ---------------------------------------------------------------------------
// The two flows
async function sameBranch(ctx, policy) {
    let base = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .headSha */ .xF)(ctx.root); // undefined on an unborn branch
    let pending;
    let needApply = true;
    const kept = `on branch ${ctx.target}`;
    for (let attempt = 1;; attempt++) {
        if (needApply) {
            await runApply(ctx, base, base, pending);
            const built = await buildCommit(ctx, base);
            if (!built)
                return backlog(ctx, policy, base, false, kept, attempt - 1);
            await updateRef(ctx, `refs/heads/${ctx.target}`, built, base, "moving the branch to the new commit");
            await syncIndex(ctx, [...ctx.touched]);
            pending = built;
            if (!policy.push)
                return result(ctx, { committed: true, pushed: false, sha: built, attempts: 0 });
        }
        const commit = pending;
        const info = { sha: commit, committed: true, attempts: attempt };
        const { outcome: pushed, ahead } = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pushTracked */ .D7)(ctx, commit);
        if (pushed.ok)
            return result(ctx, { ...info, pushed: true, pushedBacklog: Math.max(0, ahead - 1) });
        if (!pushed.retryable || attempt >= policy.maxAttempts)
            throw (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pending */ .Ub)((0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .pushFailure */ .dS)(ctx, commit, attempt, pushed.reason, kept), { ...info, reason: pushed.reason });
        await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .yy)((0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .backoff */ .JN)(policy.baseDelayMs, attempt));
        const remoteHead = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchPending */ .M4)(ctx, commit, kept, info);
        if (!remoteHead || (!pushed.moved && (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, remoteHead, commit)))) {
            needApply = false; // the remote did not move past us (lock contention): push again as is
            continue;
        }
        if (base && !(await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, base, remoteHead))) {
            throw new _backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .PushPending */ .OM({
                ...info,
                reason: `${ctx.remote}/${ctx.target} moved, and ${ctx.target} has local commits that are not on it`,
            }, `branch ${ctx.target} has local commits that are not on ${ctx.remote}/${ctx.target}, and the remote moved; ` +
                `commit-back never rebases your commits. The local commit ${(0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .short */ .h0)(commit)} (${kept}) still holds the change`, { file: ctx.root, hint: `integrate the remote (git pull --rebase ${ctx.remote} ${ctx.target}) and push` });
        }
        await moveBranch(ctx, commit, base, remoteHead, kept).catch((e) => {
            throw e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0 ? (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pending */ .Ub)(e, info) : e;
        });
        base = remoteHead;
        needApply = true;
    }
}
async function otherBranch(ctx, policy) {
    const ref = `refs/heads/${ctx.target}`;
    const head = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .headSha */ .xF)(ctx.root);
    let localRef = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .revParse */ .DJ)(ctx.root, ref);
    const refMovable = !(await checkedOutElsewhere(ctx, ref));
    let base;
    if (policy.push) {
        const remoteHead = await (0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .fetchBranch */ .D_)(ctx);
        if (!remoteHead)
            base = localRef ?? head;
        else if (!localRef || (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, localRef, remoteHead)))
            base = remoteHead;
        else if (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, remoteHead, localRef))
            base = localRef;
        else {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`local branch ${ctx.target} and ${ctx.remote}/${ctx.target} have diverged; nothing was committed`, {
                file: ctx.root,
                hint: `reconcile them (e.g. rebase ${ctx.target} onto ${ctx.remote}/${ctx.target}, or delete the local branch if its commits are not needed)`,
            });
        }
    }
    else {
        base = localRef ?? head;
    }
    let from = head; // what the touched paths in the work tree are based on
    let pending;
    let needApply = true;
    let keptAt = "";
    for (let attempt = 1;; attempt++) {
        if (needApply) {
            await runApply(ctx, from, base, pending);
            from = base;
            const built = await buildCommit(ctx, base);
            if (!built) {
                // Only the local branch of that name can hold a backlog (never HEAD's branch).
                const local = localRef !== undefined && localRef === base ? base : undefined;
                return backlog(ctx, policy, local, true, `at ${ref}`, attempt - 1);
            }
            const canMove = refMovable && (!localRef || localRef === pending || (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, localRef, built)));
            if (canMove) {
                await updateRef(ctx, ref, built, localRef, `moving ${ctx.target} to the new commit`);
                localRef = built;
                keptAt = `at ${ref}`;
            }
            else {
                keptAt = `not on any branch: create one with git branch <name> ${built}`;
            }
            pending = built;
            if (!policy.push) {
                if (!canMove) {
                    throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`cannot move local branch ${ctx.target} to the new commit ${(0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .short */ .h0)(built)} (it is checked out in another worktree or has other commits)`, { file: ctx.root, hint: `the commit ${built} holds the change; ${keptAt}` });
                }
                return result(ctx, { committed: true, pushed: false, sha: built, attempts: 0 });
            }
        }
        const commit = pending;
        const info = { sha: commit, committed: true, attempts: attempt };
        const { outcome: pushed, ahead } = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pushTracked */ .D7)(ctx, commit);
        if (pushed.ok)
            return result(ctx, { ...info, pushed: true, pushedBacklog: Math.max(0, ahead - 1) });
        if (!pushed.retryable || attempt >= policy.maxAttempts)
            throw (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pending */ .Ub)((0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .pushFailure */ .dS)(ctx, commit, attempt, pushed.reason, keptAt), { ...info, reason: pushed.reason });
        await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .sleep */ .yy)((0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .backoff */ .JN)(policy.baseDelayMs, attempt));
        const remoteHead = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .fetchPending */ .M4)(ctx, commit, keptAt, info);
        if (!remoteHead || (!pushed.moved && (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .isAncestor */ .QX)(ctx.root, remoteHead, commit)))) {
            needApply = false;
            continue;
        }
        base = remoteHead;
        needApply = true;
    }
}
function result(ctx, r) {
    return { ...r, branch: ctx.target, paths: [...ctx.touched].sort() };
}
/**
 * Nothing new to commit: push the backlog of the branch at `local`
 * (backlog.ts). `fresh`: the remote branch was fetched by this call.
 */
async function backlog(ctx, policy, local, fresh, kept, attempts) {
    const b = await (0,_backlog_js__WEBPACK_IMPORTED_MODULE_6__/* .pushBacklog */ .AX)(ctx, policy, local, fresh, kept);
    if (!b.pushed)
        return result(ctx, { committed: false, pushed: false, attempts });
    return result(ctx, { committed: false, pushed: true, sha: local, attempts: b.attempts, pushedBacklog: b.backlog });
}
// ---------------------------------------------------------------------------
// Steps
/**
 * Run `apply()` so that it works on `base`: touched paths whose content differs
 * between `from` (what the work tree holds them at) and `base` are first
 * written from `base`. On the first call the touched paths are only known
 * after `apply()`, so when some of them turn out stale it runs again.
 */
async function runApply(ctx, from, base, previous) {
    const refreshed = new Set();
    const refresh = async () => {
        if (from === base)
            return;
        const changed = await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .changes */ .Ao)(ctx, from, base);
        const stale = changed.filter((c) => [...ctx.touched].some((t) => (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .covers */ .hU)(t, c.path)) && !refreshed.has(c.path));
        if (stale.length)
            await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .materialize */ .O9)(ctx, base, stale);
        for (const c of stale)
            refreshed.add(c.path);
        return stale.length;
    };
    await refresh();
    const callApply = async () => {
        let paths;
        try {
            paths = await ctx.apply();
        }
        catch (e) {
            if (!previous)
                throw e;
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`re-applying the change on the new head of ${ctx.target} failed: ${e.message}; ` +
                `the earlier commit ${previous} still holds the change`, { file: ctx.root, cause: e, hint: `recover it with git cherry-pick ${previous}` });
        }
        for (const p of paths)
            ctx.touched.add((0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .normalizeRepoPath */ .NP)(ctx.root, p));
    };
    await callApply();
    if (await refresh())
        await callApply();
}
/** Build a commit on `base` from `base`'s tree plus the touched paths of the work tree. */
async function buildCommit(ctx, base) {
    if (!ctx.touched.size)
        return undefined; // nothing touched: the tree is the base's
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3__.join((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), "autolab-index-"));
    const env = { GIT_INDEX_FILE: node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, "index") };
    try {
        await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, base ? ["read-tree", base] : ["read-tree", "--empty"], { env, what: "preparing the commit" });
        const files = [];
        const dirs = [];
        const gone = [];
        for (const p of ctx.touched) {
            const st = (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .lstatOrUndefined */ .YB)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(ctx.root, p));
            if (!st)
                gone.push(p);
            else if (st.isDirectory())
                dirs.push(p);
            else
                files.push(p);
        }
        const stage = async (args, list) => {
            if (!list.length)
                return;
            await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, [...args, "--pathspec-from-file=-", "--pathspec-file-nul"], {
                env,
                input: list.join("\0"),
                what: "staging the touched paths",
            });
        };
        // Files apply() names explicitly are committed even when a .gitignore matches them.
        await stage(["add", "--all", "--force"], files);
        await stage(["add", "--all"], dirs);
        await stage(["rm", "-r", "-q", "--cached", "--ignore-unmatch"], gone);
        const tree = (await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["write-tree"], { env, what: "writing the tree" })).stdout.trim();
        const baseTree = base ? await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .treeOf */ .g7)(ctx, base) : await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .emptyTree */ ["in"])(ctx);
        if (tree === baseTree)
            return undefined;
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["commit-tree", "--no-gpg-sign", tree, ...(base ? ["-p", base] : []), "-F", "-"], {
            input: ctx.message,
            env: {
                GIT_AUTHOR_NAME: ctx.identity.name,
                GIT_AUTHOR_EMAIL: ctx.identity.email,
                GIT_COMMITTER_NAME: ctx.identity.name,
                GIT_COMMITTER_EMAIL: ctx.identity.email,
            },
            what: "creating the commit",
        });
        return r.stdout.trim();
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
    }
}
/** Compare-and-swap a ref (`expected` undefined = must not exist yet). */
async function updateRef(ctx, ref, value, expected, what) {
    await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["update-ref", "-m", "autolab commit-back", ref, value, expected ?? ""], {
        what: `${what} (did someone commit at the same time?)`,
    });
}
/** Make the real index hold HEAD's version of `paths` (nothing else in the index changes). */
async function syncIndex(ctx, paths) {
    if (!paths.length)
        return;
    await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["reset", "-q", "--pathspec-from-file=-", "--pathspec-file-nul"], {
        input: paths.join("\0"),
        what: "updating the index",
    });
}
/**
 * Same-branch retry: move the checked-out branch from our own commit `ours`
 * (on `oldBase`) to `newBase`, keeping the user's uncommitted work. Checks
 * everything first and refuses without changing anything when a file the
 * others changed has local changes.
 */
async function moveBranch(ctx, ours, oldBase, newBase, kept) {
    const changed = await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .changes */ .Ao)(ctx, oldBase, newBase);
    const others = changed.filter((c) => ![...ctx.touched].some((t) => (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .covers */ .hU)(t, c.path)));
    const conflicts = new Set();
    const dirty = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .statusPorcelain */ .Uj)(ctx.root, undefined, "no");
    const dirtyPaths = new Set(dirty.flatMap((e) => (e.origPath ? [e.path, e.origPath] : [e.path])));
    for (const c of others)
        if (dirtyPaths.has(c.path))
            conflicts.add(c.path);
    // Untracked (or ignored) local files where the others added a different file.
    const present = others.filter((c) => c.status === "A" && !dirtyPaths.has(c.path) && (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .lstatOrUndefined */ .YB)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(ctx.root, c.path)) !== undefined);
    const hashable = present.filter((c) => !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(node_path__WEBPACK_IMPORTED_MODULE_3__.join(ctx.root, c.path)).isDirectory());
    for (const c of present)
        if (!hashable.includes(c))
            conflicts.add(c.path);
    if (hashable.length) {
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["hash-object", "--stdin-paths"], {
            input: hashable.map((c) => c.path).join("\n") + "\n",
            what: "comparing untracked files",
        });
        const oids = r.stdout.trim().split("\n");
        hashable.forEach((c, i) => {
            if (oids[i] !== c.newOid)
                conflicts.add(c.path);
        });
    }
    if (conflicts.size) {
        const list = [...conflicts].sort();
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`${ctx.remote}/${ctx.target} moved and changed files that have local changes here: ${list.slice(0, 10).join(", ")}` +
            `${list.length > 10 ? ` (and ${list.length - 10} more)` : ""}; nothing was overwritten. ` +
            `The local commit ${(0,_remote_js__WEBPACK_IMPORTED_MODULE_8__/* .short */ .h0)(ours)} (${kept}) still holds the change`, { file: ctx.root, hint: "commit or move your local changes to those files, then run again" });
    }
    await (0,_trees_js__WEBPACK_IMPORTED_MODULE_9__/* .materialize */ .O9)(ctx, newBase, changed);
    await updateRef(ctx, `refs/heads/${ctx.target}`, newBase, ours, "moving the branch to the remote head");
    await syncIndex(ctx, [...new Set([...changed.map((c) => c.path), ...ctx.touched])]);
}
async function checkedOutElsewhere(ctx, ref) {
    const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_7__/* .git */ .$Y)(ctx.root, ["worktree", "list", "--porcelain"], { allowFailure: true });
    return r.stdout.split("\n").some((l) => l === `branch ${ref}`);
}


/***/ }),

/***/ 9252:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g1: () => (/* binding */ record)
/* harmony export */ });
/* unused harmony exports applyEdits, pushFindings */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _domain_changes_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9162);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8726);
/* harmony import */ var _commitback_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7551);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4424);
/**
 * Record: the one place that decides "commit, or only write". A command hands
 * over its change set (domain/changes.ts); inside a checkout that commits, the
 * edits are replayed by commit-back on every head it tries (so they merge into
 * other writers' versions), else they are applied once to the work tree.
 *
 * Applying an edit: the current file is read without following links (a
 * tool-owned path that is, or lies under, a symlink is refused, with a finding naming it, and
 * never written through), the edit computes the new content, and the file is
 * written atomically (temp file + rename, which replaces rather than follows).
 *
 * The push: even an empty change set goes through commit-back when the
 * workspace commits, so commits of the branch that never reached the remote
 * (an earlier refused or failed push) are pushed now; a backlog that was
 * pushed is a notice (`git.push_backlog`). A push that does not land leaves
 * the commit on the branch (the next record pushes it again) and throws, or
 * with `onUnpushed: "report"` is said in the result (`commit.unpushed`) and a
 * warning finding (`git.push`: branch, commits ahead, the remote's answer).
 */








/** Apply the edits to the work tree at `root` once; returns the touched paths. */
async function applyEdits(root, edits, out) {
    const touched = [];
    const ctx = {
        superseded: out.superseded,
        note: (f) => out.findings.push(f),
    };
    // Writes are gathered and made durable together at the end (util/fs.writeFilesAtomic);
    // a later edit of a path already edited sees the pending content.
    const pending = new Map();
    const flush = async () => {
        await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .writeFilesAtomic */ .aV)([...pending.values()]);
        pending.clear();
    };
    for (const e of edits) {
        if (e.owner !== undefined && out.superseded.has(e.owner))
            continue;
        const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.join(root, e.path);
        // No link at any level: a linked docs/, runs/ or iteration directory is refused like a linked file.
        const queued = pending.get(abs);
        const cur = queued
            ? { data: Buffer.from(queued.data) }
            : await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .readOwned */ .A4)(root, abs);
        if (cur.skipped) {
            const at = cur.at && cur.at !== e.path ? `${cur.at} (on the way to ${e.path})` : e.path;
            out.findings.push({
                severity: "error",
                check: "record.link",
                file: e.path,
                message: `${at} is ${cur.skipped === "symlink" ? "a symlink" : "not a regular file"}: it is not read or written (a tool-owned file is never taken through a link)`,
                hint: "replace it by a regular file (git rm the link, then run the command again)",
            });
            continue;
        }
        let next;
        try {
            next = e.edit(cur.data, ctx);
        }
        catch (err) {
            out.findings.push((0,_util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .findingFromError */ .Oo)(err, "record.edit", e.path, { severity: "warning" }));
            continue;
        }
        if (next === "unchanged")
            continue;
        if (next === "superseded") {
            if (e.owner !== undefined)
                out.superseded.add(e.owner);
            continue;
        }
        if (next === "delete") {
            if (queued)
                await flush();
            if (cur.data !== undefined) {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(abs, { force: true });
                touched.push(e.path);
            }
            continue;
        }
        // Second line of defence: no token this process knows is ever written or committed (util/secrets).
        next = (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_4__/* .redactContent */ .Hj)(next);
        if (!(0,_domain_changes_js__WEBPACK_IMPORTED_MODULE_7__/* .sameContent */ .C)(cur.data, next)) {
            pending.delete(abs); // keep the write order: the latest content goes last
            pending.set(abs, { file: abs, data: next });
        }
        touched.push(e.path);
    }
    await flush();
    return touched;
}
/**
 * Record a change set: commit it (replayed on each head commit-back tries)
 * when the workspace commits, else write it once. An empty change set
 * writes nothing, but still pushes the branch's unpushed commits.
 */
async function record(ws, edits, o) {
    const out = { superseded: new Set(), findings: [] };
    if (!ws.commits) {
        const written = edits.length ? await applyEdits(ws.root, edits, out) : [];
        return { written, ...out };
    }
    // Nothing to write and no branch to push (detached HEAD, no --branch): nothing to do.
    if (!edits.length && (o.push === false || !(o.branch ?? (await (0,_git_js__WEBPACK_IMPORTED_MODULE_6__/* .currentBranch */ .eR)(ws.root))))) {
        return { written: [], ...out };
    }
    const commit = await (0,_commitback_js__WEBPACK_IMPORTED_MODULE_5__/* .commitBack */ .pb)({
        repoRoot: ws.root,
        apply: async () => {
            // Each replay decides afresh on the head it runs on.
            out.superseded.clear();
            out.findings.length = 0;
            return applyEdits(ws.root, edits, out);
        },
        message: o.message,
        skipCi: o.skipCi,
        push: o.push,
        branch: o.branch,
        token: o.token,
        onUnpushed: o.onUnpushed,
        identity: o.identity,
    });
    out.findings.push(...pushFindings(commit));
    // An empty change set that neither pushed nor failed to push recorded nothing.
    if (!edits.length && !commit.pushed && !commit.unpushed)
        return { written: [], ...out };
    return { commit, written: commit.paths, ...out };
}
/** What the push did, as findings: a backlog pushed (notice), commits still not on the remote (warning). */
function pushFindings(c) {
    const n = (k) => `${k} commit${k === 1 ? "" : "s"}`;
    const out = [];
    if (c.pushed && c.pushedBacklog) {
        out.push({
            severity: "notice",
            check: "git.push_backlog",
            message: `pushed ${n(c.pushedBacklog)} of ${c.branch} that had not reached the remote before${c.committed ? ` (besides this commit)` : ""}`,
        });
    }
    const u = c.unpushed;
    if (u) {
        out.push({
            severity: "warning",
            check: "git.push",
            message: `${u.branch} is ${n(u.ahead)} ahead of ${u.remote}/${u.branch}: not pushed (${u.reason}); ` +
                `the commits are kept (${u.sha.slice(0, 12)}) and the next run pushes them again`,
            hint: `fix what refuses the push (branch protection, a pre-receive hook, credentials, the network), then run again` +
                `${u.hint ? `; ${u.hint}` : ""}`,
        });
    }
    return out;
}


/***/ }),

/***/ 2359:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ schedulerFor)
/* harmony export */ });
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(545);
/* harmony import */ var _domain_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4822);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
/**
 * The scheduler a command uses under the policy's `launch.job_user`: the same
 * adapter, bound to submit and cancel as that user (every command that
 * submits, resubmits or cancels goes through this, so launch, sweeps, the
 * monitor's resubmission and cancel take one path).
 */



function schedulerFor(s, policy) {
    const user = (0,_domain_settings_js__WEBPACK_IMPORTED_MODULE_0__/* .jobUser */ .XI)(policy);
    if (user === s.jobUser)
        return s;
    if (!s.asJobUser)
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0(`launch.job_user is ${JSON.stringify(user)}, but the ${s.name} scheduler cannot submit as another user`, { file: _domain_layout_js__WEBPACK_IMPORTED_MODULE_2__/* .POLICY_PATH */ .l$, jsonPath: "/launch/job_user" });
    return s.asJobUser(user);
}


/***/ })

};
