/**
 * Runs: replay the current graph over the selected dataset in a worker (progress, cancel); list
 * earlier runs of that dataset (stored with graph name/version) and put one on the canvas.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { ROLLOUTS, type Rollout } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import { fmtInt, fmtPct } from '../data/format';
import { dataDb, newId, type RunRow } from './db';
import { RunSession } from './runClient';
import type { SimulationResult } from '../../../shared/replay/result';
import { toResultView } from './engine';
import { useSim } from './simStore';
import { TotalsFigures } from './TotalsFigures';

/** Put a stored run on the canvas (no live worker: what-if needs a fresh run). */
function activate(run: RunRow) {
  const result = run.result as SimulationResult | undefined;
  if (!result) return;
  useSim.getState().setActive({ runId: run.id, datasetId: run.datasetId, graphName: run.graphName, graphVersion: run.graphVersion, rollout: run.rollout, result, view: toResultView(result) });
}

export function RunPanel() {
  const datasetId = useSim((s) => s.datasetId);
  const dataVersion = useSim((s) => s.dataVersion);
  const running = useSim((s) => s.running);
  const active = useSim((s) => s.active);
  const doc = useEditor((s) => s.doc);
  const projectId = useEditor((s) => s.projectId);
  const [rollout, setRollout] = useState<Rollout | 'graph'>('graph');
  const [error, setError] = useState<string | null>(null);
  const dataset = useLiveQuery(() => (datasetId ? dataDb().datasets.get(datasetId) : undefined), [datasetId, dataVersion]);
  const runs = useLiveQuery(() => (datasetId ? dataDb().runs.where('datasetId').equals(datasetId).reverse().sortBy('createdAt') : []), [datasetId, dataVersion]);

  const start = () => {
    if (!dataset) return;
    setError(null);
    const sim = useSim.getState();
    const request = { runId: newId('run'), datasetId: dataset.id, datasetName: dataset.name, projectId, doc, rollout: rollout === 'graph' ? doc.rollout : rollout };
    const session = new RunSession(request, (progress) => useSim.getState().setRunning({ progress, session }));
    sim.setRunning({ progress: null, session });
    session.done.then(
      (done) => {
        const s = useSim.getState();
        s.setRunning(null);
        s.bumpData();
        if (done) s.setActive({ runId: done.runId, datasetId: dataset.id, graphName: doc.name, graphVersion: doc.version, rollout: request.rollout, result: done.result, view: toResultView(done.result) }, session);
      },
      (e: Error) => {
        useSim.getState().setRunning(null);
        setError(e.message);
      },
    );
  };

  if (!dataset) return <div className="sim-card sim-muted">Import or choose a dataset first (Data tab).</div>;
  return (
    <>
      <div className="sim-card">
        <div className="sim-row">
          <span>
            Replay <strong>{doc.name}</strong> v{doc.version} over <strong>{dataset.name}</strong> ({fmtInt(dataset.stats?.cases)} cases)
          </span>
        </div>
        <div className="sim-controls">
          <label>
            Rollout stage
            <select value={rollout} onChange={(e) => setRollout(e.target.value as Rollout | 'graph')} data-testid="run-rollout">
              <option value="graph">as in the graph ({doc.rollout})</option>
              {ROLLOUTS.map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </select>
          </label>
          {running ? (
            <button type="button" onClick={() => running.session.cancel()} data-testid="run-cancel">Cancel</button>
          ) : (
            <button type="button" className="sim-primary" onClick={start} disabled={dataset.status !== 'ready'} data-testid="run-start">Run replay</button>
          )}
        </div>
        {running && (
          <div data-testid="run-progress">
            <progress max={1} value={running.progress && running.progress.totalCases ? running.progress.cases / running.progress.totalCases : 0} />
            <div className="sim-muted">{running.progress ? `${fmtInt(running.progress.cases)} of ${fmtInt(running.progress.totalCases)} cases` : 'starting…'}</div>
          </div>
        )}
        {error && <div className="sim-error" role="alert">{error}</div>}
      </div>
      {active && active.datasetId === dataset.id && <TotalsFigures title={`Run: ${active.graphName} v${active.graphVersion}, rollout ${active.rollout}`} totals={active.view.totals} />}
      {runs && runs.length > 0 && (
        <div className="sim-card">
          <h4>Runs of this dataset</h4>
          <ul className="sim-list" data-testid="run-list">
            {runs.map((r) => (
              <li key={r.id} className={active?.runId === r.id ? 'sim-selected' : undefined}>
                <button type="button" className="sim-link" onClick={() => activate(r)} disabled={r.status !== 'done'}>
                  {r.graphName} v{r.graphVersion} · {r.rollout}
                </button>
                <span className="sim-muted">
                  {new Date(r.createdAt).toLocaleString()} · {r.status}
                  {r.status === 'done' && r.result ? ` · override ${fmtPct((r.result as SimulationResult).totals.overrideRate)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
