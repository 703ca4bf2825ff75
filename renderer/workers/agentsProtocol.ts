/**
 * Messages between the Agents tab and the agents worker. One worker per comparison: it reads the
 * run's dataset from the data DB, compares the chosen policies (a model agent's HTTP calls leave
 * from here), saves the comparison with the run and answers with its id. The model key travels in
 * the start message only, is held in the worker's memory for that comparison, and is never stored.
 */
import type { AgentProgress, AgentRunInput } from '../features/simulation/agents/agentRun';
import type { ModelSecret } from '../features/simulation/agents/agentSpecs';

export type AgentsWorkerIn = { type: 'start'; input: AgentRunInput; secret: ModelSecret } | { type: 'cancel' };

export type AgentsWorkerOut =
  | { type: 'progress'; progress: AgentProgress }
  | { type: 'done'; agentRunId: string }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
