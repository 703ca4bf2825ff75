import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimestampReader, type TimestampOptions } from './timestampReader';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  us: number; // microseconds within the second
  off: number; // offset minutes
}

const fields = fc.record({
  y: fc.integer({ min: 1971, max: 2099 }),
  mo: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }),
  mi: fc.integer({ min: 0, max: 59 }),
  s: fc.integer({ min: 0, max: 59 }),
  us: fc.integer({ min: 0, max: 999_999 }),
  off: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
});

const offsetText = (off: number, colon = true): string =>
  `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}${colon ? ':' : ''}${pad(Math.abs(off) % 60)}`;

/** The oracle: Date.UTC on the generated fields, never the code under test. */
const utc = (f: Fields, { seconds = true, ms = 0, off = 0 } = {}): number =>
  Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, seconds ? f.s : 0, ms) - off * 60_000;

/** Each supported form: render the fields, and what the text must read as. */
const FORMS: Array<[string, (f: Fields) => string, (f: Fields) => number, TimestampOptions?]> = [
  [
    'ISO with Z and ms',
    (f) => `${f.y}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(Math.floor(f.us / 1000), 3)}Z`,
    (f) => utc(f, { ms: Math.floor(f.us / 1000) }),
  ],
  [
    'ISO with µs and offset',
    (f) => `${f.y}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(f.us, 6)}${offsetText(f.off)}`,
    (f) => utc(f, { ms: Math.floor(f.us / 1000), off: f.off }),
  ],
  ['space, single-digit hour', (f) => `${f.y}-${pad(f.mo)}-${pad(f.d)} ${f.h}:${pad(f.mi)}:${pad(f.s)}`, (f) => utc(f)],
  [
    'single-digit hour, µs, +HHMM',
    (f) =>
      `${f.y}-${pad(f.mo)}-${pad(f.d)} ${f.h}:${pad(f.mi)}:${pad(f.s)}.${pad(f.us, 6)} ${offsetText(f.off, false)}`,
    (f) => utc(f, { ms: Math.floor(f.us / 1000), off: f.off }),
  ],
  [
    'slashes with ms',
    (f) => `${f.y}/${pad(f.mo)}/${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${pad(Math.floor(f.us / 1000), 3)}`,
    (f) => utc(f, { ms: Math.floor(f.us / 1000) }),
  ],
  [
    'day-first',
    (f) => `${pad(f.d)}/${pad(f.mo)}/${f.y} ${pad(f.h)}:${pad(f.mi)}`,
    (f) => utc(f, { seconds: false }),
    { dateOrder: 'dmy' },
  ],
  [
    'month-first',
    (f) => `${f.mo}/${f.d}/${f.y} ${f.h}:${pad(f.mi)}`,
    (f) => utc(f, { seconds: false }),
    { dateOrder: 'mdy' },
  ],
  [
    '12-hour clock',
    (f) => `${f.mo}/${f.d}/${f.y} ${f.h % 12 || 12}:${pad(f.mi)}:${pad(f.s)} ${f.h < 12 ? 'AM' : 'PM'}`,
    (f) => utc(f),
    { dateOrder: 'mdy' },
  ],
  ['compact', (f) => `${f.y}${pad(f.mo)}${pad(f.d)} ${pad(f.h)}${pad(f.mi)}${pad(f.s)}`, (f) => utc(f)],
  [
    'dotted day-first',
    (f) => `${pad(f.d)}.${pad(f.mo)}.${f.y} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`,
    (f) => utc(f),
    { dateOrder: 'dmy' },
  ],
  ['epoch seconds', (f) => String(utc(f) / 1000), (f) => utc(f)],
  ['epoch ms', (f) => String(utc(f, { ms: Math.floor(f.us / 1000) })), (f) => utc(f, { ms: Math.floor(f.us / 1000) })],
];

describe('TimestampReader: every supported form round-trips (property)', () => {
  it.each(FORMS)('%s', (name, render, expected, options) => {
    // epoch texts are recognised by digit count (9–10 s, 12–13 ms): 1974 onwards
    const domain = name.startsWith('epoch') ? fields.filter((f) => f.y >= 1974) : fields;
    fc.assert(
      fc.property(domain, (f) => {
        expect(new TimestampReader(options).read(render(f))).toBe(expected(f));
      }),
      { numRuns: 150 },
    );
  });
});

