/**
 * The report's agent policies section (issue #12, DESIGN "Agent policies"): the policies compared
 * side by side over the run's data, and per policy its totals, per-branch disagreement with the
 * 95% Wilson interval, abstentions and the tier it earned under the owner's threshold, and a
 * coverage summary (the confidence threshold that meets the owner's target error, and the share
 * of steps it would take there). Plain HTML, every name escaped; no script, so the CSP holds.
 */
import type { AgentComparison, CoveragePoint, PolicyReport } from '../../agents';
import { pct } from '../../replay/formatText';
import type { RateInterval } from '../../replay/wilson';
import { escapeHtml as e } from './escape';

export interface AgentsReport {
  comparison: AgentComparison;
  /** The owner's target error rate and minimum agent choices the earned tiers were judged by. */
  threshold: number;
  minCases: number;
  /** Why the results are partial (budget, cancel, failures); absent when complete. */
  partial?: string;
}

const ci = (r: RateInterval | null) =>
  r
    ? `${pct(r.rate)} <span class="muted">[${pct(r.low)}–${pct(r.high)}] n=${r.n}</span>`
    : '<span class="muted">–</span>';

/** Of the thresholds whose error rate is at most `target`, the one taking the largest share of steps. */
export function coverageAtTarget(curve: readonly CoveragePoint[], target: number): CoveragePoint | null {
  let best: CoveragePoint | null = null;
  for (const p of curve)
    if (p.errorRate !== null && p.errorRate <= target && p.share > 0 && (!best || p.share > best.share)) best = p;
  return best;
}

function policyBlock(p: PolicyReport, target: number): string {
  const t = p.result.totals;
  const rows = Object.entries(p.branches)
    .filter(([, b]) => b.agentChoices + b.abstentions > 0)
    .map(([id, b]) => {
      const tr = p.result.perTransition[id];
      const label = tr
        ? `<code>${e(tr.source)}</code> → <code>${e(tr.target)}</code>${tr.event ? ` <span class="muted">on <code>${e(tr.event)}</code></span>` : ''}`
        : `<code>${e(id)}</code>`;
      return `<tr data-transition="${e(id)}"><td class="branch">${label}</td><td>${tr ? `<span class="tier tier-${e(tr.markedTier)}">${e(tr.markedTier)}</span>` : '–'}</td><td class="n">${b.agentChoices}</td><td class="n" data-fig="disagreement">${ci(b.disagreement)}</td><td class="n" data-fig="abstentions">${b.abstentions}</td><td data-fig="earned"><span class="tier tier-${e(b.earnedTier)}">${e(b.earnedTier)}</span></td></tr>`;
    });
  const at = coverageAtTarget(p.coverage, target);
  const coverage = at
    ? `confidence ≥ <b data-fig="coverage-threshold">${at.threshold.toFixed(2)}</b> takes <b data-fig="coverage-share">${pct(at.share)}</b> of steps on its own at <b data-fig="coverage-error">${pct(at.errorRate)}</b> error`
    : `<span data-fig="coverage-none">no confidence threshold meets ${pct(target)}</span>`;
  const all = p.coverage[0];
  return `<section class="policy" data-policy="${e(p.policy)}">
<h3>${e(p.policy)} <span class="muted">(${e(p.kind)}${p.threshold ? `, min. confidence ${e(p.threshold)}` : ''})</span></h3>
<p>Steps <b data-fig="steps">${t.steps}</b> · agree <b data-fig="agree">${t.agree}</b> · disagree <b data-fig="disagree">${t.disagree}</b> · abstentions <b data-fig="abstentions-total">${t.abstentions}</b> · unusable answers <b data-fig="invalid">${p.invalid}</b> · unanswered <b data-fig="unanswered">${p.unanswered}</b></p>
<p>Coverage: ${coverage}${all && all.errorRate !== null ? `; taking every proposal: ${pct(all.share)} of steps at ${pct(all.errorRate)} error` : ''}.</p>
<div class="scroll"><table><thead><tr><th>branch</th><th>marked</th><th>agent choices</th><th>disagreement</th><th>abstentions</th><th>earned tier</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
</section>`;
}

/** The section, or '' when the report has no agent comparison. */
export function agentsSection(a: AgentsReport | undefined): string {
  if (!a || !a.comparison.policies.length) return '';
  const c = a.comparison;
  const scored =
    c.evaluatedOn === 'holdout' && c.split
      ? `Scored on the later ${c.split.testCases} cases by start time; learning agents trained on the first ${c.split.trainCases}${c.split.untimedCases ? ` (${c.split.untimedCases} cases without timestamps left out)` : ''}.`
      : 'Scored on all cases.';
  return `<h2 id="agents">Agent policies</h2>
<p class="muted">${e(scored)} Earned tier per branch: auto when the 95% Wilson upper bound of the disagreement is under the owner's threshold of <b data-fig="target">${pct(a.threshold)}</b> with at least ${e(a.minCases)} agent choices, human when its lower bound is over it or there are too few, suggest otherwise.</p>
${a.partial ? `<p class="partial" data-fig="partial"><b>Partial results:</b> ${e(a.partial)}</p>` : ''}
${c.policies.map((p) => policyBlock(p, a.threshold)).join('\n')}`;
}
