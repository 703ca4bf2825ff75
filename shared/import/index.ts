/**
 * Event-log import: bytes (CSV, XES, JSONL, optionally gzip) → a stream of {@link RecordedCase}.
 * Pure TypeScript (no Node, no DOM) so the CLI, the benchmark and the simulator's Web Worker
 * share it. Node file adapters live in cli/node/.
 */
import type { RecordedCase } from '../model/types';
import { eachCase } from './batches';
import { readCsvBatches } from './csv/readCsv';
import { readJsonlBatches } from './jsonl/readJsonl';
import { readXesBatches } from './xes/readXes';
import { ImportError, newSummary, type ImportOptions, type ImportSummary } from './types';

export * from './types';
export { detectFormat } from './detectFormat';
export { gunzip } from './gunzip';
export { previewCsv } from './csv/mapping';
export { computeStats, StatsCollector, type VariantCount } from './stats';

/**
 * Reads a log as a stream of cases. Pass `summary` to learn, once the generator is done, how
 * many invalid events were skipped, which event order was used and any warnings.
 * Throws {@link ImportError} (naming the line or trace) on input it cannot read.
 */
export function readCases(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary = newSummary(),
): AsyncGenerator<RecordedCase> {
  return eachCase(readCaseBatches(bytes, options, summary));
}

/**
 * {@link readCases}' cases in batches (the cases each text chunk completed, in order): for a
 * consumer that takes them so, one async step per chunk instead of one per case (batches.ts).
 */
export function readCaseBatches(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary = newSummary(),
): AsyncGenerator<RecordedCase[]> {
  summary.ordering = options.sortByTimestamp ? 'timestamp' : 'file';
  switch (options.format) {
    case 'csv':
      return readCsvBatches(bytes, options, summary);
    case 'xes':
      return readXesBatches(bytes, options, summary);
    case 'jsonl':
      return readJsonlBatches(bytes, options, summary);
    default:
      return failing(new ImportError(`unknown log format "${String(options.format)}" (csv, xes or jsonl)`));
  }
}

async function* failing(error: ImportError): AsyncGenerator<RecordedCase[]> {
  throw error;
}
