/**
 * Tier recommendations from the active run by the 95% Wilson bounds (threshold and minimum cases
 * adjustable, computed by shared/replay's recommend). "Apply" changes the branch's tier in the
 * graph through the editor's undoable `edit`.
 */
import { useMemo, useState } from 'react';
import { setTier } from '../../../shared/model/edits';
import { flattenMachine } from '../../../shared/model/flatten';
import { DEFAULT_POLICY, recommend } from '../../../shared/replay/recommend';
import { useEditor } from '../../app/store';
import { fmtInt, fmtPct } from '../data/format';
import { useSim } from './simStore';
import { isOutOfDate, useRunStanding } from './useRunStanding';

export function RecommendationsPanel() {
  const active = useSim((s) => s.active);
  const edit = useEditor((s) => s.edit);
  const machine = useEditor((s) => s.doc.machine);
  const [threshold, setThreshold] = useState(DEFAULT_POLICY.threshold * 100);
  const [minCases, setMinCases] = useState(DEFAULT_POLICY.minCases);
  const recs = useMemo(
    () => (active ? recommend(active.result.perTransition, { threshold: threshold / 100, minCases }) : []),
    [active, threshold, minCases],
  );
  const current = useMemo(() => flattenMachine(machine), [machine]);
  // evidence of another version must not drive an edit of this one (branch ids may have moved)
  const stale = isOutOfDate(useRunStanding());
  if (!active) return <div className="sim-card sim-muted">Run a replay first (Run tab).</div>;

  return (
    <div className="sim-card" data-testid="recommendations">
      <div className="sim-controls">
        <label>
          Threshold (%)
          <input
            type="number"
            min={0}
            max={100}
            step={0.5}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            data-testid="rec-threshold"
          />
        </label>
        <label>
          Min. agent choices
          <input
            type="number"
            min={1}
            step={1}
            value={minCases}
            onChange={(e) => setMinCases(Math.max(1, Math.round(Number(e.target.value))))}
            data-testid="rec-min"
          />
        </label>
      </div>
      {recs.length === 0 && (
        <div className="sim-muted">No branch has enough evidence to change its tier at this threshold.</div>
      )}
      <table className="sim-table sim-wrap">
        <tbody>
          {recs.map((r) => {
            const t = active.result.perTransition[r.transitionId];
            const now = current.transitions.find((x) => x.id === r.transitionId);
            const applied = now?.tier === r.to;
            return (
              <tr key={r.transitionId} data-testid="rec-row">
                <td>
                  <span className={`sim-badge ${r.action === 'promote' ? 'sim-good' : 'sim-bad'}`}>{r.action}</span>{' '}
                  {r.state} → {t?.target ?? '?'}
                  {t?.event ? <span className="sim-muted"> on {t.event}</span> : null}
                  <div className="sim-muted">
                    {r.from} → {r.to} · {r.reason} · rate {fmtPct(r.rate)} over {fmtInt(r.n)}
                  </div>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={applied || !now || stale}
                    title={
                      stale
                        ? 'the graph changed since this run: run again first'
                        : now
                          ? undefined
                          : 'this branch is no longer in the graph'
                    }
                    onClick={() =>
                      edit(
                        `${r.action === 'promote' ? 'Promote' : 'Demote'} ${r.state} → ${t?.target ?? ''} to ${r.to}`,
                        (d) => setTier(d, r.transitionId, r.to),
                      )
                    }
                  >
                    {applied ? 'Applied' : 'Apply'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
