import { describe, expect, it } from 'vitest';
import refund from '../../../samples/refund.sop.json';
import { addState, addTransition, setGuard, setTier } from '../../../shared/model/edits';
import type { GraphDoc } from '../../../shared/model/types';
import { diffOverlay } from './diffOverlay';

const sample = () => structuredClone(refund) as unknown as GraphDoc;

describe('version diff as a canvas overlay', () => {
  it('marks added states and branches, and changed branches by tier and guard', () => {
    const older = sample();
    let newer = setTier(older, 'triage|always||1', 'auto');
    newer = setGuard(newer, 'triage|always||0', 'amount <= 50.0');
    newer = addState(newer, { name: 'escalate' });
    newer = addTransition(newer, { source: 'review', target: 'escalate', event: 'ESCALATE' });
    const { diff, overlay } = diffOverlay(older, newer, 'since v3');
    expect(diff.states.added).toEqual(['escalate']);
    expect(overlay.states.escalate).toMatchObject({ tone: 'good', marks: ['added'] });
    expect(overlay.transitions['review|on|ESCALATE|2']).toMatchObject({ tone: 'good', label: 'added' });
    expect(overlay.transitions['triage|always||1']).toMatchObject({ tone: 'warn', label: 'tier suggest → auto' });
    expect(overlay.transitions['triage|always||0']).toMatchObject({ tone: 'warn', label: 'guard' });
    expect(overlay.highlight!.states).toContain('triage');
    expect(overlay.states.refund).toBeUndefined();
  });

  it('an unchanged document yields an empty overlay', () => {
    const { overlay } = diffOverlay(sample(), sample(), 'same');
    expect(overlay.states).toEqual({});
    expect(overlay.transitions).toEqual({});
  });
});
