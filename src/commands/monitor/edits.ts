/**
 * The tick's change set, in the order commit-back replays it: manifests
 * first (they decide which runs another writer superseded), then each run's
 * own files, the iterations' summaries, the ledger, state.json and the
 * monitor's outage state.
 */
import { serializeManifest } from "../../contract/manifest.js";
import type { RunManifest } from "../../contract/types.js";
import { assertValid, parseDocument } from "../../contract/validate.js";
import { put, type FileEdit } from "../../domain/changes.js";
import { MONITOR_STATE_PATH } from "../../domain/layout.js";
import { manifestEdit } from "../../domain/manifest-merge.js";
import type { MonitorState } from "../../domain/outage.js";
import { ledgerEdit } from "../../ledger/sync.js";
import { nextState, type GroupTasks } from "../../domain/stage.js";
import { stateEdit } from "../../store/state-file.js";
import { upsertRunSection } from "../../steps/extract.js";
import type { LoadedRun } from "../../store/runs.js";
import type { SweepGroup } from "../../steps/sweep-group.js";
import type { RunResult } from "./advance.js";
import type { BaseChange } from "./sweeps.js";

/** The exact manifest bytes, refused (AutolabError) when the manifest is invalid. */
function validManifestText(m: RunManifest, file: string): string {
  const text = serializeManifest(m);
  assertValid(parseDocument<RunManifest>("manifest", text, file));
  return text;
}

/**
 * analysis/summary.md is shared by the iteration's runs: each run's section
 * (and each sweep's group section, keyed by the sweep id) is upserted on the file as it is.
 */
function summaryEdits(results: readonly RunResult[], groups: readonly SweepGroup[]): FileEdit[] {
  const byPath = new Map<string, NonNullable<RunResult["section"]>[]>();
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
        if (ctx.superseded.has(s.runId)) continue;
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
function stateFollows(results: readonly RunResult[], now: Date, tasks: GroupTasks): FileEdit | undefined {
  const events = results.flatMap((r) => (r.changed ? r.stateEvents.map((event) => ({ m: r.changed!, event })) : []));
  if (!events.length) return undefined;
  return stateEdit((st, ctx) => {
    let s = st;
    for (const e of events) if (!ctx.superseded.has(e.m.run_id)) s = nextState(s, e.m, e.event, now, tasks) ?? s;
    return s === st ? undefined : s;
  }, "state.json");
}

export function tickEdits(i: {
  runs: readonly LoadedRun[];
  results: readonly RunResult[];
  ledgerFix: readonly RunManifest[];
  /** Sweeps whose group result this tick recomputed. */
  groups?: readonly SweepGroup[];
  /** Multi-run base runs (Python layout) that take their group's status this tick. */
  bases?: readonly BaseChange[];
  monitorState?: MonitorState;
  /** Status of every run known after this tick (a sweep's stage waits for all its tasks). */
  statuses?: GroupTasks;
  now: Date;
}): FileEdit[] {
  const edits: FileEdit[] = [];
  i.results.forEach((r, k) => {
    const l = i.runs[k];
    if (!r.changed) return;
    edits.push(
      manifestEdit({
        path: l.run.manifestDisplay,
        base: l.manifest,
        baseTexts: r.baseTexts,
        ours: r.changed,
        serialize: (m) => validManifestText(m, l.run.manifestDisplay),
      }),
    );
  });
  for (const b of i.bases ?? [])
    edits.push(
      manifestEdit({
        path: b.run.run.manifestDisplay,
        base: b.run.manifest,
        baseTexts: new Set(b.run.text !== undefined ? [b.run.text] : []),
        ours: b.next,
        serialize: (m) => validManifestText(m, b.run.run.manifestDisplay),
      }),
    );
  for (const r of i.results) for (const [p, content] of r.files) edits.push(put(p, content, r.report.runId));
  for (const g of i.groups ?? []) {
    edits.push({ ...put(g.metricsPath, g.metricsText), what: "the sweep's group metrics" });
    if (g.baseMetrics) edits.push({ ...put(g.baseMetrics.path, g.baseMetrics.text), what: "the group's base metrics" });
  }
  edits.push(...summaryEdits(i.results, i.groups ?? []));
  if (i.ledgerFix.length) edits.push(ledgerEdit(i.ledgerFix));
  const st = stateFollows(i.results, i.now, i.statuses ?? new Map());
  if (st) edits.push(st);
  if (i.monitorState) edits.push(put(MONITOR_STATE_PATH, JSON.stringify(i.monitorState, null, 2) + "\n"));
  return edits;
}
