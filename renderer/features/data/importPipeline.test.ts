import { describe, expect, it } from 'vitest';
import handmadeCsv from '../../../fixtures/import/lifecycle/handmade.csv?raw';
import { DataDb, readDatasetCases } from '../simulation/db';
import { ImportCancelled, importDataset, type ImportRequest } from './importPipeline';

const csv = [
  'case_id,activity,timestamp,amount',
  'c1,Triage request,2024-01-03T10:00:00Z,40',
  'c1,Issue refund,2024-01-03T11:00:00Z,40',
  'c2,Triage request,2024-02-01T10:00:00Z,80',
  'c2,Manual review,2024-02-01T12:00:00Z,80',
  'c2,Issue refund,2024-02-02T09:00:00Z,80',
  'c3,Triage request,2024-03-05T10:00:00Z,700',
  'c3,Call customer,2024-03-05T10:30:00Z,700',
  '',
].join('\n');

/** The text as a byte stream cut into small pieces, like a File stream (rows split across chunks). */
async function* bytes(text: string, piece = 17): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += piece) yield all.slice(i, i + piece);
}

const request = (id: string): ImportRequest => ({
  datasetId: id,
  name: 'refunds',
  fileName: 'refunds.csv',
  format: 'csv',
  gzip: false,
  totalBytes: csv.length,
  mapping: { caseId: 'case_id', activity: 'activity', timestamp: 'timestamp' },
});

/** gzip through the platform's CompressionStream (Node 20 and browsers). */
async function gzipped(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

describe('importDataset', () => {
  it('streams a CSV into chunks with the dataset figures and keeps the mapping', async () => {
    // given a three-case log and chunks of two cases
    const db = new DataDb('import-test-1');
    // when it is imported
    const row = await importDataset(db, request('d1'), bytes(csv), { casesPerChunk: 2 });
    // then the dataset is ready with its figures and mapping
    expect(row.status).toBe('ready');
    expect(row.chunkCount).toBe(2);
    expect(row.stats).toMatchObject({
      cases: 3,
      events: 7,
      variants: 3,
      firstTimestamp: Date.UTC(2024, 0, 3, 10),
      lastTimestamp: Date.UTC(2024, 2, 5, 10, 30),
    });
    expect((await db.datasets.get('d1'))?.mapping).toEqual({
      caseId: 'case_id',
      activity: 'activity',
      timestamp: 'timestamp',
    });
    // and the cases come back from the chunks in order, with typed case attributes
    const back = [];
    for await (const { cases } of readDatasetCases(db, 'd1', row.chunkCount)) back.push(...cases);
    expect(back.map((c) => c.caseId)).toEqual(['c1', 'c2', 'c3']);
    expect(back[1]!.attributes.amount).toBe(80);
    expect(back[1]!.events.map((e) => e.activity)).toEqual(['Triage request', 'Manual review', 'Issue refund']);
    db.close();
  });

  it('removes the partial chunks when cancelled', async () => {
    const db = new DataDb('import-test-2');
    const controller = new AbortController();
    const run = importDataset(db, request('d2'), bytes(csv), {
      casesPerChunk: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
      progressEveryMs: 0,
    });
    await expect(run).rejects.toBeInstanceOf(ImportCancelled);
    expect(await db.caseChunks.where('datasetId').equals('d2').count()).toBe(0);
    expect((await db.datasets.get('d2'))?.status).toBe('cancelled');
    db.close();
  });

  it('reports an unreadable log on the dataset instead of leaving it importing', async () => {
    const db = new DataDb('import-test-3');
    await expect(
      importDataset(db, { ...request('d3'), mapping: { caseId: 'nope', activity: 'activity' } }, bytes(csv)),
    ).rejects.toThrow();
    const row = await db.datasets.get('d3');
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/nope/);
    db.close();
  });

  it('reads gzip-compressed CSV and one-case-per-line JSONL the same way', async () => {
    const db = new DataDb('import-test-4');
    const gz = await importDataset(db, { ...request('d4'), gzip: true }, once(await gzipped(csv)));
    expect(gz.stats).toMatchObject({ cases: 3, events: 7, variants: 3 });
    const jsonl = [
      JSON.stringify({
        caseId: 'c1',
        attributes: { amount: 40 },
        events: [{ activity: 'Triage request' }, { activity: 'Issue refund' }],
      }),
      JSON.stringify({ caseId: 'c2', attributes: { amount: 80 }, events: [{ activity: 'Triage request' }] }),
      '',
    ].join('\n');
    const j = await importDataset(db, { ...request('d5'), format: 'jsonl', mapping: undefined }, bytes(jsonl));
    expect(j.stats).toMatchObject({ cases: 2, events: 3, variants: 2 });
    db.close();
  });
});

