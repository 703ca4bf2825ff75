/**
 * Event-log import: bytes (CSV, XES, JSONL, optionally gzip) → a stream of {@link RecordedCase}.
 * Pure TypeScript (no Node, no DOM) so the CLI, the benchmark and the simulator's Web Worker
 * share it. Node file adapters live in cli/node/.
 */
import type { RecordedCase } from '../model/types';
import { readCsv } from './csv/readCsv';
import { readJsonl } from './jsonl/readJsonl';
import { readXes } from './xes/readXes';
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
  summary.ordering = options.sortByTimestamp ? 'timestamp' : 'file';
  // hand out the format reader's own generator: one async-generator layer less per case
  switch (options.format) {
    case 'csv':
      return readCsv(bytes, options, summary);
    case 'xes':
      return readXes(bytes, options, summary);
    case 'jsonl':
      return readJsonl(bytes, options, summary);
    default:
      return failing(new ImportError(`unknown log format "${String(options.format)}" (csv, xes or jsonl)`));
  }
}

async function* failing(error: ImportError): AsyncGenerator<RecordedCase> {
  throw error;
}
