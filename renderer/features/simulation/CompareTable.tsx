/** Baseline vs variant side by side: headline rates and per-state deltas. */
import { fmtDeltaPts, fmtInt, fmtPct } from '../data/format';
import type { ResultView, Totals } from './resultView';

type Row = { label: string; get(t: Totals): number | null; pct: boolean; better: 'up' | 'down' };

const ROWS: Row[] = [
  { label: 'automation rate', get: (t) => t.automationRate, pct: true, better: 'up' },
  { label: 'override rate', get: (t) => t.overrideRate, pct: true, better: 'down' },
  { label: 'auto errors', get: (t) => t.autoErrors, pct: false, better: 'down' },
  { label: 'auto-error rate', get: (t) => t.autoErrorRate, pct: true, better: 'down' },
  { label: 'human touches / case', get: (t) => t.humanTouchesPerCase, pct: false, better: 'down' },
  { label: 'guardrail trips', get: (t) => t.guardrailTrips, pct: false, better: 'down' },
];

function delta(a: number | null, b: number | null, pct: boolean): string {
  if (a === null || b === null) return '–';
  if (pct) return fmtDeltaPts(a, b);
  const d = b - a;
  return `${d > 0 ? '+' : ''}${Number.isInteger(d) ? fmtInt(d) : d.toFixed(2)}`;
}

function deltaClass(a: number | null, b: number | null, better: 'up' | 'down'): string | undefined {
  if (a === null || b === null || a === b) return undefined;
  return b > a === (better === 'up') ? 'delta-good' : 'delta-bad';
}

const fmt = (x: number | null, pct: boolean) =>
  pct ? fmtPct(x) : x === null ? '–' : Number.isInteger(x) ? fmtInt(x) : x.toFixed(2);

export function CompareTable(props: {
  baseline: ResultView;
  variant: ResultView;
  baselineLabel: string;
  variantLabel: string;
  note?: string;
}) {
  const { baseline: A, variant: B } = props;
  const states = Object.keys(A.perState).filter((k) => (A.perState[k]?.visits ?? 0) + (B.perState[k]?.visits ?? 0) > 0);
  return (
    <div className="sim-card" data-testid="compare">
      <div className="sim-row">
        <strong>Baseline vs variant</strong>
        {props.note && <span className="sim-muted">{props.note}</span>}
      </div>
      <table className="sim-table sim-compare">
        <thead>
          <tr>
            <th />
            <th className="num">{props.baselineLabel}</th>
            <th className="num" data-testid="compare-variant-label">
              {props.variantLabel}
            </th>
            <th className="num">Δ</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => {
            const a = r.get(A.totals);
            const b = r.get(B.totals);
            return (
              <tr key={r.label} data-testid={`compare-${r.label.replace(/[^a-z]+/g, '-')}`}>
                <td>{r.label}</td>
                <td className="num">{fmt(a, r.pct)}</td>
                <td className="num">{fmt(b, r.pct)}</td>
                <td className={`num ${deltaClass(a, b, r.better) ?? ''}`}>{delta(a, b, r.pct)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>Per state</h4>
      <table className="sim-table sim-compare">
        <thead>
          <tr>
            <th>state</th>
            <th className="num">auto steps</th>
            <th className="num">override</th>
            <th className="num">auto errors</th>
            <th className="num">trips</th>
          </tr>
        </thead>
        <tbody>
          {states.map((k) => {
            const a = A.perState[k]!;
            const b = B.perState[k];
            if (!b) return null;
            return (
              <tr key={k}>
                <td>{k}</td>
                <td className={`num ${deltaClass(a.autoSteps, b.autoSteps, 'up') ?? ''}`}>
                  {fmtInt(a.autoSteps)} → {fmtInt(b.autoSteps)}
                </td>
                <td className={`num ${deltaClass(a.overrideRate.rate, b.overrideRate.rate, 'down') ?? ''}`}>
                  {fmtPct(a.overrideRate.rate)} → {fmtPct(b.overrideRate.rate)}
                </td>
                <td className={`num ${deltaClass(a.autoErrors, b.autoErrors, 'down') ?? ''}`}>
                  {fmtInt(a.autoErrors)} → {fmtInt(b.autoErrors)}
                </td>
                <td className={`num ${deltaClass(a.guardrailTrips, b.guardrailTrips, 'down') ?? ''}`}>
                  {fmtInt(a.guardrailTrips)} → {fmtInt(b.guardrailTrips)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
