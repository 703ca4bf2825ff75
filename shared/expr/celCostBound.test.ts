// The cost bound on hand-counted expressions. Each figure below is worked out by hand from the cost
// model in celCost.ts (one unit per node visited, plus the sizes a node reads or produces), so a
// bound that stops counting AST nodes or string lengths changes a number here.
import { describe, expect, it } from 'vitest';
import type { CaseField } from '../model/types';
import { CelEnvironment, MAX_EVAL_WORK, guardHolds, type CompiledCel } from './cel';
import { extentOf } from './celCost';
import { workBound, type CelShape } from './celLimits';

const schema: Record<string, CaseField> = {
  amount: { type: 'number' },
  name: { type: 'string' },
  items: { type: 'list' },
};
const env = new CelEnvironment(schema);
function compiled(expr: string): CompiledCel & { shape: CelShape } {
  const r = env.compile(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error.message}`);
  return r.compiled as CompiledCel & { shape: CelShape };
}

describe('CEL cost bound', () => {
  it('grows with the AST: each comparison and each && adds its nodes', () => {
    // amount > 1.0: two leaves (1 each) + the comparison reads two one-unit operands (2) = 4
    const one = compiled('amount > 1.0').shape;
    expect([one.minimumWork, one.constantWork]).toEqual([4, true]);
    // (4) && (4) + 1 for the && node = 9; three comparisons: 4 + 4 + 1 + 4 + 1 = 14
    expect(compiled('amount > 1.0 && amount < 5.0').shape.minimumWork).toBe(9);
    expect(compiled('amount > 1.0 && amount < 5.0 && amount != 3.0').shape.minimumWork).toBe(14);
  });

  it('grows with the length of a string input', () => {
    // name.contains("ab"): id name (1) + literal "ab" (1) + reading both: (len + 1) + 2
    const c = compiled('name.contains("ab")');
    expect(c.shape.constantWork).toBe(false);
    expect(workBound(c.shape, { name: 'x'.repeat(10) })).toBe(1 + 1 + 11 + 2);
    expect(workBound(c.shape, { name: 'x'.repeat(1000) })).toBe(1 + 1 + 1001 + 2);
    // a variable the input lacks counts one unit
    expect(workBound(c.shape, {})).toBe(1 + 1 + 1 + 2);
  });

  it('measures strings, lists and nested values by their content', () => {
    expect(extentOf('abcd')).toEqual({ size: 5, count: 4, elem: 1 });
    expect(extentOf('')).toEqual({ size: 1, count: 1, elem: 1 });
    // ["ab", "c"]: 1 for the list + (1 + 2) + (1 + 1); largest element 3
    expect(extentOf(['ab', 'c'])).toEqual({ size: 6, count: 2, elem: 3 });
    expect(extentOf(7)).toEqual({ size: 1, count: 1, elem: 1 });
  });

  it('refuses an evaluation once the string makes the bound pass the limit, and runs it just below', () => {
    const c = compiled('name.contains("ab")');
    // bound = len + 5: the largest accepted length is MAX_EVAL_WORK - 5
    const justBelow = 'x'.repeat(MAX_EVAL_WORK - 5);
    expect(guardHolds(c, { name: justBelow })).toEqual({ holds: false });
    const over = guardHolds(c, { name: justBelow + 'x' });
    expect(over.holds).toBe(false);
    expect(over.error).toMatch(/evaluation refused/);
  });
});
