import { describe, expect, it } from 'vitest';
import { effectiveTier } from './effectiveTier';

describe('effectiveTier', () => {
  it('takes the branch tier, else the state default, else human', () => {
    expect(effectiveTier({ transitionTier: 'auto', stateTier: 'human', rollout: 'autonomy' }).tier).toBe('auto');
    expect(effectiveTier({ stateTier: 'suggest', rollout: 'autonomy' }).tier).toBe('suggest');
    expect(effectiveTier({ rollout: 'autonomy' }).tier).toBe('human');
  });

  it('caps by rollout stage without counting a trip', () => {
    const assist = effectiveTier({ transitionTier: 'auto', rollout: 'assist' });
    expect([assist.tier, assist.tripped]).toEqual(['suggest', false]);
    const observe = effectiveTier({ transitionTier: 'suggest', rollout: 'observe' });
    expect([observe.tier, observe.tripped]).toEqual(['human', false]);
  });

  it('counts a trip only when a guardrail or limit actually lowers the tier', () => {
    const g = effectiveTier({
      transitionTier: 'auto',
      rollout: 'autonomy',
      heldGuardrails: [{ when: 'x', downgradeTo: 'suggest', on: 'state' }],
    });
    expect([g.tier, g.tripped]).toEqual(['suggest', true]);
    const noop = effectiveTier({
      transitionTier: 'human',
      rollout: 'autonomy',
      heldGuardrails: [{ when: 'x', downgradeTo: 'suggest', on: 'state' }],
    });
    expect([noop.tier, noop.tripped]).toEqual(['human', false]);
    const limit = effectiveTier({
      transitionTier: 'suggest',
      rollout: 'autonomy',
      failedLimit: { tool: 't', limit: 'amount < 1.0' },
    });
    expect([limit.tier, limit.tripped]).toEqual(['human', true]);
    const capped = effectiveTier({
      transitionTier: 'auto',
      rollout: 'observe',
      failedLimit: { tool: 't', limit: 'l' },
    });
    expect([capped.tier, capped.tripped]).toEqual(['human', false]);
  });

  it('a kill switch lowers auto to suggest and is not a trip', () => {
    const k = effectiveTier({ transitionTier: 'auto', rollout: 'autonomy', killSwitch: { target: 'agent:a' } });
    expect([k.tier, k.tripped, k.reasons.at(-1)?.kind]).toEqual(['suggest', false, 'kill-switch']);
  });
});
