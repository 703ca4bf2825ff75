/**
 * The timestamp shapes read through luxon besides the canonical ISO fast path: every date part
 * × time part × offset below, as luxon format tokens (H and d accept one or two digits, `u` any
 * fraction of a second). A date part with a day/month order carries it, so the reader can tell
 * `05/11/2011` (ambiguous) from `13/05/2011` (day-first only) and pair each with its twin.
 */
export type DateOrder = 'dmy' | 'mdy';

interface DatePart {
  tokens: string;
  order: DateOrder | null;
  /** Index of the same shape with day and month swapped (ambiguous forms only). */
  twin?: number;
}

const DATE_PARTS: DatePart[] = [
  { tokens: 'yyyy-M-d', order: null },
  { tokens: 'yyyy/M/d', order: null },
  { tokens: 'yyyy.M.d', order: null },
  { tokens: 'yyyyMMdd', order: null },
  { tokens: 'd/M/yyyy', order: 'dmy', twin: 7 },
  { tokens: 'd-M-yyyy', order: 'dmy', twin: 8 },
  { tokens: 'd.M.yyyy', order: 'dmy', twin: 9 },
  { tokens: 'M/d/yyyy', order: 'mdy', twin: 4 },
  { tokens: 'M-d-yyyy', order: 'mdy', twin: 5 },
  { tokens: 'M.d.yyyy', order: 'mdy', twin: 6 },
];

const TIME_PARTS = [
  '',
  ' H:mm',
  ' H:mm:ss',
  ' H:mm:ss.u',
  ' H:mm:ss,u',
  // quoted: a bare T is luxon's localized-time macro, which never matched "…T13:05"
  "'T'H:mm",
  "'T'H:mm:ss",
  "'T'H:mm:ss.u",
  ' HHmmss',
  ' h:mm a',
  ' h:mm:ss a',
];

/** `+01:00`, `+0100`, either after a space. A trailing `Z` is handled by the reader (UTC). */
const OFFSETS = ['', 'ZZ', ' ZZ', 'ZZZ', ' ZZZ'];

export interface Candidate {
  format: string;
  order: DateOrder | null;
  hasOffset: boolean;
  /** Index in {@link CANDIDATES} of the day/month-swapped twin, if the date part has one. */
  twin: number | undefined;
}

/** All shapes, ISO-like (year first) first: they are the most common after the fast path. */
export const CANDIDATES: readonly Candidate[] = (() => {
  const out: Candidate[] = [];
  const per = TIME_PARTS.length * OFFSETS.length;
  DATE_PARTS.forEach((d) => {
    TIME_PARTS.forEach((t, ti) => {
      OFFSETS.forEach((o, oi) => {
        if (t === '' && o !== '') return; // an offset without a time of day is not a real shape
        const rel = ti * OFFSETS.length + oi;
        out.push({
          format: d.tokens + t + o,
          order: d.order,
          hasOffset: o !== '',
          twin: d.twin === undefined ? undefined : d.twin * per + rel,
        });
      });
    });
  });
  // twins were numbered on the full grid; map them onto the filtered list
  const index = new Map<string, number>(out.map((c, i) => [c.format, i]));
  const grid: string[] = [];
  DATE_PARTS.forEach((d) => TIME_PARTS.forEach((t) => OFFSETS.forEach((o) => grid.push(d.tokens + t + o))));
  return out.map((c) => ({ ...c, twin: c.twin === undefined ? undefined : index.get(grid[c.twin]!) }));
})();
