/**
 * readCsv against an oracle built from the generated log itself, not from any parser: cases and
 * events are generated as values, written as CSV here (quotes, embedded commas and line breaks,
 * CRLF, unicode, empty cells, numbers-as-text), cut into random byte chunks, and read back. The
 * expected events come from the generated values: activity and resource as written, the
 * timestamp as Date.UTC of the generated parts (whatever shape it was written in), each
 * non-empty attribute cell as typeCell of its text (the typing rule; the reader's repeated-cell
 * shortcut and papaparse's fast path must not change it), and the case attributes as DESIGN's
 * "case: columns + the first event's attributes".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../model/types';
import { readAll, typedCells } from '../testing';
import type { DateOrder } from '../types';
import { typeCell } from '../values';

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Each shape writes the parts its own way; `ms` says which parts it keeps (the rest are zeroed). */
const SHAPES: Array<{
  name: string;
  order?: DateOrder;
  keeps: 'ms' | 's' | 'min';
  write: (p: Parts) => string;
  offsetMin?: number;
}> = [
  {
    name: 'ISO Z',
    keeps: 'ms',
    write: (p) =>
      `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}:${two(p.s)}.${String(p.ms).padStart(3, '0')}Z`,
  },
  {
    name: 'ISO space',
    keeps: 's',
    write: (p) => `${p.y}-${two(p.mo)}-${two(p.d)} ${two(p.h)}:${two(p.mi)}:${two(p.s)}`,
  },
  // written at +02:00: the wall clock is two hours ahead of UTC
  {
    name: 'ISO +02:00',
    keeps: 's',
    offsetMin: 120,
    write: (p) => `${p.y}-${two(p.mo)}-${two(p.d)}T${two(p.h)}:${two(p.mi)}:${two(p.s)}+02:00`,
  },
  { name: 'd/M/yyyy H:mm', order: 'dmy', keeps: 'min', write: (p) => `${p.d}/${p.mo}/${p.y} ${p.h}:${two(p.mi)}` },
  {
    name: 'M/d/yyyy H:mm:ss',
    order: 'mdy',
    keeps: 's',
    write: (p) => `${p.mo}/${p.d}/${p.y} ${p.h}:${two(p.mi)}:${two(p.s)}`,
  },
  {
    name: 'd.M.yyyy H:mm:ss,SSS',
    order: 'dmy',
    keeps: 'ms',
    write: (p) => `${p.d}.${p.mo}.${p.y} ${p.h}:${two(p.mi)}:${two(p.s)},${String(p.ms).padStart(3, '0')}`,
  },
  {
    name: 'yyyyMMdd HHmmss',
    keeps: 's',
    write: (p) => `${p.y}${two(p.mo)}${two(p.d)} ${two(p.h)}${two(p.mi)}${two(p.s)}`,
  },
  {
    name: 'M/d/yyyy h:mm a',
    order: 'mdy',
    keeps: 'min',
    write: (p) => `${p.mo}/${p.d}/${p.y} ${p.h % 12 === 0 ? 12 : p.h % 12}:${two(p.mi)} ${p.h < 12 ? 'AM' : 'PM'}`,
  },
];

function epoch(p: Parts, keeps: 'ms' | 's' | 'min', offsetMin = 0): number {
  return (
    Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, keeps === 'min' ? 0 : p.s, keeps === 'ms' ? p.ms : 0) - offsetMin * 60_000
  );
}

const parts: fc.Arbitrary<Parts> = fc.record({
  y: fc.integer({ min: 1990, max: 2030 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
  ms: fc.integer({ min: 0, max: 999 }),
});

/** Cells that are hard for a CSV reader or that type differently while looking alike. */
const ODD = [
  '',
  'x',
  'say "hi"',
  'a,b',
  'two\nlines',
  'crlf\r\ninside',
  '"',
  'é漢🙂',
  ' 12',
  '007',
  '7',
  '7.0',
  '-0',
  '1e3',
  '.5',
  '+1',
  'true',
  'FALSE',
  'null',
  '0x1F',
];
const cell = fc.oneof(
  fc.constantFrom(...ODD),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.double({ min: -1e5, max: 1e5, noNaN: true }).map(String),
);
const ACTIVITIES = ['Open', 'Pay, now', 'Réviser 漢', '007', 'true', 'say "go"'];

const event = fc.record({
  activity: fc.constantFrom(...ACTIVITIES),
  at: parts,
  resource: fc.constantFrom('', 'ann', 'Zoë', 'b,c'),
  a: cell,
  b: cell,
  tier: cell,
});
const log = fc.record({
  cases: fc.array(fc.array(event, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
  shape: fc.nat({ max: SHAPES.length - 1 }),
  quoteAll: fc.boolean(),
  crlf: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 200 }),
  // quote-free logs take papaparse's split-only fast path on every slice; 'late' puts quotes in the
  // last case only, so a log switches from that path to the quoting one part-way
  plain: fc.constantFrom('no', 'all', 'late'),
  bom: fc.boolean(),
});

/** The generated events with every quote, comma and line break in a value made "_". */
function unquotable<E extends { activity: string; resource: string; a: string; b: string; tier: string }>(
  events: E[],
): E[] {
  const p = (v: string) => v.replace(/[",\r\n]/g, '_');
  return events.map((e) => ({
    ...e,
    activity: p(e.activity),
    resource: p(e.resource),
    a: p(e.a),
    b: p(e.b),
    tier: p(e.tier),
  }));
}

function quote(v: string, all: boolean): string {
  return all || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

describe('CSV reader on generated logs with odd cells (oracle: the generated values)', () => {
  it('reads every case, event, timestamp shape and cell as generated', async () => {
    await fc.assert(
      fc.asyncProperty(log, async ({ cases: generated, shape, quoteAll, crlf, chunk, plain, bom }) => {
        const cases =
          plain === 'no'
            ? generated
            : generated.map((events, i) =>
                plain === 'late' && i === generated.length - 1 ? events : unquotable(events),
              );
        const s = SHAPES[shape]!;
        const nl = crlf ? '\r\n' : '\n';
        const rows = ['case_id,activity,timestamp,resource,a,b,case:tier'];
        cases.forEach((events, i) => {
          const id = i % 2 ? `c${i}` : `0${i} 漢`;
          for (const e of events)
            rows.push(
              [id, e.activity, s.write(e.at), e.resource, e.a, e.b, e.tier]
                .map((v) => quote(v, quoteAll && plain === 'no'))
                .join(','),
            );
        });
        const file = (bom ? '\uFEFF' : '') + rows.join(nl) + nl;
        const { cases: read } = await readAll(file, { format: 'csv', dateOrder: s.order }, chunk);

        // a CRLF inside a quoted field reads as LF (readCsv.ts); nothing else changes
        const text = (v: string): string => v.replace(/\r\n/g, '\n');
        const want = cases.map((events, i) => {
          const evs: RecordedEvent[] = events.map((e) => ({
            activity: e.activity,
            timestamp: epoch(e.at, s.keeps, s.offsetMin),
            resource: e.resource || undefined,
            attributes: typedCells([
              ['a', text(e.a)],
              ['b', text(e.b)],
            ]),
          }));
          const first =
            typedCells([
              ['a', text(events[0]!.a)],
              ['b', text(events[0]!.b)],
            ]) ?? {};
          const tier = text(events[0]!.tier);
          return {
            caseId: i % 2 ? `c${i}` : `0${i} 漢`,
            attributes: tier === '' ? first : { ...first, tier: typeCell(tier) },
            events: evs,
          };
        });
        expect(read).toEqual(want);
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});