describe('importDataset: progress and the import account', () => {
  it('gzip progress counts decompressed bytes, so it ends at the text size (not the compressed size)', async () => {
    const db = new DataDb('import-test-progress');
    const compressed = await gzipped(csv);
    const seen: number[] = [];
    await importDataset(db, { ...request('p1'), gzip: true, totalBytes: csv.length }, once(compressed), {
      onProgress: (p) => seen.push(p.bytes),
      progressEveryMs: 0,
    });
    expect(seen.at(-1)).toBe(new TextEncoder().encode(csv).length);
    expect(compressed.length).not.toBe(csv.length);
    db.close();
  });

  it('a fast import still reports each 5% step of a known total (the clock never passes the throttle)', async () => {
    const db = new DataDb('import-test-steps');
    // JSONL streams a case per line (a CSV's cases close only at its end, so its progress is bytes read)
    const rows = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ caseId: `c${i}`, attributes: { amount: i }, events: [{ activity: 'Triage request' }] }),
    );
    // JSONL holds its first 2,000 lines back for the date-order sample (shared/import/jsonl/heldLines.ts):
    // 2,000 blank lines (about 5% of the bytes) go first, so the cases still stream across the other steps
    const text = '\n'.repeat(2000) + [...rows, ''].join('\n');
    const total = new TextEncoder().encode(text).length;
    const shares: number[] = [];
    // a frozen clock: the 150 ms throttle alone would allow one report at the start and the final one
    await importDataset(
      db,
      { ...request('st1'), format: 'jsonl', mapping: undefined, totalBytes: total },
      bytes(text, 64),
      { onProgress: (p) => shares.push(p.bytes / total), now: () => 0 },
    );
    const steps = new Set(shares.filter((s) => s > 0 && s < 1).map((s) => Math.floor(s * 20)));
    // every step from 1 to 19 is crossed while cases stream out (a 5% step is ~1,000 bytes, the parser
    // reads ahead by one 64-byte piece), so each is reported
    expect(steps.size).toBeGreaterThanOrEqual(18);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(shares.at(-1)).toBe(1);
    db.close();
  });

  it('skip and count: the dataset row lists the skipped line and why', async () => {
    const db = new DataDb('import-test-skip');
    const ragged = csv.replace('c2,Manual review,2024-02-01T12:00:00Z,80', 'c2,Manual review');
    const row = await importDataset(db, { ...request('s1'), skipInvalid: true }, bytes(ragged));
    expect(row.stats).toMatchObject({ cases: 3, events: 6 });
    expect(row.importSummary).toMatchObject({
      skipped: 1,
      skippedRows: [{ line: 5, reason: '2 fields where the header has 4' }],
    });
    expect(row.importSummary!.notes).toEqual([]);
    db.close();
  });

  it('the classifier chosen at import names the activities and is saved with the dataset', async () => {
    // fixtures/import/lifecycle/handmade.csv, counted by hand: Register start ×3 / complete ×3,
    // Check start ×2 / complete ×2, Decide complete, Pay schedule, Pay start
    const text = handmadeCsv;
    const db = new DataDb('import-test-classifier');
    const mapping = { caseId: 'case_id', activity: 'activity', lifecycle: 'lifecycle', timestamp: 'timestamp' };
    const req = {
      ...request('k1'),
      totalBytes: text.length,
      mapping,
      classifier: 'name+lifecycle',
      timeZone: 'Europe/Amsterdam',
    };
    const row = await importDataset(db, req, bytes(text));
    expect(row.stats!.activities).toEqual({
      'Register+start': 3,
      'Register+complete': 3,
      'Check+start': 2,
      'Check+complete': 2,
      'Decide+complete': 1,
      'Pay+schedule': 1,
      'Pay+start': 1,
    });
    expect((await db.datasets.get('k1'))?.readChoices).toEqual({
      classifier: 'name+lifecycle',
      timeZone: 'Europe/Amsterdam',
    });
    // the default pairs each start with its complete: 13 events − 5 folded starts = 8
    const paired = await importDataset(db, { ...req, datasetId: 'k2', classifier: undefined }, bytes(text));
    expect(paired.stats!.events).toBe(8);
    expect(paired.importSummary!.lifecycle).toEqual({ start: 6, complete: 6, schedule: 1 });
    db.close();
  });
});
