/**
 * LineRow (rowCells.ts) on its own: the fields it finds by position against String.split of each
 * line (the oracle), the spans it compares, and the work its delimiter search does on a text
 * whose delimiters are far apart (hostile input: it must stay linear in the text, not in lines × text).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineRow } from './rowCells';

/** Fields over a small alphabet, so that delimiters and empty fields are frequent. */
const field = fc.stringMatching(/^[ab;,\t]{0,3}$/);

describe('LineRow', () => {
  it('finds the fields String.split finds, for any delimiter and width', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '::'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        (d, rows, keep) => {
          const lines = rows.map((r) => r.join(d));
          const text = lines.join('\n') + '\n';
          const row = new LineRow(d, keep);
          row.begin(text);
          let from = 0;
          for (const l of lines) {
            const to = from + l.length;
            row.split(from, to);
            const oracle = l.split(d);
            expect(row.width).toBe(oracle.length);
            // a row up to one field wider than the header (keep) has all its fields; a wider one only
            // the header's width of them (readCsv refuses it on its width alone)
            const known = oracle.length <= keep + 1 ? oracle.length : keep;
            for (let c = 0; c < known; c++) {
              expect(row.text(c)).toBe(oracle[c]);
              expect(row.isEmpty(c)).toBe(oracle[c] === '');
              expect(row.is(c, oracle[c]!)).toBe(true);
              expect(row.is(c, oracle[c]! + 'b')).toBe(false);
            }
            if (oracle.length <= keep + 1) {
              const last = oracle.length - 1;
              expect(row.span(0, last)).toBe(l);
              expect(row.spanIs(0, last, l)).toBe(true);
              expect(row.spanIs(0, last, l + 'b')).toBe(false);
            }
            from = to + 1;
          }
        },
      ),
    );
  });

  describe('on a text whose only delimiter is at its end', () => {
    afterEach(() => vi.restoreAllMocks());

    it('searches for delimiters in a number of characters linear in the text, not per line', () => {
      const lines = 5_000;
      const text = 'x\n'.repeat(lines) + 'a,b\n';
      const row = new LineRow(',', 2);
      // characters each delimiter search may scan: from where it starts to the end of the text
      let scanned = 0;
      type IndexOf = (this: string, s: string, at?: number) => number;
      const indexOf = Object.getOwnPropertyDescriptor(String.prototype, 'indexOf')!.value as IndexOf;
      vi.spyOn(String.prototype, 'indexOf').mockImplementation(function (this: string, s: string, at?: number) {
        if (s === ',') scanned += this.length - (at ?? 0);
        return indexOf.call(this, s, at);
      });
      row.begin(text);
      for (let i = 0; i < lines; i++) {
        row.split(2 * i, 2 * i + 1);
        expect(row.width).toBe(1);
        expect(row.text(0)).toBe('x');
      }
      row.split(2 * lines, text.length - 1);
      expect(row.width).toBe(2);
      expect(row.text(1)).toBe('b');
      // one search from the start and one after the delimiter: about the text's length; a search
      // from each line's start would scan lines × length / 2 (25 M characters here)
      expect(scanned).toBeLessThanOrEqual(2 * text.length);
    });
  });
});
