// The memo key of CaseEvaluator is one number, exact only below 2^53 and only while the guardrail
// mask and the failed-limit index stay in their own digits. Where that does not hold, nothing may
// be memoised: each state and choice must still get its own tier (DESIGN.md "Effective tier"),
// worked out by hand below.
import { describe, expect, it } from 'vitest';
import type { Guardrail, MachineConfig, StateConfig } from '../model/types';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator } from './evaluate';
import { autoStateTripped, graph } from './testGraphs';

const never = (n: number): Guardrail[] =>
  Array.from({ length: n }, (_, i) => ({ when: `risk > ${100 + i}.0`, downgradeTo: 'suggest' as const }));

/** An auto state's step once its guardrail `risk > 0.5` (down to suggest) holds. */
const RISK_TRIP = autoStateTripped({ kind: 'guardrail', when: 'risk > 0.5', tier: 'suggest', on: 'state' });

describe('memo keys that would not be exact', () => {
  it('a graph too large for exact keys (2^30 · transitions · states ≥ 2^53) memoises nothing', () => {
    // a (auto) and b (human) each carry 20 guardrails; only the 20th (bit 2^19 of the mask) holds
    const rails = [...never(19), { when: 'risk > 0.5', downgradeTo: 'suggest' as const }];
    const small = compileGraph(
      graph({
        initial: 'a',
        states: {
          a: { meta: { activity: 'A', tier: 'auto', guardrails: rails }, on: { GO: 'b' } },
          b: { meta: { activity: 'B', tier: 'human', guardrails: rails }, on: { BACK: 'a' } },
        },
      }),
    );
    expect([small.stateIds.get('a'), small.stateIds.get('b'), small.states.length]).toEqual([0, 1, 2]);
    // the same graph as if it had 2^23 transitions (the extra ones are never chosen here): the
    // key of an abstention at b would be one more than at a, above 2^53 where doubles step by 2
    const transitions = small.transitions.slice();
    transitions.length = 2 ** 23;
    const big: CompiledGraph = { ...small, transitions };
    const ev = new CaseEvaluator(big, 'autonomy');
    ev.begin({ risk: 0.9 });
    expect(ev.tierFor(0, -1)).toEqual(RISK_TRIP);
    expect(ev.tierFor(1, -1)).toEqual({
      tier: 'human',
      allowed: 'human',
      tripped: false,
      reasons: [{ kind: 'branch', tier: 'human', from: 'state' }],
    });
  });

  it('a limit failing at index ≥ 1000 is not memoised (its index would run into the guardrail digits)', () => {
    // GO targets the innermost of 1024 nested states p0 ⊃ p1 ⊃ … ⊃ p1023 (entering all of them),
    // each with its own tool; every limit is amount <= 100.0 but the innermost one's, amount <= 10.0
    const N = 1024;
    let inner: StateConfig = { id: 'deepest', meta: { activity: `P${N - 1}`, tool: `t${N - 1}` } };
    for (let i = N - 2; i >= 0; i--)
      inner = { meta: { activity: `P${i}`, tool: `t${i}` }, initial: `p${i + 1}`, states: { [`p${i + 1}`]: inner } };
    const tools = Object.fromEntries(
      Array.from({ length: N }, (_, i) => [`t${i}`, { limit: i === N - 1 ? 'amount <= 10.0' : 'amount <= 100.0' }]),
    );
    const machine: MachineConfig = {
      initial: 'a',
      states: {
        a: {
          meta: { activity: 'A', tier: 'auto', guardrails: [{ when: 'risk > 0.5', downgradeTo: 'suggest' }] },
          on: { GO: '#deepest' },
        },
        p0: inner,
      },
    };
    const g = compileGraph(graph(machine, { tools }));
    const go = g.transitionIds.get('a|on|GO|0')!;
    expect(g.transitions[go]!.limits.length).toBe(N);
    const a = g.stateIds.get('a')!;
    const ev = new CaseEvaluator(g, 'autonomy');
    // amount 50: only the last (1024th) limit fails → human
    ev.begin({ risk: 0, amount: 50 });
    expect(ev.tier(a)).toEqual(
      autoStateTripped({ kind: 'limit', tool: `t${N - 1}`, limit: 'amount <= 10.0', tier: 'human' }),
    );
    // the guardrail holds and every limit holds → suggest
    ev.begin({ risk: 0.9, amount: 5 });
    expect(ev.tier(a)).toEqual(RISK_TRIP);
  });
});
