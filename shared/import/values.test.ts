import { describe, expect, it } from 'vitest';
import { isDecimal, parseTimestamp, typeCell } from './values';

describe('parseTimestamp', () => {
  it.each([
    ['2010-12-30 14:32:00+01:00', Date.UTC(2010, 11, 30, 13, 32)],
    ['2011-10-11 13:45:40.276000+02:00', Date.UTC(2011, 9, 11, 11, 45, 40, 276)],
    ['2024-01-01T00:01:00.000Z', Date.UTC(2024, 0, 1, 0, 1)],
    ['2019/11/03 01:11:19.000', Date.UTC(2019, 10, 3, 1, 11, 19)],
    ['2006-07-24T00:00:00', Date.UTC(2006, 6, 24)], // no offset: read as UTC
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['2016-03-01T00:00:00-0530', Date.UTC(2016, 2, 1, 5, 30)],
    ['2016-03-01T00:00:00+05', Date.UTC(2016, 1, 29, 19)],
    ['1600-03-01T00:00Z', Date.UTC(1600, 2, 1)],
    ['2010-12-30T14:32:00.5+01:00', Date.UTC(2010, 11, 30, 13, 32, 0, 500)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    '?',
    '',
    '2020-02-30T00:00:00Z',
    '2021-02-29',
    '2020-13-01',
    '12/03/2020',
    '2020-01-01X10:00',
    '2020-01-01T10:00:00+25:00',
    '2020-01-01T10:00:00 junk',
    'NaN',
  ])('refuses %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('typeCell', () => {
  it('types plain decimals and booleans, keeps everything else as text', () => {
    expect(['0', '-1.5', '35.0', '1e3', '.5', '+3'].map(typeCell)).toEqual([0, -1.5, 35, 1000, 0.5, 3]);
    expect(['True', 'false', 'TRUE'].map(typeCell)).toEqual([true, false, true]);
    // ids with leading zeros, hex, overflow, partial numbers stay text
    expect(['007', '0x1F', '1e400', '12a', '-', ' 12', 'NaN', 'Infinity'].map(typeCell)).toEqual([
      '007',
      '0x1F',
      '1e400',
      '12a',
      '-',
      ' 12',
      'NaN',
      'Infinity',
    ]);
  });

  it('isDecimal agrees with typeCell', () => {
    expect(isDecimal('0.25')).toBe(true);
    expect(isDecimal('00')).toBe(false);
    expect(isDecimal('1e')).toBe(false);
  });
});
