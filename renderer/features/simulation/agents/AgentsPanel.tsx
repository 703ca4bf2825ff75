/**
 * The Agents tab (issue #12): choose the policies to replay over the active run's dataset — the
 * rules agent always, a learned agent (train share), agents whose proposals were recorded in a
 * column, a model agent behind an OpenAI-compatible endpoint, a saved learned model — and compare
 * them side by side in the agents worker. Every comparison is saved with the run (IndexedDB), so
 * it is shown again when the run is reopened; apply one policy's earned tiers as one undoable edit.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AgentComparison } from '../../../../shared/agents';
import { DEFAULT_POLICY } from '../../../../shared/replay/recommend';
import type { RecordedCase, Rollout } from '../../../../shared/model/types';
import { fmtInt } from '../../data/format';
import { dataDb, newId, readDatasetCases, type AgentRunRow } from '../db';
import { useSim } from '../simStore';
import AgentComparisonPanel from './AgentComparisonPanel';
import type { AgentProgress } from './agentRun';
import { AgentsSession } from './agentsClient';
import { modelUrlProblem, specName, type PolicySpec } from './agentSpecs';
import { ApplyEarnedTiers } from './ApplyEarnedTiers';
import { LearnedModels } from './LearnedModels';
import { ModelAgentSettings } from './ModelAgentSettings';
import { useModelSettings } from './modelSettingsStore';
import { describeProgress, describePartial } from './progressText';

/** Event attribute names of the first cases: what a recorded agent's proposal column may be. */
function eventAttributeNames(cases: readonly RecordedCase[]): string[] {
  const names = new Set<string>();
  for (const c of cases.slice(0, 500))
    for (const e of c.events) for (const k of Object.keys(e.attributes ?? {})) names.add(k);
  return [...names].sort();
}

