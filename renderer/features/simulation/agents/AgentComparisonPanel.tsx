/** Agent policies side by side (DESIGN "Agent policies"): totals per policy, per-branch evidence, coverage curves. */
import { memo } from 'react';
import type { AgentComparison } from '../../../../shared/agents';
import { fmtInt, fmtPct } from '../../data/format';
import { branchRows, curvePoints, policyRows } from './agentView';

const W = 240;
const H = 120;
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

function AgentComparisonPanel(props: { comparison: AgentComparison }) {
  const cmp = props.comparison;
  const rows = policyRows(cmp);
  const branches = branchRows(cmp);
  // the error axis runs to the worst error rate on any curve (rounded up to 5%), so small rates are readable
  const worst = Math.max(0, ...cmp.policies.flatMap((p) => p.coverage.map((c) => c.errorRate ?? 0)));
  const maxError = Math.min(1, Math.max(0.05, Math.ceil(worst * 20) / 20));
  return (
    <div className="sim-card" data-testid="agents-compare">
      <div className="sim-row">
        <strong>Agents side by side</strong>
        <span className="sim-muted">
          {cmp.evaluatedOn === 'holdout' && cmp.split ? `scored on the later ${fmtInt(cmp.split.testCases)} cases; learned from the first ${fmtInt(cmp.split.trainCases)} by start time` : 'scored on all cases'}
        </span>
      </div>
      <div style={{ overflowX: 'auto' }}>
      <table className="sim-table">
        <thead>
          <tr>
            <th>policy</th>
            <th>steps</th>
            <th>agree</th>
            <th>disagree</th>
            <th>abstain</th>
            <th>invalid</th>
            <th>automation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.policy} data-policy={r.policy}>
              <td>
                {r.policy}
                {r.partial && <span className="sim-muted"> (partial)</span>}
              </td>
              <td>{fmtInt(r.steps)}</td>
              <td>{fmtInt(r.agree)}</td>
              <td>{fmtInt(r.disagree)}</td>
              <td>{fmtInt(r.abstentions)}</td>
              <td>{fmtInt(r.invalid)}</td>
              <td>{fmtPct(r.automationRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <span className="sim-muted">Per branch and policy: disagreement [95% Wilson interval] · abstentions → earned tier</span>
      <div style={{ overflowX: 'auto' }}>
      <table className="sim-table">
        <thead>
          <tr>
            <th>branch</th>
            {cmp.policies.map((p) => (
              <th key={p.policy}>{p.policy}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.id} data-transition={b.id}>
              <td>{b.label}</td>
              {b.cells.map((c) => (
                <td key={c.policy}>
                  {c.disagreement ? `${fmtPct(c.disagreement.rate)} [${fmtPct(c.disagreement.low)}–${fmtPct(c.disagreement.high)}]` : '–'} · {fmtInt(c.abstentions)} → {c.earnedTier}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <figure>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label="coverage curves: share of steps taken on its own (x) vs error rate (y)">
          <rect x={0} y={0} width={W} height={H} fill="none" stroke="#ccc" />
          {cmp.policies.map((p, i) => (
            <g key={p.policy}>
              <polyline points={curvePoints(p.coverage, W, H, maxError)} fill="none" stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} />
              {/* a policy without confidences has a one-point curve: dots keep it visible */}
              {curvePoints(p.coverage, W, H, maxError)
                .split(' ')
                .filter(Boolean)
                .map((xy) => {
                  const [cx, cy] = xy.split(',');
                  return <circle key={xy} cx={cx} cy={cy} r={3} fill={COLOURS[i % COLOURS.length]} />;
                })}
            </g>
          ))}
        </svg>
        <figcaption className="sim-muted">
          Coverage: share of steps taken on its own (→) vs its error rate (↑) as the confidence threshold moves; the error axis runs to {fmtPct(maxError)}.{' '}
          {cmp.policies.map((p, i) => (
            <span key={p.policy} style={{ color: COLOURS[i % COLOURS.length] }}>
              {p.policy}{' '}
            </span>
          ))}
        </figcaption>
      </figure>
    </div>
  );
}

export default memo(AgentComparisonPanel);
