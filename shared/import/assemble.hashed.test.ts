/**
 * CaseAssembler hashes a new case id once and puts its fingerprint in the emitted set when the
 * case opens (assemble.ts header). Against a plain model of the same rules (a Map of open cases
 * in least-recently-seen order, a Set of the ids emitted, added when they are emitted), random
 * id sequences must give the same cases in the same order, and the same error on the same line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseAssembler } from './assemble';

/** The assembler's rules, written plainly: what it emits, or the line of the "continues" error. */
function model(ids: string[], budget: number): { emitted: string[]; errorLine?: number } {
  const open = new Map<string, number>(); // id → events, in least-recently-seen order
  const gone = new Set<string>();
  const emitted: string[] = [];
  let current: string | undefined;
  let held = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id !== current) {
      const n = open.get(id);
      if (n === undefined && gone.has(id)) return { emitted, errorLine: i + 2 };
      open.delete(id);
      open.set(id, n ?? 0);
      current = id;
    }
    open.set(id, open.get(id)! + 1);
    held++;
    for (const [old, n] of open) {
      if (held <= budget || old === current) break;
      open.delete(old);
      gone.add(old);
      emitted.push(old);
      held -= n;
    }
  }
  emitted.push(...open.keys());
  return { emitted };
}

const ids = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 12 }).map((n) => `c${n}`),
    fc.constantFrom('', '__proto__'),
  ),
  { maxLength: 200 },
);

describe('CaseAssembler: one hash per new case', () => {
  it('emits and refuses as the plain model does', () => {
    fc.assert(
      fc.property(ids, fc.integer({ min: 1, max: 12 }), (seq, budget) => {
        const want = model(seq, budget);
        const asm = new CaseAssembler(budget, false);
        let errorLine: number | undefined;
        try {
          seq.forEach((id, i) => asm.add(id, { activity: `a${i}` }, i + 2));
          asm.finish();
        } catch (e) {
          expect((e as Error).message).toMatch(/continues after it was already emitted/);
          errorLine = (e as { line?: number }).line;
        }
        expect(errorLine).toBe(want.errorLine);
        expect(asm.out.map((c) => c.caseId)).toEqual(want.emitted);
      }),
      { numRuns: 500 },
    );
  });
});
