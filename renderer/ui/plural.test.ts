import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('says one without an s and every other count with one', () => {
    expect(plural(1, 'state')).toBe('1 state');
    expect(plural(0, 'state')).toBe('0 states');
    expect(plural(2, 'branch', 'branches')).toBe('2 branches');
    expect(plural(1, 'branch', 'branches')).toBe('1 branch');
  });
});
