/**
 * Import an event log into the data DB: bytes → (gunzip) → shared/import's streaming reader →
 * chunks of CASES_PER_CHUNK cases written as they fill. The reader waits while a chunk is written,
 * so memory holds one chunk plus the parser's buffers, whatever the file size.
 *
 * Runs inside the import Web Worker (renderer/workers/import.worker.ts) and in Node tests.
 */
import { gunzip, ImportError, newSummary, readCases, type DateOrder, type ImportSummary } from '../../../shared/import';
import type { RecordedCase } from '../../../shared/model/types';
import {
  CASES_PER_CHUNK,
  chunkRow,
  type ColumnMapping,
  type DataDb,
  type DatasetFormat,
  type DatasetRow,
} from '../simulation/db';
import { DatasetStatsAccumulator } from './datasetStats';
import { countBytes, throttle } from './streams';

export interface ImportRequest {
  datasetId: string;
  name: string;
  fileName: string;
  format: DatasetFormat;
  gzip: boolean;
  /** File size; for gzip, the decompressed size estimated from the gzip trailer (see importClient). */
  totalBytes: number;
  mapping?: ColumnMapping;
  sortByTimestamp?: boolean;
  skipInvalid?: boolean;
  classifier?: string;
  dateOrder?: DateOrder;
  timeZone?: string;
}

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  cases: number;
  events: number;
  ms: number;
  /** Events per second so far. */
  eventsPerSecond: number;
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Progress messages at most this often (ms). */
  progressEveryMs?: number;
  casesPerChunk?: number;
  now?: () => number;
}

/** Thrown (and recognised by callers) when the signal aborted the import. */
export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

/**
 * Import `bytes` as dataset `req.datasetId`. On success the dataset row is `ready` with its stats;
 * on cancel or failure the partial chunks are removed and the row says why.
 */
/** How many equal steps of a known total each get a progress report, however fast the import runs. */
const PROGRESS_STEPS = 20;

export async function importDataset(
  db: DataDb,
  req: ImportRequest,
  bytes: AsyncIterable<Uint8Array>,
  opts: ImportOptions = {},
): Promise<DatasetRow> {
  const now = opts.now ?? (() => performance.now());
  const perChunk = opts.casesPerChunk ?? CASES_PER_CHUNK;
  const started = now();
  const row: DatasetRow = {
    id: req.datasetId,
    name: req.name,
    fileName: req.fileName,
    format: req.format,
    gzip: req.gzip,
    mapping: req.mapping,
    readChoices: readChoices(req),
    status: 'importing',
    createdAt: Date.now(),
    chunkCount: 0,
  };
  await db.datasets.put(row);

  const counter = { bytes: 0 };
  const summary = newSummary();
  const stats = new DatasetStatsAccumulator();
  const due = throttle(opts.progressEveryMs ?? 150, now);
  // Besides the time throttle, every 5% step of a known total is reported: a fast import (a small
  // log, a quick machine) still shows the bar moving instead of jumping from 0 to done.
  let lastStep = 0;
  const stepDue = () => {
    if (!req.totalBytes) return false;
    const step = Math.floor((counter.bytes / req.totalBytes) * PROGRESS_STEPS);
    if (step <= lastStep) return false;
    lastStep = step;
    return true;
  };
  const report = (force = false) => {
    if (!opts.onProgress) return;
    const stepped = stepDue();
    if (!due(force || stepped)) return;
    const ms = now() - started;
    opts.onProgress({
      bytes: counter.bytes,
      totalBytes: req.totalBytes,
      cases: stats.caseCount,
      events: stats.eventCount,
      ms,
      eventsPerSecond: ms > 0 ? (stats.eventCount * 1000) / ms : 0,
    });
  };

  let chunk: RecordedCase[] = [];
  let chunkCount = 0;
  let writeMs = 0;
  let encodeMs = 0;
  let statsMs = 0;
  // One write in flight while the next chunk is parsed: IndexedDB works while the parser does,
  // and memory still holds at most two chunks.
  let inFlight: Promise<void> | null = null;
  const flush = async () => {
    if (inFlight) {
      const t = now();
      await inFlight;
      writeMs += now() - t;
    }
    if (chunk.length === 0) return;
    const t0 = now();
    const row = chunkRow(req.datasetId, chunkCount, chunk);
    encodeMs += now() - t0;
    const write = db.caseChunks.put(row).then(() => undefined);
    write.catch(() => undefined); // awaited by the next flush; this only avoids an "unhandled" report meanwhile
    inFlight = write;
    chunkCount++;
    chunk = [];
  };
  const drain = async () => {
    await flush();
    await flush();
  };

  try {
    // progress counts the bytes the parser has been given: for gzip the decompressed ones (the
    // decompressor reads the compressed file far ahead of the parser, so those read 100% at once)
    const source = countBytes(req.gzip ? gunzip(bytes) : bytes, counter);
    const cases = readCases(
      source,
      {
        format: req.format,
        mapping: req.mapping,
        sortByTimestamp: req.sortByTimestamp,
        skipInvalid: req.skipInvalid,
        classifier: req.classifier,
        dateOrder: req.dateOrder,
        timeZone: req.timeZone,
        signal: opts.signal,
      },
      summary,
    );
    for await (const c of cases) {
      if (opts.signal?.aborted) throw new ImportCancelled();
      const ts = now();
      stats.add(c);
      statsMs += now() - ts;
      chunk.push(c);
      if (chunk.length >= perChunk) await flush();
      report();
    }
    if (opts.signal?.aborted) throw new ImportCancelled();
    await drain();
    report(true);
    const done: DatasetRow = {
      ...row,
      status: 'ready',
      chunkCount,
      stats: stats.result(10),
      importSummary: plainSummary(summary),
      importMs: now() - started,
      writeMs,
      encodeMs,
      statsMs,
    };
    await db.datasets.put(done);
    return done;
  } catch (e) {
    const cancelled = e instanceof ImportCancelled || opts.signal?.aborted === true;
    // strict by default, and the message says how to get past one bad row
    if (e instanceof ImportError && e.skippable)
      e.message += ' (to import the rest, choose “Skip and count rows that cannot be read”)';
    // (a closure assigns it: TypeScript cannot see that, hence the cast)
    await (inFlight as Promise<void> | null)?.catch(() => undefined);
    await db.caseChunks.where('datasetId').equals(req.datasetId).delete();
    const failed: DatasetRow = {
      ...row,
      status: cancelled ? 'cancelled' : 'failed',
      error: cancelled ? undefined : String((e as Error)?.message ?? e),
      chunkCount: 0,
    };
    await db.datasets.put(failed);
    if (cancelled) throw new ImportCancelled();
    throw e;
  }
}

/** The read options of the request that were set (saved with the dataset, shown on its page). */
function readChoices(req: ImportRequest): DatasetRow['readChoices'] {
  const out: NonNullable<DatasetRow['readChoices']> = {};
  if (req.classifier) out.classifier = req.classifier;
  if (req.dateOrder) out.dateOrder = req.dateOrder;
  if (req.timeZone) out.timeZone = req.timeZone;
  if (req.skipInvalid) out.skipInvalid = true;
  return out;
}

/** The summary as plain data for IndexedDB (structured clone keeps no null prototype anyway). */
function plainSummary(s: ImportSummary): ImportSummary {
  return { ...s, lifecycle: { ...s.lifecycle } };
}
