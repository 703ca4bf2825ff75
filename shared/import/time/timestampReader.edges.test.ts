/**
 * TimestampReader beyond the common forms: priming the day/month order from a sample, the twin
 * (day/month-swapped) formats, the exact problem and notes texts, time zones, epoch digit counts,
 * and the ISO scanner's refusals. Every expected instant is written out with Date.UTC.
 */
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './isoScan';
import { PRIME_SAMPLE, TimestampReader } from './timestampReader';

const UTC_NOTE = (n: string): string =>
  `${n} timestamp(s) carry no UTC offset and were read in UTC (choose another time zone at import if they are local times)`;

describe('prime: the day/month order from a sample', () => {
  it('the first date only one order can read decides; ambiguous, ISO and blank values are passed over', () => {
    const r = new TimestampReader();
    r.prime(['', '2011-01-01', '11/05/2011', '11/13/2011', '13/11/2011']);
    expect(r.read('11/05/2011')).toBe(Date.UTC(2011, 10, 5));
    expect(r.notes()).toEqual([UTC_NOTE('1'), 'dates read month-first (decided by "11/13/2011")']);
    const d = new TimestampReader();
    d.prime(['05/11/2011', '  13/11/2011  ']);
    expect(d.read('05/11/2011')).toBe(Date.UTC(2011, 10, 5));
    expect(d.notes()).toEqual([UTC_NOTE('1'), 'dates read day-first (decided by "13/11/2011")']);
  });

  it(`looks at no more than ${PRIME_SAMPLE} values, blank ones included`, () => {
    const upTo = (n: number): string[] => [...Array<string>(n - 1).fill(''), '11/13/2011'];
    const inside = new TimestampReader();
    inside.prime(upTo(PRIME_SAMPLE));
    expect(inside.read('11/05/2011')).toBe(Date.UTC(2011, 10, 5)); // month-first
    const beyond = new TimestampReader();
    beyond.prime(upTo(PRIME_SAMPLE + 1));
    expect(beyond.read('11/05/2011')).toBe(Date.UTC(2011, 4, 11)); // undecided: day-first
  });

  it('does nothing when the order was chosen', () => {
    const r = new TimestampReader({ dateOrder: 'dmy' });
    r.prime(['11/13/2011']);
    expect(r.read('11/05/2011')).toBe(Date.UTC(2011, 4, 11));
    expect(r.notes()).toEqual([UTC_NOTE('1'), 'dates read day-first (as chosen)']);
  });
});

describe('day/month order while reading', () => {
  it('after month-first was decided, an ambiguous date in another shape is read month-first too', () => {
    const r = new TimestampReader();
    expect(r.read('11/13/2011 13:05')).toBe(Date.UTC(2011, 10, 13, 13, 5));
    // no time of day: the format in use does not read it; the day-first shape comes first in the list
    expect(r.read('05/11/2011')).toBe(Date.UTC(2011, 4, 11));
    expect(r.read('05/11/2011 08:00')).toBe(Date.UTC(2011, 4, 11, 8));
    expect(r.notes()).toEqual([UTC_NOTE('3'), 'dates read month-first (decided by "11/13/2011 13:05")']);
  });

  it('a day-first-only date after month-first was decided is an error naming the deciding date', () => {
    const r = new TimestampReader();
    expect(r.read('11/13/2011 13:05')).toBe(Date.UTC(2011, 10, 13, 13, 5));
    expect(r.read('13/11/2011 13:05')).toBeUndefined();
    expect(r.problem).toBe(
      'can only be day-first, but earlier dates were read month-first (decided by "11/13/2011 13:05"); choose the date order at import (--date-order dmy)',
    );
  });

  it('a month-first-only date after ambiguous dates were read day-first names them and their count', () => {
    const r = new TimestampReader();
    expect(r.read('05/11/2011')).toBe(Date.UTC(2011, 10, 5));
    expect(r.read('06/11/2011')).toBe(Date.UTC(2011, 10, 6));
    expect(r.read('11/13/2011')).toBeUndefined();
    expect(r.problem).toBe(
      'can only be month-first, but 2 earlier date(s) such as "05/11/2011" were read day-first; choose the date order at import (--date-order mdy)',
    );
  });

  it('a chosen month-first order reads ambiguous dates month-first and refuses day-first-only ones', () => {
    const r = new TimestampReader({ dateOrder: 'mdy' });
    expect(r.read('05/11/2011')).toBe(Date.UTC(2011, 4, 11));
    expect(r.read('13/05/2011')).toBeUndefined();
    expect(r.problem).toBe('is not a date/time (13 is not a valid month)');
    expect(r.notes()).toEqual([UTC_NOTE('1'), 'dates read month-first (as chosen)']);
  });
});

