/**
 * Starting a replay and putting a stored run on the canvas — shared by the Run tab and the
 * out-of-date notice's "Run again". The active run is always built from the STORED row (the worker
 * hashed the very document it replayed), so what the UI claims about a run is what was recorded.
 */
import type { GraphDoc, Rollout } from '../../../shared/model/types';
import type { SimulationResult } from '../../../shared/replay/result';
import { contentHash } from '../../../shared/export/contentHash';
import { useEditor } from '../../app/store';
import type { RunProgress } from '../../workers/replayProtocol';
import { dataDb, newId, type RunRow } from './db';
import { toResultView } from './engine';
import { RunSession } from './runClient';
import { runBelongsTo } from './runIdentity';
import { useSim, type ActiveRun } from './simStore';

/** The active-run view of a stored, finished run; null when it holds no result. */
function activeFromRow(run: RunRow): ActiveRun | null {
  const result = run.result as SimulationResult | undefined;
  if (!result || run.status !== 'done') return null;
  return {
    runId: run.id,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    projectId: run.projectId,
    graphName: run.graphName,
    graphVersion: run.graphVersion,
    graphHash: run.graphHash ?? null,
    graph: run.graph as GraphDoc,
    createdAt: run.createdAt,
    rollout: run.rollout,
    ...(run.caseFields ? { caseFields: run.caseFields } : {}),
    result,
    view: toResultView(result),
  };
}

/** Put a stored run on the canvas (no live worker: what-if rebuilds its facts when asked). */
export function activateRun(run: RunRow, session: RunSession | null = null): void {
  const active = activeFromRow(run);
  if (active) useSim.getState().setActive(active, session);
}

export interface StartRun {
  dataset: { id: string; name: string };
  doc: GraphDoc;
  projectId: string | null;
  rollout: Rollout;
  onError(message: string): void;
}

/**
 * Replay `doc` over the dataset in a worker. The finished run becomes active only if it belongs
 * to the graph open by then (a run of graph A finishing after B was opened is stored, not shown).
 */
export function startRun({ dataset, doc, projectId, rollout, onError }: StartRun): void {
  const request = { runId: newId('run'), datasetId: dataset.id, datasetName: dataset.name, projectId, doc, rollout };
  const running = (progress: RunProgress | null) => ({ progress, session, projectId, graphName: doc.name });
  const session: RunSession = new RunSession(request, (progress) => useSim.getState().setRunning(running(progress)));
  useSim.getState().setRunning(running(null));
  session.done
    .then(async (done) => {
      const s = useSim.getState();
      s.setRunning(null);
      s.bumpData();
      if (!done) return;
      const row = await dataDb().runs.get(done.runId);
      const open = useEditor.getState();
      const openHash = open.projectId === projectId ? null : await contentHash(open.doc);
      const owner = { projectId: row?.projectId ?? projectId, graphHash: row?.graphHash ?? null };
      if (row && runBelongsTo(owner, useEditor.getState().projectId, openHash)) activateRun(row, session);
      else session.dispose();
    })
    .catch((e: unknown) => {
      useSim.getState().setRunning(null);
      onError(e instanceof Error ? e.message : String(e));
    });
}
