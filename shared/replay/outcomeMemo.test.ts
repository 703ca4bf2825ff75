// The outcome memo (outcomeMemo.ts, used by CaseEvaluator.beginCase): guard, guardrail and limit
// outcomes are recalled across cases keyed by the raw attribute values an expression reads. One
// evaluator sees cases in an order where a looser key would answer a later case with an earlier
// case's outcome: values equal as text but of another type, null vs missing, 0 vs -0, a dotted
// column vs a nested object vs a plain value under the same root, argument positions. Every
// expected answer is worked out by hand from CEL's rules (dyn `==` across types is false; a
// declared variable of the wrong runtime type or a missing one is an error; 1.0 / -0.0 is -inf).
import { describe, expect, it } from 'vitest';
import type { AttrValue, Guardrail, MachineConfig } from '../model/types';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator } from './evaluate';
import { cel, graph } from './testGraphs';

/** State a: guards in order, then an unguarded fallback into `rest`; every target is final. */
function guarded(
  guards: Array<[target: string, expr: string]>,
  extra: NonNullable<MachineConfig['states']> = {},
  guardrails: Guardrail[] = [],
): MachineConfig {
  const states: NonNullable<MachineConfig['states']> = {
    a: {
      meta: { activity: 'A', guardrails },
      always: [
        ...guards.map(([target, expr]) => ({ target, guard: cel(expr), meta: { tier: 'auto' as const } })),
        { target: 'rest' },
      ],
    },
    rest: { type: 'final', meta: { activity: 'Rest' } },
  };
  for (const [target] of guards) states[target] ??= { type: 'final', meta: { activity: target } };
  return { initial: 'a', states: { ...states, ...extra } };
}

/** [target of the agent's choice at a, guards that could not be evaluated] for each case, in order. */
function answers(g: CompiledGraph, cases: Array<Record<string, AttrValue>>): Array<[string, number]> {
  const ev = new CaseEvaluator(g, 'autonomy');
  const a = g.stateIds.get('a')!;
  return cases.map((attributes) => {
    ev.beginCase(attributes);
    return [g.states[g.transitions[ev.agent(a)]!.target]!.key, ev.guardErrors(a)];
  });
}

