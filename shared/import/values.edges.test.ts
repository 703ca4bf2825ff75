/** typeCell / isDecimal / valueText on the edges of the plain-decimal grammar (values.ts header). */
import { describe, expect, it } from 'vitest';
import { newAttrs } from './dictionaries';
import { readAll } from './testing';
import { isDecimal, typeCell, valueText } from './values';

describe('typeCell', () => {
  it.each([
    ['1.', 1],
    ['+.5', 0.5],
    ['-.5', -0.5],
    ['0.5', 0.5],
    ['1e+3', 1000],
    ['1E-2', 0.01],
    ['-12.50e1', -125],
    ['9007199254740991', 9007199254740991], // 2^53 − 1: every digit kept
    ['-9007199254740991', -9007199254740991],
    ['9007199254740993.0', 9007199254740992], // written as a decimal: a measurement, rounded as numbers are
    ['1e308', 1e308],
  ])('%j is the number %d', (text, n) => {
    expect(typeCell(text)).toBe(n);
  });

  it.each([
    '.',
    '+',
    '-',
    '+-1',
    '1e',
    '1e+',
    '1e5x',
    '00.5',
    '-01',
    '1..2',
    '1.2.3',
    '1 ',
    'e5',
    '2e309',
    '-1e400',
    '1,5',
  ])('%j stays text', (text) => {
    expect(typeCell(text)).toBe(text);
  });

  it('an integer beyond 2^53 stays text: as a number it would lose digits', () => {
    for (const text of ['9007199254740992', '9007199254740993', '-9007199254740993', '12345678901234567890'])
      expect(typeCell(text)).toBe(text);
    expect(isDecimal('9007199254740993')).toBe(false);
  });

  it('true and false in any case; nothing else of that length', () => {
    expect(['tRUE', 'TrUe', 'FALSE', 'fAlSe'].map(typeCell)).toEqual([true, true, false, false]);
    expect(['True ', ' true', 'trux', 'fals', 'falsey', 'yes', 'T', 'F', ''].map(typeCell)).toEqual([
      'True ',
      ' true',
      'trux',
      'fals',
      'falsey',
      'yes',
      'T',
      'F',
      '',
    ]);
  });

  it('isDecimal follows the same grammar', () => {
    expect(['0', '10', '-0.0', '.5', '5.', '1e9'].map(isDecimal)).toEqual([true, true, true, true, true, true]);
    expect(['', '.', '01', '1e', 'true', '0x1', 'Infinity', '1e999'].map(isDecimal)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('valueText', () => {
  it('primitives as String() writes them, lists and containers as JSON', () => {
    const box = newAttrs();
    box.a = 1;
    box.b = [true, null];
    expect([valueText(null), valueText(true), valueText(2.5), valueText('x')]).toEqual(['null', 'true', '2.5', 'x']);
    expect(valueText(box)).toBe('{"a":1,"b":[true,null]}');
    expect(valueText([1, 'a', box])).toBe('[1,"a",{"a":1,"b":[true,null]}]');
    const d = new Date(Date.UTC(2024, 0, 1));
    expect(valueText(d)).toBe(String(d));
  });
});

describe('a CSV attribute beyond 2^53', () => {
  it('is kept with every digit, as event and as case attribute', async () => {
    const { cases } = await readAll('case,activity,account,case:ref\nk,A,9007199254740993,12345678901234567890\n', {
      format: 'csv',
    });
    expect(cases[0]!.events[0]!.attributes).toEqual({ account: '9007199254740993' });
    expect(cases[0]!.attributes).toEqual({ account: '9007199254740993', ref: '12345678901234567890' });
  });
});