describe('shapes read through the date library', () => {
  it.each([
    ['5.11.2011 13:05:01,5', Date.UTC(2011, 10, 5, 13, 5, 1, 500)],
    ['5-11-2011 1:05 PM', Date.UTC(2011, 10, 5, 13, 5)],
    ['5/11/2011 1:05:09 AM', Date.UTC(2011, 10, 5, 1, 5, 9)],
    ['2011.11.05 13:05', Date.UTC(2011, 10, 5, 13, 5)],
    ['2011/1/5 9:05', Date.UTC(2011, 0, 5, 9, 5)],
    ['13/11/2011T13:05:01', Date.UTC(2011, 10, 13, 13, 5, 1)],
    ['2011-11-05T1:05:01', Date.UTC(2011, 10, 5, 1, 5, 1)],
    ['2011-11-5T01:05', Date.UTC(2011, 10, 5, 1, 5)],
    ['5.11.2011T1:05:01.25', Date.UTC(2011, 10, 5, 1, 5, 1, 250)],
  ])('%s (no offset: wall-clock time in UTC)', (text, expected) => {
    const r = new TimestampReader();
    expect(r.read(text)).toBe(expected);
    expect(r.notes()[0]).toBe(UTC_NOTE('1'));
  });

  it.each([
    ['13/11/2011 13:05 +0100', Date.UTC(2011, 10, 13, 12, 5)],
    ['13/11/2011 13:05+01:00', Date.UTC(2011, 10, 13, 12, 5)],
    ['2011-11-13 1:05:00 -02:30', Date.UTC(2011, 10, 13, 3, 35)],
    ['2011-11-13 1:05:00Z', Date.UTC(2011, 10, 13, 1, 5)],
    ['2011-11-13 1:05:00z', Date.UTC(2011, 10, 13, 1, 5)],
  ])('%s (with an offset: no wall-clock note, whatever the zone)', (text, expected) => {
    for (const timeZone of ['UTC', 'Asia/Tokyo']) {
      const r = new TimestampReader({ timeZone });
      expect(r.read(text)).toBe(expected);
      // a trailing Z (UTC) is an offset too: nothing was read as wall-clock time
      expect(r.notes()).toEqual([]);
    }
  });

  it('the exact problems: a value out of range, an unknown shape (also the second time)', () => {
    const r = new TimestampReader();
    expect(r.read('2011-11-05 24:59')).toBeUndefined();
    expect(r.problem).toBe('is not a date/time (24 is not a valid hour)');
    expect(r.read('yesterday')).toBeUndefined();
    expect(r.problem).toBe('is not a date/time');
    r.problem = '';
    expect(r.read('tomorrow1')).toBeUndefined();
    expect(r.read('tomorrow2')).toBeUndefined(); // same shape: refused without the library
    expect(r.problem).toBe('is not a date/time');
    expect(r.notes()).toEqual([]);
  });

  it('the T between date and time is a letter T, not a time of day', () => {
    // luxon reads a bare T in a format as a localized time: this text must not be a date
    const r = new TimestampReader();
    expect(r.read('13/11/201113:0513:05:01')).toBeUndefined();
    expect(r.read('2011-11-0513:0501:05')).toBeUndefined();
  });
});

