/**
 * StatsCollector details the first stats test leaves out: the empty case and a case of one event
 * without activity are different variants; ties keep first-seen order; the time span covers
 * events without timestamps and negative times. Expected figures are counted by hand.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { StatsCollector } from './stats';

const c = (acts: string[], times: Array<number | undefined> = []): RecordedCase => ({
  caseId: acts.join(),
  attributes: {},
  events: acts.map((activity, i) => ({ activity, timestamp: times[i] })),
});

describe('StatsCollector', () => {
  it('the empty case, one unnamed event and two unnamed events are three variants', () => {
    const s = new StatsCollector();
    for (const k of [c([]), c(['']), c(['', '']), c([]), c(['', 'A'])]) s.add(k);
    expect(s.result()).toEqual({
      cases: 5,
      events: 5,
      activities: 1, // "" is an event without an activity, not an activity
      variants: 4,
      firstTimestamp: null,
      lastTimestamp: null,
    });
    expect(s.topVariants(10)).toEqual([
      { activities: [], cases: 2 },
      { activities: [''], cases: 1 },
      { activities: ['', ''], cases: 1 },
      { activities: ['', 'A'], cases: 1 },
    ]);
    expect(s.activityCounts()).toEqual([{ activity: 'A', events: 1 }]);
  });

  it('most frequent first, ties in first-seen order, cut at the limit (10 by default)', () => {
    const s = new StatsCollector();
    const order = ['Q', 'P', 'R', 'P', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'];
    for (const a of order) s.add(c([a, 'end']));
    const top = s.topVariants();
    expect(top).toHaveLength(10);
    expect(top.map((v) => v.activities[0])).toEqual(['P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y']);
    expect(top[0]).toEqual({ activities: ['P', 'end'], cases: 2 });
    expect(s.topVariants(1)).toEqual([{ activities: ['P', 'end'], cases: 2 }]);
    expect(s.activityCounts()[0]).toEqual({ activity: 'end', events: 12 });
  });

  it('the time span is the earliest and latest timestamp, whatever the order; untimed events are skipped', () => {
    const s = new StatsCollector();
    s.add(c(['A', 'B', 'C'], [Date.UTC(2024, 0, 2), undefined, Date.UTC(2023, 11, 31)]));
    s.add(c(['A'], [-86_400_000]));
    s.add(c(['B'], [Date.UTC(2024, 5, 1, 12, 30)]));
    const r = s.result();
    expect(r.firstTimestamp).toBe('1969-12-31T00:00:00.000Z');
    expect(r.lastTimestamp).toBe('2024-06-01T12:30:00.000Z');
    expect(r).toMatchObject({ cases: 3, events: 5, activities: 3, variants: 3 });
  });
});
