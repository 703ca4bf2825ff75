/**
 * Per-graph totals of a run: the headline figures an analyst reads first. Time saved is work
 * (handling) time only; a log without start/complete times says so instead of showing calendar
 * gaps as savings, and elapsed time is labelled as elapsed (DESIGN "Time").
 */
import { fmtInt, fmtPct } from '../data/format';
import { fmtDuration, NOT_MEASURABLE } from './duration';
import type { Totals } from './resultView';

function TimeSaved({ t }: { t: Totals }) {
  if (typeof t.timeSavedMs === 'number') {
    return (
      <dd data-testid="total-time-saved">
        {fmtDuration(t.timeSavedMs)}
        <small>handling time of correct auto steps</small>
      </dd>
    );
  }
  // undefined: a run stored before the engine reported it; null: this log cannot measure it
  const reason =
    t.timeSavedMs === null ? (t.timeSavedReason ?? NOT_MEASURABLE) : 'not reported by this run (run again)';
  return (
    <dd data-testid="total-time-saved">
      not measurable<small>{reason}</small>
    </dd>
  );
}

export function TotalsFigures({ title, totals: t, stale = false }: { title: string; totals: Totals; stale?: boolean }) {
  return (
    <div className={stale ? 'sim-card sim-stale' : 'sim-card'} data-testid="run-totals" data-stale={stale || undefined}>
      <strong>{title}</strong>
      {stale && <div className="sim-stale-tag">out of date</div>}
      <dl className="sim-figures">
        <div>
          <dt>cases</dt>
          <dd data-testid="total-cases" data-cases={t.cases} data-conformant={t.conformant}>
            {fmtInt(t.cases)}
            <small>{fmtInt(t.conformant)} conformant</small>
          </dd>
        </div>
        <div>
          <dt>automation rate</dt>
          <dd data-testid="total-automation">
            {fmtPct(t.automationRate)}
            <small>
              {fmtInt(t.autoSteps)} of {fmtInt(t.steps)} steps
            </small>
          </dd>
        </div>
        <div>
          <dt>override rate</dt>
          <dd data-testid="total-override">
            {fmtPct(t.overrideRate)}
            <small>
              {fmtInt(t.overrides)} of {fmtInt(t.suggestSteps)} suggested
            </small>
          </dd>
        </div>
        <div>
          <dt>auto errors</dt>
          <dd>
            {fmtInt(t.autoErrors)}
            <small>{fmtPct(t.autoErrorRate)} of auto steps</small>
          </dd>
        </div>
        <div>
          <dt>human touches / case</dt>
          <dd>{t.humanTouchesPerCase === null ? '–' : t.humanTouchesPerCase.toFixed(2)}</dd>
        </div>
        <div>
          <dt>deviations</dt>
          <dd>
            {fmtInt(t.deviations)}
            <small>{fmtInt(t.abstentions)} abstentions</small>
          </dd>
        </div>
        <div>
          <dt>guardrail trips</dt>
          <dd>{fmtInt(t.guardrailTrips)}</dd>
        </div>
        <div>
          <dt>time saved</dt>
          <TimeSaved t={t} />
        </div>
        {t.elapsed && (
          <div>
            <dt>elapsed time (calendar)</dt>
            <dd data-testid="total-elapsed">
              {fmtDuration(t.elapsed.medianCaseMs)}
              <small>
                median case, start to end
                {t.elapsed.waitingShare === null ? '' : ` · ${fmtPct(t.elapsed.waitingShare, 0)} waiting`}
              </small>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
