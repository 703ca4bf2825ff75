/**
 * The one-hash paths the assembler uses (fingerprints.ts, caseIndex.ts): hashPair leaves the
 * stringHash value in hashA, insertPair adds the pair hashPair gave and says whether it was new
 * (one probe for has + add), and the interleaved table answers as a Set does through growth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseIndex } from './caseIndex';
import { FingerprintSet, hashA, hashB, hashPair, stringHash } from './fingerprints';

const word = fc.oneof(
  fc.constantFrom('', 'a', 'b', '__proto__', 'T-1'),
  fc.integer({ min: 0, max: 400 }).map((n) => `case-${n}`),
  fc.string({ maxLength: 6 }),
);

describe('hashPair', () => {
  it('leaves stringHash’s value in hashA, and the same pair for the same text', () => {
    fc.assert(
      fc.property(word, word, (s, t) => {
        hashPair(s);
        const [a, b] = [hashA, hashB];
        expect(a).toBe(stringHash(s));
        hashPair(t);
        hashPair(s);
        expect([hashA, hashB]).toEqual([a, b]);
      }),
    );
  });
});

describe('FingerprintSet.insertPair', () => {
  it('is true exactly for a text not added before, and then has agrees with a Set', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ w: word, how: fc.constantFrom('add', 'insert', 'insert') }), { maxLength: 400 }),
        fc.array(word, { maxLength: 30 }),
        (ops, probes) => {
          const set = new FingerprintSet(1);
          const oracle = new Set<string>();
          for (const { w, how } of ops) {
            if (how === 'add') set.add(w);
            else {
              hashPair(w);
              expect(set.insertPair(hashA, hashB)).toBe(!oracle.has(w));
            }
            oracle.add(w);
            expect(set.size).toBe(oracle.size);
          }
          for (const w of [...oracle, ...probes]) expect(set.has(w)).toBe(oracle.has(w));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('CaseIndex …Hashed', () => {
  it('finds with the hash what add put in without it, and the other way round, through rebuilds', () => {
    const index = new CaseIndex<number>(4);
    for (let i = 0; i < 3000; i++) {
      const id = `T-${i}`;
      if (i % 2) index.addHashed(id, i, stringHash(id));
      else index.add(id, i);
      if (i >= 10) {
        const old = `T-${i - 10}`;
        if (i % 3) index.deleteHashed(old, stringHash(old));
        else index.delete(old);
      }
    }
    expect(index.size).toBe(10);
    for (let i = 0; i < 3000; i++) {
      const id = `T-${i}`;
      const want = i >= 2990 ? i : undefined;
      expect(index.get(id)).toBe(want);
      expect(index.getHashed(id, stringHash(id))).toBe(want);
    }
  });
});
