#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 6660:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ay: () => (/* binding */ commandLine),
  lx: () => (/* binding */ wantsHelp)
});

// UNUSED EXPORTS: REPO_OPTION, parseArgs

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __nccwpck_require__(1940);
// EXTERNAL MODULE: ./lib/src/cli/suggest.js
var suggest = __nccwpck_require__(5693);
;// CONCATENATED MODULE: ./lib/src/cli/args.js
/**
 * The command line of one `autolab <command>`: node:util's parseArgs splits
 * it into tokens (`--flag`, `--opt value`, `--opt=value`, `-o value`, grouped
 * short flags, `--` ends options); this file judges the tokens, because the
 * rules a person needs are stricter and the words kinder than parseArgs's:
 *
 *  - a value option never takes a flag as its value: `--run-id --json` is
 *    "--run-id needs a value" (a value that starts with a dash is written
 *    `--run-id=-x`);
 *  - an unknown option is refused with the nearest known one ("did you mean");
 *  - extra or missing positional arguments are refused (the count is the
 *    command's);
 *  - a deprecated spelling is accepted with a warning;
 *  - `--help` / `-h` anywhere before `--` asks for help (see wantsHelp).
 *
 * Every mistake is a UsageError (exit 2).
 */





/** `--help` or `-h` before `--` (anywhere else on the line). */
function wantsHelp(argv) {
    const end = argv.indexOf("--");
    return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}
