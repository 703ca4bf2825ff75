import { describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import type { GraphDoc, RecordedCase } from '../../../shared/model/types';
import { simulate } from '../../../shared/replay/aggregate';
import { whatIf } from '../../../shared/replay/whatIf';
import { CASE_FLAG, chunkRow, DataDb, type DatasetRow } from './db';
import { runReplay } from './runPipeline';

const refund = refundJson as unknown as GraphDoc;

// DESIGN.md's worked example
const cases: RecordedCase[] = [
  {
    caseId: 'c1',
    attributes: { amount: 40, fraudScore: 0.1 },
    events: [{ activity: 'Triage request', timestamp: Date.UTC(2024, 0, 3) }, { activity: 'Issue refund' }],
  },
  {
    caseId: 'c2',
    attributes: { amount: 80, fraudScore: 0.2 },
    events: [
      { activity: 'Triage request', timestamp: Date.UTC(2024, 1, 3) },
      { activity: 'Manual review' },
      { activity: 'Issue refund' },
    ],
  },
  {
    caseId: 'c3',
    attributes: { amount: 700, fraudScore: 0.9 },
    events: [{ activity: 'Triage request' }, { activity: 'Reject request' }, { activity: 'Send survey' }],
  },
  {
    caseId: 'c4',
    attributes: { amount: 300, fraudScore: 0.5 },
    events: [{ activity: 'Triage request' }, { activity: 'Manual review' }, { activity: 'Issue refund' }],
  },
  {
    caseId: 'c5',
    attributes: { amount: 50, fraudScore: 0.1 },
    events: [{ activity: 'Triage request' }, { activity: 'Call customer' }],
  },
];

/** An independent canonical JSON (keys sorted, no whitespace) for the hash oracle below. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** DESIGN's content hash: SHA-256 of everything but version, exports and layout (digested here, not by the app's code). */
async function expectedHash(doc: GraphDoc): Promise<string> {
  const rest: Record<string, unknown> = { ...doc };
  delete rest.version;
  delete rest.exports;
  delete rest.layout;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical(rest))));
  return `sha256:${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function seed(name: string, perChunk: number): Promise<DataDb> {
  const db = new DataDb(name);
  const chunks: RecordedCase[][] = [];
  for (let i = 0; i < cases.length; i += perChunk) chunks.push(cases.slice(i, i + perChunk));
  const row: DatasetRow = {
    id: 'ds',
    name: 'worked',
    fileName: 'w.csv',
    format: 'csv',
    gzip: false,
    status: 'ready',
    createdAt: 0,
    chunkCount: chunks.length,
    stats: {
      cases: cases.length,
      events: 0,
      activities: {},
      variants: 0,
      topVariants: [],
      firstTimestamp: null,
      lastTimestamp: null,
    },
  };
  await db.datasets.put(row);
  await db.caseChunks.bulkPut(chunks.map((c, index) => chunkRow('ds', index, c)));
  return db;
}

describe('runReplay over stored chunks', () => {
  it('gives exactly what simulate() gives, stores the run and flags the cases', async () => {
    // given the worked example stored in chunks of two cases
    const db = await seed('run-test-1', 2);
    const progress: number[] = [];
    // when the graph is replayed from the chunks
    const out = await runReplay(
      db,
      { runId: 'r1', datasetId: 'ds', datasetName: 'worked', projectId: null, doc: refund, rollout: 'autonomy' },
      { onProgress: (n) => progress.push(n) },
    );
    // then the result equals the engine's own simulate() over the same cases
    const expected = await simulate(refund, cases, { rollout: 'autonomy' });
    expect(out.result.totals).toEqual(expected.totals);
    expect(out.result.perState).toEqual(expected.perState);
    expect(out.result.totals.autoErrors).toBe(1);
    expect(out.result.totals.deviations).toBe(2);
    expect(progress).toEqual([2, 4, 5]);
    // and the run is stored with its flagged cases and their locations
    const row = await db.runs.get('r1');
    expect(row?.status).toBe('done');
    expect(row?.graphName).toBe('Refund requests');
    const flags = Object.fromEntries((row?.flagged ?? []).map((f) => [f.caseId, f]));
    expect(flags.c2).toEqual({ caseId: 'c2', chunk: 0, pos: 1, flags: CASE_FLAG.autoError });
    expect(flags.c3!.flags).toBe(CASE_FLAG.deviated);
    expect(flags.c5).toEqual({ caseId: 'c5', chunk: 2, pos: 0, flags: CASE_FLAG.deviated });
    expect(flags.c1).toBeUndefined();
    // and the case attributes it saw, which what-if conditions are checked against
    expect(row?.caseFields).toEqual(['amount', 'fraudScore']);
    db.close();
  });

  it('keeps facts that what-if re-scores like a fresh run of the variant', async () => {
    const db = await seed('run-test-2', 3);
    const out = await runReplay(db, {
      runId: 'r2',
      datasetId: 'ds',
      datasetName: 'worked',
      projectId: null,
      doc: refund,
      rollout: 'autonomy',
    });
    const rescored = whatIf(out.compiled, out.facts, { rollout: 'assist' });
    const fresh = await simulate(refund, cases, { rollout: 'assist' });
    expect(rescored.totals).toEqual(fresh.totals);
    expect(rescored.totals.autoSteps).toBe(0);
    expect(rescored.totals.overrides).toBe(1);
    db.close();
  });

  it('records the content hash of the graph it replayed, and which project it belongs to', async () => {
    const db = await seed('run-test-5', 5);
    await runReplay(db, {
      runId: 'r5',
      datasetId: 'ds',
      datasetName: 'worked',
      projectId: 'p-a',
      doc: refund,
      rollout: 'autonomy',
    });
    // an edit that changes what the graph means gives another hash; moving a state does not
    const edited = { ...refund, rollout: 'assist' as const };
    const moved = { ...refund, version: 9, layout: { triage: { x: 500, y: 500 } } };
    await runReplay(db, {
      runId: 'r6',
      datasetId: 'ds',
      datasetName: 'worked',
      projectId: 'p-a',
      doc: edited,
      rollout: 'assist',
    });
    await runReplay(db, {
      runId: 'r7',
      datasetId: 'ds',
      datasetName: 'worked',
      projectId: 'p-b',
      doc: moved,
      rollout: 'autonomy',
    });
    const [r5, r6, r7] = await Promise.all(['r5', 'r6', 'r7'].map((id) => db.runs.get(id)));
    expect(r5?.graphHash).toBe(await expectedHash(refund));
    expect(r6?.graphHash).toBe(await expectedHash(edited));
    expect(r6?.graphHash).not.toBe(r5?.graphHash);
    expect(r7?.graphHash).toBe(r5?.graphHash);
    expect((await db.runs.where('projectId').equals('p-a').toArray()).map((r) => r.id).sort()).toEqual(['r5', 'r6']);
    db.close();
  });

  it('rebuilds facts without writing a run when asked not to store', async () => {
    const db = await seed('run-test-4', 2);
    const out = await runReplay(db, {
      runId: 'r4',
      datasetId: 'ds',
      datasetName: 'worked',
      projectId: null,
      doc: refund,
      rollout: 'autonomy',
      store: false,
    });
    expect(out.facts.data.cases).toBe(5);
    expect(await db.runs.count()).toBe(0);
    db.close();
  });

  it('stops on cancel and leaves no run behind', async () => {
    const db = await seed('run-test-3', 1);
    const controller = new AbortController();
    controller.abort();
    await expect(
      runReplay(
        db,
        { runId: 'r3', datasetId: 'ds', datasetName: 'worked', projectId: null, doc: refund, rollout: 'autonomy' },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('cancelled');
    expect(await db.runs.get('r3')).toBeUndefined();
    db.close();
  });
});
