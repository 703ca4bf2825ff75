/** The blank document: no states yet (the canvas invites the first one). */
import { GRAPH_FORMAT, type GraphDoc } from '../types';

/** A fresh, empty graph. */
export function emptyDoc(name = 'Untitled SOP'): GraphDoc {
  return {
    format: GRAPH_FORMAT,
    name,
    version: 1,
    rollout: 'observe',
    caseSchema: {},
    agents: {},
    tools: {},
    machine: { id: 'sop', states: {} },
    layout: {},
  };
}
