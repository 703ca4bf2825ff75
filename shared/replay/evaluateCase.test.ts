// CaseEvaluator: guard error texts, per-case caching, and the cross-case tier memo. Expected tiers
// follow DESIGN.md "Effective tier" (branch tier, then held guardrails, then a failed tool limit →
// human), worked out by hand for each case.
import { describe, expect, it } from 'vitest';
import type { Guardrail, TransitionConfig } from '../model/types';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator } from './evaluate';
import { autoStateTripped, cel, graph } from './testGraphs';

/** A fresh evaluator (autonomy rollout) over g, state a's id, and a's tier for one new case. */
function evaluatorAtA(g: CompiledGraph) {
  const ev = new CaseEvaluator(g, 'autonomy');
  const a = g.stateIds.get('a')!;
  const tierOf = (vars: Record<string, unknown>) => {
    ev.begin(vars);
    return ev.tier(a);
  };
  return { ev, a, tierOf };
}

/** a (activity A) whose eventless branches, in this order, all go to the final state z. */
function alwaysToZ(branches: TransitionConfig[]): CompiledGraph {
  return compileGraph(
    graph({
      initial: 'a',
      states: {
        a: { meta: { activity: 'A' }, always: branches },
        z: { type: 'final', meta: { activity: 'Z' } },
      },
    }),
  );
}

/** Variables whose `amount` cannot be read: reading it throws `thrown`. */
function unreadableAmount(risk: number, thrown: unknown): Record<string, unknown> {
  const v: Record<string, unknown> = { risk };
  Object.defineProperty(v, 'amount', {
    enumerable: true,
    get() {
      throw thrown;
    },
  });
  return v;
}

describe('guardErrorTexts', () => {
  // a's branches in order: a named (non-CEL) guard, a guard that does not compile, risk > 0.5,
  // amount > 1.0, and an unguarded fallback.
  const g = alwaysToZ([
    { target: 'z', guard: 'isAdmin' },
    { target: 'z', guard: cel('amount <') },
    { target: 'z', guard: cel('risk > 0.5') },
    { target: 'z', guard: cel('amount > 1.0') },
    { target: 'z' },
  ]);
  const { ev, a } = evaluatorAtA(g);

  it('lists the guards that could not be evaluated before the one that holds, in order', () => {
    // risk holds (third branch): the erroring amount guard after it is not reached
    ev.begin(unreadableAmount(0.9, new Error('boom')));
    const texts = ev.guardErrorTexts(a);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toBe('"isAdmin": not a CEL guard');
    // the compiler's own message for the syntax error: "<expr>: <first line>"
    expect(texts[1]).toMatch(/^amount <: \S/);
    expect(texts[1]).not.toContain('\n');
    expect(ev.guardErrors(a)).toBe(2);
    expect(ev.agent(a)).toBe(g.transitionIds.get('a|always||2'));
  });

  it('a guard that is merely false is not listed; a runtime error is its first message line', () => {
    ev.begin(unreadableAmount(0.1, new Error('boom\nsecond line')));
    const texts = ev.guardErrorTexts(a);
    expect(texts.slice(2)).toEqual(['amount > 1.0: boom']);
    expect(texts[0]).toBe('"isAdmin": not a CEL guard');
    expect(ev.guardErrors(a)).toBe(3);
    expect(ev.agent(a)).toBe(g.transitionIds.get('a|always||4'));
  });

  it('a thrown value that is not an Error is reported as its string', () => {
    ev.begin(unreadableAmount(0.1, undefined));
    expect(ev.guardErrorTexts(a).slice(2)).toEqual(['amount > 1.0: undefined']);
    ev.begin(unreadableAmount(0.1, 'plain text'));
    expect(ev.guardErrorTexts(a).slice(2)).toEqual(['amount > 1.0: plain text']);
  });

  it('no runtime error when every guard can be read (only the two broken ones)', () => {
    ev.begin({ risk: 0.1, amount: 0.5 });
    expect(ev.guardErrorTexts(a)).toHaveLength(2);
    expect(ev.guardErrors(a)).toBe(2);
  });
});

/** a (tier auto, guardrails as given) --GO--> p (tool tp: amount <= 50.0); the only transition. */
function guardedDoc(guardrails: Guardrail[]) {
  return compileGraph(
    graph(
      {
        initial: 'a',
        states: {
          a: { meta: { activity: 'A', tier: 'auto', guardrails }, on: { GO: 'p' } },
          p: { meta: { activity: 'P', tool: 'tp' } },
        },
      },
      { tools: { tp: { limit: 'amount <= 50.0' } } },
    ),
  );
}
const never = (n: number): Guardrail[] =>
  Array.from({ length: n }, (_, i) => ({ when: `risk > ${100 + i}.0`, downgradeTo: 'suggest' as const }));

const AUTO = {
  tier: 'auto',
  allowed: 'auto',
  tripped: false,
  reasons: [{ kind: 'branch', tier: 'auto', from: 'state' }],
};
const LIMIT = autoStateTripped({ kind: 'limit', tool: 'tp', limit: 'amount <= 50.0', tier: 'human' });
const guardrailTrip = (when: string, tier: 'suggest' | 'human') =>
  autoStateTripped({ kind: 'guardrail', when, tier, on: 'state' });