/** A saved comparison's time, the same in every time zone (UTC, to the second). */
const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function AgentsPanel() {
  const active = useSim((s) => s.active);
  const dataset = useLiveQuery(
    () => (active ? dataDb().datasets.get(active.datasetId) : undefined),
    [active?.datasetId],
  );
  const firstChunk = useLiveQuery(async () => {
    if (!active || !dataset) return [];
    for await (const { cases } of readDatasetCases(dataDb(), active.datasetId, Math.min(1, dataset.chunkCount)))
      return cases;
    return [];
  }, [active?.datasetId, dataset?.chunkCount]);
  const stored = useLiveQuery(
    () => (active ? dataDb().agentRuns.where('runId').equals(active.runId).sortBy('createdAt') : []),
    [active?.runId],
  );
  const columns = useMemo(() => eventAttributeNames(firstChunk ?? []), [firstChunk]);
  const [learned, setLearned] = useState(true);
  const [trainShare, setTrainShare] = useState(0.7);
  const [recorded, setRecorded] = useState<string[]>([]);
  const [pick, setPick] = useState('');
  const [target, setTarget] = useState(DEFAULT_POLICY.threshold * 100);
  const [minCases, setMinCases] = useState(DEFAULT_POLICY.minCases);
  const [progress, setProgress] = useState<AgentProgress | 'starting' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const session = useRef<AgentsSession | null>(null);
  const model = useModelSettings();
  // leaving the tab stops a comparison that is still running
  useEffect(() => () => session.current?.dispose(), []);

  if (!active) return <div className="sim-card sim-muted">Run a replay first (Run tab).</div>;
  const busy = progress !== null;
  const shown: AgentRunRow | undefined = stored?.find((r) => r.id === shownId) ?? stored?.at(-1);
  const modelProblem = model.enabled
    ? modelUrlProblem(model.settings.baseUrl) || (model.settings.model ? '' : 'name the model')
    : '';

  const start = async (policies: PolicySpec[]) => {
    if (!dataset) return;
    setError(null);
    setProgress('starting');
    const input = {
      agentRunId: newId('agents'),
      runId: active.runId,
      datasetId: active.datasetId,
      graph: active.graph,
      rollout: active.rollout as Rollout,
      policies,
      options: { threshold: target / 100, minCases, trainShare },
    };
    const s = new AgentsSession(
      input,
      policies.some((p) => p.kind === 'model') && model.apiKey ? { apiKey: model.apiKey } : {},
      setProgress,
    );
    session.current = s;
    try {
      const id = await s.done;
      if (id) setShownId(id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      if (session.current === s) {
        session.current = null;
        setProgress(null);
      }
    }
  };
  const compare = () =>
    void start([
      { kind: 'rules' },
      ...(learned ? [{ kind: 'learned' } as const] : []),
      ...recorded.map((column) => ({ kind: 'recorded', column }) as const),
      ...(model.enabled ? [{ kind: 'model', ...model.settings } as const] : []),
    ]);
  const reapply = (row: AgentRunRow, policy: string) =>
    void start([{ kind: 'rules' }, { kind: 'saved-learned', agentRunId: row.id, policy }]);

  return (
    <>
      <div className="sim-card" data-testid="agents">
        <strong>Agents over {active.datasetName}</strong>
        <span className="sim-muted">The rules agent (the SOP's guards) is always compared.</span>
        <div className="sim-controls">
          <label>
            <span>
              <input
                type="checkbox"
                checked={learned}
                onChange={(e) => setLearned(e.target.checked)}
                data-testid="agents-learned"
              />{' '}
              learned agent (random forest per state)
            </span>
          </label>
          <label>
            train share (first by time)
            <input
              type="number"
              min={0.1}
              max={0.9}
              step={0.05}
              value={trainShare}
              disabled={!learned}
              onChange={(e) => setTrainShare(Math.min(0.9, Math.max(0.1, Number(e.target.value) || 0.7)))}
              data-testid="agents-train-share"
            />
          </label>
        </div>
        <div className="sim-controls">
          <label>
            recorded proposals in column
            <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="agents-recorded-column">
              <option value="">—</option>
              {columns
                .filter((c) => !recorded.includes(c))
                .map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!pick}
            onClick={() => {
              setRecorded([...recorded, pick]);
              setPick('');
            }}
            data-testid="agents-recorded-add"
          >
            Add recorded agent
          </button>
        </div>
        {recorded.length > 0 && (
          <ul data-testid="agents-recorded-list">
            {recorded.map((c) => (
              <li key={c}>
                recorded:{c}{' '}
                <button
                  type="button"
                  onClick={() => setRecorded(recorded.filter((x) => x !== c))}
                  aria-label={`remove recorded:${c}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <ModelAgentSettings />
        <div className="sim-controls">
          <label>
            owner's target error (%)
            <input
              type="number"
              min={0}
              max={100}
              step={0.5}
              value={target}
              onChange={(e) => setTarget(Math.min(100, Math.max(0, Number(e.target.value) || 0)))}
              data-testid="agents-target"
            />
          </label>
          <label>
            min. agent choices
            <input
              type="number"
              min={1}
              step={1}
              value={minCases}
              onChange={(e) => setMinCases(Math.max(1, Math.round(Number(e.target.value)) || 1))}
              data-testid="agents-min-cases"
            />
          </label>
        </div>
        <div className="sim-row">
          <span className="sim-muted" data-testid="agents-progress">
            {progress === 'starting' ? 'Starting…' : progress ? describeProgress(progress) : ''}
          </span>
          <span className="sim-row">
            {busy && (
              <button
                type="button"
                onClick={() => session.current?.cancel()}
                data-testid="agents-cancel"
                title="A model agent stops at its next call and its partial results are kept"
              >
                Cancel
              </button>
            )}
            <button
              type="button"
              className="sim-primary"
              disabled={busy || !dataset || modelProblem !== ''}
              title={modelProblem || undefined}
              onClick={compare}
              data-testid="agents-compare-run"
            >
              {busy ? 'Comparing…' : 'Compare agents'}
            </button>
          </span>
        </div>
        {error && <div className="sim-error">{error}</div>}
        {stored && stored.length > 0 && (
          <label className="sim-controls">
            <span>
              Saved comparison{' '}
              <select value={shown?.id ?? ''} onChange={(e) => setShownId(e.target.value)} data-testid="agents-saved">
                {stored.map((r) => (
                  <option key={r.id} value={r.id}>
                    {when(r.createdAt)} · {r.policies.map((p) => specName(p as PolicySpec)).join(', ')}
                    {r.partial ? ' (partial)' : ''}
                  </option>
                ))}
              </select>
            </span>
          </label>
        )}
      </div>
      {shown && <SavedComparison key={shown.id} row={shown} busy={busy} onReapply={(p) => reapply(shown, p)} />}
    </>
  );
}

function SavedComparison(props: { row: AgentRunRow; busy: boolean; onReapply(policy: string): void }) {
  const { row } = props;
  const cmp = row.comparison as AgentComparison;
  return (
    <>
      {row.partial && (
        <div className="sim-card sim-partial" data-testid="agents-partial">
          {describePartial(row.partial.reason, cmp)}
        </div>
      )}
      <AgentComparisonPanel comparison={cmp} target={row.options.threshold} />
      <LearnedModels comparison={cmp} saved={row.learnedModels} busy={props.busy} onReapply={props.onReapply} />
      <span className="sim-muted" data-testid="agents-saved-note">
        Saved with the run {when(row.createdAt)} (took {(row.ms / 1000).toFixed(1)} s): earned tiers judged at a target
        of {(row.options.threshold * 100).toFixed(1)}% error with at least {fmtInt(row.options.minCases)} agent choices.
      </span>
      <ApplyEarnedTiers comparison={cmp} />
    </>
  );
}
