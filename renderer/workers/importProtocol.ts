/** Messages between the UI and the import worker (one import per worker). */
import type { DatasetRow } from '../features/simulation/db';
import type { ImportProgress, ImportRequest } from '../features/data/importPipeline';

export type ImportWorkerIn = { type: 'start'; request: ImportRequest; file: Blob } | { type: 'cancel' };

export type ImportWorkerOut =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; dataset: DatasetRow }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
