import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import type { TransitionReport } from './result';
import { ratio, wilson } from './wilson';

describe('wilson', () => {
  it('matches textbook values', () => {
    const half = wilson(5, 10)!;
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 10)!.low).toBe(0);
    expect(wilson(10, 10)!.high).toBe(1);
    expect(wilson(1, 100)!.low).toBeCloseTo(0.001767, 5);
  });
  it('is null without evidence', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });
});

const branch = (
  markedTier: 'auto' | 'suggest' | 'human',
  agentChoices: number,
  disagree: number,
): TransitionReport => ({
  source: 's',
  target: 't',
  event: null,
  markedTier,
  agentChoices,
  humanChoices: 0,
  agree: agentChoices - disagree,
  disagree,
  overrides: 0,
  autoErrors: 0,
  guardrailTrips: 0,
  autoSteps: 0,
  suggestSteps: 0,
  humanSteps: 0,
  rates: { disagreement: wilson(disagree, agentChoices), override: null, autoError: null },
});

describe('recommend', () => {
  it('promotes suggest → auto only when the upper bound is under the threshold with enough cases', () => {
    const out = recommend(
      { good: branch('suggest', 200, 0), few: branch('suggest', 20, 0), noisy: branch('suggest', 200, 6) },
      { threshold: 0.05, minCases: 30 },
    );
    expect(out.map((r) => [r.transitionId, r.action, r.to])).toEqual([['good', 'promote', 'auto']]);
    expect(out[0]!.bound).toBeLessThan(0.05);
  });
  it('demotes auto only when the lower bound of its error rate is over the threshold', () => {
    const out = recommend(
      {
        bad: branch('auto', 100, 20),
        unsure: branch('auto', 100, 7),
        fine: branch('auto', 100, 0),
        human: branch('human', 100, 50),
      },
      { threshold: 0.05, minCases: 30 },
    );
    expect(out.map((r) => [r.transitionId, r.action, r.to])).toEqual([['bad', 'demote', 'suggest']]);
  });
  it('takes the threshold and minimum cases as inputs', () => {
    expect(recommend({ b: branch('suggest', 40, 1) }, { threshold: 0.2, minCases: 30 })).toHaveLength(1);
    expect(recommend({ b: branch('suggest', 40, 1) }, { threshold: 0.2, minCases: 50 })).toHaveLength(0);
  });
});
