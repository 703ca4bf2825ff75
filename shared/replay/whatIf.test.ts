/** What-if re-scoring must equal a fresh simulation of the variant document. */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { compileGraph } from './compile';
import { payMachine, graph, kase } from './testGraphs';
import { applyVariant, whatIf, type Variant } from './whatIf';

const doc = graph(payMachine, { tools: { payout: { limit: 'amount <= 50.0' } } });
const cases: RecordedCase[] = [];
for (let i = 0; i < 60; i++) {
  const amount = (i * 37) % 160;
  const risk = ((i * 13) % 10) / 10;
  const path = i % 3 === 0 ? ['Receive', 'Pay'] : i % 3 === 1 ? ['Receive', 'Check', 'Pay'] : ['Receive', 'Check', 'Deny', 'Close', 'Extra'];
  cases.push(kase(`c${i}`, { amount, risk }, i % 7 === 0 ? ['Receive', 'Lost'] : path, path.map((_, k) => Date.UTC(2024, i % 4, 1 + k))));
}

describe('whatIf', () => {
  const variants: Array<[string, Variant]> = [
    ['another rollout stage', { rollout: 'assist' }],
    ['observe', { rollout: 'observe' }],
    ['another tier on a branch and a state', { tiers: { 'start|always||1': 'auto', check: 'auto' } }],
    ['new guardrails', { guardrails: { start: [{ when: 'risk > 0.6', downgradeTo: 'human' }], 'check|on|OK|0': [{ when: 'amount > 20.0', downgradeTo: 'suggest' }] } }],
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
    expect(whatIf(g, base.facts!, { limits: { payout: null } }).totals.guardrailTrips).toBeLessThan(base.totals.guardrailTrips);
  });
});
