/**
 * Import worker: streams a File (never read whole), parses it with shared/import and writes case
 * chunks to the data DB. The UI thread only receives small progress messages, so it never freezes.
 */
import { dataDb } from '../features/simulation/db';
import { ImportCancelled, importDataset } from '../features/data/importPipeline';
import { iterateStream } from '../features/data/streams';
import type { ImportWorkerIn, ImportWorkerOut } from './importProtocol';

const controller = new AbortController();
const send = (msg: ImportWorkerOut) => postMessage(msg);

addEventListener('message', (event: MessageEvent<ImportWorkerIn>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  importDataset(dataDb(), msg.request, iterateStream(msg.file.stream()), {
    signal: controller.signal,
    onProgress: (progress) => send({ type: 'progress', progress }),
  }).then(
    (dataset) => send({ type: 'done', dataset }),
    (e: unknown) =>
      send(
        e instanceof ImportCancelled
          ? { type: 'cancelled' }
          : { type: 'error', message: String((e as Error)?.message ?? e) },
      ),
  );
});
