/**
 * The monitor's gather and question (commands/monitor/index.ts): the run
 * index opened, the question it left for this tick asked at once, the runs
 * discovered and read, the ledger parsed, and the scheduler's answer for the
 * runs in flight.
 */
import path from "node:path";
import type { MonitorSettings } from "../../domain/settings.js";
import type { RunManifest } from "../../contract/types.js";
import { sameQuestion, type NextQuestion } from "../../domain/run-index.js";
import { manifestJobRef } from "../../domain/run.js";
import { asksScheduler, needsWork } from "../../domain/tick.js";
import { groupKey, runGroups, type RunGroups } from "../../domain/run-group.js";
import { parseLedger } from "../../ledger/ledger.js";
import { LEDGER_PATH, readLedger } from "../../ledger/io.js";
import { ledgerProblems, linesByRun } from "../../ledger/sync.js";
import type { QueryOutcome } from "../../scheduler/port.js";
import { discoverRuns, runNotFound } from "../../store/discover.js";
import { ledgerStamp, openRunIndex } from "../../store/run-index.js";
import { loadUnvouched, settleIndexed, type LoadedRun } from "../../store/runs.js";
import type { Workspace } from "../../store/workspace.js";
import { findingFromError, type Finding } from "../../util/errors.js";
import type { MonitorOptions } from "./types.js";

/** The question for these runs in flight: their job ids (in discovery order, once each) and its time bound. */
export function questionFor(inFlight: readonly RunManifest[]): NextQuestion {
  const ids = [...new Set(inFlight.map((m) => manifestJobRef(m) as string))];
  const launched = inFlight
    .map((m) => Date.parse(String(m.timestamps?.started_at ?? m.started_at ?? "")))
    .filter((t) => Number.isFinite(t));
  return launched.length ? { ids, since: launched.reduce((a, b) => Math.min(a, b)) - 24 * 3600 * 1000 } : { ids };
}

