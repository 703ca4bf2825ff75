import { describe, expect, it } from 'vitest';
import { CaseIndex } from './caseIndex';
import { FingerprintSet, stringHash } from './fingerprints';

/** Plain FNV-1a, as anyone can compute it offline: what a hostile log's author would search with. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

describe('string hashes are seeded per process', () => {
  // 300 case ids that all fall in one bucket of a 1,024-slot table under the unseeded hash
  const colliding: string[] = [];
  for (let i = 0; colliding.length < 300; i++) {
    const id = `case-${i}`;
    if ((fnv1a(id) & 1023) === 0) colliding.push(id);
  }

  it('ids chosen to collide under plain FNV-1a spread over the buckets', () => {
    const buckets = new Set(colliding.map((id) => stringHash(id) & 1023));
    // random placement of 300 ids in 1,024 buckets gives ≈ 260 distinct; unseeded it would be 1
    expect(buckets.size).toBeGreaterThan(200);
  });

  it('the index and the fingerprint set still find exactly what was put in', () => {
    const index = new CaseIndex<number>();
    const set = new FingerprintSet();
    colliding.forEach((id, i) => {
      index.add(id, i);
      set.add(id);
    });
    colliding.forEach((id, i) => {
      expect(index.get(id)).toBe(i);
      expect(set.has(id)).toBe(true);
    });
    expect(index.get('case-x')).toBeUndefined();
    expect(set.has('case-x')).toBe(false);
  });
});
