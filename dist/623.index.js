export const id = 623;
export const ids = [623];
export const modules = {

/***/ 1372:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F$: () => (/* binding */ newRunId),
/* harmony export */   HN: () => (/* binding */ writeManifest),
/* harmony export */   MZ: () => (/* binding */ serializeManifest),
/* harmony export */   WI: () => (/* binding */ readManifest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3272);
/* harmony import */ var _domain_time_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7098);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4024);
/* harmony import */ var _domain_run_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5086);
/**
 * runs/<run_id>/run_manifest.json: read (validated), write (validated first,
 * atomic), and a new run id. The derived facts (job id, launch date, status)
 * are pure and live in domain/run.ts.
 */





/** Read and validate a manifest; throws an AutolabError (with every schema finding) when invalid. */
async function readManifest(absPath, displayPath = absPath) {
    return (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .assertValid */ .pP)(await (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .loadDocument */ .Az)("manifest", absPath, displayPath));
}
/** The exact bytes `writeManifest` writes: 2-space JSON and a trailing newline. */
function serializeManifest(m) {
    return JSON.stringify(m, null, 2) + "\n";
}
/**
 * Write a manifest atomically after validating it. An invalid manifest is
 * refused (AutolabError with the findings) and the file on disk is untouched.
 */
async function writeManifest(absPath, m, displayPath = absPath) {
    const text = serializeManifest(m);
    (0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .assertValid */ .pP)((0,_validate_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDocument */ .Tp)("manifest", text, displayPath));
    await (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomic */ .Zf)(absPath, text);
}

/** A new run id: `YYYYMMDDTHHMMSSZ_<6 hex>` (UTC time of `now`, random suffix unless given). */
function newRunId(now, rand) {
    const suffix = rand ?? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString("hex");
    if (!/^[0-9a-f]{6}$/.test(suffix))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0(`run id suffix must be 6 lowercase hex digits (got ${JSON.stringify(suffix)})`);
    if (Number.isNaN(now.getTime()))
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0("run id: invalid date");
    const stamp = (0,_domain_time_js__WEBPACK_IMPORTED_MODULE_5__/* .isoSeconds */ .n)(now).replace(/[-:]/g, "");
    return `${stamp}_${suffix}`;
}


/***/ }),

/***/ 751:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F5: () => (/* binding */ requiresCheck),
/* harmony export */   M5: () => (/* binding */ policyFromText),
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
 *   slurm.monitor.efficiency_hint_below         an ended job under this share of its request gets a right-sizing hint (0.5)
 *   slurm.monitor.sacct_lookback_days           how far back sacct looks (14)
 *   slurm.monitor.client_timeout_seconds        timeout of one squeue/sacct call (30)
 *   slurm.monitor.runaway_lost_after_seconds    how long a runaway accounting record stands before its run is `lost` (86400)
 *   slurm.monitor.poll_command_template,
 *   slurm.monitor.sync_command_template         the Python tool's shell templates: not run, reported (domain/settings.ts)
 *   slurm.submit.pass_env                       SBATCH_ and SLURM_ variables of the runner passed to sbatch, recorded (none)
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
    return effectivePolicy((0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .assertValid */ .pP)(await (0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .loadDocument */ .Az)("policy", abs, _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$)));
}
/**
 * The effective policy of a policy file's text as another commit has it
 * (the base of a pull request: git/trees.readCommittedFile); undefined text
 * (no file there) gives the defaults. Problems are reported at POLICY_PATH.
 */
async function policyFromText(text) {
    if (text === undefined)
        return { policy: clone(DEFAULT_POLICY) };
    return effectivePolicy((0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .assertValid */ .pP)((0,_validate_js__WEBPACK_IMPORTED_MODULE_6__/* .parseDocument */ .Tp)("policy", text, _domain_layout_js__WEBPACK_IMPORTED_MODULE_7__/* .POLICY_PATH */ .l$)));
}
async function effectivePolicy(doc) {
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

/***/ 5212:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ao: () => (/* binding */ changes),
/* harmony export */   J3: () => (/* binding */ readCommittedFile),
/* harmony export */   NP: () => (/* binding */ normalizeRepoPath),
/* harmony export */   O9: () => (/* binding */ materialize),
/* harmony export */   YB: () => (/* binding */ lstatOrUndefined),
/* harmony export */   g7: () => (/* binding */ treeOf),
/* harmony export */   hU: () => (/* binding */ covers),
/* harmony export */   "in": () => (/* binding */ emptyTree)
/* harmony export */ });
/* unused harmony export isZero */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/* harmony import */ var _git_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4424);
/**
 * Trees and the work tree for commit-back: which files differ between two
 * commits, writing files from a commit into the work tree (through a private
 * index, never the real one), and repository-relative path rules.
 */






/**
 * Write the changed files into the work tree as they are in `commit` (through
 * a private index; the real index is untouched); files deleted in `commit`
 * are deleted.
 */