function helpHint(rules) {
    return rules.command ? `see autolab ${rules.command} --help` : "see autolab --help";
}
function unknownOption(raw, original, specs, rules) {
    const longs = specs.filter((s) => !s.aliasOf).map((s) => `--${s.name}`);
    // A long option written with one dash (`-json`) is split into short flags by the tokenizer: name the whole word.
    const word = raw.startsWith("--") ? raw : original.length > 2 && !original.startsWith("--") ? original : undefined;
    const asLong = word && !word.startsWith("--") ? `-${word}` : word;
    const near = asLong ? (longs.includes(asLong) ? asLong : (0,suggest/* didYouMean */.a)(asLong, longs)) : undefined;
    return new errors/* UsageError */.eb(`unknown option ${word ?? raw}${near ? ` (did you mean ${near}?)` : ""}`, helpHint(rules));
}
function countPositionals(positionals, rules) {
    const { min, max, what } = rules.positionals ?? { min: 0, max: 0 };
    const cmd = rules.command ? `${rules.command} ` : "";
    if (positionals.length > max) {
        const extra = positionals[max];
        throw new errors/* UsageError */.eb(max === 0
            ? `${cmd}takes no arguments, got ${JSON.stringify(extra)}`
            : `unexpected argument ${JSON.stringify(extra)} (${cmd}takes ${max === min ? "exactly" : "at most"} ${max}${what ? ` ${what}` : ""})`, helpHint(rules));
    }
    if (positionals.length < min) {
        throw new errors/* UsageError */.eb(`${cmd}needs ${min === max ? "exactly" : "at least"} ${min}${what ? ` ${what}` : " argument(s)"}`, helpHint(rules));
    }
}
function parseArgs(argv, specs, rules = {}) {
    const byName = new Map(specs.map((s) => [s.name, s]));
    const options = {};
    for (const s of specs)
        options[s.name] = { type: s.value ? "string" : "boolean", ...(s.short ? { short: s.short } : {}) };
    const { tokens } = (0,external_node_util_namespaceObject.parseArgs)({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
    const out = { positionals: [], flags: {}, values: {}, lists: {}, warnings: [] };
    for (const t of tokens) {
        if (t.kind === "positional") {
            out.positionals.push(t.value);
            continue;
        }
        if (t.kind === "option-terminator")
            continue;
        const given = byName.get(t.name);
        if (!given)
            throw unknownOption(t.rawName, argv[t.index] ?? t.rawName, specs, rules);
        const spec = given.aliasOf ? (byName.get(given.aliasOf) ?? given) : given;
        if (given.aliasOf)
            out.warnings.push(`${t.rawName} is deprecated: use --${spec.name}`);
        const shown = t.rawName;
        if (!spec.value) {
            if (t.value !== undefined)
                throw new errors/* UsageError */.eb(`option ${shown} takes no value`, helpHint(rules));
            out.flags[spec.name] = true;
            continue;
        }
        const v = t.value;
        if (v === undefined || (!t.inlineValue && v.startsWith("-") && v !== "-")) {
            throw new errors/* UsageError */.eb(`option ${shown} needs a value${v === undefined ? "" : ` (got the option ${v})`}`, v === undefined ? helpHint(rules) : `a value that starts with a dash is written ${shown}=${v}`);
        }
        if (spec.multiple)
            (out.lists[spec.name] ??= []).push(v);
        else if (out.values[spec.name] !== undefined && out.values[spec.name] !== v)
            throw new errors/* UsageError */.eb(`option --${spec.name} given twice`, helpHint(rules));
        else
            out.values[spec.name] = v;
    }
    countPositionals(out.positionals, rules);
    return out;
}
/** The option every command takes: the repository to act on. */
const REPO_OPTION = { name: "repo", value: true };
/**
 * Parse a command's line with the shared `--repo DIR` option: the command acts
 * as if started in DIR (like `git -C DIR`), so relative paths on the line are
 * taken from DIR. DIR must be a directory unless `repoMayBeMissing` (init
 * creates it). Deprecation warnings go to stderr.
 */
function commandLine(argv, io, specs, rules) {
    const a = parseArgs(argv, [...specs, REPO_OPTION], rules);
    for (const w of a.warnings)
        io.stderr(`autolab: warning: ${w}\n`);
    const repo = a.values.repo;
    if (repo === undefined)
        return { ...a, cwd: io.cwd, repoGiven: false };
    if (!repo)
        throw new errors/* UsageError */.eb("--repo needs a directory", helpHint(rules));
    const cwd = external_node_path_.resolve(io.cwd, repo);
    if (!rules.repoMayBeMissing && !isDirectory(cwd))
        throw new errors/* UsageError */.eb(`--repo ${repo}: no such directory`, helpHint(rules));
    return { ...a, cwd, repoGiven: true };
}
function isDirectory(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 5693:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ didYouMean)
/* harmony export */ });
/* unused harmony export editDistance */
/** "Did you mean": the known word nearest to a mistyped one (pure). */
/** Edit distance with adjacent transpositions (optimal string alignment). */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
/**
 * The known word closest to `given`: a unique word that starts with it (`stat`
 * -> `status`), else the nearest within a third of its length (at least 1,
 * at most 3 edits). Undefined when nothing is close.
 */
function didYouMean(given, known) {
    const g = given.toLowerCase();
    const bare = (w) => w.replace(/^-+/, "");
    const prefixed = known.filter((k) => bare(g).length >= 2 && bare(k).startsWith(bare(g)) && k !== g);
    if (prefixed.length === 1)
        return prefixed[0];
    const limit = Math.min(3, Math.max(1, Math.floor(bare(g).length / 3)));
    let best;
    let bestD = Infinity;
    for (const k of known) {
        const dist = editDistance(g, k.toLowerCase());
        if (dist < bestD) {
            best = k;
            bestD = dist;
        }
    }
    return bestD <= limit && bestD > 0 ? best : undefined;
}


/***/ }),

/***/ 1940:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Oo: () => (/* binding */ findingFromError),
/* harmony export */   Wk: () => (/* binding */ formatError),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   t0: () => (/* binding */ AutolabError),
/* harmony export */   tf: () => (/* binding */ formatFinding)
/* harmony export */ });
/* unused harmony exports formatLocation, errorMessage, worstSeverity, worstFirst */
/**
 * Errors and findings shared by every layer.
 *
 * An AutolabError always says which file (and where possible which line and
 * column) it concerns, so the CLI and the action can point a researcher at the
 * exact spot. Exit codes follow the CLI contract: 1 = check failed / runtime
 * error, 2 = usage error.
 */
