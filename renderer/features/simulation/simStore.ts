/**
 * UI state of the simulator workspace (which dataset, which run, which tab, the open case). Kept
 * out of the editor store: none of it is part of the document or its undo history.
 */
import { create } from 'zustand';
import type { CanvasOverlay } from '../../app/overlay';
import { useEditor } from '../../app/store';
import { contentHash } from '../../../shared/export/contentHash';
import type { GraphDoc } from '../../../shared/model/types';
import type { RunProgress } from '../../workers/replayProtocol';
import type { RunSession } from './runClient';
import type { SimulationResult } from '../../../shared/replay/result';
import type { ResultView } from './resultView';

export type SimTab = 'data' | 'run' | 'cases' | 'whatif' | 'recs' | 'agents';

/** The run whose figures are on the canvas. */
export interface ActiveRun {
  runId: string;
  datasetId: string;
  datasetName: string;
  /** The project (graph) it belongs to; it is taken off every view when another one opens. */
  projectId: string | null;
  graphName: string;
  graphVersion: number;
  /** Content hash of the graph replayed (null: stored before runs recorded it). */
  graphHash: string | null;
  /** The graph replayed, frozen: what the open graph is compared with for the out-of-date notice. */
  graph: GraphDoc;
  createdAt: number;
  rollout: string;
  /** Case attribute names seen in the data (RunRow.caseFields); undefined for older runs. */
  caseFields?: string[];
  result: SimulationResult;
  /** `result` adapted for the panels (toResultView). */
  view: ResultView;
}

export interface SimState {
  tab: SimTab;
  datasetId: string | null;
  /** Bumped when a worker wrote to the data DB, so live queries re-read (workers are other realms). */
  dataVersion: number;
  active: ActiveRun | null;
  /** The worker that produced `active` and still holds its facts (what-if); null for stored runs. */
  session: RunSession | null;
  running: { progress: RunProgress | null; session: RunSession; projectId: string | null; graphName: string } | null;
  /** A what-if variant painted on the canvas instead of the active run (null: the run itself). */
  canvasVariant: { label: string; view: ResultView } | null;
  setCanvasVariant(v: SimState['canvasVariant']): void;
  /** Case explorer's highlight on the canvas (current state / edge of the open case). */
  highlight: CanvasOverlay['highlight'] | null;
  bumpData(): void;
  setTab(tab: SimTab): void;
  setDataset(id: string | null): void;
  setActive(active: ActiveRun | null, session?: RunSession | null): void;
  setRunning(running: SimState['running']): void;
  /** Attach a worker holding the active run's facts (a stored run reopened for what-if). */
  attachSession(session: RunSession): void;
  setHighlight(h: CanvasOverlay['highlight'] | null): void;
}

export const useSim = create<SimState>()((set, get) => ({
  tab: 'data',
  datasetId: null,
  dataVersion: 0,
  active: null,
  session: null,
  running: null,
  highlight: null,
  canvasVariant: null,
  setCanvasVariant: (canvasVariant) => set({ canvasVariant }),
  bumpData: () => set((s) => ({ dataVersion: s.dataVersion + 1 })),
  setTab: (tab) => set({ tab }),
  setDataset: (datasetId) => set({ datasetId }),
  setActive: (active, session = null) => {
    const old = get().session;
    if (old && old !== session) old.dispose();
    set({ active, session, highlight: null, canvasVariant: null });
  },
  setRunning: (running) => set({ running }),
  attachSession: (session) => {
    const old = get().session;
    if (old && old !== session) old.dispose();
    set({ session });
  },
  setHighlight: (highlight) => set({ highlight }),
}));

const NEEDS_RUN: ReadonlySet<SimTab> = new Set(['cases', 'whatif', 'recs', 'agents']);

/**
 * Runs belong to the graph they replayed: opening another project takes the active run (its
 * legend, overlay, cases, what-if worker) off every view at once, rather than each panel
 * filtering, so nothing of graph A can be painted over graph B. If the project opened holds the
 * very same graph version (the same file opened again), the run comes back once the hashes are
 * compared — cleared first, so nothing is shown over the wrong graph in between.
 */
let reclaiming: Promise<void> = Promise.resolve();

/** Resolves once the last project switch's hash comparison is done (tests await it). */
export function projectSwitchSettled(): Promise<void> {
  return reclaiming;
}

useEditor.subscribe((s, prev) => {
  if (s.projectId === prev.projectId) return;
  const sim = useSim.getState();
  const run = sim.active;
  if (!run || run.projectId === s.projectId) return;
  sim.setActive(null);
  const leaveRunTabs = () => {
    if (NEEDS_RUN.has(useSim.getState().tab)) useSim.getState().setTab('run');
  };
  if (run.graphHash === null) return leaveRunTabs();
  const opened = s.doc;
  // the tab moves only once the hashes differ: reopening the same graph (a late project load
  // after a reload) must not pull the user off the tab they are on
  reclaiming = contentHash(opened).then((hash) => {
    const now = useEditor.getState();
    if (hash === run.graphHash && now.doc === opened && useSim.getState().active === null)
      useSim.getState().setActive(run);
    else leaveRunTabs();
  });
});
