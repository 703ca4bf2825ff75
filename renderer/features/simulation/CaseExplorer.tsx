/**
 * Case explorer: filter the run's cases by outcome, open one and step through it. The case is
 * re-replayed on demand (one case is microseconds) rather than storing every trace. Each step shows
 * the recorded event beside the graph path, the agent's choice against the human's, the tier that
 * applied and why; the canvas highlights the current state and edges.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { GraphDoc, RecordedCase, Rollout } from '../../../shared/model/types';
import { fmtInt } from '../data/format';
import { CASE_FLAG, dataDb, loadCase, type CaseFlagName } from './db';
import { replayOne, type TraceView } from './engine';
import { useSim } from './simStore';
import { CaseSteps } from './CaseSteps';
import { ModelReasons } from './agents/ModelReasons';

const FILTERS: Array<{ key: CaseFlagName | 'any'; label: string }> = [
  { key: 'any', label: 'any outcome' },
  { key: 'overridden', label: 'overridden' },
  { key: 'autoError', label: 'auto error' },
  { key: 'deviated', label: 'deviated' },
  { key: 'abstained', label: 'abstained' },
];

const SHOW = 200;

export function CaseExplorer() {
  const active = useSim((s) => s.active);
  const setHighlight = useSim((s) => s.setHighlight);
  const [filter, setFilter] = useState<CaseFlagName | 'any'>('overridden');
  const [open, setOpen] = useState<{ c: RecordedCase; trace: TraceView } | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const run = useLiveQuery(() => (active ? dataDb().runs.get(active.runId) : undefined), [active?.runId]);

  const matching = useMemo(() => {
    const all = run?.flagged ?? [];
    return filter === 'any' ? all : all.filter((c) => c.flags & CASE_FLAG[filter]);
  }, [run, filter]);

  // leaving the explorer (or closing a case) removes the highlight from the canvas
  useEffect(() => () => setHighlight(null), [setHighlight]);
  useEffect(() => {
    if (!open) return setHighlight(null);
    const s = open.trace.steps[step];
    if (s)
      setHighlight({ states: [s.state], transitions: [s.human, ...(s.agent && s.agent !== s.human ? [s.agent] : [])] });
    else if (open.trace.deviatedAt) setHighlight({ states: [open.trace.deviatedAt] });
  }, [open, step, setHighlight]);

  if (!active || !run) return <div className="sim-card sim-muted">Run a replay first (Run tab).</div>;

  const openCase = async (chunk: number, pos: number) => {
    setError(null);
    const c = await loadCase(dataDb(), run.datasetId, chunk, pos);
    if (!c) return setError('That case is no longer in the dataset.');
    const trace = replayOne(run.graph as GraphDoc, run.rollout as Rollout, c);
    setOpen({ c, trace });
    setStep(0);
  };

  return (
    <>
      <div className="sim-card" data-testid="case-explorer">
        <div className="sim-controls">
          <label>
            Show cases
            <select
              value={filter}
              onChange={(e) => setFilter(e.target.value as CaseFlagName | 'any')}
              data-testid="case-filter"
            >
              {FILTERS.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <span className="sim-muted">
            {fmtInt(matching.length)} case{matching.length === 1 ? '' : 's'}
            {run.flaggedTotal !== undefined && run.flagged && run.flaggedTotal > run.flagged.length
              ? ` (first ${fmtInt(run.flagged.length)} of ${fmtInt(run.flaggedTotal)} flagged kept)`
              : ''}
          </span>
        </div>
        <ul className="sim-list sim-case-list" data-testid="case-list">
          {matching.slice(0, SHOW).map((c) => (
            <li key={`${c.chunk}:${c.pos}`} className={open?.c.caseId === c.caseId ? 'sim-selected' : undefined}>
              <button
                type="button"
                className="sim-link"
                onClick={() => void openCase(c.chunk, c.pos)}
                data-testid="case-item"
              >
                {c.caseId}
              </button>
              <span className="sim-muted">
                {FILTERS.filter((f) => f.key !== 'any' && c.flags & CASE_FLAG[f.key])
                  .map((f) => f.label)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
        {error && <div className="sim-error">{error}</div>}
      </div>
      {open && <CaseSteps c={open.c} trace={open.trace} step={step} setStep={setStep} onClose={() => setOpen(null)} />}
      {open && (
        <ModelReasons runId={run.id} graph={run.graph as GraphDoc} rollout={run.rollout as Rollout} c={open.c} />
      )}
    </>
  );
}
