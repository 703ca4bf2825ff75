// The stored-facts path at a size where its typed arrays must grow (more than 1,024 cases and
// 4,096 steps, their initial capacities): re-scoring the stored facts with no change must give
// exactly what the direct walk → accumulator path gave, and adding the per-case traces one by one
// (a third path) must agree too. Mixed ends (final with trailing events, deviated), timings and
// months make every stored column matter. The elapsed-time median is also worked out by hand.
import { describe, expect, it } from 'vitest';
import type { RecordedCase, RecordedEvent } from '../model/types';
import { ReplayAccumulator, simulate } from './aggregate';
import { compileGraph } from './compile';
import { replayCase } from './replayCase';
import { graph, payMachine } from './testGraphs';
import { whatIf } from './whatIf';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 15);
const TRACES = [
  ['Receive', 'Pay', 'Close'],
  ['Receive', 'Check', 'Pay', 'Close', 'Audit'],
  ['Receive', 'Refund'],
  ['Receive', 'Check', 'Deny'],
  ['Pay'],
];

/** Case i: one of five traces, attributes that send the agent different ways, times spread over months. */
function mixedCase(i: number): RecordedCase {
  const trace = TRACES[i % TRACES.length]!;
  const base = T0 + (i % 7) * 31 * 24 * 60 * MIN;
  const events: RecordedEvent[] = trace.map((activity, k) => {
    const timestamp = base + (k + 1) * 10 * MIN;
    if (i % 3 === 0) return { activity }; // no times at all
    return i % 3 === 1 ? { activity, timestamp } : { activity, start: timestamp - (k + 1) * MIN, timestamp };
  });
  return { caseId: `c${i}`, attributes: { amount: (i * 37) % 200, risk: (i % 10) / 10 }, events };
}

describe('stored facts past their initial capacity', () => {
  const g = compileGraph(graph(payMachine));
  const cases = Array.from({ length: 2500 }, (_, i) => mixedCase(i));

  it('re-scoring without a change equals the direct replay, and so does adding the traces one by one', async () => {
    const direct = await simulate(g, cases, { keepFacts: true });
    const facts = direct.facts!;
    expect(facts.data.cases).toBe(2500);
    expect(facts.data.steps).toBeGreaterThan(4096);
    const { facts: _f, ...plain } = direct;
    expect(whatIf(g, facts, {})).toEqual(plain);
    // the plain data (what crosses a worker boundary) re-scores the same as the store
    expect(whatIf(g, facts.data, {})).toEqual(plain);
    const acc = new ReplayAccumulator(g);
    for (const c of cases) acc.add(replayCase(g, c));
    expect(acc.result()).toEqual(plain);
    // the mix really has every kind of case in it
    expect(plain.totals.deviations).toBe(500);
    expect(plain.totals.trailingEvents).toBe(500);
    expect(Object.keys(plain.perState.start!.byPeriod)).toHaveLength(7);
  });

  it('the median elapsed time over more than 1,024 cases', async () => {
    // case i: one Receive that started at T0 and completed i minutes later: elapsed i min,
    // i = 0 … 1499, so the median is (749 + 750) / 2; handling equals elapsed: no waiting
    const spans: RecordedCase[] = Array.from({ length: 1500 }, (_, i) => ({
      caseId: `s${i}`,
      attributes: { amount: 1, risk: 0 },
      events: [{ activity: 'Receive', start: T0, timestamp: T0 + i * MIN }],
    }));
    const r = await simulate(g, spans);
    expect(r.totals.elapsed).toEqual({ medianCaseMs: 749.5 * MIN, waitingShare: 0 });
  });
});
