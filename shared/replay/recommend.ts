/**
 * Tier recommendations (DESIGN.md, Replay): promote a `suggest` branch to `auto` only where the
 * Wilson UPPER bound of its disagreement rate is under the owner's threshold with at least
 * `minCases` agent choices; demote an `auto` branch where the LOWER bound of its error rate is
 * over the threshold. Both use the branch's marked tier and the disagreement of the agent's
 * choice with people, so the advice does not depend on the rollout stage the replay ran under.
 */
import type { Recommendation, TransitionReport } from './result';

export interface RecommendPolicy {
  /** Highest acceptable disagreement (error) rate, a fraction, e.g. 0.05. */
  threshold: number;
  /** Minimum agent choices on a branch before anything is recommended. */
  minCases: number;
}

export const DEFAULT_POLICY: RecommendPolicy = { threshold: 0.05, minCases: 30 };

/** Recommendations for every branch with enough evidence, strongest evidence first. */
export function recommend(
  perTransition: Record<string, TransitionReport>,
  policy: RecommendPolicy = DEFAULT_POLICY,
): Recommendation[] {
  const out: Recommendation[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  for (const [id, t] of Object.entries(perTransition)) {
    const d = t.rates.disagreement;
    if (!d || d.n < policy.minCases) continue;
    if (t.markedTier === 'suggest' && d.high < policy.threshold) {
      out.push({
        transitionId: id,
        state: t.source,
        action: 'promote',
        from: 'suggest',
        to: 'auto',
        bound: d.high,
        rate: d.rate,
        n: d.n,
        threshold: policy.threshold,
        reason: `disagreed in ${d.k} of ${d.n} agent choices; 95% upper bound ${pct(d.high)} < ${pct(policy.threshold)}`,
      });
    } else if (t.markedTier === 'auto' && d.low > policy.threshold) {
      out.push({
        transitionId: id,
        state: t.source,
        action: 'demote',
        from: 'auto',
        to: 'suggest',
        bound: d.low,
        rate: d.rate,
        n: d.n,
        threshold: policy.threshold,
        reason: `wrong in ${d.k} of ${d.n} agent choices; 95% lower bound ${pct(d.low)} > ${pct(policy.threshold)}`,
      });
    }
  }
  return out.sort((a, b) => b.n - a.n || a.transitionId.localeCompare(b.transitionId));
}
