import { describe, expect, it } from 'vitest';
import { fmtDuration } from './duration';

describe('durations in the run summary', () => {
  it('picks the unit by size', () => {
    expect(fmtDuration(45_000)).toBe('45 s');
    expect(fmtDuration(12.5 * 60_000)).toBe('12.5 min');
    expect(fmtDuration(3 * 3_600_000 + 12 * 60_000)).toBe('3.2 h');
    expect(fmtDuration(4 * 86_400_000 + 2.4 * 3_600_000)).toBe('4.1 days');
  });

  it('shows a dash, never 0, when there is no figure', () => {
    expect(fmtDuration(null)).toBe('–');
    expect(fmtDuration(undefined)).toBe('–');
    expect(fmtDuration(Number.NaN)).toBe('–');
    expect(fmtDuration(0)).toBe('0 s');
  });
});