describe('the outcome memo keeps apart what CEL keeps apart', () => {
  it('dyn variables: "1" vs 1 vs true vs "true", null vs "null" vs missing', () => {
    const g = compileGraph(
      graph(
        guarded([
          ['one', 'v == "1"'],
          ['nul', 'v == null'],
        ]),
        { caseSchema: {} },
      ),
    );
    const cases: Array<Record<string, AttrValue>> = [
      { v: '1' },
      { v: 1 },
      { v: null },
      {},
      { v: 'null' },
      { v: true },
      { v: 'true' },
      { v: '1' },
      {},
      { v: null },
    ];
    expect(answers(g, cases)).toEqual([
      ['one', 0],
      ['rest', 0], // 1 == "1" is false in CEL (no error)
      ['nul', 0],
      ['rest', 2], // unknown variable: both guards are errors
      ['rest', 0],
      ['rest', 0],
      ['rest', 0],
      ['one', 0],
      ['rest', 2],
      ['nul', 0],
    ]);
  });

  it('a declared double: 0 vs -0 (1.0 / x), "2" converted, "2x" / true / null / missing are errors', () => {
    const g = compileGraph(graph(guarded([['pos', '1.0 / x > 0.0']]), { caseSchema: { x: { type: 'number' } } }));
    const xs: Array<AttrValue | undefined> = [0, -0, 0, -0, '2', 2, '2x', true, null, undefined, 0];
    expect(
      answers(
        g,
        xs.map((x): Record<string, AttrValue> => (x === undefined ? {} : { x })),
      ),
    ).toEqual([
      ['pos', 0], // 1 / 0 = +inf
      ['rest', 0], // 1 / -0 = -inf
      ['pos', 0],
      ['rest', 0],
      ['pos', 0],
      ['pos', 0],
      ['rest', 1],
      ['rest', 1],
      ['rest', 1],
      ['rest', 1],
      ['pos', 0],
    ]);
  });

  it('a declared int: 3 and "3" are 3; 3.5 and "3.5" are not ints (errors)', () => {
    const g = compileGraph(graph(guarded([['three', 'n == 3']]), { caseSchema: { n: { type: 'int' } } }));
    expect(answers(g, [{ n: 3 }, { n: '3' }, { n: 3.5 }, { n: '3.5' }, { n: 3 }, { n: 4 }])).toEqual([
      ['three', 0],
      ['three', 0],
      ['rest', 1],
      ['rest', 1],
      ['three', 0],
      ['rest', 0],
    ]);
  });

  it('a root declared through dotted fields: the dotted column, a nested object, a plain value, nothing', () => {
    const g = compileGraph(
      graph(guarded([['vip', 'customer.tier == "vip"']]), { caseSchema: { 'customer.tier': { type: 'string' } } }),
    );
    const cases: Array<Record<string, AttrValue>> = [
      { 'customer.tier': 'vip' },
      { customer: 'vip' }, // a string where a customer map belongs: an error
      { customer: { tier: 'vip' } }, // an object: evaluated plainly, never memoised
      { customer: { tier: 'std' } },
      {},
      { 'customer.tier': 'std' },
      { customer: 'vip', 'customer.tier': 'vip' }, // the column builds the map
      { customer: 'vip' },
      { 'customer.tier': 'vip' },
    ];
    expect(answers(g, cases)).toEqual([
      ['vip', 0],
      ['rest', 1],
      ['vip', 0],
      ['rest', 0],
      ['rest', 1],
      ['rest', 0],
      ['vip', 0],
      ['rest', 1],
      ['vip', 0],
    ]);
  });

  it('argument positions: three names (number key) and four names (text key)', () => {
    const g = compileGraph(
      graph(
        guarded([
          ['three', 'a - b - c > 0.0'],
          ['four', 'a - b + c - d > 0.0'],
        ]),
        { caseSchema: {} },
      ),
    );
    const abcd = (a: number, b: number, c: number, d: AttrValue) => ({ a, b, c, d });
    expect(
      answers(g, [abcd(3, 1, 1, 9), abcd(1, 3, 1, 9), abcd(1, 1, 3, 9), abcd(1, 1, 3, 1), abcd(1, 1, 3, '1')]),
    ).toEqual([
      ['three', 0], // 3 - 1 - 1 = 1
      ['rest', 0], // -3; then 1 - 3 + 1 - 9 = -10
      ['rest', 0], // -3; then 1 - 1 + 3 - 9 = -6
      ['four', 0], // -3; then 1 - 1 + 3 - 1 = 2
      ['rest', 1], // double - string: an error
    ]);
  });

  it('past the per-name cap of remembered values, cases are still evaluated (plainly)', () => {
    const g = compileGraph(graph(guarded([['big', 'x >= 65540.0']]), { caseSchema: { x: { type: 'number' } } }));
    const xs = Array.from({ length: 65_560 }, (_, i) => i);
    const got = answers(
      g,
      [...xs, 3, 65_550, 70_000].map((x) => ({ x })),
    );
    expect(got.slice(65_538, 65_542)).toEqual([
      ['rest', 0],
      ['rest', 0],
      ['big', 0],
      ['big', 0],
    ]);
    expect(got.slice(-3)).toEqual([
      ['rest', 0],
      ['big', 0],
      ['big', 0],
    ]);
  });

  it('past the cap for a root built from dotted columns, cases are still evaluated (plainly)', () => {
    const g = compileGraph(
      graph(guarded([['vip', 'customer.tier == "vip"']]), {
        caseSchema: { 'customer.tier': { type: 'string' }, 'customer.n': { type: 'int' } },
      }),
    );
    const cases = Array.from({ length: 65_540 }, (_, i): Record<string, AttrValue> => ({ 'customer.tier': `t${i}` }));
    cases.push({ 'customer.tier': 'vip' }, { 'customer.tier': 'vip', 'customer.n': 1 }, { 'customer.tier': 't3' });
    expect(answers(g, cases).slice(-4)).toEqual([
      ['rest', 0],
      ['vip', 0],
      ['vip', 0],
      ['rest', 0],
    ]);
  });
});

describe('guardrails and limits through the memo', () => {
  // a → p (auto) when x > 1; p carries tool tp (limit x <= 5); guardrail on a: flag → suggest.
  const g = compileGraph(
    graph(
      guarded([['p', 'x > 1.0']], { p: { type: 'final', meta: { activity: 'P', tool: 'tp' } } }, [
        { when: 'flag', downgradeTo: 'suggest' },
      ]),
      {
        caseSchema: { x: { type: 'number' }, flag: { type: 'bool' } },
        tools: { tp: { limit: 'x <= 5.0' } },
      },
    ),
  );
  it('the tier per case: "true" is true, "yes" / 1 / missing are not, a failed limit gives human', () => {
    const ev = new CaseEvaluator(g, 'autonomy');
    const a = g.stateIds.get('a')!;
    const cases: Array<Record<string, AttrValue>> = [
      { x: 2, flag: true },
      { x: 2, flag: 'true' },
      { x: 2, flag: 'yes' },
      { x: 2, flag: 1 },
      { x: 2 },
      { x: 9, flag: false },
      { x: '9', flag: true },
      { x: 2, flag: true },
      { x: 2, flag: false },
    ];
    const tiers = cases.map((attributes) => {
      ev.beginCase(attributes);
      const t = ev.tier(a);
      return [t.tier, t.tripped];
    });
    expect(tiers).toEqual([
      ['suggest', true],
      ['suggest', true],
      ['auto', false], // the guardrail is an error: it does not hold
      ['auto', false],
      ['auto', false],
      ['human', true], // x = 9 fails the limit
      ['human', true],
      ['suggest', true],
      ['auto', false],
    ]);
  });
});
