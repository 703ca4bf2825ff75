// The replay walk's rules (DESIGN.md "Replay", rules 1–3, and "Time") checked step by step on
// small hand-made cases through replayCase, for what the mutation run of walk.ts left standing:
// which event each step consumes, trailing events, the implicit close, where a case deviates,
// the step fuse, and the per-step and per-case times. Every expected value is read off the
// machine and the events by hand.
import { describe, expect, it } from 'vitest';
import type { RecordedCase, RecordedEvent } from '../model/types';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { cel, graph, kase, payMachine } from './testGraphs';
import { CaseEvaluator, caseVars } from './evaluate';
import { MAX_STEPS_PER_CASE, SUSPEND, monthIndex, monthLabel, walkCase, type ReplaySink } from './walk';

const pay = compileGraph(graph(payMachine));
/** [state, agent, human, eventIndex] of each step: the walk's decisions without the tier detail. */
const steps = (c: RecordedCase) => replayCase(pay, c).steps.map((s) => [s.state, s.agent, s.human, s.eventIndex]);
const small = { amount: 10, risk: 0 }; // amount < 100: the agent pays

describe('which event each step consumes (rule 1) and what is left over', () => {
  it('the first event is consumed by the initial state only when it is that state’s activity', () => {
    // Receive is start's activity: consumed; Pay is event 1, Close event 2
    expect(steps(kase('a', small, ['Receive', 'Pay', 'Close']))).toEqual([
      ['start', 'start|always||0', 'start|always||0', 1],
      ['pay', 'pay|always||0', 'pay|always||0', 2],
    ]);
    // no Receive in the log: the first event (Pay) is what the first step consumes
    expect(steps(kase('b', small, ['Pay', 'Close']))).toEqual([
      ['start', 'start|always||0', 'start|always||0', 0],
      ['pay', 'pay|always||0', 'pay|always||0', 1],
    ]);
  });

  it('events after the final state are counted as trailing', () => {
    const t = replayCase(pay, kase('c', small, ['Receive', 'Pay', 'Close', 'Audit', 'Archive']));
    expect([t.end, t.endState, t.trailing, t.events]).toEqual(['final', 'end', 2, 5]);
    const exact = replayCase(pay, kase('d', small, ['Receive', 'Pay', 'Close']));
    expect([exact.end, exact.endState, exact.trailing]).toEqual(['final', 'end', 0]);
  });

  it('when the trace is used up the case closes through the agent’s branch into a final state (no event consumed)', () => {
    expect(steps(kase('e', small, ['Receive', 'Pay']))).toEqual([
      ['start', 'start|always||0', 'start|always||0', 1],
      ['pay', 'pay|always||0', 'pay|always||0', null],
    ]);
    const t = replayCase(pay, kase('e', small, ['Receive', 'Pay']));
    expect([t.end, t.endState, t.trailing]).toEqual(['final', 'end', 0]);
  });
});

describe('the human choice (rule 3) when the agent goes elsewhere', () => {
  it('is the first branch into the state people reached', () => {
    // amount 500, risk 0.9: the agent checks; people paid straight away
    const big = { amount: 500, risk: 0.9 };
    expect(steps(kase('f', big, ['Receive', 'Pay', 'Close']))[0]).toEqual([
      'start',
      'start|always||1',
      'start|always||0',
      1,
    ]);
    // risk 0: no guard holds, the agent abstains; people checked
    expect(steps(kase('g', { amount: 500, risk: 0 }, ['Receive', 'Check', 'Pay']))[0]).toEqual([
      'start',
      null,
      'start|always||1',
      1,
    ]);
  });

  it('with the trace used up, is the first branch into a final state even when the agent chose another', () => {
    // s: guard amount > 5 → x (not final), else → done (final). Amount 10: the agent picks x, but
    // the log ends at S, so people closed the case: human = the branch into done.
    const g = compileGraph(
      graph({
        initial: 's',
        states: {
          s: { meta: { activity: 'S' }, always: [{ target: 'x', guard: cel('amount > 5.0') }, { target: 'done' }] },
          x: { meta: { activity: 'X' }, always: { target: 'done' } },
          done: { type: 'final', meta: { activity: 'D' } },
        },
      }),
    );
    const t = replayCase(g, kase('h', { amount: 10, risk: 0 }, ['S']));
    expect(t.steps.map((s) => [s.state, s.agent, s.human, s.agree, s.eventIndex])).toEqual([
      ['s', 's|always||0', 's|always||1', false, null],
    ]);
    expect([t.end, t.endState]).toEqual(['final', 'done']);
  });

  it('an activity no branch leads to is a deviation at the state it happened in', () => {
    const t = replayCase(pay, kase('i', small, ['Receive', 'Refund']));
    expect([t.end, t.endState, t.deviatedAt, t.steps.length]).toEqual(['deviated', 'start', 'start', 0]);
    // an activity the graph knows but not from here (Deny from start) deviates the same way
    const u = replayCase(pay, kase('j', small, ['Receive', 'Deny']));
    expect([u.end, u.deviatedAt]).toEqual(['deviated', 'start']);
  });
});

