import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../../shared/model/types';
import { DataDb, decodeCases, deleteDataset, encodeCases } from './db';

describe('chunk encoding', () => {
  it('round-trips cases, keeping Dates in case and event attributes', () => {
    const cases: RecordedCase[] = [
      {
        caseId: 'a',
        attributes: { amount: 40, opened: new Date(Date.UTC(2024, 0, 2)), tags: ['x', { at: new Date(5) }] },
        events: [{ activity: 'A', timestamp: 1, attributes: { due: new Date(7) } }],
      },
      { caseId: 'b', attributes: { ok: true, none: null }, events: [{ activity: 'B' }] },
    ];
    expect(decodeCases(encodeCases(cases))).toEqual(cases);
  });

  it('stays plain JSON when there is no Date', () => {
    const cases: RecordedCase[] = [
      { caseId: 'a', attributes: { amount: 1.5 }, events: [{ activity: 'A', resource: 'r' }] },
    ];
    expect(encodeCases(cases)).toBe(JSON.stringify(cases));
  });
});

describe('runs stored before runs recorded their graph hash', () => {
  it('are upgraded to an explicit unknown version (null), other fields kept', async () => {
    // given a data DB as version 1 wrote it: a run without graphHash
    const name = `upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      datasets: 'id, createdAt',
      caseChunks: '[datasetId+index], datasetId',
      runs: 'id, datasetId, createdAt',
    });
    await v1.table('runs').put({
      id: 'old',
      datasetId: 'ds',
      projectId: 'p-a',
      graphName: 'A',
      graphVersion: 1,
      graph: {},
      rollout: 'assist',
      createdAt: 1,
      status: 'done',
    });
    v1.close();
    // when today's DataDb opens it
    const db = new DataDb(name);
    const run = await db.runs.get('old');
    // then the run is kept, marked of unknown version, and findable by project
    expect(run?.graphHash).toBeNull();
    expect(run?.rollout).toBe('assist');
    expect((await db.runs.where('projectId').equals('p-a').toArray()).map((r) => r.id)).toEqual(['old']);
    db.close();
  });
});

describe('runs stored before agent comparisons were saved (v2)', () => {
  it('open with their runs kept and empty agent-run and model-response tables', async () => {
    // given a data DB as version 2 wrote it
    const name = `upgrade3-${Date.now()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({
      datasets: 'id, createdAt',
      caseChunks: '[datasetId+index], datasetId',
      runs: 'id, datasetId, createdAt, projectId',
    });
    await v2.table('runs').put({
      id: 'r1',
      datasetId: 'ds',
      projectId: 'p',
      graphHash: 'h',
      rollout: 'assist',
      createdAt: 1,
      status: 'done',
    });
    v2.close();
    // when today's DataDb opens it
    const db = new DataDb(name);
    // then the run is untouched and agent comparisons can be saved beside it and found by run
    expect(await db.runs.get('r1')).toMatchObject({ graphHash: 'h', rollout: 'assist' });
    expect(await db.agentRuns.count()).toBe(0);
    await db.agentRuns.put({
      id: 'a1',
      runId: 'r1',
      datasetId: 'ds',
      createdAt: 2,
      policies: [{ kind: 'rules' }],
      options: { threshold: 0.05, minCases: 30, trainShare: 0.7 },
      comparison: {},
      learnedModels: {},
      partial: null,
      ms: 1,
    });
    expect((await db.agentRuns.where('runId').equals('r1').toArray()).map((r) => r.id)).toEqual(['a1']);
    await db.modelResponses.put({ key: 'k', text: '{}', createdAt: 3 });
    expect((await db.modelResponses.get('k'))?.text).toBe('{}');
    db.close();
  });
});

describe('deleting a dataset', () => {
  it('takes the agent comparisons saved with its runs along, and leaves other datasets’ ones', async () => {
    const db = new DataDb(`delete-${Date.now()}`);
    const row = (id: string, datasetId: string) => ({
      id,
      runId: `run-${datasetId}`,
      datasetId,
      createdAt: 1,
      policies: [],
      options: { threshold: 0.05, minCases: 30, trainShare: 0.7 },
      comparison: {},
      learnedModels: {},
      partial: null,
      ms: 1,
    });
    await db.agentRuns.bulkPut([row('a1', 'gone'), row('a2', 'kept')]);
    await deleteDataset(db, 'gone');
    expect((await db.agentRuns.toArray()).map((r) => r.id)).toEqual(['a2']);
    db.close();
  });
});
