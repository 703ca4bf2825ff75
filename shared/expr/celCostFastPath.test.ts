// The cost bound's fast path (checkedWork, extentWithin) against the plain one it replaces on the
// hot path: the exact cost walk (workBound, extentOf) decides accept/refuse, and a separate cel-js
// Environment (no budget, no caching, no shared state) computes the value.
import { Environment } from '@marcbachmann/cel-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CelEnvironment, MAX_EVAL_WORK, type CompiledCel } from './cel';
import { costOf, extentOf, extentWithin, type Extent } from './celCost';
import { checkedWork, workBound, type CelShape } from './celLimits';

const schema = {
  name: { type: 'string' },
  other: { type: 'string' },
  items: { type: 'list' },
  tags: { type: 'map' },
  amount: { type: 'number' },
} as const;
const env = new CelEnvironment(schema);
const oracle = new Environment({
  limits: { maxAstNodes: 2000, maxDepth: 48, maxListElements: 500, maxMapEntries: 200, maxCallArguments: 16 },
});
oracle
  .registerVariable('name', 'string')
  .registerVariable('other', 'string')
  .registerVariable('items', 'list')
  .registerVariable('tags', 'map')
  .registerVariable('amount', 'double');

// Expressions built from the constructs the bound prices: concatenation, size-dependent calls,
// `in`, comprehensions (nested), cel.bind doubling, conditionals, literals.
const { bool } = fc.letrec<{ str: string; list: string; bool: string }>((tie) => ({
  str: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('name', 'other', '"ab"', '""', 'string(amount)'),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `(${a} + ${b})`),
    fc.tuple(tie('bool'), tie('str'), tie('str')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    tie('str').map((s) => `cel.bind(v, ${s}, v + v)`),
  ),
  list: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('items', '[]', '["a", "bc"]', 'tags.map(k, k)'),
    fc.tuple(tie('list'), tie('list')).map(([a, b]) => `(${a} + ${b})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `[${a}, ${b}]`),
    tie('list').map((l) => `${l}.map(x, string(x) + "!")`),
    tie('list').map((l) => `${l}.filter(x, string(x).size() > 1)`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('amount > 1.0', 'true', '"a" in tags'),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `${a}.contains(${b})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `${a}.startsWith(${b})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `(${a} == ${b})`),
    tie('str').map((s) => `size(${s}) > 2`),
    fc.tuple(tie('str'), tie('list')).map(([s, l]) => `${s} in ${l}`),
    fc.tuple(tie('list'), tie('str')).map(([l, s]) => `${l}.exists(y, string(y) == ${s})`),
    fc.tuple(tie('list'), tie('list')).map(([a, b]) => `${a}.all(y, ${b}.exists(z, string(z) == string(y)))`),
    fc.tuple(tie('bool'), tie('bool')).map(([a, b]) => `(${a} && ${b})`),
    fc.tuple(tie('bool'), tie('bool')).map(([a, b]) => `(${a} || ${b})`),
    tie('bool').map((b) => `!${b}`),
    // costly enough to be refused on the larger inputs: n² steps, each over a string
    fc.tuple(tie('list'), tie('str')).map(([l, t]) => `${l}.all(y, items.exists(z, (string(z) + ${t}) == string(y)))`),
  ),
}));

// Sizes on both sides of every interesting threshold: tiny, around the fast limits (powers of 4),
// and large enough to be refused by the costlier expressions.
const length = fc.oneof(
  fc.nat(12),
  fc.nat(3000),
  fc.integer({ min: 1, max: 8 }).chain((k) => fc.integer({ min: 4 ** k - 3, max: 4 ** k + 3 })),
);
const text = length.map((n) => 'ab'.repeat(Math.ceil(n / 2)).slice(0, n));
const element: fc.Arbitrary<unknown> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant('x'.repeat(40)));
const items = fc.oneof(
  fc.array(element, { maxLength: 8 }),
  fc.integer({ min: 0, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `e${i % 7}`)),
);
const tags = fc
  .dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 5 })
  .map((d) => ({ ...d }));
const vars = fc.record(
  { name: text, other: text, items, tags, amount: fc.double({ noNaN: true, min: -10, max: 10 }) },
  { requiredKeys: ['amount'] },
);

function compiled(expr: string): (CompiledCel & { shape: CelShape }) | null {
  const r = env.compile(expr);
  return r.ok ? (r.compiled as CompiledCel & { shape: CelShape }) : null;
}

type Outcome = { refused: true } | { refused: false; value: unknown } | { refused: false; error: true };
function runFast(c: CompiledCel, v: Record<string, unknown>): Outcome {
  try {
    return { refused: false, value: c.run(v) };
  } catch (e) {
    return /evaluation refused/.test(String((e as Error).message))
      ? { refused: true }
      : { refused: false, error: true };
  }
}
function runPlain(expr: string, shape: CelShape, v: Record<string, unknown>): Outcome {
  if (workBound(shape, v) > MAX_EVAL_WORK) return { refused: true };
  try {
    return { refused: false, value: oracle.evaluate(expr, v) };
  } catch {
    return { refused: false, error: true };
  }
}

describe('CEL cost bound: the fast path equals the plain one', () => {
  it('accepts and refuses exactly when the exact bound does, and returns the same value', () => {
    let compiledSome = 0;
    let fast = 0;
    let refused = 0;
    fc.assert(
      fc.property(bool, vars, (expr, v) => {
        const c = compiled(expr);
        if (!c) return;
        compiledSome++;
        const exact = workBound(c.shape, v);
        const checked = checkedWork(c.shape, v);
        expect(checked <= MAX_EVAL_WORK, expr).toBe(exact <= MAX_EVAL_WORK);
        // the fast answer is the bound at the fast limit, never below the exact bound
        expect(checked).toBeGreaterThanOrEqual(exact);
        if (checked !== exact) fast++;
        const got = runFast(c, v);
        if ('refused' in got && got.refused) refused++;
        expect(got, expr).toEqual(runPlain(expr, c.shape, v));
      }),
      { numRuns: 200, seed: 0x5eed },
    );
    // the property was exercised on both paths and on both answers
    expect(compiledSome).toBeGreaterThan(100);
    expect(fast).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
  });

  it("decides as the exact bound on inputs sized around each expression's own fast limit", () => {
    // no evaluation here (cheap): inputs from a tenth to 40× the fast limit, so both sides of the
    // limit and of MAX_EVAL_WORK are hit for every kind of expression
    let beyond = 0;
    fc.assert(
      fc.property(
        bool,
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        fc.constantFrom('name', 'other', 'items', 'tags', 'all', 'all'),
        (expr, scale, which) => {
          const c = compiled(expr);
          if (!c || c.shape.fastLimit === 0) return;
          const n = Math.min(which === 'tags' ? 5_000 : 60_000, Math.floor(scale * c.shape.fastLimit));
          const v: Record<string, unknown> = { name: 'a', other: 'b', items: ['c'], tags: { d: 'e' }, amount: 1 };
          for (const name of which === 'all' ? ['name', 'other', 'items'] : [which])
            v[name] =
              name === 'items'
                ? Array.from({ length: n }, () => 'x')
                : name === 'tags'
                  ? Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']))
                  : 'x'.repeat(n);
          const exact = workBound(c.shape, v);
          if (exact > MAX_EVAL_WORK) beyond++;
          expect(checkedWork(c.shape, v) <= MAX_EVAL_WORK, `${expr} ${which}=${n}`).toBe(exact <= MAX_EVAL_WORK);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
    expect(beyond).toBeGreaterThan(4);
  });

  it('the bound never shrinks when an input grows (the lemma the fast path rests on)', () => {
    const extent = fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }))
      .map(([size, count, elem]): Extent => ({ size, count, elem }));
    fc.assert(
      fc.property(bool, extent, extent, fc.constantFrom('size', 'count', 'elem'), (expr, small, grow, field) => {
        const c = compiled(expr);
        if (!c) return;
        const big: Extent = { ...small, [field]: small[field] + grow[field] };
        expect(costOf(c.shape.ast, () => big).work).toBeGreaterThanOrEqual(costOf(c.shape.ast, () => small).work);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('extentWithin(v, k) holds only when every extent of v is at most k', () => {
    const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 30 }),
        fc.integer(),
        fc.constant(null),
        fc.constant(new Date(0)),
        fc.uint8Array({ maxLength: 20 }),
        fc.array(tie('v'), { maxLength: 6 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 4 }),
        fc.array(tie('v'), { maxLength: 3 }).map((a) => new Set(a)),
      ),
    })).v;
    let held = 0;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 200 }), (v, k) => {
        const e = extentOf(v);
        const fits = e.size <= k && e.count <= k && e.elem <= k;
        if (extentWithin(v, k)) {
          held++;
          expect(fits).toBe(true);
        }
        // plain arrays, objects and scalars are measured exactly: no false "no" for them either
        if (!hasSet(v)) expect(extentWithin(v, k)).toBe(fits);
      }),
      { numRuns: 500, seed: 11 },
    );
    expect(held).toBeGreaterThan(50);
    // a cyclic value is refused by the bounded walk (the exact walk measures it up to depth 64)
    const cyclic: unknown[] = ['a'];
    cyclic.push(cyclic);
    expect(extentWithin(cyclic, 1000)).toBe(false);
  });
});

function hasSet(v: unknown): boolean {
  if (v instanceof Set) return true;
  if (Array.isArray(v)) return v.some(hasSet);
  if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array))
    return Object.values(v).some(hasSet);
  return false;
}
