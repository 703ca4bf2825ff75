// createCelGuard called directly (as XState calls it: ({ context }, params)): where the variables
// come from (context.case, else the context itself, else nothing), the schema conversion, an
// existing environment, a custom varsOf, and what onError hears for each kind of failure.
import { describe, expect, it } from 'vitest';
import { CelEnvironment } from './cel';
import { createCelGuard } from './xstateGuard';

const schema = { amount: { type: 'number' as const }, count: { type: 'int' as const } };

describe('createCelGuard', () => {
  it('reads context.case when it is an object, else the context itself', () => {
    const guard = createCelGuard<Record<string, unknown>>(schema);
    const p = { expr: 'amount > 10.0' };
    expect(guard({ context: { case: { amount: 20 } } }, p)).toBe(true);
    expect(guard({ context: { case: { amount: 5 } } }, p)).toBe(false);
    // no case object: the context's own fields are the variables
    expect(guard({ context: { amount: 20 } }, p)).toBe(true);
    expect(guard({ context: { case: null, amount: 20 } }, p)).toBe(true);
    expect(guard({ context: { case: 'x', amount: 20 } }, p)).toBe(true);
  });

  it('converts the variables per the schema (int strings become CEL ints)', () => {
    const guard = createCelGuard<Record<string, unknown>>(schema);
    expect(guard({ context: { case: { count: '3' } } }, { expr: 'count == 3' })).toBe(true);
  });

  it('uses an environment it is given, and a custom varsOf', () => {
    const env = new CelEnvironment({ flag: { type: 'bool' } });
    const onEnv = createCelGuard<Record<string, unknown>>(env);
    expect(onEnv({ context: { flag: 'true' } }, { expr: 'flag' })).toBe(true);
    const custom = createCelGuard<{ n: number }>(schema, { varsOf: (c) => ({ amount: c.n * 2 }) });
    expect(custom({ context: { n: 6 } }, { expr: 'amount == 12.0' })).toBe(true);
  });

  it('reports each failure to onError and does not hold', () => {
    const heard: Array<[string, string]> = [];
    const guard = createCelGuard<Record<string, unknown> | undefined>(schema, {
      onError: (expr, message) => heard.push([expr, message]),
    });
    expect(guard({ context: {} }, {} as { expr: string })).toBe(false);
    expect(guard({ context: {} }, { expr: 'amount >' })).toBe(false);
    expect(guard({ context: {} }, { expr: 'amount > 1.0' })).toBe(false); // amount missing at run time
    expect(guard({ context: undefined }, { expr: 'true' })).toBe(true); // no context: no variables needed
    expect(heard.map(([e]) => e)).toEqual(['undefined', 'amount >', 'amount > 1.0']);
    expect(heard[0]![1]).toBe('a cel guard needs params.expr');
    expect(heard[1]![1].length).toBeGreaterThan(0);
    expect(heard[2]![1]).toMatch(/amount/);
  });

  it('without onError, failures are silent and false', () => {
    const guard = createCelGuard<Record<string, unknown>>(schema);
    expect(guard({ context: {} }, { expr: 42 } as unknown as { expr: string })).toBe(false);
    expect(guard({ context: {} }, { expr: 'amount >' })).toBe(false);
  });
});
