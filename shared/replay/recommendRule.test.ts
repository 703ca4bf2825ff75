// The recommendation rule (DESIGN.md, Replay) on hand-made intervals, so each bound sits exactly
// where the rule decides: at the threshold nothing moves (strict < and >), at exactly minCases
// it does; and every field and reason of a recommendation, and the order, written out by hand.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, recommend } from './recommend';
import type { TransitionReport } from './result';
import type { RateInterval } from './wilson';

const branch = (
  source: string,
  markedTier: TransitionReport['markedTier'],
  d: RateInterval | null,
): TransitionReport => ({
  source,
  target: 't',
  event: null,
  markedTier,
  agentChoices: d?.n ?? 0,
  humanChoices: 0,
  agree: 0,
  disagree: 0,
  overrides: 0,
  autoErrors: 0,
  guardrailTrips: 0,
  autoSteps: 0,
  suggestSteps: 0,
  humanSteps: 0,
  rates: { disagreement: d, override: null, autoError: null },
});
const iv = (k: number, n: number, low: number, high: number): RateInterval => ({ rate: k / n, low, high, k, n });
const policy = { threshold: 0.05, minCases: 30 };

describe('recommend', () => {
  it('the default policy is 5% with 30 agent choices', () => {
    expect(DEFAULT_POLICY).toEqual({ threshold: 0.05, minCases: 30 });
    expect(recommend({ p: branch('s', 'suggest', iv(0, 30, 0, 0.049)) })).toHaveLength(1);
  });

  it('a promotion carries the upper bound, the rate, the evidence and the reason', () => {
    expect(recommend({ 'a|on|GO|0': branch('a', 'suggest', iv(1, 200, 0.0009, 0.0277)) }, policy)).toEqual([
      {
        transitionId: 'a|on|GO|0',
        state: 'a',
        action: 'promote',
        from: 'suggest',
        to: 'auto',
        bound: 0.0277,
        rate: 0.005,
        n: 200,
        threshold: 0.05,
        reason: 'disagreed in 1 of 200 agent choices; 95% upper bound 2.8% < 5.0%',
      },
    ]);
  });

  it('a demotion carries the lower bound and its reason', () => {
    expect(recommend({ 'b|always||0': branch('b', 'auto', iv(20, 100, 0.1334, 0.2888)) }, policy)).toEqual([
      {
        transitionId: 'b|always||0',
        state: 'b',
        action: 'demote',
        from: 'auto',
        to: 'suggest',
        bound: 0.1334,
        rate: 0.2,
        n: 100,
        threshold: 0.05,
        reason: 'wrong in 20 of 100 agent choices; 95% lower bound 13.3% > 5.0%',
      },
    ]);
  });

  it('a bound exactly at the threshold moves nothing; exactly minCases choices is enough evidence', () => {
    const out = recommend(
      {
        atHigh: branch('s', 'suggest', iv(0, 100, 0, 0.05)),
        atLow: branch('s', 'auto', iv(30, 100, 0.05, 0.4)),
        minOk: branch('s', 'suggest', iv(0, 30, 0, 0.01)),
        short: branch('s', 'suggest', iv(0, 29, 0, 0.01)),
        noEvidence: branch('s', 'suggest', null),
        // the other way round does nothing: a suggest branch with a high lower bound, an auto one with a low upper bound
        suggestBad: branch('s', 'suggest', iv(50, 100, 0.4, 0.6)),
        autoGood: branch('s', 'auto', iv(0, 100, 0, 0.01)),
        human: branch('s', 'human', iv(0, 100, 0, 0.01)),
      },
      policy,
    );
    expect(out.map((r) => r.transitionId)).toEqual(['minOk']);
  });

  it('orders by evidence (most agent choices first), then by transition id', () => {
    const out = recommend(
      {
        zeta: branch('s', 'suggest', iv(0, 40, 0, 0.01)),
        beta: branch('s', 'suggest', iv(0, 90, 0, 0.01)),
        alpha: branch('s', 'auto', iv(40, 40, 0.9, 1)),
        gamma: branch('s', 'suggest', iv(0, 90, 0, 0.01)),
      },
      policy,
    );
    expect(out.map((r) => [r.transitionId, r.n])).toEqual([
      ['beta', 90],
      ['gamma', 90],
      ['alpha', 40],
      ['zeta', 40],
    ]);
  });
});