async function materialize(ctx, commit, changed) {
    const checkout = changed.filter((c) => !isZero(c.newOid)).map((c) => c.path);
    const remove = changed.filter((c) => isZero(c.newOid)).map((c) => c.path);
    if (checkout.length && commit) {
        const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_3__.join((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), "autolab-index-"));
        const env = { GIT_INDEX_FILE: node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, "index") };
        try {
            await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(ctx.root, ["read-tree", commit], { env, what: "reading the new head" });
            await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(ctx.root, ["checkout-index", "-f", "-z", "--stdin"], {
                env,
                input: checkout.join("\0") + "\0",
                what: "writing files from the new head",
            });
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true });
        }
    }
    for (const p of remove) {
        const abs = node_path__WEBPACK_IMPORTED_MODULE_3__.join(ctx.root, p);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(abs, { force: true });
        // Remove directories left empty, as git does.
        for (let d = node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(abs); d.startsWith(ctx.root + node_path__WEBPACK_IMPORTED_MODULE_3__.sep); d = node_path__WEBPACK_IMPORTED_MODULE_3__.dirname(d)) {
            try {
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rmdir)(d);
            }
            catch {
                break;
            }
        }
    }
}
async function treeOf(ctx, commit) {
    return (await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(ctx.root, ["rev-parse", `${commit}^{tree}`])).stdout.trim();
}
async function emptyTree(ctx) {
    ctx.emptyTree ??= (await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(ctx.root, ["hash-object", "-t", "tree", "--stdin"], { input: "" })).stdout.trim();
    return ctx.emptyTree;
}
/** Files that differ between two commits (undefined = empty tree). */
async function changes(ctx, a, b) {
    if (a === b)
        return [];
    const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(ctx.root, ["diff-tree", "-r", "-z", "--no-renames", a ?? (await emptyTree(ctx)), b ?? (await emptyTree(ctx))], { what: "comparing commits" });
    // Records: ":<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0"
    const parts = r.stdout.split("\0");
    const out = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
        const meta = parts[i].replace(/^:/, "").split(" ");
        if (meta.length < 5)
            break;
        out.push({ path: parts[i + 1], status: meta[4][0], newOid: meta[3] });
    }
    return out;
}
function isZero(oid) {
    return /^0+$/.test(oid);
}
/** Does pathspec `spec` (a file or a directory) cover `p`? */
function covers(spec, p) {
    return p === spec || p.startsWith(spec + "/");
}
/** Repo-relative, forward slashes, no `./`, no trailing `/`; refuses paths outside the work tree or in `.git`. */
function normalizeRepoPath(root, p) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_3__.resolve(root, p);
    const rel = node_path__WEBPACK_IMPORTED_MODULE_3__.relative(root, abs);
    if (!rel || rel === ".." || rel.startsWith(".." + node_path__WEBPACK_IMPORTED_MODULE_3__.sep) || node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute(rel)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`commit-back path ${JSON.stringify(p)} is not inside the work tree`, {
            file: root,
            hint: "apply() must return repository-relative paths of files it wrote",
        });
    }
    const out = rel.split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join("/");
    if (out === ".git" || out.startsWith(".git/")) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(`commit-back path ${JSON.stringify(p)} is inside .git`, { file: root });
    }
    return out;
}
function lstatOrUndefined(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(p);
    }
    catch {
        return undefined;
    }
}
const NO_REPLACE = { GIT_NO_REPLACE_OBJECTS: "1" };
const MODE_NAMES = {
    "120000": "a symbolic link",
    "160000": "a submodule",
    "040000": "a directory",
};
/**
 * `rel` (forward slashes) as `commit` has it, with no-follow semantics: every
 * component of the path is looked up in the commit's trees (`git ls-tree`,
 * never the work tree); a directory on the way or the file itself that is a
 * link (or a submodule, or the file a directory) is refused, as the work-tree
 * reads refuse a link. The blob is read with `git cat-file blob` (no filter,
 * no textconv), at most `maxBytes`, strict UTF-8. Replace refs are ignored
 * (`GIT_NO_REPLACE_OBJECTS`): a `refs/replace/<commit>` written into the
 * checkout's `.git` cannot substitute another tree for the commit named.
 */
async function readCommittedFile(root, commit, rel, maxBytes) {
    const parts = rel.split("/");
    let blob;
    for (let i = 0; i < parts.length; i++) {
        const prefix = parts.slice(0, i + 1).join("/");
        const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(root, ["ls-tree", "-z", "-l", "--full-tree", commit, "--", prefix], {
            what: `reading ${prefix} in ${commit.slice(0, 12)}`,
            env: NO_REPLACE,
        });
        const entry = r.stdout
            .split("\0")
            .map((e) => e.split("\t"))
            .find((e) => e[1] === prefix);
        if (!entry)
            return { kind: "missing" };
        const [mode, , oid, size] = entry[0].split(/ +/);
        const last = i === parts.length - 1;
        if (!last && mode !== "040000") {
            return { kind: "refused", reason: `${prefix} is ${MODE_NAMES[mode] ?? `a mode ${mode} entry`}, not a directory` };
        }
        if (last && mode !== "100644" && mode !== "100755") {
            return { kind: "refused", reason: `${prefix} is ${MODE_NAMES[mode] ?? `a mode ${mode} entry`}, not a file` };
        }
        if (last)
            blob = { oid, size: Number(size) };
    }
    if (!blob)
        return { kind: "missing" };
    if (!(blob.size <= maxBytes)) {
        return { kind: "refused", reason: `${rel} is ${blob.size} bytes (at most ${maxBytes} are read)` };
    }
    const r = await (0,_git_js__WEBPACK_IMPORTED_MODULE_5__/* .git */ .$Y)(root, ["cat-file", "blob", blob.oid], {
        what: `reading ${rel} in ${commit.slice(0, 12)}`,
        env: NO_REPLACE,
    });
    // The runner decodes output as UTF-8: a replaced byte shows as U+FFFD (or a length that differs).
    if (r.stdout.includes("\uFFFD") || Buffer.byteLength(r.stdout, "utf8") !== blob.size) {
        return { kind: "refused", reason: `${rel} is not UTF-8 text` };
    }
    return { kind: "text", text: r.stdout };
}


/***/ })

};