describe('per-case caching', () => {
  const g = guardedDoc([{ when: 'risk > 0.5', downgradeTo: 'human' }]);

  it('tier() asked first for a new case answers for that case, not the previous one', () => {
    const { tierOf } = evaluatorAtA(g);
    expect(tierOf({ risk: 0, amount: 10 })).toEqual(AUTO);
    expect(tierOf({ risk: 0.9, amount: 10 })).toEqual(guardrailTrip('risk > 0.5', 'human'));
    expect(tierOf({ risk: 0, amount: 10 }).tier).toBe('auto');
  });

  it('guardErrors() asked first for a new case answers for that case', () => {
    const { ev, a } = evaluatorAtA(alwaysToZ([{ target: 'z', guard: cel('amount > 1.0') }, { target: 'z' }]));
    ev.begin({ amount: 0.5 });
    expect(ev.guardErrors(a)).toBe(0);
    ev.begin(unreadableAmount(0, new Error('boom')));
    expect(ev.guardErrors(a)).toBe(1);
    ev.begin({ amount: 2 });
    expect(ev.guardErrors(a)).toBe(0);
  });

  it('after the case counter wraps (2^31 - 1 cases), no state keeps an answer of an old case', () => {
    const { ev, tierOf } = evaluatorAtA(g);
    expect(tierOf({ risk: 0.9, amount: 10 }).tier).toBe('human'); // case 1
    // skip ahead to the last case number before the wrap (white-box: 2^31 cases cannot be run)
    (ev as unknown as { caseNo: number }).caseNo = 0x7ffffffe;
    expect(tierOf({ risk: 0, amount: 10 }).tier).toBe('auto'); // wraps: numbered 1 again
  });
});

describe('the cross-case tier memo', () => {
  it('twenty guardrails: each combination of held guardrail and failed limit keeps its own tier', () => {
    // guardrail #10 (index 10, bit 1024 in the memo key) is the only one that can hold
    const rails = never(20);
    rails[10] = { when: 'risk > 0.5', downgradeTo: 'suggest' };
    const g = guardedDoc(rails);
    expect(g.transitions.length).toBe(1);
    const { tierOf } = evaluatorAtA(g);
    const first = tierOf({ risk: 0, amount: 10 });
    expect(first).toEqual(AUTO);
    expect(tierOf({ risk: 0.9, amount: 10 })).toEqual(guardrailTrip('risk > 0.5', 'suggest'));
    expect(tierOf({ risk: 0, amount: 80 })).toEqual(LIMIT);
    const both = tierOf({ risk: 0.9, amount: 80 });
    expect(both.tier).toBe('human');
    expect(both.reasons.map((r) => r.kind)).toEqual(['branch', 'guardrail', 'limit']);
    // a case with the same inputs as an earlier one gets the very same result (memoised, DESIGN:
    // the hot loop allocates nothing for a repeated outcome)
    expect(tierOf({ risk: 0, amount: 20 })).toBe(first);
    expect(tierOf({ risk: 0.95, amount: 30 })).toBe(tierOf({ risk: 0.9, amount: 10 }));
  });

  it('twenty-one guardrails: cases differing only in the 21st get different tiers', () => {
    const rails = [...never(20), { when: 'risk > 0.5', downgradeTo: 'human' as const }];
    const { tierOf } = evaluatorAtA(guardedDoc(rails));
    expect(tierOf({ risk: 0, amount: 10 })).toEqual(AUTO);
    expect(tierOf({ risk: 0.9, amount: 10 })).toEqual(guardrailTrip('risk > 0.5', 'human'));
    expect(tierOf({ risk: 0, amount: 10 })).toEqual(AUTO);
  });

  it('two choices at one state: a limit failing third on one does not answer for the other', () => {
    // GO enters p ⊃ q ⊃ r with tools tp, tq, tr; only tr's limit fails for amount 50
    const g = compileGraph(
      graph(
        {
          initial: 'a',
          states: {
            a: { meta: { activity: 'A', tier: 'auto' }, on: { GO: 'p', SKIP: 'z' } },
            p: {
              meta: { activity: 'P', tool: 'tp' },
              initial: 'q',
              states: {
                q: {
                  meta: { activity: 'Q', tool: 'tq' },
                  initial: 'r',
                  states: { r: { meta: { activity: 'R', tool: 'tr' } } },
                },
              },
            },
            z: { type: 'final', meta: { activity: 'Z' } },
          },
        },
        {
          tools: { tp: { limit: 'amount <= 100.0' }, tq: { limit: 'amount <= 90.0' }, tr: { limit: 'amount <= 10.0' } },
        },
      ),
    );
    const go = g.transitionIds.get('a|on|GO|0')!;
    const skip = g.transitionIds.get('a|on|SKIP|1')!;
    expect([g.transitions.length, go, skip]).toEqual([2, 0, 1]);
    expect(g.transitions[go]!.limits.map((l) => l.tool)).toEqual(['tp', 'tq', 'tr']);
    const { ev, a } = evaluatorAtA(g);
    ev.begin({ amount: 50 });
    expect(ev.tierFor(a, go)).toEqual(
      autoStateTripped({ kind: 'limit', tool: 'tr', limit: 'amount <= 10.0', tier: 'human' }),
    );
    expect(ev.tierFor(a, skip)).toEqual(AUTO);
    expect(ev.tierFor(a, -1)).toEqual(AUTO);
  });
});
