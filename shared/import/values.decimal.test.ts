/**
 * decimalValue's fast path (values.ts: up to 15 digits without exponent computed as m / 10^k)
 * against a copy of the function before it, kept here as the oracle: typeCell and isDecimal
 * must give the same answer (Object.is: -0 is not 0, NaN stays a string) for every generated
 * text, plain decimals of every length and the near misses around them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDecimal, typeCell } from './values';

// ---- the oracle: decimalValue before the fast path, unchanged ----
function oracleDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) c = s.charCodeAt(++i);
  const intStart = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  const intDigits = i - intStart;
  if (intDigits > 1 && s.charCodeAt(intStart) === 48) return NaN;
  let fracDigits = 0;
  const integer = i === n;
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    const fracStart = i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return NaN;
  if (i < n && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = s.charCodeAt(i)) === 45 || c === 43)) i++;
    const expStart = i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === expStart) return NaN;
  }
  if (i !== n) return NaN;
  const v = Number(s);
  if (integer && !Number.isSafeInteger(v)) return NaN;
  return Number.isFinite(v) ? v : NaN;
}

function oracleTypeCell(s: string): unknown {
  const n = s.length;
  if (n === 0) return s;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    const v = oracleDecimal(s);
    return v === v ? v : s;
  }
  if (n === 4 && (c === 116 || c === 84) && s.toLowerCase() === 'true') return true;
  if (n === 5 && (c === 102 || c === 70) && s.toLowerCase() === 'false') return false;
  return s;
}
// ---- end of the oracle ----

const digitRun = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

const decimal = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    fc.oneof(digitRun(0, 3), digitRun(0, 17), fc.constantFrom('0', '00', '9007199254740993', '999999999999999')),
    fc.option(fc.oneof(digitRun(0, 3), digitRun(0, 17), fc.constantFrom('0', '000', '9999999999999999')), {
      nil: undefined,
    }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digitRun(0, 3)), { nil: undefined }),
  )
  .map(
    ([sign, int, frac, exp]) =>
      `${sign}${int}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : exp.join('')}`,
  );

/** A decimal with one character replaced, inserted or cut off. */
const nearMiss = fc
  .tuple(decimal, fc.nat(), fc.constantFrom('', '.', '-', '+', 'e', ' ', 'x', '0', '9'), fc.boolean())
  .map(([s, at, c, insert]) => {
    const i = at % (s.length + 1);
    return c === '' ? s.slice(0, i) : s.slice(0, i) + c + s.slice(insert ? i : i + 1);
  });

describe('typeCell: numbers read as before the fast path', () => {
  it('gives the same value for every generated text', () => {
    fc.assert(
      fc.property(fc.oneof(decimal, nearMiss), (s) => {
        const want = oracleTypeCell(s);
        const got = typeCell(s);
        expect([s, Object.is(got, want) ? 'same' : got]).toEqual([s, 'same']);
        expect(isDecimal(s)).toBe(!Number.isNaN(oracleDecimal(s)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads signs, -0 and the longest fast-path numbers as Number() does', () => {
    for (const s of ['-0', '-0.000', '+0.5', '-.5', '5.', '0.58', '999999999999999', '0.000000000000001', '-12.34']) {
      expect([s, Object.is(typeCell(s), Number(s))]).toEqual([s, true]);
    }
  });
});
