import { describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import { flattenMachine } from '../../../shared/model/flatten';
import type { GraphDoc, RecordedCase } from '../../../shared/model/types';
import { simulate } from '../../../shared/replay/aggregate';
import { workedExampleCases } from '../../../shared/replay/workedExample.fixture';
import { toResultView } from './engine';
import { buildRunOverlay, toneOfRate } from './runOverlay';
import { toEngineVariant } from './variantDoc';

const refund = refundJson as unknown as GraphDoc;
const cases: RecordedCase[] = workedExampleCases();

describe('buildRunOverlay', () => {
  it('paints visits, agreement, deviations and branch traffic of the worked example', async () => {
    // given the worked example replayed under autonomy
    const view = toResultView(await simulate(refund, cases, { rollout: 'autonomy' }));
    // when the overlay is built
    const o = buildRunOverlay(flattenMachine(refund.machine), view);
    // then triage shows 4 visits, 75% agreement, a deviation mark and the auto-error tone
    expect(o.states.triage).toMatchObject({ label: '4 visits · 75% agree', tone: 'bad', marks: ['deviation'] });
    expect(o.states.triage!.detail).toContain('auto errors 50.0% (1/2)');
    expect(o.states.reject).toMatchObject({ label: '1 deviated', tone: 'warn', marks: ['deviation'] });
    // and the busiest branch (refund → done, 3 cases) is full width; triage → refund carries its auto-error rate
    expect(o.transitions['refund|always||0']).toMatchObject({ width: 1, tone: 'neutral' });
    expect(o.transitions['triage|always||0']).toMatchObject({ width: 1 / 3, tone: 'bad', label: '1 · auto error 50%' });
    expect(o.legend?.map((l) => l.tone)).toEqual(['good', 'warn', 'bad', 'neutral']);
  });

  it('bands rates into tones', () => {
    expect([toneOfRate(null), toneOfRate(0.01), toneOfRate(0.1), toneOfRate(0.5)]).toEqual([
      'neutral',
      'good',
      'warn',
      'bad',
    ]);
  });
});

describe('toEngineVariant', () => {
  it('turns switched-off and added guardrails into whole lists per owner', () => {
    const doc: GraphDoc = {
      ...refund,
      machine: {
        ...refund.machine,
        states: {
          ...refund.machine.states,
          triage: {
            ...refund.machine.states!.triage!,
            meta: {
              ...refund.machine.states!.triage!.meta,
              guardrails: [{ when: 'amount > 1000.0', downgradeTo: 'human' }],
            },
          },
        },
      },
    };
    const v = toEngineVariant(doc, {
      rollout: 'assist',
      tiers: { 'triage|always||1': 'auto' },
      disabledGuardrails: ['state:triage:0'],
      added: { state: 'review', when: 'fraudScore > 0.5', downgradeTo: 'suggest' },
    });
    expect(v).toEqual({
      rollout: 'assist',
      tiers: { 'triage|always||1': 'auto' },
      guardrails: { triage: [], review: [{ when: 'fraudScore > 0.5', downgradeTo: 'suggest' }] },
    });
  });
});
