/**
 * Transitions that flattenMachine does not list but that move a case all the same: a compound
 * state's `onDone` and an invoked service's `onDone` / `onError`. Structure rules (reachability,
 * ways out) count them so real XState machines are not misreported. The machine root's own
 * `on` / `always` / `after` are not listed here: they are rootTransitions' (model/flatten), the
 * one reading the simulator and runner take them by, which the validation context adds itself.
 *
 * Targets are still resolved by flattenMachine (the one place target resolution lives): a shadow
 * copy of the machine, nested one level under a wrapper state that carries the machine's id,
 * holds these specs as ordinary `on` entries; the results get their real keys, paths and ids
 * back. The root's own onDone comes back with source "" (the machine itself).
 */
import { isObject } from '../model/defaults';
import { flattenMachine, type FlatTransition } from '../model/flatten';
import type { JsonPath, MachineConfig, StateConfig, TransitionSpec } from '../model/types';

/** A completion's own name (`onDone`, `invoke[1].onError`…), taken as its event, and where it is written. */
interface Origin {
  event: string;
  path: JsonPath;
}

const WRAP = '\u0000root';

/** Extra moving transitions (all of kind "on") with real paths (source "" for the root's own onDone). */
export function completionTransitions(machine: MachineConfig, basePath: JsonPath = ['machine']): FlatTransition[] {
  const origins = new Map<string, Origin>();
  const shadow = (config: StateConfig, path: JsonPath, isRoot: boolean): StateConfig => {
    const on: Record<string, TransitionSpec> = {};
    const add = (event: string, spec: unknown, specPath: JsonPath) => {
      if (spec === undefined || spec === null) return;
      const key = `\u0000${origins.size}`;
      on[key] = spec as TransitionSpec;
      origins.set(key, { event, path: specPath });
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
      states[name] = shadow(isObject(child) ? child : {}, [...path, 'states', name], false);
    }
    return {
      id: isRoot ? (machine.id ?? '(machine)') : config.id,
      type: config.type,
      initial: config.initial,
      states,
      on,
    };
  };
  const inner = shadow(machine, basePath, true);
  if (origins.size === 0) return [];
  const flat = flattenMachine({ id: '\u0000shadow', initial: WRAP, states: { [WRAP]: inner } }, basePath);
  const unwrap = (key: string): string =>
    key === WRAP ? '' : key.startsWith(WRAP + '.') ? key.slice(WRAP.length + 1) : key;
  return flat.transitions
    .filter((t) => origins.has(t.event ?? ''))
    .map((t) => {
      const origin = origins.get(t.event ?? '')!;
      const source = unwrap(t.source);
      const last = t.path[t.path.length - 1];
      const suffix = typeof last === 'number' ? [last] : [];
      return {
        ...t,
        source,
        event: origin.event,
        targets: t.targets.map(unwrap),
        id: `${source}|on|${origin.event}|${origin.path.join('/')}${suffix.length ? `/${suffix[0]}` : ''}`,
        path: [...origin.path, ...suffix],
      };
    });
}