class AutolabError extends Error {
    location;
    exitCode;
    hint;
    findings;
    constructor(message, opts = {}) {
        super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
        this.name = "AutolabError";
        this.location = { file: opts.file, line: opts.line, column: opts.column, jsonPath: opts.jsonPath };
        this.exitCode = opts.exitCode ?? 1;
        this.hint = opts.hint;
        this.findings = opts.findings ?? [];
    }
}
/** A wrong command line: exit 2. */
class UsageError extends AutolabError {
    constructor(message, hint) {
        super(message, { exitCode: 2, hint });
        this.name = "UsageError";
    }
}
/** `file:line:col: ` prefix (only the parts that are known). */
function formatLocation(loc) {
    if (!loc.file)
        return "";
    let s = loc.file;
    if (loc.line !== undefined) {
        s += `:${loc.line}`;
        if (loc.column !== undefined)
            s += `:${loc.column}`;
    }
    return s;
}
function formatFinding(f) {
    const where = formatLocation(f);
    const path = f.jsonPath ? ` (at ${f.jsonPath})` : "";
    const hint = f.hint ? `\n    fix: ${f.hint}` : "";
    return `${where ? where + ": " : ""}${f.severity}: ${f.message}${path} [${f.check}]${hint}`;
}
const ERRNO_WORDS = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EROFS: "read-only file system",
    EEXIST: "already exists",
    ENOTDIR: "not a directory",
    EISDIR: "is a directory",
    ENOTEMPTY: "directory not empty",
    EMFILE: "too many open files",
    ELOOP: "too many levels of symbolic links",
    ETIMEDOUT: "timed out",
    ECONNREFUSED: "connection refused",
};
/**
 * An error's message for a person: a system error (`EACCES: permission
 * denied, open '/x'`) as `/x: permission denied`, anything else as it is.
 */
function errorMessage(err) {
    if (!(err instanceof Error))
        return String(err);
    const e = err;
    const words = typeof e.code === "string" ? ERRNO_WORDS[e.code] : undefined;
    if (!words)
        return err.message;
    const where = typeof e.path === "string" ? e.path : undefined;
    return where ? `${where}: ${words}` : words;
}
function formatError(err) {
    if (err instanceof AutolabError) {
        const where = formatLocation(err.location);
        const path = err.location.jsonPath ? ` (at ${err.location.jsonPath})` : "";
        const extra = err.findings.length ? "\n" + err.findings.map((f) => "  " + formatFinding(f)).join("\n") : "";
        const hint = err.hint ? `\n  fix: ${err.hint}` : "";
        return `${where ? where + ": " : ""}error: ${err.message}${path}${extra}${hint}`;
    }
    return `error: ${errorMessage(err)}`;
}
function worstSeverity(findings) {
    if (findings.some((f) => f.severity === "error"))
        return "error";
    if (findings.some((f) => f.severity === "warning"))
        return "warning";
    if (findings.length)
        return "notice";
    return undefined;
}
/**
 * A finding from a caught error: an AutolabError keeps its own location and
 * hint; anything else becomes a finding at `file`.
 */
function findingFromError(e, check, file, opts = {}) {
    const severity = opts.severity ?? "error";
    if (e instanceof AutolabError) {
        return {
            severity,
            check,
            message: e.message,
            file: e.location.file ?? file,
            line: e.location.line,
            column: e.location.column,
            jsonPath: e.location.jsonPath,
            hint: e.hint ?? opts.hint,
        };
    }
    return { severity, check, message: errorMessage(e), file, hint: opts.hint };
}
const SEVERITY_RANK = { error: 0, warning: 1, notice: 2 };
/** Findings worst first (errors, warnings, notices), keeping their order within a severity. */
function worstFirst(findings) {
    return findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => (SEVERITY_RANK[a.f.severity] ?? 0) - (SEVERITY_RANK[b.f.severity] ?? 0) || a.i - b.i)
        .map((x) => x.f);
}