describe('time zones and notes', () => {
  it('UTC by any of its names; another zone is named without the hint', () => {
    for (const timeZone of ['UTC', 'utc', 'Z']) {
      const r = new TimestampReader({ timeZone });
      expect(r.read('2021-07-01 12:00')).toBe(Date.UTC(2021, 6, 1, 12));
      expect(r.notes()).toEqual([UTC_NOTE('1')]);
    }
    const ny = new TimestampReader({ timeZone: 'America/New_York' });
    expect(ny.read('2021-07-01 12:00')).toBe(Date.UTC(2021, 6, 1, 16)); // EDT, −4 h
    expect(ny.read('2021-07-01T12:00:30')).toBe(Date.UTC(2021, 6, 1, 16, 0, 30)); // same minute (cached)
    expect(ny.read('2021-01-01 12:00')).toBe(Date.UTC(2021, 0, 1, 17)); // EST, −5 h
    expect(ny.read('1/13/2021 12:00')).toBe(Date.UTC(2021, 0, 13, 17)); // through the library, same zone
    expect(ny.notes()).toEqual(['4 timestamp(s) carry no UTC offset and were read in America/New_York']);
  });

  it('an invalid zone name is cut at 60 characters in the message', () => {
    expect(() => new TimestampReader({ timeZone: 'X'.repeat(70) })).toThrow(
      `time zone "${'X'.repeat(60)}" is not an IANA time zone name (e.g. UTC, Europe/Amsterdam, America/New_York)`,
    );
  });

  it('counts are written with thousands separators', () => {
    const r = new TimestampReader();
    for (let i = 0; i < 1000; i++) r.read('2021-07-01 12:00');
    for (let i = 0; i < 1001; i++) r.read('1320455101');
    expect(r.notes()).toEqual([UTC_NOTE('1,000'), '1,001 timestamp(s) were epoch seconds']);
  });
});

describe('epoch texts', () => {
  it.each([
    ['999999999', 999_999_999_000], // 9 digits: seconds
    ['100000000.25', 100_000_000_250],
    ['1320455101.0006', Date.UTC(2011, 10, 5, 1, 5, 1, 1)], // rounded to the ms
    ['100000000000', 100_000_000_000], // 12 digits: ms
    ['1320455101000', Date.UTC(2011, 10, 5, 1, 5, 1)],
  ])('%s', (text, expected) => {
    expect(new TimestampReader().read(text)).toBe(expected);
  });

  it.each(['12345678901', '1320455101.', '1320455101.5x', '1320455101000.5', '12345678901234', '132045510a'])(
    'refuses %j',
    (text) => {
      const r = new TimestampReader();
      expect(r.read(text)).toBeUndefined();
      expect(r.problem).toBe('is not a date/time');
      expect(r.notes()).toEqual([]);
    },
  );
});

describe('parseTimestamp (ISO fast path)', () => {
  it.each([
    ['2016-12-31T23:59:60Z', Date.UTC(2017, 0, 1)], // a leap second reads as the next second
    ['2020-01-01t10:00z', Date.UTC(2020, 0, 1, 10)],
    ['2020-01-01T10:00:00,25Z', Date.UTC(2020, 0, 1, 10, 0, 0, 250)],
    ['2020-01-01T10:00:00.1239Z', Date.UTC(2020, 0, 1, 10, 0, 0, 123)], // truncated, not rounded
    ['2020-01-01T10:00+0130', Date.UTC(2020, 0, 1, 8, 30)],
    ['2020-01-01T10:00-01', Date.UTC(2020, 0, 1, 11)],
    ['2100-02-28', Date.UTC(2100, 1, 28)],
    ['1900-12-31T00:00:00Z', Date.UTC(1900, 11, 31)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    '20x1-01-01',
    '2011-0x-05',
    '2011-01-0x',
    '2011-01-05T1x:00',
    '2011-01-05T10:x0',
    '2011-01-05T10:00:x0',
    '2011-01-05T10:00+0x:00',
    '2011-01-05T10:00+01:x0',
    '2011-01-05T10:00:61',
    '2011-01-05T10:60',
    '2011-01-05T10',
    '2011-01-05T10:00.5',
    '2011-01-05T10:00:00.',
    '2011-01-05T10:00Zx',
    '2011-01-05T10:00+01:0',
    '2011-01-05T10:00+24:00',
    '2100-02-29',
    '2011-04-31',
    '2011-01-00',
    '2011/01-05',
  ])('refuses %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
