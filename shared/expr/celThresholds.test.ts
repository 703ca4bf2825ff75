/**
 * Which variables an expression only compares with double literals (celThresholds.ts), worked
 * out by hand for each expression, on the AST of the CEL library the guards are compiled with.
 */
import { describe, expect, it } from 'vitest';
import { positionAmong } from './celThresholds';
import type { CaseField } from '../model/types';
import { CelEnvironment } from './cel';

const SCHEMA: Record<string, CaseField> = {
  amount: { type: 'number' },
  x: { type: 'number' },
  y: { type: 'number' },
  tags: { type: 'list' },
};

/** The thresholds compiled for `expr`; an empty schema makes every variable dyn. */
function thresholdsOf(expr: string, schema: Record<string, CaseField> = SCHEMA): Record<string, readonly number[]> {
  const env = new CelEnvironment(schema);
  const r = env.compile(expr);
  if (!r.ok) throw new Error(r.error.message);
  return Object.fromEntries(r.compiled.thresholds ?? []);
}

describe('doubleThresholds', () => {
  it('collects the double literals a variable is compared with, on either side, sorted, 0 and -0 as one', () => {
    expect(thresholdsOf('amount > 100.0 && 0.5 >= amount || amount == -0.0 || amount != 0.0')).toEqual({
      amount: [0, 0.5, 100],
    });
    expect(thresholdsOf('-0.7 < x && x <= 1e3 && y == 2.5')).toEqual({ x: [-0.7, 1000], y: [2.5] });
  });

  it('drops a variable used any other way anywhere in the expression', () => {
    expect(thresholdsOf('x > 1.0 && x * 2.0 > 3.0')).toEqual({}); // arithmetic
    expect(thresholdsOf('x > 1.0 && y > 2.0 && double(y) < 5.0')).toEqual({ x: [1] }); // a function argument
    expect(thresholdsOf('x > 1.0 || x.f == 2.0', {})).toEqual({}); // a field of it
    expect(thresholdsOf('x > 1.0 && x > y')).toEqual({}); // compared with another variable (y too)
    // an int or uint literal (a number-typed variable cannot meet one: a type error; a dyn one can)
    expect(thresholdsOf('x > 1.0 && x == 1', {})).toEqual({});
    expect(thresholdsOf('x > 1.0 && x == 1u', {})).toEqual({});
    expect(thresholdsOf('x > 1.0 && x in [1.0, 2.0]')).toEqual({}); // `in`
    expect(thresholdsOf('x > 1.0 && (x > 2.0 ? x : 0.0) > 0.5')).toEqual({}); // a conditional's value
    // a comprehension variable of the same name is a use too (the conservative reading)
    expect(thresholdsOf('x > 1.0 && tags.exists(x, x > 2.0)')).toEqual({});
  });

  it('keeps a variable compared inside negations, conditions and nested logic', () => {
    expect(thresholdsOf('!(x < 3.0) ? x >= 5.0 : (x == 4.0 || !(x != 2.0))')).toEqual({ x: [2, 3, 4, 5] });
  });
});

describe('positionAmong', () => {
  const t = [-1, 0, 2.5];
  it('tells below, equal, between and above apart, and NaN, missing and null from all of them', () => {
    const cases: Array<[unknown, number]> = [
      [-Infinity, 0],
      [-2, 0],
      [-1, 1],
      [-0.5, 2],
      [-0, 3],
      [0, 3],
      [1, 4],
      [2.5, 5],
      [3, 6],
      [Infinity, 6],
      [NaN, 7],
      [undefined, 8],
      [null, 9],
      ['1', -1],
      [true, -1],
      [1n, -1],
    ];
    for (const [x, want] of cases) expect([x, positionAmong(x, t)]).toEqual([x, want]);
  });
});
