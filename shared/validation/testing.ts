/**
 * Test helpers for validation rules: a complete, valid base document to vary, and a runner that
 * applies one rule the way validateGraph does (same context, same location filling, same sort).
 */
import { withDefaults } from '../model/defaults';
import type { GraphDoc, MachineConfig } from '../model/types';
import { validateGraph } from './validate';
import type { Diagnostic, Rule } from './types';

/** A document around `machine`; `extra` overrides top-level fields (caseSchema, agents, tools…). */
export function docWith(machine: MachineConfig, extra: Partial<GraphDoc> = {}): GraphDoc {
  return withDefaults({
    format: 'sop-studio/graph@1',
    name: 'test',
    version: 1,
    rollout: 'autonomy',
    machine,
    ...extra,
  });
}

/** A small machine: start → (GO) → done. */
export function simpleMachine(): MachineConfig {
  return { id: 'm', initial: 'start', states: { start: { on: { GO: 'done' } }, done: { type: 'final' } } };
}

/** Diagnostics of one rule only. */
export function runRule(rule: Rule, doc: GraphDoc): Diagnostic[] {
  return validateGraph(doc, [rule]).filter((d) => d.code === rule.code);
}