describe('TimestampReader: the forms seen in real exports', () => {
  it.each([
    ['2011-11-05 1:05:01', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['2011-11-05T01:05:01.123456+01:00', Date.UTC(2011, 10, 5, 0, 5, 1, 123)],
    ['20111105 010501', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['1320455101', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['1320455101000', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['2011/11/05 01:05:01.000', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['2011-11-05 1:05:01Z', Date.UTC(2011, 10, 5, 1, 5, 1)],
  ])('%s', (text, expected) => {
    expect(new TimestampReader().read(text)).toBe(expected);
  });

  it('epoch texts are told by their digit count; 8 digits is a compact date', () => {
    const r = new TimestampReader();
    expect(r.read('99999999')).toBeUndefined(); // neither epoch nor yyyyMMdd (month 99)
    expect(r.read('20111105')).toBe(Date.UTC(2011, 10, 5));
    expect(r.read('1320455101.5')).toBe(Date.UTC(2011, 10, 5, 1, 5, 1, 500));
    expect(r.notes().join('\n')).toMatch(/1 timestamp\(s\) were epoch seconds/);
  });

  it('detects day-first from the data and says so', () => {
    const r = new TimestampReader();
    expect(r.read('05/11/2011 13:05')).toBe(Date.UTC(2011, 10, 5, 13, 5));
    expect(r.read('13/11/2011 13:05')).toBe(Date.UTC(2011, 10, 13, 13, 5));
    expect(r.notes().join('\n')).toMatch(/dates read day-first \(decided by "13\/11\/2011 13:05"\)/);
  });

  it('detects month-first when the first unambiguous date says so', () => {
    const r = new TimestampReader();
    expect(r.read('11/13/2011 13:05')).toBe(Date.UTC(2011, 10, 13, 13, 5));
    expect(r.read('11/05/2011 13:05')).toBe(Date.UTC(2011, 10, 5, 13, 5));
  });

  it('a month-first date after ambiguous dates were read day-first is an error naming the choice', () => {
    const r = new TimestampReader();
    expect(r.read('05/11/2011 13:05')).toBe(Date.UTC(2011, 10, 5, 13, 5));
    expect(r.read('11/13/2011 13:05')).toBeUndefined();
    expect(r.problem).toMatch(
      /can only be month-first, but 1 earlier date\(s\) such as "05\/11\/2011 13:05" were read day-first.*--date-order mdy/,
    );
  });

  it('only ambiguous dates: read day-first, and the summary says how to change it', () => {
    const r = new TimestampReader();
    r.read('05/11/2011 13:05');
    expect(r.notes().join('\n')).toMatch(/could be day-first or month-first; they were read day-first/);
    expect(new TimestampReader({ dateOrder: 'mdy' }).read('05/11/2011 13:05')).toBe(Date.UTC(2011, 4, 11, 13, 5));
  });

  it('reads times without an offset in the chosen zone, checked against Intl', () => {
    const r = new TimestampReader({ timeZone: 'Europe/Amsterdam' });
    const winter = r.read('2011-11-05 1:05:01')!; // CET, +01:00
    const summer = r.read('2011-07-05T01:05:01')!; // CEST, +02:00 (fast ISO path)
    expect(winter).toBe(Date.UTC(2011, 10, 5, 0, 5, 1));
    expect(summer).toBe(Date.UTC(2011, 6, 4, 23, 5, 1));
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    expect(wall.format(summer)).toBe('05/07/2011, 01:05:01');
    expect(r.read('2011-07-05T01:05:01+00:00')).toBe(Date.UTC(2011, 6, 5, 1, 5, 1)); // an offset wins
    expect(r.notes()[0]).toMatch(/2 timestamp\(s\) carry no UTC offset and were read in Europe\/Amsterdam/);
    expect(new TimestampReader().notes()).toEqual([]);
  });

  it('an unknown time zone is a clear error', () => {
    expect(() => new TimestampReader({ timeZone: 'Mars/Olympus' })).toThrow(/"Mars\/Olympus" is not an IANA time zone/);
  });

  it.each([
    ['2011-11-05 24:59', /24 is not a valid hour/],
    ['2011-02-30 10:00', /30 is not a valid day/],
    ['1e300', /is not a date\/time/],
    ['1e400', /is not a date\/time/],
    ['yesterday', /is not a date\/time/],
    ['12345', /is not a date\/time/],
  ])('refuses %j', (text, problem) => {
    const r = new TimestampReader();
    expect(r.read(text)).toBeUndefined();
    expect(r.problem).toMatch(problem);
  });

  it('refuses JSON numbers beyond the range of dates', () => {
    const r = new TimestampReader();
    expect(r.readNumber(1e300)).toBeUndefined();
    expect(r.problem).toMatch(/beyond the range of dates/);
    expect(r.readNumber(Infinity)).toBeUndefined();
    expect(r.problem).toMatch(/overflows/);
    expect(r.readNumber(1320455101000)).toBe(1320455101000);
  });
});