/***/ }),

/***/ 1294:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/* unused harmony export SCHEMA_VERSION */
/** Version of autolab-slurm; kept equal to package.json's by a test. */
const VERSION = "0.1.0";
/** The file format generation this tool reads and writes (the Python autolab tool's). */
const SCHEMA_VERSION = "1.0";


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./lib/src/util/errors.js
var errors = __nccwpck_require__(1940);
// EXTERNAL MODULE: ./lib/src/version.js
var version = __nccwpck_require__(1294);
// EXTERNAL MODULE: ./lib/src/cli/args.js + 1 modules
var args = __nccwpck_require__(6660);
// EXTERNAL MODULE: ./lib/src/cli/suggest.js
var suggest = __nccwpck_require__(5693);
;// CONCATENATED MODULE: ./lib/src/cli/main.js
/**
 * `autolab` command dispatcher. Thin: finds the command, handles --help and
 * --version, maps thrown errors to exit codes (AutolabError carries its own;
 * anything else is 1). Commands live in ./commands, one file each, and are
 * loaded only after `--version` (which needs none of them) is answered.
 */




function overview(commands) {
    const width = Math.max(...commands.map((c) => c.name.length));
    const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
    return [
        `autolab ${version/* VERSION */.x}: run research experiments on SLURM from a git repository`,
        "",
        "Usage: autolab <command> [options]    (autolab <command> --help for details)",
        "",
        "Commands:",
        ...lines,
        "",
        "Every command takes --repo DIR (act on the repository at DIR) and --help.",
        "Exit codes: 0 ok, 1 a check failed or an error occurred, 2 usage error.",
        "",
    ].join("\n");
}
function printHelp(cmd, io) {
    io.stdout(cmd.help.endsWith("\n") ? cmd.help : cmd.help + "\n");
    return 0;
}
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (name === "--version" || name === "-V" || name === "version") {
        io.stdout(`${version/* VERSION */.x}\n`);
        return 0;
    }
    const { COMMANDS } = await Promise.all(/* import() */[__nccwpck_require__.e(815), __nccwpck_require__.e(294)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5294));
    const find = (n) => COMMANDS.find((c) => c.name === n);
    if (!name || name === "--help" || name === "-h" || name === "help") {
        // `autolab help status`, `autolab --help status`: that command's help.
        const named = find(rest[0]);
        if (named)
            return printHelp(named, io);
        io.stdout(overview(COMMANDS));
        return name ? 0 : 2;
    }
    const cmd = find(name);
    if (!cmd) {
        const near = (0,suggest/* didYouMean */.a)(name, COMMANDS.map((c) => c.name));
        const what = name.startsWith("-") ? `unknown option ${name} before the command` : `unknown command '${name}'`;
        io.stderr(`autolab: ${what}${near ? ` (did you mean '${near}'?)` : ""}\n\n${overview(COMMANDS)}`);
        return 2;
    }
    // --help anywhere on the line (before `--`) wins over everything else on it.
    if ((0,args/* wantsHelp */.lx)(rest))
        return printHelp(cmd, io);
    try {
        return await cmd.run(rest, io);
    }
    catch (err) {
        io.stderr((0,errors/* formatError */.Wk)(err) + "\n");
        if (err instanceof errors/* AutolabError */.t0)
            return err.exitCode;
        return 1;
    }
}

;// CONCATENATED MODULE: ./lib/src/cli/index.js
/** Entry point of the `autolab` binary (bundled to dist/cli/index.js). */

main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
}).then((code) => {
    process.exitCode = code;
}, (err) => {
    process.stderr.write(`autolab: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
});

