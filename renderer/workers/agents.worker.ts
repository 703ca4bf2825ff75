/** Agents worker: one agent comparison off the UI thread (see agentsProtocol.ts). */
import { AgentRunCancelled, runAgentComparison } from '../features/simulation/agents/agentRun';
import { dataDb } from '../features/simulation/db';
import type { AgentsWorkerIn, AgentsWorkerOut } from './agentsProtocol';

let cancelled = false;
const send = (msg: AgentsWorkerOut) => postMessage(msg);

addEventListener('message', (event: MessageEvent<AgentsWorkerIn>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    cancelled = true;
    return;
  }
  let last = 0;
  runAgentComparison(dataDb(), msg.input, {
    secret: msg.secret,
    fetch: (input, init) => fetch(input, init),
    cancelled: () => cancelled,
    onProgress: (progress) => {
      // at most ~8 messages a second
      if (progress.ms - last < 120 && progress.phase === 'comparing' && !progress.model) return;
      last = progress.ms;
      send({ type: 'progress', progress });
    },
  }).then(
    (row) => send({ type: 'done', agentRunId: row.id }),
    (e: unknown) =>
      send(
        e instanceof AgentRunCancelled
          ? { type: 'cancelled' }
          : { type: 'error', message: String((e as Error)?.message ?? e) },
      ),
  );
});
