/**
 * The Agents tab (issue #12): choose the policies to replay over the active run's dataset — the
 * rules agent always, a learned agent (train share), agents whose proposals were recorded in a
 * column — compare them side by side on the dataset's stored cases, and apply one policy's
 * earned tiers to the graph as one undoable edit. The comparison runs on the main thread with a
 * progress line and cancel (the stored cases are read chunk by chunk; learning is capped per state).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState } from 'react';
import { compareAgents, learnedPolicy, recordedPolicy, RULES, type AgentComparison, type AnyPolicy } from '../../../../shared/agents';
import { flattenMachine } from '../../../../shared/model/flatten';
import type { GraphDoc, RecordedCase, Tier } from '../../../../shared/model/types';
import { useEditor } from '../../../app/store';
import { fmtInt } from '../../data/format';
import { dataDb, readDatasetCases } from '../db';
import { useSim } from '../simStore';
import { isOutOfDate, useRunStanding } from '../useRunStanding';
import { applyVariantToDoc } from '../variantCheck';
import AgentComparisonPanel from './AgentComparisonPanel';
import { earnedTierEdits } from './agentView';

/** Event attribute names of the first cases: what a recorded agent's proposal column may be. */
function eventAttributeNames(cases: readonly RecordedCase[]): string[] {
  const names = new Set<string>();
  for (const c of cases.slice(0, 500)) for (const e of c.events) for (const k of Object.keys(e.attributes ?? {})) names.add(k);
  return [...names].sort();
}

function markedTiers(doc: GraphDoc): Record<string, Tier> {
  const flat = flattenMachine(doc.machine);
  return Object.fromEntries(flat.transitions.map((t) => [t.id, (t.tier ?? flat.states.get(t.source)?.config.meta?.tier ?? 'human') as Tier]));
}

