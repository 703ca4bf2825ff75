// The fast path's numbers (celLimits.ts): the fast limit K is the largest power of 4 (4 … 4^12)
// whose all-K bound is within MAX_EVAL_WORK, and checkedWork answers with the bound at K when every
// input the expression reads is within K, and with the exact bound otherwise. Each bound is a
// formula worked out by hand from the cost rules (celCostModel.test.ts checks them node by node).
import { describe, expect, it } from 'vitest';
import { CelEnvironment, MAX_EVAL_WORK, guardHolds, type CompiledCel } from './cel';
import { checkedWork, workBound, type CelShape } from './celLimits';

const env = new CelEnvironment({ name: { type: 'string' }, items: { type: 'list' }, amount: { type: 'number' } });
function compiled(expr: string): CompiledCel & { shape: CelShape } {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.compiled as CompiledCel & { shape: CelShape };
}

/**
 * n nested binds, each doubling the last: v1 = name + name, v(i) = v(i-1) + v(i-1), then size(vn) > 0.
 * With name at extent K: v(i) is 2^i K in size and costs 2 + 2^i K; the body costs 5, so the bound
 * is 2n + 5 + K (2^(n+1) - 2).
 */
function doublings(n: number): string {
  let expr = `size(v${n}) > 0`;
  for (let i = n; i >= 2; i--) expr = `cel.bind(v${i}, v${i - 1} + v${i - 1}, ${expr})`;
  return `cel.bind(v1, name + name, ${expr})`;
}
const doublingBound = (n: number, k: number): number => 2 * n + 5 + k * (2 ** (n + 1) - 2);

describe('the fast limit', () => {
  it('a string read once: bound K + 4, so K = 4^11 (4^12 + 4 is over 10^7)', () => {
    const { shape } = compiled('name.contains("ab")');
    expect(shape).toMatchObject({
      minimumWork: 5,
      constantWork: false,
      fastLimit: 4 ** 11,
      fastWork: 4 ** 11 + 4,
      sizedInputs: ['name'],
    });
  });

  it('a comprehension reading an input in its step: bound 2K² + 3K + 1, so K = 4^5', () => {
    // items.exists(x, x == name): 1 + K × (step (1 + 1 + K + K) + 1); at 4^6 it is 33,566,721
    const { shape } = compiled('items.exists(x, x == name)');
    expect(shape.minimumWork).toBe(6);
    expect(shape.fastLimit).toBe(1024);
    expect(shape.fastWork).toBe(2 * 1024 ** 2 + 3 * 1024 + 1);
    expect([...shape.sizedInputs].sort()).toEqual(['items', 'name', 'x']);
  });

  it('is 4 when the bound at 16 is over the limit and at 4 within it, and 0 when even 4 is over', () => {
    expect(doublingBound(19, 4)).toBeLessThanOrEqual(MAX_EVAL_WORK);
    expect(doublingBound(19, 16)).toBeGreaterThan(MAX_EVAL_WORK);
    expect(compiled(doublings(19)).shape).toMatchObject({
      minimumWork: doublingBound(19, 1),
      fastLimit: 4,
      fastWork: doublingBound(19, 4),
    });
    expect(doublingBound(21, 1)).toBeLessThanOrEqual(MAX_EVAL_WORK);
    expect(doublingBound(21, 4)).toBeGreaterThan(MAX_EVAL_WORK);
    expect(compiled(doublings(21)).shape).toMatchObject({
      minimumWork: doublingBound(21, 1),
      fastLimit: 0,
      fastWork: 0,
    });
  });

  it('typed scalars only: a constant bound, no fast limit, nothing to measure', () => {
    const { shape } = compiled('amount > 1.0 && amount < 5.0');
    expect(shape).toMatchObject({ minimumWork: 9, constantWork: true, fastLimit: 0, fastWork: 0, sizedInputs: [] });
    expect(checkedWork(shape, { amount: 'x'.repeat(100) })).toBe(9);
    expect(workBound(shape, { amount: 'x'.repeat(100) })).toBe(9);
  });
});

describe('checkedWork', () => {
  const { shape } = compiled('items.exists(x, x == name)');
  const fast = 2 * 1024 ** 2 + 3 * 1024 + 1;

  it('answers with the bound at K while every input is within K, and exactly beyond', () => {
    // 1,023 elements: size 1,024 = K; name "a": size 2
    expect(checkedWork(shape, { items: new Array(1023).fill(0), name: 'a' })).toBe(fast);
    // 1,024 elements: size 1,025 > K, so exactly: 1 + 1,024 × (step (1 + 1 + 1 + 2) + 1)
    expect(checkedWork(shape, { items: new Array(1024).fill(0), name: 'a' })).toBe(1 + 1024 * 6);
    // the other input over K decides too: name of 1,024 characters (size 1,025), items [0] (size 2,
    // 1 element): 1 + 1 × (1 + 1 + 1 + 1025 + 1)
    expect(checkedWork(shape, { items: [0], name: 'a'.repeat(1024) })).toBe(1 + 1029);
    expect(checkedWork(shape, { items: [0], name: 'a'.repeat(1023) })).toBe(fast);
  });

  it('an input the variables only inherit counts one unit, as in workBound', () => {
    const vars = Object.assign(Object.create({ items: new Array(5000).fill(0) }) as Record<string, unknown>, {
      name: 'a',
    });
    expect(checkedWork(shape, vars)).toBe(fast);
    // items one unit: 1 + 1 × (1 + 1 + 1 + 2 + 1)
    expect(workBound(shape, vars)).toBe(7);
    const big = Object.assign(Object.create({ name: 'a'.repeat(5000) }) as Record<string, unknown>, {
      items: new Array(1024).fill(0),
    });
    // name one unit (size 1): 1 + 1,024 × (1 + 1 + 1 + 1 + 1)
    expect(checkedWork(shape, big)).toBe(1 + 1024 * 5);
  });

  it('without a fast limit every evaluation is measured, and refused past the limit with the bound', () => {
    const c = compiled(doublings(21));
    // name "a": extent 2, bound 8,388,651 — runs; "ab": extent 3, bound 12,582,953 — refused
    expect(checkedWork(c.shape, { name: 'a' })).toBe(doublingBound(21, 2));
    expect(guardHolds(c, { name: 'a' })).toEqual({ holds: true });
    expect(checkedWork(c.shape, { name: 'ab' })).toBe(doublingBound(21, 3));
    expect(guardHolds(c, { name: 'ab' })).toEqual({
      holds: false,
      error: 'evaluation refused: this input makes the expression cost up to 1.3e+7 steps; the limit is 1e+7',
    });
  });
});
