import { describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import { flattenMachine } from '../../../shared/model/flatten';
import type { GraphDoc } from '../../../shared/model/types';
import { applyVariantToDoc, blockedReason, checkVariant } from './variantCheck';
import { baselineVariant, type Variant } from './variantDoc';

const refund = refundJson as unknown as GraphDoc;
const ids = flattenMachine(refund.machine).transitions.map((t) => t.id);
const toRefund = flattenMachine(refund.machine).transitions.find(
  (t) => t.source === 'triage' && t.targets[0] === 'refund',
)!.id;
const v = (patch: Partial<Variant>): Variant => ({ ...baselineVariant(refund), ...patch });

describe('what-if variants are type-checked like guards', () => {
  it('accepts the baseline and a valid added guardrail', () => {
    expect(checkVariant(refund, v({}))).toEqual([]);
    expect(
      checkVariant(refund, v({ added: { state: 'triage', when: 'amount > 250.0', downgradeTo: 'human' } })),
    ).toEqual([]);
  });

  it('refuses a typo in a field name, with the type-checker’s message, and blocks the run', () => {
    const problems = checkVariant(
      refund,
      v({ added: { state: 'triage', when: 'amont > 250.0', downgradeTo: 'human' } }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('added');
    expect(problems[0]!.message).toMatch(/amont/);
    expect(blockedReason(problems)).toMatch(/^Fix the variant first: .*amont/);
  });

  it('refuses a condition that is not boolean, a syntax error and an empty condition', () => {
    expect(
      checkVariant(refund, v({ added: { state: 'triage', when: 'amount + 1.0', downgradeTo: 'human' } }))[0]?.message,
    ).toMatch(/bool/);
    expect(
      checkVariant(refund, v({ added: { state: 'triage', when: 'amount >', downgradeTo: 'human' } })),
    ).toHaveLength(1);
    expect(
      checkVariant(refund, v({ added: { state: 'triage', when: '  ', downgradeTo: 'human' } }))[0]?.message,
    ).toMatch(/write the condition/);
  });

  it('refuses tiers on branches that do not exist and values that are not tiers', () => {
    const p = checkVariant(refund, v({ tiers: { 'nowhere|x': 'auto', [ids[0]!]: 'sometimes' as never } }));
    expect(p.map((x) => x.field).sort()).toEqual([`tier:${ids[0]}`, 'tier:nowhere|x'].sort());
    expect(blockedReason(p)).toContain('2 problems');
  });

  it('checks the graph’s own guardrails that stay on, and not the ones switched off', () => {
    const doc = structuredClone(refund) as GraphDoc & {
      machine: { states: Record<string, { meta: Record<string, unknown> }> };
    };
    doc.machine.states.triage!.meta.guardrails = [{ when: 'impcat == "Low"', downgradeTo: 'human' }];
    const on = checkVariant(doc, { ...baselineVariant(doc) });
    expect(on).toHaveLength(1);
    expect(on[0]!.message).toMatch(/^guardrail on triage: .*impcat/);
    expect(checkVariant(doc, { ...baselineVariant(doc), disabledGuardrails: ['state:triage:0'] })).toEqual([]);
  });
});

describe('when the graph declares no case fields', () => {
  const bare = { ...refund, caseSchema: {} } as GraphDoc;

  it('checks a condition’s fields against the attributes the run saw in the data', () => {
    const typo = v({ added: { state: 'triage', when: 'impcat == "Low"', downgradeTo: 'human' } });
    const problems = checkVariant(bare, typo, ['amount', 'fraudScore', 'impact']);
    expect(problems).toEqual([
      {
        field: 'added',
        source: 'data',
        message: 'Unknown field: impcat (no case in this dataset has it; the graph declares no case fields)',
      },
    ]);
    expect(
      checkVariant(bare, v({ added: { state: 'triage', when: 'impact == "Low"', downgradeTo: 'human' } }), [
        'amount',
        'impact',
      ]),
    ).toEqual([]);
  });

  it('cannot tell without the data (a run stored before it recorded case fields)', () => {
    expect(
      checkVariant(bare, v({ added: { state: 'triage', when: 'impcat == "Low"', downgradeTo: 'human' } })),
    ).toEqual([]);
  });
});

describe('applying a variant to the graph', () => {
  it('writes rollout, tiers and guardrails into the document and leaves the rest as it was', () => {
    const doc = applyVariantToDoc(
      refund,
      v({
        rollout: 'assist',
        tiers: { [toRefund]: 'suggest' },
        added: { state: 'review', when: 'amount > 250.0', downgradeTo: 'human' },
      }),
    );
    const m = doc.machine as unknown as {
      states: Record<string, { meta?: Record<string, unknown>; always?: Array<{ meta?: { tier?: string } }> }>;
    };
    expect(doc.rollout).toBe('assist');
    expect(m.states.triage!.always![0]!.meta).toEqual({ tier: 'suggest' });
    expect(m.states.triage!.always![1]!.meta).toEqual({ tier: 'suggest' });
    expect(m.states.review!.meta).toEqual({
      activity: 'Manual review',
      owner: 'payments-ops',
      guardrails: [{ when: 'amount > 250.0', downgradeTo: 'human' }],
    });
    expect(doc.layout).toBe(refund.layout);
    expect(doc.caseSchema).toBe(refund.caseSchema);
  });

  it('removes a guardrail switched off, and leaves the document untouched for the baseline', () => {
    const withRail = structuredClone(refund) as GraphDoc & {
      machine: { states: Record<string, { meta: Record<string, unknown> }> };
    };
    withRail.machine.states.triage!.meta.guardrails = [{ when: 'amount > 400.0', downgradeTo: 'human' }];
    const off = applyVariantToDoc(withRail, { ...baselineVariant(withRail), disabledGuardrails: ['state:triage:0'] });
    expect(
      (off.machine as unknown as { states: Record<string, { meta: Record<string, unknown> }> }).states.triage!.meta
        .guardrails,
    ).toBeUndefined();
    // the guardrail kept keeps its reason (a field the what-if engine does not read)
    withRail.machine.states.triage!.meta.guardrails = [
      { when: 'amount > 400.0', downgradeTo: 'human' },
      { when: 'fraudScore > 0.5', downgradeTo: 'suggest', reason: 'risk' },
    ];
    const one = applyVariantToDoc(withRail, { ...baselineVariant(withRail), disabledGuardrails: ['state:triage:0'] });
    expect(
      (one.machine as unknown as { states: Record<string, { meta: Record<string, unknown> }> }).states.triage!.meta
        .guardrails,
    ).toEqual([{ when: 'fraudScore > 0.5', downgradeTo: 'suggest', reason: 'risk' }]);
    expect(applyVariantToDoc(refund, baselineVariant(refund))).toBe(refund);
  });
});
