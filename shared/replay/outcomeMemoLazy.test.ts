// OutcomeMemo looks a name's value id up only when an expression the case reaches reads it (lazy
// ids), and packs up to three ids into a key in 10 bits each when all are below 1024, in 16 bits
// each (moved above 2^30) otherwise. The plain path is CaseEvaluator.begin(caseVars(...)), which
// evaluates every expression and memoises nothing across cases. On random case sequences where
// cases ask about random states in a random order (so names are looked up in varying orders, or
// never), the memoised evaluator must give exactly the plain answers; and a case whose 10-bit key
// equals another case's 16-bit key must not get that case's outcome.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttrValue, CaseField } from '../model/types';
import { compileGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { cel, graph } from './testGraphs';

const schema: Record<string, CaseField> = {
  a: { type: 'number' },
  b: { type: 'number' },
  c: { type: 'string' },
  flag: { type: 'bool' },
  'cust.tier': { type: 'string' },
  'cust.n': { type: 'int' },
};

// Three guarded states reading overlapping names, guardrails on a state and a transition, and a
// tool limit on an entered state.
const g = compileGraph(
  graph(
    {
      initial: 's',
      states: {
        s: {
          meta: { activity: 'S', guardrails: [{ when: 'flag', downgradeTo: 'suggest' }] },
          always: [
            { target: 'p', guard: cel('a + b > 1.0 && c == "x"'), meta: { tier: 'auto' } },
            { target: 'q', guard: cel('cust.tier == "vip"'), meta: { tier: 'auto' } },
            { target: 'r' },
          ],
        },
        p: {
          meta: { activity: 'P', tool: 'tp' },
          always: [
            {
              target: 'r',
              guard: cel('a - b - cust.n > 0.0'),
              meta: { tier: 'auto', guardrails: [{ when: 'c == "y"', downgradeTo: 'human' }] },
            },
            { target: 'end' },
          ],
        },
        q: { meta: { activity: 'Q' }, always: [{ target: 'end', guard: cel('b < 0.5 || flag') }, { target: 'r' }] },
        r: { meta: { activity: 'R', tier: 'auto' }, always: { target: 'end' } },
        end: { type: 'final', meta: { activity: 'E' } },
      },
    },
    { caseSchema: schema, tools: { tp: { limit: 'a <= 2.0 && cust.n < 3' } } },
  ),
);

/** What the evaluator says about one state: agent, guard errors, tier of each choice. */
function answer(ev: CaseEvaluator, state: number) {
  const s = g.states[state]!;
  return {
    agent: ev.agent(state),
    errors: ev.guardErrors(state),
    tier: ev.tier(state),
    byChoice: [-1, ...s.table].map((t) => ev.tierFor(state, t)),
  };
}

const value = fc.oneof(
  fc.constantFrom<AttrValue>(0, -0, 1, 2, 0.5, 3, '1', 'x', 'y', 'vip', true, false, 'true', null),
  fc.double({ min: -3, max: 3, noNaN: true }),
);
const attrsArb = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'flag', 'cust.tier', 'cust.n'), value, {
  maxKeys: 6,
});
const caseArb = fc.record({
  attributes: attrsArb,
  // the states this case is asked about, in this order (repeats allowed)
  ask: fc.array(fc.nat(g.states.length - 1), { maxLength: 6 }),
});

describe('lazy ids and packed keys give the plain answers', () => {
  it('random cases asking about random states in random orders', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 40 }), (cases) => {
        const memo = new CaseEvaluator(g, 'autonomy');
        const plain = new CaseEvaluator(g, 'autonomy');
        for (const { attributes, ask } of cases) {
          memo.beginCase(attributes);
          plain.begin(caseVars(g, attributes));
          for (const state of ask) expect(answer(memo, state)).toEqual(answer(plain, state));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a 10-bit key (ids below 1024) equal to a 16-bit key is a different case', () => {
    const sum = compileGraph(
      graph(
        {
          initial: 'k',
          states: {
            k: {
              meta: { activity: 'K' },
              always: [{ target: 'end', guard: cel('a + b + d > 1500.0') }, { target: 'end' }],
            },
            end: { type: 'final', meta: { activity: 'E' } },
          },
        },
        { caseSchema: { a: { type: 'number' }, b: { type: 'number' }, d: { type: 'number' } } },
      ),
    );
    const order = sum.transitions[0]!.guard!.cel!.reads; // the key's positions follow the expression's reads
    expect([...order].sort()).toEqual(['a', 'b', 'd']);
    const k = sum.stateIds.get('k')!;
    const memo = new CaseEvaluator(sum, 'autonomy');
    const plain = new CaseEvaluator(sum, 'autonomy');
    /** The agent at k for values v[0], v[1], v[2] at the key's positions 0, 1, 2: memoised, plain. */
    const agents = (v: number[]) => {
      const attributes: Record<string, AttrValue> = {};
      order.forEach((name, j) => (attributes[name] = v[j]!));
      memo.beginCase(attributes);
      plain.begin(caseVars(sum, attributes));
      return [memo.agent(k), plain.agent(k)];
    };
    // Values 0..2000 at position 0 get ids 0..2000, value 0 id 0 at the others: the last case's
    // key is 16-bit, 2000 (+ 2^30 as filed), and the sum holds.
    for (let v = 0; v <= 2000; v++) {
      const [m, p] = agents([v, 0, 0]);
      expect(m).toBe(p);
    }
    // ids (976, 1, 0) pack in 10 bits to 976 + 1024 = 2000; the sum does not hold
    const [m, p] = agents([976, -5000, 0]);
    expect([m, p]).toEqual([1, 1]);
    expect(agents([2000, 0, 0])).toEqual([0, 0]);
  });
});
