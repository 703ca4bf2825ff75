import { describe, expect, it } from 'vitest';
import { buildEvidence, fmtInterval } from './evidence';

const f = (
  state: string,
  target: string | null,
  p: Partial<
    Record<'auto' | 'suggested' | 'approved' | 'overridden' | 'handedOff' | 'autoErrors' | 'guardrailTrips', number>
  >,
) => ({
  state,
  target,
  auto: 0,
  suggested: 0,
  approved: 0,
  overridden: 0,
  handedOff: 0,
  autoErrors: 0,
  guardrailTrips: 0,
  ...p,
});

describe('live evidence', () => {
  it('adds a state’s branches up and gives each rate its Wilson interval', () => {
    // triage: 8 auto refunds, 2 of them undone; 4 suggestions: 3 approved, 1 overridden; 2 of them from a kill switch
    const [triage] = buildEvidence([
      f('triage', 'refund', { auto: 8 }),
      f('triage', null, { suggested: 4, approved: 3, overridden: 1, autoErrors: 2, guardrailTrips: 2 }),
    ]);
    expect(triage).toMatchObject({
      state: 'triage',
      auto: 8,
      autoErrors: 2,
      decided: 4,
      overridden: 1,
      steps: 12,
      guardrailTrips: 2,
      autoByTarget: [{ target: 'refund', auto: 8 }],
    });
    // independent oracle: Wilson 95% for 1/4 is [0.0456, 0.6994], for 2/8 [0.0715, 0.5907] (standard tables)
    expect(triage!.overrideRate!.low).toBeCloseTo(0.0456, 3);
    expect(triage!.overrideRate!.high).toBeCloseTo(0.6994, 3);
    expect(triage!.autoErrorRate!.low).toBeCloseTo(0.0715, 3);
    expect(triage!.autoErrorRate!.high).toBeCloseTo(0.5907, 3);
    expect(fmtInterval(triage!.overrideRate)).toBe('25.0% [4.6–69.9%]');
  });

  it('says "no evidence" rather than 0% where nothing was decided', () => {
    const [review] = buildEvidence([f('review', null, { handedOff: 3 })]);
    expect(review!.overrideRate).toBeNull();
    expect(fmtInterval(review!.overrideRate)).toBe('–');
    expect(review!.tripRate!.rate).toBe(0);
  });
});
