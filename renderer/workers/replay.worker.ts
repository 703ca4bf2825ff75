/**
 * Replay worker: reads a dataset's chunks from the data DB (never through the UI thread), replays
 * them with shared/replay, stores the run, then keeps the compact facts so what-if variants are
 * re-scored here without reading the data again.
 */
import { whatIf } from '../../shared/replay/whatIf';
import { dataDb } from '../features/simulation/db';
import { RunCancelled, runReplay, type RunOutput } from '../features/simulation/runPipeline';
import type { ReplayWorkerIn, ReplayWorkerOut } from './replayProtocol';

const controller = new AbortController();
let kept: RunOutput | null = null;
const send = (msg: ReplayWorkerOut) => postMessage(msg);

addEventListener('message', (event: MessageEvent<ReplayWorkerIn>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'cancel':
      controller.abort();
      return;
    case 'run': {
      const t0 = performance.now();
      let last = 0;
      runReplay(dataDb(), msg.request, {
        signal: controller.signal,
        onProgress: (cases, totalCases) => {
          const ms = performance.now() - t0;
          if (ms - last < 100 && cases < totalCases) return;
          last = ms;
          send({ type: 'progress', progress: { cases, totalCases, ms } });
        },
      }).then(
        (out) => {
          kept = out;
          send({ type: 'done', runId: out.row.id, result: out.result, ms: performance.now() - t0 });
        },
        (e: unknown) =>
          send(
            e instanceof RunCancelled
              ? { type: 'cancelled' }
              : { type: 'error', message: String((e as Error)?.message ?? e) },
          ),
      );
      return;
    }
    case 'whatif': {
      if (!kept)
        return send({ type: 'error', requestId: msg.requestId, message: 'no replay facts in this worker yet' });
      try {
        const t0 = performance.now();
        const result = whatIf(kept.compiled, kept.facts, msg.variant);
        send({ type: 'whatif', requestId: msg.requestId, result, method: 'rescored', ms: performance.now() - t0 });
      } catch (e) {
        send({ type: 'error', requestId: msg.requestId, message: String((e as Error)?.message ?? e) });
      }
      return;
    }
  }
});
