/** Agent policies side by side (DESIGN "Agent policies"): totals per policy, per-branch evidence, coverage curves. */
import { memo } from 'react';
import type { AgentComparison } from '../../../../shared/agents';
import { fmtInt, fmtPct } from '../../data/format';
import { branchRows, curvePoints, policyRows, thresholdMeetingTarget } from './agentView';

const W = 320;
const H = 150;
const PAD = 9;
const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

/**
 * @param target the owner's target error rate (as in recommendations): per policy, the confidence
 *   threshold that meets it is marked on its curve, and the target is drawn as a dashed line.
 */
function AgentComparisonPanel(props: { comparison: AgentComparison; target: number }) {
  const cmp = props.comparison;
  const rows = policyRows(cmp);
  const branches = branchRows(cmp);
  const marks = cmp.policies.map((p) => thresholdMeetingTarget(p.coverage, props.target));
  // the error axis runs to the worst error rate on any curve or the target (rounded up to 5%), so small rates are readable
  const worst = Math.max(props.target, ...cmp.policies.flatMap((p) => p.coverage.map((c) => c.errorRate ?? 0)));
  const maxError = Math.min(1, Math.max(0.05, Math.ceil(worst * 20) / 20));
  return (
    <div className="sim-card" data-testid="agents-compare">
      <div className="sim-row">
        <strong>Agents side by side</strong>
        <span className="sim-muted">
          {cmp.evaluatedOn === 'holdout' && cmp.split
            ? `scored on the later ${fmtInt(cmp.split.testCases)} cases; learned from the first ${fmtInt(cmp.split.trainCases)} by start time`
            : 'scored on all cases'}
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
      {cmp.policies
        .filter((p) => p.kind === 'model')
        .map((p) => {
          const m = (p.summary ?? {}) as {
            model?: string;
            endpoint?: string;
            endpointRequests?: number;
            cacheHits?: number;
            tokens?: number;
            callsPerSecond?: number;
            retries?: number;
          };
          return (
            <span key={p.policy} className="sim-muted sim-wrap" data-testid="agents-model-stats" data-policy={p.policy}>
              {p.policy} ({m.model} at {m.endpoint}): {fmtInt(m.endpointRequests ?? 0)} endpoint calls ·{' '}
              {fmtInt(m.cacheHits ?? 0)} cache hits · {fmtInt(m.tokens ?? 0)} tokens ·{' '}
              {(m.callsPerSecond ?? 0).toFixed(1)} calls/s · {fmtInt(m.retries ?? 0)} retries · {fmtInt(p.invalid)}{' '}
              unusable answers · {fmtInt(p.unanswered)} unanswered
            </span>
          );
        })}
      <span className="sim-muted">
        Per branch and policy: disagreement [95% Wilson interval] · abstentions → earned tier
      </span>
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
                    {c.disagreement
                      ? `${fmtPct(c.disagreement.rate)} [${fmtPct(c.disagreement.low)}–${fmtPct(c.disagreement.high)}]`
                      : '–'}{' '}
                    · {fmtInt(c.abstentions)} → {c.earnedTier}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figure className="sim-coverage">
        {/* padded so points on the edges (all steps taken, no error) and their rings stay whole */}
        <svg
          width={W + 2 * PAD}
          height={H + 2 * PAD}
          viewBox={`${-PAD} ${-PAD} ${W + 2 * PAD} ${H + 2 * PAD}`}
          role="img"
          aria-label="coverage curves: share of steps taken on its own (x) vs error rate (y)"
        >
          <rect x={0} y={0} width={W} height={H} fill="none" stroke="#ccc" />
          <text x={3} y={11} fontSize={10} fill="#6b7280">
            {fmtPct(maxError)} error
          </text>
          <text x={3} y={H - 4} fontSize={10} fill="#6b7280">
            share of steps taken →
          </text>
          <line
            x1={0}
            x2={W}
            y1={H - (props.target / maxError) * H}
            y2={H - (props.target / maxError) * H}
            stroke="#6b7280"
            strokeDasharray="4 3"
            data-testid="coverage-target-line"
          />
          {cmp.policies.map((p, i) => (
            <g key={p.policy}>
              <polyline
                points={curvePoints(p.coverage, W, H, maxError)}
                fill="none"
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={2}
              />
              {/* a policy without confidences has a one-point curve: dots keep it visible */}
              {curvePoints(p.coverage, W, H, maxError)
                .split(' ')
                .filter(Boolean)
                .map((xy) => {
                  const [cx, cy] = xy.split(',');
                  return <circle key={xy} cx={cx} cy={cy} r={3} fill={COLOURS[i % COLOURS.length]} />;
                })}
              {marks[i] && (
                <circle
                  cx={(marks[i].share * W).toFixed(1)}
                  cy={(H - (Math.min(marks[i].errorRate!, maxError) / maxError) * H).toFixed(1)}
                  r={7}
                  fill="none"
                  stroke={COLOURS[i % COLOURS.length]}
                  strokeWidth={2}
                  data-testid="coverage-mark"
                  data-policy={p.policy}
                />
              )}
            </g>
          ))}
        </svg>
        <figcaption className="sim-muted">
          Coverage: share of steps taken on its own (→) vs its error rate (↑) as the confidence threshold moves; the
          error axis runs to {fmtPct(maxError)}; dashed: the owner's target {fmtPct(props.target)}; ringed: the
          threshold that meets it.
          <ul className="sim-legend" data-testid="coverage-targets">
            {cmp.policies.map((p, i) => {
              const m = marks[i];
              return (
                <li key={p.policy} data-policy={p.policy} style={{ color: COLOURS[i % COLOURS.length] }}>
                  <b>{p.policy}</b>:{' '}
                  {m
                    ? `confidence ≥ ${m.threshold.toFixed(2)} takes ${fmtPct(m.share)} of steps at ${fmtPct(m.errorRate)} error`
                    : `no threshold meets ${fmtPct(props.target)}`}
                </li>
              );
            })}
          </ul>
        </figcaption>
      </figure>
    </div>
  );
}

export default memo(AgentComparisonPanel);
