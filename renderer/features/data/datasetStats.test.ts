import { describe, expect, it } from 'vitest';
import { DatasetStatsAccumulator, sopGaps } from './datasetStats';

const ev = (activity: string, timestamp?: number) => ({ activity, timestamp });

describe('DatasetStatsAccumulator', () => {
  it('counts cases, events, activities, variants and the time range', () => {
    // given three cases, two sharing a variant
    const acc = new DatasetStatsAccumulator();
    acc.add({ caseId: 'a', attributes: {}, events: [ev('Triage', 300), ev('Refund', 400)] });
    acc.add({ caseId: 'b', attributes: {}, events: [ev('Triage', 100), ev('Refund')] });
    acc.add({ caseId: 'c', attributes: {}, events: [ev('Triage', 500), ev('Review', 900), ev('Refund', 950)] });
    // when the figures are read
    const s = acc.result(5);
    // then they describe the log
    expect(s.cases).toBe(3);
    expect(s.events).toBe(7);
    expect(s.activities).toEqual({ Triage: 3, Refund: 3, Review: 1 });
    expect(s.variants).toBe(2);
    expect(s.topVariants[0]).toEqual({ variant: ['Triage', 'Refund'], cases: 2 });
    expect(s.firstTimestamp).toBe(100);
    expect(s.lastTimestamp).toBe(950);
  });

  it('a case of one unnamed event is a variant of its own, not the empty case', () => {
    const acc = new DatasetStatsAccumulator();
    acc.add({ caseId: 'empty', attributes: {}, events: [] });
    acc.add({ caseId: 'unnamed', attributes: {}, events: [ev('')] });
    acc.add({ caseId: 'two', attributes: {}, events: [ev(''), ev('')] });
    const s = acc.result(5);
    expect(s.variants).toBe(3);
    // ties: first seen first
    expect(s.topVariants).toEqual([
      { variant: [], cases: 1 },
      { variant: [''], cases: 1 },
      { variant: ['', ''], cases: 1 },
    ]);
  });

  it('an unnamed event counts as an event, not as an activity, and ties go to the variant seen first', () => {
    const acc = new DatasetStatsAccumulator();
    acc.add({ caseId: 'z', attributes: {}, events: [ev('Zeta', 5)] });
    acc.add({ caseId: 'a', attributes: {}, events: [ev('Alpha', 2), ev('', 9)] });
    acc.add({ caseId: 'z2', attributes: {}, events: [ev('Zeta', Infinity)] });
    acc.add({ caseId: 'a2', attributes: {}, events: [ev('Alpha'), ev('')] });
    const s = acc.result(5);
    expect(s.events).toBe(6);
    expect(s.activities).toEqual({ Zeta: 2, Alpha: 2 });
    // Zeta was seen first: a sort by sequence would put ['Alpha', ''] first
    expect(s.topVariants).toEqual([
      { variant: ['Zeta'], cases: 2 },
      { variant: ['Alpha', ''], cases: 2 },
    ]);
    // an infinite time is no time
    expect([s.firstTimestamp, s.lastTimestamp]).toEqual([2, 9]);
  });

  it('reports activities that no state maps to, most frequent first', () => {
    const acc = new DatasetStatsAccumulator();
    acc.add({
      caseId: 'a',
      attributes: {},
      events: [ev('Triage'), ev('Call customer'), ev('Send survey'), ev('Call customer')],
    });
    expect(sopGaps(acc.result(), ['Triage', 'Issue refund'])).toEqual([
      { activity: 'Call customer', events: 2 },
      { activity: 'Send survey', events: 1 },
    ]);
  });
});
