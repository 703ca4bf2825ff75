/**
 * The outcome memo keys a variable compared only with double literals by its position among them
 * (celThresholds.ts). Property: on random guards and guardrails built from such comparisons, mixed
 * with uses that must not be keyed so (arithmetic, an int field, a string), one evaluator seeing
 * random cases in a row answers every case as a fresh evaluator given that case's CEL variables
 * alone (the plain computation: begin(caseVars), nothing remembered). Values include each literal,
 * its neighbours, ±0, ±Infinity, NaN, missing, null and values of other types.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttrValue, MachineConfig } from '../model/types';
import { compileGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { cel, graph } from './testGraphs';

const LITERALS = [-1.5, -0.7, 0, 0.25, 0.8, 1, 100, 1e-7];
/** A double literal as CEL writes it (0 as "0.0", a negative one as unary minus, -0 as "-0.0"). */
const celDouble = (v: number, negZero: boolean): string =>
  negZero ? '-0.0' : Number.isInteger(v) ? v.toFixed(1) : String(v);

/** x and y: number fields; n: int; s: string (or, with an empty schema, all dyn). */
const SCHEMA = {
  x: { type: 'number' as const },
  y: { type: 'number' as const },
  n: { type: 'int' as const },
  s: { type: 'string' as const },
};

const comparison = fc
  .record({
    v: fc.constantFrom('x', 'y', 'x', 'y'),
    op: fc.constantFrom('<', '<=', '>', '>=', '==', '!='),
    lit: fc.constantFrom(...LITERALS),
    negZero: fc.boolean(),
    flipped: fc.boolean(),
  })
  .map(({ v, op, lit, negZero, flipped }) => {
    const l = celDouble(lit, negZero && lit === 0);
    return flipped ? `${l} ${op} ${v}` : `${v} ${op} ${l}`;
  });
/** Uses that keep the other keying: the variable in arithmetic, an int comparison, a string test. */
const other = fc.constantFrom('x * 2.0 > 1.0', 'n > 3', 's == "a"', 'y + 0.5 >= 1.0');
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    comparison,
    other,
    fc.tuple(tie('e'), fc.constantFrom('&&', '||'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('e').map((a) => `!(${a})`),
  ),
})).e;

const number = fc.oneof(
  fc.constantFrom(...LITERALS),
  fc.constantFrom(...LITERALS).map((v) => v + 1e-9),
  fc.constantFrom(...LITERALS).map((v) => v - 1e-9),
  fc.constantFrom(-0, 0, Infinity, -Infinity, NaN, 50, -3, 0.5),
);
const value: fc.Arbitrary<AttrValue | undefined> = fc.oneof(
  number,
  number,
  number,
  fc.constantFrom(undefined, null, '0.8', 'x', true),
);
const caseOf = fc.record({ x: value, y: value, n: fc.constantFrom(1, 5, undefined), s: fc.constantFrom('a', 'b') });

function machine(guards: string[], guardrails: string[]): MachineConfig {
  const states: NonNullable<MachineConfig['states']> = {
    a: {
      meta: { activity: 'A', tier: 'auto', guardrails: guardrails.map((when) => ({ when, downgradeTo: 'human' })) },
      always: [...guards.map((g, i) => ({ target: `t${i}`, guard: cel(g) })), { target: 'rest' }],
    },
    rest: { type: 'final', meta: { activity: 'Rest' } },
  };
  guards.forEach((_, i) => (states[`t${i}`] = { type: 'final', meta: { activity: `T${i}` } }));
  return { initial: 'a', states };
}

/** The raw attributes of a generated case: a missing value is an absent key. */
function attributesOf(c: Record<string, AttrValue | undefined>): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  return out;
}

describe('outcome memo, variables keyed by their position among the literals', () => {
  it('answers every case as a fresh evaluator of that case alone', () => {
    fc.assert(
      fc.property(
        fc.array(expr, { minLength: 1, maxLength: 3 }),
        fc.array(expr, { maxLength: 2 }),
        fc.array(caseOf, { minLength: 1, maxLength: 40 }),
        // declared fields, or none: every variable dyn (null then compares unequal, where missing is an error)
        fc.constantFrom(SCHEMA, {}),
        (guards, guardrails, cases, caseSchema) => {
          const g = compileGraph(graph(machine(guards, guardrails), { caseSchema }));
          expect(g.problems).toEqual([]);
          const a = g.stateIds.get('a')!;
          const shared = new CaseEvaluator(g, 'autonomy');
          for (const c of cases) {
            const attributes = attributesOf(c);
            const fresh = new CaseEvaluator(g, 'autonomy');
            fresh.begin(caseVars(g, attributes));
            shared.beginCase(attributes);
            const got = [shared.agent(a), shared.guardErrors(a), shared.tier(a)];
            expect(got).toEqual([fresh.agent(a), fresh.guardErrors(a), fresh.tier(a)]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
