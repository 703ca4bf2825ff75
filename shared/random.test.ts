import { describe, expect, it } from 'vitest';
import { seededPicker, seededRandom } from './random';

/**
 * Oracle: mulberry32 written from its published reference (Tommy Ettinger's C, uint32 arithmetic
 * with BigInt), not the module's Math.imul form, so a changed constant or shift fails here.
 */
function referenceMulberry32(seed: number, n: number): number[] {
  const M = 0xffffffffn;
  const mul = (x: bigint, y: bigint) => (x * y) & M;
  let state = BigInt(seed >>> 0);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    state = (state + 0x6d2b79f5n) & M;
    let z = state;
    z = mul(z ^ (z >> 15n), z | 1n);
    z = (z ^ ((z + mul(z ^ (z >> 7n), z | 61n)) & M)) & M;
    out.push(Number((z ^ (z >> 14n)) & M) / 4294967296);
  }
  return out;
}

describe('seededRandom', () => {
  it.each([0, 1, 42, 7, 0xdeadbeef, -1])('matches the reference mulberry32 for seed %i', (seed) => {
    const r = seededRandom(seed);
    expect(Array.from({ length: 50 }, r)).toEqual(referenceMulberry32(seed, 50));
  });

  it('is in [0, 1) and differs between seeds', () => {
    const xs = Array.from({ length: 10_000 }, seededRandom(3));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('the picker draws from the same stream', () => {
    const p = seededPicker(9);
    const r = seededRandom(9);
    expect(p.int(10)).toBe(Math.floor(r() * 10));
    expect(p.pick(['a', 'b', 'c'])).toBe(['a', 'b', 'c'][Math.floor(r() * 3)]);
    expect(p.chance(0.5)).toBe(r() < 0.5);
  });
});
