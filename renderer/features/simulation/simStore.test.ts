import { afterEach, describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import { emptyDoc } from '../../../shared/model/edits/empty';
import type { GraphDoc } from '../../../shared/model/types';
import { useEditor } from '../../app/store';
import type { SimulationResult } from '../../../shared/replay/result';
import { toResultView } from './engine';
import { contentHash } from '../../../shared/export/contentHash';
import { projectSwitchSettled, useSim, type ActiveRun } from './simStore';
import { rerunRollout } from './StaleBanner';

const refund = refundJson as unknown as GraphDoc;

function runOf(projectId: string, graphHash = 'sha256:aa'): ActiveRun {
  const result = { totals: { cases: 5 }, perState: {}, perTransition: {} } as unknown as SimulationResult;
  return {
    runId: 'r',
    datasetId: 'ds',
    datasetName: 'worked',
    projectId,
    graphName: 'A',
    graphVersion: 1,
    graphHash,
    graph: refund,
    createdAt: 0,
    rollout: 'autonomy',
    result,
    view: toResultView(result),
  };
}

afterEach(() => useSim.getState().setActive(null));

describe('runs belong to the graph they replayed', () => {
  it('takes graph A’s run off the simulator when graph B is opened, and leaves the Cases tab', async () => {
    // given a run of project A on the canvas, the Cases tab open
    useEditor.getState().openProject('p-a', refund);
    useSim.getState().setActive(runOf('p-a'));
    useSim.getState().setTab('cases');
    // when project B is opened
    useEditor.getState().openProject('p-b', emptyDoc('B'));
    // then nothing of A's run remains at once, and once the hashes differ the tab is one that needs no run
    expect(useSim.getState().active).toBeNull();
    await projectSwitchSettled();
    expect(useSim.getState().active).toBeNull();
    expect(useSim.getState().tab).toBe('run');
  });

  it('keeps the run when the same project is re-opened or edited (the run then turns stale, not gone)', () => {
    useEditor.getState().openProject('p-a', refund);
    useSim.getState().setActive(runOf('p-a'));
    useEditor.getState().openProject('p-a', refund);
    useEditor.getState().edit('rename', (d) => ({ ...d, name: 'A2' }));
    expect(useSim.getState().active?.runId).toBe('r');
  });
});

describe('the same graph version opened as another project', () => {
  it('gets its run back once the hashes match (the same file opened again)', async () => {
    useEditor.getState().openProject('p-a', refund);
    useSim.getState().setActive(runOf('p-a', await contentHash(refund)));
    // the same document under another project, moved on the canvas (layout is not hashed)
    useEditor.getState().openProject('p-c', { ...refund, layout: { triage: { x: 9, y: 9 } } });
    expect(useSim.getState().active).toBeNull();
    await projectSwitchSettled();
    expect(useSim.getState().active?.runId).toBe('r');
  });

  it('does not get it back for a graph that differs', async () => {
    useEditor.getState().openProject('p-a', refund);
    useSim.getState().setActive(runOf('p-a', await contentHash(refund)));
    useEditor.getState().openProject('p-d', { ...refund, rollout: 'observe' });
    await projectSwitchSettled();
    expect(useSim.getState().active).toBeNull();
  });
});

describe('Run again', () => {
  it('follows the open graph’s rollout unless the run had chosen its own', () => {
    const edited = { ...refund, rollout: 'assist' as const };
    expect(rerunRollout({ rollout: 'autonomy', graph: refund }, edited)).toBe('assist');
    expect(rerunRollout({ rollout: 'observe', graph: refund }, edited)).toBe('observe');
  });
});
