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

export interface WatchClock {
  /** The policy floor: never two scheduler questions closer than this. */
  floorSeconds: number;
  /** Interval while runs are ending (clamped to the floor). */
  endingSeconds: number;
  /** Interval while at least one job runs. */
  runningSeconds: number;
  /** Interval while every job waits, or nothing is in flight. */
  pendingSeconds: number;
  /** How long one watcher lives before it hands over (GitHub's job limit minus a margin). */
  timeLimitSeconds: number;
}

export interface WatchView {
  nowMs: number;
  /** When this watcher started. */
  startedMs: number;
  /** When the last tick ended (undefined: no tick yet). */
  lastTickMs?: number;
  /** When the scheduler was last asked (a tick with runs in flight asks once). */
  lastQuestionMs?: number;
  /** Runs in flight by what their manifest says. */
  running: number;
  pending: number;
  /** In-flight runs whose sentinel says the job reached its end (seen locally, not yet recorded). */
  ended: number;
  /** The last tick changed a run's status. */
  lastTickMoved: boolean;
}

export type WatchStep =
  { kind: "tick"; why: string } | { kind: "wait"; untilMs: number; why: string } | { kind: "handoff"; why: string };

/** The interval that applies now, in seconds, and why. */
export function watchInterval(v: WatchView, c: WatchClock): { seconds: number; why: string } {
  const floor = Math.max(0, c.floorSeconds);
  if (v.ended > 0) return { seconds: Math.max(floor, c.endingSeconds), why: `${v.ended} run(s) ending` };
  if (v.lastTickMoved) return { seconds: Math.max(floor, c.endingSeconds), why: "the last tick moved a run" };
  if (v.running > 0) return { seconds: Math.max(floor, c.runningSeconds), why: `${v.running} run(s) running` };
  if (v.pending > 0) return { seconds: Math.max(floor, c.pendingSeconds), why: `${v.pending} run(s) pending` };
  return { seconds: Math.max(floor, c.pendingSeconds), why: "nothing in flight" };
}

export function watchStep(v: WatchView, c: WatchClock): WatchStep {
  const handoffMs = v.startedMs + c.timeLimitSeconds * 1000;
  if (v.nowMs >= handoffMs)
    return { kind: "handoff", why: `the watcher's time limit (${c.timeLimitSeconds} s) is reached` };
  if (v.lastTickMs === undefined) return { kind: "tick", why: "first tick" };
  const interval = watchInterval(v, c);
  // Intervals are between questions; with nothing in flight (a tick asks nothing), between ticks.
  const inFlight = v.running + v.pending + v.ended > 0;
  const anchor = inFlight ? (v.lastQuestionMs ?? v.lastTickMs) : v.lastTickMs;
  const byInterval = anchor + interval.seconds * 1000;
  const byFloor = v.lastQuestionMs === undefined ? -Infinity : v.lastQuestionMs + Math.max(0, c.floorSeconds) * 1000;
  const due = Math.max(byInterval, byFloor);
  if (v.nowMs >= due) return { kind: "tick", why: interval.why };
  if (due >= handoffMs) return { kind: "wait", untilMs: handoffMs, why: "until the handover" };
  return {
    kind: "wait",
    untilMs: due,
    why: due === byFloor && byFloor > byInterval ? `${interval.why}; the floor holds the question` : interval.why,
  };
}
