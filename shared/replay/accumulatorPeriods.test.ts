// ReplayAccumulator.beginCase files a case under the month of its start, reusing the last case's
// period when the case starts on the same day (a day number answers the month). The plain answer
// is monthLabel(monthIndex(start)) per case: on random runs of start times clustered on a few days
// around month and year ends (same day, next day, the last and first milliseconds of a day,
// fractional and negative times, missing and non-finite starts), every month's visits must be
// exactly the cases whose start falls in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayAccumulator } from './accumulator';
import { compileGraph } from './compile';
import { cel, graph } from './testGraphs';
import { monthIndex, monthLabel } from './walk';

const g = compileGraph(
  graph({
    initial: 'a',
    states: {
      a: { meta: { activity: 'A' }, always: [{ target: 'z', guard: cel('amount > 1.0') }, { target: 'z' }] },
      z: { type: 'final', meta: { activity: 'Z' } },
    },
  }),
);
const DAY = 86_400_000;
// midnights (UTC) at month and year ends, and 1970's
const ANCHORS = [Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Date.UTC(2023, 11, 31), Date.UTC(1969, 11, 31), 0];
const startArb = fc.oneof(
  fc
    .record({
      anchor: fc.constantFrom(...ANCHORS),
      day: fc.integer({ min: -1, max: 2 }),
      within: fc.oneof(fc.constantFrom(0, 1, DAY - 1, DAY - 0.001, 0.5), fc.double({ min: 0, max: DAY, noNaN: true })),
    })
    .map(({ anchor, day, within }) => anchor + day * DAY + within),
  fc.constantFrom<number | undefined>(undefined, NaN, Infinity, -Infinity, -0),
);

describe('cases filed under the month of their start', () => {
  it('each month counts exactly the cases that start in it', () => {
    fc.assert(
      fc.property(fc.array(startArb, { maxLength: 30 }), (starts) => {
        const acc = new ReplayAccumulator(g);
        const expected: Record<string, number> = {};
        const a = g.stateIds.get('a')!;
        for (const start of starts) {
          acc.beginCase(start);
          acc.step(a, 1, 1, { tier: 'human', allowed: 'human', tripped: false, reasons: [] }, 0, 0, NaN);
          acc.endCase('final', g.stateIds.get('z')!, 0);
          if (start !== undefined && Number.isFinite(start)) {
            const label = monthLabel(monthIndex(start));
            expected[label] = (expected[label] ?? 0) + 1;
          }
        }
        const got = Object.fromEntries(
          Object.entries(acc.result().perState.a!.byPeriod).map(([label, c]) => [label, c.visits]),
        );
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
