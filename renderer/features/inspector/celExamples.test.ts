import { describe, expect, it } from 'vitest';
import { CelEnvironment } from '../../../shared/expr/cel';
import type { CaseField } from '../../../shared/model/types';
import { exampleExpression, guardrailPlaceholder, limitPlaceholder } from './celExamples';

const refund: Record<string, CaseField> = {
  amount: { type: 'number' },
  fraudScore: { type: 'number' },
  customerTier: { type: 'string', enum: ['gold', 'silver'] },
};
const helpdesk: Record<string, CaseField> = {
  opened: { type: 'timestamp' },
  priority: { type: 'string', enum: ['high', 'low'] },
  reopened: { type: 'bool' },
};

describe('CEL placeholders from the graph’s own case schema', () => {
  it('names the first usable field of this graph, never a field it does not have', () => {
    expect(guardrailPlaceholder(refund)).toBe('e.g. amount > 100.0');
    expect(limitPlaceholder(refund)).toBe('No limit, e.g. amount <= 500.0');
    // a timestamp has no simple example: the enum string after it is used
    expect(guardrailPlaceholder(helpdesk)).toBe('e.g. priority == "high"');
    expect(guardrailPlaceholder(helpdesk)).not.toMatch(/fraudScore|amount/);
    expect(exampleExpression({ 'bad-name': { type: 'number' }, n: { type: 'int' } }, 'limit')).toBe('n <= 10');
  });

  it('says how to get an example when the graph has no fields', () => {
    expect(guardrailPlaceholder({})).toBe('A condition over the case (declare fields in Case schema)');
    expect(limitPlaceholder({})).toBe('No limit');
  });

  it('every example type-checks as a bool against its schema (the real CEL checker)', () => {
    const schemas: Array<Record<string, CaseField>> = [
      refund,
      helpdesk,
      { k: { type: 'int' } },
      { b: { type: 'bool' } },
      { s: { type: 'string' } },
    ];
    for (const schema of schemas) {
      const env = new CelEnvironment(schema);
      for (const kind of ['condition', 'limit'] as const) {
        const e = exampleExpression(schema, kind)!;
        expect(env.compile(e), `${e} over ${Object.keys(schema).join(',')}`).toMatchObject({ ok: true });
      }
    }
  });
});
