/**
 * Cell and value typing shared by the importers. Hand-written scanners instead of regexes:
 * these run once per cell on millions of rows.
 */
import type { AttrValue } from '../model/types';

/**
 * Types a text cell: decimal numbers → number, true/false (any case) → boolean, else the string.
 * Only plain decimals count as numbers: "007", "0x1F", "1e400", " 12" stay strings, so ids with
 * leading zeros survive.
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

/** The number a plain decimal text stands for, or NaN when the text is not one. */
function decimalValue(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) c = s.charCodeAt(++i);
  const intStart = i;
  while (i < n && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  const intDigits = i - intStart;
  if (intDigits > 1 && s.charCodeAt(intStart) === 48) return NaN;
  let fracDigits = 0;
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
  return Number.isFinite(v) ? v : NaN;
}

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parses the timestamp shapes real event logs use, to ms since epoch:
 * `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]]` with `Z`, `±HH:MM`, `±HHMM` or `±HH`,
 * and the same with `/` as date separator ("2019/11/03 01:11:19.000"). A timestamp without an
 * offset is read as UTC, so results never depend on the machine's time zone.
 * Returns undefined when the text is not such a timestamp.
 */
export function parseTimestamp(s: string): number | undefined {
  const n = s.length;
  if (n < 10) return undefined;
  const sep = s.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(7) !== sep) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offsetMin = 0;
  let i = 10;
  if (i < n) {
    const t = s.charCodeAt(i);
    if (t !== 84 && t !== 116 && t !== 32) return undefined; // T, t or space
    if (n < i + 6 || s.charCodeAt(i + 3) !== 58) return undefined;
    hour = digits(s, i + 1, 2);
    minute = digits(s, i + 4, 2);
    i += 6;
    if (i < n && s.charCodeAt(i) === 58) {
      second = digits(s, i + 1, 2);
      i += 3;
      if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        i++;
        let scale = 100;
        const start = i;
        for (let d; i < n && (d = s.charCodeAt(i) - 48) >= 0 && d <= 9; i++) {
          ms += d * scale;
          scale /= 10;
        }
        if (i === start) return undefined;
        ms = Math.floor(ms);
      }
    }
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
    if (i < n) {
      const z = s.charCodeAt(i);
      if ((z === 90 || z === 122) && i === n - 1) i++;
      else if (z === 43 || z === 45) {
        const oh = digits(s, i + 1, 2);
        let om = 0;
        let end = i + 3;
        if (end < n && s.charCodeAt(end) === 58) {
          om = digits(s, end + 1, 2);
          end += 3;
        } else if (end + 2 <= n && end < n) {
          om = digits(s, end, 2);
          end += 2;
        }
        if (oh < 0 || om < 0 || oh > 23 || om > 59 || end !== n) return undefined;
        offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
        i = end;
      }
    }
  }
  if (i !== n) return undefined;
  return (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetMin * 60) * 1000 + ms;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date object). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
