import { describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import type { GraphDoc, RecordedCase } from '../../../shared/model/types';
import { AttributeProfiler } from './attributeProfile';
import { addAttributesToSchema, fieldName } from './schemaFromAttributes';

const cases: RecordedCase[] = [
  {
    caseId: 'a',
    attributes: { amount: 40, vip: true },
    events: [
      { activity: 'T', resource: 'ann', attributes: { channel: 'mail' } },
      { activity: 'R', attributes: { channel: 'phone' } },
    ],
  },
  {
    caseId: 'b',
    attributes: { amount: 12.5 },
    events: [{ activity: 'T', attributes: { channel: 'mail', 'opened at': new Date(Date.UTC(2024, 0, 2)) } }],
  },
  { caseId: 'c', attributes: { amount: 'n/a', vip: null }, events: [{ activity: 'T', resource: 'bob' }] },
];

describe('AttributeProfiler', () => {
  it('types, coverage in cases and samples, counted by hand from three cases', () => {
    const p = new AttributeProfiler();
    for (const c of cases) p.add(c);
    expect(p.result()).toEqual([
      // 40 (int) + 12.5 (number) → number, then "n/a" → string; in all three cases
      { name: 'amount', scope: 'case', type: 'string', cases: 3, samples: ['40', '12.5', 'n/a'] },
      // c's vip is null: not counted
      { name: 'vip', scope: 'case', type: 'bool', cases: 1, samples: ['true'] },
      // channel on two events of a counts once for a
      { name: 'channel', scope: 'event', type: 'string', cases: 2, samples: ['mail', 'phone'] },
      { name: 'org:resource', scope: 'event', type: 'string', cases: 2, samples: ['ann', 'bob'] },
      { name: 'opened at', scope: 'event', type: 'timestamp', cases: 1, samples: ['2024-01-02T00:00:00.000Z'] },
    ]);
  });

  it('a key named __proto__ is profiled like any other', () => {
    const p = new AttributeProfiler();
    p.add(JSON.parse('{"caseId":"x","attributes":{"__proto__":3},"events":[]}') as RecordedCase);
    expect(p.result()).toEqual([{ name: '__proto__', scope: 'case', type: 'int', cases: 1, samples: ['3'] }]);
  });
});

describe('addAttributesToSchema', () => {
  const doc = refundJson as unknown as GraphDoc;
  it('adds the chosen attributes as typed fields without a source, skipping names already there', () => {
    const next = addAttributesToSchema(
      doc,
      [
        { name: 'org:resource', scope: 'event', type: 'string', cases: 2, samples: [] },
        { name: 'amount', scope: 'case', type: 'number', cases: 3, samples: [] },
        { name: 'days open', scope: 'case', type: 'int', cases: 3, samples: [] },
      ],
      'tickets',
    );
    expect(Object.keys(next.caseSchema)).toEqual([...Object.keys(doc.caseSchema), 'org_resource', 'days_open']);
    expect(next.caseSchema.org_resource).toEqual({
      type: 'string',
      description: 'event attribute “org:resource” of dataset “tickets”',
    });
    expect(next.caseSchema.amount).toBe(doc.caseSchema.amount);
  });

  it('names are valid schema names, never prototype keys; nothing to add leaves the doc as it was', () => {
    expect(['case:concept:name', '42', '__proto__', 'constructor', 'a b.c'].map(fieldName)).toEqual([
      'case_concept_name',
      '_42',
      '__proto___field',
      'constructor_field',
      'a_b.c',
    ]);
    expect(
      addAttributesToSchema(doc, [{ name: 'amount', scope: 'case', type: 'number', cases: 1, samples: [] }], 'x'),
    ).toBe(doc);
    const proto = addAttributesToSchema(
      doc,
      [{ name: '__proto__', scope: 'case', type: 'int', cases: 1, samples: [] }],
      'x',
    );
    expect(Object.getPrototypeOf(proto.caseSchema)).toBe(Object.prototype);
    expect(proto.caseSchema['__proto___field']).toMatchObject({ type: 'int' });
  });
});
