import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../../shared/model/types';
import { decodeCases, encodeCases } from './db';

describe('chunk encoding', () => {
  it('round-trips cases, keeping Dates in case and event attributes', () => {
    const cases: RecordedCase[] = [
      { caseId: 'a', attributes: { amount: 40, opened: new Date(Date.UTC(2024, 0, 2)), tags: ['x', { at: new Date(5) }] }, events: [{ activity: 'A', timestamp: 1, attributes: { due: new Date(7) } }] },
      { caseId: 'b', attributes: { ok: true, none: null }, events: [{ activity: 'B' }] },
    ];
    expect(decodeCases(encodeCases(cases))).toEqual(cases);
  });

  it('stays plain JSON when there is no Date', () => {
    const cases: RecordedCase[] = [{ caseId: 'a', attributes: { amount: 1.5 }, events: [{ activity: 'A', resource: 'r' }] }];
    expect(encodeCases(cases)).toBe(JSON.stringify(cases));
  });
});
