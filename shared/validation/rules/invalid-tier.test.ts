import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { invalidTier } from './invalid-tier';

describe('invalid-tier', () => {
  it('reports an unknown tier on a transition and on a state', () => {
    const m = simpleMachine();
    m.states!.start = {
      meta: { tier: 'full' as never },
      on: { GO: { target: 'done', meta: { tier: 'autopilot' as never } } },
    };
    const found = runRule(invalidTier, docWith(m));
    expect(found.map((d) => [d.path.join('.'), d.stateKey, d.transitionId])).toEqual([
      ['machine.states.start.meta.tier', 'start', undefined],
      ['machine.states.start.on.GO.meta.tier', 'start', 'start|on|GO|0'],
    ]);
    expect(found[1]!.message).toContain('"autopilot"');
  });

  it('accepts auto, suggest and human', () => {
    const m = simpleMachine();
    m.states!.start = {
      meta: { tier: 'suggest' },
      on: { GO: { target: 'done', meta: { tier: 'auto' } }, NO: { target: 'done', meta: { tier: 'human' } } },
    };
    expect(runRule(invalidTier, docWith(m))).toEqual([]);
  });
});
