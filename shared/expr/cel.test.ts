import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import {
  CelEnvironment,
  MAX_COMPREHENSION_NESTING,
  MAX_EVAL_WORK,
  MAX_EXPR_LENGTH,
  guardHolds,
  toCelVars,
  type CompiledCel,
} from './cel';
import { workBound } from './celLimits';

const schema: Record<string, CaseField> = {
  amount: { type: 'number' },
  count: { type: 'int' },
  name: { type: 'string' },
  vip: { type: 'bool' },
  openedAt: { type: 'timestamp' },
  items: { type: 'list' },
  'customer.tier': { type: 'string' },
};
const env = new CelEnvironment(schema);

function compiled(expr: string): CompiledCel {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.compiled;
}
const holds = (expr: string, attrs: Record<string, unknown>) =>
  guardHolds(compiled(expr), toCelVars(attrs as never, schema));

describe('CEL compile, type-check and evaluate', () => {
  it('treats a number field as a double even when the value is integral', () => {
    expect(holds('amount <= 100.0', { amount: 100 })).toEqual({ holds: true });
    expect(holds('amount == 100.0', { amount: 100 })).toEqual({ holds: true });
    expect(holds('amount < 100.0', { amount: 100 })).toEqual({ holds: false });
    expect(holds('amount > 99.5', { amount: '100' })).toEqual({ holds: true });
    const mixed = env.compile('amount == 100');
    expect(mixed.ok).toBe(false);
  });

  it('maps int to CEL int, and timestamps, bools and nested fields', () => {
    expect(holds('count == 3', { count: 3 })).toEqual({ holds: true });
    expect(holds('count + 1 == 4', { count: '3' })).toEqual({ holds: true });
    expect(holds('openedAt < timestamp("2025-01-01T00:00:00Z")', { openedAt: '2024-06-01T12:00:00Z' })).toEqual({
      holds: true,
    });
    expect(holds('vip && name.startsWith("A")', { vip: 'true', name: 'Ada' })).toEqual({ holds: true });
    expect(holds('customer.tier == "gold"', { customer: { tier: 'gold' } })).toEqual({ holds: true });
    expect(compiled('customer.tier == "gold" && amount > 1.0').fieldPaths.sort()).toEqual(['amount', 'customer.tier']);
  });

  it('types nested fields declared with dotted keys, and converts nested values', () => {
    const nested = new CelEnvironment({
      'customer.tier': { type: 'string' },
      'customer.open': { type: 'int' },
      'customer.address.city': { type: 'string' },
    });
    expect(nested.compile('customer.tier == 1')).toMatchObject({
      ok: false,
      error: { kind: 'type', message: expect.stringContaining('string == int') },
    });
    expect(nested.compile('customer.address.zip == "1"')).toMatchObject({
      ok: false,
      error: { message: 'Unknown field: customer.address.zip' },
    });
    const r = nested.compile('customer.open > 2 && customer.address.city == "Oslo" && customer.tier == "gold"');
    if (!r.ok) throw new Error(r.error.message);
    const attrs = { customer: { tier: 'gold', open: 3, extra: 'ignored', address: { city: 'Oslo' } } };
    const vars = toCelVars(attrs, nested.schema);
    expect(guardHolds(r.compiled, vars)).toEqual({ holds: true });
    expect(attrs.customer.open).toBe(3); // input not mutated
    expect(guardHolds(r.compiled, toCelVars({ customer: { tier: 'gold' } }, nested.schema)).holds).toBe(false);
    expect(guardHolds(r.compiled, toCelVars({ customer: 'gold' }, nested.schema)).holds).toBe(false);
  });

  it('a missing field does not hold and says why', () => {
    const r = holds('amount <= 100.0', {});
    expect(r.holds).toBe(false);
    expect(r.error).toMatch(/amount/);
    expect(holds('customer.tier == "gold"', { customer: {} })).toMatchObject({
      holds: false,
      error: expect.stringContaining('tier'),
    });
  });

  it('type errors name the unknown field and its offset; syntax errors their offset', () => {
    expect(env.compile('amount > 1.0 && amout > 2.0')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown variable: amout', offset: 16 },
    });
    expect(env.compile('customer.teir == "x"')).toEqual({
      ok: false,
      error: { kind: 'type', message: 'Unknown field: customer.teir', offset: 0 },
    });
    expect(env.compile('amount >')).toMatchObject({ ok: false, error: { kind: 'syntax', offset: 8 } });
    expect(env.compile('amount + 1.0')).toMatchObject({
      ok: false,
      error: { kind: 'type', message: expect.stringContaining('must be bool') },
    });
  });
});

