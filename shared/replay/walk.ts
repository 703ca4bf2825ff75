/**
 * The replay walk (DESIGN.md, "Replay", rules 1–3) over a compiled graph, reporting to a sink
 * with plain numbers so the hot loop allocates nothing. replayCase (detailed facts), the
 * accumulator (aggregates) and the fact store (what-if) are all sinks of this one walk.
 */
import type { RecordedCase } from '../model/types';
import type { TierResult } from '../tier/effectiveTier';
import type { CaseEvaluator } from './evaluate';

export type CaseEnd = 'final' | 'deviated' | 'stuck';

/**
 * Fuse against endless walks. Under the current rules every step consumes an event or closes the
 * case, so a case takes at most events + 1 steps; the cap guards future rule changes and hostile
 * input, and a case that hits it ends `stuck` (reported, never silent).
 */
export const MAX_STEPS_PER_CASE = 100_000;

export interface ReplaySink {
  /**
   * One step taken from `state`. agent/human are transition indices (agent -1 = abstained);
   * eventIndex is the consumed event (-1 = implicit close); handlingMs is that event's handling
   * time (timestamp − start) when it has both, else NaN.
   */
  step(
    state: number,
    agent: number,
    human: number,
    tier: TierResult,
    guardErrors: number,
    eventIndex: number,
    handlingMs: number,
  ): void;
  /** The case deviated at `state` (no transition matches what people did). */
  deviation(state: number): void;
  /** The case ended: at `state` (-1 when the machine is empty); trailing events after a final state. */
  endCase(end: CaseEnd, state: number, trailing: number): void;
}

/** A chooser returns this to stop the walk before the step (its decision is not known yet). */
export const SUSPEND = -2;

/**
 * Another agent policy's choice at `state` (a transition index, -1 abstains, SUSPEND stops the
 * walk); `next` is the index of the next unconsumed event (events.length when used up).
 */
export type AgentChooser = (state: number, next: number) => number;

/**
 * Walk one case. `ev.begin(vars)` must have been called for this case. Without `choose` the agent
 * is the rules agent (the guards; the allocation-free hot path). Returns false when `choose`
 * suspended the walk (nothing after that point was reported, and no endCase).
 */
export function walkCase(ev: CaseEvaluator, c: RecordedCase, sink: ReplaySink, choose?: AgentChooser): boolean {
  const g = ev.g;
  const events = c.events;
  const n = events.length;
  const transitions = g.transitions;
  const states = g.states;
  const activities = g.activities;
  let s = g.initial;
  if (s < 0) {
    sink.endCase('deviated', -1, 0);
    return true;
  }
  // Rule 1: the first event is consumed only when it is the initial state's activity.
  let i = n > 0 && events[0]!.activity === states[s]!.activity ? 1 : 0;
  let steps = 0;
  for (;;) {
    const st = states[s]!;
    if (st.final) {
      sink.endCase('final', s, n - i);
      return true;
    }
    if (steps >= MAX_STEPS_PER_CASE) {
      sink.endCase('stuck', s, 0);
      return true;
    }
    const table = st.table;
    const a = choose ? choose(s, i) : ev.agent(s);
    if (a === SUSPEND) return false;
    // Human choice h: the agent's own branch when it lands where people went — the log records the
    // state people reached, not which of several branches into it they meant (agreement by
    // destination) — else the first branch in T that matches what people did.
    let h = -1;
    if (i < n) {
      // A branch matches when its target's activity is the event's. Compared with === rather than
      // looked up in g.activityCodes: the event's activity is a fresh string, which the Map hashed
      // every time, while === rejects most wrong branches on their length, and the agent's branch
      // is usually the right one. The same answer: activities are distinct, and a Map tells
      // strings apart by content, as === does.
      const act = events[i]!.activity;
      if (a >= 0 && activities[transitions[a]!.targetActivity] === act) h = a;
      else {
        for (let k = 0; k < table.length; k++) {
          if (activities[transitions[table[k]!]!.targetActivity] === act) {
            h = table[k]!;
            break;
          }
        }
      }
    } else if (a >= 0 && transitions[a]!.targetFinal) h = a;
    else {
      // Trace used up: closing is implicit, through the first transition into a final state.
      for (let k = 0; k < table.length; k++) {
        if (transitions[table[k]!]!.targetFinal) {
          h = table[k]!;
          break;
        }
      }
    }
    if (h < 0) {
      sink.deviation(s);
      sink.endCase('deviated', s, 0);
      return true;
    }
    // Handling time of the consumed event: its activity instance's start → complete (DESIGN "Time").
    let handling = NaN;
    if (i < n) {
      const e = events[i]!;
      if (e.start !== undefined && e.timestamp !== undefined && e.timestamp >= e.start)
        handling = e.timestamp - e.start;
    }
    // The effective tier is computed from the acting agent's choice (DESIGN, Replay, rule 2).
    sink.step(s, a, h, choose ? ev.tierFor(s, a) : ev.tier(s), ev.guardErrors(s), i < n ? i : -1, handling);
    steps++;
    if (i < n) i++;
    s = transitions[h]!.target;
  }
}

/** Month index (year * 12 + month0, UTC) of a ms timestamp, without allocating a Date. */
export function monthIndex(ms: number): number {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(ms / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — the result is y * 12 + m − 1 with y one higher exactly when m ≤ 2, which is yoe·12 + mp + 2 on either branch, so which branch a month takes never changes the index
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + (m - 1);
}

/** "YYYY-MM" of a month index. */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Start time of a case: the first event timestamp, if any. */
export function caseStart(c: RecordedCase): number | undefined {
  for (const e of c.events) if (typeof e.timestamp === 'number' && Number.isFinite(e.timestamp)) return e.timestamp;
  return undefined;
}

/** Calendar facts of one case (DESIGN "Time"), filled into a reused object so the walk allocates nothing. */
export interface CaseTiming {
  /** Earliest start or timestamp → latest timestamp (ms); NaN with fewer than two time points. */
  elapsedMs: number;
  /** Sum of timestamp − start over the case's events that have both. */
  handlingMs: number;
  /** Some event of the case has a `start`. */
  hasStart: boolean;
  /** The first finite event timestamp (what caseStart gives), found in the same pass. */
  startMs?: number;
}

/** Fill `out` with the case's elapsed and handling time. */
export function caseTiming(c: RecordedCase, out: CaseTiming): CaseTiming {
  let first = Infinity;
  let last = -Infinity;
  let points = 0;
  let handling = 0;
  let hasStart = false;
  let startMs: number | undefined;
  for (const e of c.events) {
    const t = e.timestamp;
    const s = e.start;
    if (typeof s === 'number' && Number.isFinite(s)) {
      hasStart = true;
      if (s < first) first = s;
      points++;
      if (typeof t === 'number' && Number.isFinite(t) && t >= s) handling += t - s;
    }
    if (typeof t === 'number' && Number.isFinite(t)) {
      startMs ??= t;
      if (t < first) first = t;
      if (t > last) last = t;
      points++;
    }
  }
  out.elapsedMs = points >= 2 && last >= first ? last - first : NaN;
  out.handlingMs = handling;
  out.hasStart = hasStart;
  out.startMs = startMs;
  return out;
}
