/** What-if re-scoring must equal a fresh simulation of the variant document. */
import { describe, expect, it } from 'vitest';
import type { GraphDoc, MachineConfig, RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { cel, payMachine, graph, kase } from './testGraphs';
import { applyVariant, whatIf, type Variant } from './whatIf';

const doc = graph(payMachine, { tools: { payout: { limit: 'amount <= 50.0' } } });
const cases: RecordedCase[] = [];
for (let i = 0; i < 60; i++) {
  const amount = (i * 37) % 160;
  const risk = ((i * 13) % 10) / 10;
  const path =
    i % 3 === 0
      ? ['Receive', 'Pay']
      : i % 3 === 1
        ? ['Receive', 'Check', 'Pay']
        : ['Receive', 'Check', 'Deny', 'Close', 'Extra'];
  cases.push(
    kase(
      `c${i}`,
      { amount, risk },
      i % 7 === 0 ? ['Receive', 'Lost'] : path,
      path.map((_, k) => Date.UTC(2024, i % 4, 1 + k)),
    ),
  );
}

describe('whatIf', () => {
  const variants: Array<[string, Variant]> = [
    ['another rollout stage', { rollout: 'assist' }],
    ['observe', { rollout: 'observe' }],
    ['another tier on a branch and a state', { tiers: { 'start|always||1': 'auto', check: 'auto' } }],
    [
      'new guardrails',
      {
        guardrails: {
          start: [{ when: 'risk > 0.6', downgradeTo: 'human' }],
          'check|on|OK|0': [{ when: 'amount > 20.0', downgradeTo: 'suggest' }],
        },
      },
    ],
    ['a looser tool limit', { limits: { payout: 'amount <= 150.0' } }],
    ['no tool limit', { limits: { payout: null } }],
  ];
  it.each(variants)('re-scores %s exactly as a fresh simulation would', async (_name, variant) => {
    const g = compileGraph(doc);
    const base = await simulate(g, cases, { keepFacts: true });
    const rescored = whatIf(g, base.facts!, variant);
    const fresh = await simulate(applyVariant(g, variant), cases);
    expect(rescored).toEqual(fresh);
  });
  it('changes the figures it should (sanity: the variants are not no-ops)', async () => {
    const g = compileGraph(doc);
    const base = await simulate(g, cases, { keepFacts: true });
    expect(whatIf(g, base.facts!, { rollout: 'observe' }).totals.autoSteps).toBe(0);
    expect(base.totals.autoSteps).toBeGreaterThan(0);
    expect(whatIf(g, base.facts!, { limits: { payout: null } }).totals.guardrailTrips).toBeLessThan(
      base.totals.guardrailTrips,
    );
  });

  // An independent oracle: each variant written out by hand as a whole document and simulated
  // from the log afresh — neither applyVariant nor the stored facts are involved.
  const edited = (
    edit: (m: MachineConfig) => void,
    tools: GraphDoc['tools'] = { payout: { limit: 'amount <= 50.0' } },
    rollout = doc.rollout,
  ): GraphDoc => {
    const m = structuredClone(payMachine);
    edit(m);
    return graph(m, { tools }, rollout);
  };
  const states = (m: MachineConfig) => m.states!;
  const byHand: Array<[string, Variant, GraphDoc]> = [
    ['rollout assist', { rollout: 'assist' }, edited(() => {}, undefined, 'assist')],
    [
      'tiers on a branch and a state',
      { tiers: { 'start|always||1': 'auto', check: 'auto' } },
      edited((m) => {
        states(m).start!.always = [
          { target: 'pay', guard: cel('amount < 100.0'), meta: { tier: 'auto' } },
          { target: 'check', guard: cel('risk > 0.5'), meta: { tier: 'auto' } },
        ];
        states(m).check!.meta = { activity: 'Check', tier: 'auto' };
      }),
    ],
    [
      'guardrails on a state and a branch',
      {
        guardrails: {
          start: [{ when: 'risk > 0.6', downgradeTo: 'human' }],
          'check|on|OK|0': [{ when: 'amount > 20.0', downgradeTo: 'suggest' }],
        },
      },
      edited((m) => {
        states(m).start!.meta = { activity: 'Receive', guardrails: [{ when: 'risk > 0.6', downgradeTo: 'human' }] };
        states(m).check!.on = {
          OK: { target: 'pay', meta: { guardrails: [{ when: 'amount > 20.0', downgradeTo: 'suggest' }] } },
          NO: 'deny',
        };
      }),
    ],
    [
      'a looser limit',
      { limits: { payout: 'amount <= 150.0' } },
      edited(() => {}, { payout: { limit: 'amount <= 150.0' } }),
    ],
    ['no limit', { limits: { payout: null } }, edited(() => {}, { payout: {} })],
  ];
  it.each(byHand)('re-scores %s as a hand-edited document simulated afresh', async (_name, variant, handDoc) => {
    const g = compileGraph(doc);
    const base = await simulate(g, cases, { keepFacts: true });
    const fresh = await simulate(handDoc, cases);
    expect(whatIf(g, base.facts!, variant)).toEqual(fresh);
    // the hand edit changes the figures, so a variant silently ignored (whatIf = base) fails above
    expect(fresh).not.toEqual(await simulate(doc, cases));
  });

  it('refuses a variant that does not type-check, naming where and why', async () => {
    const g = compileGraph(doc);
    const base = await simulate(g, cases, { keepFacts: true });
    expect(() =>
      whatIf(g, base.facts!, { guardrails: { start: [{ when: 'amount > "x"', downgradeTo: 'human' }] } }),
    ).toThrow(/what-if variant refused: guardrails\["start"\]\[0\]\.when: /);
    expect(() => whatIf(g, base.facts!, { limits: { payout: 'amont <= 5.0' } })).toThrow(/limits\["payout"\]: .*amont/);
    expect(() => whatIf(g, base.facts!, { tiers: { nowhere: 'auto' } })).toThrow(
      /tiers\["nowhere"\]: no state or transition/,
    );
  });
});
