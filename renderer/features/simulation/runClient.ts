/**
 * Drives a replay worker from the UI: start a run (progress, cancel), then ask the same worker for
 * what-if variants, which it answers from the facts it kept in memory.
 */
import type {
  ReplayWorkerIn,
  ReplayWorkerOut,
  RunProgress,
  RunRequest,
  VariantSpec,
} from '../../workers/replayProtocol';
import type { SimulationResult } from '../../../shared/replay/result';

export interface RunDone {
  runId: string;
  result: SimulationResult;
  ms: number;
}

export interface WhatIfAnswer {
  result: SimulationResult;
  method: 'rescored' | 'rereplayed';
  ms: number;
}

export class RunSession {
  private readonly worker: Worker;
  private nextRequest = 1;
  private readonly pending = new Map<number, { resolve(a: WhatIfAnswer): void; reject(e: Error): void }>();
  readonly done: Promise<RunDone | null>;

  constructor(request: RunRequest, onProgress: (p: RunProgress) => void) {
    this.worker = new Worker(new URL('../../workers/replay.worker.ts', import.meta.url), {
      type: 'module',
      name: 'replay',
    });
    this.done = new Promise((resolve, reject) => {
      this.worker.onmessage = (e: MessageEvent<ReplayWorkerOut>) => {
        const m = e.data;
        switch (m.type) {
          case 'progress':
            return onProgress(m.progress);
          case 'done':
            return resolve({ runId: m.runId, result: m.result, ms: m.ms });
          case 'cancelled':
            this.dispose();
            return resolve(null);
          case 'whatif': {
            const p = this.pending.get(m.requestId);
            this.pending.delete(m.requestId);
            return p?.resolve({ result: m.result, method: m.method, ms: m.ms });
          }
          case 'error': {
            if (m.requestId !== undefined) {
              const p = this.pending.get(m.requestId);
              this.pending.delete(m.requestId);
              return p?.reject(new Error(m.message));
            }
            this.dispose();
            return reject(new Error(m.message));
          }
        }
      };
      this.worker.onerror = (e) => {
        this.dispose();
        reject(new Error(e.message || 'the replay worker failed'));
      };
    });
    this.post({ type: 'run', request });
  }

  private post(msg: ReplayWorkerIn) {
    this.worker.postMessage(msg);
  }

  cancel(): void {
    this.post({ type: 'cancel' });
  }

  /** Re-score the kept facts under a variant (or re-replay them if the engine cannot re-score). */
  whatIf(variant: VariantSpec): Promise<WhatIfAnswer> {
    const requestId = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.post({ type: 'whatif', requestId, variant });
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the run was closed'));
    this.pending.clear();
  }
}
