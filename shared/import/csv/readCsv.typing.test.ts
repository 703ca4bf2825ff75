/**
 * The CSV reader reuses the typed value of a column's previous cell when the text repeats
 * (readCsv.ts, EventAttributes), and a row whose cells all repeat shares the previous row's object. Property: whatever the sequence of cells, every event attribute is
 * exactly typeCell(its cell) — the second implementation here is typeCell applied cell by cell.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAll } from '../testing';
import { typeCell } from '../values';

// texts that type differently but look alike: leading zeros, signs, case, decimals
const CELLS = ['7', '007', '7.0', '-0', '0', '1e3', 'true', 'TRUE', 'false', 'x', '', '40.5', '+1', '.5'];

describe('CSV event attribute typing with the repeated-cell shortcut', () => {
  it('equals typeCell on every cell, whatever repeats', async () => {
    const row = fc.tuple(fc.constantFrom('c1', 'c2', 'c3'), fc.constantFrom(...CELLS), fc.constantFrom(...CELLS));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
        const text = 'case,activity,a,b\n' + rows.map(([c, a, b]) => `${c},Act,${a},${b}`).join('\n') + '\n';
        const { cases } = await readAll(text, { format: 'csv', maxOpenEvents: 1_000 });
        const seen: Array<[unknown, unknown]> = [];
        const want: Array<[unknown, unknown]> = [];
        for (const c of cases) for (const e of c.events) seen.push([e.attributes?.a, e.attributes?.b]);
        const byCase = new Map<string, Array<[string, string]>>();
        for (const [c, a, b] of rows) byCase.set(c, [...(byCase.get(c) ?? []), [a, b]]);
        for (const c of cases)
          for (const [a, b] of byCase.get(c.caseId)!)
            want.push([a === '' ? undefined : typeCell(a), b === '' ? undefined : typeCell(b)]);
        expect(seen).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("never lets a write to one event's attributes change another event's", async () => {
    const text = 'case,activity,tier,amount\nk,A,gold,7\nk,B,gold,7\nm,A,gold,7\n';
    const { cases } = await readAll(text, { format: 'csv' });
    const [a, b] = cases[0]!.events;
    expect(() => {
      (a!.attributes as Record<string, unknown>).tier = 'changed';
    }).toThrow(TypeError);
    expect(b!.attributes).toEqual({ tier: 'gold', amount: 7 });
    expect(cases[1]!.events[0]!.attributes).toEqual({ tier: 'gold', amount: 7 });
    expect(cases[1]!.attributes).toEqual({ tier: 'gold', amount: 7 });
  });
});
