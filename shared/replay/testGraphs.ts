/** Small hand-made graphs and cases for the replay tests (test support; not product code). */
import { withDefaults } from '../model/defaults';
import type { AttrValue, GraphDoc, MachineConfig, RecordedCase, Rollout } from '../model/types';
import type { TierReason, TierResult } from '../tier/effectiveTier';

export function graph(machine: MachineConfig, extra: Partial<GraphDoc> = {}, rollout: Rollout = 'autonomy'): GraphDoc {
  return withDefaults({
    name: 'test',
    rollout,
    caseSchema: { amount: { type: 'number' }, risk: { type: 'number' } },
    ...extra,
    machine,
  });
}

export function kase(
  caseId: string,
  attributes: Record<string, AttrValue>,
  activities: string[],
  timestamps?: number[],
): RecordedCase {
  return {
    caseId,
    attributes,
    events: activities.map((activity, i) => (timestamps ? { activity, timestamp: timestamps[i] } : { activity })),
  };
}

/**
 * The tier of a step from an auto state (no tier on the branch) that `trip` lowered: DESIGN.md
 * "Effective tier" gives the branch reason first, then the guardrail or limit that held.
 */
export const autoStateTripped = (trip: Extract<TierReason, { kind: 'guardrail' | 'limit' }>): TierResult => ({
  tier: trip.tier,
  allowed: 'auto',
  tripped: true,
  reasons: [{ kind: 'branch', tier: 'auto', from: 'state' }, trip],
});

const cel = (expr: string) => ({ type: 'cel' as const, params: { expr } });
export { cel };

/** start → (amount small: pay [auto] | else: check [suggest]) ; check → pay | deny ; pay, deny → end */
export const payMachine: MachineConfig = {
  id: 'pay',
  initial: 'start',
  states: {
    start: {
      meta: { activity: 'Receive' },
      always: [
        { target: 'pay', guard: cel('amount < 100.0'), meta: { tier: 'auto' } },
        { target: 'check', guard: cel('risk > 0.5'), meta: { tier: 'suggest' } },
      ],
    },
    check: { meta: { activity: 'Check', tier: 'suggest' }, on: { OK: 'pay', NO: 'deny' } },
    pay: { meta: { activity: 'Pay', tool: 'payout' }, always: { target: 'end' } },
    deny: { meta: { activity: 'Deny' }, always: { target: 'end' } },
    end: { type: 'final', meta: { activity: 'Close' } },
  },
};
