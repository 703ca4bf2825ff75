import { describe, expect, it } from 'vitest';
import { docWith, runRule } from '../testing';
import { shadowedTransition } from './shadowed-transition';

const cel = (expr: string) => ({ type: 'cel' as const, params: { expr } });

describe('shadowed-transition', () => {
  it('reports a branch after an unguarded one for the same event, and events after an unguarded always', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { GO: [{ target: 'b' }, { target: 'c', guard: cel('true') }], OTHER: 'c' } },
        b: { always: [{ target: 'c' }, { target: 'a' }], on: { LATE: 'a' } },
        c: { type: 'final' as const },
      },
    };
    const found = runRule(shadowedTransition, docWith(m));
    expect(found.map((d) => d.transitionId)).toEqual(['a|on|GO|1', 'b|always||1', 'b|on|LATE|2']);
    expect(found[0]!.message).toContain('the earlier unguarded "a" → "b" (on GO)');
  });

  it('accepts guarded branches followed by a catch-all', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { always: [{ target: 'b', guard: cel('true') }, { target: 'b' }], on: { GO: 'b' } },
        b: { type: 'final' as const },
      },
    };
    // the `on` entry follows a *guarded-then-unguarded* always list: the state is left at once,
    // so GO is shadowed by the unguarded always; the always list itself is fine
    expect(runRule(shadowedTransition, docWith(m)).map((d) => d.transitionId)).toEqual(['a|on|GO|2']);
    const clean = {
      id: 'm',
      initial: 'a',
      states: { a: { always: [{ target: 'b', guard: cel('true') }, { target: 'b' }] }, b: { type: 'final' as const } },
    };
    expect(runRule(shadowedTransition, docWith(clean))).toEqual([]);
  });
});

describe('shadowed-transition: what does not shadow (issue 16)', () => {
  it('a targetless unguarded always does not leave the state, so it shadows no event', () => {
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

  it('an unguarded always to an unknown target still leaves the state (it shadows; unknown-target reports the target)', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: { a: { always: [{ target: 'nowhere' }], on: { GO: 'b' } }, b: { type: 'final' as const } },
    };
    const found = runRule(shadowedTransition, docWith(m));
    expect(found.map((d) => [d.stateKey, d.severity])).toEqual([['a', 'warning']]);
    expect(found[0]!.transitionId).toMatch(/^a\|on\|GO\|/);
  });

  it('the same delay is shadowed by its first unguarded entry; another delay and another event are not', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { after: { 1000: [{ target: 'b' }, { target: 'c' }], 2000: 'c' }, on: { GO: 'b', STOP: 'c' } },
        b: { type: 'final' as const },
        c: { type: 'final' as const },
      },
    };
    const found = runRule(shadowedTransition, docWith(m));
    expect(found).toHaveLength(1);
    expect(found[0]!.transitionId).toMatch(/^a\|after\|1000\|/);
    expect(found[0]!.message).toMatch(/can never be taken: the earlier unguarded/);
  });

  it('a guarded first entry shadows nothing; two guarded entries for one event are both reachable', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { GO: [{ target: 'b', guard: cel('true') }, { target: 'b', guard: cel('false') }, { target: 'b' }] } },
        b: { type: 'final' as const },
      },
    };
    expect(runRule(shadowedTransition, docWith(m))).toEqual([]);
  });
});
