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
