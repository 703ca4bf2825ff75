/**
 * DESIGN.md "Time": time saved is the handling time (start → complete) of the steps the agent
 * would have done right on its own (auto and agreed); a log without start times has no time
 * saved (null, with the reason); calendar time is reported separately as elapsed time.
 * Every expected figure below is worked out by hand from the events, not by the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedCase, RecordedEvent } from '../model/types';
import { ReplayAccumulator, simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { graph, kase, payMachine } from './testGraphs';
import { whatIf } from './whatIf';

const MIN = 60_000;
const T0 = Date.UTC(2024, 4, 6, 9, 0);
/** An event that started `from` and completed `to` minutes after T0 (from null: no start). */
const ev = (activity: string, from: number | null, to: number): RecordedEvent =>
  from === null
    ? { activity, timestamp: T0 + to * MIN }
    : { activity, start: T0 + from * MIN, timestamp: T0 + to * MIN };
const timed = (caseId: string, amount: number, events: RecordedEvent[]): RecordedCase => ({
  caseId,
  attributes: { amount, risk: 0 },
  events,
});

// payMachine, rollout autonomy, no tool limit: Receive → Pay is auto when amount < 100.
const doc = graph(payMachine);
const cases = [
  // auto and agreed: Pay took 30 → 35 = 5 min of handling, saved
  timed('c1', 10, [ev('Receive', 0, 10), ev('Pay', 30, 35)]),
  // auto error at start (people checked); check → pay is suggest: nothing saved
  timed('c2', 10, [ev('Receive', 0, 4), ev('Check', 10, 40), ev('Pay', 60, 61)]),
  // auto and agreed, but Pay has no start: not measurable, nothing added
  timed('c3', 20, [ev('Receive', null, 0), ev('Pay', null, 100)]),
  // auto and agreed: Pay 60 → 80 = 20 min saved (the 58-minute wait before it is not work)
  timed('c4', 50, [ev('Receive', 0, 2), ev('Pay', 60, 80)]),
];

describe('time saved and elapsed time', () => {
  it('sums the handling time of auto, agreed steps only', async () => {
    const r = await simulate(doc, cases);
    expect(r.totals.timeSavedMs).toBe(25 * MIN);
    expect(r.totals.timeSavedReason).toBeUndefined();
  });

  it('reports elapsed time apart: median case span and the share of it spent waiting', async () => {
    const r = await simulate(doc, cases);
    // spans: c1 0→35, c2 0→61, c3 0→100, c4 0→80 → median (61 + 80) / 2
    expect(r.totals.elapsed!.medianCaseMs).toBe(70.5 * MIN);
    // handling where measurable (c1, c2, c4): (10 + 5) + (4 + 30 + 1) + (2 + 20) = 72 of 35 + 61 + 80
    expect(r.totals.elapsed!.waitingShare).toBeCloseTo(1 - 72 / 176, 12);
  });

  it('a log with no start times has no time saved, with the reason, but still an elapsed time', async () => {
    const untimed = cases.map((c) => ({ ...c, events: c.events.map(({ start: _s, ...e }) => e) }));
    const r = await simulate(doc, untimed);
    expect(r.totals.timeSavedMs).toBeNull();
    expect(r.totals.timeSavedReason).toBe('this log has no start/complete times');
    // without starts the spans run first → last completion: 25, 57, 100, 78 → median (57 + 78) / 2
    expect(r.totals.elapsed).toEqual({ medianCaseMs: 67.5 * MIN, waitingShare: null });
    // the same log's calendar gaps would have "saved" 25 + 100 + 78 minutes: none of it is reported
    expect(r.totals.autoSteps).toBeGreaterThan(0);
  });

  it('a log with no timestamps at all has no elapsed time', async () => {
    const r = await simulate(doc, [kase('x', { amount: 10, risk: 0 }, ['Receive', 'Pay'])]);
    expect(r.totals.elapsed).toEqual({ medianCaseMs: null, waitingShare: null });
  });

  it('case traces carry the handling time per step, and re-aggregating them gives the same totals', async () => {
    const g = compileGraph(doc);
    const t = replayCase(g, cases[0]!);
    expect(t.steps.map((s) => s.handlingMs)).toEqual([5 * MIN, undefined]);
    const acc = new ReplayAccumulator(g);
    for (const c of cases) acc.add(replayCase(g, c));
    expect(acc.result().totals).toEqual((await simulate(g, cases)).totals);
  });

  it('what-if keeps the timing: assist turns auto into suggest, so nothing is saved', async () => {
    const g = compileGraph(doc);
    const base = await simulate(g, cases, { keepFacts: true });
    const assist = whatIf(g, base.facts!, { rollout: 'assist' });
    expect(assist.totals.timeSavedMs).toBe(0);
    expect(assist.totals.elapsed).toEqual(base.totals.elapsed);
    expect(whatIf(g, base.facts!, {}).totals).toEqual(base.totals);
  });
});
