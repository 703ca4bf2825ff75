import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WORKED_EXAMPLE_TOTALS } from '../../../shared/replay/workedExample.fixture';
import type { Totals } from './resultView';
import { TotalsFigures } from './TotalsFigures';

const base: Totals = { ...WORKED_EXAMPLE_TOTALS, humanTouchesPerCase: 1.4 };

/** The run summary as text, tags stripped. */
const text = (t: Totals, stale = false) =>
  renderToStaticMarkup(<TotalsFigures title="Run" totals={t} stale={stale} />)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('time in the run summary', () => {
  it('shows time saved when the log measured handling time', () => {
    expect(text({ ...base, timeSavedMs: 2 * 3_600_000 })).toContain(
      'time saved 2.0 h handling time of correct auto steps',
    );
  });

  it('says not measurable, with the engine’s reason, when the log has no start/complete times', () => {
    expect(text({ ...base, timeSavedMs: null, timeSavedReason: 'this log has no start/complete times' })).toContain(
      'time saved not measurable this log has no start/complete times',
    );
    expect(text({ ...base, timeSavedMs: null })).toContain('not measurable this log has no start/complete times');
  });

  it('labels calendar time as elapsed, never as saved', () => {
    const out = text({ ...base, timeSavedMs: null, elapsed: { medianCaseMs: 3 * 86_400_000, waitingShare: 0.9 } });
    expect(out).toContain('elapsed time (calendar) 3.0 days median case, start to end · 90% waiting');
    expect(out).not.toContain('3.0 days handling');
  });

  it('tags an out-of-date summary in words', () => {
    expect(text(base, true)).toContain('out of date');
    expect(text(base, false)).not.toContain('out of date');
  });
});