/** One question to the scheduler for every run in flight (undefined: nothing to ask). */
async function ask(
  opts: MonitorOptions,
  q: NextQuestion,
  lookbackDays: number,
  clientTimeoutMs: number,
  now: Date,
  findings: Finding[],
): Promise<QueryOutcome | undefined> {
  const jobIds = q.ids;
  if (!jobIds.length) return undefined;
  const earliest = q.since ?? now.getTime() - lookbackDays * 86400 * 1000;
  const outcome = await opts.scheduler.query(jobIds, {
    since: new Date(earliest),
    timeoutMs: clientTimeoutMs,
    ...opts.query,
  });
  opts.log?.(
    `scheduler: ${outcome.calls.length} call(s) for ${jobIds.length} job(s), ${outcome.ok ? `ok (accounting ${outcome.accounting})` : "FAILED: " + outcome.error}`,
  );
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

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (awaited later, after other work: no unhandled rejection meanwhile). */
function settled<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function unsettle<T>(p: Promise<Settled<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw r.error;
  return r.value;
}

function sameRuns(a: readonly LoadedRun[], b: readonly LoadedRun[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/**
 * The ledger's text, or undefined when it cannot be read (too large, a link,
 * not UTF-8: a `ledger.read` error). A refused ledger is left alone this tick:
 * its lines are neither checked against the manifests nor edited (an edit
 * would read the whole file after all, and every run would seem to lack its line).
 */
async function readLedgerText(root: string, findings: Finding[]): Promise<string | undefined> {
  try {
    return (await readLedger(path.join(root, LEDGER_PATH), LEDGER_PATH, root)) ?? "";
  } catch (e) {
    findings.push(
      findingFromError(e, "ledger.read", LEDGER_PATH, {
        hint: "the ledger is not read or updated until this is fixed; the runs' manifests are, and stay the record",
      }),
    );
    return undefined;
  }
}

export interface Gathered {
  opened: Awaited<ReturnType<typeof openRunIndex>>;
  loaded: Awaited<ReturnType<typeof settleIndexed>>;
  all: LoadedRun[];
  ledger: ReturnType<typeof parseLedger>;
  /** The ledger could not be read (a `ledger.read` error): it is neither followed nor edited this tick. */
  ledgerRefused: boolean;
  /** The runs the tick acts on, and those of them it asked the scheduler about. */
  candidates: LoadedRun[];
  inFlight: LoadedRun[];
  outcome: QueryOutcome | undefined;
  /** The calls of a question asked ahead and not used (the report counts them). */
  unusedCalls: QueryOutcome["calls"];
  /** The Python tool's multi-run groups among the runs (their base runs are neither asked about nor advanced). */
  runGroups: RunGroups;
}

export async function gather(
  opts: MonitorOptions,
  ws: Workspace,
  settings: MonitorSettings,
  now: () => Date,
  findings: Finding[],
): Promise<Gathered> {
  // The question the previous tick left for this one (the runs it left in flight) is asked at once,
  // so the scheduler answers while the repository is walked; its answer is used only when the
  // question made from the files below is exactly this one, else it is asked again.
  const opened = await openRunIndex(ws);
  const next = opened?.next;
  const hinted = !opts.runId && next?.ids.length && next.ledger === ledgerStamp(ws) ? next : undefined;
  const aheadFindings: Finding[] = [];
  if (hinted) opts.log?.(`scheduler: asking ahead about the ${hinted.ids.length} job(s) the last tick left in flight`);
  const ahead = hinted
    ? settled(ask(opts, hinted, settings.lookbackDays, settings.clientTimeoutMs, now(), aheadFindings))
    : undefined;

  // Gather: the runs the index cannot vouch for are read (domain/run-index.ts).
  opts.progress?.({ phase: "discovering" });
  const readAtMs = Date.now();
  const discovered = await discoverRuns(ws.root, opts.runId ? { runId: opts.runId } : {});
  // Say why when the run exists but was refused (e.g. a symlink leaving the repository).
  if (opts.runId && !discovered.runs.length) {
    await ahead;
    throw runNotFound(opts.runId, discovered.findings);
  }
  findings.push(...discovered.findings);
  // Every run that may be in flight is read first (a run the index vouches for by its stamp is
  // finished), so the scheduler is asked (if it was not above) while the rest of the gather runs:
  // the ledger, the finished runs' checks. The tick's wall time then tends to max(the scheduler's
  // answer, its own work) instead of their sum; the result is the same.
  const first = await loadUnvouched(discovered.runs, { index: opened?.entries(), readAtMs });
  const groups = runGroups(discovered.runs); // a multi-run base (Python layout) is no job of its own
  const isBase = (l: LoadedRun) => groups.bases.has(groupKey(l.run.iterationPath, l.run.runId));
  const early = first.read.filter((l) => l.validated && asksScheduler(l.manifest) && !isBase(l));
  if (early.length)
    opts.progress?.({
      phase: "asking",
      jobs: early.length,
      tracked: first.slots.filter((x) => x.loaded ?? x.vouched).length,
    });
  const wanted = questionFor(early.map((l) => l.manifest));
  const aheadUsed = !!ahead && sameQuestion(hinted, wanted);
  let askFindings: Finding[] = aheadUsed ? aheadFindings : [];
  const asking = aheadUsed
    ? (ahead as Promise<Settled<QueryOutcome | undefined>>)
    : settled(ask(opts, wanted, settings.lookbackDays, settings.clientTimeoutMs, now(), askFindings));
  if (ahead && !aheadUsed) opts.log?.("scheduler: the question asked ahead is not this tick's; asked again");
  const ledgerFindings: Finding[] = [];
  const ledgerText = await readLedgerText(ws.root, ledgerFindings);
  const ledger = parseLedger(ledgerText ?? "");
  const lines = linesByRun(ledger);
  const loaded = await settleIndexed(first, findings, (id) => lines.get(id)?.text);
  const all = loaded.runs;
  opts.log?.(`runs: ${all.length} read, ${loaded.cached.length} from the run index`);
  findings.push(...ledgerFindings, ...ledgerProblems(ledger));
  const candidates = all.filter((l) => l.validated && needsWork(l.manifest, l.hasMetrics) && !isBase(l));
  const inFlight = candidates.filter((l) => asksScheduler(l.manifest));

  // Ask, once: the question asked above, unless a run read in the second phase is in flight after all
  // (a manifest with the stamp the index recorded is the one it recorded, so this does not happen).
  let outcome = await unsettle(asking);
  if (!sameRuns(early, inFlight)) {
    askFindings = [];
    outcome = await ask(
      opts,
      questionFor(inFlight.map((l) => l.manifest)),
      settings.lookbackDays,
      settings.clientTimeoutMs,
      now(),
      askFindings,
    );
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
