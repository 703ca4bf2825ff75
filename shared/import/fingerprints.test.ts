/**
 * FingerprintSet against the built-in Set as the oracle: random strings added in random order
 * (with repeats, so the same fingerprint is offered twice) into a table that starts small enough
 * to grow several times. A false positive would need a 64-bit collision, so `has` and `size`
 * must agree with the Set exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from './fingerprints';

const word = fc.oneof(
  fc.constantFrom('', 'a', 'b', '__proto__', 'T-1'),
  fc.integer({ min: 0, max: 200 }).map((n) => `case-${n}`),
  fc.string({ maxLength: 6 }),
);

describe('FingerprintSet', () => {
  it('has and size agree with a Set through growth and repeated adds', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 300 }), fc.array(word, { maxLength: 30 }), (added, probes) => {
        const set = new FingerprintSet(1);
        const oracle = new Set<string>();
        for (const w of added) {
          set.add(w);
          oracle.add(w);
          expect(set.size).toBe(oracle.size);
        }
        for (const w of [...added, ...probes]) expect(set.has(w)).toBe(oracle.has(w));
      }),
      { numRuns: 200 },
    );
  });

  it('an empty set has nothing, and the table grows past its first 16 slots', () => {
    const set = new FingerprintSet(1);
    expect(set.has('')).toBe(false);
    for (let i = 0; i < 1000; i++) set.add(`id-${i}`);
    set.add('id-0');
    expect(set.size).toBe(1000);
    expect(set.has('id-999')).toBe(true);
    expect(set.has('id-1000')).toBe(false);
  });
});
