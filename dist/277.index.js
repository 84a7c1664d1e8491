export const id = 277;
export const ids = [277];
export const modules = {

/***/ 543:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fp: () => (/* binding */ loadDesign),
/* harmony export */   MG: () => (/* binding */ resolveIteration),
/* harmony export */   qy: () => (/* reexport safe */ _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__.qy)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3272);
/* harmony import */ var _validate_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4024);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(545);
/**
 * design.yaml: find the iteration a command means, and load its design
 * (validated against schemas/design.schema.json).
 */





/** Where iterations live, in lookup order. */


/** Load and validate a design; throws an AutolabError (with every schema finding) when invalid. */
async function loadDesign(absPath, displayPath = absPath) {
    return (0,_validate_js__WEBPACK_IMPORTED_MODULE_4__/* .assertValid */ .pP)(await (0,_validate_js__WEBPACK_IMPORTED_MODULE_4__/* .loadDocument */ .Az)("design", absPath, displayPath));
}
const ITERATION_ID = /^[A-Za-z0-9._+-]+$/;
function isFile(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}
function isDir(p) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * What `arg` names: a path to a design.yaml, a path to an iteration directory
 * (holding design.yaml), or an iteration id looked up as
 * experiments/{plan,in_progress,done}/<id>/design.yaml. Paths are relative to
 * `repoRoot` and may not leave it. Nothing found, or an id found in more than
 * one place, is a usage error (exit 2) that says what was looked for.
 */
async function resolveIteration(repoRoot, arg) {
    if (!arg.trim())
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0("no iteration given", {
            exitCode: 2,
            hint: "pass a design.yaml path, an iteration directory or an iteration id",
        });
    const root = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(repoRoot);
    const looksLikePath = arg.includes("/") ||
        arg.includes(node_path__WEBPACK_IMPORTED_MODULE_1__.sep) ||
        arg.endsWith(".yaml") ||
        arg.endsWith(".yml") ||
        arg === "." ||
        arg === "..";
    const candidate = looksLikePath || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(root, arg)) ? resolveCandidate(root, arg) : undefined;
    if (candidate)
        return candidate;
    if (looksLikePath) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`no design found at ${JSON.stringify(arg)}`, {
            exitCode: 2,
            hint: "pass a design.yaml file, a directory that holds design.yaml, or an iteration id",
        });
    }
    if (!ITERATION_ID.test(arg)) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`${JSON.stringify(arg)} is not an iteration id`, {
            exitCode: 2,
            hint: "iteration ids are made of letters, digits and . _ + -",
        });
    }
    const looked = _domain_layout_js__WEBPACK_IMPORTED_MODULE_5__/* .ITERATION_BUCKETS */ .qy.map((b) => node_path__WEBPACK_IMPORTED_MODULE_1__.join(root, "experiments", b, arg, "design.yaml"));
    const found = looked.filter(isFile);
    if (found.length === 0) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`iteration ${JSON.stringify(arg)} not found`, {
            exitCode: 2,
            hint: `looked for ${looked.map((p) => (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(root, p)).join(", ")}`,
        });
    }
    if (found.length > 1) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`iteration ${JSON.stringify(arg)} is ambiguous: it exists in ${found.length} places`, {
            exitCode: 2,
            hint: `found ${found.map((p) => (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(root, p)).join(" and ")}; pass the design.yaml path instead`,
        });
    }
    const designPath = found[0];
    return { iterationId: arg, iterationDir: node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(designPath), designPath };
}
function resolveCandidate(root, arg) {
    let abs;
    try {
        abs = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveInside */ .LI)(root, arg, "design path");
    }
    catch (e) {
        if (e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0)
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(e.message, { exitCode: 2, hint: e.hint });
        throw e;
    }
    if (isDir(abs)) {
        const designPath = node_path__WEBPACK_IMPORTED_MODULE_1__.join(abs, "design.yaml");
        if (!isFile(designPath)) {
            throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AutolabError */ .t0(`directory ${JSON.stringify(arg)} has no design.yaml`, {
                exitCode: 2,
                hint: `looked for ${(0,_util_fs_js__WEBPACK_IMPORTED_MODULE_3__/* .displayPath */ .Gt)(root, designPath)}`,
            });
        }
        return { iterationId: node_path__WEBPACK_IMPORTED_MODULE_1__.basename(abs), iterationDir: abs, designPath };
    }
    if (isFile(abs)) {
        return { iterationId: node_path__WEBPACK_IMPORTED_MODULE_1__.basename(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(abs)), iterationDir: node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(abs), designPath: abs };
    }
    return undefined;
}


/***/ }),

/***/ 7431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ey: () => (/* binding */ scanJson),
/* harmony export */   Kq: () => (/* binding */ pointerAncestors),
/* harmony export */   Mr: () => (/* binding */ pointerTokens),
/* harmony export */   X0: () => (/* binding */ yamlSourceMap)
/* harmony export */ });
/* unused harmony exports escapePointerToken, pointerOf, OffsetMapper */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
/**
 * Source positions for JSON pointers.
 *
 * A schema violation is only useful when it points at the line and column
 * where the offending value stands. This module turns JSON text (with a small
 * position-tracking scanner) and YAML text (with the `yaml` package's node
 * ranges and a LineCounter) into a `SourceMap`: for any JSON pointer, where the
 * value starts and where its key starts. The JSON scanner is also the syntax
 * checker: it reports syntax errors and duplicate keys with line and column.
 */


/** Escape one reference token of a JSON pointer (RFC 6901). */
function escapePointerToken(token) {
    return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}
function pointerOf(tokens) {
    return tokens.map((t) => "/" + escapePointerToken(t)).join("");
}
/** Split a JSON pointer into its unescaped reference tokens. */
function pointerTokens(pointer) {
    if (pointer === "")
        return [];
    return pointer
        .slice(1)
        .split("/")
        .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
/** The pointer itself, then each ancestor up to the root (""). */
function pointerAncestors(pointer) {
    const out = [pointer];
    let p = pointer;
    while (p !== "") {
        p = p.slice(0, p.lastIndexOf("/"));
        out.push(p);
    }
    return out;
}
/** Offsets -> 1-based line/column, counting `\n` as the line break (a `\r` before it is part of the line). */
class OffsetMapper {
    starts = [0];
    constructor(text) {
        for (let i = 0; i < text.length; i++)
            if (text.charCodeAt(i) === 10)
                this.starts.push(i + 1);
    }
    position(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
}
// ---------------------------------------------------------------------------
// JSON
/**
 * Scan JSON text: check its syntax strictly (RFC 8259), refuse duplicate keys,
 * and record where every value and key starts. Throws an AutolabError with
 * file, line and column on the first problem.
 */
function scanJson(text, file) {
    const values = new Map();
    const keys = new Map();
    const mapper = new OffsetMapper(text);
    let i = 0;
    const fail = (message, at, hint) => {
        const { line, column } = mapper.position(Math.min(at, text.length));
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0(`invalid JSON: ${message}`, { file, line, column, hint });
    };
    const describe = (at) => (at >= text.length ? "end of file" : JSON.stringify(text.slice(at, at + 1)));
    const ws = () => {
        while (i < text.length) {
            const c = text.charCodeAt(i);
            if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
                i++;
            else
                break;
        }
    };
    const str = () => {
        const start = i;
        i++; // opening quote
        let simple = true;
        while (i < text.length) {
            const c = text.charCodeAt(i);
            if (c === 0x22) {
                i++;
                const raw = text.slice(start, i);
                return simple ? raw.slice(1, -1) : JSON.parse(raw);
            }
            if (c === 0x5c) {
                simple = false;
                const e = text[i + 1];
                if (e === "u") {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
                        fail("bad \\u escape in string", i);
                    i += 6;
                }
                else if (e !== undefined && '"\\/bfnrt'.includes(e))
                    i += 2;
                else
                    fail(`bad escape \\${e ?? ""} in string`, i);
                continue;
            }
            if (c < 0x20)
                fail("control character in string (line breaks must be written \\n)", i);
            i++;
        }
        return fail("unterminated string", start);
    };
    const num = () => {
        const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 512));
        if (!m)
            fail(`unexpected ${describe(i)}`, i);
        i += m[0].length;
    };
    const value = (pointer, depth) => {
        if (depth > 512)
            fail("nesting too deep", i);
        ws();
        values.set(pointer, i);
        const c = text[i];
        if (c === "{") {
            i++;
            ws();
            const seen = new Set();
            if (text[i] === "}") {
                i++;
                return;
            }
            for (;;) {
                ws();
                if (text[i] !== '"')
                    fail(`expected a key in double quotes, found ${describe(i)}`, i);
                const keyAt = i;
                const k = str();
                const child = pointer + "/" + escapePointerToken(k);
                if (seen.has(k))
                    fail(`duplicate key ${JSON.stringify(k)}`, keyAt, "keep one of the two entries");
                seen.add(k);
                keys.set(child, keyAt);
                ws();
                if (text[i] !== ":")
                    fail(`expected ':' after key ${JSON.stringify(k)}, found ${describe(i)}`, i);
                i++;
                value(child, depth + 1);
                ws();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "}") {
                    i++;
                    return;
                }
                fail(`expected ',' or '}' in object, found ${describe(i)}`, i);
            }
        }
        else if (c === "[") {
            i++;
            ws();
            if (text[i] === "]") {
                i++;
                return;
            }
            for (let n = 0;; n++) {
                value(pointer + "/" + n, depth + 1);
                ws();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === "]") {
                    i++;
                    return;
                }
                fail(`expected ',' or ']' in array, found ${describe(i)}`, i);
            }
        }
        else if (c === '"') {
            str();
        }
        else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
            num();
        }
        else if (text.startsWith("true", i))
            i += 4;
        else if (text.startsWith("false", i))
            i += 5;
        else if (text.startsWith("null", i))
            i += 4;
        else
            fail(`unexpected ${describe(i)}`, i);
    };
    value("", 0);
    ws();
    if (i < text.length)
        fail(`unexpected ${describe(i)} after the end of the document`, i);
    return {
        value: (p) => {
            const o = values.get(p);
            return o === undefined ? undefined : mapper.position(o);
        },
        key: (p) => {
            const o = keys.get(p);
            return o === undefined ? undefined : mapper.position(o);
        },
    };
}
// ---------------------------------------------------------------------------
// YAML
/**
 * Positions of values and keys in a parsed YAML document. `lineCounter` must be
 * the one passed to `parseDocument` for this text.
 */
function yamlSourceMap(doc, lineCounter) {
    const pos = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    const deref = (node) => {
        let n = node;
        for (let k = 0; k < 64 && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(n); k++)
            n = n.resolve(doc);
        return n;
    };
    /** Walk to the pair (for object members) or node at `pointer`. */
    const walk = (pointer) => {
        let node = doc.contents;
        let keyNode;
        for (const token of pointerTokens(pointer)) {
            node = deref(node);
            keyNode = undefined;
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
                const pair = node.items.find((p) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(p) && keyText(p.key) === token);
                if (!pair)
                    return undefined;
                keyNode = (pair.key ?? undefined);
                node = pair.value;
            }
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
                if (!/^(0|[1-9][0-9]*)$/.test(token))
                    return undefined;
                node = node.items[Number(token)];
                if (node === undefined)
                    return undefined;
            }
            else
                return undefined;
        }
        return { node: (node ?? undefined), keyNode };
    };
    return {
        value: (p) => {
            const w = walk(p);
            if (!w)
                return undefined;
            const n = w.node;
            // `key:` with nothing after it has a value node without a useful range: point at the key.
            if (n?.range && !((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(n) && n.value === null && n.range[0] === n.range[1] && w.keyNode))
                return pos(n.range[0]);
            if (w.keyNode?.range)
                return pos(w.keyNode.range[0]);
            return p === "" ? { line: 1, column: 1 } : undefined;
        },
        key: (p) => {
            const w = walk(p);
            return w?.keyNode?.range ? pos(w.keyNode.range[0]) : undefined;
        },
    };
}
function keyText(key) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(key))
        return key.value === null ? "" : String(key.value);
    if (key === null || key === undefined)
        return "";
    return undefined;
}


/***/ }),

/***/ 4024:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pP: () => (/* binding */ assertValid),
  Az: () => (/* binding */ loadDocument),
  Tp: () => (/* binding */ parseDocument)
});

// UNUSED EXPORTS: DOC_KINDS, describeKind, displayJsonPath, kindOfPath, parseKind

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/src/util/errors.js
var util_errors = __webpack_require__(1940);
// EXTERNAL MODULE: ./lib/src/util/fs.js
var fs = __webpack_require__(3272);
// EXTERNAL MODULE: ./lib/src/contract/locate.js
var contract_locate = __webpack_require__(7431);
;// CONCATENATED MODULE: ./lib/src/contract/date-time.js
/**
 * The schemas' format `date-time`: an ISO 8601 / RFC 3339 date and time; the
 * zone may be left out (it is then read as UTC, as the Python tool writes
 * it). Its own module because the precompiled validators
 * (generated/validators.ts) import it.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})?$/;
/** True for `2026-11-28T15:14:32Z`, `...T15:14:32.123+01:00`, `...T15:14:32` (read as UTC). */
function isDateTime(s) {
    const m = DATE_TIME.exec(s);
    if (!m)
        return false;
    const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
    if (mo < 1 || mo > 12 || h > 23 || mi > 59 || se > 60)
        return false;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return d >= 1 && d <= days;
}

;// CONCATENATED MODULE: ./lib/src/contract/generated/validators.js
// @ts-nocheck
// GENERATED by scripts/validators.ts from schemas/*.json: do not edit.
// Rewrite it with `node --import tsx scripts/validators.ts` (npm run bundle does);
// __tests__/unit/validators-fresh.test.ts fails when it is stale.

const dateTimeFormats = { "date-time": { type: "string", validate: isDateTime } };
/** ajv's runtime ucs2length (string length in code points), inlined so the bundle needs no ajv. */
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++;
        }
    }
    return length;
}
const manifest = validate20;
const schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://autolab-slurm.dev/schemas/run_manifest.schema.json", "title": "Run manifest (runs/<run_id>/run_manifest.json, schema_version 1.0)", "description": "The record of one launch of an iteration: where it ran, what was asked of the scheduler, when it started and ended, and its status. Files written by the Python autolab tool validate unchanged; keys not listed here are allowed so that more can be recorded.", "type": "object", "required": ["schema_version", "run_id", "iteration_id", "host_mode", "command", "resource_request", "timestamps", "artifact_sync_to_local"], "properties": { "schema_version": { "description": "Version of the run contract. Only 1.0 exists.", "const": "1.0" }, "run_id": { "description": "Identifier of the run, also the name of its directory. Normally YYYYMMDDTHHMMSSZ_<6 hex>.", "$ref": "#/$defs/token" }, "iteration_id": { "description": "The iteration (experiment directory name) this run belongs to.", "$ref": "#/$defs/token" }, "launch_mode": { "description": "How the run was launched, as the launcher saw it (free text, usually local or slurm).", "type": "string", "maxLength": 256 }, "host_mode": { "description": "Where the run executes.", "enum": ["local", "slurm"] }, "command": { "description": "The command that was launched (for SLURM: the sbatch invocation).", "type": "string", "minLength": 1, "maxLength": 16384 }, "resource_request": { "description": "What was asked of the host. Free form; the Python tool also copies the job id here.", "type": "object", "properties": { "job_id": { "$ref": "#/$defs/jobId" }, "slurm": { "type": "object", "properties": { "job_id": { "$ref": "#/$defs/jobId" } } } } }, "status": { "description": "Where the run stands. Absent means the launcher did not record one.", "enum": ["pending", "submitted", "running", "synced", "completed", "failed", "partial"] }, "artifact_sync_to_local": { "description": "State of bringing the run's outputs back to the repository.", "type": "object", "properties": { "status": { "type": "string", "maxLength": 64 } } }, "timestamps": { "description": "When the run started and (once it ended) completed.", "type": "object", "required": ["started_at"], "properties": { "started_at": { "$ref": "#/$defs/timestamp" }, "completed_at": { "$ref": "#/$defs/timestamp" } } }, "started_at": { "description": "Copy of timestamps.started_at kept at the top level for older readers.", "$ref": "#/$defs/timestamp" }, "completed_at": { "description": "Copy of timestamps.completed_at kept at the top level for older readers.", "$ref": "#/$defs/timestamp" }, "job_id": { "description": "The scheduler's job id (SLURM runs).", "$ref": "#/$defs/jobId" }, "slurm": { "description": "What the scheduler said about the job.", "type": "object", "properties": { "job_id": { "$ref": "#/$defs/jobId" }, "submit_error": { "type": "string", "maxLength": 16384 }, "consecutive_poll_failures": { "type": "integer", "minimum": 0 }, "restarts": { "type": "integer", "minimum": 0 }, "passed_env": { "description": "The runner's SBATCH_* / SLURM_* variables passed to sbatch because the policy's slurm.submit.pass_env lists them: name -> value as passed.", "type": "object", "maxProperties": 64, "propertyNames": { "pattern": "^(SBATCH|SLURM)_[A-Z0-9_]+$" }, "additionalProperties": { "type": "string", "maxLength": 4096 } } } }, "history": { "description": "Status transitions, oldest first, each with the evidence it rested on.", "type": "array", "items": { "type": "object", "required": ["to", "at"], "properties": { "from": { "anyOf": [{ "type": "null" }, { "enum": ["pending", "submitted", "running", "synced", "completed", "failed", "partial"] }] }, "to": { "enum": ["pending", "submitted", "running", "synced", "completed", "failed", "partial"] }, "at": { "$ref": "#/$defs/timestamp" }, "evidence": { "type": "string", "maxLength": 16384 } } } } }, "allOf": [{ "description": "A SLURM run carries its job id in one of the places the Python tool uses. The one exception is a submission that failed before SLURM handed out an id: status failed with slurm.submit_error.", "if": { "required": ["host_mode"], "properties": { "host_mode": { "const": "slurm" } } }, "then": { "x-message": "a slurm run needs a job id in `job_id`, `slurm.job_id`, `resource_request.job_id` or `resource_request.slurm.job_id`", "x-at": "/host_mode", "anyOf": [{ "required": ["job_id"] }, { "required": ["slurm"], "properties": { "slurm": { "required": ["job_id"] } } }, { "required": ["resource_request"], "properties": { "resource_request": { "required": ["job_id"] } } }, { "required": ["resource_request"], "properties": { "resource_request": { "required": ["slurm"], "properties": { "slurm": { "required": ["job_id"] } } } } }, { "required": ["status", "slurm"], "properties": { "status": { "const": "failed" }, "slurm": { "required": ["submit_error"], "properties": { "submit_error": { "minLength": 1 } } } } }] } }], "$defs": { "token": { "description": "A name that is safe in paths, job names and ledger lines.", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a non-empty name made of letters, digits and . _ + -" }, "jobId": { "description": "A SLURM job id as text, e.g. 4242 or 4242_3 for an array task.", "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[0-9]+([_.+][0-9A-Za-z]+)*$", "x-message": "must be a SLURM job id such as \"4242\" (a string of digits, optionally with _<task>)" }, "timestamp": { "description": "An ISO 8601 date and time, e.g. 2026-11-28T15:14:32Z. Without a zone it is read as UTC.", "type": "string", "maxLength": 64, "format": "date-time" } } };
const schema32 = { "description": "A name that is safe in paths, job names and ledger lines.", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a non-empty name made of letters, digits and . _ + -" };
const schema34 = { "description": "A SLURM job id as text, e.g. 4242 or 4242_3 for an array task.", "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[0-9]+([_.+][0-9A-Za-z]+)*$", "x-message": "must be a SLURM job id such as \"4242\" (a string of digits, optionally with _<task>)" };
const schema36 = { "description": "An ISO 8601 date and time, e.g. 2026-11-28T15:14:32Z. Without a zone it is read as UTC.", "type": "string", "maxLength": 64, "format": "date-time" };
const func1 = ucs2length;
const pattern4 = new RegExp("^[A-Za-z0-9._+-]+$", "u");
const pattern6 = new RegExp("^[0-9]+([_.+][0-9A-Za-z]+)*$", "u");
const pattern10 = new RegExp("^(SBATCH|SLURM)_[A-Z0-9_]+$", "u");
const formats0 = dateTimeFormats["date-time"];
function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    /*# sourceURL="https://autolab-slurm.dev/schemas/run_manifest.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate20.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    const _errs2 = errors;
    let valid1 = true;
    const _errs3 = errors;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        let missing0;
        if ((data.host_mode === undefined) && (missing0 = "host_mode")) {
            const err0 = {};
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        else {
            if (data.host_mode !== undefined) {
                if ("slurm" !== data.host_mode) {
                    const err1 = {};
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
            }
        }
    }
    var _valid0 = _errs3 === errors;
    errors = _errs2;
    if (vErrors !== null) {
        if (_errs2) {
            vErrors.length = _errs2;
        }
        else {
            vErrors = null;
        }
    }
    if (_valid0) {
        const _errs5 = errors;
        const _errs6 = errors;
        let valid3 = false;
        const _errs7 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.job_id === undefined) {
                const err2 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/0/required", keyword: "required", params: { missingProperty: "job_id" }, message: "must have required property '" + "job_id" + "'", schema: schema31.allOf[0].then.anyOf[0].required, parentSchema: schema31.allOf[0].then.anyOf[0], data };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        var _valid1 = _errs7 === errors;
        valid3 = valid3 || _valid1;
        const _errs8 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.slurm === undefined) {
                const err3 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/1/required", keyword: "required", params: { missingProperty: "slurm" }, message: "must have required property '" + "slurm" + "'", schema: schema31.allOf[0].then.anyOf[1].required, parentSchema: schema31.allOf[0].then.anyOf[1], data };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
            if (data.slurm !== undefined) {
                let data1 = data.slurm;
                if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                    if (data1.job_id === undefined) {
                        const err4 = { instancePath: instancePath + "/slurm", schemaPath: "#/allOf/0/then/anyOf/1/properties/slurm/required", keyword: "required", params: { missingProperty: "job_id" }, message: "must have required property '" + "job_id" + "'", schema: schema31.allOf[0].then.anyOf[1].properties.slurm.required, parentSchema: schema31.allOf[0].then.anyOf[1].properties.slurm, data: data1 };
                        if (vErrors === null) {
                            vErrors = [err4];
                        }
                        else {
                            vErrors.push(err4);
                        }
                        errors++;
                    }
                }
            }
        }
        var _valid1 = _errs8 === errors;
        valid3 = valid3 || _valid1;
        if (_valid1) {
            var props0 = {};
            props0.slurm = true;
        }
        const _errs10 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.resource_request === undefined) {
                const err5 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/2/required", keyword: "required", params: { missingProperty: "resource_request" }, message: "must have required property '" + "resource_request" + "'", schema: schema31.allOf[0].then.anyOf[2].required, parentSchema: schema31.allOf[0].then.anyOf[2], data };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
            if (data.resource_request !== undefined) {
                let data2 = data.resource_request;
                if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                    if (data2.job_id === undefined) {
                        const err6 = { instancePath: instancePath + "/resource_request", schemaPath: "#/allOf/0/then/anyOf/2/properties/resource_request/required", keyword: "required", params: { missingProperty: "job_id" }, message: "must have required property '" + "job_id" + "'", schema: schema31.allOf[0].then.anyOf[2].properties.resource_request.required, parentSchema: schema31.allOf[0].then.anyOf[2].properties.resource_request, data: data2 };
                        if (vErrors === null) {
                            vErrors = [err6];
                        }
                        else {
                            vErrors.push(err6);
                        }
                        errors++;
                    }
                }
            }
        }
        var _valid1 = _errs10 === errors;
        valid3 = valid3 || _valid1;
        if (_valid1) {
            if (props0 !== true) {
                props0 = props0 || {};
                props0.resource_request = true;
            }
        }
        const _errs12 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.resource_request === undefined) {
                const err7 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/3/required", keyword: "required", params: { missingProperty: "resource_request" }, message: "must have required property '" + "resource_request" + "'", schema: schema31.allOf[0].then.anyOf[3].required, parentSchema: schema31.allOf[0].then.anyOf[3], data };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
            if (data.resource_request !== undefined) {
                let data3 = data.resource_request;
                if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                    if (data3.slurm === undefined) {
                        const err8 = { instancePath: instancePath + "/resource_request", schemaPath: "#/allOf/0/then/anyOf/3/properties/resource_request/required", keyword: "required", params: { missingProperty: "slurm" }, message: "must have required property '" + "slurm" + "'", schema: schema31.allOf[0].then.anyOf[3].properties.resource_request.required, parentSchema: schema31.allOf[0].then.anyOf[3].properties.resource_request, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err8];
                        }
                        else {
                            vErrors.push(err8);
                        }
                        errors++;
                    }
                    if (data3.slurm !== undefined) {
                        let data4 = data3.slurm;
                        if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                            if (data4.job_id === undefined) {
                                const err9 = { instancePath: instancePath + "/resource_request/slurm", schemaPath: "#/allOf/0/then/anyOf/3/properties/resource_request/properties/slurm/required", keyword: "required", params: { missingProperty: "job_id" }, message: "must have required property '" + "job_id" + "'", schema: schema31.allOf[0].then.anyOf[3].properties.resource_request.properties.slurm.required, parentSchema: schema31.allOf[0].then.anyOf[3].properties.resource_request.properties.slurm, data: data4 };
                                if (vErrors === null) {
                                    vErrors = [err9];
                                }
                                else {
                                    vErrors.push(err9);
                                }
                                errors++;
                            }
                        }
                    }
                }
            }
        }
        var _valid1 = _errs12 === errors;
        valid3 = valid3 || _valid1;
        if (_valid1) {
            if (props0 !== true) {
                props0 = props0 || {};
                props0.resource_request = true;
            }
        }
        const _errs15 = errors;
        if (data && typeof data == "object" && !Array.isArray(data)) {
            if (data.status === undefined) {
                const err10 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/4/required", keyword: "required", params: { missingProperty: "status" }, message: "must have required property '" + "status" + "'", schema: schema31.allOf[0].then.anyOf[4].required, parentSchema: schema31.allOf[0].then.anyOf[4], data };
                if (vErrors === null) {
                    vErrors = [err10];
                }
                else {
                    vErrors.push(err10);
                }
                errors++;
            }
            if (data.slurm === undefined) {
                const err11 = { instancePath, schemaPath: "#/allOf/0/then/anyOf/4/required", keyword: "required", params: { missingProperty: "slurm" }, message: "must have required property '" + "slurm" + "'", schema: schema31.allOf[0].then.anyOf[4].required, parentSchema: schema31.allOf[0].then.anyOf[4], data };
                if (vErrors === null) {
                    vErrors = [err11];
                }
                else {
                    vErrors.push(err11);
                }
                errors++;
            }
            if (data.status !== undefined) {
                let data5 = data.status;
                if ("failed" !== data5) {
                    const err12 = { instancePath: instancePath + "/status", schemaPath: "#/allOf/0/then/anyOf/4/properties/status/const", keyword: "const", params: { allowedValue: "failed" }, message: "must be equal to constant", schema: "failed", parentSchema: schema31.allOf[0].then.anyOf[4].properties.status, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err12];
                    }
                    else {
                        vErrors.push(err12);
                    }
                    errors++;
                }
            }
            if (data.slurm !== undefined) {
                let data6 = data.slurm;
                if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                    if (data6.submit_error === undefined) {
                        const err13 = { instancePath: instancePath + "/slurm", schemaPath: "#/allOf/0/then/anyOf/4/properties/slurm/required", keyword: "required", params: { missingProperty: "submit_error" }, message: "must have required property '" + "submit_error" + "'", schema: schema31.allOf[0].then.anyOf[4].properties.slurm.required, parentSchema: schema31.allOf[0].then.anyOf[4].properties.slurm, data: data6 };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                    if (data6.submit_error !== undefined) {
                        let data7 = data6.submit_error;
                        if (typeof data7 === "string") {
                            if (func1(data7) < 1) {
                                const err14 = { instancePath: instancePath + "/slurm/submit_error", schemaPath: "#/allOf/0/then/anyOf/4/properties/slurm/properties/submit_error/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema31.allOf[0].then.anyOf[4].properties.slurm.properties.submit_error, data: data7 };
                                if (vErrors === null) {
                                    vErrors = [err14];
                                }
                                else {
                                    vErrors.push(err14);
                                }
                                errors++;
                            }
                        }
                    }
                }
            }
        }
        var _valid1 = _errs15 === errors;
        valid3 = valid3 || _valid1;
        if (_valid1) {
            if (props0 !== true) {
                props0 = props0 || {};
                props0.status = true;
                props0.slurm = true;
            }
        }
        if (!valid3) {
            const err15 = { instancePath, schemaPath: "#/allOf/0/then/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema31.allOf[0].then.anyOf, parentSchema: schema31.allOf[0].then, data };
            if (vErrors === null) {
                vErrors = [err15];
            }
            else {
                vErrors.push(err15);
            }
            errors++;
        }
        else {
            errors = _errs6;
            if (vErrors !== null) {
                if (_errs6) {
                    vErrors.length = _errs6;
                }
                else {
                    vErrors = null;
                }
            }
        }
        var _valid0 = _errs5 === errors;
        valid1 = _valid0;
        if (valid1) {
            if (props0 !== true) {
                props0 = props0 || {};
                props0.host_mode = true;
            }
        }
    }
    if (!valid1) {
        const err16 = { instancePath, schemaPath: "#/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema", schema: schema31.allOf[0].if, parentSchema: schema31.allOf[0], data };
        if (vErrors === null) {
            vErrors = [err16];
        }
        else {
            vErrors.push(err16);
        }
        errors++;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.schema_version === undefined) {
            const err17 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "schema_version" }, message: "must have required property '" + "schema_version" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err17];
            }
            else {
                vErrors.push(err17);
            }
            errors++;
        }
        if (data.run_id === undefined) {
            const err18 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "run_id" }, message: "must have required property '" + "run_id" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err18];
            }
            else {
                vErrors.push(err18);
            }
            errors++;
        }
        if (data.iteration_id === undefined) {
            const err19 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "iteration_id" }, message: "must have required property '" + "iteration_id" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err19];
            }
            else {
                vErrors.push(err19);
            }
            errors++;
        }
        if (data.host_mode === undefined) {
            const err20 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "host_mode" }, message: "must have required property '" + "host_mode" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err20];
            }
            else {
                vErrors.push(err20);
            }
            errors++;
        }
        if (data.command === undefined) {
            const err21 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property '" + "command" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err21];
            }
            else {
                vErrors.push(err21);
            }
            errors++;
        }
        if (data.resource_request === undefined) {
            const err22 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "resource_request" }, message: "must have required property '" + "resource_request" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err22];
            }
            else {
                vErrors.push(err22);
            }
            errors++;
        }
        if (data.timestamps === undefined) {
            const err23 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "timestamps" }, message: "must have required property '" + "timestamps" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err23];
            }
            else {
                vErrors.push(err23);
            }
            errors++;
        }
        if (data.artifact_sync_to_local === undefined) {
            const err24 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "artifact_sync_to_local" }, message: "must have required property '" + "artifact_sync_to_local" + "'", schema: schema31.required, parentSchema: schema31, data };
            if (vErrors === null) {
                vErrors = [err24];
            }
            else {
                vErrors.push(err24);
            }
            errors++;
        }
        if (props0 !== true) {
            props0 = props0 || {};
            props0.schema_version = true;
            props0.run_id = true;
            props0.iteration_id = true;
            props0.launch_mode = true;
            props0.host_mode = true;
            props0.command = true;
            props0.resource_request = true;
            props0.status = true;
            props0.artifact_sync_to_local = true;
            props0.timestamps = true;
            props0.started_at = true;
            props0.completed_at = true;
            props0.job_id = true;
            props0.slurm = true;
            props0.history = true;
        }
        if (data.schema_version !== undefined) {
            let data8 = data.schema_version;
            if ("1.0" !== data8) {
                const err25 = { instancePath: instancePath + "/schema_version", schemaPath: "#/properties/schema_version/const", keyword: "const", params: { allowedValue: "1.0" }, message: "must be equal to constant", schema: "1.0", parentSchema: schema31.properties.schema_version, data: data8 };
                if (vErrors === null) {
                    vErrors = [err25];
                }
                else {
                    vErrors.push(err25);
                }
                errors++;
            }
        }
        if (data.run_id !== undefined) {
            let data9 = data.run_id;
            if (typeof data9 === "string") {
                if (func1(data9) > 256) {
                    const err26 = { instancePath: instancePath + "/run_id", schemaPath: "#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema32, data: data9 };
                    if (vErrors === null) {
                        vErrors = [err26];
                    }
                    else {
                        vErrors.push(err26);
                    }
                    errors++;
                }
                if (func1(data9) < 1) {
                    const err27 = { instancePath: instancePath + "/run_id", schemaPath: "#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32, data: data9 };
                    if (vErrors === null) {
                        vErrors = [err27];
                    }
                    else {
                        vErrors.push(err27);
                    }
                    errors++;
                }
                if (!pattern4.test(data9)) {
                    const err28 = { instancePath: instancePath + "/run_id", schemaPath: "#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema32, data: data9 };
                    if (vErrors === null) {
                        vErrors = [err28];
                    }
                    else {
                        vErrors.push(err28);
                    }
                    errors++;
                }
            }
            else {
                const err29 = { instancePath: instancePath + "/run_id", schemaPath: "#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.type, parentSchema: schema32, data: data9 };
                if (vErrors === null) {
                    vErrors = [err29];
                }
                else {
                    vErrors.push(err29);
                }
                errors++;
            }
        }
        if (data.iteration_id !== undefined) {
            let data10 = data.iteration_id;
            if (typeof data10 === "string") {
                if (func1(data10) > 256) {
                    const err30 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema32, data: data10 };
                    if (vErrors === null) {
                        vErrors = [err30];
                    }
                    else {
                        vErrors.push(err30);
                    }
                    errors++;
                }
                if (func1(data10) < 1) {
                    const err31 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32, data: data10 };
                    if (vErrors === null) {
                        vErrors = [err31];
                    }
                    else {
                        vErrors.push(err31);
                    }
                    errors++;
                }
                if (!pattern4.test(data10)) {
                    const err32 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema32, data: data10 };
                    if (vErrors === null) {
                        vErrors = [err32];
                    }
                    else {
                        vErrors.push(err32);
                    }
                    errors++;
                }
            }
            else {
                const err33 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.type, parentSchema: schema32, data: data10 };
                if (vErrors === null) {
                    vErrors = [err33];
                }
                else {
                    vErrors.push(err33);
                }
                errors++;
            }
        }
        if (data.launch_mode !== undefined) {
            let data11 = data.launch_mode;
            if (typeof data11 === "string") {
                if (func1(data11) > 256) {
                    const err34 = { instancePath: instancePath + "/launch_mode", schemaPath: "#/properties/launch_mode/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema31.properties.launch_mode, data: data11 };
                    if (vErrors === null) {
                        vErrors = [err34];
                    }
                    else {
                        vErrors.push(err34);
                    }
                    errors++;
                }
            }
            else {
                const err35 = { instancePath: instancePath + "/launch_mode", schemaPath: "#/properties/launch_mode/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.launch_mode.type, parentSchema: schema31.properties.launch_mode, data: data11 };
                if (vErrors === null) {
                    vErrors = [err35];
                }
                else {
                    vErrors.push(err35);
                }
                errors++;
            }
        }
        if (data.host_mode !== undefined) {
            let data12 = data.host_mode;
            if (!((data12 === "local") || (data12 === "slurm"))) {
                const err36 = { instancePath: instancePath + "/host_mode", schemaPath: "#/properties/host_mode/enum", keyword: "enum", params: { allowedValues: schema31.properties.host_mode.enum }, message: "must be equal to one of the allowed values", schema: schema31.properties.host_mode.enum, parentSchema: schema31.properties.host_mode, data: data12 };
                if (vErrors === null) {
                    vErrors = [err36];
                }
                else {
                    vErrors.push(err36);
                }
                errors++;
            }
        }
        if (data.command !== undefined) {
            let data13 = data.command;
            if (typeof data13 === "string") {
                if (func1(data13) > 16384) {
                    const err37 = { instancePath: instancePath + "/command", schemaPath: "#/properties/command/maxLength", keyword: "maxLength", params: { limit: 16384 }, message: "must NOT have more than 16384 characters", schema: 16384, parentSchema: schema31.properties.command, data: data13 };
                    if (vErrors === null) {
                        vErrors = [err37];
                    }
                    else {
                        vErrors.push(err37);
                    }
                    errors++;
                }
                if (func1(data13) < 1) {
                    const err38 = { instancePath: instancePath + "/command", schemaPath: "#/properties/command/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema31.properties.command, data: data13 };
                    if (vErrors === null) {
                        vErrors = [err38];
                    }
                    else {
                        vErrors.push(err38);
                    }
                    errors++;
                }
            }
            else {
                const err39 = { instancePath: instancePath + "/command", schemaPath: "#/properties/command/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.command.type, parentSchema: schema31.properties.command, data: data13 };
                if (vErrors === null) {
                    vErrors = [err39];
                }
                else {
                    vErrors.push(err39);
                }
                errors++;
            }
        }
        if (data.resource_request !== undefined) {
            let data14 = data.resource_request;
            if (data14 && typeof data14 == "object" && !Array.isArray(data14)) {
                if (data14.job_id !== undefined) {
                    let data15 = data14.job_id;
                    if (typeof data15 === "string") {
                        if (func1(data15) > 64) {
                            const err40 = { instancePath: instancePath + "/resource_request/job_id", schemaPath: "#/$defs/jobId/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema34, data: data15 };
                            if (vErrors === null) {
                                vErrors = [err40];
                            }
                            else {
                                vErrors.push(err40);
                            }
                            errors++;
                        }
                        if (func1(data15) < 1) {
                            const err41 = { instancePath: instancePath + "/resource_request/job_id", schemaPath: "#/$defs/jobId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema34, data: data15 };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                        if (!pattern6.test(data15)) {
                            const err42 = { instancePath: instancePath + "/resource_request/job_id", schemaPath: "#/$defs/jobId/pattern", keyword: "pattern", params: { pattern: "^[0-9]+([_.+][0-9A-Za-z]+)*$" }, message: "must match pattern \"" + "^[0-9]+([_.+][0-9A-Za-z]+)*$" + "\"", schema: "^[0-9]+([_.+][0-9A-Za-z]+)*$", parentSchema: schema34, data: data15 };
                            if (vErrors === null) {
                                vErrors = [err42];
                            }
                            else {
                                vErrors.push(err42);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err43 = { instancePath: instancePath + "/resource_request/job_id", schemaPath: "#/$defs/jobId/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data15 };
                        if (vErrors === null) {
                            vErrors = [err43];
                        }
                        else {
                            vErrors.push(err43);
                        }
                        errors++;
                    }
                }
                if (data14.slurm !== undefined) {
                    let data16 = data14.slurm;
                    if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
                        if (data16.job_id !== undefined) {
                            let data17 = data16.job_id;
                            if (typeof data17 === "string") {
                                if (func1(data17) > 64) {
                                    const err44 = { instancePath: instancePath + "/resource_request/slurm/job_id", schemaPath: "#/$defs/jobId/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema34, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err44];
                                    }
                                    else {
                                        vErrors.push(err44);
                                    }
                                    errors++;
                                }
                                if (func1(data17) < 1) {
                                    const err45 = { instancePath: instancePath + "/resource_request/slurm/job_id", schemaPath: "#/$defs/jobId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema34, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err45];
                                    }
                                    else {
                                        vErrors.push(err45);
                                    }
                                    errors++;
                                }
                                if (!pattern6.test(data17)) {
                                    const err46 = { instancePath: instancePath + "/resource_request/slurm/job_id", schemaPath: "#/$defs/jobId/pattern", keyword: "pattern", params: { pattern: "^[0-9]+([_.+][0-9A-Za-z]+)*$" }, message: "must match pattern \"" + "^[0-9]+([_.+][0-9A-Za-z]+)*$" + "\"", schema: "^[0-9]+([_.+][0-9A-Za-z]+)*$", parentSchema: schema34, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err46];
                                    }
                                    else {
                                        vErrors.push(err46);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err47 = { instancePath: instancePath + "/resource_request/slurm/job_id", schemaPath: "#/$defs/jobId/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err47];
                                }
                                else {
                                    vErrors.push(err47);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err48 = { instancePath: instancePath + "/resource_request/slurm", schemaPath: "#/properties/resource_request/properties/slurm/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.resource_request.properties.slurm.type, parentSchema: schema31.properties.resource_request.properties.slurm, data: data16 };
                        if (vErrors === null) {
                            vErrors = [err48];
                        }
                        else {
                            vErrors.push(err48);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err49 = { instancePath: instancePath + "/resource_request", schemaPath: "#/properties/resource_request/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.resource_request.type, parentSchema: schema31.properties.resource_request, data: data14 };
                if (vErrors === null) {
                    vErrors = [err49];
                }
                else {
                    vErrors.push(err49);
                }
                errors++;
            }
        }
        if (data.status !== undefined) {
            let data18 = data.status;
            if (!(((((((data18 === "pending") || (data18 === "submitted")) || (data18 === "running")) || (data18 === "synced")) || (data18 === "completed")) || (data18 === "failed")) || (data18 === "partial"))) {
                const err50 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/enum", keyword: "enum", params: { allowedValues: schema31.properties.status.enum }, message: "must be equal to one of the allowed values", schema: schema31.properties.status.enum, parentSchema: schema31.properties.status, data: data18 };
                if (vErrors === null) {
                    vErrors = [err50];
                }
                else {
                    vErrors.push(err50);
                }
                errors++;
            }
        }
        if (data.artifact_sync_to_local !== undefined) {
            let data19 = data.artifact_sync_to_local;
            if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                if (data19.status !== undefined) {
                    let data20 = data19.status;
                    if (typeof data20 === "string") {
                        if (func1(data20) > 64) {
                            const err51 = { instancePath: instancePath + "/artifact_sync_to_local/status", schemaPath: "#/properties/artifact_sync_to_local/properties/status/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema31.properties.artifact_sync_to_local.properties.status, data: data20 };
                            if (vErrors === null) {
                                vErrors = [err51];
                            }
                            else {
                                vErrors.push(err51);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err52 = { instancePath: instancePath + "/artifact_sync_to_local/status", schemaPath: "#/properties/artifact_sync_to_local/properties/status/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.artifact_sync_to_local.properties.status.type, parentSchema: schema31.properties.artifact_sync_to_local.properties.status, data: data20 };
                        if (vErrors === null) {
                            vErrors = [err52];
                        }
                        else {
                            vErrors.push(err52);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err53 = { instancePath: instancePath + "/artifact_sync_to_local", schemaPath: "#/properties/artifact_sync_to_local/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.artifact_sync_to_local.type, parentSchema: schema31.properties.artifact_sync_to_local, data: data19 };
                if (vErrors === null) {
                    vErrors = [err53];
                }
                else {
                    vErrors.push(err53);
                }
                errors++;
            }
        }
        if (data.timestamps !== undefined) {
            let data21 = data.timestamps;
            if (data21 && typeof data21 == "object" && !Array.isArray(data21)) {
                if (data21.started_at === undefined) {
                    const err54 = { instancePath: instancePath + "/timestamps", schemaPath: "#/properties/timestamps/required", keyword: "required", params: { missingProperty: "started_at" }, message: "must have required property '" + "started_at" + "'", schema: schema31.properties.timestamps.required, parentSchema: schema31.properties.timestamps, data: data21 };
                    if (vErrors === null) {
                        vErrors = [err54];
                    }
                    else {
                        vErrors.push(err54);
                    }
                    errors++;
                }
                if (data21.started_at !== undefined) {
                    let data22 = data21.started_at;
                    if (typeof data22 === "string") {
                        if (func1(data22) > 64) {
                            const err55 = { instancePath: instancePath + "/timestamps/started_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema36, data: data22 };
                            if (vErrors === null) {
                                vErrors = [err55];
                            }
                            else {
                                vErrors.push(err55);
                            }
                            errors++;
                        }
                        if (!(formats0.validate(data22))) {
                            const err56 = { instancePath: instancePath + "/timestamps/started_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: "must match format \"" + "date-time" + "\"", schema: "date-time", parentSchema: schema36, data: data22 };
                            if (vErrors === null) {
                                vErrors = [err56];
                            }
                            else {
                                vErrors.push(err56);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err57 = { instancePath: instancePath + "/timestamps/started_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data22 };
                        if (vErrors === null) {
                            vErrors = [err57];
                        }
                        else {
                            vErrors.push(err57);
                        }
                        errors++;
                    }
                }
                if (data21.completed_at !== undefined) {
                    let data23 = data21.completed_at;
                    if (typeof data23 === "string") {
                        if (func1(data23) > 64) {
                            const err58 = { instancePath: instancePath + "/timestamps/completed_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema36, data: data23 };
                            if (vErrors === null) {
                                vErrors = [err58];
                            }
                            else {
                                vErrors.push(err58);
                            }
                            errors++;
                        }
                        if (!(formats0.validate(data23))) {
                            const err59 = { instancePath: instancePath + "/timestamps/completed_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: "must match format \"" + "date-time" + "\"", schema: "date-time", parentSchema: schema36, data: data23 };
                            if (vErrors === null) {
                                vErrors = [err59];
                            }
                            else {
                                vErrors.push(err59);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err60 = { instancePath: instancePath + "/timestamps/completed_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data23 };
                        if (vErrors === null) {
                            vErrors = [err60];
                        }
                        else {
                            vErrors.push(err60);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err61 = { instancePath: instancePath + "/timestamps", schemaPath: "#/properties/timestamps/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.timestamps.type, parentSchema: schema31.properties.timestamps, data: data21 };
                if (vErrors === null) {
                    vErrors = [err61];
                }
                else {
                    vErrors.push(err61);
                }
                errors++;
            }
        }
        if (data.started_at !== undefined) {
            let data24 = data.started_at;
            if (typeof data24 === "string") {
                if (func1(data24) > 64) {
                    const err62 = { instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema36, data: data24 };
                    if (vErrors === null) {
                        vErrors = [err62];
                    }
                    else {
                        vErrors.push(err62);
                    }
                    errors++;
                }
                if (!(formats0.validate(data24))) {
                    const err63 = { instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: "must match format \"" + "date-time" + "\"", schema: "date-time", parentSchema: schema36, data: data24 };
                    if (vErrors === null) {
                        vErrors = [err63];
                    }
                    else {
                        vErrors.push(err63);
                    }
                    errors++;
                }
            }
            else {
                const err64 = { instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data24 };
                if (vErrors === null) {
                    vErrors = [err64];
                }
                else {
                    vErrors.push(err64);
                }
                errors++;
            }
        }
        if (data.completed_at !== undefined) {
            let data25 = data.completed_at;
            if (typeof data25 === "string") {
                if (func1(data25) > 64) {
                    const err65 = { instancePath: instancePath + "/completed_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema36, data: data25 };
                    if (vErrors === null) {
                        vErrors = [err65];
                    }
                    else {
                        vErrors.push(err65);
                    }
                    errors++;
                }
                if (!(formats0.validate(data25))) {
                    const err66 = { instancePath: instancePath + "/completed_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: "must match format \"" + "date-time" + "\"", schema: "date-time", parentSchema: schema36, data: data25 };
                    if (vErrors === null) {
                        vErrors = [err66];
                    }
                    else {
                        vErrors.push(err66);
                    }
                    errors++;
                }
            }
            else {
                const err67 = { instancePath: instancePath + "/completed_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data25 };
                if (vErrors === null) {
                    vErrors = [err67];
                }
                else {
                    vErrors.push(err67);
                }
                errors++;
            }
        }
        if (data.job_id !== undefined) {
            let data26 = data.job_id;
            if (typeof data26 === "string") {
                if (func1(data26) > 64) {
                    const err68 = { instancePath: instancePath + "/job_id", schemaPath: "#/$defs/jobId/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema34, data: data26 };
                    if (vErrors === null) {
                        vErrors = [err68];
                    }
                    else {
                        vErrors.push(err68);
                    }
                    errors++;
                }
                if (func1(data26) < 1) {
                    const err69 = { instancePath: instancePath + "/job_id", schemaPath: "#/$defs/jobId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema34, data: data26 };
                    if (vErrors === null) {
                        vErrors = [err69];
                    }
                    else {
                        vErrors.push(err69);
                    }
                    errors++;
                }
                if (!pattern6.test(data26)) {
                    const err70 = { instancePath: instancePath + "/job_id", schemaPath: "#/$defs/jobId/pattern", keyword: "pattern", params: { pattern: "^[0-9]+([_.+][0-9A-Za-z]+)*$" }, message: "must match pattern \"" + "^[0-9]+([_.+][0-9A-Za-z]+)*$" + "\"", schema: "^[0-9]+([_.+][0-9A-Za-z]+)*$", parentSchema: schema34, data: data26 };
                    if (vErrors === null) {
                        vErrors = [err70];
                    }
                    else {
                        vErrors.push(err70);
                    }
                    errors++;
                }
            }
            else {
                const err71 = { instancePath: instancePath + "/job_id", schemaPath: "#/$defs/jobId/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data26 };
                if (vErrors === null) {
                    vErrors = [err71];
                }
                else {
                    vErrors.push(err71);
                }
                errors++;
            }
        }
        if (data.slurm !== undefined) {
            let data27 = data.slurm;
            if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                if (data27.job_id !== undefined) {
                    let data28 = data27.job_id;
                    if (typeof data28 === "string") {
                        if (func1(data28) > 64) {
                            const err72 = { instancePath: instancePath + "/slurm/job_id", schemaPath: "#/$defs/jobId/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema34, data: data28 };
                            if (vErrors === null) {
                                vErrors = [err72];
                            }
                            else {
                                vErrors.push(err72);
                            }
                            errors++;
                        }
                        if (func1(data28) < 1) {
                            const err73 = { instancePath: instancePath + "/slurm/job_id", schemaPath: "#/$defs/jobId/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema34, data: data28 };
                            if (vErrors === null) {
                                vErrors = [err73];
                            }
                            else {
                                vErrors.push(err73);
                            }
                            errors++;
                        }
                        if (!pattern6.test(data28)) {
                            const err74 = { instancePath: instancePath + "/slurm/job_id", schemaPath: "#/$defs/jobId/pattern", keyword: "pattern", params: { pattern: "^[0-9]+([_.+][0-9A-Za-z]+)*$" }, message: "must match pattern \"" + "^[0-9]+([_.+][0-9A-Za-z]+)*$" + "\"", schema: "^[0-9]+([_.+][0-9A-Za-z]+)*$", parentSchema: schema34, data: data28 };
                            if (vErrors === null) {
                                vErrors = [err74];
                            }
                            else {
                                vErrors.push(err74);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err75 = { instancePath: instancePath + "/slurm/job_id", schemaPath: "#/$defs/jobId/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data28 };
                        if (vErrors === null) {
                            vErrors = [err75];
                        }
                        else {
                            vErrors.push(err75);
                        }
                        errors++;
                    }
                }
                if (data27.submit_error !== undefined) {
                    let data29 = data27.submit_error;
                    if (typeof data29 === "string") {
                        if (func1(data29) > 16384) {
                            const err76 = { instancePath: instancePath + "/slurm/submit_error", schemaPath: "#/properties/slurm/properties/submit_error/maxLength", keyword: "maxLength", params: { limit: 16384 }, message: "must NOT have more than 16384 characters", schema: 16384, parentSchema: schema31.properties.slurm.properties.submit_error, data: data29 };
                            if (vErrors === null) {
                                vErrors = [err76];
                            }
                            else {
                                vErrors.push(err76);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err77 = { instancePath: instancePath + "/slurm/submit_error", schemaPath: "#/properties/slurm/properties/submit_error/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.slurm.properties.submit_error.type, parentSchema: schema31.properties.slurm.properties.submit_error, data: data29 };
                        if (vErrors === null) {
                            vErrors = [err77];
                        }
                        else {
                            vErrors.push(err77);
                        }
                        errors++;
                    }
                }
                if (data27.consecutive_poll_failures !== undefined) {
                    let data30 = data27.consecutive_poll_failures;
                    if (!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))) {
                        const err78 = { instancePath: instancePath + "/slurm/consecutive_poll_failures", schemaPath: "#/properties/slurm/properties/consecutive_poll_failures/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema31.properties.slurm.properties.consecutive_poll_failures.type, parentSchema: schema31.properties.slurm.properties.consecutive_poll_failures, data: data30 };
                        if (vErrors === null) {
                            vErrors = [err78];
                        }
                        else {
                            vErrors.push(err78);
                        }
                        errors++;
                    }
                    if ((typeof data30 == "number") && (isFinite(data30))) {
                        if (data30 < 0 || isNaN(data30)) {
                            const err79 = { instancePath: instancePath + "/slurm/consecutive_poll_failures", schemaPath: "#/properties/slurm/properties/consecutive_poll_failures/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema31.properties.slurm.properties.consecutive_poll_failures, data: data30 };
                            if (vErrors === null) {
                                vErrors = [err79];
                            }
                            else {
                                vErrors.push(err79);
                            }
                            errors++;
                        }
                    }
                }
                if (data27.restarts !== undefined) {
                    let data31 = data27.restarts;
                    if (!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))) {
                        const err80 = { instancePath: instancePath + "/slurm/restarts", schemaPath: "#/properties/slurm/properties/restarts/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema31.properties.slurm.properties.restarts.type, parentSchema: schema31.properties.slurm.properties.restarts, data: data31 };
                        if (vErrors === null) {
                            vErrors = [err80];
                        }
                        else {
                            vErrors.push(err80);
                        }
                        errors++;
                    }
                    if ((typeof data31 == "number") && (isFinite(data31))) {
                        if (data31 < 0 || isNaN(data31)) {
                            const err81 = { instancePath: instancePath + "/slurm/restarts", schemaPath: "#/properties/slurm/properties/restarts/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema31.properties.slurm.properties.restarts, data: data31 };
                            if (vErrors === null) {
                                vErrors = [err81];
                            }
                            else {
                                vErrors.push(err81);
                            }
                            errors++;
                        }
                    }
                }
                if (data27.passed_env !== undefined) {
                    let data32 = data27.passed_env;
                    if (data32 && typeof data32 == "object" && !Array.isArray(data32)) {
                        if (Object.keys(data32).length > 64) {
                            const err82 = { instancePath: instancePath + "/slurm/passed_env", schemaPath: "#/properties/slurm/properties/passed_env/maxProperties", keyword: "maxProperties", params: { limit: 64 }, message: "must NOT have more than 64 properties", schema: 64, parentSchema: schema31.properties.slurm.properties.passed_env, data: data32 };
                            if (vErrors === null) {
                                vErrors = [err82];
                            }
                            else {
                                vErrors.push(err82);
                            }
                            errors++;
                        }
                        for (const key0 in data32) {
                            const _errs84 = errors;
                            if (typeof key0 === "string") {
                                if (!pattern10.test(key0)) {
                                    const err83 = { instancePath: instancePath + "/slurm/passed_env", schemaPath: "#/properties/slurm/properties/passed_env/propertyNames/pattern", keyword: "pattern", params: { pattern: "^(SBATCH|SLURM)_[A-Z0-9_]+$" }, message: "must match pattern \"" + "^(SBATCH|SLURM)_[A-Z0-9_]+$" + "\"", schema: "^(SBATCH|SLURM)_[A-Z0-9_]+$", parentSchema: schema31.properties.slurm.properties.passed_env.propertyNames, data: key0, propertyName: key0 };
                                    if (vErrors === null) {
                                        vErrors = [err83];
                                    }
                                    else {
                                        vErrors.push(err83);
                                    }
                                    errors++;
                                }
                            }
                            var valid26 = _errs84 === errors;
                            if (!valid26) {
                                const err84 = { instancePath: instancePath + "/slurm/passed_env", schemaPath: "#/properties/slurm/properties/passed_env/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema31.properties.slurm.properties.passed_env.propertyNames, parentSchema: schema31.properties.slurm.properties.passed_env, data: data32 };
                                if (vErrors === null) {
                                    vErrors = [err84];
                                }
                                else {
                                    vErrors.push(err84);
                                }
                                errors++;
                            }
                        }
                        for (const key1 in data32) {
                            let data33 = data32[key1];
                            if (typeof data33 === "string") {
                                if (func1(data33) > 4096) {
                                    const err85 = { instancePath: instancePath + "/slurm/passed_env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/slurm/properties/passed_env/additionalProperties/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema31.properties.slurm.properties.passed_env.additionalProperties, data: data33 };
                                    if (vErrors === null) {
                                        vErrors = [err85];
                                    }
                                    else {
                                        vErrors.push(err85);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err86 = { instancePath: instancePath + "/slurm/passed_env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/slurm/properties/passed_env/additionalProperties/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.slurm.properties.passed_env.additionalProperties.type, parentSchema: schema31.properties.slurm.properties.passed_env.additionalProperties, data: data33 };
                                if (vErrors === null) {
                                    vErrors = [err86];
                                }
                                else {
                                    vErrors.push(err86);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err87 = { instancePath: instancePath + "/slurm/passed_env", schemaPath: "#/properties/slurm/properties/passed_env/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.slurm.properties.passed_env.type, parentSchema: schema31.properties.slurm.properties.passed_env, data: data32 };
                        if (vErrors === null) {
                            vErrors = [err87];
                        }
                        else {
                            vErrors.push(err87);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err88 = { instancePath: instancePath + "/slurm", schemaPath: "#/properties/slurm/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.slurm.type, parentSchema: schema31.properties.slurm, data: data27 };
                if (vErrors === null) {
                    vErrors = [err88];
                }
                else {
                    vErrors.push(err88);
                }
                errors++;
            }
        }
        if (data.history !== undefined) {
            let data34 = data.history;
            if (Array.isArray(data34)) {
                const len0 = data34.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    let data35 = data34[i0];
                    if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
                        if (data35.to === undefined) {
                            const err89 = { instancePath: instancePath + "/history/" + i0, schemaPath: "#/properties/history/items/required", keyword: "required", params: { missingProperty: "to" }, message: "must have required property '" + "to" + "'", schema: schema31.properties.history.items.required, parentSchema: schema31.properties.history.items, data: data35 };
                            if (vErrors === null) {
                                vErrors = [err89];
                            }
                            else {
                                vErrors.push(err89);
                            }
                            errors++;
                        }
                        if (data35.at === undefined) {
                            const err90 = { instancePath: instancePath + "/history/" + i0, schemaPath: "#/properties/history/items/required", keyword: "required", params: { missingProperty: "at" }, message: "must have required property '" + "at" + "'", schema: schema31.properties.history.items.required, parentSchema: schema31.properties.history.items, data: data35 };
                            if (vErrors === null) {
                                vErrors = [err90];
                            }
                            else {
                                vErrors.push(err90);
                            }
                            errors++;
                        }
                        if (data35.from !== undefined) {
                            let data36 = data35.from;
                            const _errs93 = errors;
                            let valid31 = false;
                            const _errs94 = errors;
                            if (data36 !== null) {
                                const err91 = { instancePath: instancePath + "/history/" + i0 + "/from", schemaPath: "#/properties/history/items/properties/from/anyOf/0/type", keyword: "type", params: { type: "null" }, message: "must be null", schema: schema31.properties.history.items.properties.from.anyOf[0].type, parentSchema: schema31.properties.history.items.properties.from.anyOf[0], data: data36 };
                                if (vErrors === null) {
                                    vErrors = [err91];
                                }
                                else {
                                    vErrors.push(err91);
                                }
                                errors++;
                            }
                            var _valid2 = _errs94 === errors;
                            valid31 = valid31 || _valid2;
                            const _errs96 = errors;
                            if (!(((((((data36 === "pending") || (data36 === "submitted")) || (data36 === "running")) || (data36 === "synced")) || (data36 === "completed")) || (data36 === "failed")) || (data36 === "partial"))) {
                                const err92 = { instancePath: instancePath + "/history/" + i0 + "/from", schemaPath: "#/properties/history/items/properties/from/anyOf/1/enum", keyword: "enum", params: { allowedValues: schema31.properties.history.items.properties.from.anyOf[1].enum }, message: "must be equal to one of the allowed values", schema: schema31.properties.history.items.properties.from.anyOf[1].enum, parentSchema: schema31.properties.history.items.properties.from.anyOf[1], data: data36 };
                                if (vErrors === null) {
                                    vErrors = [err92];
                                }
                                else {
                                    vErrors.push(err92);
                                }
                                errors++;
                            }
                            var _valid2 = _errs96 === errors;
                            valid31 = valid31 || _valid2;
                            if (!valid31) {
                                const err93 = { instancePath: instancePath + "/history/" + i0 + "/from", schemaPath: "#/properties/history/items/properties/from/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema31.properties.history.items.properties.from.anyOf, parentSchema: schema31.properties.history.items.properties.from, data: data36 };
                                if (vErrors === null) {
                                    vErrors = [err93];
                                }
                                else {
                                    vErrors.push(err93);
                                }
                                errors++;
                            }
                            else {
                                errors = _errs93;
                                if (vErrors !== null) {
                                    if (_errs93) {
                                        vErrors.length = _errs93;
                                    }
                                    else {
                                        vErrors = null;
                                    }
                                }
                            }
                        }
                        if (data35.to !== undefined) {
                            let data37 = data35.to;
                            if (!(((((((data37 === "pending") || (data37 === "submitted")) || (data37 === "running")) || (data37 === "synced")) || (data37 === "completed")) || (data37 === "failed")) || (data37 === "partial"))) {
                                const err94 = { instancePath: instancePath + "/history/" + i0 + "/to", schemaPath: "#/properties/history/items/properties/to/enum", keyword: "enum", params: { allowedValues: schema31.properties.history.items.properties.to.enum }, message: "must be equal to one of the allowed values", schema: schema31.properties.history.items.properties.to.enum, parentSchema: schema31.properties.history.items.properties.to, data: data37 };
                                if (vErrors === null) {
                                    vErrors = [err94];
                                }
                                else {
                                    vErrors.push(err94);
                                }
                                errors++;
                            }
                        }
                        if (data35.at !== undefined) {
                            let data38 = data35.at;
                            if (typeof data38 === "string") {
                                if (func1(data38) > 64) {
                                    const err95 = { instancePath: instancePath + "/history/" + i0 + "/at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema36, data: data38 };
                                    if (vErrors === null) {
                                        vErrors = [err95];
                                    }
                                    else {
                                        vErrors.push(err95);
                                    }
                                    errors++;
                                }
                                if (!(formats0.validate(data38))) {
                                    const err96 = { instancePath: instancePath + "/history/" + i0 + "/at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: "must match format \"" + "date-time" + "\"", schema: "date-time", parentSchema: schema36, data: data38 };
                                    if (vErrors === null) {
                                        vErrors = [err96];
                                    }
                                    else {
                                        vErrors.push(err96);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err97 = { instancePath: instancePath + "/history/" + i0 + "/at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data38 };
                                if (vErrors === null) {
                                    vErrors = [err97];
                                }
                                else {
                                    vErrors.push(err97);
                                }
                                errors++;
                            }
                        }
                        if (data35.evidence !== undefined) {
                            let data39 = data35.evidence;
                            if (typeof data39 === "string") {
                                if (func1(data39) > 16384) {
                                    const err98 = { instancePath: instancePath + "/history/" + i0 + "/evidence", schemaPath: "#/properties/history/items/properties/evidence/maxLength", keyword: "maxLength", params: { limit: 16384 }, message: "must NOT have more than 16384 characters", schema: 16384, parentSchema: schema31.properties.history.items.properties.evidence, data: data39 };
                                    if (vErrors === null) {
                                        vErrors = [err98];
                                    }
                                    else {
                                        vErrors.push(err98);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err99 = { instancePath: instancePath + "/history/" + i0 + "/evidence", schemaPath: "#/properties/history/items/properties/evidence/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema31.properties.history.items.properties.evidence.type, parentSchema: schema31.properties.history.items.properties.evidence, data: data39 };
                                if (vErrors === null) {
                                    vErrors = [err99];
                                }
                                else {
                                    vErrors.push(err99);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err100 = { instancePath: instancePath + "/history/" + i0, schemaPath: "#/properties/history/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.history.items.type, parentSchema: schema31.properties.history.items, data: data35 };
                        if (vErrors === null) {
                            vErrors = [err100];
                        }
                        else {
                            vErrors.push(err100);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err101 = { instancePath: instancePath + "/history", schemaPath: "#/properties/history/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.history.type, parentSchema: schema31.properties.history, data: data34 };
                if (vErrors === null) {
                    vErrors = [err101];
                }
                else {
                    vErrors.push(err101);
                }
                errors++;
            }
        }
    }
    else {
        const err102 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.type, parentSchema: schema31, data };
        if (vErrors === null) {
            vErrors = [err102];
        }
        else {
            vErrors.push(err102);
        }
        errors++;
    }
    validate20.errors = vErrors;
    evaluated0.props = props0;
    return errors === 0;
}
validate20.evaluated = { "dynamicProps": true, "dynamicItems": false };
const design = validate21;
const schema43 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://autolab-slurm.dev/schemas/design.schema.json", "title": "Iteration design (experiments/<plan|in_progress|done>/<iteration_id>/design.yaml)", "description": "What one iteration runs and what it asks of the host. The scheduler request lives in `compute`, what the job does before the command in `runtime`, how outputs come back in `artifact_sync`. Every value that ends up in a batch script is checked here so that nothing can smuggle shell syntax into it. Keys not listed here are allowed (the Python tool's design files carry more).", "type": "object", "required": ["compute"], "properties": { "id": { "$ref": "#/$defs/token" }, "iteration_id": { "$ref": "#/$defs/token" }, "compute": { "description": "Where the iteration runs and what it asks the scheduler for.", "type": "object", "required": ["location"], "properties": { "location": { "description": "local: run on the runner; slurm: submit with sbatch.", "enum": ["local", "slurm"] }, "walltime_estimate": { "description": "Time limit in a form sbatch --time accepts: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS.", "type": "string", "maxLength": 32, "pattern": "^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,5}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,4}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$", "x-message": "must be a time limit such as \"02:00:00\" (HH:MM:SS), \"30:00\" (MM:SS), \"90\" (minutes), \"1-12\", \"1-12:00\" or \"1-12:00:00\" (D-HH[:MM[:SS]]); quote it in YAML" }, "memory_estimate": { "description": "Memory per node: an integer with an optional K, M, G or T unit (B optional), e.g. 64GB.", "type": "string", "maxLength": 32, "pattern": "^[0-9]+(?:[KkMmGgTt][Bb]?)?$", "x-message": "must be an amount of memory such as \"64GB\", \"512M\" or \"4096\" (megabytes)" }, "gpu_count": { "description": "GPUs per node.", "type": "integer", "minimum": 0, "maximum": 64 }, "gpu_type": { "$ref": "#/$defs/slurmToken" }, "partition": { "$ref": "#/$defs/slurmToken" }, "cluster": { "description": "The cluster of a multi-cluster site the job is submitted to (sbatch --clusters); the monitor, cancel and adoption ask that cluster (-M). One name; without it, the cluster the client is configured for.", "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$", "x-message": "must be one cluster name made of letters, digits and _ . - (as sacctmgr show cluster lists it), e.g. \"gpu-cluster\"" }, "qos": { "$ref": "#/$defs/slurmToken" }, "account": { "$ref": "#/$defs/slurmToken" }, "num_nodes": { "type": "integer", "minimum": 1, "maximum": 10000 }, "cpus_per_task": { "type": "integer", "minimum": 1, "maximum": 4096 }, "constraint": { "description": "A node feature expression for sbatch --constraint, e.g. a100&ib or [rack1|rack2].", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+&|,*\\[\\]()!:-]+$", "x-message": "must be a feature expression made of letters, digits, . _ + - and the operators & | , * [ ] ( ) ! :" }, "checkpoint_signal": { "description": "A signal for the workload before the time limit: <USR1|USR2>@<seconds>, e.g. USR1@120 (sbatch --signal=B:USR1@120; the job script passes it on to the command, which saves a checkpoint to $AUTOLAB_CHECKPOINT_DIR and exits with $AUTOLAB_RESUME_EXIT_CODE).", "type": "string", "pattern": "^(SIG)?(USR1|USR2)@[1-9][0-9]{0,4}$", "x-message": "must be USR1 or USR2, '@', and the seconds before the time limit, e.g. \"USR1@120\"" }, "sbatch_options": { "description": "Extra sbatch long options, one per item, each --name or --name=value. Options the tool sets itself (job name, output paths, working directory) cannot be overridden here.", "type": "array", "maxItems": 64, "items": { "type": "string", "maxLength": 256, "allOf": [{ "not": { "pattern": "^(-M|--clusters?(=|$))" }, "x-message": "must not choose the cluster: set compute.cluster instead (the monitor, cancel and adoption then ask that cluster with -M)" }, { "pattern": "^--[a-z][a-z0-9-]*(=[A-Za-z0-9._,:@%/+=-]+)?$", "x-message": "must be one long sbatch option such as \"--exclusive\" or \"--mail-type=END\" (no spaces or shell characters)" }, { "not": { "pattern": "^--(job-name|output|error|chdir|wrap|parsable|test-only|array|export-file)(=|$)" }, "x-message": "must not set an option the tool controls itself (job name, log paths, working directory, array, submission mode)" }] } }, "max_restarts": { "description": "How many times the monitor resubmits a run whose last attempt ended for a reason in resubmit_on (the same run, the next attempt, resuming from its checkpoint dir). 0: never.", "type": "integer", "minimum": 0, "maximum": 100, "x-message": "must be a whole number of restarts from 0 to 100" }, "resubmit_on": { "description": "Why an attempt may end and the run still be resubmitted (up to max_restarts): timeout, preempted, node_fail, checkpointed (the workload saved a checkpoint and exited with $AUTOLAB_RESUME_EXIT_CODE).", "type": "array", "maxItems": 4, "items": { "enum": ["timeout", "preempted", "node_fail", "checkpointed"], "x-message": "must be one of timeout, preempted, node_fail, checkpointed" } }, "max_concurrent": { "description": "Sweeps: the most tasks running at once (SLURM's --array throttle %N).", "type": "integer", "minimum": 1, "maximum": 100000 } } }, "runtime": { "description": "What the job does before the command.", "type": "object", "properties": { "setup": { "description": "The user's own shell lines, run verbatim before the command.", "type": "array", "maxItems": 256, "items": { "type": "string", "maxLength": 4096, "pattern": "^[^\\n\\r\\u0000]*$", "x-message": "must be a single shell line (no line breaks)" } }, "env": { "description": "Environment variables exported to the job; values are quoted for the shell.", "type": "object", "maxProperties": 256, "propertyNames": { "$ref": "#/$defs/envName" }, "additionalProperties": { "type": ["string", "number", "boolean"], "maxLength": 4096 } } } }, "artifact_sync": { "description": "How the run's outputs come back to the repository.", "type": "object", "properties": { "mode": { "description": "shared: the job writes into the run directory on a shared filesystem; rsync: copy from `source`.", "enum": ["shared", "rsync"] }, "outputs": { "description": "Paths relative to the run directory that must exist after the job.", "type": "array", "maxItems": 256, "items": { "$ref": "#/$defs/relativePath" } }, "source": { "description": "rsync mode: the remote path to copy from; placeholders such as {run_id} are allowed.", "type": "string", "minLength": 1, "maxLength": 1024, "pattern": "^[^\\s'\"`$;&|<>\\\\]+$", "x-message": "must be an rsync source such as \"login2:/scratch/me/{run_id}/\" (no spaces, quotes or shell characters)" }, "timeout_seconds": { "type": "integer", "minimum": 1, "maximum": 604800 }, "retries": { "type": "integer", "minimum": 0, "maximum": 20 } }, "if": { "required": ["mode"], "properties": { "mode": { "const": "rsync" } } }, "then": { "required": ["source"] } }, "entrypoint": { "description": "What the run executes: `cli` verbatim, or `<python_bin> -m <module>` with `args` as --key value options.", "type": "object", "properties": { "module": { "type": "string", "maxLength": 256, "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "x-message": "must be a dotted Python module name such as \"train\" or \"pkg.train\"" }, "args": { "type": "object", "maxProperties": 256, "propertyNames": { "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$", "maxLength": 128, "x-message": "must be an option name made of letters, digits, _ . - (it becomes --name)" }, "additionalProperties": { "anyOf": [{ "type": ["string", "number", "boolean", "null"], "maxLength": 4096 }, { "type": "array", "maxItems": 256, "items": { "type": ["string", "number", "boolean"], "maxLength": 4096 } }], "x-message": "must be a string, number, boolean, null or a list of those" } }, "cli": { "type": "string", "minLength": 1, "maxLength": 4096, "pattern": "^[^\\n\\r\\u0000]*$", "x-message": "must be a single command line (no line breaks)" } } }, "extract_parser": { "description": "How results are extracted from a finished run.", "type": "object", "properties": { "kind": { "enum": ["python", "command"] }, "module": { "type": "string", "maxLength": 256, "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "x-message": "must be a dotted Python module name such as \"mypkg.extract\"" }, "callable": { "type": "string", "maxLength": 256, "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "x-message": "must be a Python identifier such as \"extract\"" }, "command": { "type": "string", "minLength": 1, "maxLength": 4096, "pattern": "^[^\\n\\r\\u0000]*$", "x-message": "must be a single command line (no line breaks)" } }, "allOf": [{ "if": { "required": ["kind"], "properties": { "kind": { "const": "command" } } }, "then": { "required": ["command"] } }, { "if": { "required": ["kind"], "properties": { "kind": { "const": "python" } } }, "then": { "required": ["module"] } }] }, "replicates": { "description": "How many times the run (or each sweep point) is repeated; more than 1 makes the launch one SLURM job array. A whole number, or the Python tool's form {count, seed_strategy, base_seed}.", "oneOf": [{ "type": "integer", "minimum": 1, "maximum": 1000 }, { "type": "object", "required": ["count"], "properties": { "count": { "type": "integer", "minimum": 1, "maximum": 1000 }, "seed_strategy": { "enum": ["increment", "random", "fixed"] }, "base_seed": { "type": ["integer", "null"] } } }] }, "sweep": { "description": "A parameter sweep: a grid (every combination), an explicit list of points, or both (each point with every grid combination). Each point runs `replicates` times; every task is a run of one SLURM job array.", "type": "object", "properties": { "grid": { "type": "object", "description": "Parameter name -> list of values (strings, numbers, booleans).", "additionalProperties": { "type": "array", "items": { "type": ["string", "number", "boolean"] } } }, "points": { "type": "array", "description": "Explicit parameter sets.", "items": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean"] } } } } }, "metrics": { "description": "How results are read. aggregation: how a sweep point's replicates are combined (mean: mean and standard deviation; median).", "type": "object", "properties": { "aggregation": { "enum": ["mean", "median"] }, "primary": { "description": "The primary metric's name, or the Python tool's form {name, unit, mode} (mode: maximize | minimize, read as goal).", "oneOf": [{ "type": "string", "maxLength": 256 }, { "type": "object", "required": ["name"], "properties": { "name": { "type": "string", "maxLength": 256 }, "unit": { "type": "string", "maxLength": 256 }, "mode": { "enum": ["maximize", "minimize"] } } }] }, "goal": { "enum": ["maximize", "minimize"] } } } }, "$defs": { "token": { "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a non-empty name made of letters, digits and . _ + -" }, "slurmToken": { "description": "A name passed to sbatch (partition, qos, account, GPU type).", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a name made of letters, digits and . _ + - (no spaces or shell characters)" }, "envName": { "type": "string", "maxLength": 128, "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "x-message": "must be an environment variable name (letters, digits, _; not starting with a digit)" }, "relativePath": { "type": "string", "minLength": 1, "maxLength": 1024, "pattern": "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$", "x-message": "must be a path relative to the run directory, without .. and not absolute" } } };
const schema44 = { "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a non-empty name made of letters, digits and . _ + -" };
const schema46 = { "description": "A name passed to sbatch (partition, qos, account, GPU type).", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[A-Za-z0-9._+-]+$", "x-message": "must be a name made of letters, digits and . _ + - (no spaces or shell characters)" };
const schema50 = { "type": "string", "maxLength": 128, "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "x-message": "must be an environment variable name (letters, digits, _; not starting with a digit)" };
const schema51 = { "type": "string", "minLength": 1, "maxLength": 1024, "pattern": "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$", "x-message": "must be a path relative to the run directory, without .. and not absolute" };
const pattern13 = new RegExp("^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,5}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,4}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$", "u");
const pattern14 = new RegExp("^[0-9]+(?:[KkMmGgTt][Bb]?)?$", "u");
const pattern17 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]*$", "u");
const pattern20 = new RegExp("^[A-Za-z0-9._+&|,*\\[\\]()!:-]+$", "u");
const pattern21 = new RegExp("^(SIG)?(USR1|USR2)@[1-9][0-9]{0,4}$", "u");
const pattern22 = new RegExp("^(-M|--clusters?(=|$))", "u");
const pattern23 = new RegExp("^--[a-z][a-z0-9-]*(=[A-Za-z0-9._,:@%/+=-]+)?$", "u");
const pattern24 = new RegExp("^--(job-name|output|error|chdir|wrap|parsable|test-only|array|export-file)(=|$)", "u");
const pattern25 = new RegExp("^[^\\n\\r\\u0000]*$", "u");
const pattern26 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern27 = new RegExp("^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$", "u");
const pattern28 = new RegExp("^[^\\s'\"`$;&|<>\\\\]+$", "u");
const pattern29 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "u");
function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    /*# sourceURL="https://autolab-slurm.dev/schemas/design.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate21.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.compute === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "compute" }, message: "must have required property '" + "compute" + "'", schema: schema43.required, parentSchema: schema43, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.id !== undefined) {
            let data0 = data.id;
            if (typeof data0 === "string") {
                if (func1(data0) > 256) {
                    const err1 = { instancePath: instancePath + "/id", schemaPath: "#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema44, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
                if (func1(data0) < 1) {
                    const err2 = { instancePath: instancePath + "/id", schemaPath: "#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema44, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err2];
                    }
                    else {
                        vErrors.push(err2);
                    }
                    errors++;
                }
                if (!pattern4.test(data0)) {
                    const err3 = { instancePath: instancePath + "/id", schemaPath: "#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema44, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
            }
            else {
                const err4 = { instancePath: instancePath + "/id", schemaPath: "#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema44.type, parentSchema: schema44, data: data0 };
                if (vErrors === null) {
                    vErrors = [err4];
                }
                else {
                    vErrors.push(err4);
                }
                errors++;
            }
        }
        if (data.iteration_id !== undefined) {
            let data1 = data.iteration_id;
            if (typeof data1 === "string") {
                if (func1(data1) > 256) {
                    const err5 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema44, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
                if (func1(data1) < 1) {
                    const err6 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema44, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
                if (!pattern4.test(data1)) {
                    const err7 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema44, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err7];
                    }
                    else {
                        vErrors.push(err7);
                    }
                    errors++;
                }
            }
            else {
                const err8 = { instancePath: instancePath + "/iteration_id", schemaPath: "#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema44.type, parentSchema: schema44, data: data1 };
                if (vErrors === null) {
                    vErrors = [err8];
                }
                else {
                    vErrors.push(err8);
                }
                errors++;
            }
        }
        if (data.compute !== undefined) {
            let data2 = data.compute;
            if (data2 && typeof data2 == "object" && !Array.isArray(data2)) {
                if (data2.location === undefined) {
                    const err9 = { instancePath: instancePath + "/compute", schemaPath: "#/properties/compute/required", keyword: "required", params: { missingProperty: "location" }, message: "must have required property '" + "location" + "'", schema: schema43.properties.compute.required, parentSchema: schema43.properties.compute, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
                if (data2.location !== undefined) {
                    let data3 = data2.location;
                    if (!((data3 === "local") || (data3 === "slurm"))) {
                        const err10 = { instancePath: instancePath + "/compute/location", schemaPath: "#/properties/compute/properties/location/enum", keyword: "enum", params: { allowedValues: schema43.properties.compute.properties.location.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.compute.properties.location.enum, parentSchema: schema43.properties.compute.properties.location, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                if (data2.walltime_estimate !== undefined) {
                    let data4 = data2.walltime_estimate;
                    if (typeof data4 === "string") {
                        if (func1(data4) > 32) {
                            const err11 = { instancePath: instancePath + "/compute/walltime_estimate", schemaPath: "#/properties/compute/properties/walltime_estimate/maxLength", keyword: "maxLength", params: { limit: 32 }, message: "must NOT have more than 32 characters", schema: 32, parentSchema: schema43.properties.compute.properties.walltime_estimate, data: data4 };
                            if (vErrors === null) {
                                vErrors = [err11];
                            }
                            else {
                                vErrors.push(err11);
                            }
                            errors++;
                        }
                        if (!pattern13.test(data4)) {
                            const err12 = { instancePath: instancePath + "/compute/walltime_estimate", schemaPath: "#/properties/compute/properties/walltime_estimate/pattern", keyword: "pattern", params: { pattern: "^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,5}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,4}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$" }, message: "must match pattern \"" + "^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,5}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,4}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$" + "\"", schema: "^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,5}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,4}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$", parentSchema: schema43.properties.compute.properties.walltime_estimate, data: data4 };
                            if (vErrors === null) {
                                vErrors = [err12];
                            }
                            else {
                                vErrors.push(err12);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err13 = { instancePath: instancePath + "/compute/walltime_estimate", schemaPath: "#/properties/compute/properties/walltime_estimate/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.walltime_estimate.type, parentSchema: schema43.properties.compute.properties.walltime_estimate, data: data4 };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                }
                if (data2.memory_estimate !== undefined) {
                    let data5 = data2.memory_estimate;
                    if (typeof data5 === "string") {
                        if (func1(data5) > 32) {
                            const err14 = { instancePath: instancePath + "/compute/memory_estimate", schemaPath: "#/properties/compute/properties/memory_estimate/maxLength", keyword: "maxLength", params: { limit: 32 }, message: "must NOT have more than 32 characters", schema: 32, parentSchema: schema43.properties.compute.properties.memory_estimate, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err14];
                            }
                            else {
                                vErrors.push(err14);
                            }
                            errors++;
                        }
                        if (!pattern14.test(data5)) {
                            const err15 = { instancePath: instancePath + "/compute/memory_estimate", schemaPath: "#/properties/compute/properties/memory_estimate/pattern", keyword: "pattern", params: { pattern: "^[0-9]+(?:[KkMmGgTt][Bb]?)?$" }, message: "must match pattern \"" + "^[0-9]+(?:[KkMmGgTt][Bb]?)?$" + "\"", schema: "^[0-9]+(?:[KkMmGgTt][Bb]?)?$", parentSchema: schema43.properties.compute.properties.memory_estimate, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err15];
                            }
                            else {
                                vErrors.push(err15);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err16 = { instancePath: instancePath + "/compute/memory_estimate", schemaPath: "#/properties/compute/properties/memory_estimate/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.memory_estimate.type, parentSchema: schema43.properties.compute.properties.memory_estimate, data: data5 };
                        if (vErrors === null) {
                            vErrors = [err16];
                        }
                        else {
                            vErrors.push(err16);
                        }
                        errors++;
                    }
                }
                if (data2.gpu_count !== undefined) {
                    let data6 = data2.gpu_count;
                    if (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) {
                        const err17 = { instancePath: instancePath + "/compute/gpu_count", schemaPath: "#/properties/compute/properties/gpu_count/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.compute.properties.gpu_count.type, parentSchema: schema43.properties.compute.properties.gpu_count, data: data6 };
                        if (vErrors === null) {
                            vErrors = [err17];
                        }
                        else {
                            vErrors.push(err17);
                        }
                        errors++;
                    }
                    if ((typeof data6 == "number") && (isFinite(data6))) {
                        if (data6 > 64 || isNaN(data6)) {
                            const err18 = { instancePath: instancePath + "/compute/gpu_count", schemaPath: "#/properties/compute/properties/gpu_count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 64 }, message: "must be <= 64", schema: 64, parentSchema: schema43.properties.compute.properties.gpu_count, data: data6 };
                            if (vErrors === null) {
                                vErrors = [err18];
                            }
                            else {
                                vErrors.push(err18);
                            }
                            errors++;
                        }
                        if (data6 < 0 || isNaN(data6)) {
                            const err19 = { instancePath: instancePath + "/compute/gpu_count", schemaPath: "#/properties/compute/properties/gpu_count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema43.properties.compute.properties.gpu_count, data: data6 };
                            if (vErrors === null) {
                                vErrors = [err19];
                            }
                            else {
                                vErrors.push(err19);
                            }
                            errors++;
                        }
                    }
                }
                if (data2.gpu_type !== undefined) {
                    let data7 = data2.gpu_type;
                    if (typeof data7 === "string") {
                        if (func1(data7) > 256) {
                            const err20 = { instancePath: instancePath + "/compute/gpu_type", schemaPath: "#/$defs/slurmToken/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema46, data: data7 };
                            if (vErrors === null) {
                                vErrors = [err20];
                            }
                            else {
                                vErrors.push(err20);
                            }
                            errors++;
                        }
                        if (func1(data7) < 1) {
                            const err21 = { instancePath: instancePath + "/compute/gpu_type", schemaPath: "#/$defs/slurmToken/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema46, data: data7 };
                            if (vErrors === null) {
                                vErrors = [err21];
                            }
                            else {
                                vErrors.push(err21);
                            }
                            errors++;
                        }
                        if (!pattern4.test(data7)) {
                            const err22 = { instancePath: instancePath + "/compute/gpu_type", schemaPath: "#/$defs/slurmToken/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema46, data: data7 };
                            if (vErrors === null) {
                                vErrors = [err22];
                            }
                            else {
                                vErrors.push(err22);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err23 = { instancePath: instancePath + "/compute/gpu_type", schemaPath: "#/$defs/slurmToken/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema46.type, parentSchema: schema46, data: data7 };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
                if (data2.partition !== undefined) {
                    let data8 = data2.partition;
                    if (typeof data8 === "string") {
                        if (func1(data8) > 256) {
                            const err24 = { instancePath: instancePath + "/compute/partition", schemaPath: "#/$defs/slurmToken/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema46, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err24];
                            }
                            else {
                                vErrors.push(err24);
                            }
                            errors++;
                        }
                        if (func1(data8) < 1) {
                            const err25 = { instancePath: instancePath + "/compute/partition", schemaPath: "#/$defs/slurmToken/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema46, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err25];
                            }
                            else {
                                vErrors.push(err25);
                            }
                            errors++;
                        }
                        if (!pattern4.test(data8)) {
                            const err26 = { instancePath: instancePath + "/compute/partition", schemaPath: "#/$defs/slurmToken/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema46, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err26];
                            }
                            else {
                                vErrors.push(err26);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err27 = { instancePath: instancePath + "/compute/partition", schemaPath: "#/$defs/slurmToken/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema46.type, parentSchema: schema46, data: data8 };
                        if (vErrors === null) {
                            vErrors = [err27];
                        }
                        else {
                            vErrors.push(err27);
                        }
                        errors++;
                    }
                }
                if (data2.cluster !== undefined) {
                    let data9 = data2.cluster;
                    if (typeof data9 === "string") {
                        if (func1(data9) > 64) {
                            const err28 = { instancePath: instancePath + "/compute/cluster", schemaPath: "#/properties/compute/properties/cluster/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema43.properties.compute.properties.cluster, data: data9 };
                            if (vErrors === null) {
                                vErrors = [err28];
                            }
                            else {
                                vErrors.push(err28);
                            }
                            errors++;
                        }
                        if (func1(data9) < 1) {
                            const err29 = { instancePath: instancePath + "/compute/cluster", schemaPath: "#/properties/compute/properties/cluster/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema43.properties.compute.properties.cluster, data: data9 };
                            if (vErrors === null) {
                                vErrors = [err29];
                            }
                            else {
                                vErrors.push(err29);
                            }
                            errors++;
                        }
                        if (!pattern17.test(data9)) {
                            const err30 = { instancePath: instancePath + "/compute/cluster", schemaPath: "#/properties/compute/properties/cluster/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]*$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", parentSchema: schema43.properties.compute.properties.cluster, data: data9 };
                            if (vErrors === null) {
                                vErrors = [err30];
                            }
                            else {
                                vErrors.push(err30);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err31 = { instancePath: instancePath + "/compute/cluster", schemaPath: "#/properties/compute/properties/cluster/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.cluster.type, parentSchema: schema43.properties.compute.properties.cluster, data: data9 };
                        if (vErrors === null) {
                            vErrors = [err31];
                        }
                        else {
                            vErrors.push(err31);
                        }
                        errors++;
                    }
                }
                if (data2.qos !== undefined) {
                    let data10 = data2.qos;
                    if (typeof data10 === "string") {
                        if (func1(data10) > 256) {
                            const err32 = { instancePath: instancePath + "/compute/qos", schemaPath: "#/$defs/slurmToken/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema46, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err32];
                            }
                            else {
                                vErrors.push(err32);
                            }
                            errors++;
                        }
                        if (func1(data10) < 1) {
                            const err33 = { instancePath: instancePath + "/compute/qos", schemaPath: "#/$defs/slurmToken/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema46, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err33];
                            }
                            else {
                                vErrors.push(err33);
                            }
                            errors++;
                        }
                        if (!pattern4.test(data10)) {
                            const err34 = { instancePath: instancePath + "/compute/qos", schemaPath: "#/$defs/slurmToken/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema46, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err34];
                            }
                            else {
                                vErrors.push(err34);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err35 = { instancePath: instancePath + "/compute/qos", schemaPath: "#/$defs/slurmToken/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema46.type, parentSchema: schema46, data: data10 };
                        if (vErrors === null) {
                            vErrors = [err35];
                        }
                        else {
                            vErrors.push(err35);
                        }
                        errors++;
                    }
                }
                if (data2.account !== undefined) {
                    let data11 = data2.account;
                    if (typeof data11 === "string") {
                        if (func1(data11) > 256) {
                            const err36 = { instancePath: instancePath + "/compute/account", schemaPath: "#/$defs/slurmToken/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema46, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err36];
                            }
                            else {
                                vErrors.push(err36);
                            }
                            errors++;
                        }
                        if (func1(data11) < 1) {
                            const err37 = { instancePath: instancePath + "/compute/account", schemaPath: "#/$defs/slurmToken/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema46, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err37];
                            }
                            else {
                                vErrors.push(err37);
                            }
                            errors++;
                        }
                        if (!pattern4.test(data11)) {
                            const err38 = { instancePath: instancePath + "/compute/account", schemaPath: "#/$defs/slurmToken/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema46, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err38];
                            }
                            else {
                                vErrors.push(err38);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err39 = { instancePath: instancePath + "/compute/account", schemaPath: "#/$defs/slurmToken/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema46.type, parentSchema: schema46, data: data11 };
                        if (vErrors === null) {
                            vErrors = [err39];
                        }
                        else {
                            vErrors.push(err39);
                        }
                        errors++;
                    }
                }
                if (data2.num_nodes !== undefined) {
                    let data12 = data2.num_nodes;
                    if (!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))) {
                        const err40 = { instancePath: instancePath + "/compute/num_nodes", schemaPath: "#/properties/compute/properties/num_nodes/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.compute.properties.num_nodes.type, parentSchema: schema43.properties.compute.properties.num_nodes, data: data12 };
                        if (vErrors === null) {
                            vErrors = [err40];
                        }
                        else {
                            vErrors.push(err40);
                        }
                        errors++;
                    }
                    if ((typeof data12 == "number") && (isFinite(data12))) {
                        if (data12 > 10000 || isNaN(data12)) {
                            const err41 = { instancePath: instancePath + "/compute/num_nodes", schemaPath: "#/properties/compute/properties/num_nodes/maximum", keyword: "maximum", params: { comparison: "<=", limit: 10000 }, message: "must be <= 10000", schema: 10000, parentSchema: schema43.properties.compute.properties.num_nodes, data: data12 };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                        if (data12 < 1 || isNaN(data12)) {
                            const err42 = { instancePath: instancePath + "/compute/num_nodes", schemaPath: "#/properties/compute/properties/num_nodes/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.compute.properties.num_nodes, data: data12 };
                            if (vErrors === null) {
                                vErrors = [err42];
                            }
                            else {
                                vErrors.push(err42);
                            }
                            errors++;
                        }
                    }
                }
                if (data2.cpus_per_task !== undefined) {
                    let data13 = data2.cpus_per_task;
                    if (!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))) {
                        const err43 = { instancePath: instancePath + "/compute/cpus_per_task", schemaPath: "#/properties/compute/properties/cpus_per_task/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.compute.properties.cpus_per_task.type, parentSchema: schema43.properties.compute.properties.cpus_per_task, data: data13 };
                        if (vErrors === null) {
                            vErrors = [err43];
                        }
                        else {
                            vErrors.push(err43);
                        }
                        errors++;
                    }
                    if ((typeof data13 == "number") && (isFinite(data13))) {
                        if (data13 > 4096 || isNaN(data13)) {
                            const err44 = { instancePath: instancePath + "/compute/cpus_per_task", schemaPath: "#/properties/compute/properties/cpus_per_task/maximum", keyword: "maximum", params: { comparison: "<=", limit: 4096 }, message: "must be <= 4096", schema: 4096, parentSchema: schema43.properties.compute.properties.cpus_per_task, data: data13 };
                            if (vErrors === null) {
                                vErrors = [err44];
                            }
                            else {
                                vErrors.push(err44);
                            }
                            errors++;
                        }
                        if (data13 < 1 || isNaN(data13)) {
                            const err45 = { instancePath: instancePath + "/compute/cpus_per_task", schemaPath: "#/properties/compute/properties/cpus_per_task/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.compute.properties.cpus_per_task, data: data13 };
                            if (vErrors === null) {
                                vErrors = [err45];
                            }
                            else {
                                vErrors.push(err45);
                            }
                            errors++;
                        }
                    }
                }
                if (data2.constraint !== undefined) {
                    let data14 = data2.constraint;
                    if (typeof data14 === "string") {
                        if (func1(data14) > 256) {
                            const err46 = { instancePath: instancePath + "/compute/constraint", schemaPath: "#/properties/compute/properties/constraint/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.compute.properties.constraint, data: data14 };
                            if (vErrors === null) {
                                vErrors = [err46];
                            }
                            else {
                                vErrors.push(err46);
                            }
                            errors++;
                        }
                        if (func1(data14) < 1) {
                            const err47 = { instancePath: instancePath + "/compute/constraint", schemaPath: "#/properties/compute/properties/constraint/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema43.properties.compute.properties.constraint, data: data14 };
                            if (vErrors === null) {
                                vErrors = [err47];
                            }
                            else {
                                vErrors.push(err47);
                            }
                            errors++;
                        }
                        if (!pattern20.test(data14)) {
                            const err48 = { instancePath: instancePath + "/compute/constraint", schemaPath: "#/properties/compute/properties/constraint/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+&|,*\\[\\]()!:-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+&|,*\\[\\]()!:-]+$" + "\"", schema: "^[A-Za-z0-9._+&|,*\\[\\]()!:-]+$", parentSchema: schema43.properties.compute.properties.constraint, data: data14 };
                            if (vErrors === null) {
                                vErrors = [err48];
                            }
                            else {
                                vErrors.push(err48);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err49 = { instancePath: instancePath + "/compute/constraint", schemaPath: "#/properties/compute/properties/constraint/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.constraint.type, parentSchema: schema43.properties.compute.properties.constraint, data: data14 };
                        if (vErrors === null) {
                            vErrors = [err49];
                        }
                        else {
                            vErrors.push(err49);
                        }
                        errors++;
                    }
                }
                if (data2.checkpoint_signal !== undefined) {
                    let data15 = data2.checkpoint_signal;
                    if (typeof data15 === "string") {
                        if (!pattern21.test(data15)) {
                            const err50 = { instancePath: instancePath + "/compute/checkpoint_signal", schemaPath: "#/properties/compute/properties/checkpoint_signal/pattern", keyword: "pattern", params: { pattern: "^(SIG)?(USR1|USR2)@[1-9][0-9]{0,4}$" }, message: "must match pattern \"" + "^(SIG)?(USR1|USR2)@[1-9][0-9]{0,4}$" + "\"", schema: "^(SIG)?(USR1|USR2)@[1-9][0-9]{0,4}$", parentSchema: schema43.properties.compute.properties.checkpoint_signal, data: data15 };
                            if (vErrors === null) {
                                vErrors = [err50];
                            }
                            else {
                                vErrors.push(err50);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err51 = { instancePath: instancePath + "/compute/checkpoint_signal", schemaPath: "#/properties/compute/properties/checkpoint_signal/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.checkpoint_signal.type, parentSchema: schema43.properties.compute.properties.checkpoint_signal, data: data15 };
                        if (vErrors === null) {
                            vErrors = [err51];
                        }
                        else {
                            vErrors.push(err51);
                        }
                        errors++;
                    }
                }
                if (data2.sbatch_options !== undefined) {
                    let data16 = data2.sbatch_options;
                    if (Array.isArray(data16)) {
                        if (data16.length > 64) {
                            const err52 = { instancePath: instancePath + "/compute/sbatch_options", schemaPath: "#/properties/compute/properties/sbatch_options/maxItems", keyword: "maxItems", params: { limit: 64 }, message: "must NOT have more than 64 items", schema: 64, parentSchema: schema43.properties.compute.properties.sbatch_options, data: data16 };
                            if (vErrors === null) {
                                vErrors = [err52];
                            }
                            else {
                                vErrors.push(err52);
                            }
                            errors++;
                        }
                        const len0 = data16.length;
                        for (let i0 = 0; i0 < len0; i0++) {
                            let data17 = data16[i0];
                            const _errs54 = errors;
                            const _errs55 = errors;
                            if (typeof data17 === "string") {
                                if (!pattern22.test(data17)) {
                                    const err53 = {};
                                    if (vErrors === null) {
                                        vErrors = [err53];
                                    }
                                    else {
                                        vErrors.push(err53);
                                    }
                                    errors++;
                                }
                            }
                            var valid11 = _errs55 === errors;
                            if (valid11) {
                                const err54 = { instancePath: instancePath + "/compute/sbatch_options/" + i0, schemaPath: "#/properties/compute/properties/sbatch_options/items/allOf/0/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema43.properties.compute.properties.sbatch_options.items.allOf[0].not, parentSchema: schema43.properties.compute.properties.sbatch_options.items.allOf[0], data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err54];
                                }
                                else {
                                    vErrors.push(err54);
                                }
                                errors++;
                            }
                            else {
                                errors = _errs54;
                                if (vErrors !== null) {
                                    if (_errs54) {
                                        vErrors.length = _errs54;
                                    }
                                    else {
                                        vErrors = null;
                                    }
                                }
                            }
                            if (typeof data17 === "string") {
                                if (!pattern23.test(data17)) {
                                    const err55 = { instancePath: instancePath + "/compute/sbatch_options/" + i0, schemaPath: "#/properties/compute/properties/sbatch_options/items/allOf/1/pattern", keyword: "pattern", params: { pattern: "^--[a-z][a-z0-9-]*(=[A-Za-z0-9._,:@%/+=-]+)?$" }, message: "must match pattern \"" + "^--[a-z][a-z0-9-]*(=[A-Za-z0-9._,:@%/+=-]+)?$" + "\"", schema: "^--[a-z][a-z0-9-]*(=[A-Za-z0-9._,:@%/+=-]+)?$", parentSchema: schema43.properties.compute.properties.sbatch_options.items.allOf[1], data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err55];
                                    }
                                    else {
                                        vErrors.push(err55);
                                    }
                                    errors++;
                                }
                            }
                            const _errs60 = errors;
                            const _errs61 = errors;
                            if (typeof data17 === "string") {
                                if (!pattern24.test(data17)) {
                                    const err56 = {};
                                    if (vErrors === null) {
                                        vErrors = [err56];
                                    }
                                    else {
                                        vErrors.push(err56);
                                    }
                                    errors++;
                                }
                            }
                            var valid12 = _errs61 === errors;
                            if (valid12) {
                                const err57 = { instancePath: instancePath + "/compute/sbatch_options/" + i0, schemaPath: "#/properties/compute/properties/sbatch_options/items/allOf/2/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema43.properties.compute.properties.sbatch_options.items.allOf[2].not, parentSchema: schema43.properties.compute.properties.sbatch_options.items.allOf[2], data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err57];
                                }
                                else {
                                    vErrors.push(err57);
                                }
                                errors++;
                            }
                            else {
                                errors = _errs60;
                                if (vErrors !== null) {
                                    if (_errs60) {
                                        vErrors.length = _errs60;
                                    }
                                    else {
                                        vErrors = null;
                                    }
                                }
                            }
                            if (typeof data17 === "string") {
                                if (func1(data17) > 256) {
                                    const err58 = { instancePath: instancePath + "/compute/sbatch_options/" + i0, schemaPath: "#/properties/compute/properties/sbatch_options/items/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.compute.properties.sbatch_options.items, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err58];
                                    }
                                    else {
                                        vErrors.push(err58);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err59 = { instancePath: instancePath + "/compute/sbatch_options/" + i0, schemaPath: "#/properties/compute/properties/sbatch_options/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.compute.properties.sbatch_options.items.type, parentSchema: schema43.properties.compute.properties.sbatch_options.items, data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err59];
                                }
                                else {
                                    vErrors.push(err59);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err60 = { instancePath: instancePath + "/compute/sbatch_options", schemaPath: "#/properties/compute/properties/sbatch_options/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.compute.properties.sbatch_options.type, parentSchema: schema43.properties.compute.properties.sbatch_options, data: data16 };
                        if (vErrors === null) {
                            vErrors = [err60];
                        }
                        else {
                            vErrors.push(err60);
                        }
                        errors++;
                    }
                }
                if (data2.max_restarts !== undefined) {
                    let data18 = data2.max_restarts;
                    if (!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))) {
                        const err61 = { instancePath: instancePath + "/compute/max_restarts", schemaPath: "#/properties/compute/properties/max_restarts/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.compute.properties.max_restarts.type, parentSchema: schema43.properties.compute.properties.max_restarts, data: data18 };
                        if (vErrors === null) {
                            vErrors = [err61];
                        }
                        else {
                            vErrors.push(err61);
                        }
                        errors++;
                    }
                    if ((typeof data18 == "number") && (isFinite(data18))) {
                        if (data18 > 100 || isNaN(data18)) {
                            const err62 = { instancePath: instancePath + "/compute/max_restarts", schemaPath: "#/properties/compute/properties/max_restarts/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100 }, message: "must be <= 100", schema: 100, parentSchema: schema43.properties.compute.properties.max_restarts, data: data18 };
                            if (vErrors === null) {
                                vErrors = [err62];
                            }
                            else {
                                vErrors.push(err62);
                            }
                            errors++;
                        }
                        if (data18 < 0 || isNaN(data18)) {
                            const err63 = { instancePath: instancePath + "/compute/max_restarts", schemaPath: "#/properties/compute/properties/max_restarts/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema43.properties.compute.properties.max_restarts, data: data18 };
                            if (vErrors === null) {
                                vErrors = [err63];
                            }
                            else {
                                vErrors.push(err63);
                            }
                            errors++;
                        }
                    }
                }
                if (data2.resubmit_on !== undefined) {
                    let data19 = data2.resubmit_on;
                    if (Array.isArray(data19)) {
                        if (data19.length > 4) {
                            const err64 = { instancePath: instancePath + "/compute/resubmit_on", schemaPath: "#/properties/compute/properties/resubmit_on/maxItems", keyword: "maxItems", params: { limit: 4 }, message: "must NOT have more than 4 items", schema: 4, parentSchema: schema43.properties.compute.properties.resubmit_on, data: data19 };
                            if (vErrors === null) {
                                vErrors = [err64];
                            }
                            else {
                                vErrors.push(err64);
                            }
                            errors++;
                        }
                        const len1 = data19.length;
                        for (let i1 = 0; i1 < len1; i1++) {
                            let data20 = data19[i1];
                            if (!((((data20 === "timeout") || (data20 === "preempted")) || (data20 === "node_fail")) || (data20 === "checkpointed"))) {
                                const err65 = { instancePath: instancePath + "/compute/resubmit_on/" + i1, schemaPath: "#/properties/compute/properties/resubmit_on/items/enum", keyword: "enum", params: { allowedValues: schema43.properties.compute.properties.resubmit_on.items.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.compute.properties.resubmit_on.items.enum, parentSchema: schema43.properties.compute.properties.resubmit_on.items, data: data20 };
                                if (vErrors === null) {
                                    vErrors = [err65];
                                }
                                else {
                                    vErrors.push(err65);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err66 = { instancePath: instancePath + "/compute/resubmit_on", schemaPath: "#/properties/compute/properties/resubmit_on/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.compute.properties.resubmit_on.type, parentSchema: schema43.properties.compute.properties.resubmit_on, data: data19 };
                        if (vErrors === null) {
                            vErrors = [err66];
                        }
                        else {
                            vErrors.push(err66);
                        }
                        errors++;
                    }
                }
                if (data2.max_concurrent !== undefined) {
                    let data21 = data2.max_concurrent;
                    if (!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))) {
                        const err67 = { instancePath: instancePath + "/compute/max_concurrent", schemaPath: "#/properties/compute/properties/max_concurrent/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.compute.properties.max_concurrent.type, parentSchema: schema43.properties.compute.properties.max_concurrent, data: data21 };
                        if (vErrors === null) {
                            vErrors = [err67];
                        }
                        else {
                            vErrors.push(err67);
                        }
                        errors++;
                    }
                    if ((typeof data21 == "number") && (isFinite(data21))) {
                        if (data21 > 100000 || isNaN(data21)) {
                            const err68 = { instancePath: instancePath + "/compute/max_concurrent", schemaPath: "#/properties/compute/properties/max_concurrent/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100000 }, message: "must be <= 100000", schema: 100000, parentSchema: schema43.properties.compute.properties.max_concurrent, data: data21 };
                            if (vErrors === null) {
                                vErrors = [err68];
                            }
                            else {
                                vErrors.push(err68);
                            }
                            errors++;
                        }
                        if (data21 < 1 || isNaN(data21)) {
                            const err69 = { instancePath: instancePath + "/compute/max_concurrent", schemaPath: "#/properties/compute/properties/max_concurrent/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.compute.properties.max_concurrent, data: data21 };
                            if (vErrors === null) {
                                vErrors = [err69];
                            }
                            else {
                                vErrors.push(err69);
                            }
                            errors++;
                        }
                    }
                }
            }
            else {
                const err70 = { instancePath: instancePath + "/compute", schemaPath: "#/properties/compute/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.compute.type, parentSchema: schema43.properties.compute, data: data2 };
                if (vErrors === null) {
                    vErrors = [err70];
                }
                else {
                    vErrors.push(err70);
                }
                errors++;
            }
        }
        if (data.runtime !== undefined) {
            let data22 = data.runtime;
            if (data22 && typeof data22 == "object" && !Array.isArray(data22)) {
                if (data22.setup !== undefined) {
                    let data23 = data22.setup;
                    if (Array.isArray(data23)) {
                        if (data23.length > 256) {
                            const err71 = { instancePath: instancePath + "/runtime/setup", schemaPath: "#/properties/runtime/properties/setup/maxItems", keyword: "maxItems", params: { limit: 256 }, message: "must NOT have more than 256 items", schema: 256, parentSchema: schema43.properties.runtime.properties.setup, data: data23 };
                            if (vErrors === null) {
                                vErrors = [err71];
                            }
                            else {
                                vErrors.push(err71);
                            }
                            errors++;
                        }
                        const len2 = data23.length;
                        for (let i2 = 0; i2 < len2; i2++) {
                            let data24 = data23[i2];
                            if (typeof data24 === "string") {
                                if (func1(data24) > 4096) {
                                    const err72 = { instancePath: instancePath + "/runtime/setup/" + i2, schemaPath: "#/properties/runtime/properties/setup/items/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.runtime.properties.setup.items, data: data24 };
                                    if (vErrors === null) {
                                        vErrors = [err72];
                                    }
                                    else {
                                        vErrors.push(err72);
                                    }
                                    errors++;
                                }
                                if (!pattern25.test(data24)) {
                                    const err73 = { instancePath: instancePath + "/runtime/setup/" + i2, schemaPath: "#/properties/runtime/properties/setup/items/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema43.properties.runtime.properties.setup.items, data: data24 };
                                    if (vErrors === null) {
                                        vErrors = [err73];
                                    }
                                    else {
                                        vErrors.push(err73);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err74 = { instancePath: instancePath + "/runtime/setup/" + i2, schemaPath: "#/properties/runtime/properties/setup/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.runtime.properties.setup.items.type, parentSchema: schema43.properties.runtime.properties.setup.items, data: data24 };
                                if (vErrors === null) {
                                    vErrors = [err74];
                                }
                                else {
                                    vErrors.push(err74);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err75 = { instancePath: instancePath + "/runtime/setup", schemaPath: "#/properties/runtime/properties/setup/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.runtime.properties.setup.type, parentSchema: schema43.properties.runtime.properties.setup, data: data23 };
                        if (vErrors === null) {
                            vErrors = [err75];
                        }
                        else {
                            vErrors.push(err75);
                        }
                        errors++;
                    }
                }
                if (data22.env !== undefined) {
                    let data25 = data22.env;
                    if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
                        if (Object.keys(data25).length > 256) {
                            const err76 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/properties/runtime/properties/env/maxProperties", keyword: "maxProperties", params: { limit: 256 }, message: "must NOT have more than 256 properties", schema: 256, parentSchema: schema43.properties.runtime.properties.env, data: data25 };
                            if (vErrors === null) {
                                vErrors = [err76];
                            }
                            else {
                                vErrors.push(err76);
                            }
                            errors++;
                        }
                        for (const key0 in data25) {
                            const _errs81 = errors;
                            if (typeof key0 === "string") {
                                if (func1(key0) > 128) {
                                    const err77 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/$defs/envName/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema50, data: key0, propertyName: key0 };
                                    if (vErrors === null) {
                                        vErrors = [err77];
                                    }
                                    else {
                                        vErrors.push(err77);
                                    }
                                    errors++;
                                }
                                if (!pattern26.test(key0)) {
                                    const err78 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/$defs/envName/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*$" + "\"", schema: "^[A-Za-z_][A-Za-z0-9_]*$", parentSchema: schema50, data: key0, propertyName: key0 };
                                    if (vErrors === null) {
                                        vErrors = [err78];
                                    }
                                    else {
                                        vErrors.push(err78);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err79 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/$defs/envName/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.type, parentSchema: schema50, data: key0, propertyName: key0 };
                                if (vErrors === null) {
                                    vErrors = [err79];
                                }
                                else {
                                    vErrors.push(err79);
                                }
                                errors++;
                            }
                            var valid18 = _errs81 === errors;
                            if (!valid18) {
                                const err80 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/properties/runtime/properties/env/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema43.properties.runtime.properties.env.propertyNames, parentSchema: schema43.properties.runtime.properties.env, data: data25 };
                                if (vErrors === null) {
                                    vErrors = [err80];
                                }
                                else {
                                    vErrors.push(err80);
                                }
                                errors++;
                            }
                        }
                        for (const key1 in data25) {
                            let data26 = data25[key1];
                            if (((typeof data26 !== "string") && (!((typeof data26 == "number") && (isFinite(data26))))) && (typeof data26 !== "boolean")) {
                                const err81 = { instancePath: instancePath + "/runtime/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/runtime/properties/env/additionalProperties/type", keyword: "type", params: { type: schema43.properties.runtime.properties.env.additionalProperties.type }, message: "must be string,number,boolean", schema: schema43.properties.runtime.properties.env.additionalProperties.type, parentSchema: schema43.properties.runtime.properties.env.additionalProperties, data: data26 };
                                if (vErrors === null) {
                                    vErrors = [err81];
                                }
                                else {
                                    vErrors.push(err81);
                                }
                                errors++;
                            }
                            if (typeof data26 === "string") {
                                if (func1(data26) > 4096) {
                                    const err82 = { instancePath: instancePath + "/runtime/env/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/runtime/properties/env/additionalProperties/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.runtime.properties.env.additionalProperties, data: data26 };
                                    if (vErrors === null) {
                                        vErrors = [err82];
                                    }
                                    else {
                                        vErrors.push(err82);
                                    }
                                    errors++;
                                }
                            }
                        }
                    }
                    else {
                        const err83 = { instancePath: instancePath + "/runtime/env", schemaPath: "#/properties/runtime/properties/env/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.runtime.properties.env.type, parentSchema: schema43.properties.runtime.properties.env, data: data25 };
                        if (vErrors === null) {
                            vErrors = [err83];
                        }
                        else {
                            vErrors.push(err83);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err84 = { instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.runtime.type, parentSchema: schema43.properties.runtime, data: data22 };
                if (vErrors === null) {
                    vErrors = [err84];
                }
                else {
                    vErrors.push(err84);
                }
                errors++;
            }
        }
        if (data.artifact_sync !== undefined) {
            let data27 = data.artifact_sync;
            const _errs90 = errors;
            let valid21 = true;
            const _errs91 = errors;
            if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                let missing0;
                if ((data27.mode === undefined) && (missing0 = "mode")) {
                    const err85 = {};
                    if (vErrors === null) {
                        vErrors = [err85];
                    }
                    else {
                        vErrors.push(err85);
                    }
                    errors++;
                }
                else {
                    if (data27.mode !== undefined) {
                        if ("rsync" !== data27.mode) {
                            const err86 = {};
                            if (vErrors === null) {
                                vErrors = [err86];
                            }
                            else {
                                vErrors.push(err86);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid0 = _errs91 === errors;
            errors = _errs90;
            if (vErrors !== null) {
                if (_errs90) {
                    vErrors.length = _errs90;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid0) {
                const _errs93 = errors;
                if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                    if (data27.source === undefined) {
                        const err87 = { instancePath: instancePath + "/artifact_sync", schemaPath: "#/properties/artifact_sync/then/required", keyword: "required", params: { missingProperty: "source" }, message: "must have required property '" + "source" + "'", schema: schema43.properties.artifact_sync.then.required, parentSchema: schema43.properties.artifact_sync.then, data: data27 };
                        if (vErrors === null) {
                            vErrors = [err87];
                        }
                        else {
                            vErrors.push(err87);
                        }
                        errors++;
                    }
                }
                var _valid0 = _errs93 === errors;
                valid21 = _valid0;
            }
            if (!valid21) {
                const err88 = { instancePath: instancePath + "/artifact_sync", schemaPath: "#/properties/artifact_sync/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema", schema: schema43.properties.artifact_sync.if, parentSchema: schema43.properties.artifact_sync, data: data27 };
                if (vErrors === null) {
                    vErrors = [err88];
                }
                else {
                    vErrors.push(err88);
                }
                errors++;
            }
            if (data27 && typeof data27 == "object" && !Array.isArray(data27)) {
                if (data27.mode !== undefined) {
                    let data29 = data27.mode;
                    if (!((data29 === "shared") || (data29 === "rsync"))) {
                        const err89 = { instancePath: instancePath + "/artifact_sync/mode", schemaPath: "#/properties/artifact_sync/properties/mode/enum", keyword: "enum", params: { allowedValues: schema43.properties.artifact_sync.properties.mode.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.artifact_sync.properties.mode.enum, parentSchema: schema43.properties.artifact_sync.properties.mode, data: data29 };
                        if (vErrors === null) {
                            vErrors = [err89];
                        }
                        else {
                            vErrors.push(err89);
                        }
                        errors++;
                    }
                }
                if (data27.outputs !== undefined) {
                    let data30 = data27.outputs;
                    if (Array.isArray(data30)) {
                        if (data30.length > 256) {
                            const err90 = { instancePath: instancePath + "/artifact_sync/outputs", schemaPath: "#/properties/artifact_sync/properties/outputs/maxItems", keyword: "maxItems", params: { limit: 256 }, message: "must NOT have more than 256 items", schema: 256, parentSchema: schema43.properties.artifact_sync.properties.outputs, data: data30 };
                            if (vErrors === null) {
                                vErrors = [err90];
                            }
                            else {
                                vErrors.push(err90);
                            }
                            errors++;
                        }
                        const len3 = data30.length;
                        for (let i3 = 0; i3 < len3; i3++) {
                            let data31 = data30[i3];
                            if (typeof data31 === "string") {
                                if (func1(data31) > 1024) {
                                    const err91 = { instancePath: instancePath + "/artifact_sync/outputs/" + i3, schemaPath: "#/$defs/relativePath/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters", schema: 1024, parentSchema: schema51, data: data31 };
                                    if (vErrors === null) {
                                        vErrors = [err91];
                                    }
                                    else {
                                        vErrors.push(err91);
                                    }
                                    errors++;
                                }
                                if (func1(data31) < 1) {
                                    const err92 = { instancePath: instancePath + "/artifact_sync/outputs/" + i3, schemaPath: "#/$defs/relativePath/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema51, data: data31 };
                                    if (vErrors === null) {
                                        vErrors = [err92];
                                    }
                                    else {
                                        vErrors.push(err92);
                                    }
                                    errors++;
                                }
                                if (!pattern27.test(data31)) {
                                    const err93 = { instancePath: instancePath + "/artifact_sync/outputs/" + i3, schemaPath: "#/$defs/relativePath/pattern", keyword: "pattern", params: { pattern: "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$" }, message: "must match pattern \"" + "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$" + "\"", schema: "^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[^\\n\\r\\u0000]+$", parentSchema: schema51, data: data31 };
                                    if (vErrors === null) {
                                        vErrors = [err93];
                                    }
                                    else {
                                        vErrors.push(err93);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err94 = { instancePath: instancePath + "/artifact_sync/outputs/" + i3, schemaPath: "#/$defs/relativePath/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema51.type, parentSchema: schema51, data: data31 };
                                if (vErrors === null) {
                                    vErrors = [err94];
                                }
                                else {
                                    vErrors.push(err94);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err95 = { instancePath: instancePath + "/artifact_sync/outputs", schemaPath: "#/properties/artifact_sync/properties/outputs/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.artifact_sync.properties.outputs.type, parentSchema: schema43.properties.artifact_sync.properties.outputs, data: data30 };
                        if (vErrors === null) {
                            vErrors = [err95];
                        }
                        else {
                            vErrors.push(err95);
                        }
                        errors++;
                    }
                }
                if (data27.source !== undefined) {
                    let data32 = data27.source;
                    if (typeof data32 === "string") {
                        if (func1(data32) > 1024) {
                            const err96 = { instancePath: instancePath + "/artifact_sync/source", schemaPath: "#/properties/artifact_sync/properties/source/maxLength", keyword: "maxLength", params: { limit: 1024 }, message: "must NOT have more than 1024 characters", schema: 1024, parentSchema: schema43.properties.artifact_sync.properties.source, data: data32 };
                            if (vErrors === null) {
                                vErrors = [err96];
                            }
                            else {
                                vErrors.push(err96);
                            }
                            errors++;
                        }
                        if (func1(data32) < 1) {
                            const err97 = { instancePath: instancePath + "/artifact_sync/source", schemaPath: "#/properties/artifact_sync/properties/source/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema43.properties.artifact_sync.properties.source, data: data32 };
                            if (vErrors === null) {
                                vErrors = [err97];
                            }
                            else {
                                vErrors.push(err97);
                            }
                            errors++;
                        }
                        if (!pattern28.test(data32)) {
                            const err98 = { instancePath: instancePath + "/artifact_sync/source", schemaPath: "#/properties/artifact_sync/properties/source/pattern", keyword: "pattern", params: { pattern: "^[^\\s'\"`$;&|<>\\\\]+$" }, message: "must match pattern \"" + "^[^\\s'\"`$;&|<>\\\\]+$" + "\"", schema: "^[^\\s'\"`$;&|<>\\\\]+$", parentSchema: schema43.properties.artifact_sync.properties.source, data: data32 };
                            if (vErrors === null) {
                                vErrors = [err98];
                            }
                            else {
                                vErrors.push(err98);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err99 = { instancePath: instancePath + "/artifact_sync/source", schemaPath: "#/properties/artifact_sync/properties/source/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.artifact_sync.properties.source.type, parentSchema: schema43.properties.artifact_sync.properties.source, data: data32 };
                        if (vErrors === null) {
                            vErrors = [err99];
                        }
                        else {
                            vErrors.push(err99);
                        }
                        errors++;
                    }
                }
                if (data27.timeout_seconds !== undefined) {
                    let data33 = data27.timeout_seconds;
                    if (!(((typeof data33 == "number") && (!(data33 % 1) && !isNaN(data33))) && (isFinite(data33)))) {
                        const err100 = { instancePath: instancePath + "/artifact_sync/timeout_seconds", schemaPath: "#/properties/artifact_sync/properties/timeout_seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.artifact_sync.properties.timeout_seconds.type, parentSchema: schema43.properties.artifact_sync.properties.timeout_seconds, data: data33 };
                        if (vErrors === null) {
                            vErrors = [err100];
                        }
                        else {
                            vErrors.push(err100);
                        }
                        errors++;
                    }
                    if ((typeof data33 == "number") && (isFinite(data33))) {
                        if (data33 > 604800 || isNaN(data33)) {
                            const err101 = { instancePath: instancePath + "/artifact_sync/timeout_seconds", schemaPath: "#/properties/artifact_sync/properties/timeout_seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 604800 }, message: "must be <= 604800", schema: 604800, parentSchema: schema43.properties.artifact_sync.properties.timeout_seconds, data: data33 };
                            if (vErrors === null) {
                                vErrors = [err101];
                            }
                            else {
                                vErrors.push(err101);
                            }
                            errors++;
                        }
                        if (data33 < 1 || isNaN(data33)) {
                            const err102 = { instancePath: instancePath + "/artifact_sync/timeout_seconds", schemaPath: "#/properties/artifact_sync/properties/timeout_seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.artifact_sync.properties.timeout_seconds, data: data33 };
                            if (vErrors === null) {
                                vErrors = [err102];
                            }
                            else {
                                vErrors.push(err102);
                            }
                            errors++;
                        }
                    }
                }
                if (data27.retries !== undefined) {
                    let data34 = data27.retries;
                    if (!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))) {
                        const err103 = { instancePath: instancePath + "/artifact_sync/retries", schemaPath: "#/properties/artifact_sync/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.artifact_sync.properties.retries.type, parentSchema: schema43.properties.artifact_sync.properties.retries, data: data34 };
                        if (vErrors === null) {
                            vErrors = [err103];
                        }
                        else {
                            vErrors.push(err103);
                        }
                        errors++;
                    }
                    if ((typeof data34 == "number") && (isFinite(data34))) {
                        if (data34 > 20 || isNaN(data34)) {
                            const err104 = { instancePath: instancePath + "/artifact_sync/retries", schemaPath: "#/properties/artifact_sync/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 20 }, message: "must be <= 20", schema: 20, parentSchema: schema43.properties.artifact_sync.properties.retries, data: data34 };
                            if (vErrors === null) {
                                vErrors = [err104];
                            }
                            else {
                                vErrors.push(err104);
                            }
                            errors++;
                        }
                        if (data34 < 0 || isNaN(data34)) {
                            const err105 = { instancePath: instancePath + "/artifact_sync/retries", schemaPath: "#/properties/artifact_sync/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema43.properties.artifact_sync.properties.retries, data: data34 };
                            if (vErrors === null) {
                                vErrors = [err105];
                            }
                            else {
                                vErrors.push(err105);
                            }
                            errors++;
                        }
                    }
                }
            }
            else {
                const err106 = { instancePath: instancePath + "/artifact_sync", schemaPath: "#/properties/artifact_sync/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.artifact_sync.type, parentSchema: schema43.properties.artifact_sync, data: data27 };
                if (vErrors === null) {
                    vErrors = [err106];
                }
                else {
                    vErrors.push(err106);
                }
                errors++;
            }
        }
        if (data.entrypoint !== undefined) {
            let data35 = data.entrypoint;
            if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
                if (data35.module !== undefined) {
                    let data36 = data35.module;
                    if (typeof data36 === "string") {
                        if (func1(data36) > 256) {
                            const err107 = { instancePath: instancePath + "/entrypoint/module", schemaPath: "#/properties/entrypoint/properties/module/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.entrypoint.properties.module, data: data36 };
                            if (vErrors === null) {
                                vErrors = [err107];
                            }
                            else {
                                vErrors.push(err107);
                            }
                            errors++;
                        }
                        if (!pattern29.test(data36)) {
                            const err108 = { instancePath: instancePath + "/entrypoint/module", schemaPath: "#/properties/entrypoint/properties/module/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" + "\"", schema: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", parentSchema: schema43.properties.entrypoint.properties.module, data: data36 };
                            if (vErrors === null) {
                                vErrors = [err108];
                            }
                            else {
                                vErrors.push(err108);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err109 = { instancePath: instancePath + "/entrypoint/module", schemaPath: "#/properties/entrypoint/properties/module/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.entrypoint.properties.module.type, parentSchema: schema43.properties.entrypoint.properties.module, data: data36 };
                        if (vErrors === null) {
                            vErrors = [err109];
                        }
                        else {
                            vErrors.push(err109);
                        }
                        errors++;
                    }
                }
                if (data35.args !== undefined) {
                    let data37 = data35.args;
                    if (data37 && typeof data37 == "object" && !Array.isArray(data37)) {
                        if (Object.keys(data37).length > 256) {
                            const err110 = { instancePath: instancePath + "/entrypoint/args", schemaPath: "#/properties/entrypoint/properties/args/maxProperties", keyword: "maxProperties", params: { limit: 256 }, message: "must NOT have more than 256 properties", schema: 256, parentSchema: schema43.properties.entrypoint.properties.args, data: data37 };
                            if (vErrors === null) {
                                vErrors = [err110];
                            }
                            else {
                                vErrors.push(err110);
                            }
                            errors++;
                        }
                        for (const key2 in data37) {
                            const _errs115 = errors;
                            if (typeof key2 === "string") {
                                if (func1(key2) > 128) {
                                    const err111 = { instancePath: instancePath + "/entrypoint/args", schemaPath: "#/properties/entrypoint/properties/args/propertyNames/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema43.properties.entrypoint.properties.args.propertyNames, data: key2, propertyName: key2 };
                                    if (vErrors === null) {
                                        vErrors = [err111];
                                    }
                                    else {
                                        vErrors.push(err111);
                                    }
                                    errors++;
                                }
                                if (!pattern17.test(key2)) {
                                    const err112 = { instancePath: instancePath + "/entrypoint/args", schemaPath: "#/properties/entrypoint/properties/args/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]*$" + "\"", schema: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", parentSchema: schema43.properties.entrypoint.properties.args.propertyNames, data: key2, propertyName: key2 };
                                    if (vErrors === null) {
                                        vErrors = [err112];
                                    }
                                    else {
                                        vErrors.push(err112);
                                    }
                                    errors++;
                                }
                            }
                            var valid28 = _errs115 === errors;
                            if (!valid28) {
                                const err113 = { instancePath: instancePath + "/entrypoint/args", schemaPath: "#/properties/entrypoint/properties/args/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid", schema: schema43.properties.entrypoint.properties.args.propertyNames, parentSchema: schema43.properties.entrypoint.properties.args, data: data37 };
                                if (vErrors === null) {
                                    vErrors = [err113];
                                }
                                else {
                                    vErrors.push(err113);
                                }
                                errors++;
                            }
                        }
                        for (const key3 in data37) {
                            let data38 = data37[key3];
                            const _errs119 = errors;
                            let valid30 = false;
                            const _errs120 = errors;
                            if ((((typeof data38 !== "string") && (!((typeof data38 == "number") && (isFinite(data38))))) && (typeof data38 !== "boolean")) && (data38 !== null)) {
                                const err114 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/0/type", keyword: "type", params: { type: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[0].type }, message: "must be string,number,boolean,null", schema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[0].type, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[0], data: data38 };
                                if (vErrors === null) {
                                    vErrors = [err114];
                                }
                                else {
                                    vErrors.push(err114);
                                }
                                errors++;
                            }
                            if (typeof data38 === "string") {
                                if (func1(data38) > 4096) {
                                    const err115 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/0/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[0], data: data38 };
                                    if (vErrors === null) {
                                        vErrors = [err115];
                                    }
                                    else {
                                        vErrors.push(err115);
                                    }
                                    errors++;
                                }
                            }
                            var _valid1 = _errs120 === errors;
                            valid30 = valid30 || _valid1;
                            const _errs122 = errors;
                            if (Array.isArray(data38)) {
                                if (data38.length > 256) {
                                    const err116 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/1/maxItems", keyword: "maxItems", params: { limit: 256 }, message: "must NOT have more than 256 items", schema: 256, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1], data: data38 };
                                    if (vErrors === null) {
                                        vErrors = [err116];
                                    }
                                    else {
                                        vErrors.push(err116);
                                    }
                                    errors++;
                                }
                                const len4 = data38.length;
                                for (let i4 = 0; i4 < len4; i4++) {
                                    let data39 = data38[i4];
                                    if (((typeof data39 !== "string") && (!((typeof data39 == "number") && (isFinite(data39))))) && (typeof data39 !== "boolean")) {
                                        const err117 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i4, schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/1/items/type", keyword: "type", params: { type: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1].items.type }, message: "must be string,number,boolean", schema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1].items.type, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1].items, data: data39 };
                                        if (vErrors === null) {
                                            vErrors = [err117];
                                        }
                                        else {
                                            vErrors.push(err117);
                                        }
                                        errors++;
                                    }
                                    if (typeof data39 === "string") {
                                        if (func1(data39) > 4096) {
                                            const err118 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i4, schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/1/items/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1].items, data: data39 };
                                            if (vErrors === null) {
                                                vErrors = [err118];
                                            }
                                            else {
                                                vErrors.push(err118);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                            }
                            else {
                                const err119 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1].type, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf[1], data: data38 };
                                if (vErrors === null) {
                                    vErrors = [err119];
                                }
                                else {
                                    vErrors.push(err119);
                                }
                                errors++;
                            }
                            var _valid1 = _errs122 === errors;
                            valid30 = valid30 || _valid1;
                            if (!valid30) {
                                const err120 = { instancePath: instancePath + "/entrypoint/args/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/entrypoint/properties/args/additionalProperties/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema43.properties.entrypoint.properties.args.additionalProperties.anyOf, parentSchema: schema43.properties.entrypoint.properties.args.additionalProperties, data: data38 };
                                if (vErrors === null) {
                                    vErrors = [err120];
                                }
                                else {
                                    vErrors.push(err120);
                                }
                                errors++;
                            }
                            else {
                                errors = _errs119;
                                if (vErrors !== null) {
                                    if (_errs119) {
                                        vErrors.length = _errs119;
                                    }
                                    else {
                                        vErrors = null;
                                    }
                                }
                            }
                        }
                    }
                    else {
                        const err121 = { instancePath: instancePath + "/entrypoint/args", schemaPath: "#/properties/entrypoint/properties/args/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.entrypoint.properties.args.type, parentSchema: schema43.properties.entrypoint.properties.args, data: data37 };
                        if (vErrors === null) {
                            vErrors = [err121];
                        }
                        else {
                            vErrors.push(err121);
                        }
                        errors++;
                    }
                }
                if (data35.cli !== undefined) {
                    let data40 = data35.cli;
                    if (typeof data40 === "string") {
                        if (func1(data40) > 4096) {
                            const err122 = { instancePath: instancePath + "/entrypoint/cli", schemaPath: "#/properties/entrypoint/properties/cli/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.entrypoint.properties.cli, data: data40 };
                            if (vErrors === null) {
                                vErrors = [err122];
                            }
                            else {
                                vErrors.push(err122);
                            }
                            errors++;
                        }
                        if (func1(data40) < 1) {
                            const err123 = { instancePath: instancePath + "/entrypoint/cli", schemaPath: "#/properties/entrypoint/properties/cli/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema43.properties.entrypoint.properties.cli, data: data40 };
                            if (vErrors === null) {
                                vErrors = [err123];
                            }
                            else {
                                vErrors.push(err123);
                            }
                            errors++;
                        }
                        if (!pattern25.test(data40)) {
                            const err124 = { instancePath: instancePath + "/entrypoint/cli", schemaPath: "#/properties/entrypoint/properties/cli/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema43.properties.entrypoint.properties.cli, data: data40 };
                            if (vErrors === null) {
                                vErrors = [err124];
                            }
                            else {
                                vErrors.push(err124);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err125 = { instancePath: instancePath + "/entrypoint/cli", schemaPath: "#/properties/entrypoint/properties/cli/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.entrypoint.properties.cli.type, parentSchema: schema43.properties.entrypoint.properties.cli, data: data40 };
                        if (vErrors === null) {
                            vErrors = [err125];
                        }
                        else {
                            vErrors.push(err125);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err126 = { instancePath: instancePath + "/entrypoint", schemaPath: "#/properties/entrypoint/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.entrypoint.type, parentSchema: schema43.properties.entrypoint, data: data35 };
                if (vErrors === null) {
                    vErrors = [err126];
                }
                else {
                    vErrors.push(err126);
                }
                errors++;
            }
        }
        if (data.extract_parser !== undefined) {
            let data41 = data.extract_parser;
            const _errs133 = errors;
            let valid34 = true;
            const _errs134 = errors;
            if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                let missing1;
                if ((data41.kind === undefined) && (missing1 = "kind")) {
                    const err127 = {};
                    if (vErrors === null) {
                        vErrors = [err127];
                    }
                    else {
                        vErrors.push(err127);
                    }
                    errors++;
                }
                else {
                    if (data41.kind !== undefined) {
                        if ("command" !== data41.kind) {
                            const err128 = {};
                            if (vErrors === null) {
                                vErrors = [err128];
                            }
                            else {
                                vErrors.push(err128);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid2 = _errs134 === errors;
            errors = _errs133;
            if (vErrors !== null) {
                if (_errs133) {
                    vErrors.length = _errs133;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid2) {
                const _errs136 = errors;
                if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                    if (data41.command === undefined) {
                        const err129 = { instancePath: instancePath + "/extract_parser", schemaPath: "#/properties/extract_parser/allOf/0/then/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property '" + "command" + "'", schema: schema43.properties.extract_parser.allOf[0].then.required, parentSchema: schema43.properties.extract_parser.allOf[0].then, data: data41 };
                        if (vErrors === null) {
                            vErrors = [err129];
                        }
                        else {
                            vErrors.push(err129);
                        }
                        errors++;
                    }
                }
                var _valid2 = _errs136 === errors;
                valid34 = _valid2;
            }
            if (!valid34) {
                const err130 = { instancePath: instancePath + "/extract_parser", schemaPath: "#/properties/extract_parser/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema", schema: schema43.properties.extract_parser.allOf[0].if, parentSchema: schema43.properties.extract_parser.allOf[0], data: data41 };
                if (vErrors === null) {
                    vErrors = [err130];
                }
                else {
                    vErrors.push(err130);
                }
                errors++;
            }
            const _errs138 = errors;
            let valid36 = true;
            const _errs139 = errors;
            if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                let missing2;
                if ((data41.kind === undefined) && (missing2 = "kind")) {
                    const err131 = {};
                    if (vErrors === null) {
                        vErrors = [err131];
                    }
                    else {
                        vErrors.push(err131);
                    }
                    errors++;
                }
                else {
                    if (data41.kind !== undefined) {
                        if ("python" !== data41.kind) {
                            const err132 = {};
                            if (vErrors === null) {
                                vErrors = [err132];
                            }
                            else {
                                vErrors.push(err132);
                            }
                            errors++;
                        }
                    }
                }
            }
            var _valid3 = _errs139 === errors;
            errors = _errs138;
            if (vErrors !== null) {
                if (_errs138) {
                    vErrors.length = _errs138;
                }
                else {
                    vErrors = null;
                }
            }
            if (_valid3) {
                const _errs141 = errors;
                if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                    if (data41.module === undefined) {
                        const err133 = { instancePath: instancePath + "/extract_parser", schemaPath: "#/properties/extract_parser/allOf/1/then/required", keyword: "required", params: { missingProperty: "module" }, message: "must have required property '" + "module" + "'", schema: schema43.properties.extract_parser.allOf[1].then.required, parentSchema: schema43.properties.extract_parser.allOf[1].then, data: data41 };
                        if (vErrors === null) {
                            vErrors = [err133];
                        }
                        else {
                            vErrors.push(err133);
                        }
                        errors++;
                    }
                }
                var _valid3 = _errs141 === errors;
                valid36 = _valid3;
            }
            if (!valid36) {
                const err134 = { instancePath: instancePath + "/extract_parser", schemaPath: "#/properties/extract_parser/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: "must match \"then\" schema", schema: schema43.properties.extract_parser.allOf[1].if, parentSchema: schema43.properties.extract_parser.allOf[1], data: data41 };
                if (vErrors === null) {
                    vErrors = [err134];
                }
                else {
                    vErrors.push(err134);
                }
                errors++;
            }
            if (data41 && typeof data41 == "object" && !Array.isArray(data41)) {
                if (data41.kind !== undefined) {
                    let data44 = data41.kind;
                    if (!((data44 === "python") || (data44 === "command"))) {
                        const err135 = { instancePath: instancePath + "/extract_parser/kind", schemaPath: "#/properties/extract_parser/properties/kind/enum", keyword: "enum", params: { allowedValues: schema43.properties.extract_parser.properties.kind.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.extract_parser.properties.kind.enum, parentSchema: schema43.properties.extract_parser.properties.kind, data: data44 };
                        if (vErrors === null) {
                            vErrors = [err135];
                        }
                        else {
                            vErrors.push(err135);
                        }
                        errors++;
                    }
                }
                if (data41.module !== undefined) {
                    let data45 = data41.module;
                    if (typeof data45 === "string") {
                        if (func1(data45) > 256) {
                            const err136 = { instancePath: instancePath + "/extract_parser/module", schemaPath: "#/properties/extract_parser/properties/module/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.extract_parser.properties.module, data: data45 };
                            if (vErrors === null) {
                                vErrors = [err136];
                            }
                            else {
                                vErrors.push(err136);
                            }
                            errors++;
                        }
                        if (!pattern29.test(data45)) {
                            const err137 = { instancePath: instancePath + "/extract_parser/module", schemaPath: "#/properties/extract_parser/properties/module/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" + "\"", schema: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", parentSchema: schema43.properties.extract_parser.properties.module, data: data45 };
                            if (vErrors === null) {
                                vErrors = [err137];
                            }
                            else {
                                vErrors.push(err137);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err138 = { instancePath: instancePath + "/extract_parser/module", schemaPath: "#/properties/extract_parser/properties/module/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.extract_parser.properties.module.type, parentSchema: schema43.properties.extract_parser.properties.module, data: data45 };
                        if (vErrors === null) {
                            vErrors = [err138];
                        }
                        else {
                            vErrors.push(err138);
                        }
                        errors++;
                    }
                }
                if (data41.callable !== undefined) {
                    let data46 = data41.callable;
                    if (typeof data46 === "string") {
                        if (func1(data46) > 256) {
                            const err139 = { instancePath: instancePath + "/extract_parser/callable", schemaPath: "#/properties/extract_parser/properties/callable/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.extract_parser.properties.callable, data: data46 };
                            if (vErrors === null) {
                                vErrors = [err139];
                            }
                            else {
                                vErrors.push(err139);
                            }
                            errors++;
                        }
                        if (!pattern26.test(data46)) {
                            const err140 = { instancePath: instancePath + "/extract_parser/callable", schemaPath: "#/properties/extract_parser/properties/callable/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*$" + "\"", schema: "^[A-Za-z_][A-Za-z0-9_]*$", parentSchema: schema43.properties.extract_parser.properties.callable, data: data46 };
                            if (vErrors === null) {
                                vErrors = [err140];
                            }
                            else {
                                vErrors.push(err140);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err141 = { instancePath: instancePath + "/extract_parser/callable", schemaPath: "#/properties/extract_parser/properties/callable/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.extract_parser.properties.callable.type, parentSchema: schema43.properties.extract_parser.properties.callable, data: data46 };
                        if (vErrors === null) {
                            vErrors = [err141];
                        }
                        else {
                            vErrors.push(err141);
                        }
                        errors++;
                    }
                }
                if (data41.command !== undefined) {
                    let data47 = data41.command;
                    if (typeof data47 === "string") {
                        if (func1(data47) > 4096) {
                            const err142 = { instancePath: instancePath + "/extract_parser/command", schemaPath: "#/properties/extract_parser/properties/command/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema43.properties.extract_parser.properties.command, data: data47 };
                            if (vErrors === null) {
                                vErrors = [err142];
                            }
                            else {
                                vErrors.push(err142);
                            }
                            errors++;
                        }
                        if (func1(data47) < 1) {
                            const err143 = { instancePath: instancePath + "/extract_parser/command", schemaPath: "#/properties/extract_parser/properties/command/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema43.properties.extract_parser.properties.command, data: data47 };
                            if (vErrors === null) {
                                vErrors = [err143];
                            }
                            else {
                                vErrors.push(err143);
                            }
                            errors++;
                        }
                        if (!pattern25.test(data47)) {
                            const err144 = { instancePath: instancePath + "/extract_parser/command", schemaPath: "#/properties/extract_parser/properties/command/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema43.properties.extract_parser.properties.command, data: data47 };
                            if (vErrors === null) {
                                vErrors = [err144];
                            }
                            else {
                                vErrors.push(err144);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err145 = { instancePath: instancePath + "/extract_parser/command", schemaPath: "#/properties/extract_parser/properties/command/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.extract_parser.properties.command.type, parentSchema: schema43.properties.extract_parser.properties.command, data: data47 };
                        if (vErrors === null) {
                            vErrors = [err145];
                        }
                        else {
                            vErrors.push(err145);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err146 = { instancePath: instancePath + "/extract_parser", schemaPath: "#/properties/extract_parser/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.extract_parser.type, parentSchema: schema43.properties.extract_parser, data: data41 };
                if (vErrors === null) {
                    vErrors = [err146];
                }
                else {
                    vErrors.push(err146);
                }
                errors++;
            }
        }
        if (data.replicates !== undefined) {
            let data48 = data.replicates;
            const _errs153 = errors;
            let valid39 = false;
            let passing0 = null;
            const _errs154 = errors;
            if (!(((typeof data48 == "number") && (!(data48 % 1) && !isNaN(data48))) && (isFinite(data48)))) {
                const err147 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf/0/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.replicates.oneOf[0].type, parentSchema: schema43.properties.replicates.oneOf[0], data: data48 };
                if (vErrors === null) {
                    vErrors = [err147];
                }
                else {
                    vErrors.push(err147);
                }
                errors++;
            }
            if ((typeof data48 == "number") && (isFinite(data48))) {
                if (data48 > 1000 || isNaN(data48)) {
                    const err148 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf/0/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000 }, message: "must be <= 1000", schema: 1000, parentSchema: schema43.properties.replicates.oneOf[0], data: data48 };
                    if (vErrors === null) {
                        vErrors = [err148];
                    }
                    else {
                        vErrors.push(err148);
                    }
                    errors++;
                }
                if (data48 < 1 || isNaN(data48)) {
                    const err149 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf/0/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.replicates.oneOf[0], data: data48 };
                    if (vErrors === null) {
                        vErrors = [err149];
                    }
                    else {
                        vErrors.push(err149);
                    }
                    errors++;
                }
            }
            var _valid4 = _errs154 === errors;
            if (_valid4) {
                valid39 = true;
                passing0 = 0;
            }
            const _errs156 = errors;
            if (data48 && typeof data48 == "object" && !Array.isArray(data48)) {
                if (data48.count === undefined) {
                    const err150 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf/1/required", keyword: "required", params: { missingProperty: "count" }, message: "must have required property '" + "count" + "'", schema: schema43.properties.replicates.oneOf[1].required, parentSchema: schema43.properties.replicates.oneOf[1], data: data48 };
                    if (vErrors === null) {
                        vErrors = [err150];
                    }
                    else {
                        vErrors.push(err150);
                    }
                    errors++;
                }
                if (data48.count !== undefined) {
                    let data49 = data48.count;
                    if (!(((typeof data49 == "number") && (!(data49 % 1) && !isNaN(data49))) && (isFinite(data49)))) {
                        const err151 = { instancePath: instancePath + "/replicates/count", schemaPath: "#/properties/replicates/oneOf/1/properties/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema43.properties.replicates.oneOf[1].properties.count.type, parentSchema: schema43.properties.replicates.oneOf[1].properties.count, data: data49 };
                        if (vErrors === null) {
                            vErrors = [err151];
                        }
                        else {
                            vErrors.push(err151);
                        }
                        errors++;
                    }
                    if ((typeof data49 == "number") && (isFinite(data49))) {
                        if (data49 > 1000 || isNaN(data49)) {
                            const err152 = { instancePath: instancePath + "/replicates/count", schemaPath: "#/properties/replicates/oneOf/1/properties/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000 }, message: "must be <= 1000", schema: 1000, parentSchema: schema43.properties.replicates.oneOf[1].properties.count, data: data49 };
                            if (vErrors === null) {
                                vErrors = [err152];
                            }
                            else {
                                vErrors.push(err152);
                            }
                            errors++;
                        }
                        if (data49 < 1 || isNaN(data49)) {
                            const err153 = { instancePath: instancePath + "/replicates/count", schemaPath: "#/properties/replicates/oneOf/1/properties/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema43.properties.replicates.oneOf[1].properties.count, data: data49 };
                            if (vErrors === null) {
                                vErrors = [err153];
                            }
                            else {
                                vErrors.push(err153);
                            }
                            errors++;
                        }
                    }
                }
                if (data48.seed_strategy !== undefined) {
                    let data50 = data48.seed_strategy;
                    if (!(((data50 === "increment") || (data50 === "random")) || (data50 === "fixed"))) {
                        const err154 = { instancePath: instancePath + "/replicates/seed_strategy", schemaPath: "#/properties/replicates/oneOf/1/properties/seed_strategy/enum", keyword: "enum", params: { allowedValues: schema43.properties.replicates.oneOf[1].properties.seed_strategy.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.replicates.oneOf[1].properties.seed_strategy.enum, parentSchema: schema43.properties.replicates.oneOf[1].properties.seed_strategy, data: data50 };
                        if (vErrors === null) {
                            vErrors = [err154];
                        }
                        else {
                            vErrors.push(err154);
                        }
                        errors++;
                    }
                }
                if (data48.base_seed !== undefined) {
                    let data51 = data48.base_seed;
                    if ((!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))) && (data51 !== null)) {
                        const err155 = { instancePath: instancePath + "/replicates/base_seed", schemaPath: "#/properties/replicates/oneOf/1/properties/base_seed/type", keyword: "type", params: { type: schema43.properties.replicates.oneOf[1].properties.base_seed.type }, message: "must be integer,null", schema: schema43.properties.replicates.oneOf[1].properties.base_seed.type, parentSchema: schema43.properties.replicates.oneOf[1].properties.base_seed, data: data51 };
                        if (vErrors === null) {
                            vErrors = [err155];
                        }
                        else {
                            vErrors.push(err155);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err156 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.replicates.oneOf[1].type, parentSchema: schema43.properties.replicates.oneOf[1], data: data48 };
                if (vErrors === null) {
                    vErrors = [err156];
                }
                else {
                    vErrors.push(err156);
                }
                errors++;
            }
            var _valid4 = _errs156 === errors;
            if (_valid4 && valid39) {
                valid39 = false;
                passing0 = [passing0, 1];
            }
            else {
                if (_valid4) {
                    valid39 = true;
                    passing0 = 1;
                    var props0 = {};
                    props0.count = true;
                    props0.seed_strategy = true;
                    props0.base_seed = true;
                }
            }
            if (!valid39) {
                const err157 = { instancePath: instancePath + "/replicates", schemaPath: "#/properties/replicates/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf", schema: schema43.properties.replicates.oneOf, parentSchema: schema43.properties.replicates, data: data48 };
                if (vErrors === null) {
                    vErrors = [err157];
                }
                else {
                    vErrors.push(err157);
                }
                errors++;
            }
            else {
                errors = _errs153;
                if (vErrors !== null) {
                    if (_errs153) {
                        vErrors.length = _errs153;
                    }
                    else {
                        vErrors = null;
                    }
                }
            }
        }
        if (data.sweep !== undefined) {
            let data52 = data.sweep;
            if (data52 && typeof data52 == "object" && !Array.isArray(data52)) {
                if (data52.grid !== undefined) {
                    let data53 = data52.grid;
                    if (data53 && typeof data53 == "object" && !Array.isArray(data53)) {
                        for (const key4 in data53) {
                            let data54 = data53[key4];
                            if (Array.isArray(data54)) {
                                const len5 = data54.length;
                                for (let i5 = 0; i5 < len5; i5++) {
                                    let data55 = data54[i5];
                                    if (((typeof data55 !== "string") && (!((typeof data55 == "number") && (isFinite(data55))))) && (typeof data55 !== "boolean")) {
                                        const err158 = { instancePath: instancePath + "/sweep/grid/" + key4.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i5, schemaPath: "#/properties/sweep/properties/grid/additionalProperties/items/type", keyword: "type", params: { type: schema43.properties.sweep.properties.grid.additionalProperties.items.type }, message: "must be string,number,boolean", schema: schema43.properties.sweep.properties.grid.additionalProperties.items.type, parentSchema: schema43.properties.sweep.properties.grid.additionalProperties.items, data: data55 };
                                        if (vErrors === null) {
                                            vErrors = [err158];
                                        }
                                        else {
                                            vErrors.push(err158);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err159 = { instancePath: instancePath + "/sweep/grid/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/sweep/properties/grid/additionalProperties/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.sweep.properties.grid.additionalProperties.type, parentSchema: schema43.properties.sweep.properties.grid.additionalProperties, data: data54 };
                                if (vErrors === null) {
                                    vErrors = [err159];
                                }
                                else {
                                    vErrors.push(err159);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err160 = { instancePath: instancePath + "/sweep/grid", schemaPath: "#/properties/sweep/properties/grid/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.sweep.properties.grid.type, parentSchema: schema43.properties.sweep.properties.grid, data: data53 };
                        if (vErrors === null) {
                            vErrors = [err160];
                        }
                        else {
                            vErrors.push(err160);
                        }
                        errors++;
                    }
                }
                if (data52.points !== undefined) {
                    let data56 = data52.points;
                    if (Array.isArray(data56)) {
                        const len6 = data56.length;
                        for (let i6 = 0; i6 < len6; i6++) {
                            let data57 = data56[i6];
                            if (data57 && typeof data57 == "object" && !Array.isArray(data57)) {
                                for (const key5 in data57) {
                                    let data58 = data57[key5];
                                    if (((typeof data58 !== "string") && (!((typeof data58 == "number") && (isFinite(data58))))) && (typeof data58 !== "boolean")) {
                                        const err161 = { instancePath: instancePath + "/sweep/points/" + i6 + "/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/sweep/properties/points/items/additionalProperties/type", keyword: "type", params: { type: schema43.properties.sweep.properties.points.items.additionalProperties.type }, message: "must be string,number,boolean", schema: schema43.properties.sweep.properties.points.items.additionalProperties.type, parentSchema: schema43.properties.sweep.properties.points.items.additionalProperties, data: data58 };
                                        if (vErrors === null) {
                                            vErrors = [err161];
                                        }
                                        else {
                                            vErrors.push(err161);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err162 = { instancePath: instancePath + "/sweep/points/" + i6, schemaPath: "#/properties/sweep/properties/points/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.sweep.properties.points.items.type, parentSchema: schema43.properties.sweep.properties.points.items, data: data57 };
                                if (vErrors === null) {
                                    vErrors = [err162];
                                }
                                else {
                                    vErrors.push(err162);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err163 = { instancePath: instancePath + "/sweep/points", schemaPath: "#/properties/sweep/properties/points/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema43.properties.sweep.properties.points.type, parentSchema: schema43.properties.sweep.properties.points, data: data56 };
                        if (vErrors === null) {
                            vErrors = [err163];
                        }
                        else {
                            vErrors.push(err163);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err164 = { instancePath: instancePath + "/sweep", schemaPath: "#/properties/sweep/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.sweep.type, parentSchema: schema43.properties.sweep, data: data52 };
                if (vErrors === null) {
                    vErrors = [err164];
                }
                else {
                    vErrors.push(err164);
                }
                errors++;
            }
        }
        if (data.metrics !== undefined) {
            let data59 = data.metrics;
            if (data59 && typeof data59 == "object" && !Array.isArray(data59)) {
                if (data59.aggregation !== undefined) {
                    let data60 = data59.aggregation;
                    if (!((data60 === "mean") || (data60 === "median"))) {
                        const err165 = { instancePath: instancePath + "/metrics/aggregation", schemaPath: "#/properties/metrics/properties/aggregation/enum", keyword: "enum", params: { allowedValues: schema43.properties.metrics.properties.aggregation.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.metrics.properties.aggregation.enum, parentSchema: schema43.properties.metrics.properties.aggregation, data: data60 };
                        if (vErrors === null) {
                            vErrors = [err165];
                        }
                        else {
                            vErrors.push(err165);
                        }
                        errors++;
                    }
                }
                if (data59.primary !== undefined) {
                    let data61 = data59.primary;
                    const _errs183 = errors;
                    let valid49 = false;
                    let passing1 = null;
                    const _errs184 = errors;
                    if (typeof data61 === "string") {
                        if (func1(data61) > 256) {
                            const err166 = { instancePath: instancePath + "/metrics/primary", schemaPath: "#/properties/metrics/properties/primary/oneOf/0/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.metrics.properties.primary.oneOf[0], data: data61 };
                            if (vErrors === null) {
                                vErrors = [err166];
                            }
                            else {
                                vErrors.push(err166);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err167 = { instancePath: instancePath + "/metrics/primary", schemaPath: "#/properties/metrics/properties/primary/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.metrics.properties.primary.oneOf[0].type, parentSchema: schema43.properties.metrics.properties.primary.oneOf[0], data: data61 };
                        if (vErrors === null) {
                            vErrors = [err167];
                        }
                        else {
                            vErrors.push(err167);
                        }
                        errors++;
                    }
                    var _valid5 = _errs184 === errors;
                    if (_valid5) {
                        valid49 = true;
                        passing1 = 0;
                    }
                    const _errs186 = errors;
                    if (data61 && typeof data61 == "object" && !Array.isArray(data61)) {
                        if (data61.name === undefined) {
                            const err168 = { instancePath: instancePath + "/metrics/primary", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema43.properties.metrics.properties.primary.oneOf[1].required, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1], data: data61 };
                            if (vErrors === null) {
                                vErrors = [err168];
                            }
                            else {
                                vErrors.push(err168);
                            }
                            errors++;
                        }
                        if (data61.name !== undefined) {
                            let data62 = data61.name;
                            if (typeof data62 === "string") {
                                if (func1(data62) > 256) {
                                    const err169 = { instancePath: instancePath + "/metrics/primary/name", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/properties/name/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1].properties.name, data: data62 };
                                    if (vErrors === null) {
                                        vErrors = [err169];
                                    }
                                    else {
                                        vErrors.push(err169);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err170 = { instancePath: instancePath + "/metrics/primary/name", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.metrics.properties.primary.oneOf[1].properties.name.type, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1].properties.name, data: data62 };
                                if (vErrors === null) {
                                    vErrors = [err170];
                                }
                                else {
                                    vErrors.push(err170);
                                }
                                errors++;
                            }
                        }
                        if (data61.unit !== undefined) {
                            let data63 = data61.unit;
                            if (typeof data63 === "string") {
                                if (func1(data63) > 256) {
                                    const err171 = { instancePath: instancePath + "/metrics/primary/unit", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/properties/unit/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1].properties.unit, data: data63 };
                                    if (vErrors === null) {
                                        vErrors = [err171];
                                    }
                                    else {
                                        vErrors.push(err171);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err172 = { instancePath: instancePath + "/metrics/primary/unit", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/properties/unit/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema43.properties.metrics.properties.primary.oneOf[1].properties.unit.type, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1].properties.unit, data: data63 };
                                if (vErrors === null) {
                                    vErrors = [err172];
                                }
                                else {
                                    vErrors.push(err172);
                                }
                                errors++;
                            }
                        }
                        if (data61.mode !== undefined) {
                            let data64 = data61.mode;
                            if (!((data64 === "maximize") || (data64 === "minimize"))) {
                                const err173 = { instancePath: instancePath + "/metrics/primary/mode", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/properties/mode/enum", keyword: "enum", params: { allowedValues: schema43.properties.metrics.properties.primary.oneOf[1].properties.mode.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.metrics.properties.primary.oneOf[1].properties.mode.enum, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1].properties.mode, data: data64 };
                                if (vErrors === null) {
                                    vErrors = [err173];
                                }
                                else {
                                    vErrors.push(err173);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err174 = { instancePath: instancePath + "/metrics/primary", schemaPath: "#/properties/metrics/properties/primary/oneOf/1/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.metrics.properties.primary.oneOf[1].type, parentSchema: schema43.properties.metrics.properties.primary.oneOf[1], data: data61 };
                        if (vErrors === null) {
                            vErrors = [err174];
                        }
                        else {
                            vErrors.push(err174);
                        }
                        errors++;
                    }
                    var _valid5 = _errs186 === errors;
                    if (_valid5 && valid49) {
                        valid49 = false;
                        passing1 = [passing1, 1];
                    }
                    else {
                        if (_valid5) {
                            valid49 = true;
                            passing1 = 1;
                            var props1 = {};
                            props1.name = true;
                            props1.unit = true;
                            props1.mode = true;
                        }
                    }
                    if (!valid49) {
                        const err175 = { instancePath: instancePath + "/metrics/primary", schemaPath: "#/properties/metrics/properties/primary/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf", schema: schema43.properties.metrics.properties.primary.oneOf, parentSchema: schema43.properties.metrics.properties.primary, data: data61 };
                        if (vErrors === null) {
                            vErrors = [err175];
                        }
                        else {
                            vErrors.push(err175);
                        }
                        errors++;
                    }
                    else {
                        errors = _errs183;
                        if (vErrors !== null) {
                            if (_errs183) {
                                vErrors.length = _errs183;
                            }
                            else {
                                vErrors = null;
                            }
                        }
                    }
                }
                if (data59.goal !== undefined) {
                    let data65 = data59.goal;
                    if (!((data65 === "maximize") || (data65 === "minimize"))) {
                        const err176 = { instancePath: instancePath + "/metrics/goal", schemaPath: "#/properties/metrics/properties/goal/enum", keyword: "enum", params: { allowedValues: schema43.properties.metrics.properties.goal.enum }, message: "must be equal to one of the allowed values", schema: schema43.properties.metrics.properties.goal.enum, parentSchema: schema43.properties.metrics.properties.goal, data: data65 };
                        if (vErrors === null) {
                            vErrors = [err176];
                        }
                        else {
                            vErrors.push(err176);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err177 = { instancePath: instancePath + "/metrics", schemaPath: "#/properties/metrics/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.properties.metrics.type, parentSchema: schema43.properties.metrics, data: data59 };
                if (vErrors === null) {
                    vErrors = [err177];
                }
                else {
                    vErrors.push(err177);
                }
                errors++;
            }
        }
    }
    else {
        const err178 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema43.type, parentSchema: schema43, data };
        if (vErrors === null) {
            vErrors = [err178];
        }
        else {
            vErrors.push(err178);
        }
        errors++;
    }
    validate21.errors = vErrors;
    return errors === 0;
}
validate21.evaluated = { "props": { "id": true, "iteration_id": true, "compute": true, "runtime": true, "artifact_sync": true, "entrypoint": true, "extract_parser": true, "replicates": true, "sweep": true, "metrics": true }, "dynamicProps": false, "dynamicItems": false };
const policy = validate22;
const schema52 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://autolab-slurm.dev/schemas/verifier_policy.schema.json", "title": "Verifier policy (.autolab/verifier_policy.yaml)", "description": "Which checks each stage requires and how the stages behave. The effective policy is the built-in defaults, then the preset named in policy_resolution.default_preset, then this file. Keys not listed here are allowed (the Python tool's policy files carry more).", "type": "object", "properties": { "python_bin": { "description": "Python interpreter used for python entrypoints and parsers.", "$ref": "#/$defs/commandLine" }, "dry_run_command": { "description": "Command run by the dry_run check; placeholders {{python_bin}}, {{iteration_id}}, {{iteration_path}}.", "$ref": "#/$defs/commandLine" }, "test_command": { "description": "Command run by the tests check; same placeholders as dry_run_command.", "$ref": "#/$defs/commandLine" }, "requirements_by_stage": { "description": "Per stage, which check categories (tests, dry_run, schema, consistency, env_smoke, ...) must pass.", "type": "object", "propertyNames": { "$ref": "#/$defs/name" }, "additionalProperties": { "type": "object", "propertyNames": { "$ref": "#/$defs/name" }, "additionalProperties": { "type": "boolean" } } }, "launch": { "description": "Behaviour of the launch stage.", "type": "object", "properties": { "submit_timeout_seconds": { "$ref": "#/$defs/seconds" }, "submit_retries": { "type": "integer", "minimum": 0, "maximum": 20 }, "retry_backoff_seconds": { "$ref": "#/$defs/seconds" }, "check_timeout_seconds": { "$ref": "#/$defs/seconds" }, "work_root": { "description": "Absolute directory outside the checkout where launch makes a git worktree snapshot per SLURM run (<work_root>/<run_id>) for the job to run in.", "type": "string", "minLength": 1, "maxLength": 4096 }, "job_user": { "description": "SLURM only: submit (and cancel) every job as this less privileged user with `sudo -n -u <job_user> --`, from a snapshot without .git that the job user owns in launch.work_root, so the job cannot reach the runner's checkout, .git, tokens or files. Needs launch.work_root (writable by the job user) and a sudoers rule for the runner's account (autolab doctor prints it).", "type": "string", "pattern": "^[a-z_][a-z0-9_-]{0,31}$" }, "max_array_size": { "description": "Sweeps: the most tasks in one SLURM job array; a larger sweep is split into several arrays (the cluster's MaxArraySize applies too).", "type": "integer", "minimum": 1, "maximum": 1000000 }, "max_sweep_tasks": { "description": "Sweeps: the most tasks (points x replicates) one sweep may have (default 10000).", "type": "integer", "minimum": 1, "maximum": 1000000 } } }, "slurm": { "description": "SLURM specifics.", "type": "object", "properties": { "monitor": { "type": "object", "properties": { "poll_failure_escalation_ticks": { "type": "integer", "minimum": 1, "maximum": 10000 }, "unknown_grace_seconds": { "type": "integer", "minimum": 0, "maximum": 31536000 }, "sacct_lookback_days": { "type": "integer", "minimum": 1, "maximum": 3650 }, "client_timeout_seconds": { "$ref": "#/$defs/seconds" }, "max_pending": { "description": "A job pending longer than this (since it was submitted, or requeued) is cancelled and its run failed with reason pending_timeout, e.g. 2d. Unset: no limit.", "$ref": "#/$defs/span" }, "min_question_interval_seconds": { "description": "The floor: autolab watch never asks the scheduler more often than this (default 60).", "$ref": "#/$defs/seconds" }, "watch": { "description": "autolab watch's clock.", "type": "object", "properties": { "local_check_seconds": { "description": "How often the watcher reads the sentinels of runs in flight (no scheduler call; default 5).", "$ref": "#/$defs/seconds" }, "ending_interval_seconds": { "description": "Interval between scheduler questions while runs are ending (default: the floor).", "$ref": "#/$defs/seconds" }, "running_interval_seconds": { "description": "Interval while a job runs (default 300).", "$ref": "#/$defs/seconds" }, "pending_interval_seconds": { "description": "Interval while every job waits or nothing is in flight (default 900).", "$ref": "#/$defs/seconds" }, "time_limit": { "description": "How long one watcher lives before it dispatches its successor and exits (default 5h50m; keep it under the job's timeout-minutes).", "$ref": "#/$defs/span" } } }, "notify": { "description": "What a failed run does.", "type": "object", "properties": { "fail_job": { "description": "A run that failed fails the monitor's (and the watcher's) job, naming the runs, so GitHub notifies (default true).", "type": "boolean" }, "tracking_issue": { "description": "Issue number to comment on, once per failed run.", "type": "integer", "minimum": 1 } } }, "retention": { "description": "Clean-up the monitor does after a tick.", "type": "object", "properties": { "gc_older_than": { "description": "The monitor runs autolab gc for runs finished, synced and pushed longer ago than this (e.g. 14d). Unset: no clean-up.", "$ref": "#/$defs/span" } } }, "efficiency_hint_below": { "description": "An ended job that used under this share of what it asked for (memory, CPU, time, GPU) gets a right-sizing hint in its manifest's efficiency, the check run and the summaries (default 0.5).", "type": "number", "exclusiveMinimum": 0, "maximum": 1 }, "runaway_lost_after_seconds": { "type": "integer", "minimum": 1, "maximum": 31536000 } } }, "submit": { "description": "How jobs are submitted.", "type": "object", "properties": { "pass_env": { "description": "SBATCH_* / SLURM_* variables of the runner's environment to pass to sbatch (every other SBATCH_* variable and SLURM_CLUSTERS is removed from sbatch's environment). Each one present is passed and recorded in the run's manifest (slurm.passed_env); one that would redirect or unbind the job (SBATCH_CLUSTERS, SLURM_CLUSTERS, SBATCH_JOB_NAME, SBATCH_OUTPUT, SBATCH_ERROR, SBATCH_ARRAY_INX, SBATCH_EXPORT, SBATCH_WAIT) is refused. Not with launch.job_user (sudo resets the environment).", "type": "array", "maxItems": 64, "uniqueItems": true, "items": { "type": "string", "maxLength": 128, "allOf": [{ "pattern": "^(SBATCH|SLURM)_[A-Z0-9_]+$", "x-message": "must be the name of an SBATCH_* or SLURM_* variable, such as SBATCH_ACCOUNT" }, { "not": { "enum": ["SBATCH_CLUSTERS", "SLURM_CLUSTERS"] }, "x-message": "must not choose the cluster: set compute.cluster in design.yaml instead (the monitor, cancel and adoption then ask that cluster with -M)" }, { "not": { "enum": ["SBATCH_JOB_NAME", "SBATCH_OUTPUT", "SBATCH_ERROR", "SBATCH_ARRAY_INX", "SBATCH_EXPORT", "SBATCH_WAIT"] }, "x-message": "must not set what the tool controls itself (the job name that ties a job to its run, the log paths, a sweep's array, the job's environment, sbatch returning at once)" }] } } } }, "artifact_sync": { "description": "Default artifact sync settings; design.yaml artifact_sync overrides them.", "type": "object", "properties": { "mode": { "enum": ["shared", "rsync"] }, "timeout_seconds": { "$ref": "#/$defs/seconds" }, "retries": { "type": "integer", "minimum": 0, "maximum": 20 } } } } }, "extract_results": { "description": "Behaviour of the extract stage.", "type": "object", "properties": { "timeout_seconds": { "$ref": "#/$defs/seconds" }, "require_metrics": { "type": "boolean" } } }, "agent_runner": { "type": "object", "properties": { "edit_scope": { "type": "object", "properties": { "mode": { "description": "Which files an agent may edit, e.g. iteration_only or iteration_plus_core.", "$ref": "#/$defs/name" } } } } }, "autorun": { "type": "object", "properties": { "todo_fallback": { "type": "object", "properties": { "slurm": { "type": "object", "properties": { "stage": { "description": "Stage to fall back to when a SLURM iteration has nothing to do.", "$ref": "state.schema.json#/properties/stage" } } } } } } }, "policy_resolution": { "description": "How this file was assembled; default_preset names the preset applied below it.", "type": "object", "properties": { "default_preset": { "$ref": "#/$defs/name" } } } }, "$defs": { "name": { "type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_.-]+$", "x-message": "must be a name made of letters, digits and _ . -" }, "commandLine": { "type": "string", "maxLength": 4096, "pattern": "^[^\\n\\r\\u0000]*$", "x-message": "must be a single command line (no line breaks)" }, "seconds": { "type": "integer", "minimum": 1, "maximum": 31536000 }, "span": { "description": "A span: seconds, or e.g. 5h50m, 14d (units w d h m s, in that order).", "oneOf": [{ "$ref": "#/$defs/seconds" }, { "type": "string", "pattern": "^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$", "minLength": 1, "maxLength": 32 }] } } };
const schema53 = { "type": "string", "maxLength": 4096, "pattern": "^[^\\n\\r\\u0000]*$", "x-message": "must be a single command line (no line breaks)" };
const schema56 = { "type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_.-]+$", "x-message": "must be a name made of letters, digits and _ . -" };
const schema58 = { "type": "integer", "minimum": 1, "maximum": 31536000 };
const schema74 = { "description": "The stage the loop is in.", "enum": ["hypothesis", "design", "implementation", "implementation_review", "launch", "slurm_monitor", "extract_results", "update_docs", "decide_repeat", "human_review", "stop"] };
const pattern38 = new RegExp("^[A-Za-z0-9_.-]+$", "u");
const pattern40 = new RegExp("^[a-z_][a-z0-9_-]{0,31}$", "u");
const schema62 = { "description": "A span: seconds, or e.g. 5h50m, 14d (units w d h m s, in that order).", "oneOf": [{ "$ref": "#/$defs/seconds" }, { "type": "string", "pattern": "^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$", "minLength": 1, "maxLength": 32 }] };
const pattern41 = new RegExp("^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$", "u");
function validate23(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate23.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    const _errs0 = errors;
    let valid0 = false;
    let passing0 = null;
    const _errs1 = errors;
    if (!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))) {
        const err0 = { instancePath, schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data };
        if (vErrors === null) {
            vErrors = [err0];
        }
        else {
            vErrors.push(err0);
        }
        errors++;
    }
    if ((typeof data == "number") && (isFinite(data))) {
        if (data > 31536000 || isNaN(data)) {
            const err1 = { instancePath, schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        if (data < 1 || isNaN(data)) {
            const err2 = { instancePath, schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data };
            if (vErrors === null) {
                vErrors = [err2];
            }
            else {
                vErrors.push(err2);
            }
            errors++;
        }
    }
    var _valid0 = _errs1 === errors;
    if (_valid0) {
        valid0 = true;
        passing0 = 0;
    }
    const _errs4 = errors;
    if (typeof data === "string") {
        if (func1(data) > 32) {
            const err3 = { instancePath, schemaPath: "#/oneOf/1/maxLength", keyword: "maxLength", params: { limit: 32 }, message: "must NOT have more than 32 characters", schema: 32, parentSchema: schema62.oneOf[1], data };
            if (vErrors === null) {
                vErrors = [err3];
            }
            else {
                vErrors.push(err3);
            }
            errors++;
        }
        if (func1(data) < 1) {
            const err4 = { instancePath, schemaPath: "#/oneOf/1/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema62.oneOf[1], data };
            if (vErrors === null) {
                vErrors = [err4];
            }
            else {
                vErrors.push(err4);
            }
            errors++;
        }
        if (!pattern41.test(data)) {
            const err5 = { instancePath, schemaPath: "#/oneOf/1/pattern", keyword: "pattern", params: { pattern: "^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$" }, message: "must match pattern \"" + "^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$" + "\"", schema: "^\\s*(\\d+|(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?)\\s*$", parentSchema: schema62.oneOf[1], data };
            if (vErrors === null) {
                vErrors = [err5];
            }
            else {
                vErrors.push(err5);
            }
            errors++;
        }
    }
    else {
        const err6 = { instancePath, schemaPath: "#/oneOf/1/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema62.oneOf[1].type, parentSchema: schema62.oneOf[1], data };
        if (vErrors === null) {
            vErrors = [err6];
        }
        else {
            vErrors.push(err6);
        }
        errors++;
    }
    var _valid0 = _errs4 === errors;
    if (_valid0 && valid0) {
        valid0 = false;
        passing0 = [passing0, 1];
    }
    else {
        if (_valid0) {
            valid0 = true;
            passing0 = 1;
        }
    }
    if (!valid0) {
        const err7 = { instancePath, schemaPath: "#/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf", schema: schema62.oneOf, parentSchema: schema62, data };
        if (vErrors === null) {
            vErrors = [err7];
        }
        else {
            vErrors.push(err7);
        }
        errors++;
    }
    else {
        errors = _errs0;
        if (vErrors !== null) {
            if (_errs0) {
                vErrors.length = _errs0;
            }
            else {
                vErrors = null;
            }
        }
    }
    validate23.errors = vErrors;
    return errors === 0;
}
validate23.evaluated = { "dynamicProps": false, "dynamicItems": false };
function validate22(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    /*# sourceURL="https://autolab-slurm.dev/schemas/verifier_policy.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate22.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.python_bin !== undefined) {
            let data0 = data.python_bin;
            if (typeof data0 === "string") {
                if (func1(data0) > 4096) {
                    const err0 = { instancePath: instancePath + "/python_bin", schemaPath: "#/$defs/commandLine/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema53, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err0];
                    }
                    else {
                        vErrors.push(err0);
                    }
                    errors++;
                }
                if (!pattern25.test(data0)) {
                    const err1 = { instancePath: instancePath + "/python_bin", schemaPath: "#/$defs/commandLine/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema53, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err1];
                    }
                    else {
                        vErrors.push(err1);
                    }
                    errors++;
                }
            }
            else {
                const err2 = { instancePath: instancePath + "/python_bin", schemaPath: "#/$defs/commandLine/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema53.type, parentSchema: schema53, data: data0 };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        if (data.dry_run_command !== undefined) {
            let data1 = data.dry_run_command;
            if (typeof data1 === "string") {
                if (func1(data1) > 4096) {
                    const err3 = { instancePath: instancePath + "/dry_run_command", schemaPath: "#/$defs/commandLine/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema53, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
                if (!pattern25.test(data1)) {
                    const err4 = { instancePath: instancePath + "/dry_run_command", schemaPath: "#/$defs/commandLine/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema53, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            else {
                const err5 = { instancePath: instancePath + "/dry_run_command", schemaPath: "#/$defs/commandLine/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema53.type, parentSchema: schema53, data: data1 };
                if (vErrors === null) {
                    vErrors = [err5];
                }
                else {
                    vErrors.push(err5);
                }
                errors++;
            }
        }
        if (data.test_command !== undefined) {
            let data2 = data.test_command;
            if (typeof data2 === "string") {
                if (func1(data2) > 4096) {
                    const err6 = { instancePath: instancePath + "/test_command", schemaPath: "#/$defs/commandLine/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema53, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
                if (!pattern25.test(data2)) {
                    const err7 = { instancePath: instancePath + "/test_command", schemaPath: "#/$defs/commandLine/pattern", keyword: "pattern", params: { pattern: "^[^\\n\\r\\u0000]*$" }, message: "must match pattern \"" + "^[^\\n\\r\\u0000]*$" + "\"", schema: "^[^\\n\\r\\u0000]*$", parentSchema: schema53, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err7];
                    }
                    else {
                        vErrors.push(err7);
                    }
                    errors++;
                }
            }
            else {
                const err8 = { instancePath: instancePath + "/test_command", schemaPath: "#/$defs/commandLine/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema53.type, parentSchema: schema53, data: data2 };
                if (vErrors === null) {
                    vErrors = [err8];
                }
                else {
                    vErrors.push(err8);
                }
                errors++;
            }
        }
        if (data.requirements_by_stage !== undefined) {
            let data3 = data.requirements_by_stage;
            if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                for (const key0 in data3) {
                    const _errs15 = errors;
                    if (typeof key0 === "string") {
                        if (func1(key0) > 128) {
                            const err9 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema56, data: key0, propertyName: key0 };
                            if (vErrors === null) {
                                vErrors = [err9];
                            }
                            else {
                                vErrors.push(err9);
                            }
                            errors++;
                        }
                        if (func1(key0) < 1) {
                            const err10 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema56, data: key0, propertyName: key0 };
                            if (vErrors === null) {
                                vErrors = [err10];
                            }
                            else {
                                vErrors.push(err10);
                            }
                            errors++;
                        }
                        if (!pattern38.test(key0)) {
                            const err11 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"", schema: "^[A-Za-z0-9_.-]+$", parentSchema: schema56, data: key0, propertyName: key0 };
                            if (vErrors === null) {
                                vErrors = [err11];
                            }
                            else {
                                vErrors.push(err11);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err12 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.type, parentSchema: schema56, data: key0, propertyName: key0 };
                        if (vErrors === null) {
                            vErrors = [err12];
                        }
                        else {
                            vErrors.push(err12);
                        }
                        errors++;
                    }
                    var valid4 = _errs15 === errors;
                    if (!valid4) {
                        const err13 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/properties/requirements_by_stage/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema52.properties.requirements_by_stage.propertyNames, parentSchema: schema52.properties.requirements_by_stage, data: data3 };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                }
                for (const key1 in data3) {
                    let data4 = data3[key1];
                    if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                        for (const key2 in data4) {
                            const _errs22 = errors;
                            if (typeof key2 === "string") {
                                if (func1(key2) > 128) {
                                    const err14 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema56, data: key2, propertyName: key2 };
                                    if (vErrors === null) {
                                        vErrors = [err14];
                                    }
                                    else {
                                        vErrors.push(err14);
                                    }
                                    errors++;
                                }
                                if (func1(key2) < 1) {
                                    const err15 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema56, data: key2, propertyName: key2 };
                                    if (vErrors === null) {
                                        vErrors = [err15];
                                    }
                                    else {
                                        vErrors.push(err15);
                                    }
                                    errors++;
                                }
                                if (!pattern38.test(key2)) {
                                    const err16 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"", schema: "^[A-Za-z0-9_.-]+$", parentSchema: schema56, data: key2, propertyName: key2 };
                                    if (vErrors === null) {
                                        vErrors = [err16];
                                    }
                                    else {
                                        vErrors.push(err16);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err17 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.type, parentSchema: schema56, data: key2, propertyName: key2 };
                                if (vErrors === null) {
                                    vErrors = [err17];
                                }
                                else {
                                    vErrors.push(err17);
                                }
                                errors++;
                            }
                            var valid7 = _errs22 === errors;
                            if (!valid7) {
                                const err18 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/requirements_by_stage/additionalProperties/propertyNames", keyword: "propertyNames", params: { propertyName: key2 }, message: "property name must be valid", schema: schema52.properties.requirements_by_stage.additionalProperties.propertyNames, parentSchema: schema52.properties.requirements_by_stage.additionalProperties, data: data4 };
                                if (vErrors === null) {
                                    vErrors = [err18];
                                }
                                else {
                                    vErrors.push(err18);
                                }
                                errors++;
                            }
                        }
                        for (const key3 in data4) {
                            let data5 = data4[key3];
                            if (typeof data5 !== "boolean") {
                                const err19 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/requirements_by_stage/additionalProperties/additionalProperties/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema52.properties.requirements_by_stage.additionalProperties.additionalProperties.type, parentSchema: schema52.properties.requirements_by_stage.additionalProperties.additionalProperties, data: data5 };
                                if (vErrors === null) {
                                    vErrors = [err19];
                                }
                                else {
                                    vErrors.push(err19);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err20 = { instancePath: instancePath + "/requirements_by_stage/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/requirements_by_stage/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.requirements_by_stage.additionalProperties.type, parentSchema: schema52.properties.requirements_by_stage.additionalProperties, data: data4 };
                        if (vErrors === null) {
                            vErrors = [err20];
                        }
                        else {
                            vErrors.push(err20);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err21 = { instancePath: instancePath + "/requirements_by_stage", schemaPath: "#/properties/requirements_by_stage/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.requirements_by_stage.type, parentSchema: schema52.properties.requirements_by_stage, data: data3 };
                if (vErrors === null) {
                    vErrors = [err21];
                }
                else {
                    vErrors.push(err21);
                }
                errors++;
            }
        }
        if (data.launch !== undefined) {
            let data6 = data.launch;
            if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                if (data6.submit_timeout_seconds !== undefined) {
                    let data7 = data6.submit_timeout_seconds;
                    if (!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))) {
                        const err22 = { instancePath: instancePath + "/launch/submit_timeout_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data7 };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                    if ((typeof data7 == "number") && (isFinite(data7))) {
                        if (data7 > 31536000 || isNaN(data7)) {
                            const err23 = { instancePath: instancePath + "/launch/submit_timeout_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data7 };
                            if (vErrors === null) {
                                vErrors = [err23];
                            }
                            else {
                                vErrors.push(err23);
                            }
                            errors++;
                        }
                        if (data7 < 1 || isNaN(data7)) {
                            const err24 = { instancePath: instancePath + "/launch/submit_timeout_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data7 };
                            if (vErrors === null) {
                                vErrors = [err24];
                            }
                            else {
                                vErrors.push(err24);
                            }
                            errors++;
                        }
                    }
                }
                if (data6.submit_retries !== undefined) {
                    let data8 = data6.submit_retries;
                    if (!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))) {
                        const err25 = { instancePath: instancePath + "/launch/submit_retries", schemaPath: "#/properties/launch/properties/submit_retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.launch.properties.submit_retries.type, parentSchema: schema52.properties.launch.properties.submit_retries, data: data8 };
                        if (vErrors === null) {
                            vErrors = [err25];
                        }
                        else {
                            vErrors.push(err25);
                        }
                        errors++;
                    }
                    if ((typeof data8 == "number") && (isFinite(data8))) {
                        if (data8 > 20 || isNaN(data8)) {
                            const err26 = { instancePath: instancePath + "/launch/submit_retries", schemaPath: "#/properties/launch/properties/submit_retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 20 }, message: "must be <= 20", schema: 20, parentSchema: schema52.properties.launch.properties.submit_retries, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err26];
                            }
                            else {
                                vErrors.push(err26);
                            }
                            errors++;
                        }
                        if (data8 < 0 || isNaN(data8)) {
                            const err27 = { instancePath: instancePath + "/launch/submit_retries", schemaPath: "#/properties/launch/properties/submit_retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema52.properties.launch.properties.submit_retries, data: data8 };
                            if (vErrors === null) {
                                vErrors = [err27];
                            }
                            else {
                                vErrors.push(err27);
                            }
                            errors++;
                        }
                    }
                }
                if (data6.retry_backoff_seconds !== undefined) {
                    let data9 = data6.retry_backoff_seconds;
                    if (!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))) {
                        const err28 = { instancePath: instancePath + "/launch/retry_backoff_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data9 };
                        if (vErrors === null) {
                            vErrors = [err28];
                        }
                        else {
                            vErrors.push(err28);
                        }
                        errors++;
                    }
                    if ((typeof data9 == "number") && (isFinite(data9))) {
                        if (data9 > 31536000 || isNaN(data9)) {
                            const err29 = { instancePath: instancePath + "/launch/retry_backoff_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data9 };
                            if (vErrors === null) {
                                vErrors = [err29];
                            }
                            else {
                                vErrors.push(err29);
                            }
                            errors++;
                        }
                        if (data9 < 1 || isNaN(data9)) {
                            const err30 = { instancePath: instancePath + "/launch/retry_backoff_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data9 };
                            if (vErrors === null) {
                                vErrors = [err30];
                            }
                            else {
                                vErrors.push(err30);
                            }
                            errors++;
                        }
                    }
                }
                if (data6.check_timeout_seconds !== undefined) {
                    let data10 = data6.check_timeout_seconds;
                    if (!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))) {
                        const err31 = { instancePath: instancePath + "/launch/check_timeout_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data10 };
                        if (vErrors === null) {
                            vErrors = [err31];
                        }
                        else {
                            vErrors.push(err31);
                        }
                        errors++;
                    }
                    if ((typeof data10 == "number") && (isFinite(data10))) {
                        if (data10 > 31536000 || isNaN(data10)) {
                            const err32 = { instancePath: instancePath + "/launch/check_timeout_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err32];
                            }
                            else {
                                vErrors.push(err32);
                            }
                            errors++;
                        }
                        if (data10 < 1 || isNaN(data10)) {
                            const err33 = { instancePath: instancePath + "/launch/check_timeout_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data10 };
                            if (vErrors === null) {
                                vErrors = [err33];
                            }
                            else {
                                vErrors.push(err33);
                            }
                            errors++;
                        }
                    }
                }
                if (data6.work_root !== undefined) {
                    let data11 = data6.work_root;
                    if (typeof data11 === "string") {
                        if (func1(data11) > 4096) {
                            const err34 = { instancePath: instancePath + "/launch/work_root", schemaPath: "#/properties/launch/properties/work_root/maxLength", keyword: "maxLength", params: { limit: 4096 }, message: "must NOT have more than 4096 characters", schema: 4096, parentSchema: schema52.properties.launch.properties.work_root, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err34];
                            }
                            else {
                                vErrors.push(err34);
                            }
                            errors++;
                        }
                        if (func1(data11) < 1) {
                            const err35 = { instancePath: instancePath + "/launch/work_root", schemaPath: "#/properties/launch/properties/work_root/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema52.properties.launch.properties.work_root, data: data11 };
                            if (vErrors === null) {
                                vErrors = [err35];
                            }
                            else {
                                vErrors.push(err35);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err36 = { instancePath: instancePath + "/launch/work_root", schemaPath: "#/properties/launch/properties/work_root/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema52.properties.launch.properties.work_root.type, parentSchema: schema52.properties.launch.properties.work_root, data: data11 };
                        if (vErrors === null) {
                            vErrors = [err36];
                        }
                        else {
                            vErrors.push(err36);
                        }
                        errors++;
                    }
                }
                if (data6.job_user !== undefined) {
                    let data12 = data6.job_user;
                    if (typeof data12 === "string") {
                        if (!pattern40.test(data12)) {
                            const err37 = { instancePath: instancePath + "/launch/job_user", schemaPath: "#/properties/launch/properties/job_user/pattern", keyword: "pattern", params: { pattern: "^[a-z_][a-z0-9_-]{0,31}$" }, message: "must match pattern \"" + "^[a-z_][a-z0-9_-]{0,31}$" + "\"", schema: "^[a-z_][a-z0-9_-]{0,31}$", parentSchema: schema52.properties.launch.properties.job_user, data: data12 };
                            if (vErrors === null) {
                                vErrors = [err37];
                            }
                            else {
                                vErrors.push(err37);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err38 = { instancePath: instancePath + "/launch/job_user", schemaPath: "#/properties/launch/properties/job_user/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema52.properties.launch.properties.job_user.type, parentSchema: schema52.properties.launch.properties.job_user, data: data12 };
                        if (vErrors === null) {
                            vErrors = [err38];
                        }
                        else {
                            vErrors.push(err38);
                        }
                        errors++;
                    }
                }
                if (data6.max_array_size !== undefined) {
                    let data13 = data6.max_array_size;
                    if (!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))) {
                        const err39 = { instancePath: instancePath + "/launch/max_array_size", schemaPath: "#/properties/launch/properties/max_array_size/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.launch.properties.max_array_size.type, parentSchema: schema52.properties.launch.properties.max_array_size, data: data13 };
                        if (vErrors === null) {
                            vErrors = [err39];
                        }
                        else {
                            vErrors.push(err39);
                        }
                        errors++;
                    }
                    if ((typeof data13 == "number") && (isFinite(data13))) {
                        if (data13 > 1000000 || isNaN(data13)) {
                            const err40 = { instancePath: instancePath + "/launch/max_array_size", schemaPath: "#/properties/launch/properties/max_array_size/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000000 }, message: "must be <= 1000000", schema: 1000000, parentSchema: schema52.properties.launch.properties.max_array_size, data: data13 };
                            if (vErrors === null) {
                                vErrors = [err40];
                            }
                            else {
                                vErrors.push(err40);
                            }
                            errors++;
                        }
                        if (data13 < 1 || isNaN(data13)) {
                            const err41 = { instancePath: instancePath + "/launch/max_array_size", schemaPath: "#/properties/launch/properties/max_array_size/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.launch.properties.max_array_size, data: data13 };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                    }
                }
                if (data6.max_sweep_tasks !== undefined) {
                    let data14 = data6.max_sweep_tasks;
                    if (!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))) {
                        const err42 = { instancePath: instancePath + "/launch/max_sweep_tasks", schemaPath: "#/properties/launch/properties/max_sweep_tasks/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.launch.properties.max_sweep_tasks.type, parentSchema: schema52.properties.launch.properties.max_sweep_tasks, data: data14 };
                        if (vErrors === null) {
                            vErrors = [err42];
                        }
                        else {
                            vErrors.push(err42);
                        }
                        errors++;
                    }
                    if ((typeof data14 == "number") && (isFinite(data14))) {
                        if (data14 > 1000000 || isNaN(data14)) {
                            const err43 = { instancePath: instancePath + "/launch/max_sweep_tasks", schemaPath: "#/properties/launch/properties/max_sweep_tasks/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000000 }, message: "must be <= 1000000", schema: 1000000, parentSchema: schema52.properties.launch.properties.max_sweep_tasks, data: data14 };
                            if (vErrors === null) {
                                vErrors = [err43];
                            }
                            else {
                                vErrors.push(err43);
                            }
                            errors++;
                        }
                        if (data14 < 1 || isNaN(data14)) {
                            const err44 = { instancePath: instancePath + "/launch/max_sweep_tasks", schemaPath: "#/properties/launch/properties/max_sweep_tasks/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.launch.properties.max_sweep_tasks, data: data14 };
                            if (vErrors === null) {
                                vErrors = [err44];
                            }
                            else {
                                vErrors.push(err44);
                            }
                            errors++;
                        }
                    }
                }
            }
            else {
                const err45 = { instancePath: instancePath + "/launch", schemaPath: "#/properties/launch/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.launch.type, parentSchema: schema52.properties.launch, data: data6 };
                if (vErrors === null) {
                    vErrors = [err45];
                }
                else {
                    vErrors.push(err45);
                }
                errors++;
            }
        }
        if (data.slurm !== undefined) {
            let data15 = data.slurm;
            if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                if (data15.monitor !== undefined) {
                    let data16 = data15.monitor;
                    if (data16 && typeof data16 == "object" && !Array.isArray(data16)) {
                        if (data16.poll_failure_escalation_ticks !== undefined) {
                            let data17 = data16.poll_failure_escalation_ticks;
                            if (!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))) {
                                const err46 = { instancePath: instancePath + "/slurm/monitor/poll_failure_escalation_ticks", schemaPath: "#/properties/slurm/properties/monitor/properties/poll_failure_escalation_ticks/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.monitor.properties.poll_failure_escalation_ticks.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.poll_failure_escalation_ticks, data: data17 };
                                if (vErrors === null) {
                                    vErrors = [err46];
                                }
                                else {
                                    vErrors.push(err46);
                                }
                                errors++;
                            }
                            if ((typeof data17 == "number") && (isFinite(data17))) {
                                if (data17 > 10000 || isNaN(data17)) {
                                    const err47 = { instancePath: instancePath + "/slurm/monitor/poll_failure_escalation_ticks", schemaPath: "#/properties/slurm/properties/monitor/properties/poll_failure_escalation_ticks/maximum", keyword: "maximum", params: { comparison: "<=", limit: 10000 }, message: "must be <= 10000", schema: 10000, parentSchema: schema52.properties.slurm.properties.monitor.properties.poll_failure_escalation_ticks, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err47];
                                    }
                                    else {
                                        vErrors.push(err47);
                                    }
                                    errors++;
                                }
                                if (data17 < 1 || isNaN(data17)) {
                                    const err48 = { instancePath: instancePath + "/slurm/monitor/poll_failure_escalation_ticks", schemaPath: "#/properties/slurm/properties/monitor/properties/poll_failure_escalation_ticks/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.slurm.properties.monitor.properties.poll_failure_escalation_ticks, data: data17 };
                                    if (vErrors === null) {
                                        vErrors = [err48];
                                    }
                                    else {
                                        vErrors.push(err48);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data16.unknown_grace_seconds !== undefined) {
                            let data18 = data16.unknown_grace_seconds;
                            if (!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))) {
                                const err49 = { instancePath: instancePath + "/slurm/monitor/unknown_grace_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/unknown_grace_seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.monitor.properties.unknown_grace_seconds.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.unknown_grace_seconds, data: data18 };
                                if (vErrors === null) {
                                    vErrors = [err49];
                                }
                                else {
                                    vErrors.push(err49);
                                }
                                errors++;
                            }
                            if ((typeof data18 == "number") && (isFinite(data18))) {
                                if (data18 > 31536000 || isNaN(data18)) {
                                    const err50 = { instancePath: instancePath + "/slurm/monitor/unknown_grace_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/unknown_grace_seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema52.properties.slurm.properties.monitor.properties.unknown_grace_seconds, data: data18 };
                                    if (vErrors === null) {
                                        vErrors = [err50];
                                    }
                                    else {
                                        vErrors.push(err50);
                                    }
                                    errors++;
                                }
                                if (data18 < 0 || isNaN(data18)) {
                                    const err51 = { instancePath: instancePath + "/slurm/monitor/unknown_grace_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/unknown_grace_seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema52.properties.slurm.properties.monitor.properties.unknown_grace_seconds, data: data18 };
                                    if (vErrors === null) {
                                        vErrors = [err51];
                                    }
                                    else {
                                        vErrors.push(err51);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data16.sacct_lookback_days !== undefined) {
                            let data19 = data16.sacct_lookback_days;
                            if (!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))) {
                                const err52 = { instancePath: instancePath + "/slurm/monitor/sacct_lookback_days", schemaPath: "#/properties/slurm/properties/monitor/properties/sacct_lookback_days/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.monitor.properties.sacct_lookback_days.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.sacct_lookback_days, data: data19 };
                                if (vErrors === null) {
                                    vErrors = [err52];
                                }
                                else {
                                    vErrors.push(err52);
                                }
                                errors++;
                            }
                            if ((typeof data19 == "number") && (isFinite(data19))) {
                                if (data19 > 3650 || isNaN(data19)) {
                                    const err53 = { instancePath: instancePath + "/slurm/monitor/sacct_lookback_days", schemaPath: "#/properties/slurm/properties/monitor/properties/sacct_lookback_days/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3650 }, message: "must be <= 3650", schema: 3650, parentSchema: schema52.properties.slurm.properties.monitor.properties.sacct_lookback_days, data: data19 };
                                    if (vErrors === null) {
                                        vErrors = [err53];
                                    }
                                    else {
                                        vErrors.push(err53);
                                    }
                                    errors++;
                                }
                                if (data19 < 1 || isNaN(data19)) {
                                    const err54 = { instancePath: instancePath + "/slurm/monitor/sacct_lookback_days", schemaPath: "#/properties/slurm/properties/monitor/properties/sacct_lookback_days/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.slurm.properties.monitor.properties.sacct_lookback_days, data: data19 };
                                    if (vErrors === null) {
                                        vErrors = [err54];
                                    }
                                    else {
                                        vErrors.push(err54);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data16.client_timeout_seconds !== undefined) {
                            let data20 = data16.client_timeout_seconds;
                            if (!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))) {
                                const err55 = { instancePath: instancePath + "/slurm/monitor/client_timeout_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data20 };
                                if (vErrors === null) {
                                    vErrors = [err55];
                                }
                                else {
                                    vErrors.push(err55);
                                }
                                errors++;
                            }
                            if ((typeof data20 == "number") && (isFinite(data20))) {
                                if (data20 > 31536000 || isNaN(data20)) {
                                    const err56 = { instancePath: instancePath + "/slurm/monitor/client_timeout_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data20 };
                                    if (vErrors === null) {
                                        vErrors = [err56];
                                    }
                                    else {
                                        vErrors.push(err56);
                                    }
                                    errors++;
                                }
                                if (data20 < 1 || isNaN(data20)) {
                                    const err57 = { instancePath: instancePath + "/slurm/monitor/client_timeout_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data20 };
                                    if (vErrors === null) {
                                        vErrors = [err57];
                                    }
                                    else {
                                        vErrors.push(err57);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data16.max_pending !== undefined) {
                            if (!(validate23(data16.max_pending, { instancePath: instancePath + "/slurm/monitor/max_pending", parentData: data16, parentDataProperty: "max_pending", rootData, dynamicAnchors }))) {
                                vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
                                errors = vErrors.length;
                            }
                        }
                        if (data16.min_question_interval_seconds !== undefined) {
                            let data22 = data16.min_question_interval_seconds;
                            if (!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))) {
                                const err58 = { instancePath: instancePath + "/slurm/monitor/min_question_interval_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data22 };
                                if (vErrors === null) {
                                    vErrors = [err58];
                                }
                                else {
                                    vErrors.push(err58);
                                }
                                errors++;
                            }
                            if ((typeof data22 == "number") && (isFinite(data22))) {
                                if (data22 > 31536000 || isNaN(data22)) {
                                    const err59 = { instancePath: instancePath + "/slurm/monitor/min_question_interval_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data22 };
                                    if (vErrors === null) {
                                        vErrors = [err59];
                                    }
                                    else {
                                        vErrors.push(err59);
                                    }
                                    errors++;
                                }
                                if (data22 < 1 || isNaN(data22)) {
                                    const err60 = { instancePath: instancePath + "/slurm/monitor/min_question_interval_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data22 };
                                    if (vErrors === null) {
                                        vErrors = [err60];
                                    }
                                    else {
                                        vErrors.push(err60);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data16.watch !== undefined) {
                            let data23 = data16.watch;
                            if (data23 && typeof data23 == "object" && !Array.isArray(data23)) {
                                if (data23.local_check_seconds !== undefined) {
                                    let data24 = data23.local_check_seconds;
                                    if (!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))) {
                                        const err61 = { instancePath: instancePath + "/slurm/monitor/watch/local_check_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data24 };
                                        if (vErrors === null) {
                                            vErrors = [err61];
                                        }
                                        else {
                                            vErrors.push(err61);
                                        }
                                        errors++;
                                    }
                                    if ((typeof data24 == "number") && (isFinite(data24))) {
                                        if (data24 > 31536000 || isNaN(data24)) {
                                            const err62 = { instancePath: instancePath + "/slurm/monitor/watch/local_check_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data24 };
                                            if (vErrors === null) {
                                                vErrors = [err62];
                                            }
                                            else {
                                                vErrors.push(err62);
                                            }
                                            errors++;
                                        }
                                        if (data24 < 1 || isNaN(data24)) {
                                            const err63 = { instancePath: instancePath + "/slurm/monitor/watch/local_check_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data24 };
                                            if (vErrors === null) {
                                                vErrors = [err63];
                                            }
                                            else {
                                                vErrors.push(err63);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                if (data23.ending_interval_seconds !== undefined) {
                                    let data25 = data23.ending_interval_seconds;
                                    if (!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))) {
                                        const err64 = { instancePath: instancePath + "/slurm/monitor/watch/ending_interval_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data25 };
                                        if (vErrors === null) {
                                            vErrors = [err64];
                                        }
                                        else {
                                            vErrors.push(err64);
                                        }
                                        errors++;
                                    }
                                    if ((typeof data25 == "number") && (isFinite(data25))) {
                                        if (data25 > 31536000 || isNaN(data25)) {
                                            const err65 = { instancePath: instancePath + "/slurm/monitor/watch/ending_interval_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data25 };
                                            if (vErrors === null) {
                                                vErrors = [err65];
                                            }
                                            else {
                                                vErrors.push(err65);
                                            }
                                            errors++;
                                        }
                                        if (data25 < 1 || isNaN(data25)) {
                                            const err66 = { instancePath: instancePath + "/slurm/monitor/watch/ending_interval_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data25 };
                                            if (vErrors === null) {
                                                vErrors = [err66];
                                            }
                                            else {
                                                vErrors.push(err66);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                if (data23.running_interval_seconds !== undefined) {
                                    let data26 = data23.running_interval_seconds;
                                    if (!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))) {
                                        const err67 = { instancePath: instancePath + "/slurm/monitor/watch/running_interval_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data26 };
                                        if (vErrors === null) {
                                            vErrors = [err67];
                                        }
                                        else {
                                            vErrors.push(err67);
                                        }
                                        errors++;
                                    }
                                    if ((typeof data26 == "number") && (isFinite(data26))) {
                                        if (data26 > 31536000 || isNaN(data26)) {
                                            const err68 = { instancePath: instancePath + "/slurm/monitor/watch/running_interval_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data26 };
                                            if (vErrors === null) {
                                                vErrors = [err68];
                                            }
                                            else {
                                                vErrors.push(err68);
                                            }
                                            errors++;
                                        }
                                        if (data26 < 1 || isNaN(data26)) {
                                            const err69 = { instancePath: instancePath + "/slurm/monitor/watch/running_interval_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data26 };
                                            if (vErrors === null) {
                                                vErrors = [err69];
                                            }
                                            else {
                                                vErrors.push(err69);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                if (data23.pending_interval_seconds !== undefined) {
                                    let data27 = data23.pending_interval_seconds;
                                    if (!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))) {
                                        const err70 = { instancePath: instancePath + "/slurm/monitor/watch/pending_interval_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data27 };
                                        if (vErrors === null) {
                                            vErrors = [err70];
                                        }
                                        else {
                                            vErrors.push(err70);
                                        }
                                        errors++;
                                    }
                                    if ((typeof data27 == "number") && (isFinite(data27))) {
                                        if (data27 > 31536000 || isNaN(data27)) {
                                            const err71 = { instancePath: instancePath + "/slurm/monitor/watch/pending_interval_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data27 };
                                            if (vErrors === null) {
                                                vErrors = [err71];
                                            }
                                            else {
                                                vErrors.push(err71);
                                            }
                                            errors++;
                                        }
                                        if (data27 < 1 || isNaN(data27)) {
                                            const err72 = { instancePath: instancePath + "/slurm/monitor/watch/pending_interval_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data27 };
                                            if (vErrors === null) {
                                                vErrors = [err72];
                                            }
                                            else {
                                                vErrors.push(err72);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                if (data23.time_limit !== undefined) {
                                    if (!(validate23(data23.time_limit, { instancePath: instancePath + "/slurm/monitor/watch/time_limit", parentData: data23, parentDataProperty: "time_limit", rootData, dynamicAnchors }))) {
                                        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
                                        errors = vErrors.length;
                                    }
                                }
                            }
                            else {
                                const err73 = { instancePath: instancePath + "/slurm/monitor/watch", schemaPath: "#/properties/slurm/properties/monitor/properties/watch/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.monitor.properties.watch.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.watch, data: data23 };
                                if (vErrors === null) {
                                    vErrors = [err73];
                                }
                                else {
                                    vErrors.push(err73);
                                }
                                errors++;
                            }
                        }
                        if (data16.notify !== undefined) {
                            let data29 = data16.notify;
                            if (data29 && typeof data29 == "object" && !Array.isArray(data29)) {
                                if (data29.fail_job !== undefined) {
                                    let data30 = data29.fail_job;
                                    if (typeof data30 !== "boolean") {
                                        const err74 = { instancePath: instancePath + "/slurm/monitor/notify/fail_job", schemaPath: "#/properties/slurm/properties/monitor/properties/notify/properties/fail_job/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema52.properties.slurm.properties.monitor.properties.notify.properties.fail_job.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.notify.properties.fail_job, data: data30 };
                                        if (vErrors === null) {
                                            vErrors = [err74];
                                        }
                                        else {
                                            vErrors.push(err74);
                                        }
                                        errors++;
                                    }
                                }
                                if (data29.tracking_issue !== undefined) {
                                    let data31 = data29.tracking_issue;
                                    if (!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))) {
                                        const err75 = { instancePath: instancePath + "/slurm/monitor/notify/tracking_issue", schemaPath: "#/properties/slurm/properties/monitor/properties/notify/properties/tracking_issue/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.monitor.properties.notify.properties.tracking_issue.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.notify.properties.tracking_issue, data: data31 };
                                        if (vErrors === null) {
                                            vErrors = [err75];
                                        }
                                        else {
                                            vErrors.push(err75);
                                        }
                                        errors++;
                                    }
                                    if ((typeof data31 == "number") && (isFinite(data31))) {
                                        if (data31 < 1 || isNaN(data31)) {
                                            const err76 = { instancePath: instancePath + "/slurm/monitor/notify/tracking_issue", schemaPath: "#/properties/slurm/properties/monitor/properties/notify/properties/tracking_issue/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.slurm.properties.monitor.properties.notify.properties.tracking_issue, data: data31 };
                                            if (vErrors === null) {
                                                vErrors = [err76];
                                            }
                                            else {
                                                vErrors.push(err76);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                            }
                            else {
                                const err77 = { instancePath: instancePath + "/slurm/monitor/notify", schemaPath: "#/properties/slurm/properties/monitor/properties/notify/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.monitor.properties.notify.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.notify, data: data29 };
                                if (vErrors === null) {
                                    vErrors = [err77];
                                }
                                else {
                                    vErrors.push(err77);
                                }
                                errors++;
                            }
                        }
                        if (data16.retention !== undefined) {
                            let data32 = data16.retention;
                            if (data32 && typeof data32 == "object" && !Array.isArray(data32)) {
                                if (data32.gc_older_than !== undefined) {
                                    if (!(validate23(data32.gc_older_than, { instancePath: instancePath + "/slurm/monitor/retention/gc_older_than", parentData: data32, parentDataProperty: "gc_older_than", rootData, dynamicAnchors }))) {
                                        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
                                        errors = vErrors.length;
                                    }
                                }
                            }
                            else {
                                const err78 = { instancePath: instancePath + "/slurm/monitor/retention", schemaPath: "#/properties/slurm/properties/monitor/properties/retention/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.monitor.properties.retention.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.retention, data: data32 };
                                if (vErrors === null) {
                                    vErrors = [err78];
                                }
                                else {
                                    vErrors.push(err78);
                                }
                                errors++;
                            }
                        }
                        if (data16.efficiency_hint_below !== undefined) {
                            let data34 = data16.efficiency_hint_below;
                            if ((typeof data34 == "number") && (isFinite(data34))) {
                                if (data34 > 1 || isNaN(data34)) {
                                    const err79 = { instancePath: instancePath + "/slurm/monitor/efficiency_hint_below", schemaPath: "#/properties/slurm/properties/monitor/properties/efficiency_hint_below/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1 }, message: "must be <= 1", schema: 1, parentSchema: schema52.properties.slurm.properties.monitor.properties.efficiency_hint_below, data: data34 };
                                    if (vErrors === null) {
                                        vErrors = [err79];
                                    }
                                    else {
                                        vErrors.push(err79);
                                    }
                                    errors++;
                                }
                                if (data34 <= 0 || isNaN(data34)) {
                                    const err80 = { instancePath: instancePath + "/slurm/monitor/efficiency_hint_below", schemaPath: "#/properties/slurm/properties/monitor/properties/efficiency_hint_below/exclusiveMinimum", keyword: "exclusiveMinimum", params: { comparison: ">", limit: 0 }, message: "must be > 0", schema: 0, parentSchema: schema52.properties.slurm.properties.monitor.properties.efficiency_hint_below, data: data34 };
                                    if (vErrors === null) {
                                        vErrors = [err80];
                                    }
                                    else {
                                        vErrors.push(err80);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err81 = { instancePath: instancePath + "/slurm/monitor/efficiency_hint_below", schemaPath: "#/properties/slurm/properties/monitor/properties/efficiency_hint_below/type", keyword: "type", params: { type: "number" }, message: "must be number", schema: schema52.properties.slurm.properties.monitor.properties.efficiency_hint_below.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.efficiency_hint_below, data: data34 };
                                if (vErrors === null) {
                                    vErrors = [err81];
                                }
                                else {
                                    vErrors.push(err81);
                                }
                                errors++;
                            }
                        }
                        if (data16.runaway_lost_after_seconds !== undefined) {
                            let data35 = data16.runaway_lost_after_seconds;
                            if (!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))) {
                                const err82 = { instancePath: instancePath + "/slurm/monitor/runaway_lost_after_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/runaway_lost_after_seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.monitor.properties.runaway_lost_after_seconds.type, parentSchema: schema52.properties.slurm.properties.monitor.properties.runaway_lost_after_seconds, data: data35 };
                                if (vErrors === null) {
                                    vErrors = [err82];
                                }
                                else {
                                    vErrors.push(err82);
                                }
                                errors++;
                            }
                            if ((typeof data35 == "number") && (isFinite(data35))) {
                                if (data35 > 31536000 || isNaN(data35)) {
                                    const err83 = { instancePath: instancePath + "/slurm/monitor/runaway_lost_after_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/runaway_lost_after_seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema52.properties.slurm.properties.monitor.properties.runaway_lost_after_seconds, data: data35 };
                                    if (vErrors === null) {
                                        vErrors = [err83];
                                    }
                                    else {
                                        vErrors.push(err83);
                                    }
                                    errors++;
                                }
                                if (data35 < 1 || isNaN(data35)) {
                                    const err84 = { instancePath: instancePath + "/slurm/monitor/runaway_lost_after_seconds", schemaPath: "#/properties/slurm/properties/monitor/properties/runaway_lost_after_seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema52.properties.slurm.properties.monitor.properties.runaway_lost_after_seconds, data: data35 };
                                    if (vErrors === null) {
                                        vErrors = [err84];
                                    }
                                    else {
                                        vErrors.push(err84);
                                    }
                                    errors++;
                                }
                            }
                        }
                    }
                    else {
                        const err85 = { instancePath: instancePath + "/slurm/monitor", schemaPath: "#/properties/slurm/properties/monitor/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.monitor.type, parentSchema: schema52.properties.slurm.properties.monitor, data: data16 };
                        if (vErrors === null) {
                            vErrors = [err85];
                        }
                        else {
                            vErrors.push(err85);
                        }
                        errors++;
                    }
                }
                if (data15.submit !== undefined) {
                    let data36 = data15.submit;
                    if (data36 && typeof data36 == "object" && !Array.isArray(data36)) {
                        if (data36.pass_env !== undefined) {
                            let data37 = data36.pass_env;
                            if (Array.isArray(data37)) {
                                if (data37.length > 64) {
                                    const err86 = { instancePath: instancePath + "/slurm/submit/pass_env", schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/maxItems", keyword: "maxItems", params: { limit: 64 }, message: "must NOT have more than 64 items", schema: 64, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env, data: data37 };
                                    if (vErrors === null) {
                                        vErrors = [err86];
                                    }
                                    else {
                                        vErrors.push(err86);
                                    }
                                    errors++;
                                }
                                const len0 = data37.length;
                                for (let i0 = 0; i0 < len0; i0++) {
                                    let data38 = data37[i0];
                                    if (typeof data38 === "string") {
                                        if (!pattern10.test(data38)) {
                                            const err87 = { instancePath: instancePath + "/slurm/submit/pass_env/" + i0, schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/items/allOf/0/pattern", keyword: "pattern", params: { pattern: "^(SBATCH|SLURM)_[A-Z0-9_]+$" }, message: "must match pattern \"" + "^(SBATCH|SLURM)_[A-Z0-9_]+$" + "\"", schema: "^(SBATCH|SLURM)_[A-Z0-9_]+$", parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env.items.allOf[0], data: data38 };
                                            if (vErrors === null) {
                                                vErrors = [err87];
                                            }
                                            else {
                                                vErrors.push(err87);
                                            }
                                            errors++;
                                        }
                                    }
                                    const _errs104 = errors;
                                    const _errs105 = errors;
                                    if (!((data38 === "SBATCH_CLUSTERS") || (data38 === "SLURM_CLUSTERS"))) {
                                        const err88 = {};
                                        if (vErrors === null) {
                                            vErrors = [err88];
                                        }
                                        else {
                                            vErrors.push(err88);
                                        }
                                        errors++;
                                    }
                                    var valid29 = _errs105 === errors;
                                    if (valid29) {
                                        const err89 = { instancePath: instancePath + "/slurm/submit/pass_env/" + i0, schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/items/allOf/1/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema52.properties.slurm.properties.submit.properties.pass_env.items.allOf[1].not, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env.items.allOf[1], data: data38 };
                                        if (vErrors === null) {
                                            vErrors = [err89];
                                        }
                                        else {
                                            vErrors.push(err89);
                                        }
                                        errors++;
                                    }
                                    else {
                                        errors = _errs104;
                                        if (vErrors !== null) {
                                            if (_errs104) {
                                                vErrors.length = _errs104;
                                            }
                                            else {
                                                vErrors = null;
                                            }
                                        }
                                    }
                                    const _errs108 = errors;
                                    const _errs109 = errors;
                                    if (!((((((data38 === "SBATCH_JOB_NAME") || (data38 === "SBATCH_OUTPUT")) || (data38 === "SBATCH_ERROR")) || (data38 === "SBATCH_ARRAY_INX")) || (data38 === "SBATCH_EXPORT")) || (data38 === "SBATCH_WAIT"))) {
                                        const err90 = {};
                                        if (vErrors === null) {
                                            vErrors = [err90];
                                        }
                                        else {
                                            vErrors.push(err90);
                                        }
                                        errors++;
                                    }
                                    var valid30 = _errs109 === errors;
                                    if (valid30) {
                                        const err91 = { instancePath: instancePath + "/slurm/submit/pass_env/" + i0, schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/items/allOf/2/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema52.properties.slurm.properties.submit.properties.pass_env.items.allOf[2].not, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env.items.allOf[2], data: data38 };
                                        if (vErrors === null) {
                                            vErrors = [err91];
                                        }
                                        else {
                                            vErrors.push(err91);
                                        }
                                        errors++;
                                    }
                                    else {
                                        errors = _errs108;
                                        if (vErrors !== null) {
                                            if (_errs108) {
                                                vErrors.length = _errs108;
                                            }
                                            else {
                                                vErrors = null;
                                            }
                                        }
                                    }
                                    if (typeof data38 === "string") {
                                        if (func1(data38) > 128) {
                                            const err92 = { instancePath: instancePath + "/slurm/submit/pass_env/" + i0, schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/items/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env.items, data: data38 };
                                            if (vErrors === null) {
                                                vErrors = [err92];
                                            }
                                            else {
                                                vErrors.push(err92);
                                            }
                                            errors++;
                                        }
                                    }
                                    else {
                                        const err93 = { instancePath: instancePath + "/slurm/submit/pass_env/" + i0, schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema52.properties.slurm.properties.submit.properties.pass_env.items.type, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env.items, data: data38 };
                                        if (vErrors === null) {
                                            vErrors = [err93];
                                        }
                                        else {
                                            vErrors.push(err93);
                                        }
                                        errors++;
                                    }
                                }
                                let i1 = data37.length;
                                let j0;
                                if (i1 > 1) {
                                    const indices0 = {};
                                    for (; i1--;) {
                                        let item0 = data37[i1];
                                        if (typeof item0 !== "string") {
                                            continue;
                                        }
                                        if (typeof indices0[item0] == "number") {
                                            j0 = indices0[item0];
                                            const err94 = { instancePath: instancePath + "/slurm/submit/pass_env", schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)", schema: true, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env, data: data37 };
                                            if (vErrors === null) {
                                                vErrors = [err94];
                                            }
                                            else {
                                                vErrors.push(err94);
                                            }
                                            errors++;
                                            break;
                                        }
                                        indices0[item0] = i1;
                                    }
                                }
                            }
                            else {
                                const err95 = { instancePath: instancePath + "/slurm/submit/pass_env", schemaPath: "#/properties/slurm/properties/submit/properties/pass_env/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema52.properties.slurm.properties.submit.properties.pass_env.type, parentSchema: schema52.properties.slurm.properties.submit.properties.pass_env, data: data37 };
                                if (vErrors === null) {
                                    vErrors = [err95];
                                }
                                else {
                                    vErrors.push(err95);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err96 = { instancePath: instancePath + "/slurm/submit", schemaPath: "#/properties/slurm/properties/submit/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.submit.type, parentSchema: schema52.properties.slurm.properties.submit, data: data36 };
                        if (vErrors === null) {
                            vErrors = [err96];
                        }
                        else {
                            vErrors.push(err96);
                        }
                        errors++;
                    }
                }
                if (data15.artifact_sync !== undefined) {
                    let data39 = data15.artifact_sync;
                    if (data39 && typeof data39 == "object" && !Array.isArray(data39)) {
                        if (data39.mode !== undefined) {
                            let data40 = data39.mode;
                            if (!((data40 === "shared") || (data40 === "rsync"))) {
                                const err97 = { instancePath: instancePath + "/slurm/artifact_sync/mode", schemaPath: "#/properties/slurm/properties/artifact_sync/properties/mode/enum", keyword: "enum", params: { allowedValues: schema52.properties.slurm.properties.artifact_sync.properties.mode.enum }, message: "must be equal to one of the allowed values", schema: schema52.properties.slurm.properties.artifact_sync.properties.mode.enum, parentSchema: schema52.properties.slurm.properties.artifact_sync.properties.mode, data: data40 };
                                if (vErrors === null) {
                                    vErrors = [err97];
                                }
                                else {
                                    vErrors.push(err97);
                                }
                                errors++;
                            }
                        }
                        if (data39.timeout_seconds !== undefined) {
                            let data41 = data39.timeout_seconds;
                            if (!(((typeof data41 == "number") && (!(data41 % 1) && !isNaN(data41))) && (isFinite(data41)))) {
                                const err98 = { instancePath: instancePath + "/slurm/artifact_sync/timeout_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data41 };
                                if (vErrors === null) {
                                    vErrors = [err98];
                                }
                                else {
                                    vErrors.push(err98);
                                }
                                errors++;
                            }
                            if ((typeof data41 == "number") && (isFinite(data41))) {
                                if (data41 > 31536000 || isNaN(data41)) {
                                    const err99 = { instancePath: instancePath + "/slurm/artifact_sync/timeout_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data41 };
                                    if (vErrors === null) {
                                        vErrors = [err99];
                                    }
                                    else {
                                        vErrors.push(err99);
                                    }
                                    errors++;
                                }
                                if (data41 < 1 || isNaN(data41)) {
                                    const err100 = { instancePath: instancePath + "/slurm/artifact_sync/timeout_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data41 };
                                    if (vErrors === null) {
                                        vErrors = [err100];
                                    }
                                    else {
                                        vErrors.push(err100);
                                    }
                                    errors++;
                                }
                            }
                        }
                        if (data39.retries !== undefined) {
                            let data42 = data39.retries;
                            if (!(((typeof data42 == "number") && (!(data42 % 1) && !isNaN(data42))) && (isFinite(data42)))) {
                                const err101 = { instancePath: instancePath + "/slurm/artifact_sync/retries", schemaPath: "#/properties/slurm/properties/artifact_sync/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema52.properties.slurm.properties.artifact_sync.properties.retries.type, parentSchema: schema52.properties.slurm.properties.artifact_sync.properties.retries, data: data42 };
                                if (vErrors === null) {
                                    vErrors = [err101];
                                }
                                else {
                                    vErrors.push(err101);
                                }
                                errors++;
                            }
                            if ((typeof data42 == "number") && (isFinite(data42))) {
                                if (data42 > 20 || isNaN(data42)) {
                                    const err102 = { instancePath: instancePath + "/slurm/artifact_sync/retries", schemaPath: "#/properties/slurm/properties/artifact_sync/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 20 }, message: "must be <= 20", schema: 20, parentSchema: schema52.properties.slurm.properties.artifact_sync.properties.retries, data: data42 };
                                    if (vErrors === null) {
                                        vErrors = [err102];
                                    }
                                    else {
                                        vErrors.push(err102);
                                    }
                                    errors++;
                                }
                                if (data42 < 0 || isNaN(data42)) {
                                    const err103 = { instancePath: instancePath + "/slurm/artifact_sync/retries", schemaPath: "#/properties/slurm/properties/artifact_sync/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema52.properties.slurm.properties.artifact_sync.properties.retries, data: data42 };
                                    if (vErrors === null) {
                                        vErrors = [err103];
                                    }
                                    else {
                                        vErrors.push(err103);
                                    }
                                    errors++;
                                }
                            }
                        }
                    }
                    else {
                        const err104 = { instancePath: instancePath + "/slurm/artifact_sync", schemaPath: "#/properties/slurm/properties/artifact_sync/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.properties.artifact_sync.type, parentSchema: schema52.properties.slurm.properties.artifact_sync, data: data39 };
                        if (vErrors === null) {
                            vErrors = [err104];
                        }
                        else {
                            vErrors.push(err104);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err105 = { instancePath: instancePath + "/slurm", schemaPath: "#/properties/slurm/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.slurm.type, parentSchema: schema52.properties.slurm, data: data15 };
                if (vErrors === null) {
                    vErrors = [err105];
                }
                else {
                    vErrors.push(err105);
                }
                errors++;
            }
        }
        if (data.extract_results !== undefined) {
            let data43 = data.extract_results;
            if (data43 && typeof data43 == "object" && !Array.isArray(data43)) {
                if (data43.timeout_seconds !== undefined) {
                    let data44 = data43.timeout_seconds;
                    if (!(((typeof data44 == "number") && (!(data44 % 1) && !isNaN(data44))) && (isFinite(data44)))) {
                        const err106 = { instancePath: instancePath + "/extract_results/timeout_seconds", schemaPath: "#/$defs/seconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema58.type, parentSchema: schema58, data: data44 };
                        if (vErrors === null) {
                            vErrors = [err106];
                        }
                        else {
                            vErrors.push(err106);
                        }
                        errors++;
                    }
                    if ((typeof data44 == "number") && (isFinite(data44))) {
                        if (data44 > 31536000 || isNaN(data44)) {
                            const err107 = { instancePath: instancePath + "/extract_results/timeout_seconds", schemaPath: "#/$defs/seconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 31536000 }, message: "must be <= 31536000", schema: 31536000, parentSchema: schema58, data: data44 };
                            if (vErrors === null) {
                                vErrors = [err107];
                            }
                            else {
                                vErrors.push(err107);
                            }
                            errors++;
                        }
                        if (data44 < 1 || isNaN(data44)) {
                            const err108 = { instancePath: instancePath + "/extract_results/timeout_seconds", schemaPath: "#/$defs/seconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema58, data: data44 };
                            if (vErrors === null) {
                                vErrors = [err108];
                            }
                            else {
                                vErrors.push(err108);
                            }
                            errors++;
                        }
                    }
                }
                if (data43.require_metrics !== undefined) {
                    let data45 = data43.require_metrics;
                    if (typeof data45 !== "boolean") {
                        const err109 = { instancePath: instancePath + "/extract_results/require_metrics", schemaPath: "#/properties/extract_results/properties/require_metrics/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema52.properties.extract_results.properties.require_metrics.type, parentSchema: schema52.properties.extract_results.properties.require_metrics, data: data45 };
                        if (vErrors === null) {
                            vErrors = [err109];
                        }
                        else {
                            vErrors.push(err109);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err110 = { instancePath: instancePath + "/extract_results", schemaPath: "#/properties/extract_results/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.extract_results.type, parentSchema: schema52.properties.extract_results, data: data43 };
                if (vErrors === null) {
                    vErrors = [err110];
                }
                else {
                    vErrors.push(err110);
                }
                errors++;
            }
        }
        if (data.agent_runner !== undefined) {
            let data46 = data.agent_runner;
            if (data46 && typeof data46 == "object" && !Array.isArray(data46)) {
                if (data46.edit_scope !== undefined) {
                    let data47 = data46.edit_scope;
                    if (data47 && typeof data47 == "object" && !Array.isArray(data47)) {
                        if (data47.mode !== undefined) {
                            let data48 = data47.mode;
                            if (typeof data48 === "string") {
                                if (func1(data48) > 128) {
                                    const err111 = { instancePath: instancePath + "/agent_runner/edit_scope/mode", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema56, data: data48 };
                                    if (vErrors === null) {
                                        vErrors = [err111];
                                    }
                                    else {
                                        vErrors.push(err111);
                                    }
                                    errors++;
                                }
                                if (func1(data48) < 1) {
                                    const err112 = { instancePath: instancePath + "/agent_runner/edit_scope/mode", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema56, data: data48 };
                                    if (vErrors === null) {
                                        vErrors = [err112];
                                    }
                                    else {
                                        vErrors.push(err112);
                                    }
                                    errors++;
                                }
                                if (!pattern38.test(data48)) {
                                    const err113 = { instancePath: instancePath + "/agent_runner/edit_scope/mode", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"", schema: "^[A-Za-z0-9_.-]+$", parentSchema: schema56, data: data48 };
                                    if (vErrors === null) {
                                        vErrors = [err113];
                                    }
                                    else {
                                        vErrors.push(err113);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err114 = { instancePath: instancePath + "/agent_runner/edit_scope/mode", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.type, parentSchema: schema56, data: data48 };
                                if (vErrors === null) {
                                    vErrors = [err114];
                                }
                                else {
                                    vErrors.push(err114);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err115 = { instancePath: instancePath + "/agent_runner/edit_scope", schemaPath: "#/properties/agent_runner/properties/edit_scope/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.agent_runner.properties.edit_scope.type, parentSchema: schema52.properties.agent_runner.properties.edit_scope, data: data47 };
                        if (vErrors === null) {
                            vErrors = [err115];
                        }
                        else {
                            vErrors.push(err115);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err116 = { instancePath: instancePath + "/agent_runner", schemaPath: "#/properties/agent_runner/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.agent_runner.type, parentSchema: schema52.properties.agent_runner, data: data46 };
                if (vErrors === null) {
                    vErrors = [err116];
                }
                else {
                    vErrors.push(err116);
                }
                errors++;
            }
        }
        if (data.autorun !== undefined) {
            let data49 = data.autorun;
            if (data49 && typeof data49 == "object" && !Array.isArray(data49)) {
                if (data49.todo_fallback !== undefined) {
                    let data50 = data49.todo_fallback;
                    if (data50 && typeof data50 == "object" && !Array.isArray(data50)) {
                        if (data50.slurm !== undefined) {
                            let data51 = data50.slurm;
                            if (data51 && typeof data51 == "object" && !Array.isArray(data51)) {
                                if (data51.stage !== undefined) {
                                    let data52 = data51.stage;
                                    if (!(((((((((((data52 === "hypothesis") || (data52 === "design")) || (data52 === "implementation")) || (data52 === "implementation_review")) || (data52 === "launch")) || (data52 === "slurm_monitor")) || (data52 === "extract_results")) || (data52 === "update_docs")) || (data52 === "decide_repeat")) || (data52 === "human_review")) || (data52 === "stop"))) {
                                        const err117 = { instancePath: instancePath + "/autorun/todo_fallback/slurm/stage", schemaPath: "state.schema.json#/properties/stage/enum", keyword: "enum", params: { allowedValues: schema74.enum }, message: "must be equal to one of the allowed values", schema: schema74.enum, parentSchema: schema74, data: data52 };
                                        if (vErrors === null) {
                                            vErrors = [err117];
                                        }
                                        else {
                                            vErrors.push(err117);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err118 = { instancePath: instancePath + "/autorun/todo_fallback/slurm", schemaPath: "#/properties/autorun/properties/todo_fallback/properties/slurm/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.autorun.properties.todo_fallback.properties.slurm.type, parentSchema: schema52.properties.autorun.properties.todo_fallback.properties.slurm, data: data51 };
                                if (vErrors === null) {
                                    vErrors = [err118];
                                }
                                else {
                                    vErrors.push(err118);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err119 = { instancePath: instancePath + "/autorun/todo_fallback", schemaPath: "#/properties/autorun/properties/todo_fallback/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.autorun.properties.todo_fallback.type, parentSchema: schema52.properties.autorun.properties.todo_fallback, data: data50 };
                        if (vErrors === null) {
                            vErrors = [err119];
                        }
                        else {
                            vErrors.push(err119);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err120 = { instancePath: instancePath + "/autorun", schemaPath: "#/properties/autorun/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.autorun.type, parentSchema: schema52.properties.autorun, data: data49 };
                if (vErrors === null) {
                    vErrors = [err120];
                }
                else {
                    vErrors.push(err120);
                }
                errors++;
            }
        }
        if (data.policy_resolution !== undefined) {
            let data53 = data.policy_resolution;
            if (data53 && typeof data53 == "object" && !Array.isArray(data53)) {
                if (data53.default_preset !== undefined) {
                    let data54 = data53.default_preset;
                    if (typeof data54 === "string") {
                        if (func1(data54) > 128) {
                            const err121 = { instancePath: instancePath + "/policy_resolution/default_preset", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", schema: 128, parentSchema: schema56, data: data54 };
                            if (vErrors === null) {
                                vErrors = [err121];
                            }
                            else {
                                vErrors.push(err121);
                            }
                            errors++;
                        }
                        if (func1(data54) < 1) {
                            const err122 = { instancePath: instancePath + "/policy_resolution/default_preset", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema56, data: data54 };
                            if (vErrors === null) {
                                vErrors = [err122];
                            }
                            else {
                                vErrors.push(err122);
                            }
                            errors++;
                        }
                        if (!pattern38.test(data54)) {
                            const err123 = { instancePath: instancePath + "/policy_resolution/default_preset", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"", schema: "^[A-Za-z0-9_.-]+$", parentSchema: schema56, data: data54 };
                            if (vErrors === null) {
                                vErrors = [err123];
                            }
                            else {
                                vErrors.push(err123);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err124 = { instancePath: instancePath + "/policy_resolution/default_preset", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema56.type, parentSchema: schema56, data: data54 };
                        if (vErrors === null) {
                            vErrors = [err124];
                        }
                        else {
                            vErrors.push(err124);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err125 = { instancePath: instancePath + "/policy_resolution", schemaPath: "#/properties/policy_resolution/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.properties.policy_resolution.type, parentSchema: schema52.properties.policy_resolution, data: data53 };
                if (vErrors === null) {
                    vErrors = [err125];
                }
                else {
                    vErrors.push(err125);
                }
                errors++;
            }
        }
    }
    else {
        const err126 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema52.type, parentSchema: schema52, data };
        if (vErrors === null) {
            vErrors = [err126];
        }
        else {
            vErrors.push(err126);
        }
        errors++;
    }
    validate22.errors = vErrors;
    return errors === 0;
}
validate22.evaluated = { "props": { "python_bin": true, "dry_run_command": true, "test_command": true, "requirements_by_stage": true, "launch": true, "slurm": true, "extract_results": true, "agent_runner": true, "autorun": true, "policy_resolution": true }, "dynamicProps": false, "dynamicItems": false };
const metrics = validate28;
const schema76 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://autolab-slurm.dev/schemas/metrics.schema.json", "title": "Run metrics (runs/<run_id>/metrics.json, schema_version 1.0)", "description": "What the extract step concluded about one run: its outcome and the headline number. Extra keys (more metrics, notes) are allowed.", "type": "object", "required": ["schema_version", "iteration_id", "run_id", "status", "primary_metric"], "properties": { "schema_version": { "description": "Version of the run contract the file follows, e.g. 1.0.", "type": "string", "pattern": "^1(\\.[0-9]+)?$", "x-message": "must be a 1.x contract version such as \"1.0\"" }, "iteration_id": { "$ref": "run_manifest.schema.json#/$defs/token" }, "run_id": { "$ref": "run_manifest.schema.json#/$defs/token" }, "status": { "description": "Outcome of the run as far as results go.", "enum": ["completed", "partial", "failed"] }, "primary_metric": { "description": "The one number the iteration is judged by. value and delta_vs_baseline are null when there is no number (a failed run, no baseline).", "type": "object", "required": ["name", "value", "delta_vs_baseline"], "properties": { "name": { "type": "string", "minLength": 1, "maxLength": 256 }, "value": { "type": ["number", "null"] }, "delta_vs_baseline": { "type": ["number", "null"] } } } } };
const pattern46 = new RegExp("^1(\\.[0-9]+)?$", "u");
function validate28(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    /*# sourceURL="https://autolab-slurm.dev/schemas/metrics.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate28.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.schema_version === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "schema_version" }, message: "must have required property '" + "schema_version" + "'", schema: schema76.required, parentSchema: schema76, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.iteration_id === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "iteration_id" }, message: "must have required property '" + "iteration_id" + "'", schema: schema76.required, parentSchema: schema76, data };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        if (data.run_id === undefined) {
            const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "run_id" }, message: "must have required property '" + "run_id" + "'", schema: schema76.required, parentSchema: schema76, data };
            if (vErrors === null) {
                vErrors = [err2];
            }
            else {
                vErrors.push(err2);
            }
            errors++;
        }
        if (data.status === undefined) {
            const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "status" }, message: "must have required property '" + "status" + "'", schema: schema76.required, parentSchema: schema76, data };
            if (vErrors === null) {
                vErrors = [err3];
            }
            else {
                vErrors.push(err3);
            }
            errors++;
        }
        if (data.primary_metric === undefined) {
            const err4 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "primary_metric" }, message: "must have required property '" + "primary_metric" + "'", schema: schema76.required, parentSchema: schema76, data };
            if (vErrors === null) {
                vErrors = [err4];
            }
            else {
                vErrors.push(err4);
            }
            errors++;
        }
        if (data.schema_version !== undefined) {
            let data0 = data.schema_version;
            if (typeof data0 === "string") {
                if (!pattern46.test(data0)) {
                    const err5 = { instancePath: instancePath + "/schema_version", schemaPath: "#/properties/schema_version/pattern", keyword: "pattern", params: { pattern: "^1(\\.[0-9]+)?$" }, message: "must match pattern \"" + "^1(\\.[0-9]+)?$" + "\"", schema: "^1(\\.[0-9]+)?$", parentSchema: schema76.properties.schema_version, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
            }
            else {
                const err6 = { instancePath: instancePath + "/schema_version", schemaPath: "#/properties/schema_version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema76.properties.schema_version.type, parentSchema: schema76.properties.schema_version, data: data0 };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
        }
        if (data.iteration_id !== undefined) {
            let data1 = data.iteration_id;
            if (typeof data1 === "string") {
                if (func1(data1) > 256) {
                    const err7 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema32, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err7];
                    }
                    else {
                        vErrors.push(err7);
                    }
                    errors++;
                }
                if (func1(data1) < 1) {
                    const err8 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
                if (!pattern4.test(data1)) {
                    const err9 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema32, data: data1 };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
            }
            else {
                const err10 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.type, parentSchema: schema32, data: data1 };
                if (vErrors === null) {
                    vErrors = [err10];
                }
                else {
                    vErrors.push(err10);
                }
                errors++;
            }
        }
        if (data.run_id !== undefined) {
            let data2 = data.run_id;
            if (typeof data2 === "string") {
                if (func1(data2) > 256) {
                    const err11 = { instancePath: instancePath + "/run_id", schemaPath: "run_manifest.schema.json#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema32, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err11];
                    }
                    else {
                        vErrors.push(err11);
                    }
                    errors++;
                }
                if (func1(data2) < 1) {
                    const err12 = { instancePath: instancePath + "/run_id", schemaPath: "run_manifest.schema.json#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err12];
                    }
                    else {
                        vErrors.push(err12);
                    }
                    errors++;
                }
                if (!pattern4.test(data2)) {
                    const err13 = { instancePath: instancePath + "/run_id", schemaPath: "run_manifest.schema.json#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema32, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err13];
                    }
                    else {
                        vErrors.push(err13);
                    }
                    errors++;
                }
            }
            else {
                const err14 = { instancePath: instancePath + "/run_id", schemaPath: "run_manifest.schema.json#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.type, parentSchema: schema32, data: data2 };
                if (vErrors === null) {
                    vErrors = [err14];
                }
                else {
                    vErrors.push(err14);
                }
                errors++;
            }
        }
        if (data.status !== undefined) {
            let data3 = data.status;
            if (!(((data3 === "completed") || (data3 === "partial")) || (data3 === "failed"))) {
                const err15 = { instancePath: instancePath + "/status", schemaPath: "#/properties/status/enum", keyword: "enum", params: { allowedValues: schema76.properties.status.enum }, message: "must be equal to one of the allowed values", schema: schema76.properties.status.enum, parentSchema: schema76.properties.status, data: data3 };
                if (vErrors === null) {
                    vErrors = [err15];
                }
                else {
                    vErrors.push(err15);
                }
                errors++;
            }
        }
        if (data.primary_metric !== undefined) {
            let data4 = data.primary_metric;
            if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
                if (data4.name === undefined) {
                    const err16 = { instancePath: instancePath + "/primary_metric", schemaPath: "#/properties/primary_metric/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property '" + "name" + "'", schema: schema76.properties.primary_metric.required, parentSchema: schema76.properties.primary_metric, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err16];
                    }
                    else {
                        vErrors.push(err16);
                    }
                    errors++;
                }
                if (data4.value === undefined) {
                    const err17 = { instancePath: instancePath + "/primary_metric", schemaPath: "#/properties/primary_metric/required", keyword: "required", params: { missingProperty: "value" }, message: "must have required property '" + "value" + "'", schema: schema76.properties.primary_metric.required, parentSchema: schema76.properties.primary_metric, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err17];
                    }
                    else {
                        vErrors.push(err17);
                    }
                    errors++;
                }
                if (data4.delta_vs_baseline === undefined) {
                    const err18 = { instancePath: instancePath + "/primary_metric", schemaPath: "#/properties/primary_metric/required", keyword: "required", params: { missingProperty: "delta_vs_baseline" }, message: "must have required property '" + "delta_vs_baseline" + "'", schema: schema76.properties.primary_metric.required, parentSchema: schema76.properties.primary_metric, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err18];
                    }
                    else {
                        vErrors.push(err18);
                    }
                    errors++;
                }
                if (data4.name !== undefined) {
                    let data5 = data4.name;
                    if (typeof data5 === "string") {
                        if (func1(data5) > 256) {
                            const err19 = { instancePath: instancePath + "/primary_metric/name", schemaPath: "#/properties/primary_metric/properties/name/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema76.properties.primary_metric.properties.name, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err19];
                            }
                            else {
                                vErrors.push(err19);
                            }
                            errors++;
                        }
                        if (func1(data5) < 1) {
                            const err20 = { instancePath: instancePath + "/primary_metric/name", schemaPath: "#/properties/primary_metric/properties/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema76.properties.primary_metric.properties.name, data: data5 };
                            if (vErrors === null) {
                                vErrors = [err20];
                            }
                            else {
                                vErrors.push(err20);
                            }
                            errors++;
                        }
                    }
                    else {
                        const err21 = { instancePath: instancePath + "/primary_metric/name", schemaPath: "#/properties/primary_metric/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema76.properties.primary_metric.properties.name.type, parentSchema: schema76.properties.primary_metric.properties.name, data: data5 };
                        if (vErrors === null) {
                            vErrors = [err21];
                        }
                        else {
                            vErrors.push(err21);
                        }
                        errors++;
                    }
                }
                if (data4.value !== undefined) {
                    let data6 = data4.value;
                    if ((!((typeof data6 == "number") && (isFinite(data6)))) && (data6 !== null)) {
                        const err22 = { instancePath: instancePath + "/primary_metric/value", schemaPath: "#/properties/primary_metric/properties/value/type", keyword: "type", params: { type: schema76.properties.primary_metric.properties.value.type }, message: "must be number,null", schema: schema76.properties.primary_metric.properties.value.type, parentSchema: schema76.properties.primary_metric.properties.value, data: data6 };
                        if (vErrors === null) {
                            vErrors = [err22];
                        }
                        else {
                            vErrors.push(err22);
                        }
                        errors++;
                    }
                }
                if (data4.delta_vs_baseline !== undefined) {
                    let data7 = data4.delta_vs_baseline;
                    if ((!((typeof data7 == "number") && (isFinite(data7)))) && (data7 !== null)) {
                        const err23 = { instancePath: instancePath + "/primary_metric/delta_vs_baseline", schemaPath: "#/properties/primary_metric/properties/delta_vs_baseline/type", keyword: "type", params: { type: schema76.properties.primary_metric.properties.delta_vs_baseline.type }, message: "must be number,null", schema: schema76.properties.primary_metric.properties.delta_vs_baseline.type, parentSchema: schema76.properties.primary_metric.properties.delta_vs_baseline, data: data7 };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err24 = { instancePath: instancePath + "/primary_metric", schemaPath: "#/properties/primary_metric/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema76.properties.primary_metric.type, parentSchema: schema76.properties.primary_metric, data: data4 };
                if (vErrors === null) {
                    vErrors = [err24];
                }
                else {
                    vErrors.push(err24);
                }
                errors++;
            }
        }
    }
    else {
        const err25 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema76.type, parentSchema: schema76, data };
        if (vErrors === null) {
            vErrors = [err25];
        }
        else {
            vErrors.push(err25);
        }
        errors++;
    }
    validate28.errors = vErrors;
    return errors === 0;
}
validate28.evaluated = { "props": { "schema_version": true, "iteration_id": true, "run_id": true, "status": true, "primary_metric": true }, "dynamicProps": false, "dynamicItems": false };
const state = validate27;
const schema72 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://autolab-slurm.dev/schemas/state.schema.json", "title": "Stage machine state (.autolab/state.json)", "description": "Where the research loop stands: the current iteration, its stage and how many attempts that stage has had, the last and pending runs, and a history of past stages. Extra keys are allowed.", "type": "object", "required": ["iteration_id", "stage", "stage_attempt"], "properties": { "iteration_id": { "$ref": "run_manifest.schema.json#/$defs/token" }, "stage": { "description": "The stage the loop is in.", "enum": ["hypothesis", "design", "implementation", "implementation_review", "launch", "slurm_monitor", "extract_results", "update_docs", "decide_repeat", "human_review", "stop"] }, "stage_attempt": { "description": "How many times the current stage has been tried (0 before the first try).", "type": "integer", "minimum": 0, "maximum": 100000 }, "last_run_id": { "description": "The most recent run of the iteration; empty when there is none.", "type": ["string", "null"], "maxLength": 256 }, "sync_status": { "description": "State of the artifact sync of the last run (any spelling autolab has used, e.g. ok, completed, failed).", "type": ["string", "null"], "maxLength": 64 }, "max_stage_attempts": { "type": "integer", "minimum": 1, "maximum": 100000 }, "max_total_iterations": { "type": "integer", "minimum": 1, "maximum": 1000000 }, "pending_run_id": { "description": "A run that was launched and has not reached a final status; empty when there is none.", "type": ["string", "null"], "maxLength": 256 }, "history": { "description": "Past stage records, oldest first; their shape is free.", "type": "array", "items": { "type": "object" } } } };
function validate27(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
    /*# sourceURL="https://autolab-slurm.dev/schemas/state.schema.json" */ ;
    let vErrors = null;
    let errors = 0;
    const evaluated0 = validate27.evaluated;
    if (evaluated0.dynamicProps) {
        evaluated0.props = undefined;
    }
    if (evaluated0.dynamicItems) {
        evaluated0.items = undefined;
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.iteration_id === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "iteration_id" }, message: "must have required property '" + "iteration_id" + "'", schema: schema72.required, parentSchema: schema72, data };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.stage === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "stage" }, message: "must have required property '" + "stage" + "'", schema: schema72.required, parentSchema: schema72, data };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        if (data.stage_attempt === undefined) {
            const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "stage_attempt" }, message: "must have required property '" + "stage_attempt" + "'", schema: schema72.required, parentSchema: schema72, data };
            if (vErrors === null) {
                vErrors = [err2];
            }
            else {
                vErrors.push(err2);
            }
            errors++;
        }
        if (data.iteration_id !== undefined) {
            let data0 = data.iteration_id;
            if (typeof data0 === "string") {
                if (func1(data0) > 256) {
                    const err3 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema32, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err3];
                    }
                    else {
                        vErrors.push(err3);
                    }
                    errors++;
                }
                if (func1(data0) < 1) {
                    const err4 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema32, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
                if (!pattern4.test(data0)) {
                    const err5 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9._+-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9._+-]+$" + "\"", schema: "^[A-Za-z0-9._+-]+$", parentSchema: schema32, data: data0 };
                    if (vErrors === null) {
                        vErrors = [err5];
                    }
                    else {
                        vErrors.push(err5);
                    }
                    errors++;
                }
            }
            else {
                const err6 = { instancePath: instancePath + "/iteration_id", schemaPath: "run_manifest.schema.json#/$defs/token/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema32.type, parentSchema: schema32, data: data0 };
                if (vErrors === null) {
                    vErrors = [err6];
                }
                else {
                    vErrors.push(err6);
                }
                errors++;
            }
        }
        if (data.stage !== undefined) {
            let data1 = data.stage;
            if (!(((((((((((data1 === "hypothesis") || (data1 === "design")) || (data1 === "implementation")) || (data1 === "implementation_review")) || (data1 === "launch")) || (data1 === "slurm_monitor")) || (data1 === "extract_results")) || (data1 === "update_docs")) || (data1 === "decide_repeat")) || (data1 === "human_review")) || (data1 === "stop"))) {
                const err7 = { instancePath: instancePath + "/stage", schemaPath: "#/properties/stage/enum", keyword: "enum", params: { allowedValues: schema72.properties.stage.enum }, message: "must be equal to one of the allowed values", schema: schema72.properties.stage.enum, parentSchema: schema72.properties.stage, data: data1 };
                if (vErrors === null) {
                    vErrors = [err7];
                }
                else {
                    vErrors.push(err7);
                }
                errors++;
            }
        }
        if (data.stage_attempt !== undefined) {
            let data2 = data.stage_attempt;
            if (!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))) {
                const err8 = { instancePath: instancePath + "/stage_attempt", schemaPath: "#/properties/stage_attempt/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema72.properties.stage_attempt.type, parentSchema: schema72.properties.stage_attempt, data: data2 };
                if (vErrors === null) {
                    vErrors = [err8];
                }
                else {
                    vErrors.push(err8);
                }
                errors++;
            }
            if ((typeof data2 == "number") && (isFinite(data2))) {
                if (data2 > 100000 || isNaN(data2)) {
                    const err9 = { instancePath: instancePath + "/stage_attempt", schemaPath: "#/properties/stage_attempt/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100000 }, message: "must be <= 100000", schema: 100000, parentSchema: schema72.properties.stage_attempt, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
                if (data2 < 0 || isNaN(data2)) {
                    const err10 = { instancePath: instancePath + "/stage_attempt", schemaPath: "#/properties/stage_attempt/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema72.properties.stage_attempt, data: data2 };
                    if (vErrors === null) {
                        vErrors = [err10];
                    }
                    else {
                        vErrors.push(err10);
                    }
                    errors++;
                }
            }
        }
        if (data.last_run_id !== undefined) {
            let data3 = data.last_run_id;
            if ((typeof data3 !== "string") && (data3 !== null)) {
                const err11 = { instancePath: instancePath + "/last_run_id", schemaPath: "#/properties/last_run_id/type", keyword: "type", params: { type: schema72.properties.last_run_id.type }, message: "must be string,null", schema: schema72.properties.last_run_id.type, parentSchema: schema72.properties.last_run_id, data: data3 };
                if (vErrors === null) {
                    vErrors = [err11];
                }
                else {
                    vErrors.push(err11);
                }
                errors++;
            }
            if (typeof data3 === "string") {
                if (func1(data3) > 256) {
                    const err12 = { instancePath: instancePath + "/last_run_id", schemaPath: "#/properties/last_run_id/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema72.properties.last_run_id, data: data3 };
                    if (vErrors === null) {
                        vErrors = [err12];
                    }
                    else {
                        vErrors.push(err12);
                    }
                    errors++;
                }
            }
        }
        if (data.sync_status !== undefined) {
            let data4 = data.sync_status;
            if ((typeof data4 !== "string") && (data4 !== null)) {
                const err13 = { instancePath: instancePath + "/sync_status", schemaPath: "#/properties/sync_status/type", keyword: "type", params: { type: schema72.properties.sync_status.type }, message: "must be string,null", schema: schema72.properties.sync_status.type, parentSchema: schema72.properties.sync_status, data: data4 };
                if (vErrors === null) {
                    vErrors = [err13];
                }
                else {
                    vErrors.push(err13);
                }
                errors++;
            }
            if (typeof data4 === "string") {
                if (func1(data4) > 64) {
                    const err14 = { instancePath: instancePath + "/sync_status", schemaPath: "#/properties/sync_status/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters", schema: 64, parentSchema: schema72.properties.sync_status, data: data4 };
                    if (vErrors === null) {
                        vErrors = [err14];
                    }
                    else {
                        vErrors.push(err14);
                    }
                    errors++;
                }
            }
        }
        if (data.max_stage_attempts !== undefined) {
            let data5 = data.max_stage_attempts;
            if (!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))) {
                const err15 = { instancePath: instancePath + "/max_stage_attempts", schemaPath: "#/properties/max_stage_attempts/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema72.properties.max_stage_attempts.type, parentSchema: schema72.properties.max_stage_attempts, data: data5 };
                if (vErrors === null) {
                    vErrors = [err15];
                }
                else {
                    vErrors.push(err15);
                }
                errors++;
            }
            if ((typeof data5 == "number") && (isFinite(data5))) {
                if (data5 > 100000 || isNaN(data5)) {
                    const err16 = { instancePath: instancePath + "/max_stage_attempts", schemaPath: "#/properties/max_stage_attempts/maximum", keyword: "maximum", params: { comparison: "<=", limit: 100000 }, message: "must be <= 100000", schema: 100000, parentSchema: schema72.properties.max_stage_attempts, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err16];
                    }
                    else {
                        vErrors.push(err16);
                    }
                    errors++;
                }
                if (data5 < 1 || isNaN(data5)) {
                    const err17 = { instancePath: instancePath + "/max_stage_attempts", schemaPath: "#/properties/max_stage_attempts/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema72.properties.max_stage_attempts, data: data5 };
                    if (vErrors === null) {
                        vErrors = [err17];
                    }
                    else {
                        vErrors.push(err17);
                    }
                    errors++;
                }
            }
        }
        if (data.max_total_iterations !== undefined) {
            let data6 = data.max_total_iterations;
            if (!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))) {
                const err18 = { instancePath: instancePath + "/max_total_iterations", schemaPath: "#/properties/max_total_iterations/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema72.properties.max_total_iterations.type, parentSchema: schema72.properties.max_total_iterations, data: data6 };
                if (vErrors === null) {
                    vErrors = [err18];
                }
                else {
                    vErrors.push(err18);
                }
                errors++;
            }
            if ((typeof data6 == "number") && (isFinite(data6))) {
                if (data6 > 1000000 || isNaN(data6)) {
                    const err19 = { instancePath: instancePath + "/max_total_iterations", schemaPath: "#/properties/max_total_iterations/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000000 }, message: "must be <= 1000000", schema: 1000000, parentSchema: schema72.properties.max_total_iterations, data: data6 };
                    if (vErrors === null) {
                        vErrors = [err19];
                    }
                    else {
                        vErrors.push(err19);
                    }
                    errors++;
                }
                if (data6 < 1 || isNaN(data6)) {
                    const err20 = { instancePath: instancePath + "/max_total_iterations", schemaPath: "#/properties/max_total_iterations/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema72.properties.max_total_iterations, data: data6 };
                    if (vErrors === null) {
                        vErrors = [err20];
                    }
                    else {
                        vErrors.push(err20);
                    }
                    errors++;
                }
            }
        }
        if (data.pending_run_id !== undefined) {
            let data7 = data.pending_run_id;
            if ((typeof data7 !== "string") && (data7 !== null)) {
                const err21 = { instancePath: instancePath + "/pending_run_id", schemaPath: "#/properties/pending_run_id/type", keyword: "type", params: { type: schema72.properties.pending_run_id.type }, message: "must be string,null", schema: schema72.properties.pending_run_id.type, parentSchema: schema72.properties.pending_run_id, data: data7 };
                if (vErrors === null) {
                    vErrors = [err21];
                }
                else {
                    vErrors.push(err21);
                }
                errors++;
            }
            if (typeof data7 === "string") {
                if (func1(data7) > 256) {
                    const err22 = { instancePath: instancePath + "/pending_run_id", schemaPath: "#/properties/pending_run_id/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters", schema: 256, parentSchema: schema72.properties.pending_run_id, data: data7 };
                    if (vErrors === null) {
                        vErrors = [err22];
                    }
                    else {
                        vErrors.push(err22);
                    }
                    errors++;
                }
            }
        }
        if (data.history !== undefined) {
            let data8 = data.history;
            if (Array.isArray(data8)) {
                const len0 = data8.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    let data9 = data8[i0];
                    if (!(data9 && typeof data9 == "object" && !Array.isArray(data9))) {
                        const err23 = { instancePath: instancePath + "/history/" + i0, schemaPath: "#/properties/history/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema72.properties.history.items.type, parentSchema: schema72.properties.history.items, data: data9 };
                        if (vErrors === null) {
                            vErrors = [err23];
                        }
                        else {
                            vErrors.push(err23);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err24 = { instancePath: instancePath + "/history", schemaPath: "#/properties/history/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema72.properties.history.type, parentSchema: schema72.properties.history, data: data8 };
                if (vErrors === null) {
                    vErrors = [err24];
                }
                else {
                    vErrors.push(err24);
                }
                errors++;
            }
        }
    }
    else {
        const err25 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema72.type, parentSchema: schema72, data };
        if (vErrors === null) {
            vErrors = [err25];
        }
        else {
            vErrors.push(err25);
        }
        errors++;
    }
    validate27.errors = vErrors;
    return errors === 0;
}
validate27.evaluated = { "props": { "iteration_id": true, "stage": true, "stage_attempt": true, "last_run_id": true, "sync_status": true, "max_stage_attempts": true, "max_total_iterations": true, "pending_run_id": true, "history": true }, "dynamicProps": false, "dynamicItems": false };

;// CONCATENATED MODULE: ./lib/src/contract/schemas.js


const VALIDATORS = {
    manifest: manifest,
    design: design,
    policy: policy,
    metrics: metrics,
    state: state,
};
/** The precompiled validator of one contract file kind. */
function validatorFor(name) {
    return VALIDATORS[name];
}

;// CONCATENATED MODULE: ./lib/src/contract/validate.js
/**
 * Parse and schema-check any file of the run contract, with source locations.
 *
 * `parseDocument` reads JSON (run_manifest.json, metrics.json, state.json) or
 * YAML (design.yaml, verifier_policy.yaml), refuses syntax errors and duplicate
 * keys (AutolabError with file, line and column), validates the data against
 * the kind's JSON Schema and turns every violation into a readable `Finding`
 * that names the file, the JSON path, and the line and column where the
 * offending value stands. A missing key is reported at its parent object.
 */






const DOC_KINDS = (/* unused pure expression or super */ null && (["manifest", "design", "policy", "metrics", "state"]));
/** Name patterns for files that are not named exactly (e.g. `run_manifest.completed.json`, a copied sample). */
const NAME_PATTERNS = (/* unused pure expression or super */ null && ([
    [/run_manifest[^/]*\.json$/, "manifest"],
    [/verifier_policy[^/]*\.ya?ml$/, "policy"],
    [/design[^/]*\.ya?ml$/, "design"],
    [/metrics[^/]*\.json$/, "metrics"],
    [/(^|[._-])state([._-][^/]*)?\.json$/, "state"],
]));
const FILE_KINDS = {
    "run_manifest.json": "manifest",
    "design.yaml": "design",
    "design.yml": "design",
    "verifier_policy.yaml": "policy",
    "verifier_policy.yml": "policy",
    "metrics.json": "metrics",
    "state.json": "state",
};
/** The contract kind of a file, from its name; undefined when the name says nothing. */
function kindOfPath(p) {
    const base = path.basename(p);
    return FILE_KINDS[base] ?? NAME_PATTERNS.find(([re]) => re.test(base))?.[1];
}
function isDocKind(s) {
    return DOC_KINDS.includes(s);
}
function parseKind(s) {
    return isDocKind(s) ? s : undefined;
}
/** JSON kinds are read as JSON unless the file name ends in .yaml/.yml, and vice versa. */
function syntaxOf(kind, file) {
    if (/\.ya?ml$/i.test(file))
        return "yaml";
    if (/\.json$/i.test(file))
        return "json";
    return kind === "design" || kind === "policy" ? "yaml" : "json";
}
/** Parse text of the given kind. Throws AutolabError on syntax errors; schema problems land in `findings`. */
function parseDocument(kind, text, file) {
    let data;
    let map;
    const findings = [];
    if (syntaxOf(kind, file) === "json") {
        const canonical = canonicalJson(text);
        if (canonical.ok) {
            // Written by JSON.stringify (as the tool writes): valid, no duplicate keys; positions only if needed.
            data = canonical.data;
            map = lazySourceMap(() => (0,contract_locate/* scanJson */.Ey)(text, file));
        }
        else {
            map = (0,contract_locate/* scanJson */.Ey)(text, file);
            data = JSON.parse(text);
        }
    }
    else {
        const parsed = parseYaml(text, file);
        data = parsed.data;
        map = parsed.map;
        findings.push(...parsed.warnings);
    }
    const locate = (pointer) => {
        for (const p of (0,contract_locate/* pointerAncestors */.Kq)(pointer)) {
            const at = map.value(p);
            if (at)
                return at;
        }
        return { line: 1, column: 1 };
    };
    const validate = validatorFor(kind);
    if (!validate(data))
        findings.push(...schemaFindings(validate.errors ?? [], file, map, locate));
    return { kind, file, text, data: data, findings, locate };
}
/**
 * The data of `text` when it is exactly what JSON.stringify(data, null, 2)
 * prints (with or without one final newline): such text is strict JSON with
 * no duplicate key (a duplicate would be printed once), so the scanner's
 * syntax check can be skipped. Anything else goes through the scanner.
 */
function canonicalJson(text) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch {
        return { ok: false };
    }
    const printed = JSON.stringify(data, null, 2);
    return text === printed || (text.length === printed.length + 1 && text === printed + "\n")
        ? { ok: true, data }
        : { ok: false };
}
/** A source map built on first use (only a document with a finding needs positions). */
function lazySourceMap(build) {
    let m;
    return {
        value: (p) => (m ??= build()).value(p),
        key: (p) => (m ??= build()).key(p),
    };
}
function parseYaml(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter,
        uniqueKeys: true,
        prettyErrors: false,
        strict: true,
        // PyYAML (the Python tool) honours `<<` merge keys; so do we.
        merge: true,
    });
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    if (doc.errors.length) {
        const e = doc.errors[0];
        // The parser can point at the line break that ends the line before the
        // offending node (a key with an empty value, then a bad indent): report
        // the first character that is not blank from there on.
        let offset = e.pos[0];
        while (offset < text.length && /[ \t\r\n]/.test(text[offset]))
            offset++;
        if (offset >= text.length)
            offset = e.pos[0];
        const where = at(offset);
        const dup = e.code === "DUPLICATE_KEY";
        const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more YAML error(s))` : "";
        throw new util_errors/* AutolabError */.t0(`invalid YAML: ${firstLine(e.message)}${more}`, {
            file,
            ...where,
            hint: dup ? "keep one of the two entries with this key" : undefined,
        });
    }
    let data;
    try {
        // An empty document (nothing but comments) reads as an empty mapping.
        data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        throw new util_errors/* AutolabError */.t0(`invalid YAML: ${e.message}`, { file, line: 1, column: 1 });
    }
    const warnings = doc.warnings.map((w) => ({
        severity: "warning",
        check: "yaml",
        message: firstLine(w.message),
        file,
        ...at(w.pos[0]),
    }));
    return { data, map: (0,contract_locate/* yamlSourceMap */.X0)(doc, lineCounter), warnings };
}
function firstLine(s) {
    return s.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}
/** Read and parse a contract file (strict UTF-8). */
async function loadDocument(kind, absPath, displayPath) {
    const text = await (0,fs/* readTextStrict */.hr)(absPath, displayPath);
    return parseDocument(kind, text, displayPath);
}
/** Throw an AutolabError carrying every error finding (the first one's location on the error). */
function assertValid(doc) {
    const errors = doc.findings.filter((f) => f.severity === "error");
    if (!errors.length)
        return doc;
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem(s))` : "";
    throw new util_errors/* AutolabError */.t0(`${describeKind(doc.kind)} is invalid: ${first.message}${more}`, {
        file: doc.file,
        line: first.line,
        column: first.column,
        jsonPath: first.jsonPath,
        findings: errors,
    });
}
function describeKind(kind) {
    switch (kind) {
        case "manifest":
            return "run manifest";
        case "design":
            return "design";
        case "policy":
            return "verifier policy";
        case "metrics":
            return "metrics";
        case "state":
            return "state";
    }
}
// ---------------------------------------------------------------------------
// ajv errors -> findings
/** `compute.sbatch_options[1]` for `/compute/sbatch_options/1`. */
function displayJsonPath(pointer) {
    let s = "";
    for (const t of (0,contract_locate/* pointerTokens */.Mr)(pointer)) {
        if (/^(0|[1-9][0-9]*)$/.test(t))
            s += `[${t}]`;
        else
            s += (s ? "." : "") + (/^[A-Za-z0-9_-]+$/.test(t) ? t : JSON.stringify(t));
    }
    return s;
}
function shown(v) {
    let s;
    try {
        s = JSON.stringify(v) ?? String(v);
    }
    catch {
        s = String(v);
    }
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
}
function typeName(v) {
    if (v === null)
        return "null";
    if (Array.isArray(v))
        return "a list";
    if (typeof v === "object")
        return "a mapping";
    return typeof v;
}
const KIND_WORDS = {
    string: "a string",
    number: "a number",
    integer: "an integer",
    boolean: "true or false",
    object: "a mapping",
    array: "a list",
    null: "null",
};
const USE_X_MESSAGE = new Set(["pattern", "format", "type", "anyOf", "oneOf", "not", "required", "const"]);
function schemaFindings(errors, file, map, locate) {
    // Branch errors of a failed anyOf/oneOf are noise once the combined error is reported.
    const combined = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => e.schemaPath + "/");
    const out = [];
    const seen = new Set();
    for (const e of errors) {
        if (e.keyword === "if" || e.keyword === "propertyNames")
            continue;
        if (combined.some((prefix) => e.schemaPath.startsWith(prefix)))
            continue;
        const f = toFinding(e, file, map, locate);
        const key = `${f.jsonPath}\u0000${f.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(f);
    }
    return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
function toFinding(e, file, map, locate) {
    const parent = (e.parentSchema ?? {});
    const xMessage = typeof parent["x-message"] === "string" ? parent["x-message"] : undefined;
    const params = e.params;
    let pointer = e.instancePath;
    let at;
    const propertyName = e.propertyName;
    let subject = pointer === "" ? "the document" : `\`${displayJsonPath(pointer)}\``;
    if (propertyName !== undefined) {
        // A bad key (propertyNames): point at the key itself.
        const keyPointer = `${pointer}/${propertyName.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        at = map.key(keyPointer);
        subject = `key ${JSON.stringify(propertyName)}${pointer ? ` in \`${displayJsonPath(pointer)}\`` : ""}`;
        pointer = keyPointer;
    }
    const got = ` (got ${shown(e.data)})`;
    let message;
    if (xMessage && USE_X_MESSAGE.has(e.keyword)) {
        message = xMessage.startsWith("must") ? `${subject} ${xMessage}${got}` : xMessage;
        if (e.keyword === "required" && pointer === e.instancePath)
            pointer = `${pointer}/${String(params.missingProperty)}`;
    }
    else {
        switch (e.keyword) {
            case "required": {
                const missing = String(params.missingProperty);
                message =
                    e.instancePath === ""
                        ? `missing required key \`${missing}\``
                        : `${subject} is missing required key \`${missing}\``;
                pointer = `${e.instancePath}/${missing}`;
                break;
            }
            case "enum":
                message = `${subject} must be one of ${params.allowedValues.map(String).join(", ")}${got}`;
                break;
            case "const":
                message = `${subject} must be ${shown(params.allowedValue)}${got}`;
                break;
            case "type": {
                const want = String(params.type)
                    .split(",")
                    .map((t) => KIND_WORDS[t] ?? t)
                    .join(" or ");
                message = `${subject} must be ${want} (got ${typeName(e.data)}${e.data !== null && typeof e.data !== "object" ? " " + shown(e.data) : ""})`;
                break;
            }
            case "maxLength":
                message = `${subject} is too long (${String(e.data).length} characters; at most ${String(params.limit)})`;
                break;
            case "minLength":
                message =
                    params.limit === 1
                        ? `${subject} must not be empty`
                        : `${subject} must have at least ${String(params.limit)} characters${got}`;
                break;
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum":
                message = `${subject} must be ${String(params.comparison)} ${String(params.limit)}${got}`;
                break;
            case "maxItems":
                message = `${subject} has too many items (at most ${String(params.limit)})`;
                break;
            case "minItems":
                message = `${subject} needs at least ${String(params.limit)} item(s)`;
                break;
            case "maxProperties":
                message = `${subject} has too many keys (at most ${String(params.limit)})`;
                break;
            case "additionalProperties": {
                const extra = String(params.additionalProperty);
                pointer = `${e.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}`;
                at = map.key(pointer);
                message = `unknown key \`${extra}\`${e.instancePath ? ` in ${subject}` : ""}`;
                break;
            }
            case "pattern":
                message = `${subject} must match the pattern ${String(params.pattern)}${got}`;
                break;
            case "format":
                message =
                    params.format === "date-time"
                        ? `${subject} must be a date and time such as "2026-11-28T15:14:32Z"${got}`
                        : `${subject} must be a valid ${String(params.format)}${got}`;
                break;
            case "anyOf":
            case "oneOf":
                message = `${subject} does not match any of the allowed forms${got}`;
                break;
            case "not":
                message = `${subject} is not allowed here${got}`;
                break;
            default:
                message = `${subject} ${e.message ?? "is invalid"}`;
        }
    }
    const xAt = typeof parent["x-at"] === "string" ? parent["x-at"] : undefined;
    if (xAt !== undefined && at === undefined) {
        pointer = `${e.instancePath}${xAt}`;
        at = locate(pointer);
    }
    at ??= locate(e.keyword === "required" ? e.instancePath : pointer);
    return {
        severity: "error",
        check: "schema",
        message,
        file,
        line: at.line,
        column: at.column,
        jsonPath: pointer || "/",
    };
}


/***/ }),

/***/ 5086:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AB: () => (/* binding */ utcDateOf),
/* harmony export */   Gf: () => (/* binding */ manifestJobId),
/* harmony export */   M3: () => (/* binding */ failureReasonOf),
/* harmony export */   MI: () => (/* binding */ firstTransition),
/* harmony export */   S1: () => (/* binding */ manifestStatus),
/* harmony export */   X9: () => (/* binding */ writesSentinel),
/* harmony export */   YK: () => (/* binding */ manifestCluster),
/* harmony export */   am: () => (/* binding */ manifestJobRef),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   dn: () => (/* binding */ manifestLaunchDate),
/* harmony export */   kY: () => (/* binding */ transition),
/* harmony export */   rA: () => (/* binding */ sweepIdOf),
/* harmony export */   yd: () => (/* binding */ launchedByPythonTool)
/* harmony export */ });
/* harmony import */ var _contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(345);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);


function nonEmpty(v) {
    if (typeof v === "string" && v.trim() !== "")
        return v.trim();
    if (typeof v === "number" && Number.isFinite(v))
        return String(v);
    return undefined;
}
function obj(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}
/** The SLURM job id: `job_id` > `slurm.job_id` > `resource_request.job_id` > `resource_request.slurm.job_id`. */
function manifestJobId(m) {
    const rr = obj(m.resource_request);
    return (nonEmpty(m.job_id) ?? nonEmpty(obj(m.slurm)?.job_id) ?? nonEmpty(rr?.job_id) ?? nonEmpty(obj(rr?.slurm)?.job_id));
}
/** The sweep a task run belongs to: `sweep.sweep_id` (what launch writes), else a top-level `sweep_id`. */
function sweepIdOf(m) {
    return nonEmpty(obj(m.sweep)?.sweep_id) ?? nonEmpty(m.sweep_id);
}
/**
 * Whether the run was launched by the Python autolab tool, whose job scripts
 * write no `job_sentinel.json` (issue 10, item 9). Its manifests carry
 * `workspace_revision` (its record of the launched revision) and neither of
 * the fields our launch always writes: `launch.tool: "autolab-slurm"` and,
 * for a SLURM run, the job name it gave (`slurm.job_name`). For such a run
 * the scheduler's own record (COMPLETED 0:0) is the evidence, a missing
 * sentinel is no missing evidence, and its ledger line follows that tool's
 * rules (ledger/ledger.ts).
 */
function launchedByPythonTool(m) {
    if (obj(m.launch)?.tool === "autolab-slurm")
        return false;
    const name = obj(m.slurm)?.job_name;
    if (typeof name === "string" && name !== "")
        return false;
    return obj(m.workspace_revision) !== undefined;
}
/** Whether the run's job script writes `job_sentinel.json` (all but the Python tool's). */
function writesSentinel(m) {
    return !launchedByPythonTool(m);
}
/**
 * The job as the scheduler port names it: the job id, and for a job on a
 * named cluster of a multi-cluster site (`slurm.cluster`, recorded from
 * sbatch's `id;cluster`) `id;cluster`, so each cluster is asked for its own
 * jobs (issue 10, item 6).
 */
function manifestJobRef(m) {
    const id = manifestJobId(m);
    const cluster = manifestCluster(m);
    return id !== undefined && cluster !== undefined ? `${id};${cluster}` : id;
}
/** The named cluster the run's job went to (`slurm.cluster`), when it is a usable cluster name. */
function manifestCluster(m) {
    const cluster = obj(m.slurm)?.cluster;
    return typeof cluster === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(cluster) ? cluster : undefined;
}
const RUN_ID_STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/;
/** UTC calendar date (YYYY-MM-DD) of an ISO timestamp; a timestamp without a zone is read as UTC. */
function utcDateOf(ts) {
    if (typeof ts !== "string")
        return undefined;
    const m = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}:?\d{2})?)?$/.exec(ts.trim());
    if (!m)
        return undefined;
    if (!m[2] || !m[3] || /^[Zz]$/.test(m[3]) || /^[+-]00:?00$/.test(m[3])) {
        // Already UTC (or no zone): the date is the first ten characters, if it is a real date.
        const d = new Date(`${m[1]}T00:00:00Z`);
        return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[1] ? undefined : m[1];
    }
    const zone = m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
    const d = new Date(`${m[1]}T${m[2]}${zone}`);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}
/**
 * The run's UTC launch date, YYYY-MM-DD: from `timestamps.started_at`, else
 * `started_at`, else the YYYYMMDDTHHMMSSZ stamp at the start of the run id.
 * Undefined when none of them gives a valid date.
 */
function manifestLaunchDate(m) {
    const fromTs = utcDateOf(obj(m.timestamps)?.started_at) ?? utcDateOf(m.started_at);
    if (fromTs)
        return fromTs;
    const s = typeof m.run_id === "string" ? RUN_ID_STAMP.exec(m.run_id) : null;
    if (!s)
        return undefined;
    const date = `${s[1]}-${s[2]}-${s[3]}`;
    return utcDateOf(date);
}
/**
 * The run's status. A manifest without `status` (older writers) is read as:
 * `submitted` when it is a SLURM run with a job id (the Python tool writes the
 * manifest right after sbatch answered), otherwise `pending`.
 */
function manifestStatus(m) {
    if ((0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .isRunStatus */ .Y$)(m.status))
        return m.status;
    if (m.status !== undefined) {
        throw new _util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AutolabError */ .t0(`unknown run status ${JSON.stringify(m.status)}`, { jsonPath: "/status" });
    }
    return m.host_mode === "slurm" && manifestJobId(m) !== undefined ? "submitted" : "pending";
}
/** The run's status, read leniently (an older writer may have left it out; an unknown word reads as missing). */
function statusOf(m) {
    if ((0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .isRunStatus */ .Y$)(m.status))
        return m.status;
    return m.host_mode === "slurm" && manifestJobId(m) !== undefined ? "submitted" : "pending";
}
/** The run's failure reason, wherever a writer put it (`failure.reason`, else `slurm.failure_reason`). */
function failureReasonOf(m) {
    const f = obj(m.failure)?.reason;
    if (typeof f === "string" && f)
        return f;
    const s = obj(m.slurm)?.failure_reason;
    return typeof s === "string" && s ? s : undefined;
}
/**
 * The run after moving it to `to` at `at` because of `evidence`; undefined
 * when the move is not allowed (backwards, same status, out of a terminal
 * status). `failure` is recorded only when `to` is `failed`. The input is
 * not modified.
 */
function transition(m, to, at, evidence, failure) {
    const from = statusOf(m);
    if (!(0,_contract_vocabulary_js__WEBPACK_IMPORTED_MODULE_0__/* .canTransition */ .w)(from, to))
        return undefined;
    const next = {
        ...m,
        status: to,
        history: [...(m.history ?? []), { from, to, at, evidence }],
    };
    if (to === "completed" || to === "failed") {
        next.timestamps = { ...m.timestamps, completed_at: at };
        next.completed_at = at;
    }
    if (to === "failed") {
        const f = failure ?? { reason: "unknown", message: evidence };
        next.failure = withoutUndefined(f);
        if (m.host_mode === "slurm") {
            next.slurm = { ...(m.slurm ?? {}), failure_reason: f.reason };
            if (f.cancelled_by !== undefined)
                next.slurm.cancelled_by = f.cancelled_by;
        }
    }
    return next;
}
function withoutUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
/** A new record's first state: `pending -> to` at `at`, through `transition` (so it has the same shape). */
function firstTransition(m, to, at, evidence, failure) {
    const start = { ...m, status: "pending", history: [] };
    const next = transition(start, to, at, evidence, failure);
    if (!next)
        throw new Error(`a new run cannot start as ${to}`);
    return next;
}


/***/ }),

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

/***/ 7946:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L0: () => (/* binding */ annotationMessage),
/* harmony export */   NA: () => (/* binding */ emitWorkflowCommands),
/* harmony export */   ZV: () => (/* binding */ annotationPath),
/* harmony export */   yi: () => (/* binding */ outsideFileLabel)
/* harmony export */ });
/* unused harmony exports STEP_ANNOTATION_LIMITS, JOB_ANNOTATION_LIMIT, escapeData, escapeProperty, formatWorkflowCommand */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
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
    if (node_path__WEBPACK_IMPORTED_MODULE_0__.posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p)) {
        if (!repoRoot)
            return undefined;
        const rel = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(repoRoot), node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(file));
        if (!rel || rel.startsWith("..") || node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(rel))
            return undefined;
        p = rel.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join("/");
    }
    p = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.normalize(p);
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
    const ordered = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .worstFirst */ .md)(findings);
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


/***/ }),

/***/ 5064:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ writeSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/**
 * The job summary's adapter: append markdown (rendered by report/summary.ts)
 * to this step's summary file, GITHUB_STEP_SUMMARY.
 */

/**
 * Append `markdown` to this step's summary (GITHUB_STEP_SUMMARY). Returns
 * false, writing nothing, when not running in a GitHub Actions step.
 */
async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return false;
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown, true).write();
    return true;
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
 * with the run's UTC launch date, and for a job on a named cluster of a
 * multi-cluster site (`slurm.cluster`) one more field at the end,
 * ` | cluster=C` (a line without a cluster is the Python tool's, byte for
 * byte). Pure text in, text out: parse, build the canonical line, upsert (in
 * place, leaving every other byte alone), verify.
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



const LEDGER_FORMAT = "- YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S[ | cluster=C]";
const LINE = /^- (\d{4}-\d{2}-\d{2}) \| job_id=([^\s|]+) \| iteration_id=([^\s|]+) \| run_id=([^\s|]+) \| status=([^\s|]+)(?: \| cluster=([^\s|]+))?$/;
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
    const loose = /^\s*[-*+]\s*(\S*)\s*\|\s*job_id=(\S*)\s*\|\s*iteration_id=(\S*)\s*\|\s*run_id=(\S*)\s*\|\s*status=(\S*)\s*(?:\|\s*cluster=\S*\s*)?$/.exec(content);
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
        const entry = {
            line,
            date: m[1],
            jobId: m[2],
            iterationId: m[3],
            runId: m[4],
            status: m[5],
            text: content,
        };
        if (m[6] !== undefined)
            entry.cluster = m[6];
        return { entry };
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
    // Only where a cluster is named: every other line stays the Python tool's, byte for byte.
    const cluster = python ? undefined : (0,_domain_run_js__WEBPACK_IMPORTED_MODULE_1__/* .manifestCluster */ .YK)(m);
    return `- ${date} | job_id=${checkToken(jobId, "job id", m)} | iteration_id=${checkToken(String(m.iteration_id), "iteration_id", m)} | run_id=${checkToken(String(m.run_id), "run_id", m)} | status=${status}${cluster ? ` | cluster=${cluster}` : ""}`;
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
            ["cluster", want[6] ?? "", e.cluster ?? ""],
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


/***/ }),

/***/ 5412:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   GR: () => (/* binding */ LOG_TAIL_CHARS),
/* harmony export */   OU: () => (/* binding */ checkRunRefusedNote),
/* harmony export */   QK: () => (/* binding */ countLine),
/* harmony export */   TH: () => (/* binding */ TITLE_LIMIT),
/* harmony export */   Uq: () => (/* binding */ findingsSummaryText),
/* harmony export */   _6: () => (/* binding */ findingsUnchangedNote),
/* harmony export */   _z: () => (/* binding */ findingsCheckRun),
/* harmony export */   a5: () => (/* binding */ OUTPUT_TEXT_LIMIT),
/* harmony export */   dV: () => (/* binding */ conclusionForFindings),
/* harmony export */   rh: () => (/* binding */ clipStart),
/* harmony export */   wU: () => (/* binding */ workflowCommandNotes)
/* harmony export */ });
/* unused harmony exports MESSAGE_LIMIT, findingToAnnotation, MAX_LISTED_IN_TEXT, runCheckFailedNote */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1940);
/* harmony import */ var _github_annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7946);
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
    const p = (0,_github_annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotationPath */ .ZV)(f.file, repoRoot);
    if (!p)
        return undefined;
    const line = posInt(f.line) ?? 1;
    const a = {
        path: p,
        start_line: line,
        end_line: line,
        annotation_level: LEVEL[f.severity] ?? "failure",
        message: clip((0,_github_annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotationMessage */ .L0)(f, p), MESSAGE_LIMIT),
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
    const w = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .worstSeverity */ .Lc)(findings);
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
    for (const f of o.maxAnnotations === undefined ? findings : (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .worstFirst */ .md)(findings)) {
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
                .map((f) => "- " + (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatFinding */ .tf)(f.file ? { ...f, file: (0,_github_annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .outsideFileLabel */ .yi)(f.file) } : f).replace(/\n/g, " "))
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


/***/ }),

/***/ 9740:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aT: () => (/* binding */ committedText),
/* harmony export */   hs: () => (/* binding */ mermaidNumber)
/* harmony export */ });
/* unused harmony export noIdentityNote */
/** Phrases several reports share. Pure. */
/** `committed <sha> and pushed to <branch>`, or undefined when nothing was committed. */
function committedText(c) {
    if (!c?.committed)
        return undefined;
    return `committed ${c.sha}${c.pushed ? ` and pushed to ${c.branch}` : ""}`;
}
/** The CLI's note when git knows no identity for the person: the commit is then the tool's. */
function noIdentityNote() {
    return "autolab: note: git has no user.name / user.email here, so commits are authored as github-actions[bot] (set them with git config)\n";
}
/**
 * A number as Mermaid's chart grammar reads it (xychart-beta: digits, a sign
 * and a point, never an exponent: `1.2e-7` is a parse error), to 6
 * significant digits.
 */
function mermaidNumber(x) {
    const r = Number(x.toPrecision(6));
    const s = String(r);
    if (!/e/i.test(s))
        return s;
    if (Math.abs(r) >= 1)
        return BigInt(Math.round(r)).toString();
    const digits = Math.min(100, 5 - Math.floor(Math.log10(Math.abs(r))));
    return r.toFixed(digits).replace(/0+$/, "");
}


/***/ }),

/***/ 5672:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SH: () => (/* binding */ runsSections),
/* harmony export */   c4: () => (/* binding */ stateClass),
/* harmony export */   no: () => (/* binding */ attentionOrder)
/* harmony export */ });
/* unused harmony exports FOLD_AFTER, MAX_CHART_RUNS, stateWord, stateBadge, escapeCell, metricCell, reasonCell, runDuration, queueWait, jobCell, stateCounts, metricChart */
/* harmony import */ var _domain_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1911);
/* harmony import */ var _sweep_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7573);
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9740);
/**
 * The runs part of the job summary (report/summary.ts renders the rest):
 * per-state counts, one section per iteration (and per sweep inside it, when
 * the manifests name one), active and failed runs first, finished runs
 * folded in `<details>` once a group has more than `FOLD_AFTER` runs, links
 * to each run's manifest and log, and a Mermaid chart of the primary metric
 * across the group's runs. Pure.
 *
 * A run's state is classified by its first word (`failed (TIMEOUT)` is
 * failed); its times are SLURM's start and end (the faces pass them), and the
 * metric and reason cells are never empty: they say why there is no value.
 */




/** A group with more runs than this folds its finished runs into `<details>`. */
const FOLD_AFTER = 10;
/** Runs drawn in one metric chart at most (the most recent). */
const MAX_CHART_RUNS = 60;
const MAX_CELL = 300;
/**
 * The state's first word, lower case: `failed (TIMEOUT)` -> `failed`,
 * `running (RUNNING)` -> `running`. Every colour and "still going" rule reads this.
 */
function stateWord(state) {
    return state.trim().toLowerCase().split(/[\s(]/)[0] ?? "";
}
function stateClass(state) {
    const s = stateWord(state);
    if (s === "failed" || s === "timeout" || s === "timed_out" || s === "cancelled")
        return "failed";
    if (s === "running" || s === "syncing" || s === "synced")
        return "active";
    if (s === "pending" || s === "submitted" || s === "queued")
        return "queued";
    if (s === "partial")
        return "partial";
    if (s === "completed")
        return "done";
    return "other";
}
const ICON = {
    failed: "🔴",
    active: "🔵",
    queued: "⚪",
    partial: "🟡",
    done: "🟢",
    other: "⚫",
};
/** Order of a group's rows: what needs attention first. */
const RANK = { failed: 0, active: 1, queued: 2, partial: 3, other: 4, done: 5 };
/** The coloured state: a dot by its class, then the words. */
function stateBadge(state) {
    return `${ICON[stateClass(state)]} ${state}`;
}
function clip(s, max) {
    return s.length <= max ? s : s.slice(0, max - 1) + "…";
}
/** Text safe inside a markdown table cell: no line breaks, `|` escaped, no raw HTML. */
function escapeCell(s) {
    return clip(s, MAX_CELL)
        .replace(/\r\n|\r|\n/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\\/g, "\\\\")
        .replace(/\|/g, "\\|");
}
function metricValue(v) {
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
/** The metric cell: the value, or why there is none. */
function metricCell(r) {
    const m = r.primaryMetric;
    if (m && m.value !== null && Number.isFinite(m.value)) {
        return `${m.name} = ${metricValue(m.value)}${r.metricsStatus && r.metricsStatus !== "ok" ? ` (${r.metricsStatus})` : ""}`;
    }
    if (m)
        return `${m.name}: no value${r.metricsStatus ? ` (metrics ${r.metricsStatus})` : ""}`;
    const c = stateClass(r.state);
    if (c === "queued" || c === "active")
        return "not yet (run not finished)";
    if (c === "failed")
        return "none (run failed)";
    return "not extracted";
}
/** The reason cell: the failure reason, the scheduler's reason, or what the run is doing. */
function reasonCell(r) {
    if (r.reason && r.reason !== "None")
        return r.reason;
    const c = stateClass(r.state);
    if (c === "queued")
        return "waiting for the scheduler";
    if (c === "active")
        return stateWord(r.state) === "running" ? "running" : "syncing outputs";
    if (c === "failed")
        return "not recorded";
    if (c === "done")
        return "finished";
    return "—";
}
function parseTime(s) {
    if (!s)
        return undefined;
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
}
/** Known duration, or SLURM's start to its end (a run still going: until `now`). */
function runDuration(r, now) {
    if (r.durationSeconds !== undefined && Number.isFinite(r.durationSeconds))
        return r.durationSeconds;
    return spansOf(r, now).runSeconds;
}
/** SLURM's queue wait (submit to start; a job still waiting: until `now`). */
function queueWait(r, now) {
    return spansOf(r, now).queuedSeconds;
}
function spansOf(r, now) {
    const c = stateClass(r.state);
    return (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .jobSpans */ .x8)({ submit: r.submittedAt, start: r.startedAt, end: r.completedAt, going: c === "active" || c === "queued" }, now !== undefined ? new Date(now) : undefined);
}
function utcMinute(s) {
    const t = parseTime(s);
    return t === undefined ? "—" : new Date(t).toISOString().slice(0, 16).replace("T", " ");
}
function link(label, rel, base) {
    if (!rel)
        return undefined;
    if (!base)
        return "`" + escapeCell(rel).replace(/`/g, "'") + "`";
    const url = base + rel.split("/").map(encodeURIComponent).join("/");
    return `[${label}](${url.replace(/\)/g, "%29")})`;
}
/** A job id as every report shows it: `123`, or `123 (cluster)` for a job on a named cluster. */
function jobCell(jobId, cluster) {
    return cluster ? `${jobId} (${cluster})` : jobId;
}
function row(r, v, c) {
    const d = runDuration(r, v.now);
    const q = queueWait(r, v.now);
    const files = [link("manifest", r.manifestPath, v.blobBase), link("log", r.logPath, v.blobBase)].filter(Boolean);
    const expected = r.expectedStart && stateClass(r.state) === "queued" ? `; expected start ${utcMinute(r.expectedStart)} UTC` : "";
    return `| ${[
        "`" + escapeCell(r.runId).replace(/`/g, "'") + "`",
        ...(c.sweep ? [r.sweepId ? "`" + escapeCell(r.sweepId).replace(/`/g, "'") + "`" : "—"] : []),
        r.jobId ? escapeCell(jobCell(r.jobId, r.cluster)) : "—",
        escapeCell(stateBadge(r.state)),
        utcMinute(r.startedAt),
        ...(c.queued ? [q !== undefined ? (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(q) : "—"] : []),
        d !== undefined ? (0,_domain_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(d) : "—",
        escapeCell(metricCell(r)),
        ...(c.efficiency ? [r.efficiency ? escapeCell(r.efficiency + (r.hints?.length ? " ⚠" : "")) : "—"] : []),
        escapeCell(reasonCell(r) + expected),
        r.sync ? escapeCell(r.sync) : "—",
        files.length ? files.join(" · ") : "—",
    ].join(" | ")} |`;
}
function head(c) {
    const cols = [
        "Run",
        ...(c.sweep ? ["Sweep"] : []),
        "Job",
        "State",
        "Started (SLURM, UTC)",
        ...(c.queued ? ["Queued (SLURM)"] : []),
        "Duration",
        "Primary metric",
        ...(c.efficiency ? ["Efficiency"] : []),
        "Reason",
        "Sync",
        "Files",
    ];
    return [`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`];
}
/** Hints listed under a group's table at most (the rest counted). */
const MAX_HINT_RUNS = 20;
/** The right-sizing hints of a group's runs, one line per run. */
function hintLines(runs) {
    const withHints = runs.filter((r) => r.hints?.length);
    if (!withHints.length)
        return [];
    const out = ["**Right-sizing** (⚠: a run used under the policy's share of what it asked for):", ""];
    for (const r of withHints.slice(0, MAX_HINT_RUNS))
        out.push(`- \`${escapeCell(r.runId).replace(/`/g, "'")}\`: ${r.hints.map(escapeCell).join("; ")}`);
    if (withHints.length > MAX_HINT_RUNS)
        out.push(`- …and ${withHints.length - MAX_HINT_RUNS} more run(s) with hints`);
    return [...out, ""];
}
/** `🔴 2 failed · 🔵 1 running …` for a set of runs. */
function stateCounts(runs) {
    const counts = new Map();
    for (const r of runs) {
        const w = stateWord(r.state) || "unknown";
        const c = counts.get(w) ?? { n: 0, cls: stateClass(r.state) };
        c.n++;
        counts.set(w, c);
    }
    return [...counts]
        .sort(([a, x], [b, y]) => RANK[x.cls] - RANK[y.cls] || a.localeCompare(b))
        .map(([w, c]) => `${ICON[c.cls]} ${c.n} ${w}`)
        .join(" · ");
}
/** Runs in the order a reader needs them: failed, active, queued, …, finished; newest first within each. */
function attentionOrder(runs) {
    return [...runs].sort((a, b) => RANK[stateClass(a.state)] - RANK[stateClass(b.state)] ||
        (b.startedAt ?? "").localeCompare(a.startedAt ?? "") ||
        b.runId.localeCompare(a.runId));
}
/** A label Mermaid accepts inside quotes. */
function chartLabel(s) {
    return clip(s.replace(/["\\`<>{}[\];:#\r\n]/g, " ").trim() || "run", 40);
}
/** The Mermaid chart of the primary metric across a group's runs (launch order), or nothing. */
function metricChart(title, runs) {
    const withValue = runs
        .filter((r) => r.primaryMetric && r.primaryMetric.value !== null && Number.isFinite(r.primaryMetric.value))
        .sort((a, b) => a.runId.localeCompare(b.runId));
    if (withValue.length < 2)
        return [];
    const names = new Set(withValue.map((r) => r.primaryMetric.name));
    const name = [...names][0];
    const shown = withValue.filter((r) => r.primaryMetric.name === name).slice(-MAX_CHART_RUNS);
    const values = shown.map((r) => r.primaryMetric.value);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = hi === lo ? Math.abs(hi) * 0.1 || 1 : (hi - lo) * 0.1;
    const fmt = _common_js__WEBPACK_IMPORTED_MODULE_1__/* .mermaidNumber */ .hs;
    const lines = [
        "```mermaid",
        "xychart-beta",
        `    title "${chartLabel(`${name} across ${title}`)}"`,
        // Runs by the random part of their id (launch order left to right): short, unique enough to find in the table.
        `    x-axis [${shown.map((r) => `"${chartLabel(r.runId.replace(/^.*_/, ""))}"`).join(", ")}]`,
        `    y-axis "${chartLabel(name)}" ${fmt(lo - pad)} --> ${fmt(hi + pad)}`,
        `    line [${values.map(fmt).join(", ")}]`,
        "```",
    ];
    const notes = [];
    if (names.size > 1)
        notes.push(`_Only \`${chartLabel(name)}\` is charted; the runs name ${names.size} metrics._`);
    if (withValue.length > shown.length)
        notes.push(`_The chart shows the last ${shown.length} runs with a value._`);
    return [...lines, ...(notes.length ? ["", ...notes] : [])];
}
function table(runs, v) {
    const c = {
        sweep: runs.some((r) => r.sweepId),
        queued: runs.some((r) => r.submittedAt),
        efficiency: runs.some((r) => r.efficiency),
    };
    return [...head(c), ...runs.map((r) => row(r, v, c))];
}
/** One group: counts, the runs needing attention, the finished folded past the threshold, the chart. */
function groupSection(heading, title, runs, v) {
    const ordered = attentionOrder(runs);
    const out = [`${heading} (${runs.length}): ${stateCounts(runs)}`, ""];
    if (runs.length <= FOLD_AFTER)
        out.push(...table(ordered, v), "");
    else {
        const open = ordered.filter((r) => stateClass(r.state) !== "done");
        const done = ordered.filter((r) => stateClass(r.state) === "done");
        if (open.length)
            out.push(...table(open, v), "");
        if (done.length) {
            out.push(`<details><summary>${done.length} finished run(s)</summary>`, "", ...table(done, v), "", "</details>", "");
        }
    }
    out.push(...hintLines(ordered));
    const chart = metricChart(title, runs);
    if (chart.length)
        out.push(...chart, "");
    return out;
}
function groupBy(xs, key) {
    const m = new Map();
    for (const x of xs) {
        const k = key(x);
        if (!m.has(k))
            m.set(k, []);
        m.get(k).push(x);
    }
    return m;
}
/** Every group's section: iterations with their most urgent run first; sweeps inside an iteration. */
function runsSections(runs, v) {
    const out = [`**${runs.length} run(s):** ${stateCounts(runs)}`, ""];
    const urgency = (rs) => Math.min(...rs.map((r) => RANK[stateClass(r.state)]));
    const iterations = [...groupBy(runs, (r) => r.iterationId ?? "")].sort(([a, x], [b, y]) => urgency(x) - urgency(y) || a.localeCompare(b));
    for (const [it, inIt] of iterations) {
        const itName = it ? `\`${escapeCell(it).replace(/`/g, "'")}\`` : "(no iteration)";
        const sweeps = groupBy(inIt, (r) => r.sweepId ?? "");
        // A small iteration is one table (with a Sweep column); a big one gets a section per sweep.
        if (inIt.length <= FOLD_AFTER || sweeps.size === 1) {
            out.push(...groupSection(`#### Iteration ${itName}`, it || "runs", inIt, v));
            for (const sw of [...sweeps.keys()].sort())
                out.push(...groupResultSection(sw, v));
            continue;
        }
        out.push(`#### Iteration ${itName} (${inIt.length}): ${stateCounts(inIt)}`, "");
        for (const [sw, inSweep] of [...sweeps].sort(([a], [b]) => a.localeCompare(b))) {
            const swName = sw ? `sweep \`${escapeCell(sw).replace(/`/g, "'")}\`` : "runs outside a sweep";
            out.push(...groupSection(`##### ${swName}`, sw || it || "runs", inSweep, v), ...groupResultSection(sw, v));
        }
    }
    return out;
}
/** A sweep's group result under its runs (nothing when the view has none for it). */
function groupResultSection(sweepId, v) {
    const g = sweepId ? v.groups?.get(sweepId) : undefined;
    if (!g)
        return [];
    return [(0,_sweep_js__WEBPACK_IMPORTED_MODULE_2__/* .sweepSection */ .iV)(`\`${escapeCell(sweepId).replace(/`/g, "'")}\`: group result`, g, 5), ""];
}


/***/ }),

/***/ 6965:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   mC: () => (/* binding */ findingLine)
/* harmony export */ });
/* unused harmony exports STEP_SUMMARY_LIMIT_BYTES, DEFAULT_SUMMARY_BYTES, MAX_TIMELINE_RUNS, MAX_FINDINGS_LISTED, mermaidText, ganttTag */
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5412);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1940);
/* harmony import */ var _summary_runs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5672);
/**
 * The job summary written after every action command: the runs touched,
 * grouped by iteration and sweep (report/summary-runs.ts), a Mermaid gantt
 * timeline, the findings (the worst `MAX_FINDINGS_LISTED`, the rest counted)
 * and the time spent in scheduler queries. `renderSummary` is pure (data in, markdown out) and keeps
 * the result under GitHub's 1 MiB step-summary limit, saying explicitly what it
 * left out. The action face writes it (github/summary.ts `writeSummary`).
 *
 * A run's state is classified by its first word, so `failed (TIMEOUT)` is
 * drawn as failed and `running (RUNNING)` as running; durations follow the
 * one rule of domain/duration.ts.
 */




/** GitHub refuses a step summary larger than 1 MiB. */
const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Default budget: the limit minus room for anything else the step writes. */
const DEFAULT_SUMMARY_BYTES = STEP_SUMMARY_LIMIT_BYTES - 32 * 1024;
/** Runs drawn in the timeline at most (a bigger gantt chart is unreadable and slow to render). */
const MAX_TIMELINE_RUNS = 100;
const MAX_MESSAGE = 2000;
/** Findings listed in the summary at most (the worst first; the rest are counted by severity). */
const MAX_FINDINGS_LISTED = 100;
const SEVERITY_ICON = { error: "🔴 error", warning: "🟡 warning", notice: "🔵 notice" };
function bytes(s) {
    return Buffer.byteLength(s, "utf8");
}
function clip(s, max) {
    return s.length <= max ? s : s.slice(0, max - 1) + "…";
}
/** Text safe in a markdown list item: one line, no raw HTML. */
function escapeInline(s, max = MAX_MESSAGE) {
    return clip(s, max)
        .replace(/\r\n|\r|\n/g, " ")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;");
}
function parseTime(s) {
    if (!s)
        return undefined;
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : t;
}
/** A run still going: its bar and duration run until `now`. */
function isGoing(state) {
    return (0,_summary_runs_js__WEBPACK_IMPORTED_MODULE_2__/* .stateClass */ .c4)(state) === "active";
}
/** A name Mermaid's gantt grammar accepts: no `:`, `#`, `;`, line breaks or quotes-of-doom. */
function mermaidText(s) {
    const t = s
        .replace(/[:#;\r\n`"<>{}]/g, " ")
        .replace(/\s+/g, " ")
        .trim();
    return clip(t || "run", 120);
}
function utc(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
/** The gantt tag of a state (by its first word). */
function ganttTag(state) {
    const c = (0,_summary_runs_js__WEBPACK_IMPORTED_MODULE_2__/* .stateClass */ .c4)(state);
    if (c === "failed" || c === "partial")
        return "crit, ";
    if (c === "active" || c === "queued")
        return "active, ";
    if (c === "done")
        return "done, ";
    return "";
}
/** A bar of at least one second (Mermaid draws nothing for a zero-length one). */
function span(start, end) {
    return { start, end: Math.max(end, start + 1000) };
}
function barOf(r, now) {
    const submit = parseTime(r.submittedAt);
    const start = parseTime(r.startedAt);
    const waiting = (0,_summary_runs_js__WEBPACK_IMPORTED_MODULE_2__/* .stateClass */ .c4)(r.state) === "queued";
    if (start === undefined) {
        // Still waiting: its queue bar runs to now.
        if (submit === undefined || !waiting || now === undefined)
            return undefined;
        return { r, first: submit, queued: span(submit, Math.max(submit, now)) };
    }
    let end = parseTime(r.completedAt);
    if (end === undefined && r.durationSeconds !== undefined && Number.isFinite(r.durationSeconds))
        end = start + r.durationSeconds * 1000;
    if (end === undefined)
        end = isGoing(r.state) && now !== undefined && now > start ? now : start;
    const bar = { r, first: submit !== undefined && submit < start ? submit : start, running: span(start, end) };
    if (submit !== undefined && submit < start)
        bar.queued = span(submit, start);
    return bar;
}
/** The gantt chart (queued and running as two segments per run) and a note about the runs it could not draw. */
function timeline(runs, now) {
    const notes = [];
    const drawable = [];
    const noStart = [];
    for (const r of runs) {
        const b = barOf(r, now);
        if (b)
            drawable.push(b);
        else
            noStart.push(r.runId);
    }
    if (noStart.length) {
        notes.push(`${noStart.length} run(s) without a start time are not in the timeline: ${noStart
            .slice(0, 10)
            .map((id) => "`" + escapeInline(id, 80).replace(/`/g, "'") + "`")
            .join(", ")}${noStart.length > 10 ? ", …" : ""}.`);
    }
    if (!drawable.length)
        return { lines: [], notes };
    drawable.sort((a, b) => a.first - b.first);
    let shown = drawable;
    if (drawable.length > MAX_TIMELINE_RUNS) {
        shown = drawable.slice(drawable.length - MAX_TIMELINE_RUNS);
        notes.push(`The timeline shows the ${MAX_TIMELINE_RUNS} most recently submitted of ${drawable.length} runs.`);
    }
    const first = Math.min(...shown.map((x) => x.first));
    const last = Math.max(...shown.map((x) => (x.running ?? x.queued).end));
    const spanMs = last - first;
    const axis = spanMs > 2 * 86400_000 ? "%m-%d" : spanMs > 6 * 3600_000 ? "%m-%d %H:%M" : "%H:%M";
    const lines = [
        "```mermaid",
        "gantt",
        "    title Runs (UTC): queued, then running",
        "    dateFormat YYYY-MM-DD HH:mm:ss",
        `    axisFormat ${axis}`,
        "    todayMarker off",
    ];
    const bySection = new Map();
    for (const x of shown) {
        const key = x.r.iterationId ?? "runs";
        if (!bySection.has(key))
            bySection.set(key, []);
        bySection.get(key).push(x);
    }
    let n = 0;
    for (const [section, items] of bySection) {
        lines.push(`    section ${mermaidText(section)}`);
        for (const x of items) {
            n++;
            const who = `${x.r.runId}${x.r.jobId ? ` job ${x.r.jobId}` : ""}`;
            if (x.queued)
                lines.push(`    ${mermaidText(`${who} queued`)} :q${n}, ${utc(x.queued.start)}, ${utc(x.queued.end)}`);
            if (x.running)
                lines.push(`    ${mermaidText(`${who} ${x.r.state}`)} :${ganttTag(x.r.state)}r${n}, ${utc(x.running.start)}, ${utc(x.running.end)}`);
        }
    }
    lines.push("```");
    return { lines, notes };
}
/** One finding as a summary list item (also what the findings fingerprint is made of). */
function findingLine(f) {
    let where = "";
    if (f.file) {
        where =
            f.file +
                (f.line !== undefined ? `:${f.line}` : "") +
                (f.line !== undefined && f.column !== undefined ? `:${f.column}` : "");
        where = "`" + escapeInline(where, 300).replace(/`/g, "'") + "` ";
    }
    const at = f.jsonPath ? ` (at \`${escapeInline(f.jsonPath, 200).replace(/`/g, "'")}\`)` : "";
    const hint = f.hint ? ` — fix: ${escapeInline(f.hint, 500)}` : "";
    return `- ${SEVERITY_ICON[f.severity] ?? f.severity} ${where}${escapeInline(f.message)}${at} \`[${escapeInline(f.check, 100).replace(/`/g, "'")}]\`${hint}`;
}
function sortFindings(findings) {
    return (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .worstFirst */ .md)(findings);
}
function render(input, runs, findings, truncation) {
    const out = [
        `## ${escapeInline(input.title, 200)}`,
        "",
        `Command: \`${escapeInline(input.command, 100).replace(/`/g, "'")}\``,
        "",
    ];
    if (truncation)
        out.push(`> [!WARNING]`, `> ${truncation}`, "");
    const now = parseTime(input.now);
    out.push(`### Runs (${input.runs.length})`, "");
    if (input.runs.length === 0)
        out.push("No runs were touched.", "");
    else
        out.push(...(0,_summary_runs_js__WEBPACK_IMPORTED_MODULE_2__/* .runsSections */ .SH)(runs, { now, blobBase: input.blobBase, groups: input.groups }));
    const tl = timeline(runs, now);
    if (tl.lines.length || tl.notes.length) {
        out.push("### Timeline", "");
        if (tl.lines.length)
            out.push(...tl.lines, "");
        for (const n of tl.notes)
            out.push(`_${n}_`, "");
    }
    out.push(`### Findings (${input.findings.length})`, "");
    if (input.findings.length === 0)
        out.push("No findings.", "");
    else {
        const listed = findings.slice(0, MAX_FINDINGS_LISTED);
        out.push(...listed.map(findingLine), "");
        if (findings.length > listed.length) {
            out.push(`_…and ${findings.length - listed.length} more (${(0,_checks_js__WEBPACK_IMPORTED_MODULE_0__/* .countLine */ .QK)(findings.slice(listed.length))}); the step log has all of them._`, "");
        }
    }
    if (input.scheduler) {
        const s = input.scheduler;
        const avg = s.calls ? ` (${Math.round(s.totalMs / s.calls)} ms per call)` : "";
        out.push("### Scheduler queries", "", `${s.calls} call(s), ${Math.round(s.totalMs)} ms in total${avg}.`, "");
        for (const d of s.detail ?? [])
            out.push(`- ${escapeInline(d, 500)}`);
        if (s.detail?.length)
            out.push("");
    }
    if (input.notes?.length) {
        out.push("### Notes", "");
        for (const n of input.notes)
            out.push(`- ${escapeInline(n)}`);
        out.push("");
    }
    return out.join("\n");
}
/** Cut `s` to at most `max` bytes on a character boundary. */
function cutBytes(s, max) {
    const buf = Buffer.from(s, "utf8");
    if (buf.length <= max)
        return s;
    let end = max;
    while (end > 0 && (buf[end] & 0xc0) === 0x80)
        end--;
    return buf.subarray(0, end).toString("utf8");
}
/**
 * Render the job summary. When the whole of it would exceed `maxBytes`, runs
 * and findings are dropped from the end (findings are ordered errors first)
 * in the same proportion until it fits, and a warning at the top says how
 * many of each were left out.
 */
function renderSummary(input) {
    const max = input.maxBytes ?? DEFAULT_SUMMARY_BYTES;
    const findings = sortFindings(input.findings);
    // What needs attention first, so a truncation leaves out finished runs before failed ones.
    const ordered = (0,_summary_runs_js__WEBPACK_IMPORTED_MODULE_2__/* .attentionOrder */ .no)(input.runs);
    const full = render(input, ordered, findings, undefined);
    if (bytes(full) <= max)
        return full;
    const nRuns = input.runs.length;
    const nFind = findings.length;
    const note = (keptRuns, keptFindings) => `This summary was truncated to stay under GitHub's 1 MiB job-summary limit: ` +
        `${nRuns - keptRuns} of ${nRuns} runs and ${nFind - Math.min(keptFindings, MAX_FINDINGS_LISTED)} of ${nFind} findings are left out. ` +
        `The step log and the ledger (docs/slurm_job_list.md) have all of them.`;
    const attempt = (frac) => {
        const kr = Math.floor(nRuns * frac);
        const kf = Math.floor(nFind * frac);
        return { kr, kf, text: render(input, ordered.slice(0, kr), findings.slice(0, kf), note(kr, kf)) };
    };
    // Size grows with the fraction kept: binary search the largest that fits.
    let lo = 0;
    let hi = 1;
    let best = attempt(0);
    if (bytes(best.text) <= max) {
        for (let i = 0; i < 24; i++) {
            const mid = (lo + hi) / 2;
            const a = attempt(mid);
            if (bytes(a.text) <= max) {
                lo = mid;
                best = a;
            }
            else
                hi = mid;
        }
        return best.text;
    }
    // Even with no rows the fixed parts (title, notes, scheduler detail) are too big: cut the text itself.
    const tail = `\n\n> [!WARNING]\n> ${note(0, 0)} The rest of this summary was cut as well.\n`;
    return cutBytes(best.text, Math.max(0, max - bytes(tail))) + tail;
}


/***/ }),

/***/ 7573:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iV: () => (/* binding */ sweepSection)
/* harmony export */ });
/* unused harmony exports sweepTable, sweepChart */
/* harmony import */ var _common_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9740);

function num(x) {
    if (x === null)
        return "–";
    const a = Math.abs(x);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? x.toExponential(3) : String(Number(x.toPrecision(6)));
}
/** Mermaid text must not break the chart: labels quoted, quotes and brackets dropped. */
function mermaidLabel(s) {
    return `"${s.replace(/["\\[\]\n\r`]/g, "").slice(0, 60)}"`;
}
function sweepTable(g) {
    const head = g.aggregation === "mean"
        ? `| point | ${g.metric} (mean ± sd) | n | missing | vs baseline |`
        : `| point | ${g.metric} (median) | n | missing | vs baseline |`;
    const rows = g.points.map((p) => {
        const value = p.center === null
            ? "–"
            : g.aggregation === "mean" && p.sd !== null
                ? `${num(p.center)} ± ${num(p.sd)}`
                : num(p.center);
        const delta = p.deltaVsBaseline === null ? "–" : `${p.deltaVsBaseline >= 0 ? "+" : ""}${num(p.deltaVsBaseline)}`;
        const name = `${p.point === g.best ? "**" : ""}${p.label.replace(/\|/g, "\\|")}${p.point === g.best ? "**" : ""}`;
        return `| ${name} | ${value} | ${p.n} | ${p.missing} | ${delta} |`;
    });
    return [head, "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
function sweepChart(g) {
    const shown = g.points.filter((p) => p.center !== null);
    if (!shown.length)
        return undefined;
    const values = shown.map((p) => p.center);
    const lo = Math.min(0, ...values);
    const hi = Math.max(...values);
    return [
        "```mermaid",
        "xychart-beta",
        `  title "${g.metric} by point (${g.aggregation} over replicates)"`,
        `  x-axis [${shown.map((p) => mermaidLabel(p.label)).join(", ")}]`,
        `  y-axis "${g.metric.replace(/"/g, "")}" ${(0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .mermaidNumber */ .hs)(lo)} --> ${(0,_common_js__WEBPACK_IMPORTED_MODULE_0__/* .mermaidNumber */ .hs)(hi === lo ? lo + 1 : hi)}`,
        `  bar [${values.map(_common_js__WEBPACK_IMPORTED_MODULE_0__/* .mermaidNumber */ .hs).join(", ")}]`,
        "```",
    ].join("\n");
}
/** The whole section: heading (`level` #'s, default 3), best point, table and chart. */
function sweepSection(sweepId, g, level = 3) {
    const best = g.best === undefined ? "no point has a value yet" : `best point (${g.goal}): **${g.points[g.best].label}**`;
    const chart = sweepChart(g);
    return [`${"#".repeat(level)} Sweep ${sweepId}`, "", best, "", sweepTable(g), ...(chart ? ["", chart] : []), ""].join("\n");
}


/***/ }),

/***/ 6301:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yb: () => (/* binding */ jobRunDir),
/* harmony export */   b3: () => (/* binding */ runNotFound),
/* harmony export */   cd: () => (/* binding */ discoverRuns)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _contract_design_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(543);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1940);
/* harmony import */ var _util_fs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3272);
/* harmony import */ var _domain_layout_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(545);
/**
 * Run discovery: find every `experiments/<bucket>/<iteration_id>/runs/<run_id>/run_manifest.json`
 * in a repository, the way the glob `experiments/*\/*\/runs/*\/run_manifest.json`
 * would, with the filesystem only (no shell, no git).
 *
 * Shared by the verifier and the monitor. What it guarantees to its callers:
 * - every path it returns lies inside the repository: an entry that is a
 *   symlink pointing outside (at any level: `experiments`, bucket, iteration,
 *   `runs`, run directory, manifest) is refused and reported, never followed;
 * - names it returns are safe tokens (`[A-Za-z0-9._+-]`, not `.`/`..`), so a
 *   caller can put them in paths, job names and hints; an odd name is reported;
 * - odd entries are findings, not exceptions: a bucket that is not
 *   plan/in_progress/done, an iteration present in two buckets, a run directory
 *   without a manifest, a manifest that is not a file, a dangling symlink;
 * - results are sorted (iteration path, then run id) so output is stable.
 *
 * Cost: one readdir per bucket, per iteration and per `runs/` directory, one
 * lstat per run (the manifest); realpath only for entries that are symlinks.
 * The calls are synchronous: a command does nothing else meanwhile, and a
 * synchronous lstat costs a few microseconds where a queued one costs tens
 * (10,000 runs: about 50 ms instead of 500).
 */








function stampOf(st) {
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}


/**
 * Kind of the entry at `abs` (following a symlink only when it stays inside the
 * repository). `dirent` saves the lstat when the caller already has one.
 */
function entryKind(w, abs, dirent) {
    let isLink;
    if (dirent) {
        if (dirent.isDirectory())
            return "dir";
        if (dirent.isFile())
            return "file";
        isLink = dirent.isSymbolicLink();
        if (!isLink)
            return "other";
    }
    else {
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(abs, { throwIfNoEntry: false });
        if (!st)
            return "missing";
        if (st.isDirectory())
            return "dir";
        if (st.isFile())
            return "file";
        isLink = st.isSymbolicLink();
        if (!isLink)
            return "other";
    }
    const shown = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(w.root, abs);
    try {
        (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveInside */ .LI)(w.root, node_path__WEBPACK_IMPORTED_MODULE_2__.relative(w.root, abs), "path");
    }
    catch (e) {
        const message = e instanceof _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0 ? e.message : String(e);
        w.findings.push({
            severity: "error",
            check: "discover.symlink",
            file: shown,
            message: `refused: ${message}; it is not read`,
            hint: `replace ${shown} with a real directory or file inside the repository (or a symlink to one)`,
        });
        return "other";
    }
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(abs);
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(abs);
        if (st.isDirectory())
            w.linked.push(abs + node_path__WEBPACK_IMPORTED_MODULE_2__.sep);
        return st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
    }
    catch {
        w.findings.push({
            severity: "warning",
            check: "discover.symlink",
            file: shown,
            message: "dangling symlink: its target does not exist; it is skipped",
            hint: `remove ${shown} or point it at an existing path inside the repository`,
        });
        return "other";
    }
}
function listDir(dir) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
}
function oddName(w, abs, what) {
    const shown = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(w.root, abs);
    w.findings.push({
        severity: "error",
        check: "discover.name",
        file: shown,
        message: `${what} name ${JSON.stringify(node_path__WEBPACK_IMPORTED_MODULE_2__.basename(abs))} is not a safe name (letters, digits and . _ + - only); it is not checked`,
        hint: `rename ${JSON.stringify(shown)} to a name made of letters, digits and . _ + -`,
    });
}
/** Names that are never runs or iterations: dotfiles such as `.gitkeep` or `.DS_Store`. */
function hidden(name) {
    return name.startsWith(".");
}
function runsOfIteration(w, iterationId, iterationDir, opts) {
    const runsDir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(iterationDir, "runs");
    const kind = entryKind(w, runsDir);
    if (kind !== "dir")
        return [];
    const entries = listDir(runsDir);
    // Names from readdir are single components, so joining by hand is path.join (and far cheaper per run).
    const iterationPath = (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(w.root, iterationDir);
    const runsShown = iterationPath + "/runs/";
    const out = entries.map((d) => {
        if (hidden(d.name))
            return undefined;
        if (opts.runId !== undefined && d.name !== opts.runId)
            return undefined;
        const runDir = runsDir + node_path__WEBPACK_IMPORTED_MODULE_2__.sep + d.name;
        const k = entryKind(w, runDir, d);
        if (k !== "dir")
            return undefined; // stray files in runs/ are not runs
        if (!(0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .isSafeName */ .TE)(d.name)) {
            oddName(w, runDir, "run directory");
            return undefined;
        }
        const manifestPath = runDir + node_path__WEBPACK_IMPORTED_MODULE_2__.sep + _domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1;
        const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(manifestPath, { throwIfNoEntry: false });
        const mk = st?.isFile() ? "file" : entryKind(w, manifestPath);
        const runPath = runsShown + d.name;
        if (mk === "missing") {
            // A sweep's group directory (its record and chunk scripts) is not a run.
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(runDir + node_path__WEBPACK_IMPORTED_MODULE_2__.sep + _domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .SWEEP_RECORD_FILE */ .wL, { throwIfNoEntry: false })?.isFile())
                return undefined;
            w.findings.push({
                severity: "warning",
                check: "discover.no_manifest",
                file: runPath,
                message: `run directory has no ${_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1}; it is not a run the tool can check`,
                hint: `remove ${runPath} if it is left over, or restore its ${_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1} from git history`,
            });
            return undefined;
        }
        if (mk !== "file") {
            if (mk === "dir") {
                w.findings.push({
                    severity: "error",
                    check: "discover.no_manifest",
                    file: (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(w.root, manifestPath),
                    message: `${_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1} is not a regular file`,
                    hint: `replace ${(0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(w.root, manifestPath)} with the run's manifest file`,
                });
            }
            return undefined;
        }
        return {
            iterationId,
            iterationDir,
            iterationPath,
            runId: d.name,
            runDir,
            runPath,
            manifestPath,
            manifestDisplay: runPath + "/" + _domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FILE */ .h1,
            ...(st?.isFile() ? { manifestStamp: stampOf(st) } : {}),
        };
    });
    return out.filter((r) => r !== undefined);
}
/**
 * Every run in the repository at `repoRoot` (optionally only one iteration or
 * one run), with findings about entries that were skipped or refused.
 */
async function discoverRuns(repoRoot, opts = {}) {
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(repoRoot);
    const w = { root, findings: [], linked: [] };
    const experiments = node_path__WEBPACK_IMPORTED_MODULE_2__.join(root, "experiments");
    const runs = [];
    /** iteration id -> repo-relative dirs holding it (to spot duplicates across buckets). */
    const seen = new Map();
    if (entryKind(w, experiments) === "dir") {
        const buckets = listDir(experiments).filter((d) => !hidden(d.name));
        for (const b of buckets) {
            const bucketDir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(experiments, b.name);
            if (entryKind(w, bucketDir, b) !== "dir")
                continue;
            if (!(0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .isSafeName */ .TE)(b.name)) {
                oddName(w, bucketDir, "experiments folder");
                continue;
            }
            if (!_contract_design_js__WEBPACK_IMPORTED_MODULE_3__/* .ITERATION_BUCKETS */ .qy.includes(b.name)) {
                w.findings.push({
                    severity: "warning",
                    check: "discover.layout",
                    file: (0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(root, bucketDir),
                    message: `experiments/${b.name} is not one of ${_contract_design_js__WEBPACK_IMPORTED_MODULE_3__/* .ITERATION_BUCKETS */ .qy.join(", ")}; its runs are checked, but the other stages do not look there`,
                    hint: `move its iterations to experiments/plan, experiments/in_progress or experiments/done`,
                });
            }
            const iterations = listDir(bucketDir).filter((d) => !hidden(d.name));
            for (const it of iterations) {
                if (opts.iteration !== undefined && it.name !== opts.iteration)
                    continue;
                const iterationDir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(bucketDir, it.name);
                if (entryKind(w, iterationDir, it) !== "dir")
                    continue;
                if (!(0,_domain_layout_js__WEBPACK_IMPORTED_MODULE_6__/* .isSafeName */ .TE)(it.name)) {
                    oddName(w, iterationDir, "iteration directory");
                    continue;
                }
                const list = seen.get(it.name) ?? [];
                list.push((0,_util_fs_js__WEBPACK_IMPORTED_MODULE_5__/* .displayPath */ .Gt)(root, iterationDir));
                seen.set(it.name, list);
                for (const r of runsOfIteration(w, it.name, iterationDir, opts))
                    runs.push(r);
            }
        }
    }
    // A run is link-free when no directory on its way was a followed symlink (and its manifest is a file).
    for (const r of runs) {
        if (r.manifestStamp && !w.linked.some((d) => r.runDir.startsWith(d) || r.runDir + node_path__WEBPACK_IMPORTED_MODULE_2__.sep === d))
            r.linkFree = true;
    }
    for (const [id, dirs] of seen) {
        if (dirs.length < 2)
            continue;
        dirs.sort();
        w.findings.push({
            severity: "warning",
            check: "discover.duplicate_iteration",
            file: dirs[1],
            message: `iteration ${id} exists in more than one place: ${dirs.join(", ")}`,
            hint: `keep one copy: an iteration lives in exactly one of experiments/plan, in_progress, done`,
        });
    }
    if (opts.iteration !== undefined && !seen.has(opts.iteration)) {
        w.findings.push({
            severity: "error",
            check: "discover.not_found",
            file: "experiments",
            message: `iteration ${JSON.stringify(opts.iteration)} not found under experiments/{${_contract_design_js__WEBPACK_IMPORTED_MODULE_3__/* .ITERATION_BUCKETS */ .qy.join(",")}}/`,
            hint: "check the iteration id (the name of its directory under experiments/<bucket>/)",
        });
    }
    else if (opts.runId !== undefined && !runs.some((r) => r.runId === opts.runId)) {
        w.findings.push({
            severity: "error",
            check: "discover.not_found",
            file: "experiments",
            message: `run ${JSON.stringify(opts.runId)} not found${opts.iteration !== undefined ? ` in iteration ${opts.iteration}` : ""}`,
            hint: "check the run id (the name of its directory under runs/)",
        });
    }
    runs.sort((a, b) => a.iterationPath < b.iterationPath
        ? -1
        : a.iterationPath > b.iterationPath
            ? 1
            : a.runId < b.runId
                ? -1
                : a.runId > b.runId
                    ? 1
                    : 0);
    w.findings.sort((a, b) => ((a.file ?? "") < (b.file ?? "") ? -1 : (a.file ?? "") > (b.file ?? "") ? 1 : 0));
    return { runs, findings: w.findings };
}
/**
 * Where run `m`'s job writes its files: `<launch.work_dir>/<run path>` for a
 * run launched with a work root, else the checkout's run dir. `missing` when
 * the snapshot's run dir is gone.
 */
function jobRunDir(m, repoRoot, runDir) {
    const launch = m.launch;
    const wd = launch && typeof launch === "object" ? launch.work_dir : undefined;
    if (wd === undefined || wd === null)
        return { dir: runDir, missing: false };
    if (typeof wd !== "string" || !node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(wd))
        return { dir: runDir, missing: false, invalid: JSON.stringify(wd) };
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2__.join(wd, node_path__WEBPACK_IMPORTED_MODULE_2__.relative(repoRoot, runDir));
    let missing = true;
    try {
        missing = !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(dir).isDirectory();
    }
    catch {
        missing = true;
    }
    return { dir, workDir: wd, missing };
}
/**
 * The error for a run asked for by id that discovery did not return: exit 2
 * when there is no such run, exit 1 (with the reasons as findings) when it
 * exists but was refused, e.g. a symlink leaving the repository.
 */
function runNotFound(runId, findings) {
    const why = findings.filter((f) => f.check !== "discover.not_found");
    return new _util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .AutolabError */ .t0(why.length ? `run ${runId} could not be read` : `no run ${runId} under experiments/*/*/runs/`, {
        exitCode: why.some((f) => f.severity === "error") ? 1 : 2,
        hint: "autolab status lists the runs",
        findings: why,
        file: why[0]?.file,
    });
}


/***/ })

};
