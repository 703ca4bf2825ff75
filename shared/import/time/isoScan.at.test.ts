import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastHadOffset, parseTimestampAt } from './isoScan';

// parseTimestampAt reads a timestamp where it stands in a larger text and remembers the last
// date it checked. The oracle is the platform's Date.parse on the value alone (it reads these
// canonical shapes the same way), with the day of the month checked against Date.UTC's calendar
// (Date.parse does not refuse 02-30). Runs of calls share dates, valid and not, so the
// remembered date is used, and must never let a date through that was not checked.

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const stamp = fc
  .record({
    y: fc.constantFrom(1999, 2000, 2023, 2024, 2100),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 23 }),
    min: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
    zone: fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', ''),
  })
  .map((t) => ({
    ...t,
    text: `${pad(t.y, 4)}-${pad(t.m, 2)}-${pad(t.d, 2)}T${pad(t.h, 2)}:${pad(t.min, 2)}:${pad(t.s, 2)}${t.frac !== undefined ? `.${t.frac}` : ''}${t.zone}`,
  }));

describe('parseTimestampAt', () => {
  it('reads a timestamp in place as Date.parse reads it alone, and refuses dates the calendar lacks', () => {
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 30 }), fc.string({ maxLength: 5 }), (stamps, filler) => {
        // the values in one text, between quotes, as an XES buffer holds them
        let text = filler;
        const at: Array<[number, number]> = [];
        for (const s of stamps) {
          text += ' value="';
          at.push([text.length, text.length + s.text.length]);
          text += `${s.text}"/>`;
        }
        stamps.forEach((s, i) => {
          const valid = s.m >= 1 && s.m <= 12 && s.d >= 1 && s.d <= daysIn(s.y, s.m);
          const got = parseTimestampAt(text, at[i]![0], at[i]![1]);
          if (!valid) return expect(got, s.text).toBeUndefined();
          // no offset: read as UTC wall-clock time (the reader applies the zone)
          expect(got, s.text).toBe(Date.parse(s.zone === '' ? `${s.text}Z` : s.text));
          expect(lastHadOffset).toBe(s.zone !== '');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('reads nothing outside its range', () => {
    const text = '2024-01-02T03:04:05Z"+01:00';
    expect(parseTimestampAt(text, 0, 19)).toBe(Date.parse('2024-01-02T03:04:05Z'));
    expect(parseTimestampAt(text, 0, 20)).toBe(Date.parse('2024-01-02T03:04:05Z'));
    expect(parseTimestampAt(text, 0, 18)).toBeUndefined(); // "…03:04:0"
    expect(parseTimestampAt('x2024-01-02', 1, 11)).toBe(Date.parse('2024-01-02T00:00:00Z'));
    expect(parseTimestampAt('2024-01-0', 0, 9)).toBeUndefined();
  });

  it('never takes another date for the one it remembers', () => {
    // each pair: a checked date, then one whose parts could be confused with it in a packed number
    for (const [valid, invalid] of [
      ['2024-01-01', '2024-00-33'],
      ['2024-02-01', '2024-01-33'],
      ['2024-01-01', '2O24-01-01'],
      ['2023-12-31', '2024-0x-31'],
      ['2024-03-01', '2024-02-3x'],
    ]) {
      expect(parseTimestampAt(valid!, 0, 10), valid).toBe(Date.parse(`${valid}T00:00:00Z`));
      expect(parseTimestampAt(invalid!, 0, 10), invalid).toBeUndefined();
    }
  });
});
