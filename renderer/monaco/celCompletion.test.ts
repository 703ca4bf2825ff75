import { describe, expect, it } from 'vitest';
import type { CaseField } from '../../shared/model/types';
import { celCompletions, fieldDetail } from './celCompletion';

const schema: Record<string, CaseField> = {
  amount: { type: 'number', source: 'billing' },
  fraudScore: { type: 'number', source: 'risk-engine', maxAge: 'PT1H' },
  customerTier: { type: 'string', source: 'crm', enum: ['gold', 'silver'] },
  'customer.tier': { type: 'string', source: 'crm' },
  'customer.since': { type: 'timestamp' },
};

describe('celCompletions', () => {
  it('offers top-level case fields with type and source, and nested roots once', () => {
    const items = celCompletions(schema, 'amount > 1.0 && ');
    const fields = items.filter((i) => i.kind === 'field');
    expect(fields.map((f) => f.label)).toEqual(['amount', 'fraudScore', 'customerTier', 'customer']);
    expect(fields.find((f) => f.label === 'fraudScore')?.detail).toBe('number · risk-engine · max age PT1H');
    expect(items.some((i) => i.label === 'has' && i.kind === 'macro')).toBe(true);
    expect(items.some((i) => i.label === 'size' && i.kind === 'function')).toBe(true);
  });

  it('offers the sub-fields of a nested root after a dot', () => {
    const items = celCompletions(schema, 'customer.');
    expect(items.map((i) => i.label)).toEqual(['tier', 'since']);
    expect(items[1]?.detail).toBe('timestamp');
  });

  it('offers macros and methods after a dot on other expressions', () => {
    const labels = celCompletions(schema, 'items.').map((i) => i.label);
    expect(labels).toContain('exists');
    expect(labels).toContain('all');
    expect(labels).toContain('startsWith');
  });

  it('does not treat a decimal point as member access', () => {
    const labels = celCompletions(schema, 'amount <= 100.').map((i) => i.label);
    expect(labels).not.toContain('exists');
  });

  it('offers enum values after == on an enum field, closing an open quote', () => {
    expect(celCompletions(schema, 'customerTier == ').map((i) => i.insertText)).toEqual(['"gold"', '"silver"']);
    expect(celCompletions(schema, 'customerTier == "si').map((i) => i.insertText)).toEqual(['gold"', 'silver"']);
  });

  it('describes a field by type, source and freshness', () => {
    expect(fieldDetail({ type: 'int' })).toBe('int');
  });
});
