import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import committed from './graph.schema.json';
import { GraphDocSchema, graphJsonSchema } from './schema';
import refund from '../../samples/refund.sop.json';
import tickets from '../../samples/ticket-routing.sop.json';
import account from '../../samples/account-change.sop.json';

const samples = { refund, tickets, account };

describe('graph schema', () => {
  it('the committed graph.schema.json equals the generator output (run scripts/gen-schema.ts)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(graphJsonSchema())));
  });

  it('accepts every sample, in zod and through the JSON Schema', () => {
    const validate = new Ajv2020({ strict: false }).compile(committed);
    for (const [name, doc] of Object.entries(samples)) {
      expect(GraphDocSchema.safeParse(doc).success, name).toBe(true);
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects bad enums in both, and keeps unknown fields', () => {
    const validate = new Ajv2020({ strict: false }).compile(committed);
    const doc = structuredClone(refund) as Record<string, unknown> & typeof refund;
    doc.tools.issueRefund.risk = 'extreme';
    expect(GraphDocSchema.safeParse(doc).success).toBe(false);
    expect(validate(doc)).toBe(false);
    const extra = { ...structuredClone(refund), owners: ['ops'], machine: { ...refund.machine, context: { x: 1 } } };
    const parsed = GraphDocSchema.parse(extra);
    expect(parsed.owners).toEqual(['ops']);
    expect((parsed.machine as Record<string, unknown>).context).toEqual({ x: 1 });
  });

  it('requires params.expr on a cel guard but allows other guard shapes', () => {
    const doc = structuredClone(refund);
    (doc.machine.states.triage.always[0] as Record<string, unknown>).guard = { type: 'cel', params: {} };
    const r = GraphDocSchema.safeParse(doc);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['machine', 'states', 'triage', 'always', 0, 'guard', 'params', 'expr']);
    (doc.machine.states.triage.always[0] as Record<string, unknown>).guard = 'isSmall';
    expect(GraphDocSchema.safeParse(doc).success).toBe(true);
    (doc.machine.states.triage.always[0] as Record<string, unknown>).guard = { type: 'isSmall', params: { max: 3 } };
    expect(GraphDocSchema.safeParse(doc).success).toBe(true);
  });
});
