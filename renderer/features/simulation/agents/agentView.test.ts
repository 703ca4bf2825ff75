/** The agents panel's figures: rows per policy and per branch, and the coverage curve's points. */
import { describe, expect, it } from 'vitest';
import { compareAgents, RULES, recordedPolicy } from '../../../../shared/agents';
import { refundGraph } from '../../../../shared/agents/testHistory';
import type { RecordedCase, RecordedEvent } from '../../../../shared/model/types';
import { branchRows, curvePoints, earnedTierEdits, policyRows, thresholdMeetingTarget } from './agentView';

const ev = (activity: string, proposed?: string): RecordedEvent =>
  proposed ? { activity, attributes: { proposed } } : { activity };
// rules: amount ≤ 500 → refund. Case a: 900 reviewed (rules right: review); b: 100 refunded (rules right).
// recorded: a proposes Refund (wrong), b has no proposal (abstains).
const cases: RecordedCase[] = [
  {
    caseId: 'a',
    attributes: { amount: 900, tier: 'gold' },
    events: [ev('Triage'), ev('Review', 'Refund'), ev('Refund')],
  },
  { caseId: 'b', attributes: { amount: 100, tier: 'gold' }, events: [ev('Triage'), ev('Refund')] },
];

describe('agents panel view', () => {
  it('one row per policy, with agreement, abstentions and invalid answers', async () => {
    const cmp = await compareAgents(refundGraph, cases, [RULES, recordedPolicy('proposed')]);
    const rows = policyRows(cmp);
    expect(rows.map((r) => r.policy)).toEqual(['rules', 'recorded:proposed']);
    // rules: a triage agree, review APPROVE agree (first unguarded, people went to Refund), refund close, b triage, close: 5 of 5
    expect(rows[0]).toMatchObject({ steps: 5, agree: 5, disagree: 0, abstentions: 0, partial: false });
    // recorded: a triage wrong (proposed Refund, people reviewed); review: no proposal on the Refund row → abstains;
    // b triage abstains; the two refund → done closes pass through
    expect(rows[1]).toMatchObject({ steps: 5, agree: 2, disagree: 3, abstentions: 2, invalid: 0 });
    const triageRefund = branchRows(cmp).find((b) => b.id === 'triage|always||0')!;
    expect(triageRefund.label).toBe('triage → refund');
    expect(triageRefund.cells.map((c) => [c.policy, c.disagreement?.k, c.disagreement?.n, c.abstentions])).toEqual([
      ['rules', 0, 1, 0],
      ['recorded:proposed', 1, 1, 1],
    ]);
  });

  it('coverage curve points: share → x, error rate → y from the bottom; untaken thresholds left out', () => {
    const pts = curvePoints(
      [
        { threshold: 0, share: 1, errorRate: 0.5 },
        { threshold: 0.5, share: 0.25, errorRate: 0 },
        { threshold: 1, share: 0, errorRate: null },
      ],
      200,
      100,
    );
    expect(pts).toBe('200.0,50.0 50.0,100.0');
  });
});

describe('earned tiers to apply', () => {
  it('only branches the policy was scored on whose earned tier differs from the marked one', async () => {
    const cmp = await compareAgents(refundGraph, cases, [RULES, recordedPolicy('proposed')]);
    const rec = cmp.policies[1]!;
    const scored = Object.entries(rec.branches).filter(([, b]) => b.agentChoices + b.abstentions > 0);
    expect(scored.length).toBeGreaterThan(0);
    // two cases are below minCases on every branch: every scored branch earns "human"
    expect(scored.every(([, b]) => b.earnedTier === 'human')).toBe(true);
    const id = scored[0]![0];
    const other = scored[1]?.[0];
    const marked: Record<string, string> = { [id]: 'auto', ...(other ? { [other]: 'human' } : {}) };
    expect(earnedTierEdits(cmp, 'recorded:proposed', marked)).toEqual({ [id]: 'human' });
    expect(earnedTierEdits(cmp, 'nobody', marked)).toEqual({});
  });
});

describe('threshold that meets the owner’s target', () => {
  const curve = [
    { threshold: 0, share: 0.9, errorRate: 0.12 },
    { threshold: 0.25, share: 0.7, errorRate: 0.05 },
    { threshold: 0.5, share: 0.7, errorRate: 0.04 },
    { threshold: 0.75, share: 0.4, errorRate: 0.01 },
    { threshold: 1, share: 0, errorRate: null },
  ];
  it('is the one taking the most steps at or under the target, the lowest on a tie', () => {
    expect(thresholdMeetingTarget(curve, 0.05)).toEqual({ threshold: 0.25, share: 0.7, errorRate: 0.05 });
    expect(thresholdMeetingTarget(curve, 0.02)?.threshold).toBe(0.75);
    expect(thresholdMeetingTarget(curve, 0.2)?.threshold).toBe(0);
  });
  it('is none when no threshold is good enough', () => {
    expect(thresholdMeetingTarget(curve, 0.005)).toBeNull();
    expect(thresholdMeetingTarget([{ threshold: 0, share: 0, errorRate: null }], 0.05)).toBeNull();
  });
});
