/**
 * Test oracle: the state/transition structure XState itself builds from a config, read off the
 * StateNode tree `createMachine` returns (ids, types, initial targets, every transition's event,
 * resolved target ids, guard, actions, meta). Independent of the studio's own flattenMachine, so
 * comparing `createMachine(exported)` with `createMachine(original)` checks the exporter against
 * XState's target resolution, not against itself. Test-only.
 */
import { createMachine, type AnyStateNode } from 'xstate';

type Json = Record<string, unknown>;

function transitionShape(def: Json): Json {
  const target = def.target as AnyStateNode[] | undefined;
  return {
    eventType: def.eventType,
    target: target?.map((t) => t.id) ?? null,
    guard: def.guard ?? null,
    reenter: def.reenter ?? false,
    actions: def.actions ?? [],
    meta: def.meta ?? null,
    description: def.description ?? null,
  };
}

function nodeShape(node: AnyStateNode, isRoot: boolean): Json {
  const transitions = [...node.transitions.values()].flat().map((d) => transitionShape(d as unknown as Json));
  const always = (node.always ?? []).map((d) => transitionShape(d as unknown as Json));
  // the root's meta differs by design (the export adds meta.sop); compare the rest
  const rest =
    isRoot && node.meta
      ? Object.fromEntries(Object.entries(node.meta as Json).filter(([k]) => k !== 'sop'))
      : (node.meta as Json | undefined);
  const meta = rest && Object.keys(rest).length > 0 ? rest : null;
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    initial: node.initial ? node.initial.target.map((t) => t.id) : null,
    history: node.history ?? null,
    meta,
    entry: node.entry,
    exit: node.exit,
    transitions,
    always,
    states: Object.fromEntries(Object.entries(node.states).map(([k, s]) => [k, nodeShape(s, false)])),
  };
}

/** XState's structure of a machine config, as plain JSON (a built-in action reads as its type). */
export function xstateStructure(config: unknown): Json {
  const shape = nodeShape(createMachine(config as never).root, true);
  // after-delays become built-in action functions (fresh closures per machine): compare their kind
  return JSON.parse(
    JSON.stringify(shape, (_k, v: unknown) =>
      typeof v === 'function' ? `fn:${(v as { type?: string }).type ?? v.name}` : v,
    ),
  ) as Json;
}

/** A copy of a machine config with `initial` = first child on every compound state lacking one (the studio's default). */
export function withExplicitInitials<T>(config: T): T {
  const copy = structuredClone(config) as Json;
  const visit = (s: Json) => {
    const states = (s.states ?? {}) as Record<string, Json>;
    const names = Object.keys(states);
    if (names.length > 0 && s.type !== 'parallel' && s.initial === undefined) s.initial = names[0];
    for (const n of names) visit(states[n]!);
  };
  visit(copy);
  return copy as T;
}