describe('the step fuse', () => {
  // a: AGAIN loops back to a (activity A), STOP closes. One step per consumed A.
  const loop = compileGraph(
    graph({
      initial: 'a',
      states: {
        a: { meta: { activity: 'A' }, on: { AGAIN: 'a', STOP: 'done' } },
        done: { type: 'final', meta: { activity: 'D' } },
      },
    }),
  );
  const as = (count: number) =>
    kase(
      'loop',
      {},
      Array.from({ length: count }, () => 'A'),
    );

  it(`a case that takes ${MAX_STEPS_PER_CASE} steps without ending is stuck where it stands`, () => {
    // the first A is consumed by the initial state; MAX more A's are MAX steps, then the fuse
    const t = replayCase(loop, as(MAX_STEPS_PER_CASE + 1));
    expect([t.end, t.endState, t.steps.length, t.trailing]).toEqual(['stuck', 'a', MAX_STEPS_PER_CASE, 0]);
  });

  it('one step fewer ends normally (the close is the last allowed step)', () => {
    const t = replayCase(loop, as(MAX_STEPS_PER_CASE));
    expect([t.end, t.endState, t.steps.length]).toEqual(['final', 'done', MAX_STEPS_PER_CASE]);
    expect(t.steps.at(-1)!.eventIndex).toBeNull();
  });
});

