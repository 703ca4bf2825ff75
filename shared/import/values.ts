/**
 * Cell and value typing shared by the importers. Hand-written scanners instead of regexes:
 * these run once per cell on millions of rows.
 */
import type { AttrValue } from '../model/types';

/**
 * Types a text cell: decimal numbers → number, true/false (any case) → boolean, else the string.
 * Only plain decimals count as numbers: "007", "0x1F", "1e400", " 12" stay strings, so ids with
 * leading zeros survive, and so does an integer beyond 2^53 ("9007199254740993"), whose digits a
 * number would lose.
 */
export function typeCell(s: string): AttrValue {
  const n = s.length;
  if (n === 0) return s;
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    const v = decimalValue(s);
    return v === v ? v : s; // NaN: not a plain decimal
  }
  if (n === 4 && (c === 116 || c === 84) && s.toLowerCase() === 'true') return true;
  if (n === 5 && (c === 102 || c === 70) && s.toLowerCase() === 'false') return false;
  return s;
}

/** [+-]digits[.digits][e[+-]digits], no leading zero before another digit, finite. */
export function isDecimal(s: string): boolean {
  return !Number.isNaN(decimalValue(s));
}

/** 10^k for k = 0…15, each exact in a double. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The number a plain decimal text stands for, or NaN when the text is not one.
 *
 * Number(s) was nearly all of this function's time (1M-event CSV: 54 of 55 profile ticks). With
 * at most 15 digits and no exponent the digits form an integer m < 2⁵³ and the value is
 * m / 10^fractionDigits: both exact doubles, and IEEE division rounds their quotient correctly,
 * as Number() rounds the decimal, so the result is the same double (sign and -0 included).
 */
function decimalValue(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) c = s.charCodeAt(++i);
  const intStart = i;
  let m = 0; // the digits as an integer, exact while there are at most 15
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits > 1 && s.charCodeAt(intStart) === 48) return NaN;
  let fracDigits = 0;
  const integer = i === n; // digits only: an id, a count
  if (i < n && s.charCodeAt(i) === 46) {
    i++;
    const fracStart = i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      i++;
    }
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) return NaN;
  if (i === n && intDigits + fracDigits <= 15) {
    const v = fracDigits === 0 ? m : m / POW10[fracDigits]!;
    return s.charCodeAt(0) === 45 ? -v : v;
  }
  if (i < n && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    if (i < n && ((c = s.charCodeAt(i)) === 45 || c === 43)) i++;
    const expStart = i;
    while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === expStart) return NaN;
  }
  if (i !== n) return NaN;
  const v = Number(s);
  if (integer && !Number.isSafeInteger(v)) return NaN; // digits would be lost
  return Number.isFinite(v) ? v : NaN;
}

export { parseTimestamp } from './time/isoScan';

/**
 * An attribute value as text (a lifecycle count key, a classifier part, a JSON resource).
 * Containers from the readers inherit nothing (dictionaries.ts), so String() would throw on them
 * ("Cannot convert object to primitive value"): they are written as JSON instead.
 */
export function valueText(v: AttrValue): string {
  return v === null || typeof v !== 'object' || v instanceof Date ? String(v) : JSON.stringify(v);
}
