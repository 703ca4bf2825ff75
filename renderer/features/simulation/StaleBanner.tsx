/**
 * The out-of-date notice: shown on every Simulate tab while the active run's figures come from
 * another version of the open graph (or from a run stored before versions were recorded), with
 * what changed since and "Run again" over the same dataset.
 */
import { useState } from 'react';
import type { GraphDoc, Rollout } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { startRun } from './runActions';
import { staleNotice, type RunStanding } from './runIdentity';
import { useSim, type ActiveRun } from './simStore';

/**
 * The rollout to re-run with: the open graph's own stage, unless the run had explicitly chosen
 * another one than its graph's (then that choice is kept).
 */
export function rerunRollout(active: Pick<ActiveRun, 'rollout' | 'graph'>, doc: GraphDoc): Rollout {
  const chosen = active.rollout as Rollout;
  return active.graph?.rollout === chosen ? doc.rollout : chosen;
}

export function StaleBanner({ standing }: { standing: RunStanding | null }) {
  const active = useSim((s) => s.active);
  const running = useSim((s) => s.running !== null);
  const [error, setError] = useState<string | null>(null);
  const notice = standing ? staleNotice(standing) : null;
  if (!active || !notice) return null;

  const again = () => {
    const { doc, projectId } = useEditor.getState();
    setError(null);
    startRun({
      dataset: { id: active.datasetId, name: active.datasetName },
      doc,
      projectId,
      rollout: rerunRollout(active, doc),
      onError: setError,
    });
  };

  return (
    <div className="sim-stale-banner" role="status" data-testid="stale-banner">
      <div>
        <strong>{notice.headline}</strong>
        {notice.details.length > 0 && (
          <ul data-testid="stale-changes">
            {notice.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
            {notice.more > 0 && <li className="sim-muted">and {notice.more} more</li>}
          </ul>
        )}
        <div className="sim-muted">Every figure below and on the canvas describes the graph as it was when it ran.</div>
        {error && (
          <div className="sim-error" role="alert">
            {error}
          </div>
        )}
      </div>
      <button type="button" className="sim-primary" onClick={again} disabled={running} data-testid="stale-run-again">
        {running ? 'Running…' : 'Run again'}
      </button>
    </div>
  );
}