describe('times (DESIGN "Time")', () => {
  const ev = (activity: string, start: number | undefined, timestamp: number | undefined): RecordedEvent => ({
    activity,
    ...(start === undefined ? {} : { start }),
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  const timed = (events: RecordedEvent[]) => replayCase(pay, { caseId: 't', attributes: small, events });

  it('a step’s handling time is its event’s start → timestamp; zero when they coincide, none when the end is before the start', () => {
    const t = timed([ev('Receive', 0, 5), ev('Pay', 100, 100), ev('Close', 200, 150)]);
    expect(t.steps.map((s) => s.handlingMs)).toEqual([0, undefined]);
    // case handling: 5 + 0 (Close's negative span is not counted); span: earliest 0 → latest 150
    expect([t.handlingMs, t.elapsedMs, t.hasStart, t.startTime]).toEqual([5, 150, true, 5]);
  });

  it('the span starts at the earliest start or timestamp, wherever it is in the log', () => {
    // Pay started (2) before Receive's start (5); handling 10 + 28
    expect(timed([ev('Receive', 5, 15), ev('Pay', 2, 30)]).elapsedMs).toBe(28);
    expect(timed([ev('Receive', 5, 15), ev('Pay', 2, 30)]).handlingMs).toBe(38);
    // a bare timestamp (1) earlier than every start
    expect(timed([ev('Receive', undefined, 1), ev('Pay', 5, 9)]).elapsedMs).toBe(8);
    // one event with a start and a timestamp is already two time points
    expect(timed([ev('Receive', 100, 160)]).elapsedMs).toBe(60);
  });

  it('fewer than two time points, or starts without any timestamp, give no span', () => {
    const one = timed([ev('Receive', undefined, 7), ev('Pay', undefined, undefined)]);
    expect([one.elapsedMs, one.startTime, one.hasStart, one.handlingMs]).toEqual([undefined, 7, undefined, undefined]);
    const startsOnly = timed([ev('Receive', 0, undefined), ev('Pay', 10, undefined)]);
    expect([startsOnly.elapsedMs, startsOnly.hasStart, startsOnly.handlingMs, startsOnly.startTime]).toEqual([
      undefined,
      true,
      0,
      undefined,
    ]);
  });

  it('non-finite times are ignored: the start time is the first finite timestamp', () => {
    const t = timed([ev('Receive', Number.NaN, Number.NaN), ev('Pay', Infinity, 40), ev('Close', 30, 50)]);
    expect([t.startTime, t.elapsedMs, t.handlingMs, t.hasStart]).toEqual([40, 20, 20, true]);
    // Pay's infinite start gives no step time; Close (30 → 50) does
    expect(t.steps.map((s) => s.handlingMs)).toEqual([undefined, 20]);
  });
});

describe('edges of the walk', () => {
  it('a machine without states ends every case deviated, nowhere', () => {
    const empty = compileGraph(graph({ states: {} }));
    const t = replayCase(empty, kase('e', small, ['Receive']));
    expect([t.end, t.endState, t.trailing, t.steps.length]).toEqual(['deviated', null, 0, 0]);
  });

  it('walkCase says whether it finished: true for final, deviated and stuck ends, false when the chooser suspends', () => {
    const ends: string[] = [];
    const sink: ReplaySink = { step: () => {}, deviation: () => {}, endCase: (end) => void ends.push(end) };
    const ev = new CaseEvaluator(pay, 'autonomy');
    const run = (c: ReturnType<typeof kase>, choose?: (s: number, n: number) => number) => {
      ev.begin(caseVars(pay, c.attributes));
      return walkCase(ev, c, sink, choose);
    };
    expect(run(kase('f', small, ['Receive', 'Pay', 'Close']))).toBe(true);
    expect(run(kase('d', small, ['Receive', 'Refund']))).toBe(true);
    expect(run(kase('s', small, ['Receive', 'Pay']), () => SUSPEND)).toBe(false);
    expect(ends).toEqual(['final', 'deviated']);
  });
});

describe('calendar edges', () => {
  const label = (ms: number) => monthLabel(monthIndex(ms));
  it('the last day of a 400-year era and the days around it', () => {
    // 2000-02-29 and 1600-02-29 are day 146,096 of their era: the one day the last correction term is 1
    expect(label(Date.UTC(2000, 1, 29, 12))).toBe('2000-02');
    expect(label(Date.UTC(1600, 1, 29))).toBe('1600-02');
    expect(label(Date.UTC(2000, 2, 1))).toBe('2000-03');
    expect(label(Date.UTC(2000, 1, 28, 23, 59))).toBe('2000-02');
  });
  it('years before 1000 are written with four digits', () => {
    const y999 = new Date(0);
    y999.setUTCFullYear(999, 0, 15);
    expect(label(y999.getTime())).toBe('0999-01');
    expect(monthLabel(12 * 42 + 11)).toBe('0042-12');
  });
});

describe('timing edges', () => {
  const timed = (events: RecordedEvent[]) => replayCase(pay, { caseId: 't', attributes: small, events });
  it('a non-finite start is no start and no time point', () => {
    const t = timed([{ activity: 'Receive', start: Number.NaN, timestamp: 5 }]);
    expect([t.hasStart, t.elapsedMs, t.handlingMs]).toEqual([undefined, undefined, undefined]);
    const inf = timed([{ activity: 'Receive', start: Infinity, timestamp: 5 }]);
    expect([inf.hasStart, inf.elapsedMs]).toEqual([undefined, undefined]);
  });
  it('a non-finite completion adds no handling time', () => {
    const t = timed([
      { activity: 'Receive', start: 0, timestamp: Infinity },
      { activity: 'Pay', start: 10, timestamp: 30 },
    ]);
    // handling 20 (Pay only); points: 0, 10, 30 → span 30
    expect([t.handlingMs, t.elapsedMs]).toEqual([20, 30]);
  });
});
