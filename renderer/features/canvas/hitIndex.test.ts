import { describe, expect, it } from 'vitest';
import { buildHitIndex, hitTest, type HitBox } from './hitIndex';

/** The oracle: every box, last containing one wins. */
function bruteForce(boxes: HitBox[], x: number, y: number): string | null {
  let hit: string | null = null;
  for (const b of boxes) if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) hit = b.key;
  return hit;
}

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('hit test over the state boxes', () => {
  it('finds the state under a point, and nothing between states', () => {
    const boxes: HitBox[] = [
      { key: 'a', x: 0, y: 0, w: 210, h: 68 },
      { key: 'b', x: 300, y: 0, w: 210, h: 68 },
    ];
    const index = buildHitIndex(boxes);
    expect(hitTest(index, 100, 30)).toBe('a');
    expect(hitTest(index, 510, 68)).toBe('b');
    expect(hitTest(index, 250, 30)).toBeNull();
    expect(hitTest(index, -5, 30)).toBeNull();
  });

  it('prefers the box listed later (a child over its compound parent), even across buckets', () => {
    const boxes: HitBox[] = [
      { key: 'group', x: -100, y: -100, w: 1000, h: 800 },
      { key: 'group.child', x: 240, y: 250, w: 210, h: 68 },
    ];
    const index = buildHitIndex(boxes, 64);
    expect(hitTest(index, 300, 300)).toBe('group.child');
    expect(hitTest(index, 600, 600)).toBe('group');
  });

  it('agrees with checking every box, for random boxes, cells and points', () => {
    const r = rng(15);
    for (let round = 0; round < 30; round++) {
      const boxes: HitBox[] = Array.from({ length: 60 }, (_, i) => ({
        key: `s${i}`,
        x: r() * 4000 - 1000,
        y: r() * 3000 - 500,
        w: 20 + r() * 600,
        h: 20 + r() * 300,
      }));
      const index = buildHitIndex(boxes, 16 + r() * 500);
      for (let q = 0; q < 200; q++) {
        const x = r() * 5000 - 1200;
        const y = r() * 4000 - 700;
        expect(hitTest(index, x, y)).toBe(bruteForce(boxes, x, y));
      }
    }
  });

  it('rejects a cell size that is not positive', () => {
    expect(() => buildHitIndex([], 0)).toThrow(/positive/);
    expect(() => buildHitIndex([], Number.NaN)).toThrow(/positive/);
  });
});
