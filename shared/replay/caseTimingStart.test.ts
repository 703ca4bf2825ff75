// caseTiming also reports the case's start (startMs) in its one pass over the events: the first
// finite event timestamp in event order, as caseStart defines it — not the earliest one, and
// never an activity start time. simulate files a case's steps under that month.
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { caseTiming, type CaseTiming } from './walk';
import { graph, payMachine } from './testGraphs';

const timing = (events: RecordedCase['events']) =>
  caseTiming({ caseId: 'c', attributes: {}, events }, { elapsedMs: NaN, handlingMs: 0, hasStart: false });

describe('caseTiming startMs', () => {
  it('the first finite timestamp in event order', () => {
    const t = timing([
      { activity: 'A' },
      { activity: 'B', timestamp: NaN },
      { activity: 'C', start: 1, timestamp: 50 },
      { activity: 'D', timestamp: 30 },
    ]);
    expect(t.startMs).toBe(50);
    // the span still runs from the earliest point (start 1) to the latest (50)
    expect(t.elapsedMs).toBe(49);
  });

  it('none without a finite timestamp (a start alone does not count), also when the object is reused', () => {
    const out = { elapsedMs: NaN, handlingMs: 0, hasStart: false } as CaseTiming;
    caseTiming({ caseId: 'a', events: [{ activity: 'A', timestamp: 7 }] } as RecordedCase, out);
    expect(out.startMs).toBe(7);
    caseTiming(
      {
        caseId: 'b',
        events: [
          { activity: 'A', start: 3 },
          { activity: 'B', timestamp: Infinity },
        ],
      } as RecordedCase,
      out,
    );
    expect(out.startMs).toBeUndefined();
  });

  it('simulate files each case under the month of its first timestamp', async () => {
    const may31 = Date.UTC(2024, 4, 31, 23, 0);
    const jun1 = Date.UTC(2024, 5, 1, 1, 0);
    const r = await simulate(graph(payMachine), [
      // first timestamp in June although an earlier (May) one comes later in the log
      {
        caseId: 'x',
        attributes: { amount: 10, risk: 0 },
        events: [
          { activity: 'Receive', timestamp: jun1 },
          { activity: 'Pay', timestamp: may31 },
        ],
      },
      {
        caseId: 'y',
        attributes: { amount: 10, risk: 0 },
        events: [{ activity: 'Receive' }, { activity: 'Pay', timestamp: may31 }],
      },
    ]);
    expect(Object.keys(r.perState.start!.byPeriod)).toEqual(['2024-05', '2024-06']);
    expect(r.perState.start!.byPeriod['2024-06']!.visits).toBe(1);
    expect(r.perState.start!.byPeriod['2024-05']!.visits).toBe(1);
  });
});
