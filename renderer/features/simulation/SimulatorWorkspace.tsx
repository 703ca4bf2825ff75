/**
 * The analyst's workspace, shown beside the canvas in 'simulate' mode: datasets (import, mapping,
 * figures), replay runs, the case explorer, what-if and recommendations. It paints the active run
 * on the canvas through the editor store's overlay and clears it when it goes away.
 */
import { useEffect, useMemo } from 'react';
import { flattenMachine } from '../../../shared/model/flatten';
import { useEditor } from '../../app/store';
import { DatasetList } from '../data/DatasetList';
import { DatasetPage } from '../data/DatasetPage';
import { ImportPanel } from '../data/ImportPanel';
import { AgentsPanel } from './agents/AgentsPanel';
import { CaseExplorer } from './CaseExplorer';
import { RecommendationsPanel } from './RecommendationsPanel';
import { runLabel } from './runIdentity';
import { RunPanel } from './RunPanel';
import { buildRunOverlay } from './runOverlay';
import { StaleBanner } from './StaleBanner';
import { useSim, type SimTab } from './simStore';
import { StatePanel } from './StatePanel';
import { isOutOfDate, useRunStanding } from './useRunStanding';
import { WhatIfPanel } from './WhatIfPanel';
import './simulator.css';

const TABS: Array<{ id: SimTab; label: string; needsRun: boolean }> = [
  { id: 'data', label: 'Data', needsRun: false },
  { id: 'run', label: 'Run', needsRun: false },
  { id: 'cases', label: 'Cases', needsRun: true },
  { id: 'whatif', label: 'What-if', needsRun: true },
  { id: 'recs', label: 'Recommendations', needsRun: true },
  { id: 'agents', label: 'Agents', needsRun: true },
];

/**
 * Keeps the canvas overlay in step with the active run and the case explorer's highlight. The
 * title names the run by its graph's content hash and time (version numbers do not change on
 * edits), and an out-of-date run's overlay carries the notice so the canvas dims it.
 */
function useRunOverlay(stale: boolean) {
  const active = useSim((s) => s.active);
  const highlight = useSim((s) => s.highlight);
  const variant = useSim((s) => s.canvasVariant);
  const machine = useEditor((s) => s.doc.machine);
  const setOverlay = useEditor((s) => s.setOverlay);
  const flat = useMemo(() => flattenMachine(machine), [machine]);
  useEffect(() => {
    if (!active) return setOverlay(null);
    const base = `${runLabel(active)} · ${active.view.totals.cases} cases`;
    const named = variant ? `What-if: ${variant.label} · ${base}` : `${base} · ${active.rollout}`;
    const title = stale ? `Out of date · ${named}` : named;
    const overlay = buildRunOverlay(flat, variant?.view ?? active.view, { title, highlight: highlight ?? undefined });
    setOverlay(
      stale
        ? { ...overlay, stale: 'From an earlier version of this graph: run again to see the figures of this one.' }
        : overlay,
    );
  }, [active, variant, highlight, flat, setOverlay, stale]);
  useEffect(() => () => setOverlay(null), [setOverlay]);
}

export function SimulatorWorkspace() {
  const tab = useSim((s) => s.tab);
  const setTab = useSim((s) => s.setTab);
  const hasRun = useSim((s) => s.active !== null);
  const standing = useRunStanding();
  const stale = isOutOfDate(standing);
  useRunOverlay(stale);
  return (
    <section className={stale ? 'simulator is-stale' : 'simulator'} data-testid="simulator">
      <nav className="sim-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            disabled={t.needsRun && !hasRun}
            onClick={() => setTab(t.id)}
            data-testid={`sim-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <StaleBanner standing={standing} />
      <div className="sim-body">
        {tab === 'data' && (
          <>
            <ImportPanel />
            <DatasetList />
            <DatasetPage />
          </>
        )}
        {tab === 'run' && <RunPanel />}
        {tab === 'cases' && <CaseExplorer />}
        {tab === 'whatif' && <WhatIfPanel />}
        {tab === 'recs' && <RecommendationsPanel />}
        {tab === 'agents' && <AgentsPanel />}
        {tab !== 'data' && <StatePanel />}
      </div>
    </section>
  );
}
