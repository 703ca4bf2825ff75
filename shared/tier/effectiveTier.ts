/**
 * The effective tier of one step (DESIGN.md, "Effective tier"): the most restrictive of the branch's
 * tier (else the state's default, else human), the rollout stage cap, guardrails that hold, the tool
 * limit of the entered state, and (runtime only) a kill switch. Order: human < suggest < auto.
 *
 * A guardrail trip is a step where a guardrail or a limit actually lowered the tier below what the
 * branch and rollout stage allowed; a kill switch is reported separately and is not a trip.
 */
import type { Rollout, Tier } from '../model/types';

const RANK: Record<Tier, number> = { human: 0, suggest: 1, auto: 2 };

export function minTier(a: Tier, b: Tier): Tier {
  // Stryker disable next-line EqualityOperator: equal ranks mean a === b, so < and <= return the same tier
  return RANK[a] <= RANK[b] ? a : b;
}

export function tierRank(t: Tier): number {
  return RANK[t];
}

export function rolloutCap(rollout: Rollout): Tier {
  return rollout === 'observe' ? 'human' : rollout === 'assist' ? 'suggest' : 'auto';
}

export type TierReason =
  | { kind: 'branch'; tier: Tier; from: 'transition' | 'state' | 'default' }
  | { kind: 'rollout'; rollout: Rollout; tier: Tier }
  | { kind: 'guardrail'; when: string; tier: Tier; on: 'state' | 'transition' }
  | { kind: 'limit'; tool: string; limit: string; tier: 'human' }
  | { kind: 'kill-switch'; target: string; tier: 'suggest' };

export interface TierInput {
  /** meta.tier of the chosen transition (undefined when none, or when the agent abstained). */
  transitionTier?: Tier;
  /** meta.tier of the state the step leaves. */
  stateTier?: Tier;
  rollout: Rollout;
  /** Guardrails whose `when` held for the case. */
  heldGuardrails?: Array<{ when: string; downgradeTo: 'suggest' | 'human'; on: 'state' | 'transition' }>;
  /** A tool limit that did not hold for the case (the chosen branch enters a state with this tool). */
  failedLimit?: { tool: string; limit: string };
  /** Runtime kill switch on the agent or tool. */
  killSwitch?: { target: string };
}

export interface TierResult {
  tier: Tier;
  /** Tier after branch and rollout cap, before guardrails and limits. */
  allowed: Tier;
  /** True when a guardrail or limit lowered the tier below `allowed`. */
  tripped: boolean;
  /** Every rule that constrained the step, in the order applied: why this tier. */
  reasons: TierReason[];
}

export function effectiveTier(input: TierInput): TierResult {
  const reasons: TierReason[] = [];
  const from = input.transitionTier ? 'transition' : input.stateTier ? 'state' : 'default';
  const branch: Tier = input.transitionTier ?? input.stateTier ?? 'human';
  reasons.push({ kind: 'branch', tier: branch, from });
  const cap = rolloutCap(input.rollout);
  let allowed = branch;
  if (RANK[cap] < RANK[branch]) {
    allowed = cap;
    reasons.push({ kind: 'rollout', rollout: input.rollout, tier: cap });
  }
  let tier = allowed;
  for (const g of input.heldGuardrails ?? []) {
    if (RANK[g.downgradeTo] < RANK[tier])
      reasons.push({ kind: 'guardrail', when: g.when, tier: g.downgradeTo, on: g.on });
    tier = minTier(tier, g.downgradeTo);
  }
  if (input.failedLimit && tier !== 'human') {
    reasons.push({ kind: 'limit', tool: input.failedLimit.tool, limit: input.failedLimit.limit, tier: 'human' });
    tier = 'human';
  }
  const tripped = RANK[tier] < RANK[allowed];
  if (input.killSwitch && RANK[tier] > RANK.suggest) {
    reasons.push({ kind: 'kill-switch', target: input.killSwitch.target, tier: 'suggest' });
    tier = 'suggest';
  }
  return { tier, allowed, tripped, reasons };
}