describe('CEL against hostile input', () => {
  it('refuses deep nesting, long expressions and huge literals at compile time', () => {
    expect(env.compile('('.repeat(200) + 'true' + ')'.repeat(200))).toMatchObject({
      ok: false,
      error: { kind: 'limit' },
    });
    expect(env.compile('!'.repeat(4000) + 'true')).toMatchObject({
      ok: false,
      error: { kind: 'limit', message: 'Exceeded maxAstNodes (2000)' },
    });
    expect(env.compile('a'.repeat(MAX_EXPR_LENGTH + 1))).toMatchObject({ ok: false, error: { kind: 'limit' } });
    const bigList = `size([${Array.from({ length: 600 }, (_, i) => i).join(',')}]) > 0`;
    expect(env.compile(bigList)).toMatchObject({ ok: false, error: { kind: 'limit' } });
    // the longest accepted expression is still cheap: ~580 terms within MAX_EXPR_LENGTH
    const longest = Array.from({ length: 580 }, () => 'vip').join(' && ');
    expect(longest.length).toBeLessThanOrEqual(MAX_EXPR_LENGTH);
    expect(holds(longest, { vip: true })).toEqual({ holds: true });
  });

  it('evaluates huge input lists and strings in linear time without comprehensions', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => i);
    expect(holds('size(items) == 200000 && 199999 in items', { items })).toEqual({ holds: true });
    expect(holds('size(name) > 1000000', { name: 'x'.repeat(1_000_001) })).toEqual({ holds: true });
  });

  it('never reaches JavaScript prototypes', () => {
    const customer = { tier: 'gold' };
    const dyn = new CelEnvironment();
    for (const expr of [
      'customer.constructor == null',
      'customer.__proto__ == null',
      'has(customer.toString)',
      'customer["constructor"] != null',
      'customer.hasOwnProperty == null',
    ]) {
      const r = dyn.compile(expr);
      const outcome = r.ok ? guardHolds(r.compiled, { customer }) : { holds: false };
      expect(outcome.holds, expr).toBe(false);
    }
    // declared nested fields: prototype names are unknown fields at compile time
    expect(env.compile('customer.constructor == null')).toMatchObject({
      ok: false,
      error: { message: 'Unknown field: customer.constructor' },
    });
    // an attribute literally named __proto__ is just data and does not pollute anything
    const vars = toCelVars(JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}'), schema);
    expect(guardHolds(compiled('name == "x"'), vars)).toEqual({ holds: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(vars)).toBeNull();
  });

  it('refuses comprehensions nested deeper than the limit, at compile time', () => {
    expect(MAX_COMPREHENSION_NESTING).toBe(2);
    expect(env.compile('items.all(x, items.all(y, true))').ok).toBe(true);
    expect(env.compile('items.all(x, items.exists(y, items.map(z, z).size() > 0))')).toMatchObject({
      ok: false,
      error: { kind: 'limit', offset: 29 },
    });
  });

  it('refuses what RE2 cannot run (back-references, look-ahead) and patterns that are not literals', () => {
    expect(env.compile('name.matches("^[a-z]+@example\\\\.com$")').ok).toBe(true);
    for (const bad of ['name.matches("(a)\\\\1")', 'name.matches("a(?=b)")', 'name.matches(name)']) {
      expect(env.compile(bad), bad).toMatchObject({ ok: false, error: { kind: 'limit' } });
    }
    expect(env.compile('name.matches("(a)\\\\1")')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not valid RE2 syntax/) },
    });
  });

  it('bounds the work of nested comprehensions: measured steps stay under the bound, big inputs are refused before work', () => {
    // Count real work: every element read by the evaluator goes through the proxy.
    let reads = 0;
    const counted = (n: number) =>
      new Proxy(
        Array.from({ length: n }, (_, i) => i),
        { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) },
      );
    const expr = compiled('items.all(x, items.exists(y, y >= x))');
    const small = { items: counted(300) };
    const bound = workBound(expr.shape!, small);
    expect(guardHolds(expr, small)).toEqual({ holds: true });
    // worst case for this expression: the outer loop reads n elements, the inner one up to n per outer element
    expect(reads).toBeGreaterThan(300);
    expect(reads).toBeLessThanOrEqual(300 + 300 * 300);
    expect(reads).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThanOrEqual(MAX_EVAL_WORK);

    reads = 0;
    const big = { items: counted(5_000) }; // 25 M inner steps: over the limit
    expect(workBound(expr.shape!, big)).toBeGreaterThan(MAX_EVAL_WORK);
    const refused = guardHolds(expr, big);
    expect(refused.holds).toBe(false);
    expect(refused.error).toMatch(/evaluation refused/);
    // only the linear measuring pass touched the list (no n² evaluation started)
    expect(reads).toBeLessThanOrEqual(2 * 5_000);
  });

  it('states the worst case the limits allow', () => {
    // Largest accepted shape: nesting 2 with a size-dependent operation inside, over the largest
    // input that still passes → at most MAX_EVAL_WORK abstract steps per evaluation.
    const expr = compiled('items.all(x, items.all(y, y in items))');
    expect(expr.shape).toMatchObject({ comprehensionDepth: 2, linearInsideComprehension: true });
    let n = 1;
    while (workBound(expr.shape!, { items: Array.from({ length: n * 2 }) }) <= MAX_EVAL_WORK) n *= 2;
    const accepted = workBound(expr.shape!, { items: Array.from({ length: n }) });
    expect(accepted).toBeLessThanOrEqual(MAX_EVAL_WORK);
    expect(n).toBeLessThan(256); // n^3 × nodes ≤ 1e7: a triple-nested scan is only allowed over small lists
  });
});
