/**
 * A plain-text rendering of a SimulationResult (the CLI's default output; also usable in logs and
 * plain reports): totals, a per-state table, the branches the agent or people used, and the tier
 * recommendations.
 */
import type { SimulationResult } from './result';
import type { RateInterval } from './wilson';

/** A rate as a percentage with one decimal ("12.5%"); "–" when there is none. Also used by the HTML report. */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);
const ci = (r: RateInterval | null) => (r ? `${pct(r.rate)} [${pct(r.low)}–${pct(r.high)}]` : '–');
const num = (x: number) => x.toLocaleString('en-US');

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function duration(ms: number): string {
  const h = ms / 3_600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} days` : h >= 1 ? `${h.toFixed(1)} h` : `${(ms / 60_000).toFixed(1)} min`;
}

/** Lines of text describing a result. `source` names the log. */
export function formatTable(r: SimulationResult, source = ''): string[] {
  const t = r.totals;
  const out: string[] = [];
  out.push(`${r.graph.name} v${r.graph.version} · rollout ${r.rollout}${source ? ` · ${source}` : ''}`);
  out.push('');
  out.push(
    `cases          ${num(t.cases)} (conformant ${num(t.conformant)}, deviated ${num(t.deviations)}${r.health.stuckCases ? `, stuck ${num(r.health.stuckCases)}` : ''}; trailing events ${num(t.trailingEvents)})`,
  );
  out.push(
    `steps          ${num(t.steps)}: auto ${num(t.autoSteps)}, suggest ${num(t.suggestSteps)}, human ${num(t.humanSteps)}`,
  );
  out.push(`agreement      ${num(t.agree)} agree, ${num(t.disagree)} disagree, ${num(t.abstentions)} abstentions`);
  out.push(
    `automation     ${pct(t.automationRate)} of steps; auto errors ${num(t.autoErrors)} (${pct(t.autoErrorRate)} of auto steps)`,
  );
  out.push(`overrides      ${num(t.overrides)} (${pct(t.overrideRate)} of suggest steps)`);
  out.push(`guardrails     ${num(t.guardrailTrips)} trips`);
  out.push(`human touches  ${t.humanTouchesPerCase === null ? '–' : t.humanTouchesPerCase.toFixed(2)} per case`);
  if (typeof t.timeSavedMs === 'number')
    out.push(
      `time saved     ${duration(t.timeSavedMs)} (people's handling time on steps the agent would have done right)`,
    );
  else if (t.timeSavedMs === null) out.push(`time saved: not measurable: ${t.timeSavedReason ?? 'no handling times'}`);
  if (t.elapsed && t.elapsed.medianCaseMs !== null) {
    const waiting = t.elapsed.waitingShare === null ? '' : `; ${pct(t.elapsed.waitingShare)} of it waiting`;
    out.push(
      `elapsed        median case ${duration(t.elapsed.medianCaseMs)} first → last event (calendar time, not work${waiting})`,
    );
  }
  if (r.health.guardErrors)
    out.push(
      `guard errors   ${num(r.health.guardErrors)} (a guard could not be evaluated for a case: missing or mistyped field)`,
    );
  out.push('');
  const states = Object.entries(r.perState).filter(([, s]) => s.visits > 0 || s.deviations > 0);
  out.push(
    ...table(
      [
        'state',
        'visits',
        'agree',
        'disagree',
        'overrides',
        'autoErr',
        'abstain',
        'deviate',
        'trips',
        'agreement [95% CI]',
      ],
      states.map(([k, s]) => [
        k,
        num(s.visits),
        num(s.agree),
        num(s.disagree),
        num(s.overrides),
        num(s.autoErrors),
        num(s.abstentions),
        num(s.deviations),
        num(s.guardrailTrips),
        ci(s.rates.agreement),
      ]),
    ),
  );
  out.push('');
  const branches = Object.entries(r.perTransition).filter(([, b]) => b.agentChoices > 0 || b.humanChoices > 0);
  out.push(
    ...table(
      ['branch', 'tier', 'agent', 'people', 'agree', 'disagreement [95% CI]'],
      branches.map(([, b]) => [
        `${b.source} → ${b.target}${b.event ? ` (${b.event})` : ''}`,
        b.markedTier,
        num(b.agentChoices),
        num(b.humanChoices),
        num(b.agree),
        ci(b.rates.disagreement),
      ]),
    ),
  );
  out.push('');
  const p = r.recommendationPolicy;
  if (r.recommendations.length === 0)
    out.push(`recommendations: none (threshold ${pct(p.threshold)}, at least ${p.minCases} agent choices per branch)`);
  else {
    out.push(`recommendations (threshold ${pct(p.threshold)}, at least ${p.minCases} agent choices):`);
    for (const rec of r.recommendations)
      out.push(`  ${rec.action} ${rec.transitionId}: ${rec.from} → ${rec.to} — ${rec.reason}`);
  }
  return out;
}
