import { describe, expect, it } from 'vitest';
import { describeReason } from './CaseSteps';

describe('describeReason', () => {
  it('says why a step got its tier, for every kind of reason', () => {
    expect(describeReason({ kind: 'branch', tier: 'suggest', from: 'transition' })).toBe('branch marked suggest');
    expect(describeReason({ kind: 'branch', tier: 'human', from: 'default' })).toBe('no tier marked: human by default');
    expect(describeReason({ kind: 'rollout', rollout: 'assist', tier: 'suggest' })).toBe(
      'rollout stage “assist” caps it at suggest',
    );
    expect(describeReason({ kind: 'guardrail', when: 'amount > 250.0', tier: 'human', on: 'state' })).toBe(
      'guardrail on the state held (amount > 250.0): down to human',
    );
    expect(describeReason({ kind: 'limit', tool: 'issueRefund', limit: 'amount <= 500.0', tier: 'human' })).toBe(
      'limit of tool issueRefund does not hold (amount <= 500.0): down to human',
    );
  });
});
