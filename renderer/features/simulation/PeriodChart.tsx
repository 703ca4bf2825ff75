/**
 * A state's figures over time (month of the case start): bars for visits, a line for the
 * disagreement rate (overrides + auto errors over agent-acted steps, else 1 − agreement).
 * Plain SVG: a dozen points do not need a charting library.
 */
import type { PeriodFigures } from './resultView';

const W = 360;
const H = 120;
const PAD = { l: 30, r: 30, t: 8, b: 18 };

function periodRate(p: PeriodFigures): number | null {
  const acted = p.suggestSteps + p.autoSteps;
  if (acted > 0) return (p.overrides + p.autoErrors) / acted;
  return p.visits > 0 ? 1 - p.agree / p.visits : null;
}

export function PeriodChart({ periods }: { periods: PeriodFigures[] }) {
  if (periods.length === 0) return <div className="sim-muted">No timestamps: no chart over time.</div>;
  const maxVisits = Math.max(1, ...periods.map((p) => p.visits));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = iw / periods.length;
  const bw = Math.max(2, step * 0.7);
  const points = periods
    .map((p, i) => ({ r: periodRate(p), x: PAD.l + step * i + step / 2 }))
    .filter((p): p is { r: number; x: number } => p.r !== null)
    .map((p) => `${p.x.toFixed(1)},${(PAD.t + ih * (1 - p.r)).toFixed(1)}`);
  const labelEvery = Math.ceil(periods.length / 6);
  return (
    <svg
      className="sim-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="visits and disagreement rate by month"
      data-testid="period-chart"
    >
      <line className="axis" x1={PAD.l} y1={PAD.t + ih} x2={W - PAD.r} y2={PAD.t + ih} />
      <text x={PAD.l - 4} y={PAD.t + 8} textAnchor="end">
        {maxVisits}
      </text>
      <text x={W - PAD.r + 4} y={PAD.t + 8}>
        100%
      </text>
      <text x={W - PAD.r + 4} y={PAD.t + ih}>
        0%
      </text>
      {periods.map((p, i) => (
        <g key={p.period}>
          <rect
            x={PAD.l + step * i + (step - bw) / 2}
            y={PAD.t + ih * (1 - p.visits / maxVisits)}
            width={bw}
            height={(ih * p.visits) / maxVisits}
            fill="#c7d4f7"
          >
            <title>{`${p.period}: ${p.visits} visits, rate ${(periodRate(p) ?? 0) * 100}%`}</title>
          </rect>
          {i % labelEvery === 0 && (
            <text x={PAD.l + step * i + step / 2} y={H - 4} textAnchor="middle">
              {p.period}
            </text>
          )}
        </g>
      ))}
      {points.length > 1 && <polyline points={points.join(' ')} fill="none" stroke="#d92d20" strokeWidth={1.5} />}
      {points.map((pt) => {
        const [x, y] = pt.split(',');
        return <circle key={pt} cx={x} cy={y} r={2.5} fill="#d92d20" />;
      })}
    </svg>
  );
}
