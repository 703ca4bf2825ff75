import type { RecordedCase } from '../../model/types';
import { ImportError, type ImportOptions, type ImportSummary } from '../types';

// Placeholder while the reader is written; the API in ../index.ts is final.
export async function* readXes(_bytes: AsyncIterable<Uint8Array>, _options: ImportOptions, _summary: ImportSummary): AsyncGenerator<RecordedCase> {
  throw new ImportError('not implemented yet');
}
