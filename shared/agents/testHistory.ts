/** A generated refund history for the agent tests (test support; not product code). */
import { withDefaults } from '../model/defaults';
import type { GraphDoc, RecordedCase } from '../model/types';
import { seededRandom } from '../random';

/** triage → refund (amount ≤ 500, suggest) | review (human); the agent reads amount and tier only. */
export const refundGraph: GraphDoc = withDefaults({
  name: 'refunds',
  rollout: 'autonomy',
  caseSchema: {
    amount: { type: 'number' },
    tier: { type: 'string', enum: ['gold', 'silver', 'bronze'] },
    secret: { type: 'string' },
  },
  agents: { 'refund-agent': { reads: ['amount', 'tier'] } },
  tools: { issueRefund: { risk: 'high', reversible: true } },
  machine: {
    initial: 'triage',
    states: {
      triage: {
        meta: { activity: 'Triage', agent: 'refund-agent', notes: 'Check the request.' },
        always: [
          { target: 'refund', guard: { type: 'cel', params: { expr: 'amount <= 500.0' } }, meta: { tier: 'suggest' } },
          { target: 'review', meta: { tier: 'human' } },
        ],
      },
      refund: { meta: { activity: 'Refund', tool: 'issueRefund' }, always: 'done' },
      review: { meta: { activity: 'Review' }, on: { APPROVE: 'refund', DENY: 'done' } },
      done: { type: 'final' },
    },
  },
});

/**
 * `n` cases over 2024, one per ~day. People follow a hidden rule the SOP does not have: a silver
 * customer's refund over 300 is always reviewed; otherwise amount ≤ 500 is refunded directly.
 * Every case carries a `secret` attribute no agent may read.
 */
export function plantedHistory(n: number, seed = 1): RecordedCase[] {
  const r = seededRandom(seed);
  const tiers = ['gold', 'silver', 'bronze'] as const;
  const out: RecordedCase[] = [];
  for (let i = 0; i < n; i++) {
    const amount = Math.round(r() * 700);
    const tier = tiers[Math.floor(r() * 3)]!;
    const reviewed = amount > 500 || (tier === 'silver' && amount > 300);
    const t0 = Date.UTC(2024, 0, 1) + i * 86_400_000;
    const acts = reviewed ? ['Triage', 'Review', 'Refund'] : ['Triage', 'Refund'];
    out.push({
      caseId: `c${i}`,
      attributes: { amount, tier, secret: `s3cr3t-${i}` },
      events: acts.map((activity, k) => ({
        activity,
        timestamp: t0 + k * 3_600_000,
        attributes: { secret: `s3cr3t-${i}` },
      })),
    });
  }
  return out;
}
