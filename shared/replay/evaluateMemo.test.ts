// CaseEvaluator memoises tier results across cases by (state, agent choice, guardrails held,
// limit failed). The plain computation is a fresh evaluator per case (nothing memoised): on a grid
// of cases where different guardrails hold and different limits fail, in a shuffled order, the
// shared evaluator must give exactly the fresh one's results for every choice at every state.
// Also: per-case caching of the agent choice must not leak from one case into the next.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rollout } from '../model/types';
import { compileGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { cel, graph } from './testGraphs';

// a: three guardrails (risk 0.3 → suggest, risk 0.6 → human, amount 50 → suggest); GO enters p
// (tool tp: amount ≤ 20) and its initial q (tool tq: amount ≤ 40): two limits that can fail first
// or second. a's guarded branch (amount < 35) and its fallback give the agent two choices.
const doc = graph(
  {
    initial: 'a',
    states: {
      a: {
        meta: {
          activity: 'A',
          tier: 'auto',
          guardrails: [
            { when: 'risk > 0.3', downgradeTo: 'suggest' },
            { when: 'risk > 0.6', downgradeTo: 'human' },
            { when: 'amount > 50.0', downgradeTo: 'suggest' },
          ],
        },
        on: { GO: { target: 'p', guard: cel('amount < 35.0') }, SKIP: 'z' },
      },
      p: {
        meta: { activity: 'P', tool: 'tp' },
        initial: 'q',
        states: { q: { meta: { activity: 'Q', tool: 'tq' }, on: { END: '#z' } } },
      },
      z: { id: 'z', type: 'final', meta: { activity: 'Z' } },
    },
  },
  { tools: { tp: { limit: 'amount <= 20.0' }, tq: { limit: 'amount <= 40.0' } } },
);
const g = compileGraph(doc);
const AMOUNTS = [10, 30, 45, 60];
const RISKS = [0, 0.4, 0.7];
const attrsOf = (i: number) => ({
  amount: AMOUNTS[i % AMOUNTS.length]!,
  risk: RISKS[Math.floor(i / AMOUNTS.length) % RISKS.length]!,
});
const GRID = AMOUNTS.length * RISKS.length;

/** Everything the evaluator says about one case: agent, guard errors and tier per state, tier per choice. */
function answers(ev: CaseEvaluator, attributes: Record<string, number>) {
  ev.begin(caseVars(g, attributes));
  return g.states.map((s) => ({
    agent: ev.agent(s.id),
    errors: ev.guardErrors(s.id),
    tier: ev.tier(s.id),
    byChoice: [-1, ...s.table].map((t) => ev.tierFor(s.id, t)),
  }));
}

describe('the tier memo', () => {
  it('the grid really exercises different guardrails and limits (sanity)', () => {
    const a = g.states[g.stateIds.get('a')!]!;
    const go = g.transitions[g.transitionIds.get('a|on|GO|0')!]!;
    expect([a.guardrails.length, go.limits.length]).toEqual([3, 2]);
    const tiers = new Set(
      Array.from({ length: GRID }, (_, i) => JSON.stringify(answers(new CaseEvaluator(g, 'autonomy'), attrsOf(i)))),
    );
    // (some grid points coincide: e.g. once risk > 0.6 holds, a larger amount changes nothing)
    expect(tiers.size).toBeGreaterThanOrEqual(6);
  });

  it.each<Rollout>(['autonomy', 'assist', 'observe'])(
    'a shared evaluator answers as a fresh one per case, in any order (%s)',
    (rollout) => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: GRID - 1 }), { minLength: 1, maxLength: 40 }), (order) => {
          const shared = new CaseEvaluator(g, rollout);
          for (const i of order)
            expect(answers(shared, attrsOf(i))).toEqual(answers(new CaseEvaluator(g, rollout), attrsOf(i)));
        }),
        { numRuns: 30 },
      );
    },
  );
});
