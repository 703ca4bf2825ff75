import { describe, expect, it } from 'vitest';
import { progressText } from './ImportPanel';

const p = {
  bytes: 2 * 1024 * 1024,
  totalBytes: 8 * 1024 * 1024,
  cases: 1200,
  events: 5400,
  ms: 3000,
  eventsPerSecond: 1800,
};

describe('progressText', () => {
  it('gzip totals are marked as estimates; time left at the rate so far (2 of 8 MB in 3 s → 9 s more)', () => {
    expect(progressText(p, true)).toBe(
      '2.0 MB of ≈ 8.0 MB · 1,200 cases · 5,400 events · 1,800 events/s · about 9 s left',
    );
    expect(progressText(p, false)).toBe(
      '2.0 MB of 8.0 MB · 1,200 cases · 5,400 events · 1,800 events/s · about 9 s left',
    );
  });

  it('minutes for long imports; nothing promised once the estimate is passed', () => {
    expect(progressText({ ...p, ms: 60_000 }, true)).toContain('about 3 min left');
    expect(progressText({ ...p, bytes: p.totalBytes + 10 }, true)).not.toContain('left');
  });
});
