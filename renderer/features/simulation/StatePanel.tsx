/**
 * The selected state's (or branch's) figures from the active run, each rate with its 95% Wilson
 * interval, and the state's figures by month of case start.
 */
import { useEditor } from '../../app/store';
import { fmtInt, fmtPct } from '../data/format';
import { PeriodChart } from './PeriodChart';
import type { Rate } from './resultView';
import { useSim } from './simStore';

function RateCell({ label, rate, testId }: { label: string; rate: Rate; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {fmtPct(rate.rate)}
        <small>
          {rate.n > 0
            ? `95% CI ${fmtPct(rate.lo)}–${fmtPct(rate.hi)} · ${fmtInt(rate.k)}/${fmtInt(rate.n)}`
            : 'no steps'}
        </small>
      </dd>
    </div>
  );
}

export function StatePanel() {
  const active = useSim((s) => s.active);
  const selection = useEditor((s) => s.selection);
  if (!active || !selection) return null;

  if (selection.kind === 'transition') {
    const t = active.view.perTransition[selection.id];
    if (!t) return null;
    return (
      <div className="sim-card" data-testid="branch-panel">
        <strong>Branch {selection.id.split('|').filter(Boolean).join(' · ')}</strong>
        <dl className="sim-figures">
          <div>
            <dt>taken by people</dt>
            <dd>{fmtInt(t.humanChoices)}</dd>
          </div>
          <div>
            <dt>chosen by agent</dt>
            <dd>
              {fmtInt(t.agentChoices)}
              <small>{fmtInt(t.agree)} agreed</small>
            </dd>
          </div>
          <RateCell label="override rate" rate={t.overrideRate} />
          <RateCell label="auto-error rate" rate={t.autoErrorRate} />
          <div>
            <dt>guardrail trips</dt>
            <dd>{fmtInt(t.guardrailTrips)}</dd>
          </div>
        </dl>
      </div>
    );
  }
  if (selection.kind !== 'state') return null;
  const s = active.view.perState[selection.key];
  if (!s) return <div className="sim-card sim-muted">No figures for {selection.key} in this run.</div>;
  return (
    <div className="sim-card" data-testid="state-panel">
      <strong>
        State <span data-testid="state-panel-key">{selection.key}</span>
      </strong>
      <dl className="sim-figures">
        <div>
          <dt>visits</dt>
          <dd data-testid="state-visits">{fmtInt(s.visits)}</dd>
        </div>
        <RateCell label="agreement" rate={s.agreement} testId="state-agreement" />
        <RateCell label="override rate" rate={s.overrideRate} testId="state-override" />
        <RateCell label="auto-error rate" rate={s.autoErrorRate} testId="state-autoerror" />
        <div>
          <dt>abstentions</dt>
          <dd>{fmtInt(s.abstentions)}</dd>
        </div>
        <div>
          <dt>guardrail trips</dt>
          <dd>{fmtInt(s.guardrailTrips)}</dd>
        </div>
        <div>
          <dt>deviations</dt>
          <dd>{fmtInt(s.deviations)}</dd>
        </div>
        <div>
          <dt>steps by tier</dt>
          <dd>
            <small>
              auto {fmtInt(s.autoSteps)} · suggest {fmtInt(s.suggestSteps)} · human {fmtInt(s.humanSteps)}
            </small>
          </dd>
        </div>
      </dl>
      <h4>By month of case start (bars: visits · line: disagreement)</h4>
      <PeriodChart periods={s.byPeriod} />
    </div>
  );
}
