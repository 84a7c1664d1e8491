export const id = 763;
export const ids = [763];
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

/***/ 763:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionMonitor: () => (/* binding */ actionMonitor)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var _commands_monitor_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3355);
/* harmony import */ var _report_monitor_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2679);
/* harmony import */ var _publish_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(502);
/* harmony import */ var _watch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1450);
/* harmony import */ var _step_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7783);
/** The action's monitor step (loaded only for command: monitor). */






async function actionMonitor(step) {
    const { inputs, ctx, repoRoot, octokit, budget, common, scheduler } = step;
    const rep = await (0,_commands_monitor_index_js__WEBPACK_IMPORTED_MODULE_1__/* .monitor */ .d)({ ...common, scheduler, runId: inputs.runId });
    (0,_step_js__WEBPACK_IMPORTED_MODULE_5__/* .setOutputs */ .n)((0,_report_monitor_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorOutputs */ .Xx)(rep));
    const findings = { name: "autolab monitor", list: rep.findings };
    // After the tick landed: checks follow the manifests as committed (never a superseded decision).
    const after = octokit && ctx.repository && !rep.dryRun
        ? await (0,_publish_js__WEBPACK_IMPORTED_MODULE_3__/* .publishAfterTick */ .HM)({ octokit, budget }, ctx, repoRoot, { logTails: (0,_report_monitor_js__WEBPACK_IMPORTED_MODULE_2__/* .logTailsOf */ .dk)(rep), findings })
        : undefined;
    const published = !after && rep.findings.length
        ? await (0,_publish_js__WEBPACK_IMPORTED_MODULE_3__/* .publishFindingsOf */ .bu)(octokit, ctx, findings.name, rep.findings, repoRoot)
        : after?.findings;
    await (0,_step_js__WEBPACK_IMPORTED_MODULE_5__/* .summarise */ .f)((0,_report_monitor_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorSummary */ .j6)(rep, [...(published?.notes ?? []), ...(after?.notes ?? [])]), ctx, rep.commit?.sha);
    await (0,_watch_js__WEBPACK_IMPORTED_MODULE_4__.announceFailures)(step, rep);
    await (0,_watch_js__WEBPACK_IMPORTED_MODULE_4__.retentionAfterTick)(step, rep);
    await (0,_watch_js__WEBPACK_IMPORTED_MODULE_4__.keepWatcherAlive)(step);
    const verdict = (0,_report_monitor_js__WEBPACK_IMPORTED_MODULE_2__/* .monitorVerdict */ .yn)(rep);
    if (verdict.failed)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(verdict.failed);
    else if (verdict.warning)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(verdict.warning);
}


/***/ })

};
