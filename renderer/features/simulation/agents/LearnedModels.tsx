/** What each learned agent of a comparison was trained on (cases, features, accuracy by state), with re-apply. */
import type { AgentComparison } from '../../../../shared/agents';
import { fmtInt, fmtPct } from '../../data/format';

interface LearnedSummary {
  library?: string;
  trainingSteps?: number;
  states?: Record<string, { trainingSteps: number; trainingCases: number; features: number; classes: number }>;
}

export function LearnedModels(props: {
  comparison: AgentComparison;
  saved: Record<string, unknown>;
  busy: boolean;
  onReapply(policy: string): void;
}) {
  const learned = props.comparison.policies.filter((p) => p.kind === 'learned');
  if (!learned.length) return null;
  return (
    <div className="sim-card" data-testid="agents-learned-models">
      <strong>Learned agents: what they were trained on</strong>
      {learned.map((p) => {
        const s = (p.summary ?? {}) as LearnedSummary;
        const states = Object.entries(s.states ?? {});
        return (
          <div key={p.policy} data-learned={p.policy}>
            <div className="sim-row">
              <span>
                <b>{p.policy}</b>{' '}
                <span className="sim-muted">
                  {s.library ?? ''} · {fmtInt(s.trainingSteps ?? 0)} training steps
                </span>
              </span>
              {Object.hasOwn(props.saved, p.policy) && (
                <button
                  type="button"
                  disabled={props.busy}
                  onClick={() => props.onReapply(p.policy)}
                  title="Compare this saved model (not retrained) with the rules agent again"
                  data-testid="agents-reapply"
                >
                  Re-apply saved model
                </button>
              )}
            </div>
            <table className="sim-table">
              <thead>
                <tr>
                  <th>state</th>
                  <th>training cases</th>
                  <th>features</th>
                  <th>branches</th>
                  <th>accuracy (scored)</th>
                </tr>
              </thead>
              <tbody>
                {states.map(([state, st]) => {
                  const a = p.accuracy[state];
                  return (
                    <tr key={state} data-state={state}>
                      <td>{state}</td>
                      <td>{fmtInt(st.trainingCases)}</td>
                      <td>{fmtInt(st.features)}</td>
                      <td>{fmtInt(st.classes)}</td>
                      <td>{a && a.rate !== null ? `${fmtPct(a.rate)} of ${fmtInt(a.proposals)}` : '–'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
