// The reasons list is the "why this tier" shown to reviewers: each entry must be a rule that
// actually constrained the step. Expected lists are written out by hand from DESIGN "Effective tier".
import { describe, expect, it } from 'vitest';
import { effectiveTier, minTier, rolloutCap, tierRank } from './effectiveTier';

describe('effectiveTier reasons', () => {
  it('a held guardrail that does not lower the tier is not a reason', () => {
    const r = effectiveTier({
      transitionTier: 'suggest',
      rollout: 'autonomy',
      heldGuardrails: [{ when: 'a', downgradeTo: 'suggest', on: 'state' }],
    });
    expect(r).toEqual({
      tier: 'suggest',
      allowed: 'suggest',
      tripped: false,
      reasons: [{ kind: 'branch', tier: 'suggest', from: 'transition' }],
    });
  });

  it('of two guardrails only the one that lowers the tier is listed, the later no-op is not', () => {
    const r = effectiveTier({
      transitionTier: 'auto',
      rollout: 'autonomy',
      heldGuardrails: [
        { when: 'first', downgradeTo: 'human', on: 'transition' },
        { when: 'second', downgradeTo: 'suggest', on: 'state' },
      ],
    });
    expect(r.tier).toBe('human');
    expect(r.tripped).toBe(true);
    expect(r.reasons).toEqual([
      { kind: 'branch', tier: 'auto', from: 'transition' },
      { kind: 'guardrail', when: 'first', tier: 'human', on: 'transition' },
    ]);
  });

  it('names where the branch tier came from, and lists the rollout cap only when it caps', () => {
    expect(effectiveTier({ stateTier: 'auto', rollout: 'assist' }).reasons).toEqual([
      { kind: 'branch', tier: 'auto', from: 'state' },
      { kind: 'rollout', rollout: 'assist', tier: 'suggest' },
    ]);
    expect(effectiveTier({ rollout: 'observe' }).reasons).toEqual([{ kind: 'branch', tier: 'human', from: 'default' }]);
    expect(effectiveTier({ transitionTier: 'suggest', rollout: 'assist' }).reasons).toEqual([
      { kind: 'branch', tier: 'suggest', from: 'transition' },
    ]);
  });

  it('a failed limit on a step already at human is not a reason and not a trip', () => {
    const r = effectiveTier({
      transitionTier: 'human',
      rollout: 'autonomy',
      failedLimit: { tool: 'payout', limit: 'amount < 10.0' },
    });
    expect(r).toEqual({
      tier: 'human',
      allowed: 'human',
      tripped: false,
      reasons: [{ kind: 'branch', tier: 'human', from: 'transition' }],
    });
  });

  it('a failed limit after a guardrail lowers suggest to human and names the tool', () => {
    const r = effectiveTier({
      transitionTier: 'auto',
      rollout: 'autonomy',
      heldGuardrails: [{ when: 'g', downgradeTo: 'suggest', on: 'state' }],
      failedLimit: { tool: 'payout', limit: 'amount < 10.0' },
    });
    expect(r.tier).toBe('human');
    expect(r.reasons.map((x) => x.kind)).toEqual(['branch', 'guardrail', 'limit']);
    expect(r.reasons[2]).toEqual({ kind: 'limit', tool: 'payout', limit: 'amount < 10.0', tier: 'human' });
  });

  it('a kill switch lowers only auto; at suggest it is not listed', () => {
    const atSuggest = effectiveTier({
      transitionTier: 'suggest',
      rollout: 'autonomy',
      killSwitch: { target: 'tool:payout' },
    });
    expect(atSuggest.reasons).toEqual([{ kind: 'branch', tier: 'suggest', from: 'transition' }]);
    const atAuto = effectiveTier({
      transitionTier: 'auto',
      rollout: 'autonomy',
      killSwitch: { target: 'tool:payout' },
    });
    expect(atAuto).toEqual({
      tier: 'suggest',
      allowed: 'auto',
      tripped: false,
      reasons: [
        { kind: 'branch', tier: 'auto', from: 'transition' },
        { kind: 'kill-switch', target: 'tool:payout', tier: 'suggest' },
      ],
    });
  });

  it('orders tiers human < suggest < auto', () => {
    expect([tierRank('human'), tierRank('suggest'), tierRank('auto')]).toEqual([0, 1, 2]);
    expect([
      minTier('auto', 'suggest'),
      minTier('suggest', 'auto'),
      minTier('human', 'human'),
      minTier('suggest', 'human'),
    ]).toEqual(['suggest', 'suggest', 'human', 'human']);
    expect([rolloutCap('observe'), rolloutCap('assist'), rolloutCap('autonomy')]).toEqual(['human', 'suggest', 'auto']);
  });
});
