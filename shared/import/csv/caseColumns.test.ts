// `case:` columns (issue 16: a reader that took them from the last row of a case survived the
// suite, because every log in the tests repeated the same case value on every row). DESIGN.md,
// "Recorded cases": a case's attributes are its case-level attributes plus the *first* event's
// other attributes, the case-level value winning on a clash. For CSV the case-level attributes are
// the `case:` columns, read once per case, so here the rows of a case disagree on purpose and the
// first row (in file order) must be the one that counts. Expectations are worked out by hand.
// Only the public reader (readCases through testing.ts) is used, so these survive a reader rewrite.
import { describe, expect, it } from 'vitest';
import { readAll } from '../testing';

const CSV = { format: 'csv' } as const;

describe('CSV import: case: columns come from the first row of a case', () => {
  it('takes the case: values of the first row when later rows of the case differ', async () => {
    const log = [
      'case,activity,case:region,case:channel,amount',
      'c1,Triage,north,web,40',
      'c1,Check,south,phone,41',
      'c1,Refund,east,mail,42',
    ].join('\n');
    const { cases } = await readAll(log, CSV);
    expect(cases).toHaveLength(1);
    // region/channel from row 1 (case:), amount from the first event (row 1) as well
    expect(cases[0]!.attributes).toEqual({ region: 'north', channel: 'web', amount: 40 });
    // the events keep their own values, and case: columns are not event attributes
    expect(cases[0]!.events.map((e) => e.attributes)).toEqual([{ amount: 40 }, { amount: 41 }, { amount: 42 }]);
  });

  it('first row of each case also when the cases interleave', async () => {
    const log = ['case,activity,case:tier', 'a,A1,gold', 'b,B1,bronze', 'a,A2,silver', 'b,B2,gold'].join('\n');
    const { cases } = await readAll(log, CSV, 3);
    const tiers = Object.fromEntries(cases.map((c) => [c.caseId, c.attributes.tier]));
    expect(tiers).toEqual({ a: 'gold', b: 'bronze' });
  });

  it('first row in file order, not in time order, when events are sorted by timestamp', async () => {
    // The file's first row of k is the later event; sorting moves it second, but the case
    // attributes stay those of the first row read (DESIGN: "the first (file-order) event").
    const log = [
      'case,activity,timestamp,case:owner,prio',
      'k,Late,2024-01-02T00:00:00Z,ann,1',
      'k,Early,2024-01-01T00:00:00Z,bob,2',
    ].join('\n');
    const { cases } = await readAll(log, { format: 'csv', sortByTimestamp: true });
    expect(cases[0]!.events.map((e) => e.activity)).toEqual(['Early', 'Late']);
    expect(cases[0]!.attributes).toEqual({ owner: 'ann', prio: 1 });
  });

  it('the first row case: value wins over the first event on a clash even when a later row differs', async () => {
    const log = ['case,activity,tier,case:tier', 'k,A,event-1,case-1', 'k,B,event-2,case-2'].join('\n');
    expect((await readAll(log, CSV)).cases[0]!.attributes).toEqual({ tier: 'case-1' });
  });
});
