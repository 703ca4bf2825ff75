/** Per-graph totals of a run: the headline figures an analyst reads first. */
import { fmtInt, fmtPct } from '../data/format';
import type { Totals } from './resultView';

export function TotalsFigures({ title, totals: t }: { title: string; totals: Totals }) {
  return (
    <div className="sim-card" data-testid="run-totals">
      <strong>{title}</strong>
      <dl className="sim-figures">
        <div><dt>cases</dt><dd>{fmtInt(t.cases)}<small>{fmtInt(t.conformant)} conformant</small></dd></div>
        <div><dt>automation rate</dt><dd data-testid="total-automation">{fmtPct(t.automationRate)}<small>{fmtInt(t.autoSteps)} of {fmtInt(t.steps)} steps</small></dd></div>
        <div><dt>override rate</dt><dd data-testid="total-override">{fmtPct(t.overrideRate)}<small>{fmtInt(t.overrides)} of {fmtInt(t.suggestSteps)} suggested</small></dd></div>
        <div><dt>auto errors</dt><dd>{fmtInt(t.autoErrors)}<small>{fmtPct(t.autoErrorRate)} of auto steps</small></dd></div>
        <div><dt>human touches / case</dt><dd>{t.humanTouchesPerCase === null ? '–' : t.humanTouchesPerCase.toFixed(2)}</dd></div>
        <div><dt>deviations</dt><dd>{fmtInt(t.deviations)}<small>{fmtInt(t.abstentions)} abstentions</small></dd></div>
        <div><dt>guardrail trips</dt><dd>{fmtInt(t.guardrailTrips)}</dd></div>
      </dl>
    </div>
  );
}
