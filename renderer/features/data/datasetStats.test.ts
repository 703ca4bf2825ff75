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
    // ties by sequence: the empty case first, then [''] and ['', '']
    expect(s.topVariants).toEqual([
      { variant: [], cases: 1 },
      { variant: [''], cases: 1 },
      { variant: ['', ''], cases: 1 },
    ]);
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
