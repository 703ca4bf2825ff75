/**
 * Runs: replay the current graph over the selected dataset in a worker (progress, cancel); list
 * the earlier runs of THIS graph over that dataset (its project's, or the same version's — see
 * runBelongsTo), each named by its graph's content hash and time, marked when out of date.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { ROLLOUTS, type Rollout } from '../../../shared/model/types';
import type { SimulationResult } from '../../../shared/replay/result';
import { useEditor } from '../../app/store';
import { fmtInt, fmtPct } from '../data/format';
import { dataDb } from './db';
import { activateRun, startRun } from './runActions';
import { runBelongsTo, runLabel, shortHash } from './runIdentity';
import { useSim } from './simStore';
import { TotalsFigures } from './TotalsFigures';
import { isOutOfDate, useDocHash, useRunStanding } from './useRunStanding';

export function RunPanel() {
  const datasetId = useSim((s) => s.datasetId);
  const dataVersion = useSim((s) => s.dataVersion);
  const running = useSim((s) => s.running);
  const active = useSim((s) => s.active);
  const doc = useEditor((s) => s.doc);
  const projectId = useEditor((s) => s.projectId);
  const openHash = useDocHash(doc);
  // the list keeps the last known hash while a new one is computed (no flicker while dragging)
  const [listHash, setListHash] = useState(openHash);
  if (openHash && openHash !== listHash) setListHash(openHash);
  const matchHash = openHash ?? listHash;
  const standing = useRunStanding();
  const [rollout, setRollout] = useState<Rollout | 'graph'>('graph');
  const [error, setError] = useState<string | null>(null);
  const dataset = useLiveQuery(
    () => (datasetId ? dataDb().datasets.get(datasetId) : undefined),
    [datasetId, dataVersion],
  );
  const runs = useLiveQuery(
    async () =>
      datasetId
        ? (await dataDb().runs.where('datasetId').equals(datasetId).reverse().sortBy('createdAt')).filter((r) =>
            runBelongsTo({ projectId: r.projectId, graphHash: r.graphHash ?? null }, projectId, matchHash),
          )
        : [],
    [datasetId, dataVersion, projectId, matchHash],
  );

  const start = () => {
    if (!dataset) return;
    setError(null);
    startRun({ dataset, doc, projectId, rollout: rollout === 'graph' ? doc.rollout : rollout, onError: setError });
  };
  const ownRun = running !== null && running.projectId === projectId;

  if (!dataset) return <div className="sim-card sim-muted">Import or choose a dataset first (Data tab).</div>;
  return (
    <>
      <div className="sim-card">
        <div className="sim-row">
          <span>
            Replay <strong>{doc.name}</strong>{' '}
            <span className="sim-muted" data-testid="run-graph-hash">
              {openHash ? shortHash(openHash) : '…'}
            </span>{' '}
            over <strong>{dataset.name}</strong> ({fmtInt(dataset.stats?.cases)} cases)
          </span>
        </div>
        <div className="sim-controls">
          <label>
            Rollout stage
            <select
              value={rollout}
              onChange={(e) => setRollout(e.target.value as Rollout | 'graph')}
              data-testid="run-rollout"
            >
              <option value="graph">as in the graph ({doc.rollout})</option>
              {ROLLOUTS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          {running ? (
            <button type="button" onClick={() => running.session.cancel()} data-testid="run-cancel">
              Cancel
            </button>
          ) : (
            <button
              type="button"
              className="sim-primary"
              onClick={start}
              disabled={dataset.status !== 'ready'}
              data-testid="run-start"
            >
              Run replay
            </button>
          )}
        </div>
        {running && !ownRun && (
          <div className="sim-muted">
            A replay of “{running.graphName}” (another graph) is still running; its figures will not be shown here.
          </div>
        )}
        {ownRun && (
          <div data-testid="run-progress">
            <progress
              max={1}
              value={
                running.progress && running.progress.totalCases
                  ? running.progress.cases / running.progress.totalCases
                  : 0
              }
            />
            <div className="sim-muted">
              {running.progress
                ? `${fmtInt(running.progress.cases)} of ${fmtInt(running.progress.totalCases)} cases`
                : 'starting…'}
            </div>
          </div>
        )}
        {error && (
          <div className="sim-error" role="alert">
            {error}
          </div>
        )}
      </div>
      {active && active.datasetId === dataset.id && (
        <TotalsFigures
          title={`Run: ${runLabel(active)}, rollout ${active.rollout}`}
          totals={active.view.totals}
          stale={isOutOfDate(standing)}
        />
      )}
      {runs && runs.length > 0 && (
        <div className="sim-card">
          <h4>Runs of this graph over this dataset</h4>
          <ul className="sim-list" data-testid="run-list">
            {runs.map((r) => (
              <li key={r.id} className={active?.runId === r.id ? 'sim-selected' : undefined}>
                <button
                  type="button"
                  className="sim-link"
                  onClick={() => activateRun(r)}
                  disabled={r.status !== 'done'}
                >
                  {runLabel(r)} · {r.rollout}
                </button>
                {openHash && r.graphHash !== openHash && (
                  <span className="sim-badge sim-warn" data-testid="run-item-stale">
                    out of date
                  </span>
                )}
                <span className="sim-muted">
                  {new Date(r.createdAt).toLocaleString()} · {r.status}
                  {r.status === 'done' && r.result
                    ? ` · override ${fmtPct((r.result as SimulationResult).totals.overrideRate)}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
