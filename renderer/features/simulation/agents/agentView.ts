/**
 * What the agents panel shows, computed from an AgentComparison (shared/agents): one row per
 * policy, one row per branch with each policy's evidence, and the coverage curve as SVG points.
 * Pure functions, so the panel only renders and the figures are tested here.
 */
import type { AgentComparison, CoveragePoint } from '../../../../shared/agents';
import type { RateInterval } from '../../../../shared/replay/wilson';

export interface PolicyRow {
  policy: string;
  steps: number;
  agree: number;
  disagree: number;
  abstentions: number;
  invalid: number;
  automationRate: number | null;
  partial: boolean;
}

export function policyRows(cmp: AgentComparison): PolicyRow[] {
  return cmp.policies.map((p) => {
    const t = p.result.totals;
    return {
      policy: p.policy,
      steps: t.steps,
      agree: t.agree,
      disagree: t.disagree,
      abstentions: t.abstentions,
      invalid: p.invalid,
      automationRate: t.automationRate,
      partial: p.unanswered > 0 || (p.summary as { partial?: unknown } | undefined)?.partial === true,
    };
  });
}

export interface BranchRow {
  id: string;
  label: string;
  cells: Array<{ policy: string; disagreement: RateInterval | null; abstentions: number; earnedTier: string }>;
}

/** Branches some policy chose or abstained on, with each policy's evidence. */
export function branchRows(cmp: AgentComparison): BranchRow[] {
  const first = cmp.policies[0];
  if (!first) return [];
  return Object.keys(first.branches)
    .filter((id) =>
      cmp.policies.some((p) => (p.branches[id]?.agentChoices ?? 0) + (p.branches[id]?.abstentions ?? 0) > 0),
    )
    .map((id) => {
      const t = first.result.perTransition[id];
      return {
        id,
        label: t ? `${t.source} → ${t.target}${t.event ? ` (${t.event})` : ''}` : id,
        cells: cmp.policies.map((p) => {
          const b = p.branches[id]!;
          return {
            policy: p.policy,
            disagreement: b.disagreement,
            abstentions: b.abstentions,
            earnedTier: b.earnedTier,
          };
        }),
      };
    });
}

/**
 * SVG polyline points of a coverage curve in a w × h box: x = share of steps taken on its own,
 * y = error rate (0 at the bottom, `maxError` at the top). Thresholds where it takes nothing are left out.
 */
export function curvePoints(curve: readonly CoveragePoint[], w: number, h: number, maxError = 1): string {
  return curve
    .filter((p) => p.errorRate !== null)
    .map((p) => `${(p.share * w).toFixed(1)},${(h - (Math.min(p.errorRate!, maxError) / maxError) * h).toFixed(1)}`)
    .join(' ');
}

/**
 * The tiers a policy has earned, as a what-if variant's `tiers` (transition id → tier): only the
 * branches it was scored on (it chose or abstained there) whose earned tier differs from the tier
 * marked in `marked` (transition id → tier as the graph has it).
 */
export function earnedTierEdits(
  cmp: AgentComparison,
  policy: string,
  marked: Readonly<Record<string, string>>,
): Record<string, 'auto' | 'suggest' | 'human'> {
  const p = cmp.policies.find((x) => x.policy === policy);
  const out: Record<string, 'auto' | 'suggest' | 'human'> = {};
  if (!p) return out;
  for (const [id, b] of Object.entries(p.branches)) {
    if (b.agentChoices + b.abstentions === 0) continue;
    if (!Object.hasOwn(marked, id) || marked[id] === b.earnedTier) continue;
    out[id] = b.earnedTier;
  }
  return out;
}

/**
 * The confidence threshold that meets the owner's target error rate: of the thresholds at which
 * the agent's error rate is at most `target`, the one where it takes the largest share of steps on
 * its own (the lowest such threshold on a tie). Null when no threshold meets it. The same rule as
 * the HTML report's (one definition, shared/export/report/agentsSection.ts).
 */
export { coverageAtTarget as thresholdMeetingTarget } from '../../../../shared/export/report/agentsSection';
