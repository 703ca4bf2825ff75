// How celCost.ts measures runtime values (extentOf) and the bounded walk that answers "within k?"
// (extentWithin), at their edges: every figure is counted by hand (one unit per value, plus a
// string's characters or a byte string's bytes), depth 64 as the documented cut-off.
import { describe, expect, it } from 'vitest';
import { extentOf, extentWithin } from './celCost';

/** `levels` arrays, one inside the other, around `inner`. */
function nested(levels: number, inner: unknown): unknown {
  let v = inner;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

describe('extentOf', () => {
  it('a byte string is measured like a string: its bytes plus one', () => {
    expect(extentOf(new Uint8Array(3))).toEqual({ size: 4, count: 3, elem: 1 });
    expect(extentOf(new Uint8Array(0))).toEqual({ size: 1, count: 1, elem: 1 });
  });

  it('scalars, null and timestamps are one unit', () => {
    for (const v of [null, undefined, 0, 5n, true, new Date(0)])
      expect(extentOf(v)).toEqual({ size: 1, count: 1, elem: 1 });
  });

  it('containers: one unit, plus each element (nested content included); a map counts keys and values', () => {
    expect(extentOf([])).toEqual({ size: 1, count: 1, elem: 1 });
    // ["ab", "c"] inside a list, then "d": 1 + (1 + 3 + 2) + 2
    expect(extentOf([['ab', 'c'], 'd'])).toEqual({ size: 9, count: 2, elem: 6 });
    // {a: "xy"}: 1 + "a" (2) + "xy" (3); two children
    expect(extentOf({ a: 'xy' })).toEqual({ size: 6, count: 2, elem: 3 });
    expect(extentOf(new Map([['ab', 'c']]))).toEqual({ size: 6, count: 2, elem: 3 });
    expect(extentOf(new Set(['a', 'bb']))).toEqual({ size: 6, count: 2, elem: 3 });
    // a map inside an object: "a" (2) + the map (1 + "k" 2 + "vv" 3)
    expect(extentOf({ a: new Map([['k', 'vv']]) })).toEqual({ size: 9, count: 2, elem: 6 });
    // a set inside a list, and bytes inside a list (4 bytes + 1, not their indices)
    expect(extentOf([new Set(['abc'])])).toEqual({ size: 6, count: 1, elem: 5 });
    expect(extentOf([new Uint8Array(4)])).toEqual({ size: 6, count: 1, elem: 5 });
    expect(extentOf([new Date(0)])).toEqual({ size: 2, count: 1, elem: 1 });
  });

  it('deeper than 64 levels, each level counts one unit and nothing below is read', () => {
    // 65 lists around "abc": the child has 64 lists (depths 0–63) and "abc" at depth 64, 1 + 3
    expect(extentOf(nested(65, 'abc'))).toEqual({ size: 69, count: 1, elem: 68 });
    // 66 lists: the child's lists at depths 0–64 count one each (65), "abc" is below the cut-off
    expect(extentOf(nested(66, 'abc'))).toEqual({ size: 66, count: 1, elem: 65 });
  });
});

describe('extentWithin', () => {
  it('strings and bytes: within k when their length plus one is', () => {
    expect(extentWithin('abc', 4)).toBe(true);
    expect(extentWithin('abc', 3)).toBe(false);
    expect(extentWithin(new Uint8Array(3), 4)).toBe(true);
    expect(extentWithin(new Uint8Array(3), 3)).toBe(false);
  });

  it('scalars, null and timestamps: within any k of at least one', () => {
    for (const v of [7, null, undefined, true, new Date(0)]) {
      expect(extentWithin(v, 1)).toBe(true);
      expect(extentWithin(v, 0)).toBe(false);
    }
  });

  it('lists: exactly at the edge (one per element, elements within the rest)', () => {
    expect(extentWithin([], 1)).toBe(true);
    expect(extentWithin([], 0)).toBe(false);
    // [0]: 2; five zeros: 6
    expect(extentWithin([0], 2)).toBe(true);
    expect(extentWithin([0], 1)).toBe(false);
    expect(extentWithin([0, 0, 0, 0, 0], 6)).toBe(true);
    expect(extentWithin([0, 0, 0, 0, 0], 5)).toBe(false);
    // ["ab", "c"]: 1 + 3 + 2
    expect(extentWithin(['ab', 'c'], 6)).toBe(true);
    expect(extentWithin(['ab', 'c'], 5)).toBe(false);
    expect(extentWithin([new Uint8Array(2)], 4)).toBe(true);
    expect(extentWithin([new Uint8Array(2)], 3)).toBe(false);
  });

  it('plain objects: each key counts one plus its length, each value its size', () => {
    // {"": 1}: 1 + "" (1) + 1 = 3
    expect(extentWithin({ '': 1 }, 3)).toBe(true);
    expect(extentWithin({ '': 1 }, 2)).toBe(false);
    // {ab: "c"}: 1 + 3 + 2 = 6
    expect(extentWithin({ ab: 'c' }, 6)).toBe(true);
    expect(extentWithin({ ab: 'c' }, 5)).toBe(false);
    // {a: 1, b: 2}: 1 + (2 + 1) × 2 = 7
    expect(extentWithin({ a: 1, b: 2 }, 7)).toBe(true);
    expect(extentWithin({ a: 1, b: 2 }, 6)).toBe(false);
    // a null-prototype record (what toCelVars builds) is a plain record too
    const record = Object.assign(Object.create(null) as Record<string, unknown>, { a: 'xy' });
    expect(extentWithin(record, 6)).toBe(true);
    expect(extentWithin(record, 5)).toBe(false);
  });

  it('maps, sets and class instances are left to the exact measure, however small', () => {
    expect(extentWithin(new Map([['a', 1]]), 1000)).toBe(false);
    expect(extentWithin(new Set(['a']), 1000)).toBe(false);
    expect(extentWithin([new Set(['a'])], 1000)).toBe(false);
    class Box {
      v = 1;
    }
    expect(extentWithin(new Box(), 1000)).toBe(false);
  });

  it('a value nested deeper than 64 levels is left to the exact measure', () => {
    // "a" at depth 64 under 64 lists is read; a 65th list at depth 64 is not
    expect(extentWithin(nested(64, 'a'), 1000)).toBe(true);
    expect(extentWithin(nested(65, 'a'), 1000)).toBe(false);
    expect(extentOf(nested(65, 'a')).size).toBeLessThan(1000);
    // the same through records: {a: {a: … "x"}}, 3 units a level
    let record: unknown = 'x';
    for (let i = 0; i < 64; i++) record = { a: record };
    expect(extentWithin(record, 1000)).toBe(true);
    expect(extentWithin({ a: record }, 1000)).toBe(false);
  });
});
