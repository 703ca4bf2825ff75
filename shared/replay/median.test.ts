// median (elapsed time per case): the middle value, or the mean of the two middle ones, exactly as
// sorting would give it — runs of equal values, ±Infinity and the sign of a zero included
// (Float64Array sort order puts -0 before 0). Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import { median } from './median';

const m = (values: number[]) => median(Float64Array.from(values));

describe('median', () => {
  it('none, one, odd and even counts, in any order; the input is left as it was', () => {
    expect(m([])).toBeNull();
    expect(m([5])).toBe(5);
    expect(m([3, 1, 2])).toBe(2);
    expect(m([4, 1, 3, 2])).toBe(2.5);
    expect(m([Infinity, -Infinity, 1])).toBe(1);
    const input = Float64Array.from([9, 2, 7, 1]);
    expect(median(input)).toBe(4.5);
    expect([...input]).toEqual([9, 2, 7, 1]);
  });

  it('runs of equal values', () => {
    expect(m([7, 7, 7, 7])).toBe(7);
    expect(m([9, 7, 1, 7, 9, 7])).toBe(7);
    expect(m([2, 2, 1, 1])).toBe(1.5);
  });

  it('the sign of a zero in the middle is the one sorting puts there', () => {
    expect(Object.is(m([0, -0, 0]), 0)).toBe(true); // -0, 0, 0
    expect(Object.is(m([0, -0, -0]), -0)).toBe(true); // -0, -0, 0
    expect(Object.is(m([0, -0]), 0)).toBe(true); // (-0 + 0) / 2
    expect(Object.is(m([-0, -0]), -0)).toBe(true);
    expect(Object.is(m([5, 0, -1, -0, 0]), 0)).toBe(true); // -1, -0, 0, 0, 5
    expect(Object.is(m([5, 0, -1, -0, -0]), -0)).toBe(true); // -1, -0, -0, 0, 5
  });

  it('100,000 values, each of 0 … 999 a hundred times, shuffled: (499 + 500) / 2', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => i % 1000);
    let seed = 12345;
    for (let i = values.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    // sorted, positions 49,999 and 50,000 hold 499 and 500
    expect(median(values)).toBe(499.5);
    // and with one more value (1000): position 50,000 alone, 500
    expect(median(Float64Array.from([...values, 1000]))).toBe(500);
  });
});
