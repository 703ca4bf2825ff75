/** Drives one agents worker from the Agents tab: start, progress, cancel; resolves with the saved agent run's id (null if cancelled). */
import type { AgentsWorkerIn, AgentsWorkerOut } from '../../../workers/agentsProtocol';
import type { AgentProgress, AgentRunInput } from './agentRun';
import type { ModelSecret } from './agentSpecs';

export class AgentsSession {
  private readonly worker: Worker;
  readonly done: Promise<string | null>;

  constructor(input: AgentRunInput, secret: ModelSecret, onProgress: (p: AgentProgress) => void) {
    this.worker = new Worker(new URL('../../../workers/agents.worker.ts', import.meta.url), {
      type: 'module',
      name: 'agents',
    });
    this.done = new Promise((resolve, reject) => {
      this.worker.onmessage = (e: MessageEvent<AgentsWorkerOut>) => {
        const m = e.data;
        if (m.type === 'progress') return onProgress(m.progress);
        this.worker.terminate();
        if (m.type === 'done') resolve(m.agentRunId);
        else if (m.type === 'cancelled') resolve(null);
        else reject(new Error(m.message));
      };
      this.worker.onerror = (e) => {
        this.worker.terminate();
        reject(new Error(e.message || 'the agents worker failed'));
      };
    });
    this.post({ type: 'start', input, secret });
  }

  private post(msg: AgentsWorkerIn) {
    this.worker.postMessage(msg);
  }

  /** A model agent stops at its next call (partial results are saved); otherwise the comparison is dropped. */
  cancel(): void {
    this.post({ type: 'cancel' });
  }

  /** Stop at once (the panel went away). */
  dispose(): void {
    this.worker.terminate();
  }
}
