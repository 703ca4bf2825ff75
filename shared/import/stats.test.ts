import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { activityCounts, computeStats, StatsCollector, topVariants } from './stats';

const c = (caseId: string, acts: string[], t0?: number): RecordedCase => ({
  caseId,
  attributes: {},
  events: acts.map((activity, i) => ({ activity, timestamp: t0 === undefined ? undefined : t0 + i })),
});

describe('log stats', () => {
  const cases = [c('1', ['A', 'B']), c('2', ['A', 'B'], 100), c('3', ['B', 'A'], 50), c('4', [])];

  it('counts cases, events, distinct activities, variants in the given order, and the time span', async () => {
    expect(await computeStats(cases)).toEqual({
      cases: 4,
      events: 6,
      activities: 2,
      variants: 3,
      firstTimestamp: new Date(50).toISOString(),
      lastTimestamp: new Date(101).toISOString(),
    });
    expect(await computeStats([c('x', ['A'])])).toMatchObject({ firstTimestamp: null, lastTimestamp: null });
  });

  it('does not confuse variants whose names contain the separator of others', async () => {
    expect((await computeStats([c('1', ['A,B']), c('2', ['A', 'B'])])).variants).toBe(2);
  });

  it('lists top variants and activity counts', async () => {
    expect(await topVariants(cases, 2)).toEqual([
      { activities: ['A', 'B'], cases: 2 },
      { activities: ['B', 'A'], cases: 1 },
    ]);
    expect(await activityCounts(cases)).toEqual([
      { activity: 'A', events: 3 },
      { activity: 'B', events: 3 },
    ]);
    const collector = new StatsCollector();
    collector.add(cases[0]!);
    expect(collector.result().cases).toBe(1);
  });

  it('a time that is not a finite number is no time (it would make toISOString throw)', async () => {
    const odd = [
      {
        caseId: 'i',
        attributes: {},
        events: [
          { activity: 'A', timestamp: Infinity },
          { activity: 'A', timestamp: 7 },
        ],
      },
      {
        caseId: 'n',
        attributes: {},
        events: [
          { activity: 'A', timestamp: -Infinity },
          { activity: 'A', timestamp: NaN },
        ],
      },
    ];
    expect(await computeStats(odd)).toMatchObject({
      firstTimestamp: new Date(7).toISOString(),
      lastTimestamp: new Date(7).toISOString(),
    });
  });
});
