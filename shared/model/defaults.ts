/**
 * Fill defaults: a bare XState machine config (just the `machine` part) loads as a graph document.
 * Unknown fields are kept as they are (lossless round trip). Does not validate: see schema.ts.
 */
import { GRAPH_FORMAT, type GraphDoc, type MachineConfig } from './types';

/** A JSON object (not null, not an array): what a document, machine or state must be. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when the value looks like a bare XState machine config rather than a graph document. */
export function isBareMachine(input: unknown): boolean {
  return (
    isObject(input) &&
    input.format === undefined &&
    input.machine === undefined &&
    (isObject(input.states) || typeof input.initial === 'string')
  );
}

/** Wrap a bare machine or complete a partial document with defaults. The input is not mutated. */
export function withDefaults(input: Record<string, unknown>): GraphDoc {
  if (isBareMachine(input)) {
    const machine = input as MachineConfig;
    return {
      format: GRAPH_FORMAT,
      name: typeof machine.id === 'string' && machine.id ? machine.id : 'Untitled SOP',
      version: 1,
      rollout: 'observe',
      caseSchema: {},
      agents: {},
      tools: {},
      machine,
      layout: {},
    };
  }
  return {
    ...input,
    format: (input.format as typeof GRAPH_FORMAT) ?? GRAPH_FORMAT,
    name: (input.name as string) ?? (input.machine as MachineConfig | undefined)?.id ?? 'Untitled SOP',
    version: (input.version as number) ?? 1,
    rollout: (input.rollout as GraphDoc['rollout']) ?? 'observe',
    caseSchema: (input.caseSchema as GraphDoc['caseSchema']) ?? {},
    agents: (input.agents as GraphDoc['agents']) ?? {},
    tools: (input.tools as GraphDoc['tools']) ?? {},
    machine: (input.machine as MachineConfig) ?? {},
    layout: (input.layout as GraphDoc['layout']) ?? {},
  };
}
