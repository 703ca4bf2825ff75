/**
 * CaseIndex against the built-in Map as the oracle: random sequences of add / delete / get over
 * a small key alphabet (so probe chains collide, deleted slots are reused and the table is
 * rebuilt and grown many times) must answer every get and the size as the Map does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseIndex } from './caseIndex';

type Op = { op: 'add' | 'delete' | 'get'; key: string };

const key = fc.oneof(
  fc.constantFrom('', 'a', 'b', 'T-1', 'T-2', '__proto__', 'constructor', '0', '1'),
  fc.stringMatching(/^[a-c]{1,3}$/),
  fc.integer({ min: 0, max: 300 }).map((n) => `case-${n}`),
);
const ops = fc.array(fc.record({ op: fc.constantFrom<Op['op']>('add', 'add', 'delete', 'get'), key }), {
  maxLength: 600,
});

describe('CaseIndex', () => {
  it('answers every get and size as a Map does', () => {
    fc.assert(
      fc.property(ops, fc.constantFrom(1, 2, 4, 64), (seq, capacity) => {
        const index = new CaseIndex<number>(capacity);
        const oracle = new Map<string, number>();
        seq.forEach(({ op, key: k }, n) => {
          if (op === 'add') {
            if (oracle.has(k)) return; // add is for new keys only (the assembler looks up first)
            oracle.set(k, n);
            index.add(k, n);
          } else if (op === 'delete') {
            oracle.delete(k);
            index.delete(k);
          }
          expect(index.get(k)).toBe(oracle.get(k));
          expect(index.size).toBe(oracle.size);
        });
        for (const k of oracle.keys()) expect(index.get(k)).toBe(oracle.get(k));
        index.clear();
        expect(index.size).toBe(0);
        for (const k of oracle.keys()) expect(index.get(k)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('holds thousands of live keys through growth, then forgets deleted ones', () => {
    const index = new CaseIndex<string>();
    for (let i = 0; i < 5000; i++) index.add(`T-${i}`, `v${i}`);
    expect(index.size).toBe(5000);
    expect(index.get('T-0')).toBe('v0');
    expect(index.get('T-4999')).toBe('v4999');
    expect(index.get('T-5000')).toBeUndefined();
    for (let i = 0; i < 5000; i += 2) index.delete(`T-${i}`);
    expect(index.size).toBe(2500);
    expect(index.get('T-2')).toBeUndefined();
    expect(index.get('T-3')).toBe('v3');
  });
});
