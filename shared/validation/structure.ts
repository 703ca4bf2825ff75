/**
 * Transitions that flattenMachine does not list but that move a case all the same: a compound
 * state's `onDone` and an invoked service's `onDone` / `onError`. Structure rules (reachability,
 * ways out) count them so real XState machines with `invoke` are not misreported.
 *
 * Targets are still resolved by flattenMachine (the one place target resolution lives): a shadow
 * copy of the machine carries these specs as ordinary `on` entries, and the resulting transitions
 * get their real paths and ids back.
 */
import { flattenMachine, type FlatTransition } from '../model/flatten';
import type { JsonPath, MachineConfig, StateConfig, TransitionSpec } from '../model/types';

interface Origin {
  event: string;
  path: JsonPath;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Extra transitions (kind 'on', event like "onDone" or "invoke[0].onError") with real paths. */
export function completionTransitions(machine: MachineConfig, basePath: JsonPath = ['machine']): FlatTransition[] {
  const origins = new Map<string, Origin>();
  let found = false;
  const shadow = (config: StateConfig, path: JsonPath): StateConfig => {
    const on: Record<string, TransitionSpec> = {};
    const add = (event: string, spec: unknown, specPath: JsonPath) => {
      if (spec === undefined || spec === null) return;
      const key = `\u0000${Object.keys(on).length}`;
      on[key] = spec as TransitionSpec;
      origins.set(key, { event, path: specPath });
      found = true;
    };
    add('onDone', config.onDone, [...path, 'onDone']);
    const invokes = Array.isArray(config.invoke) ? config.invoke : config.invoke !== undefined ? [config.invoke] : [];
    invokes.forEach((inv, i) => {
      if (!isObject(inv)) return;
      const invPath = Array.isArray(config.invoke) ? [...path, 'invoke', i] : [...path, 'invoke'];
      const label = Array.isArray(config.invoke) ? `invoke[${i}]` : 'invoke';
      add(`${label}.onDone`, inv.onDone, [...invPath, 'onDone']);
      add(`${label}.onError`, inv.onError, [...invPath, 'onError']);
    });
    const states: Record<string, StateConfig> = {};
    for (const [name, child] of Object.entries(isObject(config.states) ? config.states : {})) {
      states[name] = shadow(isObject(child) ? (child as StateConfig) : {}, [...path, 'states', name]);
    }
    return { id: config.id, type: config.type, initial: config.initial, states, on };
  };
  const copy = shadow(machine, basePath) as MachineConfig;
  if (!found) return [];
  copy.id = machine.id;
  const flat = flattenMachine(copy, basePath);
  return flat.transitions.map((t) => {
    const origin = origins.get(t.event ?? '')!;
    const suffix = t.path.length > 0 && typeof t.path[t.path.length - 1] === 'number' ? [t.path[t.path.length - 1]!] : [];
    return { ...t, event: origin.event, id: `${t.source}|on|${origin.event}|${t.order}`, path: [...origin.path, ...suffix] };
  });
}
