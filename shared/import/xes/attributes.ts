/** XES typed attribute elements → values (IEEE 1849 + XES 2.0 list/container). */
import type { AttrValue } from '../../model/types';
import type { TimestampReader } from '../time/timestampReader';

export const SIMPLE_TYPES = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);
export const COLLECTION_TYPES = new Set(['list', 'container']);

/**
 * The value of a simple typed attribute. A `date` becomes a Date, `int`/`float` a number,
 * `boolean` true/false; a value that does not parse as its type is kept as the text (the
 * caller decides whether that matters, e.g. for `time:timestamp`).
 */
export function simpleValue(type: string, raw: string, time: TimestampReader): AttrValue {
  switch (type) {
    case 'int':
    case 'float': {
      const n = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? n : raw;
    }
    case 'boolean': {
      const lower = raw.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : raw;
    }
    case 'date': {
      const t = time.read(raw);
      return t === undefined ? raw : new Date(t);
    }
    default:
      return raw;
  }
}

/** 10^k, exact as doubles for k ≤ 22. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * {@link simpleValue} of `text.substring(from, to)`, reading the common plain numbers and
 * booleans straight from the text (no substring, no Number()). A plain decimal `-?d+(.d+)?` of
 * at most 15 digits is m / 10^k with m and 10^k exact doubles: one correctly rounded division,
 * the same double Number() gives (both are the double nearest the decimal). Anything else goes
 * to simpleValue.
 */
export function simpleValueAt(type: string, text: string, from: number, to: number, time: TimestampReader): AttrValue {
  if (type === 'int' || type === 'float') {
    const n = plainDecimal(text, from, to);
    if (n !== undefined) return n;
  } else if (type === 'boolean') {
    if (to - from === 4 && text.startsWith('true', from)) return true;
    if (to - from === 5 && text.startsWith('false', from)) return false;
  } else if (type === 'string' || type === 'id') {
    return text.substring(from, to);
  }
  return simpleValue(type, text.substring(from, to), time);
}

function plainDecimal(text: string, from: number, to: number): number | undefined {
  const negative = text.charCodeAt(from) === 45; /* - */
  let i = negative ? from + 1 : from;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 /* . */ && point < 0) {
      point = i;
    } else {
      return undefined;
    }
  }
  // digits on both sides of a point; at most 15 digits, so m < 2^53 is exact
  if (digits === 0 || digits > 15 || point === (negative ? from + 1 : from) || point === to - 1) return undefined;
  const scaled = point < 0 ? m : m / POWERS_OF_TEN[to - 1 - point]!;
  return negative ? -scaled : scaled;
}
