/**
 * Test support for xstateEquivalence.test.ts: turn a graph's machine into an XState config where
 * every transition carries a one-shot guard `g` ({id, expr}) and an action `take` ({id}). Targets
 * are left exactly as written, so XState resolves them itself.
 */
import type { JsonPath, MachineConfig } from '../model/types';

/** Transitions to instrument: flattenMachine's or compileGraph's (which adds the root's own). */
export interface OracleTransition {
  id: string;
  path: JsonPath;
  guardExpr: string | null;
}

export function buildOracleConfig(
  machine: MachineConfig,
  transitions: readonly OracleTransition[],
): Record<string, unknown> {
  const root = { machine: structuredClone(machine) } as Record<string, unknown>;
  for (const t of transitions) {
    let parent: Record<string | number, unknown> = root;
    for (const p of t.path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = t.path[t.path.length - 1]!;
    const raw = parent[last];
    const obj = (typeof raw === 'string' ? { target: raw } : { ...(raw as object) }) as Record<string, unknown>;
    obj.guard = { type: 'g', params: { id: t.id, expr: t.guardExpr } };
    obj.actions = { type: 'take', params: { id: t.id } };
    parent[last] = obj;
  }
  const m = root.machine as Record<string, unknown>;
  return { ...m, context: { vars: {}, mode: 'human', pick: null, frozen: false, taken: null } };
}
