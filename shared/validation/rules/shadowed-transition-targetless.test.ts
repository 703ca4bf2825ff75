// Issue 16 survivor: a targetless unguarded `always` leaves nothing (no target: the state is not
// left, and replay/the runner treat it as no branch), so it must not be reported as shadowing
// the state's `on` / `after` branches. With a target it does (the control case), so the test fails
// if the rule stops telling the two apart in either direction.
import { describe, expect, it } from 'vitest';
import { docWith, runRule } from '../testing';
import { shadowedTransition } from './shadowed-transition';

describe('shadowed-transition and a targetless always', () => {
  it('a targetless unguarded always shadows no event branch', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { always: [{ actions: [] }], on: { GO: 'b' }, after: { 1000: 'b' } },
        b: { type: 'final' as const },
      },
    };
    expect(runRule(shadowedTransition, docWith(m))).toEqual([]);
  });
  it('the same always with a target shadows both (control)', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { always: [{ target: 'b' }], on: { GO: 'b' }, after: { 1000: 'b' } },
        b: { type: 'final' as const },
      },
    };
    expect(runRule(shadowedTransition, docWith(m)).map((d) => d.transitionId)).toEqual(['a|on|GO|1', 'a|after|1000|2']);
  });
});
