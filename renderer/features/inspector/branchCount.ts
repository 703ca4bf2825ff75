/** How many branches a graph has, as the Contents panel and the status bar say. */
import { rootTransitions, type FlatGraph } from '../../../shared/model/flatten';
import type { MachineConfig } from '../../../shared/model/types';

/**
 * The states' branches and the machine root's own (machine.on / always / after): the simulator
 * and runner take the root's in every state, so leaving them out undercounted the graph.
 */
export function branchCount(flat: FlatGraph, machine: MachineConfig): number {
  return flat.transitions.length + rootTransitions(flat, machine).length;
}
