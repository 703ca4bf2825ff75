import { describe, expect, it } from 'vitest';
import { UNKNOWN_OPTION, walkArgs, type OptionHandler } from './options';

const handler =
  (seen: string[]): OptionHandler =>
  (a, value) => {
    if (a === '--flag') seen.push('flag');
    else if (a === '--name') seen.push(`name=${value()}`);
    else if (a === '--level') {
      const v = value();
      if (v !== 'low' && v !== 'high') return '--level needs low or high';
      seen.push(`level=${v}`);
    } else return UNKNOWN_OPTION;
  };

describe('walkArgs', () => {
  it('keeps files in order and hands options their values', () => {
    const seen: string[] = [];
    expect(walkArgs(['a.json', '--name', 'x', '--flag', 'b.csv', '--level', 'low'], handler(seen))).toEqual([
      'a.json',
      'b.csv',
    ]);
    expect(seen).toEqual(['name=x', 'flag', 'level=low']);
  });

  it('stops at the first usage error', () => {
    expect(walkArgs(['--name'], handler([]))).toBe('--name needs a value');
    expect(walkArgs(['--bogus', '--name'], handler([]))).toBe('unknown option --bogus');
    expect(walkArgs(['-'], handler([]))).toBe('unknown option -');
    expect(walkArgs(['--level', 'mid', '--bogus'], handler([]))).toBe('--level needs low or high');
  });

  it('a value may itself start with a dash', () => {
    const seen: string[] = [];
    expect(walkArgs(['--name', '-x'], handler(seen))).toEqual([]);
    expect(seen).toEqual(['name=-x']);
  });
});