export function AgentsPanel() {
  const active = useSim((s) => s.active);
  const dataset = useLiveQuery(() => (active ? dataDb().datasets.get(active.datasetId) : undefined), [active?.datasetId]);
  const firstChunk = useLiveQuery(async () => {
    if (!active || !dataset) return [];
    for await (const { cases } of readDatasetCases(dataDb(), active.datasetId, Math.min(1, dataset.chunkCount))) return cases;
    return [];
  }, [active?.datasetId, dataset?.chunkCount]);
  const columns = useMemo(() => eventAttributeNames(firstChunk ?? []), [firstChunk]);
  const [learned, setLearned] = useState(true);
  const [trainShare, setTrainShare] = useState(0.7);
  const [recorded, setRecorded] = useState<string[]>([]);
  const [pick, setPick] = useState('');
  const [progress, setProgress] = useState<string | null>(null);
  const [cmp, setCmp] = useState<AgentComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [applyOf, setApplyOf] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const cancel = useRef<{ cancelled: boolean } | null>(null);
  const edit = useEditor((s) => s.edit);
  const doc = useEditor((s) => s.doc);
  const standing = useRunStanding();

  if (!active) return <div className="sim-card sim-muted">Run a replay first (Run tab).</div>;
  const busy = progress !== null;

  const run = async () => {
    if (!dataset) return;
    const token = { cancelled: false };
    cancel.current = token;
    setError(null);
    setCmp(null);
    setApplied(null);
    try {
      const cases: RecordedCase[] = [];
      setProgress(`Reading cases… 0 of ${fmtInt(dataset.stats?.cases ?? 0)}`);
      for await (const chunk of readDatasetCases(dataDb(), active.datasetId, dataset.chunkCount)) {
        if (token.cancelled) return;
        cases.push(...chunk.cases);
        setProgress(`Reading cases… ${fmtInt(cases.length)} of ${fmtInt(dataset.stats?.cases ?? cases.length)}`);
      }
      const policies: AnyPolicy[] = [RULES, ...(learned ? [learnedPolicy()] : []), ...recorded.map((c) => recordedPolicy(c))];
      setProgress(`Comparing ${policies.length} agents on ${fmtInt(cases.length)} cases${learned ? ' (training the learned agent)' : ''}…`);
      // let the progress line paint before the synchronous training
      await new Promise((r) => setTimeout(r, 0));
      if (token.cancelled) return;
      const out = await compareAgents(active.graph, cases, policies, { rollout: active.rollout as GraphDoc['rollout'], trainShare });
      if (token.cancelled) return;
      setCmp(out);
      setApplyOf(out.policies.find((p) => p.kind !== 'rules')?.policy ?? out.policies[0]?.policy ?? '');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      if (cancel.current === token) setProgress(null);
    }
  };

  const edits = cmp && applyOf ? earnedTierEdits(cmp, applyOf, markedTiers(doc)) : {};
  const nEdits = Object.keys(edits).length;
  const applyBlocked = isOutOfDate(standing) || standing?.kind === 'checking' ? 'The graph changed since this run: run again before applying tiers.' : nEdits === 0 ? 'Every branch already has the tier this policy earned.' : null;
  const apply = () => {
    if (applyBlocked) return;
    const label = `earned tiers of ${applyOf} (${nEdits} branch${nEdits > 1 ? 'es' : ''})`;
    // one edit: undo restores every tier at once
    edit(`Apply ${label}`, (d) => applyVariantToDoc(d, { rollout: d.rollout, tiers: edits, disabledGuardrails: [], added: null }));
    setApplied(`${label}: ${Object.entries(edits).map(([id, t]) => `${id} → ${t}`).join(', ')}`);
  };

  return (
    <>
      <div className="sim-card" data-testid="agents">
        <strong>Agents over {active.datasetName}</strong>
        <span className="sim-muted">The rules agent (the SOP's guards) is always compared.</span>
        <div className="sim-controls">
          <label>
            <span>
              <input type="checkbox" checked={learned} onChange={(e) => setLearned(e.target.checked)} data-testid="agents-learned" /> learned agent (random forest per state)
            </span>
          </label>
          <label>
            train share (first by time)
            <input type="number" min={0.1} max={0.9} step={0.05} value={trainShare} disabled={!learned} onChange={(e) => setTrainShare(Math.min(0.9, Math.max(0.1, Number(e.target.value) || 0.7)))} data-testid="agents-train-share" />
          </label>
        </div>
        <div className="sim-controls">
          <label>
            recorded proposals in column
            <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="agents-recorded-column">
              <option value="">—</option>
              {columns.filter((c) => !recorded.includes(c)).map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!pick} onClick={() => { setRecorded([...recorded, pick]); setPick(''); }} data-testid="agents-recorded-add">
            Add recorded agent
          </button>
        </div>
        {recorded.length > 0 && (
          <ul data-testid="agents-recorded-list">
            {recorded.map((c) => (
              <li key={c}>
                recorded:{c}{' '}
                <button type="button" onClick={() => setRecorded(recorded.filter((x) => x !== c))} aria-label={`remove recorded:${c}`}>×</button>
              </li>
            ))}
          </ul>
        )}
        <div className="sim-row">
          <span className="sim-muted" data-testid="agents-progress">{progress ?? ''}</span>
          <span className="sim-row">
            {busy && (
              <button type="button" onClick={() => { if (cancel.current) cancel.current.cancelled = true; setProgress(null); }} data-testid="agents-cancel">
                Cancel
              </button>
            )}
            <button type="button" className="sim-primary" disabled={busy || !dataset} onClick={() => void run()} data-testid="agents-compare-run">
              {busy ? 'Comparing…' : 'Compare agents'}
            </button>
          </span>
        </div>
        {error && <div className="sim-error">{error}</div>}
      </div>
      {cmp && <AgentComparisonPanel comparison={cmp} />}
      {cmp && (
        <div className="sim-card" data-testid="agents-apply">
          <div className="sim-controls">
            <label>
              Earned tiers of
              <select value={applyOf} onChange={(e) => { setApplyOf(e.target.value); setApplied(null); }} data-testid="agents-apply-policy">
                {cmp.policies.map((p) => (
                  <option key={p.policy} value={p.policy}>{p.policy}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={apply} disabled={applyBlocked !== null} title={applyBlocked ?? 'Write these tiers into the graph (one undoable edit)'} data-testid="agents-apply-tiers">
              Apply earned tiers ({nEdits})
            </button>
          </div>
          {applyBlocked && <div className="sim-muted">{applyBlocked}</div>}
          {applied && <div className="sim-muted" data-testid="agents-applied">Applied {applied}. Undo reverts it in one step.</div>}
        </div>
      )}
    </>
  );
}
